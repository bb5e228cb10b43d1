/* newsgraph serve: the JSON API (GET /api/...), one handler per view, each
 * a thin layer over the graph library with its parameters checked and
 * bounded. Errors are JSON {"error","message",...} with a 4xx status: 400
 * for a bad parameter, 404 for an unknown entity (with the lookup's
 * suggestions), article or endpoint, 409 for an ambiguous name (with the
 * candidates), 400 for a parameter the endpoint does not take (check_params).
 * Endpoints (README.md, "Explore in a browser"):
 *   stats, search?q=, entity/ID, neighbors/ID, ego/ID (format=svg),
 *   evidence/A/B, articles/ID, article/ID, path/A/B, top, communities,
 *   duplicates */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "graph_cli.h"
#include "serve.h"

typedef struct ctx {
    ng_store *s;
    const ng_ego_index *ix;
    const serve_args *args;
    serve_reply *r;
    int failed;   /* a reply (error) is set */
} ctx;

static void bad(ctx *x, const char *fmt, const char *a) {
    char m[300];
    snprintf(m, sizeof m, fmt, a);
    serve_error(x->r, 400, "bad_parameter", m, NULL);
    x->failed = 1;
}

/* An integer parameter in [lo, hi], 'dflt' when absent. */
static long iarg(ctx *x, const char *k, long dflt, long lo, long hi) {
    const char *v = serve_arg(x->args, k);
    if (x->failed || !v) return dflt;
    long n = 0;
    size_t len = strlen(v);
    if (!len || len > 9) goto no;
    for (const char *p = v; *p; p++) {
        if (!isdigit((unsigned char)*p)) goto no;
        n = n * 10 + (*p - '0');
    }
    if (n < lo || n > hi) goto no;
    return n;
no:;
    char m[200];
    snprintf(m, sizeof m, "%s: '%.40s' is not a whole number from %ld to %ld", k, v, lo, hi);
    serve_error(x->r, 400, "bad_parameter", m, NULL);
    x->failed = 1;
    return dflt;
}

/* One of a fixed set of words. */
static const char *warg(ctx *x, const char *k, const char *const *allowed) {
    const char *v = serve_arg(x->args, k);
    if (x->failed || !v || !*v) return allowed[0];
    for (int i = 0; allowed[i]; i++) if (!strcmp(v, allowed[i])) return allowed[i];
    char list[200] = "";
    for (int i = 0; allowed[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, allowed[i], sizeof list - strlen(list) - 1);
    }
    char m[300];
    snprintf(m, sizeof m, "%s: not one of %s", k, list);
    serve_error(x->r, 400, "bad_parameter", m, NULL);
    x->failed = 1;
    return allowed[0];
}

/* type=PER,ORG: types as the CLI's --type takes them (gcli_types). */
static const char *targ(ctx *x) {
    const char *v = serve_arg(x->args, "type");
    if (x->failed || !v || !*v) return NULL;
    if (strlen(v) > 256) { bad(x, "type: too long%s", ""); return NULL; }
    char why[200];
    if (gcli_types(v, why, sizeof why)) { bad(x, "type: %s", why); return NULL; }
    return v;
}

/* since/until=YYYY[-MM[-DD]]; 'until' of a year or month is its end. */
static const char *darg(ctx *x, const char *k, int until, char buf[16]) {
    const char *v = serve_arg(x->args, k);
    if (x->failed || !v || !*v) return NULL;
    char d[11], why[400];
    if (strlen(v) > 64 || !ng_date_parse(v, 1, d, why, sizeof why)) {   /* the CLI's --since/--until grammar */
        char m[480];
        snprintf(m, sizeof m, "%.16s: %.400s", k, strlen(v) > 64 ? "too long" : why);
        serve_error(x->r, 400, "bad_parameter", m, NULL);
        x->failed = 1;
        return NULL;
    }
    size_t n = strlen(d);   /* at most 10 */
    memcpy(buf, d, n + 1);
    if (until) strcat(buf, n == 4 ? "-12-31" : n == 7 ? "-31" : "");
    return buf;
}

