/* newsgraph serve: a local web explorer of the graph (libmicrohttpd, a JSON
 * API under /api/ and one page of our own HTML, CSS and JavaScript embedded
 * in the binary). serve.c runs the HTTP server, api.c answers /api/ from
 * the graph library, assets.c is generated from tools/serve/assets. */
#ifndef NG_SERVE_H
#define NG_SERVE_H
#include <stddef.h>
#include <jansson.h>
#include "graph.h"

/* Embedded files, terminated by an entry with name NULL (assets.c). */
typedef struct serve_asset {
    const char *name, *mime;
    const unsigned char *data;
    size_t len;
} serve_asset;
extern const serve_asset serve_assets[];

/* Query parameters of one request, already percent-decoded. */
#define SERVE_MAX_ARGS 24
typedef struct serve_args {
    const char *key[SERVE_MAX_ARGS];
    char *val[SERVE_MAX_ARGS];
    int n;
} serve_args;
/* The value of parameter 'k', or NULL. */
const char *serve_arg(const serve_args *a, const char *k);

/* An answer: status, content type and a malloc'd body (owned by the
 * caller of serve_api). */
typedef struct serve_reply {
    unsigned status;
    const char *mime;
    char *body;
    size_t len;
    int indexed;   /* an ego network drawn from the index (X-Ego-Index: used) */
} serve_reply;

/* ## The cache of API answers (cache.c)
 *
 * Answers are kept under a key (the request's path and parameters) and the
 * generation they were computed in; the generation moves on, and the cache
 * empties, when a worker's connection sees a commit of another process. */
/* Sets the memory for answers (0: no cache) and empties the cache. */
void serve_cache_init(size_t max_bytes);
void serve_cache_free(void);
/* The generation after looking at connection 's' (its data_version, the
 * value it saw last in *seen, updated). */
unsigned long serve_cache_generation(ng_store *s, long long *seen);
/* A copy of the answer kept for 'key' in generation 'gen' into 'r' (body
 * malloc'd, owned by the caller): 1, else 0. */
int serve_cache_get(const char *key, unsigned long gen, serve_reply *r);
/* Keeps a copy of 'r' (not when the generation has moved on since 'gen'). */
void serve_cache_put(const char *key, unsigned long gen, const serve_reply *r);

/* The generation now (no connection looked at). */
unsigned long serve_cache_current(void);

/* ## The order of the workers' queue (sched.c) */
enum { SERVE_QUICK, SERVE_SEARCH, SERVE_HEAVY, SERVE_NCLASS };
/* The class of an API endpoint: SERVE_HEAVY for ego, path, top,
 * communities and duplicates, SERVE_SEARCH for search, else SERVE_QUICK. */
int serve_view_class(const char *endpoint);
/* The class whose oldest request goes next, given how long each class's
 * oldest has waited (seconds; negative: none waits): the longest wait
 * divided by its class's weight; -1 when none waits. */
int serve_pick_class(const double waited[SERVE_NCLASS]);

/* Answers GET /api/SEG[0]/SEG[1]/... (segments percent-decoded, nseg >= 1,
 * seg[0] the endpoint) from the store 's' (read-only, this thread's own);
 * ego networks from the index 'ix' when not NULL (of the same data). */
void serve_api(ng_store *s, const ng_ego_index *ix, char **seg, int nseg, const serve_args *args, serve_reply *r);
/* The given-name lists /api/duplicates runs the person rules with (NULL:
 * none; initials and titles still work); borrowed, set before serving. */
void serve_api_set_names(const ng_namelist *nl);
/* Fills 'r' with {"error":code,"message":msg} (plus the members of 'extra',
 * stolen, when not NULL) and the status. */
void serve_error(serve_reply *r, unsigned status, const char *code, const char *msg, json_t *extra);
#endif
