#!/bin/sh
# Title and text are distinct fields: 'eval' scores a title span only
# against a title span, and 'dict import --from annotations' reads a title
# span's surface from the title (Hardening II, item 5).
. "$(dirname "$0")/setup"
cd "$T"
cat > gold.jsonl <<'X'
{"id":"d1","title":"Kyiv talks","text":"Lviv hosts the summit.","entities":[{"start":0,"end":4,"type":"LOC","field":"title"},{"start":0,"end":4,"type":"LOC"}]}
X
# a prediction of the text span only: half the gold spans
cat > pred.jsonl <<'X'
{"id":"d1","entities":[{"start":0,"end":4,"type":"LOC","field":"text"}]}
X
run half eval gold.jsonl pred.jsonl --json
expect_rc half 0
check "title and text spans at the same offsets: two gold spans" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
o = d["overall"] if "overall" in d else d
s = json.dumps(d)
assert o["gold"] == 2 and o["pred"] == 1 and o["tp"] == 1, s' half.out
# a predicted title span does not score against the text span
cat > pred2.jsonl <<'X'
{"id":"d1","entities":[{"start":0,"end":4,"type":"LOC","field":"title"},{"start":5,"end":10,"type":"LOC","field":"title"}]}
X
run title eval gold.jsonl pred2.jsonl --json
check "a title prediction matches the title span only" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
o = d["overall"] if "overall" in d else d
assert o["gold"] == 2 and o["pred"] == 2 and o["tp"] == 1, json.dumps(d)' title.out
# tagging the gold: the title is tagged too
printf 'kyiv\tLOC\tKyiv\nlviv\tLOC\tLviv\n' > d.tsv
run tagged eval --gold gold.jsonl --no-shipped --dict d.tsv --json --save-pred saved.jsonl
check "eval --gold tags the title: both spans found" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
o = d["overall"] if "overall" in d else d
assert o["gold"] == 2 and o["tp"] == 2, json.dumps(d)' tagged.out
check "saved predictions name their field" grep -q '"field": *"title"' saved.jsonl
# the importer takes a title span's surface from the title
cat > ann.jsonl <<'X'
{"id":"a1","title":"Globex Mining wins","text":"Shares rose on Monday in trading.","entities":[{"start":0,"end":13,"type":"ORG","field":"title"}]}
X
run imp dict import --from annotations --min-precision 0 --no-progress -o gaz.tsv ann.jsonl
expect_rc imp 0
check "title surface imported" grep -q 'Globex Mining' gaz.tsv
check "no text bytes at the title's offsets" sh -c '! grep -q "Shares rose" gaz.tsv'
finish
