/* Given-name lists (tagger.h, "Given names"): names in the nominative,
 * their case forms, spelling-variant groups, and the files they come from. */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utf8proc.h>
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "names_internal.h"

#include "base_internal.h"
#include <errno.h>
#include <unistd.h>
#include <xxhash.h>

static int add_compiled(ng_namelist *nl, const char *path, const char *record, ng_error *err);
static int nl_thaw(ng_namelist *nl);

/* ## Given-name lists */


ng_namelist *ng_namelist_new(void) {
    ng_norm_init();
    ngn_words_init();
    return calloc(1, sizeof(ng_namelist));
}

/* Lets go of the compiled file the arrays point into (nl_thaw). */
static void blob_free(ng_namelist *nl) {
    if (nl->blob_mapped) munmap(nl->blob, nl->blob_len);
    else free(nl->blob);
    nl->blob = NULL;
    nl->blob_len = 0;
    nl->blob_mapped = 0;
}

void ng_namelist_free(ng_namelist *nl) {
    if (!nl) return;
    if (nl->blob) blob_free(nl);
    else {
        free(nl->strs);
        free(nl->names);
        free(nl->forms);
        free(nl->table);
        free(nl->vars);
        free(nl->filter);
    }
    free(nl);
}

size_t ng_namelist_count(const ng_namelist *nl) { return nl ? nl->nnames : 0; }

static long nl_str(ng_namelist *nl, const char *s, size_t len) {
    if (ng_grow((void **)&nl->strs, &nl->strs_cap, nl->nstrs + len + 1, 1)) return -1;
    memcpy(nl->strs + nl->nstrs, s, len);
    nl->strs[nl->nstrs + len] = 0;
    long off = (long)nl->nstrs;
    nl->nstrs += len + 1;
    return off;
}

static void filter_put(uint64_t *filter, uint64_t h) {
    size_t b = (size_t)(h >> NGN_FILTER_SHIFT);
    filter[b >> 6] |= 1ull << (b & 63);
}

static void table_put(gslot *tab, size_t cap, const gform *f, uint32_t idx) {
    size_t i = f->hash & (cap - 1);
    while (tab[i].idx) i = (i + 1) & (cap - 1);
    tab[i] = (gslot){idx + 1, GSLOT_TAG(f->hash)};
}

static int nl_form(ng_namelist *nl, const char *f, size_t len, uint32_t name, int is_nom) {
    uint64_t h = ng_hash(f, len);
    /* the same form of the same name once */
    if (nl->table_cap)
        for (size_t i = h & (nl->table_cap - 1); nl->table[i].idx; i = (i + 1) & (nl->table_cap - 1)) {
            if (nl->table[i].tag != GSLOT_TAG(h)) continue;
            const gform *g = &nl->forms[nl->table[i].idx - 1];
            if (g->hash == h && g->name == name && g->len == len && !memcmp(nl->strs + g->off, f, len))
                return NG_OK;
        }
    if (!nl->filter && !(nl->filter = calloc(NGN_FILTER_BITS / 64, sizeof *nl->filter))) return NG_E_NOMEM;
    long off = nl_str(nl, f, len);
    if (off < 0 || ng_grow((void **)&nl->forms, &nl->forms_cap, nl->nforms + 1, sizeof *nl->forms))
        return NG_E_NOMEM;
    gform *g = &nl->forms[nl->nforms];
    *g = (gform){h, (uint32_t)off, (uint32_t)len, name, (uint32_t)is_nom};
    if ((nl->nforms + 1) * 2 > nl->table_cap) {
        size_t cap = nl->table_cap ? nl->table_cap * 2 : 1024;
        gslot *tab = calloc(cap, sizeof *tab);
        if (!tab) return NG_E_NOMEM;
        for (size_t k = 0; k < nl->nforms; k++) table_put(tab, cap, &nl->forms[k], (uint32_t)k);
        free(nl->table);
        nl->table = tab;
        nl->table_cap = cap;
    }
    table_put(nl->table, nl->table_cap, g, (uint32_t)nl->nforms);
    filter_put(nl->filter, h);
    nl->nforms++;
    return NG_OK;
}

typedef struct emit_ctx { ng_namelist *nl; uint32_t name; int rc; } emit_ctx;

static int on_form(const char *const *words, const size_t *lens, size_t n, void *ud) {
    emit_ctx *e = ud;
    if (n < 1) return 0;
    e->rc = nl_form(e->nl, words[0], lens[0], e->name, 0);
    return e->rc;
}

