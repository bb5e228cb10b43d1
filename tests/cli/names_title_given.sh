#!/bin/sh
# The title rule (tagger/names_rules.c try_rules): a capitalised word after
# a title, then a given name of the lists and a name, is the title's
# complement, not a surname: "Губернатор Приморья Александр Шемелев" is
# Александр Шемелев (it was "Приморья Александр", one person), "професор
# Політехніки Павло Сербин" is Павло Сербин; a title before a surname alone
# still names a person ("президент Зеленський", "President Clinton").
# Also Приморье / Примор'я, an alias of Primorsky Krai. With the shipped
# dictionaries and given-name lists.
. "$(dirname "$0")/setup"
cd "$ROOT"
printf 'Губернатор Приморья Александр Шемелев заявил. Вчера професор Політехніки Павло Сербин сказав. Потім президент Зеленський і President Clinton.\n' > "$T/t.txt"
run t tag --format tsv --no-header "$T/t.txt"
expect_rc t 0
checks=$((checks+1))
want="LOC Приморья|PER Александр Шемелев|PER Павло Сербин|PER Зеленський|PER Clinton|"
[ "$(cut -f5,8 "$T/t.out" | tr '\t\n' ' |')" = "$want" ] || { echo "FAIL t: want $want"; cat "$T/t.out"; fail=1; }
finish
