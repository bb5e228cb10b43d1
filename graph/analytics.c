/* Graph analytics with igraph: the in-memory subgraph (shared with the
 * exporters), centralities, paths and communities. igraph's default error
 * handler aborts the process; every call here runs under a handler that
 * records the message and returns instead. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <igraph.h>
#include "internal.h"

/* ## igraph error handling */
static char ig_reason[256];
static void ig_error_handler(const char *reason, const char *file, int line, igraph_error_t e) {
    (void)file; (void)line;
    snprintf(ig_reason, sizeof ig_reason, "%s (%s)", reason ? reason : "error", igraph_strerror(e));
    IGRAPH_FINALLY_FREE();
}
static void ig_warning_handler(const char *reason, const char *file, int line) {
    (void)reason; (void)file; (void)line;
}
typedef struct ig_guard { igraph_error_handler_t *eh; igraph_warning_handler_t *wh; } ig_guard;
static ig_guard ig_enter(void) {
    ig_guard g;
    ig_reason[0] = 0;
    g.eh = igraph_set_error_handler(ig_error_handler);
    g.wh = igraph_set_warning_handler(ig_warning_handler);
    return g;
}
static void ig_leave(ig_guard g) {
    igraph_set_error_handler(g.eh);
    igraph_set_warning_handler(g.wh);
}
static int ig_fail(ng_error *err, const char *what) {
    return ng_error_set(err, NG_E_GRAPH, NULL, 0, 0, "%s: %s", what, ig_reason[0] ? ig_reason : "igraph error");
}

/* ## Subgraph */

void ngg_subgraph_free(subgraph *g) {
    for (size_t i = 0; i < g->nn; i++) { free(g->n[i].key); free(g->n[i].type); free(g->n[i].name); }
    free(g->n);
    free(g->e);
    memset(g, 0, sizeof *g);
}

/* qsort_r order of the strongest edges first ('g' the subgraph): equal
 * weights by their ends' entity keys, so that which of them --top-edges
 * keeps depends on the content, not on row ids (ingest order, a merge) */
