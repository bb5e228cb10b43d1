/* newsgraph serve: the HTTP side of the web explorer. libmicrohttpd's
 * internal polling with a pool of threads (one per four workers, at least
 * one) that read the requests, answer pages, assets and API answers kept
 * in the cache, and hand every other API request, with the connection
 * suspended, to the worker threads (one per processor by default; one
 * polling thread per worker, as before, made 10 % more server CPU and
 * fewer requests/s in each of three alternated load tests on 2 vCPUs:
 * reading and sending is a small part of a request), each with its own
 * read-only SQLite connection (opened on its first request, closed when
 * the thread ends; the file read through a memory map), so an ingest
 * running meanwhile (WAL) is seen by the next request. The workers take
 * the request that has waited longest for its class: quick views (entity,
 * neighbours, evidence, articles) may wait a tenth of what the heavy ones
 * (ego networks, paths, top, communities) do, searches half (the weights
 * of sched.c): a quick view never waits behind a queue of layouts, and a
 * layout does not wait for every quick view. (Not by thread priorities:
 * on a machine busy with other work, nice 10 starved the heavy ones.)
 * Ego networks, neighbour lists and entity cards come from an in-memory
 * index of the links while it is of the data the request sees (below).
 * API answers are cached (cache.c) until the database changes. Only GET and HEAD; the request line and headers are bounded by
 * the connection memory limit, the URL, the number and size of parameters
 * here; paths are matched against fixed routes and the embedded assets'
 * names, never against the file system. */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include "graph_cli.h"
#include "opts.h"
#include "serve.h"

#define MAX_URL 2048
#define MAX_SEG 8
#define MAX_ARG_LEN 512

static const char *db_path;
static pthread_key_t store_key;

/* A thread's connection and the data_version it saw last (cache.c). */
typedef struct worker { ng_store *s; long long seen; } worker;

static void worker_free(void *p) {
    worker *w = p;
    ng_store_close(w->s);
    free(w);
}

/* This thread's connection. */
static worker *thread_worker(ng_error *err) {
    worker *w = pthread_getspecific(store_key);
    if (!w) {
        if (!(w = calloc(1, sizeof *w))) { ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); return NULL; }
        if (ng_store_open(db_path, NG_STORE_READONLY | NG_STORE_MMAP | NG_STORE_NOMUTEX, &w->s, err)) { free(w); return NULL; }
        w->seen = -1;
        pthread_setspecific(store_key, w);
    }
    return w;
}

/* One request (*con_cls): its decoded path and parameters, its place in the
 * workers' queue and the answer a worker leaves there. */
typedef struct request {
    struct request *next;         /* in the queue */
    struct MHD_Connection *c;
    int started;                  /* the headers are in: answer on this call */
    int queued;                   /* suspended for a worker thread */
    int cls;                      /* its class (serve_view_class) */
    double queued_at;
    char buf[MAX_URL + 1];
    char *seg[MAX_SEG + 1];
    int n;
    serve_args args;
    char *key;                    /* the cache key */
    unsigned long gen;            /* the cache generation of the request */
    serve_reply r;
} request;

const char *serve_arg(const serve_args *a, const char *k) {
    for (int i = 0; i < a->n; i++) if (!strcmp(a->key[i], k)) return a->val[i];
    return NULL;
}

static int hexv(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
/* Percent-decodes 's' in place ('+' is a space when 'plus'); -1 for a bad
 * escape or a NUL byte. */
static int pct_decode(char *s, int plus) {
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '%') {
            int h = hexv((unsigned char)p[1]), l = h < 0 ? -1 : hexv((unsigned char)p[2]);
            if (h < 0 || l < 0 || (h == 0 && l == 0)) return -1;
            *w++ = (char)(h * 16 + l);
            p += 2;
        } else if (*p == '+' && plus) *w++ = ' ';
        else *w++ = *p;
    }
    *w = 0;
    return 0;
}

typedef struct argctx { serve_args *a; int bad; } argctx;
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    argctx *x = cls;
    if (x->a->n >= SERVE_MAX_ARGS) { x->bad = 1; return MHD_NO; }
    size_t vl = value ? strlen(value) : 0;
    if (strlen(key) > 32 || vl > MAX_ARG_LEN) { x->bad = 2; return MHD_NO; }
    char *k = strdup(key), *v = strdup(value ? value : "");
    if (!k || !v || pct_decode(k, 1) || pct_decode(v, 1)) { free(k); free(v); x->bad = 3; return MHD_NO; }
    x->a->key[x->a->n] = k;
    x->a->val[x->a->n++] = v;
    return MHD_YES;
}
static void args_free(serve_args *a) {
    for (int i = 0; i < a->n; i++) { free((char *)a->key[i]); free(a->val[i]); }
    a->n = 0;
}

