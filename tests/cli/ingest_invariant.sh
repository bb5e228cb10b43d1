#!/bin/sh
# The graph holds exactly what the tagger finds: for articles full of
# rule-found and partial person names in English, Ukrainian and Russian
# (tests/data/articles/people.jsonl), 'ingest X' stores exactly the mentions,
# entity names and types that 'tag X' prints, with one thread or two, with
# any batch size, with tagging options, and the same database as
# 'tag --keep-text X | ingest'. Regression test for matches of rule-found
# people that pointed into the tagger's storage of the previous article.
. "$(dirname "$0")/setup"
in=$ROOT/tests/data/articles/people.jsonl
inv() { python3 "$ROOT/tests/corpus/invariant.py" "$@" > "$T/inv.out" 2>&1 || { cat "$T/inv.out"; return 1; }; }

"$NG" tag --format jsonl "$in" > "$T/tag.jsonl"
check "rule-found people in the test articles" [ "$(grep -o '"rule":true' "$T/tag.jsonl" | wc -l)" -ge 40 ]
check "partial names in the test articles" [ "$(grep -o '"partial":true' "$T/tag.jsonl" | wc -l)" -ge 40 ]
check "tag spans are the input's bytes at character boundaries" inv input "$in" "$T/tag.jsonl"

dbs=""
for j in 1 2; do
  for b in 1 3 20000; do
    run ingest-j$j-b$b ingest -q --db "$T/j$j-b$b.db" -j $j --batch $b "$in"
    expect_rc ingest-j$j-b$b 0
    check "ingest -j $j --batch $b stores what tag prints" inv tag "$T/tag.jsonl" "$T/j$j-b$b.db"
    dbs="$dbs $T/j$j-b$b.db"
  done
done
check "one or two threads, any batch size: the same database" inv same $dbs

# saved output ingests into the same database
"$NG" tag --format jsonl --keep-text -j 2 "$in" > "$T/saved.jsonl"
run saved ingest -q --db "$T/saved.db" "$T/saved.jsonl"
expect_rc saved 0
check "tag --keep-text | ingest: the same database" inv same "$T/j1-b1.db" "$T/saved.db"
"$NG" tag --format jsonl --keep-text --offsets chars "$in" > "$T/saved-chars.jsonl"
run saved-chars ingest -q --db "$T/saved-chars.db" --offsets chars "$T/saved-chars.jsonl"
expect_rc saved-chars 0
check "saved output with character offsets: the same database" inv same "$T/j1-b1.db" "$T/saved-chars.db"
run saved-chars-as-bytes ingest -q --db "$T/wrong.db" "$T/saved-chars.jsonl"
expect_rc saved-chars-as-bytes 1

# tagging options reach ingest
for opt in --no-rules --no-partial --no-context --no-inflect; do
  "$NG" tag --format jsonl $opt "$in" > "$T/tag$opt.jsonl"
  run ingest$opt ingest -q --db "$T/db$opt.db" -j 2 --batch 2 $opt "$in"
  expect_rc ingest$opt 0
  check "ingest $opt stores what tag $opt prints" inv tag "$T/tag$opt.jsonl" "$T/db$opt.db"
done
check "--no-rules stores no rule-found person" [ "$(sqlite3 "$T/db--no-rules.db" "select count(*) from entity where key like 'per:%'")" = 0 ]

# re-ingesting unchanged input changes nothing
run again ingest --db "$T/j2-b3.db" -j 2 "$in"
expect_rc again 0
check "re-ingest: 0 added, 0 replaced" grep -q "(0 added, 0 replaced, 10 unchanged)" "$T/again.out"
run check stats --db "$T/j2-b3.db" --check
expect_rc check 0

# a rule-found person's canonical name is its first nominative sighting as
# written, not the guess made from a declined first sighting
printf '%s\n' '{"id":"n1","text":"Вчера с Натальей Бережной встретился министр."}' \
  '{"id":"n2","text":"Наталья Бережная заявила, что всё хорошо."}' \
  '{"id":"n3","text":"О Наталье Бережной говорили много."}' > "$T/nom.jsonl"
