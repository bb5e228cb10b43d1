/* Unit tests of the ego networks' index (graph/ego_index.c): on a random
 * graph with many tied counts, every ego network drawn from the index
 * (depth 1 and 2, top-N, minimum count, types) equals the one drawn from
 * SQL, byte for byte; the index holds the snapshot it was built from. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "graph.h"

static char dir[256];
static const char *types[] = {"PER", "ORG", "LOC", "MISC"};
#define NENT 90

static unsigned long rnd_state = 7;
static unsigned rnd(unsigned n) {
    rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rnd_state >> 33) % n);
}

/* An article of a few sentences, each naming a few entities (skewed to
 * the first ones: hubs and a long tail). */
static int add_article(ng_store *s, int k, const char *date) {
    static char text[8192];
    static ng_match m[128];
    static char ids[128][16];
    size_t o = 0, n = 0;
    int sentences = 2 + (int)rnd(4);
    for (int j = 0; j < sentences; j++) {
        int per = 1 + (int)rnd(4);
        for (int q = 0; q < per && n < 128; q++) {
            unsigned r = rnd(1000);
            int e = (int)((unsigned long)r * r * NENT / 1000000UL);
            snprintf(ids[n], sizeof ids[n], "n%02d", e);
            m[n] = (ng_match){0};
            m[n].field = 1;
            m[n].start = o;
            o += (size_t)snprintf(text + o, sizeof text - o, "Name%02d", e);
            m[n].end = o;
            m[n].id = ids[n];
            m[n].name = ids[n];
            m[n].type = types[e % 4];
            n++;
            o += (size_t)snprintf(text + o, sizeof text - o, " and ");
        }
        o += (size_t)snprintf(text + o, sizeof text - o, "so on.\n\n");
    }
    char id[32];
    snprintf(id, sizeof id, "art%d", k);
    ng_doc d = {0};
    d.id = id;
    d.text = text;
    d.text_len = o;
    d.published = date;
    d.matches = m;
    d.nmatches = n;
    int outcome = 0;
    ng_error err = {0};
    int rc = ng_store_add_doc(s, &d, &outcome, &err);
    if (rc) fprintf(stderr, "add %s: %s\n", id, err.msg);
    return rc;
}

static char *ego_text(ng_store *s, const char *ent, ng_ego_opts *o, int *rc) {
    json_t *v = NULL;
    ng_error err = {0};
    *rc = ng_query_ego(s, ent, o, &v, &err);
    char *t = *rc ? NULL : json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(v);
    return t;
}

static char *neighbors_text(ng_store *s, const char *ent, ng_neighbors_opts *o, int *rc) {
    json_t *v = NULL;
    ng_error err = {0};
    *rc = ng_query_neighbors(s, ent, o, &v, &err);
    char *t = *rc ? NULL : json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(8));
    json_decref(v);
    return t;
}

static char *entity_text(ng_store *s, const ng_ego_index *ix, const char *ent, int top, int *rc) {
    json_t *v = NULL;
    ng_error err = {0};
    *rc = ix ? ng_query_entity_index(s, ix, ent, top, &v, &err) : ng_query_entity(s, ent, top, &v, &err);
    char *t = *rc ? NULL : json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(8));
    json_decref(v);
    return t;
}

