#!/bin/sh
# A surname alone that the given-name lists also hold (Johnson, Prescott,
# Nestor: faker's lists have them as given names) is the article's person
# of that surname when no person of the article has it as given name:
# "Davey Johnson ... Johnson was hospitalized" (before, the given-name
# path alone was tried, and the word stayed untagged). Not after an unknown
# capitalised word ("Qarvo Johnson" is another person), and a given name
# that is a person's given name still names that person ("Johnson Smith
# ... Johnson").
. "$(dirname "$0")/setup"
cd "$T"
NAMES="$(dirname "$NG")/names.ngn"
printf 'Orioles manager Davey Johnson will miss the game .\nThe 53-year-old Johnson was hospitalized .\nJohnson is the second manager , Qarvo Johnson said .\n' > a.txt
run a tag --no-shipped --names "$NAMES" --dict "$ROOT/tests/cases/dicts/world.tsv" --format tsv a.txt
expect_rc a 0
expect_out a <<'OUT'
article	field	start	end	type	id	name	text
a.txt	text	16	29	PER	per:davi-johnson	Davey Johnson	Davey Johnson
a.txt	text	67	74	PER	per:davi-johnson	Davey Johnson	Johnson
a.txt	text	94	101	PER	per:davi-johnson	Davey Johnson	Johnson
OUT
run b tag --no-shipped --no-partial --names "$NAMES" --dict "$ROOT/tests/cases/dicts/world.tsv" --format tsv a.txt
expect_out b <<'OUT'
article	field	start	end	type	id	name	text
a.txt	text	16	29	PER	per:davi-johnson	Davey Johnson	Davey Johnson
OUT
finish
