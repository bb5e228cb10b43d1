#!/bin/sh
# Hardening II (merge, output files, write errors, export escaping, ...):
# each block is a regression test for one item of the issue.
. "$(dirname "$0")/graph_lib.inc"

# mkshard NAME N: N articles with given entities (e0..e499), ids NAME-I
mkshard() {
  python3 - "$1" "$2" <<'PY'
import json, sys
name, n = sys.argv[1], int(sys.argv[2])
with open(name + ".jsonl", "w") as f:
    for i in range(n):
        ents, pos, words = [], 0, []
        for k in range(8):
            e = (i * 7 + k) % 500
            w = "E%dx" % e
            ents.append({"start": pos, "end": pos + len(w), "text": w, "type": "ORG",
                         "id": "e%d" % e, "name": w, "field": "text"})
            words.append(w); pos += len(w) + 1
        f.write(json.dumps({"id": "%s-%d" % (name, i), "published": "2024-01-%02d" % (1 + i % 28),
                            "lang": "en", "text": " ".join(words), "tagger": "newsgraph", "entities": ents}) + "\n")
PY
}

# ## 1. merge writes its output only when complete
for s in m0 m1 m2; do mkshard $s 3000; $NG ingest -q --db $s.db $s.jsonl || fail "ingest $s"; done
cat m0.jsonl m1.jsonl m2.jsonl > mall.jsonl
$NG ingest -q --db mall.db mall.jsonl || fail "ingest all"
$NG stats --db mall.db --json > mall.stats
# a merge that fails on its third shard leaves no output and no temporary file
$NG ingest -q --db dup.db m0.jsonl
run $NG merge m0.db m1.db dup.db -o k.db
eq "$rc" 1 "failed merge status"
grep -q "article 'm0-0' is in more than one database" err || fail "failed merge message: $(cat err)"
[ ! -e k.db ] || fail "a failed merge left k.db"
[ -z "$(ls -A | grep '^\.k\.db')" ] || fail "a failed merge left temporary files: $(ls -A)"
run $NG merge m0.db m1.db m2.db -o k.db
eq "$rc" 0 "merge after a failed one"
$NG stats --db k.db --json | cmp -s - mall.stats || fail "rerun merge differs from a single ingest"
# kill -9 at various moments: k2.db is absent or complete, and a rerun finishes the job
for d in 0.02 0.08 0.15 0.25; do
  rm -f k2.db .k2.db.*
  $NG merge m0.db m1.db m2.db -o k2.db >/dev/null 2>&1 &
  pid=$!; sleep $d; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  if [ -e k2.db ]; then
    $NG stats --db k2.db --json | cmp -s - mall.stats || fail "kill -9 after ${d}s left an incomplete k2.db"
  fi
  rm -f .k2.db.*   # a killed process cannot remove its temporary file
  run $NG merge m0.db m1.db m2.db -o k2.db
  if [ "$rc" = 0 ]; then
    $NG stats --db k2.db --json | cmp -s - mall.stats || fail "rerun after kill -9 ($d s) differs"
  else
    # the killed merge had finished: the rerun refuses (overlap), the file is complete
    grep -q "is in more than one database" err || fail "rerun after kill -9 ($d s): $(cat err)"
  fi
done
# a failed merge into an existing database leaves it as it was
$NG merge m0.db -o k3.db >/dev/null || fail "merge into k3"
$NG stats --db k3.db --json > k3.before
run $NG merge m1.db dup.db -o k3.db
eq "$rc" 1 "failed merge into an existing db"
$NG stats --db k3.db --json | cmp -s - k3.before || fail "failed merge changed the existing output"
run $NG merge m1.db m2.db -o k3.db
eq "$rc" 0 "merge into an existing db"
$NG stats --db k3.db --json | cmp -s - mall.stats || fail "merge into an existing db differs from a single ingest"
# the same file as input and output: said at once (not 'locked' after 5 s)
cp m0.db x.db
run timeout 3 $NG merge ./x.db -o x.db
eq "$rc" 2 "same file status"
grep -q "same file" err || fail "same file message: $(cat err)"

