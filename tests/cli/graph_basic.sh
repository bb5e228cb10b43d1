#!/bin/sh
# ingest, idempotence, replacement, forget, every query command, errors.
. "$(dirname "$0")/graph_lib.inc"

run $NG ingest --db g.db "$FIX"
eq "$rc" 0 "ingest status"
grep -q '^ingested 5 articles (5 added, 0 replaced, 0 unchanged), 22 mentions' out || fail "summary: $(cat out)"
$NG stats --db g.db --json > s1.json
eq "$(j 'd["articles"]' < s1.json)" 5 articles
eq "$(j 'd["mentions"]' < s1.json)" 22 mentions
eq "$(j 'd["entities"]' < s1.json)" 9 entities
eq "$(j 'd["entities_by_type"]' < s1.json)" '{"LOC": 2, "ORG": 2, "PER": 5}' "entities by type"
eq "$(j 'd["edges"]' < s1.json)" 13 edges
eq "$(j 'd["windows"]' < s1.json)" 10 windows
eq "$(j 'd["window"]' < s1.json)" sentence window
$NG stats --db g.db --check > /dev/null || fail "stats --check after ingest"
$NG stats --db g.db | grep -q '^edges:     13$' || fail "stats table"

# idempotent re-ingest
run $NG ingest --db g.db "$FIX"
grep -q '(0 added, 0 replaced, 5 unchanged), 0 mentions' out || fail "re-ingest summary: $(cat out)"
$NG stats --db g.db --json > s2.json
cmp -s s1.json s2.json || fail "re-ingest changed the counts"

# neighbors
$NG neighbors --db g.db "Joe Biden" --json > n.json
eq "$(j '[x["id"] for x in d["neighbors"]]' < n.json)" '["jens-stoltenberg", "vilnius", "volodymyr-zelensky"]' "neighbors order"
eq "$(j '[x["count"] for x in d["neighbors"]]' < n.json)" '[2, 2, 1]' "neighbor counts"
eq "$(j '[x["articles"] for x in d["neighbors"]]' < n.json)" '[1, 2, 1]' "neighbor article counts"
eq "$(j 'all(-1 <= x["npmi"] <= 1 for x in d["neighbors"])' < n.json)" True "npmi range"
eq "$(j '[x["id"] for x in d["neighbors"]]' < n.json)" '["jens-stoltenberg", "vilnius", "volodymyr-zelensky"]' "neighbors order"
$NG neighbors --db g.db joe-biden --type LOC --json | j '[x["id"] for x in d["neighbors"]]' > t.txt
eq "$(cat t.txt)" '["vilnius"]' "neighbors --type"
$NG neighbors --db g.db biden --since 2023-07-12 --json | j '[(x["id"],x["count"]) for x in d["neighbors"]]' > t.txt
eq "$(cat t.txt)" '[["vilnius", 1], ["volodymyr-zelensky", 1]]' "neighbors --since"
$NG neighbors --db g.db biden --until 2023-07 --top 1 --json | j 'len(d["neighbors"])' > t.txt
eq "$(cat t.txt)" 1 "neighbors --top"
$NG neighbors --db g.db volodymyr-zelensky --by npmi --json | j 'd["neighbors"][0]["id"]' > t.txt
eq "$(cat t.txt)" olaf-scholz "neighbors --by npmi"
$NG neighbors --db g.db biden | grep -q '^Jens Stoltenberg  *PER  *2  *1 ' || fail "neighbors table: $($NG neighbors --db g.db biden)"

