/* Matches that outlive the tagger call that produced them. */
#include <stdlib.h>
#include <string.h>
#include "tagger.h"

/* One string of a copied match: reuses the previous copy when the match
 * points at the very same string (dictionary strings repeat a lot). */
typedef struct strcopy { const char *from; char *to; } strcopy;

static const char *copy_str(const char *s, char **p, strcopy *last) {
    if (!s) return NULL;
    if (s == last->from) return last->to;
    size_t n = strlen(s) + 1;
    memcpy(*p, s, n);
    last->from = s;
    last->to = *p;
    *p += n;
    return last->to;
}

ng_match *ng_matches_copy(const ng_match *m, size_t n) {
    size_t strs = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].id) strs += strlen(m[i].id) + 1;
        if (m[i].type) strs += strlen(m[i].type) + 1;
        if (m[i].name) strs += strlen(m[i].name) + 1;
    }
    ng_match *out = malloc(n * sizeof *out + strs + 1);
    if (!out) return NULL;
    char *p = (char *)(out + n);
    strcopy last[3] = {{0}};
    for (size_t i = 0; i < n; i++) {
        out[i] = m[i];
        out[i].id = copy_str(m[i].id, &p, &last[0]);
        out[i].type = copy_str(m[i].type, &p, &last[1]);
        out[i].name = copy_str(m[i].name, &p, &last[2]);
        out[i].cands = NULL;
        out[i].ncands = 0;
    }
    return out;
}
