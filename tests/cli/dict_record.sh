#!/bin/sh
# The record of verified images (ng_dict_open_recorded, README "Compiled
# dictionaries") and compiled given-name lists
# (ng_namelist_add_file_recorded): tag lists an image it verified whole in
# $XDG_CACHE_HOME/newsgraph/verified-images (else ~/.cache/...), once its
# last change is two seconds old; NEWSGRAPH_VERIFY=full keeps no record; an
# image changed in place after it was listed is verified again and refused
# when corrupt; the output is the same whether the image was trusted or not.
. "$(dirname "$0")/setup"
cd "$T"
printf 'loc_kyiv\tLOC\tKyiv\tКиїв|Київ\norg_nato\tORG\tNATO\tНАТО\n' >k.tsv
$NG dict compile -q --no-shipped k.tsv -o k.ngd
cp k.ngd full.ngd
printf 'НАТО у Києві, Kyiv.' >in.txt
REC=$XDG_CACHE_HOME/newsgraph/verified-images
run fresh tag --no-shipped --no-user --dict k.ngd -f tsv --no-header in.txt
expect_rc fresh 0
check "fresh image: tagged" grep -q 'org_nato' fresh.out
# (a fresh file is listed once its change time is two seconds old: under
# valgrind the compile and the tag's start take longer than that)
[ -n "${UNDER_VALGRIND}" ] || check "fresh image: not listed" test ! -e "$REC"
sleep 3
run first tag --no-shipped --no-user --dict k.ngd -f tsv --no-header in.txt
expect_rc first 0
check "settled image: listed" test "$(grep -c " $(stat -c %i k.ngd) $(stat -c %s k.ngd) " "$REC")" = 1
check "the record's header" sh -c "head -1 '$REC' | grep -qx 'newsgraph verified images 1'"
run second tag --no-shipped --no-user --dict k.ngd -f tsv --no-header in.txt
expect_rc second 0
check "listed image: the same output" cmp -s first.out second.out
check "listed image: the same output as fresh" cmp -s fresh.out second.out
check "listed once" test "$(grep -c " $(stat -c %i k.ngd) " "$REC")" = 1
# NEWSGRAPH_VERIFY=full: no record kept or read
NEWSGRAPH_VERIFY=full $NG tag --no-shipped --no-user --dict full.ngd -f tsv --no-header in.txt >full.out 2>full.err
check "NEWSGRAPH_VERIFY=full: tagged" cmp -s first.out full.out
check "NEWSGRAPH_VERIFY=full: not listed" sh -c "! grep -q ' $(stat -c %i full.ngd) ' '$REC'"
# no XDG_CACHE_HOME: under HOME
mkdir home
env -u XDG_CACHE_HOME HOME="$T/home" $NG tag --no-shipped --no-user --dict full.ngd -f tsv --no-header in.txt >home.out 2>home.err
check "HOME: tagged" cmp -s first.out home.out
check "HOME: ~/.cache/newsgraph/verified-images" grep -q " $(stat -c %i full.ngd) " home/.cache/newsgraph/verified-images
# a record that cannot be made: tagged all the same
env -u XDG_CACHE_HOME HOME=/nonexistent/home $NG tag --no-shipped --no-user --dict full.ngd -f tsv --no-header in.txt >nohome.out 2>nohome.err
check "no record possible: tagged, no message" sh -c "cmp -s first.out nohome.out && test ! -s nohome.err"
# a compiled given-name list (tag --names) in the same record, under the
# lists' rules (1001): listed once settled, then trusted; the same output
printf 'Olena\nОлена\n' >given.txt
$NG dict compile-names -q given.txt -o given.ngn
printf 'Olena Kovalenko said. Олена Коваленко сказала.' >names.txt
run nfresh tag --no-shipped --no-user --dict k.ngd --names given.ngn -f tsv --no-header names.txt
expect_rc nfresh 0
check "fresh list: a person found" grep -q 'Kovalenko' nfresh.out
[ -n "${UNDER_VALGRIND}" ] || check "fresh list: not listed" sh -c "! grep -q ' $(stat -c %i given.ngn) ' '$REC'"
sleep 3
run nfirst tag --no-shipped --no-user --dict k.ngd --names given.ngn -f tsv --no-header names.txt
expect_rc nfirst 0
check "settled list: listed under the lists' rules" grep -q " $(stat -c %i given.ngn) $(stat -c %s given.ngn) .* 1001\$" "$REC"
run nsecond tag --no-shipped --no-user --dict k.ngd --names given.ngn -f tsv --no-header names.txt
expect_rc nsecond 0
check "listed list: the same output" cmp -s nfresh.out nsecond.out
check "list listed once" test "$(grep -c " $(stat -c %i given.ngn) " "$REC")" = 1
size=$(wc -c <given.ngn)
printf '\001' | dd of=given.ngn bs=1 seek=$((size - 3)) conv=notrunc 2>/dev/null
run nchanged tag --no-shipped --no-user --dict k.ngd --names given.ngn -f tsv --no-header names.txt
expect_rc nchanged 1
echo "newsgraph: given.ngn: corrupt compiled name list" | expect_err nchanged
# changed in place after it was listed: verified again, refused
size=$(wc -c <k.ngd)
printf '\377\377\377\377' | dd of=k.ngd bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
run changed tag --no-shipped --no-user --dict k.ngd -f tsv --no-header in.txt
expect_rc changed 1
expect_out changed </dev/null
echo "newsgraph: k.ngd: compiled dictionary is corrupt (checksum mismatch)" | expect_err changed
finish
