#!/bin/sh
# Installs the three packages into this machine (dpkg -i --force-confold), starts the
# controller and an agent from /etc/berth/*.yaml as their units would, deploys
# examples/sample-app with the installed CLI, upgrades the packages (a newer version from
# the same build) keeping the edited configs, then removes and purges them.
#   tests/packages/install_test.sh BUILD_DIR
. "$(dirname "$0")/lib.sh"
prepare

echo "installing $VERSION ($ARCH)"
dpkg -i --force-confold "$DEBS/berth-controller_${VERSION}_$ARCH.deb" \
  "$DEBS/berth-agent_${VERSION}_$ARCH.deb" "$DEBS/berth_${VERSION}_$ARCH.deb" >"$WORK/dpkg.log" 2>&1 ||
  fail "dpkg -i failed: $(cat "$WORK/dpkg.log")"
for f in /usr/bin/berth-controller /usr/bin/berth-agent /usr/bin/berth \
  /lib/systemd/system/berth-controller.service /lib/systemd/system/berth-agent.service \
  /etc/berth/controller.yaml /etc/berth/agent.yaml; do
  [ -e "$f" ] || fail "$f is not installed"
done
expect_equal "berth-controller --version" "$(/usr/bin/berth-controller --version)" "$VERSION"
dpkg-query -W -f='${Conffiles}\n' berth-controller | grep -q '^ /etc/berth/controller.yaml ' ||
  fail "/etc/berth/controller.yaml is not a conffile of berth-controller"
dpkg-query -W -f='${Conffiles}\n' berth-agent | grep -q '^ /etc/berth/agent.yaml ' ||
  fail "/etc/berth/agent.yaml is not a conffile of berth-agent"
getent passwd berth >/dev/null || fail "postinst made no berth user"
expect_equal "/var/lib/berth" "$(stat -c '%U:%G %a' /var/lib/berth)" "berth:berth 700"
expect_equal "/var/lib/berth-agent" "$(stat -c '%U %a' /var/lib/berth-agent)" "root 700"
# Enabled (not started: systemd is not running here) on a first install; the agent waits
# for its configuration.
[ -L /etc/systemd/system/multi-user.target.wants/berth-controller.service ] ||
  fail "berth-controller.service is not enabled"
[ ! -e /etc/systemd/system/multi-user.target.wants/berth-agent.service ] ||
  fail "berth-agent.service is enabled before it is configured"

# The operator's edits: free ports for the controller; where the agent finds it.
HTTP_PORT=$(free_port)
GRPC_PORT=$(free_port)
APP_PORT=$(free_port)
INSTALL_ROOT="$WORK/install"
# shellcheck disable=SC2034 # read by cleanup in lib.sh
PID_FILES="$INSTALL_ROOT/srv/sample-app/server.pid"
# edit FILE SED-EXPRESSION EXPECTED-LINE: the edit must have changed what it names.
edit() {
  sed -i "$2" "$1"
  grep -qx "$3" "$1" || fail "$1: the edit '$2' found nothing to change"
}
edit /etc/berth/controller.yaml "s|^http_listen: .*|http_listen: 127.0.0.1:$HTTP_PORT|" \
  "http_listen: 127.0.0.1:$HTTP_PORT"
edit /etc/berth/controller.yaml "s|^grpc_listen: .*|grpc_listen: 127.0.0.1:$GRPC_PORT|" \
  "grpc_listen: 127.0.0.1:$GRPC_PORT"
edit /etc/berth/agent.yaml "s|^controller: .*|controller: 127.0.0.1:$GRPC_PORT|" \
  "controller: 127.0.0.1:$GRPC_PORT"
edit /etc/berth/agent.yaml "s|^# name: .*|name: pkg-1|" "name: pkg-1"
edit /etc/berth/agent.yaml "s|^install_root: .*|install_root: $INSTALL_ROOT|" \
  "install_root: $INSTALL_ROOT"
edit /etc/berth/agent.yaml "s|^tags: {}|tags: {env: pkgtest}|" "tags: {env: pkgtest}"
edit /etc/berth/agent.yaml "s|^# join_token_file: .*|join_token_file: /etc/berth/join.token|" \
  "join_token_file: /etc/berth/join.token"
cp /etc/berth/controller.yaml "$WORK/controller.yaml.edited"
cp /etc/berth/agent.yaml "$WORK/agent.yaml.edited"

