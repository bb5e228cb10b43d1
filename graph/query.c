/* Queries answered from SQLite alone: neighbours, evidence, the entity
 * card, statistics (the lookup of ENTITY arguments is in lookup.c). */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "internal.h"

#define DATE_LO(f) ((f) && (f)->since && *(f)->since ? (f)->since : "")
#define DATE_HI(f) ((f) && (f)->until && *(f)->until ? (f)->until : "9999-99-99")
#define HAS_DATES(f) ((f) && (((f)->since && *(f)->since) || ((f)->until && *(f)->until)))

/* The statements of the views a server answers most (entity card,
 * neighbours, evidence) are the connection's cached ones (ngg_stmt, reset
 * by ngg_done): preparing them took a tenth of an entity card's time. */
json_t *ngg_entity_brief(ng_store *s, int64_t rowid) {
    static const char q[] = "SELECT key, name, type FROM entity WHERE id=?";
    sqlite3_stmt *st;
    json_t *o = NULL;
    if (ngg_stmt(s, q, &st, NULL)) return json_object();
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) == SQLITE_ROW)
        o = json_pack("{s:s,s:s,s:s}", "id", ngg_col_text(st, 0), "name", ngg_col_text(st, 1), "type", ngg_col_text(st, 2));
    ngg_done(st);
    return o ? o : json_object();
}

/* ## Neighbours */

typedef struct nrow {
    int64_t id;
    char *key, *name, *type;
    long windows, articles, ewin;
    char first[11], last[11];
    double npmi, pmi;
} nrow;

/* qsort_r order of neighbour rows; 'mode' points to 0 count, 1 articles,
 * 2 npmi, 3 pmi (an argument, not a static: threads sort at once). */
