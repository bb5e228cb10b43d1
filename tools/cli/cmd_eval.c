/* newsgraph eval: entity-level exact-match precision, recall and F1, the same
 * numbers as ../shared/eval/score.py (micro over documents; entities are
 * compared as sets per document; per type, overall and span-only).
 *
 *   newsgraph eval GOLD PRED [--types PER,ORG,LOC] [--json]
 *   newsgraph eval --gold GOLD [--dict FILE ...] [--no-shipped] [--no-inflect ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "annot.h"
#include "opts.h"

#define MAXTYPES 128

typedef struct span { size_t s, e; unsigned f; int t; } span;  /* f: ANNOT_TITLE or ANNOT_TEXT */

typedef struct pdoc {       /* one document of the prediction file */
    char *id;
    span *v;
    size_t n;
    int used;
} pdoc;

typedef struct eval {
    /* types seen (index → name) */
    char types[MAXTYPES][32];
    int ntypes;
    /* --types filter */
    char keep[MAXTYPES][32];
    int nkeep;
    /* counts per type */
    unsigned long long tp[MAXTYPES], ng[MAXTYPES], np[MAXTYPES];
    unsigned long long span_tp, span_g, span_p, bad_pred;
    unsigned long long ngold_docs, missing;
    /* predictions by id (open addressing) */
    pdoc *pred;
    size_t npred, cap;
    /* --gold mode */
    ng_tagger *tagger;
    FILE *save;
    const char *gold_path;
    /* scratch */
    span *g, *p;
    size_t gcap, pcap;
    int dup_error;
    char first_missing[256];
    ng_error err;
} eval;

static int type_index(eval *ev, const char *t) {
    for (int i = 0; i < ev->ntypes; i++)
        if (!strcmp(ev->types[i], t)) return i;
    if (ev->ntypes == MAXTYPES) return -1;
    snprintf(ev->types[ev->ntypes], sizeof ev->types[0], "%s", t);
    return ev->ntypes++;
}

static int kept(const eval *ev, int t) {
    if (ev->nkeep == 0) return 1;
    for (int i = 0; i < ev->nkeep; i++)
        if (!strcmp(ev->keep[i], ev->types[t])) return 1;
    return 0;
}

static uint64_t hash_str(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static pdoc *pred_find(eval *ev, const char *id, int create) {
    if (create && (ev->npred + 1) * 2 > ev->cap) {
        size_t nc = ev->cap ? ev->cap * 2 : 1024;
        pdoc *nt = cli_xrealloc(NULL, nc * sizeof *nt);
        memset(nt, 0, nc * sizeof *nt);
        for (size_t i = 0; i < ev->cap; i++) {
            if (!ev->pred[i].id) continue;
            size_t k = hash_str(ev->pred[i].id) & (nc - 1);
            while (nt[k].id) k = (k + 1) & (nc - 1);
            nt[k] = ev->pred[i];
        }
        free(ev->pred);
        ev->pred = nt;
        ev->cap = nc;
    }
    if (!ev->cap) return NULL;
    size_t k = hash_str(id) & (ev->cap - 1);
    while (ev->pred[k].id) {
        if (!strcmp(ev->pred[k].id, id)) return &ev->pred[k];
        k = (k + 1) & (ev->cap - 1);
    }
    if (!create) return NULL;
    ev->pred[k].id = strdup(id);
    ev->npred++;
    return &ev->pred[k];
}

static int cmp_span(const void *x, const void *y) {
    const span *a = x, *b = y;
    if (a->f != b->f) return a->f < b->f ? -1 : 1;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    if (a->e != b->e) return a->e < b->e ? -1 : 1;
    return (a->t > b->t) - (a->t < b->t);
}
static int cmp_pos(const void *x, const void *y) {
    const span *a = x, *b = y;
    if (a->f != b->f) return a->f < b->f ? -1 : 1;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return (a->e > b->e) - (a->e < b->e);
}

/* Sorts and removes duplicates; with 'pos_only' compares (s, e) only. */
static size_t uniq(span *v, size_t n, int pos_only) {
    if (n == 0) return 0;
    qsort(v, n, sizeof *v, pos_only ? cmp_pos : cmp_span);
    size_t w = 1;
    for (size_t i = 1; i < n; i++)
        if ((pos_only ? cmp_pos : cmp_span)(&v[i], &v[w - 1]) != 0) v[w++] = v[i];
    return w;
}

static size_t intersect(const span *a, size_t na, const span *b, size_t nb, int pos_only,
                        unsigned long long *per_type) {
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        int c = (pos_only ? cmp_pos : cmp_span)(&a[i], &b[j]);
        if (c < 0) i++;
        else if (c > 0) j++;
        else {
            if (per_type) per_type[a[i].t]++;
            n++; i++; j++;
        }
    }
    return n;
}