export BERTH_CONTROLLER="https://127.0.0.1:$HTTP_PORT"
export BERTH_CA_CERT=/var/lib/berth/tls/ca.crt BERTH_TOKEN_FILE=/var/lib/berth/admin.token
start_controller() {
  # As the unit does: the berth user, the config file.
  setpriv --reuid=berth --regid=berth --init-groups \
    /usr/bin/berth-controller --config /etc/berth/controller.yaml >>"$WORK/controller.log" 2>&1 &
  CONTROLLER_PID=$!
  PIDS="$PIDS $CONTROLLER_PID"
  wait_for 30 "the controller's API" \
    curl -fsS -o /dev/null --cacert "$BERTH_CA_CERT" "$BERTH_CONTROLLER/install.sh"
}
stop() {
  kill "$1"
  wait "$1" || true
}
start_controller
expect_equal "owner of berth.db" "$(stat -c %U /var/lib/berth/berth.db)" berth

(umask 077 && berth --output json join-token create --uses 1 --ttl 10m | json_field joinToken \
  >/etc/berth/join.token)
/usr/bin/berth-agent --config /etc/berth/agent.yaml >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
PIDS="$PIDS $AGENT_PID"
wait_for 30 "instance pkg-1 to enroll" \
  instance_online "$BERTH_CONTROLLER" "$BERTH_CA_CERT" "$BERTH_TOKEN_FILE" pkg-1

mkdir -p "$INSTALL_ROOT/etc/sample-app"
echo "$APP_PORT" >"$INSTALL_ROOT/etc/sample-app/port"
berth app create sample >/dev/null
berth group create sample demo --tag env=pkgtest >/dev/null
revision=$(berth --output json push "$SOURCE_DIR/examples/sample-app" --app sample | json_field revisionId)
berth deploy sample demo --revision "$revision" --wait >"$WORK/deploy.log" 2>&1 ||
  fail "the deployment failed: $(cat "$WORK/deploy.log")"
cmp "$SOURCE_DIR/examples/sample-app/site/index.html" "$INSTALL_ROOT/srv/sample-app/site/index.html" ||
  fail "the sample app's index.html was not installed"
curl -fsS "http://127.0.0.1:$APP_PORT/" | grep -q "version" || fail "the sample app does not serve"
echo "deployed $revision to pkg-1"
stop "$AGENT_PID"
stop "$CONTROLLER_PID"

# Upgrade: a newer version of the same build. The edited configs stay.
NEW="$VERSION+upgrade1"
"$SOURCE_DIR/packaging/build-debs.sh" --build-dir "$BUILD_DIR" --out "$WORK/upgrade" \
  --package-version "$NEW" >"$WORK/build-debs.log" 2>&1 || fail "build-debs.sh --package-version failed"
dpkg -i --force-confold "$WORK/upgrade/berth-controller_${NEW}_$ARCH.deb" \
  "$WORK/upgrade/berth-agent_${NEW}_$ARCH.deb" "$WORK/upgrade/berth_${NEW}_$ARCH.deb" \
  >"$WORK/dpkg.log" 2>&1 || fail "the upgrade failed: $(cat "$WORK/dpkg.log")"
expect_equal "version after the upgrade" "$(dpkg-query -W -f='${Version}' berth-agent)" "$NEW"
cmp "$WORK/controller.yaml.edited" /etc/berth/controller.yaml || fail "the upgrade changed controller.yaml"
cmp "$WORK/agent.yaml.edited" /etc/berth/agent.yaml || fail "the upgrade changed agent.yaml"
start_controller
berth app get sample >/dev/null || fail "the upgraded controller lost application sample"
stop "$CONTROLLER_PID"
echo "upgraded to $NEW with the edited configs kept"

# remove keeps configuration and data; purge removes them.
dpkg -r berth-controller berth-agent berth >"$WORK/dpkg.log" 2>&1 || fail "dpkg -r failed"
[ ! -e /usr/bin/berth-controller ] || fail "dpkg -r left /usr/bin/berth-controller"
[ -e /etc/berth/controller.yaml ] && [ -e /var/lib/berth/berth.db ] ||
  fail "dpkg -r removed the configuration or the data"
dpkg -P berth-controller berth-agent berth >"$WORK/dpkg.log" 2>&1 || fail "dpkg -P failed"
for f in /etc/berth /var/lib/berth /var/lib/berth-agent \
  /etc/systemd/system/multi-user.target.wants/berth-controller.service; do
  [ ! -e "$f" ] && [ ! -L "$f" ] || fail "purge left $f"
done
echo "PASS"
