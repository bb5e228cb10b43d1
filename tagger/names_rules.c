/* The name rules' chunk pass (NAMES.md): person-name rules on the
 * capitalised tokens of each chunk, and the notes the article pass reads;
 * also the id the rules give a person's name (ng_tagger_person_id). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "names_internal.h"

/* ## The chunk pass */

/* Copies s[0..len) plus a NUL; the pointer stays valid until the next reset. */
char *ngn_arena_put(arena *a, const char *s, size_t len) {
    for (;;) {
        block *b = a->cur;
        if (b && b->cap - b->len >= len + 1) {
            char *p = b->data + b->len;
            memcpy(p, s, len);
            p[len] = 0;
            b->len += len + 1;
            return p;
        }
        if (b && b->next) { a->cur = b->next; continue; }
        size_t cap = len + 1 > 16384 ? len + 1 : 16384;
        block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->next = NULL;
        nb->len = 0;
        nb->cap = cap;
        if (b) b->next = nb;
        else a->head = nb;
        a->cur = nb;
    }
}

/* A new note of 'kind' over [start, end); *x gets its side record (zeroed)
 * when x is not NULL. */
note *ngn_add_note(mnames *mn, unsigned kind, unsigned field, size_t start, size_t end, nxt **x) {
    if (ng_grow((void **)&mn->notes, &mn->notes_cap, mn->nnotes + 1, sizeof *mn->notes)) return NULL;
    if (x && ng_grow((void **)&mn->ext, &mn->ext_cap, mn->next + 1, sizeof *mn->ext)) return NULL;
    note *n = &mn->notes[mn->nnotes++];
    *n = (note){.start = start, .len = (uint32_t)(end - start), .field = field, .kind = (uint8_t)kind};
    if (x) {
        n->ext = (uint32_t)mn->next;
        *x = &mn->ext[mn->next++];
        memset(*x, 0, sizeof **x);
    }
    return n;
}

/* Appends an N_FREE note to the record stream. */
static int add_free(mnames *mn, unsigned field, size_t start, size_t end, uint64_t key, uint64_t key2,
                    unsigned cues) {
    if (mn->nfree + FREC_MAX > mn->free_cap && ng_grow((void **)&mn->free, &mn->free_cap, mn->nfree + FREC_MAX, sizeof *mn->free))
        return NG_E_NOMEM;
    uint64_t *r = mn->free + mn->nfree;
    if (!mn->fset || mn->ffield != field) {
        *r++ = R_FIELD;
        *r++ = field;
        mn->ffield = field;
        mn->fset = 1;
    }
    size_t len = end - start;
    int wide = (uint64_t)start >= (1ull << 40) || len > 0xFFFF;
    int k2 = (cues & (NF_UPPER | NF_GIVEN)) != 0;
    uint64_t hdr = wide ? 0 : (uint64_t)start << 24 | (uint64_t)len << 8;
    *r++ = hdr | cues | (wide ? R_WIDE : 0) | (k2 ? R_KEY2 : 0);
    *r++ = key;
    if (wide) { *r++ = start; *r++ = len; }
    if (k2) *r++ = key2;
    mn->nfree = (size_t)(r - mn->free);
    return NG_OK;
}


static int is_name_word(const ng_token *t) {
    return (t->flags & (TK_WORD | TK_DIGIT | TK_LONG)) == TK_WORD && (t->flags & (TK_CYR | TK_LATIN)) &&
           !((t->flags & TK_CYR) && (t->flags & TK_LATIN));
}

/* A capitalised word that may be part of a name (not a stop word, not in
 * capitals unless one letter). */
static int is_cap_word(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (!is_name_word(t) || !(t->flags & TK_UPPER1)) return 0;
    if ((t->flags & TK_ALLUPPER) && ncp_ge(tfold(c, i), tlen(c, i), 2)) return 0;
    return !wset_has(&ngn_stop_set, t->hash) && !wset_has(&ngn_title_set, t->hash);
}


/* An initial: one capital letter and a dot right after it, or, in text
 * tokenised with spaces ("Б . Хмельницького", as CoNLL-style corpora write
 * it), a dot after a space when a capitalised word follows. */
static int is_initial(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (i + 1 >= c->nt || !is_name_word(t) || !(t->flags & TK_UPPER1)) return 0;
    /* one code point: at most 4 bytes */
    if (tlen(c, i) > 4 || ncp(tfold(c, i), tlen(c, i)) != 1) return 0;
    if (!is_punct(c, i + 1, '.') || (c->tok[i + 1].flags & TK_NL)) return 0;
    if (!(c->tok[i + 1].flags & TK_SPACE)) return 1;
    return i + 2 < c->nt && (c->tok[i + 2].flags & TK_SPACE) && !(c->tok[i + 2].flags & TK_NL) &&
           (c->tok[i + 2].flags & TK_UPPER1) && (c->tok[i + 2].flags & TK_WORD);
}

/* The second of two initials after a surname in text tokenised with
 * spaces, whatever follows its dot ("Павлову Г . Л . по ..."): one capital
 * letter and a dot on the same line. */
static int last_initial(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    return i + 1 < c->nt && is_name_word(t) && (t->flags & TK_UPPER1) && tlen(c, i) <= 4 &&
           ncp(tfold(c, i), tlen(c, i)) == 1 && is_punct(c, i + 1, '.') && !(c->tok[i + 1].flags & TK_NL);
}

/* Sentence start: first token, after a line break or after . ! ? : or a quote/dash. */
int ngn_sentence_initial(const chunkctx *c, size_t i) {
    if (i == 0 || (c->tok[i].flags & TK_NL)) return 1;
    const ng_token *p = &c->tok[i - 1];
    if (!(p->flags & TK_PUNCT)) return 0;
    const char *f = tfold(c, i - 1);
    size_t l = tlen(c, i - 1);
    if (l == 1 && f[0] && strchr(".!?:;\"-", f[0])) return 1;
    /* compare whole tokens: a longer token must not read past the literals */
    if (l == 2 || l == 3) {
        static const char *const open[] = {"«", "…", "“", "„"};
        for (size_t k = 0; k < 4; k++)
            if (strlen(open[k]) == l && !memcmp(f, open[k], l)) return 1;
    }
    return 0;
}

static int is_patronymic(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (!(t->flags & TK_CYR) || !(t->flags & TK_UPPER1)) return 0;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i);
    static const char *const pat[] = { "ович", "евич", "євич", "ьович", "івн", "ївн", "овн", "евн", "ичн", NULL };
    for (const char *const *p = pat; *p; p++) {
        size_t pl = strlen(*p);
        /* (the second byte first: every Cyrillic letter starts with 0xD0
         * or 0xD1, and a call to memcmp at every byte was 1.5 % of the
         * instructions on Ukrainian and Russian news) */
        for (size_t k = l >= pl + 8 ? l - pl - 8 : 0; k + pl <= l; k++)
            if (f[k + 1] == (*p)[1] && !memcmp(f + k, *p, pl) && ncp(f, k) >= 2) return 1;
    }
    return 0;
}

/* Is the patronymic at token i a woman's (Іванівна, Петрівною,
 * Ільїнична, Сергеевне)? Her forms keep -вн- / -чн-, a man's never has it. */
static int patr_fem(const chunkctx *c, size_t i) {
    const char *f = tfold(c, i);
    size_t l = tlen(c, i);
    for (size_t k = l >= 12 ? l - 12 : 0; k + 4 <= l; k++)
        if ((!memcmp(f + k, "вн", 4) || !memcmp(f + k, "чн", 4)) && ncp(f, k) >= 2) return 1;
    return 0;
}

/* Does the patronymic at token p agree with the given name *g? A man's
 * patronymic cannot follow a woman's given name, nor a woman's a man's
 * (female patronymics end -івна, -ична). When the list has a case form of
 * the other gender spelt alike, *g becomes it, provided the patronymic is
 * declined too (Олександра Петровича: the genitive of Олександр); else the
 * word is a surname, not a patronymic (Олени Петрович, Олександра
 * Петрович: a woman's -вич surname does not decline). */
static int patr_agrees(const chunkctx *c, size_t p, const gform **g, const gform *const *gf, size_t ng) {
    int fem = patr_fem(c, p);
    if (!!c->nl->names[(*g)->name].fem == fem) return 1;
    /* a man's patronymic in the nominative ends -ич, a woman's -на */
    const char *f = tfold(c, p);
    size_t l = tlen(c, p);
    int nom = fem ? ends_with(f, l, "на", 4) : ends_with(f, l, "ич", 4);
    for (size_t k = 0; k < ng; k++)
        if (!!c->nl->names[gf[k]->name].fem == fem && !!gf[k]->is_nom == nom) { *g = gf[k]; return 1; }
    return 0;
}

/* The dictionary span that covers byte 'b' of the field (walking forward),
 * or -1. Only chosen spans count (overlaps in --all mode are skipped). */
static long covering(chunkctx *c, size_t b) {
    const span *s = c->m->spans;
    while (c->sp < c->ndict && ((s[c->sp].flags & NG_MATCH_OVERLAP) || s[c->sp].end <= b)) c->sp++;
    if (c->sp < c->ndict && s[c->sp].start <= b) return (long)c->sp;
    return -1;
}

size_t ngn_first_ending_after(const chunkctx *c, size_t from, size_t b) {
    /* Without --all the chunk's dictionary spans are disjoint and in order
     * (pass 2 goes on after each match), so their ends increase and the
     * first one ending after b is found by bisection: the organisation rules
     * ask from the chunk's first span, and a walk from there for every
     * capitalised word was quadratic in the length of a chunk (2.6 s for
     * 3.5 MB of "The European Commission (EC) said ..."). With --all spans
     * overlap: the caller walks from 'from'. */
    if (c->all) return from;
    const span *s = c->m->spans;
    size_t lo = from, hi = c->ndict > from ? c->ndict : from;
    /* The walk position (c->sp) splits the range: the answer is before it,
     * or (usually, as the rules ask about the words at and after the walk)
     * a step or two after it. The organisation rules ask from the chunk's
     * first span. */
    if (c->sp > lo && c->sp < hi) {
        if (s[c->sp - 1].end > b) hi = c->sp;
        else lo = c->sp;
    }
    for (int step = 0; step < 4 && lo < hi; step++, lo++)
        if (s[lo].end > b) return lo;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].end > b) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

long ngn_covering_at(const chunkctx *c, size_t from, size_t b) {
    const span *s = c->m->spans;
    for (size_t k = ngn_first_ending_after(c, from, b); k < c->ndict; k++) {
        if (s[k].flags & NG_MATCH_OVERLAP) continue;
        if (s[k].start > b) return -1;
        if (s[k].end > b) return (long)k;
    }
    return -1;
}


/* Candidate types of span k: bit 1 PER, 2 LOC, 4 ORG, 8 other. */
unsigned ngn_span_types(const mstate *m, size_t k) {
    unsigned r = 0;
    const span *s = &m->spans[k];
    for (size_t i = 0; i < s->ncand; i++) {
        const char *ty = m->cands[s->cand + i].c.type;
        r |= !strcmp(ty, "PER") ? 1u : !strcmp(ty, "LOC") ? 2u : !strcmp(ty, "ORG") ? 4u : 8u;
    }
    return r;
}

/* Can token i be part of a rule span? Not if a dictionary span that is not
 * a person covers it, or one that reaches outside [lo, hi) of the tokens. */
static int free_for_rule(const chunkctx *c, size_t i, size_t lo_tok, int allow_other) {
    long k = ngn_covering_at(c, c->sp, tok_start(c, i));
    if (k < 0) return 1;
    const span *s = &c->m->spans[k];
    if (s->start < tok_start(c, lo_tok)) return 0;
    if (!(ngn_span_types(c->m, (size_t)k) & 1) && !allow_other) return 0;
    return 1;
}

span *ngn_push_span(mstate *m, size_t start, size_t end, unsigned field, const char *id, const char *type,
                    const char *name, unsigned flags, unsigned rule) {
    if (ng_grow((void **)&m->cands, &m->cands_cap, m->ncands + 1, sizeof *m->cands) ||
        ng_grow((void **)&m->spans, &m->spans_cap, m->nspans + 1, sizeof *m->spans))
        return NULL;
    cand *cd = &m->cands[m->ncands];
    cd->c = (ng_candidate){id, type, name};
    cd->priority = 0;
    cd->order = UINT64_MAX;
    cd->inflected = 0;
    span *s = &m->spans[m->nspans++];
    *s = (span){.start = start, .end = end, .field = field, .cand = m->ncands++, .ncand = 1, .flags = flags | SPAN_FIXED, .rule = rule};
    return s;
}

/* Appends a rule span over tokens [i, j] naming entity (id, name). */
int ngn_add_rule_span(chunkctx *c, size_t i, size_t j, const char *type, const char *id, const char *name,
                      unsigned rule, unsigned flags) {
    mstate *m = c->m;
    span *s = ngn_push_span(m, tok_start(c, i), tok_end(c, j), c->field, id, type, name, NG_MATCH_RULE | flags, rule);
    if (!s) return NG_E_NOMEM;
    /* dictionary spans inside it are replaced (kept as overlaps in --all) */
    for (size_t k = c->sp; k < c->ndict; k++) {
        span *d = &m->spans[k];
        if (d->start >= s->end) break;
        if (d->start >= s->start && d->end <= s->end && !c->all) {
            if (ng_grow((void **)&c->mn->dead, &c->mn->dead_cap, c->mn->ndead + 1, sizeof *c->mn->dead))
                return NG_E_NOMEM;
            c->mn->dead[c->mn->ndead++] = k;
        }
    }
    return NG_OK;
}

/* Appends the UTF-8 slug part of a folded word to buf. */
static size_t put(char *buf, size_t len, size_t cap, const char *s, size_t n) {
    if (len + n + 1 >= cap) return len;
    memcpy(buf + len, s, n);
    return len + n;
}

/* Appends the key of a name word (folded) to buf: a Cyrillic word gives
 * the skeleton of its stem, a Latin word the stem of its skeleton, so that
 * Ребров, Реброва, Rebrov → rebr and Зеленський, Зеленского, Zelenskyy →
 * zelensk. */
static size_t put_key(char *buf, size_t len, size_t cap, const char *f, size_t fl, int latin) {
    char sk[SK_MAX + 1];
    size_t n = latin ? ngn_sk_latin_stem(sk, ngn_skel(f, fl, sk, 0)) : ngn_skel(f, ngn_stem_len(f, fl), sk, 0);
    return put(buf, len, cap, sk, n);
}

/* put_key of the Cyrillic name word s[0, len) as written (folded here):
 * the new length, or 0 when out of memory. */
static size_t put_name_key(char *buf, size_t len, size_t cap, const char *s, size_t n) {
    size_t fl = 0;
    char *f = ng_fold(s, n, &fl);
    if (!f) return 0;
    len = put_key(buf, len, cap, f, fl, 0);
    free(f);
    return len;
}

/* Is the 2-byte Cyrillic letter at p a vowel or a soft or hard sign? */
static int cyr_vowel(const char *p) {
    static const char *const vow = "аеєиіїоуюяыэьъ";
    for (const char *v = vow; *v; v += 2)
        if (!memcmp(p, v, 2)) return 1;
    return 0;
}

/* Is the letter at p (folded, two bytes) one before which a stem's -к is
 * a surname in -ко declined (т ь й ш ч ж: no nominative ends in -тк, -йк
 * ...; Харька, Бойком, Смєшка, Харьку), not one in -к (Вовк, Волк)? */
static int ko_before(const char *p) {
    static const char *const ko[] = {"т", "ь", "й", "ш", "ч", "ж", NULL};
    for (const char *const *k = ko; *k; k++)
        if (!memcmp(p, *k, 2)) return 1;
    return 0;
}

/* Nominative guess of a surname (display only; the id uses stems). 'fem':
 * a woman's form; 'only': the ending is one only a woman's surname takes
 * in a case other than the nominative (fem_oblique): 2 when her
 * nominative ends as a man's genitive does (-ова, -ева, -іна, -ина), 1 for
 * the others; 0 when a man's form or a nominative ends so too (-ову, -ину:
 * also a man's dative; -ской: Трубецкой). */
typedef struct nomrule { const char *from, *to; int fem, only; } nomrule;
static const nomrule nom_rules[] = {
    {"ського", "ський", 0, 0}, {"ському", "ський", 0, 0}, {"ським", "ський", 0, 0}, {"ськім", "ський", 0, 0},
    {"цького", "цький", 0, 0}, {"цькому", "цький", 0, 0}, {"цьким", "цький", 0, 0},
    {"ского", "ский", 0, 0}, {"скому", "ский", 0, 0}, {"ским", "ский", 0, 0}, {"ском", "ский", 0, 0},
    {"цкого", "цкий", 0, 0}, {"цкому", "цкий", 0, 0}, {"цким", "цкий", 0, 0},
    {"енкові", "енко", 0, 0}, {"енком", "енко", 0, 0}, {"енка", "енко", 0, 0}, {"енку", "енко", 0, 0},
    {"єнкові", "єнко", 0, 0}, {"єнком", "єнко", 0, 0}, {"єнка", "єнко", 0, 0}, {"єнку", "єнко", 0, 0},
    {"овим", "ов", 0, 0}, {"овым", "ов", 0, 0}, {"овом", "ов", 0, 0}, {"ові", "ов", 0, 0}, {"ова", "ов", 0, 0},
    {"ову", "ов", 0, 0}, {"ове", "ов", 0, 0}, {"евим", "ев", 0, 0}, {"евым", "ев", 0, 0}, {"ева", "ев", 0, 0},
    {"еву", "ев", 0, 0}, {"еві", "ев", 0, 0}, {"євим", "єв", 0, 0}, {"єва", "єв", 0, 0}, {"єву", "єв", 0, 0},
    {"єві", "єв", 0, 0}, {"іним", "ін", 0, 0}, {"іна", "ін", 0, 0}, {"іну", "ін", 0, 0}, {"иным", "ин", 0, 0},
    {"ина", "ин", 0, 0}, {"ину", "ин", 0, 0}, {"ином", "ин", 0, 0},
    {"ого", "ий", 0, 0}, {"ому", "ий", 0, 0},
    {"ою", "а", 0, 0},   /* (a man's surname in -а: Тарутою, Скрипкою) */
    {"ової", "ова", 1, 2}, {"овій", "ова", 1, 0}, {"ову", "ова", 1, 0}, {"овою", "ова", 1, 2}, {"овой", "ова", 1, 2},
    {"евой", "ева", 1, 2}, {"еву", "ева", 1, 0}, {"евої", "ева", 1, 2}, {"евій", "ева", 1, 0}, {"евою", "ева", 1, 2},
    {"євої", "єва", 1, 1}, {"євій", "єва", 1, 1}, {"євою", "єва", 1, 1}, {"єву", "єва", 1, 0}, {"ёвой", "ёва", 1, 1},
    {"іною", "іна", 1, 2}, {"іної", "іна", 1, 2}, {"іній", "іна", 1, 0}, {"іну", "іна", 1, 0},
    {"иной", "ина", 1, 2}, {"иної", "ина", 1, 2}, {"иною", "ина", 1, 2}, {"ину", "ина", 1, 0},
    {"ної", "на", 1, 0}, {"ною", "на", 1, 0}, {"ній", "на", 1, 0},
    {"ської", "ська", 1, 1}, {"ській", "ська", 1, 1}, {"ську", "ська", 1, 0}, {"ською", "ська", 1, 1},
    {"ской", "ская", 1, 0}, {"скую", "ская", 1, 0},
    {"цької", "цька", 1, 1}, {"цькій", "цька", 1, 1}, {"цьку", "цька", 1, 0}, {"цькою", "цька", 1, 1},
    {"зької", "зька", 1, 1}, {"зькій", "зька", 1, 1}, {"зьку", "зька", 1, 0}, {"зькою", "зька", 1, 1},
    {NULL, NULL, 0, 0}
};
static const char *const cons_end[] = { "ові", "еві", "ом", "ем", "а", "у", "і", "е", NULL };

/* Appends orig[0, olen) to buf with its last 'cut' letters replaced by
 * 'to' (a surname's ending by its nominative's). */
static size_t put_swap(char *buf, size_t len, size_t cap, const char *orig, size_t olen, size_t cut, const char *to) {
    len = put(buf, len, cap, orig, olen - ngn_tail_bytes(orig, olen, cut));
    return put(buf, len, cap, to, strlen(to));
}

/* Is token k the conjunction between two given names a family's surname
 * follows (і, та, й, и, and, &: spaced, on one line)? */
static int family_conj(const chunkctx *c, size_t k) {
    if (k + 1 >= c->nt) return 0;
    const ng_token *t = &c->tok[k];
    return (t->flags & TK_SPACE) && !(t->flags & TK_NL) && (c->tok[k + 1].flags & TK_SPACE) &&
           !(c->tok[k + 1].flags & TK_NL) &&
           (tok_is(c, k, "і") || tok_is(c, k, "та") || tok_is(c, k, "й") || tok_is(c, k, "и") ||
            tok_is(c, k, "and") || is_punct(c, k, '&'));
}

/* A family's surname in the plural after two given names ("Петро та
 * Марія Коваленки", "Денису і Володимиру Ященкам", "Олег і Тетяна
 * Петрови", "Андрей и Анна Смирновы"): each one's nominative, by gender
 * (fem: the woman's); "*": either. Not -іни / -ини, the genitive of a
 * surname in -іна / -ина too (Петра Калини). 'any': a plural only, read
 * after one given name too ("доньці Ірині Качаненкам"); the others end as
 * a singular may (Олександром Юровських, an indeclinable surname; a man's
 * Петровим), read only after two given names. */
