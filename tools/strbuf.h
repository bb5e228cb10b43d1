/* A growable byte buffer for the CLI's output formatting. */
#ifndef NG_STRBUF_H
#define NG_STRBUF_H
#include <stddef.h>
#include <stdio.h>

typedef struct strbuf { char *s; size_t len, cap; } strbuf;

void sb_put(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s[0..n) as a JSON string literal (quotes included); invalid UTF-8
 * becomes U+FFFD, control characters are escaped. */
void sb_json_str(strbuf *b, const char *s, size_t n);
/* Appends v in decimal. */
void sb_uint(strbuf *b, size_t v);
void sb_free(strbuf *b);
#endif
