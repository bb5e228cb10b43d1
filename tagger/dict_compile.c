/* Dictionary compilation: a builder's entities and aliases (with their
 * inflected forms) into the image described in dict.h. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <utf8proc.h>
#include "base_internal.h"
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "names_internal.h"


typedef struct c_out { uint32_t node, entity, cased, flags; } c_out;

typedef struct compiler {
    const ng_dict_builder *b;
    /* string pool */
    char *pool; size_t plen, pcap;
    uint32_t *smap, *slen; size_t smask, sn;   /* interned strings: offset+1, length */
    /* vocabulary */
    VEC(img_token) tok;
    uint64_t *tokhash;         /* full hashes, parallel to tok */
    size_t thcap;
    uint32_t *vmap; size_t vmask;   /* index+1 */
    /* transitions */
    img_tslot *tmap; size_t tmask, tn;
    uint32_t nnodes;           /* nodes are 1..nnodes */
    VEC(c_out) out;
    ng_tokbuf tb;
    /* current alias being added */
    uint32_t cur_entity;
    int cur_cap;               /* its first word starts with a capital */
    unsigned cur_capat;        /* and is a title or an event's noun: the token that must be capitalised (OUT_NEEDCAP_AT) */
    unsigned dot_capat;        /* a dotted US, UK, UN alias (add_alias_text): the word after the dots must be capitalised */
} compiler;

static int pool_raw(compiler *c, const char *s, size_t n, uint32_t *off);

/* Adds a string to the pool once: equal strings share one offset. */
static int pool_add(compiler *c, const char *s, size_t n, uint32_t *off) {
    uint64_t h = ng_hash(s, n);
    if (c->smap)
        for (size_t i = h & c->smask;; i = (i + 1) & c->smask) {
            uint32_t v = c->smap[i];
            if (!v) break;
            if (!memcmp(c->pool + v - 1, s, n) && c->pool[v - 1 + n] == 0 && c->slen[i] == n) { *off = v - 1; return NG_OK; }
        }
    if (!c->smap || (c->sn + 1) * 2 > c->smask + 1) {
        size_t size = c->smap ? (c->smask + 1) * 2 : 1 << 16;
        uint32_t *m = calloc(size, sizeof *m);
        uint32_t *l = calloc(size, sizeof *l);
        if (!m || !l) { free(m); free(l); return NG_E_NOMEM; }
        for (size_t k = 0; c->smap && k <= c->smask; k++) {
            if (!c->smap[k]) continue;
            const char *p = c->pool + c->smap[k] - 1;
            size_t j = ng_hash(p, c->slen[k]) & (size - 1);
            while (m[j]) j = (j + 1) & (size - 1);
            m[j] = c->smap[k];
            l[j] = c->slen[k];
        }
        free(c->smap); free(c->slen);
        c->smap = m; c->slen = l; c->smask = size - 1;
    }
    int rc = pool_raw(c, s, n, off);
    if (rc) return rc;
    size_t i = h & c->smask;
    while (c->smap[i]) i = (i + 1) & c->smask;
    c->smap[i] = *off + 1;
    c->slen[i] = (uint32_t)n;
    c->sn++;
    return NG_OK;
}

static int pool_raw(compiler *c, const char *s, size_t n, uint32_t *off) {
    if (c->plen + n + 1 > c->pcap) {
        size_t cap = c->pcap ? c->pcap : 1 << 16;
        while (cap < c->plen + n + 1) cap *= 2;
        char *p = realloc(c->pool, cap);
        if (!p) return NG_E_NOMEM;
        c->pool = p;
        c->pcap = cap;
    }
    if (c->plen + n + 1 > 0xFFFFFFF0u) return NG_E_LIMIT;
    *off = (uint32_t)c->plen;
    memcpy(c->pool + c->plen, s, n);
    c->pool[c->plen + n] = 0;
    c->plen += n + 1;
    return NG_OK;
}

