/* newsgraph dict lint FILE...: finds dictionary entries that are likely to
 * tag the wrong text. Prints "file:line:col: warning: ..." on standard
 * output, sorted by position, and "file:line:col: error: ..." for what
 * makes tag and ingest refuse the file (invalid UTF-8, a control
 * character, and the first error of the loader itself, which loads each
 * file: no lint= attribute silences those); exits 1 if there was any
 * warning or error, 0 if none.
 *
 * Checks (names usable in the lint= attribute, see dictionaries/README.md):
 *   format       fewer than 3 fields, a type of the four in another case
 *                ("Loc"), attribute without '=',
 *                id with spaces or '|'
 *   dup-id       an id defined twice in one file, or in two files with
 *                different types (same type in another file = an extension)
 *   shared       an alias (after case folding) of two different entities
 *   common-word  an alias that is a frequent lower-case word of its language
 *   suspicious   empty alias, outer white space, invisible characters,
 *                over --max-length characters,
 *                no letter or digit, a single letter
 * An entity with lint=ok is not checked; lint=shared,common-word (etc.)
 * silences only those checks. A shared alias is reported unless one of the
 * two entities allows it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <utf8proc.h>
#include "cli.h"
#include "dictfile.h"
#include "import.h"
#include "opts.h"

typedef struct warning {
    int file;
    long line, col;
    size_t seq;
    int error;        /* tag and ingest refuse the file: no lint= silences it */
    char *msg;
} warning;

typedef struct lint {
    df_set set;
    warning *w;
    size_t nw, capw;
    long max_len;
    /* common words: sorted folded words per language */
    struct { const char *lang; imp_words *words; } cw[3];
    int have_cw;
} lint;

/* 'check' names the check ("error": what the loader refuses) */
__attribute__((format(printf, 5, 6)))
static void warn(lint *L, const df_entry *e, long col, const char *check, const char *fmt, ...) {
    if (L->nw == L->capw) {
        L->capw = L->capw ? L->capw * 2 : 64;
        L->w = cli_xrealloc(L->w, L->capw * sizeof *L->w);
    }
    warning *w = &L->w[L->nw];
    w->file = e->file;
    w->line = e->line;
    w->col = col;
    w->seq = L->nw++;
    w->error = !strcmp(check, "error");
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&w->msg, fmt, ap) < 0) cli_fatal_oom();
    va_end(ap);
}

/* What the dictionary loader itself refuses in file 'fi' (a bad attribute
 * value, an impossible date, a line too long, one id with two types ...):
 * the file is loaded as tag loads it and its first error, if lint has not
 * reported it already, is an error at the loader's position. Lint's own
 * checks only look for what tags the wrong text; this keeps "lint is clean"
 * meaning "tag loads it". */
static void loader_errors(lint *L, int fi, const char *path) {
    ng_dict_builder *b = ng_dict_builder_new();
    ng_dict *d = NULL;
    ng_error err = {0};
    if (!b) cli_fatal_oom();
    int rc = ng_dict_builder_add_file(b, path, &err);
    if (rc == NG_OK) rc = ng_dict_builder_finish(b, &d, &err);
    ng_dict_builder_free(b);
    ng_dict_free(d);
    if (rc == NG_OK || rc == NG_E_IO) return;   /* (unreadable: df_read said so) */
    if (rc == NG_E_NOMEM) cli_fatal_oom();
    long line = err.line > 0 ? err.line : 1, col = err.col > 0 ? err.col : 1;
    for (size_t i = 0; i < L->nw; i++)
        if (L->w[i].error && L->w[i].file == fi && L->w[i].line == line) return;
    df_entry at = {0};
    at.file = fi;
    at.line = line;
    warn(L, &at, col, "error", "%s (tag and ingest refuse this file)", err.msg[0] ? err.msg : ng_strerror(rc));
}

