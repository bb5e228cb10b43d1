#!/bin/sh
# newsgraph tag: every output format, --offsets chars, threads, --keep-going,
# exit codes, --version and every subcommand's --help. Exact output.
. "$(dirname "$0")/setup"
cd "$T"
cat >d.tsv <<'EOF'
loc_ukraine	LOC	Ukraine	Україна|Украина|UA
org_nato	ORG	NATO	НАТО
org_nuc	ORG	NATO-Ukraine Council	Ukraine-NATO Council
per_putin	PER	Vladimir Putin	Putin|Путін|Путин
loc_kyiv	LOC	Kyiv	Київ|Киев
EOF
printf '{"id":"uk-1","title":"Путін і НАТО","text":"Київ – Ukraine-NATO Council.\\nUA"}\n{"id":"en-2","text":"No entities here."}\n' >a.jsonl
printf 'Україна\tНАТО\n' >b.txt
TAG="tag --no-shipped --dict d.tsv"

run jsonl $TAG a.jsonl b.txt
expect_rc jsonl 0
expect_out jsonl <<'EOF'
{"id":"uk-1","title":"Путін і НАТО","tagger":"newsgraph","entities":[{"start":0,"end":10,"text":"Путін","type":"PER","id":"per_putin","name":"Vladimir Putin","field":"title"},{"start":14,"end":22,"text":"НАТО","type":"ORG","id":"org_nato","name":"NATO","field":"title"},{"start":0,"end":8,"text":"Київ","type":"LOC","id":"loc_kyiv","name":"Kyiv","field":"text"},{"start":13,"end":33,"text":"Ukraine-NATO Council","type":"ORG","id":"org_nuc","name":"NATO-Ukraine Council","field":"text"},{"start":35,"end":37,"text":"UA","type":"LOC","id":"loc_ukraine","name":"Ukraine","field":"text"}]}
{"id":"en-2","tagger":"newsgraph","entities":[]}
{"id":"b.txt","tagger":"newsgraph","entities":[{"start":0,"end":14,"text":"Україна","type":"LOC","id":"loc_ukraine","name":"Ukraine","field":"text"},{"start":15,"end":23,"text":"НАТО","type":"ORG","id":"org_nato","name":"NATO","field":"text"}]}
EOF
expect_err jsonl </dev/null

run chars $TAG --offsets chars a.jsonl
expect_out chars <<'EOF'
{"id":"uk-1","title":"Путін і НАТО","tagger":"newsgraph","entities":[{"start":0,"end":5,"text":"Путін","type":"PER","id":"per_putin","name":"Vladimir Putin","field":"title"},{"start":8,"end":12,"text":"НАТО","type":"ORG","id":"org_nato","name":"NATO","field":"title"},{"start":0,"end":4,"text":"Київ","type":"LOC","id":"loc_kyiv","name":"Kyiv","field":"text"},{"start":7,"end":27,"text":"Ukraine-NATO Council","type":"ORG","id":"org_nuc","name":"NATO-Ukraine Council","field":"text"},{"start":29,"end":31,"text":"UA","type":"LOC","id":"loc_ukraine","name":"Ukraine","field":"text"}]}
{"id":"en-2","tagger":"newsgraph","entities":[]}
EOF

run pretty $TAG --format pretty a.jsonl b.txt
expect_out pretty <<'EOF'
== uk-1
[Путін](PER per_putin) і [НАТО](ORG org_nato)
[Київ](LOC loc_kyiv) – [Ukraine-NATO Council](ORG org_nuc).
[UA](LOC loc_ukraine)

== en-2
No entities here.

== b.txt
[Україна](LOC loc_ukraine)	[НАТО](ORG org_nato)


EOF
check "pretty has no colour when stdout is not a terminal" sh -c "! grep -q \"\$(printf '\\033')\" '$T/pretty.out'"

