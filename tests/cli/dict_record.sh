#!/bin/sh
# The record of verified images (ng_dict_open_recorded, README "Compiled
# dictionaries"): tag lists an image it verified whole in
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
check "fresh image: not listed" test ! -e "$REC"
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
# changed in place after it was listed: verified again, refused
size=$(wc -c <k.ngd)
printf '\377\377\377\377' | dd of=k.ngd bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
run changed tag --no-shipped --no-user --dict k.ngd -f tsv --no-header in.txt
expect_rc changed 1
expect_out changed </dev/null
echo "newsgraph: k.ngd: compiled dictionary is corrupt (checksum mismatch)" | expect_err changed
finish