# entity card: by a Ukrainian surface form and by a Russian inflected one
$NG entity --db g.db "зеленський" --json > e.json
eq "$(j 'd["id"]' < e.json)" volodymyr-zelensky "entity id"
eq "$(j '(d["type"], d["name"], d["mentions"], d["articles"])' < e.json)" "('PER', 'Volodymyr Zelensky', 5, 4)" "entity card"
eq "$(j '(d["first_seen"], d["last_seen"])' < e.json)" "('2023-07-11', '2023-09-15')" "entity dates"
eq "$(j '[(m["month"], m["mentions"]) for m in d["per_month"]]' < e.json)" '[["2023-07", 2], ["2023-08", 2], ["2023-09", 1]]' "mentions per month"
$NG entity --db g.db "зеленський" | grep -q '^  first seen: 2023-07-11$' || fail "entity card's first date"
# no dated article: said so, not an empty field
printf '{"id":"nd1","text":"Jens Stoltenberg spoke in Vilnius."}\n' > nodate.jsonl
$NG ingest -q --db nd.db nodate.jsonl 2>/dev/null
$NG entity --db nd.db stoltenberg | grep -q '^  first seen: - (no dated article)$' || fail "entity card without dates: $($NG entity --db nd.db stoltenberg)"
$NG entity --db g.db "ЗЕЛЕНСКИМ" --json | j 'd["id"]' > t.txt
eq "$(cat t.txt)" volodymyr-zelensky "lookup by inflected surface form"
run $NG entity --db g.db "nobody at all"
eq "$rc" 1 "unknown entity status"
grep -q "no entity with id, name or alias 'nobody at all'" err || fail "unknown entity message: $(cat err)"

# evidence
$NG evidence --db g.db joe-biden "Jens Stoltenberg" --json > ev.json
eq "$(j 'd["total"]' < ev.json)" 2 "evidence total"
eq "$(j '[x["snippet"] for x in d["evidence"]]' < ev.json)" '["Jens Stoltenberg met Joe Biden in Vilnius.", "Biden praised Stoltenberg."]' "evidence snippets"
$NG evidence --db g.db joe-biden jens-stoltenberg --limit 1 --json | j 'len(d["evidence"])' > t.txt
eq "$(cat t.txt)" 1 "evidence --limit"
$NG evidence --db g.db joe-biden jens-stoltenberg | grep -q 'Biden praised Stoltenberg.' || fail "evidence table"

# path
$NG path --db g.db olaf-scholz jens-stoltenberg --json > p.json
eq "$(j '[(h["a"]["id"], h["b"]["id"]) for h in d["hops"]]' < p.json)" '[["olaf-scholz", "volodymyr-zelensky"], ["volodymyr-zelensky", "jens-stoltenberg"]]' "path hops"
eq "$(j 'all(len(h["evidence"]) == 1 for h in d["hops"])' < p.json)" True "path evidence"
# regression: --limit 0 showed one evidence line a hop (path) or 10 (evidence)
$NG path --db g.db olaf-scholz jens-stoltenberg --limit 0 --json > p0.json
eq "$(j '[len(h["evidence"]) for h in d["hops"]]' < p0.json)" '[0, 0]' "path --limit 0"
$NG evidence --db g.db joe-biden jens-stoltenberg --limit 0 --json > ev0.json
eq "$(j '[d["total"], len(d["evidence"])]' < ev0.json)" '[2, 0]' "evidence --limit 0"
$NG path --db g.db olaf-scholz jens-stoltenberg | grep -q '^Olaf Scholz -> Jens Stoltenberg: 2 hops' || fail "path table"

