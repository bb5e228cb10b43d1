/* Internal interface of `newsgraph dict import` (tools/cli/cmd_dict_import.c)
 * and its importers (tools/import/import_*.c).
 *
 * Every importer has the same shape:
 *
 *     int import_<fmt>(const import_opts *o, char **inputs, size_t n,
 *                      FILE *out, ng_error *err);
 *
 * It reads the 'n' input paths ("-" is standard input where it makes sense),
 * writes dictionary TSV (dictionaries/README.md) to 'out' and returns NG_OK,
 * or a negative NG_E_* code with 'err' filled (file, line, column, message).
 * Importers never print or exit: progress goes through o->progress,
 * non-fatal events through o->warn; running out of memory is NG_E_NOMEM.
 * Counts of what was written go to o->stats (if not NULL).
 *
 * The library (tools/import/, built as libngimport.a) also holds the readers
 * of annotated documents (annot.h) and of dictionary TSV lines (dictfile.h).
 * Its private helpers are in import_internal.h.
 */
#ifndef NG_IMPORT_H
#define NG_IMPORT_H
#include <stdio.h>
#include <stddef.h>
#include "tagger.h"

#define IMPORT_MAX_LANGS 32

/* Progress report: 'done' and 'total' in bytes of input ('total' 0 when
 * unknown), 'items' records seen so far. */
typedef void (*import_progress_fn)(const char *what, unsigned long long done,
                                   unsigned long long total,
                                   unsigned long long items, void *userdata);

typedef struct import_stats {
    unsigned long long read;      /* input records seen */
    unsigned long long written;   /* entities written */
    unsigned long long aliases;   /* aliases written (names not counted) */
    unsigned long long skipped;   /* records left out (no type, no name ...) */
} import_stats;

typedef struct import_opts {
    const char *langs[IMPORT_MAX_LANGS]; /* --lang, default en, uk, ru */
    size_t nlangs;
    /* iso-codes */
    const char *locale_dir;     /* --locale-dir, default /usr/share/locale */
    const char *subdivisions;   /* --subdivisions CC,CC... | "none"; NULL: UA, RU, US and EU members */
    /* wikidata */
    const char *types_path;     /* --types FILE (P31 -> type mapping) */
    /* geonames */
    const char *alternate_names;/* --alternate-names FILE (alternateNamesV2.txt) */
    long long min_population;   /* --min-population N */
    const char *classes;        /* --classes, feature classes, default "PA" */
    /* annotations (import_annotations.c) */
    const char *input_format;   /* --input-format jsonl|brat|conll; NULL: by extension */
    long min_count;             /* --min-count N: least occurrences of a surface */
    int has_min_precision;      /* --min-precision given: use min_precision ... */
    double min_precision;       /* ... the least share (0..1) of a surface's matches in the training
                                 * texts that are annotated with its type (0: no precision filter);
                                 * default (has_min_precision 0): IMPORT_ANNOT_MIN_PRECISION */
    /* common */
    const char *source;         /* --source TEXT: value of the source= attribute; NULL: importer's default */
    const char *common_words;   /* directory with {en,uk,ru}.txt (dictionaries/common-words); NULL: none.
                                 * An alias that is a common word is written case-sensitive. */
    import_progress_fn progress;  /* NULL: no progress reports */
    void *progress_ud;
    ng_warn_fn warn;            /* NULL: non-fatal events are dropped */
    void *warn_ud;
    import_stats *stats;        /* NULL: not counted */
} import_opts;

/* Errors in the JSON files are NG_E_PARSE (invalid JSON) or NG_E_FORMAT
 * (an entry of the wrong shape or type) with err->line and err->col (in
 * characters) of the value at fault (dictionaries/import/README.md). */
int import_isocodes(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err);
int import_wikidata(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err);
int import_geonames(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err);
#define IMPORT_ANNOT_MIN_PRECISION 0.5
int import_annotations(const import_opts *o, char **inputs, size_t n, FILE *out, ng_error *err);

/* Common lower-case words (dictionaries/common-words/{en,uk,ru}.txt), folded
 * with ng_fold. */
typedef struct imp_words imp_words;
/* The list of one language only (DIR/LANG.txt) into *out (NULL if absent).
 * Returns NG_OK or NG_E_NOMEM. */
int imp_words_load_lang(const char *dir, const char *lang, imp_words **out, ng_error *err);
/* Is 'alias' (any case) one of the words? */
int imp_words_has(const imp_words *w, const char *alias);
void imp_words_free(imp_words *w);

/* ## GNU gettext .mo catalogues (tools/import/mo.c) */
typedef struct imp_mo imp_mo;
/* Loads a .mo file (either byte order). */
int imp_mo_load(const char *path, imp_mo **out, ng_error *err);
/* Loads a .mo image held in memory (copied). */
int imp_mo_load_mem(const void *data, size_t len, const char *name, imp_mo **out, ng_error *err);
/* Translation of 'msgid' (no context), or NULL if absent, empty or not
 * valid UTF-8. Owned by the catalogue. */
const char *imp_mo_get(const imp_mo *mo, const char *msgid);
/* The translations that are not valid UTF-8 (imp_mo_get leaves them out):
 * from *pos (start at 0), the next one's msgid (owned by the catalogue;
 * its string number in the file in *index), or NULL after the last. */
const char *imp_mo_invalid(const imp_mo *mo, size_t *pos, unsigned long *index);
size_t imp_mo_count(const imp_mo *mo);
void imp_mo_free(imp_mo *mo);

#endif
