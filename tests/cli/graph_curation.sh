#!/bin/sh
# Curation (newsgraph entity merge/rename/retype/alias/undo): a corrected
# database holds exactly what an ingest with a dictionary that already had
# the correction holds (views entities, mentions and edges, sorted), after
# the correction, re-ingest, forget, new articles, shard merges and in the
# exports.
. "$(dirname "$0")/graph_lib.inc"

# D1 lists a and b apart; D2 lists b's names under a; D3 is D2 with a
# renamed and y retyped.
printf 'a\tPER\tAnna Alpha\tAlpha\nb\tPER\tBeta Person\tBeta\nx\tLOC\tXland\t\ny\tORG\tYcorp\t\nz\tORG\tZeta Group\tZeta\n' > d1.tsv
printf 'a\tPER\tAnna Alpha\tAlpha|Beta Person|Beta\nx\tLOC\tXland\t\ny\tORG\tYcorp\t\nz\tORG\tZeta Group\tZeta\n' > d2.tsv
printf 'a\tPER\tAnna A. Alpha\tAnna Alpha|Alpha|Beta Person|Beta\nx\tLOC\tXland\t\ny\tLOC\tYcorp\t\nz\tORG\tZeta Group\tZeta\n' > d3.tsv
# b is mentioned before a (the merged entity takes the first one's place),
# a and b share windows with x and y, and with each other
cat > x.jsonl <<'EOF'
{"id":"t0","published":"2024-01-01","title":"Beta Person in Xland","text":"Beta Person arrived in Xland with Zeta Group."}
{"id":"t1","published":"2024-01-02","title":"Alpha in Xland","text":"Anna Alpha visited Xland. Beta Person met Ycorp there.\n\nBeta and Alpha left Xland."}
{"id":"t2","published":"2024-01-05","text":"Beta Person spoke to Ycorp in Xland. Alpha did not."}
{"id":"t3","published":"2024-02-01","text":"Ycorp and Alpha and Beta were all in Xland.\n\nZeta Group stayed away."}
{"id":"t4","published":"2024-02-03","text":"Zeta Group hired Anna Alpha. Ycorp sued Zeta."}
EOF
ing() { db=$1; d=$2; shift 2; $NG ingest -q --db "$db" --no-shipped --dict "$d" "$@" || fail "ingest $* into $db"; }
# the three views, sorted (an edge's ends in id order: which end is 'a'
# follows internal row numbers)
dump() {
  sqlite3 "$1" "SELECT * FROM entities ORDER BY 1;
    SELECT * FROM mentions ORDER BY 1, 2, 4, 5, 6;
    SELECT min(a,b), max(a,b), CASE WHEN a<b THEN a_name ELSE b_name END, CASE WHEN a<b THEN b_name ELSE a_name END,
      count, articles, first_date, last_date, npmi FROM edges ORDER BY 1, 2;
    SELECT count(*), sum(windows) FROM article; SELECT value FROM meta WHERE key='windows'"
}
# same DB1 DB2 WHAT: identical views, both consistent
same() {
  dump "$1" > "$1.dump"; dump "$2" > "$2.dump"
  cmp -s "$1.dump" "$2.dump" || fail "$3: views differ: $(diff "$1.dump" "$2.dump" | head -20)"
  $NG stats --db "$1" --check > /dev/null || fail "$3: $1 inconsistent"
  $NG stats --db "$2" --check > /dev/null || fail "$3: $2 inconsistent"
}

# ## merge
ing c.db d1.tsv x.jsonl
ing m2.db d2.tsv x.jsonl
dump c.db > before.dump; dump m2.db > m2.dump
cmp -s before.dump m2.dump && fail "the test data do not tell D1 from D2"
eq "$(sqlite3 c.db "SELECT count(*) FROM edges WHERE (a='a' AND b='b') OR (a='b' AND b='a')")" 1 "a and b co-occur before the merge"
run $NG entity merge --db c.db "Anna Alpha" beta
eq "$rc" 0 "merge status"
eq "$(cat out)" "correction 1: merge: b (Beta Person) into a" "merge message"
same c.db m2.db "merge"
eq "$(sqlite3 c.db "SELECT count(*) FROM entity WHERE key='b'") $(sqlite3 c.db "SELECT count(*) FROM mentions WHERE entity='b'")" "0 0" "b is gone"
eq "$($NG entity --db c.db b --json | j 'd["id"]')" a "b's id finds a"
eq "$($NG entity --db c.db "beta person" --json | j 'd["id"]')" a "b's name finds a"
eq "$($NG neighbors --db c.db a --json | j '[(x["id"], x["count"], x["articles"]) for x in d["neighbors"]]')" \
   "$($NG neighbors --db m2.db a --json | j '[(x["id"], x["count"], x["articles"]) for x in d["neighbors"]]')" "neighbors after merge"

