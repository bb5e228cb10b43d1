#!/bin/sh
# newsgraph serve: the JSON API and the page, over HTTP with curl, against a
# server started on a free port of 127.0.0.1 (--port 0) and always stopped
# (trap). Every endpoint, every error, the escaping of hostile names
# (tests/data/serve: <script>alert(1)</script>, "><img src=x onerror=…>,
# '); DROP TABLE entities;--), path traversal, request bounds, a database
# ingested into while the server runs, --bind's warning, export --format svg.
. "$(dirname "$0")/setup"
command -v curl >/dev/null || { echo "serve.sh: curl is needed (apt-get install curl)"; exit 1; }
PID=
PID2=
stop_servers() {
  for p in $PID $PID2; do kill "$p" 2>/dev/null; done
  for p in $PID $PID2; do wait "$p" 2>/dev/null; done
  PID= PID2=
}
trap 'stop_servers; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP
DB=$T/news.db
"$NG" ingest --db "$DB" "$ROOT/tests/data/articles/sample.jsonl" "$ROOT/tests/data/serve/articles.jsonl" >/dev/null 2>&1 \
  || { echo "serve.sh: ingest failed"; exit 1; }

. "$(dirname "$0")/serve_start"
serve_start main --db "$DB" --port 0 || exit 1
PID=$last
check "listens on 127.0.0.1 by default: $URL" sh -c "echo '$URL' | grep -q '^http://127\.0\.0\.1:[0-9][0-9]*$'"
# regression: libmicrohttpd's "Warning: ... thread pool size, is ignored" at every start (a pool of one)
check "no warning on loopback" sh -c "! grep -qi warning '$T/main.err'"

