#!/usr/bin/env bash
# Runs every fuzz target for a fixed time on its seed corpus (docs/fuzzing.md).
#   scripts/fuzz.sh [BUILD_DIR] [SECONDS_PER_TARGET] [TARGET...]
# Exits non-zero when any target finds a crash, leak, UB or hang; the input is kept in
# BUILD_DIR/fuzz-artifacts/ and printed as base64 so a CI log is enough to reproduce it.
set -uo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/fuzz}
seconds=${2:-20}
shift $(( $# < 2 ? $# : 2 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for d in fuzz/corpus/*/; do targets+=("$(basename "$d")"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for s in /usr/lib/llvm-14/bin/llvm-symbolizer "$(command -v llvm-symbolizer || true)"; do
  if [ -x "$s" ]; then export ASAN_SYMBOLIZER_PATH=$s; break; fi
done

artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
failed=()
for t in "${targets[@]}"; do
  bin=$build/fuzz/kvo_fuzz_$t
  if [ ! -x "$bin" ]; then
    echo "kvo fuzz: $bin is missing (build with: cmake --preset fuzz && cmake --build --preset fuzz)" >&2
    failed+=("$t"); continue
  fi
  # New inputs go to the first (scratch) directory; the checked-in seeds are only read.
  work=$build/fuzz-corpus/$t
  mkdir -p "$work"
  log=$artifacts/$t.log
  rm -f "$artifacts/$t-"*
  echo "kvo fuzz: $t for ${seconds}s"
  start=$SECONDS
  dict=(); [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  "$bin" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$artifacts/$t-" "$work" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  stats=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+.*DONE' "$log" | grep -oE 'cov: [0-9]+' | tail -1)
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    echo "kvo fuzz: FAILED $t (exit $rc) after $((SECONDS - start))s; its log:" >&2
    # From the first report on (the sanitizer's, then libFuzzer's own, would repeat it).
    first=$(grep -n -m1 -E 'runtime error|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|ALARM' "$log" | cut -d: -f1)
    tail -n +"${first:-1}" "$log" | head -n 50 >&2
    for f in "$artifacts/$t-"*; do
      case $f in *.log) continue ;; esac
      [ -f "$f" ] || continue
      echo "kvo fuzz: failing input $f (base64):" >&2
      head -c 4096 "$f" | base64 >&2
      echo "kvo fuzz: reproduce with: $bin $f" >&2
    done
  else
    echo "kvo fuzz: ok $t: ${stats:-?} inputs, ${cov:-cov: ?} edges, $((SECONDS - start))s"
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "kvo fuzz: FAILED: ${failed[*]} (inputs and logs in $artifacts/)" >&2
  exit 1
fi
echo "kvo fuzz: all ${#targets[@]} targets ran ${seconds}s each without a finding"
