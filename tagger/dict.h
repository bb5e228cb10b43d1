/* Internal: the compiled dictionary image and its lookups.
 *
 * Image layout (little-endian, every section 8-byte aligned):
 *   header | entities | alias list | tokens | vocab slots | transition slots
 *   | nodes | outputs | id index | strings
 * Matching walks a word-level trie: each folded word of the text is looked
 * up once in the vocabulary (open addressing on a 64-bit hash); a word that
 * can start an alias carries the trie node it leads to ('root'); further
 * words follow (node, word) transitions in a second hash table. A node with
 * outputs ends one or more aliases: each output names an entity, whether the
 * alias is case-sensitive (then 'cased' holds its NFKC form, words joined by
 * U+001F) and whether it is an inflected form. */
#ifndef NG_DICT_H
#define NG_DICT_H
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "tagger.h"
#include "base_internal.h"

#define NG_IMAGE_MAGIC "\x7fNGDICT\n"
/* The version covers the layout AND everything that decides which bytes a
 * word folds and hashes to (norm.c: tokens, folding, ng_hash): change any of
 * them, bump it, and old images are refused instead of silently matching
 * nothing. The Unicode version of utf8proc is recorded too. */
#define NG_IMAGE_VERSION 9u   /* 9: stress marks (U+0301 after Cyrillic) dropped from folds */
#define NG_NO_STRING 0xFFFFFFFFu
/* Set in vocab_slot.root and tslot.child when the node ends an alias. */
#define NODE_TERMINAL 0x80000000u

/* OUT_NEEDCAP: an inflected form of an alias written with a capital: it
 * matches only a capitalised first word (Львова, not львова).
 * OUT_NEEDCAP_AT: the same for an alias whose first word is a title or an
 * event's noun and a later word is capitalised (Король Чарльз III, Битва
 * за Бахмут, Саміт G7 в Апулії): Ukrainian and Russian write that first
 * word in lower case (короля Чарльза III, битви за Бахмут, саміті G7 в
 * Апулії), so the token OUT_CAPAT(flags) of the match (1 to 7: the
 * alias's first capitalised token after the first) must be capitalised
 * instead. */
enum { OUT_CASED = 1u, OUT_INFLECTED = 2u, OUT_NEEDCAP = 4u, OUT_NEEDCAP_AT = 8u, OUT_CAPAT_SHIFT = 4 };
#define OUT_CAPAT(flags) (((flags) >> OUT_CAPAT_SHIFT) & 7u)

typedef struct img_header {
    char magic[8];
    uint32_t version;
    uint32_t endian;          /* 0x01020304 as written */
    uint64_t file_size;
    uint64_t checksum;        /* XXH3-64 of bytes [sizeof(img_header), file_size) */
    uint32_t n_entities, n_aliases, n_tokens, vocab_size;   /* slots */
    uint32_t n_nodes, trans_size, n_outputs, reserved;
    uint64_t off_entities, off_aliases, off_tokens, off_vocab, off_trans;
    uint64_t off_nodes, off_outputs, off_ids, off_strings, strings_size;
    uint64_t off_vtags;       /* one byte per vocabulary slot: 0 empty, else tag_of(hash) */
    char unicode[16];         /* utf8proc_unicode_version() at compile time */
} img_header;

typedef struct img_entity {
    uint32_t id, type, name, attrs;   /* string offsets */
    int32_t priority;
    uint32_t alias_first, alias_count;
    uint32_t flags;
} img_entity;

typedef struct img_token {
    uint32_t str, len;        /* folded form */
    uint32_t root;            /* trie node after this word from the root, 0 if none */
    uint32_t hash32;
} img_token;

/* A vocabulary slot holds the word's full 64-bit hash and its root node, so
 * the scan touches one cache line per word; the word's string is compared
 * only when a match is reported (dict_verify). tok1 = index+1, 0 = empty. */
typedef struct img_vslot { uint64_t hash; uint32_t tok1, root; } img_vslot;
typedef struct img_tslot { uint32_t node, tok, child; } img_tslot; /* node 0 = empty */
typedef struct img_output { uint32_t entity, cased, flags; } img_output;

struct ng_dict {
    const unsigned char *base;
    size_t size;
    int mapped;                   /* 1: munmap, 0: free */
    int trusted;                  /* opened on the strength of a record (ng_dict_open_recorded) */
    const img_header *h;
    const img_entity *ent;
    const uint32_t *aliases;
    const img_token *tok;
    const img_vslot *vocab;
    const uint8_t *vtags;
    const img_tslot *trans;
    const uint32_t *nodes;        /* n_nodes + 2 entries: output ranges */
    const img_output *out;
    const uint32_t *ids;          /* entity indexes sorted by id */
    const char *str;
};

static inline const char *dict_str(const ng_dict *d, uint32_t off) { return d->str + off; }

/* Home slot of a hash in a table of n slots (multiply-shift: any n). */
static inline uint32_t home(uint64_t h, uint32_t n) { return (uint32_t)(((h & 0xFFFFFFFFu) * n) >> 32); }

/* The one-byte tag of a hash (never 0). Most words of a text are in no
 * alias: the scan rejects them on the tag array (1 byte a slot, so a few MB
 * that stay in cache and in the TLB) without touching the 16-byte slots. */
