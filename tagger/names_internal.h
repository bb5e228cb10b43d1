/* Internal to the name rules (not installed): the state and helpers shared
 * by namelist.c (given-name lists), names_words.c (endings, cross-script
 * keys, word sets), names_state.c (per-thread and per-article state),
 * names_rules.c (the chunk pass) and names_doc.c (the article pass).
 *
 * Name rules (see tagger/NAMES.md and the contract in tagger_internal.h):
 *
 *  1. person-name rules, per chunk, on capitalised tokens only: a known
 *     given name (any case form) + capitalised word(s); initials + surname;
 *     a title + surname. Rule entities get the id "per:" + the Latin keys
 *     of the given name and surname, so every case form and every script
 *     (uk, ru, en) of a name is one entity;
 *  2. partial names, per article: a surname (or given name, or acronym of an
 *     organisation) alone resolves to the full name seen in the article;
 *  3. context, per article: a title or a place preposition before an
 *     ambiguous name, a person with that surname in the article, and the
 *     countries of the other places named choose among the candidates.
 *
 * The chunk pass keeps notes (capitalised words no dictionary matched,
 * single-word and ambiguous dictionary spans, full person names) in the
 * thread's state; the article pass reads the notes of every thread. Neither
 * pass tokenises again, and neither allocates per token (growing arrays and
 * a block arena are reused from article to article). */
#ifndef NG_NAMES_INTERNAL_H
#define NG_NAMES_INTERNAL_H
#include <stdint.h>
#include <string.h>
#include "tagger_internal.h"
#include "inflect.h"

/* ## Word helpers (names_words.c) */

static inline size_t ncp(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Has s[0..len) at least k code points? (Stops counting at k.) */
static inline int ncp_ge(const char *s, size_t len, size_t k) {
    if (!k) return 1;
    if (len < k) return 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++n >= k) return 1;
    return 0;
}

static inline int ends_with(const char *s, size_t len, const char *e, size_t el) {
    /* (the last byte first: most words end otherwise, and a call of memcmp
     * costs more than the test) */
    return el <= len && (el == 0 || s[len - 1] == e[el - 1]) && memcmp(s + len - el, e, el) == 0;
}

/* Byte length of the stem of a folded word (Cyrillic; other words are their
 * own stem). At least 3 letters stay. */
size_t ngn_stem_len(const char *f, size_t len);

/* Cross-script keys (NAMES.md, "Ids"; names_words.c): the Latin skeleton of
 * a folded word, at most SK_MAX bytes; SK_GIVEN for given names. */
enum { SK_MAX = 96, SK_GIVEN = 1 };
/* The skeleton of folded word f[0..fl) into out (SK_MAX bytes); its length. */
size_t ngn_skel(const char *f, size_t fl, char *out, int mode);
/* Romanises code point cp into out (ASCII, at most 4 bytes); returns the length. */
size_t ngn_romanise(int32_t cp, char *out);
/* The stem of the skeleton of a Latin surname. */
size_t ngn_sk_latin_stem(const char *s, size_t n);

/* Word sets (folded; Cyrillic titles by stem): stop words, given names that
 * are also common words, titles, particles, place prepositions. Filled once
 * by ngn_words_init (thread-safe; call before use). */
typedef struct wset {
    uint64_t *h;      /* cap slots (a power of two), at most a quarter full */
    size_t cap;
    uint64_t *bits;   /* a filter: bit (h >> 40) & bmask set for each word */
    size_t bmask;
} wset;
static inline int wset_has(const wset *s, uint64_t h) {
    if (!h) h = 1;
    /* (most words asked are in no set: the filter, a byte a word, answers
     * them from L1, where the slots of the forty sets do not fit) */
    size_t b = (size_t)(h >> 40) & s->bmask;
    if (!((s->bits[b >> 6] >> (b & 63)) & 1)) return 0;
    for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->h[i]) return 0;
        if (s->h[i] == h) return 1;
    }
}
extern wset ngn_stop_set, ngn_weak_set, ngn_title_set, ngn_particle_set, ngn_prep_set, ngn_demonym_set, ngn_link_set,
    ngn_cap_noun_set, ngn_institution_set;
