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
 *    either side of it (match_one): then those two chunks are taken back
 *    and matched again with the cut moved out of it (run_chunks, or
 *    match_cut for a cut between two threads' ranges), not the whole
 *    article; a cut moved MAX_MOVES times goes, its chunks joined. Cuts are
 *    chosen where that is unlikely: before a lower-case word that no alias
 *    has (cut_safe); in text with no such word (names all along) about
 *    one cut in two falls in a name.
 * A field is first laid out as a grid of cells of the chunk size; each
 * cut is looked for in the last eighth of its cell (cut_at from the cell's
 * start), so that no cut depends on the one before it, and a range's
 * cuts and contexts are found by the thread that matches it
 * (prepare_range), not by this one before the threads start: with two
 * threads that was 3 % of tagging a 100 MB article here, on one thread
 * (the first reads of the text's pages, and the contexts' tokens). */
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
    for (size_t i = 0; nc && i < nc->n; i++)
        if (nc->v[i].field == field && nc->v[i].lo < k && k < nc->v[i].hi) return 1;
    return 0;
}

static int add_nocut(nocuts *nc, unsigned field, size_t lo, size_t hi) {
    if (ng_grow((void **)&nc->v, &nc->cap, nc->n + 1, sizeof *nc->v)) return NG_E_NOMEM;
    nc->v[nc->n++] = (nocut){field, lo, hi};
    return NG_OK;
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

/* Where to cut a long field after pos, before stop (the field's length
 * len, or the end of the chunk after a cut that is moved): the place
 * nearest to pos + the chunk size, in its last eighth, after white space
 * and before a word cut_safe takes, else after white space, else at a
 * character boundary; never in a span found across a cut (nc, nc2).
 * stop when there is no such place. Uses tb as scratch. */
static size_t cut_at(const ng_tagger *t, ng_tokbuf *tb, const nocuts *nc, const nocuts *nc2, unsigned field,
                     const char *text, size_t pos, size_t len, size_t stop) {
    size_t size = t->chunk ? t->chunk : CHUNK;
    if (size >= stop - pos) return stop;
    size_t limit = pos + size, lo = limit - size / 8;
    if (lo <= pos) lo = pos + 1;
#define FORBIDDEN(k) (is_forbidden(nc, field, k) || is_forbidden(nc2, field, k))
    int tries = 0;
    for (size_t k = limit; k > lo && tries < 256; k--) {
        if (!is_sp(text[k - 1]) || is_sp(text[k]) || FORBIDDEN(k)) continue;
        /* (not right after a '(': "ACR (Full Name)" asks for the span after it) */
        size_t p = k - 1;
        while (p > pos && is_sp(text[p])) p--;
        if (text[p] == '(') continue;
        tries++;
        if (cut_safe(t, tb, text, k, len, 0)) return k;
    }
    /* (else before a lower-case word some alias has: an alias across the
     * cut is rarer there than a name after a cut before a capital, which
     * makes the chunks be matched again) */
    tries = 0;
    for (size_t k = limit; k > lo && tries < 256; k--) {
        if (!is_sp(text[k - 1]) || is_sp(text[k]) || FORBIDDEN(k)) continue;
        tries++;
        if (cut_safe(t, tb, text, k, len, 1)) return k;
    }
    for (size_t k = limit; k > lo; k--)
        if (is_sp(text[k - 1]) && !FORBIDDEN(k)) return k;
    for (size_t k = limit; k > lo; k--)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && !FORBIDDEN(k)) return k;
    /* all of it lies in spans found across cuts: before them, or after */
    for (size_t k = lo; k > pos; k--)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && !FORBIDDEN(k)) return k;
    for (size_t k = limit + 1; k < stop; k++)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && !FORBIDDEN(k)) return k;
