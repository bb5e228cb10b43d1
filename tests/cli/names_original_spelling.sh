#!/bin/sh
# A person's name followed by its original spelling in parentheses, as
# Ukrainian and Russian news write foreign names ("Юрген Клінсманн (Jürgen
# Klinsmann)"), is one person: every mention of the Cyrillic spelling in
# the article takes the Latin spelling's id and name (tagger.c:
# link_original_spellings). Before, their keys differed (per:iurhen-klinsman,
# per:jurhen-klinsman): two nodes of the graph in one article. A Latin
# spelling the organisation rules took is the person's ("Ши Тао (Shi Tao)")
# when the surnames agree, not a company ("(Zorya Holdings)"). Not a
# source, an acronym or one word after a name: (Reuters), (NATO), (AP).
. "$(dirname "$0")/setup"
cd "$ROOT"
# "id=name" per person span
ids() { cut -f5,6,7 "$T/$1.out" | awk -F'\t' '$1 == "PER" { printf "%s=%s|", $2, $3 }'; }

run uk tag --format tsv --no-header <<'EOF2'
Сьогодні тренер Юрген Клінсманн (Jürgen Klinsmann) назвав склад. Клінсманн задоволений.
Пресу вів Андрій Коваль (AP). Агентство Рейтер (Reuters) та НАТО (NATO) мовчать.
Директор Андрій Коваль (Zorya Holdings) заявив.
EOF2
expect_rc uk 0
checks=$((checks+1))
want='per:jurhen-klinsman=Jürgen Klinsmann|per:jurhen-klinsman=Jürgen Klinsmann|per:jurhen-klinsman=Jürgen Klinsmann|per:andri-koval=Андрій Коваль|per:andri-koval=Андрій Коваль|'
[ "$(ids uk)" = "$want" ] || { echo "FAIL uk: $(ids uk)"; fail=1; }
# a company in parentheses stays one (its name is no spelling of his)
checks=$((checks+1))
grep -q "	ORG	org:zoria-holdinhs	Zorya Holdings	Zorya Holdings$" "$T/uk.out" || { echo "FAIL uk company: $(cat "$T/uk.out")"; fail=1; }

run ru tag --format tsv --no-header <<'EOF2'
Вчера Джошуа Вольфа (Joshua Wolf) освободили. Об этом рассказал журналист Ши Тао (Shi Tao).
EOF2
checks=$((checks+1))
want='per:joshua-wolf=Joshua Wolf|per:joshua-wolf=Joshua Wolf|per:shi-tao=Ши Тао|per:shi-tao=Ши Тао|'
[ "$(ids ru)" = "$want" ] || { echo "FAIL ru: $(ids ru)"; fail=1; }

# the graph: one node for the three mentions
printf '{"id":"k","text":"Сьогодні тренер Юрген Клінсманн (Jürgen Klinsmann) назвав склад. Клінсманн задоволений."}\n' > "$T/k.jsonl"
"$NG" ingest -q --db "$T/k.db" "$T/k.jsonl" || { echo "FAIL ingest"; fail=1; }
checks=$((checks+1))
got=$(sqlite3 "$T/k.db" "SELECT key || '=' || mentions FROM entity WHERE type='PER'")
[ "$got" = "per:jurhen-klinsman=3" ] || { echo "FAIL graph: $got"; fail=1; }
"$NG" stats --db "$T/k.db" --check > /dev/null || { echo "FAIL stats --check"; fail=1; }
finish
