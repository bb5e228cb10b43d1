/* Likely duplicates among the people of the graph (ng_query_duplicates):
 * a person the rules found by a short form of the name in some articles
 * ("R. Croft", "Croft", "О. Петренко") and by the full name in others
 * ("Robert Croft") is two or three nodes, since the tagger links the forms
 * within an article only. The short form's id is the one the person-name
 * rules give the full name's short form ("Robert Croft" -> "R. Croft" ->
 * per:r-kroft), so the comparison is the rules' own (case forms, scripts
 * and transliterations meet as they do in the tagger's ids). */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "internal.h"

typedef struct dperson {
    int64_t rowid;
    char *key, *name;
    char *sur;    /* the surname (the last word) folded */
    int cyr;      /* it is written in Cyrillic */
    int32_t first;   /* the name's first letter, lower case */
    long mentions, articles;
    int kind;   /* 0 a full name, 1 an initial and a surname, 2 a surname alone */
} dperson;

/* A short form's id and the person whose name gives it. */
typedef struct dform {
    char *id;
    size_t who;
    int kind;   /* the form: 1 initial and surname, 2 surname */
} dform;

static int cmp_form(const void *x, const void *y) {
    const dform *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    if (c) return c;
    return a->who < b->who ? -1 : a->who > b->who;
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s) {
    int32_t cp;
    int n = ng_utf8_decode((const unsigned char *)s, strlen(s), &cp);
    return n > 0 ? (size_t)n : 1;
}

/* Is the word w[0, n) initials: one character and a dot, once or more
 * ("R.", "I.K.", "Ю.")? */
static int initials(const char *w, size_t n) {
    size_t i = 0;
    if (!n) return 0;
    while (i < n) {
        size_t c = char_len(w + i);
        if (i + c >= n || w[i + c] != '.') return 0;
        i += c + 1;
    }
    return 1;
}

/* The kind of a name (dperson.kind), or -1 for a name of no such shape. */
static int name_kind(const char *name) {
    const char *sp = strchr(name, ' ');
    if (!sp) return *name ? 2 : -1;
    if (initials(name, (size_t)(sp - name))) return strchr(sp + 1, ' ') ? -1 : 1;
    return 0;
}

/* The length of a skeleton without its last vowels (the endings that
 * transliterations write differently: Зеленський zelenskii, Zelensky
 * zelenski). */
static size_t bare_len(const char *sk) {
    size_t n = strlen(sk);
    while (n > 1 && strchr("aeiou", sk[n - 1])) n--;
    return n;
}

/* Are the surnames of a and b one? The ids' keys are lossy (stems:
 * Haas and Hasina, Black and Blakey, Smith and Smyth, Стефанов and
 * Stephanie have one key), so in one script the folded surnames must be
 * equal (the names are nominatives), and across scripts their skeletons
 * but for the last vowels (Шевченко, Shevchenko; Хмельницький,
 * Khmelnytsky). */
static int same_surname(const dperson *a, const dperson *b) {
    if (a->cyr == b->cyr) return !strcmp(a->sur, b->sur);
    char x[128], y[128];
    ng_name_skeleton(a->sur, strlen(a->sur), x, sizeof x);
    ng_name_skeleton(b->sur, strlen(b->sur), y, sizeof y);
    size_t n = bare_len(x);
    return n == bare_len(y) && !memcmp(x, y, n);
}

/* Does initial person x's initial stand for person y's given name? In
 * one script the letters must be one (the keys make C and K one, Chris's
 * and Kim's initial); across scripts the ids decide (Н., Naoto). */
static int same_initial(const dperson *x, const dperson *y) {
    int xc = x->first >= 0x400 && x->first < 0x530, yc = y->first >= 0x400 && y->first < 0x530;
    return xc != yc || x->first == y->first;
}

/* The rules' id of a form of a name into buf; 0 when they give none. */
static int form_id(ng_tagger *persons, const char *form, size_t len, char *buf, size_t cap, int *nomem) {
    int rc = ng_tagger_person_id(persons, form, len, buf, cap);
    if (rc == NG_E_NOMEM) *nomem = 1;
    return rc == NG_OK && *buf;
}

