/* The name rules' state: one per matching thread (notes of the chunk
 * pass) and one per tagger (the article pass's registry); reset per article,
 * freed with the tagger. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "names_internal.h"

/* ## Per-thread and per-article state */


static void arena_reset(arena *a) {
    for (block *b = a->head; b; b = b->next) b->len = 0;
    a->cur = a->head;
}
static void arena_free(arena *a) {
    for (block *b = a->head, *n; b; b = n) { n = b->next; free(b); }
    a->head = a->cur = NULL;
}


tnames *ngn_tstate(ng_tagger *t) {
    if (!t->names) t->names = calloc(1, sizeof(tnames));
    return t->names;
}

int ng_tagger_set_names(ng_tagger *t, const ng_namelist *nl) {
    tnames *tn = ngn_tstate(t);
    if (!tn) return NG_E_NOMEM;
    ngn_words_init();
    tn->nl = nl;
    return NG_OK;
}

void ng_names_reset_state(mstate *m) {
    mnames *mn = m->names;
    if (!mn) return;
    mn->nnotes = 0;
    mn->next = 0;
    mn->nfree = 0;
    mn->fset = 0;
    mn->ndead = 0;
    arena_reset(&mn->ar);
}

void ng_names_reset(ng_tagger *t) {
    ng_names_reset_state(&t->m);
    for (unsigned k = 0; t->workers && k + 1 < t->nstates; k++) ng_names_reset_state(&t->workers[k]);
    tnames *tn = t->names;
    if (tn) { tn->nregs = 0; tn->nall = 0; arena_reset(&tn->ar); }
}

void ng_names_free_state(mstate *m) {
    mnames *mn = m->names;
    if (!mn) return;
    free(mn->notes);
    free(mn->ext);
    free(mn->free);
    free(mn->dead);
    free(mn->orgs);
    free(mn->stem);
    free(mn->stem_gen);
    arena_free(&mn->ar);
    free(mn);
    m->names = NULL;
}

void ng_names_free(ng_tagger *t) {
    tnames *tn = t->names;
    if (!tn) return;
    free(tn->regs);
    free(tn->all);
    free(tn->rhead);
    free(tn->pseg);
    free(tn->occ);
    free(tn->pos);
    arena_free(&tn->ar);
    free(tn);
    t->names = NULL;
}
