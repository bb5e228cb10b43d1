/* newsgraph dict: compile | compile-names | import | lint | stats | suggest | add | remove */
#include <string.h>
#include "cli.h"
#include "opts.h"

static void dict_usage(FILE *f) {
    fprintf(f, "usage: newsgraph dict compile [--no-shipped] FILE... -o OUT.ngd\n"
               "       newsgraph dict compile-names LIST... -o OUT.ngn\n"
               "       newsgraph dict import --from FORMAT [OPTIONS] INPUT... -o OUT.tsv\n"
               "       newsgraph dict lint FILE...\n"
               "       newsgraph dict stats FILE...\n"
               "       newsgraph dict suggest [OPTIONS] CORPUS... [-o OUT.tsv]\n"
               "       newsgraph dict add ID TYPE NAME [ALIAS...]\n"
               "       newsgraph dict remove ID...\n\n"
               "Dictionaries are TSV files (see dictionaries/README.md); 'compile' writes a\n"
               "checksummed binary image that 'tag --dict' memory-maps. 'add' and 'remove'\n"
               "edit the user dictionary, which tag and ingest use after the shipped ones\n"
               "(unless --no-user): $XDG_DATA_HOME/newsgraph/user.tsv, by default\n"
               "~/.local/share/newsgraph/user.tsv.\n");
}

int cmd_dict(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        dict_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "compile")) return cmd_dict_compile(argc - 1, argv + 1);
    if (!strcmp(sub, "compile-names")) return cmd_dict_compile_names(argc - 1, argv + 1);
    if (!strcmp(sub, "import")) return cmd_dict_import(argc - 1, argv + 1);
    if (!strcmp(sub, "lint")) return cmd_dict_lint(argc - 1, argv + 1);
    if (!strcmp(sub, "stats")) return cmd_dict_stats(argc - 1, argv + 1);
    if (!strcmp(sub, "suggest")) return cmd_dict_suggest(argc - 1, argv + 1);
    if (!strcmp(sub, "add")) return cmd_dict_add(argc - 1, argv + 1);
    if (!strcmp(sub, "remove")) return cmd_dict_remove(argc - 1, argv + 1);
    cli_msg("'dict %s' is not a command; see 'newsgraph dict --help'", sub);
    return EXIT_USAGE;
}

/* The arguments of 'dict compile' and 'dict compile-names': inputs (kept
 * at the front of argv, *n of them), -o OUT, -q; --no-shipped accepted for
 * symmetry with tag (compile never adds the shipped files). On --help
 * prints "usage: USAGE" and help. -1 to go on, else the exit status. */
static int compile_args(int argc, char **argv, const char *cmd, const char *usage, const char *help,
                        const char **out, int *quiet, int *no_shipped, size_t *n) {
    enum { O_OUTPUT = 1, O_QUIET, O_NO_SHIPPED };
    static const cli_opt options[] = {
        {"--output", "-o", 1, O_OUTPUT}, {"--quiet", "-q", 0, O_QUIET}, {"--no-shipped", NULL, 0, O_NO_SHIPPED}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    int id;
    *out = NULL;
    *quiet = *no_shipped = 0;
    *n = 0;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP:
            printf("usage: %s\n\n%s"
                   "  -o, --output FILE   where to write it (written atomically)\n"
                   "  -q, --quiet         no summary line\n", usage, help);
            return 0;
        case CLI_BAD: return EXIT_USAGE;
        case CLI_UNKNOWN: cli_msg("unknown option '%s' for '%s'", v, cmd); return EXIT_USAGE;
        case CLI_ARG: argv[(*n)++] = (char *)v; break;   /* (slot n < the next one read) */
        case O_OUTPUT: *out = v; break;
        case O_QUIET: *quiet = 1; break;
        case O_NO_SHIPPED: *no_shipped = 1; break;
        }
    }
    if (!*out || !*n) {
        cli_msg("usage: %s", usage);
        return EXIT_USAGE;
    }
    if (!**out) { cli_msg("%s: -o: an empty file name", cmd); return EXIT_USAGE; }
    /* the output over one of the inputs would replace the source with the
     * compiled file */
    for (size_t i = 0; i < *n; i++)
        if (cli_same_file(argv[i], *out)) {
            cli_msg("%s: -o %s is one of the inputs (it would be replaced by the compiled file)", cmd, *out);
            return EXIT_USAGE;
        }
    return -1;
}

