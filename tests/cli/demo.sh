#!/bin/sh
# make demo's script (tools/demo.sh) end to end, into a scratch build folder:
# it succeeds, shows the same entity ids in three languages (the first
# spans, not TSV's header row: a regression), ingests the 12 sample
# articles and writes the GraphML and SVG files.
. "$(dirname "$0")/setup"
mkdir -p "$T/b"
ln -s "$NG" "$T/b/newsgraph"
(cd "$ROOT" && sh tools/demo.sh "$T/b") >"$T/demo.out" 2>"$T/demo.err"
rc=$?
check "demo exits 0 ($(tail -3 "$T/demo.err"))" test $rc = 0
for l in en uk ru; do
  check "$l: the first span is NATO" grep -q "^$l: nato=" "$T/demo.out"
  check "$l: eight spans" test "$(grep "^$l: " "$T/demo.out" | tr ',' '\n' | wc -l)" = 8
done
check "no header row taken for a span" sh -c "! grep -q 'id=text' '$T/demo.out'"
check "12 articles ingested" grep -q "ingested 12 articles" "$T/demo.out"
check "Stoltenberg's neighbours, asked in Ukrainian" grep -q "^Jens Stoltenberg (PER, jens-stoltenberg)" "$T/demo.out"
check "GraphML written" test -s "$T/b/demo.graphml"
check "SVG written" grep -q "<svg" "$T/b/demo-ego.svg"
check "ends with the serve command" sh -c "tail -1 '$T/demo.out' | grep -q 'newsgraph serve --db'"
finish
