/* Helpers of graph/: hash maps, hashing, folding, dates, XML-safe output,
 * sentence and paragraph splitting. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <math.h>
#include <utf8proc.h>
#include "internal.h"
#include "norm.h"

int ng_types_valid(const char *types) {
    for (const char *p = types;;) {
        size_t l = strspn(p, NG_TYPE_CHARS);
        if (!l || (p[l] && p[l] != ',')) return 0;
        if (!p[l]) return 1;
        p += l + 1;
    }
}

int ng_date_range_check(const char *since, const char *until, const char *opt, ng_error *err) {
    if (!since || !until || strncmp(since, until, 10) <= 0) return NG_OK;
    if (!opt) opt = "";
    return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "%ssince %.10s is after %suntil %.10s: the range holds no day",
                        opt, since, opt, until);
}

uint64_t ng_hash64(const void *data, size_t len, uint64_t h) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) { h ^= p[i]; h *= 1099511628211ULL; }
    return h;
}

static uint64_t mix64(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL; x ^= x >> 33;
    return x;
}

/* ## u64map */
void u64map_free(u64map *m) {
    free(m->keys); free(m->vals);
    memset(m, 0, sizeof *m);
}
void u64map_clear(u64map *m) {
    if (m->keys) memset(m->keys, 0, m->cap * sizeof *m->keys);
    m->n = 0;
}
static int u64map_grow(u64map *m) {
    size_t nc = m->cap ? m->cap * 2 : 1024;
    uint64_t *nk = calloc(nc, sizeof *nk);
    size_t *nv = malloc(nc * sizeof *nv);
    if (!nk || !nv) { free(nk); free(nv); return -1; }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = mix64(m->keys[i]) & (nc - 1);
        while (nk[j]) j = (j + 1) & (nc - 1);
        nk[j] = m->keys[i]; nv[j] = m->vals[i];
    }
    free(m->keys); free(m->vals);
    m->keys = nk; m->vals = nv; m->cap = nc;
    return 0;
}
size_t *u64map_put(u64map *m, uint64_t key, size_t dflt, int *found) {
    if ((m->n + 1) * 2 > m->cap && u64map_grow(m)) return NULL;
    size_t j = mix64(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key) { *found = 1; return &m->vals[j]; }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key; m->vals[j] = dflt; m->n++;
    *found = 0;
    return &m->vals[j];
}
size_t *u64map_get(const u64map *m, uint64_t key) {
    if (!m->cap) return NULL;
    size_t j = mix64(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key) return &m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

/* ## strmap */
void strmap_free(strmap *m) {
    strmap_clear(m);
    free(m->keys); free(m->hashes); free(m->vals);
    memset(m, 0, sizeof *m);
}
void strmap_clear(strmap *m) {
    for (size_t i = 0; i < m->cap; i++) { free(m->keys[i]); m->keys[i] = NULL; }
    m->n = 0;
}
static int strmap_grow(strmap *m) {
    size_t nc = m->cap ? m->cap * 2 : 1024;
    char **nk = calloc(nc, sizeof *nk);
    uint64_t *nh = malloc(nc * sizeof *nh);
    int64_t *nv = malloc(nc * sizeof *nv);
    if (!nk || !nh || !nv) { free(nk); free(nh); free(nv); return -1; }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = m->hashes[i] & (nc - 1);
        while (nk[j]) j = (j + 1) & (nc - 1);
        nk[j] = m->keys[i]; nh[j] = m->hashes[i]; nv[j] = m->vals[i];
    }
    free(m->keys); free(m->hashes); free(m->vals);
    m->keys = nk; m->hashes = nh; m->vals = nv; m->cap = nc;
    return 0;
}
int strmap_put(strmap *m, const char *key, int64_t val) {
    if ((m->n + 1) * 2 > m->cap && strmap_grow(m)) return -1;
    uint64_t h = mix64(ng_hash64(key, strlen(key), NG_HASH_SEED));
    size_t j = h & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && !strcmp(m->keys[j], key)) { m->vals[j] = val; return 0; }
        j = (j + 1) & (m->cap - 1);
    }
    if (!(m->keys[j] = strdup(key))) return -1;
    m->hashes[j] = h; m->vals[j] = val; m->n++;
    return 0;
}
int strmap_get(const strmap *m, const char *key, int64_t *val) {
    if (!m->cap) return 0;
    uint64_t h = mix64(ng_hash64(key, strlen(key), NG_HASH_SEED));
    size_t j = h & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && !strcmp(m->keys[j], key)) { *val = m->vals[j]; return 1; }
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

