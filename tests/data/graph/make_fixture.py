#!/usr/bin/env python3
"""Writes articles.jsonl: saved 'tag --format jsonl'-style records with byte
offsets, used by tests/cli/graph_*.sh. Marks: [surface|id|TYPE|name]."""
import json, re, sys

ARTICLES = [
 ("a1", "2023-07-11", "en", "[NATO|nato|ORG|NATO] summit opens",
  "[Jens Stoltenberg|jens-stoltenberg|PER|Jens Stoltenberg] met [Joe Biden|joe-biden|PER|Joe Biden] in [Vilnius|vilnius|LOC|Vilnius]. "
  "[Zelensky|volodymyr-zelensky|PER|Volodymyr Zelensky] arrived later.\n\n[Biden|joe-biden|PER|Joe Biden] praised [Stoltenberg|jens-stoltenberg|PER|Jens Stoltenberg]."),
 ("a2", "2023-07-12", "en", "Allies pledge support",
  "[Joe Biden|joe-biden|PER|Joe Biden] and [Volodymyr Zelensky|volodymyr-zelensky|PER|Volodymyr Zelensky] spoke in [Vilnius|vilnius|LOC|Vilnius]. "
  "[NATO|nato|ORG|NATO] leaders agreed."),
 ("a3", "2023-08-02", "uk", "Саміт у Вільнюсі",
  "[Володимир Зеленський|volodymyr-zelensky|PER|Volodymyr Zelensky] подякував [НАТО|nato|ORG|NATO]. "
  "[Єнс Столтенберг|jens-stoltenberg|PER|Jens Stoltenberg] і [Зеленський|volodymyr-zelensky|PER|Volodymyr Zelensky] говорили у [Вільнюсі|vilnius|LOC|Vilnius]."),
 ("a4", "2023-09-15", "ru", "Встреча в Киеве",
  "[Олаф Шольц|olaf-scholz|PER|Olaf Scholz] встретился с [Зеленским|volodymyr-zelensky|PER|Volodymyr Zelensky] в [Киеве|kyiv|LOC|Kyiv]."),
 ("a5", "2023-09-20", "en", "Evil names",
  "[Robert|evil-sql|PER|'); DROP TABLE entities; --] met [Mallory|evil-xml|ORG|<script>alert(\"x\")</script> & \u0001ctl] in [Kyiv|kyiv|LOC|Kyiv]."),
]

def parse(marked, field):
    out, ents, i = [], [], 0
    pos = 0
    for m in re.finditer(r"\[([^|\]]*)\|([^|\]]*)\|([^|\]]*)\|([^\]]*)\]", marked):
        out.append(marked[pos:m.start()])
        start = len("".join(out).encode())
        out.append(m.group(1))
        end = len("".join(out).encode())
        ents.append({"start": start, "end": end, "text": m.group(1), "type": m.group(3),
                     "id": m.group(2), "name": m.group(4), "field": field})
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), ents

with open(sys.argv[1] if len(sys.argv) > 1 else "articles.jsonl", "w", encoding="utf-8") as f:
    for aid, date, lang, title, text in ARTICLES:
        t, te = parse(title, "title")
        x, xe = parse(text, "text")
        rec = {"id": aid, "title": t, "published": date, "lang": lang, "text": x, "tagger": "newsgraph", "entities": te + xe}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
