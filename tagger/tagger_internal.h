/* Internal: the tagger's state, shared by tagger.c and the rule passes. */
#ifndef NG_TAGGER_INTERNAL_H
#define NG_TAGGER_INTERNAL_H
#include <stdint.h>
#include "tagger.h"
#include "base_internal.h"
#include "norm.h"

typedef struct hit { size_t i, j; uint32_t dict, node; } hit;

typedef struct cand {
    ng_candidate c;
    uint64_t order;      /* dictionary index << 32 | entity index */
    int priority;
    int inflected;
} cand;                  /* (40 bytes: a big article has hundreds of thousands) */

/* span.flags bit, internal: the candidates are already ordered (a rule
 * chose the first); the generic ambiguity resolution leaves them alone. */
#define SPAN_FIXED (1u << 16)
/* (names_doc.c, within the document pass: a span that gives way to a
 * longer one, and a club's name that grew over the words before its city) */
#define SPAN_DROP (1u << 17)
#define SPAN_CLUB (1u << 18)

typedef struct span {
    size_t start, end;   /* bytes in the field */
    size_t cand;         /* range [cand, cand + ncand) in the candidate array */
    uint32_t ncand;
    unsigned field;
    unsigned flags;      /* NG_MATCH_* */
    unsigned rule;       /* ng_rule (rule spans) */
} span;                  /* (40 bytes) */

/* Matching state of one thread: scratch buffers and what it found. */
/* The scan's word cache (tagger.c, big tables only): a copy of the
 * vocabulary slot of a word by its hash (tok1 0: no slot), direct-mapped,
 * one per thread. */
typedef struct wcache { uint64_t h; uint32_t tok1, root; } wcache;
/* ... and its transition cache: the child of a trie node by a word (0: none). */
typedef struct tcache { uint32_t node, tok, child, pad; } tcache;

typedef struct mstate {
    ng_tokbuf tb;
    hit *hits; size_t nhits, hits_cap;
    hit *hits_tmp; size_t hits_tmp_cap;   /* (the merge of several dictionaries' hits) */
    size_t *runs; size_t runs_cap;
    span *spans; size_t nspans, spans_cap;
    cand *cands; size_t ncands, cands_cap, span_cand_start;
    char *cased; size_t cased_cap;
    size_t invalid;
    int rc;
    unsigned prefetched;      /* chunks whose scan prefetched (tests read it: ng_tagger_set_prefetch) */
    void *names;              /* the name rules' per-thread state (names_state.c) */
    wcache *wc;               /* NULL until the scan of big tables first needs it */
    tcache *tc;               /* (allocated with wc, after it) */
} mstate;

/* An id a later dictionary shares with an earlier one is one entity, named
 * by the earliest dictionary that has it (as one compile keeps the first
 * name): entity 'ent' of that later dictionary takes 'name'. */
typedef struct name_fix { uint32_t ent; uint32_t from; const char *name; } name_fix;

struct ng_tagger {
    ng_dict **dicts;
    size_t nd;
    name_fix **fix;            /* per dictionary (none for the first), by ent */
    size_t *nfix;
    unsigned flags;
    unsigned threads;
    size_t chunk;             /* chunk size in bytes (0: CHUNK, pool.c); tests set it (ng_tagger_set_chunk) */
    int prefetch;             /* the scan: 0 cached, prefetching by the tables' size; 1 cached, prefetching; -1 plain (tests) */
    unsigned chunk_rounds;    /* the last article's rounds of matching chunks (pool.c; tests read it) */
    unsigned chunk_redone;    /* and its chunks matched again, their cut moved */
    unsigned chunk_joins;     /* and its cuts joined after MAX_MOVES moves */
    unsigned chunk_threads;   /* threads started for the last article's chunks (pool.c; tests read it) */
    unsigned chunk_sized;     /* the last article's ranges sized when taken (pool.c; tests read it) */
    mstate m;                 /* the article's spans and candidates end up here */
    unsigned nstates;         /* m and the workers: one per range of chunks */
    mstate *workers;          /* nstates - 1 extra states */
    ng_spares spares;         /* big arrays dead for the rest of the article (names_doc.c), for the matches */
    ng_candidate *plain; size_t plain_cap;
    ng_match *matches; size_t matches_cap;
    void *names;              /* the name rules' article state (names_state.c) */
    const char **seen; size_t nseen, seen_cap;
    uint32_t *seenset; size_t seenset_cap;
    uint64_t doc_hash;        /* the article's hash (ng_article_hash), when doc_hash_ok */
    int doc_hash_ok;          /* computed while its chunks were matched (pool.c) */
};