static int cmp_nrow(const void *x, const void *y, void *mode) {
    const nrow *a = x, *b = y;
    double ka, kb;
    switch (*(const int *)mode) {
    case 1: ka = (double)a->articles; kb = (double)b->articles; break;
    case 2: ka = a->npmi; kb = b->npmi; break;
    case 3: ka = a->pmi; kb = b->pmi; break;
    default: ka = (double)a->windows; kb = (double)b->windows; break;
    }
    if (ka != kb) return ka > kb ? -1 : 1;
    if (a->windows != b->windows) return a->windows > b->windows ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void copy_date(char dst[11], const char *src) {
    snprintf(dst, 11, "%s", src ? src : "");
}

/* Collects every neighbour row of 'x'. */
static int neighbor_rows(ng_store *s, int64_t x, const ng_filter *f, long min_count, long cut,
                         nrow **out, size_t *nout, long *xwin, long *total, ng_error *err) {
    sqlite3_stmt *st;
    int rc;
    size_t n = 0, cap = 256;
    nrow *r = malloc(cap * sizeof *r);
    if (!r) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    int dated = HAS_DATES(f);
    if (!dated) {
        *total = (long)ngg_meta_int(s, "windows", 0);
        /* cached statements: an ego network asks this for many entities */
        static const char win_sql[] = "SELECT windows FROM entity WHERE id=?";
        rc = ngg_stmt(s, win_sql, &st, err);
        if (rc) { free(r); return rc; }
        sqlite3_bind_int64(st, 1, x);
        *xwin = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
        ngg_done(st);
        /* when only the strongest 'cut' rows by count are wanted, find the
         * (windows, articles) of the cut-th row first and read only the rows
         * at or above it (ties included), so hubs stay fast */
        long wmin = min_count, amin = 0;
        if (cut > 0) {
            static const char cut_sql[] =
                "SELECT windows, articles FROM (SELECT windows, articles FROM edge WHERE a=?1 AND windows>=?2"
                " UNION ALL SELECT windows, articles FROM edge WHERE b=?1 AND windows>=?2)"
                " ORDER BY windows DESC, articles DESC LIMIT 1 OFFSET ?3";
            rc = ngg_stmt(s, cut_sql, &st, err);
            if (rc) { free(r); return rc; }
            sqlite3_bind_int64(st, 1, x);
            sqlite3_bind_int64(st, 2, min_count);
            sqlite3_bind_int64(st, 3, cut - 1);
            if (sqlite3_step(st) == SQLITE_ROW) {
                wmin = (long)sqlite3_column_int64(st, 0);
                amin = (long)sqlite3_column_int64(st, 1);
            }
            ngg_done(st);
        }
        static const char rows_sql[] =
            "SELECT e.id, e.key, e.name, e.type, g.windows, g.articles, g.first_date, g.last_date, e.windows FROM"
            " (SELECT b AS o, windows, articles, first_date, last_date FROM edge WHERE a=?1 AND windows>=?2"
            "  UNION ALL SELECT a, windows, articles, first_date, last_date FROM edge WHERE b=?1 AND windows>=?2) g"
            " JOIN entity e ON e.id=g.o WHERE g.windows>?2 OR g.articles>=?3";
        rc = ngg_stmt(s, rows_sql, &st, err);
        if (rc) { free(r); return rc; }
        sqlite3_bind_int64(st, 1, x);
        sqlite3_bind_int64(st, 2, wmin);
        sqlite3_bind_int64(st, 3, amin);
    } else {
        const char *lo = DATE_LO(f), *hi = DATE_HI(f);
        rc = ngg_prepare(s, "SELECT coalesce(sum(windows),0) FROM article WHERE published>=?1 AND published<=?2", &st, err);
        if (rc) { free(r); return rc; }
        sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
        *total = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        rc = ngg_prepare(s,
            "SELECT count(DISTINCT m.article * 4294967296 + m.win) FROM mention m JOIN article ar ON ar.id=m.article"
            " WHERE m.entity=?1 AND ar.published>=?2 AND ar.published<=?3", &st, err);
        if (rc) { free(r); return rc; }
        sqlite3_bind_int64(st, 1, x);
        sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
        *xwin = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        rc = ngg_prepare(s,
            "WITH xa AS (SELECT DISTINCT m.article, m.win, ar.published FROM mention m JOIN article ar ON ar.id=m.article"
            "   WHERE m.entity=?1 AND ar.published>=?2 AND ar.published<=?3),"
            " g AS (SELECT o.entity AS o, count(DISTINCT o.article * 4294967296 + o.win) AS windows,"
            "   count(DISTINCT o.article) AS articles, min(xa.published) AS f, max(xa.published) AS l"
            "   FROM xa JOIN mention o ON o.article=xa.article AND o.win=xa.win AND o.entity!=?1 GROUP BY o.entity)"
            " SELECT e.id, e.key, e.name, e.type, g.windows, g.articles, g.f, g.l,"
            "  (SELECT count(DISTINCT m.article * 4294967296 + m.win) FROM mention m JOIN article ar ON ar.id=m.article"
            "    WHERE m.entity=e.id AND ar.published>=?2 AND ar.published<=?3)"
            " FROM g JOIN entity e ON e.id=g.o WHERE g.windows>=?4", &st, err);
        if (rc) { free(r); return rc; }
        sqlite3_bind_int64(st, 1, x);
        sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, min_count);
    }
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = ngg_col_text(st, 3);
        if (f && !ngg_type_ok(f->types, type)) continue;
        if (n == cap) {
            cap *= 2;
            nrow *p = realloc(r, cap * sizeof *r);
            if (!p) break;
            r = p;
        }
        nrow *q = &r[n++];
        q->id = sqlite3_column_int64(st, 0);
        q->key = strdup(ngg_col_text(st, 1));
        q->name = strdup(ngg_col_text(st, 2));
        q->type = strdup(type);
        q->windows = (long)sqlite3_column_int64(st, 4);
        q->articles = (long)sqlite3_column_int64(st, 5);
        copy_date(q->first, (const char *)sqlite3_column_text(st, 6));
        copy_date(q->last, (const char *)sqlite3_column_text(st, 7));
        q->ewin = (long)sqlite3_column_int64(st, 8);
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW) rc = ngg_db_err(s, err, "neighbors");
    if (dated) sqlite3_finalize(st); else ngg_done(st);
    for (size_t i = 0; i < n; i++) r[i].npmi = ngg_npmi(r[i].windows, *xwin, r[i].ewin, *total, &r[i].pmi);
    *out = r;
    *nout = n;
    return rc;
}

