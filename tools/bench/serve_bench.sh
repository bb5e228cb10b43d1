#!/bin/sh
# Load test of 'newsgraph serve' (called by tools/bench/run.sh after the graph
# benchmark, whose 100k-article database it reuses; usage: serve_bench.sh
# BUILD DATA). 200 concurrent clients, 10,000 mixed requests
# (tools/bench/serve_bench.py); the server is always stopped. Env:
# SERVE_CLIENTS, SERVE_REQUESTS, SERVE_THREADS.
set -e
BUILD=${1:-build}
DB=${2:-bench-data}/graph/bench.db
NG=$(cd "$BUILD" && pwd)/newsgraph
if [ ! -f "$DB" ]; then echo "serve bench: $DB not found (made by tools/bench/graph_bench.sh)" >&2; exit 2; fi
T=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && { kill $PID 2>/dev/null; wait $PID 2>/dev/null; }; rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP
"$NG" serve --db "$DB" --port 0 --threads "${SERVE_THREADS:-4}" >"$T/out" 2>"$T/err" &
PID=$!
i=0
while ! grep -q '^newsgraph: serving' "$T/out" 2>/dev/null; do
  i=$((i+1)); [ $i -gt 400 ] && { cat "$T/err"; exit 1; }; sleep 0.05
done
URL=$(sed -n 's/^newsgraph: serving .* at \(http:[^ ]*\) .*/\1/p' "$T/out")
ENTS=$("$NG" stats --json --db "$DB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')
python3 tools/bench/serve_bench.py "$URL" "$ENTS" --clients="${SERVE_CLIENTS:-200}" --requests="${SERVE_REQUESTS:-10000}" --timeout=900
