#!/bin/sh
# Names the rules read wrong (tagger/NAMES.md), with the shipped
# dictionaries and given-name lists:
#  1. a quoted case form of a one-word dictionary organisation that the
#     dictionary does not decline (=Батьківщина; =Медуза, =Дождь) is that
#     organisation (it was org:batkivshch of the quoted-name rule, and
#     nothing in Russian text);
#  2. after a title, such a form is that organisation, not a surname
#     ("Депутати Батьківщини" was per:batkivshch);
#  3. a hyphenated place written with a space is the dictionary's place
#     ("Коста Рика" was the given name alone Рика);
#  4. an English common noun after a title is no surname ("Miss Universe",
#     "Miss Teen USA", "General Consumer Price Index" were persons; "Miss
#     Smith" still is one), and a contest's organisation keeps the title
#     ("Miss Universe Inc." was "Universe Inc.");
#  5. a Russian noun in -ение / -ание / -тие first in its sentence is no
#     adjective of an organisation's name ("Решение Конституционного суда"
#     was one organisation).
. "$(dirname "$0")/setup"
cd "$ROOT"
# tsv columns: 5 type, 6 id, 8 text; "type:id:text" per span
spans() { cut -f5,6,8 "$T/$1.out" | awk -F'\t' '{ printf "%s:%s:%s|", $1, $2, $3 }'; }

run quoted tag --format tsv --no-header <<'EOF2'
Депутати «Батьківщини» проголосували, а фракція «Батьківщини» утрималася.
У «Батьківщині» заявили, що обидва від «Батьківщини».
Журналисты «Медузы» и эфир телеканала «Дождя» прервали.
EOF2
expect_rc quoted 0
checks=$((checks+1))
want='ORG:batkivshchyna:Батьківщини|ORG:batkivshchyna:Батьківщини|ORG:batkivshchyna:Батьківщині|ORG:batkivshchyna:Батьківщини|ORG:meduza:Медузы|ORG:tv-rain:Дождя|'
[ "$(spans quoted)" = "$want" ] || { echo "FAIL quoted: $(spans quoted)"; fail=1; }

run title tag --format tsv --no-header <<'EOF2'
Депутати Батьківщини проголосували проти. Вчора лідер Батьківщини виступила.
EOF2
checks=$((checks+1))
want='ORG:batkivshchyna:Батьківщини|ORG:batkivshchyna:Батьківщини|'
[ "$(spans title)" = "$want" ] || { echo "FAIL title: $(spans title)"; fail=1; }

run spaced tag --format tsv --no-header <<'EOF2'
Он поехал в Коста Рику. Коста Рика победила. Я їду до Коста Рики.
EOF2
checks=$((checks+1))
want='LOC:costa-rica:Коста Рику|LOC:costa-rica:Коста Рика|LOC:costa-rica:Коста Рики|'
[ "$(spans spaced)" = "$want" ] || { echo "FAIL spaced: $(spans spaced)"; fail=1; }

run miss tag --format tsv --no-header <<'EOF2'
Miss Universe was crowned on Sunday. Miss Smith said hello to Miss World .
She attended the Miss Teen pageant , said Miss Universe Inc. on Monday .
The General Consumer Price Index rose .
EOF2
checks=$((checks+1))
want='PER:per:smith:Smith|ORG:org:mis-universe:Miss Universe Inc.|'
[ "$(spans miss)" = "$want" ] || { echo "FAIL miss: $(spans miss)"; fail=1; }

run nouns tag --format tsv --no-header <<'EOF2'
Решение Конституционного суда вступило в силу. Заявление Конституционного суда опубликовано.
Постановление Арбитражного суда отменено. Открытие Киевского университета состоялось.
EOF2
checks=$((checks+1))
want='ORG:org:konstitutsion-sud:Конституционного суда|ORG:org:konstitutsion-sud:Конституционного суда|ORG:org:arbitrazhn-sud:Арбитражного суда|ORG:org:kievsk-universitet:Киевского университета|'
[ "$(spans nouns)" = "$want" ] || { echo "FAIL nouns: $(spans nouns)"; fail=1; }
finish
