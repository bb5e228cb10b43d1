#!/bin/sh
# Load test of 'newsgraph serve' (called by tools/bench/run.sh after the graph
# benchmark, whose 100k-article database it reuses; usage: serve_bench.sh
# BUILD DATA). 200 concurrent clients, 10,000 mixed requests
# (tools/bench/serve_bench.py); the server is always stopped. Env:
# SERVE_CLIENTS, SERVE_REQUESTS, SERVE_THREADS (default: the processors),
# SERVE_CACHE_MB (default 64; 0: every answer computed), SERVE_CLIENT=python
# (the Python client even when serve_load is built), SERVE_COLD=1 (the test
# starts as soon as the server prints its URL, while it builds its ego
# index, instead of once the index is built), SERVE_WARMUP
# (requests before the measure, default 0: a cold server). The requests are
# sent by BUILD/serve_load (tools/bench/serve_load.c, libcurl) when it was
# built (make bench), else by the Python client itself; the server's CPU
# time during the whole test is printed after the table.
set -e
BUILD=${1:-build}
DB=${2:-bench-data}/graph/bench.db
NG=$(cd "$BUILD" && pwd)/newsgraph
if [ ! -f "$DB" ]; then echo "serve bench: $DB not found (made by tools/bench/graph_bench.sh)" >&2; exit 2; fi
T=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && { kill $PID 2>/dev/null; wait $PID 2>/dev/null; }; rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP
"$NG" serve --db "$DB" --port 0 ${SERVE_THREADS:+--threads "$SERVE_THREADS"} --cache-mb "${SERVE_CACHE_MB:-64}" >"$T/out" 2>"$T/err" &
PID=$!
i=0
while ! grep -q '^newsgraph: serving' "$T/out" 2>/dev/null; do
  i=$((i+1)); [ $i -gt 400 ] && { cat "$T/err"; exit 1; }; sleep 0.05
done
URL=$(sed -n 's/^newsgraph: serving .* at \(http:[^ ]*\) .*/\1/p' "$T/out")
ENTS=$("$NG" stats --json --db "$DB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')
CLIENT=
[ "${SERVE_CLIENT:-}" != python ] && [ -x "$BUILD/serve_load" ] && CLIENT="--client=$BUILD/serve_load"
TCK=$(getconf CLK_TCK)
cpu() { awk -v t="$TCK" '{printf "%.2f", ($14 + $15) / t}' /proc/$PID/stat 2>/dev/null || echo 0; }   # the server's user + system time
C0=$(cpu)
READY=--ready
[ "${SERVE_COLD:-0}" = 1 ] && READY=
python3 tools/bench/serve_bench.py "$URL" "$ENTS" $CLIENT $READY --clients="${SERVE_CLIENTS:-200}" --requests="${SERVE_REQUESTS:-10000}" --timeout=900 --warmup="${SERVE_WARMUP:-0}"
echo
echo "server: $(echo "$(cpu) $C0" | awk '{printf "%.1f", $1 - $2}') s of CPU from the start of the test to its end (both phases); $(uptime | sed 's/.*load/load/')"
