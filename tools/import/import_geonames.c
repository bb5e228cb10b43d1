/* `dict import --from geonames`: GeoNames dumps -> place dictionary.
 *
 * Inputs: cities500/1000/5000/15000.txt, allCountries.txt or a country file
 * (plain or gzip), 19 tab-separated columns: geonameid, name, asciiname,
 * alternatenames, latitude, longitude, feature class, feature code, country
 * code, cc2, admin1-4, population, elevation, dem, timezone, modification
 * date. Kept: feature class in o->classes (default "PA") and population
 * >= o->min_population.
 *
 * --alternate-names alternateNamesV2.txt (10 columns: alternateNameId,
 * geonameid, isolanguage, alternate name, isPreferredName, isShortName,
 * isColloquial, isHistoric, from, to) adds the names in the languages of
 * o->langs, leaving out historic and colloquial ones. Only the kept places
 * are held in memory; the alternate names are streamed.
 *
 * Id: slug of the ASCII name, '-', geonameid ("kyiv-703448"). Attributes:
 * geonames=<id> country=<CC> population=<N> source=geonames. */
#include <stdlib.h>
#include <string.h>
#include "import.h"
#include "import_internal.h"

typedef struct place {
    long gid;
    char *name, *ascii, *cc;
    long long pop;
    imp_strv al;
    int dup;             /* given again by an earlier input line: not written */
} place;

static int cmp_gid(const void *a, const void *b) {
    long x = (*(place *const *)a)->gid, y = (*(place *const *)b)->gid;
    return x < y ? -1 : x > y;
}

/* By geonameid, then input order (the first of a place given twice). */
static int cmp_gid_first(const void *a, const void *b) {
    int c = cmp_gid(a, b);
    const place *x = *(place *const *)a, *y = *(place *const *)b;
    return c ? c : (x > y) - (x < y);
}

/* Splits 'line' at tabs in place; returns the number of fields (at most max). */
static size_t split(char *line, char **f, size_t max) {
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') { *p = 0; f[n++] = p + 1; }
    return n;
}

/* The places kept from the dumps, and their index by geonameid. */
typedef struct places {
    place *pl;
    size_t np, cap;
    place **idx;         /* by geonameid, each once */
    size_t nidx;
} places;

/* One line of a GeoNames dump: a kept place is appended to P. */
static int read_place(const import_opts *o, const char *classes, const char *path, long ln, char *line,
                      places *P, ng_error *err) {
    char *c[20];
    size_t nc = split(line, c, 20);
    if (nc < 15)
        return ng_error_set(err, NG_E_PARSE, path, ln, 1, "expected 19 tab-separated GeoNames columns, found %zu", nc);
    char *end;
    long gid = strtol(c[0], &end, 10);
    if (*end || gid <= 0) return ng_error_set(err, NG_E_PARSE, path, ln, 1, "geonameid \"%s\" is not a number", c[0]);
    if (o->stats) o->stats->read++;
    long long pop = *c[14] ? strtoll(c[14], &end, 10) : 0;
    if (*c[14] && *end)   /* (the tabs before it are NULs now: one character each, as ng_col_of counts) */
        return ng_error_set(err, NG_E_PARSE, path, ln, ng_col_of(line, (size_t)(c[14] - line)),
                            "population \"%s\" is not a number", c[14]);
    if (!c[6][0] || !strchr(classes, c[6][0]) || pop < o->min_population || !c[1][0]) {
        if (o->stats) o->stats->skipped++;
        return NG_OK;
    }
    imp_grow((void **)&P->pl, &P->cap, P->np + 1, sizeof *P->pl);
    place *p = &P->pl[P->np++];
    memset(p, 0, sizeof *p);
    p->gid = gid;
    p->name = imp_strdup(c[1]);
    p->ascii = imp_strdup(c[2]);
    p->cc = imp_strdup(c[8]);
    p->pop = pop;
    return NG_OK;
}

/* The places of every input file. */
static int read_places(const import_opts *o, char **inputs, size_t n, places *P, ng_error *err) {
    const char *classes = o->classes ? o->classes : "PA";
    int rc = NG_OK;
    for (size_t f = 0; f < n && !rc; f++) {
        imp_lines *r;
        rc = imp_lines_open(inputs[f], &r, err);
        if (rc) break;
        char *line;
        size_t len;
        int k;
        while ((k = imp_lines_next(r, &line, &len, err)) == 1) {
            long ln = imp_lines_number(r);
            if (len == 0 || line[0] == '#') continue;
            if ((rc = read_place(o, classes, inputs[f], ln, line, P, err))) break;
            if (o->progress && (ln & 4095) == 0)
                o->progress("geonames", imp_lines_offset(r), imp_lines_size(r), (unsigned long long)ln, o->progress_ud);
        }
        if (k < 0 && !rc) rc = k;
        imp_lines_free(r);
    }
    return rc;
}

/* Streams alternateNamesV2.txt: the names in o->langs (not historic or
 * colloquial) become aliases of the kept places. */