/* Given names in -а / -я both sexes carry: not taken for a woman's
 * (the men's in -а / -я: ng_inflect_male_a). */
static const char *const either_a[] = {"саша", "женя", "валя", "слава", NULL};

int ngn_given_either(const char *f, size_t fl) {
    for (const char *const *m = either_a; *m; m++)
        if (strlen(*m) == fl && !memcmp(*m, f, fl)) return 1;
    return 0;
}

/* Does s[0..len) contain ё or Ё? */
static int has_yo(const char *s, size_t len) {
    for (size_t i = 0; i + 1 < len; i++)
        if ((unsigned char)s[i] == 0xD1 && (unsigned char)s[i + 1] == 0x91) return 1;
        else if ((unsigned char)s[i] == 0xD0 && (unsigned char)s[i + 1] == 0x81) return 1;
    return 0;
}

/* The language the letters of folded Cyrillic text mark: і ї є ґ → uk,
 * ы э ъ → ru; otherwise NG_LANG_UNKNOWN. */
static int script_lang(const char *f, size_t fl) {
    for (size_t i = 0; i + 1 < fl; i++) {
        unsigned char a = (unsigned char)f[i], b = (unsigned char)f[i + 1];
        if (a == 0xD1 && (b == 0x96 || b == 0x97 || b == 0x94)) return NG_LANG_UK;
        if (a == 0xD2 && b == 0x91) return NG_LANG_UK;
        if (a == 0xD1 && (b == 0x8B || b == 0x8D || b == 0x8A)) return NG_LANG_RU;
    }
    return NG_LANG_UNKNOWN;
}

/* on_form for a form whose letters or ending mark a language (script_lang;
 * the Ukrainian instrumental -ою / -ею, Оксаною). */
static int on_marked_form(const char *const *words, const size_t *lens, size_t n, void *ud) {
    if (n < 1) return 0;
    const char *f = words[0];
    size_t l = lens[0];
    int mark = script_lang(f, l) != NG_LANG_UNKNOWN ||
               (l >= 4 && (!memcmp(f + l - 4, "ою", 4) || !memcmp(f + l - 4, "ею", 4)));
    return mark ? on_form(words, lens, n, ud) : 0;
}

/* on_form for a form that is no frequent word (ng_inflect_is_common). */
static int on_uncommon_form(const char *const *words, const size_t *lens, size_t n, void *ud) {
    if (n < 1 || ng_inflect_is_common(words[0], lens[0])) return 0;
    return on_form(words, lens, n, ud);
}

/* The case forms of given name idx (folded f, as written name), each given
 * to emit: the name inflected before an indeclinable short dummy surname. */
static int given_forms(ng_namelist *nl, uint32_t idx, const char *f, size_t fl, const char *name, size_t len,
                       int lang, int (*emit)(const char *const *, const size_t *, size_t, void *)) {
    ng_inflect_word w[2] = {
        {f, fl, name, len, 1},
        {"ню", strlen("ню"), "Ню", strlen("Ню"), 1},
    };
    emit_ctx e = {nl, idx, 0};
    ng_inflect_alias(w, 2, "PER", lang, emit, &e);
    return e.rc;
}

