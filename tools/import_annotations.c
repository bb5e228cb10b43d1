/* `newsgraph dict import --from annotations`: a gazetteer from annotated
 * documents (JSON Lines with byte offsets, brat standoff, CoNLL BIO; see
 * tools/annot.h).
 *
 * Every distinct surface (compared folded, the way the matcher compares)
 * becomes one entity: its type is the type it was annotated with most often
 * (ties: the alphabetically first type), its name the spelling seen most
 * often (ties: the first seen), other spellings become aliases. The id is
 * "ann-<type>-<slug>-<hash>": the Latin slug of the name (may be empty for
 * Cyrillic) and 8 hex digits of a hash of the folded surface and type, so the
 * same surface and type always get the same id. Attributes: source=
 * (default "annotations") and count= (occurrences). --min-count N keeps
 * surfaces seen at least N times. Output is sorted by id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "import.h"
#include "annot.h"

typedef struct tcount { char type[32]; long n; } tcount;
typedef struct scount { char *s; long n; } scount;

typedef struct surf {
    char *fold;
    tcount *t; size_t nt;
    scount *sp; size_t nsp;
    long total;
} surf;

typedef struct gaz {
    surf *tab;
    size_t n, cap;
    const import_opts *o;
    const char *path;
    ng_error *err;
} gaz;

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) { fputs("newsgraph: out of memory\n", stderr); abort(); }
    return q;
}

static uint64_t fnv(const char *s, size_t n, uint64_t h) {
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static surf *lookup(gaz *g, const char *fold) {
    if ((g->n + 1) * 2 > g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 4096;
        surf *nt = xrealloc(NULL, nc * sizeof *nt);
        memset(nt, 0, nc * sizeof *nt);
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->tab[i].fold) continue;
            size_t k = fnv(g->tab[i].fold, strlen(g->tab[i].fold), 1469598103934665603ULL) & (nc - 1);
            while (nt[k].fold) k = (k + 1) & (nc - 1);
            nt[k] = g->tab[i];
        }
        free(g->tab);
        g->tab = nt;
        g->cap = nc;
    }
    size_t k = fnv(fold, strlen(fold), 1469598103934665603ULL) & (g->cap - 1);
    while (g->tab[k].fold) {
        if (!strcmp(g->tab[k].fold, fold)) return &g->tab[k];
        k = (k + 1) & (g->cap - 1);
    }
    g->tab[k].fold = strdup(fold);
    g->n++;
    return &g->tab[k];
}

/* Surface as written with white space runs collapsed to one space. */
static char *clean(const char *s, size_t n) {
    char *o = xrealloc(NULL, n + 1);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (sp) { if (w > 0 && o[w - 1] != ' ') o[w++] = ' '; }
        else o[w++] = (char)c;
    }
    while (w > 0 && o[w - 1] == ' ') w--;
    o[w] = 0;
    return o;
}

static void warn(gaz *g, long line, const char *fmt, const char *a) {
    if (!g->o->warn) return;
    ng_error e;
    ng_error_set(&e, NG_E_PARSE, g->path, line, 0, fmt, a);
    g->o->warn(&e, g->o->warn_ud);
}

static int on_doc(const annot_doc *d, void *ud) {
    gaz *g = ud;
    if (!d->text) {
        if (d->n) warn(g, d->line, "document \"%s\" has no text: its entities are skipped", d->id);
        return 0;
    }
    for (size_t i = 0; i < d->n; i++) {
        const annot_ent *e = &d->ents[i];
        if (g->o->stats) g->o->stats->read++;
        if (e->end > d->text_len || e->start >= e->end ||
            (e->start < d->text_len && ((unsigned char)d->text[e->start] & 0xC0) == 0x80) ||
            (e->end < d->text_len && ((unsigned char)d->text[e->end] & 0xC0) == 0x80)) {
            warn(g, d->line, "entity outside the text or not on a character boundary in \"%s\"", d->id);
            if (g->o->stats) g->o->stats->skipped++;
            continue;
        }
        char *s = clean(d->text + e->start, e->end - e->start);
        size_t fl = 0;
        char *f = s[0] ? ng_fold(s, strlen(s), &fl) : NULL;
        if (!f || fl == 0) {
            free(s); free(f);
            if (g->o->stats) g->o->stats->skipped++;
            continue;
        }
        surf *u = lookup(g, f);
        free(f);
        u->total++;
        size_t k;
        for (k = 0; k < u->nt && strcmp(u->t[k].type, e->type); k++) {}
        if (k == u->nt) {
            u->t = xrealloc(u->t, (u->nt + 1) * sizeof *u->t);
            snprintf(u->t[k].type, sizeof u->t[k].type, "%s", e->type);
            u->t[k].n = 0;
            u->nt++;
        }
        u->t[k].n++;
        for (k = 0; k < u->nsp && strcmp(u->sp[k].s, s); k++) {}
        if (k == u->nsp) {
            u->sp = xrealloc(u->sp, (u->nsp + 1) * sizeof *u->sp);
            u->sp[k].s = s;
            u->sp[k].n = 0;
            u->nsp++;
        } else {
            free(s);
        }
        u->sp[k].n++;
    }
    return 0;
}

