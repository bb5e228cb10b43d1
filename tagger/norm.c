/* Character classes, folding and tokenisation.
 *
 * Folding is NFKC + Unicode case folding (utf8proc), with ё→е, every
 * apostrophe (' ’ ʼ ‘ ` ´ ʹ ′) → ' and every dash (‐ ‑ ‒ – — ― − ...) → -.
 * Code points below U+0800 (Latin, Greek, Cyrillic ...) are folded from a
 * table built once with utf8proc; anything else, and any word that carries a
 * combining mark, goes through utf8proc_map() on the whole word, so that
 * composition across characters is right.
 *
 * Tokens: a word is a run of letters, digits and marks (Unicode categories
 * L*, N*, M*); an apostrophe joins two letters into one word when either
 * letter is Cyrillic (Ukrainian м'ясо, Мар'їнка); every other visible
 * character is a one-character punctuation token; white space, control
 * characters, NUL and invalid UTF-8 separate tokens. Default-ignorable
 * characters (soft hyphen, zero-width joiners, BOM) are skipped. Offsets
 * are those of the original bytes: folding never moves them. */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "norm.h"
#include "tagger.h"

enum { C_SPACE, C_NL, C_WORD, C_PUNCT, C_APOS, C_DASH, C_IGNORE };
enum { L_UPPER = 1, L_LOWER = 2, L_LETTER = 4, L_DIGIT = 8, L_CYR = 16, L_LATIN = 32, L_SLOW = 64, L_MARK = 128 };

typedef struct cpinfo {
    uint8_t cls, lflags, flen, pad;
    char f[8];
} cpinfo;

#define TABLE_N 0x800
static cpinfo table[TABLE_N];
static uint8_t drop_lead[256];   /* (init_table; ng_drop_ignorable) */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int is_apos(int32_t c) {
    return c == 0x27 || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x60 ||
           c == 0xB4 || c == 0x02B9 || c == 0x2032 || c == 0xFF07;
}
static int is_dash(int32_t c) {
    return c == 0x2D || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 ||
           c == 0xFE63 || c == 0xFF0D || c == 0x2E3A || c == 0x2E3B;
}

/* Class and letter flags of any code point, from utf8proc. */
static void classify(int32_t c, uint8_t *cls, uint8_t *lf) {
    *lf = 0;
    if (c == '\n') { *cls = C_NL; return; }
    if (is_apos(c)) { *cls = C_APOS; return; }
    if (is_dash(c)) { *cls = C_DASH; return; }
    const utf8proc_property_t *p = utf8proc_get_property(c);
    if (p->ignorable && c != 0) { *cls = C_IGNORE; return; }
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
        *cls = C_WORD; *lf = L_LETTER | L_UPPER; break;
    case UTF8PROC_CATEGORY_LL:
        *cls = C_WORD; *lf = L_LETTER | L_LOWER; break;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        *cls = C_WORD; *lf = L_LETTER; break;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        *cls = C_WORD; *lf = L_MARK | L_SLOW; break;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        *cls = C_WORD; *lf = L_DIGIT; break;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
        *cls = C_SPACE; break;
    case UTF8PROC_CATEGORY_CF:
        *cls = C_IGNORE; break;
    default:
        *cls = C_PUNCT; break;
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85) *cls = C_NL;
    if (*lf & L_LETTER) {
        if ((c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) ||
            (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F))
            *lf |= L_CYR;
        else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
                 (c >= 0x1E00 && c <= 0x1EFF))
            *lf |= L_LATIN;
    }
}

/* Is c a combining acute accent after the Cyrillic letter prev? Russian
 * and Ukrainian texts mark stress with it (Пу\u0301тін, Ки\u0301єві); like
 * a format character it is no part of the word for matching, while after a
 * Latin letter (NFD é) it is a letter's accent and stays. */
#define STRESS_MARK 0x301
static int is_stress(int32_t c, int32_t prev) {
    return c == STRESS_MARK && prev >= 0x400 && prev <= 0x52F;
}

/* Post-folding replacements on a UTF-8 string, in place when possible:
 * ё → е, apostrophes → ', dashes → -, a stress mark after a Cyrillic
 * letter dropped (NG_FOLD_V1: ё and U+2019 only). Returns the new length. */
static size_t post_fold(char *s, size_t len, int version) {
    size_t r = 0, w = 0;
    int32_t prev = 0;
    while (r < len) {
        int32_t c;
        int n = ng_utf8_decode((const unsigned char *)s + r, len - r, &c);
        if (n < 0) { s[w++] = s[r++]; prev = 0; continue; }
        if (version != NG_FOLD_V1 && is_stress(c, prev)) { r += n; continue; }
        prev = c;
        if (c == 0x451) { s[w++] = (char)0xD0; s[w++] = (char)0xB5; }
        else if (version == NG_FOLD_V1 ? c == 0x2019 : is_apos(c)) s[w++] = '\'';
        else if (version != NG_FOLD_V1 && is_dash(c)) s[w++] = '-';
        else { memmove(s + w, s + r, n); w += n; }
        r += n;
    }
    return w;
}

/* Apostrophes and dashes are unified before NFKC, which would otherwise
 * decompose some of them (´ U+00B4 becomes a space and a combining accent). */
static utf8proc_int32_t unify_punct(utf8proc_int32_t c, void *data) {
    (void)data;
    return is_apos(c) ? '\'' : is_dash(c) ? '-' : c;
}

static int fold_table_ready;   /* (init_table: table[] holds the folds) */

#ifndef NG_NORM_REFERENCE

/* NG_FOLD of a string of ASCII and two-byte characters (Cyrillic,
 * Latin-1, Greek) none of which is a mark, a space or a format character,
 * and whose folds the table holds: their folds in a row (post_fold again
 * over them), which is what utf8proc makes of the whole; without case
 * folding (ng_norm_cased), of ASCII and Cyrillic letters: those as they
 * are, post_fold over them. (NFKC composes or
 * reorders only around a character that is or starts with a combining
 * one, and none of these is; case folding, the unified punctuation and
 * post_fold go a character at a time. tests/unit/test_simd.c compares the
 * two on every such character, alone and beside others.) utf8proc costs
 * ~4,000 instructions a word; names folded in the article pass and by the
 * rules are mostly such words. Returns NG_OK, NG_E_NOMEM, or 1 when the
 * string is not such a one. */
static int fold_two_byte(const char *s, size_t len, int casefold, char **out, size_t *outlen) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) { i++; continue; }
        if (u[i] < 0xC2 || u[i] >= 0xE0 || i + 1 >= len || (u[i + 1] & 0xC0) != 0x80) return 1;
        unsigned cp = ((u[i] & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu);
        const cpinfo *e = &table[cp];
        if (!e->flen || (e->lflags & L_SLOW) ||
            (e->cls != C_WORD && e->cls != C_PUNCT && e->cls != C_APOS && e->cls != C_DASH))
            return 1;
        /* without case folding: Cyrillic letters only, which NFKC keeps */
        if (!casefold && (cp < 0x400 || cp > 0x4FF || e->cls != C_WORD)) return 1;
        i += 2;
    }
    /* (a two-byte character folds to at most sizeof table[].f = 8 bytes,
     * ¼ to five, "1⁄4": not to four, as the tokeniser's table keeps; make
     * asan found it in test_simd) */
    char *d = malloc(4 * len + 1);
    if (!d) return NG_E_NOMEM;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            utf8proc_int32_t c = unify_punct(u[i++], NULL);
            d[o++] = (char)(casefold && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            continue;
        }
        if (casefold) {
            const cpinfo *e = &table[((u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F)];
            memcpy(d + o, e->f, e->flen);
            o += e->flen;
        } else {
            d[o++] = (char)u[i];
            d[o++] = (char)u[i + 1];
        }
        i += 2;
    }
    d[o] = 0;
    *outlen = post_fold(d, o, NG_FOLD);
    *out = d;
    return NG_OK;
}
#endif

