#!/bin/sh
# Lookup benchmark (usage: lookup_bench.sh BUILD DATA): ENTITY resolution
# (graph/lookup.c) on a database of ~100,000 generated entities
# (tools/bench/gen_lookup.py; ingest about 25 s, done once). Prints, for each
# rule, the median time of ng_store_lookup in an open store
# (tools/bench/lookup_time.c, 7 runs) and its answer.
set -e
BUILD=${1:-build}
DATA=${2:-bench-data}/lookup
NG=$(cd "$BUILD" && pwd)/newsgraph
mkdir -p "$DATA"
if [ ! -f "$DATA/l.db" ] || [ tools/bench/gen_lookup.py -nt "$DATA/l.db" ]; then
  python3 tools/bench/gen_lookup.py "$DATA" 100000
  rm -f "$DATA"/l.db*
  "$NG" ingest -q --db "$DATA/l.db" --no-shipped --dict "$DATA/dict.tsv" "$DATA/articles.jsonl"
fi
PKGS="libutf8proc igraph sqlite3 jansson zlib libxxhash"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Itagger -Igraph $(pkg-config --cflags $PKGS) -o "$BUILD/lookup_time" \
  tools/bench/lookup_time.c "$BUILD/libnewsgraph.a" $(pkg-config --libs $PKGS) -lpthread -lm
"$NG" stats --db "$DATA/l.db" | head -3
echo "aliases:   $(sqlite3 "$DATA/l.db" 'SELECT count(*) FROM alias' 2>/dev/null || echo ?)"
# id; name; alias in another case; case forms (one word, two words with
# 6,654 aliases sharing the prefix); surname (Latin, Cyrillic form, shared);
# typos; misses
"$BUILD/lookup_time" "$DATA/l.db" 7 e40 "Stepan Kybabain" "степан кибабаін" "Хивибаську" "Агенції Хевабаич" \
  "Степана Кибабаина" Kybabain Бабабаенко Кибабаина Kybabian "Stepan Kybabian" Хивибаск Бабабаенка Кия Олена "Xyzzy Quux"