static int cmp_warning(const void *a, const void *b) {
    const warning *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Does entity 'e' silence 'check'? */
static int allows(const df_entry *e, const char *check) {
    const char *v = df_attr(e, "lint");
    if (!v) return 0;
    size_t cl = strlen(check);
    for (const char *p = v; *p;) {
        size_t l = strcspn(p, ",");
        if ((l == 2 && !strncmp(p, "ok", 2)) || (l == cl && !strncmp(p, check, cl))) return 1;
        p += l;
        if (*p) p++;
    }
    return 0;
}

static int valid_utf8(const char *s) {
    size_t len = strlen(s);
    return ng_utf8_valid_prefix(s, len) == len;
}

/* The folded form of valid UTF-8 (ng_fold's NULL is then no memory). */
static char *fold(const char *s) {
    size_t n;
    char *f = ng_fold(s, strlen(s), &n);
    if (!f) cli_fatal_oom();
    return f;
}


/* Loads DIR/{en,uk,ru}.txt. Returns the number of lists found (exits when
 * out of memory). */
static int load_common_words(lint *L, const char *dir) {
    static const char *langs[3] = {"en", "uk", "ru"};
    int found = 0;
    for (int i = 0; i < 3; i++) {
        ng_error err = {0};
        L->cw[i].lang = langs[i];
        if (imp_words_load_lang(dir, langs[i], &L->cw[i].words, &err) != NG_OK) cli_fatal_oom();
        found += L->cw[i].words != NULL;
    }
    return found;
}

static void free_common_words(lint *L) {
    for (int i = 0; i < 3; i++) {
        imp_words_free(L->cw[i].words);
        L->cw[i].words = NULL;
    }
}

/* 'folded' is already folded; imp_words_has folds again, which is idempotent. */
static int is_common(const lint *L, int lang, const char *folded) {
    return imp_words_has(L->cw[lang].words, folded);
}

/* ## The alias table: folded alias -> entities that have it */

typedef struct slot {
    char *key;
    size_t *ents;
    size_t n, cap;
} slot;

typedef struct table {
    slot *s;
    size_t cap, used;
} table;

static uint64_t hash(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static slot *table_get(table *t, const char *key, int create) {
    if (create && (t->used + 1) * 2 > t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        slot *ns = cli_xcalloc(nc, sizeof *ns);
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->s[i].key) continue;
            size_t j = hash(t->s[i].key) & (nc - 1);
            while (ns[j].key) j = (j + 1) & (nc - 1);
            ns[j] = t->s[i];
        }
        free(t->s);
        t->s = ns;
        t->cap = nc;
    }
    if (!t->cap) return NULL;
    size_t j = hash(key) & (t->cap - 1);
    while (t->s[j].key) {
        if (!strcmp(t->s[j].key, key)) return &t->s[j];
        j = (j + 1) & (t->cap - 1);
    }
    if (!create) return NULL;
    t->s[j].key = strdup(key);
    if (!t->s[j].key) cli_fatal_oom();
    t->used++;
    return &t->s[j];
}

static void table_free(table *t) {
    for (size_t i = 0; i < t->cap; i++) {
        free(t->s[i].key);
        free(t->s[i].ents);
    }
    free(t->s);
}

/* ## Checks */

static const char *known_types[] = {"PER", "ORG", "LOC", "EVENT"};
static const char *known_checks[] = {"ok", "format", "dup-id", "shared", "common-word", "suspicious"};

static void check_format(lint *L, const df_entry *e) {
    if (allows(e, "format")) return;
    if (!e->id.text[0]) warn(L, e, e->id.col, "format", "empty id");
    else if (strpbrk(e->id.text, " |"))
        warn(L, e, e->id.col, "format", "id \"%s\" contains a space or '|'", e->id.text);
    if (!strncmp(e->id.text, "per:", 4))
        warn(L, e, e->id.col, "format", "id \"%s\": the prefix 'per:' is reserved for people found by the name rules "
             "(dict compile refuses it)", e->id.text);
    if (e->nfields < 2) return;
    /* a type of one's own (WEAPON, PARTY) is fine (dictionaries/README.md);
     * one of the four in another case is a slip: the graph would keep
     * "Per" and "PER" apart */
    for (size_t i = 0; i < sizeof known_types / sizeof *known_types; i++)
        if (strcmp(e->type.text, known_types[i]) && !strcasecmp(e->type.text, known_types[i]))
            warn(L, e, e->type.col, "format", "type \"%s\": did you mean %s? (types are case-sensitive)", e->type.text,
                 known_types[i]);
    for (size_t i = 0; i < e->nattrs; i++) {
        const char *a = e->attrs[i].text;
        const char *eq = strchr(a, '=');
        if (!eq || eq == a) {
            warn(L, e, e->attrs[i].col, "format", "attribute \"%s\" is not key=value", a);
            continue;
        }
        if (!strncmp(a, "lint=", 5)) {
            for (const char *p = a + 5; *p;) {
                size_t l = strcspn(p, ",");
                int ok = 0;
                for (size_t k = 0; k < sizeof known_checks / sizeof *known_checks; k++)
                    ok |= strlen(known_checks[k]) == l && !strncmp(p, known_checks[k], l);
                if (!ok)
                    warn(L, e, e->attrs[i].col, "format", "unknown lint check \"%.*s\" (ok, format, dup-id, shared, common-word, suspicious)",
                         (int)l, p);
                p += l;
                if (*p) p++;
            }
        }
    }
}