static long count_neighbors(ng_store *s, int64_t x, long min_count) {
    static const char q[] = "SELECT (SELECT count(*) FROM edge WHERE a=?1 AND windows>=?2)"
                            " + (SELECT count(*) FROM edge WHERE b=?1 AND windows>=?2)";
    sqlite3_stmt *st;
    long n = 0;
    if (ngg_stmt(s, q, &st, NULL)) return 0;
    sqlite3_bind_int64(st, 1, x);
    sqlite3_bind_int64(st, 2, min_count);
    if (sqlite3_step(st) == SQLITE_ROW) n = (long)sqlite3_column_int64(st, 0);
    ngg_done(st);
    return n;
}

static void free_rows(nrow *r, size_t n) {
    for (size_t i = 0; i < n; i++) { free(r[i].key); free(r[i].name); free(r[i].type); }
    free(r);
}

/* The neighbour rows by count without dates from the ego index: ngx_top
 * ranks the links as neighbor_rows and cmp_nrow by count do, so these are
 * the first 'top' of those rows, in their order (the links' first and last
 * dates from the index too, or read by key when it has none). *nall: the
 * number of neighbours with a type in 'types', or without types of links
 * of at least min_count windows (-1 when the index skipped an edge of an
 * entity missing from the entity table, which count_neighbors counts: the
 * caller counts in SQL). 1 when the index does not have the entity (the
 * caller uses SQL), 0, or an error. */
static int neighbor_rows_ix(ng_store *s, const ng_ego_index *ix, int64_t x, const char *types, long min_count,
                            int top, nrow **out, size_t *nout, long *xwin, long *total, long *nall, ng_error *err) {
    static const char dates_sql[] = "SELECT first_date, last_date FROM edge WHERE a=?1 AND b=?2";
    long i = ngx_find(ix, x);
    if (i < 0) return 1;
    ngx_link *l = NULL;
    long nl = ngx_top(ix, (size_t)i, types, min_count, top, &l);
    if (nl < 0) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    sqlite3_stmt *st = NULL;
    int rc = ix->date ? NG_OK : ngg_stmt(s, dates_sql, &st, err);
    nrow *r = rc ? NULL : calloc((size_t)nl + 1, sizeof *r);
    if (!r) { free(l); return rc ? rc : ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    *total = (long)ngg_meta_int(s, "windows", 0);
    *xwin = (long)ix->windows[i];
    for (long k = 0; k < nl; k++) {
        size_t o = (size_t)l[k].o;
        nrow *q = &r[k];
        q->id = ix->rowid[o];
        q->key = strdup(ix->text + ix->key[o]);
        q->name = strdup(ix->text + ix->name[o]);
        q->type = strdup(ix->types[ix->type[o]]);
        q->windows = l[k].w;
        q->articles = l[k].a;
        q->ewin = (long)ix->windows[o];
        if (ix->date) {
            copy_date(q->first, ix->date[l[k].f]);
            copy_date(q->last, ix->date[l[k].l]);
        } else {
            sqlite3_bind_int64(st, 1, x < q->id ? x : q->id);
            sqlite3_bind_int64(st, 2, x < q->id ? q->id : x);
            if (sqlite3_step(st) == SQLITE_ROW) {
                copy_date(q->first, (const char *)sqlite3_column_text(st, 0));
                copy_date(q->last, (const char *)sqlite3_column_text(st, 1));
            } else copy_date(q->first, NULL), copy_date(q->last, NULL);
            ngg_done(st);
        }
        q->npmi = ngg_npmi(q->windows, *xwin, q->ewin, *total, &q->pmi);
        if (!q->key || !q->name || !q->type) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    }
    free(l);
    *nall = -1;
    const ngx_link *a = ix->link + ix->off[i];
    size_t na = ix->off[i + 1] - ix->off[i];
    if (types && *types) {   /* every neighbour of those types, as the SQL reads them all */
        *nall = 0;
        for (size_t k = 0; k < na && a[k].w >= min_count; k++)
            if (ngg_type_ok(types, ix->types[ix->type[a[k].o]])) (*nall)++;
    } else if (!ix->unjoined) {   /* the links of at least min_count windows: a prefix */
        size_t lo = 0, hi = na;
        while (lo < hi) { size_t m = lo + (hi - lo) / 2; if (a[m].w >= min_count) lo = m + 1; else hi = m; }
        *nall = (long)lo;
    }
    if (rc) { free_rows(r, (size_t)nl); return rc; }
    *out = r;
    *nout = (size_t)nl;
    return NG_OK;
}

static double round4(double x) { return round(x * 10000.0) / 10000.0; }

static json_t *neighbors_json(nrow *r, size_t n, int top) {
    json_t *a = json_array();
    for (size_t i = 0; i < n && (top <= 0 || (int)i < top); i++) {
        json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:I,s:f,s:f}", "id", r[i].key, "name", r[i].name, "type", r[i].type,
                              "count", (json_int_t)r[i].windows, "articles", (json_int_t)r[i].articles,
                              "npmi", round4(r[i].npmi), "pmi", round4(r[i].pmi));
        json_object_set_new(o, "first", r[i].first[0] ? json_string(r[i].first) : json_null());
        json_object_set_new(o, "last", r[i].last[0] ? json_string(r[i].last) : json_null());
        json_array_append_new(a, o);
    }
    return a;
}