#undef FORBIDDEN
    return stop;
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
    size_t start, end;          /* the chunk: the spans that start in it are its
                                 * (start == end: none, it joined the chunk before it) */
    size_t cstart, cend;        /* what is tokenised and matched: the chunk and its context */
    size_t lo[2], hi[2];        /* a span or note across its start [0], its end [1]: no cut
                                 * in (lo, hi) (hi 0: none; set by match_one) */
    unsigned moves;             /* times the cut at its end was moved */
    int cell;                   /* start, end are still the grid cell's bounds (prepare_range) */
    /* what its state held before it was matched (run_chunks takes it back) */
    size_t nspans, ncands, invalid;
    ng_names_pos names;
} chunk;

/* A cut moved this many times joins the chunks on either side of it. */
#define MAX_MOVES 8

/* A range of chunks, matched in order into one state by one thread. */
typedef struct job {
    const ng_tagger *t;
    mstate *m;
    const char *const *texts;
    const size_t *lens;
    chunk *chunks;
    size_t from, to;
    size_t at;                  /* the first chunk to match (from, or where it was taken back to) */
    const nocuts *nc;           /* the article's (match_cut; read only while the pool runs) */
    nocuts found;               /* what moved the range's own cuts */
    ng_hstate *hs;              /* the fields' hash in steps (one thread), or NULL */
    unsigned redone;            /* chunks matched again */
    unsigned joins;             /* cuts joined after MAX_MOVES moves */
    /* while a pool runs (range_pool): when the range was taken, and how
     * many of its chunks are done, for sizing the ranges taken after it */
    double t0;
    atomic_size_t done;
    atomic_int running;
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

/* Matches chunk c into m: its spans, sorted, after m's; what runs across
 * its ends in c->lo, c->hi. */
static int match_one(const ng_tagger *t, mstate *m, const char *text, chunk *c) {
    c->lo[0] = c->lo[1] = c->hi[0] = c->hi[1] = 0;
    ng_tokbuf_reset(&m->tb);
    /* invalid bytes: the chunk's own */
    m->tb.count_from = c->start - c->cstart;
    m->tb.count_to = c->end - c->cstart;
    if (ng_tokenize(&m->tb, text + c->cstart, c->cend - c->cstart)) return m->rc = NG_E_NOMEM;
    m->invalid += m->tb.invalid;
    size_t first = m->nspans, cross[2];
    m->rc = ng_match_chunk(t, m, c->field, text, c->cstart);
    if (!m->rc)
        m->rc = ng_names_chunk(t, m, c->field, text, c->cstart, first, tok_at(&m->tb, c->start - c->cstart),
                               tok_at(&m->tb, c->end - c->cstart), cross);
    if (m->rc) return m->rc;
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
    return NG_OK;
}

static int has_text(const chunk *c) { return c->start < c->end; }

/* The chunk of k's field with text before k, from 'from' on; SIZE_MAX if none. */
static size_t prev_chunk(const chunk *ch, size_t from, size_t k) {
    for (size_t p = k; p-- > from;)
        if (has_text(&ch[p])) return ch[p].field == ch[k].field ? p : SIZE_MAX;
    return SIZE_MAX;
}

/* The chunk of k's field with text after k, before 'to'; SIZE_MAX if none. */
static size_t next_chunk(const chunk *ch, size_t k, size_t to) {
    for (size_t n = k + 1; n < to; n++)
        if (has_text(&ch[n])) return ch[n].field == ch[k].field ? n : SIZE_MAX;
    return SIZE_MAX;
}

/* m as it was before chunk c was matched. */
static void take_back(mstate *m, const chunk *c) {
    m->nspans = c->nspans;
    m->ncands = c->ncands;
    m->invalid = c->invalid;
    ng_names_take_back(m, &c->names);
}

/* Moves the cut between chunk a and b, the next of its field, out of
 * (lo, hi), a span or note found across it (added to 'found'): as cut_at
 * from a's start, with b's end the last place; with none left there, or
 * after MAX_MOVES moves, b joins a (counted in *joins in the second case).
 * Uses tb as scratch. */
static int move_cut(const ng_tagger *t, ng_tokbuf *tb, const nocuts *nc, nocuts *found, const char *text, size_t len,
                    chunk *a, chunk *b, size_t lo, size_t hi, unsigned *joins) {
    if (add_nocut(found, a->field, lo, hi)) return NG_E_NOMEM;
    int last = ++a->moves > MAX_MOVES;
    *joins += last;
    size_t x = last ? b->end : cut_at(t, tb, nc, found, a->field, text, a->start, len, b->end);
    if (x >= b->end) {
        a->end = b->end;
        a->cend = b->cend;
        a->moves = b->moves;
        b->start = b->end;
        b->moves = 0;
        b->hi[0] = b->hi[1] = 0;
        return NG_OK;
    }
    size_t ca = ctx_after(t, tb, text, x, len), cb = ca == (size_t)-1 ? ca : ctx_before(t, tb, text, x);
    if (cb == (size_t)-1) return NG_E_NOMEM;
    a->end = b->start = x;
    a->cend = ca;
    b->cstart = cb;
    return NG_OK;
}

/* Where a field is cut at the bound b of a grid cell (b > 0, b < the
 * field's length len): cut_at as if the chunk before started a cell
 * earlier. Without a place in that cell (no character boundary in it: a
 * cell of invalid bytes), b itself. Uses tb as scratch. */
static size_t cut_cell(const ng_tagger *t, ng_tokbuf *tb, unsigned field, const char *text, size_t b, size_t len) {
    size_t size = t->chunk ? t->chunk : CHUNK;
    size_t k = cut_at(t, tb, NULL, NULL, field, text, b - size, len, len);
    return k > b ? b : k;
}

/* The range's chunks, still grid cells, cut (cut_cell) and given their
 * contexts, on the thread that matches them: each bound between two of
 * its cells is cut once, the range's first and last bounds also by the
 * neighbours' threads (the same place). Uses j->m->tb as scratch; an error
 * in j->m->rc. */
static void prepare_range(job *j) {
    const ng_tagger *t = j->t;
    ng_tokbuf *tb = &j->m->tb;
    chunk *ch = j->chunks;
    for (size_t k = j->from; k < j->to; k++) {
        chunk *c = &ch[k];
        if (!c->cell) continue;
        const char *text = j->texts[c->field];
        size_t len = j->lens[c->field];
        if (k > j->from && ch[k - 1].field == c->field) c->start = ch[k - 1].end;
        else if (c->start > 0) c->start = cut_cell(t, tb, c->field, text, c->start, len);
        if (c->end < len) c->end = cut_cell(t, tb, c->field, text, c->end, len);
        c->cstart = c->start > 0 ? ctx_before(t, tb, text, c->start) : 0;
        c->cend = c->cstart == (size_t)-1 ? c->cstart : ctx_after(t, tb, text, c->end, len);
        if (c->cend == (size_t)-1) { j->m->rc = NG_E_NOMEM; return; }
        c->cell = 0;
    }
}

/* Matches the range's chunks from j->at on. A span or note across a cut
 * inside the range (a name cut in two) takes back the chunks on either
 * side of it, which are matched again with the cut moved (move_cut); one
 * across the range's first or last cut is left in the chunk's lo, hi for
 * match_cut. */
static void run_chunks(job *j) {
    const ng_tagger *t = j->t;
    mstate *m = j->m;
    chunk *ch = j->chunks;
    prepare_range(j);
    for (size_t k = j->at; k < j->to && !m->rc;) {
        chunk *c = &ch[k];
        if (!has_text(c)) { k++; continue; }
        const char *text = j->texts[c->field];
        size_t len = j->lens[c->field];
        c->nspans = m->nspans;
        c->ncands = m->ncands;
        c->invalid = m->invalid;
        ng_names_mark(m, &c->names);
        if (match_one(t, m, text, c)) break;
        size_t a = SIZE_MAX, b = SIZE_MAX, lo = 0, hi = 0;
        if (c->hi[0] && (a = prev_chunk(ch, j->from, k)) != SIZE_MAX) {
            b = k; lo = c->lo[0]; hi = c->hi[0];
        } else if (c->hi[1] && (b = next_chunk(ch, k, j->to)) != SIZE_MAX) {
            a = k; lo = c->lo[1]; hi = c->hi[1];
        }
        if (a != SIZE_MAX && b != SIZE_MAX) {
            /* (a's state mark is before b's: both go) */
            take_back(m, &ch[a]);
            j->redone += a == k ? 1 : 2;
            if ((m->rc = move_cut(t, &m->tb, j->nc, &j->found, text, len, &ch[a], &ch[b], lo, hi, &j->joins))) break;
            k = a;
            continue;
        }
        if (j->hs) ng_hash_upto(&j->hs[c->field], text, len, c->end);
        k++;
        atomic_store_explicit(&j->done, k - j->from, memory_order_relaxed);
    }
}

/* Threads take ranges (jobs) in order until none is left. The first to
 * find none left while another still matches computes the article's hash
 * meanwhile, when it is wanted (see match_cut).
 *
 * The ranges from 'first' on (the first time an article's chunks are
 * matched: match_cut) are sized when they are taken, from how fast each
 * thread went so far (size_range), so that the threads run out of chunks
 * at about the same time: two threads of this machine's virtual CPUs run
 * at speeds that differ by up to a half for seconds at a time, and ranges
 * of equal size left one thread matching alone for 3 to 177 ms at the end
 * of a 100 MB article, the other idle. */
typedef struct range_pool {
    job **jobs;
    unsigned n;
    unsigned next;                  /* the next job to take (under lock) */
    pthread_mutex_t lock;
    unsigned first;                 /* jobs [first, n) are sized when taken (n: none) */
    unsigned sized;                 /* how many were */
    size_t nch;                     /* chunks of the article */
    atomic_uint running;            /* threads still taking ranges */
    atomic_int hash_taken;
    int hash;                       /* the article's hash is wanted */
    int hash_ok;                    /* and was computed into h */
    uint64_t h;
    const char *const *texts;
    const size_t *lens;
    size_t nfields;
} range_pool;

/* Hashing the article costs about what matching a fortieth of it does
 * (here: 100 MB hashed in 20-25 ms, matched in ~1 s on one thread). */
#define HASH_SHARE 40

size_t ng_range_share(size_t left, unsigned later, double rate, double *fin, double *spd, unsigned nb, double hash) {
    if (!later || left <= later) return left;
    /* those that will take the later jobs: the first free */
    for (unsigned a = 0; a < nb; a++)
        for (unsigned b = a + 1; b < nb; b++)
            if (fin[b] < fin[a]) {
                double x = fin[a]; fin[a] = fin[b]; fin[b] = x;
                x = spd[a]; spd[a] = spd[b]; spd[b] = x;
            }
    if (nb > later) nb = later;
    /* all end together at T: this thread's share is rate * T - hash, each
     * other's spd * (T - fin); the shares add up to 'left' */
    double work = (double)left + hash, speed = rate;
    for (unsigned a = 0; a < nb; a++) {
        work += fin[a] * spd[a];
        speed += spd[a];
    }
    double mine = rate > 0 ? rate * work / speed - hash : (double)left / (later + 1);
    return mine < 1 ? 1 : mine >= (double)(left - later) ? left - later : (size_t)(mine + 0.5);
}

/* Sizes job k (k >= p->first), taken at time 'now' by a thread that
 * matched 'rate' chunks a second in its last range (0: none yet): the
 * chunks not given out yet are shared (ng_range_share) between it and the
 * threads that will take the jobs after k, the ones now matching whose
 * ranges end first, so that all end together; each matching thread's
 * speed so far and what is left of its range give when it will be free.
 * The thread that takes the last job but one will also hash the article
 * (it is likely the first out of ranges). Under p->lock. */
static void size_range(range_pool *p, unsigned k, double rate, double now) {
    job *j = p->jobs[k];
    size_t from = k > p->first ? p->jobs[k - 1]->to : j->from;
    double fin[64 * RANGES_PER_THREAD], spd[64 * RANGES_PER_THREAD];
    unsigned nb = 0;
    for (unsigned r = 0; r < k; r++) {
        const job *o = p->jobs[r];
        if (!atomic_load(&o->running)) continue;
        size_t done = atomic_load_explicit(&o->done, memory_order_relaxed), all = o->to - o->from;
        double el = now - o->t0, s = done && el > 0 ? (double)done / el : rate;
        fin[nb] = s > 0 && all > done ? (double)(all - done) / s : 0;
        spd[nb++] = s;
    }
    double hash = p->hash && k + 2 == p->n ? (double)p->nch / HASH_SHARE : 0;
    j->from = j->at = from;
    j->to = from + ng_range_share(p->nch - from, p->n - 1 - k, rate, fin, spd, nb, hash);
}

/* The next job for a thread that matched 'rate' chunks a second in its
 * last range; NULL when none is left. */
static job *take_range(range_pool *p, double rate) {
    pthread_mutex_lock(&p->lock);
    job *j = NULL;
    if (p->next < p->n) {
        unsigned k = p->next++;
        j = p->jobs[k];
        double now = ng_seconds();
        if (k >= p->first) {
            size_range(p, k, rate, now);
            p->sized++;
        }
        j->t0 = now;
        atomic_store(&j->done, 0);
        atomic_store(&j->running, 1);
    }
    pthread_mutex_unlock(&p->lock);
    return j;
}

static void *pool_main(void *arg) {
    range_pool *p = arg;
    mstate *prev = NULL;
    double rate = 0;
    for (job *j; (j = take_range(p, rate));) {
        if (prev && !j->m->tb.cap && !j->m->hits_cap) {
            /* the thread's scratch (tokens, hits) moves on with it */
            j->m->tb = prev->tb;
            memset(&prev->tb, 0, sizeof prev->tb);
            j->m->hits = prev->hits;
            j->m->hits_cap = prev->hits_cap;
            prev->hits = NULL;
            prev->hits_cap = prev->nhits = 0;
        }
        run_chunks(j);
        double el = ng_seconds() - j->t0;
        rate = el > 0 ? (double)(j->to - j->from) / el : 0;
        atomic_store(&j->running, 0);
        prev = j->m;
    }
    if (p->hash && atomic_fetch_sub(&p->running, 1) > 1 && !atomic_exchange(&p->hash_taken, 1)) {
        p->h = ng_article_hash(p->texts, p->lens, p->nfields, NULL);
        p->hash_ok = 1;
    }
    return NULL;
}

/* Runs the jobs (n of them) on up to nth threads; hash: and computes the
 * article's hash meanwhile into t->doc_hash. */
static void run_pool(ng_tagger *t, job **jobs, unsigned n, unsigned first, size_t nch, unsigned nth, int hash,
                     const char *const *texts, const size_t *lens, size_t nfields) {
    if (nth > n) nth = n;
    if (nth < 1) nth = 1;
    pthread_t tid[64];
    int started[64] = {0};
    range_pool pool = {.jobs = jobs, .n = n, .first = first, .nch = nch, .hash = hash, .texts = texts, .lens = lens,
                       .nfields = nfields};
    pthread_mutex_init(&pool.lock, NULL);
    atomic_init(&pool.running, nth);
    atomic_init(&pool.hash_taken, 0);
    for (unsigned k = 1; k < nth; k++)
        if (!(started[k] = pthread_create(&tid[k], NULL, pool_main, &pool) == 0)) atomic_fetch_sub(&pool.running, 1);
        else t->chunk_threads++;
    pool_main(&pool);
    for (unsigned k = 1; k < nth; k++)
        if (started[k]) pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&pool.lock);
    t->chunk_sized += pool.sized;
    if (pool.hash_ok) {
        t->doc_hash = pool.h;
        t->doc_hash_ok = 1;
    }
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
        if (!w->nspans) continue;   /* (m->spans may be NULL: no span anywhere) */
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

/* The range (job) chunk k is in. */
static unsigned range_of(const job *jobs, unsigned nr, size_t k) {
    unsigned r = 0;
    while (r + 1 < nr && k >= jobs[r].to) r++;
    return r;
}

/* The cuts between ranges with a span or note across them are moved
 * (move_cut, on this thread: the pool is done) and the ranges on either
 * side are set to be matched again: the one before from the chunk before
 * the cut on, the one after whole. How many chunks that matches again. */
static int move_range_cuts(ng_tagger *t, job *jobs, unsigned nr, chunk *ch, size_t nch, const char *const *texts,
                           const size_t *lens, nocuts *nc, unsigned *redone) {
    mstate *m = &t->m;
    for (unsigned r = 0; r < nr; r++) jobs[r].at = SIZE_MAX;
    for (size_t a = SIZE_MAX, b = 0; b < nch; b++) {
        if (!has_text(&ch[b])) continue;
        unsigned ra, rb;
        if (a == SIZE_MAX || ch[a].field != ch[b].field || (!ch[a].hi[1] && !ch[b].hi[0]) ||
            (ra = range_of(jobs, nr, a)) == (rb = range_of(jobs, nr, b))) {
            a = b;
            continue;
        }
        /* (one side's span or note: in nc; the other's moves the cut) */
        size_t lo = ch[a].hi[1] ? ch[a].lo[1] : ch[b].lo[0], hi = ch[a].hi[1] ? ch[a].hi[1] : ch[b].hi[0];
        if (ch[a].hi[1] && ch[b].hi[0] && add_nocut(nc, ch[b].field, ch[b].lo[0], ch[b].hi[0])) return NG_E_NOMEM;
        int rc = move_cut(t, &m->tb, NULL, nc, texts[ch[a].field], lens[ch[a].field], &ch[a], &ch[b], lo, hi,
                          &t->chunk_joins);
        if (rc) return rc;
        if (a < jobs[ra].at) jobs[ra].at = a;
        for (unsigned r = ra + 1; r <= rb; r++) jobs[r].at = jobs[r].from;
        if (has_text(&ch[b])) a = b;   /* (else b joined a) */
    }
    for (unsigned r = 0; r < nr; r++) {
        job *j = &jobs[r];
        if (j->at == SIZE_MAX) continue;
        if (j->at == j->from) {
            j->m->nspans = j->m->ncands = j->m->invalid = 0;
            j->m->rc = NG_OK;
            ng_names_reset_state(j->m);
        } else {
            take_back(j->m, &ch[j->at]);
        }
        for (size_t k = j->at; k < j->to; k++) *redone += has_text(&ch[k]);
    }
    return NG_OK;
}

/* Cuts the fields into chunks and matches them, in ranges on up to
 * t->threads threads; *crossed when spans or notes were still found
 * across cuts after many rounds (then the result is thrown away). */
static int match_cut(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields, unsigned *rounds,
                     unsigned *redone, int *crossed) {
    mstate *m = &t->m;
    nocuts nc = {0};
    /* the fields' grid cells (cut where each thread's range is matched:
     * prepare_range) */
    size_t size = t->chunk ? t->chunk : CHUNK;
    chunk one[8], *ch = one;
    size_t nch = 0, chcap = 8;
    for (size_t f = 0; f < nfields; f++) {
        if (!texts[f] || !lens[f]) continue;
        size_t ncell = size >= lens[f] ? 1 : (lens[f] - 1) / size + 1;
        if (nch + ncell > chcap) {
            size_t cap = chcap;
            while (cap < nch + ncell) cap *= 2;
            chunk *nch2 = malloc(cap * sizeof *nch2);
            if (!nch2) { if (ch != one) free(ch); return NG_E_NOMEM; }
            memcpy(nch2, ch, nch * sizeof *nch2);
            if (ch != one) free(ch);
            ch = nch2;
            chcap = cap;
        }
        for (size_t g = 0; g < ncell; g++)
            ch[nch++] = (chunk){.field = (unsigned)f, .start = g * size, .end = g + 1 == ncell ? lens[f] : (g + 1) * size,
                                .cell = ncell > 1};
        if (ncell == 1) ch[nch - 1].cend = lens[f];
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
    ng_hstate hs[8];
    memset(hs, 0, sizeof hs);
    /* contiguous ranges of chunks, several per thread: a thread takes the
     * next range when it is done with one, so that one slowed down (another
     * process on its core, slower text) holds the others up less. Range k
     * is matched into state k, and the states are absorbed in order, which
     * keeps the spans in article order. One thread: one range. */
    unsigned nr = nth <= 1 ? 1 : t->nstates;
    if (nr > nch) nr = (unsigned)(nch ? nch : 1);
    job jobs[64 * RANGES_PER_THREAD], *todo[64 * RANGES_PER_THREAD];
    /* the first range of each thread is of equal size, half the article in
     * all; the others are sized when taken (size_range), when there are
     * enough chunks for that */
    unsigned first = nth > 1 && nr > nth && nch >= (size_t)8 * nr ? nth : nr;
    size_t wave = first < nr ? nch / 2 : nch;
    for (unsigned k = 0; k < nr; k++) {
        mstate *w = ng_state(t, k);
        if (k) { w->nspans = w->ncands = w->invalid = 0; w->rc = NG_OK; ng_names_reset_state(w); }
        jobs[k] = (job){.t = t, .m = w, .texts = texts, .lens = lens, .chunks = ch, .nc = &nc};
        jobs[k].from = k < first ? wave * k / first : wave;
        jobs[k].to = k < first ? wave * (k + 1) / first : wave;
        jobs[k].at = jobs[k].from;
        atomic_init(&jobs[k].done, 0);
        atomic_init(&jobs[k].running, 0);
    }
    if (nth <= 1 && hash) jobs[0].hs = hs;
    for (unsigned round = 0;; round++) {
        unsigned n = 0;
        for (unsigned k = 0; k < nr; k++)
            if (jobs[k].at != SIZE_MAX) todo[n++] = &jobs[k];
        if (nth <= 1) run_chunks(&jobs[0]);
        else run_pool(t, todo, n, round == 0 ? first : n, nch, nth, hash && round == 0, texts, lens, nfields);
        *rounds = round + 1;
        for (unsigned k = 0; k < nr && !m->rc; k++) m->rc = jobs[k].m->rc;
        if (m->rc) break;
        if (nr == 1) break;   /* (no cut between ranges) */
        /* a span or note across a cut between ranges: again, the cut moved
         * (after 16 rounds, which no text has been seen to need: the fields
         * whole, ng_match_chunks) */
        if ((m->rc = move_range_cuts(t, jobs, nr, ch, nch, texts, lens, &nc, redone))) break;
        int again = 0;
        for (unsigned k = 0; k < nr; k++) again |= jobs[k].at != SIZE_MAX;
        if (!again) break;
        if (round == 15) { *crossed = 1; break; }
    }
    for (unsigned k = 0; k < nr; k++) {
        *redone += jobs[k].redone;
        t->chunk_joins += jobs[k].joins;
    }
    if (!m->rc && !*crossed && hash && nth <= 1) {
        t->doc_hash = ng_article_hash(texts, lens, nfields, hs);
        t->doc_hash_ok = 1;
    }
    if (nr > 1) {
        mstate *ws[64 * RANGES_PER_THREAD];
        for (unsigned k = 0; k < nr; k++) ws[k] = jobs[k].m;
        if (!m->rc && !*crossed) m->rc = absorb_all(m, ws, nr, nth);
        for (unsigned k = 1; k < nr; k++) release_big(jobs[k].m, 1);
    }
    if (nch > 1) release_big(m, 0);
    for (unsigned k = 0; k < nr; k++) free(jobs[k].found.v);
    free(nc.v);
    if (ch != one) free(ch);
    return m->rc;
}

int ng_match_chunks(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    unsigned rounds = 0, redone = 0;
    int crossed = 0;
    t->chunk_threads = 0;
    t->chunk_sized = 0;
    t->chunk_joins = 0;
    int rc = match_cut(t, texts, lens, nfields, &rounds, &redone, &crossed);
    if (!rc && crossed) {
        /* the fields whole */
        mstate *m = &t->m;
        m->nspans = m->ncands = m->invalid = 0;
        t->doc_hash_ok = 0;
        ng_names_reset(t);
        size_t chunk = t->chunk;
        t->chunk = SIZE_MAX;
        unsigned r2 = 0;
        crossed = 0;
        rc = match_cut(t, texts, lens, nfields, &r2, &redone, &crossed);
        rounds += r2;
        t->chunk = chunk;
    }
    t->chunk_rounds = rounds;
    t->chunk_redone = redone;
    return rc;
}
