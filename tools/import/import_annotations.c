/* `newsgraph dict import --from annotations`: a gazetteer from annotated
 * documents (JSON Lines with byte offsets, brat standoff, CoNLL BIO; see
 * annot.h). The method is documented in dictionaries/import/README.md
 * ("annotations").
 *
 * Pass 1 reads the documents and collects every distinct surface (compared
 * folded, the way the matcher compares): its types and spellings. Each
 * surface becomes at most one entity: its type is the type it was annotated
 * with most often (ties: the alphabetically first type), its name the
 * spelling seen most often (ties: the first seen), other spellings become
 * aliases. The id is "ann-<type>-<slug>-<hash>": the Latin slug of the name
 * (may be empty for Cyrillic) and 8 hex digits of a hash of the folded
 * surface and type, so the same surface and type always get the same id.
 *
 * Static filters: --min-count N (annotated at least N times), at least one
 * letter, at least two characters.
 *
 * Pass 2 measures each surface on the training texts themselves: all kept
 * surfaces are compiled into an in-memory dictionary (one entity per
 * surface, the output's case rules, inflection on) and every document is
 * tagged with it, leftmost-longest as `newsgraph tag` does. For a surface,
 * 'matched' counts its matches (any case, inflected forms too) and 'ann'
 * those whose span is annotated with the surface's type; per spelling, the
 * same two counts for matches exactly as written. With P = --min-precision
 * (default IMPORT_ANNOT_MIN_PRECISION):
 *  - a surface whose spellings are all capitalised and have no Cyrillic
 *    letter (it never inflects) is written case=sensitive, its spellings
 *    joined by their UPPER CASE forms (headlines); a spelling is written if
 *    its exact-case counts pass ann >= P * matched (an upper-case form also
 *    needs its own spelling to pass);
 *  - any other surface that has an upper-case letter and is not a common
 *    word (o->common_words) is written matching any case if
 *    ann >= P * matched;
 *  - otherwise (all lower case, a common word, or imprecise in any case) it
 *    is written case=sensitive with the spellings whose exact-case counts
 *    pass, or dropped if none does.
 * P = 0 skips pass 2 (nothing is dropped for precision).
 * Standard input is spooled to a temporary file to be read twice.
 * Attributes: source= (default "annotations"), count= (annotated
 * occurrences), matched= (matches in the training texts; not with P = 0),
 * case=sensitive. Output is sorted by id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <unistd.h>
#include <utf8proc.h>
#include "import.h"
#include "annot.h"
#include "dictfile.h"
#include "import_internal.h"
#include "inflect.h"
#include "norm.h"

typedef struct tcount { char type[32]; long n; } tcount;
/* One spelling of a surface: annotated n times; in the training texts
 * matched exactly as written (case and all) m_cs times, a_cs of them
 * annotated with the surface's type. */
typedef struct scount {
    char *s;
    long n;
    long m_cs, a_cs;
    int bad;                /* not written */
    int base;               /* generated upper-case form of spelling base - 1; 0: annotated */
} scount;

typedef struct surf {
    char *fold;
    tcount *t; size_t nt;
    scount *sp; size_t nsp;
    long total;             /* annotated occurrences, any type */
    const char *type;       /* the type written (most frequent) */
    long matched, ann;      /* matches in the training texts (any case, inflected
                             * forms too); those annotated with 'type' */
    int keep;               /* passed the static filters, is in the counting dictionary */
    int cs;                 /* written case-sensitive */
    int capcase;            /* capitalised, not inflected: case-sensitive + UPPER CASE forms */
    int capd;               /* every spelling capitalised (Cyrillic too) */
} surf;

typedef struct gaz {
    surf *tab;
    size_t n, cap;
    const import_opts *o;
    const char *path;
    ng_error *err;
} gaz;