static void check_suspicious(lint *L, const df_entry *e, const df_field *f, const char *what) {
    const char *s = f->text;
    size_t len = strlen(s);
    if (len == 0) { warn(L, e, f->col, "suspicious", "empty %s", what); return; }
    if (s[0] == ' ' || s[len - 1] == ' ')
        warn(L, e, f->col, "suspicious", "%s \"%s\" has leading or trailing space", what, s);
    long chars = 0, letters = 0, alnum = 0;
    int invis = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) { i++; continue; }   /* the line's error */
        i += (size_t)k;
        chars++;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_CF || c == 0xA0 || c == 0x2028 || c == 0x2029) invis = 1;
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) { letters++; alnum++; }
        else if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) alnum++;
    }
    /* (invalid UTF-8 and control characters are the line's error) */
    if (invis) warn(L, e, f->col, "suspicious", "%s \"%s\" contains invisible or non-breaking characters", what, s);
    if (chars > L->max_len)
        warn(L, e, f->col, "suspicious", "%s is very long (%ld characters)", what, chars);
    if (!alnum) warn(L, e, f->col, "suspicious", "%s \"%s\" has no letter or digit", what, s);
    else if (chars == 1 && letters == 1) warn(L, e, f->col, "suspicious", "%s \"%s\" is a single letter", what, s);
}

static int has_upper(const char *s) {
    size_t len = strlen(s), i = 0;
    int32_t c;
    int up;
    while (df_next_letter(s, len, &i, &c, &up))
        if (up) return 1;
    return 0;
}

/* 'text' is the alias without its '='/'~'/'^' prefix; 'policy' the prefix or 0.
 * A capitalised alias that is case-sensitive or must be capitalised
 * ('=', '^', case=sensitive|capitalised) cannot match the common word. */
static void check_common(lint *L, const df_entry *e, const df_field *f, const char *text,
                         int policy, const char *folded) {
    if (!L->have_cw || allows(e, "common-word") || !folded[0]) return;
    const char *cs = df_attr(e, "case");
    int sensitive = policy == '=' || policy == '^' ||
                    (policy == 0 && cs && (!strcmp(cs, "sensitive") || !strcmp(cs, "capitalised") ||
                                           !strcmp(cs, "capitalized")));
    if (sensitive && has_upper(text)) return;
    static const char *names[3] = {"English", "Ukrainian", "Russian"};
    int use[3] = {0, 0, 0};
    const char *lang = df_attr(e, "lang");
    if (lang && (!strcmp(lang, "en") || !strcmp(lang, "uk") || !strcmp(lang, "ru"))) {
        use[!strcmp(lang, "en") ? 0 : !strcmp(lang, "uk") ? 1 : 2] = 1;
    } else {
        const char *sc = df_script(text);
        if (!strcmp(sc, "latin")) use[0] = 1;
        else if (!strcmp(sc, "cyrillic-uk")) use[1] = 1;
        else if (!strcmp(sc, "cyrillic-ru")) use[2] = 1;
        else if (!strcmp(sc, "cyrillic")) use[1] = use[2] = 1;
    }
    for (int i = 0; i < 3; i++) {
        if (use[i] && is_common(L, i, folded)) {
            warn(L, e, f->col, "common-word", "alias \"%s\" is the common %s word \"%s\"", text,
                 names[i], folded);
            return;
        }
    }
}

