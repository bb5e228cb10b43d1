#!/bin/sh
# A capitalised particle starts a surname after a given name, initials or a
# title (tagger/names_rules.c surname_at): "Filip De Wilde", "Johan Van Der
# Merwe", "J. Van Moer", not "Filip De" with "Wilde" left over (the
# regression); a two-letter particle with no name after it is no surname
# ("Filip De ."; "Filip" there is the Filip De Wilde named before), a longer
# one may be ("Mangala Das"). With the shipped
# given-name lists; --no-rules turns it off with the rules.
. "$(dirname "$0")/setup"
cd "$ROOT"
printf 'Filip De Wilde and Johan Van Der Merwe met J. Van Moer and Mangala Das ; then Filip De .\n' > "$T/p.txt"
run p tag --format tsv --no-header "$T/p.txt"
expect_rc p 0
checks=$((checks+1))
want="Filip De Wilde|Johan Van Der Merwe|J. Van Moer|Mangala Das|Filip|"
[ "$(cut -f8 "$T/p.out" | tr '\n' '|')" = "$want" ] || { echo "FAIL p: want $want"; cat "$T/p.out"; fail=1; }
run off tag --format tsv --no-header --no-rules "$T/p.txt"
expect_rc off 0
checks=$((checks+1))
! grep -q "De Wilde\|Van Der Merwe" "$T/off.out" || { echo "FAIL off"; cat "$T/off.out"; fail=1; }
finish
