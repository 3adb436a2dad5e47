#!/bin/sh
# ApplicationStop: stop the server the last successful revision started.
. "$(dirname "$0")/common.sh"
echo "stopping sample app on ${BERTH_INSTANCE_NAME:-this host} (port $PORT)"
if [ -f "$PID_FILE" ]; then
  pid=$(cat "$PID_FILE")
  kill "$pid" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  rm -f "$PID_FILE"
fi
exit 0
