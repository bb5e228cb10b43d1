/* The ego networks' in-memory index (ng_ego_index_build): the entity and
 * edge tables of one read snapshot as arrays, each entity's links sorted by
 * windows and articles (descending) and then by key, so that the strongest
 * neighbours are a prefix and ngx_top ranks them exactly as the SQL of
 * ngg_neighbors_top (query.c) does, without a statement. A depth-2 ego
 * network of 100 nodes read some 5,000 statements; from the index it reads
 * a few hundred links. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

long ngx_find(const ng_ego_index *x, int64_t rowid) {
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (x->rowid[m] < rowid) lo = m + 1; else hi = m;
    }
    return lo < x->n && x->rowid[lo] == rowid ? (long)lo : -1;
}

void ng_ego_index_free(ng_ego_index *x) {
    if (!x) return;
    free(x->rowid); free(x->key); free(x->name); free(x->text); free(x->type);
    for (int i = 0; i < x->ntypes; i++) free(x->types[i]);
    free(x->mentions); free(x->windows); free(x->rank); free(x->off); free(x->link);
    for (size_t i = 0; i < x->nmonth; i++) free(x->month[i]);
    free(x->month); free(x->pm_off); free(x->pm); free(x->date);
    free(x);
}

size_t ng_ego_index_bytes(const ng_ego_index *x, size_t *entities, size_t *links) {
    if (entities) *entities = x ? x->n : 0;
    if (links) *links = x ? x->off[x->n] / 2 : 0;
    return x ? x->bytes : 0;
}

static int cmp_key(const void *a, const void *b, void *ud) {
    const ng_ego_index *x = ud;
    return strcmp(x->text + x->key[*(const size_t *)a], x->text + x->key[*(const size_t *)b]);
}

/* The links' order: windows, articles (descending), rank. */
static int cmp_link(const void *p, const void *q, void *ud) {
    const ngx_link *a = p, *b = q;
    const int32_t *rank = ud;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    if (a->a != b->a) return a->a > b->a ? -1 : 1;
    return rank[a->o] < rank[b->o] ? -1 : rank[a->o] > rank[b->o];
}

/* The order of neighbour lists (query.c's cmp_nrow by count): windows
 * (descending), key. */
static int cmp_rank(const void *p, const void *q, void *ud) {
    const ngx_link *a = p, *b = q;
    const int32_t *rank = ud;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    return rank[a->o] < rank[b->o] ? -1 : rank[a->o] > rank[b->o];
}

static int type_id(ng_ego_index *x, const char *t) {
    for (int i = 0; i < x->ntypes; i++) if (!strcmp(x->types[i], t)) return i;
    if (x->ntypes == 256) return -1;
    if (!(x->types[x->ntypes] = strdup(t))) return -1;
    return x->ntypes++;
}

static int cmp_month(const void *a, const void *b) { return strcmp((const char *)a, *(char *const *)b); }

/* The entity card's mentions per month (query.c, ng_query_entity_index):
 * the articles' months as its SQL takes them (substr(published,1,7),
 * in SQLite's order), then every mention by entity and article (the
 * mention_entity index, in order): per entity and month the mentions and
 * the distinct articles. In the caller's read transaction. */
