#!/usr/bin/env python3
"""Writes articles.jsonl: saved 'tag --format jsonl --keep-text' records
(ingested as they are) whose entities have hostile names, for the tests of
'newsgraph serve' (tests/cli/serve.sh, tests/browser/serve_browser.py).
Offsets are computed here, so the records are consistent. Written for this
project; run: python3 tests/data/serve/make_fixture.py > tests/data/serve/articles.jsonl"""
import json

EVIL = {
    "Scripto Alertov": ("evil-script", "PER", "<script>alert(1)</script>"),
    "Imogen Errorova": ("evil-img", "ORG", "\"><img src=x onerror=alert(1)>"),
    "Drop Tablov": ("evil-sql", "LOC", "'); DROP TABLE entities;--"),
    "NATO": ("nato", "ORG", "NATO"),
    "Vilnius": ("lt-vilniaus-miestas", "LOC", "Vilnius"),
}

ARTICLES = [
    ("serve-1", "2023-05-02", "Scripto Alertov meets Imogen Errorova",
     "Scripto Alertov met Imogen Errorova and Drop Tablov in Vilnius on Monday. "
     "Raw markup in the text: <img src=x onerror=alert(2)> and <script>alert(3)</script>.\n\n"
     "Imogen Errorova thanked Scripto Alertov for the talks with NATO."),
    ("serve-2", "2023-06-14", "Drop Tablov and NATO",
     "Drop Tablov hosted NATO officials. Scripto Alertov spoke with Drop Tablov about Vilnius.\n\n"
     "Later Scripto Alertov and Imogen Errorova left together."),
    ("news/2023/serve-3", "2023-07-20", "A third meeting",
     "Imogen Errorova and Scripto Alertov met again in Vilnius. NATO sent Drop Tablov a letter."),
]

def spans(text, field):
    out = []
    for surface, (eid, typ, name) in EVIL.items():
        i = 0
        while True:
            i = text.find(surface, i)
            if i < 0:
                break
            b = len(text[:i].encode()); e = b + len(surface.encode())
            out.append({"start": b, "end": e, "text": surface, "type": typ, "id": eid, "name": name, "field": field})
            i += len(surface)
    return sorted(out, key=lambda m: m["start"])

for aid, date, title, text in ARTICLES:
    rec = {"id": aid, "title": title, "published": date, "lang": "en", "text": text, "tagger": "newsgraph",
           "entities": spans(title, "title") + spans(text, "text")}
    print(json.dumps(rec, ensure_ascii=False))
