#!/bin/sh
# Stages the Python package newsgraph in DEST (make python): the module,
# the shared library (DEST/newsgraph/_lib) and the shipped data, compiled
# image and given-name lists (DEST/newsgraph/_data), so that
# PYTHONPATH=DEST python3 -c 'import newsgraph' works without installing.
#   sh tools/python/stage.sh BUILD DEST
set -e
BUILD=$1 DEST=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$BUILD/libnewsgraph.so.0" ] && [ -f "$BUILD/shipped.ngd" ] && [ -f "$BUILD/names.ngn" ] || { echo "stage.sh: build $BUILD first (make lib)" >&2; exit 2; }
rm -rf "$DEST/newsgraph"
mkdir -p "$DEST/newsgraph/_lib" "$DEST/newsgraph/_data/names"
cp "$ROOT"/tools/python/newsgraph/*.py "$DEST/newsgraph/"
cp -L "$BUILD/libnewsgraph.so.0" "$DEST/newsgraph/_lib/libnewsgraph.so.0"
cp "$BUILD/shipped.ngd" "$DEST/newsgraph/_data/shipped.ngd"
cp "$BUILD/names.ngn" "$DEST/newsgraph/_data/names.ngn"
cp "$ROOT"/dictionaries/names/*.txt "$DEST/newsgraph/_data/names/"
# byte-compiled now, as pip install does: an import then reads the .pyc
# instead of compiling the module each time (18 ms and 60M instructions per
# process, more than the rest of the import; PYTHONDONTWRITEBYTECODE keeps
# an import from writing it)
${PYTHON:-python3} -m compileall -q "$DEST/newsgraph" >/dev/null
# the optional C helper that builds the span lists (tools/python/spans.c),
# when this Python's headers are there (Debian: python3-dev); without it the
# module builds them in Python, the same lists, slower
inc=$(${PYTHON:-python3} -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
ext=$(${PYTHON:-python3} -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
if [ -f "$inc/Python.h" ]; then
  ${NG_PY_CC:-cc} -std=c11 -O2 -shared -fPIC -Wall -Wextra -I"$inc" -o "$DEST/newsgraph/_spans$ext" "$ROOT/tools/python/spans.c"
else
  echo "stage.sh: no Python.h in $inc: newsgraph._spans not built (the module works without it, slower)" >&2
fi
