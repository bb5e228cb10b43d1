#!/bin/sh
# Shell completion (issue 14): make install puts the bash and zsh scripts
# in place; the bash one, sourced, completes commands, dict subcommands,
# options (from each command's --help), option values, files, and the ids
# of the user dictionary for 'dict remove'.
. "$(dirname "$0")/setup"
BUILD=${BUILD:-build}
BUILD=$(cd "$BUILD" && pwd)
cd "$ROOT"
make -s --no-print-directory install BUILD="$BUILD" PREFIX=/opt/ng DESTDIR="$T/root" >/dev/null 2>"$T/install.err" ||
  { cat "$T/install.err"; exit 1; }
B=$T/root/opt/ng/share/bash-completion/completions/newsgraph
Z=$T/root/opt/ng/share/zsh/site-functions/_newsgraph
check "bash completion installed" test -f "$B"
check "zsh completion installed" test -f "$Z"
check "zsh completion is a #compdef function" sh -c "head -1 '$Z' | grep -qx '#compdef newsgraph'"
command -v bash >/dev/null 2>&1 || { echo "bash is needed"; exit 1; }
bash -n "$B" || { echo "FAIL bash syntax"; fail=1; }
cd "$T"
mkdir -p data/sub && : > data/a.jsonl && : > data/b.tsv
# comp WORDS...: the completions of the last word (may be empty) for 'newsgraph WORDS'
comp() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _newsgraph; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
    comp "$B" "$NG" "$@"
}
check "commands: $(comp '')" sh -c "echo '$(comp '')' | grep -q 'tag .*top' && echo '$(comp '')' | grep -q -- '--version'"
check "commands by prefix: $(comp e)" test "$(comp e)" = "entity eval evidence export "
# (regression: compile-names and suggest were missing, svg and --window values too)
check "dict subcommands: $(comp dict '')" test "$(comp dict '')" = "add compile compile-names import lint remove stats suggest "
check "export -f svg: $(comp export -f s)" test "$(comp export -f s)" = "svg "
check "ingest --window values: $(comp ingest --window '')" test "$(comp ingest --window '')" = "article paragraph sentence "
check "tag options: $(comp tag --co)" test "$(comp tag --co)" = "--color --conll-columns "
check "tag --explain, --no-user offered" sh -c "echo '$(comp tag --)' | grep -q -- '--explain' && echo '$(comp tag --)' | grep -q -- '--no-user'"
check "export options: $(comp export --to)" test "$(comp export --to)" = "--top-edges "
check "dict import options: $(comp dict import --fr)" test "$(comp dict import --fr)" = "--from "
check "tag --format values: $(comp tag --format '')" test "$(comp tag --format '')" = "brat conll jsonl pretty spacy tsv "
check "export -f values: $(comp export -f g)" test "$(comp export -f g)" = "gexf gml graphml "
check "top --by values: $(comp top --by p)" test "$(comp top --by p)" = "pagerank "
check "--offsets values" test "$(comp tag --offsets '')" = "bytes chars "
check "files: $(comp tag data/)" test "$(comp tag data/)" = "data/a.jsonl data/b.tsv data/sub "
check "--output-dir: directories only: $(comp tag --output-dir data/)" test "$(comp tag --output-dir data/)" = "data/sub "
XDG_DATA_HOME=$T/x; export XDG_DATA_HOME
$NG dict add zq-1 LOC Zquorbia 2>/dev/null && $NG dict add zq-2 LOC Zquorbia2 2>/dev/null && $NG dict add flib ORG Flibco 2>/dev/null
check "dict remove: the user dictionary's ids: $(comp dict remove zq)" test "$(comp dict remove zq)" = "zq-1 zq-2 "
finish
