/* GNU gettext .mo catalogues (either byte order): the translations of the
 * iso-codes importer (import_isocodes.c). Interface: import.h. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include "import.h"

typedef struct mo_pair {
    const char *id, *str;
    uint32_t index;      /* the string's number in the catalogue */
} mo_pair;

struct imp_mo {
    char *data;
    size_t len;
    mo_pair *pairs;
    size_t n;
};

static uint32_t rd32(const unsigned char *p, int swap) {
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    if (swap) v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
    return v;
}

static int cmp_pair(const void *a, const void *b) {
    return strcmp(((const mo_pair *)a)->id, ((const mo_pair *)b)->id);
}

int imp_mo_load_mem(const void *data, size_t len, const char *name, imp_mo **out, ng_error *err) {
    *out = NULL;
    const unsigned char *d = data;
    if (len < 28)
        return ng_error_set(err, NG_E_FORMAT, name, 0, 0, "not a .mo catalogue (too short)");
    int swap;
    if (rd32(d, 0) == 0x950412deu) swap = 0;
    else if (rd32(d, 1) == 0x950412deu) swap = 1;
    else return ng_error_set(err, NG_E_FORMAT, name, 0, 0, "not a .mo catalogue (bad magic)");
    uint32_t rev = rd32(d + 4, swap), n = rd32(d + 8, swap);
    uint32_t oo = rd32(d + 12, swap), to = rd32(d + 16, swap);
    if ((rev >> 16) > 1)
        return ng_error_set(err, NG_E_FORMAT, name, 0, 0, "unsupported .mo revision %u", rev >> 16);
    if (n > len / 16 || oo > len || to > len || (size_t)n * 8 > len - oo || (size_t)n * 8 > len - to)
        return ng_error_set(err, NG_E_FORMAT, name, 0, 0, "corrupt .mo catalogue (tables out of range)");
    imp_mo *mo = calloc(1, sizeof *mo);
    if (!mo) return ng_error_set(err, NG_E_NOMEM, name, 0, 0, "out of memory");
    mo->data = malloc(len + 1);
    mo->pairs = calloc(n ? n : 1, sizeof *mo->pairs);
    if (!mo->data || !mo->pairs) { imp_mo_free(mo); return ng_error_set(err, NG_E_NOMEM, name, 0, 0, "out of memory"); }
    memcpy(mo->data, data, len);
    mo->data[len] = 0;
    mo->len = len;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t ol = rd32(d + oo + 8 * i, swap), op = rd32(d + oo + 8 * i + 4, swap);
        uint32_t tl = rd32(d + to + 8 * i, swap), tp = rd32(d + to + 8 * i + 4, swap);
        if (op > len || ol >= len - op || tp > len || tl >= len - tp || d[op + ol] || d[tp + tl]) {
            imp_mo_free(mo);
            return ng_error_set(err, NG_E_FORMAT, name, 0, 0,
                                "corrupt .mo catalogue (string %u out of range)", i);
        }
        const char *id = mo->data + op;
        if (strchr(id, '\004')) continue; /* msgctxt: not used by iso-codes */
        mo->pairs[mo->n].id = id;
        mo->pairs[mo->n].str = mo->data + tp; /* plural forms: the first one */
        mo->pairs[mo->n].index = i;
        mo->n++;
    }
    qsort(mo->pairs, mo->n, sizeof *mo->pairs, cmp_pair);
    *out = mo;
    return NG_OK;
}

static int read_all(const char *path, char **data, size_t *len, ng_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b) { fclose(f); return ng_error_set(err, NG_E_NOMEM, path, 0, 0, "out of memory"); }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (n < cap) break;
        cap *= 2;
        char *nb = realloc(b, cap);
        if (!nb) free(b);
        b = nb;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { free(b); return ng_error_set(err, NG_E_IO, path, 0, 0, "read error"); }
    *data = b;
    *len = n;
    return NG_OK;
}

int imp_mo_load(const char *path, imp_mo **out, ng_error *err) {
    char *data = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = read_all(path, &data, &len, err);
    if (rc) return rc;
    rc = imp_mo_load_mem(data, len, path, out, err);
    free(data);
    return rc;
}

static int valid_utf8(const char *s) {
    size_t n = strlen(s);
    return ng_utf8_valid_prefix(s, n) == n;
}

const char *imp_mo_get(const imp_mo *mo, const char *msgid) {
    if (!mo || !msgid || !*msgid || !mo->n) return NULL;
    mo_pair key = {msgid, NULL, 0};
    const mo_pair *p = bsearch(&key, mo->pairs, mo->n, sizeof *mo->pairs, cmp_pair);
    if (!p || !p->str[0]) return NULL;
    /* a corrupt catalogue: a translation that is not UTF-8 is not used
     * (imp_mo_invalid lists them for a warning) */
    return valid_utf8(p->str) ? p->str : NULL;
}

const char *imp_mo_invalid(const imp_mo *mo, size_t *pos, unsigned long *index) {
    for (; mo && *pos < mo->n; (*pos)++) {
        const mo_pair *p = &mo->pairs[*pos];
        if (valid_utf8(p->str)) continue;
        *index = p->index;
        (*pos)++;
        return p->id;
    }
    return NULL;
}

size_t imp_mo_count(const imp_mo *mo) { return mo ? mo->n : 0; }

void imp_mo_free(imp_mo *mo) {
    if (!mo) return;
    free(mo->data);
    free(mo->pairs);
    free(mo);
}
