/* The ego network of an entity, laid out for drawing (ng_query_ego): the
 * strongest neighbours (depth 1) and their strongest neighbours (depth 2),
 * the edges among all of them, and positions from igraph's
 * Fruchterman-Reingold layout started from fixed positions with a seeded
 * random generator, so one query on one database always gives one picture.
 *
 * igraph keeps global state (its random generator, error handler and
 * cleanup stack): ng_igraph_lock() serialises every igraph user of a
 * multi-threaded program; ng_query_ego takes it around its layout. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <igraph.h>
#include "internal.h"

static pthread_mutex_t ig_mutex = PTHREAD_MUTEX_INITIALIZER;
void ng_igraph_lock(void) { pthread_mutex_lock(&ig_mutex); }
void ng_igraph_unlock(void) { pthread_mutex_unlock(&ig_mutex); }

static char ig_reason[256];
static void ig_error(const char *reason, const char *file, int line, igraph_error_t e) {
    (void)file; (void)line;
    snprintf(ig_reason, sizeof ig_reason, "%s (%s)", reason ? reason : "error", igraph_strerror(e));
    IGRAPH_FINALLY_FREE();
}
static void ig_warning(const char *reason, const char *file, int line) { (void)reason; (void)file; (void)line; }

/* The layout's random generator. Fruchterman-Reingold draws two numbers
 * per node and iteration, only to add a jitter of 1e-9 to each move (and
 * to part two nodes at one point), so their quality does not matter, their
 * cost did: igraph's default generator (PCG32, 52 bits gathered from two
 * words for each real) took 2.4 M of a depth-2 layout's 15.0 M
 * instructions. This one is SplitMix64, one multiply-xorshift round per
 * number (the layout 15.0 -> 14.3 M: igraph's own wrapper around each call
 * stays); seeded from the query's seed, used under ng_igraph_lock(). */
