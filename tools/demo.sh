#!/bin/sh
# make demo: the main job end to end on the shipped sample articles
# (tests/data/articles: the same four stories in English, Ukrainian, Russian).
set -e
BUILD=${1:-build}
NG="$BUILD/newsgraph"
DB="$BUILD/demo.db"
ARTICLES=tests/data/articles/sample.jsonl
rm -f "$DB" "$DB-wal" "$DB-shm"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "tag: a Ukrainian article, entities highlighted"
"$NG" tag --format pretty --color never tests/data/articles/uk/vilnius-summit.txt | sed -n '1,6p'

step "tag: the same entity ids in three languages (first 8 spans of each edition)"
for l in en uk ru; do
  printf '%s: ' "$l"
  "$NG" tag --format tsv --no-header "tests/data/articles/$l/vilnius-summit.txt" | head -n 8 | cut -f8,6 | tr '\t\n' '=,' | sed 's/,$//'
  echo
done

step "ingest the 12 articles into $DB"
"$NG" ingest --db "$DB" "$ARTICLES"

step "top entities by PageRank"
"$NG" top --db "$DB" --by pagerank --top 10

step "neighbours of Stoltenberg (asked in Ukrainian: Столтенберг)"
"$NG" neighbors --db "$DB" "Столтенберг" --top 8

step "evidence: Jens Stoltenberg and NATO"
"$NG" evidence --db "$DB" "Jens Stoltenberg" "NATO" --limit 3

step "export to GraphML"
"$NG" export --db "$DB" --format graphml -o "$BUILD/demo.graphml"
ls -l "$BUILD/demo.graphml"
echo
echo "Open $BUILD/demo.graphml in Gephi or Cytoscape, or query $DB with 'newsgraph --help'."

step "explore it in a browser"
"$NG" export --db "$DB" --format svg --ego "Jens Stoltenberg" --depth 2 -o "$BUILD/demo-ego.svg"
echo "Try the web explorer (search, ego networks, evidence, highlighted articles) at http://127.0.0.1:8080/ with:"
echo
echo "    $NG serve --db $DB"
