#!/bin/sh
# Saved tag output is recognised by its marker ("tagger":"newsgraph") or
# --saved, never by the mere presence of an "entities" field; saved output
# of a text with invalid UTF-8 carries its exact bytes (text_base64) and
# ingests into the same database as the text itself; evidence keeps
# sentences with invalid UTF-8. (Hardening II, items 6 and 7.)
. "$(dirname "$0")/setup"
inv() { python3 "$ROOT/tests/corpus/invariant.py" "$@" > "$T/inv.out" 2>&1 || { cat "$T/inv.out"; return 1; }; }
cd "$T"

# 6. a raw article with an "entities" field is tagged all the same
printf '%s\n' '{"id":"r1","text":"Kyiv and Lviv signed. NATO agreed.","entities":[]}' > raw.jsonl
"$NG" tag --format jsonl raw.jsonl > raw.tag
run raw ingest -q --db raw.db raw.jsonl
expect_rc raw 0
check "an article with \"entities\": [] is tagged" [ "$(sqlite3 raw.db 'select count(*) from mention')" = 3 ]
check "and stores what tag prints" inv tag raw.tag raw.db
# a record with entities and no text, without the marker: a clear message
printf '%s\n' '{"id":"g1","entities":[{"start":0,"end":4,"id":"kyiv","type":"LOC"}]}' > gold.jsonl
run gold ingest -q --db gold.db gold.jsonl
expect_rc gold 1
expect_err gold <<X
newsgraph: gold.jsonl:1:1: a record with "entities" but no "text" and no "tagger":"newsgraph" marker: if it is saved tag output, ingest it with --saved
X
# --saved: records from another tool, entities ingested as they are
printf '%s\n' '{"id":"o1","text":"Kyiv and Lviv.","entities":[{"start":9,"end":13,"id":"my-lviv","type":"LOC","name":"Lviv"}]}' > other.jsonl
run other ingest -q --db other.db --saved other.jsonl
expect_rc other 0
check "--saved: the record's entities, not the tagger's" [ "$(sqlite3 other.db 'select entity, start from mentions')" = "my-lviv|9" ]
# the marker: tag output is saved output
"$NG" tag --format jsonl --keep-text raw.jsonl > saved.jsonl
check "tag output carries the marker" grep -q '"tagger":"newsgraph"' saved.jsonl
run saved ingest -q --db saved.db saved.jsonl
check "marked output ingests as saved: the same database" inv same raw.db saved.db