# ## 3. write errors: every command with stdout on /dev/full exits 2 and says so
$NG ingest -q --db fix.db "$FIX" || fail "ingest fixture"
for c in "export -o -" "export -o /dev/full" "neighbors joe-biden" "neighbors joe-biden --json" \
         "stats --json" "stats" "top" "top --json" "communities" "communities --json" "entity kyiv" \
         "evidence joe-biden kyiv" "path joe-biden kyiv"; do
  # shellcheck disable=SC2086
  $NG $c --db fix.db >/dev/full 2>err; rc=$?
  eq "$rc" 2 "'$c' to /dev/full: status"
  grep -q "No space left on device\|cannot write\|error writing" err || fail "'$c' to /dev/full: message: $(cat err)"
done
printf '{"id":"w1","text":"Joe Biden visited Kyiv."}\n' > w.jsonl
run sh -c "$NG tag w.jsonl >/dev/full"
eq "$rc" 2 "tag to /dev/full"
run $NG dict compile --no-shipped "$ROOT/dictionaries/places-iso.tsv" -o /dev/full
eq "$rc" 2 "dict compile -o /dev/full"
grep -q "No space left on device" err || fail "dict compile -o /dev/full message: $(cat err)"

# ## 8. export escaping keeps distinct ids distinct (a\x01, a\x02, the text a\x01, b\\c)
python3 -c '
import json
def ents(a, b):
    return [{"start": 0, "end": 1, "text": "A", "type": "ORG", "id": a, "name": "A", "field": "text"},
            {"start": 2, "end": 3, "text": "B", "type": "ORG", "id": b, "name": "B", "field": "text"}]