/* ## Folding and dates */
char *ngg_fold(int version, const char *s) {
    char *r = ng_fold_version(s, strlen(s), version, NULL);
    if (!r && (r = strdup(s))) /* invalid UTF-8: ASCII lower case only */
        for (char *p = r; *p; p++) *p = (char)tolower((unsigned char)*p);
    return r;
}

int ngg_date(const char *s) {
    char d[11];
    if (!s || !ng_date_parse(s, 0, d, NULL, 0)) return 0;
    return atoi(d) * 10000 + atoi(d + 5) * 100 + atoi(d + 8);
}
const char *ngg_date_str(int d, char buf[11]) {
    if (d <= 0) { buf[0] = 0; return buf; }
    unsigned y = (unsigned)d / 10000 % 10000, m = (unsigned)d / 100 % 100, dd = (unsigned)d % 100;
    buf[0] = (char)('0' + y / 1000); buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10); buf[3] = (char)('0' + y % 10); buf[4] = '-';
    buf[5] = (char)('0' + m / 10); buf[6] = (char)('0' + m % 10); buf[7] = '-';
    buf[8] = (char)('0' + dd / 10); buf[9] = (char)('0' + dd % 10); buf[10] = 0;
    return buf;
}

double ngg_npmi(long nxy, long nx, long ny, long n, double *pmi) {
    if (nxy <= 0 || nx <= 0 || ny <= 0 || n <= 0) { if (pmi) *pmi = 0; return -1.0; }
    double pxy = (double)nxy / n, px = (double)nx / n, py = (double)ny / n;
    double p = log(pxy / (px * py));
    if (pmi) *pmi = p;
    if (pxy >= 1.0) return 1.0;
    double r = p / -log(pxy);
    if (!isfinite(r)) return 0.0;
    if (r > 1) r = 1;
    if (r < -1) r = -1;
    return r;
}

int ngg_type_ok(const char *types, const char *type) {
    if (!types || !*types) return 1;
    size_t tl = strlen(type);
    const char *p = types;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        if (l == tl && !strncasecmp(p, type, l)) return 1;
        if (!c) break;
        p = c + 1;
    }
    return 0;
}

/* ## XML-safe output */

/* Decodes one UTF-8 sequence; returns its length and the code point in *cp,
 * or 0 if invalid. */
static size_t utf8_dec(const unsigned char *s, size_t len, int32_t *cp) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &c);
    if (n <= 0) return 0;
    *cp = c;
    return (size_t)n;
}

void ng_xml_write(FILE *f, const char *s, size_t len, int attr) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* run = start of bytes that need no escaping */
    while (i < len) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            int32_t cp;
            size_t n = utf8_dec(p + i, len - i, &cp);
            if (n && !(cp >= 0xFFFE && cp <= 0xFFFF) && !(cp >= 0xD800 && cp <= 0xDFFF)) { i += n; continue; }
            fwrite(p + run, 1, i - run, f);
            fputs("\xEF\xBF\xBD", f);
            i += n ? n : 1;
            run = i;
            continue;
        }
        fwrite(p + run, 1, i - run, f);
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        case '\t': fputs(attr ? "&#9;" : "\t", f); break;
        case '\n': fputs(attr ? "&#10;" : "\n", f); break;
        case '\r': fputs(attr ? "&#13;" : "\r", f); break;
        default: fputs("\xEF\xBF\xBD", f); break; /* other C0 controls */
        }
        i++;
        run = i;
    }
    fwrite(p + run, 1, i - run, f);
}

/* ## Sentences */

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "inc", "ltd", "co", "corp", "vs", "etc", "no", "mt", "ft", "pres",
    "adm", "maj", "rev", "hon", "est", "approx", "dept", "univ", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "\xd0\xb3", "\xd0\xb8\xd0\xbc", "\xd1\x83\xd0\xbb", "\xd1\x82", "\xd1\x82\xd0\xb5\xd0\xbb", NULL /* г им ул т тел */
};

/* Is the word that ends just before the '.' at 'dot' an abbreviation or a
 * single letter (an initial)? */
