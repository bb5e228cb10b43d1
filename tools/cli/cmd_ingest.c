/* newsgraph ingest / forget: store tagged articles in the graph database. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "graph_cli.h"
#include "opts.h"

static volatile sig_atomic_t g_stop;
static void on_signal(int sig) { g_stop = sig; }

static void ingest_usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph ingest [OPTIONS] [FILE|DIR|-]...\n\n"
        "Tags articles (same inputs and dictionary options as 'tag') or reads saved\n"
        "'tag --format jsonl' output (records marked \"tagger\":\"newsgraph\", whose\n"
        "\"entities\" are ingested as they are; any other record is an article to tag,\n"
        "whatever fields it has), and stores articles, entities, mentions and co-occurrence edges\n"
        "in a SQLite database. Re-ingesting an unchanged article changes nothing; an\n"
        "article whose content changed replaces its old contribution.\n\n"
        "      --db FILE          database (default $NEWSGRAPH_DB or newsgraph.db)\n"
        "      --window W         sentence (default), paragraph or article; recorded\n"
        "                         in a new database, a different one is refused later\n"
        "  -d, --dict FILE        add a dictionary (TSV or compiled); repeatable\n"
        "      --no-shipped       do not use the shipped dictionaries\n"
        "      --no-user          do not use the user dictionary ('newsgraph dict add')\n"
        "      --names PATH       given-name lists instead of the shipped ones (as for tag)\n"
        "      --input KIND       text or jsonl (default: from the extension)\n"
        "      --no-inflect, --no-context, --no-rules, --no-partial, --no-org-rules, --no-acronyms,\n"
        "      --no-place-rules, --no-surnames\n"
        "                         tagging options, as for 'tag'\n"
        "  -j, --threads N        tag with N threads (default: one per CPU, %u here; what\n"
        "                         is stored is the same with any number)\n"
        "      --saved            every record is saved tag output, marked or not\n"
        "      --keep-going       skip bad records (reported), count them at the end\n"
        "      --offsets UNIT     offsets of saved tag output: bytes (default) or chars\n"
        "                         (output of 'tag --offsets chars')\n"
        "      --batch N          articles per transaction (default 20000, or 10 s)\n"
        "      --no-bulk          keep all indexes during a first load (by default a\n"
        "                         load into an empty database builds five indexes at the end)\n"
        "      --wait MS          wait up to MS ms for another writer (default 5000)\n"
        "      --json             print the summary as JSON\n"
        "  -q, --quiet            no progress, no summary\n\n"
        "Ctrl-C stops after the current batch is committed (whole articles only).\n", cli_threads_default());
}

typedef struct ing {
    ng_store *s;
    cli_dicts dicts;
    ng_dict_list dl;
    ng_tagger **taggers;     /* one per thread, created when first needed */
    unsigned tflags, threads;
    int chars;               /* saved offsets count code points */
    int saved;               /* every record is saved tag output (--saved) */
    int keep_going;          /* skip bad records (--keep-going) */
    long skipped;            /* ... how many (the producer's count) */
    int tagger_failed;
    long added, replaced, unchanged, mentions;
    double t0, last;
    long long total_bytes, done_bytes;
    int progress;
    /* matches built from saved JSON */
    ng_match *m; size_t mcap;
} ing;


/* The 1-based byte column of the first 'key' (a JSON key with its quotes) in
 * the raw record of 'a', or 1 (for messages about a field of saved output). */
static long key_col(const ng_article *a, const char *key) {
    if (!a->raw) return 1;
    const char *p = memmem(a->raw, a->raw_len, key, strlen(key));
    return p ? (long)(p - a->raw) + 1 : 1;
}

