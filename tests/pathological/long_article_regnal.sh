#!/bin/sh
# One long article dense with rulers and their regnal numbers ("Казимир
# III", "Катерина II"): rule R2 (tagger/names_doc.c, regnal_numbers) looked
# at every span of the article for every number, to see that the number
# runs into no other span, so an article cost the square of its spans: 13 MB
# took 42 s, the 8 MB here more than the limit; now an index of the spans
# by start and a bisection (1 s). Shipped dictionaries and given names.
. "$(dirname "$0")/setup"
n=320000; [ -n "${VALGRIND:-}" ] && n=32000
limit=20; [ -n "${NG_SANITIZER:-}${VALGRIND:-}" ] && limit=600
python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("rulers.txt", "w") as f:
    for i in range(n):
        f.write("Король Казимир III прибув. " if i % 2 else "Катерина II сказала. ")
PY
timed_tag "$limit" "$n regnal numbers in one article" --no-user --format tsv rulers.txt
# every ruler with the number (but where a chunk was cut, one per MB at most)
size=$(wc -c < rulers.txt)
awk -F'\t' -v n="$n" -v cuts=$((size / 1048576 + 1)) 'NR > 1 && $8 == "Казимир III" { k++ }
  NR > 1 && $8 == "Катерина II" { c++ }
  END { lost = n - k - c; if (lost < 0 || lost > 2 * cuts || k < n / 2 - cuts || c < n / 2 - cuts) { print k " Казимир III, " c " Катерина II of " n; exit 1 } }' out > bad ||
  fail "rulers: $(cat bad): $(head -5 out)"
[ $failures = 0 ]