/* Adds the short forms of person i (dperson.kind 0: its initial and
 * surname, its surname; kind 1: its surname) to *forms. */
static int add_forms(ng_tagger *persons, const dperson *p, size_t i, dform **forms, size_t *n, size_t *cap) {
    const char *last = strrchr(p->name, ' ');
    if (!last) return NG_OK;
    last++;
    char form[1024], id[512];
    int nomem = 0;
    for (int kind = p->kind == 0 ? 1 : 2; kind <= 2; kind++) {
        size_t len;
        if (kind == 1) {
            size_t c = char_len(p->name);
            int w = snprintf(form, sizeof form, "%.*s. %s", (int)c, p->name, last);
            if (w < 0 || (size_t)w >= sizeof form) continue;
            len = (size_t)w;
        } else {
            len = strlen(last);
            if (len >= sizeof form) continue;
            memcpy(form, last, len + 1);
        }
        if (!form_id(persons, form, len, id, sizeof id, &nomem)) {
            if (nomem) return NG_E_NOMEM;
            continue;
        }
        if (ng_grow((void **)forms, cap, *n + 1, sizeof **forms)) return NG_E_NOMEM;
        char *d = strdup(id);
        if (!d) return NG_E_NOMEM;
        (*forms)[(*n)++] = (dform){d, i, kind};
    }
    return NG_OK;
}

/* The integer query 'q' (a static string: a cached statement) gives for
 * rowids a and b. */
static int pair_int(ng_store *s, const char *q, int64_t a, int64_t b, long *out, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q, &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    int r = sqlite3_step(st);
    *out = r == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    rc = r == SQLITE_ROW ? NG_OK : ngg_db_err(s, err, "duplicates");
    ngg_done(st);
    return rc;
}
/* Do a and b share an article? */
static const char share_sql[] = "SELECT EXISTS (SELECT 1 FROM mention x JOIN mention y ON y.entity=?2 "
                                "AND y.article=x.article WHERE x.entity=?1)";
/* The neighbours a and b have in common. */
static const char shared_sql[] = "SELECT count(*) FROM (SELECT b AS n FROM edge WHERE a=?1 UNION SELECT a FROM edge "
                                 "WHERE b=?1) JOIN (SELECT b AS n FROM edge WHERE a=?2 UNION SELECT a FROM edge WHERE b=?2) "
                                 "USING (n)";

/* The persons whose short form (of 'kind', 0: any) has the id 'key':
 * [*lo, *hi) of the sorted forms. */
static void forms_of(const dform *f, size_t n, const char *key, size_t *lo, size_t *hi) {
    size_t a = 0, b = n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (strcmp(f[m].id, key) < 0) a = m + 1;
        else b = m;
    }
    *lo = a;
    while (a < n && !strcmp(f[a].id, key)) a++;
    *hi = a;
}

typedef struct dcand { size_t who; long shared; } dcand;

static int cmp_cand(const void *x, const void *y, void *ctx) {
    const dcand *a = x, *b = y;
    const dperson *p = ctx;
    if (a->shared != b->shared) return a->shared > b->shared ? -1 : 1;
    if (p[a->who].mentions != p[b->who].mentions) return p[a->who].mentions > p[b->who].mentions ? -1 : 1;
    return strcmp(p[a->who].key, p[b->who].key);
}
/* groups by their short form's mentions (most first), then id */
static int cmp_group(const void *x, const void *y) {
    const json_t *a = json_object_get(*(json_t *const *)x, "entity"), *b = json_object_get(*(json_t *const *)y, "entity");
    json_int_t ma = json_integer_value(json_object_get(a, "mentions")), mb = json_integer_value(json_object_get(b, "mentions"));
    if (ma != mb) return ma > mb ? -1 : 1;
    return strcmp(json_string_value(json_object_get(a, "id")), json_string_value(json_object_get(b, "id")));
}