# 7. invalid UTF-8 in a text file: offsets count the original bytes
mkdir txt
printf 'Jens Stoltenberg met Joe Biden in Vilnius \377 on Tuesday.\n\nStoltenberg left for Kyiv.\n' > txt/bad.txt
run direct ingest -q --db direct.db txt
expect_rc direct 0
"$NG" tag --format jsonl --keep-text txt > bad-saved.jsonl 2>/dev/null
check "saved output of an invalid text carries its bytes" grep -q '"text_base64":' bad-saved.jsonl
run bad-saved ingest -q --db bad-saved.db bad-saved.jsonl
expect_rc bad-saved 0
check "tag --keep-text | ingest of invalid UTF-8: the same database" inv same direct.db bad-saved.db
"$NG" tag --format jsonl txt > bad.tag 2>/dev/null
check "and what tag prints" inv tag bad.tag direct.db
run ev evidence --db direct.db --json jens-stoltenberg joe-biden
expect_rc ev 0
check "evidence keeps the sentence with invalid UTF-8" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 1 and len(d["evidence"]) == 1, d
assert "\ufffd" in d["evidence"][0]["snippet"] and "Vilnius" in d["evidence"][0]["snippet"], d' ev.out
printf '%s\n' '{"id":"b64","text":"x","text_base64":"!!","tagger":"newsgraph","entities":[]}' > badb64.jsonl
run badb64 ingest -q --db b.db badb64.jsonl
expect_rc badb64 1
check "bad base64: message" grep -q 'badb64.jsonl:1:[0-9]*: "text_base64" is not base64' badb64.err
check "a failed first load leaves no database" test ! -e b.db
# regression: an integer beyond 64 bits in a saved record was "out of memory"
printf '%s\n' '{"id":"a","text":"NATO","tagger":"newsgraph","n":99999999999999999999,"entities":[]}' > big.jsonl
run big ingest -q --db big.db big.jsonl
expect_rc big 1
check "too big an integer: named" grep -q 'big.jsonl:1:[0-9]*: invalid saved record: too big integer' big.err
check "no database left" test ! -e big.db
printf '%s\n' '{"id":"a","text":"NATO","tagger":"newsgraph","x":1e400,"entities":[]}' > bigr.jsonl
run bigr ingest -q --db bigr.db bigr.jsonl
expect_rc bigr 1
check "a number beyond a double in a saved record: named" grep -q 'bigr.jsonl:1:[0-9]*: invalid saved record: real number overflow' bigr.err
# regression: a number beyond a double in a field of no interest (1e400)
# lost the article ("invalid JSON: real number overflow")
printf '%s\n' '{"id":"r1","text":"NATO met in Kyiv.","score":1e400}' '{"id":"r2","text":"Kyiv.","score":-2.5E+999,"w":1.5e3}' > real.jsonl
run real tag -f tsv --no-header real.jsonl
expect_rc real 0
check "both articles tagged" test "$(cut -f1 real.out | sort -u | tr '\n' ' ')" = "r1 r2 "
# regression: a failed first load left an empty database that kept its
# --window and refused another
printf '%s\n' '{"id":"x","text":"NATO"}' '{"id":"y","text":NATO}' > badjson.jsonl
run bj ingest -q --db bj.db badjson.jsonl
expect_rc bj 1
printf 'NATO met in Kyiv.\n' > one.txt
run bj2 ingest -q --window paragraph --db bj.db one.txt
expect_rc bj2 0
# forget: an id given twice is forgotten once (it was "no article" the second time)
printf '%s\n' '{"id":"f1","text":"NATO in Kyiv."}' '{"id":"f2","text":"Kyiv."}' > f.jsonl
"$NG" ingest -q --db f.db f.jsonl
run fg forget --db f.db f1 f1
expect_rc fg 0
check "forget f1 f1: f1 gone, f2 kept" test "$(sqlite3 f.db 'select key from article')" = f2
# regression: saved input took an empty span (a mention of nothing, an edge
# with it) and any string as a type ("O R G": a comma would split --type)
printf '%s\n' '{"id":"s8","tagger":"newsgraph","text":"Acme met Globex.","entities":[{"start":0,"end":0,"id":"x","type":"ORG","name":"A"},{"start":9,"end":15,"id":"g","type":"ORG","name":"Globex"}]}' > es.jsonl
run es ingest -q --db es.db es.jsonl
expect_rc es 1
check "empty span: named" grep -q '^newsgraph: es.jsonl:1:[0-9]*: entities\[0\]: empty span 0-0$' "$T/es.err"
printf '%s\n' '{"id":"s9","tagger":"newsgraph","text":"Acme met Globex.","entities":[{"start":9,"end":15,"id":"g","type":"O R G","name":"Globex"}]}' > et.jsonl
run et ingest -q --db et.db et.jsonl
expect_rc et 1
check "bad type: named" grep -q "entities\[0\]: type \"O R G\": letters, digits, '_' or '-'" "$T/et.err"
# regression: the summary counted a span given twice as two mentions (one
# is stored)
printf '%s\n' '{"id":"d1","tagger":"newsgraph","text":"Acme met Globex.","entities":[{"start":0,"end":4,"id":"a","type":"ORG","name":"Acme"},{"start":0,"end":4,"id":"a","type":"ORG","name":"Acme"},{"start":9,"end":15,"id":"g","type":"ORG","name":"Globex"}]}' > dup.jsonl
run dup ingest --db dup.db dup.jsonl
expect_rc dup 0
check "a span given twice: stored once" [ "$(sqlite3 dup.db 'select count(*) from mention')" = 2 ]
check "and counted once" grep -q '^ingested 1 articles (1 added, 0 replaced, 0 unchanged), 2 mentions in' "$T/dup.out"
finish
