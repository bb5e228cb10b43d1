/* `newsgraph tag` (tools/cli/cmd_tag.c): what its parts share. The output
 * formats are in tag_format.c, brat's files in tag_brat.c. */
#ifndef NG_CLI_TAG_H
#define NG_CLI_TAG_H
#include <stddef.h>
#include "cli.h"
#include "strbuf.h"

enum { F_JSONL, F_CONLL, F_BRAT, F_TSV, F_PRETTY, F_SPACY };
/* CoNLL columns (--conll-columns) */
enum { CC_TOKEN, CC_TAG, CC_START, CC_END, CC_ID, CC_FIELD, CC_DOC, CC_EMPTY, CC_COUNT };

typedef struct tag_opts {
    int format, chars, candidates, color, keep_going, keep_text, no_header;
    unsigned tflags, threads;
    const char *outdir;
    unsigned char conll_cols[16];
    size_t nconll_cols;
    const struct tag_explain *explain;   /* --explain (jsonl, pretty), else NULL */
} tag_opts;

typedef struct item {
    char *id, *title, *text, *url, *published, *lang, *source;
    size_t title_len, text_len;
    long line;
    int borrowed;     /* strings point into the reader's memory (a big article, alone in its batch) */
    ng_reader *reader; /* the reader of a borrowed text: its pages are given back once read (ng_reader_release) */
    strbuf out;       /* the output */
    int stream;       /* a big article in JSON Lines or TSV: not formatted into out, but as it is
                         written (tag_write_stream), from m[0..nm), the tagger's matches */
    const ng_match *m;
    size_t nm;
    size_t invalid;
    int rc;
} item;

/* Formats the entities 'm' of 'it' in o->format into it->out. */
void tag_format(item *it, const ng_match *m, size_t n, const tag_opts *o);
/* Writes the output of a streamed item (it->stream) to f as tag_format
 * would format it, slice by slice; the tagger that found it->m must not tag
 * again before. 0, or -1 on a write error (errno set). */
int tag_write_stream(const item *it, const tag_opts *o, FILE *f);
/* --explain (tag_explain.c): the dictionary sources (TSV files, read and
 * indexed once) and the spans' reasons. */
typedef struct tag_explain tag_explain;
tag_explain *tag_explain_new(const cli_dicts *d, const char *const *tsv, size_t ntsv);
void tag_explain_free(tag_explain *x);
/* Appends ,"explain":{...} for match m[k] of the n matches of 'it'
 * (fields[f]: the text of field f; chars: offsets in characters, as
 * --offsets chars). */
void tag_explain_span(const tag_explain *x, const item *it, const ng_match *m, size_t n, size_t k,
                      const char *const *fields, int chars, strbuf *b);
/* The character offset (as --offsets chars counts) of byte 'byte' of a field. */
size_t tag_chars_upto(const char *field, size_t byte);

/* The header row of --format tsv. */
extern const char tag_tsv_header[];
/* Writes it->text and it->out as OUTDIR/NAME.txt and .ann (brat); 0 or an
 * exit code (message printed). */
int tag_write_brat(const tag_opts *o, item *it);
#endif
