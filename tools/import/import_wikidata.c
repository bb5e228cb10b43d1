/* `dict import --from wikidata`: the Wikidata JSON dump (a JSON array with
 * one entity per line, plain or gzip) -> dictionary, streamed line by line:
 * memory is bounded by the longest line, whatever the size of the dump.
 *
 * Per entity (items only): id and wikidata= attribute = the Q-id; name =
 * the label in the first of o->langs that has one (a language without its
 * own label takes the "mul" one, as Wikidata means it); aliases = labels and
 * aliases in every language of o->langs, and the "mul" aliases; type = the first instance-of (P31)
 * value, in claim order, that the mapping file lists (deprecated claims are
 * ignored). Entities without a mapped type or without a label in the chosen
 * languages are left out.
 *
 * Mapping file (dictionaries/import/wikidata-types.tsv): "Q-id TAB TYPE
 * [TAB comment]" per line, '#' comments, TYPE one of PER ORG LOC EVENT. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <jansson.h>
#include "import.h"
#include "import_internal.h"

typedef struct tmap {
    long qid;
    char type[8];
    long line;      /* in the mapping file */
} tmap;

static int cmp_tmap(const void *a, const void *b) {
    long x = ((const tmap *)a)->qid, y = ((const tmap *)b)->qid;
    return x < y ? -1 : x > y;
}

static int load_types(const char *path, tmap **out, size_t *n, ng_error *err) {
    *out = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0, cnt = 0, mcap = 0;
    long ln = 0;
    tmap *m = NULL;
    int rc = NG_OK;
    while (getline(&line, &cap, f) >= 0) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (!*s || *s == '#') continue;
        char *tab = strchr(s, '\t');
        char *end = NULL;
        long q = (*s == 'Q') ? strtol(s + 1, &end, 10) : -1;
        if (q <= 0 || end != tab || !tab) {
            rc = ng_error_set(err, NG_E_PARSE, path, ln, 1, "expected \"Q-id<TAB>TYPE\"");
            break;
        }
        char *t = tab + 1;
        size_t tl = strcspn(t, "\t");
        if (!((tl == 3 && (!strncmp(t, "PER", 3) || !strncmp(t, "ORG", 3) || !strncmp(t, "LOC", 3))) ||
              (tl == 5 && !strncmp(t, "EVENT", 5)))) {
            rc = ng_error_set(err, NG_E_PARSE, path, ln, ng_col_of(line, (size_t)(t - line)),
                              "type must be PER, ORG, LOC or EVENT");
            break;
        }
        if (cnt == mcap) {
            mcap = mcap ? mcap * 2 : 64;
            tmap *nm = realloc(m, mcap * sizeof *m);
            if (!nm) { rc = ng_error_set(err, NG_E_NOMEM, path, ln, 0, "out of memory"); break; }
            m = nm;
        }
        m[cnt].qid = q;
        m[cnt].line = ln;
        memcpy(m[cnt].type, t, tl);
        m[cnt].type[tl] = 0;
        cnt++;
    }
    free(line);
    fclose(f);
    if (rc) { free(m); return rc; }
    if (cnt) qsort(m, cnt, sizeof *m, cmp_tmap);
    for (size_t i = 1; i < cnt; i++) {
        if (m[i].qid != m[i - 1].qid || !strcmp(m[i].type, m[i - 1].type)) continue;
        /* at the later line of the two (qsort keeps no order of equals) */
        const tmap *a = m[i].line < m[i - 1].line ? &m[i] : &m[i - 1], *b = a == &m[i] ? &m[i - 1] : &m[i];
        rc = ng_error_set(err, NG_E_PARSE, path, b->line, 1, "Q%ld is mapped to both %s (line %ld) and %s",
                          b->qid, a->type, a->line, b->type);
        free(m);
        return rc;
    }
    *out = m;
    *n = cnt;
    return NG_OK;
}

static const char *lookup_type(const tmap *m, size_t n, long q) {
    tmap key = {q, "", 0};
    if (!n) return NULL;
    const tmap *r = bsearch(&key, m, n, sizeof *m, cmp_tmap);
    return r ? r->type : NULL;
}

/* Q-number of a P31 claim's value, or -1. */
static long claim_qid(json_t *claim) {
    const char *rank = json_string_value(json_object_get(claim, "rank"));
    if (rank && !strcmp(rank, "deprecated")) return -1;
    json_t *v = json_object_get(json_object_get(json_object_get(claim, "mainsnak"), "datavalue"), "value");
    json_t *nid = json_object_get(v, "numeric-id");
    if (json_is_integer(nid)) return (long)json_integer_value(nid);
    const char *id = json_string_value(json_object_get(v, "id"));
    if (id && id[0] == 'Q') return strtol(id + 1, NULL, 10);
    return -1;
}

/* The label in 'lang', else the "mul" one: Wikidata keeps a name written
 * alike in many languages (most people's, since 2024) only under "mul",
 * the label of every language without its own. */
static const char *label(json_t *labels, const char *lang) {
    const char *v = json_string_value(json_object_get(json_object_get(labels, lang), "value"));
    return v ? v : json_string_value(json_object_get(json_object_get(labels, "mul"), "value"));
}

