/* newsgraph dict import --from FORMAT [options] INPUT... [-o OUT.tsv]
 * Converts data from other sources into dictionary TSV (tools/import/, import.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "import.h"
#include "opts.h"

static const struct {
    const char *name;
    int (*run)(const import_opts *, char **, size_t, FILE *, ng_error *);
    int needs_input;
} formats[] = {
    {"iso-codes", import_isocodes, 0},
    {"wikidata", import_wikidata, 1},
    {"geonames", import_geonames, 1},
    {"annotations", import_annotations, 1},
};

static void usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph dict import --from FORMAT [options] INPUT... [-o OUT.tsv]\n"
        "\n"
        "Writes a dictionary (TSV, see dictionaries/README.md) built from another source.\n"
        "\n"
        "formats:\n"
        "  iso-codes    Debian iso-codes: INPUT is its json directory (default\n"
        "               /usr/share/iso-codes/json); translations from .mo catalogues\n"
        "  wikidata     Wikidata JSON dump (plain or .gz, one entity per line)\n"
        "  geonames     GeoNames cities*.txt / allCountries.txt (plain or .gz)\n"
        "  annotations  annotated documents: JSON Lines, brat (.ann), CoNLL BIO\n"
        "\n"
        "options:\n"
        "  -o, --output FILE       write here (atomically) instead of standard output\n"
        "  --lang L1,L2,...        languages of names and aliases (default en,uk,ru)\n"
        "  --source TEXT           value of the source= attribute\n"
        "  --no-progress           no progress report on a terminal\n"
        "  --common-words DIR      aliases that are common words (DIR/{en,uk,ru}.txt,\n"
        "                          default dictionaries/common-words) are written\n"
        "                          case-sensitive ('=' prefix or case=sensitive)\n"
        "  --no-common-words       do not\n"
        "  iso-codes:  --locale-dir DIR (default /usr/share/locale)\n"
        "              --subdivisions CC,CC,...|none (default UA,RU,US, EU members, CA,AU)\n"
        "  wikidata:   --types FILE  P31 class -> type mapping\n"
        "              (default dictionaries/import/wikidata-types.tsv)\n"
        "  geonames:   --alternate-names FILE  alternateNamesV2.txt (plain or .gz)\n"
        "              --min-population N (default 0)  --classes PA (feature classes)\n"
        "  annotations: --input-format jsonl|brat|conll  --min-count N\n"
        "               --min-precision P (0..1, default 0.5: drop surfaces annotated\n"
        "               in fewer than P of the places the matcher finds them)\n"
        "\n"
        "Exit status: 0 written, 1 bad input data, 2 usage or system error.\n");
}

static void on_warn(const ng_error *w, void *ud) {
    (void)ud;
    char buf[1200];
    cli_msg("warning: %s", ng_error_format(w, buf, sizeof buf));
}

typedef struct progress_state {
    time_t last;
    int shown;
} progress_state;

static void on_progress(const char *what, unsigned long long done, unsigned long long total,
                        unsigned long long items, void *ud) {
    progress_state *ps = ud;
    time_t now = time(NULL);
    if (what && ps->shown && now == ps->last) return;
    ps->last = now;
    ps->shown = 1;
    if (!what) { /* finished */
        fputs("\r\033[K", stderr);
        return;
    }
    if (total)
        fprintf(stderr, "\r\033[Knewsgraph: %s: %.1f%% (%llu MB of %llu MB), %llu records", what,
                100.0 * (double)done / (double)total, done >> 20, total >> 20, items);
    else
        fprintf(stderr, "\r\033[Knewsgraph: %s: %llu MB, %llu records", what, done >> 20, items);
    fflush(stderr);
}

static int split_langs(import_opts *o, const char *s) {
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s", s);
    o->nlangs = 0;
    for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
        if (!*t) continue;
        if (o->nlangs == IMPORT_MAX_LANGS) return -1;
        for (const char *c = t; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || *c == '-' || (*c >= 'A' && *c <= 'Z'))) return -1;
        o->langs[o->nlangs++] = t;
    }
    return o->nlangs ? 0 : -1;
}