/* Matching state w of t (w < t->nstates): the tagger's own first, then
 * its workers'. */
static inline mstate *ng_state(ng_tagger *t, unsigned w) { return w == 0 ? &t->m : &t->workers[w - 1]; }

/* Is t[a, b) one word: no space, line break, tab or dot (not "B. See",
 * "Retief Goosen")? */
static inline int ng_one_word(const char *t, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '.') return 0;
    return 1;
}

/* ## Name rules (names_*.c): person names not in any dictionary, partial
 * names within an article, and context rules. The matcher calls:
 *   ng_names_reset(t)        at the start of every article;
 *   ng_names_chunk(...)      after the dictionary pass over each chunk, with
 *                            the chunk's tokens in m->tb (offsets relative to
 *                            'base' in the field) and the spans it found in
 *                            m->spans[first .. m->nspans); it may append
 *                            spans and candidates (flag NG_MATCH_RULE) and
 *                            keep notes in m->names. It runs on the thread
 *                            that matched the chunk: touch only 'm'. The
 *                            rules run on tokens [t0, t1), the chunk's own;
 *                            the others are context they may look at.
 *                            cross[0]: the smallest start of a note that
 *                            begins before token t0 (SIZE_MAX: none),
 *                            cross[1]: the end of the furthest token after
 *                            t1 the rules took in (0: none): then the chunk
 *                            was cut inside a name (pool.c cuts elsewhere).
 *   ng_names_doc(...)        once all chunks are matched (worker states were
 *                            absorbed into t->m; spans are not yet sorted):
 *                            article-level passes (partial names, context).
 * Strings of synthetic entities live in the names state until the next
 * article. Every function returns NG_OK or a negative NG_E_* code. */
struct mstate;
void ng_names_reset(ng_tagger *t);
void ng_names_reset_state(mstate *m);
/* What a state's notes were before a chunk was matched, to take the chunk
 * back (pool.c matches it again with its cut moved): ng_names_mark
 * records it, ng_names_take_back returns the state to it. */
typedef struct ng_names_pos { size_t nnotes, next, nfree; unsigned ffield; int fset; } ng_names_pos;
void ng_names_mark(const mstate *m, ng_names_pos *pos);
void ng_names_take_back(mstate *m, const ng_names_pos *pos);
int ng_names_chunk(const ng_tagger *t, mstate *m, unsigned field, const char *text, size_t base,
                   size_t first, size_t t0, size_t t1, size_t cross[2]);
int ng_names_doc(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields);
/* After the article pass (names_unit.c): a military unit's quoted name
 * that rule Q3 found alone elsewhere in the article (47-ї ОМБр «Магура»
 * ... бригада «Магура»; before or after it, in any field) is the unit:
 * its candidate becomes the unit's; and a unit named without its
 * speciality (47-ї бригади) is the one unit of that number and kind the
 * article names with it (47-ї окремої механізованої бригади). Whole
 * article, so no chunk cut changes it. */
int ng_unit_links(mstate *m, const char *const *texts, const size_t *lens, size_t nfields);
/* After ng_names_doc: rule and partial spans' names without the format
 * characters and stress marks of the text they were built from. */
int ng_names_clean(ng_tagger *t);
/* May the article pass need the article's hash (the person rules' given
 * name alone, whose id carries it)? */
int ng_names_want_hash(const ng_tagger *t);
/* The article's hash: its non-empty fields' ng_hash, combined in order;
 * st: the fields' ng_hash in steps (ng_hash_upto), or NULL. */
