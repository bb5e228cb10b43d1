/* The matcher: dictionary lookup over tokens, leftmost-longest selection,
 * case checks, and per-article ambiguity resolution.
 *
 * Ambiguity (one span naming several entities) is resolved in this order:
 *   1. the highest 'priority' attribute;
 *   2. an entity already named unambiguously in the same article;
 *   3. type preference LOC > ORG > PER > EVENT > other types;
 *   4. dictionary order (earlier dictionaries, then earlier lines).
 * The chosen entity comes first in the match's candidate list. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dict.h"
#include "norm.h"
#include "tagger_internal.h"

static void mstate_free(mstate *m) {
    ng_names_free_state(m);
    ng_tokbuf_free(&m->tb);
    free(m->hits);
    free(m->hits_tmp);
    free(m->runs);
    free(m->spans);
    free(m->cands);
    free(m->cased);
    free(m->wc);
    memset(m, 0, sizeof *m);
}

static int cmp_fix(const void *x, const void *y) {
    const name_fix *a = x, *b = y;
    if (a->ent != b->ent) return a->ent < b->ent ? -1 : 1;
    return (a->from > b->from) - (a->from < b->from);
}

/* The ids each later dictionary shares with an earlier one (looked up from
 * the smaller of the two, as ng_dict_check_types does), with the earliest
 * dictionary's name. -1 when out of memory. */
static int build_name_fixes(ng_tagger *t) {
    if (t->nd < 2) return 0;
    t->fix = calloc(t->nd, sizeof *t->fix);
    t->nfix = calloc(t->nd, sizeof *t->nfix);
    if (!t->fix || !t->nfix) return -1;
    for (size_t j = 1; j < t->nd; j++) {
        const ng_dict *b = t->dicts[j];
        size_t cap = 0;
        for (size_t i = 0; i < j; i++) {
            const ng_dict *a = t->dicts[i];
            int from_a = a->h->n_entities <= b->h->n_entities;
            const ng_dict *x = from_a ? a : b, *y = from_a ? b : a;
            for (uint32_t k = 0; k < x->h->n_entities; k++) {
                long l = ng_dict_find_id(y, x->str + x->ent[k].id);
                if (l < 0) continue;
                uint32_t ea = from_a ? k : (uint32_t)l, eb = from_a ? (uint32_t)l : k;
                if (ng_grow((void **)&t->fix[j], &cap, t->nfix[j] + 1, sizeof *t->fix[j])) return -1;
                t->fix[j][t->nfix[j]++] = (name_fix){eb, (uint32_t)i, a->str + a->ent[ea].name};
            }
        }
        /* by entity, the earliest dictionary's first */
        if (t->nfix[j] > 1) qsort(t->fix[j], t->nfix[j], sizeof *t->fix[j], cmp_fix);   /* (qsort of NULL: UBSan) */
        size_t n = 0;
        for (size_t k = 0; k < t->nfix[j]; k++)
            if (!n || t->fix[j][n - 1].ent != t->fix[j][k].ent) t->fix[j][n++] = t->fix[j][k];
        t->nfix[j] = n;
    }
    return 0;
}

/* The name of entity 'ent' of dictionary 'dict' (see name_fix). */
static const char *entity_name(const ng_tagger *tg, unsigned dict, uint32_t ent, const char *own);

const char *ng_entity_name(const ng_tagger *tg, unsigned dict, uint32_t ent) {
    const ng_dict *d = tg->dicts[dict];
    return entity_name(tg, dict, ent, d->str + d->ent[ent].name);
}

const img_entity *ng_cand_entity(const ng_tagger *t, const cand *c, const ng_dict **d) {
    if (c->order == UINT64_MAX) return NULL;
    size_t di = (size_t)(c->order >> 32), ei = (size_t)(c->order & 0xFFFFFFFFu);
    if (di >= t->nd || ei >= t->dicts[di]->h->n_entities) return NULL;
    if (d) *d = t->dicts[di];
    return &t->dicts[di]->ent[ei];
}

const char *ng_entity_alias(const ng_dict *d, const img_entity *e, uint32_t k) {
    return d->str + (k ? d->aliases[e->alias_first + k - 1] : e->name);
}

const char *ng_cand_iso(const ng_tagger *t, const cand *c, size_t *len) {
    const ng_dict *d = NULL;
    const img_entity *e = ng_cand_entity(t, c, &d);
    if (!e) return NULL;
    const char *a = d->str + e->attrs, *p = a;
    while ((p = strstr(p, "iso=")) && p != a && p[-1] != '\t') p += 4;
    if (!p) return NULL;
    p += 4;
    *len = strcspn(p, "\t");
    return p;
}

static const char *entity_name(const ng_tagger *tg, unsigned dict, uint32_t ent, const char *own) {
    if (!dict || !tg->nfix[dict]) return own;
    const name_fix *f = tg->fix[dict];
    size_t lo = 0, hi = tg->nfix[dict];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f[mid].ent == ent) return f[mid].name;
        if (f[mid].ent < ent) lo = mid + 1; else hi = mid;
    }
    return own;
}

static void free_name_fixes(ng_tagger *t) {
    for (size_t j = 0; t->fix && j < t->nd; j++) free(t->fix[j]);
    free(t->fix);
    free(t->nfix);
}

ng_tagger *ng_tagger_new(ng_dict *const *dicts, size_t ndicts, unsigned flags) {
    ng_norm_init();
    ng_tagger *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->dicts = malloc((ndicts ? ndicts : 1) * sizeof *t->dicts);
    if (!t->dicts) { free(t); return NULL; }
    if (ndicts) memcpy(t->dicts, dicts, ndicts * sizeof *dicts);   /* none: a tagger for the name rules only */
    t->nd = ndicts;
    if (build_name_fixes(t)) { free_name_fixes(t); free(t->dicts); free(t); return NULL; }
    t->flags = flags;
    t->threads = 1;
    t->nstates = 1;
    return t;
}

/* With several threads, a big article's chunks are cut into RANGES_PER_THREAD
 * ranges per thread, each matched into its own state (see ng_tagger_tag_doc). */

int ng_tagger_set_threads(ng_tagger *t, unsigned n) {
    if (n < 1) n = 1;
    if (n > 64) n = 64;
    for (unsigned i = 0; t->workers && i + 1 < t->nstates; i++) mstate_free(&t->workers[i]);
    free(t->workers);
    t->workers = NULL;
    t->threads = t->nstates = 1;
    if (n > 1) {
        t->workers = calloc(n * RANGES_PER_THREAD - 1, sizeof *t->workers);
        if (!t->workers) return NG_E_NOMEM;
        t->nstates = n * RANGES_PER_THREAD;
    }
    t->threads = n;
    return NG_OK;
}