static int vmap_grow(compiler *c) {
    size_t size = c->vmask ? (c->vmask + 1) * 2 : 1024;
    uint32_t *m = calloc(size, sizeof *m);
    if (!m) return NG_E_NOMEM;
    for (size_t t = 0; t < c->tok.n; t++) {
        size_t i = c->tokhash[t] & (size - 1);
        while (m[i]) i = (i + 1) & (size - 1);
        m[i] = (uint32_t)t + 1;
    }
    free(c->vmap);
    c->vmap = m;
    c->vmask = size - 1;
    return NG_OK;
}

/* Interns a folded word; returns its token index or a negative code. */
static long intern(compiler *c, const char *s, size_t n, uint64_t h) {
    if (c->vmap) {
        for (size_t i = h & c->vmask;; i = (i + 1) & c->vmask) {
            uint32_t v = c->vmap[i];
            if (!v) break;
            const img_token *t = &c->tok.v[v - 1];
            if (c->tokhash[v - 1] == h && t->len == n && !memcmp(c->pool + t->str, s, n)) return v - 1;
        }
    }
    if (c->tok.n == c->thcap) {
        size_t cap = c->thcap ? c->thcap * 2 : 1024;
        uint64_t *th = realloc(c->tokhash, cap * sizeof *th);
        if (!th) return NG_E_NOMEM;
        c->tokhash = th;
        c->thcap = cap;
    }
    if (!c->vmap || (c->tok.n + 1) * 2 > c->vmask + 1)
        if (vmap_grow(c)) return NG_E_NOMEM;
    img_token t = {0, (uint32_t)n, 0, (uint32_t)(h >> 32)};
    int rc = pool_add(c, s, n, &t.str);
    if (rc) return rc;
    if (VEC_PUSH(c->tok, t)) return NG_E_NOMEM;
    c->tokhash[c->tok.n - 1] = h;
    size_t i = h & c->vmask;
    while (c->vmap[i]) i = (i + 1) & c->vmask;
    c->vmap[i] = (uint32_t)c->tok.n;
    return (long)c->tok.n - 1;
}

static int tmap_grow(compiler *c) {
    size_t size = c->tmask ? (c->tmask + 1) * 2 : 1024;
    img_tslot *m = calloc(size, sizeof *m);
    if (!m) return NG_E_NOMEM;
    for (size_t k = 0; c->tmap && k <= c->tmask; k++) {
        img_tslot *s = &c->tmap[k];
        if (!s->node) continue;
        size_t i = trans_hash(s->node, s->tok) & (size - 1);
        while (m[i].node) i = (i + 1) & (size - 1);
        m[i] = *s;
    }
    free(c->tmap);
    c->tmap = m;
    c->tmask = size - 1;
    return NG_OK;
}

/* Child of node by tok, created if absent. Returns the node or 0 on error. */
static uint32_t child(compiler *c, uint32_t node, uint32_t tok) {
    if (node == 0) {
        img_token *t = &c->tok.v[tok];
        if (!t->root) t->root = ++c->nnodes;
        return t->root;
    }
    if (!c->tmap || (c->tn + 1) * 2 > c->tmask + 1)
        if (tmap_grow(c)) return 0;
    size_t i = trans_hash(node, tok) & c->tmask;
    for (;; i = (i + 1) & c->tmask) {
        img_tslot *s = &c->tmap[i];
        if (!s->node) break;
        if (s->node == node && s->tok == tok) return s->child;
    }
    c->tmap[i].node = node;
    c->tmap[i].tok = tok;
    c->tmap[i].child = ++c->nnodes;
    c->tn++;
    return c->nnodes;
}

/* Adds a sequence of folded words as an alias of the current entity. */
static int add_seq(compiler *c, const char *const *w, const size_t *wl, const uint64_t *wh, size_t n,
                   uint32_t cased, uint32_t flags) {
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        long t = intern(c, w[i], wl[i], wh ? wh[i] : ng_hash(w[i], wl[i]));
        if (t < 0) return (int)t;
        node = child(c, node, (uint32_t)t);
        if (!node) return NG_E_NOMEM;
    }
    if (!node) return NG_OK;
    c_out o = {node, c->cur_entity, cased, flags};
    return VEC_PUSH(c->out, o) ? NG_E_NOMEM : NG_OK;
}

