#!/bin/sh
# ApplicationStart: serve the site on this host's port, detached from the hook.
. "$(dirname "$0")/common.sh"
cd "$APP_DIR/site" || exit 1
setsid python3 -m http.server "$PORT" --bind 127.0.0.1 >"$APP_DIR/server.log" 2>&1 </dev/null &
echo $! >"$PID_FILE"
echo "started sample app on http://127.0.0.1:$PORT/ (pid $(cat "$PID_FILE"))"