#define R(from, m, f, any) {from, m, f, any, sizeof from - 1}
static const struct { const char *from, *m, *f; int any; unsigned char len; } plural_nom_rules[] = {
    R("енки", "енко", "*", 1), R("енків", "енко", "*", 1), R("енкам", "енко", "*", 1), R("енками", "енко", "*", 1),
    R("енках", "енко", "*", 1), R("уки", "ук", "*", 1), R("уків", "ук", "*", 1), R("укам", "ук", "*", 1),
    R("уками", "ук", "*", 1), R("уках", "ук", "*", 1), R("юки", "юк", "*", 1), R("юків", "юк", "*", 1),
    R("юкам", "юк", "*", 1), R("ичі", "ич", "*", 1), R("ичів", "ич", "*", 1), R("ичам", "ич", "*", 1),
    R("ичами", "ич", "*", 1), R("ичах", "ич", "*", 1), R("ови", "ов", "ова", 1), R("ових", "ов", "ова", 0),
    R("овим", "ов", "ова", 0), R("овими", "ов", "ова", 0), R("еви", "ев", "ева", 1), R("евих", "ев", "ева", 0),
    R("евим", "ев", "ева", 0), R("єви", "єв", "єва", 1), R("євих", "єв", "єва", 0), R("євим", "єв", "єва", 0),
    R("іних", "ін", "іна", 0), R("іним", "ін", "іна", 0), R("иних", "ин", "ина", 0), R("ські", "ський", "ська", 1),
    R("ських", "ський", "ська", 0), R("ським", "ський", "ська", 0), R("ськими", "ський", "ська", 0),
    R("цькі", "цький", "цька", 1), R("цьких", "цький", "цька", 0), R("цьким", "цький", "цька", 0),
    R("овы", "ов", "ова", 1), R("овых", "ов", "ова", 0), R("овым", "ов", "ова", 0), R("овыми", "ов", "ова", 0),
    R("евы", "ев", "ева", 1), R("евых", "ев", "ева", 0), R("ины", "ин", "ина", 0), R("иных", "ин", "ина", 0),
    R("ские", "ский", "ская", 1), R("ских", "ский", "ская", 0), R("ским", "ский", "ская", 0),
    R("цкие", "цкий", "цкая", 1), R("цких", "цкий", "цкая", 0),
};
#undef R

/* The row of plural_nom_rules the folded surname f ends with (its longest
 * ending, two letters before it at least: Ященкам), or -1. */
static long plural_row(const char *f, size_t fl) {
    long best = -1;
    size_t bl = 0;
    for (size_t q = 0; q < sizeof plural_nom_rules / sizeof *plural_nom_rules; q++) {
        size_t el = plural_nom_rules[q].len;
        if (el > bl && ends_with(f, fl, plural_nom_rules[q].from, el) && ncp(f, fl - el) >= 2) {
            best = (long)q;
            bl = el;
        }
    }
    return best;
}

/* The singular nominative of a plural surname (orig as written, f folded)
 * for a man or a woman (fem), appended to buf; len unchanged if it is no
 * plural of plural_nom_rules (after two given names: family; else the
 * 'any' rows only). */
static size_t plural_nom(char *buf, size_t len, size_t cap, const char *orig, size_t olen, const char *f, size_t fl,
                         int fem, int family) {
    long q = plural_row(f, fl);
    if (q < 0 || (!family && !plural_nom_rules[q].any)) return len;
    const char *to = plural_nom_rules[q].m;
    if (fem && strcmp(plural_nom_rules[q].f, "*")) to = plural_nom_rules[q].f;
    return put_swap(buf, len, cap, orig, olen, ncp(plural_nom_rules[q].from, strlen(plural_nom_rules[q].from)), to);
}

static size_t nom_guess(char *buf, size_t len, size_t cap, const char *orig, size_t olen, const char *f,
                        size_t fl, int fem, int given) {
    for (const nomrule *r = nom_rules; r->from; r++) {
        if (r->fem != fem) continue;
        size_t el = strlen(r->from);
        if (!ends_with(f, fl, r->from, el)) continue;
        /* (two letters before -енко: Яценка, Ющенка are Яценко, Ющенко) */
        size_t min = !strcmp(r->to, "енко") || !strcmp(r->to, "єнко") ? 2 : 3;
        if (ncp(f, fl - el) < min) continue;
        return put_swap(buf, len, cap, orig, olen, ncp(r->from, el), r->to);
    }
    if (!fem && fl >= 2 && (unsigned char)f[0] >= 0x80 && ncp(f, fl) >= 5) {
        /* Кобзаря → Кобзар, Коваля → Коваль; after a declined given name
         * also Кукси, Куксы → Кукса (Берлускони after initials is no
         * genitive) */
        static const struct { const char *from, *to; int given; } soft[] = {
            {"ря", "р", 0}, {"ля", "ль", 0}, {"и", "а", 1}, {"ы", "а", 1} };
        for (size_t q = 0; q < sizeof soft / sizeof *soft; q++) {
            size_t el = strlen(soft[q].from);
            if ((soft[q].given && !given) || !ends_with(f, fl, soft[q].from, el)) continue;
            /* a consonant before -и, not the plural of a surname that
             * does not end in -а (Мельничуки, Гнатюки) */
            if (el == 2 && (cyr_vowel(f + fl - 4) || ends_with(f, fl - 2, "ук", 4) || ends_with(f, fl - 2, "юк", 4)))
                continue;
            return put_swap(buf, len, cap, orig, olen, ncp(soft[q].from, el), soft[q].to);
        }
    }
    if (!fem && fl >= 2 && (unsigned char)f[0] >= 0x80)
        for (const char *const *e = cons_end; *e; e++) {
            size_t el = strlen(*e);
            if (!ends_with(f, fl, *e, el) || ncp(f, fl - el) < 3) continue;
            /* the stem must end in a consonant */
            const char *last = f + fl - el - 2;
            static const char *const vow = "аеєиіїоуюяыэь";
            int vowel = 0;
            for (const char *v = vow; *v; v += 2) if (!memcmp(last, v, 2)) vowel = 1;
            if (vowel) break;
            len = put_swap(buf, len, cap, orig, olen, ncp(*e, el), "");
            /* a stem in к after т ь й ш ч ж is a surname in -ко declined
             * (Харькові, Бойком, Смєшка: Харько, Бойко, Смєшко): no
             * nominative ends so, as Вовк, Волк do after в and л (not
             * after -у, also the accusative of one in -ка: Квітку) */
            if (fl - el >= 4 && !memcmp(f + fl - el - 2, "к", 2) && strcmp(*e, "у") && strcmp(*e, "і") &&
                strcmp(*e, "е") && ko_before(f + fl - el - 4))
                return put(buf, len, cap, "о", 2);
            return len;
        }
    return put(buf, len, cap, orig, olen);
}

/* A man's surname in -у / -ю (or -ія) right after his declined given name
 * (token gt, its list name gn), whose ending alone does not tell the
 * nominative (an accusative of -а / -я or a dative of a consonant's:
 * Паляницу, Ковалю): the nominative whose case form, declined with the
 * given name as the dictionary compiler declines a name (inflect.c), is
 * the pair as written ("Гната Паляницю": Паляниця; "Петру Ковалю": Коваль;
 * "Петру Кобзарю": Кобзар; "Ивана Паляницу": Паляница; "Михайлом
 * Голицею": Голиця; "Маркіяну Бедрію": Бедрій; "Андрію Гайдаю": Гайдай;
 * "Олексію Харьку": Харько; "Тараса Палія": Палій), appended to buf as the
 * surname token k is written, its ending replaced. len unchanged if none
 * (nom_guess's endings then). */
static size_t sur_nom_declined(const chunkctx *c, const gname *gn, size_t gt, size_t k, char *buf, size_t len,
                               size_t cap) {
    static const struct { const char *end; size_t cut; const char *add; } r[] = {
        /* (-ець first: "Андрію Кравцю" is Кравець's dative, and Кравця's
         * vocative too) */
        {"ьця", 3, "ець"}, {"ьцю", 3, "ець"}, {"ьцем", 4, "ець"}, {"йця", 3, "єць"}, {"йцю", 3, "єць"},
        {"йцем", 4, "єць"}, {"ця", 2, "ець"}, {"цю", 2, "ець"}, {"цем", 3, "ець"},
        {"ьца", 3, "ец"}, {"ьцу", 3, "ец"}, {"ьцом", 4, "ец"}, {"ьцем", 4, "ец"}, {"ца", 2, "ец"}, {"цу", 2, "ец"},
        {"цом", 3, "ец"}, {"цем", 3, "ец"},
        {"ію", 1, "й"}, {"аю", 1, "й"}, {"яю", 1, "й"}, {"ею", 2, "я"}, {"єю", 2, "я"}, {"ю", 1, "я"},
        {"рю", 1, ""}, {"ю", 1, "ь"}, {"у", 1, "а"}, {"ку", 1, "о"}, {"ія", 1, "й"}, {"ая", 1, "й"},
        {"єм", 2, "й"},
    };
    const char *f = tfold(c, k), *o = c->text + tok_start(c, k);
    size_t fl = tlen(c, k), ol = tok_end(c, k) - tok_start(c, k);
    if (k != gt + 1 || !(c->tok[k].flags & TK_CYR) || (c->tok[k].flags & (TK_ALLUPPER | TK_LATIN | TK_DIGIT)) ||
        ncp(f, fl) < 5 || ncp(f, fl) != ncp(o, ol) || fl + 8 > 96 || ol + 8 > 96)
        return len;
    size_t q0 = 0;   /* the first row whose ending the word has */
    while (q0 < sizeof r / sizeof *r && !ends_with(f, fl, r[q0].end, strlen(r[q0].end))) q0++;
    if (q0 == sizeof r / sizeof *r) return len;
    int lang = ngn_lang_near(c, gt, k);
    if (lang == L_EN) return len;
    const ng_namelist *L = c->nl;
    const char *want[2] = {tfold(c, gt), f};
    const size_t wl[2] = {tlen(c, gt), fl};
    for (size_t q = q0; q < sizeof r / sizeof *r; q++) {
        size_t el = strlen(r[q].end), al = strlen(r[q].add);
        if (!ends_with(f, fl, r[q].end, el)) continue;
        /* (-у, -ю after a consonant; a soft sign only after л, н: Коваль,
         * not Кобзарь, Подольць; an indeclinable surname, Гецеу, stays) */
        const char *prev = f + fl - 2 * r[q].cut - 2;
        if (el == 2 && (cyr_vowel(prev) || (!strcmp(r[q].add, "ь") && memcmp(prev, "л", 2) && memcmp(prev, "н", 2))))
            continue;
        /* (-ку as -ко's dative only after т ь й ш ч ж, where no nominative
         * ends in -к: Харьку, Лейку; Вовку is Вовк's) */
        if (!strcmp(r[q].add, "о") && !ko_before(prev - 2)) continue;
        /* (-ьця is -лець's: Подольцю is Подолець's, not Подольець's;
         * -йця -єць's: Корнійця is Корнієць's; Russian -ьца -лец's) */
        if ((!strcmp(r[q].add, "ець") || !strcmp(r[q].add, "ец")) && (!memcmp(prev, "ь", 2) || !memcmp(prev, "й", 2)))
            continue;
        char cf[96], co[96];
        size_t fb = fl - 2 * r[q].cut, ob = ol - 2 * r[q].cut;   /* (Cyrillic letters: two bytes each) */
        memcpy(cf, f, fb);
        memcpy(cf + fb, r[q].add, al);
        memcpy(co, o, ob);
        memcpy(co + ob, r[q].add, al);
        ng_inflect_word w[2] = {{L->strs + gn->fold, gn->fold_len, L->strs + gn->nom, gn->nom_len, 1},
                                {cf, fb + al, co, ob + al, 1}};
        if (ngn_declines_to(w, 2, want, wl, "PER", lang == L_RU ? NG_LANG_RU : lang == L_UK ? NG_LANG_UK : NG_LANG_UNKNOWN,
                            0))
            return put(buf, len, cap, co, ob + al);
    }
    return len;
}

/* Nominative of a declined patronymic (display only): Володимировича →
 * Володимирович, Іванівни, Іванівною → Іванівна, Сергеевне → Сергеевна. */
static size_t patr_nom(char *buf, size_t len, size_t cap, const char *orig, size_t olen, const char *f,
                       size_t fl) {
    static const struct { const char *end; int drop; const char *add; } r[] = {
        {"ичеві", 3, ""}, {"ичем", 2, ""}, {"ича", 1, ""}, {"ичу", 1, ""}, {"ичі", 1, ""}, {"ичи", 1, ""},
        {"ичеви", 3, ""}, {"вною", 2, "а"}, {"вной", 2, "а"}, {"вній", 2, "а"}, {"вни", 1, "а"},
        {"вні", 1, "а"}, {"вну", 1, "а"}, {"вне", 1, "а"}, {"вны", 1, "а"}, {"чною", 2, "а"},
        {"чной", 2, "а"}, {"чній", 2, "а"}, {"чни", 1, "а"}, {"чні", 1, "а"}, {"чну", 1, "а"},
        {"чне", 1, "а"}, {"чны", 1, "а"},
    };
    for (size_t k = 0; k < sizeof r / sizeof *r; k++) {
        size_t el = strlen(r[k].end);
        if (!ends_with(f, fl, r[k].end, el) || ncp(f, fl) < 6) continue;
        return put_swap(buf, len, cap, orig, olen, (size_t)r[k].drop, r[k].add);
    }
    return put(buf, len, cap, orig, olen);
}

static uint32_t first_cp(const char *s, size_t len) {
    int32_t cp = 0;
    if (len && ng_utf8_decode((const unsigned char *)s, len, &cp) > 0) return (uint32_t)cp;
    return 0;
}

/* Records a full person name for the article pass. */
static int note_person(chunkctx *c, int kind, size_t i, size_t j, size_t surname, long given, const char *id,
                       const char *name, size_t candidx, long patr) {
    if (!c->partial) return NG_OK;
    nxt *x;
    note *n = ngn_add_note(c->mn, (unsigned)kind, c->field, tok_start(c, i), tok_end(c, j), &x);
    if (!n) return NG_E_NOMEM;
    n->key = ctx_stem(c, surname);
    if (given >= 0) {
        x->key2 = ctx_stem(c, (size_t)given);
        x->initial = first_cp(tfold(c, (size_t)given), tlen(c, (size_t)given));
        if (!is_initial(c, (size_t)given)) x->first = x->key2;
    } else if (kind == N_REF && surname > i && is_cap_word(c, i) && !is_initial(c, i)) {
        /* a title before two words ("captain Will Carling"): the first is
         * its given name, so it is not the Julia Carling of the article */
        x->first = ctx_stem(c, i);
        x->initial = first_cp(tfold(c, i), tlen(c, i));
    }
    x->id = id;
    x->type = "PER";
    x->name = name;
    x->cand = candidx;
    x->patr = patr >= 0 ? ctx_stem(c, (size_t)patr) : 0;
    x->amb = kind == N_PER && c->amb_given;
    /* initials, or a title before two words or a Latin word; a title
     * before one Cyrillic word is too often an organisation or a place
     * (голова Держінвестпроекту, директора Українського центру) */
    size_t title = i && is_punct(c, i - 1, '.') && i > 1 ? i - 2 : i ? i - 1 : 0;
    x->reg = kind == N_REF && (given >= 0 || surname > i ||
                               ((c->tok[surname].flags & TK_LATIN) && (c->tok[title].flags & TK_LATIN)));
    return NG_OK;
}

/* The one person a dictionary span over exactly tokens [j, last] names, or NULL. */
static const cand *dict_person(const chunkctx *c, size_t j, size_t last) {
    long k = ngn_covering_at(c, c->sp, tok_start(c, j));
    if (k < 0) return NULL;
    const span *s = &c->m->spans[k];
    if (s->start != tok_start(c, j) || s->end != tok_end(c, last) || s->ncand != 1) return NULL;
    const cand *cd = &c->m->cands[s->cand];
    return strcmp(cd->c.type, "PER") ? NULL : cd;
}

/* Is 'name' (a dictionary name as written, '=', '~' or '^' first allowed)
 * of two words or more, the first of them given name key[0..kl) (its
 * list's key in any case form, or the skeleton of a name no list holds)? */
static int alias_given_is(const ng_namelist *L, const char *name, const char *key, size_t kl) {
    name += strspn(name, "=~^");
    size_t wl = strcspn(name, " ");
    if (!wl || !name[wl]) return 0;
    size_t fl = 0;
    char *f = ng_fold(name, wl, &fl);
    if (!f) return 0;
    const gform *gf[4];
    size_t n = ngn_nl_lookup(L, ng_hash(f, fl), f, fl, gf, 4), ok = 0;
    for (size_t q = 0; q < n && !ok; q++) {
        size_t gl;
        const char *g = ngn_given_key(L, &L->names[gf[q]->name], &gl);
        ok = gl == kl && !memcmp(g, key, kl);
    }
    if (!n) {
        char sk[SK_MAX];
        size_t sl = ngn_skel(f, fl, sk, SK_GIVEN);
        ok = sl == kl && !memcmp(sk, key, kl);
    }
    free(f);
    return (int)ok;
}

/* Does folded surname f read as a woman's nominative (-ова, -ева, -іна,
 * -ина, -ська, -цька, -зька; Russian -ская, -цкая)? */
static int fem_nominative(const char *f, size_t l) {
    static const char *const e[] = {"ова", "ева", "єва", "ёва", "іна", "ина", "ська", "цька", "зька", "ская", "цкая", NULL};
    for (const char *const *x = e; *x; x++)
        if (ends_with(f, l, *x, strlen(*x)) && ncp(f, l) > ncp(*x, strlen(*x)) + 1) return 1;
    return 0;
}

/* The dictionary person of candidate cd (one candidate of a span over a
 * surname alone) when one of its names is given name key[0..kl) and a
 * surname: "Реджеп Эрдоган" is the dictionary's Реджеп Тайип Эрдоган
 * (Эрдоган one of its names), "Борис Николаевич Ельцин" its Борис Ельцин;
 * not "Мишель Обама" (Barack Obama's surname). NULL if none. */
static const cand *dict_given_person(const chunkctx *c, const cand *cd, const char *key, size_t kl) {
    const ng_dict *d = NULL;
    const img_entity *e = cd && c->nl ? ng_cand_entity(c->t, cd, &d) : NULL;
    for (uint32_t k = 0; e && k <= e->alias_count; k++)
        if (alias_given_is(c->nl, ng_entity_alias(d, e, k), key, kl)) return cd;
    return NULL;
}

static int fem_oblique(const char *f, size_t fl);

