#!/bin/sh
# newsgraph entity duplicates: a person the rules found by a short form of
# the name in some articles (an initial and a surname, a surname alone)
# and by the full name in others is listed with the full name as its
# candidate; --merge merges the ones of one candidate and enough shared
# neighbours, each an undoable correction. English, Ukrainian, and Russian
# against English (one id across the scripts).
. "$(dirname "$0")/graph_lib.inc"

cat > a.jsonl <<'EOF'
{"id":"c1","text":"Robert Croft took three wickets for England at Lord's."}
{"id":"c2","text":"R. Croft bowled well for England at Lord's."}
{"id":"c3","text":"Mr Croft said England would win at Lord's."}
{"id":"w1","text":"Steve Waugh scored a century for Australia in Sydney."}
{"id":"w2","text":"M. Waugh made 40 for Australia in Sydney."}
{"id":"w3","text":"Mr Waugh said Australia would bat first in Sydney."}
{"id":"u1","text":"Олександр Петренко виступив у Києві на засіданні уряду."}
{"id":"u2","text":"Про це заявив О. Петренко у Києві."}
{"id":"u3","text":"Як сказав пан Петренко, уряд збереться у Києві."}
{"id":"r1","text":"Prime Minister Naoto Kan visited Tokyo and met Japan's business leaders."}
{"id":"r2","text":"Премьер-министр Японии Н. Кан заявил в Токио, что визит вызывает сожаление."}
{"id":"h1","text":"Tommy Haas won the final in Hamburg."}
{"id":"h2","text":"Prime Minister Hasina spoke in Dhaka."}
{"id":"s1","text":"Олександр Стефанов виступив у Києві."}
{"id":"s2","text":"Prime Minister Stephanie spoke in Paris."}
{"id":"k1","text":"Kim White won the sprint in Leeds."}
{"id":"k2","text":"C. White won the sprint in Leeds."}
{"id":"v1","text":"Juergen Klinsmann scored for Germany in Munich."}
{"id":"v2","text":"Jürgen Klinsmann trained with Germany in Munich."}
{"id":"v3","text":"Тренер Юрген Клинсман приехал в Мюнхен, и сборная Германии тренируется."}
{"id":"v4","text":"Тренер Юрген Клинсман вернулся в Мюнхен."}
{"id":"x1","text":"Muhammad Rostam scored for Iran in Tehran."}
{"id":"x2","text":"Mohamed Rostam trained with Iran in Tehran."}
{"id":"x3","text":"Тренер Мухаммед Ростам приехал в Тегеран, и сборная Ирана тренируется."}
{"id":"x4","text":"Тренер Мухаммед Ростам вернулся в Тегеран."}
{"id":"m1","text":"Maria Rossi sang in Milan."}
{"id":"m2","text":"Mario Rossi sang in Milan."}
EOF
# the forms the test needs are the tagger's (each a node of its own)
$NG tag --format tsv --no-header a.jsonl | awk -F'\t' '$5 == "PER" { print $1, $6 }' > per.txt
eq "$(tr '\n' ' ' < per.txt)" "c1 per:robert-kroft c2 per:r-kroft c3 per:kroft w1 per:steve-wauh w2 per:m-wauh w3 per:wauh \
u1 per:oleksandr-petrenk u2 per:o-petrenk u3 per:petrenk r1 per:naoto-kan r2 per:n-kan h1 per:tomi-has h2 per:has s1 per:oleksandr-stefan s2 per:stefan \
k1 per:kim-whit k2 per:k-whit v1 per:jurhen-klinsman v2 per:jurhen-klinsman v3 per:jurhen-klinsman v4 per:jurhen-klinsman \
x1 per:muhamad-rostam x2 per:mohamed-rostam x3 per:muhamed-rostam x4 per:muhamed-rostam m1 per:maria-ros m2 per:mario-ros " "the people of the articles"
$NG ingest -q --db g.db a.jsonl || fail "ingest"

