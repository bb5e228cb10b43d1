/* Runs the data-driven cases of tests/cases/NAME.txt through the library
 * (ng_dict_builder + ng_tagger), as tests/cases/run_cases.py runs them
 * through the binary: both paths see the same files. The format is
 * described in run_cases.py; keep the two parsers in step.
 *
 * usage: test_cases [CASES_DIR [FILE.txt...]]   (default: tests/cases, all files) */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "tagger.h"

typedef struct buf { char *s; size_t n, cap; } buf;

static void put(buf *b, const void *p, size_t n) {
    if (b->n + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (c < b->n + n + 1) c *= 2;
        b->s = realloc(b->s, c);
        if (!b->s) { perror("realloc"); exit(3); }
        b->cap = c;
    }
    memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = 0;
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static int hexv(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* \n \r \t \\ \xHH */
static void unescape(buf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            char e = s[i + 1];
            if (e == 'n') { put(out, "\n", 1); i++; continue; }
            if (e == 'r') { put(out, "\r", 1); i++; continue; }
            if (e == 't') { put(out, "\t", 1); i++; continue; }
            if (e == '\\') { put(out, "\\", 1); i++; continue; }
            if (e == 'x' && i + 3 < n && hexv(s[i + 2]) >= 0 && hexv(s[i + 3]) >= 0) {
                char v = (char)(hexv(s[i + 2]) * 16 + hexv(s[i + 3]));
                put(out, &v, 1);
                i += 3;
                continue;
            }
        }
        put(out, &c, 1);
    }
}

static int invisible(long cp) {
    return cp == 0xAD || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

static void hexbyte(buf *b, unsigned char c) {
    char t[8];
    snprintf(t, sizeof t, "\\x%02X", c);
    puts_(b, t);
}

/* Surfaces as run_cases.py prints them. */
static void escape(buf *b, const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == '\n') { puts_(b, "\\n"); i++; continue; }
        if (c == '\r') { puts_(b, "\\r"); i++; continue; }
        if (c == '\t') { puts_(b, "\\t"); i++; continue; }
        if (c == '\\') { puts_(b, "\\\\"); i++; continue; }
        if (c < 0x20 || c == 0x7F) { hexbyte(b, c); i++; continue; }
        if (c < 0x80) { put(b, &c, 1); i++; continue; }
        int k = ng_utf8_valid_len(s + i, n - i);
        if (k < 0) { hexbyte(b, c); i++; continue; }
        long cp = k == 2 ? ((c & 0x1F) << 6) | (s[i + 1] & 0x3F)
                : k == 3 ? ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)
                : ((long)(c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
        if (invisible(cp)) for (int j = 0; j < k; j++) hexbyte(b, s[i + j]);
        else put(b, s + i, (size_t)k);
        i += (size_t)k;
    }
}

typedef struct lines { char **v; size_t n, cap; } lines;
static void lines_push(lines *l, char *s) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) { perror("realloc"); exit(3); }
    }
    l->v[l->n++] = s;
}

typedef struct tcase {
    const char *file;
    long line;
    const char *title;
    int fail, has_inline;
    lines dict_files, inline_, text, expected;
    unsigned flags;
    size_t pad;
} tcase;

static int starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* Joins lines with '\n' and unescapes them. */
static void join_unescape(buf *out, const lines *l, int final_nl) {
    buf raw = {0};
    for (size_t i = 0; i < l->n; i++) {
        if (i) put(&raw, "\n", 1);
        puts_(&raw, l->v[i]);
    }
    if (final_nl) put(&raw, "\n", 1);
    unescape(out, raw.s ? raw.s : "", raw.n);
    free(raw.s);
}

static void run_case(const tcase *c) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    int rc = NG_OK;
    if (c->has_inline) {
        buf d = {0};
        join_unescape(&d, &c->inline_, 1);
        rc = ng_dict_builder_add_tsv(b, "dict.tsv", d.s, d.n, &err);
        free(d.s);
    }
    for (size_t i = 0; i < c->dict_files.n && rc == NG_OK; i++)
        rc = ng_dict_builder_add_file(b, c->dict_files.v[i], &err);
    ng_dict *d = NULL;
    if (rc == NG_OK) rc = ng_dict_builder_finish(b, &d, &err);
    ng_dict_builder_free(b);
    lines got = {0};
    buf text = {0};
    if (rc != NG_OK) {
        char msg[1400];
        lines_push(&got, strdup(ng_error_format(&err, msg, sizeof msg)));
    } else if (c->fail) {
        lines_push(&got, strdup("(the dictionary loaded without an error)"));
    } else {
        for (size_t i = 0; i < c->pad; i++) put(&text, i % 2 ? " " : "x", 1);
        join_unescape(&text, &c->text, 0);
        ng_tagger *t = ng_tagger_new(&d, 1, c->flags);
        const ng_match *m;
        size_t n;
        int trc = ng_tagger_tag(t, text.s ? text.s : "", text.n, &m, &n);
        if (trc) {
            lines_push(&got, strdup(ng_strerror(trc)));
        } else {
            for (size_t i = 0; i < n; i++) {
                buf l = {0};
                char head[600];
                snprintf(head, sizeof head, "%zu %zu %s %s ", m[i].start, m[i].end, m[i].type, m[i].id);
                puts_(&l, head);
                escape(&l, (const unsigned char *)text.s + m[i].start, m[i].end - m[i].start);
                lines_push(&got, l.s ? l.s : strdup(""));
            }
        }
        ng_tagger_free(t);
    }
    ng_dict_free(d);
    int same = got.n == c->expected.n;
    for (size_t i = 0; same && i < got.n; i++) same = !strcmp(got.v[i], c->expected.v[i]);
    h_report(same, c->file, (int)c->line, "%s", c->title);
    if (!same) {
        for (size_t i = 0; i < c->expected.n; i++) fprintf(stderr, "    expected: %s\n", c->expected.v[i]);
        for (size_t i = 0; i < got.n; i++) fprintf(stderr, "    got:      %s\n", got.v[i]);
    }
    for (size_t i = 0; i < got.n; i++) free(got.v[i]);
    free(got.v);
    free(text.s);
}

