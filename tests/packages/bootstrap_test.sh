#!/bin/sh
# The agent bootstrap: a controller started with --packages-dir BUILD_DIR/packages serves
# /install.sh and the packages publicly; the script refuses hosts it cannot handle
# (installing nothing), then installs the agent package, writes its config and join
# token, and prints the start command (systemd is not running here), which enrolls it.
#   tests/packages/bootstrap_test.sh BUILD_DIR
. "$(dirname "$0")/lib.sh"
prepare

HTTP_PORT=$(free_port)
GRPC_PORT=$(free_port)
DATA="$WORK/controller"
"$BUILD_DIR/controller/berth-controller" --data-dir "$DATA" --http-listen "127.0.0.1:$HTTP_PORT" \
  --grpc-listen "127.0.0.1:$GRPC_PORT" --packages-dir "$DEBS" >"$WORK/controller.log" 2>&1 &
PIDS="$PIDS $!"
URL="https://127.0.0.1:$HTTP_PORT"
CA="$DATA/tls/ca.crt"
wait_for 30 "the controller's API" curl -fsS -o /dev/null --cacert "$CA" "$URL/install.sh"
berth() { "$BUILD_DIR/cli/berth" --controller "$URL" --ca-cert "$CA" --token-file "$DATA/admin.token" "$@"; }

# Public routes: the script and the packages, no token; nothing else is.
status() { curl -s -o /dev/null -w '%{http_code}' --cacert "$CA" "$@"; }
expect_equal "GET /install.sh" "$(status "$URL/install.sh")" 200
curl -fsS --cacert "$CA" "$URL/install.sh" >"$WORK/install.sh"
grep -qx "BERTH_VERSION='$VERSION'" "$WORK/install.sh" || fail "install.sh does not carry version $VERSION"
grep -qx "BERTH_AGENT_ADDRESS='127.0.0.1:$GRPC_PORT'" "$WORK/install.sh" ||
  fail "install.sh does not name the agent channel 127.0.0.1:$GRPC_PORT"
DEB="berth-agent_${VERSION}_$ARCH.deb"
curl -fsS --cacert "$CA" -o "$WORK/$DEB" "$URL/packages/$DEB"
cmp "$DEBS/$DEB" "$WORK/$DEB" || fail "GET /packages/$DEB is not the package"
expect_equal "GET /packages/..%2F..%2Fetc%2Fpasswd" "$(status "$URL/packages/..%2F..%2Fetc%2Fpasswd")" 404
expect_equal "GET /packages/.hidden" "$(status "$URL/packages/.hidden")" 404
expect_equal "GET /packages/missing.deb" "$(status "$URL/packages/missing.deb")" 404
expect_equal "GET /api/v1/applications without a token" "$(status "$URL/api/v1/applications")" 401

TOKEN=$(berth --output json join-token create --uses 1 --ttl 10m | json_field joinToken)
# docs/operations.md, with only the token: take the CA from the TLS handshake, check it
# against the token's pin, then trust it.
openssl s_client -connect "127.0.0.1:$HTTP_PORT" -showcerts </dev/null 2>/dev/null |
  awk '/-BEGIN CERTIFICATE-/{pem=""; on=1} on{pem=pem $0 "\n"} /-END CERTIFICATE-/{on=0; last=pem} END{printf "%s", last}' \
    >"$WORK/ca.crt"
pin=$(openssl x509 -in "$WORK/ca.crt" -pubkey -noout | openssl pkey -pubin -outform der |
  sha256sum | cut -d' ' -f1)
expect_equal "the CA's pin" "$pin" "${TOKEN##*.}"
cmp "$CA" "$WORK/ca.crt" || fail "the CA taken from the handshake is not tls/ca.crt"
CA="$WORK/ca.crt"
# run_script ARGS...: curl | sh as the docs say; its output in $WORK/script.out.
run_script() {
  curl -fsSL --cacert "$CA" "$URL/install.sh" | sh -s -- "$@" >"$WORK/script.out" 2>&1
}
# refused MESSAGE ARGS...: the script fails with MESSAGE and installs nothing.
refused() {
  want=$1
  shift
  if run_script "$@"; then fail "install.sh $* succeeded: $(cat "$WORK/script.out")"; fi
  grep -qF "$want" "$WORK/script.out" || fail "install.sh $*: want '$want', got: $(cat "$WORK/script.out")"
  [ -z "$(installed_packages)" ] || fail "a refused install.sh $* installed $(installed_packages)"
  [ ! -e /etc/berth/join.token ] || fail "a refused install.sh $* wrote /etc/berth/join.token"
}
refused "install.sh: --join-token T is required (berth join-token create)"
refused "install.sh: --join-token is not a join token" --join-token nonsense
printf 'ID=fedora\nPRETTY_NAME="Fedora Linux 39"\n' >"$WORK/os-release"
export BERTH_OS_RELEASE="$WORK/os-release"
refused "install.sh: this host runs Fedora Linux 39; install.sh handles Debian and Ubuntu-like distributions only" \
  --join-token "$TOKEN"
unset BERTH_OS_RELEASE
mkdir -p "$WORK/fakebin"
# shellcheck disable=SC2016 # the fake's own $1 and $@
printf '#!/bin/sh\n[ "$1" = --print-architecture ] && echo riscv64 && exit 0\nexec /usr/bin/dpkg "$@"\n' \
  >"$WORK/fakebin/dpkg"
chmod +x "$WORK/fakebin/dpkg"
OLD_PATH=$PATH
PATH="$WORK/fakebin:$PATH"
refused "install.sh: the controller has no berth-agent_${VERSION}_riscv64.deb for this host (riscv64)" \
  --join-token "$TOKEN"
PATH=$OLD_PATH

run_script --join-token "$TOKEN" --name boot-1 --tag env=ci --tag "role=web tier" ||
  fail "install.sh failed: $(cat "$WORK/script.out")"
cat "$WORK/script.out"
expect_equal "berth-agent version" "$(dpkg-query -W -f='${Version}' berth-agent)" "$VERSION"
expect_equal "/etc/berth/join.token" "$(stat -c '%a' /etc/berth/join.token) $(cat /etc/berth/join.token)" \
  "600 $TOKEN"
grep -qx "controller: '127.0.0.1:$GRPC_PORT'" /etc/berth/agent.yaml ||
  fail "agent.yaml does not name the controller: $(cat /etc/berth/agent.yaml)"
start=$(grep -A1 "systemd is not running on this host" "$WORK/script.out" | tail -n 1)
expect_equal "the start command" "$start" "  /usr/bin/berth-agent --config /etc/berth/agent.yaml"
# shellcheck disable=SC2086 # the printed command, run as printed
$start >"$WORK/agent.log" 2>&1 &
PIDS="$PIDS $!"
wait_for 30 "instance boot-1 to enroll" instance_online "$URL" "$CA" "$DATA/admin.token" boot-1
python3 - "$WORK/instance.json" <<'PY' || fail "boot-1: $(cat "$WORK/instance.json")"
import json, sys
i = json.load(open(sys.argv[1]))
tags = {t["Key"]: t["Value"] for t in i["tags"]}
assert i["status"] == "Online", i["status"]
assert tags == {"env": "ci", "role": "web tier"}, tags
PY
echo "PASS"