static int build_months(ng_store *s, ng_ego_index *x, ng_error *err) {
    sqlite3_stmt *st = NULL;
    size_t cm = 0, na = 0, ca = 0, npm = 0, cpm = 0;
    int64_t *aid = NULL;
    int32_t *amon = NULL, *cnt = NULL, *arts = NULL, *touched = NULL;
    size_t ntouched = 0;
    int rc = ngg_prepare(s, "SELECT DISTINCT substr(published,1,7) AS mon FROM article WHERE published IS NOT NULL ORDER BY mon",
                         &st, err);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        if (x->nmonth == cm) {
            cm = cm ? cm * 2 : 64;
            char **p = realloc(x->month, cm * sizeof *p);
            if (!p) { rc = NG_E_NOMEM; break; }
            x->month = p;
        }
        if (!(x->month[x->nmonth] = strdup(ngg_col_text(st, 0)))) { rc = NG_E_NOMEM; break; }
        x->nmonth++;
    }
    if (st) sqlite3_finalize(st);
    st = NULL;
    if (!rc) rc = ngg_prepare(s, "SELECT id, substr(published,1,7) FROM article WHERE published IS NOT NULL ORDER BY id", &st, err);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        if (na == ca) {
            ca = ca ? ca * 2 : 4096;
            int64_t *p = realloc(aid, ca * sizeof *p);
            if (p) aid = p;
            int32_t *q = p ? realloc(amon, ca * sizeof *q) : NULL;
            if (q) amon = q;
            if (!q) { rc = NG_E_NOMEM; break; }
        }
        char **m = bsearch(ngg_col_text(st, 1), x->month, x->nmonth, sizeof *x->month, cmp_month);
        if (!m) continue;   /* not possible in one snapshot */
        aid[na] = sqlite3_column_int64(st, 0);
        amon[na++] = (int32_t)(m - x->month);
    }
    if (st) sqlite3_finalize(st);
    st = NULL;
    /* ids of the usual dense kind: the month by id directly (-1: none) */
    int32_t *mon_of = NULL;
    int64_t max_id = na ? aid[na - 1] : 0;
    if (!rc && na && aid[0] >= 0 && max_id <= 4 * (int64_t)na + 65536 && (mon_of = malloc(((size_t)max_id + 1) * sizeof *mon_of))) {
        memset(mon_of, 0xff, ((size_t)max_id + 1) * sizeof *mon_of);
        for (size_t i = 0; i < na; i++) mon_of[aid[i]] = amon[i];
    }
    if (!rc) {
        x->pm_off = calloc(x->n + 1, sizeof *x->pm_off);
        cnt = calloc(x->nmonth + 1, sizeof *cnt);
        arts = calloc(x->nmonth + 1, sizeof *arts);
        touched = malloc((x->nmonth + 1) * sizeof *touched);
        if (!x->pm_off || !cnt || !arts || !touched) rc = NG_E_NOMEM;
    }
    if (!rc) rc = ngg_prepare(s, "SELECT entity, article FROM mention ORDER BY entity, article", &st, err);
    size_t filled = 0;
    long cur = -1;            /* the entity (index) being counted */
    int64_t cur_rowid = 0, last_art = 0;
    int has_last = 0, step = SQLITE_DONE;
    while (!rc) {
        step = sqlite3_step(st);
        int64_t e = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        if (step != SQLITE_ROW || e != cur_rowid || cur == -1) {
            if (cur >= 0 && ntouched) {   /* flush: its months in order */
                for (size_t i = 1; i < ntouched; i++)
                    for (size_t j = i; j > 0 && touched[j - 1] > touched[j]; j--) {
                        int32_t t = touched[j]; touched[j] = touched[j - 1]; touched[j - 1] = t;
                    }
                if (npm + ntouched > cpm) {
                    cpm = (npm + ntouched) * 2 + 4096;
                    ngx_month *p = realloc(x->pm, cpm * sizeof *p);
                    if (!p) { rc = NG_E_NOMEM; break; }
                    x->pm = p;
                }
                for (; filled <= (size_t)cur; filled++) x->pm_off[filled] = npm;
                for (size_t i = 0; i < ntouched; i++) {
                    int32_t m = touched[i];
                    x->pm[npm++] = (ngx_month){m, cnt[m], arts[m]};
                    cnt[m] = arts[m] = 0;
                }
                ntouched = 0;
            }
            if (step != SQLITE_ROW) break;
            if (e != cur_rowid || cur == -1) { cur_rowid = e; cur = ngx_find(x, e); has_last = 0; }
            if (cur < 0) { cur = -2; continue; }   /* not an entity of the table: no card */
        }
        if (cur < 0) continue;
        int64_t a = sqlite3_column_int64(st, 1);
        int32_t m;
        if (mon_of) {
            if (a < 0 || a > max_id || (m = mon_of[a]) < 0) continue;   /* no such article, or no date */
        } else {
            size_t lo = 0, hi = na;
            while (lo < hi) { size_t mid = lo + (hi - lo) / 2; if (aid[mid] < a) lo = mid + 1; else hi = mid; }
            if (lo == na || aid[lo] != a) continue;
            m = amon[lo];
        }
        if (!cnt[m]) touched[ntouched++] = m;
        cnt[m]++;
        if (!has_last || a != last_art) arts[m]++;
        last_art = a;
        has_last = 1;
    }
    if (!rc && step != SQLITE_DONE) rc = ngg_db_err(s, err, "ego index: mentions");
    if (st) sqlite3_finalize(st);
    if (!rc) for (; filled <= x->n; filled++) x->pm_off[filled] = npm;
    free(aid); free(amon); free(cnt); free(arts); free(touched); free(mon_of);
    if (rc) return rc;
    x->bytes += npm * sizeof *x->pm + (x->n + 1) * sizeof *x->pm_off + x->nmonth * 16;
    return NG_OK;
}