void ng_tagger_free(ng_tagger *t) {
    if (!t) return;
    mstate_free(&t->m);
    for (unsigned i = 0; t->workers && i + 1 < t->nstates; i++) mstate_free(&t->workers[i]);
    free(t->workers);
    free_name_fixes(t);
    free(t->dicts);
    free(t->matches);
    free(t->seen);
    free(t->seenset);
    free(t->plain);
    ng_spares_free(&t->spares);
    ng_names_free(t);
    free(t);
}

void ng_tagger_set_flags(ng_tagger *t, unsigned flags) { t->flags = flags; }

void ng_tagger_set_prefetch(ng_tagger *t, int mode) { t->prefetch = mode; }

/* NFKC form of tokens [i, j] as written, words joined by U+001F, into t->cased. */
static int span_cased(mstate *t, const char *text, size_t base, const ng_token *tok, size_t i,
                      size_t j, size_t *outlen) {
    size_t len = 0;
    for (size_t k = i; k <= j; k++) {
        const ng_token *tk = &tok[k];
        const char *s = text + base + tk->start;
        size_t n = tk->end - tk->start;
        char *f = NULL;
        size_t fl = n;
        if (!(tk->flags & TK_ASCII)) {
            if (ng_norm_cased(s, n, &f, &fl)) return -1;
            s = f;
        }
        if (ng_grow((void **)&t->cased, &t->cased_cap, len + fl + 2, 1)) { free(f); return -1; }
        if (k > i) t->cased[len++] = 0x1f;
        memcpy(t->cased + len, s, fl);
        len += fl;
        free(f);
    }
    t->cased[len] = 0;
    *outlen = len;
    return 0;
}

/* Adds the valid outputs of a hit as candidates of the current span.
 * Returns the number added. */
static size_t add_outputs(const ng_tagger *tg, mstate *t, const hit *h, const char *text, size_t base, const ng_token *tok,
                          int *cased_done, size_t *cased_len) {
    const ng_dict *d = tg->dicts[h->dict];
    size_t added = 0;
    /* the scan trusted 64-bit hashes: compare the words themselves now */
    for (size_t k = h->i; k <= h->j; k++) {
        const ng_token *tk = &tok[k];
        const img_vslot *v = dict_vslot(d, tk->hash);
        if (!v || !dict_verify(d, v->tok1 - 1, t->tb.fold + tk->fold, tk->fold_len)) return 0;
    }
    for (uint32_t o = d->nodes[h->node]; o < d->nodes[h->node + 1]; o++) {
        const img_output *out = &d->out[o];
        if ((out->flags & OUT_INFLECTED) && (tg->flags & NG_TAG_NO_INFLECT)) continue;
        if ((out->flags & OUT_NEEDCAP) && !(tok[h->i].flags & TK_UPPER1)) continue;
        if ((out->flags & OUT_NEEDCAP_AT) &&
            (h->j - h->i < OUT_CAPAT(out->flags) || !(tok[h->i + OUT_CAPAT(out->flags)].flags & TK_UPPER1)))
            continue;
        if (out->flags & OUT_CASED) {
            if (!*cased_done) {
                if (span_cased(t, text, base, tok, h->i, h->j, cased_len)) continue;
                *cased_done = 1;
            }
            const char *want = d->str + out->cased;
            if (strlen(want) != *cased_len || memcmp(want, t->cased, *cased_len)) continue;
        }
        const img_entity *e = &d->ent[out->entity];
        const char *id = d->str + e->id;
        /* one candidate per entity id, whatever dictionary or alias led to it */
        size_t first = t->span_cand_start, dup = 0;
        for (size_t c = first; c < t->ncands; c++)
            if (!strcmp(t->cands[c].c.id, id)) {
                dup = 1;
                if (!(out->flags & OUT_INFLECTED)) t->cands[c].inflected = 0;
                break;
            }
        if (dup) continue;
        if (ng_grow((void **)&t->cands, &t->cands_cap, t->ncands + 1, sizeof *t->cands)) return added;
        cand *c = &t->cands[t->ncands++];
        c->c.id = id;
        c->c.type = d->str + e->type;
        c->c.name = entity_name(tg, h->dict, out->entity, d->str + e->name);
        c->priority = e->priority;
        c->order = ((uint64_t)h->dict << 32) | out->entity;
        c->inflected = (out->flags & OUT_INFLECTED) != 0;
        added++;
    }
    return added;
}

/* Warms the cache for hit h: its outputs, then (once those are in) its
 * first entity and the words to verify. Misses of the cold dictionary data
 * then overlap instead of following one another. */
static inline void prefetch_hit(const ng_tagger *tg, const ng_token *tok, const hit *h, int stage) {
    const ng_dict *d = tg->dicts[h->dict];
    if (stage == 0) {
        __builtin_prefetch(&d->out[d->nodes[h->node]]);
        return;
    }
    const img_output *o = &d->out[d->nodes[h->node]];
    const img_entity *e = &d->ent[o->entity];
    __builtin_prefetch(e);
    if (stage == 2) {
        __builtin_prefetch(d->str + e->id);
        __builtin_prefetch(d->str + e->name);
    }
    const img_vslot *v = dict_vslot(d, tok[h->i].hash);
    if (v) {
        const img_token *t = &d->tok[v->tok1 - 1];
        if (stage == 1) __builtin_prefetch(t);
        else __builtin_prefetch(d->str + t->str);
    }
}

/* Appends a hit of pass 1 (its node's outputs prefetched for pass 2);
 * -1 when out of memory. */
static inline int push_hit(mstate *t, const ng_dict *d, hit h) {
    if (ng_grow((void **)&t->hits, &t->hits_cap, t->nhits + 1, sizeof *t->hits)) return -1;
    t->hits[t->nhits++] = h;
    __builtin_prefetch(&d->nodes[h.node]);
    return 0;
}

/* Pass 1 of match_chunk for dictionary d (index di of the tagger's), the
 * plain scan: walks the trie from every word and appends the hits (spans
 * that end an alias), in order of their first word. pass1_cached is the
 * scan used, with the same hits; this one is its reference (tests:
 * ng_tagger_set_prefetch -1) and the scan when the thread's caches could
 * not be allocated. */
