#!/bin/sh
# Graph outputs as users' tools expect them (issue 14): JSON reals in the
# shortest form that reads back as the same number; impossible --since /
# --until dates are errors, not empty results; GEXF node ids are entity ids
# (as in GraphML) with viz:color by type; DOT nodes carry colours by type.
. "$(dirname "$0")/graph_lib.inc"

run $NG ingest --db g.db "$FIX"
eq "$rc" 0 "ingest status"

# JSON numbers: every real is shortest round-trip (Python's repr is the
# shortest form; the exponent is written as jansson writes it: e-5, e20)
for q in "neighbors joe-biden" "entity joe-biden" "top --by pagerank" "communities" "path joe-biden volodymyr-zelensky"; do
  # shellcheck disable=SC2086
  $NG $q --db g.db --json > q.json 2>err || fail "$q --json: $(cat err)"
  python3 - q.json > reals.txt <<'PY' || fail "$q: reals not shortest: $(cat reals.txt)"
import json, re, sys
text = open(sys.argv[1]).read()
json.loads(text)
bad, n = [], 0
# numbers outside strings: drop the strings first
for tok in re.findall(r'-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?', re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)):
    if not re.search(r'[.eE]', tok):
        continue
    n += 1
    x = float(tok)
    want = repr(x).replace("e+", "e").replace("e-0", "e-")
    want = re.sub(r'e0+(\d)', r'e\1', want)
    if "e" not in want and "." not in want:
        want += ".0"
    if tok != want:
        bad.append(f"{tok} (shortest {want})")
print(n, bad)
sys.exit(1 if bad else 0)
PY
done
$NG neighbors --db g.db --json "Joe Biden" > n.json
grep -q '"npmi": 0\.4961,' n.json || fail "npmi printed as written: $(grep -m1 npmi n.json)"
grep -Eq '[0-9]\.[0-9]{12,}' n.json && fail "a real with 12 or more decimals: $(grep -Em1 '[0-9]\.[0-9]{12,}' n.json)"

# impossible dates: exit 2 with the reason, for every command that filters
for c in "neighbors joe-biden" "top" "communities" "path joe-biden volodymyr-zelensky" "export -f dot -o x.dot"; do
  for opt in "--since 2023-13-45" "--until 2023-02-30" "--since 2023-13"; do
    # shellcheck disable=SC2086
    run $NG $c --db g.db $opt
    eq "$rc" 2 "$c $opt: exit status"
    grep -q "^newsgraph: ${opt%% *}: '${opt#* }': " err || fail "$c $opt: message: $(head -1 err)"
    [ -s out ] && fail "$c $opt: printed a result"
  done
done
[ -e x.dot ] && fail "export wrote a file for an impossible date"

# GEXF: node ids are entity ids, as in GraphML; edges refer to them; viz:color by type
$NG export --db g.db -f gexf -o g.gexf 2>err || fail "gexf export: $(cat err)"
$NG export --db g.db -f graphml -o g.graphml 2>err || fail "graphml export: $(cat err)"
if command -v xmllint >/dev/null 2>&1; then xmllint --noout g.gexf || fail "xmllint gexf"; fi
python3 - g.gexf g.graphml > gx.txt 2>&1 <<'PY' || fail "gexf: $(cat gx.txt)"
import sys
import xml.etree.ElementTree as ET
G = "{http://www.gexf.net/1.2draft}"
V = "{http://www.gexf.net/1.2draft/viz}"
GM = "{http://graphml.graphdrawing.org/xmlns}"
gexf = ET.parse(sys.argv[1]).getroot()
gml = ET.parse(sys.argv[2]).getroot()
ids = [n.get("id") for n in gexf.iter(G + "node")]
want = [n.get("id") for n in gml.iter(GM + "node")]
assert ids == want, (ids, want)
assert "joe-biden" in ids and "vilnius" in ids, ids
for n in gexf.iter(G + "node"):
    eid = [a.get("value") for a in n.iter(G + "attvalue") if a.get("for") == "entity_id"]
    assert eid == [n.get("id")], (eid, n.get("id"))
ends = {(e.get("source"), e.get("target")) for e in gexf.iter(G + "edge")}
assert ends == {(e.get("source"), e.get("target")) for e in gml.iter(GM + "edge")}, ends
colour = {}
for n in gexf.iter(G + "node"):
    typ = [a.get("value") for a in n.iter(G + "attvalue") if a.get("for") == "type"][0]
    c = n.find(V + "color")
    assert c is not None, n.get("id")
    rgb = tuple(int(c.get(k)) for k in "rgb")
    assert all(0 <= x <= 255 for x in rgb)
    assert colour.setdefault(typ, rgb) == rgb, typ       # one colour per type
assert len(set(colour.values())) == len(colour), colour  # distinct types, distinct colours
assert colour["PER"] == (31, 119, 180), colour
import networkx as nx
g = nx.read_gexf(sys.argv[1])
assert sorted(g.nodes) == sorted(ids), sorted(g.nodes)
assert g.nodes["joe-biden"]["viz"]["color"]["r"] == 31, g.nodes["joe-biden"]
PY

# DOT: every node has a fill colour, the same for one type, distinct between types
$NG export --db g.db -f dot -o g.dot 2>err || fail "dot export: $(cat err)"
python3 - g.dot > dx.txt 2>&1 <<'PY' || fail "dot colours: $(cat dx.txt)"
import re, sys
colour, n = {}, 0
for line in open(sys.argv[1], encoding="utf-8"):
    if not re.match(r'\s*n\d+ \[', line):
        continue
    n += 1
    typ = re.search(r'type="([^"]*)"', line).group(1)
    m = re.search(r'style=filled, fillcolor="(#[0-9a-f]{6})", color="(#[0-9a-f]{6})"', line)
    assert m, line
    assert colour.setdefault(typ, m.group(1)) == m.group(1), line
assert n == 9, n
assert len(set(colour.values())) == len(colour) == 3, colour
assert colour["PER"] == "#1f77b4" and colour["LOC"] == "#2ca02c" and colour["ORG"] == "#ff7f0e", colour
PY
if command -v dot >/dev/null 2>&1; then dot -Tsvg g.dot > /dev/null || fail "graphviz rejects the DOT file"; fi
done_tests
