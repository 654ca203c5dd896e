#!/usr/bin/env bash
# Starts the server as the README says (`npm start`) on a new SQLite file, asks it one query
# through the real data set, and stops it. Fails when the start command does not serve.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
port="${SMOKE_PORT:-4399}"
DATABASE_URL="$dir/graph.sqlite" PORT="$port" HOST=127.0.0.1 setsid npm start >"$dir/server.log" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/server.log"; echo "smoke: the server exited"; exit 1; fi
  sleep 1
done
answer="$(curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  --data '{"query":"{ forums(first: 10) { totalCount nodes { title } } }"}')"
echo "$answer"
echo "$answer" | grep -q 'VIII Байкальский образовательный форум' || { cat "$dir/server.log"; echo "smoke: the real data set is not served"; exit 1; }
echo "smoke: npm start serves the real data set"
