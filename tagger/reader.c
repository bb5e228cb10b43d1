/* Article reader: files, directories (recursive, sorted by name), standard
 * input; plain text (one article per file) or JSON Lines (yajl's event
 * parser: see "JSON Lines records" below). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <yajl/yajl_parse.h>
#include "tagger.h"
#include "norm.h"
#include "base_internal.h"

/* Text files up to this size are read into memory when mapped. */
#define POPULATE_MAX ((uint64_t)1 << 30)

/* ## JSON Lines records
 *
 * A record is read with yajl's event parser, not into a tree: only the
 * values of the top-level keys below are kept (copied, with a NUL after
 * them), every other value is skipped. That is 8x faster than building a
 * jansson tree of the line (100 MB of 2 KB articles: 1.19 s with
 * json_loadb, 0.16 s with yajl's tree, less with events), and the events
 * give what a tree does not: every top-level key (a key given twice is an
 * error: which value would count?) and numbers as written (a 20-digit id
 * is kept digit for digit; a number beyond a double is no error where only
 * text matters). */
enum { K_ID, K_TEXT, K_TITLE, K_URL, K_PUBLISHED, K_DATE, K_LANG, K_ENTITIES, K_N };
static const char *const jkeys[K_N] = {"id", "text", "title", "url", "published", "date", "lang", "entities"};
enum { V_NONE, V_STRING, V_INT, V_REAL, V_BOOL, V_NULL, V_ARRAY, V_OBJECT };

typedef struct jval { int kind; char *s; size_t len, cap; } jval;

typedef struct jrec {
    jval v[K_N];
    yajl_handle h;       /* the parser of the line (for the offset of an error) */
    int depth;           /* 0 outside the record, 1 in its object, more in nested values */
    int key;             /* the top-level key whose value comes next (K_*), or -1 */
    int top;             /* the record's value was seen */
    int bad;             /* why the callbacks stopped: J_* */
    size_t bad_at;       /* the offset in the line where they did */
    /* the top-level keys of the record, for duplicates: their bytes in
     * kbuf, their hashes in an open-addressing table stamped with gen */
    char *kbuf; size_t klen, kcap;
    struct kslot { uint64_t h; size_t off, len; uint32_t gen; } *kt;
    size_t kt_cap, nkeys;
    uint32_t gen;
    char dup[48];        /* a duplicated key, cut */
} jrec;
enum { J_OK, J_NOT_OBJECT, J_DUPLICATE, J_NOMEM };

static void jrec_free(jrec *j) {
    for (int k = 0; k < K_N; k++) free(j->v[k].s);
    free(j->kbuf);
    free(j->kt);
}

static void jrec_reset(jrec *j, yajl_handle h) {
    for (int k = 0; k < K_N; k++) j->v[k].kind = V_NONE;
    j->h = h;
    j->depth = j->top = j->bad = 0;
    j->key = -1;
    j->klen = j->nkeys = 0;
    if (++j->gen == 0) {   /* stamps wrapped: the table is cleared once */
        if (j->kt) memset(j->kt, 0, j->kt_cap * sizeof *j->kt);
        j->gen = 1;
    }
}

static int jstop(jrec *j, int why) {
    j->bad = why;
    j->bad_at = yajl_get_bytes_consumed(j->h);
    return 0;
}

static int jset(jrec *j, int kind, const char *s, size_t len) {
    if (j->depth == 0) return jstop(j, J_NOT_OBJECT);
    if (j->depth > 1 || j->key < 0) return 1;
    jval *v = &j->v[j->key];
    j->key = -1;
    v->kind = kind;
    v->len = len;
    if (len + 1 > v->cap) {
        size_t nc = v->cap ? v->cap : 64;
        while (nc < len + 1) nc *= 2;
        char *t = realloc(v->s, nc);
        if (!t) return jstop(j, J_NOMEM);
        v->s = t;
        v->cap = nc;
    }
    if (len) memcpy(v->s, s, len);
    v->s[len] = 0;
    return 1;
}