$NG export --db c.db -o c0.graphml 2> /dev/null; $NG export --db m2.db -o m2.graphml 2> /dev/null
cmp -s c0.graphml m2.graphml || fail "graphml after merge differs: $(diff c0.graphml m2.graphml | head)"

# ## rename, retype
ing r3.db d3.tsv x.jsonl
run $NG entity rename --db c.db a "Anna A. Alpha"
eq "$rc" 0 "rename status"
eq "$(cat out)" "correction 2: rename: a 'Anna Alpha' -> 'Anna A. Alpha'" "rename message"
run $NG entity retype --db c.db Ycorp LOC
eq "$(cat out)" "correction 3: retype: y 'ORG' -> 'LOC'" "retype message"
same c.db r3.db "rename and retype"
eq "$($NG entity --db c.db "anna a. alpha" --json | j 'd["id"]')" a "the new name finds the entity"

# ## re-ingest (unchanged, then changed), forget, new articles
ing c.db d1.tsv x.jsonl; ing r3.db d3.tsv x.jsonl
same c.db r3.db "re-ingest unchanged"
sed 's/Beta Person spoke to Ycorp in Xland. Alpha did not./Beta spoke. Alpha and Ycorp met Zeta Group in Xland./' x.jsonl > x2.jsonl
cmp -s x.jsonl x2.jsonl && fail "x2 is not changed"
ing c.db d1.tsv x2.jsonl; ing r3.db d3.tsv x2.jsonl
same c.db r3.db "re-ingest changed"
for db in c.db r3.db; do $NG forget --db $db t1 > /dev/null || fail "forget t1 in $db"; done
same c.db r3.db "forget"
# a disappears with its last article, then comes back through b's name
for db in c.db r3.db; do for t in t0 t2 t3 t4; do $NG forget --db $db $t > /dev/null || fail "forget $t in $db"; done; done
eq "$(sqlite3 c.db "SELECT count(*) FROM entity")" 0 "all forgotten"
printf '%s\n' '{"id":"n1","published":"2024-03-01","text":"Beta met Ycorp and Zeta in Xland."}' \
  '{"id":"n2","published":"2024-03-02","text":"Anna Alpha and Beta Person saw Xland."}' > new.jsonl
ing c.db d1.tsv new.jsonl; ing r3.db d3.tsv new.jsonl
same c.db r3.db "new articles after forgetting every article"
eq "$(sqlite3 c.db "SELECT name, type FROM entity WHERE key='a'")" "Anna A. Alpha|PER" "a re-created with its corrected name"
eq "$(sqlite3 c.db "SELECT type FROM entity WHERE key='y'")" LOC "y re-created with its corrected type"
ing c.db d1.tsv x2.jsonl; ing r3.db d3.tsv x2.jsonl
same c.db r3.db "ingest after new articles"

# ## exports: the corrected names and types, no merged id
for f in graphml gexf gml dot csv; do
  $NG export --db c.db --format $f -o c.$f 2> /dev/null || fail "export $f"
  $NG export --db r3.db --format $f -o r3.$f 2> /dev/null || fail "export $f (r3)"
  if [ $f = csv ]; then
    for k in nodes relationships; do cmp -s c.csv/$k.csv r3.csv/$k.csv || fail "export csv $k differs: $(diff c.csv/$k.csv r3.csv/$k.csv)"; done
  else
    cmp -s c.$f r3.$f || fail "export $f differs: $(diff c.$f r3.$f | head)"
  fi
done
grep -q '<data key="v_name">Anna A. Alpha</data>' c.graphml || fail "graphml has the new name"
grep -q '"b"\|Beta Person' c.graphml c.gexf c.gml c.dot c.csv/nodes.csv && fail "a merged id or name in an export"
if command -v xmllint > /dev/null 2>&1; then xmllint --noout c.graphml c.gexf || fail "xml"; fi

