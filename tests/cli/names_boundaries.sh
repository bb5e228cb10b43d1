#!/bin/sh
# Where a person's name starts and ends, with the shipped dictionaries and
# given-name lists (tagger/names_rules.c).
#
# 1. A capitalised particle starts a surname after a given name, initials or
# a title (surname_at): "Filip De Wilde", "Johan Van Der
# Merwe", "J. Van Moer", not "Filip De" with "Wilde" left over (the
# regression); a two-letter particle with no name after it is no surname
# ("Filip De ."; "Filip" there is the Filip De Wilde named before), a longer
# one may be ("Mangala Das"); --no-rules turns it off with the rules.
#
# 2. The title rule (try_rules): a capitalised word after
# a title, then a given name of the lists and a name, is the title's
# complement, not a surname: "Губернатор Приморья Александр Шемелев" is
# Александр Шемелев (it was "Приморья Александр", one person), "професор
# Політехніки Павло Сербин" is Павло Сербин; a title before a surname alone
# still names a person ("президент Зеленський", "President Clinton").
# Also Приморье / Примор'я, an alias of Primorsky Krai.
. "$(dirname "$0")/setup"
cd "$ROOT"
printf 'Filip De Wilde and Johan Van Der Merwe met J. Van Moer and Mangala Das ; then Filip De .\n' > "$T/p.txt"
run p tag --format tsv --no-header "$T/p.txt"
expect_rc p 0
checks=$((checks+1))
want="Filip De Wilde|Johan Van Der Merwe|J. Van Moer|Mangala Das|Filip|"
[ "$(cut -f8 "$T/p.out" | tr '\n' '|')" = "$want" ] || { echo "FAIL p: want $want"; cat "$T/p.out"; fail=1; }
run off tag --format tsv --no-header --no-rules "$T/p.txt"
expect_rc off 0
checks=$((checks+1))
! grep -q "De Wilde\|Van Der Merwe" "$T/off.out" || { echo "FAIL off"; cat "$T/off.out"; fail=1; }

printf 'Губернатор Приморья Александр Шемелев заявил. Вчера професор Політехніки Павло Сербин сказав. Потім президент Зеленський і President Clinton.\n' > "$T/t.txt"
run t tag --format tsv --no-header "$T/t.txt"
expect_rc t 0
checks=$((checks+1))
want="LOC Приморья|PER Александр Шемелев|PER Павло Сербин|PER Зеленський|PER Clinton|"
[ "$(cut -f5,8 "$T/t.out" | tr '\t\n' ' |')" = "$want" ] || { echo "FAIL t: want $want"; cat "$T/t.out"; fail=1; }
finish
