#!/bin/sh
# Reproduces the F1 table of issue 4 (not run by make check):
#
#   sh tools/eval/measure.sh ../shared/eval [BUILD_DIR]
#
# Protocol (../shared/eval/README.md): a gazetteer is built from the training
# documents with `newsgraph dict import --from annotations`; the held-out
# documents are tagged with it plus the shipped dictionaries and scored on
# PER, ORG, LOC (exact span and type, micro F1). The importer's defaults
# apply: surfaces that are imprecise in the training texts are dropped or
# made case-sensitive (dictionaries/import/README.md, "annotations").
#   en: train.jsonl → dev.jsonl
#   uk, ru: every 5th document of train.jsonl held out, the rest trains.
# Rows: out of the box (shipped dictionaries only, no gazetteer) without and
# with the organisation and place rules, then with the gazetteer: exact lookup
# (--no-inflect), each feature added in turn, the organisation and place
# rules last.
set -eu
EVAL=${1:?usage: measure.sh SHARED_EVAL_DIR [BUILD_DIR]}
BUILD=${2:-build}
NG=${NG:-$BUILD/newsgraph}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SHIPPED=
[ -n "$(ls dictionaries/*.tsv 2>/dev/null)" ] || SHIPPED=--no-shipped

f1() { # table file, row name → F1
  awk -v r="$1" '$1 == r { print $7; found = 1 } END { if (!found) print "-" }' "$2"
}

printf '%-4s %-22s %7s %7s %7s %7s\n' lang setting PER ORG LOC overall
for lang in en uk ru; do
  if [ "$lang" = en ]; then
    cp "$EVAL/en/train.jsonl" "$T/train.jsonl"
    cp "$EVAL/en/dev.jsonl" "$T/test.jsonl"
  else
    awk 'NR % 5 != 0' "$EVAL/$lang/train.jsonl" > "$T/train.jsonl"
    awk 'NR % 5 == 0' "$EVAL/$lang/train.jsonl" > "$T/test.jsonl"
  fi
  "$NG" dict import --from annotations --no-progress "$T/train.jsonl" -o "$T/gaz.tsv" 2>/dev/null
  for setting in out-of-box-no-org out-of-box exact inflect rules partial context org-rules; do
    gaz="--dict $T/gaz.tsv"
    case $setting in
      out-of-box-no-org) flags="--no-org-rules --no-place-rules" gaz="" ;;
      out-of-box) flags="" gaz="" ;;
      exact)   flags="--no-inflect --no-rules --no-partial --no-context --no-org-rules --no-place-rules" ;;
      inflect) flags="--no-rules --no-partial --no-context --no-org-rules --no-place-rules" ;;
      rules)   flags="--no-partial --no-context --no-org-rules --no-place-rules" ;;
      partial) flags="--no-context --no-org-rules --no-place-rules" ;;
      context) flags="--no-org-rules --no-place-rules" ;;
      org-rules) flags="" ;;
    esac
    # shellcheck disable=SC2086
    "$NG" eval --gold "$T/test.jsonl" $SHIPPED $gaz $flags \
      --types PER,ORG,LOC > "$T/table.txt" 2>/dev/null
    printf '%-4s %-22s %7s %7s %7s %7s\n' "$lang" "$setting" "$(f1 PER "$T/table.txt")" \
      "$(f1 ORG "$T/table.txt")" "$(f1 LOC "$T/table.txt")" "$(f1 overall "$T/table.txt")"
  done
done
