#!/bin/sh
# The whole-graph commands read the edge table with two connections that
# meet in the middle (graph/analytics.c). Every edge must be read exactly
# once, in the same order as one scan: the result must not depend on the
# path taken. With a writer holding the lock, one connection reads all.
. "$(dirname "$0")/graph_lib.inc"

python3 "$ROOT/tools/bench/gen_graph.py" gen 400 300 >/dev/null || fail "generate"
$NG ingest -q --db g.db --no-shipped --dict gen/dict.tsv gen/articles.jsonl || fail "ingest"
edges=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from edge").fetchone()[0])' g.db)
[ "$edges" -gt 1000 ] || fail "too few edges for the test: $edges"

snapshot() { # DIR: every whole-graph output
  mkdir -p "$1"
  $NG export --db g.db --format graphml -o "$1/g.graphml" 2>"$1/export.err" || fail "export ($1)"
  $NG export --db g.db --format csv -o "$1/csv" 2>/dev/null || fail "csv export ($1)"
  $NG export --db g.db --format graphml --min-weight 2 -o "$1/g2.graphml" 2>/dev/null || fail "export --min-weight ($1)"
  $NG top --db g.db --by pagerank -n 50 --json > "$1/top.json" || fail "top ($1)"
  $NG communities --db g.db --seed 3 --json > "$1/comm.json" || fail "communities ($1)"
}
snapshot two
grep -q "wrote two/g.graphml: [0-9]* nodes, $edges edges" two/export.err || fail "export read $(cat two/export.err), expected $edges edges"

# a writer holds the lock: the commands still work, with one connection
python3 - g.db > lock.out 2>&1 <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(60)
PY
lock=$!
for _ in $(seq 100); do grep -q locked lock.out && break; sleep 0.1; done
grep -q locked lock.out || fail "lock holder did not start"
snapshot one
kill "$lock" 2>/dev/null; wait "$lock" 2>/dev/null

for f in g.graphml g2.graphml top.json comm.json csv/nodes.csv csv/relationships.csv; do
  [ -s "two/$f" ] || { [ -e "two/$f" ] || fail "missing two/$f"; }
  cmp -s "one/$f" "two/$f" || fail "$f differs between the one- and two-connection reads"
done
done_tests