static json_t *person_json(const dperson *p) {
    return json_pack("{s:s,s:s,s:s,s:I,s:I}", "id", p->key, "name", p->name, "type", "PER", "mentions",
                     (json_int_t)p->mentions, "articles", (json_int_t)p->articles);
}

/* The candidates of short-form person x: the people whose short form of
 * its kind gives its id ('kinds': which of them may be: bit 0 full names,
 * bit 1 initials), never x itself nor one x shares an article with (the
 * tagger links forms within an article: two forms met in one article are
 * two people). */
static int candidates(ng_store *s, const dperson *p, const dform *f, size_t nf, size_t x, unsigned kinds,
                      dcand **out, size_t *n, size_t *cap, ng_error *err) {
    size_t lo, hi;
    forms_of(f, nf, p[x].key, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        size_t y = f[k].who;
        if (y == x || f[k].kind != p[x].kind || !((kinds >> p[y].kind) & 1) || !same_surname(&p[x], &p[y]) ||
            (p[x].kind == 1 && !same_initial(&p[x], &p[y])))
            continue;
        long both = 0, sh = 0;
        int rc = pair_int(s, share_sql, p[x].rowid, p[y].rowid, &both, err);
        if (rc) return rc;
        if (both) continue;
        if ((rc = pair_int(s, shared_sql, p[x].rowid, p[y].rowid, &sh, err))) return rc;
        if (ng_grow((void **)out, cap, *n + 1, sizeof **out)) return NG_E_NOMEM;
        (*out)[(*n)++] = (dcand){y, sh};
    }
    return NG_OK;
}

/* Appends the group of person x, its form and its candidates c[0, nc). */
static int add_group(json_t *arr, const dperson *p, size_t x, const char *form, const dcand *c, size_t nc) {
    json_t *cs = json_array(), *g = json_pack("{s:o,s:s,s:b,s:o}", "entity", person_json(&p[x]), "form", form,
                                              "unique", nc == 1, "candidates", cs);
    if (!cs || !g || json_array_append_new(arr, g)) { json_decref(g); return NG_E_NOMEM; }
    for (size_t k = 0; k < nc; k++) {
        json_t *o = person_json(&p[c[k].who]);
        if (!o || json_object_set_new(o, "shared_neighbors", json_integer(c[k].shared)) || json_array_append_new(cs, o)) {
            json_decref(o);
            return NG_E_NOMEM;
        }
    }
    return NG_OK;
}

/* The variant signature of a rule-found full name of two words, whose id
 * is "per:" + given name's key + "-" + surname's key, into buf: the
 * surname's key, the given name's key without its vowels (a e i o u, and
 * j and y, which transliterations trade for i: Juergen, Jürgen and Юрген
 * are "rhn") and its last letter when that is a vowel (Maria and Mario,
 * Ivan and Ivana stay apart). 0 for no such name, or a given name of fewer
 * than two consonants (Ian and Jan). */
static int variant_sig(const dperson *p, char *buf, size_t cap) {
    if (p->kind || strncmp(p->key, "per:", 4) || strchr(p->key, '~')) return 0;
    const char *g = p->key + 4, *dash = strchr(g, '-');
    const char *sp = strchr(p->name, ' ');
    if (!dash || strchr(dash + 1, '-') || !sp || strchr(sp + 1, ' ') || dash == g) return 0;
    size_t n = 0, cons = 0, sl = strlen(dash + 1);
    if (sl + 1 >= cap) return 0;
    memcpy(buf, dash + 1, sl);
    n = sl;
    buf[n++] = '|';
    for (const char *q = g; q < dash && n + 3 < cap; q++)
        if (!strchr("aeiouyj", *q)) { buf[n++] = *q; cons++; }
    char last = dash[-1];
    buf[n++] = '|';
    buf[n++] = strchr("aeiouyj", last) ? last : '#';
    buf[n] = 0;
    return cons >= 2 && n < cap;
}

