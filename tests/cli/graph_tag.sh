#!/bin/sh
# ingest tags raw articles with the dictionaries (as 'tag' does); the result
# equals ingesting the same spans from saved tagged JSONL.
. "$(dirname "$0")/graph_lib.inc"

python3 "$ROOT/tools/bench/gen_graph.py" data 300 500 || fail "generate raw"
python3 "$ROOT/tools/bench/gen_graph.py" data 300 500 --tagged || fail "generate tagged"
run $NG ingest --db raw.db --no-shipped --dict data/dict.tsv data/articles.jsonl
eq "$rc" 0 "tag-and-ingest status"
grep -q '^ingested 300 articles (300 added, 0 replaced, 0 unchanged), 4500 mentions' out || fail "summary: $(cat out) $(cat err)"
$NG ingest -q --db saved.db data/tagged.jsonl || fail "saved ingest"
$NG stats --db raw.db --json > a.json; $NG stats --db saved.db --json > b.json
cmp -s a.json b.json || fail "tag-and-ingest differs from saved spans: $(cat a.json) vs $(cat b.json)"
$NG stats --db raw.db --check >/dev/null || fail "consistent"

# aliases from the dictionary are stored and used for lookup
printf 'jens-stoltenberg\tPER\tJens Stoltenberg\tStoltenberg|Єнс Столтенберг\njoe-biden\tPER\tJoe Biden\tBiden|Джо Байден\n' > d.tsv
mkdir txt
printf 'Joe Biden met Jens Stoltenberg.\nBiden left.\n' > txt/one.txt
printf 'Stoltenberg spoke.' > txt/two.txt
run $NG ingest --db t.db --no-shipped --dict d.tsv txt
eq "$rc" 0 "text directory status"
eq "$($NG stats --db t.db --json | j '(d["articles"], d["entities"], d["edges"], d["mentions"])')" "(2, 2, 1, 4)" "text directory counts"
$NG entity --db t.db "джо байден" --json > e.json || fail "lookup by a dictionary alias"
eq "$(j 'd["id"]' < e.json)" joe-biden "dictionary alias lookup"
eq "$(j '"Джо Байден" in d["aliases"]' < e.json)" True "aliases stored"
# standard input
printf '{"id":"s1","text":"Joe Biden and Jens Stoltenberg."}\n' | $NG ingest -q --db t.db --no-shipped --dict d.tsv - || fail "stdin"
eq "$($NG neighbors --db t.db biden --json | j 'd["neighbors"][0]["count"]')" 2 "stdin article counted"
# rule people whose id and name come from different words (a surname before
# its initials: the name is "А. С. Кузнєцов", whose key is the id) keep the
# database consistent (a bug: the name was the surname alone)
printf '{"id":"k1","text":"Договір підписали Кузнєцов А. С. і Підвисоцький М. Т. вчора."}\n' > k.jsonl
$NG ingest -q --db k.db --no-shipped --dict d.tsv k.jsonl || fail "initials ingest"
$NG stats --db k.db --check >/dev/null 2>k.err || fail "surname + initials: $(cat k.err)"
eq "$($NG entity --db k.db per:a-kuzniets --json | j 'd["name"]')" "А. С. Кузнєцов" "surname + initials name"
# no dictionaries at all and raw text: a clear error
run $NG ingest --db t.db --no-shipped txt
eq "$rc" 2 "no dictionary status"
grep -q 'no dictionaries to tag with' err || fail "no dictionary message: $(cat err)"
done_tests
