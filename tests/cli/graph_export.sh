#!/bin/sh
# Every export format, read back by independent readers (xmllint, networkx,
# Python's csv); hostile names survive every format; export filters.
. "$(dirname "$0")/graph_lib.inc"

$NG ingest -q --db g.db "$FIX" || fail "ingest"

# GraphML: xmllint and networkx, every attribute, hostile names intact
run $NG export --db g.db --format graphml -o g.graphml
eq "$rc" 0 "graphml export status"
grep -q 'wrote g.graphml: 9 nodes, 13 edges' err || fail "export message: $(cat err)"
if command -v xmllint >/dev/null 2>&1; then
  xmllint --noout g.graphml || fail "xmllint graphml"
fi
python3 - g.graphml > nx.txt 2>&1 <<'PY' || fail "networkx graphml: $(cat nx.txt)"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
assert not g.is_directed() and not g.is_multigraph()
assert g.number_of_nodes() == 9 and g.number_of_edges() == 13, (g.number_of_nodes(), g.number_of_edges())
assert g.nodes["evil-sql"]["label"] == "'); DROP TABLE entities; --", g.nodes["evil-sql"]
assert g.nodes["evil-xml"]["name"] == '<script>alert("x")</script> & \ufffdctl', repr(g.nodes["evil-xml"]["name"])
z = g.nodes["volodymyr-zelensky"]
for k in ("label", "name", "type", "mentions", "articles", "first_seen", "last_seen", "degree", "strength", "pagerank"):
    assert k in z, k
assert z["mentions"] == 5 and z["degree"] == 6 and z["type"] == "PER"
e = g.edges["joe-biden", "jens-stoltenberg"]
assert e["weight"] == 2 and e["articles"] == 1 and e["first_date"] == "2023-07-11" and -1 <= e["npmi"] <= 1, e
assert all(d["interaction"] == "co_occurs" for _, _, d in g.edges(data=True))
print("ok")
PY

# GEXF 1.2draft with intervals
$NG export --db g.db -f gexf -o g.gexf 2>/dev/null || fail "gexf export"
grep -q 'xmlns="http://www.gexf.net/1.2draft"' g.gexf || fail "gexf namespace"
grep -q 'mode="dynamic"' g.gexf || fail "gexf dynamic mode"
if command -v xmllint >/dev/null 2>&1; then xmllint --noout g.gexf || fail "xmllint gexf"; fi
python3 - g.gexf > nx.txt 2>&1 <<'PY' || fail "networkx gexf: $(cat nx.txt)"
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
assert g.number_of_nodes() == 9 and g.number_of_edges() == 13
labels = {d["label"] for _, d in g.nodes(data=True)}
assert "'); DROP TABLE entities; --" in labels and '<script>alert("x")</script> & \ufffdctl' in labels, labels
n = [d for _, d in g.nodes(data=True) if d["label"] == "Olaf Scholz"][0]
assert n["start"] == "2023-09-15" and n["type"] == "PER", n
PY

# GML
$NG export --db g.db -f gml -o g.gml 2>/dev/null || fail "gml export"
python3 - g.gml > nx.txt 2>&1 <<'PY' || fail "networkx gml: $(cat nx.txt)"
import sys, networkx as nx
g = nx.read_gml(sys.argv[1], label="entityid")
assert g.number_of_nodes() == 9 and g.number_of_edges() == 13
assert g.nodes["evil-sql"]["label"] == "'); DROP TABLE entities; --"
assert g.nodes["volodymyr-zelensky"]["mentions"] == 5
PY
LC_ALL=C grep -q '[^[:print:][:space:]]' g.gml && fail "gml is not 7-bit ASCII"

# DOT
$NG export --db g.db -f dot -o g.dot 2>/dev/null || fail "dot export"
head -n 2 g.dot | grep -q '^graph newsgraph {' || fail "dot header"
eq "$(grep -c ' -- ' g.dot)" 13 "dot edges"
grep -q 'label="<script>alert(\\"x\\")</script> & ' g.dot || fail "dot escaping"

# Neo4j CSV
$NG export --db g.db -f csv -o neo 2>/dev/null || fail "csv export"
eq "$(head -n 1 neo/nodes.csv | cut -d, -f1)" "id:ID" "nodes header"
head -n 1 neo/nodes.csv | grep -q ',:LABEL$' || fail "nodes :LABEL"
eq "$(head -n 1 neo/relationships.csv | cut -d, -f1,2)" ":START_ID,:END_ID" "relationships header"
head -n 1 neo/relationships.csv | grep -q ',:TYPE$' || fail "relationships :TYPE"
python3 - neo > py.txt 2>&1 <<'PY' || fail "csv read back: $(cat py.txt)"
import csv, sys
nodes = list(csv.DictReader(open(sys.argv[1] + "/nodes.csv", encoding="utf-8", newline="")))
rels = list(csv.DictReader(open(sys.argv[1] + "/relationships.csv", encoding="utf-8", newline="")))
assert len(nodes) == 9 and len(rels) == 13
names = {n["id:ID"]: n["name"] for n in nodes}
assert names["evil-sql"] == "'); DROP TABLE entities; --" and names["evil-xml"].startswith('<script>alert("x")</script> & ')
assert all(r[":TYPE"] == "CO_OCCURS_WITH" and r[":START_ID"] in names and r[":END_ID"] in names for r in rels)
PY

