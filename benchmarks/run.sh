#!/usr/bin/env bash
# Runs kvo's benchmarks on generated data (not part of the test suite):
#  1. the engine micro-benchmarks (Google Benchmark: hotspots, density, statistics);
#  2. ingest: 1 million police rows from a semicolon CSV (Windows-1252, decimal commas)
#     into a GeoPackage with `kvo run`, side by side with `ogr2ogr` converting the same CSV;
#     wall time and peak memory from /usr/bin/time.
#   benchmarks/run.sh BUILD_DIR [ROWS]      (KVO_BENCH=engine or ingest runs only that part)
set -euo pipefail
BUILD=${1:-build/bench}
ROWS=${2:-1000000}
PART=${KVO_BENCH:-all}
cd "$(dirname "$0")/.."
WORK=$(mktemp -d /tmp/kvo-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ "$PART" != ingest ]; then
  echo "== engine micro-benchmarks"
  "$BUILD/benchmarks/kvo_bench" --benchmark_min_time=0.5 || true
fi
[ "$PART" = engine ] && exit 0

echo "== ingest: $ROWS police rows"
"$BUILD/kvo_generate" police-csv --rows "$ROWS" --seed 1 --out "$WORK/politie.csv"
cat > "$WORK/gebied.geojson" <<'JSON'
{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"ALL","naam":"Bench region"},"geometry":{"type":"Polygon","coordinates":[[[0,300000],[300000,300000],[300000,625000],[0,625000],[0,300000]]]}}]}
JSON
head -1 "$WORK/politie.csv" > /dev/null
cat > "$WORK/ingest.toml" <<'TOML'
title = "ingest benchmark"
as_of = 2026-01-31
[areas]
path = "gebied.geojson"
id = "code"
name = "naam"
[periods.baseline]
from = 2000-01-01
to = 2026-01-31
[[sources]]
name = "politie"
kind = "police"
path = "politie.csv"
encoding = "windows-1252"
x = "x_rd"
y = "y_rd"
id = "registratienummer"
start = ["pleegdatum_van", "pleegtijd_van"]
end = ["pleegdatum_tot", "pleegtijd_tot"]
code = "maatschappelijke_klasse"
date_format = "%d-%m-%Y"
[hotspots]
enabled = false
[density]
enabled = false
TOML
# The fixed base (libraries, PROJ database, buffers) is measured on 10,000 rows; the
# per-incident figure is the growth of peak RSS from there, divided by the extra incidents.
measure() {  # measure NAME COMMAND... -> prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o "$WORK/$1.time" "${@:2}" > "$WORK/$1.log" 2>&1
  cat "$WORK/$1.time"
}
accepted() { sed -n 's/.*(\([0-9]*\) read, \([0-9]*\) accepted.*/\2/p' "$WORK/$1.log"; }
mkdir -p "$WORK/small"
"$BUILD/kvo_generate" police-csv --rows 10000 --seed 1 --out "$WORK/small/politie.csv" > /dev/null
cp "$WORK/gebied.geojson" "$WORK/ingest.toml" "$WORK/small/"
read -r _ base_kb < <(measure base "$BUILD/kvo" run "$WORK/small/ingest.toml" -o "$WORK/small/kvo.gpkg")
base_n=$(accepted base)
read -r kvo_s kvo_kb < <(measure kvo "$BUILD/kvo" run "$WORK/ingest.toml" -o "$WORK/kvo.gpkg")
kvo_n=$(accepted kvo)
read -r ogr_s ogr_kb < <(measure ogr ogr2ogr -f GPKG "$WORK/ogr.gpkg" "$WORK/politie.csv" \
  -oo X_POSSIBLE_NAMES=x_rd -oo Y_POSSIBLE_NAMES=y_rd -a_srs EPSG:28992 -nln politie)
awk -v rows="$ROWS" -v n="$kvo_n" -v bn="$base_n" -v ks="$kvo_s" -v kk="$kvo_kb" -v bk="$base_kb" \
    -v os="$ogr_s" -v ok="$ogr_kb" 'BEGIN {
  printf "kvo run:  %6.2f s  %9.0f rows/s  peak %4.0f MB  (base %3.0f MB; %5.1f bytes per incident above it)\n",
         ks, rows / ks, kk / 1024, bk / 1024, (kk - bk) * 1024 / (n - bn)
  printf "ogr2ogr:  %6.2f s  %9.0f rows/s  peak %4.0f MB\n", os, rows / os, ok / 1024
  printf "kvo is %.2fx as fast as ogr2ogr (%d incidents accepted, all normalised and indexed)\n", os / ks, n
}'