int cmd_dict_compile(int argc, char **argv) {
    const char *out;
    int quiet, no_shipped;
    size_t nfiles;
    int ar = compile_args(argc, argv, "dict compile", "newsgraph dict compile FILE.tsv... -o OUT.ngd",
                          "Compiles TSV dictionaries into one memory-mappable image (versioned,\n"
                          "checksummed). A later file may extend an id of an earlier one. An id the\n"
                          "shipped dictionaries have with another type is warned about (tag and\n"
                          "ingest refuse such an image beside them); --no-shipped: not checked.\n",
                          &out, &quiet, &no_shipped, &nfiles);
    if (ar >= 0) return ar;
    const char *const *files = (const char *const *)argv;
    double t0 = ng_seconds();
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    int rc = NG_OK;
    for (size_t i = 0; i < nfiles && rc == NG_OK; i++) rc = ng_dict_builder_add_file(b, files[i], &err);
    ng_dict *d = NULL;
    if (rc == NG_OK) rc = ng_dict_builder_finish(b, &d, &err);
    ng_dict_builder_free(b);
    if (rc == NG_OK) rc = ng_dict_save(d, out, &err);
    if (rc != NG_OK) { cli_err(&err); ng_dict_free(d); return cli_exit_code(rc); }
    if (!quiet)
        fprintf(stderr, "newsgraph: compiled %zu entities, %zu aliases into %s in %.2f s\n",
                ng_dict_entity_count(d), ng_dict_alias_count(d), out, ng_seconds() - t0);
    /* an image for use beside the shipped dictionaries must keep their types */
    const char *img = no_shipped ? NULL : cli_shipped_image();
    ng_dict *shipped = NULL;
    if (img && ng_dict_open(img, &shipped, &err) == NG_OK &&
        ng_dict_check_types(shipped, "the shipped dictionaries", d, out, &err) != NG_OK)
        cli_msg("warning: %s: %s (tag and ingest refuse it beside them: use it with --no-shipped, or change the id)",
                err.file, err.msg);
    ng_dict_free(shipped);
    ng_dict_free(d);
    return 0;
}

/* dict compile-names: given-name lists (files, or directories of given*.txt)
 * compiled once, so that a start reads them instead of inflecting every
 * name (the build compiles the shipped ones into BIN/names.ngn). */
int cmd_dict_compile_names(int argc, char **argv) {
    const char *out;
    int quiet, no_shipped;
    size_t n;
    int ar = compile_args(argc, argv, "dict compile-names", "newsgraph dict compile-names LIST... -o OUT.ngn",
                          "Compiles given-name lists (files of one name or '|' group a line, or\n"
                          "directories of given*.txt) with their case forms into one file that\n"
                          "'tag --names' and the shipped data read in milliseconds.\n",
                          &out, &quiet, &no_shipped, &n);
    if (ar >= 0) return ar;
    const char *const *lists = (const char *const *)argv;
    double t0 = ng_seconds();
    ng_error err = {0};
    ng_namelist *nl = ng_namelist_new();
    int rc = nl ? NG_OK : ng_error_set(&err, NG_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n && rc == NG_OK; i++) rc = ng_namelist_add_file(nl, lists[i], &err);
    if (rc == NG_OK) rc = ng_namelist_save(nl, out, &err);
    if (rc == NG_OK && !quiet)
        fprintf(stderr, "newsgraph: compiled %zu given names into %s in %.2f s\n", ng_namelist_count(nl), out,
                ng_seconds() - t0);
    ng_namelist_free(nl);
    if (rc != NG_OK) { cli_err(&err); return cli_exit_code(rc); }
    return 0;
}
