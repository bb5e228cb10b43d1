#!/bin/sh
# make bench / make bench-quick: tagger benchmarks (and the graph benchmark).
#   sh tools/bench/run.sh BUILD [quick]
# The realistic workload (real names, real prose) is generated once into
# $BENCH_DATA/realistic by realistic_workload.py from $NG_BENCH_SHARED
# (default ../shared/bench, relative to the repository); the synthetic one
# (tools/bench/gen_tagger.py) into $BENCH_DATA. BENCH_GRAPH=0 skips the
# graph benchmark.
set -e
BUILD=${1:-build}
MODE=${2:-full}
DATA=${BENCH_DATA:-bench-data}
SIZE=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-3}
SHARED=${NG_BENCH_SHARED:-../shared/bench}
REAL="$DATA/realistic"
mkdir -p "$REAL"

gen="$SHARED/realistic_workload.py"
if [ ! -f "$gen" ]; then
  echo "newsgraph bench: $gen not found: set NG_BENCH_SHARED to the directory of realistic_workload.py" >&2
  exit 2
fi
stamp="$REAL/.gen-$(cksum < "$gen" | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
  echo "generating the realistic workload in $REAL (once, about a minute; needs iso-codes, wamerican, nodejs, npm, man pages) ..."
  python3 "$gen" "$REAL"
  rm -f "$REAL"/.gen-* "$REAL"/*.ngd "$REAL"/hs_*; touch "$stamp"
fi

echo "## Tagger, realistic workload"
if [ "$MODE" = quick ]; then
  python3 tools/bench/bench_real.py "$BUILD/newsgraph" "$BUILD/hsbench" "$REAL" "$REAL/corpus_10m.txt" "$RUNS" quick
  exit 0
fi
python3 tools/bench/bench_real.py "$BUILD/newsgraph" "$BUILD/hsbench" "$REAL" "$REAL/corpus_100m.txt" "$RUNS"
echo
echo "## Python module vs CLI, realistic workload (make python: $BUILD/python)"
python3 tools/bench/bench_python.py "$BUILD/newsgraph" "$BUILD/python" "$REAL" "$REAL/corpus_100m.txt" "$RUNS"

stamp="$DATA/.gen-$(cksum < tools/bench/gen_tagger.py | cut -d' ' -f1)-$SIZE"
if [ ! -f "$stamp" ]; then
  echo "generating the synthetic tagger workload in $DATA (once) ..."
  python3 tools/bench/gen_tagger.py "$DATA" "$SIZE"
  rm -f "$DATA"/.gen-*; touch "$stamp"
fi
echo
echo "## Tagger, synthetic workload (no word of the text is a word of a name: the rejection path)"
python3 tools/bench/bench_tagger.py "$BUILD/newsgraph" "$DATA" "$RUNS"
echo
echo "## Ingest, realistic text in 2 KB JSON Lines articles, 100k dictionary"
sh tools/bench/ingest_bench.sh "$BUILD" "$REAL"
if [ -f tools/bench/graph_bench.sh ] && [ "${BENCH_GRAPH:-1}" != 0 ]; then
  echo
  echo "## Graph"
  sh tools/bench/graph_bench.sh "$BUILD" "$DATA"
  echo
  echo "## newsgraph serve: 200 concurrent clients, 10,000 mixed requests, the graph benchmark's database"
  sh tools/bench/serve_bench.sh "$BUILD" "$DATA"
fi
