#!/bin/sh
# One long article (chunks of 1 MB, the most a chunk holds) dense with
# organisations: a dictionary place + an organisation word ("Paris Bank"),
# and an organisation rule with its acronym defined in parentheses
# ("Zorblax Widget Corporation (ZWC)"). The organisation rules looked for
# the dictionary span at a word by walking the chunk's spans from its first
# (ngn_covering_at, cuts_span, org_ending_at in tagger/names_*.c), so a
# chunk cost the square of its spans: 4 MB of "Paris Bank." took 36 s; now
# a bisection (spans in order without --all) and an index of the
# organisations by end. Shipped dictionaries.
. "$(dirname "$0")/setup"
n=360000; [ -n "${VALGRIND:-}" ] && n=36000
limit=20; [ -n "${NG_SANITIZER:-}${VALGRIND:-}" ] && limit=600
python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("banks.txt", "w") as f:
    for i in range(n):
        f.write("Paris Bank. " if i % 4 else "The Zorblax Widget Corporation (ZWC) met. ")
PY
timed_tag "$limit" "$n organisations in one article" --no-user --format tsv banks.txt
# every organisation found (but where a chunk was cut: with no safe place
# to cut, the text is cut at a space, and a name there may be cut in two,
# one per MB at most), and every acronym resolved to its definition
size=$(wc -c < banks.txt)
awk -F'\t' -v n="$n" -v cuts=$((size / 1048576 + 1)) 'NR > 1 && $8 == "Paris Bank" { p++; if ($5 != "ORG" || $6 != "org:paris-bank") bad++ }
  NR > 1 && $8 == "Zorblax Widget Corporation" { z++; if ($5 != "ORG") bad++; id = $6 }
  NR > 1 && $8 == "ZWC" { a++; if ($6 != id) bad++ }
  END { q = int((n + 3) / 4); lost = (n - q - p) + (q - z)
        if (bad || lost < 0 || lost > cuts || a != q) { print p " banks, " z " corporations, " a " acronyms, " bad " wrong"; exit 1 } }' out > bad ||
  fail "organisations: $(cat bad): $(head -5 out)"
[ $failures = 0 ]