void ngn_words_init(void);
/* The nominative (folded, static storage) of the Ukrainian or Russian
 * institution word (церква, міністерство, комітет ...) whose stem hash is
 * 'stem', or NULL. */
const char *ngn_institution(uint64_t stem);
/* Is the folded word (hash: its ng_hash) a title (President, принц, короля:
 * a Cyrillic title in any case form) or a noun an event's name starts with
 * (битва, саміт, теракт: nominative)? Such a first word of a name is
 * written in lower case in running text. For the dictionary compiler. */
int ngn_lower_head(const char *fold, size_t len, uint64_t hash);
/* Fills s with the words of list (NULL-terminated, folded); stemmed: also
 * by stem (Cyrillic case forms). Its slots come from a pool shared by
 * every set (names_words.c); ngn_wset_spare() is what the pool has left. */
void ngn_wset_fill(wset *s, const char *const *list, int stemmed);
size_t ngn_wset_spare(void);

/* ## Given-name lists (namelist.c) */

typedef struct gname {
    uint32_t nom, nom_len;      /* nominative as written (strs offset) */
    uint32_t fold, fold_len;    /* folded nominative */
    uint64_t stem;              /* stem hash of the folded nominative */
    uint32_t stem_off, stem_len;
    uint32_t sk_off, sk_len;    /* skeleton (SK_GIVEN) of the folded nominative */
    unsigned char fem, weak, lang;
    unsigned char both;         /* in the lists of both languages (lang: the first's) */
    unsigned char rare;         /* first read from a list of rarer names (given-uk-short.txt,
                                 * -extra, -foreign ...: not given-uk.txt) */
} gname;

/* A variant group member: the skeleton hash of a spelling and the group key
 * (the skeleton of the group's first spelling, in strs). */
typedef struct gvar { uint64_t hash; uint32_t key, key_len; } gvar;

typedef struct gform {
    uint64_t hash;              /* ng_hash of the folded form */
    uint32_t off, len;          /* folded form in strs */
    uint32_t name;              /* index in names */
    uint32_t is_nom;
} gform;

/* A slot of the forms' table: index + 1 in forms (0: empty) and the high
 * half of the form's hash, so that a probe rarely reads a form it does not want. */
typedef struct gslot { uint32_t idx, tag; } gslot;
#define GSLOT_TAG(h) ((uint32_t)((h) >> 32))

struct ng_namelist {
    char *strs; size_t nstrs, strs_cap;
    gname *names; size_t nnames, names_cap;
    gform *forms; size_t nforms, forms_cap;
    gslot *table; size_t table_cap;      /* forms by hash (open addressing) */
    gvar *vars; size_t nvars, vars_cap;  /* open addressing by hash (hash 0: empty) */
    uint64_t *filter;                    /* NGN_FILTER_BITS bits: the forms' hashes' top bits (NULL: none yet) */
    void *blob; size_t blob_len;         /* a compiled file the arrays point into (read only), or NULL */
    int blob_mapped;                     /* blob is mmapped (else malloc'd) */
    int trusted;                         /* the blob was opened on the strength of a record */
    int adding_rare;                     /* the list being read is one of rarer names */
};
/* Nearly every word looked up is no given name, and the forms' table is
 * megabytes (cold): a bit for the top bits of each form's hash, 256 KB
 * that stay in the cache, turns most of them away first. */
#define NGN_FILTER_SHIFT 43
#define NGN_FILTER_BITS ((size_t)1 << (64 - NGN_FILTER_SHIFT))

/* Fetches the filter bits ngn_nl_lookup will test for hash h. */
static inline void ngn_nl_prefetch(const ng_namelist *nl, uint64_t h) {
    if (nl->filter) __builtin_prefetch(&nl->filter[(h >> NGN_FILTER_SHIFT) >> 6]);
}

/* Is folded given name f[0..fl) one in -а / -я both sexes carry (Саша,
 * Женя, Валя, Слава), which the lists take for no woman's? */
int ngn_given_either(const char *f, size_t fl);

