#!/bin/sh
# Shipped places through the binary with the shipped dictionaries: regions
# and short forms English-language news use (Burma, Surinam, H.K., N.Z.,
# Punjab, West Indies, Long Island, Flanders), the case forms of
# three-letter names the inflection leaves alone (Рим, Ніл, Чад: Римі,
# Риме, Нілі, Чаді), and what must stay untagged: NZ and HK alone (Business
# NZ is an organisation), Wimbledon (the tournament), and the oblique forms
# of a three-letter place that are words (Ваша, Кума, Печі) or a surname
# (Іванова: Іваново does not decline, inflect=no); the case forms
# of a neuter adjective that names a place (у Рівному), not where they are
# an adjective before its noun (Луганського заповідника, у Південному
# мікрорайоні).
. "$(dirname "$0")/setup"
cd "$ROOT"
cat >"$T/found.txt" <<'EOF2'
Burma, Surinam, H.K. and N.Z. ; Punjab, the West Indies, Long Island and Flanders .
Переговори в Римі, човни на Нілі, вибори в Чаді.
Встреча в Риме, лодки на Ниле, выборы в Чаде.
EOF2
run found tag --format tsv --no-header "$T/found.txt"
expect_rc found 0
checks=$((checks+1))
want="myanmar suriname hong-kong new-zealand punjab west-indies long-island be-vlaams-gewest rome nile chad rome nile chad "
[ "$(cut -f6 "$T/found.out" | tr '\n' ' ')" = "$want" ] || { echo "FAIL found"; cat "$T/found.out"; fail=1; }
cat >"$T/none.txt" <<'EOF2'
Business NZ and HK traders met at Wimbledon .
Ваша думка. Кума прийшла. Печі гріли. Слова Іванова підтвердили.
EOF2
run none tag --format tsv --no-header "$T/none.txt"
expect_rc none 0
checks=$((checks+1))
[ ! -s "$T/none.out" ] || { echo "FAIL none: tagged"; cat "$T/none.out"; fail=1; }
# towns of English-speaking countries of 100,000 to 250,000 inhabitants
# (GeoNames; Akron, Little Rock, Colchester, Fort Lauderdale), a dateline's
# in capitals too
cat >"$T/towns.txt" <<'EOF2'
AKRON , Ohio 1996-08-22
The plant near Little Rock and the mill in Colchester closed; Fort Lauderdale police said.
EOF2
run towns tag --format tsv --no-header "$T/towns.txt"
expect_rc towns 0
checks=$((checks+1))
want="LOC:Akron LOC:Ohio LOC:Little Rock LOC:Colchester LOC:Fort Lauderdale "
[ "$(cut -f5,7 "$T/towns.out" | tr '\t' ':' | tr '\n' ' ')" = "$want" ] || { echo "FAIL towns"; cat "$T/towns.out"; fail=1; }
# GeoNames' names as English-language news write them, without diacritics
# (Ghāziābād, Nova Iguaçu, Jyväskylä, São Luís); Surat is the curated place,
# GeoNames' Sūrat no second one; a name of four letters only from 100,000
# inhabitants (Arāk's Arak; not Makó's Mako: "MAKO Trading SA")
cat >"$T/plain.txt" <<'EOF2'
Floods hit Ghaziabad, Nova Iguacu, Rajkot and Surat; JYVASKYLA and Sao Luis. MAKO Trading SA left Arak.
EOF2
run plain tag --format tsv --no-header "$T/plain.txt"
expect_rc plain 0
checks=$((checks+1))
want="Ghāziābād Nova Iguaçu Rājkot surat Jyväskylä São Luís Arāk "
[ "$(awk -F'\t' '{ print ($6 ~ /^gn-/ ? $7 : $6) }' "$T/plain.out" | tr '\n' ' ')" = "$want" ] || { echo "FAIL plain"; cat "$T/plain.out"; fail=1; }
# the Dnipro: the river on its bank, after "the", crossing it; the city
# otherwise; "у Нью-Йорку" the city (priority), not the state; "Мости"
# (bridges) is no case form of Malta's Mosta, "Штат" none of "Штати"
cat >"$T/river.txt" <<'EOF2'
Shelling across the Dnipro hit Dnipro. Обстріл з лівого берега Дніпра, удар по Дніпру, форсували Дніпро. На берегу Днепра, в Днепре. Зустріч у Нью-Йорку. Мости через річку. Штат Техас.
EOF2
run river tag --format tsv --no-header "$T/river.txt"
expect_rc river 0
checks=$((checks+1))
want="dnipro-river dnipro-city dnipro-river dnipro-city dnipro-river dnipro-river dnipro-city new-york-city us-texas "
[ "$(cut -f6 "$T/river.out" | tr '\n' ' ')" = "$want" ] || { echo "FAIL river"; cat "$T/river.out"; fail=1; }
# Gaza (Газа) capitalised only: "поставки газа", "по газу" are gas
cat >"$T/gas.txt" <<'EOF2'
Поставки газа выросли, цены на газу. Удары по Газе. Глава Минфина выступил.
EOF2
run gas tag --format tsv --no-header "$T/gas.txt"
expect_rc gas 0
checks=$((checks+1))
[ "$(cut -f6 "$T/gas.out" | tr '\n' ' ')" = "gaza-strip ministry-of-finance-of-russia " ] || { echo "FAIL gas"; cat "$T/gas.out"; fail=1; }
# a neuter adjective that names a place declines as one (Рівне: у
# Рівному, з Рівного); its forms that stand before a noun they agree with
# are the adjective (Луганського заповідника: not the village Луганське;
# Південного вокзалу, у Південному мікрорайоні: not Південне); before a
# verb or a function word they are the place
cat >"$T/neuter.txt" <<'EOF2'
Вчора у Рівному відбулася акція, мешканці Кам'янського вийшли з Рубіжного до Сніжного.
Працівники відділення Луганського заповідника і Південного вокзалу. Перевірка Луганським облтервідділенням.
Новий будинок у Південному мікрорайоні. У Рівному у вівторок, з Рівного прибула колона.
EOF2
run neuter tag --format tsv --no-header "$T/neuter.txt"
expect_rc neuter 0
checks=$((checks+1))
[ "$(cut -f6 "$T/neuter.out" | tr '\n' ' ')" = "rivne kamianske rubizhne snizhne rivne rivne " ] || { echo "FAIL neuter"; cat "$T/neuter.out"; fail=1; }
# Ukrainian places that hunspell has no word for: their GeoNames name read
# back into Cyrillic (tools/dictgen/gen_places_geonames.py): Врадіївка,
# Нижня Кринка (Ukrainian), Щёлкино (Russian, the Crimea); not the read-back
# names that are words or a surname's genitive (Глибока, Доброе, Зелёное,
# Леніна: Lenin), nor a Russian ending on a Ukrainian adjective (Червоное: its
# "Червоного" is the Ukrainian adjective's)
cat >"$T/readback.txt" <<'EOF2'
Мітинг у Врадіївці, колона з Нижньої Кринки, новини з Щёлкино. Форум в Сколково. Біля Капітолію, у Капитолия.
Доброго ранку! Глибока рана. Шкода Леніна. Зелёное платье. Колір Червоного прапора.
EOF2
run readback tag --format tsv --no-header "$T/readback.txt"
expect_rc readback 0
checks=$((checks+1))
[ "$(cut -f6 "$T/readback.out" | tr '\n' ' ')" = "gn-688846 gn-699956 gn-700551 skolkovo us-capitol us-capitol vladimir-lenin " ] || { echo "FAIL readback"; cat "$T/readback.out"; fail=1; }
# towns whose name is also a rare lower-case word (боярка, пологи,
# петриківка: curated, places.tsv); a town that is also a surname is left
# to the person (Микола Корець)
cat >"$T/rare.txt" <<'EOF2'
Вибухи в Боярці та Пологах, у Сквирі й Петриківці. Взрывы в Боярке, в Петриковке. Сказав Микола Корець.
EOF2
run rare tag --format tsv --no-header "$T/rare.txt"
expect_rc rare 0
checks=$((checks+1))
[ "$(cut -f6 "$T/rare.out" | grep -v '^per:' | tr '\n' ' ')" = "boiarka polohy skvyra petrykivka boiarka petrykivka " ] || { echo "FAIL rare"; cat "$T/rare.out"; fail=1; }
# three-letter names the inflection leaves alone, their case forms listed
# (Уфа, Юта, Чоп, Сож)
cat >"$T/three.txt" <<'EOF2'
Вибух в Уфі, з Уфи. Взрыв в Уфе. У штаті Юта, в Юті. В Юте. Кордон у Чопі, з Чопа. На Сожі.
EOF2
run three tag --format tsv --no-header "$T/three.txt"
expect_rc three 0
checks=$((checks+1))
[ "$(cut -f6 "$T/three.out" | tr '\n' ' ')" = "ufa ufa ufa us-utah us-utah us-utah chop chop sozh-river " ] || { echo "FAIL three"; cat "$T/three.out"; fail=1; }
# New Ireland, New Britain, New England: the whole name, not Ireland,
# Britain, England (Нова Ірландія, на Новій Ірландії); the Latin names as
# written ("a new England" is England)
cat >"$T/new.txt" <<'EOF2'
Острів Нова Ірландія, на Новій Ірландії. У Новій Англії. Остров Новая Британия. Дублін, Ірландія. A new England.
EOF2
run new tag --format tsv --no-header "$T/new.txt"
expect_rc new 0
checks=$((checks+1))
[ "$(cut -f6 "$T/new.out" | tr '\n' ' ')" = "new-ireland new-ireland new-england new-britain dublin ireland england " ] || { echo "FAIL new"; cat "$T/new.out"; fail=1; }
finish