static int pass1_plain(const ng_dict *d, uint32_t di, mstate *t, const ng_token *tok, size_t nt) {
    for (size_t i = 0; i < nt; i++) {
        const ng_token *ti = &tok[i];
        if ((ti->flags & (TK_WORD | TK_LONG)) != TK_WORD) continue;
        const img_vslot *v = dict_vslot(d, ti->hash);
        if (!v) continue;
        uint32_t nv = v->root;
        size_t j = i;
        while (nv) {
            uint32_t node = nv & ~NODE_TERMINAL;
            if ((nv & NODE_TERMINAL) && push_hit(t, d, (hit){i, j, di, node})) return NG_E_NOMEM;
            if (++j >= nt) break;
            const ng_token *tj = &tok[j];
            if (tj->flags & (TK_PARA | TK_LONG)) break;
            const img_vslot *v2 = dict_vslot(d, tj->hash);
            if (!v2) break;
            nv = dict_trans(d, node, v2->tok1 - 1);
        }
    }
    return NG_OK;
}

/* The word cache of pass1_cached: WC_BITS bits of a word's hash (32 on,
 * apart from the tag's and the home slot's) choose its entry. An entry
 * starts with a hash no word of that entry can have (those bits differ),
 * so a lookup never takes an entry it did not fill. */
enum { WC_BITS = 14, WC_N = 1 << WC_BITS };
static inline size_t wc_index(uint64_t h) { return (size_t)(h >> 32) & (WC_N - 1); }

enum { TC_BITS = 12, TC_N = 1 << TC_BITS };

/* The thread's caches for nd dictionaries (m->wc, m->tc: WC_N and TC_N
 * entries a dictionary, one allocation); 0, or -1 when out of memory (the
 * scan then goes without). */
static int wc_new(mstate *m, size_t nd) {
    wcache *wc = malloc(nd * (WC_N * sizeof *wc + TC_N * sizeof(tcache)));
    if (!wc) return -1;
    for (size_t k = 0; k < nd * WC_N; k++) wc[k] = (wcache){(uint64_t)((k & (WC_N - 1)) ^ 1) << 32, 0, 0};
    m->wc = wc;
    m->tc = (tcache *)(void *)(wc + nd * WC_N);
    memset(m->tc, 0, nd * TC_N * sizeof(tcache));   /* node 0: no entry (no trie node is 0) */
    return 0;
}

static inline size_t tc_index(uint32_t node, uint32_t tok) { return (size_t)trans_hash(node, tok) & (TC_N - 1); }

/* dict_trans through the transition cache. */
static inline uint32_t tc_trans(tcache *tc, const ng_dict *d, uint32_t node, uint32_t tok) {
    tcache *e = &tc[tc_index(node, tok)];
    if (e->node == node && e->tok == tok) return e->child;
    uint32_t child = dict_trans(d, node, tok);
    *e = (tcache){node, tok, child, 0};
    return child;
}

/* A word's slot (tok1 0: none) by its hash, through the cache. */
static inline wcache wc_slot(wcache *wc, const ng_dict *d, uint64_t h) {
    wcache *e = &wc[wc_index(h)];
    if (e->h != h) {
        const img_vslot *v = dict_vslot(d, h);
        *e = v ? (wcache){h, v->tok1, v->root} : (wcache){h, 0, 0};
    }
    return *e;
}

/* pass1_plain with the thread's caches for dictionary di: the words of
 * prose are mostly a few thousand frequent ones ("the", "of", "city"), and
 * copies of their slots (found or not) come from a 256 KiB table that
 * stays in the core's second-level cache instead of from the dictionary's
 * tables, tens of MiB of them at 1M names, where every lookup is a miss
 * the prefetches only partly hide; the transitions between frequent words
 * ("of the") from a 64 KiB one. A word the cache has needs no prefetch;
 * with big tables (pf) the others are prefetched (their tag FAR words
 * ahead, their slot NEAR words ahead when the tag matches, the first
 * transition out of a word AHEAD words ahead), and they enter the cache
 * when looked up. Same slots, same hits. Realistic
 * workload, 1M names, 100 MB (17.2M tokens scanned, 93 % of them found in
 * the word cache): one thread ~1.55 -> ~1.37 s. Without the prefetches it
 * is the scan of small tables too: a word's entry is one load and one
 * comparison that mostly succeeds, where dict_vslot's probe (a tag vector,
 * the slot, its hash) branches on whether the word is in the vocabulary,
 * which 40 % of the words of prose are: 10k names 1.26 -> 1.15 s, 100k
 * 1.44 -> 1.17 s (medians of 9, alternated). (With the prefetches, at 100k
 * the caches had cost more than they saved: 1.29 -> 1.36 s.) */
