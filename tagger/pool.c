/* Matching an article in chunks: fields longer than the chunk size are cut
 * (cut_at); each chunk is tokenised and matched (dictionary pass, then the
 * name rules' chunk pass) with some text before and after it, its context,
 * in order on this thread, or in contiguous ranges by a pool of up to
 * t->threads threads whose states are absorbed into t->m in article order.
 *
 * The result does not depend on where the cuts fall (issue 11; tests/unit/
 * test_chunks.c): a chunk keeps the spans that start in it, and
 *  - its context starts and ends at a word in no dictionary's vocabulary
 *    (ctx_before, ctx_after): no alias runs across such a word, so the
 *    dictionary pass (longest match first, left to right) finds over the
 *    context what it finds there in the whole text;
 *  - the name rules run on the chunk's own tokens, and look at the context
 *    around them as in the whole text: it holds at least CTX_TOKENS tokens
 *    and CTX_BYTES bytes on either side, more than any rule looks at (the
 *    farthest: 40 tokens after the title of an act, a scorer list of up to
 *    32 names, a '(' 400 bytes before);
 *  - a span or note across a cut (a name cut in two) shows in the chunks on
 *    either side of it (run_chunks): then the article is matched again with
 *    no cut inside it (ng_match_chunks). Cuts are chosen where that is
 *    unlikely: before a lower-case word that no alias has (cut_safe). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dict.h"
#include "norm.h"
#include "tagger_internal.h"

/* The chunk size, by measurement (the realistic 10 MB text, 10k names,
 * cachegrind with a 1 MiB last level as this CPU's L2): the token array of a
 * 1 MiB chunk (~170k tokens, 24 bytes each, 4 MB) did not stay in a core's
 * L2, that of a 128 KiB chunk does: 36 % fewer L2 misses for 2.5 % more
 * instructions (the contexts) than 1 MiB chunks, and a lower peak. */
#define CHUNK (1u << 17)
#define CTX_TOKENS 256
#define CTX_BYTES 1024
#define CTX_MAX (1u << 16)   /* the widest window a context is looked for in */

/* Spans and notes found across cuts: no cut may fall in (lo, hi) of a field. */
typedef struct nocut { unsigned field; size_t lo, hi; } nocut;
typedef struct nocuts { nocut *v; size_t n, cap; } nocuts;

static int is_forbidden(const nocuts *nc, unsigned field, size_t k) {
    for (size_t i = 0; i < nc->n; i++)
        if (nc->v[i].field == field && nc->v[i].lo < k && k < nc->v[i].hi) return 1;
    return 0;
}

