/* Helpers shared by the dictionary importers: string lists, slugs, TSV
 * output, and a line reader for plain or gzip-compressed input. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <utf8proc.h>
#include "import.h"
#include "import_internal.h"

void imp_strv_push(imp_strv *s, const char *str, size_t len) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = imp_realloc(s->v, s->cap * sizeof *s->v);
    }
    char *c = imp_realloc(NULL, len + 1);
    memcpy(c, str, len);
    c[len] = 0;
    s->v[s->n++] = c;
}

void imp_strv_clear(imp_strv *s) {
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    s->n = 0;
}

void imp_strv_free(imp_strv *s) {
    imp_strv_clear(s);
    free(s->v);
    s->v = NULL;
    s->cap = 0;
}

int imp_has_lang(const import_opts *o, const char *lang) {
    for (size_t i = 0; i < o->nlangs; i++)
        if (!strcmp(o->langs[i], lang)) return 1;
    return 0;
}

/* Latin letters that do not decompose into a base letter plus marks. */
static const char *latin_extra(utf8proc_int32_t c) {
    switch (c) {
    case 0xDF: return "ss";          /* ß */
    case 0xE6: return "ae";          /* æ */
    case 0xF0: return "d";           /* ð */
    case 0xF8: return "o";           /* ø */
    case 0xFE: return "th";          /* þ */
    case 0x111: return "d";          /* đ */
    case 0x127: return "h";          /* ħ */
    case 0x131: return "i";          /* ı */
    case 0x142: return "l";          /* ł */
    case 0x153: return "oe";         /* œ */
    case 0x167: return "t";          /* ŧ */
    case 0x14B: return "ng";         /* ŋ */
    default: return NULL;
    }
}

char *imp_slug(const char *name) {
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &folded,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                      UTF8PROC_CASEFOLD);
    size_t cap = strlen(name) * 2 + 8, len = 0;
    char *out = imp_realloc(NULL, cap);
    if (n < 0) { /* invalid UTF-8: keep ASCII letters and digits only */
        free(folded);
        folded = (utf8proc_uint8_t *)imp_strdup(name);
        n = (utf8proc_ssize_t)strlen(name);
    }
    int sep = 0;
    size_t toklen = 0;  /* characters of the current word */
    utf8proc_ssize_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &c);
        if (k <= 0) { k = 1; c = -1; }
        i += k;
        const char *add = NULL;
        char one[2] = {0, 0};
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            one[0] = (char)c;
            add = one;
        } else if (c >= 'A' && c <= 'Z') {
            one[0] = (char)(c - 'A' + 'a');
            add = one;
        } else if (c == '\'' || c == 0x2019 || c == 0x2BC || c == 0x60 || c == 0xB4) {
            continue; /* apostrophes join: "d'Ivoire" -> "divoire" */
        } else if (c == '.' && !sep && toklen == 1) {
            continue; /* initials join: "U.S." -> "us" */
        } else {
            add = latin_extra(c);
        }
        if (!add) {
            /* another letter (non-Latin) is dropped; anything else separates */
            if (c >= 0 && utf8proc_category(c) >= UTF8PROC_CATEGORY_LU &&
                utf8proc_category(c) <= UTF8PROC_CATEGORY_LO)
                continue;
            sep = 1;
            continue;
        }
        size_t al = strlen(add);
        if (len + al + 2 > cap) { cap = cap * 2 + al; out = imp_realloc(out, cap); }
        if (sep && len > 0) { out[len++] = '-'; toklen = 0; }
        sep = 0;
        toklen++;
        memcpy(out + len, add, al);
        len += al;
    }
    out[len] = 0;
    free(folded);
    return out;
}

