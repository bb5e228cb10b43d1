/* Resolving an ENTITY argument the way a user types it (ng_store_lookup,
 * rules in graph/README.md "Finding an entity"): the id; a name or alias in
 * any letter case; a Ukrainian or Russian case form of one; a surname alone
 * that names one person; else "did you mean" suggestions by edit distance.
 *
 * Case forms are not stored: the aliases that share the typed word's first
 * letters are read by a range scan of the alias index and declined by the
 * tagger's own inflector (tagger/inflect.c, the code the dictionary compiler
 * runs), and the typed words must be one of the generated forms. Words are
 * compared as the tagger's tokenizer folds them (ng_tokenize: case, ё, dashes
 * and apostrophes unified). Surnames and suggestions need one pass over the
 * alias table, filtered inside SQLite, and only when nothing else matched. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "norm.h"
#include "inflect.h"

#define MAXW 64           /* tokens of a name handled by the inflection rules */
#define MAX_SUGGEST 5     /* "did you mean" entries */
#define MAXCP_DIST 64     /* longest name (code points) compared by edit distance */

/* ## Candidate entities */

enum { VIA_ALIAS = 0, VIA_FORM = 1, VIA_SURNAME = 2, VIA_SUGGEST = 3 };
static const char *const via_names[] = {"alias", "form", "surname", "suggestion"};

typedef struct cand {
    int64_t id;
    char *key, *name, *type, *alias;
    long long mentions;
    int dist;
} cand;
typedef struct cands { cand *v; size_t n, cap; } cands;

static void cands_free(cands *c) {
    for (size_t i = 0; i < c->n; i++) { free(c->v[i].key); free(c->v[i].name); free(c->v[i].type); free(c->v[i].alias); }
    free(c->v);
    c->v = NULL; c->n = c->cap = 0;
}

/* Adds an entity (once; a smaller distance replaces the alias). */
static int cands_add(cands *c, int64_t id, const char *key, const char *name, const char *type,
                     long long mentions, const char *alias, int dist) {
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].id != id) continue;
        if (dist < c->v[i].dist) {
            char *a = strdup(alias);
            if (!a) return NG_E_NOMEM;
            free(c->v[i].alias);
            c->v[i].alias = a;
            c->v[i].dist = dist;
        }
        return NG_OK;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        cand *p = realloc(c->v, nc * sizeof *p);
        if (!p) return NG_E_NOMEM;
        c->v = p; c->cap = nc;
    }
    cand *x = &c->v[c->n];
    x->id = id; x->mentions = mentions; x->dist = dist;
    x->key = strdup(key); x->name = strdup(name); x->type = strdup(type); x->alias = strdup(alias);
    c->n++;
    if (!x->key || !x->name || !x->type || !x->alias) return NG_E_NOMEM;
    return NG_OK;
}

static int cmp_cand(const void *x, const void *y) {
    const cand *a = x, *b = y;
    if (a->dist != b->dist) return a->dist < b->dist ? -1 : 1;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    return strcmp(a->key, b->key);
}

static json_t *cands_json(const cands *c, int with_dist, size_t max) {
    json_t *a = json_array();
    for (size_t i = 0; i < c->n && i < max; i++) {
        json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:s}", "id", c->v[i].key, "name", c->v[i].name, "type", c->v[i].type,
                              "mentions", (json_int_t)c->v[i].mentions, "alias", c->v[i].alias);
        if (o && with_dist) json_object_set_new(o, "distance", json_integer(c->v[i].dist));
        if (o) json_array_append_new(a, o);
    }
    return a;
}

/* Looks up an entity by key and adds it. */
static int add_by_key(ng_store *s, cands *c, const char *key, const char *alias, int dist, const char *only_type) {
    static const char q[] = "SELECT id, key, name, type, mentions FROM entity WHERE key=?";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q, &st, NULL);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW && (!only_type || !strcmp(ngg_col_text(st, 3), only_type)))
        rc = cands_add(c, sqlite3_column_int64(st, 0), ngg_col_text(st, 1), ngg_col_text(st, 2), ngg_col_text(st, 3),
                       sqlite3_column_int64(st, 4), alias, dist);
    ngg_done(st);
    return rc;
}

