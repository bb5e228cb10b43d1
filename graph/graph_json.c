/* JSON text in and out of the graph queries (graph/graph_json.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "graph_json.h"
#include "bind.h"

/* ## Arguments
 *
 * The keys each query takes: the one list. ng_query_json refuses a key its
 * query does not list before reading any (a typo such as "limt" would
 * otherwise give the unfiltered answer as if it were the one asked for,
 * as serve refuses an unknown parameter), naming the ones it takes; every
 * read goes through arg(), which refuses a key the list lacks, so the
 * list cannot silently fall behind the code (tests read every key). */
#define FILTER_KEYS "since", "until", "types"
typedef struct jquery {
    const char *name;
    const char *const keys[12];
} jquery;
static const jquery jqueries[] = {
    {"neighbors", {"entity", "top", "by", "min_count", FILTER_KEYS, NULL}},
    {"evidence", {"a", "b", "limit", NULL}},
    {"path", {"a", "b", "evidence", FILTER_KEYS, NULL}},
    {"top", {"by", "n", "sources", FILTER_KEYS, NULL}},
    {"entity", {"entity", "top", NULL}},
    {"stats", {NULL}},
    {"communities", {"resolution", "seed", "iterations", "min_count", "max_communities", "max_members", FILTER_KEYS,
                     NULL}},
    {"export", {"path", "format", "min_weight", "top_edges", "ego", "depth", FILTER_KEYS, NULL}},
    {"lookup", {"name", NULL}},
    {"duplicates", {"names", NULL}},
};
#define NQUERIES (sizeof jqueries / sizeof jqueries[0])

/* The arguments of one call: the object and its query's entry. */
typedef struct jargs {
    json_t *o;
    const jquery *q;
} jargs;

static int listed(const jquery *q, const char *k) {
    for (int j = 0; q->keys[j]; j++)
        if (!strcmp(q->keys[j], k)) return 1;
    return 0;
}

/* "a, b, limit" into buf ("none" for a query without arguments). */
static const char *key_list(const jquery *q, char *buf, size_t n) {
    size_t used = 0;
    buf[0] = 0;
    for (int j = 0; q->keys[j]; j++) {
        int k = snprintf(buf + used, n - used, "%s%s", j ? ", " : "", q->keys[j]);
        if (k < 0 || (size_t)k >= n - used) break;
        used += (size_t)k;
    }
    return buf[0] ? buf : "none";
}

/* NG_E_ARG for the first key of 'a' that its query does not take. */
static int check_keys(const jargs *a, ng_error *err) {
    const char *k;
    json_t *v;
    json_object_foreach(a->o, k, v) {
        if (listed(a->q, k)) continue;
        char list[200];
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown argument '%.40s': query '%s' takes %s", k, a->q->name,
                            key_list(a->q, list, sizeof list));
    }
    return NG_OK;
}

/* The value of key 'k' (NULL when absent); a key the query does not list is
 * a bug of this file, reported rather than read. */
static int arg(const jargs *a, const char *k, json_t **v, ng_error *err) {
    *v = NULL;
    if (!listed(a->q, k))
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "query '%s' reads argument '%s', which it does not list",
                            a->q->name, k);
    *v = json_object_get(a->o, k);
    return NG_OK;
}

/* Arguments: string, integer, real; absent keys keep the default. */
static int astr(const jargs *a, const char *k, const char **out, ng_error *err) {
    json_t *v;
    int rc = arg(a, k, &v, err);
    if (rc || !v || json_is_null(v)) return rc;
    if (!json_is_string(v)) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "argument '%s' must be a string", k);
    *out = json_string_value(v);
    return NG_OK;
}
static int along(const jargs *a, const char *k, long *out, ng_error *err) {
    json_t *v;
    int rc = arg(a, k, &v, err);
    if (rc || !v || json_is_null(v)) return rc;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000000)
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "argument '%s' must be an integer from 0 to 1000000000", k);
    *out = (long)json_integer_value(v);
    return NG_OK;
}
static int aint(const jargs *a, const char *k, int *out, ng_error *err) {
    long x = *out;
    int rc = along(a, k, &x, err);
    *out = (int)x;
    return rc;
}
/* A positive number (integer or real). */
static int apos(const jargs *a, const char *k, double *out, ng_error *err) {
    json_t *v;
    int rc = arg(a, k, &v, err);
    if (rc || !v || json_is_null(v)) return rc;
    if (!json_is_number(v) || !(json_number_value(v) > 0))
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "argument '%s' must be a positive number", k);
    *out = json_number_value(v);
    return NG_OK;
}
/* since/until/types; dates checked and completed as the CLI does (an
 * "until" month or year runs to its end). */