static int add_name(ng_namelist *nl, const char *name, size_t len, int lang) {
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r')) len--;
    while (len && (*name == ' ' || *name == '\t')) { name++; len--; }
    if (!len || *name == '#') return NG_OK;
    size_t fl = 0;
    char *f = ng_fold(name, len, &fl);
    if (!f) return NG_E_NOMEM;
    /* one word only (no spaces, hyphens or dots) */
    for (size_t i = 0; i < fl; i++)
        if (f[i] == ' ' || f[i] == '-' || f[i] == '.') { free(f); return NG_OK; }
    if (!fl || fl > NG_MAX_TOKEN) { free(f); return NG_OK; }
    uint64_t h = ng_hash(f, fl);
    /* already listed: keep the first entry */
    if (nl->table_cap)
        for (size_t i = h & (nl->table_cap - 1); nl->table[i].idx; i = (i + 1) & (nl->table_cap - 1)) {
            if (nl->table[i].tag != GSLOT_TAG(h)) continue;
            const gform *g = &nl->forms[nl->table[i].idx - 1];
            if (g->is_nom && g->hash == h && g->len == fl && !memcmp(nl->strs + g->off, f, fl)) {
                /* Артём and Артем: the nominative shown is the one without ё,
                 * which is also the Ukrainian spelling */
                uint32_t idx = g->name;
                gname *e = &nl->names[idx];
                int rc = NG_OK;
                if (has_yo(nl->strs + e->nom, e->nom_len) && !has_yo(name, len)) {
                    long nom = nl_str(nl, name, len);
                    if (nom < 0) rc = NG_E_NOMEM;
                    else { e = &nl->names[idx]; e->nom = (uint32_t)nom; }
                }
                if (rc == NG_OK && (unsigned char)f[0] >= 0x80 && lang != NG_LANG_UNKNOWN &&
                    nl->names[idx].lang != (unsigned char)lang) {
                    nl->names[idx].both = 1;
                    /* a name of both lists (Оксана, Соня, Ольга) declines in
                     * both languages: Оксані, Ользі as well as Оксане, Ольге,
                     * and the Ukrainian forms no letter marks too (Оксани,
                     * Алли, Марини) unless a frequent word; the Russian
                     * forms that its letters mark only (Власти, a form of
                     * Власта, is also a Russian word) */
                    rc = given_forms(nl, idx, f, fl, name, len, lang,
                                     lang == NG_LANG_UK ? on_uncommon_form : on_marked_form);
                }
                free(f);
                return rc;
            }
        }
    if (ng_grow((void **)&nl->names, &nl->names_cap, nl->nnames + 1, sizeof *nl->names)) {
        free(f);
        return NG_E_NOMEM;
    }
    long nom = nl_str(nl, name, len), fo = nl_str(nl, f, fl);
    size_t sl = ngn_stem_len(f, fl);
    long so = nl_str(nl, f, sl);
    char sk[SK_MAX + 1];
    size_t skl = ngn_skel(f, fl, sk, SK_GIVEN);
    long ko = nl_str(nl, sk, skl);
    if (nom < 0 || fo < 0 || so < 0 || ko < 0) { free(f); return NG_E_NOMEM; }
    gname *g = &nl->names[nl->nnames];
    int cyr = (unsigned char)f[0] >= 0x80;
    int fem = 0, weak = 0;
    if (cyr && (ends_with(f, fl, "а", 2) || ends_with(f, fl, "я", 2))) {
        fem = !ng_inflect_male_a(f, fl) && !ngn_given_either(f, fl);
    }
    ngn_words_init();
    weak = wset_has(&ngn_weak_set, h);
    int glang = lang != NG_LANG_UNKNOWN ? lang : script_lang(f, fl);
    if (glang == NG_LANG_UNKNOWN && has_yo(name, len)) glang = NG_LANG_RU;
    *g = (gname){(uint32_t)nom, (uint32_t)len, (uint32_t)fo, (uint32_t)fl, ng_hash(f, sl),
                 (uint32_t)so, (uint32_t)sl, (uint32_t)ko, (uint32_t)skl, (unsigned char)fem,
                 (unsigned char)weak, (unsigned char)(cyr ? glang : NG_LANG_UNKNOWN), 0,
                 (unsigned char)(nl->adding_rare != 0)};
    uint32_t idx = (uint32_t)nl->nnames++;
    int rc = nl_form(nl, f, fl, idx, 1);
    if (rc == NG_OK && cyr) {
        rc = given_forms(nl, idx, f, fl, name, len, lang, on_form);
        /* a name of one list also takes the other language's forms that
         * its letters mark (Толя of the Russian list: Толі, Толею in
         * Ukrainian text), as a name of both lists does; not a name with
         * и, which the other language spells otherwise (Нина is Ніна in
         * Ukrainian, and "Нині" is a word: nowadays) */
        if (rc == NG_OK && (lang == NG_LANG_UK || lang == NG_LANG_RU) && !memmem(f, fl, "и", 2))
            rc = given_forms(nl, idx, f, fl, name, len, lang == NG_LANG_UK ? NG_LANG_RU : NG_LANG_UK, on_marked_form);
    }
    free(f);
    return rc;
}

/* The group key of a given-name skeleton (NULL: in no group). */
static const char *var_key(const ng_namelist *nl, const char *sk, size_t skl, size_t *kl) {
    if (!nl->vars_cap) return NULL;
    uint64_t h = ng_hash(sk, skl);
    if (!h) h = 1;
    for (size_t i = h & (nl->vars_cap - 1); nl->vars[i].hash; i = (i + 1) & (nl->vars_cap - 1))
        if (nl->vars[i].hash == h) { *kl = nl->vars[i].key_len; return nl->strs + nl->vars[i].key; }
    return NULL;
}

