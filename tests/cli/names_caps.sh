#!/bin/sh
# Person names in real news layout (NAMES.md "A full name again"; "A
# dictionary person by its given name and surname"; "Over a line
# break"): a name in a headline's capitals, a name again without the
# title that made it, a dictionary person written with another part of
# the name, a name cut by a line break.
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
# Another person of that surname named nearer before: still the one
# whose first word it is.
printf 'The captain Wilbo Teller left.\nJulia Teller spoke. Later Wilbo Teller returned.\n' > near.txt
tag near near.txt
expect_out near <<'OUT'
article	field	start	end	type	id	name	text
near.txt	text	12	24	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
near.txt	text	31	43	PER	per:iulia-teler	Julia Teller	Julia Teller
near.txt	text	57	69	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
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

# A given name and a surname the dictionary knows alone as one person's:
# that person when one of its names has that given name (any case form,
# any script by the variant groups, a patronymic between); with another
# given name, a person of the rules as before (Марія Квітрун).
printf 'per_kvitrun\tPER\tOleksandr Kvitrun\tОлександр Квітрун|Kvitrun|Квітрун|Квитрун\n' > kv.tsv
dtag() { run "$1" tag --no-shipped --names "$NAMES" --dict kv.tsv --format tsv "$2"; }
printf 'Вчора Олександр Петрович Квітрун прибув до Києва. Марія Квітрун залишилася.\n' > kv_uk.txt
dtag kv_uk kv_uk.txt
expect_out kv_uk <<'OUT'
article	field	start	end	type	id	name	text
kv_uk.txt	text	11	61	PER	per_kvitrun	Oleksandr Kvitrun	Олександр Петрович Квітрун
kv_uk.txt	text	92	117	PER	per:maria-kvitrun	Марія Квітрун	Марія Квітрун
OUT
printf 'Вчера Александр Квитрун прибыл в Москву. Александром Квитруном восхищались.\n' > kv_ru.txt
dtag kv_ru kv_ru.txt
expect_out kv_ru <<'OUT'
article	field	start	end	type	id	name	text
kv_ru.txt	text	11	44	PER	per_kvitrun	Oleksandr Kvitrun	Александр Квитрун
kv_ru.txt	text	75	116	PER	per_kvitrun	Oleksandr Kvitrun	Александром Квитруном
OUT
printf 'Yesterday Alexander Kvitrun arrived. Maria Kvitrun stayed.\n' > kv_en.txt
dtag kv_en kv_en.txt
expect_out kv_en <<'OUT'
article	field	start	end	type	id	name	text
kv_en.txt	text	10	27	PER	per_kvitrun	Oleksandr Kvitrun	Alexander Kvitrun
kv_en.txt	text	37	50	PER	per:maria-kvitrun	Maria Kvitrun	Maria Kvitrun
OUT

# A given name at the end of a line and its surname on the next (hard-
# wrapped text, captions): one person over the line break, the span's
# offsets into the text as written, the name and id as with a space (it
# was the surname alone, or the given name and the surname apart).
printf 'The minister said on Monday that John\nSmith would resign.\n' > l_en.txt
tag l_en l_en.txt
expect_out l_en <<'OUT'
article	field	start	end	type	id	name	text
l_en.txt	text	33	43	PER	per:john-smith	John Smith	John Smith
OUT
printf 'Про це в понеділок заявив Олександр\nШевчук, а Марія\nКоваленко погодилася.\n' > l_uk.txt
tag l_uk l_uk.txt
expect_out l_uk <<'OUT'
article	field	start	end	type	id	name	text
l_uk.txt	text	47	78	PER	per:oleksandr-shevchuk	Олександр Шевчук	Олександр Шевчук
l_uk.txt	text	83	112	PER	per:maria-kovalenk	Марія Коваленко	Марія Коваленко
OUT
printf 'Об этом в понедельник заявил Александр\nШевчук, а Мария\nКоваленко согласилась.\n' > l_ru.txt
tag l_ru l_ru.txt
expect_out l_ru <<'OUT'
article	field	start	end	type	id	name	text
l_ru.txt	text	53	84	PER	per:oleksandr-shevchuk	Александр Шевчук	Александр Шевчук
l_ru.txt	text	89	118	PER	per:maria-kovalenk	Мария Коваленко	Мария Коваленко
OUT
run l_enj tag --no-shipped --names "$NAMES" --format jsonl l_en.txt
check "jsonl text of l_en keeps the line break" grep -q '"text":"John\\nSmith"' "$T/l_enj.out"
# Still apart: over a blank line, after a title-case heading's word, from
# the first word of a line, before a list item, a label's colon or a
# results line's numbers (rule K reads such a line from its first word).
printf 'The report was signed by John\n\nSmith and others.\nObama Meets John\nSmith said it.\nMary\nJones left. Winners: Anna\n- Brown , Peter\nParker 71 69 , Fred\nNote : none.\n' > l_neg.txt
tag l_neg l_neg.txt
expect_out l_neg <<'OUT'
article	field	start	end	type	id	name	text
l_neg.txt	text	128	134	PER	per:parker	Parker	Parker
OUT
finish
