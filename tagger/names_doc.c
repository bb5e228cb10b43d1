/* The name rules' article pass (NAMES.md): partial names resolved to the
 * full names seen in the article, and context rules among candidates. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <utf8proc.h>
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "names_internal.h"

/* After the article pass the notes are dead. A buffer that a very large
 * article grew beyond NOTES_KEEP bytes goes to the tagger's spare blocks,
 * where the matches and their candidates take it instead of fresh memory
 * (ng_tagger_tag_doc frees what they leave), rather than being kept at its
 * size for the next article. */
enum { NOTES_KEEP = 1 << 20 };
static void release(ng_tagger *t, void **v, size_t *cap, size_t elt) {
    if (*cap * elt <= NOTES_KEEP) return;
    ng_spare_put(&t->spares, *v, *cap * elt);
    *v = NULL;
    *cap = 0;
}

static void names_release(ng_tagger *t, mnames *mn) {
    mn->nnotes = mn->next = mn->nfree = 0;
    mn->fset = 0;
    release(t, (void **)&mn->free, &mn->free_cap, sizeof *mn->free);
    release(t, (void **)&mn->notes, &mn->notes_cap, sizeof *mn->notes);
    release(t, (void **)&mn->ext, &mn->ext_cap, sizeof *mn->ext);
}

/* The free-word records a matching state holds. */
static size_t state_nfree(const mstate *st) { return st->names ? ((const mnames *)st->names)->nfree : 0; }

/* ## Parts on the tagger's threads
 *
 * With threads, a big article's pass took a tenth of the time of tagging
 * it, on one thread while the others waited. Its heavy steps look at every
 * note, span or line, one at a time, and change little: such a step looks
 * in parts (contiguous, in article order) on the tagger's threads, and
 * what the parts found is applied in article order on this thread, exactly
 * as one look in order would (the same spans, candidates and names in the
 * same order): with one thread, or a small article, there is one part. */

/* Runs fn on args[0 .. n) (each 'size' bytes), args[k] on a thread of its
 * own for k > 0 (on this one when none can be made), args[0] on this one. */
static void run_parts(void *(*fn)(void *), void *args, size_t size, unsigned n) {
    pthread_t tid[PARTS_MAX];
    int started[PARTS_MAX] = {0};
    for (unsigned k = 1; k < n; k++) started[k] = pthread_create(&tid[k], NULL, fn, (char *)args + k * size) == 0;
    fn(args);
    for (unsigned k = 1; k < n; k++) {
        if (started[k]) pthread_join(tid[k], NULL);
        else fn((char *)args + k * size);
    }
}

/* How many parts a step over n notes or spans runs in. */
static unsigned nparts(const ng_tagger *t, size_t n) {
    unsigned np = t->threads < PARTS_MAX ? t->threads : PARTS_MAX;
    return n >= PAR_MIN && np > 1 ? np : 1;
}

/* ## The article pass */

/* For a pass over the spans that reads the text at each (at its start or
 * its end): the text of the span AHEAD spans on, fetched now. The spans
 * are in text order, hundreds of bytes apart: no hardware prefetcher
 * follows them, and a big article's text is long out of the caches. */
enum { AHEAD = 8 };
static inline void prefetch_text(const mstate *m, const char *const *texts, size_t nfields, size_t k, int at_end) {
    if (k + AHEAD >= m->nspans) return;
    const span *s = &m->spans[k + AHEAD];
    if (s->field < nfields) __builtin_prefetch(texts[s->field] + (at_end ? s->end : s->start));
}

/* The span of t->m at (field, start, end), by binary search, or NULL. */
static span *find_span(mstate *m, size_t nsorted, unsigned field, size_t start, size_t end) {
    size_t lo = 0, hi = nsorted;
    span key = {.field = field, .start = start, .end = end};
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = ng_cmp_span(&m->spans[mid], &key);
        if (c == 0) return &m->spans[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Is note a before note b in the article? */
static int before(const note *a, const note *b) {
    return a->field < b->field || (a->field == b->field && a->start < b->start);
}

/* The registry slot of 'key', or SIZE_MAX. */
static size_t reg_slot(const tnames *tn, uint64_t key) {
    size_t mask = tn->rhead_cap - 1, i = key & mask;
    if (!(tn->occ[i >> 6] >> (i & 63) & 1)) return SIZE_MAX;   /* the home slot is empty */
    for (; tn->rhead[i].first; i = (i + 1) & mask)
        if (tn->rhead[i].key == key) return i;
    return SIZE_MAX;
}

/* The first registry entry with 'key' (index + 1), or 0. */
static size_t reg_first(const tnames *tn, uint64_t key) {
    size_t i = reg_slot(tn, key);
    return i == SIZE_MAX ? 0 : tn->rhead[i].first;
}

/* The person a mention refers to: the nearest full name with 'key' before
 * it, else the first after it (among equals, the first in article order).
 * NULL if none. A registered title or initials person (N_REF) counts only
 * when 'refs' is set. By binary search in the chain's entries sorted by
 * position (a long article has long chains). */
/* The gender a Cyrillic surname's form marks by its adjectival ending:
 * 1 masculine (Зеленський, Зеленського, Вишневский), 2 feminine
 * (Зеленська, Зеленської, Вишневская), 0 none (Шевченко, Петрова: the
 * genitive of Петров or a woman's name). w[0..n) as written. */
static int surname_gender(const char *w, size_t n) {
    static const char *const masc[] = {"ький", "ького", "ькому", "ьким", "ькім", "ский", "ского", "скому", "ским",
                                       "ском", "цкий", "цкого", "цкому", "цким", "цком", NULL};
    static const char *const fem[] = {"ька", "ької", "ькій", "ьку", "ькою", "ская", "ской", "скую", "скою", "цкая",
                                      "цкой", "цкую", "цкою", NULL};
    /* (every ending ends in a Cyrillic letter: most words are done here) */
    if (n < 8 || ((unsigned char)w[n - 2] & 0xFE) != 0xD0) return 0;
    for (int g = 0; g < 2; g++)
        for (const char *const *e = g ? fem : masc; *e; e++)
            if (n > strlen(*e) + 2 && ends_with(w, n, *e, strlen(*e))) return g + 1;
    return 0;
}

/* Does the word of note n (a surname alone) mark another gender than the
 * last word of person p's full name, both in Cyrillic ("Олена Зеленська ...
 * Зеленський": her husband, not her)? */
static int gender_clash(const char *const *texts, const note *n, const nref *p) {
    int g = surname_gender(texts[n->field] + n->start, n->len);
    if (!g) return 0;
    const char *t = texts[p->n->field] + p->n->start;
    size_t e = p->n->len, b = e;
    while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '-' && t[b - 1] != '\n') b--;
    int h = surname_gender(t + b, e - b);
    return h && h != g;
}

static const nref *pick_person(const tnames *tn, uint64_t key, const note *at, int refs) {
    size_t i = reg_slot(tn, key);
    if (i == SIZE_MAX) return NULL;
    const pslot *ps = &tn->pseg[i];
    const size_t *e = tn->pos + ps->off + (refs ? 0 : ps->n);
    size_t n = refs ? ps->n : ps->n0, lo = 0, hi = n;
    while (lo < hi) {  /* lo: the first entry not before 'at' */
        size_t mid = lo + (hi - lo) / 2;
        if (before(tn->all[e[mid]].n, at)) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return n ? &tn->all[e[0]] : NULL;
    const note *last = tn->all[e[lo - 1]].n;
    size_t j = lo - 1;
    while (j > 0 && !before(tn->all[e[j - 1]].n, last)) j--;
    return &tn->all[e[j]];
}

/* pslot.same for every chain (the title and initials persons have their
 * ids by now). */
static void chain_ids(tnames *tn) {
    for (size_t i = 0; i < tn->rhead_cap; i++) {
        if (!tn->rhead[i].first) continue;
        pslot *ps = &tn->pseg[i];
        const char *id = NULL;
        ps->same = 1;
        for (size_t r = tn->rhead[i].first; r && ps->same; r = tn->regs[r - 1].next) {
            const char *q = tn->all[tn->regs[r - 1].note].x->id;
            if (id && strcmp(id, q)) ps->same = 0;
            id = q;
        }
    }
}

/* The entity all the entries with 'key' name (the last of them), or NULL
 * if none or several. */
static const nref *only_person(const tnames *tn, uint64_t key) {
    size_t i = reg_slot(tn, key);
    return i != SIZE_MAX && tn->pseg[i].same ? &tn->all[tn->pseg[i].last] : NULL;
}

/* Entry order for the sorted chains: position, then article order. */
static int cmp_pos(const void *a, const void *b, void *all) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const note *p = ((const nref *)all)[x].n, *q = ((const nref *)all)[y].n;
    if (before(p, q)) return -1;
    if (before(q, p)) return 1;
    return x < y ? -1 : x > y;
}

/* Doubles rhead, its keys placed again (the chains stay: they are in regs). */
static int heads_grow(tnames *tn) {
    size_t cap = tn->rhead_cap * 2;
    rslot *h = calloc(cap, sizeof *h);
    if (!h) return NG_E_NOMEM;
    for (size_t i = 0; i < tn->rhead_cap; i++) {
        if (!tn->rhead[i].first) continue;
        size_t j = tn->rhead[i].key & (cap - 1);
        while (h[j].first) j = (j + 1) & (cap - 1);
        h[j] = tn->rhead[i];
    }
    free(tn->rhead);
    tn->rhead = h;
    tn->rhead_cap = cap;
    return NG_OK;
}

/* rhead and occ for the entries of regs, chained in article order (built
 * backwards). The table is sized by the distinct keys (an eighth full at
 * most), not by the entries: it was four slots an entry, cleared, and a
 * text naming two people 1.6 million times (22 MB) cleared 268 MB for its
 * four keys. */
static int build_chains(tnames *tn) {
    size_t cap = 64, used = 0;
    if (cap > tn->rhead_cap) {
        rslot *h = realloc(tn->rhead, cap * sizeof *h);
        if (!h) return NG_E_NOMEM;
        tn->rhead = h;
    }
    tn->rhead_cap = cap;
    memset(tn->rhead, 0, cap * sizeof *tn->rhead);
    for (size_t r = tn->nregs; r-- > 0;) {
        uint64_t key = tn->regs[r].key;
        size_t mask = tn->rhead_cap - 1, i = key & mask;
        while (tn->rhead[i].first && tn->rhead[i].key != key) i = (i + 1) & mask;
        if (!tn->rhead[i].first && ++used * 8 > tn->rhead_cap) {
            if (heads_grow(tn)) return NG_E_NOMEM;
            mask = tn->rhead_cap - 1;
            for (i = key & mask; tn->rhead[i].first; i = (i + 1) & mask) {}
        }
        tn->regs[r].next = tn->rhead[i].first;
        tn->rhead[i].first = r + 1;
        tn->rhead[i].key = key;
    }
    cap = tn->rhead_cap;
    if (ng_grow((void **)&tn->occ, &tn->occ_cap, cap / 64, sizeof *tn->occ)) return NG_E_NOMEM;
    memset(tn->occ, 0, cap / 64 * sizeof *tn->occ);
    for (size_t i = 0; i < cap; i++)
        if (tn->rhead[i].first) tn->occ[i >> 6] |= 1ull << (i & 63);
    return NG_OK;
}

/* tn->pos and tn->pseg from the chains (see pslot). */
static int sort_chains(tnames *tn) {
    if (ng_grow((void **)&tn->pos, &tn->pos_cap, 2 * tn->nregs + 1, sizeof *tn->pos) ||
        ng_grow((void **)&tn->pseg, &tn->pseg_cap, tn->rhead_cap, sizeof *tn->pseg))
        return NG_E_NOMEM;
    size_t off = 0;
    for (size_t i = 0; i < tn->rhead_cap; i++) {
        if (!tn->rhead[i].first) continue;
        pslot *ps = &tn->pseg[i];
        size_t *e = tn->pos + off;
        int sorted = 1;
        ps->off = off;
        ps->n = ps->org = 0;
        for (size_t r = tn->rhead[i].first; r; r = tn->regs[r - 1].next) {
            const nref *q = &tn->all[tn->regs[r - 1].note];
            e[ps->n] = tn->regs[r - 1].note;
            if (ps->n && before(q->n, tn->all[e[ps->n - 1]].n)) sorted = 0;
            if (!ps->org && q->n->kind == N_ORG) ps->org = e[ps->n] + 1;
            ps->last = e[ps->n];
            ps->n++;
        }
        if (!sorted) qsort_r(e, ps->n, sizeof *e, cmp_pos, tn->all);
        ps->n0 = 0;
        for (size_t k = 0; k < ps->n; k++)
            if (tn->all[e[k]].n->kind != N_REF) e[ps->n + ps->n0++] = e[k];
        off += ps->n + ps->n0;
    }
    return NG_OK;
}

/* Appends a new candidate range to span s: 'first' (an entity) followed by
 * the span's own candidates (without a duplicate of it). */
static int prepend_cand(mstate *m, span *s, const char *id, const char *type, const char *name) {
    const cand *old = &m->cands[s->cand];
    for (size_t i = 0; i < s->ncand; i++)
        if (!strcmp(old[i].c.id, id)) {
            cand tmp = m->cands[s->cand + i];
            memmove(&m->cands[s->cand + 1], &m->cands[s->cand], i * sizeof tmp);
            m->cands[s->cand] = tmp;
            return NG_OK;
        }
    if (ng_grow((void **)&m->cands, &m->cands_cap, m->ncands + s->ncand + 1, sizeof *m->cands)) return NG_E_NOMEM;
    cand *nc = &m->cands[m->ncands];
    nc->c = (ng_candidate){id, type, name};
    nc->priority = 0;
    nc->order = UINT64_MAX;
    nc->inflected = 0;
    memcpy(nc + 1, &m->cands[s->cand], s->ncand * sizeof *nc);
    s->cand = m->ncands;
    s->ncand++;
    m->ncands += s->ncand;
    return NG_OK;
}

/* Moves the candidate of type 'type' of the highest priority (the first of
 * them) to the front; 1 if found. ("in New York": the city, priority=1,
 * not the state the candidates list first.) */
/* Moves the span's candidate i to the front, the others in order. */
static void cand_to_front(mstate *m, span *s, size_t i) {
    cand tmp = m->cands[s->cand + i];
    memmove(&m->cands[s->cand + 1], &m->cands[s->cand], i * sizeof tmp);
    m->cands[s->cand] = tmp;
}

static int prefer_type(mstate *m, span *s, const char *type) {
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < s->ncand; i++)
        if (!strcmp(m->cands[s->cand + i].c.type, type) &&
            (best == SIZE_MAX || m->cands[s->cand + i].priority > m->cands[s->cand + best].priority))
            best = i;
    if (best == SIZE_MAX) return 0;
    cand_to_front(m, s, best);
    return 1;
}

/* Moves the first candidate that is a river (a place named "... River")
 * to the front; 1 if found. */
static int prefer_river(mstate *m, span *s) {
    for (size_t i = 0; i < s->ncand; i++) {
        const cand *c = &m->cands[s->cand + i];
        size_t nl = strlen(c->c.name);
        if (strcmp(c->c.type, "LOC") || nl < 7 || strcmp(c->c.name + nl - 6, " River")) continue;
        cand_to_front(m, s, i);
        return 1;
    }
    return 0;
}

/* Country code of a candidate from its iso= attribute ("US" of US-GA), or "". */
static void cand_country(const ng_tagger *t, const cand *c, char out[4]) {
    size_t n = 0;
    const char *p = ng_cand_iso(t, c, &n);
    out[0] = 0;
    if (p && n >= 2 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' && p[1] <= 'Z') { out[0] = p[0]; out[1] = p[1]; out[2] = 0; }
}

/* Is the candidate a first-level subdivision (iso=US-GA)? */
static int cand_subdivision(const ng_tagger *t, const cand *c) {
    size_t n = 0;
    const char *p = strcmp(c->c.type, "LOC") ? NULL : ng_cand_iso(t, c, &n);
    return p && n >= 3 && p[2] == '-';
}

/* "Atlanta, Georgia": span k follows a place span and ", " in its field. */
static int after_place_comma(const mstate *m, size_t k, const char *const *texts, const size_t *lens,
                             size_t nfields) {
    const span *s = &m->spans[k];
    if (s->field >= nfields || !texts) return 0;
    for (size_t j = k; j-- > 0;) {
        const span *p = &m->spans[j];
        if (p->field != s->field) return 0;
        if ((p->flags & NG_MATCH_OVERLAP) || p->end > s->start) continue;
        if (strcmp(m->cands[p->cand].c.type, "LOC") || p->end + 2 != s->start || s->start > lens[s->field])
            return 0;
        return texts[s->field][p->end] == ',' && texts[s->field][p->end + 1] == ' ';
    }
    return 0;
}

/* Context: among several places, the one whose country the article's other
 * (unambiguous) places share; failing that, after "Place, " a subdivision
 * (a US state) rather than a country. */
static void country_context(ng_tagger *t, size_t nsorted, const char *const *texts, const size_t *lens,
                            size_t nfields) {
    mstate *m = &t->m;
    /* nothing to choose unless an ambiguous span has a place with a
     * country (then the counts below read every span's entity) */
    int wanted = 0;
    for (size_t k = 0; k < nsorted && !wanted; k++) {
        const span *s = &m->spans[k];
        if (s->ncand < 2 || (s->flags & SPAN_FIXED)) continue;
        for (size_t i = 0; i < s->ncand && !wanted; i++) {
            const cand *cd = &m->cands[s->cand + i];
            char c[4];
            if (strcmp(cd->c.type, "LOC")) continue;
            cand_country(t, cd, c);
            wanted = c[0] != 0;
        }
    }
    if (!wanted) return;
    enum { MAXC = 64 };
    char cc[MAXC][4];
    int cnt[MAXC];
    size_t ncc = 0;
    for (size_t k = 0; k < nsorted; k++) {
        span *s = &m->spans[k];
        if (s->ncand != 1 || (s->flags & NG_MATCH_OVERLAP)) continue;
        char c[4];
        cand_country(t, &m->cands[s->cand], c);
        if (!c[0]) continue;
        size_t q = 0;
        while (q < ncc && strcmp(cc[q], c)) q++;
        if (q == ncc) { if (ncc == MAXC) continue; memcpy(cc[ncc], c, 4); cnt[ncc++] = 0; }
        cnt[q]++;
    }
    for (size_t k = 0; k < nsorted; k++) {
        span *s = &m->spans[k];
        if (s->ncand < 2 || (s->flags & SPAN_FIXED)) continue;
        int best = 0, second = 0;
        size_t who = 0;
        for (size_t i = 0; i < s->ncand; i++) {
            const cand *cd = &m->cands[s->cand + i];
            if (strcmp(cd->c.type, "LOC")) continue;
            char c[4];
            cand_country(t, cd, c);
            int n = 0;
            for (size_t q = 0; q < ncc && c[0]; q++) if (!strcmp(cc[q], c)) n = cnt[q];
            if (n > best) { second = best; best = n; who = i; }
            else if (n > second) second = n;
        }
        if (best <= second && after_place_comma(m, k, texts, lens, nfields)) {
            for (size_t i = 0; i < s->ncand; i++)
                if (cand_subdivision(t, &m->cands[s->cand + i])) { who = i; best = second + 1; break; }
        }
        if (best > second) {
            cand tmp = m->cands[s->cand + who];
            memmove(&m->cands[s->cand + 1], &m->cands[s->cand], who * sizeof tmp);
            m->cands[s->cand] = tmp;
            s->flags |= SPAN_FIXED;
        }
    }
}

/* ## Sports results and tables
 *
 * Agency sports pages are lines of teams named by their cities: standings
 * ("NEW YORK 74 59 .556 -"), results ("Chicago 4 HOUSTON 3", "Durham 114
 * ( S. Watkin 4-28 )"), schedules ("KANSAS CITY AT DETROIT": the visitors;
 * DETROIT, the venue, stays a place) and fixtures
 * ("May 17 v Northampton"). A place found there is a team, an organisation:
 * its organisation candidate if it has one, else "team:" + the place's id
 * (one node per team, apart from the city's). Prose keeps its places: the
 * shape must hold from the line's start (a dateline "NEW YORK 1996-08-30"
 * is not a score: the number has one to three digits and ends there). */

/* Does t[p..e) start with 1-3 digits ending at a space, '(' or e? */
static int score_at(const char *t, size_t p, size_t e) {
    size_t q = p;
    while (q < e && q - p < 4 && t[q] >= '0' && t[q] <= '9') q++;
    return q > p && q - p <= 3 && (q == e || t[q] == ' ' || t[q] == '\t' || t[q] == '(');
}

static int blank(const char *t, size_t a, size_t b) {
    for (; a < b; a++)
        if (t[a] != ' ' && t[a] != '\t' && t[a] != '\r') return 0;
    return 1;
}

/* Is span [a, b) of text t a team by the shape of its line [ls, le)? */
static int team_line(const char *t, size_t ls, size_t le, size_t a, size_t b) {
    size_t p = b;
    while (p < le && t[p] == ' ') p++;
    int score_after = p > b && score_at(t, p, le);
    /* first on its line, a score after: standings, a result's first team */
    if (blank(t, ls, a) && score_after) return 1;
    /* a score, this place and a score: a result's second team */
    size_t q = a;
    while (q > ls && t[q - 1] == ' ') q--;
    if (q < a && q > ls && t[q - 1] >= '0' && t[q - 1] <= '9' && score_after) {
        size_t d = q;
        while (d > ls && q - d <= 3 && t[d - 1] >= '0' && t[d - 1] <= '9') d--;
        if (q - d <= 3 && (d == ls || t[d - 1] == ' ')) return 1;
    }
    /* schedules: "A AT B" on a line of its own, A the visiting team (B,
     * where the game is played, stays a place: news annotate the venue
     * so); fixtures: "... v B" */
    if (blank(t, ls, a) && le - b > 4 && !memcmp(t + b, " AT ", 4)) return 1;
    if (blank(t, b, le) && a - ls >= 3 && !memcmp(t + a - 3, " v ", 3)) return 1;
    return 0;
}

/* Where a club's name before its city starts on a team line ("Hansa
 * Rostock", "NEC Nijmegen", "Willem II Tilburg", "1860 Munich"): up to
 * three words before the place at a, each capitalised (letters, dots,
 * hyphens, apostrophes: "F.C."), or a number first on the line; not the
 * "AT" of a schedule. a itself when there is none. */
static size_t club_start(const char *t, size_t ls, size_t a) {
    size_t p0 = a;
    for (int nw = 0; nw < 3; nw++) {
        if (p0 < ls + 2 || t[p0 - 1] != ' ') break;
        size_t we = p0 - 1, ws = we;
        while (ws > ls && t[ws - 1] != ' ' && t[ws - 1] != '\t') ws--;
        if (ws == we) break;
        int digits = 1, word = t[ws] >= 'A' && t[ws] <= 'Z';
        for (size_t q = ws; q < we; q++) {
            char ch = t[q];
            if (ch < '0' || ch > '9') digits = 0;
            if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '.' || ch == '-' || ch == '\'')) word = 0;
        }
        if (digits && we - ws <= 4 && blank(t, ls, ws)) return ws;
        if (!word || (we - ws == 2 && !memcmp(t + ws, "AT", 2))) break;
        p0 = ws;
    }
    return p0;
}

/* team: + the folded words of a club's name joined by '-' (team:hansa-rostock); "" when
 * the bytes are no UTF-8; NULL when out of memory. */
static const char *club_id(tnames *tn, const char *w, size_t n) {
    /* a span of several words may hold invalid UTF-8 between them (the
     * tokeniser skips it as a separator): no name to fold, no club ("",
     * not NULL, which is out of memory) */
    for (size_t q = 0; q < n;) {
        int32_t cp;
        int l = ng_utf8_decode((const unsigned char *)w + q, n - q, &cp);
        if (l < 0) return "";
        q += (size_t)l;
    }
    size_t fl = 0;
    char *f = ng_fold(w, n, &fl);
    if (!f) return NULL;
    char id[256];
    size_t il = 5;
    memcpy(id, "team:", 5);
    for (size_t q = 0; q < fl && il + 1 < sizeof id; q++) id[il++] = f[q] == ' ' || f[q] == '\t' ? '-' : f[q];
    free(f);
    return ngn_arena_put(&tn->ar, id, il);
}

/* Removes the spans flagged SPAN_DROP from the sorted part [0, nsorted)
 * of m's spans, and the later ones (partial names, in no order) inside a
 * club's name. */
