/* The tokeniser's SIMD paths (SSE2: sixteen ASCII bytes at a time, and the
 * block scan of sixty-four) against
 * its portable paths: tagger/norm.c is compiled a second time into this
 * program without __SSE2__ (names prefixed ref_), and both tokenise the same
 * random texts: ASCII words of every length around 8, 16 and the token
 * limit, mixed case, digits, Cyrillic, Latin-1, apostrophes, dashes, marks,
 * soft hyphens, CJK, invalid bytes. Every token must agree in offsets,
 * flags, fold and hash. (The SSE2 build also finishes whole ASCII words in
 * word_fast; the portable one never does: this compares the two.) And
 * ng_fold's and ng_norm_cased's two-byte path (fold_two_byte) against
 * utf8proc's fold, which the reference build uses for every string that is
 * not ASCII. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#undef __SSE2__
#define NG_NORM_REFERENCE   /* (ng_fold without its two-byte path: utf8proc's) */
#define ng_norm_init ref_ng_norm_init
#define ng_hash ref_ng_hash
#define ng_hash_upto ref_ng_hash_upto
#define ng_hash_done ref_ng_hash_done
#define ng_tokenize ref_ng_tokenize
#define ng_tokbuf_reset ref_ng_tokbuf_reset
#define ng_tokbuf_free ref_ng_tokbuf_free
#define ng_norm_cased ref_ng_norm_cased
#define ng_utf8_decode ref_ng_utf8_decode
#define ng_fold ref_ng_fold
#define ng_fold_version ref_ng_fold_version
#define ng_tokens ref_ng_tokens
#define ng_utf8_valid_len ref_ng_utf8_valid_len
#define ng_utf8_valid_prefix ref_ng_utf8_valid_prefix
#define ng_drop_ignorable ref_ng_drop_ignorable
#define ng_quoted ref_ng_quoted
#include "../../tagger/norm.c"
#undef ng_norm_init
#undef ng_hash
#undef ng_hash_upto
#undef ng_hash_done
#undef ng_tokenize
#undef ng_tokbuf_reset
#undef ng_tokbuf_free
#undef ng_norm_cased
#undef ng_utf8_decode
#undef ng_fold
#undef ng_fold_version
#undef ng_tokens
#undef ng_utf8_valid_len
#undef ng_utf8_valid_prefix
#undef ng_drop_ignorable
#undef ng_quoted
/* the library's (SIMD) versions; norm.h was included above under ref_ names */
void ng_norm_init(void);
int ng_tokenize(ng_tokbuf *b, const char *text, size_t len);
void ng_tokbuf_reset(ng_tokbuf *b);
void ng_tokbuf_free(ng_tokbuf *b);
char *ng_fold(const char *s, size_t len, size_t *outlen);
int ng_norm_cased(const char *s, size_t len, char **out, size_t *outlen);

static const char *const pieces[] = {
    "a", "b", "z", "A", "Q", "Z", "0", "7", "9", " ", " ", " ", "\n", "\n\n", ".", ",", "-", "'", "’", "_",
    "@", "`", "[", "{", "~", "\x7f", "д", "Д", "і", "Ї", "є", "ґ", "Ё", "ё", "é", "É", "ß", "ǅ", "ﬁ",
    "\xcc\x81" /* combining acute */, "\xc2\xad" /* soft hyphen */, "\xe4\xb8\xad" /* CJK */,
    "\xff" /* invalid */, "\xd0" /* truncated */, "«", "»", "—", "İ", "Σ", "ς", "١",
    "\t", "\r\n", "\n \n", "\xc2\xa0" /* no-break space */, "м'ясо", "Мар'їнка", "ЗСУ", "Київ",
    "ПРИВАТБАНКІВСЬКИЙ", "\xe2\x80\x8b" /* zero width space */, "\xe2\x80\x99" /* ’ */,
    /* Cyrillic words of eight letters and more, cyr8's and others */
    "Україна", "ЄВРОПЕЙСЬКИЙ", "Їжакович", "достопримечательность", "Ёлкин", "ґрунтовнішої", "РЯЮЭЪЫЬ",
    "Іванівна", "ёжиковёё", "ѐѕјѓѝ", "Ґанок", "ЄІЇєії", "абвгдежзийклмнопрстуфхцчшщъыьэюя",
};

