/* The CLI's JSON string writer (tools/cli/strbuf.c, which scans sixteen bytes
 * at a time with SSE2) against a plain byte-by-byte reference on random
 * strings: escapes, control characters, Cyrillic, CJK, emoji, invalid and
 * truncated UTF-8 (U+FFFD), at every position relative to 16-byte blocks
 * (whole blocks of two-byte characters are copied as they are). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../../tools/cli/strbuf.c"
const char *cli_argv0 = "test_strbuf";
void cli_msg(const char *fmt, ...) { (void)fmt; }
static void ref(strbuf *b, const char *s, size_t n) {
    sb_put(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) { sb_put(b, s + i, 1); i++; continue; }
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
            i++; continue;
        }
        int k = ng_utf8_valid_len(p + i, n - i);
        if (k < 0) { sb_put(b, "\xEF\xBF\xBD", 3); i++; continue; }
        sb_put(b, s + i, (size_t)k); i += (size_t)k;
    }
    sb_put(b, "\"", 1);
}
int main(void) {
    /* a few exact ones */
    strbuf e = {0};
    sb_json_str(&e, "a\"b\\c\n\x01\xff\xd0\xb4", 10);
    STR_EQ(e.s, "\"a\\\"b\\\\c\\n\\u0001\xEF\xBF\xBD\xd0\xb4\"");
    sb_free(&e);
    /* (Cyrillic runs longer than a block, a lone continuation byte, an
     * overlong two-byte form: the sixteen-byte test of two-byte text) */
    const char *pieces[] = {"a","bcdefghijklmnop","\"","\\","\n","\t","\x01","\x7f","д","ї","\xe4\xb8\xad","\xf0\x9f\x98\x80","\xff","\xd0","\xe4\xb8"," ","0123456789",
                            "Київщина","Луганськ","\x80","\xc1\x81","\xdf\xbf"};
    const int npieces = (int)(sizeof pieces / sizeof *pieces);
    unsigned seed = 1; long bad = 0;
    for (int r = 0; r < 200000; r++) {
        char buf[200]; size_t n = 0; int k = rand_r(&seed) % 12;
        for (int j = 0; j < k; j++) { const char *p = pieces[rand_r(&seed) % npieces]; size_t l = strlen(p); if (n + l < sizeof buf) { memcpy(buf + n, p, l); n += l; } }
        strbuf a = {0}, b = {0};
        sb_json_str(&a, buf, n); ref(&b, buf, n);
        if (a.len != b.len || memcmp(a.s, b.s, a.len)) bad++;
        sb_free(&a); sb_free(&b);
    }
    INT_EQ(bad, 0, "strings written differently from the reference");
    /* every length up to 20 with one byte that needs a look at every
     * position (the 8-16 byte strings go through two overlapping 8-byte
     * loads first) */
    const unsigned char special[] = {'"', '\\', '\n', 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xd0, 0xff, '!', '#', '[', ']'};
    long bad2 = 0;
    for (size_t n = 1; n <= 20; n++)
        for (size_t pos = 0; pos < n; pos++)
            for (size_t k = 0; k < sizeof special; k++) {
                char buf[24];
                memset(buf, 'a', n);
                buf[pos] = (char)special[k];
                strbuf a = {0}, b = {0};
                sb_json_str(&a, buf, n); ref(&b, buf, n);
                if (a.len != b.len || memcmp(a.s, b.s, a.len)) bad2++;
                sb_free(&a); sb_free(&b);
            }
    INT_EQ(bad2, 0, "one special byte at every position of every length");
    /* growth to tens of MB (a large article's output) keeps the text
     * written so far */
    strbuf big = {0};
    size_t nbig = 0;
    while (big.len < ((size_t)12 << 20)) { sb_uint(&big, nbig++); sb_put(&big, ",", 1); }
    size_t i = 0, at = 0;
    for (; i < nbig && at < big.len; i++) {   /* the numbers 0, 1, 2 ... read back */
        char *end;
        if (strtoull(big.s + at, &end, 10) != i || *end != ',') break;
        at = (size_t)(end - big.s) + 1;
    }
    OK(i == nbig && at == big.len && big.cap >= ((size_t)12 << 20), "text kept across growth to tens of MB");
    sb_free(&big);
    return harness_done("test_strbuf");
}