# ## shards: corrections of each shard are combined
head -n 3 x2.jsonl > p1.jsonl; tail -n 2 x2.jsonl > p2.jsonl
ing s1.db d1.tsv p1.jsonl
ing s2.db d1.tsv p2.jsonl
$NG entity merge --db s1.db a b > /dev/null || fail "shard merge correction"
$NG entity rename --db s1.db a "Anna A. Alpha" > /dev/null || fail "shard rename"
$NG entity retype --db s2.db y LOC > /dev/null || fail "shard retype"
ing all3.db d3.tsv x2.jsonl
$NG merge s1.db s2.db -o m12.db > /dev/null || fail "merge s1 s2"
same m12.db all3.db "shard merge (corrections in both)"
$NG merge s2.db s1.db -o m21.db > /dev/null || fail "merge s2 s1"
same m21.db all3.db "shard merge, other order"
eq "$($NG entity corrections --db m12.db --json | j '[(x["op"], x["entity"], x["value"]) for x in d["corrections"]]')" \
   '[["merge", "a", "b"], ["rename", "a", "Anna A. Alpha"], ["retype", "y", "LOC"]]' "combined corrections"
# a shard whose corrections name an entity absent from the other: b alone takes a's id and name
ing e1.db d1.tsv p1.jsonl
$NG entity merge --db e1.db a b > /dev/null || fail "merge in e1"
for t in t0 t1 t2; do $NG forget --db e1.db $t > /dev/null || fail "forget $t in e1"; done
head -n 1 x2.jsonl > t0.jsonl
ing e2.db d1.tsv t0.jsonl
ing t0d2.db d2.tsv t0.jsonl
eq "$(sqlite3 e2.db "SELECT count(*) FROM entity WHERE key IN ('a','b')")" 1 "t0 mentions b only"
$NG merge e1.db e2.db -o e12.db > /dev/null || fail "merge e1 e2"
same e12.db t0d2.db "shard merge: the merged entity only in the later shard"
# the merged database goes on applying them
ing m12.db d1.tsv new.jsonl; ing all3.db d3.tsv new.jsonl
same m12.db all3.db "ingest into a merged database"

# ## alias add / remove
run $NG entity alias add --db c.db a "Alpha Prime"
eq "$rc" 0 "alias add status"
eq "$(cat out)" "correction 4: alias add: a 'Alpha Prime'" "alias add message"
eq "$($NG entity --db c.db "alpha prime" --json | j 'd["id"]')" a "added alias finds the entity"
run $NG entity alias remove --db c.db a Alpha
eq "$rc" 0 "alias remove status"
# the alias is gone (the lookup of "alpha" still finds Anna Alpha by her
# surname: graph/README.md, "Finding an entity")
alias_rows() { sqlite3 c.db "SELECT count(*) FROM alias WHERE entity='a' AND alias='Alpha'"; }
eq "$(alias_rows)" 0 "removed alias no longer stored"
# an article where the removed alias is the surface does not bring it back
printf '%s\n' '{"id":"n3","text":"Alpha was in Xland."}' > n3.jsonl
ing c.db d1.tsv n3.jsonl
eq "$(alias_rows)" 0 "removed alias stays removed after an ingest"
$NG stats --db c.db --check > /dev/null || fail "consistent after alias corrections"
run $NG entity alias remove --db c.db a "No Such Alias"
eq "$rc" 1 "removing an alias that is not there"

# ## listing and undo
$NG entity corrections --db c.db > list.txt || fail "corrections"
eq "$(wc -l < list.txt | tr -d ' ')" 5 "five corrections listed"
grep -q '^   1  ....-..-..T..:..:..Z  merge: b (Beta Person) into a$' list.txt || fail "corrections listing: $(cat list.txt)"
run $NG entity undo --db c.db 2
eq "$rc" 0 "undo rename status"
eq "$(sqlite3 c.db "SELECT name FROM entity WHERE key='a'")" "Anna Alpha" "undo rename restores the name"
run $NG entity undo --db c.db 5
eq "$($NG entity --db c.db alpha --json | j 'd["id"]')" a "undo alias remove restores it"
# undoing a merge: the kept entity's articles are re-tagged at their next ingest
ing u.db d1.tsv x.jsonl
ing plain.db d1.tsv x.jsonl
$NG entity merge --db u.db a b > /dev/null || fail "merge in u.db"
ing u.db d1.tsv new.jsonl; ing plain.db d1.tsv new.jsonl
run $NG entity undo --db u.db 1
eq "$rc" 0 "undo merge status"
eq "$(cat out)" "undid correction 1
7 articles marked for re-tagging: ingest them again to split the merged mentions" "undo merge message"
$NG stats --db u.db --check > /dev/null || fail "consistent after undoing a merge"
ing u.db d1.tsv x.jsonl new.jsonl
same u.db plain.db "undo merge, then ingest again"
eq "$($NG entity --db u.db beta --json | j 'd["id"]')" b "b's names find b again"
run $NG entity undo --db c.db 99
eq "$rc" 1 "undo of an unknown correction"
eq "$($NG entity corrections --db c.db --json | j '[x["seq"] for x in d["corrections"]]')" '[1, 3, 4]' "log after undo"
$NG stats --db c.db --check > /dev/null || fail "consistent after undo"
# a renamed entity renamed again: undoing the first keeps the second, undoing the second restores the original
$NG entity rename --db c.db a "First" > /dev/null; $NG entity rename --db c.db a "Second" > /dev/null
$NG entity undo --db c.db 6 > /dev/null || fail "undo first of two renames"
eq "$(sqlite3 c.db "SELECT name FROM entity WHERE key='a'")" Second "later rename stays"
$NG entity undo --db c.db 7 > /dev/null || fail "undo second rename"
eq "$(sqlite3 c.db "SELECT name FROM entity WHERE key='a'")" "Anna Alpha" "original name back"

