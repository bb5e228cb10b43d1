/* newsgraph tag: tag articles, print entity spans. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "strbuf.h"

enum { F_JSONL, F_CONLL, F_BRAT, F_TSV, F_PRETTY };

typedef struct opts {
    int format, chars, candidates, color, keep_going, keep_text;
    unsigned tflags, threads;
    const char *outdir;
} opts;

typedef struct item {
    char *id, *title, *text, *url, *published, *lang, *source;
    size_t title_len, text_len;
    long line;
    int borrowed;     /* strings point into the reader's memory (a big article, alone in its batch) */
    strbuf out, out2; /* the output; out2 follows it (second half of a big article) */
    size_t invalid;
    int rc;
} item;

static void tag_usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph tag [OPTIONS] [FILE|DIR|-]...\n\n"
        "Tags articles with the shipped dictionaries plus any --dict, and prints\n"
        "every person, organisation, place and event with exact byte offsets.\n"
        "Input: plain text files (one article each, id = path), JSON Lines\n"
        "({\"id\",\"text\"} + optional \"title\",\"url\",\"published\",\"lang\"),\n"
        "directories (recursive) and '-' for standard input (the default).\n\n"
        "  -d, --dict FILE        add a dictionary (TSV or compiled); repeatable\n"
        "      --no-shipped       do not use the shipped dictionaries\n"
        "      --input KIND       text or jsonl (default: from the extension)\n"
        "  -f, --format FMT       jsonl (default when not a terminal), pretty (default\n"
        "                         on a terminal), tsv, conll, brat\n"
        "      --offsets UNIT     bytes (default) or chars (code points)\n"
        "      --all              every overlapping candidate span, not only the\n"
        "                         leftmost-longest ones\n"
        "      --candidates       list every candidate entity of ambiguous spans\n"
        "      --no-inflect       match dictionary forms only (no case forms)\n"
        "      --no-context       no article-context disambiguation\n"
        "      --no-rules         no person-name rules\n"
        "      --no-partial       no surname-only resolution\n"
        "  -j, --threads N        tag with N threads (output keeps input order)\n"
        "      --keep-going       skip bad records, count them at the end\n"
        "      --keep-text        (jsonl) also write each article's text, so that the\n"
        "                         output can be ingested later ('newsgraph ingest')\n"
        "      --output-dir DIR   (brat) write DIR/NAME.txt and DIR/NAME.ann\n"
        "      --color WHEN       auto, always, never (pretty format)\n");
}

/* code-point offset cursor over one field */
typedef struct cpos { const char *s; size_t byte, chars; } cpos;
static size_t to_chars(cpos *c, size_t byte) {
    if (byte < c->byte) { c->byte = 0; c->chars = 0; }
    for (size_t i = c->byte; i < byte; i++)
        if (((unsigned char)c->s[i] & 0xC0) != 0x80) c->chars++;
    c->byte = byte;
    return c->chars;
}

static const char *field_name(unsigned f, const item *it) {
    if (it->title) return f == 0 ? "title" : "text";
    return "text";
}

static const char *field_text(unsigned f, const item *it, size_t *len) {
    if (it->title && f == 0) { *len = it->title_len; return it->title; }
    *len = it->text_len;
    return it->text;
}

/* The field text of match m, and its offsets in the unit asked for
 * (cp: one code-point cursor per field, advanced in match order). */
static const char *span_of(const item *it, const ng_match *m, const opts *o, cpos cp[2], size_t *s, size_t *e) {
    size_t flen;
    const char *ft = field_text(m->field, it, &flen);
    *s = m->start;
    *e = m->end;
    if (o->chars) {
        cpos *c = &cp[it->title ? m->field : 1];
        *s = to_chars(c, m->start);
        *e = to_chars(c, m->end);
    }
    return ft;
}