static inline uint8_t tag_of(uint64_t h) { return (uint8_t)((h >> 56) | 1); }

/* Vocabulary slot of a word by its hash, or NULL. Most words of a text
 * are in no alias, and a miss must see an empty slot: with SSE2 sixteen
 * tags are compared at once (the probe run from the home slot is
 * contiguous), so a miss costs one load instead of a loop of unpredictable
 * branches. */
static inline const img_vslot *dict_vslot(const ng_dict *d, uint64_t h) {
    uint32_t n = d->h->vocab_size;
    uint8_t tag = tag_of(h);
    uint32_t i = home(h, n);
#if defined(__SSE2__)
    const __m128i want = _mm_set1_epi8((char)tag), zero = _mm_setzero_si128();
    while (n - i >= 16) {
        __m128i g = _mm_loadu_si128((const __m128i *)(const void *)(d->vtags + i));
        unsigned empty = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(g, zero));
        unsigned match = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(g, want));
        if (empty) match &= (empty & (0u - empty)) - 1;   /* slots before the first empty one */
        for (; match; match &= match - 1) {
            const img_vslot *v = &d->vocab[i + (unsigned)__builtin_ctz(match)];
            if (v->hash == h) return v;
        }
        if (empty) return NULL;
        i += 16;
    }
    if (i == n) i = 0;   /* the run went on to the end of the table: wrap */
#endif
    for (;; i = i + 1 == n ? 0 : i + 1) {
        uint8_t g = d->vtags[i];
        if (!g) return NULL;
        if (g == tag && d->vocab[i].hash == h) return &d->vocab[i];
    }
}

/* Does token 'tok' (index) spell s[0..len)? */
static inline int dict_verify(const ng_dict *d, uint32_t tok, const char *s, size_t len) {
    const img_token *t = &d->tok[tok];
    return t->len == len && memcmp(d->str + t->str, s, len) == 0;
}

/* The vocabulary slot of a folded word that is a whole alias by itself
 * (its root ends an alias: Рівне, Луганське), or NULL. */
static inline const img_vslot *dict_one_word(const ng_dict *d, const char *s, size_t len, uint64_t h) {
    const img_vslot *v = dict_vslot(d, h);
    return v && (v->root & NODE_TERMINAL) && dict_verify(d, v->tok1 - 1, s, len) ? v : NULL;
}

/* Vocabulary lookup of a folded word; returns the token index or -1. */
static inline long dict_vocab(const ng_dict *d, const char *s, size_t len, uint64_t h) {
    const img_vslot *v = dict_vslot(d, h);
    if (!v || !dict_verify(d, v->tok1 - 1, s, len)) return -1;
    return (long)v->tok1 - 1;
}

static inline uint64_t trans_hash(uint32_t node, uint32_t tok) {
    uint64_t x = ((uint64_t)node << 32 | tok) * 0x9E3779B97F4A7C15ull;
    return (x >> 32) ^ (x >> 7);
}

/* Child of 'node' by token 'tok' (with NODE_TERMINAL), or 0. */
static inline uint32_t dict_trans(const ng_dict *d, uint32_t node, uint32_t tok) {
    uint32_t n = d->h->trans_size;
    for (uint32_t i = home(trans_hash(node, tok), n);; i = i + 1 == n ? 0 : i + 1) {
        const img_tslot *s = &d->trans[i];
        if (!s->node) return 0;
        if (s->node == node && s->tok == tok) return s->child;
    }
}
/* ## The builder (dict_build.c; compiled by dict_compile.c) */

/* Small growable vectors. */
#define VEC(T) struct { T *v; size_t n, cap; }
/* Appends x; -1 when out of memory (the vector is then unchanged). */
#define VEC_PUSH(vec, x) (((vec).n < (vec).cap || !ng_grow((void **)&(vec).v, &(vec).cap, (vec).n + 1, \
                                                         sizeof *(vec).v)) ? ((vec).v[(vec).n++] = (x), 0) : -1)

/* CASE_CAPITALISED: any case, but the first letter of the text must be a
 * capital (Суми, СУМИ, not суми), inflected forms too. */
enum { CASE_AUTO = 0, CASE_SENSITIVE = 1, CASE_INSENSITIVE = 2, CASE_CAPITALISED = 3 };

typedef struct b_entity {
    char *id, *type, *name, *attrs;
    int priority, case_policy, inflect, lang;
    char *src;        /* "file:line" where first defined */
} b_entity;

typedef struct b_alias {
    uint32_t entity;
    char *text;
    int case_policy;  /* per-alias override (= and ~ prefixes) */
} b_alias;

struct ng_dict_builder {
    VEC(b_entity) ent;
    VEC(b_alias) alias;
    /* id -> entity index: open addressing */
    uint32_t *idmap;   /* index+1 */
    size_t idmask;
};

/* ## The image (dict_image.c) */

/* Checks the image base[0, size) ('name' in messages; with check_sum its
 * checksums too) and points d's sections into it; fd >= 0: 'base' maps
 * that file, and what was checked is dropped from the resident set. */
int ng_dict_image_verify(const unsigned char *base, size_t size, const char *name, int check_sum,
                         int fd, ng_dict *d, ng_error *err);
#endif
