#!/bin/sh
# Regression: two ingests started together on a database that does not exist
# yet both succeed with exact counts (the schema check reads the version and
# the tables from one snapshot; lock conflicts SQLite reports at once are
# retried within --wait). Repeated, since it is a race.
set -e
: "${NG:?}"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
FIX=tests/data/graph/articles.jsonl
head -n 3 "$FIX" > "$d/p1.jsonl"; tail -n 2 "$FIX" > "$d/p2.jsonl"
cat "$d/p1.jsonl" "$d/p2.jsonl" > "$d/all.jsonl"
"$NG" ingest -q --db "$d/ref.db" "$d/all.jsonl"
"$NG" stats --db "$d/ref.db" --json > "$d/ref.json"
i=0
while [ $i -lt 15 ]; do
  rm -f "$d"/two.db*
  "$NG" ingest -q --wait 60000 --db "$d/two.db" "$d/p1.jsonl" & a=$!
  "$NG" ingest -q --wait 60000 --db "$d/two.db" "$d/p2.jsonl" & b=$!
  wait $a || { echo "FAIL: round $i: first ingest failed"; exit 1; }
  wait $b || { echo "FAIL: round $i: second ingest failed"; exit 1; }
  "$NG" stats --db "$d/two.db" --json > "$d/two.json"
  cmp -s "$d/ref.json" "$d/two.json" || { echo "FAIL: round $i: counts differ"; cat "$d/two.json"; exit 1; }
  i=$((i+1))
done
