#!/bin/sh
# newsgraph tag --explain (issue 14): each span says why it is there — the
# alias and the dictionary file and line (a later file extending an id, a
# case form, a compiled image without sources), the person-name rule and
# its words, the full mention a partial name was resolved to; jsonl and
# pretty; usage errors.
. "$(dirname "$0")/setup"
cd "$T"
printf 'loc_kyiv\tLOC\tKyiv\tКиїв\norg_x\tORG\tXorg\n' > d1.tsv
printf '# an extension of org_x\norg_x\tORG\tXorg\tІксорг|Xorganisation\n' > d2.tsv
$NG dict compile -q d1.tsv -o d1.ngd
printf 'У Києві J. Smith зустрів Xorganisation. Smith сказав.' > t.txt
TAG="tag --no-shipped --dict d1.tsv --dict d2.tsv"
cat > ex.py <<'EOF'
import json, sys
for l in sys.stdin:
    for e in json.loads(l)["entities"]:
        print(e["text"], json.dumps(e["explain"], ensure_ascii=False, sort_keys=True))
EOF
$NG $TAG --explain t.txt | python3 ex.py > ex.out
cat > ex.want <<'EOF'
Києві {"alias": "Київ", "by": "dictionary", "file": "d1.tsv", "inflected": true, "line": 1}
J. Smith {"by": "rule", "name": "J. Smith", "rule": "initials + surname", "words": ["J.", "Smith"]}
Xorganisation {"alias": "Xorganisation", "by": "dictionary", "file": "d2.tsv", "line": 2}
Smith {"by": "partial", "link": {"end": 22, "field": "text", "start": 14, "text": "J. Smith"}}
EOF
check "explain: alias, file and line; rule and words; partial link: $(diff ex.want ex.out)" cmp -s ex.want ex.out
# without --explain the output has no explain key (and is unchanged)
$NG $TAG t.txt > plain.out
check "no explain without --explain" sh -c "! grep -q explain plain.out"
$NG $TAG --explain t.txt | python3 -c '
import json, sys
a = json.load(open("plain.out")); b = json.loads(sys.stdin.read())
for e in b["entities"]: del e["explain"]
sys.exit(a != b)'
check "--explain only adds the explain key" test $? = 0
# a compiled image: the alias, no file or line
$NG tag --no-shipped --dict d1.ngd --explain t.txt | python3 ex.py > img.all; head -1 img.all > img.out
check "compiled image: alias without file" test "$(cat img.out)" = 'Києві {"alias": "Київ", "by": "dictionary", "inflected": true}'
# pretty: one line per span under the article
run pretty $TAG --explain -f pretty t.txt
expect_rc pretty 0
expect_out pretty <<'EOF'
== t.txt
У [Києві](LOC loc_kyiv) [J. Smith](PER per:j-smith) зустрів [Xorganisation](ORG org_x). [Smith](PER per:j-smith) сказав.
  Києві (text 3-13): {"by":"dictionary","alias":"Київ","file":"d1.tsv","line":1,"inflected":true}
  J. Smith (text 14-22): {"by":"rule","rule":"initials + surname","words":["J.","Smith"],"name":"J. Smith"}
  Xorganisation (text 38-51): {"by":"dictionary","alias":"Xorganisation","file":"d2.tsv","line":2}
  Smith (text 53-58): {"by":"partial","link":{"field":"text","start":14,"end":22,"text":"J. Smith"}}

EOF
# the shipped dictionaries: every dictionary span names a shipped file and
# a line whose id column is the span's id and which holds the alias
printf 'Jens Stoltenberg visited Kyiv and met Zelensky in Києві.' > s.txt
$NG tag --explain s.txt | python3 -c '
import json, sys
n = 0
for e in json.loads(sys.stdin.read())["entities"]:
    x = e["explain"]
    if x["by"] != "dictionary": continue
    cols = open(x["file"], encoding="utf-8").read().split("\n")[x["line"] - 1].split("\t")
    assert cols[0] == e["id"], (cols, e)
    assert x["alias"] in [cols[2]] + [a.lstrip("=~") for a in (cols[3].split("|") if len(cols) > 3 else [])], (cols, x)
    n += 1