/* Is x a group's candidate before y: more mentions, then the smaller id? */
static int more_mentioned(const dperson *x, const dperson *y) {
    return x->mentions > y->mentions || (x->mentions == y->mentions && strcmp(x->key, y->key) < 0);
}

typedef struct dvar { char sig[160]; size_t who; } dvar;
static int cmp_var(const void *x, const void *y) {
    const dvar *a = x, *b = y;
    int c = strcmp(a->sig, b->sig);
    return c ? c : (a->who < b->who ? -1 : a->who > b->who);
}

/* Full names of one person in two spellings of the given name (Juergen,
 * Jürgen and Юрген Klinsmann; Антін and Антон Яценко): in each set of
 * rule-found full names of one variant signature, the most mentioned one
 * is the candidate of each other one that has its surname (as
 * same_surname). An article may name both: the tagger does not link
 * spellings ("Юрген Клинсман (Jürgen Klinsmann)"; "Антона Яценко", read
 * as Антін's genitive, beside "Антон Яценко"). */
static int variants(ng_store *s, const dperson *p, size_t np, json_t *arr, ng_error *err) {
    dvar *v = NULL;
    size_t nv = 0, cap = 0;
    int rc = NG_OK;
    for (size_t i = 0; i < np; i++) {
        if (ng_grow((void **)&v, &cap, nv + 1, sizeof *v)) { free(v); return NG_E_NOMEM; }
        if (variant_sig(&p[i], v[nv].sig, sizeof v[nv].sig)) v[nv++].who = i;
    }
    qsort(v, nv, sizeof *v, cmp_var);
    for (size_t a = 0, b; !rc && a < nv; a = b) {
        for (b = a + 1; b < nv && !strcmp(v[a].sig, v[b].sig); b++) {}
        if (b - a < 2) continue;
        size_t keep = v[a].who;
        for (size_t k = a + 1; k < b; k++)
            if (more_mentioned(&p[v[k].who], &p[keep])) keep = v[k].who;
        for (size_t k = a; !rc && k < b; k++) {
            size_t x = v[k].who;
            if (x == keep || !same_surname(&p[x], &p[keep])) continue;
            dcand c = {keep, 0};
            if (!(rc = pair_int(s, shared_sql, p[x].rowid, p[keep].rowid, &c.shared, err)))
                rc = add_group(arr, p, x, "variant", &c, 1);
        }
    }
    free(v);
    return rc;
}

/* ### Transcriptions: an English name in Latin letters and in Cyrillic
 *
 * Ukrainian and Russian news write an English surname as it sounds, not as
 * it is spelled (Simon: Саймон, Johnson: Джонсон, Price: Прайс, Williams:
 * Вільямс, Уильямс), so its skeleton, and the id, is not the Latin
 * spelling's. The transcription key is what the two keep alike: the
 * consonants as the Cyrillic letters write them, without those the
 * transcriptions drop or spell otherwise (h, g, j and y: г / х, дж and ж
 * stand for h, g, j and soft g; the vowels). */

static int vowel(char c) { return c && strchr("aeiouy", c) != NULL; }

/* Appends c to the key unless it repeats its last letter (Коллінз,
 * Collins). */
static void key_put(char *out, size_t *n, size_t cap, char c) {
    if (*n + 1 < cap && (!*n || out[*n - 1] != c)) out[(*n)++] = c;
}

/* The key of a Latin surname r (lower case, ASCII): English spelling read
 * as the transcriptions read it (c before e, i, y is s, else k; ch, tch is
 * c, as ч; ph f; gh, kn-, wr- silent; w after a vowel silent, else v, wh v;
 * qu kv; x ks; sh, sch s; th t; ts, tz, z s; kh silent, as the
 * skeleton's h of х and г is: Khodorkovsky, Ходорковский; the l of walk
 * silent: Walker, Уокер). */