static int is_sp(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* Is token tk a word of some dictionary's aliases? */
static int in_vocab(const ng_tagger *t, const ng_token *tk) {
    if (tk->flags & TK_LONG) return 0;
    for (size_t d = 0; d < t->nd; d++)
        if (dict_vslot(t->dicts[d], tk->hash)) return 1;
    return 0;
}

/* Is k, after white space, a good place for a cut: the word after it in no
 * dictionary's vocabulary (no alias runs across it) and not capitalised
 * (a name rule's person, John | Smith, would be cut in two)? Uses tb as
 * scratch. */
static int cut_safe(const ng_tagger *t, ng_tokbuf *tb, const char *text, size_t k, size_t len, int vocab_ok) {
    for (size_t w = 64;; w = 2048) {
        size_t wend = len - k > w ? k + w : len;
        ng_tokbuf_reset(tb);
        if (ng_tokenize(tb, text + k, wend - k)) return 0;
        if (!tb->n) return wend == len;
        const ng_token *tk = &tb->tok[0];
        if (tk->end == wend - k && wend < len) {   /* cut off by the window */
            if (w == 2048) return 0;
            continue;
        }
        return (tk->flags & TK_WORD) && !(tk->flags & TK_UPPER1) && (vocab_ok || !in_vocab(t, tk));
    }
}

/* Where to cut a long field after pos: the place nearest to pos + the chunk
 * size, in its last eighth, after white space and before a word cut_safe
 * takes, else after white space, else at a character boundary; never in
 * a span found across a cut before (nc). */
static size_t cut_at(ng_tagger *t, const nocuts *nc, unsigned field, const char *text, size_t pos, size_t len) {
    size_t size = t->chunk ? t->chunk : CHUNK;
    if (size >= len - pos) return len;
    size_t limit = pos + size, lo = limit - size / 8;
    if (lo <= pos) lo = pos + 1;
    int tries = 0;
    for (size_t k = limit; k > lo && tries < 256; k--) {
        if (!is_sp(text[k - 1]) || is_sp(text[k]) || is_forbidden(nc, field, k)) continue;
        /* (not right after a '(': "ACR (Full Name)" asks for the span after it) */
        size_t p = k - 1;
        while (p > pos && is_sp(text[p])) p--;
        if (text[p] == '(') continue;
        tries++;
        if (cut_safe(t, &t->m.tb, text, k, len, 0)) return k;
    }
    /* (else before a lower-case word some alias has: an alias across the
     * cut is rarer there than a name after a cut before a capital, which
     * makes the article be matched again) */
    tries = 0;
    for (size_t k = limit; k > lo && tries < 256; k--) {
        if (!is_sp(text[k - 1]) || is_sp(text[k]) || is_forbidden(nc, field, k)) continue;
        tries++;
        if (cut_safe(t, &t->m.tb, text, k, len, 1)) return k;
    }
    for (size_t k = limit; k > lo; k--)
        if (is_sp(text[k - 1]) && !is_forbidden(nc, field, k)) return k;
    for (size_t k = limit; k > lo; k--)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && !is_forbidden(nc, field, k)) return k;
    /* all of it lies in spans found across cuts: before them, or after */
    for (size_t k = lo; k > pos; k--)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && !is_forbidden(nc, field, k)) return k;
    for (size_t k = limit + 1; k < len; k++)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && !is_forbidden(nc, field, k)) return k;
    return len;
}

/* The start of the context before a chunk that starts at k: a word in no
 * dictionary's vocabulary after white space, at least CTX_TOKENS tokens and
 * CTX_BYTES bytes before k; 0 (the field's start) if there is none.
 * (size_t)-1 when out of memory. */
static size_t ctx_before(const ng_tagger *t, ng_tokbuf *tb, const char *text, size_t k) {
    for (size_t w = 2560;; w *= 2) {
        size_t lo = k > w ? k - w : 0;
        while (lo > 0 && lo < k && !is_sp(text[lo - 1])) lo++;   /* tokens as in the whole text */
        if (lo < k) {   /* (else no white space: a wider window) */
            ng_tokbuf_reset(tb);
            if (ng_tokenize(tb, text + lo, k - lo)) return (size_t)-1;
            /* (a word far enough back; in the widest window any word after white space) */
            for (size_t q = tb->n > CTX_TOKENS ? tb->n - CTX_TOKENS : 0; q-- > 1;) {
                const ng_token *tk = &tb->tok[q];
                if (lo + tk->start + CTX_BYTES <= k && (tk->flags & TK_SPACE) && (w > CTX_MAX / 2 || !in_vocab(t, tk)))
                    return lo + tk->start;
            }
            if (lo == 0) return 0;
        }
        /* none in CTX_MAX bytes (text with little white space): no context,
         * so that each chunk reads a bounded window, not all before it */
        if (w >= CTX_MAX) return k;
    }
}

/* The end of the context after a chunk that ends at k: as ctx_before, the
 * start of a word at least CTX_TOKENS tokens and CTX_BYTES bytes after k,
 * or len. */
