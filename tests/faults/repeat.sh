#!/usr/bin/env bash
# Runs the fault tests (the [faults] integration tests: controller and agents SIGKILLed,
# a network that drops, delays and cuts, a full disk) N times in a row (default 20),
# stopping at the first failure, and prints how many passed and the wall time. Builds
# first if needed. Each run's output (with the seeds it used) is kept in
# $BUILD_DIR/faults/run-<i>.log; BERTH_FAULT_SEED=<seed> repeats a run's randomness.
# Usage: tests/faults/repeat.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20}
BUILD_DIR=${BUILD_DIR:-build}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  ./packaging/install-deps.sh
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" -j"${JOBS:-2}" --target integration_test
mkdir -p "$BUILD_DIR/faults"
rm -f "$BUILD_DIR"/faults/run-*.log
start=$(date +%s)
passed=0
for i in $(seq 1 "$N"); do
  log="$BUILD_DIR/faults/run-$i.log"
  began=$(date +%s)
  if "$BUILD_DIR/tests/integration_test" "[faults]" >"$log" 2>&1; then
    passed=$((passed + 1))
    seeds=$(grep -o 'seed [0-9]*' "$log" | cut -d' ' -f2 | tr '\n' ' ')
    echo "run $i/$N passed in $(($(date +%s) - began)) s (seeds ${seeds% })"
  else
    echo "run $i/$N FAILED after $(($(date +%s) - began)) s; its output: $log"
    grep -E 'seed|FAILED|REQUIRE|CHECK|with expansion' "$log" | head -40 || true
    break
  fi
done
echo "repeat.sh: $passed of $N runs passed in $(($(date +%s) - start)) s"
[ "$passed" -eq "$N" ]
