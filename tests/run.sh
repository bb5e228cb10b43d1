#!/bin/sh
# Runs every test: unit programs, data-driven case files (through the
# binary), CLI scripts and pathological inputs. Prints a summary line
# "N passed, N failed".
#
# Environment:
#   VALGRIND     command prefixed to every run of a unit program and of the
#                binary (CLI scripts get NG = a wrapper that execs
#                "$VALGRIND $BUILD/newsgraph"), e.g. set by 'make valgrind'.
#   NG           the binary the CLI scripts run (default $BUILD/newsgraph).
#   NG_REPORTS   a directory where sanitizers/valgrind write their reports
#                (log_path / --log-file); a test that leaves a non-empty
#                report there fails, even if the script ignored the status.
#   NG_SANITIZER set by 'make asan' (pathological tests relax their bounds).
BUILD=${1:-build}
BUILD=$(cd "$BUILD" && pwd)
cd "$(dirname "$0")/.."
if [ -z "${NG:-}" ]; then
  NG=$BUILD/newsgraph
  if [ -n "${VALGRIND:-}" ]; then
    mkdir -p "$BUILD/vg-bin"
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$BUILD/newsgraph" > "$BUILD/vg-bin/newsgraph"
    chmod +x "$BUILD/vg-bin/newsgraph"
    NG=$BUILD/vg-bin/newsgraph
  fi
fi
export NG_SANITIZER="${NG_SANITIZER:-}" VALGRIND="${VALGRIND:-}"
# no user dictionary ('dict add') of the person running the tests
export XDG_DATA_HOME="$BUILD/no-user-data"
pass=0; fail=0; failed=""
reports() { # prints and removes the non-empty reports in $NG_REPORTS
  [ -n "${NG_REPORTS:-}" ] && [ -d "$NG_REPORTS" ] || return 1
  found=1
  for f in "$NG_REPORTS"/*; do
    [ -f "$f" ] || continue
    if [ -s "$f" ]; then found=0; echo "== $f"; head -n 60 "$f"; fi
    rm -f "$f"
  done
  return $found
}
run() { # name command...
  name=$1; shift
  out=$("$@" 2>&1); rc=$?
  if rep=$(reports); then rc=98; out="$out
sanitizer/valgrind report:
$rep"; fi
  if [ $rc -eq 0 ]; then pass=$((pass+1)); echo "ok   $name"
  else fail=$((fail+1)); failed="$failed $name"; echo "FAIL $name"; printf '%s\n' "$out" | tail -n 60 | sed 's/^/     /'
  fi
}
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  run "unit/$(basename "$t")" $VALGRIND "$t"
done
for c in tests/cases/*.txt; do
  [ -f "$c" ] || continue
  run "cases/$(basename "$c")" python3 tests/cases/run_cases.py "$NG" "$c"
done
for s in tests/cli/*.sh; do
  [ -f "$s" ] || continue
  run "cli/$(basename "$s")" env NG="$NG" BUILD="$BUILD" sh "$s"
done
for s in tests/pathological/*.sh; do
  [ -f "$s" ] || continue
  run "pathological/$(basename "$s")" env NG="$NG" BUILD="$BUILD" sh "$s"
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
