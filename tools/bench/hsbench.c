/* Bench harness (make bench, not part of the build): Hyperscan on the
 * dictionary and text newsgraph tags, and the share of the text's words
 * that are words of some name.
 *
 *   hsbench DICT.txt CORPUS [RUNS] [DBCACHE]
 *
 * DICT.txt: one name per line. Hyperscan's literal API compiles every name
 * as a case-sensitive literal (block mode; build time reported apart, or
 * the database is read from DBCACHE when that file exists and written
 * there otherwise). The scan (timed: median of RUNS over the whole text in
 * memory) keeps the matches that are whole words (no letter or digit just
 * before or after them) and then, as newsgraph does, the leftmost-longest
 * ones that do not overlap. Prints one line of key=value pairs. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <hs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(2); }
    b[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* Code point at s[i] (i at a lead byte), its length in *n. */
static uint32_t cp_at(const unsigned char *s, size_t i, size_t len, size_t *n) {
    unsigned c = s[i];
    if (c < 0x80) { *n = 1; return c; }
    if ((c & 0xE0) == 0xC0 && i + 1 < len) { *n = 2; return (c & 0x1F) << 6 | (s[i + 1] & 0x3F); }
    if ((c & 0xF0) == 0xE0 && i + 2 < len) { *n = 3; return (c & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F); }
    if ((c & 0xF8) == 0xF0 && i + 3 < len) {
        *n = 4;
        return (c & 0x07) << 18 | (s[i + 1] & 0x3F) << 12 | (s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
    }
    *n = 1;
    return 0xFFFD;
}

/* Letters and digits: ASCII, Latin-1 to Latin Extended-B, Greek, Cyrillic;
 * other scripts' characters from U+0370 count too (punctuation lives below
 * U+0370 or in U+2000-U+2BFF and U+3000-U+303F). */
static int is_wordc(uint32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7) return 0;
    if (c >= 0x2000 && c < 0x2C00) return 0;
    if (c >= 0x3000 && c < 0x3040) return 0;
    return c != 0xFFFD;
}

static uint32_t fold(uint32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

/* Is the character that ends just before byte i a word character? */
static int wordc_before(const unsigned char *s, size_t i, size_t len) {
    if (!i) return 0;
    size_t k = i - 1, n;
    while (k > 0 && i - k < 4 && (s[k] & 0xC0) == 0x80) k--;
    return is_wordc(cp_at(s, k, len, &n));
}
static int wordc_at(const unsigned char *s, size_t i, size_t len) {
    size_t n;
    return i < len && is_wordc(cp_at(s, i, len, &n));
}

/* A set of folded words: 64-bit FNV-1a hashes, open addressing. */
typedef struct wset { uint64_t *v; size_t cap, n; } wset;
static uint64_t word_hash(const unsigned char *s, size_t i, size_t len, size_t *end) {
    uint64_t h = 1469598103934665603ull;
    size_t n;
    while (i < len) {
        uint32_t c = cp_at(s, i, len, &n);
        if (!is_wordc(c)) break;
        c = fold(c);
        for (int b = 0; b < 4; b++) { h ^= (c >> (8 * b)) & 0xFF; h *= 1099511628211ull; }
        i += n;
    }
    *end = i;
    return h | 1;
}
static int wset_put(wset *w, uint64_t h, int add) {
    if (add && (w->n + 1) * 2 > w->cap) {
        wset o = *w;
        w->cap = o.cap ? o.cap * 2 : 1024;
        w->v = calloc(w->cap, sizeof *w->v);
        w->n = 0;
        for (size_t k = 0; k < o.cap; k++) if (o.v[k]) wset_put(w, o.v[k], 1);
        free(o.v);
    }
    size_t m = w->cap - 1;
    for (size_t i = (h * 0x9E3779B97F4A7C15ull) >> 20 & m;; i = (i + 1) & m) {
        if (w->v[i] == h) return 1;
        if (!w->v[i]) {
            if (add) { w->v[i] = h; w->n++; }
            return 0;
        }
    }
}

/* Counts the words of s; adds them to w, or counts those in w. */
static size_t words(wset *w, const unsigned char *s, size_t len, int add, size_t *in) {
    size_t nw = 0, n;
    for (size_t i = 0; i < len;) {
        uint32_t c = cp_at(s, i, len, &n);
        if (!is_wordc(c)) { i += n; continue; }
        size_t end;
        uint64_t h = word_hash(s, i, len, &end);
        nw++;
        if (wset_put(w, h, add) && in) (*in)++;
        i = end;
    }
    return nw;
}

typedef struct m { uint32_t start, end; } m;
typedef struct scan_ctx {
    const unsigned char *text;
    size_t len;
    const unsigned *plen;
    m *v; size_t n, cap;
} scan_ctx;

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from; (void)flags;
    scan_ctx *c = ctx;
    size_t start = (size_t)to - c->plen[id];
    if (wordc_before(c->text, start, c->len) || wordc_at(c->text, (size_t)to, c->len)) return 0;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1 << 16;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        if (!c->v) return 1;
    }
    c->v[c->n++] = (m){(uint32_t)start, (uint32_t)to};
    return 0;
}