static uint64_t fnv(const char *s, size_t n, uint64_t h) {
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static surf *lookup(gaz *g, const char *fold) {
    if ((g->n + 1) * 2 > g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 4096;
        surf *nt = imp_realloc(NULL, nc * sizeof *nt);
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
    g->tab[k].fold = imp_strdup(fold);
    g->n++;
    return &g->tab[k];
}

/* Surface as written with white space runs collapsed to one space. */
static char *clean(const char *s, size_t n) {
    char *o = imp_realloc(NULL, n + 1);
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

/* A warning at the record of document 'd' (JSON Lines: its line and
 * column; other formats: the file). */
static void warn(gaz *g, const annot_doc *d, const char *fmt, const char *a) {
    if (!g->o->warn) return;
    ng_error e;
    ng_error_set(&e, NG_E_PARSE, g->path, d->line, d->line ? d->col : 0, fmt, a);
    g->o->warn(&e, g->o->warn_ud);
}

/* Is the character that ends just before byte 'at' (before 0 when 'before'
 * is 1) or starts at it a letter? */
static int letter_near(const char *s, size_t len, size_t at, int before) {
    size_t p = at;
    if (before) {
        if (p == 0) return 0;
        do p--; while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80);
    } else if (p >= len) return 0;
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(len - p), &c) <= 0) return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int on_doc(const annot_doc *d, void *ud) {
    gaz *g = ud;
    if (!d->text) {
        if (d->n) warn(g, d, "document \"%s\" has no text: its entities are skipped", d->id);
        return 0;
    }
    /* offsets in characters (spaCy's, Doccano's) read as bytes: spans that
     * start or end between two letters, most of a document's (a few are
     * annotators' choices: the acronym of ЦНАПу), each a junk entry */
    size_t cuts = 0;
    for (size_t i = 0; i < d->n; i++) {
        const annot_ent *e = &d->ents[i];
        size_t fl;
        const char *ft = annot_field(d, e->field, &fl);
        if (!ft || e->end > fl || e->start >= e->end) continue;
        cuts += (letter_near(ft, fl, e->start, 1) && letter_near(ft, fl, e->start, 0)) ||
                (letter_near(ft, fl, e->end, 1) && letter_near(ft, fl, e->end, 0));
    }
    int bad_offsets = cuts * 2 > d->n && (cuts >= 2 || d->n == 1);
    if (bad_offsets)
        warn(g, d, "most entities of \"%s\" start or end inside a word: skipped (offsets are bytes of the "
             "UTF-8 text; character offsets read as bytes do this)", d->id);
    for (size_t i = 0; i < d->n; i++) {
        const annot_ent *e = &d->ents[i];
        if (g->o->stats) g->o->stats->read++;
        size_t fl;
        const char *ft = annot_field(d, e->field, &fl);   /* a title span counts in the title */
        if (!ft || e->end > fl || e->start >= e->end ||
            (e->start < fl && ((unsigned char)ft[e->start] & 0xC0) == 0x80) ||
            (e->end < fl && ((unsigned char)ft[e->end] & 0xC0) == 0x80)) {
            warn(g, d, e->field == ANNOT_TITLE ? "entity outside the title or not on a character boundary in \"%s\""
                                                     : "entity outside the text or not on a character boundary in \"%s\"", d->id);
            if (g->o->stats) g->o->stats->skipped++;
            continue;
        }
        if (bad_offsets) {
            if (g->o->stats) g->o->stats->skipped++;
            continue;
        }
        char *s = clean(ft + e->start, e->end - e->start);
        size_t nfl = 0;
        char *f = s[0] ? ng_fold(s, strlen(s), &nfl) : NULL;
        if (!f || nfl == 0) {
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
            u->t = imp_realloc(u->t, (u->nt + 1) * sizeof *u->t);
            snprintf(u->t[k].type, sizeof u->t[k].type, "%s", e->type);
            u->t[k].n = 0;
            u->nt++;
        }
        u->t[k].n++;
        for (k = 0; k < u->nsp && strcmp(u->sp[k].s, s); k++) {}
        if (k == u->nsp) {
            u->sp = imp_realloc(u->sp, (u->nsp + 1) * sizeof *u->sp);
            memset(&u->sp[k], 0, sizeof u->sp[k]);
            u->sp[k].s = s;
            u->nsp++;
        } else {
            free(s);
        }
        u->sp[k].n++;
    }
    return 0;
}

/* ## Static filters */

/* Letters (any script) and other characters of a spelling, white space not
 * counted; 'upper': an upper- or title-case letter was seen. */
static void char_stats(const char *s, size_t *letters, size_t *chars, int *upper) {
    *letters = *chars = 0;
    *upper = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) { i++; (*chars)++; continue; }
        i += (size_t)k;
        if (c == ' ') continue;
        (*chars)++;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) (*letters)++;
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) *upper = 1;
    }
}

/* The spelling in upper case (malloc'd). */
static char *upper_of(const char *s) {
    size_t len = strlen(s), w = 0;
    char *o = imp_realloc(NULL, len * 4 + 4);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) { o[w++] = s[i++]; continue; }
        i += (size_t)k;
        w += (size_t)utf8proc_encode_char(utf8proc_toupper(c), (utf8proc_uint8_t *)o + w);
    }
    o[w] = 0;
    return o;
}

