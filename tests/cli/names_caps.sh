#!/bin/sh
# Person names in real news layout (NAMES.md "A full name again"): a
# name in a headline's capitals, a name again without the title that
# made it.
. "$(dirname "$0")/setup"
cd "$T"
NAMES="$(dirname "$NG")/names.ngn"
tag() { run "$1" tag --no-shipped --names "$NAMES" --dict "$ROOT/tests/cases/dicts/world.tsv" --format tsv "$2"; }

# A full name of the article again, as two words no rule takes: in a
# headline's capitals (the surname alone was tagged: TELLER, ШЕВЧУК) or
# without the title that made the person ("Wilbo" is in no given-name
# list: the second mention was untagged), en / uk / ru.
printf 'ENGLAND CAPTAIN WILBO TELLER OUT\nThe England captain Wilbo Teller was injured. Later Wilbo Teller left.\n' > en.txt
tag en en.txt
expect_out en <<'OUT'
article	field	start	end	type	id	name	text
en.txt	text	16	28	PER	per:wilb-teler	Wilbo Teller	WILBO TELLER
en.txt	text	53	65	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
en.txt	text	85	97	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
OUT
printf 'ОЛЕКСАНДР ШЕВЧУК: ЦЕ ПЕРЕМОГА\nПро це заявив Олександр Шевчук. Вчора президент Вілбо Теллер пішов. Вілбо Теллер сказав.\n' > uk.txt
tag uk uk.txt
expect_out uk <<'OUT'
article	field	start	end	type	id	name	text
uk.txt	text	0	31	PER	per:oleksandr-shevchuk	Олександр Шевчук	ОЛЕКСАНДР ШЕВЧУК
uk.txt	text	80	111	PER	per:oleksandr-shevchuk	Олександр Шевчук	Олександр Шевчук
uk.txt	text	143	166	PER	per:vilb-teler	Вілбо Теллер	Вілбо Теллер
uk.txt	text	179	202	PER	per:vilb-teler	Вілбо Теллер	Вілбо Теллер
OUT
printf 'АЛЕКСАНДРА ШЕВЧУКА НАГРАДИЛИ\nОб этом заявил Александр Шевчук. Вчера президент Вилбо Теллер ушёл. Вилбо Теллер сказал.\n' > ru.txt
tag ru ru.txt
expect_out ru <<'OUT'
article	field	start	end	type	id	name	text
ru.txt	text	0	35	PER	per:oleksandr-shevchuk	Александр Шевчук	АЛЕКСАНДРА ШЕВЧУКА
ru.txt	text	82	113	PER	per:oleksandr-shevchuk	Александр Шевчук	Александр Шевчук
ru.txt	text	145	168	PER	per:vilb-teler	Вилбо Теллер	Вилбо Теллер
ru.txt	text	179	202	PER	per:vilb-teler	Вилбо Теллер	Вилбо Теллер
OUT
# Not another first word (JOHN BROWN is not Kevin Brown: his surname
# alone, as before; Julia Teller stays herself), not capitals the
# article names no one by (a headline of acronyms and words).
printf 'BASEBALL - JOHN BROWN HURT\nKevin Brown was hurt. NATO CHIEF MEETS USA\nJulia Teller spoke. The captain Wilbo Teller left.\n' > neg.txt
tag neg neg.txt
expect_out neg <<'OUT'
article	field	start	end	type	id	name	text
neg.txt	text	16	21	PER	per:kevin-brown	Kevin Brown	BROWN
neg.txt	text	27	38	PER	per:kevin-brown	Kevin Brown	Kevin Brown
neg.txt	text	49	53	ORG	org_nato	NATO	NATO
neg.txt	text	66	69	ORG	team:loc_us	United States	USA
neg.txt	text	70	82	PER	per:iulia-teler	Julia Teller	Julia Teller
neg.txt	text	102	114	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
OUT
finish
