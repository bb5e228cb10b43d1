/* `newsgraph tag` (tools/cli/cmd_tag.c): what its parts share. The output
 * formats are in tag_format.c, brat's files in tag_brat.c. */
#ifndef NG_CLI_TAG_H
#define NG_CLI_TAG_H
#include <stddef.h>
#include "cli.h"
#include "strbuf.h"

enum { F_JSONL, F_CONLL, F_BRAT, F_TSV, F_PRETTY };

typedef struct tag_opts {
    int format, chars, candidates, color, keep_going, keep_text;
    unsigned tflags, threads;
    const char *outdir;
} tag_opts;

typedef struct item {
    char *id, *title, *text, *url, *published, *lang, *source;
    size_t title_len, text_len;
    long line;
    int borrowed;     /* strings point into the reader's memory (a big article, alone in its batch) */
    strbuf out, out2; /* the output; out2 follows it (second half of a big article) */
    size_t invalid;
    int rc;
} item;

/* Formats the entities 'm' of 'it' in o->format into it->out (JSON Lines of
 * a big article with threads: the second half into it->out2). */
void tag_format(item *it, const ng_match *m, size_t n, const tag_opts *o);
/* Writes it->text and it->out as OUTDIR/NAME.txt and .ann (brat); 0 or an
 * exit code (message printed). */
int tag_write_brat(const tag_opts *o, item *it);
#endif
