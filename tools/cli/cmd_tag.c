/* newsgraph tag: tag articles, print entity spans. This file: the options,
 * the thread pool and the read-tag-write loop; tag_format.c formats,
 * tag_brat.c writes brat files. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tag.h"
#include "opts.h"

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
        "      --no-user          do not use the user dictionary ('newsgraph dict add')\n"
        "      --names PATH       given-name lists of the person rules (a file, or a\n"
        "                         directory of given*.txt) instead of the shipped ones;\n"
        "                         with --no-shipped, the only ones\n"
        "      --input KIND       text or jsonl (default: from the extension)\n"
        "  -f, --format FMT       jsonl (default when not a terminal), pretty (default\n"
        "                         on a terminal), tsv (with a header row), conll\n"
        "                         (CoNLL-2003: one token per line, a blank line after\n"
        "                         each sentence, -DOCSTART- before each article),\n"
        "                         spacy ({\"text\",\"ents\"} per article, character\n"
        "                         offsets, as spaCy's Doc.to_json), brat\n"
        "      --no-header        (tsv) no header row\n"
        "      --conll-columns C  the columns of --format conll, comma-separated, from\n"
        "                         token, tag, start, end, id, field, doc, _ (an empty\n"
        "                         column); default token,tag\n"
        "      --offsets UNIT     bytes (default) or chars (code points)\n"
        "      --all              every overlapping candidate span, not only the\n"
        "                         leftmost-longest ones\n"
        "      --candidates       list every candidate entity of ambiguous spans\n"
        "      --explain          (jsonl, pretty) why each span is there: the alias and\n"
        "                         the dictionary file and line, or the person-name rule\n"
        "                         and its words, or the full mention a partial name\n"
        "                         was resolved to\n"
        "      --no-inflect       match dictionary forms only (no case forms)\n"
        "      --no-context       no article-context disambiguation\n"
        "      --no-rules         no person-name rules\n"
        "      --no-partial       no surname-only resolution\n"
        "      --no-org-rules     no organisation rules (ТОВ «Ромашка», Acme Corp, Київська міська рада)\n"
        "      --no-acronyms      no acronyms defined in the article (\"Full Name (ACR)\", \"ACR (Full Name)\")\n"
        "      --no-place-rules   no place rules (Бучанського району, річки Рось, вулиці Івасюка)\n"
        "      --no-surnames      no Cyrillic surname alone by its ending (заявив Ляшко, Левченка),\n"
        "                         no name the article repeats (обірвав Анісімов), no surname\n"
        "                         first before a declined given name and patronymic\n"
        "  -j, --threads N        tag with N threads (default: one per CPU, %u here; the\n"
        "                         output is the same, in input order, with any number)\n"
        "      --keep-going       skip bad records, count them at the end\n"
        "      --keep-text        (jsonl) also write each article's text, so that the\n"
        "                         output can be ingested later ('newsgraph ingest')\n"
        "      --output-dir DIR   (brat, implied) write DIR/NAME.txt and DIR/NAME.ann\n"
        "                         (NAME.txt: the title, a blank line, the text)\n"
        "      --color WHEN       auto, always, never (pretty format)\n", cli_threads_default());
}

/* ---------- the pipeline ---------- */
typedef struct pool {
    const tag_opts *o;
    cli_dicts *dicts;
    item *items;
    size_t nitems;
    atomic_size_t next;
    pthread_barrier_t start, done;
    int quit;
} pool;

static void tag_item(ng_tagger *t, item *it, const tag_opts *o) {
    const char *texts[2];
    size_t lens[2], nf = 0;
    if (it->title) { texts[nf] = it->title; lens[nf++] = it->title_len; }
    texts[nf] = it->text; lens[nf++] = it->text_len;
    const ng_match *m;
    size_t n;
    it->out.len = 0;
    it->rc = ng_tagger_tag_doc(t, texts, lens, nf, &m, &n, &it->invalid);
    if (it->rc) return;
    /* (a big mapped text stays mapped for the formatters, which give its
     * pages back behind them. Given back whole here, as it was, and read
     * again page by page, it made writing twice as long on this project's
     * virtual machine, where a page mapped again costs the host a fault on
     * its first read: 1M names, 100 MB, 0.136 -> 0.069 s with one thread,
     * 0.086 -> 0.046 with two; the peak RSS, now while tagging, is the
     * same: 291 / 299 MB with the release, 292 / 301 without.) */
    if (it->borrowed && !o->explain && (o->format == F_JSONL || o->format == F_TSV)) {
        /* formatted as it is written: write_batch, before this tagger tags again */
        it->stream = 1;
        it->m = m;
        it->nm = n;
        return;
    }
    tag_format(it, m, n, o);
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
    strbuf keep = it->out;
    memset(it, 0, sizeof *it);
    it->out = keep;
    it->out.len = 0;
}

