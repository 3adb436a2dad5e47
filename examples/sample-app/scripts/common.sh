# Sourced by the hook scripts: where this host's copy of the app lives and its port.
ROOT="${BERTH_INSTALL_ROOT:-/}"
ROOT="${ROOT%/}"
APP_DIR="$ROOT/srv/sample-app"
PORT_FILE="$ROOT/etc/sample-app/port"
PORT=$(cat "$PORT_FILE" 2>/dev/null || echo 8000)
PID_FILE="$APP_DIR/server.pid"
