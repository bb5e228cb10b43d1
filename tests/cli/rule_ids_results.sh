#!/bin/sh
# Rules N, M and K (a name before its country in parentheses, a scorer before
# the minute, a player on a scorecard) give a person the id the rules give the same name inside a
# sentence (ng_tagger_person_id, checked by `stats --check`): a given name
# of the lists first, "Lance" (weak at a line's start) or a hyphenated one,
# "Jean-Denis", gives the given-name rule's id, not the words' keys (the
# corpus check found per:lank-armstronh against per:lanke-armstronh); a
# surname that starts with a capitalised particle, "Jean-Pierre Van Zyl",
# the given-name rule's id too (it takes the particle into the surname;
# stats --check found per:jean-pier-van-zil against per:piere-van-zil when
# rule N still gave such a rest the words' keys). A name whose first word is
# no given name of the lists is not the person named before with the same
# last word (Wasim Akram was linked to the Mohammad Akram of the line
# before, as a surname alone is). An apostrophe's name on a scorecard gets
# the id a sentence gives it ("Peter O'Malley"; "O'Meara" alone, the
# free word's, is left to the partial names: stats --check found
# per:o-mear against per:omear on en train).
. "$(dirname "$0")/setup"
cd "$T"
NAMES="$(dirname "$NG")/names.ngn"
printf '1. Lance Armstrong ( US ) Motorola 0:08\nJean-Denis Deletraz ( US ) Ligier 1:55.150\nBrixham 1 ( Oakley 32nd ) Tolland 0\n3. Jean-Pierre Van Zyl ( US ) 44.92\n' > r.txt
printf 'T. Varga lbw b Mohammad Akram 54\nD. Kork c Varga b Quillon Ulfsson 3\nBowling : Wasim Akram 25-8-61-1 , Quillon Akram 20-6-70-2\n' >> r.txt
printf "O'Meara 70 71 , Peter O'Malley 72 70\n" >> r.txt
"$NG" ingest -q --no-shipped --names "$NAMES" --dict "$ROOT/tests/cases/dicts/world.tsv" --db r.db r.txt
run st stats --check --db r.db
expect_rc st 0
check "Lance Armstrong: the given-name rule's id" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:lanke-armstronh'")" = 1 ]
check "Jean-Denis Deletraz: the given-name rule's id" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:denis-deletraz'")" = 1 ]
check "Jean-Pierre Van Zyl (a capitalised particle starts the surname): the given-name rule's id" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:piere-van-zil'")" = 1 ]
check "a scorer: a person" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:oakl'")" = 1 ]
check "a scorecard: Mohammad Akram, the given-name rule's id" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:mohamad-akram'")" = 1 ]
check "a scorecard: Wasim Akram is not Mohammad Akram" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:wasim-akram'")" = 1 ]
check "a leaderboard: Peter O'Malley" [ "$(sqlite3 r.db "select count(*) from entity where name = 'Peter O''Malley'")" = 1 ]
check "a scorecard: Quillon Akram is not Mohammad Akram" [ "$(sqlite3 r.db "select count(*) from entity where key = 'per:kuilon-akram'")" = 1 ]
finish