# top
$NG top --db g.db --json | j '[(x["id"], x["score"]) for x in d["entities"][:2]]' > t.txt
eq "$(cat t.txt)" '[["volodymyr-zelensky", 6.0], ["kyiv", 4.0]]' "top by degree"
$NG top --db g.db --by pagerank --json | j 'd["entities"][0]["id"]' > t.txt
eq "$(cat t.txt)" volodymyr-zelensky "top by pagerank"
$NG top --db g.db --by betweenness --type PER -n 1 --json | j '[x["id"] for x in d["entities"]]' > t.txt
eq "$(cat t.txt)" '["volodymyr-zelensky"]' "top by betweenness, type"
$NG top --db g.db --by strength --json | j 'd["entities"][0]["score"]' > t.txt
eq "$(cat t.txt)" 7.0 "top by strength"
# the table: the ranking key's column unless it is degree or mentions (shown anyway)
$NG top --db g.db -n 1 | head -1 | tr -s ' ' > t.txt
eq "$(cat t.txt)" "RANK ENTITY TYPE DEGREE MENTIONS" "top table header, by degree"
$NG top --db g.db -n 1 --by pagerank | head -1 | tr -s ' ' > t.txt
eq "$(cat t.txt)" "RANK ENTITY TYPE PAGERANK DEGREE MENTIONS" "top table header, by pagerank"
$NG top --db g.db -n 1 --by strength | sed -n 2p | awk '{print NF, $(NF-2), $(NF-1)}' > t.txt
eq "$(cat t.txt)" "7 7 6" "top table row, by strength"
run $NG top --db g.db --by nonsense
eq "$rc" 2 "top --by nonsense status"

# communities: deterministic for a seed; every non-isolated entity in one community
$NG communities --db g.db --seed 5 --json > c1.json
$NG communities --db g.db --seed 5 --json > c2.json
cmp -s c1.json c2.json || fail "communities not deterministic"
eq "$(j 'sum(c["size"] for c in d["communities"])' < c1.json)" 9 "community members"
$NG communities --db g.db --resolution 0.5 --members 2 | grep -q 'communities (leiden, seed 1, resolution 0.5' || fail "communities table"

# changed article replaces its contribution exactly
sed 's/Biden praised Stoltenberg./Biden praised NATO./' "$FIX" > changed.jsonl
python3 - changed.jsonl <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
a = rows[0]
t = a["text"]; s = t.index("Biden praised NATO.")
a["entities"] = [e for e in a["entities"] if not (e["field"] == "text" and e["start"] >= s)]
a["entities"] += [{"start": len(t[:s].encode()), "end": len(t[:s].encode()) + 5, "text": "Biden", "type": "PER", "id": "joe-biden", "name": "Joe Biden", "field": "text"},
                  {"start": len(t[:s].encode()) + 14, "end": len(t[:s].encode()) + 18, "text": "NATO", "type": "ORG", "id": "nato", "name": "NATO", "field": "text"}]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
run $NG ingest --db g.db changed.jsonl
grep -q '(0 added, 1 replaced, 4 unchanged)' out || fail "replacement summary: $(cat out) $(cat err)"
$NG stats --db g.db --check > /dev/null || fail "consistent after replacement"
$NG ingest -q --db fresh.db changed.jsonl
$NG stats --db g.db --json > a.json; $NG stats --db fresh.db --json > b.json
cmp -s a.json b.json || fail "replacement differs from a fresh ingest: $(cat a.json) vs $(cat b.json)"
$NG neighbors --db g.db joe-biden --json > a.json; $NG neighbors --db fresh.db joe-biden --json > b.json
cmp -s a.json b.json || fail "neighbors after replacement differ from a fresh ingest"
$NG neighbors --db g.db nato --json | j '[(x["id"], x["count"]) for x in d["neighbors"]]' > t.txt
eq "$(cat t.txt)" '[["joe-biden", 1], ["volodymyr-zelensky", 1]]' "new edge after replacement"

# forget
run $NG forget --db g.db a5
eq "$rc" 0 "forget status"
$NG stats --db g.db --json > f.json
eq "$(j '(d["articles"], d["entities"], d["edges"], d["mentions"])' < f.json)" "(4, 7, 11, 19)" "counts after forget"
$NG stats --db g.db --check > /dev/null || fail "consistent after forget"
run $NG entity --db g.db evil-sql
eq "$rc" 1 "forgotten entity gone"
run $NG forget --db g.db a5
eq "$rc" 1 "forget unknown status"
grep -q "no article with id 'a5'" err || fail "forget unknown message: $(cat err)"

