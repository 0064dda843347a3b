#!/usr/bin/env bash
# Runs the bundled demo: the baseline (nulmeting) and the follow-up (vervolgmeting) of the
# fictional town Zuidhaven, and tells where the GeoPackages are.
set -euo pipefail
KVO=${1:?usage: demo.sh KVO_BINARY OUT_DIR}
OUT=${2:-out}
cd "$(dirname "$0")/.."
mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}   # 2026-01-01: reproducible demo output

echo "== kvo check: inputs and rejects of the baseline spec"
"$KVO" check data/demo/nulmeting.toml
echo
echo "== kvo run: baseline 2023 (nulmeting)"
"$KVO" run data/demo/nulmeting.toml -o "$OUT/nulmeting.gpkg"
echo
echo "== kvo run: follow-up 2025 (vervolgmeting) against the baseline"
"$KVO" run data/demo/vervolgmeting.toml -o "$OUT/vervolgmeting.gpkg" --baseline "$OUT/nulmeting.gpkg" \
  --summary-json "$OUT/vervolgmeting-summary.json"
if "$KVO" help report >/dev/null 2>&1; then
  "$KVO" report "$OUT/vervolgmeting.gpkg" -o "$OUT/vervolgmeting.html"
fi
echo
echo "== kvo inspect $OUT/vervolgmeting.gpkg"
"$KVO" inspect "$OUT/vervolgmeting.gpkg"
echo
echo "Done. The GeoPackages are in $(cd "$OUT" && pwd):"
ls -1 "$OUT" | sed 's/^/  /'
echo "Open them in QGIS (Layer > Add Layer > Add Vector Layer, or Project > Open From > GeoPackage)."