static size_t latin_key(const char *r, char *out, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; r[i]; i++) {
        char c = r[i], d = r[i + 1];
        switch (c) {
        case 'c':
            if (d == 'h') { key_put(out, &n, cap, 'c'); i++; }
            else if (d == 'k') { key_put(out, &n, cap, 'k'); i++; }
            else key_put(out, &n, cap, d == 'e' || d == 'i' || d == 'y' ? 's' : 'k');
            break;
        case 'p':
            if (d == 'h') { key_put(out, &n, cap, 'f'); i++; }
            else key_put(out, &n, cap, 'p');
            break;
        case 'g':
            if (d == 'h') i++;
            break;
        case 'k':
            if (d == 'h') { i++; break; }   /* kh is х, h in the skeleton */
            if (!(i == 0 && d == 'n')) key_put(out, &n, cap, 'k');
            break;
        case 'l':
            if (!(i >= 2 && r[i - 1] == 'a' && r[i - 2] == 'w' && d == 'k')) key_put(out, &n, cap, 'l');   /* Walker, Уокер */
            break;
        case 'w':
            if (i == 0 && d == 'r') break;
            if (d == 'h') { key_put(out, &n, cap, 'v'); i++; }
            else if (!(i > 0 && vowel(r[i - 1]))) key_put(out, &n, cap, 'v');
            break;
        case 'q':
            key_put(out, &n, cap, 'k');
            if (d == 'u') { key_put(out, &n, cap, 'v'); i++; }
            break;
        case 'x':
            key_put(out, &n, cap, 'k');
            key_put(out, &n, cap, 's');
            break;
        case 's':
            if (d == 'h') i++;
            else if (d == 'c' && r[i + 2] == 'h') i += 2;
            key_put(out, &n, cap, 's');
            break;
        case 't':
            if (d == 'h') i++;
            else if (d == 's' || d == 'z') { key_put(out, &n, cap, 's'); i++; break; }
            key_put(out, &n, cap, 't');
            break;
        case 'z':
            key_put(out, &n, cap, 's');
            break;
        default:
            if (c >= 'a' && c <= 'z' && !vowel(c) && c != 'h' && c != 'j') key_put(out, &n, cap, c);
        }
    }
    out[n] = 0;
    return n;
}

/* The key of a Cyrillic surname's skeleton r (ng_name_skeleton: Саймон
 * saimon, Джонсон dzhonson): дж and ж dropped, у first before a vowel v
 * (Уоррен, Warren; Уайт, White), ч c, ш and щ s, ц and з s. */
static size_t cyrillic_key(const char *r, char *out, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; r[i]; i++) {
        char c = r[i], d = r[i + 1];
        if (c == 'd' && d == 'z' && r[i + 2] == 'h') { i += 2; continue; }
        if (c == 'z' && d == 'h') { i++; continue; }
        if (i == 0 && c == 'u' && vowel(d)) { key_put(out, &n, cap, 'v'); continue; }
        if (c == 'c' && d == 'h') { key_put(out, &n, cap, 'c'); i++; continue; }
        if (c == 's' && d == 'h') {
            key_put(out, &n, cap, 's');
            i += r[i + 2] == 'c' && r[i + 3] == 'h' ? 3 : 1;
            continue;
        }
        if (c == 't' && d == 's') { key_put(out, &n, cap, 's'); i++; continue; }
        if (c == 'z') { key_put(out, &n, cap, 's'); continue; }
        if (c >= 'a' && c <= 'z' && !vowel(c) && c != 'h' && c != 'g' && c != 'j') key_put(out, &n, cap, c);
    }
    out[n] = 0;
    return n;
}

/* The number of vowel groups (syllables) of a romanised surname: y and a
 * w after a vowel count as vowels (Stewart, Стюарт: 2), a Cyrillic first
 * у before a vowel does not (Уоррен: v); a Latin final e after a
 * consonant is silent in English, not in German (final_e 0: Price, Прайс:
 * 1; 1: Koepke, Кёпке: 2). Transcriptions keep the syllables: Бухарін
 * (3) is no Barjuan (2), Бернацька no Бережанська. */
