#!/bin/sh
# The shipped dictionaries, with no flags, tag the sample articles:
#  1. exactly the expected entities and offsets (tests/data/articles/expected/*.tsv);
#  2. the same entity ids for the same story in English, Ukrainian and Russian.
# Regenerate the expected files after a deliberate change with:
#   NG=build/newsgraph UPDATE=1 sh tests/cli/samples.sh
set -e
: "${NG:?}"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
exp=tests/data/articles/expected
fail=0
for f in tests/data/articles/*/*.txt; do
  lang=$(basename "$(dirname "$f")"); story=$(basename "$f" .txt)
  "$NG" tag --format tsv --no-header "$f" | cut -f3- > "$d/$lang-$story.tsv"
  if [ -n "$UPDATE" ]; then cp "$d/$lang-$story.tsv" "$exp/$lang-$story.tsv"; continue; fi
  if ! cmp -s "$d/$lang-$story.tsv" "$exp/$lang-$story.tsv"; then
    echo "FAIL: $f: entities differ from $exp/$lang-$story.tsv"; diff "$exp/$lang-$story.tsv" "$d/$lang-$story.tsv" | head -20
    fail=1
  fi
done
for story in $(ls tests/data/articles/en | sed 's/\.txt$//'); do
  for lang in en uk ru; do cut -f4 "$d/$lang-$story.tsv" | sort -u > "$d/$lang.ids"; done
  n=$(wc -l < "$d/en.ids")
  [ "$n" -ge 15 ] || { echo "FAIL: $story: only $n entities in English"; fail=1; }
  for lang in uk ru; do
    if ! cmp -s "$d/en.ids" "$d/$lang.ids"; then
      echo "FAIL: $story: entity ids differ between en and $lang:"; diff "$d/en.ids" "$d/$lang.ids" | head; fail=1
    fi
  done
done
# the JSON Lines edition gives the same spans for the text field
"$NG" tag tests/data/articles/sample.jsonl > "$d/sample.jsonl"
[ "$(wc -l < "$d/sample.jsonl")" -eq 12 ] || { echo "FAIL: sample.jsonl: expected 12 output lines"; fail=1; }
exit $fail