static void var_put(gvar *tab, size_t cap, gvar v) {
    size_t i = v.hash & (cap - 1);
    while (tab[i].hash) i = (i + 1) & (cap - 1);
    tab[i] = v;
}

/* A variant line: spellings of one given name separated by '|' (each is
 * added as a given name; all get the key of the first). */
static int add_variants(ng_namelist *nl, const char *line, size_t len, int lang) {
    size_t lead = 0;
    while (lead < len && (line[lead] == ' ' || line[lead] == '\t')) lead++;
    if (lead < len && line[lead] == '#') return NG_OK;
    long key = -1;
    size_t key_len = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && line[j] != '|') j++;
        const char *w = line + i;
        size_t wl = j - i;
        while (wl && (w[wl - 1] == ' ' || w[wl - 1] == '\t' || w[wl - 1] == '\r')) wl--;
        while (wl && (*w == ' ' || *w == '\t')) { w++; wl--; }
        i = j + 1;
        if (!wl) continue;
        int rc = add_name(nl, w, wl, lang);
        if (rc) return rc;
        size_t fl = 0;
        char *f = ng_fold(w, wl, &fl);
        if (!f) return NG_E_NOMEM;
        char sk[SK_MAX + 1];
        size_t skl = ngn_skel(f, fl, sk, SK_GIVEN);
        free(f);
        if (!skl) continue;
        if (key < 0) {
            key = nl_str(nl, sk, skl);
            if (key < 0) return NG_E_NOMEM;
            key_len = skl;
        }
        size_t kl;
        if (var_key(nl, sk, skl, &kl)) continue;   /* the first group wins */
        if ((nl->nvars + 1) * 2 > nl->vars_cap) {
            size_t cap = nl->vars_cap ? nl->vars_cap * 2 : 256;
            gvar *tab = calloc(cap, sizeof *tab);
            if (!tab) return NG_E_NOMEM;
            for (size_t k = 0; k < nl->vars_cap; k++) if (nl->vars[k].hash) var_put(tab, cap, nl->vars[k]);
            free(nl->vars);
            nl->vars = tab;
            nl->vars_cap = cap;
        }
        uint64_t h = ng_hash(sk, skl);
        var_put(nl->vars, nl->vars_cap, (gvar){h ? h : 1, (uint32_t)key, (uint32_t)key_len});
        nl->nvars++;
    }
    return NG_OK;
}

/* The key of a given name: its group's, or its own skeleton. */
const char *ngn_given_key(const ng_namelist *nl, const gname *g, size_t *kl) {
    const char *k = var_key(nl, nl->strs + g->sk_off, g->sk_len, kl);
    if (k) return k;
    *kl = g->sk_len;
    return nl->strs + g->sk_off;
}

int ng_namelist_add(ng_namelist *nl, const char *name, size_t len, int lang) {
    if (!nl || !name) return NG_E_ARG;
    if (nl_thaw(nl)) return NG_E_NOMEM;
    int l = lang == 1 ? NG_LANG_UK : lang == 2 ? NG_LANG_RU : NG_LANG_UNKNOWN;
    return memchr(name, '|', len) ? add_variants(nl, name, len, l) : add_name(nl, name, len, l);
}

static int add_one_file(ng_namelist *nl, const char *path, ng_error *err) {
    if (nl_thaw(nl)) return ng_error_set(err, NG_E_NOMEM, path, 0, 0, "out of memory");
    FILE *f = fopen(path, "rb");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open given-name list");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int lang = strstr(base, "-uk") ? NG_LANG_UK : strstr(base, "-ru") ? NG_LANG_RU : NG_LANG_UNKNOWN;
    char line[1024];
    long ln = 0;
    int rc = NG_OK;
    while (rc == NG_OK && fgets(line, sizeof line, f)) {
        ln++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) l--;
        for (size_t i = 0; i < l;) {
            int k = ng_utf8_valid_len((const unsigned char *)line + i, l - i);
            if (k < 0) { rc = ng_error_set(err, NG_E_UNICODE, path, ln, ng_col_of(line, i), "invalid UTF-8"); break; }
            if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f) {   /* a tab: a dictionary? a DEL: a compiled file? */
                rc = ng_error_set(err, NG_E_PARSE, path, ln, ng_col_of(line, i),
                                  "%s in a given-name list (one name a line, its variants after '|')%s",
                                  line[i] == '\t' ? "a tab" : "a control character",
                                  line[i] == '\t' ? ": is this a dictionary (give it as --dict)?"
                                  : ln == 1 && i == 0 ? ": is this a compiled dictionary (give it as --dict)?" : "");
                break;
            }
            i += (size_t)k;
        }
        if (rc == NG_OK) rc = memchr(line, '|', l) ? add_variants(nl, line, l, lang) : add_name(nl, line, l, lang);
    }
    if (rc == NG_E_NOMEM) ng_error_set(err, rc, path, ln, 0, "out of memory");
    fclose(f);
    return rc;
}