static int afilter(const jargs *a, ng_filter *f, char since[24], char until[24], ng_error *err) {
    const char *s = NULL, *u = NULL;
    char d[11], why[256];
    int rc;
    if ((rc = astr(a, "since", &s, err)) || (rc = astr(a, "until", &u, err)) ||
        (rc = astr(a, "types", &f->types, err)))
        return rc;
    if (f->types && !ng_types_valid(f->types))
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "types: '%.40s' is not a list of types such as PER,ORG "
                            "(letters, digits, '_' or '-', separated by commas without spaces)", f->types);
    if (s) {
        if (!ng_date_parse(s, 1, d, why, sizeof why)) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "since: %s", why);
        snprintf(since, 24, "%s", d);
        f->since = since;
    }
    if (u) {
        if (!ng_date_parse(u, 1, d, why, sizeof why)) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "until: %s", why);
        size_t l = strlen(d);
        snprintf(until, 24, "%s%s", d, l == 4 ? "-12-31" : l == 7 ? "-31" : "");
        f->until = until;
    }
    return ng_date_range_check(f->since, f->until, "", err);
}
static int need(const char *v, const char *k, ng_error *err) {
    return v ? NG_OK : ng_error_set(err, NG_E_ARG, NULL, 0, 0, "argument '%s' is required", k);
}