# window mismatch refused
run $NG ingest --db g.db --window article "$FIX"
eq "$rc" 1 "window mismatch status"
grep -q 'built with --window sentence' err || fail "window mismatch message: $(cat err)"

# ambiguous names list the candidates
cat > amb.jsonl <<'J'
{"id":"p1","text":"Paris and Paris.","tagger":"newsgraph","entities":[{"start":0,"end":5,"text":"Paris","type":"LOC","id":"paris-fr","name":"Paris"},{"start":10,"end":15,"text":"Paris","type":"LOC","id":"paris-tx","name":"Paris"}]}
J
$NG ingest -q --db amb.db amb.jsonl
run $NG neighbors --db amb.db paris
eq "$rc" 1 "ambiguous status"
grep -q "'paris' is ambiguous; candidates: paris-fr (LOC, Paris), paris-tx (LOC, Paris)" err || fail "ambiguous message: $(cat err)"

# bad input: location, non-zero exit, nothing of the batch written
head -n 1 "$FIX" > bad.jsonl
printf '{"id":"b2","text":"x", "tagger":"newsgraph", "entities": [}\n' >> bad.jsonl
run $NG ingest --db bad.db bad.jsonl
eq "$rc" 1 "bad JSON status"
grep -q '^newsgraph: bad.jsonl:2:[0-9]*: invalid JSON' err || fail "bad JSON message: $(cat err)"
[ ! -e bad.db ] || fail "a failed first load leaves no database"
printf '{"id":"g0","text":"NATO met in Kyiv."}\n' > good.jsonl
$NG ingest -q --db bad3.db good.jsonl
run $NG ingest --db bad3.db bad.jsonl
eq "$rc" 1 "bad JSON status (existing database)"
eq "$($NG stats --db bad3.db --json | j 'd["articles"]')" 1 "nothing of the batch written on bad input"
printf '{"id":"b3","text":"Short.","tagger":"newsgraph","entities":[{"start":0,"end":99,"text":"Short","id":"x","type":"PER"}]}\n' > bad2.jsonl
run $NG ingest --db bad.db bad2.jsonl
eq "$rc" 1 "bad span status"
grep -q '^newsgraph: bad2.jsonl:1:[0-9]*: entities\[0\]: span 0-99 is outside the text (6 bytes)' err || fail "bad span message: $(cat err)"

# default database from $NEWSGRAPH_DB, missing database
$NG ingest -q "$FIX" && [ -f "$NEWSGRAPH_DB" ] || fail "NEWSGRAPH_DB"
run $NG stats --db nonexistent.db
eq "$rc" 1 "missing db status"
[ ! -f nonexistent.db ] || fail "a query created a database"

for c in ingest forget neighbors evidence path top communities entity stats export merge; do
  $NG $c --help > h.txt 2>&1 || fail "$c --help status"
  grep -q "^usage: newsgraph $c" h.txt || fail "$c --help text"
done
# regression: a NUL in an article's text (JSON \u0000) ended the evidence
# and path snippets there (NATO was missing from its own evidence)
printf '{"id":"n","text":"Kyiv \\u0000 and NATO met."}\n' > nul.jsonl
$NG ingest -q --db nul.db nul.jsonl || fail "ingest with a NUL"
eq "$($NG evidence --json --db nul.db kyiv nato | j 'd["evidence"][0]["snippet"]')" "Kyiv   and NATO met." "evidence snippet past a NUL"
$NG path --db nul.db kyiv nato > nulp.txt || fail "path with a NUL"
grep -q "Kyiv   and NATO met." nulp.txt || fail "path snippet past a NUL: $(cat nulp.txt)"
# regression: -t 'PER, LOC' silently dropped LOC and -t ',' matched nothing;
# a --until with a time silently took the whole day
for t in 'PER, LOC' ',' 'PER,' 'P R'; do
  run $NG neighbors --db g.db nato -t "$t"; eq "$rc" 2 "-t '$t' status"