static size_t drop_spans(mstate *m, size_t nsorted) {
    size_t w = 0;
    for (size_t k = 0; k < nsorted; k++)
        if (!(m->spans[k].flags & SPAN_DROP)) m->spans[w++] = m->spans[k];
    size_t ns = w;
    for (size_t k = nsorted; k < m->nspans; k++) {
        span *s = &m->spans[k];
        /* the last of the sorted spans that starts at or before it */
        size_t lo = 0, hi = ns;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            const span *x = &m->spans[mid];
            if (x->field < s->field || (x->field == s->field && x->start <= s->start)) lo = mid + 1;
            else hi = mid;
        }
        const span *c = lo ? &m->spans[lo - 1] : NULL;
        if (c && (c->flags & SPAN_CLUB) && c->field == s->field && c->end >= s->end) continue;
        m->spans[w++] = *s;
    }
    m->nspans = w;
    return ns;
}

#define TEAM_IDS 64   /* places made teams an article, at most (team_sense) */

/* The line around a span for sports_teams: (field lf) [ls, le), found
 * once per line (the spans are in text order: a text of one long line
 * with a million spans is read once, not once per span); from the previous
 * line's end when the span is after it. */
typedef struct lstate { unsigned lf; size_t ls, le; } lstate;

static void line_step(lstate *L, const span *s, const char *tx, size_t len) {
    if (s->field == L->lf && s->start >= L->ls && s->end <= L->le) return;
    size_t from = s->field == L->lf && L->le <= s->start ? L->le : 0;
    /* (memrchr and memchr: a byte at a time, this scan was most of the
     * document pass on prose of long lines) */
    const char *nl = s->start > from ? memrchr(tx + from, '\n', s->start - from) : NULL;
    L->ls = nl ? (size_t)(nl - tx) + 1 : from;
    nl = memchr(tx + s->end, '\n', len - s->end);
    L->le = nl ? (size_t)(nl - tx) : len;
    const char *cr = memchr(tx + s->end, '\r', L->le - s->end);
    if (cr) L->le = (size_t)(cr - tx);
    L->lf = s->field;
}

/* A span sports_teams looks at: a place, not an overlap, in its field. */
static int st_looks(const mstate *m, const span *s, const size_t *lens, size_t nfields) {
    if ((s->flags & NG_MATCH_OVERLAP) || s->field >= nfields || s->end > lens[s->field]) return 0;
    return !strcmp(m->cands[s->cand].c.type, "LOC");
}

/* A part of sports_teams' look at the spans [from, to): the spans on a
 * team's line (the shapes team_line knows, at the span or at a club's name
 * before it), with their line. The line around a span depends on the
 * spans before (line_step): a later part starts from none, and is looked
 * at again from the line the part before it ends with unless the two agree
 * after its first span (sports_teams). */
typedef struct stc { size_t k, ls, le; } stc;
typedef struct stpart {
    const mstate *m;
    const char *const *texts;
    const size_t *lens;
    size_t nfields, from, to;
    lstate start;            /* the line before 'from' */
    size_t k1;               /* the first span looked at (SIZE_MAX: none) */
    lstate after1, end;      /* the line after it, after the last one */
    stc *c; size_t nc, cap;
    int rc;
} stpart;

static void *st_look(void *arg) {
    stpart *p = arg;
    const mstate *m = p->m;
    lstate L = p->start;
    p->k1 = SIZE_MAX;
    p->nc = 0;
    for (size_t k = p->from; k < p->to; k++) {
        const span *s = &m->spans[k];
        if (!st_looks(m, s, p->lens, p->nfields)) continue;
        const char *tx = p->texts[s->field];
        line_step(&L, s, tx, p->lens[s->field]);
        if (p->k1 == SIZE_MAX) { p->k1 = k; p->after1 = L; }
        size_t p0 = club_start(tx, L.ls, s->start);
        if ((p0 < s->start && team_line(tx, L.ls, L.le, p0, s->end)) || team_line(tx, L.ls, L.le, s->start, s->end)) {
            if (ng_grow((void **)&p->c, &p->cap, p->nc + 1, sizeof *p->c)) { p->rc = NG_E_NOMEM; break; }
            p->c[p->nc++] = (stc){k, L.ls, L.le};
        }
    }
    p->end = L;
    return NULL;
}

/* The dictionary's club of a place rule T made a team: an organisation
 * named as the place (its name in the dictionary) with a football club's
 * designator (Liverpool FC, FC Barcelona, Valencia CF, Sunderland AFC), so
 * that the team is one node with the club named in full; 0 if none. The
 * last places asked are remembered (a results page names the same few
 * places thousands of times). */
static int place_club(const ng_tagger *t, tnames *tn, const cand *place, cand *out) {
    size_t il = strlen(place->c.id), nl = strlen(place->c.name);
    if (il >= sizeof tn->clubs[0].id || nl > 200) return 0;
    for (unsigned i = 0; i < sizeof tn->clubs / sizeof tn->clubs[0]; i++)
        if (!strcmp(tn->clubs[i].id, place->c.id)) {
            if (tn->clubs[i].has) *out = tn->clubs[i].club;
            return tn->clubs[i].has;
        }
    static const char *const pre[] = {"", "FC ", "", "", ""}, *const suf[] = {" FC", "", " F.C.", " AFC", " CF"};
    int has = 0;
    for (size_t q = 0; q < sizeof pre / sizeof *pre && !has; q++) {
        char name[216];
        size_t pl = strlen(pre[q]), sl = strlen(suf[q]);
        memcpy(name, pre[q], pl);
        memcpy(name + pl, place->c.name, nl);
        memcpy(name + pl + nl, suf[q], sl + 1);
        has = ngn_org_named(t, name, out);
    }
    unsigned k = tn->clubs_next++ % (sizeof tn->clubs / sizeof tn->clubs[0]);
    memcpy(tn->clubs[k].id, place->c.id, il + 1);
    tn->clubs[k].has = has;
    if (has) tn->clubs[k].club = *out;
    return has;
}

/* The place span s is its team: its organisation candidate, else the
 * dictionary's club of the place (place_club), else "team:" + the place's
 * id. */
static int make_team(const ng_tagger *t, tnames *tn, mstate *m, span *s) {
    s->flags |= SPAN_FIXED;
    if (prefer_type(m, s, "ORG")) return NG_OK;
    const cand *c0 = &m->cands[s->cand];
    cand club;
    if (place_club(t, tn, c0, &club)) return prepend_cand(m, s, club.c.id, club.c.type, club.c.name);
    char id[256];
    int n = snprintf(id, sizeof id, "team:%s", c0->c.id);
    if (n <= 0 || (size_t)n >= sizeof id) return NG_OK;
    const char *sid = ngn_arena_put(&tn->ar, id, (size_t)n);
    if (!sid) return NG_E_NOMEM;
    const char *nm = c0->c.name;
    return prepend_cand(m, s, sid, "ORG", nm);
}

/* sports_teams at span k, on the line [ls, le) (one that st_look kept: a
 * span it did not keep is no team). */
static int sports_span(ng_tagger *t, tnames *tn, size_t k, size_t ls, size_t le, const char *const *texts,
                       int *dropped, int *teams, const char **tids, size_t *ntids) {
    mstate *m = &t->m;
    span *s = &m->spans[k];
    const cand *c0 = &m->cands[s->cand];
    const char *tx = texts[s->field];
    size_t p0 = club_start(tx, ls, s->start), j = k;
    if (p0 < s->start) {
        /* the words of the club's name: spans inside them (NEC of NEC
         * Nijmegen) give way to it; one that runs across its start
         * keeps the place as it is */
        while (j > 0 && m->spans[j - 1].field == s->field && m->spans[j - 1].end > p0 &&
               m->spans[j - 1].start >= p0)
            j--;
        int across = j > 0 && m->spans[j - 1].field == s->field && m->spans[j - 1].end > p0;
        if (!across && team_line(tx, ls, le, p0, s->end)) {
            const char *sid = club_id(tn, tx + p0, s->end - p0);
            if (sid && !*sid) return NG_OK;
            const char *snm = sid ? ngn_arena_put(&tn->ar, tx + p0, s->end - p0) : NULL;
            if (!snm) return NG_E_NOMEM;
            int rc = prepend_cand(m, s, sid, "ORG", snm);
            if (rc) return rc;
            s->start = p0;
            s->flags |= SPAN_FIXED | SPAN_CLUB;
            *teams = 1;
            if (!(t->flags & NG_TAG_ALL))
                for (; j < k; j++) { m->spans[j].flags |= SPAN_DROP; *dropped = 1; }
            return NG_OK;
        }
    }
    if (!team_line(tx, ls, le, s->start, s->end)) return NG_OK;
    *teams = 1;
    if (*ntids < TEAM_IDS) {
        size_t i = 0;
        while (i < *ntids && tids[i] != c0->c.id) i++;
        if (i == *ntids) tids[(*ntids)++] = c0->c.id;
    }
    return make_team(t, tn, m, s);
}

static int sports_teams(ng_tagger *t, tnames *tn, size_t nsorted, const char *const *texts, const size_t *lens,
                        size_t nfields, int *dropped, int *teams, const char **tids, size_t *ntids) {
    mstate *m = &t->m;
    unsigned np = nparts(t, nsorted);
    stpart p[PARTS_MAX];
    for (unsigned i = 0; i < np; i++)
        p[i] = (stpart){m, texts, lens, nfields, nsorted * i / np, nsorted * (i + 1) / np, {UINT_MAX, 0, 0},
                        SIZE_MAX, {UINT_MAX, 0, 0}, {UINT_MAX, 0, 0}, NULL, 0, 0, NG_OK};
    run_parts(st_look, p, sizeof *p, np);
    /* a later part is right from its first span on when its line there is
     * the one the spans before give it; else it looks again from that */
    lstate S = p[0].end;
    for (unsigned i = 1; i < np; i++) {
        if (p[i].rc || p[i].k1 == SIZE_MAX) continue;
        lstate E = S;
        const span *s = &m->spans[p[i].k1];
        line_step(&E, s, texts[s->field], lens[s->field]);
        if (E.lf != p[i].after1.lf || E.ls != p[i].after1.ls || E.le != p[i].after1.le) {
            p[i].start = S;
            st_look(&p[i]);
        }
        S = p[i].end;
    }
    int rc = NG_OK;
    for (unsigned i = 0; i < np; i++) {
        if (!rc) rc = p[i].rc;
        for (size_t q = 0; q < p[i].nc && !rc; q++)
            rc = sports_span(t, tn, p[i].c[q].k, p[i].c[q].ls, p[i].c[q].le, texts, dropped, teams, tids, ntids);
        free(p[i].c);
    }
    return rc;
}

/* ## Rule T, one sense an article: a city made a team on a results line is
 * that team in the article's prose too ("( Barcelona win 6-5 on aggregate
 * )", "left to play for Barcelona", "Barcelona 's Hristo Stoichkov"): every
 * other span of the same place becomes the team (the same candidate the
 * results line chose). Not a country or a home nation (national sides stay
 * places, as news annotate them), not after a preposition of place ("in
 * Barcelona", "at Milan", "from Nantes"), not before a word that makes the
 * place an event's or a thing's ("Barcelona Olympics", "Monaco Grand
 * Prix", "Sydney-based"), not a dateline ("BARCELONA 1996-08-30"), not
 * before ", " and a place ("Durham, North Carolina"). (NG_RULE_TEAM; off
 * with --no-org-rules.) */
static int tw_label(const char *t, size_t a, size_t b);
static int sn_is(const char *t, size_t a, size_t b, const char *const *w);

static int ts_word_is(const char *t, size_t a, size_t b, const char *const *w) {
    for (size_t i = 0; w[i]; i++) {
        size_t n = strlen(w[i]);
        if (n != b - a) continue;
        size_t q = 0;
        while (q < n && (t[a + q] | 0x20) == w[i][q]) q++;
        if (q == n) return 1;
    }
    return 0;
}

/* Is the place (candidate) a country or a home nation? */
static int ts_nation(const ng_tagger *t, const cand *c) {
    static const char *const home[] = {"england", "scotland", "wales", "northern-ireland", "great-britain",
                                       "soviet-union", "yugoslavia", "czechoslovakia", "east-germany",
                                       "west-germany", NULL};
    for (size_t i = 0; home[i]; i++)
        if (!strcmp(c->c.id, home[i])) return 1;
    /* (nor a sea, an ocean, a river: "Indian Ocean islanders") */
    const char *nm = c->c.name, *sp = strrchr(nm, ' ');
    static const char *const water[] = {"ocean", "sea", "gulf", "river", "lake", "bay", "strait", "channel",
                                        "island", "islands", "mountains", NULL};
    if (sp && ts_word_is(sp + 1, 0, strlen(sp + 1), water)) return 1;
    char cc[4];
    cand_country(t, c, cc);
    return cc[0] && !cand_subdivision(t, c);
}

/* Does a field begin with a sports wire's slug ("SOCCER - ", "CRICKET - ",
 * "MOTOR RACING - ")? 2: a team sport's, 1: another sport's, 0: none. */
static int ts_sports_slug(const char *const *texts, const size_t *lens, size_t nfields) {
    static const char *const sl[] = {"SOCCER", "FOOTBALL", "CRICKET", "RUGBY UNION", "RUGBY LEAGUE", "RUGBY",
                                     "BASEBALL", "BASKETBALL", "ICE HOCKEY", "HOCKEY", "AUSTRALIAN RULES",
                                     "NFL", "NBA", "NHL", "VOLLEYBALL", "HANDBALL", "",
                                     "TENNIS", "GOLF", "CYCLING", "MOTOR RACING", "MOTORCYCLING",
                                     "MOTOR-RACING", "ATHLETICS", "BOXING", "SKIING", "SWIMMING", "SAILING",
                                     "HORSE RACING", "SQUASH", "BADMINTON", "SNOOKER", "ROWING", "OLYMPICS",
                                     NULL};
    int best = 0;
    for (size_t f = 0; f < nfields; f++) {
        const char *tx = texts[f];
        size_t len = lens[f], p = 0;
        while (p < len && (tx[p] == ' ' || tx[p] == '\n' || tx[p] == '\r' || tx[p] == '\t')) p++;
        /* (every slug starts with a capital: most fields are done here) */
        if (p >= len || tx[p] < 'A' || tx[p] > 'Z') continue;
        int team = 2;
        for (size_t i = 0; sl[i]; i++) {
            size_t n = strlen(sl[i]);
            if (!n) { team = 1; continue; }
            if (tx[p] == sl[i][0] && p + n + 3 <= len && !memcmp(tx + p, sl[i], n) && !memcmp(tx + p + n, " - ", 3)) {
                if (team > best) best = team;
                break;
            }
        }
    }
    return best;
}

/* The word [a, b) of t and the word before / after a span, lower-cased
 * ASCII letters only; empty when none. */
static size_t ts_prev_word(const char *tx, size_t at, size_t *ws) {
    size_t q = at;
    while (q > 0 && tx[q - 1] == ' ') q--;
    size_t w = q;
    while (w > 0 && ((tx[w - 1] | 0x20) >= 'a' && (tx[w - 1] | 0x20) <= 'z')) w--;
    *ws = w;
    return q;
}

static size_t ts_next_word(const char *tx, size_t len, size_t at, size_t *we) {
    size_t p = at;
    while (p < len && tx[p] == ' ') p++;
    size_t w = p;
    while (w < len && ((tx[w] | 0x20) >= 'a' && (tx[w] | 0x20) <= 'z')) w++;
    *we = w;
    return p;
}

/* In a sports article: is the place span s a team by the words around it?
 * Before a player's role ("Barcelona fullback", "Essex captain",
 * "Barcelona 's coach") or a result verb ("Barcelona beat", "Essex drew"),
 * after a result verb or "play for" ("beat Barcelona", "lost to Essex",
 * "left to play for Barcelona", "in charge of Barcelona"). */
static int ts_cue(const char *tx, size_t len, const span *s) {
    static const char *const role[] = {
        "captain", "skipper", "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "keeper",
        "fullback", "winger", "forward", "sweeper", "playmaker", "batsman", "bowler", "opener", "spinner",
        "paceman", "pitcher", "outfielder", "infielder", "shortstop", "catcher", "quarterback", "chairman",
        "teammate", "teammates", "squad", "player", "players", "supporters", "fans", NULL};
    static const char *const verb[] = {"beat", "beats", "drew",
        "draw", "lost", "lose", "defeated", "thrashed", "crushed", "routed", "edged", "trounced", "hammered",
        "held", "won", "win", "wins", "clinched", "scored", "equalised", "equalized", "trail", "trailed",
        "led", "lead", "leads", NULL};
    static const char *const obj[] = {"beat", "beating", "beats", "against", "defeated", "defeating", "over",
                                      "versus", "vs", "v", "thrashed", "crushed", "routed", "edged",
                                      "hammered", "trounced", "with", "to", "for", "of", "joined", "join",
                                      "joining", "host", "hosts", "hosted", "face", "faces", "facing", "meet",
                                      "meets", "play", "plays", NULL};
    size_t we, p = ts_next_word(tx, len, s->end, &we);
    if (p + 1 < len && tx[p] == '\'' && tx[p + 1] == 's') {
        p = ts_next_word(tx, len, p + 2, &we);
        return we > p && ts_word_is(tx, p, we, role) && !ts_word_is(tx, p, we, verb);   /* (not "Washington 's win") */
    }
    if (we > p && (ts_word_is(tx, p, we, role) || ts_word_is(tx, p, we, verb))) return 1;
    size_t ws, q = ts_prev_word(tx, s->start, &ws);
    if (ws == q || !ts_word_is(tx, ws, q, obj)) return 0;
    /* "with", "to", "for", "of": only "drew with", "lost to", "play for", "charge of" */
    static const char *const w2[] = {"with", "to", "for", "of", NULL};
    if (!ts_word_is(tx, ws, q, w2)) return 1;
    static const char *const v2[] = {"drew", "draw", "draws", "drawn", "drawing", "lost", "lose", "loses",
                                     "losing", "play", "played", "plays", "playing", "signed", "charge",
                                     "joined", "moved", "transfer", "switch", NULL};
    size_t ws2, q2 = ts_prev_word(tx, ws, &ws2);
    return ws2 < q2 && ts_word_is(tx, ws2, q2, v2);
}

/* May the place span k (a city some evidence made a team) be the team
 * here? Not after a preposition of place, not before an event's word, a
 * date (a dateline) or ", " and a place. */
static int ts_allowed(const mstate *m, size_t k, size_t nsorted, const char *tx, size_t len) {
    static const char *const prep[] = {"in", "at", "near", "from", "outside", "around", "across", "into",
                                       "through", "visit", "visited", "visiting", "between", "north", "south",
                                       "east", "west", "northern", "southern", "eastern", "western", "central",
                                       "downtown", NULL};
    static const char *const town[] = {"city", "town", "capital", "village", "suburb", "outskirts", "centre",
                                       "center", "port", "province", "state", "region", "streets", NULL};
    static const char *const next[] = {"olympics", "olympic", "games", "open", "grand", "marathon", "masters",
                                       "classic", "airport", "city", "area", "region", "county", "port",
                                       "stock", "exchange", "university", "based", "born", "side", "police",
                                       "court", "mayor", "council", "street", "streets", "ground", "stadium",
                                       "meeting", "organisers", "organizers", "promoter", "newsroom", "club", NULL};
    /* (sentence-initial words that leave the place alone: "Then Oakland") */
    static const char *const lead[] = {"then", "when", "while", "so", "now", "also", "yet", "still", "without",
                                       "since", "until", "despite", "although", "though", "because", "where",
                                       "once", "even", "only", "last", "next", "both", "while", "unlike", NULL};
    const span *s = &m->spans[k];
    for (size_t i = 1; i < s->ncand; i++)
        if (!strcmp(m->cands[s->cand + i].c.type, "PER")) return 0;   /* (Washington) */
    size_t ws, q = ts_prev_word(tx, s->start, &ws);
    if (ws < q && ts_word_is(tx, ws, q, prep)) return 0;
    /* the last of places in a list after such a word ("from Paris and
     * Madrid", "in Rome , Turin or Milan"): up to four places back */
    static const char *const conj[] = {"and", "or", NULL};
    size_t pk = k;
    for (int n = 0; n < 4 && pk > 0; n++) {
        size_t at = m->spans[pk].start, cw, cq = ts_prev_word(tx, at, &cw);
        if (cw < cq && ts_word_is(tx, cw, cq, conj)) at = cw;
        else if (cq > 0 && cw == cq && tx[cq - 1] == ',') at = cq - 1;
        else break;
        while (at > 0 && tx[at - 1] == ' ') at--;
        const span *ps = &m->spans[--pk];
        if (ps->field != s->field || ps->end != at) break;
        size_t pw, pq = ts_prev_word(tx, ps->start, &pw);
        if (pw < pq && ts_word_is(tx, pw, pq, prep)) return 0;
    }
    /* "the city of Chandigarh" */
    if (q - ws == 2 && tx[ws] == 'o' && tx[ws + 1] == 'f') {
        size_t ws2, q2 = ts_prev_word(tx, ws, &ws2);
        if (ws2 < q2 && ts_word_is(tx, ws2, q2, town)) return 0;
    }
    /* inside a longer name: a capitalised word of lower-case letters right
     * before or after ("Cleveland Indians", "AEK Larnaca", "North
     * Melbourne", "Sao Paulo-Santos") */
    if (ws < q && q == s->start - 1 && tx[ws] >= 'A' && tx[ws] <= 'Z' && q - ws > 1 && tx[ws + 1] >= 'a' &&
        !tw_label(tx, ws, q) && !ts_word_is(tx, ws, q, lead))
        return 0;
    if (s->end + 2 < len && (tx[s->end] == ' ' || tx[s->end] == '-') && tx[s->end + 1] >= 'A' &&
        tx[s->end + 1] <= 'Z' && ((tx[s->end + 2] >= 'a' && tx[s->end + 2] <= 'z') || tx[s->end] == '-'))
        return 0;
    /* a club's name around it: an acronym, a designator or a year before
     * or after ("NEC Nijmegen", "F.C. Valletta", "1860 Munich", "Paris SG",
     * "Munich 1860"), a hyphen before ("Gimnasia-La Plata") */
    if (s->start > 0 && tx[s->start - 1] == '-') return 0;
    if (ws == q && q == s->start - 1 && q > 0 && tx[q - 1] != ' ') {
        size_t b = q;
        while (b > 0 && tx[b - 1] != ' ' && tx[b - 1] != '\n') b--;
        int caps = 1, dot = 0, digits = 1, letters = 0;
        for (size_t i = b; i < q; i++) {
            if (tx[i] >= 'a' && tx[i] <= 'z') caps = 0;
            if (tx[i] >= 'A' && tx[i] <= 'Z') letters = 1;
            if (tx[i] == '.') dot = 1;
            if (tx[i] < '0' || tx[i] > '9') digits = 0;
        }
        if ((dot && caps && letters) || (digits && q - b == 4)) return 0;
    }
    if (ws < q && q == s->start - 1 && q - ws <= 4) {
        int caps = 1, lower = 0;
        for (size_t i = ws; i < q; i++) if (tx[i] < 'A' || tx[i] > 'Z') caps = 0;
        for (size_t i = s->start; i < s->end; i++) if (tx[i] >= 'a' && tx[i] <= 'z') lower = 1;
        if (caps && lower && q - ws >= 2) return 0;   /* (not "SOCCER - BEAT MILAN") */
    }
    if (s->end + 2 < len && tx[s->end] == ' ') {
        size_t b = s->end + 1, e = b;
        int caps = 1, digits = 1;
        while (e < len && tx[e] != ' ' && tx[e] != '\n') {
            if (tx[e] < 'A' || tx[e] > 'Z') caps = 0;
            if (tx[e] < '0' || tx[e] > '9') digits = 0;
            e++;
        }
        if ((caps && e - b >= 2 && e - b <= 3) || (digits && e - b == 4)) {
            int lower = 0;
            for (size_t i = s->start; i < s->end; i++) if (tx[i] >= 'a' && tx[i] <= 'z') lower = 1;
            if (lower) return 0;
        }
    }
    /* a player in a scorecard: after an initial ("I. Salisbury") or "b",
     * "c", "st"; before a bowler's figures ("Cork 23-5-71-1") */
    if (s->start >= 3 && tx[s->start - 1] == ' ' && tx[s->start - 2] == '.' && tx[s->start - 3] >= 'A' &&
        tx[s->start - 3] <= 'Z' && (s->start == 3 || !((tx[s->start - 4] | 0x20) >= 'a' && (tx[s->start - 4] | 0x20) <= 'z')))
        return 0;
    if (ws < q && (q - ws <= 2) && tx[ws] >= 'a' && tx[ws] <= 'z' &&
        ((q - ws == 1 && (tx[ws] == 'b' || tx[ws] == 'c')) || (q - ws == 2 && tx[ws] == 's' && tx[ws + 1] == 't')))
        return 0;
    if (s->end + 2 < len && tx[s->end] == ' ' && tx[s->end + 1] >= '0' && tx[s->end + 1] <= '9') {
        int hy = 0;
        for (size_t i = s->end + 1; i < len && tx[i] != ' ' && tx[i] != '\n'; i++) hy += tx[i] == '-';
        if (hy >= 2) return 0;
    }
    /* a venue before " :" or its ground ("Portsmouth : Middlesex 199",
     * "London ( The Oval ) :") */
    if (s->end + 2 < len && tx[s->end] == ' ' && (tx[s->end + 1] == ':' || tx[s->end + 1] == '(')) {
        size_t i = s->end + 1;
        if (tx[i] == '(') while (i < len && i < s->end + 40 && tx[i] != ')' && tx[i] != '\n') i++;
        if (i < len && tx[i] == ')') i++;
        while (i < len && tx[i] == ' ') i++;
        if (i < len && tx[i] == ':') return 0;
    }
    /* "the journey to Moscow", "flown to Rio" */
    if (q - ws == 2 && tx[ws] == 't' && tx[ws + 1] == 'o') {
        static const char *const go[] = {"journey", "flight", "flights", "trip", "flown", "flew", "back",
                                         "travel", "travelled", "traveled", "way", "drive", "drove", "went",
                                         "go", "going", "road", "route", "arrived", NULL};
        size_t ws2, q2 = ts_prev_word(tx, ws, &ws2);
        if (ws2 < q2 && ts_word_is(tx, ws2, q2, go)) return 0;
    }
    /* a country in parentheses after a club ("Partizan ( Yugoslavia )") */
    if (q > 0 && ws == q && tx[q - 1] == '(' && s->end + 2 <= len && tx[s->end] == ' ' && tx[s->end + 1] == ')')
        return 0;
    size_t p = s->end, we;
    if (p < len && tx[p] == '-') p++;
    p = ts_next_word(tx, len, p, &we);
    if (we > p && ts_word_is(tx, p, we, next)) return 0;
    if (p + 5 <= len && tx[p] >= '0' && tx[p] <= '9' && tx[p + 1] >= '0' && tx[p + 1] <= '9' &&
        tx[p + 2] >= '0' && tx[p + 2] <= '9' && tx[p + 3] >= '0' && tx[p + 3] <= '9' && tx[p + 4] == '-')
        return 0;
    if (p < len && tx[p] == ',' && k + 1 < nsorted && m->spans[k + 1].field == s->field &&
        m->spans[k + 1].start <= p + 3 && !strcmp(m->cands[m->spans[k + 1].cand].c.type, "LOC"))
        return 0;
    return 1;
}