static void request_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls; (void)c; (void)toe;
    request *q = *con_cls;
    if (!q) return;
    args_free(&q->args);
    free(q->key);
    free(q->r.body);
    free(q);
    *con_cls = NULL;
}

/* The cache key of an API request: its path and its parameters as sent
 * (decoded), one per line. */
static char *request_key(const char *url, const serve_args *a) {
    size_t len = strlen(url) + 1;
    for (int i = 0; i < a->n; i++) len += strlen(a->key[i]) + strlen(a->val[i]) + 2;
    char *k = malloc(len), *p = k;
    if (!k) return NULL;
    p = stpcpy(p, url);
    for (int i = 0; i < a->n; i++) {
        *p++ = '\n';
        p = stpcpy(p, a->key[i]);
        *p++ = '=';
        p = stpcpy(p, a->val[i]);
    }
    return k;
}

/* ## The ego networks' index
 *
 * ng_ego_index (graph/ego_index.c), built by a thread of its own from its
 * own connection at start, used for a request of the cache generation it
 * is tagged with and by no other: a request of a later generation is
 * answered from SQL and asks the thread to look again. When its
 * connection's data_version has not moved since the build, no process has
 * committed and the index is only tagged anew; else it is built again
 * (at most a third of the time: a build waits twice as long as the last
 * one took after it), the old one freed by its last user. */

typedef struct ixref { ng_ego_index *x; unsigned long gen; int refs; } ixref;
static pthread_mutex_t ix_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ix_cv = PTHREAD_COND_INITIALIZER;
static ixref *ix_cur;      /* holds one reference */
static long long ix_dv;    /* the builder's data_version at its build */
static int ix_wanted = 1, ix_stop;

static void ixref_put(ixref *r) {
    if (!r) return;
    pthread_mutex_lock(&ix_mu);
    int last = --r->refs == 0;
    pthread_mutex_unlock(&ix_mu);
    if (last) { ng_ego_index_free(r->x); free(r); }
}

/* The index of generation 'gen' (a reference: ixref_put), else NULL. */
static ixref *ixref_get(unsigned long gen) {
    pthread_mutex_lock(&ix_mu);
    ixref *r = ix_cur;
    if (r && r->gen == gen) r->refs++;
    else {
        r = NULL;
        if (!ix_wanted) { ix_wanted = 1; pthread_cond_signal(&ix_cv); }
    }
    pthread_mutex_unlock(&ix_mu);
    return r;
}

/* The views drawn from the index when it is of their data: ego networks,
 * and neighbour lists by count (the entity card's too). */
static int indexed(const char *endpoint) {
    return !strcmp(endpoint, "ego") || !strcmp(endpoint, "neighbors") || !strcmp(endpoint, "entity");
}

static void *index_main(void *arg) {
    (void)arg;
    ng_store *s = NULL;
    ng_error err = {0};
    double not_before = 0;
    if (ng_store_open(db_path, NG_STORE_READONLY | NG_STORE_MMAP | NG_STORE_NOMUTEX, &s, &err)) return NULL;   /* requests use SQL */
    pthread_mutex_lock(&ix_mu);
    while (!ix_stop) {
        if (!ix_wanted) { pthread_cond_wait(&ix_cv, &ix_mu); continue; }
        /* the generation first: every commit it counts is in the data
         * version read after it, and in the snapshot read after that */
        unsigned long gen = serve_cache_current();
        long long dv = ng_store_data_version(s);
        if (ix_cur && dv == ix_dv) { ix_cur->gen = gen; ix_wanted = 0; continue; }
        double now = ng_seconds();
        if (now < not_before) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            double wait = not_before - now;
            ts.tv_sec += (time_t)wait;
            ts.tv_nsec += (long)((wait - (double)(time_t)wait) * 1e9);
            if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
            pthread_cond_timedwait(&ix_cv, &ix_mu, &ts);
            continue;
        }
        pthread_mutex_unlock(&ix_mu);
        ng_ego_index *x = NULL;
        int rc = ng_ego_index_build(s, &x, &err);
        ixref *r = rc ? NULL : malloc(sizeof *r);
        double took = ng_seconds() - now;
        if (r) *r = (ixref){x, gen, 1};
        else ng_ego_index_free(x);
        pthread_mutex_lock(&ix_mu);
        not_before = now + 3 * took;
        ixref *old = NULL;
        if (r) { old = ix_cur; ix_cur = r; ix_dv = dv; }
        ix_wanted = 0;
        if (old && --old->refs == 0) { ng_ego_index_free(old->x); free(old); }
    }
    pthread_mutex_unlock(&ix_mu);
    ng_store_close(s);
    return NULL;
}

