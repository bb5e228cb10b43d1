/* The importer library's out-of-memory policy (import_internal.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "import_internal.h"

static _Thread_local jmp_buf *guard;

int imp_guard(int (*body)(void *ctx, ng_error *err), void *ctx, const char *what, ng_error *err) {
    jmp_buf here;
    jmp_buf *outer = guard;
    if (setjmp(here)) {
        guard = outer;
        return ng_error_set(err, NG_E_NOMEM, what, 0, 0, "out of memory");
    }
    guard = &here;
    int rc = body(ctx, err);
    guard = outer;
    return rc;
}

_Noreturn void imp_oom(void) {
    if (guard) longjmp(*guard, 1);
    abort();
}

void *imp_alloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) imp_oom();
    return p;
}

void *imp_realloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) imp_oom();
    return q;
}

char *imp_strndup(const char *s, size_t n) {
    char *c = ng_strndup(s, n);
    if (!c) imp_oom();
    return c;
}

char *imp_strdup(const char *s) { return imp_strndup(s, strlen(s)); }

void imp_grow(void **v, size_t *cap, size_t need, size_t elt) {
    if (ng_grow(v, cap, need, elt)) imp_oom();
}

char *imp_asprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int r = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (r < 0) imp_oom();
    return s;
}

typedef struct import_call {
    int (*fn)(const import_opts *, char **, size_t, FILE *, ng_error *);
    const import_opts *o;
    char **inputs;
    size_t n;
    FILE *out;
} import_call;

static int import_body(void *ctx, ng_error *err) {
    import_call *c = ctx;
    return c->fn(c->o, c->inputs, c->n, c->out, err);
}

int imp_guard_import(int (*fn)(const import_opts *, char **, size_t, FILE *, ng_error *),
                     const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    import_call c = {fn, o, inputs, n, out};
    return imp_guard(import_body, &c, NULL, err);
}
