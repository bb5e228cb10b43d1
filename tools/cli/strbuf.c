#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "strbuf.h"
#include "cli.h"

static void reserve(strbuf *b, size_t n) {
    if (b->len + n + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    /* (not hinted for huge pages as tagger arrays are: written once,
     * front to back, the output gained little from them and its 2 MB pages
     * cost ~50 MB of peak RSS at 1M names, over the 400 MB target) */
    char *s = realloc(b->s, cap);
    if (!s) { cli_msg("out of memory"); exit(EXIT_DATA); }
    b->s = s;
    b->cap = cap;
}

void sb_grow(strbuf *b, size_t n) { reserve(b, n); }

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

#if defined(__SSE2__)
/* Sixteen bytes, of which the lanes in 'lanes' count: does none need a
 * look (a control character, '"', '\\') and is every byte >= 0x80 part of
 * a two-byte character (C2-DF, then 80-BF) whole within them? Then they
 * are written as they are: Cyrillic, Greek and Latin-1 text sixteen bytes
 * at a time, not a character at a time (2.9 % of the instructions of
 * tagging Ukrainian and Russian news went to this writer). */
static inline int plain16(__m128i x, unsigned lanes) {
    __m128i ascii = _mm_cmpgt_epi8(x, _mm_set1_epi8(-1));   /* (signed: bytes < 0x80) */
    __m128i spec = _mm_or_si128(_mm_and_si128(ascii, _mm_cmplt_epi8(x, _mm_set1_epi8(0x20))),
                                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
    __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xC1)), _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xE0)));
    __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80));
    unsigned sp = (unsigned)_mm_movemask_epi8(spec) & lanes, hi = (unsigned)_mm_movemask_epi8(x) & lanes;
    unsigned l = (unsigned)_mm_movemask_epi8(lead) & lanes, c = (unsigned)_mm_movemask_epi8(cont) & lanes;
    /* (a lead on the last lane asks for a byte past them: l << 1 != c) */
    return !sp && (l << 1) == c && hi == (l | c);
}
#endif

/* Eight bytes of a string: does any need a look (a control character,
 * '"', '\\', or a byte >= 0x80 of a multibyte character)? Each test is
 * exact for "some byte": hasless and haszero of the bit hacks. */
static inline int swar_special(uint64_t x) {
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
    uint64_t lt20 = (x - ones * 0x20) & ~x, eq = ((q - ones) & ~q) | ((bs - ones) & ~bs);
    return ((lt20 | eq | x) & high) != 0;
}

/* Runs that need no escaping (printable ASCII other than " and \\, valid
 * UTF-8 sequences) are copied in one piece. */
void sb_json_str(strbuf *b, const char *s, size_t n) {
    reserve(b, n + 2);
    if (n >= 4 && n <= 16) {
        /* most strings (ids, names, types, short spans): two loads that
         * overlap cover them, and when no byte needs a look they are
         * copied whole */
        uint64_t x, y;
        if (n >= 8) {
            memcpy(&x, s, 8);
            memcpy(&y, s + n - 8, 8);
        } else {
            uint32_t lo, hi;
            memcpy(&lo, s, 4);
            memcpy(&hi, s + n - 4, 4);
            x = (uint64_t)hi << 32 | lo;
            y = x;
        }
        if (!swar_special(x) && !swar_special(y)) {
            b->s[b->len++] = '"';
            memcpy(b->s + b->len, s, n);
            b->len += n;
            b->s[b->len++] = '"';
            return;
        }
    }
#if defined(__SSE2__)
    if (n <= 16) {
        /* (two-byte characters: one vector of a copy, and when they are
         * whole and no byte needs a look the string is copied whole) */
        unsigned char tmp[16] = {0};
        memcpy(tmp, s, n);
        if (plain16(_mm_loadu_si128((const __m128i *)(const void *)tmp), n == 16 ? 0xFFFFu : (1u << n) - 1)) {
            b->s[b->len++] = '"';
            memcpy(b->s + b->len, s, n);
            b->len += n;
            b->s[b->len++] = '"';
            return;
        }
    }
#endif
    b->s[b->len++] = '"';
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
#if defined(__SSE2__)
        /* sixteen bytes at a time while none needs a look: control
         * characters, '"', '\\' and non-ASCII bytes */
        while (n - i >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            if (plain16(x, 0xFFFFu)) { i += 16; continue; }
            __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
                                           _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)));   /* signed: also bytes >= 0x80 */
            unsigned m = (unsigned)_mm_movemask_epi8(special);
            if (m) { i += (size_t)__builtin_ctz(m); break; }
            i += 16;
        }
        if (i >= n) break;
#endif
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { i++; continue; }
        if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) { i += 2; continue; }
        int k = c >= 0x80 ? ng_utf8_valid_len(p + i, n - i) : 0;
        if (k > 0) { i += (size_t)k; continue; }
        if (i > run) sb_put(b, s + run, i - run);
        char esc[8];
        switch (c) {
        case '"': sb_put(b, "\\\"", 2); break;
        case '\\': sb_put(b, "\\\\", 2); break;
        case '\n': sb_put(b, "\\n", 2); break;
        case '\r': sb_put(b, "\\r", 2); break;
        case '\t': sb_put(b, "\\t", 2); break;
        default:
            if (c < 0x80) { snprintf(esc, sizeof esc, "\\u%04x", c); sb_put(b, esc, 6); }
            else sb_put(b, "\xEF\xBF\xBD", 3);   /* invalid UTF-8 */
        }
        run = ++i;
    }
    if (i > run) sb_put(b, s + run, i - run);
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

void sb_base64(strbuf *b, const void *data, size_t n) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = data;
    sb_grow(b, (n + 2) / 3 * 4);
    char *o = b->s + b->len;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        *o++ = abc[v >> 18]; *o++ = abc[(v >> 12) & 63]; *o++ = abc[(v >> 6) & 63]; *o++ = abc[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
        *o++ = abc[v >> 18]; *o++ = abc[(v >> 12) & 63];
        *o++ = i + 1 < n ? abc[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
    b->len = (size_t)(o - b->s);
    b->s[b->len] = 0;
}