static inline __attribute__((always_inline)) int pass1_cached(const ng_dict *d, uint32_t di, mstate *t,
                                                              const ng_token *tok, size_t nt, const int pf) {
    enum { FAR = 16, NEAR = 6, AHEAD = 3, RING = 32 };
    wcache *wc = t->wc + (size_t)di * WC_N;
    tcache *tc = t->tc + (size_t)di * TC_N;
    const uint32_t vn = d->h->vocab_size, tn = d->h->trans_size;
    wcache vs[RING];               /* vs[k % RING]: the slot of word k once known, for k in [i, i + FAR] */
    unsigned char known[RING];     /* ... and whether it is */
    /* words [0, FAR): from the cache, or prefetched; [0, AHEAD) looked up */
    for (size_t k = 0; k < FAR && k < nt; k++) {
        uint64_t h = tok[k].hash;
        vs[k % RING] = wc[wc_index(h)];
        known[k % RING] = vs[k % RING].h == h;
        if (pf && !known[k % RING]) __builtin_prefetch(&d->vtags[home(h, vn)]);
    }
    for (size_t k = 0; k < AHEAD && k < nt; k++)
        if (!known[k % RING]) { vs[k % RING] = wc_slot(wc, d, tok[k].hash); known[k % RING] = 1; }
    for (size_t i = 0; i < nt; i++) {
        /* (the cache's entry itself, from the core's second-level cache) */
        if (pf && i + 2 * FAR < nt) __builtin_prefetch(&wc[wc_index(tok[i + 2 * FAR].hash)]);
        if (i + FAR < nt) {
            size_t k = i + FAR;
            uint64_t h = tok[k].hash;
            vs[k % RING] = wc[wc_index(h)];
            known[k % RING] = vs[k % RING].h == h;
            if (pf && !known[k % RING]) __builtin_prefetch(&d->vtags[home(h, vn)]);
        }
        if (pf && i + NEAR < nt && !known[(i + NEAR) % RING]) {
            uint64_t h = tok[i + NEAR].hash;
            uint32_t k = home(h, vn);
            if (d->vtags[k] == tag_of(h)) __builtin_prefetch(&d->vocab[k]);
        }
        if (i + AHEAD < nt) {
            size_t k = i + AHEAD;
            if (!known[k % RING]) { vs[k % RING] = wc_slot(wc, d, tok[k].hash); known[k % RING] = 1; }
            const wcache *v = &vs[k % RING], *p = &vs[(k - 1) % RING];
            if (v->tok1 && p->root) {
                uint32_t node = p->root & ~NODE_TERMINAL, w = v->tok1 - 1;
                const tcache *e = &tc[tc_index(node, w)];
                if (pf && (e->node != node || e->tok != w)) __builtin_prefetch(&d->trans[home(trans_hash(node, w), tn)]);
            }
        }
        const ng_token *ti = &tok[i];
        if ((ti->flags & (TK_WORD | TK_LONG)) != TK_WORD) continue;
        uint32_t nv = vs[i % RING].root;   /* (0 also when the word has no slot) */
        size_t j = i;
        while (nv) {
            uint32_t node = nv & ~NODE_TERMINAL;
            if ((nv & NODE_TERMINAL) && push_hit(t, d, (hit){i, j, di, node})) return NG_E_NOMEM;
            if (++j >= nt) break;
            const ng_token *tj = &tok[j];
            if (tj->flags & (TK_PARA | TK_LONG)) break;
            uint32_t tok1 = j <= i + AHEAD ? vs[j % RING].tok1 : wc_slot(wc, d, tj->hash).tok1;
            if (!tok1) break;
            nv = tc_trans(tc, d, node, tok1 - 1);
        }
    }
    return NG_OK;
}

/* Do the tables pass 1 reads (tags, vocabulary slots, transitions) of all
 * the dictionaries take at most 8 MiB (a quarter of this machine's L3)?
 * Then they stay in cache and the prefetches cost more than they save: on
 * the realistic bench (perf, the match pass's time against the
 * tokeniser's, which does not change) the match pass took 22 % less time
 * without them at 10k names (0.8 MiB of tables) and 7 % less at 100k
 * (5.5 MiB); at 1M (32 MiB) 4 % more, and the caches of pass1_cached
 * make up for the rest. */
static int small_tables(const ng_tagger *tg) {
    uint64_t bytes = 0;
    for (size_t k = 0; k < tg->nd; k++) {
        const ng_dict *d = tg->dicts[k];
        bytes += (uint64_t)d->h->vocab_size * (1 + sizeof(img_vslot)) + (uint64_t)d->h->trans_size * sizeof(img_tslot);
    }
    return bytes <= (8u << 20);
}

/* Merges the hits of the dictionaries' scans (runs[k] .. runs[k + 1] of
 * t->hits for dictionary k, each in order of its first word) into one
 * list in that order, the earlier dictionary's first among hits of one
 * word: the order a scan of all the dictionaries at each word gives. */
static int merge_hits(mstate *t, const size_t *runs, size_t *pos, size_t nd) {
    if (ng_grow((void **)&t->hits_tmp, &t->hits_tmp_cap, t->nhits, sizeof *t->hits)) return NG_E_NOMEM;
    for (size_t k = 0; k < nd; k++) pos[k] = runs[k];
    for (size_t o = 0; o < t->nhits; o++) {
        size_t best = nd;
        for (size_t k = 0; k < nd; k++)
            if (pos[k] < runs[k + 1] && (best == nd || t->hits[pos[k]].i < t->hits[pos[best]].i)) best = k;
        t->hits_tmp[o] = t->hits[pos[best]++];
    }
    hit *x = t->hits;
    size_t xc = t->hits_cap;
    t->hits = t->hits_tmp;
    t->hits_cap = t->hits_tmp_cap;
    t->hits_tmp = x;
    t->hits_tmp_cap = xc;
    return NG_OK;
}

/* Matches one chunk of a field. 'base' is the chunk's offset in the field.
 * Pass 1 walks the trie from every word and records the hits (spans that
 * end an alias); pass 2 picks the leftmost-longest valid ones, checking
 * words, case and flags against the dictionary data. */
