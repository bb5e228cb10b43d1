#!/bin/sh
# alias.norm holds the tagger's folding (apostrophes and dashes unified,
# issue 15), recorded as meta 'fold' = 2. A database written before (no
# meta 'fold', norms of the old graph-only folding, which kept dashes as
# they were) is still looked up by a read-only open, unchanged, and is
# re-folded once by the first writable open; a merged old shard is too.
. "$(dirname "$0")/graph_lib.inc"
command -v sqlite3 >/dev/null || { echo "graph_fold.sh: needs sqlite3"; exit 1; }
# U+2013 en dash, U+2014 em dash
EN=$(printf '\342\200\223') EM=$(printf '\342\200\224')
printf 'jp-dupont\tPER\tJean%sPierre Dupont\nkyiv\tLOC\tKyiv\n' "$EN" > d.tsv
printf '{"id":"a1","text":"Jean%sPierre Dupont arrived in Kyiv."}\n' "$EN" > a1.jsonl
printf '{"id":"a2","text":"Kyiv welcomed Jean%sPierre Dupont."}\n' "$EN" > a2.jsonl
printf '{"id":"a3","text":"In Kyiv, Jean%sPierre Dupont spoke."}\n' "$EN" > a3.jsonl
q() { sqlite3 "$1" "$2"; }
norms() { q "$1" "SELECT group_concat(norm, '|') FROM (SELECT norm FROM alias WHERE entity='jp-dupont' AND norm<>'jp-dupont' ORDER BY norm)"; }
finds() { # DB TYPED
  got=$($NG entity --db "$1" --json "$2" 2>&1 | j 'd["id"]' 2>/dev/null)
  eq "$got" jp-dupont "entity '$2' in $1"
}

# a new database: the tagger's folding
run $NG ingest --db new.db --no-shipped --dict d.tsv a1.jsonl
eq "$rc" 0 "ingest new.db ($(cat err))"
eq "$(q new.db "SELECT value FROM meta WHERE key='fold'")" 2 "new.db meta fold"
eq "$(norms new.db)" "jean-pierre dupont" "new.db: the dash folded as the tagger folds it"
for typed in "Jean-Pierre Dupont" "Jean${EN}Pierre Dupont" "JEAN${EM}PIERRE DUPONT"; do finds new.db "$typed"; done

# a database as the previous version wrote it
cp new.db old.db
q old.db "DELETE FROM meta WHERE key='fold'; UPDATE alias SET norm='jean${EN}pierre dupont' WHERE norm='jean-pierre dupont'"
cp old.db shard.db
rows=$(q old.db "SELECT count(*) FROM alias")
# read-only: found by what is stored and by any dash, nothing written
for typed in "Jean${EN}Pierre Dupont" "jean${EN}pierre dupont" "Jean-Pierre Dupont"; do finds old.db "$typed"; done
run $NG neighbors --db old.db --json "Jean${EN}Pierre Dupont"
eq "$rc" 0 "neighbors in old.db ($(cat err))"
eq "$(q old.db "SELECT count(*) FROM meta WHERE key='fold'")" 0 "old.db untouched by reading"
eq "$(norms old.db)" "jean${EN}pierre dupont" "old.db norms untouched by reading"
# writable: re-folded once, nothing lost
run $NG ingest --db old.db --no-shipped --dict d.tsv a2.jsonl
eq "$rc" 0 "ingest into old.db ($(cat err))"
eq "$(q old.db "SELECT value FROM meta WHERE key='fold'")" 2 "old.db meta fold after a writable open"
eq "$(norms old.db)" "jean-pierre dupont" "old.db re-folded"
eq "$(q old.db "SELECT count(*) FROM alias")" "$rows" "old.db: as many aliases"
for typed in "Jean-Pierre Dupont" "Jean${EN}Pierre Dupont" "jean${EM}pierre dupont"; do finds old.db "$typed"; done
run $NG entity alias remove --db old.db jp-dupont "Jean${EM}Pierre Dupont"
eq "$rc" 0 "alias remove by another dash ($(cat err))"
eq "$(norms old.db)" "" "the alias removed"

# merge: an old shard's aliases are folded as the target's
run $NG ingest --db m.db --no-shipped --dict d.tsv a3.jsonl
eq "$rc" 0 "ingest m.db ($(cat err))"
q shard.db "DELETE FROM alias WHERE entity='kyiv'"
run $NG merge --db m.db shard.db
eq "$rc" 0 "merge an old shard ($(cat err))"
eq "$(norms m.db)" "jean-pierre dupont" "m.db: the shard's alias re-folded"
eq "$(q m.db "SELECT count(*) FROM alias WHERE norm LIKE '%${EN}%'")" 0 "m.db: no old norm left"
done_tests
