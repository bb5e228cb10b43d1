/* `newsgraph tag`: the output formats (JSON Lines, TSV, CoNLL, brat, spaCy,
 * pretty), each one function formatting one article into a strbuf. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "tag.h"

/* code-point offset cursor over one field */
/* Offsets in characters: code points of the text as the JSON output
 * writes it, where an invalid UTF-8 byte is one U+FFFD (sb_json_str), so
 * that they index --keep-text's "text" and spaCy's. A cursor moves forward
 * through the field (back to its start when asked for an earlier byte). */
typedef struct cpos { const char *s; size_t byte, chars; } cpos;
static size_t to_chars(cpos *c, size_t byte) {
    if (byte < c->byte) { c->byte = 0; c->chars = 0; }
    const unsigned char *s = (const unsigned char *)c->s;
    while (c->byte < byte) {
        int k = s[c->byte] < 0x80 ? 1 : ng_utf8_valid_len(s + c->byte, byte - c->byte);
        c->byte += k > 0 ? (size_t)k : 1;
        c->chars++;
    }
    return c->chars;
}

size_t tag_chars_upto(const char *field, size_t byte) {
    cpos c = {field, 0, 0};
    return to_chars(&c, byte);
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

/* A big mapped text: the pages more than a megabyte behind span m (spans
 * come in order of their start) are given back to the reader in steps of
 * 8 MB ('released': the start of what was not yet given back). */
static void give_back(const item *it, const ng_match *m, size_t *released) {
    if (!it->reader || m->field != (it->title ? 1u : 0u) || m->start < *released + (8u << 20)) return;
    size_t upto = m->start - (1u << 20);
    ng_reader_release(it->reader, it->text + *released, upto - *released);
    *released = upto;
}

/* A code-point cursor per field of 'it', at its start. */
static void cpos_init(cpos cp[2], const item *it) {
    cp[0] = (cpos){it->title ? it->title : it->text, 0, 0};
    cp[1] = (cpos){it->text, 0, 0};
}

/* Matches [from, to) as JSON objects, each preceded by a comma but the very
 * first; cp: the code-point cursors (advanced); give: give the mapped text
 * back behind the spans (give_back) */
static void fmt_entities_at(strbuf *b, const item *it, const ng_match *m, size_t from, size_t to, const tag_opts *o,
                            cpos cp[2], int give) {
    size_t released = from < to && m[from].field == (it->title ? 1u : 0u) ? m[from].start : 0;
    if (to - from >= 4096) {
        /* a big list: its room at once (about what an entity takes, its
         * text twice, as text and as a name like it), not by doubling: each
         * doubling copied the output so far into fresh pages, which was
         * most of the page faults of tagging one 100 MB article. Room not
         * written is never touched, so it costs no memory. */
        size_t est = 0;
        for (size_t k = from; k < to; k++) est += 112 + 2 * (size_t)(m[k].end - m[k].start);
        sb_grow(b, est);
    }
    for (size_t k = from; k < to; k++) {
        /* a big article's dictionary strings went cold long ago: fetch
         * them a few entities ahead */
        if (k + 8 < to) {
            size_t fl;
            __builtin_prefetch(m[k + 8].id);
            __builtin_prefetch(m[k + 8].name);
            __builtin_prefetch(field_text(m[k + 8].field, it, &fl) + m[k + 8].start);
        }
        if (give) give_back(it, &m[k], &released);
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
        if (o->explain) {
            const char *fields[2] = {it->title ? it->title : it->text, it->text};
            tag_explain_span(o->explain, it, m, to, k, fields, o->chars, b);
        }
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

static void fmt_entities(strbuf *b, const item *it, const ng_match *m, size_t from, size_t to, const tag_opts *o) {
    cpos cp[2];
    cpos_init(cp, it);
    fmt_entities_at(b, it, m, from, to, o, cp, 1);
}

/* A JSON Lines object up to its entity list's '[' */
static void fmt_jsonl_head(strbuf *b, const item *it, const tag_opts *o) {
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
}

static void fmt_jsonl(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
    fmt_jsonl_head(b, it, o);
    fmt_entities(b, it, m, 0, n, o);
    sb_puts(b, "]}\n");
}

/* a TSV cell: tabs and newlines become spaces */
static void tsv_cell(strbuf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        sb_put(b, &c, 1);
    }
}

/* Matches [from, to) as TSV rows (cp and give as in fmt_entities_at). */
static void fmt_tsv_at(strbuf *b, const item *it, const ng_match *m, size_t from, size_t to, const tag_opts *o,
                       cpos cp[2], int give) {
    size_t released = 0;
    for (size_t k = from; k < to; k++) {
        if (give) give_back(it, &m[k], &released);
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

static void fmt_tsv(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
    cpos cp[2];
    cpos_init(cp, it);
    fmt_tsv_at(b, it, m, 0, n, o, cp, 1);
}

/* ## CoNLL: one token per line, a blank line after every sentence, each
 * article opened by "-DOCSTART- -X- O O" and a blank line (CoNLL-2003 as
 * spaCy's converter and the usual readers split it). Columns separated by
 * one space, chosen by --conll-columns (default "token,tag"). */
typedef struct ctok { size_t s, e; const ng_match *m; int begin, word; } ctok;
typedef struct conll_ctx { ctok *t; size_t n, cap; } conll_ctx;

static void conll_tok(size_t start, size_t end, int is_word, void *ud) {
    conll_ctx *c = ud;
    if (c->n == c->cap) cli_xgrow((void **)&c->t, &c->cap, c->n + 1, sizeof *c->t);
    c->t[c->n++] = (ctok){start, end, NULL, 0, is_word};
}

/* the first code point of t[0..len) */
static int32_t first_cp(const char *t, size_t len) {
    int32_t cp = 0;
    if (utf8proc_iterate((const uint8_t *)t, (utf8proc_ssize_t)len, &cp) <= 0) return 0;
    return cp;
}

static int is_upper_or_digit(int32_t cp) {
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT || k == UTF8PROC_CATEGORY_ND;
}

/* an opening quote, bracket or dash: may start a sentence */
static int is_opening(int32_t cp) {
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_PS || k == UTF8PROC_CATEGORY_PI || k == UTF8PROC_CATEGORY_PD ||
           cp == '"' || cp == '\'' || cp == 0x201E /* „ */;
}

static int is_closing(int32_t cp) {
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_PE || k == UTF8PROC_CATEGORY_PF || cp == '"' || cp == '\'' || cp == 0x201C;
}

static int is_terminal(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 /* … */; }

/* Words after which a period rarely ends a sentence (titles, initials,
 * common abbreviations of English, Ukrainian and Russian news). */
static int abbreviation(const char *w, size_t n) {
    static const char *const abbr[] = {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "sen", "rep",
        "gov", "rev", "hon", "mt", "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig",
        "вул", "просп", "ім", "им", "ул", "пр", "проф", "акад", "див", "напр", "тис", "тыс", "млн", "млрд",
        "грн", "руб", "коп", "пл", "обл", "рр", "гг", "ст", "пан", "доц", "см", "т", "д", NULL};
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) chars += ((unsigned char)w[i] & 0xC0) != 0x80;
    if (chars == 1) return 1;   /* an initial: "J. Smith", "м. Київ" */
    for (size_t k = 0; abbr[k]; k++)
        if (strlen(abbr[k]) == n && !strncasecmp(abbr[k], w, n)) return 1;
    return 0;
}

/* Whether a sentence ends between token i and i + 1 of text t. */
static int sentence_break(const char *t, const ctok *tk, size_t n, size_t i) {
    if (i + 1 >= n) return 0;
    const ctok *nx = &tk[i + 1];
    if (nx->m && !nx->begin) return 0;          /* never inside an entity */
    int32_t next = first_cp(t + nx->s, nx->e - nx->s);
    size_t nl = 0;
    for (size_t k = tk[i].e; k < nx->s; k++) nl += t[k] == '\n';
    if (nl >= 2) return 1;                       /* a blank line */
    utf8proc_category_t nk = utf8proc_category(next);
    if (nl == 1 && nk != UTF8PROC_CATEGORY_LL) return 1;   /* a new line not continuing the sentence */
    if (nx->s == tk[i].e) return 0;             /* no space: "U.S.", "3.5", "?!" */
    /* tk[i] must end a run of terminal marks and closing quotes/brackets
     * that starts with a terminal mark */
    size_t j = i;
    while (j > 0 && !tk[j].word && is_closing(first_cp(t + tk[j].s, tk[j].e - tk[j].s)) && tk[j - 1].e == tk[j].s) j--;
    if (tk[j].word || !is_terminal(first_cp(t + tk[j].s, tk[j].e - tk[j].s))) return 0;
    size_t first = j;
    while (first > 0 && !tk[first - 1].word && tk[first - 1].e == tk[first].s &&
           is_terminal(first_cp(t + tk[first - 1].s, tk[first - 1].e - tk[first - 1].s)))
        first--;
    if (!is_upper_or_digit(next) && !is_opening(next)) return 0;
    /* "Mr. Smith", "J. Smith": a single period after an abbreviation */
    if (first == j && t[tk[j].s] == '.' && first > 0 && tk[first - 1].word && tk[first - 1].e == tk[first].s &&
        abbreviation(t + tk[first - 1].s, tk[first - 1].e - tk[first - 1].s))
        return 0;
    return 1;
}

/* a cell without whitespace (columns are space-separated) */
static void conll_cell(strbuf *b, const char *s, size_t n) {
    if (!n) { sb_put(b, "_", 1); return; }
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if ((unsigned char)ch <= ' ') ch = '_';
        sb_put(b, &ch, 1);
    }
}

static void fmt_conll(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
    sb_puts(b, "-DOCSTART- -X- O O\n\n");
    unsigned nf = it->title ? 2 : 1;
    conll_ctx c = {0};
    size_t k = 0;
    for (unsigned f = 0; f < nf; f++) {
        size_t len;
        const char *t = field_text(f, it, &len);
        c.n = 0;
        if (ng_tokens(t, len, conll_tok, &c)) cli_fatal_oom();
        /* each token's entity (leftmost-longest spans only: BIO cannot nest) */
        while (k < n && m[k].field < f) k++;
        size_t mk = k;
        for (size_t i = 0; i < c.n; i++) {
            while (mk < n && m[mk].field == f && ((m[mk].flags & NG_MATCH_OVERLAP) || m[mk].end <= c.t[i].s)) mk++;
            if (mk < n && m[mk].field == f && c.t[i].s >= m[mk].start && c.t[i].e <= m[mk].end) {
                c.t[i].m = &m[mk];
                c.t[i].begin = i == 0 || c.t[i - 1].m != &m[mk];
            }
        }
        cpos cp = {t, 0, 0};
        for (size_t i = 0; i < c.n; i++) {
            const ctok *tk = &c.t[i];
            for (size_t col = 0; col < o->nconll_cols; col++) {
                if (col) sb_put(b, " ", 1);
                switch (o->conll_cols[col]) {
                case CC_TOKEN: conll_cell(b, t + tk->s, tk->e - tk->s); break;
                case CC_TAG:
                    if (!tk->m) sb_put(b, "O", 1);
                    else {
                        sb_puts(b, tk->begin ? "B-" : "I-");
                        conll_cell(b, tk->m->type, strlen(tk->m->type));
                    }
                    break;
                case CC_START: sb_uint(b, o->chars ? to_chars(&cp, tk->s) : tk->s); break;
                case CC_END: sb_uint(b, o->chars ? to_chars(&cp, tk->e) : tk->e); break;
                case CC_ID: if (tk->m) conll_cell(b, tk->m->id, strlen(tk->m->id)); else sb_put(b, "_", 1); break;
                case CC_FIELD: sb_puts(b, field_name(f, it)); break;
                case CC_DOC: conll_cell(b, it->id, strlen(it->id)); break;
                default: sb_put(b, "_", 1); break;
                }
            }
            sb_put(b, "\n", 1);
            if (i + 1 == c.n || sentence_break(t, c.t, c.n, i)) sb_put(b, "\n", 1);
        }
    }
    free(c.t);
}

static void fmt_brat(strbuf *b, const item *it, const ng_match *m, size_t n, const tag_opts *o) {
    /* brat offsets are in characters of the .txt file, which holds the
     * text field, after the title and a blank line when there is one (as
     * spaCy's "text"; tag_write_brat) */
    cpos cp[2] = {{it->title ? it->title : it->text, 0, 0}, {it->text, 0, 0}};
    size_t t = 0, base = it->title ? tag_chars_upto(it->title, it->title_len) + 2 : 0;
    for (size_t k = 0; k < n; k++) {
        if (m[k].flags & NG_MATCH_OVERLAP) continue;
        int in_title = it->title && m[k].field == 0;
        size_t off = in_title ? 0 : base, flen;
        cpos *c = &cp[in_title ? 0 : 1];
        size_t s = off + to_chars(c, m[k].start), e = off + to_chars(c, m[k].end);
        sb_printf(b, "T%zu\t%s %zu %zu\t", ++t, m[k].type, s, e);
        tsv_cell(b, field_text(m[k].field, it, &flen) + m[k].start, m[k].end - m[k].start);
        sb_puts(b, "\n");
        sb_printf(b, "#%zu\tAnnotatorNotes T%zu\t%s\n", t, t, m[k].id);
    }
    (void)o;
}

/* ## spaCy: {"text","ents":[{"start","end","label"}]} per article, as
 * spaCy's Doc.to_json writes them (and displaCy's manual mode reads them):
 * offsets in characters of the Python str of "text" (an invalid UTF-8 byte
 * is one U+FFFD, as in the JSON string). An article's title, when it has
 * one, opens "text", followed by a blank line. Spans never overlap. */

static void fmt_spacy(strbuf *b, const item *it, const ng_match *m, size_t n) {
    size_t base = 0;   /* the text field's first character in "text" */
    sb_puts(b, "{\"text\":");
    if (it->title) {
        size_t tl = it->title_len, l = tl + 2 + it->text_len;
        char *all = cli_xmalloc(l + 1);
        memcpy(all, it->title, tl);
        memcpy(all + tl, "\n\n", 2);
        memcpy(all + tl + 2, it->text, it->text_len);
        sb_json_str(b, all, l);
        free(all);
        cpos u = {it->title, 0, 0};
        base = to_chars(&u, tl) + 2;
    } else sb_json_str(b, it->text, it->text_len);
    sb_puts(b, ",\"ents\":[");
    cpos u[2] = {{it->title ? it->title : it->text, 0, 0}, {it->text, 0, 0}};
    size_t last_end = 0, count = 0;
    for (size_t k = 0; k < n; k++) {
        if (m[k].flags & NG_MATCH_OVERLAP) continue;
        int f = it->title ? (int)m[k].field : 1;
        size_t off = it->title && f == 1 ? base : 0;
        size_t s = off + to_chars(&u[f], m[k].start), e = off + to_chars(&u[f], m[k].end);
        if (count && s < last_end) continue;
        sb_puts(b, count++ ? ",{\"start\":" : "{\"start\":");
        sb_uint(b, s);
        sb_puts(b, ",\"end\":");
        sb_uint(b, e);
        sb_puts(b, ",\"label\":");
        sb_json_str(b, m[k].type, strlen(m[k].type));
        sb_puts(b, "}");
        last_end = e;
    }
    sb_puts(b, "]}\n");
}

/* The header row of --format tsv (the columns fmt_tsv writes). */
const char tag_tsv_header[] = "article\tfield\tstart\tend\ttype\tid\tname\ttext\n";

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
    if (o->explain) {
        /* one line per span: its place, then the reasons as JSON */
        const char *fields[2] = {it->title ? it->title : it->text, it->text};
        strbuf x = {0};
        for (size_t j = 0; j < n; j++) {
            x.len = 0;
            tag_explain_span(o->explain, it, m, n, j, fields, o->chars, &x);
            sb_puts(b, "  ");
            sb_put_safe(b, fields[m[j].field] + m[j].start, m[j].end - m[j].start, 0);
            const char *f = fields[m[j].field];
            sb_printf(b, " (%s %zu-%zu): ", field_name(m[j].field, it),
                      o->chars ? tag_chars_upto(f, m[j].start) : m[j].start, o->chars ? tag_chars_upto(f, m[j].end) : m[j].end);
            sb_put_safe(b, x.s + 11, x.len - 11, 0);   /* without ,"explain": */
            sb_puts(b, "\n");
        }
        sb_free(&x);
    }
    sb_puts(b, "\n");
}

void tag_format(item *it, const ng_match *m, size_t n, const tag_opts *o) {
    switch (o->format) {
    case F_JSONL: fmt_jsonl(&it->out, it, m, n, o); break;
    case F_TSV: fmt_tsv(&it->out, it, m, n, o); break;
    case F_CONLL: fmt_conll(&it->out, it, m, n, o); break;
    case F_SPACY: fmt_spacy(&it->out, it, m, n); break;
    case F_BRAT: fmt_brat(&it->out, it, m, n, o); break;
    default: fmt_pretty(&it->out, it, m, n, o); break;
    }
}

/* ## A big article in JSON Lines or TSV: written as it is formatted
 *
 * Formatted whole, one 100 MB article's entity list was ~38 MB of output
 * in fresh pages: about 9k of the run's 22k page faults, each costing
 * ~10 us on this project's virtual machine, and 38 MB more of peak RSS.
 * Here it is formatted in slices of SLICE entities into buffers used
 * again, written after each round; with threads, two slices a round, the
 * second on a thread of its own. The mapped text read by a round goes back
 * to the reader after it. The bytes are those tag_format writes. */
enum { SLICE = 16384 };

typedef struct slice_job {
    strbuf out;
    const item *it;
    const ng_match *m;
    size_t from, to;
    const tag_opts *o;
    cpos cp[2];   /* its own code-point cursors: each job's go forward through the whole text once */
} slice_job;

static void fmt_slice(slice_job *j) {
    j->out.len = 0;
    if (j->from >= j->to) return;
    if (j->o->format == F_TSV) fmt_tsv_at(&j->out, j->it, j->m, j->from, j->to, j->o, j->cp, 0);
    else fmt_entities_at(&j->out, j->it, j->m, j->from, j->to, j->o, j->cp, 0);
}

static void *slice_main(void *arg) {
    fmt_slice(arg);
    return NULL;
}

static int put_all(FILE *f, const strbuf *b) { return b->len && fwrite(b->s, 1, b->len, f) != b->len ? -1 : 0; }

int tag_write_stream(const item *it, const tag_opts *o, FILE *f) {
    const ng_match *m = it->m;
    size_t n = it->nm, released = 0;
    unsigned text_field = it->title ? 1u : 0u;
    slice_job j[2];
    memset(j, 0, sizeof j);
    for (int k = 0; k < 2; k++) {
        j[k].it = it;
        j[k].m = m;
        j[k].o = o;
        cpos_init(j[k].cp, it);
    }
    int rc = 0, two = o->threads > 1;
    if (o->format == F_JSONL) {
        fmt_jsonl_head(&j[0].out, it, o);
        rc = put_all(f, &j[0].out);
    }
    for (size_t from = 0; !rc && from < n;) {
        for (int k = 0; k < 2; k++) {
            j[k].from = from;
            j[k].to = k == 1 && !two ? from : (n - from > SLICE ? from + SLICE : n);
            from = j[k].to;
        }
        pthread_t tid;
        int started = j[1].from < j[1].to && pthread_create(&tid, NULL, slice_main, &j[1]) == 0;
        fmt_slice(&j[0]);
        if (started) pthread_join(tid, NULL);
        else fmt_slice(&j[1]);
        rc = put_all(f, &j[0].out) || put_all(f, &j[1].out) ? -1 : 0;
        /* the text before the next span is read no more */
        size_t upto = from < n ? (m[from].field == text_field ? m[from].start : released) : it->text_len;
        if (it->reader && upto > released) {
            ng_reader_release(it->reader, it->text + released, upto - released);
            released = upto;
        }
    }
    if (!rc && o->format == F_JSONL) {
        j[0].out.len = 0;
        sb_puts(&j[0].out, "]}\n");
        rc = put_all(f, &j[0].out);
    }
    sb_free(&j[0].out);
    sb_free(&j[1].out);
    return rc;
}