static int emit_inflected(const char *const *words, const size_t *lens, size_t n, void *ud) {
    compiler *c = ud;
    for (size_t i = 0; i < n; i++)
        if (lens[i] == 0 || lens[i] > NG_MAX_TOKEN) return 0;
    return add_seq(c, words, lens, NULL, n, NG_NO_STRING,
                   OUT_INFLECTED | (c->cur_capat ? OUT_NEEDCAP_AT | c->cur_capat << OUT_CAPAT_SHIFT
                                                 : c->cur_cap ? OUT_NEEDCAP : 0));
}

/* The case forms Russian gives a Cyrillic acronym that ends in a consonant,
 * its endings in lower case (МИД → МИДа, МИДу, МИДом, МИДе: "в МИДе"), as
 * case-sensitive inflected forms; 2 to 5 letters. Ukrainian does not
 * decline acronyms, and its texts never write these forms. */
static int acronym_forms(compiler *c, const char *f, size_t fl, uint32_t cased) {
    static const char *const ends[] = {"а", "у", "ом", "е"};
    static const char vowels[] = "аеёиоуыэюяіїєйь";
    size_t letters = 0, last = 0;
    for (size_t k = 0; k < fl; k++)
        if (((unsigned char)f[k] & 0xC0) != 0x80) letters++, last = k;
    if (letters < 2 || letters > 5 || fl - last != 2) return NG_OK;
    for (size_t k = 0; k + 1 < sizeof vowels; k += 2)
        if (f[last] == vowels[k] && f[last + 1] == vowels[k + 1]) return NG_OK;
    char cs[64], fw[64];
    size_t cl = strlen(c->pool + cased);
    if (cl + 5 > sizeof cs || fl + 5 > sizeof fw) return NG_OK;
    memcpy(cs, c->pool + cased, cl);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t el = strlen(ends[i]);
        memcpy(cs + cl, ends[i], el);
        memcpy(fw, f, fl);
        memcpy(fw + fl, ends[i], el);
        uint32_t off;
        int rc = pool_add(c, cs, cl + el, &off);
        if (rc) return rc;
        const char *wp = fw;
        size_t wlen = fl + el;
        if ((rc = add_seq(c, &wp, &wlen, NULL, 1, off, OUT_CASED | OUT_INFLECTED))) return rc;
    }
    return NG_OK;
}

/* The default case rule: an alias whose letters are all upper case and
 * number at most 6 (NATO, US, EU, ЗСУ, U.S.) is an acronym: case-sensitive. */
static int is_acronym(const ng_tokbuf *tb, size_t first, const char *text) {
    size_t letters = 0;
    for (size_t i = first; i < tb->n; i++) {
        const ng_token *t = &tb->tok[i];
        if (!(t->flags & TK_WORD)) continue;
        if (!(t->flags & TK_ALLUPPER)) {
            /* digits only are neutral; any lower-case letter disqualifies */
            if (t->flags & (TK_LATIN | TK_CYR)) return 0;
            int hasl = 0;
            for (uint32_t k = t->start; k < t->end; k++) if ((unsigned char)text[k] >= 0x80 || ((text[k] | 32) >= 'a' && (text[k] | 32) <= 'z')) hasl = 1;
            if (hasl) return 0;
            continue;
        }
        for (uint32_t k = t->start; k < t->end; k++)
            if (((unsigned char)text[k] & 0xC0) != 0x80) letters++;
    }
    return letters > 0 && letters <= 6;
}

/* NFKC form of tokens [first, n) as written, joined by U+001F. */
static int cased_form(compiler *c, const ng_tokbuf *tb, size_t first, const char *text, uint32_t *off) {
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    if (!buf) return NG_E_NOMEM;
    for (size_t i = first; i < tb->n; i++) {
        char *f; size_t fl;
        const ng_token *t = &tb->tok[i];
        if (ng_norm_cased(text + t->start, t->end - t->start, &f, &fl)) { free(buf); return NG_E_UNICODE; }
        if (len + fl + 2 > cap) {
            while (len + fl + 2 > cap) cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); free(f); return NG_E_NOMEM; }
            buf = nb;
        }
        if (i > first) buf[len++] = 0x1f;
        memcpy(buf + len, f, fl);
        len += fl;
        free(f);
    }
    int rc = pool_add(c, buf, len, off);
    free(buf);
    return rc;
}

