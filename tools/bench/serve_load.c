/* The load client of the 'newsgraph serve' benchmark (make bench, called
 * by tools/bench/serve_bench.py, which makes the plan and prints the
 * table): C clients at once, each with one request in flight on a
 * keep-alive connection, send the plan's requests in its order, each
 * taking the next when its answer is in. libcurl's multi interface driven
 * by epoll (curl_multi_socket_action), independent of Python. It spends
 * about the CPU the asyncio client does (0.8-1.0 s against 1.1 s for the
 * 10,000 requests, ~90 us a request; the server spends 8-11 s).
 *
 * usage: serve_load BASE_URL PLAN OUT [--clients C] [--timeout S] [--nodes KIND]
 *   PLAN: one request a line, "KIND<TAB>PATH" (PATH appended to BASE_URL
 *   without its final '/'); OUT: one line a request, in the order they
 *   ended: "KIND<TAB>STATUS<TAB>MICROSECONDS<TAB>HIT<TAB>NODES<TAB>WITH_SETUP"
 *   (MICROSECONDS from the request's start on its open connection to the
 *   answer's end, as the asyncio client and wrk count; WITH_SETUP from the
 *   moment this client handed the request to libcurl, so a client's first
 *   request also counts its connection's setup, 200 of them at once; HIT 1
 *   for X-Cache: hit; NODES the length of the answer's "nodes" array for
 *   the requests of KIND, counted after the run, else -1), then a last line
 *   "#<TAB>SECONDS<TAB>CPU_SECONDS" (the wall time of the run and this
 *   process's user + system time). Exit 0; 1 when a request failed at the
 *   HTTP level or the run took longer than S seconds (default 600); 2 on
 *   bad usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <curl/curl.h>
#include <jansson.h>

typedef struct item { char *kind, *path; } item;

typedef struct result {
    const char *kind;
    long status;
    long us, us_setup;
    int hit;
    int nodes;
    char *body;   /* kept for the node count */
    size_t len;
} result;

typedef struct client {
    CURL *h;
    size_t item;        /* the request in flight */
    double t0;
    int hit;
    char *body;
    size_t len, cap;
    int keep;           /* keep the body */
} client;

static CURLM *multi;
static int ep;
static double deadline = -1;   /* of libcurl's timer, in mono() seconds; -1 none */

static double mono(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int sock_cb(CURL *e, curl_socket_t s, int what, void *userp, void *socketp) {
    (void)e; (void)userp; (void)socketp;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL);
        return 0;
    }
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.data.fd = s;
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev) && errno == ENOENT) epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
    return 0;
}

static int timer_cb(CURLM *m, long ms, void *userp) {
    (void)m; (void)userp;
    deadline = ms < 0 ? -1 : mono() + (double)ms / 1000;
    return 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud) {
    client *c = ud;
    size_t k = size * n;
    if (!c->keep) return k;
    if (c->len + k + 1 > c->cap) {
        size_t cap = (c->len + k + 1) * 2;
        char *b = realloc(c->body, cap);
        if (!b) return 0;
        c->body = b;
        c->cap = cap;
    }
    memcpy(c->body + c->len, p, k);
    c->len += k;
    c->body[c->len] = 0;
    return k;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud) {
    client *c = ud;
    size_t k = size * n;
    if (k >= 12 && !strncasecmp(p, "X-Cache: hit", 12)) c->hit = 1;
    return k;
}