/* The type of the entity 'key' into type[32] ("" if absent). */
static int entity_type(ng_store *s, const char *key, char type[32]) {
    static const char q[] = "SELECT type FROM entity WHERE key=?";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q, &st, NULL);
    type[0] = 0;
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(type, 32, "%s", ngg_col_text(st, 0));
    ngg_done(st);
    return NG_OK;
}

/* The alias as written of the row (norm, key) into alias[512]. */
static int alias_text(ng_store *s, const char *norm, const char *key, char alias[512]) {
    static const char q[] = "SELECT alias FROM alias WHERE norm=? AND entity=?";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q, &st, NULL);
    alias[0] = 0;
    if (rc) return rc;
    sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(alias, 512, "%s", ngg_col_text(st, 0));
    ngg_done(st);
    return NG_OK;
}

/* ## Code points
 *
 * Counted with ng_col_of (base_internal.h: the lead bytes) and decoded
 * with ng_utf8_decode (norm.h), the tagger's shared helpers. Every string
 * stepped over here is valid UTF-8 (the typed name is checked, a token
 * never holds an invalid byte, the alias table's folded forms come from
 * ng_fold, which refuses one); a byte that does not start a valid sequence
 * would be stepped over as one character. */

static size_t cps(const char *s, size_t len) { return (size_t)ng_col_of(s, len) - 1; }

/* The code point at s[0..len) (len > 0) into *c; returns its bytes. */
static size_t next_cp(const char *s, size_t len, int32_t *c) {
    int k = ng_utf8_decode((const unsigned char *)s, len, c);
    if (k > 0) return (size_t)k;
    *c = (unsigned char)s[0];
    return 1;
}

/* Bytes of the first 'k' code points of s[0..len). */
static size_t cp_bytes(const char *s, size_t len, size_t k) {
    size_t i = 0;
    int32_t c;
    for (; i < len && k > 0; k--) i += next_cp(s + i, len - i, &c);
    return i;
}

/* Common prefix of two UTF-8 strings, in code points: the characters of
 * their common bytes but one the first difference is inside of (its next
 * byte is not a lead byte). (Per alias of a range scan: bytes compared,
 * not decoded.) */
static size_t common_cps(const char *a, size_t al, const char *b, size_t bl) {
    size_t i = 0;
    while (i < al && i < bl && a[i] == b[i]) i++;
    size_t n = cps(a, i);
    if (i < al && i < bl && cps(a + i, 1) == 0) n--;
    return n;
}

/* ## Names as the tagger tokenizes them */

typedef struct toks {
    ng_tokbuf tb;
    const char *w[MAXW]; size_t wl[MAXW];
    ng_inflect_word iw[MAXW];
    size_t n;         /* tokens from the first word on */
    size_t nwords;
    size_t last;      /* index of the last word token */
    int cyr, acronym;
} toks;

/* Tokenizes 'text'; returns 0 when the name has no word or too many tokens. */
static int tokenize(toks *t, const char *text) {
    ng_tokbuf_reset(&t->tb);
    t->n = t->nwords = 0;
    size_t len = strlen(text);
    if (ng_tokenize(&t->tb, text, len)) return 0;
    size_t first = 0;
    while (first < t->tb.n && !(t->tb.tok[first].flags & TK_WORD)) first++;
    if (first == t->tb.n || t->tb.n - first > MAXW) return 0;
    t->n = t->tb.n - first;
    t->cyr = 0;
    size_t letters = 0;
    int allupper = 1;
    for (size_t i = 0; i < t->n; i++) {
        const ng_token *k = &t->tb.tok[first + i];
        if (k->flags & TK_LONG) return 0;
        t->w[i] = t->tb.fold + k->fold;
        t->wl[i] = k->fold_len;
        t->iw[i].fold = t->w[i]; t->iw[i].fold_len = t->wl[i];
        t->iw[i].orig = text + k->start; t->iw[i].orig_len = k->end - k->start;
        t->iw[i].is_word = (k->flags & TK_WORD) != 0;
        t->cyr |= (k->flags & TK_CYR) != 0;
        if (k->flags & TK_WORD) {
            t->nwords++;
            t->last = i;
            if ((k->flags & (TK_CYR | TK_LATIN)) && !(k->flags & TK_ALLUPPER)) allupper = 0;
            letters += cps(text + k->start, k->end - k->start);
        }
    }
    /* the dictionary compiler's acronym rule: such aliases are not declined */
    t->acronym = allupper && letters <= 6;
    return 1;
}

