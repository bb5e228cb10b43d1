/* Internal: Ukrainian and Russian inflection of dictionary aliases.
 *
 * The dictionary compiler calls ng_inflect_alias() for every alias that may
 * decline (Cyrillic, not an acronym, entity not marked inflect=no). It emits
 * whole-alias variants: the same number of words, each word replaced by a
 * case form, words agreeing in case/number ("Володимир Зеленський" →
 * "Володимира Зеленського", "Володимиром Зеленським" ...). The compiler adds
 * each variant to the matcher as an inflected form of the same entity, so
 * matching itself needs no morphology at run time. */
#ifndef NG_INFLECT_H
#define NG_INFLECT_H
#include <stddef.h>

enum { NG_LANG_UNKNOWN = 0, NG_LANG_UK = 1, NG_LANG_RU = 2 };

/* One alias word: its folded form (lower case, ё→е, ' apostrophe) and its
 * form as written (NFC, case kept). */
typedef struct ng_inflect_word {
    const char *fold; size_t fold_len;
    const char *orig; size_t orig_len;
    int is_word;      /* 0 for a punctuation token (left as it is) */
} ng_inflect_word;

/* Receives one variant: n folded words (punctuation tokens unchanged). */
typedef int (*ng_inflect_emit)(const char *const *words, const size_t *lens,
                               size_t n, void *userdata);

/* 'type' is the entity type (PER, ORG, LOC, EVENT, ...); 'lang' NG_LANG_*
 * (NG_LANG_UNKNOWN: decide from the letters: і, ї, є, ґ → uk; ы, э, ъ → ru;
 * otherwise both). Emits each distinct variant other than the alias itself.
 * Returns 0, or the first non-zero value returned by 'emit'. */
int ng_inflect_alias(const ng_inflect_word *words, size_t n, const char *type,
                     int lang, ng_inflect_emit emit, void *userdata);

/* As ng_inflect_alias, also emitting the one-word forms that are frequent
 * words (which the dictionary compiler leaves out: батьківщини of
 * Батьківщина): does a word the text has decline from a guessed alias? */
int ng_inflect_alias_all(const ng_inflect_word *words, size_t n, const char *type,
                         int lang, ng_inflect_emit emit, void *userdata);

/* Is the folded given name a man's that ends in -а / -я (Микола, Ілля,
 * Олекса, Володя; not Саша, which both sexes carry)? */
int ng_inflect_male_a(const char *folded, size_t len);

/* Is the folded word one of the frequent uk / ru words that a generated
 * one-word form must not be (inflect_common.inc)? */
int ng_inflect_is_common(const char *folded, size_t len);
#endif