static void reply_json(ctx *x, json_t *v) {
    x->r->status = 200;
    x->r->mime = "application/json";
    /* (jansson writes the answer: a hand-written writer was a sixth faster
     * on a depth-2 ego network, but JSON text is the library's work) */
    x->r->body = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(8));
    x->r->len = x->r->body ? strlen(x->r->body) : 0;
    json_decref(v);
}

/* A library error as an HTTP error. */
static void lib_error(ctx *x, int rc, const ng_error *err, const char *notfound_code) {
    json_t *extra = NULL;
    unsigned status = 500;
    const char *code = "internal";
    if (rc == NG_E_NOTFOUND || rc == NG_E_AMBIGUOUS) {
        /* an article is not looked up as an entity: an earlier request's
         * failure may still be recorded */
        json_t *f = strcmp(notfound_code, "article_not_found") ? ng_store_lookup_failure(x->s) : NULL;
        if (f) {
            extra = json_deep_copy(f);
            json_t *e = json_object_get(extra, "error");
            if (e) json_object_set_new(extra, "reason", json_incref(e));
        }
        status = rc == NG_E_NOTFOUND ? 404 : 409;
        code = rc == NG_E_AMBIGUOUS ? "ambiguous" : f ? "not_found" : notfound_code;
    } else if (rc == NG_E_ARG) {
        status = 400; code = "bad_parameter";
    } else if (rc == NG_E_BUSY) {
        status = 503; code = "busy";
    }
    serve_error(x->r, status, code, err->msg[0] ? err->msg : code, extra);
    x->failed = 1;
}

static void need(ctx *x, int nseg, int want, const char *usage) {
    if (!x->failed && nseg != want) {
        serve_error(x->r, 404, "not_found", usage, NULL);
        x->failed = 1;
    }
}

/* ## Endpoints */

