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
} serve_reply;

/* Answers GET /api/SEG[0]/SEG[1]/... (segments percent-decoded, nseg >= 1,
 * seg[0] the endpoint) from the store 's' (read-only, this thread's own). */
void serve_api(ng_store *s, char **seg, int nseg, const serve_args *args, serve_reply *r);
/* Fills 'r' with {"error":code,"message":msg} (plus the members of 'extra',
 * stolen, when not NULL) and the status. */
void serve_error(serve_reply *r, unsigned status, const char *code, const char *msg, json_t *extra);
#endif
