/* Line-level reader of dictionary TSV files for `dict lint` and `dict stats`,
 * which need the file, line and column of every field (the library's
 * builder keeps only what tagging needs). Format: dictionaries/README.md. */
#ifndef NG_DICTFILE_H
#define NG_DICTFILE_H
#include <stddef.h>
#include <stdint.h>
#include "tagger.h"

typedef struct df_field {
    char *text;       /* NUL-terminated copy */
    long col;         /* 1-based, in characters */
} df_field;

typedef struct df_entry {
    int file;         /* index into the list of files given to df_read */
    long line;
    int nfields;      /* tab-separated fields on the line */
    df_field id, type, name;
    df_field *aliases;  /* aliases after the name, as written (may be empty strings) */
    size_t naliases;
    df_field *attrs;    /* "key=value" fields */
    size_t nattrs;
    int bad;            /* what makes tag/ingest refuse the file: DF_BAD_* */
    long bad_col;       /* where (1-based, in characters), when bad */
} df_entry;

enum { DF_BAD_UTF8 = 1, DF_BAD_CONTROL };   /* invalid UTF-8; a control character */

typedef struct df_set {
    char **files;
    size_t nfiles;
    df_entry *e;
    size_t n, cap;
} df_set;

/* Reads 'path' and appends its entries (comments and blank lines skipped)
 * to 'set'. Returns NG_OK or NG_E_IO / NG_E_NOMEM with 'err' set. */
int df_read(df_set *set, const char *path, ng_error *err);
void df_free(df_set *set);

/* Value of attribute 'key' of 'e' (first one), or NULL. */
const char *df_attr(const df_entry *e, const char *key);

/* Steps *i through s[0..len) to the next letter (Unicode category L*):
 * sets *cp and *upper (upper or title case) and returns 1, or returns 0 at
 * the end. Invalid UTF-8 bytes are skipped. */
int df_next_letter(const char *s, size_t len, size_t *i, int32_t *cp, int *upper);

/* Script/language class of a name: "latin", "cyrillic-uk" (has і ї є ґ),
 * "cyrillic-ru" (has ы э ъ ё), "cyrillic" (either), "other", "none"
 * (no letters). */
const char *df_script(const char *s);
#endif