static int abbrev_before(const char *t, size_t dot) {
    size_t b = dot;
    while (b > 0 && !is_space((unsigned char)t[b - 1]) && t[b - 1] != '(' && t[b - 1] != '"') b--;
    size_t l = dot - b;
    if (l == 0) return 0;
    /* count characters */
    size_t nchar = 0;
    for (size_t i = b; i < dot; i++) if (((unsigned char)t[i] & 0xC0) != 0x80) nchar++;
    if (nchar == 1) return 1;                      /* initial: "W." */
    if (memchr(t + b, '.', l)) return 1;           /* "U.S." */
    if (l > 8) return 0;
    char w[16];
    for (size_t i = 0; i < l; i++) w[i] = (char)tolower((unsigned char)t[b + i]);
    w[l] = 0;
    /* lower-case a Cyrillic capital (2 bytes) roughly: only exact matches below */
    for (int i = 0; abbrevs[i]; i++) if (!strcmp(w, abbrevs[i])) return 1;
    return 0;
}

/* Does a lower-case letter start at t[i]? */
static int starts_lower(const char *t, size_t len, size_t i) {
    int32_t cp;
    size_t n = utf8_dec((const unsigned char *)t + i, len - i, &cp);
    if (!n) return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static const unsigned char sentence_stop[256] = {['\n'] = 1, ['\r'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1};

/* A line ends at LF, and at a CR not followed by LF (old Mac files). */
static int line_end(const char *t, size_t len, size_t i) {
    return t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n'));
}

long ng_split_sentences(const char *t, size_t len, ng_sentence_fn fn, void *ud) {
    return ngg_split_sentences_to(t, len, SIZE_MAX, fn, ud);
}

long ngg_split_sentences_to(const char *t, size_t len, size_t last, ng_sentence_fn fn, void *ud) {
    long count = 0, para = 0;
    size_t i = 0;
    int para_has_text = 0;
    while (i < len) {
        /* skip whitespace, counting paragraph breaks */
        while (i < len && is_space((unsigned char)t[i])) {
            if (para_has_text && line_end(t, len, i)) { para++; para_has_text = 0; }
            i++;
        }
        if (i >= len || i > last) break;
        size_t start = i, end = len;
        while (i < len) {
            /* the bytes that can end a sentence: \n . ! ? and the first of … */
            while (i < len && !sentence_stop[(unsigned char)t[i]]) i++;
            if (i >= len) break;
            unsigned char c = (unsigned char)t[i];
            if (c == '\r' && !line_end(t, len, i)) { i++; continue; }   /* CR LF: the LF ends it */
            if (c == '\n' || c == '\r') { end = i; break; }
            int term = 0; size_t tl = 1;
            if (c == '.' || c == '!' || c == '?') term = 1;
            else if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0xA6) { term = 1; tl = 3; }
            if (!term) { i++; continue; }
            size_t j = i + tl;
            while (j < len && (t[j] == '.' || t[j] == '!' || t[j] == '?')) j++;
            /* closing quotes and brackets */
            for (;;) {
                if (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')' || t[j] == ']')) { j++; continue; }
                if (j + 1 < len && (unsigned char)t[j] == 0xC2 && (unsigned char)t[j + 1] == 0xBB) { j += 2; continue; } /* » */
                if (j + 2 < len && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
                    ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99)) { j += 3; continue; } /* ” ’ */
                break;
            }
            if (j < len && !is_space((unsigned char)t[j])) { i = j; continue; }
            size_t k = j;
            while (k < len && (t[k] == ' ' || t[k] == '\t')) k++;
            if (k < len && t[k] != '\n' && t[k] != '\r') {
                if (starts_lower(t, len, k)) { i = j; continue; }
                if (c == '.' && tl == 1 && j == i + 1 && abbrev_before(t, i)) { i = j; continue; }
            }
            end = j;
            i = j;
            break;
        }
        if (i >= len && end == len) i = len;
        size_t e = end;
        while (e > start && is_space((unsigned char)t[e - 1])) e--;
        if (e > start) {
            if (fn) fn(start, e, para, ud);
            count++;
            para_has_text = 1;
        }
        if (i < len && t[i] == '\n') { /* handled by the whitespace skip */ }
    }
    return count;
}