static int cmp_edge_weight(const void *x, const void *y, void *g_) {
    const sg_edge *a = x, *b = y;
    const subgraph *g = g_;
    if (a->windows != b->windows) return a->windows > b->windows ? -1 : 1;
    if (a->articles != b->articles) return a->articles > b->articles ? -1 : 1;
    const char *a1 = g->n[a->a].key, *a2 = g->n[a->b].key, *b1 = g->n[b->a].key, *b2 = g->n[b->b].key;
    if (strcmp(a1, a2) > 0) { const char *t = a1; a1 = a2; a2 = t; }
    if (strcmp(b1, b2) > 0) { const char *t = b1; b1 = b2; b2 = t; }
    int c = strcmp(a1, b1);
    return c ? c : strcmp(a2, b2);
}
static int cmp_edge_ends(const void *x, const void *y) {
    const sg_edge *a = x, *b = y;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* ## Loading the edges: two scans that meet in the middle
 *
 * The edge table of a large graph is read by two connections at once, one
 * in ascending (a, b) order, one descending; each claims whole values of
 * 'a' under a mutex until they meet, so every edge is read exactly once and
 * the result is in (a, b) order as from one scan. Both read the same
 * snapshot: a third connection holds the write lock (BEGIN IMMEDIATE) while
 * they start their read transactions, so nothing can commit in between.
 * Whenever that is not possible (a writer is busy, the file is read-only,
 * a transaction is already open) one connection reads everything. */
typedef struct edge_scan {
    sqlite3_stmt *st;
    int rc;                   /* result of the last sqlite3_step */
    int desc;
    const int *idx;
    int64_t maxid;
    int times;                /* read first_date, last_date */
    sg_edge *e;
    size_t ne, cap;
    int nomem;
    pthread_mutex_t *mu;      /* NULL: one scan reads all */
    int64_t *lo, *hi;         /* ascending claimed a < *lo; descending a >= *hi */
} edge_scan;

static void edge_scan_run(edge_scan *sc) {
    int64_t cur = 0;
    int have = 0;
    for (; sc->rc == SQLITE_ROW; sc->rc = sqlite3_step(sc->st)) {
        int64_t a = sqlite3_column_int64(sc->st, 0), b = sqlite3_column_int64(sc->st, 1);
        if (sc->mu && (!have || a != cur)) {
            int stop;
            pthread_mutex_lock(sc->mu);
            if (!sc->desc) { stop = a >= *sc->hi; if (!stop) *sc->lo = a + 1; }
            else { stop = a < *sc->lo; if (!stop) *sc->hi = a; }
            pthread_mutex_unlock(sc->mu);
            if (stop) { sc->rc = SQLITE_DONE; break; }
            cur = a;
            have = 1;
        }
        if (a < 0 || b < 0 || a > sc->maxid || b > sc->maxid || sc->idx[a] < 0 || sc->idx[b] < 0) continue;
        if (sc->ne == sc->cap) {
            size_t cap = sc->cap ? sc->cap * 2 : 4096;
            sg_edge *p = realloc(sc->e, cap * sizeof *p);
            if (!p) { sc->nomem = 1; break; }
            sc->e = p;
            sc->cap = cap;
        }
        sg_edge *e = &sc->e[sc->ne++];
        e->a = sc->idx[a];
        e->b = sc->idx[b];
        e->windows = (long)sqlite3_column_int64(sc->st, 2);
        e->articles = (long)sqlite3_column_int64(sc->st, 3);
        e->first = sc->times ? ngg_date((const char *)sqlite3_column_text(sc->st, 4)) : 0;
        e->last = sc->times ? ngg_date((const char *)sqlite3_column_text(sc->st, 5)) : 0;
        e->npmi = 0;
    }
}

static void *edge_scan_main(void *arg) {
    edge_scan_run(arg);
    return NULL;
}

/* The second reader, opened on the snapshot of s->db (see above); NULL
 * when that cannot be arranged. s->db must be in autocommit mode; on
 * success it is left inside a read transaction (BEGIN) the caller ends. */
static sqlite3 *second_reader(ng_store *s, const char *sql, int64_t minw, sqlite3_stmt **st, int *first_rc) {
    sqlite3 *lock = NULL, *b = NULL;
    *st = NULL;
    if (!sqlite3_get_autocommit(s->db)) return NULL;
    if (sqlite3_open_v2(s->path, &lock, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(lock);
        return NULL;
    }
    /* nothing commits now: both read transactions start on the same data */
    int ok = sqlite3_exec(s->db, "BEGIN; SELECT count(*) FROM meta", NULL, NULL, NULL) == SQLITE_OK;
    if (ok && sqlite3_open_v2(s->path, &b, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_exec(b, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(b, sql, -1, st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(*st, 1, minw);
        *first_rc = sqlite3_step(*st);   /* the read transaction starts here */
        ok = *first_rc == SQLITE_ROW || *first_rc == SQLITE_DONE;
    } else {
        ok = 0;
    }
    sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(lock);
    if (!ok) {
        sqlite3_finalize(*st);
        *st = NULL;
        sqlite3_close(b);
        if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return NULL;
    }
    return b;
}

/* In (a, b) order, or the reverse. 'times': with the first and last dates. */
static const char *edge_sql(int times, int desc) {
    static const char *const sql[2][2] = {
        {"SELECT a, b, windows, articles FROM edge WHERE windows>=?1 ORDER BY a, b",
         "SELECT a, b, windows, articles FROM edge WHERE windows>=?1 ORDER BY a DESC, b DESC"},
        {"SELECT a, b, windows, articles, first_date, last_date FROM edge WHERE windows>=?1 ORDER BY a, b",
         "SELECT a, b, windows, articles, first_date, last_date FROM edge WHERE windows>=?1 ORDER BY a DESC, b DESC"}};
    return sql[times != 0][desc != 0];
}

static int subgraph_load(ng_store *s, const sg_opts *o, subgraph *g, sqlite3_stmt *bst, int brc, ng_error *err);
static int cmp_edge_b(const void *x, const void *y) {
    int a = ((const sg_edge *)x)->b, b = ((const sg_edge *)y)->b;
    return (a > b) - (a < b);
}
static int cmp_node_key(const void *x, const void *y) {
    return strcmp(((const sg_node *)x)->key, ((const sg_node *)y)->key);
}

/* Puts the nodes in entity-id (key) order and the edges in (a, b) order of
 * those indexes, a < b: what igraph sees (and so Leiden's result for a seed,
 * the tie-breaks of shortest paths) depends on the content only, not on the
 * database's row ids (a merged database numbers its rows differently from a
 * single ingest). Returns -1 when out of memory (the graph is unchanged). */
static int canonical_order(subgraph *g) {
    int sorted = 1;
    for (size_t i = 1; i < g->nn && sorted; i++) sorted = strcmp(g->n[i - 1].key, g->n[i].key) < 0;
    if (sorted) return 0;   /* edges are already in (a, b) order of the same indexes */
    int *perm = malloc((g->nn ? g->nn : 1) * sizeof *perm);
    size_t *off = calloc(g->nn + 1, sizeof *off);
    sg_edge *e2 = malloc((g->ne ? g->ne : 1) * sizeof *e2);
    if (!perm || !off || !e2) { free(perm); free(off); free(e2); return -1; }
    /* the old index travels in 'id's place while sorting: ids are unique */
    int64_t *ids = malloc((g->nn ? g->nn : 1) * sizeof *ids);
    if (!ids) { free(perm); free(off); free(e2); return -1; }
    for (size_t i = 0; i < g->nn; i++) { ids[i] = g->n[i].id; g->n[i].id = (int64_t)i; }
    qsort(g->n, g->nn, sizeof *g->n, cmp_node_key);
    for (size_t i = 0; i < g->nn; i++) { perm[g->n[i].id] = (int)i; g->n[i].id = ids[g->n[i].id]; }
    free(ids);
    /* counting sort of the edges by their new first end, then by the second */
    for (size_t i = 0; i < g->ne; i++) {
        sg_edge *e = &g->e[i];
        int a = perm[e->a], b = perm[e->b];
        e->a = a < b ? a : b;
        e->b = a < b ? b : a;
        off[e->a + 1]++;
    }
    for (size_t i = 0; i < g->nn; i++) off[i + 1] += off[i];
    for (size_t i = 0; i < g->ne; i++) e2[off[g->e[i].a]++] = g->e[i];
    for (size_t lo = 0, i = 0; i <= g->ne; i++)
        if (i == g->ne || (i > lo && e2[i].a != e2[lo].a)) {
            if (i - lo > 1) qsort(e2 + lo, i - lo, sizeof *e2, cmp_edge_b);
            lo = i;
        }
    free(g->e);
    g->e = e2;
    free(perm);
    free(off);
    return 0;
}


int ngg_subgraph_load(ng_store *s, const sg_opts *o, subgraph *g, ng_error *err) {
    const ng_filter *f = o->filter;
    int dated = f && ((f->since && *f->since) || (f->until && *f->until));
    sqlite3 *b = NULL;
    sqlite3_stmt *bst = NULL;
    int brc = SQLITE_DONE, began = 0;
    /* nodes and edges come from one snapshot */
    if (sqlite3_get_autocommit(s->db)) {
        if (!dated) b = second_reader(s, edge_sql(!o->counts_only, 1), o->min_weight > 0 ? o->min_weight : 1, &bst, &brc);
        began = b || sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    }
    int rc = subgraph_load(s, o, g, bst, brc, err);
    sqlite3_finalize(bst);
    sqlite3_close(b);
    if (began) sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

/* bst: the descending scan of the second reader (first step's result in
 * brc), or NULL. */
/* Phase 1: the nodes (entities seen, in the date range when 'dated'), in
 * id order; *maxid the largest id. */
static int load_nodes(ng_store *s, const sg_opts *o, subgraph *g, int dated, const char *lo, const char *hi,
                      int64_t *maxid, ng_error *err) {
    const ng_filter *f = o->filter;
    sqlite3_stmt *st;
    int rc;
    if (!dated) {
        g->total_windows = (long)ngg_meta_int(s, "windows", 0);
        rc = ngg_prepare(s, "SELECT id, key, type, name, mentions, articles, windows, first_seen, last_seen"
                            " FROM entity WHERE articles > 0 ORDER BY id", &st, err);
    } else {
        rc = ngg_prepare(s, "SELECT coalesce(sum(windows),0) FROM article WHERE published>=?1 AND published<=?2", &st, err);
        if (rc) return rc;
        sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
        g->total_windows = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        rc = ngg_prepare(s,
            "SELECT e.id, e.key, e.type, e.name, x.mentions, x.articles, x.windows, x.f, x.l FROM"
            " (SELECT m.entity AS id, count(*) AS mentions, count(DISTINCT m.article) AS articles,"
            "   count(DISTINCT m.article * 4294967296 + m.win) AS windows, min(ar.published) AS f, max(ar.published) AS l"
            "   FROM mention m JOIN article ar ON ar.id=m.article WHERE ar.published>=?1 AND ar.published<=?2"
            "   GROUP BY m.entity) x JOIN entity e ON e.id=x.id ORDER BY e.id", &st, err);
        if (!rc) {
            sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
        }
    }
    if (rc) return rc;
    size_t cap = 1024;
    g->n = malloc(cap * sizeof *g->n);
    *maxid = 0;
    while (g->n && sqlite3_step(st) == SQLITE_ROW) {
        const char *type = ngg_col_text(st, 2);
        /* the ego's centre stays whatever its type: its neighbours are filtered */
        if (o->types_on_graph && f && !ngg_type_ok(f->types, type) && sqlite3_column_int64(st, 0) != o->ego) continue;
        if (g->nn == cap) {
            cap *= 2;
            sg_node *p = realloc(g->n, cap * sizeof *p);
            if (!p) { free(g->n); g->n = NULL; break; }
            g->n = p;
        }
        sg_node *v = &g->n[g->nn++];
        memset(v, 0, sizeof *v);
        v->id = sqlite3_column_int64(st, 0);
        v->key = strdup(ngg_col_text(st, 1));
        v->type = strdup(type);
        v->name = strdup(ngg_col_text(st, 3));
        v->mentions = (long)sqlite3_column_int64(st, 4);
        v->articles = (long)sqlite3_column_int64(st, 5);
        v->windows = (long)sqlite3_column_int64(st, 6);
        v->first = ngg_date((const char *)sqlite3_column_text(st, 7));
        v->last = ngg_date((const char *)sqlite3_column_text(st, 8));
        if (v->id > *maxid) *maxid = v->id;
    }
    sqlite3_finalize(st);
    if (!g->n) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    return NG_OK;
}

/* Phase 2: the edges with at least o->min_weight windows between the nodes,
 * scanned upwards on this thread and downwards (bst, first step brc) on
 * another when given; their npmi. */
static int load_edges(ng_store *s, const sg_opts *o, subgraph *g, int dated, const char *lo, const char *hi,
                      int64_t maxid, sqlite3_stmt *bst, int brc, ng_error *err) {
    sqlite3_stmt *st;
    int rc;
    int *idx = malloc((size_t)(maxid + 1) * sizeof *idx);
    if (!idx) { ngg_subgraph_free(g); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    for (int64_t i = 0; i <= maxid; i++) idx[i] = -1;
    for (size_t i = 0; i < g->nn; i++) idx[g->n[i].id] = (int)i;
    long minw = o->min_weight > 0 ? o->min_weight : 1;
    if (!dated) {
        rc = ngg_prepare(s, edge_sql(!o->counts_only, 0), &st, err);
        if (!rc) sqlite3_bind_int64(st, 1, minw);
    } else {
        rc = ngg_prepare(s,
            "SELECT a, b, count(*) AS windows, count(DISTINCT art), min(pub), max(pub) FROM"
            " (SELECT DISTINCT ma.article AS art, ma.win, ma.entity AS a, mb.entity AS b, ar.published AS pub"
            "  FROM article ar JOIN mention ma ON ma.article=ar.id"
            "  JOIN mention mb ON mb.article=ma.article AND mb.win=ma.win AND mb.entity>ma.entity"
            "  WHERE ar.published>=?2 AND ar.published<=?3)"
            " GROUP BY a, b HAVING count(*)>=?1", &st, err);
        if (!rc) {
            sqlite3_bind_int64(st, 1, minw);
            sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
        }
    }
    if (rc) { free(idx); ngg_subgraph_free(g); return rc; }
    edge_scan up = {.st = st, .idx = idx, .maxid = maxid, .times = dated || !o->counts_only};
    edge_scan down = up;
    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    int64_t claim_lo = INT64_MIN, claim_hi = INT64_MAX;
    pthread_t tid;
    int threaded = 0;
    up.rc = sqlite3_step(st);
    if (bst) {
        down.st = bst;
        down.rc = brc;
        down.desc = 1;
        up.mu = down.mu = &mu;
        up.lo = down.lo = &claim_lo;
        up.hi = down.hi = &claim_hi;
        threaded = pthread_create(&tid, NULL, edge_scan_main, &down) == 0;
    }
    edge_scan_run(&up);
    if (threaded) pthread_join(tid, NULL);
    else if (bst) edge_scan_run(&down);   /* no thread: it finds everything claimed */
    int read_err = (up.rc != SQLITE_DONE && !up.nomem) || (bst && down.rc != SQLITE_DONE && !down.nomem);
    sqlite3_finalize(st);
    free(idx);
    /* the descending part, reversed, follows the ascending one */
    if (!up.nomem && !down.nomem && down.ne) {
        sg_edge *p = realloc(up.e, (up.ne + down.ne) * sizeof *p);
        if (!p) up.nomem = 1;
        else {
            up.e = p;
            for (size_t i = 0; i < down.ne; i++) up.e[up.ne + i] = down.e[down.ne - 1 - i];
            up.ne += down.ne;
        }
    }
    free(down.e);
    g->e = up.e;
    g->ne = up.ne;
    if (up.nomem || down.nomem) { ngg_subgraph_free(g); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    if (read_err) { ngg_subgraph_free(g); return ng_error_set(err, NG_E_DB, NULL, 0, 0, "reading the edges failed"); }
    for (size_t i = 0; i < g->ne; i++) {
        sg_edge *e = &g->e[i];
        if (o->counts_only) { e->npmi = 0; continue; }
        e->npmi = ngg_npmi(e->windows, g->n[e->a].windows, g->n[e->b].windows, g->total_windows, NULL);
    }
    return NG_OK;
}

/* Phase 3: the ego network: the edges within o->depth hops of node o->ego
 * (the root is marked degree -1, to stay even when isolated). */
static int keep_ego(const sg_opts *o, subgraph *g) {
    int root = -1;
    for (size_t i = 0; i < g->nn; i++) if (g->n[i].id == o->ego) { root = (int)i; break; }
    int *dist = malloc(g->nn * sizeof *dist);
    int *queue = malloc(g->nn * sizeof *queue);
    /* adjacency via CSR */
    size_t *off = calloc(g->nn + 1, sizeof *off);
    int *adj = malloc((2 * g->ne + 1) * sizeof *adj);
    if (!dist || !queue || !off || !adj) {
        free(dist); free(queue); free(off); free(adj);
        return NG_E_NOMEM;
    }
    for (size_t i = 0; i < g->ne; i++) { off[g->e[i].a + 1]++; off[g->e[i].b + 1]++; }
    for (size_t i = 0; i < g->nn; i++) off[i + 1] += off[i];
    size_t *pos = malloc((g->nn + 1) * sizeof *pos);
    if (pos) {
        memcpy(pos, off, (g->nn + 1) * sizeof *pos);
        for (size_t i = 0; i < g->ne; i++) { adj[pos[g->e[i].a]++] = g->e[i].b; adj[pos[g->e[i].b]++] = g->e[i].a; }
        free(pos);
    }
    for (size_t i = 0; i < g->nn; i++) dist[i] = -1;
    size_t qh = 0, qt = 0;
    if (root >= 0) { dist[root] = 0; queue[qt++] = root; }
    int depth = o->depth > 0 ? o->depth : 1;
    while (qh < qt) {
        int v = queue[qh++];
        if (dist[v] >= depth) continue;
        for (size_t k = off[v]; k < off[v + 1]; k++)
            if (dist[adj[k]] < 0) { dist[adj[k]] = dist[v] + 1; queue[qt++] = adj[k]; }
    }
    free(queue); free(off); free(adj);
    size_t k = 0;
    for (size_t i = 0; i < g->ne; i++)
        if (dist[g->e[i].a] >= 0 && dist[g->e[i].b] >= 0) g->e[k++] = g->e[i];
    g->ne = k;
    /* keep the root even if isolated */
    if (root >= 0) g->n[root].degree = -1;
    free(dist);
    return NG_OK;
}

/* Phase 4: the o->top_edges strongest edges. */
static void keep_top_edges(const sg_opts *o, subgraph *g) {
    if (o->top_edges <= 0 || (size_t)o->top_edges >= g->ne) return;
    qsort_r(g->e, g->ne, sizeof *g->e, cmp_edge_weight, g);
    g->ne = (size_t)o->top_edges;
    qsort(g->e, g->ne, sizeof *g->e, cmp_edge_ends);
}

/* Phase 5: drop the nodes without a kept edge (the ego root stays). */
static int drop_isolated(subgraph *g) {

    char *keep = calloc(g->nn ? g->nn : 1, 1);
    int *map = malloc((g->nn ? g->nn : 1) * sizeof *map);
    if (!keep || !map) { free(keep); free(map); return NG_E_NOMEM; }
    for (size_t i = 0; i < g->ne; i++) keep[g->e[i].a] = keep[g->e[i].b] = 1;
    for (size_t i = 0; i < g->nn; i++) if (g->n[i].degree == -1) keep[i] = 1;
    size_t k = 0;
    for (size_t i = 0; i < g->nn; i++) {
        if (keep[i]) { map[i] = (int)k; g->n[k++] = g->n[i]; }
        else { map[i] = -1; free(g->n[i].key); free(g->n[i].type); free(g->n[i].name); }
    }
    g->nn = k;
    for (size_t i = 0; i < g->ne; i++) { g->e[i].a = map[g->e[i].a]; g->e[i].b = map[g->e[i].b]; }
    free(keep); free(map);
    return NG_OK;
}

/* The ego's centre when the date range left it out (no mention there): it
 * stays, alone and with counts of zero, as the ego picture draws it (and as
 * it stays whatever its type). Kept in id order. */
static int add_centre(ng_store *s, const sg_opts *o, subgraph *g, int64_t *maxid, ng_error *err) {
    size_t at = 0;
    while (at < g->nn && g->n[at].id < o->ego) at++;
    if (at < g->nn && g->n[at].id == o->ego) return NG_OK;
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, "SELECT key, type, name FROM entity WHERE id=?", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, o->ego);
    if (sqlite3_step(st) == SQLITE_ROW) {
        sg_node *p = realloc(g->n, (g->nn + 1) * sizeof *p);
        if (!p) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        else {
            g->n = p;
            memmove(p + at + 1, p + at, (g->nn - at) * sizeof *p);
            g->nn++;
            sg_node *v = &p[at];
            memset(v, 0, sizeof *v);
            v->id = o->ego;
            v->key = strdup(ngg_col_text(st, 0));
            v->type = strdup(ngg_col_text(st, 1));
            v->name = strdup(ngg_col_text(st, 2));
            if (!v->key || !v->type || !v->name) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
            if (v->id > *maxid) *maxid = v->id;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int subgraph_load(ng_store *s, const sg_opts *o, subgraph *g, sqlite3_stmt *bst, int brc, ng_error *err) {
    memset(g, 0, sizeof *g);
    const ng_filter *f = o->filter;
    int dated = f && ((f->since && *f->since) || (f->until && *f->until));
    const char *lo = dated && f->since && *f->since ? f->since : "";
    const char *hi = dated && f->until && *f->until ? f->until : "9999-99-99";
    int64_t maxid;
    int rc = load_nodes(s, o, g, dated, lo, hi, &maxid, err);
    if (!rc && o->ego >= 0 && (rc = add_centre(s, o, g, &maxid, err))) ngg_subgraph_free(g);
    if (!rc) rc = load_edges(s, o, g, dated, lo, hi, maxid, bst, brc, err);
    if (rc) return rc;
    long minw = o->min_weight > 0 ? o->min_weight : 1;
    int edge_filter = o->drop_isolated || o->top_edges > 0 || o->ego >= 0 || minw > 1;
    if (o->ego >= 0 && keep_ego(o, g)) { ngg_subgraph_free(g); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    keep_top_edges(o, g);
    if (edge_filter && drop_isolated(g)) { ngg_subgraph_free(g); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    for (size_t i = 0; i < g->nn; i++) g->n[i].degree = 0;
    return canonical_order(g) ? ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL) : NG_OK;
}

/* Builds the igraph graph and the weight vector (edge windows). */
static int build_igraph(const subgraph *g, igraph_t *ig, igraph_vector_t *w) {
    igraph_vector_int_t ev;
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * g->ne))) return -1;
    for (size_t i = 0; i < g->ne; i++) {
        VECTOR(ev)[2 * i] = g->e[i].a;
        VECTOR(ev)[2 * i + 1] = g->e[i].b;
    }
    if (igraph_create(ig, &ev, (igraph_integer_t)g->nn, IGRAPH_UNDIRECTED)) { igraph_vector_int_destroy(&ev); return -1; }
    igraph_vector_int_destroy(&ev);
    if (igraph_vector_init(w, (igraph_integer_t)g->ne)) { igraph_destroy(ig); return -1; }
    for (size_t i = 0; i < g->ne; i++) VECTOR(*w)[i] = (double)g->e[i].windows;
    return 0;
}

int ngg_subgraph_centrality(subgraph *g, int want_pr, ng_error *err) {
    for (size_t i = 0; i < g->nn; i++) { g->n[i].degree = 0; g->n[i].strength = 0; g->n[i].pagerank = 0; }
    for (size_t i = 0; i < g->ne; i++) {
        sg_edge *e = &g->e[i];
        g->n[e->a].degree++; g->n[e->b].degree++;
        g->n[e->a].strength += (double)e->windows; g->n[e->b].strength += (double)e->windows;
    }
    if (!want_pr || !g->nn) return NG_OK;
    ig_guard gd = ig_enter();
    igraph_t ig; igraph_vector_t w, pr;
    int rc = NG_OK;
    if (build_igraph(g, &ig, &w)) { ig_leave(gd); return ig_fail(err, "building the graph"); }
    if (igraph_vector_init(&pr, 0)) rc = ig_fail(err, "pagerank");
    else {
        igraph_real_t val;
        if (igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &val, igraph_vss_all(), IGRAPH_UNDIRECTED, 0.85,
                            g->ne ? &w : NULL, NULL))
            rc = ig_fail(err, "pagerank");
        else
            for (size_t i = 0; i < g->nn; i++) g->n[i].pagerank = VECTOR(pr)[i];
        igraph_vector_destroy(&pr);
    }
    igraph_vector_destroy(&w);
    igraph_destroy(&ig);
    ig_leave(gd);
    return rc;
}

/* ## top */

static const subgraph *sort_g;
static const double *sort_score;
static int cmp_score(const void *x, const void *y) {
    int a = *(const int *)x, b = *(const int *)y;
    if (sort_score[a] != sort_score[b]) return sort_score[a] > sort_score[b] ? -1 : 1;
    return strcmp(sort_g->n[a].key, sort_g->n[b].key);
}

static double round6(double x) { return round(x * 1e6) / 1e6; }

int ng_query_top(ng_store *s, const char *by, const ng_filter *f, int n, json_t **out, ng_error *err) {
    ng_top_opts o = {.by = by, .filter = f, .n = n};
    return ng_query_top_ex(s, &o, out, err);
}

/* Betweenness (lengths 1/count) into score[]: from every source, or from a
 * sample of 'k' sources scaled by nn/k. */
static int betweenness(const subgraph *g, long k, const ng_top_opts *to, double *score, ng_error *err) {
    int rc = NG_OK;
    ig_guard gd = ig_enter();
    igraph_t ig; igraph_vector_t w, bt;
    if (build_igraph(g, &ig, &w)) { ig_leave(gd); return ig_fail(err, "building the graph"); }
    for (size_t i = 0; i < g->ne; i++) VECTOR(w)[i] = 1.0 / VECTOR(w)[i];
    long nn = (long)g->nn;
    int *pick = malloc((size_t)nn * sizeof *pick);
    igraph_vector_int_t src;
    if (!pick || igraph_vector_init(&bt, 0)) { free(pick); rc = ig_fail(err, "betweenness"); goto out; }
    if (igraph_vector_int_init(&src, 0)) { igraph_vector_destroy(&bt); free(pick); rc = ig_fail(err, "betweenness"); goto out; }
    for (long i = 0; i < nn; i++) { pick[i] = (int)i; score[i] = 0; }
    /* a fixed pseudo-random sample (Fisher-Yates with a fixed xorshift seed) */
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (long i = 0; i < k; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        long j = i + (long)(x % (uint64_t)(nn - i));
        int t = pick[i]; pick[i] = pick[j]; pick[j] = t;
    }
    long chunk = k / 20 > 0 ? k / 20 : 1;
    for (long done = 0; !rc && done < k; done += chunk) {
        long m = k - done < chunk ? k - done : chunk;
        if (igraph_vector_int_resize(&src, m)) { rc = ig_fail(err, "betweenness"); break; }
        for (long i = 0; i < m; i++) VECTOR(src)[i] = pick[done + i];
        igraph_vs_t vs;
        igraph_vs_vector(&vs, &src);
        if (igraph_betweenness_subset(&ig, &bt, igraph_vss_all(), IGRAPH_UNDIRECTED, vs, igraph_vss_all(), g->ne ? &w : NULL)) {
            rc = ig_fail(err, "betweenness");
            break;
        }
        for (long i = 0; i < nn; i++) score[i] += VECTOR(bt)[i];
        if (to->progress) to->progress(done + m, k, to->progress_ud);
    }
    /* with every node a source this is igraph_betweenness exactly */
    double scale = k < nn ? (double)nn / (double)k : 1.0;
    for (long i = 0; i < nn; i++) score[i] *= scale;
    igraph_vector_int_destroy(&src);
    igraph_vector_destroy(&bt);
    free(pick);
out:
    igraph_vector_destroy(&w);
    igraph_destroy(&ig);
    ig_leave(gd);
    return rc;
}

int ng_query_top_ex(ng_store *s, const ng_top_opts *to, json_t **out, ng_error *err) {
    *out = NULL;
    const char *by = to->by;
    const ng_filter *f = to->filter;
    int n = to->n;
    if (!by || !*by) by = "degree";
    int mode;
    if (!strcmp(by, "degree")) mode = 0;
    else if (!strcmp(by, "strength")) mode = 1;
    else if (!strcmp(by, "pagerank")) mode = 2;
    else if (!strcmp(by, "betweenness")) mode = 3;
    else if (!strcmp(by, "mentions")) mode = 4;
    else return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown --by '%s' (degree, strength, pagerank, betweenness, mentions)", by);
    subgraph g;
    sg_opts o = {.filter = f, .types_on_graph = 0, .min_weight = 1, .ego = -1, .counts_only = 1};
    int rc = ngg_subgraph_load(s, &o, &g, err);
    if (rc) return rc;
    rc = ngg_subgraph_centrality(&g, mode == 2, err);
    double *score = malloc((g.nn ? g.nn : 1) * sizeof *score);
    if (!rc && !score) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    long nsrc = (long)g.nn;
    if (!rc) {
        for (size_t i = 0; i < g.nn; i++)
            score[i] = mode == 0 ? (double)g.n[i].degree : mode == 1 ? g.n[i].strength
                     : mode == 2 ? g.n[i].pagerank : mode == 4 ? (double)g.n[i].mentions : 0;
        if (mode == 3 && g.nn) {
            double work = (double)g.nn * (double)(g.ne + g.nn);
            if (to->sources > 0) nsrc = to->sources < nsrc ? to->sources : nsrc;
            else if (to->sources == 0 && work > NG_BETWEENNESS_EXACT_WORK) {
                double kk = NG_BETWEENNESS_SAMPLE_WORK / (double)(g.ne + g.nn);
                long want = kk < 50 ? 50 : kk > (double)nsrc ? nsrc : (long)kk;
                if (want < nsrc) nsrc = want;
            }
            rc = betweenness(&g, nsrc, to, score, err);
        }
    }
    if (!rc) {
        int *ord = malloc((g.nn ? g.nn : 1) * sizeof *ord);
        size_t k = 0;
        for (size_t i = 0; ord && i < g.nn; i++)
            if (!f || ngg_type_ok(f->types, g.n[i].type)) ord[k++] = (int)i;
        sort_g = &g; sort_score = score;
        qsort(ord, k, sizeof *ord, cmp_score);
        json_t *arr = json_array();
        for (size_t i = 0; i < k && (n <= 0 || (int)i < n); i++) {
            const sg_node *v = &g.n[ord[i]];
            json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:f,s:I,s:f,s:I,s:I}", "id", v->key, "name", v->name,
                                                 "type", v->type, "score", round6(score[ord[i]]),
                                                 "degree", (json_int_t)v->degree, "strength", v->strength,
                                                 "mentions", (json_int_t)v->mentions, "articles", (json_int_t)v->articles));
        }
        free(ord);
        *out = json_pack("{s:s,s:I,s:I,s:o}", "by", by, "nodes", (json_int_t)g.nn, "edges", (json_int_t)g.ne, "entities", arr);
        if (mode == 3)
            json_object_set_new(*out, "betweenness", json_pack("{s:s,s:I,s:I}", "method", (size_t)nsrc < g.nn ? "sampled" : "exact",
                                                               "sources", (json_int_t)nsrc, "nodes", (json_int_t)g.nn));
    }
    free(score);
    ngg_subgraph_free(&g);
    return rc;
}

/* ## path */

int ng_query_path(ng_store *s, const char *a, const char *b, const ng_filter *f, int evidence_per_hop,
                  json_t **out, ng_error *err) {
    *out = NULL;
    int64_t x, y;
    int rc = ngg_lookup(s, a, &x, err);
    if (!rc) rc = ngg_lookup(s, b, &y, err);
    if (!rc && x == y) rc = ngg_same_entity(s, a, b, x, err);
    if (rc) return rc;
    subgraph g;
    sg_opts o = {.filter = f, .types_on_graph = 0, .min_weight = 1, .ego = -1};
    if ((rc = ngg_subgraph_load(s, &o, &g, err))) return rc;
    int from = -1, to = -1;
    for (size_t i = 0; i < g.nn; i++) {
        if (g.n[i].id == x) from = (int)i;
        if (g.n[i].id == y) to = (int)i;
    }
    if (from < 0 || to < 0) { ngg_subgraph_free(&g); return ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no connection between '%s' and '%s'", a, b); }
    ig_guard gd = ig_enter();
    igraph_t ig; igraph_vector_t w;
    igraph_vector_int_t vs, es;
    int built = 0, ivs = 0;
    if (build_igraph(&g, &ig, &w)) rc = ig_fail(err, "building the graph");
    else {
        built = 1;
        for (size_t i = 0; i < g.ne; i++) VECTOR(w)[i] = 1.0 / VECTOR(w)[i];
        if (igraph_vector_int_init(&vs, 0) || igraph_vector_int_init(&es, 0)) rc = ig_fail(err, "path");
        else {
            ivs = 1;
            if (igraph_get_shortest_path_dijkstra(&ig, &vs, &es, from, to, g.ne ? &w : NULL, IGRAPH_ALL)) rc = ig_fail(err, "path");
        }
    }
    ig_leave(gd);
    if (!rc && (igraph_vector_int_size(&vs) == 0 || (from != to && igraph_vector_int_size(&es) == 0)))
        rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no connection between '%s' and '%s'", a, b);
    if (!rc) {
        json_t *hops = json_array();
        double total = 0;
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&es); i++) {
            igraph_integer_t e = VECTOR(es)[i];
            int u = (int)VECTOR(vs)[i], v = (int)VECTOR(vs)[i + 1];
            const sg_edge *ed = &g.e[e];
            total += VECTOR(w)[e];
            json_t *ev = json_array();
            ngg_evidence(s, g.n[u].id, g.n[v].id, f, evidence_per_hop >= 0 ? evidence_per_hop : 1, ev, NULL, NULL);
            json_t *hop = json_pack("{s:o,s:o,s:I,s:I,s:f,s:f,s:o}", "a", ngg_entity_brief(s, g.n[u].id),
                                    "b", ngg_entity_brief(s, g.n[v].id), "count", (json_int_t)ed->windows,
                                    "articles", (json_int_t)ed->articles, "npmi", round6(ed->npmi),
                                    "length", round6(VECTOR(w)[e]), "evidence", ev);
            json_array_append_new(hops, hop);
        }
        *out = json_pack("{s:o,s:o,s:f,s:I,s:o}", "from", ngg_entity_brief(s, x), "to", ngg_entity_brief(s, y),
                         "length", round6(total), "hops_count", (json_int_t)json_array_size(hops), "hops", hops);
    }
    if (ivs) { igraph_vector_int_destroy(&vs); igraph_vector_int_destroy(&es); }
    if (built) { igraph_vector_destroy(&w); igraph_destroy(&ig); }
    ngg_subgraph_free(&g);
    return rc;
}

typedef struct comm { int id; long size; double strength; int *members; size_t nm; } comm;
static int cmp_comm(const void *x, const void *y) {
    const comm *a = x, *b = y;
    if (a->strength != b->strength) return a->strength > b->strength ? -1 : 1;
    if (a->size != b->size) return a->size > b->size ? -1 : 1;
    return a->id - b->id;
}
static const subgraph *mem_g;
static int cmp_member(const void *x, const void *y) {
    const sg_node *a = &mem_g->n[*(const int *)x], *b = &mem_g->n[*(const int *)y];
    if (a->strength != b->strength) return a->strength > b->strength ? -1 : 1;
    return strcmp(a->key, b->key);
}

int ng_query_communities(ng_store *s, const ng_communities_opts *o2, json_t **out, ng_error *err) {
    *out = NULL;
    ng_communities_opts dflt = {0};
    if (!o2) o2 = &dflt;
    double resolution = o2->resolution > 0 ? o2->resolution : 1.0;
    unsigned long seed = o2->seed;
    int max_communities = o2->max_communities, max_members = o2->max_members;
    subgraph g;
    sg_opts o = {.filter = &o2->filter, .types_on_graph = 1, .min_weight = o2->min_count > 0 ? o2->min_count : 1,
                 .ego = -1, .drop_isolated = 1, .counts_only = 1};
    int rc = ngg_subgraph_load(s, &o, &g, err);
    if (rc) return rc;
    ngg_subgraph_centrality(&g, 0, err);
    /* igraph's Leiden on modularity: node weights = strength, resolution
     * scaled by 1/(2W) (anchors-graph.md); seeded for a deterministic result */
    int iterations = o2->iterations > 0 ? o2->iterations : 1;
    int *memb = malloc((g.nn ? g.nn : 1) * sizeof *memb);
    igraph_integer_t nc = 0;
    double modularity = 0;
    if (!memb) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    if (!rc && g.nn) {
        ig_guard gd = ig_enter();
        igraph_t ig;
        igraph_vector_t w, str;
        igraph_vector_int_t vm;
        igraph_real_t quality = 0, mod = 0;
        if (build_igraph(&g, &ig, &w)) {
            rc = ig_fail(err, "building the graph");
        } else {
            double W = 0;
            for (size_t i = 0; i < g.ne; i++) W += VECTOR(w)[i];
            if (igraph_vector_init(&str, (igraph_integer_t)g.nn) || igraph_vector_int_init(&vm, 0)) {
                rc = ig_fail(err, "communities");
            } else {
                for (size_t i = 0; i < g.nn; i++) VECTOR(str)[i] = g.n[i].strength;
                igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
                if (igraph_community_leiden(&ig, &w, &str, resolution / (2.0 * (W > 0 ? W : 1)), 0.01, 0,
                                            iterations, &vm, &nc, &quality))
                    rc = ig_fail(err, "leiden");
                else if (igraph_modularity(&ig, &vm, &w, resolution, IGRAPH_UNDIRECTED, &mod))
                    rc = ig_fail(err, "modularity");
                if (!rc) {
                    for (size_t i = 0; i < g.nn; i++) memb[i] = (int)VECTOR(vm)[i];
                    modularity = mod;
                }
                igraph_vector_destroy(&str);
                igraph_vector_int_destroy(&vm);
            }
            igraph_vector_destroy(&w);
            igraph_destroy(&ig);
        }
        ig_leave(gd);
    }
    if (!rc) {
        comm *c = calloc((size_t)(nc > 0 ? nc : 1), sizeof *c);
        for (igraph_integer_t i = 0; i < nc; i++) c[i].id = (int)i;
        for (size_t i = 0; i < g.nn; i++) { comm *k = &c[memb[i]]; k->size++; k->strength += g.n[i].strength; }
        for (igraph_integer_t i = 0; i < nc; i++) c[i].members = malloc((size_t)(c[i].size ? c[i].size : 1) * sizeof(int));
        for (size_t i = 0; i < g.nn; i++) { comm *k = &c[memb[i]]; k->members[k->nm++] = (int)i; }
        qsort(c, (size_t)nc, sizeof *c, cmp_comm);
        mem_g = &g;
        json_t *arr = json_array();
        for (igraph_integer_t i = 0; i < nc; i++) {
            if (max_communities <= 0 || i < max_communities) {
                qsort(c[i].members, c[i].nm, sizeof(int), cmp_member);
                json_t *ms = json_array();
                for (size_t j = 0; j < c[i].nm && (max_members <= 0 || (int)j < max_members); j++) {
                    const sg_node *v = &g.n[c[i].members[j]];
                    json_array_append_new(ms, json_pack("{s:s,s:s,s:s,s:f}", "id", v->key, "name", v->name,
                                                        "type", v->type, "strength", v->strength));
                }
                json_array_append_new(arr, json_pack("{s:I,s:I,s:f,s:o}", "id", (json_int_t)(i + 1), "size", (json_int_t)c[i].size,
                                                     "strength", c[i].strength, "members", ms));
            }
            free(c[i].members);
        }
        free(c);
        *out = json_pack("{s:s,s:I,s:f,s:I,s:I,s:f,s:I,s:I,s:I,s:o}", "algorithm", "leiden", "seed", (json_int_t)seed,
                         "resolution", resolution, "iterations", (json_int_t)iterations,
                         "min_count", (json_int_t)o.min_weight, "modularity", round6(modularity), "count", (json_int_t)nc,
                         "nodes", (json_int_t)g.nn, "edges", (json_int_t)g.ne, "communities", arr);
    }
    free(memb);
    ngg_subgraph_free(&g);
    return rc;
}