/* Full fold of a UTF-8 string with utf8proc; malloc'd result. NG_FOLD_V1:
 * without the removal of default-ignorable characters and without the
 * unification of apostrophes (but U+2019) and dashes. */
static int fold_version(const char *s, size_t len, int casefold, int version, char **out, size_t *outlen) {
    /* ASCII (most aliases and surfaces stored by ingest): NFKC changes
     * nothing and case folding is A-Z; utf8proc's two passes and its
     * allocations cost thousands of instructions per string */
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80) i++;
    if (i == len) {
        char *d = malloc(len + 1);
        if (!d) return NG_E_NOMEM;
        for (i = 0; i < len; i++) {
            utf8proc_int32_t c = (unsigned char)s[i];
            if (version != NG_FOLD_V1) c = unify_punct(c, NULL);
            if (casefold && c >= 'A' && c <= 'Z') c += 'a' - 'A';
            d[i] = (char)c;
        }
        d[len] = 0;
        *outlen = post_fold(d, len, version);
        *out = d;
        return NG_OK;
    }
#ifndef NG_NORM_REFERENCE
    if (version == NG_FOLD && fold_table_ready) {
        int rc = fold_two_byte(s, len, casefold, out, outlen);
        if (rc != 1) return rc;
    }
#endif
    utf8proc_uint8_t *dst = NULL;
    int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    if (version != NG_FOLD_V1) opts |= UTF8PROC_IGNORE;
    if (casefold) opts |= UTF8PROC_CASEFOLD;
    utf8proc_ssize_t n = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                             &dst, (utf8proc_option_t)opts,
                                             version == NG_FOLD_V1 ? NULL : unify_punct, NULL);
    if (n < 0) { free(dst); return n == UTF8PROC_ERROR_NOMEM ? NG_E_NOMEM : NG_E_UNICODE; }
    *outlen = post_fold((char *)dst, (size_t)n, version);
    *out = (char *)dst;
    return NG_OK;
}

static void init_table(void) {
    for (int32_t c = 0; c < TABLE_N; c++) {
        cpinfo *e = &table[c];
        classify(c, &e->cls, &e->lflags);
        if (c == 0) { e->cls = C_SPACE; continue; }
        if (e->cls == C_WORD || e->cls == C_PUNCT || e->cls == C_APOS || e->cls == C_DASH) {
            utf8proc_uint8_t buf[4];
            utf8proc_ssize_t n = utf8proc_encode_char(c, buf);
            char *f = NULL;
            size_t fl = 0;
            if ((c >= 0xD800 && c <= 0xDFFF) || fold_version((char *)buf, n, 1, NG_FOLD, &f, &fl) != NG_OK) {
                e->lflags |= L_SLOW;
                continue;
            }
            if (fl == 0 || fl > sizeof e->f) e->lflags |= L_SLOW;
            else { memcpy(e->f, f, fl); e->flen = (uint8_t)fl; }
            free(f);
        }
    }
    /* bytes that may start a character ng_drop_ignorable drops: three- and
     * four-byte lead bytes, invalid ones, and two-byte lead bytes whose
     * 64 characters include a format character or the stress mark */
    for (int b = 0xC0; b < 0x100; b++) drop_lead[b] = b >= 0xE0 || b < 0xC2;
    for (int32_t c = 0x80; c < TABLE_N; c++)
        if (table[c].cls == C_IGNORE || c == STRESS_MARK) drop_lead[0xC0 | (c >> 6)] = 1;
    fold_table_ready = 1;
}

void ng_norm_init(void) { pthread_once(&once, init_table); }

/* The hash of a folded word. Words are short and every word of a text is
 * hashed, so the hash is built from two 64x64->128-bit multiplies whose
 * halves are folded together ("mum"): up to 16 bytes are two loads and two
 * multiplies; longer words add one multiply per 16 bytes. Loads are
 * little-endian native integers, zero-extended (images record the byte
 * order they were built with and are refused on the other one). Changing
 * anything here changes every compiled image: bump NG_IMAGE_VERSION. */
#define HK0 0x97b1165f0971b7c5ull
#define HK1 0xd13c513a42f8eda1ull
#define HK2 0x8a8318174d645fa7ull
#define HK3 0x25abd89bd67e4d93ull