/* Number of code points in s[0, len). */
static size_t count_chars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Turns a code-point offset into a byte offset into s[0, len) (each byte
 * that is not a continuation byte starts a code point, as 'tag --offsets
 * chars' counts them). Returns -1 if the offset is past the end. */
static int chars_to_bytes(const char *s, size_t len, size_t *off) {
    size_t want = *off, cp = 0;
    for (size_t i = 0;; i++) {
        if (cp == want && (i == len || ((unsigned char)s[i] & 0xC0) != 0x80)) { *off = i; return 0; }
        if (i == len || cp > want) return -1;
        cp += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
}

/* Builds matches from the "entities" array of a saved tag record. */
static int saved_matches(ing *g, const ng_article *a, json_t *ents, size_t *n, ng_error *err) {
    size_t k = json_array_size(ents);
    if (k > g->mcap) {
        ng_match *p = realloc(g->m, k * sizeof *p);
        if (!p) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        g->m = p; g->mcap = k;
    }
    long col = key_col(a, "\"entities\"");
    for (size_t i = 0; i < k; i++) {
        json_t *e = json_array_get(ents, i);
        ng_match *m = &g->m[i];
        memset(m, 0, sizeof *m);
        if (!json_is_object(e))
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col, "entities[%zu] is not an object", i);
        json_t *st = json_object_get(e, "start"), *en = json_object_get(e, "end"), *id = json_object_get(e, "id");
        if (!json_is_integer(st) || !json_is_integer(en) || json_integer_value(st) < 0 || json_integer_value(en) < 0)
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col, "entities[%zu]: \"start\" and \"end\" must be byte offsets", i);
        if (!json_is_string(id) || !*json_string_value(id))
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col, "entities[%zu]: missing \"id\"", i);
        m->start = (size_t)json_integer_value(st);
        m->end = (size_t)json_integer_value(en);
        m->id = json_string_value(id);
        int in_title = !strcmp(js(e, "field"), "title");
        if (g->chars && (in_title ? a->title : a->text)) {
            const char *ft = in_title ? a->title : a->text;
            size_t fl = in_title ? a->title_len : a->text_len;
            if (chars_to_bytes(ft, fl, &m->start) || chars_to_bytes(ft, fl, &m->end))
                return ng_error_set(err, NG_E_PARSE, a->source, a->line, col,
                                    "entities[%zu]: span %zu-%zu is outside the %s (%zu characters)", i,
                                    (size_t)json_integer_value(st), (size_t)json_integer_value(en),
                                    in_title ? "title" : "text", count_chars(ft, fl));
        }
        m->type = js(e, "type");
        m->name = js(e, "name");
        /* the flags the store uses (a rule-found person's canonical name) */
        static const struct { const char *k; unsigned f; } flags[] = {
            {"rule", NG_MATCH_RULE}, {"partial", NG_MATCH_PARTIAL}, {"inflected", NG_MATCH_INFLECTED},
            {"nominative", NG_MATCH_NOMINATIVE}};
        for (size_t f = 0; f < sizeof flags / sizeof *flags; f++)
            if (json_is_true(json_object_get(e, flags[f].k))) m->flags |= flags[f].f;
        const char *field = js(e, "field");
        m->field = !strcmp(field, "title") ? 0 : 1;
        if (*field && strcmp(field, "title") && strcmp(field, "text"))
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col, "entities[%zu]: unknown field \"%s\"", i, field);
        const char *ft = m->field ? a->text : a->title;
        size_t fl = m->field ? a->text_len : a->title_len;
        if (!ft) {
            if (m->field == 0)
                return ng_error_set(err, NG_E_PARSE, a->source, a->line, col, "entities[%zu]: field \"title\" but the record has no title", i);
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col,
                                "entities[%zu]: the record has no \"text\"; co-occurrence windows need the article text "
                                "(ingest the articles themselves, or tag output that keeps \"text\")", i);
        }
        if (m->start > m->end || m->end > fl)
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col,
                                "entities[%zu]: span %zu-%zu is outside the %s (%zu bytes)", i, m->start, m->end,
                                m->field ? "text" : "title", fl);
        if (m->start == m->end)   /* no text: a mention of nothing */
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col, "entities[%zu]: empty span %zu-%zu", i, m->start,
                                m->end);
        if (m->type[strspn(m->type, NG_TYPE_CHARS)])   /* as dictionaries spell types (a comma splits --type lists) */
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col,
                                "entities[%zu]: type \"%.60s\": letters, digits, '_' or '-'", i, m->type);
        json_t *tx = json_object_get(e, "text");
        if (json_is_string(tx) && (json_string_length(tx) != m->end - m->start ||
                                   memcmp(json_string_value(tx), ft + m->start, m->end - m->start)))
            return ng_error_set(err, NG_E_PARSE, a->source, a->line, col,
                                "entities[%zu]: \"text\" does not match bytes %zu-%zu of the %s (offsets must be bytes)",
                                i, m->start, m->end, m->field ? "text" : "title");
    }
    *n = k;
    return NG_OK;
}

static void progress(ing *g, int final) {
    if (!g->progress) return;
    double t = ng_seconds();
    if (!final && t - g->last < 0.25) return;
    g->last = t;
    long n = g->added + g->replaced + g->unchanged;
    double rate = n / (t - g->t0 > 1e-9 ? t - g->t0 : 1e-9);
    fprintf(stderr, "\rnewsgraph: ingest: %ld articles, %.0f articles/s", n, rate);
    if (g->total_bytes > 0 && g->done_bytes > 0 && !final) {
        double frac = (double)g->done_bytes / (double)g->total_bytes;
        if (frac > 1) frac = 1;
        double eta = (t - g->t0) * (1 - frac) / (frac > 1e-9 ? frac : 1e-9);
        fprintf(stderr, ", %3.0f%%, ETA %.0f s", frac * 100, eta);
    }
    fputs(final ? "\n" : "   ", stderr);
}

static int load_tagger(ing *g) {
    if (g->taggers) return 0;
    if (g->tagger_failed) return EXIT_USAGE;
    if (!g->dicts.ndicts) { g->tagger_failed = 1; cli_msg("no dictionaries to tag with (use --dict FILE or the shipped ones)"); return EXIT_USAGE; }
    g->taggers = calloc(g->threads, sizeof *g->taggers);
    for (unsigned k = 0; g->taggers && k < g->threads; k++)
        if (!(g->taggers[k] = cli_tagger_new(&g->dicts, g->tflags))) { g->tagger_failed = 1; break; }
    /* a big article alone in its batch is cut into chunks for all threads */
    if (g->taggers && !g->tagger_failed && g->threads > 1 && ng_tagger_set_threads(g->taggers[0], g->threads))
        g->tagger_failed = 1;
    if (!g->taggers || g->tagger_failed) { g->tagger_failed = 1; cli_msg("out of memory"); return EXIT_DATA; }
    return 0;
}

static void free_taggers(ing *g) {
    for (unsigned k = 0; g->taggers && k < g->threads; k++) ng_tagger_free(g->taggers[k]);
    free(g->taggers);
    g->taggers = NULL;
}

/* ## The producer: reads, parses saved tag output or tags, in input order */

