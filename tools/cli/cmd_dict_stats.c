/* newsgraph dict stats FILE...: counts of entities and names (canonical
 * name plus aliases) by type, by script/language and by lang= attribute. */
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

static void usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph dict stats FILE...\n"
        "\n"
        "Counts the entities and names (canonical names and aliases) of dictionary\n"
        "TSV files by type, by script (latin; cyrillic-uk with і ї є ґ; cyrillic-ru\n"
        "with ы э ъ ё; cyrillic when neither or both tell; other) and by the lang=\n"
        "attribute. Lines with fewer than 3 fields are counted as malformed.\n");
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
    unsigned long long ents = 0, names = 0, bad = 0;
    for (size_t i = 0; i < set.n; i++) {
        const df_entry *e = &set.e[i];
        if (e->nfields < 3) { bad++; continue; }
        unsigned long long nn = 1;
        for (size_t k = 0; k < e->naliases; k++) nn += e->aliases[k].text[0] != 0;
        ents++;
        names += nn;
        counter *t = bump(&types, e->type.text);
        t->a++;
        t->b += nn;
        counter *f = bump(&files, set.files[e->file]);
        f->a++;
        f->b += nn;
        const char *lang = df_attr(e, "lang");
        counter *l = bump(&langs, lang && *lang ? lang : "(none)");
        l->a++;
        l->b += nn;
        for (size_t k = 0; k <= e->naliases; k++) {
            const char *s = k ? e->aliases[k - 1].text : e->name.text;
            if (!s[0]) continue;
            bump(&scripts, df_script(s))->a++;
        }
    }
    printf("%-14s %10llu\n%-14s %10llu\n", "entities", ents, "names", names);
    if (bad) printf("%-14s %10llu\n", "malformed", bad);
    if (files.n > 1) print(&files, "by file", "entities", "names");
    else { for (size_t i = 0; i < files.n; i++) free(files.c[i].key); free(files.c); }
    print(&types, "by type", "entities", "names");
    print(&scripts, "names by script", "names", NULL);
    print(&langs, "by lang=", "entities", "names");
    df_free(&set);
    return 0;
}
