#!/bin/sh
# The user dictionary (issue 14): 'dict add ID TYPE NAME [ALIAS...]' writes
# $XDG_DATA_HOME/newsgraph/user.tsv (default ~/.local/share/newsgraph/),
# which tag and ingest use after the shipped dictionaries unless --no-user;
# 'dict remove ID'; a change that would not compile leaves the file as it
# was; clear errors and exit codes.
. "$(dirname "$0")/setup"
cd "$T"
U=$XDG_DATA_HOME/newsgraph/user.tsv
printf 'Zquorbia signed with Flibco in Kyiv.' > u.txt
$NG tag -f tsv --no-header u.txt | cut -f6 > before.out
check "shipped only: Kyiv, no Zquorbia ($(tr '\n' ' ' < before.out))" test "$(cat before.out)" = ua-kyiv
run add1 dict add zq-1 LOC Zquorbia 'Zquorbian Republic'
expect_rc add1 0
echo "newsgraph: added zq-1 to $U" | expect_err add1
run add2 dict add flib ORG Flibco
expect_rc add2 0
printf 'zq-1\tLOC\tZquorbia\tZquorbian Republic\nflib\tORG\tFlibco\n' > want.tsv
check "user.tsv written" cmp -s want.tsv "$U"
# tag: the user entries after the shipped ones; --no-user leaves them out
$NG tag -f tsv --no-header u.txt | cut -f6 | tr '\n' ' ' > after.out
check "tag uses the user dictionary ($(cat after.out))" test "$(cat after.out)" = "zq-1 flib ua-kyiv "
$NG tag -f tsv --no-header --no-user u.txt | cut -f6 | tr '\n' ' ' > nouser.out
check "--no-user ($(cat nouser.out))" test "$(cat nouser.out)" = "ua-kyiv "
# ingest too
$NG ingest -q --db g.db u.txt && $NG entity --db g.db --json zq-1 > ent.json 2>&1
check "ingest uses the user dictionary: $(head -c 200 ent.json)" grep -q '"Zquorbia"' ent.json
$NG ingest -q --no-user --db g2.db u.txt && $NG entity --db g2.db zq-1 > ent2.out 2>&1
check "ingest --no-user" test $? -ne 0
# regression: stats --check ignored the user dictionary (consistent with a
# changed user entry; with ingest's dictionaries g.db is consistent)
run chk stats --check --db g.db
expect_rc chk 0
cp "$U" u.keep
printf 'zq-1\tLOC\tZquorbia Land\tZquorbia\nflib\tORG\tFlibco\n' > "$U"
run chk2 stats --check --db g.db
expect_rc chk2 1
check "stats --check: the user dictionary's name" grep -q 'the dictionary says LOC "Zquorbia Land"' "$T/chk2.out"
run chk3 stats --check --no-user --db g.db
expect_rc chk3 0
# regression: a user.tsv that starts with a byte-order mark (an editor's):
# its first entry could not be removed nor replaced ('dict add' appended a
# second line for the id)
printf '\357\273\277acme-corp\tORG\tAcme Corporation\tAcme\n' > "$U"
run bom1 dict add acme-corp ORG "Acme Inc"
expect_rc bom1 0
check "replaced, not appended: $(cat "$U")" test "$(grep -c acme-corp "$U")" = 1
run bom2 dict remove acme-corp
expect_rc bom2 0
check "removed" sh -c "! grep -q acme-corp '$U'"
cp u.keep "$U"
# replacing an id keeps one line for it
run add3 dict add zq-1 LOC Zquorbia Zq
echo "newsgraph: replaced zq-1 in $U" | expect_err add3
printf 'flib\tORG\tFlibco\nzq-1\tLOC\tZquorbia\tZq\n' > want2.tsv
check "replace" cmp -s want2.tsv "$U"
# errors: nothing written
cp "$U" keep.tsv
run bad1 dict add 'a|b' PER X
expect_rc bad1 2
echo "newsgraph: dict add: id 'a|b': '|' separates aliases; give each as its own argument" | expect_err bad1
# (a usage error naming the argument: it was exit 1 at a line of user.tsv)
run bad2 dict add x 'P R' X
expect_rc bad2 2
printf 'newsgraph: dict add: type must be letters, digits, '"'"'_'"'"' or '"'"'-'"'"' (e.g. PER, ORG, LOC, EVENT)\n' | expect_err bad2
run bad3 dict add onlyid PER
expect_rc bad3 2
run bad4 dict add x PER "$(printf 'a\tb')"
expect_rc bad4 2
check "a refused change leaves the file" cmp -s keep.tsv "$U"
check "no temporary file left" test "$(ls "$XDG_DATA_HOME/newsgraph")" = user.tsv
# remove
run rm1 dict remove flib
expect_rc rm1 0
echo "newsgraph: removed 1 entity from $U" | expect_err rm1
printf 'zq-1\tLOC\tZquorbia\tZq\n' > want3.tsv
check "remove" cmp -s want3.tsv "$U"
run rm2 dict remove flib
expect_rc rm2 1
echo "newsgraph: no entity 'flib' in the user dictionary $U" | expect_err rm2
# a user dictionary broken by hand: tag says where and how to get past it
printf 'broken line\n' >> "$U"
run broken tag u.txt
expect_rc broken 1
check "broken user dictionary: message names the file" grep -q "^newsgraph: $U:2:" "$T/broken.err"
check "broken user dictionary: --no-user hint" grep -q -- '--no-user' "$T/broken.err"
$NG tag --no-user u.txt > /dev/null 2>&1
check "--no-user gets past it" test $? = 0
# the default place: ~/.local/share/newsgraph/user.tsv (XDG_DATA_HOME unset or relative)
mkdir home
env -u XDG_DATA_HOME HOME="$T/home" $NG dict add h1 PER 'Quentin Zorblat' 2>/dev/null
check "default: ~/.local/share/newsgraph/user.tsv" test -f home/.local/share/newsgraph/user.tsv
XDG_DATA_HOME=rel HOME="$T/home" $NG dict add h2 PER 'Quentina Zorblat' 2>/dev/null
check "a relative XDG_DATA_HOME is ignored" test "$(cut -f1 home/.local/share/newsgraph/user.tsv | tr '\n' ' ')" = "h1 h2 "
# no limit on the count of aliases or ids (there were 61 aliases and 256 ids)
rm -f "$U"   # (broken by hand above)
aliases=$(seq 1 300 | sed 's/^/Zorblat Alias /' | tr '\n' '|')
(IFS='|'; set -f; $NG dict add many PER 'Many Aliases' $aliases) 2>"$T/many.err"
rc=$?
check "dict add with 300 aliases ($(cat "$T/many.err"))" test $rc = 0
check "300 aliases written" test "$(grep '^many	' "$U" | cut -f4 | tr '|' '\n' | wc -l)" = 300
ids=""
for i in $(seq 1 300); do ids="$ids id$i"; printf 'id%s\tPER\tZorblat Number %s\n' "$i" "$i"; done > "$T/bulk.tsv"
cat "$T/bulk.tsv" >> "$U"
$NG dict remove $ids 2>"$T/rm300.err"
check "dict remove 300 ids ($(cat "$T/rm300.err"))" grep -q "removed 300 entities" "$T/rm300.err"
check "none of them left" sh -c "! grep -q '^id[0-9]' '$U'"
# regression: an id of the shipped dictionaries reused with another type
# (dict add, the user file, a --dict file) was accepted, tagged under both
# types and stored under one; one id is one entity
run conflict dict add nato PER 'Nato Person'
expect_rc conflict 1
check "dict add refuses a shipped id with another type" grep -q "id 'nato' is PER here and ORG in the shipped dictionaries" "$T/conflict.err"
check "and leaves the file as it was" sh -c "! grep -q '^nato	' '$U'"
run same_type dict add nato ORG 'NATO' 'Nato Alliance Zorblat'
expect_rc same_type 0
$NG dict remove nato 2>/dev/null
printf 'nato\tPER\tNato Person\n' >> "$U"
run conflict_user tag u.txt
expect_rc conflict_user 1
check "a user file with a conflicting id: tag refuses it, naming the file" grep -q "^newsgraph: $U: id 'nato' is PER here and ORG" "$T/conflict_user.err"
$NG dict remove nato 2>/dev/null
printf 'nato\tPER\tNato Person\n' > "$T/np.tsv"
run conflict_dict tag --no-user -d "$T/np.tsv" u.txt
expect_rc conflict_dict 1
check "a --dict file with a conflicting id: refused" grep -q "np.tsv: id 'nato' is PER here and ORG in the shipped dictionaries" "$T/conflict_dict.err"
# regression: an id given twice to dict remove was "not found" the second time
$NG dict add twice ORG 'Zorblat Twice' 2>/dev/null
run twice dict remove twice twice
expect_rc twice 0
check "an id given twice is removed once" sh -c "! grep -q '^twice	' '$U'"
# regression: an id starting with '#' was written as a comment line ("added",
# nothing tagged); an argument the builder refuses was exit 1 with a
# position in user.tsv
run hash dict add '#x1' PER 'Hashy McHash'
expect_rc hash 2
check "an id starting with '#': refused" grep -q "an id cannot start with '#'" "$T/hash.err"
check "and not written" sh -c "! grep -q 'Hashy' '$U'"
run badid dict add 'bad id' PER Xname
expect_rc badid 2
check "an id with a space: the argument's message" grep -qx "newsgraph: dict add: id contains a space or '|'" "$T/badid.err"
# regression: with a broken line in user.tsv, add/remove named a line of the
# edited text (not the file's) and tag advised them, which cannot work
cp "$U" "$T/u.bak"
printf 'broken line\n' >> "$U"
n=$(wc -l < "$U")
run broken_tag tag u.txt
expect_rc broken_tag 1
check "tag: the broken line's real position" grep -q "^newsgraph: $U:$n:12: expected at least 3" "$T/broken_tag.err"
check "tag: advises an editor" grep -q "correct or delete that line in an editor" "$T/broken_tag.err"
run broken_rm dict remove twice
expect_rc broken_rm 1
check "remove: the broken line's real position" grep -q "^newsgraph: $U:$n:12: expected at least 3" "$T/broken_rm.err"
run broken_add dict add zz LOC Zzplace
expect_rc broken_add 1
check "add: the broken line's real position" grep -q "^newsgraph: $U:$n:12: expected at least 3" "$T/broken_add.err"
cp "$T/u.bak" "$U"
# regression: an id a later dictionary shares with an earlier one came out
# under two names in one output (each span its own dictionary's); the
# earliest dictionary names it, as one compile keeps the first name
printf 'ukraine\tLOC\tUkrainian Republic\tUkrainia\n' > "$T/ren.tsv"
echo "Ukraine and Ukrainia" > "$T/ren.txt"
run ren tag --no-user --format tsv -d "$T/ren.tsv" "$T/ren.txt"
expect_rc ren 0
check "one name for a shared id (shipped first)" sh -c "[ \"\$(cut -f6,7 '$T/ren.out' | sort -u | grep -c ukraine)\" = 1 ] && grep -q '	ukraine	Ukraine	Ukrainia$' '$T/ren.out'"
run ren2 tag --no-user --no-shipped --format tsv -d "$T/ren.tsv" "$T/ren.txt"
check "the later dictionary alone: its own name" grep -q '	ukraine	Ukrainian Republic	Ukrainia$' "$T/ren2.out"
finish
