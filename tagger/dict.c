/* Dictionaries: TSV parsing (builder), compilation into the image described
 * in dict.h, saving, loading (mmap) and verification. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <utf8proc.h>
#include "base_internal.h"
#include "dict.h"
#include "inflect.h"
#include "norm.h"

#define MAX_LINE (1u << 20)

/* ---------- small growable vectors ---------- */
#define VEC(T) struct { T *v; size_t n, cap; }
/* Appends x; -1 when out of memory (the vector is then unchanged). */
#define VEC_PUSH(vec, x) (((vec).n < (vec).cap || !ng_grow((void **)&(vec).v, &(vec).cap, (vec).n + 1, \
                                                         sizeof *(vec).v)) ? ((vec).v[(vec).n++] = (x), 0) : -1)

/* ---------- builder ---------- */
/* CASE_CAPITALISED: any case, but the first letter of the text must be a
 * capital (Суми, СУМИ, not суми), inflected forms too. */
enum { CASE_AUTO = 0, CASE_SENSITIVE = 1, CASE_INSENSITIVE = 2, CASE_CAPITALISED = 3 };

typedef struct b_entity {
    char *id, *type, *name, *attrs;
    int priority, case_policy, inflect, lang;
    char *src;        /* "file:line" where first defined */
} b_entity;

typedef struct b_alias {
    uint32_t entity;
    char *text;
    int case_policy;  /* per-alias override (= and ~ prefixes) */
} b_alias;

struct ng_dict_builder {
    VEC(b_entity) ent;
    VEC(b_alias) alias;
    /* id -> entity index: open addressing */
    uint32_t *idmap;   /* index+1 */
    size_t idmask;
};

ng_dict_builder *ng_dict_builder_new(void) {
    ng_norm_init();
    return calloc(1, sizeof(ng_dict_builder));
}

void ng_dict_builder_free(ng_dict_builder *b) {
    if (!b) return;
    for (size_t i = 0; i < b->ent.n; i++) {
        b_entity *e = &b->ent.v[i];
        free(e->id); free(e->type); free(e->name); free(e->attrs); free(e->src);
    }
    for (size_t i = 0; i < b->alias.n; i++) free(b->alias.v[i].text);
    free(b->ent.v);
    free(b->alias.v);
    free(b->idmap);
    free(b);
}

static long idmap_find(const ng_dict_builder *b, const char *id) {
    if (!b->idmap) return -1;
    uint64_t h = ng_hash(id, strlen(id));
    for (size_t i = h & b->idmask;; i = (i + 1) & b->idmask) {
        uint32_t v = b->idmap[i];
        if (!v) return -1;
        if (!strcmp(b->ent.v[v - 1].id, id)) return (long)v - 1;
    }
}

static int idmap_rebuild(ng_dict_builder *b, size_t want) {
    size_t size = 16;
    while (size < want * 2) size <<= 1;
    uint32_t *m = calloc(size, sizeof *m);
    if (!m) return NG_E_NOMEM;
    free(b->idmap);
    b->idmap = m;
    b->idmask = size - 1;
    for (size_t e = 0; e < b->ent.n; e++) {
        const char *id = b->ent.v[e].id;
        uint64_t h = ng_hash(id, strlen(id));
        size_t i = h & b->idmask;
        while (m[i]) i = (i + 1) & b->idmask;
        m[i] = (uint32_t)e + 1;
    }
    return NG_OK;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/* Does s[0..n) contain a letter or digit? */
static int has_alnum(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ng_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k < 0) return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) return 1;
        if (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) return 1;
        i += k;
    }
    return 0;
}

/* One parsed line (pointers into the line copy). */
typedef struct p_line {
    long lineno;
    char *buf;                 /* owned copy of the line, fields NUL-terminated in place */
    char *id, *type, *name;
    char *aliases;             /* may be NULL */
    char *attrs;               /* joined attribute columns, may be "" */
    int priority, case_policy, inflect, has_priority, has_case, has_inflect, lang;
} p_line;

static int parse_err(ng_error *err, const char *name, long lineno, const char *line, size_t off,
                     const char *msg) {
    return ng_error_set(err, NG_E_PARSE, name, lineno, ng_col_of(line, off), "%s", msg);
}

