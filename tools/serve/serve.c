/* newsgraph serve: the HTTP side of the web explorer. libmicrohttpd with a
 * pool of worker threads, each with its own read-only SQLite connection
 * (opened on its first request, closed when the thread ends), so an
 * ingest running meanwhile (WAL) is seen by the next request. Only GET and
 * HEAD; the request line and headers are bounded by the connection memory
 * limit, the URL, the number and size of parameters here; paths are
 * matched against fixed routes and the embedded assets' names, never
 * against the file system. */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <microhttpd.h>
#include "graph_cli.h"
#include "opts.h"
#include "serve.h"

#define MAX_URL 2048
#define MAX_SEG 8
#define MAX_ARG_LEN 512

static const char *db_path;
static pthread_key_t store_key;

static void store_free(void *p) { ng_store_close(p); }

/* This thread's connection. */
static ng_store *thread_store(ng_error *err) {
    ng_store *s = pthread_getspecific(store_key);
    if (!s) {
        if (ng_store_open(db_path, NG_STORE_READONLY, &s, err)) return NULL;
        pthread_setspecific(store_key, s);
    }
    return s;
}

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
    if (!json_object_get(o, "message")) json_object_set_new(o, "message", json_string(code));
    r->status = status;
    r->mime = "application/json";
    r->body = json_dumps(o, JSON_COMPACT);
    r->len = r->body ? strlen(r->body) : 0;
    json_decref(o);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, unsigned status, const char *mime, const void *body,
                                  size_t len, int owned, int cache) {
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
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result send_json_error(struct MHD_Connection *c, unsigned status, const char *code, const char *m) {
    serve_reply r = {0};
    serve_error(&r, status, code, m, NULL);
    if (!r.body) return MHD_NO;
    return send_reply(c, r.status, r.mime, r.body, r.len, 1, 0);
}

/* Routes of the page itself: the one HTML file answers them all, its
 * script reads the path. */
static int page_route(char **seg, int n) {
    if (n == 0) return 1;
    if (n == 1) return !strcmp(seg[0], "top") || !strcmp(seg[0], "communities") || !strcmp(seg[0], "search");
    if (n == 2) return !strcmp(seg[0], "entity") || !strcmp(seg[0], "article");
    if (n == 3) return !strcmp(seg[0], "evidence") || !strcmp(seg[0], "path");
    return 0;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls) {
    (void)cls; (void)version; (void)upload;
    static int seen;
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        *upload_size = 0;
        return send_json_error(c, 405, "method_not_allowed", "read-only: only GET and HEAD");
    }
    /* answering in the first call, before MHD knows there is no body,
     * would close the connection: the answer comes in the second */
    if (!*con_cls) { *con_cls = &seen; return MHD_YES; }
    *upload_size = 0;
    if (strlen(url) > MAX_URL) return send_json_error(c, 414, "uri_too_long", "the URL is too long");
    if (url[0] != '/') return send_json_error(c, 400, "bad_request", "the path must start with /");
    /* split and decode the path */
    char buf[MAX_URL + 1];
    strcpy(buf, url);
    char *seg[MAX_SEG + 1];
    int n = 0;
    for (char *p = buf + 1; *p || n == 0;) {
        char *q = strchr(p, '/');
        if (q) *q = 0;
        if (*p || q) {
            if (n == MAX_SEG) return send_json_error(c, 404, "not_found", "no such page");
            if (pct_decode(p, 0)) return send_json_error(c, 400, "bad_request", "bad percent-encoding in the path");
            seg[n++] = p;
        }
        if (!q) break;
        p = q + 1;
    }
    if (n == 1 && !*seg[0]) n = 0;   /* "/" */
    serve_args args = {0};
    argctx ax = {&args, 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &ax);
    enum MHD_Result ret;
    if (ax.bad) {
        args_free(&args);
        return send_json_error(c, 400, "bad_request", ax.bad == 1 ? "too many parameters"
                                                    : ax.bad == 2 ? "a parameter is too long" : "bad percent-encoding in a parameter");
    }
    if (n >= 2 && !strcmp(seg[0], "api")) {
        ng_error err = {0};
        ng_store *s = thread_store(&err);
        serve_reply r = {0};
        if (!s) serve_error(&r, 503, "database_unavailable", err.msg, NULL);
        else serve_api(s, seg + 1, n - 1, &args, &r);
        args_free(&args);
        if (!r.body) return send_json_error(c, 500, "internal", "out of memory");
        return send_reply(c, r.status, r.mime, r.body, r.len, 1, 0);
    }
    args_free(&args);
    if (n == 1 && !strcmp(seg[0], "api")) return send_json_error(c, 404, "not_found", "no such endpoint");
    if (n == 2 && !strcmp(seg[0], "static")) {
        const serve_asset *a = asset(seg[1]);
        if (a) return send_reply(c, 200, a->mime, a->data, a->len, 0, 1);
        return send_json_error(c, 404, "not_found", "no such file");
    }
    if (n == 1 && !strcmp(seg[0], "favicon.ico")) {
        const serve_asset *a = asset("favicon.svg");
        if (a) return send_reply(c, 200, a->mime, a->data, a->len, 0, 1);
    }
    if (page_route(seg, n)) {
        const serve_asset *a = asset("index.html");
        if (a) return send_reply(c, 200, a->mime, a->data, a->len, 0, 1);
    }
    ret = send_json_error(c, 404, "not_found", "no such page");
    return ret;
}