static int read_alternate_names(const import_opts *o, places *P, ng_error *err) {
    imp_lines *r;
    int rc = imp_lines_open(o->alternate_names, &r, err);
    if (rc) return rc;
    char *line;
    size_t len;
    int k;
    unsigned long long seen = 0;
    while ((k = imp_lines_next(r, &line, &len, err)) == 1) {
        long ln = imp_lines_number(r);
        if (len == 0 || line[0] == '#') continue;
        char *c[11];
        size_t nc = split(line, c, 11);
        if (nc < 4) {
            rc = ng_error_set(err, NG_E_PARSE, o->alternate_names, ln, 1,
                              "expected 10 tab-separated alternate-name columns, found %zu", nc);
            break;
        }
        seen++;
        if (o->progress && (seen & 65535) == 0)
            o->progress("alternate names", imp_lines_offset(r), imp_lines_size(r), seen, o->progress_ud);
        if (!imp_has_lang(o, c[2])) continue;
        if ((nc > 6 && !strcmp(c[6], "1")) || (nc > 7 && !strcmp(c[7], "1"))) continue;
        char *end;
        place key = {.gid = strtol(c[1], &end, 10)};
        if (*end) {
            rc = ng_error_set(err, NG_E_PARSE, o->alternate_names, ln, ng_col_of(line, (size_t)(c[1] - line)),
                              "geonameid \"%s\" is not a number", c[1]);
            break;
        }
        place *kp = &key;
        place **hit = bsearch(&kp, P->idx, P->nidx, sizeof *P->idx, cmp_gid);
        if (hit) imp_strv_push(&(*hit)->al, c[3], strlen(c[3]));
    }
    if (k < 0 && !rc) rc = k;
    imp_lines_free(r);
    return rc;
}

/* The TSV: one line a place, in input order. */
static void write_places(const import_opts *o, const places *P, FILE *out) {
    imp_words *w = o->common_words ? imp_words_load(o->common_words) : NULL;
    fprintf(out, "# Generated by `newsgraph dict import --from geonames` from GeoNames data\n"
                 "# (geonames.org, CC BY 4.0); feature classes %s, population >= %lld.\n",
            o->classes ? o->classes : "PA", o->min_population);
    for (size_t i = 0; i < P->np; i++) {
        place *p = &P->pl[i];
        if (p->dup) continue;
        char *slug = imp_slug(p->ascii[0] ? p->ascii : p->name);
        char *id = imp_asprintf("%s%s%ld", slug, slug[0] ? "-" : "geonames-", p->gid);
        int cs = imp_words_has(w, p->name);
        char *attrs = imp_asprintf("geonames=%ld\tcountry=%s\tpopulation=%lld\tsource=%s%s", p->gid, p->cc,
                                   p->pop, o->source ? o->source : "geonames", cs ? "\tcase=capitalised" : "");
        imp_strv al = {0};
        if (strcmp(p->ascii, p->name)) imp_strv_push(&al, p->ascii, strlen(p->ascii));
        for (size_t k = 0; k < p->al.n; k++) {
            const char *s = p->al.v[k];
            if (w && strcmp(s, p->name) && imp_words_has(w, s)) {
                char *q = imp_asprintf("^%s", s);
                imp_strv_push(&al, q, strlen(q));
                free(q);
            } else {
                imp_strv_push(&al, s, strlen(s));
            }
        }
        imp_write_entity(o, out, id, "LOC", p->name, al.v, al.n, attrs);
        imp_strv_free(&al);
        free(slug);
        free(id);
        free(attrs);
    }
    imp_words_free(w);
}

static int geonames_run(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    places P = {0};
    int rc = read_places(o, inputs, n, &P, err);
    if (!rc && P.np) {
        P.idx = imp_alloc(P.np * sizeof *P.idx);
        for (size_t i = 0; i < P.np; i++) P.idx[i] = &P.pl[i];
        qsort(P.idx, P.np, sizeof *P.idx, cmp_gid_first);
        /* overlapping dumps (cities15000.txt and UA.txt): a place once */
        for (size_t i = 0; i < P.np; i++) {
            if (P.nidx && P.idx[P.nidx - 1]->gid == P.idx[i]->gid) {
                P.idx[i]->dup = 1;
                if (o->stats) o->stats->skipped++;
            }
            else P.idx[P.nidx++] = P.idx[i];
        }
    }
    if (!rc && o->alternate_names && P.np) rc = read_alternate_names(o, &P, err);
    if (!rc) write_places(o, &P, out);
    for (size_t i = 0; i < P.np; i++) {
        free(P.pl[i].name);
        free(P.pl[i].ascii);
        free(P.pl[i].cc);
        imp_strv_free(&P.pl[i].al);
    }
    free(P.pl);
    free(P.idx);
    return rc;
}

int import_geonames(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    return imp_guard_import(geonames_run, o, inputs, n, out, err);
}