/* ts_nation, remembered for the last places asked (a results page names
 * the same few places thousands of times) */
typedef struct tsnat { const char *id[16]; signed char is[16]; unsigned next; } tsnat;

static int ts_nation_memo(const ng_tagger *t, const cand *c, tsnat *x) {
    for (unsigned i = 0; i < 16; i++)
        if (x->id[i] == c->c.id) return x->is[i];
    int r = ts_nation(t, c);
    x->id[x->next & 15] = c->c.id;
    x->is[x->next & 15] = (signed char)r;
    x->next++;
    return r;
}

/* Span k when it is a place no rule fixed (its first candidate), else NULL;
 * *known: whether its id is one of tids. */
static const cand *ts_place(const mstate *m, size_t k, size_t nfields, const size_t *lens, const char **tids,
                            size_t ntids, int *known) {
    const span *s = &m->spans[k];
    if ((s->flags & (NG_MATCH_OVERLAP | SPAN_FIXED | SPAN_CLUB)) || s->field >= nfields || s->end > lens[s->field])
        return NULL;
    const cand *c0 = &m->cands[s->cand];
    if (c0->c.type[0] != 'L' || strcmp(c0->c.type, "LOC")) return NULL;
    size_t i = 0;
    while (i < ntids && tids[i] != c0->c.id) i++;
    *known = i < ntids;
    return c0;
}

static int ascii_alnum(char ch) {
    return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* Is there a match's score ("2-1", "1–1": one or two digits each) in the
 * sentence of bytes [a, b), within 60 bytes of it? (The dashes are found
 * with memchr: most places have none near them.) */
static int score_at_dash(const char *tx, size_t lo, size_t hi, size_t p, size_t d) {
    size_t q = p, e = p + d;
    while (q > lo && p - q < 3 && tx[q - 1] >= '0' && tx[q - 1] <= '9') q--;
    if (q == p || p - q > 2 || (q > lo && (ascii_alnum(tx[q - 1]) || tx[q - 1] == '-'))) return 0;
    while (e < hi && e - (p + d) < 3 && tx[e] >= '0' && tx[e] <= '9') e++;
    return e > p + d && e - (p + d) <= 2 && (e == hi || !(ascii_alnum(tx[e]) || tx[e] == '-'));
}

static int score_near(const char *tx, size_t len, size_t a, size_t b) {
    size_t lo = a > 60 ? a - 60 : 0, hi = b + 60 < len ? b + 60 : len;
    for (int dash = 0; dash < 2; dash++) {
        const char ch = dash ? '\xE2' : '-';
        for (const char *f = memchr(tx + lo, ch, hi - lo); f; f = memchr(f + 1, ch, (size_t)(tx + hi - f - 1))) {
            size_t p = (size_t)(f - tx);
            if (dash && (p + 2 >= hi || memcmp(f, "\xE2\x80\x93", 3))) continue;
            if (!score_at_dash(tx, lo, hi, p, dash ? 3 : 1)) continue;
            /* no sentence's end between the place and the score */
            size_t x = p < a ? p : b, y = p < a ? a : p, z = x;
            while (z < y && tx[z] != '.' && tx[z] != '!' && tx[z] != '?' && tx[z] != '\n') z++;
            if (z == y) return 1;
            if (f + 1 >= tx + hi) break;
        }
    }
    return 0;
}

/* An article with a match's result in its prose ("Manchester United beat
 * Liverpool 2-1", "Liverpool drew 1-1 with Everton FC"): a place a
 * result's words make a team (ts_cue) with a score in its sentence and an
 * organisation there too (the other side: not "Barcelona beat Madrid 5-2
 * in the polls"), not a nation, where it may be a team (ts_allowed).
 * Makes the article a sports one. */
/* The organisation span near the place span k (within two spans and 60
 * bytes, in its field, no sentence's end between them), or NULL. */
static const span *org_beside(const mstate *m, size_t k, size_t nsorted, const char *tx) {
    const span *s = &m->spans[k];
    for (size_t q = k > 2 ? k - 2 : 0; q < nsorted && q <= k + 2; q++) {
        const span *o = &m->spans[q];
        if (q == k || o->field != s->field || (o->flags & NG_MATCH_OVERLAP) || o->end + 60 < s->start ||
            o->start > s->end + 60 || m->cands[o->cand].c.type[0] != 'O' || strcmp(m->cands[o->cand].c.type, "ORG"))
            continue;
        size_t a = o->end < s->start ? o->end : s->end, b = o->end < s->start ? s->start : o->start, p = a;
        while (p < b && tx[p] != '.' && tx[p] != '!' && tx[p] != '?' && tx[p] != '\n') p++;
        if (p == b) return o;
    }
    return NULL;
}

static int ts_prose_result(const ng_tagger *t, size_t nsorted, const char *const *texts, const size_t *lens,
                           size_t nfields) {
    const mstate *m = &t->m;
    tsnat nat = {{0}, {0}, 0};
    for (size_t k = 0; k < nsorted; k++) {
        const span *s = &m->spans[k];
        if ((s->flags & (NG_MATCH_OVERLAP | SPAN_FIXED | SPAN_CLUB)) || s->field >= nfields || s->end > lens[s->field])
            continue;
        const cand *c0 = &m->cands[s->cand];
        if (c0->c.type[0] != 'L' || strcmp(c0->c.type, "LOC")) continue;
        const char *tx = texts[s->field];
        size_t len = lens[s->field];
        /* (the spans first: most places have no organisation beside them,
         * and the text around them is out of the cache in a long article) */
        if (org_beside(m, k, nsorted, tx) && score_near(tx, len, s->start, s->end) && ts_cue(tx, len, s) &&
            !ts_nation_memo(t, c0, &nat) && ts_allowed(m, k, nsorted, tx, len))
            return 1;
    }
    return 0;
}

static int team_sense(ng_tagger *t, tnames *tn, size_t nsorted, const char *const *texts, const size_t *lens,
                      size_t nfields, const char **tids, size_t ntids, int sports) {
    mstate *m = &t->m;
    tsnat nat = {{0}, {0}, 0};
    int known;
    /* the cues of a sports article add places */
    for (size_t k = 0; k < nsorted && sports && ntids < TEAM_IDS; k++) {
        const cand *c0 = ts_place(m, k, nfields, lens, tids, ntids, &known);
        if (!c0 || known || ts_nation_memo(t, c0, &nat)) continue;
        const span *s = &m->spans[k];
        if (ts_allowed(m, k, nsorted, texts[s->field], lens[s->field]) && (sports == 2 || ts_cue(texts[s->field], lens[s->field], s)))
            tids[ntids++] = c0->c.id;
    }
    for (size_t k = 0; k < nsorted && ntids; k++) {
        const cand *c0 = ts_place(m, k, nfields, lens, tids, ntids, &known);
        if (!c0 || !known || ts_nation_memo(t, c0, &nat)) continue;
        span *s = &m->spans[k];
        if (!ts_allowed(m, k, nsorted, texts[s->field], lens[s->field])) continue;
        int rc = make_team(t, tn, m, s);
        if (rc) return rc;
    }
    return NG_OK;
}

/* ## Rule T: teams no dictionary knows on results lines (NG_RULE_TEAM)
 *
 * Results and standings name most clubs by names no list holds ("Stadler 0
 * Haladas 0", "Wigan 78 Workington 4", "Warwickshire 13 6 4 3 32 43 180",
 * "Shrewsbury v Brentford , Walsall v Wrexham ."). In an article that has
 * a result line (a name, a score, a name, a score), or a place the sports
 * rule above made a team, a run of one to four capitalised words that no
 * span touches is a team (`team:` + its folded words) when it stands
 *   - first on its line (or after "At Place :" / "In Place :") before a
 *     score (1-3 digits, or runs-wickets 305-5), an optional country in
 *     parentheses between ("Vaduz ( Liechtenstein ) 1");
 *   - after a score and before one (a result's second team);
 *   - beside " v " in a fixture, between delimiters (line start or end,
 *     "," "." ":" "-"): not "the Roe v Wade ruling".
 * Not a line with a decimal of two places (a player's averages: "Nasser
 * Hussain 2 3 0 111 51 37.00"), not a run whose first word is a month, a
 * day, a function word or a table's label (Total, Extras, Net ...). */

/* The end of a capitalised word at p (ASCII capital first; letters, digits,
 * '.', '-', '\'', UTF-8 after it), or p. */
static size_t tw_word(const char *t, size_t p, size_t e) {
    if (p >= e || t[p] < 'A' || t[p] > 'Z') return p;
    size_t q = p + 1;
    while (q < e) {
        unsigned char ch = (unsigned char)t[q];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
            ch == '-' || ch == '\'' || ch >= 0x80)
            q++;
        else break;
    }
    return q < e && t[q] != ' ' && t[q] != '\t' ? p : q;
}