static void ep_stats(ctx *x) {
    json_t *v; ng_error err = {0};
    int rc = ng_query_stats(x->s, &v, &err);
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

static void ep_search(ctx *x) {
    const char *q = serve_arg(x->args, "q");
    long limit = iarg(x, "limit", 10, 1, 50);
    if (x->failed) return;
    if (!q) { bad(x, "q: missing (the text typed)%s", ""); return; }
    if (strlen(q) > 200) { bad(x, "q: too long (at most 200 bytes)%s", ""); return; }
    json_t *v; ng_error err = {0};
    int rc = ng_query_suggest(x->s, q, (int)limit, &v, &err);
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

static void ep_entity(ctx *x, char **seg, int n) {
    need(x, n, 2, "usage: /api/entity/ENTITY");
    long top = iarg(x, "top", 10, 1, 100);
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    int rc = ng_query_entity_index(x->s, x->ix, seg[1], (int)top, &v, &err);
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

static void filters(ctx *x, ng_filter *f, char since[16], char until[16]) {
    f->types = targ(x);
    f->since = darg(x, "since", 0, since);
    f->until = darg(x, "until", 1, until);
    ng_error err = {0};
    if (!x->failed && ng_date_range_check(f->since, f->until, "", &err)) {
        serve_error(x->r, 400, "bad_parameter", err.msg, NULL);
        x->failed = 1;
    }
}

static void ep_neighbors(ctx *x, char **seg, int n) {
    static const char *const by[] = {"count", "articles", "npmi", "pmi", NULL};
    need(x, n, 2, "usage: /api/neighbors/ENTITY");
    ng_neighbors_opts o = {0};
    char since[16], until[16];
    o.top = (int)iarg(x, "top", 20, 1, 500);
    o.by = warg(x, "by", by);
    o.min_count = iarg(x, "min", 1, 1, 1000000000);
    filters(x, &o.filter, since, until);
    if (x->failed) return;
    o.index = x->ix;
    json_t *v; ng_error err = {0};
    int rc = ng_query_neighbors(x->s, seg[1], &o, &v, &err);
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

static void ep_ego(ctx *x, char **seg, int n) {
    static const char *const fmt[] = {"json", "svg", NULL};
    need(x, n, 2, "usage: /api/ego/ENTITY");
    ng_ego_opts o = {0};
    char since[16], until[16];
    o.depth = (int)iarg(x, "depth", 1, 1, 2);
    o.top = (int)iarg(x, "top", 30, 1, NG_EGO_MAX_NODES);
    o.min_count = iarg(x, "min", 1, 1, 1000000000);
    o.seed = (unsigned long)iarg(x, "seed", 1, 1, 999999999);
    filters(x, &o.filter, since, until);
    const char *f = warg(x, "format", fmt);
    if (x->failed) return;
    o.index = x->ix;
    json_t *v; ng_error err = {0};
    int rc = ng_query_ego(x->s, seg[1], &o, &v, &err);
    if (rc) { lib_error(x, rc, &err, "not_found"); return; }
    x->r->indexed = o.index && !o.filter.since && !o.filter.until;
    if (!strcmp(f, "svg")) {
        char *svg; size_t len;
        rc = ng_ego_svg(v, &svg, &len, &err);
        json_decref(v);
        if (rc) { lib_error(x, rc, &err, "not_found"); return; }
        x->r->status = 200;
        x->r->mime = "image/svg+xml";
        x->r->body = svg;
        x->r->len = len;
        return;
    }
    reply_json(x, v);
}

static void ep_evidence(ctx *x, char **seg, int n) {
    need(x, n, 3, "usage: /api/evidence/ENTITY/ENTITY");
    long off = iarg(x, "offset", 0, 0, 10000), lim = iarg(x, "limit", 10, 1, 100);
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    int rc = ng_query_evidence(x->s, seg[1], seg[2], (int)(off + lim), &v, &err);
    if (rc) { lib_error(x, rc, &err, "not_found"); return; }
    /* the page asked for: rows [off, off+lim) of the newest-first list */
    json_t *all = json_object_get(v, "evidence"), *page = json_array();
    for (size_t i = (size_t)off; i < json_array_size(all); i++) json_array_append(page, json_array_get(all, i));
    json_object_set_new(v, "evidence", page);
    json_object_set_new(v, "offset", json_integer(off));
    json_object_set_new(v, "limit", json_integer(lim));
    reply_json(x, v);
}

static void ep_articles(ctx *x, char **seg, int n) {
    need(x, n, 2, "usage: /api/articles/ENTITY");
    long off = iarg(x, "offset", 0, 0, 100000), lim = iarg(x, "limit", 20, 1, 100);
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    int rc = ng_query_entity_articles(x->s, seg[1], (int)off, (int)lim, &v, &err);
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

static void ep_article(ctx *x, char **seg, int n) {
    need(x, n, 2, "usage: /api/article/ID (a '/' in the id as %2F)");
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    int rc = ng_query_article(x->s, seg[1], &v, &err);
    if (rc) lib_error(x, rc, &err, "article_not_found"); else reply_json(x, v);
}

static void ep_path(ctx *x, char **seg, int n) {
    need(x, n, 3, "usage: /api/path/ENTITY/ENTITY");
    long ev = iarg(x, "evidence", 2, 0, 5);
    ng_filter f = {0};
    char since[16], until[16];
    filters(x, &f, since, until);
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    ng_igraph_lock();
    int rc = ng_query_path(x->s, seg[1], seg[2], &f, (int)ev, &v, &err);
    ng_igraph_unlock();
    if (rc) lib_error(x, rc, &err, "no_path"); else reply_json(x, v);
}

static void ep_top(ctx *x, int n) {
    static const char *const by[] = {"degree", "strength", "pagerank", "betweenness", NULL};
    need(x, n, 1, "usage: /api/top");
    ng_filter f = {0};
    char since[16], until[16];
    const char *b = warg(x, "by", by);
    long num = iarg(x, "n", 20, 1, 200);
    filters(x, &f, since, until);
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    ng_top_opts o = {0};
    o.by = b; o.filter = &f; o.n = (int)num;
    ng_igraph_lock();
    int rc = ng_query_top_ex(x->s, &o, &v, &err);
    ng_igraph_unlock();
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

static void ep_communities(ctx *x, int n) {
    need(x, n, 1, "usage: /api/communities");
    ng_communities_opts o = {0};
    char since[16], until[16];
    o.resolution = 1;
    o.seed = (unsigned long)iarg(x, "seed", 1, 0, 999999999);
    o.min_count = iarg(x, "min", 1, 1, 1000000000);
    o.max_communities = (int)iarg(x, "max", 20, 1, 200);
    o.max_members = (int)iarg(x, "members", 12, 1, 200);
    filters(x, &o.filter, since, until);
    if (x->failed) return;
    json_t *v; ng_error err = {0};
    ng_igraph_lock();
    int rc = ng_query_communities(x->s, &o, &v, &err);
    ng_igraph_unlock();
    if (rc) lib_error(x, rc, &err, "not_found"); else reply_json(x, v);
}

/* The people of the graph that are a node for each form of their name
 * (ng_query_duplicates), by the person rules with the given-name lists
 * serve loaded (serve_api_set_names); the first 'limit' groups, "count"
 * all of them. Read-only: the page shows the 'entity merge' to run. */
static const ng_namelist *api_names;
void serve_api_set_names(const ng_namelist *nl) { api_names = nl; }
static void ep_duplicates(ctx *x, int n) {
    need(x, n, 1, "usage: /api/duplicates");
    long limit = iarg(x, "limit", 100, 1, 1000);
    if (x->failed) return;
    /* (a tagger per answer: its scratch state is not shared between
     * threads; the name lists are) */
    ng_tagger *t = ng_tagger_new(NULL, 0, NG_TAG_DEFAULT);
    if (!t || (api_names && ng_tagger_set_names(t, api_names))) {
        ng_tagger_free(t);
        serve_error(x->r, 500, "internal", "out of memory", NULL);
        x->failed = 1;
        return;
    }
    json_t *v; ng_error err = {0};
    int rc = ng_query_duplicates(x->s, t, &v, &err);
    ng_tagger_free(t);
    if (rc) { lib_error(x, rc, &err, "not_found"); return; }
    json_t *g = json_object_get(v, "groups");
    while (json_array_size(g) > (size_t)limit) json_array_remove(g, json_array_size(g) - 1);
    reply_json(x, v);
}

/* The parameters each endpoint takes (README.md, "Explore in a browser").
 * Any other is refused: a typo (limt=5, sinse=2023) would otherwise give
 * the unfiltered answer as if it were the one asked for. */
#define FILTER_PARAMS "type", "since", "until"
static const struct endpoint {
    const char *name;
    const char *const params[12];
} endpoints[] = {
    {"stats", {NULL}},
    {"search", {"q", "limit", NULL}},
    {"entity", {"top", NULL}},
    {"neighbors", {"top", "by", "min", FILTER_PARAMS, NULL}},
    {"ego", {"depth", "top", "min", "seed", "format", FILTER_PARAMS, NULL}},
    {"evidence", {"offset", "limit", NULL}},
    {"articles", {"offset", "limit", NULL}},
    {"article", {NULL}},
    {"path", {"evidence", FILTER_PARAMS, NULL}},
    {"top", {"by", "n", FILTER_PARAMS, NULL}},
    {"communities", {"seed", "min", "max", "members", FILTER_PARAMS, NULL}},
    {"duplicates", {"limit", NULL}},
};

/* 400 for a parameter the endpoint does not take, or one given twice (only
 * the first would count): {"error": "bad_parameter", "message",
 * "parameter": the one refused, "parameters": the ones the endpoint takes}. */
static int check_params(const struct endpoint *ep, const serve_args *args, serve_reply *r) {
    for (int i = 0; i < args->n; i++) {
        const char *k = args->key[i];
        int known = 0, twice = 0;
        for (int j = 0; ep->params[j] && !known; j++) known = !strcmp(k, ep->params[j]);
        for (int j = 0; j < i && !twice; j++) twice = !strcmp(k, args->key[j]);
        if (known && !twice) continue;
        char list[200] = "";
        json_t *names = json_array();
        for (int j = 0; ep->params[j]; j++) {
            strncat(list, j ? ", " : "", sizeof list - strlen(list) - 1);
            strncat(list, ep->params[j], sizeof list - strlen(list) - 1);
            json_array_append_new(names, json_string(ep->params[j]));
        }
        char m[400];
        if (twice)
            snprintf(m, sizeof m, "%.40s: given twice", k);
        else if (ep->params[0])
            snprintf(m, sizeof m, "%.40s: unknown parameter; /api/%s takes %s", k, ep->name, list);
        else
            snprintf(m, sizeof m, "%.40s: unknown parameter; /api/%s takes none", k, ep->name);
        json_t *extra = json_object();
        json_t *kj = json_string(k);
        if (!kj) {   /* a name that is not UTF-8 */
            char *t = ng_utf8_repair(k, strlen(k), NULL);
            kj = json_string(t ? t : "?");
            free(t);
        }
        json_object_set_new(extra, "parameter", kj);
        json_object_set_new(extra, "parameters", names);
        serve_error(r, 400, "bad_parameter", m, extra);
        return -1;
    }
    return 0;
}

void serve_api(ng_store *s, const ng_ego_index *ix, char **seg, int n, const serve_args *args, serve_reply *r) {
    ctx x = {s, ix, args, r, 0};
    const char *e = seg[0];
    const struct endpoint *ep = NULL;
    for (size_t i = 0; i < sizeof endpoints / sizeof endpoints[0] && !ep; i++)
        if (!strcmp(e, endpoints[i].name)) ep = &endpoints[i];
    if (ep && check_params(ep, args, r)) return;
    /* one read transaction per answer (one snapshot, SQLite's locks taken
     * once); not for the whole-graph views, which load with a second
     * reader of their own (graph/analytics.c) */
    int snap = strcmp(e, "top") && strcmp(e, "communities") && strcmp(e, "path");
    if (snap) {
        ng_error err = {0};
        if (ng_store_read_begin(s, &err)) {
            serve_error(r, 503, "database_unavailable", err.msg, NULL);
            return;
        }
    }
    if (!strcmp(e, "stats") && n == 1) ep_stats(&x);
    else if (!strcmp(e, "search") && n == 1) ep_search(&x);
    else if (!strcmp(e, "entity")) ep_entity(&x, seg, n);
    else if (!strcmp(e, "neighbors")) ep_neighbors(&x, seg, n);
    else if (!strcmp(e, "ego")) ep_ego(&x, seg, n);
    else if (!strcmp(e, "evidence")) ep_evidence(&x, seg, n);
    else if (!strcmp(e, "articles")) ep_articles(&x, seg, n);
    else if (!strcmp(e, "article")) ep_article(&x, seg, n);
    else if (!strcmp(e, "path")) ep_path(&x, seg, n);
    else if (!strcmp(e, "top")) ep_top(&x, n);
    else if (!strcmp(e, "communities")) ep_communities(&x, n);
    else if (!strcmp(e, "duplicates")) ep_duplicates(&x, n);
    else serve_error(r, 404, "not_found", "no such endpoint", NULL);
    if (snap) ng_store_read_end(s);
}