static int add_alias_text1(compiler *c, const b_entity *e, const b_alias *a) {
    ng_tokbuf *tb = &c->tb;
    ng_tokbuf_reset(tb);
    const char *text = a->text;
    if (ng_tokenize(tb, text, strlen(text))) return NG_E_NOMEM;
    size_t first = 0;
    while (first < tb->n && !(tb->tok[first].flags & TK_WORD)) first++;
    if (first == tb->n) return NG_OK;
    const char *w[256]; size_t wl[256]; uint64_t wh[256];
    size_t n = tb->n - first;
    if (n > 256) return NG_OK;   /* absurdly long alias: cannot match sensibly */
    for (size_t i = 0; i < n; i++) {
        const ng_token *t = &tb->tok[first + i];
        if (t->flags & TK_LONG) return NG_OK;
        w[i] = tb->fold + t->fold;
        wl[i] = t->fold_len;
        wh[i] = t->hash;
    }
    int policy = a->case_policy != CASE_AUTO ? a->case_policy : e->case_policy;
    int cs = policy == CASE_SENSITIVE || (policy == CASE_AUTO && is_acronym(tb, first, text));
    uint32_t cased = NG_NO_STRING;
    if (cs) {
        int rc = cased_form(c, tb, first, text, &cased);
        if (rc) return rc;
    }
    /* a one-word Cyrillic alias written capitalised (Газа, Сальдо, Лиман,
     * Курили) matches a capitalised word only: in lower case it is the
     * common word (газа, сальдо, лиман, курили), as its case forms are */
    const ng_token *t0 = &tb->tok[first];
    int one_cyr = policy == CASE_AUTO && first + 1 == tb->n && (t0->flags & TK_CYR) && (t0->flags & TK_UPPER1) &&
                  !(t0->flags & TK_ALLUPPER);
    int capd = policy == CASE_CAPITALISED || one_cyr;
    int rc = add_seq(c, w, wl, wh, n, cased,
                     cs     ? OUT_CASED
                     : capd ? OUT_NEEDCAP
                     : c->dot_capat ? OUT_NEEDCAP_AT | c->dot_capat << OUT_CAPAT_SHIFT : 0);
    if (rc == NG_OK && cs && e->inflect && n == 1 && (tb->tok[first].flags & TK_CYR) &&
        (tb->tok[first].flags & TK_ALLUPPER))
        rc = acronym_forms(c, w[0], wl[0], cased);
    if (rc || cs || !e->inflect) return rc;
    int cyr = 0;
    for (size_t i = first; i < tb->n; i++) cyr |= (tb->tok[i].flags & TK_CYR) != 0;
    c->cur_cap = capd || (tb->tok[first].flags & TK_UPPER1) != 0;
    c->cur_capat = 0;
    if (c->cur_cap && ngn_lower_head(w[0], wl[0], wh[0]))
        for (size_t k = 1; k < n && k < 8 && !c->cur_capat; k++)
            if ((tb->tok[first + k].flags & (TK_WORD | TK_UPPER1)) == (TK_WORD | TK_UPPER1)) c->cur_capat = (unsigned)k;
    if (!cyr) return NG_OK;
    ng_inflect_word iw[256];
    for (size_t i = 0; i < n; i++) {
        const ng_token *t = &tb->tok[first + i];
        iw[i].fold = w[i]; iw[i].fold_len = wl[i];
        iw[i].orig = text + t->start; iw[i].orig_len = t->end - t->start;
        iw[i].is_word = (t->flags & TK_WORD) != 0;
    }
    /* the tokbuf is reused by nothing during the callback: words stay valid */
    return ng_inflect_alias(iw, n, e->type, e->lang, emit_inflected, c);
}

/* An alias that starts with US, UK or UN and a word ("US Senate", "UK
 * Border Force", "UN Security Council") matches written with dots too
 * ("U.S. Senate", "U.S. Open"), as news agencies write it, when the word
 * after the dots is capitalised ("U.S. military" is the country and a
 * word, as CoNLL annotates it, though "US military" is an alias). */