/* Is the word t[a..b) a label that starts no team (folded ASCII compare)? */
static int tw_label(const char *t, size_t a, size_t b) {
    static const char *const w[] = {
        "the", "a", "an", "on", "in", "at", "by", "for", "of", "and", "to", "from", "after", "before", "with",
        "as", "but", "if", "he", "she", "it", "they", "we", "i", "this", "that", "around", "about", "over",
        "under", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "total", "totals", "extras", "net",
        "gross", "income", "sales", "revenue", "revenues", "profit", "loss", "shares", "share", "average",
        "attendance", "halftime", "aggregate", "points", "round", "group", "division", "week", "day", "game",
        "games", "match", "note", "pct", "tel", "fax", "vol", "year", "quarter", "half", "first", "second",
        "third", "final", "current", "operating", "latest", "previous", "prev", "change", "high", "low",
        "close", "open", "price", "rank", "no", "nos", "page", "section", "chapter", "article", "table",
        "level", "stage", "race", "heat", "lap", "hole", "set", "top", "bottom", "under", "par", "age",
        "born", "height", "weight", "minute", "minutes", "hour", "hours", "time", "period", "from", "up",
        "down", "unch", "unchanged", "eps", "dividend", "turnover", "assets", "debt", "tax", "pretax",
        "won", "lost", "drew", "drawn", "beat", "played", "led", "scored", "wins", "losses", "draws",
        "goals", "pts", "team", "club", "player", "home", "away", "result", "results", "standings",
        "scorers", "leading", "placed", "ranked", "seeded", NULL};
    char f[16];
    size_t n = b - a;
    if (n >= sizeof f) return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = t[a + i];
        f[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    f[n] = 0;
    for (size_t i = 0; w[i]; i++)
        if (!strcmp(f, w[i])) return 1;
    return 0;
}

/* A run of 1-4 capitalised words at p (single spaces between them): its
 * end, or p when none or when it starts with a label. */
static size_t tw_run(const char *t, size_t p, size_t e) {
    size_t q = tw_word(t, p, e);
    if (q == p) return p;
    for (int nw = 1; nw < 4; nw++) {
        if (q + 1 >= e || t[q] != ' ') break;
        size_t r = tw_word(t, q + 1, e);
        if (r == q + 1) break;
        q = r;
    }
    return q;
}

/* Does the run at p start with a label (its first word)? */
static int tw_run_label(const char *t, size_t p, size_t e) {
    size_t q = p;
    while (q < e && t[q] != ' ') q++;
    return tw_label(t, p, q);
}

/* A score at p (1-3 digits, or digits-digits as 305-5, then a blank, '(',
 * '*' or the line's end): its end, else p. */
static size_t tw_score(const char *t, size_t p, size_t e) {
    size_t q = p;
    while (q < e && q - p < 4 && t[q] >= '0' && t[q] <= '9') q++;
    if (q == p || q - p > 3) return p;
    if (q + 1 < e && t[q] == '-' && t[q + 1] >= '0' && t[q + 1] <= '9') {
        /* an innings: runs (two or three digits) - wickets (0 to 10), no
         * second score after it (tennis sets 6-3 6-4, bowling 4-95) */
        size_t r = q + 1;
        while (r < e && r - q < 4 && t[r] >= '0' && t[r] <= '9') r++;
        if (q - p < 2 || r - q > 3 || (r - q == 3 && (t[q + 1] != '1' || t[q + 2] != '0'))) return p;
        size_t n = r;
        while (n < e && t[n] == ' ') n++;
        if (n < e && t[n] >= '0' && t[n] <= '9') return p;
        q = r;
    }
    return q == e || t[q] == ' ' || t[q] == '\t' || t[q] == '(' || t[q] == '*' ? q : p;
}

/* After a run ending at q: blanks, an optional "( Country )", blanks; then
 * a score's end, or 0. */
static size_t tw_score_after(const char *t, size_t q, size_t e) {
    while (q < e && t[q] == ' ') q++;
    if (q < e && t[q] == '(') {
        size_t r = q + 1;
        while (r < e && r - q < 40 && t[r] != ')' && (t[r] == ' ' || t[r] == '.' || t[r] == '-' ||
                                                     (t[r] >= 'A' && t[r] <= 'Z') || (t[r] >= 'a' && t[r] <= 'z')))
            r++;
        if (r >= e || t[r] != ')' || r < q + 3) return 0;
        q = r + 1;
        while (q < e && t[q] == ' ') q++;
    }
    size_t s = tw_score(t, q, e);
    return s > q ? s : 0;
}

/* The start of a result's or a standing's line after an "At X :" or "In X
 * :" prefix (the prefix's end), or p. */
static size_t tw_prefix(const char *t, size_t p, size_t e) {
    if (e - p < 6) return p;
    size_t q = p + 3;
    if (!((t[p] == 'A' && t[p + 1] == 't') || (t[p] == 'I' && t[p + 1] == 'n')) || t[p + 2] != ' ') {
        /* a ground: "Hove : ", "Leeds ( Headingley ) : " (capitalised words,
         * a word in parentheses) */
        q = p;
        for (int nw = 0; nw < 5 && q < e; nw++) {
            size_t w = tw_word(t, q, e);
            if (w == q && t[q] == '(') w = q + 1;
            else if (w == q && t[q] == ')') w = q + 1;
            if (w == q) return p;
            q = w;
            if (q + 1 < e && t[q] == ' ' && t[q + 1] == ':') break;
            if (q >= e || t[q] != ' ') return p;
            q++;
        }
        if (q + 2 >= e || t[q] != ' ' || t[q + 1] != ':' || t[q + 2] != ' ') return p;
        q += 3;
        while (q < e && t[q] == ' ') q++;
        return q;
    }
    while (q < e && q - p < 48 && t[q] != ':' && t[q] != '\n') q++;
    if (q >= e || t[q] != ':' || t[q - 1] != ' ') return p;
    q++;
    while (q < e && t[q] == ' ') q++;
    return q;
}

static int tw_decimal2(const char *t, size_t a, size_t b) {
    for (size_t p = a + 1; p + 2 < b; p++)
        if (t[p] == '.' && t[p - 1] >= '0' && t[p - 1] <= '9' && t[p + 1] >= '0' && t[p + 1] <= '9' &&
            t[p + 2] >= '0' && t[p + 2] <= '9' && (p + 3 == b || t[p + 3] < '0' || t[p + 3] > '9'))
            return 1;
    return 0;
}

/* The spans of an article for tw_taken: [0, ns) sorted (bisection), the
 * later ones (partial names, and those rule T, the nicknames and the short
 * names add as they go): those there at the first question, as far as they
 * follow one another in order (the free words': all of them but in odd
 * cases), by bisection too; the rest as the bytes they cover, one bit a
 * byte, in pages of bits made where a span falls, brought up to date at
 * each question. Looking at every later span for each question was
 * quadratic: a 1 MB page of results took 2.2 s, 79 % of it there; one bit
 * a byte of a whole 100 MB article (12.5 MB made and cleared at the first
 * question) was a twentieth of its article pass. Without memory for the
 * bits, the spans after the ordered run are looked at one by one. */
enum { TW_PAGE = 15 };   /* a page of bits: 32 KB of a field */
typedef struct twidx {
    size_t ns;          /* the spans [0, ns) are sorted */
    size_t run;         /* the spans [ns, run) are in order of field and start */
    size_t runlen;      /* the longest of them */
    size_t upto;        /* the spans [run, upto) are in bits */
    const size_t *lens;
    size_t nfields;
    uint64_t ***bits;   /* bits[f][p]: page p of field f, NULL while no byte of it is covered; NULL: not made yet */
    int failed;         /* no memory for them: look at the spans */
    const char **tids;  /* places made teams (team_sense), TEAM_IDS at most */
    size_t ntids;
} twidx;

static void tw_mark(twidx *x, unsigned f, size_t a, size_t b) {
    if (x->failed || f >= x->nfields) return;
    enum { WORDS = (1u << TW_PAGE) / 64 };
    for (size_t i = a; i < b && i < x->lens[f]; i++) {
        uint64_t **pg = &x->bits[f][i >> TW_PAGE];
        if (!*pg && !(*pg = calloc(WORDS, sizeof **pg))) { x->failed = 1; return; }
        (*pg)[(i >> 6) & (WORDS - 1)] |= 1ull << (i & 63);
    }
}

/* The later spans: the ordered run found and the rest into the bits (at the
 * first question), then the spans added since into the bits. */
static void tw_sync(twidx *x, const mstate *m) {
    if (x->failed) return;
    if (!x->bits) {
        size_t k = x->ns;
        x->runlen = 0;
        for (; k < m->nspans; k++) {
            const span *s = &m->spans[k], *p = s - 1;
            if (k > x->ns && (p->field > s->field || (p->field == s->field && p->start > s->start))) break;
            if (s->end - s->start > x->runlen) x->runlen = s->end - s->start;
        }
        x->run = x->upto = k;
        x->bits = calloc(x->nfields ? x->nfields : 1, sizeof *x->bits);
        for (size_t f = 0; x->bits && f < x->nfields; f++)
            if (!(x->bits[f] = calloc((x->lens[f] >> TW_PAGE) + 1, sizeof **x->bits))) { x->failed = 1; return; }
        if (!x->bits) { x->failed = 1; return; }
    }
    for (; x->upto < m->nspans; x->upto++) tw_mark(x, m->spans[x->upto].field, m->spans[x->upto].start, m->spans[x->upto].end);
}

/* Span k of the later ones now ends at 'end' (rule T made it longer). */
static void tw_grow(twidx *x, const mstate *m, size_t k, size_t end) {
    const span *s = &m->spans[k];
    if (k >= x->ns && k < x->run && end - s->start > x->runlen) x->runlen = end - s->start;
    else if (k >= x->run && k < x->upto) tw_mark(x, s->field, s->end, end);
}

static void tw_free(twidx *x) {
    for (size_t f = 0; x->bits && f < x->nfields; f++) {
        for (size_t p = 0; x->bits[f] && p <= x->lens[f] >> TW_PAGE; p++) free(x->bits[f][p]);
        free(x->bits[f]);
    }
    free(x->bits);
    x->bits = NULL;
}

/* The first of the spans [lo, hi) (in order of field and start) of 'field'
 * starting at or after a. */
static size_t tw_bisect(const mstate *m, size_t lo, size_t hi, unsigned field, size_t a) {
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const span *x = &m->spans[mid];
        if (x->field < field || (x->field == field && x->start < a)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Does any span of 'field' touch [a, b) (a < b)? */
static int tw_taken(const mstate *m, twidx *ns, unsigned field, size_t a, size_t b) {
    size_t lo = tw_bisect(m, 0, ns->ns, field, a);
    /* the first span starting at or after a, and those before it that may
     * reach over a (a few: the sorted spans barely overlap) */
    if (lo < ns->ns && m->spans[lo].field == field && m->spans[lo].start < b) return 1;
    for (size_t k = lo, n = 0; k-- > 0 && n < 8; n++) {
        const span *x = &m->spans[k];
        if (x->field != field) break;
        if (x->end > a) return 1;
    }
    tw_sync(ns, m);
    /* the ordered run: those that start before a within its longest span */
    lo = tw_bisect(m, ns->ns, ns->run, field, a);
    if (lo < ns->run && m->spans[lo].field == field && m->spans[lo].start < b) return 1;
    for (size_t k = lo; k-- > ns->ns;) {
        const span *x = &m->spans[k];
        if (x->field != field || x->start + ns->runlen <= a) break;
        if (x->end > a) return 1;
    }
    if (ns->failed) {
        for (size_t k = ns->run; k < m->nspans; k++) {
            const span *x = &m->spans[k];
            if (x->field == field && x->start < b && x->end > a) return 1;
        }
        return 0;
    }
    if (field >= ns->nfields) return 0;
    uint64_t *const *pages = ns->bits[field];
    for (size_t i = a; i < b && i < ns->lens[field]; i++) {
        const uint64_t *w = pages[i >> TW_PAGE];
        if (!w) { i |= (1u << TW_PAGE) - 1; continue; }   /* (on to the next page) */
        if (w[(i >> 6) & (((1u << TW_PAGE) / 64) - 1)] >> (i & 63) & 1) return 1;
    }
    return 0;
}

static int tw_add(ng_tagger *t, tnames *tn, twidx *ns, unsigned field, const char *tx, size_t a, size_t b) {
    if (tw_run_label(tx, a, b)) return NG_OK;
    if (tw_taken(&t->m, ns, field, a, b)) {
        /* a place that is the whole run: the team (a county on an innings
         * line, "At Headingley : Yorkshire 529-8"); not a national side */
        span *s = find_span(&t->m, ns->ns, field, a, b);
        if (!s || (s->flags & (NG_MATCH_OVERLAP | SPAN_FIXED | SPAN_CLUB))) return NG_OK;
        const cand *c0 = &t->m.cands[s->cand];
        if (strcmp(c0->c.type, "LOC") || ts_nation(t, c0)) return NG_OK;
        if (ns->tids && ns->ntids < TEAM_IDS) {
            size_t i = 0;
            while (i < ns->ntids && ns->tids[i] != c0->c.id) i++;
            if (i == ns->ntids) ns->tids[ns->ntids++] = c0->c.id;
        }
        return make_team(t, tn, &t->m, s);
    }
    const char *sid = club_id(tn, tx + a, b - a);
    if (sid && !*sid) return NG_OK;
    const char *snm = sid ? ngn_arena_put(&tn->ar, tx + a, b - a) : NULL;
    if (!snm) return NG_E_NOMEM;
    if (!ngn_push_span(&t->m, a, b, field, sid, "ORG", snm, NG_MATCH_RULE, NG_RULE_TEAM)) return NG_E_NOMEM;
    return NG_OK;
}

/* The line [ls, le) of text t: a result's shape (run score run score)? */
static int tw_result(const char *t, size_t ls, size_t le) {
    size_t p = tw_prefix(t, ls, le);
    size_t r = tw_run(t, p, le);
    if (r == p) return 0;
    size_t s = tw_score_after(t, r, le);
    if (!s || tw_run_label(t, p, r)) return 0;
    /* a cricket innings (runs-wickets, 305-5) */
    if (s > 3 && t[s - 2] == '-' && t[s - 1] >= '0' && t[s - 1] <= '9' && t[s - 3] >= '0' && t[s - 3] <= '9')
        return !tw_decimal2(t, ls, le);
    while (s < le && t[s] == ' ') s++;
    size_t r2 = tw_run(t, s, le);
    return r2 > s && tw_score_after(t, r2, le) && !tw_run_label(t, s, r2) && !tw_decimal2(t, ls, le);
}

/* A part of free_teams' look at the lines: of every field the lines of its
 * slice (part k of np: whole lines from about k/np of the field to about
 * (k+1)/np); whether one is a result's (evidence), or the runs it makes
 * teams (tw_add's words, in order). */
typedef struct twrun { unsigned field; size_t a, b; } twrun;
typedef struct ftpart {
    const char *const *texts;
    const size_t *lens;
    size_t nfields;
    unsigned k, np;
    int evidence;            /* look for a result's line (else the runs) */
    int found;
    twrun *r; size_t nr, cap;
    int rc;
} ftpart;

/* Where slice k of np of a text starts: a line's start. */
static size_t ft_slice(const char *tx, size_t len, unsigned k, unsigned np) {
    if (k == 0) return 0;
    if (k >= np) return len;
    size_t at = (size_t)((double)len * k / np);
    const char *nl = memchr(tx + at, '\n', len - at);
    return nl ? (size_t)(nl - tx) + 1 : len;
}

static int ft_keep(ftpart *p, unsigned f, size_t a, size_t b) {
    if (ng_grow((void **)&p->r, &p->cap, p->nr + 1, sizeof *p->r)) return p->rc = NG_E_NOMEM;
    p->r[p->nr++] = (twrun){f, a, b};
    return NG_OK;
}

static void *ft_look(void *arg) {
    ftpart *p = arg;
    for (size_t f = 0; f < p->nfields && !p->rc && !(p->evidence && p->found); f++) {
        const char *tx = p->texts[f];
        size_t len = p->lens[f], ls = ft_slice(tx, len, p->k, p->np), end = ft_slice(tx, len, p->k + 1, p->np);
        if (p->evidence) {
            while (ls < end && !p->found) {
                const char *nl = memchr(tx + ls, '\n', len - ls);
                size_t le = nl ? (size_t)(nl - tx) : len;
                if (le > ls && tx[le - 1] == '\r') le--;
                if (tx[ls] >= 'A' && tx[ls] <= 'Z' && tw_result(tx, ls, le)) p->found = 1;
                ls = nl ? (size_t)(nl - tx) + 1 : len;
            }
            continue;
        }
        while (ls < end && !p->rc) {
            const char *nl = memchr(tx + ls, '\n', len - ls);
            size_t le = nl ? (size_t)(nl - tx) : len, next = nl ? (size_t)(nl - tx) + 1 : len;
            if (le > ls && tx[le - 1] == '\r') le--;
            if (tw_decimal2(tx, ls, le)) { ls = next; continue; }
            size_t q0 = tw_prefix(tx, ls, le);
            size_t r = tw_run(tx, q0, le);
            size_t sc = r > q0 ? tw_score_after(tx, r, le) : 0;
            if (sc) {
                if (ft_keep(p, (unsigned)f, q0, r)) break;
                while (sc < le && tx[sc] == ' ') sc++;
                size_t r2 = tw_run(tx, sc, le);
                if (r2 > sc && tw_score_after(tx, r2, le) && ft_keep(p, (unsigned)f, sc, r2)) break;
            }
            /* fixtures: runs beside " v " between delimiters */
            for (size_t q = ls; q + 3 <= le; q++) {
                if (tx[q] != ' ' || tx[q + 1] != 'v' || (q + 2 < le && tx[q + 2] != ' ')) continue;
                /* the run before: back over up to four capitalised words */
                size_t a0 = q, c = q;
                for (int nw = 0; nw < 4; nw++) {
                    size_t ws = c;
                    while (ws > ls && tx[ws - 1] != ' ') ws--;
                    if (ws == c || tw_word(tx, ws, c) != c) break;
                    a0 = ws;
                    if (ws == ls || ws < ls + 2) break;
                    c = ws - 1;
                }
                if (a0 < q) {
                    size_t d = a0;
                    while (d > ls && tx[d - 1] == ' ') d--;
                    int delim = d == ls || tx[d - 1] == ',' || tx[d - 1] == '.' || tx[d - 1] == ':' || tx[d - 1] == '-';
                    if (delim && tw_run(tx, a0, le) == q && ft_keep(p, (unsigned)f, a0, q))   /* (tw_add checks the label) */
                        break;
                }
                size_t b0 = q + 3;
                if (b0 < le) {
                    size_t b = tw_run(tx, b0, le);
                    size_t d = b;
                    while (d < le && tx[d] == ' ') d++;
                    if (b > b0 && (d == le || tx[d] == ',' || tx[d] == '.' || tx[d] == ';') && ft_keep(p, (unsigned)f, b0, b))
                        break;
                }
            }
            ls = next;
        }
    }
    return NULL;
}

static int free_teams(ng_tagger *t, tnames *tn, twidx *ns, const char *const *texts, const size_t *lens,
                      size_t nfields, int *teamsp) {
    size_t total = 0;
    for (size_t f = 0; f < nfields; f++) total += lens[f];
    /* (a part per 64 KB of text at least) */
    unsigned np = nparts(t, total >> 2);
    ftpart p[PARTS_MAX];
    for (unsigned k = 0; k < np; k++) p[k] = (ftpart){texts, lens, nfields, k, np, 1, 0, NULL, 0, 0, NG_OK};
    /* evidence: a place made a team, or a result line */
    int teams = *teamsp;
    if (!teams) {
        run_parts(ft_look, p, sizeof *p, np);
        for (unsigned k = 0; k < np; k++) teams |= p[k].found;
    }
    if (!teams) return NG_OK;
    *teamsp = 1;
    for (unsigned k = 0; k < np; k++) p[k].evidence = 0;
    run_parts(ft_look, p, sizeof *p, np);
    /* the runs in article order: field by field, the parts' slices in order */
    int rc = NG_OK;
    size_t at[PARTS_MAX] = {0};
    for (size_t f = 0; f < nfields && !rc; f++)
        for (unsigned k = 0; k < np && !rc; k++) {
            if (p[k].rc) { rc = p[k].rc; break; }
            for (; at[k] < p[k].nr && p[k].r[at[k]].field == f && !rc; at[k]++)
                rc = tw_add(t, tn, ns, (unsigned)f, texts[f], p[k].r[at[k]].a, p[k].r[at[k]].b);
        }
    for (unsigned k = 0; k < np; k++) free(p[k].r);
    return rc;
}

/* Rule T, a team by its city and nickname: a place the dictionary knows
 * right before one or two capitalised words that no span touches, the last
 * a plural ("Seattle Mariners", "Toronto Blue Jays", "Chicago White Sox",
 * "Sydney Bulldogs") or a club's suffix (United, Rovers, Wanderers,
 * Athletic, Albion: "Bristol Rovers", "Dundee United"), no capitalised word
 * after them, is one team: `team:` + the folded words. Not plurals that
 * name places, events or peoples (Islands, Heights, Falls, Games,
 * Olympics, Talks, Serbs ...). */
static int tw_nickname(const char *t, size_t a, size_t b) {
    static const char *const club[] = {"united", "rovers", "wanderers", "athletic", "albion", "sox", NULL};
    static const char *const no[] = {
        "islands", "isles", "heights", "hills", "springs", "falls", "mountains", "plains", "lakes", "keys",
        "states", "alps", "highlands", "lowlands", "fields", "gardens", "woods", "sands", "rocks", "downs",
        "olympics", "paralympics", "games", "championships", "talks", "accords", "agreements", "trials",
        "finals", "series", "nationals", "masters", "classics", "elections", "times", "news", "airlines",
        "airways", "shares", "stocks", "bonds", "futures", "treasuries", "markets", "exchanges", "prices",
        "serbs", "croats", "moslems", "muslims", "kurds", "arabs", "jews", "palestinians", "christians",
        "shiites", "sunnis", "tamils", "sikhs", "hindus", "catholics", "protestants", "americans",
        "residents", "officials", "police", "forces", "troops", "rebels", "authorities", "days", "years",
        "weeks", "months", "hours", "minutes", "points", "runs", "goals", "wins", "is", "has", "was", "as",
        "straits", "pines", "opens", "names", "posts", "averages", "mills", "denoms", "notes", "bills",
        "jones", "brothers", "sons", "partners", "associates", "holdings", "industries", "systems",
        "us", "this", "its", "his", NULL};
    size_t n = b - a;
    char f[16];
    if (n < 3 || n >= sizeof f) return 0;
    int lower = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = t[a + i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))) return 0;
        lower |= ch >= 'a';
        f[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    f[n] = 0;
    if (!lower) return 0;   /* a headline in capitals */
    for (size_t i = 0; club[i]; i++)
        if (!strcmp(f, club[i])) return 1;
    /* a plural: -s, not -ss, -us, -is, -os */
    if (n < 4 || f[n - 1] != 's' || f[n - 2] == 's' || f[n - 2] == 'u' || f[n - 2] == 'i' || f[n - 2] == 'o') return 0;
    for (size_t i = 0; no[i]; i++)
        if (!strcmp(f, no[i])) return 0;
    return 1;
}

/* The first word of a two-word nickname (Blue Jays, Red Sox, Maple Leafs). */
static int tw_colour(const char *t, size_t a, size_t b) {
    static const char *const w[] = {"Red", "White", "Blue", "Black", "Golden", "Silver", "Maple", "Trail",
                                    "Green", "Orange", NULL};
    for (size_t i = 0; w[i]; i++)
        if (strlen(w[i]) == b - a && !memcmp(t + a, w[i], b - a)) return 1;
    return 0;
}

/* Where the article pass looks for a name again that it found at byte 'at'
 * of field f0: in field f, [*p, *len): from 'before' bytes before it to
 * 32 KB after it in f0, the first 32 KB of the other fields (a story names
 * its own teams, companies and places; a file of many stories glued into
 * one article does not make the searches quadratic). */
static void article_window(size_t f, size_t f0, size_t at, size_t before, const size_t *lens, size_t *p, size_t *len) {
    *p = 0;
    *len = lens[f];
    if (f == f0) {
        *p = at > before ? at - before : 0;
        if (*len - at > 32768) *len = at + 32768;
    } else if (*len > 32768)
        *len = 32768;
}

/* May byte ch stand next to a whole word (no ASCII letter or digit, no
 * hyphen, no byte of a non-ASCII character)? */
static int word_edge(unsigned char ch) { return ch < 0x80 && !ascii_alnum((char)ch) && ch != '-'; }

/* The nickname alone names the team too, in the article the team is named
 * in ("the Orioles", "Orioles manager"): every occurrence of the words
 * [a, b) of field f, whole words that no span touches, in the article's
 * 32 KB after the full name (1 KB before it: headlines), is that team. */
static int nickname_alone(mstate *m, twidx *ns, const char *const *texts, const size_t *lens, size_t nfields,
                          unsigned f0, size_t a0, size_t b0, const char *id, const char *name) {
    const char *w = texts[f0] + a0;
    size_t wl = b0 - a0;
    for (size_t f = 0; f < nfields; f++) {
        const char *tx = texts[f];
        size_t len, p;
        article_window(f, f0, a0, 1024, lens, &p, &len);
        while (p + wl <= len) {
            const char *h = memmem(tx + p, len - p, w, wl);
            if (!h) break;
            size_t a = (size_t)(h - tx), b = a + wl;
            p = b;
            unsigned char pc = a ? (unsigned char)tx[a - 1] : ' ', nc = b < lens[f] ? (unsigned char)tx[b] : ' ';
            if (!word_edge(pc) || !word_edge(nc)) continue;
            /* not inside a longer name: no capitalised word right before
             * ("Seattle Mariners", another full mention) or after it
             * ("Mariners Stadium") */
            if (a >= 2 && tx[a - 1] == ' ') {
                size_t q = a - 1;
                while (q > 0 && tx[q - 1] != ' ' && tx[q - 1] != '\n') q--;
                if (tx[q] >= 'A' && tx[q] <= 'Z' && !tw_label(tx, q, a - 1)) continue;   /* (not "The") */
            }
            if (b + 2 < lens[f] && tx[b] == ' ' && tx[b + 1] >= 'A' && tx[b + 1] <= 'Z') continue;
            if (tw_taken(m, ns, (unsigned)f, a, b)) continue;
            if (!ngn_push_span(m, a, b, (unsigned)f, id, "ORG", name, NG_MATCH_PARTIAL, NG_RULE_NONE)) return NG_E_NOMEM;
        }
    }
    return NG_OK;
}

/* A part of place_teams' look at the spans [from, to): the places followed
 * by a nickname (k, and the nickname's end). */
typedef struct ptk { size_t k, end; } ptk;
typedef struct ptpart {
    const mstate *m;
    const char *const *texts;
    const size_t *lens;
    size_t nfields, from, to;
    ptk *c; size_t nc, cap;
    int rc;
} ptpart;

static void *pt_look(void *arg) {
    ptpart *p = arg;
    const mstate *m = p->m;
    for (size_t k = p->from; k < p->to; k++) {
        prefetch_text(m, p->texts, p->nfields, k, 1);
        const span *s = &m->spans[k];
        if (s->field >= p->nfields || (s->flags & (NG_MATCH_OVERLAP | SPAN_CLUB))) continue;
        const char *tx = p->texts[s->field];
        size_t len = p->lens[s->field], e = s->end;
        if (e + 4 > len || tx[e] != ' ' || tx[e + 1] < 'A' || tx[e + 1] > 'Z') continue;
        const char *ty = m->cands[s->cand].c.type;
        if (ty[0] != 'L' || strcmp(ty, "LOC")) continue;
        /* one or two capitalised words, the last a nickname */
        size_t w1 = tw_word(tx, e + 1, len), end = 0;
        if (w1 == e + 1) continue;
        if (tw_nickname(tx, e + 1, w1)) end = w1;
        if (w1 + 2 < len && tx[w1] == ' ') {
            size_t w2 = tw_word(tx, w1 + 1, len);
            if (w2 > w1 + 1) {
                if (tw_nickname(tx, w1 + 1, w2) && tw_colour(tx, e + 1, w1)) end = w2;
                else if (end) end = 0;   /* a capitalised word after: a longer name */
            }
        }
        if (!end) continue;
        if (end + 2 < len && tx[end] == ' ' && tx[end + 1] >= 'A' && tx[end + 1] <= 'Z') continue;
        if (ng_grow((void **)&p->c, &p->cap, p->nc + 1, sizeof *p->c)) { p->rc = NG_E_NOMEM; break; }
        p->c[p->nc++] = (ptk){k, end};
    }
    return NULL;
}

/* (the spans it adds are no places: it looks at those there before it) */
static int place_teams(ng_tagger *t, tnames *tn, twidx *ns, const char *const *texts, const size_t *lens,
                       size_t nfields, int partial) {
    mstate *m = &t->m;
    size_t nk = 0, n = m->nspans;
    unsigned np = nparts(t, n);
    ptpart p[PARTS_MAX];
    for (unsigned i = 0; i < np; i++) p[i] = (ptpart){m, texts, lens, nfields, n * i / np, n * (i + 1) / np, NULL, 0, 0, NG_OK};
    run_parts(pt_look, p, sizeof *p, np);
    int rc = NG_OK;
    for (unsigned i = 0; i < np; i++) {
        if (!rc) rc = p[i].rc;
        for (size_t q = 0; q < p[i].nc && !rc; q++) {
            size_t k = p[i].c[q].k, end = p[i].c[q].end;
            span *s = &m->spans[k];
            const char *tx = texts[s->field];
            size_t e = s->end;
            if (tw_taken(m, ns, s->field, e, end)) continue;
            const char *sid = club_id(tn, tx + s->start, end - s->start);
            if (sid && !*sid) continue;
            const char *snm = sid ? ngn_arena_put(&tn->ar, tx + s->start, end - s->start) : NULL;
            if (!snm) { rc = NG_E_NOMEM; break; }
            rc = prepend_cand(m, s, sid, "ORG", snm);
            if (rc) break;
            tw_grow(ns, m, k, end);
            s->end = end;
            s->flags |= SPAN_FIXED | NG_MATCH_RULE;
            s->rule = NG_RULE_TEAM;
            /* (with partial names: at most 16 teams an article) */
            if (partial && nk++ < 16) rc = nickname_alone(m, ns, texts, lens, nfields, s->field, e + 1, end, sid, snm);
        }
        free(p[i].c);
    }
    return rc;
}

/* Rule T, a dictionary's team by its nickname alone: in a sports article,
 * an organisation the dictionary names in two to four words, the last a
 * nickname of tw_nickname ("Detroit Tigers", "Atlanta Braves"), names
 * the team by that word alone in the article too ("The Tigers won"), as
 * nickname_alone does after a city + nickname rule T found (at most 16
 * teams an article). */
static int dict_nicknames(ng_tagger *t, twidx *ns, const char *const *texts, const size_t *lens, size_t nfields) {
    mstate *m = &t->m;
    size_t n = 0;
    for (size_t k = 0; k < ns->ns && n < 16; k++) {
        const span *s = &m->spans[k];
        if (s->field >= nfields || (s->flags & (NG_MATCH_OVERLAP | NG_MATCH_RULE | NG_MATCH_PARTIAL)) ||
            s->end > lens[s->field])
            continue;
        const cand *c0 = &m->cands[s->cand];
        if (c0->c.type[0] != 'O' || strcmp(c0->c.type, "ORG")) continue;
        const char *tx = texts[s->field];
        size_t a = s->end, words = 1;
        while (a > s->start && tx[a - 1] != ' ') a--;
        if (a <= s->start + 1) continue;
        for (size_t i = s->start; i < a; i++) words += tx[i] == ' ';
        if (words < 2 || words > 4 || !tw_nickname(tx, a, s->end)) continue;
        n++;
        const char *id = c0->c.id, *name = c0->c.name;
        int rc = nickname_alone(m, ns, texts, lens, nfields, s->field, a, s->end, id, name);
        if (rc) return rc;
    }
    return NG_OK;
}

static int club_word(const tnames *tn, const char *tx, size_t a, size_t b);

/* Rule T, a club's name around its city in a sports article's prose: an
 * acronym right before the place ("AEK Larnaca", "IFK Gothenburg", "RAF
 * Riga", "F.C. Valletta": two to four capitals, or capitals with dots) or
 * City / Town / County right after it ("Bristol City", "Ipswich Town",
 * "Derby County") makes one team, team: + the folded words. Not a place
 * in capitals (a headline: "PSV BEAT GRONINGEN"), not after another
 * capitalised word ("Roda JC Kerkrade"), nor before one, nor words a span
 * touches; never a nation. */
static int club_prose(ng_tagger *t, tnames *tn, twidx *ns, const char *const *texts, const size_t *lens,
                      size_t nfields) {
    mstate *m = &t->m;
    tsnat nat = {{0}, {0}, 0};
    for (size_t k = 0; k < ns->ns; k++) {
        span *s = &m->spans[k];
        if ((s->flags & (NG_MATCH_OVERLAP | SPAN_FIXED | SPAN_CLUB)) || s->field >= nfields || s->end > lens[s->field])
            continue;
        const cand *c0 = &m->cands[s->cand];
        if (c0->c.type[0] != 'L' || strcmp(c0->c.type, "LOC")) continue;
        const char *tx = texts[s->field];
        size_t len = lens[s->field], a = s->start, b = s->end;
        /* (cheap tests first: a word of the club's beside it) */
        int near = (b + 5 < len && tx[b] == ' ' && (tx[b + 1] == 'C' || tx[b + 1] == 'T')) ||
                   (a >= 3 && tx[a - 1] == ' ' && (tx[a - 2] | 0x20) >= 'a' && (tx[a - 2] | 0x20) <= 'z') ||
                   (a >= 3 && tx[a - 1] == ' ' && tx[a - 2] == '.');
        if (!near || ts_nation_memo(t, c0, &nat)) continue;
        int lower = 0;
        for (size_t i = a; i < b; i++) lower |= tx[i] >= 'a' && tx[i] <= 'z';
        if (!lower) continue;
        /* City / Town / County after it, no capitalised word after them */
        if (b + 5 < len && tx[b] == ' ') {
            size_t w = tw_word(tx, b + 1, len);
            static const char *const suf[] = {"City", "Town", "County", NULL};
            if (w > b + 1 && sn_is(tx, b + 1, w, suf) &&
                !(w + 2 < len && tx[w] == ' ' && tx[w + 1] >= 'A' && tx[w + 1] <= 'Z') &&
                !tw_taken(m, ns, s->field, b, w))
                b = w;
        }
        /* an acronym before it, no capitalised word before that */
        if (b == s->end && a >= 3 && tx[a - 1] == ' ') {
            size_t ws = a - 1;
            while (ws > 0 && tx[ws - 1] != ' ' && tx[ws - 1] != '\n') ws--;
            size_t n = a - 1 - ws, caps = 0, other = 0;
            for (size_t i = ws; i < a - 1; i++) {
                if (tx[i] >= 'A' && tx[i] <= 'Z') caps++;
                else if (tx[i] != '.') other = 1;
            }
            int acr = !other && caps >= 2 && caps <= 4 && n <= 8;
            int before_cap = 0;
            if (ws >= 2 && tx[ws - 1] == ' ') {
                size_t p = ws - 1;
                while (p > 0 && tx[p - 1] != ' ' && tx[p - 1] != '\n') p--;
                before_cap = tx[p] >= 'A' && tx[p] <= 'Z' && !tw_label(tx, p, ws - 1);
            }
            if (acr && !before_cap && !tw_label(tx, ws, a - 1) && !tw_taken(m, ns, s->field, ws, a - 1)) a = ws;
            else if (!acr && !before_cap && club_word(tn, tx, ws, a - 1) && !tw_taken(m, ns, s->field, ws, a - 1))
                a = ws;
        }
        if (a == s->start && b == s->end) continue;
        if (b + 1 < len && tx[b] == ' ' && tx[b + 1] >= 'A' && tx[b + 1] <= 'Z') continue;
        const char *sid = club_id(tn, tx + a, b - a);
        if (sid && !*sid) continue;
        const char *snm = sid ? ngn_arena_put(&tn->ar, tx + a, b - a) : NULL;
        if (!snm) return NG_E_NOMEM;
        int rc = prepend_cand(m, s, sid, "ORG", snm);
        if (rc) return rc;
        s->start = a;
        s->end = b;
        s->flags |= SPAN_FIXED | SPAN_CLUB | NG_MATCH_RULE;
        s->rule = NG_RULE_TEAM;
    }
    return NG_OK;
}

/* ## A company by its short name (with partial names on)
 *
 * News name a company in full once, with its legal form ("Brush Wellman
 * Inc", "Niugini Mining Ltd", "Royal Oak Mines Inc"), then by its name
 * alone ("Brush Wellman", "Niugini Mining", "Niugini", "Royal Oak"). An
 * organisation span (dictionary or rule) whose last words are legal forms
 * gives its core: the words before the legal forms less up to two trailing
 * words of an industry (Mining, Mines, Petroleum, Holdings, Group ...),
 * at least one word. Every free occurrence of the core in the article
 * (whole words, no span touching it, no capitalised word after it) is that
 * organisation, extended over the full name's further words as written
 * ("Niugini Mining" before "shares"). A one-word core is never a function
 * word, a label of rule T, a common adjective of company names (General,
 * National, Royal, Southern ...) or a people's adjective (-an, -ese, -ish).
 * A core that starts with a title names a title and its holder, not the
 * company ("Miss Universe Inc" ... "Miss Universe" won): none. */
static int sn_is(const char *t, size_t a, size_t b, const char *const *w) {
    for (size_t i = 0; w[i]; i++)
        if (strlen(w[i]) == b - a && !memcmp(t + a, w[i], b - a)) return 1;
    return 0;
}

static const char *const sn_legal[] = {
    "Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "Co", "Co.", "Plc", "PLC", "plc", "AG", "SA", "NV", "N.V.",
    "S.A.", "Bhd", "GmbH", "SpA", "AB", "ASA", "Limited", "LLC", "Cos", "Corporation", "Incorporated", "Oyj",
    "A/S", "Pty", "Pte", "KK", "Tbk", NULL};
static const char *const sn_trade[] = {
    "Mining", "Mines", "Petroleum", "Petroleums", "Gold", "Resources", "Oil", "Energy", "Steel", "Motor",
    "Motors", "Holdings", "Group", "Industries", "International", "Company", "Systems", "Technologies",
    "Technology", "Communications", "Electronics", "Financial", "Securities", "Bancorp", "Airlines",
    "Pharmaceuticals", "Foods", "Chemical", "Chemicals", "Enterprises", "Investments", "Investment",
    "Properties", "Exploration", "Minerals", "Insurance", "Telecom", "Software", "Products", "Brands", NULL};
static const char *const sn_common[] = {
    "The", "A", "An", "In", "On", "At", "For", "Of", "And", "New", "National", "General", "American", "First",
    "United", "International", "Home", "Royal", "Southern", "Northern", "Eastern", "Western", "Central",
    "Great", "Global", "World", "Pacific", "Atlantic", "Standard", "Union", "Federal", "Security", "Advanced",
    "Continental", "Consolidated", "Allied", "Associated", "Universal", "Imperial", "Capital", "Trust",
    "Commercial", "Industrial", "Public", "Private", "State", "City", "County", "Bank", "Banco", "Credit",
    "Mutual", "Life", "Western", "Anglo", "Euro", "Asia", "Africa", "China", "Japan", "Korea", "India",
    "Canada", "Australia", "Hong", "Singapore", "Shanghai", "Beijing", "Tokyo", "London", "Paris", "Texas",
    "California", "Florida", "Chase", "News", "Weather", "Energy", "Oil", "Gold", "Steel", "Air", "Sun",
    "Star", "Stock", "Investors", "Mr", "Mrs", "Dr", NULL};

static const char *const sn_title[] = {"Miss", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Mister", NULL};

/* A word that may be a club's own before its city ("Widzew Lodz", "Levski
 * Sofia", "Vitesse Arnhem"): capitalised Latin letters, then lower-case
 * ones (3 to 14), no label, function word, month or day (tw_label), no word
 * company names share (sn_common: New, Royal, City ...), no title, no
 * given name of the lists ("Peter Rotterdam"), no people's adjective
 * (-an, -ese, -ish: "Polish Warsaw"), no -ing or -ly word ("Facing
 * Yorkshire"). */
static int club_word(const tnames *tn, const char *tx, size_t a, size_t b) {
    size_t n = b - a;
    if (n < 3 || n > 14 || tx[a] < 'A' || tx[a] > 'Z') return 0;
    char f[16];
    f[0] = (char)(tx[a] | 0x20);
    for (size_t i = a + 1; i < b; i++) {
        if (tx[i] < 'a' || tx[i] > 'z') return 0;
        f[i - a] = tx[i];
    }
    if (tw_label(tx, a, b) || sn_is(tx, a, b, sn_common) || sn_is(tx, a, b, sn_title)) return 0;
    if ((n > 3 && ends_with(tx + a, n, "an", 2)) || ends_with(tx + a, n, "ese", 3) || ends_with(tx + a, n, "ish", 3) ||
        ends_with(tx + a, n, "ing", 3) || ends_with(tx + a, n, "ly", 2))
        return 0;
    const gform *g[1];
    return !(tn->nl && ngn_nl_lookup(tn->nl, ng_hash(f, n), f, n, g, 1));
}

typedef struct snrec { size_t wa[8], we[8]; size_t nw, core, full; const span *s; unsigned field; } snrec;

static int company_short(ng_tagger *t, twidx *ns, const char *const *texts, const size_t *lens, size_t nfields) {
    mstate *m = &t->m;
    snrec r[16];
    size_t nr = 0;
    for (size_t k = 0; k < m->nspans && nr < 16; k++) {
        const span *s = &m->spans[k];
        const char *ty = m->cands[s->cand].c.type;
        if (ty[0] != 'O' || strcmp(ty, "ORG") || s->field >= nfields || (s->flags & NG_MATCH_OVERLAP)) continue;
        const char *tx = texts[s->field];
        /* its last word a legal form (cheap test first) */
        size_t le = s->end, lb = le;
        while (lb > s->start && tx[lb - 1] != ' ') lb--;
        if (lb == s->start || !sn_is(tx, lb, le, sn_legal)) continue;
        snrec *x = &r[nr];
        x->nw = 0;
        for (size_t p = s->start; p < s->end && x->nw < 8;) {
            size_t q = p;
            while (q < s->end && tx[q] != ' ') q++;
            x->wa[x->nw] = p;
            x->we[x->nw++] = q;
            p = q + 1;
        }
        if (x->we[x->nw - 1] != s->end) continue;
        size_t j = x->nw;
        while (j > 1 && sn_is(tx, x->wa[j - 1], x->we[j - 1], sn_legal)) j--;
        size_t c = j;
        while (c > 1 && j - c < 2 && sn_is(tx, x->wa[c - 1], x->we[c - 1], sn_trade)) c--;
        if (j == x->nw || tx[x->wa[0]] < 'A' || tx[x->wa[0]] > 'Z' || sn_is(tx, x->wa[0], x->we[0], sn_title)) continue;
        if (c == 1) {
            size_t a = x->wa[0], b = x->we[0], n = b - a;
            if (n < 3 || sn_is(tx, a, b, sn_common) || tw_label(tx, a, b)) continue;
            if ((n > 3 && ends_with(tx + a, n, "an", 2)) || ends_with(tx + a, n, "ese", 3) ||
                ends_with(tx + a, n, "ish", 3))
                continue;
        }
        x->core = c;
        x->full = j;
        x->s = s;
        x->field = s->field;
        int dup = 0;
        for (size_t i = 0; i < nr && !dup; i++) {
            const snrec *y = &r[i];
            dup = y->we[y->core - 1] - y->wa[0] == x->we[c - 1] - x->wa[0] &&
                  !memcmp(texts[y->field] + y->wa[0], tx + x->wa[0], x->we[c - 1] - x->wa[0]);
        }
        if (!dup) nr++;
    }
    size_t n0 = m->nspans;
    for (size_t i = 0; i < nr; i++) {
        const snrec *x = &r[i];
        const char *src = texts[x->field];
        size_t cl = x->we[x->core - 1] - x->wa[0];
        const ng_candidate cd = m->cands[x->s->cand].c;   /* (m->cands may move) */
        for (size_t f = 0; f < nfields; f++) {
            /* (from 1 KB before the full name: headlines) */
            const char *tx = texts[f];
            size_t len, p;
            article_window(f, x->field, x->wa[0], 1024, lens, &p, &len);
            for (; p + cl <= len;) {
                const char *h = memmem(tx + p, len - p, src + x->wa[0], cl);
                if (!h) break;
                size_t a = (size_t)(h - tx), b = a + cl;
                p = b;
                if (a && !word_edge((unsigned char)tx[a - 1])) continue;
                /* the full name's further words as written */
                for (size_t w = x->core; w < x->full; w++) {
                    size_t wl = x->we[w] - x->wa[w];
                    if (b + 1 + wl <= len && tx[b] == ' ' && !memcmp(tx + b + 1, src + x->wa[w], wl)) b += 1 + wl;
                    else break;
                }
                if (b < len && !word_edge((unsigned char)tx[b])) continue;
                if (b + 2 < len && tx[b] == ' ' && tx[b + 1] >= 'A' && tx[b + 1] <= 'Z') continue;
                if (tw_taken(m, ns, (unsigned)f, a, b)) continue;
                if (!ngn_push_span(m, a, b, (unsigned)f, cd.id, cd.type, cd.name, NG_MATCH_PARTIAL, NG_RULE_NONE))
                    return NG_E_NOMEM;
            }
        }
    }
    (void)n0;
    return NG_OK;
}

/* The place a dateline names that no dictionary knows (rule T,
 * names_org.c: "TAVILDARA , Tajikistan 1996-08-30" is Tavildara) is that
 * place where the story names it again in title case ("took Tavildara",
 * "Tavildara is a town"), as a word of its own that no span touches; a
 * name of two words or more, or of one that is no given name of the lists:
 * in its field from the dateline to 32 KB after it, and in the other
 * fields up to 32 KB; the first 16 datelines of the article only (a story
 * has one; texts of many stories glued into one article do not make the
 * pass quadratic). */
static int dateline_mentions(ng_tagger *t, twidx *ns, const char *const *texts, const size_t *lens, size_t nfields) {
    mstate *m = &t->m;
    const tnames *tn = t->names;
    unsigned seen = 0;
    for (size_t k = 0, n0 = m->nspans; k < n0 && seen < 16; k++) {
        const span *s = &m->spans[k];
        if (s->rule != NG_RULE_PLACE_DATELINE || !s->ncand || (s->flags & NG_MATCH_OVERLAP)) continue;
        const ng_candidate cd = m->cands[s->cand].c;   /* (m->cands may move) */
        if (strncmp(cd.id, "loc:", 4)) continue;   /* (the dictionary finds its own places) */
        seen++;
        unsigned sfield = s->field;
        size_t sstart = s->start;
        size_t cl = strlen(cd.name);
        if (cl < 3) continue;
        if (!memchr(cd.name, ' ', cl) && tn && tn->nl) {
            size_t fl = 0;
            char *f = ng_fold(cd.name, cl, &fl);
            if (!f) return NG_E_NOMEM;
            const gform *g[1];
            int given = ngn_nl_lookup(tn->nl, ng_hash(f, fl), f, fl, g, 1) > 0;
            free(f);
            if (given) continue;
        }
        for (size_t fd = 0; fd < nfields; fd++) {
            const char *tx = texts[fd];
            size_t len, p;
            article_window(fd, sfield, sstart, 0, lens, &p, &len);
            for (; p + cl <= len;) {
                const char *h = memmem(tx + p, len - p, cd.name, cl);
                if (!h) break;
                size_t a = (size_t)(h - tx), b = a + cl;
                p = b;
                unsigned char pc = a ? (unsigned char)tx[a - 1] : ' ', nc = b < len ? (unsigned char)tx[b] : ' ';
                if (!word_edge(pc) || !word_edge(nc)) continue;
                if (tw_taken(m, ns, (unsigned)fd, a, b)) continue;
                if (!ngn_push_span(m, a, b, (unsigned)fd, cd.id, cd.type, cd.name, NG_MATCH_PARTIAL, NG_RULE_NONE))
                    return NG_E_NOMEM;
            }
        }
    }
    return NG_OK;
}

/* The start of the capitalised word joined by a hyphen right before byte
 * 'at' ("Smith-" of Smith-Jones, "Римського-" of Римського-Корсакова), or
 * 'at' if none. The chunk pass notes only the last part of such a word
 * (the first is no name alone), and the person's key is the last part's,
 * so a partial mention must be widened here to cover the whole surname. */
static size_t hyphen_head(const char *text, size_t at) {
    if (at < 2 || text[at - 1] != '-') return at;
    size_t b = at - 1, first = at;
    while (b > 0) {
        size_t q = b - 1;
        while (q > 0 && ((unsigned char)text[q] & 0xC0) == 0x80) q--;
        int32_t cp = 0;
        if (ng_utf8_decode((const unsigned char *)text + q, b - q, &cp) != (int)(b - q)) break;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LL) break;
        first = q;
        b = q;
    }
    if (first == at) return at;
    int32_t cp = 0;
    if (ng_utf8_decode((const unsigned char *)text + first, at - 1 - first, &cp) <= 0 ||
        utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
        return at;
    return first;
}

/* The article's hash for lone_given (below). */
typedef struct dochash {
    const char *const *texts;
    const size_t *lens;
    size_t nfields;
    uint64_t h;
    int done;
} dochash;

/* A part of the free words' pass (resolve_free_notes): the notes of the
 * states [from, to), in article order. The first part's spans go to t->m as
 * one pass in order puts them; a later part's go to a state of its own
 * ('out') and its strings to an arena of its own, and are appended to t->m
 * after the parts before it (free_append), on the thread of the article
 * pass: the same spans, candidates and names in the same order. */
typedef struct fpart {
    ng_tagger *t;
    const tnames *tn;
    const char *const *texts;
    dochash *doc;            /* (computed already when parts run on threads) */
    int rules, surnames;
    unsigned from, to;
    mstate *out;             /* t->m, or the part's own state */
    arena *ar;               /* where its strings go */
    size_t *hy;              /* (a later part) pairs: index in out of a span that
                              * starts before its note (a hyphenated word's head),
                              * the note's start; see free_append */
    size_t nhy, hy_cap;
    int rc;
    const struct rep_tab *rep;   /* rule P's words (lone_repeated), or NULL */
} fpart;

/* Partial names: a capitalised word no dictionary matched (n: its field,
 * start and length) becomes the person (or organisation) it names. */
static int resolve_free(fpart *fp, const note *n, uint64_t key, uint64_t key2, unsigned cues, const char *text) {
    const tnames *tn = fp->tn;
    mstate *m = fp->out;
    const nref *p = NULL;
    if (cues & NF_UPPER) {
        /* an acronym: exact fold */
        size_t i = reg_slot(tn, key2);
        if (i != SIZE_MAX && tn->pseg[i].org) p = &tn->all[tn->pseg[i].org - 1];
        if (!p) {
            p = pick_person(tn, key, n, 1);  /* a surname in capitals (headlines) */
            if (p && p->n->kind != N_PER && p->n->kind != N_REF) p = NULL;
        }
    } else if (cues & NF_GIVEN) {
        /* a given name alone: the one person of the article with it; of
         * several, the nearest named before it (the first after it in a
         * headline), as for surnames (Cyrillic: English given names are
         * too often words) */
        p = only_person(tn, key2 ^ (1ull << 63));
        if (!p && !(cues & NF_LATIN)) {
            p = pick_person(tn, key2 ^ (1ull << 63), n, 1);
            if (p && p->n->kind != N_PER && p->n->kind != N_REF) p = NULL;
        }
        if (!p && (cues & NF_LATIN) && !(cues & NF_AFTER_NAME) && key) {
            /* a Latin word the given-name lists hold that no person of the
             * article has as given name: the surname of one of them
             * (Davey Johnson ... Johnson, Mark Prescott ... Prescott) */
            p = pick_person(tn, key, n, 1);
            if (p && p->n->kind == N_ORG) p = NULL;
        }
    } else if (!(cues & NF_AFTER_NAME)) {
        p = pick_person(tn, key, n, 1);
        if (p && p->n->kind == N_ORG) p = NULL;
        if (!p && key && (cues & NF_LATIN)) {
            /* the first word of a full name (Wang of Wang Zhizhen,
             * Jansher of Jansher Khan): one person only */
            p = only_person(tn, key ^ (1ull << 63));
        }
    }
    if (!p || (p->n->kind != N_ORG && gender_clash(fp->texts, n, p))) return NG_OK;
    size_t start = n->start;
    if (!(cues & NF_UPPER) && p->n->kind != N_ORG) {
        /* the last part of a hyphenated word: the whole of it is the
         * surname (Smith-Jones); of a person whose name has no hyphen, it
         * is someone else's (Smith-Jones is not Tom Jones) */
        start = hyphen_head(text, n->start);
        if (start != n->start && p->x->name && !strchr(p->x->name, '-')) return NG_OK;
        if (start != n->start && m != &fp->t->m) {
            /* (a later part: the spans before it are not all known yet) */
            if (ng_grow((void **)&fp->hy, &fp->hy_cap, fp->nhy + 2, sizeof *fp->hy)) return NG_E_NOMEM;
            fp->hy[fp->nhy++] = m->nspans;
            fp->hy[fp->nhy++] = n->start;
        }
        /* (a span on the first part stays: no overlap; a linear scan, as
         * this is rare) */
        for (size_t k = 0; k < m->nspans && start != n->start && m == &fp->t->m; k++)
            if (m->spans[k].field == n->field && m->spans[k].start < n->start && m->spans[k].end > start)
                start = n->start;
    }
    if (!ngn_push_span(m, start, n->start + n->len, n->field, p->x->id, p->x->type, p->x->name, NG_MATCH_PARTIAL,
                       NG_RULE_NONE))
        return NG_E_NOMEM;
    return NG_OK;
}

/* Is the text before byte 'at' the Ukrainian "ім." (with or without a
 * space before the dot) or "імені" after a word that is no adjective
 * ("Театру імені", "школи імені"; not "свого чесного імені")? A person
 * named there is part of a name (премії ім. І. Франка, парку ім. Т. Г.
 * Шевченка, К-ПНУ ім. Івана Огієнка), not a person of the article, as
 * Ukrainian news annotate it (Russian ones annotate the person inside the
 * name too: "театра имени Станиславского"). */
static int named_after_before(const char *text, size_t at) {
    size_t i = at;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) i--;
    if (i > 0 && text[i - 1] == '.') {
        i--;
        while (i > 0 && text[i - 1] == ' ') i--;
        /* ім (4 bytes), a whole word */
        if (i < 4 || memcmp(text + i - 4, "ім", 4)) return 0;
        if (i > 4) {
            unsigned char p = (unsigned char)text[i - 5];
            if (p >= 0x80 || (p >= 'A' && p <= 'Z') || (p >= 'a' && p <= 'z')) return 0;
        }
        return 1;
    }
    if (i < 10 || memcmp(text + i - 10, "імені", 10)) return 0;
    size_t j = i - 10;
    if (j > 0 && (unsigned char)text[j - 1] >= 0x80) return 0;   /* (a longer word) */
    while (j > 0 && text[j - 1] == ' ') j--;
    /* the word before: no adjective's ending (-ого, -ому, -ої, -ий, -ій, -им) */
    static const char *const adj[] = {"ого", "ому", "ої", "ий", "ій", "им", NULL};
    for (size_t k = 0; adj[k]; k++) {
        size_t l = strlen(adj[k]);
        if (j >= l && !memcmp(text + j - l, adj[k], l)) return 0;
    }
    return j > 0;
}

/* The end of a regnal number right after byte 'at' of 'text' (a space,
 * then I to XX in Latin capitals, or І, ІІ, ІІІ in Cyrillic ones, then no
 * letter, digit or hyphen; a Cyrillic І not before a capitalised word,
 * where it is the conjunction "і" in capitals: Петро І Павло), else 0. */
static size_t regnal_end(const char *text, size_t len, size_t at) {
    if (at + 2 > len || text[at] != ' ') return 0;
    size_t i = at + 1, n = 0;
    int cyr = 0;
    while (i < len) {
        if (text[i] == 'I' || text[i] == 'V' || text[i] == 'X') { i++; n++; continue; }
        if (i + 1 < len && !memcmp(text + i, "\xd0\x86", 2)) { i += 2; n++; cyr = 1; continue; }   /* І */
        break;
    }
    if (!n || n > 5) return 0;
    if (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') return 0;
    }
    if (cyr) {
        /* Cyrillic І only (ІІ, ІІІ, or І not before a capitalised word) */
        for (size_t k = at + 1; k < i; k++)
            if (text[k] == 'I' || text[k] == 'V' || text[k] == 'X') return 0;
        size_t k = i;
        while (k < len && text[k] == ' ') k++;
        if (n == 1 && k < len && k > i && (unsigned char)text[k] >= 0xD0 && (unsigned char)text[k] <= 0xD4) {
            int32_t cp = 0;
            if (ng_utf8_decode((const unsigned char *)text + k, len - k, &cp) > 0 && utf8proc_isupper(cp)) return 0;
        }
    }
    return i;
}

/* The regnal number after span k, or 0 (regnal_numbers). */
static size_t regnal_after(const mstate *m, size_t k, const char *const *texts, const size_t *lens) {
    const span *s = &m->spans[k];
    /* (the text first: the span's candidates are cold in a big article) */
    const char *text = texts[s->field];
    if (s->end < 2 || (unsigned char)text[s->end - 2] < 0xD0 || (unsigned char)text[s->end - 2] > 0xD4) return 0;
    size_t e = regnal_end(text, lens[s->field], s->end);
    if (!e || (s->flags & NG_MATCH_OVERLAP) || ngn_span_types(m, k) != 1u) return 0;
    return e;
}

/* A span's place in the index of regnal_numbers. */
typedef struct skey { unsigned field; size_t start, q; } skey;
static int cmp_skey(const void *x, const void *y) {
    const skey *a = x, *b = y;
    if (a->field != b->field) return a->field < b->field ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->q < b->q ? -1 : a->q > b->q;
}

/* Rule R2 (with the person rules): a Cyrillic person's span right before a
 * regnal number takes it: "Казимир III", "Франц Йосиф І", "Катерини II";
 * not into another span (one that starts before the number's end and ends
 * after the person's). Such another span starts less than the longest
 * span's length before the person's end: those are found by bisection in
 * an index of the spans by start (looking at every span for every number
 * was quadratic: 13 MB of "Казимир III" took 42 s). Returns 0 or
 * NG_E_NOMEM. */
/* A part of a look at the spans [from, to) for a span that regnal_after
 * or drop_named_after wants (the first, or all of them). */
typedef struct skpart {
    const mstate *m;
    const char *const *texts;
    const size_t *lens;
    size_t nfields, from, to;
    int all;
    size_t *k; size_t nk, cap;
    int rc;
} skpart;

static void *regnal_look(void *arg) {
    skpart *p = arg;
    size_t k = p->from;
    while (k < p->to && !regnal_after(p->m, k, p->texts, p->lens)) {
        prefetch_text(p->m, p->texts, p->nfields, k, 1);
        k++;
    }
    p->nk = k;   /* (the first, or 'to') */
    return NULL;
}

static int regnal_numbers(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    mstate *m = &t->m;
    size_t n = m->nspans, k0 = n;
    unsigned np = nparts(t, n);
    skpart p[PARTS_MAX];
    for (unsigned i = 0; i < np; i++) p[i] = (skpart){m, texts, lens, nfields, n * i / np, n * (i + 1) / np, 0, NULL, 0, 0, NG_OK};
    run_parts(regnal_look, p, sizeof *p, np);
    for (unsigned i = 0; i < np && k0 == n; i++)
        if (p[i].nk < p[i].to) k0 = p[i].nk;
    if (k0 == n) return NG_OK;   /* the usual case: no number */
    skey *ks = malloc(2 * n * sizeof *ks);   /* (and room to merge) */
    if (!ks) return NG_E_NOMEM;
    size_t maxlen = 0;
    for (size_t q = 0; q < n; q++) {
        ks[q] = (skey){m->spans[q].field, m->spans[q].start, q};
        if (m->spans[q].end - m->spans[q].start > maxlen) maxlen = m->spans[q].end - m->spans[q].start;
    }
    /* the spans are mostly in order already, and so are their keys: the
     * sorted prefix, the rest sorted, the two merged (keys are distinct) */
    size_t a = 1;
    while (a < n && cmp_skey(&ks[a - 1], &ks[a]) < 0) a++;
    if (a < n) {
        qsort(ks + a, n - a, sizeof *ks, cmp_skey);
        skey *o = ks + n;
        size_t i = 0, j = a, w = 0;
        while (i < a && j < n) o[w++] = cmp_skey(&ks[i], &ks[j]) < 0 ? ks[i++] : ks[j++];
        while (i < a) o[w++] = ks[i++];
        while (j < n) o[w++] = ks[j++];
        memcpy(ks, o, n * sizeof *ks);
    }
    for (size_t k = k0; k < n; k++) {
        size_t e = regnal_after(m, k, texts, lens);
        if (!e) continue;
        span *s = &m->spans[k];
        /* the first span of the field starting after s->end - maxlen */
        size_t from = s->end >= maxlen ? s->end - maxlen + 1 : 0, lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ks[mid].field < s->field || (ks[mid].field == s->field && ks[mid].start < from)) lo = mid + 1;
            else hi = mid;
        }
        int taken = 0;
        for (size_t p = lo; p < n && !taken && ks[p].field == s->field && ks[p].start < e; p++)
            taken = ks[p].q != k && m->spans[ks[p].q].end > s->end;
        if (!taken) {
            s->end = e;
            if (e - s->start > maxlen) maxlen = e - s->start;
        }
    }
    free(ks);
    return NG_OK;
}