static size_t ctx_after(const ng_tagger *t, ng_tokbuf *tb, const char *text, size_t k, size_t len) {
    if (k >= len) return len;
    for (size_t w = 2560;; w *= 2) {
        size_t hi = len - k > w ? k + w : len;
        while (hi < len && hi > k && !is_sp(text[hi - 1])) hi--;   /* whole tokens */
        if (hi > k) {
            ng_tokbuf_reset(tb);
            if (ng_tokenize(tb, text + k, hi - k)) return (size_t)-1;
            for (size_t q = CTX_TOKENS; q < tb->n; q++) {
                const ng_token *tk = &tb->tok[q];
                if (tk->start >= CTX_BYTES && (tk->flags & TK_SPACE) && (w > CTX_MAX / 2 || !in_vocab(t, tk)))
                    return k + tk->start;
            }
            if (hi == len) return len;
        }
        if (w >= CTX_MAX) return k;   /* (as ctx_before) */
    }
}

typedef struct chunk {
    unsigned field;
    size_t start, end;          /* the chunk: the spans that start in it are its */
    size_t cstart, cend;        /* what is tokenised and matched: the chunk and its context */
    size_t lo[2], hi[2];        /* a span or note across its start [0], its end [1]: no cut
                                 * in (lo, hi) (hi 0: none; set by run_chunks) */
} chunk;

typedef struct job {
    const ng_tagger *t;
    mstate *m;
    const char *const *texts;
    chunk *chunks;
    size_t from, to;
} job;

static void across(chunk *c, int side, size_t lo, size_t hi) {
    if (!c->hi[side] || lo < c->lo[side]) c->lo[side] = lo;
    if (hi > c->hi[side]) c->hi[side] = hi;
}

/* The first token that starts at or after byte b of the tokenised text. */
static size_t tok_at(const ng_tokbuf *tb, size_t b) {
    size_t lo = 0, hi = tb->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tb->tok[mid].start < b) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static void run_chunks(const ng_tagger *t, mstate *m, const char *const *texts, chunk *ch, size_t from, size_t to) {
    for (size_t k = from; k < to && !m->rc; k++) {
        chunk *c = &ch[k];
        const char *text = texts[c->field];
        ng_tokbuf_reset(&m->tb);
        /* invalid bytes: the chunk's own */
        m->tb.count_from = c->start - c->cstart;
        m->tb.count_to = c->end - c->cstart;
        if (ng_tokenize(&m->tb, text + c->cstart, c->cend - c->cstart)) {
            m->rc = NG_E_NOMEM;
            break;
        }
        m->invalid += m->tb.invalid;
        size_t first = m->nspans, cross[2];
        m->rc = ng_match_chunk(t, m, c->field, text, c->cstart);
        if (!m->rc)
            m->rc = ng_names_chunk(t, m, c->field, text, c->cstart, first, tok_at(&m->tb, c->start - c->cstart),
                                   tok_at(&m->tb, c->end - c->cstart), cross);
        if (m->rc) break;
        /* the chunk's spans; the context's are its neighbours' */
        if (cross[0] != SIZE_MAX) across(c, 0, cross[0], c->start + 1);
        if (cross[1]) across(c, 1, c->end - 1, cross[1]);
        size_t w = first;
        for (size_t i = first; i < m->nspans; i++) {
            const span *s = &m->spans[i];
            if (s->start >= c->start && s->start < c->end) {
                if (s->end > c->end) across(c, 1, s->start, s->end);
                m->spans[w++] = *s;
            } else if (s->start < c->start) {
                /* a rule's span from the chunk that starts before it */
                if (s->end > c->start || (s->flags & SPAN_FIXED)) across(c, 0, s->start, s->end > c->start ? s->end : c->start + 1);
            } else if (s->flags & SPAN_FIXED) {
                across(c, 1, c->end - 1, s->end);
            }
        }
        m->nspans = w;
        /* the chunk's spans in order: then the article's are, chunk after chunk */
        if (m->nspans - first > 1) qsort(m->spans + first, m->nspans - first, sizeof *m->spans, ng_cmp_span);
    }
}

