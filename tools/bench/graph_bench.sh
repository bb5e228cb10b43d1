#!/bin/sh
# Graph benchmark (called by tools/bench/run.sh; usage: graph_bench.sh BUILD DATA).
# Workload (tools/bench/gen_graph.py, generated once): 100,000 articles of
# about 2 KB with 15 entity mentions each over a 100,000-entity dictionary.
# Measures: ingest with tagging (articles/s), neighbors latency (CLI, end to
# end, 101 entities), top --by pagerank, communities, GraphML export, DB size.
# Prints a Markdown table of medians. Env: GRAPH_ARTICLES, GRAPH_ENTITIES,
# GRAPH_INGEST_RUNS (default 1: one ingest takes about a minute), BENCH_RUNS.
set -e
BUILD=${1:-build}
DATA=${2:-bench-data}/graph
NG=$(cd "$BUILD" && pwd)/newsgraph
N=${GRAPH_ARTICLES:-100000}
E=${GRAPH_ENTITIES:-100000}
RUNS=${BENCH_RUNS:-3}
IRUNS=${GRAPH_INGEST_RUNS:-1}
mkdir -p "$DATA"
stamp="$DATA/.gen-$(cksum < tools/bench/gen_graph.py | cut -d' ' -f1)-$N-$E"
if [ ! -f "$stamp" ]; then
  echo "generating the graph workload in $DATA (once) ..."
  python3 tools/bench/gen_graph.py "$DATA" "$N" "$E"
  rm -f "$DATA"/.gen-*; touch "$stamp"
fi
DB="$DATA/bench.db"
python3 - "$NG" "$DATA" "$DB" "$RUNS" "$IRUNS" <<'PY'
import json, os, random, statistics, subprocess, sys, time
ng, data, db, runs, iruns = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

def clean():
    for suf in ("", "-wal", "-shm"):
        if os.path.exists(db + suf): os.remove(db + suf)

def timed(args, quiet=True):
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

rates = []
for _ in range(iruns):
    clean()
    out = subprocess.run([ng, "ingest", "--json", "--threads", "1", "--db", db, "--no-shipped", "--dict", os.path.join(data, "dict.tsv"),
                          os.path.join(data, "articles.jsonl")], check=True, capture_output=True, text=True).stdout
    s = json.loads(out)
    rates.append(s["articles"] / s["seconds"])
stats = json.loads(subprocess.run([ng, "stats", "--json", "--db", db], check=True, capture_output=True, text=True).stdout)
size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))

rng = random.Random(7)
ids = ["e0"] + ["e%d" % rng.randrange(0, 100000) for _ in range(100)]
lat = []
for e in ids:
    try: lat.append(timed([ng, "neighbors", "--db", db, "-n", "20", e]))
    except subprocess.CalledProcessError: pass   # entity never drawn
hub = lat[0]
pr = [timed([ng, "top", "--db", db, "--by", "pagerank", "-n", "20"]) for _ in range(runs)]
cm = [timed([ng, "communities", "--db", db]) for _ in range(runs)]
cm2 = [timed([ng, "communities", "--db", db, "--min-count", "2"]) for _ in range(runs)]
gx = os.path.join(data, "bench.graphml")
ex = [timed([ng, "export", "--db", db, "-o", gx]) for _ in range(runs)]
gsize = os.path.getsize(gx); os.remove(gx)
med = statistics.median
print("graph: %d articles, %d entities, %d edges, %d mentions, window %s" %
      (stats["articles"], stats["entities"], stats["edges"], stats["mentions"], stats["window"]))
print()
print("| measure | result | target |")
print("|---|---|---|")
print("| ingest with tagging (median of %d) | %.0f articles/s | >= 5,000 |" % (iruns, med(rates)))
print("| neighbors, median of %d entities (CLI end to end) | %.1f ms | <= 10 ms |" % (len(lat), med(lat) * 1000))
print("| neighbors of the biggest hub (%s) | %.1f ms | |" % ("e0", hub * 1000))
print("| top --by pagerank (median of %d) | %.2f s | <= 5 s |" % (runs, med(pr)))
print("| communities, Leiden, all edges (median of %d) | %.2f s | <= 5 s |" % (runs, med(cm)))
print("| communities --min-count 2 (median of %d) | %.2f s | |" % (runs, med(cm2)))
print("| GraphML export, whole graph (median of %d) | %.2f s (%.0f MB) | <= 10 s |" % (runs, med(ex), gsize / 1e6))
print("| database size | %.0f MB | |" % (size / 1e6))
PY
