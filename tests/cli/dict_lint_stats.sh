#!/bin/sh
# dict lint and dict stats on samples with known problems, exact output;
# the committed places-iso.tsv lints clean.
set -u
: "${NG:?NG must point to the newsgraph binary}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
D=tests/data/import
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
$NG dict lint --common-words dictionaries/common-words $D/lint-sample.tsv $D/lint-sample2.tsv >"$T/lint.out" 2>"$T/lint.err"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL lint: exit $rc, expected 1"; fail=1; }
cmp -s $D/lint.expected "$T/lint.out" || { echo "FAIL lint output"; diff -u $D/lint.expected "$T/lint.out"; fail=1; }
grep -q '^newsgraph: 1 error and 20 warnings in 17 entries$' "$T/lint.err" || { echo "FAIL lint summary"; cat "$T/lint.err"; fail=1; }
# a clean file: no output, exit 0
printf 'clean\tORG\tClean Org\tCO\n' >"$T/clean.tsv"
$NG dict lint --common-words dictionaries/common-words "$T/clean.tsv" >"$T/c.out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ ! -s "$T/c.out" ] || { echo "FAIL lint clean: exit $rc"; cat "$T/c.out"; fail=1; }
# the generated dictionary is clean
if [ -f dictionaries/places-iso.tsv ]; then
  $NG dict lint --common-words dictionaries/common-words dictionaries/places-iso.tsv >"$T/p.out" 2>&1 ||
    { echo "FAIL places-iso.tsv does not lint clean"; head -20 "$T/p.out"; fail=1; }
fi
# the namespace of rule-found people is reserved (Hardening II, item 9)
printf 'nato\tORG\tNATO\nper:jane-doe\tPER\tJane Doe\n' > "$T/per.tsv"
$NG dict lint "$T/per.tsv" >"$T/per.out" 2>&1
rc=$?; [ $rc -eq 1 ] || { echo "FAIL lint per: id: exit $rc"; fail=1; }
grep -qx "$T/per.tsv:2:1: warning: id \"per:jane-doe\": the prefix 'per:' is reserved for people found by the name rules (dict compile refuses it)" "$T/per.out" ||
  { echo "FAIL lint per: id message"; cat "$T/per.out"; fail=1; }
$NG dict lint "$T/nope.tsv" >/dev/null 2>&1
rc=$?; [ $rc -eq 2 ] || { echo "FAIL lint missing file: exit $rc"; fail=1; }
$NG dict stats $D/lint-sample.tsv $D/lint-sample2.tsv >"$T/stats.out"
rc=$?; [ $rc -eq 0 ] || { echo "FAIL stats: exit $rc"; fail=1; }
cmp -s $D/stats.expected "$T/stats.out" || { echo "FAIL stats output"; diff -u $D/stats.expected "$T/stats.out"; fail=1; }
# regression: stats counted a line that extends an entity defined earlier
# (dictionaries/README.md) as one more entity, and its repeated name as one
# more name; entities are counted by id, as dict compile counts them
printf 'ukraine\tLOC\tUkraine\tУкраїна|Украина\nnato\tORG\tNATO\tНАТО\n' >"$T/base.tsv"
printf '# extends base.tsv\nukraine\tLOC\tUkraine\tUkrainian state\tlang=en\nnato\tORG\tNorth Atlantic Alliance\n' >"$T/ext.tsv"
(cd "$T" && $NG dict stats base.tsv ext.tsv) >"$T/ext.out"
cat >"$T/ext.want" <<'EOF2'
entities                2
names                   7
extensions              2

by file          entities      names
  base.tsv              2          5
  ext.tsv               0          2

by type          entities      names
  LOC                   1          4
  ORG                   1          3

names by script      names
  cyrillic              2
  cyrillic-uk           1
  latin                 4

by lang=         entities      names
  (none)                1          3
  en                    1          4
EOF2
cmp -s "$T/ext.want" "$T/ext.out" || { echo "FAIL stats of extension lines"; diff -u "$T/ext.want" "$T/ext.out"; fail=1; }
$NG dict compile --no-shipped "$T/base.tsv" "$T/ext.tsv" -o "$T/ext.ngd" 2>"$T/ext.err"
grep -q "compiled 2 entities, 7 aliases" "$T/ext.err" || { echo "FAIL compile of extension lines: $(cat "$T/ext.err")"; fail=1; }
# regression: a name that is not valid UTF-8 was "out of memory" (lint
# stopped there); it is one warning of its line, and the rest is linted
printf 'x\tLOC\tCaf\351\tCafe\ny\tLOC\tCafe\n' >"$T/latin1.tsv"
$NG dict lint --no-common-words "$T/latin1.tsv" >"$T/l1.out" 2>"$T/l1.err"
rc=$?; [ $rc -eq 1 ] || { echo "FAIL lint latin-1: exit $rc"; fail=1; }
grep -q "out of memory" "$T/l1.err" && { echo "FAIL lint latin-1: out of memory"; fail=1; }
grep -qx "$T/latin1.tsv:1:10: error: invalid UTF-8 (tag and ingest refuse this file)" "$T/l1.out" &&
  grep -q "^$T/latin1.tsv:2:7: warning: alias \"Cafe\" of y (LOC) is also an alias of x" "$T/l1.out" ||
  { echo "FAIL lint latin-1 warnings"; cat "$T/l1.out" "$T/l1.err"; fail=1; }
