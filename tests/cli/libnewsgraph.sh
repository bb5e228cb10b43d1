#!/bin/sh
# The installed C library (issue 14): make install DESTDIR=... stages
# libnewsgraph.so.0 (SONAME, version), libnewsgraph.a, the headers under
# include/newsgraph and newsgraph.pc; the README's "From C" program builds
# against the staged install with pkg-config (shared and static) and tags a
# text with the shipped dictionaries; the shared library exports exactly
# the functions the public headers declare.
. "$(dirname "$0")/setup"
BUILD=${BUILD:-build}
BUILD=$(cd "$BUILD" && pwd)
CC=${CC:-cc}
cd "$ROOT"
make -s --no-print-directory install BUILD="$BUILD" PREFIX=/opt/ng DESTDIR="$T/root" >/dev/null 2>"$T/install.err" ||
  { cat "$T/install.err"; exit 1; }
r=$T/root/opt/ng
for f in lib/libnewsgraph.so.0.1.0 lib/libnewsgraph.a lib/pkgconfig/newsgraph.pc include/newsgraph/base.h include/newsgraph/tagger.h \
         include/newsgraph/graph.h include/newsgraph/version.h include/newsgraph/newsgraph.h share/newsgraph/shipped.ngd; do
  check "installed $f" test -f "$r/$f"