enum { JOB_DOC, JOB_END, JOB_READ_ERROR, JOB_EXIT };
typedef struct job {
    int kind;
    int rc;                 /* JOB_DOC: a tagging/parse error for this article */
    ng_error err;
    ng_doc d;               /* strings point into 'buf', matches into 'm' */
    char *buf;
    ng_match *m;
    json_t *rec;            /* saved record: owns the match strings */
    int tag;                /* to be tagged (not saved tag output) */
    char *text;             /* the text decoded from "text_base64", or NULL */
    const char *source;
    long line;
    long long bytes;
    ng_doc_prep *prep;      /* the store's work done here (NULL: by the writer) */
} job;

static void job_free(job *j) {
    if (!j) return;
    json_decref(j->rec);
    ng_doc_prep_free(j->prep);
    free(j->text);
    free(j->buf);
    free(j->m);
    free(j);
}

#define PIPE_CAP 256
typedef struct pipe_t {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    job *q[PIPE_CAP];
    size_t head, n;
    int quit;               /* the consumer is gone */
    int started;
    ing *g;
    ng_reader *r;
} pipe_t;

static void pipe_push(pipe_t *p, job *j) {
    pthread_mutex_lock(&p->mu);
    while (p->n == PIPE_CAP && !p->quit) pthread_cond_wait(&p->not_full, &p->mu);
    if (p->quit) { pthread_mutex_unlock(&p->mu); job_free(j); return; }
    p->q[(p->head + p->n) % PIPE_CAP] = j;
    p->n++;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
}

static job *pipe_pop(pipe_t *p) {
    pthread_mutex_lock(&p->mu);
    while (!p->n) {
        /* Ctrl-C reaches this thread while the producer may be blocked
         * reading a terminal or a pipe: interrupt its read (EINTR), as the
         * signal would have interrupted a serial loop's read */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100000000;
        if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
        if (pthread_cond_timedwait(&p->not_empty, &p->mu, &ts) && g_stop && !p->n) pthread_kill(p->th, SIGUSR1);
    }
    job *j = p->q[p->head];
    p->head = (p->head + 1) % PIPE_CAP;
    p->n--;
    pthread_cond_signal(&p->not_full);
    pthread_mutex_unlock(&p->mu);
    return j;
}

static int pipe_quitting(pipe_t *p) {
    pthread_mutex_lock(&p->mu);
    int q = p->quit;
    pthread_mutex_unlock(&p->mu);
    return q;
}

/* Copies the article (valid only until the next read) into the job. */
static int job_fill(job *j, const ng_article *a) {
    size_t lens[7] = {strlen(a->id) + 1, a->title ? a->title_len + 1 : 0, a->text ? a->text_len + 1 : 0,
                      a->url ? strlen(a->url) + 1 : 0, a->published ? strlen(a->published) + 1 : 0,
                      a->lang ? strlen(a->lang) + 1 : 0, a->source ? strlen(a->source) + 1 : 0};
    const char *src[7] = {a->id, a->title, a->text, a->url, a->published, a->lang, a->source};
    size_t total = 0;
    for (int i = 0; i < 7; i++) total += lens[i];
    j->buf = malloc(total ? total : 1);
    if (!j->buf) return -1;
    char *dst[7], *p = j->buf;
    for (int i = 0; i < 7; i++) {
        dst[i] = NULL;
        if (!src[i]) continue;
        dst[i] = p;
        memcpy(p, src[i], lens[i] - 1);
        p[lens[i] - 1] = 0;
        p += lens[i];
    }
    j->d = (ng_doc){.id = dst[0], .title = dst[1], .title_len = a->title ? a->title_len : 0,
                    .text = dst[2], .text_len = a->text ? a->text_len : 0,
                    .url = dst[3], .published = dst[4], .lang = dst[5]};
    j->source = dst[6];
    j->line = a->line;
    j->bytes = (long long)(a->raw ? a->raw_len + 1 : a->text_len);
    return 0;
}

/* Parses a saved tag record's matches into the job, or marks the job for
 * tagging. */
static int b64_val(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes base64 (RFC 4648, padding optional) into a new buffer; NULL if
 * it is not base64 or on allocation failure. */
static char *b64_decode(const char *s, size_t n, size_t *out_len) {
    while (n && s[n - 1] == '=') n--;
    if (n % 4 == 1) return NULL;
    char *o = malloc(n / 4 * 3 + 3), *p = o;
    if (!o) return NULL;
    unsigned v = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int x = b64_val((unsigned char)s[i]);
        if (x < 0) { free(o); return NULL; }
        v = v << 6 | (unsigned)x;
        if (++k == 4) { *p++ = (char)(v >> 16); *p++ = (char)(v >> 8); *p++ = (char)v; k = 0; v = 0; }
    }
    if (k == 3) { *p++ = (char)(v >> 10); *p++ = (char)(v >> 2); }
    else if (k == 2) *p++ = (char)(v >> 4);
    *out_len = (size_t)(p - o);
    return o;
}

/* A saved tag record carries "tagger":"newsgraph" (or --saved says so);
 * any other record is an article to tag, whatever other fields it has. */
static int is_saved(const ing *g, json_t *rec) {
    if (g->saved) return 1;
    const char *t = json_string_value(json_object_get(rec, "tagger"));
    return t && !strcmp(t, "newsgraph");
}

/* Parses a saved tag record's matches into the job, or marks the job for
 * tagging. */