/* One entity: writes it or counts it as skipped. */
static int entity(const import_opts *o, json_t *e, const tmap *m, size_t nm, const imp_words *w,
                  FILE *out, const char *file, long ln, long col, ng_error *err) {
    if (!json_is_object(e))
        return ng_error_set(err, NG_E_PARSE, file, ln, col, "expected a JSON object (an entity)");
    const char *id = json_string_value(json_object_get(e, "id"));
    const char *kind = json_string_value(json_object_get(e, "type"));
    if (!id) return ng_error_set(err, NG_E_PARSE, file, ln, col, "entity without \"id\"");
    if (id[0] != 'Q' || (kind && strcmp(kind, "item"))) goto skip;
    const char *type = NULL;
    json_t *p31 = json_object_get(json_object_get(e, "claims"), "P31");
    size_t i;
    json_t *c;
    json_array_foreach(p31, i, c) {
        long q = claim_qid(c);
        if (q > 0 && (type = lookup_type(m, nm, q))) break;
    }
    if (!type) goto skip;
    json_t *labels = json_object_get(e, "labels"), *aliases = json_object_get(e, "aliases");
    const char *name = NULL;
    for (size_t l = 0; l < o->nlangs && !name; l++) name = label(labels, o->langs[l]);
    if (!name) goto skip;
    imp_strv al = {0};
    int cs = imp_words_has(w, name);
    for (size_t l = 0; l < o->nlangs; l++) {
        const char *lb = label(labels, o->langs[l]);
        if (lb) imp_strv_push(&al, lb, strlen(lb));
        json_t *a;
        json_array_foreach(json_object_get(aliases, o->langs[l]), i, a) {
            const char *v = json_string_value(json_object_get(a, "value"));
            if (v) imp_strv_push(&al, v, strlen(v));
        }
    }
    json_t *a;
    json_array_foreach(json_object_get(aliases, "mul"), i, a) {
        const char *v = json_string_value(json_object_get(a, "value"));
        if (v) imp_strv_push(&al, v, strlen(v));
    }
    for (size_t k = 0; k < al.n && w; k++) {
        if (!strcmp(al.v[k], name) || !imp_words_has(w, al.v[k])) continue;
        char *p = imp_asprintf("^%s", al.v[k]);
        free(al.v[k]);
        al.v[k] = p;
    }
    char *attrs = imp_asprintf("wikidata=%s\tsource=%s%s", id, o->source ? o->source : "wikidata",
                               cs ? "\tcase=capitalised" : "");
    imp_write_entity(o, out, id, type, name, al.v, al.n, attrs);
    free(attrs);
    imp_strv_free(&al);
    return NG_OK;
skip:
    if (o->stats) o->stats->skipped++;
    return NG_OK;
}

static int wikidata_run(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    if (!o->types_path) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "no type mapping (--types FILE)");
    tmap *m;
    size_t nm;
    int rc = load_types(o->types_path, &m, &nm, err);
    if (rc) return rc;
    imp_words *w = o->common_words ? imp_words_load(o->common_words) : NULL;
    fprintf(out, "# Generated by `newsgraph dict import --from wikidata` from Wikidata (%s);\n"
                 "# types from %s.\n", o->source ? o->source : "JSON dump",
            strrchr(o->types_path, '/') ? strrchr(o->types_path, '/') + 1 : o->types_path);
    for (size_t f = 0; f < n && !rc; f++) {
        imp_lines *r;
        rc = imp_lines_open(inputs[f], &r, err);
        if (rc) break;
        char *line;
        size_t len;
        int k;
        unsigned long long items = 0;
        while ((k = imp_lines_next(r, &line, &len, err)) == 1) {
            long ln = imp_lines_number(r);
            size_t a = 0;
            while (a < len && (line[a] == ' ' || line[a] == '\t')) a++;
            while (len > a && (line[len - 1] == ' ' || line[len - 1] == '\t')) len--;
            if (len > a && line[len - 1] == ',') len--;
            if (len == a || (len - a == 1 && (line[a] == '[' || line[a] == ']'))) continue;
            json_error_t je;
            json_t *e = json_loadb(line + a, len - a, 0, &je);
            if (!e) {
                rc = ng_error_set(err, NG_E_PARSE, inputs[f], ln, (long)a + je.column,
                                  "invalid JSON: %s", je.text);
                break;
            }
            if (o->stats) o->stats->read++;
            items++;
            rc = entity(o, e, m, nm, w, out, inputs[f], ln, ng_col_of(line, a), err);
            json_decref(e);
            if (rc) break;
            if (o->progress && (items & 1023) == 0)
                o->progress("wikidata", imp_lines_offset(r), imp_lines_size(r), items, o->progress_ud);
        }
        if (k < 0 && !rc) rc = k;
        imp_lines_free(r);
    }
    imp_words_free(w);
    free(m);
    return rc;
}

int import_wikidata(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    return imp_guard_import(wikidata_run, o, inputs, n, out, err);
}