# filters
$NG export --db g.db --min-weight 2 -o f.graphml 2>err; grep -q '4 nodes, 4 edges' err || fail "--min-weight: $(cat err)"
$NG export --db g.db --top-edges 1 -o f.graphml 2>err; grep -q '2 nodes, 1 edges' err || fail "--top-edges: $(cat err)"
$NG export --db g.db --ego olaf-scholz --depth 1 -o f.graphml 2>err; grep -q '3 nodes, 3 edges' err || fail "--ego: $(cat err)"
$NG export --db g.db --ego olaf-scholz --depth 2 -o f.graphml 2>err; grep -q '9 nodes, 13 edges' err || fail "--ego depth 2: $(cat err)"
# regression: the centre was dropped by its own type (0 nodes), while svg and
# /api/ego kept it; --depth 0 acted as 1
$NG export --db g.db --ego olaf-scholz -t LOC -o f.graphml 2>err; grep -q '2 nodes, 1 edges' err || fail "--ego -t LOC: $(cat err)"
$NG export --db g.db --ego olaf-scholz -t LOC -f csv -o egocsv 2>err; eq "$(grep -c . egocsv/nodes.csv)" 3 "--ego -t LOC csv nodes (with header)"
$NG export --db g.db --ego olaf-scholz -t ORG -f dot -o f.dot 2>err; grep -q '1 nodes, 0 edges' err || fail "--ego -t ORG: $(cat err)"
run $NG export --db g.db --ego olaf-scholz --depth 0 -o f0.graphml; eq "$rc" 2 "--depth 0 status"
[ ! -e f0.graphml ] || fail "--depth 0 wrote a file"
$NG export --db g.db --type LOC -o f.graphml 2>err; grep -q '2 nodes, 0 edges' err || fail "--type: $(cat err)"
$NG export --db g.db --since 2023-09-01 -o f.graphml 2>err; grep -q '5 nodes, 6 edges' err || fail "--since: $(cat err)"
$NG export --db g.db --until 2023-07 -f gexf -o - > f.gexf 2>/dev/null || fail "export to stdout"
eq "$(grep -c '<edge ' f.gexf)" 5 "--until edges"
run $NG export --db g.db -f pdf -o x.pdf
eq "$rc" 2 "unknown format status"
[ ! -e x.pdf ] || fail "file written for a bad format"
run $NG export --db g.db -o /nonexistent-dir/x.graphml
eq "$rc" 2 "unwritable output status"
ls /nonexistent-dir 2>/dev/null && fail "unexpected"
ls ./*.tmp* 2>/dev/null && fail "temporary file left behind"

# regressions of the export side (each failed before its fix)
# DOT: a PageRank below 1e-4 was written as 8.3e-05, not a DOT number
# (Graphviz refused the file): quoted now
$NG export --db g.db -f dot -o p.dot 2>/dev/null || fail "dot export"
grep -q 'pagerank=[0-9]' p.dot && fail "unquoted pagerank in DOT: $(grep -m1 pagerank p.dot)"
grep -q 'pagerank="0\.[0-9]*"' p.dot || fail "pagerank in DOT: $(grep -m1 pagerank p.dot)"
if command -v dot >/dev/null 2>&1; then dot -Tcanon p.dot > /dev/null || fail "graphviz reads the DOT export"; fi
# the database itself as the output: refused, the database intact
cp g.db self.db
run $NG export --db self.db -o self.db; eq "$rc" 2 "export onto its own database"
grep -q "self.db: this is the database being exported" err || fail "message: $(cat err)"
run $NG export --db self.db -f svg --ego olaf-scholz -o self.db; eq "$rc" 2 "svg onto its own database"
eq "$(sqlite3 self.db 'PRAGMA integrity_check')" ok "database intact"
# --top-edges among equal weights: the same edges whatever the ingest order
printf 'ta\tORG\tXalfa\t\ntb\tORG\tXbravo\t\ntc\tORG\tXcharlie\t\ntd\tORG\tXdelta\t\nte\tORG\tXecho\t\ntf\tORG\tXfoxtrot\t\n' > tie.tsv
printf '{"id":"t1","text":"Xalfa met Xbravo."}\n{"id":"t2","text":"Xcharlie met Xdelta."}\n{"id":"t3","text":"Xecho met Xfoxtrot."}\n' > tie1.jsonl
tac tie1.jsonl > tie2.jsonl
$NG ingest -q --db tie1.db --no-shipped --dict tie.tsv tie1.jsonl && $NG ingest -q --db tie2.db --no-shipped --dict tie.tsv tie2.jsonl || fail "ingest tie"
$NG export --db tie1.db --top-edges 1 -f csv -o tie1 2>/dev/null && $NG export --db tie2.db --top-edges 1 -f csv -o tie2 2>/dev/null || fail "export tie"
cmp -s tie1/relationships.csv tie2/relationships.csv || fail "--top-edges ties depend on ingest order: $(cat tie1/relationships.csv tie2/relationships.csv)"
grep -q '^"ta","tb"' tie1/relationships.csv || fail "--top-edges ties by entity id: $(cat tie1/relationships.csv)"
# GML: two entities of one name (networkx keys GML nodes by label)
printf 'ga\tLOC\tSamename\tSamenamea\ngb\tORG\tSamename\tSamenameb\n' > same.tsv
printf '{"id":"s1","text":"Samenamea and Samenameb met."}\n' > same.jsonl
$NG ingest -q --db same.db --no-shipped --dict same.tsv same.jsonl || fail "ingest same"
$NG export --db same.db -f gml -o same.gml 2>/dev/null || fail "gml export"
python3 - same.gml > nx.txt 2>&1 <<'PY' || fail "networkx reads a GML with shared names: $(cat nx.txt)"
import sys, networkx as nx
g = nx.read_gml(sys.argv[1])
assert sorted(g.nodes) == ["Samename (ga)", "Samename (gb)"], list(g.nodes)
assert all(d["name"] == "Samename" for _, d in g.nodes(data=True))
PY
# GML keeps the spec's 7-bit ASCII, every other character an &-entity
# (&#1050; ...): networkx's read_gml (the GML reader README.md names)
# decodes them to the exact names, and refuses raw UTF-8 ("input is not
# ASCII-encoded"); igraph 0.10's reader decodes only the five named XML
# entities and Gephi's none, so README.md points them to GraphML
printf 'att\tORG\tAT&T "Bell" Ünïcødé 𝔄\tATT\nkyivc\tLOC\tКиїв «Центр»\tKyivX\n' > uni.tsv
printf '{"id":"u1","text":"ATT met KyivX today."}\n' > uni.jsonl
$NG ingest -q --db uni.db --no-shipped --dict uni.tsv uni.jsonl || fail "ingest uni"
$NG export --db uni.db -f gml -o uni.gml 2>/dev/null || fail "gml export uni"
LC_ALL=C grep -q '[^[:print:][:space:]]' uni.gml && fail "gml with non-ASCII names is not 7-bit ASCII"
grep -q 'label "&#1050;&#1080;&#1111;&#1074; &#171;' uni.gml || fail "gml: non-ASCII as numeric entities: $(grep label uni.gml)"
python3 - uni.gml > nx.txt 2>&1 <<'PY' || fail "networkx reads non-ASCII names back from GML: $(cat nx.txt)"
import sys, networkx as nx
g = nx.read_gml(sys.argv[1], label="entityid")
assert g.nodes["att"]["name"] == 'AT&T "Bell" Ünïcødé 𝔄', g.nodes["att"]
assert g.nodes["kyivc"]["name"] == "Київ «Центр»", g.nodes["kyivc"]
PY
# CSV: a failure writing relationships.csv leaves no new nodes.csv (nor the
# directory it created)
mkdir -p pair/relationships.csv
run $NG export --db g.db -f csv -o pair; [ "$rc" -ne 0 ] || fail "csv export into a blocked directory succeeded"
[ ! -e pair/nodes.csv ] || fail "nodes.csv written without relationships.csv"
# --ego with a date range without the centre's mentions: the centre stays
# (alone), as in svg; --depth needs --ego; --since after --until
$NG export --db g.db --ego olaf-scholz --since 2099-01-01 -o ego.graphml 2>err || fail "ego in an empty range"
grep -q '1 nodes, 0 edges' err || fail "ego centre in an empty range: $(cat err)"
run $NG export --db g.db --depth 2 -o d.graphml; eq "$rc" 2 "--depth without --ego"
grep -q -- "--depth needs --ego" err || fail "message: $(cat err)"
run $NG export --db g.db --since 2024-03-01 --until 2024-02-01 -o r.graphml; eq "$rc" 2 "--since after --until"
grep -q -- "--since 2024-03-01 is after --until 2024-02-01" err || fail "message: $(cat err)"
run $NG top --db g.db --since 2024-03 --until 2024-02; eq "$rc" 2 "top: --since after --until"
# without --format, the output's extension says which (x.dot was GraphML)
$NG export --db g.db -o ext.dot 2>err || fail "export -o ext.dot"
grep -q '^graph newsgraph {' ext.dot || fail "-o ext.dot writes DOT: $(head -2 ext.dot)"
$NG export --db g.db -o ext.GML 2>/dev/null && grep -q '^graph \[' ext.GML || fail "-o ext.GML writes GML"
$NG export --db g.db -o ext.xml 2>/dev/null && grep -q '<graphml' ext.xml || fail "another extension: GraphML"
$NG export --db g.db -f gexf -o ext2.dot 2>/dev/null && grep -q '<gexf' ext2.dot || fail "--format wins over the extension"
done_tests