static int cmp_m(const void *x, const void *y) {
    const m *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->end > b->end ? -1 : a->end < b->end;
}

static int cmp_d(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: hsbench DICT.txt CORPUS [RUNS] [DBCACHE]\n"); return 2; }
    int runs = argc > 3 ? atoi(argv[3]) : 3;
    if (runs < 1) runs = 1;
    const char *cache = argc > 4 ? argv[4] : NULL;
    size_t dlen, tlen;
    char *dict = slurp(argv[1], &dlen);
    const unsigned char *text = (const unsigned char *)slurp(argv[2], &tlen);

    /* the names, and the share of the text's words that are words of a name */
    size_t nn = 0, cap = 1024;
    const char **pat = malloc(cap * sizeof *pat);
    unsigned *plen = malloc(cap * sizeof *plen);
    wset ws = {0};
    for (char *p = dict, *e; p < dict + dlen; p = e + 1) {
        e = memchr(p, '\n', (size_t)(dict + dlen - p));
        if (!e) e = dict + dlen;
        if (e == p) continue;
        if (nn == cap) {
            cap *= 2;
            pat = realloc(pat, cap * sizeof *pat);
            plen = realloc(plen, cap * sizeof *plen);
        }
        pat[nn] = p;
        plen[nn++] = (unsigned)(e - p);
        words(&ws, (const unsigned char *)p, (size_t)(e - p), 1, NULL);
    }
    size_t in = 0, nw = words(&ws, text, tlen, 0, &in);

    hs_database_t *db = NULL;
    double build = -1;
    if (cache) {
        size_t clen;
        FILE *f = fopen(cache, "rb");
        if (f) {
            fclose(f);
            char *b = slurp(cache, &clen);
            if (hs_deserialize_database(b, clen, &db) != HS_SUCCESS) db = NULL;
            free(b);
        }
    }
    if (!db) {
        unsigned *flags = calloc(nn, sizeof *flags), *ids = malloc(nn * sizeof *ids);
        size_t *lens = malloc(nn * sizeof *lens);
        for (size_t k = 0; k < nn; k++) { ids[k] = (unsigned)k; lens[k] = plen[k]; }
        hs_compile_error_t *err = NULL;
        double t0 = now();
        if (hs_compile_lit_multi(pat, flags, ids, lens, (unsigned)nn, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
            fprintf(stderr, "hsbench: %s\n", err ? err->message : "compile failed");
            return 1;
        }
        build = now() - t0;
        free(flags); free(ids); free(lens);
        if (cache) {
            char *b;
            size_t blen;
            FILE *f;
            if (hs_serialize_database(db, &b, &blen) == HS_SUCCESS && (f = fopen(cache, "wb"))) {
                fwrite(b, 1, blen, f);
                fclose(f);
                free(b);
            }
        }
    }
    size_t dbsize = 0;
    hs_database_size(db, &dbsize);
    hs_scratch_t *scr = NULL;
    if (hs_alloc_scratch(db, &scr) != HS_SUCCESS) { fprintf(stderr, "hsbench: scratch\n"); return 1; }
    scan_ctx c = {text, tlen, plen, NULL, 0, 0};
    double *ts = malloc(runs * sizeof *ts);
    size_t chosen = 0, raw = 0;
    for (int r = 0; r < runs; r++) {
        c.n = 0;
        double t0 = now();
        if (hs_scan(db, (const char *)text, (unsigned)tlen, 0, scr, on_match, &c) != HS_SUCCESS) {
            fprintf(stderr, "hsbench: scan failed\n");
            return 1;
        }
        qsort(c.v, c.n, sizeof *c.v, cmp_m);
        size_t free_at = 0;
        chosen = 0;
        for (size_t k = 0; k < c.n; k++)
            if (c.v[k].start >= free_at) { chosen++; free_at = c.v[k].end; }
        ts[r] = now() - t0;
        raw = c.n;
    }
    qsort(ts, runs, sizeof *ts, cmp_d);
    printf("names=%zu text_words=%zu dict_words=%zu share=%.4f hs_build_s=%.2f hs_db_mb=%.1f "
           "hs_scan_s=%.4f hs_mbs=%.1f hs_whole_word=%zu hs_matches=%zu\n",
           nn, nw, in, nw ? (double)in / nw : 0, build, dbsize / 1e6, ts[runs / 2], tlen / 1e6 / ts[runs / 2], raw,
           chosen);
    return 0;
}
