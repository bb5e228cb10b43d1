/* Readers of annotated documents: JSON Lines, brat standoff, CoNLL BIO
 * (see annot.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <ctype.h>
#include <sys/stat.h>
#include <jansson.h>
#include "annot.h"
#include "import.h"
#include "import_internal.h"

int annot_format(const char *name) {
    if (!name || !*name || !strcmp(name, "auto")) return ANNOT_AUTO;
    if (!strcmp(name, "jsonl")) return ANNOT_JSONL;
    if (!strcmp(name, "brat")) return ANNOT_BRAT;
    if (!strcmp(name, "conll") || !strcmp(name, "bio")) return ANNOT_CONLL;
    return -1;
}

void annot_type(const char *type, size_t len, char *out) {
    char t[32];
    if (len >= sizeof t) len = sizeof t - 1;
    memcpy(t, type, len);
    t[len] = 0;
    static const struct { const char *from, *to; } map[] = {
        {"PERS", "PER"}, {"PERSON", "PER"}, {"ORGANIZATION", "ORG"}, {"ORGANISATION", "ORG"},
        {"LOCATION", "LOC"}, {"LOCORG", "LOC"}, {"GPE", "LOC"}, {"GEO", "LOC"},
    };
    for (size_t i = 0; i < len; i++) t[i] = (char)toupper((unsigned char)t[i]);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(t, map[i].from)) { strcpy(out, map[i].to); return; }
    /* as a dictionary spells types (letters, digits, '_', '-'): "Geo
     * Political" is GEO_POLITICAL (the gazetteer was refused at the end) */
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)t[i]) && t[i] != '_' && t[i] != '-') t[i] = '_';
    strcpy(out, len ? t : "UNK");
}

const char *annot_field(const annot_doc *d, unsigned f, size_t *len) {
    *len = f == ANNOT_TITLE ? d->title_len : d->text_len;
    return f == ANNOT_TITLE ? d->title : d->text;
}

void annot_add(annot_doc *d, size_t start, size_t end, unsigned field, const char *type) {
    imp_grow((void **)&d->ents, &d->cap, d->n + 1, sizeof *d->ents);
    annot_ent *e = &d->ents[d->n++];
    e->start = start;
    e->end = end;
    e->field = field;
    annot_type(type, strlen(type), e->type);
}

static int has_ext(const char *p, const char *ext) {
    size_t l = strlen(p), e = strlen(ext);
    return l > e && !strcasecmp(p + l - e, ext);
}

/* ## JSON Lines */
static int read_jsonl(const char *path, annot_doc_fn fn, void *ud, ng_error *err) {
    imp_lines *r;
    int rc = imp_lines_open(path, &r, err);
    if (rc) return rc;
    annot_doc d = {0};
    char *line;
    size_t len;
    while ((rc = imp_lines_next(r, &line, &len, err)) == 1) {
        long ln = imp_lines_number(r);
        size_t a = 0;
        while (a < len && isspace((unsigned char)line[a])) a++;
        if (a == len) continue;
        json_error_t je;
        json_t *o = json_loadb(line, len, 0, &je);
        if (!o || !json_is_object(o)) {
            json_decref(o);
            rc = ng_error_set(err, NG_E_PARSE, path, ln, o ? ng_col_of(line, a) : je.column,
                              "bad record: %s", o ? "not an object" : je.text);
            break;
        }
        json_t *id = json_object_get(o, "id"), *text = json_object_get(o, "text");
        json_t *ents = json_object_get(o, "entities");
        char idbuf[64];
        const char *ids = NULL;
        if (json_is_string(id)) ids = json_string_value(id);
        else if (json_is_integer(id)) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
            ids = idbuf;
        }
        if (!ids || (ents && !json_is_array(ents) && !json_is_null(ents))) {
            json_decref(o);
            rc = ng_error_set(err, NG_E_PARSE, path, ln, ng_col_of(line, a),
                              ids ? "bad record: \"entities\" is not an array" : "bad record: no \"id\"");
            break;
        }
        d.id = (char *)ids;
        d.text = json_is_string(text) ? (char *)json_string_value(text) : NULL;
        d.text_len = d.text ? json_string_length(text) : 0;
        json_t *title = json_object_get(o, "title");
        d.title = json_is_string(title) ? (char *)json_string_value(title) : NULL;
        d.title_len = d.title ? json_string_length(title) : 0;
        d.n = 0;
        d.line = ln;
        d.col = ng_col_of(line, a);
        size_t i;
        json_t *e;
        json_array_foreach(ents, i, e) {
            json_t *s = json_object_get(e, "start"), *en = json_object_get(e, "end");
            json_t *t = json_object_get(e, "type"), *f = json_object_get(e, "field");
            if (!json_is_integer(s) || !json_is_integer(en) || !json_is_string(t) ||
                json_integer_value(s) < 0 || json_integer_value(en) < 0) {
                rc = ng_error_set(err, NG_E_PARSE, path, ln, ng_col_of(line, a),
                                  "bad record: entity %zu needs integer \"start\", \"end\" and a \"type\"", i);
                break;
            }
            const char *fs = json_is_string(f) ? json_string_value(f) : "text";
            if (f && (!json_is_string(f) || (strcmp(fs, "title") && strcmp(fs, "text")))) {
                rc = ng_error_set(err, NG_E_PARSE, path, ln, ng_col_of(line, a),
                                  "bad record: entity %zu: \"field\" must be \"title\" or \"text\"", i);
                break;
            }
            annot_add(&d, (size_t)json_integer_value(s), (size_t)json_integer_value(en),
                      strcmp(fs, "title") ? ANNOT_TEXT : ANNOT_TITLE, json_string_value(t));
        }
        if (rc == 1) {
            int cr = fn(&d, ud);
            if (cr) rc = cr;
        }
        json_decref(o);
        if (rc != 1) break;
    }
    free(d.ents);
    imp_lines_free(r);
    return rc == 1 || rc == 0 ? NG_OK : rc;
}

