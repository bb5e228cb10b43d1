#!/bin/sh
# A first load into an empty database (16 KiB pages; the secondary indexes
# dropped and built at the end) stores exactly what a load with every index
# kept into a database of 4 KiB pages (the layout before) stores: the same
# rows with the same rowids, byte-identical exports and query output; so do
# a load in two parts (the second into a non-empty database: no bulk mode)
# and one article per transaction. Every index is there at the end, also
# after a load that fails on bad input.
. "$(dirname "$0")/graph_lib.inc"
A=$ROOT/tests/data/articles
export OMP_NUM_THREADS=1   # pagerank (igraph, OpenMP) may differ in its last digit between runs with more threads
in="$A/sample.jsonl $A/people.jsonl $FIX"

# the rows by rowid, every export format, and queries: one directory per database
dump() {
  d=$T/dump-$1; mkdir -p "$d"; db=$T/$1.db
  sqlite3 "$db" "select id,key,title,url,published,lang,hash,windows,text from article order by id" > "$d/article"
  sqlite3 "$db" "select * from entity order by id" > "$d/entity"
  sqlite3 "$db" "select * from alias order by norm, entity" > "$d/alias"
  sqlite3 "$db" "select * from mention order by article, field, start, end, entity" > "$d/mention"
  sqlite3 "$db" "select * from edge order by a, b" > "$d/edge"
  sqlite3 "$db" "select key, value from meta where key != 'created' order by key" > "$d/meta"
  sqlite3 "$db" "select type, name, tbl_name from sqlite_master order by name" > "$d/objects"
  for f in graphml gexf gml dot; do $NG export --db "$db" -f $f -o "$d/export.$f" 2>/dev/null || fail "$1: export $f"; done
  $NG export --db "$db" -f csv -o "$d/csv" 2>/dev/null || fail "$1: export csv"
  $NG stats --db "$db" --json > "$d/stats" || fail "$1: stats"
  $NG stats --db "$db" --check > /dev/null || fail "$1: stats --check"
  $NG top --db "$db" -n 30 > "$d/top"
  $NG top --db "$db" -n 30 --by pagerank > "$d/top-pagerank"
  for e in $(sqlite3 "$db" "select key from entity order by mentions desc, key limit 6"); do
    $NG neighbors --db "$db" "$e" >> "$d/neighbors"
    $NG entity --db "$db" "$e" >> "$d/entity-cards"
  done
  $NG entity --db "$db" "Zelensky" > "$d/lookup-surname" 2>&1
}
same() { diff -r "$T/dump-$1" "$T/dump-$2" > "$T/diff" || { fail "$2 differs from $1: $(head -c 600 "$T/diff")"; }; }

# before: 4 KiB pages, every index kept during the load
sqlite3 "$T/old.db" "PRAGMA page_size=4096; PRAGMA journal_mode=WAL;" > /dev/null
run $NG ingest -q --no-bulk --db "$T/old.db" $in
eq "$rc" 0 "ingest --no-bulk into a 4 KiB database"
eq "$(sqlite3 "$T/old.db" "pragma page_size")" 4096 "an existing database keeps its page size"
dump old

# now: a new database, bulk mode
run $NG ingest -q --db "$T/new.db" $in
eq "$rc" 0 "ingest into a new database"
eq "$(sqlite3 "$T/new.db" "pragma page_size")" 16384 "a new database has 16 KiB pages"
eq "$(sqlite3 "$T/new.db" "select count(*) from sqlite_master where type='index' and sql is not null")" 5 "the five secondary indexes"
dump new
same old new
[ "$(wc -l < "$T/dump-new/alias")" -gt 50 ] || fail "aliases stored"
[ "$(wc -l < "$T/dump-new/edge")" -gt 20 ] || fail "edges stored"
grep -q . "$T/dump-new/lookup-surname" || fail "lookup by surname (alias_rest)"

# in two parts (the second into a non-empty database), and one article per transaction
run $NG ingest -q --db "$T/two.db" "$A/sample.jsonl"
run $NG ingest -q --db "$T/two.db" "$A/people.jsonl" "$FIX"
eq "$rc" 0 "second part"
dump two
same old two
run $NG ingest -q --batch 1 --db "$T/b1.db" $in
dump b1
same old b1

# a bulk load that fails on bad input: committed batches, every index back
cp "$A/sample.jsonl" "$T/bad.jsonl"
echo '{"id": "broken", "text": ' >> "$T/bad.jsonl"
run $NG ingest -q --batch 2 --db "$T/bad.db" "$T/bad.jsonl"
eq "$rc" 1 "bad input: exit status"
eq "$(sqlite3 "$T/bad.db" "select count(*) from sqlite_master where type='index' and sql is not null")" 5 "indexes after a failed bulk load"
$NG stats --db "$T/bad.db" --check > /dev/null || fail "stats --check after a failed bulk load"
done_tests