run tsv $TAG -f tsv a.jsonl b.txt
expect_out tsv <<'EOF'
article	field	start	end	type	id	name	text
uk-1	title	0	10	PER	per_putin	Vladimir Putin	Путін
uk-1	title	14	22	ORG	org_nato	NATO	НАТО
uk-1	text	0	8	LOC	loc_kyiv	Kyiv	Київ
uk-1	text	13	33	ORG	org_nuc	NATO-Ukraine Council	Ukraine-NATO Council
uk-1	text	35	37	LOC	loc_ukraine	Ukraine	UA
b.txt	text	0	14	LOC	loc_ukraine	Ukraine	Україна
b.txt	text	15	23	ORG	org_nato	NATO	НАТО
EOF

run tsvchars $TAG -f tsv --no-header --offsets chars b.txt
expect_out tsvchars <<'EOF'
b.txt	text	0	7	LOC	loc_ukraine	Ukraine	Україна
b.txt	text	8	12	ORG	org_nato	NATO	НАТО
EOF

# CoNLL on JSON Lines, sentences and columns: tag_user_formats.sh; here a
# -DOCSTART- per document across two plain-text files
run conll $TAG -f conll b.txt b.txt
expect_out conll <<'EOF'
-DOCSTART- -X- O O

Україна B-LOC
НАТО B-ORG

-DOCSTART- -X- O O

Україна B-LOC
НАТО B-ORG

EOF

run brat $TAG -f brat --output-dir bratdir a.jsonl b.txt
expect_rc brat 0
expect_out brat </dev/null
check "brat files" test "$(ls bratdir | tr '\n' ' ')" = "b.txt.ann b.txt.txt en-2.ann en-2.txt uk-1.ann uk-1.txt "
printf 'Путін і НАТО\n\nКиїв – Ukraine-NATO Council.\nUA' >uk-1.want
check "brat .txt holds the title, a blank line and the text" cmp -s uk-1.want bratdir/uk-1.txt
cat >uk-1.ann.want <<'EOF'
T1	PER 0 5	Путін
#1	AnnotatorNotes T1	per_putin
T2	ORG 8 12	НАТО
#2	AnnotatorNotes T2	org_nato
T3	LOC 14 18	Київ
#3	AnnotatorNotes T3	loc_kyiv
T4	ORG 21 41	Ukraine-NATO Council
#4	AnnotatorNotes T4	org_nuc
T5	LOC 43 45	UA
#5	AnnotatorNotes T5	loc_ukraine
EOF
check "brat .ann (character offsets)" cmp -s uk-1.ann.want bratdir/uk-1.ann
check "brat .ann of an article without entities is empty" test ! -s bratdir/en-2.ann

# --candidates and --all
printf 'loc_a\tLOC\tGeorgia\norg_a\tORG\tGeorgia Power\tGeorgia\n' >amb.tsv
printf 'Georgia' > g.txt
$NG tag --no-shipped --dict amb.tsv --candidates g.txt >cand.out 2>&1
cat >cand.want <<'EOF'
{"id":"g.txt","tagger":"newsgraph","entities":[{"start":0,"end":7,"text":"Georgia","type":"LOC","id":"loc_a","name":"Georgia","field":"text","candidates":[{"id":"loc_a","type":"LOC","name":"Georgia"},{"id":"org_a","type":"ORG","name":"Georgia Power"}]}]}
EOF
check "--candidates" cmp -s cand.want cand.out
printf 'the Ukraine-NATO Council' > c.txt
$NG $TAG --all -f tsv --no-header c.txt >all.out 2>&1
printf -- 'c.txt\ttext\t4\t24\tORG\torg_nuc\tNATO-Ukraine Council\tUkraine-NATO Council\nc.txt\ttext\t4\t11\tLOC\tloc_ukraine\tUkraine\tUkraine\nc.txt\ttext\t12\t16\tORG\torg_nato\tNATO\tNATO\n' >all.want
check "--all" cmp -s all.want all.out

