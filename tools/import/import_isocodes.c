/* `dict import --from iso-codes`: countries and territories (ISO 3166-1)
 * and first-level subdivisions (ISO 3166-2) from Debian's iso-codes package:
 * its JSON files plus the GNU gettext catalogues (.mo) that translate the
 * English names.
 *
 * Ids (documented in dictionaries/README.md):
 *  - a country is the slug of its English short name: the common_name when
 *    iso-codes gives one, else the name with "(...)" removed and an inverted
 *    "X, Republic of" / "Virgin Islands, British" put in reading order
 *    ("ukraine", "united-states", "south-korea", "british-virgin-islands");
 *    a few formal ISO names are replaced by the short name news use
 *    (table 'shortnames' below: "russia", "turkey" ...);
 *  - a subdivision is the lower-case alpha-2 code of its country, '-', and
 *    the slug of its ISO name ("ua-kyivska-oblast", "us-california",
 *    "ru-moskovskaja-oblast"); on a clash the code is appended.
 * Attributes: iso=<code> source=iso-codes. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <jansson.h>
#include <yajl/yajl_parse.h>
#include "import.h"
#include "import_internal.h"

/* ## Names */

/* Short English names that news use where ISO gives a formal one. 'canon':
 * 1 = becomes the canonical name (and the id), 0 = an extra alias only.
 * These are newsgraph's own additions, not iso-codes data. */
static const struct {
    const char *a2, *name;
    int canon;
} shortnames[] = {
    {"BN", "Brunei", 1},       {"FM", "Micronesia", 1},    {"PS", "Palestine", 1},
    {"RU", "Russia", 1},       {"TR", "Turkey", 1},        {"VA", "Vatican City", 1},
    {"CD", "DR Congo", 0},     {"CI", "Ivory Coast", 0},   {"CV", "Cape Verde", 0},
    {"CZ", "Czech Republic", 0}, {"TL", "East Timor", 0},  {"GB", "Great Britain", 0},
    {"US", "United States of America", 0},
};

/* Default subdivision countries: Ukraine, Russia, the US, the EU members, Canada and Australia. */
static const char *default_subdivisions =
    "UA,RU,US,AT,BE,BG,CY,CZ,DE,DK,EE,ES,FI,FR,GR,HR,HU,IE,IT,LT,LU,LV,MT,NL,PL,PT,RO,SE,SI,SK,CA,AU";

/* "Cocos (Keeling) Islands" -> "Cocos Islands", "Catalunya [Cataluña]" ->
 * "Catalunya", "Navarra*" -> "Navarra". NULL if there is nothing to strip. */