/* A run of the command: the options as given. */
typedef struct import_cmd {
    import_opts o;
    import_stats st;
    const char *from, *outpath;
    int progress, no_cw;
    char **inputs;      /* the input paths (nin of them) */
    size_t nin;
} import_cmd;

/* Returns -1 to go on, else the exit code (0 after --help). */
static int parse_options(int argc, char **argv, import_cmd *c) {
    enum { O_NO_PROGRESS = 1, O_OUTPUT, O_FROM, O_LANG, O_SOURCE, O_CW, O_NO_CW, O_LOCALE_DIR, O_SUBDIVISIONS,
           O_TYPES, O_ALTERNATE_NAMES, O_CLASSES, O_INPUT_FORMAT, O_MIN_PRECISION, O_MIN_POPULATION, O_MIN_COUNT };
    static const cli_opt options[] = {
        {"--no-progress", NULL, 0, O_NO_PROGRESS}, {"--output", "-o", 1, O_OUTPUT}, {"--from", NULL, 1, O_FROM},
        {"--lang", NULL, 1, O_LANG}, {"--source", NULL, 1, O_SOURCE}, {"--common-words", NULL, 1, O_CW},
        {"--no-common-words", NULL, 0, O_NO_CW}, {"--locale-dir", NULL, 1, O_LOCALE_DIR},
        {"--subdivisions", NULL, 1, O_SUBDIVISIONS}, {"--types", NULL, 1, O_TYPES},
        {"--alternate-names", NULL, 1, O_ALTERNATE_NAMES}, {"--classes", NULL, 1, O_CLASSES},
        {"--input-format", NULL, 1, O_INPUT_FORMAT}, {"--min-precision", NULL, 1, O_MIN_PRECISION},
        {"--min-population", NULL, 1, O_MIN_POPULATION}, {"--min-count", NULL, 1, O_MIN_COUNT}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    long long x;
    int id;
    int rc = 0;
    while (!rc && (id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: usage(stdout); return 0;
        case CLI_BAD: rc = EXIT_USAGE; break;
        case CLI_UNKNOWN: cli_msg("dict import: unknown option '%s'", v); usage(stderr); rc = EXIT_USAGE; break;
        case CLI_ARG: c->inputs[c->nin++] = (char *)v; break;
        case O_NO_PROGRESS: c->progress = 0; break;
        case O_OUTPUT: c->outpath = v; break;
        case O_FROM: c->from = v; break;
        case O_LANG:
            if (split_langs(&c->o, v)) { cli_msg("--lang: expected a list like en,uk,ru"); rc = EXIT_USAGE; }
            break;
        case O_SOURCE: c->o.source = v; break;
        case O_CW: c->o.common_words = v; break;
        case O_NO_CW: c->no_cw = 1; break;
        case O_LOCALE_DIR: c->o.locale_dir = v; break;
        case O_SUBDIVISIONS: c->o.subdivisions = v; break;
        case O_TYPES: c->o.types_path = v; break;
        case O_ALTERNATE_NAMES: c->o.alternate_names = v; break;
        case O_CLASSES: c->o.classes = v; break;
        case O_INPUT_FORMAT: c->o.input_format = v; break;
        case O_MIN_PRECISION:
            if (cli_real(p.opt, v, 0, 1, 0, &c->o.min_precision)) rc = EXIT_USAGE;
            else c->o.has_min_precision = 1;
            break;
        case O_MIN_POPULATION:
            if (cli_int(p.opt, v, 0, LLONG_MAX, &x)) rc = EXIT_USAGE;
            else c->o.min_population = x;
            break;
        case O_MIN_COUNT:
            if (cli_int(p.opt, v, 0, LONG_MAX, &x)) rc = EXIT_USAGE;
            else c->o.min_count = (long)x;
            break;
        }
    }
    return rc ? rc : -1;
}

/* The importer asked for (index into formats), or -1 (message printed). */
static int find_format(const import_cmd *c) {
    if (!c->from) { cli_msg("dict import: --from FORMAT is required"); usage(stderr); return -1; }
    size_t f = 0;
    while (f < sizeof formats / sizeof *formats && strcmp(formats[f].name, c->from)) f++;
    if (f == sizeof formats / sizeof *formats) {
        cli_msg("dict import: unknown format '%s' (iso-codes, wikidata, geonames, annotations)", c->from);
        return -1;
    }
    if (formats[f].needs_input && c->nin == 0) {
        cli_msg("dict import --from %s: no input files", c->from);
        return -1;
    }
    return (int)f;
}

/* The shipped files used by default: wikidata's type mapping (required)
 * and the common-word lists. Returns 0 or an exit code. */
static int default_data(import_cmd *c) {
    static char default_types[4096], cwdir[4096];
    if (!strcmp(c->from, "wikidata") && !c->o.types_path) {
        const char *dir = cli_shipped_dir();
        if (dir[0]) {
            snprintf(default_types, sizeof default_types, "%s/import/wikidata-types.tsv", dir);
            if (access(default_types, R_OK) == 0) c->o.types_path = default_types;
        }
        if (!c->o.types_path) {
            cli_msg("dict import: the type mapping dictionaries/import/wikidata-types.tsv was not found; give one with --types FILE");
            return EXIT_USAGE;
        }
    }
    if (!c->o.common_words && !c->no_cw) {
        const char *dir = cli_shipped_dir();
        snprintf(cwdir, sizeof cwdir, "%.4000s/common-words", dir[0] ? dir : "dictionaries");
        if (access(cwdir, R_OK) == 0) c->o.common_words = cwdir;
    }
    if (c->no_cw) c->o.common_words = NULL;
    return 0;
}

/* Runs importer f into -o FILE (written atomically) or standard output. */
static int run_import(import_cmd *c, size_t f) {
    progress_state ps = {0};
    if (c->progress && isatty(2)) {
        c->o.progress = on_progress;
        c->o.progress_ud = &ps;
    }
    const char *outpath = c->outpath;
    FILE *out = stdout;
    ng_outfile of = {.fd = -1};
    ng_error err = {0};
    if (outpath && strcmp(outpath, "-")) {
        int fd2 = -1;
        if (ng_outfile_open(&of, outpath, &err) != NG_OK || (fd2 = dup(of.fd)) < 0 || !(out = fdopen(fd2, "w"))) {
            if (!err.msg[0]) ng_error_set(&err, NG_E_IO, outpath, 0, 0, "cannot write: %s", strerror(errno));
            if (fd2 >= 0) close(fd2);
            ng_outfile_abort(&of);
            cli_err(&err);
            return EXIT_USAGE;
        }
    }
    int st_rc = formats[f].run(&c->o, c->inputs, c->nin, out, &err);
    if (c->o.progress && ps.shown) on_progress(NULL, 0, 0, 0, &ps);
    if (st_rc == NG_OK && (ferror(out) || fflush(out)))
        st_rc = ng_error_set(&err, NG_E_IO, outpath ? outpath : "<stdout>", 0, 0, "write error: %s", strerror(errno));
    if (out != stdout) {
        if (fclose(out) && st_rc == NG_OK)
            st_rc = ng_error_set(&err, NG_E_IO, outpath, 0, 0, "write error: %s", strerror(errno));
        if (st_rc == NG_OK) st_rc = ng_outfile_commit(&of, &err);
        else ng_outfile_abort(&of);
    }
    if (st_rc != NG_OK) {
        cli_err(&err);
        return cli_exit_code(st_rc);
    }
    if (outpath && strcmp(outpath, "-"))
        cli_msg("%s: %llu entities, %llu aliases (%llu records read, %llu left out)", outpath,
                c->st.written, c->st.aliases, c->st.read, c->st.skipped);
    return 0;
}

int cmd_dict_import(int argc, char **argv) {
    import_cmd c;
    memset(&c, 0, sizeof c);
    c.o.stats = &c.st;
    c.o.warn = on_warn;
    c.progress = 1;
    c.inputs = cli_xcalloc((size_t)argc + 1, sizeof *c.inputs);
    split_langs(&c.o, "en,uk,ru");
    int rc = parse_options(argc, argv, &c);
    if (rc < 0) {
        int f = find_format(&c);
        rc = f < 0 ? EXIT_USAGE : default_data(&c);
        if (!rc) rc = run_import(&c, (size_t)f);
    }
    free(c.inputs);
    return rc;
}
