/* Tests of tagger/names.c: person-name rules, partial names and context,
 * en/uk/ru side by side; recall lists (must be tagged, with the expected id
 * where it matters) and precision lists (must not be tagged as a person). */
#include <stdlib.h>
#include "harness.h"
#include "tagger.h"

static const char *const dict_tsv =
    "jens-stoltenberg\tPER\tJens Stoltenberg\tЙенс Столтенберг|Єнс Столтенберг\n"
    "volodymyr-zelenskyy\tPER\tVolodymyr Zelenskyy\tВолодимир Зеленський|Зеленський\n"
    "nato\tORG\tNATO\tНАТО\n"
    "kyiv\tLOC\tKyiv\tКиїв\n"
    "georgia\tLOC\tGeorgia\tГрузія\tiso=GE\n"
    "us-georgia\tLOC\tGeorgia\tДжорджия\tiso=US-GA\n"
    "atlanta-us\tLOC\tAtlanta\t\tiso=US\n"
    "tbilisi\tLOC\tTbilisi\t\tiso=GE\n"
    "washington-dc\tLOC\tWashington\n"
    "un\tORG\tUnited Nations\n"
    "jordan\tLOC\tJordan\n";

static const char *const given[] = {
    "Олександр", "Надія", "Віра", "Марія", "Сергій", "Анатолій", "Александр", "Александра", "Елена",
    "Jens", "George", "Michael", "May", "Will", "Christian", NULL
};

static ng_dict *dict;
static ng_namelist *names;

typedef struct got { const ng_match *m; size_t n; } got;

static got tag(ng_tagger *t, const char *text) {
    got g = {0};
    int rc = ng_tagger_tag(t, text, strlen(text), &g.m, &g.n);
    OK(rc == NG_OK, "tag '%s': %d", text, rc);
    return g;
}

/* The match whose text is 'surface' (its last occurrence), or NULL. */
static const char *last_of(const char *text, const char *surface) {
    const char *p = NULL;
    for (const char *q = strstr(text, surface); q; q = strstr(q + 1, surface)) p = q;
    return p;
}

static const ng_match *find(const char *text, got g, const char *surface) {
    const char *p = last_of(text, surface);
    if (!p) return NULL;
    size_t s = (size_t)(p - text), e = s + strlen(surface);
    for (size_t i = 0; i < g.n; i++)
        if (g.m[i].start == s && g.m[i].end == e) return &g.m[i];
    return NULL;
}

/* Recall: 'surface' in 'text' is tagged with type (and id when not NULL). */
static void yes(ng_tagger *t, const char *text, const char *surface, const char *type, const char *id) {
    got g = tag(t, text);
    const ng_match *m = find(text, g, surface);
    OK(m != NULL, "'%s' not tagged in '%s'", surface, text);
    if (!m) return;
    STR_EQ(m->type, type);
    if (id) STR_EQ(m->id, id);
}

/* Precision: no person span overlaps 'surface' in 'text'. */
static void no_per(ng_tagger *t, const char *text, const char *surface) {
    got g = tag(t, text);
    const char *p = last_of(text, surface);
    size_t s = (size_t)(p - text), e = s + strlen(surface);
    for (size_t i = 0; i < g.n; i++)
        if (!strcmp(g.m[i].type, "PER") && g.m[i].start < e && g.m[i].end > s)
            OK(0, "'%s' tagged PER (%s) in '%s'", surface, g.m[i].id, text);
}

static const char *id_of(ng_tagger *t, const char *text, const char *surface, char *buf, size_t size) {
    got g = tag(t, text);
    const ng_match *m = find(text, g, surface);
    snprintf(buf, size, "%s", m ? m->id : "(none)");
    return buf;
}