static char *strip_parens(const char *s) {
    if (!strpbrk(s, "([*")) return NULL;
    char *o = imp_strdup(s);
    size_t w = 0;
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(' || *p == '[') { depth++; continue; }
        if ((*p == ')' || *p == ']') && depth) { depth--; continue; }
        if (*p == '*') continue;
        if (!depth) o[w++] = *p;
    }
    o[w] = 0;
    /* tidy spaces */
    size_t r = 0, k = 0;
    while (o[r] == ' ') r++;
    for (; o[r]; r++) {
        if (o[r] == ' ' && (k == 0 || o[k - 1] == ' ')) continue;
        o[k++] = o[r];
    }
    while (k && o[k - 1] == ' ') k--;
    o[k] = 0;
    return o;
}

static int ends_with(const char *s, const char *suf) {
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo",
 * "Virgin Islands, British" -> "British Virgin Islands",
 * "Tatarstan, Respublika" -> "Respublika Tatarstan". Only when the part after
 * the comma is one word or ends in a preposition; NULL otherwise. */
static char *invert_comma(const char *s) {
    const char *c = strstr(s, ", ");
    if (!c || strstr(c + 2, ", ")) return NULL;
    const char *tail = c + 2;
    static const char *preps[] = {" of", " of the", " de", " del", " de la", " du", " des"};
    int ok = !strchr(tail, ' ');
    for (size_t i = 0; i < sizeof preps / sizeof *preps && !ok; i++) ok = ends_with(tail, preps[i]);
    if (!ok) return NULL;
    size_t hl = (size_t)(c - s), tl = strlen(tail);
    char *o = imp_alloc(hl + tl + 2);
    memcpy(o, tail, tl);
    o[tl] = ' ';
    memcpy(o + tl + 1, s, hl);
    o[hl + tl + 1] = 0;
    if (!strncmp(o, "The ", 4) || !strncmp(o, "the ", 4)) memmove(o, o + 4, strlen(o + 4) + 1);
    return o;
}

/* Adds 's' and its derived forms (parentheses stripped, comma inverted). */
static void add_forms(imp_strv *al, const char *s) {
    if (!s || !*s) return;
    const char *t = s;
    if (!strncmp(t, "the ", 4)) t += 4;
    if (!strpbrk(t, "[*")) imp_strv_push(al, t, strlen(t));
    char *p = strip_parens(t);
    char *inv = invert_comma(p ? p : t);
    if (p) imp_strv_push(al, p, strlen(p));
    if (inv) imp_strv_push(al, inv, strlen(inv));
    /* "Catalunya [Cataluña]": the bracketed name is another official name */
    const char *lb = strchr(t, '['), *rb = lb ? strchr(lb, ']') : NULL;
    if (lb && rb && rb > lb + 1) imp_strv_push(al, lb + 1, (size_t)(rb - lb - 1));
    free(p);
    free(inv);
}

/* The English name a country is known by (malloc'd). */
static char *country_canon(const char *a2, const char *name, const char *common) {
    for (size_t i = 0; i < sizeof shortnames / sizeof *shortnames; i++)
        if (shortnames[i].canon && !strcmp(shortnames[i].a2, a2)) return imp_strdup(shortnames[i].name);
    const char *base = common && *common ? common : name;
    char *p = strip_parens(base);
    char *inv = invert_comma(p ? p : base);
    char *r = inv ? inv : imp_strdup(p ? p : base);
    if (inv) free(p);
    else free(p);
    return r;
}

/* ## Importer */

typedef struct catalogues {
    const char *lang;
    imp_mo *c1, *c2;
} catalogues;

static const char *jstr(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void warnf(const import_opts *o, const char *file, const char *fmt, const char *arg) {
    if (!o->warn) return;
    ng_error w;
    ng_error_set(&w, NG_OK, file, 0, 0, fmt, arg);
    o->warn(&w, o->warn_ud);
}

/* Translations of 'msgid' in every non-English language into 'al'. */
static void add_translations(imp_strv *al, catalogues *cat, size_t ncat, int which, const char *msgid) {
    for (size_t i = 0; i < ncat; i++) {
        const char *t = imp_mo_get(which == 1 ? cat[i].c1 : cat[i].c2, msgid);
        if (t) add_forms(al, t);
    }
}

typedef struct ent {
    char *id, *name, *attrs;
    imp_strv al;
    int sort_group;      /* 0 countries, 1 subdivisions */
    char *sort_key;
    int shared;          /* a homonym of another entity: lint=shared */
    int case_sensitive;  /* the name is a common word: case=capitalised */
} ent;

/* ## Names shared by several entities
 *
 * A name of two entities makes the tagger guess. Where two places really
 * have the same name (Georgia the country and the US state, the two Sofias)
 * both keep it and the later one is marked lint=shared. A translation that
 * the catalogues give to two differently named places is a catalogue slip
 * or too vague ("Віргінські острови" for both Virgin Islands), so it is left
 * out of both; a subdivision never takes a translation from a country. */

typedef struct ref {
    char *key;      /* folded */
    size_t ent;
    size_t al;      /* index into al, or SIZE_MAX for the canonical name */
} ref;

static int cmp_ref(const void *a, const void *b) {
    const ref *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return x->ent < y->ent ? -1 : x->ent > y->ent;
}

static char *fold_str(const char *s) {
    size_t n;
    char *f = ng_fold(s, strlen(s), &n);
    if (!f) imp_oom();
    return f;
}

static int latin_only(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0xD0 && (unsigned char)*s <= 0xD4) return 0; /* Cyrillic lead bytes */
    return 1;
}

static void resolve_shared(ent *es, size_t nes, const import_opts *o) {
    size_t cap = 0, nr = 0;
    for (size_t i = 0; i < nes; i++) cap += es[i].al.n + 1;
    ref *r = calloc(cap ? cap : 1, sizeof *r);
    char **base = calloc(nes ? nes : 1, sizeof *base);
    if (!r || !base) imp_oom();
    for (size_t i = 0; i < nes; i++) {
        char *p = strip_parens(es[i].name);
        base[i] = fold_str(p ? p : es[i].name);
        free(p);
        size_t first = nr;
        for (size_t k = 0; k <= es[i].al.n; k++) {
            const char *s = k == 0 ? es[i].name : es[i].al.v[k - 1];
            if (!*s) continue;
            char *key = fold_str(s);
            int dup = 0;
            for (size_t q = first; q < nr && !dup; q++) dup = !strcmp(r[q].key, key);
            if (dup) { free(key); continue; }
            r[nr].key = key;
            r[nr].ent = i;
            r[nr].al = k == 0 ? SIZE_MAX : k - 1;
            nr++;
        }
    }
    qsort(r, nr, sizeof *r, cmp_ref);
    for (size_t a = 0; a < nr;) {
        size_t b = a + 1;
        while (b < nr && !strcmp(r[a].key, r[b].key)) b++;
        if (b - a > 1) {
            int country = 0, sub = 0, homonym = 1;
            for (size_t k = a; k < b; k++) {
                country |= es[r[k].ent].sort_group == 0;
                sub |= es[r[k].ent].sort_group == 1;
                homonym &= !strcmp(base[r[k].ent], base[r[a].ent]);
            }
            for (size_t k = a; k < b; k++) {
                ent *e = &es[r[k].ent];
                int canon = r[k].al == SIZE_MAX;
                const char *text = canon ? e->name : e->al.v[r[k].al];
                int drop;
                if (country && sub && e->sort_group == 0) drop = 0;
                else if (country && sub) drop = !(canon || latin_only(text));
                else drop = !homonym && !canon;
                if (!drop) {
                    if (k > a) e->shared = 1;
                    continue;
                }
                if (o->warn) {
                    ng_error w;
                    ng_error_set(&w, NG_OK, NULL, 0, 0,
                                 "iso-codes: \"%s\" names %s and %s; left out of %s", text,
                                 es[r[a].ent].id, es[r[a == k ? a + 1 : k].ent].id, e->id);
                    o->warn(&w, o->warn_ud);
                }
                for (size_t q = 0; q < e->al.n; q++) { /* every copy of it */
                    if (!e->al.v[q][0]) continue;
                    char *fq = fold_str(e->al.v[q]);
                    if (!strcmp(fq, r[k].key)) e->al.v[q][0] = 0;
                    free(fq);
                }
            }
            /* what is left shared is marked on all but the first holder */
            size_t holders = 0;
            for (size_t k = a; k < b; k++) {
                ent *e = &es[r[k].ent];
                const char *text = r[k].al == SIZE_MAX ? e->name : e->al.v[r[k].al];
                if (!*text) continue;
                if (holders++) e->shared = 1;
            }
        }
        a = b;
    }
    for (size_t i = 0; i < nr; i++) free(r[i].key);
    for (size_t i = 0; i < nes; i++) free(base[i]);
    free(r);
    free(base);
}

/* Names that are also common words match only with a capital first letter
 * ('^' prefix, case=capitalised): "China" and "CHINA", not "china". */
static void mark_common_words(ent *es, size_t nes, const imp_words *w) {
    if (!w) return;
    for (size_t i = 0; i < nes; i++) {
        if (imp_words_has(w, es[i].name)) es[i].case_sensitive = 1;
        for (size_t k = 0; k < es[i].al.n; k++) {
            char *s = es[i].al.v[k];
            if (!*s || !strcmp(s, es[i].name) || !imp_words_has(w, s)) continue;
            size_t l = strlen(s);
            char *n2 = imp_alloc(l + 2);
            n2[0] = '^';
            memcpy(n2 + 1, s, l + 1);
            free(s);
            es[i].al.v[k] = n2;
        }
    }
}

static int cmp_ent(const void *a, const void *b) {
    const ent *x = a, *y = b;
    if (x->sort_group != y->sort_group) return x->sort_group - y->sort_group;
    return strcmp(x->sort_key, y->sort_key);
}

static int id_taken(ent *es, size_t n, const char *id) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(es[i].id, id)) return 1;
    return 0;
}