/* Visits the given names whose form is fold[0..len); returns the count. */
size_t ngn_nl_lookup(const ng_namelist *nl, uint64_t h, const char *f, size_t len, const gform **out,
                     size_t max);
/* The key of given name g (its variant group's, or its own skeleton). */
const char *ngn_given_key(const ng_namelist *nl, const gname *g, size_t *kl);

/* ## Notes and state (names_state.c) */

typedef struct block { struct block *next; size_t len, cap; char data[]; } block;
typedef struct arena { block *head, *cur; } arena;

enum {
    N_FREE = 1,     /* a capitalised word no span covers */
    N_SPAN = 2,     /* a dictionary span: one word, or several candidates */
    N_PER = 3,      /* a full person name (dictionary or rule) */
    N_ORG = 4,      /* an organisation name of several capitalised words (acronym) */
    N_REF = 5       /* a rule span naming a person by initials or title + surname */
};
enum { CUE_TITLE = 1, CUE_PLACE = 2, NF_GIVEN = 4, NF_UPPER = 8, NF_LATIN = 16 };
/* (N_SPAN notes only) a river's cue before the name: "the", a bank of it
 * (березі, берега), along, across it (see ngn_river_cue) */
enum { CUE_RIVER = 32 };
/* (free words only) one Latin word in Cyrillic text that the organisation
 * rule would take, or Cyrillic capitals of rule K (no NF_LATIN): an
 * organisation unless it names a person or organisation of the article */
enum { NF_ORG_LATIN = 1 };
/* (free words only) right after another capitalised word that no span
 * covers, in the sentence (Wasim of Wasim Akram): the surname of another
 * person than the article's one of that surname, not a reference to it */
enum { NF_AFTER_NAME = 2 };

/* A note of kind N_SPAN, N_PER, N_ORG or N_REF (32 bytes). The rare kinds
 * N_PER, N_ORG and N_REF keep the rest in a side record (nxt). */
typedef struct note {
    size_t start;
    uint64_t key;        /* stem hash of the (last) word; N_ORG: hash of the acronym */
    uint32_t len;        /* end - start */
    unsigned field;
    uint32_t ext;        /* N_PER, N_ORG, N_REF: index in mnames.ext */
    uint8_t kind, cues;
} note;

typedef struct nxt {
    const char *id, *type, *name;
    size_t cand;         /* N_REF: the span's candidate index in its state */
    uint64_t key2;       /* N_PER: stem hash of the given name */
    uint32_t initial;    /* N_PER/N_REF: first letter of the given name (code point) */
    uint64_t first;      /* N_PER/N_REF: stem hash of a first word written whole (a given
                          * name, not an initial), else 0: two names whose first words
                          * differ so are two people (Will Carling, Julia Carling) */
    int reg;             /* N_REF: a surname alone may resolve to it (see ng_names_doc) */
    int taken;           /* N_REF: resolved to the article's full name (ng_names_doc) */
    int amb;             /* N_PER: a man's genitive where a woman's nominative was possible
                          * (chunkctx.amb_given) */
    uint64_t patr;       /* N_PER: stem hash of the patronymic, else 0 (a given name and
                          * patronymic alone, key == patr, name the article's full name
                          * with both: Борис Николаевич of Борис Николаевич Ельцин) */
} nxt;

/* The notes of kind N_FREE (one for most capitalised words no dictionary
 * matched, so the bulk of all notes) are a stream of 64-bit words:
 *   a header start << 24 | len << 8 | flags, and key (stem hash), then
 *   start, len if R_WIDE (start >= 2^40 or len > 0xFFFF), then
 *   key2 if R_KEY2 (NF_UPPER: ng_hash of the fold; NF_GIVEN: the stem
 *   hash of the given name);
 *   R_FIELD, field before the first note of a field.
 * The flags are the NF_* cues and R_*. (24 bytes for most: a 100 MB article
 * has about a million, fresh memory that costs ~2 ms a MB here.) */
enum { R_KEY2 = 32, R_WIDE = 64, R_FIELD = 128, FREC_MAX = 7 };

