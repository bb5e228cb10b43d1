#!/bin/sh
# ENTITY arguments typed the way users type them (graph/lookup.c): the id,
# a name or alias in any letter case, Ukrainian and Russian case forms,
# a surname alone, typos with suggestions, ambiguity; through each of the
# five commands that take ENTITY (entity, neighbors, evidence, path,
# export --ego). Data: tests/data/graph/lookup (articles in en/uk/ru that
# name everyone in the nominative, so that no typed case form is stored).
. "$(dirname "$0")/graph_lib.inc"
D=$ROOT/tests/data/graph/lookup

run $NG ingest --db l.db --no-shipped --dict "$D/dict.tsv" "$D/articles.jsonl"
eq "$rc" 0 "ingest status"
grep -q '^ingested 7 articles' out || fail "ingest summary: $(cat out) $(cat err)"

# stored names of an entity (folded), to show that a typed form is not one of them
stored() { $NG entity --db l.db --json "$1" | j '"\n".join(sorted(set([d["name"].casefold()] + [a.casefold() for a in d["aliases"]])))'; }
not_stored() { # FORM ID
  stored "$2" | grep -qxF "$(printf '%s' "$1" | python3 -c 'import sys; print(sys.stdin.read().casefold())')" &&
    fail "'$1' is stored as an alias of $2: the test would not test the rule"
}

# resolves TYPED ID: the five commands resolve TYPED to ID
resolves() {
  typed=$1 want=$2 other=nato
  [ "$want" = nato ] && other=kyiv
  got=$($NG entity --db l.db --json "$typed" 2>&1 | j 'd["id"]' 2>/dev/null)
  eq "$got" "$want" "entity '$typed'"
  got=$($NG neighbors --db l.db --json "$typed" 2>&1 | j 'd["entity"]["id"]' 2>/dev/null)
  eq "$got" "$want" "neighbors '$typed'"
  got=$($NG evidence --db l.db --json "$typed" "$other" 2>&1 | j '(d["a"]["id"], d["total"] > 0)' 2>/dev/null)
  eq "$got" "('$want', True)" "evidence '$typed' $other"
  got=$($NG evidence --db l.db --json "$other" "$typed" 2>&1 | j 'd["b"]["id"]' 2>/dev/null)
  eq "$got" "$want" "evidence $other '$typed'"
  got=$($NG path --db l.db --json "$typed" "$other" 2>&1 | j 'd["from"]["id"]' 2>/dev/null)
  eq "$got" "$want" "path '$typed' $other"
  $NG export --db l.db -f dot -o ego-want.dot --ego "$want" 2>/dev/null || fail "export --ego $want"
  run $NG export --db l.db -f dot -o ego-got.dot --ego "$typed"
  eq "$rc" 0 "export --ego '$typed' status ($(cat err))"
  cmp -s ego-want.dot ego-got.dot || fail "export --ego '$typed' differs from --ego $want"
}

# the id, the canonical name, an alias, any letter case (Cyrillic too)
resolves jens-stoltenberg jens-stoltenberg
resolves "Jens Stoltenberg" jens-stoltenberg
resolves "jens STOLTENBERG" jens-stoltenberg
resolves "ЄНС СТОЛТЕНБЕРГ" jens-stoltenberg
resolves "йенс столтенберг" jens-stoltenberg
resolves "north atlantic alliance" nato
resolves "нато" nato
resolves "київ" kyiv
resolves "Kiev" kyiv

# case forms, Ukrainian and Russian, of one-word and multi-word aliases
not_stored Києві kyiv; not_stored Киеве kyiv; not_stored Вільнюсі vilnius; not_stored Брюсселі brussels
not_stored "Джо Байдена" joe-biden; not_stored "Йенса Столтенберга" jens-stoltenberg
resolves Києві kyiv
resolves "КИЄВОМ" kyiv
resolves Киеве kyiv
resolves Вільнюсі vilnius
resolves Вильнюсе vilnius
resolves Брюсселі brussels
resolves "Джо Байдена" joe-biden
resolves "Володимиру Зеленському" volodymyr-zelensky
resolves "Владимира Путина" vladimir-putin
resolves "Йенса Столтенберга" jens-stoltenberg
# dashes as the tagger folds them (en dash typed, hyphen stored), with a case form
resolves "Нью–Йорку" new-york

# a surname alone (no entity has it as an alias), also in a case form
for f in Stoltenberg Столтенберга Байдена Путіна Зеленського Порошенка Biden; do
  $NG entity --db l.db --json "$f" | j 'd["aliases"]' | grep -qi "\"$f\"" && fail "'$f' is stored: not a surname test"
done
resolves Stoltenberg jens-stoltenberg
resolves Столтенберга jens-stoltenberg
resolves Столтенбергом jens-stoltenberg
resolves Байдена joe-biden
resolves Biden joe-biden
resolves Путіна vladimir-putin
resolves Путиным vladimir-putin
resolves Зеленського volodymyr-zelensky
resolves Порошенка petro-poroshenko

