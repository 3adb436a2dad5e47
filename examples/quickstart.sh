#!/usr/bin/env bash
# Berth in one command: installs what is missing, builds, starts a controller and three
# local agents (each with its own root and install root), deploys examples/sample-app
# OneAtATime, then a second version, and shows where each host serves it.
#
# Everything lives in a temp dir; Ctrl-C or the end of the script stops every process.
# Set QUICKSTART_KEEP=1 to keep the controller, agents and web servers running until
# Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "Installing missing packages and building (this takes a few minutes the first time)"
./packaging/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
# Let ccache reuse objects across checkouts in different directories.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"${JOBS:-2}" --target berth-controller berth-agent berth

case "$BUILD_DIR" in /*) BIN="$BUILD_DIR" ;; *) BIN="$REPO/$BUILD_DIR" ;; esac
WORK=$(mktemp -d /tmp/berth-quickstart.XXXXXX)
PIDS=()
HOSTS=(web-1 web-2 web-3)

cleanup() {
  trap - EXIT INT TERM
  trap '' PIPE  # the terminal (or a pipe reading us) may be gone; stop everything anyway
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for host in "${HOSTS[@]}"; do
    pidfile="$WORK/$host/root/srv/sample-app/server.pid"
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  say "Stopped the controller, the agents and the sample web servers" || true
  echo "Logs and state are in $WORK" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

HTTP_PORT=$(free_port)
GRPC_PORT=$(free_port)
# Secure with zero configuration: the controller makes its own CA on first start and
# serves HTTPS and TLS; the CLI trusts that CA, the agents trust it through their join token.
export BERTH_CONTROLLER="https://127.0.0.1:$HTTP_PORT"
export BERTH_CA_CERT="$WORK/controller/tls/ca.crt"
export BERTH_TOKEN_FILE="$WORK/controller/admin.token"

say "Starting berth-controller (API $BERTH_CONTROLLER, agents 127.0.0.1:$GRPC_PORT, over TLS)"
"$BIN/controller/berth-controller" --data-dir "$WORK/controller" \
  --http-listen "127.0.0.1:$HTTP_PORT" --grpc-listen "127.0.0.1:$GRPC_PORT" \
  >"$WORK/controller.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  [ -s "$WORK/controller/admin.token" ] && [ -s "$BERTH_CA_CERT" ] && curl -fs -o /dev/null \
    --cacert "$BERTH_CA_CERT" -H "Authorization: Bearer $(cat "$BERTH_TOKEN_FILE")" \
    "$BERTH_CONTROLLER/api/v1/applications" && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$WORK/controller.log"; exit 1; }
  sleep 0.1
done
berth() { "$BIN/cli/berth" "$@"; }

say "Making a join token for three hosts (it carries the pin of the controller's CA)"
(umask 077 && berth --output json join-token create --uses 3 --ttl 10m --description quickstart |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["joinToken"])' >"$WORK/join.token")
berth join-token list

say "Starting three agents"
for host in "${HOSTS[@]}"; do
  port=$(free_port)
  mkdir -p "$WORK/$host/root/etc/sample-app"
  echo "$port" >"$WORK/$host/root/etc/sample-app/port"
  "$BIN/agent/berth-agent" --controller "127.0.0.1:$GRPC_PORT" --name "$host" \
    --root "$WORK/$host/agent" --install-root "$WORK/$host/root" \
    --tag env=quickstart --join-token-file "$WORK/join.token" >"$WORK/$host.log" 2>&1 &
  PIDS+=($!)
  echo "  $host: install root $WORK/$host/root, serves on port $port"
done
for _ in $(seq 1 100); do
  [ "$(berth --output json instance list | grep -o '"instanceName"' | wc -l)" -ge 3 ] && break
  sleep 0.1
done
berth instance list

say "Creating application 'sample' and deployment group 'demo' (tag env=quickstart, OneAtATime)"
berth app create sample
berth group create sample demo --tag env=quickstart --config OneAtATime

deploy_version() {
  local dir=$1 label=$2
  say "Pushing $label"
  local revision
  revision=$(berth --output json push "$dir" --app sample --description "$label" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["revisionId"])')
  echo "  revision $revision"
  say "Deploying $label one host at a time"
  berth deploy sample demo --revision "$revision" --wait
}

show_hosts() {
  say "Where each host serves the sample app"
  for host in "${HOSTS[@]}"; do
    port=$(cat "$WORK/$host/root/etc/sample-app/port")
    page=$(curl -fsS "http://127.0.0.1:$port/" | grep -o 'version [0-9]*' || echo "not serving")
    printf '  %-6s http://127.0.0.1:%s/  ->  %s\n' "$host" "$port" "$page"
  done
}

deploy_version "$REPO/examples/sample-app" "version 1"
show_hosts

cp -r "$REPO/examples/sample-app" "$WORK/sample-app-v2"
sed -i 's/version 1/version 2/' "$WORK/sample-app-v2/site/index.html"
deploy_version "$WORK/sample-app-v2" "version 2"
show_hosts

say "Turning on automatic rollback for group 'demo'"
berth group update sample demo --auto-rollback failure | grep -E 'Group|Auto rollback'

# Version 3 is broken: its ValidateService check fails. The first host fails, the
# OneAtATime policy cannot be met any more, the other hosts are skipped, and Berth
# deploys version 2 back to the host it touched, by itself.
cp -r "$WORK/sample-app-v2" "$WORK/sample-app-v3"
sed -i 's/version 2/version 3/' "$WORK/sample-app-v3/site/index.html"
printf '#!/bin/sh\necho "version 3 answers HTTP 500 (a deliberate bug)" >&2\nexit 1\n' \
  >"$WORK/sample-app-v3/scripts/validate.sh"
if deploy_version "$WORK/sample-app-v3" "version 3 (broken)"; then
  echo "version 3 was expected to fail" >&2
  exit 1
fi
rollback=$(berth --output json deployment list --app sample |
  python3 -c 'import json,sys; print(next(d["deploymentId"] for d in json.load(sys.stdin)["deployments"] if d["creator"] == "rollback"))')
say "Following the automatic rollback $rollback"
berth deployment wait "$rollback"
show_hosts

say "Done: two versions deployed to all three hosts, a broken third one rolled back"
berth deployment list --app sample
if [ "${QUICKSTART_KEEP:-0}" = 1 ]; then
  say "Running until Ctrl-C. In another shell:"
  echo "  export BERTH_CONTROLLER=$BERTH_CONTROLLER BERTH_CA_CERT=$BERTH_CA_CERT BERTH_TOKEN_FILE=$BERTH_TOKEN_FILE"
  echo "  $BIN/cli/berth deployment list --app sample"
  while true; do sleep 3600; done
fi
echo "(QUICKSTART_KEEP=1 ./examples/quickstart.sh keeps everything running until Ctrl-C.)"
