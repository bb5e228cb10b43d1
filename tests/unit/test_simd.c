/* The tokeniser's SIMD paths (SSE2: sixteen ASCII bytes at a time) against
 * its portable paths: tagger/norm.c is compiled a second time into this
 * program without __SSE2__ (names prefixed ref_), and both tokenise the same
 * random texts: ASCII words of every length around 8, 16 and the token
 * limit, mixed case, digits, Cyrillic, Latin-1, apostrophes, dashes, marks,
 * soft hyphens, CJK, invalid bytes. Every token must agree in offsets,
 * flags, fold and hash. (The SSE2 build also finishes whole ASCII words in
 * word_fast; the portable one never does: this compares the two.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#undef __SSE2__
#define ng_norm_init ref_ng_norm_init
#define ng_hash ref_ng_hash
#define ng_tokenize ref_ng_tokenize
#define ng_tokbuf_reset ref_ng_tokbuf_reset
#define ng_tokbuf_free ref_ng_tokbuf_free
#define ng_norm_cased ref_ng_norm_cased
#define ng_utf8_decode ref_ng_utf8_decode
#define ng_fold ref_ng_fold
#define ng_fold_version ref_ng_fold_version
#define ng_tokens ref_ng_tokens
#define ng_utf8_valid_len ref_ng_utf8_valid_len
#include "../../tagger/norm.c"
#undef ng_norm_init
#undef ng_hash
#undef ng_tokenize
#undef ng_tokbuf_reset
#undef ng_tokbuf_free
#undef ng_norm_cased
#undef ng_utf8_decode
#undef ng_fold
#undef ng_fold_version
#undef ng_tokens
#undef ng_utf8_valid_len
/* the library's (SIMD) versions; norm.h was included above under ref_ names */
void ng_norm_init(void);
int ng_tokenize(ng_tokbuf *b, const char *text, size_t len);
void ng_tokbuf_reset(ng_tokbuf *b);
void ng_tokbuf_free(ng_tokbuf *b);

static const char *const pieces[] = {
    "a", "b", "z", "A", "Q", "Z", "0", "7", "9", " ", " ", " ", "\n", "\n\n", ".", ",", "-", "'", "’", "_",
    "@", "`", "[", "{", "~", "\x7f", "д", "Д", "і", "Ї", "є", "ґ", "Ё", "ё", "é", "É", "ß", "ǅ", "ﬁ",
    "\xcc\x81" /* combining acute */, "\xc2\xad" /* soft hyphen */, "\xe4\xb8\xad" /* CJK */,
    "\xff" /* invalid */, "\xd0" /* truncated */, "«", "»", "—", "İ", "Σ", "ς", "١",
};

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
    return harness_done("test_simd");
}
