#!/bin/sh
# Partial names (tagger/names_doc.c, NAMES.md "Partial names"): what a
# later or earlier mention of a surname may and may not resolve to.
. "$(dirname "$0")/setup"
cd "$T"
NAMES="$(dirname "$NG")/names.ngn"
tag() { run "$1" tag --no-shipped --names "$NAMES" --dict "$ROOT/tests/cases/dicts/world.tsv" --format tsv "$2"; }

# A title before two words names a person whose first word is a given
# name: not another person of that surname with another given name, named
# later (the title person was Julia Teller's partial name).
printf 'The former captain Wilbo Teller retired.\nBut Julia Teller blamed the press.\n' > given.txt
tag given given.txt
expect_out given <<'OUT'
article	field	start	end	type	id	name	text
given.txt	text	19	31	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
given.txt	text	45	57	PER	per:iulia-teler	Julia Teller	Julia Teller
OUT
# A later mention of a hyphenated surname covers the whole of it (it was
# the last part only: "Jones", "Корсакова"), in any case form; the last
# part of a hyphenated word is no mention of a person whose surname has no
# hyphen (Boxing-Teller is not Wilbo Teller).
printf 'Yesterday John Smith-Jones arrived. Smith-Jones said.\nВчера Николай Римский-Корсаков приехал. Музыка Римского-Корсакова звучала.\n' > hyph.txt
tag hyph hyph.txt
expect_out hyph <<'OUT'
article	field	start	end	type	id	name	text
hyph.txt	text	10	26	PER	per:john-smith-jones	John Smith-Jones	John Smith-Jones
hyph.txt	text	36	47	PER	per:john-smith-jones	John Smith-Jones	Smith-Jones
hyph.txt	text	65	111	PER	per:mikola-rimsk-korsak	Николай Римский-Корсаков	Николай Римский-Корсаков
hyph.txt	text	141	176	PER	per:mikola-rimsk-korsak	Николай Римский-Корсаков	Римского-Корсакова
OUT
printf 'Boxing-Teller quits.\nThe captain Wilbo Teller retired.\n' > slug.txt
tag slug slug.txt
expect_out slug <<'OUT'
article	field	start	end	type	id	name	text
slug.txt	text	33	45	PER	per:wilb-teler	Wilbo Teller	Wilbo Teller
OUT
# A Cyrillic form in -о outside Ukrainian text is no vocative (Russian has
# none): when romanised it is a given name of its own (Romano), that name
# as written, with the id the English spelling gets (it was the vocative
# of Романа: per:romana-..., named "Романа"). In Ukrainian text, as before.
printf 'Вчера Романо Ферри заявил о реформе.\nYesterday Romano Ferri said.\n' > voc.txt
tag voc voc.txt
expect_out voc <<'OUT'
article	field	start	end	type	id	name	text
voc.txt	text	11	34	PER	per:romano-fer	Романо Ферри	Романо Ферри
voc.txt	text	77	89	PER	per:romano-fer	Romano Ferri	Romano Ferri
OUT
# A title a dictionary name starts with is no given name of it: "Prince"
# before another name, or alone, was Prince William ("Prince Harry" gave
# Prince + Harry, "Princess Anne" gave Diana + Anne); a title before a
# name is no free word. The name's own words still resolve (Keir, Diana).
# Принц is a title as Prince is: Принц Гаррі is Prince Harry's per:har,
# named as written (the title rule guessed a surname's nominative, Гарр).
printf 'per_william\tPER\tPrince William\tПринц Вільям\nper_diana\tPER\tDiana, Princess of Wales\tPrincess Diana\nper_starmer\tPER\tKeir Starmer\tSir Keir Starmer\n' > royals.tsv
printf 'Prince Harry spoke in London. Prince William did not. The Prince left.\nPrincess Anne met Princess Diana. Diana smiled.\nSir Keir Starmer spoke. Keir said.\nПринц Гаррі та Принц Вільям.\n' > royal.txt
run royal tag --no-shipped --names "$NAMES" --dict royals.tsv --format tsv royal.txt
expect_out royal <<'OUT'
article	field	start	end	type	id	name	text
royal.txt	text	7	12	PER	per:har	Harry	Harry
royal.txt	text	30	44	PER	per_william	Prince William	Prince William
royal.txt	text	80	84	PER	per:ane	Anne	Anne
royal.txt	text	89	103	PER	per_diana	Diana, Princess of Wales	Princess Diana
royal.txt	text	105	110	PER	per_diana	Diana, Princess of Wales	Diana
royal.txt	text	119	135	PER	per_starmer	Keir Starmer	Sir Keir Starmer
royal.txt	text	143	147	PER	per_starmer	Keir Starmer	Keir
royal.txt	text	165	175	PER	per:har	Гаррі	Гаррі
royal.txt	text	181	204	PER	per_william	Prince William	Принц Вільям
OUT
# A surname alone whose ending marks another gender than the person's
# full name is not that person: "Олена Зеленська ... Зеленський" was her
# (the dictionary word re-pointed to the article's person of its stem),
# and so was a free "Вишневський" after "Анна Вишневська".
printf 'zv\tPER\tVolodymyr Zelenskyy\tВолодимир Зеленський|Зеленський\nzo\tPER\tOlena Zelenska\tОлена Зеленська\n' > zel.tsv
printf 'Олена Зеленська та Зеленський приїхали. Зеленська сказала. Анна Вишневська і Вишневський. Вишневську бачили.\n' > zel.txt
run zel tag --no-shipped --names "$NAMES" --dict zel.tsv --format tsv zel.txt
expect_out zel <<'OUT'
article	field	start	end	type	id	name	text
zel.txt	text	0	29	PER	zo	Olena Zelenska	Олена Зеленська
zel.txt	text	35	55	PER	zv	Volodymyr Zelenskyy	Зеленський
zel.txt	text	74	92	PER	zo	Olena Zelenska	Зеленська
zel.txt	text	109	138	PER	per:ana-vishnevsk	Анна Вишневська	Анна Вишневська
zel.txt	text	166	186	PER	per:ana-vishnevsk	Анна Вишневська	Вишневську
OUT
finish