static inline uint64_t mum(uint64_t a, uint64_t b) {
    __extension__ typedef unsigned __int128 u128;
    u128 r = (u128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t load8(const char *s) {
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

/* n <= 8 bytes, zero-extended */
static inline uint64_t load_n(const char *s, size_t n) {
    uint64_t x = 0;
    memcpy(&x, s, n);
    return x;
}

static inline uint64_t mask_n(size_t n) { return n >= 8 ? ~0ull : ((1ull << (8 * n)) - 1); }

static inline uint64_t hash_final(uint64_t a, uint64_t b, uint64_t h, size_t len) {
    return mum(mum(a ^ HK0, b ^ HK1 ^ h) ^ HK2, (uint64_t)len ^ HK3);
}

/* More than 16 bytes: 16-byte blocks, then the last 16 bytes (overlapping). */
static uint64_t hash_long(const char *s, size_t len) {
    uint64_t h = 0;
    const char *p = s;
    for (size_t rem = len; rem > 16; rem -= 16, p += 16) h = mum(load8(p) ^ HK2, load8(p + 8) ^ HK3 ^ h);
    return hash_final(load8(s + len - 16), load8(s + len - 8), h, len);
}

void ng_hash_upto(ng_hstate *st, const char *s, size_t len, size_t upto) {
    /* (hash_long's loop: the blocks before the last 16 bytes) */
    uint64_t h = st->h;
    size_t pos = st->pos;
    if (upto > len) upto = len;
    for (; len - pos > 16 && pos + 16 <= upto; pos += 16) h = mum(load8(s + pos) ^ HK2, load8(s + pos + 8) ^ HK3 ^ h);
    st->h = h;
    st->pos = pos;
}

uint64_t ng_hash_done(ng_hstate *st, const char *s, size_t len) {
    if (len <= 16) return ng_hash(s, len);
    ng_hash_upto(st, s, len, len);
    return hash_final(load8(s + len - 16), load8(s + len - 8), st->h, len);
}

uint64_t ng_hash(const char *s, size_t len) {
    if (len > 16) return hash_long(s, len);
    if (len > 8) return hash_final(load8(s), load_n(s + 8, len - 8), 0, len);
    return hash_final(load_n(s, len), 0, 0, len);
}

/* ng_hash() for a string followed by at least 16 readable bytes (the fold
 * buffer keeps that slack): fixed-size loads, masked. Same value. */
static inline uint64_t hash_slack(const char *s, size_t len) {
    if (len > 16) return hash_long(s, len);
    uint64_t a = load8(s), b = load8(s + 8);
    if (len > 8) return hash_final(a, b & mask_n(len - 8), 0, len);
    return hash_final(a & mask_n(len), 0, 0, len);
}

int ng_utf8_decode(const unsigned char *s, size_t len, int32_t *cp) {
    unsigned c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    if (c < 0xC2) return -1;
    if (c < 0xE0) {
        if (len < 2 || (s[1] & 0xC0) != 0x80) return -1;
        *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return -1;
        int32_t v = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return -1;
        *cp = v;
        return 3;
    }
    if (c < 0xF5) {
        if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return -1;
        int32_t v = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        if (v < 0x10000 || v > 0x10FFFF) return -1;
        *cp = v;
        return 4;
    }
    return -1;
}

/* Class, letter flags and (table) fold of the character at s. Returns its
 * length, or -1 for invalid UTF-8. */
static inline int char_at(const unsigned char *s, size_t len, int32_t *cp,
                          uint8_t *cls, uint8_t *lf, const cpinfo **info) {
    if (s[0] >= 0xC2 && s[0] < 0xE0 && len > 1 && (s[1] & 0xC0) == 0x80) {
        /* two bytes (Cyrillic, Latin-1, Greek): straight from the table */
        *cp = (int32_t)(((s[0] & 0x1F) << 6) | (s[1] & 0x3F));
        *info = &table[*cp];
        *cls = (*info)->cls;
        *lf = (*info)->lflags;
        return 2;
    }
    int n = ng_utf8_decode(s, len, cp);
    if (n < 0) return -1;
    if (*cp < TABLE_N) {
        *info = &table[*cp];
        *cls = (*info)->cls;
        *lf = (*info)->lflags;
    } else {
        *info = NULL;
        classify(*cp, cls, lf);
        *lf |= L_SLOW;
    }
    return n;
}

static int grow_tok(ng_tokbuf *b) {
    size_t cap = b->cap ? b->cap * 2 : 1024;
    ng_token *t = realloc(b->tok, cap * sizeof *t);
    if (!t) return NG_E_NOMEM;
    b->tok = t;
    uint32_t *c = realloc(b->caps, cap * sizeof *c);
    if (!c) return NG_E_NOMEM;   /* (tok grew: harmless, cap stays) */
    b->caps = c;
    b->cap = cap;
    return NG_OK;
}

static __attribute__((noinline)) int grow_fold(ng_tokbuf *b, size_t need) {
    size_t cap = b->fold_cap ? b->fold_cap : 4096;
    while (cap < b->fold_len + need) cap *= 2;
    char *f = realloc(b->fold, cap);
    if (!f) return NG_E_NOMEM;
    b->fold = f;
    b->fold_cap = cap;
    return NG_OK;
}

/* Room for need more bytes of folded forms (once a token: the check inline,
 * the growth apart). */
static inline int reserve_fold(ng_tokbuf *b, size_t need) {
    return b->fold_len + need <= b->fold_cap ? NG_OK : grow_fold(b, need);
}

void ng_tokbuf_reset(ng_tokbuf *b) {
    b->n = 0;
    b->ncaps = 0;
    b->fold_len = 0;
    b->invalid = 0;
    b->count_from = b->count_to = 0;
}

void ng_tokbuf_free(ng_tokbuf *b) {
    if (!b) return;
    free(b->tok);
    free(b->caps);
    free(b->fold);
    memset(b, 0, sizeof *b);
}

/* Is the character at s (within len) a letter? Sets *cyr. */
static int letter_at(const unsigned char *s, size_t len, int *cyr) {
    int32_t cp; uint8_t cls, lf; const cpinfo *info;
    if (len == 0) return 0;
    int n = char_at(s, len, &cp, &cls, &lf, &info);
    if (n < 0 || !(lf & L_LETTER)) return 0;
    *cyr = (lf & L_CYR) != 0;
    return 1;
}

enum { A_WORD = 1, A_UPPER = 2, A_LOWER = 4, A_DIGIT = 8, A_LETTER = 16 };
/* 0x80 in each byte of x strictly between m and n (bytes with the high bit
 * set never are); m, n <= 128 (Bit Twiddling Hacks, "hasbetween"). */
#define ONES 0x0101010101010101ull
#define BETWEEN(x, m, n) \
    ((ONES * (127 + (n)) - ((x) & ONES * 127)) & ~(x) & (((x) & ONES * 127) + ONES * (127 - (m))) & ONES * 128)
static uint8_t ascii_cls[128], ascii_info[256];
/* Two-byte characters (U+0080..U+07FF) that are word characters folding
 * to at most 4 bytes without utf8proc: the hot path for Cyrillic. */
typedef struct fast2 { uint32_t fold; uint8_t flen, lf, ok, pad; } fast2;
/* indexed by the two bytes (first << 8 | second): ok (and flen not 0) only
 * for a valid two-byte sequence of such a character, so no other check is
 * needed. (The first byte high: the letters of a script lie together, the
 * Cyrillic ones in 4 KB; indexed first | second << 8, one 16-bit load, they
 * lay 2 KB apart, a cache line and most of a page each, over 128 KB.) */
static fast2 f2[1 << 16];
#define F2(p) f2[(unsigned)(p)[0] << 8 | (unsigned)(p)[1]]
static char ascii_fold[128];
/* The block scan (ng_tokenize, SSE2): one-byte punctuation tokens' folds
 * and hashes, the masks that keep the first len bytes of two 8-byte loads,
 * and whether the ASCII classes are those its vector tests assume (checked
 * once against the table; when not, only the general path runs). */
static char punct_fold1[128];
static uint64_t punct_hash1[128];
static uint64_t hmask[17][2];
static int blk_ok;
/* The flags of a word of two-byte characters but TK_UPPER1, by the letter
 * flags of its characters OR-ed (L_UPPER ... L_LATIN), when its first
 * character is a letter. */
static uint16_t lflags[64];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;
static void init_ascii(void) {
    ng_norm_init();
    for (int c = 0; c < 128; c++) {
        ascii_cls[c] = table[c].cls;
        ascii_fold[c] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        uint8_t lf = table[c].lflags, i = 0;
        if (table[c].cls == C_WORD) i |= A_WORD;
        if (lf & L_UPPER) i |= A_UPPER;
        if (lf & L_LOWER) i |= A_LOWER;
        if (lf & L_DIGIT) i |= A_DIGIT;
        if (lf & L_LETTER) i |= A_LETTER;
        ascii_info[c] = i;
    }
    for (int c = 0x80; c < TABLE_N; c++) {
        const cpinfo *e = &table[c];
        if (e->cls != C_WORD || (e->lflags & L_SLOW) || e->flen == 0 || e->flen > 4) continue;
        fast2 *x = &f2[(0xC0u | (unsigned)(c >> 6)) << 8 | (0x80u | (unsigned)(c & 0x3F))];
        memcpy(&x->fold, e->f, 4);
        x->flen = e->flen;
        x->lf = e->lflags;
        x->ok = 1;
    }
    for (int n = 0; n <= 16; n++) {
        hmask[n][0] = mask_n((size_t)n);
        hmask[n][1] = n > 8 ? mask_n((size_t)n - 8) : 0;
    }
    for (unsigned a = 0; a < 64; a++)
        lflags[a] = (uint16_t)(TK_WORD | ((a & L_LOWER) ? 0 : TK_ALLUPPER) | ((a & L_CYR) ? TK_CYR : 0) |
                               ((a & L_LATIN) ? TK_LATIN : 0) | ((a & L_DIGIT) ? TK_DIGIT : 0));
    blk_ok = 1;
    for (int c = 0; c < 128; c++) {
        const cpinfo *e = &table[c];
        int alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z', digit = c >= '0' && c <= '9';
        int gap = c <= 0x20 || c == 0x7F, apos = c == '\'' || c == '`';
        if ((e->cls == C_WORD) != (alpha || digit) || (e->cls == C_SPACE || e->cls == C_NL) != gap ||
            (e->cls == C_NL) != (c == '\n') || (e->cls == C_APOS) != apos || e->cls == C_IGNORE)
            blk_ok = 0;
        if (alpha && (e->lflags != (L_LETTER | L_LATIN | (c < 'a' ? L_UPPER : L_LOWER)) || e->flen != 1 ||
                      e->f[0] != ascii_fold[c]))
            blk_ok = 0;
        if (digit && (e->lflags != L_DIGIT || e->flen != 1 || e->f[0] != c)) blk_ok = 0;
        if (alpha || digit || gap) continue;
        /* as punct_token folds it */
        if (e->cls == C_APOS) punct_fold1[c] = '\'';
        else if (e->cls == C_DASH) punct_fold1[c] = '-';
        else if (!(e->lflags & L_SLOW) && e->flen == 1) punct_fold1[c] = e->f[0];
        else blk_ok = 0;
        punct_hash1[c] = ng_hash(&punct_fold1[c], 1);
    }
}

/* Appends a one-character punctuation token. */
static int punct_token(ng_tokbuf *b, ng_token *t, const char *text, size_t n, uint8_t cls,
                       const cpinfo *info, int ascii) {
    t->flags |= TK_PUNCT | (ascii ? TK_ASCII : 0);
    if (reserve_fold(b, 16)) return NG_E_NOMEM;
    t->fold = (uint32_t)b->fold_len;
    if (cls == C_APOS) b->fold[b->fold_len++] = '\'';
    else if (cls == C_DASH) b->fold[b->fold_len++] = '-';
    else if (info && !(info->lflags & L_SLOW) && info->flen) {
        memcpy(b->fold + b->fold_len, info->f, info->flen);
        b->fold_len += info->flen;
    } else {
        char *f; size_t fl;
        if (fold_version(text + t->start, n, 1, NG_FOLD, &f, &fl) == NG_OK) {
            if (fl > NG_MAX_TOKEN) fl = 0;
            if (reserve_fold(b, fl)) { free(f); return NG_E_NOMEM; }
            memcpy(b->fold + b->fold_len, f, fl);
            b->fold_len += fl;
            free(f);
        }
    }
    t->fold_len = (uint16_t)(b->fold_len - t->fold);
    t->hash = b->fold_cap - t->fold >= 16u + t->fold_len ? hash_slack(b->fold + t->fold, t->fold_len)
                                                         : ng_hash(b->fold + t->fold, t->fold_len);
    b->n++;
    return NG_OK;
}

/* The word being scanned by ng_tokenize: its folded form so far (fo[0,
 * flen), in the fold buffer) and what has been seen. */
typedef struct wscan {
    char *fo;
    size_t flen;
    int slow, overflow, seen_letter, has_lower, ascii;
    int prev_cyr;        /* previous character: -1 not a letter, 0 other letter, 1 Cyrillic */
    size_t ign_from;     /* start of a run of ignorables (format characters) ending the word so far */
    unsigned tf;         /* TK_* flags */
} wscan;

/* Word phase 1, at an ASCII start: a run of ASCII letters and digits,
 * sixteen or eight bytes at a time. Returns 1 when the word ends after it. */
static inline __attribute__((always_inline)) int word_ascii(wscan *w, const unsigned char *s, size_t len, size_t *pos) {
    /* fast path: a run of ASCII letters and digits */
    const unsigned char *p = s + *pos, *e = s + len;
    unsigned acc = 0;
    int done = 0;
    if (ascii_info[*p] & A_UPPER) w->tf |= TK_UPPER1;
#if defined(__SSE2__)
    /* sixteen bytes at a time: classify, lower-case, copy */
    while (e - p >= 16 && w->flen + 16 <= NG_MAX_TOKEN) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i va = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        __m128i alpha = _mm_cmpeq_epi8(_mm_min_epu8(va, _mm_set1_epi8(25)), va);
        __m128i vd = _mm_sub_epi8(x, _mm_set1_epi8('0'));
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(vd, _mm_set1_epi8(9)), vd);
        __m128i upper = _mm_and_si128(alpha, _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8(0x20)), _mm_setzero_si128()));
        unsigned wm = (unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit));
        unsigned k = wm == 0xFFFFu ? 16 : (unsigned)__builtin_ctz(~wm);
        _mm_storeu_si128((__m128i *)(void *)(w->fo + w->flen), _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
        unsigned m = k == 16 ? 0xFFFFu : (1u << k) - 1;
        unsigned um = (unsigned)_mm_movemask_epi8(upper) & m, am = (unsigned)_mm_movemask_epi8(alpha) & m;
        if (um) acc |= A_UPPER | A_LETTER;
        if (am & ~um) acc |= A_LOWER | A_LETTER;
        if ((unsigned)_mm_movemask_epi8(digit) & m) acc |= A_DIGIT;
        w->flen += k;
        p += k;
        if (k < 16) { done = 1; break; }
    }
