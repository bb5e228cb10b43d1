#!/bin/sh
# newsgraph dict compile: tag --dict IMAGE = tag --dict TSV; truncated,
# corrupt, foreign and newer images are refused with the exact message.
. "$(dirname "$0")/setup"
cd "$T"
cat >a.tsv <<'EOF'
# people and places
loc_ukraine	LOC	Ukraine	Україна|Украина|UA
loc_kyiv	LOC	Kyiv	Київ|Киев
per_zelensky	PER	Volodymyr Zelensky	Zelensky|Zelenskyy|Зеленський|Зеленский
org_nato	ORG	NATO	НАТО
EOF
cat >b.tsv <<'EOF'
# extends loc_kyiv of a.tsv
loc_kyiv	LOC	Kyiv	Kiev	priority=1
org_nuc	ORG	NATO-Ukraine Council	Ukraine-NATO Council|Рада Україна-НАТО
EOF
run compile dict compile a.tsv b.tsv -o d.ngd
expect_rc compile 0
echo "ok" | sed -n '/x/p' | expect_out compile
check "summary line" grep -Eq '^newsgraph: compiled 5 entities, 18 aliases into d.ngd in [0-9.]+ s$' compile.err
run quiet dict compile -q a.tsv b.tsv -o q.ngd
expect_err quiet </dev/null
check "compiling twice gives the same bytes" cmp -s d.ngd q.ngd
cat "$ROOT"/tests/data/articles/en/*.txt "$ROOT"/tests/data/articles/uk/*.txt "$ROOT"/tests/data/articles/ru/*.txt >articles.txt 2>/dev/null
printf '\nKiev, Київ, Zelenskyy, ЗЕЛЕНСЬКИЙ, the Ukraine-NATO Council, UA, ua.\n' >>articles.txt
for fmt in jsonl tsv conll; do
  $NG tag --no-shipped --dict a.tsv --dict b.tsv -f $fmt articles.txt >tsv.$fmt 2>&1
  $NG tag --no-shipped --dict d.ngd -f $fmt articles.txt >img.$fmt 2>&1
  check "image = TSV ($fmt)" cmp -s tsv.$fmt img.$fmt
done
check "entities found" grep -q 'org_nuc' tsv.jsonl
printf 'Kiev і Рада Україна-НАТО' > small.txt
$NG tag --no-shipped --dict d.ngd -f tsv --no-header small.txt >img.small
printf -- 'small.txt\ttext\t0\t4\tLOC\tloc_kyiv\tKyiv\tKiev\nsmall.txt\ttext\t8\t40\tORG\torg_nuc\tNATO-Ukraine Council\tРада Україна-НАТО\n' >want.small
check "image tags exactly" cmp -s want.small img.small
# an image and a TSV together
printf 'loc_lviv\tLOC\tLviv\tЛьвів\n' >c.tsv
printf 'Львів, Київ' > mix.txt
$NG tag --no-shipped --dict d.ngd --dict c.tsv -f tsv --no-header mix.txt >mix.out
printf -- 'mix.txt\ttext\t0\t10\tLOC\tloc_lviv\tLviv\tЛьвів\nmix.txt\ttext\t12\t20\tLOC\tloc_kyiv\tKyiv\tКиїв\n' >mix.want
check "image + TSV" cmp -s mix.want mix.out

size=$(wc -c <d.ngd)
head -c 100 d.ngd >trunc100.ngd
head -c $((size - 8)) d.ngd >trunc.ngd
cp d.ngd corrupt.ngd
printf '\377\377\377\377' | dd of=corrupt.ngd bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
cp d.ngd newer.ngd
printf '\143' | dd of=newer.ngd bs=1 seek=8 conv=notrunc 2>/dev/null
{ cat d.ngd; printf 'junk'; } >trailing.ngd
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >foreign.ngd
printf '\177NGD' >magic4.ngd
for f in trunc100 trunc corrupt newer trailing foreign magic4; do
  printf 'Kyiv' >in.txt
  run "$f" tag --no-shipped --dict $f.ngd in.txt
  expect_rc "$f" 1
  expect_out "$f" </dev/null
done
echo "newsgraph: trunc100.ngd: truncated compiled dictionary (100 bytes)" | expect_err trunc100
echo "newsgraph: trunc.ngd: truncated compiled dictionary ($((size - 8)) of $size bytes)" | expect_err trunc
echo "newsgraph: corrupt.ngd: compiled dictionary is corrupt (checksum mismatch)" | expect_err corrupt
check "newer: version message" grep -Eq "^newsgraph: newer.ngd: compiled dictionary format version 99; this newsgraph reads version [0-9]+ \(recompile with 'newsgraph dict compile'\)$" newer.err
echo "newsgraph: trailing.ngd: compiled dictionary has 4 trailing bytes" | expect_err trailing
echo "newsgraph: foreign.ngd:1:1: invalid UTF-8" | expect_err foreign
echo "newsgraph: magic4.ngd:1:1: control character in line" | expect_err magic4

# compile errors: exact message, exit 1, no output file
printf 'ok\tLOC\tFine\nbad\tLOC\n' >bad.tsv
run badc dict compile a.tsv bad.tsv -o bad.ngd
expect_rc badc 1
echo "newsgraph: bad.tsv:2:8: expected at least 3 tab-separated columns (id, type, name), found 2" | expect_err badc
check "no image written on error" test ! -e bad.ngd
printf 'loc_kyiv\tORG\tKyiv Council\n' >conf.tsv
run conf dict compile a.tsv conf.tsv -o conf.ngd
expect_rc conf 1
echo "newsgraph: conf.tsv:1:10: conflicting duplicate id 'loc_kyiv': type ORG here, LOC at a.tsv:3" | expect_err conf
run usage dict compile a.tsv
expect_rc usage 2
run missing dict compile nope.tsv -o x.ngd
expect_rc missing 2
echo "newsgraph: nope.tsv: cannot open: No such file or directory" | expect_err missing
run nodir dict compile a.tsv -o no/such/dir/x.ngd
expect_rc nodir 2
# regression: a '=', '~' or '^' before the canonical name set how it is
# matched but stayed in the output's name ("=May"); text and compiled alike
printf 'may-t\tPER\t=May\nsumy\tLOC\t^Суми\n' > pre.tsv
printf 'May and may in Сумах' > pre.txt
$NG dict compile -q --no-shipped pre.tsv -o pre.ngd
for d in pre.tsv pre.ngd; do
  run pre_$d tag --no-shipped --no-user --format tsv --dict $d pre.txt
  expect_rc pre_$d 0
  check "$d: names without their prefix, matching as the prefix says" sh -c "cut -f5-8 pre_$d.out | tail -n +2 | tr '\t' ' ' > pre_$d.got; printf 'PER may-t May May\nLOC sumy Суми Сумах\n' | cmp -s - pre_$d.got"
done
# regression: an id the shipped dictionaries have with another type compiled
# silently (tag refused the image later); -o '' had no file name in its
# message; dict suggest --top 0 printed every name
printf 'nato\tPER\tNato Guy\n' > cf.tsv
run cf dict compile cf.tsv -o cf.ngd
expect_rc cf 0
check "a shipped id with another type: warned at compile" grep -q "^newsgraph: warning: cf.ngd: id 'nato' is PER here and ORG in the shipped dictionaries" cf.err
run cf2 dict compile --no-shipped cf.tsv -o cf.ngd
check "--no-shipped: not checked" sh -c "! grep -q warning cf2.err"
run emptyo dict compile cf.tsv -o ''
expect_rc emptyo 2
check "-o '': named" grep -qx "newsgraph: dict compile: -o: an empty file name" emptyo.err
run top0 dict suggest --top 0 pre.txt
expect_rc top0 2
# regression: -o naming one of the inputs replaced the TSV with the image
printf 'zz-1\tLOC\tZorbland\n' > same.tsv
cp same.tsv same.keep
run same dict compile --no-shipped same.tsv -o same.tsv
expect_rc same 2
check "-o an input: named" grep -q "dict compile: -o same.tsv is one of the inputs" same.err
check "the input intact" cmp -s same.tsv same.keep
finish
