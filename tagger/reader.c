/* Article reader: files, directories (recursive, sorted by name), standard
 * input; plain text (one article per file) or JSON Lines (jansson). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <jansson.h>
#include "tagger.h"
#include "base_internal.h"

typedef struct pending { char *path; int from_dir; } pending;

struct ng_reader {
    int kind;
    pending *stack; size_t nstack, cap;
    /* visited directories (loop detection) */
    dev_t *vdev; ino_t *vino; size_t nvis, viscap;
    /* current jsonl stream */
    FILE *f; int f_is_stdin; char *cur_path; long lineno;
    char *line; size_t linecap;
    json_t *json;
    char *text; size_t textcap;   /* text read from a stream */
    void *map; size_t maplen;     /* text file mapped into memory */
    char idbuf[64];
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
    if (r->json) json_decref(r->json);
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

static const char *jstr(json_t *o, const char *key, size_t *len) {
    json_t *v = json_object_get(o, key);
    if (json_is_string(v)) {
        if (len) *len = json_string_length(v);
        return json_string_value(v);
    }
    return NULL;
}

/* A copy of the JSON text with every integer of 19 digits or more and
 * every number beyond a double (outside strings) in quotes; NULL when out
 * of memory. NUL bytes cannot occur
 * outside strings in valid JSON, and inside strings they are escaped. */
static char *quote_big_ints(const char *t, size_t len) {
    char *q = malloc(len * 3 + 1), *o = q;
    if (!q) return NULL;
    int in_str = 0;
    for (size_t i = 0; i < len;) {
        char c = t[i];
        if (in_str) {
            *o++ = c; i++;
            if (c == '\\' && i < len) *o++ = t[i++];
            else if (c == '"') in_str = 0;
            continue;
        }
        if (c == '"') { in_str = 1; *o++ = c; i++; continue; }
        if ((c == '-' || (c >= '0' && c <= '9')) && (i == 0 || !((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '.' ||
                                                                t[i - 1] == 'e' || t[i - 1] == 'E' || t[i - 1] == '+' || t[i - 1] == '-'))) {
            size_t j = i + (c == '-');
            while (j < len && t[j] >= '0' && t[j] <= '9') j++;
            int is_int = j == len || (t[j] != '.' && t[j] != 'e' && t[j] != 'E'), quote = 0;
            if (is_int) quote = j - i - (c == '-') >= 19;
            else {
                /* a fraction and exponent: quoted when beyond a double (1e400) */
                while (j < len && ((t[j] >= '0' && t[j] <= '9') || t[j] == '.' || t[j] == 'e' || t[j] == 'E' ||
                                   ((t[j] == '+' || t[j] == '-') && (t[j - 1] == 'e' || t[j - 1] == 'E'))))
                    j++;
                char num[64];
                if (j - i < sizeof num) {
                    memcpy(num, t + i, j - i);
                    num[j - i] = 0;
                    quote = isinf(strtod(num, NULL));
                } else quote = 1;
            }
            if (quote) {
                *o++ = '"'; memcpy(o, t + i, j - i); o += j - i; *o++ = '"';
            } else { memcpy(o, t + i, j - i); o += j - i; }
            i = j;
            continue;
        }
        *o++ = c; i++;
    }
    *o = 0;
    return q;
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
        if (r->json) { json_decref(r->json); r->json = NULL; }
        json_error_t je;
        json_t *o = json_loadb(r->line + k, len - k, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
        if (!o && (strstr(je.text, "too big") || strstr(je.text, "overflow"))) {
            /* an integer beyond 64 bits (a 20-digit id) or a number beyond
             * a double: read again with such numbers as text, where only
             * text matters */
            char *q = quote_big_ints(r->line + k, len - k);
            if (q) {
                json_error_t je2;
                o = json_loadb(q, strlen(q), JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je2);
                free(q);
            }
        }
        if (!o)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, je.column > 0 ? je.column : 1,
                                "invalid JSON: %s", je.text);
        r->json = o;
        if (!json_is_object(o))
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "expected a JSON object");
        memset(a, 0, sizeof *a);
        json_t *id = json_object_get(o, "id");
        if (json_is_string(id)) {
            a->id = json_string_value(id);
            if (strlen(a->id) != json_string_length(id))
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"id\" contains a NUL character");
        } else if (json_is_integer(id)) {
            snprintf(r->idbuf, sizeof r->idbuf, "%lld", (long long)json_integer_value(id));
            a->id = r->idbuf;
        } else if (id)
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"id\" must be a string or an integer (not %s)",
                                json_is_real(id) ? "a number with a fraction or exponent" : json_is_boolean(id) ? "true or false"
                                : json_is_null(id) ? "null" : json_is_array(id) ? "an array" : "an object");
        else {
            a->id = default_id(r, r->line + k, len - k, r->lineno);
            if (!a->id) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        }
        json_t *tx = json_object_get(o, "text");
        if (!tx && !json_object_get(o, "title") && !json_object_get(o, "entities"))
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "missing \"text\"");
        if (tx && !json_is_string(tx))
            return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"text\" must be a string");
        a->text = tx ? json_string_value(tx) : "";
        a->text_len = tx ? json_string_length(tx) : 0;
        a->title = jstr(o, "title", &a->title_len);
        a->url = jstr(o, "url", NULL);
        a->published = jstr(o, "published", NULL);
        if (!a->published) a->published = jstr(o, "date", NULL);
        for (int f = 0; f < 2 && !a->published; f++) {   /* not silently dropped: a Unix time, say */
            json_t *pv = json_object_get(o, f ? "date" : "published");
            if (pv && !json_is_null(pv))
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1,
                                    "\"%s\" must be a date string such as \"2023-07-11\" (not %s)", f ? "date" : "published",
                                    json_is_number(pv) ? "a number" : json_is_boolean(pv) ? "true or false"
                                    : json_is_array(pv) ? "an array" : "an object");
        }
        if (a->published && !*a->published) a->published = NULL;
        if (a->published) {
            char why[400];
            if (!ng_date_parse(a->published, 0, r->datebuf, why, sizeof why))
                return ng_error_set(err, NG_E_PARSE, r->cur_path, r->lineno, 1, "\"published\": %s", why);
            a->published = r->datebuf;
        }
        a->lang = jstr(o, "lang", NULL);
        a->source = r->cur_path;
        a->line = r->lineno;
        a->raw = r->line + k;
        a->raw_len = len - k;
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
            /* regular files are mapped: no copy, and the page cache is shared */
            void *m = mmap(NULL, (size_t)fst.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
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