/* ## The JSON files, with positions
 *
 * jansson keeps no positions of values: an error about a value (a record
 * that is not an object, a name that is not a string) finds it again by
 * reading the text jansson parsed (kept in memory: 0.6 MB for
 * iso_3166-2.json) once more with yajl's event parser, which tells how far
 * it has read at each value, and reports "file:line:col" as a parse error
 * does (line 1-based, column in characters). */

typedef struct iso_file {
    const char *path, *key;   /* key: "3166-1" or "3166-2" */
    char *text;
    size_t len;
    json_t *root, *arr;
} iso_file;

#define NOPOS ((size_t)-1)

/* The walk of value_pos: the value wanted is the root, or its member
 * want_key[0], that array's element want_idx, that element's member
 * want_key[2] (want_depth of those steps). Of equal keys the last counts,
 * as jansson keeps the last. */
enum { VP_LEVELS = 3 };
typedef struct vframe { int map, on; size_t n; } vframe;   /* on: its current member or element is on the way */
typedef struct vpos {
    yajl_handle h;
    const char *s;
    size_t len, last, found;  /* last: where the last token ended */
    const char *want_key[VP_LEVELS];
    size_t want_idx;
    int want_depth, depth;
    vframe st[VP_LEVELS];
} vpos;

static void vp_value(vpos *v) {
    size_t i = v->last;   /* the value starts after the white space, ':' or ',' before it */
    while (i < v->len && (v->s[i] == ' ' || v->s[i] == '\t' || v->s[i] == '\n' || v->s[i] == '\r' || v->s[i] == ':' ||
                          v->s[i] == ','))
        i++;
    int d = v->depth;
    if (d > 0 && d <= VP_LEVELS && !v->st[d - 1].map) {
        vframe *fr = &v->st[d - 1];
        fr->on = d - 1 == 1 && fr->n == v->want_idx;
        fr->n++;
    }
    int on = d == v->want_depth;
    for (int l = 0; l < d && on; l++) on = l < VP_LEVELS && v->st[l].on;
    if (on) v->found = i;
}