/* Scores one gold document against its predictions (p may be NULL). */
static void score_doc(eval *ev, const span *gold, size_t ngold, const span *pred, size_t npred) {
    cli_xgrow((void **)&ev->g, &ev->gcap, ngold, sizeof *ev->g);
    cli_xgrow((void **)&ev->p, &ev->pcap, npred, sizeof *ev->p);
    size_t ng = 0, np = 0;
    for (size_t i = 0; i < ngold; i++)
        if (kept(ev, gold[i].t)) ev->g[ng++] = gold[i];
    for (size_t i = 0; i < npred; i++) {
        if (pred[i].s >= pred[i].e) { ev->bad_pred++; continue; }
        if (kept(ev, pred[i].t)) ev->p[np++] = pred[i];
    }
    ng = uniq(ev->g, ng, 0);
    np = uniq(ev->p, np, 0);
    for (size_t i = 0; i < ng; i++) ev->ng[ev->g[i].t]++;
    for (size_t i = 0; i < np; i++) ev->np[ev->p[i].t]++;
    intersect(ev->g, ng, ev->p, np, 0, ev->tp);
    ng = uniq(ev->g, ng, 1);
    np = uniq(ev->p, np, 1);
    ev->span_g += ng;
    ev->span_p += np;
    ev->span_tp += intersect(ev->g, ng, ev->p, np, 1, NULL);
}

static int to_spans(eval *ev, const annot_doc *d, span **out) {
    span *v = cli_xrealloc(NULL, (d->n ? d->n : 1) * sizeof *v);
    for (size_t i = 0; i < d->n; i++) {
        int t = type_index(ev, d->ents[i].type);
        if (t < 0) { free(v); return -1; }
        v[i].s = d->ents[i].start;
        v[i].e = d->ents[i].end;
        v[i].f = d->ents[i].field;
        v[i].t = t;
    }
    *out = v;
    return 0;
}

static int on_pred(const annot_doc *d, void *ud) {
    eval *ev = ud;
    pdoc *pd = pred_find(ev, d->id, 0);
    if (pd) {
        return ng_error_set(&ev->err, NG_E_PARSE, NULL, d->line, d->col, "duplicate id \"%s\"", d->id);
    }
    pd = pred_find(ev, d->id, 1);
    if (to_spans(ev, d, &pd->v)) return ng_error_set(&ev->err, NG_E_LIMIT, NULL, d->line, d->col, "too many entity types");
    pd->n = d->n;
    return 0;
}

/* Gold ids seen, to refuse duplicates as score.py does. */
typedef struct idset { char **v; size_t n, cap; } idset;
static int idset_add(idset *s, const char *id) {
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        char **nv = cli_xrealloc(NULL, nc * sizeof *nv);
        memset(nv, 0, nc * sizeof *nv);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i]) continue;
            size_t k = hash_str(s->v[i]) & (nc - 1);
            while (nv[k]) k = (k + 1) & (nc - 1);
            nv[k] = s->v[i];
        }
        free(s->v);
        s->v = nv;
        s->cap = nc;
    }
    size_t k = hash_str(id) & (s->cap - 1);
    while (s->v[k]) {
        if (!strcmp(s->v[k], id)) return 0;
        k = (k + 1) & (s->cap - 1);
    }
    s->v[k] = strdup(id);
    s->n++;
    return 1;
}
static void idset_free(idset *s) {
    for (size_t i = 0; i < s->cap; i++) free(s->v[i]);
    free(s->v);
}

typedef struct gold_ctx { eval *ev; idset ids; } gold_ctx;