/* Matches [from, to) as JSON objects, each preceded by a comma but the very first. */
static void fmt_entities(strbuf *b, const item *it, const ng_match *m, size_t from, size_t to, const opts *o) {
    cpos cp[2] = {{it->title ? it->title : it->text, 0, 0}, {it->text, 0, 0}};
    for (size_t k = from; k < to; k++) {
        /* a big article's dictionary strings went cold long ago: fetch
         * them a few entities ahead */
        if (k + 8 < to) {
            size_t fl;
            __builtin_prefetch(m[k + 8].id);
            __builtin_prefetch(m[k + 8].name);
            __builtin_prefetch(field_text(m[k + 8].field, it, &fl) + m[k + 8].start);
        }
        size_t s, e;
        const char *ft = span_of(it, &m[k], o, cp, &s, &e);
        sb_puts(b, k ? ",{\"start\":" : "{\"start\":");
        sb_uint(b, s);
        sb_puts(b, ",\"end\":");
        sb_uint(b, e);
        sb_puts(b, ",\"text\":");
        sb_json_str(b, ft + m[k].start, m[k].end - m[k].start);
        sb_puts(b, ",\"type\":");
        sb_json_str(b, m[k].type, strlen(m[k].type));
        sb_puts(b, ",\"id\":");
        sb_json_str(b, m[k].id, strlen(m[k].id));
        sb_puts(b, ",\"name\":");
        sb_json_str(b, m[k].name, strlen(m[k].name));
        sb_puts(b, ",\"field\":\"");
        sb_puts(b, field_name(m[k].field, it));
        sb_puts(b, "\"");
        if (m[k].flags & NG_MATCH_INFLECTED) sb_puts(b, ",\"inflected\":true");
        if (m[k].flags & NG_MATCH_RULE) sb_puts(b, ",\"rule\":true");
        if (m[k].flags & NG_MATCH_PARTIAL) sb_puts(b, ",\"partial\":true");
        if (m[k].flags & NG_MATCH_NOMINATIVE) sb_puts(b, ",\"nominative\":true");
        if (m[k].flags & NG_MATCH_OVERLAP) sb_puts(b, ",\"overlap\":true");
        if (m[k].ncands > 1 && (o->candidates || (o->tflags & NG_TAG_ALL))) {
            sb_puts(b, ",\"candidates\":[");
            for (size_t c = 0; c < m[k].ncands; c++) {
                sb_puts(b, c ? ",{\"id\":" : "{\"id\":");
                sb_json_str(b, m[k].cands[c].id, strlen(m[k].cands[c].id));
                sb_puts(b, ",\"type\":");
                sb_json_str(b, m[k].cands[c].type, strlen(m[k].cands[c].type));
                sb_puts(b, ",\"name\":");
                sb_json_str(b, m[k].cands[c].name, strlen(m[k].cands[c].name));
                sb_puts(b, "}");
            }
            sb_puts(b, "]");
        }
        sb_puts(b, "}");
    }
}

typedef struct ent_job {
    strbuf out;
    const item *it;
    const ng_match *m;
    size_t from, to;
    const opts *o;
} ent_job;

static void *ent_job_main(void *arg) {
    ent_job *j = arg;
    fmt_entities(&j->out, j->it, j->m, j->from, j->to, j->o);
    return NULL;
}