typedef struct mnames {
    note *notes; size_t nnotes, notes_cap;
    nxt *ext; size_t next, ext_cap;
    uint64_t *free; size_t nfree, free_cap;   /* words */
    unsigned ffield; int fset;              /* field of the last N_FREE record */
    arena ar;
    size_t *dead; size_t ndead, dead_cap;   /* dictionary spans a rule replaced */
    void *orgs; size_t orgs_cap;            /* scratch: the chunk's organisation spans by end (names_org.c) */
    uint32_t *lower; size_t lower_cap;      /* scratch: chunkctx.lower */
    uint64_t *stem; uint32_t *stem_gen;     /* the chunk's stem hashes (chunkctx.stem) */
    size_t stem_cap; uint32_t gen;
} mnames;

/* A note of the article pass: the note and its side record (or NULL). */
typedef struct nref { const note *n; const nxt *x; } nref;

/* The registry: entries in article order, chained by key (next: index + 1
 * of the next entry with that key, 0 at the end); rhead maps a key to the
 * first entry of its chain (index + 1; open addressing by the key, the key
 * kept in the slot: most lookups are misses and touch only the table). */
typedef struct reg { uint64_t key; size_t note, next; } reg;
typedef struct rslot { uint64_t key; size_t first; } rslot;
/* A chain's entries sorted by position for pick_person (ng_names_doc):
 * in tnames.pos from off, the n entries of the chain (indices in all), then
 * the n0 of them that are not N_REF; by (field, start), chain order among
 * equals. Parallel to rhead. Also, in chain order: org, the first N_ORG
 * (index in all + 1, or 0); last, the last entry; same (set just before
 * the free words are resolved), whether all the entries have one id. */
typedef struct pslot { size_t off, n, n0, org, last; int same; } pslot;

/* The article pass's heavy steps run in parts on the tagger's threads
 * (at most PARTS_MAX) when an article has at least PAR_MIN notes or spans
 * (names_doc.c). */
enum { PARTS_MAX = 64, PAR_MIN = 1 << 14 };

typedef struct tnames {
    const ng_namelist *nl;
    reg *regs; size_t nregs, regs_cap;
    nref *all; size_t nall, all_cap;
    rslot *rhead; size_t rhead_cap;
    pslot *pseg; size_t pseg_cap;
    uint64_t *occ; size_t occ_cap;          /* rhead's used slots, a bit each (most probes miss) */
    size_t *pos; size_t pos_cap;
    arena ar;
    arena part_ar[PARTS_MAX - 1];           /* the strings of the parts after the first (names_doc.c) */
    /* the clubs of the last places rule T made teams (names_doc.c:
     * place_club): the place's id, whether it has one, the club */
    struct { char id[64]; int has; cand club; } clubs[8];
    unsigned clubs_next;
} tnames;

/* The tagger's article state, created on first use (NULL: out of memory). */
tnames *ngn_tstate(ng_tagger *t);
/* ## The chunk pass (names_rules.c; names_org.c) */

typedef struct chunkctx {
    const ng_tagger *t;
    const ng_namelist *nl;
    mstate *m;
    mnames *mn;
    const ng_token *tok;
    size_t nt;
    const char *fold;
    const char *text;    /* the field */
    size_t base;
    unsigned field;
    size_t first, ndict; /* the chunk's dictionary spans: m->spans[first .. ndict) */
    size_t t0, t1;       /* the chunk's own tokens (the rules run on them); the others are
                          * context, the text around the chunk the rules may look at */
    size_t sp;           /* walk position in the spans */
    int rules, partial, context, all, org, place, acronyms;   /* which rules run (NG_TAG_NO_*) */
    int oblique;         /* surname first with a declined given name and a patronymic (NG_TAG_NO_SURNAMES) */
    int latin_word;      /* set by ngn_try_org: token is one Latin word for the article pass (NF_ORG_LATIN) */
    int dry;             /* names_org.c: the organisation rules only measure a span, adding none */
    size_t id_words;     /* names_org.c: org_span's id from this many words of the name only (0: all) */
    const char *street_kind;   /* names_org.c: the kind of a street org_span names (street_kind; NULL: street) */
    int amb_given;       /* names_rules.c: the next person noted read its given name as a man's
                          * genitive where a woman's nominative was possible (Олександра Іванова) */
    int family;          /* names_rules.c: person_span names the first of two given names a plural surname follows */
    int has_cyr;         /* the chunk has a Cyrillic word: 1, 0, or -1 not yet known (names_org.c) */
    int lower_asks;      /* names_rules.c, lower_word: the questions so far, and */
    int lower_built;     /* lower[0, nlower): a hash set of the chunk's lower-case Latin words,
                          * built on the fifth */
    const uint32_t *lower;
    size_t nlower;
    int paren_set;       /* rules N, M: paren_prev and paren_next are known */
    size_t paren_prev, paren_next;   /* the '(' before and after the current token (field offsets; SIZE_MAX: none) */
    uint64_t *stem;      /* stem[i]: the stem hash of token i (ctx_stem) when stem_gen[i] == gen */
    uint32_t *stem_gen;
    uint32_t gen;
} chunkctx;