# get PATH [curl options]: body in $T/body, status in $S, headers in $T/hdr
get() {
  p=$1; shift
  S=$(curl -s -g -o "$T/body" -D "$T/hdr" -w '%{http_code}' "$@" "$URL$p")
}
# expect CODE PATH EXPR [curl options]: status CODE, and EXPR (Python on the
# parsed JSON body d) true; the expressions are evaluated together by one
# Python process at the end (evaluate), which prints the failures
n_expr=0
: >"$T/exprs"
expect() {
  code=$1 p=$2 expr=$3; shift 3
  get "$p" "$@"
  checks=$((checks+1))
  if [ "$S" != "$code" ]; then echo "FAIL $p: status $S, expected $code"; head -c 300 "$T/body"; echo; fail=1; return; fi
  [ -z "$expr" ] && return
  n_expr=$((n_expr+1))
  cp "$T/body" "$T/body.$n_expr"
  printf '%s\t%s\t%s\n' "$n_expr" "$p" "$expr" >>"$T/exprs"
}
evaluate() {
  checks=$((checks+n_expr))
  python3 - "$T" <<'PY' || fail=1
import json, sys
t, bad = sys.argv[1], 0
for line in open(t + "/exprs", encoding="utf-8"):
    n, p, expr = line.rstrip("\n").split("\t", 2)
    raw = open("%s/body.%s" % (t, n), encoding="utf-8").read()
    try:
        d = json.loads(raw)
        ok = eval(expr) is True
    except Exception as e:
        ok = False
    if not ok:
        bad += 1
        print("FAIL %s: %s\n     %s" % (p, expr, raw[:400]))
sys.exit(1 if bad else 0)
PY
}
hdr() { grep -i "^$1:" "$T/hdr" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
EVIL1='<script>alert(1)</script>'
EVIL2='"><img src=x onerror=alert(1)>'
EVIL3="'); DROP TABLE entities;--"

# ## Every endpoint
expect 200 /api/stats 'd["articles"] == 15 and d["window"] == "sentence"'
check "API answers are JSON" [ "$(hdr Content-Type)" = application/json ]
check "API answers are not cached" [ "$(hdr Cache-Control)" = no-store ]
# search: prefix, later word, Ukrainian and Russian case forms, id, lower case, typo
expect 200 '/api/search?q=Scripto' 'd["suggestions"][0]["id"] == "evil-script" and d["suggestions"][0]["name"] == "'"$EVIL1"'"'
expect 200 '/api/search?q=Alert' 'any(s["id"] == "evil-script" for s in d["suggestions"])'
expect 200 '/api/search?q=%D0%A1%D1%82%D0%BE%D0%BB%D1%82%D0%B5%D0%BD%D0%B1%D0%B5%D1%80%D0%B3%D0%B0' 'd["match"]["id"] == "jens-stoltenberg"'
expect 200 '/api/search?q=%D0%B2+%D0%92%D0%B8%D0%BB%D1%8C%D0%BD%D1%8E%D1%81%D0%B5' 'd["query"] == "в Вильнюсе"'
expect 200 '/api/search?q=%D0%92%D0%B8%D0%BB%D1%8C%D0%BD%D1%8E%D1%81%D0%B5' 'd["match"]["id"] == "lt-vilniaus-miestas"'
expect 200 '/api/search?q=%D0%9A%D0%B8%D1%94%D0%B2%D1%96' 'd["match"]["id"] == "ua-kyiv"'
expect 200 '/api/search?q=stoltenberg' 'd["match"]["id"] == "jens-stoltenberg"'
expect 200 '/api/search?q=evil-sql' 'd["match"]["id"] == "evil-sql" and d["match"]["name"] == "'"$EVIL3"'"'
expect 200 '/api/search?q=Stoltenburg' 'd["match"] is None and d["suggestions"][0]["id"] == "jens-stoltenberg"'
expect 200 '/api/search?q=Scripto&limit=1' 'len(d["suggestions"]) == 1'
# entity card, by id and by its hostile name typed in the URL
expect 200 /api/entity/evil-script 'd["name"] == "'"$EVIL1"'" and d["articles"] == 3 and len(d["per_month"]) == 3'
expect 200 '/api/entity/%3Cscript%3Ealert(1)%3C%2Fscript%3E' 'd["id"] == "evil-script"'
expect 200 '/api/entity/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E' 'd["id"] == "evil-img"'
expect 200 "/api/entity/'%29%3B%20DROP%20TABLE%20entities%3B--" 'd["id"] == "evil-sql"'
expect 200 /api/stats 'd["entities"] == 90'
# neighbours: order, filters, dates
expect 200 '/api/neighbors/evil-script?top=2' '[n["id"] for n in d["neighbors"]] == ["evil-img", "lt-vilniaus-miestas"] and d["total"] == 4'
expect 200 '/api/neighbors/evil-script?by=npmi' 'd["by"] == "npmi" and d["neighbors"][0]["npmi"] >= d["neighbors"][-1]["npmi"]'
expect 200 '/api/neighbors/evil-script?type=ORG' 'sorted(n["id"] for n in d["neighbors"]) == ["evil-img", "nato"]'
expect 200 '/api/neighbors/evil-script?since=2023-07' 'd["neighbors"][0]["count"] == 1'
expect 200 '/api/neighbors/evil-script?until=2023-05' '[n["id"] for n in d["neighbors"]][0] == "evil-img" and d["neighbors"][0]["count"] == 3'
expect 200 '/api/neighbors/evil-script?min=3' 'all(n["count"] >= 3 for n in d["neighbors"])'
# ego network: JSON, seeded (same picture twice), SVG
expect 200 '/api/ego/jens-stoltenberg?depth=2&top=10' 'd["nodes"][0]["id"] == "jens-stoltenberg" and 5 <= len(d["nodes"]) <= 11 and d["depth"] == 2 and all(0 <= n["x"] <= 800 and 0 <= n["y"] <= 560 for n in d["nodes"])'
cp "$T/body" "$T/ego1"
get '/api/ego/jens-stoltenberg?depth=2&top=10'
check "the same ego query draws the same picture" cmp -s "$T/ego1" "$T/body"
expect 200 '/api/ego/jens-stoltenberg?depth=2&top=10&seed=7' 'True'
check "another seed, another layout" sh -c "! cmp -s '$T/ego1' '$T/body'"
expect 200 '/api/ego/evil-script?depth=1' 'len(d["nodes"]) == 5 and {n["name"] for n in d["nodes"]} >= {"'"$EVIL1"'", "'"$EVIL3"'"} and all(e["count"] >= 1 for e in d["edges"])'
get '/api/ego/evil-script?format=svg'
check "ego SVG: 200" [ "$S" = 200 ]
check "ego SVG: content type" [ "$(hdr Content-Type)" = image/svg+xml ]
check "ego SVG: well-formed XML whose labels are the names" python3 -c '
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot(); ns = "{http://www.w3.org/2000/svg}"
labels = [x.text for x in t.iter(ns + "text")]
ids = [g.get("data-id") for g in t.iter(ns + "g") if g.get("class") == "node"]
assert set(sys.argv[2:]) <= set(labels), labels
assert len(ids) == 5 and len([l for l in t.iter(ns + "line")]) > 0
assert not list(t.iter(ns + "script")) and not list(t.iter("{http://www.w3.org/1999/xhtml}img"))
' "$T/body" "$EVIL1" "$EVIL2" "$EVIL3"
check "ego SVG: no raw markup from the names" sh -c "! grep -q -e '<script' -e '<img' '$T/body'"
# evidence: newest first, paged
expect 200 '/api/evidence/evil-script/evil-img' 'd["total"] == 5 and len(d["evidence"]) == 5 and [e["published"] for e in d["evidence"]] == sorted([e["published"] for e in d["evidence"]], reverse=True)'
cp "$T/body" "$T/ev_all"
expect 200 '/api/evidence/evil-script/evil-img?offset=1&limit=2' 'd["total"] == 5 and len(d["evidence"]) == 2 and d["offset"] == 1'
check "evidence page 2 is rows 2-3 of the whole list" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["evidence"]; p = json.load(open(sys.argv[2]))["evidence"]
assert p == a[1:3]' "$T/ev_all" "$T/body"
expect 200 '/api/evidence/Scripto%20Alertov/Imogen%20Errorova?limit=1' 'd["a"]["id"] == "evil-script" and len(d["evidence"]) == 1'
# an entity's articles; one article (its id has slashes, sent as %2F)
expect 200 '/api/articles/evil-script?limit=2' 'd["total"] == 3 and [a["id"] for a in d["articles"]] == ["news/2023/serve-3", "serve-2"]'
expect 200 '/api/article/news%2F2023%2Fserve-3' 'd["id"] == "news/2023/serve-3" and "".join(s["text"] for s in d["segments"]["text"]) == d["text"] and [s["entity"] for s in d["segments"]["text"] if "entity" in s] == ["evil-img", "evil-script", "lt-vilniaus-miestas", "nato", "evil-sql"]'
expect 200 '/api/article/serve-1' '"<img src=x onerror=alert(2)>" in d["text"] and any(s.get("entity") == "evil-img" and s.get("name") == chr(34) + "><img src=x onerror=alert(1)>" for s in d["segments"]["title"])'
# path, top, communities
expect 200 '/api/path/evil-sql/ukraine?evidence=1' 'd["from"]["name"] == "'"$EVIL3"'" and d["to"]["id"] == "ukraine" and len(d["hops"]) >= 1 and len(d["hops"][0]["evidence"]) == 1'
expect 200 '/api/top?by=pagerank&n=5' 'd["by"] == "pagerank" and len(d["entities"]) == 5'
expect 200 '/api/top?by=betweenness&n=3&type=PER' 'all(e["type"] == "PER" for e in d["entities"])'
expect 200 '/api/communities?max=3&members=2' 'len(d["communities"]) == 3 and all(len(c["members"]) <= 2 for c in d["communities"])'
expect 200 /api/duplicates 'd["count"] == len(d["groups"]) and all(g["entity"]["id"].startswith("per:") for g in d["groups"])'
expect 400 '/api/duplicates?limit=0' '"limit" in d["message"]'
expect 400 '/api/duplicates?top=3' 'd["parameter"] == "top" and d["parameters"] == ["limit"]'

# ## Errors: JSON with a 4xx status
expect 404 /api/entity/Stoltenburg 'd["error"] == "not_found" and d["suggestions"][0]["id"] == "jens-stoltenberg" and "Stoltenburg" in d["message"]'
expect 404 /api/neighbors/nobody-at-all 'd["error"] == "not_found"'
expect 404 /api/ego/nobody-at-all 'd["error"] == "not_found"'
expect 404 /api/evidence/evil-script/nobody-at-all 'd["error"] == "not_found"'
expect 404 /api/path/nobody-at-all/nato 'd["error"] == "not_found"'
# regression: a name that is not UTF-8 was 'not_found' / 'no_path' with the
# code as its message (or out of memory)
expect 404 /api/entity/%FF 'd["error"] == "not_found" and d["message"].endswith("(not valid UTF-8)") and d["query"] == "\ufffd"'
expect 404 /api/path/nato/%FF 'd["error"] == "not_found" and "not valid UTF-8" in d["message"]'
expect 404 /api/articles/nobody-at-all 'd["error"] == "not_found"'
expect 404 /api/article/no-such-article 'd["error"] == "article_not_found" and "suggestions" not in d'
expect 404 /api/no-such-endpoint 'd["error"] == "not_found"'
expect 404 /api/entity 'd["error"] == "not_found"'
expect 404 /api/entity/a/b 'd["error"] == "not_found"'
expect 404 /api 'd["error"] == "not_found"'
expect 400 /api/search 'd["error"] == "bad_parameter" and "q" in d["message"]'
expect 400 "/api/search?q=$(printf 'x%.0s' $(seq 1 201))" 'd["error"] == "bad_parameter"'
expect 400 '/api/search?q=x&limit=51' 'd["error"] == "bad_parameter" and "limit" in d["message"]'
expect 400 '/api/neighbors/nato?top=0' '"top" in d["message"]'
expect 400 '/api/neighbors/nato?top=501' '"top" in d["message"]'
expect 400 '/api/neighbors/nato?top=12abc' '"top" in d["message"]'
expect 400 '/api/neighbors/nato?top=-1' '"top" in d["message"]'
expect 400 '/api/neighbors/nato?by=magic' '"by" in d["message"]'
# regression: type= took only upper-case letters (the CLI's -t per, custom
# types such as PRODUCT_2 were refused) and since= another date grammar
expect 200 '/api/neighbors/evil-script?type=org' 'sorted(n["id"] for n in d["neighbors"]) == ["evil-img", "nato"]'
expect 200 '/api/neighbors/evil-script?type=PRODUCT_2,ORG' 'sorted(n["id"] for n in d["neighbors"]) == ["evil-img", "nato"]'
expect 400 '/api/neighbors/nato?type=PER,%20LOC' '"type" in d["message"]'
expect 400 '/api/neighbors/nato?type=,' '"type" in d["message"]'
expect 400 '/api/neighbors/nato?since=2023-02-31' 'd["message"] == "since: '"'"'2023-02-31'"'"': February 2023 has 28 days"'
expect 200 '/api/neighbors/evil-script?since=2023-7-1' 'd["neighbors"][0]["count"] == 1'
expect 400 '/api/neighbors/nato?since=2023-13' '"since" in d["message"]'
expect 400 '/api/neighbors/nato?until=yesterday' '"until" in d["message"]'
expect 400 '/api/ego/nato?depth=3' '"depth" in d["message"]'
expect 400 '/api/ego/nato?top=201' '"top" in d["message"]'
expect 400 '/api/ego/nato?format=png' '"format" in d["message"]'
expect 400 '/api/evidence/nato/ukraine?limit=101' '"limit" in d["message"]'
expect 400 '/api/evidence/nato/ukraine?offset=10001' '"offset" in d["message"]'
expect 400 '/api/top?by=fame' '"by" in d["message"]'
expect 400 '/api/top?n=1000' '"n" in d["message"]'
expect 400 '/api/communities?members=0' '"members" in d["message"]'
expect 400 '/api/path/nato/ukraine?evidence=9' '"evidence" in d["message"]'
# regression: a parameter an endpoint does not take was ignored, so a typo
# (limt=5, sinse=2023-01) answered the unfiltered result as the one asked
# for; one given twice counted once. 400, naming it and the ones it takes
expect 400 '/api/search?q=NATO&limt=5' 'd["error"] == "bad_parameter" and d["parameter"] == "limt" and d["parameters"] == ["q", "limit"] and d["message"] == "limt: unknown parameter; /api/search takes q, limit"'
expect 400 '/api/neighbors/nato?sinse=2023-01' 'd["parameter"] == "sinse" and d["parameters"] == ["top", "by", "min", "type", "since", "until"]'
expect 400 '/api/stats?verbose=1' 'd["parameters"] == [] and d["message"] == "verbose: unknown parameter; /api/stats takes none"'
expect 400 '/api/article/serve-1?top=3' 'd["parameter"] == "top" and d["parameters"] == []'
expect 400 '/api/ego/nato?by=npmi' 'd["parameter"] == "by" and "by" not in d["parameters"] and "format" in d["parameters"]'
expect 400 '/api/entity/nato?top=3&Top=4' 'd["parameter"] == "Top"'
expect 400 '/api/search?q=NATO&limit=3&limit=4' 'd["parameter"] == "limit" and d["message"] == "limit: given twice"'
expect 400 '/api/top?n=3&%FF=1' 'd["error"] == "bad_parameter" and d["parameter"] == "\ufffd"'
for p in 'stats' 'search?q=NATO&limit=3' 'entity/nato?top=3' 'neighbors/nato?top=3&by=npmi&min=1&type=ORG&since=2023&until=2024' \
         'ego/nato?depth=1&top=5&min=1&seed=2&format=json&type=ORG&since=2023&until=2024' 'evidence/nato/ukraine?offset=0&limit=2' \
         'articles/nato?offset=0&limit=2' 'article/serve-1' 'path/nato/ukraine?evidence=1&type=LOC,ORG&since=2023&until=2024' \
         'top?by=degree&n=3&type=ORG&since=2023&until=2024' 'communities?seed=1&min=1&max=3&members=3&type=ORG&since=2023&until=2024'; do
  expect 200 "/api/$p" ''
done
# regression: since after until answered an empty result; refused as the CLI does
expect 400 '/api/neighbors/nato?since=2024-03&until=2024-01' 'd["error"] == "bad_parameter" and d["message"] == "since 2024-03 is after until 2024-01-31: the range holds no day"'
expect 400 '/api/top?since=2024-03-02&until=2024-03-01' '"the range holds no day" in d["message"]'
expect 200 '/api/top?since=2024-03&until=2024-03' ''
expect 400 '/api/entity/%zz' 'd["error"] == "bad_request"'
expect 400 '/api/entity/nato%00x' 'd["error"] == "bad_request"'
expect 400 '/api/search?q=a%00b' 'd["error"] == "bad_request"'
expect 400 "/api/search?q=$(printf 'y%.0s' $(seq 1 600))" '"too long" in d["message"]'
expect 400 "/api/stats?$(seq 1 30 | sed 's/.*/p&=1/' | tr '\n' '&')" '"too many" in d["message"]'
expect 414 "/api/entity/$(printf 'z%.0s' $(seq 1 2100))" 'd["error"] == "uri_too_long"'
expect 405 /api/stats 'd["error"] == "method_not_allowed"' -X POST -d 'x=1'
expect 405 /api/entity/nato 'd["error"] == "method_not_allowed"' -X DELETE
get /api/stats -H "X-Big: $(printf 'h%.0s' $(seq 1 40000))"
check "an oversized request header is refused (status $S)" sh -c "[ '$S' -ge 400 ] && [ '$S' -lt 500 ]"
# no path traversal: assets come from the binary, by exact name
for p in /static/../../etc/passwd /static/..%2F..%2Fetc%2Fpasswd /static/%2e%2e/%2e%2e/etc/passwd \
         /static//etc/passwd /static/app.js/../../../etc/passwd /../../../../etc/passwd /static/ /static/nope.js; do
  get "$p" --path-as-is
  check "no traversal: $p -> 404 ($S)" [ "$S" = 404 ]
  check "no traversal: $p shows no file" sh -c "! grep -q 'root:' '$T/body'"
done

# ## The page: one HTML for every route, assets, security headers
for p in / /?q=NATO /entity/evil-script /evidence/evil-script/evil-img /article/serve-1 /path/evil-sql/ukraine /top /communities /duplicates; do
  get "$p"
  check "page $p: 200 HTML" [ "$S" = 200 ]
  check "page $p: the page loads /static/app.js" grep -q '<script src="/static/app.js" defer></script>' "$T/body"
  check "page $p: no data in the HTML (all from /api/)" sh -c "! grep -q -e alert -e Alertov '$T/body'"
done
check "HTML content type" [ "$(hdr Content-Type)" = "text/html; charset=utf-8" ]
check "content security policy: scripts only from the server" sh -c "grep -i '^Content-Security-Policy:' '$T/hdr' | grep -q \"script-src 'self';\""
check "nosniff" [ "$(hdr X-Content-Type-Options)" = nosniff ]
for a in app.js style.css index.html favicon.svg; do
  get "/static/$a"
  check "asset $a: 200 and the file's bytes" cmp -s "$T/body" "$ROOT/tools/serve/assets/$a"
done
check "favicon.svg is SVG" [ "$(hdr Content-Type)" = "image/svg+xml" ]
get /static/app.js
check "app.js content type" [ "$(hdr Content-Type)" = "text/javascript; charset=utf-8" ]
check "app.js calls only /api/" sh -c "! grep -o \"fetch([^)]*\" '$ROOT/tools/serve/assets/app.js' | grep -v \"fetch(url\""
S=$(curl -s -o /dev/null -w '%{http_code}' -I "$URL/api/stats")
check "HEAD works" [ "$S" = 200 ]

# ## The cache of answers: the same request again is kept, until the
# database changes (below); a heavy view (queued for another thread) too
get '/api/entity/evil-script?top=7'
check "cache: a first request is computed (X-Cache: miss)" [ "$(hdr X-Cache)" = miss ]
cp "$T/body" "$T/entity1"
get '/api/entity/evil-script?top=7'
check "cache: the same request again is kept (X-Cache: hit)" [ "$(hdr X-Cache)" = hit ]
check "cache: the same answer" cmp -s "$T/body" "$T/entity1"
get '/api/entity/evil-script?top=6'
check "cache: other parameters, another answer (miss)" [ "$(hdr X-Cache)" = miss ]
get '/api/ego/evil-script?depth=2&top=19'
check "cache: an ego network (status $S)" [ "$S" = 200 ]
check "cache: an ego network is computed (miss)" [ "$(hdr X-Cache)" = miss ]
cp "$T/body" "$T/ego1"
get '/api/ego/evil-script?depth=2&top=19'
check "cache: an ego network again (hit)" [ "$(hdr X-Cache)" = hit ]
check "cache: an ego network again, the same" cmp -s "$T/body" "$T/ego1"
get /api/entity/no-such-entity-here
get /api/entity/no-such-entity-here
check "cache: an unknown entity (status $S)" [ "$S" = 404 ]
check "cache: errors are not kept" sh -c "! grep -qi '^X-Cache: hit' '$T/hdr'"
# sorts of neighbours by different keys at once (quick views on 2 threads
# and more): each list in its own order
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  for by in npmi count articles pmi; do
    curl -s -o "$T/nb.$by.$i" "$URL/api/neighbors/nato?by=$by&top=$((20 + i))" & pids="${pids:-} $!"
  done
done
wait $pids
check "neighbours sorted by their own key under concurrent requests" python3 - "$T" <<'PY'
import json, sys, glob
bad = 0
for f in glob.glob(sys.argv[1] + "/nb.*"):
    by = f.rsplit("/", 1)[1].split(".")[1]
    k = "count" if by == "count" else by
    v = [n[k] for n in json.load(open(f))["neighbors"]]
    if len(v) < 3 or v != sorted(v, reverse=True): bad += 1; print("FAIL order", f, v)
sys.exit(bad != 0)
PY

# ## The ego networks' index: built at start, used, the same answers as SQL
# ego_indexed SEEDBASE ENTITY [PARAMS]: asks (a new seed each time: no
# cache) until the answer comes from the index; 0 if it did within ~10 s
ego_indexed() {
  k=$1
  while [ $k -lt $(($1 + 100)) ]; do
    get "/api/ego/$2?seed=$k${3:-}"
    [ "$S" = 200 ] && grep -qi '^X-Ego-Index: used' "$T/hdr" && return 0
    k=$((k+1)); sleep 0.1
  done
  return 1
}
check "the ego index is built at start and used" ego_indexed 1000 evil-script
MAIN_URL=$URL
serve_start sqlonly --db "$DB" --port 0 --no-index && PID2=$last
SQL_URL=$URL URL=$MAIN_URL
for q in 'jens-stoltenberg?depth=2&top=10&seed=77' 'jens-stoltenberg?depth=2&top=40&min=2' 'nato?depth=1&top=5&type=PER' \
         'nato?depth=2&top=30&type=ORG,LOC' 'evil-script?depth=2' 'nato?depth=2&top=20&since=2023-01&until=2023-06'; do
  get "/api/ego/$q"
  cp "$T/body" "$T/ego_ix"
  ixh=$(grep -ci '^X-Ego-Index: used' "$T/hdr")
  S1=$S
  curl -s -g -o "$T/ego_sql" -D "$T/hdr_sql" "$SQL_URL/api/ego/$q"
  check "ego $q: from the index ($ixh) as from SQL" sh -c "[ $S1 = 200 ] && cmp -s '$T/ego_ix' '$T/ego_sql' && ! grep -qi '^X-Ego-Index' '$T/hdr_sql'"
  case $q in *since*) check "ego with dates: from SQL" [ "$ixh" = 0 ];; *) check "ego $q: from the index" [ "$ixh" = 1 ];; esac