/* Builds id and name of a rule person and adds the span. */
static int person_span(chunkctx *c, unsigned rule, size_t i, size_t j, const gform *g, size_t gtok, long initial_tok,
                       size_t sur_first, size_t sur_last, long patr) {
    char id[512], nm[512];
    size_t il = 0, nl = 0;
    il = put(id, il, sizeof id, "per:", 4);
    const ng_namelist *L = c->nl;
    /* (after initials, a surname in a case only a woman's takes tells:
     * "Л. І. Комарової" is Л. І. Комарова) */
    int fem = !g && initial_tok >= 0 && sur_last >= sur_first && fem_oblique(tfold(c, sur_last), tlen(c, sur_last));
    int indecl_fem = 0;   /* a given name that does not decline before a woman's surname in a case form */
    const char *gkey = NULL;
    size_t gkl = 0;
    if (g) {
        const gname *gn = &L->names[g->name];
        fem = gn->fem;
        /* (a name in -а / -я both sexes carry, Саша, Женя: a surname in a
         * case only a woman's takes tells: "Саші Петрової" is Саша Петрова) */
        if (!fem && sur_last >= sur_first && ngn_given_either(L->strs + gn->fold, gn->fold_len) &&
            fem_oblique(tfold(c, sur_last), tlen(c, sur_last)))
            fem = 1;
        /* (so does it after a name that does not decline, in е і и у ю:
         * "Айше Сейтаблаєвій" is Айше Сейтаблаєва, "Мері Петровою") */
        if (!fem && g->is_nom && sur_last >= sur_first && gn->fold_len >= 4 && (c->tok[gtok].flags & TK_CYR) &&
            fem_oblique(tfold(c, sur_last), tlen(c, sur_last))) {
            const char *e = L->strs + gn->fold + gn->fold_len - 2;
            if (!memcmp(e, "е", 2) || !memcmp(e, "і", 2) || !memcmp(e, "и", 2) || !memcmp(e, "у", 2) ||
                !memcmp(e, "ю", 2))
                fem = indecl_fem = 1;
        }
        size_t kl;
        const char *key = gkey = ngn_given_key(L, gn, &kl);
        gkl = kl;
        il = put(id, il, sizeof id, key, kl);
        /* the first part of a hyphenated given name as written (Jean- of
         * Jean-Pierre, Жан- of Жан-Клода), then the nominative as written,
         * else the list's nominative */
        if (i + 2 == gtok && is_punct(c, i + 1, '-') && !(c->tok[gtok].flags & TK_SPACE))
            nl = put(nm, nl, sizeof nm, c->text + tok_start(c, i), tok_start(c, gtok) - tok_start(c, i));
        if (g->is_nom) nl = put(nm, nl, sizeof nm, c->text + tok_start(c, gtok), c->tok[gtok].end - c->tok[gtok].start);
        else nl = put(nm, nl, sizeof nm, L->strs + gn->nom, gn->nom_len);
    } else if (initial_tok >= 0) {
        /* the romanised letter (В., V. → v; Г., G., H. → h); a Cyrillic
         * letter whole, as in a word's skeleton (Ш. → sh, Ц. → ts, Ю. →
         * iu, Я. → ia: С. and Ш. Петрук are two people), a Latin one by
         * its first letter (X. → k, as before) */
        char r[SK_MAX + 8] = {0};
        int32_t cp = 0;
        int k = ng_utf8_decode((const unsigned char *)tfold(c, (size_t)initial_tok), tlen(c, (size_t)initial_tok), &cp);
        size_t rl = k > 0 && cp >= 0x80 ? ngn_skel(tfold(c, (size_t)initial_tok), (size_t)k, r, 0) : 0;
        if (rl && (cp < 0x400 || cp > 0x4FF)) rl = 1;   /* a Latin letter with a diacritic (Ø.) */
        if (!rl && k > 0 && ngn_romanise(cp, r)) {
            if (r[0] == 'g') r[0] = 'h';
            else if (r[0] == 'y') r[0] = 'i';
            else if (r[0] == 'c' || r[0] == 'q') r[0] = 'k';
            else if (r[0] == 'x') r[0] = 'k';
            rl = 1;
        }
        il = put(id, il, sizeof id, r, rl);
        /* the initials as written, before the surname also when they follow
         * it (Кузнєцов А. С.: "А. С. Кузнєцов", the name of the id) */
        size_t ie = (size_t)initial_tok < sur_first ? sur_first : j + 1;
        for (size_t k = (size_t)initial_tok; k < ie; k++) {
            if (k > (size_t)initial_tok && (c->tok[k].flags & TK_SPACE)) nl = put(nm, nl, sizeof nm, " ", 1);
            nl = put(nm, nl, sizeof nm, c->text + tok_start(c, k), c->tok[k].end - c->tok[k].start);
        }
    }
    if (patr >= 0 && sur_last < sur_first) {
        /* given name + patronymic */
        size_t p = (size_t)patr;
        il = put(id, il, sizeof id, "-", 1);
        il = put_key(id, il, sizeof id, tfold(c, p), tlen(c, p), 0);
        nl = put(nm, nl, sizeof nm, " ", 1);
        const char *po = c->text + tok_start(c, p);
        size_t pol = c->tok[p].end - c->tok[p].start;
        if (g && g->is_nom) nl = put(nm, nl, sizeof nm, po, pol);
        else nl = patr_nom(nm, nl, sizeof nm, po, pol, tfold(c, p), tlen(c, p));
    }
    int nominative = g && g->is_nom && !indecl_fem;   /* (her surname in its case: its nominative) */
    const gname *lname = NULL;   /* the list's name whose case form the one word is (президента Анны) */
    if (!g && rule == NG_RULE_TITLE && sur_first == sur_last && L) {
        /* one word after a title that the lists hold as a given name in
         * the nominative only (принц Гаррі, президент Джонні): as written,
         * not a surname's nominative guessed from its ending (Гарр); a
         * word that is also a case form (Романа: Романа, or Роман's
         * genitive) is left to the guess */
        const gform *gf[8];
        size_t ng = ngn_nl_lookup(L, c->tok[sur_first].hash, tfold(c, sur_first), tlen(c, sur_first), gf, 8);
        nominative = ng > 0;
        for (size_t k = 0; k < ng; k++) nominative &= gf[k]->is_nom;
        /* a case form of one name of the lists only (президента Анны,
         * принцессы Марины): that name's nominative */
        int one = ng > 0;
        for (size_t k = 0; k < ng; k++) one &= !gf[k]->is_nom && gf[k]->name == gf[0]->name;
        if (one) lname = &L->names[gf[0]->name];
    }
    int seen_nom = !g || g->is_nom;   /* every word in the nominative as written */
    for (size_t k = sur_first; k <= sur_last && sur_last >= sur_first; k++) {
        const ng_token *t = &c->tok[k];
        if (t->flags & TK_PUNCT) {
            /* a hyphen, or the apostrophe of O'Brien as written */
            il = put(id, il, sizeof id, "-", 1);
            nl = put(nm, nl, sizeof nm, c->text + tok_start(c, k), t->end - t->start);
            continue;
        }
        int joined = k > sur_first && (c->tok[k - 1].flags & TK_PUNCT);
        if (!joined && il > 4) il = put(id, il, sizeof id, "-", 1);
        if (!joined && nl) nl = put(nm, nl, sizeof nm, " ", 1);
        size_t il0 = il;
        il = put_key(id, il, sizeof id, tfold(c, k), tlen(c, k), (t->flags & TK_LATIN) != 0);
        const char *orig = c->text + tok_start(c, k);
        size_t ol = t->end - t->start;
        size_t pl = nl;
        if (k == sur_last && g && (t->flags & TK_CYR))
            pl = plural_nom(nm, nl, sizeof nm, orig, ol, tfold(c, k), tlen(c, k), fem,
                            c->family || (gtok >= 2 && family_conj(c, gtok - 1) && ngn_given_name(c, gtok - 2)));
        if (pl != nl) {
            /* a family's plural surname: the nominative gives the name and
             * the id (Ященкам's stem is no Ященко's) */
            if (!(il = put_name_key(id, il0, sizeof id, nm + nl, pl - nl))) return NG_E_NOMEM;
            nl = pl;
            seen_nom = 0;
        } else if (nominative || (t->flags & TK_LATIN) || k < sur_last) nl = put(nm, nl, sizeof nm, orig, ol);
        else {
            size_t before = nl;
            int declined = 0;   /* the nominative the inflection confirmed (sur_nom_declined) */
            if (lname) nl = put(nm, nl, sizeof nm, L->strs + lname->nom, lname->nom_len);
            else {
                if (g && !fem) nl = sur_nom_declined(c, &L->names[g->name], gtok, k, nm, nl, sizeof nm);
                declined = nl != before;
                if (nl == before) nl = nom_guess(nm, nl, sizeof nm, orig, ol, tfold(c, k), tlen(c, k), fem, g != NULL);
            }
            if (declined) {
                /* the id of the nominative, which its case forms' stems need
                 * not give (Гайдая: the stem of an adjective's -ая; Кравця:
                 * the vowel the nominative has, Кравець) */
                seen_nom = 0;
                if (!(il = put_name_key(id, il0, sizeof id, nm + before, nl - before))) return NG_E_NOMEM;
            } else if (nl - before != ol || memcmp(nm + before, orig, ol)) {
                seen_nom = 0;
                /* the guess must give the same key as the form found (else
                 * the name would name another id: keep the form found) */
                char k1[SK_MAX + 8], k2[SK_MAX + 8];
                size_t gl = 0;
                char *gf = ng_fold(nm + before, nl - before, &gl);
                size_t l1 = put_key(k1, 0, sizeof k1, tfold(c, k), tlen(c, k), 0);
                size_t l2 = gf ? put_key(k2, 0, sizeof k2, gf, gl, 0) : 0;
                free(gf);
                if (l1 != l2 || memcmp(k1, k2, l1)) { nl = before; nl = put(nm, nl, sizeof nm, orig, ol); }
            }
        }
    }
    mnames *mn = c->mn;
    const cand *dp = sur_last >= sur_first ? dict_person(c, sur_first, sur_last) : NULL;
    /* a given name before it: the dictionary's person only if one of its
     * names has that given name */
    if (dp && g) dp = dict_given_person(c, dp, gkey, gkl);
    if (dp) {
        /* initials, a title or the person's given name before a surname the
         * dictionary knows (its strings kept before the span is added: dp
         * points into the candidates, which adding a span may move) */
        const char *dtype = dp->c.type, *did = dp->c.id, *dname = dp->c.name;
        int rc = ngn_add_rule_span(c, i, j, dtype, did, dname, rule, 0);
        if (rc) return rc;
        return note_person(c, N_PER, i, j, sur_last, g ? (long)gtok : -1, did, dname, 0, patr);
    }
    const char *sid = ngn_arena_put(&mn->ar, id, il), *snm = ngn_arena_put(&mn->ar, nm, nl);
    if (!sid || !snm) return NG_E_NOMEM;
    size_t candidx = c->m->ncands;
    int rc = ngn_add_rule_span(c, i, j, "PER", sid, snm, rule, seen_nom ? NG_MATCH_NOMINATIVE : 0);
    if (rc) return rc;
    size_t sur = sur_last >= sur_first ? sur_last : (size_t)patr;
    return note_person(c, g ? N_PER : N_REF, i, j, sur, g ? (long)gtok : initial_tok, sid, snm, candidx, patr);
}

/* Is token k a hyphen joined to the words on both sides (Smith-Jones,
 * Jean-Pierre)? Token k + 1 must exist. */
static int hyphen_joins(const chunkctx *c, size_t k) {
    return is_punct(c, k, '-') && !(c->tok[k].flags & TK_SPACE) && !(c->tok[k + 1].flags & TK_SPACE);
}

/* Is token i right after a capitalised word that no span covers and that
 * does not start its sentence (Wasim of Wasim Akram)? Its cue NF_AFTER_NAME. */
static int after_unknown_name(chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    return i > 0 && (t->flags & TK_SPACE) && !(t->flags & TK_NL) && is_cap_word(c, i - 1) &&
           covering(c, tok_start(c, i - 1)) < 0 && !ngn_sentence_initial(c, i - 1);
}

/* Does token j start an Irish or Italian surname written with an
 * apostrophe, O'Brien, D'Alema: O or D, an apostrophe, a capitalised word,
 * joined? (An apostrophe joins Latin letters into no word: three tokens.) */
static int apos_surname(const chunkctx *c, size_t j) {
    if (j + 2 >= c->nt || tlen(c, j) != 1 || !(c->tok[j].flags & TK_LATIN) || !(c->tok[j].flags & TK_UPPER1)) return 0;
    char l = tfold(c, j)[0];
    if (l != 'o' && l != 'd') return 0;
    const ng_token *a = &c->tok[j + 1];
    if (!(a->flags & TK_PUNCT) || (a->flags & TK_SPACE) || (c->tok[j + 2].flags & TK_SPACE)) return 0;
    const char *at = c->text + tok_start(c, j + 1);
    size_t al = c->tok[j + 1].end - c->tok[j + 1].start;
    if (!((al == 1 && at[0] == '\'') || (al == 3 && !memcmp(at, "\xE2\x80\x99", 3)))) return 0;
    return is_cap_word(c, j + 2) && (c->tok[j + 2].flags & TK_LATIN) && ncp_ge(tfold(c, j + 2), tlen(c, j + 2), 2);
}

/* Surname run starting at token j: a capitalised word, optionally hyphenated
 * (Римський-Корсаков, Smith-Jones), or O'Brien. Returns its last token or
 * (size_t)-1. */
static size_t surname_at_nl(const chunkctx *c, size_t j, size_t lo, int script, int allow_other, int nl_ok) {
    if (j >= c->nt || !is_cap_word(c, j)) return (size_t)-1;
    const ng_token *t = &c->tok[j];
    if (!(t->flags & TK_SPACE) || ((t->flags & TK_NL) && !nl_ok)) return (size_t)-1;
    if ((t->flags & (TK_CYR | TK_LATIN)) != (unsigned)script) return (size_t)-1;
    if (apos_surname(c, j)) {
        if (!free_for_rule(c, j + 2, lo, allow_other)) return (size_t)-1;
        long k = ngn_covering_at(c, c->sp, tok_start(c, j + 2));
        if (k >= 0 && c->m->spans[k].end > tok_end(c, j + 2)) return (size_t)-1;
        return j + 2;
    }
    if (!ncp_ge(tfold(c, j), tlen(c, j), 2)) return (size_t)-1;
    /* a country's adjective is no surname: "Costa Rican", "S. Korean" */
    if ((t->flags & TK_LATIN) && wset_has(&ngn_demonym_set, t->hash)) return (size_t)-1;
    if (!free_for_rule(c, j, lo, allow_other)) return (size_t)-1;
    size_t last = j;
    if ((t->flags & TK_LATIN) && tlen(c, j) <= 3 && wset_has(&ngn_particle_set, t->hash)) {
        /* a capitalised particle starts the surname: De Wilde, Van Moer,
         * Van der Westhuizen (not a surname of its own: "Filip De") */
        size_t q = j + 1;
        if (q + 1 < c->nt && !(c->tok[q].flags & TK_NL) && (c->tok[q].flags & TK_WORD) && tlen(c, q) <= 3 &&
            wset_has(&ngn_particle_set, c->tok[q].hash) && (c->tok[q + 1].flags & TK_UPPER1))
            q++;   /* Van der, Van Der */
        if (q < c->nt && is_cap_word(c, q) && (c->tok[q].flags & TK_LATIN) && (c->tok[q].flags & TK_SPACE) &&
            !(c->tok[q].flags & TK_NL) && ncp_ge(tfold(c, q), tlen(c, q), 2) && free_for_rule(c, q, lo, allow_other))
            last = q;
        else if (tlen(c, j) == 2)
            return (size_t)-1;   /* (a longer one may be a surname: Mangala Das) */
    }
    if (last + 2 < c->nt && hyphen_joins(c, last + 1) && is_cap_word(c, last + 2) &&
        free_for_rule(c, last + 2, lo, allow_other))
        last += 2;
    /* the surname must not start a longer dictionary name */
    long k = ngn_covering_at(c, c->sp, tok_start(c, j));
    if (k >= 0 && c->m->spans[k].end > tok_end(c, last)) return (size_t)-1;
    return last;
}

/* Is the word of token k written in lower case somewhere in the chunk (a
 * word of the language, not a name: "starting", "license")? The first
 * questions of a chunk read its tokens once each; from the fifth on, a
 * hash set of the chunk's lower-case Latin words (32-bit keys, open
 * addressing, at most half full), built once, answers (text where the
 * question is asked a thousand times a chunk must not read it a thousand
 * times; a set built for every chunk that asks once cost 1.8 % of the
 * realistic bench's instructions). -1 when out of memory. */
static int lower_word(chunkctx *c, size_t k) {
    const uint64_t h = c->tok[k].hash;
    const unsigned mask = TK_WORD | TK_LATIN | TK_UPPER1, want = TK_WORD | TK_LATIN;
    if (c->lower_asks < 4) {
        c->lower_asks++;
        for (size_t q = 0; q < c->nt; q++)
            if (c->tok[q].hash == h && (c->tok[q].flags & mask) == want) return 1;
        return 0;
    }
    if (!c->lower_built) {
        mnames *mn = c->mn;
        size_t cap = 64;
        while (cap < 2 * c->nt) cap *= 2;
        if (mn->lower_cap < cap) {
            uint32_t *t = realloc(mn->lower, cap * sizeof *t);
            if (!t) return -1;
            mn->lower = t;
            mn->lower_cap = cap;
        }
        memset(mn->lower, 0, cap * sizeof *mn->lower);
        for (size_t q = 0; q < c->nt; q++) {
            const ng_token *t = &c->tok[q];
            if ((t->flags & mask) != want) continue;
            uint32_t x = (uint32_t)(t->hash >> 32) | 1;
            size_t i = (size_t)t->hash & (cap - 1);
            while (mn->lower[i] && mn->lower[i] != x) i = (i + 1) & (cap - 1);
            mn->lower[i] = x;
        }
        c->lower = mn->lower;
        c->nlower = cap;
        c->lower_built = 1;
    }
    const uint32_t x = (uint32_t)(h >> 32) | 1;
    for (size_t i = (size_t)h & (c->nlower - 1);; i = (i + 1) & (c->nlower - 1)) {
        if (!c->lower[i]) return 0;
        if (c->lower[i] == x) return 1;
    }
}

/* After a given name and a one-word Latin surname at token 'last', a
 * second surname: a capitalised Latin word that may be a name's (no
 * function word, weekday, title or organisation word), free for the rule,
 * on the same line, the line going on after it with no capitalised word
 * (Ahmed Sekou Toure, Jon Dahl Tomasson, Arantxa Sanchez Vicario, Ken
 * Griffey Jr; not a heading's "Bob Dole Signs Law" nor an organisation's
 * "Zion Missionary Baptist Church"), and no word the chunk writes in lower
 * case too (a sentence's first word after a name: "... Bimagouxova
 * Starting with", when "starting" is in the chunk). Returns the name's
 * last token ((size_t)-1 and *rc set when out of memory). */
static size_t second_surname(chunkctx *c, size_t last, size_t lo, int *rc) {
    size_t k = last + 1, q = last + 2;
    if (q >= c->nt || !is_cap_word(c, k) || (c->tok[k].flags & (TK_NL | TK_CYR | TK_DIGIT)) ||
        !(c->tok[k].flags & TK_SPACE) || !(c->tok[k].flags & TK_LATIN) || (c->tok[q].flags & TK_NL) ||
        ((c->tok[q].flags & TK_WORD) && (c->tok[q].flags & TK_UPPER1)) || hyphen_joins(c, q))
        return last;
    if (!ncp_ge(tfold(c, k), tlen(c, k), 2) || wset_has(&ngn_particle_set, c->tok[k].hash) ||
        !ngn_en_name_word(c, k) || !free_for_rule(c, k, lo, 0))
        return last;
    int lw = lower_word(c, k);
    if (lw < 0) { *rc = NG_E_NOMEM; return (size_t)-1; }
    return lw ? last : k;
}

/* surname_at on one line (the usual case). */
static size_t surname_at(const chunkctx *c, size_t j, size_t lo, int script, int allow_other) {
    return surname_at_nl(c, j, lo, script, allow_other, 0);
}

/* May a name go on over the single line break right after its given name
 * at token i (hard-wrapped text, a caption: "said John\nSmith", a list of
 * names wrapped: ", Phil\nMickelson ,")? Not over a blank line, not after
 * a weak given name (June, May), not from the first word of its line (a
 * heading, or one name a line), not after a capitalised word (a title-case
 * heading "Obama Meets John", or the given name is a surname: "Neal
 * Briggs\nNote"), nor after a particle (de Silva). The given name is
 * free (no span on it). */
static int line_joins(const chunkctx *c, size_t i, int weak) {
    if (weak || i == 0 || i + 1 >= c->nt || (c->tok[i].flags & TK_NL)) return 0;
    const ng_token *t = &c->tok[i + 1], *p = &c->tok[i - 1];
    if (!(t->flags & TK_NL) || (t->flags & TK_PARA)) return 0;
    if ((p->flags & TK_WORD) && ((p->flags & TK_UPPER1) || wset_has(&ngn_particle_set, p->hash))) return 0;
    return ngn_covering_at(c, c->sp, tok_start(c, i)) < 0;
}

/* After a surname at token 'last' found over a line break: does its line
 * go on as the sentence's or the list's? Not a capitalised word or a colon
 * right after it (a new line's heading or label: "Playing Sunday :",
 * "Note :"), no number in the 8 tokens after it on the line (a results
 * line, a leaderboard, a scorecard: rule K reads it from its first word,
 * "Woosnam 70 76 , Miguel Angel Jimenez ( Spain ) 74 72"). */
static int line_goes_on(const chunkctx *c, size_t last) {
    size_t q = last + 1;
    if (q < c->nt && !(c->tok[q].flags & TK_NL) &&
        (is_punct(c, q, ':') || ((c->tok[q].flags & TK_WORD) && (c->tok[q].flags & TK_UPPER1))))
        return 0;
    for (; q < c->nt && q <= last + 8 && !(c->tok[q].flags & TK_NL); q++)
        if (c->tok[q].flags & TK_DIGIT) return 0;
    return 1;
}

/* A Cyrillic word with a surname's -ський / -цький ending in any case
 * (Хмельницького, Кропивницький): as a dictionary place after initials, a
 * man's name. */
static int sky_surname(const chunkctx *c, size_t j) {
    if (j >= c->nt || !(c->tok[j].flags & TK_CYR)) return 0;
    static const char *const e[] = {"ськ", "цьк", "ск", "цк", NULL};
    const char *f = tfold(c, j);
    size_t l = tlen(c, j), sl = ngn_stem_len(f, l);
    for (const char *const *p = e; *p; p++) {
        size_t n = strlen(*p);
        if (sl >= n + 4 && !memcmp(f + sl - n, *p, n)) return 1;
    }
    return 0;
}

/* A Latin word in Title case that the dictionary knows only as a place
 * that is no country or subdivision (no iso= attribute), one word alone:
 * after initials, a surname ("D. Cork", "I. Salisbury"; not "S. Korea",
 * "N. Carolina", which are countries' and states' and mostly aliases). */
static int latin_place_surname(const chunkctx *c, size_t j) {
    if (j >= c->nt || (c->tok[j].flags & (TK_CYR | TK_ALLUPPER))) return 0;
    const char *w = c->text + tok_start(c, j);
    if (w[0] < 'A' || w[0] > 'Z' || c->tok[j].end - c->tok[j].start < 3) return 0;
    long k = ngn_covering_at(c, c->sp, tok_start(c, j));
    if (k < 0) return 0;
    const span *s = &c->m->spans[k];
    if (s->start != tok_start(c, j) || s->end != tok_end(c, j)) return 0;
    for (size_t i = 0; i < s->ncand; i++) {
        const cand *cd = &c->m->cands[s->cand + i];
        if (strcmp(cd->c.type, "LOC")) return 0;
        size_t n;
        if (!ng_cand_entity(c->t, cd, NULL) || ng_cand_iso(c->t, cd, &n)) return 0;
    }
    return 1;
}

static int title_before(const chunkctx *c, size_t i);

int ngn_title_common_noun(const chunkctx *c, size_t i) {
    /* (by length first, the words compared inline) */
    if ((c->tok[i].flags & (TK_LATIN | TK_SPACE)) != (TK_LATIN | TK_SPACE)) return 0;
    int hit;
    switch (tlen(c, i)) {
    case 4: hit = tok_is(c, i, "teen"); break;
    case 5: hit = tok_is(c, i, "world") || tok_is(c, i, "earth") || tok_is(c, i, "globe"); break;
    case 6: hit = tok_is(c, i, "galaxy") || tok_is(c, i, "cosmos"); break;
    case 8: hit = tok_is(c, i, "universe") || tok_is(c, i, "consumer"); break;
    case 13: hit = tok_is(c, i, "international"); break;
    default: return 0;
    }
    return hit && title_before(c, i);
}

/* Does the dictionary span at token i name a country or a subdivision
 * (every candidate LOC, one with iso=) after a beauty contest's title, Miss
 * or Mister (Міс, Мисс, Містер, Мистер), capitalised right before it on
 * its line, or after such a title and a contest's noun (Miss Teen USA)?
 * Then it is the contest's title or its holder ("Miss Poland in 1991"),
 * not the place. */
