#!/bin/sh
# ValidateService: the server answers with the version this revision installed.
. "$(dirname "$0")/common.sh"
expected=$(grep -o 'version [0-9]*' "$APP_DIR/site/index.html")
for _ in $(seq 1 50); do
  if curl -fsS "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q "$expected"; then
    echo "http://127.0.0.1:$PORT/ serves $expected"
    exit 0
  fi
  sleep 0.1
done
echo "http://127.0.0.1:$PORT/ does not serve $expected" >&2
exit 1