done
kill $PID2; wait $PID2; PID2=

# ## A database written meanwhile (WAL): the next request sees it
expect 404 /api/entity/fresh-newsov ''
get '/api/ego/evil-script?depth=1&top=30&seed=2000'
check "ego before the ingest: no fresh node" sh -c "[ $S = 200 ] && ! grep -q fresh-newsov '$T/body'"
python3 - "$T/fresh.jsonl" <<'PY'
import json, sys
t = "Fresh Newsov met Scripto Alertov in Vilnius."
ents = [{"start": 0, "end": 12, "text": "Fresh Newsov", "type": "PER", "id": "fresh-newsov", "name": "Fresh Newsov", "field": "text"},
        {"start": 17, "end": 32, "text": "Scripto Alertov", "type": "PER", "id": "evil-script", "name": "<script>alert(1)</script>", "field": "text"}]
open(sys.argv[1], "w").write(json.dumps({"id": "fresh-1", "published": "2023-08-01", "text": t, "tagger": "newsgraph", "entities": ents}) + "\n")
PY
"$NG" ingest --db "$DB" "$T/fresh.jsonl" >/dev/null 2>&1
check "ingest while serving" [ $? = 0 ]
expect 200 /api/entity/fresh-newsov 'd["mentions"] == 1'
expect 200 /api/entity/evil-script 'd["articles"] == 4'
check "cache: emptied by the ingest (miss)" [ "$(hdr X-Cache)" = miss ]
expect 200 '/api/search?q=fresh' 'd["suggestions"][0]["id"] == "fresh-newsov"'
expect 200 /api/stats 'd["articles"] == 16'
get '/api/ego/evil-script?depth=1&top=30&seed=2001'
check "ego right after the ingest: the fresh node" sh -c "[ $S = 200 ] && grep -q fresh-newsov '$T/body'"
if ego_indexed 3000 evil-script '&depth=1&top=30'; then
  check "ego from the new index: the fresh node" grep -q fresh-newsov "$T/body"