static int add_alias_text(compiler *c, const b_entity *e, const b_alias *a) {
    int rc = add_alias_text1(c, e, a);
    const char *t = a->text;
    if (rc || t[0] != 'U' || (t[1] != 'S' && t[1] != 'K' && t[1] != 'N') || t[2] != ' ' || !t[3]) return rc;
    size_t n = strlen(t);
    char *v = malloc(n + 3);
    if (!v) return NG_E_NOMEM;
    v[0] = 'U';
    v[1] = '.';
    v[2] = t[1];
    v[3] = '.';
    memcpy(v + 4, t + 2, n - 1);   /* the space on, and the NUL */
    b_alias dotted = *a;
    dotted.text = v;
    c->dot_capat = 4;   /* U . S . Senate */
    rc = add_alias_text1(c, e, &dotted);
    c->dot_capat = 0;
    free(v);
    return rc;
}

static int cmp_out(const void *x, const void *y) {
    const c_out *a = x, *b = y;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    if (a->entity != b->entity) return a->entity < b->entity ? -1 : 1;
    if (a->flags != b->flags) return a->flags < b->flags ? -1 : 1;   /* exact before inflected */
    return a->cased < b->cased ? -1 : a->cased > b->cased;
}

static const ng_dict_builder *sort_b;
static int cmp_id(const void *x, const void *y) {
    return strcmp(sort_b->ent.v[*(const uint32_t *)x].id, sort_b->ent.v[*(const uint32_t *)y].id);
}

static size_t align8(size_t x) { return (x + 7) & ~(size_t)7; }

static void compiler_free(compiler *c) {
    free(c->smap); free(c->slen);
    free(c->pool); free(c->tok.v); free(c->tokhash); free(c->vmap); free(c->tmap); free(c->out.v);
    ng_tokbuf_free(&c->tb);
}

/* Phase 1: the entities' strings into the pool; ids[] = 0 .. ne-1. */
static int compile_entities(compiler *c, img_entity *ent, uint32_t *ids) {
    const ng_dict_builder *b = c->b;
    int rc = NG_OK;
    for (size_t i = 0; i < b->ent.n && !rc; i++) {
        const b_entity *e = &b->ent.v[i];
        rc = pool_add(c, e->id, strlen(e->id), &ent[i].id);
        if (!rc) rc = pool_add(c, e->type, strlen(e->type), &ent[i].type);
        if (!rc) rc = pool_add(c, e->name, strlen(e->name), &ent[i].name);
        if (!rc) rc = pool_add(c, e->attrs, strlen(e->attrs), &ent[i].attrs);
        ent[i].priority = e->priority;
        ids[i] = (uint32_t)i;
    }
    return rc;
}

/* Phase 2: the alias list grouped by entity (counting sort; acount is
 * scratch of ne zeroed counts). */
static int compile_alias_list(compiler *c, img_entity *ent, uint32_t *alias_off, size_t *acount) {
    const ng_dict_builder *b = c->b;
    int rc = NG_OK;
    for (size_t i = 0; i < b->alias.n; i++) acount[b->alias.v[i].entity]++;
    size_t acc = 0;
    for (size_t i = 0; i < b->ent.n; i++) { ent[i].alias_first = (uint32_t)acc; acc += acount[i]; acount[i] = ent[i].alias_first; }
    for (size_t i = 0; i < b->alias.n && !rc; i++) {
        const b_alias *a = &b->alias.v[i];
        rc = pool_add(c, a->text, strlen(a->text), &alias_off[acount[a->entity]++]);
        ent[a->entity].alias_count++;
    }
    return rc;
}

/* Phase 3: the trie of every alias and its inflected forms. */
static int compile_trie(compiler *c) {
    const ng_dict_builder *b = c->b;
    int rc = NG_OK;
    for (size_t i = 0; i < b->alias.n && !rc; i++) {
        const b_alias *a = &b->alias.v[i];
        c->cur_entity = a->entity;
        rc = add_alias_text(c, &b->ent.v[a->entity], a);
    }
    return rc;
}

/* Phase 4: the id index sorted, the outputs sorted by node and deduplicated:
 * one per (node, entity, cased); the exact form wins. */