/* Parses one non-blank, non-comment line. 'line' is NUL-terminated (len bytes). */
static int parse_line(const char *name, long lineno, const char *line, size_t len, p_line *pl,
                      ng_error *err) {
    char msg[300];
    /* validate UTF-8 and control characters */
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = ng_utf8_decode((const unsigned char *)line + i, len - i, &cp);
        if (n < 0) return parse_err(err, name, lineno, line, i, "invalid UTF-8");
        if (cp == 0) return parse_err(err, name, lineno, line, i, "NUL byte in line");
        if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0))   /* C0, DEL, C1 */
            return parse_err(err, name, lineno, line, i, "control character in line");
        i += n;
    }
    memset(pl, 0, sizeof *pl);
    pl->lineno = lineno;
    pl->inflect = 1;
    pl->buf = ng_strndup(line, len);
    if (!pl->buf) return ng_error_set(err, NG_E_NOMEM, name, lineno, 0, NULL);
    char *cols[4096];
    size_t offs[4096], ncol = 0;
    char *p = pl->buf;
    for (;;) {
        if (ncol == 4096) { size_t o = p - pl->buf; free(pl->buf); return parse_err(err, name, lineno, line, o, "too many columns"); }
        offs[ncol] = p - pl->buf;
        cols[ncol++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
    }
    int rc = NG_OK;
    if (ncol < 3) {
        snprintf(msg, sizeof msg, "expected at least 3 tab-separated columns (id, type, name), found %zu", ncol);
        rc = parse_err(err, name, lineno, line, len, msg);
        goto fail;
    }
    pl->id = cols[0];
    if (!*pl->id) { rc = parse_err(err, name, lineno, line, 0, "empty id"); goto fail; }
    for (char *c = pl->id; *c; c++)
        if (*c == ' ' || *c == '|') { rc = parse_err(err, name, lineno, line, c - pl->buf, "id contains a space or '|'"); goto fail; }
    if (strlen(pl->id) > 256) { rc = parse_err(err, name, lineno, line, 0, "id longer than 256 bytes"); goto fail; }
    if (!strncmp(pl->id, "per:", 4)) {
        /* the name rules make such ids: a dictionary entity would merge with them */
        rc = parse_err(err, name, lineno, line, 0, "id prefix 'per:' is reserved for people found by the name rules");
        goto fail;
    }
    pl->type = cols[1];
    if (!*pl->type) { rc = parse_err(err, name, lineno, line, offs[1], "empty type"); goto fail; }
    for (char *c = pl->type; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-')) {
            rc = parse_err(err, name, lineno, line, c - pl->buf, "type must be letters, digits, '_' or '-' (e.g. PER, ORG, LOC, EVENT)");
            goto fail;
        }
    /* name: trimmed */
    char *nm = cols[2];
    while (*nm == ' ') nm++;
    char *ne = nm + strlen(nm);
    while (ne > nm && is_ws(ne[-1])) *--ne = 0;
    if (!*nm) { rc = parse_err(err, name, lineno, line, offs[2], "empty name"); goto fail; }
    if (!has_alnum(nm, ne - nm)) { rc = parse_err(err, name, lineno, line, offs[2], "name has no letter or digit"); goto fail; }
    pl->name = nm;
    /* aliases: validate each */
    if (ncol > 3 && *cols[3]) {
        pl->aliases = cols[3];
        char *a = cols[3];
        for (;;) {
            char *bar = strchr(a, '|');
            size_t alen = bar ? (size_t)(bar - a) : strlen(a);
            size_t s = 0;
            while (s < alen && a[s] == ' ') s++;
            size_t e = alen;
            while (e > s && a[e - 1] == ' ') e--;
            size_t body = s;
            if (e > body && (a[body] == '=' || a[body] == '~' || a[body] == '^')) body++;
            if (e == body) { rc = parse_err(err, name, lineno, line, a - pl->buf, "empty alias"); goto fail; }
            if (!has_alnum(a + body, e - body)) { rc = parse_err(err, name, lineno, line, a - pl->buf + s, "alias has no letter or digit"); goto fail; }
            if (!bar) break;
            a = bar + 1;
        }
    }
    /* attributes */
    size_t alen = 0;
    for (size_t c = 4; c < ncol; c++) alen += strlen(cols[c]) + 1;
    char *attrs = malloc(alen + 1), *w = attrs;
    if (!attrs) { rc = ng_error_set(err, NG_E_NOMEM, name, lineno, 0, NULL); goto fail; }
    *w = 0;
    for (size_t c = 4; c < ncol; c++) {
        char *kv = cols[c];
        if (!*kv) continue;
        char *eq = strchr(kv, '=');
        if (!eq || eq == kv) {
            free(attrs);
            rc = parse_err(err, name, lineno, line, offs[c], "attribute must be key=value");
            goto fail;
        }
        *eq = 0;
        const char *val = eq + 1;
        int bad = 0;
        if (!strcmp(kv, "priority")) {
            char *end; long v = strtol(val, &end, 10);
            if (!*val || *end || v < -1000000 || v > 1000000) bad = 1;
            pl->priority = (int)v; pl->has_priority = 1;
        } else if (!strcmp(kv, "case")) {
            if (!strcmp(val, "sensitive")) pl->case_policy = CASE_SENSITIVE;
            else if (!strcmp(val, "insensitive")) pl->case_policy = CASE_INSENSITIVE;
            else if (!strcmp(val, "auto")) pl->case_policy = CASE_AUTO;
            else if (!strcmp(val, "capitalised") || !strcmp(val, "capitalized")) pl->case_policy = CASE_CAPITALISED;
            else bad = 1;
            pl->has_case = 1;
        } else if (!strcmp(kv, "inflect")) {
            if (!strcmp(val, "yes")) pl->inflect = 1;
            else if (!strcmp(val, "no")) pl->inflect = 0;
            else bad = 1;
            pl->has_inflect = 1;
        } else if (!strcmp(kv, "lang")) {
            pl->lang = !strcmp(val, "uk") ? NG_LANG_UK : !strcmp(val, "ru") ? NG_LANG_RU : NG_LANG_UNKNOWN;
        }
        if (bad) {
            snprintf(msg, sizeof msg, "invalid value for attribute '%s'", kv);
            free(attrs);
            rc = parse_err(err, name, lineno, line, offs[c] + (eq - kv) + 1, msg);
            goto fail;
        }
        *eq = '=';
        if (w != attrs) *w++ = '\t';
        size_t l = strlen(kv);
        memcpy(w, kv, l);
        w += l;
        *w = 0;
    }
    pl->attrs = attrs;
    return NG_OK;
fail:
    free(pl->buf);
    pl->buf = NULL;
    return rc;
}

static int cmp_line(const void *x, const void *y) {
    const p_line *a = *(p_line *const *)x, *b = *(p_line *const *)y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->lineno < b->lineno ? -1 : a->lineno > b->lineno);
}

static void free_lines(p_line *v, size_t n) {
    for (size_t i = 0; i < n; i++) { free(v[i].buf); free(v[i].attrs); }
    free(v);
}