# options before the subcommand; a rename of an entity merged since: undoing it leaves the kept one's name
$NG entity --db c.db rename z "Zeta Old" > /dev/null || fail "options before the subcommand"
ing c.db d1.tsv x.jsonl
$NG entity --db c.db merge y z > /dev/null || fail "merge y z"
seqz=$($NG entity corrections --db c.db --json | j '[x["seq"] for x in d["corrections"] if x["op"] == "rename" and x["entity"] == "z"][0]')
$NG entity undo --db c.db "$seqz" > /dev/null || fail "undo the rename of a merged entity"
eq "$(sqlite3 c.db "SELECT name, type FROM entity WHERE key='y'")" "Ycorp|LOC" "undoing a merged entity's rename leaves the kept one"
$NG stats --db c.db --check > /dev/null || fail "consistent after merge y z"

# ## errors
run $NG entity merge --db c.db a "Anna Alpha"
eq "$rc" 2 "merging an entity with itself"
run $NG entity rename --db c.db nobody-at-all X
eq "$rc" 1 "renaming an unknown entity"
run $NG entity rename --db c.db a
eq "$rc" 2 "rename without a name"
run $NG entity alias frob --db c.db a x
eq "$rc" 2 "alias with an unknown action"
run $NG entity --help
grep -q 'entity merge' out || fail "help lists merge"
# an entity named like a subcommand is still reachable
printf 'merge\tORG\tmerge\t\n' > dm.tsv
printf '%s\n' '{"id":"q1","text":"merge happened."}' > q.jsonl
ing q.db dm.tsv q.jsonl
eq "$($NG entity --db q.db --json -- merge | j 'd["id"]')" merge "entity -- merge"

# ## an old (version 1) database: read as it is, upgraded when written
ing old.db d1.tsv x.jsonl
sqlite3 old.db "DROP TABLE correction; PRAGMA user_version=1"
chmod a-w old.db
$NG stats --db old.db --json > /dev/null || fail "read a version-1 database"
eq "$($NG entity corrections --db old.db --json | j 'd["corrections"]')" '[]' "no corrections in an old database"
eq "$(sqlite3 old.db "PRAGMA user_version")" 1 "reading leaves a version-1 database as it is"
chmod u+w old.db
ing old.db d1.tsv new.jsonl
eq "$(sqlite3 old.db "PRAGMA user_version")" 2 "upgraded to version 2"
$NG entity merge --db old.db a b > /dev/null || fail "merge in an upgraded database"
$NG stats --db old.db --check > /dev/null || fail "upgraded database consistent"
# regression: stats --check took a rename or retype (a stored correction)
# for a problem; a name changed by hand still is one
ing ck.db d1.tsv x.jsonl
$NG stats --db ck.db --check --no-shipped --dict d1.tsv > /dev/null || fail "ck.db consistent"
$NG entity rename --db ck.db a "Renamed A" > /dev/null || fail "rename"
$NG entity retype --db ck.db a ORG > /dev/null || fail "retype"
$NG stats --db ck.db --check --no-shipped --dict d1.tsv > ck.out 2>&1 || fail "renamed and retyped: consistent: $(cat ck.out)"
# several entities corrected, the log read in one pass beside the entities
for k in $(sqlite3 ck.db "SELECT key FROM entity WHERE key <> 'a' ORDER BY key DESC"); do
  $NG entity rename --db ck.db "$k" "New $k" > /dev/null || fail "rename $k"
