#!/bin/sh
# newsgraph dict suggest: names that no dictionary or rule tags, with a type
# from their contexts, as a dictionary TSV that tag --dict accepts (issue 12
# item 4). The articles are written for this test (invented names).
. "$(dirname "$0")/setup"

cat >"$T/en.txt" <<'TXT'
Shares of Brindlewick Holdings rose on Monday. The board of Brindlewick Holdings Ltd met in Quarrendon, a town near the coast.

Analysts in Quarrendon were surprised. Later, Brindlewick Holdings confirmed the sale. Protests in Quarrendon continued.

Nobody expected it. Nobody commented. We saw Zephyrine once, and a farm near Yarrowby.
TXT
cat >"$T/uk.txt" <<'TXT'
Компанія «Зорелит» відкрила завод у Верболозі. Мешканці у Верболозі раді.

Завод «Зорелит» працюватиме в Верболозі цілодобово. ТОВ «Зорелит» найме сто людей.
TXT
cat >"$T/ru.txt" <<'TXT'
Компания «Светогор» открыла склад в Ольховце. Жители в Ольховце довольны.

Склад «Светогор» в Ольховце работает круглосуточно. ООО «Светогор» расширится.
TXT

# English: an organisation (legal form), a place (prepositions); a word seen
# only at sentence starts (Nobody) and names seen once are not suggested.
run en dict suggest --no-org-rules "$T/en.txt"
expect_rc en 0
check "en: ORG with count 3" grep -q "^sg-brindlewick-holdings	ORG	Brindlewick Holdings		count=3	evidence=PER:0,ORG:1,LOC:0	" "$T/en.out"
check "en: LOC with count 3" grep -q "^sg-quarrendon	LOC	Quarrendon		count=3	evidence=PER:0,ORG:0,LOC:3	" "$T/en.out"
check "en: example sentence" grep -q "	example=Shares of Brindlewick Holdings rose on Monday.$" "$T/en.out"
check "en: nothing else" test "$(grep -vc '^#' "$T/en.out")" = 2
check "en: most frequent first, ties by name" test "$(grep -v '^#' "$T/en.out" | cut -f3 | tr '\n' ,)" = "Brindlewick Holdings,Quarrendon,"
check "en: no sentence-initial-only word" sh -c "! grep -q Nobody '$T/en.out'"
# --min-count 1 adds the names seen once, but still not Nobody
run en1 dict suggest --no-org-rules --min-count 1 "$T/en.txt"
check "en: --min-count 1" grep -q "	Zephyrine	" "$T/en1.out"
check "en: --min-count 1, a place by 'near'" grep -q "	LOC	Yarrowby	" "$T/en1.out"
check "en: --min-count 1, no Nobody" sh -c "! grep -q Nobody '$T/en1.out'"
check "en: no evidence is commented out" grep -q "^#? sg-zephyrine	" "$T/en1.out"
run top dict suggest --no-org-rules --top 1 "$T/en.txt"
check "--top 1" test "$(grep -vc '^#' "$T/top.out")" = 1

# Ukrainian and Russian: a quoted name after a designator or legal form is
# ORG, a name after у/в is LOC.
run uk dict suggest --no-org-rules "$T/uk.txt"
expect_rc uk 0
check "uk: ORG in quotes" grep -q "^sg-зорелит	ORG	Зорелит		count=3	evidence=PER:0,ORG:2,LOC:0	" "$T/uk.out"
check "uk: LOC after у/в" grep -q "^sg-верболозі	LOC	Верболозі		count=3	evidence=PER:0,ORG:0,LOC:3	" "$T/uk.out"
run ru dict suggest --no-org-rules "$T/ru.txt"
expect_rc ru 0
check "ru: ORG in quotes" grep -q "^sg-светогор	ORG	Светогор		count=3	evidence=PER:0,ORG:2,LOC:0	" "$T/ru.out"
check "ru: LOC after в" grep -q "^sg-ольховце	LOC	Ольховце		count=3	" "$T/ru.out"

# The organisation rules on (the default): the organisations they tag
# (ТОВ «Зорелит», Brindlewick Holdings Ltd) are not suggested; places still are.
run rules dict suggest "$T/en.txt" "$T/uk.txt" "$T/ru.txt"
expect_rc rules 0
grep -v '^#' "$T/rules.out" | cut -f3 >"$T/rules.names"
check "org rules: tagged organisations not suggested" sh -c "! grep -q -e Зорелит -e Светогор -e Brindlewick '$T/rules.names'"
check "org rules: places still suggested" grep -q "	LOC	Верболозі	" "$T/rules.out"

