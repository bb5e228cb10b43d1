#!/bin/sh
# make install PREFIX=… DESTDIR=…: binary, man page, shipped dictionaries and
# given-name lists (compiled, and as text); the installed binary finds them
# without flags (regression: the lists were not installed, so an installed
# binary's person rules knew no given name).
set -e
BUILD=${BUILD:-build}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
make -s --no-print-directory install BUILD="$BUILD" PREFIX=/opt/ng DESTDIR="$d/root" >/dev/null
root="$d/root/opt/ng"
for f in bin/newsgraph share/man/man1/newsgraph.1 share/newsgraph/shipped.ngd share/newsgraph/dictionaries/README.md share/newsgraph/dictionaries/people.tsv share/newsgraph/names.ngn share/newsgraph/dictionaries/names/given-uk.txt; do
  [ -f "$root/$f" ] || { echo "missing $f"; exit 1; }
done
printf 'Jens Stoltenberg visited Kyiv. Вчора Олександр Петренко прийшов.\n' > "$d/a.txt"
(cd /; env -u NEWSGRAPH_DICTIONARIES "$root/bin/newsgraph" tag --format tsv --no-header "$d/a.txt") > "$d/out"
cut -f6 "$d/out" > "$d/ids"
printf 'jens-stoltenberg\nua-kyiv\nper:oleksandr-petrenk\n' > "$d/want"
cmp "$d/ids" "$d/want"