static void vp_end(vpos *v) { v->last = yajl_get_bytes_consumed(v->h); }
static int vp_scalar(void *ud) { vp_value(ud); vp_end(ud); return 1; }
static int vp_bool(void *ud, int b) { (void)b; return vp_scalar(ud); }
static int vp_number(void *ud, const char *s, size_t n) { (void)s; (void)n; return vp_scalar(ud); }
static int vp_string(void *ud, const unsigned char *s, size_t n) { (void)s; (void)n; return vp_scalar(ud); }

static int vp_open(vpos *v, int map) {
    vp_value(v);
    if (v->depth < VP_LEVELS) v->st[v->depth] = (vframe){map, 0, 0};
    v->depth++;
    vp_end(v);
    return 1;
}
static int vp_start_map(void *ud) { return vp_open(ud, 1); }
static int vp_start_array(void *ud) { return vp_open(ud, 0); }
static int vp_close(void *ud) {
    vpos *v = ud;
    v->depth--;
    vp_end(v);
    return 1;
}

static int vp_key(void *ud, const unsigned char *k, size_t n) {
    vpos *v = ud;
    int d = v->depth;
    if (d > 0 && d <= VP_LEVELS) {
        const char *w = v->want_key[d - 1];
        v->st[d - 1].on = w && strlen(w) == n && !memcmp(w, k, n);
    }
    vp_end(v);
    return 1;
}

static const yajl_callbacks vp_callbacks = {
    vp_scalar, vp_bool, NULL, NULL, vp_number, vp_string, vp_start_map, vp_key, vp_close, vp_start_array, vp_close,
};

/* Where the value is: the root (in_key 0), root[key], its element idx
 * (unless NOPOS), or that element's 'member' (unless NULL). NOPOS when
 * not found. */
static size_t value_pos(const iso_file *f, int in_key, size_t idx, const char *member) {
    vpos v = {.s = f->text, .len = f->len, .found = NOPOS, .want_idx = idx};
    if (in_key) v.want_key[0] = f->key;
    v.want_key[2] = member;
    v.want_depth = in_key + (idx != NOPOS) + (member != NULL);
    v.h = yajl_alloc(&vp_callbacks, NULL, &v);
    if (!v.h) return NOPOS;
    if (yajl_parse(v.h, (const unsigned char *)f->text, f->len) != yajl_status_ok ||
        yajl_complete_parse(v.h) != yajl_status_ok)
        v.found = NOPOS;   /* (jansson took it: not expected) */
    yajl_free(v.h);
    return v.found;
}

/* NG_E_FORMAT "path:line:col: message" at byte 'off' of the file (no
 * position when NOPOS). */
static int error_at(const iso_file *f, size_t off, ng_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int error_at(const iso_file *f, size_t off, ng_error *err, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line = 0, col = 0;
    if (off != NOPOS && off <= f->len) {
        size_t bol = 0;
        line = 1;
        for (size_t i = 0; i < off; i++)
            if (f->text[i] == '\n') { line++; bol = i + 1; }
        col = ng_col_of(f->text + bol, off - bol);
    }
    return ng_error_set(err, NG_E_FORMAT, f->path, line, col, "%s", msg);
}

static const char *kind(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "null";
    }
}