static void job_prepare(ing *g, job *j, const ng_article *a) {
    int rc = NG_OK;
    size_t n = 0;
    if (a->raw && (g->saved || memmem(a->raw, a->raw_len, "\"tagger\"", 8) || memmem(a->raw, a->raw_len, "\"entities\"", 10))) {
        json_error_t je;
        json_t *rec = json_loadb(a->raw, a->raw_len, JSON_ALLOW_NUL, &je);
        json_t *ents = rec ? json_object_get(rec, "entities") : NULL;
        if (!rec) {
            /* the reader parsed this line (an integer beyond 64 bits as
             * text); read as a saved record, every number must fit */
            int num = strstr(je.text, "too big") || strstr(je.text, "overflow");
            rc = ng_error_set(&j->err, num ? NG_E_PARSE : NG_E_NOMEM, a->source, a->line, je.column > 0 ? je.column : 0,
                              "%s%s", num ? "invalid saved record: " : "out of memory reading the record",
                              num ? je.text : "");
        } else if (is_saved(g, rec)) {
            ng_article sa = *a;
            json_t *b64 = json_object_get(rec, "text_base64");
            if (json_is_string(b64)) {
                /* the exact bytes of a text that was not valid UTF-8 */
                size_t len = 0;
                char *raw = b64_decode(json_string_value(b64), json_string_length(b64), &len);
                if (!raw) rc = ng_error_set(&j->err, NG_E_PARSE, a->source, a->line, key_col(a, "\"text_base64\""),
                                            "\"text_base64\" is not base64");
                else { free(j->text); j->text = raw; sa.text = raw; sa.text_len = len; j->d.text = raw; j->d.text_len = len; }
            }
            if (rc) json_decref(rec);
            else if (json_is_array(ents)) {
                rc = saved_matches(g, &sa, ents, &n, &j->err);
                j->rec = rec;
                if (!rc && n) {
                    j->m = malloc(n * sizeof *j->m);
                    if (!j->m) rc = ng_error_set(&j->err, NG_E_NOMEM, NULL, 0, 0, NULL);
                    else memcpy(j->m, g->m, n * sizeof *j->m);
                }
            } else {
                json_decref(rec);
                rc = ng_error_set(&j->err, NG_E_PARSE, a->source, a->line, ents ? key_col(a, "\"entities\"") : 1,
                                  ents ? "\"entities\" must be an array" : "saved tag output without \"entities\"");
            }
        } else {
            if (ents && !json_object_get(rec, "text") && !json_object_get(rec, "title"))
                rc = ng_error_set(&j->err, NG_E_PARSE, a->source, a->line, 1,
                                  "a record with \"entities\" but no \"text\" and no \"tagger\":\"newsgraph\" marker: "
                                  "if it is saved tag output, ingest it with --saved");
            json_decref(rec);
        }
    }
    j->kind = JOB_DOC;
    j->rc = rc;
    j->tag = !rc && !j->rec;
    j->d.matches = j->m;
    j->d.nmatches = rc ? 0 : n;
}

/* Tags the job's article (its own copy of the texts) and keeps a copy of
 * the matches that owns every string: the tagger's own storage (rule-found
 * people, partial names) is overwritten by its next article. */
static void job_tag(ng_tagger *t, job *j) {
    const char *texts[2] = {j->d.title ? j->d.title : "", j->d.text ? j->d.text : ""};
    size_t tl[2] = {j->d.title_len, j->d.text_len};
    const ng_match *m;
    size_t n = 0;
    int rc = ng_tagger_tag_doc(t, texts, tl, 2, &m, &n, NULL);
    if (rc) ng_error_set(&j->err, rc, j->source, j->line, 0, "tagging article '%s' failed: %s", j->d.id, ng_strerror(rc));
    else if (n && !(j->m = ng_matches_copy(m, n))) rc = ng_error_set(&j->err, NG_E_NOMEM, NULL, 0, 0, NULL);
    j->rc = rc;
    j->d.matches = j->m;
    j->d.nmatches = rc ? 0 : n;
}

/* A batch of read articles tagged by several threads (the producer is one). */
typedef struct tag_batch {
    ing *g;
    job **jobs;
    size_t n;
    atomic_size_t next;
} tag_batch;

typedef struct tag_worker { tag_batch *b; ng_tagger *t; } tag_worker;

static void *tag_worker_main(void *ud) {
    tag_worker *w = ud;
    size_t i;
    while ((i = atomic_fetch_add(&w->b->next, 1)) < w->b->n)
        if (w->b->jobs[i]->tag) job_tag(w->t, w->b->jobs[i]);
    return NULL;
}

static void tag_jobs(ing *g, job **jobs, size_t n) {
    tag_batch b = {.g = g, .jobs = jobs, .n = n};
    atomic_init(&b.next, 0);
    unsigned nth = n > 1 ? g->threads : 1;
    if (nth > n) nth = (unsigned)n;
    tag_worker w[64];
    pthread_t tid[64];
    int started[64] = {0};
    for (unsigned k = 0; k < nth; k++) {
        w[k] = (tag_worker){&b, g->taggers[k]};
        if (k) started[k] = pthread_create(&tid[k], NULL, tag_worker_main, &w[k]) == 0;
    }
    tag_worker_main(&w[0]);
    for (unsigned k = 1; k < nth; k++)
        if (started[k]) pthread_join(tid[k], NULL);
}

enum { TAG_BATCH = 64, TAG_BATCH_BYTES = 4 << 20, BIG_ARTICLE = 4 << 20 };

/* --keep-going: a record that cannot be read or is an invalid saved record
 * is reported and left out (before the writer sees it: nothing of it is
 * stored). */
static void skip_record(ing *g, job *j) {
    if (g->progress) fputc('\n', stderr);
    cli_err(&j->err);
    g->skipped++;
    job_free(j);
}