static void usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph serve [--db FILE] [--port N] [--bind ADDR] [--threads N]\n\n"
        "Serves a web explorer of the graph (search, entity pages, ego networks,\n"
        "evidence, articles, paths, centralities, communities) and its JSON API\n"
        "under /api/. Read-only; the database may be ingested into meanwhile.\n\n"
        "      --db FILE      database (default $NEWSGRAPH_DB or newsgraph.db)\n"
        "  -p, --port N       TCP port (default 8080; 0 picks a free one)\n"
        "      --bind ADDR    address to listen on (default 127.0.0.1, this machine only);\n"
        "                     anything else exposes the database to the network\n"
        "      --threads N    worker threads, one database connection each (default 4)\n"
        "Stops on Ctrl-C (SIGINT) or SIGTERM.\n");
}

int cmd_serve(int argc, char **argv) {
    const char *db = NULL, *bind = "127.0.0.1", *v;
    long long port = 8080, threads = 4;
    int rc;
    enum { O_DB = 1, O_BIND, O_PORT, O_THREADS };
    static const cli_opt options[] = {
        {"--db", NULL, 1, O_DB}, {"--bind", NULL, 1, O_BIND}, {"--port", "-p", 1, O_PORT},
        {"--threads", NULL, 1, O_THREADS}, {0},
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
        case O_THREADS: if (cli_int(p.opt, v, 1, 64, &threads)) goto usage; break;
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
    if (pthread_key_create(&store_key, store_free)) { cli_msg("serve: cannot create a thread key"); return 2; }
    /* the workers inherit a mask that leaves the stop signals to sigwait */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)512,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
        MHD_OPTION_END);
    if (!d) {
        cli_msg("serve: cannot listen on %s port %lld (in use, or not an address of this machine?)", bind, port);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_key_delete(store_key);
        return 2;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = di ? di->port : (unsigned)port;
    if (!loopback)
        fprintf(stderr, "newsgraph: serve: warning: listening on %s: anyone who can reach this address can read "
                        "the whole database (there is no authentication)\n", bind);
    printf("newsgraph: serving %s at http://%s%s%s:%u/ (Ctrl-C stops)\n", db, v6 ? "[" : "", bind, v6 ? "]" : "", bound);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    pthread_key_delete(store_key);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "newsgraph: serve: stopped\n");
    return 0;
usage:
    usage(stderr);
    return 2;
}