/* Threads take ranges (jobs) in order until none is left. The first to
 * find none left while another still matches computes the article's hash
 * meanwhile, when it is wanted (see ng_match_chunks). */
typedef struct range_pool {
    job *jobs;
    unsigned n;
    atomic_uint next;
    atomic_uint running;            /* threads still taking ranges */
    atomic_int hash_taken;
    int hash;                       /* the article's hash is wanted */
    int hash_ok;                    /* and was computed into h */
    uint64_t h;
    const char *const *texts;
    const size_t *lens;
    size_t nfields;
} range_pool;

static void *pool_main(void *arg) {
    range_pool *p = arg;
    mstate *prev = NULL;
    for (unsigned k; (k = atomic_fetch_add(&p->next, 1)) < p->n;) {
        job *j = &p->jobs[k];
        if (prev && !j->m->tb.cap && !j->m->hits_cap) {
            /* the thread's scratch (tokens, hits) moves on with it */
            j->m->tb = prev->tb;
            memset(&prev->tb, 0, sizeof prev->tb);
            j->m->hits = prev->hits;
            j->m->hits_cap = prev->hits_cap;
            prev->hits = NULL;
            prev->hits_cap = prev->nhits = 0;
        }
        run_chunks(j->t, j->m, j->texts, j->chunks, j->from, j->to);
        prev = j->m;
    }
    if (p->hash && atomic_fetch_sub(&p->running, 1) > 1 && !atomic_exchange(&p->hash_taken, 1)) {
        p->h = ng_article_hash(p->texts, p->lens, p->nfields, NULL);
        p->hash_ok = 1;
    }
    return NULL;
}

/* After a large article, the scratch buffers a state grew (tokens, hits,
 * and for an absorbed worker its spans and candidates) are released, so that
 * they do not add to the peak while the result is formatted. */
static void release_big(mstate *w, int absorbed) {
    if (w->tb.cap > (1u << 16)) ng_tokbuf_free(&w->tb);
    if (w->hits_cap > (1u << 16)) { free(w->hits); w->hits = NULL; w->hits_cap = w->nhits = 0; }
    if (absorbed && w->spans_cap > (1u << 14)) {
        free(w->spans); w->spans = NULL; w->spans_cap = w->nspans = 0;
        free(w->cands); w->cands = NULL; w->cands_cap = w->ncands = 0;
    }
}

/* Worker states [from, to) copied into the main state's arrays, grown
 * already, at their places (span_at, cand_at: where state k's go). */
typedef struct absorb_job {
    mstate *m;
    mstate *const *w;
    const size_t *span_at, *cand_at;
    unsigned from, to;
} absorb_job;

static void *absorb_range(void *arg) {
    const absorb_job *j = arg;
    for (unsigned k = j->from; k < j->to; k++) {
        const mstate *w = j->w[k];
        span *dst = j->m->spans + j->span_at[k];
        for (size_t i = 0; i < w->nspans; i++) {
            dst[i] = w->spans[i];
            dst[i].cand += j->cand_at[k];
        }
        if (w->ncands) memcpy(j->m->cands + j->cand_at[k], w->cands, w->ncands * sizeof *w->cands);
    }
    return NULL;
}

/* Appends the worker states' spans and candidates to the main state, in
 * order (w[1 .. n); w[0] is m). The copies go to fresh pages, a page
 * fault each (~30 ms for a 100 MB article, on the one thread after the
 * pool): with threads, two threads share them. */
