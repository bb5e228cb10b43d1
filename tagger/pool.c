/* Matching an article in chunks: fields longer than CHUNK are cut where no
 * alias can span the cut; the chunks are matched (dictionary pass, then the
 * name rules' chunk pass) in order on this thread, or in contiguous ranges
 * by a pool of up to t->threads threads whose states are absorbed into t->m
 * in article order. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "dict.h"
#include "norm.h"
#include "tagger_internal.h"

#define CHUNK (1u << 20)

/* Can no alias run across a cut at k? True when the first token after k
 * is in no dictionary's vocabulary (every word of an alias is), and is not
 * capitalised (a name rule's person, John | Smith, would be cut in two).
 * Uses tb as scratch. */
static int cut_safe(const ng_tagger *t, ng_tokbuf *tb, const char *text, size_t k, size_t len) {
    size_t wend = len - k > 2048 ? k + 2048 : len;
    ng_tokbuf_reset(tb);
    if (ng_tokenize(tb, text + k, wend - k) || !tb->n) return 1;
    const ng_token *tk = &tb->tok[0];
    if (tk->end == wend - k && wend < len) return 0;   /* cut off by the window */
    if (tk->flags & TK_UPPER1) return 0;
    if (tk->flags & TK_LONG) return 1;
    for (size_t d = 0; d < t->nd; d++)
        if (dict_vslot(t->dicts[d], tk->hash)) return 0;
    return 1;
}

/* Where to cut a long field: a paragraph break (no alias spans one), else
 * a line break, else a space before a word that no alias continues with,
 * else any character boundary, searched backwards from pos+CHUNK. */
static size_t cut_at(ng_tagger *t, const char *text, size_t pos, size_t len) {
    size_t size = t->chunk ? t->chunk : CHUNK;
    if (size >= len - pos) return len;
    size_t limit = pos + size;
    size_t lo = limit - size / 8;
    for (size_t k = limit; k > lo; k--)
        if (text[k - 1] == '\n' && text[k - 2] == '\n') return k;
    int tries = 0;
    for (size_t k = limit; k > lo && tries < 256; k--)
        if ((text[k - 1] == '\n' || text[k - 1] == ' ') && text[k] != ' ' && text[k] != '\n' && ++tries &&
            cut_safe(t, &t->m.tb, text, k, len))
            return k;
    for (size_t k = limit; k > lo; k--)
        if (text[k - 1] == '\n') return k;
    for (size_t k = limit; k > lo; k--)
        if (text[k - 1] == ' ') return k;
    size_t k = limit;
    while (k > pos + 1 && ((unsigned char)text[k] & 0xC0) == 0x80) k--;
    return k;
}

typedef struct chunk { unsigned field; size_t start, end; } chunk;

typedef struct job {
    const ng_tagger *t;
    mstate *m;
    const char *const *texts;
    const chunk *chunks;
    size_t from, to;
} job;

static void run_chunks(const ng_tagger *t, mstate *m, const char *const *texts, const chunk *ch,
                       size_t from, size_t to) {
    for (size_t k = from; k < to && !m->rc; k++) {
        ng_tokbuf_reset(&m->tb);
        if (ng_tokenize(&m->tb, texts[ch[k].field] + ch[k].start, ch[k].end - ch[k].start)) {
            m->rc = NG_E_NOMEM;
            break;
        }
        m->invalid += m->tb.invalid;
        size_t first = m->nspans;
        m->rc = ng_match_chunk(t, m, ch[k].field, texts[ch[k].field], ch[k].start);
        if (!m->rc) m->rc = ng_names_chunk(t, m, ch[k].field, texts[ch[k].field], ch[k].start, first);
        /* the chunk's spans in order: then the article's are, chunk after chunk */
        if (!m->rc && m->nspans - first > 1) qsort(m->spans + first, m->nspans - first, sizeof *m->spans, ng_cmp_span);
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

int ng_match_chunks(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    mstate *m = &t->m;
    /* cut the fields into chunks */
    chunk one[8], *ch = one;
    size_t nch = 0, chcap = 8;
    for (size_t f = 0; f < nfields; f++) {
        if (!texts[f]) continue;
        size_t pos = 0;
        while (pos < lens[f]) {
            size_t end = cut_at(t, texts[f], pos, lens[f]);
            if (nch == chcap) {
                chunk *nc = malloc(chcap * 2 * sizeof *nc);
                if (!nc) { if (ch != one) free(ch); return NG_E_NOMEM; }
                memcpy(nc, ch, nch * sizeof *nc);
                if (ch != one) free(ch);
                ch = nc;
                chcap *= 2;
            }
            ch[nch++] = (chunk){(unsigned)f, pos, end};
            pos = end;
        }
    }
    unsigned nth = t->threads;
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
    if (ch != one) free(ch);
    if (m->rc) return m->rc;
    return NG_OK;
}
