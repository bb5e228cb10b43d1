#!/bin/sh
# Inputs that could blow up time or memory (issue 6, STYLE.md §8), generated
# at test time and run with generous bounds: 'timeout' per step and a
# virtual-memory cap (ulimit -v; not under ASan, whose shadow memory needs
# terabytes of address space). Under valgrind the inputs are 10x smaller.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/setup"
scale=1; [ -n "${VALGRIND:-}" ] && scale=10
limit=120; [ -n "${NG_SANITIZER:-}${VALGRIND:-}" ] && limit=900
mem=4000000   # KiB
# bounded NAME command...: runs under timeout and the memory cap
bounded() {
  name=$1; shift
  start=$(date +%s)
  if [ -n "${NG_SANITIZER:-}${VALGRIND:-}" ]; then timeout "$limit" "$@"
  else ( ulimit -v $mem; exec timeout "$limit" "$@" ); fi
  rc=$?
  echo "  $name: $(( $(date +%s) - start )) s" >&2
  [ $rc = 124 ] && fail "$name: over $limit s"
  return $rc
}

# 1M aliases sharing a long prefix (a 12-word trie chain, then 1M branches)
n=$((1000000 / scale))
python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
p = "The International Association Of Very Long Prefix Words For Testing Number"
with open("prefix.tsv", "w") as f:
    for i in range(n): f.write(f"e{i}\tORG\t{p} {i}\n")
with open("prefix.txt", "w") as f:
    f.write(f"{p} 77 met {p} {n - 1} and {p} and {p} {n}.\n")
PY
bounded "compile $n prefixed aliases" $NG dict compile --no-shipped prefix.tsv -o prefix.ngd 2> err || fail "compile: $(cat err)"
grep -q "compiled $n entities, $n aliases" err || fail "compile counts: $(cat err)"
# (the dictionary matcher alone: the organisation rules would tag the
# unlisted "... Association Of Very Long Prefix Words" as a name)
bounded "tag with $n prefixed aliases" $NG tag --no-shipped --no-org-rules --dict prefix.ngd --format tsv --no-header prefix.txt > out 2> err || fail "tag: $(cat err)"
[ "$(cut -f6 out | tr '\n' ' ')" = "e77 e$((n - 1)) " ] || fail "prefix matches: $(cut -f3-6 out)"
rm -f prefix.tsv prefix.ngd

# one alias repeated 1M times in one article
n=$((1000000 / scale))
printf 'k\tLOC\tKyiv\tKiev\n' > k.tsv
python3 -c "import sys; sys.stdout.write('Kyiv ' * $n)" > rep.txt
bounded "tag one alias x$n" $NG tag --no-shipped --dict k.tsv --format tsv --no-header rep.txt > out 2> err || fail "repeat: $(cat err)"
[ "$(wc -l < out)" = "$n" ] || fail "repeat: $(wc -l < out) matches, expected $n"
rm -f rep.txt out

# an article with no spaces: 50 MB of letters, then one with an alias at each end
n=$((50 / scale))
head -c $((n * 1048576)) /dev/zero | tr '\0' 'a' > nospace.txt
# (a blow-up guard 100 times the usual 0.2 s: each chunk once looked for
# its context in all the text before it, 40 s here)
glimit=$limit; [ -z "${NG_SANITIZER:-}${VALGRIND:-}" ] && limit=30
bounded "tag ${n} MB without spaces" $NG tag --no-shipped --dict k.tsv --format tsv --no-header nospace.txt > out 2> err || fail "no spaces: $(cat err)"
[ -s out ] && fail "no spaces: unexpected matches $(head -c 200 out)"
# ... and with white space only at its start (each chunk once tokenised all before it)
{ printf 'Kyiv and '; cat nospace.txt; } > nospace2.txt
bounded "tag ${n} MB with one space" $NG tag --no-shipped --dict k.tsv --format tsv --no-header nospace2.txt > out 2> err || fail "one space: $(cat err)"
[ "$(cut -f3,4,6 out | tr '\t\n' '- ')" = "0-4-k " ] || fail "one space: $(head -c 200 out)"
limit=$glimit
rm -f nospace2.txt
{ printf 'Kyiv,'; head -c 1048576 /dev/zero | tr '\0' 'b'; printf ',Kiev'; } > token.txt
bounded "tag a 1 MB token" $NG tag --no-shipped --dict k.tsv --format tsv --no-header token.txt > out 2> err || fail "1 MB token: $(cat err)"
[ "$(cut -f3,4 out | tr '\t\n' '- ')" = "0-4 1048582-1048586 " ] || fail "1 MB token: $(cut -f3,4 out)"
rm -f nospace.txt token.txt out

# military units (rule U) and their quoted names all along, one article:
# 50k units with quoted names and 100k quoted names alone (ng_unit_links
# links them by a sorted table, not pair by pair), and a text of numbers
# only (the walk visits every one)
n=$((50000 / scale))
python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("units.txt", "w") as f:
    for i in range(n):
        f.write(f"Бійці {i % 900 + 1} ОМБр «Магура{i}» і «Магура{i}» та «Магура{(i * 7) % n}». ")