static void test_rules(ng_tagger *t) {
    /* recall: given name + unknown surname, any case form */
    yes(t, "Зустріч з Олександром Петренком відбулася.", "Олександром Петренком", "PER", "per:олександр-петренк");
    yes(t, "Міністр Олександр Петренко заявив.", "Олександр Петренко", "PER", "per:олександр-петренк");
    yes(t, "Встреча с Александром Петровым прошла.", "Александром Петровым", "PER", "per:александр-петр");
    yes(t, "Слова Александра Петрова цитируют.", "Александра Петрова", "PER", "per:александр-петр");
    yes(t, "Yesterday Michael Smithson said so.", "Michael Smithson", "PER", "per:michael-smithson");
    yes(t, "Елена Петрова сказала.", "Елена Петрова", "PER", NULL);
    /* patronymic */
    yes(t, "Там був Сергій Володимирович Білецький.", "Сергій Володимирович Білецький", "PER",
        "per:серг-білецьк");
    /* initials and titles */
    yes(t, "Лист підписав В. Зеленський.", "В. Зеленський", "PER", "volodymyr-zelenskyy");
    yes(t, "The letter from J. Smithers came.", "J. Smithers", "PER", "per:j-smithers");
    yes(t, "We met President Mugabe today.", "Mugabe", "PER", NULL);
    yes(t, "Про це заявив президент Лукашенко вчора.", "Лукашенко", "PER", NULL);
    /* a given name that is also a place, before an unknown surname */
    yes(t, "Там виступив Анатолій Близнюк.", "Анатолій Близнюк", "PER", NULL);
    /* ids are stable across case forms */
    char a[128], b[128];
    STR_EQ(id_of(t, "Бачили Олександра Петренка.", "Олександра Петренка", a, sizeof a),
           id_of(t, "Говорили з Олександром Петренком.", "Олександром Петренком", b, sizeof b));
    STR_EQ(id_of(t, "Александр Петров пришёл.", "Александр Петров", a, sizeof a),
           id_of(t, "С Александром Петровым.", "Александром Петровым", b, sizeof b));
    /* precision */
    no_per(t, "May Day is celebrated.", "May Day");
    no_per(t, "Will Britain vote?", "Will Britain");
    no_per(t, "Christian Democrats won.", "Christian Democrats");
    no_per(t, "Віра Україна є сильною.", "Віра");
    no_per(t, "Надія Перемоги живе.", "Надія");
    no_per(t, "The U.S. Army left.", "S. Army");
    no_per(t, "Jens Stoltenberg spoke.", "Jens Stoltenberg Spoke");   /* dictionary kept */
    yes(t, "Jens Stoltenberg spoke.", "Jens Stoltenberg", "PER", "jens-stoltenberg");
    no_per(t, "George Washington Bridge is long.", "Bridge");
}

static void test_partial(ng_tagger *t) {
    const char *en = "Jens Stoltenberg arrived. Later Stoltenberg said no.";
    yes(t, en, "Stoltenberg", "PER", "jens-stoltenberg");
    const char *uk = "Єнс Столтенберг прибув. Промову Столтенберга слухали.";
    yes(t, uk, "Столтенберга", "PER", "jens-stoltenberg");
    const char *uk2 = "Олександр Петренко прибув. Петренка зустріли. Петренко пішов.";
    yes(t, uk2, "Петренка", "PER", "per:олександр-петренк");
    yes(t, uk2, "Петренко", "PER", "per:олександр-петренк");
    const char *ru = "Александр Петров приехал. Петрову дали слово.";
    yes(t, ru, "Петрову", "PER", "per:александр-петр");
    /* surname of a person already named beats a place of that name */
    const char *w = "George Washington was president. Washington crossed the river.";
    yes(t, w, "Washington", "PER", "per:george-washington");
    got g = tag(t, w);
    const ng_match *m = find(w, g, "George Washington");
    OK(m && !strcmp(m->type, "PER"), "George Washington");
    /* organisation acronym after its full form */
    const char *o = "The United Nations met. The UN said yes.";
    yes(t, o, "UN", "ORG", "un");
    /* no full name: a lone capitalised word stays untagged */
    no_per(t, "Petrenko arrived.", "Petrenko");
    /* initials resolve to the full name of the article */
    const char *ini = "Jens Stoltenberg spoke. J. Stoltenberg left.";
    yes(t, ini, "J. Stoltenberg", "PER", "jens-stoltenberg");
}

