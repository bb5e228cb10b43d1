#!/bin/sh
# Runs every test: unit programs, data-driven case files (through the
# binary), CLI scripts and pathological inputs, NG_TEST_JOBS at a time.
# Prints one line per test as it ends, then the failures' output and a
# summary line "N passed, N failed".
#
# Environment:
#   VALGRIND     command prefixed to every run of a unit program and of the
#                binary (CLI scripts get NG = a wrapper that execs
#                "$VALGRIND $BUILD/newsgraph"), e.g. set by 'make valgrind'.
#   NG           the binary the CLI scripts run (default $BUILD/newsgraph).
#   NG_REPORTS   a directory where sanitizers/valgrind write their reports
#                (log_path / --log-file); a test that leaves a non-empty
#                report there fails, even if the script ignored the status.
#                Each test gets a folder of its own below it (the log_path
#                of ASAN_OPTIONS and UBSAN_OPTIONS is moved there, and
#                NG_REPORTS names it: valgrind's --log-file=%q{NG_REPORTS}/...).
#   NG_SANITIZER set by 'make asan' (pathological tests relax their bounds).
#   NG_TEST_JOBS tests run at once (default: the number of processors).
#
# 'run.sh --one BUILD RESULTS KIND PATH' runs one test (used by xargs).
if [ "${1:-}" = --one ]; then
  BUILD=$2; RES=$3; kind=$4; path=$5
  name=$kind/$(basename "$path")
  key=$(printf '%s' "$name" | tr '/' '_')
  if [ -n "${NG_REPORTS:-}" ]; then
    # this test's reports in a folder of its own
    rep=$NG_REPORTS/$key
    rm -rf "$rep" && mkdir -p "$rep"
    ASAN_OPTIONS=$(printf '%s' "${ASAN_OPTIONS:-}" | sed "s|log_path=$NG_REPORTS/|log_path=$rep/|g")
    UBSAN_OPTIONS=$(printf '%s' "${UBSAN_OPTIONS:-}" | sed "s|log_path=$NG_REPORTS/|log_path=$rep/|g")
    export ASAN_OPTIONS UBSAN_OPTIONS NG_REPORTS="$rep"
  fi
  t0=$(date +%s)
  case $kind in
    unit)  out=$($VALGRIND "$path" 2>&1); rc=$? ;;
    cases) out=$(python3 tests/cases/run_cases.py "$NG" "$path" 2>&1); rc=$? ;;
    *)     out=$(env NG="$NG" BUILD="$BUILD" sh "$path" 2>&1); rc=$? ;;
  esac
  secs=$(( $(date +%s) - t0 ))
  if [ -n "${NG_REPORTS:-}" ]; then
    for f in "$NG_REPORTS"/*; do
      [ -s "$f" ] || continue
      rc=98; out="$out
sanitizer/valgrind report: == $f
$(head -n 60 "$f")"
    done
    rm -rf "$NG_REPORTS"
  fi
  if [ $rc -eq 0 ]; then
    echo "ok   $name ($secs s)"; : > "$RES/$key.ok"
  else
    echo "FAIL $name ($secs s)"
    { echo "FAIL $name"; printf '%s\n' "$out" | tail -n 60 | sed 's/^/     /'; } > "$RES/$key.fail"
  fi
  exit 0
fi

BUILD=${1:-build}
BUILD=$(cd "$BUILD" && pwd)
SELF=$(cd "$(dirname "$0")" && pwd)/run.sh
cd "$(dirname "$0")/.."
if [ -z "${NG:-}" ]; then
  NG=$BUILD/newsgraph
  if [ -n "${VALGRIND:-}" ]; then
    mkdir -p "$BUILD/vg-bin"
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$BUILD/newsgraph" > "$BUILD/vg-bin/newsgraph"
    chmod +x "$BUILD/vg-bin/newsgraph"
    # (the scripts find the build's files next to NG: the given-name lists,
    # the shipped image, the library)
    for f in names.ngn shipped.ngd libnewsgraph.so.0; do ln -sf "$BUILD/$f" "$BUILD/vg-bin/$f"; done
    NG=$BUILD/vg-bin/newsgraph
  fi
fi
# python3 as the tests will find it, without a version manager's shim in
# between (pyenv's takes 0.3 s a start; the tests start python3 thousands
# of times): the interpreter it resolves to, linked first on PATH
PYREAL=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -n "$PYREAL" ] && [ -x "$PYREAL" ] && [ "$(command -v python3)" != "$PYREAL" ]; then
  mkdir -p "$BUILD/test-bin" && ln -sf "$PYREAL" "$BUILD/test-bin/python3" && PATH=$BUILD/test-bin:$PATH
  export PATH
fi
JOBS=${NG_TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
export NG NG_SANITIZER="${NG_SANITIZER:-}" VALGRIND="${VALGRIND:-}"
# no user dictionary ('dict add') of the person running the tests
export XDG_DATA_HOME="$BUILD/no-user-data"
# nor the record of verified dictionary images of the person running them
export XDG_CACHE_HOME="$BUILD/test-cache"
RES=$BUILD/test-results
rm -rf "$RES" && mkdir -p "$RES"
{
  # (quoted for xargs)
  for t in "$BUILD"/tests/test_*; do [ -x "$t" ] && echo "unit \"$t\""; done
  for c in tests/cases/*.txt; do [ -f "$c" ] && echo "cases \"$c\""; done
  for s in tests/cli/*.sh; do [ -f "$s" ] && echo "cli \"$s\""; done
  for s in tests/pathological/*.sh; do [ -f "$s" ] && echo "pathological \"$s\""; done
} > "$RES/list"
# longest first would balance better, but the order above is the one a
# reader expects; xargs hands the next test to whichever job is free
xargs -P "$JOBS" -n 2 sh "$SELF" --one "$BUILD" "$RES" < "$RES/list"
pass=$(find "$RES" -name '*.ok' | wc -l)
fail=$(find "$RES" -name '*.fail' | wc -l)
total=$(wc -l < "$RES/list")
echo
if [ "$fail" -gt 0 ]; then
  cat "$RES"/*.fail
  echo
  echo "failed:$(for f in "$RES"/*.fail; do head -n 1 "$f" | sed 's/^FAIL / /'; done | tr -d '\n')"
fi
if [ $((pass + fail)) -ne "$total" ]; then
  echo "run.sh: $total tests listed, $((pass + fail)) reported"; fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
