/* Dictionary builder: TSV parsing (dictionaries/README.md) into entities
 * and aliases, all or nothing per text; compiled by dict_compile.c. */
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

/* The attribute an alias a[0..n) starts with ("Name<TAB>case=capitalised":
 * an attribute written where the aliases go would be tagged as text and
 * never applied), or NULL. */
static const char *alias_attr(const char *a, size_t n) {
    static const char *const keys[] = {"priority=", "case=", "inflect=", "lang=", "date=", "lint="};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (n > strlen(keys[k]) && !strncmp(a, keys[k], strlen(keys[k]))) return keys[k];
    return NULL;
}

/* The offset of the first byte of s[0..len) that the loader refuses in a
 * line (invalid UTF-8, NUL, a control character: C0 but a tab when tab_ok,
 * DEL, C1), with *what saying which; len when there is none. */
static size_t first_bad(const char *s, size_t len, int tab_ok, const char **what) {
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = ng_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (n < 0) { *what = "invalid UTF-8"; return i; }
        if (cp == 0) { *what = "NUL byte in line"; return i; }
        if ((cp < 0x20 && !(tab_ok && cp == '\t')) || (cp >= 0x7F && cp < 0xA0)) {   /* C0, DEL, C1 */
            *what = "control character in line";
            return i;
        }
        i += (size_t)n;
    }
    return len;
}

/* Is s[0..len) text the loader takes inside a field (no tab either)? */
static int field_text(const char *s, size_t len) {
    const char *what;
    return first_bad(s, len, 0, &what) == len;
}

int ng_dict_alias_plain(const char *s, size_t len) {
    if (!s || !field_text(s, len)) return 0;
    size_t a = 0, e = len;
    while (a < e && s[a] == ' ') a++;
    while (e > a && s[e - 1] == ' ') e--;
    if (a == e || s[a] == '=' || s[a] == '~' || s[a] == '^' || alias_attr(s + a, e - a) || memchr(s + a, '|', e - a))
        return 0;
    return has_alnum(s + a, e - a);
}

int ng_dict_name_plain(const char *s, size_t len) {
    return s && field_text(s, len) && has_alnum(s, len);
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
    const char *what;
    size_t bad = first_bad(line, len, 1, &what);
    if (bad < len) return parse_err(err, name, lineno, line, bad, what);
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
    size_t tl = strspn(pl->type, NG_TYPE_CHARS);
    if (pl->type[tl]) {
        rc = parse_err(err, name, lineno, line, pl->type + tl - pl->buf, "type must be letters, digits, '_' or '-' (e.g. PER, ORG, LOC, EVENT)");
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
            const char *key = alias_attr(a + s, e - s);
            if (key) {
                snprintf(msg, sizeof msg, "'%.*s' is an attribute in the aliases column: attributes come after it "
                         "(leave it empty when there is no alias: NAME<TAB><TAB>%s...)", (int)(e - s > 60 ? 60 : e - s),
                         a + s, key);
                rc = parse_err(err, name, lineno, line, a - pl->buf + s, msg);
                goto fail;
            }
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
        } else if (!strcmp(kv, "date")) {
            /* YYYY[-MM[-DD]] or a range START/END (END not before START) */
            char a[11], z[11], why[300], part[64];
            const char *slash = strchr(val, '/');
            size_t l1 = slash ? (size_t)(slash - val) : strlen(val);
            snprintf(part, sizeof part, "%.*s", (int)(l1 < 63 ? l1 : 63), val);
            if (!ng_date_parse(part, 1, a, why, sizeof why) || (slash && !ng_date_parse(slash + 1, 1, z, why, sizeof why))) {
                free(attrs);
                rc = ng_error_set(err, NG_E_PARSE, name, lineno, ng_col_of(line, offs[c] + (size_t)(eq - kv) + 1),
                                  "date: %s", why);
                goto fail;
            }
            if (slash && strcmp(z, a) < 0) {
                free(attrs);
                rc = ng_error_set(err, NG_E_PARSE, name, lineno, ng_col_of(line, offs[c] + (size_t)(eq - kv) + 1),
                                  "date: the range %s ends before it starts", val);
                goto fail;
            }
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

/* The canonical name as output calls it: without the '=', '~' or '^' that
 * sets how it is matched (as an alias's). */
static const char *bare_name(const char *nm) {
    if (*nm == '=' || *nm == '~' || *nm == '^') {
        nm++;
        while (*nm == ' ') nm++;
    }
    return nm;
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
    /* compiled files are not TSV (their bytes would be "control characters") */
    if (len >= 8 && !memcmp(data, NG_IMAGE_MAGIC, 8))
        return ng_error_set(err, NG_E_FORMAT, name, 0, 0, "a compiled dictionary (dict compile's output), not TSV: "
                            "give the TSV it was made from, or load it as it is (tag --dict)");
    if (len >= 7 && !memcmp(data, "NGNAMES", 7))
        return ng_error_set(err, NG_E_FORMAT, name, 0, 0, "a compiled given-name list (dict compile-names' output), "
                            "not a dictionary: give it as --names");
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
            b_entity ne = {strdup(pl->id), strdup(pl->type), strdup(bare_name(pl->name)), strdup(pl->attrs),
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