/* The links' dates as small numbers: a table of the distinct strings (at
 * most 65,535, of at most 10 bytes, else no dates in the index). */
typedef struct datemap { char (*s)[11]; uint16_t *slot; size_t n, cap; int full; } datemap;
#define DATE_SLOTS 131072
static uint16_t date_id(datemap *d, const unsigned char *t, int len) {
    if (!t || d->full) return 0;
    if (len > 10) { d->full = 1; return 0; }
    uint32_t h = 2166136261u;
    for (int i = 0; i < len; i++) h = (h ^ t[i]) * 16777619u;
    for (size_t k = h % DATE_SLOTS;; k = (k + 1) % DATE_SLOTS) {
        uint16_t id = d->slot[k];
        if (!id) {
            if (d->n == 65535) { d->full = 1; return 0; }
            if (d->n + 1 >= d->cap) {
                size_t cap = d->cap ? d->cap * 2 : 1024;
                char (*p)[11] = realloc(d->s, cap * sizeof *p);
                if (!p) { d->full = 1; return 0; }
                d->s = p; d->cap = cap;
                if (d->n == 0) { d->s[0][0] = 0; }
            }
            id = (uint16_t)++d->n;
            memcpy(d->s[id], t, (size_t)len);
            d->s[id][len] = 0;
            d->slot[k] = id;
            return id;
        }
        if (!strncmp(d->s[id], (const char *)t, (size_t)len) && d->s[id][len] == 0) return id;
    }
}