run $NG entity duplicates --db g.db --json
eq "$rc" 0 "duplicates status"
# short form -> its candidates (unique or not), shared neighbours
cat out | j '" ".join(sorted("%s>%s%s" % (g["entity"]["id"], ",".join("%s:%d" % (c["id"], c["shared_neighbors"]) for c in g["candidates"]), "" if g["unique"] else "?") for g in d["groups"]))' > got.txt
# Croft and R. Croft: Robert Croft (England, Lord's shared); Waugh: Steve
# Waugh or M. Waugh, whom no full name takes (M. Waugh has none: no group);
# О. Петренко and Петренко: Олександр Петренко (not О. Петренко, whom he
# takes); Н. Кан: Naoto Kan across the scripts (Japan, Tokyo); not Hasina
# and Tommy Haas (one key, per:has, two surnames), nor Stephanie and
# Олександр Стефанов (one key, per:stefan, two skeletons), nor C. White
# and Kim White (one key, per:k-whit, two initials; found in the eval
# texts by make check-corpus); Muhammad and Mohamed Rostam: Мухаммед
# Ростам, the most mentioned spelling (Iran, Tehran); not Maria and
# Mario Rossi. (Juergen, Jürgen and Юрген Клинсман were such a group
# until session 40; given-variants.txt now gives them one id:
# per:jurhen-klinsman above, one node below)
eq "$(cat got.txt)" "per:kroft>per:robert-kroft:2 per:mohamed-rostam>per:muhamed-rostam:2 \
per:muhamad-rostam>per:muhamed-rostam:2 per:n-kan>per:naoto-kan:2 per:o-petrenk>per:oleksandr-petrenk:1 \
per:petrenk>per:oleksandr-petrenk:1 per:r-kroft>per:robert-kroft:2 per:wauh>per:m-wauh:2,per:steve-wauh:2?" "groups"
eq "$(j 'd["count"]' < out)" 8 "count"
eq "$(j '[g["form"] for g in d["groups"] if "rostam" in g["entity"]["id"]]' < out)" '["variant", "variant"]' "variant form"
eq "$(j '[g["form"] for g in d["groups"] if g["entity"]["id"] in ("per:kroft", "per:r-kroft")]' < out)" '["surname", "initial"]' "forms, most mentioned first"

# the text output names the short form, its candidates and the evidence
run $NG entity duplicates --db g.db
eq "$(grep -A1 '^Croft ' out)" "Croft (per:kroft): 1 mention in 1 article
    -> Robert Croft (per:robert-kroft): 1 mention in 1 article, 2 shared neighbours" "text output"
grep -q '^Waugh (per:wauh): 1 mention in 1 article; which of these?$' out || fail "an ambiguous short form is said to be: $(cat out)"
eq "$(tail -n 1 out)" "8 short forms with candidates" "text summary"

# two forms one article names are two people: never listed (saved tagger
# output, so that the one article holds both: the tagger itself would
# have linked them there)
sp='{"start":0,"end":8,"type":"PER","id":"per:s-smith","name":"S. Smith"}'
lp='{"start":13,"end":22,"type":"PER","id":"per:sam-smith","name":"Sam Smith"}'
cat > s.jsonl <<EOF
{"id":"s1","text":"S. Smith met Sam Smith in Leeds.","tagger":"newsgraph","entities":[$sp,$lp]}
{"id":"s2","text":"S. Smith was in Leeds again.","tagger":"newsgraph","entities":[$sp]}
EOF
$NG ingest -q --db s.db s.jsonl || fail "ingest s"
eq "$(sqlite3 s.db "SELECT group_concat(key, ' ') FROM (SELECT key FROM entity ORDER BY key)")" "per:s-smith per:sam-smith" "s.db's people"
eq "$($NG entity duplicates --db s.db --json | j 'd["count"]')" 0 "one article's two people"
lp0='{"start":0,"end":9,"type":"PER","id":"per:sam-smith","name":"Sam Smith"}'
cat > s2.jsonl <<EOF
{"id":"s1","text":"Sam Smith in Leeds met nobody.","tagger":"newsgraph","entities":[$lp0]}
{"id":"s2","text":"S. Smith was in Leeds again.","tagger":"newsgraph","entities":[$sp]}
EOF
$NG ingest -q --db s2.db s2.jsonl || fail "ingest s2"
eq "$($NG entity duplicates --db s2.db --json | j '[g["candidates"][0]["id"] for g in d["groups"]]')" '["per:sam-smith"]' \
   "apart, they are listed (the control of the test above)"

