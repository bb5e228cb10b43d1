#!/bin/sh
# Military units (rule U, tagger/names_unit.c) in the graph: one unit named
# in Ukrainian (the genitive and a quoted name), in English and in Russian,
# in three articles, is one node with three mentions; its abbreviation in a
# fourth article (47 ОМБр) too; another unit's number is another node.
. "$(dirname "$0")/setup"
cd "$T"
cat > units.jsonl <<'JSON'
{"id":"ua1","text":"Бійці 47-ї окремої механізованої бригади «Магура» відбили атаку біля Авдіївки."}
{"id":"en1","text":"The 47th Mechanized Brigade repelled an attack near Avdiivka."}
{"id":"ru1","text":"Бойцы 47-й отдельной механизированной бригады отбили атаку под Авдеевкой."}
{"id":"ua2","text":"Воїни 47 ОМБр та 110-ї окремої механізованої бригади тримають оборону."}
JSON
"$NG" ingest -q --db u.db units.jsonl
check "one node for the 47th brigade, four mentions in four articles" \
  [ "$(sqlite3 u.db "select count(*) || ' ' || group_concat(mentions) || ' ' || group_concat(articles) from entity where key like 'org:unit-47-%'")" = "1 4 4" ]
check "the 110th is another node" \
  [ "$(sqlite3 u.db "select count(*) from entity where key = 'org:unit-110-mechanized-brigade'")" = 1 ]
check "no other unit node" [ "$(sqlite3 u.db "select count(*) from entity where key like 'org:unit-%'")" = 2 ]
run card entity --db u.db org:unit-47-mechanized-brigade
expect_rc card 0
check "its name: the Ukrainian nominative" grep -q '^47-ма окрема механізована бригада «Магура»$' card.out
check "its aliases: the forms as written" grep -q '47th Mechanized Brigade' card.out
finish