static int j_null(void *ctx) { return jset(ctx, V_NULL, "", 0); }
static int j_bool(void *ctx, int b) { return jset(ctx, V_BOOL, b ? "true" : "false", b ? 4 : 5); }
static int j_number(void *ctx, const char *s, size_t len) {
    return jset(ctx, memchr(s, '.', len) || memchr(s, 'e', len) || memchr(s, 'E', len) ? V_REAL : V_INT, s, len);
}
static int j_string(void *ctx, const unsigned char *s, size_t len) { return jset(ctx, V_STRING, (const char *)s, len); }

static int j_open(jrec *j, int kind) {
    if (j->depth == 0) {
        if (kind != V_OBJECT || j->top) return jstop(j, J_NOT_OBJECT);
        j->top = 1;
    } else if (!jset(j, kind, "", 0)) return 0;
    j->depth++;
    return 1;
}
static int j_start_map(void *ctx) { return j_open(ctx, V_OBJECT); }
static int j_start_array(void *ctx) { return j_open(ctx, V_ARRAY); }
static int j_close(void *ctx) { ((jrec *)ctx)->depth--; return 1; }

/* A top-level key: kept in the table (a duplicate stops the parse). */
static int j_key(void *ctx, const unsigned char *s, size_t len) {
    jrec *j = ctx;
    if (j->depth != 1) return 1;
    j->key = -1;
    for (int k = 0; k < K_N; k++)
        if (strlen(jkeys[k]) == len && !memcmp(jkeys[k], s, len)) { j->key = k; break; }
    if (2 * (j->nkeys + 1) > j->kt_cap) {
        size_t nc = j->kt_cap ? 2 * j->kt_cap : 32;
        struct kslot *t = calloc(nc, sizeof *t);
        if (!t) return jstop(j, J_NOMEM);
        for (size_t i = 0; i < j->kt_cap; i++)
            if (j->kt[i].gen == j->gen) {
                size_t q = j->kt[i].h & (nc - 1);
                while (t[q].gen == j->gen) q = (q + 1) & (nc - 1);
                t[q] = j->kt[i];
            }
        free(j->kt);
        j->kt = t;
        j->kt_cap = nc;
    }
    uint64_t h = ng_hash((const char *)s, len);
    size_t q = h & (j->kt_cap - 1);
    for (; j->kt[q].gen == j->gen; q = (q + 1) & (j->kt_cap - 1))
        if (j->kt[q].h == h && j->kt[q].len == len && !memcmp(j->kbuf + j->kt[q].off, s, len)) {
            snprintf(j->dup, sizeof j->dup, "%.*s%s", (int)(len < 40 ? len : 40), (const char *)s, len > 40 ? "..." : "");
            return jstop(j, J_DUPLICATE);
        }
    if (!j->kbuf || j->klen + len > j->kcap) {   /* (allocated for "" too: no offset on NULL) */
        size_t nc = j->kcap ? j->kcap : 256;
        while (nc < j->klen + len) nc *= 2;
        char *t = realloc(j->kbuf, nc);
        if (!t) return jstop(j, J_NOMEM);
        j->kbuf = t;
        j->kcap = nc;
    }
    memcpy(j->kbuf + j->klen, s, len);
    j->kt[q] = (struct kslot){h, j->klen, len, j->gen};
    j->klen += len;
    j->nkeys++;
    return 1;
}

static const yajl_callbacks jcb = {
    j_null, j_bool, NULL, NULL, j_number, j_string, j_start_map, j_key, j_close, j_start_array, j_close,
};

/* The value of top-level key k if it is a string, else NULL. */
static const char *jstr(const jrec *j, int k, size_t *len) {
    if (j->v[k].kind != V_STRING) return NULL;
    if (len) *len = j->v[k].len;
    return j->v[k].s;
}

static const char *jkind_name(int kind) {
    return kind == V_REAL ? "a number with a fraction or exponent" : kind == V_INT ? "a number"
           : kind == V_BOOL ? "true or false" : kind == V_NULL ? "null" : kind == V_ARRAY ? "an array" : "an object";
}

