#!/usr/bin/env python3
"""Reproducible tagger workload for `make bench` (standard library only).

Writes into OUTDIR:
  dict_10k.tsv, dict_100k.tsv, dict_1m.tsv  newsgraph dictionaries (nested:
      the first N alias lines of the 1m file), Latin and Cyrillic names
  dict_10k.txt ...                           the same aliases, one per line (grep -F -f)
  corpus.txt                                 ~100 MB of news-like en/uk/ru paragraphs
Every word is made from syllables by a seeded generator: no outside text.
"""
import os, random, sys

SEED = 20261127
out = sys.argv[1]
size_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 100
os.makedirs(out, exist_ok=True)
rng = random.Random(SEED)

LAT_ON = "b c d f g h j k l m n p r s t v z br cr dr gr kr pr st tr ch sh th".split()
LAT_V = "a e i o u a e i o ai ea ou ie".split()
CYR_ON = "б в г д ж з к л м н п р с т ф х ц ч ш бр вр гр др кр пр ст тр".split()
CYR_V_UK = "а е и і о у я ю є ї".split()
CYR_V_RU = "а е и ы о у я ю э ё".split()

def word(r, onsets, vowels, lo=2, hi=4):
    return "".join(r.choice(onsets) + r.choice(vowels) for _ in range(r.randint(lo, hi)))

def cap(w):
    return w[:1].upper() + w[1:]

# names: 60 % Latin, 40 % Cyrillic; 1-3 words; unique
names = []
seen = set()
given_lat = [cap(word(rng, LAT_ON, LAT_V, 2, 3)) for _ in range(2500)]
given_cyr = [cap(word(rng, CYR_ON, CYR_V_UK + CYR_V_RU, 2, 3)) for _ in range(2500)]
N = 1_000_000
while len(names) < N:
    cyr = rng.random() < 0.4
    on, v = (CYR_ON, CYR_V_UK + CYR_V_RU) if cyr else (LAT_ON, LAT_V)
    k = rng.random()
    if k < 0.35:
        n = cap(word(rng, on, v, 3, 5))
    elif k < 0.85:
        n = rng.choice(given_cyr if cyr else given_lat) + " " + cap(word(rng, on, v, 2, 4))
    else:
        n = cap(word(rng, on, v, 2, 3)) + " " + cap(word(rng, on, v, 2, 3)) + " " + cap(word(rng, on, v, 2, 4))
    key = n.lower()
    if key in seen:
        continue
    seen.add(key)
    names.append((n, cyr))

# common (lower-case) vocabulary for running text: synthetic words that are
# not words of any name (as in real text, where most words name nothing)
name_words = set(w for n, _ in names for w in n.lower().split())
def fresh(onsets, vowels, k=3000):
    out = []
    while len(out) < k:
        w = word(rng, onsets, vowels, 1, 3)
        if w not in name_words:
            out.append(w)
    return out
common_en = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
             "but have an they you were her she there been has would their we more if will one all about "
             "said after over into two new also when than first last year people state government talks "
             "officials minister president city region country week meeting agreement forces support "
             "report statement according told spokesman deal plan security talks economic").split()
common_en += fresh(LAT_ON, LAT_V)
common_uk = ("і в на що з до не як за про та його це від але після також року під час уряд країни "
             "президент міністр заявив повідомив зустріч угода сили підтримка місто область").split()
common_uk += fresh(CYR_ON, CYR_V_UK)
common_ru = ("и в на что с до не как за о его это от но после также года под время правительство страны "
             "президент министр заявил сообщил встреча соглашение силы поддержка город область").split()
common_ru += fresh(CYR_ON, CYR_V_RU)

types = ["PER", "LOC", "ORG", "EVENT"]
ni = open(os.path.join(out, "dict_1m_noinflect.tsv"), "w", encoding="utf-8")
for label, count in (("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)):
    with open(os.path.join(out, f"dict_{label}.tsv"), "w", encoding="utf-8") as f, \
         open(os.path.join(out, f"dict_{label}.txt"), "w", encoding="utf-8") as g:
        # one alias per entity: the name itself
        for i in range(count):
            n, _ = names[i]
            f.write(f"e{i}\t{types[i % 4]}\t{n}\n")
            if label == "1m":
                ni.write(f"e{i}\t{types[i % 4]}\t{n}\t\tinflect=no\n")
            g.write(n + "\n")

ni.close()

# corpus: paragraphs; ~1 name per 100 words: 50 % from 10k, 25 % 100k-only, 25 % 1m-only
def pick_name(cyr):
    for _ in range(50):
        x = rng.random()
        i = rng.randrange(10_000) if x < 0.5 else rng.randrange(10_000, 100_000) if x < 0.75 else rng.randrange(100_000, N)
        if names[i][1] == cyr:
            return names[i][0]
    return names[i][0]

target = size_mb * 1_000_000
written = 0
# corpus_ukru.txt: the Ukrainian and Russian paragraphs alone (inflection bench)
ukru = open(os.path.join(out, "corpus_ukru.txt"), "w", encoding="utf-8")
with open(os.path.join(out, "corpus.txt"), "w", encoding="utf-8") as f:
    while written < target:
        lang = rng.random()
        cyr = lang >= 0.6
        vocab = common_en if not cyr else (common_uk if lang < 0.8 else common_ru)
        words = []
        for s in range(rng.randint(3, 7)):
            sent = []
            for w in range(rng.randint(8, 25)):
                if rng.random() < 0.01:
                    nm = pick_name(cyr)
                    r = rng.random()
                    if r < 0.03:
                        nm = nm.upper()
                    elif r < 0.11 and not cyr:
                        nm += "'s"
                    elif r < 0.19:
                        nm += ","
                    sent.append(nm)
                else:
                    sent.append(rng.choice(vocab))
            sent[0] = cap(sent[0])
            words.append(" ".join(sent) + ".")
        para = " ".join(words) + "\n\n"
        f.write(para)
        if cyr:
            ukru.write(para)
        written += len(para.encode("utf-8"))
ukru.close()
