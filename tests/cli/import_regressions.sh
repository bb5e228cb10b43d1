#!/bin/sh
# Importer bugs found by the fuzzers (tests/fuzz/fuzz_import_*): each input
# once crashed, tripped a sanitizer or made an importer write a dictionary
# the loader refuses. Every dictionary written here must compile.
: "${NG:?set NG to the newsgraph binary}"
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=$ROOT/tests/data/import
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-impreg.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
compiles() { $NG dict compile --no-shipped "$1" -o c.ngd > /dev/null 2> cerr || fail "$2: output does not compile: $(cat cerr)"; }

# wikidata: an empty --types file (bsearch on NULL, UBSan)
: > empty-types.tsv
$NG dict import --from wikidata --types empty-types.tsv "$D/wikidata-sample.json" > wd.tsv 2> err
[ $? -le 1 ] || fail "wikidata with empty types: status $? $(cat err)"
# wikidata: a Q-id mapped to two types (the message was formatted after free)
printf 'Q5\tPER\nQ5\tLOC\n' > two.tsv
$NG dict import --from wikidata --types two.tsv "$D/wikidata-sample.json" > /dev/null 2> err; rc=$?
[ $rc = 1 ] || fail "wikidata conflicting types: status $rc"
grep -qx 'newsgraph: two.tsv:2:1: Q5 is mapped to both PER (line 1) and LOC' err || fail "wikidata conflicting types message: $(cat err)"

# wikidata: ids the loader refuses (a space, a tab) are skipped, not written
python3 - "$D/wikidata-sample.json" <<'PY'
import json, sys
rows = [l.rstrip(",\n") for l in open(sys.argv[1], encoding="utf-8") if l.startswith("{")]
e = json.loads(rows[0])
out = []
for bad in ("Q9 x", "Q9\tPER", "Q9|1"):
    e["id"] = bad
    out.append(json.dumps(e, ensure_ascii=False))
open("badid.json", "w", encoding="utf-8").write("[\n" + ",\n".join(out + rows) + "\n]\n")
PY
$NG dict import --from wikidata --types "$ROOT/dictionaries/import/wikidata-types.tsv" badid.json > wdid.tsv 2> err || fail "wikidata bad ids: status $? $(cat err)"
compiles wdid.tsv "wikidata bad ids"
grep -q '^Q9[^0-9]' wdid.tsv && fail "wikidata: a bad id was written"

# geonames: control characters in the country code, a name without letters,
# a name so long that its id exceeds the loader's 256 bytes
python3 - <<'PY'
long = "Very Long Name " * 30
rows = [
    ["900101", "Testopil", "Testopil", "", "50.0", "30.0", "P", "PPL", "\x01\x03", "", "", "", "", "", "5000"],
    ["900102", "---", "---", "", "50.0", "30.0", "P", "PPL", "UA", "", "", "", "", "", "5000"],
    ["900103", long, long, "", "50.0", "30.0", "P", "PPL", "UA", "", "", "", "", "", "5000"],
    ["900104", "Good\x85Name", "Good Name", "", "50.0", "30.0", "P", "PPL", "U\xffA", "", "", "", "", "", "5000"],
]
with open("cities.txt", "w", encoding="utf-8", errors="surrogateescape") as f:
    for r in rows: f.write("\t".join(r + ["", "", "Europe/Kyiv", "2024-01-01"]) + "\n")
PY
$NG dict import --from geonames cities.txt > gn.tsv 2> err || fail "geonames: status $? $(cat err)"
compiles gn.tsv geonames
grep -q '^testopil-900101	LOC	Testopil	' gn.tsv || fail "geonames: Testopil missing: $(cat gn.tsv)"
grep -q -- '---' gn.tsv && fail "geonames: a name without letters was written"

