/* `newsgraph tag --explain`: why each span is there. A dictionary span
 * names the alias it matched (or of which it is a case form) and where that
 * alias is written: the TSV file and line (the shipped dictionaries, the
 * user dictionary, --dict TSV files; a compiled --dict image has no lines).
 * A person-name rule span names the rule's words; a partial name (a surname
 * alone, a short form) names the full mention of the article it was
 * resolved to. Everything is found from what the tagger reports (ng_match)
 * and the dictionaries' sources, read once when --explain is given. */
#include <stdlib.h>
#include <string.h>
#include "dictfile.h"
#include "tag.h"

struct tag_explain {
    df_set set;          /* the TSV sources, with their files and lines */
    size_t *order, n;    /* their entries (3 fields or more) by id, then file and line */
    const cli_dicts *dicts;
};

static int by_id(const void *a, const void *b, void *set) {
    const df_set *st = set;
    const df_entry *x = &st->e[*(const size_t *)a], *y = &st->e[*(const size_t *)b];
    int c = strcmp(x->id.text, y->id.text);
    if (c) return c;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

tag_explain *tag_explain_new(const cli_dicts *d, const char *const *tsv, size_t ntsv) {
    tag_explain *x = cli_xcalloc(1, sizeof *x);
    x->dicts = d;
    for (size_t i = 0; i < ntsv; i++) {
        ng_error err = {0};
        df_read(&x->set, tsv[i], &err);   /* (an unreadable source: its spans name no line) */
    }
    x->order = cli_xcalloc(x->set.n + 1, sizeof *x->order);
    for (size_t i = 0; i < x->set.n; i++)
        if (x->set.e[i].nfields >= 3) x->order[x->n++] = i;
    if (x->n > 1) qsort_r(x->order, x->n, sizeof *x->order, by_id, &x->set);
    return x;
}

void tag_explain_free(tag_explain *x) {
    if (!x) return;
    df_free(&x->set);
    free(x->order);
    free(x);
}

/* the first definition of 'id' (index into order) or -1 */
static long find_def(const tag_explain *x, const char *id) {
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(x->set.e[x->order[mid]].id.text, id) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < x->n && !strcmp(x->set.e[x->order[lo]].id.text, id) ? (long)lo : -1;
}

/* the length of the common prefix of two strings */
static size_t common(const char *a, size_t al, const char *b, size_t bl) {
    size_t k = 0;
    while (k < al && k < bl && a[k] == b[k]) k++;
    return k;
}

typedef struct best { const char *alias; size_t len, score; int exact; unsigned file; long line; } best;

static void consider(best *b, const char *alias, size_t len, const char *fold, size_t fl, unsigned file, long line) {
    if (len && (alias[0] == '=' || alias[0] == '~' || alias[0] == '^')) { alias++; len--; }   /* case-policy prefixes */
    size_t al = 0;
    char *af = ng_fold(alias, len, &al);
    if (!af) cli_fatal_oom();
    int exact = al == fl && !memcmp(af, fold, fl);
    size_t score = exact ? (size_t)-1 : common(af, al, fold, fl);
    free(af);
    if (!b->alias || score > b->score) *b = (best){alias, len, score, exact, file, line};
}

static void alias_cb(const char *alias, void *ud) {
    void **a = ud;
    best *b = a[0];
    const char *fold = a[1];
    consider(b, alias, strlen(alias), fold, *(size_t *)a[2], (unsigned)-1, 0);
}

static void put_str(strbuf *b, const char *key, const char *s, size_t n) {
    sb_puts(b, ",\"");
    sb_puts(b, key);
    sb_puts(b, "\":");
    sb_json_str(b, s, n);
}

void tag_explain_span(const tag_explain *x, const item *it, const ng_match *m, size_t n, size_t k,
                      const char *const *fields, int chars, strbuf *b) {
    const ng_match *s = &m[k];
    const char *ft = fields[s->field];
    sb_puts(b, ",\"explain\":{\"by\":");
    if (s->flags & NG_MATCH_PARTIAL) {
        /* the full mention of the same entity it was resolved to: the
         * nearest earlier one, else the first later one */
        long link = -1;
        for (size_t j = 0; j < n; j++) {
            if (j == k || strcmp(m[j].id, s->id) || (m[j].flags & (NG_MATCH_PARTIAL | NG_MATCH_OVERLAP))) continue;
            if (j < k || link < 0 || (size_t)link > k) link = (long)j;
            if (j > k) break;
        }
        sb_puts(b, "\"partial\"");
        if (link >= 0) {
            const ng_match *l = &m[link];
            sb_puts(b, ",\"link\":{\"field\":\"");
            sb_puts(b, it->title && l->field == 0 ? "title" : "text");
            sb_puts(b, "\",\"start\":");   /* in the unit of --offsets */
            sb_uint(b, chars ? tag_chars_upto(fields[l->field], l->start) : l->start);
            sb_puts(b, ",\"end\":");
            sb_uint(b, chars ? tag_chars_upto(fields[l->field], l->end) : l->end);
            put_str(b, "text", fields[l->field] + l->start, l->end - l->start);
            sb_puts(b, "}");
        }
    } else if (s->flags & NG_MATCH_RULE) {
        sb_puts(b, "\"rule\"");
        put_str(b, "rule", ng_rule_name(s->rule), strlen(ng_rule_name(s->rule)));
        sb_puts(b, ",\"words\":[");
        size_t nw = 0;
        for (size_t i = s->start; i < s->end;) {
            while (i < s->end && (ft[i] == ' ' || ft[i] == '\n' || ft[i] == '\t')) i++;
            size_t j = i;
            while (j < s->end && ft[j] != ' ' && ft[j] != '\n' && ft[j] != '\t') j++;
            if (j > i) {
                if (nw++) sb_puts(b, ",");
                sb_json_str(b, ft + i, j - i);
            }
            i = j;
        }
        sb_puts(b, "]");
        put_str(b, "name", s->name, strlen(s->name));
    } else {
        sb_puts(b, "\"dictionary\"");
        size_t fl = 0;
        char *fold = ng_fold(ft + s->start, s->end - s->start, &fl);
        if (!fold) cli_fatal_oom();
        best bst = {0};
        for (long d = find_def(x, s->id); d >= 0 && (size_t)d < x->n && !strcmp(x->set.e[x->order[d]].id.text, s->id); d++) {
            const df_entry *e = &x->set.e[x->order[d]];
            consider(&bst, e->name.text, strlen(e->name.text), fold, fl, (unsigned)e->file, e->line);
            for (size_t a = 0; a < e->naliases; a++)
                if (e->aliases[a].text[0])
                    consider(&bst, e->aliases[a].text, strlen(e->aliases[a].text), fold, fl, (unsigned)e->file, e->line);
        }
        /* the compiled images' aliases too, unless a source line has it as
         * written: an image without sources (--dict X.ngd) may have the
         * alias that matched where the TSV sources have the id too */
        for (size_t i = 0; !bst.exact && i < x->dicts->ndicts; i++) {
            long e = ng_dict_find_id(x->dicts->dicts[i], s->id);
            if (e < 0) continue;
            void *a[3] = {&bst, fold, &fl};
            ng_dict_entity_aliases(x->dicts->dicts[i], (size_t)e, alias_cb, a);
        }
        free(fold);
        if (bst.alias) {
            put_str(b, "alias", bst.alias, bst.len);
            if (bst.file != (unsigned)-1) {
                put_str(b, "file", x->set.files[bst.file], strlen(x->set.files[bst.file]));
                sb_puts(b, ",\"line\":");
                sb_uint(b, (size_t)bst.line);
            }
        }
        if (s->flags & NG_MATCH_INFLECTED) sb_puts(b, ",\"inflected\":true");
        if (s->ncands > 1) {
            sb_puts(b, ",\"chosen_from\":");
            sb_uint(b, s->ncands);
        }
    }
    sb_puts(b, "}");
}
