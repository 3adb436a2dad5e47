#!/usr/bin/env bash
# Writes the three Debian packages from the build tree ./tests/run.sh made:
#   <build>/packages/berth-controller_<version>_<arch>.deb
#   <build>/packages/berth-agent_<version>_<arch>.deb
#   <build>/packages/berth_<version>_<arch>.deb
# Only the three binaries and their man pages are (re)built, so this is quick once the
# build exists; on a clean clone it configures and builds them first.
#
#   packaging/build-debs.sh [--build-dir DIR] [--out DIR] [--package-version V]
#
# --package-version sets the packages' version (default: the project's, CMakeLists.txt
# project(VERSION), which the binaries report with --version); the upgrade test uses it
# to make a newer package from the same build.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
OUT=""
PACKAGE_VERSION=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --package-version) PACKAGE_VERSION=$2; shift 2 ;;
    *) echo "build-debs.sh: unknown argument '$1' (--build-dir DIR, --out DIR, --package-version V)" >&2
       exit 2 ;;
  esac
done
OUT=${OUT:-$BUILD_DIR/packages}

./packaging/install-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" -j"${JOBS:-2}" \
  --target berth-controller berth-agent berth berth_man berth_changelog

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
version_args=()
[ -n "$PACKAGE_VERSION" ] && version_args=(-R "$PACKAGE_VERSION")
# cpack installs each component of the build tree into its own staging directory
# (stripped), then dpkg-shlibdeps computes Depends from the binaries' libraries.
(cd "$BUILD_DIR" && cpack -G DEB --config CPackConfig.cmake -B "$OUT/_cpack" \
  "${version_args[@]}" >"$OUT/_cpack.log" 2>&1) || {
  cat "$OUT/_cpack.log" >&2
  echo "build-debs.sh: cpack failed (log above)" >&2
  exit 1
}
rm -f "$OUT"/berth*_*.deb  # packages of an earlier version would be taken for these
for deb in "$OUT"/_cpack/*.deb; do
  mv -f "$deb" "$OUT"/
  echo "$OUT/$(basename "$deb")"
done
rm -rf "$OUT/_cpack" "$OUT/_cpack.log"
