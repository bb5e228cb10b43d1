/* Unit tests of graph/: store, ingest, exact replacement, forget, merge,
 * queries, exports, helpers. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "harness.h"
#include <sqlite3.h>
#include <igraph.h>
#include "graph.h"

static char dir[256];

/* A document written with inline marks: "[surface|id|TYPE]". */
typedef struct tdoc {
    char text[4096];
    ng_match m[64];
    size_t n;
    ng_doc d;
} tdoc;

static void mk(tdoc *t, const char *id, const char *date, const char *marked) {
    memset(t, 0, sizeof *t);
    size_t o = 0;
    const char *p = marked;
    while (*p) {
        if (*p == '[') {
            const char *bar1 = strchr(p, '|'), *bar2 = strchr(bar1 + 1, '|'), *end = strchr(bar2 + 1, ']');
            ng_match *m = &t->m[t->n++];
            m->field = 1;
            m->start = o;
            memcpy(t->text + o, p + 1, (size_t)(bar1 - p - 1));
            o += (size_t)(bar1 - p - 1);
            m->end = o;
            m->id = strndup(bar1 + 1, (size_t)(bar2 - bar1 - 1));
            m->type = strndup(bar2 + 1, (size_t)(end - bar2 - 1));
            m->name = m->id;
            p = end + 1;
        } else t->text[o++] = *p++;
    }
    t->text[o] = 0;
    t->d.id = id;
    t->d.text = t->text;
    t->d.text_len = o;
    t->d.published = date;
    t->d.matches = t->m;
    t->d.nmatches = t->n;
}
static void tfree(tdoc *t) {
    for (size_t i = 0; i < t->n; i++) { free((char *)t->m[i].id); free((char *)t->m[i].type); }
}

static ng_store *open_db(const char *name, int window) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    ng_store *s = NULL;
    ng_error err = {0};
    int rc = ng_store_open(p, NG_STORE_CREATE, &s, &err);
    INT_EQ(rc, NG_OK);
    if (rc) { fprintf(stderr, "%s\n", err.msg); return NULL; }
    INT_EQ(ng_store_set_window(s, window, &err), NG_OK);
    return s;
}

static int add(ng_store *s, const char *id, const char *date, const char *marked) {
    tdoc t;
    mk(&t, id, date, marked);
    int outcome = 0;
    ng_error err = {0};
    int rc = ng_store_add_doc(s, &t.d, &outcome, &err);
    if (rc) fprintf(stderr, "add %s: %s\n", id, err.msg);
    tfree(&t);
    return rc ? rc : outcome;
}

static long jint(json_t *o, const char *k) { return (long)json_integer_value(json_object_get(o, k)); }

static long verify(ng_store *s) {
    long mism = -1;
    ng_error err = {0};
    if (ng_store_verify(s, &mism, &err)) fprintf(stderr, "verify: %s\n", err.msg);
    return mism;
}

/* Dumps the edges view, sorted, as one string (for comparisons). */
static char *dump(ng_store *s) {
    json_t *st; ng_error err = {0};
    ng_query_stats(s, &st, &err);
    char *a = json_dumps(st, JSON_SORT_KEYS);
    json_decref(st);
    return a;
}

static const char *A1 = "[Alice Smith|alice|PER] met [Bob Jones|bob|PER] in [Paris|paris|LOC]. "
                        "[Acme|acme|ORG] was not there.\n\n[Bob|bob|PER] left [Paris|paris|LOC].";
static const char *A2 = "[Alice|alice|PER] and [Acme|acme|ORG] signed. [Bob|bob|PER] agreed with [Alice|alice|PER].";
static const char *A3 = "[Carol|carol|PER] visited [Paris|paris|LOC] with [Alice|alice|PER].";

typedef struct split_log { size_t start[8], end[8]; long para[8]; int n; } split_log;
static void split_cb(size_t start, size_t end, long para, void *ud) {
    split_log *l = ud;
    if (l->n < 8) { l->start[l->n] = start; l->end[l->n] = end; l->para[l->n] = para; l->n++; }
}

static void test_split(void) {
    const char *t = "Mr. Smith met George W. Bush. He left! Did he? yes.\n\nNew para here. \xd0\x9f\xd1\x80\xd0\xb8. Second.";
    long n = ng_split_sentences(t, strlen(t), NULL, NULL);
    INT_EQ(n, 6);
    INT_EQ(ng_split_sentences("", 0, NULL, NULL), 0);
    INT_EQ(ng_split_sentences("No terminal punctuation", 23, NULL, NULL), 1);
    /* regression: a CR alone (old Mac line ends) broke no sentence or
     * paragraph; CR LF and LF as before */
    static const char *const ends[] = {"\n", "\r\n", "\r", "\n\n", "\r\r", "\r\n\r\n"};
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        char txt[80];
        snprintf(txt, sizeof txt, "Alpha met beta%sGamma met delta%sEpsilon", ends[k], ends[k]);
        split_log lg = {0};
        INT_EQ(ng_split_sentences(txt, strlen(txt), split_cb, &lg), 3);
        INT_EQ(lg.para[2], 2);
        INT_EQ((long)lg.end[0], 14);   /* "Alpha met beta" */
        INT_EQ((long)lg.start[1], 14 + (long)strlen(ends[k]));
    }
}

