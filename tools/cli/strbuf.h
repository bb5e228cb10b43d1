/* A growable byte buffer for the CLI's output formatting. */
#ifndef NG_STRBUF_H
#define NG_STRBUF_H
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct strbuf { char *s; size_t len, cap; } strbuf;

/* Makes room for n more bytes and a NUL (exits on out of memory). */
void sb_grow(strbuf *b, size_t n);
/* Appends s[0..n) (the buffer stays NUL-terminated). Inline: the
 * formatters append many short pieces, most of them literals. */
static inline void sb_put(strbuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) sb_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}
static inline void sb_puts(strbuf *b, const char *s) { sb_put(b, s, strlen(s)); }
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s[0..n) as a JSON string literal (quotes included); invalid UTF-8
 * becomes U+FFFD, control characters are escaped. */
void sb_json_str(strbuf *b, const char *s, size_t n);
/* Appends s[0..n) in base64 (RFC 4648, with padding). */
void sb_base64(strbuf *b, const void *s, size_t n);
/* Appends v in decimal. */
void sb_uint(strbuf *b, size_t v);
void sb_free(strbuf *b);
#endif