typedef struct pending { char *path; int from_dir; } pending;

struct ng_reader {
    int kind;
    pending *stack; size_t nstack, cap;
    /* visited directories (loop detection) */
    dev_t *vdev; ino_t *vino; size_t nvis, viscap;
    /* current jsonl stream */
    FILE *f; int f_is_stdin; char *cur_path; long lineno;
    char *line; size_t linecap;
    jrec rec;                     /* the current JSON line's fields */
    yajl_handle yh;
    char *text; size_t textcap;   /* text read from a stream */
    void *map; size_t maplen;     /* text file mapped into memory */
    char *cur_id;                 /* the current input's id: its canonical path, or "stdin" */
    char *idgen; size_t idgencap; /* a default id made from it */
    char *cwd;                    /* for canonical paths relative to it */
    char datebuf[11];
    void (*warn)(const char *path, const char *msg, void *ud);
    void *warn_ud;
};

void ng_reader_set_warn(ng_reader *r, void (*fn)(const char *path, const char *msg, void *ud), void *ud) {
    r->warn = fn;
    r->warn_ud = ud;
}

static int push(ng_reader *r, const char *path, int from_dir) {
    if (r->nstack == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 16;
        pending *p = realloc(r->stack, nc * sizeof *p);
        if (!p) return NG_E_NOMEM;
        r->stack = p;
        r->cap = nc;
    }
    r->stack[r->nstack].path = strdup(path);
    r->stack[r->nstack].from_dir = from_dir;
    if (!r->stack[r->nstack].path) return NG_E_NOMEM;
    r->nstack++;
    return NG_OK;
}

int ng_reader_open(const char *const *paths, size_t npaths, int kind, ng_reader **out, ng_error *err) {
    *out = NULL;
    ng_reader *r = calloc(1, sizeof *r);
    if (!r) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    r->kind = kind;
    static const char *const stdin_only[] = {"-"};
    if (npaths == 0) { paths = stdin_only; npaths = 1; }
    for (size_t i = npaths; i-- > 0;)
        if (push(r, paths[i], 0)) { ng_reader_free(r); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
    *out = r;
    return NG_OK;
}

static void close_stream(ng_reader *r) {
    if (r->f && !r->f_is_stdin) fclose(r->f);
    r->f = NULL;
    r->f_is_stdin = 0;
}

void ng_reader_release(ng_reader *r, const char *from, size_t len) {
    if (!r || !r->map || !len) return;
    uintptr_t a = (uintptr_t)from, e = a + len, m0 = (uintptr_t)r->map, m1 = m0 + r->maplen;
    if (a < m0 || e > m1 || e < a) return;
    uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
    a = (a + pg - 1) & ~(pg - 1);   /* whole pages only: a page shared with text still in use stays */
    e &= ~(pg - 1);
    if (e > a) (void)madvise((void *)a, e - a, MADV_DONTNEED);
}

void ng_reader_free(ng_reader *r) {
    if (!r) return;
    close_stream(r);
    for (size_t i = 0; i < r->nstack; i++) free(r->stack[i].path);
    free(r->stack);
    free(r->vdev);
    free(r->vino);
    free(r->cur_path);
    free(r->cur_id);
    free(r->idgen);
    free(r->cwd);
    free(r->line);
    free(r->text);
    if (r->map) munmap(r->map, r->maplen);
    jrec_free(&r->rec);
    if (r->yh) yajl_free(r->yh);
    free(r);
}

static int has_ext(const char *p, const char *ext) {
    size_t l = strlen(p), e = strlen(ext);
    return l > e && !strcmp(p + l - e, ext);
}

static int expand_dir(ng_reader *r, const char *path, const struct stat *st, ng_error *err) {
    for (size_t i = 0; i < r->nvis; i++)
        if (r->vdev[i] == st->st_dev && r->vino[i] == st->st_ino)
            return ng_error_set(err, NG_E_IO, path, 0, 0, "directory loop (already visited), skipped");
    if (r->nvis == r->viscap) {
        size_t nc = r->viscap ? r->viscap * 2 : 16;
        dev_t *d = realloc(r->vdev, nc * sizeof *d);
        if (d) r->vdev = d;
        ino_t *n = realloc(r->vino, nc * sizeof *n);
        if (n) r->vino = n;
        if (!d || !n) return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL);
        r->viscap = nc;
    }
    r->vdev[r->nvis] = st->st_dev;
    r->vino[r->nvis++] = st->st_ino;
    char **paths;
    size_t n;
    int rc = ng_dir_list(path, NULL, &paths, &n, err);
    if (rc != NG_OK) return rc;
    /* pushed last first: popped in name order; hidden entries are skipped */
    for (size_t i = n; rc == NG_OK && i-- > 0;)
        if (strrchr(paths[i], '/')[1] != '.' && push(r, paths[i], 1)) rc = NG_E_NOMEM;
    ng_strv_free(paths, n);
    return rc ? ng_error_set(err, rc, path, 0, 0, NULL) : NG_OK;
}