int ng_match_chunk(const ng_tagger *tg, mstate *t, unsigned field, const char *text, size_t base) {
    const ng_tokbuf *tb = &t->tb;
    const ng_token *tok = tb->tok;
    size_t nt = tb->n;
    int all = (tg->flags & NG_TAG_ALL) != 0;
    /* pass 1, dictionary by dictionary, through the thread's caches
     * (plainly when out of memory for them, or for tests: prefetch -1),
     * prefetching when the tables (all the dictionaries' together) are
     * big; then their hits merged */
    size_t nd = tg->nd;
    int rc = NG_OK, pf = tg->prefetch > 0 || (!tg->prefetch && !small_tables(tg));
    int cache = tg->prefetch >= 0 && (t->wc || !wc_new(t, nd));
    if (ng_grow((void **)&t->runs, &t->runs_cap, 2 * nd + 1, sizeof *t->runs)) return NG_E_NOMEM;
    size_t *runs = t->runs;   /* runs[0 .. nd]: where each dictionary's hits start; then merge_hits' places */
    t->nhits = 0;
    for (size_t di = 0; di < nd && !rc; di++) {
        const ng_dict *d = tg->dicts[di];
        runs[di] = t->nhits;
        if (cache) rc = pf ? pass1_cached(d, (uint32_t)di, t, tok, nt, 1) : pass1_cached(d, (uint32_t)di, t, tok, nt, 0);
        else rc = pass1_plain(d, (uint32_t)di, t, tok, nt);
    }
    runs[nd] = t->nhits;
    t->prefetched += (unsigned)(pf && cache);
    if (!rc && nd > 1) rc = merge_hits(t, runs, runs + nd + 1, nd);
    if (rc) return rc;
    /* pass 2: hits are in order of their first word */
    hit *hits = t->hits;
    size_t nh = t->nhits, next_free = 0;
    for (size_t h0 = 0; h0 < nh;) {
        size_t i = hits[h0].i, h1 = h0;
        while (h1 < nh && hits[h1].i == i) h1++;
        if (h0 + 12 < nh) prefetch_hit(tg, tok, &hits[h0 + 12], 0);
        if (h0 + 8 < nh) prefetch_hit(tg, tok, &hits[h0 + 8], 1);
        if (h0 + 4 < nh) prefetch_hit(tg, tok, &hits[h0 + 4], 2);
        if (!all && i < next_free) { h0 = h1; continue; }
        const ng_token *ti = &tok[i];
        /* group hits by end token, longest first */
        size_t best_end = 0;
        int chosen = 0;
        for (;;) {
            size_t maxj = 0;
            int any = 0;
            for (size_t h = h0; h < h1; h++)
                if (hits[h].node && (!any || hits[h].j > maxj)) { maxj = hits[h].j; any = 1; }
            if (!any) break;
            t->span_cand_start = t->ncands;
            int cased_done = 0;
            size_t cased_len = 0, added = 0;
            for (size_t h = h0; h < h1; h++)
                if (hits[h].node && hits[h].j == maxj) {
                    added += add_outputs(tg, t, &hits[h], text, base, tok, &cased_done, &cased_len);
                    hits[h].node = 0;   /* consumed */
                }
            if (!added) continue;
            if (ng_grow((void **)&t->spans, &t->spans_cap, t->nspans + 1, sizeof *t->spans)) return NG_E_NOMEM;
            span *s = &t->spans[t->nspans++];
            s->start = base + ti->start;
            s->end = base + tok[maxj].end;
            s->field = field;
            s->cand = t->span_cand_start;
            s->ncand = (uint32_t)(t->ncands - t->span_cand_start);
            s->flags = chosen ? NG_MATCH_OVERLAP : 0;
            s->rule = NG_RULE_NONE;
            if (!chosen) { chosen = 1; best_end = maxj; }
            if (!all) break;
        }
        if (chosen && !all) next_free = best_end + 1;   /* continue after the match */
        h0 = h1;
    }
    return NG_OK;
}

/* A person's name the article pass named word by word (a weak given name
 * first in its sentence, "Віра Брежнєва заспівала": the given name and the
 * surname each the article's person) is one span: two spans of one field
 * whose chosen candidate (the only one, or the first of one fixed) is the
 * same person, each one word, not forms of one word (their first two
 * letters differ), one space between them, become one (the first's
 * candidates; not "See See" or "ФАЙЛА ФАЙЛ", the surname twice, nor
 * "B. See See"). */
/* Do two words start with the same two letters, case folded (forms of one
 * word: ФАЙЛА ФАЙЛ, See See)? Out of memory: yes (nothing is joined). */
static int same_start(const char *a, size_t al, const char *b, size_t bl) {
    size_t fa = 0, fb = 0;
    char *x = ng_fold(a, al, &fa), *y = ng_fold(b, bl, &fb);
    int same = 1;
    if (x && y) {
        size_t n = 0, k = 0;
        while (k < fa && n < 2) { k++; while (k < fa && ((unsigned char)x[k] & 0xC0) == 0x80) k++; n++; }
        same = fb >= k && !memcmp(x, y, k);
    }
    free(x);
    free(y);
    return same;
}

static void join_split_persons(mstate *m, const char *const *texts, const size_t *lens, size_t nfields) {
    size_t w = 0;
    for (size_t k = 0; k < m->nspans; k++) {
        span *s = &m->spans[k];
        if (w > 0) {
            span *p = &m->spans[w - 1];
            const cand *a = &m->cands[p->cand], *b = &m->cands[s->cand];
            if (s->start == p->end + 1 && p->field == s->field && p->field < nfields && s->end <= lens[s->field] &&
                (p->ncand == 1 || (p->flags & SPAN_FIXED)) && (s->ncand == 1 || (s->flags & SPAN_FIXED)) &&
                s->start == p->end + 1 && texts[s->field][p->end] == ' ' && a->c.type[0] == 'P' &&
                !strcmp(a->c.type, "PER") && !strcmp(b->c.type, "PER") &&
                (a->c.id == b->c.id || !strcmp(a->c.id, b->c.id)) && ng_one_word(texts[p->field], p->start, p->end) &&
                ng_one_word(texts[s->field], s->start, s->end) &&
                !same_start(texts[p->field] + p->start, p->end - p->start, texts[s->field] + s->start,
                            s->end - s->start)) {
                p->end = s->end;
                p->flags |= s->flags & ~NG_MATCH_OVERLAP;
                continue;
            }
        }
        m->spans[w++] = *s;
    }
    m->nspans = w;
}

/* A person's name followed by its original spelling in parentheses,
 * "Юрген Клинсман (Jürgen Klinsmann)", "Джошуа Вольфа (Joshua Wolf)": the
 * two are one person, and were two nodes (the transliterations' keys
 * differ: per:iurhen-klinsman, per:jurhen-klinsman). The Latin spelling,
 * the person's own, gives the entity (its id, name and type) to every span
 * of the article that had the Cyrillic one's id, unless the Cyrillic one
 * is a dictionary's entity (then it gives its own to the Latin one), or
 * the Latin one is no person ("Ши Тао (Shi Tao)", which the organisation
 * rules took: the person's entity goes to it, when the two surnames have
 * one skeleton). The Latin spelling is one
 * span filling the parentheses, of Latin letters only, and a person or a
 * rule-found name of two words or more (not "(AP)", "(NATO)"). */
typedef struct respell { const char *old; const cand *to; } respell;
static int cmp_respell(const void *x, const void *y) {
    return strcmp(((const respell *)x)->old, ((const respell *)y)->old);
}
static int script_of(const char *t, size_t a, size_t b) {   /* 1 Cyrillic, 2 Latin, 3 both, 0 neither */
    int r = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0xD0 && c <= 0xD3) r |= 1;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') r |= 2;
        else if (c >= 0xC3 && c <= 0xC5) r |= 2;   /* Latin-1 and Latin Extended-A letters */
    }
    return r;
}
static int words_in(const char *t, size_t a, size_t b) {
    int n = 1;
    for (size_t i = a; i < b; i++) n += t[i] == ' ';
    return n;
}
/* The skeleton (ng_name_skeleton) of the last word of t[a, b), without its
 * last vowels, into out (cap bytes); its length, 0 when there is none. */