/* Compares the two tokenisers on text[0..len); returns the tokens compared
 * (negative when they differ, after printing the first difference). */
static ng_tokbuf ea, eb;
static long compare(const char *what, const char *text, size_t len) {
    ng_tokbuf_reset(&ea);
    ref_ng_tokbuf_reset(&eb);
    if (ng_tokenize(&ea, text, len) || ref_ng_tokenize(&eb, text, len)) return -1;
    if (ea.n != eb.n || ea.invalid != eb.invalid || ea.ncaps != eb.ncaps) {
        OK(0, "%s: %zu tokens, portable path %zu (invalid %zu/%zu)", what, ea.n, eb.n, ea.invalid, eb.invalid);
        return -1;
    }
    for (size_t i = 0; i < ea.n; i++) {
        const ng_token *x = &ea.tok[i], *y = &eb.tok[i];
        if (x->start != y->start || x->end != y->end || x->flags != y->flags || x->fold_len != y->fold_len ||
            x->hash != y->hash || memcmp(ea.fold + x->fold, eb.fold + y->fold, x->fold_len) ||
            (i < ea.ncaps && ea.caps[i] != eb.caps[i])) {
            OK(0, "%s: token %zu [%u,%u) flags %x/%x fold %u/%u: \"%.*s\"", what, i, x->start, x->end, x->flags,
               y->flags, x->fold_len, y->fold_len, (int)(x->end - x->start), text + x->start);
            return -1;
        }
    }
    return (long)ea.n;
}

/* The block scan's edges: each piece placed at every offset around the
 * 64-byte block boundaries (after a run of filler), in a text that ends
 * right after it or goes on: words across one or two block edges, longer
 * than a block, an apostrophe on the last byte of a block, invalid UTF-8
 * right after an ASCII or a Cyrillic word, text ending mid-word or
 * mid-character, line feeds and controls in gaps. */
static void test_block_edges(void) {
    static const char *const edge[] = {
        "word", "Word", "WORD", "w0rd", "42", "I", "don't", "abc'", "abc'\xd0\xb4", "abc`\xd0\x94x", "abc'd",
        "abc\xd0\xb4", "abc\xff", "abc\xd0", "\xd0\xb4\xd0\xb0\xd0\xbd\xd1\x96", "\xd0\x94\xd0\x90",
        "\xd0\xb4\xff", "\xd0\xb4\xd0", "\xd0\xb4'\xd1\x8f", "\xd0\xb4" "1", "\xd0\xb4\xc2\xab", "\xd0\xb4\xc2\xad\xd0\xb0",
        "\xd0\xb4\xcc\x81", "\xd0\xb4\xe2\x80\x94", "\xc3\xa9t\xc3\xa9", "1\xd0\xb4", "a\n\nb", "a\n \nb", "a\x7f\x01" "b",
        "a\tb", ".,;", "-x-", "\xc2\xa0x",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmn",   /* 66 */
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKL",     /* 64 */
        "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb0\xd1\x82\xd0\xb1\xd0\xb0\xd0\xbd\xd0\xba\xd1\x96\xd0\xb2"
        "\xd1\x81\xd1\x8c\xd0\xba\xd0\xb8\xd0\xb9\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb0\xd1\x82\xd0\xb1"
        "\xd0\xb0\xd0\xbd\xd0\xba\xd1\x96\xd0\xb2\xd1\x81\xd1\x8c\xd0\xba\xd0\xb8\xd0\xb9\xd0\xbf\xd1\x80"
        "\xd0\xb8\xd0\xb2\xd0\xb0\xd1\x82\xd0\xb1\xd0\xb0\xd0\xbd\xd0\xba\xd1\x96\xd0\xb2",   /* 140 bytes */
    };
    static char buf[512];
    long tokens = 0, bad = 0;
    for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++) {
        size_t el = strlen(edge[k]);
        for (size_t off = 0; off < 200; off++) {
            for (int tail = 0; tail < 3; tail++) {
                /* filler: words and spaces (a text that starts mid-way
                 * through the filler shifts every block) */
                size_t n = 0;
                for (size_t i = 0; i < off; i++) buf[n++] = (i % 7 == 6) ? ' ' : (char)('a' + i % 26);
                if (off) buf[n - 1] = ' ';
                memcpy(buf + n, edge[k], el);
                n += el;
                if (tail == 1) { memcpy(buf + n, " more text, and more: to the end of a block ...", 47); n += 47; }
                if (tail == 2) { memcpy(buf + n, "\xd0\xb4\xd0\xb0 x", 6); n += 6; }
                char what[64];
                snprintf(what, sizeof what, "edge %zu at %zu (tail %d)", k, off, tail);
                long r = compare(what, buf, n);
                if (r < 0 && ++bad >= 10) goto done;
                if (r > 0) tokens += r;
            }
        }
    }
