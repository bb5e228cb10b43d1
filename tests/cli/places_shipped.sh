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
# ids_are NAME "ID ID ... " [DROP]: tag $T/NAME.txt; the ids found, in order
# (without those matching the grep pattern DROP)
ids_are() {
  run "$1" tag --format tsv --no-header "$T/$1.txt"
  expect_rc "$1" 0
  checks=$((checks+1))
  [ "$(cut -f6 "$T/$1.out" | grep -v "${3:-^$}" | tr '\n' ' ')" = "$2" ] || { echo "FAIL $1"; cat "$T/$1.out"; fail=1; }
}
cat >"$T/found.txt" <<'EOF2'
Burma, Surinam, H.K. and N.Z. ; Punjab, the West Indies, Long Island and Flanders .
Переговори в Римі, човни на Нілі, вибори в Чаді.
Встреча в Риме, лодки на Ниле, выборы в Чаде.
EOF2
ids_are found "myanmar suriname hong-kong new-zealand punjab west-indies long-island be-vlaams-gewest rome nile chad rome nile chad "
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
# (GeoNames' Akron, Little Rock, Colchester, Fort Lauderdale)
ids_are towns "gn-5145476 us-ohio gn-4119403 gn-2652618 gn-4155966 "
# GeoNames' names as English-language news write them, without diacritics
# (Ghāziābād, Nova Iguaçu, Jyväskylä, São Luís); Surat is the curated place,
# GeoNames' Sūrat no second one; a name of four letters only from 100,000
# inhabitants (Arāk's Arak; not Makó's Mako: "MAKO Trading SA")
cat >"$T/plain.txt" <<'EOF2'
Floods hit Ghaziabad, Nova Iguacu, Rajkot and Surat; JYVASKYLA and Sao Luis. MAKO Trading SA left Arak.
EOF2
# (GeoNames' Ghāziābād, Nova Iguaçu, Rājkot; the curated Surat; Jyväskylä,
# São Luís, Arāk)
ids_are plain "gn-1271308 gn-3456160 gn-1258847 surat gn-655194 gn-3388368 gn-143127 "
# the Dnipro: the river on its bank, after "the", crossing it; the city
# otherwise; "у Нью-Йорку" the city (priority), not the state; "Мости"
# (bridges) is no case form of Malta's Mosta, "Штат" none of "Штати"
cat >"$T/river.txt" <<'EOF2'
Shelling across the Dnipro hit Dnipro. Обстріл з лівого берега Дніпра, удар по Дніпру, форсували Дніпро. На берегу Днепра, в Днепре. Зустріч у Нью-Йорку. Мости через річку. Штат Техас.
EOF2
ids_are river "dnipro-river dnipro-city dnipro-river dnipro-city dnipro-river dnipro-river dnipro-city new-york-city us-texas "
# Gaza (Газа) capitalised only: "поставки газа", "по газу" are gas
cat >"$T/gas.txt" <<'EOF2'
Поставки газа выросли, цены на газу. Удары по Газе. Глава Минфина выступил.
EOF2
ids_are gas "gaza-strip ministry-of-finance-of-russia "
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
ids_are neuter "rivne kamianske rubizhne snizhne rivne rivne "
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
ids_are readback "gn-688846 gn-699956 gn-700551 skolkovo us-capitol us-capitol vladimir-lenin "
# towns whose name is also a rare lower-case word (боярка, пологи,
# петриківка: curated, places.tsv); a town that is also a surname is left
# to the person (Микола Корець)
cat >"$T/rare.txt" <<'EOF2'
Вибухи в Боярці та Пологах, у Сквирі й Петриківці. Взрывы в Боярке, в Петриковке. Сказав Микола Корець.
EOF2
ids_are rare "boiarka polohy skvyra petrykivka boiarka petrykivka " '^per:'
# three-letter names the inflection leaves alone, their case forms listed
# (Уфа, Юта, Чоп, Сож)
cat >"$T/three.txt" <<'EOF2'
Вибух в Уфі, з Уфи. Взрыв в Уфе. У штаті Юта, в Юті. В Юте. Кордон у Чопі, з Чопа. На Сожі.
EOF2
ids_are three "ufa ufa ufa us-utah us-utah us-utah chop chop sozh-river "
# New Ireland, New Britain, New England: the whole name, not Ireland,
# Britain, England (Нова Ірландія, на Новій Ірландії); the Latin names as
# written ("a new England" is England)
cat >"$T/new.txt" <<'EOF2'
Острів Нова Ірландія, на Новій Ірландії. У Новій Англії. Остров Новая Британия. Дублін, Ірландія. A new England.
EOF2
ids_are new "new-ireland new-ireland new-england new-britain dublin ireland england "
finish
