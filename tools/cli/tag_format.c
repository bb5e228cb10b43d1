/* `newsgraph tag`: the five output formats (JSON Lines, TSV, CoNLL, brat,
 * pretty), each one function formatting one article into a strbuf. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "tag.h"

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
static const char *span_of(const item *it, const ng_match *m, const tag_opts *o, cpos cp[2], size_t *s, size_t *e) {
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
static void fmt_entities(strbuf *b, const item *it, const ng_match *m, size_t from, size_t to, const tag_opts *o) {
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
    const tag_opts *o;
} ent_job;

static void *ent_job_main(void *arg) {
    ent_job *j = arg;
    fmt_entities(&j->out, j->it, j->m, j->from, j->to, j->o);
    return NULL;
}

static void fmt_jsonl(strbuf *b, strbuf *tail, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
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

static void fmt_tsv(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
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

static void fmt_conll(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
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

static void fmt_brat(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
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

static void fmt_pretty(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
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

void tag_format(item *it, const ng_match *m, size_t n, const tag_opts *o) {
    switch (o->format) {
    case F_JSONL: fmt_jsonl(&it->out, &it->out2, it, m, n, o); break;
    case F_TSV: fmt_tsv(&it->out, it, m, n, o); break;
    case F_CONLL: fmt_conll(&it->out, it, m, n, o); break;
    case F_BRAT: fmt_brat(&it->out, it, m, n, o); break;
    default: fmt_pretty(&it->out, it, m, n, o); break;
    }
}
