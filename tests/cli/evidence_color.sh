#!/bin/sh
# evidence (and path) highlight both entities on a terminal (issue 14):
# --color auto (the default: only when stdout is a terminal and NO_COLOR is
# not set), always, never; a bad value is a usage error. tag's pretty
# format respects NO_COLOR too. The terminal is script(1)'s pseudo-terminal.
. "$(dirname "$0")/setup"
cd "$T"
printf 'org_a\tORG\tQuarvex Group\nper_b\tPER\tMilo Drennick\tDrennick\n' > d.tsv
printf '{"id":"a1","published":"2024-01-02","text":"Milo Drennick joined Quarvex Group. Drennick said Quarvex Group grows."}\n' > e.jsonl
$NG ingest -q --no-shipped --dict d.tsv --db e.db e.jsonl || { echo "FAIL ingest"; exit 1; }
E=$(printf '\033')
C="${E}[1;36m" Y="${E}[1;33m" R="${E}[0m"
$NG evidence --db e.db --color always per_b org_a > always.out
check "--color always: A cyan, B yellow: $(cat -v always.out | tail -2)" \
  grep -qF "  ${C}Milo Drennick${R} joined ${Y}Quarvex Group${R}." always.out
$NG evidence --db e.db per_b org_a > pipe.out
check "not a terminal: no colour" sh -c "! grep -q '$E' pipe.out"
check "not a terminal: the snippet as before" grep -qx '  Milo Drennick joined Quarvex Group.' pipe.out
NO_COLOR=1 $NG evidence --db e.db --color always per_b org_a > nc_always.out
check "--color always beats NO_COLOR" grep -qF "$C" nc_always.out
$NG path --db e.db --color always per_b org_a > path.out
check "path: the hop's evidence highlighted" grep -qF "${C}Milo Drennick${R} joined ${Y}Quarvex Group${R}" path.out
if command -v script > /dev/null 2>&1 && script -qec true /dev/null > /dev/null 2>&1; then
  script -qec "$NG evidence --db e.db per_b org_a" /dev/null > tty.out 2>&1
  check "terminal: colour by default: $(cat -v tty.out | tail -1)" grep -qF "${C}Milo Drennick${R}" tty.out
  NO_COLOR=1 script -qec "$NG evidence --db e.db per_b org_a" /dev/null > tty_nc.out 2>&1
  check "terminal with NO_COLOR: none" sh -c "! grep -q '$E' tty_nc.out"
  script -qec "$NG evidence --db e.db --color never per_b org_a" /dev/null > tty_never.out 2>&1
  check "terminal with --color never: none" sh -c "! grep -q '$E' tty_never.out"
  printf 'Milo Drennick' > t.txt
  NO_COLOR=1 script -qec "$NG tag --no-shipped --dict d.tsv t.txt" /dev/null > tag_nc.out 2>&1
  check "tag pretty on a terminal with NO_COLOR: none" sh -c "! grep -q '$E' tag_nc.out"
  script -qec "$NG tag --no-shipped --dict d.tsv t.txt" /dev/null > tag_tty.out 2>&1
  check "tag pretty on a terminal: colour" grep -q "$E" tag_tty.out
else
  echo "FAIL script(1) is needed for the terminal checks"; fail=1
fi
run bad evidence --db e.db --color sometimes per_b org_a
expect_rc bad 2
check "bad --color value" grep -q "^newsgraph: --color: expected auto, always or never, got 'sometimes'" "$T/bad.err"
run badq neighbors --db e.db --color always per_b
expect_rc badq 2
# regression: tag took any --color value (as auto)
printf 'NATO met in Kyiv.\n' > "$T/c.txt"
run badtag tag --color sometimes -f pretty "$T/c.txt"
expect_rc badtag 2
check "tag: bad --color value" grep -q "^newsgraph: --color: expected auto, always or never, got 'sometimes'" "$T/badtag.err"
run tagalways tag --color always -f pretty "$T/c.txt"
expect_rc tagalways 0
check "tag --color always colours" grep -q "$(printf '\033')\\[" "$T/tagalways.out"
run tagauto tag --color auto -f pretty "$T/c.txt"
expect_rc tagauto 0
check "tag --color auto, not a terminal: no colour" sh -c "! grep -q '$(printf '\033')' '$T/tagauto.out'"
finish