static int syllables(const char *r, int cyr, int final_e) {
    int n = 0, in = 0;
    size_t len = strlen(r);
    for (size_t i = 0; i < len; i++) {
        int v = vowel(r[i]) || (!cyr && r[i] == 'w' && in);
        if (cyr && i == 0 && r[0] == 'u' && vowel(r[1])) v = 0;
        if (!cyr && !final_e && i + 1 == len && r[i] == 'e' && i > 0 && !vowel(r[i - 1]) && n) v = 0;
        if (v && !in) n++;
        in = v;
    }
    return n;
}

/* The transcription signature of a rule-found full name of two words into
 * buf: its given name's key (from the id; given-variants.txt gives Джоел
 * and Joel one) and its surname's transcription key. 0 for no such name,
 * a surname of fewer than two consonants in the key (Lee, Лі), or one
 * neither Latin nor Cyrillic. The surname's syllables, fewest and most,
 * go to syl; a Cyrillic surname's skeleton to skel (when not NULL). */
static int trans_sig(const dperson *p, char *buf, size_t cap, char *skel, size_t skel_cap, int syl[2]) {
    if (p->kind || strncmp(p->key, "per:", 4) || strchr(p->key, '~')) return 0;
    const char *g = p->key + 4, *dash = strchr(g, '-'), *sp = strchr(p->name, ' ');
    if (!dash || strchr(dash + 1, '-') || !sp || strchr(sp + 1, ' ') || dash == g) return 0;
    char r[128], k[128];
    size_t kl;
    if (p->cyr) {
        ng_name_skeleton(p->sur, strlen(p->sur), r, sizeof r);
        kl = cyrillic_key(r, k, sizeof k);
        if (skel && skel_cap) snprintf(skel, skel_cap, "%s", r);
    } else {
        /* the letters without their marks (Müller, Mueller: u, ue) */
        utf8proc_uint8_t *m = NULL;
        if (utf8proc_map((const utf8proc_uint8_t *)p->sur, 0, &m,
                         UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) < 0)
            return 0;
        size_t n = 0;
        for (const utf8proc_uint8_t *q = m; *q && n + 1 < sizeof r; q++)
            if (*q >= 'a' && *q <= 'z') r[n++] = (char)*q;
            else if (*q >= 0x80 || *q == '-' || *q == '\'') { n = 0; break; }   /* not Latin letters only */
        r[n] = 0;
        free(m);
        if (!n) return 0;
        kl = latin_key(r, k, sizeof k);
    }
    int w = snprintf(buf, cap, "%.*s|%s", (int)(dash - g), g, k);
    syl[0] = syllables(r, p->cyr, 0);
    syl[1] = syllables(r, p->cyr, 1);
    return kl >= 2 && w > 0 && (size_t)w < cap;
}

typedef struct dtrans { dvar v; char skel[128]; int syl[2]; } dtrans;   /* (dvar first: cmp_var sorts it) */

/* Are skeletons a and b of one length and apart in one letter, a vowel in
 * both? */
static int one_vowel_apart(const char *a, const char *b) {
    size_t n = strlen(a), diff = 0;
    if (n != strlen(b)) return 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i] && (++diff > 1 || !vowel(a[i]) || !vowel(b[i]))) return 0;
    return diff == 1;
}

/* Full names of one person in Latin letters and in a Cyrillic
 * transcription (Joel Simon and Джоэл Саймон, per:joel-simon and
 * per:joel-saimon): in each set of rule-found full names of one
 * transcription signature, the most mentioned one is the candidate of
 * each other one, but of two Latin spellings (John Smith and John Smyth
 * are two names, not transcriptions); two Cyrillic ones are the
 * Ukrainian and the Russian transcription (Девід Вільямс, Дэвид Уильямс).
 * Like "variant", an article may name both. */
