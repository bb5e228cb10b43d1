#!/bin/sh
# The person-name rules and the context rules with the shipped dictionaries
# and given-name lists, through the binary (tagger/NAMES.md):
#  1. the README's example: "Atlanta, Georgia" is the US state;
#  2. one person, one id: Ukrainian, Russian and English spellings, any case;
#  3. a surname alone after the title rule;
#  4. surname first (uk): one person, the surname alone later names it;
#  5. --names.
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
# 5. --names: the given-name lists without the shipped dictionaries (or a
#    list of one's own); --no-shipped alone has none; a missing list is an error
printf 'Вчора Олександр Петренко прийшов. Yesterday Michael Smithson said.\n' > "$T/nm.txt"
run nm0 tag --no-shipped --format tsv --no-header "$T/nm.txt"
expect_out nm0 </dev/null
run nm1 tag --no-shipped --names dictionaries/names --format tsv --no-header "$T/nm.txt"
checks=$((checks+1))
[ "$(cut -f6 "$T/nm1.out" | tr '\n' ' ')" = "per:oleksandr-petrenk per:michael-smithson " ] || { echo "FAIL --names dir"; cat "$T/nm1.out"; fail=1; }
run nm2 tag --no-shipped --names dictionaries/names/given-en.txt --format tsv --no-header "$T/nm.txt"
checks=$((checks+1))
[ "$(cut -f6 "$T/nm2.out")" = "per:michael-smithson" ] || { echo "FAIL --names file"; cat "$T/nm2.out"; fail=1; }
run nm3 tag --names "$T/nope" "$T/nm.txt"
expect_rc nm3 2
checks=$((checks+1))
grep -q "nope: cannot open given-name list" "$T/nm3.err" || { echo "FAIL --names missing: $(cat "$T/nm3.err")"; fail=1; }
finish