/* First letter upper or title case; 'cyr': a Cyrillic letter was seen. */
static int capitalised(const char *s, int *cyr) {
    size_t len = strlen(s), i = 0;
    int first = -1, up;
    int32_t c;
    while (df_next_letter(s, len, &i, &c, &up)) {
        if (c >= 0x400 && c <= 0x52f) *cyr = 1;
        if (first < 0) first = up;
    }
    return first == 1;
}

/* ## Pass 2: how precise is each surface in the training texts? */

typedef struct pass2 {
    surf **idx;             /* counting-dictionary entity id i -> surface */
    size_t nidx;
    ng_tagger *t;
    size_t *ord;            /* the document's entities sorted by span */
    size_t ord_cap;
    const annot_doc *d;
} pass2;

static const annot_doc *cmp_doc;
static int cmp_span(const void *a, const void *b) {
    const annot_ent *x = &cmp_doc->ents[*(const size_t *)a], *y = &cmp_doc->ents[*(const size_t *)b];
    if (x->field != y->field) return x->field < y->field ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return 0;
}

/* Is [start, end) of field f annotated with 'type' in the current document? */
static int annotated(const pass2 *p, unsigned f, size_t start, size_t end, const char *type) {
    const annot_doc *d = p->d;
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const annot_ent *e = &d->ents[p->ord[mid]];
        if (e->field < f || (e->field == f && (e->start < start || (e->start == start && e->end < end)))) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < d->n; lo++) {
        const annot_ent *e = &d->ents[p->ord[lo]];
        if (e->field != f || e->start != start || e->end != end) break;
        if (!strcmp(e->type, type)) return 1;
    }
    return 0;
}

/* Does text[0, n) equal 's' when white space is ignored? */
static int same_text(const char *text, size_t n, const char *s) {
    size_t i = 0;
    for (;;) {
        while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) i++;
        while (*s == ' ') s++;
        if (i == n || !*s) return i == n && !*s;
        if (text[i] != *s) return 0;
        i++;
        s++;
    }
}

static int on_doc2(const annot_doc *d, void *ud) {
    pass2 *p = ud;
    if (!d->text) return 0;
    if (d->n > p->ord_cap) {
        p->ord_cap = d->n * 2;
        p->ord = imp_realloc(p->ord, p->ord_cap * sizeof *p->ord);
    }
    for (size_t i = 0; i < d->n; i++) p->ord[i] = i;
    cmp_doc = d;
    if (d->n) qsort(p->ord, d->n, sizeof *p->ord, cmp_span);
    p->d = d;
    const ng_match *m;
    size_t nm;
    /* the title too, when the document has one (fields 0 and 1) */
    const char *texts[2] = {d->title, d->text};
    size_t lens[2] = {d->title_len, d->text_len};
    int rc = d->title ? ng_tagger_tag_doc(p->t, texts, lens, 2, &m, &nm, NULL)
                      : ng_tagger_tag(p->t, d->text, d->text_len, &m, &nm);
    if (rc) return rc;
    for (size_t i = 0; i < nm; i++) {
        unsigned f = d->title ? m[i].field : ANNOT_TEXT;
        size_t fl;
        const char *ft = annot_field(d, f, &fl);
        for (size_t c = 0; c < m[i].ncands; c++) {
            size_t k = strtoul(m[i].cands[c].id, NULL, 10);
            if (k >= p->nidx) continue;
            surf *u = p->idx[k];
            int ann = annotated(p, f, m[i].start, m[i].end, u->type);
            u->matched++;
            u->ann += ann;
            for (size_t s = 0; s < u->nsp; s++)
                if (same_text(ft + m[i].start, m[i].end - m[i].start, u->sp[s].s)) {
                    u->sp[s].m_cs++;
                    u->sp[s].a_cs += ann;
                    break;
                }
        }
    }
    return 0;
}

/* Writes the counting dictionary (one entity per surface: id = index, every
 * usable spelling, the case rules of the output) and tags every training
 * document with it. */
/* Does s (UTF-8) have a lower-case letter? */
static int has_lower(const char *s) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t c;
    for (utf8proc_ssize_t r; *p && (r = utf8proc_iterate(p, -1, &c)) > 0; p += r)
        if (utf8proc_category(c) == UTF8PROC_CATEGORY_LL) return 1;
    return 0;
}