static void usage(void) {
    fprintf(stderr, "usage: serve_load BASE_URL PLAN OUT [--clients C] [--timeout S] [--nodes KIND]\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *pos[3];
    int npos = 0, nclients = 200;
    double timeout = 600;
    const char *nodes_kind = "";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--clients") && i + 1 < argc) nclients = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) timeout = atof(argv[++i]);
        else if (!strcmp(argv[i], "--nodes") && i + 1 < argc) nodes_kind = argv[++i];
        else if (npos < 3 && argv[i][0] != '-') pos[npos++] = argv[i];
        else usage();
    }
    if (npos != 3 || nclients < 1 || nclients > 10000 || timeout <= 0) usage();
    char base[1024];
    snprintf(base, sizeof base, "%s", pos[0]);
    size_t bl = strlen(base);
    if (bl && base[bl - 1] == '/') base[--bl] = 0;

    /* the plan */
    FILE *f = fopen(pos[1], "r");
    if (!f) { perror(pos[1]); return 2; }
    item *plan = NULL;
    size_t n = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            item *p = realloc(plan, cap * sizeof *p);
            if (!p) return 2;
            plan = p;
        }
        char *url = malloc(bl + strlen(tab + 1) + 1);
        if (!url) return 2;
        memcpy(url, base, bl);
        strcpy(url + bl, tab + 1);
        plan[n].kind = strdup(line);
        plan[n].path = url;
        n++;
    }
    fclose(f);
    result *res = calloc(n + 1, sizeof *res);
    client *cl = calloc((size_t)nclients, sizeof *cl);
    if (!res || !cl) return 2;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    multi = curl_multi_init();
    ep = epoll_create1(0);
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)nclients);
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)nclients);

    size_t next = 0, done = 0;
    int failed = 0;
    double start = mono();
    /* gives client c the next request of the plan */
    #define SEND(c) do { \
        (c)->item = next++; (c)->hit = 0; (c)->len = 0; \
        (c)->keep = !strcmp(plan[(c)->item].kind, nodes_kind); \
        curl_easy_setopt((c)->h, CURLOPT_URL, plan[(c)->item].path); \
        (c)->t0 = mono(); \
        curl_multi_add_handle(multi, (c)->h); \
    } while (0)
    for (int i = 0; i < nclients; i++) {
        client *c = &cl[i];
        c->h = curl_easy_init();
        curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c->h, CURLOPT_WRITEDATA, c);
        curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(c->h, CURLOPT_HEADERDATA, c);
        curl_easy_setopt(c->h, CURLOPT_PRIVATE, c);
        curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c->h, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(c->h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
        if (next < n) SEND(c);
    }
    int running = 0;
    struct epoll_event evs[256];
    while (done < n) {
        double now = mono();
        if (now - start > timeout) { fprintf(stderr, "serve_load: %zu of %zu requests after %.0f s: stopped\n", done, n, timeout); failed = 1; break; }
        int wait = deadline < 0 ? 100 : deadline <= now ? 0 : (int)((deadline - now) * 1000) + 1;
        if (wait > 100) wait = 100;
        int k = epoll_wait(ep, evs, 256, wait);
        for (int i = 0; i < k; i++) {
            int fl = ((evs[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) | ((evs[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0)
                     | ((evs[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
            curl_multi_socket_action(multi, evs[i].data.fd, fl, &running);
        }
        if (deadline >= 0 && mono() >= deadline) {
            deadline = -1;
            curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(multi, &left))) {
            if (m->msg != CURLMSG_DONE) continue;
            client *c;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&c);
            double t1 = mono();
            result *r = &res[done++];
            r->kind = plan[c->item].kind;
            r->us_setup = (long)((t1 - c->t0) * 1e6);
            /* (libcurl's total less its time to the transfer's start: the
             * name lookup and connect of a client's first request) */
            curl_off_t total = 0, pre = 0;
            curl_easy_getinfo(m->easy_handle, CURLINFO_TOTAL_TIME_T, &total);
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRETRANSFER_TIME_T, &pre);
            r->us = total > pre ? (long)(total - pre) : 0;
            r->hit = c->hit;
            r->nodes = -1;
            if (m->data.result != CURLE_OK) {
                fprintf(stderr, "serve_load: %s: %s\n", plan[c->item].path, curl_easy_strerror(m->data.result));
                r->status = 0;
                failed = 1;
            } else curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &r->status);
            if (c->keep && r->status == 200) {
                r->body = c->body;
                r->len = c->len;
                c->body = NULL;
                c->cap = c->len = 0;
            }
            curl_multi_remove_handle(multi, c->h);
            if (next < n) SEND(c);
        }
    }
    double secs = mono() - start;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec
                 + (double)ru.ru_stime.tv_usec / 1e6;
    FILE *o = fopen(pos[2], "w");
    if (!o) { perror(pos[2]); return 2; }
    for (size_t i = 0; i < done; i++) {
        result *r = &res[i];
        if (r->body) {
            json_error_t je;
            json_t *v = json_loadb(r->body, r->len, 0, &je);
            r->nodes = v ? (int)json_array_size(json_object_get(v, "nodes")) : -1;
            json_decref(v);
            free(r->body);
        }
        fprintf(o, "%s\t%ld\t%ld\t%d\t%d\t%ld\n", r->kind, r->status, r->us, r->hit, r->nodes, r->us_setup);
    }
    fprintf(o, "#\t%.6f\t%.3f\n", secs, cpu);
    fclose(o);
    for (int i = 0; i < nclients; i++) {
        if (cl[i].h) { curl_multi_remove_handle(multi, cl[i].h); curl_easy_cleanup(cl[i].h); }
        free(cl[i].body);
    }
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    for (size_t i = 0; i < n; i++) { free(plan[i].kind); free(plan[i].path); }
    free(plan); free(res); free(cl);
    return failed;
}