done
check "libnewsgraph.so.0 -> libnewsgraph.so.0.1.0" test "$(readlink "$r/lib/libnewsgraph.so.0")" = libnewsgraph.so.0.1.0
check "libnewsgraph.so -> libnewsgraph.so.0.1.0" test "$(readlink "$r/lib/libnewsgraph.so")" = libnewsgraph.so.0.1.0
soname=$(readelf -d "$r/lib/libnewsgraph.so.0.1.0" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
check "SONAME libnewsgraph.so.0 (got '$soname')" test "$soname" = libnewsgraph.so.0

# exported symbols = the public API (the functions the installed headers declare)
nm -D --defined-only "$r/lib/libnewsgraph.so.0.1.0" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u > "$T/exported"
sh tools/libsyms.sh "$r"/include/newsgraph/*.h | sed -n 's/^    \(ng_[A-Za-z0-9_]*\);$/\1/p' | sort -u > "$T/declared"
check "exported symbols are the declared ones: $(diff "$T/declared" "$T/exported" | grep '^[<>]' | head -5 | tr '\n' ' ')" \
  cmp -s "$T/declared" "$T/exported"
check "public API is exported (ng_tagger_tag, ng_store_open, ng_version)" \
  sh -c "grep -qx ng_tagger_tag '$T/exported' && grep -qx ng_store_open '$T/exported' && grep -qx ng_version '$T/exported'"
# internal functions (declared in internal headers, defined in the objects) are not
nm --defined-only "$BUILD/libnewsgraph.a" 2>/dev/null | awk '$2 == "T" {print $3}' | sort -u > "$T/all"
check "the library has internal functions to hide" test "$(comm -23 "$T/all" "$T/declared" | wc -l)" -gt 10
comm -23 "$T/all" "$T/declared" > "$T/internal"
check "no internal function exported: $(comm -12 "$T/internal" "$T/exported" | head -3 | tr '\n' ' ')" \
  test -z "$(comm -12 "$T/internal" "$T/exported")"

# the README's program, built with pkg-config against the staged install
awk '/^## From C/ {s=1} s && /^```c$/ {c=1; next} c && /^```$/ {exit} c {print}' README.md > "$T/tag.c"
check "README has a From C program" test -s "$T/tag.c"
export PKG_CONFIG_PATH="$r/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$T/root"
cflags=$(pkg-config --cflags newsgraph) && libs=$(pkg-config --libs newsgraph) || { echo "FAIL pkg-config"; exit 1; }
check "pkg-config --libs: $libs" sh -c "echo '$libs' | grep -q -- '-L$r/lib -lnewsgraph'"
check "pkg-config --cflags: $cflags" sh -c "echo '$cflags' | grep -q -- '-I$r/include'"
check "pkg-config version $(pkg-config --modversion newsgraph)" test "$(pkg-config --modversion newsgraph)" = \
  "$(sed -n 's/^#define NG_VERSION_MAJOR //p;s/^#define NG_VERSION_MINOR //p;s/^#define NG_VERSION_PATCH //p' tagger/version.h | paste -sd.)"
shipped=$(pkg-config --variable=shipped newsgraph)
check "shipped variable $shipped" test "${shipped#"$T/root"}" = /opt/ng/share/newsgraph/shipped.ngd
shipped=$T/root${shipped#"$T/root"}
# shellcheck disable=SC2086
$CC -std=c11 "$T/tag.c" $cflags $libs ${LDFLAGS:-} -o "$T/tag" 2>"$T/cc.err" || { echo "FAIL build: $(cat "$T/cc.err")"; exit 1; }
check "linked against libnewsgraph.so.0" sh -c "readelf -d '$T/tag' | grep -q 'NEEDED.*libnewsgraph.so.0'"
LD_LIBRARY_PATH="$r/lib" "$T/tag" "$shipped" 'Jens Stoltenberg visited Kyiv.' > "$T/c.out" 2>"$T/c.err"
echo $? > "$T/c.rc"
expect_rc c 0
printf '0\t16\tPER\tjens-stoltenberg\n25\t29\tLOC\tua-kyiv\n' | expect_out c
# static: the same program with pkg-config --static
# shellcheck disable=SC2086
# (libnewsgraph.a itself, its dependencies as shared libraries: Debian's
# igraph.pc lists static-only dependencies that are not installed)
deps=$(pkg-config --print-requires --print-requires-private newsgraph | cut -d' ' -f1 | tr '\n' ' ')
check "Requires.private lists the dependencies: $deps" sh -c "echo '$deps' | grep -q igraph"
$CC -std=c11 "$T/tag.c" $cflags -L"$r/lib" -Wl,-Bstatic -lnewsgraph -Wl,-Bdynamic \
    $(pkg-config --libs $deps) -lpthread -lm ${LDFLAGS:-} -o "$T/tag-static" 2>"$T/cc2.err" ||
  { echo "FAIL static build: $(cat "$T/cc2.err")"; exit 1; }
check "static program does not need libnewsgraph.so" sh -c "! readelf -d '$T/tag-static' | grep -q 'NEEDED.*libnewsgraph'"
"$T/tag-static" "$shipped" 'Jens Stoltenberg visited Kyiv.' > "$T/s.out" 2>"$T/s.err"; echo $? > "$T/s.rc"
expect_rc s 0
printf '0\t16\tPER\tjens-stoltenberg\n25\t29\tLOC\tua-kyiv\n' | expect_out s
# a bad image: the error in file:line:col form, status 1
printf 'not an image\n' > "$T/bad.ngd"
LD_LIBRARY_PATH="$r/lib" "$T/tag" "$T/missing.ngd" 'x' > "$T/e.out" 2>"$T/e.err"; echo $? > "$T/e.rc"
expect_rc e 1
check "error names the file: $(cat "$T/e.err")" grep -q "^$T/missing.ngd" "$T/e.err"
# every installed header compiles on its own, all it includes is installed too
for h in "$r"/include/newsgraph/*.h; do
  b=$(basename "$h")
  printf '#include <newsgraph/%s>\nint main(void) { return 0; }\n' "$b" > "$T/h.c"
  # shellcheck disable=SC2086
  check "include <newsgraph/$b> alone compiles" $CC -std=c11 -Wall -Wextra -Werror -fsyntax-only $cflags "$T/h.c"
done
check "ng_strerror and ng_error_format (base.h) are exported" \
  sh -c "grep -qx ng_strerror '$T/exported' && grep -qx ng_error_format '$T/exported'"
# the version macros and ng_version() agree, and agree with NG_VERSION
cat > "$T/v.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <newsgraph/newsgraph.h>
int main(void) {
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", NG_VERSION_MAJOR, NG_VERSION_MINOR, NG_VERSION_PATCH);
    printf("%s %s %d %d %d\n", ng_version(), NG_VERSION, ng_version_major(), ng_version_minor(), ng_version_patch());
    return strcmp(want, ng_version()) || strcmp(NG_VERSION, ng_version());
}
C
# shellcheck disable=SC2086
$CC -std=c11 "$T/v.c" $cflags $libs ${LDFLAGS:-} -o "$T/v" && LD_LIBRARY_PATH="$r/lib" "$T/v" > "$T/v.out" 2>&1; echo $? > "$T/v.rc"
expect_rc v 0
check "version $(cat "$T/v.out")" grep -q '^0\.1\.0 0\.1\.0 0 1 0$' "$T/v.out"
finish