static void save_pred(eval *ev, const annot_doc *d, const ng_match *m, size_t n) {
    json_t *o = json_object(), *a = json_array();
    json_object_set_new(o, "id", json_string(d->id));
    for (size_t i = 0; i < n; i++) {
        if (m[i].flags & NG_MATCH_OVERLAP) continue;
        json_t *e = json_object();
        json_object_set_new(e, "start", json_integer((json_int_t)m[i].start));
        json_object_set_new(e, "end", json_integer((json_int_t)m[i].end));
        json_object_set_new(e, "type", json_string(m[i].type ? m[i].type : ""));
        if (m[i].id) json_object_set_new(e, "entity", json_string(m[i].id));
        unsigned f = d->title ? m[i].field : ANNOT_TEXT;
        size_t fl;
        const char *ft = annot_field(d, f, &fl);
        json_object_set_new(e, "field", json_string(f == ANNOT_TITLE ? "title" : "text"));
        json_object_set_new(e, "text", json_stringn(ft + m[i].start, m[i].end - m[i].start));
        json_array_append_new(a, e);
    }
    json_object_set_new(o, "entities", a);
    char *s = json_dumps(o, JSON_COMPACT);
    if (s) { fputs(s, ev->save); fputc('\n', ev->save); free(s); }
    json_decref(o);
}

static int on_gold(const annot_doc *d, void *ud) {
    gold_ctx *gc = ud;
    eval *ev = gc->ev;
    if (!idset_add(&gc->ids, d->id))
        return ng_error_set(&ev->err, NG_E_PARSE, NULL, d->line, d->col, "duplicate id \"%s\"", d->id);
    span *g;
    if (to_spans(ev, d, &g)) return ng_error_set(&ev->err, NG_E_LIMIT, NULL, d->line, d->col, "too many entity types");
    ev->ngold_docs++;
    if (ev->tagger) {
        if (!d->text) {
            free(g);
            return ng_error_set(&ev->err, NG_E_PARSE, NULL, d->line, d->col, "document \"%s\" has no text to tag", d->id);
        }
        const ng_match *m;
        size_t n;
        /* the title too, when the document has one: fields 0 and 1 */
        const char *texts[2] = {d->title, d->text};
        size_t lens[2] = {d->title_len, d->text_len};
        int rc = d->title ? ng_tagger_tag_doc(ev->tagger, texts, lens, 2, &m, &n, NULL)
                          : ng_tagger_tag(ev->tagger, d->text, d->text_len, &m, &n);
        if (rc) { free(g); return ng_error_set(&ev->err, rc, NULL, d->line, d->col, "tagging \"%s\": %s", d->id, ng_strerror(rc)); }
        span *p = cli_xrealloc(NULL, (n ? n : 1) * sizeof *p);
        size_t np = 0;
        for (size_t i = 0; i < n; i++) {
            if (m[i].flags & NG_MATCH_OVERLAP) continue;
            int t = type_index(ev, m[i].type ? m[i].type : "");
            if (t < 0) continue;
            p[np].s = m[i].start;
            p[np].e = m[i].end;
            p[np].f = d->title ? m[i].field : ANNOT_TEXT;
            p[np].t = t;
            np++;
        }
        if (ev->save) save_pred(ev, d, m, n);
        score_doc(ev, g, d->n, p, np);
        free(p);
    } else {
        pdoc *pd = pred_find(ev, d->id, 0);
        if (pd) pd->used = 1;
        else {
            if (!ev->missing) snprintf(ev->first_missing, sizeof ev->first_missing, "%s", d->id);
            ev->missing++;
        }
        score_doc(ev, g, d->n, pd ? pd->v : NULL, pd ? pd->n : 0);
    }
    free(g);
    return 0;
}

typedef struct row { const char *name; unsigned long long g, p, tp; double P, R, F; } row;

static row mkrow(const char *name, unsigned long long tp, unsigned long long np, unsigned long long ng) {
    row r = {name, ng, np, tp, 0, 0, 0};
    r.P = np ? (double)tp / (double)np : 0.0;
    r.R = ng ? (double)tp / (double)ng : 0.0;
    r.F = r.P + r.R > 0 ? 2 * r.P * r.R / (r.P + r.R) : 0.0;
    return r;
}

