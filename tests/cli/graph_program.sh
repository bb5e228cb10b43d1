#!/bin/sh
# The two programs (tools/cli/newsgraph.c): newsgraph links neither igraph
# nor libmicrohttpd and runs newsgraph-graph for the graph commands, with
# the same arguments, from a build tree and from an installed one; when
# newsgraph-graph is missing, a graph command fails with one clear message
# and the tagging commands still work.
. "$(dirname "$0")/setup"
BUILD=${BUILD:-build}
BUILD=$(cd "$BUILD" && pwd)
cd "$T"

# what each program links
ldd "$BUILD/newsgraph" > light.ldd
ldd "$BUILD/newsgraph-graph" > full.ldd
check "newsgraph links no igraph: $(grep -c igraph light.ldd)" sh -c "! grep -q 'libigraph' light.ldd"
check "newsgraph links no libmicrohttpd" sh -c "! grep -q 'libmicrohttpd' light.ldd"
check "newsgraph-graph links igraph" grep -q 'libigraph' full.ldd
check "newsgraph-graph links libmicrohttpd" grep -q 'libmicrohttpd' full.ldd

# a graph command through newsgraph: same output as newsgraph-graph's
printf '{"id":"a1","text":"Jens Stoltenberg met Olaf Scholz in Vilnius. Jens Stoltenberg spoke in Brussels."}\n{"id":"a2","text":"Olaf Scholz visited Vilnius."}\n' > arts.jsonl
run ingest ingest --db g.db arts.jsonl
expect_rc ingest 0
for q in "top --db g.db --by degree" "neighbors --db g.db olaf-scholz" "stats --db g.db"; do
  # shellcheck disable=SC2086
  run light $q
  # shellcheck disable=SC2086
  "$BUILD/newsgraph-graph" $q > full.out 2> full.err
  echo $? > full.rc
  check "$q: status $(cat light.rc)" test "$(cat light.rc)" = 0
  check "$q: same output" cmp -s light.out full.out
  check "$q: something printed" test -s light.out
done
# errors keep the program's name and status
run badq top --db missing.db
"$BUILD/newsgraph-graph" top --db missing.db > full.out 2> full.err
echo $? > full.rc
check "graph command error: same message" cmp -s badq.err full.err
check "graph command error: same status" cmp -s badq.rc full.rc
check "graph command error: says newsgraph" grep -q '^newsgraph: ' badq.err
# help of a graph command
run help help top
expect_rc help 0
check "help top: the command's help" grep -q -- '--db' help.out
run ver --version
check "--version names igraph" grep -q '^igraph ' ver.out

# newsgraph alone (no newsgraph-graph beside it): a clear message, status 2
mkdir alone
cp "$BUILD/newsgraph" alone/
alone/newsgraph top --db g.db > alone.out 2> alone.err
rc=$?
if [ -x /usr/local/libexec/newsgraph/newsgraph-graph ]; then
  echo "(an installed newsgraph-graph in /usr/local/libexec/newsgraph: the missing case is not testable here)"
  check "alone: runs the installed one" test "$rc" = 0
else
  check "alone: status 2 (got $rc)" test "$rc" = 2
  check "alone: nothing on stdout" test ! -s alone.out
  check "alone: one line" test "$(wc -l < alone.err)" = 1
  check "alone: names the command and the program: $(cat alone.err)" \
    grep -q "^newsgraph: 'top' is a command of newsgraph-graph, which was not found (looked for $T/alone/newsgraph-graph, " alone.err
fi
printf 'Jens Stoltenberg visited Vilnius.\n' > a.txt
alone/newsgraph tag --no-shipped --dict "$ROOT/dictionaries/people.tsv" --format tsv --no-header a.txt > alone_tag.out 2> alone_tag.err
check "alone: tag works (status $?)" grep -q 'jens-stoltenberg' alone_tag.out

# installed: bin/newsgraph runs libexec/newsgraph/newsgraph-graph
cd "$ROOT"
make -s --no-print-directory install BUILD="$BUILD" PREFIX=/opt/ng DESTDIR="$T/root" >/dev/null 2>"$T/install.err" ||
  { cat "$T/install.err"; exit 1; }
cd "$T"
check "installed newsgraph-graph" test -x root/opt/ng/libexec/newsgraph/newsgraph-graph
(cd / && "$T/root/opt/ng/bin/newsgraph" top --db "$T/g.db" --by degree) > inst.out 2> inst.err
"$BUILD/newsgraph-graph" top --db "$T/g.db" --by degree > top.out
check "installed: a graph command runs (status $?)" cmp -s inst.out top.out
finish