/* Ids and types as the dictionary loader accepts them (tagger/dict.c). */
static int id_ok(const char *id) {
    size_t n = strlen(id);
    if (n == 0 || n > 256) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (c <= ' ' || c == '|' || c == 0x7f || (c == 0xC2 && (unsigned char)id[i + 1] < 0xA0)) return 0;
    }
    for (size_t i = 0; i < n;) {
        int k = ng_utf8_valid_len((const unsigned char *)id + i, n - i);
        if (k < 0) return 0;
        i += (size_t)k;
    }
    return 1;
}
static int type_ok(const char *t) {
    if (!*t) return 0;
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') || *t == '_' || *t == '-'))
            return 0;
    return 1;
}

/* Cleans a field into 'buf': tabs, CR, LF and other C0 controls become
 * spaces, outer white space is trimmed. Returns the length. */
static size_t clean_field(const char *s, char **buf, size_t *cap) {
    size_t n = strlen(s);
    if (3 * n + 1 > *cap) { *cap = 3 * n + 1; *buf = imp_realloc(*buf, *cap); }
    char *b = *buf;
    /* controls (C0, DEL, C1) become spaces, invalid UTF-8 U+FFFD: the
     * dictionary loader refuses both */
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *c = (const unsigned char *)s + i;
        int k = ng_utf8_valid_len(c, n - i);
        if (k < 0) { memcpy(b + o, "\xEF\xBF\xBD", 3); o += 3; i++; continue; }
        if ((k == 1 && (c[0] < 0x20 || c[0] == 0x7f)) || (k == 2 && c[0] == 0xC2 && c[1] < 0xA0)) b[o++] = ' ';
        else { memcpy(b + o, c, (size_t)k); o += (size_t)k; }
        i += (size_t)k;
    }
    n = o;
    size_t a = 0, e = n;
    while (a < e && b[a] == ' ') a++;
    while (e > a && b[e - 1] == ' ') e--;
    /* collapse internal runs of spaces */
    size_t w = 0;
    for (size_t i = a; i < e; i++) {
        if (b[i] == ' ' && w > 0 && b[w - 1] == ' ') continue;
        b[w++] = b[i];
    }
    b[w] = 0;
    return w;
}

void imp_write_entity(const import_opts *o, FILE *out, const char *id, const char *type,
                      const char *name, char *const *aliases, size_t naliases,
                      const char *attrs) {
    char *buf = NULL;
    size_t cap = 0;
    imp_strv done = {0};
    clean_field(name, &buf, &cap);
    if (!ng_dict_name_plain(buf, strlen(buf)) || !id_ok(id) || !type_ok(type)) {   /* the loader would refuse the line */
        free(buf);
        if (o && o->stats) o->stats->skipped++;
        return;
    }
    imp_strv_push(&done, buf, strlen(buf));
    fprintf(out, "%s\t%s\t%s", id, type, buf);
    size_t nal = 0;
    for (size_t i = 0; i < naliases; i++) {
        size_t l = clean_field(aliases[i], &buf, &cap);
        /* (not "lang=en" or "=Name": the loader reads an attribute or a
         * marker there, not the alias; found by make fuzz. A '^' is the
         * importers' own: a common word, matched capitalised only) */
        size_t m = l > 0 && buf[0] == '^';
        if (l == 0 || !ng_dict_alias_plain(buf + m, l - m)) continue;
        int seen = 0;
        for (size_t j = 0; j < done.n && !seen; j++) seen = !strcmp(done.v[j], buf);
        if (seen) continue;
        imp_strv_push(&done, buf, l);
        fputc(nal ? '|' : '\t', out);
        fputs(buf, out);
        nal++;
    }
    if (attrs && *attrs) {
        if (!nal) fputc('\t', out);
        fputc('\t', out);
        /* values come from the input: tabs separate attributes, other
         * controls become spaces, invalid UTF-8 U+FFFD (as in clean_field) */
        for (size_t i = 0, n = strlen(attrs); i < n;) {
            const unsigned char *c = (const unsigned char *)attrs + i;
            int k = ng_utf8_valid_len(c, n - i);
            if (k < 0) { fputs("\xEF\xBF\xBD", out); i++; continue; }
            if ((k == 1 && c[0] != '\t' && (c[0] < 0x20 || c[0] == 0x7f)) || (k == 2 && c[0] == 0xC2 && c[1] < 0xA0))
                fputc(' ', out);
            else fwrite(c, 1, (size_t)k, out);
            i += (size_t)k;
        }
    }
    fputc('\n', out);
    imp_strv_free(&done);
    free(buf);
    if (o && o->stats) {
        o->stats->written++;
        o->stats->aliases += nal;
    }
}