int ng_namelist_add_file(ng_namelist *nl, const char *path, ng_error *err) {
    return ng_namelist_add_file_recorded(nl, path, NULL, err);
}

int ng_namelist_trusted(const ng_namelist *nl) { return nl && nl->trusted; }

int ng_namelist_add_file_recorded(ng_namelist *nl, const char *path, const char *record, ng_error *err) {
    if (!nl || !path) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "no name list");
    struct stat st;
    if (stat(path, &st) < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open given-name list");
    if (!S_ISDIR(st.st_mode)) {
        int rc = add_compiled(nl, path, record, err);
        return rc == 1 ? add_one_file(nl, path, err) : rc;
    }
    char **files;
    size_t n;
    int rc = ng_dir_list(path, ".txt", &files, &n, err);
    size_t lists = 0;
    /* the main lists (given-uk.txt) before the others (given-uk-short.txt,
     * -extra, -foreign ...): where two names share a form, the one found
     * first is the form's name ("Антона" is Антон's, not Антін's of the
     * short forms, which sorted before) */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; rc == NG_OK && i < n; i++) {
            const char *base = strrchr(files[i], '/') + 1;
            if (strncmp(base, "given", 5)) continue;
            int main_list = !strchr(base + 6, '-');
            if (main_list != !pass) continue;
            nl->adding_rare = !main_list && strcmp(base, "given-variants.txt");
            rc = add_one_file(nl, files[i], err);
            nl->adding_rare = 0;
            lists++;
        }
    ng_strv_free(files, n);
    if (rc == NG_OK && !lists)   /* the person rules would find no given names, silently */
        rc = ng_error_set(err, NG_E_IO, path, 0, 0, "no given-name lists (given*.txt) in this directory");
    return rc;
}

/* Visits the given names whose form is fold[0..len); returns the count. */
size_t ngn_nl_lookup(const ng_namelist *nl, uint64_t h, const char *f, size_t len, const gform **out,
                        size_t max) {
    size_t n = 0;
    if (!nl || !nl->table_cap) return 0;
    size_t b = (size_t)(h >> NGN_FILTER_SHIFT);
    if (!(nl->filter[b >> 6] >> (b & 63) & 1)) return 0;
    for (size_t i = h & (nl->table_cap - 1); nl->table[i].idx; i = (i + 1) & (nl->table_cap - 1)) {
        if (nl->table[i].tag != GSLOT_TAG(h)) continue;
        const gform *g = &nl->forms[nl->table[i].idx - 1];
        if (g->hash == h && g->len == len && !memcmp(nl->strs + g->off, f, len) && n < max) out[n++] = g;
    }
    return n;
}

/* ## Compiled lists (ng_namelist_save, and ng_namelist_add_file on a
 * compiled file)
 *
 * Reading the shipped lists inflects every name (~14,000: about 50 ms, ten
 * times that under sanitizers), at every start. A compiled file holds the
 * result, laid out as the arrays are in memory, so that it is used where
 * it is mapped: "NGNAMES2", then the eight 64-bit words { 0x0102030405060708,
 * nstrs, nnames, nforms, table_cap, nvars, vars_cap, XXH3 of what follows },
 * then the arrays names (gname records, padding zero), forms, table, vars
 * and the forms' filter, every one at a multiple of 8 bytes, and last the
 * strings and a NUL. Read back, every offset and index is checked against
 * the sizes. Copying the arrays out (the first format, NGNAMES1, was read
 * field by field) put 5 MB into fresh pages at every start: ~15 ms of a
 * 30 ms `tag` of one short article here. The arrays are copied only when
 * more names are added to a list that was loaded so (nl_thaw). */

#define NGN_MAGIC "NGNAMES2"
#define NGN_MAGIC1 "NGNAMES1"
/* The verification rules of a compiled list in the record of files verified
 * before (fileio.c); raised when load_compiled checks more. (Images count
 * from 1: the lists from 1001.) */