static void *producer(void *ud) {
    pipe_t *p = ud;
    ing *g = p->g;
    ng_article a;
    job *jobs[TAG_BATCH];
    for (;;) {
        /* read a batch; a big article goes alone (its chunks use every thread) */
        size_t n = 0, bytes = 0, ntag = 0;
        job *last = NULL;     /* the end, a read error or an exit, after the batch */
        while (n < TAG_BATCH && bytes < TAG_BATCH_BYTES && !last) {
            if (pipe_quitting(p)) break;
            job *j = calloc(1, sizeof *j);
            if (!j) { g_stop = SIGTERM; break; }
            int got = g_stop ? 0 : ng_reader_next(p->r, &a, &j->err);
            if (got == 0) { j->kind = JOB_END; last = j; break; }
            if (got == NG_E_PARSE && g->keep_going) { skip_record(g, j); continue; }
            if (got < 0) { j->kind = JOB_READ_ERROR; j->rc = got; last = j; break; }
            if (job_fill(j, &a)) {
                j->rc = ng_error_set(&j->err, NG_E_NOMEM, NULL, 0, 0, NULL);
                j->kind = JOB_DOC;
                jobs[n++] = j;
                break;
            }
            job_prepare(g, j, &a);
            if (j->rc == NG_E_PARSE && g->keep_going) { skip_record(g, j); continue; }
            jobs[n++] = j;
            ntag += j->tag;
            bytes += a.text_len + a.title_len;
            if (j->rc || a.text_len >= BIG_ARTICLE) break;
        }
        if (ntag) {
            int lt = load_tagger(g);
            if (lt) {
                for (size_t k = 0; k < n; k++) job_free(jobs[k]);
                job_free(last);
                job *x = calloc(1, sizeof *x);
                if (x) { x->kind = JOB_EXIT; x->rc = lt; pipe_push(p, x); }
                return NULL;
            }
            if (n == 1 || g->threads == 1) {
                for (size_t k = 0; k < n; k++) if (jobs[k]->tag) job_tag(g->taggers[0], jobs[k]);
            } else tag_jobs(g, jobs, n);
        }
        int stop = 0;
        for (size_t k = 0; k < n; k++) {
            if (stop) { job_free(jobs[k]); continue; }
            /* the hash and the sentences of the matches, off the writer's thread */
            if (jobs[k]->kind == JOB_DOC && !jobs[k]->rc) jobs[k]->prep = ng_doc_prepare(&jobs[k]->d);
            int rc = jobs[k]->rc;
            pipe_push(p, jobs[k]);
            if (rc) stop = 1;   /* the consumer stops at this article */
        }
        if (stop) { job_free(last); return NULL; }
        if (last) { pipe_push(p, last); return NULL; }
        if (!n) break;
    }
    job *e = calloc(1, sizeof *e);
    if (e) { e->kind = JOB_END; pipe_push(p, e); }
    return NULL;
}

static void on_wake(int sig) { (void)sig; }

static int pipe_start(pipe_t *p, ing *g, ng_reader *r) {
    /* SIGUSR1 (no SA_RESTART) interrupts a producer blocked in a read when
     * the consumer stops early (see pipe_stop) */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wake;
    sigaction(SIGUSR1, &sa, NULL);
    memset(p, 0, sizeof *p);
    p->g = g;
    p->r = r;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->not_empty, NULL);
    pthread_cond_init(&p->not_full, NULL);
    if (pthread_create(&p->th, NULL, producer, p)) return -1;
    p->started = 1;
    return 0;
}

/* Tells the producer to stop, waits for it and drops what is queued. */
static void pipe_stop(pipe_t *p) {
    if (!p->started) return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->not_full);
    pthread_mutex_unlock(&p->mu);
    /* the producer may be blocked reading a terminal or a pipe: wake it */
    for (;;) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50000000;
        if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
        if (pthread_timedjoin_np(p->th, NULL, &ts) == 0) break;
        pthread_kill(p->th, SIGUSR1);
    }
    while (p->n) { job_free(p->q[p->head]); p->head = (p->head + 1) % PIPE_CAP; p->n--; }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->not_empty);
    pthread_cond_destroy(&p->not_full);
    p->started = 0;
}

/* The writer: takes the tagged articles off the pipeline in input order and
 * stores them, one transaction per 'batch' articles (or 10 s); a failure or
 * SIGINT/SIGTERM keeps the whole articles committed before it. Returns the
 * exit code. */