static int add_alias(ng_dict_builder *b, uint32_t e, const char *s, size_t n) {
    while (n && *s == ' ') { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    int cp = CASE_AUTO;
    if (n && *s == '=') { cp = CASE_SENSITIVE; s++; n--; }
    else if (n && *s == '~') { cp = CASE_INSENSITIVE; s++; n--; }
    else if (n && *s == '^') { cp = CASE_CAPITALISED; s++; n--; }
    while (n && *s == ' ') { s++; n--; }
    b_alias a = {e, ng_strndup(s, n), cp};
    if (!a.text || VEC_PUSH(b->alias, a)) { free(a.text); return NG_E_NOMEM; }
    return NG_OK;
}

/* merge "k=v\tk=v" lists: later keys override */
static char *merge_attrs(const char *old, const char *add) {
    if (!*add) return strdup(old);
    if (!*old) return strdup(add);
    size_t cap = strlen(old) + strlen(add) + 2;
    char *out = malloc(cap);
    if (!out) return NULL;
    out[0] = 0;
    char *copy = strdup(old);
    if (!copy) { free(out); return NULL; }
    for (char *tok = strtok(copy, "\t"); tok; tok = strtok(NULL, "\t")) {
        const char *eq = strchr(tok, '=');
        size_t klen = eq ? (size_t)(eq - tok) : strlen(tok);
        int overridden = 0;
        for (const char *p = add; *p;) {
            const char *end = strchr(p, '\t');
            size_t l = end ? (size_t)(end - p) : strlen(p);
            if (l > klen && p[klen] == '=' && !strncmp(p, tok, klen)) overridden = 1;
            p += l + (end ? 1 : 0);
            if (!end) break;
        }
        if (!overridden) {
            if (out[0]) strcat(out, "\t");
            strcat(out, tok);
        }
    }
    free(copy);
    if (out[0]) strcat(out, "\t");
    strcat(out, add);
    return out;
}

int ng_dict_builder_add_tsv(ng_dict_builder *b, const char *name, const char *data, size_t len,
                            ng_error *err) {
    if (!b || (!data && len)) return ng_error_set(err, NG_E_ARG, name, 0, 0, "invalid argument");
    if (!name) name = "<dictionary>";
    VEC(p_line) lines = {0};
    int rc = NG_OK;
    size_t pos = 0;
    long lineno = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) pos = 3;
    while (pos < len) {
        lineno++;
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t l = end - pos;
        const char *line = data + pos;
        pos = nl ? end + 1 : len;
        if (l && line[l - 1] == '\r') l--;
        if (l > MAX_LINE) {
            rc = ng_error_set(err, NG_E_PARSE, name, lineno, 1, "line too long (%zu bytes; the limit is %u)", l, MAX_LINE);
            goto out;
        }
        size_t k = 0;
        while (k < l && is_ws(line[k])) k++;
        if (k == l || line[k] == '#') continue;
        char *copy = ng_strndup(line, l);
        if (!copy) { rc = ng_error_set(err, NG_E_NOMEM, name, lineno, 0, NULL); goto out; }
        p_line pl;
        rc = parse_line(name, lineno, copy, l, &pl, err);
        free(copy);
        if (rc) goto out;
        if (VEC_PUSH(lines, pl)) { free(pl.buf); free(pl.attrs); rc = ng_error_set(err, NG_E_NOMEM, name, lineno, 0, NULL); goto out; }
    }
    /* conflicts: same id with another type, in this text or before */
    for (size_t i = 0; i < lines.n; i++) {
        p_line *pl = &lines.v[i];
        long e = idmap_find(b, pl->id);
        if (e >= 0 && strcmp(b->ent.v[e].type, pl->type)) {
            rc = ng_error_set(err, NG_E_PARSE, name, pl->lineno, ng_col_of(pl->buf, pl->type - pl->buf),
                              "conflicting duplicate id '%s': type %s here, %s at %s", pl->id, pl->type,
                              b->ent.v[e].type, b->ent.v[e].src);
            goto out;
        }
    }
    /* conflicts within this text: sort line pointers by id */
    if (lines.n > 1) {
        p_line **ord = malloc(lines.n * sizeof *ord);
        if (!ord) { rc = ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL); goto out; }
        for (size_t i = 0; i < lines.n; i++) ord[i] = &lines.v[i];
        qsort(ord, lines.n, sizeof *ord, cmp_line);
        for (size_t i = 1; i < lines.n && !rc; i++)
            if (!strcmp(ord[i]->id, ord[i - 1]->id) && strcmp(ord[i]->type, ord[i - 1]->type)) {
                p_line *a = ord[i], *o = ord[i - 1];
                rc = ng_error_set(err, NG_E_PARSE, name, a->lineno, ng_col_of(a->buf, a->type - a->buf),
                                  "conflicting duplicate id '%s': type %s here, %s at line %ld", a->id,
                                  a->type, o->type, o->lineno);
            }
        free(ord);
        if (rc) goto out;
    }
    /* apply: everything below can only fail on memory */
    if (b->ent.n + lines.n > (b->idmask + 1) / 2 && idmap_rebuild(b, b->ent.n + lines.n)) {
        rc = ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL);
        goto out;
    }
    for (size_t i = 0; i < lines.n; i++) {
        p_line *pl = &lines.v[i];
        long e = idmap_find(b, pl->id);
        if (e < 0) {
            char src[600];
            snprintf(src, sizeof src, "%s:%ld", name, pl->lineno);
            b_entity ne = {strdup(pl->id), strdup(pl->type), strdup(pl->name), strdup(pl->attrs),
                           pl->priority, pl->case_policy, pl->inflect, pl->lang, strdup(src)};
            if (VEC_PUSH(b->ent, ne)) { rc = ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL); goto out; }
            e = (long)b->ent.n - 1;
            uint64_t h = ng_hash(ne.id, strlen(ne.id));
            size_t k = h & b->idmask;
            while (b->idmap[k]) k = (k + 1) & b->idmask;
            b->idmap[k] = (uint32_t)e + 1;
            add_alias(b, (uint32_t)e, pl->name, strlen(pl->name));
        } else {
            b_entity *be = &b->ent.v[e];
            if (strcmp(be->name, pl->name)) add_alias(b, (uint32_t)e, pl->name, strlen(pl->name));
            if (pl->has_priority) be->priority = pl->priority;
            if (pl->has_case) be->case_policy = pl->case_policy;
            if (pl->has_inflect) be->inflect = pl->inflect;
            if (pl->lang) be->lang = pl->lang;
            char *m = merge_attrs(be->attrs, pl->attrs);
            if (m) { free(be->attrs); be->attrs = m; }
        }
        if (pl->aliases) {
            const char *a = pl->aliases;
            for (;;) {
                const char *bar = strchr(a, '|');
                size_t l = bar ? (size_t)(bar - a) : strlen(a);
                if (add_alias(b, (uint32_t)e, a, l)) { rc = ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL); goto out; }
                if (!bar) break;
                a = bar + 1;
            }
        }
    }
out:
    free_lines(lines.v, lines.n);
    return rc;
}


int ng_dict_builder_add_file(ng_dict_builder *b, const char *path, ng_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return ng_error_set(err, NG_E_IO, path, 0, 0, "is a directory");
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) { fclose(f); return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL); }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) free(buf);
            buf = nb;
        }
    }
    int ioerr = ferror(f);
    fclose(f);
    if (ioerr) { free(buf); return ng_error_set(err, NG_E_IO, path, 0, 0, "read error"); }
    int rc = ng_dict_builder_add_tsv(b, path, buf, n, err);
    free(buf);
    return rc;
}

/* ---------- compilation ---------- */

typedef struct c_out { uint32_t node, entity, cased, flags; } c_out;

typedef struct compiler {
    const ng_dict_builder *b;
    /* string pool */
    char *pool; size_t plen, pcap;
    uint32_t *smap, *slen; size_t smask, sn;   /* interned strings: offset+1, length */
    /* vocabulary */
    VEC(img_token) tok;
    uint64_t *tokhash;         /* full hashes, parallel to tok */
    size_t thcap;
    uint32_t *vmap; size_t vmask;   /* index+1 */
    /* transitions */
    img_tslot *tmap; size_t tmask, tn;
    uint32_t nnodes;           /* nodes are 1..nnodes */
    VEC(c_out) out;
    ng_tokbuf tb;
    /* current alias being added */
    uint32_t cur_entity;
    int cur_cap;               /* its first word starts with a capital */
} compiler;

static int pool_raw(compiler *c, const char *s, size_t n, uint32_t *off);

/* Adds a string to the pool once: equal strings share one offset. */
static int pool_add(compiler *c, const char *s, size_t n, uint32_t *off) {
    uint64_t h = ng_hash(s, n);
    if (c->smap)
        for (size_t i = h & c->smask;; i = (i + 1) & c->smask) {
            uint32_t v = c->smap[i];
            if (!v) break;
            if (!memcmp(c->pool + v - 1, s, n) && c->pool[v - 1 + n] == 0 && c->slen[i] == n) { *off = v - 1; return NG_OK; }
        }
    if (!c->smap || (c->sn + 1) * 2 > c->smask + 1) {
        size_t size = c->smap ? (c->smask + 1) * 2 : 1 << 16;
        uint32_t *m = calloc(size, sizeof *m);
        uint32_t *l = calloc(size, sizeof *l);
        if (!m || !l) { free(m); free(l); return NG_E_NOMEM; }
        for (size_t k = 0; c->smap && k <= c->smask; k++) {
            if (!c->smap[k]) continue;
            const char *p = c->pool + c->smap[k] - 1;
            size_t j = ng_hash(p, c->slen[k]) & (size - 1);
            while (m[j]) j = (j + 1) & (size - 1);
            m[j] = c->smap[k];
            l[j] = c->slen[k];
        }
        free(c->smap); free(c->slen);
        c->smap = m; c->slen = l; c->smask = size - 1;
    }
    int rc = pool_raw(c, s, n, off);
    if (rc) return rc;
    size_t i = h & c->smask;
    while (c->smap[i]) i = (i + 1) & c->smask;
    c->smap[i] = *off + 1;
    c->slen[i] = (uint32_t)n;
    c->sn++;
    return NG_OK;
}

