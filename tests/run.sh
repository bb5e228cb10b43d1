#!/bin/sh
# Runs every test: unit programs, data-driven case files (through the
# binary), and CLI scripts. Prints a summary line "N passed, N failed".
BUILD=${1:-build}
BUILD=$(cd "$BUILD" && pwd)
cd "$(dirname "$0")/.."
pass=0; fail=0; failed=""
run() { # name command...
  name=$1; shift
  out=$("$@" 2>&1); rc=$?
  if [ $rc -eq 0 ]; then pass=$((pass+1)); echo "ok   $name"
  else fail=$((fail+1)); failed="$failed $name"; echo "FAIL $name"; printf '%s\n' "$out" | tail -n 40 | sed 's/^/     /'
  fi
}
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  run "unit/$(basename "$t")" $VALGRIND "$t"
done
for c in tests/cases/*.txt; do
  [ -f "$c" ] || continue
  run "cases/$(basename "$c")" python3 tests/cases/run_cases.py "$BUILD/newsgraph" "$c"
done
for s in tests/cli/*.sh; do
  [ -f "$s" ] || continue
  run "cli/$(basename "$s")" env NG="$BUILD/newsgraph" BUILD="$BUILD" sh "$s"
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
