/* ng_json_dump (graph/graph_json.h): JSON text out of a jansson value.
 * Apart from the queries of graph_json.c, so that a program that prints
 * JSON but runs no graph query (the newsgraph program: see
 * tools/cli/newsgraph.c) does not link igraph through them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "graph_json.h"

typedef struct jbuf { char *p; size_t n, cap; int oom; } jbuf;

static void put(jbuf *b, const char *s, size_t n) {
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        while (nc < b->n + n + 1) nc *= 2;
        char *q = realloc(b->p, nc);
        if (!q) { b->oom = 1; return; }
        b->p = q;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
static void puts_(jbuf *b, const char *s) { put(b, s, strlen(s)); }

/* The shortest decimal that reads back as 'x' (the fewest significant
 * digits, 1 to 17), written as Python's repr() writes it: positional for
 * decimal exponents -4 to 15 ("10.0", "0.4961"), else with an exponent,
 * jansson's way ("1e-5", "1e16"); a '.' or an exponent always. */
static void real(jbuf *b, double x) {
    char s[400];
    int p;
    if (!isfinite(x)) { puts_(b, "null"); return; }
    for (p = 1; p < 17; p++) {
        snprintf(s, sizeof s, "%.*e", p - 1, x);
        if (strtod(s, NULL) == x) break;
    }
    snprintf(s, sizeof s, "%.*e", p - 1, x);
    int e = atoi(strchr(s, 'e') + 1);
    if (e >= -4 && e < 16) {
        snprintf(s, sizeof s, "%.*f", p - 1 - e > 0 ? p - 1 - e : 0, x);
        if (!strchr(s, '.')) strcat(s, ".0");
    } else {
        char *m = strchr(s, 'e'), *d = m + 1, *r = m + 1;   /* e+05 -> e5, e-05 -> e-5 */
        if (*r == '+') r++;
        else if (*r == '-') { d++; r++; }
        while (*r == '0' && r[1]) r++;
        memmove(d, r, strlen(r) + 1);
    }
    puts_(b, s);
}

static void newline(jbuf *b, int indent, int depth) {
    if (!indent) return;
    puts_(b, "\n");
    for (int i = 0; i < indent * depth; i++) put(b, " ", 1);
}

static void dump(jbuf *b, const json_t *v, int indent, int depth) {
    char num[32];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (!json_object_size(v)) { puts_(b, "{}"); break; }
        puts_(b, "{");
        const char *k;
        json_t *x;
        int first = 1;
        json_object_foreach((json_t *)v, k, x) {
            if (!first) puts_(b, indent ? "," : ", ");
            first = 0;
            newline(b, indent, depth + 1);
            json_t *ks = json_string(k);
            char *q = ks ? json_dumps(ks, JSON_ENCODE_ANY) : NULL;
            if (!q) b->oom = 1; else puts_(b, q);
            free(q);
            json_decref(ks);
            puts_(b, ": ");
            dump(b, x, indent, depth + 1);
        }
        newline(b, indent, depth);
        puts_(b, "}");
        break;
    }
    case JSON_ARRAY: {
        if (!json_array_size(v)) { puts_(b, "[]"); break; }
        puts_(b, "[");
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i) puts_(b, indent ? "," : ", ");
            newline(b, indent, depth + 1);
            dump(b, json_array_get(v, i), indent, depth + 1);
        }
        newline(b, indent, depth);
        puts_(b, "]");
        break;
    }
    case JSON_REAL: real(b, json_real_value(v)); break;
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        puts_(b, num);
        break;
    default: {
        char *q = json_dumps(v, JSON_ENCODE_ANY);
        if (!q) b->oom = 1; else puts_(b, q);
        free(q);
    }
    }
}

char *ng_json_dump(const json_t *v, int indent) {
    jbuf b = {0};
    if (!v) return NULL;
    dump(&b, v, indent < 0 ? 0 : indent, 0);
    if (b.oom) { free(b.p); return NULL; }
    return b.p;
}