int ngn_contest_place(const chunkctx *c, size_t i) {
    if (i == 0 || (c->tok[i].flags & TK_NL) || !(c->tok[i].flags & TK_SPACE)) return 0;
    size_t p = i - 1;
    if (ngn_title_common_noun(c, p)) {
        if (p == 0 || (c->tok[p].flags & TK_NL)) return 0;
        p--;
    }
    if (!(c->tok[p].flags & TK_WORD) || !(c->tok[p].flags & TK_UPPER1) ||
        !(tok_is(c, p, "miss") || tok_is(c, p, "mister") || tok_is(c, p, "міс") || tok_is(c, p, "мисс") ||
          tok_is(c, p, "містер") || tok_is(c, p, "мистер")))
        return 0;
    long k = ngn_covering_at(c, c->sp, tok_start(c, i));
    if (k < 0 || c->m->spans[k].start != tok_start(c, i)) return 0;
    const span *s = &c->m->spans[k];
    int iso = 0;
    for (size_t q = 0; q < s->ncand; q++) {
        const cand *cd = &c->m->cands[s->cand + q];
        if (strcmp(cd->c.type, "LOC")) return 0;
        size_t n;
        if (ng_cand_iso(c->t, cd, &n)) iso = 1;
    }
    return iso;
}

/* Is the word before token i (skipping a dot) a title? Returns 1 if so. */
/* Does a wire story's dateline start at token k, first on its line: one to
 * four words in capitals, then (a comma and a word, then) a date written
 * 1996-08-22 or "(" (NEW YORK 1996-08-22; KYIV, Ukraine (Reuters))? The
 * line before it is then a byline (person_cue_after). */
static int dateline_next(const chunkctx *c, size_t k) {
    if (k >= c->nt || !(c->tok[k].flags & TK_NL)) return 0;
    size_t q = k, words = 0;
    while (q < c->nt && words < 4 && (c->tok[q].flags & (TK_WORD | TK_ALLUPPER | TK_DIGIT)) == (TK_WORD | TK_ALLUPPER) &&
           (q == k || !(c->tok[q].flags & TK_NL)))
        q++, words++;
    if (!words || !ncp_ge(tfold(c, k), tlen(c, k), 3) || q + 1 >= c->nt || (c->tok[q].flags & TK_NL)) return 0;
    if (is_punct(c, q, ',') && !(c->tok[q + 1].flags & TK_NL) && (c->tok[q + 1].flags & TK_WORD) &&
        (c->tok[q + 1].flags & TK_UPPER1))
        q += 2;
    if (q + 1 >= c->nt || (c->tok[q].flags & TK_NL)) return 0;
    const ng_token *d = &c->tok[q];
    if ((d->flags & (TK_WORD | TK_DIGIT | TK_LATIN | TK_CYR)) == (TK_WORD | TK_DIGIT) && d->fold_len == 4 &&
        is_punct(c, q + 1, '-') && !(c->tok[q + 1].flags & TK_SPACE))
        return 1;
    return is_punct(c, q, '(');
}

/* Does token k, right after a name, say that the name is a person's: a
 * reporting verb (said, told, сказав, заявила, сообщил ...), or a comma and
 * who / який / который, or a comma and an age (", 32,"), or the name is a
 * byline, alone on its line before a dateline? */
static int person_cue_after(const chunkctx *c, size_t k) {
    static const char *const verbs[] = {
        "said", "says", "told", "added", "asked", "wrote", "insisted", "admitted", "explained",
        "сказав", "сказала", "заявив", "заявила", "повідомив", "повідомила", "розповів", "розповіла",
        "додав", "додала", "зазначив", "зазначила", "наголосив", "наголосила",
        "сказал", "сказала", "заявил", "заявила", "сообщил", "сообщила", "рассказал", "рассказала",
        "добавил", "добавила", "отметил", "отметила", "подчеркнул", "подчеркнула", NULL};
    static const char *const who[] = {"who", "який", "яка", "который", "которая", NULL};
    if (k < c->nt && (c->tok[k].flags & TK_NL)) return dateline_next(c, k);   /* a byline */
    if (k >= c->nt) return 0;
    if (c->tok[k].flags & TK_WORD) return ngn_tok_in(c, k, verbs);
    if (!is_punct(c, k, ',') || k + 2 >= c->nt || (c->tok[k + 1].flags & TK_NL)) return 0;
    if (ngn_tok_in(c, k + 1, who)) return 1;
    const ng_token *a = &c->tok[k + 1];
    return (a->flags & (TK_WORD | TK_DIGIT | TK_LATIN | TK_CYR)) == (TK_WORD | TK_DIGIT) && a->fold_len <= 3 &&
           is_punct(c, k + 2, ',');
}

/* Is the given name at token i the first word of a list's item after
 * " - ", the item a name: the dash after a number or a capitalised word
 * of the line (a team sheet "12 - Frank Bunce , 11 - Glen Osborne ;", a
 * squad "Australia - Mark Waugh , Michael Slater", a scorer "Shelbourne -
 * Mark Rutherford ( 5th )"), the surname ended by , ; ( or the line? Not a
 * heading's dash after capitals ("SOCCER - MARK ..."), nor one that joins
 * words. */
static int list_item(const chunkctx *c, size_t i) {
    if (i < 2 || i + 2 >= c->nt || !is_punct(c, i - 1, '-') || !(c->tok[i - 1].flags & TK_SPACE) ||
        !(c->tok[i].flags & TK_SPACE) || (c->tok[i].flags & TK_NL) || (c->tok[i - 1].flags & TK_NL))
        return 0;
    const ng_token *p = &c->tok[i - 2];
    int num = (p->flags & (TK_WORD | TK_DIGIT | TK_LATIN | TK_CYR)) == (TK_WORD | TK_DIGIT);
    int cap = (p->flags & TK_WORD) && (p->flags & TK_UPPER1) && !(p->flags & TK_ALLUPPER);
    if (!num && !cap) return 0;
    size_t e = i + 2;
    return (c->tok[e].flags & TK_NL) || is_punct(c, e, ',') || is_punct(c, e, ';') || is_punct(c, e, '(');
}

static int title_before(const chunkctx *c, size_t i) {
    if (i == 0) return 0;
    size_t p = i - 1;
    if (is_punct(c, p, '.') && p > 0) p--;
    const ng_token *t = &c->tok[p];
    if (!(t->flags & TK_WORD) || (t->flags & TK_DIGIT)) return 0;
    return tok_has_stem(c, &ngn_title_set, p);
}

/* Is token i an adjective in an oblique case before a lower-case noun of
 * the same case, the first words of a body's name after a title
 * ("губернатор Законодательного собрания", "голова Хмельницької
 * федерації"), not a surname? The noun's ending must agree with the
 * adjective's: a surname of that shape is followed by a verb or a
 * function word ("президента Кучинського заявила", "... у"), so past
 * tenses (-ла, -ли, -ло) and reflexive verbs (-ся) are no noun. */
static int adj_before_noun(const chunkctx *c, size_t i) {
    static const struct { const char *adj; const char *const noun[7]; } r[] = {
        { "ого", { "а", "я", "у", "ю", NULL } }, { "его", { "а", "я", "у", "ю", NULL } },
        { "ому", { "у", "ю", "і", "е", NULL } }, { "ему", { "у", "ю", "і", "е", NULL } },
        { "ої", { "и", "і", "ї", NULL } }, { "ой", { "ы", "и", "е", "ой", "ей", NULL } },
        { "ській", { "і", NULL } }, { "цькій", { "і", NULL } }, { "ною", { "ою", "ею", "єю", NULL } },
        { "ською", { "ою", "ею", "єю", NULL } }, { "ую", { "у", "ю", NULL } },
        { "их", { "ів", "їв", "ах", "ях", NULL } }, { "ых", { "ов", "ев", "ей", "ах", "ях", NULL } },
        { "ими", { "ами", "ями", NULL } }, { "ыми", { "ами", "ями", NULL } },
    };
    size_t j = i + 1;
    if (j >= c->nt || !(c->tok[i].flags & TK_CYR)) return 0;
    const ng_token *tj = &c->tok[j];
    if (!(tj->flags & TK_WORD) || !(tj->flags & TK_CYR) || (tj->flags & (TK_UPPER1 | TK_NL | TK_DIGIT)) ||
        !(tj->flags & TK_SPACE) || wset_has(&ngn_stop_set, tj->hash))
        return 0;
    const char *f = tfold(c, i), *n = tfold(c, j);
    size_t fl = tlen(c, i), nl = tlen(c, j);
    /* a plural genitive noun without an ending after one in -их / -ых
     * (Речник Повітряних сил, Сухопутних військ, Закордонных дел): a body */
    static const char *const gen0[] = {"сил", "військ", "справ", "служб", "систем", "установ",
                                       "войск", "дел", "учреждений", NULL};
    if (ncp(f, fl) >= 5 && (ends_with(f, fl, "их", 4) || ends_with(f, fl, "ых", 4)))
        for (const char *const *g = gen0; *g; g++)
            if (nl == strlen(*g) && !memcmp(n, *g, nl)) return 1;
    if (ncp(f, fl) < 5 || ncp(n, nl) < 4 || ends_with(n, nl, "ла", 4) || ends_with(n, nl, "ли", 4) ||
        ends_with(n, nl, "ло", 4) || ends_with(n, nl, "ся", 4))
        return 0;
    for (size_t q = 0; q < sizeof r / sizeof *r; q++) {
        if (!ends_with(f, fl, r[q].adj, strlen(r[q].adj))) continue;
        for (const char *const *e = r[q].noun; *e; e++)
            if (ends_with(n, nl, *e, strlen(*e))) return 1;
        return 0;
    }
    return 0;
}

/* The language the Cyrillic words near token i mark, or 0: і ї є ґ → uk,
 * ы э ъ ё → ru (read as written: folding makes ё е). */
static int ctx_lang(const chunkctx *c, size_t i) {
    int back = 1, fwd = 1;   /* the nearest words first, on the same line */
    for (size_t d = 0; d < 24 && (back || fwd); d++) {
        size_t k;
        if (d & 1) {
            if (!back || d / 2 + 1 > i) { back = 0; continue; }
            k = i - d / 2 - 1;
            if (c->tok[k + 1].flags & TK_NL) { back = 0; continue; }
        } else {
            k = i + d / 2;
            if (!fwd || k >= c->nt || (d && (c->tok[k].flags & TK_NL))) { fwd = 0; continue; }
        }
        if (!(c->tok[k].flags & TK_CYR)) continue;
        const unsigned char *w = (const unsigned char *)c->text + tok_start(c, k);
        size_t n = c->tok[k].end - c->tok[k].start;
        for (size_t q = 0; q + 1 < n; q++) {
            if (ngn_uk_letter(w[q], w[q + 1])) return NG_LANG_UK;
            if (ngn_ru_letter(w[q], w[q + 1])) return NG_LANG_RU;
        }
    }
    return 0;
}

/* Does a folded surname end as a man's surname does in an oblique case
 * (Перцовського, Петренка, Бойком, Петрові)? Also -ова/-ева/-ина, a
 * woman's nominative or a man's genitive: news name men more often
 * (Романа Коноплева → Роман Коноплев; a limit, NAMES.md). A consonant
 * stem with -а/-я (Шевчука, Кобзаря, Януковича) or -и/-ы (Кукси, Куксы)
 * is a genitive: a woman's Шевчук does not decline, and a woman's Кукса
 * would be in the nominative beside a nominative given name. Not the
 * feminine adjectives (Ковальська, Заболотна) nor a short word (Біла,
 * Руда); -и only in text the letters around mark Ukrainian ('uk') or
 * after г к х ж ш ч щ (in Russian, Росси, Проди are nominatives; a name
 * alone, as stats --check reads it, has no such letters: the woman's
 * "Романа Проди" must give her id back). */
static int masc_oblique(const char *f, size_t fl, int uk) {
    static const char *const e[] = { "ого", "ому", "ьким", "ким", "енка", "енку", "енком", "ові", "еві", "ом",
                                     "ова", "ева", "ина", "іна", "ына", NULL };
    for (const char *const *p = e; *p; p++)
        if (ends_with(f, fl, *p, strlen(*p))) return 1;
    if (fl < 6 || (unsigned char)f[0] < 0x80 || ncp(f, fl) < 5) return 0;
    const char *last = f + fl - 2, *cons = f + fl - 4;
    int a = !memcmp(last, "а", 2) || !memcmp(last, "я", 2), i = !memcmp(last, "и", 2) || !memcmp(last, "ы", 2);
    if ((!a && !i) || cyr_vowel(cons)) return 0;
    if (a && (ends_with(f, fl, "ська", 8) || ends_with(f, fl, "цька", 8) || ends_with(f, fl, "зька", 8) ||
              ends_with(f, fl, "єва", 6) || ends_with(f, fl, "їна", 6) ||
              (!memcmp(cons, "н", 2) && !cyr_vowel(cons - 2))))
        return 0;   /* Ковальська, Заболотна, Чорна; Гонтарєва, Ільїна (a woman's, as the list above does not say) */
    /* -а/-я after two consonants is mostly a nominative in -а (Скрипка,
     * Чайка, Софійка, Кукса), except -ця (Кравця, Корнійця) */
    if (a && !cyr_vowel(cons - 2) && !ends_with(f, fl, "ця", 4)) return 0;
    if (i && !uk && !memcmp(last, "и", 2)) {
        static const char *const hush = "гкхжшчщ";
        for (const char *h = hush; *h; h += 2)
            if (!memcmp(cons, h, 2)) return 1;
        return 0;
    }
    return 1;
}

/* Does a folded surname end as only a woman's does in a case other than
 * the nominative: the oblique cases of -ова / -ева / -ина and of the
 * adjectives in -ська (Мусаєвої, Петровою, Ковальської, Ковальській;
 * Ивановой), so that a given name both genders' lists give in that form
 * (Лесі: Леся's and Лесь's) is the woman's? nom_rules' 'only' (2: her
 * nominative ends as a man's genitive does, masc_oblique), 0 if none. */
static int fem_oblique(const char *f, size_t fl) {
    if (ncp(f, fl) < 6) return 0;
    for (const nomrule *r = nom_rules; r->from; r++)
        if (r->only && ends_with(f, fl, r->from, strlen(r->from))) return r->only;
    return 0;
}

/* Does a folded Cyrillic word end as a Ukrainian or Russian surname does in
 * the nominative (Шевчук, Петренко, Зеленський, Іванова, Путін)? Returns 0
 * if not, 1 for either gender, 2 for a man's, 3 for a woman's. */
static int surname_end(const char *f, size_t fl) {
#define E(s, g) { s, g, sizeof s - 1 }
    static const struct { const char *e; int g; size_t len; } e[] = {
        E("енко", 1), E("чук", 1), E("щук", 1), E("юк", 1), E("ук", 1), E("ич", 1),
        E("ський", 2), E("цький", 2), E("зький", 2), E("ский", 2), E("цкий", 2),
        E("ська", 3), E("цька", 3), E("зька", 3), E("ская", 3), E("цкая", 3),
        E("ов", 2), E("ев", 2), E("єв", 2), E("ін", 2), E("їн", 2), E("ин", 2),
        E("ова", 3), E("ева", 3), E("єва", 3), E("іна", 3), E("їна", 3), E("ина", 3), { NULL, 0, 0 } };
#undef E
    for (size_t q = 0; e[q].e; q++) {
        size_t el = e[q].len;
        if (ends_with(f, fl, e[q].e, el) && ncp(f, fl - el) >= 2) return e[q].g;
    }
    return 0;
}

/* Is token j + 1 a patronymic on the same line as token j? */
static int patronymic_after(const chunkctx *c, size_t j) {
    return j + 1 < c->nt && is_patronymic(c, j + 1) && (c->tok[j + 1].flags & TK_SPACE) && !(c->tok[j + 1].flags & TK_NL);
}

/* Surname first (uk, ru): "Шевчук Олександр (Петрович)", "Зеленський
 * Володимир": a capitalised Cyrillic word with a surname ending, or a
 * one-word dictionary person, then a given name in the nominative on the
 * same line (no comma), optionally a patronymic. Returns the last token or
 * (size_t)-1. */
static size_t surname_first(chunkctx *c, size_t i, int *rc) {
    const ng_token *ti = &c->tok[i];
    size_t j = i + 1;
    if (!(ti->flags & TK_CYR) || !is_cap_word(c, i) || j >= c->nt) return (size_t)-1;
    const ng_token *tj = &c->tok[j];
    if (!(tj->flags & TK_CYR) || !is_cap_word(c, j) || !(tj->flags & TK_SPACE) || (tj->flags & TK_NL))
        return (size_t)-1;
    /* the first word: free with a surname ending, or exactly a dictionary person */
    const cand *dp = NULL;
    long k = ngn_covering_at(c, c->sp, tok_start(c, i));
    int sg = surname_end(tfold(c, i), tlen(c, i));
    if (k >= 0) {
        /* a dictionary person as written, not a case form (вдова Ельцина Наина) */
        dp = dict_person(c, i, i);
        if (!dp || dp->inflected) return (size_t)-1;
    } else if (!sg && (ngn_sentence_initial(c, i) || !patronymic_after(c, j)))
        /* a surname without a typical ending (Мельник, Коваль) only before
         * a given name and a patronymic, inside a sentence */
        return (size_t)-1;
    /* not itself a given name (Роман Олександр) */
    const gform *gf[8];
    if (ngn_nl_lookup(c->nl, ti->hash, tfold(c, i), tlen(c, i), gf, 1)) return (size_t)-1;
    size_t ng = ngn_nl_lookup(c->nl, tj->hash, tfold(c, j), tlen(c, j), gf, 8);
    const gform *g = NULL;
    for (size_t q = 0; q < ng && !g; q++)
        if (gf[q]->is_nom) g = gf[q];
    /* a case form of a given name before a patronymic: the three words in
     * one case ("Качаненко Наталії Вікторівні", "Слєпченку Андрію
     * Валерійовичу", "у Петрова Ивана Сергеевича"), inside a sentence */
    int oblique = 0;
    if (!g && ng && c->oblique && !ngn_sentence_initial(c, i) && patronymic_after(c, j)) {
        g = gf[0];
        oblique = 1;
    }
    if (!g || c->nl->names[g->name].weak) return (size_t)-1;
    /* a man's surname with a woman's name or the reverse is a case form
     * (у Петрова Іван ...) */
    if (!oblique && ((sg == 2 && c->nl->names[g->name].fem) || (sg == 3 && !c->nl->names[g->name].fem))) return (size_t)-1;
    /* the given name: free or a one-word span of its own (Володимир, a town) */
    k = ngn_covering_at(c, c->sp, tok_start(c, j));
    if (k >= 0 && (c->m->spans[k].start != tok_start(c, j) || c->m->spans[k].end != tok_end(c, j))) return (size_t)-1;
    size_t last = j;
    long patr = -1;
    const gform *g2 = g;
    if (j + 1 < c->nt && is_patronymic(c, j + 1) && (c->tok[j + 1].flags & TK_SPACE) &&
        !(c->tok[j + 1].flags & TK_NL) && free_for_rule(c, j + 1, i, 0) &&
        patr_agrees(c, j + 1, &g2, (const gform *const *)&g, 1)) {
        patr = (long)(j + 1);
        last = j + 1;
    } else if (j + 1 < c->nt && is_cap_word(c, j + 1) && !(c->tok[j + 1].flags & TK_NL))
        return (size_t)-1;   /* Петренко Олександр Ткаченко: a given name + surname after */
    if (dp) {
        /* a surname the dictionary knows: the span grows, the id stays (dp
         * points into the candidates, which adding the span may move) */
        const char *did = dp->c.id, *dname = dp->c.name;
        if ((*rc = ngn_add_rule_span(c, i, last, dp->c.type, did, dname, NG_RULE_SURNAME_FIRST, 0))) return last;
        *rc = note_person(c, N_PER, i, last, i, (long)j, did, dname, 0, patr);
        return last;
    }
    *rc = person_span(c, NG_RULE_SURNAME_FIRST, i, last, g, j, -1, i, i, patr);
    return last;
}

/* Where a given name at token i starts when it is the second part of a
 * hyphenated one (Jean-Pierre, Heinz-Harald, Жан-Клод): the first part,
 * a given name of the same script joined by a hyphen, else i itself. */
static size_t hyphen_given_start(const chunkctx *c, size_t i, int script) {
    if (i < 2 || !hyphen_joins(c, i - 1)) return i;
    size_t p = i - 2;
    const ng_token *t = &c->tok[p];
    const gform *g[1];
    if (!is_cap_word(c, p) || (t->flags & (TK_CYR | TK_LATIN)) != (unsigned)script || (t->flags & TK_ALLUPPER) ||
        !ngn_nl_lookup(c->nl, t->hash, tfold(c, p), tlen(c, p), g, 1) || !free_for_rule(c, p, p, 0))
        return i;
    return p;
}

/* Does token i start a hyphenated compound of capitalised parts (Jean- of
 * Jean-Pierre, Smith- of Smith-Jones)? Not a name of its own then. */
static int hyphen_first(const chunkctx *c, size_t i) {
    return i + 2 < c->nt && hyphen_joins(c, i + 1) && (c->tok[i + 2].flags & TK_UPPER1);
}

/* Digits only, at most maxlen, at token k. */
static int sc_number(const chunkctx *c, size_t k, size_t maxlen) {
    if (k >= c->nt || !(c->tok[k].flags & TK_DIGIT) || (c->tok[k].flags & TK_LATIN) || tlen(c, k) > maxlen) return 0;
    for (size_t d = 0; d < tlen(c, k); d++)   /* (the fold is not NUL-terminated) */
        if (tfold(c, k)[d] < '0' || tfold(c, k)[d] > '9') return 0;
    return 1;
}