#endif
    /* eight bytes at a time (SWAR): classify, lower-case, copy */
    while (!done && e - p >= 8 && w->flen + 8 <= NG_MAX_TOKEN) {
        uint64_t x;
        memcpy(&x, p, 8);
        uint64_t up = BETWEEN(x, 0x40, 0x5B), lo = BETWEEN(x, 0x60, 0x7B),
                 dg = BETWEEN(x, 0x2F, 0x3A);
        uint64_t stop = ~(up | lo | dg) & 0x8080808080808080ull;
        unsigned k = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
        uint64_t low = x | (up >> 2);
        memcpy(w->fo + w->flen, &low, 8);   /* the fold buffer has room: reserved above */
        uint64_t m = k == 8 ? ~0ull : ((1ull << (k * 8)) - 1);
        if (up & m) acc |= A_UPPER | A_LETTER;
        if (lo & m) acc |= A_LOWER | A_LETTER;
        if (dg & m) acc |= A_DIGIT;
        w->flen += k;
        p += k;
        if (k < 8) done = 1;
    }
    while (!done && p < e && (ascii_info[*p] & A_WORD)) {
        if (w->flen < NG_MAX_TOKEN) w->fo[w->flen++] = ascii_fold[*p];
        else w->overflow = 1;
        acc |= ascii_info[*p];
        p++;
    }
    *pos = (size_t)(p - s);
    if (acc & A_LETTER) { w->seen_letter = 1; w->tf |= TK_LATIN; }
    if (acc & A_LOWER) w->has_lower = 1;
    if (acc & A_DIGIT) w->tf |= TK_DIGIT;
    /* the usual end of an English word: an ASCII byte that cannot
     * continue it (apostrophes may join Cyrillic letters) */
    if (done && (*pos >= len || (s[*pos] < 0x80 && ascii_cls[s[*pos]] != C_APOS))) return 1;
    w->prev_cyr = (ascii_info[p[-1]] & A_LETTER) ? 0 : -1;
    return 0;
}

/* Word phase 2: one character per step (runs of two-byte characters from
 * the table) until a character that cannot continue the word. */