int ng_query_neighbors(ng_store *s, const char *entity, const ng_neighbors_opts *o,
                       json_t **out, ng_error *err) {
    *out = NULL;
    ng_neighbors_opts d = {0};
    if (!o) o = &d;
    const char *by = o->by && *o->by ? o->by : "count";
    int mode;
    if (!strcmp(by, "count") || !strcmp(by, "windows")) mode = 0;
    else if (!strcmp(by, "articles")) mode = 1;
    else if (!strcmp(by, "npmi")) mode = 2;
    else if (!strcmp(by, "pmi")) mode = 3;
    else return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown --by '%s' (count, articles, npmi, pmi)", by);
    int64_t x;
    int rc = ngg_lookup(s, entity, &x, err);
    if (rc) return rc;
    nrow *r; size_t n; long xwin, total;
    int top = o->top > 0 ? o->top : 20;
    long cut = (mode <= 1 && !(o->filter.types && *o->filter.types)) ? top : 0; /* count/articles order */
    if (mode == 1) cut = 0; /* 'articles' order is not monotone in windows */
    long nall = -1;
    rc = 1;
    if (o->index && mode == 0 && !HAS_DATES(&o->filter))
        rc = neighbor_rows_ix(s, o->index, x, o->filter.types, o->min_count > 0 ? o->min_count : 1, top, &r, &n, &xwin,
                              &total, &nall, err);
    if (rc < 0) return rc;
    if (rc) {
        rc = neighbor_rows(s, x, &o->filter, o->min_count > 0 ? o->min_count : 1, cut, &r, &n, &xwin, &total, err);
        if (rc) return rc;
        /* the dated rows are all there (and the stored edges would count
         * neighbours outside the dates) */
        nall = cut > 0 && !HAS_DATES(&o->filter) ? -1 : (long)n;
        qsort_r(r, n, sizeof *r, cmp_nrow, &mode);
    }
    if (nall < 0) nall = count_neighbors(s, x, o->min_count > 0 ? o->min_count : 1);
    json_t *res = json_object();
    json_t *e = ngg_entity_brief(s, x);
    json_object_set_new(e, "windows", json_integer(xwin));
    json_object_set_new(res, "entity", e);
    json_object_set_new(res, "window", json_string(ng_window_name(s->window)));
    json_object_set_new(res, "total_windows", json_integer(total));
    json_object_set_new(res, "by", json_string(by));
    json_object_set_new(res, "total", json_integer((json_int_t)nall));
    json_object_set_new(res, "neighbors", neighbors_json(r, n, top));
    free_rows(r, n);
    *out = res;
    return NG_OK;
}