# iso-codes: a catalogue whose translation is not UTF-8 (ng_fold failed: abort)
mkdir -p loc/uk/LC_MESSAGES
python3 - <<'PY'
import struct
pairs = sorted([(b"", b"Content-Type: text/plain; charset=UTF-8\n"), (b"Ukraine", b"\xd0\xa3\xff\xfe"), (b"Georgia", "Грузія".encode())])
n = len(pairs); ko = 28; vo = ko + 8 * n; data = 28 + 16 * n
ks, vs, blob = [], [], b""
for k, _ in pairs: ks.append((len(k), data + len(blob))); blob += k + b"\0"
for _, v in pairs: vs.append((len(v), data + len(blob))); blob += v + b"\0"
with open("loc/uk/LC_MESSAGES/iso_3166-1.mo", "wb") as f:
    f.write(struct.pack("<7I", 0x950412de, 0, n, ko, vo, 0, 0))
    for l, o in ks: f.write(struct.pack("<2I", l, o))
    for l, o in vs: f.write(struct.pack("<2I", l, o))
    f.write(blob)
PY
$NG dict import --from iso-codes --lang en,uk --locale-dir loc --subdivisions none "$D/iso_3166-1.json" > iso.tsv 2> err || fail "iso-codes: status $? $(cat err)"
compiles iso.tsv iso-codes
grep -q 'Грузія' iso.tsv || fail "iso-codes: the valid translation is missing"

# annotations: a brat document without entities (qsort on NULL, UBSan)
mkdir brat; printf 'Kyiv is a city.\n' > brat/a.txt; : > brat/a.ann
printf 'Kyiv is big.\n' > brat/b.txt; printf 'T1\tLOC 0 4\tKyiv\n' > brat/b.ann
$NG dict import --from annotations --input-format brat brat > ann.tsv 2> err || fail "annotations: status $? $(cat err)"
compiles ann.tsv annotations
# regression: the brat reader took a discontinuous entity as one span with
# the words between, cut offsets past the end of the text back silently and
# never compared the .ann's text with the .txt (an entity at wrong offsets)
mkdir brat2; printf 'Путін у Вільнюсі та Frobnitz Ltd.\n' > brat2/x.txt
for ann in 'T1\tPER 0 5;8 16\tПутін Вільнюсі' 'T2\tORG 20 400\tFrobnitz Ltd' 'T3\tLOC 0 10\tВільнюсі'; do
  printf "$ann\n" > brat2/x.ann
  $NG eval --gold brat2 > /dev/null 2> err; rc=$?
  [ $rc -eq 1 ] || fail "brat '$ann': status $rc"
  case $ann in
    *5\;8*) want="brat2/x.ann:1:8: T1: a discontinuous entity (0 5;8 16): only contiguous spans are read; give each part its own T line" ;;
    *400*) want="brat2/x.ann:1:8: T2: offsets 20-400 are past the end of brat2/x.txt" ;;
    *) want='brat2/x.ann:1:13: T3: the text at 0-10 is "Путін у Ві", the annotation says "Вільнюсі" (offsets in characters of brat2/x.txt?)' ;;
  esac
  grep -qxF "newsgraph: $want" err || fail "brat '$ann': message: $(cat err)"
done
printf 'T1\tPER 0 5\tПутін\nT2\tLOC 8 16\tВільнюсі\nT3\tORG 20 32\tFrobnitz Ltd\n' > brat2/x.ann
$NG eval --gold brat2 --json > ev.json 2> err || fail "brat good: $(cat err)"
# (tag -f brat writes a line break inside an entity as a space: read back)
printf 'Jens\nStoltenberg spoke.\n' > brat2/y.txt; printf 'T1\tPER 0 16\tJens Stoltenberg\n' > brat2/y.ann
$NG eval --gold brat2 > /dev/null 2> err || fail "brat: a line break in an entity written as a space: $(cat err)"

# two Cyrillic surfaces whose ids (type + 32-bit hash: no Latin slug) are
# one: they loaded as one entity; now the later gets -2
printf '%s\n' '{"id":"0","text":"Бої тривали біля Арюарюц вчора.","entities":[{"start":31,"end":45,"type":"LOC"}]}' \
  '{"id":"1","text":"Бої тривали біля Ррцраюу вчора.","entities":[{"start":31,"end":45,"type":"LOC"}]}' > coll.jsonl
$NG dict import --from annotations coll.jsonl -o coll.tsv 2> err || fail "annotations collision: $(cat err)"
[ "$(grep -v '^#' coll.tsv | cut -f1 | sort -u | wc -l)" = 2 ] || fail "colliding ids made distinct: $(cut -f1-3 coll.tsv)"
$NG dict lint --no-common-words coll.tsv > lint.out 2>&1 || fail "colliding ids: lint: $(cat lint.out)"

