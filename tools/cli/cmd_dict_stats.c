/* newsgraph dict stats FILE...: counts of entities (by id: an extension
 * line is no entity of its own) and names (canonical name plus aliases) by
 * type, by script/language and by lang= attribute. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "dictfile.h"
#include "opts.h"

typedef struct counter {
    char *key;
    unsigned long long a, b;
} counter;

typedef struct counters {
    counter *c;
    size_t n;
} counters;

static counter *bump(counters *cs, const char *key) {
    for (size_t i = 0; i < cs->n; i++)
        if (!strcmp(cs->c[i].key, key)) return &cs->c[i];
    counter *nc = realloc(cs->c, (cs->n + 1) * sizeof *nc);
    if (!nc) cli_fatal_oom();
    cs->c = nc;
    counter *c = &cs->c[cs->n++];
    c->key = strdup(key);
    if (!c->key) cli_fatal_oom();
    c->a = c->b = 0;
    return c;
}

static int cmp_counter(const void *x, const void *y) {
    return strcmp(((const counter *)x)->key, ((const counter *)y)->key);
}

static void print(counters *cs, const char *title, const char *ha, const char *hb) {
    if (cs->n) qsort(cs->c, cs->n, sizeof *cs->c, cmp_counter);
    int wd = 12;
    for (size_t i = 0; i < cs->n; i++)
        if ((int)strlen(cs->c[i].key) > wd) wd = (int)strlen(cs->c[i].key);
    printf("\n%-*s %10s", wd + 2, title, ha);
    if (hb) printf(" %10s", hb);
    putchar('\n');
    for (size_t i = 0; i < cs->n; i++) {
        printf("  %-*s %10llu", wd, cs->c[i].key, cs->c[i].a);
        if (hb) printf(" %10llu", cs->c[i].b);
        putchar('\n');
        free(cs->c[i].key);
    }
    free(cs->c);
    cs->c = NULL;
    cs->n = 0;
}

/* Entries by id, then input order. */
static int cmp_by_id(const void *x, const void *y, void *set_) {
    const df_set *set = set_;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = strcmp(set->e[a].id.text, set->e[b].id.text);
    return c ? c : (a > b) - (a < b);
}

/* A name without its match prefix (=, ~, ^) and outer spaces, as the
 * dictionary builder compares an extension's name with the entity's. */
static const char *bare(const char *s) {
    while (*s == ' ') s++;
    if (*s == '=' || *s == '~' || *s == '^') s++;
    while (*s == ' ') s++;
    return s;
}

static void usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph dict stats FILE...\n"
        "\n"
        "Counts the entities and names (canonical names and aliases) of dictionary\n"
        "TSV files by type, by script (latin; cyrillic-uk with і ї є ґ; cyrillic-ru\n"
        "with ы э ъ ё; cyrillic when neither or both tell; other) and by the lang=\n"
        "attribute. Entities are counted by id: a later line with an id seen\n"
        "before extends that entity (its name, when another, and its aliases are\n"
        "names of the entity; its lang= overrides) and is counted as an extension;\n"
        "\"by file\" counts an entity in the file that defines it and a name in\n"
        "the file that gives it. Lines with fewer than 3 fields are counted as\n"
        "malformed.\n");
}

int cmd_dict_stats(int argc, char **argv) {
    df_set set;
    memset(&set, 0, sizeof set);
    size_t nfiles = 0;
    static const cli_opt options[] = {{0}};
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    int id;
    /* the files are gathered at the front of argv (slot nfiles + 1 was read) */
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: usage(stdout); return 0;
        case CLI_ARG: argv[1 + nfiles++] = (char *)v; break;
        default:
            cli_msg("dict stats: unknown option '%s'", v);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!nfiles) { cli_msg("dict stats: no files"); usage(stderr); return EXIT_USAGE; }
    ng_error err = {0};
    for (size_t i = 1; i <= nfiles; i++) {
        int rc = df_read(&set, argv[i], &err);
        if (rc) { cli_err(&err); df_free(&set); return cli_exit_code(rc); }
    }
    counters types = {0}, scripts = {0}, langs = {0}, files = {0};
    unsigned long long ents = 0, names = 0, bad = 0, ext = 0;
    /* the lines of one id together, in input order: the first defines the
     * entity, a later one extends it (dictionaries/README.md: its name
     * becomes one more alias unless it is the entity's name, its aliases
     * are added, its attributes override) */
    size_t *ord = malloc((set.n ? set.n : 1) * sizeof *ord), nord = 0;
    if (!ord) cli_fatal_oom();
    for (size_t i = 0; i < set.n; i++) {
        if (set.e[i].nfields < 3) bad++;
        else ord[nord++] = i;
    }
    qsort_r(ord, nord, sizeof *ord, cmp_by_id, &set);
    for (size_t g = 0; g < nord;) {
        size_t end = g + 1;
        while (end < nord && !strcmp(set.e[ord[end]].id.text, set.e[ord[g]].id.text)) end++;
        const df_entry *first = &set.e[ord[g]];
        const char *lang = NULL;
        unsigned long long nn = 0;
        for (size_t j = g; j < end; j++) {
            const df_entry *e = &set.e[ord[j]];
            unsigned long long add = 0;
            int name_new = j == g || strcmp(bare(e->name.text), bare(first->name.text));
            for (size_t k = 0; k <= e->naliases; k++) {
                const char *a = k ? e->aliases[k - 1].text : e->name.text;
                if (!a[0] || (!k && !name_new)) continue;
                add++;
                bump(&scripts, df_script(a))->a++;
            }
            nn += add;
            counter *f = bump(&files, set.files[e->file]);
            f->a += j == g;
            f->b += add;
            const char *l = df_attr(e, "lang");
            if (l) lang = l;
            ext += j > g;
        }
        ents++;
        names += nn;
        counter *t = bump(&types, first->type.text);
        t->a++;
        t->b += nn;
        counter *l = bump(&langs, lang && *lang ? lang : "(none)");
        l->a++;
        l->b += nn;
        g = end;
    }
    free(ord);
    printf("%-14s %10llu\n%-14s %10llu\n", "entities", ents, "names", names);
    if (ext) printf("%-14s %10llu\n", "extensions", ext);
    if (bad) printf("%-14s %10llu\n", "malformed", bad);
    if (files.n > 1) print(&files, "by file", "entities", "names");
    else { for (size_t i = 0; i < files.n; i++) free(files.c[i].key); free(files.c); }
    print(&types, "by type", "entities", "names");
    print(&scripts, "names by script", "names", NULL);
    print(&langs, "by lang=", "entities", "names");
    df_free(&set);
    return 0;
}
