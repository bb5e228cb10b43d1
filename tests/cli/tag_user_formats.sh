#!/bin/sh
# newsgraph tag: the formats as users' tools read them (issue 14 part 3).
# CoNLL-2003 (-DOCSTART- before each article, a blank line after each
# sentence, space-separated columns, --conll-columns), spaCy records
# ({"text","ents"} with character offsets of the Python str), TSV's header
# row. The readers below do what spaCy's CoNLL converter and Doc.char_span
# do (spaCy itself is not installed here).
. "$(dirname "$0")/setup"
cd "$T"
cat >d.tsv <<'EOF'
loc_ukraine	LOC	Ukraine	Україна|UA
org_nato	ORG	NATO	НАТО
org_nuc	ORG	NATO-Ukraine Council	Ukraine-NATO Council
per_putin	PER	Vladimir Putin	Putin|Путін
loc_kyiv	LOC	Kyiv	Київ
per_js	PER	John Smith	J. Smith
loc_us	LOC	United States	U.S.
EOF
printf '%s\n' '{"id":"uk 1","title":"Путін і НАТО","text":"Київ – Ukraine-NATO Council. UA said: \"No!\" Then Mr. Smith left. J. Smith met U.S. officials.\nUA"}' \
  '{"id":"en-2","text":"No entities here."}' >a.jsonl
TAG="tag --no-shipped --dict d.tsv"

run conll $TAG -f conll a.jsonl
expect_rc conll 0
expect_out conll <<'EOF'
-DOCSTART- -X- O O

Путін B-PER
і O
НАТО B-ORG

Київ B-LOC
– O
Ukraine B-ORG
- I-ORG
NATO I-ORG
Council I-ORG
. O

UA B-LOC
said O
: O
" O
No O
! O
" O

Then O
Mr O
. O
Smith B-PER
left O
. O

J B-PER
. I-PER
Smith I-PER
met O
U B-LOC
. I-LOC
S I-LOC
. I-LOC
officials O
. O

UA B-LOC

-DOCSTART- -X- O O

No O
entities O
here O
. O

EOF

# read as spaCy's converter reads it (documents split at "-DOCSTART- -X- O O",
# sentences at blank lines, columns at whitespace, the last one the tag),
# and by newsgraph's own CoNLL reader
cat >conll_read.py <<'EOF'
import sys
data = open(sys.argv[1], encoding="utf-8").read()
docs = [d.strip() for d in data.split("-DOCSTART- -X- O O") if d.strip()]
out = []
for d in docs:
    sents = []
    for s in d.split("\n\n"):
        rows = [l.split() for l in s.strip().split("\n") if l.strip()]
        assert len({len(r) for r in rows}) == 1, rows
        tags = [r[-1] for r in rows]
        for i, t in enumerate(tags):
            assert t == "O" or t[:2] in ("B-", "I-"), t
            assert not t.startswith("I-") or i > 0 and tags[i - 1][2:] == t[2:], "I- opens a sentence: %r" % rows
        sents.append(len(rows))
    out.append(sents)
print(out)
EOF
check "spaCy's reading: 2 documents, sentence lengths" \
  test "$(python3 conll_read.py conll.out)" = "[[3, 7, 7, 6, 10, 1], [4]]"
cp conll.out a.conll
$NG dict import --from annotations a.conll >imported.tsv 2>imported.err
check "newsgraph's CoNLL reader takes it back: $(cat imported.err)" grep -q 'Ukraine - NATO Council' imported.tsv

# optional columns: offsets (code points with --offsets chars) point at the token
run cols $TAG -f conll --conll-columns token,start,end,id,field,doc,_,tag --offsets chars a.jsonl
expect_rc cols 0
head -6 cols.out >cols.head
cat >cols.want <<'EOF'
-DOCSTART- -X- O O

Путін 0 5 per_putin title uk_1 _ B-PER
і 6 7 _ title uk_1 _ O
НАТО 8 12 org_nato title uk_1 _ B-ORG

EOF
check "--conll-columns token,start,end,id,field,doc,_,tag" cmp -s cols.want cols.head
cat >cols.py <<'EOF'
import json, sys
arts = {json.loads(l)["id"].replace(" ", "_"): json.loads(l) for l in open("a.jsonl", encoding="utf-8")}
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    r = l.split()
    if len(r) != 8: continue
    a = arts[r[5]]
    text = a["title"] if r[4] == "title" else a["text"]
    assert text[int(r[1]):int(r[2])] == r[0], r
    n += 1
print(n)
EOF
check "every token's start/end (chars) is its place in the field" test "$(python3 cols.py cols.out)" = 38
$NG $TAG -f conll --conll-columns token,start,end,tag a.jsonl | sed -n 3p >bytes.out
check "byte offsets by default" test "$(cat bytes.out)" = "Путін 0 10 B-PER"
run badcol $TAG -f conll --conll-columns token,pos a.jsonl
expect_rc badcol 2
echo "newsgraph: --conll-columns: unknown column 'pos' (token, tag, start, end, id, field, doc, _)" | expect_err badcol