static int named_after_span(const mstate *m, size_t k, const char *const *texts, size_t nfields) {
    const span *s = &m->spans[k];
    /* (the text first: the span's candidates are cold in a big article) */
    return s->field < nfields && named_after_before(texts[s->field], s->start) && !(s->flags & NG_MATCH_OVERLAP) &&
           ngn_span_types(m, k) == 1u;
}

static void *named_after_look(void *arg) {
    skpart *p = arg;
    for (size_t k = p->from; k < p->to; k++) {
        prefetch_text(p->m, p->texts, p->nfields, k, 0);
        if (!named_after_span(p->m, k, p->texts, p->nfields)) continue;
        if (ng_grow((void **)&p->k, &p->cap, p->nk + 1, sizeof *p->k)) { p->rc = NG_E_NOMEM; break; }
        p->k[p->nk++] = k;
    }
    return NULL;
}

/* Context rule 8: drops the person spans named after in a name (above). */
static int drop_named_after(ng_tagger *t, const char *const *texts, size_t nfields) {
    mstate *m = &t->m;
    size_t n = m->nspans;
    unsigned np = nparts(t, n);
    skpart p[PARTS_MAX];
    for (unsigned i = 0; i < np; i++) p[i] = (skpart){m, texts, NULL, nfields, n * i / np, n * (i + 1) / np, 1, NULL, 0, 0, NG_OK};
    run_parts(named_after_look, p, sizeof *p, np);
    int rc = NG_OK;
    size_t w = 0, k = 0;
    for (unsigned i = 0; i < np; i++) {
        if (!rc) rc = p[i].rc;
        for (size_t q = 0; q < p[i].nk && !rc; q++) {
            /* (the spans up to the dropped one move down) */
            if (w < k) memmove(&m->spans[w], &m->spans[k], (p[i].k[q] - k) * sizeof *m->spans);
            w += p[i].k[q] - k;
            k = p[i].k[q] + 1;
        }
        free(p[i].k);
    }
    if (rc) return rc;
    if (w < k) {
        memmove(&m->spans[w], &m->spans[k], (n - k) * sizeof *m->spans);
        m->nspans = w + n - k;
    }
    return NG_OK;
}