static int store_articles(ing *G, pipe_t *pp, long batch) {
    ng_error err = {0};
    int rc, exit_code = 0;
    long in_batch = 0;
    double batch_t0 = G->t0;
    for (;;) {
        if (!in_batch) {
            rc = ng_store_begin(G->s, &err);
            if (rc) { exit_code = gcli_fail(rc, &err); break; }
            batch_t0 = ng_seconds();
        }
        job *jb = pipe_pop(pp);
        if (jb->kind == JOB_END) { job_free(jb); break; }
        if (jb->kind == JOB_READ_ERROR && g_stop) { job_free(jb); break; }
        if (jb->kind == JOB_EXIT) { ng_store_rollback(G->s); in_batch = 0; exit_code = jb->rc; job_free(jb); break; }
        if (jb->kind == JOB_READ_ERROR) {
            ng_store_rollback(G->s);
            in_batch = 0;
            if (G->progress) fputc('\n', stderr);
            exit_code = gcli_fail(jb->rc == NG_E_IO ? NG_E_IO : NG_E_PARSE, &jb->err);
            job_free(jb);
            break;
        }
        G->done_bytes += jb->bytes;
        int outcome = 0;
        rc = jb->rc;
        if (rc) err = jb->err;
        else {
            rc = ng_store_add_doc_prepared(G->s, &jb->d, jb->prep, &outcome, &err);
            if (rc == NG_E_PARSE && !err.file[0]) {
                char msg[sizeof err.msg];
                snprintf(msg, sizeof msg, "%s", err.msg);
                ng_error_set(&err, rc, jb->source, jb->line, jb->line ? 1 : 0, "%s", msg);
            }
        }
        job_free(jb);
        if (rc) {
            ng_store_rollback(G->s);
            in_batch = 0;
            if (G->progress) fputc('\n', stderr);
            exit_code = gcli_fail(rc, &err);
            break;
        }
        if (outcome == NG_DOC_ADDED) G->added++;
        else if (outcome == NG_DOC_REPLACED) G->replaced++;
        else G->unchanged++;
        G->mentions = (long)ng_store_mentions_added(G->s);   /* as stored: a span given twice is one */
        in_batch++;
        if (in_batch >= batch || g_stop || ng_seconds() - batch_t0 > 10.0) {
            rc = ng_store_commit(G->s, &err);
            in_batch = 0;
            if (rc) { exit_code = gcli_fail(rc, &err); break; }
            if (g_stop) break;
        }
        progress(G, 0);
    }
    pipe_stop(pp);
    if (in_batch && !exit_code) {
        rc = ng_store_commit(G->s, &err);
        if (rc) exit_code = gcli_fail(rc, &err);
    } else if (in_batch || !exit_code) {
        ng_store_rollback(G->s); /* empty batch */
    }
    return exit_code;
}

/* The options of ingest that are not kept in 'ing'. */
typedef struct ingest_args {
    const char *db, *window, *input;
    long batch, wait_ms, nthreads;
    int json, quiet, no_bulk;
    const char **paths;    /* the inputs (npaths of them) */
    size_t npaths;
} ingest_args;

enum { GO_ON = -1, SHOW_USAGE = -2 };

/* Reads the options into a and g. Returns GO_ON, SHOW_USAGE (a usage error,
 * message printed, the usage text to follow), else the exit code. */
static int parse_ingest_options(int argc, char **argv, ingest_args *a, ing *g) {
    const char *v;
    enum { O_DB = 1, O_WINDOW, O_INPUT, O_BATCH, O_WAIT, O_THREADS, O_OFFSETS, O_SAVED, O_JSON, O_NO_BULK, O_QUIET, O_KEEP_GOING };
    static const cli_opt options[] = {
        CLI_DICT_OPTS, CLI_TAG_FLAG_OPTS,
        {"--db", NULL, 1, O_DB}, {"--window", NULL, 1, O_WINDOW}, {"--input", NULL, 1, O_INPUT},
        {"--batch", NULL, 1, O_BATCH}, {"--wait", NULL, 1, O_WAIT}, {"--threads", "-j", 1, O_THREADS},
        {"--offsets", NULL, 1, O_OFFSETS}, {"--saved", NULL, 0, O_SAVED}, {"--keep-going", NULL, 0, O_KEEP_GOING},
        {"--json", NULL, 0, O_JSON}, {"--no-bulk", NULL, 0, O_NO_BULK}, {"--quiet", "-q", 0, O_QUIET}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    int id;
    long long n;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: ingest_usage(stdout); return 0;
        case CLI_BAD: return SHOW_USAGE;
        case CLI_UNKNOWN: cli_msg("ingest: unknown option '%s'", v); return SHOW_USAGE;
        case CLI_ARG: a->paths[a->npaths++] = v; break;
        case CLI_OPT_DICT: case CLI_OPT_NO_SHIPPED: case CLI_OPT_NO_USER: case CLI_OPT_NAMES:
            if (cli_dicts_option(&g->dicts, id, v) < 0) return EXIT_USAGE;
            break;
        case O_DB: a->db = v; break;
        case O_WINDOW: a->window = v; break;
        case O_INPUT: a->input = v; break;
        case O_BATCH: if (cli_int(p.opt, v, 1, LONG_MAX, &n)) return SHOW_USAGE; a->batch = (long)n; break;
        case O_WAIT: if (cli_int(p.opt, v, 0, INT_MAX, &n)) return SHOW_USAGE; a->wait_ms = (long)n; break;
        case O_THREADS: if (cli_int(p.opt, v, 1, CLI_THREADS_MAX, &n)) return SHOW_USAGE; a->nthreads = (long)n; break;
        case O_OFFSETS:
            if (!strcmp(v, "chars")) g->chars = 1;
            else if (!strcmp(v, "bytes")) g->chars = 0;
            else { cli_msg("--offsets: '%s' is not bytes or chars", v); return SHOW_USAGE; }
            break;
        case O_SAVED: g->saved = 1; break;
        case O_KEEP_GOING: g->keep_going = 1; break;
        case CLI_OPT_NO_INFLECT: case CLI_OPT_NO_CONTEXT: case CLI_OPT_NO_RULES: case CLI_OPT_NO_PARTIAL:
        case CLI_OPT_NO_ORG_RULES: case CLI_OPT_NO_ACRONYMS: case CLI_OPT_NO_PLACE_RULES: case CLI_OPT_NO_SURNAMES:
            g->tflags |= cli_tag_flag(id);
            break;
        case O_JSON: a->json = 1; break;
        case O_NO_BULK: a->no_bulk = 1; break;
        case O_QUIET: a->quiet = 1; break;
        }
    }
    return GO_ON;
}