/* ## The worker threads */

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cv = PTHREAD_COND_INITIALIZER;
/* One queue per class of view (sched.c), each in its order of arrival. */
static request *queue_head[SERVE_NCLASS], *queue_tail[SERVE_NCLASS];
static int queue_stop;

static void enqueue(request *q) {
    int h = q->cls;
    q->queued_at = ng_seconds();
    pthread_mutex_lock(&queue_mu);
    q->next = NULL;
    if (queue_tail[h]) queue_tail[h]->next = q; else queue_head[h] = q;
    queue_tail[h] = q;
    pthread_cond_signal(&queue_cv);
    pthread_mutex_unlock(&queue_mu);
}

/* The request due first (NULL when stopping, or when none waits and not
 * 'wait'). */
static request *dequeue(int wait) {
    pthread_mutex_lock(&queue_mu);
    for (;;) {
        int any = 0;
        for (int c = 0; c < SERVE_NCLASS; c++) any |= queue_head[c] != NULL;
        if (!wait || any || queue_stop) break;
        pthread_cond_wait(&queue_cv, &queue_mu);
    }
    double waited[SERVE_NCLASS], now = ng_seconds();
    for (int c = 0; c < SERVE_NCLASS; c++) waited[c] = queue_head[c] ? now - queue_head[c]->queued_at : -1;
    int h = serve_pick_class(waited);
    request *q = (wait && queue_stop) || h < 0 ? NULL : queue_head[h];
    if (q && !(queue_head[h] = q->next)) queue_tail[h] = NULL;
    pthread_mutex_unlock(&queue_mu);
    return q;
}

static void *worker_main(void *arg) {
    (void)arg;
    request *q;
    while ((q = dequeue(1))) {
        ng_error err = {0};
        worker *w = thread_worker(&err);
        if (!w) serve_error(&q->r, 503, "database_unavailable", err.msg, NULL);
        else {
            ixref *ix = indexed(q->seg[1]) ? ixref_get(q->gen) : NULL;
            serve_api(w->s, ix ? ix->x : NULL, q->seg + 1, q->n - 1, &q->args, &q->r);
            ixref_put(ix);
            if (q->r.status == 200 && q->key) serve_cache_put(q->key, q->gen, &q->r);
        }
        MHD_resume_connection(q->c);   /* q belongs to the connection again */
    }
    return NULL;
}

/* URLs stay as sent (decoded per segment and per parameter here, so an id
 * with a '/' can be sent as %2F). */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s) {
    (void)cls; (void)c;
    return strlen(s);
}

static const serve_asset *asset(const char *name) {
    for (const serve_asset *a = serve_assets; a->name; a++)
        if (!strcmp(a->name, name)) return a;
    return NULL;
}

void serve_error(serve_reply *r, unsigned status, const char *code, const char *m, json_t *extra) {
    json_t *o = extra && json_is_object(extra) ? extra : json_object();
    if (extra && o != extra) json_decref(extra);
    json_object_set_new(o, "error", json_string(code));
    json_object_set_new(o, "message", json_string(m ? m : code));
    if (!json_object_get(o, "message") && m) {   /* a message quoting bytes that are not UTF-8 */
        char *t = ng_utf8_repair(m, strlen(m), NULL);
        if (t) json_object_set_new(o, "message", json_string(t));
        free(t);
    }
    if (!json_object_get(o, "message")) json_object_set_new(o, "message", json_string(code));
    r->status = status;
    r->mime = "application/json";
    r->body = json_dumps(o, JSON_COMPACT);
    r->len = r->body ? strlen(r->body) : 0;
    json_decref(o);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, unsigned status, const char *mime, const void *body,
                                  size_t len, int owned, int cache, const char *xcache, int indexed) {
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body,
                                                                owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) { if (owned) free((void *)body); return MHD_NO; }
    MHD_add_response_header(resp, "Content-Type", mime);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                            " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Cache-Control", cache ? "no-cache" : "no-store");
    if (xcache) MHD_add_response_header(resp, "X-Cache", xcache);
    if (indexed) MHD_add_response_header(resp, "X-Ego-Index", "used");
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result send_json_error(struct MHD_Connection *c, unsigned status, const char *code, const char *m) {
    serve_reply r = {0};
    serve_error(&r, status, code, m, NULL);
    if (!r.body) return MHD_NO;
    return send_reply(c, r.status, r.mime, r.body, r.len, 1, 0, NULL, 0);
}