static int pool_raw(compiler *c, const char *s, size_t n, uint32_t *off) {
    if (c->plen + n + 1 > c->pcap) {
        size_t cap = c->pcap ? c->pcap : 1 << 16;
        while (cap < c->plen + n + 1) cap *= 2;
        char *p = realloc(c->pool, cap);
        if (!p) return NG_E_NOMEM;
        c->pool = p;
        c->pcap = cap;
    }
    if (c->plen + n + 1 > 0xFFFFFFF0u) return NG_E_LIMIT;
    *off = (uint32_t)c->plen;
    memcpy(c->pool + c->plen, s, n);
    c->pool[c->plen + n] = 0;
    c->plen += n + 1;
    return NG_OK;
}

static int vmap_grow(compiler *c) {
    size_t size = c->vmask ? (c->vmask + 1) * 2 : 1024;
    uint32_t *m = calloc(size, sizeof *m);
    if (!m) return NG_E_NOMEM;
    for (size_t t = 0; t < c->tok.n; t++) {
        size_t i = c->tokhash[t] & (size - 1);
        while (m[i]) i = (i + 1) & (size - 1);
        m[i] = (uint32_t)t + 1;
    }
    free(c->vmap);
    c->vmap = m;
    c->vmask = size - 1;
    return NG_OK;
}

/* Interns a folded word; returns its token index or a negative code. */
static long intern(compiler *c, const char *s, size_t n, uint64_t h) {
    if (c->vmap) {
        for (size_t i = h & c->vmask;; i = (i + 1) & c->vmask) {
            uint32_t v = c->vmap[i];
            if (!v) break;
            const img_token *t = &c->tok.v[v - 1];
            if (c->tokhash[v - 1] == h && t->len == n && !memcmp(c->pool + t->str, s, n)) return v - 1;
        }
    }
    if (c->tok.n == c->thcap) {
        size_t cap = c->thcap ? c->thcap * 2 : 1024;
        uint64_t *th = realloc(c->tokhash, cap * sizeof *th);
        if (!th) return NG_E_NOMEM;
        c->tokhash = th;
        c->thcap = cap;
    }
    if (!c->vmap || (c->tok.n + 1) * 2 > c->vmask + 1)
        if (vmap_grow(c)) return NG_E_NOMEM;
    img_token t = {0, (uint32_t)n, 0, (uint32_t)(h >> 32)};
    int rc = pool_add(c, s, n, &t.str);
    if (rc) return rc;
    if (VEC_PUSH(c->tok, t)) return NG_E_NOMEM;
    c->tokhash[c->tok.n - 1] = h;
    size_t i = h & c->vmask;
    while (c->vmap[i]) i = (i + 1) & c->vmask;
    c->vmap[i] = (uint32_t)c->tok.n;
    return (long)c->tok.n - 1;
}

static int tmap_grow(compiler *c) {
    size_t size = c->tmask ? (c->tmask + 1) * 2 : 1024;
    img_tslot *m = calloc(size, sizeof *m);
    if (!m) return NG_E_NOMEM;
    for (size_t k = 0; c->tmap && k <= c->tmask; k++) {
        img_tslot *s = &c->tmap[k];
        if (!s->node) continue;
        size_t i = trans_hash(s->node, s->tok) & (size - 1);
        while (m[i].node) i = (i + 1) & (size - 1);
        m[i] = *s;
    }
    free(c->tmap);
    c->tmap = m;
    c->tmask = size - 1;
    return NG_OK;
}

/* Child of node by tok, created if absent. Returns the node or 0 on error. */
static uint32_t child(compiler *c, uint32_t node, uint32_t tok) {
    if (node == 0) {
        img_token *t = &c->tok.v[tok];
        if (!t->root) t->root = ++c->nnodes;
        return t->root;
    }
    if (!c->tmap || (c->tn + 1) * 2 > c->tmask + 1)
        if (tmap_grow(c)) return 0;
    size_t i = trans_hash(node, tok) & c->tmask;
    for (;; i = (i + 1) & c->tmask) {
        img_tslot *s = &c->tmap[i];
        if (!s->node) break;
        if (s->node == node && s->tok == tok) return s->child;
    }
    c->tmap[i].node = node;
    c->tmap[i].tok = tok;
    c->tmap[i].child = ++c->nnodes;
    c->tn++;
    return c->nnodes;
}

/* Adds a sequence of folded words as an alias of the current entity. */
static int add_seq(compiler *c, const char *const *w, const size_t *wl, const uint64_t *wh, size_t n,
                   uint32_t cased, uint32_t flags) {
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        long t = intern(c, w[i], wl[i], wh ? wh[i] : ng_hash(w[i], wl[i]));
        if (t < 0) return (int)t;
        node = child(c, node, (uint32_t)t);
        if (!node) return NG_E_NOMEM;
    }
    if (!node) return NG_OK;
    c_out o = {node, c->cur_entity, cased, flags};
    return VEC_PUSH(c->out, o) ? NG_E_NOMEM : NG_OK;
}

static int emit_inflected(const char *const *words, const size_t *lens, size_t n, void *ud) {
    compiler *c = ud;
    for (size_t i = 0; i < n; i++)
        if (lens[i] == 0 || lens[i] > NG_MAX_TOKEN) return 0;
    return add_seq(c, words, lens, NULL, n, NG_NO_STRING, OUT_INFLECTED | (c->cur_cap ? OUT_NEEDCAP : 0));
}

/* The default case rule: an alias whose letters are all upper case and
 * number at most 6 (NATO, US, EU, ЗСУ, U.S.) is an acronym: case-sensitive. */
static int is_acronym(const ng_tokbuf *tb, size_t first, const char *text) {
    size_t letters = 0;
    for (size_t i = first; i < tb->n; i++) {
        const ng_token *t = &tb->tok[i];
        if (!(t->flags & TK_WORD)) continue;
        if (!(t->flags & TK_ALLUPPER)) {
            /* digits only are neutral; any lower-case letter disqualifies */
            if (t->flags & (TK_LATIN | TK_CYR)) return 0;
            int hasl = 0;
            for (uint32_t k = t->start; k < t->end; k++) if ((unsigned char)text[k] >= 0x80 || ((text[k] | 32) >= 'a' && (text[k] | 32) <= 'z')) hasl = 1;
            if (hasl) return 0;
            continue;
        }
        for (uint32_t k = t->start; k < t->end; k++)
            if (((unsigned char)text[k] & 0xC0) != 0x80) letters++;
    }
    return letters > 0 && letters <= 6;
}