/* Rule N (NG_RULE_COUNTRY): a name and its country in parentheses, as
 * sports results and lists write people ("Lance Armstrong ( U.S. )",
 * "Hernan Gumy ( Argentina ) beat", "Mariaan de Swardt ( South Africa )"):
 * two or three capitalised Latin words at token i (particles between them,
 * hyphenated parts), no span touching them, then "(", a place a dictionary
 * knows filling the parentheses, ")" and no score after it (a team's line:
 * "Vaduz ( Liechtenstein ) 1", rule T; on a ranking's line, "9. Rubens
 * Barrichello ( Brazil ) 12", the number is points) nor a legal form
 * ("Dacom Communications ( Poland ) Ltd"). A name the other rules did not take (an
 * unknown or weak given name, "Lance"). The last token of the name, or
 * (size_t)-1. */
static size_t country_person(chunkctx *c, size_t i) {
    /* cheap tests first (this runs at every capitalised word no other rule
     * took): a word next, a capitalised one or a short particle, and a "("
     * within the next five tokens */
    if (i + 3 >= c->nt) return (size_t)-1;
    const ng_token *n1 = &c->tok[i + 1];
    if (!hyphen_joins(c, i + 1) &&
        (!(n1->flags & TK_WORD) || (n1->flags & TK_NL) ||
         (!(n1->flags & TK_UPPER1) && (n1->end - n1->start > 5 || !wset_has(&ngn_particle_set, n1->hash)))))
        return (size_t)-1;
    size_t par = 0;
    for (size_t k = i + 2; k < c->nt && k <= i + 5; k++)
        if ((c->tok[k].flags & TK_PUNCT) && tlen(c, k) == 1 && tfold(c, k)[0] == '(') { par = k; break; }
    if (!par) return (size_t)-1;
    const ng_token *ti = &c->tok[i];
    if (!(ti->flags & TK_LATIN) || (ti->flags & TK_ALLUPPER) || !is_cap_word(c, i) ||
        !ncp_ge(tfold(c, i), tlen(c, i), 2) || ngn_covering_at(c, c->sp, tok_start(c, i)) >= 0)
        return (size_t)-1;
    /* the name's first word: no capitalised word right before it ("The
     * Big Event", "Pedro Diniz Alves Costa") */
    if (i > 0 && !(ti->flags & TK_NL) && (c->tok[i - 1].flags & TK_WORD) && (c->tok[i - 1].flags & TK_UPPER1))
        return (size_t)-1;
    size_t j = i, nw = 1;
    while (j + 1 < par) {
        size_t k = j + 1;
        if (k + 1 < par && hyphen_joins(c, k) && is_name_word(&c->tok[k + 1])) { j = k + 1; continue; }
        size_t np = 0;
        while (k < par && np < 2 && (c->tok[k].flags & TK_WORD) && !(c->tok[k].flags & TK_UPPER1) &&
               wset_has(&ngn_particle_set, c->tok[k].hash))
            k++, np++;
        if (k >= par || !is_cap_word(c, k) || !(c->tok[k].flags & TK_LATIN) || (c->tok[k].flags & TK_ALLUPPER) ||
            !(c->tok[k].flags & TK_SPACE) || (c->tok[k].flags & TK_NL))
            return (size_t)-1;
        if (ngn_covering_at(c, c->sp, tok_start(c, k)) >= 0) return (size_t)-1;
        j = k;
        nw++;
    }
    if (nw < 2 || nw > 3 || (c->tok[par].flags & TK_NL)) return (size_t)-1;
    /* the place fills the parentheses */
    if (par + 2 >= c->nt) return (size_t)-1;
    long sp = ngn_covering_at(c, c->sp, tok_start(c, par + 1));
    if (sp < 0) return (size_t)-1;
    const span *s = &c->m->spans[sp];
    if (s->start != tok_start(c, par + 1) || !(ngn_span_types(c->m, (size_t)sp) & 2)) return (size_t)-1;
    size_t q = par + 1;
    while (q + 1 < c->nt && tok_end(c, q) < s->end) q++;
    if (tok_end(c, q) != s->end || q + 1 >= c->nt || !is_punct(c, q + 1, ')')) return (size_t)-1;
    size_t a = q + 2;
    /* a ranking's line ("9. Rubens Barrichello ( Brazil ) 12"): the number
     * after it is points, not a team's score */
    int ranked = i >= 2 && is_punct(c, i - 1, '.') && sc_number(c, i - 2, 3) && (i == 2 || (c->tok[i - 2].flags & TK_NL));
    if (a < c->nt && !(c->tok[a].flags & TK_NL)) {
        const ng_token *t = &c->tok[a];
        /* a score (1-3 digits alone: not a set's "6-3", a time's "44.92"
         * or "3:33.77", a sum's "254,247", nor the first of a golfer's
         * rounds "71 74") */
        if (!ranked && (t->flags & TK_DIGIT) && !(t->flags & TK_LATIN) && t->end - t->start <= 3) {
            const ng_token *u = a + 1 < c->nt ? &c->tok[a + 1] : NULL;
            int joined = u && (u->flags & TK_PUNCT) && !(u->flags & TK_SPACE) && tlen(c, a + 1) == 1 &&
                         (tfold(c, a + 1)[0] == '-' || tfold(c, a + 1)[0] == '.' || tfold(c, a + 1)[0] == ':' ||
                          (tfold(c, a + 1)[0] == ',' && a + 2 < c->nt && !(c->tok[a + 2].flags & TK_SPACE)));
            int rounds = u && !(u->flags & TK_NL) && (u->flags & TK_DIGIT) && !(u->flags & TK_LATIN);
            if (!joined && !rounds) return (size_t)-1;
        }
        static const char *const legal[] = {"ltd", "inc", "corp", "co", "plc", "ag", "sa", "nv", "limited", NULL};
        for (size_t l = 0; legal[l]; l++)
            if (strlen(legal[l]) == tlen(c, a) && !memcmp(tfold(c, a), legal[l], tlen(c, a))) return (size_t)-1;
    }
    return j;
}

/* A minute at token k: 1-3 digits and st / nd / rd / th in one token (77th). */
static int sc_minute(const chunkctx *c, size_t k) {
    if (k >= c->nt || !(c->tok[k].flags & TK_DIGIT) || !(c->tok[k].flags & TK_WORD)) return 0;
    const char *f = tfold(c, k);
    size_t l = tlen(c, k), d = 0;
    while (d < l && f[d] >= '0' && f[d] <= '9') d++;
    return d >= 1 && d <= 3 && l == d + 2 &&
           (!memcmp(f + d, "st", 2) || !memcmp(f + d, "nd", 2) || !memcmp(f + d, "rd", 2) || !memcmp(f + d, "th", 2));
}

/* Rule M (NG_RULE_SCORER): a scorer and the minute of the goal, as
 * football results write them in parentheses: "( Faber 32nd , Nilis 63rd
 * 79th )", "( Zorc 59th-pen )": one to three capitalised Latin words at
 * token i, right after "(" or ",", no span touching them (particles
 * between: "de Boer"), then a minute, one to three digits and st / nd /
 * rd / th in one token. The last token of the name, or (size_t)-1. */
static size_t scorer_person(chunkctx *c, size_t i) {
    if (i == 0 || i + 1 >= c->nt || !(c->tok[i - 1].flags & TK_PUNCT) || tlen(c, i - 1) != 1) return (size_t)-1;
    char pc = tfold(c, i - 1)[0];
    if (pc != '(' && pc != ',') return (size_t)-1;
    /* a minute or a word next */
    if (!(c->tok[i + 1].flags & TK_WORD)) return (size_t)-1;
    const ng_token *ti = &c->tok[i];
    if (!(ti->flags & TK_LATIN) || (ti->flags & TK_ALLUPPER) || !is_cap_word(c, i) ||
        !ncp_ge(tfold(c, i), tlen(c, i), 2))
        return (size_t)-1;
    size_t j = i;
    for (int nw = 1; nw <= 3; nw++) {
        if (ngn_covering_at(c, c->sp, tok_start(c, j)) >= 0) return (size_t)-1;
        size_t k = j + 1;
        if (k >= c->nt || (c->tok[k].flags & TK_NL)) return (size_t)-1;
        const ng_token *t = &c->tok[k];
        if ((t->flags & TK_DIGIT) && (t->flags & TK_WORD)) {
            if (!sc_minute(c, k)) return (size_t)-1;
            /* after a comma: inside parentheses opened on the line (a list
             * of scorers), not prose ("..., Ranked 18th in the world") */
            if (pc == ',') {
                size_t b = i - 1;
                for (int n = 0;; n++) {
                    if (b == 0 || n > 40 || (c->tok[b].flags & TK_NL) || is_punct(c, b - 1, ')')) return (size_t)-1;
                    if (is_punct(c, --b, '(')) break;
                }
            }
            return j;
        }
        size_t np = 0;
        while (k < c->nt && np < 2 && (c->tok[k].flags & TK_WORD) && !(c->tok[k].flags & TK_UPPER1) &&
               wset_has(&ngn_particle_set, c->tok[k].hash))
            k++, np++;
        if (nw == 3 || k >= c->nt || !is_cap_word(c, k) || !(c->tok[k].flags & TK_LATIN) ||
            (c->tok[k].flags & TK_ALLUPPER) || (c->tok[k].flags & TK_NL))
            return (size_t)-1;
        j = k;
    }
    return (size_t)-1;
}

/* A person over tokens [i, last] that a rule found by its context, not by
 * its words (rules N, K): with a given name of the lists first (Lance,
 * Jean-Denis), the id the given-name rule gives the name inside a
 * sentence; else every word is the surname's (per: + the words' keys, as
 * the title rule gives them). */
static int context_person(chunkctx *c, unsigned rule, size_t i, size_t last) {
    const gform *gf[8];
    size_t gtok = i + 2 <= last && hyphen_joins(c, i + 1) ? i + 2 : i, ng = 0;
    if (c->nl) {
        ng = ngn_nl_lookup(c->nl, c->tok[gtok].hash, tfold(c, gtok), tlen(c, gtok), gf, 8);
        if (ng && gtok != i && hyphen_given_start(c, gtok, TK_LATIN) != i) ng = 0;
    }
    const gform *g = NULL;
    size_t sfirst = gtok + 1;
    if (ng && gtok < last) {
        g = gf[0];
        for (size_t k = 1; k < ng; k++) if (gf[k]->is_nom && !g->is_nom) g = gf[k];
        /* a second given name between (Pier Francesco Chili) */
        const gform *g2[1];
        if (sfirst < last && !hyphen_joins(c, sfirst) && is_cap_word(c, sfirst) &&
            ngn_nl_lookup(c->nl, c->tok[sfirst].hash, tfold(c, sfirst), tlen(c, sfirst), g2, 1))
            sfirst++;
        /* the given-name rule takes one surname (particles before it,
         * hyphenated): a longer rest ("Jean-Pierre Van Zyl") gets the
         * words' keys, as ng_tagger_person_id gives them */
        size_t k = sfirst;
        while (k < last && !(c->tok[k].flags & TK_UPPER1) && wset_has(&ngn_particle_set, c->tok[k].hash)) k++;
        /* (a capitalised particle starts the surname, as surname_at takes
         * it: Jean-Pierre Van Zyl, Johan Van Der Merwe) */
        if (k < last && (c->tok[k].flags & TK_UPPER1) && tlen(c, k) <= 3 && wset_has(&ngn_particle_set, c->tok[k].hash)) {
            k++;
            if (k < last && tlen(c, k) <= 3 && wset_has(&ngn_particle_set, c->tok[k].hash)) k++;
        }
        if (!(k == last || (k + 2 == last && (hyphen_joins(c, k + 1) || apos_surname(c, k))))) g = NULL;
    }
    if (g) return person_span(c, rule, i, last, g, gtok, -1, sfirst, last, -1);
    size_t nn = c->mn->nnotes;
    int rc = person_span(c, rule, i, last, NULL, 0, -1, i, last, -1);
    if (!rc && c->mn->nnotes > nn && last > i && (c->tok[i].flags & TK_UPPER1)) {
        /* the first word stands for a given name: Wasim Akram is not the
         * Mohammad Akram named before him (the initials' check) */
        note *n = &c->mn->notes[c->mn->nnotes - 1];
        if (n->kind == N_REF) c->mn->ext[n->ext].initial = first_cp(tfold(c, i), tlen(c, i));
    }
    return rc;
}

/* Rule K (NG_RULE_PLAYERS): the players of a scorecard, a squad or a
 * leaderboard, as agency sports pages write them, a line at a time:
 *   batting  "M. Atherton c Saeed Anwar b Waqar Younis 12": the batsman,
 *            then how he was out ("b X", "c X b Y", "c and b X", "st X b
 *            Y", "lbw b X", "hit wicket b X", "run out", "not out",
 *            "retired hurt") and the runs, the line's last word: the
 *            batsman, the fielder and the bowler;
 *   bowling  "Bowling : Wasim Akram 25-8-61-1 , Waqar Younis 20-6-70-2":
 *            each bowler before his overs-maidens-runs-wickets (the list
 *            may go on over the next lines, and a line may start with it);
 *   rounds   "283 Tom Lehman 72 69 74 68 , Fred Funk 72 70 73 68": a
 *            golfer before two to four rounds (55 to 89 each; his country
 *            in parentheses between), the line starting with him or with
 *            the total;
 *   lists    "To bat : R. Croft , D. Cork", "Did not bat :", "Squad :",
 *            "Scorers :", "Goalkeepers - " (and the other positions;
 *            the first name on the head's line) and a team's line-up, a place or team a
 *            dictionary knows before the colon ("Pakistan : Aamir Sohail
 *            , Saeed Anwar , Ijaz Ahmed"; at least three names of two or
 *            three words or hyphenated parts there, the others left, and
 *            no place or organisation among the items): names separated by commas or semicolons, a note in
 *            parentheses after each allowed ("( captain )", "( 58th )").
 * A name there is one to three capitalised Latin words (initials before
 * them, particles and hyphenated parts inside: Inzamam-ul-Haq). A
 * dictionary span inside a name with initials gives way (D. Cork, I.
 * Salisbury: places), but not a dictionary's person; a name a span crosses,
 * or that is all a place or organisation (Chicago 71 64), is left alone. */
typedef struct scname { size_t first, last, sur; long init; int nw; } scname;
enum { SC_PLAIN, SC_FIGURES, SC_ROUNDS, SC_MAX = 32 };

/* A lower-case scorecard word at token k, on the line. */
static int sc_word(const chunkctx *c, size_t k, const char *w) {
    return tok_is(c, k, w) && !(c->tok[k].flags & (TK_UPPER1 | TK_NL | TK_PUNCT));
}

/* A word of a list's head at token k, on the line, in any case ("Did Not Bat"). */
static int sc_head(const chunkctx *c, size_t k, const char *w) {
    return tok_is(c, k, w) && !(c->tok[k].flags & (TK_NL | TK_PUNCT));
}

/* A name at token k (a line break before it only when nl): its tokens in *n. */
static int sc_name(const chunkctx *c, size_t k, int nl, scname *n) {
    if (k >= c->nt || ((c->tok[k].flags & TK_NL) && !nl)) return 0;
    size_t i = k;
    long init = -1;
    for (int m = 0; m < 3 && is_initial(c, i) && (c->tok[i].flags & TK_LATIN); m++) {
        if (i > k && (c->tok[i].flags & TK_NL)) return 0;
        if (init < 0) init = (long)i;
        i += 2;
    }
    if (i >= c->nt || (i > k && (c->tok[i].flags & TK_NL))) return 0;
    size_t j = i;
    if (apos_surname(c, i)) j = i + 2;   /* O'Neill */
    else if (!is_cap_word(c, i) || !(c->tok[i].flags & TK_LATIN) || !ncp_ge(tfold(c, i), tlen(c, i), 2)) return 0;
    int nw = 1;
    for (;;) {
        size_t q = j + 1;
        if (q + 1 < c->nt && hyphen_joins(c, q) && is_name_word(&c->tok[q + 1]) && (c->tok[q + 1].flags & TK_LATIN)) {
            j = q + 1;
            continue;
        }
        if (nw < 3 && q < c->nt && !(c->tok[q].flags & TK_NL) && apos_surname(c, q)) {
            j = q + 2;
            nw++;
            continue;
        }
        for (int np = 0; np < 2 && q < c->nt && !(c->tok[q].flags & (TK_UPPER1 | TK_NL)) && (c->tok[q].flags & TK_WORD) &&
                         wset_has(&ngn_particle_set, c->tok[q].hash);
             np++)
            q++;
        if (nw == 3 || q >= c->nt || (c->tok[q].flags & TK_NL) || !is_cap_word(c, q) || !(c->tok[q].flags & TK_LATIN))
            break;
        j = q;
        nw++;
    }
    *n = (scname){k, j, i, init, nw};
    return 1;
}

/* Is token k joined to the one before it (no space)? */
static int sc_joined(const chunkctx *c, size_t k) { return k < c->nt && !(c->tok[k].flags & (TK_SPACE | TK_NL)); }

/* A bowler's figures at token k (a line break before them allowed): overs
 * (25, 29.2), maidens, runs and wickets joined by hyphens. The last token,
 * or (size_t)-1. */
static size_t sc_figures(const chunkctx *c, size_t k) {
    if (!sc_number(c, k, 3)) return (size_t)-1;
    size_t q = k + 1;
    if (is_punct(c, q, '.') && sc_joined(c, q) && sc_joined(c, q + 1) && sc_number(c, q + 1, 1)) q += 2;
    for (int n = 0; n < 3; n++, q += 2)
        if (!is_punct(c, q, '-') || !sc_joined(c, q) || !sc_joined(c, q + 1) || !sc_number(c, q + 1, 3)) return (size_t)-1;
    return q - 1;
}

/* A golfer's rounds at token k, on the line: two to four numbers from 55
 * to 89. The last token, or (size_t)-1. */
static size_t sc_rounds(const chunkctx *c, size_t k) {
    size_t q = k;
    while (q < k + 4 && sc_number(c, q, 2) && !(c->tok[q].flags & TK_NL)) {
        const char *f = tfold(c, q);
        int v = tlen(c, q) == 2 ? (f[0] - '0') * 10 + (f[1] - '0') : 0;
        if (v < 55 || v > 89) return (size_t)-1;
        q++;
    }
    return q - k >= 2 ? q - 1 : (size_t)-1;
}

/* A note in parentheses at token k, on the line ("( captain )", "( 58th
 * )"): the ")", or (size_t)-1. */
static size_t sc_note(const chunkctx *c, size_t k) {
    if (!is_punct(c, k, '(') || (c->tok[k].flags & TK_NL)) return (size_t)-1;
    for (size_t e = k + 1; e < c->nt && e <= k + 4 && !(c->tok[e].flags & TK_NL); e++)
        if (is_punct(c, e, ')')) return e > k + 1 ? e : (size_t)-1;
    return (size_t)-1;
}

/* A place a dictionary knows filling the parentheses at token k ("(
 * Sweden )"): the ")", or (size_t)-1. */
static size_t sc_country(const chunkctx *c, size_t k) {
    if (!is_punct(c, k, '(') || (c->tok[k].flags & TK_NL) || k + 2 >= c->nt) return (size_t)-1;
    long sp = ngn_covering_at(c, c->sp, tok_start(c, k + 1));
    if (sp < 0 || c->m->spans[sp].start != tok_start(c, k + 1) || !(ngn_span_types(c->m, (size_t)sp) & 2)) return (size_t)-1;
    size_t q = k + 1;
    while (q + 1 < c->nt && tok_end(c, q) < c->m->spans[sp].end) q++;
    return tok_end(c, q) == c->m->spans[sp].end && is_punct(c, q + 1, ')') ? q + 1 : (size_t)-1;
}

/* A list of names from token k, each followed by what 'kind' asks (SC_*):
 * the names in nm, their number (at most SC_MAX), the list's last token. */
static size_t sc_list(const chunkctx *c, size_t k, int kind, scname *nm, int *nn) {
    int n = 0;
    size_t last = (size_t)-1;
    while (n < SC_MAX && sc_name(c, k, 1, &nm[n])) {
        size_t e = nm[n].last;
        if (kind == SC_FIGURES) e = sc_figures(c, e + 1);
        else if (kind == SC_ROUNDS) {
            size_t q = sc_country(c, e + 1);
            e = sc_rounds(c, q != (size_t)-1 ? q + 1 : e + 1);
        } else if (is_punct(c, e + 1, '(')) {
            size_t p = e + 1;
            e = sc_note(c, p);
            /* a substitute and his minute: "Dieter Ramusch ( Andreas Ogris 77th )" */
            if (e != (size_t)-1 && n + 1 < SC_MAX && sc_name(c, p + 1, 0, &nm[n + 1]) && nm[n + 1].last + 2 == e &&
                sc_minute(c, e - 1))
                n++;
        }
        if (e == (size_t)-1) break;
        n++;
        last = e;
        k = e + 1;
        if (k >= c->nt || (c->tok[k].flags & TK_NL) || !(is_punct(c, k, ',') || (kind == SC_PLAIN && is_punct(c, k, ';'))))
            break;
        k++;
    }
    *nn = n;
    return n ? last : (size_t)-1;
}

/* Does the list end its line (or go on after a comma)? */
static int sc_line_end(const chunkctx *c, size_t last) {
    return last != (size_t)-1 && (last + 1 >= c->nt || (c->tok[last + 1].flags & TK_NL) || is_punct(c, last + 1, ','));
}

/* The batting line at token i (a line's first): the names, their number,
 * the line's last token. */
