/* newsgraph serve: API answers written as text. The bytes are those of
 * json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(8)) — members in their
 * order of insertion, strings as they are (only '"', '\\' and control
 * characters escaped), reals as "%.8g" with ".0" when that shows neither a
 * point nor an exponent — written into one growing buffer. jansson's own
 * writer formats every object's address to detect cycles and every number
 * with snprintf: with a depth-2 ego network (100 nodes, hundreds of edges,
 * two coordinates a node) that was a sixth of the request's work. A
 * string that is not valid UTF-8 makes it give up (NULL) so that the caller
 * falls back to json_dumps, whose answer (a failure) it then gives.
 * tests/unit/test_serve_json.c compares the two on random and hostile
 * values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "serve.h"

typedef struct jw { char *s; size_t n, cap; int bad; } jw;

static int grow(jw *w, size_t more) {
    if (w->bad) return -1;
    if (w->n + more + 1 <= w->cap) return 0;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < w->n + more + 1) cap *= 2;
    char *s = realloc(w->s, cap);
    if (!s) { w->bad = 1; return -1; }
    w->s = s;
    w->cap = cap;
    return 0;
}

static void put(jw *w, const char *s, size_t n) {
    if (grow(w, n)) return;
    memcpy(w->s + w->n, s, n);
    w->n += n;
}

/* The length of the valid UTF-8 sequence at p (first byte >= 0x80), or 0
 * (overlong forms, surrogates and code points above U+10FFFF are not). */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
    unsigned c = p[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F; }
    else return 0;
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++) if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return n;
}

static void str(jw *w, const char *s, size_t len) {
    /* at most 6 bytes written for one byte read, and the quotes */
    if (grow(w, len * 6 + 2)) return;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    char *o = w->s + w->n;
    *o++ = '"';
    while (p < end) {
        unsigned c = *p;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) { *o++ = (char)c; p++; continue; }
        if (c >= 0x80) {
            size_t k = utf8_len(p, end);
            if (!k) { w->bad = 1; return; }
            memcpy(o, p, k);
            o += k; p += k;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u'; *o++ = '0'; *o++ = '0';
            *o++ = "0123456789ABCDEF"[c >> 4];
            *o++ = "0123456789ABCDEF"[c & 15];
        }
        p++;
    }
    *o++ = '"';
    w->n = (size_t)(o - w->s);
}

static void integer(jw *w, json_int_t v) {
    char b[24], *e = b + sizeof b, *p = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) *--p = '-';
    put(w, p, (size_t)(e - p));
}

static void real(jw *w, double v) {
    char b[64];
    int n;
    double a = fabs(v);
    long long k = a >= 0.1 && a < 1e6 ? (long long)(a * 10 + 0.5) : -1;
    if (k >= 0 && (double)k / 10 == a) {
        /* tenths (the ego network's coordinates): "%.8g" gives them whole,
         * trailing zero dropped, so "k/10" with its one decimal */
        char *e = b + sizeof b, *p = e;
        *--p = (char)('0' + k % 10);
        *--p = '.';
        long long u = k / 10;
        do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
        if (signbit(v)) *--p = '-';
        put(w, p, (size_t)(e - p));
        return;
    }
    n = snprintf(b, sizeof b - 3, "%.8g", v);
    if (n < 0 || n >= (int)sizeof b - 3) { w->bad = 1; return; }
    if (!strchr(b, '.') && !strchr(b, 'e')) { memcpy(b + n, ".0", 3); n += 2; }
    char *e = strchr(b, 'e');
    if (e) {   /* "1e+05" as "1e5", "1e-05" as "1e-5" */
        char *from = e + 1, *to = e + 1;
        if (*from == '-') { from++; to++; }
        else if (*from == '+') from++;
        while (*from == '0' && from[1]) from++;
        memmove(to, from, strlen(from) + 1);
        n = (int)strlen(b);
    }
    put(w, b, (size_t)n);
}

static void value(jw *w, const json_t *v, int depth) {
    if (w->bad) return;
    if (depth > 64) { w->bad = 1; return; }   /* json_dumps knows cycles; this one gives up */
    switch (json_typeof(v)) {
    case JSON_NULL: put(w, "null", 4); break;
    case JSON_TRUE: put(w, "true", 4); break;
    case JSON_FALSE: put(w, "false", 5); break;
    case JSON_INTEGER: integer(w, json_integer_value(v)); break;
    case JSON_REAL: real(w, json_real_value(v)); break;
    case JSON_STRING: str(w, json_string_value(v), json_string_length(v)); break;
    case JSON_ARRAY: {
        put(w, "[", 1);
        size_t n = json_array_size(v);
        for (size_t i = 0; i < n && !w->bad; i++) {
            if (i) put(w, ",", 1);
            value(w, json_array_get(v, i), depth + 1);
        }
        put(w, "]", 1);
        break;
    }
    case JSON_OBJECT: {
        put(w, "{", 1);
        int first = 1;
        for (void *it = json_object_iter((json_t *)v); it && !w->bad; it = json_object_iter_next((json_t *)v, it)) {
            if (!first) put(w, ",", 1);
            first = 0;
            str(w, json_object_iter_key(it), json_object_iter_key_len(it));
            put(w, ":", 1);
            value(w, json_object_iter_value(it), depth + 1);
        }
        put(w, "}", 1);
        break;
    }
    default: w->bad = 1;
    }
}

char *serve_json_write(const json_t *v, size_t *len) {
    jw w = {0};
    if (!v || !(json_is_object(v) || json_is_array(v))) return NULL;
    value(&w, v, 0);
    if (w.bad || grow(&w, 0)) { free(w.s); return NULL; }
    w.s[w.n] = 0;
    *len = w.n;
    return w.s;
}