print(n)' > shipped.out 2>&1
check "shipped: file and line hold the id and the alias ($(cat shipped.out))" test "$(cat shipped.out)" -ge 3
# every rule span says which rule found it, as the tagger recorded it (the
# shipped dictionaries and given-name lists; en, uk, ru; Олег Сергеевич is
# no one of the article: Иван Сергеевич after Петров Иван Сергеевич is his
# partial name, tests/cli/names_leftovers.sh)
cat > rules.txt <<'EOF'
J. R. R. Tolkien met President Quarrington. Mary Brindlewick of Acme Corp. spoke; the Bank of Lumbria rose.
ТОВ «Ромашка», компанія «Зелена хвиля», Житомирська міська рада, Управління освіти Житомира і Театр імені Лесі Українки. Шевчук Олександр заявив.
Петров Иван Сергеевич сказал. Вчера Олег Сергеевич ушёл. Акции Quillmoor выросли, Андрей молчал.
Жители Бучанского района. Вода из реки Славянки. Дом на улице Ленина. Звернення до Міністерства внутрішніх справ у Західній Україні.
EOF
$NG tag --explain rules.txt | python3 -c '
import json, sys
for e in json.loads(sys.stdin.read())["entities"]:
    x = e["explain"]
    print(e["text"], "|", x.get("rule", x["by"]))' > rules.out
cat > rules.want <<'EOF'
J. R. R. Tolkien | initials + surname
Quarrington | surname after a title
Mary Brindlewick | given name + surname
Acme Corp. | capitalised words + organisation word or legal form
Bank of Lumbria | organisation word + of + name
ТОВ «Ромашка» | legal form + quoted name
Зелена хвиля | quoted name after an organisation word
Житомирська міська рада | adjectives + organisation word
Управління освіти Житомира | organisation word + words + place
Театр імені Лесі Українки | organisation word + імені + name
Шевчук Олександр | surname + given name
Петров Иван Сергеевич | surname + given name
Олег Сергеевич | given name + patronymic
Quillmoor | Latin-script name in Cyrillic text
Андрей | given name alone
Бучанского района | place adjective + area noun (район, громада, округ, повіт, губернія, ...)
Славянки | river noun + name
улице Ленина | street noun + name
Міністерства внутрішніх справ | capitalised organisation word + genitive words
Західній Україні | compass adjective + place
EOF
check "each rule span names its rule: $(diff rules.want rules.out)" cmp -s rules.want rules.out
run badfmt $TAG --explain -f tsv t.txt
expect_rc badfmt 2
echo "newsgraph: --explain goes with --format jsonl or pretty" | expect_err badfmt
# regression: --explain picked the wrong alias and line: a '^' prefix kept
# the alias from being compared, an image without sources (--dict X.ngd)
# lost to the shipped sources' alias of the same id, a BOM hid the first
# line's id, CRLF left "\r" in the alias
printf 'Мітинг на Майдані.\n' > mai.txt
run mai tag --explain mai.txt
check "a '^' alias is named" grep -q '"alias":"Майдан","file":"[^"]*entities-news.tsv"' mai.out
printf 'ukraine\tLOC\tUkraine\tUkrainia\n' > e2.tsv
$NG dict compile -q e2.tsv -o e2.ngd
echo Ukrainia > uk.txt
run img tag --explain --dict e2.ngd uk.txt
check "an image's alias wins over a source line's other alias" grep -q '"explain":{"by":"dictionary","alias":"Ukrainia"}' img.out
printf '\357\273\277zq\tPER\tZqname Zq\r\nzr\tLOC\tZrplace\r\n' > bom.tsv
echo "Zqname Zq in Zrplace" > bom.txt
run bom tag --no-shipped --no-user --dict bom.tsv --explain bom.txt
check "a BOM: the first line is found" grep -q '"alias":"Zqname Zq","file":"bom.tsv","line":1' bom.out
check "CRLF: no CR in the alias" grep -q '"alias":"Zrplace","file":"bom.tsv","line":2' bom.out
# regression: with --offsets chars the partial name's link was in bytes
# (and the pretty lines always were)
echo "Олена Петренко приїхала. Петренко сказала." > pc.txt
run pc tag --explain --offsets chars pc.txt
check "link offsets in characters" grep -q '"link":{"field":"text","start":0,"end":14,' pc.out
run pcp tag -f pretty --explain --offsets chars pc.txt
check "pretty explain lines in characters" grep -q '^  Петренко (text 25-33): ' pcp.out
# regression: the shipped dictionaries' file was named BIN/../dictionaries/...
printf 'Він поїхав до Києва.\n' > sh.txt
run sh tag --explain sh.txt
check "shipped file named without ..: $(grep -o '"file":"[^"]*"' sh.out)" sh -c "grep -q '\"file\":\"/[^\"]*/places-aliases.tsv\"' sh.out && ! grep -q '/\.\./' sh.out"
# regression: --output-dir was ignored without --format brat: it implies it,
# and goes with no other format
run od tag --output-dir od sh.txt
expect_rc od 0
check "--output-dir alone writes brat files" test -s od/sh.txt.ann
run od2 tag -f jsonl --output-dir od2 sh.txt
expect_rc od2 2
check "--output-dir with jsonl refused" grep -q -- '--output-dir goes with --format brat' "$T/od2.err"
finish