int ng_ego_index_build(ng_store *s, ng_ego_index **out, ng_error *err) {
    *out = NULL;
    ng_ego_index *x = calloc(1, sizeof *x);
    if (!x) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    int32_t *ea = NULL, *eb = NULL, *ew = NULL, *ear = NULL;
    uint16_t *ef = NULL, *el = NULL;
    datemap dm = {0};
    dm.slot = calloc(DATE_SLOTS, sizeof *dm.slot);
    if (!dm.slot) { free(x); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    size_t ne = 0, ce = 0, ct = 0, nt = 0, cn = 0;
    sqlite3_stmt *st = NULL;
    int rc = ng_store_read_begin(s, err);
    if (rc) { free(x); free(dm.slot); return rc; }
    rc = ngg_prepare(s, "SELECT id, key, name, type, mentions, windows FROM entity ORDER BY id", &st, err);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        if (x->n == cn) {
            cn = cn ? cn * 2 : 4096;
            int64_t *r = realloc(x->rowid, cn * sizeof *r), *m = r ? realloc(x->mentions, cn * sizeof *m) : NULL;
            if (r) x->rowid = r;
            if (m) x->mentions = m;
            int64_t *w = m ? realloc(x->windows, cn * sizeof *w) : NULL;
            if (w) x->windows = w;
            size_t *k = w ? realloc(x->key, cn * sizeof *k) : NULL, *nm = k ? realloc(x->name, cn * sizeof *nm) : NULL;
            if (k) x->key = k;
            if (nm) x->name = nm;
            unsigned char *t = nm ? realloc(x->type, cn) : NULL;
            if (t) x->type = t;
            if (!t) { rc = NG_E_NOMEM; break; }
        }
        const char *key = ngg_col_text(st, 1), *name = ngg_col_text(st, 2);
        size_t kl = strlen(key) + 1, nl = strlen(name) + 1;
        if (nt + kl + nl > ct) {
            ct = (nt + kl + nl) * 2 + 65536;
            char *p = realloc(x->text, ct);
            if (!p) { rc = NG_E_NOMEM; break; }
            x->text = p;
        }
        int t = type_id(x, ngg_col_text(st, 3));
        if (t < 0) { rc = NG_E_NOMEM; break; }
        x->rowid[x->n] = sqlite3_column_int64(st, 0);
        x->mentions[x->n] = sqlite3_column_int64(st, 4);
        x->windows[x->n] = sqlite3_column_int64(st, 5);
        x->type[x->n] = (unsigned char)t;
        memcpy(x->text + nt, key, kl); x->key[x->n] = nt; nt += kl;
        memcpy(x->text + nt, name, nl); x->name[x->n] = nt; nt += nl;
        x->n++;
    }
    if (st) sqlite3_finalize(st);
    st = NULL;
    /* rowids of the usual dense kind: their index by rowid directly */
    int32_t *pos = NULL;
    int64_t max_row = x->n ? x->rowid[x->n - 1] : 0;
    if (!rc && x->n && x->rowid[0] >= 0 && max_row <= 4 * (int64_t)x->n + 65536
        && (pos = malloc(((size_t)max_row + 1) * sizeof *pos))) {
        memset(pos, 0xff, ((size_t)max_row + 1) * sizeof *pos);
        for (size_t i = 0; i < x->n; i++) pos[x->rowid[i]] = (int32_t)i;
    }
    if (!rc) rc = ngg_prepare(s, "SELECT a, b, windows, articles, first_date, last_date FROM edge", &st, err);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        int64_t ra = sqlite3_column_int64(st, 0), rb = sqlite3_column_int64(st, 1);
        long a = !pos ? ngx_find(x, ra) : ra >= 0 && ra <= max_row ? pos[ra] : -1;
        long b = !pos ? ngx_find(x, rb) : rb >= 0 && rb <= max_row ? pos[rb] : -1;
        if (a < 0 || b < 0) { x->unjoined = 1; continue; }   /* not joined to an entity: not a neighbour either */
        if (ne == ce) {
            ce = ce ? ce * 2 : 65536;
            int32_t *p;
            if ((p = realloc(ea, ce * sizeof *p))) ea = p;
            if (p && (p = realloc(eb, ce * sizeof *p))) eb = p;
            if (p && (p = realloc(ew, ce * sizeof *p))) ew = p;
            if (p && (p = realloc(ear, ce * sizeof *p))) ear = p;
            uint16_t *q = p ? realloc(ef, ce * sizeof *q) : NULL;
            if (q) ef = q;
            if (q && (q = realloc(el, ce * sizeof *q))) el = q;
            if (!q) { rc = NG_E_NOMEM; break; }
        }
        ea[ne] = (int32_t)a; eb[ne] = (int32_t)b;
        ew[ne] = (int32_t)sqlite3_column_int64(st, 2);
        ear[ne] = (int32_t)sqlite3_column_int64(st, 3);
        ef[ne] = date_id(&dm, sqlite3_column_text(st, 4), sqlite3_column_bytes(st, 4));
        el[ne] = date_id(&dm, sqlite3_column_text(st, 5), sqlite3_column_bytes(st, 5));
        ne++;
    }
    if (st) sqlite3_finalize(st);
    st = NULL;
    free(pos);
    if (!rc) rc = build_months(s, x, err);
    ng_store_read_end(s);
    if (!rc) {
        x->rank = malloc((x->n + 1) * sizeof *x->rank);
        x->off = calloc(x->n + 2, sizeof *x->off);
        x->link = malloc((2 * ne + 1) * sizeof *x->link);
        size_t *order = malloc((x->n + 1) * sizeof *order);
        if (!x->rank || !x->off || !x->link || !order) rc = NG_E_NOMEM;
        else {
            for (size_t i = 0; i < x->n; i++) order[i] = i;
            qsort_r(order, x->n, sizeof *order, cmp_key, x);
            for (size_t i = 0; i < x->n; i++) x->rank[order[i]] = (int32_t)i;
            /* counting sort of both directions into place */
            for (size_t i = 0; i < ne; i++) { x->off[ea[i] + 2]++; x->off[eb[i] + 2]++; }
            for (size_t i = 2; i <= x->n + 1; i++) x->off[i] += x->off[i - 1];
            for (size_t i = 0; i < ne; i++) {
                x->link[x->off[ea[i] + 1]++] = (ngx_link){eb[i], ew[i], ear[i], ef[i], el[i]};
                x->link[x->off[eb[i] + 1]++] = (ngx_link){ea[i], ew[i], ear[i], ef[i], el[i]};
            }
            for (size_t i = 0; i < x->n; i++)
                qsort_r(x->link + x->off[i], x->off[i + 1] - x->off[i], sizeof *x->link, cmp_link, x->rank);
        }
        free(order);
    }
    free(ea); free(eb); free(ew); free(ear); free(ef); free(el);
    free(dm.slot);
    if (!dm.full && dm.s) { x->date = dm.s; dm.s = NULL; }
    else if (!dm.full && !rc && !(x->date = calloc(1, sizeof *x->date))) rc = NG_E_NOMEM;   /* no dates at all */
    free(dm.s);
    x->bytes += (dm.n + 1) * sizeof *x->date;
    if (rc) {
        ng_ego_index_free(x);
        return rc == NG_E_NOMEM ? ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL) : rc;
    }
    x->bytes += sizeof *x + ct + x->n * (3 * sizeof(int64_t) + 3 * sizeof(size_t) + 1 + sizeof(int32_t))
               + 2 * ne * sizeof *x->link;
    *out = x;
    return NG_OK;
}