/* ## brat */
static char *slurp(const char *path, size_t *len, ng_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *b = imp_realloc(NULL, cap);
    size_t k;
    while ((k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) { cap *= 2; b = imp_realloc(b, cap); }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        ng_error_set(err, NG_E_IO, path, 0, 0, "read error");
        return NULL;
    }
    b[n] = 0;
    *len = n;
    return b;
}

/* Byte offset of code point 'cp' in s, or (size_t)-1 past its end. */
static size_t cp_to_byte(const char *s, size_t len, size_t cp) {
    size_t i = 0, c = 0;
    while (i < len && c < cp) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        c++;
    }
    return c == cp ? i : (size_t)-1;
}

/* Is 'written' (an .ann's text column) the n bytes at t? A tab or line
 * break of the text is a space there (brat and 'tag -f brat' write it so). */
static int same_text(const char *written, const char *t, size_t n) {
    if (strlen(written) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (written[i] != t[i] && !(written[i] == ' ' && (t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))) return 0;
    return 1;
}

/* 'idfrom': where the document id starts in 'ann' (the path relative to the
 * directory given, or the base name). */
static int read_brat_file(const char *ann, size_t idfrom, annot_doc_fn fn, void *ud, ng_error *err) {
    char txt[4096];
    size_t al = strlen(ann);
    if (al + 1 > sizeof txt) return ng_error_set(err, NG_E_ARG, ann, 0, 0, "path too long");
    memcpy(txt, ann, al + 1);
    if (has_ext(txt, ".ann")) strcpy(txt + al - 4, ".txt");
    size_t tlen;
    char *text = slurp(txt, &tlen, err);
    if (!text) return err ? err->code : NG_E_IO;
    size_t alen;
    char *a = slurp(ann, &alen, err);
    if (!a) { free(text); return err ? err->code : NG_E_IO; }
    /* UTF-8 both: a span's surface with a bad byte would become a U+FFFD */
    int urc = imp_utf8_check(txt, text, tlen, 1, err);
    if (!urc) urc = imp_utf8_check(ann, a, alen, 1, err);
    if (urc) { free(a); free(text); return urc; }
    /* id: the path without its extension */
    char id[4096];
    memcpy(id, ann + idfrom, al - idfrom + 1);
    if (has_ext(id, ".ann")) id[al - idfrom - 4] = 0;
    annot_doc d = {0};
    d.id = id;
    d.text = text;
    d.text_len = tlen;
    int rc = NG_OK;
    long ln = 0;
    for (char *p = a, *nl; p && *p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl) *nl = 0;
        ln++;
        size_t l = strlen(p);
        if (l && p[l - 1] == '\r') p[--l] = 0;
        if (p[0] != 'T') continue;            /* relations, notes, attributes */
        char *tab = strchr(p, '\t');
        if (!tab) { rc = ng_error_set(err, NG_E_PARSE, ann, ln, 1, "expected a tab after the id"); break; }
        char *spec = tab + 1, *tab2 = strchr(spec, '\t');
        if (tab2) *tab2 = 0;
        const char *written = tab2 ? tab2 + 1 : NULL;   /* the entity's text, as the .ann has it */
        *tab = 0;   /* (p: the T id) */
        char *sp = strchr(spec, ' ');
        /* columns: of the field at fault, in characters of the line */
        long col_spec = ng_col_of(p, (size_t)(spec - p));
        if (!sp) { rc = ng_error_set(err, NG_E_PARSE, ann, ln, col_spec, "expected TYPE START END"); break; }
        long col_off = ng_col_of(p, (size_t)(sp + 1 - p));
        *sp = 0;
        const char *type = spec;
        long long lo = -1, hi = -1;
        char *q = sp + 1, *end;
        lo = strtoll(q, &end, 10);
        if (end == q || *end != ' ') lo = -2;
        else {
            q = end + 1;
            hi = strtoll(q, &end, 10);
            if (end == q) lo = -2;
        }
        if (lo >= 0 && *end == ';') {
            /* a discontinuous entity: no span here can hold it (taking its
             * extent would score the words between as part of it) */
            rc = ng_error_set(err, NG_E_PARSE, ann, ln, col_off, "%s: a discontinuous entity (%s): only contiguous spans "
                              "are read; give each part its own T line", p, sp + 1);
            break;
        }
        if (lo < 0 || hi < lo || (*end && *end != ' ')) {
            rc = ng_error_set(err, NG_E_PARSE, ann, ln, col_off, "%s: bad offsets (TYPE START END)", p);
            break;
        }
        size_t bs = cp_to_byte(text, tlen, (size_t)lo), be = cp_to_byte(text, tlen, (size_t)hi);
        if (bs == (size_t)-1 || be == (size_t)-1) {
            rc = ng_error_set(err, NG_E_PARSE, ann, ln, col_off, "%s: offsets %lld-%lld are past the end of %s", p, lo, hi, txt);
            break;
        }
        if (written && !same_text(written, text + bs, be - bs)) {
            rc = ng_error_set(err, NG_E_PARSE, ann, ln, ng_col_of(p, (size_t)(written - p)),
                              "%s: the text at %lld-%lld is \"%.*s\", the annotation says \"%.200s\" "
                              "(offsets in characters of %s?)", p, lo, hi, (int)(be - bs > 200 ? 200 : be - bs), text + bs,
                              written, txt);
            break;
        }
        annot_add(&d, bs, be, ANNOT_TEXT, type);
    }
    if (rc == NG_OK) rc = fn(&d, ud);
    free(d.ents);
    free(a);
    free(text);
    return rc;
}

