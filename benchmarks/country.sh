#!/usr/bin/env bash
# Country-scale benchmark (not part of the test suite): every KVO area of the Netherlands
# analysed from one national police export. Generates the data once with
# `kvo_generate country` (a synthetic Netherlands: politie.csv, kvo_gebieden.geojson,
# nederland.geojson) and measures, side by side, wall time and peak memory from /usr/bin/time:
#   ingest    one spec over nederland.geojson with [hotspots] and [density] off
#   country   the same spec with hot spots and density on (default settings)
#   N areas   N specs, one per KVO area (the first N codes), all in ONE `kvo run` (defaults)
# Each line gives the ratio to the ingest time and the largest output GeoPackage.
#   benchmarks/country.sh BUILD_DIR [N...]     (default N: 100 and all areas)
# Environment: KVO_BENCH_ROWS (police rows per year, default 420000), KVO_BENCH_AREAS (KVO
# areas generated, 1000), KVO_BENCH_TOWNS (350), KVO_BENCH_SEED (1), KVO_BENCH_1000=0 leaves
# out the run over all areas, KVO_BENCH_KEEP=1 keeps the work folder (its path is printed).
set -euo pipefail
BUILD=$(cd "${1:?usage: benchmarks/country.sh BUILD_DIR [N...]}" && pwd)
shift
ROWS=${KVO_BENCH_ROWS:-420000}
AREAS=${KVO_BENCH_AREAS:-1000}
TOWNS=${KVO_BENCH_TOWNS:-350}
SEED=${KVO_BENCH_SEED:-1}
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then
  SIZES=(100)
  [ "${KVO_BENCH_1000:-1}" = 0 ] || SIZES+=("$AREAS")
fi
cd "$(dirname "$0")/.."
WORK=$(mktemp -d /tmp/kvo-country.XXXXXX)
if [ "${KVO_BENCH_KEEP:-0}" = 1 ]; then
  echo "work folder: $WORK (kept)"
else
  trap 'rm -rf "$WORK"' EXIT
fi

echo "== data: $TOWNS towns, $AREAS KVO areas, $ROWS police rows per year (2023-2024)"
/usr/bin/time -f "%e %M" -o "$WORK/generate.time" "$BUILD/kvo_generate" country --towns "$TOWNS" \
  --areas "$AREAS" --rows-per-year "$ROWS" --seed "$SEED" --out "$WORK/data" 2> "$WORK/generate.log" || {
  cat "$WORK/generate.log" >&2
  exit 1
}
cat "$WORK/generate.log"
awk '{printf "  generation: %.2f s wall, peak %.0f MB\n", $1, $2 / 1024}' "$WORK/generate.time"
find "$WORK/data" -type f -printf '%f %s\n' | sort | awk '{printf "  %-22s %9.2f MB\n", $1, $2 / 1048576}'

# The police source as benchmarks/run.sh reads it; the path is relative to the spec's folder.
source_block() {
  cat <<TOML
[[sources]]
name = "politie"
kind = "police"
path = "$1"
encoding = "windows-1252"
x = "x_rd"
y = "y_rd"
id = "registratienummer"
start = ["pleegdatum_van", "pleegtijd_van"]
end = ["pleegdatum_tot", "pleegtijd_tot"]
code = "maatschappelijke_klasse"
date_format = "%d-%m-%Y"
TOML
}
periods_block() {
  cat <<'TOML'
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[periods.followup]
from = 2024-01-01
to = 2024-12-31
TOML
}
country_spec() {  # country_spec TITLE OUTPUT
  cat <<TOML
title = "$1"
as_of = 2025-01-31
output = "$2"
[areas]
path = "data/nederland.geojson"
id = "code"
name = "naam"
TOML
  periods_block
  source_block "data/politie.csv"
}
mkdir -p "$WORK/out/ingest" "$WORK/out/country"
{
  country_spec "Nederland, ingest only" "out/ingest/nederland.gpkg"
  printf '[hotspots]\nenabled = false\n[density]\nenabled = false\n'
} > "$WORK/ingest.toml"
country_spec "Nederland" "out/country/nederland.gpkg" > "$WORK/country.toml"

