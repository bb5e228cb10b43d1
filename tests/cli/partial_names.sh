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
finish
