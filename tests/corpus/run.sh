#!/bin/sh
# make check-corpus: invariants that must hold on any text, checked on the
# real news of the evaluation corpora (../shared/eval/{en,uk,ru}/*.jsonl;
# their texts only, never copied into the repository):
#   - every span cuts the text at character boundaries and is its bytes;
#   - tag with two threads prints exactly what one thread prints;
#   - the name rules, run at every capitalised word (NG_GATECHECK: a binary
#     built with NG_CHECK_RULE_GATE), start nothing where the gate that
#     skips words no rule can start at skips one, and print the same;
#   - ingest stores exactly the mentions, entity names and types tag prints,
#     with one thread or two and small batches, and the same database as
#     'tag --keep-text | ingest';
#   - re-ingesting the same file adds and replaces nothing;
#   - stats --check finds the database consistent;
#   - no rule organisation's id ends in a legal form (the company is the
#     same without it), no organisation is a legal form alone;
#   - entity duplicates lists rule-found short forms of a name with the
#     people whose full name they shorten, never two one article names, and
#     its --merge leaves the database consistent, each merged short form
#     found as its candidate.
# Usage: tests/corpus/run.sh BUILD EVAL-DIR. Prints "N passed, N failed".
BUILD=${1:?usage: run.sh BUILD EVAL-DIR}
EVAL=${2:?usage: run.sh BUILD EVAL-DIR}
NG=$(cd "$BUILD" && pwd)/newsgraph
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
INV="python3 $ROOT/tests/corpus/invariant.py"
[ -d "$EVAL" ] || { echo "check-corpus: $EVAL: no such directory (the shared evaluation data)" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0; failed=""
ok() { pass=$((pass+1)); echo "ok   $1"; }
ko() { fail=$((fail+1)); failed="$failed $1"; echo "FAIL $1"; sed 's/^/     /' "$T/out" | head -n 40; }
t() { # name command...: passes when the command exits 0
  name=$1; shift
  if "$@" > "$T/out" 2>&1; then ok "$name"; else ko "$name"; fi
}
now() { date +%s.%N; }
rate() { python3 -c "import sys; print('%.0f' % (int(sys.argv[1]) / max(float(sys.argv[3]) - float(sys.argv[2]), 1e-9)))" "$@"; }

for f in "$EVAL"/en/*.jsonl "$EVAL"/uk/*.jsonl "$EVAL"/ru/*.jsonl; do
  [ -f "$f" ] || continue
  lang=$(basename "$(dirname "$f")"); split=$(basename "$f" .jsonl); n="$lang/$split"
  d="$T/$lang-$split"; mkdir -p "$d"
  # the texts alone: what a user feeds in
  python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    print(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False))' "$f" > "$d/in.jsonl"
  arts=$(wc -l < "$d/in.jsonl")
  t "$n: tag ($arts articles)" sh -c '"$1" tag --format jsonl "$2" > "$3"' sh "$NG" "$d/in.jsonl" "$d/tag1.jsonl"
  "$NG" tag --format jsonl -j 2 "$d/in.jsonl" > "$d/tag2.jsonl" 2> "$T/out"
  t "$n: tag -j 2 prints what one thread prints" cmp "$d/tag1.jsonl" "$d/tag2.jsonl"
  t "$n: spans on character boundaries, the input's bytes" $INV input "$d/in.jsonl" "$d/tag1.jsonl"
  if [ -n "${NG_GATECHECK:-}" ]; then
    # (the binary of make check-corpus that runs the name rules at every
    # capitalised word: it stops where the gate would skip a rule's start)
    t "$n: the name rules' gate skips no rule's start; the same output" sh -c \
      '"$1" tag --format jsonl "$2" > "$3" && cmp "$3" "$4"' sh "$NG_GATECHECK" "$d/in.jsonl" "$d/gate.jsonl" "$d/tag1.jsonl"
  fi
  t "$n: organisation ids without legal forms, no legal form alone" $INV orgids "$d/tag1.jsonl"
  t0=$(now)
  "$NG" ingest -q --db "$d/a.db" "$d/in.jsonl" > "$T/out" 2>&1; rc=$?
  t1=$(now)
  echo "     ingest, 1 thread: $(rate "$arts" "$t0" "$t1") articles/s" 
  t "$n: ingest exits 0" [ $rc = 0 ]
  t "$n: ingest stores what tag prints" $INV tag "$d/tag1.jsonl" "$d/a.db"
  "$NG" ingest -q --db "$d/b.db" -j 2 --batch 7 "$d/in.jsonl" > "$T/out" 2>&1
  t "$n: ingest -j 2 --batch 7: the same database" $INV same "$d/a.db" "$d/b.db"
  "$NG" tag --format jsonl --keep-text -j 2 "$d/in.jsonl" | "$NG" ingest -q --db "$d/c.db" - > "$T/out" 2>&1
  t "$n: tag --keep-text | ingest: the same database" $INV same "$d/a.db" "$d/c.db"
  "$NG" ingest --db "$d/a.db" "$d/in.jsonl" > "$d/again.out" 2>&1
  t "$n: re-ingest adds and replaces nothing" grep "(0 added, 0 replaced, $arts unchanged)" "$d/again.out"
  t "$n: stats --check" "$NG" stats --db "$d/a.db" --check
  "$NG" entity duplicates --db "$d/a.db" --json > "$d/dups.json" 2> "$T/out"
  t "$n: entity duplicates: short forms of their candidates' names" $INV duplicates "$d/dups.json" "$d/a.db"
  "$NG" entity duplicates --db "$d/a.db" --merge --min-shared 0 --json > "$d/merged.json" 2> "$T/out"
  t "$n: entity duplicates --merge: consistent" "$NG" stats --db "$d/a.db" --check
  t "$n: entity duplicates --merge: each short form finds its candidate" python3 -c 'import json, subprocess, sys
ng, db, path = sys.argv[1:]
m = json.load(open(path, encoding="utf-8"))
bad = []
for c in m["corrections"]:
    r = subprocess.run([ng, "entity", "--db", db, "--json", c["merged"]], capture_output=True, text=True)
    if r.returncode or json.loads(r.stdout)["id"] != c["entity"]:
        bad.append((c["merged"], c["entity"], r.stdout[:80], r.stderr[:80]))
print("%d merges" % len(m["corrections"]), bad[:10])
sys.exit(1 if bad else 0)' "$NG" "$d/a.db" "$d/merged.json"
  rm -f "$d"/*.db*
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
