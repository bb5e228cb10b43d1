/* newsgraph dict import --from FORMAT [options] INPUT... [-o OUT.tsv]
 * Converts data from other sources into dictionary TSV (tools/import/, import.h). */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "import.h"

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
        "              --subdivisions CC,CC,...|none (default UA,RU,US and EU members)\n"
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

static char default_types[4096];

int cmd_dict_import(int argc, char **argv) {
    import_opts o;
    memset(&o, 0, sizeof o);
    import_stats st = {0};
    o.stats = &st;
    o.warn = on_warn;
    const char *from = NULL, *outpath = NULL;
    int progress = 1, no_cw = 0;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t nin = 0;
    if (!inputs) { cli_msg("out of memory"); return EXIT_USAGE; }
    split_langs(&o, "en,uk,ru");
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
#define VAL(opt) (!strcmp(a, opt) ? (i + 1 < argc ? (v = argv[++i]) : (v = NULL, (void *)1)) : \
                  (!strncmp(a, opt "=", sizeof opt) ? (v = a + sizeof opt) : NULL))
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(stdout); free(inputs); return 0; }
        else if (!strcmp(a, "--no-progress")) progress = 0;
        else if (!strcmp(a, "-o") || VAL("--output")) {
            if (!strcmp(a, "-o")) v = i + 1 < argc ? argv[++i] : NULL;
            if (!v) { cli_msg("%s needs a file", a); rc = EXIT_USAGE; break; }
            outpath = v;
        }
        else if (VAL("--from")) { if (!v) goto novalue; from = v; }
        else if (VAL("--lang")) {
            if (!v) goto novalue;
            if (split_langs(&o, v)) { cli_msg("--lang: expected a list like en,uk,ru"); rc = EXIT_USAGE; break; }
        }
        else if (VAL("--source")) { if (!v) goto novalue; o.source = v; }
        else if (VAL("--common-words")) { if (!v) goto novalue; o.common_words = v; }
        else if (!strcmp(a, "--no-common-words")) no_cw = 1;
        else if (VAL("--locale-dir")) { if (!v) goto novalue; o.locale_dir = v; }
        else if (VAL("--subdivisions")) { if (!v) goto novalue; o.subdivisions = v; }
        else if (VAL("--types")) { if (!v) goto novalue; o.types_path = v; }
        else if (VAL("--alternate-names")) { if (!v) goto novalue; o.alternate_names = v; }
        else if (VAL("--classes")) { if (!v) goto novalue; o.classes = v; }
        else if (VAL("--input-format")) { if (!v) goto novalue; o.input_format = v; }
        else if (VAL("--min-precision")) {
            if (!v) goto novalue;
            char *end;
            double x = strtod(v, &end);
            if (end == v || *end || !(x >= 0 && x <= 1)) {
                cli_msg("%s: expected a number from 0 to 1, got '%s'", a, v);
                rc = EXIT_USAGE;
                break;
            }
            o.min_precision = x;
            o.has_min_precision = 1;
        }
        else if (VAL("--min-population") || VAL("--min-count")) {
            if (!v) goto novalue;
            char *end;
            errno = 0;
            long long x = strtoll(v, &end, 10);
            if (errno || end == v || *end || x < 0) {
                cli_msg("%s: expected a non-negative number, got '%s'", a, v);
                rc = EXIT_USAGE;
                break;
            }
            if (!strncmp(a, "--min-population", 16)) o.min_population = x;
            else o.min_count = (long)x;
        }
        else if (a[0] == '-' && a[1]) { cli_msg("dict import: unknown option '%s'", a); usage(stderr); rc = EXIT_USAGE; break; }
        else inputs[nin++] = argv[i];
        continue;
    novalue:
        cli_msg("%s needs a value", a);
        rc = EXIT_USAGE;
        break;
#undef VAL
    }
    if (rc) { free(inputs); return rc; }
    if (!from) { cli_msg("dict import: --from FORMAT is required"); usage(stderr); free(inputs); return EXIT_USAGE; }
    size_t f = 0;
    while (f < sizeof formats / sizeof *formats && strcmp(formats[f].name, from)) f++;
    if (f == sizeof formats / sizeof *formats) {
        cli_msg("dict import: unknown format '%s' (iso-codes, wikidata, geonames, annotations)", from);
        free(inputs);
        return EXIT_USAGE;
    }
    if (formats[f].needs_input && nin == 0) {
        cli_msg("dict import --from %s: no input files", from);
        free(inputs);
        return EXIT_USAGE;
    }
    if (!strcmp(from, "wikidata") && !o.types_path) {
        const char *dir = cli_shipped_dir();
        if (dir[0]) {
            snprintf(default_types, sizeof default_types, "%s/import/wikidata-types.tsv", dir);
            if (access(default_types, R_OK) == 0) o.types_path = default_types;
        }
        if (!o.types_path) {
            cli_msg("dict import: the type mapping dictionaries/import/wikidata-types.tsv was not found; give one with --types FILE");
            free(inputs);
            return EXIT_USAGE;
        }
    }
    static char cwdir[4096];
    if (!o.common_words && !no_cw) {
        const char *dir = cli_shipped_dir();
        snprintf(cwdir, sizeof cwdir, "%.4000s/common-words", dir[0] ? dir : "dictionaries");
        if (access(cwdir, R_OK) == 0) o.common_words = cwdir;
    }
    if (no_cw) o.common_words = NULL;
    progress_state ps = {0};
    if (progress && isatty(2)) {
        o.progress = on_progress;
        o.progress_ud = &ps;
    }

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
            free(inputs);
            return EXIT_USAGE;
        }
    }
    int st_rc = formats[f].run(&o, inputs, nin, out, &err);
    if (o.progress && ps.shown) on_progress(NULL, 0, 0, 0, &ps);
    if (st_rc == NG_OK && (ferror(out) || fflush(out)))
        st_rc = ng_error_set(&err, NG_E_IO, outpath ? outpath : "<stdout>", 0, 0, "write error: %s", strerror(errno));
    if (out != stdout) {
        if (fclose(out) && st_rc == NG_OK)
            st_rc = ng_error_set(&err, NG_E_IO, outpath, 0, 0, "write error: %s", strerror(errno));
        if (st_rc == NG_OK) st_rc = ng_outfile_commit(&of, &err);
        else ng_outfile_abort(&of);
    }
    free(inputs);
    if (st_rc != NG_OK) {
        cli_err(&err);
        return cli_exit_code(st_rc);
    }
    if (outpath && strcmp(outpath, "-"))
        cli_msg("%s: %llu entities, %llu aliases (%llu records read, %llu left out)", outpath,
                st.written, st.aliases, st.read, st.skipped);
    return 0;
}