static void test_xml(void) {
    char *buf; size_t len;
    FILE *f = open_memstream(&buf, &len);
    const char in[] = "a<b>&\"'\x01\x1f\tz\xc3(\xef\xbf\xbe\xe2\x9c\x93";
    ng_xml_write(f, in, sizeof in - 1, 1);
    fclose(f);
    STR_EQ(buf, "a&lt;b&gt;&amp;&quot;&apos;\xef\xbf\xbd\xef\xbf\xbd&#9;z\xef\xbf\xbd(\xef\xbf\xbd\xe2\x9c\x93");
    free(buf);
}

static void test_ingest(void) {
    ng_store *s = open_db("one.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    INT_EQ(ng_store_begin(s, &err), NG_OK);
    INT_EQ(add(s, "a1", "2023-07-11", A1), NG_DOC_ADDED);
    INT_EQ(add(s, "a2", "2023-08-01", A2), NG_DOC_ADDED);
    INT_EQ(add(s, "a1", "2023-07-11", A1), NG_DOC_UNCHANGED);
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    json_t *st;
    INT_EQ(ng_query_stats(s, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 2);
    INT_EQ(jint(st, "mentions"), 10);
    INT_EQ(jint(st, "entities"), 4);
    /* sentence windows: a1: {alice,bob,paris} {acme} {bob,paris}; a2: {alice,acme} {bob,alice} */
    INT_EQ(jint(st, "edges"), 4);
    INT_EQ(jint(st, "windows"), 5);
    json_decref(st);
    INT_EQ(verify(s), 0);
    /* neighbours of bob: paris 2 windows in 1 article, alice 2 windows in 2 articles */
    json_t *r;
    ng_neighbors_opts o = {0};
    INT_EQ(ng_query_neighbors(s, "Bob", &o, &r, &err), NG_OK);
    json_t *nb = json_object_get(r, "neighbors");
    INT_EQ(json_array_size(nb), 2);
    STR_EQ(json_string_value(json_object_get(json_array_get(nb, 0), "id")), "alice");
    INT_EQ(jint(json_array_get(nb, 0), "count"), 2);
    INT_EQ(jint(json_array_get(nb, 0), "articles"), 2);
    STR_EQ(json_string_value(json_object_get(json_array_get(nb, 1), "id")), "paris");
    INT_EQ(jint(json_array_get(nb, 1), "count"), 2);
    INT_EQ(jint(json_array_get(nb, 1), "articles"), 1);
    json_decref(r);
    /* alias lookup (case-insensitive), entity card */
    INT_EQ(ng_query_entity(s, "ALICE", 5, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(r, "id")), "alice");
    INT_EQ(jint(r, "mentions"), 3);
    INT_EQ(jint(r, "articles"), 2);
    STR_EQ(json_string_value(json_object_get(r, "first_seen")), "2023-07-11");
    STR_EQ(json_string_value(json_object_get(r, "last_seen")), "2023-08-01");
    INT_EQ(json_array_size(json_object_get(r, "per_month")), 2);
    json_decref(r);
    INT_EQ(ng_query_entity(s, "nobody", 5, &r, &err), NG_E_NOTFOUND);
    /* evidence */
    INT_EQ(ng_query_evidence(s, "bob", "paris", 10, &r, &err), NG_OK);
    INT_EQ(jint(r, "total"), 2);
    STR_EQ(json_string_value(json_object_get(json_array_get(json_object_get(r, "evidence"), 0), "snippet")),
           "Alice Smith met Bob Jones in Paris.");
    json_decref(r);
    /* date filter: only a2 */
    o.filter.since = "2023-08-01";
    INT_EQ(ng_query_neighbors(s, "bob", &o, &r, &err), NG_OK);
    INT_EQ(json_array_size(json_object_get(r, "neighbors")), 1);
    json_decref(r);
    /* path acme -> paris goes through alice or bob */
    INT_EQ(ng_query_path(s, "acme", "paris", NULL, 1, &r, &err), NG_OK);
    INT_EQ(jint(r, "hops_count"), 2);
    json_decref(r);
    INT_EQ(ng_query_top(s, "degree", NULL, 3, &r, &err), NG_OK);
    INT_EQ(json_array_size(json_object_get(r, "entities")), 3);
    json_decref(r);
    INT_EQ(ng_query_top(s, "pagerank", NULL, 3, &r, &err), NG_OK);
    json_decref(r);
    INT_EQ(ng_query_top(s, "betweenness", NULL, 3, &r, &err), NG_OK);
    json_decref(r);
    ng_communities_opts co = {.resolution = 1.0, .seed = 7, .max_communities = 10, .max_members = 10};
    INT_EQ(ng_query_communities(s, &co, &r, &err), NG_OK);
    OK(jint(r, "count") >= 1, "communities");
    json_decref(r);
    /* regression: an ego picture's layout left its own generator as igraph's
     * default (the restore copied the slot onto itself), so Leiden gave
     * other communities for the same seed once a picture was drawn */
    const igraph_rng_type_t *rt0 = igraph_rng_default()->type;
    ng_ego_opts eo = {.depth = 1};
    INT_EQ(ng_query_ego(s, "bob", &eo, &r, &err), NG_OK);
    json_decref(r);
    OK(igraph_rng_default()->type == rt0, "igraph's default generator is back after a layout");
    /* replacement: a1 changes; counts equal those of a fresh ingest */
    INT_EQ(ng_store_begin(s, &err), NG_OK);
    INT_EQ(add(s, "a1", "2023-06-01", "[Bob|bob|PER] and [Carol|carol|PER] met."), NG_DOC_REPLACED);
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    INT_EQ(verify(s), 0);
    ng_store *t = open_db("fresh.db", NG_WINDOW_SENTENCE);
    ng_store_begin(t, &err);
    add(t, "a2", "2023-08-01", A2);
    add(t, "a1", "2023-06-01", "[Bob|bob|PER] and [Carol|carol|PER] met.");
    ng_store_commit(t, &err);
    char *d1 = dump(s), *d2 = dump(t);
    STR_EQ(d1, d2);
    free(d1); free(d2);
    INT_EQ(ng_query_entity(s, "bob", 5, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(r, "first_seen")), "2023-06-01");
    json_decref(r);
    /* paris only appeared in old a1 -> gone */
    INT_EQ(ng_query_entity(s, "paris", 5, &r, &err), NG_E_NOTFOUND);
    /* forget */
    INT_EQ(ng_store_forget(s, "a1", &err), NG_OK);
    INT_EQ(ng_store_forget(s, "a1", &err), NG_E_NOTFOUND);
    INT_EQ(verify(s), 0);
    INT_EQ(ng_query_stats(s, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 1);
    INT_EQ(jint(st, "entities"), 3);
    INT_EQ(jint(st, "edges"), 2);
    json_decref(st);
    ng_store_close(t);
    ng_store_close(s);
    /* window mismatch refused */
    char p[512];
    snprintf(p, sizeof p, "%s/one.db", dir);
    INT_EQ(ng_store_open(p, 0, &s, &err), NG_OK);
    INT_EQ(ng_store_set_window(s, NG_WINDOW_ARTICLE, &err), NG_E_ARG);
    INT_EQ(ng_store_set_window(s, NG_WINDOW_SENTENCE, &err), NG_OK);
    ng_store_close(s);
}

/* A read snapshot: one state of the database until it ends, however a
 * writer changes it meanwhile; a no-op inside a write batch. */
static void test_read_snapshot(void) {
    ng_store *w = open_db("snap.db", NG_WINDOW_SENTENCE);
    ng_error err = {0};
    json_t *st;
    INT_EQ(ng_store_begin(w, &err), NG_OK);
    INT_EQ(ng_store_read_begin(w, &err), NG_OK);   /* inside the batch: nothing */
    ng_store_read_end(w);
    INT_EQ(add(w, "a1", "2023-01-02", A1), NG_DOC_ADDED);
    INT_EQ(ng_store_commit(w, &err), NG_OK);
    char p[512];
    snprintf(p, sizeof p, "%s/snap.db", dir);
    ng_store *r = NULL;
    INT_EQ(ng_store_open(p, NG_STORE_READONLY, &r, &err), NG_OK);
    INT_EQ(ng_store_read_begin(r, &err), NG_OK);
    INT_EQ(ng_store_read_begin(r, &err), NG_OK);   /* already open: nothing */
    INT_EQ(ng_query_stats(r, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 1);
    json_decref(st);
    INT_EQ(ng_store_begin(w, &err), NG_OK);
    INT_EQ(add(w, "a2", "2023-01-03", A2), NG_DOC_ADDED);
    INT_EQ(ng_store_commit(w, &err), NG_OK);
    INT_EQ(ng_query_stats(r, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 1);   /* the snapshot */
    json_decref(st);
    ng_store_read_end(r);
    ng_store_read_end(r);              /* twice: nothing */
    INT_EQ(ng_query_stats(r, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 2);   /* the writer's state */
    json_decref(st);
    ng_store_close(r);
    /* a connection of one thread (serve's: memory map, no SQLite mutex)
     * reads the same and sees the next commit */
    r = NULL;
    INT_EQ(ng_store_open(p, NG_STORE_READONLY | NG_STORE_MMAP | NG_STORE_NOMUTEX, &r, &err), NG_OK);
    INT_EQ(ng_query_stats(r, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 2);
    json_decref(st);
    long long dv = ng_store_data_version(r);
    INT_EQ(ng_store_begin(w, &err), NG_OK);
    INT_EQ(add(w, "a3", "2023-01-04", A1), NG_DOC_ADDED);
    INT_EQ(ng_store_commit(w, &err), NG_OK);
    OK(ng_store_data_version(r) != dv, "a commit moves the data version");
    INT_EQ(ng_query_stats(r, &st, &err), NG_OK);
    INT_EQ(jint(st, "articles"), 3);
    json_decref(st);
    ng_store_close(r);
    ng_store_close(w);
}

static void test_bad_doc(void) {
    ng_store *s = open_db("bad.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    ng_store_begin(s, &err);
    tdoc t;
    mk(&t, "x", NULL, "[Alice|alice|PER] here.");
    t.m[0].end = 100;
    int outcome;
    INT_EQ(ng_store_add_doc(s, &t.d, &outcome, &err), NG_E_PARSE);
    tfree(&t);
    ng_store_commit(s, &err);
    json_t *st;
    ng_query_stats(s, &st, &err);
    INT_EQ(jint(st, "articles"), 0);
    json_decref(st);
    ng_store_close(s);
}

static void test_windows(void) {
    ng_store *s = open_db("para.db", NG_WINDOW_PARAGRAPH);
    ng_store *a = open_db("art.db", NG_WINDOW_ARTICLE);
    if (!s || !a) return;
    ng_error err = {0};
    ng_store_begin(s, &err); add(s, "a1", "2023-07-11", A1); ng_store_commit(s, &err);
    ng_store_begin(a, &err); add(a, "a1", "2023-07-11", A1); ng_store_commit(a, &err);
    json_t *st;
    ng_query_stats(s, &st, &err);
    INT_EQ(jint(st, "edges"), 6);   /* paragraph 1: alice bob paris acme; paragraph 2: bob paris */
    INT_EQ(jint(st, "windows"), 2);
    json_decref(st);
    ng_query_stats(a, &st, &err);
    INT_EQ(jint(st, "edges"), 6);
    INT_EQ(jint(st, "windows"), 1);
    json_decref(st);
    json_t *r;
    ng_neighbors_opts o = {0};
    ng_query_neighbors(s, "bob", &o, &r, &err);
    INT_EQ(jint(json_array_get(json_object_get(r, "neighbors"), 0), "count"), 2); /* paris in 2 paragraphs */
    json_decref(r);
    INT_EQ(verify(s), 0);
    INT_EQ(verify(a), 0);
    ng_store_close(s);
    ng_store_close(a);
}

static void test_merge(void) {
    ng_store *x = open_db("s1.db", NG_WINDOW_SENTENCE), *y = open_db("s2.db", NG_WINDOW_SENTENCE),
             *all = open_db("all.db", NG_WINDOW_SENTENCE);
    if (!x || !y || !all) return;
    ng_error err = {0};
    ng_store_begin(x, &err); add(x, "a1", "2023-07-11", A1); add(x, "a3", "2023-09-01", A3); ng_store_commit(x, &err);
    ng_store_begin(y, &err); add(y, "a2", "2023-08-01", A2); ng_store_commit(y, &err);
    ng_store_begin(all, &err); add(all, "a2", "2023-08-01", A2); add(all, "a1", "2023-07-11", A1);
    add(all, "a3", "2023-09-01", A3); ng_store_commit(all, &err);
    ng_store_close(x); ng_store_close(y);
    char p[512];
    snprintf(p, sizeof p, "%s/merged.db", dir);
    ng_store *m;
    INT_EQ(ng_store_open(p, NG_STORE_CREATE, &m, &err), NG_OK);
    snprintf(p, sizeof p, "%s/s1.db", dir);
    INT_EQ(ng_store_merge(m, p, &err), NG_OK); if (err.code) fprintf(stderr, "merge: %s\n", err.msg);
    snprintf(p, sizeof p, "%s/s2.db", dir);
    INT_EQ(ng_store_merge(m, p, &err), NG_OK); if (err.code) fprintf(stderr, "merge: %s\n", err.msg);
    INT_EQ(verify(m), 0);
    char *d1 = dump(m), *d2 = dump(all);
    STR_EQ(d1, d2);
    free(d1); free(d2);
    /* overlapping shard refused */
    INT_EQ(ng_store_merge(m, p, &err), NG_E_ARG);
    json_t *r1, *r2;
    ng_neighbors_opts o = {0};
    ng_query_neighbors(m, "alice", &o, &r1, &err);
    ng_query_neighbors(all, "alice", &o, &r2, &err);
    d1 = json_dumps(json_object_get(r1, "neighbors"), JSON_SORT_KEYS);
    d2 = json_dumps(json_object_get(r2, "neighbors"), JSON_SORT_KEYS);
    STR_EQ(d1, d2);
    free(d1); free(d2); json_decref(r1); json_decref(r2);
    ng_store_close(m);
    ng_store_close(all);
}

static void test_names(void) {
    ng_store *s = open_db("names.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    ng_store_begin(s, &err);
    tdoc t;
    mk(&t, "evil", "2024-01-02", "[X|x|PER] and [Y|y|ORG] met.");
    t.m[0].name = "'); DROP TABLE entities; --";
    t.m[1].name = "<script>alert(1)</script> & \x01";
    int outcome;
    INT_EQ(ng_store_add_doc(s, &t.d, &outcome, &err), NG_OK);
    tfree(&t);
    ng_store_commit(s, &err);
    json_t *r;
    INT_EQ(ng_query_entity(s, "'); DROP TABLE entities; --", 5, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(r, "id")), "x");
    json_decref(r);
    INT_EQ(ng_query_entity(s, "<script>alert(1)</script> & \x01", 5, &r, &err), NG_OK);
    json_decref(r);
    char p[512];
    snprintf(p, sizeof p, "%s/names.graphml", dir);
    ng_export_opts eo = {.format = NG_EXPORT_GRAPHML};
    long nn = 0, ne = 0;
    INT_EQ(ng_store_export(s, &eo, p, &nn, &ne, &err), NG_OK);
    INT_EQ(nn, 2);
    INT_EQ(ne, 1);
    FILE *f = fopen(p, "rb");
    char buf[8192];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = 0;
    if (f) fclose(f);
    OK(strstr(buf, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \xef\xbf\xbd") != NULL, "escaped name in GraphML");
    OK(strstr(buf, "&apos;); DROP TABLE entities; --") != NULL, "quote in GraphML");
    for (int fmt = NG_EXPORT_GEXF; fmt <= NG_EXPORT_CSV; fmt++) {
        snprintf(p, sizeof p, "%s/names.%d", dir, fmt);
        eo.format = fmt;
        INT_EQ(ng_store_export(s, &eo, p, NULL, NULL, &err), NG_OK);
    }
    ng_store_close(s);
}

static void test_ambiguous(void) {
    ng_store *s = open_db("amb.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    ng_store_begin(s, &err);
    tdoc t;
    mk(&t, "d", NULL, "[Paris|paris-fr|LOC] and [Paris|paris-tx|LOC] differ.");
    t.m[0].name = "Paris"; t.m[1].name = "Paris";
    int outcome;
    ng_store_add_doc(s, &t.d, &outcome, &err);
    tfree(&t);
    ng_store_commit(s, &err);
    int64_t id;
    json_t *c;
    INT_EQ(ng_store_lookup(s, "paris", &id, &c, &err), NG_E_AMBIGUOUS);
    INT_EQ(json_array_size(c), 2);
    json_decref(c);
    OK(strstr(err.msg, "paris-fr") && strstr(err.msg, "paris-tx"), "candidates in message: %s", err.msg);
    INT_EQ(ng_store_lookup(s, "paris-tx", &id, NULL, &err), NG_OK);
    ng_store_close(s);
}

/* Search as you type (ng_query_suggest): names that start with the text;
 * when none does, the lookup's scans for a surname alone and near misses.
 * Regression: those scans ran whenever fewer than 'limit' names started
 * with the text (40 ms a keystroke on the bench graph), adding near misses
 * of a word typed in part ("Київс" suggested Київ). */
static void test_suggest_scans(void) {
    ng_store *s = open_db("suggest.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    ng_store_begin(s, &err);
    tdoc t;
    mk(&t, "d", NULL, "[Київ|kyiv|LOC], [Київстар|kyivstar|ORG].");
    t.m[0].name = "Kyiv"; t.m[1].name = "Київстар";
    int outcome;
    INT_EQ(ng_store_add_doc(s, &t.d, &outcome, &err), NG_OK);
    tfree(&t);
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    json_t *r = NULL;
    INT_EQ(ng_query_suggest(s, "Київс", 8, &r, &err), NG_OK);
    json_t *sg = json_object_get(r, "suggestions");
    INT_EQ(json_array_size(sg), 1);
    STR_EQ(json_string_value(json_object_get(json_array_get(sg, 0), "id")), "kyivstar");
    json_decref(r);
    /* a typo that no name starts with: the near miss */
    INT_EQ(ng_query_suggest(s, "Киів", 8, &r, &err), NG_OK);
    sg = json_object_get(r, "suggestions");
    OK(json_array_size(sg) >= 1 && !strcmp(json_string_value(json_object_get(json_array_get(sg, 0), "id")), "kyiv"),
       "Киів suggests Kyiv");
    json_decref(r);
    /* a case form: the match (rule 3 runs whatever starts with the text) */
    INT_EQ(ng_query_suggest(s, "Києві", 8, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(json_object_get(r, "match"), "id")), "kyiv");
    json_decref(r);
    ng_store_close(s);
}

/* ENTITY typed as users type it (graph/lookup.c): case forms, surnames,
 * suggestions, the failure record, and an old database without the
 * alias_rest index. */
static void test_lookup_forms(void) {
    ng_store *s = open_db("forms.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    ng_store_begin(s, &err);
    tdoc t;
    mk(&t, "d", NULL, "[Київ|kyiv|LOC], [Єнс Столтенберг|jens-stoltenberg|PER], [Юлія Тимошенко|yulia-tymoshenko|PER].");
    t.m[0].name = "Kyiv"; t.m[1].name = "Jens Stoltenberg"; t.m[2].name = "Yulia Tymoshenko";
    int outcome;
    INT_EQ(ng_store_add_doc(s, &t.d, &outcome, &err), NG_OK);
    tfree(&t);
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    int64_t id, kyiv = -1, jens = -1;
    json_t *c = NULL;
    INT_EQ(ng_store_lookup(s, "kyiv", &kyiv, NULL, &err), NG_OK);
    INT_EQ(ng_store_lookup(s, "jens-stoltenberg", &jens, NULL, &err), NG_OK);
    /* a case form: the match and the alias it was declined from */
    id = -1;
    INT_EQ(ng_store_lookup(s, "КИЄВІ", &id, &c, &err), NG_OK);
    OK(id == kyiv, "Києві is Kyiv");
    STR_EQ(json_string_value(json_object_get(json_array_get(c, 0), "alias")), "Київ");
    json_decref(c);
    OK(ng_store_lookup_failure(s) == NULL, "no failure after a match");
    /* a surname alone, in a case form */
    id = -1;
    INT_EQ(ng_store_lookup(s, "Столтенбергові", &id, NULL, &err), NG_OK);
    OK(id == jens, "Столтенбергові is Jens Stoltenberg");
    /* feminine surname in -о does not decline: no match, one suggestion */
    INT_EQ(ng_store_lookup(s, "Тимошенка", &id, &c, &err), NG_E_NOTFOUND);
    INT_EQ(json_array_size(c), 1);
    STR_EQ(json_string_value(json_object_get(json_array_get(c, 0), "id")), "yulia-tymoshenko");
    INT_EQ(json_integer_value(json_object_get(json_array_get(c, 0), "distance")), 1);
    json_decref(c);
    json_t *f = ng_store_lookup_failure(s);
    STR_EQ(json_string_value(json_object_get(f, "error")), "not_found");
    STR_EQ(json_string_value(json_object_get(f, "query")), "Тимошенка");
    INT_EQ(json_array_size(json_object_get(f, "suggestions")), 1);
    OK(strstr(err.msg, "did you mean: Yulia Tymoshenko (yulia-tymoshenko, PER)?") != NULL, "message: %s", err.msg);
    /* not a form of Київ, nothing close */
    INT_EQ(ng_store_lookup(s, "Кия", &id, &c, &err), NG_E_NOTFOUND);
    INT_EQ(json_array_size(c), 0);
    json_decref(c);
    ng_store_close(s);
    /* a database from before the alias_rest index, opened read-only:
     * surnames are still found (by a scan) */
    char p[512];
    snprintf(p, sizeof p, "%s/forms.db", dir);
    sqlite3 *db;
    if (sqlite3_open(p, &db) == SQLITE_OK) {
        INT_EQ(sqlite3_exec(db, "DROP INDEX alias_rest", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
    INT_EQ(ng_store_open(p, NG_STORE_READONLY, &s, &err), NG_OK);
    if (!s) return;
    id = -1;
    INT_EQ(ng_store_lookup(s, "Столтенберга", &id, NULL, &err), NG_OK);
    OK(id == jens, "surname without the index");
    ng_store_close(s);
}

/* ## Curation: a merge gives the database of an ingest that had always
 * mapped b to a, through random documents, forgets and replacements. */
typedef struct rdoc {
    char text[4096];
    ng_match m[96];
    size_t n;
    ng_doc d;
} rdoc;

static unsigned rnd(unsigned *s) { *s = *s * 1103515245u + 12345u; return (*s >> 16) & 0x7fff; }

static const char *const r_ids[] = {"a", "b", "c", "d", "e"};
static const char *const r_types[] = {"PER", "PER", "ORG", "LOC", "LOC"};
static const char *const r_surf[] = {"Anna", "Boris", "Cetco", "Dalby", "Ember"};
static const char *const r_dates[] = {"2024-01-03", "2024-02-10", "2024-02-11", "2024-05-30", NULL};

/* A random article; 'mapped' stores b's spans under a (the dictionary
 * that lists b's names as aliases of a). Same seed, same article. */
static void rmk(rdoc *t, unsigned seed, int mapped, const char *id) {
    memset(t, 0, sizeof *t);
    size_t o = 0;
    int sentences = 1 + (int)(rnd(&seed) % 5);
    for (int k = 0; k < sentences; k++) {
        int ments = (int)(rnd(&seed) % 5);
        for (int j = 0; j < ments && t->n < 90; j++) {
            int e = (int)(rnd(&seed) % 5);
            int dual = e == 0 && rnd(&seed) % 4 == 0; /* one span matched as a and as b */
            size_t l = strlen(r_surf[e]);
            for (int x = 0; x < 1 + dual; x++) {
                int ee = x ? 1 : e;
                const char *eid = mapped && ee == 1 ? "a" : r_ids[ee];
                ng_match *m = &t->m[t->n++];
                m->field = 1; m->start = o; m->end = o + l;
                m->id = eid; m->name = eid; m->type = r_types[ee];
            }
            memcpy(t->text + o, r_surf[e], l); o += l;
            memcpy(t->text + o, " and ", 5); o += 5;
        }
        memcpy(t->text + o, "x. ", 3); o += 3;
        if (rnd(&seed) % 3 == 0) { memcpy(t->text + o, "\n\n", 2); o += 2; }
    }
    t->d.id = id;
    t->d.text = t->text;
    t->d.text_len = o;
    t->d.published = r_dates[rnd(&seed) % 5];
    t->d.matches = t->m;
    t->d.nmatches = t->n;
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return strdup("");
    char *buf = NULL; size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int c;
    while ((c = fgetc(f)) != EOF) fputc(c, m);
    fclose(f); fclose(m);
    return buf;
}

static char *export_text(ng_store *s, const char *name) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    ng_export_opts o = {0};
    o.format = NG_EXPORT_GRAPHML;
    ng_error err = {0};
    if (ng_store_export(s, &o, p, NULL, NULL, &err)) fprintf(stderr, "export: %s\n", err.msg);
    return slurp(p);
}

static void radd(ng_store *s, unsigned seed, int mapped, const char *id) {
    rdoc t;
    rmk(&t, seed, mapped, id);
    ng_error err = {0};
    int rc = ng_store_add_doc(s, &t.d, NULL, &err);
    if (rc) fprintf(stderr, "add %s: %s\n", id, err.msg);
    INT_EQ(rc, NG_OK);
}

static void test_curation_random(void) {
    for (unsigned round = 0; round < 12; round++) {
        char n1[32], n2[32], id[32];
        snprintf(n1, sizeof n1, "cur%u.db", round);
        snprintf(n2, sizeof n2, "map%u.db", round);
        int w = (int)(round % 3);
        ng_store *s1 = open_db(n1, w), *s2 = open_db(n2, w);
        if (!s1 || !s2) return;
        ng_error err = {0};
        unsigned seed = 1000 + round * 7919;
        ng_store_begin(s1, &err); ng_store_begin(s2, &err);
        for (int i = 0; i < 25; i++) {
            snprintf(id, sizeof id, "r%d", i);
            radd(s1, seed + (unsigned)i, 0, id);
            radd(s2, seed + (unsigned)i, 1, id);
        }
        ng_store_commit(s1, &err); ng_store_commit(s2, &err);
        long seq = 0;
        int rc = ng_store_correct(s1, NG_CORR_MERGE, "a", "b", &seq, &err);
        if (rc == NG_E_NOTFOUND) { /* a round without a or b: nothing to merge */
            ng_store_close(s1); ng_store_close(s2);
            continue;
        }
        INT_EQ(rc, NG_OK, "round %u: %s", round, err.msg);
        INT_EQ(seq, 1);
        INT_EQ(verify(s1), 0, "round %u after merge", round);
        char *x1 = export_text(s1, "c1.graphml"), *x2 = export_text(s2, "c2.graphml");
        STR_EQ(x1, x2, "round %u: graphml after merge", round);
        free(x1); free(x2);
        /* later: replacements, forgets, new articles, in both */
        ng_store_begin(s1, &err); ng_store_begin(s2, &err);
        for (int i = 0; i < 25; i += 3) {
            snprintf(id, sizeof id, "r%d", i);
            radd(s1, seed + 500u + (unsigned)i, 0, id);
            radd(s2, seed + 500u + (unsigned)i, 1, id);
        }
        for (int i = 1; i < 25; i += 4) {
            snprintf(id, sizeof id, "r%d", i);
            INT_EQ(ng_store_forget(s1, id, &err), NG_OK);
            INT_EQ(ng_store_forget(s2, id, &err), NG_OK);
        }
        for (int i = 25; i < 35; i++) {
            snprintf(id, sizeof id, "r%d", i);
            radd(s1, seed + (unsigned)i, 0, id);
            radd(s2, seed + (unsigned)i, 1, id);
        }
        ng_store_commit(s1, &err); ng_store_commit(s2, &err);
        INT_EQ(verify(s1), 0, "round %u after more ingests", round);
        INT_EQ(verify(s2), 0);
        x1 = export_text(s1, "c1.graphml"); x2 = export_text(s2, "c2.graphml");
        STR_EQ(x1, x2, "round %u: graphml after more ingests", round);
        free(x1); free(x2);
        char *d1 = dump(s1), *d2 = dump(s2);
        STR_EQ(d1, d2, "round %u: stats", round);
        free(d1); free(d2);
        /* undo the merge and ingest the live articles again: the database
         * of the same ingests without the merge */
        long stale = 0;
        INT_EQ(ng_store_undo(s1, 1, &stale, &err), NG_OK, "round %u: %s", round, err.msg);
        OK(stale > 0, "round %u: articles marked", round);
        snprintf(n2, sizeof n2, "plain%u.db", round);
        ng_store *s3 = open_db(n2, w);
        if (!s3) return;
        ng_store_begin(s1, &err); ng_store_begin(s3, &err);
        for (int i = 0; i < 35; i++) {
            snprintf(id, sizeof id, "r%d", i);
            unsigned sd = seed + (unsigned)i + (i < 25 && i % 3 == 0 ? 500u : 0u);
            if (i < 25 && i % 4 == 1) continue; /* forgotten */
            radd(s1, sd, 0, id);
            radd(s3, sd, 0, id);
        }
        ng_store_commit(s1, &err); ng_store_commit(s3, &err);
        INT_EQ(verify(s1), 0, "round %u after undo and re-ingest", round);
        d1 = dump(s1); d2 = dump(s3);
        STR_EQ(d1, d2, "round %u: stats after undo", round);
        free(d1); free(d2);
        for (int e = 0; e < 5; e++) {
            json_t *q1 = NULL, *q2 = NULL;
            ng_neighbors_opts no = {0};
            int r1 = ng_query_neighbors(s1, r_ids[e], &no, &q1, &err), r2 = ng_query_neighbors(s3, r_ids[e], &no, &q2, &err);
            INT_EQ(r1, r2, "round %u: %s", round, r_ids[e]);
            if (!r1 && !r2) {
                d1 = json_dumps(q1, JSON_SORT_KEYS); d2 = json_dumps(q2, JSON_SORT_KEYS);
                STR_EQ(d1, d2, "round %u: neighbours of %s after undo", round, r_ids[e]);
                free(d1); free(d2);
            }
            json_decref(q1); json_decref(q2);
        }
        ng_store_close(s1); ng_store_close(s2); ng_store_close(s3);
    }
}

static void test_curation_api(void) {
    ng_store *s = open_db("api.db", NG_WINDOW_SENTENCE);
    if (!s) return;
    ng_error err = {0};
    ng_store_begin(s, &err);
    INT_EQ(add(s, "a1", "2023-07-11", A1), NG_DOC_ADDED);
    INT_EQ(ng_store_correct(s, NG_CORR_RENAME, "alice", "Alice B. Smith", NULL, &err), NG_E_ARG); /* inside a batch */
    ng_store_commit(s, &err);
    INT_EQ(ng_store_correct(s, NG_CORR_MERGE, "alice", "alice", NULL, &err), NG_E_ARG);
    INT_EQ(ng_store_correct(s, NG_CORR_RENAME, "nobody", "X", NULL, &err), NG_E_NOTFOUND);
    INT_EQ(ng_store_correct(s, NG_CORR_RENAME, "alice", "", NULL, &err), NG_E_ARG);
    INT_EQ(ng_store_correct(s, NG_CORR_RETYPE, "alice", "ORG\n", NULL, &err), NG_E_ARG);
    INT_EQ(ng_store_correct(s, 42, "alice", "x", NULL, &err), NG_E_ARG);
    long seq = 0;
    INT_EQ(ng_store_correct(s, NG_CORR_MERGE, "alice", "bob", &seq, &err), NG_OK);
    long merge_seq = seq;
    INT_EQ(ng_store_correct(s, NG_CORR_RETYPE, "bob", "ORG", &seq, &err), NG_OK); /* bob now finds alice */
    json_t *r = NULL;
    INT_EQ(ng_query_entity(s, "alice", 5, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(r, "type")), "ORG");
    INT_EQ(jint(r, "mentions"), 3);
    json_decref(r);
    INT_EQ(ng_store_corrections(s, &r, &err), NG_OK);
    INT_EQ(json_array_size(json_object_get(r, "corrections")), 2);
    json_decref(r);
    INT_EQ(verify(s), 0);
    /* undoing the merge marks the article for re-tagging; its next ingest splits them */
    long stale = -1;
    INT_EQ(ng_store_undo(s, merge_seq, &stale, &err), NG_OK);
    INT_EQ(stale, 1);
    INT_EQ(verify(s), 0);
    INT_EQ(ng_store_undo(s, merge_seq, &stale, &err), NG_E_NOTFOUND);
    ng_store_begin(s, &err);
    INT_EQ(add(s, "a1", "2023-07-11", A1), NG_DOC_REPLACED);
    ng_store_commit(s, &err);
    INT_EQ(ng_query_entity(s, "bob", 5, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(r, "id")), "bob");
    INT_EQ(jint(r, "mentions"), 2);
    json_decref(r);
    INT_EQ(ng_query_entity(s, "alice", 5, &r, &err), NG_OK);
    INT_EQ(jint(r, "mentions"), 1);
    json_decref(r);
    INT_EQ(verify(s), 0);
    ng_store_close(s);
}

/* ng_store_correct_batch: the same graph and log as the corrections made
 * one by one; all or none (an invalid one, or one naming an entity a merge
 * of the batch removed, leaves the graph and the log as they were); a
 * chain of merges over a log read once (the records point to their
 * keeper: resolve follows the chain). */
static char *entities_dump(ng_store *s) {
    json_t *r = NULL, *arr = json_array();
    ng_error err = {0};
    static const char *const ids[] = {"alice", "bob", "carol", "acme", "paris"};
    for (size_t i = 0; i < 5; i++) {
        if (ng_query_entity(s, ids[i], 5, &r, &err)) { json_array_append_new(arr, json_string("-")); continue; }
        json_object_del(r, "first_seen");
        json_array_append_new(arr, r);
    }
    char *d = json_dumps(arr, JSON_SORT_KEYS);
    json_decref(arr);
    return d;
}
static void test_curation_batch(void) {
    ng_store *one = open_db("batch1.db", NG_WINDOW_SENTENCE), *all = open_db("batch2.db", NG_WINDOW_SENTENCE);
    if (!one || !all) { ng_store_close(one); ng_store_close(all); return; }
    ng_error err = {0};
    ng_store *both[2] = {one, all};
    for (int k = 0; k < 2; k++) {
        ng_store_begin(both[k], &err);
        add(both[k], "a1", "2023-07-11", A1);
        add(both[k], "a2", "2023-07-12", A2);
        add(both[k], "a3", "2023-07-13", A3);
        ng_store_commit(both[k], &err);
    }
    char *before = entities_dump(all), *sb = dump(all);
    /* all or none */
    ng_correction bad[] = {{NG_CORR_MERGE, "alice", "bob"}, {NG_CORR_RETYPE, "bob", "ORG"}};
    long seqs[3] = {7, 7, 7};
    INT_EQ(ng_store_correct_batch(all, bad, 2, seqs, &err), NG_E_ARG);
    OK(strstr(err.msg, "bob") != NULL, "message: %s", err.msg);
    INT_EQ(seqs[0], 0);
    ng_correction bad2[] = {{NG_CORR_MERGE, "alice", "bob"}, {NG_CORR_RETYPE, "carol", "OR G"}};
    INT_EQ(ng_store_correct_batch(all, bad2, 2, seqs, &err), NG_E_ARG);
    ng_correction bad3[] = {{NG_CORR_MERGE, "alice", "bob"}, {NG_CORR_RENAME, "nobody", "X"}};
    INT_EQ(ng_store_correct_batch(all, bad3, 2, seqs, &err), NG_E_NOTFOUND);
    char *after = entities_dump(all), *sa = dump(all);
    STR_EQ(after, before, "a failed batch changes no entity");
    STR_EQ(sa, sb, "a failed batch changes no count");
    free(after); free(sa);
    json_t *r = NULL;
    INT_EQ(ng_store_corrections(all, &r, &err), NG_OK);
    INT_EQ(json_array_size(json_object_get(r, "corrections")), 0);
    json_decref(r);
    INT_EQ(ng_store_correct_batch(all, NULL, 0, NULL, &err), NG_OK);
    /* a chain (carol into bob, bob into alice) and a rename, in a batch and one by one */
    ng_correction ok[] = {{NG_CORR_MERGE, "bob", "carol"}, {NG_CORR_MERGE, "alice", "bob"},
                          {NG_CORR_RENAME, "acme", "Acme Corp"}};
    INT_EQ(ng_store_correct_batch(all, ok, 3, seqs, &err), NG_OK);
    INT_EQ(seqs[0], 1); INT_EQ(seqs[1], 2); INT_EQ(seqs[2], 3);
    for (size_t i = 0; i < 3; i++) INT_EQ(ng_store_correct(one, ok[i].op, ok[i].entity, ok[i].value, NULL, &err), NG_OK);
    char *d1 = entities_dump(one), *d2 = entities_dump(all);
    STR_EQ(d2, d1, "a batch gives the graph of the corrections one by one");
    OK(strstr(d2, "\"mentions\": 8") != NULL, "alice has the 8 mentions of the three: %.200s", d2);
    free(d1); free(d2);
    d1 = dump(one); d2 = dump(all);
    STR_EQ(d2, d1, "and its counts");
    free(d1); free(d2);
    INT_EQ(verify(all), 0);
    /* carol finds alice through bob */
    INT_EQ(ng_query_entity(all, "carol", 5, &r, &err), NG_OK);
    STR_EQ(json_string_value(json_object_get(r, "id")), "alice");
    json_decref(r);
    free(before); free(sb);
    ng_store_close(one);
    ng_store_close(all);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/ng_test_graph.XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    test_split();
    test_xml();
    test_ingest();
    test_read_snapshot();
    test_bad_doc();
    test_windows();
    test_merge();
    test_names();
    test_ambiguous();
    test_lookup_forms();
    test_suggest_scans();
    test_curation_api();
    test_curation_batch();
    test_curation_random();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!h_fail) { int rc = system(cmd); (void)rc; }
    return harness_done("test_graph");
}