int ngg_neighbors_top(ng_store *s, int64_t x, const ng_filter *f, long min_count, int top, json_t **out,
                      ng_error *err) {
    *out = NULL;
    nrow *r; size_t n; long xwin, total;
    long cut = f && f->types && *f->types ? 0 : top;   /* as ng_query_neighbors by count */
    int rc = neighbor_rows(s, x, f, min_count > 0 ? min_count : 1, cut, &r, &n, &xwin, &total, err);
    if (rc) return rc;
    int by_count = 0;
    qsort_r(r, n, sizeof *r, cmp_nrow, &by_count);
    *out = json_pack("{s:o}", "neighbors", neighbors_json(r, n, top));
    free_rows(r, n);
    return *out ? NG_OK : ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
}

/* ## Evidence */

typedef struct span { size_t start, end; } span;
typedef struct spans { span *v; size_t n, cap; } spans;
static void spans_cb(size_t start, size_t end, long para, void *ud) {
    (void)para;
    spans *s = ud;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 32;
        span *p = realloc(s->v, nc * sizeof *p);
        if (!p) return;
        s->v = p; s->cap = nc;
    }
    s->v[s->n].start = start; s->v[s->n].end = end; s->n++;
}

/* Appends text[a,b) to buf, cut at 'max' bytes on a character boundary. */
static void append_clip(char **buf, size_t *len, const char *t, size_t a, size_t b, size_t max) {
    int cut = 0;
    if (b - a > max) {
        b = a + max;
        while (b > a && ((unsigned char)t[b] & 0xC0) == 0x80) b--;
        cut = 1;
    }
    size_t add = b - a + (cut ? 3 : 0);
    char *p = realloc(*buf, *len + add + 1);
    if (!p) return;
    memcpy(p + *len, t + a, b - a);
    /* a NUL in the text (JSON's \u0000) would end the snippet there */
    for (char *z = p + *len; (z = memchr(z, 0, (size_t)(p + *len + (b - a) - z))) != NULL;) *z++ = ' ';
    *len += b - a;
    if (cut) { memcpy(p + *len, "\xE2\x80\xA6", 3); *len += 3; }
    p[*len] = 0;
    *buf = p;
}

/* 's' (malloc'd) with every invalid UTF-8 sequence replaced by U+FFFD:
 * article text may hold invalid bytes (matched around when tagged), which
 * JSON cannot carry. Frees 's' when it returns a new string. */
static char *valid_utf8(char *s) {
    if (!s) return s;
    size_t n = strlen(s);
    if (ng_utf8_valid_prefix(s, n) == n) return s;
    char *o = ng_utf8_repair(s, n, NULL);
    free(s);
    return o;
}

typedef struct mref { int field; long sentence; const char *surface; } mref;

static char *make_snippet(const char *title, const char *text, const spans *sp, const mref *ma, const mref *mb) {
    char *buf = calloc(1, 1);
    size_t len = 0;
    const mref *ms[2] = {ma, mb};
    long done_sentence = -2; int done_field = -1;
    for (int k = 0; k < 2; k++) {
        const mref *m = ms[k];
        if (m->field == done_field && m->sentence == done_sentence) continue;
        if (len) append_clip(&buf, &len, " \xE2\x80\xA6 ", 0, 5, 5);
        if (m->field == 0) append_clip(&buf, &len, title, 0, strlen(title), 300);
        else if (m->sentence >= 1 && (size_t)m->sentence <= sp->n) {
            const span *x = &sp->v[m->sentence - 1];
            append_clip(&buf, &len, text, x->start, x->end, 300);
        }
        done_field = m->field; done_sentence = m->sentence;
    }
    return valid_utf8(buf);
}