static void free_case(tcase *c) {
    free(c->dict_files.v); free(c->inline_.v); free(c->text.v); free(c->expected.v);
    memset(c, 0, sizeof *c);
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b = {0};
    char tmp[65536];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0) put(&b, tmp, r);
    fclose(f);
    *len = b.n;
    return b.s ? b.s : strdup("");
}

static void run_file(const char *path) {
    size_t len;
    char *data = read_file(path, &len);
    if (!data) { h_report(0, path, 0, "cannot read"); return; }
    lines all = {0};
    for (char *p = data; p < data + len;) {
        char *nl = memchr(p, '\n', (size_t)(data + len - p));
        if (nl) *nl = 0;
        lines_push(&all, p);
        p = nl ? nl + 1 : data + len;
    }
    size_t i = 0;
    while (i < all.n && !starts(all.v[i], "### ")) i++;
    while (i < all.n) {
        tcase c = {0};
        c.file = path;
        c.line = (long)i + 1;
        c.title = all.v[i] + 4;
        i++;
        enum { HEAD, INLINE, TEXT, EXPECT } st = HEAD;
        for (; i < all.n && !starts(all.v[i], "### "); i++) {
            char *ln = all.v[i];
            if (st == HEAD && !strcmp(ln, "%%FAIL")) c.fail = 1;
            else if (st == HEAD && starts(ln, "%%dict ")) {
                for (char *tok = strtok(ln + 7, " "); tok; tok = strtok(NULL, " ")) lines_push(&c.dict_files, tok);
            } else if (st == HEAD && !strcmp(ln, "%%dict")) { c.has_inline = 1; st = INLINE; }
            else if ((st == HEAD || st == INLINE) && starts(ln, "%%opts")) {
                for (char *tok = strtok(ln + 6, " "); tok; tok = strtok(NULL, " ")) {
                    if (!strcmp(tok, "--all")) c.flags |= NG_TAG_ALL;
                    else if (!strcmp(tok, "--no-context")) c.flags |= NG_TAG_NO_CONTEXT;
                    else if (!strcmp(tok, "--no-inflect")) c.flags |= NG_TAG_NO_INFLECT;
                    else if (!strcmp(tok, "--no-rules")) c.flags |= NG_TAG_NO_RULES;
                    else if (!strcmp(tok, "--no-partial")) c.flags |= NG_TAG_NO_PARTIAL;
                    else if (!strcmp(tok, "--no-org-rules")) c.flags |= NG_TAG_NO_ORG_RULES;
                    else if (!strcmp(tok, "--no-acronyms")) c.flags |= NG_TAG_NO_ACRONYMS;
                    else if (!strcmp(tok, "--no-place-rules")) c.flags |= NG_TAG_NO_PLACE_RULES;
                    else if (!strcmp(tok, "--no-surnames")) c.flags |= NG_TAG_NO_SURNAMES;
                    else h_report(0, path, (int)i + 1, "unknown option %s", tok);
                }
            } else if ((st == HEAD || st == INLINE) && starts(ln, "%%pad ")) c.pad = (size_t)atol(ln + 6);
            else if ((st == HEAD || st == INLINE) && !strcmp(ln, "%%text")) st = TEXT;
            else if (st != EXPECT && !strcmp(ln, "---")) st = EXPECT;
            else if (st == INLINE) lines_push(&c.inline_, ln);
            else if (st == HEAD || st == TEXT) { st = TEXT; lines_push(&c.text, ln); }
            else if (st == EXPECT && ln[strspn(ln, " \t")]) lines_push(&c.expected, ln);
        }
        if (st != EXPECT) h_report(0, path, (int)c.line, "case without '---'");
        else run_case(&c);
        free_case(&c);
    }
    free(all.v);
    free(data);
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/cases";
    if (chdir(dir) != 0) { perror(dir); return 2; }
    if (argc > 2) {
        for (int i = 2; i < argc; i++) run_file(argv[i]);
    } else {
        DIR *dh = opendir(".");
        char *names[256];
        size_t n = 0;
        struct dirent *de;
        while (dh && (de = readdir(dh)) && n < 256) {
            size_t l = strlen(de->d_name);
            if (l > 4 && !strcmp(de->d_name + l - 4, ".txt")) names[n++] = strdup(de->d_name);
        }
        if (dh) closedir(dh);
        qsort(names, n, sizeof *names, cmpstr);
        OK(n >= 5, "found only %zu case files in %s", n, dir);
        for (size_t i = 0; i < n; i++) { run_file(names[i]); free(names[i]); }
    }
    return harness_done("test_cases");
}