/* ## Line reader */

struct imp_lines {
    gzFile gz;
    char *path;
    char *buf;          /* holds the current line */
    size_t cap;
    char *in;           /* read buffer */
    size_t in_len, in_pos;
    int eof;
    long line;
    unsigned long long size;
};

#define IN_SIZE (1u << 18)
#define MAX_LINE ((size_t)1 << 30)

int imp_lines_open(const char *path, imp_lines **out, ng_error *err) {
    *out = NULL;
    int fd;
    unsigned long long size = 0;
    if (!strcmp(path, "-")) {
        fd = dup(0);
    } else {
        fd = open(path, O_RDONLY);
    }
    if (fd < 0)
        return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) size = (unsigned long long)st.st_size;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return ng_error_set(err, NG_E_IO, path, 0, 0, "is a directory");
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        return ng_error_set(err, NG_E_NOMEM, path, 0, 0, "cannot start decompression");
    }
    gzbuffer(gz, 1u << 17);
    imp_lines *r = imp_realloc(NULL, sizeof *r);
    memset(r, 0, sizeof *r);
    r->gz = gz;
    r->path = imp_strdup(path);
    r->in = imp_realloc(NULL, IN_SIZE);
    r->size = size;
    *out = r;
    return NG_OK;
}

static int fill(imp_lines *r, ng_error *err) {
    if (r->eof) return 0;
    int n = gzread(r->gz, r->in, IN_SIZE);
    if (n < 0) {
        int zerr = 0;
        const char *m = gzerror(r->gz, &zerr);
        return ng_error_set(err, zerr == Z_ERRNO ? NG_E_IO : NG_E_FORMAT, r->path, r->line + 1, 0,
                            "read error: %s", zerr == Z_ERRNO ? strerror(errno) : m);
    }
    if (n == 0) {
        /* a truncated gzip stream reads as EOF with an error set */
        int zerr = 0;
        const char *m = gzerror(r->gz, &zerr);
        if (zerr == Z_BUF_ERROR || zerr == Z_DATA_ERROR)
            return ng_error_set(err, NG_E_FORMAT, r->path, r->line + 1, 0,
                                "corrupt or truncated compressed input: %s", m);
        r->eof = 1;
        return 0;
    }
    r->in_len = (size_t)n;
    r->in_pos = 0;
    return 1;
}

int imp_lines_next(imp_lines *r, char **line, size_t *len, ng_error *err) {
    size_t l = 0;
    int any = 0;
    for (;;) {
        if (r->in_pos == r->in_len) {
            int f = fill(r, err);
            if (f < 0) return f;
            if (f == 0) break;
        }
        any = 1;
        char *s = r->in + r->in_pos;
        size_t avail = r->in_len - r->in_pos;
        char *nl = memchr(s, '\n', avail);
        size_t take = nl ? (size_t)(nl - s) : avail;
        if (l + take + 1 > r->cap) {
            if (l + take + 1 > MAX_LINE)
                return ng_error_set(err, NG_E_LIMIT, r->path, r->line + 1, 0,
                                    "line longer than %zu bytes", MAX_LINE);
            size_t nc = r->cap ? r->cap : 4096;
            while (nc < l + take + 1) nc *= 2;
            r->buf = imp_realloc(r->buf, nc);
            r->cap = nc;
        }
        memcpy(r->buf + l, s, take);
        l += take;
        r->in_pos += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any && l == 0) return 0;
    if (!r->buf) { r->buf = imp_realloc(NULL, 1); r->cap = 1; }
    if (l > 0 && r->buf[l - 1] == '\r') l--;
    r->buf[l] = 0;
    r->line++;
    *line = r->buf;
    *len = l;
    /* a byte-order mark before the first line (an editor's, a Windows
     * export's) is not data, as the dictionary loader takes it */
    if (r->line == 1 && l >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3)) { *line += 3; *len -= 3; }
    int rc = imp_utf8_check(r->path, *line, *len, r->line, err);
    return rc ? rc : 1;
}

