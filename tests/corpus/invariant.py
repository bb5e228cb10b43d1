#!/usr/bin/env python3
"""The graph holds exactly what the tagger finds.

  invariant.py tag TAG.jsonl DB     what 'tag' printed equals what 'ingest' stored
  invariant.py same DB1 DB2...      the databases hold the same content
  invariant.py input IN.jsonl TAG.jsonl
                                    every offset of TAG cuts IN's texts at a
                                    character boundary, each span's text is
                                    the input's bytes there
  invariant.py orgids TAG.jsonl      no rule organisation's id ends in a
                                    legal form's key (ЛТД, Ltd, GmbH ...:
                                    the company without it is the same
                                    one), and no organisation is a legal
                                    form alone
  invariant.py duplicates DUPS.json DB
                                    every group of 'entity duplicates --json'
                                    is a rule-found person's short form of a
                                    candidate's name, neither in an article
                                    with the other, or another spelling of
                                    the candidate's given name, or a
                                    transcription of the candidate's name
                                    into another script, the counts as
                                    stored

tag: the mentions (article, field, entity id, start, end) are the same set;
every entity's stored type is the type tag printed for it; a dictionary
entity's stored name is the name tag printed, a rule-found person's stored
name is one of the names tag printed for that id; every stored mention's
surface is the stored article text at its offsets.
Prints what differs (at most 20 lines of each kind) and exits 1 if anything does.
"""
import json
import sqlite3
import sys

def fail(msgs, what, items):
    items = list(items)
    if items:
        msgs.append("%s: %d" % (what, len(items)))
        for x in sorted(items, key=repr)[:20]:
            msgs.append("    %r" % (x,))

def read_tag(path):
    mentions, types, names, dict_ids = set(), {}, {}, set()
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            r = json.loads(line)
            has_title = "title" in r
            for e in r.get("entities", []):
                field = e.get("field", "text")
                mentions.add((r["id"], field, e["id"], e["start"], e["end"]))
                types.setdefault(e["id"], set()).add(e["type"])
                names.setdefault(e["id"], set()).add(e["name"])
                if not e.get("rule") and not e.get("partial"):
                    dict_ids.add(e["id"])
    return mentions, types, names, dict_ids

def cmd_tag(tag_path, db_path):
    msgs = []
    mentions, types, names, dict_ids = read_tag(tag_path)
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    db.text_factory = bytes
    dec = lambda b: b.decode("utf-8", "surrogateescape")
    stored = set()
    for art, ent, field, s, e in db.execute("SELECT article, entity, field, start, \"end\" FROM mentions"):
        stored.add((dec(art), dec(field), dec(ent), s, e))
    fail(msgs, "mentions tag printed that ingest did not store", mentions - stored)
    fail(msgs, "mentions ingest stored that tag did not print", stored - mentions)
    bad_type, bad_name, unused = [], [], []
    seen = set()
    for key, typ, name in db.execute("SELECT key, type, name FROM entity"):
        key, typ, name = dec(key), dec(typ), dec(name)
        seen.add(key)
        if key not in types:
            unused.append(key)
            continue
        if types[key] != {typ}:
            bad_type.append((key, typ, sorted(types[key])))
        if key in dict_ids and names[key] != {name}:
            bad_name.append((key, name, sorted(names[key])))
        elif name not in names[key]:
            bad_name.append((key, name, sorted(names[key])))
    fail(msgs, "entities whose stored type is not the one tag printed", bad_type)
    fail(msgs, "entities whose stored name is not one tag printed", bad_name)
    fail(msgs, "entities stored that tag never printed", unused)
    fail(msgs, "entities tag printed that were not stored", set(types) - seen)
    bad_surface = []
    q = ("SELECT a.key, m.field, m.start, m.end, m.surface, a.title, a.text FROM mention m "
         "JOIN article a ON a.id = m.article")
    for art, field, s, e, surface, title, text in db.execute(q):
        src = (title if field == 0 else text) or b""
        if src[s:e] != surface:
            bad_surface.append((dec(art), field, s, e))
    fail(msgs, "mentions whose surface is not the article's text at their offsets", bad_surface)
    report(msgs, "%d mentions, %d entities" % (len(mentions), len(types)))