/* Routes of the page itself: the one HTML file answers them all, its
 * script reads the path. */
static int page_route(char **seg, int n) {
    if (n == 0) return 1;
    if (n == 1) return !strcmp(seg[0], "top") || !strcmp(seg[0], "communities") || !strcmp(seg[0], "duplicates") ||
                         !strcmp(seg[0], "search");
    if (n == 2) return !strcmp(seg[0], "entity") || !strcmp(seg[0], "article");
    if (n == 3) return !strcmp(seg[0], "evidence") || !strcmp(seg[0], "path");
    return 0;
}

/* An API request: from the cache, else queued for a worker thread with
 * the connection suspended (answered here when there are none). */
static enum MHD_Result api(struct MHD_Connection *c, const char *url, request *q) {
    ng_error err = {0};
    worker *w = thread_worker(&err);
    serve_reply r = {0};
    if (!w) {
        serve_error(&r, 503, "database_unavailable", err.msg, NULL);
        return r.body ? send_reply(c, r.status, r.mime, r.body, r.len, 1, 0, NULL, 0) : MHD_NO;
    }
    q->gen = serve_cache_generation(w->s, &w->seen);
    q->key = request_key(url, &q->args);
    if (q->key && serve_cache_get(q->key, q->gen, &r))
        return send_reply(c, r.status, r.mime, r.body, r.len, 1, 0, "hit", 0);
    if (!queue_stop) {
        q->cls = serve_view_class(q->seg[1]);
        q->c = c;
        q->queued = 1;
        MHD_suspend_connection(c);
        enqueue(q);
        return MHD_YES;
    }
    ixref *ix = indexed(q->seg[1]) ? ixref_get(q->gen) : NULL;
    serve_api(w->s, ix ? ix->x : NULL, q->seg + 1, q->n - 1, &q->args, &r);
    ixref_put(ix);
    if (!r.body) return send_json_error(c, 500, "internal", "out of memory");
    if (r.status == 200 && q->key) serve_cache_put(q->key, q->gen, &r);
    return send_reply(c, r.status, r.mime, r.body, r.len, 1, 0, "miss", r.indexed);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls) {
    (void)cls; (void)version; (void)upload;
    request *q = *con_cls;
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        *upload_size = 0;
        return send_json_error(c, 405, "method_not_allowed", "read-only: only GET and HEAD");
    }
    /* answering in the first call, before MHD knows there is no body,
     * would close the connection: the answer comes in the second */
    if (!q) {
        if (!(q = calloc(1, sizeof *q))) return MHD_NO;
        *con_cls = q;
        return MHD_YES;
    }
    *upload_size = 0;
    if (q->queued) {   /* resumed: a worker left the answer */
        serve_reply r = q->r;
        q->r.body = NULL;
        if (!r.body) return send_json_error(c, 500, "internal", "out of memory");
        return send_reply(c, r.status, r.mime, r.body, r.len, 1, 0, "miss", r.indexed);
    }
    if (q->started) return MHD_YES;   /* more body of a GET: ignored */
    q->started = 1;
    if (strlen(url) > MAX_URL) return send_json_error(c, 414, "uri_too_long", "the URL is too long");
    if (url[0] != '/') return send_json_error(c, 400, "bad_request", "the path must start with /");
    /* split and decode the path */
    char *buf = q->buf, **seg = q->seg;
    strcpy(buf, url);
    int n = 0;
    for (char *p = buf + 1; *p || n == 0;) {
        char *e = strchr(p, '/');
        if (e) *e = 0;
        if (*p || e) {
            if (n == MAX_SEG) return send_json_error(c, 404, "not_found", "no such page");
            if (pct_decode(p, 0)) return send_json_error(c, 400, "bad_request", "bad percent-encoding in the path");
            seg[n++] = p;
        }
        if (!e) break;
        p = e + 1;
    }
    if (n == 1 && !*seg[0]) n = 0;   /* "/" */
    q->n = n;
    argctx ax = {&q->args, 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &ax);
    if (ax.bad)
        return send_json_error(c, 400, "bad_request", ax.bad == 1 ? "too many parameters"
                                                    : ax.bad == 2 ? "a parameter is too long" : "bad percent-encoding in a parameter");
    if (n >= 2 && !strcmp(seg[0], "api")) return api(c, url, q);
    if (n == 1 && !strcmp(seg[0], "api")) return send_json_error(c, 404, "not_found", "no such endpoint");
    if (n == 2 && !strcmp(seg[0], "static")) {
        const serve_asset *a = asset(seg[1]);
        if (a) return send_reply(c, 200, a->mime, a->data, a->len, 0, 1, NULL, 0);
        return send_json_error(c, 404, "not_found", "no such file");
    }
    if (n == 1 && !strcmp(seg[0], "favicon.ico")) {
        const serve_asset *a = asset("favicon.svg");
        if (a) return send_reply(c, 200, a->mime, a->data, a->len, 0, 1, NULL, 0);
    }
    if (page_route(seg, n)) {
        const serve_asset *a = asset("index.html");
        if (a) return send_reply(c, 200, a->mime, a->data, a->len, 0, 1, NULL, 0);
    }
    return send_json_error(c, 404, "not_found", "no such page");
}

