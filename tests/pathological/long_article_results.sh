#!/bin/sh
# One long article of results lines ("Zorbton 12 Quaxley 7"): rule T
# (tagger/names_doc.c) adds a team for each side, and asked for each whether
# a span already touches it by looking at every span added after the sorted
# ones, so an article cost the square of its teams: 1 MB took 2.2 s, the
# 8 MB here far more than the limit; now those spans are kept as the bytes
# they cover. Shipped dictionaries, made-up team names.
. "$(dirname "$0")/setup"
n=400000; [ -n "${VALGRIND:-}" ] && n=40000
limit=20; [ -n "${NG_SANITIZER:-}${VALGRIND:-}" ] && limit=600
python3 - "$n" <<'PY'
import random, sys
n = int(sys.argv[1])
random.seed(11)
teams = ["Zorbton", "Quaxley", "Brimford", "Tollwick", "Vantmoor", "Glenrisk"]
with open("results.txt", "w") as f:
    for i in range(n):
        a, b = random.sample(teams, 2)
        f.write(f"{a} {random.randint(0, 60)} {b} {random.randint(0, 60)}\n")
PY
timed_tag "$limit" "$n results lines in one article" --no-user --format tsv results.txt
# both teams of every line, as organisations (but where a chunk was cut,
# one per MB at most)
size=$(wc -c < results.txt)
awk -F'\t' -v n="$n" -v cuts=$((size / 1048576 + 1)) 'NR > 1 && $5 == "ORG" { t++ } NR > 1 && $5 != "ORG" { bad++ }
  END { if (bad || t > 2 * n || t < 2 * n - 2 * cuts) { print t " teams for " n " lines, " bad " not organisations"; exit 1 } }' out > bad ||
  fail "teams: $(cat bad): $(head -5 out)"
[ $failures = 0 ]
