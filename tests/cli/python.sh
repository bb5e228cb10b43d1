#!/bin/sh
# The Python module (issue 14): staged as 'make python' does, its unit tests
# (tools/python/tests, python3 -m unittest) against the library and a graph
# database ingested by the CLI; installed offline with pip from the source
# tree (python3 -m pip install --no-build-isolation), then imported from
# elsewhere.
. "$(dirname "$0")/setup"
BUILD=${BUILD:-build}
BUILD=$(cd "$BUILD" && pwd)
cd "$ROOT"
sh tools/python/stage.sh "$BUILD" "$T/py"
check "staged byte-compiled (an import does not compile the module)" sh -c "ls '$T'/py/newsgraph/__pycache__/__init__.*.pyc"
# under sanitizers the library needs its runtime loaded first
if [ -n "${NG_SANITIZER:-}" ]; then
  # (gcc: libasan.so; clang: its shared runtime, which also holds UBSan's)
  # (clang also finds gcc's libasan.so: ask for its own first)
  case $(${CC:-cc} --version 2>/dev/null) in
    *clang*) names="libclang_rt.asan-x86_64.so" ;;
    *) names="libasan.so" ;;
  esac
  for n in $names; do
    rt=$(${CC:-cc} -print-file-name=$n)
    case $rt in /*) [ -f "$rt" ] && break ;; esac
    rt=
  done
fi
# (the CLI before the preload: a clang binary carries its own static runtime,
# which a preloaded shared one would clash with)
"$NG" ingest --db "$T/g.db" tests/data/graph/articles.jsonl > "$T/ingest.out" 2>&1 || { echo "FAIL ingest"; tail -5 "$T/ingest.out"; exit 1; }
PYNG=$NG
if [ -n "${rt:-}" ]; then
  export LD_PRELOAD="$rt" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  # the tests run the CLI too: without the preload, for the same reason
  printf '#!/bin/sh\nunset LD_PRELOAD\nexec "%s" "$@"\n' "$NG" > "$T/ng" && chmod +x "$T/ng" && PYNG=$T/ng
fi
PYTHONPATH="$T/py" ROOT="$ROOT" NG="$PYNG" NG_TEST_DB="$T/g.db" python3 -m unittest discover -s tools/python/tests -t tools/python/tests \
  > "$T/unit.out" 2>&1; echo $? > "$T/unit.rc"
expect_rc unit 0
grep -q '^OK' "$T/unit.out" || { tail -30 "$T/unit.out"; }
check "unittest ran the tests: $(grep '^Ran' "$T/unit.out")" grep -q '^Ran [1-9][0-9] tests' "$T/unit.out"
check "no test skipped: $(grep 'skipped' "$T/unit.out")" sh -c "! grep -q skipped '$T/unit.out'"

# pip install from a copy of the source tree (an in-tree build would leave
# build/ and *.egg-info in tools/python), offline, into a target directory
# (Debian's python3 has pip, setuptools and wheel; a python3 earlier on PATH,
# e.g. pyenv's, may lack wheel)
PIPPY=
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import setuptools, wheel' 2>/dev/null && "$py" -m pip --version >/dev/null 2>&1; then PIPPY=$py; break; fi
done
check "a python3 with pip, setuptools and wheel (Debian: python3-pip python3-setuptools python3-wheel)" test -n "$PIPPY"
# (not under sanitizers: the installed module would carry the instrumented
# library, which a Python without the sanitizer runtime preloaded cannot load)
if [ -z "${NG_SANITIZER:-}" ] && [ -n "$PIPPY" ]; then
  mkdir -p "$T/src/tools"
  cp -R tools/python "$T/src/tools/python"
  NEWSGRAPH_SRC="$ROOT" NEWSGRAPH_BUILD="$BUILD" "$PIPPY" -m pip install -q --no-index --no-build-isolation \
      --disable-pip-version-check --no-compile --target "$T/site" "$T/src/tools/python" > "$T/pip.err" 2>&1
  echo $? > "$T/pip.rc"
  expect_rc pip 0
  (cd / && env -u NEWSGRAPH_DICTIONARIES PYTHONPATH="$T/site" "$PIPPY" -c '
import newsgraph
print(newsgraph.__file__.startswith("'"$T/site"'"), [(s.text, s.id) for s in newsgraph.Tagger().tag("Jens Stoltenberg visited Kyiv.")])
') > "$T/pipuse.out" 2>"$T/pipuse.err"
  echo "True [('Jens Stoltenberg', 'jens-stoltenberg'), ('Kyiv', 'ua-kyiv')]" | expect_out pipuse
fi
finish