done:
    ng_tokbuf_free(&ea);
    ref_ng_tokbuf_free(&eb);
    INT_EQ(bad, 0, "block edges that differ");
    OK(tokens > 100000, "block edge tokens compared: %ld", tokens);
}

static void random_text(char *buf, size_t *len, size_t cap, unsigned *seed) {
    size_t n = 0;
    while (n + 8 < cap) {
        unsigned r = rand_r(seed);
        if (r % 5 == 0) {
            /* an ASCII run of 1..300 letters and digits, mixed case */
            size_t k = 1 + (size_t)(rand_r(seed) % (r % 7 == 0 ? 300 : 20));
            int style = rand_r(seed) % 4;
            for (size_t i = 0; i < k && n + 8 < cap; i++) {
                unsigned x = (unsigned)rand_r(seed);
                char c = (char)('a' + x % 26);
                if (style == 1 || (style == 2 && x % 3 == 0)) c = (char)(c - 32);
                if (style == 3 && x % 4 == 0) c = (char)('0' + x % 10);
                buf[n++] = c;
            }
        } else {
            const char *p = pieces[r % (sizeof pieces / sizeof pieces[0])];
            size_t k = strlen(p);
            if (n + k + 8 >= cap) break;
            memcpy(buf + n, p, k);
            n += k;
        }
    }
    *len = n;
}

/* Do ng_fold and ng_norm_cased of s[0, n) equal the reference's (utf8proc's)? */
static int fold_same(const char *s, size_t n, long *bad) {
    size_t la = 0, lb = 0;
    char *a = ng_fold(s, n, &la), *b = ref_ng_fold(s, n, &lb);
    int same = (a == NULL) == (b == NULL) && (!a || (la == lb && !memcmp(a, b, la)));
    if (!same && ++*bad <= 5)
        OK(0, "ng_fold of \"%.*s\": %zu bytes, utf8proc's %zu: \"%.*s\" / \"%.*s\"", (int)n, s, la, lb, (int)la,
           a ? a : "", (int)lb, b ? b : "");
    free(a);
    free(b);
    /* and without case folding */
    a = b = NULL;
    int ra = ng_norm_cased(s, n, &a, &la), rb = ref_ng_norm_cased(s, n, &b, &lb);
    int same2 = ra == rb && (ra || (la == lb && !memcmp(a, b, la)));
    if (!same2 && ++*bad <= 5)
        OK(0, "ng_norm_cased of \"%.*s\": %zu bytes, utf8proc's %zu: \"%.*s\" / \"%.*s\"", (int)n, s, la, lb, (int)la,
           a ? a : "", (int)lb, b ? b : "");
    free(a);
    free(b);
    return same && same2;
}