# --threads 2 = 1 thread: a multi-article JSONL and a text over 4 MB
awk 'BEGIN { srand(7); split("Ukraine|NATO|Путін|Київ|the|and|US|Ukraine-NATO Council|talks|Украина|x", w, "|");
  for (i = 0; i < 800; i++) { s = ""; n = int(rand() * 60);
    for (j = 0; j < n; j++) s = s " " w[1 + int(rand() * 11)];
    printf "{\"id\":\"a%d\",\"title\":\"%s\",\"text\":\"%s\"}\n", i, w[1 + int(rand() * 11)], s } }' >many.jsonl
awk 'BEGIN { srand(3); split("Ukraine|NATO|Путін|Київ|the|and|US|Ukraine-NATO Council|talks|Украина|x", w, "|");
  while (n < 4400000) { s = w[1 + int(rand() * 11)]; n += length(s) + 1; printf "%s%s", s, (rand() < 0.05 ? "\n" : " ") } }' >big.txt
check "big.txt is over 4 MB" test "$(wc -c <big.txt)" -gt 4194304
for f in many.jsonl big.txt; do
  for fmt in jsonl tsv; do
    $NG $TAG -f $fmt --threads 1 $f >t1.out 2>t1.err; r1=$?
    $NG $TAG -f $fmt --threads 2 $f >t2.out 2>t2.err; r2=$?
    check "threads $f $fmt: exit" test "$r1$r2" = 00
    check "threads $f $fmt: identical output" cmp -s t1.out t2.out
  done
done
check "many.jsonl: one line per article" test "$(wc -l <t1.out)" -ge 800
# the default: one thread per CPU the process may run on (as nproc counts
# them: its affinity), said by --help; the same output as one thread
check "tag: threads by default, one per CPU" sh -c "$NG tag --help | grep -q 'one per CPU, $(nproc) here'"
check "ingest: threads by default, one per CPU" sh -c "$NG ingest --help | grep -q 'one per CPU, $(nproc) here'"
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
  check "tag: one thread on one CPU" sh -c "taskset -c 0 $NG tag --help | grep -q 'one per CPU, 1 here'"
fi
$NG $TAG -f jsonl many.jsonl >td.out 2>td.err; rd=$?
$NG $TAG -f jsonl --threads 1 many.jsonl >t1.out 2>t1.err
check "default threads: exit" test "$rd" = 0
check "default threads: identical output" cmp -s t1.out td.out
# with threads the next batch (256 articles) is read while one is tagged:
# the messages of bad records, of a text with invalid bytes and of a big
# article between them come in input order, as with one thread, and a
# fatal error after a full batch still lets the articles before it out
awk 'BEGIN { for (i = 0; i < 1300; i++)
  if (i % 97 == 5) print "{\"id\":\"bad" i "\",\"text\":" ; else printf "{\"id\":\"r%d\",\"text\":\"Kyiv and NATO %d\"}\n", i, i }' >batches.jsonl
printf 'Kyiv \377 NATO' >inv.txt
awk 'BEGIN { while (n < 4300000) { printf "Kyiv NATO talks "; n += 16 } }' >big2.txt
for th in 1 2; do
  $NG $TAG -f tsv --no-header --keep-going --threads $th batches.jsonl inv.txt big2.txt batches.jsonl >b$th.out 2>b$th.err; echo $? >b$th.rc
  grep -v bad batches.jsonl | awk '{ if (NR == 595) print "{\"id\":"; else print }' >fatal.jsonl   # bad: line 595
  $NG $TAG -f tsv --no-header --threads $th fatal.jsonl >f$th.out 2>f$th.err; echo $? >>b$th.rc
