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
#include "tag.h"

typedef struct xdef {
    const char *id;      /* into the file's text */
    size_t id_len;
    unsigned file;
    long line;
    const char *names;   /* column 3 (name) to the end of column 4 (aliases) */
    size_t names_len;
} xdef;

struct tag_explain {
    char **paths; size_t npaths;
    char **texts;        /* each file's text (NUL-terminated) */
    xdef *defs; size_t ndefs, cap;
    const cli_dicts *dicts;
};

static int xdef_cmp(const void *a, const void *b) {
    const xdef *x = a, *y = b;
    size_t l = x->id_len < y->id_len ? x->id_len : y->id_len;
    int c = memcmp(x->id, y->id, l);
    if (c) return c;
    if (x->id_len != y->id_len) return x->id_len < y->id_len ? -1 : 1;
    return x->file != y->file ? (x->file < y->file ? -1 : 1) : (x->line < y->line ? -1 : x->line > y->line);
}

static void index_file(tag_explain *x, unsigned f) {
    char *s = x->texts[f];
    long line = 0;
    for (char *p = s; *p;) {
        char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        line++;
        char *t1 = memchr(p, '\t', len);
        if (p[0] != '#' && t1) {
            char *t2 = memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - p));
            if (t2) {
                char *t4 = t2 + 1, *end = p + len;
                char *t3 = memchr(t4, '\t', (size_t)(end - t4));
                if (t3) { char *t5 = memchr(t3 + 1, '\t', (size_t)(end - t3 - 1)); end = t5 ? t5 : end; }
                if (x->ndefs == x->cap) cli_xgrow((void **)&x->defs, &x->cap, x->ndefs + 1, sizeof *x->defs);
                x->defs[x->ndefs++] = (xdef){p, (size_t)(t1 - p), f, line, t4, (size_t)(end - t4)};
            }
        }
        if (!e) break;
        p = e + 1;
    }
}

tag_explain *tag_explain_new(const cli_dicts *d, const char *const *tsv, size_t ntsv) {
    tag_explain *x = cli_xcalloc(1, sizeof *x);
    x->dicts = d;
    x->paths = cli_xcalloc(ntsv + 1, sizeof *x->paths);
    x->texts = cli_xcalloc(ntsv + 1, sizeof *x->texts);
    for (size_t i = 0; i < ntsv; i++) {
        FILE *f = fopen(tsv[i], "rb");
        if (!f) continue;
        strbuf b = {0};
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_put(&b, buf, n);
        fclose(f);
        if (!b.s) sb_put(&b, "", 0);
        x->paths[x->npaths] = cli_xstrndup(tsv[i], strlen(tsv[i]));
        x->texts[x->npaths] = b.s;
        index_file(x, (unsigned)x->npaths++);
    }
    if (x->ndefs) qsort(x->defs, x->ndefs, sizeof *x->defs, xdef_cmp);   /* (qsort of NULL: UBSan) */
    return x;
}

void tag_explain_free(tag_explain *x) {
    if (!x) return;
    for (size_t i = 0; i < x->npaths; i++) { free(x->paths[i]); free(x->texts[i]); }
    free(x->paths);
    free(x->texts);
    free(x->defs);
    free(x);
}

/* the first definition line of 'id' (index into defs) or -1 */
static long find_def(const tag_explain *x, const char *id) {
    size_t lo = 0, hi = x->ndefs, l = strlen(id);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const xdef *d = &x->defs[mid];
        size_t ml = d->id_len < l ? d->id_len : l;
        int c = memcmp(d->id, id, ml);
        if (!c) c = d->id_len < l ? -1 : d->id_len > l;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < x->ndefs && x->defs[lo].id_len == l && !memcmp(x->defs[lo].id, id, l) ? (long)lo : -1;
}

/* the length of the common prefix of two strings */
static size_t common(const char *a, size_t al, const char *b, size_t bl) {
    size_t k = 0;
    while (k < al && k < bl && a[k] == b[k]) k++;
    return k;
}

typedef struct best { const char *alias; size_t len, score; int exact; unsigned file; long line; } best;

static void consider(best *b, const char *alias, size_t len, const char *fold, size_t fl, unsigned file, long line) {
    if (len && (alias[0] == '=' || alias[0] == '~')) { alias++; len--; }   /* case-policy prefixes */
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
                      const char *const *fields, strbuf *b) {
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
            sb_puts(b, "\",\"start\":");
            sb_uint(b, l->start);
            sb_puts(b, ",\"end\":");
            sb_uint(b, l->end);
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
        long d0 = find_def(x, s->id);
        for (long d = d0; d >= 0 && (size_t)d < x->ndefs && x->defs[d].id_len == x->defs[d0].id_len &&
                          !memcmp(x->defs[d].id, s->id, x->defs[d0].id_len); d++) {
            const xdef *df = &x->defs[d];
            const char *p = df->names, *end = df->names + df->names_len;
            while (p < end) {
                size_t l = 0;
                while (p + l < end && p[l] != '|' && p[l] != '\t') l++;
                if (l) consider(&bst, p, l, fold, fl, df->file, df->line);
                p += l + 1;
            }
        }
        if (!bst.alias) {   /* a compiled image without its sources */
            for (size_t i = 0; i < x->dicts->ndicts; i++) {
                long e = ng_dict_find_id(x->dicts->dicts[i], s->id);
                if (e < 0) continue;
                void *a[3] = {&bst, fold, &fl};
                ng_dict_entity_aliases(x->dicts->dicts[i], (size_t)e, alias_cb, a);
                if (bst.alias) break;
            }
        }
        free(fold);
        if (bst.alias) {
            put_str(b, "alias", bst.alias, bst.len);
            if (bst.file != (unsigned)-1) {
                put_str(b, "file", x->paths[bst.file], strlen(x->paths[bst.file]));
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