/* Entry 'idx' of the file's array is an object whose members 'need' (all
 * required) and 'may' (optional), NULL-terminated, are strings. */
static int check_entry(const iso_file *f, size_t idx, const char *const *need, const char *const *may, ng_error *err) {
    json_t *e = json_array_get(f->arr, idx);
    if (!json_is_object(e))
        return error_at(f, value_pos(f, 1, idx, NULL), err, "entry %zu of \"%s\" is %s, not an object", idx + 1, f->key,
                        kind(e));
    for (int opt = 0; opt < 2; opt++)
        for (const char *const *m = opt ? may : need; *m; m++) {
            json_t *v = json_object_get(e, *m);
            if (!v && !opt)
                return error_at(f, value_pos(f, 1, idx, NULL), err, "entry %zu of \"%s\" has no \"%s\"", idx + 1, f->key, *m);
            if (v && !json_is_string(v))
                return error_at(f, value_pos(f, 1, idx, *m), err, "entry %zu of \"%s\": \"%s\" is %s, not a string",
                                idx + 1, f->key, *m, kind(v));
        }
    return NG_OK;
}

static int load_json(iso_file *f, const char *path, const char *key, ng_error *err) {
    f->path = path;
    f->key = key;
    FILE *fp = fopen(path, "rb");
    if (!fp) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    size_t cap = 0;
    for (;;) {
        if (f->len + 65536 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            f->text = imp_realloc(f->text, cap);
        }
        size_t k = fread(f->text + f->len, 1, cap - f->len, fp);
        f->len += k;
        if (k == 0) break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot read: %s", strerror(errno ? errno : EIO));
    json_error_t je;
    f->root = json_loadb(f->text, f->len, 0, &je);
    if (!f->root) return ng_error_set(err, NG_E_PARSE, path, je.line, je.column, "invalid JSON: %s", je.text);
    if (!json_is_object(f->root))
        return error_at(f, value_pos(f, 0, NOPOS, NULL), err, "no \"%s\" array: not an iso-codes file (the file is %s, "
                        "not an object)", key, kind(f->root));
    f->arr = json_object_get(f->root, key);
    if (!f->arr)
        return error_at(f, value_pos(f, 0, NOPOS, NULL), err, "no \"%s\" array: not an iso-codes file", key);
    if (!json_is_array(f->arr))
        return error_at(f, value_pos(f, 1, NOPOS, NULL), err, "no \"%s\" array: not an iso-codes file (\"%s\" is %s)",
                        key, key, kind(f->arr));
    return NG_OK;
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Version of iso-codes from DIR/../../pkgconfig/iso-codes.pc, if present. */
static void isocodes_version(const char *dir, char *buf, size_t size) {
    char p[4096];
    buf[0] = 0;
    snprintf(p, sizeof p, "%s/../../pkgconfig/iso-codes.pc", dir);
    FILE *f = fopen(p, "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "Version:", 8)) {
            char *v = line + 8;
            while (*v == ' ') v++;
            v[strcspn(v, "\r\n")] = 0;
            snprintf(buf, size, "%.60s", v);
        }
    }
    fclose(f);
}

/* One run of the importer: its inputs and what it builds. */
typedef struct iso_run {
    const import_opts *o;
    const char *dir, *path1, *path2;
    char p1[4096], p2[4096];
    const char *subs;                  /* subdivision countries "CC,CC"; "" for none */
    char subs_buf[1024];               /* --subdivisions in upper case */
    iso_file f1, f2;                   /* the two JSON files */
    json_t *a1, *a2;                   /* their arrays (a2: NULL without subdivisions) */
    catalogues cat[IMPORT_MAX_LANGS];
    size_t ncat;
    ent *es;
    size_t nes, ncountries;
} iso_run;

/* The inputs: the json directory and/or the two files. */
static int find_inputs(iso_run *R, char **inputs, size_t n, ng_error *err) {
    R->dir = "/usr/share/iso-codes/json";
    for (size_t i = 0; i < n; i++) {
        if (is_dir(inputs[i])) R->dir = inputs[i];
        else if (strstr(inputs[i], "3166-2")) R->path2 = inputs[i];
        else if (strstr(inputs[i], "3166-1")) R->path1 = inputs[i];
        else return ng_error_set(err, NG_E_ARG, inputs[i], 0, 0,
                                 "expected the iso-codes json directory or iso_3166-1.json / iso_3166-2.json");
    }
    if (!R->path1) { snprintf(R->p1, sizeof R->p1, "%s/iso_3166-1.json", R->dir); R->path1 = R->p1; }
    if (!R->path2) { snprintf(R->p2, sizeof R->p2, "%s/iso_3166-2.json", R->dir); R->path2 = R->p2; }
    R->subs = R->o->subdivisions ? R->o->subdivisions : default_subdivisions;
    if (!strcmp(R->subs, "none")) R->subs = "";
    /* "ua,pl" is UA,PL (it selected nothing) */
    if (strlen(R->subs) >= sizeof R->subs_buf)
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "--subdivisions: too long a list");
    size_t k = 0;
    for (const char *p = R->subs; *p; p++) R->subs_buf[k++] = (char)toupper((unsigned char)*p);
    R->subs_buf[k] = 0;
    R->subs = R->subs_buf;
    return NG_OK;
}