/* Is the two-byte UTF-8 sequence x y a letter only Ukrainian writes (і ї
 * є ґ, either case), or only Russian (ы э ъ ё)? The rules' language tests. */
static inline int ngn_uk_letter(unsigned char x, unsigned char y) {
    return (x == 0xD1 && (y == 0x96 || y == 0x97 || y == 0x94)) || (x == 0xD0 && (y == 0x86 || y == 0x87 || y == 0x84)) ||
           (x == 0xD2 && (y == 0x90 || y == 0x91));
}
static inline int ngn_ru_letter(unsigned char x, unsigned char y) {
    return (x == 0xD1 && (y == 0x8B || y == 0x8D || y == 0x8A || y == 0x91)) ||
           (x == 0xD0 && (y == 0xAB || y == 0xAD || y == 0xAA || y == 0x81));
}

static inline const char *tfold(const chunkctx *c, size_t i) { return c->fold + c->tok[i].fold; }
static inline size_t tlen(const chunkctx *c, size_t i) { return c->tok[i].fold_len; }
static inline size_t tok_start(const chunkctx *c, size_t i) { return c->base + c->tok[i].start; }
static inline size_t tok_end(const chunkctx *c, size_t i) { return c->base + c->tok[i].end; }
static inline int is_punct(const chunkctx *c, size_t i, char ch) {
    return i < c->nt && (c->tok[i].flags & TK_PUNCT) && tlen(c, i) == 1 && tfold(c, i)[0] == ch;
}
/* Is token i the folded string s? Inlined at each call, where s is a
 * literal: its length is known at compile time and the compare is a load or
 * two (a call to strlen and memcmp each was 3 % of the instructions of
 * tagging realistic text: open_quote asks four times per capitalised word). */
static inline __attribute__((always_inline)) int tok_is(const chunkctx *c, size_t i, const char *s) {
    size_t l = strlen(s);
    return i < c->nt && tlen(c, i) == l && !memcmp(tfold(c, i), s, l);
}
/* Is token i one of the folded strings of the NULL-terminated list w? */
static inline int ngn_tok_in(const chunkctx *c, size_t i, const char *const *w) {
    if (i >= c->nt) return 0;
    for (; *w; w++)
        if (tlen(c, i) == strlen(*w) && !memcmp(tfold(c, i), *w, tlen(c, i))) return 1;
    return 0;
}
/* Does token i open / close a quotation (ng_quote_mark: « „ “ " / » ” “ ")? */
static inline int ngn_quote_tok(const chunkctx *c, size_t i, int want) {
    int dir = 0;
    return i < c->nt && (c->tok[i].flags & TK_PUNCT) && ng_quote_mark(tfold(c, i), tlen(c, i), &dir) == tlen(c, i) &&
           (dir & want);
}
static inline int ngn_open_quote(const chunkctx *c, size_t i) { return ngn_quote_tok(c, i, NG_QUOTE_OPENS); }
static inline int ngn_close_quote(const chunkctx *c, size_t i) { return ngn_quote_tok(c, i, NG_QUOTE_CLOSES); }
/* Is token i a given name of the lists (in any case form)? */
static inline int ngn_given_name(const chunkctx *c, size_t i) {
    const gform *g[1];
    return c->nl && ngn_nl_lookup(c->nl, c->tok[i].hash, c->fold + c->tok[i].fold, c->tok[i].fold_len, g, 1) > 0;
}