static size_t last_word_skel(const char *t, size_t a, size_t b, char *out, size_t cap) {
    size_t w = b;
    while (w > a && t[w - 1] != ' ') w--;
    size_t fl = 0;
    char *f = ng_fold(t + w, b - w, &fl);
    if (!f) return 0;
    size_t n = ng_name_skeleton(f, fl, out, cap);
    free(f);
    while (n > 1 && strchr("aeiou", out[n - 1])) n--;
    out[n] = 0;
    return n;
}

static int link_original_spellings(mstate *m, const char *const *texts, const size_t *lens, size_t nfields) {
    respell *rs = NULL;
    size_t nr = 0, cap = 0;
    for (size_t k = 0; k + 1 < m->nspans; k++) {
        span *s = &m->spans[k], *t = &m->spans[k + 1];
        if ((s->flags | t->flags) & NG_MATCH_OVERLAP || s->field != t->field || s->field >= nfields ||
            t->end >= lens[t->field] || (s->ncand != 1 && !(s->flags & SPAN_FIXED)) ||
            (t->ncand != 1 && !(t->flags & SPAN_FIXED)))
            continue;
        const char *x = texts[s->field];
        size_t g = s->end;
        while (g < t->start && x[g] == ' ') g++;
        if (g + 1 != t->start || x[g] != '(' || x[t->end] != ')') continue;
        cand *a = &m->cands[s->cand], *b = &m->cands[t->cand];
        if (strcmp(a->c.type, "PER") || script_of(x, s->start, s->end) != 1 || script_of(x, t->start, t->end) != 2)
            continue;
        int a_dict = strncmp(a->c.id, "per:", 4) != 0, b_per = !strcmp(b->c.type, "PER");
        int b_rule = (t->flags & NG_MATCH_RULE) && strchr(b->c.id, ':');
        if (!b_per && !(b_rule && words_in(x, t->start, t->end) >= 2)) continue;
        if (!b_per) {   /* ... and the same surname in the two scripts (Тао, Tao) */
            char ka[128], kb[128];
            if (!last_word_skel(x, s->start, s->end, ka, sizeof ka) ||
                !last_word_skel(x, t->start, t->end, kb, sizeof kb) || strcmp(ka, kb))
                continue;
        }
        if (a_dict || !b_per) { *b = *a; b->inflected = 0; continue; }
        /* (one id already, as the given-name variants give Юрген and
         * Jürgen: the Latin spelling's name still) */
        if (!strcmp(a->c.id, b->c.id) && !strcmp(a->c.name, b->c.name)) continue;
        if (ng_grow((void **)&rs, &cap, nr + 1, sizeof *rs)) { free(rs); return NG_E_NOMEM; }
        rs[nr++] = (respell){a->c.id, b};
    }
    if (!nr) return NG_OK;
    /* every span of the Cyrillic spelling's id (the first link of an id
     * decides) */
    qsort(rs, nr, sizeof *rs, cmp_respell);
    for (size_t k = 0; k < m->nspans; k++) {
        span *s = &m->spans[k];
        if (s->ncand != 1 && !(s->flags & SPAN_FIXED)) continue;
        cand *a = &m->cands[s->cand];
        if (strncmp(a->c.id, "per:", 4)) continue;
        respell key = {a->c.id, NULL};
        const respell *r = bsearch(&key, rs, nr, sizeof *rs, cmp_respell);
        if (!r) continue;
        while (r > rs && !strcmp(r[-1].old, a->c.id)) r--;
        *a = *r->to;
        a->inflected = 0;
    }
    free(rs);
    return NG_OK;
}

/* In --all mode spans found inside an earlier chosen span are overlaps. */
static void mark_overlaps(mstate *t) {
    size_t cover_end = 0;
    unsigned cover_field = (unsigned)-1;
    for (size_t k = 0; k < t->nspans; k++) {
        span *s = &t->spans[k];
        if (s->field != cover_field) { cover_field = s->field; cover_end = 0; }
        if (s->flags & NG_MATCH_OVERLAP) continue;
        if (s->start < cover_end) s->flags |= NG_MATCH_OVERLAP;
        else cover_end = s->end;
    }
}

static int type_rank(const char *type) {
    if (!strcmp(type, "LOC")) return 0;
    if (!strcmp(type, "ORG")) return 1;
    if (!strcmp(type, "PER")) return 2;
    if (!strcmp(type, "EVENT")) return 3;
    return 4;
}

/* The article's unambiguously named entities: a hash set of id strings
 * (t->seen lists the members, t->seenset holds index+1 by hash). */
static int seen_has(const ng_tagger *t, const char *id) {
    if (!t->nseen) return 0;
    size_t mask = t->seenset_cap - 1;
    for (size_t i = ng_hash(id, strlen(id)) & mask;; i = (i + 1) & mask) {
        uint32_t v = t->seenset[i];
        if (!v) return 0;
        if (t->seen[v - 1] == id || !strcmp(t->seen[v - 1], id)) return 1;
    }
}

static int seen_add(ng_tagger *t, const char *id) {
    if (seen_has(t, id)) return NG_OK;
    if ((t->nseen + 1) * 2 > t->seenset_cap) {
        size_t cap = t->seenset_cap ? t->seenset_cap * 2 : 256;
        uint32_t *set = calloc(cap, sizeof *set);
        if (!set) return NG_E_NOMEM;
        for (size_t k = 0; k < t->nseen; k++) {
            size_t i = ng_hash(t->seen[k], strlen(t->seen[k])) & (cap - 1);
            while (set[i]) i = (i + 1) & (cap - 1);
            set[i] = (uint32_t)k + 1;
        }
        free(t->seenset);
        t->seenset = set;
        t->seenset_cap = cap;
    }
    if (ng_grow((void **)&t->seen, &t->seen_cap, t->nseen + 1, sizeof *t->seen)) return NG_E_NOMEM;
    t->seen[t->nseen++] = id;
    size_t mask = t->seenset_cap - 1;
    size_t i = ng_hash(id, strlen(id)) & mask;
    while (t->seenset[i]) i = (i + 1) & mask;
    t->seenset[i] = (uint32_t)t->nseen;
    return NG_OK;
}

static void seen_clear(ng_tagger *t) {
    if (t->nseen) memset(t->seenset, 0, t->seenset_cap * sizeof *t->seenset);
    t->nseen = 0;
}

/* Is p inside some dictionary's string pool (its strings are interned:
 * there, equal ids have equal addresses)? */