print(json.dumps({"id": "x1", "text": "A B", "tagger": "newsgraph", "entities": ents("a\u0001", "a\u0002")}))
print(json.dumps({"id": "x2", "text": "A B", "tagger": "newsgraph", "entities": ents("a\\x01", "b\\\\c")}))
print(json.dumps({"id": "x3", "text": "A B", "tagger": "newsgraph", "entities": ents("a\u0001", "b\\\\c")}))
' > esc.jsonl
$NG ingest -q --db esc.db esc.jsonl || fail "ingest of control-character ids"
$NG export --db esc.db -o esc.graphml 2>/dev/null || fail "graphml export"
python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
r = ET.parse("esc.graphml").getroot()
ids = [n.get("id") for n in r.iter("{http://graphml.graphdrawing.org/xmlns}node")]
ends = [(e.get("source"), e.get("target")) for e in r.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
print(" ".join(sorted(ids)))
print(len(ends), all(a in ids and b in ids for a, b in ends))
' > esc.ids
printf '%s\n' 'a\\x01 a\x01 a\x02 b\\\\c' '3 True' | cmp -s - esc.ids || fail "graphml ids: $(cat esc.ids)"
$NG export --db esc.db -f csv -o esccsv 2>/dev/null || fail "csv export"
python3 -c '
import csv
n = list(csv.reader(open("esccsv/nodes.csv")))[1:]
r = list(csv.reader(open("esccsv/relationships.csv")))[1:]
ids = [x[0] for x in n]
print(" ".join(sorted(ids)), len(set(ids)) == len(ids), all(a in ids and b in ids for a, b, *_ in r))
' > esc.csv
printf '%s\n' 'a\\x01 a\x01 a\x02 b\\\\c True True' | cmp -s - esc.csv || fail "csv ids: $(cat esc.csv)"

# ## 10. communities depend on the content only: three shards merged in
# reverse order (other row ids) give the communities of a single ingest
python3 - <<'PY'
import json, random
r = random.Random(11)
arts = []
for i in range(400):
    ids = set()
    while len(ids) < 4:
        ids.add(r.randrange(150))
    ents, pos, words = [], 0, []
    for e in sorted(ids, key=lambda x: r.random()):
        w = "E%dx" % e
        ents.append({"start": pos, "end": pos + len(w), "text": w, "type": "ORG", "id": "e%03d" % e, "name": w, "field": "text"})
        words.append(w); pos += len(w) + 1
    arts.append(json.dumps({"id": "c%d" % i, "published": "2024-02-%02d" % (1 + i % 28), "lang": "en",
                            "text": " ".join(words), "tagger": "newsgraph", "entities": ents}))
open("call.jsonl", "w").write("\n".join(arts) + "\n")
for k in range(3):
    open("c%d.jsonl" % k, "w").write("\n".join(arts[k::3]) + "\n")
PY
$NG ingest -q --db call.db call.jsonl || fail "ingest call"
for k in 0 1 2; do $NG ingest -q --db c$k.db c$k.jsonl || fail "ingest c$k"; done
$NG merge c2.db c1.db c0.db -o cm.db >/dev/null || fail "merge c2 c1 c0"
[ "$(sqlite3 call.db 'SELECT group_concat(key) FROM (SELECT key FROM entity ORDER BY id LIMIT 5)')" != \
  "$(sqlite3 cm.db 'SELECT group_concat(key) FROM (SELECT key FROM entity ORDER BY id LIMIT 5)')" ] || fail "row ids should differ"
for seed in 1 2 3; do
  $NG communities --db call.db --json --seed $seed > ca.json; $NG communities --db cm.db --json --seed $seed > cb.json
  cmp -s ca.json cb.json || fail "communities --seed $seed differ between a merge and a single ingest"
  $NG top --db call.db --by betweenness --json > ta.json; $NG top --db cm.db --by betweenness --json > tb.json
  cmp -s ta.json tb.json || fail "top --by betweenness differs between a merge and a single ingest"
done

# ## 13. temporary files: a symlink planted at the old predictable names
# (NAME.tmpPID, NAME.tmp.PID; the shell's $$ is the pid exec keeps) is not followed
printf 'precious\n' > victim
sh -c 'ln -s victim "out.graphml.tmp$$"; exec "$0" export --db fix.db -o out.graphml' "$NG" 2>/dev/null || fail "export beside a planted link"
printf 'sao-tome\tLOC\tSão Tomé\n' > small.tsv
sh -c 'ln -s victim "d.ngd.tmp.$$"; exec "$0" dict compile --no-shipped small.tsv -o d.ngd' "$NG" 2>/dev/null || fail "dict compile beside a planted link"
(cd "$ROOT/tests/data/import" && sh -c 'ln -s "$1/victim" "$1/iso.tsv.tmp.$$"; exec "$0" dict import --from iso-codes --no-common-words --subdivisions none --lang en . -o "$1/iso.tsv"' "$NG" "$T") 2>/dev/null \
  || fail "dict import beside a planted link"
eq "$(cat victim)" "precious" "a planted symlink's target was written"
grep -q '<graphml' out.graphml || fail "export output"
[ -s d.ngd ] && [ -s iso.tsv ] || fail "dict compile / import output"
# the output gets the umask's mode, not mkstemp's 0600
(umask 022; $NG export --db fix.db -o mode.graphml 2>/dev/null)
eq "$(stat -c %a mode.graphml)" 644 "export file mode"
# and no temporary file stays behind
[ -z "$(ls -A | grep '^\.[a-z].*\.[A-Za-z0-9]\{6\}$')" ] || fail "temporary files left: $(ls -A)"

# ## 14. export -o LINK writes the link's target (the link stays a link)
mkdir sub
ln -s sub/real.graphml link.graphml
ln -s missing.gml sub/dangling.gml
run $NG export --db fix.db -o link.graphml
eq "$rc" 0 "export through a link"
[ -L link.graphml ] || fail "the link was replaced by a file"
grep -q '<graphml' sub/real.graphml || fail "the link's target was not written"
run $NG export --db fix.db -f gml -o sub/dangling.gml
eq "$rc" 0 "export through a dangling link"
[ -L sub/dangling.gml ] && grep -q '^graph \[' sub/missing.gml || fail "a dangling link's target (relative to the link) was not created"
ln -s loop1 loop2; ln -s loop2 loop1
run $NG export --db fix.db -o loop1
eq "$rc" 2 "export through a link loop"
grep -q "symbolic link" err || fail "link loop message: $(cat err)"

# ## 15. betweenness: exact on small graphs, sampled above a size (noted), bounded options
$NG top --db fix.db --by betweenness --json -n 0 > bt_exact.json
$NG top --db fix.db --by betweenness --json -n 0 --sources all > bt_all.json
cmp -s bt_exact.json bt_all.json || fail "small graph: default betweenness is not the exact one"
eq "$(j 'd["betweenness"]' < bt_exact.json)" '{"method": "exact", "nodes": 9, "sources": 9}' "exact note"
$NG top --db fix.db --by betweenness --json -n 0 --sources 4 > bt_s.json
eq "$(j 'd["betweenness"]' < bt_s.json)" '{"method": "sampled", "nodes": 9, "sources": 4}' "sampled note"
# regression: --sources 0 was taken as 'not given' (exact, silently)
run $NG top --db fix.db --by betweenness --sources 0; eq "$rc" 2 "--sources 0 status"
$NG top --db fix.db --by betweenness -n 1 --sources 4 | head -1 > bt_s.txt
eq "$(cat bt_s.txt)" "(betweenness estimated from a sample of 4 of 9 sources; --sources all for the exact value)" "sampled note (table)"
# above the size (nodes x (edges + nodes) > 5e7) the sample is chosen by itself, in bounded time
python3 - <<'PY'
import json, random
r = random.Random(5)
with open("bt.jsonl", "w") as f:
    for i in range(9000):
        ids = set()
        while len(ids) < 7: ids.add(int(6000 * r.random() ** 1.5))
        ents, pos, words = [], 0, []
        for e in ids:
            w = "E%dx" % e
            ents.append({"start": pos, "end": pos + len(w), "text": w, "type": "ORG", "id": "e%d" % e, "name": w, "field": "text"})
            words.append(w); pos += len(w) + 1
        f.write(json.dumps({"id": "b%d" % i, "lang": "en", "text": " ".join(words), "tagger": "newsgraph", "entities": ents}) + "\n")
PY
$NG ingest -q --db bt.db bt.jsonl || fail "ingest bt"
run timeout 60 $NG top --db bt.db --by betweenness --json -n 3
eq "$rc" 0 "large betweenness status"
python3 -c '
import json; d = json.load(open("out")); b = d["betweenness"]; w = d["nodes"] * (d["edges"] + d["nodes"])
print(b["method"], w > 5e7, b["sources"] == max(50, int(2e7 / (d["edges"] + d["nodes"]))), b["nodes"] == d["nodes"])' > bt_auto.txt
eq "$(cat bt_auto.txt)" "sampled True True True" "automatic sample"
# numeric options have upper bounds, with messages
for c in "communities --iterations 1000000|--iterations: '1000000' is too large (at most 1000)" \
         "communities --iterations 0|--iterations: at least 1" \
         "communities --seed 4294967296|--seed: '4294967296' is too large (at most 4294967295)" \
         "top -n 99999999999999999999|-n: '99999999999999999999' is too large (at most 10000000)" \
         "top --by betweenness --sources 10000001|--sources: '10000001' is too large (at most 10000000)" \
         "export -o x.graphml --depth 2147483648|--depth: '2147483648' is too large (at most 1000)"; do
  cmd=${c%%|*}; msg=${c#*|}
  # shellcheck disable=SC2086
  run $NG $cmd --db fix.db
  eq "$rc" 2 "'$cmd' status"
  eq "$(head -1 err)" "newsgraph: $msg" "'$cmd' message"
done

# ## 16. a named pipe inside an input directory is skipped with a warning
# (tag and ingest do not hang); a FIFO named explicitly is read as a stream
mkdir indir
printf 'Joe Biden visited Kyiv.\n' > indir/a.txt
mkfifo indir/p.txt
run timeout 10 $NG tag indir
eq "$rc" 0 "tag of a directory with a FIFO"
eq "$(cat err)" "newsgraph: warning: indir/p.txt: a named pipe in a directory, skipped (name it to read it)" "tag FIFO warning"
grep -q '"id":"indir/a.txt"' out || fail "tag of the regular file beside the FIFO: $(cat out)"
run timeout 10 $NG ingest -q --db fifo.db indir
eq "$rc" 0 "ingest of a directory with a FIFO"
eq "$(cat err)" "newsgraph: warning: indir/p.txt: a named pipe in a directory, skipped (name it to read it)" "ingest FIFO warning"
eq "$($NG stats --db fifo.db --json | j 'd["articles"]')" 1 "ingest beside a FIFO"
mkfifo stream.jsonl
(printf '{"id":"f1","text":"Joe Biden visited Kyiv."}\n' > stream.jsonl) &
run timeout 10 $NG tag stream.jsonl
wait
eq "$rc" 0 "tag of a FIFO named explicitly"
grep -q '"id":"f1"' out || fail "FIFO named explicitly: $(cat out)"

# ## 18. dates: one parser everywhere (ISO 8601 with time and zone, YYYY-M-D,
# RFC 2822); impossible dates refused with a message
while IFS='|' read -r given want; do
  printf '{"id":"d1","text":"Joe Biden visited Kyiv.","published":"%s"}\n' "$given" > d.jsonl
  rm -f d.db; run $NG ingest -q --db d.db d.jsonl
  if [ "${want#!}" = "$want" ]; then
    eq "$rc:$(cat err)" "0:" "date '$given' ingest"
    eq "$(sqlite3 d.db 'SELECT published FROM article')" "$want" "date '$given' stored"
  else
    eq "$(cat err)" "newsgraph: d.jsonl:1:1: \"published\": ${want#!}" "date '$given' message"
    eq "$(sqlite3 d.db 'SELECT count(*) FROM article' 2>/dev/null || echo 0)" 0 "date '$given' not stored"
  fi
done <<'EOF'
2024-01-05|2024-01-05
2024-1-5|2024-01-05
2024-01-05T23:10:00+02:00|2024-01-05
2024-01-05 10:00:00Z|2024-01-05
Fri, 05 Jan 2024 10:00:00 +0000|2024-01-05
5 January 2024 10:00 GMT|2024-01-05
2024-02-29|2024-02-29
2024-02-30|!'2024-02-30': February 2024 has 29 days
2023-02-29|!'2023-02-29': February 2023 has 28 days
0000-01-01|!'0000-01-01': there is no year 0
2024-13-45|!'2024-13-45': there is no month 13
garbage|!'garbage' is not a date (YYYY-MM-DD, ISO 8601 with a time, or RFC 2822 such as 'Fri, 05 Jan 2024 10:00:00 +0000')
EOF
# the same parser for --since/--until (partial dates allowed)
run $NG neighbors --db fix.db joe-biden --since 2024-13-45
eq "$rc" 2 "neighbors --since 2024-13-45 status"
eq "$(head -1 err)" "newsgraph: --since: '2024-13-45': there is no month 13" "neighbors --since 2024-13-45 message"
run $NG export --db fix.db --since garbage -o g.graphml
eq "$rc" 2 "export --since garbage status"
eq "$(head -1 err)" "newsgraph: --since: 'garbage' is not a date (YYYY-MM-DD, YYYY-MM, YYYY, ISO 8601 with a time, or RFC 2822 such as 'Fri, 05 Jan 2024 10:00:00 +0000')" "export --since garbage message"
[ ! -e g.graphml ] || fail "export --since garbage wrote a file"
$NG neighbors --db fix.db joe-biden --since 2023-07-12 --json > n1.json
$NG neighbors --db fix.db joe-biden --since "Wed, 12 Jul 2023" --json > n2.json
cmp -s n1.json n2.json || fail "--since in RFC 2822 form differs"
run $NG communities --db fix.db --until 2023-07 --json
eq "$rc" 0 "communities --until 2023-07"

# ## 19. assorted
# --resolution must be a positive finite number
for r in inf nan -1 0; do
  run $NG communities --db fix.db --resolution $r --json
  eq "$rc" 2 "--resolution $r status"
  eq "$(head -1 err)" "newsgraph: --resolution: '$r' is not a positive finite number" "--resolution $r message"
  eq "$(wc -c < out)" 0 "--resolution $r output"
done
# neighbors --since: the total counts the neighbours in the dates
$NG neighbors --db mall.db e7 --since 2024-01-05 --until 2024-01-05 -n 10000000 --json > nb_all.json
$NG neighbors --db mall.db e7 --since 2024-01-05 --until 2024-01-05 -n 2 --json > nb_2.json
eq "$(j 'len(d["neighbors"])' < nb_all.json)" "$(j 'd["total"]' < nb_2.json)" "neighbors --since total"
$NG neighbors --db mall.db e7 --since 2024-01-05 --until 2024-01-05 -n 2 > nb_2.txt
eq "$(tail -1 nb_2.txt)" "(2 of $(j 'd["total"]' < nb_2.json) shown)" "neighbors --since shown line"
[ "$(j 'd["total"]' < nb_2.json)" -lt "$($NG neighbors --db mall.db e7 -n 2 --json | j 'd["total"]')" ] || fail "the dated total should be smaller"
# SIGTERM during export removes the temporary file: export -o - to a FIFO
# nobody reads blocks in the copy, with the temporary file complete
mkdir tmpd; mkfifo exp.fifo
TMPDIR=$T/tmpd $NG export --db bt.db -o - > exp.fifo 2>/dev/null &
pid=$!
exec 3<exp.fifo   # opened (so the writer starts) but never read
# (the temporary file complete: written through its own atomic temporary,
# .newsgraph-export.*.XXXXXX, and renamed into place; a fixed sleep after
# the first file showed up once killed a slow ASan run before that rename)
done_export() { [ -n "$(ls tmpd)" ] && [ "$(ls -A tmpd)" = "$(ls tmpd)" ] && [ -s "tmpd/$(ls tmpd | head -1)" ]; }
i=0; while [ $i -lt 300 ] && ! done_export; do sleep 0.1; i=$((i + 1)); done
done_export || fail "no complete temporary export file seen"
sleep 0.2; kill -TERM $pid; wait $pid; krc=$?
exec 3<&-
eq "$krc" 143 "export killed by SIGTERM"
eq "$(ls -A tmpd)" "" "SIGTERM left the temporary export file"
# and -o FILE: whatever the moment, no temporary file stays
for d in 0.05 0.2 0.5; do
  $NG export --db bt.db -o big.graphml 2>/dev/null & pid=$!
  sleep $d; kill -INT $pid 2>/dev/null; wait $pid
  [ -z "$(ls -A | grep '^\.big\.graphml\.')" ] || fail "SIGINT after ${d}s left $(ls -A | grep '^\.big')"
done
# pretty output escapes control characters of ids and texts
printf '{"id":"a\\u001b[31mred\\u0007","text":"Joe Biden\\u001b]0;x\\u0007 in Kyiv.\\u0085"}\n' > ctl.jsonl
$NG tag -f pretty --color never ctl.jsonl > ctl.out
printf '%s\n' '== a\x1B[31mred\x07' '[Joe Biden](PER joe-biden)\x1B]0;x\x07 in [Kyiv](LOC ua-kyiv).\x85' '' | cmp -s - ctl.out || fail "pretty escapes: $(od -c ctl.out | head -5)"
# ids: a number with a fraction gets a clear message; 20-digit integers are read as text
printf '{"id":1.0,"text":"x"}\n' > id1.jsonl
run $NG tag id1.jsonl
eq "$rc:$(cat err)" '1:newsgraph: id1.jsonl:1:1: "id" must be a string or an integer (not a number with a fraction or exponent)' "id 1.0"
printf '{"id":12345678901234567890,"text":"Kyiv.","views":99999999999999999999,"published":"2024-01-05"}\n' > id20.jsonl
run $NG tag id20.jsonl
eq "$rc" 0 "20-digit integers"
grep -q '^{"id":"12345678901234567890","published":"2024-01-05","tagger":"newsgraph","entities":\[{"start":0,"end":4,"text":"Kyiv"' out || fail "20-digit id: $(cat out)"
run $NG ingest -q --db id20.db id20.jsonl
eq "$rc" 0 "ingest with 20-digit integers"
eq "$(sqlite3 id20.db 'SELECT key FROM article')" 12345678901234567890 "20-digit id stored"
# tag takes as many file arguments as ingest (no limit of 4096)
mkdir many
i=0; while [ $i -lt 4200 ]; do i=$((i + 1)); echo "Kyiv $i" > many/f$i.txt; done
run $NG tag many/*.txt
eq "$rc" 0 "tag of 4200 files"
eq "$(wc -l < out)" 4200 "tag of 4200 files: lines"

# ## 11. $NEWSGRAPH_DICTIONARIES: every *.tsv (past 1,024 files); none at all is an error
mkdir dicts
i=0; while [ $i -lt 1100 ]; do i=$((i + 1)); printf 'ent-%04d\tORG\tZorblax%04d\n' $i $i > dicts/d$(printf %04d $i).tsv; done
python3 -c 'import json; print(json.dumps({"id": "z", "text": " ".join("Zorblax%04d." % i for i in range(1, 1101))}))' > z.jsonl
NEWSGRAPH_DICTIONARIES=$T/dicts $NG tag z.jsonl > z.out 2> z.err
eq "$?:$(cat z.err)" "0:" "tag with 1100 dictionary files"
eq "$(j 'len(set(e["id"] for e in d["entities"]))' < z.out)" 1100 "every one of 1100 dictionary files is loaded"
mkdir nodicts
run env NEWSGRAPH_DICTIONARIES=$T/nodicts $NG tag z.jsonl
eq "$rc" 2 "a dictionary folder without dictionaries: status"
eq "$(cat err)" "newsgraph: $T/nodicts: no dictionary files (*.tsv) in this directory" "a dictionary folder without dictionaries: message"
eq "$(wc -c < out)" 0 "a dictionary folder without dictionaries: output"

# ## 12. brat --output-dir: unique, valid names; nothing overwritten silently
python3 -c '
import json
for i, t in [("x/y", "one"), ("x_y", "two"), ("", "three"), ("x_y", "four"), (".hidden", "five"),
             ("\u044f" * 150, "six"), ("\u044f" * 150 + "b", "seven"), ("a\u001bb", "eight")]:
    print(json.dumps({"id": i, "text": t}))' > br.jsonl
run $NG tag -f brat --no-shipped --dict small.tsv --output-dir bo br.jsonl
eq "$rc:$(cat err)" "0:" "brat output"
eq "$(ls -A bo | grep -c '\.txt$')" 8 "brat: one .txt per article"
eq "$(ls -A bo | grep -c '\.ann$')" 8 "brat: one .ann per article"
eq "$(for f in bo/*.txt; do cat "$f"; echo; done | sort | tr '\n' ' ')" "eight five four one seven six three two " "brat: every text kept"
eq "$(cat bo/x_y.txt)" two "brat: an id that is a valid name keeps it"
eq "$(cat bo/x_y~2.txt)" four "brat: the same id twice gets ~2"
[ -z "$(ls -A bo | grep '^\.')" ] || fail "brat: hidden files: $(ls -A bo)"
python3 -c '
import os
for n in os.listdir("bo"):
    b = os.fsencode(n)
    b.decode("utf-8")   # raises on a cut character
    assert len(b) <= 200 + 9 + 4, n
    assert all(c >= 0x20 for c in b), n
print("ok")' > bo.check 2>&1
eq "$(cat bo.check)" ok "brat: names are valid UTF-8, without control characters, short"
run $NG tag -f brat --no-shipped --dict small.tsv --output-dir bo br.jsonl
eq "$rc" 0 "brat rerun"
grep -q "^newsgraph: warning: bo: replacing files written before this run" err || fail "brat rerun: no warning: $(cat err)"

# regression: -f brat dropped the title's entities (and the title)
printf '%s\n' '{"id":"t1","title":"Zelensky in Kyiv","text":""}' '{"id":"t2","title":"Путін у Москві","text":"Зеленський у Києві."}' \
  '{"id":"t3","text":"NATO in Brussels."}' > brt.jsonl
run $NG tag -f brat --output-dir bt brt.jsonl
eq "$rc" 0 "brat with titles"
eq "$(printf 'Путін у Москві\n\nЗеленський у Києві.' | cmp -s - bt/t2.txt && echo same)" same "brat: title, blank line, text"
python3 - > bt.check 2>&1 <<'PY'
import glob
n = 0
for ann in sorted(glob.glob("bt/*.ann")):
    txt = open(ann[:-4] + ".txt", encoding="utf-8").read()
    for l in open(ann, encoding="utf-8"):
        if l.startswith("T"):
            f = l.rstrip("\n").split("\t")
            _, s, e = f[1].split()
            assert txt[int(s):int(e)] == f[2], (ann, l)
            n += 1
print(n)
PY
eq "$(cat bt.check)" 8 "brat: every entity, title ones too, at its place in the .txt"
$NG tag -f brat brt.jsonl > bt.out
eq "$(grep -c '^T' bt.out)" 8 "brat on stdout: the title's entities too"

done_tests
