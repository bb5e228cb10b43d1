#!/usr/bin/env python3
"""A database workload for the lookup benchmark (standard library only).

usage: gen_lookup.py OUTDIR N_ENTITIES

Writes OUTDIR/dict.tsv: N entities (40% PER, 30% LOC, 20% ORG, 10% EVT) with
a Latin name and Ukrainian and Russian aliases made by a seeded syllable
generator (persons: given name + surname in -енко, -ук, -ський, -ов ...;
places in -ів, -ськ, -івка ...), and OUTDIR/articles.jsonl: articles that
name every entity once, ten to an article, in Ukrainian, Russian or English.
"""
import json, os, random, sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(11)
os.makedirs(out, exist_ok=True)
CONS = "б в г д ж з к л м н п р с т ф х ц ч ш".split()
VOW = "а о у е и і".split()
SYL = [c + v for c in CONS for v in VOW]
LAT = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
               "a b v h g d e ye zh z y i yi i k l m n o p r s t u f kh ts ch sh shch _ yu ya _".split()))
GIVEN_M = "Олег Андрій Богдан Тарас Степан Роман Іван Юрій Максим Назар Остап Василь".split()
GIVEN_F = "Олена Ірина Оксана Леся Марта Галина Наталія Ольга Софія Дарина".split()
SURN = ["енко", "ук", "юк", "ський", "ов", "ін", "ич", "як", "ець"]
PLACE = ["ів", "ськ", "івка", "ине", "ове", "ичі", "ин"]
ORGW = ["Банк", "Завод", "Фонд", "Агенція", "Університет", "Театр"]

def lat(s):
    return "".join(LAT.get(ch, ch) for ch in s.lower()).replace("_", "").capitalize()

def ru(s):
    return s.replace("і", "и").replace("І", "И").replace("є", "е").replace("ї", "и")

def stem(i):
    b = len(SYL)
    return SYL[i % b] + SYL[(i // b) % b] + SYL[(i // (b * b)) % b]

with open(os.path.join(out, "dict.tsv"), "w", encoding="utf-8") as f, \
     open(os.path.join(out, "articles.jsonl"), "w", encoding="utf-8") as a:
    mentions = []
    for i in range(n):
        st = stem(i)
        k = i % 10
        if k < 4:
            fem = i % 3 == 0
            g = (GIVEN_F if fem else GIVEN_M)[i // 10 % (len(GIVEN_F) if fem else len(GIVEN_M))]
            end = SURN[i // 7 % len(SURN)]
            if fem and end == "ський": end = "ська"
            if fem and end in ("ов", "ін"): end += "а"
            uk = g + " " + (st + end).capitalize()
            typ = "PER"
        elif k < 7:
            uk = (st + PLACE[i // 7 % len(PLACE)]).capitalize(); typ = "LOC"
        elif k < 9:
            uk = ORGW[i // 7 % len(ORGW)] + " " + (st + "ич").capitalize(); typ = "ORG"
        else:
            uk = None; typ = "EVT"
        name = " ".join(lat(w) for w in (uk or (st + " festival")).split())
        aliases = [uk, ru(uk)] if uk else []
        aliases = [x for j, x in enumerate(aliases) if x and x not in aliases[:j] and x != name]
        f.write("e%d\t%s\t%s\t%s\n" % (i, typ, name, "|".join(aliases)))
        mentions.append(rng.choice(aliases + [name]) if aliases else name)
    order = list(range(n)); rng.shuffle(order)
    for j in range(0, n, 10):
        names = [mentions[x] for x in order[j:j + 10]]
        text = ". ".join("Сьогодні %s тут" % m for m in names[:5]) + ".\n\n" + \
               ". ".join("Потім %s там" % m for m in names[5:]) + "."
        a.write(json.dumps({"id": "a%06d" % (j // 10), "published": "2024-01-%02d" % (1 + j // 10 % 28),
                            "text": text}, ensure_ascii=False) + "\n")