static int transcriptions(ng_store *s, const dperson *p, size_t np, json_t *arr, ng_error *err) {
    dtrans *v = NULL;
    size_t nv = 0, cap = 0;
    int rc = NG_OK;
    for (size_t i = 0; i < np; i++) {
        if (ng_grow((void **)&v, &cap, nv + 1, sizeof *v)) { free(v); return NG_E_NOMEM; }
        v[nv].skel[0] = 0;
        if (trans_sig(&p[i], v[nv].v.sig, sizeof v[nv].v.sig, v[nv].skel, sizeof v[nv].skel, v[nv].syl)) v[nv++].v.who = i;
    }
    qsort(v, nv, sizeof *v, cmp_var);
    for (size_t a = 0, b; !rc && a < nv; a = b) {
        int latin = 0;
        for (b = a; b < nv && !strcmp(v[a].v.sig, v[b].v.sig); b++) latin |= !p[v[b].v.who].cyr;
        if (b - a < 2) continue;
        size_t keep = a;
        for (size_t k = a + 1; k < b; k++)
            if (more_mentioned(&p[v[k].v.who], &p[v[keep].v.who])) keep = k;
        for (size_t k = a; !rc && k < b; k++) {
            size_t x = v[k].v.who, y = v[keep].v.who;
            /* two Cyrillic spellings: the Ukrainian and the Russian
             * transcription of a name also written in Latin letters, or
             * one vowel apart (Черновецький, Чернівецький; not Бібік and
             * Бубка, Сенин and Гущин, whose keys are one) */
            if (k == keep || (!p[x].cyr && !p[y].cyr) || v[k].syl[1] < v[keep].syl[0] || v[keep].syl[1] < v[k].syl[0] ||
                (p[x].cyr && p[y].cyr && !latin && !one_vowel_apart(v[k].skel, v[keep].skel)))
                continue;
            dcand c = {y, 0};
            if (!(rc = pair_int(s, shared_sql, p[x].rowid, p[y].rowid, &c.shared, err)))
                rc = add_group(arr, p, x, "transcription", &c, 1);
        }
    }
    free(v);
    return rc;
}