/* Could 'typed' be a case form of the alias word 'nom'? The inflector
 * changes at most the last three letters of a word (an ending, a vowel
 * alternation in the final syllable: Київ -> Києвом, Тернопіль ->
 * Тернополем) and adds at most four: the cheap test before declining. */
static int form_plausible(const char *nom, size_t nl, const char *typed, size_t tl) {
    size_t a = cps(nom, nl), t = cps(typed, tl);
    if (t + 3 < a || t > a + 4) return 0;
    size_t c = common_cps(nom, nl, typed, tl);
    return c + 3 >= a && c >= (a < 2 ? a : 2);
}

static int same_word(const char *a, size_t al, const char *b, size_t bl) {
    return al == bl && !memcmp(a, b, al);
}

/* ## Matching generated forms */

typedef struct form_ctx {
    const toks *typed;
    int surname;      /* compare the variant's last word with the typed word */
    size_t last;      /* index of the alias's last word */
} form_ctx;

static int form_emit(const char *const *w, const size_t *l, size_t n, void *ud) {
    const form_ctx *f = ud;
    const toks *t = f->typed;
    if (f->surname) return f->last < n && same_word(w[f->last], l[f->last], t->w[0], t->wl[0]);
    if (n != t->n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!same_word(w[i], l[i], t->w[i], t->wl[i])) return 0;
    return 1;
}

/* 1 if the typed words are a generated case form of alias 'a' (of an
 * entity of 'type'); with 'surname', if the typed word is the last word of
 * one of the alias's forms. */
static int is_form(const toks *typed, const toks *a, const char *type, int surname) {
    if (!a->cyr || a->acronym || !typed->cyr) return 0;
    form_ctx f = {typed, surname, a->last};
    return ng_inflect_alias(a->iw, a->n, type, NG_LANG_UNKNOWN, form_emit, &f) == 1;
}

/* ## Edit distance (Levenshtein over code points, cut off above 'max') */

static size_t to_cps(const char *s, size_t len, int32_t *out, size_t cap) {
    size_t n = 0, i = 0;
    while (i < len && n < cap) i += next_cp(s + i, len - i, &out[n++]);
    return i < len ? cap + 1 : n;
}

static int edit_distance(const int32_t *a, size_t an, const int32_t *b, size_t bn, int max) {
    if ((an > bn ? an - bn : bn - an) > (size_t)max) return max + 1;
    int r0[MAXCP_DIST + 1], r1[MAXCP_DIST + 1], r2[MAXCP_DIST + 1];
    int *pp = r0, *prev = r1, *row = r2;
    for (size_t j = 0; j <= bn; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= an; i++) {
        row[0] = (int)i;
        int best = row[0];
        for (size_t j = 1; j <= bn; j++) {
            int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            /* two neighbours swapped count one (Stoltenbreg) */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v) v = pp[j - 2] + 1;
            row[j] = v;
            if (v < best) best = v;
        }
        if (best > max) return max + 1;
        int *x = pp; pp = prev; prev = row; row = x;
    }
    return prev[bn];
}

/* Distance allowed for a typed name of n code points. */
static int max_typo(size_t n) { return n <= 4 ? 1 : n <= 8 ? 2 : 3; }

/* ## The rules */

/* Rule 2: folded equality with a stored alias (ngg_fold, as stored). */
static int by_alias(ng_store *s, const char *name, cands *c) {
    char *norm = ngg_fold(s->fold, name);
    if (!norm) return NG_E_NOMEM;
    static const char q[] = "SELECT DISTINCT e.id, e.key, e.name, e.type, e.mentions, a.alias FROM alias a"
                            " JOIN entity e ON e.key=a.entity WHERE a.norm=?";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q, &st, NULL);
    if (!rc) {
        sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
        while (!rc && sqlite3_step(st) == SQLITE_ROW)
            rc = cands_add(c, sqlite3_column_int64(st, 0), ngg_col_text(st, 1), ngg_col_text(st, 2), ngg_col_text(st, 3),
                           sqlite3_column_int64(st, 4), ngg_col_text(st, 5), VIA_ALIAS);
        ngg_done(st);
    }
    free(norm);
    return rc;
}

