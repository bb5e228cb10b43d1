#!/bin/sh
# Runs each libFuzzer target for $FUZZ_SECONDS (default 60; 0 = only replay
# the corpus) on a scratch
# copy of its committed seed corpus (tests/fuzz/corpus/NAME; new inputs stay
# in BUILD/corpus/NAME, so the tree is not touched) and prints a summary
# line per target: seconds, executions per second, coverage (cov:, ft:).
# Crashes are saved as BUILD/crash-NAME-*; the script then fails.
# usage: tests/fuzz/run.sh BUILD [NAME...]
BUILD=${1:?usage: run.sh BUILD [NAME...]}; shift
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SECONDS:-60}
[ $# -gt 0 ] || set -- $(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
status=0
summary=""
for name in "$@"; do
  bin=$BUILD/fuzz/fuzz_$name
  [ -x "$bin" ] || { echo "fuzz: $bin missing (make fuzz builds it)"; status=1; continue; }
  work=$BUILD/corpus/$name
  mkdir -p "$work"
  [ -d tests/fuzz/corpus/$name ] && cp -n tests/fuzz/corpus/$name/* "$work"/ 2>/dev/null
  dict=""; [ -f tests/fuzz/dict/$name.dict ] && dict="-dict=tests/fuzz/dict/$name.dict"
  log=$BUILD/fuzz-$name.log
  echo "fuzz: $name for ${SECS}s"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin" $([ "$SECS" = 0 ] && echo -runs=0 || echo -max_total_time="$SECS") -print_final_stats=1 -max_len=65536 -rss_limit_mb=2048 -timeout=25 \
      -artifact_prefix="$BUILD/crash-$name-" $dict "$work" > "$log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  execs=$(grep 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  eps=$(grep 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
  cov=$(printf '%s\n' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(printf '%s\n' "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  corp=$(printf '%s\n' "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
  line=$(printf '%-20s %4ss  %8s execs  %6s exec/s  cov: %-5s ft: %-6s corp: %s' "$name" "$SECS" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")
  if [ $rc -ne 0 ]; then
    line="$line  CRASH (rc $rc, see $log)"; status=1
    grep -E 'ERROR|fuzz check failed|SUMMARY|Test unit written' "$log" | head -n 8
  fi
  summary="$summary$line
"
done
echo
printf '%s' "$summary"
exit $status