done
check "read ahead: exit" test "$(cat b1.rc | tr -d '\n')$(cat b2.rc | tr -d '\n')" = 1111
check "read ahead: same output" cmp -s b1.out b2.out
check "read ahead: same messages, in order" cmp -s b1.err b2.err
check "read ahead: the messages" test "$(grep -c 'invalid JSON' b1.err)" = 28
check "read ahead: the warning between" test "$(sed -n 15p b1.err | grep -c 'inv.txt: 1 invalid UTF-8 byte skipped')" = 1
check "read ahead: stop at the first bad record" cmp -s f1.out f2.out
check "read ahead: the records before it" test "$(cut -f1 f2.out | sort -u | wc -l)" = 594
check "read ahead: the bad record named" grep -q '^newsgraph: fatal.jsonl:595:' f2.err
# a write error after several batches, with threads as with one (the next
# batch is being read): one message, status 2, the same messages before it
for th in 1 2; do
  $NG $TAG -f tsv --no-header --keep-going --threads $th batches.jsonl batches.jsonl >/dev/full 2>w$th.err; echo $? >w$th.rc
done
check "write error with threads: status" test "$(cat w1.rc)$(cat w2.rc)" = 22
check "write error with threads: one message" test "$(grep -c 'write error' w2.err)" = 1
check "write error with threads: the same messages" cmp -s w1.err w2.err
# the article pass's free words (surnames alone of persons named in full,
# given names and surnames alone, Latin names in Cyrillic text) of a text
# over 4 MB, noted by four matching states with two threads and resolved
# against one registry: the same output as one thread's, the shipped
# dictionaries and given-name lists on
awk 'BEGIN { srand(11);
  n = split("Олена Шевчук заявила|Шевчук|заявив Левченко|вказівкою Матвійчука|Андрій засміявся|слова Ілії|компанія Google повідомила|John Harwell said|Harwell|Mary Quinlan|Quinlan added|Zorblat|Kwentin|Фролових|the talks|і далі|Путін|Київ", w, "|");
  while (c < 4400000) { s = w[1 + int(rand() * n)]; c += length(s) + 2; printf "%s%s", s, (rand() < 0.1 ? ".\n" : ", ") } }' >names.txt
for th in 1 2; do $NG tag -f jsonl --threads $th names.txt >n$th.out 2>n$th.err; echo $? >n$th.rc; done
check "free words, threads: exit" test "$(cat n1.rc n2.rc | tr -d '\n')" = 00
check "free words, threads: identical output" cmp -s n1.out n2.out
check "free words: partial names found" test "$(grep -o '"partial":true' n1.out | wc -l)" -gt 1000
check "free words: rule names found" test "$(grep -o '"rule":true' n1.out | wc -l)" -gt 1000
# the article pass's steps that run in parts on the tagger's threads (free
# words, with hyphenated names after a dictionary word; results lines and
# team names; city + nickname; named after; regnal numbers), with lines cut
# by a lone CR (a part's first line is then found from the lines before),
# over 4 MB: one, two and three threads give the same output, JSON Lines and
# TSV with --all and --candidates
awk 'BEGIN { srand(1);
  n = split("Chicago 4 HOUSTON 3|NEW YORK 74 59 .556 -|Hansa Rostock 2 Barcelona 1|KANSAS CITY AT DETROIT|May 17 v Northampton|Stadler 0 Haladas 0|Wigan 78 Workington 4|At Headingley : Yorkshire 529-8|Shrewsbury v Brentford , Walsall v Wrexham .|Sydney Bulldogs beat Houston|the Bulldogs won|fans of Chicago Zorbats said|and the Boston Quarks lost|Barcelona beat Madrid in Barcelona|left to play for Barcelona|Detroit Tigers lost|The Tigers won|Brush Wellman Inc said|Brush Wellman shares rose|премії імені Тараса Шевченка|школи ім. Івана Франка|Казимир III|Франц Йосиф І|Mary Smith-Jones|Smith-Jones|Google-Harwell|and Google-Harwell said|Олена Шевчук заявила|Шевчук|заявив Левченко|Андрій засміявся|компанія Google повідомила|John Harwell said|Harwell|Quinlan added|Mary Quinlan|Durham, North Carolina|Atlanta, Georgia|SOCCER - RESULTS|Kwentin|the talks and the|і далі", w, "|");
  while (c < 4600000) { s = w[1 + int(rand() * n)]; c += length(s) + 2; r = rand();
    printf "%s%s", s, (r < 0.2 ? "\n" : r < 0.4 ? "\r" : r < 0.43 ? "\r\n" : r < 0.47 ? ".\n" : ", ") } }' >teams.txt
