#!/usr/bin/env bash
# Installs the Debian 12 packages kvo needs to build, test and run its demo.
# Idempotent: only missing packages are installed. Uses sudo when not root.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake pkg-config ninja-build git
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data
  libboost-dev libboost-math-dev
  catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libfast-float-dev
  libbenchmark-dev libsqlite3-dev sqlite3 ccache libpq-dev
)
# Used by tests only: GDAL's GeoPackage validator, the headless report check and the
# headless QGIS check (a test whose tool is missing is reported by ctest as skipped);
# a PostgreSQL server with PostGIS for the PostGIS output tests (started by the tests
# themselves, on a private socket);
# clang 14 with libFuzzer and the sanitizer runtimes (plus llvm-symbolizer) for `make fuzz`.
TEST_PKGS=(python3-gdal chromium python3-qgis postgresql postgresql-15-postgis-3 clang-14 libclang-rt-14-dev llvm-14)

want=("${BUILD_PKGS[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "kvo: installing missing packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