/* A double as Python's repr() writes it (shortest round-trip form). */
static void pyfloat(FILE *f, double x) {
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x) break;
    }
    /* Python uses exponent notation only below 1e-4 or from 1e16 */
    char *e = strchr(buf, 'e');
    if (e) {
        /* repr: 1e-05 (two-digit exponent kept, no '+' for positive) */
        char mant[64], out[80];
        snprintf(mant, sizeof mant, "%.*s", (int)(e - buf), buf);
        int ex = atoi(e + 1);
        snprintf(out, sizeof out, "%se%s%02d", mant, ex < 0 ? "-" : "+", ex < 0 ? -ex : ex);
        fputs(out, f);
        return;
    }
    fputs(buf, f);
    if (!strchr(buf, '.')) fputs(".0", f);
}

static void json_row(FILE *f, const row *r) {
    fprintf(f, "{\"gold\": %llu, \"pred\": %llu, \"tp\": %llu, \"precision\": ", r->g, r->p, r->tp);
    pyfloat(f, r->P);
    fputs(", \"recall\": ", f);
    pyfloat(f, r->R);
    fputs(", \"f1\": ", f);
    pyfloat(f, r->F);
    fputc('}', f);
}

static void json_str(FILE *f, const char *s) {
    json_t *j = json_string(s);
    char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    fputs(d ? d : "null", f);
    free(d);
    json_decref(j);
}

static int cmp_name(const void *a, const void *b) {
    return strcmp(((const row *)a)->name, ((const row *)b)->name);
}

static void report(eval *ev, int as_json, const char *gold, const char *pred) {
    row rows[MAXTYPES];
    int nr = 0;
    unsigned long long T = 0, P = 0, G = 0;
    for (int t = 0; t < ev->ntypes; t++) {
        if (ev->ng[t] == 0 && ev->np[t] == 0) continue;
        rows[nr++] = mkrow(ev->types[t], ev->tp[t], ev->np[t], ev->ng[t]);
        T += ev->tp[t]; P += ev->np[t]; G += ev->ng[t];
    }
    qsort(rows, (size_t)nr, sizeof *rows, cmp_name);
    row overall = mkrow("overall", T, P, G);
    row span = mkrow("span-only", ev->span_tp, ev->span_p, ev->span_g);
    if (as_json) {
        FILE *f = stdout;
        fputs("{\"gold_file\": ", f);
        json_str(f, gold);
        fputs(", \"pred_file\": ", f);
        if (pred) json_str(f, pred); else fputs("null", f);
        fputs(", \"types\": ", f);
        if (ev->nkeep) {
            char *k[MAXTYPES];
            for (int i = 0; i < ev->nkeep; i++) k[i] = ev->keep[i];
            /* sorted, without duplicates */
            for (int i = 1; i < ev->nkeep; i++)
                for (int j = i; j > 0 && strcmp(k[j - 1], k[j]) > 0; j--) { char *x = k[j]; k[j] = k[j - 1]; k[j - 1] = x; }
            fputc('[', f);
            for (int i = 0, first = 1; i < ev->nkeep; i++) {
                if (i > 0 && !strcmp(k[i], k[i - 1])) continue;
                if (!first) fputs(", ", f);
                json_str(f, k[i]);
                first = 0;
            }
            fputc(']', f);
        } else {
            fputs("null", f);
        }
        fputs(", \"per_type\": {", f);
        for (int i = 0; i < nr; i++) {
            if (i) fputs(", ", f);
            json_str(f, rows[i].name);
            fputs(": ", f);
            json_row(f, &rows[i]);
        }
        fputs("}, \"overall\": ", f);
        json_row(f, &overall);
        fputs(", \"span_only\": ", f);
        json_row(f, &span);
        fputs("}\n", f);
        return;
    }
    char hdr[128];
    snprintf(hdr, sizeof hdr, "%-10s %7s %7s %7s %7s %7s %7s", "type", "gold", "pred", "tp", "P", "R", "F1");
    printf("%s\n", hdr);
    size_t hl = strlen(hdr);
    for (size_t i = 0; i < hl; i++) putchar('-');
    putchar('\n');
    const char *fmt = "%-10s %7llu %7llu %7llu %7.2f %7.2f %7.2f\n";
    for (int i = 0; i < nr; i++)
        printf(fmt, rows[i].name, rows[i].g, rows[i].p, rows[i].tp, 100 * rows[i].P, 100 * rows[i].R, 100 * rows[i].F);
    for (size_t i = 0; i < hl; i++) putchar('-');
    putchar('\n');
    printf(fmt, overall.name, overall.g, overall.p, overall.tp, 100 * overall.P, 100 * overall.R, 100 * overall.F);
    printf(fmt, span.name, span.g, span.p, span.tp, 100 * span.P, 100 * span.R, 100 * span.F);
}