done
$NG entity rename --db ck.db a "Renamed A" > /dev/null || fail "rename a again"
$NG stats --db ck.db --check --no-shipped --dict d1.tsv > ck.out 2>&1 || fail "several renamed: consistent: $(cat ck.out)"
eq "$(sqlite3 ck.db "SELECT count(*) FROM correction WHERE op = 'rename'")" "$(sqlite3 ck.db "SELECT count(*) + 1 FROM entity")" "renames logged"
sqlite3 ck.db "UPDATE entity SET name = 'By Hand' WHERE key = 'a'"
$NG stats --db ck.db --check --no-shipped --dict d1.tsv > ck.out 2>&1 && fail "a name changed by hand is a problem"
grep -q 'entity a: stored as ORG "By Hand", the dictionary with the corrections says ORG "Renamed A"' ck.out || fail "message: $(cat ck.out)"
chmod a-w old.db
$NG stats --db old.db --check > /dev/null 2>&1; [ $? -le 1 ] || fail "check of a version-1 database runs"
chmod u+w old.db
# regression: entity retype took any string ("NOT A TYPE", "A,B": a comma
# splits --type lists)
for t in 'NOT A TYPE' 'A,B' 'x:y'; do
  run $NG entity retype --db ck.db a "$t"; eq "$rc" 2 "retype '$t' status"
done
grep -q "letters, digits, '_' or '-'" err || fail "retype message: $(cat err)"
# regression: a retype or rename of a rule-found person was a problem for
# stats --check ("a rule-found person stored with type ORG", "the name ...
# gives the id ..."), though corrections of dictionary entities were not
printf '{"id":"p1","published":"2023-03-01","text":"John Smith met Jens Stoltenberg in London."}\n{"id":"p2","published":"2023-03-02","text":"Mary Brown met Jens Stoltenberg in London."}\n' > rp.jsonl
$NG ingest -q --db rp.db rp.jsonl || fail "ingest rp"
$NG entity retype --db rp.db "John Smith" ORG > /dev/null || fail "retype a rule-found person"
$NG entity rename --db rp.db "Mary Brown" "M. R. Brown" > /dev/null || fail "rename a rule-found person"
$NG stats --check --db rp.db > rp.out 2>&1 || fail "corrected rule-found persons: $(cat rp.out)"
sqlite3 rp.db "UPDATE entity SET name = 'Hand Edit' WHERE name = 'M. R. Brown'"
$NG stats --check --db rp.db > rp.out 2>&1 && fail "a rule-found person's name changed by hand is a problem"
grep -q 'stored as "Hand Edit", the corrections say "M. R. Brown"' rp.out || fail "message: $(cat rp.out)"
# regression: undoing a rename left the undone name as an alias (the entity
# was still found by it); a name that was an alias before stays one
printf '{"id":"k1","published":"2023-03-01","text":"Olaf Scholz arrived in Kyiv."}\n' > un.jsonl
$NG ingest -q --db un.db un.jsonl || fail "ingest un"
$NG entity rename --db un.db ua-kyiv "Kyiv City Hall" > /dev/null || fail "rename"
$NG entity undo --db un.db 1 > /dev/null || fail "undo"
run $NG entity --db un.db "Kyiv City Hall"; eq "$rc" 1 "the undone name no longer finds the entity"
$NG entity rename --db un.db ua-kyiv Kiev > /dev/null && $NG entity undo --db un.db 2 > /dev/null || fail "rename to an alias, undo"
run $NG entity --db un.db Kiev; eq "$rc" 0 "an alias from before the rename stays"
$NG stats --check --db un.db > /dev/null || fail "un.db inconsistent"
# regression: a merge records the kept entity's name and type of the moment;
# undoing an earlier rename and retype left them there, and they came back
# when the merged entity returned alone (here: its articles forgotten, then
# an article naming only the merged one)
printf 'a\tPER\tAnna Alpha\tAlpha\nb\tPER\tBeta Person\tBeta\n' > rs.tsv
printf '{"id":"r1","published":"2024-01-01","text":"Anna Alpha met Beta Person."}\n' > rs1.jsonl
printf '{"id":"r2","published":"2024-01-02","text":"Beta Person spoke."}\n' > rs2.jsonl
ing rs.db rs.tsv rs1.jsonl
{ $NG entity rename --db rs.db a "Anna X" && $NG entity retype --db rs.db a ORG && $NG entity merge --db rs.db a b &&
  $NG entity undo --db rs.db 1 && $NG entity undo --db rs.db 2; } > /dev/null || fail "rename, retype, merge, undo both"
$NG forget --db rs.db r1 > /dev/null || fail "forget r1"
ing rs.db rs.tsv rs2.jsonl
eq "$(sqlite3 rs.db "SELECT key, name, type FROM entity")" "a|Anna Alpha|PER" "undone rename and retype stay undone after a merge"
$NG stats --check --db rs.db > /dev/null || fail "rs.db inconsistent"
done_tests