static void test_same_answers(void) {
    char p[512];
    snprintf(p, sizeof p, "%s/ego.db", dir);
    ng_store *s = NULL;
    ng_error err = {0};
    INT_EQ(ng_store_open(p, NG_STORE_CREATE, &s, &err), NG_OK);
    if (!s) return;
    INT_EQ(ng_store_set_window(s, NG_WINDOW_SENTENCE, &err), NG_OK);
    INT_EQ(ng_store_begin(s, &err), NG_OK);
    for (int k = 0; k < 400; k++) {
        char date[16];
        snprintf(date, sizeof date, "2023-%02d-%02d", 1 + k % 12, 1 + k % 28);
        INT_EQ(add_article(s, k, k % 37 == 5 ? NULL : date), NG_OK);   /* a few undated: no month */
    }
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    ng_ego_index *ix = NULL;
    INT_EQ(ng_ego_index_build(s, &ix, &err), NG_OK);
    if (!ix) { ng_store_close(s); return; }
    json_t *st = NULL;
    INT_EQ(ng_query_stats(s, &st, &err), NG_OK);
    size_t ne = 0, nl = 0;
    OK(ng_ego_index_bytes(ix, &ne, &nl) > 0, "index bytes");
    INT_EQ(ne, json_integer_value(json_object_get(st, "entities")));
    INT_EQ(nl, json_integer_value(json_object_get(st, "edges")));
    OK(nl > 500, "a dense enough graph: %zu links", nl);
    json_decref(st);
    static const char *tsets[] = {NULL, "PER", "ORG,LOC", "misc", "PER,ORG,LOC,MISC", "NONE"};
    static const int tops[] = {1, 2, 3, 5, 8, 13, 30, 100, 200};
    static const long mins[] = {1, 2, 3, 5, 12};
    int compared = 0, differ = 0, nonempty = 0;
    for (int e = 0; e < NENT; e += 1 + (e > 12) * 5) {
        char ent[16];
        snprintf(ent, sizeof ent, "n%02d", e);
        for (int depth = 1; depth <= 2; depth++)
            for (size_t t = 0; t < sizeof tops / sizeof *tops; t++)
                for (size_t m = 0; m < sizeof mins / sizeof *mins; m++)
                    for (size_t y = 0; y < sizeof tsets / sizeof *tsets; y++) {
                        if ((t + m + y + (size_t)e) % 11 && !(tops[t] == 100 && m == 0)) continue;   /* a sample */
                        ng_ego_opts o = {.depth = depth, .top = tops[t], .min_count = mins[m], .seed = 3};
                        o.filter.types = tsets[y];
                        int r1, r2;
                        char *a = ego_text(s, ent, &o, &r1);
                        o.index = ix;
                        char *b = ego_text(s, ent, &o, &r2);
                        INT_EQ(r1, r2);
                        if (a && b && strcmp(a, b)) {
                            if (!differ++) fprintf(stderr, "ego %s depth %d top %d min %ld types %s:\nsql:   %s\nindex: %s\n",
                                                   ent, depth, tops[t], mins[m], tsets[y] ? tsets[y] : "-", a, b);
                        }
                        if (a && strstr(a, "\"edges\":[{")) nonempty++;
                        compared++;
                        free(a); free(b);
                    }
    }
    INT_EQ(differ, 0);
    printf("test_ego_index: %d ego networks compared, %d with links\n", compared, nonempty);
    /* neighbour lists and entity cards: the same bytes from the index (by
     * count, without dates) as from SQL; other orders and dates use SQL */
    static const char *bys[] = {NULL, "count", "npmi", "articles"};
    int ncompared = 0, ndiffer = 0;
    for (int e = 0; e <= NENT; e += 1 + (e > 20) * 3) {
        char ent[16];
        snprintf(ent, sizeof ent, "n%02d", e);   /* n90: unknown */
        for (size_t t = 0; t < sizeof tops / sizeof *tops; t++)
            for (size_t m = 0; m < sizeof mins / sizeof *mins; m++)
                for (size_t y = 0; y < sizeof tsets / sizeof *tsets; y++)
                    for (size_t b = 0; b < sizeof bys / sizeof *bys; b++) {
                        if ((t + m + y + b + (size_t)e) % 5) continue;   /* a sample */
                        ng_neighbors_opts o = {.top = tops[t], .min_count = mins[m], .by = bys[b]};
                        o.filter.types = tsets[y];
                        if (b == 3 && y == 1) o.filter.since = "2023-04";
                        int r1, r2;
                        char *a = neighbors_text(s, ent, &o, &r1);
                        o.index = ix;
                        char *c = neighbors_text(s, ent, &o, &r2);
                        INT_EQ(r1, r2);
                        if ((a || c) && (!a || !c || strcmp(a, c)) && !ndiffer++)
                            fprintf(stderr, "neighbors %s top %d min %ld types %s by %s:\nsql:   %s\nindex: %s\n", ent, tops[t],
                                    mins[m], tsets[y] ? tsets[y] : "-", bys[b] ? bys[b] : "-", a ? a : "-", c ? c : "-");
                        ncompared++;
                        free(a); free(c);
                    }
        for (size_t t = 0; t < sizeof tops / sizeof *tops; t += 2) {
            int r1, r2;
            char *a = entity_text(s, NULL, ent, tops[t], &r1), *c = entity_text(s, ix, ent, tops[t], &r2);
            INT_EQ(r1, r2);
            if ((a || c) && (!a || !c || strcmp(a, c)) && !ndiffer++)
                fprintf(stderr, "entity %s top %d:\nsql:   %s\nindex: %s\n", ent, tops[t], a ? a : "-", c ? c : "-");
            ncompared++;
            free(a); free(c);
        }
    }
    INT_EQ(ndiffer, 0);
    OK(ncompared > 400, "compared %d neighbour lists and entity cards", ncompared);
    printf("test_ego_index: %d neighbour lists and entity cards compared\n", ncompared);
    OK(compared > 300 && nonempty > 100, "compared %d ego networks, %d with links", compared, nonempty);
    /* a date range: SQL (the index has no dates) */
    ng_ego_opts o = {.depth = 2, .top = 40, .seed = 1};
    o.filter.since = "2023-03";
    o.filter.until = "2023-06-30";
    int r1, r2;
    char *a = ego_text(s, "n01", &o, &r1);
    o.index = ix;
    char *b = ego_text(s, "n01", &o, &r2);
    OK(a && b && !strcmp(a, b), "dated ego network the same");
    free(a); free(b);
    /* the index keeps its snapshot: a new strong pair shows only in SQL
     * until the index is built again */
    INT_EQ(ng_store_begin(s, &err), NG_OK);
    for (int k = 0; k < 30; k++) {
        ng_match m[2] = {{0}, {0}};
        static char text[] = "Name88 and Name89 so on.";
        m[0].field = m[1].field = 1;
        m[0].start = 0; m[0].end = 6; m[0].id = m[0].name = "n88"; m[0].type = "PER";
        m[1].start = 11; m[1].end = 17; m[1].id = m[1].name = "n89"; m[1].type = "ORG";
        char id[32];
        snprintf(id, sizeof id, "new%d", k);
        ng_doc d = {.id = id, .text = text, .text_len = strlen(text), .published = "2024-01-01", .matches = m, .nmatches = 2};
        int outcome;
        INT_EQ(ng_store_add_doc(s, &d, &outcome, &err), NG_OK);
    }
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    ng_ego_opts o1 = {.depth = 1, .top = 1, .seed = 1};
    a = ego_text(s, "n88", &o1, &r1);
    o1.index = ix;
    b = ego_text(s, "n88", &o1, &r2);
    OK(a && strstr(a, "\"id\":\"n89\""), "SQL sees the new pair");
    OK(b && !strstr(b, "\"id\":\"n89\""), "the old index does not");
    free(b);
    /* so do the neighbour list and the entity card: they read the index */
    ng_neighbors_opts no = {.top = 1};
    char *na = neighbors_text(s, "n88", &no, &r1);
    no.index = ix;
    char *nb = neighbors_text(s, "n88", &no, &r2);
    OK(na && strstr(na, "\"neighbors\":[{\"id\":\"n89\""), "SQL neighbours: the new pair first");
    OK(nb && !strstr(nb, "\"neighbors\":[{\"id\":\"n89\""), "the old index's neighbours: not");
    free(na); free(nb);
    na = entity_text(s, NULL, "n88", 1, &r1);
    nb = entity_text(s, ix, "n88", 1, &r2);
    OK(na && strstr(na, "\"neighbors\":[{\"id\":\"n89\""), "SQL entity card: the new pair first");
    OK(nb && !strstr(nb, "\"neighbors\":[{\"id\":\"n89\""), "the old index's entity card: not");
    OK(na && strstr(na, "{\"month\":\"2024-01\""), "SQL entity card: the new month");
    OK(nb && strstr(nb, "\"per_month\":[{") && !strstr(nb, "{\"month\":\"2024-01\""),
       "the old index's entity card: its months, not the new one");
    free(na); free(nb);
    ng_ego_index_free(ix);
    ix = NULL;
    INT_EQ(ng_ego_index_build(s, &ix, &err), NG_OK);
    o1.index = ix;
    b = ego_text(s, "n88", &o1, &r2);
    OK(a && b && !strcmp(a, b), "the new index does");
    free(a); free(b);
    ng_ego_index_free(ix);
    ng_store_close(s);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/ng_ego_index_XXXXXX");
    if (!mkdtemp(dir)) return 2;
    test_same_answers();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) {}
    return harness_done("test_ego_index");
}
