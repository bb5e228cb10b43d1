#!/usr/bin/env python3
"""Synthetic news for the graph benchmark and tests (standard library only).

usage: gen_graph.py OUTDIR N_ARTICLES N_ENTITIES [--tagged] [--small] [--seed S]

Writes OUTDIR/dict.tsv (one line per entity: id, type, name) and
OUTDIR/articles.jsonl ({"id","title","published","lang","text"}, about 2 KB
and 15 entity mentions each, grouped in a few sentences so that sentence
windows produce about 25 pairs per article). With --tagged it writes
OUTDIR/tagged.jsonl instead: the same records with an "entities" array of
byte offsets, as saved 'tag --format jsonl' output. --small makes ~400-byte
articles. Names and words come from a seeded syllable generator.
"""
import json, os, random, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
flags = [a for a in sys.argv[1:] if a.startswith("--")]
out, n_art, n_ent = args[0], int(args[1]), int(args[2])
tagged, small = "--tagged" in flags, "--small" in flags
seed = 42
for f in flags:
    if f.startswith("--seed="): seed = int(f[7:])
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)

ON = "b c d f g h k l m n p r s t v z br dr gr kr pr st tr".split()
VO = "a e i o u ai ea ou".split()
SYL = [o + v for o in ON for v in VO]          # 184 syllables

def name_of(i):
    # unique two-word name from the digits of i in base len(SYL)
    b = len(SYL)
    w1 = SYL[i % b] + SYL[(i // b) % b] + "n"
    w2 = SYL[(i // (b * b)) % b] + SYL[(i * 7 + 3) % b] + SYL[(i * 13 + 5) % b] + "r"
    return w1.capitalize() + " " + w2.capitalize()

TYPES = ["PER", "ORG", "LOC", "EVT"]
with open(os.path.join(out, "dict.tsv"), "w", encoding="utf-8") as f:
    f.write("# synthetic dictionary for the graph benchmark\n")
    for i in range(n_ent):
        f.write("e%d\t%s\t%s\n" % (i, TYPES[i % 4], name_of(i)))

def filler(k):
    return " ".join(rng.choice(SYL) + rng.choice(SYL) for _ in range(k))

def pick():
    # skewed: a few frequent entities, a long tail
    return min(n_ent - 1, int(n_ent * (rng.random() ** 2.2)))

path = os.path.join(out, "tagged.jsonl" if tagged else "articles.jsonl")
with open(path, "w", encoding="utf-8") as f:
    for a in range(n_art):
        n_sent = 4 if small else 14
        groups = [[] for _ in range(n_sent)]
        n_m = 5 if small else 15
        hot = rng.sample(range(n_sent), min(4, n_sent))
        for _ in range(n_m):
            groups[rng.choice(hot)].append(pick())
        text, ents = "", []
        for s in range(n_sent):
            words = filler(6 if small else 18).split()
            parts = []
            for e in groups[s]:
                parts.append(("w", " ".join(words[:2])))
                words = words[2:]
                parts.append(("e", e))
            parts.append(("w", " ".join(words)))
            sent = ""
            for kind, v in parts:
                if sent: sent += " "
                if kind == "w":
                    sent += v
                else:
                    nm = name_of(v)
                    st = len((text + sent).encode())
                    sent += nm
                    ents.append({"start": st, "end": st + len(nm.encode()), "text": nm, "type": TYPES[v % 4],
                                 "id": "e%d" % v, "name": nm, "field": "text"})
            sent = sent[:1].upper() + sent[1:] + "."
            if ents and ents[-1]["start"] == len(text.encode()):  # capitalised already
                pass
            text += sent + ("\n\n" if s % 5 == 4 else " ")
        rec = {"id": "art%06d" % a, "title": "Report " + filler(3),
               "published": "2023-%02d-%02d" % (1 + a * 12 // max(n_art, 1), 1 + a % 28), "lang": "en", "text": text.strip()}
        if tagged: rec["tagger"] = "newsgraph"; rec["entities"] = ents
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