/* Every alias of entry 'ei' (name first) against the table. */
static void check_aliases(lint *L, table *t, size_t ei) {
    const df_entry *e = &L->set.e[ei];
    size_t nf = 1 + e->naliases;
    char **seen = cli_xcalloc(nf, sizeof *seen);
    size_t nseen = 0;
    for (size_t k = 0; k < nf; k++) {
        const df_field *f = k == 0 ? &e->name : &e->aliases[k - 1];
        /* the name and an alias may start with '=' (case-sensitive), '~'
         * (insensitive) or '^' (capitalised): "=May" and "May" are one
         * alias */
        df_field body = *f;
        int policy = 0;
        if (f->text[0] == '=' || f->text[0] == '~' || f->text[0] == '^') {
            policy = f->text[0];
            body.text = f->text + 1;
            body.col = f->col + 1;
        }
        if (!allows(e, "suspicious")) check_suspicious(L, e, &body, k == 0 ? "name" : "alias");
        if (!body.text[0]) continue;
        /* (a name that is not valid UTF-8 has no folded form: it is not
         * compared; its line has the error) */
        if (e->bad == DF_BAD_UTF8 && !valid_utf8(body.text)) continue;
        char *fo = fold(body.text);
        check_common(L, e, &body, body.text, policy, fo);
        int dup = 0;
        for (size_t j = 0; j < nseen && !dup; j++) dup = !strcmp(seen[j], fo);
        if (dup) { free(fo); continue; }   /* the same alias twice in one entity */
        seen[nseen++] = fo;
        slot *s = table_get(t, fo, 1);
        /* other entities (by id) that have it and do not allow sharing */
        if (!allows(e, "shared") && s->n) {
            char *list = NULL;
            size_t ll = 0, count = 0;
            FILE *m = open_memstream(&list, &ll);
            int cross = 0;
            for (size_t j = 0; j < s->n; j++) {
                const df_entry *o = &L->set.e[s->ents[j]];
                if (!strcmp(o->id.text, e->id.text) || allows(o, "shared")) continue;
                int again = 0; /* list each id once */
                for (size_t q = 0; q < j && !again; q++)
                    again = !strcmp(L->set.e[s->ents[q]].id.text, o->id.text);
                if (again) continue;
                cross |= strcmp(o->type.text, e->type.text) != 0;
                fprintf(m, "%s%s (%s, %s:%ld)", count ? ", " : "", o->id.text, o->type.text,
                        L->set.files[o->file], o->line);
                count++;
            }
            fclose(m);
            if (count)
                warn(L, e, body.col, "shared", "alias \"%s\" of %s (%s) is also an alias of %s%s",
                     body.text, e->id.text, e->type.text, list,
                     cross ? " (another type)" : "");
            free(list);
        }
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 2;
            s->ents = cli_xrealloc(s->ents, s->cap * sizeof *s->ents);
        }
        s->ents[s->n++] = ei;
    }
    for (size_t j = 0; j < nseen; j++) free(seen[j]);
    free(seen);
}

static void check_ids(lint *L, table *ids, size_t ei) {
    const df_entry *e = &L->set.e[ei];
    if (!e->id.text[0]) return;
    slot *s = table_get(ids, e->id.text, 1);
    if (!allows(e, "dup-id")) {
        for (size_t j = 0; j < s->n; j++) {
            const df_entry *o = &L->set.e[s->ents[j]];
            if (allows(o, "dup-id")) continue;
            if (o->file == e->file) {
                warn(L, e, e->id.col, "dup-id", "duplicate id \"%s\" (first at line %ld)", e->id.text, o->line);
                break;
            }
            if (strcmp(o->type.text, e->type.text)) {
                warn(L, e, e->id.col, "dup-id", "id \"%s\" has type %s here but %s at %s:%ld",
                     e->id.text, e->type.text, o->type.text, L->set.files[o->file], o->line);
                break;
            }
        }
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 2;
        s->ents = cli_xrealloc(s->ents, s->cap * sizeof *s->ents);
    }
    s->ents[s->n++] = ei;
}

static void usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph dict lint [options] FILE...\n"
        "\n"
        "Reports dictionary entries likely to tag the wrong text, as\n"
        "\"file:line:col: warning: ...\" on standard output: duplicate ids, aliases\n"
        "shared by several entities, aliases that are common words, suspicious\n"
        "aliases. An entity with the attribute lint=ok (or lint=CHECK,...) is exempt;\n"
        "see dictionaries/README.md. What tag and ingest refuse to load (invalid\n"
        "UTF-8, a control character, an attribute's bad value, an id with two types:\n"
        "each file is loaded as tag loads it) is an \"error: ...\" that nothing exempts.\n"
        "\n"
        "options:\n"
        "  --common-words DIR  word lists DIR/{en,uk,ru}.txt\n"
        "                      (default: the shipped dictionaries/common-words)\n"
        "  --no-common-words   skip the common-word check\n"
        "  --max-length N      longest alias in characters before a warning (100)\n"
        "\n"
        "Exit status: 0 none, 1 warnings or errors, 2 usage or unreadable file.\n");
}

