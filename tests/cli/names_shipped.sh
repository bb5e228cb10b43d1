#!/bin/sh
# The person-name rules and the context rules with the shipped dictionaries
# and given-name lists, through the binary (tagger/NAMES.md):
#  1. the README's example: "Atlanta, Georgia" is the US state;
#  2. one person, one id: Ukrainian, Russian and English spellings, any case;
#  3. a surname alone after the title rule;
#  4. surname first (uk): one person, the surname alone later names it.
. "$(dirname "$0")/setup"
cd "$ROOT"
run georgia tag --format tsv --no-header <<'EOF2'
Voters in Atlanta, Georgia, went to the polls.
EOF2
expect_rc georgia 0
checks=$((checks+1))
cut -f5,6 "$T/georgia.out" | grep -qx 'LOC	us-georgia' || { echo "FAIL georgia: $(cat "$T/georgia.out")"; fail=1; }

run ids tag --format tsv --no-header <<'EOF2'
Заява Сергія Реброва пролунала. Вчера Сергей Ребров сказал. Yesterday Serhiy Rebrov said.
Вчора Олександр Перцовський сказав. Вчера Александр Перцовский сказал. Oleksandr Pertsovskyi said.
EOF2
expect_rc ids 0
checks=$((checks+1))
n=$(cut -f6 "$T/ids.out" | sort -u | wc -l)
[ "$n" -eq 2 ] && [ "$(wc -l < "$T/ids.out")" -eq 6 ] || { echo "FAIL ids: $n ids"; cat "$T/ids.out"; fail=1; }
checks=$((checks+1))
grep -q '	Сергій Ребров	Сергія Реброва$' "$T/ids.out" || { echo "FAIL ids: nominative name"; cat "$T/ids.out"; fail=1; }

run coach tag --format tsv --no-header <<'EOF2'
Coach Tjorvald Brandvoll arrived. Brandvoll said no.
EOF2
checks=$((checks+1))
[ "$(cut -f6 "$T/coach.out" | sort -u | wc -l)" -eq 1 ] && [ "$(wc -l < "$T/coach.out")" -eq 2 ] ||
  { echo "FAIL coach"; cat "$T/coach.out"; fail=1; }

run surfirst tag --format tsv --no-header <<'EOF2'
Шевчук Олександр заявив, що Шевчук згоден.
EOF2
checks=$((checks+1))
[ "$(wc -l < "$T/surfirst.out")" -eq 2 ] && [ "$(cut -f6 "$T/surfirst.out" | sort -u)" = per:oleksandr-shevchuk ] &&
  grep -q '	Шевчук Олександр$' "$T/surfirst.out" || { echo "FAIL surfirst"; cat "$T/surfirst.out"; fail=1; }
finish