/* Rule 3: the aliases whose first word shares the typed first word's first
 * letters (all but the last four, at least two): equal as the tagger folds
 * them (dashes, apostrophes), or declined to the typed words. */
static int by_form(ng_store *s, const toks *t, cands *exact, cands *forms) {
    size_t l1 = t->wl[0], c1 = cps(t->w[0], l1);
    size_t keep = c1 > 6 ? c1 - 4 : (c1 < 2 ? c1 : 2);
    size_t pb = cp_bytes(t->w[0], l1, keep);
    char *lo = malloc(pb + 2);
    if (!lo) return NG_E_NOMEM;
    memcpy(lo, t->w[0], pb);
    lo[pb] = (char)0xFF;   /* above every UTF-8 continuation of the prefix */
    static const char q[] = "SELECT alias, entity, norm FROM alias WHERE norm>=?1 AND norm<?2";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q, &st, NULL);
    if (rc) { free(lo); return rc; }
    sqlite3_bind_text(st, 1, lo, (int)pb, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, lo, (int)pb + 1, SQLITE_TRANSIENT);
    free(lo);
    toks a = {0};
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *alias = ngg_col_text(st, 0), *key = ngg_col_text(st, 1), *norm = ngg_col_text(st, 2);
        /* more words than typed: no need to tokenize */
        size_t spaces = 0;
        for (const char *p = norm; (p = strchr(p, ' ')); p++) spaces++;
        if (spaces >= t->n) continue;
        if (!tokenize(&a, alias) || a.n != t->n) continue;
        int same = 1;
        for (size_t i = 0; i < a.n && same; i++) same = same_word(a.w[i], a.wl[i], t->w[i], t->wl[i]);
        if (same) { rc = add_by_key(s, exact, key, alias, VIA_ALIAS, NULL); continue; }
        int plaus = a.cyr && t->cyr && !a.acronym;
        for (size_t i = 0; i < a.n && plaus; i++)
            plaus = same_word(a.w[i], a.wl[i], t->w[i], t->wl[i]) || form_plausible(a.w[i], a.wl[i], t->w[i], t->wl[i]);
        if (!plaus) continue;
        char type[32];
        if ((rc = entity_type(s, key, type))) break;
        if (is_form(t, &a, type, 0)) rc = add_by_key(s, forms, key, alias, VIA_FORM, NULL);
    }
    ngg_done(st);
    ng_tokbuf_free(&a.tb);
    return rc;
}

/* Rule 4 and the suggestions of rule 5, from two index range scans:
 *  - the aliases of two words or more whose words after the first start
 *    with the typed word's first letter (index alias_rest on the text after
 *    the first space: for "given-name surname" aliases, the surname): a
 *    person's alias whose last word is the typed word, or declines to it
 *    (in the declension of the whole name, which knows the gender), names
 *    that person; a last word within the typo distance is a suggestion;
 *  - whole aliases that start with the typed name's first letter and have
 *    about its length: suggestions. */