static inline __attribute__((always_inline)) void word_rest(wscan *w, const unsigned char *s, size_t len, size_t *pos_) {
    size_t pos = *pos_;
    unsigned c;
    int32_t cp; uint8_t cls, lf; const cpinfo *info;
    int n;
        while (pos < len) {
        c = s[pos];
        if (c >= 0xC2 && c < 0xE0 && !w->slow) {
            /* a run of two-byte word characters (Cyrillic, Latin-1,
             * Greek) that fold to at most 4 bytes: straight from the
             * table, no per-character bookkeeping */
            size_t run = pos;
            unsigned acc2 = 0;
            while (pos + 1 < len) {
                const fast2 *e = &F2(s + pos);
                if (!e->ok) break;
                memcpy(w->fo + w->flen, &e->fold, 4);   /* the fold buffer has slack */
                w->flen += e->flen;
                if (w->flen > NG_MAX_TOKEN) { w->overflow = 1; w->flen = NG_MAX_TOKEN; }
                acc2 |= e->lf;
                pos += 2;
            }
            if (pos > run) {
                w->ascii = 0;
                w->ign_from = (size_t)-1;
                unsigned last = F2(s + pos - 2).lf;
                if (!w->seen_letter && (acc2 & L_LETTER)) {
                    /* the first letter of the word is in this run */
                    for (size_t k = run;; k += 2) {
                        unsigned lf1 = F2(s + k).lf;
                        if (lf1 & L_LETTER) { if (lf1 & L_UPPER) w->tf |= TK_UPPER1; break; }
                    }
                    w->seen_letter = 1;
                }
                if (acc2 & L_LOWER) w->has_lower = 1;
                if (acc2 & L_CYR) w->tf |= TK_CYR;
                if (acc2 & L_LATIN) w->tf |= TK_LATIN;
                if (acc2 & L_DIGIT) w->tf |= TK_DIGIT;
                w->prev_cyr = (last & L_LETTER) ? ((last & L_CYR) != 0) : -1;
            }
            if (pos >= len) break;
            c = s[pos];
        }
        if (c < 0x80) {
            cls = ascii_cls[c];
            if (cls != C_WORD && cls != C_APOS) break;
            cp = (int32_t)c; n = 1; lf = table[c].lflags; info = &table[c];
        } else {
            n = char_at(s + pos, len - pos, &cp, &cls, &lf, &info);
            if (n < 0) break;
            /* a stress mark after a Cyrillic letter: inside the word's
             * span, out of its fold (only here, off the two-byte runs and
             * the block scan, which leave marks to this path) */
            if (cp == STRESS_MARK && w->prev_cyr == 1) {
                w->ascii = 0;
                w->ign_from = (size_t)-1;
                pos += (size_t)n;
                continue;
            }
        }
        /* skipped, but its bytes are not ASCII: the cased check must
         * normalise this token (NA<soft hyphen>TO is NATO) */
        if (cls == C_IGNORE) { if (w->ign_from == (size_t)-1) w->ign_from = pos; w->ascii = 0; pos += n; continue; }
        if (cls == C_APOS) {
            int next_cyr = 0;
            if (w->prev_cyr < 0 || !letter_at(s + pos + n, len - pos - n, &next_cyr) || !(w->prev_cyr || next_cyr))
                break;
            if (w->flen < NG_MAX_TOKEN) w->fo[w->flen++] = '\'';
            if (cp >= 0x80) w->ascii = 0;
            pos += n;
            w->ign_from = (size_t)-1;
            w->prev_cyr = -1;
            continue;
        }
        if (cls != C_WORD) break;
        if (lf & L_LETTER) {
            if (!w->seen_letter && (lf & L_UPPER)) w->tf |= TK_UPPER1;
            w->seen_letter = 1;
            if (lf & L_LOWER) w->has_lower = 1;
            if (lf & L_CYR) w->tf |= TK_CYR;
            if (lf & L_LATIN) w->tf |= TK_LATIN;
            w->prev_cyr = (lf & L_CYR) ? 1 : 0;
        } else {
            w->prev_cyr = -1;
            if (lf & L_DIGIT) w->tf |= TK_DIGIT;
        }
        if (cp >= 0x80) w->ascii = 0;
        if (!w->slow) {
            if ((lf & L_SLOW) || !info) w->slow = 1;
            else if (cp < 0x80) {
                if (w->flen < NG_MAX_TOKEN) w->fo[w->flen++] = ascii_fold[cp];
                else w->overflow = 1;
            } else if (w->flen + info->flen <= NG_MAX_TOKEN) {
                memcpy(w->fo + w->flen, info->f, 8);   /* fixed size: the buffer has slack */
                w->flen += info->flen;
            } else w->overflow = 1;
        }
        pos += n;
        w->ign_from = (size_t)-1;
    }
    *pos_ = pos;
}

/* Word phase 3: the token's end, flags, folded form (utf8proc for the
 * slow characters) and hash. Returns 0, or -1 when out of memory. */
static inline __attribute__((always_inline)) int word_finish(ng_tokbuf *b, ng_token *t, wscan *w, const char *text,
                                                             size_t pos, size_t fstart) {
    /* a word never ends on a format character (U+200E, U+FEFF, U+202C
     * ...): trailing ones are left between the tokens */
    t->end = (uint32_t)(w->ign_from != (size_t)-1 ? w->ign_from : pos);
    if (w->seen_letter && !w->has_lower) w->tf |= TK_ALLUPPER;
    if (w->ascii) w->tf |= TK_ASCII;
    t->flags |= (uint16_t)w->tf;
    b->caps[b->ncaps] = (uint32_t)b->n;   /* kept when capitalised or a number (branch-free) */
    b->ncaps += ((w->tf & TK_UPPER1) != 0) | ((unsigned)((unsigned char)text[t->start] - '0') < 10);
    size_t raw = t->end - t->start;
    b->fold_len = fstart;
    if (w->slow) {
        char *f = NULL; size_t fl = 0;
        if (raw > 4 * NG_MAX_TOKEN || fold_version(text + t->start, raw, 1, NG_FOLD, &f, &fl) != NG_OK || fl > NG_MAX_TOKEN) {
            fl = 0;
            t->flags |= TK_LONG;
        }
        if (fl) {
            if (reserve_fold(b, fl)) { free(f); return -1; }
            memcpy(b->fold + b->fold_len, f, fl);
            b->fold_len += fl;
        }
        free(f);
    } else if (w->overflow) {
        t->flags |= TK_LONG;
    } else {
        b->fold_len += w->flen;
    }
    t->fold = (uint32_t)fstart;
    t->fold_len = (uint16_t)(b->fold_len - fstart);
    t->hash = b->fold_cap - fstart >= 16u + t->fold_len ? hash_slack(b->fold + fstart, t->fold_len)
                                                        : ng_hash(b->fold + fstart, t->fold_len);
    return 0;
}

/* The common word, whole: ASCII letters and digits only, ended by an ASCII
 * byte that cannot continue it, at least 16 bytes before the end of the
 * text. Its token is finished here in registers: through word_ascii and
 * word_finish, the general scan state (wscan) of every word went through
 * memory, a fifth of the tokeniser's instructions. The flags, fold and
 * hash are those the general path gives (same classification, sixteen
 * bytes at a time as word_ascii). Returns the end of the word, or 0 when
 * the word is not of this kind (the general path then starts it again:
 * what was written to the fold buffer is overwritten). Its sixteen-byte
 * step repeats word_ascii's on purpose: one shared inline helper for both
 * cost 0.75 % more instructions on the realistic bench (cachegrind). */
static inline __attribute__((always_inline)) size_t word_fast(ng_tokbuf *b, ng_token *t, const unsigned char *s,
                                                              size_t len, size_t pos, size_t fstart) {
#if defined(__SSE2__)
    const unsigned char *p = s + pos, *e = s + len;
    char *fo = b->fold + fstart;
    size_t flen = 0;
    unsigned upper1 = ascii_info[*p] & A_UPPER, any_upper = 0, any_lower = 0, any_digit = 0;
    for (;;) {
        if (e - p < 16 || flen + 16 > NG_MAX_TOKEN) return 0;
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i va = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        __m128i alpha = _mm_cmpeq_epi8(_mm_min_epu8(va, _mm_set1_epi8(25)), va);
        __m128i vd = _mm_sub_epi8(x, _mm_set1_epi8('0'));
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(vd, _mm_set1_epi8(9)), vd);
        __m128i upper = _mm_and_si128(alpha, _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8(0x20)), _mm_setzero_si128()));
        unsigned wm = (unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit));
        /* ~wm has bits 16 and up set: k is 16 when all sixteen are word bytes */
        unsigned k = (unsigned)__builtin_ctz(~wm), m = (1u << k) - 1;
        _mm_storeu_si128((__m128i *)(void *)(fo + flen), _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
        unsigned um = (unsigned)_mm_movemask_epi8(upper) & m, am = (unsigned)_mm_movemask_epi8(alpha) & m;
        any_upper |= um;
        any_lower |= am & ~um;
        any_digit |= (unsigned)_mm_movemask_epi8(digit) & m;
        flen += k;
        p += k;
        if (k < 16) break;
    }
    /* an apostrophe or a non-ASCII byte may continue the word: general path */
    if (*p >= 0x80 || ascii_cls[*p] == C_APOS) return 0;
    unsigned tf = TK_WORD | TK_ASCII | (upper1 ? TK_UPPER1 : 0) | (any_digit ? TK_DIGIT : 0);
    if (any_upper | any_lower) tf |= TK_LATIN | (any_lower ? 0 : TK_ALLUPPER);
    size_t end = (size_t)(p - s);
    t->end = (uint32_t)end;
    t->flags |= (uint16_t)tf;
    b->caps[b->ncaps] = (uint32_t)b->n;   /* kept when capitalised or a number (branch-free) */
    b->ncaps += (ascii_info[s[pos]] & (A_UPPER | A_DIGIT)) != 0;
    b->fold_len = fstart + flen;
    t->fold = (uint32_t)fstart;
    t->fold_len = (uint16_t)flen;
    t->hash = b->fold_cap - fstart >= 16u + flen ? hash_slack(fo, flen) : ng_hash(fo, flen);
    return end;
