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

void ng_names_mark(const mstate *m, ng_names_pos *pos) {
    const mnames *mn = m->names;
    if (mn) *pos = (ng_names_pos){mn->nnotes, mn->next, mn->nfree, mn->ffield, mn->fset};
    else *pos = (ng_names_pos){0, 0, 0, 0, 0};
}

/* (the chunk's strings stay in the arena until the article ends) */
void ng_names_take_back(mstate *m, const ng_names_pos *pos) {
    mnames *mn = m->names;
    if (!mn) return;
    mn->nnotes = pos->nnotes;
    mn->next = pos->next;
    mn->nfree = pos->nfree;
    mn->ffield = pos->ffield;
    mn->fset = pos->fset;
}

void ng_names_reset(ng_tagger *t) {
    ng_names_reset_state(&t->m);
    for (unsigned k = 0; t->workers && k + 1 < t->nstates; k++) ng_names_reset_state(&t->workers[k]);
    tnames *tn = t->names;
    if (tn) {
        tn->nregs = 0;
        tn->nall = 0;
        arena_reset(&tn->ar);
        for (unsigned k = 0; k + 1 < PARTS_MAX; k++) arena_reset(&tn->part_ar[k]);
    }
}

/* Names a rule built from the text (Реб<soft hyphen>ров) keep what the
 * text had between its letters; matching ignores format characters and
 * stress marks (norm.c), so the entity's name must not show them either:
 * the graph would call a person "Реб\u00ADров" after one article's
 * hyphenation. The rule files copy words as written; cleaning the spans'
 * names here, once per article, covers every rule and partial name. */
int ng_names_clean(ng_tagger *t) {
    mstate *m = &t->m;
    for (size_t k = 0; k < m->nspans; k++) {
        const span *s = &m->spans[k];
        if (!(s->flags & (NG_MATCH_RULE | NG_MATCH_PARTIAL))) continue;
        for (size_t i = 0; i < s->ncand; i++) {
            ng_candidate *c = &m->cands[s->cand + i].c;
            if (!c->name) continue;
            size_t len = strlen(c->name), j = 0;
            while (j < len && (unsigned char)c->name[j] < 0x80) j++;
            if (j == len) continue;
            /* cleaned in a copy (the name may be the dictionary's or shared
             * by spans), kept only when something was dropped */
            char buf[256];
            if (len < sizeof buf) {
                memcpy(buf, c->name, len);
                size_t nl = ng_drop_ignorable(buf, len);
                if (nl == len) continue;
                tnames *tn = ngn_tstate(t);
                const char *p = tn ? ngn_arena_put(&tn->ar, buf, nl) : NULL;
                if (!p) return NG_E_NOMEM;
                c->name = p;
            } else {
                tnames *tn = ngn_tstate(t);
                char *p = tn ? ngn_arena_put(&tn->ar, c->name, len) : NULL;
                if (!p) return NG_E_NOMEM;
                p[ng_drop_ignorable(p, len)] = 0;
                c->name = p;
            }
        }
    }
    return NG_OK;
}

void ng_names_free_state(mstate *m) {
    mnames *mn = m->names;
    if (!mn) return;
    free(mn->notes);
    free(mn->ext);
    free(mn->free);
    free(mn->dead);
    free(mn->orgs);
    free(mn->lower);
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
    for (unsigned k = 0; k + 1 < PARTS_MAX; k++) arena_free(&tn->part_ar[k]);
    free(tn);
    t->names = NULL;
}
