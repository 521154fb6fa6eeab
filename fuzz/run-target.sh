#!/usr/bin/env bash
# Runs one fuzz target for ctest (fuzz/CMakeLists.txt); see fuzz/README.md.
#   run-target.sh replay BINARY REGRESSIONS_DIR
#       every file kept in REGRESSIONS_DIR once (a directory with none passes: nothing to replay yet);
#   run-target.sh fuzz BINARY SEEDS_DIR WORK_DIR [DICTIONARY]
#       a session of FUZZ_SECONDS (default 20) seconds. New inputs go to WORK_DIR (kept between runs, so
#       `make fuzz` builds on earlier sessions); the committed seeds are only read. A crash input is written
#       to WORK_DIR/artifacts/ and the test fails: keep it in fuzz/regressions/<target>/ once fixed.
set -euo pipefail
mode=$1 binary=$2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
case "$mode" in
  replay)
    shopt -s nullglob
    inputs=("$3"/*)
    if [ "${#inputs[@]}" -eq 0 ]; then
      echo "no regression input in $3"
      exit 0
    fi
    exec "$binary" -runs=1 "${inputs[@]}"
    ;;
  fuzz)
    seeds=$3 work=$4 dictionary=${5:-}
    mkdir -p "$work/corpus" "$work/artifacts"
    # FUZZ_SEED fixes the mutations (make test sets it, so that a run is repeatable); unset, libFuzzer draws one.
    options=(-max_total_time="${FUZZ_SECONDS:-20}" -timeout=10 -rss_limit_mb=2048 -max_len=16384
             -print_final_stats=1 -artifact_prefix="$work/artifacts/")
    [ -n "$dictionary" ] && options+=(-dict="$dictionary")
    [ -n "${FUZZ_SEED:-}" ] && options+=(-seed="$FUZZ_SEED")
    exec "$binary" "${options[@]}" "$work/corpus" "$seeds"
    ;;
  *)
    echo "usage: run-target.sh replay|fuzz BINARY ..." >&2
    exit 2
    ;;
esac
