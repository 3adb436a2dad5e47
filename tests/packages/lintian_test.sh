#!/bin/sh
# The three packages build from the build tree and lintian finds no error and no warning
# in them (there are no lintian overrides).
#   tests/packages/lintian_test.sh BUILD_DIR
set -eu
SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
command -v lintian >/dev/null 2>&1 || { echo "SKIPPED: lintian is not installed"; exit 77; }
OUT=$(mktemp -d /tmp/berth-lintian-test.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$SOURCE_DIR/packaging/build-debs.sh" --build-dir "$BUILD_DIR" --out "$OUT" >"$OUT/build.log" 2>&1 || {
  cat "$OUT/build.log"
  echo "FAIL: packaging/build-debs.sh failed"
  exit 1
}
for p in berth-controller berth-agent berth; do
  ls "$OUT/${p}_"*.deb >/dev/null 2>&1 || { echo "FAIL: no $p package in $OUT"; exit 1; }
  dpkg-deb -c "$OUT/${p}_"*.deb | grep " ./usr/bin/$p$" >/dev/null || { echo "FAIL: $p has no /usr/bin/$p"; exit 1; }
done
lintian --tag-display-limit 0 "$OUT"/*.deb >"$OUT/lintian.out" 2>&1 || true
cat "$OUT/lintian.out"
if grep -E '^(E|W): ' "$OUT/lintian.out" >/dev/null; then
  echo "FAIL: lintian reports errors or warnings (above)"
  exit 1
fi
echo "PASS: lintian: 0 errors, 0 warnings"