check "teams.txt is over 4 MB" test "$(wc -c <teams.txt)" -gt 4194304
$NG tag -f jsonl --threads 1 teams.txt >p1.out 2>p1.err; r1=$?
$NG tag -f tsv --all --candidates --threads 1 teams.txt >p1.tsv 2>>p1.err; r2=$?
check "parts: exit" test "$r1$r2" = 00
for th in 2 3; do
  $NG tag -f jsonl --threads $th teams.txt >p$th.out 2>p$th.err; r1=$?
  $NG tag -f tsv --all --candidates --threads $th teams.txt >p$th.tsv 2>>p$th.err; r2=$?
  check "parts, $th threads: exit" test "$r1$r2" = 00
  check "parts, $th threads: identical JSON Lines" cmp -s p1.out p$th.out
  check "parts, $th threads: identical TSV" cmp -s p1.tsv p$th.tsv
done
check "parts: teams found" test "$(grep -c 'team:' p1.tsv)" -gt 10000
check "parts: partial names found" test "$(grep -o '"partial":true' p1.out | wc -l)" -gt 10000
check "parts: regnal numbers found" test "$(grep -c 'Казимир III' p1.tsv)" -gt 1000
# a mapped text over 16 MB: its pages are given back after tagging and
# behind the formatter (ng_reader_release); the same output as the same
# bytes read from standard input, which are not mapped
awk 'BEGIN { srand(5); split("Ukraine|NATO|Путін|Київ|Ukraine-NATO Council|Украина", e, "|");
  while (n < 20000000) { s = (rand() < 0.004 ? e[1 + int(rand() * 6)] : "talks and the x"); n += length(s) + 1; printf "%s%s", s, (rand() < 0.02 ? "\n" : " ") } }' >huge.txt
for fmt in jsonl tsv; do
  for o in bytes chars; do
    $NG $TAG -f $fmt --offsets $o --threads 2 huge.txt | sed 's/^{"id":"[^"]*"//; s/^huge.txt\t//' >h1.out; r1=$?
    $NG $TAG -f $fmt --offsets $o --threads 2 --input text - <huge.txt | sed 's/^{"id":"[^"]*"//; s/^stdin:[0-9a-f]*\t//' >h2.out; r2=$?
    check "huge.txt $fmt $o: exit" test "$r1$r2" = 00
    check "huge.txt $fmt $o: entities found" test "$(grep -c Ukraine h1.out)" -gt 0
    check "huge.txt $fmt $o: mapped = read" cmp -s h1.out h2.out
  done
done
# a big article's entity list is written as it is formatted, in slices
# (tag_write_stream): 4.6 MB with ~100k entities (six slices), every one where it was put,
# once, in order, with byte and code-point offsets, 1 and 2 threads, JSON
# Lines and TSV, in a text file and in a JSON Lines article with a title
python3 - <<'PY'
import json, random
random.seed(7)
names = [("Ukraine", "loc_ukraine"), ("Київ", "loc_kyiv"), ("НАТО", "org_nato")]
parts, exp, pos = [], [], 0
while pos < 4_600_000:
    if random.random() < 0.15 and not (parts and parts[-2] in dict(names)):
        w, i = names[random.randrange(3)]   # never two in a row: "НАТО Київ" is one organisation
        exp.append((pos, pos + len(w.encode()), i))
    else:
        w = random.choice(["talks", "and", "the", "x", "ще", "і"])
    parts.append(w)
    pos += len(w.encode()) + 1
    parts.append("\n" if random.random() < 0.01 else " ")
text = "".join(parts)
open("big6.txt", "w").write(text)
json.dump(exp, open("big6.exp", "w"))
with open("big6.jsonl", "w") as f:
    f.write(json.dumps({"id": "t", "title": "НАТО і Київ", "text": text}, ensure_ascii=False) + "\n")