/* Does a sentence start at byte 'at' of 'text' (after white space and
 * opening quotes or brackets: the text's start, a line break, . ! ? or …)? */
static int sentence_start(const char *text, size_t at) {
    size_t i = at;
    while (i > 0) {
        unsigned char ch = (unsigned char)text[i - 1];
        if (ch == ' ' || ch == '\t' || ch == '"' || ch == '(' || ch == '\'') { i--; continue; }
        if (ch == '\n' || ch == '\r' || ch == '.' || ch == '!' || ch == '?') return 1;
        /* « “ „ — – (2 or 3 bytes) and … */
        if (i >= 2 && (!memcmp(text + i - 2, "\xc2\xab", 2))) { i -= 2; continue; }
        if (i >= 3 && (!memcmp(text + i - 3, "\xe2\x80\x9c", 3) || !memcmp(text + i - 3, "\xe2\x80\x9e", 3) ||
                       !memcmp(text + i - 3, "\xe2\x80\x94", 3) || !memcmp(text + i - 3, "\xe2\x80\x93", 3))) {
            i -= 3;
            continue;
        }
        return i >= 3 && !memcmp(text + i - 3, "\xe2\x80\xa6", 3);
    }
    return 1;
}

/* A given name alone (Cyrillic, not a weak one) that names no person of
 * the article: a person of its own ("Андрій засміявся", "слова Ілії"),
 * NG_RULE_GIVEN_ALONE. Its id is per: + the name's key + "~" + 8 hex
 * digits of the article's hash: one Андрій per article, never one node for
 * every Андрій of a corpus. */
uint64_t ng_article_hash(const char *const *texts, const size_t *lens, size_t nfields, ng_hstate *st) {
    uint64_t h = 0;
    for (size_t f = 0; f < nfields; f++)
        if (lens[f]) h = h * 0x9E3779B97F4A7C15u ^ (st ? ng_hash_done(&st[f], texts[f], lens[f]) : ng_hash(texts[f], lens[f]));
    return h;
}

int ng_names_want_hash(const ng_tagger *t) {
    const tnames *tn = t->names;
    return !(t->flags & (NG_TAG_NO_RULES | NG_TAG_NO_PARTIAL)) && tn && tn->nl;
}

/* The article's hash (an empty title or none: the same), computed once, or
 * already while its chunks were matched (a big article's: pool.c). */
static uint64_t doc_hash(dochash *d) {
    if (!d->done) {
        d->h = ng_article_hash(d->texts, d->lens, d->nfields, NULL);
        d->done = 1;
    }
    return d->h;
}

/* Does an opening quote stand before byte a of t, past spaces and tabs
 * (" ' « “ „)? A word right after one starts a title or a name in quotes
 * (weak_beside, lone_surname). */
static int quote_before(const char *t, size_t a) {
    size_t i = a;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')) i--;
    if (i > 0 && (t[i - 1] == '"' || t[i - 1] == '\'')) return 1;
    if (i >= 2 && !memcmp(t + i - 2, "\xc2\xab", 2)) return 1;   /* « */
    return i >= 3 && (!memcmp(t + i - 3, "\xe2\x80\x9c", 3) || !memcmp(t + i - 3, "\xe2\x80\x9e", 3));   /* “ „ */
}

/* Weak given names (words too: роман, надія, лев) that name a person alone
 * when capitalised inside a sentence ("поруч із Романом", "сказала Надія"),
 * not first in one ("Роман абсолютно не орієнтувався" may be the word; the
 * person's surname or a cue decides there). Not those mostly other words
 * capitalised inside a sentence too, or whose case forms are: Мир (a
 * station), Слава (Слава Україні), Нова (Нова пошта), Олімпіада (the
 * Games), Рима (Rome's genitive), Свята (Свята Софія), Злата (Злата
 * Прага), Мая (Має: "has", in the realistic workload's text), Влада,
 * Лука, Лета, Флора, pronouns (Тим, Ким). */
static int weak_alone(const tnames *tn, const gname *gn) {
    static const char *const ok[] = {"роман", "надія", "віра", "любов", "лев", "мілана", "надежда",
                                     "вера", "любовь", "роза", "ангелина", "майя", "ян", NULL};
    const char *f = tn->nl->strs + gn->fold;
    for (size_t k = 0; ok[k]; k++)
        if (strlen(ok[k]) == gn->fold_len && !memcmp(ok[k], f, gn->fold_len)) return 1;
    return 0;
}

/* Is the word [a, b) of text t, a weak given name, right after an opening
 * quote (a title: "у фільмі “Любов і голуби”") or before a capitalised
 * word (its surname, whose rule did not take it: "шахматистки: Надежда
 * Косинцева")? Then it is no person alone. */
static int weak_beside(const char *t, size_t len, size_t a, size_t b) {
    if (quote_before(t, a)) return 1;
    size_t k = b;
    while (k < len && t[k] == ' ') k++;
    int32_t cp;
    return k < len && ng_utf8_decode((const unsigned char *)t + k, len - k, &cp) > 0 && utf8proc_isupper(cp);
}

static int lone_given(fpart *fp, const note *n) {
    const tnames *tn = fp->tn;
    const char *const *texts = fp->texts;
    size_t fl = 0;
    char *f = ng_fold(texts[n->field] + n->start, n->len, &fl);
    if (!f) return NG_E_NOMEM;
    /* (a nominative of one name wins over a case form of another: Уляна,
     * not the genitive of Улян) */
    const gform *g[4];
    size_t got = ngn_nl_lookup(tn->nl, ng_hash(f, fl), f, fl, g, 4);
    free(f);
    if (!got) return NG_OK;
    for (size_t q = 1; q < got && !g[0]->is_nom; q++)
        if (g[q]->is_nom) g[0] = g[q];
    const gname *gn = &tn->nl->names[g[0]->name];
    if (gn->weak && (!weak_alone(tn, gn) || sentence_start(texts[n->field], n->start) ||
                     weak_beside(texts[n->field], fp->doc->lens[n->field], n->start, n->start + n->len)))
        return NG_OK;
    /* the name is the nominative; the key is the one that nominative gives
     * (Аделю: Аделя, whose own lookup may find Адель first) */
    const gform *g2[4];
    size_t got2 = ngn_nl_lookup(tn->nl, ng_hash(tn->nl->strs + gn->fold, gn->fold_len), tn->nl->strs + gn->fold,
                                gn->fold_len, g2, 4);
    for (size_t q = 0; q < got2; q++)
        if (g2[q]->is_nom) { g2[0] = g2[q]; break; }
    if (got2) gn = &tn->nl->names[g2[0]->name];
    /* a case form first in its sentence is more often a word (Тому, Ніколи),
     * but a man's dative in -ові / -еві / -єві (Стефанові іноді здавалося,
     * Денисові не вдалося) */
    if (!g[0]->is_nom && sentence_start(texts[n->field], n->start)) {
        const char *w = texts[n->field] + n->start;
        size_t l = n->len;
        if (l < 10 || (memcmp(w + l - 6, "ові", 6) && memcmp(w + l - 6, "еві", 6) && memcmp(w + l - 6, "єві", 6)))
            return NG_OK;
    }
    size_t kl;
    const char *key = ngn_given_key(tn->nl, gn, &kl);
    char id[160];
    if (kl + 14 > sizeof id) return NG_OK;
    memcpy(id, "per:", 4);
    memcpy(id + 4, key, kl);
    uint64_t doc = doc_hash(fp->doc);
    snprintf(id + 4 + kl, 10, "~%08x", (unsigned)(doc ^ (doc >> 32)));
    const char *sid = ngn_arena_put(fp->ar, id, kl + 13);
    const char *snm = ngn_arena_put(fp->ar, tn->nl->strs + gn->nom, gn->nom_len);
    if (!sid || !snm) return NG_E_NOMEM;
    unsigned flags = NG_MATCH_RULE | (g[0]->is_nom ? NG_MATCH_NOMINATIVE : 0);
    if (!ngn_push_span(fp->out, n->start, n->start + n->len, n->field, sid, "PER", snm, flags, NG_RULE_GIVEN_ALONE))
        return NG_E_NOMEM;
    return NG_OK;
}

/* Rule U (NG_RULE_SURNAME_ALONE): a capitalised Cyrillic word that names
 * no one of the article and no dictionary knows, with an ending only
 * surnames have: -енко / -єнко, -чук, -юк and their case forms ("заявив
 * Левченко", "вказівкою Матвійчука"), or -ко not first in its sentence
 * ("заявив Ляшко"; first in it, Коротко and Батько are words). Not the
 * second half of a hyphenated word (Немировича-Данченко), nor a word
 * right after an opening quote. Its id is per: + the surname's key, the
 * id a title gives it ("президент Порошенко"); its name the nominative. */
typedef struct suffix { const char *s, *nom; size_t len; } suffix;   /* nom: the nominative's ending (NULL: as written) */
#define SUF(s, nom) {s, nom, sizeof s - 1}
static const suffix sur_suffixes[] = {
    SUF("енкові", "енко"), SUF("єнкові", "єнко"), SUF("енком", "енко"), SUF("єнком", "єнко"), SUF("енка", "енко"),
    SUF("єнка", "єнко"), SUF("енку", "енко"), SUF("єнку", "єнко"), SUF("енко", NULL), SUF("єнко", NULL),
    SUF("чукові", "чук"), SUF("чуком", "чук"), SUF("чука", "чук"), SUF("чуку", "чук"), SUF("чук", NULL),
    SUF("юкові", "юк"), SUF("юком", "юк"), SUF("юка", "юк"), SUF("юку", "юк"), SUF("юк", NULL),
};
#undef SUF

static int lone_surname(fpart *fp, const note *n) {
    const char *text = fp->texts[n->field], *w = text + n->start;
    size_t len = n->len;
    /* Cyrillic (its letters are two bytes), at least four letters */
    if (len < 8 || (unsigned char)w[0] < 0xD0 || (unsigned char)w[0] > 0xD4) return NG_OK;
    const suffix *sf = NULL;
    size_t sl = 0;
    for (size_t k = 0; k < sizeof sur_suffixes / sizeof *sur_suffixes && !sf; k++) {
        sl = sur_suffixes[k].len;
        /* (the last byte first: most words end otherwise) */
        if (len >= sl + 4 && w[len - 1] == sur_suffixes[k].s[sl - 1] && !memcmp(w + len - sl, sur_suffixes[k].s, sl))
            sf = &sur_suffixes[k];
    }
    static const suffix ko = {"ко", NULL, 4};
    if (!sf) {
        /* -ко (not -ько: Батько, Дідько; not -инко: Дівчинко), five letters or
         * more, inside a sentence */
        if (len < 10 || memcmp(w + len - 4, "ко", 4) || !memcmp(w + len - 6, "ь", 2) || !memcmp(w + len - 8, "ин", 4)) return NG_OK;
        if (sentence_start(text, n->start)) return NG_OK;
        sf = &ko;
        sl = 4;
    }
    if (n->start > 0) {
        /* joined to what precedes it (a hyphen: Немировича-Данченко; an
         * apostrophe, a quote or a dash without a space), or after an
         * opening quote */
        unsigned char p = (unsigned char)text[n->start - 1];
        if (p == '-' || p == '\'' || p == '"' ||
            (p >= 0x80 && (n->start < 2 || memcmp(text + n->start - 2, "\xc2\xa0", 2))))
            return NG_OK;
        if (quote_before(text, n->start)) return NG_OK;
    }
    size_t fl = 0;
    char *f = ng_fold(w, len, &fl);
    if (!f) return NG_E_NOMEM;
    char id[SK_MAX + 8];
    memcpy(id, "per:", 4);
    size_t il = 4 + ngn_skel(f, ngn_stem_len(f, fl), id + 4, 0);
    free(f);
    /* the nominative: Левченка → Левченко, Матвійчука → Матвійчук */
    char nm[256];
    size_t nl = 0, stem = len - sl, ml = sf->nom ? strlen(sf->nom) : sl;
    if (stem + ml > sizeof nm) return NG_OK;
    memcpy(nm, w, stem);
    memcpy(nm + stem, sf->nom ? sf->nom : w + stem, ml);
    nl = stem + ml;
    const char *sid = ngn_arena_put(fp->ar, id, il), *snm = ngn_arena_put(fp->ar, nm, nl);
    if (!sid || !snm) return NG_E_NOMEM;
    unsigned flags = NG_MATCH_RULE | (sf->nom ? 0 : NG_MATCH_NOMINATIVE);
    if (!ngn_push_span(fp->out, n->start, n->start + n->len, n->field, sid, "PER", snm, flags, NG_RULE_SURNAME_ALONE))
        return NG_E_NOMEM;
    return NG_OK;
}

/* One Latin word in Cyrillic text that names no one of the article: an
 * organisation (names_org.c, NG_RULE_ORG_LATIN), id org: + its skeleton;
 * so are Cyrillic capitals of rule K (NG_RULE_ORG_ACRONYM). */
static int latin_org(fpart *fp, const note *n, unsigned rule) {
    const char *w = fp->texts[n->field] + n->start;
    size_t fl = 0;
    char *f = ng_fold(w, n->len, &fl);
    if (!f) return NG_E_NOMEM;
    char id[SK_MAX + 8];
    memcpy(id, "org:", 4);
    size_t il = 4 + ngn_skel(f, rule == NG_RULE_ORG_ACRONYM ? fl : ngn_stem_len(f, fl), id + 4, 0);
    free(f);
    const char *sid = ngn_arena_put(fp->ar, id, il), *snm = ngn_arena_put(fp->ar, w, n->len);
    if (!sid || !snm) return NG_E_NOMEM;
    if (!ngn_push_span(fp->out, n->start, n->start + n->len, n->field, sid, "ORG", snm, NG_MATCH_RULE, rule))
        return NG_E_NOMEM;
    return NG_OK;
}

/* An institution named by its word alone, capitalised (Latin): "the
 * Senate", "Treasury bills", "the Commission's spokesman", "Commonwealth
 * ministers" (NG_RULE_ORG_INSTITUTION). Which senate or treasury only the
 * article tells, so the id is the article's, as a given name alone's is:
 * org: + the word's key + "~" + 8 hex digits of the article's hash; one
 * Senate an article, never one node for every senate of a corpus. Not
 * Parliament, Government, Cabinet: news annotation leaves those alone
 * (CoNLL-2003 tags Senate, Treasury, Commission and Commonwealth ORG in
 * all 46 places they stand alone in its training part, and none of
 * Parliament's 5 or Government's 10). */
static int lone_institution(fpart *fp, const note *n) {
    /* (one word a length: every free Latin word of an article asks) */
    static const char *const words[] = {"senate", "treasury", "commission", "commonwealth"};
    if (n->len < 6 || n->len > 12 || (n->len & 1)) return NG_OK;
    size_t k = (n->len - 6) / 2;
    const char *w = fp->texts[n->field] + n->start;
    if (!ts_word_is(w, 0, n->len, (const char *const[]){words[k], NULL})) return NG_OK;
    /* (not a law's title: "Commission Regulation ( EC ) No 1464/96") */
    static const char *const acts[] = {" Regulation", " Directive", " Decision", " Recommendation", NULL};
    const char *t = fp->texts[n->field];
    size_t tl = fp->doc->lens[n->field], e = n->start + n->len;
    for (size_t a = 0; acts[a]; a++) {
        size_t al = strlen(acts[a]);
        if (tl - e >= al && !memcmp(t + e, acts[a], al) && (tl - e == al || !((t[e + al] | 0x20) >= 'a' && (t[e + al] | 0x20) <= 'z')))
            return NG_OK;
    }
    char id[48], nm[16];
    size_t l = strlen(words[k]);
    memcpy(id, "org:", 4);
    memcpy(id + 4, words[k], l);
    uint64_t doc = doc_hash(fp->doc);
    snprintf(id + 4 + l, 10, "~%08x", (unsigned)(doc ^ (doc >> 32)));
    memcpy(nm, words[k], l);
    nm[0] = (char)(nm[0] - 32);
    const char *sid = ngn_arena_put(fp->ar, id, 4 + l + 9), *snm = ngn_arena_put(fp->ar, nm, l);
    if (!sid || !snm) return NG_E_NOMEM;
    if (!ngn_push_span(fp->out, n->start, n->start + n->len, n->field, sid, "ORG", snm, NG_MATCH_RULE,
                       NG_RULE_ORG_INSTITUTION))
        return NG_E_NOMEM;
    return NG_OK;
}

/* The free word before the current one in resolve_free_notes (name_pair):
 * its record in mn->free, where it ends, its field and the spans' count
 * before it was resolved (set for each free word: kept small). */
typedef struct pfree { size_t rec, end, nspans; unsigned field; } pfree;

/* Is c a person with surname 'key' whose first word, written whole, is the
 * free word with akey, akey2, acues (name_pair)? */
static int pair_first(const nref *c, uint64_t key, uint64_t akey, uint64_t akey2, unsigned acues) {
    if (c->n->key != key || (c->n->kind != N_PER && c->n->kind != N_REF) || !c->x->first) return 0;
    return c->x->first == akey || ((acues & NF_GIVEN) && c->x->key2 == akey2);
}

/* One record of an N_FREE stream (names_internal.h: the layout), decoded:
 * hdr (R_* and NF_* flags), then a field record's field in key, or a
 * note's key, key2 (0 without R_KEY2), start and len; next: the record
 * after it. */
typedef struct frec { uint64_t hdr, key, key2; size_t start, next; uint32_t len; } frec;

static inline frec free_rec(const mnames *mn, size_t i) {
    const uint64_t *w = mn->free + i;
    frec r = {w[0], w[1], 0, (size_t)(w[0] >> 24), i + 2, (uint32_t)((w[0] >> 8) & 0xFFFF)};
    if (r.hdr & R_FIELD) return r;
    if (r.hdr & R_WIDE) { r.start = (size_t)w[2]; r.len = (uint32_t)w[3]; r.next += 2; }
    if (r.hdr & R_KEY2) r.key2 = mn->free[r.next++];
    return r;
}

/* A person's full name again, as two free words A B (one space between, one
 * script; both in capitals, or B capitalised and A not in capitals): B's
 * key is the surname of a person of the article whose first word, written
 * whole, is A's (its stem, or the given name's key in any case form). Then
 * A B is that person (1), or 0. "captain Will Carling ... Will Carling"
 * (Will is in no given-name list: B was left as someone else's surname,
 * NF_AFTER_NAME), "KEVIN BROWN" in a headline of Kevin Brown's article
 * (the surname alone was tagged). A span A got (a partial given name, a
 * given name alone) is widened over B and takes the person; any other
 * span on A leaves the pair alone. */
static int name_pair(fpart *fp, const mnames *mn, const pfree *pf, const note *n, uint64_t key, unsigned cues,
                     const char *text, int *rc) {
    const tnames *tn = fp->tn;
    /* the first word's record */
    frec ar = free_rec(mn, pf->rec);
    uint64_t akey = ar.key, akey2 = ar.key2;
    size_t astart = ar.start;
    unsigned acues = (unsigned)ar.hdr;
    if (text[n->start - 1] != ' ' || ((acues ^ cues) & NF_LATIN) || ((cues & NF_UPPER) && !(acues & NF_UPPER)) ||
        !key || (astart > 0 && text[astart - 1] == '-'))   /* (FOOTBALL-RANDALL CUNNINGHAM) */
        return 0;
    mstate *m = fp->out;
    if (m->nspans > pf->nspans + 1) return 0;
    /* the nearest person with the surname, else another of its chain (the
     * article's Julia Carling named nearer than captain Will Carling) */
    const nref *p = pick_person(tn, key, n, 1);
    if (p && !pair_first(p, key, akey, akey2, acues)) p = NULL;
    size_t r = reg_first(tn, key);
    for (int walk = 16; !p && r && walk--; r = tn->regs[r - 1].next) {
        const nref *c = &tn->all[tn->regs[r - 1].note];
        if (pair_first(c, key, akey, akey2, acues)) p = c;
    }
    if (!p || !p->x->id) return 0;
    if (m->nspans == pf->nspans + 1) {
        span *s = &m->spans[m->nspans - 1];
        if (s->field != n->field || s->start != astart || s->end != pf->end || s->ncand != 1) return 0;
        s->end = n->start + n->len;
        m->cands[s->cand].c = (ng_candidate){p->x->id, p->x->type, p->x->name};
        s->flags = (s->flags & ~NG_MATCH_RULE) | NG_MATCH_PARTIAL;
        s->rule = NG_RULE_NONE;
        return 1;
    }
    if (!ngn_push_span(m, astart, n->start + n->len, n->field, p->x->id, p->x->type, p->x->name,
                       NG_MATCH_PARTIAL, NG_RULE_NONE))
        *rc = NG_E_NOMEM;
    return 1;
}

/* Rule P (NG_RULE_NAME_REPEATED): a capitalised Cyrillic word that no list
 * knows, that names no one else of the article and that no other rule took,
 * which the article repeats inside its sentences, at least REP_MIN times
 * with one stem ("Поки Санджив набирався сили", "— обірвав Анісімов .",
 * "лежав бідний Адамек під кущем"), and never writes in lower case: a
 * person of the article, the characters of a story, a surname no list
 * has. Inside a sentence: after a lower-case word (no place preposition
 * nor noun of a street, settlement or organisation: "у Бережанах",
 * "сквері Пам’яті" are places) or a comma, before a lower-case word or
 * punctuation. Then every place the word stands alone is that person,
 * first in a sentence too; not beside another capitalised word of its
 * sentence (Білий Пес, Францішка Смольки: a name of two words), nor joined
 * by a hyphen, nor after an opening quote. Not a word with an adjective's
 * ending (Люблінської, Високого), a capital after the first letter
 * (ЗакДУ), a title (Міністр), an organisation, street or place noun
 * (Церква, Групи), nor a capitalised noun that names no one (Інтернет,
 * Сонце, Євангеліє, Закону, Конституції). Its id is per: + the stem's key +
 * "~" + 8 hex digits of the article's hash (a given name alone's: one
 * Адамек per article), its name the shortest form inside a sentence (the
 * first of those). */
/* (an article's text longer than REP_MAX_TEXT bytes is no one story but a
 * file of many, or a book: a capitalised word it says three times is as
 * often a heading's or a table's, and the rule stays off) */