done
run $NG neighbors --db g.db nato -t per,Custom_Type-2; eq "$rc" 0 "-t with any letter case, '_' and '-'"
run $NG export --db g.db -t 'PER, LOC' -o tt.graphml; eq "$rc" 2 "export -t 'PER, LOC' status"
run $NG neighbors --db g.db nato --until 2023-08-01T09:00:00Z; eq "$rc" 2 "--until with a time status"
grep -q "a day is expected" err || fail "--until with a time message: $(cat err)"
# regression: ingest had no --keep-going (one bad date lost the whole run);
# a numeric "published" was silently dropped
printf '%s\n' '{"id":"k0","published":"2023-01-01","text":"Joe Biden met Olaf Scholz."}' \
  '{"id":"k1","published":"2023-02-30","text":"Joe Biden met Olaf Scholz."}' '{bad json' \
  '{"id":"k3","tagger":"newsgraph","text":"Kyiv.","entities":[{"start":0,"end":99,"text":"Kyiv","id":"x","type":"LOC"}]}' \
  '{"id":"k4","published":1699999999,"text":"Kyiv."}' '{"id":"k5","published":null,"text":"Kyiv and NATO."}' > kg.jsonl
run $NG ingest --db kg.db kg.jsonl
eq "$rc" 1 "bad record without --keep-going status"
[ ! -e kg.db ] || fail "a failed first load left kg.db"
run $NG ingest --keep-going --json --db kg.db kg.jsonl
eq "$rc" 1 "--keep-going status (as tag's: the good records stored, exit 1)"
eq "$(j '[d["added"], d["skipped"]]' < out)" '[2, 4]' "--keep-going counts"
grep -q '^newsgraph: kg.jsonl:5:1: "published" must be a date string such as "2023-07-11" (not a number)$' err || fail "numeric published message: $(cat err)"
grep -q '^newsgraph: 4 bad records skipped$' err || fail "--keep-going summary: $(cat err)"
$NG stats --check --db kg.db > /dev/null || fail "--keep-going database consistent"
# regression: path --since/--until filtered the path but not its evidence
# (a sentence from an article outside the range was shown)
cat > dated.jsonl <<'EOF2'
{"id":"d1","published":"2023-07-11","text":"Jens Stoltenberg met Volodymyr Zelensky in Vilnius."}
{"id":"d2","published":"2023-08-01","text":"Volodymyr Zelensky met Jens Stoltenberg in Kyiv."}
{"id":"d3","published":"2023-09-15","text":"Володимир Зеленський зустрівся з Єнсом Столтенбергом у Києві."}
EOF2
$NG ingest -q --db dated.db dated.jsonl || fail "ingest dated"
eq "$($NG path --db dated.db jens-stoltenberg volodymyr-zelenskyy --until 2023-07 --limit 5 --json | j '[e["article"] for h in d["hops"] for e in h["evidence"]]')" '["d1"]' "path --until evidence"
eq "$($NG path --db dated.db jens-stoltenberg volodymyr-zelenskyy --since 2023-08 --limit 5 --json | j '[e["article"] for h in d["hops"] for e in h["evidence"]]')" '["d3", "d2"]' "path --since evidence"
eq "$($NG path --db dated.db jens-stoltenberg volodymyr-zelenskyy --limit 5 --json | j '[e["article"] for h in d["hops"] for e in h["evidence"]]')" '["d3", "d2", "d1"]' "path evidence, no dates"
# regression: the ego picture (svg, /api/ego) counted all-time mentions under
# a date range, while its links and the other exports counted the range's
$NG export --db dated.db -f svg --ego jens-stoltenberg --since 2023-08 -o ego.svg 2>/dev/null || fail "svg --since"
grep -q '<title>Jens Stoltenberg (PER, 2 mentions)</title>' ego.svg || fail "svg --since mentions: $(grep -o '<title>[^<]*' ego.svg)"
$NG export --db dated.db -f svg --ego jens-stoltenberg --until 2023-07 -o ego1.svg 2>/dev/null || fail "svg --until"
grep -q '<title>Jens Stoltenberg (PER, 1 mention)</title>' ego1.svg || fail "svg --until mentions: $(grep -o '<title>[^<]*' ego1.svg)"
# regression: evidence A A listed every window of A ("Putin and Putin"),
# path A A was 0 hops (or "no connection" under dates)
run $NG evidence --db dated.db "Jens Stoltenberg" jens-stoltenberg; eq "$rc" 2 "evidence A A status"
grep -q "^newsgraph: 'Jens Stoltenberg' and 'jens-stoltenberg' are the same entity (jens-stoltenberg): give two$" err || fail "evidence A A message: $(cat err)"
run $NG path --db dated.db jens-stoltenberg jens-stoltenberg --since 2030; eq "$rc" 2 "path A A status"
# regression: --json printed nothing for errors other than an unknown name
run $NG path --db dated.db jens-stoltenberg volodymyr-zelenskyy --since 2025 --json
eq "$rc" 1 "path without a connection status"
eq "$(j '[d["error"], d["message"]]' < out)" '["not_found", "no connection between '"'"'jens-stoltenberg'"'"' and '"'"'volodymyr-zelenskyy'"'"'"]' "--json error of path"
# regression: a name that is not UTF-8 was "entity lookup: out of memory"
# (or matched 'Kyiv' for 'Kyiv\xff'); now not found, and --json is valid
run $NG neighbors --db dated.db "$(printf 'Kyiv\377')" --json
eq "$rc" 1 "invalid UTF-8 name status"
eq "$(j '[d["error"], d["query"] == "Kyiv\ufffd"]' < out)" '["not_found", true]' "invalid UTF-8 name, --json"
grep -qF "(not valid UTF-8)" err || fail "invalid UTF-8 name message: $(cat err)"
# regression: names with control characters (from saved tag output) reached
# the terminal raw in the entity card, communities, evidence and path
python3 -c '
import json
print(json.dumps({"id":"z1","text":"Aaa met Bbb.","tagger":"newsgraph","entities":[
 {"start":0,"end":3,"text":"Aaa","type":"PER","id":"aaa","name":"Name\u001b[31m\u009b2J","field":"text"},
 {"start":8,"end":11,"text":"Bbb","type":"ORG","id":"bbb","name":"B\nb","field":"text"}]}))' > esc.jsonl