/* NFKC form of tokens [first, n) as written, joined by U+001F. */
static int cased_form(compiler *c, const ng_tokbuf *tb, size_t first, const char *text, uint32_t *off) {
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    if (!buf) return NG_E_NOMEM;
    for (size_t i = first; i < tb->n; i++) {
        char *f; size_t fl;
        const ng_token *t = &tb->tok[i];
        if (ng_norm_cased(text + t->start, t->end - t->start, &f, &fl)) { free(buf); return NG_E_UNICODE; }
        if (len + fl + 2 > cap) {
            while (len + fl + 2 > cap) cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); free(f); return NG_E_NOMEM; }
            buf = nb;
        }
        if (i > first) buf[len++] = 0x1f;
        memcpy(buf + len, f, fl);
        len += fl;
        free(f);
    }
    int rc = pool_add(c, buf, len, off);
    free(buf);
    return rc;
}

static int add_alias_text(compiler *c, const b_entity *e, const b_alias *a) {
    ng_tokbuf *tb = &c->tb;
    ng_tokbuf_reset(tb);
    const char *text = a->text;
    if (ng_tokenize(tb, text, strlen(text))) return NG_E_NOMEM;
    size_t first = 0;
    while (first < tb->n && !(tb->tok[first].flags & TK_WORD)) first++;
    if (first == tb->n) return NG_OK;
    const char *w[256]; size_t wl[256]; uint64_t wh[256];
    size_t n = tb->n - first;
    if (n > 256) return NG_OK;   /* absurdly long alias: cannot match sensibly */
    for (size_t i = 0; i < n; i++) {
        const ng_token *t = &tb->tok[first + i];
        if (t->flags & TK_LONG) return NG_OK;
        w[i] = tb->fold + t->fold;
        wl[i] = t->fold_len;
        wh[i] = t->hash;
    }
    int policy = a->case_policy != CASE_AUTO ? a->case_policy : e->case_policy;
    int cs = policy == CASE_SENSITIVE || (policy == CASE_AUTO && is_acronym(tb, first, text));
    uint32_t cased = NG_NO_STRING;
    if (cs) {
        int rc = cased_form(c, tb, first, text, &cased);
        if (rc) return rc;
    }
    int capd = policy == CASE_CAPITALISED;
    int rc = add_seq(c, w, wl, wh, n, cased, cs ? OUT_CASED : capd ? OUT_NEEDCAP : 0);
    if (rc || cs || !e->inflect) return rc;
    int cyr = 0;
    for (size_t i = first; i < tb->n; i++) cyr |= (tb->tok[i].flags & TK_CYR) != 0;
    c->cur_cap = capd || (tb->tok[first].flags & TK_UPPER1) != 0;
    if (!cyr) return NG_OK;
    ng_inflect_word iw[256];
    for (size_t i = 0; i < n; i++) {
        const ng_token *t = &tb->tok[first + i];
        iw[i].fold = w[i]; iw[i].fold_len = wl[i];
        iw[i].orig = text + t->start; iw[i].orig_len = t->end - t->start;
        iw[i].is_word = (t->flags & TK_WORD) != 0;
    }
    /* the tokbuf is reused by nothing during the callback: words stay valid */
    return ng_inflect_alias(iw, n, e->type, e->lang, emit_inflected, c);
}

static int cmp_out(const void *x, const void *y) {
    const c_out *a = x, *b = y;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    if (a->entity != b->entity) return a->entity < b->entity ? -1 : 1;
    if (a->flags != b->flags) return a->flags < b->flags ? -1 : 1;   /* exact before inflected */
    return a->cased < b->cased ? -1 : a->cased > b->cased;
}

static const ng_dict_builder *sort_b;
static int cmp_id(const void *x, const void *y) {
    return strcmp(sort_b->ent.v[*(const uint32_t *)x].id, sort_b->ent.v[*(const uint32_t *)y].id);
}

static size_t align8(size_t x) { return (x + 7) & ~(size_t)7; }

static void compiler_free(compiler *c) {
    free(c->smap); free(c->slen);
    free(c->pool); free(c->tok.v); free(c->tokhash); free(c->vmap); free(c->tmap); free(c->out.v);
    ng_tokbuf_free(&c->tb);
}

static int image_verify(const unsigned char *base, size_t size, const char *name, int check_sum,
                        int fd, ng_dict *d, ng_error *err);