static void fmt_jsonl(strbuf *b, strbuf *tail, const item *it, const ng_match *m, size_t n, const opts *o) {
    sb_puts(b, "{\"id\":");
    sb_json_str(b, it->id, strlen(it->id));
    /* the article's metadata (and with --keep-text its text) travel with
     * the entities, so that saved output can be ingested */
    const char *meta[4][2] = {{"title", it->title}, {"url", it->url}, {"published", it->published}, {"lang", it->lang}};
    for (int k = 0; k < 4; k++) {
        if (!meta[k][1]) continue;
        sb_puts(b, ",\"");
        sb_puts(b, meta[k][0]);
        sb_puts(b, "\":");
        sb_json_str(b, meta[k][1], k == 0 ? it->title_len : strlen(meta[k][1]));
    }
    if (o->keep_text) {
        sb_puts(b, ",\"text\":");
        sb_json_str(b, it->text, it->text_len);
        if (it->invalid) {
            /* JSON cannot carry invalid UTF-8 (the text above has U+FFFD in
             * its place): the exact bytes, which the offsets count, travel
             * in base64 for 'ingest' */
            sb_puts(b, ",\"text_base64\":\"");
            sb_base64(b, it->text, it->text_len);
            sb_puts(b, "\"");
        }
    }
    /* the marker by which 'ingest' knows saved output from articles */
    sb_puts(b, ",\"tagger\":\"newsgraph\",\"entities\":[");
    if (o->threads > 1 && n >= 20000 && tail) {
        /* a big article: the second half of the list is formatted by another
         * thread into 'tail', written after 'b' (no copy) */
        ent_job j = {*tail, it, m, n / 2, n, o};
        j.out.len = 0;
        pthread_t tid;
        int started = pthread_create(&tid, NULL, ent_job_main, &j) == 0;
        fmt_entities(b, it, m, 0, n / 2, o);
        if (started) pthread_join(tid, NULL);
        else ent_job_main(&j);
        *tail = j.out;
        sb_puts(tail, "]}\n");
    } else {
        fmt_entities(b, it, m, 0, n, o);
        sb_puts(b, "]}\n");
    }
}

/* a TSV cell: tabs and newlines become spaces */
static void tsv_cell(strbuf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        sb_put(b, &c, 1);
    }
}

static void fmt_tsv(strbuf *b, const item *it, const ng_match *m, size_t n, const opts *o) {
    cpos cp[2] = {{it->title ? it->title : it->text, 0, 0}, {it->text, 0, 0}};
    for (size_t k = 0; k < n; k++) {
        size_t s, e;
        const char *ft = span_of(it, &m[k], o, cp, &s, &e);
        tsv_cell(b, it->id, strlen(it->id));
        sb_printf(b, "\t%s\t%zu\t%zu\t%s\t%s\t", field_name(m[k].field, it), s, e, m[k].type, m[k].id);
        tsv_cell(b, m[k].name, strlen(m[k].name));
        sb_puts(b, "\t");
        tsv_cell(b, ft + m[k].start, m[k].end - m[k].start);
        sb_puts(b, "\n");
    }
}

typedef struct conll_ctx { strbuf *b; const char *text; const ng_match *m; size_t n, k; unsigned field; } conll_ctx;
static void conll_tok(size_t start, size_t end, int is_word, void *ud) {
    conll_ctx *c = ud;
    while (c->k < c->n && (c->m[c->k].field != c->field || c->m[c->k].end <= start)) {
        if (c->m[c->k].field > c->field) break;
        c->k++;
    }
    const char *tag = "O";
    char buf[128];
    if (c->k < c->n && c->m[c->k].field == c->field && start >= c->m[c->k].start && end <= c->m[c->k].end) {
        snprintf(buf, sizeof buf, "%s-%s", start == c->m[c->k].start ? "B" : "I", c->m[c->k].type);
        tag = buf;
    }
    tsv_cell(c->b, c->text + start, end - start);
    sb_printf(c->b, "\t%s\n", tag);
    (void)is_word;
}

static void fmt_conll(strbuf *b, const item *it, const ng_match *m, size_t n, const opts *o) {
    sb_puts(b, "# id = ");
    tsv_cell(b, it->id, strlen(it->id));
    sb_puts(b, "\n");
    unsigned nf = it->title ? 2 : 1;
    for (unsigned f = 0; f < nf; f++) {
        size_t len;
        const char *t = field_text(f, it, &len);
        conll_ctx c = {b, t, m, n, 0, f};
        ng_tokens(t, len, conll_tok, &c);
        sb_puts(b, "\n");
    }
    (void)o;
}