with open("numbers.txt", "w") as f:
    f.write(" ".join(str(i) for i in range(20 * n)))
PY
bounded "tag $n units and their names" $NG tag --no-shipped --format tsv --no-header units.txt > out 2> err || fail "units: $(cat err)"
[ "$(grep -c 'org:unit-' out)" = "$((3 * n))" ] || fail "units: $(grep -c 'org:unit-' out) unit spans, expected $((3 * n))"
bounded "tag $((20 * n)) numbers" $NG tag --no-shipped --format tsv --no-header numbers.txt > out 2> err || fail "numbers: $(cat err)"
[ ! -s out ] || fail "numbers: $(head -3 out)"
rm -f units.txt numbers.txt out

# a hub entity linked to 100k others: 1000 articles of 100 sentences "Hub met O<k>."
n=$((100000 / scale))
python3 - "$n" <<'PY'
import json, sys
n = int(sys.argv[1])
with open("hub.jsonl", "w") as f:
    for a in range(n // 100):
        text, ents = "", []
        for k in range(a * 100, a * 100 + 100):
            s = len(text.encode())
            o = f"O{k}"
            ents.append({"start": s, "end": s + 3, "id": "hub", "type": "ORG", "name": "Hub"})
            ents.append({"start": s + 8, "end": s + 8 + len(o), "id": f"o{k}", "type": "PER", "name": o})
            text += f"Hub met {o}. "
        f.write(json.dumps({"id": f"a{a}", "published": "2024-01-01", "text": text, "tagger": "newsgraph", "entities": ents}) + "\n")
PY
bounded "ingest a hub with $n neighbours" $NG ingest -q --db hub.db hub.jsonl 2> err || fail "hub ingest: $(cat err)"
$NG stats --db hub.db --json > s.json
[ "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["entities"], d["edges"])' < s.json)" = "$((n + 1)) $n" ] || fail "hub stats: $(cat s.json)"
bounded "neighbors of the hub" $NG neighbors --db hub.db hub --top 3 --json > nb.json || fail "hub neighbors"
[ "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["neighbors"]))' < nb.json)" = 3 ] || fail "hub neighbors: $(head -c 300 nb.json)"
bounded "top by degree" $NG top --db hub.db -n 1 --json > top.json || fail "hub top"
[ "$(python3 -c 'import json,sys; e=json.load(sys.stdin)["entities"][0]; print(e["id"], e["degree"])' < top.json)" = "hub $n" ] || fail "hub top: $(head -c 300 top.json)"
bounded "export the hub graph" $NG export --db hub.db --format graphml -o hub.graphml 2> err || fail "hub export: $(cat err)"
[ "$(grep -c '<edge ' hub.graphml)" = "$n" ] || fail "hub export edges: $(grep -c '<edge ' hub.graphml)"

# 5,000 people each named in full in one article and by an initial in
# another: entity duplicates lists 5,000 groups and --merge merges them in
# one batch (one correction at a time re-read and re-applied the whole log:
# hours for 20,000)
n=$((5000 / scale))
python3 - "$n" "$ROOT/dictionaries/names/given-en.txt" <<'PY'
import json, random, sys
n, names = int(sys.argv[1]), sys.argv[2]
g = [l.split("|")[0].strip() for l in open(names, encoding="utf-8") if l.strip() and not l.startswith("#")]
g = [x for x in g if x.isascii() and x.isalpha() and x[0].isupper()]
random.seed(7)
seen = set()
with open("dups.jsonl", "w") as f:
    for i in range(n):
        while True:
            s = "".join(random.choice("bdfgklmnprstvz") + random.choice("aeiou") for _ in range(4)).capitalize() + "son"
            if s not in seen: break
        seen.add(s)
        x = g[i % len(g)]
        f.write(json.dumps({"id": f"f{i}", "text": f"{x} {s} arrived in Leeds."}) + "\n")
        f.write(json.dumps({"id": f"h{i}", "text": f"{x[0]}. {s} left Leeds."}) + "\n")
PY
bounded "ingest $n full names and their initials" $NG ingest -q --db dups.db dups.jsonl 2> err || fail "dups ingest: $(cat err)"
bounded "entity duplicates of $n people" $NG entity duplicates --db dups.db --json > dups.json 2> err || fail "duplicates: $(cat err)"
groups=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])' < dups.json)
[ "$groups" -ge $((n * 9 / 10)) ] || fail "duplicates: $groups groups of $n people"
bounded "entity duplicates --merge of $groups" $NG entity duplicates --db dups.db --merge --min-shared 0 > out 2> err || fail "merge: $(cat err)"
grep -q "^$groups merges " out || fail "merges: $(tail -n 1 out), expected $groups"
echo "  entity duplicates: $groups groups of $n people, $(tail -n 1 out | cut -d" " -f1) merged" >&2
$NG stats --db dups.db --check > /dev/null 2> err || fail "dups after the merges: $(cat err)"

if [ "$failures" -ne 0 ]; then echo "pathological.sh: $failures failures"; exit 1; fi
echo "pathological.sh: ok"