static int first_mention(ng_store *s, sqlite3_stmt *st, int64_t art, long win, int64_t ent, mref *m, char **surface) {
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int64(st, 2, win);
    sqlite3_bind_int64(st, 3, ent);
    int ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        m->field = sqlite3_column_int(st, 0);
        m->sentence = (long)sqlite3_column_int64(st, 1);
        *surface = valid_utf8(strdup(ngg_col_text(st, 2)));
    }
    sqlite3_reset(st);
    (void)s;
    return ok;
}

int ngg_evidence(ng_store *s, int64_t a, int64_t b, const ng_filter *f, int limit, json_t *arr, long *total,
                 ng_error *err) {
    /* with dates (f->since/until), only articles published in the range, as
     * the graph's counts (an undated article is then left out) */
    static const char q_pairs[] =
        "SELECT ar.id, ar.key, ar.title, ar.url, ar.published, w.win FROM"
        " (SELECT DISTINCT ma.article, ma.win FROM mention ma JOIN mention mb"
        "   ON mb.article=ma.article AND mb.win=ma.win AND mb.entity=?2 WHERE ma.entity=?1) w"
        " JOIN article ar ON ar.id=w.article WHERE ?3 OR (ar.published>=?4 AND ar.published<=?5)"
        " ORDER BY ar.published DESC, ar.key, w.win",
        q_first[] = "SELECT field, sentence, surface FROM mention WHERE article=?1 AND win=?2 AND entity=?3"
                    " ORDER BY field, start LIMIT 1",
        q_text[] = "SELECT title, text FROM article WHERE id=?";
    sqlite3_stmt *st, *fm, *tx;
    int rc = ngg_stmt(s, q_pairs, &st, err);
    if (rc) return rc;
    rc = ngg_stmt(s, q_first, &fm, err);
    if (rc) return rc;
    rc = ngg_stmt(s, q_text, &tx, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    int dated = f && ((f->since && *f->since) || (f->until && *f->until));
    sqlite3_bind_int(st, 3, !dated);
    sqlite3_bind_text(st, 4, dated && f->since && *f->since ? f->since : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, dated && f->until && *f->until ? f->until : "9999-99-99", -1, SQLITE_STATIC);
    long count = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        count++;
        if (count > limit) continue;   /* counted, not shown */
        int64_t art = sqlite3_column_int64(st, 0);
        long win = (long)sqlite3_column_int64(st, 5);
        mref ma = {0}, mb = {0};
        char *sa = NULL, *sb = NULL;
        first_mention(s, fm, art, win, a, &ma, &sa);
        first_mention(s, fm, art, win, b, &mb, &sb);
        sqlite3_bind_int64(tx, 1, art);
        char *snippet = NULL;
        if (sqlite3_step(tx) == SQLITE_ROW) {
            const char *title = ngg_col_text(tx, 0);
            const char *text = ngg_col_text(tx, 1);
            spans sp = {0};
            ng_split_sentences(text, (size_t)sqlite3_column_bytes(tx, 1), spans_cb, &sp);
            if (mb.field < ma.field || (mb.field == ma.field && mb.sentence < ma.sentence))
                snippet = make_snippet(title, text, &sp, &mb, &ma);
            else
                snippet = make_snippet(title, text, &sp, &ma, &mb);
            free(sp.v);
        }
        sqlite3_reset(tx);
        json_t *o = json_pack("{s:s,s:s?,s:s?,s:s?,s:I,s:s,s:s,s:s}",
                              "article", ngg_col_text(st, 1),
                              "title", (const char *)sqlite3_column_text(st, 2),
                              "url", (const char *)sqlite3_column_text(st, 3),
                              "published", (const char *)sqlite3_column_text(st, 4),
                              "window", (json_int_t)win,
                              "snippet", snippet ? snippet : "",
                              "a_surface", sa ? sa : "", "b_surface", sb ? sb : "");
        if (o) json_array_append_new(arr, o);
        free(snippet); free(sa); free(sb);
    }
    ngg_done(st); ngg_done(fm); ngg_done(tx);
    if (total) *total = count;
    return NG_OK;
}

