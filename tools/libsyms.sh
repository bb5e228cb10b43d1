#!/bin/sh
# Writes the linker version script of libnewsgraph.so to stdout: the
# functions the public headers given as arguments declare are global (the
# public API), every other symbol is local. Used by the Makefile; the test
# tests/cli/libnewsgraph.sh checks the result with nm.
#   sh tools/libsyms.sh HEADER...
# A declaration is an identifier ng_* followed by '(' outside comments and
# preprocessor lines (function-pointer typedefs, "(*ng_x_fn)(", are not).
set -e
echo "NEWSGRAPH_0 {"
echo "  global:"
awk '
  { line = $0
    out = ""
    while (length(line) > 0) {
      if (incomment) {
        i = index(line, "*/")
        if (i == 0) { line = ""; break }
        line = substr(line, i + 2); incomment = 0
      } else {
        i = index(line, "/*"); j = index(line, "//")
        if (j > 0 && (i == 0 || j < i)) { out = out substr(line, 1, j - 1); line = ""; break }
        if (i == 0) { out = out line; line = ""; break }
        out = out substr(line, 1, i - 1) " "; line = substr(line, i + 2); incomment = 1
      }
    }
    if (out ~ /^[ \t]*#/) { cont = (out ~ /\\$/); next }
    if (cont) { cont = (out ~ /\\$/); next }
    while (match(out, /ng_[A-Za-z0-9_]*[ \t]*\(/)) {
      prev = substr(out, 1, RSTART - 1)
      name = substr(out, RSTART, RLENGTH)
      out = substr(out, RSTART + RLENGTH)
      sub(/[ \t]*\($/, "", name)
      if (prev ~ /[A-Za-z0-9_]$/ || prev ~ /\([ \t]*\*[ \t]*$/) continue
      print "    " name ";"
    }
  }' "$@" | sort -u
echo "  local: *;"
echo "};"
