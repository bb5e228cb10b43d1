#!/bin/sh
# Shards built from disjoint articles merge into exactly the counts of a
# single ingest (the map/reduce path of graph/README.md).
. "$(dirname "$0")/graph_lib.inc"

$NG ingest -q --db all.db "$FIX" || fail "single ingest"
sed -n '1p;3p;5p' "$FIX" > part1.jsonl
sed -n '2p;4p' "$FIX" > part2.jsonl
$NG ingest -q --db s1.db part1.jsonl || fail "shard 1"
$NG ingest -q --db s2.db part2.jsonl || fail "shard 2"
run $NG merge s1.db s2.db -o merged.db
eq "$rc" 0 "merge status"
grep -q '^merged 2 databases into merged.db: 5 articles, 9 entities, 13 edges' out || fail "merge summary: $(cat out)"
$NG stats --db all.db --json > a.json; $NG stats --db merged.db --json > b.json
cmp -s a.json b.json || fail "merged stats differ: $(cat b.json)"
$NG stats --db merged.db --check > /dev/null || fail "merged db inconsistent"
for e in volodymyr-zelensky joe-biden kyiv; do
  $NG neighbors --db all.db $e --json > a.json; $NG neighbors --db merged.db $e --json > b.json
  cmp -s a.json b.json || fail "neighbors of $e differ after merge"
  $NG entity --db all.db $e --json > a.json; $NG entity --db merged.db $e --json > b.json
  cmp -s a.json b.json || fail "entity card of $e differs after merge"
done
# edges table equal, row for row
for d in all merged; do
  sqlite3 $d.db "SELECT min(a,b), max(a,b), count, articles, first_date, last_date, npmi FROM edges ORDER BY 1, 2" > $d.edges
done
cmp -s all.edges merged.edges || fail "edges view differs after merge"
# three-way map/reduce with xargs -P, as in the README
mkdir shards; i=0
while IFS= read -r line; do i=$((i + 1)); printf '%s\n' "$line" >> shards/part$((i % 3)).jsonl; done < "$FIX"
ls shards/*.jsonl | xargs -P 3 -I{} $NG ingest -q --db {}.db {} || fail "parallel map"
$NG merge shards/*.db -o reduced.db > /dev/null || fail "reduce"
$NG stats --db reduced.db --json > b.json; $NG stats --db all.db --json > a.json
cmp -s a.json b.json || fail "map/reduce differs from a single ingest"
# overlapping shards are refused, and nothing of them is added
run $NG merge s1.db -o merged.db
eq "$rc" 1 "overlap status (a data error, as in ingest)"
grep -q "article 'a1' is in more than one database" err || fail "overlap message: $(cat err)"
$NG stats --db merged.db --json > b.json; $NG stats --db all.db --json > a.json
cmp -s a.json b.json || fail "refused merge changed the output"
# a shard with another window is refused
$NG ingest -q --db art.db --window article part1.jsonl
run $NG merge art.db -o other.db
eq "$rc" 0 "merge into a new db takes the shard's window"
run $NG merge s2.db -o other.db
eq "$rc" 1 "window mismatch status (a data error, as in ingest)"
# regression: the message named the two windows the wrong way round (the
# output's as the shard's) and suggested --window, which merge has not
grep -qx "newsgraph: s2.db: built with --window sentence, and the database it is merged into with --window article: only databases of one window merge" err ||
  fail "merge window message: $(cat err)"
# regression: merging into a database another process had open (serve, an
# ingest) renamed a new file over it: its -wal was replayed onto the new
# file (malformed, the merged articles lost, merge said it succeeded)
$NG ingest -q --db open.db part1.jsonl || fail "open.db"
python3 - open.db "$NG" part2.jsonl <<'PY' > open.out 2>&1 || fail "merge into an open database: $(cat open.out)"
import sqlite3, subprocess, sys
db, ng, part2 = sys.argv[1:]
c = sqlite3.connect(db)                      # a reader holding the database open, as serve does
assert c.execute("SELECT count(*) FROM article").fetchone()[0] == 3
subprocess.run([ng, "ingest", "-q", "--db", "s3.db", part2], check=True)
subprocess.run([ng, "forget", "--db", db, "a3"], check=True, capture_output=True)   # a write while it is open
r = subprocess.run([ng, "merge", "s3.db", "-o", db], capture_output=True, text=True)
assert r.returncode == 0, r.stderr
c2 = sqlite3.connect(db)                     # a new reader while the first is still open
assert c2.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "malformed"
assert c2.execute("SELECT count(*) FROM article").fetchone()[0] == 4, "merged articles lost"
assert c.execute("SELECT count(*) FROM article").fetchone()[0] == 4   # the first reader sees the merge too
r = subprocess.run([ng, "stats", "--check", "--db", db], capture_output=True, text=True)
assert r.returncode == 0, r.stdout + r.stderr
c.close(); c2.close()
PY
$NG stats --db open.db --check > /dev/null || fail "merged into an open database: inconsistent"
done_tests