enum { NGN_RECORD_RULES = 1001 };
enum { NGN_HEAD = 8 + 8 * 8, NGN_FILTER_BYTES = NGN_FILTER_BITS / 8 };
_Static_assert(sizeof(gform) == 24 && sizeof(gslot) == 8 && sizeof(gvar) == 16 && sizeof(gname) == 48 &&
               NGN_HEAD % 8 == 0, "the compiled list's records are the arrays' own");

static size_t ngn_body_size(uint64_t nstrs, uint64_t nnames, uint64_t nforms, uint64_t tcap, uint64_t vcap) {
    return (size_t)(nnames * sizeof(gname) + nforms * sizeof(gform) + tcap * sizeof(gslot) + vcap * sizeof(gvar) +
                    NGN_FILTER_BYTES + nstrs + 1);
}

static unsigned char *put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); return p + 8; }
static const unsigned char *get64(const unsigned char *p, uint64_t *v) { memcpy(v, p, 8); return p + 8; }

/* Writes n items of sz bytes (or zeros when src is NULL) at p. */
static unsigned char *put_arr(unsigned char *p, const void *src, size_t n, size_t sz) {
    if (src) memcpy(p, src, n * sz);
    else memset(p, 0, n * sz);
    return p + n * sz;
}

int ng_namelist_save(const ng_namelist *nl, const char *path, ng_error *err) {
    if (!nl || !path) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "no name list");
    size_t body = ngn_body_size(nl->nstrs, nl->nnames, nl->nforms, nl->table_cap, nl->vars_cap);
    unsigned char *buf = calloc(1, NGN_HEAD + body), *p;
    if (!buf) return ng_error_set(err, NG_E_NOMEM, path, 0, 0, "out of memory");
    p = buf + NGN_HEAD;
    for (size_t i = 0; i < nl->nnames; i++, p += sizeof(gname)) {
        /* member by member into the zeroed record: its padding stays zero */
        const gname *g = &nl->names[i];
#define PUT(m) memcpy(p + offsetof(gname, m), &g->m, sizeof g->m)
        PUT(nom); PUT(nom_len); PUT(fold); PUT(fold_len); PUT(stem); PUT(stem_off); PUT(stem_len);
        PUT(sk_off); PUT(sk_len); PUT(fem); PUT(weak); PUT(lang); PUT(both); PUT(rare);
#undef PUT
    }
    p = put_arr(p, nl->forms, nl->nforms, sizeof(gform));
    p = put_arr(p, nl->table, nl->table_cap, sizeof(gslot));
    p = put_arr(p, nl->vars, nl->vars_cap, sizeof(gvar));
    p = put_arr(p, nl->filter, NGN_FILTER_BYTES, 1);
    p = put_arr(p, nl->strs, nl->nstrs, 1);
    *p = 0;
    unsigned char *h = buf;
    memcpy(h, NGN_MAGIC, 8);
    h = put64(h + 8, 0x0102030405060708u);
    h = put64(h, nl->nstrs); h = put64(h, nl->nnames); h = put64(h, nl->nforms); h = put64(h, nl->table_cap);
    h = put64(h, nl->nvars); h = put64(h, nl->vars_cap);
    put64(h, XXH3_64bits(buf + NGN_HEAD, body));
    ng_outfile of;
    int rc = ng_outfile_open(&of, path, err);
    if (rc == NG_OK) {
        size_t left = NGN_HEAD + body;
        for (const unsigned char *q = buf; left && rc == NG_OK;) {
            ssize_t w = write(of.fd, q, left);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) rc = ng_error_set(err, NG_E_IO, path, 0, 0, "write error: %s", strerror(errno));
            else { q += w; left -= (size_t)w; }
        }
        if (rc == NG_OK) rc = ng_outfile_commit(&of, err);
        else ng_outfile_abort(&of);
    }
    free(buf);
    return rc;
}

static int is_pow2(uint64_t v) { return v && !(v & (v - 1)); }

/* Checks a compiled list b[0..n) (8-byte aligned, owned by the caller)
 * and points the empty nl's arrays into it. */