#else
    (void)b; (void)t; (void)s; (void)len; (void)pos; (void)fstart;
    return 0;
#endif
}

#if defined(__SSE2__)
/* The block scan: sixty-four bytes of text classified at once into bit
 * masks (bit i: byte i of the block), then walked token by token with
 * shifts and bit scans. It finishes gaps of ASCII white space, one-byte
 * ASCII punctuation, words of ASCII letters and digits ended by an ASCII
 * byte, and words of two-byte characters of the f2 table (Cyrillic, Greek,
 * Latin-1; they may run up to a block past this one) ended by ASCII
 * punctuation or white space or a two-byte character that is neither a
 * word character nor an apostrophe nor ignorable. An ASCII word running
 * past the block starts the next block. Anything else (another non-ASCII
 * token start, an ASCII word followed by a non-ASCII byte or by an
 * apostrophe and one, marks, format characters, invalid UTF-8, a word
 * longer than a block) goes back to the general path, one token, and the
 * walk then goes on in the same block. The tokens are those of the general
 * path: same classes (checked against the table at start: blk_ok), same
 * folds, same hash. Texts of at most a block keep to the general path. */
enum { BLK = 64 };
typedef struct blkm {
    uint64_t w;   /* word bytes: ASCII letters and digits */
    uint64_t g;   /* gap: ASCII white space and controls, NUL, DEL */
    uint64_t n;   /* line feeds */
    uint64_t x;   /* what may continue a word: non-ASCII bytes, apostrophes (' `) */
} blkm;

/* An ASCII word's flags but TK_UPPER1 (bit 2, the first byte's upper case
 * bit), by whether it has digits (1), upper case (2), lower case (4). */
static const uint16_t wflags[8] = {
    TK_WORD | TK_ASCII,
    TK_WORD | TK_ASCII | TK_DIGIT,
    TK_WORD | TK_ASCII | TK_LATIN | TK_ALLUPPER,
    TK_WORD | TK_ASCII | TK_DIGIT | TK_LATIN | TK_ALLUPPER,
    TK_WORD | TK_ASCII | TK_LATIN,
    TK_WORD | TK_ASCII | TK_DIGIT | TK_LATIN,
    TK_WORD | TK_ASCII | TK_LATIN,
    TK_WORD | TK_ASCII | TK_DIGIT | TK_LATIN,
};
_Static_assert(TK_UPPER1 == 1 << 2 && TK_SPACE == 1 << 11 && L_UPPER == 1, "flag bits");

/* Sixteen bytes at p into the masks at bit sh; lower-cased bytes to lc,
 * their case and digit bits (1 digit, 2 upper, 4 lower case) to cc. */
static inline __attribute__((always_inline)) void blk_vec(const unsigned char *p, unsigned char *lc,
                                                          unsigned char *cc, unsigned sh, blkm *m) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i vu = _mm_sub_epi8(x, _mm_set1_epi8('A'));
    __m128i upper = _mm_cmpeq_epi8(_mm_min_epu8(vu, _mm_set1_epi8(25)), vu);
    __m128i va = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i alpha = _mm_cmpeq_epi8(_mm_min_epu8(va, _mm_set1_epi8(25)), va);
    __m128i vd = _mm_sub_epi8(x, _mm_set1_epi8('0'));
    __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(vd, _mm_set1_epi8(9)), vd);
    __m128i gap = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x),
                               _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
    __m128i apos = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(x, _mm_set1_epi8('`')));
    _mm_storeu_si128((__m128i *)(void *)lc, _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
    _mm_storeu_si128((__m128i *)(void *)cc,
                     _mm_or_si128(_mm_or_si128(_mm_and_si128(digit, _mm_set1_epi8(1)), _mm_and_si128(upper, _mm_set1_epi8(2))),
                                  _mm_andnot_si128(upper, _mm_and_si128(alpha, _mm_set1_epi8(4)))));
    m->w |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit)) << sh;
    m->g |= (uint64_t)(unsigned)_mm_movemask_epi8(gap) << sh;
    m->n |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))) << sh;
    m->x |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(x, apos)) << sh;
}
#endif