static void usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph serve [--db FILE] [--port N] [--bind ADDR] [--threads N] [--cache-mb N]\n\n"
        "Serves a web explorer of the graph (search, entity pages, ego networks,\n"
        "evidence, articles, paths, centralities, communities, possible duplicates)\n"
        "and its JSON API under /api/. Read-only; the database may be ingested\n"
        "into meanwhile.\n\n"
        "      --db FILE      database (default $NEWSGRAPH_DB or newsgraph.db)\n"
        "  -p, --port N       TCP port (default 8080; 0 picks a free one)\n"
        "      --bind ADDR    address to listen on (default 127.0.0.1, this machine only);\n"
        "                     anything else exposes the database to the network\n"
        "      --threads N    threads answering requests (default: one per processor;\n"
        "                     a quick view may wait a tenth of an ego network's wait),\n"
        "                     with one database connection each, and one thread\n"
        "                     reading requests per four of them\n"
        "      --cache-mb N   memory for answers kept until the database changes\n"
        "                     (default 64; 0: no cache)\n"
        "      --no-index     ego networks from SQL only, without the index of the\n"
        "                     links kept in memory (some 30 bytes a link, built at\n"
        "                     start and again when the database changes)\n"
        "An API parameter that an endpoint does not take, one given twice or a\n"
        "since after until is refused (status 400, a JSON error naming it).\n"
        "Stops on Ctrl-C (SIGINT) or SIGTERM.\n");
}