int cmd_dict_lint(int argc, char **argv) {
    lint L;
    memset(&L, 0, sizeof L);
    L.max_len = 100;
    const char *cwdir = NULL;
    int no_cw = 0;
    char **files = cli_xcalloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    enum { O_NO_CW = 1, O_CW, O_MAX_LENGTH };
    static const cli_opt options[] = {
        {"--no-common-words", NULL, 0, O_NO_CW}, {"--common-words", NULL, 1, O_CW},
        {"--max-length", NULL, 1, O_MAX_LENGTH}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    long long x;
    int id;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: usage(stdout); free(files); return 0;
        case CLI_BAD: free(files); return EXIT_USAGE;
        case CLI_UNKNOWN: cli_msg("dict lint: unknown option '%s'", v); usage(stderr); free(files); return EXIT_USAGE;
        case CLI_ARG: files[nfiles++] = (char *)v; break;
        case O_NO_CW: no_cw = 1; break;
        case O_CW: cwdir = v; break;
        case O_MAX_LENGTH:
            if (cli_int(p.opt, v, 1, LONG_MAX, &x)) { free(files); return EXIT_USAGE; }
            L.max_len = (long)x;
            break;
        }
    }
    if (!nfiles) { cli_msg("dict lint: no files"); usage(stderr); free(files); return EXIT_USAGE; }
    if (!no_cw) {
        char def[4096];
        if (!cwdir) {
            const char *d = cli_shipped_dir();
            snprintf(def, sizeof def, "%s/common-words", d[0] ? d : "dictionaries");
            cwdir = def;
        }
        L.have_cw = load_common_words(&L, cwdir) > 0;
        if (!L.have_cw) cli_msg("warning: no common-word lists in %s; that check is skipped", cwdir);
    }
    ng_error err = {0};
    for (size_t i = 0; i < nfiles; i++) {
        int rc = df_read(&L.set, files[i], &err);
        if (rc) {
            cli_err(&err);
            free_common_words(&L);
            df_free(&L.set);
            free(files);
            return cli_exit_code(rc);
        }
    }
    table aliases = {0}, ids = {0};
    for (size_t i = 0; i < L.set.n; i++) {
        const df_entry *e = &L.set.e[i];
        if (e->bad)   /* before lint=ok: the file is not loaded at all */
            warn(&L, e, e->bad_col, "error", "%s (tag and ingest refuse this file)",
                 e->bad == DF_BAD_UTF8 ? "invalid UTF-8" : "control character in line");
        if (allows(e, "ok")) continue;
        if (e->nfields < 3) {
            if (!allows(e, "format"))
                warn(&L, e, 1, "format", "expected at least 3 tab-separated fields (id, type, name), found %d",
                     e->nfields);
            continue;
        }
        check_format(&L, e);
        check_ids(&L, &ids, i);
        check_aliases(&L, &aliases, i);
    }
    for (size_t i = 0; i < nfiles; i++) loader_errors(&L, (int)i, files[i]);
    if (L.nw) qsort(L.w, L.nw, sizeof *L.w, cmp_warning);
    for (size_t i = 0; i < L.nw; i++) {
        printf("%s:%ld:%ld: %s: %s\n", L.set.files[L.w[i].file], L.w[i].line, L.w[i].col,
               L.w[i].error ? "error" : "warning", L.w[i].msg);
        free(L.w[i].msg);
    }
    fflush(stdout);
    size_t nw = L.nw, ne = 0;
    for (size_t i = 0; i < L.nw; i++) ne += L.w[i].error;
    if (ne && ne < nw)
        cli_msg("%zu error%s and %zu warning%s in %zu entries", ne, ne == 1 ? "" : "s", nw - ne,
                nw - ne == 1 ? "" : "s", L.set.n);
    else if (nw)
        cli_msg("%zu %s%s in %zu entries", nw, ne ? "error" : "warning", nw == 1 ? "" : "s", L.set.n);
    table_free(&aliases);
    table_free(&ids);
    free(L.w);
    free_common_words(&L);
    df_free(&L.set);
    free(files);
    return nw ? EXIT_DATA : 0;
}