int ng_tokenize(ng_tokbuf *b, const char *text, size_t len) {
    pthread_once(&ascii_once, init_ascii);
    const unsigned char *s = (const unsigned char *)text;
    size_t pos = 0;
    unsigned nl = 0, space = 0;
#if defined(__SSE2__)
    blkm m = {0};
    unsigned char lc[BLK + 16];   /* the block lower-cased; 16 bytes of slack for fixed-size loads */
    unsigned char cc[BLK + 16];   /* its bytes' case and digit bits (blk_vec) */
    size_t bbase = 0, bend = 0;   /* the block classified: [bbase, bend) */
    int bfull = 0;                /* more text follows the block */
    memset(lc + BLK, 0, 16);
    memset(cc + BLK, 0, 16);
    /* short texts (aliases): the general path is cheaper */
    const int blk = blk_ok && len > BLK;
#endif
    while (pos < len) {
#if defined(__SSE2__)
        if (blk) {
            if (pos >= bend) {
                /* a new block at pos; the text's last bytes are copied and
                 * padded with NUL (a gap) */
                const unsigned char *p = s + pos;
                unsigned char tmp[BLK];
                bfull = len - pos > BLK;
                if (!bfull) {
                    memcpy(tmp, p, len - pos);
                    memset(tmp + (len - pos), 0, BLK - (len - pos));
                    p = tmp;
                }
                m = (blkm){0};
                blk_vec(p, lc, cc, 0, &m);
                blk_vec(p + 16, lc + 16, cc + 16, 16, &m);
                blk_vec(p + 32, lc + 32, cc + 32, 32, &m);
                blk_vec(p + 48, lc + 48, cc + 48, 48, &m);
                bbase = pos;
                bend = bfull ? pos + BLK : len;
            }
            /* room for a token a byte, and for folds: at most 4 bytes for 2 of
             * text (a word may run a block further), 16 of slack */
            while (b->cap - b->n < BLK)
                if (grow_tok(b)) return NG_E_NOMEM;
            if (reserve_fold(b, 4 * BLK + 32)) return NG_E_NOMEM;
            size_t q = pos - bbase, n = b->n, ncaps = b->ncaps, fl = b->fold_len;
            size_t blim = bend - bbase;   /* bytes of text in the block */
            /* how far a word of two-byte characters may run */
            size_t bext = bfull ? (len - bbase > 2 * BLK ? 2 * BLK : len - bbase) : blim;
            /* (fold stores may alias anything: the buffers kept apart) */
            ng_token *tokp = b->tok;
            uint32_t *capsp = b->caps;
            char *foldp = b->fold;
            int stop = 0;   /* 1: the token at q needs the next block; 2: the general path */
            /* the next token's TK_SPACE, TK_NL, TK_PARA so far */
            unsigned gf = (nl ? TK_NL : 0) | (nl >= 2 ? TK_PARA : 0) | (space ? TK_SPACE : 0);
            for (;;) {
                uint64_t ng = ~m.g >> q;
                /* line feeds in the gap at q (up to the first non-gap byte) */
                if (m.n) {
                    uint64_t nr = (m.n >> q) & (ng ^ (ng - 1));
                    if (nr) gf |= TK_NL | (((gf & TK_NL) || (nr & (nr - 1))) ? TK_PARA : 0);
                }
                if (!ng) {
                    /* the rest of the block is a gap */
                    gf |= TK_SPACE;
                    q = BLK;
                    break;
                }
                unsigned gl = (unsigned)__builtin_ctzll(ng);
                gf |= (unsigned)(gl != 0) << 11;   /* TK_SPACE */
                q += gl;
                unsigned tf = gf;
                ng_token *t = tokp + n;
                if ((m.w >> q) & 1) {
                    uint64_t nw = ~m.w >> q;
                    size_t e;
                    if (nw) e = q + (unsigned)__builtin_ctzll(nw);
                    else if (bfull) { stop = 1; break; }
                    else e = BLK;   /* the text ends with the block */
                    if (e < BLK && ((m.x >> e) & 1)) {
                        if (lc[e] & 0x80) { stop = 2; break; }
                        /* an apostrophe: it joins only a non-ASCII letter */
                        if (e + 1 == BLK) { if (bfull) { stop = 1; break; } }
                        else if (lc[e + 1] & 0x80) { stop = 2; break; }
                    }
                    size_t wl = e - q;
                    const unsigned char *src = lc + q;
                    char *fo = foldp + fl;
                    _mm_storeu_si128((__m128i *)(void *)fo, _mm_loadu_si128((const __m128i *)(const void *)src));
                    uint64_t h, cx;   /* cx: the word's case and digit bits, OR-ed */
                    if (wl <= 16) {
                        uint64_t m0 = hmask[wl][0], m1 = hmask[wl][1];
                        h = hash_final(load8((const char *)src) & m0, load8((const char *)src + 8) & m1, 0, wl);
                        cx = (load8((const char *)cc + q) & m0) | (load8((const char *)cc + q + 8) & m1);
                    } else {
                        for (size_t i = 16; i < wl; i += 16)
                            _mm_storeu_si128((__m128i *)(void *)(fo + i),
                                             _mm_loadu_si128((const __m128i *)(const void *)(src + i)));
                        h = hash_long(fo, wl);
                        cx = 0;
                        for (size_t i = 0; i < wl; i += 8) cx |= load8((const char *)cc + q + i) & mask_n(wl - i);
                    }
                    cx |= cx >> 32;
                    cx |= cx >> 16;
                    cx |= cx >> 8;
                    unsigned up1 = (cc[q] >> 1) & 1;
                    tf |= (unsigned)wflags[cx & 7] | up1 << 2;
                    t->start = (uint32_t)(bbase + q);
                    t->end = (uint32_t)(bbase + e);
                    t->fold = (uint32_t)fl;
                    t->fold_len = (uint16_t)wl;
                    t->flags = (uint16_t)tf;
                    t->hash = h;
                    capsp[ncaps] = (uint32_t)n;   /* kept when capitalised or a number (branch-free) */
                    ncaps += (cc[q] & 3) != 0;
                    fl += wl;
                    q = e;
                } else if (lc[q] & 0x80) {
                    /* a word of two-byte characters (Cyrillic, Greek,
                     * Latin-1) from the table, ended by ASCII punctuation
                     * or white space, or a two-byte character that is
                     * neither (the general path's f2 run, whole); it may
                     * run up to a block past this one */
                    const unsigned char *p = s + bbase;
                    char *fo = foldp + fl;
                    size_t flen = 0, ext = bext;
                    const unsigned char *pp = p + q, *pe = p + ext - 1;
                    unsigned acc = 0;
                    while (pp < pe) {
                        const fast2 *f = &F2(pp);
                        if (!f->flen) break;
                        memcpy(fo + flen, &f->fold, 4);   /* the fold buffer has slack */
                        flen += f->flen;
                        acc |= f->lf;
                        pp += 2;
                    }
                    size_t i = (size_t)(pp - p);
                    if (i == q) { stop = 2; break; }
                    unsigned lf1 = F2(p + q).lf;
                    if (!(lf1 & L_LETTER)) { stop = 2; break; }   /* the first letter is further */
                    if (i + 1 >= ext) {
                        if (bbase + ext < len) { stop = 1; break; }
                        if (i < ext && p[i] >= 0x80) { stop = 2; break; }
                    }
                    if (i < ext) {
                        unsigned c2 = p[i];
                        if (c2 < 0x80) {
                            if (i < BLK ? ((m.w | m.x) >> i) & 1 : ascii_cls[c2] == C_WORD || ascii_cls[c2] == C_APOS) {
                                stop = 2;
                                break;
                            }
                        } else {
                            if (c2 < 0xC2 || c2 >= 0xE0 || (p[i + 1] & 0xC0) != 0x80) { stop = 2; break; }
                            unsigned cls2 = table[((c2 & 0x1F) << 6) | (p[i + 1] & 0x3F)].cls;
                            if (cls2 == C_WORD || cls2 == C_APOS || cls2 == C_IGNORE) { stop = 2; break; }
                        }
                    }
                    tf |= (unsigned)lflags[acc & 63] | (lf1 & L_UPPER) << 2;   /* TK_UPPER1 */
                    t->start = (uint32_t)(bbase + q);
                    t->end = (uint32_t)(bbase + i);
                    t->fold = (uint32_t)fl;
                    t->fold_len = (uint16_t)flen;
                    t->flags = (uint16_t)tf;
                    t->hash = flen <= 16 ? hash_final(load8(fo) & hmask[flen][0], load8(fo + 8) & hmask[flen][1], 0, flen)
                                         : hash_long(fo, flen);
                    capsp[ncaps] = (uint32_t)n;
                    ncaps += (lf1 & L_UPPER) != 0;
                    fl += flen;
                    q = i;
                } else {
                    unsigned c = lc[q];
                    foldp[fl] = punct_fold1[c];
                    t->start = (uint32_t)(bbase + q);
                    t->end = (uint32_t)(bbase + q + 1);
                    t->fold = (uint32_t)fl;
                    t->fold_len = 1;
                    t->flags = (uint16_t)(tf | TK_PUNCT | TK_ASCII);
                    t->hash = punct_hash1[c];
                    fl++;
                    q++;
                }
                n++;
                gf = 0;
                if (q >= BLK) break;
            }
            nl = (gf & TK_PARA) ? 2 : (gf & TK_NL) ? 1 : 0;
            space = (gf & TK_SPACE) != 0;
            b->n = n;
            b->ncaps = ncaps;
            b->fold_len = fl;
            if (!stop) {
                /* the block is done: the next one */
                pos = bfull ? bbase + q : len;
                bend = 0;
                continue;
            }
            pos = bbase + q;
            if (stop == 1 && q) { bend = 0; continue; }
            /* else the general path takes this token */
        }
#endif
        unsigned c = s[pos];
        int32_t cp; uint8_t cls, lf; const cpinfo *info = NULL;
        int n;
        if (c < 0x80) {
            cls = ascii_cls[c];
            if (cls == C_SPACE) { pos++; space = 1; continue; }
            if (cls == C_NL) { pos++; nl++; space = 1; continue; }
            cp = (int32_t)c; n = 1; info = &table[c];
        } else {
            n = char_at(s + pos, len - pos, &cp, &cls, &lf, &info);
            if (n < 0) {
                if (!b->count_to || (pos >= b->count_from && pos < b->count_to)) b->invalid++;
                pos++;
                space = 1;
                continue;
            }
            if (cls == C_SPACE) { pos += n; space = 1; continue; }
            if (cls == C_NL) { pos += n; nl++; space = 1; continue; }
            if (cls == C_IGNORE) { pos += n; continue; }
        }
        if (b->n == b->cap && grow_tok(b)) return NG_E_NOMEM;
        ng_token *t = &b->tok[b->n];
        t->start = (uint32_t)pos;
        t->flags = (uint16_t)((nl ? TK_NL : 0) | (nl >= 2 ? TK_PARA : 0) | (space ? TK_SPACE : 0));
        nl = 0; space = 0;
        if (cls != C_WORD) {
            pos += n;
            t->end = (uint32_t)pos;
            if (punct_token(b, t, text, n, cls, info, c < 0x80)) return NG_E_NOMEM;
            continue;
        }
        /* a word: letters, digits, marks; Cyrillic apostrophes joined */
        size_t fstart = b->fold_len;
        if (reserve_fold(b, NG_MAX_TOKEN + 16)) return NG_E_NOMEM;
        size_t wend = c < 0x80 ? word_fast(b, t, s, len, pos, fstart) : 0;
        if (wend) { pos = wend; b->n++; continue; }
        wscan w = {b->fold + fstart, 0, 0, 0, 0, 0, 1, -1, (size_t)-1, TK_WORD};
        if (!(c < 0x80 && word_ascii(&w, s, len, &pos))) word_rest(&w, s, len, &pos);
        if (word_finish(b, t, &w, text, pos, fstart)) return NG_E_NOMEM;
        b->n++;
    }
    return NG_OK;
}