/* The stem hash of token i (the token's own hash when nothing is
 * stripped), computed once a chunk: the rules ask the sets of organisation
 * heads, titles, places ... about the same word one after another, and
 * stemming each time was 7 % of the instructions on Ukrainian and Russian
 * news. */
static inline uint64_t ctx_stem(const chunkctx *c, size_t i) {
    if (c->stem_gen[i] != c->gen) {
        size_t l = ngn_stem_len(tfold(c, i), tlen(c, i));
        c->stem[i] = l == tlen(c, i) ? c->tok[i].hash : ng_hash(tfold(c, i), l);
        c->stem_gen[i] = c->gen;
    }
    return c->stem[i];
}
/* Is token i (its folded form) or its stem in s (a set filled with
 * stemmed = 1)? */
static inline int tok_has_stem(const chunkctx *c, const wset *s, size_t i) {
    if (wset_has(s, c->tok[i].hash)) return 1;
    uint64_t h = ctx_stem(c, i);
    return h != c->tok[i].hash && wset_has(s, h);
}
/* Bytes of the last 'cps' code points of the UTF-8 s[0, n). */
static inline size_t ngn_tail_bytes(const char *s, size_t n, size_t cps) {
    size_t i = n;
    while (cps && i > 0)
        if (((unsigned char)s[--i] & 0xC0) != 0x80) cps--;
    return n - i;
}
/* Copies s[0..len) plus a NUL into the arena (valid until the next reset); NULL when out of memory. */
char *ngn_arena_put(arena *a, const char *s, size_t len);
/* Where a walk of the chunk's dictionary spans from index 'from' looking
 * for one that ends after byte b may start: the first such span (found by
 * bisection) without --all, else 'from'. The spans it skips all end at or
 * before b. */
size_t ngn_first_ending_after(const chunkctx *c, size_t from, size_t b);
/* The chosen dictionary span of the chunk covering byte b, from span index 'from' on, or -1. */
long ngn_covering_at(const chunkctx *c, size_t from, size_t b);
/* Candidate types of span k: bit 1 PER, 2 LOC, 4 ORG, 8 other. */
unsigned ngn_span_types(const mstate *m, size_t k);
/* Appends a span [start, end) of 'field' with one candidate (id, type,
 * name: not copied, they must outlive the tagging call) and flags | SPAN_FIXED;
 * the new span, or NULL when out of memory. */
span *ngn_push_span(mstate *m, size_t start, size_t end, unsigned field, const char *id, const char *type,
                    const char *name, unsigned flags, unsigned rule);
/* Appends a rule span over tokens [i, j] naming entity (type, id, name),
 * found by 'rule' (ng_rule), with NG_MATCH_RULE | flags; dictionary spans
 * inside it are replaced. */
int ngn_add_rule_span(chunkctx *c, size_t i, size_t j, const char *type, const char *id, const char *name,
                      unsigned rule, unsigned flags);
/* A new note of 'kind' over [start, end); *x gets its side record (zeroed)
 * when x is not NULL. NULL when out of memory. */
note *ngn_add_note(mnames *mn, unsigned kind, unsigned field, size_t start, size_t end, nxt **x);
/* Acronym definitions "Full Name (ACR)" of the chunk (names_org.c): an
 * N_ORG note keyed by the acronym, so the article pass resolves ACR to the
 * organisation wherever it stands alone. */
int ngn_org_acronyms(chunkctx *c);
/* Is token i an organisation noun of the organisation rules' lists, in any
 * case form (Групи, Відділення, Партії; Council, Assembly)? (names_org.c) */
