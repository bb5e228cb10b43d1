#!/bin/sh
# dictionaries/organizations-world.tsv through the binary with the shipped
# dictionaries: well-known companies, banks, clubs found in English,
# Ukrainian and Russian text (inflected forms too), and names that are also
# common words (apple, total, target, orange, shell, vale, arsenal, тема,
# шкода, система, мегафон, шахтёр) not tagged when written as common words.
. "$(dirname "$0")/setup"
cd "$ROOT"
# ids_are NAME "ID ID ... ": tag $T/NAME.txt; the ids found, in order
ids_are() {
  run "$1" tag --format tsv --no-header "$T/$1.txt"
  expect_rc "$1" 0
  checks=$((checks+1))
  [ "$(cut -f6 "$T/$1.out" | tr '\n' ' ')" = "$2" ] || { echo "FAIL $1"; cat "$T/$1.out"; fail=1; }
}
cat >"$T/found.txt" <<'EOF2'
Shares of Deutsche Bank and Hyundai rose after Man Utd beat Juventus; Lufthansa and Ryanair cut flights.
Акції Дойче Банку впали, а «Ювентус» обіграв «Баварію Мюнхен»; Укргазбанку та Майкрософту відмовили.
Игрок «Шахтёра» перешёл в «Зенит», а акции Северстали и Майкрософта выросли.
EOF2
run found tag --format tsv --no-header "$T/found.txt"
expect_rc found 0
cut -f5-8 "$T/found.out" >"$T/found.cut"
for want in 'ORG	deutsche-bank	Deutsche Bank	Deutsche Bank' 'ORG	hyundai	Hyundai	Hyundai' \
    'ORG	manchester-united	Manchester United	Man Utd' 'ORG	juventus	Juventus	Juventus' \
    'ORG	lufthansa	Lufthansa	Lufthansa' 'ORG	ryanair	Ryanair	Ryanair' \
    'ORG	deutsche-bank	Deutsche Bank	Дойче Банку' 'ORG	juventus	Juventus	Ювентус' \
    'ORG	bayern-munich	Bayern Munich	Баварію Мюнхен' 'ORG	ukrgasbank	Ukrgasbank	Укргазбанку' \
    'ORG	microsoft	Microsoft	Майкрософту' 'ORG	shakhtar-donetsk	Shakhtar Donetsk	Шахтёра' \
    'ORG	zenit-saint-petersburg	Zenit Saint Petersburg	Зенит' 'ORG	severstal	Severstal	Северстали' \
    'ORG	microsoft	Microsoft	Майкрософта'; do
  checks=$((checks+1))
  grep -qxF "$want" "$T/found.cut" || { echo "FAIL found: no line '$want'"; cat "$T/found.out"; fail=1; }
done
checks=$((checks+1))
[ "$(wc -l < "$T/found.out")" -eq 15 ] || { echo "FAIL found: $(wc -l < "$T/found.out") entities, expected 15"; cat "$T/found.out"; fail=1; }

# The same words as common words: nothing is tagged.
cat >"$T/common.txt" <<'EOF2'
Total revenue rose; an amazon delivery; the moon, the earth and mars bars. She ate an apple, and the total was five. The target is an orange shell near the vale; a celtic harp, an arsenal of excuses, spurs and rangers.
Ми обговорили цю тему на перекрестку; шкода, що система і мегафон зламалися, а шахтёр спустился в шахту.
(regression: names that are lower-case English words matched them) He bled; a ruse; a pest; a grad student; the anchorage; cleverly done; don the hat; a mecca for tourists; cologne; meta data; an amnesty; a perm; the chevron; by fiat; a nuclear holocaust; a trump card; five pence; musk and a tusk.
EOF2
run common tag --format tsv --no-header "$T/common.txt"
expect_rc common 0
expect_out common </dev/null