enum { O_FORMAT = 1, O_INPUT, O_OFFSETS, O_ALL, O_CANDIDATES, O_KEEP_GOING, O_KEEP_TEXT, O_THREADS,
       O_OUTPUT_DIR, O_COLOR, O_CONLL_COLUMNS, O_NO_HEADER, O_EXPLAIN };

static const cli_opt tag_options[] = {
    CLI_DICT_OPTS, CLI_TAG_FLAG_OPTS,
    {"--format", "-f", 1, O_FORMAT}, {"--input", NULL, 1, O_INPUT}, {"--offsets", NULL, 1, O_OFFSETS},
    {"--all", NULL, 0, O_ALL}, {"--candidates", NULL, 0, O_CANDIDATES},
    {"--keep-going", NULL, 0, O_KEEP_GOING}, {"--keep-text", NULL, 0, O_KEEP_TEXT},
    {"--threads", "-j", 1, O_THREADS}, {"--output-dir", NULL, 1, O_OUTPUT_DIR},
    {"--color", NULL, 1, O_COLOR}, {"--colour", NULL, 1, O_COLOR},
    {"--conll-columns", NULL, 1, O_CONLL_COLUMNS}, {"--no-header", NULL, 0, O_NO_HEADER},
    {"--explain", NULL, 0, O_EXPLAIN},
    {0},
};

/* --conll-columns LIST into o->conll_cols; -1 on a usage error (printed). */
static int conll_columns(tag_opts *o, const char *v) {
    static const char *const names[] = {"token", "tag", "start", "end", "id", "field", "doc", "_", NULL};
    o->nconll_cols = 0;
    for (const char *p = v;;) {
        size_t l = strcspn(p, ",");
        int k;
        for (k = 0; names[k] && !(strlen(names[k]) == l && !strncmp(names[k], p, l)); k++) {}
        if (!names[k]) {
            cli_msg("--conll-columns: unknown column '%.*s' (token, tag, start, end, id, field, doc, _)", (int)l, p);
            return -1;
        }
        if (o->nconll_cols == sizeof o->conll_cols) { cli_msg("--conll-columns: at most %zu columns", sizeof o->conll_cols); return -1; }
        o->conll_cols[o->nconll_cols++] = (unsigned char)k;
        if (!p[l]) break;
        p += l + 1;
    }
    return 0;
}

/* Reads the options into o, dicts and *kind, the inputs to the front of argv
 * (*ninputs of them). Returns -1 to go on, else the exit code (0: --help). */