# character offsets (spaCy's, Doccano's) read as bytes: junk entries ("і та",
# "Ки") with exit 0; now the document is skipped with a warning
printf '%s\n' '{"id":"x","text":"У Києві та Харкові пройшли збори. Мер Кличко виступив.","entities":[{"start":2,"end":7,"type":"LOC"},{"start":11,"end":18,"type":"LOC"},{"start":37,"end":43,"type":"PER"}]}' > charoff.jsonl
$NG dict import --from annotations charoff.jsonl -o charoff.tsv 2> err || fail "char offsets: status $?"
grep -q 'most entities of "x" start or end inside a word: skipped' err || fail "char offsets: warning: $(cat err)"
[ "$(grep -vc '^#' charoff.tsv)" = 0 ] || fail "char offsets: junk entries: $(cut -f1-3 charoff.tsv)"
# a type a dictionary cannot spell ("Geo Political"): the gazetteer was
# refused at the end with a message naming a file "annotations"
printf '%s\n' '{"id":"a","text":"Kyiv","entities":[{"start":0,"end":4,"type":"Geo Political"}]}' > badtype.jsonl
$NG dict import --from annotations badtype.jsonl -o badtype.tsv 2> err || fail "bad type: $(cat err)"
grep -q '	GEO_POLITICAL	Kyiv' badtype.tsv || fail "bad type normalised: $(cat badtype.tsv)"

# a byte-order mark before the first line: the dictionary loader takes it,
# the importers refused it ("'[' or '{' expected", "geonameid is not a number")
printf '\357\273\277%s\n' '{"id":"b","text":"Boris Johnson spoke.","entities":[{"start":0,"end":13,"type":"PER"}]}' > bom.jsonl
$NG dict import --from annotations bom.jsonl -o bom.tsv 2> err || fail "annotations with a BOM: $(cat err)"
grep -q '	PER	Boris Johnson	' bom.tsv || fail "annotations with a BOM: $(cat bom.tsv)"
{ printf '\357\273\277'; cat "$D/cities-sample.txt"; } > bomcities.txt
$NG dict import --from geonames bomcities.txt -o bomgn.tsv 2> err || fail "geonames with a BOM: $(cat err)"
$NG dict import --from geonames "$D/cities-sample.txt" -o gn.tsv 2> /dev/null
cmp -s gn.tsv bomgn.tsv || fail "geonames with a BOM: other output"