/* The JSON files and the translation catalogues of every language but
 * English (a missing catalogue is a warning). */
static int load_sources(iso_run *R, ng_error *err) {
    const import_opts *o = R->o;
    const char *locdir = o->locale_dir ? o->locale_dir : "/usr/share/locale";
    int rc = load_json(&R->f1, R->path1, "3166-1", err);
    R->a1 = R->f1.arr;
    if (!rc && *R->subs) rc = load_json(&R->f2, R->path2, "3166-2", err);
    R->a2 = R->f2.arr;
    for (size_t i = 0; i < o->nlangs && !rc; i++) {
        if (!strcmp(o->langs[i], "en")) continue;
        catalogues *c = &R->cat[R->ncat++];
        memset(c, 0, sizeof *c);
        c->lang = o->langs[i];
        char mp[4096];
        for (int k = 1; k <= 2 && !rc; k++) {
            if (k == 2 && !*R->subs) break;
            snprintf(mp, sizeof mp, "%s/%s/LC_MESSAGES/iso_3166-%d.mo", locdir, c->lang, k);
            imp_mo *mo = NULL;
            ng_error e2;
            int r = imp_mo_load(mp, &mo, &e2);
            if (r == NG_E_IO) {
                warnf(o, mp, "no %s translations: catalogue not found", c->lang);
                continue;
            }
            if (r) { *err = e2; rc = r; break; }
            /* no silent loss: each translation left out is named */
            size_t pos = 0;
            unsigned long idx;
            const char *bad;
            while (o->warn && (bad = imp_mo_invalid(mo, &pos, &idx))) {
                ng_error w;
                ng_error_set(&w, NG_OK, mp, 0, 0, "string %lu (\"%.200s\"): the translation is not valid UTF-8: left out",
                             idx, bad);
                o->warn(&w, o->warn_ud);
            }
            if (k == 1) c->c1 = mo;
            else c->c2 = mo;
        }
    }
    return rc;
}

/* Countries and territories (ISO 3166-1). */
static int add_countries(iso_run *R, ng_error *err) {
    const import_opts *o = R->o;
    size_t n1 = json_array_size(R->a1);
    for (size_t i = 0; i < n1; i++) {
        static const char *const need[] = {"alpha_2", "name", NULL}, *const may[] = {"common_name", "official_name", NULL};
        int rc = check_entry(&R->f1, i, need, may, err);
        if (rc) return rc;
        json_t *c = json_array_get(R->a1, i);
        const char *a2c = jstr(c, "alpha_2"), *name = jstr(c, "name");
        const char *off = jstr(c, "official_name"), *common = jstr(c, "common_name");
        if (o->stats) o->stats->read++;
        ent *e = &R->es[R->nes];
        e->name = country_canon(a2c, name, common);
        e->id = imp_slug(e->name);
        if (!e->id[0] || id_taken(R->es, R->nes, e->id)) {
            free(e->id);
            e->id = imp_slug(a2c);
        }
        add_forms(&e->al, name);
        add_forms(&e->al, common);
        add_forms(&e->al, off);
        for (size_t k = 0; k < sizeof shortnames / sizeof *shortnames; k++)
            if (!strcmp(shortnames[k].a2, a2c)) add_forms(&e->al, shortnames[k].name);
        const char *src[3] = {name, common, off};
        for (size_t l = 0; l < R->ncat; l++)
            for (int k = 0; k < 3; k++)
                if (src[k]) add_translations(&e->al, &R->cat[l], 1, 1, src[k]);
        e->attrs = imp_asprintf("iso=%s\tsource=%s", a2c, o->source ? o->source : "iso-codes");
        e->sort_key = imp_strdup(e->id);
        R->nes++;
    }
    R->ncountries = R->nes;
    return NG_OK;
}