static int parse_options(int argc, char **argv, tag_opts *o, cli_dicts *dicts, int *kind, size_t *ninputs,
                         int *explain) {
    static const char *const formats[] = {"jsonl", "json", "conll", "brat", "tsv", "pretty", "spacy", NULL};
    static const int format_of[] = {F_JSONL, F_JSONL, F_CONLL, F_BRAT, F_TSV, F_PRETTY, F_SPACY};
    int color = -1, id, k, format_given = 0;
    long long n;
    const char *v;
    o->format = isatty(1) ? F_PRETTY : F_JSONL;
    o->threads = cli_threads_default();
    /* the inputs are gathered at the front of argv itself (slot *ninputs < i
     * was already read): as many as the command line holds */
    cli_args p = cli_args_init(argc, argv);
    while ((id = cli_next(&p, tag_options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: tag_usage(stdout); return 0;
        case CLI_BAD: return EXIT_USAGE;
        case CLI_UNKNOWN: cli_msg("unknown option '%s'; see 'newsgraph tag --help'", v); return EXIT_USAGE;
        case CLI_ARG: argv[(*ninputs)++] = (char *)v; break;
        case CLI_OPT_DICT: case CLI_OPT_NO_SHIPPED: case CLI_OPT_NO_USER: case CLI_OPT_NAMES:
            if (cli_dicts_option(dicts, id, v) < 0) return EXIT_USAGE;
            break;
        case O_FORMAT:
            if ((k = cli_choice(v, formats)) < 0) { cli_msg("unknown format '%s' (jsonl, pretty, tsv, conll, spacy, brat)", v); return EXIT_USAGE; }
            o->format = format_of[k];
            format_given = 1;
            break;
        case O_INPUT:
            if (!strcmp(v, "text")) *kind = NG_INPUT_TEXT;
            else if (!strcmp(v, "jsonl")) *kind = NG_INPUT_JSONL;
            else { cli_msg("unknown input kind '%s' (text, jsonl)", v); return EXIT_USAGE; }
            break;
        case O_OFFSETS:
            if (!strcmp(v, "chars")) o->chars = 1;
            else if (!strcmp(v, "bytes")) o->chars = 0;
            else { cli_msg("unknown offset unit '%s' (bytes, chars)", v); return EXIT_USAGE; }
            break;
        case O_ALL: o->tflags |= NG_TAG_ALL; break;
        case O_CANDIDATES: o->candidates = 1; break;
        case CLI_OPT_NO_INFLECT: case CLI_OPT_NO_CONTEXT: case CLI_OPT_NO_RULES: case CLI_OPT_NO_PARTIAL:
        case CLI_OPT_NO_ORG_RULES: case CLI_OPT_NO_ACRONYMS: case CLI_OPT_NO_PLACE_RULES: case CLI_OPT_NO_SURNAMES:
            o->tflags |= cli_tag_flag(id);
            break;
        case O_KEEP_GOING: o->keep_going = 1; break;
        case O_KEEP_TEXT: o->keep_text = 1; break;
        case O_THREADS:
            if (cli_int(p.opt, v, 1, CLI_THREADS_MAX, &n)) return EXIT_USAGE;
            o->threads = (unsigned)n;
            break;
        case O_OUTPUT_DIR: o->outdir = v; break;
        case O_NO_HEADER: o->no_header = 1; break;
        case O_EXPLAIN: *explain = 1; break;
        case O_CONLL_COLUMNS:
            if (conll_columns(o, v)) return EXIT_USAGE;
            break;
        case O_COLOR: {
            int c = cli_choice(v, (const char *const[]){"never", "always", "auto", NULL});
            if (c < 0) { cli_msg("%s: expected auto, always or never, got '%s'", p.opt, v); return EXIT_USAGE; }
            color = c == 2 ? -1 : c;
            break;
        }
        }
    }
    if (!o->nconll_cols) {
        o->conll_cols[o->nconll_cols++] = CC_TOKEN;
        o->conll_cols[o->nconll_cols++] = CC_TAG;
    }
    const char *nc = getenv("NO_COLOR");   /* https://no-color.org: only --color always overrides it */
    o->color = color >= 0 ? color : (isatty(1) && o->format == F_PRETTY && !(nc && nc[0]));
    /* --output-dir writes brat files: it implies the format, and another one
     * would ignore it (silently, before) */
    if (o->outdir && !format_given) o->format = F_BRAT;
    if (o->outdir && o->format != F_BRAT) { cli_msg("--output-dir goes with --format brat"); return EXIT_USAGE; }
    if (o->outdir) {
        struct stat st;
        if (stat(o->outdir, &st) < 0 && mkdir(o->outdir, 0777) < 0) {
            cli_msg("%s: cannot create directory: %s", o->outdir, strerror(errno));
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* The thread pool: one tagger per thread; worker 0 is the calling thread. */
static worker *pool_start(pool *p, unsigned nth, const cli_dicts *dicts, unsigned tflags) {
    worker *ws = cli_xcalloc(nth, sizeof *ws);
    for (unsigned k = 0; k < nth; k++) {
        ws[k].p = p;
        ws[k].t = cli_tagger_new(dicts, tflags);
        if (!ws[k].t) cli_fatal_oom();
    }
    ng_tagger_set_threads(ws[0].t, nth);
    if (nth > 1) {
        pthread_barrier_init(&p->start, NULL, nth);
        pthread_barrier_init(&p->done, NULL, nth);
        for (unsigned k = 1; k < nth; k++) pthread_create(&ws[k].tid, NULL, worker_main, &ws[k]);
    }
    return ws;
}

/* Tags items[0..n) on every thread of the pool. */
static void pool_tag(pool *p, worker *ws, unsigned nth, item *items, size_t n) {
    if (n == 1 || nth == 1) {
        for (size_t k = 0; k < n; k++) tag_item(ws[0].t, &items[k], p->o);
    } else if (n) {
        p->items = items;
        p->nitems = n;
        atomic_store(&p->next, 0);
        pthread_barrier_wait(&p->start);
        size_t i;
        while ((i = atomic_fetch_add(&p->next, 1)) < n) tag_item(ws[0].t, &items[i], p->o);
        pthread_barrier_wait(&p->done);
    }
}

static void pool_stop(pool *p, worker *ws, unsigned nth) {
    if (nth > 1) {
        p->quit = 1;
        pthread_barrier_wait(&p->start);
        for (unsigned k = 1; k < nth; k++) pthread_join(ws[k].tid, NULL);
        pthread_barrier_destroy(&p->start);
        pthread_barrier_destroy(&p->done);
    }
    for (unsigned k = 0; k < nth; k++) ng_tagger_free(ws[k].t);
    free(ws);
}

enum { BATCH = 256, BIG = 4 << 20 };

/* Counts of the run, and how it ends. */
typedef struct run {
    size_t bad, io_errors, articles;
    int exit_rc, done;
} run;

/* A batch of articles and what reading it found: its counts, and its
 * messages (printed before its output, so that they come in input order
 * when the next batch is read while this one is tagged). */
typedef struct batch {
    item *items;
    size_t n;
    run rd;              /* bad, io_errors, exit_rc, done of the reading */
    strbuf msgs;
} batch;

/* The reader's warnings go to the batch being read. */
static void batch_warn(const char *path, const char *msg, void *ud) {
    strbuf *const *sink = ud;
    sb_printf(*sink, "newsgraph: warning: %s: %s\n", path, msg);
}

static void batch_err(batch *b, const ng_error *err) {
    char buf[1200];
    sb_printf(&b->msgs, "newsgraph: %s\n", ng_error_format(err, buf, sizeof buf));
}

/* Reads up to BATCH articles (8 MB of text) into b; a big article goes
 * alone (then its chunks are parallel) and is not copied. */
static void read_batch(ng_reader *r, const tag_opts *o, batch *b, strbuf **sink) {
    size_t batch_bytes_max = 8u << 20;
    size_t n = 0, bytes = 0;
    ng_error err = {0};
    memset(&b->rd, 0, sizeof b->rd);
    b->msgs.len = 0;
    *sink = &b->msgs;
    while (n < BATCH && bytes < batch_bytes_max) {
        ng_article a;
        int k = ng_reader_next(r, &a, &err);
        if (k == 0) { b->rd.done = 1; break; }
        if (k < 0) {
            if (k == NG_E_PARSE && o->keep_going) { batch_err(b, &err); b->rd.bad++; continue; }
            /* an unreadable input (or a directory loop) is reported and
             * skipped; the other inputs are still tagged; exit 2 at the end */
            if (k == NG_E_IO) { batch_err(b, &err); b->rd.io_errors++; continue; }
            batch_err(b, &err);
            b->rd.exit_rc = cli_exit_code(k);
            break;
        }
        item *it = &b->items[n++];
        item_clear(it);
        if (a.text_len >= BIG) {
            /* tagged before the reader moves on: no copy */
            it->borrowed = 1;
            it->reader = r;
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
    }
    b->n = n;
}

typedef struct read_job { ng_reader *r; const tag_opts *o; batch *b; strbuf **sink; } read_job;

static void *read_main(void *arg) {
    read_job *j = arg;
    read_batch(j->r, j->o, j->b, j->sink);
    return NULL;
}

/* An item's output to standard output: 0, or -1 on a write error. */
static int write_item(const item *it, const tag_opts *o) {
    if (it->stream) return tag_write_stream(it, o, stdout);
    if (it->out.len && fwrite(it->out.s, 1, it->out.len, stdout) != it->out.len) return -1;
    return 0;
}

/* Writes the tagged items in input order (stdout or brat files); stops at
 * the first failure (st->exit_rc). */
static void write_batch(const tag_opts *o, item *items, size_t n, run *st) {
    for (size_t k = 0; k < n; k++) {
        item *it = &items[k];
        st->articles++;
        if (it->rc) {
            cli_msg("%s: %s", it->id, ng_strerror(it->rc));
            st->exit_rc = EXIT_DATA;
            break;
        }
        if (it->invalid)
            cli_msg("warning: %s: %zu invalid UTF-8 byte%s skipped", it->id, it->invalid, it->invalid == 1 ? "" : "s");
        if (o->format == F_BRAT && o->outdir) {
            int w = tag_write_brat(o, it);
            if (w) { st->exit_rc = w; break; }
        } else if (write_item(it, o)) {
            cli_msg("write error: %s", strerror(errno));
            st->exit_rc = EXIT_USAGE;
            break;
        }
    }
}

/* --explain: the TSV sources of the dictionaries in use, in load order
 * (the shipped directory's files, the --dict TSV files). */
static tag_explain *explain_sources(const cli_dicts *d) {
    char **shipped = NULL;
    size_t ns = 0;
    const char *dir = d->no_shipped ? "" : cli_shipped_dir();
    ng_error err = {0};
    if (dir[0] && ng_dir_list(dir, ".tsv", &shipped, &ns, &err)) ns = 0;
    const char **all = cli_xcalloc(ns + d->npaths + 2, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < ns; i++) all[n++] = shipped[i];
    if (d->user_loaded) all[n++] = cli_user_dict_path();
    for (size_t i = 0; i < d->npaths; i++)
        if (ng_dict_is_image(d->paths[i]) == 0) all[n++] = d->paths[i];
    tag_explain *x = tag_explain_new(d, all, n);
    free(all);
    ng_strv_free(shipped, ns);
    return x;
}

int cmd_tag(int argc, char **argv) {
    tag_opts o = {0};
    int kind = NG_INPUT_AUTO;
    cli_dicts dicts = {.use_user = 1};
    size_t ninputs = 0;
    int explain = 0;
    int rc = parse_options(argc, argv, &o, &dicts, &kind, &ninputs, &explain);
    if (rc >= 0) return rc;
    if (explain && o.format != F_JSONL && o.format != F_PRETTY) {
        cli_msg("--explain goes with --format jsonl or pretty");
        return EXIT_USAGE;
    }
    if ((rc = cli_dicts_load(&dicts))) return rc;
    tag_explain *ex = explain ? explain_sources(&dicts) : NULL;
    o.explain = ex;
    ng_error err = {0};
    ng_reader *r;
    if (ng_reader_open((const char **)argv, ninputs, kind, &r, &err)) { cli_err(&err); cli_dicts_free(&dicts); return EXIT_USAGE; }

    unsigned nth = o.threads;
    pool p = {.o = &o, .dicts = &dicts};
    worker *ws = pool_start(&p, nth, &dicts, o.tflags);
    batch bt[2];
    memset(bt, 0, sizeof bt);
    for (int k = 0; k < 2; k++) bt[k].items = cli_xcalloc(BATCH, sizeof *bt[k].items);
    strbuf *sink = &bt[0].msgs;
    ng_reader_set_warn(r, batch_warn, &sink);
    run st = {0};
    if (o.format == F_TSV && !o.no_header && fputs(tag_tsv_header, stdout) == EOF) st.exit_rc = EXIT_USAGE;
    /* With threads, the next batch is read while this one is tagged (JSON
     * Lines of 2 KB articles: reading was a fifth of the run, on one
     * thread while the others waited); not after a big article, whose
     * text is the reader's. */
    if (!st.exit_rc) read_batch(r, &o, &bt[0], &sink);
    for (int cur = 0; !st.exit_rc; cur ^= 1) {
        batch *c = &bt[cur], *nx = &bt[cur ^ 1];
        int ahead = nth > 1 && !c->rd.done && !c->rd.exit_rc && !(c->n && c->items[c->n - 1].borrowed);
        read_job rj = {r, &o, nx, &sink};
        pthread_t tid;
        int started = ahead && pthread_create(&tid, NULL, read_main, &rj) == 0;
        pool_tag(&p, ws, nth, c->items, c->n);
        if (started) pthread_join(tid, NULL);
        if (c->msgs.len) fwrite(c->msgs.s, 1, c->msgs.len, stderr);
        st.bad += c->rd.bad;
        st.io_errors += c->rd.io_errors;
        if (c->rd.exit_rc) st.exit_rc = c->rd.exit_rc;
        write_batch(&o, c->items, c->n, &st);
        if (st.exit_rc || c->rd.done) break;
        if (!started) read_batch(r, &o, nx, &sink);
    }
    pool_stop(&p, ws, nth);
    for (int b = 0; b < 2; b++) {
        for (size_t k = 0; k < BATCH; k++) { item_clear(&bt[b].items[k]); sb_free(&bt[b].items[k].out); }
        free(bt[b].items);
        sb_free(&bt[b].msgs);
    }
    ng_reader_free(r);
    cli_dicts_free(&dicts);
    tag_explain_free(ex);
    if (fflush(stdout) != 0) { cli_msg("write error: %s", strerror(errno)); return EXIT_USAGE; }
    int exit_rc = st.exit_rc;
    if (st.bad) {
        cli_msg("%zu bad record%s skipped", st.bad, st.bad == 1 ? "" : "s");
        if (!exit_rc) exit_rc = EXIT_DATA;
    }
    if (st.io_errors && !exit_rc) exit_rc = EXIT_USAGE;
    return exit_rc;
}
