#!/bin/sh
# newsgraph serve in a real browser: headless Chromium driven by Selenium
# (tests/cli/serve_browser.py) against a server on a free port of 127.0.0.1,
# always stopped (trap). Screenshots go to $BUILD/serve-screenshots. Skipped,
# with a message, when chromium, chromium-driver or python3-selenium is not
# installed (apt-get install chromium chromium-driver python3-selenium),
# unless NG_REQUIRE_BROWSER=1 (set by .ci/run, which installs them): then a
# missing browser is a failure, so CI cannot pass without the test.
. "$(dirname "$0")/setup"
PY=/usr/bin/python3
if ! command -v chromium >/dev/null || [ ! -x /usr/bin/chromedriver ] || ! $PY -c 'import selenium' 2>/dev/null; then
  if [ "${NG_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "FAIL serve_browser.sh: NG_REQUIRE_BROWSER=1 but chromium, chromium-driver or python3-selenium is missing"
    exit 1
  fi
  echo "serve_browser.sh: SKIPPED: needs chromium, chromium-driver and python3-selenium (apt-get install chromium chromium-driver python3-selenium)"
  exit 0
fi
SHOTS=${BUILD:-$ROOT/build}/serve-screenshots
PID=
trap '[ -n "$PID" ] && { kill $PID 2>/dev/null; wait $PID 2>/dev/null; }; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP
DB=$T/news.db
"$NG" ingest --db "$DB" "$ROOT/tests/data/articles/sample.jsonl" "$ROOT/tests/data/serve/articles.jsonl" >/dev/null 2>&1 \
  || { echo "serve_browser.sh: ingest failed"; exit 1; }
. "$(dirname "$0")/serve_start"
serve_start serve --db "$DB" --port 0 || exit 1
PID=$last
# a browser that hangs must not hang the suite
timeout 180 $PY "$ROOT/tests/cli/serve_browser.py" "$URL" "$SHOTS" >"$T/browser.log" 2>&1
rc=$?
checks=1
if [ $rc != 0 ]; then cat "$T/browser.log"; echo "FAIL the browser test (status $rc)"; fail=1; fi
finish