static int read_brat_dir(const char *dir, size_t idfrom, annot_doc_fn fn, void *ud, ng_error *err) {
    char **names = NULL;
    size_t n = 0;
    int rc = ng_dir_list(dir, NULL, &names, &n, err);
    if (rc) return rc;
    for (size_t i = 0; i < n && rc == NG_OK; i++) {
        const char *base = strrchr(names[i], '/');
        if ((base ? base[1] : names[i][0]) == '.') continue;   /* hidden files */
        struct stat st;
        if (stat(names[i], &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) rc = read_brat_dir(names[i], idfrom, fn, ud, err);
        else if (has_ext(names[i], ".ann")) rc = read_brat_file(names[i], idfrom, fn, ud, err);
    }
    ng_strv_free(names, n);
    return rc;
}

/* ## CoNLL BIO */
typedef struct conll {
    annot_doc d;
    char *text;
    size_t len, cap;
    long ndoc;
    const char *path;
    char cur[32];       /* type of the open entity, "" if none */
    size_t cur_start, cur_end;
    int any;            /* tokens in this document */
} conll;

static void c_append(conll *c, const char *s, size_t n) {
    if (c->len + n + 1 > c->cap) {
        while (c->len + n + 1 > c->cap) c->cap = c->cap ? c->cap * 2 : 4096;
        c->text = imp_realloc(c->text, c->cap);
    }
    memcpy(c->text + c->len, s, n);
    c->len += n;
    c->text[c->len] = 0;
}

static void c_close(conll *c) {
    if (c->cur[0]) annot_add(&c->d, c->cur_start, c->cur_end, ANNOT_TEXT, c->cur);
    c->cur[0] = 0;
}

static int c_flush(conll *c, annot_doc_fn fn, void *ud) {
    c_close(c);
    int rc = NG_OK;
    if (c->any) {
        char id[4200];
        const char *base = strrchr(c->path, '/');
        snprintf(id, sizeof id, "%s#%ld", base ? base + 1 : c->path, c->ndoc);
        /* drop a trailing newline */
        while (c->len && c->text[c->len - 1] == '\n') c->text[--c->len] = 0;
        c->d.id = id;
        c->d.text = c->text ? c->text : (char *)"";
        c->d.text_len = c->len;
        rc = fn(&c->d, ud);
        c->ndoc++;
    }
    c->d.n = 0;
    c->len = 0;
    if (c->text) c->text[0] = 0;
    c->any = 0;
    return rc;
}

static int read_conll(const char *path, annot_doc_fn fn, void *ud, ng_error *err) {
    imp_lines *r;
    int rc = imp_lines_open(path, &r, err);
    if (rc) return rc;
    conll c = {0};
    c.path = path;
    c.ndoc = 1;
    char *line;
    size_t len;
    int sent_open = 0;
    while ((rc = imp_lines_next(r, &line, &len, err)) == 1) {
        /* fields separated by tabs or spaces */
        char *f[64];
        size_t nf = 0;
        for (char *p = line; *p && nf < 64;) {
            while (*p == ' ' || *p == '\t') p++;
            if (!*p) break;
            f[nf++] = p;
            while (*p && *p != ' ' && *p != '\t') p++;
            if (*p) *p++ = 0;
        }
        if (nf == 0) {  /* sentence boundary */
            c_close(&c);
            if (sent_open) { c_append(&c, "\n", 1); sent_open = 0; }
            continue;
        }
        if (!strcmp(f[0], "-DOCSTART-")) {
            rc = c_flush(&c, fn, ud);
            sent_open = 0;
            if (rc) break;
            continue;
        }
        if (nf < 2) {
            /* (where the tag should be: after the token) */
            rc = ng_error_set(err, NG_E_PARSE, path, imp_lines_number(r), ng_col_of(line, (size_t)(f[0] - line) + strlen(f[0])),
                              "expected a token and a tag");
            break;
        }
        const char *tok = f[0], *tag = f[nf - 1];
        if (sent_open) c_append(&c, " ", 1);
        size_t s = c.len;
        c_append(&c, tok, strlen(tok));
        size_t e = c.len;
        sent_open = 1;
        c.any = 1;
        char ty[32];
        int begin = 0, inside = 0;
        if ((tag[0] == 'B' || tag[0] == 'I' || tag[0] == 'E' || tag[0] == 'S') && tag[1] == '-') {
            annot_type(tag + 2, strlen(tag + 2), ty);
            begin = tag[0] == 'B' || tag[0] == 'S';
            inside = !begin;
        } else if (strcmp(tag, "O") != 0) {
            rc = ng_error_set(err, NG_E_PARSE, path, imp_lines_number(r), ng_col_of(line, (size_t)(tag - line)),
                              "unknown tag \"%s\" (expected B-TYPE, I-TYPE or O)", tag);
            break;
        }
        if (!begin && !inside) { c_close(&c); continue; }
        /* I- continues an open entity of the same type; otherwise (IOB1) it starts one */
        if (inside && c.cur[0] && !strcmp(c.cur, ty)) { c.cur_end = e; continue; }
        c_close(&c);
        strcpy(c.cur, ty);
        c.cur_start = s;
        c.cur_end = e;
    }
    if (rc == 0) rc = c_flush(&c, fn, ud);
    else if (rc == 1) rc = NG_OK;
    free(c.d.ents);
    free(c.text);
    imp_lines_free(r);
    return rc;
}

static int read_any(const char *path, int format, annot_doc_fn fn, void *ud, ng_error *err) {
    if (format == ANNOT_AUTO) {
        struct stat st;
        if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) format = ANNOT_BRAT;
        else if (has_ext(path, ".ann") || has_ext(path, ".txt")) format = ANNOT_BRAT;
        else if (has_ext(path, ".conll") || has_ext(path, ".bio") || has_ext(path, ".iob") ||
                 has_ext(path, ".tsv") || has_ext(path, ".conllu") || has_ext(path, ".testa") ||
                 has_ext(path, ".testb") || has_ext(path, ".train"))
            format = ANNOT_CONLL;
        else format = ANNOT_JSONL;
    }
    switch (format) {
    case ANNOT_JSONL: return read_jsonl(path, fn, ud, err);
    case ANNOT_CONLL: return read_conll(path, fn, ud, err);
    case ANNOT_BRAT: {
        struct stat st;
        if (stat(path, &st) != 0)
            return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        if (S_ISDIR(st.st_mode)) {
            size_t l = strlen(path);
            while (l > 1 && path[l - 1] == '/') l--;
            return read_brat_dir(path, l + 1, fn, ud, err);
        }
        char ann[4096];
        if (has_ext(path, ".txt")) snprintf(ann, sizeof ann, "%.*s.ann", (int)(strlen(path) - 4), path);
        else snprintf(ann, sizeof ann, "%s", path);
        const char *base = strrchr(ann, '/');
        return read_brat_file(ann, base ? (size_t)(base + 1 - ann) : 0, fn, ud, err);
    }
    default: return ng_error_set(err, NG_E_ARG, path, 0, 0, "unknown annotation format");
    }
}

typedef struct read_call { const char *path; int format; annot_doc_fn fn; void *ud; } read_call;

static int read_body(void *ctx, ng_error *err) {
    read_call *c = ctx;
    return read_any(c->path, c->format, c->fn, c->ud, err);
}

int annot_read(const char *path, int format, annot_doc_fn fn, void *ud, ng_error *err) {
    read_call c = {path, format, fn, ud};
    return imp_guard(read_body, &c, path, err);
}