static size_t sc_batting(const chunkctx *c, size_t i, scname *nm, int *nn) {
    int n = 0;
    if (!sc_name(c, i, 1, &nm[n])) return (size_t)-1;
    size_t k = nm[n++].last + 1;
    int bowler = 1;
    if (sc_word(c, k, "c") || sc_word(c, k, "st")) {
        int caught = sc_word(c, k, "c");
        k++;
        if (caught && (sc_word(c, k, "and") || (is_punct(c, k, '&') && !(c->tok[k].flags & TK_NL)))) k++;
        else {
            if (!sc_name(c, k, 0, &nm[n])) return (size_t)-1;
            k = nm[n++].last + 1;
        }
        if (!sc_word(c, k++, "b")) return (size_t)-1;
    } else if (sc_word(c, k, "lbw") || (sc_word(c, k, "hit") && sc_word(c, k + 1, "wicket"))) {
        k += sc_word(c, k, "lbw") ? 1 : 2;
        if (!sc_word(c, k++, "b")) return (size_t)-1;
    } else if (sc_word(c, k, "b")) {
        k++;
    } else if (((sc_word(c, k, "run") || sc_word(c, k, "not")) && sc_word(c, k + 1, "out")) ||
               (sc_word(c, k, "retired") && (sc_word(c, k + 1, "hurt") || sc_word(c, k + 1, "out")))) {
        k += 2;
        bowler = 0;
    } else
        return (size_t)-1;
    if (bowler) {
        if (!sc_name(c, k, 0, &nm[n])) return (size_t)-1;
        k = nm[n++].last + 1;
    }
    /* the runs end the line */
    if (!sc_number(c, k, 3) || (c->tok[k].flags & TK_NL) || (k + 1 < c->nt && !(c->tok[k + 1].flags & TK_NL)))
        return (size_t)-1;
    *nn = n;
    return k;
}

/* A list's head at token i ("Bowling ( to date ) :", "Did not bat :",
 * "Squad :", "Scorers :", "Goalkeepers - "): the first token after the
 * colon (or spaced hyphen), or (size_t)-1; *kind gets the list's kind. */
static size_t sc_list_head(const chunkctx *c, size_t i, int *kind) {
    size_t k = i + 1;
    *kind = SC_PLAIN;
    /* (most lines start with none of them: their first letters) */
    if (tlen(c, i) < 2 || tlen(c, i) > 11 || !memchr("btdsgmf", tfold(c, i)[0], 7)) return (size_t)-1;
    if (tok_is(c, i, "bowling")) *kind = SC_FIGURES;
    else if (tok_is(c, i, "to") || tok_is(c, i, "did")) {
        if (tok_is(c, i, "did") && sc_head(c, k, "not")) k++;
        if (!sc_head(c, k++, "bat")) return (size_t)-1;
    } else if (!tok_is(c, i, "squad") && !tok_is(c, i, "squads") && !tok_is(c, i, "scorer") &&
               !tok_is(c, i, "scorers") && !tok_is(c, i, "goalkeepers") && !tok_is(c, i, "defenders") &&
               !tok_is(c, i, "midfielders") && !tok_is(c, i, "forwards") && !tok_is(c, i, "strikers"))
        return (size_t)-1;
    if (is_punct(c, k, '(')) {   /* "Bowling ( to date ) :" */
        k = sc_note(c, k);
        if (k == (size_t)-1) return k;
        k++;
    }
    if (!(is_punct(c, k, ':') || (is_punct(c, k, '-') && (c->tok[k].flags & TK_SPACE))) || (c->tok[k].flags & TK_NL))
        return (size_t)-1;
    /* the first name on the head's line ("Scorers :" alone on a line
     * heads lines of another shape: "Brann - Mons Ivar Mjelde ( 10th )") */
    return k + 1 < c->nt && !(c->tok[k + 1].flags & TK_NL) ? k + 1 : (size_t)-1;
}

/* A team's line-up at token i: a place or team a dictionary knows, ":",
 * and at least three names of two or three words (initials count), none
 * of the items a place or organisation. The last token, or (size_t)-1. */
static size_t sc_lineup(const chunkctx *c, size_t i, scname *nm, int *nn) {
    long sp = ngn_covering_at(c, c->sp, tok_start(c, i));
    if (sp < 0 || c->m->spans[sp].start != tok_start(c, i) || !(ngn_span_types(c->m, (size_t)sp) & 6)) return (size_t)-1;
    size_t k = i;
    while (k + 1 < c->nt && tok_end(c, k) < c->m->spans[sp].end) k++;
    if (tok_end(c, k) != c->m->spans[sp].end || !is_punct(c, k + 1, ':') || (c->tok[k + 1].flags & TK_NL))
        return (size_t)-1;
    size_t last = sc_list(c, k + 2, SC_PLAIN, nm, nn);
    if (!sc_line_end(c, last)) return (size_t)-1;
    int full = 0;
    for (int j = 0; j < *nn; j++) {
        full += nm[j].nw >= 2 || nm[j].init >= 0 || nm[j].last > nm[j].sur;
        for (size_t q = nm[j].first; q <= nm[j].last; q++) {
            long s = ngn_covering_at(c, c->sp, tok_start(c, q));
            if (s >= 0 && !(ngn_span_types(c->m, (size_t)s) & 1)) return (size_t)-1;
        }
    }
    return full >= 3 ? last : (size_t)-1;
}

/* Is the name free for a person: no span crossing it, not a dictionary's
 * person already, and not all of it a dictionary's place or organisation
 * (with initials it may be: D. Cork)? */
static int sc_free(chunkctx *c, const scname *n) {
    size_t a = tok_start(c, n->first), b = tok_end(c, n->last);
    for (size_t k = n->first; k <= n->last; k++) {
        long s = ngn_covering_at(c, c->sp, tok_start(c, k));
        if (s < 0) continue;
        const span *sp = &c->m->spans[s];
        if (sp->start < a || sp->end > b) return 0;
        /* a dictionary's person, or a name that is all a place or an
         * organisation (Chicago 71 64: a standings line) */
        if (sp->start == a && sp->end == b && ((ngn_span_types(c->m, (size_t)s) & 1) || n->init < 0)) return 0;
    }
    return 1;
}

/* Rule K at token i, the first on its line or after the line's first
 * number: the last token used, or (size_t)-1. */
static __attribute__((noinline)) size_t players_rule(chunkctx *c, size_t i, int *rc) {
    scname nm[SC_MAX];
    int n = 0, kind, lineup = 0;
    size_t last = (size_t)-1, k;
    if (!(c->tok[i].flags & TK_NL) && i > 0) {
        /* after the total: "283 Tom Lehman 72 69 74 68 , Fred Funk ..." */
        last = sc_list(c, i, SC_ROUNDS, nm, &n);
    } else if ((k = sc_list_head(c, i, &kind)) != (size_t)-1) {
        last = sc_list(c, k, kind, nm, &n);
    } else {
        /* what follows the line's first name tells the line's shape (most
         * lines of prose stop here) */
        if (!sc_name(c, i, 1, &nm[0])) return (size_t)-1;
        k = nm[0].last + 1;
        if (k >= c->nt || (c->tok[k].flags & (TK_NL | TK_UPPER1))) return (size_t)-1;
        int batting = 0;
        if (is_punct(c, k, ':')) {
            last = sc_lineup(c, i, nm, &n);
            lineup = 1;
        } else if (is_punct(c, k, '(') || sc_number(c, k, 3)) {
            /* a bowling list or a leaderboard going on over a line of its own */
            last = sc_list(c, i, SC_FIGURES, nm, &n);
            if (last == (size_t)-1) last = sc_list(c, i, SC_ROUNDS, nm, &n);
        } else if (c->tok[k].flags & TK_WORD) {
            last = sc_batting(c, i, nm, &n);
            batting = 1;
        }
        if (!batting && !sc_line_end(c, last)) return (size_t)-1;
    }
    if (last == (size_t)-1) return (size_t)-1;
    for (int j = 0; j < n && !*rc; j++) {
        if ((lineup && nm[j].nw < 2 && nm[j].init < 0 && nm[j].last == nm[j].sur) || !sc_free(c, &nm[j])) continue;
        /* (O'Meara alone: the id a sentence gives it is the free word's,
         * which no rule makes: left to the partial names) */
        if (nm[j].init < 0 && nm[j].first == nm[j].sur && nm[j].last == nm[j].first + 2 && apos_surname(c, nm[j].first))
            continue;
        if (nm[j].init >= 0)
            *rc = person_span(c, NG_RULE_PLAYERS, nm[j].first, nm[j].last, NULL, 0, nm[j].init, nm[j].sur, nm[j].last, -1);
        else
            *rc = context_person(c, NG_RULE_PLAYERS, nm[j].first, nm[j].last);
    }
    return last;
}

/* Rules M and N at token i (they need a '(' near it: the '(' before and
 * after the current token are followed through the chunk with memchr, so
 * a text with few parentheses costs a compare a word). */
static __attribute__((noinline)) size_t paren_rules(chunkctx *c, size_t i, int *rc) {
    size_t p = tok_start(c, i);
    if (!c->paren_set) {
        size_t a = tok_start(c, 0), b = tok_end(c, c->nt - 1);
        const char *h = b > a ? memchr(c->text + a, '(', b - a) : NULL;
        c->paren_prev = SIZE_MAX;
        c->paren_next = h ? (size_t)(h - c->text) : SIZE_MAX;
        c->paren_set = 1;
    }
    while (c->paren_next < p) {
        c->paren_prev = c->paren_next;
        size_t b = tok_end(c, c->nt - 1), a = c->paren_next + 1;
        const char *h = b > a ? memchr(c->text + a, '(', b - a) : NULL;
        c->paren_next = h ? (size_t)(h - c->text) : SIZE_MAX;
    }
    /* a scorer before the minute (rule M): a '(' shortly before */
    if (c->paren_prev != SIZE_MAX && p - c->paren_prev <= 400) {
        size_t last = scorer_person(c, i);
        if (last != (size_t)-1) {
            *rc = person_span(c, NG_RULE_SCORER, i, last, NULL, 0, -1, i, last, -1);
            return last;
        }
    }
    /* a name and its country in parentheses (rule N): a '(' shortly after */
    if (c->paren_next != SIZE_MAX && c->paren_next - p <= 120) {
        size_t last = country_person(c, i);
        if (last != (size_t)-1) {
            *rc = context_person(c, NG_RULE_COUNTRY, i, last);
            return last;
        }
    }
    return (size_t)-1;
}

/* After a title, a Latin word a dictionary has only as a one-word place,
 * then a capitalised word no dictionary has, on its line: a given name no
 * list holds and the surname ("President Burhanuddin Rabbani", "Council
 * President Tono Eitel": Burhanuddin and Tono are towns), which the title
 * rule then takes whole ("Mayor London Breed" too). Not a given name of
 * the lists (the given-name rules decide those), not before a word a
 * dictionary has, nor before a third capitalised word (a name of three
 * words is left to the rules that know it). */
static int title_place_given(const chunkctx *c, size_t i) {
    long k = ngn_covering_at(c, c->sp, tok_start(c, i));
    if (k < 0 || (c->tok[i].flags & (TK_LATIN | TK_CYR)) != TK_LATIN) return 0;
    const span *s = &c->m->spans[k];
    if (s->start != tok_start(c, i) || s->end != tok_end(c, i) || ngn_span_types(c->m, (size_t)k) != 2u) return 0;
    /* (a given name of the lists is the given-name rules' to take or leave:
     * a weak one, Florence, stays the place, as they decide) */
    if (ngn_given_name(c, i)) return 0;
    size_t j = i + 1;
    if (j >= c->nt || !(c->tok[j].flags & TK_SPACE) || (c->tok[j].flags & TK_NL) || !is_cap_word(c, j) ||
        (c->tok[j].flags & (TK_LATIN | TK_CYR)) != TK_LATIN || ngn_covering_at(c, c->sp, tok_start(c, j)) >= 0)
        return 0;
    return !(j + 1 < c->nt && (c->tok[j + 1].flags & TK_SPACE) && !(c->tok[j + 1].flags & TK_NL) &&
             (c->tok[j + 1].flags & TK_UPPER1) && (c->tok[j + 1].flags & TK_WORD));
}

/* The last token of the surname after the second of two given names
 * (token b) that a family shares: one the rules read there, plural in
 * Cyrillic (Коваленки, Ященкам), or the dictionary's person of two words
 * or more from b in Latin ("Bill and Hillary Clinton"). (size_t)-1 if none. */
static size_t family_surname(const chunkctx *c, size_t b, int script) {
    long k = ngn_covering_at(c, c->sp, tok_start(c, b));
    if (k < 0 || c->m->spans[k].end == tok_end(c, b)) {   /* (Софія: also the city) */
        size_t l2 = surname_at(c, b + 1, b, script, 1);
        if (l2 == (size_t)-1 || (!(script & TK_LATIN) && plural_row(tfold(c, l2), tlen(c, l2)) < 0))
            return (size_t)-1;
        return l2;
    }
    const span *s = &c->m->spans[k];
    if (!(script & TK_LATIN) || s->start != tok_start(c, b) || ngn_span_types(c->m, (size_t)k) != 1)
        return (size_t)-1;
    size_t e = b;
    while (e + 1 < c->nt && tok_end(c, e + 1) <= s->end) e++;
    return e > b && tok_end(c, e) == s->end && (c->tok[e].flags & TK_LATIN) ? e : (size_t)-1;
}

/* Tries the person-name rules at token i; returns the last token used, or
 * (size_t)-1 if none fired. */