DUMPS = [
    ("articles", "SELECT key, title, url, published, lang, hash, windows, text FROM article ORDER BY key"),
    ("entities", "SELECT key, type, name, mentions, articles, windows, first_seen, last_seen FROM entity ORDER BY key"),
    ("aliases", "SELECT norm, entity, alias FROM alias ORDER BY norm, entity"),
    ("mentions", "SELECT article, entity, field, start, \"end\", sentence, paragraph, surface FROM mentions "
                 "ORDER BY article, field, start, \"end\", entity"),
    ("edges", "SELECT a, b, count, articles, first_date, last_date FROM edges ORDER BY a, b"),
    ("meta", "SELECT key, value FROM meta WHERE key NOT IN ('created') ORDER BY key"),
]

def cmd_same(paths):
    msgs = []
    dbs = [sqlite3.connect("file:%s?mode=ro" % p, uri=True) for p in paths]
    for db in dbs:
        db.text_factory = bytes
    for name, q in DUMPS:
        first = dbs[0].execute(q).fetchall()
        for p, db in zip(paths[1:], dbs[1:]):
            other = db.execute(q).fetchall()
            if other != first:
                a, b = set(first), set(other)
                fail(msgs, "%s: rows only in %s" % (name, paths[0]), a - b)
                fail(msgs, "%s: rows only in %s" % (name, p), b - a)
                if a == b:
                    msgs.append("%s: same rows in another order or repeated" % name)
    report(msgs, "%d databases the same" % len(paths))

