#!/bin/sh
# Saved 'tag --format jsonl --keep-text' output ingests into exactly the
# database that ingesting the articles directly gives; without --keep-text,
# tag output still carries the articles' metadata.
set -e
: "${NG:?}"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
in=tests/data/articles/sample.jsonl
"$NG" tag --format jsonl --keep-text "$in" > "$d/saved.jsonl"
"$NG" ingest --db "$d/a.db" "$in" 2>/dev/null
"$NG" ingest --db "$d/b.db" "$d/saved.jsonl" 2>/dev/null
"$NG" stats --db "$d/a.db" --json > "$d/a.json"
"$NG" stats --db "$d/b.db" --json > "$d/b.json"
cmp "$d/a.json" "$d/b.json"
"$NG" neighbors --db "$d/a.db" nato --json > "$d/a.n"
"$NG" neighbors --db "$d/b.db" nato --json > "$d/b.n"
cmp "$d/a.n" "$d/b.n"
"$NG" tag --format jsonl "$in" | head -n 1 > "$d/meta.jsonl"
python3 - "$d/meta.jsonl" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert r["id"] == "en-vilnius-summit", r["id"]
assert r["published"].startswith("2023-07-12"), r
assert r["lang"] == "en" and r["title"].startswith("NATO leaders"), r
assert "text" not in r
assert any(e["id"] == "jens-stoltenberg" for e in r["entities"])
PY