# A name a dictionary knows is not suggested (--dict), and the output is a
# dictionary: with it, tag finds the names.
printf 'quarrendon\tLOC\tQuarrendon\n' >"$T/q.tsv"
run known dict suggest --no-org-rules --dict "$T/q.tsv" "$T/en.txt"
check "known names are not suggested" sh -c "! grep -q Quarrendon '$T/known.out'"
run out dict suggest --no-org-rules -o "$T/sg.tsv" "$T/en.txt" "$T/uk.txt" "$T/ru.txt"
expect_rc out 0
check "-o writes nothing to stdout" test ! -s "$T/out.out"
check "-o: six names" test "$(grep -vc '^#' "$T/sg.tsv")" = 6
run again tag --format tsv --dict "$T/sg.tsv" "$T/en.txt"
expect_rc again 0
check "tag --dict with the suggestions" grep -q "	ORG	sg-brindlewick-holdings	" "$T/again.out"
check "tag --dict with the suggestions: LOC" test "$(grep -c "	LOC	sg-quarrendon	" "$T/again.out")" = 3

# JSON Lines input; usage errors
printf '{"id":"a","text":"Firms in Quarrendon. Shops in Quarrendon."}\n' >"$T/in.jsonl"
run jl dict suggest "$T/in.jsonl"
# a speech verb after the name: PER
printf 'The plan was new, and Vandersloot said so. Critics doubt what Vandersloot said.\n' >"$T/p.txt"
run per dict suggest "$T/p.txt"
check "PER from a speech verb" grep -q "^sg-vandersloot	PER	Vandersloot		count=2	evidence=PER:2,ORG:0,LOC:0	" "$T/per.out"
check "jsonl input" grep -q "	LOC	Quarrendon		count=2	" "$T/jl.out"
run noin dict suggest
expect_rc noin 2
run badn dict suggest --min-count x "$T/en.txt"
expect_rc badn 2
expect_err badn <<'ERR'
newsgraph: --min-count: expected an integer of at least 1, got 'x'
ERR
run badopt dict suggest --frobnicate "$T/en.txt"
expect_rc badopt 2
run missing dict suggest "$T/nonexistent.txt"
check "missing input fails" test "$(cat "$T/missing.rc")" != 0
# a name the user added ('dict add') is no longer suggested; --no-user
# suggests it again
run add dict add user-quarrendon LOC Quarrendon
expect_rc add 0
run en_user dict suggest --no-org-rules "$T/en.txt"
check "user dictionary: Quarrendon not suggested" sh -c "! grep -q 'Quarrendon' '$T/en_user.out'"
check "user dictionary: Brindlewick Holdings still is" grep -q "	Brindlewick Holdings	" "$T/en_user.out"
run en_nouser dict suggest --no-org-rules --no-user "$T/en.txt"
check "--no-user: Quarrendon suggested" grep -q "	LOC	Quarrendon	" "$T/en_nouser.out"
# regression: two names of one id ("Jean Pierre", "Jean-Pierre") and a
# control character in an example made files tag refused
mkdir -p "$T/c2"
printf 'Officials met in Jean-Pierre yesterday. Officials met in Jean-Pierre today.\nMr Jean Pierre said hello. Mr Jean Pierre said goodbye.\n' > "$T/c2/a.txt"
printf 'Troops came to Vorbosk\014 on Friday. Later the troops left Vorbosk\302\205 again.\n' > "$T/c2/b.txt"
run c2 dict suggest --no-rules --no-user "$T/c2" -o "$T/c2.tsv"
expect_rc c2 0
check "ids made unique: $(cut -f1 "$T/c2.tsv" | grep sg- | tr '\n' ' ')" sh -c "grep -q '^sg-jean-pierre	' '$T/c2.tsv' && grep -q '^sg-jean-pierre-2	' '$T/c2.tsv'"
run c2tag tag --no-user --dict "$T/c2.tsv" "$T/c2/a.txt"
expect_rc c2tag 0
run c2lint dict lint --no-common-words "$T/c2.tsv"
check "the suggestions load: no lint error" sh -c "! grep -q ': error:' '$T/c2lint.out'"
finish