# Coffee and a shop written in lower case, mines (шахти, not the city
# Шахти): no name; a girl's name in the dative is she (Соні, not Sony); Russian state bodies by their short
# names are (Росприроднадзора, Минсельхоза, Минэкономразвития).
cat >"$T/words.txt" <<'EOF2'
Вода для еспресо-машини з сільпо; подарунок для Соні; голуби та шахти.
Сотрудники Росприроднадзора и Минсельхоза встретились с Минэкономразвития.
EOF2
run words tag --format tsv --no-header "$T/words.txt"
expect_rc words 0
checks=$((checks+1))
[ "$(cut -f5,6,8 "$T/words.out" | sed 's/per:sonia~[0-9a-f]*/per:sonia/' | tr '\n' ' ')" = "PER	per:sonia	Соні ORG	rosprirodnadzor	Росприроднадзора ORG	ministry-of-agriculture-of-russia	Минсельхоза ORG	ministry-of-economic-development-of-russia	Минэкономразвития " ] ||
  { echo "FAIL words"; cat "$T/words.out"; fail=1; }

# Written as names (capitals, longer forms), the same organisations are found.
cat >"$T/names.txt" <<'EOF2'
Apple Inc. and Royal Dutch Shell reported; Arsenal beat Celtic FC.
EOF2
ids_are names "apple shell arsenal-fc celtic-fc "

# armed groups and parties by their acronyms, in capitals only (the KDP and the
# PUK; "eta" and "ira" as words are not them)
cat >"$T/groups.txt" <<'EOF2'
The PUK and the KDP clashed; the PKK and ETA were named. Their eta and ira.
The Organisation for Security and Cooperation in Europe met; Paris St Germain won.
EOF2
ids_are groups "patriotic-union-of-kurdistan kurdistan-democratic-party kurdistan-workers-party eta-basque osce paris-saint-germain "

# МКС: the International Space Station (a place, as the Russian news corpus
# annotates it), unless the article names the International Criminal Court
# (МКС in Ukrainian too): one article per file
printf 'Экипаж МКС вернулся на Землю.\n' >"$T/iss.txt"
ids_are iss "international-space-station earth "
printf 'Міжнародний кримінальний суд видав ордер. МКС наполягає.\n' >"$T/icc.txt"
ids_are icc "international-criminal-court international-criminal-court "

# sports teams: a baseball club's nickname alone only as written (yankees,
# orioles are words), a rugby side by its nickname, F1 constructors; the
# nicknames that are words or other bodies alone are none (Tigers, Rangers)
cat >"$T/teams.txt" <<'EOF2'
The Yankees beat the Orioles; the All Blacks and Sauber. Yankees hats, orioles sing, Tigers roar.
EOF2
ids_are teams "new-york-yankees baltimore-orioles new-zealand-national-rugby-union-team sauber new-york-yankees "

# Ukraine's forces and military intelligence by their bare uk names (the
# way Ukrainian news writes them): "Повітряних сил" is the air force, not a
# surname after "Речник"; "Сухопутних військ" the ground forces
cat >"$T/forces.txt" <<'EOF2'
Речник Повітряних сил Юрій Ігнат і речник Сухопутних військ ЗСУ. Представник Головного управління розвідки Андрій Юсов. Командувач Військово-Морських сил.
Сили оборони України відбили атаку, повідомив ЦПД.
EOF2
ids_are forces "ukrainian-air-force yurii-ihnat ukrainian-ground-forces gur andriy-yusov ukrainian-navy defence-forces-of-ukraine centre-for-countering-disinformation "

# a result in prose without a sports slug: the city is its club, the one
# the dictionary names Liverpool FC (one node with "Liverpool FC")
printf 'Manchester United beat Liverpool 2-1 at Old Trafford. Liverpool FC fans left.\n' >"$T/prose.txt"
ids_are prose "manchester-united liverpool-fc old-trafford liverpool-fc "

# rule B with the shipped bodies: a bare Ukrainian body before another
# country is that country's (its English name with "of the" too: Ministry
# of Defence of the United Kingdom), not one the rule names
printf 'Міноборони Британії заявило. Минобороны США сообщило. МЗС Німеччини відповіло.\n' >"$T/bodies.txt"
ids_are bodies "ministry-of-defence-uk pentagon german-foreign-office "
finish