long ngx_top(const ng_ego_index *x, size_t i, const char *types, long min, int top, ngx_link **out) {
    const ngx_link *l = x->link + x->off[i];
    size_t n = x->off[i + 1] - x->off[i], len = 0;
    while (len < n && l[len].w >= min) len++;   /* at least 'min' windows: a prefix */
    ngx_link *r = NULL;
    size_t nr = 0;
    if (top <= 0) top = 1;
    if (types && *types) {
        /* every matching link, as the SQL reads them all: whole groups of
         * equal windows until 'top' are in */
        int ok[256];
        for (int t = 0; t < x->ntypes; t++) ok[t] = ngg_type_ok(types, x->types[t]);
        size_t cap = 0;
        for (size_t k = 0; k < len; k++) {
            if (nr >= (size_t)top && l[k].w != l[k - 1].w) break;
            if (!ok[x->type[l[k].o]]) continue;
            if (nr == cap) {
                cap = cap ? cap * 2 : (size_t)top + 16;
                ngx_link *p = realloc(r, cap * sizeof *p);
                if (!p) { free(r); return -1; }
                r = p;
            }
            r[nr++] = l[k];
        }
    } else {
        /* ngg_neighbors_top's cut: the top-th link by (windows, articles)
         * decides; every link at or above it is a candidate, then the
         * candidates are ranked by windows and key. Candidates tied with
         * the cut link are in key order already: only the first 'top' of
         * them can be chosen. */
        size_t end = len, tie = len;
        if (len >= (size_t)top) {
            const ngx_link *c = &l[top - 1];
            tie = (size_t)top - 1;
            while (tie > 0 && l[tie - 1].w == c->w && l[tie - 1].a == c->a) tie--;
            end = (size_t)top;
            while (end < len && l[end].w == c->w && l[end].a == c->a) end++;
            if (end - tie > (size_t)top) end = tie + (size_t)top;
        }
        if (!(r = malloc((end + 1) * sizeof *r))) return -1;
        memcpy(r, l, end * sizeof *r);
        nr = end;
    }
    if (nr) qsort_r(r, nr, sizeof *r, cmp_rank, x->rank);
    if (nr > (size_t)top) nr = (size_t)top;
    *out = r;
    return (long)nr;
}
