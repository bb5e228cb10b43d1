#!/bin/sh
# make bench: tagger benchmark (and the graph benchmark when present).
set -e
BUILD=${1:-build}
DATA=${BENCH_DATA:-bench-data}
SIZE=${BENCH_MB:-100}
mkdir -p "$DATA"
stamp="$DATA/.gen-$(cksum < tools/bench/gen_tagger.py | cut -d' ' -f1)-$SIZE"
if [ ! -f "$stamp" ]; then
  echo "generating the tagger workload in $DATA (once) ..."
  python3 tools/bench/gen_tagger.py "$DATA" "$SIZE"
  rm -f "$DATA"/.gen-*; touch "$stamp"
fi
echo "## Tagger"
python3 tools/bench/bench_tagger.py "$BUILD/newsgraph" "$DATA" "${BENCH_RUNS:-3}"
if [ -f tools/bench/graph_bench.sh ]; then
  echo
  echo "## Graph"
  sh tools/bench/graph_bench.sh "$BUILD" "$DATA"
fi
