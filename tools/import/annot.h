/* Importer library (tools/import/): readers of annotated documents, shared by
 * `newsgraph eval` (tools/cli/cmd_eval.c) and the annotations importer
 * (import_annotations.c).
 *
 * Formats:
 *  - jsonl: {"id", "text", "entities": [{"start","end","type"}]} with byte
 *    offsets into text (../shared/eval/README.md); "text" may be absent
 *    (prediction files); an optional "title", and an entity's "field"
 *    ("title" or "text", the default) says which text its offsets count in.
 *  - brat: standoff .ann beside a .txt of the same base name ("T1<TAB>PER 0
 *    5<TAB>text", character offsets; discontinuous spans take their outer
 *    bounds). The path may name the .ann, the .txt or a directory (every .ann
 *    under it, sorted).
 *  - conll: one token per line, the BIO tag in the last column, blank lines
 *    between sentences, "-DOCSTART-" between documents. The text is rebuilt
 *    as the tokens joined by spaces, sentences by newlines; offsets refer to it.
 * Entity types are normalised: PERS/Person → PER, Org/Organization → ORG,
 * Location/LocOrg/GPE → LOC, everything else upper case as written. */
#ifndef NG_ANNOT_H
#define NG_ANNOT_H
#include <stddef.h>
#include "tagger.h"

typedef struct annot_ent {
    size_t start, end;      /* byte offsets into the field's text */
    unsigned field;         /* ANNOT_TITLE or ANNOT_TEXT ("field" of jsonl) */
    char type[32];
} annot_ent;

enum { ANNOT_TITLE = 0, ANNOT_TEXT = 1 };

typedef struct annot_doc {
    char *id;
    char *text;             /* NULL if the record has none */
    size_t text_len;
    char *title;            /* jsonl "title", NULL if none */
    size_t title_len;
    annot_ent *ents;
    size_t n, cap;
    long line;              /* JSON line number (jsonl), else 0 */
    long col;               /* column of the record on it (jsonl), else 0 */
} annot_doc;

enum { ANNOT_AUTO = 0, ANNOT_JSONL, ANNOT_BRAT, ANNOT_CONLL };

/* "jsonl", "brat", "conll" or NULL (auto) → ANNOT_*; -1 if unknown. */
int annot_format(const char *name);

/* Called once per document; 'd' and its strings are valid during the call
 * only. A non-zero return stops reading and is returned by annot_read. */
typedef int (*annot_doc_fn)(const annot_doc *d, void *userdata);

/* Reads 'path' in 'format' (ANNOT_AUTO: by extension .jsonl/.ndjson/.json,
 * .ann/.txt or a directory → brat, .conll/.bio/.iob/.tsv → conll). Returns
 * NG_OK, a negative code with 'err' set, or the callback's non-zero value. */
int annot_read(const char *path, int format, annot_doc_fn fn, void *userdata, ng_error *err);

/* Normalised type name of 'type' (length 'len') into out (size >= 32). */
void annot_type(const char *type, size_t len, char *out);

/* Appends an entity of field ANNOT_TITLE or ANNOT_TEXT to a document (grows ents). */
void annot_add(annot_doc *d, size_t start, size_t end, unsigned field, const char *type);
/* The text of field 'f' of 'd' (NULL if absent) and its length. */
const char *annot_field(const annot_doc *d, unsigned f, size_t *len);
#endif