static int count_matches(gaz *g, char **inputs, char **paths, size_t n, int fmt, ng_error *err) {
    pass2 p = {0};
    p.idx = imp_realloc(NULL, (g->n ? g->n : 1) * sizeof *p.idx);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (size_t i = 0; i < g->cap; i++) {
        surf *u = &g->tab[i];
        if (!u->fold || !u->keep) continue;
        char head[64];
        int hl = snprintf(head, sizeof head, "%zu\t%s", p.nidx, u->type);
        size_t need = (size_t)hl + 8;
        for (size_t k = 0; k < u->nsp; k++) need += strlen(u->sp[k].s) + 2;   /* (and a "~") */
        if (len + need > cap) {
            while (len + need > cap) cap = cap ? cap * 2 : 65536;
            buf = imp_realloc(buf, cap);
        }
        memcpy(buf + len, head, (size_t)hl);
        len += (size_t)hl;
        /* id TAB type TAB spelling [TAB spelling|spelling...] */
        size_t w = 0;
        for (size_t k = 0; k < u->nsp; k++) {
            if (u->sp[k].bad) continue;
            buf[len++] = w < 2 ? '\t' : '|';
            /* (measured in any case: a one-word Cyrillic name written
             * capitalised matches only capitalised words in a dictionary,
             * and its common word in lower case would go uncounted; "~" is
             * what the other spellings with a lower-case letter get anyway) */
            if (has_lower(u->sp[k].s)) buf[len++] = '~';
            size_t l = strlen(u->sp[k].s);
            memcpy(buf + len, u->sp[k].s, l);
            len += l;
            w++;
        }
        buf[len++] = '\n';
        p.idx[p.nidx++] = u;
    }
    ng_dict_builder *b = ng_dict_builder_new();
    ng_dict *d = NULL;
    int rc = b ? ng_dict_builder_add_tsv(b, "annotations", buf ? buf : "", len, err) : NG_E_NOMEM;
    if (rc == NG_OK) rc = ng_dict_builder_finish(b, &d, err);
    ng_dict_builder_free(b);
    free(buf);
    if (rc == NG_OK) {
        p.t = ng_tagger_new(&d, 1, NG_TAG_NO_RULES | NG_TAG_NO_PARTIAL | NG_TAG_NO_CONTEXT);
        if (!p.t) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n && rc == NG_OK; i++) {
        rc = annot_read(paths[i], fmt, on_doc2, &p, err);
        if (rc && err && (!err->file[0] || paths[i] != inputs[i]))
            snprintf(err->file, sizeof err->file, "%s", inputs[i]);
    }
    ng_tagger_free(p.t);
    ng_dict_free(d);
    free(p.idx);
    free(p.ord);
    return rc;
}

