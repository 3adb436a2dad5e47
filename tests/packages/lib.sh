# Sourced by the package tests: they install the .debs into this machine, so they run
# as root, one at a time (also across checkouts: a lock), on a machine without Berth
# packages, and purge them whatever happens. Exit 77 is a skip (ctest SKIP_RETURN_CODE).
set -eu

SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
BERTH_PACKAGES="berth-agent berth-controller berth"
PIDS=""
PID_FILES=""  # files holding the pid of a process a test's hooks started
WORK=""

skip() {
  echo "SKIPPED: $*"
  exit 77
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The Berth packages installed now, if any.
installed_packages() {
  for p in $BERTH_PACKAGES; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv "not-installed" && echo "$p"
  done
  return 0
}

purge_packages() {
  # shellcheck disable=SC2086 # the list splits into package names
  dpkg --purge $BERTH_PACKAGES >/dev/null 2>&1 || true
}

cleanup() {
  rc=$?
  for f in $PID_FILES; do
    [ ! -f "$f" ] || PIDS="$PIDS $(cat "$f")"
  done
  for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
  for pid in $PIDS; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ] && [ -n "$WORK" ]; then
    for log in "$WORK"/*.log; do
      [ -f "$log" ] || continue
      echo "--- tail of $log"
      tail -n 30 "$log"
    done
  fi
  [ "$rc" -eq 77 ] || purge_packages
  [ -z "$WORK" ] || rm -rf "$WORK"
  exit "$rc"
}

# Root, dpkg, no Berth already installed, and the lock; then the packages are built.
prepare() {
  [ "$(id -u)" -eq 0 ] || skip "the package tests install .debs into this machine and need root"
  command -v dpkg >/dev/null 2>&1 || skip "no dpkg on this machine"
  exec 9>/run/lock/berth-package-tests.lock
  flock -w 900 9 || fail "another package test held /run/lock/berth-package-tests.lock for 15 min"
  [ -z "$(installed_packages)" ] ||
    skip "Berth packages are installed on this machine already ($(installed_packages | tr '\n' ' ')); the test would purge them"
  [ ! -e /etc/berth ] || skip "/etc/berth exists already; the test would remove it"
  trap cleanup EXIT
  trap 'exit 1' INT TERM
  WORK=$(mktemp -d /tmp/berth-package-test.XXXXXX)
  "$SOURCE_DIR/packaging/build-debs.sh" --build-dir "$BUILD_DIR" >"$WORK/build-debs.log" 2>&1 ||
    fail "packaging/build-debs.sh failed: $(tail -n 20 "$WORK/build-debs.log")"
  # shellcheck disable=SC2034 # VERSION, ARCH and DEBS are for the tests
  VERSION=$("$BUILD_DIR/controller/berth-controller" --version)
  # shellcheck disable=SC2034
  ARCH=$(dpkg --print-architecture)
  # shellcheck disable=SC2034
  DEBS="$BUILD_DIR/packages"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s.
wait_for() {
  seconds=$1 what=$2
  shift 2
  i=0
  while ! "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -le $((seconds * 5)) ] || fail "waited $seconds s for $what"
    sleep 0.2
  done
}

# expect_equal WHAT GOT WANT
expect_equal() {
  [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# instance_online URL CA TOKEN_FILE NAME: the instance is registered and Online; its JSON
# is left in $WORK/instance.json.
instance_online() {
  curl -fsS --cacert "$2" -H "Authorization: Bearer $(cat "$3")" "$1/api/v1/instances/$4" \
    >"$WORK/instance.json" && grep -q '"status": *"Online"' "$WORK/instance.json"
}

json_field() {
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}