static void usage(FILE *f) {
    fputs("usage: newsgraph eval GOLD PRED [--types PER,ORG,LOC] [--json] [--format FMT]\n"
          "       newsgraph eval --gold GOLD [--types ...] [--json] [--format FMT]\n"
          "                      [--dict FILE]... [--no-shipped] [--no-inflect] [--no-rules]\n"
          "                      [--no-partial] [--no-context] [--save-pred FILE]\n\n"
          "Scores predicted entities against annotated gold documents: precision,\n"
          "recall and F1 per type and overall (micro), on exact spans and type, and\n"
          "span-only; the same numbers as ../shared/eval/score.py. Entities are\n"
          "compared as sets per document; gold documents without predictions count as\n"
          "empty; predicted documents not in the gold file are ignored (with a warning).\n\n"
          "  GOLD            JSON Lines {id, text, entities:[{start,end,type}]} (byte\n"
          "                  offsets), brat (.ann/.txt or a directory) or CoNLL BIO\n"
          "  PRED            JSON Lines {id, entities:[{start,end,type}]}\n"
          "  --gold GOLD     tag the gold texts with the dictionaries and score them\n"
          "  --format FMT    format of GOLD: jsonl, brat, conll (default: by extension)\n"
          "  --types LIST    score only these types (comma-separated)\n"
          "  --json          print the metrics as JSON (score.py --json layout)\n"
          "  --save-pred F   with --gold: also write the predictions as JSON Lines\n"
          "  --dict FILE, --no-shipped, --names PATH, --no-inflect, --no-rules, --no-partial,\n"
          "  --no-context, --no-org-rules, --no-acronyms, --no-place-rules, --no-surnames\n"
          "                  dictionary and tagging options, as for 'newsgraph tag' (eval never\n"
          "                  uses the user dictionary: a measurement does not depend on it)\n", f);
}