int ng_query_duplicates(ng_store *s, ng_tagger *persons, json_t **out, ng_error *err) {
    static const char q[] = "SELECT id, key, name, mentions, articles FROM entity WHERE type='PER' ORDER BY id";
    *out = NULL;
    if (!persons) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "duplicates: no person rules");
    int rc = ng_store_read_begin(s, err);
    if (rc) return rc;
    dperson *p = NULL;
    size_t np = 0, pcap = 0, nf = 0, fcap = 0, nc = 0, ccap = 0;
    dform *f = NULL;
    dcand *c = NULL;
    json_t *arr = NULL;
    sqlite3_stmt *st = NULL;
    if ((rc = ngg_prepare(s, q, &st, err))) goto done;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = ngg_col_text(st, 1), *name = ngg_col_text(st, 2);
        /* a given name alone (an article's own id, "~") and names of no
         * form the rules shorten are left out */
        int kind = name_kind(name);
        if (kind < 0 || strchr(key, '~')) continue;
        if (ng_grow((void **)&p, &pcap, np + 1, sizeof *p)) { rc = NG_E_NOMEM; goto done; }
        dperson *d = &p[np];
        *d = (dperson){.rowid = sqlite3_column_int64(st, 0), .key = strdup(key), .name = strdup(name),
                       .mentions = (long)sqlite3_column_int64(st, 3), .articles = (long)sqlite3_column_int64(st, 4), .kind = kind};
        np++;
        if (!d->key || !d->name) { rc = NG_E_NOMEM; goto done; }
        const char *last = strrchr(name, ' ');
        last = last ? last + 1 : name;
        int32_t cp = 0;
        ng_utf8_decode((const unsigned char *)last, strlen(last), &cp);
        d->cyr = cp >= 0x400 && cp < 0x530;
        cp = 0;
        ng_utf8_decode((const unsigned char *)name, strlen(name), &cp);
        d->first = utf8proc_tolower(cp);
        if (!(d->sur = ngg_fold(s->fold, last))) { rc = NG_E_NOMEM; goto done; }
    }
    if (r != SQLITE_DONE) { rc = ngg_db_err(s, err, "duplicates"); goto done; }
    sqlite3_finalize(st);
    st = NULL;
    for (size_t i = 0; i < np; i++)
        if (p[i].kind < 2 && (rc = add_forms(persons, &p[i], i, &f, &nf, &fcap))) goto done;
    qsort(f, nf, sizeof *f, cmp_form);
    /* the short forms the rules found (their ids are "per:" ids) */
    if (!(arr = json_array())) { rc = NG_E_NOMEM; goto done; }
    for (size_t x = 0; x < np; x++)
        if (p[x].kind && !strncmp(p[x].key, "per:", 4)) {
            nc = 0;
            /* an initial and a surname: the full names it shortens; a
             * surname: the full names, and the initials no full name
             * takes ("Waugh": Steve Waugh, and M. Waugh, who is not he) */
            if ((rc = candidates(s, p, f, nf, x, 1u, &c, &nc, &ccap, err))) goto done;
            if (p[x].kind == 2) {
                size_t nfull = nc;
                if ((rc = candidates(s, p, f, nf, x, 2u, &c, &nc, &ccap, err))) goto done;
                size_t keep = nfull;
                for (size_t k = nfull; k < nc; k++) {
                    size_t lo, hi, taken = 0;
                    forms_of(f, nf, p[c[k].who].key, &lo, &hi);
                    for (size_t j = lo; j < hi && !taken; j++) taken = f[j].kind == 1 && p[f[j].who].kind == 0;
                    if (!taken) c[keep++] = c[k];
                }
                nc = keep;
            }
            if (!nc) continue;
            qsort_r(c, nc, sizeof *c, cmp_cand, p);
            if ((rc = add_group(arr, p, x, p[x].kind == 1 ? "initial" : "surname", c, nc))) goto done;
        }
    if ((rc = variants(s, p, np, arr, err))) goto done;
    if ((rc = transcriptions(s, p, np, arr, err))) goto done;
    /* the most mentioned short forms first */
    {
        size_t n = json_array_size(arr);
        json_t **v = malloc((n ? n : 1) * sizeof *v);
        if (!v) { rc = NG_E_NOMEM; goto done; }
        for (size_t i = 0; i < n; i++) v[i] = json_incref(json_array_get(arr, i));
        qsort(v, n, sizeof *v, cmp_group);
        json_array_clear(arr);
        for (size_t i = 0; i < n; i++) json_array_append_new(arr, v[i]);
        free(v);
    }
    *out = json_pack("{s:I,s:o}", "count", (json_int_t)json_array_size(arr), "groups", arr);
    arr = NULL;
    if (!*out) rc = NG_E_NOMEM;
done:
    if (rc == NG_E_NOMEM) ng_error_set(err, rc, NULL, 0, 0, "out of memory");
    sqlite3_finalize(st);
    json_decref(arr);
    for (size_t i = 0; i < np; i++) { free(p[i].key); free(p[i].name); free(p[i].sur); }
    for (size_t i = 0; i < nf; i++) free(f[i].id);
    free(p);
    free(f);
    free(c);
    ng_store_read_end(s);
    return rc;
}

int ng_query_duplicates_names(ng_store *s, const char *names, json_t **out, ng_error *err) {
    *out = NULL;
    ng_namelist *nl = NULL;
    ng_tagger *persons = ng_tagger_new(NULL, 0, NG_TAG_DEFAULT);
    int rc = NG_OK;
    if (!persons || (names && !(nl = ng_namelist_new())))
        rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
    else if (names && !(rc = ng_namelist_add_file(nl, names, err)))
        rc = ng_tagger_set_names(persons, nl);
    if (!rc) rc = ng_query_duplicates(s, persons, out, err);
    ng_tagger_free(persons);   /* (before the list it borrows) */
    ng_namelist_free(nl);
    return rc;
}
