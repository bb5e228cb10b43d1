#!/bin/sh
# The ids of the curated dictionaries: a slug made of an entity's name
# keeps the Latin letters NFKD does not take apart (ł, ø, ı, đ, æ, œ, ß as
# l, o, i, d, ae, oe, ss, as tools/import's imp_slug writes them); an id
# that is the name's slug with such a letter dropped ("odz" for Łódź,
# "wroc-aw" for Wrocław, "rados-aw-sikorski") is a mistake.
. "$(dirname "$0")/setup"
cd "$ROOT"
checks=$((checks+1))
python3 - dictionaries/*.tsv >"$T/ids.out" <<'PY' || { echo "FAIL ids"; cat "$T/ids.out"; fail=1; }
import re, sys, unicodedata
PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "Đ": "D", "ð": "d",
                       "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "þ": "th"})
def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode()).strip("-")
bad = 0
for path in sys.argv[1:]:
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) < 3:
            continue
        dropped, kept = slug(f[2]), slug(f[2].translate(PLAIN))
        if f[0] == dropped and dropped != kept:
            print(f"{path}:{n}: id {f[0]} drops letters of '{f[2]}': {kept}")
            bad += 1
sys.exit(1 if bad else 0)
PY
finish