size_t ng_drop_ignorable(char *s, size_t len) {
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80) i++;
    if (i == len) return len;   /* ASCII: nothing to drop */
    ng_norm_init();
    const unsigned char *u = (const unsigned char *)s;
    /* (when no byte can start a character that is dropped, none is: a
     * stray continuation byte is kept either way, and matters only to a
     * stress mark right after it, whose lead byte is among those) */
    size_t j = i;
    while (j < len && !drop_lead[u[j]]) j++;
    if (j == len) return len;
    int32_t prev = i ? u[i - 1] : 0;
    /* the first character to drop (most names have none: nothing moves) */
    while (i < len) {
        int32_t cp; uint8_t cls, lf; const cpinfo *info;
        int n = char_at(u + i, len - i, &cp, &cls, &lf, &info);
        if (n < 0) { i++; prev = 0; continue; }
        if (cls == C_IGNORE || is_stress(cp, prev)) break;
        prev = cp;
        i += (size_t)n;
    }
    size_t w = i;
    while (i < len) {
        int32_t cp; uint8_t cls, lf; const cpinfo *info;
        int n = char_at(u + i, len - i, &cp, &cls, &lf, &info);
        if (n < 0) { s[w++] = s[i++]; prev = 0; continue; }
        if (cls != C_IGNORE && !is_stress(cp, prev)) {
            for (int k = 0; k < n; k++) s[w++] = s[i + (size_t)k];   /* (w < i: forward is safe) */
            prev = cp;
        }
        i += (size_t)n;
    }
    return w;
}

int ng_norm_cased(const char *s, size_t len, char **out, size_t *outlen) {
    ng_norm_init();
    return fold_version(s, len, 0, NG_FOLD, out, outlen);
}

char *ng_fold(const char *s, size_t len, size_t *outlen) {
    return ng_fold_version(s, len, NG_FOLD, outlen);
}

char *ng_fold_version(const char *s, size_t len, int version, size_t *outlen) {
    ng_norm_init();
    char *out = NULL;
    size_t n = 0;
    if (fold_version(s, len, 1, version, &out, &n) != NG_OK) return NULL;
    if (outlen) *outlen = n;
    return out;
}

int ng_tokens(const char *text, size_t len, ng_token_fn fn, void *userdata) {
    ng_norm_init();
    ng_tokbuf b = {0};
    size_t pos = 0;
    while (pos < len) {
        /* 64 MiB pieces keep 32-bit token offsets valid; cut at a space */
        size_t end = len - pos > (64u << 20) ? pos + (64u << 20) : len;
        if (end < len) {
            size_t k = end;
            while (k > pos + 1 && text[k - 1] != ' ' && text[k - 1] != '\n') k--;
            if (k > pos + 1) end = k;
        }
        ng_tokbuf_reset(&b);
        if (ng_tokenize(&b, text + pos, end - pos)) { ng_tokbuf_free(&b); return NG_E_NOMEM; }
        for (size_t i = 0; i < b.n; i++)
            fn(pos + b.tok[i].start, pos + b.tok[i].end, (b.tok[i].flags & TK_WORD) != 0, userdata);
        pos = end;
    }
    ng_tokbuf_free(&b);
    return NG_OK;
}

static int quote_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

size_t ng_quoted(const char *s, size_t len, size_t *qa, size_t *qb) {
    size_t i = 0, l = 0;
    int dir = 0;
    while (i < len && !((l = ng_quote_mark(s + i, len - i, &dir)) && (dir & NG_QUOTE_OPENS))) i++;
    if (i >= len) return 0;
    size_t b = i + l, e = len, end = 0, depth = 1;
    int last_closes = 0;
    for (size_t j = b; j < len && depth;) {
        if (!(l = ng_quote_mark(s + j, len - j, &dir))) { j++; last_closes = 0; continue; }
        int opens = dir == NG_QUOTE_OPENS ||
                    (dir != NG_QUOTE_CLOSES && j > b && quote_space(s[j - 1]) && j + l < len && !quote_space(s[j + l]));
        last_closes = !opens;
        if (opens) depth++;
        else if (!--depth) { e = j; end = j + l; }
        j += l;
    }
    if (depth) {   /* open at the end: the end closes it when s ends in a closing mark */
        if (!last_closes) return 0;
        end = len;
    }
    while (b < e && quote_space(s[b])) b++;
    while (e > b && quote_space(s[e - 1])) e--;
    if (b == e) return 0;
    *qa = b;
    *qb = e;
    return end;
}

int ng_utf8_valid_len(const unsigned char *s, size_t len) {
    int32_t cp;
    return len ? ng_utf8_decode(s, len, &cp) : -1;
}

size_t ng_utf8_valid_prefix(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int32_t cp;
#if defined(__SSE2__)
    size_t simd_from = 0;   /* (after a block that failed: past it, one byte at a time) */
#endif
    while (i < len) {
#if defined(__SSE2__)
        /* sixteen bytes at a time while they are ASCII and whole two-byte
         * sequences (English, Ukrainian, Russian text): every continuation
         * byte right after a lead byte C2..DF, every such lead byte before
         * one; else the bytes one at a time below, to past the block */
        if (i >= simd_from) {
            unsigned carry = 0;   /* the block before ended with a lead byte */
            while (len - i >= 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
                unsigned high = (unsigned)_mm_movemask_epi8(x);   /* not ASCII */
                /* signed bytes: 80..BF are below C0, C2..DF between C1 and E0 */
                unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)));
                unsigned lead = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xC1)),
                                                                          _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xE0))));
                if ((cont | lead) != high || cont != (((lead << 1) | carry) & 0xFFFFu)) {
                    simd_from = i + 16;
                    break;
                }
                carry = lead >> 15;
                i += 16;
            }
            if (carry) i--;   /* (that lead byte again, below) */
            if (len - i < 16) simd_from = SIZE_MAX;
            if (i >= len) break;
        }
#endif
        if (u[i] < 0x80) {
            /* ASCII eight bytes at a time, to the first byte that is not */
            if (len - i >= 8) {
                uint64_t x;
                memcpy(&x, u + i, 8);
                uint64_t m = x & 0x8080808080808080ULL;
                i += m ? (size_t)(__builtin_ctzll(m) >> 3) : 8;
            } else
                i++;
            continue;
        }
        /* two- and three-byte sequences inline (Cyrillic, quotes and
         * dashes: a call a character was a tenth of tagging Ukrainian
         * JSON Lines); four-byte ones by ng_utf8_decode */
        unsigned c = u[i];
        if (c >= 0xC2 && c < 0xE0) {
            if (i + 1 >= len || (u[i + 1] & 0xC0) != 0x80) break;
            i += 2;
            continue;
        }
        if (c >= 0xE0 && c < 0xF0) {
            if (i + 2 >= len || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80) break;
            /* not overlong (E0 80..9F), not a surrogate (ED A0..BF) */
            if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] >= 0xA0)) break;
            i += 3;
            continue;
        }
        int k = ng_utf8_decode(u + i, len - i, &cp);
        if (k < 0) break;
        i += (size_t)k;
    }
    return i;
}
