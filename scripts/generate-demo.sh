#!/usr/bin/env bash
# Rebuilds the Zuidhaven demo data in data/demo from the generator (data/generator), and
# reports whether the files changed. The generator is deterministic: on an unchanged
# generator every file is byte-identical (see docs/demo.md). data/demo/README.md is
# hand-written; update its numbers from the facts this script prints when they change.
#   scripts/generate-demo.sh [BUILD_DIR]     (default build/gen)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/gen}
GENERATOR=()
command -v ninja >/dev/null 2>&1 && GENERATOR=(-G Ninja)
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release -DKVO_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD" --target kvo_generate -j2

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$BUILD/kvo_generate" demo "$TMP"
mkdir -p data/demo
changed=0
for f in "$TMP"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "data/demo/$name"; then
    echo "changed: data/demo/$name"
    changed=1
  fi
  cp "$f" "data/demo/$name"
done
if [ "$changed" = 0 ]; then
  echo "data/demo is up to date (all files byte-identical)."
else
  echo "data/demo was rewritten; check data/demo/README.md against the facts above."
fi