static int read_all(ng_reader *r, FILE *f, size_t *len) {
    size_t n = 0;
    for (;;) {
        if (n + 65536 > r->textcap) {
            size_t nc = r->textcap ? r->textcap * 2 : 1 << 20;
            while (nc < n + 65536) nc *= 2;
            char *t = realloc(r->text, nc);
            if (!t) return NG_E_NOMEM;
            r->text = t;
            r->textcap = nc;
        }
        size_t got = fread(r->text + n, 1, r->textcap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) return NG_E_IO;
    r->text[n] = 0;
    *len = n;
    return NG_OK;
}

/* The id of an input: "stdin" for standard input; else its path made
 * canonical (symbolic links, "." and ".." resolved) and relative to the
 * working directory when it lies under it, so that "in/a.txt",
 * "./in/a.txt" and "$PWD/in/a.txt" are one article. A path that cannot be
 * resolved is kept as given. */
static char *path_id(const char *path, char **cwd) {
    char *real = realpath(path, NULL);
    if (!real) return strdup(path);
    if (!*cwd) *cwd = getcwd(NULL, 0);
    size_t cl = *cwd ? strlen(*cwd) : 0;
    if (cl && !strncmp(real, *cwd, cl) && (real[cl] == '/' || (cl == 1 && (*cwd)[0] == '/'))) {
        size_t skip = cl == 1 ? 1 : cl + 1;
        memmove(real, real + skip, strlen(real + skip) + 1);
    }
    return real;
}

static char *input_id(ng_reader *r, const char *path, int is_stdin) {
    return is_stdin ? strdup("stdin") : path_id(path, &r->cwd);
}

char *ng_input_id(const char *path) {
    char *cwd = NULL, *id = path_id(path, &cwd);
    free(cwd);
    return id;
}

/* A default id: "<input id>:<line>" for a JSON line of a file; for
 * standard input, which has no stable name, "stdin:" + a hash of the
 * content (the same record gets the same id in every run). */
static const char *default_id(ng_reader *r, const char *content, size_t len, long line) {
    size_t need = strlen(r->cur_id) + 40;
    if (need > r->idgencap) {
        char *p = realloc(r->idgen, need);
        if (!p) return NULL;
        r->idgen = p;
        r->idgencap = need;
    }
    if (r->f_is_stdin || !strcmp(r->cur_id, "stdin")) {
        uint64_t h = 1469598103934665603ULL;   /* FNV-1a, 64 bits */
        for (size_t i = 0; i < len; i++) { h ^= (unsigned char)content[i]; h *= 1099511628211ULL; }
        snprintf(r->idgen, r->idgencap, "stdin:%016llx", (unsigned long long)h);
    } else snprintf(r->idgen, r->idgencap, "%s:%ld", r->cur_id, line);
    return r->idgen;
}

/* The column (1-based, in code points) of byte 'off' of line[0..len). */
static long column_at(const char *line, size_t len, size_t off) {
    long col = 1;
    for (size_t i = 0; i < off && i < len; i++) col += ((unsigned char)line[i] & 0xC0) != 0x80;
    return col;
}

/* An error for what yajl found wrong at byte 'off' of the record t[0..len)
 * (k: the bytes before t in the line): its message, without "parse error: "
 * and the final period, and the bytes around there. */
static int json_error(ng_reader *r, ng_error *err, const char *t, size_t len, size_t off, size_t k) {
    unsigned char *msg = yajl_get_error(r->yh, 0, NULL, 0);
    char what[200];
    snprintf(what, sizeof what, "%s", msg ? (const char *)msg : "syntax error");
    if (msg) yajl_free_error(r->yh, msg);
    char *w = what;
    int lexical = !strncmp(w, "lexical error: ", 15);
    if (lexical) w += 15;
    else if (!strncmp(w, "parse error: ", 13)) w += 13;
    size_t wl = strlen(w);
    while (wl && (w[wl - 1] == '\n' || w[wl - 1] == '.' || w[wl - 1] == ' ')) w[--wl] = 0;
    if (!strcmp(w, "premature EOF")) strcpy(w, "the line ends inside the record");
    if (off > len) off = len;
    /* a bad character, or a value after the record, is found once read */
    if ((lexical || !strcmp(w, "trailing garbage")) && off > 0 && off < len + 1)
        do off--; while (off > 0 && ((unsigned char)t[off] & 0xC0) == 0x80);
    while (off > 0 && off < len && (t[off] == ' ' || t[off] == '\t') && (lexical || !strcmp(w, "trailing garbage"))) off++;
    long col = column_at(t, len, off) + (long)k;
    if (off >= len) return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, col, "invalid JSON: %s", w);
    /* up to 16 bytes from there, ending at a character */
    size_t n = len - off < 16 ? len - off : 16;
    while (off + n < len && ((unsigned char)t[off + n] & 0xC0) == 0x80) n++;
    return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, col, "invalid JSON: %s near '%.*s%s'", w, (int)n, t + off,
                        off + n < len ? "..." : "");
}