$NG ingest -q --db esc.db esc.jsonl || fail "ingest esc"
for c in "entity aaa" "communities" "evidence aaa bbb" "path aaa bbb" "neighbors aaa" "top"; do
  $NG $c --db esc.db > esc.out 2>&1 || fail "$c on esc.db"
  python3 -c 'import sys; b=open(sys.argv[1],"rb").read().decode(); sys.exit(any(ord(c) < 32 and c != "\n" or 127 <= ord(c) < 160 for c in b))' esc.out || fail "$c printed a control character"
  grep -q "^b$" esc.out && fail "$c broke a name across lines"
done
# regression: forget did not take a file's path as typed (./in/a.txt,
# $PWD/in/b.jsonl:2), while ingest makes them one article
mkdir -p fin; echo "Putin in Moscow." > fin/a.txt
printf '{"text":"Kyiv and NATO."}\n{"text":"Putin in Moscow."}\n' > fin/b.jsonl
$NG ingest -q --db fin.db fin || fail "ingest fin"
run $NG forget --db fin.db ./fin/a.txt "$PWD/fin/b.jsonl:2"; eq "$rc" 0 "forget by paths as typed"
eq "$(sqlite3 fin.db 'SELECT group_concat(key) FROM article')" "fin/b.jsonl:1" "forgotten by paths"
run $NG forget --db fin.db ./fin/zzz.txt; eq "$rc" 1 "forget of an unknown path"
done_tests