static void test_context(ng_tagger *t) {
    const char *us = "Storms hit Atlanta and Georgia on Monday.";
    yes(t, us, "Georgia", "LOC", "us-georgia");
    const char *ge = "Protests in Tbilisi: Georgia votes.";
    yes(t, ge, "Georgia", "LOC", "georgia");
}

static void test_flags(void) {
    ng_tagger *t = ng_tagger_new(&dict, 1, NG_TAG_NO_RULES | NG_TAG_NO_PARTIAL | NG_TAG_NO_CONTEXT);
    ng_tagger_set_names(t, names);
    no_per(t, "Зустріч з Олександром Петренком відбулася.", "Петренком");
    ng_tagger_set_flags(t, NG_TAG_NO_PARTIAL);
    no_per(t, "Jens Stoltenberg arrived. Later Stoltenberg said no.", "Stoltenberg");
    ng_tagger_set_flags(t, NG_TAG_ALL);
    /* --all keeps the dictionary place inside the rule person as an overlap */
    const char *w = "George Washington was here.";
    got g = tag(t, w);
    int per = 0, overlap = 0;
    for (size_t i = 0; i < g.n; i++) {
        if (!strcmp(g.m[i].type, "PER") && (g.m[i].flags & NG_MATCH_RULE)) per = 1;
        if (g.m[i].flags & NG_MATCH_OVERLAP) overlap = 1;
    }
    OK(per && overlap, "--all: rule person and overlapping place");
    ng_tagger_free(t);
}

static void test_threads(void) {
    /* the same result with several threads on a long article */
    ng_tagger *t1 = ng_tagger_new(&dict, 1, 0), *t4 = ng_tagger_new(&dict, 1, 0);
    ng_tagger_set_names(t1, names);
    ng_tagger_set_names(t4, names);
    ng_tagger_set_threads(t4, 4);
    size_t n = 0, cap = 3u << 20;
    char *text = malloc(cap + 256);
    const char *a = "Олександр Петренко прибув. Петренка бачили у Києві.\n\n";
    while (n + strlen(a) < cap) { memcpy(text + n, a, strlen(a)); n += strlen(a); }
    const ng_match *m1, *m4;
    size_t n1, n4;
    ng_tagger_tag(t1, text, n, &m1, &n1);
    size_t c1 = n1;
    const char *last1 = n1 ? m1[n1 - 1].id : "";
    char keep[64];
    snprintf(keep, sizeof keep, "%s", last1);
    ng_tagger_tag(t4, text, n, &m4, &n4);
    INT_EQ(n4, c1);
    if (n4) STR_EQ(m4[n4 - 1].id, keep);
    free(text);
    ng_tagger_free(t1);
    ng_tagger_free(t4);
}

int main(void) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    int rc = ng_dict_builder_add_tsv(b, "test", dict_tsv, strlen(dict_tsv), &err);
    if (rc == NG_OK) rc = ng_dict_builder_finish(b, &dict, &err);
    ng_dict_builder_free(b);
    if (rc != NG_OK) { fprintf(stderr, "dict: %s\n", err.msg); return 1; }
    names = ng_namelist_new();
    for (size_t i = 0; given[i]; i++) ng_namelist_add(names, given[i], strlen(given[i]), NG_NAMES_ANY);
    INT_EQ(ng_namelist_count(names), 15);
    ng_tagger *t = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    ng_tagger_set_names(t, names);
    test_rules(t);
    test_partial(t);
    test_context(t);
    ng_tagger_free(t);
    test_flags();
    test_threads();
    /* the shipped lists load */
    ng_namelist *shipped = ng_namelist_new();
    rc = ng_namelist_add_file(shipped, "dictionaries/names", &err);
    OK(rc == NG_OK && ng_namelist_count(shipped) > 300, "shipped lists: %d %s", rc, err.msg);
    ng_namelist_free(shipped);
    ng_namelist_free(names);
    ng_dict_free(dict);
    return harness_done("test_names");
}
