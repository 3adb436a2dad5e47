#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + coverage, in a build dir of its own) and
# runs each for SECONDS (default 60), starting from its checked-in seed corpus. New inputs
# go to $BUILD_DIR/corpus/<target>, not into the repository; a crash leaves its input in
# $BUILD_DIR/crashes/<target>/ and fails the run (add it to the seed corpus as a regression
# test once fixed). Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(appspec archive rest_json host_command)
BUILD_DIR=${BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-2}
command -v clang++ >/dev/null || { echo "run.sh: clang++ is needed (apt-get install clang)"; exit 1; }
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DBERTH_FUZZ=ON -DBERTH_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS" --target "${TARGETS[@]/%/_fuzzer}"
status=0
for t in "${TARGETS[@]}"; do
  corpus="$BUILD_DIR/corpus/$t"
  crashes="$BUILD_DIR/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  echo "== $t: ${SECONDS_EACH}s"
  if ! "$BUILD_DIR/tests/fuzz/${t}_fuzzer" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
      -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$crashes/" "$corpus" "tests/fuzz/corpus/$t" \
      2>"$BUILD_DIR/$t.log"; then
    echo "!! $t found a crash; see $BUILD_DIR/$t.log and $crashes"
    status=1
  fi
  grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$BUILD_DIR/$t.log" |
    grep -E "DONE|stat::" | tail -4
done
exit $status
