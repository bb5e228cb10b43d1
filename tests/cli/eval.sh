#!/bin/sh
# newsgraph eval: the same numbers as ../shared/eval/score.py (expected
# outputs in tests/data/eval/expected-*.txt were produced by score.py), brat
# and CoNLL gold, tagging in one step, usage errors.
set -u
NG=${NG:-build/newsgraph}
D=tests/data/eval
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # name expected actual
  if ! cmp -s "$2" "$3"; then echo "FAIL $1"; diff "$2" "$3" | head -20; fail=1; fi
}
$NG eval $D/gold.jsonl $D/pred.jsonl > $T/all.txt 2> $T/err.txt; echo $? > $T/rc
check "table, all types" $D/expected-all.txt $T/all.txt
echo 0 > $T/rc0; check "exit status" $T/rc0 $T/rc
grep -q 'warning: 1 predicted ids not in gold' $T/err.txt || { echo "FAIL missing warning"; fail=1; }
$NG eval $D/gold.jsonl $D/pred.jsonl --types PER,ORG,LOC > $T/pol.txt 2>/dev/null
check "table, PER,ORG,LOC" $D/expected-PER-ORG-LOC.txt $T/pol.txt
$NG eval $D/gold.jsonl $D/pred.jsonl --types LOC > $T/loc.txt 2>/dev/null
check "table, LOC" $D/expected-LOC.txt $T/loc.txt
# --json: same metrics as score.py --json (compared as data)
$NG eval $D/gold.jsonl $D/pred.jsonl --types PER,ORG,LOC --json > $T/m.json 2>/dev/null
python3 - "$D/expected-PER-ORG-LOC.json" "$T/m.json" <<'PY' || fail=1
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("types", "per_type", "overall", "span_only"):
    if a[k] != b[k]:
        print("FAIL json", k, a[k], b[k]); sys.exit(1)
PY
# tagging in one step: JSON Lines, brat and CoNLL gold
for g in tagged.jsonl brat; do
  $NG eval --gold $D/$g --no-shipped --dict $D/dict.tsv --types PER,ORG,LOC > $T/g.txt 2>&1
  cat > $T/exp.txt <<'X'
type          gold    pred      tp       P       R      F1
----------------------------------------------------------
LOC              4       3       3  100.00   75.00   85.71
ORG              1       1       1  100.00  100.00  100.00
PER              3       3       3  100.00  100.00  100.00
----------------------------------------------------------
overall          8       7       7  100.00   87.50   93.33
span-only        8       7       7  100.00   87.50   93.33
X
  check "--gold $g" $T/exp.txt $T/g.txt
done
$NG eval --gold $D/tagged.conll --no-shipped --dict $D/dict.tsv --no-inflect | tail -2 > $T/c.txt
printf '%s\n' 'overall          7       4       4  100.00   57.14   72.73' \
              'span-only        7       4       4  100.00   57.14   72.73' > $T/exp.txt
check "--gold conll --no-inflect" $T/exp.txt $T/c.txt
# predictions written by --save-pred score the same through the two-file form
$NG eval --gold $D/tagged.jsonl --no-shipped --dict $D/dict.tsv --save-pred $T/p.jsonl > $T/a.txt 2>&1
$NG eval $D/tagged.jsonl $T/p.jsonl > $T/b.txt 2>&1
check "--save-pred round trip" $T/a.txt $T/b.txt
# usage and data errors
$NG eval $D/gold.jsonl > /dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL one file: exit 2"; fail=1; }
$NG eval $D/gold.jsonl $D/pred.jsonl --bogus > /dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL bad option: exit 2"; fail=1; }
$NG eval $D/gold.jsonl $T/none.jsonl > /dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL missing file: exit 2"; fail=1; }
printf '{"id": "d1", "entities": [{"start": 0}]}\n' > $T/bad.jsonl
$NG eval $D/gold.jsonl $T/bad.jsonl > /dev/null 2> $T/err.txt; [ $? -eq 1 ] || { echo "FAIL bad record: exit 1"; fail=1; }
grep -q "^newsgraph: .*bad.jsonl:1:1: bad record" $T/err.txt || { echo "FAIL bad record message"; cat $T/err.txt; fail=1; }
printf '{"id": "d1", "text": "x", "entities": []}\n{"id": "d1", "text": "y", "entities": []}\n' > $T/dup.jsonl
$NG eval $T/dup.jsonl $D/pred.jsonl > /dev/null 2>&1; [ $? -eq 1 ] || { echo "FAIL duplicate id: exit 1"; fail=1; }
$NG eval --help | grep -q "usage: newsgraph eval" || { echo "FAIL --help"; fail=1; }
exit $fail