# regression: input that is not UTF-8 became U+FFFD in the dictionary
# (geonames, exit 0) or was dropped without a word (a brat or CoNLL surface);
# every importer now stops at the first bad byte: file:line:col, exit 1
# (col in characters, as every other message counts it)
printf '703448\tKyiv\tKyiv\t\t50.45\t30.52\tP\tPPLC\tUA\t\t12\t\t\t\t2797553\t\t187\tEurope/Kyiv\t2019-01-01\n' > u1.txt
printf '703449\tKy\377iv\tKyiv\t\t50.45\t30.52\tP\tPPLC\tUA\t\t12\t\t\t\t2797553\t\t187\tEurope/Kyiv\t2019-01-01\n' > u2.txt
cat u1.txt u2.txt > ubad.txt
printf '1\t703448\tuk\tКи\320\tв\t\t\t\t\t\n' > ualt.txt
printf '[\n{"id":"Q1","type":"item","labels":{"en":{"language":"en","value":"Ky\377iv"}},"claims":{}}\n]\n' > uwd.json
printf '{"id":"d1","text":"Кий\377в is big","entities":[{"start":0,"end":7,"type":"LOC"}]}\n' > u.jsonl
mkdir ubrat ubrat2; printf 'Visit Ky\377iv now' > ubrat/d1.txt; printf 'T1\tLOC 6 11\tKyiv\n' > ubrat/d1.ann
printf 'Visit Kyiv now' > ubrat2/d1.txt; printf 'T1\tLOC 6 10\tKyiv\nT2\tLOC 0 5\tVis\377t\n' > ubrat2/d1.ann
printf 'in O\nKy\377iv B-LOC\n' > u.conll
for c in "geonames ubad.txt|ubad.txt:2:10" "geonames u1.txt --alternate-names ualt.txt|ualt.txt:1:15" \
         "wikidata --types $ROOT/dictionaries/import/wikidata-types.tsv uwd.json|uwd.json:2:69" \
         "annotations u.jsonl|u.jsonl:1:23" "annotations --input-format brat ubrat|ubrat/d1.txt:1:9" \
         "annotations --input-format brat ubrat2|ubrat2/d1.ann:2:15" "annotations u.conll|u.conll:2:3"; do
  args=${c%%|*} want=${c#*|}
  # shellcheck disable=SC2086
  $NG dict import --from $args -o u.tsv > /dev/null 2> err; rc=$?
  [ $rc = 1 ] || fail "invalid UTF-8, $args: status $rc"
  grep -qx "newsgraph: $want: invalid UTF-8" err || fail "invalid UTF-8, $args: message: $(cat err)"
  [ -e u.tsv ] && fail "invalid UTF-8, $args: a dictionary was written"
  rm -f u.tsv
done
$NG eval --gold ubrat > /dev/null 2> err; rc=$?
[ $rc = 1 ] && grep -qx "newsgraph: ubrat/d1.txt:1:9: invalid UTF-8" err || fail "eval of a brat text that is not UTF-8: $rc $(cat err)"
# (the iso-codes catalogue above: its translation that is not UTF-8 is left
# out, as before, but no longer silently)
$NG dict import --from iso-codes --lang en,uk --locale-dir loc --subdivisions none "$D/iso_3166-1.json" > /dev/null 2> err ||
  fail "iso-codes with a bad translation: status $?"
grep -qx 'newsgraph: warning: loc/uk/LC_MESSAGES/iso_3166-1.mo: string 2 ("Ukraine"): the translation is not valid UTF-8: left out' err ||
  fail "iso-codes: no warning for the translation left out: $(cat err)"

# regression: importer errors without a column (file:line: ...); the
# project's form is file:line:col, the column of the field at fault
printf '1\tb\tc\tx\t50\t30\tP\tPPL\tUA\t\t\t\t\t\t12x4\t\t\tE\t2024\n' > cpop.txt
printf '1\t70x3448\tuk\tКиїв\t\t\t\t\t\t\n' > calt.txt
printf 'Kyiv\nB-LOC\n' > c1.conll; printf 'Kyiv X-LOC\n' > c2.conll
printf '  {"id":"d1","text":"x","entities":5}\n' > c1.jsonl
printf '{"text":"x"}\n' > c2.jsonl
printf '{"id":"d1","text":"x","entities":[{"start":0}]}\n' > c3.jsonl
printf '  [1]\n' > c4.jsonl
printf '[\n  [5],\n]\n' > cwd.json
mkdir cb; printf 'Kyiv is big' > cb/x.txt; printf 'T1\tLOC\n' > cb/x.ann
for c in "geonames cpop.txt|cpop.txt:1:29: population \"12x4\" is not a number" \
         "geonames u1.txt --alternate-names calt.txt|calt.txt:1:3: geonameid \"70x3448\" is not a number" \
         "annotations c1.conll|c1.conll:1:5: expected a token and a tag" \
         "annotations c2.conll|c2.conll:1:6: unknown tag \"X-LOC\" (expected B-TYPE, I-TYPE or O)" \
         "annotations c1.jsonl|c1.jsonl:1:3: bad record: \"entities\" is not an array" \
         "annotations c2.jsonl|c2.jsonl:1:1: bad record: no \"id\"" \
         "annotations c3.jsonl|c3.jsonl:1:1: bad record: entity 0 needs integer \"start\", \"end\" and a \"type\"" \
         "annotations c4.jsonl|c4.jsonl:1:3: bad record: not an object" \
         "annotations --input-format brat cb|cb/x.ann:1:4: expected TYPE START END" \
         "wikidata --types $ROOT/dictionaries/import/wikidata-types.tsv cwd.json|cwd.json:2:3: expected a JSON object (an entity)"; do
  args=${c%%|*} want=${c#*|}
  # shellcheck disable=SC2086
  $NG dict import --from $args > /dev/null 2> err; rc=$?
  [ $rc = 1 ] || fail "column, $args: status $rc"
  grep -qxF "newsgraph: $want" err || fail "column, $args: message: $(cat err) (expected $want)"
done
printf '{"id":"d1","text":"Kyiv","entities":[{"start":0,"end":9,"type":"LOC"}]}\n' > cw.jsonl
$NG dict import --from annotations --min-precision 0 cw.jsonl > /dev/null 2> err
grep -qx 'newsgraph: warning: cw.jsonl:1:1: entity outside the text or not on a character boundary in "d1"' err ||
  fail "column of a warning: $(cat err)"

# regression: an alias that reads as an attribute ("lang=...", "lint=...")
# or starts with a marker ("=Name", "~name") was written into the
# aliases column: the loader refused the dictionary ("... is an attribute
# in the aliases column") or read a marker (found by make fuzz in the
# geonames, iso-codes and wikidata importers); such aliases are left out
# (a '^' first is the importers' own marker of a common word)
python3 - "$D" <<'PY'
import json, sys
d = sys.argv[1]
rows = []
for gid, ascii in (("900201", "lint=er:opil"), ("900202", "=Probe"), ("900203", "~probe"), ("900204", "Probe Town")):
    rows.append([gid, "Probetown", ascii, "", "50.0", "30.0", "P", "PPL", "UA", "", "", "", "", "", "5000", "", "",
                 "Europe/Kyiv", "2024-01-01"])
open("attr-cities.txt", "w", encoding="utf-8").write("".join("\t".join(r) + "\n" for r in rows))
iso = json.load(open(d + "/iso_3166-1.json", encoding="utf-8"))
for c in iso["3166-1"]:
    if c["alpha_2"] == "UA":
        c["official_name"] = "lang=d Ukraine"
        c["common_name"] = "case=Ukraina"
import os
os.makedirs("attr-iso", exist_ok=True)
json.dump(iso, open("attr-iso/iso_3166-1.json", "w", encoding="utf-8"), ensure_ascii=False)
rows = [l.rstrip(",\n") for l in open(d + "/wikidata-sample.json", encoding="utf-8") if l.startswith("{")]
e = json.loads(rows[0])
e["aliases"] = {"en": [{"language": "en", "value": v} for v in ("lint=stenko", "priority=2", "=O. Testenko", "Olena T.")]}
open("attr-wd.json", "w", encoding="utf-8").write("[\n" + ",\n".join([json.dumps(e, ensure_ascii=False)] + rows[1:]) + "\n]\n")
PY
$NG dict import --from geonames attr-cities.txt > attr-gn.tsv 2> err || fail "attribute aliases, geonames: status $? $(cat err)"
compiles attr-gn.tsv "attribute aliases, geonames"
grep -q '	Probetown	Probe Town' attr-gn.tsv || fail "attribute aliases, geonames: the good alias is missing: $(cat attr-gn.tsv)"
$NG dict import --from iso-codes --lang en --subdivisions none attr-iso/iso_3166-1.json > attr-iso.tsv 2> err || fail "attribute aliases, iso-codes: status $? $(cat err)"
compiles attr-iso.tsv "attribute aliases, iso-codes"
grep -q '	Ukraine' attr-iso.tsv || fail "attribute aliases, iso-codes: Ukraine is missing: $(cat attr-iso.tsv)"
$NG dict import --from wikidata --types "$ROOT/dictionaries/import/wikidata-types.tsv" attr-wd.json > attr-wd.tsv 2> err ||
  fail "attribute aliases, wikidata: status $? $(cat err)"
compiles attr-wd.tsv "attribute aliases, wikidata"
grep -q 'Olena T\.' attr-wd.tsv || fail "attribute aliases, wikidata: the good alias is missing: $(cat attr-wd.tsv)"
for f in attr-gn.tsv attr-iso.tsv attr-wd.tsv; do
  grep -v '^#' "$f" | cut -f4 | tr '|' '\n' | grep -E '^\^?(lint|lang|case|priority)=|^[=~]' && fail "$f: an attribute or a marker in the aliases column"
done

if [ "$failures" -ne 0 ]; then echo "import_regressions.sh: $failures failures"; exit 1; fi
echo "import_regressions.sh: ok"
