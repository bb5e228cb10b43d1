/* A table of distinct strings: FNV-1a hashing, linear probing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "strtab.h"

static uint64_t fnv(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static size_t probe(const cli_strtab *t, const char *key) {
    size_t j = fnv(key) & (t->nslots - 1);
    while (t->slots[j] && strcmp(t->keys[t->slots[j] - 1], key)) j = (j + 1) & (t->nslots - 1);
    return j;
}

size_t cli_strtab_find(const cli_strtab *t, const char *key) {
    if (!t->nslots) return (size_t)-1;
    size_t j = probe(t, key);
    return t->slots[j] ? t->slots[j] - 1 : (size_t)-1;
}

size_t cli_strtab_get(cli_strtab *t, const char *key, int *added) {
    if (2 * (t->n + 1) > t->nslots) {
        size_t nn = t->nslots ? 2 * t->nslots : 1024;
        free(t->slots);
        t->slots = cli_xcalloc(nn, sizeof *t->slots);
        t->nslots = nn;
        for (size_t i = 0; i < t->n; i++) t->slots[probe(t, t->keys[i])] = i + 1;
    }
    size_t j = probe(t, key);
    *added = !t->slots[j];
    if (*added) {
        cli_xgrow((void **)&t->keys, &t->cap, t->n + 1, sizeof *t->keys);
        t->keys[t->n] = cli_xstrndup(key, strlen(key));
        t->slots[j] = ++t->n;
    }
    return t->slots[j] - 1;
}

void cli_strtab_free(cli_strtab *t) {
    for (size_t i = 0; i < t->n; i++) free(t->keys[i]);
    free(t->keys);
    free(t->slots);
    memset(t, 0, sizeof *t);
}