int ng_dict_builder_finish(ng_dict_builder *b, ng_dict **out, ng_error *err) {
    *out = NULL;
    if (!b) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "invalid argument");
    compiler c = {0};
    c.b = b;
    int rc = NG_OK;
    uint32_t dummy;
    if ((rc = pool_add(&c, "", 0, &dummy))) goto fail;   /* offset 0 = "" */
    /* entity strings */
    size_t ne = b->ent.n;
    img_entity *ent = calloc(ne ? ne : 1, sizeof *ent);
    uint32_t *alias_off = calloc(b->alias.n ? b->alias.n : 1, sizeof *alias_off);
    uint32_t *ids = malloc((ne ? ne : 1) * sizeof *ids);
    size_t *acount = calloc(ne ? ne : 1, sizeof *acount);
    if (!ent || !alias_off || !ids || !acount) { rc = NG_E_NOMEM; goto fail2; }
    for (size_t i = 0; i < ne && !rc; i++) {
        const b_entity *e = &b->ent.v[i];
        rc = pool_add(&c, e->id, strlen(e->id), &ent[i].id);
        if (!rc) rc = pool_add(&c, e->type, strlen(e->type), &ent[i].type);
        if (!rc) rc = pool_add(&c, e->name, strlen(e->name), &ent[i].name);
        if (!rc) rc = pool_add(&c, e->attrs, strlen(e->attrs), &ent[i].attrs);
        ent[i].priority = e->priority;
        ids[i] = (uint32_t)i;
    }
    if (rc) goto fail2;
    /* alias list grouped by entity (counting sort) */
    for (size_t i = 0; i < b->alias.n; i++) acount[b->alias.v[i].entity]++;
    {
        size_t acc = 0;
        for (size_t i = 0; i < ne; i++) { ent[i].alias_first = (uint32_t)acc; acc += acount[i]; acount[i] = ent[i].alias_first; }
        for (size_t i = 0; i < b->alias.n && !rc; i++) {
            const b_alias *a = &b->alias.v[i];
            rc = pool_add(&c, a->text, strlen(a->text), &alias_off[acount[a->entity]++]);
            ent[a->entity].alias_count++;
        }
    }
    if (rc) goto fail2;
    /* the trie */
    for (size_t i = 0; i < b->alias.n && !rc; i++) {
        const b_alias *a = &b->alias.v[i];
        c.cur_entity = a->entity;
        rc = add_alias_text(&c, &b->ent.v[a->entity], a);
    }
    if (rc) goto fail2;
    sort_b = b;
    if (ne) qsort(ids, ne, sizeof *ids, cmp_id);
    if (c.out.n) qsort(c.out.v, c.out.n, sizeof *c.out.v, cmp_out);
    /* dedupe outputs: one per (node, entity, cased); exact form wins */
    size_t no = 0;
    for (size_t i = 0; i < c.out.n; i++) {
        if (no && c.out.v[no - 1].node == c.out.v[i].node && c.out.v[no - 1].entity == c.out.v[i].entity &&
            ((c.out.v[no - 1].flags & OUT_CASED) == (c.out.v[i].flags & OUT_CASED)) &&
            (!(c.out.v[i].flags & OUT_CASED) || !strcmp(c.pool + c.out.v[no - 1].cased, c.pool + c.out.v[i].cased)))
            continue;
        c.out.v[no++] = c.out.v[i];
    }
    c.out.n = no;
    /* vocabulary slots sized for the final token count */
    /* load factor at most 3/4: the scan's working set matters more than probe length */
    size_t vsize = c.tok.n + c.tok.n / 2 + 8, tsize = c.tn + c.tn / 2 + 8;   /* load 2/3 */
    if (c.nnodes >= NODE_TERMINAL) { rc = NG_E_LIMIT; goto fail2; }
    /* which nodes end an alias: flagged in the slots that lead to them */
    unsigned char *term = calloc((size_t)c.nnodes + 2, 1);
    if (!term) { rc = NG_E_NOMEM; goto fail2; }
    for (size_t k = 0; k < c.out.n; k++) term[c.out.v[k].node] = 1;
    /* layout */
    size_t off = align8(sizeof(img_header));
    img_header h = {0};
    memcpy(h.magic, NG_IMAGE_MAGIC, 8);
    h.version = NG_IMAGE_VERSION;
    h.endian = 0x01020304;
    snprintf(h.unicode, sizeof h.unicode, "%s", utf8proc_unicode_version());
    h.n_entities = (uint32_t)ne;
    h.n_aliases = (uint32_t)b->alias.n;
    h.n_tokens = (uint32_t)c.tok.n;
    h.vocab_size = (uint32_t)vsize;
    h.n_nodes = c.nnodes;
    h.trans_size = (uint32_t)tsize;
    h.n_outputs = (uint32_t)c.out.n;
    h.off_entities = off; off = align8(off + ne * sizeof(img_entity));
    h.off_aliases = off; off = align8(off + b->alias.n * sizeof(uint32_t));
    h.off_tokens = off; off = align8(off + c.tok.n * sizeof(img_token));
    h.off_vocab = off; off = align8(off + vsize * sizeof(img_vslot));
    h.off_trans = off; off = align8(off + tsize * sizeof(img_tslot));
    h.off_nodes = off; off = align8(off + ((size_t)c.nnodes + 2) * sizeof(uint32_t));
    h.off_outputs = off; off = align8(off + c.out.n * sizeof(img_output));
    h.off_ids = off; off = align8(off + ne * sizeof(uint32_t));
    h.off_strings = off; h.strings_size = c.plen; off = align8(off + c.plen);
    h.off_vtags = off; off = align8(off + vsize);
    h.file_size = off;
    unsigned char *img = calloc(1, off);
    if (!img) { free(term); rc = NG_E_NOMEM; goto fail2; }
    if (ne) memcpy(img + h.off_entities, ent, ne * sizeof(img_entity));   /* NULL when empty */
    if (b->alias.n) memcpy(img + h.off_aliases, alias_off, b->alias.n * sizeof(uint32_t));
    if (c.tok.n) memcpy(img + h.off_tokens, c.tok.v, c.tok.n * sizeof(img_token));
    img_vslot *vs = (img_vslot *)(img + h.off_vocab);
    for (size_t t = 0; t < c.tok.n; t++) {
        size_t i = home(c.tokhash[t], (uint32_t)vsize);
        while (vs[i].tok1) i = i + 1 == vsize ? 0 : i + 1;
        vs[i].hash = c.tokhash[t];
        img[h.off_vtags + i] = tag_of(c.tokhash[t]);
        vs[i].tok1 = (uint32_t)t + 1;
        vs[i].root = c.tok.v[t].root | (term[c.tok.v[t].root] ? NODE_TERMINAL : 0);
    }
    img_tslot *ts = (img_tslot *)(img + h.off_trans);
    for (size_t k = 0; c.tmap && k <= c.tmask; k++) {
        img_tslot *s = &c.tmap[k];
        if (!s->node) continue;
        size_t i = home(trans_hash(s->node, s->tok), (uint32_t)tsize);
        while (ts[i].node) i = i + 1 == tsize ? 0 : i + 1;
        ts[i] = *s;
        ts[i].child |= term[s->child] ? NODE_TERMINAL : 0;
    }
    uint32_t *nodes = (uint32_t *)(img + h.off_nodes);
    img_output *io = (img_output *)(img + h.off_outputs);
    size_t k = 0;
    for (uint32_t nd = 0; nd <= c.nnodes + 1; nd++) {
        nodes[nd] = (uint32_t)k;
        while (k < c.out.n && c.out.v[k].node == nd) {
            io[k].entity = c.out.v[k].entity;
            io[k].cased = c.out.v[k].cased;
            io[k].flags = c.out.v[k].flags;
            k++;
        }
    }
    free(term);
    if (ne) memcpy(img + h.off_ids, ids, ne * sizeof(uint32_t));
    memcpy(img + h.off_strings, c.pool, c.plen);
    h.checksum = XXH3_64bits(img + sizeof(img_header), off - sizeof(img_header));
    memcpy(img, &h, sizeof h);
    ng_dict *d = calloc(1, sizeof *d);
    if (!d) { free(img); rc = NG_E_NOMEM; goto fail2; }
    rc = image_verify(img, off, "<compiled>", 0, -1, d, err);
    if (rc) { free(img); free(d); goto done; }
    d->mapped = 0;
    *out = d;
fail2:
    if (rc && !*out) ng_error_set(err, rc, NULL, 0, 0, rc == NG_E_LIMIT ? "dictionary too large" : "out of memory");
done:
    free(ent); free(alias_off); free(ids); free(acount);
fail:
    if (rc && !*out && err && !err->code) ng_error_set(err, rc, NULL, 0, 0, NULL);
    compiler_free(&c);
    return rc;
}

/* ---------- image verification, loading, saving ---------- */

/* Drops pages of a mapped image from the resident set once checked. */
static void drop_pages(const void *p, size_t n) {
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
    if (e > a) madvise((void *)a, e - a, MADV_DONTNEED);
}

/* The checksum of the image body, computed by a second thread while the
 * first checks the structure. A mapped file is read through the mapping in
 * 8 MiB blocks, each dropped from the resident set once hashed (twice as
 * fast as reading it again with pread, and the resident set stays small). */
typedef struct sum_job {
    const unsigned char *p;
    size_t n;
    int drop;
    size_t keep_from, keep_to;  /* offsets in p of pages not to drop */
    uint64_t sum;
    const ng_dict *d;           /* not NULL: then check part 2 of the structure */
    const char *name;
    int rc;
    ng_error err;
} sum_job;
static int image_part(const ng_dict *d, int part, const char *name, int drop, ng_error *err);
static void sum_only(sum_job *j);
static void *sum_main(void *arg) {
    sum_job *j = arg;
    sum_only(j);
    if (j->d) j->rc = image_part(j->d, 2, j->name, j->drop, &j->err);
    return NULL;
}
static void sum_only(sum_job *j) {
    if (!j->drop) { j->sum = XXH3_64bits(j->p, j->n); return; }
    XXH3_state_t *st = XXH3_createState();
    if (!st || XXH3_64bits_reset(st) != XXH_OK) {   /* no memory for the state: in one go */
        XXH3_freeState(st);
        j->sum = XXH3_64bits(j->p, j->n);
        return;
    }
    for (size_t done = 0; done < j->n;) {
        size_t k = j->n - done < (8u << 20) ? j->n - done : (8u << 20);
        XXH3_64bits_update(st, j->p + done, k);
        /* (not what matching reads at random: see image_part) */
        if (done + k <= j->keep_from || done >= j->keep_to) drop_pages(j->p + done, k);
        done += k;
    }
    j->sum = XXH3_64bits_digest(st);
    XXH3_freeState(st);
}