# spaCy: one record per article, character offsets into "text" (the title,
# a blank line, the text), labels; text[start:end] is each entity
run spacy $TAG -f spacy a.jsonl
expect_rc spacy 0
expect_out spacy <<'EOF'
{"text":"Путін і НАТО\n\nКиїв – Ukraine-NATO Council. UA said: \"No!\" Then Mr. Smith left. J. Smith met U.S. officials.\nUA","ents":[{"start":0,"end":5,"label":"PER"},{"start":8,"end":12,"label":"ORG"},{"start":14,"end":18,"label":"LOC"},{"start":21,"end":41,"label":"ORG"},{"start":43,"end":45,"label":"LOC"},{"start":67,"end":72,"label":"PER"},{"start":79,"end":87,"label":"PER"},{"start":92,"end":96,"label":"LOC"},{"start":108,"end":110,"label":"LOC"}]}
{"text":"No entities here.","ents":[]}
EOF
# the same spans as the JSON Lines output (chars), in one str, without overlaps
$NG $TAG --offsets chars a.jsonl >chars.jsonl
cat >spacy_check.py <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
tagged = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(recs) == len(tagged)
for r, t in zip(recs, tagged):
    assert set(r) == {"text", "ents"}, r.keys()
    got = [(r["text"][e["start"]:e["end"]], e["label"]) for e in r["ents"]]
    want = [(e["text"], e["type"]) for e in t["entities"] if not e.get("overlap")]
    assert got == want, (got, want)
    ends = [0] + [e["end"] for e in r["ents"]]
    assert all(e["start"] >= ends[i] for i, e in enumerate(r["ents"])), "overlap"
print("ok")
EOF
check "spacy: text[start:end] is each entity" test "$(python3 spacy_check.py spacy.out chars.jsonl)" = ok
# invalid UTF-8: each bad byte is one U+FFFD in "text"; offsets count it
printf '\377NATO \342\202Київ' >inv.txt
$NG $TAG -f spacy inv.txt >inv.out 2>/dev/null
check "spacy: offsets after invalid bytes" test "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print([r["text"][e["start"]:e["end"]] for e in r["ents"]])' inv.out)" = "['NATO', 'Київ']"
# --all: overlapping candidates are left out (a spaCy Doc cannot hold them)
printf 'the Ukraine-NATO Council' >c.txt
$NG $TAG --all -f spacy c.txt >all.out
check "spacy --all: no overlapping spans" test "$(cat all.out)" = '{"text":"the Ukraine-NATO Council","ents":[{"start":4,"end":24,"label":"ORG"}]}'

# TSV: a header row (once), --no-header
printf 'Україна\tНАТО\n' >b.txt
run tsv $TAG -f tsv a.jsonl b.txt
expect_rc tsv 0
head -2 tsv.out >tsv.head
cat >tsv.want <<'EOF'
article	field	start	end	type	id	name	text
uk 1	title	0	10	PER	per_putin	Vladimir Putin	Путін
EOF
check "tsv: the header row first" cmp -s tsv.want tsv.head
check "tsv: one header row" test "$(grep -c '^article' tsv.out)" = 1
check "tsv: the header names every column" test "$(awk -F'\t' '{print NF}' tsv.out | sort -u)" = 8
$NG $TAG -f tsv --no-header b.txt >nh.out
printf 'b.txt\ttext\t0\t14\tLOC\tloc_ukraine\tUkraine\tУкраїна\nb.txt\ttext\t15\t23\tORG\torg_nato\tNATO\tНАТО\n' >nh.want
check "tsv --no-header" cmp -s nh.want nh.out
printf '' | $NG $TAG -f tsv - >empty.out
check "tsv: the header even without entities" test "$(cat empty.out)" = "$(printf 'article\tfield\tstart\tend\ttype\tid\tname\ttext')"
# regression: --offsets chars counted an invalid UTF-8 sequence as one
# character where the JSON text (--keep-text, spaCy) has one U+FFFD a byte
printf '\355\240\200 NATO and \360\237\230 Kyiv\n' > inv2.txt
$NG $TAG --keep-text --offsets chars inv2.txt 2>/dev/null > inv2.out
check "offsets chars index the kept text past invalid UTF-8" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).read())
got = [r["text"][e["start"]:e["end"]] for e in r["entities"]]
assert got == [e["text"] for e in r["entities"]] and got == ["NATO", "Kyiv"], (got, r)' inv2.out
$NG $TAG -f spacy inv2.txt 2>/dev/null > inv2s.out
check "the same offsets as spaCy's" python3 -c '
import json, sys
a = [(e["start"], e["end"]) for e in json.loads(open(sys.argv[1]).read())["entities"]]
b = [(e["start"], e["end"]) for e in json.loads(open(sys.argv[2]).read())["ents"]]
assert a == b, (a, b)' inv2.out inv2s.out
# regression: a short option's value attached (-ftsv -j2, as getopt takes
# them) was an unknown option
$NG $TAG -ftsv -j2 a.jsonl > att.out 2>&1
$NG $TAG -f tsv -j 2 a.jsonl > sep.out 2>&1
check "short options with their values attached" sh -c 'test -s sep.out && grep -q "^article" sep.out && cmp -s att.out sep.out'
finish