int ng_query_evidence(ng_store *s, const char *a, const char *b, int limit, json_t **out, ng_error *err) {
    *out = NULL;
    int64_t x, y;
    int rc = ngg_lookup(s, a, &x, err);
    if (!rc) rc = ngg_lookup(s, b, &y, err);
    if (!rc && x == y) rc = ngg_same_entity(s, a, b, x, err);
    if (rc) return rc;
    json_t *arr = json_array();
    long total = 0;
    rc = ngg_evidence(s, x, y, NULL, limit >= 0 ? limit : 10, arr, &total, err);
    if (rc) { json_decref(arr); return rc; }
    json_t *res = json_object();
    json_object_set_new(res, "a", ngg_entity_brief(s, x));
    json_object_set_new(res, "b", ngg_entity_brief(s, y));
    json_object_set_new(res, "window", json_string(ng_window_name(s->window)));
    json_object_set_new(res, "total", json_integer(total));
    json_object_set_new(res, "evidence", arr);
    *out = res;
    return NG_OK;
}

/* ## Entity card */

int ng_query_entity(ng_store *s, const char *entity, int top, json_t **out, ng_error *err) {
    return ng_query_entity_index(s, NULL, entity, top, out, err);
}

int ng_query_entity_index(ng_store *s, const ng_ego_index *ix, const char *entity, int top, json_t **out,
                          ng_error *err) {
    *out = NULL;
    int64_t x;
    int rc = ngg_lookup(s, entity, &x, err);
    if (rc) return rc;
    static const char q_ent[] = "SELECT key, type, name, mentions, articles, windows, first_seen, last_seen FROM entity WHERE id=?",
        q_alias[] = "SELECT alias FROM alias WHERE entity=? ORDER BY alias",
        q_month[] = "SELECT substr(ar.published,1,7) AS mon, count(*), count(DISTINCT m.article) FROM mention m"
                    " JOIN article ar ON ar.id=m.article WHERE m.entity=? AND ar.published IS NOT NULL"
                    " GROUP BY mon ORDER BY mon";
    sqlite3_stmt *st;
    rc = ngg_stmt(s, q_ent, &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, x);
    if (sqlite3_step(st) != SQLITE_ROW) { ngg_done(st); return ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "entity vanished"); }
    json_t *res = json_pack("{s:s,s:s,s:s,s:I,s:I,s:I}", "id", ngg_col_text(st, 0), "type", ngg_col_text(st, 1),
                            "name", ngg_col_text(st, 2), "mentions", (json_int_t)sqlite3_column_int64(st, 3),
                            "articles", (json_int_t)sqlite3_column_int64(st, 4), "windows", (json_int_t)sqlite3_column_int64(st, 5));
    const char *f = (const char *)sqlite3_column_text(st, 6), *l = (const char *)sqlite3_column_text(st, 7);
    json_object_set_new(res, "first_seen", f ? json_string(f) : json_null());
    json_object_set_new(res, "last_seen", l ? json_string(l) : json_null());
    char *key = strdup(ngg_col_text(st, 0));
    ngg_done(st);
    json_t *al = json_array();
    if (key && !ngg_stmt(s, q_alias, &st, NULL)) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) json_array_append_new(al, json_string(ngg_col_text(st, 0)));
        ngg_done(st);
    }
    free(key);
    json_object_set_new(res, "aliases", al);
    /* the other entities the name typed names (ng_store_lookup_also) */
    if (s->lookup_also) json_object_set_new(res, "also", json_deep_copy(s->lookup_also));
    json_t *pm = json_array();
    long xi = ix && ix->pm_off ? ngx_find(ix, x) : -1;
    if (xi >= 0) {   /* counted when the index was built, as the SQL below counts */
        for (size_t k = ix->pm_off[xi]; k < ix->pm_off[xi + 1]; k++)
            json_array_append_new(pm, json_pack("{s:s,s:I,s:I}", "month", ix->month[ix->pm[k].m],
                                                "mentions", (json_int_t)ix->pm[k].mentions,
                                                "articles", (json_int_t)ix->pm[k].articles));
    } else if (!ngg_stmt(s, q_month, &st, NULL)) {
        sqlite3_bind_int64(st, 1, x);
        while (sqlite3_step(st) == SQLITE_ROW)
            json_array_append_new(pm, json_pack("{s:s,s:I,s:I}", "month", ngg_col_text(st, 0),
                                                "mentions", (json_int_t)sqlite3_column_int64(st, 1),
                                                "articles", (json_int_t)sqlite3_column_int64(st, 2)));
        ngg_done(st);
    }
    json_object_set_new(res, "per_month", pm);
    nrow *r; size_t n; long xwin, total, nall = -1;
    rc = ix ? neighbor_rows_ix(s, ix, x, NULL, 1, top > 0 ? top : 10, &r, &n, &xwin, &total, &nall, err) : 1;
    if (rc > 0) {
        rc = neighbor_rows(s, x, NULL, 1, top > 0 ? top : 10, &r, &n, &xwin, &total, err);
        int by_count = 0;
        if (!rc) qsort_r(r, n, sizeof *r, cmp_nrow, &by_count);
    }
    if (rc) { json_decref(res); return rc; }
    json_object_set_new(res, "degree", json_integer(nall >= 0 ? nall : count_neighbors(s, x, 1)));
    json_object_set_new(res, "neighbors", neighbors_json(r, n, top > 0 ? top : 10));
    free_rows(r, n);
    *out = res;
    return NG_OK;
}