# regression: what tag refuses to load (a control character, invalid UTF-8)
# was a warning that lint=ok silenced; now an error at the byte tag names
printf 'a1\tPER\tAb\001cd\tlint=ok\nb1\tLOC\tKyiv\t\n' >"$T/ctl.tsv"
$NG dict lint --no-common-words "$T/ctl.tsv" >"$T/ctl.out" 2>"$T/ctl.err"
rc=$?; [ $rc -eq 1 ] || { echo "FAIL lint control: exit $rc"; fail=1; }
echo x | $NG tag --no-shipped --dict "$T/ctl.tsv" 2>"$T/ctl.tag" && { echo "FAIL tag loaded ctl.tsv"; fail=1; }
grep -qx "$T/ctl.tsv:1:10: error: control character in line (tag and ingest refuse this file)" "$T/ctl.out" &&
  grep -qx "newsgraph: $T/ctl.tsv:1:10: control character in line" "$T/ctl.tag" &&
  grep -qx "newsgraph: 1 error in 2 entries" "$T/ctl.err" ||
  { echo "FAIL lint control message"; cat "$T/ctl.out" "$T/ctl.err" "$T/ctl.tag"; fail=1; }
# regression: a compiled image (or any binary file) given to lint or stats
# came out as nonsense fields (stats printed binary rows, lint said "out
# of memory"); now a message names what it is, and the exit is 1
$NG dict compile -q --no-shipped "$T/clean.tsv" -o "$T/clean.ngd" || { echo "FAIL compile clean"; fail=1; }
printf 'a\tLOC\tA\000b\n' >"$T/nul.tsv"
for cmd in lint stats; do
  $NG dict $cmd "$T/clean.ngd" >"$T/img.out" 2>"$T/img.err"
  rc=$?; [ $rc -eq 1 ] && [ ! -s "$T/img.out" ] || { echo "FAIL $cmd image: exit $rc"; head -c 300 "$T/img.out"; fail=1; }
  grep -qx "newsgraph: $T/clean.ngd:1: a compiled file (dict compile's output), not dictionary TSV: give the TSV it was made from" "$T/img.err" ||
    { echo "FAIL $cmd image message"; cat "$T/img.err"; fail=1; }
  $NG dict $cmd "$T/nul.tsv" >"$T/nul.out" 2>"$T/nul.err"
  rc=$?; [ $rc -eq 1 ] || { echo "FAIL $cmd NUL: exit $rc"; fail=1; }
  grep -qx "newsgraph: $T/nul.tsv:1:8: NUL byte: a binary file, not dictionary TSV" "$T/nul.err" ||
    { echo "FAIL $cmd NUL message"; cat "$T/nul.err"; fail=1; }
done
# regression: lint passed what the loader refuses (a bad attribute value, an
# impossible date, one id with two types in a file): every such file gets an
# error at the loader's position, as tag reports it
printf 'a\tPER\tName Here\t\tpriority=abc\n' > "$T/le1.tsv"
printf 'a\tPER\tName Here\t\tdate=2023-13-45\n' > "$T/le2.tsv"
printf 'a\tLOC\tXland\nb\tPER\tYves Here\na\tPER\tZoe Here\n' > "$T/le3.tsv"
for f in le1 le2 le3; do
  $NG dict lint --no-common-words "$T/$f.tsv" > "$T/$f.out" 2>/dev/null
  rc=$?; [ $rc -eq 1 ] || { echo "FAIL lint $f: exit $rc"; fail=1; }
  $NG tag --no-shipped --no-user --dict "$T/$f.tsv" "$T/clean.tsv" > /dev/null 2> "$T/$f.tag"
  want=$(sed -n 's/^newsgraph: \(.*\)$/\1 (tag and ingest refuse this file)/p' "$T/$f.tag" | sed 's/^\([^:]*:[0-9]*:[0-9]*\): /\1: error: /')
  grep -qxF "$want" "$T/$f.out" || { echo "FAIL lint $f: '$want' not in: $(cat "$T/$f.out")"; fail=1; }
done
# regression: a prefix on the canonical name hid a shared alias
printf 'a\tPER\t=May\nb\tPER\tTheresa May\tMay\n' > "$T/pf.tsv"
$NG dict lint --no-common-words "$T/pf.tsv" > "$T/pf.out" 2>/dev/null
grep -q 'warning: alias "May" of b (PER) is also an alias of a (PER' "$T/pf.out" || { echo "FAIL lint prefixed name shared: $(cat "$T/pf.out")"; fail=1; }
exit $fail
