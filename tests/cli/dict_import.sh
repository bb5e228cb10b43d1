#!/bin/sh
# dict import: each importer on small samples in the real formats
# (tests/data/import/), compared with exact expected output; bad inputs.
# Run by tests/run.sh with NG=path-to-binary.
set -u
: "${NG:?NG must point to the newsgraph binary}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=$ROOT/tests/data/import
CW="--common-words $ROOT/dictionaries/common-words"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # name expected-file actual-file
  if ! cmp -s "$2" "$3"; then echo "FAIL $1"; diff -u "$2" "$3" | head -40; fail=1; fi
}
status() { # name expected actual
  if [ "$2" != "$3" ]; then echo "FAIL $1: exit status $3, expected $2"; fail=1; fi
}

# iso-codes: JSON + .mo catalogues (written for the test; .po sources beside them)
cd "$D"   # the expected output names the inputs relative to this directory
$NG dict import --from iso-codes $CW --lang en,uk --locale-dir locale --subdivisions UA,US . \
  >"$T/iso.out" 2>"$T/iso.err"
status iso-codes 0 $?
check iso-codes "$D/isocodes.expected" "$T/iso.out"
grep -q 'left out of us-georgia' "$T/iso.err" || { echo "FAIL iso-codes: no warning about the shared translation"; fail=1; }
# regression: lower-case codes selected nothing and an unknown one was ignored
$NG dict import --from iso-codes $CW --lang en,uk --locale-dir locale --subdivisions ua,us . >"$T/isolc.out" 2>/dev/null
status iso-codes-lower-case 0 $?
check iso-codes-lower-case "$D/isocodes.expected" "$T/isolc.out"
$NG dict import --from iso-codes $CW --lang en,uk --locale-dir locale --subdivisions UA,XX . >/dev/null 2>"$T/isoxx.err"
status iso-codes-unknown 2 $?
grep -q "subdivisions: 'XX' is not an ISO 3166-1 alpha-2 country code" "$T/isoxx.err" || { echo "FAIL iso-codes XX: $(cat "$T/isoxx.err")"; fail=1; }
# -o writes atomically and reports counts
$NG dict import --from iso-codes $CW --lang en,uk --locale-dir locale --subdivisions UA,US . -o "$T/iso.tsv" 2>"$T/iso2.err"
status iso-codes-o 0 $?
check iso-codes-o "$D/isocodes.expected" "$T/iso.tsv"
grep -q '9 entities' "$T/iso2.err" || { echo "FAIL iso-codes -o: no count"; cat "$T/iso2.err"; fail=1; }
ls "$T" | grep -q tmp && { echo "FAIL iso-codes -o: temporary file left"; fail=1; }
# a broken catalogue is a data error
mkdir -p "$T/loc/uk/LC_MESSAGES"
printf 'not a catalogue at all, no magic here' >"$T/loc/uk/LC_MESSAGES/iso_3166-1.mo"
$NG dict import --from iso-codes $CW --lang en,uk --locale-dir "$T/loc" --subdivisions none . >/dev/null 2>"$T/mo.err"
status bad-mo 1 $?
grep -q 'iso_3166-1.mo: not a .mo catalogue (bad magic)' "$T/mo.err" || { echo "FAIL bad-mo message"; cat "$T/mo.err"; fail=1; }
# not an iso-codes file
printf '{"3166-3": []}\n' >"$T/iso_3166-1.json"
$NG dict import --from iso-codes --subdivisions none "$T/iso_3166-1.json" >/dev/null 2>"$T/j.err"
status not-iso 1 $?
grep -q 'no "3166-1" array' "$T/j.err" || { echo "FAIL not-iso message"; cat "$T/j.err"; fail=1; }
# regression: an entry of the wrong shape was reported without a position
# ("entry 2 of "3166-1" has no alpha_2 or name"), and a name of the wrong
# type was dropped silently; every error is file:line:col now (column in
# characters), at the value at fault, found again in the text jansson read
isoerr() { # name expected-message 3166-1-json [3166-2-json]
  printf '%b' "$3" >"$T/iso_3166-1.json"
  if [ $# -gt 3 ]; then
    printf '%b' "$4" >"$T/iso_3166-2.json"
    (cd "$T" && $NG dict import --from iso-codes --lang en --subdivisions UA iso_3166-1.json iso_3166-2.json) >/dev/null 2>"$T/e.err"
  else
    (cd "$T" && $NG dict import --from iso-codes --lang en --subdivisions none iso_3166-1.json) >/dev/null 2>"$T/e.err"
  fi
  status "iso-codes $1" 1 $?
  [ "$(cat "$T/e.err")" = "newsgraph: $2" ] || { echo "FAIL iso-codes $1: $(cat "$T/e.err")"; echo "  expected: newsgraph: $2"; fail=1; }
}
UA='{"alpha_2": "UA", "name": "Ukraine"}'
isoerr wrong-type 'iso_3166-1.json:3:29: entry 2 of "3166-1": "name" is a number, not a string' \
  "{\"3166-1\": [\n  $UA,\n  {\"alpha_2\": \"PL\", \"name\": 5}\n]}\n"
isoerr missing 'iso_3166-1.json:3:3: entry 2 of "3166-1" has no "alpha_2"' \
  "{\"3166-1\": [\n  $UA,\n  {\"name\": \"Poland\"}\n]}\n"
isoerr optional-wrong-type 'iso_3166-1.json:2:55: entry 1 of "3166-1": "common_name" is null, not a string' \
  "{\"3166-1\": [\n  {\"alpha_2\": \"UA\", \"name\": \"Україна\", \"common_name\": null}\n]}\n"
isoerr not-object 'iso_3166-1.json:3:6: entry 2 of "3166-1" is a string, not an object' \
  "{\"3166-1\": [\n  $UA,\n     \"PL\"\n]}\n"
isoerr escaped-key 'iso_3166-1.json:1:57: entry 1 of "3166-1": "name" is an array, not a string' \
  '{"3166-1": [{"\\u0061lpha_2": "UA", "name": "x", "name": ["a\\"]"]}]}'
isoerr nested-same-name 'iso_3166-1.json:1:77: entry 1 of "3166-1": "name" is a number, not a string' \
  '{"3166-1": [{"alpha_2": "UA", "x": {"name": 1, "y": [{"name": 3}]}, "name": 2}]}'
isoerr not-array 'iso_3166-1.json:2:13: no "3166-1" array: not an iso-codes file ("3166-1" is an object)' \
  '{"3166-2": [],\n  "3166-1": {"3166-1": []}}'
isoerr not-object-file 'iso_3166-1.json:3:3: no "3166-1" array: not an iso-codes file (the file is an array, not an object)' \
  '\n\n  [1]\n'
isoerr parse 'iso_3166-1.json:2:31: invalid JSON: '"'"'}'"'"' expected near '"'"'x'"'"'' \
  '{"3166-1": [\n{"alpha_2": "UA", "name": "Ж" x}]}'
isoerr subdivision 'iso_3166-2.json:3:43: entry 2 of "3166-2": "parent" is a number, not a string' \
  "{\"3166-1\": [$UA]}" '{"3166-2": [\n {"code": "UA-01", "name": "X"},\n {"code": "UA-02", "name": "Y", "parent": 1}]}'
cd "$ROOT"

# wikidata: plain and gzip give the same output
$NG dict import --from wikidata $CW --types dictionaries/import/wikidata-types.tsv "$D/wikidata-sample.json" >"$T/wd.out"
status wikidata 0 $?
check wikidata "$D/wikidata.expected" "$T/wd.out"
gzip -c "$D/wikidata-sample.json" >"$T/wd.json.gz"
$NG dict import --from wikidata $CW --types dictionaries/import/wikidata-types.tsv "$T/wd.json.gz" >"$T/wdz.out"
status wikidata-gz 0 $?
check wikidata-gz "$D/wikidata.expected" "$T/wdz.out"
# a malformed line: file:line:col message, exit 1, no output file
{ echo '['; sed -n 2p "$D/wikidata-sample.json"; echo '{"type":"item","id":"Q1",'; echo ']'; } >"$T/bad.json"
$NG dict import --from wikidata --types dictionaries/import/wikidata-types.tsv "$T/bad.json" -o "$T/bad.tsv" 2>"$T/bad.err"
status wikidata-bad 1 $?
grep -q "^newsgraph: $T/bad.json:3:[0-9]*: invalid JSON" "$T/bad.err" || { echo "FAIL wikidata-bad message"; cat "$T/bad.err"; fail=1; }
[ -e "$T/bad.tsv" ] && { echo "FAIL wikidata-bad: output written"; fail=1; }
# a truncated gzip stream
head -c 300 "$T/wd.json.gz" >"$T/trunc.json.gz"
$NG dict import --from wikidata --types dictionaries/import/wikidata-types.tsv "$T/trunc.json.gz" >/dev/null 2>"$T/trunc.err"
[ $? -ne 0 ] || { echo "FAIL wikidata-truncated: exit 0"; fail=1; }
# a bad mapping file
printf 'Q5\tPERSON\thuman\n' >"$T/types.tsv"
$NG dict import --from wikidata --types "$T/types.tsv" "$D/wikidata-sample.json" >/dev/null 2>"$T/types.err"
status wikidata-types 1 $?
grep -q "types.tsv:1:4: type must be PER, ORG, LOC or EVENT" "$T/types.err" || { echo "FAIL types message"; cat "$T/types.err"; fail=1; }

# geonames
$NG dict import --from geonames $CW --min-population 1000 --alternate-names "$D/alternateNamesV2-sample.txt" \
  "$D/cities-sample.txt" >"$T/gn.out"
status geonames 0 $?
check geonames "$D/geonames.expected" "$T/gn.out"
printf '900101\tOnly\tthree\n' >"$T/short.txt"
$NG dict import --from geonames "$T/short.txt" >/dev/null 2>"$T/gn.err"
status geonames-bad 1 $?
grep -q "short.txt:1:1: expected 19 tab-separated GeoNames columns, found 3" "$T/gn.err" || { echo "FAIL geonames-bad message"; cat "$T/gn.err"; fail=1; }

# usage and system errors
$NG dict import --from nosuch x >/dev/null 2>&1; status unknown-format 2 $?
$NG dict import --from geonames >/dev/null 2>&1; status no-input 2 $?
$NG dict import --from geonames "$T/does-not-exist.txt" >/dev/null 2>&1; status missing-file 2 $?
$NG dict import --from geonames --min-population -5 "$D/cities-sample.txt" >/dev/null 2>&1; status bad-number 2 $?
$NG dict import --help | grep -q '^usage: newsgraph dict import' || { echo "FAIL --help"; fail=1; }
# regression: overlapping GeoNames dumps wrote every shared place twice
$NG dict import --from geonames "$D/cities-sample.txt" "$D/cities-sample.txt" > "$T/gn2.tsv" 2>/dev/null
$NG dict import --from geonames "$D/cities-sample.txt" > "$T/gn1.tsv" 2>/dev/null
cmp -s "$T/gn1.tsv" "$T/gn2.tsv" || { echo "FAIL geonames: a place given twice written twice"; diff "$T/gn1.tsv" "$T/gn2.tsv"; fail=1; }
# regression: a name Wikidata keeps only under "mul" (most people's since
# 2024) was lost: the entity was named by its Ukrainian label
cat > "$T/mul.json" <<'EOF2'
[
{"type":"item","id":"Q42","labels":{"mul":{"language":"mul","value":"Douglas Adams"},"uk":{"language":"uk","value":"Дуглас Адамс"}},"aliases":{"mul":[{"language":"mul","value":"Douglas Noël Adams"}]},"claims":{"P31":[{"mainsnak":{"snaktype":"value","property":"P31","datavalue":{"value":{"entity-type":"item","numeric-id":5,"id":"Q5"},"type":"wikibase-entityid"}},"type":"statement","rank":"normal"}]}}
]
EOF2
$NG dict import --from wikidata "$T/mul.json" > "$T/mul.tsv" 2>/dev/null
grep -q "^Q42	PER	Douglas Adams	Дуглас Адамс|Douglas Noël Adams	" "$T/mul.tsv" || { echo "FAIL wikidata mul: $(cat "$T/mul.tsv")"; fail=1; }
exit $fail