# --merge: the unique ones with at least 2 shared neighbours (default)
cp g.db m.db
run $NG entity duplicates --db m.db --merge
eq "$rc" 0 "merge status"
eq "$(cat out)" "correction 1: merge: Croft (per:kroft) into Robert Croft (per:robert-kroft)
correction 2: merge: Mohamed Rostam (per:mohamed-rostam) into Мухаммед Ростам (per:muhamed-rostam)
correction 3: merge: Muhammad Rostam (per:muhamad-rostam) into Мухаммед Ростам (per:muhamed-rostam)
correction 4: merge: Н. Кан (per:n-kan) into Naoto Kan (per:naoto-kan)
correction 5: merge: R. Croft (per:r-kroft) into Robert Croft (per:robert-kroft)
5 merges ('newsgraph entity corrections' lists them, 'entity undo N' undoes one)" "merge output"
$NG stats --db m.db --check > /dev/null || fail "consistent after the merges"
eq "$($NG entity --db m.db "R. Croft" --json | j '[d["id"], d["mentions"], d["articles"]]')" '["per:robert-kroft", 3, 3]' "R. Croft finds Robert Croft"
eq "$($NG entity --db m.db "Н. Кан" --json | j 'd["id"]')" "per:naoto-kan" "Н. Кан finds Naoto Kan"
eq "$($NG entity corrections --db m.db | wc -l)" 5 "five corrections"
eq "$($NG entity --db m.db "Mohamed Rostam" --json | j '[d["id"], d["mentions"]]')" '["per:muhamed-rostam", 4]' "the spellings on one node"
eq "$($NG entity --db m.db "Юрген Клинсман" --json | j '[d["id"], d["mentions"]]')" '["per:jurhen-klinsman", 4]' "one id for Juergen, Jürgen, Юрген"
# again: nothing left of one candidate and 2 shared neighbours
run $NG entity duplicates --db m.db --merge
eq "$(cat out)" "0 merges ('newsgraph entity corrections' lists them, 'entity undo N' undoes one)" "a second --merge"
# --min-shared 1 takes the Ukrainian ones too (Київ shared); Waugh stays
run $NG entity duplicates --db m.db --merge --min-shared 1 --json
eq "$(j '[(c["merged"], c["entity"]) for c in d["corrections"]]' < out)" \
   '[["per:o-petrenk", "per:oleksandr-petrenk"], ["per:petrenk", "per:oleksandr-petrenk"]]' "--min-shared 1"
eq "$($NG entity --db m.db "Петренко" --json | j 'd["id"]')" "per:oleksandr-petrenk" "Петренко finds Олександр Петренко"
eq "$($NG entity duplicates --db m.db --json | j '[g["entity"]["id"] for g in d["groups"]]')" '["per:wauh"]' "left: the ambiguous one"
# undo: apart again after a re-ingest
run $NG entity undo --db m.db 5
eq "$rc" 0 "undo status"
$NG ingest -q --db m.db a.jsonl || fail "re-ingest after undo"
$NG stats --db m.db --check > /dev/null || fail "consistent after undo"
eq "$($NG entity --db m.db per:r-kroft --json | j 'd["id"]')" "per:r-kroft" "R. Croft is itself again"