static int absorb_all(mstate *m, mstate *const *w, unsigned n, unsigned nth) {
    size_t span_at[64 * RANGES_PER_THREAD], cand_at[64 * RANGES_PER_THREAD], ns = m->nspans, nc = m->ncands;
    for (unsigned k = 1; k < n; k++) {
        span_at[k] = ns;
        cand_at[k] = nc;
        ns += w[k]->nspans;
        nc += w[k]->ncands;
    }
    if (ng_grow((void **)&m->spans, &m->spans_cap, ns, sizeof *m->spans) ||
        ng_grow((void **)&m->cands, &m->cands_cap, nc, sizeof *m->cands))
        return NG_E_NOMEM;
    for (unsigned k = 1; k < n; k++) m->invalid += w[k]->invalid;
    /* the states from 'split' on hold about half of what is copied */
    unsigned split = 1;
    while (split < n && (span_at[split] - m->nspans) * 2 < ns - m->nspans) split++;
    absorb_job a = {m, w, span_at, cand_at, 1, split}, b = {m, w, span_at, cand_at, split, n};
    pthread_t tid;
    int started = nth > 1 && split < n && pthread_create(&tid, NULL, absorb_range, &b) == 0;
    absorb_range(&a);
    if (started) pthread_join(tid, NULL);
    else absorb_range(&b);
    m->nspans = ns;
    m->ncands = nc;
    return NG_OK;
}

void ng_tagger_set_chunk(ng_tagger *t, size_t bytes) { t->chunk = bytes; }

/* One try of ng_match_chunks, with no cut in nc's spans; adds to nc the
 * spans and notes found across its cuts (then the result is thrown away). */
