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
#include "tagger.h"

#define NG_IMAGE_MAGIC "\x7fNGDICT\n"
#define NG_IMAGE_VERSION 1u
#define NG_NO_STRING 0xFFFFFFFFu

enum { OUT_CASED = 1u, OUT_INFLECTED = 2u };

typedef struct img_header {
    char magic[8];
    uint32_t version;
    uint32_t endian;          /* 0x01020304 as written */
    uint64_t file_size;
    uint64_t checksum;        /* XXH3-64 of bytes [sizeof(img_header), file_size) */
    uint32_t n_entities, n_aliases, n_tokens, vocab_mask;
    uint32_t n_nodes, trans_mask, n_outputs, reserved;
    uint64_t off_entities, off_aliases, off_tokens, off_vocab, off_trans;
    uint64_t off_nodes, off_outputs, off_ids, off_strings, strings_size;
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

typedef struct img_vslot { uint32_t hash32, tok1; } img_vslot;   /* tok1 = index+1 */
typedef struct img_tslot { uint32_t node, tok, child; } img_tslot; /* node 0 = empty */
typedef struct img_output { uint32_t entity, cased, flags; } img_output;

struct ng_dict {
    const unsigned char *base;
    size_t size;
    int mapped;                   /* 1: munmap, 0: free */
    const img_header *h;
    const img_entity *ent;
    const uint32_t *aliases;
    const img_token *tok;
    const img_vslot *vocab;
    const img_tslot *trans;
    const uint32_t *nodes;        /* n_nodes + 2 entries: output ranges */
    const img_output *out;
    const uint32_t *ids;          /* entity indexes sorted by id */
    const char *str;
};

static inline const char *dict_str(const ng_dict *d, uint32_t off) { return d->str + off; }

/* Vocabulary lookup of a folded word; returns the token index or -1. */
static inline long dict_vocab(const ng_dict *d, const char *s, size_t len, uint64_t h) {
    uint32_t mask = d->h->vocab_mask, h32 = (uint32_t)(h >> 32);
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        const img_vslot *v = &d->vocab[i];
        if (!v->tok1) return -1;
        if (v->hash32 == h32) {
            const img_token *t = &d->tok[v->tok1 - 1];
            if (t->len == len && memcmp(d->str + t->str, s, len) == 0) return (long)v->tok1 - 1;
        }
    }
}

static inline uint32_t trans_hash(uint32_t node, uint32_t tok) {
    uint64_t x = ((uint64_t)node << 32 | tok) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 29) ^ (uint32_t)x;
}

/* Child of 'node' by token 'tok', or 0. */
static inline uint32_t dict_trans(const ng_dict *d, uint32_t node, uint32_t tok) {
    uint32_t mask = d->h->trans_mask;
    for (uint32_t i = trans_hash(node, tok) & mask;; i = (i + 1) & mask) {
        const img_tslot *s = &d->trans[i];
        if (!s->node) return 0;
        if (s->node == node && s->tok == tok) return s->child;
    }
}
#endif