static int load_compiled(ng_namelist *nl, const unsigned char *b, size_t n, const char *path, int trusted,
                         ng_error *err) {
    uint64_t endian, ns, nn, nf, tc, nv, vc, sum;
    const unsigned char *p = b + 8;
    p = get64(p, &endian); p = get64(p, &ns); p = get64(p, &nn); p = get64(p, &nf); p = get64(p, &tc);
    p = get64(p, &nv); p = get64(p, &vc); p = get64(p, &sum);
    if (endian != 0x0102030405060708u)
        return ng_error_set(err, NG_E_FORMAT, path, 0, 0, "compiled name list of another byte order");
    /* sizes that fit in 32-bit offsets, and the file's length */
    if (ns > UINT32_MAX || nn > UINT32_MAX || nf > UINT32_MAX || tc > UINT32_MAX || vc > UINT32_MAX || nv > vc ||
        (tc && !is_pow2(tc)) || (vc && !is_pow2(vc)) || nf > tc ||
        NGN_HEAD + ngn_body_size(ns, nn, nf, tc, vc) != n || (!trusted && XXH3_64bits(b + NGN_HEAD, n - NGN_HEAD) != sum))
        return ng_error_set(err, NG_E_FORMAT, path, 0, 0, "corrupt compiled name list");
    const gname *names = (const gname *)(const void *)p;
    const gform *forms = (const gform *)(const void *)(p += nn * sizeof(gname));
    const gslot *table = (const gslot *)(const void *)(p += nf * sizeof(gform));
    const gvar *vars = (const gvar *)(const void *)(p += tc * sizeof(gslot));
    const uint64_t *filter = (const uint64_t *)(const void *)(p += vc * sizeof(gvar));
    const char *strs = (const char *)(p += NGN_FILTER_BYTES);
    /* a string [off, off + len) lies in strs and is followed by its NUL */
#define STR_OK(off, len) ((uint64_t)(off) + (len) < ns && strs[(off) + (len)] == 0)
    int ok = strs[ns] == 0;
    /* (a list verified before, listed in the record: its header and sizes
     * only, as above; the checksum and the indexes were checked then) */
    if (!trusted) {
        for (size_t i = 0; i < nn && ok; i++) {
            const gname *g = &names[i];
            ok = STR_OK(g->nom, g->nom_len) && STR_OK(g->fold, g->fold_len) && (uint64_t)g->stem_off + g->stem_len <= ns &&
                 (uint64_t)g->sk_off + g->sk_len <= ns && g->fem <= 1 && g->weak <= 1 && g->lang <= 2 && g->both <= 1 && g->rare <= 1;
        }
        for (size_t i = 0; i < nf && ok; i++) {
            const gform *g = &forms[i];
            size_t bit = (size_t)(g->hash >> NGN_FILTER_SHIFT);
            ok = (uint64_t)g->off + g->len <= ns && g->name < nn && g->is_nom <= 1 && (filter[bit >> 6] >> (bit & 63) & 1);
        }
        size_t used = 0;
        for (size_t i = 0; i < tc && ok; i++) {
            ok = table[i].idx <= nf;
            used += table[i].idx != 0;
        }
        size_t vused = 0;
        for (size_t i = 0; i < vc && ok; i++) {
            ok = !vars[i].hash || (uint64_t)vars[i].key + vars[i].key_len <= ns;
            vused += vars[i].hash != 0;
        }
#undef STR_OK
        /* every probe ends at an empty slot: the tables are never full */
        if (!ok || used != nf || used >= (tc ? tc : 1) || vused != nv || (vc && vused >= vc))
            return ng_error_set(err, NG_E_FORMAT, path, 0, 0, "corrupt compiled name list");
    }
    if (!ok) return ng_error_set(err, NG_E_FORMAT, path, 0, 0, "corrupt compiled name list");
    /* (read only: nl_thaw copies them before anything is added) */
    nl->names = (gname *)names; nl->forms = (gform *)forms; nl->table = (gslot *)table; nl->vars = (gvar *)vars;
    nl->filter = (uint64_t *)filter; nl->strs = (char *)strs;
    nl->nstrs = ns; nl->nnames = nn; nl->nforms = nf; nl->table_cap = tc; nl->nvars = nv; nl->vars_cap = vc;
    nl->strs_cap = ns + 1; nl->names_cap = nn; nl->forms_cap = nf;
    return NG_OK;
}

/* A list loaded from a compiled file is read where it is mapped; before
 * names are added to it, its arrays are copied out (and the file let go). */
static void *dup_arr(const void *src, size_t n, size_t sz) {
    void *p = malloc((n ? n : 1) * sz);   /* (room for one: a cap is never 0) */
    if (p && n) memcpy(p, src, n * sz);
    return p;
}

