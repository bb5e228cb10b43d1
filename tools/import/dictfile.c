/* Reader of dictionary TSV with positions (see dictfile.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <utf8proc.h>
#include "dictfile.h"
#include "import_internal.h"

static void set_field(df_field *f, const char *line, size_t a, size_t b) {
    f->text = imp_strndup(line + a, b - a);
    f->col = ng_col_of(line, a);
}

static void parse_line(df_set *set, int file, long lineno, const char *line, size_t len) {
    imp_grow((void **)&set->e, &set->cap, set->n + 1, sizeof *set->e);
    df_entry *e = &set->e[set->n++];
    memset(e, 0, sizeof *e);
    e->file = file;
    e->line = lineno;
    /* what the tagger's loader refuses (tagger/dict_build.c), at the same byte */
    for (size_t i = 0; i < len && !e->bad;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)line + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) e->bad = DF_BAD_UTF8;
        else if ((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0)) e->bad = DF_BAD_CONTROL;   /* C0, DEL, C1 */
        if (e->bad) e->bad_col = ng_col_of(line, i);
        i += k > 0 ? (size_t)k : 1;
    }
    size_t start = 0;
    int fi = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != '\t') continue;
        switch (fi) {
        case 0: set_field(&e->id, line, start, i); break;
        case 1: set_field(&e->type, line, start, i); break;
        case 2: set_field(&e->name, line, start, i); break;
        case 3: {
            size_t a = start;
            for (size_t j = start; j <= i; j++) {
                if (j < i && line[j] != '|') continue;
                if (!(j == i && a == start && j == start)) { /* an empty 4th field means no aliases */
                    e->aliases = imp_realloc(e->aliases, (e->naliases + 1) * sizeof *e->aliases);
                    set_field(&e->aliases[e->naliases++], line, a, j);
                }
                a = j + 1;
            }
            break;
        }
        default:
            if (i == start) break; /* empty attribute field */
            e->attrs = imp_realloc(e->attrs, (e->nattrs + 1) * sizeof *e->attrs);
            set_field(&e->attrs[e->nattrs++], line, start, i);
        }
        fi++;
        start = i + 1;
    }
    e->nfields = fi;
}

static int read_file(df_set *set, const char *path, ng_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    set->files = imp_realloc(set->files, (set->nfiles + 1) * sizeof *set->files);
    int file = (int)set->nfiles;
    set->files[set->nfiles++] = imp_strdup(path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        /* a compiled file, or any binary one (a NUL byte), is no TSV: its
         * "lines" would come out as nonsense fields (the magic is checked on
         * the line read: ng_dict_is_image opens the file again, which would
         * take a pipe's first bytes) */
        const char *nul = memchr(line, 0, len);
        int image = lineno == 1 && len >= 8 && (!memcmp(line, "\x7fNGDICT\n", 8) || !memcmp(line, "NGNAMES", 7));
        if (image || nul) {
            long col = image ? 0 : (long)(nul - line) + 1;
            free(line);
            fclose(f);
            return ng_error_set(err, NG_E_FORMAT, path, lineno, col,
                                image ? "a compiled file (dict compile's output), not dictionary TSV: give the TSV it was made from"
                                      : "NUL byte: a binary file, not dictionary TSV");
        }
        if (len && line[len - 1] == '\n') len--;
        if (len && line[len - 1] == '\r') len--;
        line[len] = 0;
        if (lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) { /* BOM */
            memmove(line, line + 3, len - 2);
            len -= 3;
        }
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == len || line[k] == '#') continue;
        parse_line(set, file, lineno, line, len);
    }
    int bad = ferror(f);
    free(line);
    fclose(f);
    if (bad) return ng_error_set(err, NG_E_IO, path, lineno + 1, 0, "read error");
    return NG_OK;
}

typedef struct read_call { df_set *set; const char *path; } read_call;

static int read_body(void *ctx, ng_error *err) {
    read_call *c = ctx;
    return read_file(c->set, c->path, err);
}

int df_read(df_set *set, const char *path, ng_error *err) {
    read_call c = {set, path};
    return imp_guard(read_body, &c, path, err);
}

static void free_field(df_field *f) { free(f->text); }

void df_free(df_set *set) {
    for (size_t i = 0; i < set->n; i++) {
        df_entry *e = &set->e[i];
        free_field(&e->id);
        free_field(&e->type);
        free_field(&e->name);
        for (size_t j = 0; j < e->naliases; j++) free_field(&e->aliases[j]);
        for (size_t j = 0; j < e->nattrs; j++) free_field(&e->attrs[j]);
        free(e->aliases);
        free(e->attrs);
    }
    free(set->e);
    for (size_t i = 0; i < set->nfiles; i++) free(set->files[i]);
    free(set->files);
    memset(set, 0, sizeof *set);
}

const char *df_attr(const df_entry *e, const char *key) {
    size_t kl = strlen(key);
    for (size_t i = 0; i < e->nattrs; i++)
        if (!strncmp(e->attrs[i].text, key, kl) && e->attrs[i].text[kl] == '=')
            return e->attrs[i].text + kl + 1;
    return NULL;
}

int df_next_letter(const char *s, size_t len, size_t *i, int32_t *cp, int *upper) {
    while (*i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(len - *i), &c);
        if (k <= 0) { (*i)++; continue; }
        *i += (size_t)k;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO) continue;
        *cp = c;
        *upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
        return 1;
    }
    return 0;
}

const char *df_script(const char *s) {
    int latin = 0, cyr = 0, uk = 0, ru = 0, other = 0, up;
    size_t len = strlen(s), i = 0;
    int32_t c;
    while (df_next_letter(s, len, &i, &c, &up)) {
        if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)) latin++;
        else if (c >= 0x400 && c <= 0x52F) {
            cyr++;
            switch (c) {
            case 0x456: case 0x406: case 0x457: case 0x407: case 0x454: case 0x404:
            case 0x491: case 0x490: uk = 1; break;
            case 0x44B: case 0x42B: case 0x44D: case 0x42D: case 0x44A: case 0x42A:
            case 0x451: case 0x401: ru = 1; break;
            default: break;
            }
        } else other++;
    }
    if (!latin && !cyr && !other) return "none";
    if (cyr && cyr >= latin && cyr >= other) return uk && !ru ? "cyrillic-uk" : ru && !uk ? "cyrillic-ru" : "cyrillic";
    if (latin >= other) return "latin";
    return "other";
}
