#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server with PostGIS for the PostGIS output
# tests: a private cluster in DIR, listening only on a Unix socket in DIR, trust auth.
#   postgis_server.sh start DIR   prints the libpq connection string; exit 77 when the
#                                 Debian packages (postgresql, postgresql-15-postgis-3)
#                                 are missing, so the test is reported as skipped
#   postgis_server.sh stop DIR
set -euo pipefail
cmd=${1:?usage: postgis_server.sh start|stop DIR}
dir=${2:?usage: postgis_server.sh start|stop DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$cmd" = stop ]; then
  [ -n "$bin" ] && [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  exit 0
fi

if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server not installed (Debian package postgresql)" >&2
  exit 77
fi
version=$(basename "$(dirname "$bin")")
if [ ! -f "/usr/share/postgresql/$version/extension/postgis.control" ]; then
  echo "PostGIS not installed (Debian package postgresql-$version-postgis-3)" >&2
  exit 77
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "no postgres user to run the server as" >&2
  exit 77
fi

mkdir -p "$dir"
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -A trust -U kvo -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U kvo -E UTF8 --locale=C >"$dir/initdb.log" 2>&1
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c full_page_writes=off" \
  start >/dev/null
"$bin/createdb" -h "$dir" -U kvo kvo_test
"$bin/psql" -h "$dir" -U kvo -d kvo_test -q -v ON_ERROR_STOP=1 \
  -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION postgis_raster" >/dev/null
echo "host='$dir' user=kvo dbname=kvo_test"