static int scan_rows(ng_store *s, sqlite3_stmt *st, const toks *t, const int32_t *tc, size_t tn, int maxd,
                     int surname, cands *surnames, cands *near) {
    toks a = {0};
    int32_t ac[MAXCP_DIST + 1];
    int rc = NG_OK;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *norm = ngg_col_text(st, 0), *key = ngg_col_text(st, 1);
        size_t nl = (size_t)sqlite3_column_bytes(st, 0);
        const char *w = norm;
        if (surname) {
            const char *sp = strrchr(norm, ' ');
            if (!sp) continue;
            w = sp + 1;
        }
        size_t wl = nl - (size_t)(w - norm);
        int d = maxd + 1;
        if (near) {   /* (no suggestions wanted: no distance) */
            size_t an = to_cps(w, wl, ac, MAXCP_DIST);
            if (an <= MAXCP_DIST) d = edit_distance(tc, tn, ac, an, maxd);
        }
        int plaus = surname && form_plausible(w, wl, t->w[0], t->wl[0]);
        if (!plaus && d > maxd) continue;
        /* the alias as written (the index scanned holds only the folded form) */
        char alias[512];
        if ((rc = alias_text(s, norm, key, alias))) break;
        if (plaus && tokenize(&a, alias) && a.nwords >= 2) {
            /* decided on the tagger's tokens of the alias as written */
            if (same_word(a.w[a.last], a.wl[a.last], t->w[0], t->wl[0]))
                rc = add_by_key(s, surnames, key, alias, VIA_SURNAME, "PER");
            else if (a.cyr && t->cyr) {
                char type[32];
                if (!(rc = entity_type(s, key, type)) && !strcmp(type, "PER") && is_form(t, &a, "PER", 1)) rc = add_by_key(s, surnames, key, alias, VIA_SURNAME, "PER");
            }
        }
        if (!rc && d <= maxd) rc = add_by_key(s, near, key, alias, d, NULL);
    }
    ng_tokbuf_free(&a.tb);
    return rc;
}

/* 'near' NULL: the surnames only (rule 4), no suggestions. */
static int by_scan(ng_store *s, const char *name, const toks *t, cands *surnames, cands *near) {
    size_t fl = 0;
    char *typed = ng_fold(name, strlen(name), &fl);
    if (!typed) return NG_E_NOMEM;
    int32_t tc[MAXCP_DIST + 1];
    size_t tn = to_cps(typed, fl, tc, MAXCP_DIST);
    if (tn > MAXCP_DIST) { free(typed); return NG_OK; }
    int maxd = max_typo(tn);
    char lo[64];
    int rc = NG_OK;
    if (t->nwords == 1 && t->n == 1) {
        static const char q[] = "SELECT norm, entity FROM alias WHERE instr(norm, ' ') > 0"
                                " AND substr(norm, instr(norm, ' ') + 1) >= ?1 AND substr(norm, instr(norm, ' ') + 1) < ?2";
        /* the range of the word's first letter; for the surnames alone
         * (near NULL: ng_store_lookup_also, after a name matched) a narrower
         * one: a surname or a form of one (form_plausible) shares at least
         * its first two letters and all but the last seven of the typed
         * word's (a one-word name found by rule 2: 0.8 -> 0.1-0.4 ms on the
         * 333,839 aliases of tools/bench/lookup_bench.sh) */
        size_t wc = cps(t->w[0], t->wl[0]), k = 1;
        if (!near) k = wc < 9 ? 2 : wc - 7;
        if (k > wc) k = wc;
        size_t b1 = cp_bytes(t->w[0], t->wl[0], k);
        sqlite3_stmt *st;
        if (b1 < sizeof lo - 1 && !(rc = ngg_stmt(s, q, &st, NULL))) {
            memcpy(lo, t->w[0], b1);
            lo[b1] = (char)0xFF;
            sqlite3_bind_text(st, 1, lo, (int)b1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, lo, (int)b1 + 1, SQLITE_TRANSIENT);
            rc = scan_rows(s, st, t, tc, tn, maxd, 1, surnames, near);
            ngg_done(st);
        }
    }
    static const char q2[] = "SELECT norm, entity FROM alias WHERE norm >= ?1 AND norm < ?2"
                             " AND length(norm) BETWEEN ?3 AND ?4";
    size_t b1 = cp_bytes(typed, fl, 1);
    sqlite3_stmt *st;
    if (!rc && near && b1 < sizeof lo - 1 && !(rc = ngg_stmt(s, q2, &st, NULL))) {
        memcpy(lo, typed, b1);
        lo[b1] = (char)0xFF;
        sqlite3_bind_text(st, 1, lo, (int)b1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, lo, (int)b1 + 1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)(tn > (size_t)maxd ? tn - (size_t)maxd : 0));
        sqlite3_bind_int64(st, 4, (sqlite3_int64)(tn + (size_t)maxd));
        rc = scan_rows(s, st, t, tc, tn, maxd, 0, surnames, near);
        ngg_done(st);
    }
    free(typed);
    return rc;
}