typedef struct outrec { char *id; surf *u; const char *type; } outrec;

static int cmp_out(const void *a, const void *b) {
    return strcmp(((const outrec *)a)->id, ((const outrec *)b)->id);
}

int import_annotations(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    int fmt = annot_format(o->input_format);
    if (fmt < 0)
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0,
                            "unknown --input-format '%s' (jsonl, brat, conll)", o->input_format);
    if (n == 0) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "no input files");
    gaz g = {0};
    g.o = o;
    g.err = err;
    int rc = NG_OK;
    for (size_t i = 0; i < n && rc == NG_OK; i++) {
        g.path = inputs[i];
        rc = annot_read(inputs[i], fmt, on_doc, &g, err);
        if (rc && err && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", inputs[i]);
        if (o->progress) o->progress("annotations", i + 1, n, o->stats ? o->stats->read : 0, o->progress_ud);
    }
    outrec *recs = xrealloc(NULL, (g.n ? g.n : 1) * sizeof *recs);
    size_t nr = 0;
    if (rc == NG_OK) {
        long minc = o->min_count > 0 ? o->min_count : 1;
        for (size_t i = 0; i < g.cap; i++) {
            surf *u = &g.tab[i];
            if (!u->fold) continue;
            if (u->total < minc) { if (o->stats) o->stats->skipped++; continue; }
            const tcount *bt = &u->t[0];
            for (size_t k = 1; k < u->nt; k++)
                if (u->t[k].n > bt->n || (u->t[k].n == bt->n && strcmp(u->t[k].type, bt->type) < 0))
                    bt = &u->t[k];
            const scount *bs = &u->sp[0];
            for (size_t k = 1; k < u->nsp; k++)
                if (u->sp[k].n > bs->n) bs = &u->sp[k];
            char *slug = imp_slug(bs->s);
            if (strlen(slug) > 48) slug[48] = 0;
            size_t sl = strlen(slug);
            while (sl > 0 && slug[sl - 1] == '-') slug[--sl] = 0;
            char tl[32];
            size_t j;
            for (j = 0; bt->type[j] && j < sizeof tl - 1; j++) tl[j] = (char)tolower((unsigned char)bt->type[j]);
            tl[j] = 0;
            uint64_t h = fnv(u->fold, strlen(u->fold), 1469598103934665603ULL);
            h = fnv("\t", 1, h);
            h = fnv(bt->type, strlen(bt->type), h);
            char id[128];
            snprintf(id, sizeof id, "ann-%s-%s%s%08x", tl, slug, sl ? "-" : "",
                     (unsigned)(h ^ (h >> 32)));
            free(slug);
            recs[nr].id = strdup(id);
            recs[nr].u = u;
            recs[nr].type = bt->type;
            nr++;
        }
        qsort(recs, nr, sizeof *recs, cmp_out);
        for (size_t i = 0; i < nr; i++) {
            surf *u = recs[i].u;
            size_t best = 0;
            for (size_t k = 1; k < u->nsp; k++)
                if (u->sp[k].n > u->sp[best].n) best = k;
            char **al = xrealloc(NULL, (u->nsp ? u->nsp : 1) * sizeof *al);
            size_t na = 0;
            for (size_t k = 0; k < u->nsp; k++)
                if (k != best) al[na++] = u->sp[k].s;
            char attrs[256];
            snprintf(attrs, sizeof attrs, "source=%s\tcount=%ld", o->source ? o->source : "annotations",
                     u->total);
            /* the name must not contain the alias separator */
            if (!strchr(u->sp[best].s, '|') && !strchr(u->sp[best].s, '\t'))
                imp_write_entity(o, out, recs[i].id, recs[i].type, u->sp[best].s, al, na, attrs);
            else if (o->stats) o->stats->skipped++;
            free(al);
        }
        if (ferror(out)) rc = ng_error_set(err, NG_E_IO, NULL, 0, 0, "write error");
    }
    for (size_t i = 0; i < nr; i++) free(recs[i].id);
    free(recs);
    for (size_t i = 0; i < g.cap; i++) {
        surf *u = &g.tab[i];
        if (!u->fold) continue;
        free(u->fold);
        free(u->t);
        for (size_t k = 0; k < u->nsp; k++) free(u->sp[k].s);
        free(u->sp);
    }
    free(g.tab);
    return rc;
}