else check "ego: the index is built again after the ingest" false; fi
get '/api/ego/evil-script?format=svg'
cp "$T/body" "$T/ego_api.svg"
# one person by his full name and by an initial, in two articles: a group
# of /api/duplicates (the shipped given-name lists, as ingest used)
printf '%s\n' '{"id":"dup-1","text":"Robert Croft took three wickets for England at Lord'"'"'s."}' \
  '{"id":"dup-2","text":"R. Croft bowled well for England at Lord'"'"'s."}' > "$T/dup.jsonl"
"$NG" ingest --db "$DB" "$T/dup.jsonl" >/dev/null 2>&1
check "ingest the duplicates" [ $? = 0 ]
expect 200 /api/duplicates 'any(g["entity"]["id"] == "per:r-kroft" and g["unique"] and g["candidates"][0]["id"] == "per:robert-kroft" and g["candidates"][0]["shared_neighbors"] >= 1 for g in d["groups"])'
expect 200 '/api/duplicates?limit=1' 'len(d["groups"]) == 1 and d["count"] >= 1'

# ## Stopping; options
kill $PID; wait $PID; rc=$?; PID=
check "SIGTERM stops the server cleanly (status $rc)" [ $rc = 0 ]
check "it says so" grep -q 'serve: stopped' "$T/main.err"
serve_start exposed --db "$DB" --port 0 --bind 0.0.0.0 && PID2=$last
check "--bind 0.0.0.0 warns" grep -q 'warning: listening on 0.0.0.0: anyone who can reach' "$T/exposed.err"
check "--bind 0.0.0.0 serves" sh -c "curl -s '$URL/api/stats' | grep -q articles"
stop_servers
run badbind serve --db "$DB" --bind not-an-address
expect_rc badbind 2
check "bad --bind: message" grep -q "is not an IPv4 or IPv6 address" "$T/badbind.err"
run badport serve --db "$DB" --port 70000
expect_rc badport 2
check "bad --port: the option parser's message" grep -qx "newsgraph: --port: '70000' is too large (at most 65535)" "$T/badport.err"
run badthreads serve --db "$DB" --threads=x
expect_rc badthreads 2
check "--threads=VALUE form and its message" grep -qx "newsgraph: --threads: expected an integer from 1 to 64, got 'x'" "$T/badthreads.err"
run noval serve --db "$DB" -p
expect_rc noval 2
check "-p without a value" grep -qx "newsgraph: -p needs a value" "$T/noval.err"
run unknown serve --db "$DB" --frobnicate
expect_rc unknown 2
check "unknown option" grep -qx "newsgraph: serve: unexpected argument '--frobnicate'" "$T/unknown.err"
run nodb serve --db "$T/missing.db" --port 0
expect_rc nodb 1
run help serve --help
expect_rc help 0
check "help names --bind" grep -q -- '--bind ADDR' "$T/help.out"