static void fmt_brat(strbuf *b, const item *it, const ng_match *m, size_t n, const opts *o) {
    /* brat offsets are in characters of the .txt file, which holds the text field */
    cpos cp = {it->text, 0, 0};
    size_t t = 0;
    for (size_t k = 0; k < n; k++) {
        if (it->title && m[k].field == 0) continue;
        if (m[k].flags & NG_MATCH_OVERLAP) continue;
        size_t s = to_chars(&cp, m[k].start), e = to_chars(&cp, m[k].end);
        sb_printf(b, "T%zu\t%s %zu %zu\t", ++t, m[k].type, s, e);
        tsv_cell(b, it->text + m[k].start, m[k].end - m[k].start);
        sb_puts(b, "\n");
        sb_printf(b, "#%zu\tAnnotatorNotes T%zu\t%s\n", t, t, m[k].id);
    }
    (void)o;
}

static const char *color_of(const char *type) {
    if (!strcmp(type, "PER")) return "\033[1;36m";
    if (!strcmp(type, "ORG")) return "\033[1;33m";
    if (!strcmp(type, "LOC")) return "\033[1;32m";
    if (!strcmp(type, "EVENT")) return "\033[1;35m";
    return "\033[1;34m";
}

/* Text for a terminal: control characters (C0 but tab and, in text, line
 * feeds; DEL; C1) shown as \xHH, so that an id or a text cannot move the
 * cursor, change colours or retitle the terminal. */
static void sb_put_safe(strbuf *b, const char *s, size_t len, int keep_lf) {
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = p[i];
        int c1 = c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F;
        if (!(c < 0x20 && c != '\t' && !(keep_lf && c == '\n')) && c != 0x7f && !c1) continue;
        sb_put(b, s + run, i - run);
        if (c1) c = p[++i];
        sb_printf(b, "\\x%02X", c);
        run = i + 1;
    }
    sb_put(b, s + run, len - run);
}

static void fmt_pretty(strbuf *b, const item *it, const ng_match *m, size_t n, const opts *o) {
    sb_puts(b, o->color ? "\033[1m== " : "== ");
    sb_put_safe(b, it->id, strlen(it->id), 0);
    sb_puts(b, o->color ? "\033[0m\n" : "\n");
    unsigned nf = it->title ? 2 : 1;
    size_t k = 0;
    for (unsigned f = 0; f < nf; f++) {
        size_t len;
        const char *t = field_text(f, it, &len);
        size_t pos = 0;
        for (; k < n && m[k].field == f; k++) {
            if (m[k].flags & NG_MATCH_OVERLAP) continue;
            if (m[k].start < pos) continue;
            sb_put_safe(b, t + pos, m[k].start - pos, 1);
            sb_puts(b, o->color ? color_of(m[k].type) : "[");
            sb_put_safe(b, t + m[k].start, m[k].end - m[k].start, 1);
            sb_puts(b, o->color ? "\033[0;2m[" : "](");
            sb_put_safe(b, m[k].type, strlen(m[k].type), 0);
            sb_puts(b, " ");
            sb_put_safe(b, m[k].id, strlen(m[k].id), 0);
            sb_puts(b, o->color ? "]\033[0m" : ")");
            pos = m[k].end;
        }
        sb_put_safe(b, t + pos, len - pos, 1);
        sb_puts(b, "\n");
    }
    sb_puts(b, "\n");
}

/* ---------- the pipeline ---------- */
typedef struct pool {
    const opts *o;
    cli_dicts *dicts;
    item *items;
    size_t nitems;
    atomic_size_t next;
    pthread_barrier_t start, done;
    int quit;
} pool;