static void order_outputs(compiler *c, uint32_t *ids) {
    size_t ne = c->b->ent.n;
    sort_b = c->b;
    if (ne) qsort(ids, ne, sizeof *ids, cmp_id);
    if (c->out.n) qsort(c->out.v, c->out.n, sizeof *c->out.v, cmp_out);
    size_t no = 0;
    for (size_t i = 0; i < c->out.n; i++) {
        if (no && c->out.v[no - 1].node == c->out.v[i].node && c->out.v[no - 1].entity == c->out.v[i].entity &&
            ((c->out.v[no - 1].flags & OUT_CASED) == (c->out.v[i].flags & OUT_CASED)) &&
            (!(c->out.v[i].flags & OUT_CASED) || !strcmp(c->pool + c->out.v[no - 1].cased, c->pool + c->out.v[i].cased)))
            continue;
        c->out.v[no++] = c->out.v[i];
    }
    c->out.n = no;
}

/* Phase 5: the header: counts, table sizes and section offsets. */
static void layout(const compiler *c, size_t vsize, size_t tsize, img_header *h) {
    size_t ne = c->b->ent.n, na = c->b->alias.n;
    size_t off = align8(sizeof(img_header));
    memset(h, 0, sizeof *h);
    memcpy(h->magic, NG_IMAGE_MAGIC, 8);
    h->version = NG_IMAGE_VERSION;
    h->endian = 0x01020304;
    snprintf(h->unicode, sizeof h->unicode, "%s", utf8proc_unicode_version());
    h->n_entities = (uint32_t)ne;
    h->n_aliases = (uint32_t)na;
    h->n_tokens = (uint32_t)c->tok.n;
    h->vocab_size = (uint32_t)vsize;
    h->n_nodes = c->nnodes;
    h->trans_size = (uint32_t)tsize;
    h->n_outputs = (uint32_t)c->out.n;
    h->off_entities = off; off = align8(off + ne * sizeof(img_entity));
    h->off_aliases = off; off = align8(off + na * sizeof(uint32_t));
    h->off_tokens = off; off = align8(off + c->tok.n * sizeof(img_token));
    h->off_vocab = off; off = align8(off + vsize * sizeof(img_vslot));
    h->off_trans = off; off = align8(off + tsize * sizeof(img_tslot));
    h->off_nodes = off; off = align8(off + ((size_t)c->nnodes + 2) * sizeof(uint32_t));
    h->off_outputs = off; off = align8(off + c->out.n * sizeof(img_output));
    h->off_ids = off; off = align8(off + ne * sizeof(uint32_t));
    h->off_strings = off; h->strings_size = c->plen; off = align8(off + c->plen);
    h->off_vtags = off; off = align8(off + vsize);
    h->file_size = off;
}

/* Phase 6: the hash tables and the node -> outputs index into img; term[n]:
 * node n ends an alias (flagged in the slots that lead to it). */
static void fill_tables(const compiler *c, const img_header *h, const unsigned char *term, unsigned char *img) {
    size_t vsize = h->vocab_size, tsize = h->trans_size;
    img_vslot *vs = (img_vslot *)(img + h->off_vocab);
    for (size_t t = 0; t < c->tok.n; t++) {
        size_t i = home(c->tokhash[t], (uint32_t)vsize);
        while (vs[i].tok1) i = i + 1 == vsize ? 0 : i + 1;
        vs[i].hash = c->tokhash[t];
        img[h->off_vtags + i] = tag_of(c->tokhash[t]);
        vs[i].tok1 = (uint32_t)t + 1;
        vs[i].root = c->tok.v[t].root | (term[c->tok.v[t].root] ? NODE_TERMINAL : 0);
    }
    img_tslot *ts = (img_tslot *)(img + h->off_trans);
    for (size_t k = 0; c->tmap && k <= c->tmask; k++) {
        img_tslot *s = &c->tmap[k];
        if (!s->node) continue;
        size_t i = home(trans_hash(s->node, s->tok), (uint32_t)tsize);
        while (ts[i].node) i = i + 1 == tsize ? 0 : i + 1;
        ts[i] = *s;
        ts[i].child |= term[s->child] ? NODE_TERMINAL : 0;
    }
    uint32_t *nodes = (uint32_t *)(img + h->off_nodes);
    img_output *io = (img_output *)(img + h->off_outputs);
    size_t k = 0;
    for (uint32_t nd = 0; nd <= c->nnodes + 1; nd++) {
        nodes[nd] = (uint32_t)k;
        while (k < c->out.n && c->out.v[k].node == nd) {
            io[k].entity = c->out.v[k].entity;
            io[k].cased = c->out.v[k].cased;
            io[k].flags = c->out.v[k].flags;
            k++;
        }
    }
}