/* Is subdivision code 'cc' among the countries asked for? */
static int wanted_country(const char *subs, const char *cc) {
    const char *hit = strstr(subs, cc);
    int want = 0;
    while (hit && !want) {
        want = (hit == subs || hit[-1] == ',') && (hit[2] == ',' || hit[2] == 0);
        if (!want) hit = strstr(hit + 1, cc);
    }
    return want;
}

/* Is a subdivision already there as a country? Territories that ISO
 * 3166-1 lists in their own right, and a subdivision named like its country. */
static int is_country_too(const iso_run *R, const char *cc, const char *name, const char *type) {
    if (type && (!strncmp(type, "Overseas", 8) || !strcmp(type, "Outlying area") ||
                 !strcmp(type, "Country") || !strcmp(type, "Dependency")))
        return 1;
    for (size_t k = 0; k < R->ncountries; k++) {
        json_t *c = json_array_get(R->a1, k);
        const char *ca = jstr(c, "alpha_2");
        if (ca && !strcmp(ca, cc) && !strcmp(jstr(c, "name"), name)) return 1;
    }
    return 0;
}

/* Is every code of --subdivisions a country of ISO 3166-1 ("XX" selected
 * nothing, silently)? */
static int check_subdivisions(const iso_run *R, ng_error *err) {
    for (const char *p = R->subs; *p;) {
        size_t l = strcspn(p, ",");
        int found = 0;
        for (size_t k = 0; k < R->ncountries && !found && l == 2; k++) {
            const char *ca = jstr(json_array_get(R->a1, k), "alpha_2");
            found = ca && !strncmp(ca, p, 2);
        }
        if (!found)
            return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "--subdivisions: '%.*s' is not an ISO 3166-1 alpha-2 country code "
                                "(e.g. UA,PL; or none)", (int)(l > 20 ? 20 : l), p);
        p += l;
        if (*p) p++;
    }
    return NG_OK;
}

/* First-level subdivisions (ISO 3166-2) of the chosen countries. */
static int add_subdivisions(iso_run *R, ng_error *err) {
    const import_opts *o = R->o;
    int rc = check_subdivisions(R, err);
    if (rc) return rc;
    size_t n2 = R->a2 ? json_array_size(R->a2) : 0;
    for (size_t i = 0; i < n2; i++) {
        static const char *const need[] = {"code", "name", NULL}, *const may[] = {"type", "parent", NULL};
        if ((rc = check_entry(&R->f2, i, need, may, err))) return rc;
        json_t *s = json_array_get(R->a2, i);
        const char *code = jstr(s, "code"), *name = jstr(s, "name"), *type = jstr(s, "type");
        if (json_object_get(s, "parent")) continue;
        const char *dash = strchr(code, '-');
        if (!dash || dash - code != 2) continue;
        char cc[3] = {code[0], code[1], 0};
        if (!wanted_country(R->subs, cc)) continue;
        if (o->stats) o->stats->read++;
        if (is_country_too(R, cc, name, type)) {
            if (o->stats) o->stats->skipped++;
            continue;
        }
        ent *e = &R->es[R->nes];
        /* the canonical name keeps "(...)" ("Sofia (stolitsa)" is not the
         * province "Sofia"); "[...]" and '*' go */
        char *p = strchr(name, '(') ? NULL : strip_parens(name);
        char *inv = invert_comma(p ? p : name);
        e->name = imp_strdup(inv ? inv : p ? p : name);
        char lc[3] = {(char)(cc[0] | 0x20), (char)(cc[1] | 0x20), 0};
        char *sl = imp_slug(e->name);
        size_t il = strlen(sl) + strlen(code) + 8;
        e->id = imp_alloc(il);
        snprintf(e->id, il, "%s-%s", lc, sl);
        if (!sl[0] || id_taken(R->es, R->nes, e->id)) {
            char *cs = imp_slug(code);
            snprintf(e->id, il, "%s-%s", lc, sl[0] ? sl : cs + 3);
            if (sl[0]) snprintf(e->id + strlen(e->id), il - strlen(e->id), "-%s", cs + 3);
            free(cs);
        }
        free(sl);
        add_forms(&e->al, name);
        /* "Tatarstan, Respublika": the republic is also known by its short name */
        const char *comma = strstr(p ? p : name, ", Respublika");
        if (comma) imp_strv_push(&e->al, p ? p : name, (size_t)(comma - (p ? p : name)));
        free(p);
        free(inv);
        for (size_t l = 0; l < R->ncat; l++) add_translations(&e->al, &R->cat[l], 1, 2, name);
        e->attrs = imp_asprintf("iso=%s\tsource=%s", code, o->source ? o->source : "iso-codes");
        e->sort_key = imp_strdup(code);
        e->sort_group = 1;
        R->nes++;
    }
    return NG_OK;
}