static void tag_item(ng_tagger *t, item *it, const opts *o) {
    const char *texts[2];
    size_t lens[2], nf = 0;
    if (it->title) { texts[nf] = it->title; lens[nf++] = it->title_len; }
    texts[nf] = it->text; lens[nf++] = it->text_len;
    const ng_match *m;
    size_t n;
    it->out.len = 0;
    it->out2.len = 0;
    it->rc = ng_tagger_tag_doc(t, texts, lens, nf, &m, &n, &it->invalid);
    if (it->rc) return;
    switch (o->format) {
    case F_JSONL: fmt_jsonl(&it->out, &it->out2, it, m, n, o); break;
    case F_TSV: fmt_tsv(&it->out, it, m, n, o); break;
    case F_CONLL: fmt_conll(&it->out, it, m, n, o); break;
    case F_BRAT: fmt_brat(&it->out, it, m, n, o); break;
    default: fmt_pretty(&it->out, it, m, n, o); break;
    }
}

typedef struct worker { pool *p; ng_tagger *t; pthread_t tid; } worker;

static void *worker_main(void *arg) {
    worker *w = arg;
    pool *p = w->p;
    for (;;) {
        pthread_barrier_wait(&p->start);
        if (p->quit) return NULL;
        size_t i;
        while ((i = atomic_fetch_add(&p->next, 1)) < p->nitems) tag_item(w->t, &p->items[i], p->o);
        pthread_barrier_wait(&p->done);
    }
}

static void item_clear(item *it) {
    if (!it->borrowed) {
        free(it->id); free(it->title); free(it->text); free(it->url); free(it->published);
        free(it->lang); free(it->source);
    }
    strbuf keep = it->out, keep2 = it->out2;
    memset(it, 0, sizeof *it);
    it->out = keep;
    it->out.len = 0;
    it->out2 = keep2;
    it->out2.len = 0;
}

/* brat file names: the article id with the characters that are not safe in
 * a file name replaced by '_' (also a leading '.', and control characters
 * and invalid UTF-8), cut at 200 bytes on a character boundary; a name that
 * had to change gets "~" and 8 hex digits of a hash of the whole id, so
 * that "x/y" and "x_y" differ; a name already written in this run (the same
 * id twice, or a clash) gets "~2", "~3"... Files are never overwritten
 * silently: replacing those of an earlier run is said once. */
static struct { char **v; size_t n, cap; int warned; } brat_names;   /* open addressing */

static uint32_t brat_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* 1 if 'name' was already used (else records it); -1 when out of memory. */
static int brat_name_used(const char *name) {
    if (brat_names.n * 2 >= brat_names.cap) {
        size_t nc = brat_names.cap ? brat_names.cap * 2 : 256;
        char **nv = calloc(nc, sizeof *nv);
        if (!nv) return -1;
        for (size_t i = 0; i < brat_names.cap; i++)
            if (brat_names.v[i]) {
                size_t j = brat_hash(brat_names.v[i]) & (nc - 1);
                while (nv[j]) j = (j + 1) & (nc - 1);
                nv[j] = brat_names.v[i];
            }
        free(brat_names.v);
        brat_names.v = nv;
        brat_names.cap = nc;
    }
    size_t j = brat_hash(name) & (brat_names.cap - 1);
    for (; brat_names.v[j]; j = (j + 1) & (brat_names.cap - 1))
        if (!strcmp(brat_names.v[j], name)) return 1;
    if (!(brat_names.v[j] = strdup(name))) return -1;
    brat_names.n++;
    return 0;
}

static int brat_write_file(const opts *o, const char *path, const char *data, size_t len) {
    struct stat st;
    if (!brat_names.warned && lstat(path, &st) == 0) {
        brat_names.warned = 1;
        cli_msg("warning: %s: replacing files written before this run (%s, ...)", o->outdir, path);
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "wb");
    if (!f) { close(fd); return -1; }
    int ok = fwrite(data, 1, len, f) == len;
    if (fclose(f)) ok = 0;
    return ok ? 0 : -1;
}