int cmd_eval(int argc, char **argv) {
    eval *ev = cli_xrealloc(NULL, sizeof *ev);
    memset(ev, 0, sizeof *ev);
    cli_dicts dicts;
    memset(&dicts, 0, sizeof dicts);
    const char *pos[2] = {NULL, NULL}, *gold_opt = NULL, *types = NULL, *fmt = NULL, *save = NULL;
    int npos = 0, as_json = 0, rc = 0;
    unsigned flags = NG_TAG_DEFAULT;
    int tag_opts = 0;
    enum { O_JSON = 1, O_TYPES, O_GOLD, O_FORMAT, O_SAVE };
    static const cli_opt options[] = {
        CLI_DICT_OPTS, CLI_TAG_FLAG_OPTS, {"--json", NULL, 0, O_JSON},
        {"--types", NULL, 1, O_TYPES}, {"--gold", NULL, 1, O_GOLD}, {"--format", NULL, 1, O_FORMAT},
        {"--save-pred", NULL, 1, O_SAVE}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    int id;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: usage(stdout); free(ev); return 0;
        case CLI_BAD: rc = EXIT_USAGE; goto out;
        case CLI_UNKNOWN:
            cli_msg("eval: unknown or incomplete option '%s'", v);
            usage(stderr);
            rc = EXIT_USAGE;
            goto out;
        case CLI_ARG:
            if (npos == 2) { cli_msg("eval: too many arguments"); usage(stderr); rc = EXIT_USAGE; goto out; }
            pos[npos++] = v;
            break;
        case CLI_OPT_DICT: case CLI_OPT_NO_SHIPPED: case CLI_OPT_NO_USER: case CLI_OPT_NAMES:
            if (cli_dicts_option(&dicts, id, v) < 0) { rc = EXIT_USAGE; goto out; }
            tag_opts = 1;
            break;
        case O_JSON: as_json = 1; break;
        case CLI_OPT_NO_INFLECT: case CLI_OPT_NO_CONTEXT: case CLI_OPT_NO_RULES: case CLI_OPT_NO_PARTIAL:
        case CLI_OPT_NO_ORG_RULES: case CLI_OPT_NO_ACRONYMS: case CLI_OPT_NO_PLACE_RULES: case CLI_OPT_NO_SURNAMES:
            flags |= cli_tag_flag(id);
            tag_opts = 1;
            break;
        case O_TYPES: types = v; break;
        case O_GOLD: gold_opt = v; break;
        case O_FORMAT: fmt = v; break;
        case O_SAVE: save = v; tag_opts = 1; break;
        }
    }
    if (gold_opt ? npos != 0 : npos != 2) {
        cli_msg(gold_opt ? "eval: --gold takes no PRED file" : "eval: expected GOLD and PRED files (or --gold GOLD)");
        usage(stderr);
        rc = EXIT_USAGE;
        goto out;
    }
    if (!gold_opt && tag_opts) {
        cli_msg("eval: dictionary and tagging options need --gold");
        rc = EXIT_USAGE;
        goto out;
    }
    int gfmt = annot_format(fmt);
    if (gfmt < 0) { cli_msg("eval: unknown format '%s' (jsonl, brat, conll)", fmt); rc = EXIT_USAGE; goto out; }
    if (types) {
        char buf[4096];
        snprintf(buf, sizeof buf, "%s", types);
        for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
            if (ev->nkeep == MAXTYPES) break;
            snprintf(ev->keep[ev->nkeep++], sizeof ev->keep[0], "%s", t);
        }
    }
    const char *gold = gold_opt ? gold_opt : pos[0];
    if (gold_opt) {
        if ((rc = cli_dicts_load(&dicts))) goto out;
        ev->tagger = cli_tagger_new(&dicts, flags);
        if (!ev->tagger) { cli_msg("out of memory"); rc = EXIT_DATA; goto out; }
        if (save) {
            ev->save = !strcmp(save, "-") ? stdout : fopen(save, "w");
            if (!ev->save) { cli_msg("eval: cannot write %s", save); rc = EXIT_USAGE; goto out; }
        }
    } else {
        int r = annot_read(pos[1], ANNOT_JSONL, on_pred, ev, &ev->err);
        if (r) {
            if (!ev->err.file[0]) snprintf(ev->err.file, sizeof ev->err.file, "%s", pos[1]);
            cli_err(&ev->err);
            rc = cli_exit_code(r);
            goto out;
        }
    }
    gold_ctx gc = {ev, {0}};
    int r = annot_read(gold, gfmt, on_gold, &gc, &ev->err);
    idset_free(&gc.ids);
    if (r) {
        if (!ev->err.file[0]) snprintf(ev->err.file, sizeof ev->err.file, "%s", gold);
        cli_err(&ev->err);
        rc = cli_exit_code(r);
        goto out;
    }
    if (!gold_opt) {
        unsigned long long extra = 0;
        const char *ex = NULL;
        for (size_t i = 0; i < ev->cap; i++)
            if (ev->pred[i].id && !ev->pred[i].used) {
                if (!ex || strcmp(ev->pred[i].id, ex) < 0) ex = ev->pred[i].id;
                extra++;
            }
        if (extra) cli_msg("warning: %llu predicted ids not in gold (ignored), e.g. \"%s\"", extra, ex);
        if (ev->missing)
            cli_msg("warning: %llu gold ids have no prediction line (scored as empty), e.g. \"%s\"",
                    ev->missing, ev->first_missing);
    }
    if (ev->bad_pred) cli_msg("warning: %llu predicted entities with start >= end ignored", ev->bad_pred);
    report(ev, as_json, gold, gold_opt ? NULL : pos[1]);
out:
    if (ev->save && ev->save != stdout) fclose(ev->save);
    ng_tagger_free(ev->tagger);
    cli_dicts_free(&dicts);
    for (size_t i = 0; i < ev->cap; i++) { free(ev->pred[i].id); free(ev->pred[i].v); }
    free(ev->pred);
    free(ev->g);
    free(ev->p);
    free(ev);
    return rc;
}