static int hex4(const char *s, unsigned *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15) return 0;
        *v = *v << 4 | d;
    }
    return 1;
}

/* The offset in t[0..len) of a \u escape of half a surrogate pair (yajl
 * would make it a '?'), or len. Strings are where escapes are; a
 * backslash escaped is no escape. */
static size_t lone_surrogate(const char *t, size_t len) {
    for (const char *p = t, *e = t + len; (p = memchr(p, '\\', (size_t)(e - p)));) {
        if (p + 1 >= e) break;
        if (p[1] != 'u' || p + 6 > e) { p += 2; continue; }
        unsigned v, w;
        if (!hex4(p + 2, &v) || v < 0xD800 || v > 0xDFFF) { p += 6; continue; }
        if (v <= 0xDBFF && p + 12 <= e && p[6] == '\\' && p[7] == 'u' && hex4(p + 8, &w) && w >= 0xDC00 && w <= 0xDFFF) {
            p += 12;
            continue;
        }
        return (size_t)(p - t);
    }
    return len;
}

/* Next JSON line of the open stream: 1, 0 at its end, or an error. */
static int next_json(ng_reader *r, ng_article *a, ng_error *err) {
    for (;;) {
        ssize_t n = getline(&r->line, &r->linecap, r->f);
        if (n < 0) {
            int bad = ferror(r->f);
            close_stream(r);
            if (bad) return ng_error_set(err, NG_E_IO, r->cur_path, r->lineno, 0, "read error");
            return 0;
        }
        r->lineno++;
        size_t len = (size_t)n;
        while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r')) len--;
        size_t k = 0;
        if (r->lineno == 1 && len >= 3 && !memcmp(r->line, "\xEF\xBB\xBF", 3)) k = 3;
        size_t s = k;
        while (s < len && (r->line[s] == ' ' || r->line[s] == '\t')) s++;
        if (s == len) continue;   /* blank line */
        const char *t = r->line + k;
        size_t tl = len - k;
        /* UTF-8 first, strictly (yajl checks the shape of a sequence, not
         * overlong forms, surrogates or code points past U+10FFFF); then
         * yajl need not */
        size_t ok = ng_utf8_valid_prefix(t, tl);
        if (ok < tl)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, column_at(t, tl, ok) + (long)k,
                                "invalid JSON: invalid UTF-8 byte 0x%02x", (unsigned char)t[ok]);
        /* a parser per line: yajl has no reset, and after an error it
         * cannot go on */
        if (r->yh) yajl_free(r->yh);
        r->yh = yajl_alloc(&jcb, NULL, &r->rec);
        if (!r->yh) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        yajl_config(r->yh, yajl_dont_validate_strings, 1);
        jrec *j = &r->rec;
        jrec_reset(j, r->yh);
        yajl_status st = yajl_parse(r->yh, (const unsigned char *)t, tl);
        size_t at = yajl_get_bytes_consumed(r->yh);
        if (st == yajl_status_ok) { st = yajl_complete_parse(r->yh); at = tl; }
        if (st == yajl_status_client_canceled) {
            if (j->bad == J_NOMEM) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
            if (j->bad == J_NOT_OBJECT)
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "expected a JSON object");
            /* at the key's opening quote: back from its closing one */
            size_t q = j->bad_at >= 2 && j->bad_at <= tl ? j->bad_at - 2 : 0;
            for (; q > 0; q--) {
                size_t bs = 0;
                while (bs < q && t[q - 1 - bs] == '\\') bs++;
                if (t[q] == '"' && bs % 2 == 0) break;
            }
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, column_at(t, tl, q) + (long)k,
                                "invalid JSON: the key \"%s\" is given twice", j->dup);
        }
        if (st != yajl_status_ok) return json_error(r, err, t, tl, at, k);
        size_t sur = memchr(t, '\\', tl) ? lone_surrogate(t, tl) : tl;
        if (sur < tl)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, column_at(t, tl, sur) + (long)k,
                                "invalid JSON: %.6s is half of a surrogate pair", t + sur);
        if (!j->top) return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "expected a JSON object");
        memset(a, 0, sizeof *a);
        const jval *id = &j->v[K_ID];
        if (id->kind == V_STRING) {
            a->id = id->s;
            if (strlen(a->id) != id->len)
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"id\" contains a NUL character");
        } else if (id->kind == V_INT) a->id = id->s;   /* as written: 20 digits stay 20 digits */
        else if (id->kind != V_NONE)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"id\" must be a string or an integer (not %s)",
                                jkind_name(id->kind));
        else {
            a->id = default_id(r, t, tl, r->lineno);
            if (!a->id) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        }
        const jval *tx = &j->v[K_TEXT];
        if (tx->kind == V_NONE && j->v[K_TITLE].kind == V_NONE && j->v[K_ENTITIES].kind == V_NONE)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "missing \"text\"");
        if (tx->kind != V_NONE && tx->kind != V_STRING)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"text\" must be a string");
        a->text = tx->kind == V_STRING ? tx->s : "";
        a->text_len = tx->kind == V_STRING ? tx->len : 0;
        a->title = jstr(j, K_TITLE, &a->title_len);
        a->url = jstr(j, K_URL, NULL);
        a->published = jstr(j, K_PUBLISHED, NULL);
        if (!a->published) a->published = jstr(j, K_DATE, NULL);
        for (int f = 0; f < 2 && !a->published; f++) {   /* not silently dropped: a Unix time, say */
            int kind = j->v[f ? K_DATE : K_PUBLISHED].kind;
            if (kind != V_NONE && kind != V_NULL)
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1,
                                    "\"%s\" must be a date string such as \"2023-07-11\" (not %s)", f ? "date" : "published",
                                    kind == V_REAL ? "a number" : jkind_name(kind));
        }
        if (a->published && !*a->published) a->published = NULL;
        if (a->published) {
            char why[400];
            if (!ng_date_parse(a->published, 0, r->datebuf, why, sizeof why))
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"published\": %s", why);
            a->published = r->datebuf;
        }
        a->lang = jstr(j, K_LANG, NULL);
        a->source = r->cur_path;
        a->line = r->lineno;
        a->raw = t;
        a->raw_len = tl;
        return 1;
    }
}