/* ## ng_store_lookup */

static void list_cands(const cands *c, size_t max, char *buf, size_t size, int with_name_first) {
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < c->n && i < max && used < size - 1; i++) {
        const cand *x = &c->v[i];
        int k = with_name_first ? snprintf(buf + used, size - used, "%s%s (%s, %s)", used ? ", " : "", x->name, x->key, x->type)
                                : snprintf(buf + used, size - used, "%s%s (%s, %s)", used ? ", " : "", x->key, x->type, x->name);
        if (k > 0) used += (size_t)k;
        if (used >= size) used = size - 1;
    }
}

static void set_failure(ng_store *s, const char *name, const char *what, const char *rule, json_t *list) {
    json_decref(s->lookup_fail);
    char *q = ng_utf8_repair(name, strlen(name), NULL);   /* (a name may hold bytes that are not UTF-8) */
    s->lookup_fail = q ? json_pack("{s:s,s:s}", "query", q, "error", what) : NULL;
    free(q);
    if (!s->lookup_fail) return;
    if (rule) json_object_set_new(s->lookup_fail, "rule", json_string(rule));
    json_object_set(s->lookup_fail, !strcmp(what, "ambiguous") ? "candidates" : "suggestions", list);
}

json_t *ng_store_lookup_failure(ng_store *s) { return s ? s->lookup_fail : NULL; }
json_t *ng_store_lookup_also(ng_store *s) { return s ? s->lookup_also : NULL; }

/* After a rule named one entity ('chosen', by 'via'): the other entities
 * the later rules name (a case form, the tagger's folding, a surname
 * alone), into s->lookup_also: the lookup keeps the documented order (the
 * first rule decides) but does not hide that the name is ambiguous
 * (Ельцина: the exact surface of a rule-found Наина Ельцина, and a case
 * form of Boris Yeltsin's alias Ельцин). */
static int find_also(ng_store *s, const char *name, const toks *t, int via, int64_t chosen) {
    cands exact = {0}, forms = {0}, sur = {0};
    int rc = NG_OK;
    if (via == VIA_ALIAS) rc = by_form(s, t, &exact, &forms);
    if (!rc && via <= VIA_FORM && t->nwords == 1 && t->n == 1) rc = by_scan(s, name, t, &sur, NULL);
    json_t *a = rc ? NULL : json_array();
    const cands *lists[3] = {&exact, &forms, &sur};
    static const int rules[3] = {VIA_ALIAS, VIA_FORM, VIA_SURNAME};
    for (int k = 0; k < 3 && a; k++) {
        cands *c = (cands *)lists[k];
        if (c->n > 1) qsort(c->v, c->n, sizeof *c->v, cmp_cand);
        for (size_t i = 0; i < c->n; i++) {
            const cand *x = &c->v[i];
            int seen = x->id == chosen;
            for (size_t j = 0; j < json_array_size(a) && !seen; j++)
                seen = !strcmp(json_string_value(json_object_get(json_array_get(a, j), "id")), x->key);
            if (seen) continue;
            json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:s,s:s}", "id", x->key, "name", x->name, "type", x->type,
                                  "mentions", (json_int_t)x->mentions, "alias", x->alias, "rule", via_names[rules[k]]);
            if (o) json_array_append_new(a, o);
        }
    }
    if (a && json_array_size(a)) s->lookup_also = a;
    else json_decref(a);
    cands_free(&exact); cands_free(&forms); cands_free(&sur);
    return rc;
}

int ng_store_lookup(ng_store *s, const char *name, int64_t *rowid, json_t **candidates, ng_error *err) {
    return ngg_lookup_rules(s, name, 1, rowid, candidates, err);
}