enum { REP_MIN = 3, REP_MAX_TEXT = 1 << 20 };
typedef struct rep_ent {
    uint64_t key;        /* the stem hash (0: an empty slot) */
    size_t start;        /* the shortest form inside a sentence */
    uint32_t len, count;
    unsigned field;
    int bad;             /* written in lower case in the article */
    int cued;            /* a verb in the past tense beside it once (past_verb) */
} rep_ent;
typedef struct rep_tab { rep_ent *e; size_t cap, n; int any; } rep_tab;

static rep_ent *rep_find(const rep_tab *r, uint64_t key) {
    if (!r->cap) return NULL;
    for (size_t i = key & (r->cap - 1);; i = (i + 1) & (r->cap - 1)) {
        if (!r->e[i].key) return NULL;
        if (r->e[i].key == key) return &r->e[i];
    }
}

static rep_ent *rep_add(rep_tab *r, uint64_t key) {
    if (2 * (r->n + 1) > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        rep_ent *e = calloc(cap, sizeof *e);
        if (!e) return NULL;
        for (size_t k = 0; k < r->cap; k++) {
            if (!r->e[k].key) continue;
            size_t i = r->e[k].key & (cap - 1);
            while (e[i].key) i = (i + 1) & (cap - 1);
            e[i] = r->e[k];
        }
        free(r->e);
        r->e = e;
        r->cap = cap;
    }
    size_t i = key & (r->cap - 1);
    while (r->e[i].key && r->e[i].key != key) i = (i + 1) & (r->cap - 1);
    if (!r->e[i].key) {
        r->e[i].key = key;
        r->n++;
    }
    return &r->e[i];
}

/* The code point that ends before byte 'at' of t (0 at its start) and
 * where it starts. */
static int32_t cp_before(const char *t, size_t at, size_t *from) {
    size_t i = at;
    while (i > 0 && ((unsigned char)t[i - 1] & 0xC0) == 0x80 && at - i < 3) i--;
    if (i > 0) i--;
    int32_t cp = 0;
    if (at == 0 || ng_utf8_decode((const unsigned char *)t + i, at - i, &cp) != (int)(at - i)) cp = 0;
    *from = i;
    return cp;
}

static int32_t cp_at(const char *t, size_t len, size_t at) {
    int32_t cp = 0;
    if (at >= len || ng_utf8_decode((const unsigned char *)t + at, len - at, &cp) <= 0) return 0;
    return cp;
}

static int cyr_lower(int32_t cp) { return cp >= 0x400 && cp < 0x530 && utf8proc_islower(cp); }

/* The word that ends before byte 'at' of t past spaces: [*a, *b), 0 when
 * what stands there is no letter. */
static int word_before(const char *t, size_t at, size_t *a, size_t *b) {
    size_t i = at, f;
    while (i > 0 && t[i - 1] == ' ') i--;
    *b = i;
    int32_t cp = cp_before(t, i, &f);
    if (!cp || (!utf8proc_isupper(cp) && !utf8proc_islower(cp))) return 0;
    const unsigned char *u = (const unsigned char *)t;
    while (i > 0) {
        /* (two-byte Cyrillic letters, the bulk, without utf8proc) */
        if (i >= 2 && u[i - 2] >= 0xD0 && u[i - 2] <= 0xD3 && (u[i - 1] & 0xC0) == 0x80 &&
            (u[i - 2] != 0xD2 || u[i - 1] >= 0x8A)) {
            i -= 2;
            continue;
        }
        int32_t c = cp_before(t, i, &f);
        if (!c || !(utf8proc_isupper(c) || utf8proc_islower(c) || c == '\'' || c == 0x2019)) break;
        i = f;
    }
    *a = i;
    return 1;
}

/* Does the word [a, b) of t before a capitalised word make that word a
 * place or an organisation's name: a place preposition (у Бережанах), a
 * noun of a street, a settlement, an organisation (у сквері Пам’яті)? */
static int rep_place_word(const char *t, size_t a, size_t b) {
    return wset_has(&ngn_prep_set, ng_hash(t + a, b - a)) || ngn_org_noun_stem(ng_hash(t + a, ngn_stem_len(t + a, b - a)));
}

/* Is the Cyrillic code point a vowel (either case)? */
static int cyr_vowel(int32_t cp) {
    if (cp >= 0x410 && cp < 0x430) cp += 0x20;        /* А-Я */
    else if (cp >= 0x400 && cp < 0x410) cp += 0x50;   /* Ѐ-Џ: Ё Є І Ї */
    switch (cp) {
    case 0x430: case 0x435: case 0x438: case 0x43E: case 0x443: case 0x44B: case 0x44D: case 0x44E: case 0x44F:
    case 0x451: case 0x454: case 0x456: case 0x457:
        return 1;
    default:
        return 0;
    }
}

/* Is the free word [a, b) of t (Cyrillic, capitalised) of the rule's shape
 * (length, no adjective's ending, no noun of the lists)? key: its stem hash. */
static int rep_word(const char *t, size_t a, size_t b, uint64_t key) {
#define E(s) {s, sizeof s - 1}
    static const struct { const char *s; size_t n; } adj[] = {
        /* adjectives, participles */
        E("ого"), E("его"), E("ої"), E("ому"), E("ему"), E("ькій"), E("ой"), E("ою"), E("ую"), E("их"), E("ых"),
        E("ими"), E("ыми"), E("ая"), E("яя"), E("ые"), E("ська"), E("цька"), E("ське"), E("цьке"), E("ані"),
        E("ені"), E("ний"), E("ный"), E("ное"), E("не"), E("ішня"), E("ішні"), E("ішнє"),
        /* adverbs, predicatives (Неверно, Невозможно) */
        E("но"),
        /* verbs: infinitives, reflexives, the present's third person */
        E("ти"), E("ть"), E("ся"), E("сь"), E("ає"), E("яє"), E("ює"), E("ує"), E("ет"), E("ит"),
        /* abstract nouns */
        E("ція"), E("ция"), E("ия"), E("ие"), E("ння"), E("ість"), E("ость"), E("ство")};
#undef E
    const unsigned char *w = (const unsigned char *)t + a;
    size_t n = b - a;
    if (n < 6 || n > 64 || w[0] < 0xD0 || w[0] > 0xD4) return 0;
    for (size_t k = 0; k < sizeof adj / sizeof *adj; k++)
        if (w[n - 1] == (unsigned char)adj[k].s[adj[k].n - 1] && w[n - 2] == (unsigned char)adj[k].s[adj[k].n - 2] &&
            n > adj[k].n + 2 && !memcmp(w + n - adj[k].n, adj[k].s, adj[k].n))
            return 0;
    /* no capital after the first letter (СхідГЗК, ЗакДУ: acronyms); a
     * vowel (Рзм, Млн: abbreviations) */
    int vowel = 0;
    for (size_t k = 0; k < n;) {
        int32_t cp;
        int l;
        if (w[k] >= 0xC2 && w[k] < 0xE0 && k + 1 < n && (w[k + 1] & 0xC0) == 0x80) {
            cp = (int32_t)((w[k] & 0x1F) << 6 | (w[k + 1] & 0x3F));
            l = 2;
        } else if ((l = ng_utf8_decode(w + k, n - k, &cp)) <= 0)
            return 0;
        /* (Ѐ-Я capitals, а-џ not; the rest by utf8proc) */
        if (k && (cp >= 0x400 && cp < 0x430 ? 1 : (cp < 0x400 || cp >= 0x460) && utf8proc_isupper(cp))) return 0;
        vowel |= cyr_vowel(cp);
        k += (size_t)l;
    }
    if (!vowel) return 0;
    return !wset_has(&ngn_title_set, key) && !wset_has(&ngn_cap_noun_set, key) && !ngn_org_noun_stem(key);
}

/* Is the lower-case word [a, b) of t a verb in the past tense (сказав,
 * пішов, відповіла; ответил, кивнула; with refl, reflexive too:
 * набирався, усміхнулася): a person's deed beside the word? By its ending
 * after a vowel: -в, -ла (uk), -л, -ла (ru); three letters at least. */
static int past_verb(const char *t, size_t a, size_t b, int refl) {
    const unsigned char *w = (const unsigned char *)t + a;
    size_t n = b - a;
    if (refl && n >= 10 && (!memcmp(w + n - 4, "ся", 4) || !memcmp(w + n - 4, "сь", 4))) n -= 4;
    if (n < 6) return 0;
    size_t e = n;
    if (!memcmp(w + e - 2, "а", 2)) e -= 2;
    if (e < 4 || (memcmp(w + e - 2, "в", 2) && memcmp(w + e - 2, "л", 2))) return 0;
    if (e == n && !memcmp(w + e - 2, "в", 2) && e >= 6 && !memcmp(w + e - 4, "і", 2)) return 0;   /* (-ів: plurals' genitive) */
    size_t f;
    return cyr_vowel(cp_before(t, a + e - 2, &f));
}

/* Is the word [a, b) of t (len) inside its sentence as the rule counts it?
 * *cue: a verb in the past tense beside it (past_verb: a reflexive one
 * after it only, "Поки Санджив набирався"; before it, "вичерпався Час
 * з'єднання" is a message's), or the word is addressed, between a comma
 * and a comma or the sentence's end ("любий , Асуро ."). */
static int rep_inside(const char *t, size_t len, size_t a, size_t b, int *cue) {
    if (a < 2 || t[a - 1] != ' ') return 0;
    size_t wa, wb, f;
    int32_t p = cp_before(t, a - 1, &f);
    *cue = 0;
    if (p != ',') {
        if (!cyr_lower(p) || !word_before(t, a, &wa, &wb) || rep_place_word(t, wa, wb)) return 0;
        *cue = past_verb(t, wa, wb, 0);
    }
    size_t k = b;
    if (k < len && t[k] == ' ') {
        k++;
        if (cyr_lower(cp_at(t, len, k))) {
            size_t e = k;
            while (e < len && cyr_lower(cp_at(t, len, e))) e += 2;
            *cue |= past_verb(t, k, e, 1);
            return 1;
        }
    }
    int32_t c = cp_at(t, len, k);
    if (p == ',' && c && strchr(",.!?", (int)c)) *cue = 1;
    return c && (strchr(",.!?:;", (int)c) || c == 0x2014 || c == 0x2026 || c == 0xBB);
}

/* May the word [a, b) of t (len) be the rule's person where it stands? */
static int rep_alone(const char *t, size_t len, size_t a, size_t b) {
    if (a > 0) {
        unsigned char p = (unsigned char)t[a - 1];
        if (p == '-' || p == '\'' || p == '"' || (p >= 0x80 && (a < 2 || memcmp(t + a - 2, "\xc2\xa0", 2)))) return 0;
        if (quote_before(t, a)) return 0;
        size_t wa, wb;
        if (word_before(t, a, &wa, &wb)) {
            int32_t c = cp_at(t, len, wa);
            if (utf8proc_isupper(c) ? !sentence_start(t, wa) : rep_place_word(t, wa, wb)) return 0;
        }
    }
    if (b < len && (t[b] == '-' || t[b] == '\'')) return 0;
    size_t k = b;
    while (k < len && t[k] == ' ') k++;
    return k == b || !utf8proc_isupper(cp_at(t, len, k));
}

/* Marks the entries of r whose words the texts write in lower case (any
 * case form: the stem's key); r->any: an entry is left. One pass over
 * the text; a word is looked up only when its first two letters are
 * those of an entry's (a bit set). */
static void rep_lower(rep_tab *r, const char *const *texts, const size_t *lens, size_t nfields) {
    uint64_t bits[1024] = {0};
    int any = 0;
    for (size_t k = 0; k < r->cap; k++) {
        rep_ent *e = &r->e[k];
        if (!e->key || e->count < REP_MIN || !e->cued) continue;
        size_t fl;
        char *f = ng_fold(texts[e->field] + e->start, e->len, &fl);
        if (!f) { e->bad = 1; continue; }
        unsigned i = ((unsigned)(f[0] & 3) << 14) | ((unsigned)(f[1] & 63) << 8) | ((unsigned)(f[2] & 3) << 6) | (unsigned)(f[3] & 63);
        bits[i >> 6] |= 1ull << (i & 63);
        free(f);
        any = 1;
    }
    for (size_t fi = 0; any && fi < nfields; fi++) {
        const unsigned char *s = (const unsigned char *)texts[fi];
        size_t n = lens[fi], i = 0;
        while (i < n) {
            if (s[i] < 0xD0 || s[i] > 0xD4 || i + 1 >= n) { i++; continue; }
            /* a Cyrillic word: [i, j) */
            size_t a = i, j = i;
            for (;;) {
                while (j + 1 < n && s[j] >= 0xD0 && s[j] <= 0xD4 && (s[j + 1] & 0xC0) == 0x80) j += 2;
                /* an apostrophe between letters (' ’ ʼ) */
                size_t q = j < n && s[j] == '\'' ? 1 : j + 2 < n && !memcmp(s + j, "\xe2\x80\x99", 3) ? 3
                         : j + 1 < n && !memcmp(s + j, "\xca\xbc", 2) ? 2 : 0;
                if (!q || j == a || j + q + 1 >= n || s[j + q] < 0xD0 || s[j + q] > 0xD4) break;
                j += q;
            }
            i = j > a ? j : a + 1;
            if (j - a < 4) continue;
            unsigned x = ((unsigned)(s[a] & 3) << 14) | ((unsigned)(s[a + 1] & 63) << 8) | ((unsigned)(s[a + 2] & 3) << 6) |
                         (unsigned)(s[a + 3] & 63);
            if (!(bits[x >> 6] >> (x & 63) & 1) || !cyr_lower(cp_at(texts[fi], n, a))) continue;
            /* (lower-case Cyrillic letters are their own fold but ё;
             * with it or an apostrophe, the fold) */
            const char *w = texts[fi] + a;
            int plain = 1;
            for (size_t k = a; k < j && plain; k += 2) plain = s[k] >= 0xD0 && s[k] <= 0xD4 && !(s[k] == 0xD1 && s[k + 1] == 0x91);
            rep_ent *e;
            if (plain) e = rep_find(r, ng_hash(w, ngn_stem_len(w, j - a)));
            else {
                size_t fl;
                char *f = ng_fold(w, j - a, &fl);
                if (!f) continue;
                e = rep_find(r, ng_hash(f, ngn_stem_len(f, fl)));
                free(f);
            }
            if (e) e->bad = 1;
        }
    }
    r->any = 0;
    for (size_t k = 0; k < r->cap; k++)
        if (r->e[k].key && r->e[k].count >= REP_MIN && r->e[k].cued && !r->e[k].bad) r->any = 1;
}

/* The rule's words of the article: its free words (every state's) counted
 * by stem (the notes lone_surname looks at), then those written in lower
 * case struck out. */
static int rep_collect(ng_tagger *t, const tnames *tn, const char *const *texts, const size_t *lens, size_t nfields,
                       rep_tab *r) {
    for (unsigned w = 0; w < t->nstates; w++) {
        const mstate *st = ng_state(t, w);
        const mnames *mn = st->names;
        if (!mn) continue;
        unsigned field = 0;
        for (size_t i = 0; i < mn->nfree;) {
            frec rc = free_rec(mn, i);
            i = rc.next;
            if (rc.hdr & R_FIELD) { field = (unsigned)rc.key; continue; }
            if (rc.hdr & (NF_GIVEN | NF_UPPER | NF_LATIN | NF_ORG_LATIN | NF_AFTER_NAME)) continue;
            const char *tx = texts[field];
            size_t a = rc.start, b = rc.start + rc.len;
            if ((unsigned char)tx[a] < 0xD0 || (unsigned char)tx[a] > 0xD4 || reg_first(tn, rc.key)) continue;
            int cue;
            if (!rep_inside(tx, lens[field], a, b, &cue) || !rep_word(tx, a, b, rc.key)) continue;
            rep_ent *e = rep_add(r, rc.key);
            if (!e) return NG_E_NOMEM;
            if (!e->count || rc.len < e->len) {
                e->field = field;
                e->start = a;
                e->len = rc.len;
            }
            e->count++;
            e->cued |= cue;
        }
    }
    if (r->n) rep_lower(r, texts, lens, nfields);
    return NG_OK;
}

static int lone_repeated(fpart *fp, const note *n) {
    const rep_ent *e = rep_find(fp->rep, n->key);
    if (!e || e->count < REP_MIN || !e->cued || e->bad) return NG_OK;
    const char *text = fp->texts[n->field];
    size_t len = fp->doc->lens[n->field];
    if (!rep_alone(text, len, n->start, n->start + n->len) || !rep_word(text, n->start, n->start + n->len, n->key))
        return NG_OK;
    const char *nm = fp->texts[e->field] + e->start;
    size_t fl = 0;
    char *f = ng_fold(nm, e->len, &fl);
    if (!f) return NG_E_NOMEM;
    char id[SK_MAX + 24];
    memcpy(id, "per:", 4);
    size_t il = 4 + ngn_skel(f, ngn_stem_len(f, fl), id + 4, 0);
    free(f);
    uint64_t doc = doc_hash(fp->doc);
    snprintf(id + il, 10, "~%08x", (unsigned)(doc ^ (doc >> 32)));
    const char *sid = ngn_arena_put(fp->ar, id, il + 9), *snm = ngn_arena_put(fp->ar, nm, e->len);
    if (!sid || !snm) return NG_E_NOMEM;
    if (!ngn_push_span(fp->out, n->start, n->start + n->len, n->field, sid, "PER", snm, NG_MATCH_RULE,
                       NG_RULE_NAME_REPEATED))
        return NG_E_NOMEM;
    return NG_OK;
}

/* An institution by its word alone in Ukrainian and Russian text (as
 * lone_institution in English): a capitalised institution word
 * alone inside a sentence, no capitalised word after it ("Церква
 * засуджує", "рішення Колегії", "у Міністерстві повідомили"; names_words.c
 * ngn_institution), is an organisation of its article: org: + the word's
 * key + "~" + the article's hash, named by the word's nominative. ner-uk's
 * training part tags 28 of the 40 such words no rule took ORG (7 more are
 * inside a longer name). */
static int lone_institution_cyr(fpart *fp, const note *n) {
    const char *nom = ngn_institution(n->key);
    if (!nom) return NG_OK;
    const char *t = fp->texts[n->field];
    size_t tl = fp->doc->lens[n->field], a = n->start, b = n->start + n->len;
    if (a == 0 || t[a - 1] != ' ' || sentence_start(t, a) || quote_before(t, a) || (b < tl && (t[b] == '-' || t[b] == '\'')))
        return NG_OK;
    size_t k = b;
    while (k < tl && t[k] == ' ') k++;
    if (k < tl && utf8proc_isupper(cp_at(t, tl, k))) return NG_OK;
    /* the name: the nominative, capitalised */
    char nm[64];
    int32_t cp;
    size_t nl = strlen(nom);
    int l = ng_utf8_decode((const unsigned char *)nom, nl, &cp);
    if (l <= 0 || nl + 4 > sizeof nm) return NG_OK;
    size_t w = (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)nm);
    memcpy(nm + w, nom + l, nl - (size_t)l);
    w += nl - (size_t)l;
    char id[SK_MAX + 24];
    memcpy(id, "org:", 4);
    size_t il = 4 + ngn_skel(nom, nl, id + 4, 0);
    uint64_t doc = doc_hash(fp->doc);
    snprintf(id + il, 10, "~%08x", (unsigned)(doc ^ (doc >> 32)));
    const char *sid = ngn_arena_put(fp->ar, id, il + 9), *snm = ngn_arena_put(fp->ar, nm, w);
    if (!sid || !snm) return NG_E_NOMEM;
    if (!ngn_push_span(fp->out, a, b, n->field, sid, "ORG", snm, NG_MATCH_RULE, NG_RULE_ORG_INSTITUTION))
        return NG_E_NOMEM;
    return NG_OK;
}

/* How many records ahead resolve_free_notes prefetches a note's text. */
enum { FREE_AHEAD = 8 };

/* The record after the one at i in an N_FREE stream; a field record
 * sets *field, a note's prefetches its text (the byte before it on). */
static size_t free_ahead(const mnames *mn, const char *const *texts, size_t i, unsigned *field) {
    frec r = free_rec(mn, i);
    if (r.hdr & R_FIELD) *field = (unsigned)r.key;
    else __builtin_prefetch(texts[*field] + (r.start ? r.start - 1 : 0));
    return r.next;
}

/* Partial names for the N_FREE notes of one thread (in article order). Most
 * words name no one: one probe of the registry's table rejects them; with
 * the person rules on, a given name alone that names no one is a person
 * of its own (lone_given). */
static int resolve_free_notes(fpart *fp, const mnames *mn) {
    const tnames *tn = fp->tn;
    const char *const *texts = fp->texts;
    note n = {0};
    pfree prev = {.end = SIZE_MAX};
    /* the text of the notes a few records on: the checks below read it
     * (hyphens, quotes, endings) long after the chunk pass left it, and a
     * 100 MB article's is out of the caches by then */
    size_t ahead = 0;
    unsigned afield = 0;
    for (int k = 0; k < FREE_AHEAD && ahead < mn->nfree; k++) ahead = free_ahead(mn, texts, ahead, &afield);
    for (size_t i = 0; i < mn->nfree;) {
        size_t rec = i;
        frec r = free_rec(mn, i);
        i = r.next;
        if (ahead < mn->nfree) ahead = free_ahead(mn, texts, ahead, &afield);
        uint64_t a = r.hdr, key = r.key, key2 = r.key2;
        if (a & R_FIELD) { n.field = (unsigned)key; continue; }
        n.start = r.start;
        n.len = r.len;
        unsigned cues = (unsigned)(a & (NF_GIVEN | NF_UPPER | NF_LATIN | NF_ORG_LATIN | NF_AFTER_NAME));
        int hit;
        if (cues & NF_UPPER) hit = reg_first(tn, key2) || reg_first(tn, key);
        else if (cues & NF_GIVEN)
            hit = reg_first(tn, key2 ^ (1ull << 63)) != 0 ||
                  ((cues & NF_LATIN) && !(cues & NF_AFTER_NAME) && key && reg_first(tn, key));
        else hit = reg_first(tn, key) || (key && (cues & NF_LATIN) && reg_first(tn, key ^ (1ull << 63)));
        size_t before = fp->out->nspans;
        /* (most free words are no second word right after another) */
        if (prev.end != SIZE_MAX && prev.end + 1 == n.start && prev.field == n.field && reg_first(tn, key)) {
            int rc = NG_OK, pair = name_pair(fp, mn, &prev, &n, key, cues, texts[n.field], &rc);
            if (rc) return rc;
            if (pair) { prev.end = SIZE_MAX; continue; }
        }
        prev = (pfree){rec, n.start + n.len, before, n.field};
        if (hit) {
            int rc = resolve_free(fp, &n, key, key2, cues, texts[n.field]);
            if (rc) return rc;
        } else if (fp->rules && (cues & NF_GIVEN) && !(cues & (NF_LATIN | NF_UPPER)) && tn->nl) {
            int rc = lone_given(fp, &n);
            if (rc) return rc;
        } else if (fp->surnames && !(cues & (NF_GIVEN | NF_UPPER | NF_LATIN | NF_ORG_LATIN | NF_AFTER_NAME))) {
            int rc = lone_surname(fp, &n);
            if (!rc && fp->rep && fp->out->nspans == before) {
                n.key = key;
                rc = lone_repeated(fp, &n);
            }
            if (rc) return rc;
        }
        if ((cues & NF_ORG_LATIN) && fp->out->nspans == before) {
            int rc = latin_org(fp, &n, (cues & NF_LATIN) ? NG_RULE_ORG_LATIN : NG_RULE_ORG_ACRONYM);
            if (rc) return rc;
        }
        /* (with the person rules and the given-name lists, as lone_given:
         * then the article's hash is ready before parts run on threads) */
        if (fp->rules && tn->nl && !(fp->t->flags & NG_TAG_NO_ORG_RULES) && !hit && fp->out->nspans == before) {
            int rc = NG_OK;
            if (cues & NF_LATIN) rc = lone_institution(fp, &n);
            else if (!(cues & (NF_GIVEN | NF_UPPER | NF_ORG_LATIN | NF_AFTER_NAME))) {
                n.key = key;
                rc = lone_institution_cyr(fp, &n);
            }
            if (rc) return rc;
        }
    }
    return NG_OK;
}

/* The span of note n (a partial name; x: its side record), if any, is the
 * article's person p (ng_names_doc). */
/* The one person other entries of entry k's chain (its key) name that
 * 'pick' takes (1; 0: not a candidate; 2: no answer at all), or NULL when
 * none or several of different ids. */
