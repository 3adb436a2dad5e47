#!/usr/bin/env bash
# The one test entry point: installs what is missing, builds, runs every test.
# Exits non-zero if any step or any test fails. Extra arguments go to ctest
# (e.g. ./tests/run.sh -R integration).
set -euo pipefail
cd "$(dirname "$0")/.."

./packaging/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
# Let ccache reuse objects across checkouts in different directories.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
JOBS=${JOBS:-2}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS"
cd "$BUILD_DIR"
ctest --output-on-failure --no-tests=error -j"$JOBS" "$@"