# precision: a wrong form does not resolve to some entity
nores() { # TYPED: not found (exit 1) by every command
  for cmd in "entity" "neighbors"; do
    run $NG $cmd --db l.db "$1"
    eq "$rc" 1 "$cmd '$1' status (out: $(head -c 80 out))"
  done
  run $NG evidence --db l.db "$1" nato; eq "$rc" 1 "evidence '$1' status"
  run $NG path --db l.db nato "$1"; eq "$rc" 1 "path '$1' status"
  run $NG export --db l.db -f dot -o x.dot --ego "$1"; eq "$rc" 1 "export --ego '$1' status"
  [ ! -e x.dot ] || fail "export --ego '$1' wrote a file"
}
nores Кия                 # not a form of Київ
nores Тимошенка           # Юлія Тимошенко is feminine: her surname does not decline
nores Володимира          # a given name alone is no surname
nores Jens                # (nor in English)
nores Столтен             # a prefix is not a name
run $NG entity --db l.db Кия
grep -q "^newsgraph: no entity with id, name or alias 'Кия'$" err || fail "Кия message: $(cat err)"

# typos: "did you mean", exit 1, the suggestions in --json
run $NG entity --db l.db Stoltenburg
eq "$rc" 1 "typo status"
eq "$(cat err)" "newsgraph: no entity 'Stoltenburg'; did you mean: Jens Stoltenberg (jens-stoltenberg, PER)?" "typo message"
eq "$(cat out)" "" "typo: nothing on stdout without --json"
for cmd in "entity Stoltenburg" "neighbors Stoltenburg" "evidence nato Stoltenburg" "path Stoltenburg nato"; do
  run $NG $cmd --db l.db --json
  eq "$rc" 1 "$cmd --json status"
  eq "$(j '(d["query"], d["error"], [(x["id"], x["distance"]) for x in d["suggestions"]])' < out)" \
     "('Stoltenburg', 'not_found', [('jens-stoltenberg', 1)])" "$cmd --json suggestions"
  grep -q "did you mean: Jens Stoltenberg" err || fail "$cmd --json: message on stderr: $(cat err)"
done
run $NG export --db l.db -f dot -o x.dot --ego Stoltenburg
eq "$rc" 1 "export --ego typo status"
grep -q "did you mean: Jens Stoltenberg (jens-stoltenberg, PER)?" err || fail "export --ego typo message: $(cat err)"
run $NG entity --db l.db --json Kyvi            # two letters swapped
eq "$(j '[x["id"] for x in d["suggestions"]]' < out)" '["kyiv"]' "swap suggestion"
run $NG neighbors --db l.db "Вилнюс"            # Cyrillic typo
grep -q "did you mean: Vilnius (vilnius, LOC)?" err || fail "Cyrillic typo: $(cat err)"
run $NG evidence --db l.db "Joe Bidn" nato       # a typo in a full name
grep -q "did you mean: Joe Biden (joe-biden, PER)?" err || fail "full-name typo: $(cat err)"
run $NG entity --db l.db --json "Xyzzy Quux"
eq "$rc" 1 "nothing close status"
eq "$(j 'd["suggestions"]' < out)" "[]" "nothing close: no suggestions"

# ambiguity: the same alias, a case form of two entities' names, a shared surname
run $NG entity --db l.db Paris
eq "$rc" 1 "ambiguous alias status"
grep -q "'Paris' is ambiguous; candidates: paris-fr (LOC, Paris), paris-tx (LOC, Paris, Texas)" err || fail "ambiguous alias: $(cat err)"
not_stored Парижі paris-fr; not_stored Парижі paris-tx
for cmd in "entity Парижі" "neighbors Парижі" "evidence Парижі nato" "path nato Парижі"; do
  run $NG $cmd --db l.db --json
  eq "$rc" 1 "$cmd status"
  eq "$(j '(d["error"], d["rule"], sorted(x["id"] for x in d["candidates"]))' < out)" \
     "('ambiguous', 'form', ['paris-fr', 'paris-tx'])" "$cmd candidates"
  grep -q "'Парижі' is ambiguous (a case form of several entities' names); candidates: paris-fr (LOC, Paris), paris-tx (LOC, Paris, Texas)" err ||
    fail "$cmd message: $(cat err)"
done
run $NG export --db l.db -f dot -o x.dot --ego Парижі
eq "$rc" 1 "export --ego ambiguous status"
grep -q "'Парижі' is ambiguous" err || fail "export --ego ambiguous: $(cat err)"

# a second Biden: the surname and its case forms now name two people
run $NG ingest --db l.db --no-shipped --dict "$D/dict.tsv" "$D/hunter.jsonl"
eq "$rc" 0 "second ingest"
for f in Biden Байдена Байденом; do
  run $NG entity --db l.db --json "$f"
  eq "$rc" 1 "'$f' ambiguous status"
  eq "$(j '(d["rule"], sorted(x["id"] for x in d["candidates"]))' < out)" "('surname', ['hunter-biden', 'joe-biden'])" "'$f' candidates"
  grep -q "is ambiguous (the surname of several people); candidates: " err || fail "'$f' message: $(cat err)"
done
resolves "Джо Байдена" joe-biden            # the full name still decides
resolves "Хантера Байдена" hunter-biden
done_tests