typedef int (*person_pick)(const nref *q, const nref *self, const char *const *texts);
static const nref *one_person(const tnames *tn, size_t k, const char *const *texts, person_pick pick) {
    const nref *self = &tn->all[k], *p = NULL;
    for (size_t r = reg_first(tn, self->n->key); r; r = tn->regs[r - 1].next) {
        const nref *q = &tn->all[tn->regs[r - 1].note];
        if (q == self || q->n->key != self->n->key) continue;
        int v = pick(q, self, texts);
        if (!v) continue;
        if (v == 2 || (p && strcmp(p->x->id, q->x->id))) return NULL;
        p = q;
    }
    return p;
}

/* A person of initials and the surname ("M. Waugh" may have no initial
 * noted, M. being a title too: its words then). */
static int by_initials(const nref *q, const nref *self, const char *const *texts) {
    (void)self;
    return q->n->kind == N_REF &&
           (q->x->initial || !ng_one_word(texts[q->n->field], q->n->start, q->n->start + q->n->len));
}

/* Her reading of an ambiguous name: a full name of the same given-name
 * stem read otherwise (hers); the man's own, named too: no answer. */
static int her_reading(const nref *q, const nref *self, const char *const *texts) {
    (void)texts;
    if (q->n->kind != N_PER || q->x->amb || q->x->key2 != self->x->key2) return 0;
    return strcmp(q->x->id, self->x->id) ? 1 : 2;
}

static void take_person(mstate *m, size_t nsorted, const note *n, nxt *x, const nref *p) {
    span *s = find_span(m, nsorted, n->field, n->start, n->start + n->len);
    if (!s) return;
    m->cands[s->cand].c = (ng_candidate){p->x->id, p->x->type, p->x->name};
    s->flags |= NG_MATCH_PARTIAL;
    x->id = p->x->id;
    x->type = p->x->type;
    x->name = p->x->name;
}

static void *free_part(void *arg) {
    fpart *fp = arg;
    if (fp->out != &fp->t->m) {
        /* room for a span per note at once: the arrays are not grown (and
         * copied into fresh pages) step by step */
        size_t n = 0;
        for (unsigned w = fp->from; w < fp->to; w++) n += state_nfree(ng_state(fp->t, w));
        if (ng_grow((void **)&fp->out->spans, &fp->out->spans_cap, n, sizeof *fp->out->spans) ||
            ng_grow((void **)&fp->out->cands, &fp->out->cands_cap, n, sizeof *fp->out->cands)) {
            fp->rc = NG_E_NOMEM;
            return NULL;
        }
    }
    for (unsigned w = fp->from; w < fp->to && !fp->rc; w++) {
        mstate *st = ng_state(fp->t, w);
        if (st->names) fp->rc = resolve_free_notes(fp, st->names);
    }
    return NULL;
}

/* A later part's spans and candidates appended to t->m (see fpart); a
 * span over a hyphenated word's head keeps it unless a span before it
 * (as one pass in order sees them) covers it, as in resolve_free. */
static int free_append(mstate *m, const fpart *fp) {
    const mstate *o = fp->out;
    if (ng_grow((void **)&m->spans, &m->spans_cap, m->nspans + o->nspans, sizeof *m->spans) ||
        ng_grow((void **)&m->cands, &m->cands_cap, m->ncands + o->ncands, sizeof *m->cands))
        return NG_E_NOMEM;
    size_t base = m->ncands, h = 0;
    for (size_t i = 0; i < o->nspans; i++) {
        span s = o->spans[i];
        if (h < fp->nhy && fp->hy[h] == i) {
            size_t at = fp->hy[h + 1];
            h += 2;
            for (size_t k = 0; k < m->nspans && s.start != at; k++)
                if (m->spans[k].field == s.field && m->spans[k].start < at && m->spans[k].end > s.start) s.start = at;
        }
        s.cand += base;
        m->spans[m->nspans++] = s;
    }
    if (o->ncands) memcpy(m->cands + base, o->cands, o->ncands * sizeof *m->cands);
    m->ncands += o->ncands;
    return NG_OK;
}

static int resolve_free_parts(ng_tagger *t, tnames *tn, const fpart *onep, size_t nfree);

/* The free words' pass: on this thread, or with a big article's notes on
 * the tagger's threads, in parts of about as many notes (whole states). */
static int resolve_free_all(ng_tagger *t, tnames *tn, const char *const *texts, dochash *doc, int rules,
                            int surnames, size_t nfree) {
    fpart one = {t, tn, texts, doc, rules, surnames, 0, t->nstates, &t->m, &tn->ar, NULL, 0, 0, NG_OK, NULL};
    /* (rule P's words first, over every state's free words; the article's
     * hash then too, before parts may run on threads) */
    rep_tab rep = {0};
    size_t total = 0;
    for (size_t f = 0; f < doc->nfields; f++) total += doc->lens[f];
    if (surnames && total <= REP_MAX_TEXT) {
        int rc = rep_collect(t, tn, texts, doc->lens, doc->nfields, &rep);
        if (rc) { free(rep.e); return rc; }
        if (rep.any) {
            one.rep = &rep;
            (void)doc_hash(doc);
        }
    }
    int rc = resolve_free_parts(t, tn, &one, nfree);
    free(rep.e);
    return rc;
}

static int resolve_free_parts(ng_tagger *t, tnames *tn, const fpart *onep, size_t nfree) {
    fpart one = *onep;
    const dochash *doc = one.doc;
    int rules = one.rules;
    unsigned np = nparts(t, nfree);
    if (np > t->nstates) np = t->nstates;
    /* (lone_given's hash, when it may be wanted, is computed already:
     * pool.c computes a big article's) */
    if (np < 2 || (rules && tn->nl && !doc->done)) {
        free_part(&one);
        return one.rc;
    }
    fpart fp[PARTS_MAX];
    mstate out[PARTS_MAX];
    memset(out, 0, sizeof out);
    unsigned w = 0;
    size_t acc = 0;
    for (unsigned k = 0; k < np; k++) {
        fp[k] = one;
        fp[k].from = w;
        /* states until the notes so far reach the part's share */
        while (w < t->nstates && (k + 1 == np || acc * np < nfree * (k + 1))) acc += state_nfree(ng_state(t, w++));
        fp[k].to = w;
        if (k) {
            fp[k].out = &out[k];
            fp[k].ar = &tn->part_ar[k - 1];
        }
    }
    run_parts(free_part, fp, sizeof *fp, np);
    int rc = NG_OK;
    for (unsigned k = 0; k < np; k++) {
        if (!rc) rc = fp[k].rc;
        if (!rc && k) rc = free_append(&t->m, &fp[k]);
        if (k) {
            free(out[k].spans);
            free(out[k].cands);
        }
        free(fp[k].hy);
    }
    return rc;
}

/* ## One name for a rule organisation named in several forms
 *
 * A rule organisation that the article names in a case form and in the
 * nominative ("«Чорноморнафтогазу»" ... "«Чорноморнафтогаз»", "Західній
 * нафтовій групі" ... "Західна нафтова група") has one id (stems), and was
 * named as written each time. A name of the article's names of that id
 * that is a case form of another (inflect.c declines the other to it, as
 * the dictionary compiler declines an alias), and not the other way round,
 * takes the other's name: the one such name, when exactly one is. */

/* Does the name whose tokens are in a decline (as an alias of type
 * 'type') to the name whose tokens are in b? NG_E_NOMEM never (the
 * inflection's allocation failure reads as no). */
static int declines_to(const ng_tokbuf *a, const char *atext, const ng_tokbuf *b, const char *type) {
    if (a->n != b->n || !a->n || a->n > 16) return 0;
    ng_inflect_word w[16];
    const char *want[16];
    size_t wl[16];
    for (size_t k = 0; k < a->n; k++) {
        const ng_token *t = &a->tok[k];
        w[k] = (ng_inflect_word){a->fold + t->fold, t->fold_len, atext + t->start, t->end - t->start,
                                 (t->flags & TK_WORD) != 0};
        want[k] = b->fold + b->tok[k].fold;
        wl[k] = b->tok[k].fold_len;
    }
    return ngn_declines_to(w, a->n, want, wl, type, NG_LANG_UNKNOWN, 1);
}

typedef struct orgname { const char *id; size_t k; } orgname;
static int cmp_orgname(const void *x, const void *y) {
    const orgname *a = x, *b = y;
    int c = a->id == b->id ? 0 : strcmp(a->id, b->id);
    return c ? c : (a->k > b->k) - (a->k < b->k);
}

static int org_one_name(ng_tagger *t) {
    mstate *m = &t->m;
    enum { MAXN = 8 };
    /* the rule organisations with a Cyrillic name, by id */
    size_t n = 0;
    for (size_t k = 0; k < m->nspans; k++) {
        const cand *c = &m->cands[m->spans[k].cand];
        n += c->order == UINT64_MAX && c->c.name && (unsigned char)c->c.name[0] >= 0x80 && !strcmp(c->c.type, "ORG");
    }
    if (n < 2) return NG_OK;
    orgname *v = malloc(n * sizeof *v);
    if (!v) return NG_E_NOMEM;
    n = 0;
    for (size_t k = 0; k < m->nspans; k++) {
        const cand *c = &m->cands[m->spans[k].cand];
        if (c->order == UINT64_MAX && c->c.name && (unsigned char)c->c.name[0] >= 0x80 && !strcmp(c->c.type, "ORG"))
            v[n++] = (orgname){c->c.id, k};
    }
    qsort(v, n, sizeof *v, cmp_orgname);
    int rc = NG_OK;
    ng_tokbuf tb[MAXN];
    memset(tb, 0, sizeof tb);
    for (size_t g0 = 0, g1; g0 < n && !rc; g0 = g1) {
        for (g1 = g0 + 1; g1 < n && (v[g1].id == v[g0].id || !strcmp(v[g1].id, v[g0].id)); g1++) {}
        /* its distinct names */
        const char *names[MAXN];
        size_t nn = 0;
        for (size_t j = g0; j < g1 && nn < MAXN; j++) {
            const char *nm = m->cands[m->spans[v[j].k].cand].c.name;
            int dup = 0;
            for (size_t q = 0; q < nn && !dup; q++) dup = !strcmp(names[q], nm);
            if (!dup) names[nn++] = nm;
        }
        if (nn < 2) continue;
        int acr[MAXN];   /* one word in capitals: an acronym, which does not decline */
        for (size_t q = 0; q < nn && !rc; q++) {
            ng_tokbuf_reset(&tb[q]);
            if (ng_tokenize(&tb[q], names[q], strlen(names[q]))) rc = NG_E_NOMEM;
            acr[q] = tb[q].n == 1 && (tb[q].tok[0].flags & TK_ALLUPPER);
        }
        if (rc) break;
        /* each name's nominative among the others: the one it is a case form of */
        const char *to[MAXN];
        for (size_t q = 0; q < nn; q++) {
            to[q] = NULL;
            int several = 0;
            for (size_t r = 0; r < nn && !several && !acr[q]; r++) {
                if (r == q || acr[r] || !declines_to(&tb[r], names[r], &tb[q], "ORG") ||
                    declines_to(&tb[q], names[q], &tb[r], "ORG"))
                    continue;
                several = to[q] != NULL;
                to[q] = names[r];
            }
            if (several) to[q] = NULL;
        }
        for (size_t j = g0; j < g1; j++) {
            cand *c = &m->cands[m->spans[v[j].k].cand];
            for (size_t q = 0; q < nn; q++)
                if (to[q] && !strcmp(c->c.name, names[q])) { c->c.name = to[q]; break; }
        }
    }
    for (size_t q = 0; q < MAXN; q++) ng_tokbuf_free(&tb[q]);
    free(v);
    return rc;
}

/* ## A national body named without its country
 *
 * Ukrainian news name Ukraine's own bodies without the country
 * ("Антимонопольний комітет", "Міністерство оборони", "Державне космічне
 * агентство"), as the dictionary's bare aliases Міноборони and МЗС are
 * Ukraine's: a rule organisation in Ukrainian (і ї є ґ in its text) whose
 * name with " України" after it is a dictionary organisation is that one
 * (was a node of its own beside the dictionary's, in one article too).
 * Not when the article names the body of another country so (a rule
 * organisation whose name is this one's and more words: "Міністерство
 * оборони Ізраїлю"). */
static int uk_letters(const char *s, size_t n) {
    for (size_t q = 0; q + 1 < n; q++)
        if (ngn_uk_letter((unsigned char)s[q], (unsigned char)s[q + 1])) return 1;
    return 0;
}

static int cmp_orgname_name(const void *x, const void *y) {
    const orgname *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->k > b->k) - (a->k < b->k);
}

/* A rule organisation's candidate (no dictionary's), named. */
static int rule_org(const cand *c) {
    return c->order == UINT64_MAX && c->c.name && !strcmp(c->c.type, "ORG") && !strncmp(c->c.id, "org:", 4);
}

static int org_home_body(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    mstate *m = &t->m;
    size_t n = 0;
    for (size_t k = 0; k < m->nspans; k++) n += rule_org(&m->cands[m->spans[k].cand]);
    if (!n) return NG_OK;
    orgname *v = malloc(n * sizeof *v);   /* (id: the name, by which they are sorted) */
    if (!v) return NG_E_NOMEM;
    n = 0;
    for (size_t k = 0; k < m->nspans; k++)
        if (rule_org(&m->cands[m->spans[k].cand])) v[n++] = (orgname){m->cands[m->spans[k].cand].c.name, k};
    qsort(v, n, sizeof *v, cmp_orgname_name);
    for (size_t g0 = 0, g1; g0 < n; g0 = g1) {
        const char *nm = v[g0].id;
        for (g1 = g0 + 1; g1 < n && !strcmp(v[g1].id, nm); g1++) {}
        size_t nl = strlen(nm);
        if (!strchr(nm, ' ') || nl > 200 || (unsigned char)nm[0] < 0x80 || !uk_letters(nm, nl)) continue;
        /* a longer name of this one's words (sorted right after it) */
        if (g1 < n && !strncmp(v[g1].id, nm, nl) && v[g1].id[nl] == ' ') continue;
        /* each span's text Ukrainian too */
        int uk = 1;
        for (size_t j = g0; j < g1 && uk; j++) {
            const span *sp = &m->spans[v[j].k];
            uk = sp->field < nfields && sp->end <= lens[sp->field] &&
                 uk_letters(texts[sp->field] + sp->start, sp->end - sp->start);
        }
        if (!uk) continue;
        char name[232];
        memcpy(name, nm, nl);
        memcpy(name + nl, " України", sizeof " України");
        cand dc;
        if (!ngn_org_named(t, name, &dc)) continue;
        for (size_t j = g0; j < g1; j++) {
            span *sp = &m->spans[v[j].k];
            cand *c = &m->cands[sp->cand];
            c->c = dc.c;
            c->order = dc.order;
        }
    }
    free(v);
    return NG_OK;
}

int ng_names_doc(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    unsigned fl = t->flags;
    int partial = !(fl & NG_TAG_NO_PARTIAL), context = !(fl & NG_TAG_NO_CONTEXT);
    int rules = !(fl & NG_TAG_NO_RULES);
    if (!rules && !partial && !context) return NG_OK;
    tnames *tn = ngn_tstate(t);
    if (!tn) return NG_E_NOMEM;
    mstate *m = &t->m;
    /* every state's notes, in article order (state k matched the k-th range
     * of contiguous chunks) */
    tn->nall = 0;
    size_t nfree = 0;
    for (unsigned w = 0; w < t->nstates; w++) {
        mnames *mn = ng_state(t, w)->names;
        if (!mn) continue;
        nfree += mn->nfree;
        if (ng_grow((void **)&tn->all, &tn->all_cap, tn->nall + mn->nnotes, sizeof *tn->all)) return NG_E_NOMEM;
        for (size_t k = 0; k < mn->nnotes; k++) {
            const note *n = &mn->notes[k];
            tn->all[tn->nall++] = (nref){n, n->kind == N_SPAN ? NULL : &mn->ext[n->ext]};
        }
    }
    if (!tn->nall && !nfree) return NG_OK;
    /* registry: full person names by surname stem (key) and by given-name
     * stem (key2 | 1 << 63 keeps the two apart); organisations by acronym */
    tn->nregs = 0;
    for (size_t k = 0; k < tn->nall; k++) {
        const nref *r = &tn->all[k];
        if (r->n->kind != N_PER && r->n->kind != N_ORG && !(r->n->kind == N_REF && r->x->reg)) continue;
        if (ng_grow((void **)&tn->regs, &tn->regs_cap, tn->nregs + 2, sizeof *tn->regs)) return NG_E_NOMEM;
        tn->regs[tn->nregs++] = (reg){r->n->key, k, 0};
        if (r->n->kind == N_PER && r->x->key2) tn->regs[tn->nregs++] = (reg){r->x->key2 ^ (1ull << 63), k, 0};
    }
    /* chains by key, in article order (built backwards) */
    if (build_chains(tn)) return NG_E_NOMEM;
    if (sort_chains(tn)) return NG_E_NOMEM;
    if (m->nspans) ng_sort_spans(m->spans, m->nspans);
    size_t nsorted = m->nspans;
    /* initials or title + surname: the full name in the article (first, so
     * that a surname alone resolved to the title person gets that name) */
    for (size_t k = 0; k < tn->nall && partial; k++) {
        const note *n = tn->all[k].n;
        if (n->kind != N_REF) continue;
        const nref *p = pick_person(tn, n->key, n, 0);
        if (!p || p->n->kind != N_PER) continue;
        /* J. Biden is not Jill Biden: the initials must agree */
        nxt *x = (nxt *)tn->all[k].x;
        if (x->initial && p->x->initial && x->initial != p->x->initial) continue;
        /* nor is captain Will Carling Julia Carling, whatever the initials */
        if (x->first && p->x->first && x->first != p->x->first) continue;
        take_person(m, nsorted, n, x, p);
        x->taken = 1;
    }
    /* a surname alone after a title or on a scorecard ("Mr Smithers", "c
     * Stewart b Mullally") with no full name in the article: the one person
     * its initials name ("J. Smithers", "A. Stewart"), if they name one */
    for (size_t k = 0; k < tn->nall && partial; k++) {
        const note *n = tn->all[k].n;
        nxt *x = (nxt *)tn->all[k].x;
        if (n->kind != N_REF || x->taken || x->initial || x->first || !ng_one_word(texts[n->field], n->start, n->start + n->len))
            continue;
        const nref *p = one_person(tn, k, texts, by_initials);
        if (p && !gender_clash(texts, n, p)) take_person(m, nsorted, n, x, p);
    }
    /* a name read as a man's genitive where a woman's nominative was
     * possible ("Олександра Іванова"), in an article that names her so
     * that only she is meant ("Олександри Іванової": its key and given
     * name's stem are the same) and does not name him: hers */
    for (size_t k = 0; k < tn->nall && partial; k++) {
        const note *n = tn->all[k].n;
        nxt *x = (nxt *)tn->all[k].x;
        if (n->kind != N_PER || !x->amb) continue;
        const nref *p = one_person(tn, k, texts, her_reading);
        if (p) take_person(m, nsorted, n, x, p);
    }
    /* a given name and patronymic alone (Борис Николаевич): the full name
     * of the article with both (Борис Николаевич Ельцин), the nearest
     * before it, else the first after it (a headline) */
    for (size_t k = 0; k < tn->nall && partial; k++) {
        const note *n = tn->all[k].n;
        nxt *x = (nxt *)tn->all[k].x;
        if (n->kind != N_PER || !x->patr || n->key != x->patr) continue;
        const nref *p = NULL;
        for (size_t r = reg_first(tn, x->key2 ^ (1ull << 63)); r; r = tn->regs[r - 1].next) {
            const nref *q = &tn->all[tn->regs[r - 1].note];
            if (q->n->kind != N_PER || q->x->patr != x->patr || q->n->key == q->x->patr || q->x->key2 != x->key2)
                continue;
            int qb = before(q->n, n);
            if (!p || (qb && (!before(p->n, n) || before(p->n, q->n))) || (!qb && !before(p->n, n) && before(q->n, p->n)))
                p = q;
        }
        if (!p) continue;
        take_person(m, nsorted, n, x, p);
    }
    for (size_t k = 0; k < tn->nall; k++) {
        const note *n = tn->all[k].n;
        if (n->kind == N_SPAN) {
            span *s = find_span(m, nsorted, n->field, n->start, n->start + n->len);
            if (!s || (s->flags & SPAN_FIXED)) continue;
            if (context && (n->cues & CUE_RIVER) && prefer_river(m, s)) {
                s->flags |= SPAN_FIXED;
                continue;
            }
            if (context && (n->cues & CUE_PLACE) && prefer_type(m, s, "LOC")) {
                s->flags |= SPAN_FIXED;
                continue;
            }
            if (n->key && partial) {
                /* a dictionary word that is the surname of a person named before */
                const nref *p = pick_person(tn, n->key, n, 0);
                if (p && p->n->kind == N_PER && before(p->n, n) && !gender_clash(texts, n, p)) {
                    int same = s->ncand == 1 && !strcmp(m->cands[s->cand].c.id, p->x->id);
                    int rc = prepend_cand(m, s, p->x->id, p->x->type, p->x->name);
                    if (rc) return rc;
                    s->flags |= SPAN_FIXED | (same ? 0 : NG_MATCH_PARTIAL);
                    continue;
                }
            }
            if (context && s->ncand > 1) {
                if ((n->cues & CUE_TITLE) && prefer_type(m, s, "PER")) s->flags |= SPAN_FIXED;
            }
        }
    }
    /* the free words (their spans go after the others, in article order) */
    if (partial && nfree) chain_ids(tn);
    dochash doc = {texts, lens, nfields, t->doc_hash, t->doc_hash_ok};   /* the article's hash, when lone_given needs it */
    if (partial && nfree) {
        int rc = resolve_free_all(t, tn, texts, &doc, rules, rules && !(fl & NG_TAG_NO_SURNAMES), nfree);
        if (rc) return rc;
    }
    size_t ns = nsorted;   /* the spans [0, ns) are sorted */
    twidx tw = {.ns = ns, .lens = lens, .nfields = nfields};
    if (context) {
        country_context(t, nsorted, texts, lens, nfields);
        int dropped = 0, teams = 0;
        const char *tids[TEAM_IDS];
        size_t ntids = 0;
        int rc = sports_teams(t, tn, nsorted, texts, lens, nfields, &dropped, &teams, tids, &ntids);
        if (rc) return rc;
        if (dropped) tw.ns = ns = drop_spans(m, nsorted);
        if (!(fl & NG_TAG_NO_ORG_RULES)) {
            tw.tids = tids;
            tw.ntids = ntids;
            rc = free_teams(t, tn, &tw, texts, lens, nfields, &teams);
            if (!rc) rc = place_teams(t, tn, &tw, texts, lens, nfields, partial);
            int slug = ts_sports_slug(texts, lens, nfields), sports = slug == 2 ? 2 : slug || teams;
            if (!sports) sports = ts_prose_result(t, ns, texts, lens, nfields);
            if (!rc && sports) rc = team_sense(t, tn, ns, texts, lens, nfields, tids, tw.ntids, sports);
            if (!rc && sports && partial) rc = dict_nicknames(t, &tw, texts, lens, nfields);
            if (!rc && sports) rc = club_prose(t, tn, &tw, texts, lens, nfields);
            if (rc) { tw_free(&tw); return rc; }
        }
    }
    if (partial) {
        int rc = company_short(t, &tw, texts, lens, nfields);
        if (!rc && !(fl & NG_TAG_NO_PLACE_RULES)) rc = dateline_mentions(t, &tw, texts, lens, nfields);
        if (rc) { tw_free(&tw); return rc; }
    }
    tw_free(&tw);
    if (context) {
        int rc = drop_named_after(t, texts, nfields);
        if (rc) return rc;
    }
    if (rules) {
        int rc = regnal_numbers(t, texts, lens, nfields);
        if (rc) return rc;
    }
    if (!(fl & NG_TAG_NO_ORG_RULES)) {
        int rc = org_one_name(t);
        if (!rc) rc = org_home_body(t, texts, lens, nfields);
        if (rc) return rc;
    }
    for (unsigned w = 0; w < t->nstates; w++) {
        mstate *st = ng_state(t, w);
        if (st->names) names_release(t, st->names);
    }
    tn->nall = tn->nregs = 0;
    release(t, (void **)&tn->all, &tn->all_cap, sizeof *tn->all);
    release(t, (void **)&tn->regs, &tn->regs_cap, sizeof *tn->regs);
    release(t, (void **)&tn->rhead, &tn->rhead_cap, sizeof *tn->rhead);
    return NG_OK;
}