static igraph_error_t lrng_init(void **state) {
    return (*state = calloc(1, sizeof(uint64_t))) ? IGRAPH_SUCCESS : IGRAPH_ENOMEM;
}
static void lrng_destroy(void *state) { free(state); }
static igraph_error_t lrng_seed(void *state, igraph_uint_t seed) {
    *(uint64_t *)state = (uint64_t)seed;
    return IGRAPH_SUCCESS;
}
static igraph_uint_t lrng_get(void *state) {
    uint64_t z = (*(uint64_t *)state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return (igraph_uint_t)(z ^ (z >> 31));
}
static igraph_real_t lrng_real(void *state) { return (double)(lrng_get(state) >> 11) * 0x1.0p-53; }
static const igraph_rng_type_t layout_rng_type = {
    .name = "splitmix64", .bits = 64, .init = lrng_init, .destroy = lrng_destroy,
    .seed = lrng_seed, .get = lrng_get, .get_real = lrng_real,
};
static igraph_rng_t layout_rng;
static int layout_rng_ready;

static const char *js_str(json_t *o, const char *k) {
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

typedef struct enode {
    int64_t id;
    char *key, *name, *type;
    long mentions;
    int depth;
    double x, y;
} enode;
typedef struct eedge { int a, b; long windows, articles; } eedge;
typedef struct ego {
    enode *n; int nn;
    eedge *e; int ne;
    size_t ce;
    long *known;   /* nn*nn pair counts from neighbour lists (-1: not known) */
} ego;

static void ego_free(ego *g) {
    for (int i = 0; i < g->nn; i++) { free(g->n[i].key); free(g->n[i].name); free(g->n[i].type); }
    free(g->n); free(g->e); free(g->known);
}

static int find_key(const ego *g, const char *key) {
    for (int i = 0; i < g->nn; i++) if (!strcmp(g->n[i].key, key)) return i;
    return -1;
}

/* Adds the entity 'key' (rowid and mentions read from the tables: with a
 * date range, the mentions in articles published in it, as the links). */
static int add_node(ng_store *s, ego *g, const ng_filter *f, const char *key, const char *name, const char *type,
                    int depth) {
    static const char q[] = "SELECT id, mentions FROM entity WHERE key=?",
        qd[] = "SELECT e.id, (SELECT count(*) FROM mention m JOIN article ar ON ar.id=m.article"
               " WHERE m.entity=e.id AND ar.published>=?2 AND ar.published<=?3) FROM entity e WHERE e.key=?1";
    int dated = (f->since && *f->since) || (f->until && *f->until);
    sqlite3_stmt *st;
    if (ngg_stmt(s, dated ? qd : q, &st, NULL)) return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    if (dated) {
        sqlite3_bind_text(st, 2, f->since && *f->since ? f->since : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, f->until && *f->until ? f->until : "9999-99-99", -1, SQLITE_STATIC);
    }
    int ok = sqlite3_step(st) == SQLITE_ROW;
    enode *x = &g->n[g->nn];
    if (ok) {
        x->id = sqlite3_column_int64(st, 0);
        x->mentions = (long)sqlite3_column_int64(st, 1);
    }
    ngg_done(st);
    if (!ok) return -1;
    x->key = strdup(key); x->name = strdup(name); x->type = strdup(type);
    x->depth = depth;
    if (!x->key || !x->name || !x->type) { free(x->key); free(x->name); free(x->type); return -1; }
    return g->nn++;
}

/* Adds entity 'i' of the index. */
static int add_node_ix(const ng_ego_index *x, ego *g, size_t i, int depth) {
    enode *n = &g->n[g->nn];
    n->id = x->rowid[i];
    n->mentions = (long)x->mentions[i];
    n->key = strdup(x->text + x->key[i]);
    n->name = strdup(x->text + x->name[i]);
    n->type = strdup(x->types[x->type[i]]);
    n->depth = depth;
    if (!n->key || !n->name || !n->type) { free(n->key); free(n->name); free(n->type); return -1; }
    return g->nn++;
}

static int add_edge(ego *g, int a, int b, long w, long arts) {
    if (ng_grow((void **)&g->e, &g->ce, (size_t)g->ne + 1, sizeof *g->e)) return -1;
    g->e[g->ne++] = (eedge){a, b, w, arts};
    return 0;
}

/* Neighbours of node 'from' as ng_query_neighbors gives them (filters and
 * dates applied, exact counts). */
static int neighbours(ng_store *s, const enode *from, int top, const ng_ego_opts *o, json_t **out, ng_error *err) {
    return ngg_neighbors_top(s, from->id, &o->filter, o->min_count, top, out, err);
}

static void remember(ego *g, int cap, int i, int j, long w) {
    g->known[(size_t)i * (size_t)cap + (size_t)j] = w;
    g->known[(size_t)j * (size_t)cap + (size_t)i] = w;
}

/* Fruchterman-Reingold's iterations and start temperature: each iteration
 * costs nodes squared; 100 up to 31 nodes and as many as the same work
 * allows beyond, at least 50. Measured on 80 ego networks of the bench
 * database (entities drawn as its load test draws them), from the fixed
 * start below, as edge crossings and pairs of nodes closer than 14 px per
 * network: at depth 1 (top 30) 300 iterations left 121.7 crossings, 200
 * 126.2, 150 126.5, 100 127.8, 80 125.7, no two nodes that close: 100
 * instead of 300 halved the cost of a depth-1 network (12.0 -> 5.5 M
 * instructions); a cooler start with fewer did worse there (70 at
 * sqrt(n)/3.5: 95.0 crossings against 91.9 on another sample of 80). At
 * depth 2 (top 100) fewer iterations at the same temperature drew worse
 * (60: 5,174 crossings, 12.8 close pairs; 50: 5,249, 13.1; 40: 5,338,
 * 13.7), but started cooler, at sqrt(n)/3.5 instead of sqrt(n)/3, 50 drew
 * as well as 60 (5,174, 11.9; top 50: 890 and 0.81 against 869 and 0.66)
 * for a sixth less of the layout, the larger part of a depth-2 request
 * and the part done under ng_igraph_lock(). */
static int iterations(int nn) {
    long it = nn <= 31 ? 100 : 100L * 31 * 31 / ((long)nn * nn);
    return it < 50 ? 50 : (int)it;
}
static double start_temperature(int nn) { return sqrt((double)nn) / (nn <= 31 ? 3 : 3.5); }

static int layout(ego *g, const ng_ego_opts *o, ng_error *err) {
    double W = o->width > 0 ? o->width : 800, H = o->height > 0 ? o->height : 560, margin = 48;
    if (g->nn == 1) { g->n[0].x = W / 2; g->n[0].y = H / 2; return NG_OK; }
    /* fixed start: the centre at the origin, depth 1 on a circle, depth 2
     * on a wider one, in rank order */
    int n1 = 0, n2 = 0, k1 = 0, k2 = 0;
    for (int i = 1; i < g->nn; i++) { if (g->n[i].depth == 1) n1++; else n2++; }
    igraph_t ig;
    igraph_vector_int_t ev = {0};
    igraph_vector_t wt = {0}, minx = {0}, maxx = {0}, miny = {0}, maxy = {0};
    igraph_matrix_t pos;
    int rc = NG_OK;
    ng_igraph_lock();
    igraph_error_handler_t *eh = igraph_set_error_handler(ig_error);
    igraph_warning_handler_t *wh = igraph_set_warning_handler(ig_warning);
    ig_reason[0] = 0;
    int ok = layout_rng_ready || (layout_rng_ready = igraph_rng_init(&layout_rng, &layout_rng_type) == IGRAPH_SUCCESS);
    /* igraph_rng_set_default copies the generator into igraph's one slot
     * and igraph_rng_default points at that slot: the default is saved by
     * value (its state lives elsewhere), or restoring it would copy the
     * layout's generator onto itself and Leiden would run on it afterwards
     * (communities for a seed then changed once a picture was drawn) */
    igraph_rng_t rng0 = *igraph_rng_default();
    if (ok) {
        igraph_rng_seed(&layout_rng, (igraph_uint_t)(o->seed ? o->seed : 1));
        igraph_rng_set_default(&layout_rng);
    }
    ok = ok && igraph_vector_int_init(&ev, 2 * (igraph_integer_t)g->ne) == IGRAPH_SUCCESS;
    ok = ok && igraph_vector_init(&wt, g->ne) == IGRAPH_SUCCESS;
    ok = ok && igraph_vector_init(&minx, g->nn) == IGRAPH_SUCCESS && igraph_vector_init(&maxx, g->nn) == IGRAPH_SUCCESS;
    ok = ok && igraph_vector_init(&miny, g->nn) == IGRAPH_SUCCESS && igraph_vector_init(&maxy, g->nn) == IGRAPH_SUCCESS;
    ok = ok && igraph_matrix_init(&pos, g->nn, 2) == IGRAPH_SUCCESS;
    if (ok) {
        long maxw = 1;
        for (int i = 0; i < g->ne; i++) if (g->e[i].windows > maxw) maxw = g->e[i].windows;
        for (int i = 0; i < g->ne; i++) {
            VECTOR(ev)[2 * i] = g->e[i].a;
            VECTOR(ev)[2 * i + 1] = g->e[i].b;
            VECTOR(wt)[i] = 1.0 + 4.0 * log1p((double)g->e[i].windows) / log1p((double)maxw);
        }
        double lim = sqrt((double)g->nn) * 4;
        for (int i = 0; i < g->nn; i++) {
            double ang, r;
            if (i == 0) { ang = 0; r = 0; }
            else if (g->n[i].depth == 1) { ang = 2 * M_PI * k1++ / (n1 ? n1 : 1); r = 1.5; }
            else { ang = 2 * M_PI * (k2++ + 0.5) / (n2 ? n2 : 1); r = 3; }
            MATRIX(pos, i, 0) = r * cos(ang);
            MATRIX(pos, i, 1) = r * sin(ang);
            VECTOR(minx)[i] = VECTOR(miny)[i] = i == 0 ? 0 : -lim;
            VECTOR(maxx)[i] = VECTOR(maxy)[i] = i == 0 ? 0 : lim;
        }
        ok = igraph_create(&ig, &ev, g->nn, IGRAPH_UNDIRECTED) == IGRAPH_SUCCESS;
        if (ok) {
            ok = igraph_layout_fruchterman_reingold(&ig, &pos, 1, iterations(g->nn), start_temperature(g->nn),
                                                    IGRAPH_LAYOUT_NOGRID, &wt, &minx, &maxx, &miny, &maxy)
                 == IGRAPH_SUCCESS;
            igraph_destroy(&ig);
        }
        if (ok) {
            double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
            for (int i = 0; i < g->nn; i++) {
                double x = MATRIX(pos, i, 0), y = MATRIX(pos, i, 1);
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
            double dx = x1 - x0 > 1e-9 ? x1 - x0 : 1, dy = y1 - y0 > 1e-9 ? y1 - y0 : 1;
            double sc = fmin((W - 2 * margin) / dx, (H - 2 * margin) / dy);
            double ox = (W - sc * dx) / 2, oy = (H - sc * dy) / 2;
            for (int i = 0; i < g->nn; i++) {
                g->n[i].x = round((ox + (MATRIX(pos, i, 0) - x0) * sc) * 10) / 10;
                g->n[i].y = round((oy + (MATRIX(pos, i, 1) - y0) * sc) * 10) / 10;
            }
        }
        igraph_matrix_destroy(&pos);
    }
    if (!ok) rc = ng_error_set(err, NG_E_GRAPH, NULL, 0, 0, "ego layout: %s", ig_reason[0] ? ig_reason : "igraph error");
    igraph_vector_int_destroy(&ev);
    igraph_vector_destroy(&wt);
    igraph_vector_destroy(&minx); igraph_vector_destroy(&maxx);
    igraph_vector_destroy(&miny); igraph_vector_destroy(&maxy);
    igraph_rng_set_default(&rng0);
    igraph_set_error_handler(eh);
    igraph_set_warning_handler(wh);
    ng_igraph_unlock();
    return rc;
}

static int cmp_edge(const void *p, const void *q) {
    const eedge *a = p, *b = q;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* The nodes and links of the SQL path below read from the index (no date
 * range: every count is the stored one). */
static int gather_ix(const ng_ego_index *x, size_t ci, const ng_ego_opts *o, int cap, ego *g, ng_error *err) {
    long *ix = malloc((size_t)cap * sizeof *ix);   /* node -> index entry */
    unsigned char *in = calloc(x->n / 8 + 1, 1);   /* drawn, by index entry */
    ngx_link *l = NULL, **lists = NULL;
    long *nl = NULL;
    int rc = NG_E_NOMEM, n1 = 0;
    if (!ix || !in || add_node_ix(x, g, ci, 0) != 0) goto done;
    ix[0] = (long)ci;
    in[ci / 8] |= (unsigned char)(1u << (ci % 8));
    int n1max = o->depth == 1 ? o->top : (o->top + 2) / 3;
    long k = ngx_top(x, ci, o->filter.types, o->min_count, n1max, &l);
    if (k < 0) goto done;
    for (long j = 0; j < k && g->nn < cap; j++) {
        ix[g->nn] = l[j].o;
        in[l[j].o / 8] |= (unsigned char)(1u << (l[j].o % 8));
        if (add_node_ix(x, g, (size_t)l[j].o, 1) < 0) goto done;
    }
    n1 = g->nn;
    if (o->depth == 2 && n1 > 1 && g->nn < cap) {
        int per = (cap - g->nn) / (n1 - 1) + 2;
        lists = calloc((size_t)n1, sizeof *lists);
        nl = calloc((size_t)n1, sizeof *nl);
        if (!lists || !nl) goto done;
        for (int m = 1; m < n1; m++)
            if ((nl[m] = ngx_top(x, (size_t)ix[m], o->filter.types, o->min_count, per, &lists[m])) < 0) goto done;
        for (int r = 0; r < per && g->nn < cap; r++)
            for (int m = 1; m < n1 && g->nn < cap; m++) {
                if (r >= nl[m]) continue;
                int32_t e = lists[m][r].o;
                if (in[e / 8] & (1u << (e % 8))) continue;
                ix[g->nn] = e;
                in[e / 8] |= (unsigned char)(1u << (e % 8));
                if (add_node_ix(x, g, (size_t)e, 2) < 0) goto done;
            }
    }
    /* every stored link between two drawn nodes with enough windows, found
     * from the node that comes first */
    for (int a = 0; a < g->nn; a++) {
        const ngx_link *p = x->link + x->off[ix[a]], *end = x->link + x->off[ix[a] + 1];
        for (; p < end && p->w >= o->min_count; p++) {
            if (!(in[p->o / 8] & (1u << (p->o % 8)))) continue;
            int b = 0;
            while (b < g->nn && ix[b] != p->o) b++;
            if (b > a && add_edge(g, a, b, p->w, p->a)) goto done;
        }
    }
    if (g->ne > 1) qsort(g->e, (size_t)g->ne, sizeof *g->e, cmp_edge);
    rc = NG_OK;
done:
    for (int m = 0; lists && m < n1; m++) free(lists[m]);
    free(lists); free(nl); free(l); free(in); free(ix);
    return rc ? ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL) : NG_OK;
}

int ng_query_ego(ng_store *s, const char *entity, const ng_ego_opts *opts, json_t **out, ng_error *err) {
    *out = NULL;
    ng_ego_opts o = {0};
    if (opts) o = *opts;
    if (o.depth <= 0) o.depth = 1;
    if (o.depth > 2) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "ego depth %d: at most 2", o.depth);
    if (o.top <= 0) o.top = 30;
    if (o.top > NG_EGO_MAX_NODES) o.top = NG_EGO_MAX_NODES;
    if (o.min_count < 1) o.min_count = 1;
    int64_t x;
    int rc = ngg_lookup(s, entity, &x, err);
    if (rc) return rc;
    int cap = o.top + 1;
    ego g = {0};
    g.n = calloc((size_t)cap, sizeof *g.n);
    g.known = malloc((size_t)cap * (size_t)cap * sizeof *g.known);
    if (!g.n || !g.known) { ego_free(&g); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    for (size_t i = 0; i < (size_t)cap * (size_t)cap; i++) g.known[i] = -1;
    long ci = -1;
    if (o.index && !(o.filter.since && *o.filter.since) && !(o.filter.until && *o.filter.until))
        ci = ngx_find(o.index, x);
    json_t *c, *nb = NULL;
    if (ci >= 0) {
        const ng_ego_index *ix = o.index;
        c = json_pack("{s:s,s:s,s:s}", "id", ix->text + ix->key[ci], "name", ix->text + ix->name[ci],
                      "type", ix->types[ix->type[ci]]);
        if (!c) { ego_free(&g); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
        if ((rc = gather_ix(ix, (size_t)ci, &o, cap, &g, err))) goto fail;
        goto laid;
    }
    c = ngg_entity_brief(s, x);
    if (!c || add_node(s, &g, &o.filter, js_str(c, "id"), js_str(c, "name"), js_str(c, "type"), 0) != 0) {
        json_decref(c); ego_free(&g);
        return ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "entity vanished");
    }
    /* depth 1: the centre's strongest neighbours; with depth 2 a third of
     * the places, the rest shared among their own neighbours */
    int n1max = o.depth == 1 ? o.top : (o.top + 2) / 3;
    rc = neighbours(s, &g.n[0], n1max, &o, &nb, err);
    if (rc) goto fail;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(nb, "neighbors"), i, v) {
        if (g.nn >= cap) break;
        int k = add_node(s, &g, &o.filter, js_str(v, "id"), js_str(v, "name"), js_str(v, "type"), 1);
        if (k > 0) remember(&g, cap, 0, k, (long)json_integer_value(json_object_get(v, "count")));
    }
    json_decref(nb); nb = NULL;
    int n1 = g.nn;
    if (o.depth == 2 && n1 > 1 && g.nn < cap) {
        int per = (cap - g.nn) / (n1 - 1) + 2;
        json_t **lists = calloc((size_t)n1, sizeof *lists);
        if (!lists) { rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); goto fail; }
        for (int k = 1; k < n1 && !rc; k++) rc = neighbours(s, &g.n[k], per, &o, &lists[k], err);
        /* round robin over the lists, each in its own order of strength */
        for (int r = 0; !rc && r < per && g.nn < cap; r++)
            for (int k = 1; k < n1 && g.nn < cap; k++) {
                json_t *e = json_array_get(json_object_get(lists[k], "neighbors"), (size_t)r);
                if (!e) continue;
                const char *key = js_str(e, "id");
                int at = find_key(&g, key);
                if (at < 0) at = add_node(s, &g, &o.filter, key, js_str(e, "name"), js_str(e, "type"), 2);
                if (at >= 0) remember(&g, cap, k, at, (long)json_integer_value(json_object_get(e, "count")));
            }
        /* pairs the lists saw beyond what was drawn from them */
        for (int k = 1; k < n1 && !rc; k++) {
            json_array_foreach(json_object_get(lists[k], "neighbors"), i, v) {
                int at = find_key(&g, js_str(v, "id"));
                if (at >= 0) remember(&g, cap, k, at, (long)json_integer_value(json_object_get(v, "count")));
            }
        }
        for (int k = 0; k < n1; k++) json_decref(lists[k]);
        free(lists);
        if (rc) goto fail;
    }
    /* every pair of drawn nodes: the counts from the lists, else the stored
     * edge (all-time counts; with dates, only an edge seen in the range) */
    {
        static const char q[] = "SELECT windows, articles, first_date, last_date FROM edge WHERE a=? AND b=?";
        sqlite3_stmt *st;
        if ((rc = ngg_stmt(s, q, &st, err))) goto fail;
        const char *since = o.filter.since && *o.filter.since ? o.filter.since : NULL;
        const char *until = o.filter.until && *o.filter.until ? o.filter.until : NULL;
        for (int a = 0; a < g.nn && !rc; a++)
            for (int b = a + 1; b < g.nn; b++) {
                int64_t p = g.n[a].id, q2 = g.n[b].id;
                if (p > q2) { int64_t t = p; p = q2; q2 = t; }
                sqlite3_bind_int64(st, 1, p);
                sqlite3_bind_int64(st, 2, q2);
                if (sqlite3_step(st) == SQLITE_ROW) {
                    long w = (long)sqlite3_column_int64(st, 0), ar = (long)sqlite3_column_int64(st, 1);
                    const char *f = (const char *)sqlite3_column_text(st, 2), *l = (const char *)sqlite3_column_text(st, 3);
                    long k = g.known[(size_t)a * (size_t)cap + (size_t)b];
                    if (k >= 0) w = k;
                    int in_range = !((since && l && strncmp(l, since, 10) < 0) || (until && f && strncmp(f, until, 10) > 0));
                    if (w >= o.min_count && (k >= 0 || in_range) && add_edge(&g, a, b, w, ar)) {
                        rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
                        break;
                    }
                }
                sqlite3_reset(st);
            }
        ngg_done(st);
        if (rc) goto fail;
    }
laid:
    if ((rc = layout(&g, &o, err))) goto fail;
    json_t *res = json_object(), *nodes = json_array(), *edges = json_array();
    json_object_set_new(res, "entity", c); c = NULL;
    json_object_set_new(res, "depth", json_integer(o.depth));
    json_object_set_new(res, "top", json_integer(o.top));
    json_object_set_new(res, "seed", json_integer((json_int_t)(o.seed ? o.seed : 1)));
    json_object_set_new(res, "width", json_real(o.width > 0 ? o.width : 800));
    json_object_set_new(res, "height", json_real(o.height > 0 ? o.height : 560));
    /* (built field by field: json_pack parsed its format and checked every
     * string again for each of the hundreds of nodes and links) */
    json_t **key = calloc((size_t)(g.nn ? g.nn : 1), sizeof *key);   /* node ids, shared by the links */
    int ok = res && nodes && edges && key;
    for (int k = 0; ok && k < g.nn; k++) {
        json_t *n = json_object();
        key[k] = json_string(g.n[k].key);
        ok = n && !json_array_append_new(nodes, n) && key[k]   /* (the array owns n, even failing) */
             && !json_object_set_nocheck(n, "id", key[k])
             && !json_object_set_new_nocheck(n, "name", json_string(g.n[k].name))
             && !json_object_set_new_nocheck(n, "type", json_string(g.n[k].type))
             && !json_object_set_new_nocheck(n, "mentions", json_integer((json_int_t)g.n[k].mentions))
             && !json_object_set_new_nocheck(n, "depth", json_integer(g.n[k].depth))
             && !json_object_set_new_nocheck(n, "x", json_real(g.n[k].x))
             && !json_object_set_new_nocheck(n, "y", json_real(g.n[k].y));
    }
    for (int k = 0; ok && k < g.ne; k++) {
        json_t *e = json_object();
        ok = e && !json_array_append_new(edges, e)
             && !json_object_set_new_nocheck(e, "source", json_integer(g.e[k].a))
             && !json_object_set_new_nocheck(e, "target", json_integer(g.e[k].b))
             && !json_object_set_nocheck(e, "a", key[g.e[k].a])
             && !json_object_set_nocheck(e, "b", key[g.e[k].b])
             && !json_object_set_new_nocheck(e, "count", json_integer((json_int_t)g.e[k].windows))
             && !json_object_set_new_nocheck(e, "articles", json_integer((json_int_t)g.e[k].articles));
    }
    for (int k = 0; key && k < g.nn; k++) json_decref(key[k]);   /* (json_decref(NULL) is a no-op) */
    free(key);
    if (ok) { ok = !json_object_set_new(res, "nodes", nodes); nodes = NULL; }   /* (set_new takes the value, even failing) */
    if (ok) { ok = !json_object_set_new(res, "edges", edges); edges = NULL; }
    json_decref(nodes);
    json_decref(edges);
    ego_free(&g);
    if (!ok) {
        json_decref(res);
        return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    }
    *out = res;
    return NG_OK;
fail:
    json_decref(c);
    json_decref(nb);
    ego_free(&g);
    return rc;
}