static int in_pools(const ng_tagger *t, const char *p) {
    for (size_t d = 0; d < t->nd; d++) {
        const ng_dict *x = t->dicts[d];
        if (p >= x->str && p < x->str + x->h->strings_size) return 1;
    }
    return 0;
}

/* A small open-addressing set of addresses (0 = empty). */
static int aset_has(const uintptr_t *set, size_t cap, uintptr_t a) {
    for (size_t i = (a * 0x9E3779B97F4A7C15ull) >> 40 & (cap - 1);; i = (i + 1) & (cap - 1)) {
        if (!set[i]) return 0;
        if (set[i] == a) return 1;
    }
}
static void aset_add(uintptr_t *set, size_t cap, uintptr_t a) {
    size_t i = (a * 0x9E3779B97F4A7C15ull) >> 40 & (cap - 1);
    while (set[i] && set[i] != a) i = (i + 1) & (cap - 1);
    set[i] = a;
}

/* The seen set for resolve(): the entities named unambiguously in the
 * article. resolve() asks it only about the candidates of ambiguous spans,
 * so only those are looked for: their ids are found once in every
 * dictionary, and the other spans are matched by the address of their id
 * (no string of theirs is read). An id outside every dictionary (a rule's
 * entity) is compared as a string (its hash is in the same set). */
static int context_scan(ng_tagger *t) {
    mstate *m = &t->m;
    size_t want = 0;
    for (size_t k = 0; k < m->nspans; k++)
        if (m->spans[k].ncand > 1 && !(m->spans[k].flags & SPAN_FIXED)) want += m->spans[k].ncand;
    if (!want) return NG_OK;
    size_t cap = 16;
    while (cap < 4 * want * (t->nd + 2)) cap *= 2;
    uintptr_t *addr = calloc(cap, sizeof *addr);
    const char **strs = malloc(want * sizeof *strs);
    if (!addr || !strs) { free(addr); free(strs); return NG_E_NOMEM; }
    size_t nstr = 0;
    for (size_t k = 0; k < m->nspans; k++) {
        const span *s = &m->spans[k];
        if (s->ncand < 2 || (s->flags & SPAN_FIXED)) continue;
        for (size_t i = 0; i < s->ncand; i++) {
            const char *id = m->cands[s->cand + i].c.id;
            strs[nstr++] = id;
            aset_add(addr, cap, (uintptr_t)id);
            aset_add(addr, cap, (uintptr_t)(ng_hash(id, strlen(id)) | 1));   /* for ids outside the pools */
            for (size_t d = 0; d < t->nd; d++) {
                long e = ng_dict_find_id(t->dicts[d], id);
                if (e >= 0) aset_add(addr, cap, (uintptr_t)(t->dicts[d]->str + t->dicts[d]->ent[e].id));
            }
        }
    }
    int rc = NG_OK;
    for (size_t k = 0; k < m->nspans && !rc; k++) {
        span *s = &m->spans[k];
        if (s->flags & NG_MATCH_OVERLAP) continue;
        cand *c = m->cands + s->cand;
        int maxp = c[0].priority, nmax = 0;
        size_t who = 0;
        for (size_t i = 1; i < s->ncand; i++) if (c[i].priority > maxp) maxp = c[i].priority;
        for (size_t i = 0; i < s->ncand; i++) if (c[i].priority == maxp) { nmax++; who = i; }
        if (nmax != 1) continue;
        const char *id = c[who].c.id;
        int wanted = aset_has(addr, cap, (uintptr_t)id);
        if (!wanted && !in_pools(t, id) && aset_has(addr, cap, (uintptr_t)(ng_hash(id, strlen(id)) | 1)))
            for (size_t j = 0; j < nstr && !wanted; j++) wanted = !strcmp(strs[j], id);
        if (wanted) rc = seen_add(t, id);
    }
    free(addr);
    free(strs);
    return rc;
}

/* Orders a span's candidates: the chosen one first. */
static void resolve(ng_tagger *t, span *s, int use_context) {
    cand *c = t->m.cands + s->cand;
    size_t n = s->ncand;
    if (n < 2 || (s->flags & SPAN_FIXED)) return;
    size_t best = 0;
    int maxp = c[0].priority;
    for (size_t k = 1; k < n; k++) if (c[k].priority > maxp) maxp = c[k].priority;
    /* among the top priority: context, then type, then order */
    size_t ctx = (size_t)-1, nctx = 0;
    if (use_context)
        for (size_t k = 0; k < n; k++)
            if (c[k].priority == maxp && seen_has(t, c[k].c.id)) { ctx = k; nctx++; }
    if (nctx == 1) best = ctx;
    else {
        int first = 1;
        for (size_t k = 0; k < n; k++) {
            if (c[k].priority != maxp) continue;
            if (nctx > 1 && !seen_has(t, c[k].c.id)) continue;
            if (first) { best = k; first = 0; continue; }
            int rk = type_rank(c[k].c.type), rb = type_rank(c[best].c.type);
            if (rk < rb || (rk == rb && c[k].order < c[best].order)) best = k;
        }
    }
    if (best) { cand tmp = c[0]; c[0] = c[best]; c[best] = tmp; }
}

/* The matches of spans [from, to): each span's candidates ordered, copied
 * out, its match filled in. Reads t (the context's ids) and writes only
 * the span's own candidates and match: ranges can go to threads. */
typedef struct build_job { ng_tagger *t; size_t from, to; int use_context; } build_job;

static void *build_range(void *arg) {
    const build_job *j = arg;
    ng_tagger *t = j->t;
    mstate *m = &t->m;
    for (size_t k = j->from; k < j->to; k++) {
        span *s = &m->spans[k];
        resolve(t, s, j->use_context);
        for (size_t i = 0; i < s->ncand; i++) t->plain[s->cand + i] = m->cands[s->cand + i].c;
        ng_match *mt = &t->matches[k];
        cand *c0 = &m->cands[s->cand];
        mt->start = s->start;
        mt->end = s->end;
        mt->field = s->field;
        mt->id = c0->c.id;
        mt->type = c0->c.type;
        mt->name = c0->c.name;
        mt->flags = (s->flags & ~(SPAN_FIXED | SPAN_CLUB)) | (s->ncand > 1 ? NG_MATCH_AMBIGUOUS : 0) | (c0->inflected ? NG_MATCH_INFLECTED : 0);
        mt->cands = t->plain + s->cand;
        mt->ncands = s->ncand;
        mt->rule = s->rule;
    }
    return NULL;
}