static size_t try_rules(chunkctx *c, size_t i, int *rc) {
    const ng_token *ti = &c->tok[i];
    int script = ti->flags & (TK_CYR | TK_LATIN);
    if ((ti->flags & TK_LATIN) &&
        (i == 0 || (ti->flags & TK_NL) || ((i == 1 || (c->tok[i - 1].flags & TK_NL)) && sc_number(c, i - 1, 3)))) {
        /* a line of a scorecard, squad or leaderboard (rule K) */
        size_t last = players_rule(c, i, rc);
        if (last != (size_t)-1 || *rc) return last;
    }
    if (c->nl) {
        size_t sf = surname_first(c, i, rc);
        if (sf != (size_t)-1 || *rc) return sf;
    }
    /* given name */
    const gform *gf[8];
    size_t ng = c->nl ? ngn_nl_lookup(c->nl, ti->hash, tfold(c, i), tlen(c, i), gf, 8) : 0;
    if (ng && !(ti->flags & TK_ALLUPPER)) {
        const gform *g = gf[0];
        for (size_t k = 1; k < ng; k++) if (gf[k]->is_nom && !g->is_nom) g = gf[k];
        if (g->is_nom && ng > 1 && i >= 2 && family_conj(c, i - 1)) {
            /* the second of two given names in a case form when the first is
             * ("братів Вячеслава та Олександра Супруненків": Олександр's
             * genitive, not Олександра) */
            const gform *af[8];
            size_t na = ngn_nl_lookup(c->nl, c->tok[i - 2].hash, tfold(c, i - 2), tlen(c, i - 2), af, 8);
            int anom = 0;
            for (size_t k = 0; k < na; k++) anom |= af[k]->is_nom;
            for (size_t k = 0; na && !anom && k < ng; k++)
                if (!gf[k]->is_nom) { g = gf[k]; break; }
        }
        if (!g->is_nom && ng > 1) {
            /* a case form of names of both languages (Федора: Федір, Фёдор):
             * the one whose language the letters around it mark, or a name
             * of both lists found first (Антона: Антон of the main lists,
             * not Антін of the short forms) */
            int lang = ctx_lang(c, i);
            for (size_t k = 0; k < ng && lang; k++)
                if (c->nl->names[gf[k]->name].lang == lang || c->nl->names[gf[k]->name].both) { g = gf[k]; break; }
        }
        if (!g->is_nom && (ti->flags & TK_CYR) && tlen(c, i) > 2 && !memcmp(tfold(c, i) + tlen(c, i) - 2, "о", 2) &&
            ctx_lang(c, i) != NG_LANG_UK) {
            /* a case form in -о, which only the Ukrainian vocative gives
             * (Романо of Романа; Russian genitives such as Петра, Томаса
             * are no such form), that, romanised, is a given name of its
             * own in the nominative (Romano): outside Ukrainian text, that
             * name as written ("Романо Проди" is Romano Prodi, as the
             * English text has it) */
            char sk[SK_MAX + 8];
            size_t sl = ngn_skel(tfold(c, i), tlen(c, i), sk, 0);
            const gform *lg[4];
            size_t nl = sl ? ngn_nl_lookup(c->nl, ng_hash(sk, sl), sk, sl, lg, 4) : 0;
            for (size_t k = 0; k < nl; k++)
                if (lg[k]->is_nom && c->nl->names[lg[k]->name].lang == NG_LANG_UNKNOWN) { g = lg[k]; break; }
        }
        const gname *gn = &c->nl->names[g->name];
        int ok = 1;
        /* (first in its sentence, a weak given name starts a name only
         * when a person's cue follows its surname: "Mark Hughes said",
         * "Tiger Woods, who", not "Will Set" or "Grant Thornton") */
        if (gn->weak && ngn_sentence_initial(c, i) && !title_before(c, i) &&
            !(i + 2 < c->nt && is_cap_word(c, i + 1) && (c->tok[i + 1].flags & script) &&
              !(c->tok[i + 1].flags & (TK_NL | TK_ALLUPPER)) &&
              (person_cue_after(c, i + 2) || list_item(c, i))))
            ok = 0;
        /* a function word first in its sentence that is also a case form
         * of a given name (Коли: Коля, Але: Аля, Тому: Том) starts no name
         * there: "Коли Святослав Вакарчук", "Але Яся" */
        if (ok && !g->is_nom && wset_has(&ngn_stop_set, ti->hash) && ngn_sentence_initial(c, i)) ok = 0;
        /* the given name itself: free, or a one-word person span */
        long k = ngn_covering_at(c, c->sp, tok_start(c, i));
        int other = 0;   /* a one-word place or organisation (Анатолія, Jordan) */
        if (k >= 0) {
            const span *s = &c->m->spans[k];
            if (s->end > tok_end(c, i)) ok = 0;
            else if (!(ngn_span_types(c->m, (size_t)k) & 1)) other = 1;
            /* (a weak one that is a place or an organisation of its own,
             * Don, Jordan, Georgia, Florence, only after a title: "Prime
             * Minister Don McKinnon") */
            if (other && gn->weak && !title_before(c, i)) ok = 0;
        }
        if (ok && i + 3 < c->nt) {
            /* the first of two given names a family's surname follows
             * ("Петро та Марія Коваленки", "Денису і Володимиру Ященкам";
             * "Bill and Hillary Clinton"): this one's person too, the span
             * its given name; a Cyrillic surname must be plural (Андрій і
             * Олена Зеленська: his surname is not hers) */
            size_t b = i + 2, l2;
            const gform *bg[1];
            /* (in English not after a capitalised word, whose surname it
             * may be: "Garret Anderson and Gary DiSarcina", "Marcio Santos
             * and Winston Bogarde"; a Cyrillic plural tells: "теща
             * Сміяненка Юрій та Наталія Козубенки") */
            int after_name = (script & TK_LATIN) && i > 0 && !(ti->flags & TK_NL) && is_cap_word(c, i - 1) &&
                             !wset_has(&ngn_stop_set, c->tok[i - 1].hash) && !ngn_sentence_initial(c, i - 1);
            if (!after_name && family_conj(c, i + 1) && is_cap_word(c, b) && (c->tok[b].flags & script) &&
                !(c->tok[b].flags & TK_ALLUPPER) && ngn_nl_lookup(c->nl, c->tok[b].hash, tfold(c, b), tlen(c, b), bg, 1) &&
                (l2 = family_surname(c, b, script)) != (size_t)-1) {
                /* (the dictionary's person of the given name and surname:
                 * Bill Clinton) */
                size_t w[8], nw = 0;
                cand dc;
                w[nw++] = i;
                for (size_t q = b + 1; q <= l2 && nw < 8; q++) w[nw++] = q;
                if (script & TK_LATIN) {
                    /* (in English only a person the dictionary knows: "Sohail
                     * and Saeed Anwar" is Aamir Sohail, named by his surname) */
                    if (nw == l2 - b + 1 && ngn_dict_words(c, w, nw, "PER", &dc)) {
                        if ((*rc = ngn_dict_form_span(c, i, i, &dc, NG_RULE_GIVEN_SURNAME))) return i;
                        *rc = note_person(c, N_PER, i, i, l2, (long)i, dc.c.id, dc.c.name, 0, -1);
                        return i;
                    }
                } else {
                    c->family = 1;
                    *rc = person_span(c, NG_RULE_GIVEN_SURNAME, i, i, g, i, -1, b + 1, l2, -1);
                    c->family = 0;
                    return i;
                }
            }
        }
        if (ok) {
            size_t j = i + 1;
            long patr = -1;
            /* a middle part: initial, second given name or patronymic */
            if (j < c->nt && is_initial(c, j) && (c->tok[j].flags & TK_SPACE)) j += 2;
            else if (j < c->nt && is_patronymic(c, j) && (c->tok[j].flags & TK_SPACE) && free_for_rule(c, j, i, 0) &&
                     patr_agrees(c, j, &g, gf, ng)) {
                gn = &c->nl->names[g->name];
                patr = (long)j;
                j++;
            } else if (j + 1 < c->nt && is_cap_word(c, j) && is_cap_word(c, j + 1) && !(c->tok[j + 1].flags & TK_NL) &&
                       ngn_nl_lookup(c->nl, c->tok[j].hash, tfold(c, j), tlen(c, j), gf, 1) &&
                       surname_at(c, j + 1, i, script, !gn->weak) != (size_t)-1)
                j++;
            size_t sfirst = j;
            /* particles */
            for (int np = 0; np < 3 && j < c->nt && (c->tok[j].flags & TK_WORD) && !(c->tok[j].flags & TK_UPPER1) &&
                             wset_has(&ngn_particle_set, c->tok[j].hash); np++)
                j++;
            if (j > sfirst && (j >= c->nt || !is_cap_word(c, j))) j = sfirst;
            size_t last = surname_at(c, j, i, script, !gn->weak && !other);
            if (last == (size_t)-1 && j == i + 1 && line_joins(c, i, gn->weak)) {
                last = surname_at_nl(c, j, i, script, 1, 1);
                if (last != (size_t)-1 && !line_goes_on(c, last)) last = (size_t)-1;
            }
            if (last != (size_t)-1 && other && (j != i + 1 || ngn_covering_at(c, c->sp, tok_start(c, j)) >= 0))
                last = (size_t)-1;   /* then only given name + a surname no dictionary knows */
            if (last != (size_t)-1) {
                if (patr < 0 && sfirst == j && is_patronymic(c, j) && j + 1 < c->nt) {
                    /* given + patronymic + surname */
                    size_t l2 = surname_at(c, j + 1, i, script, !gn->weak);
                    const gform *g2 = g;
                    /* (gf is the first word's only right after it) */
                    if (l2 != (size_t)-1 && patr_agrees(c, j, &g2, gf, j == i + 1 ? ng : 0)) {
                        g = g2;
                        patr = (long)j; sfirst = j + 1; last = l2;
                    }
                }
                if (patr >= 0 && sfirst == (size_t)patr) sfirst = (size_t)patr + 1;
                /* (not after a middle part: the name it gives leaves that
                 * part out, and read alone would be another's) */
                if (script == TK_LATIN && patr < 0 && last == sfirst && sfirst == i + 1) {
                    last = second_surname(c, last, i, rc);
                    if (*rc) return (size_t)-1;
                }
                if (g->is_nom && gn->fem && ng > 1 &&
                    masc_oblique(tfold(c, last), tlen(c, last), ctx_lang(c, last) == NG_LANG_UK))
                    /* Олександра Перцовського: the genitive of Олександр (not
                     * of a rarer name before a surname that reads as hers:
                     * "Леся Іванова" is Леся's, not Лесь's; "Влада Филата"
                     * is Влад Филат's) */
                    for (size_t k = 0; k < ng; k++)
                        if (!gf[k]->is_nom && !c->nl->names[gf[k]->name].fem &&
                            !(c->nl->names[gf[k]->name].rare && fem_nominative(tfold(c, last), tlen(c, last)))) {
                            g = gf[k];
                            /* (her reading stays possible: the article decides) */
                            c->amb_given = fem_nominative(tfold(c, last), tlen(c, last));
                            break;
                        }
                int fo = !g->is_nom && !gn->fem && ng > 1 ? fem_oblique(tfold(c, last), tlen(c, last)) : 0;
                if (fo) {
                    /* Лесі Мусаєвої: the genitive of Леся, not Лесь's locative
                     * (nor Лёха's: the language the letters around mark first) */
                    int lang = ctx_lang(c, last);
                    const gform *fg = NULL;
                    for (size_t k = 0; k < ng; k++) {
                        const gname *n = &c->nl->names[gf[k]->name];
                        if (!gf[k]->is_nom && n->fem && (!fg || (n->lang == lang && c->nl->names[fg->name].lang != lang)))
                            fg = gf[k];
                    }
                    /* (not when her nominative would read as the genitive of
                     * a common man's name, as Олександра Іванова reads as
                     * Олександр Іванов's above: her mentions stay on one id) */
                    if (fg && fo == 2) {
                        const gname *n = &c->nl->names[fg->name];
                        const gform *nf[8];
                        size_t nn = ngn_nl_lookup(c->nl, ng_hash(c->nl->strs + n->fold, n->fold_len),
                                                  c->nl->strs + n->fold, n->fold_len, nf, 8);
                        for (size_t k = 0; k < nn && fg; k++)
                            if (!nf[k]->is_nom && !c->nl->names[nf[k]->name].fem && !c->nl->names[nf[k]->name].rare)
                                fg = NULL;
                    }
                    if (fg) g = fg;
                }
                *rc = person_span(c, NG_RULE_GIVEN_SURNAME, hyphen_given_start(c, i, script), last, g, i, -1, sfirst,
                                  last, patr);
                c->amb_given = 0;
                return last;
            }
            if (patr >= 0) {
                *rc = person_span(c, NG_RULE_GIVEN_PATRONYMIC, i, (size_t)patr, g, i, -1, 1, 0, patr);
                return (size_t)patr;
            }
        }
    }
    /* initials: J. Biden, В. О. Зеленський, J. R. R. Tolkien (up to three) */
    if (tlen(c, i) <= 4 && is_initial(c, i) && (i == 0 || (ti->flags & TK_SPACE) || (c->tok[i - 1].flags & TK_PUNCT)) &&
        !(i > 0 && is_punct(c, i - 1, '.') && !(ti->flags & TK_SPACE)) && free_for_rule(c, i, i, 0)) {
        size_t j = i + 2;
        for (int more = 0; more < 2 && j < c->nt && is_initial(c, j); more++) j += 2;
        size_t last = surname_at(c, j, i, script, 0);
        /* a Latin place: after one initial only ("F.C. Brasov" is a club),
         * not a compass point's (N. Ireland, S. Africa, W. Virginia) */
        const char *ic = c->text + tok_start(c, i);
        int one = j == i + 2 && !(ic[0] == 'N' || ic[0] == 'S' || ic[0] == 'E' || ic[0] == 'W');
        if (last == (size_t)-1 && (sky_surname(c, j) || (one && latin_place_surname(c, j))))
            last = surname_at(c, j, i, script, 1);   /* a place named after a man: Б. Хмельницького; D. Cork */
        /* (not a function word, which starts the next sentence: "Б. В. Також ...") */
        if (last == j && wset_has(&ngn_stop_set, c->tok[j].hash)) last = (size_t)-1;
        if (last != (size_t)-1) {
            *rc = person_span(c, NG_RULE_INITIALS, i, last, NULL, 0, (long)i, j, last, -1);
            return last;
        }
    }
    /* surname + two initials: Підвисоцький М. Т., Кузнецов А. С. (the id
     * of "М. Т. Підвисоцький": the first initial and the surname) */
    if (!(ti->flags & TK_ALLUPPER) && is_cap_word(c, i) && ncp_ge(tfold(c, i), tlen(c, i), 3) && i + 4 < c->nt &&
        is_initial(c, i + 1) && (c->tok[i + 1].flags & TK_SPACE) && !(c->tok[i + 1].flags & TK_NL) &&
        (is_initial(c, i + 3) || last_initial(c, i + 3)) && (c->tok[i + 3].flags & TK_SPACE) &&
        (c->tok[i + 1].flags & (TK_CYR | TK_LATIN)) == (unsigned)script &&
        (c->tok[i + 3].flags & (TK_CYR | TK_LATIN)) == (unsigned)script &&
        /* (initials before a name belong to it: Вчора Ж. О. П. Дрозд; not
         * after a surname inside a sentence, where the word after them
         * starts the next sentence: "Васильєвою Т. І. Сутність ...") */
        !(i + 5 < c->nt && !(c->tok[i + 5].flags & TK_NL) && is_cap_word(c, i + 5) &&
          (ngn_sentence_initial(c, i) || wset_has(&ngn_stop_set, ti->hash))) &&
        ngn_covering_at(c, c->sp, tok_start(c, i)) < 0 && free_for_rule(c, i, i, 0)) {
        *rc = person_span(c, NG_RULE_INITIALS, i, i + 4, NULL, 0, (long)(i + 1), i, i, -1);
        return i + 4;
    }
    /* title + surname (+ surname): President Clinton, президент Зеленський */
    if (!(ti->flags & TK_ALLUPPER) && !ngn_sentence_initial(c, i) &&
        (ngn_covering_at(c, c->sp, tok_start(c, i)) < 0 || title_place_given(c, i)) &&
        is_cap_word(c, i) && ncp_ge(tfold(c, i), tlen(c, i), 2) && title_before(c, i) && !adj_before_noun(c, i) &&
        !ngn_org_noun(c, i) &&   /* (депутати Партії Вільних, General Assembly: a body) */
        !ngn_legal_form(c, i) && /* (директором ПрАТ «...»: a company's legal form) */
        !ngn_title_common_noun(c, i)) {   /* (Miss Universe: a contest) */
        /* a case form of a one-word dictionary organisation that the
         * dictionary does not decline (Депутати Батьківщини): that one */
        cand dc;
        if (ngn_dict_form(c, i, "ORG", &dc)) {
            *rc = ngn_dict_form_span(c, i, i, &dc, NG_RULE_DICT_FORM);
            return i;
        }
        size_t last = i;
        size_t l2 = surname_at(c, i + 1, i, script, 0);
        /* a given name and a name after the word: the word was the title's
         * ("професор Політехніки Павло Сербин", "Губернатор Приморья
         * Александр Шемелев"), the person is the name's */
        const gform *gn1[1];
        if (c->nl && l2 == i + 1 && i + 2 < c->nt && is_cap_word(c, i + 2) && !(c->tok[i + 2].flags & TK_NL) &&
            ngn_nl_lookup(c->nl, c->tok[i + 1].hash, tfold(c, i + 1), tlen(c, i + 1), gn1, 1))
            return (size_t)-1;
        if (l2 != (size_t)-1 && ngn_covering_at(c, c->sp, tok_start(c, i + 1)) < 0) last = l2;
        if (i + 1 < c->nt && (c->tok[i + 1].flags & TK_PUNCT) && tlen(c, i + 1) == 1 && tfold(c, i + 1)[0] == '-' &&
            !(c->tok[i + 1].flags & TK_SPACE))
            return (size_t)-1;
        *rc = person_span(c, NG_RULE_TITLE, i, last, NULL, 0, -1, i, last, -1);
        return last;
    }
    /* rules M and N: only near a '(' (the test inline, the rules not) */
    if (c->paren_set) {
        size_t p = tok_start(c, i);
        if (c->paren_next >= p && c->paren_next - p > 120 && (c->paren_prev == SIZE_MAX || p - c->paren_prev > 400))
            return (size_t)-1;
    }
    return paren_rules(c, i, rc);
}

/* Is the place at tokens [i, j] named as a river by the words around it:
 * "the" right before it in Latin text, not before a word of a city's ("the
 * Dnipro city council"); a bank of it before it, an adjective between (на
 * лівому березі Дніпра, на берегу Днепра, the banks of the ...), along it,
 * a river's mouth, crossing it (вздовж, вдоль, гирлі, устье, форсували; not
 * "через", which is "via" a city too)? */
static int river_cue(const chunkctx *c, size_t i, size_t j) {
    static const char *const bank[] = {"берег", "берега", "берегу", "березі", "берегом", "береги", "берегів",
                                       "берегах", "вздовж", "уздовж", "вдоль", "гирлі", "гирла", "гирло",
                                       "устье", "устья", "устьи", "форсували", "форсувати", "форсування",
                                       "форсировали", "форсировать", "форсирование", NULL};
    static const char *const city[] = {"city", "region", "oblast", "province", "area", "council", "mayor",
                                       "airport", "authorities", "administration", "metro", "station", NULL};
    if (i == 0 || !(c->tok[i - 1].flags & TK_WORD)) return 0;
    if (c->tok[i].flags & TK_LATIN) {
        if (!tok_is(c, i - 1, "the")) return 0;
        if (j + 1 < c->nt && (c->tok[j + 1].flags & TK_WORD) && !(c->tok[j + 1].flags & TK_NL)) {
            if (c->tok[j + 1].flags & TK_UPPER1) return 0;
            for (const char *const *w = city; *w; w++)
                if (tok_is(c, j + 1, *w)) return 0;
        }
        if (j + 1 < c->nt && is_punct(c, j + 1, '-') && !(c->tok[j + 1].flags & TK_SPACE)) return 0;   /* (Dnipro-based) */
        return 1;
    }
    for (size_t k = i - 1, n = 0; n < 2; n++, k--) {
        if (!(c->tok[k].flags & TK_WORD) || (c->tok[k + 1].flags & TK_NL)) return 0;
        for (const char *const *w = bank; *w; w++)
            if (tok_is(c, k, *w)) return 1;
        if (k == 0) return 0;
    }
    return 0;
}

/* Notes about a dictionary span: full person names, organisation acronyms,
 * one-word and ambiguous spans (for the article pass). */
static int note_dict_span(chunkctx *c, size_t k, size_t i) {
    const span *s = &c->m->spans[k];
    size_t j = i;
    while (j + 1 < c->nt && tok_end(c, j) < s->end) j++;
    unsigned ty = ngn_span_types(c->m, k);
    size_t nwords = 0;
    for (size_t q = i; q <= j; q++) nwords += (c->tok[q].flags & TK_WORD) != 0;
    const cand *cd = &c->m->cands[s->cand];
    if (c->partial && ty == 1 && s->ncand == 1 && nwords >= 2 && is_name_word(&c->tok[j])) {
        nxt *x;
        note *n = ngn_add_note(c->mn, N_PER, c->field, s->start, s->end, &x);
        if (!n) return NG_E_NOMEM;
        n->key = ctx_stem(c, j);
        /* the first word of the name, after a title the name starts with
         * (Prince William, King Charles III, Sir Keir Starmer): a title is
         * no given name ("Prince" of "Prince Harry" is not Prince William);
         * none when the title leaves one word, which is the key's */
        size_t f = i;
        while (f < j && (c->tok[f].flags & TK_WORD) && tok_has_stem(c, &ngn_title_set, f)) f++;
        if (f > i) {
            while (f < j && !(c->tok[f].flags & TK_WORD)) f++;
        }
        if (f < j) {
            x->key2 = ctx_stem(c, f);
            x->initial = first_cp(tfold(c, f), tlen(c, f));
            if (!is_initial(c, f)) x->first = x->key2;
        }
        x->id = cd->c.id;
        x->type = cd->c.type;
        x->name = cd->c.name;
    }
    if (c->partial && ty == 4 && s->ncand == 1 && nwords >= 2) {
        /* the acronym of the capitalised words (folded first letters) */
        char acr[64];
        size_t al = 0, caps = 0;
        for (size_t q = i; q <= j; q++) {
            const ng_token *t = &c->tok[q];
            if (!(t->flags & TK_WORD) || !(t->flags & TK_UPPER1)) continue;
            const char *f = tfold(c, q);
            size_t l = 1;
            while (l < t->fold_len && ((unsigned char)f[l] & 0xC0) == 0x80) l++;
            if (al + l < sizeof acr) { memcpy(acr + al, f, l); al += l; caps++; }
        }
        if (caps >= 2) {
            nxt *x;
            note *n = ngn_add_note(c->mn, N_ORG, c->field, s->start, s->end, &x);
            if (!n) return NG_E_NOMEM;
            n->key = ng_hash(acr, al);
            x->id = cd->c.id;
            x->type = cd->c.type;
            x->name = cd->c.name;
        }
    }
    if ((nwords == 1 && is_name_word(&c->tok[i]) && (c->partial || c->context)) || (s->ncand > 1 && c->context)) {
        note *n = ngn_add_note(c->mn, N_SPAN, c->field, s->start, s->end, NULL);
        if (!n) return NG_E_NOMEM;
        n->key = nwords == 1 ? ctx_stem(c, i) : 0;
        if (i > 0 && title_before(c, i)) n->cues |= CUE_TITLE;
        if (i > 0 && (c->tok[i - 1].flags & TK_WORD) && wset_has(&ngn_prep_set, c->tok[i - 1].hash)) n->cues |= CUE_PLACE;
        if (s->ncand > 1 && c->context && ty == 2 && river_cue(c, i, j)) n->cues |= CUE_RIVER;
    }
    return NG_OK;
}

/* Is the dictionary span k, token i alone, a case form of a one-word name
 * in -е that declines as an adjective (Рівне → Рівного, Луганське →
 * Луганського) standing where it reads as an adjective before its noun
 * instead: the next word agrees with it in case ("відділення Луганського
 * заповідника", "в Південному мікрорайоні": not Луганське, Південне), not
 * a verb or a function word ("у Рівному відбулася", "з Рівного до")? Only
 * Ukrainian endings (-ого, -ому, -им, -ім) and only spans whose every
 * candidate is a generated form and no person's. */
static int adj_form_alone(const chunkctx *c, size_t k, size_t i) {
    const ng_token *t = &c->tok[i];
    const span *s = &c->m->spans[k];
    if ((t->flags & (TK_CYR | TK_LATIN | TK_ALLUPPER)) != TK_CYR || s->end != tok_end(c, i) || i + 1 >= c->nt) return 0;
    const ng_token *n = &c->tok[i + 1];
    if ((n->flags & (TK_WORD | TK_CYR | TK_UPPER1 | TK_NL | TK_SPACE)) != (TK_WORD | TK_CYR | TK_SPACE)) return 0;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i), cut = 0;
    if (l > 6 && (!memcmp(f + l - 6, "ого", 6) || !memcmp(f + l - 6, "ому", 6))) cut = 6;
    else if (l > 4 && (!memcmp(f + l - 4, "им", 4) || !memcmp(f + l - 4, "ім", 4))) cut = 4;
    if (!cut || (l - cut >= 2 && !memcmp(f + l - cut - 2, "ь", 2))) return 0;
    /* a one-word name in -е of some dictionary (Рівне, Луганське; not
     * Хмельницький, whose forms are a surname's too) */
    char nom[NG_MAX_TOKEN + 2];
    size_t nl = l - cut;
    if (nl + 2 > sizeof nom) return 0;
    memcpy(nom, f, nl);
    memcpy(nom + nl, "е", 2);
    nl += 2;
    uint64_t h = ng_hash(nom, nl);
    int known = 0;
    for (size_t d = 0; d < c->t->nd && !known; d++) known = dict_one_word(c->t->dicts[d], nom, nl, h) != NULL;
    if (!known) return 0;
    /* the word after it agrees as its noun or adjective would (заповідника,
     * вокзалу after -ого; відділенням after -им), a verb does not
     * ("Кам'янського вийшли") */
    static const char *const agree_gen[] = {"а", "я", "у", "ю", "ого", NULL};
    static const char *const agree_dat[] = {"у", "ю", "ові", "еві", "єві", "і", "ому", NULL};
    static const char *const agree_ins[] = {"ом", "ем", "єм", "ям", "им", "ім", NULL};
    static const char *const agree_loc[] = {"і", "у", "ю", "ому", "ім", NULL};
    const char *end = f + l - cut;
    const char *const *agree = !memcmp(end, "ого", cut) ? agree_gen : !memcmp(end, "ому", cut) ? agree_dat
                               : !memcmp(end, "им", cut) ? agree_ins : agree_loc;
    const char *nf = tfold(c, i + 1);
    size_t nfl = tlen(c, i + 1);
    int agrees = 0;
    for (const char *const *e = agree; *e && !agrees; e++) agrees = ends_with(nf, nfl, *e, strlen(*e));
    /* (a verb's past or reflexive form: "з Рівного прибула", "у Рівному
     * відбулася"; a function word: "у Рівному у вівторок") */
    if (!agrees || ends_with(nf, nfl, "ла", 4) || ends_with(nf, nfl, "ся", 4) || ends_with(nf, nfl, "сь", 4) ||
        !ncp_ge(nf, nfl, 3) || wset_has(&ngn_stop_set, c->tok[i + 1].hash))
        return 0;
    for (size_t q = 0; q < s->ncand; q++) {
        const cand *cd = &c->m->cands[s->cand + q];
        if (!cd->inflected || !strcmp(cd->c.type, "PER")) return 0;   /* (Льва Толстого поставили) */
    }
    return 1;
}

/* A place's code in capitals glued to a dollar sign names a currency
 * (US$, as HK$, NZ$, A$ are written): the one-word span over token i is
 * no mention of the place. */
static int currency_code(const chunkctx *c, size_t k, size_t i) {
    const span *s = &c->m->spans[k];
    const ng_token *t = &c->tok[i];
    return s->start == tok_start(c, i) && s->end == tok_end(c, i) && (t->flags & TK_ALLUPPER) && tlen(c, i) <= 3 &&
           i + 1 < c->nt && is_punct(c, i + 1, '$') && !(c->tok[i + 1].flags & TK_SPACE);
}

/* A given name's dative in -ові / -еві / -єві (Романові, Петрові) that a
 * dictionary knows only as a place's locative: a village named after the
 * given name + -ів (Романів, Петрів: у Романові). A Ukrainian locative
 * follows a preposition ("у Романові", "в селі Романові", "у Києві й
 * Львові"); with none before it in its sentence ("нагадали Романові",
 * "допоміг Іванові й Романові") the word is the person's dative, and goes
 * on as a free word (the given name alone). Only where the given-name list
 * has the form and every candidate is a place's inflected form: a place's
 * own dative in -ові ("загрожує Бахмутові") is no given name. Looks back at
 * most 24 tokens; a sentence longer than that keeps the place. */
static int given_dative(const chunkctx *c, size_t k, size_t i) {
    const ng_token *t = &c->tok[i];
    const span *s = &c->m->spans[k];
    if (!c->nl || (t->flags & (TK_CYR | TK_LATIN | TK_ALLUPPER | TK_UPPER1)) != (TK_CYR | TK_UPPER1) ||
        s->end != tok_end(c, i) || !s->ncand)
        return 0;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i);
    if (!ends_with(f, l, "ові", 6) && !ends_with(f, l, "еві", 6) && !ends_with(f, l, "єві", 6)) return 0;
    for (size_t q = 0; q < s->ncand; q++) {
        const cand *cd = &c->m->cands[s->cand + q];
        if (!cd->inflected || strcmp(cd->c.type, "LOC")) return 0;
    }
    if (!ngn_given_name(c, i)) return 0;
    for (size_t j = i, n = 0; j-- > 0 && n < 24; n++) {
        const ng_token *p = &c->tok[j];
        if (p->flags & TK_WORD) {
            static const char *const prep[] = {"у", "в", "уві", "на", "по", "при", "о", "об", NULL};
            for (const char *const *w = prep; *w; w++)
                if (tok_is(c, j, *w)) return 0;
        } else if (is_punct(c, j, '.') || is_punct(c, j, '!') || is_punct(c, j, '?')) {
            return 1;
        }
        if (p->flags & (TK_NL | TK_PARA)) return 1;   /* (its line's first token) */
        if (j == 0) return 1;
    }
    return 0;
}

/* Notes dictionary span k as one a rule replaced or refused (dropped
 * when the chunk's walk ends). */