static int write_brat(const opts *o, item *it) {
    char name[1024];
    const unsigned char *id = (const unsigned char *)it->id;
    size_t k = 0, len = strlen(it->id);
    int changed = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = id[i];
        int n = c >= 0x80 ? ng_utf8_valid_len(id + i, len - i) : 1;
        if (c >= 0x80 && n > 0 && !(c == 0xC2 && id[i + 1] < 0xA0)) {   /* a character (not C1) */
            if (k + (size_t)n > 200) { changed = 1; break; }
            memcpy(name + k, id + i, (size_t)n);
            k += (size_t)n;
            i += (size_t)n;
            continue;
        }
        if (k + 1 > 200) { changed = 1; break; }
        int safe = c < 0x80 && (isalnum((int)c) || strchr("-_.+=@,~", (int)c)) && !(c == '.' && k == 0);
        name[k++] = safe ? (char)c : '_';
        if (!safe) changed = 1;
        i += n > 0 ? (size_t)n : 1;
    }
    if (k == 0) { name[k++] = '_'; changed = 1; }
    name[k] = 0;
    if (changed) snprintf(name + k, sizeof name - k, "~%08x", (unsigned)brat_hash(it->id));
    size_t base = strlen(name);
    int used;
    for (unsigned dup = 2; (used = brat_name_used(name)) == 1; dup++)
        snprintf(name + base, sizeof name - base, "~%u", dup);
    if (used < 0) { cli_msg("out of memory"); return EXIT_DATA; }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", o->outdir, name);
    int bad = brat_write_file(o, path, it->text, it->text_len);
    if (!bad) {
        snprintf(path, sizeof path, "%s/%s.ann", o->outdir, name);
        bad = brat_write_file(o, path, it->out.s ? it->out.s : "", it->out.len);
    }
    if (bad) { cli_msg("%s: cannot write: %s", path, strerror(errno)); return EXIT_USAGE; }
    return 0;
}

int cmd_tag(int argc, char **argv) {
    opts o = {0};
    o.format = isatty(1) ? F_PRETTY : F_JSONL;
    o.threads = 1;
    int color = -1, kind = NG_INPUT_AUTO;
    cli_dicts dicts = {0};
    /* the inputs are gathered at the front of argv itself (slot ninputs < i
     * was already read): as many as the command line holds */
    const char **inputs = (const char **)argv;
    size_t ninputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_dicts_option(&dicts, argc, argv, &i);
        if (r < 0) return EXIT_USAGE;
        if (r) continue;
#define VALUE() (i + 1 < argc ? argv[++i] : (cli_msg("%s needs a value", a), (char *)NULL))
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { tag_usage(stdout); return 0; }
        else if (!strcmp(a, "--format") || !strcmp(a, "-f")) {
            const char *v = VALUE();
            if (!v) return EXIT_USAGE;
            if (!strcmp(v, "jsonl") || !strcmp(v, "json")) o.format = F_JSONL;
            else if (!strcmp(v, "conll")) o.format = F_CONLL;
            else if (!strcmp(v, "brat")) o.format = F_BRAT;
            else if (!strcmp(v, "tsv")) o.format = F_TSV;
            else if (!strcmp(v, "pretty")) o.format = F_PRETTY;
            else { cli_msg("unknown format '%s' (jsonl, pretty, tsv, conll, brat)", v); return EXIT_USAGE; }
        } else if (!strcmp(a, "--input")) {
            const char *v = VALUE();
            if (!v) return EXIT_USAGE;
            if (!strcmp(v, "text")) kind = NG_INPUT_TEXT;
            else if (!strcmp(v, "jsonl")) kind = NG_INPUT_JSONL;
            else { cli_msg("unknown input kind '%s' (text, jsonl)", v); return EXIT_USAGE; }
        } else if (!strcmp(a, "--offsets")) {
            const char *v = VALUE();
            if (!v) return EXIT_USAGE;
            if (!strcmp(v, "chars")) o.chars = 1;
            else if (!strcmp(v, "bytes")) o.chars = 0;
            else { cli_msg("unknown offset unit '%s' (bytes, chars)", v); return EXIT_USAGE; }
        } else if (!strcmp(a, "--all")) o.tflags |= NG_TAG_ALL;
        else if (!strcmp(a, "--candidates")) o.candidates = 1;
        else if (!strcmp(a, "--no-inflect")) o.tflags |= NG_TAG_NO_INFLECT;
        else if (!strcmp(a, "--no-context")) o.tflags |= NG_TAG_NO_CONTEXT;
        else if (!strcmp(a, "--no-rules")) o.tflags |= NG_TAG_NO_RULES;
        else if (!strcmp(a, "--no-partial")) o.tflags |= NG_TAG_NO_PARTIAL;
        else if (!strcmp(a, "--keep-going")) o.keep_going = 1;
        else if (!strcmp(a, "--keep-text")) o.keep_text = 1;
        else if (!strcmp(a, "--threads") || !strcmp(a, "-j")) {
            const char *v = VALUE();
            if (!v) return EXIT_USAGE;
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 64) { cli_msg("--threads takes a number from 1 to 64"); return EXIT_USAGE; }
            o.threads = (unsigned)n;
        } else if (!strcmp(a, "--output-dir")) {
            if (!(o.outdir = VALUE())) return EXIT_USAGE;
        } else if (!strcmp(a, "--color") || !strcmp(a, "--colour")) {
            const char *v = VALUE();
            if (!v) return EXIT_USAGE;
            color = !strcmp(v, "always") ? 1 : !strcmp(v, "never") ? 0 : -1;
        } else if (a[0] == '-' && a[1]) {
            cli_msg("unknown option '%s'; see 'newsgraph tag --help'", a);
            return EXIT_USAGE;
        } else inputs[ninputs++] = a;