int ng_query_json(ng_store *s, const char *name, const char *args, char **out, ng_error *err) {
    json_t *r = NULL;
    json_error_t je;
    int rc = NG_OK;
    char since[24], until[24];
    jargs a = {NULL, NULL};
    if (out) *out = NULL;
    if (!s || !name || !out) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "invalid argument");
    for (size_t i = 0; i < NQUERIES && !a.q; i++)
        if (!strcmp(name, jqueries[i].name)) a.q = &jqueries[i];
    if (!a.q) {
        char list[200];
        size_t used = 0;
        for (size_t i = 0; i < NQUERIES; i++) {
            int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", jqueries[i].name);
            if (k < 0 || (size_t)k >= sizeof list - used) break;
            used += (size_t)k;
        }
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown query '%.40s' (queries: %s)", name, list);
    }
    if (args && *args) {
        /* a key given twice is refused too (jansson would keep the last) */
        a.o = json_loads(args, JSON_REJECT_DUPLICATES, &je);
        if (!a.o) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "arguments must be a JSON object: %s", je.text);
        if (!json_is_object(a.o)) {
            json_decref(a.o);
            return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "arguments must be a JSON object");
        }
    } else if (!(a.o = json_object())) {
        return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    if ((rc = check_keys(&a, err))) {
        json_decref(a.o);
        return rc;
    }
    if (!strcmp(name, "neighbors")) {
        ng_neighbors_opts o = {0};
        const char *e = NULL;
        long top = 0;
        if (!(rc = astr(&a, "entity", &e, err)) && !(rc = need(e, "entity", err)) &&
            !(rc = along(&a, "top", &top, err)) && !(rc = astr(&a, "by", &o.by, err)) &&
            !(rc = along(&a, "min_count", &o.min_count, err)) &&
            !(rc = afilter(&a, &o.filter, since, until, err))) {
            o.top = (int)top;
            rc = ng_query_neighbors(s, e, &o, &r, err);
        }
    } else if (!strcmp(name, "evidence")) {
        const char *x = NULL, *y = NULL;
        int limit = 10;
        if (!(rc = astr(&a, "a", &x, err)) && !(rc = astr(&a, "b", &y, err)) && !(rc = need(x, "a", err)) &&
            !(rc = need(y, "b", err)) && !(rc = aint(&a, "limit", &limit, err)))
            rc = ng_query_evidence(s, x, y, limit, &r, err);
    } else if (!strcmp(name, "path")) {
        const char *x = NULL, *y = NULL;
        int ev = 1;
        ng_filter f = {0};
        if (!(rc = astr(&a, "a", &x, err)) && !(rc = astr(&a, "b", &y, err)) && !(rc = need(x, "a", err)) &&
            !(rc = need(y, "b", err)) && !(rc = aint(&a, "evidence", &ev, err)) &&
            !(rc = afilter(&a, &f, since, until, err)))
            rc = ng_query_path(s, x, y, &f, ev, &r, err);
    } else if (!strcmp(name, "top")) {
        ng_filter f = {0};
        ng_top_opts o = {0};
        int n = 20;
        o.by = "degree";
        if (!(rc = astr(&a, "by", &o.by, err)) && !(rc = aint(&a, "n", &n, err)) &&
            !(rc = along(&a, "sources", &o.sources, err)) && !(rc = afilter(&a, &f, since, until, err))) {
            o.n = n;
            o.filter = &f;
            rc = ng_query_top_ex(s, &o, &r, err);
        }
    } else if (!strcmp(name, "entity")) {
        const char *e = NULL;
        int top = 10;
        if (!(rc = astr(&a, "entity", &e, err)) && !(rc = need(e, "entity", err)) &&
            !(rc = aint(&a, "top", &top, err)))
            rc = ng_query_entity(s, e, top, &r, err);
    } else if (!strcmp(name, "stats")) {
        rc = ng_query_stats(s, &r, err);
    } else if (!strcmp(name, "communities")) {
        ng_communities_opts o = {0};
        long seed = 1;
        o.resolution = 1;
        if (!(rc = apos(&a, "resolution", &o.resolution, err)) && !(rc = along(&a, "seed", &seed, err)) && !(rc = aint(&a, "iterations", &o.iterations, err)) &&
            !(rc = along(&a, "min_count", &o.min_count, err)) &&
            !(rc = aint(&a, "max_communities", &o.max_communities, err)) &&
            !(rc = aint(&a, "max_members", &o.max_members, err)) &&
            !(rc = afilter(&a, &o.filter, since, until, err))) {
            o.seed = (unsigned long)seed;
            rc = ng_query_communities(s, &o, &r, err);
        }
    } else if (!strcmp(name, "export")) {
        const char *path = NULL, *fmt = "graphml";
        ng_export_opts o = {0};
        long nn = 0, ne = 0;
        o.min_weight = 1;
        if (!(rc = astr(&a, "path", &path, err)) && !(rc = need(path, "path", err)) && !(rc = astr(&a, "format", &fmt, err)) &&
            !(rc = along(&a, "min_weight", &o.min_weight, err)) && !(rc = along(&a, "top_edges", &o.top_edges, err)) &&
            !(rc = astr(&a, "ego", &o.ego, err)) && !(rc = aint(&a, "depth", &o.depth, err)) &&
            !(rc = afilter(&a, &o.filter, since, until, err))) {
            if ((o.format = ng_export_format_parse(fmt)) < 0)
                rc = ng_error_set(err, NG_E_ARG, NULL, 0, 0, "format '%s' is not graphml, gexf, gml, dot or csv", fmt);
            else if (!(rc = ng_store_export(s, &o, path, &nn, &ne, err))) {
                r = json_pack("{s:I, s:I}", "nodes", (json_int_t)nn, "edges", (json_int_t)ne);
                if (!r) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
            }
        }
    } else if (!strcmp(name, "duplicates")) {
        const char *names = NULL;
        if (!(rc = astr(&a, "names", &names, err))) rc = ng_query_duplicates_names(s, names, &r, err);
    } else if (!strcmp(name, "lookup")) {
        const char *n = NULL;
        int64_t rowid = 0;
        json_t *cand = NULL;
        if (!(rc = astr(&a, "name", &n, err)) && !(rc = need(n, "name", err)) &&
            !(rc = ng_store_lookup(s, n, &rowid, &cand, err))) {
            r = json_pack("{s:I, s:o}", "rowid", (json_int_t)rowid, "match", cand ? cand : json_null());
            cand = NULL;
            json_t *also = ng_store_lookup_also(s);
            if (r && also) json_object_set_new(r, "also", json_deep_copy(also));
            if (!r) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
        }
        json_decref(cand);
    }
    json_decref(a.o);
    if (rc == NG_OK) {
        if (!(*out = ng_json_dump(r, 0))) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    json_decref(r);
    return rc;
}
