#!/usr/bin/env bash
# Runs kvo's benchmarks on generated data (not part of the test suite):
#  1. the engine micro-benchmarks (Google Benchmark: hotspots, density, statistics);
#  2. ingest: 1 million police rows from a semicolon CSV (Windows-1252, decimal commas)
#     into a GeoPackage with `kvo run`, side by side with `ogr2ogr` converting the same CSV;
#     wall time and peak memory from /usr/bin/time.
#   benchmarks/run.sh BUILD_DIR [ROWS]
set -euo pipefail
BUILD=${1:-build/bench}
ROWS=${2:-1000000}
cd "$(dirname "$0")/.."
WORK=$(mktemp -d /tmp/kvo-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== engine micro-benchmarks"
"$BUILD/benchmarks/kvo_bench" --benchmark_min_time=0.5 || true

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
/usr/bin/time -f "kvo run: %e s wall, %M KB peak RSS" "$BUILD/kvo" run "$WORK/ingest.toml" -o "$WORK/kvo.gpkg" --quiet
/usr/bin/time -f "ogr2ogr: %e s wall, %M KB peak RSS" ogr2ogr -f GPKG "$WORK/ogr.gpkg" "$WORK/politie.csv" \
  -oo X_POSSIBLE_NAMES=x_rd -oo Y_POSSIBLE_NAMES=y_rd -a_srs EPSG:28992 -nln politie
