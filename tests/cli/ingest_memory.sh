#!/bin/sh
# Memory limits (Hardening II, item 17): SQLite's cache is sized to the
# memory the process may use (ulimit -v), so an ingest under a limit works;
# one that runs out says so, exits 1 and leaves whole articles only.
# Address-space limits cannot apply under ASan or valgrind, which reserve
# terabytes of address space: there this test only builds its data.
. "$(dirname "$0")/setup"
cd "$T"
python3 "$ROOT/tools/bench/gen_graph.py" data 4000 2000 --tagged > /dev/null || { echo "FAIL generate"; exit 1; }
if [ -n "${NG_SANITIZER:-}${UNDER_VALGRIND}" ]; then finish; fi
( ulimit -v 250000; "$NG" ingest -q --no-shipped --db lim.db data/tagged.jsonl ) > lim.out 2>&1
check "ingest of 4000 articles under ulimit -v 250000" [ $? = 0 ]
"$NG" ingest -q --no-shipped --db ref.db data/tagged.jsonl
"$NG" stats --db lim.db --json > a.json; "$NG" stats --db ref.db --json > b.json
check "the same database as without a limit" cmp -s a.json b.json
( ulimit -v 90000; "$NG" ingest -q --no-shipped --db small.db data/tagged.jsonl ) > small.out 2>&1
rc=$?
check "out of memory: exit 1" [ $rc = 1 ]
check "out of memory: said" grep -q 'out of memory' small.out
if [ -f small.db ]; then
  check "out of memory: whole articles only" sh -c '"$1" stats --db small.db --check > /dev/null' sh "$NG"
fi
finish