#undef VALUE
    }
    o.color = color >= 0 ? color : (isatty(1) && o.format == F_PRETTY);
    if (o.outdir) {
        struct stat st;
        if (stat(o.outdir, &st) < 0 && mkdir(o.outdir, 0777) < 0) {
            cli_msg("%s: cannot create directory: %s", o.outdir, strerror(errno));
            return EXIT_USAGE;
        }
    }
    int rc = cli_dicts_load(&dicts);
    if (rc) return rc;
    ng_error err = {0};
    ng_reader *r;
    if (ng_reader_open(inputs, ninputs, kind, &r, &err)) { cli_err(&err); cli_dicts_free(&dicts); return EXIT_USAGE; }
    ng_reader_set_warn(r, cli_reader_warn, NULL);

    unsigned nth = o.threads;
    pool p = {.o = &o, .dicts = &dicts};
    worker *ws = cli_xcalloc(nth, sizeof *ws);
    for (unsigned k = 0; k < nth; k++) {
        ws[k].p = &p;
        ws[k].t = cli_tagger_new(&dicts, o.tflags);
        if (!ws[k].t) { cli_msg("out of memory"); return EXIT_DATA; }
    }
    ng_tagger_set_threads(ws[0].t, nth);
    if (nth > 1) {
        pthread_barrier_init(&p.start, NULL, nth);
        pthread_barrier_init(&p.done, NULL, nth);
        for (unsigned k = 1; k < nth; k++) pthread_create(&ws[k].tid, NULL, worker_main, &ws[k]);
    }
    enum { BATCH = 256, BIG = 4 << 20 };
    size_t batch_bytes_max = 8u << 20;
    item *items = cli_xcalloc(BATCH, sizeof *items);
    size_t bad = 0, io_errors = 0, articles = 0, ambiguous_fail = 0;
    int exit_rc = 0, done = 0;
    while (!done && !exit_rc) {
        /* read a batch; a big article goes alone (then its chunks are parallel) */
        size_t n = 0, bytes = 0;
        while (n < BATCH && bytes < batch_bytes_max) {
            ng_article a;
            int k = ng_reader_next(r, &a, &err);
            if (k == 0) { done = 1; break; }
            if (k < 0) {
                if (k == NG_E_PARSE && o.keep_going) { cli_err(&err); bad++; continue; }
                /* an unreadable input (or a directory loop) is reported and
                 * skipped; the other inputs are still tagged; exit 2 at the end */
                if (k == NG_E_IO) { cli_err(&err); io_errors++; continue; }
                cli_err(&err);
                exit_rc = cli_exit_code(k);
                break;
            }
            item *it = &items[n++];
            item_clear(it);
            if (a.text_len >= BIG) {
                /* tagged before the reader moves on: no copy */
                it->borrowed = 1;
                it->id = (char *)a.id;
                it->title = (char *)a.title;
                it->title_len = a.title_len;
                it->text = (char *)a.text;
                it->text_len = a.text_len;
                it->source = (char *)a.source;
                it->url = (char *)a.url;
                it->published = (char *)a.published;
                it->lang = (char *)a.lang;
                it->line = a.line;
                break;
            }
            it->id = cli_xstrndup(a.id, strlen(a.id));
            it->title = cli_xstrndup(a.title, a.title_len);
            it->title_len = a.title_len;
            it->text = cli_xstrndup(a.text, a.text_len);
            it->text_len = a.text_len;
            it->source = cli_xstrndup(a.source, a.source ? strlen(a.source) : 0);
            it->url = cli_xstrndup(a.url, a.url ? strlen(a.url) : 0);
            it->published = cli_xstrndup(a.published, a.published ? strlen(a.published) : 0);
            it->lang = cli_xstrndup(a.lang, a.lang ? strlen(a.lang) : 0);
            it->line = a.line;
            bytes += a.text_len + a.title_len;
            if (a.text_len >= BIG) break;
        }
        if (n == 1 || nth == 1) {
            for (size_t k = 0; k < n; k++) tag_item(ws[0].t, &items[k], &o);
        } else if (n) {
            p.items = items;
            p.nitems = n;
            atomic_store(&p.next, 0);
            pthread_barrier_wait(&p.start);
            size_t i;
            while ((i = atomic_fetch_add(&p.next, 1)) < n) tag_item(ws[0].t, &items[i], &o);
            pthread_barrier_wait(&p.done);
        }
        for (size_t k = 0; k < n; k++) {
            item *it = &items[k];
            articles++;
            if (it->rc) {
                cli_msg("%s: %s", it->id, ng_strerror(it->rc));
                exit_rc = EXIT_DATA;
                break;
            }
            if (it->invalid)
                cli_msg("warning: %s: %zu invalid UTF-8 byte%s skipped", it->id, it->invalid, it->invalid == 1 ? "" : "s");
            if (o.format == F_BRAT && o.outdir) {
                int w = write_brat(&o, it);
                if (w) { exit_rc = w; break; }
            } else if ((it->out.len && fwrite(it->out.s, 1, it->out.len, stdout) != it->out.len) ||
                       (it->out2.len && fwrite(it->out2.s, 1, it->out2.len, stdout) != it->out2.len)) {
                cli_msg("write error: %s", strerror(errno));
                exit_rc = EXIT_USAGE;
                break;
            }
        }
    }
    if (nth > 1) {
        p.quit = 1;
        pthread_barrier_wait(&p.start);
        for (unsigned k = 1; k < nth; k++) pthread_join(ws[k].tid, NULL);
        pthread_barrier_destroy(&p.start);
        pthread_barrier_destroy(&p.done);
    }
    for (size_t k = 0; k < BATCH; k++) { item_clear(&items[k]); sb_free(&items[k].out); sb_free(&items[k].out2); }
    free(items);
    for (unsigned k = 0; k < nth; k++) ng_tagger_free(ws[k].t);
    free(ws);
    ng_reader_free(r);
    cli_dicts_free(&dicts);
    if (fflush(stdout) != 0) { cli_msg("write error: %s", strerror(errno)); return EXIT_USAGE; }
    if (bad) {
        cli_msg("%zu bad record%s skipped", bad, bad == 1 ? "" : "s");
        if (!exit_rc) exit_rc = EXIT_DATA;
    }
    if (io_errors && !exit_rc) exit_rc = EXIT_USAGE;
    (void)ambiguous_fail;
    return exit_rc;
}