static int image_sections(const unsigned char *base, size_t size, const char *name, ng_dict *d, ng_error *err);

static int sect_ok(const img_header *h, uint64_t off, uint64_t count, size_t elt, size_t size) {
    if (off % 8 || off < sizeof *h || off > size) return 0;
    if (count > (size - off) / (elt ? elt : 1)) return 0;
    return 1;
}

/* fd >= 0: 'base' maps that file; what was hashed and checked is dropped
 * from the resident set. */
static int image_verify(const unsigned char *base, size_t size, const char *name, int check_sum,
                        int fd, ng_dict *d, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    if (size < sizeof(img_header) || memcmp(base, NG_IMAGE_MAGIC, 8)) {
        if (size >= 8 && !memcmp(base, NG_IMAGE_MAGIC, 8)) BAD("truncated compiled dictionary (%zu bytes)", size);
        BAD("not a newsgraph compiled dictionary");
    }
    const img_header *h = (const img_header *)base;
    if (h->endian != 0x01020304) BAD("compiled dictionary has the wrong byte order");
    if (h->version != NG_IMAGE_VERSION)
        BAD("compiled dictionary format version %u; this newsgraph reads version %u (recompile with 'newsgraph dict compile')",
            h->version, NG_IMAGE_VERSION);
    if (h->file_size != size) {
        if (h->file_size > size) BAD("truncated compiled dictionary (%zu of %llu bytes)", size, (unsigned long long)h->file_size);
        BAD("compiled dictionary has %zu trailing bytes", size - (size_t)h->file_size);
    }
    if (strncmp(h->unicode, utf8proc_unicode_version(), sizeof h->unicode))
        BAD("compiled dictionary was built with Unicode %.15s; this newsgraph uses Unicode %s (recompile with 'newsgraph dict compile')",
            h->unicode, utf8proc_unicode_version());
    /* the checksum of a large image and part 2 of the structure are
     * checked by a second thread while this one checks parts 0 and 1; a
     * checksum mismatch is reported first, then the first part that fails */
    int drop = fd >= 0;
    int rc = image_sections(base, size, name, d, err);
    sum_job sj = {base + sizeof *h, size - sizeof *h, drop, 0, 0, 0, rc ? NULL : d, name, NG_OK, {0}};
    if (!rc) {   /* the vocabulary and the transitions, adjacent */
        sj.keep_from = h->off_vocab - sizeof *h;
        sj.keep_to = h->off_trans + (size_t)h->trans_size * sizeof(img_tslot) - sizeof *h;
    }
    pthread_t tid;
    int threaded = check_sum && size >= (8u << 20) && pthread_create(&tid, NULL, sum_main, &sj) == 0;
    if (!threaded && check_sum) sum_only(&sj);
    ng_error err1 = {0};
    int rc0 = rc ? rc : image_part(d, 0, name, drop, err);
    int rc1 = rc || rc0 ? NG_OK : image_part(d, 1, name, drop, &err1);
    if (threaded) pthread_join(tid, NULL);
    else if (!rc) sj.rc = image_part(d, 2, name, drop, &sj.err);
    if (check_sum && sj.sum != h->checksum) {
        memset(d, 0, sizeof *d);
        BAD("compiled dictionary is corrupt (checksum mismatch)");
    }
    /* the first failure in the order of the parts */
    if (!rc) rc = rc0;
    if (!rc && rc1) { if (err) *err = err1; rc = rc1; }
    if (!rc && sj.rc) { if (err) *err = sj.err; rc = sj.rc; }
    if (rc) memset(d, 0, sizeof *d);
    return rc;
#undef BAD
}

/* The structure of an image whose header was checked: every section inside
 * the file (image_sections, which also sets d's pointers), then every index
 * the matcher follows in range (image_part 0, 1 and 2, independent of one
 * another: image_verify runs part 2 on the checksum thread). */
static int image_sections(const unsigned char *base, size_t size, const char *name, ng_dict *d, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    const img_header *h = (const img_header *)base;
    if (!sect_ok(h, h->off_entities, h->n_entities, sizeof(img_entity), size) ||
        !sect_ok(h, h->off_aliases, h->n_aliases, 4, size) ||
        !sect_ok(h, h->off_tokens, h->n_tokens, sizeof(img_token), size) ||
        h->vocab_size < 2 || h->trans_size < 2 ||
        !sect_ok(h, h->off_vocab, h->vocab_size, sizeof(img_vslot), size) ||
        !sect_ok(h, h->off_vtags, h->vocab_size, 1, size) ||
        !sect_ok(h, h->off_trans, h->trans_size, sizeof(img_tslot), size) ||
        h->n_nodes > 0xFFFFFFF0u ||
        !sect_ok(h, h->off_nodes, (uint64_t)h->n_nodes + 2, 4, size) ||
        !sect_ok(h, h->off_outputs, h->n_outputs, sizeof(img_output), size) ||
        !sect_ok(h, h->off_ids, h->n_entities, 4, size) ||
        !sect_ok(h, h->off_strings, h->strings_size, 1, size) || h->strings_size == 0 ||
        h->n_tokens >= h->vocab_size)
        BAD("compiled dictionary is corrupt (bad section table)");
    d->base = base;
    d->size = size;
    d->h = h;
    d->ent = (const img_entity *)(base + h->off_entities);
    d->aliases = (const uint32_t *)(base + h->off_aliases);
    d->tok = (const img_token *)(base + h->off_tokens);
    d->vocab = (const img_vslot *)(base + h->off_vocab);
    d->vtags = base + h->off_vtags;
    d->trans = (const img_tslot *)(base + h->off_trans);
    d->nodes = (const uint32_t *)(base + h->off_nodes);
    d->out = (const img_output *)(base + h->off_outputs);
    d->ids = (const uint32_t *)(base + h->off_ids);
    d->str = (const char *)(base + h->off_strings);
    uint64_t ss = h->strings_size;
    if (d->str[ss - 1] != 0) BAD("compiled dictionary is corrupt (strings)");
    return NG_OK;
#undef BAD
}