static int nl_thaw(ng_namelist *nl) {
    if (!nl->blob) return NG_OK;
    char *strs = dup_arr(nl->strs, nl->nstrs + 1, 1);
    gname *names = dup_arr(nl->names, nl->nnames, sizeof *names);
    gform *forms = dup_arr(nl->forms, nl->nforms, sizeof *forms);
    gslot *table = dup_arr(nl->table, nl->table_cap, sizeof *table);
    gvar *vars = dup_arr(nl->vars, nl->vars_cap, sizeof *vars);
    uint64_t *filter = dup_arr(nl->filter, NGN_FILTER_BITS / 64, sizeof *filter);
    if (!strs || !names || !forms || !table || !vars || !filter) {
        free(strs); free(names); free(forms); free(table); free(vars); free(filter);
        return NG_E_NOMEM;
    }
    blob_free(nl);
    nl->strs = strs; nl->names = names; nl->forms = forms; nl->table = table; nl->vars = vars; nl->filter = filter;
    nl->strs_cap = nl->nstrs + 1;
    nl->names_cap = nl->nnames ? nl->nnames : 1;
    nl->forms_cap = nl->nforms ? nl->nforms : 1;
    if (!nl->table_cap) { free(nl->table); nl->table = NULL; }
    if (!nl->vars_cap) { free(nl->vars); nl->vars = NULL; }
    return NG_OK;
}

/* A compiled list at 'path' (its magic): read into nl, which must be empty.
 * 1 if the file is not a compiled list (nothing done), else NG_OK or an error. */
static int add_compiled(ng_namelist *nl, const char *path, const char *record, ng_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open given-name list");
    char magic[8];
    if (fread(magic, 1, 8, f) != 8 || (memcmp(magic, NGN_MAGIC, 8) && memcmp(magic, NGN_MAGIC1, 8))) { fclose(f); return 1; }
    if (!memcmp(magic, NGN_MAGIC1, 8)) {
        fclose(f);
        return ng_error_set(err, NG_E_FORMAT, path, 0, 0,
                            "compiled name list of an earlier format (NGNAMES1): compile it again (dict compile-names)");
    }
    if (nl->nnames || nl->nstrs) {
        fclose(f);
        return ng_error_set(err, NG_E_ARG, path, 0, 0, "a compiled name list must be the first one loaded");
    }
    struct stat st;
    unsigned char *b = NULL;
    size_t n = 0;
    int mapped = 0;
    int rc = fstat(fileno(f), &st) < 0 || st.st_size < NGN_HEAD ? NG_E_FORMAT : NG_OK;
    if (rc == NG_OK) n = (size_t)st.st_size;
    if (rc == NG_OK && S_ISREG(st.st_mode)) {
        /* mapped (page-aligned), and used there */
        void *m = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fileno(f), 0);
        if (m != MAP_FAILED) { b = m; mapped = 1; ng_huge_hint(m, n); }
    }
    /* (else read into malloc's memory, aligned for every array too) */
    if (rc == NG_OK && !mapped && !(b = malloc(n))) rc = NG_E_NOMEM;
    if (rc == NG_OK && !mapped) {
        rewind(f);
        if (fread(b, 1, n, f) != n) rc = NG_E_IO;
    }
    /* the record of files verified before (fileio.c): a mapped list listed
     * there is trusted (ng_namelist_trusted), else verified and, when its
     * last change is settled and it did not change while read, listed */
    ng_vrec want = {0};
    int listed = 0, settled = 0;
    if (rc == NG_OK && mapped && record) {
        uint64_t sum;
        get64(b + 8 + 7 * 8, &sum);
        want = ng_vrec_of(&st, sum, NGN_RECORD_RULES);
        listed = ng_record_has(record, &want);
        settled = !listed && ng_record_settled(&st);
    }
    if (rc == NG_OK) rc = load_compiled(nl, b, n, path, listed, err);
    else ng_error_set(err, rc, path, 0, 0, rc == NG_E_NOMEM ? "out of memory" : rc == NG_E_IO ? "read error"
                                                                               : "corrupt compiled name list");
    struct stat st2;
    if (rc == NG_OK && settled && fstat(fileno(f), &st2) == 0) {
        ng_vrec after = ng_vrec_of(&st2, want.sum, NGN_RECORD_RULES);
        if (ng_vrec_eq(&after, &want)) ng_record_add(record, &want);
    }
    fclose(f);
    if (rc == NG_OK) {
        nl->trusted = listed;
        nl->blob = b;
        nl->blob_len = n;
        nl->blob_mapped = mapped;
    } else if (mapped) munmap(b, n);
    else free(b);
    return rc;
}