int cmd_serve(int argc, char **argv) {
    const char *db = NULL, *bind = "127.0.0.1", *v;
    long long port = 8080, threads = cli_threads_default(), cache_mb = 64;
    int rc, use_index = 1;
    enum { O_DB = 1, O_BIND, O_PORT, O_THREADS, O_CACHE, O_NOINDEX };
    static const cli_opt options[] = {
        {"--db", NULL, 1, O_DB}, {"--bind", NULL, 1, O_BIND}, {"--port", "-p", 1, O_PORT},
        {"--threads", NULL, 1, O_THREADS}, {"--cache-mb", NULL, 1, O_CACHE}, {"--no-index", NULL, 0, O_NOINDEX}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    while ((rc = cli_next(&p, options, &v)) != CLI_END) {
        switch (rc) {
        case CLI_HELP: usage(stdout); return 0;
        case CLI_BAD: goto usage;
        case CLI_UNKNOWN: case CLI_ARG: cli_msg("serve: unexpected argument '%s'", v); goto usage;
        case O_DB: db = v; break;
        case O_BIND: bind = v; break;
        case O_PORT: if (cli_int(p.opt, v, 0, 65535, &port)) goto usage; break;
        case O_THREADS: if (cli_int(p.opt, v, 1, CLI_THREADS_MAX, &threads)) goto usage; break;
        case O_CACHE: if (cli_int(p.opt, v, 0, 65536, &cache_mb)) goto usage; break;
        case O_NOINDEX: use_index = 0; break;
        }
    }
    db = gcli_db(db);
    db_path = db;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    int v6 = 0;
    struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, bind, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, bind, &s6->sin6_addr) == 1) {
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        v6 = 1;
    } else {
        cli_msg("--bind: '%s' is not an IPv4 or IPv6 address", bind);
        goto usage;
    }
    int loopback = v6 ? IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr) : (ntohl(s4->sin_addr.s_addr) >> 24) == 127;
    /* the database must open now (the workers open their own later) */
    int code;
    ng_store *s = gcli_open_ro(db, &code);
    if (!s) return code;
    ng_store_close(s);
    /* the given-name lists of /api/duplicates (the person rules as ingest
     * ran them with the shipped lists) */
    ng_namelist *names = NULL;
    const char *np = cli_shipped_names();
    if (np) {
        ng_error ne = {0};
        names = ng_namelist_new();
        if (!names || ng_namelist_add_file(names, np, &ne)) {
            cli_msg("serve: %s: %s (/api/duplicates goes without given-name lists)", np, ne.msg[0] ? ne.msg : "out of memory");
            ng_namelist_free(names);
            names = NULL;
        }
    }
    serve_api_set_names(names);
    if (pthread_key_create(&store_key, worker_free)) {
        cli_msg("serve: cannot create a thread key");
        ng_namelist_free(names);
        return 2;
    }
    serve_cache_init((size_t)cache_mb << 20);
    /* the workers inherit a mask that leaves the stop signals to sigwait */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME
                     | (v6 ? MHD_USE_IPv6 : 0);
    /* a pool of one is no pool: libmicrohttpd warns that the option is
     * ignored, so it is given only for two or more (last: MHD_OPTION_END in
     * its place ends the list) */
    unsigned int pool = (unsigned int)(threads + 3) / 4;
    struct MHD_Daemon *d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)512,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
        pool > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, pool,
        MHD_OPTION_END);
    if (!d) {
        cli_msg("serve: cannot listen on %s port %lld (in use, or not an address of this machine?)", bind, port);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_key_delete(store_key);
        serve_cache_free();
        serve_api_set_names(NULL);
        ng_namelist_free(names);
        return 2;
    }
    pthread_t *worker_threads = calloc((size_t)threads, sizeof *worker_threads);
    int nworkers = 0;
    while (worker_threads && nworkers < threads && !pthread_create(&worker_threads[nworkers], NULL, worker_main, NULL)) nworkers++;
    if (!nworkers) queue_stop = 1;   /* the polling threads answer every view */
    pthread_t index_thread;
    int indexing = use_index && !pthread_create(&index_thread, NULL, index_main, NULL);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = di ? di->port : (unsigned)port;
    if (!loopback)
        fprintf(stderr, "newsgraph: serve: warning: listening on %s: anyone who can reach this address can read "
                        "the whole database (there is no authentication)\n", bind);
    printf("newsgraph: serving %s at http://%s%s%s:%u/ (Ctrl-C stops)\n", db, v6 ? "[" : "", bind, v6 ? "]" : "", bound);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    /* no connection may stay suspended when the daemon stops */
    pthread_mutex_lock(&queue_mu);
    queue_stop = 1;
    pthread_cond_broadcast(&queue_cv);
    pthread_mutex_unlock(&queue_mu);
    for (int i = 0; i < nworkers; i++) pthread_join(worker_threads[i], NULL);
    pthread_mutex_lock(&ix_mu);
    ix_stop = 1;
    pthread_cond_broadcast(&ix_cv);
    ixref *last = ix_cur;
    ix_cur = NULL;
    pthread_mutex_unlock(&ix_mu);
    if (indexing) pthread_join(index_thread, NULL);
    ixref_put(last);   /* freed here or by the last request using it */
    pthread_mutex_lock(&ix_mu);
    last = ix_cur;     /* a build that ended meanwhile */
    ix_cur = NULL;
    pthread_mutex_unlock(&ix_mu);
    ixref_put(last);
    free(worker_threads);
    for (request *q; (q = dequeue(0));) {
        serve_error(&q->r, 503, "stopping", "the server is stopping", NULL);
        MHD_resume_connection(q->c);
    }
    MHD_stop_daemon(d);
    pthread_key_delete(store_key);
    serve_cache_free();
    serve_api_set_names(NULL);
    ng_namelist_free(names);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "newsgraph: serve: stopped\n");
    return 0;
usage:
    usage(stderr);
    return 2;
}