# ## export --format svg --ego: the same picture as the page
run svg export --db "$DB" --format svg --ego evil-script -o "$T/ego.svg"
expect_rc svg 0
check "export svg: a valid SVG file with the names escaped" python3 -c '
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot()
labels = [x.text for x in t.iter("{http://www.w3.org/2000/svg}text")]
assert set(sys.argv[2:]) <= set(labels), labels' "$T/ego.svg" "$EVIL1" "$EVIL2" "$EVIL3"
run svgout export --db "$DB" --format svg --ego evil-script -o -
check "export svg to stdout: the same picture" cmp -s "$T/svgout.out" "$T/ego.svg"
check "export svg: the picture the page draws (the API's SVG)" sh -c "tail -n +2 '$T/ego.svg' | cmp -s - '$T/ego_api.svg'"
run svgnoego export --db "$DB" --format svg -o "$T/x.svg"
expect_rc svgnoego 2
check "svg without --ego: message" grep -q 'svg needs --ego ENTITY' "$T/svgnoego.err"
run svgdeep export --db "$DB" --format svg --ego nato --depth 3 -o "$T/x.svg"
expect_rc svgdeep 2
run svgnone export --db "$DB" --format svg --ego nobody-at-all -o "$T/x.svg"
expect_rc svgnone 1
check "svg of an unknown entity leaves no file" [ ! -e "$T/x.svg" ]
evaluate
finish