static int drop_span(mnames *mn, size_t k) {
    if (ng_grow((void **)&mn->dead, &mn->dead_cap, mn->ndead + 1, sizeof *mn->dead)) return NG_E_NOMEM;
    mn->dead[mn->ndead++] = k;
    return NG_OK;
}

/* How many capitalised words ahead ng_names_chunk prefetches (twice as far
 * the token, then its given-name filter bits). */
enum { CAP_AHEAD = 4 };

/* The first capitalised word at or after token i, or nt. */
static size_t next_cap(const uint32_t *caps, size_t ncaps, size_t *ci, size_t i, size_t nt) {
    while (*ci < ncaps && caps[*ci] < i) (*ci)++;
    return *ci < ncaps ? caps[*ci] : nt;
}

/* Is token t a word that goes on a name after a capitalised word (a link
 * word, a particle, a place preposition)? */
static int link_word(const ng_token *t) {
    return wset_has(&ngn_link_set, t->hash) || wset_has(&ngn_particle_set, t->hash) || wset_has(&ngn_prep_set, t->hash);
}

/* Is t a lower-case Latin word after a space (no capitals, digits,
 * Cyrillic letters, line break)? */
static int lower_latin_word(const ng_token *t) {
    return (t->flags & (TK_WORD | TK_SPACE | TK_LATIN | TK_UPPER1 | TK_CYR | TK_DIGIT | TK_NL | TK_LONG)) ==
           (TK_WORD | TK_SPACE | TK_LATIN);
}

/* The one-byte punctuation mark token t is, when it is one of 'marks'
 * (a clause's or a sentence's end), else 0. */
static char clause_mark(const chunkctx *c, const ng_token *t, const char *marks) {
    if (!(t->flags & TK_PUNCT) || t->fold_len != 1 || !c->fold[t->fold] || !strchr(marks, c->fold[t->fold])) return 0;
    return c->fold[t->fold];
}

/* Can no rule start at token i, a capitalised Latin word (or one in
 * capitals, two letters or more) not first on its line, that a lower-case
 * Latin word follows ("The kernel", "If the", "Linux kernel")? The
 * organisation, place and person rules need more to start a name there: a
 * capitalised word or a number after it, a link word (names_words.c link_words,
 * a particle, a place preposition) unless a lower-case word follows that
 * too, the start of a line (scorecards, datelines), a title, an initial or
 * a capitalised word before it, a Cyrillic word near it (a Latin name in
 * Cyrillic text). So is such a word before a mark that ends a clause or
 * a sentence ("this License.", "On Linux,"; not a title, not "St." or
 * "Mt.", and a Latin word after the mark: 747.3M -> 742.7M instructions on
 * the realistic 10 MB). Most capitalised words of prose are such words (the
 * first of a sentence), and the rules cost ~1,000 instructions a word that
 * finds nothing: the walk skips them, the free-word checks after still
 * run. In Cyrillic text: a capitalised function word (Він, Це, За,
 * Коли: the stop words) a lower-case Cyrillic word follows, first on its
 * line or after a word or the end of a sentence or a clause (. ! ? ; : ,
 * -), not after an opening quote («За права людини», «Про оренду землі»
 * are names). Realistic workload, 10 MB, 10k
 * names: 778.1M -> 744.7M instructions; the uk evaluation texts 410.1M
 * -> 405.4M; outputs unchanged. Built with NG_CHECK_RULE_GATE (make
 * asan, make check-corpus), the rules run anyway and a skipped word where
 * one finds or notes something stops the program. */
static int no_rule_starts(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if ((t->flags & (TK_CYR | TK_UPPER1 | TK_ALLUPPER | TK_LATIN | TK_DIGIT | TK_LONG)) == (TK_CYR | TK_UPPER1)) {
        /* a Cyrillic function word (він, це, за, коли ...) a lower-case
         * Cyrillic word follows */
        if (i + 1 >= c->nt || !wset_has(&ngn_stop_set, t->hash)) return 0;
        if (i > 0 && !(t->flags & TK_NL)) {
            /* (first on its line, or after the end of a sentence or a
             * clause only: not after a word, which a rule may look back
             * at, "на вулиці Та й ..." a street's; not after an opening
             * quote: «Про ...» is a law's title, «За права ...» a name) */
            const ng_token *p = &c->tok[i - 1];
            char mark = clause_mark(c, p, ".!?;:,-");
            if (!mark) return 0;
            /* nor after an abbreviation's full stop (five letters or
             * fewer): a rule reads it ("вул. Про світ" is a street's
             * name; found by make fuzz) */
            if (mark == '.' && i >= 2 && (c->tok[i - 2].flags & TK_WORD) && !ncp_ge(tfold(c, i - 2), tlen(c, i - 2), 6))
                return 0;
        }
        const ng_token *n = &c->tok[i + 1];
        return (n->flags & (TK_WORD | TK_SPACE | TK_CYR | TK_UPPER1 | TK_LATIN | TK_DIGIT | TK_NL | TK_LONG)) ==
               (TK_WORD | TK_SPACE | TK_CYR);
    }
    if ((t->flags & (TK_LATIN | TK_UPPER1 | TK_CYR | TK_DIGIT | TK_NL | TK_LONG)) != (TK_LATIN | TK_UPPER1) ||
        i + 1 >= c->nt || i == 0)
        return 0;
    const ng_token *n = &c->tok[i + 1];
    if (n->flags & TK_PUNCT) {
        /* the word ends a clause or a sentence ("this License.", "the
         * Program,", "On Linux,"): no name of one word starts there, but
         * an abbreviation's ("St. Louis", "Gen. Smith": three letters or
         * fewer before a full stop), an initial's or a title's */
        if ((t->flags & TK_ALLUPPER) && t->fold_len < 2) return 0;
        char mark = clause_mark(c, n, ".,;:!?");
        if (!mark || (n->flags & TK_NL) || wset_has(&ngn_title_set, t->hash) || (mark == '.' && t->fold_len <= 3))
            return 0;
        /* a Latin word after the mark, lower-case or capitalised with a
         * lower-case Latin word after it: no Cyrillic word beside the
         * capitalised run (a Latin name in Cyrillic text: "St. Petersburg,
         * Санкт-Петербург"; found by make fuzz) */
        if (i + 2 >= c->nt) return 0;
        const ng_token *a = &c->tok[i + 2];
        if ((a->flags & (TK_WORD | TK_LATIN | TK_CYR | TK_DIGIT | TK_NL | TK_LONG)) != (TK_WORD | TK_LATIN)) return 0;
        if ((a->flags & (TK_UPPER1 | TK_ALLUPPER)) && (i + 3 >= c->nt || !lower_latin_word(&c->tok[i + 3])))
            return 0;
    } else if (!lower_latin_word(n))
        return 0;
    else if (link_word(n)) {
        /* a link word then a lower-case word ("Linux to the", "If the
         * kernel"): no name goes on through both */
        if (i + 2 >= c->nt) return 0;
        const ng_token *n2 = &c->tok[i + 2];
        if (!lower_latin_word(n2) || link_word(n2)) return 0;
    }
    /* the word before, past at most three marks of punctuation that end a
     * sentence or a clause (. ! ? ; : ,): a Latin word, not a title
     * ("president Banda says", "President Banda says"), not an initial
     * ("J. Banda", "J Banda"); none when the line starts there. (A
     * capitalised word before it, "Public License for", "Tang Shubei
     * said": a name the two make starts at the first, which the walk tried
     * before. Skipped since the forty-seventh session: no rule started at
     * any of the 16,510 words after a capitalised word or an initial in
     * the realistic 10 MB, nor at the 1,444 in the evaluation's news.) */
    size_t k = i - 1;
    for (int steps = 0; !(c->tok[k].flags & TK_WORD); steps++) {
        const ng_token *q = &c->tok[k];
        if (steps >= 3 || !clause_mark(c, q, ".!?;:,")) return 0;
        if ((q->flags & TK_NL) || k == 0) return 1;
        k--;
    }
    const ng_token *p = &c->tok[k];
    if ((p->flags & (TK_CYR | TK_DIGIT)) || !(p->flags & TK_LATIN) || wset_has(&ngn_title_set, p->hash)) return 0;
    if ((p->flags & TK_UPPER1) && p->fold_len < 2) return 0;
    return 1;
}

/* The organisation and place rules (org), then the person rules (rules),
 * from token i: the last token of the name one of them found, or
 * (size_t)-1 (also when *rc is set). */
static inline size_t try_any(chunkctx *c, size_t i, int org, int rules, int *rc) {
    if (org) {
        size_t last = ngn_try_org(c, i, rc);
        if (*rc || last != (size_t)-1) return last;
    }
    return rules ? try_rules(c, i, rc) : (size_t)-1;
}

/* The walk's step past token i: notes where a rule's span or a dictionary
 * span the walk skipped ends when i lies after the chunk's own tokens. */
static inline size_t walk_past(const chunkctx *c, size_t i, size_t *past) {
    if (i >= c->t1 && i < c->nt && tok_end(c, i) > *past) *past = tok_end(c, i);
    return i + 1;
}

int ng_names_chunk(const ng_tagger *t, mstate *m, unsigned field, const char *text, size_t base, size_t first,
                   size_t t0, size_t t1, size_t cross[2]) {
    cross[0] = SIZE_MAX;
    cross[1] = 0;
    unsigned fl = t->flags;
    int rules = !(fl & NG_TAG_NO_RULES), partial = !(fl & NG_TAG_NO_PARTIAL), context = !(fl & NG_TAG_NO_CONTEXT);
    int org = !(fl & NG_TAG_NO_ORG_RULES), place = !(fl & NG_TAG_NO_PLACE_RULES);
    if (!rules && !partial && !context && !org && !place) return NG_OK;
    ngn_words_init();
    ngn_unit_init();
    ngn_org_init();
    mnames *mn = m->names;
    if (!mn) {
        mn = m->names = calloc(1, sizeof *mn);
        if (!mn) return NG_E_NOMEM;
    }
    /* the stem cache: a new generation a chunk (no clearing) */
    if (mn->stem_cap < m->tb.n) {
        size_t cap = m->tb.n + m->tb.n / 2 + 64;
        uint64_t *st = realloc(mn->stem, cap * sizeof *st);
        if (st) mn->stem = st;
        uint32_t *sg = st ? realloc(mn->stem_gen, cap * sizeof *sg) : NULL;
        if (!sg) return NG_E_NOMEM;
        memset(sg + mn->stem_cap, 0, (cap - mn->stem_cap) * sizeof *sg);
        mn->stem_gen = sg;
        mn->stem_cap = cap;
    }
    if (++mn->gen == 0) {   /* wrapped: every entry is stale again */
        memset(mn->stem_gen, 0, mn->stem_cap * sizeof *mn->stem_gen);
        mn->gen = 1;
    }
    const tnames *tn = t->names;
    chunkctx c = {
        .t = t, .nl = tn ? tn->nl : NULL, .m = m, .mn = mn, .tok = m->tb.tok, .nt = m->tb.n,
        .fold = m->tb.fold, .text = text, .base = base, .field = field, .first = first, .t0 = t0, .t1 = t1,
        .ndict = m->nspans, .sp = first, .rules = rules, .partial = partial, .context = context,
        .all = (fl & NG_TAG_ALL) != 0, .org = org, .place = place, .acronyms = !(fl & NG_TAG_NO_ACRONYMS), .has_cyr = -1,
        .oblique = !(fl & NG_TAG_NO_SURNAMES), .stem = mn->stem, .stem_gen = mn->stem_gen, .gen = mn->gen,
    };
    size_t ndead0 = mn->ndead;
    int rc = NG_OK;
    const ng_token *tok = c.tok;
    const size_t nt = c.nt;
    /* the capitalised words, from the tokeniser's list */
    const uint32_t *caps = m->tb.caps;
    size_t ncaps = m->tb.ncaps, ci = 0;
    size_t nnotes0 = mn->nnotes;
    for (size_t i = next_cap(caps, ncaps, &ci, t0, nt); i < t1; i = next_cap(caps, ncaps, &ci, walk_past(&c, i, &cross[1]), nt)) {
        const ng_token *ti = &tok[i];
        /* a capitalised word a few on (its token is out of L1 after the
         * match pass), and the given-name filter's bits of one nearer (most
         * rules look the word up; the filter is out of L1 too) */
        if (ci + 2 * CAP_AHEAD < ncaps) __builtin_prefetch(&tok[caps[ci + 2 * CAP_AHEAD]]);
        if (c.nl && ci + CAP_AHEAD < ncaps) ngn_nl_prefetch(c.nl, tok[caps[ci + CAP_AHEAD]].hash);
        if (!(ti->flags & TK_UPPER1)) {
            /* a word that starts with a digit: a military unit's number
             * (rule U), nothing else */
            if (org) {
                size_t last = ngn_unit(&c, i, &rc);
                if (rc) break;
                if (last != (size_t)-1) i = last;
            }
            continue;
        }
        if (org && ti->fold_len >= 5 && ti->fold_len <= 20 && ngn_unit_ordinal(ti->hash)) {
            /* Третя окрема штурмова бригада: rule U from an ordinal word */
            size_t last = ngn_unit(&c, i, &rc);
            if (rc) break;
            if (last != (size_t)-1) { i = last; continue; }
        }
        long k = covering(&c, tok_start(&c, i));
        if (k >= 0 && c.m->spans[k].start == tok_start(&c, i) && context && !c.all &&
            c.m->spans[k].end == tok_end(&c, i) && !(ti->flags & TK_ALLUPPER) &&
            wset_has(&ngn_stop_set, ti->hash) && ngn_sentence_initial(&c, i)) {
            /* a function word first in its sentence is no name there, though
             * a dictionary knows it capitalised ("Того ж дня": not Togo) */
            if ((rc = drop_span(mn, (size_t)k))) break;
            continue;
        }
        if (k >= 0 && !c.all && currency_code(&c, (size_t)k, i)) {
            /* US$ 995 million: a currency, no mention of the place */
            if ((rc = drop_span(mn, (size_t)k))) break;
            continue;
        }
        if (k >= 0 && c.m->spans[k].start == tok_start(&c, i) && context && !c.all && given_dative(&c, (size_t)k, i)) {
            /* (the place goes; the word is looked at as a free word below) */
            if ((rc = drop_span(mn, (size_t)k))) break;
            k = -1;
        }
        if (k >= 0 && c.m->spans[k].start == tok_start(&c, i)) {
            /* a dictionary span starts here: rules may still extend a
             * one-word given name; otherwise note it and skip it */
            size_t last = try_any(&c, i, org || place, rules, &rc);
            if (rc) break;
            if (last != (size_t)-1) { i = last; continue; }
            if (context && !c.all && adj_form_alone(&c, (size_t)k, i)) {
                if ((rc = drop_span(mn, (size_t)k))) break;
            } else if (rules && !c.all && ngn_contest_place(&c, i)) {
                /* Miss Poland: a contest's title, not the place */
                if ((rc = drop_span(mn, (size_t)k))) break;
            } else if ((rc = note_dict_span(&c, (size_t)k, i)))
                break;
            while (i + 1 < nt && tok_end(&c, i + 1) <= c.m->spans[k].end) i++;
            continue;
        }
        if (k >= 0) continue;
        c.latin_word = 0;
#ifdef NG_CHECK_RULE_GATE
        /* (a checking build, make asan and make check-corpus: the rules run
         * anyway, and a word the gate would have skipped where one of them
         * finds or notes something is a bug of the gate; it stops the
         * program as a failed assert() would) */
        size_t ns0 = c.m->nspans, nn0 = mn->nnotes, nf0 = mn->nfree, nd0 = mn->ndead;
        int gated = no_rule_starts(&c, i);
        size_t last = try_any(&c, i, org || place, rules, &rc);
        if (gated && (last != (size_t)-1 || c.m->nspans != ns0 || mn->nnotes != nn0 || mn->nfree != nf0 ||
                      mn->ndead != nd0 || c.latin_word)) {
            size_t a = i > 2 ? i - 2 : 0;
            fprintf(stderr, "no_rule_starts skipped a rule's start: '%.*s'\n",
                    (int)(tok_end(&c, i + 1) - tok_start(&c, a)), c.text + tok_start(&c, a));
            abort();
        }
#else
        size_t last = no_rule_starts(&c, i) ? (size_t)-1 : try_any(&c, i, org || place, rules, &rc);
#endif
        if (rc) break;
        if (last != (size_t)-1) { i = last; continue; }
        if (partial && apos_surname(&c, i) && covering(&c, tok_start(&c, i + 2)) < 0) {
            /* O'Brien alone: one free word, keyed by Brien as the person's surname is */
            unsigned cues = NF_LATIN;
            if (after_unknown_name(&c, i)) cues |= NF_AFTER_NAME;
            if ((rc = add_free(mn, field, tok_start(&c, i), tok_end(&c, i + 2), ctx_stem(&c, i + 2), c.tok[i + 2].hash, cues)))
                break;
            i += 2;
            continue;
        }
        if (!partial || !is_name_word(ti) || hyphen_first(&c, i)) continue;
        /* a Roman numeral in capitals (Карл III, Louis XIV) names no one alone */
        if ((ti->flags & (TK_LATIN | TK_ALLUPPER)) == (TK_LATIN | TK_ALLUPPER) &&
            strspn(tfold(&c, i), "ivxlcdm") == tlen(&c, i))
            continue;
        if (!(ti->flags & TK_ALLUPPER) && !ncp_ge(tfold(&c, i), tlen(&c, i), 2)) continue;
        if (wset_has(&ngn_stop_set, ti->hash)) continue;
        /* a title before a name on its line (Prince Harry, Queen Camilla,
         * принц Гаррі) is the name's title, no word of a name: not a free
         * word, which would be the surname or the first word of an
         * article's person (Erik Prince, Prince William) */
        if (wset_has(&ngn_title_set, ctx_stem(&c, i)) && i + 1 < nt && (tok[i + 1].flags & TK_SPACE) &&
            !(tok[i + 1].flags & TK_NL) && is_cap_word(&c, i + 1))
            continue;
        /* (the article pass reads no title cue of a free word) */
        unsigned cues = 0;
        uint64_t key2 = ti->hash;
        const gform *g[1];
        if (c.nl && ngn_nl_lookup(c.nl, ti->hash, tfold(&c, i), tlen(&c, i), g, 1)) {
            cues |= NF_GIVEN;
            key2 = c.nl->names[g[0]->name].stem;
        }
        if (ti->flags & TK_ALLUPPER) cues |= NF_UPPER;
        if (ti->flags & TK_LATIN) cues |= NF_LATIN;
        if (c.latin_word) cues |= NF_ORG_LATIN;
        if (after_unknown_name(&c, i)) cues |= NF_AFTER_NAME;
        if ((rc = add_free(mn, field, tok_start(&c, i), tok_end(&c, i), ctx_stem(&c, i), key2, cues))) break;
    }
    if (rc) return rc;
    if (org && partial && !(fl & NG_TAG_NO_ACRONYMS) && (rc = ngn_org_acronyms(&c))) return rc;
    /* a note of the chunk that starts before it (pool.c cuts elsewhere) */
    for (size_t k = nnotes0; t0 < nt && k < mn->nnotes; k++)
        if (mn->notes[k].start < tok_start(&c, t0) && mn->notes[k].start < cross[0]) cross[0] = mn->notes[k].start;
    /* drop the dictionary spans rules replaced (their candidates stay unused) */
    if (mn->ndead > ndead0) {
        size_t w = first, d = ndead0;
        for (size_t k = first; k < c.m->nspans; k++) {
            if (d < mn->ndead && mn->dead[d] == k) { while (d < mn->ndead && mn->dead[d] == k) d++; continue; }
            c.m->spans[w++] = c.m->spans[k];
        }
        c.m->nspans = w;
        mn->ndead = ndead0;
    }
    return NG_OK;
}


/* ## The id of a person's name (stats --check) */

/* "per:" + the keys of the words of 'name' (split at spaces and hyphens),
 * joined by '-': the id the title rule gives. */
static int words_id(const char *name, size_t len, char *out, size_t cap) {
    size_t il = put(out, 0, cap, "per:", 4);
    size_t i = 0;
    while (i < len) {
        while (i < len && (name[i] == ' ' || name[i] == '-')) i++;
        size_t j = i;
        while (j < len && name[j] != ' ' && name[j] != '-') j++;
        if (j == i) break;
        size_t fl = 0;
        char *f = ng_fold(name + i, j - i, &fl);
        if (!f) return NG_E_NOMEM;
        if (il > 4) il = put(out, il, cap, "-", 1);
        il = put_key(out, il, cap, f, fl, (unsigned char)name[i] < 0x80);
        free(f);
        i = j;
    }
    out[il] = 0;
    return NG_OK;
}

int ng_tagger_person_id(ng_tagger *t, const char *name, size_t len, char *out, size_t cap) {
    if (!cap) return NG_E_ARG;
    out[0] = 0;
    if (!len || len > 400 || cap < 8) return NG_E_ARG;
    /* the rules see the name inside a sentence, not at its start, and
     * the sentence going on after it (a second surname is one only then:
     * second_surname) */
    char text[424];
    static const char pre[] = "and ", post[] = " .";
    size_t pl = sizeof pre - 1;
    memcpy(text, pre, pl);
    memcpy(text + pl, name, len);
    memcpy(text + pl + len, post, sizeof post - 1);
    const ng_match *m;
    size_t n;
    int rc = ng_tagger_tag(t, text, pl + len + sizeof post - 1, &m, &n);
    if (rc) return rc;
    for (size_t k = 0; k < n; k++)
        if (m[k].start == pl && m[k].end == pl + len && (m[k].flags & NG_MATCH_RULE) && m[k].rule != NG_RULE_GIVEN_ALONE &&
            !strncmp(m[k].id, "per:", 4)) {
            size_t il = strlen(m[k].id);
            if (il >= cap) return NG_E_LIMIT;
            memcpy(out, m[k].id, il + 1);
            return NG_OK;
        }
    return words_id(name, len, out, cap);
}