# One small GeoJSON per KVO area (kvo's [areas] has no attribute filter): the generator's
# GeoJSON (GDAL) holds one feature per line after the header that ends with "features": [.
mkdir -p "$WORK/specs/areas" "$WORK/specs/out"
awk -v dir="$WORK/specs" '
  !body { head = head $0 "\n"; if ($0 ~ /"features": \[/) body = 1; next }
  /^\{ "type": "Feature"/ {
    line = $0
    sub(/,$/, "", line)
    match(line, /"code": "[^"]*"/); code = substr(line, RSTART + 9, RLENGTH - 10)
    match(line, /"naam": "[^"]*"/); naam = substr(line, RSTART + 9, RLENGTH - 10)
    file = dir "/areas/" code ".geojson"
    printf "%s%s\n]\n}\n", head, line > file
    close(file)
    print code "\t" naam > (dir "/codes.tsv")
  }' "$WORK/data/kvo_gebieden.geojson"
while IFS=$'\t' read -r code naam; do
  {
    cat <<TOML
title = "$code $naam"
as_of = 2025-01-31
output = "out/$code.gpkg"
[areas]
path = "areas/$code.geojson"
id = "code"
name = "naam"
kind_field = "soort"
TOML
    periods_block
    source_block "../data/politie.csv"
  } > "$WORK/specs/$code.toml"
done < "$WORK/specs/codes.tsv"
n_areas=$(wc -l < "$WORK/specs/codes.tsv")
[ "$n_areas" -eq "$AREAS" ] || { echo "split $n_areas area files, expected $AREAS" >&2; exit 1; }

echo "== kvo check over the whole country (not timed)"
"$BUILD/kvo" check "$WORK/country.toml" 2>&1 | sed 's/^/  /' || true

measure() {  # measure NAME COMMAND... -> prints "seconds peak_kb exit_status"
  local status=0
  /usr/bin/time -f "%e %M" -o "$WORK/$1.time" "${@:2}" > "$WORK/$1.log" 2>&1 || status=$?
  echo "$(tail -1 "$WORK/$1.time") $status"
}
largest_mb() { find "$1" -name '*.gpkg' -printf '%s\n' | sort -n | tail -1 | awk '{printf "%.1f", $1 / 1048576}'; }
total_mb() { find "$1" -name '*.gpkg' -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1048576}'; }
INGEST_S=
report() {  # report LABEL NAME OUTDIR SECONDS PEAK_KB STATUS
  local ratio=-
  [ -n "$INGEST_S" ] && ratio=$(awk -v s="$4" -v i="$INGEST_S" 'BEGIN {printf "%.2fx", s / i}')
  printf "%-30s %9.1f s %8.0f MB %9s %10s MB %10s MB" "$1" "$4" "$(($5 / 1024))" "$ratio" \
    "$(largest_mb "$3")" "$(total_mb "$3")"
  [ "$6" = 0 ] && echo || echo "  FAILED (exit $6; $WORK/$2.log)"
  if [ "$6" != 0 ]; then grep -m 5 -E '^(kvo:|FAILED)' "$WORK/$2.log" | sed 's/^/    /' || true; fi
  # Warnings, counted by kind (numbers masked).
  grep -E '^warning:' "$WORK/$2.log" | sed 's/[0-9][0-9.]*/N/g' | sort | uniq -c |
    awk '{n = $1; sub(/^ *[0-9]+ /, ""); printf "    %5dx %s\n", n, $0}' || true
}

echo "== runs (wall time, peak RSS, ratio to ingest, largest and total output GeoPackage)"
printf "%-30s %11s %11s %9s %13s %13s\n" case wall peak ratio largest total
read -r s kb st < <(measure ingest "$BUILD/kvo" run "$WORK/ingest.toml")
INGEST_S=$s
report "ingest only" ingest "$WORK/out/ingest" "$s" "$kb" "$st"
sed -n 's/^ok .*(\(.*\))$/    \1/p' "$WORK/ingest.log"
read -r s kb st < <(measure country "$BUILD/kvo" run "$WORK/country.toml")
report "whole country, defaults" country "$WORK/out/country" "$s" "$kb" "$st"
done_sizes=" "
for n in "${SIZES[@]}"; do
  [ "$n" -gt "$AREAS" ] && n=$AREAS
  case "$done_sizes" in *" $n "*) continue ;; esac
  done_sizes+="$n "
  rm -rf "$WORK/specs/out" && mkdir -p "$WORK/specs/out"
  mapfile -t specs < <(head -n "$n" "$WORK/specs/codes.tsv" | cut -f1 | sed "s|^|$WORK/specs/|; s|$|.toml|")
  read -r s kb st < <(measure "batch$n" "$BUILD/kvo" run "${specs[@]}")
  report "$n KVO areas, one kvo run" "batch$n" "$WORK/specs/out" "$s" "$kb" "$st"
  awk -v s="$s" -v n="$n" 'BEGIN {printf "    %.2f s per area\n", s / n}'
  grep -E '^[0-9]+ of [0-9]+ specs done' "$WORK/batch$n.log" | sed 's/^/    /' || true
done