/* ## Statistics */

static long long scalar(ng_store *s, const char *sql) {
    sqlite3_stmt *st;
    long long v = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int ng_query_stats(ng_store *s, json_t **out, ng_error *err) {
    *out = NULL;
    json_t *res = json_object();
    json_object_set_new(res, "articles", json_integer(scalar(s, "SELECT count(*) FROM article")));
    json_object_set_new(res, "mentions", json_integer(scalar(s, "SELECT count(*) FROM mention")));
    json_object_set_new(res, "entities", json_integer(scalar(s, "SELECT count(*) FROM entity")));
    json_t *bt = json_object();
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, "SELECT type, count(*) FROM entity GROUP BY type ORDER BY type", &st, err);
    if (rc) { json_decref(res); json_decref(bt); return rc; }
    while (sqlite3_step(st) == SQLITE_ROW)
        json_object_set_new(bt, ngg_col_text(st, 0), json_integer(sqlite3_column_int64(st, 1)));
    sqlite3_finalize(st);
    json_object_set_new(res, "entities_by_type", bt);
    json_object_set_new(res, "edges", json_integer(scalar(s, "SELECT count(*) FROM edge")));
    json_object_set_new(res, "windows", json_integer(ngg_meta_int(s, "windows", 0)));
    json_object_set_new(res, "window", s->window >= 0 ? json_string(ng_window_name(s->window)) : json_null());
    json_object_set_new(res, "schema_version", json_integer(NG_SCHEMA_VERSION));
    rc = ngg_prepare(s, "SELECT min(published), max(published) FROM article", &st, err);
    if (rc) { json_decref(res); return rc; }
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(st, 0), *l = (const char *)sqlite3_column_text(st, 1);
        json_object_set_new(res, "first", f ? json_string(f) : json_null());
        json_object_set_new(res, "last", l ? json_string(l) : json_null());
    }
    sqlite3_finalize(st);
    *out = res;
    return NG_OK;
}
