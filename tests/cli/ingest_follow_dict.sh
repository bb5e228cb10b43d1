#!/bin/sh
# The database follows the dictionaries in use: after a dictionary renames
# an entity, changes its type or adds an alias, re-ingesting (even unchanged
# articles) refreshes the stored entity; stats --check reports entities whose
# stored data disagree with the dictionaries given (Hardening II, item 4).
. "$(dirname "$0")/setup"
cd "$T"
printf '%s\n' '{"id":"a1","text":"Talks in Zorvath went on. Zorvath Mining agreed."}' \
  '{"id":"a2","text":"Zorvath was quiet."}' > in.jsonl
printf 'zorvath\tLOC\tZorvath\nzorvath-mining\tORG\tZorvath Mining\n' > d1.tsv
# d2: renamed, a new alias
printf 'zorvath\tLOC\tZorvath City\tZorvath|Zorvat\nzorvath-mining\tORG\tZorvath Mining\n' > d2.tsv
# d3: another type
printf 'zorvath\tORG\tZorvath City\tZorvath|Zorvat\nzorvath-mining\tORG\tZorvath Mining\n' > d3.tsv
ing() { "$NG" ingest --no-shipped --dict "$1" --db g.db in.jsonl > "$T/ing.out" 2>&1; }
row() { sqlite3 g.db "select type || ' ' || name from entity where key='zorvath'"; }

ing d1.tsv
check "first ingest" [ "$(row)" = "LOC Zorvath" ]
run check1 stats --db g.db --check --no-shipped --dict d1.tsv
expect_rc check1 0
run stale stats --db g.db --check --no-shipped --dict d2.tsv
expect_rc stale 1
check "check: the stored name disagrees with the dictionary given" \
  grep -q 'entity zorvath: stored as LOC "Zorvath", the dictionary says LOC "Zorvath City"' stale.out

ing d2.tsv
check "re-ingest of unchanged articles: 0 replaced" grep -q '(0 added, 0 replaced, 2 unchanged)' ing.out
check "renamed by the dictionary" [ "$(row)" = "LOC Zorvath City" ]
check "the new alias finds it" [ "$("$NG" entity --db g.db Zorvat --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" = zorvath ]
run check2 stats --db g.db --check --no-shipped --dict d2.tsv
expect_rc check2 0

ing d3.tsv
check "retyped by the dictionary" [ "$(row)" = "ORG Zorvath City" ]
check "mentions keep their entity" [ "$(sqlite3 g.db "select count(*) from mention m join entity e on e.id=m.entity where e.key='zorvath'")" = 2 ]
run check3 stats --db g.db --check --no-shipped --dict d3.tsv
expect_rc check3 0
"$NG" tag --format jsonl --no-shipped --dict d3.tsv in.jsonl > tag.jsonl
check "and the database is what tag prints" sh -c 'python3 "$1/tests/corpus/invariant.py" tag tag.jsonl g.db > /dev/null' sh "$ROOT"

# a correction wins over the dictionary
run rename entity rename --db g.db zorvath "Zorvath (city)"
expect_rc rename 0
ing d3.tsv
check "a user's rename survives a re-ingest" [ "$(row)" = "ORG Zorvath (city)" ]
finish