PY
cat >checkbig.py <<'PY'
import itertools, json, sys
text = open("big6.txt", "rb").read()
title = "НАТО і Київ"
base = json.load(open("big6.exp"))
cp = [0] + list(itertools.accumulate(map(lambda c: (c & 0xC0) != 0x80, text)))   # code points before each byte
bad = 0
for run in sys.argv[1:]:   # FORMAT,UNIT,OUTPUT,TITLED
    fmt, unit, path, titled = run.split(",")
    exp = [("text", s, e, i) for s, e, i in base]
    if titled == "1":   # the title's two entities come first
        exp = [("title", 0, 8, "org_nato"), ("title", 12, 20, "loc_kyiv")] + exp
    def chars(b, f):
        return cp[b] if f == "text" else len(title.encode()[:b].decode())
    want = [(f, chars(s, f), chars(e, f), i) if unit == "chars" else (f, s, e, i) for f, s, e, i in exp]
    lines = open(path).read().splitlines()
    if fmt == "jsonl":
        got = [(x["field"], x["start"], x["end"], x["id"]) for x in json.loads(lines[0])["entities"]] if len(lines) == 1 else []
    else:
        got = [(c[1], int(c[2]), int(c[3]), c[5]) for c in (l.split("\t") for l in lines[1:])]
    if got != want:
        k = next((k for k, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        print("FAIL big6 %s: %d entities for %d; first difference at %d: %s against %s" %
              (run, len(got), len(want), k, got[k:k + 1], want[k:k + 1]))
        bad = 1
sys.exit(bad)
PY
runs=
for c in 1:jsonl:bytes:big6.txt 2:jsonl:bytes:big6.txt 2:jsonl:chars:big6.jsonl 1:tsv:chars:big6.jsonl \
         2:tsv:bytes:big6.txt 2:tsv:chars:big6.txt; do
  th=${c%%:*}; c=${c#*:}; fmt=${c%%:*}; c=${c#*:}; o=${c%%:*}; f=${c#*:}
  out=b6-$th-$fmt-$o-$f.out
  $NG $TAG -f $fmt --offsets $o --threads $th $f >$out; r=$?
  check "$f $fmt $o $th threads: exit" test $r = 0
  runs="$runs $fmt,$o,$out,$([ $f = big6.jsonl ] && echo 1 || echo 0)"
done
check "big6: every entity, in place, once, in order" python3 checkbig.py $runs
$NG $TAG many.jsonl | wc -l >lines.out
check "one JSON line per article" test "$(cat lines.out)" -eq 800

# --keep-going: bad records reported with their line and counted
printf '{"id":"ok1","text":"NATO"}\n{bad\n[1]\n{"id":"x"}\n{"id":"ok2","text":"Київ"}\n' >bad.jsonl
run kg $TAG --keep-going bad.jsonl
expect_rc kg 1
expect_out kg <<'EOF'
{"id":"ok1","tagger":"newsgraph","entities":[{"start":0,"end":4,"text":"NATO","type":"ORG","id":"org_nato","name":"NATO","field":"text"}]}
{"id":"ok2","tagger":"newsgraph","entities":[{"start":0,"end":8,"text":"Київ","type":"LOC","id":"loc_kyiv","name":"Kyiv","field":"text"}]}
EOF
expect_err kg <<'EOF'
newsgraph: bad.jsonl:2:2: invalid JSON: invalid char in json text near 'bad'
newsgraph: bad.jsonl:3:1: expected a JSON object
newsgraph: bad.jsonl:4:1: missing "text"
newsgraph: 3 bad records skipped
EOF
run nokg $TAG bad.jsonl
expect_rc nokg 1
expect_out nokg <<'EOF'
{"id":"ok1","tagger":"newsgraph","entities":[{"start":0,"end":4,"text":"NATO","type":"ORG","id":"org_nato","name":"NATO","field":"text"}]}
EOF
expect_err nokg <<'EOF'
newsgraph: bad.jsonl:2:2: invalid JSON: invalid char in json text near 'bad'
EOF

# invalid UTF-8: matched around, a warning names the article
printf '\377NATO\376Київ' >inv.txt
run inv $TAG -f tsv --no-header inv.txt
expect_rc inv 0
printf 'inv.txt\ttext\t1\t5\tORG\torg_nato\tNATO\tNATO\ninv.txt\ttext\t6\t14\tLOC\tloc_kyiv\tKyiv\tКиїв\n' | expect_out inv
echo 'newsgraph: warning: inv.txt: 2 invalid UTF-8 bytes skipped' | expect_err inv

# exit codes: 2 for usage errors and unreadable inputs, 1 for data errors
run u1 tag --no-such-option
expect_rc u1 2
echo "newsgraph: unknown option '--no-such-option'; see 'newsgraph tag --help'" | expect_err u1
run u2 $TAG --format xml b.txt
expect_rc u2 2
echo "newsgraph: unknown format 'xml' (jsonl, pretty, tsv, conll, spacy, brat)" | expect_err u2
run u3 $TAG --threads 0 b.txt
expect_rc u3 2
run u4 $TAG --offsets words b.txt
expect_rc u4 2
run u5 nosuchcommand
expect_rc u5 2
run missing $TAG missing.txt
expect_rc missing 2
echo "newsgraph: missing.txt: cannot open: No such file or directory" | expect_err missing
# a missing input among others: reported, the others tagged, exit 2
run missing2 $TAG -f tsv --no-header missing.txt b.txt
expect_rc missing2 2
expect_out missing2 <<'EOF'
b.txt	text	0	14	LOC	loc_ukraine	Ukraine	Україна
b.txt	text	15	23	ORG	org_nato	NATO	НАТО
EOF
# a directory loop is skipped; every file is still tagged (regression: the walk stopped)
mkdir -p tree/sub && printf 'NATO' >tree/a.txt && printf 'UA' >tree/sub/b.txt && printf 'Київ' >tree/z.txt
ln -s .. tree/sub/up
run loop $TAG -f tsv --no-header tree
expect_rc loop 2
expect_out loop <<'EOF'
tree/a.txt	text	0	4	ORG	org_nato	NATO	NATO
tree/sub/b.txt	text	0	2	LOC	loc_ukraine	Ukraine	UA
tree/z.txt	text	0	8	LOC	loc_kyiv	Kyiv	Київ
EOF
echo "newsgraph: tree/sub/up: directory loop (already visited), skipped" | expect_err loop
printf 'x\tLOC\n' >bad.tsv
run baddict tag --no-shipped --dict bad.tsv b.txt
expect_rc baddict 1
echo "newsgraph: bad.tsv:1:6: expected at least 3 tab-separated columns (id, type, name), found 2" | expect_err baddict
run nodict tag --no-shipped --dict nope.tsv b.txt
expect_rc nodict 2

# --version prints the linked library versions
run version --version
expect_rc version 0
check "--version: newsgraph" grep -Eq '^newsgraph [0-9]+\.[0-9]+' version.out
check "--version: utf8proc" grep -Eq '^utf8proc [0-9]+\.[0-9]+\.[0-9]+ \(Unicode [0-9.]+\)$' version.out
check "--version: igraph" grep -Eq '^igraph [0-9]+\.[0-9]+' version.out
check "--version: SQLite" grep -Eq '^SQLite 3\.[0-9]+\.[0-9]+' version.out

# --help of every subcommand: usage on stdout, exit 0
run help --help
expect_rc help 0
for c in $(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' help.out); do
  run "help-$c" "$c" --help
  expect_rc "help-$c" 0
  check "$c --help prints usage on stdout" grep -q 'usage' "help-$c.out"
done
check "the command list names tag and dict" grep -q '^  tag ' help.out
for s in compile import lint stats; do
  run "help-dict-$s" dict "$s" --help
  expect_rc "help-dict-$s" 0
  check "dict $s --help" grep -q 'usage' "help-dict-$s.out"
done
finish
