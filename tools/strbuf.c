#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"
#include "cli.h"

static void reserve(strbuf *b, size_t n) {
    if (b->len + n + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) { cli_msg("out of memory"); exit(EXIT_DATA); }
    b->s = s;
    b->cap = cap;
}

void sb_put(strbuf *b, const char *s, size_t n) {
    reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sb_puts(strbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

void sb_printf(strbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_json_str(strbuf *b, const char *s, size_t n) {
    reserve(b, n + 2);
    b->s[b->len++] = '"';
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            size_t j = i;
            while (j < n && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' && p[j] != '\\') j++;
            sb_put(b, s + i, j - i);
            i = j;
            continue;
        }
        if (c < 0x80) {
            char esc[8];
            switch (c) {
            case '"': sb_put(b, "\\\"", 2); break;
            case '\\': sb_put(b, "\\\\", 2); break;
            case '\n': sb_put(b, "\\n", 2); break;
            case '\r': sb_put(b, "\\r", 2); break;
            case '\t': sb_put(b, "\\t", 2); break;
            default: snprintf(esc, sizeof esc, "\\u%04x", c); sb_put(b, esc, 6);
            }
            i++;
            continue;
        }
        int32_t cp;
        int k = ng_utf8_valid_len(p + i, n - i);
        (void)cp;
        if (k < 0) { sb_put(b, "\xEF\xBF\xBD", 3); i++; continue; }
        sb_put(b, s + i, (size_t)k);
        i += (size_t)k;
    }
    reserve(b, 1);
    b->s[b->len++] = '"';
    b->s[b->len] = 0;
}

void sb_uint(strbuf *b, size_t v) {
    char buf[24];
    size_t n = 0;
    do { buf[sizeof buf - 1 - n++] = (char)('0' + v % 10); v /= 10; } while (v);
    sb_put(b, buf + sizeof buf - n, n);
}

void sb_free(strbuf *b) {
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