int imp_utf8_check(const char *path, const char *s, size_t len, long line0, ng_error *err) {
    size_t v = ng_utf8_valid_prefix(s, len);
    if (v == len) return NG_OK;
    size_t bol = 0;
    long line = line0;
    for (size_t i = 0; i < v; i++)
        if (s[i] == '\n') { line++; bol = i + 1; }
    return ng_error_set(err, NG_E_UNICODE, path, line, ng_col_of(s + bol, v - bol), "invalid UTF-8");
}

long imp_lines_number(const imp_lines *r) { return r->line; }
unsigned long long imp_lines_offset(const imp_lines *r) {
    long long off = gzoffset(r->gz);
    return off < 0 ? 0 : (unsigned long long)off;
}
unsigned long long imp_lines_size(const imp_lines *r) { return r->size; }

void imp_lines_free(imp_lines *r) {
    if (!r) return;
    gzclose(r->gz);
    free(r->path);
    free(r->buf);
    free(r->in);
    free(r);
}

/* ## Common words */

struct imp_words {
    char **w;
    size_t n;
};

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the words of one list file (folded); 0 if it cannot be opened. */
static int words_add_file(imp_words *w, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        line[strcspn(line, "\r\n")] = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (!*s || *s == '#') continue;
        size_t fl;
        char *fo = ng_fold(s, strlen(s), &fl);
        if (!fo) continue;
        w->w = imp_realloc(w->w, (w->n + 1) * sizeof *w->w);
        w->w[w->n++] = fo;
    }
    free(line);
    fclose(f);
    return 1;
}

/* Loads DIR/LANG.txt for each of the 'n' languages into one sorted list. */
static imp_words *words_load(const char *dir, const char *const *langs, size_t n) {
    imp_words *w = imp_realloc(NULL, sizeof *w);
    w->w = NULL;
    w->n = 0;
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%.4000s/%s.txt", dir, langs[i]);
        found += words_add_file(w, path);
    }
    if (!found) { free(w); return NULL; }
    if (w->n) qsort(w->w, w->n, sizeof *w->w, cmp_str);
    return w;
}

imp_words *imp_words_load(const char *dir) {
    static const char *const langs[] = {"en", "uk", "ru"};
    return words_load(dir, langs, 3);
}

typedef struct words_call { const char *dir, *lang; imp_words *w; } words_call;

static int words_body(void *ctx, ng_error *err) {
    words_call *c = ctx;
    (void)err;
    c->w = words_load(c->dir, &c->lang, 1);
    return NG_OK;
}

int imp_words_load_lang(const char *dir, const char *lang, imp_words **out, ng_error *err) {
    words_call c = {dir, lang, NULL};
    int rc = imp_guard(words_body, &c, dir, err);
    *out = c.w;
    return rc;
}

int imp_words_has(const imp_words *w, const char *alias) {
    if (!w || !*alias) return 0;
    size_t fl;
    char *fo = ng_fold(alias, strlen(alias), &fl);
    if (!fo) return 0;
    int r = bsearch(&fo, w->w, w->n, sizeof *w->w, cmp_str) != NULL;
    free(fo);
    return r;
}

void imp_words_free(imp_words *w) {
    if (!w) return;
    for (size_t i = 0; i < w->n; i++) free(w->w[i]);
    free(w->w);
    free(w);
}