static int image_part(const ng_dict *d, int part, const char *name, int drop, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    const img_header *h = d->h;
    uint64_t ss = h->strings_size;
    if (part == 0) {
        /* every index the matcher follows is checked once here */
        for (uint32_t i = 0; i < h->n_entities; i++) {
            const img_entity *e = &d->ent[i];
            if (e->id >= ss || e->type >= ss || e->name >= ss || e->attrs >= ss ||
                (uint64_t)e->alias_first + e->alias_count > h->n_aliases || d->ids[i] >= h->n_entities)
                BAD("compiled dictionary is corrupt (entity %u)", i);
        }
        if (drop) drop_pages(d->ent, (size_t)h->n_entities * sizeof *d->ent);
        for (uint32_t i = 0; i < h->n_aliases; i++)
            if (d->aliases[i] >= ss) BAD("compiled dictionary is corrupt (alias %u)", i);
        if (drop) drop_pages(d->aliases, (size_t)h->n_aliases * 4);
        for (uint32_t i = 0; i < h->n_tokens; i++) {
            const img_token *t = &d->tok[i];
            if ((uint64_t)t->str + t->len >= ss || t->root > h->n_nodes) BAD("compiled dictionary is corrupt (token %u)", i);
        }
        if (drop) drop_pages(d->tok, (size_t)h->n_tokens * sizeof *d->tok);
    } else if (part == 1) {
        int empty = 0;
        for (uint64_t i = 0; i < h->vocab_size; i++) {
            if (!d->vocab[i].tok1 != !d->vtags[i] || (d->vtags[i] && d->vtags[i] != tag_of(d->vocab[i].hash)))
                BAD("compiled dictionary is corrupt (vocabulary tags)");
            if (!d->vocab[i].tok1) { empty = 1; continue; }
            if (d->vocab[i].tok1 > h->n_tokens || (d->vocab[i].root & ~NODE_TERMINAL) > h->n_nodes)
                BAD("compiled dictionary is corrupt (vocabulary)");
        }
        if (!empty) BAD("compiled dictionary is corrupt (vocabulary full)");
        /* the vocabulary and the transitions stay mapped: matching reads
         * most of their pages anyway (dropped, they would be faulted in a
         * second time); they are clean file pages the kernel can reclaim */
        empty = 0;
        for (uint64_t i = 0; i < h->trans_size; i++) {
            const img_tslot *s = &d->trans[i];
            if (!s->node) { empty = 1; continue; }
            uint32_t ch = s->child & ~NODE_TERMINAL;
            if (s->node > h->n_nodes || ch > h->n_nodes || ch == 0 || s->tok >= h->n_tokens)
                BAD("compiled dictionary is corrupt (transitions)");
        }
        if (!empty) BAD("compiled dictionary is corrupt (transitions full)");
    } else {
        for (uint64_t i = 0; i <= (uint64_t)h->n_nodes + 1; i++)
            if (d->nodes[i] > h->n_outputs || (i && d->nodes[i] < d->nodes[i - 1]))
                BAD("compiled dictionary is corrupt (nodes)");
        for (uint32_t i = 0; i < h->n_outputs; i++) {
            const img_output *o = &d->out[i];
            if (o->entity >= h->n_entities ||
                ((o->cased != NG_NO_STRING || (o->flags & OUT_CASED)) && o->cased >= ss))   /* the matcher reads it */
                BAD("compiled dictionary is corrupt (outputs)");
        }
    }
    return NG_OK;
#undef BAD
}

int ng_dict_open_image(const void *data, size_t len, const char *name, ng_dict **out, ng_error *err) {
    *out = NULL;
    ng_norm_init();
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy) return ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL);
    memcpy(copy, data, len);
    ng_dict *d = calloc(1, sizeof *d);
    if (!d) { free(copy); return ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL); }
    int rc = image_verify(copy, len, name ? name : "<image>", 1, -1, d, err);
    if (rc) { free(copy); free(d); return rc; }
    *out = d;
    return NG_OK;
}

int ng_dict_is_image(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NG_E_IO;
    char m[8];
    ssize_t n = read(fd, m, 8);
    close(fd);
    if (n < 0) return NG_E_IO;
    return n == 8 && !memcmp(m, NG_IMAGE_MAGIC, 8);
}

int ng_dict_open(const char *path, ng_dict **out, ng_error *err) {
    *out = NULL;
    ng_norm_init();
    int img = ng_dict_is_image(path);
    if (img < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    if (!img) {
        ng_dict_builder *b = ng_dict_builder_new();
        if (!b) return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL);
        int rc = ng_dict_builder_add_file(b, path, err);
        if (!rc) rc = ng_dict_builder_finish(b, out, err);
        ng_dict_builder_free(b);
        return rc;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0) { close(fd); return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot stat"); }
    size_t size = (size_t)st.st_size;
    /* no MAP_POPULATE: verification reads the checksum from the file and
     * drops the sections it checked, so that the resident set holds only
     * what matching touches (faulted in from the page cache) */
    void *base = mmap(NULL, size ? size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) {
        close(fd);
        return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot map: %s", strerror(errno));
    }
    ng_dict *d = calloc(1, sizeof *d);
    if (!d) { close(fd); munmap(base, size); return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL); }
    int rc = image_verify(base, size, path, 1, fd, d, err);
    close(fd);
    if (rc) { munmap(base, size ? size : 1); free(d); return rc; }
    d->mapped = 1;
    *out = d;
    return NG_OK;
}

int ng_dict_save(const ng_dict *d, const char *path, ng_error *err) {
    ng_outfile of;
    int rc = ng_outfile_open(&of, path, err);
    if (rc) return rc;
    const unsigned char *p = d->base;
    size_t left = d->size;
    while (left) {
        ssize_t w = write(of.fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ng_outfile_abort(&of);
            return ng_error_set(err, NG_E_IO, path, 0, 0, "write failed: %s", strerror(e));
        }
        p += w; left -= (size_t)w;
    }
    return ng_outfile_commit(&of, err);
}

void ng_dict_free(ng_dict *d) {
    if (!d) return;
    if (d->mapped) munmap((void *)d->base, d->size ? d->size : 1);
    else free((void *)d->base);
    free(d);
}

size_t ng_dict_entity_count(const ng_dict *d) { return d ? d->h->n_entities : 0; }
size_t ng_dict_alias_count(const ng_dict *d) { return d ? d->h->n_aliases : 0; }

int ng_dict_entity(const ng_dict *d, size_t i, ng_entity *out) {
    if (!d || i >= d->h->n_entities) return NG_E_ARG;
    const img_entity *e = &d->ent[i];
    out->id = d->str + e->id;
    out->type = d->str + e->type;
    out->name = d->str + e->name;
    out->attrs = d->str + e->attrs;
    out->priority = e->priority;
    return NG_OK;
}

long ng_dict_find_id(const ng_dict *d, const char *id) {
    if (!d) return -1;
    size_t lo = 0, hi = d->h->n_entities;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->str + d->ent[d->ids[mid]].id, id);
        if (!c) return d->ids[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

void ng_dict_entity_aliases(const ng_dict *d, size_t i, ng_alias_fn fn, void *userdata) {
    if (!d || i >= d->h->n_entities) return;
    const img_entity *e = &d->ent[i];
    for (uint32_t k = 0; k < e->alias_count; k++) fn(d->str + d->aliases[e->alias_first + k], userdata);
}
