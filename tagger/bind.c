/* Flat results for language bindings (tagger/bind.h). */
#include <stdlib.h>
#include <string.h>
#include "bind.h"

/* Characters in s[0, n): bytes that are not UTF-8 continuation bytes (the
 * fast path), or, when the text has invalid sequences, one per valid
 * sequence plus one per invalid byte. */
static int64_t count_chars(const unsigned char *s, size_t n) {
    int64_t c = 0;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs, 8 bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080u) break;
            c += 8;
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) { c++; i++; continue; }
        if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) { c++; i += 2; continue; }
        int l = ng_utf8_valid_len(s + i, n - i);
        c++;
        i += l > 0 ? (size_t)l : 1;
    }
    return c;
}

/* Entity ordinals: an open-addressing table of (id, type, name) addresses. */
typedef struct ent_slot { const char *id, *type, *name; int64_t ord; } ent_slot;

static size_t ent_hash(const char *a, const char *b, const char *c) {
    uint64_t h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)(uintptr_t)b * 0xC2B2AE3D27D4EB4Fu;
    h ^= (uint64_t)(uintptr_t)c * 0x165667B19E3779F9u;
    return (size_t)(h ^ (h >> 29));
}

/* Characters in s[0, n) of valid UTF-8: the bytes less the continuation
 * bytes (10xxxxxx), 8 bytes at a time. */
static int64_t count_chars_valid(const unsigned char *s, size_t n) {
    int64_t c = (int64_t)n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t k = (w & ~(w << 1) & 0x8080808080808080u) >> 7;   /* 1 in each continuation byte */
        c -= (int64_t)((k * 0x0101010101010101u) >> 56);
    }
    for (; i < n; i++) c -= (s[i] & 0xC0) == 0x80;
    return c;
}

static int spans(const char *text, size_t len, const ng_match *m, size_t n, int valid, int64_t *out);

int ng_spans(const char *text, size_t len, const ng_match *m, size_t n, int64_t *out) {
    return spans(text, len, m, n, 0, out);
}

int ng_spans_valid(const char *text, size_t len, const ng_match *m, size_t n, int64_t *out) {
    return spans(text, len, m, n, 1, out);
}

/* The ordinal of (id, type, name) in the table 'tab' of '*cap' slots
 * holding '*nents' entries, added if new; the table doubles at half full
 * (it stays as small as the distinct entities, a few thousand slots where a
 * text has hundreds of thousands of spans, so it stays in cache). -1 when
 * out of memory. */
static int64_t ent_ordinal(ent_slot **tab, size_t *cap, int64_t *nents, const char *id, const char *type, const char *name) {
    if (!id) id = "";
    size_t h = ent_hash(id, type, name) & (*cap - 1);
    for (; (*tab)[h].id; h = (h + 1) & (*cap - 1))
        if ((*tab)[h].id == id && (*tab)[h].type == type && (*tab)[h].name == name) return (*tab)[h].ord;
    if ((size_t)(*nents + 1) * 2 > *cap) {
        size_t ncap = *cap * 2;
        ent_slot *nt = calloc(ncap, sizeof *nt);
        if (!nt) return -1;
        for (size_t k = 0; k < *cap; k++) {
            if (!(*tab)[k].id) continue;
            size_t j = ent_hash((*tab)[k].id, (*tab)[k].type, (*tab)[k].name) & (ncap - 1);
            while (nt[j].id) j = (j + 1) & (ncap - 1);
            nt[j] = (*tab)[k];
        }
        free(*tab);
        *tab = nt;
        *cap = ncap;
        for (h = ent_hash(id, type, name) & (ncap - 1); nt[h].id; h = (h + 1) & (ncap - 1)) {}
    }
    (*tab)[h] = (ent_slot){id, type, name, *nents};
    return (*nents)++;
}

static int spans(const char *text, size_t len, const ng_match *m, size_t n, int valid, int64_t *out) {
    int64_t (*count)(const unsigned char *, size_t) = valid ? count_chars_valid : count_chars;
    const unsigned char *s = (const unsigned char *)text;
    size_t cap = 256;
    ent_slot *tab = calloc(cap, sizeof *tab);
    if (!tab) return NG_E_NOMEM;
    int64_t nents = 0;
    size_t at = 0;      /* byte position ... */
    int64_t chars = 0;  /* ... and the characters before it */
    for (size_t i = 0; i < n; i++) {
        if (m[i].start < at || m[i].start > m[i].end || m[i].end > len) { free(tab); return NG_E_ARG; }
        chars += count(s + at, m[i].start - at);
        at = m[i].start;
        int64_t ord = ent_ordinal(&tab, &cap, &nents, m[i].id, m[i].type, m[i].name);
        if (ord < 0) { free(tab); return NG_E_NOMEM; }
        int64_t *o = out + i;   /* column f at o[f * n] */
        o[0] = chars;
        o[n] = chars + count(s + m[i].start, m[i].end - m[i].start);
        o[2 * n] = (int64_t)m[i].start;
        o[3 * n] = (int64_t)m[i].end;
        o[4 * n] = (int64_t)m[i].flags;
        o[5 * n] = ord;
        o[6 * n] = (int64_t)(intptr_t)m[i].id;
        o[7 * n] = (int64_t)(intptr_t)m[i].type;
        o[8 * n] = (int64_t)(intptr_t)m[i].name;
    }
    free(tab);
    return NG_OK;
}

void ng_free(void *p) { free(p); }