int ngn_org_noun(const chunkctx *c, size_t i);
/* Is token i a legal form (ТОВ, ПрАТ, ООО, GmbH ...; names_org.c)? */
int ngn_legal_form(const chunkctx *c, size_t i);
/* Is a Cyrillic word of that stem hash (ctx_stem) an organisation noun of
 * those lists, a company word, or a noun of a state, an area, a
 * settlement, a street or a river? (names_org.c) */
int ngn_org_noun_stem(uint64_t stem);
/* Is token i a capitalised English word a name may have: no function
 * word, weekday, month, title, nor organisation noun? (names_org.c) */
int ngn_en_name_word(const chunkctx *c, size_t i);
/* A dictionary name in a form the dictionary does not list (names_org.c,
 * NG_RULE_DICT_FORM): is capitalised Cyrillic token i a case form of a
 * one-word alias of an entity of 'type' that the dictionary does not
 * decline (=Батьківщина, or whose forms are frequent words: Батьківщини)?
 * Then *out is that entity's candidate. */
int ngn_dict_form(const chunkctx *c, size_t i, const char *type, cand *out);
/* The dictionary's entity of type 'type' whose alias is the words of
 * tokens w[0, n) as written in any case, not an inflected form (the first
 * dictionary's): 1 and *out, or 0. */
int ngn_dict_words(const chunkctx *c, const size_t *w, size_t n, const char *type, cand *out);
/* Adds a rule span over tokens [i, j] naming the dictionary's candidate cd
 * (its order kept), found by 'rule'. */
int ngn_dict_form_span(chunkctx *c, size_t i, size_t j, const cand *cd, unsigned rule);
/* Is Latin token i an English common noun after a title, in the name of
 * a contest or a thing and never a surname ("Miss Universe", "Miss Teen
 * USA", "General Consumer Price Index")? (names_rules.c) */
int ngn_title_common_noun(const chunkctx *c, size_t i);
/* Does the dictionary span at token i name a country or a subdivision after
 * a beauty contest's title (Miss Poland, Міс Україна: the contest's title or
 * its holder, not the place)? (names_rules.c) */
int ngn_contest_place(const chunkctx *c, size_t i);
/* The organisation rules at capitalised token i (names_org.c): the last
 * token of the span they added, or (size_t)-1 (then *rc is untouched).
 * Call ngn_org_init first (thread-safe, idempotent; once a chunk, not once
 * a capitalised word). */
size_t ngn_try_org(chunkctx *c, size_t i, int *rc);
void ngn_org_init(void);
/* Rule U (names_unit.c): a military unit by its number at token i (47-ма
 * окрема механізована бригада, 47 ОМБр, the 47th Mechanized Brigade): the
 * span's last token, or (size_t)-1. *rc: NG_OK or an error. */
size_t ngn_unit(chunkctx *c, size_t i, int *rc);
/* The number (1-10) an ordinal word's hash names (Третьої, Первая, First),
 * or 0. Call ngn_unit_init first (thread-safe, idempotent). */
int ngn_unit_ordinal(uint64_t h);
void ngn_unit_init(void);
/* Languages as the name rules tell them apart. */
enum { L_UK = 1, L_RU = 2, L_EN = 3 };
/* The language the letters of tokens [i, j] and the 8 tokens either side
 * in their sentence mark: L_UK, L_RU, 0 neither (names_org.c). */
int ngn_lang_near(const chunkctx *c, size_t i, size_t j);
/* Does inflecting the words w[0, n) as an alias of 'type' (inflect.c, as
 * the dictionary compiler declines one; all: also the forms that are
 * frequent words) give the folded words want[0, n) (names_org.c)? */
int ngn_declines_to(const ng_inflect_word *w, size_t n, const char *const *want, const size_t *wl,
                    const char *type, int lang, int all);
/* The candidate of the dictionaries' organisation named exactly 'name' (an
 * alias; not a case-sensitive or inflected one), as the matcher would give
 * it; 0 if none. (names_org.c) */
int ngn_org_named(const ng_tagger *t, const char *name, cand *out);
/* Does token i start a sentence (first token, after a line break, . ! ? : ;
 * or an opening quote or dash)? (names_rules.c) */
int ngn_sentence_initial(const chunkctx *c, size_t i);
#endif
