#!/bin/sh
# The three programs (tools/cli/newsgraph.c): newsgraph links neither igraph
# nor libmicrohttpd and runs newsgraph-graph for the graph commands and
# newsgraph-serve for serve, with the same arguments, from a build tree and
# from an installed one; newsgraph-graph links igraph but not libmicrohttpd.
# When the program a command needs is missing, the command fails with one
# clear message and the others still work.
. "$(dirname "$0")/setup"
BUILD=${BUILD:-build}
BUILD=$(cd "$BUILD" && pwd)
cd "$T"

# what each program links
ldd "$BUILD/newsgraph" > light.ldd
ldd "$BUILD/newsgraph-graph" > full.ldd
ldd "$BUILD/newsgraph-serve" > serve.ldd
check "newsgraph links no igraph: $(grep -c igraph light.ldd)" sh -c "! grep -q 'libigraph' light.ldd"
check "newsgraph links no libmicrohttpd" sh -c "! grep -q 'libmicrohttpd' light.ldd"
check "newsgraph-graph links igraph" grep -q 'libigraph' full.ldd
check "newsgraph-graph links no libmicrohttpd" sh -c "! grep -q 'libmicrohttpd' full.ldd"
check "newsgraph-serve links igraph" grep -q 'libigraph' serve.ldd
check "newsgraph-serve links libmicrohttpd" grep -q 'libmicrohttpd' serve.ldd

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
run helps serve --help
expect_rc helps 0
check "serve --help: the command's help" grep -q -- '--port' helps.out
"$BUILD/newsgraph-graph" serve --help > helpg.out 2>&1
check "serve --help from newsgraph-graph (status $?)" cmp -s helps.out helpg.out
run ver --version
check "--version names igraph" grep -q '^igraph ' ver.out

# newsgraph alone (no newsgraph-graph beside it), newsgraph-graph without
# newsgraph-serve: a clear message, status 2
mkdir alone
cp "$BUILD/newsgraph" "$BUILD/newsgraph-graph" alone/
# missing DIR PROGRAM CMD ARGS...: DIR/PROGRAM CMD ARGS fails for want of a program
missing() {
  dir=$1; prog=$2; cmd=$3; want=$4; shift 4
  if [ -x "/usr/local/libexec/newsgraph/$want" ]; then
    echo "(an installed $want in /usr/local/libexec/newsgraph: the missing case is not testable here)"
    return
  fi
  # (a program that has the command would serve: stopped, and a failure)
  timeout 20 "$dir/$prog" "$cmd" "$@" > miss.out 2> miss.err
  rc=$?
  check "$prog $cmd: status 2 (got $rc)" test "$rc" = 2
  check "$prog $cmd: nothing on stdout" test ! -s miss.out
  check "$prog $cmd: one line" test "$(wc -l < miss.err)" = 1
  check "$prog $cmd: names the command and the program: $(cat miss.err)" \
    grep -q "^newsgraph: '$cmd' is a command of $want, which was not found (looked for $dir/$want, " miss.err
}
rm alone/newsgraph-graph
missing "$T/alone" newsgraph top newsgraph-graph --db g.db
missing "$T/alone" newsgraph serve newsgraph-serve --db g.db
cp "$BUILD/newsgraph-graph" alone/
missing "$T/alone" newsgraph-graph serve newsgraph-serve --db g.db
missing "$T/alone" newsgraph serve newsgraph-serve --db g.db
alone/newsgraph top --db g.db --by degree > alone_top.out 2>&1
check "alone with newsgraph-graph: top runs (status $?)" test -s alone_top.out
printf 'Jens Stoltenberg visited Vilnius.\n' > a.txt
alone/newsgraph tag --no-shipped --dict "$ROOT/dictionaries/people.tsv" --format tsv --no-header a.txt > alone_tag.out 2> alone_tag.err
check "alone: tag works (status $?)" grep -q 'jens-stoltenberg' alone_tag.out

# installed: bin/newsgraph runs libexec/newsgraph/newsgraph-graph
cd "$ROOT"
make -s --no-print-directory install BUILD="$BUILD" PREFIX=/opt/ng DESTDIR="$T/root" >/dev/null 2>"$T/install.err" ||
  { cat "$T/install.err"; exit 1; }
cd "$T"
check "installed newsgraph-graph" test -x root/opt/ng/libexec/newsgraph/newsgraph-graph
check "installed newsgraph-serve" test -x root/opt/ng/libexec/newsgraph/newsgraph-serve
(cd / && "$T/root/opt/ng/bin/newsgraph" serve --help) > inst_serve.out 2>&1
check "installed: serve --help runs (status $?)" cmp -s inst_serve.out helps.out
(cd / && "$T/root/opt/ng/bin/newsgraph" top --db "$T/g.db" --by degree) > inst.out 2> inst.err
"$BUILD/newsgraph-graph" top --db "$T/g.db" --by degree > top.out
check "installed: a graph command runs (status $?)" cmp -s inst.out top.out
finish
