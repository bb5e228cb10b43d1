#!/bin/sh
# One long article where every person shares a surname: a surname alone
# resolves to the nearest full name before it (pick_person in
# tagger/names_doc.c), a surname in capitals too (after looking for an
# organisation by that acronym), a given name alone to the one person with
# it. Each walked every mention of the name seen in the article, so the
# article pass was quadratic (200k sentences: minutes); now a binary search
# and facts kept per name. Shipped dictionaries and given-name lists.
. "$(dirname "$0")/setup"
n=200000; [ -n "${VALGRIND:-}" ] && n=20000
limit=120; [ -n "${NG_SANITIZER:-}${VALGRIND:-}" ] && limit=600
python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("smith.txt", "w") as f:
    for i in range(n):
        g = "John" if i % 2 else "Anna"
        f.write(f"{g} Smith met Mary Jones on day {i}. Smith said no. SMITH and {g} left. ")
PY
timed_tag "$limit" "$n sentences of one surname" --format tsv smith.txt
# each surname alone (as written or in capitals) is the person named just
# before it (the sentence's own), each given name alone the one person with it
awk -F'\t' -v n="$n" '$8 == "Smith" || $8 == "SMITH" { k++; if ($6 != who) bad++ }
  $8 == "Anna" || $8 == "John" { g++; if ($6 != ($8 == "Anna" ? "per:ana-smith" : "per:john-smith")) bad++ }
  $8 == $7 && $8 ~ / Smith$/ { who = $6 }
  END { if (bad || k != 2 * n || g != n) { print k " surnames, " g " given names alone, " bad " wrong"; exit 1 } }' out > bad ||
  fail "names alone: $(cat bad): $(head -8 out)"
[ $failures = 0 ]