/* Standard input is read twice: spooled to a temporary file first. */
static char *spool_stdin(ng_error *err) {
    const char *dir = getenv("TMPDIR");
    char *path = imp_asprintf("%s/newsgraph-annot-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        ng_error_set(err, NG_E_IO, path, 0, 0, "cannot create a temporary file: %s", strerror(errno));
        free(path);
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    char b[65536];
    size_t k;
    int bad = !f;
    while (!bad && (k = fread(b, 1, sizeof b, stdin)) > 0)
        if (fwrite(b, 1, k, f) != k) bad = 1;
    if (ferror(stdin)) bad = 1;
    if (f ? fclose(f) : close(fd)) bad = 1;
    if (bad) {
        ng_error_set(err, NG_E_IO, "<stdin>", 0, 0, "cannot spool standard input to %s", path);
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

typedef struct outrec { char *id; surf *u; } outrec;

static int cmp_out(const void *a, const void *b) {
    const outrec *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->u->fold, y->u->fold);
}

/* The type of surface u (its most frequent), and the static filters: a
 * usable spelling, at least 'minc' occurrences, a letter; a capitalised
 * Latin surface also gets its upper-case spellings. */
static void classify_surface(surf *u, long minc, const import_opts *o) {
    const tcount *bt = &u->t[0];
    for (size_t k = 1; k < u->nt; k++)
        if (u->t[k].n > bt->n || (u->t[k].n == bt->n && strcmp(u->t[k].type, bt->type) < 0))
            bt = &u->t[k];
    u->type = bt->type;
    size_t good = 0;
    for (size_t k = 0; k < u->nsp; k++) {
        const char *s = u->sp[k].s;
        u->sp[k].bad = !ng_dict_alias_plain(s, strlen(s));
        good += !u->sp[k].bad;
    }
    size_t letters, chars;
    int upper;
    char_stats(u->fold, &letters, &chars, &upper);
    u->keep = good > 0 && u->total >= minc && letters > 0 && chars > 1;
    if (u->keep) {
        int cap = 1, cyr = 0;
        for (size_t k = 0; k < u->nsp; k++)
            if (!u->sp[k].bad && !capitalised(u->sp[k].s, &cyr)) cap = 0;
        u->capd = cap;
        if (cap && !cyr) {
            u->capcase = 1;
            size_t n0 = u->nsp;
            for (size_t k = 0; k < n0; k++) {
                if (u->sp[k].bad) continue;
                char *up = upper_of(u->sp[k].s);
                size_t j;
                for (j = 0; j < u->nsp && strcmp(u->sp[j].s, up); j++) {}
                if (j < u->nsp) { free(up); continue; }
                u->sp = imp_realloc(u->sp, (u->nsp + 1) * sizeof *u->sp);
                memset(&u->sp[u->nsp], 0, sizeof *u->sp);
                u->sp[u->nsp].base = (int)k + 1;
                u->sp[u->nsp++].s = up;
            }
        }
    }
    if (!u->keep && o->stats) o->stats->skipped++;
}

/* Sets u->cs: any case, as the matcher's default; or case-sensitive, the
 * spellings precise enough as written. Returns 0 when no spelling is
 * precise enough (the surface is left out). */
static int choose_case(surf *u, const imp_words *words, double minp) {
    int upper = 0;
    for (size_t k = 0; k < u->nsp && !upper; k++) {
        size_t l, c;
        int up;
        char_stats(u->sp[k].s, &l, &c, &up);
        upper |= up;
    }
    int common = !upper || imp_words_has(words, u->fold);
    if (!common && !u->capcase && (double)u->ann >= minp * (double)u->matched) {
        u->cs = u->capd ? 2 : 0;   /* capitalised names: case=capitalised, case forms kept */
        return 1;
    }
    size_t kept = 0;
    for (size_t k = 0; k < u->nsp; k++) {
        scount *sp = &u->sp[k];
        if (!sp->bad && ((double)sp->a_cs < minp * (double)sp->m_cs || (sp->base && u->sp[sp->base - 1].bad)))
            sp->bad = 1;
        kept += !sp->bad;
    }
    if (!kept) return 0;
    u->cs = 1;
    return 1;
}

/* "ann-TYPE-SLUG-HASH": the slug of the most frequent spelling, a hash of
 * the folded surface and its type (malloc'd). */
static char *surface_id(const surf *u) {
    const scount *bs = NULL;
    for (size_t k = 0; k < u->nsp; k++)
        if (!u->sp[k].bad && (!bs || u->sp[k].n > bs->n)) bs = &u->sp[k];
    char *slug = imp_slug(bs->s);
    if (strlen(slug) > 48) slug[48] = 0;
    size_t sl = strlen(slug);
    while (sl > 0 && slug[sl - 1] == '-') slug[--sl] = 0;
    char tl[32];
    size_t j;
    for (j = 0; u->type[j] && j < sizeof tl - 1; j++) tl[j] = (char)tolower((unsigned char)u->type[j]);
    tl[j] = 0;
    uint64_t h = fnv(u->fold, strlen(u->fold), 1469598103934665603ULL);
    h = fnv("\t", 1, h);
    h = fnv(u->type, strlen(u->type), h);
    char id[128];
    snprintf(id, sizeof id, "ann-%s-%s%s%08x", tl, slug, sl ? "-" : "", (unsigned)(h ^ (h >> 32)));
    free(slug);
    return imp_strdup(id);
}

/* ## Nominatives (uk, ru)
 *
 * A one-word surface annotated only in a case form (Нафтогазі, Петренкові,
 * Києву) would be compiled as if it were a nominative: its other forms, the
 * nominative first, would never match. Candidate nominatives are made by
 * replacing the word's last 1 to 3 letters with a nominative ending, longer
 * endings first, and the compiler's own inflection is the oracle: a
 * candidate counts if one of its case forms is the word. The first two are
 * written as aliases (Петренкові: Петренк, Петренко — whose case forms are
 * the same words), which the compiler inflects. Words ending as a
 * nominative may (-а, -я, -ой, -ий) are left alone: Петренка stays as it
 * is. Several words are left alone too: lower-case words decline only in
 * agreement inside a name, so a word-by-word oracle misleads (measured: the
 * phrases added +0.06 F1 and wrong aliases). */

static const char *const oblique_end[] = {
    "ові", "еві", "єві", "ого", "его", "ому", "ему", "ою", "ею", "єю", "ом", "ем", "єм", "ої", "ій",
    "им", "ым", "ім", "ую", "і", "ї", "у", "ю", "е", "и", "ы", NULL
};
static const char *const nom_end[] = {"", "а", "я", "о", "ь", "й", "ий", "ій", "ый", "ая", "ое", "е", NULL};

typedef struct nom_probe { const char *w; size_t wl; int hit; } nom_probe;

/* (the inflector emits words as written: compared folded) */
static int nom_emit(const char *const *words, const size_t *lens, size_t n, void *ud) {
    nom_probe *p = ud;
    size_t fl = 0;
    char *f = n == 1 ? ng_fold_version(words[0], lens[0], NG_FOLD, &fl) : NULL;
    p->hit = f && fl == p->wl && !memcmp(f, p->w, fl);
    free(f);
    return p->hit;   /* found: stop */
}

static int ends_in(const char *f, size_t l, const char *e) {
    size_t el = strlen(e);
    return l >= el && !memcmp(f + l - el, e, el);
}

/* Bytes of the last k characters of f[0..l) (0 if fewer than 2 are left). */
static size_t tail_bytes(const char *f, size_t l, size_t k) {
    size_t b = l, n = 0;
    while (b > 0 && n < k) {
        b--;
        if (((unsigned char)f[b] & 0xC0) != 0x80) n++;
    }
    size_t rest = 0;
    for (size_t q = 0; q < b; q++) rest += ((unsigned char)f[q] & 0xC0) != 0x80;
    return n == k && rest >= 2 ? l - b : 0;
}

/* Rewrites in place a candidate ending in vowel + consonant, the vowel о
 * or е (→ і) or є (→ ї), in both spellings; 0 if it does not end so. */
static int vowel_alternation(char *f, size_t fl, char *o, size_t ol, int lang) {
    if (lang == NG_LANG_RU || fl < 6 || ol < 6) return 0;
    const unsigned char *v = (const unsigned char *)f + fl - 4, *c = v + 2;
    int cons = c[0] == 0xD0 ? (c[1] >= 0xB1 && c[1] <= 0xBF && c[1] != 0xB5 && c[1] != 0xB8 && c[1] != 0xBE)
               : c[0] == 0xD1 ? (c[1] >= 0x80 && c[1] <= 0x89)
                              : 0;
    if (!cons) return 0;
    const char *to = v[0] == 0xD0 && (v[1] == 0xBE || v[1] == 0xB5) ? "і" : v[0] == 0xD1 && v[1] == 0x94 ? "ї" : NULL;
    if (!to || memcmp(o + ol - 4, f + fl - 4, 2)) return 0;   /* (the vowel written in lower case) */
    memcpy(f + fl - 4, to, 2);
    memcpy(o + ol - 4, to, 2);
    return 1;
}

#define NOM_MAX 2
/* Candidate nominatives of the one-word Cyrillic surface 's' (each
 * malloc'd, as written but for the ending) into out[0..NOM_MAX); their count. */
static size_t nominatives_of(const char *s, const char *type, char **out) {
    ng_tokbuf tb = {0};
    size_t nout = 0;
    if (ng_tokenize(&tb, s, strlen(s)) || tb.n != 1) goto done;
    const ng_token *t = &tb.tok[0];
    if (t->start != 0 || t->end != strlen(s) || (t->flags & (TK_LATIN | TK_DIGIT | TK_ALLUPPER | TK_LONG)) ||
        !(t->flags & TK_CYR))
        goto done;
    const char *w = tb.fold + t->fold;
    size_t wl = t->fold_len, ol = t->end - t->start;
    int oblique = 0;
    for (const char *const *e = oblique_end; *e && !oblique; e++) oblique = ends_in(w, wl, *e);
    /* -им / -ым / -ім is a case ending only after -ськ- / -цьк- / -зьк- /
     * -ск- / -цк- (Зеленським, Донецким) or a surname's -ин / -ов / -ев
     * (Путиным, Ивановым): Крим, Рим, Максим are nominatives, and "Крий"
     * made of Крим would tag крім (except) */
    if (oblique && (ends_in(w, wl, "им") || ends_in(w, wl, "ым") || ends_in(w, wl, "ім"))) {
        static const char *const adj[] = {"ськ", "цьк", "зьк", "ск", "цк", "зк", "н", "в", NULL};
        int a = 0;
        for (const char *const *e = adj; *e && !a; e++) a = wl >= 4 && ends_in(w, wl - 4, *e);
        oblique = a;
    }
    if (!oblique) goto done;
    /* the language by its letters, so that one language's endings are not
     * tried on the other's words */
    int lang = strstr(s, "і") || strstr(s, "ї") || strstr(s, "є") || strstr(s, "ґ") || strstr(s, "І") ||
                       strstr(s, "Ї") || strstr(s, "Є")
                   ? NG_LANG_UK
               : strstr(s, "ы") || strstr(s, "э") || strstr(s, "ъ") || strstr(s, "ё") ? NG_LANG_RU
                                                                                       : NG_LANG_UNKNOWN;
    char fb[96], ob[96];
    for (size_t k = 3; k >= 1 && nout < NOM_MAX; k--) {
        size_t ft = tail_bytes(w, wl, k), ot = tail_bytes(s, ol, k);
        if (!ft || !ot) continue;
        for (const char *const *e = nom_end; *e && nout < NOM_MAX; e++) {
            size_t el = strlen(*e), fn = wl - ft + el, on = ol - ot + el;
            if (fn >= sizeof fb || on >= sizeof ob || (el == ft && !memcmp(w + wl - ft, *e, el)))
                continue;   /* too long, or the word itself */
            /* (ы is not written after к г х ж ш ч щ) */
            if (!strcmp(*e, "ый") && wl - ft >= 2 && strstr("кгхжшчщ", (char[3]){w[wl - ft - 2], w[wl - ft - 1], 0}))
                continue;
            memcpy(fb, w, wl - ft);
            memcpy(fb + wl - ft, *e, el);
            memcpy(ob, s, ol - ot);
            memcpy(ob + ol - ot, *e, el);
            /* Ukrainian о, е, є before the last consonant are і, ї in the
             * nominative (Львові: Львів, Києві: Київ): tried first */
            for (int alt = 1; alt >= 0 && nout < NOM_MAX; alt--) {
                if (alt && !vowel_alternation(fb, fn, ob, on, lang)) continue;
                ng_inflect_word iw = {fb, fn, ob, on, 1};
                nom_probe p = {w, wl, 0};
                ng_inflect_alias(&iw, 1, type, lang, nom_emit, &p);
                if (p.hit) out[nout++] = imp_strndup(ob, on);
                if (alt) {   /* back to the plain candidate */
                    memcpy(fb, w, wl - ft);
                    memcpy(ob, s, ol - ot);
                }
            }
        }
    }
done:
    ng_tokbuf_free(&tb);
    return nout;
}

/* One entity line: the most frequent good spelling is the name. */
static void write_surface(const import_opts *o, FILE *out, const char *id, const surf *u, double minp) {
    size_t best = u->nsp;
    for (size_t k = 0; k < u->nsp; k++)
        if (!u->sp[k].bad && (best == u->nsp || u->sp[k].n > u->sp[best].n)) best = k;
    char **al = imp_realloc(NULL, (u->nsp ? u->nsp : 1) * sizeof *al);
    size_t na = 0;
    for (size_t k = 0; k < u->nsp; k++)
        if (k != best && !u->sp[k].bad) al[na++] = u->sp[k].s;
    /* a case form's nominatives, unless a spelling already is one */
    char *nom[NOM_MAX];
    size_t nn = u->cs == 1 ? 0 : nominatives_of(u->sp[best].s, u->type, nom);
    if (nn) al = imp_realloc(al, (na + nn) * sizeof *al);
    for (size_t q = 0; q < nn; q++) {
        size_t l;
        char *nf = ng_fold_version(nom[q], strlen(nom[q]), NG_FOLD, &l);
        int have = !nf;
        for (size_t k = 0; k < u->nsp && !have; k++) {
            char *f = u->sp[k].bad ? NULL : ng_fold_version(u->sp[k].s, strlen(u->sp[k].s), NG_FOLD, &l);
            have = f && !strcmp(f, nf);
            free(f);
        }
        free(nf);
        if (!have) al[na++] = nom[q];
    }
    char attrs[256];
    if (minp > 0)
        snprintf(attrs, sizeof attrs, "source=%s\tcount=%ld\tmatched=%ld%s",
                 o->source ? o->source : "annotations", u->total, u->matched,
                 u->cs == 1 ? "\tcase=sensitive" : u->cs == 2 ? "\tcase=capitalised" : "");
    else
        snprintf(attrs, sizeof attrs, "source=%s\tcount=%ld%s", o->source ? o->source : "annotations",
                 u->total, u->cs == 1 ? "\tcase=sensitive" : u->cs == 2 ? "\tcase=capitalised" : "");
    imp_write_entity(o, out, id, u->type, u->sp[best].s, al, na, attrs);
    for (size_t q = 0; q < nn; q++) free(nom[q]);
    free(al);
}

/* The surfaces kept, sorted, written. */
static int write_gazetteer(const import_opts *o, gaz *g, const imp_words *words, double minp, FILE *out,
                           ng_error *err) {
    outrec *recs = imp_realloc(NULL, (g->n ? g->n : 1) * sizeof *recs);
    size_t nr = 0;
    for (size_t i = 0; i < g->cap; i++) {
        surf *u = &g->tab[i];
        if (!u->fold || !u->keep) continue;
        if (!choose_case(u, words, minp)) { if (o->stats) o->stats->skipped++; continue; }
        recs[nr].id = surface_id(u);
        recs[nr].u = u;
        nr++;
    }
    qsort(recs, nr, sizeof *recs, cmp_out);
    /* two surfaces with one id (a Cyrillic surface has no slug, so the id
     * is its type and a 32-bit hash: a large corpus meets a collision)
     * would load as one entity: the later ones get -2, -3 ... */
    for (size_t i = 1, run = 1; i < nr; i++) {
        size_t base = i - run;
        if (strcmp(recs[base].id, recs[i].id)) { run = 1; continue; }
        char *id = imp_realloc(NULL, strlen(recs[i].id) + 24);
        sprintf(id, "%s-%zu", recs[i].id, run + 1);
        free(recs[i].id);
        recs[i].id = id;
        run++;
    }
    for (size_t i = 0; i < nr; i++) write_surface(o, out, recs[i].id, recs[i].u, minp);
    int rc = ferror(out) ? ng_error_set(err, NG_E_IO, NULL, 0, 0, "write error") : NG_OK;
    for (size_t i = 0; i < nr; i++) free(recs[i].id);
    free(recs);
    return rc;
}

static void gaz_free(gaz *g) {
    for (size_t i = 0; i < g->cap; i++) {
        surf *u = &g->tab[i];
        if (!u->fold) continue;
        free(u->fold);
        free(u->t);
        for (size_t k = 0; k < u->nsp; k++) free(u->sp[k].s);
        free(u->sp);
    }
    free(g->tab);
}

static int annotations_run(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    int fmt = annot_format(o->input_format);
    if (fmt < 0)
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0,
                            "unknown --input-format '%s' (jsonl, brat, conll)", o->input_format);
    if (n == 0) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "no input files");
    double minp = o->has_min_precision ? o->min_precision : IMPORT_ANNOT_MIN_PRECISION;
    if (!(minp >= 0 && minp <= 1))
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "--min-precision must be between 0 and 1");
    /* standard input is read twice (annotations, then matches): spooled */
    char **paths = imp_realloc(NULL, n * sizeof *paths);
    char *spooled = NULL;
    int rc = NG_OK;
    for (size_t i = 0; i < n; i++) {
        paths[i] = inputs[i];
        if (!strcmp(inputs[i], "-") && minp > 0) {
            if (!spooled && !(spooled = spool_stdin(err))) { free(paths); return err ? err->code : NG_E_IO; }
            paths[i] = spooled;
        }
    }
    /* the annotated surfaces */
    gaz g = {0};
    g.o = o;
    g.err = err;
    for (size_t i = 0; i < n && rc == NG_OK; i++) {
        g.path = inputs[i];
        rc = annot_read(paths[i], fmt, on_doc, &g, err);
        if (rc && err && (!err->file[0] || paths[i] != inputs[i]))
            snprintf(err->file, sizeof err->file, "%s", inputs[i]);
        if (o->progress) o->progress("annotations", i + 1, n, o->stats ? o->stats->read : 0, o->progress_ud);
    }
    imp_words *words = o->common_words ? imp_words_load(o->common_words) : NULL;
    long minc = o->min_count > 0 ? o->min_count : 1;
    for (size_t i = 0; i < g.cap && rc == NG_OK; i++)
        if (g.tab[i].fold) classify_surface(&g.tab[i], minc, o);
    /* how often the matcher finds each surface, annotated or not */
    if (rc == NG_OK && minp > 0) rc = count_matches(&g, inputs, paths, n, fmt, err);
    if (rc == NG_OK) rc = write_gazetteer(o, &g, words, minp, out, err);
    imp_words_free(words);
    gaz_free(&g);
    if (spooled) { unlink(spooled); free(spooled); }
    free(paths);
    return rc;
}

int import_annotations(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    return imp_guard_import(annotations_run, o, inputs, n, out, err);
}