/* Homonyms and common words: lint=shared and case=capitalised attributes. */
static void mark_entities(iso_run *R) {
    const import_opts *o = R->o;
    resolve_shared(R->es, R->nes, o);
    imp_words *words = o->common_words ? imp_words_load(o->common_words) : NULL;
    mark_common_words(R->es, R->nes, words);
    imp_words_free(words);
    for (size_t i = 0; i < R->nes; i++) {
        ent *e = &R->es[i];
        if (!e->shared && !e->case_sensitive) continue;
        char *a2 = imp_asprintf("%s%s%s", e->attrs, e->case_sensitive ? "\tcase=capitalised" : "",
                                e->shared ? "\tlint=shared" : "");
        free(e->attrs);
        e->attrs = a2;
    }
}

/* The TSV: a header saying where it comes from, then countries and
 * subdivisions, sorted. */
static void write_tsv(iso_run *R, FILE *out) {
    ent *es = R->es;
    qsort(es, R->nes, sizeof *es, cmp_ent);
    char ver[64];
    isocodes_version(R->dir, ver, sizeof ver);
    const char *subs = R->subs;
    fprintf(out, "# Countries and territories (ISO 3166-1)%s%s%s.\n", *subs ? " and first-level subdivisions (ISO 3166-2) of " : "",
            *subs ? subs : "", "");
    fprintf(out, "# Generated by `newsgraph dict import --from iso-codes` from Debian's iso-codes%s%s\n",
            ver[0] ? " " : "", ver);
    fprintf(out, "# (JSON files and the");
    for (size_t l = 0; l < R->ncat; l++) fprintf(out, " %s", R->cat[l].lang);
    fprintf(out, " translation catalogues). Do not edit: regenerate with `make dictionaries`.\n");
    fprintf(out, "# Short names added by newsgraph, not from iso-codes:");
    for (size_t k = 0; k < sizeof shortnames / sizeof *shortnames; k++)
        fprintf(out, "%s %s", k ? "," : "", shortnames[k].name);
    fprintf(out, ".\n");
    for (size_t i = 0; i < R->nes; i++) {
        if (i == 0 || es[i].sort_group != es[i - 1].sort_group)
            fprintf(out, "\n# %s\n", es[i].sort_group ? "Subdivisions" : "Countries and territories");
        imp_write_entity(R->o, out, es[i].id, "LOC", es[i].name, es[i].al.v, es[i].al.n, es[i].attrs);
    }
}

static void iso_run_free(iso_run *R) {
    for (size_t i = 0; i < R->nes; i++) {
        free(R->es[i].id);
        free(R->es[i].name);
        free(R->es[i].attrs);
        free(R->es[i].sort_key);
        imp_strv_free(&R->es[i].al);
    }
    free(R->es);
    for (size_t i = 0; i < R->ncat; i++) {
        imp_mo_free(R->cat[i].c1);
        imp_mo_free(R->cat[i].c2);
    }
    json_decref(R->f1.root);
    json_decref(R->f2.root);
    free(R->f1.text);
    free(R->f2.text);
}

static int isocodes_run(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    iso_run R;
    memset(&R, 0, sizeof R);
    R.o = o;
    int rc = find_inputs(&R, inputs, n, err);
    if (rc) return rc;
    rc = load_sources(&R, err);
    if (!rc) {
        size_t n1 = json_array_size(R.a1), n2 = R.a2 ? json_array_size(R.a2) : 0;
        R.es = calloc(n1 + n2 + 1, sizeof *R.es);
        if (!R.es) imp_oom();
        rc = add_countries(&R, err);
    }
    if (!rc) rc = add_subdivisions(&R, err);
    if (!rc) {
        mark_entities(&R);
        write_tsv(&R, out);
    }
    iso_run_free(&R);
    return rc;
}

int import_isocodes(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err) {
    return imp_guard_import(isocodes_run, o, inputs, n, out, err);
}