int ng_tagger_tag_doc(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields,
                      const ng_match **out, size_t *n, size_t *n_invalid) {
    *out = NULL;
    *n = 0;
    if (n_invalid) *n_invalid = 0;
    mstate *m = &t->m;
    m->nspans = m->ncands = m->invalid = 0;
    m->rc = NG_OK;
    t->doc_hash_ok = 0;
    ng_spares_free(&t->spares);   /* (left by an article that failed) */
    ng_names_reset(t);
    seen_clear(t);
    m->rc = ng_match_chunks(t, texts, lens, nfields);
    if (m->rc) return m->rc;
    m->rc = ng_names_doc(t, texts, lens, nfields);
    if (m->rc) return m->rc;
    m->rc = ng_names_clean(t);
    if (m->rc) return m->rc;
    if (m->nspans > 1) {
        /* (the merges' room: the largest spare block, an array of the
         * article pass that is dead now; its pages are the process's) */
        size_t big = 0;
        for (size_t i = 1; i < t->spares.n; i++)
            if (t->spares.bytes[i] > t->spares.bytes[big]) big = i;
        if (t->spares.n) ng_sort_spans_with(m->spans, m->nspans, t->spares.p[big], t->spares.bytes[big]);
        else ng_sort_spans(m->spans, m->nspans);
    }
    if (t->flags & NG_TAG_ALL) mark_overlaps(m);
    else if (m->nspans > 1) join_split_persons(m, texts, lens, nfields);
    if (m->nspans > 1 && (m->rc = link_original_spellings(m, texts, lens, nfields))) return m->rc;
    if (m->nspans > 1 && (m->rc = ng_unit_links(m, texts, lens, nfields))) return m->rc;
    /* context: entities named unambiguously (one candidate, or one of top priority) */
    int use_context = !(t->flags & NG_TAG_NO_CONTEXT);
    if (use_context && (m->rc = context_scan(t))) return m->rc;
    if (ng_grow_spare(&t->spares, (void **)&t->matches, &t->matches_cap, m->nspans + 1, sizeof *t->matches) ||
        ng_grow_spare(&t->spares, (void **)&t->plain, &t->plain_cap, m->ncands + 1, sizeof *t->plain))
        return NG_E_NOMEM;
    ng_spares_free(&t->spares);
    /* (a big article's with threads in two halves: the matches and the
     * candidates' copies are fresh pages, a page fault each) */
    build_job a = {t, 0, m->nspans, use_context}, b = a;
    pthread_t tid;
    int started = 0;
    if (t->threads > 1 && m->nspans >= (1u << 16)) {
        a.to = b.from = m->nspans / 2;
        started = pthread_create(&tid, NULL, build_range, &b) == 0;
    }
    build_range(&a);
    if (started) pthread_join(tid, NULL);
    else if (b.from > 0) build_range(&b);
    *out = t->matches;
    *n = m->nspans;
    if (n_invalid) *n_invalid = m->invalid;
    if (m->spans_cap > (1u << 16)) {
        /* a big article's spans and candidates are in the matches now:
         * their arrays go before the caller formats them, which is when
         * the process peaks (tens of MB for a 100 MB article) */
        free(m->spans); m->spans = NULL; m->spans_cap = 0;
        free(m->cands); m->cands = NULL; m->cands_cap = 0;
    }
    return NG_OK;
}

int ng_tagger_tag(ng_tagger *t, const char *text, size_t len, const ng_match **out, size_t *n) {
    return ng_tagger_tag_doc(t, &text, &len, 1, out, n, NULL);
}

const char *ng_rule_name(unsigned rule) {
    static const char *const names[NG_RULE_COUNT] = {
        [NG_RULE_NONE] = "",
        [NG_RULE_GIVEN_SURNAME] = "given name + surname",
        [NG_RULE_GIVEN_PATRONYMIC] = "given name + patronymic",
        [NG_RULE_INITIALS] = "initials + surname",
        [NG_RULE_TITLE] = "surname after a title",
        [NG_RULE_SURNAME_FIRST] = "surname + given name",
        [NG_RULE_ORG_LEGAL_QUOTED] = "legal form + quoted name",
        [NG_RULE_ORG_QUOTED] = "quoted name after an organisation word",
        [NG_RULE_ORG_OF] = "organisation word + of + name",
        [NG_RULE_ORG_ENGLISH] = "capitalised words + organisation word or legal form",
        [NG_RULE_ORG_HEAD] = "organisation word + words + place",
        [NG_RULE_ORG_ADJECTIVE] = "adjectives + organisation word",
        [NG_RULE_GIVEN_ALONE] = "given name alone",
        [NG_RULE_ORG_LATIN] = "Latin-script name in Cyrillic text",
        [NG_RULE_ORG_NAMED] = "organisation word + імені + name",
        [NG_RULE_PLACE_AREA] = "place adjective + area noun (район, громада, округ, повіт, губернія, ...)",
        [NG_RULE_PLACE_RIVER] = "river noun + name",
        [NG_RULE_PLACE_STREET] = "street noun + name",
        [NG_RULE_ORG_GENITIVE] = "capitalised organisation word + genitive words",
        [NG_RULE_PLACE_PART] = "compass adjective + place",
        [NG_RULE_ORG_QUOTED_ALONE] = "quoted name (Ukrainian text)",
        [NG_RULE_PLACE_SETTLEMENT] = "settlement noun + name",
        [NG_RULE_ORG_ACRONYM] = "Cyrillic acronym",
        [NG_RULE_SURNAME_ALONE] = "surname alone by its ending",
        [NG_RULE_TEAM] = "team on a results line",
        [NG_RULE_COUNTRY] = "name before its country in parentheses",
        [NG_RULE_SCORER] = "scorer before the minute",
        [NG_RULE_PLAYERS] = "player on a scorecard, squad list or leaderboard",
        [NG_RULE_DICT_FORM] = "dictionary name in a form it does not list",
        [NG_RULE_PLACE_REGION] = "region in -щина / -ччина",
        [NG_RULE_ORG_UNIT] = "military unit by its number",
        [NG_RULE_PLACE_DATELINE] = "place of a dateline",
        [NG_RULE_ORG_INSTITUTION] = "institution by its word alone",
        [NG_RULE_NAME_REPEATED] = "name the article repeats",
    };
    return rule < NG_RULE_COUNT ? names[rule] : "";
}
