#!/bin/sh
# Regression: writing to /dev/null (or any non-regular file) must not
# replace it. Outputs are written atomically (temp file + rename) only when
# the target is a regular file or does not exist. Uses a FIFO of our own,
# so that a failure cannot damage the machine's /dev/null.
set -e
: "${NG:?}"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkfifo "$d/fifo"
printf 'a\tLOC\tAlpha\n' > "$d/a.tsv"
check_fifo() { [ -p "$d/fifo" ] || { echo "FAIL: $1 replaced the FIFO"; exit 1; }; }
timeout 20 cat "$d/fifo" > "$d/got1" & "$NG" dict compile -q "$d/a.tsv" -o "$d/fifo"; wait
check_fifo "dict compile"
[ -s "$d/got1" ] || { echo "FAIL: dict compile wrote nothing into the FIFO"; exit 1; }
timeout 20 cat "$d/fifo" > "$d/got2" & "$NG" dict import --from annotations tests/data/eval/gold.jsonl -o "$d/fifo" 2>/dev/null; wait
[ -s "$d/got2" ] || { echo "FAIL: dict import wrote nothing into the FIFO"; exit 1; }
check_fifo "dict import"
"$NG" ingest --db "$d/g.db" tests/data/articles/sample.jsonl >/dev/null 2>&1
timeout 20 cat "$d/fifo" > "$d/got3" & "$NG" export --db "$d/g.db" --format graphml -o "$d/fifo" 2>/dev/null; wait
check_fifo "export"
grep -q '<graphml' "$d/got3" || { echo "FAIL: export wrote no GraphML into the FIFO"; exit 1; }
echo "special_outputs: ok"