static int match_cut(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields, nocuts *nc) {
    mstate *m = &t->m;
    /* cut the fields into chunks */
    chunk one[8], *ch = one;
    size_t nch = 0, chcap = 8;
    for (size_t f = 0; f < nfields; f++) {
        if (!texts[f]) continue;
        size_t pos = 0;
        while (pos < lens[f]) {
            size_t end = cut_at(t, nc, (unsigned)f, texts[f], pos, lens[f]);
            if (nch == chcap) {
                chunk *nch2 = malloc(chcap * 2 * sizeof *nch2);
                if (!nch2) { if (ch != one) free(ch); return NG_E_NOMEM; }
                memcpy(nch2, ch, nch * sizeof *nch2);
                if (ch != one) free(ch);
                ch = nch2;
                chcap *= 2;
            }
            ch[nch++] = (chunk){(unsigned)f, pos, end, 0, lens[f], {0, 0}, {0, 0}};
            pos = end;
        }
    }
    /* the contexts: around each cut */
    for (size_t k = 0; k + 1 < nch; k++) {
        if (ch[k + 1].field != ch[k].field) continue;
        const char *text = texts[ch[k].field];
        size_t a = ctx_after(t, &m->tb, text, ch[k].end, lens[ch[k].field]);
        size_t b = a == (size_t)-1 ? a : ctx_before(t, &m->tb, text, ch[k].end);
        if (b == (size_t)-1) { if (ch != one) free(ch); return NG_E_NOMEM; }
        ch[k].cend = a;
        ch[k + 1].cstart = b;
    }
    /* threads only for a field cut into chunks: an article's fields alone
     * (a title and a short text) are matched here, as a thread started and
     * joined for a title cost more than matching it (JSON Lines of 2 KB
     * articles with titles, 2 threads: the CLI thread of the first tagger
     * tagged a ninth of them) */
    size_t whole = 0;
    for (size_t f = 0; f < nfields; f++) whole += texts[f] != NULL && lens[f] > 0;
    unsigned nth = nch > whole ? t->threads : 1;
    if (nth > nch) nth = (unsigned)(nch ? nch : 1);
    /* A big article's hash, when the article pass may want it (the given
     * name rule's ids carry it): hashing 100 MB afterwards, the text long
     * out of the caches, was 3 % of tagging it, and on the one thread of
     * the article pass. One thread hashes each chunk's text once it is
     * matched; with more, the first thread out of ranges hashes it all
     * while the others finish theirs. */
    int hash = nch > 1 && nfields <= 8 && ng_names_want_hash(t);
    if (nth <= 1 && !hash) {
        run_chunks(t, m, texts, ch, 0, nch);
    } else if (nth <= 1) {
        ng_hstate hs[8];
        memset(hs, 0, sizeof hs);
        for (size_t k = 0; k < nch && !m->rc; k++) {
            run_chunks(t, m, texts, ch, k, k + 1);
            ng_hash_upto(&hs[ch[k].field], texts[ch[k].field], lens[ch[k].field], ch[k].end);
        }
        if (!m->rc) {
            t->doc_hash = ng_article_hash(texts, lens, nfields, hs);
            t->doc_hash_ok = 1;
        }
    } else {
        /* contiguous ranges of chunks, several per thread: a thread takes
         * the next range when it is done with one, so that one slowed down
         * (another process on its core, slower text) holds the others up
         * less. Range k is matched into state k, and the states are
         * absorbed in order, which keeps the spans in article order. */
        unsigned nr = t->nstates;
        if (nr > nch) nr = (unsigned)nch;
        pthread_t tid[64];
        int started[64] = {0};
        job jobs[64 * RANGES_PER_THREAD];
        for (unsigned k = 0; k < nr; k++) {
            mstate *w = k == 0 ? m : &t->workers[k - 1];
            if (k) { w->nspans = w->ncands = w->invalid = 0; w->rc = NG_OK; ng_names_reset_state(w); }
            jobs[k] = (job){t, w, texts, ch, nch * k / nr, nch * (k + 1) / nr};
        }
        range_pool pool = {.jobs = jobs, .n = nr, .hash = hash, .texts = texts, .lens = lens, .nfields = nfields};
        atomic_init(&pool.next, 0);
        atomic_init(&pool.running, nth);
        atomic_init(&pool.hash_taken, 0);
        for (unsigned k = 1; k < nth; k++)
            if (!(started[k] = pthread_create(&tid[k], NULL, pool_main, &pool) == 0)) atomic_fetch_sub(&pool.running, 1);
            else t->chunk_threads++;
        pool_main(&pool);
        for (unsigned k = 1; k < nth; k++)
            if (started[k]) pthread_join(tid[k], NULL);
        if (pool.hash_ok) {
            t->doc_hash = pool.h;
            t->doc_hash_ok = 1;
        }
        mstate *ws[64 * RANGES_PER_THREAD];
        for (unsigned k = 0; k < nr; k++) {
            ws[k] = jobs[k].m;
            if (!m->rc) m->rc = jobs[k].m->rc;
        }
        if (!m->rc) m->rc = absorb_all(m, ws, nr, nth);
        for (unsigned k = 1; k < nr; k++) release_big(jobs[k].m, 1);
    }
    if (nch > 1) release_big(m, 0);
    for (size_t k = 0; k < nch && !m->rc; k++)
        for (int side = 0; side < 2; side++) {
            if (!ch[k].hi[side]) continue;
            if (ng_grow((void **)&nc->v, &nc->cap, nc->n + 1, sizeof *nc->v)) { m->rc = NG_E_NOMEM; break; }
            nc->v[nc->n++] = (nocut){ch[k].field, ch[k].lo[side], ch[k].hi[side]};
        }
    if (ch != one) free(ch);
    if (m->rc) return m->rc;
    return NG_OK;
}

int ng_match_chunks(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    nocuts nc = {0};
    size_t chunk = t->chunk;
    int rc;
    t->chunk_threads = 0;
    for (int round = 0;; round++) {
        size_t had = nc.n;
        /* (each try cuts elsewhere; after 8, rare as one is, the fields whole) */
        if (round == 8) t->chunk = SIZE_MAX;
        rc = match_cut(t, texts, lens, nfields, &nc);
        t->chunk_rounds = (unsigned)round + 1;
        if (rc || nc.n == had || round == 8) break;
        /* a name was cut in two: again, with no cut inside it */
        mstate *m = &t->m;
        m->nspans = m->ncands = m->invalid = 0;
        t->doc_hash_ok = 0;
        ng_names_reset(t);
    }
    t->chunk = chunk;
    free(nc.v);
    return rc;
}