int cmd_ingest(int argc, char **argv) {
    ing g;
    memset(&g, 0, sizeof g);
    g.dicts.use_user = 1;   /* the user dictionary (dict add), unless --no-user */
    ingest_args args = {.batch = 20000, .wait_ms = -1, .nthreads = cli_threads_default()};
    args.paths = cli_xcalloc((size_t)argc + 1, sizeof *args.paths);
    int rc = parse_ingest_options(argc, argv, &args, &g);
    const char **paths = args.paths;
    if (rc == SHOW_USAGE) goto usage;
    if (rc >= 0) { free(paths); return rc; }
    const char *db = args.db, *window = args.window, *input = args.input;
    long batch = args.batch, wait_ms = args.wait_ms, nthreads = args.nthreads;
    int json = args.json, quiet = args.quiet, no_bulk = args.no_bulk;
    size_t npaths = args.npaths;
    g.threads = (unsigned)nthreads;
    int win = -1;
    if (window && (win = ng_window_parse(window)) < 0) { cli_msg("--window: '%s' is not sentence, paragraph or article", window); goto usage; }
    int kind = NG_INPUT_AUTO;
    if (input) {
        if (!strcmp(input, "text")) kind = NG_INPUT_TEXT;
        else if (!strcmp(input, "jsonl")) kind = NG_INPUT_JSONL;
        else { cli_msg("--input: '%s' is not text or jsonl", input); goto usage; }
    }
    db = gcli_db(db);
    /* input size for the ETA */
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") && stat(paths[i], &st) == 0 && S_ISREG(st.st_mode)) g.total_bytes += st.st_size;
        else if (strcmp(paths[i], "-")) { g.total_bytes = -1; break; }
    }
    if (!npaths) g.total_bytes = -1;
    /* dictionaries: for tagging and for the aliases of new entities */
    if (!(g.dicts.no_shipped && g.dicts.npaths == 0)) {
        if ((rc = cli_dicts_load(&g.dicts))) { free(paths); return rc; }
    }
    g.dl.dicts = g.dicts.dicts;
    g.dl.n = g.dicts.ndicts;
    ng_error err = {0};
    struct stat dbst;
    int created = stat(db, &dbst) != 0 && errno == ENOENT;   /* this run makes the database */
    rc = ng_store_open_wait(db, NG_STORE_CREATE, (int)wait_ms, &g.s, &err);
    if (rc) { cli_dicts_free(&g.dicts); free(paths); return gcli_fail(rc, &err); }
    if (wait_ms >= 0) ng_store_set_busy_timeout(g.s, (int)wait_ms);
    if (g.dl.n) ng_store_set_alias_source(g.s, ng_dict_alias_source, &g.dl);
    int exit_code = 0;
    if (ng_store_window(g.s) < 0 || win >= 0) {
        rc = ng_store_set_window(g.s, win >= 0 ? win : NG_WINDOW_SENTENCE, &err);
        if (rc) { exit_code = gcli_fail(rc == NG_E_ARG ? NG_E_PARSE : rc, &err); goto done; }
    }
    /* a first load into an empty database: build the secondary indexes at the end */
    int bulk = 0;
    if (!no_bulk) {
        json_t *st0 = NULL;
        if (!ng_query_stats(g.s, &st0, &err) && ji(st0, "articles") == 0 && g.total_bytes != 0)
            bulk = !ng_store_bulk(g.s, 1, &err);
        json_decref(st0);
    }
    ng_reader *r = NULL;
    rc = ng_reader_open(paths, npaths, kind, &r, &err);
    if (rc) { exit_code = gcli_fail(rc, &err); goto done; }
    ng_reader_set_warn(r, cli_reader_warn, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    g.progress = !quiet && isatty(2);
    g.t0 = g.last = ng_seconds();
    /* Reading, JSON parsing and tagging run in a producer thread, pipelined
     * with this thread, the single SQLite writer; articles arrive in input
     * order, so batches and errors are exactly those of a serial loop. */
    pipe_t pp;
    if (pipe_start(&pp, &g, r)) { cli_msg("out of memory"); exit_code = EXIT_DATA; ng_reader_free(r); r = NULL; goto done; }
    exit_code = store_articles(&g, &pp, batch);
    ng_reader_free(r);
    if (bulk) {
        if (g.progress) fprintf(stderr, "\rnewsgraph: ingest: indexing ...                              ");
        ng_error e2 = {0};
        int brc = ng_store_bulk(g.s, 0, &e2);
        if (brc && !exit_code) exit_code = gcli_fail(brc, &e2);
    }
    progress(&g, 1);
    if (g.skipped) cli_msg("%ld bad record%s skipped", g.skipped, g.skipped == 1 ? "" : "s");
    long total = g.added + g.replaced + g.unchanged;
    double dt = ng_seconds() - g.t0;
    if (g_stop) {
        cli_msg("interrupted: %ld articles done and committed (%ld added, %ld replaced, %ld unchanged); "
                "rerun the same command to continue", total, g.added, g.replaced, g.unchanged);
        exit_code = 130;
    } else if (!exit_code && !quiet) {
        json_t *st = NULL;
        ng_query_stats(g.s, &st, &err);
        if (json) {
            json_t *o = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:f,s:f,s:I,s:o}", "db", db, "articles", (json_int_t)total,
                                  "added", (json_int_t)g.added, "replaced", (json_int_t)g.replaced,
                                  "unchanged", (json_int_t)g.unchanged, "mentions", (json_int_t)g.mentions,
                                  "seconds", dt, "articles_per_second", dt > 0 ? total / dt : 0.0,
                                  "skipped", (json_int_t)g.skipped,
                                  "database", st ? st : json_object());
            gcli_json(o);
            json_decref(o);
        } else {
            printf("ingested %ld articles (%ld added, %ld replaced, %ld unchanged), %ld mentions in %.2f s (%.0f articles/s); "
                   "%s: %lld articles, %lld entities, %lld edges, window %s\n",
                   total, g.added, g.replaced, g.unchanged, g.mentions, dt, dt > 0 ? total / dt : 0.0, db,
                   ji(st, "articles"), ji(st, "entities"), ji(st, "edges"), js(st, "window"));
            json_decref(st);
        }
    }
    if (!exit_code && g.skipped) exit_code = EXIT_DATA;   /* as tag --keep-going: stored, but not all */