/* Every two-byte character alone and between ASCII letters, a Cyrillic
 * letter, ё, an apostrophe, a dash, an accented letter, a digit or a
 * space; then random strings of ASCII and two-byte characters (marks,
 * spaces and format characters among them: those go to utf8proc). */
static void test_fold_two_byte(void) {
    static const char *const around[] = {"", "A", "z", "\xd0\x94", "\xd1\x91", "'", "-", "\xc3\xa9", "1", " "};
    const size_t na = sizeof around / sizeof around[0];
    long n = 0, bad = 0;
    char buf[64];
    for (unsigned cp = 0x80; cp < 0x800; cp++) {
        for (size_t a = 0; a < na; a++)
            for (size_t b = 0; b < na; b++) {
                size_t k = strlen(around[a]);
                memcpy(buf, around[a], k);
                buf[k++] = (char)(0xC0 | (cp >> 6));
                buf[k++] = (char)(0x80 | (cp & 0x3F));
                memcpy(buf + k, around[b], strlen(around[b]));
                k += strlen(around[b]);
                fold_same(buf, k, &bad);
                n++;
            }
    }
    unsigned seed = 20261207;
    for (int r = 0; r < 40000; r++) {
        size_t k = 0, chars = 1 + (size_t)(rand_r(&seed) % 12);
        for (size_t i = 0; i < chars; i++) {
            unsigned x = (unsigned)rand_r(&seed);
            if (x % 10 < 3) buf[k++] = (char)(0x20 + (x >> 8) % 95);
            else {
                unsigned cp = 0x80 + (x >> 8) % (0x800 - 0x80);
                buf[k++] = (char)(0xC0 | (cp >> 6));
                buf[k++] = (char)(0x80 | (cp & 0x3F));
            }
        }
        fold_same(buf, k, &bad);
        n++;
    }
    INT_EQ(bad, 0, "strings ng_fold folds otherwise than utf8proc");
    OK(n > 200000, "strings folded both ways: %ld", n);
}

int main(void) {
    ng_norm_init();
    ref_ng_norm_init();
    static char buf[1 << 16];
    ng_tokbuf a = {0}, b = {0};
    unsigned seed = 20261127;
    long tokens = 0, bad = 0;
    for (int round = 0; round < 400 && bad < 10; round++) {
        size_t len;
        random_text(buf, &len, round % 10 == 0 ? sizeof buf : 600 + (size_t)round, &seed);
        ng_tokbuf_reset(&a);
        ref_ng_tokbuf_reset(&b);
        if (ng_tokenize(&a, buf, len) || ref_ng_tokenize(&b, buf, len)) { OK(0, "out of memory"); break; }
        if (a.n != b.n) { bad++; OK(0, "round %d: %zu tokens, portable path %zu", round, a.n, b.n); continue; }
        for (size_t i = 0; i < a.n; i++) {
            const ng_token *x = &a.tok[i], *y = &b.tok[i];
            tokens++;
            if (x->start != y->start || x->end != y->end || x->flags != y->flags || x->fold_len != y->fold_len ||
                x->hash != y->hash || memcmp(a.fold + x->fold, b.fold + y->fold, x->fold_len)) {
                bad++;
                OK(0, "round %d token %zu [%u,%u) flags %x/%x fold %u/%u: \"%.*s\"", round, i, x->start, x->end,
                   x->flags, y->flags, x->fold_len, y->fold_len, (int)(x->end - x->start), buf + x->start);
            }
        }
    }
    INT_EQ(bad, 0, "tokens that differ");
    OK(tokens > 50000, "tokens compared: %ld", tokens);
    ng_tokbuf_free(&a);
    ref_ng_tokbuf_free(&b);
    test_block_edges();
    test_fold_two_byte();
    return harness_done("test_simd");
}