int ng_reader_next(ng_reader *r, ng_article *a, ng_error *err) {
    if (r->map) { munmap(r->map, r->maplen); r->map = NULL; }
    for (;;) {
        if (r->f) {
            int rc = next_json(r, a, err);
            if (rc != 0) return rc;
            continue;
        }
        if (!r->nstack) return 0;
        int from_dir = r->stack[r->nstack - 1].from_dir;
        char *path = r->stack[--r->nstack].path;
        free(r->cur_path);
        r->cur_path = path;
        r->lineno = 0;
        int is_stdin = !strcmp(path, "-");
        free(r->cur_id);
        if (!(r->cur_id = input_id(r, path, is_stdin))) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        FILE *f = NULL;
        if (is_stdin) f = stdin;
        else {
            struct stat st;
            if (stat(path, &st) < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
            if (S_ISDIR(st.st_mode)) {
                int rc = expand_dir(r, path, &st, err);
                if (rc) return rc;
                continue;
            }
            /* a FIFO, socket or device met while walking a directory would
             * block or never end: skipped (named explicitly, a FIFO is read
             * as a stream) */
            if (from_dir && !S_ISREG(st.st_mode)) {
                if (r->warn)
                    r->warn(path, S_ISFIFO(st.st_mode) ? "a named pipe in a directory, skipped (name it to read it)"
                                                       : "not a regular file, skipped", r->warn_ud);
                continue;
            }
            f = fopen(path, "rb");
            if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        }
        int kind = r->kind;
        if (kind == NG_INPUT_AUTO) {
            if (has_ext(path, ".jsonl") || has_ext(path, ".ndjson")) kind = NG_INPUT_JSONL;
            else if (is_stdin) {
                int c;
                do {
                    c = getc(f);
                    if (c == '\n') r->lineno++;   /* blank lines still count for line numbers */
                } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
                if (c != EOF) ungetc(c, f);
                kind = c == '{' ? NG_INPUT_JSONL : NG_INPUT_TEXT;
            } else kind = NG_INPUT_TEXT;
        }
        if (kind == NG_INPUT_JSONL) {
            r->f = f;
            r->f_is_stdin = is_stdin;
            continue;
        }
        size_t len = 0;
        struct stat fst;
        if (!is_stdin && fstat(fileno(f), &fst) == 0 && S_ISREG(fst.st_mode) && fst.st_size > 0) {
            /* regular files are mapped: no copy, and the page cache is shared.
             * Up to POPULATE_MAX the pages are mapped at once: the tagger reads
             * them all, and a fault per 64 KB cost ~6 % of a 100 MB article's
             * run on a virtual machine (system time 0.13 -> 0.07 s) */
            int pop = (uint64_t)fst.st_size <= POPULATE_MAX ? MAP_POPULATE : 0;
            void *m = mmap(NULL, (size_t)fst.st_size, PROT_READ, MAP_PRIVATE | pop, fileno(f), 0);
            if (m != MAP_FAILED) {
                fclose(f);
                madvise(m, (size_t)fst.st_size, MADV_SEQUENTIAL);
                r->map = m;
                r->maplen = (size_t)fst.st_size;
                memset(a, 0, sizeof *a);
                a->id = r->cur_id;
                a->text = m;
                a->text_len = (size_t)fst.st_size;
                a->source = path;
                return 1;
            }
        }
        int rc = read_all(r, f, &len);
        if (!is_stdin) fclose(f);
        if (rc) return ng_error_set(err, rc, path, 0, 0, rc == NG_E_NOMEM ? "out of memory" : "read error");
        memset(a, 0, sizeof *a);
        a->id = is_stdin ? default_id(r, r->text, len, 0) : r->cur_id;
        if (!a->id) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        a->text = r->text;
        a->text_len = len;
        a->source = path;
        return 1;
    }
}