uint64_t ng_article_hash(const char *const *texts, const size_t *lens, size_t nfields, ng_hstate *st);
void ng_names_free_state(mstate *m);
void ng_names_free(ng_tagger *t);

/* The name of entity 'ent' of the tagger's dictionary 'dict' (an earlier
 * dictionary's name of the same id first, as the matcher names it). */
const char *ng_entity_name(const ng_tagger *tg, unsigned dict, uint32_t ent);

/* The dictionary entity candidate c stands for: its image record, and its
 * dictionary to *d (when d is not NULL); NULL for a candidate a rule made
 * (no dictionary's). Borrowed from the tagger's dictionaries. */
struct img_entity;
const struct img_entity *ng_cand_entity(const ng_tagger *t, const cand *c, const ng_dict **d);

/* Name k of entity e of dictionary d: 0 its name, 1 .. alias_count its
 * aliases (borrowed from d). */
const char *ng_entity_alias(const ng_dict *d, const struct img_entity *e, uint32_t k);

/* The value of candidate c's iso= attribute ("UA", "US-GA"; up to a tab or
 * the end of the attributes, its length to *len), or NULL: none, or a
 * candidate a rule made. */
const char *ng_cand_iso(const ng_tagger *t, const cand *c, size_t *len);

/* ## Span order (span.c) */

/* Span order: field, start, then longer first (qsort comparator). */
int ng_cmp_span(const void *x, const void *y);
/* Sorts spans by ng_cmp_span, fast when mostly sorted. */
void ng_sort_spans(span *v, size_t n);
/* The same, the merges' room taken from scratch (scratch_bytes; borrowed,
 * its contents overwritten) when large enough: memory the process has
 * written already, where a fresh page costs a fault (a 100 MB article's
 * merge of its dictionary spans and its partial names: ~3.7 MB, ~900
 * faults, 9 of the sort's 12 ms here). */
void ng_sort_spans_with(span *v, size_t n, void *scratch, size_t scratch_bytes);

/* ## Matching (tagger.c) and chunks (pool.c) */

/* Match states per thread: ranges of chunks a thread takes in turn. */
#define RANGES_PER_THREAD 2

/* The dictionary pass over one chunk, whose tokens are in t->tb (offsets
 * relative to 'base' in the field 'text'): appends to t->spans and t->cands. */
int ng_match_chunk(const ng_tagger *tg, mstate *t, unsigned field, const char *text, size_t base);

/* Cuts the fields into chunks and matches them (ng_match_chunk, then
 * ng_names_chunk) on up to t->threads threads; the spans and candidates
 * end up in t->m, each chunk's sorted, chunks in article order. */
int ng_match_chunks(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields);

/* Internal (pool.c; exposed for tests): how many of 'left' chunks a thread
 * free now, matching 'rate' chunks a second, takes, when 'later' ranges
 * after its own will be taken by threads now matching: nb of them, thread
 * a free in fin[a] seconds and matching spd[a] chunks a second (the arrays
 * are reordered); 'hash': chunks' worth of other work the thread will do.
 * So that all end together, each later range left a chunk at least
 * (when 'left' allows: else all of it); rate 0 (not known): an equal
 * share. */
size_t ng_range_share(size_t left, unsigned later, double rate, double *fin, double *spd, unsigned nb, double hash);

/* Internal, for tests: the size in bytes of the chunks long fields are cut
 * into (0: the default, CHUNK in pool.c; SIZE_MAX: no cut). The result must not
 * depend on it (tests/unit/test_chunks.c). */
void ng_tagger_set_chunk(ng_tagger *t, size_t bytes);

/* Internal, for tests: how the match pass scans (0: through the thread's
 * caches, prefetching by the tables' size, tagger.c small_tables; 1: through
 * the caches, prefetching always; -1: plainly, no cache, no prefetch). The
 * result must not depend on it (tests/unit/test_chunks.c, test_tagger.c). */
void ng_tagger_set_prefetch(ng_tagger *t, int mode);
#endif
