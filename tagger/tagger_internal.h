/* Internal: the tagger's state, shared by tagger.c and the rule passes. */
#ifndef NG_TAGGER_INTERNAL_H
#define NG_TAGGER_INTERNAL_H
#include <stdint.h>
#include "tagger.h"
#include "norm.h"

typedef struct hit { size_t i, j; uint32_t dict, node; } hit;

typedef struct cand {
    ng_candidate c;
    int priority;
    uint64_t order;      /* dictionary index << 32 | entity index */
    int inflected;
} cand;

typedef struct span {
    size_t start, end;   /* bytes in the field */
    unsigned field;
    size_t cand, ncand;  /* range in the candidate array */
    unsigned flags;      /* NG_MATCH_* */
} span;

/* Matching state of one thread: scratch buffers and what it found. */
typedef struct mstate {
    ng_tokbuf tb;
    hit *hits; size_t nhits, hits_cap;
    span *spans; size_t nspans, spans_cap;
    cand *cands; size_t ncands, cands_cap, span_cand_start;
    char *cased; size_t cased_cap;
    size_t invalid;
    int rc;
} mstate;

struct ng_tagger {
    ng_dict **dicts;
    size_t nd;
    unsigned flags;
    unsigned threads;
    mstate m;                 /* the article's spans and candidates end up here */
    mstate *workers;          /* threads - 1 extra states */
    ng_candidate *plain; size_t plain_cap;
    ng_match *matches; size_t matches_cap;
    const char **seen; size_t nseen, seen_cap;
};

/* Grows *v (of *cap elements of size elt) to hold 'need'. 0 or -1. */
int ng_grow(void **v, size_t *cap, size_t need, size_t elt);
#endif