/* Phase 7: the image, whole (header and checksum included); NULL when out
 * of memory. */
static unsigned char *write_image(const compiler *c, img_header *h, const img_entity *ent, const uint32_t *alias_off,
                                  const uint32_t *ids) {
    size_t ne = c->b->ent.n, na = c->b->alias.n;
    unsigned char *term = calloc((size_t)c->nnodes + 2, 1);
    unsigned char *img = term ? calloc(1, h->file_size) : NULL;
    if (!img) { free(term); return NULL; }
    for (size_t k = 0; k < c->out.n; k++) term[c->out.v[k].node] = 1;
    if (ne) memcpy(img + h->off_entities, ent, ne * sizeof(img_entity));   /* NULL when empty */
    if (na) memcpy(img + h->off_aliases, alias_off, na * sizeof(uint32_t));
    if (c->tok.n) memcpy(img + h->off_tokens, c->tok.v, c->tok.n * sizeof(img_token));
    fill_tables(c, h, term, img);
    free(term);
    if (ne) memcpy(img + h->off_ids, ids, ne * sizeof(uint32_t));
    memcpy(img + h->off_strings, c->pool, c->plen);
    h->checksum = XXH3_64bits(img + sizeof(img_header), h->file_size - sizeof(img_header));
    memcpy(img, h, sizeof *h);
    return img;
}

int ng_dict_builder_finish(ng_dict_builder *b, ng_dict **out, ng_error *err) {
    *out = NULL;
    if (!b) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "invalid argument");
    compiler c = {0};
    c.b = b;
    int rc = NG_OK;
    uint32_t dummy;
    if ((rc = pool_add(&c, "", 0, &dummy))) goto fail;   /* offset 0 = "" */
    size_t ne = b->ent.n;
    img_entity *ent = calloc(ne ? ne : 1, sizeof *ent);
    uint32_t *alias_off = calloc(b->alias.n ? b->alias.n : 1, sizeof *alias_off);
    uint32_t *ids = malloc((ne ? ne : 1) * sizeof *ids);
    size_t *acount = calloc(ne ? ne : 1, sizeof *acount);
    if (!ent || !alias_off || !ids || !acount) { rc = NG_E_NOMEM; goto fail2; }
    if ((rc = compile_entities(&c, ent, ids))) goto fail2;
    if ((rc = compile_alias_list(&c, ent, alias_off, acount))) goto fail2;
    if ((rc = compile_trie(&c))) goto fail2;
    order_outputs(&c, ids);
    /* table sizes for the final token count: load 2/3 (the scan's working
     * set matters more than probe length) */
    size_t vsize = c.tok.n + c.tok.n / 2 + 8, tsize = c.tn + c.tn / 2 + 8;
    if (c.nnodes >= NODE_TERMINAL) { rc = NG_E_LIMIT; goto fail2; }
    img_header h;
    layout(&c, vsize, tsize, &h);
    unsigned char *img = write_image(&c, &h, ent, alias_off, ids);
    if (!img) { rc = NG_E_NOMEM; goto fail2; }
    ng_dict *d = calloc(1, sizeof *d);
    if (!d) { free(img); rc = NG_E_NOMEM; goto fail2; }
    rc = ng_dict_image_verify(img, h.file_size, "<compiled>", 0, -1, d, err);
    if (rc) { free(img); free(d); goto done; }
    d->mapped = 0;
    *out = d;
fail2:
    if (rc && !*out) ng_error_set(err, rc, NULL, 0, 0, rc == NG_E_LIMIT ? "dictionary too large" : "out of memory");
done:
    free(ent); free(alias_off); free(ids); free(acount);
fail:
    if (rc && !*out && err && !err->code) ng_error_set(err, rc, NULL, 0, 0, NULL);
    compiler_free(&c);
    return rc;
}
