#!/bin/sh
# Ingest benchmark (called by tools/bench/run.sh; usage: ingest_bench.sh
# BUILD REALDATA). The realistic text cut into articles of about 2 KB (at
# line ends) as JSON Lines, ingested end to end into a new database with
# the 100k dictionary (compiled image); then the same articles only tagged,
# so that the difference is storage (SQLite, mentions, edges, indexes).
# Env: INGEST_MB (default 100: all of corpus_100m.txt), BENCH_RUNS.
set -e
BUILD=${1:-build}
REAL=${2:-bench-data/realistic}
NG=$(cd "$BUILD" && pwd)/newsgraph
MB=${INGEST_MB:-100}
RUNS=${BENCH_RUNS:-3}
python3 - "$NG" "$REAL" "$MB" "$RUNS" <<'PY'
import json, os, statistics, subprocess, sys, time
ng, real, mb, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
arts = os.path.join(real, f"articles_{mb}m.jsonl")
img = os.path.join(real, "dict_100k.ngd")
if not os.path.exists(img):
    sys.exit(f"ingest bench: {img} missing (the realistic tagger bench compiles it)")
if not os.path.exists(arts):
    # about 2 KB each: cut at the first space or line end after 2,000 bytes
    data = open(os.path.join(real, "corpus_100m.txt"), "rb").read()
    data = data[:data.rfind(b"\n", 0, mb * 1_000_000) + 1]
    n, p = 0, 0
    with open(arts + ".tmp", "w", encoding="utf-8") as o:
        while p < len(data):
            e = p + 2000
            while e < len(data) and data[e] not in b" \n":
                e += 1
            text = data[p:e].decode("utf-8").strip()
            p = e + 1
            if not text:
                continue
            n += 1
            o.write(json.dumps({"id": f"a{n}", "title": text.split("\n", 1)[0][:80], "text": text},
                               ensure_ascii=False) + "\n")
    os.replace(arts + ".tmp", arts)
n = sum(1 for _ in open(arts, "rb"))
amb = os.path.getsize(arts) / 1e6
db = os.path.join(real, "ingest-bench.db")

def clean():
    for suf in ("", "-wal", "-shm"):
        if os.path.exists(db + suf):
            os.remove(db + suf)

def timed(args, out=subprocess.DEVNULL):
    t = time.perf_counter()
    p = subprocess.run(args, stdout=out, stderr=subprocess.PIPE)
    return time.perf_counter() - t, p.returncode, p.stderr.decode(errors="replace")

# the workload's dictionary and the given-name lists as the binary uses them
# by default (compiled next to it), so the person rules run
names = os.path.join(os.path.dirname(ng), "names.ngn")
base = ["--threads", "1", "--no-shipped", "--names", names, "--dict", img]
fallback = False
ti, tt = [], []
for _ in range(runs):
    clean()
    if not fallback:
        dt, rc, err = timed([ng, "ingest", "-q", "--db", db] + base + [arts])
        if rc:
            # ingest has no --no-rules: tag with it (keeping the text), then
            # ingest the saved output; the sum stands for the end to end time
            print(f"(ingest with the name rules failed: {err.strip()[:160]};\n"
                  f" measured as 'tag --no-rules --keep-text' + 'ingest' of its output)")
            fallback = True
            clean()
    if fallback:
        saved = db + ".tagged.jsonl"
        with open(saved, "wb") as o:
            t1, rc, err = timed([ng, "tag", "--format", "jsonl", "--keep-text", "--no-rules"] + base + [arts], o)
        if rc:
            sys.exit(f"ingest bench: tag failed: {err.strip()}")
        t2, rc, err = timed([ng, "ingest", "-q", "--db", db, saved])
        os.remove(saved)
        if rc:
            sys.exit(f"ingest bench: ingest of saved output failed: {err.strip()}")
        dt = t1 + t2
    ti.append(dt)
extra = ["--no-rules"] if fallback else []
tt = [timed([ng, "tag", "--format", "jsonl"] + base + extra + [arts])[0] for _ in range(runs)]
ing, tag = statistics.median(ti), statistics.median(tt)
dbmb = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 1e6
clean()
print(f"{n} articles, {amb:.0f} MB of JSON Lines; medians of {runs}; {'name rules off' if fallback else 'every feature on'}")
print()
print("| measure | value |")
print("|---|---:|")
print(f"| ingest, end to end | {n / ing:,.0f} articles/s ({ing:.2f} s) |")
print(f"| tag only, same articles (JSON Lines out) | {n / tag:,.0f} articles/s ({tag:.2f} s) |")
print(f"| storage share (ingest - tag) | {ing - tag:.2f} s ({100 * (ing - tag) / ing:.0f} %) |")
print(f"| database size | {dbmb:.0f} MB |")
PY
