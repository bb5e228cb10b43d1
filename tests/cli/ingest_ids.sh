#!/bin/sh
# Default article ids are unique and stable per input (Hardening II, item 2):
# a JSON line without "id" is "<path>:<line>", standard input gets a hash of
# the content, a text file's id is its canonical path (the same folder named
# in/, ./in and $PWD/in is one set of articles), and an id with a NUL
# character is refused.
. "$(dirname "$0")/setup"
cd "$T"
mkdir in
printf 'Talks in Kyiv.\n' > in/a.txt
printf 'Talks in Lviv.\n' > in/b.txt
for p in in ./in "$PWD/in" in/../in; do "$NG" ingest -q --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db t.db "$p"; done
check "one folder, four spellings: 2 articles" [ "$(sqlite3 t.db 'select count(*) from article')" = 2 ]
check "ids are the canonical relative paths" [ "$(sqlite3 t.db 'select group_concat(key, " ") from (select key from article order by key)')" = "in/a.txt in/b.txt" ]

printf '%s\n' '{"text":"Kyiv."}' '{"text":"Lviv."}' > monday.jsonl
printf '%s\n' '{"text":"Odesa."}' > tuesday.jsonl
"$NG" ingest -q --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db d.db monday.jsonl
"$NG" ingest -q --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db d.db tuesday.jsonl
check "records without ids in two files: 3 articles" [ "$(sqlite3 d.db 'select count(*) from article')" = 3 ]
check "ids are path:line" [ "$(sqlite3 d.db 'select group_concat(key, " ") from (select key from article order by key)')" = "monday.jsonl:1 monday.jsonl:2 tuesday.jsonl:1" ]

# standard input: distinct records, distinct ids; the same record, the same id
cat monday.jsonl | "$NG" ingest -q --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db s.db -
cat monday.jsonl | "$NG" ingest --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db s.db - > again.out
check "stdin records: 2 articles" [ "$(sqlite3 s.db 'select count(*) from article')" = 2 ]
check "stdin again: unchanged" grep -q '(0 added, 0 replaced, 2 unchanged)' again.out
printf 'Kyiv.\n' | "$NG" ingest -q --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db s2.db -
printf 'Lviv.\n' | "$NG" ingest -q --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" --db s2.db -
check "two texts from stdin: 2 articles" [ "$(sqlite3 s2.db 'select count(*) from article')" = 2 ]

# a NUL in an id is refused, never truncated
printf '%s\n' '{"id":"doc\u0000one","text":"Kyiv."}' > nul.jsonl
run nul tag --no-shipped --dict "$ROOT/tests/cases/dicts/world.tsv" nul.jsonl
expect_rc nul 1
check "NUL in an id: message" grep -q 'nul.jsonl:1:1: "id" contains a NUL character' nul.err
finish