int ngg_lookup_rules(ng_store *s, const char *name, int scan, int64_t *rowid, json_t **candidates, ng_error *err) {
    if (candidates) *candidates = NULL;
    json_decref(s->lookup_fail);
    s->lookup_fail = NULL;
    json_decref(s->lookup_also);
    s->lookup_also = NULL;
    if (!name || !*name) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "empty entity name");
    /* 1. the id */
    static const char qid[] = "SELECT id FROM entity WHERE key=?";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, qid, &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) *rowid = sqlite3_column_int64(st, 0);
    ngg_done(st);
    if (found) return NG_OK;

    cands c = {0}, forms = {0}, near = {0};
    toks t = {0};
    int via = VIA_ALIAS;
    /* a name that is not UTF-8 is no stored name (and folds to nothing) */
    size_t nl = strlen(name);
    if (ng_utf8_valid_prefix(name, nl) < nl) {
        json_t *none = json_array();
        set_failure(s, name, "not_found", NULL, none);
        json_decref(none);
        return ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no entity with id, name or alias '%s' (not valid UTF-8)", name);
    }
    /* 2. a name or an alias, any letter case */
    rc = by_alias(s, name, &c);
    int words = !rc && tokenize(&t, name);
    /* 3. the same as the tagger folds it, or a case form */
    if (!rc && !c.n && words) {
        rc = by_form(s, &t, &c, &forms);
        if (!rc && !c.n && forms.n) { cands x = c; c = forms; forms = x; via = VIA_FORM; }
    }
    /* 4. a surname alone; 5. suggestions */
    if (!rc && !c.n && words && scan) {
        rc = by_scan(s, name, &t, &c, &near);
        if (!rc && c.n) via = VIA_SURNAME;
    }
    if (rc) {
        cands_free(&c); cands_free(&forms); cands_free(&near); ng_tokbuf_free(&t.tb);
        return ng_error_set(err, rc == NG_E_NOMEM ? NG_E_NOMEM : NG_E_DB, s->path, 0, 0, "entity lookup: %s",
                            rc == NG_E_NOMEM ? "out of memory" : sqlite3_errmsg(s->db));
    }
    char list[400];
    if (c.n == 1) {
        *rowid = c.v[0].id;
        if (candidates) *candidates = cands_json(&c, 0, 1);
        if (scan && words && find_also(s, name, &t, via, c.v[0].id) == NG_E_NOMEM)
            rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
    } else if (c.n > 1) {
        qsort(c.v, c.n, sizeof *c.v, cmp_cand);
        json_t *j = cands_json(&c, 0, c.n);
        set_failure(s, name, "ambiguous", via_names[via], j);
        list_cands(&c, c.n, list, sizeof list, 0);
        if (via == VIA_ALIAS)
            rc = ng_error_set(err, NG_E_AMBIGUOUS, NULL, 0, 0, "'%s' is ambiguous; candidates: %s", name, list);
        else
            rc = ng_error_set(err, NG_E_AMBIGUOUS, NULL, 0, 0, "'%s' is ambiguous (%s); candidates: %s", name,
                              via == VIA_FORM ? "a case form of several entities' names" : "the surname of several people",
                              list);
        if (candidates) *candidates = j; else json_decref(j);
    } else {
        if (near.n > 1) qsort(near.v, near.n, sizeof *near.v, cmp_cand);
        json_t *j = cands_json(&near, 1, MAX_SUGGEST);
        set_failure(s, name, "not_found", NULL, j);
        if (near.n) {
            list_cands(&near, MAX_SUGGEST, list, sizeof list, 1);
            rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no entity '%s'; did you mean: %s?", name, list);
        } else
            rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no entity with id, name or alias '%s'", name);
        if (candidates) *candidates = j; else json_decref(j);
    }
    cands_free(&c); cands_free(&forms); cands_free(&near);
    ng_tokbuf_free(&t.tb);
    return rc;
}

int ngg_lookup(ng_store *s, const char *name, int64_t *rowid, ng_error *err) {
    return ng_store_lookup(s, name, rowid, NULL, err);
}

int ngg_same_entity(ng_store *s, const char *a, const char *b, int64_t id, ng_error *err) {
    json_t *e = ngg_entity_brief(s, id);
    const char *key = json_string_value(json_object_get(e, "id"));
    int rc = strcmp(a, b) ? ng_error_set(err, NG_E_ARG, NULL, 0, 0, "'%s' and '%s' are the same entity (%s): give two",
                                         a, b, key ? key : "?")
                          : ng_error_set(err, NG_E_ARG, NULL, 0, 0, "'%s' given twice: give two entities", a);
    json_decref(e);
    return rc;
}
