/* Private to the importer library (tools/import/): its one out-of-memory
 * policy. The library never prints or exits. Every public entry point that
 * allocates (import_*, annot_read, df_read, imp_words_load*) runs its body
 * under imp_guard(); an allocation that fails anywhere below it (imp_alloc,
 * imp_realloc, imp_strndup, imp_grow, imp_asprintf, or a call of imp_oom)
 * unwinds to that entry point, which returns NG_E_NOMEM with 'err' filled.
 * What the body had allocated until then is not freed: a caller told that
 * memory ran out is expected to stop. */
#ifndef NG_IMPORT_INTERNAL_H
#define NG_IMPORT_INTERNAL_H
#include <stddef.h>
#include <stdio.h>
#include "import.h"
#include "base_internal.h"

/* Runs body(ctx, err) and returns its status, or NG_E_NOMEM (err: "out of
 * memory", 'what' as its file) when memory runs out inside. Nests. */
int imp_guard(int (*body)(void *ctx, ng_error *err), void *ctx, const char *what, ng_error *err);
/* Unwinds to the innermost imp_guard (outside any: abort(), a bug). */
_Noreturn void imp_oom(void);
/* malloc / realloc / ng_strndup / asprintf that never return NULL (imp_oom). */
void *imp_alloc(size_t n);
void *imp_realloc(void *p, size_t n);
char *imp_strndup(const char *s, size_t n);
char *imp_strdup(const char *s);
/* ng_grow (base_internal.h) that never fails (imp_oom). */
void imp_grow(void **v, size_t *cap, size_t need, size_t elt);
char *imp_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs one importer under imp_guard (the file named on out of memory: none). */
int imp_guard_import(int (*fn)(const import_opts *, char **, size_t, FILE *, ng_error *),
                     const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err);

/* ## Helpers shared by the importers (import_common.c); called inside an
 * importer's imp_guard. */

/* A growable list of owned strings. */
typedef struct imp_strv {
    char **v;
    size_t n, cap;
} imp_strv;
void imp_strv_push(imp_strv *s, const char *str, size_t len);
void imp_strv_clear(imp_strv *s);   /* frees the strings, keeps the array */
void imp_strv_free(imp_strv *s);

/* Lower-case ASCII slug of a UTF-8 name: Latin letters lose their marks
 * ("Åland" -> "aland", "Straße" -> "strasse"), apostrophes vanish
 * ("Côte d'Ivoire" -> "cote-divoire"), every other run of characters
 * becomes one '-'; non-Latin letters are dropped. Returns a malloc'd string,
 * possibly "" (the caller then picks another id). */
char *imp_slug(const char *name);

/* Writes one entity line: id, type, name, the aliases (deduplicated, the
 * name left out, fields cleaned: tabs and newlines become spaces, outer
 * space trimmed; an alias dropped when the loader would not take it as one
 * plain alias, ng_dict_alias_plain: empty after cleaning, a '|', no letter
 * or digit, an attribute "lang=..." or a marker "=..." "~..." first; a
 * leading '^' is the importer's own marker and stays), then 'attrs'
 * (already "k=v\tk=v", may be NULL or ""). Updates o->stats. */
void imp_write_entity(const import_opts *o, FILE *out, const char *id, const char *type,
                      const char *name, char *const *aliases, size_t naliases,
                      const char *attrs);

/* Is 'lang' among o->langs? */
int imp_has_lang(const import_opts *o, const char *lang);

/* Reads lines of any length from a plain or gzip-compressed file (zlib
 * detects which) or standard input ("-"). */
typedef struct imp_lines imp_lines;
int imp_lines_open(const char *path, imp_lines **out, ng_error *err);
/* Returns 1 with '*line' (NUL-terminated, without the newline, owned by the
 * reader, valid until the next call) and '*len', 0 at the end, or a
 * negative code. Every input is UTF-8: a line that is not is NG_E_UNICODE
 * "file:line:col: invalid UTF-8" (col: of the first bad byte, in
 * characters), never a U+FFFD in the output. */
int imp_lines_next(imp_lines *r, char **line, size_t *len, ng_error *err);
/* NG_OK, or NG_E_UNICODE "path:line:col: invalid UTF-8" at the first byte
 * of s[0..len) that is not UTF-8; 's' is a whole file (or its part from
 * line 'line0', column 1), lines counted from its '\n's. */
int imp_utf8_check(const char *path, const char *s, size_t len, long line0, ng_error *err);
long imp_lines_number(const imp_lines *r);            /* current line, 1-based */
unsigned long long imp_lines_offset(const imp_lines *r); /* compressed bytes consumed */
unsigned long long imp_lines_size(const imp_lines *r);   /* file size, 0 if unknown */
void imp_lines_free(imp_lines *r);

/* Loads the common-word lists found in 'dir' (missing ones are skipped);
 * NULL if none. */
imp_words *imp_words_load(const char *dir);
#endif