# transcriptions (session 40): an English name in Latin letters and in
# Cyrillic is an id a script (per:joel-simon, per:joel-saimon: the given
# name's key is one since given-variants.txt, the surname's skeleton is
# not); the Ukrainian and the Russian transcription are two more
# (Вільямс, Уильямс). Not pairs: two Latin spellings (John Smith, John
# Smyth), a Latin and a Cyrillic name of other syllables (Sergi Barjuan,
# Сергій Бухарін: one consonant key, b-r-n), two Cyrillic names no Latin
# one joins that are more than a vowel apart (Сергій Бібік, Сергій
# Бубка); two Cyrillic spellings a vowel apart are (Леонід Чернівецький,
# Леонід Черновецький)
cat > t.jsonl <<'EOF'
{"id":"t1","text":"Joel Simon of CPJ spoke in London on Monday."}
{"id":"t2","text":"Директор CPJ Джоэл Саймон выступил в Лондоне."}
{"id":"t3","text":"Директор CPJ Джоел Саймон виступив у Лондоні."}
{"id":"t4","text":"Minister David Williams said in Cardiff that Wales would vote."}
{"id":"t5","text":"Міністр Девід Вільямс заявив у Кардіффі."}
{"id":"t6","text":"Министр Дэвид Уильямс заявил в Кардиффе."}
{"id":"t7","text":"Minister John Smith spoke in Leeds."}
{"id":"t8","text":"Minister John Smyth spoke in York."}
{"id":"t9","text":"Defender Sergi Barjuan played in Barcelona."}
{"id":"t10","text":"Депутат Сергій Бухарін виступив у Києві."}
{"id":"t11","text":"Спортсмен Сергій Бібік виступив у Львові."}
{"id":"t12","text":"Спортсмен Сергій Бубка виступив у Донецьку."}
{"id":"t13","text":"Мер Леонід Черновецький виступив у Києві."}
{"id":"t14","text":"Мер Леонід Чернівецький виступив у Києві."}
{"id":"t15","text":"Minister David Walker said in York on Monday."}
{"id":"t16","text":"Міністр Девід Уокер заявив у Йорку."}
EOF
$NG ingest -q --db t.db t.jsonl || fail "ingest t"
run $NG entity duplicates --db t.db --json
eq "$rc" 0 "transcriptions status"
eq "$(j '" ".join(sorted("%s>%s" % (g["entity"]["id"], g["candidates"][0]["id"]) for g in d["groups"] if g["form"] == "transcription"))' < out)" \
   "per:david-viliams>per:david-uiliams per:david-walker>per:david-uoker per:david-wiliams>per:david-uiliams per:joel-simon>per:joel-saimon per:leonid-chernovetsk>per:leonid-chernivetsk" \
   "transcription groups"
# --merge takes one sharing two neighbours (CPJ, London)
run $NG entity duplicates --db t.db --merge
eq "$(head -n 1 out)" "correction 1: merge: Joel Simon (per:joel-simon) into Джоэл Саймон (per:joel-saimon)" "transcription merged"

# a database in which nothing was merged is unchanged by a listing
sqlite3 g.db "SELECT count(*) FROM correction" > c0.txt
$NG entity duplicates --db g.db > /dev/null
eq "$(sqlite3 g.db "SELECT count(*) FROM correction")" "$(cat c0.txt)" "listing writes nothing"

# usage errors
run $NG entity duplicates --db g.db --min-shared 1
eq "$rc" 2 "--min-shared without --merge"
grep -q -- '--min-shared goes with --merge' err || fail "message: $(cat err)"
run $NG entity duplicates --db g.db --merge --min-shared x
eq "$rc" 2 "--min-shared x"
run $NG entity duplicates --db g.db extra
eq "$rc" 2 "an argument"
run $NG entity duplicates --db nowhere.db
eq "$rc" 1 "no database"
run $NG entity duplicates --db g.db --names /nonexistent/names
eq "$rc" 2 "no name lists (an input that is not there: 2, as for tag)"
grep -q nonexistent err || fail "names message: $(cat err)"
done_tests