run nom ingest -q --db "$T/nom.db" "$T/nom.jsonl"
check "the nominative as written names the person" [ "$(sqlite3 "$T/nom.db" "select name from entity where key like 'per:%'")" = "Наталья Бережная" ]
"$NG" tag --format jsonl --keep-text "$T/nom.jsonl" > "$T/nom.saved.jsonl"
run nom-saved ingest -q --db "$T/nom-saved.db" "$T/nom.saved.jsonl"
check "the same from saved output" inv same "$T/nom.db" "$T/nom-saved.db"
"$NG" tag --format jsonl "$T/nom.jsonl" > "$T/nom.tag"
check "and it is a name tag printed" inv tag "$T/nom.tag" "$T/nom.db"

# stats --check sees corruption the counts do not show
per=$(sqlite3 "$T/j1-b1.db" "select key from entity where key like 'per:%' and name = 'Michael Harrow'")
check "a rule-found person to corrupt" [ -n "$per" ]
cp "$T/j1-b1.db" "$T/c1.db"
sqlite3 "$T/c1.db" "update entity set type='ORG' where key='lviv'; update entity set type='LOC' where key='$per';"
run corrupt-type stats --db "$T/c1.db" --check
expect_rc corrupt-type 1
check "check: a dictionary entity with another type" grep -q 'entity lviv: stored as ORG "Lviv", the dictionary says LOC "Lviv"' "$T/corrupt-type.out"
check "check: a rule-found person with another type" grep -q "entity $per: a rule-found person stored with type LOC" "$T/corrupt-type.out"
cp "$T/j1-b1.db" "$T/c2.db"
sqlite3 "$T/c2.db" "update mention set start=start+1 where rowid in (select rowid from mention limit 3)" 2>/dev/null ||
  sqlite3 "$T/c2.db" "update mention set start=start+1 where (article, field, start) in (select article, field, start from mention order by article, field, start limit 3)"
run corrupt-offsets stats --db "$T/c2.db" --check
expect_rc corrupt-offsets 1
check "check: mentions whose surface is not the text at their offsets" [ "$(grep -c 'are not the stored surface' "$T/corrupt-offsets.out")" = 3 ]
cp "$T/j1-b1.db" "$T/c3.db"
sqlite3 "$T/c3.db" "update entity set name=CAST(X'8D2D' || CAST(name AS BLOB) AS TEXT) where key='$per'"
run corrupt-name stats --db "$T/c3.db" --check
expect_rc corrupt-name 1
check "check: a name starting with invalid UTF-8" grep -q "$per: the name is empty or starts with invalid UTF-8" "$T/corrupt-name.out"
# the bug this test was written for: rule-found people stored under another
# person's id (the name does not give the id)
cp "$T/j1-b1.db" "$T/c4.db"
sqlite3 "$T/c4.db" "update entity set name='Sarah Quill' where key='$per'"
run wrong-person stats --db "$T/c4.db" --check
expect_rc wrong-person 1
check "check: a name that does not give the id" grep -q "entity $per: the name \"Sarah Quill\" gives the id per:sarah-kuil" "$T/wrong-person.out"
# a dictionary that renames an entity: the check against it reports the stored name
printf 'lviv\tLOC\tLemberg\tLviv|Львів\n' > "$T/rename.tsv"
run stale-name stats --db "$T/j1-b1.db" --check --no-shipped --dict "$T/rename.tsv"
expect_rc stale-name 1
check "check: stored name disagrees with the dictionary given" grep -q 'entity lviv: stored as LOC "Lviv", the dictionary says LOC "Lemberg"' "$T/stale-name.out"

run bad-threads ingest --db "$T/x.db" -j 0 "$in"
expect_rc bad-threads 2
run bad-offsets ingest --db "$T/x.db" --offsets words "$in"
expect_rc bad-offsets 2
check "--offsets: message" grep -qx "newsgraph: --offsets: 'words' is not bytes or chars" "$T/bad-offsets.err"
finish