def cmd_input(in_path, tag_path):
    msgs = []
    texts = {}
    with open(in_path, "rb") as f:
        for line in f:
            r = json.loads(line.decode("utf-8", "surrogateescape"))
            texts[r["id"]] = {k: r[k].encode("utf-8", "surrogateescape") for k in ("title", "text") if k in r}
    bad = []
    n = 0
    with open(tag_path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            r = json.loads(line)
            for e in r.get("entities", []):
                n += 1
                t = texts[r["id"]].get(e.get("field", "text"), b"")
                s, x = e["start"], e["end"]
                cut = lambda i: i == len(t) or (0 <= i < len(t) and (t[i] & 0xC0) != 0x80)
                if not (0 <= s < x <= len(t)) or not cut(s) or not cut(x) or \
                        t[s:x] != e["text"].encode("utf-8", "surrogateescape"):
                    bad.append((r["id"], e.get("field"), s, x))
    fail(msgs, "spans not on character boundaries or not the input's bytes", bad)
    report(msgs, "%d spans on character boundaries" % n)

# the keys of the legal forms a rule id leaves out (names_org.c trail_legal),
# as the keys of the words were written before they were left out
LEGAL_KEYS = {"ink", "korp", "ltd", "ko", "plk", "lk", "ah", "nv", "hmbh", "sa", "limited", "ls"}
LEGAL_WORDS = {"inc", "corp", "ltd", "co", "plc", "llc", "ag", "nv", "gmbh", "sa", "limited",
               "лтд", "лімітед", "лимитед", "гмбх", "ллс", "са", "інк", "инк", "корп", "аг"}

def last_word(text):
    w = text.replace("\n", " ").split()
    return w[-1].lower().strip(".»”\"") if w else ""

def cmd_orgids(tag_path):
    msgs = []
    ending, alone, n = [], [], 0
    with open(tag_path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            r = json.loads(line)
            for e in r.get("entities", []):
                if e["type"] != "ORG":
                    continue
                n += 1
                keys = e["id"][4:].split("-") if e["id"].startswith("org:") else []
                # (the key and the word: "Лілея НВ" is a publisher's name, not NV)
                if e.get("rule") and len(keys) > 1 and keys[-1] in LEGAL_KEYS and last_word(e["text"]) in LEGAL_WORDS:
                    ending.append((r["id"], e["id"], e["text"]))
                if e["text"].lower().strip(".»”\"") in LEGAL_WORDS:
                    alone.append((r["id"], e["start"], e["text"]))
    fail(msgs, "rule organisations whose id ends in a legal form", ending)
    fail(msgs, "organisations that are a legal form alone", alone)
    report(msgs, "%d organisations" % n)

def cmd_duplicates(dups_path, db_path):
    msgs = []
    with open(dups_path, encoding="utf-8") as f:
        d = json.load(f)
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    ents = {k: (t, n, m, a) for k, t, n, m, a in
            db.execute("SELECT key, type, name, mentions, articles FROM entity")}
    arts = {}
    for k, art in db.execute("SELECT e.key, m.article FROM mention m JOIN entity e ON e.id = m.entity"):
        arts.setdefault(k, set()).add(art)
    bad, together, shape, counts = [], [], [], []
    for g in d["groups"]:
        e = g["entity"]
        words = e["name"].split(" ")
        initial = len(words) == 2 and words[0].endswith(".")
        variant = g["form"] in ("variant", "transcription")
        form = "initial" if initial else g["form"] if len(words) == 2 and variant else "variant" if len(words) == 2 else "surname"
        if not e["id"].startswith("per:") or "~" in e["id"] or g["form"] != form \
                or len(words) > 2 or g["unique"] != (len(g["candidates"]) == 1) or (variant and not g["unique"]):
            shape.append((e["id"], e["name"], g["form"]))
        for c in [e] + g["candidates"]:
            if ents.get(c["id"]) != ("PER", c["name"], c["mentions"], c["articles"]):
                counts.append((c["id"], c["name"], ents.get(c["id"])))
        for c in g["candidates"]:
            cw = c["name"].split(" ")
            # the candidate's name ends with the short form's surname in
            # the same script (or another script: the id decides), and an
            # initial is the candidate's first letter
            same_script = (cw[-1][:1] >= "\u0400") == (words[-1][:1] >= "\u0400")
            # (a transcription: the given name's key is one, the surnames
            # differ, and two Latin names are never each other's)
            if g["form"] == "transcription":
                if len(cw) != 2 or c["mentions"] < e["mentions"] or c["id"].split("-")[0] != e["id"].split("-")[0] \
                        or (cw[-1][:1] < "\u0400" and words[-1][:1] < "\u0400"):
                    bad.append((e["name"], c["name"]))
                continue
            if "~" in c["id"] or (same_script and cw[-1].lower() != words[-1].lower()) or \
                    (initial and cw[0][:1] != words[0][:1] and same_script) or \
                    (variant and (len(cw) != 2 or c["mentions"] < e["mentions"])):
                bad.append((e["name"], c["name"]))
            # (spellings of a given name may meet in an article: the tagger
            # does not link them)
            if not variant and arts.get(e["id"], set()) & arts.get(c["id"], set()):
                together.append((e["name"], c["name"]))
    fail(msgs, "groups not of a rule-found short form", shape)
    fail(msgs, "people not as stored", counts)
    fail(msgs, "candidates whose name does not shorten to the group's", bad)
    fail(msgs, "candidates in an article with the short form", together)
    report(msgs, "%d groups of duplicates, %d candidates" % (len(d["groups"]), sum(len(g["candidates"]) for g in d["groups"])))

def report(msgs, ok):
    if msgs:
        print("\n".join(msgs))
        sys.exit(1)
    print("ok: " + ok)

if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) == 3 and a[0] == "tag":
        cmd_tag(a[1], a[2])
    elif len(a) >= 3 and a[0] == "same":
        cmd_same(a[1:])
    elif len(a) == 3 and a[0] == "input":
        cmd_input(a[1], a[2])
    elif len(a) == 2 and a[0] == "orgids":
        cmd_orgids(a[1])
    elif len(a) == 3 and a[0] == "duplicates":
        cmd_duplicates(a[1], a[2])
    else:
        sys.exit(__doc__)