done:;
    /* a first load that failed before storing anything leaves no database
     * (an empty one would keep this run's --window and refuse another) */
    int drop = 0;
    if (created && exit_code && exit_code != 130) {
        json_t *st = NULL;
        ng_error e3 = {0};
        drop = !ng_query_stats(g.s, &st, &e3) && ji(st, "articles") == 0;
        json_decref(st);
    }
    ng_store_close(g.s);
    if (drop && stat(db, &dbst) == 0 && S_ISREG(dbst.st_mode)) {
        static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
        for (int k = 0; k < 4; k++) {
            char f[PATH_MAX];
            snprintf(f, sizeof f, "%s%s", db, sfx[k]);
            (void)unlink(f);
        }
    }
    free_taggers(&g);
    cli_dicts_free(&g.dicts);
    free(g.m);
    free(paths);
    return exit_code;
usage:
    free(paths);
    ingest_usage(stderr);
    return EXIT_USAGE;
}

/* The id ingest gives the file 'arg' names (ng_input_id), with a ":LINE"
 * suffix kept when the rest is a file; NULL when 'arg' names no file. */
static char *path_article_id(const char *arg) {
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISREG(st.st_mode)) return ng_input_id(arg);
    const char *colon = strrchr(arg, ':');
    if (!colon || colon == arg || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1)) return NULL;
    char *file = strndup(arg, (size_t)(colon - arg));
    char *id = file && stat(file, &st) == 0 && S_ISREG(st.st_mode) ? ng_input_id(file) : NULL;
    free(file);
    if (!id) return NULL;
    char *full = malloc(strlen(id) + strlen(colon) + 1);
    if (full) { strcpy(full, id); strcat(full, colon); }
    free(id);
    return full;
}

static void forget_usage(FILE *f) {
    fprintf(f, "usage: newsgraph forget [--db FILE] [--wait MS] ARTICLE-ID...\n\n"
               "Removes articles and their whole contribution (mentions, counts, edges).\n");
}

int cmd_forget(int argc, char **argv) {
    const char *db = NULL, *v;
    long wait_ms = -1;
    const char **ids = cli_xcalloc((size_t)argc + 1, sizeof *ids);
    size_t n = 0;
    int rc;
    enum { O_DB = 1, O_WAIT };
    static const cli_opt options[] = {{"--db", NULL, 1, O_DB}, {"--wait", NULL, 1, O_WAIT}, {0}};
    cli_args p = cli_args_init(argc, argv);
    long long x;
    while ((rc = cli_next(&p, options, &v)) != CLI_END) {
        switch (rc) {
        case CLI_HELP: forget_usage(stdout); free(ids); return 0;
        case CLI_BAD: goto usage;
        case CLI_UNKNOWN: cli_msg("forget: unknown option '%s'", v); goto usage;
        case CLI_ARG: ids[n++] = v; break;
        case O_DB: db = v; break;
        case O_WAIT: if (cli_int(p.opt, v, 0, INT_MAX, &x)) goto usage; wait_ms = (long)x; break;
        }
    }
    if (!n) { cli_msg("forget: which article? (give its id)"); goto usage; }
    db = gcli_db(db);
    ng_store *s;
    ng_error err = {0};
    rc = ng_store_open_wait(db, 0, (int)wait_ms, &s, &err);
    if (rc) { free(ids); if (rc == NG_E_NOTFOUND) { cli_msg("%s: no newsgraph database here", db); return EXIT_DATA; } return gcli_fail(rc, &err); }
    if (wait_ms >= 0) ng_store_set_busy_timeout(s, (int)wait_ms);
    rc = ng_store_begin(s, &err);
    size_t forgot = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        if (cli_given_before((const char *const *)ids, i)) continue;   /* forgotten once */
        rc = ng_store_forget(s, ids[i], &err);
        if (rc == NG_E_NOTFOUND) {
            /* a file's path as typed (./in/a.txt), or its JSON line (./in/a.jsonl:3):
             * the id ingest gave it */
            char *id = path_article_id(ids[i]);
            if (id && strcmp(id, ids[i])) {
                ng_error e2 = {0};
                int r2 = ng_store_forget(s, id, &e2);
                if (r2 != NG_E_NOTFOUND) { rc = r2; err = e2; }
            }
            free(id);
        }
        forgot++;
    }
    if (!rc) rc = ng_store_commit(s, &err);
    else ng_store_rollback(s);
    int code = rc ? gcli_fail(rc, &err) : 0;
    if (!rc) printf("forgot %zu article%s\n", forgot, forgot == 1 ? "" : "s");
    ng_store_close(s);
    free(ids);
    return code;
usage:
    free(ids);
    forget_usage(stderr);
    return EXIT_USAGE;
}
