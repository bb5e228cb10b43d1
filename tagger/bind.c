/* Flat results for language bindings (tagger/bind.h). */
#include <stdlib.h>
#include "bind.h"

/* Characters in s[0, n): bytes that are not UTF-8 continuation bytes (the
 * fast path), or, when the text has invalid sequences, one per valid
 * sequence plus one per invalid byte. */
static int64_t count_chars(const unsigned char *s, size_t n) {
    int64_t c = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) { c++; i++; continue; }
        int l = ng_utf8_valid_len(s + i, n - i);
        c++;
        i += l > 0 ? (size_t)l : 1;
    }
    return c;
}

int ng_spans(const char *text, size_t len, const ng_match *m, size_t n, int64_t *out) {
    const unsigned char *s = (const unsigned char *)text;
    size_t at = 0;      /* byte position ... */
    int64_t chars = 0;  /* ... and the characters before it */
    for (size_t i = 0; i < n; i++) {
        if (m[i].start < at || m[i].start > m[i].end || m[i].end > len) return NG_E_ARG;
        chars += count_chars(s + at, m[i].start - at);
        at = m[i].start;
        int64_t *o = out + (size_t)NG_SPAN_FIELDS * i;
        o[0] = chars;
        o[1] = chars + count_chars(s + m[i].start, m[i].end - m[i].start);
        o[2] = (int64_t)m[i].start;
        o[3] = (int64_t)m[i].end;
        o[4] = (int64_t)m[i].flags;
        o[5] = (int64_t)(intptr_t)m[i].id;
        o[6] = (int64_t)(intptr_t)m[i].type;
        o[7] = (int64_t)(intptr_t)m[i].name;
    }
    return NG_OK;
}

void ng_free(void *p) { free(p); }
