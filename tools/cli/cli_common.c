/* Helpers shared by the subcommands: messages, exit codes, dictionaries. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include <sys/stat.h>
#include "cli.h"
#include "opts.h"
#include "base_internal.h"

void cli_msg(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("newsgraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_err(const ng_error *err) {
    char buf[1200];
    fprintf(stderr, "newsgraph: %s\n", ng_error_format(err, buf, sizeof buf));
}

int cli_exit_code(int status) {
    if (status == NG_OK) return 0;
    if (status == NG_E_IO || status == NG_E_ARG) return EXIT_USAGE;
    return EXIT_DATA;
}

int cli_same_file(const char *a, const char *b) {
    struct stat x, y;
    return !strcmp(a, b) || (stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino);
}

_Noreturn void cli_fatal_oom(void) {
    cli_msg("out of memory");
    exit(EXIT_DATA);
}

void *cli_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) cli_fatal_oom();
    return p;
}

void *cli_xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) cli_fatal_oom();
    return p;
}

void *cli_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) cli_fatal_oom();
    return q;
}

char *cli_xstrndup(const char *s, size_t n) {
    if (!s) return NULL;
    char *p = ng_strndup(s, n);
    if (!p) cli_fatal_oom();
    return p;
}

void cli_xgrow(void **v, size_t *cap, size_t need, size_t elt) {
    if (ng_grow(v, cap, need, elt)) cli_fatal_oom();
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}
static int is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Directory of the running binary. */
static int exe_dir(char *buf, size_t size) {
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash) return -1;
    *slash = 0;
    return 0;
}

/* The first of BIN/in_bin, BIN/../share/newsgraph/name and
 * NG_DATADIR/name that passes 'ok' (BIN: the running binary's directory),
 * or NULL. */
/* 'buf' without "." and ".." (BIN/../dictionaries is named in messages and
 * in --explain), when it resolves. */
static const char *clean_path(char *buf, size_t size) {
    char r[PATH_MAX];
    if (realpath(buf, r) && strlen(r) < size) memcpy(buf, r, strlen(r) + 1);
    return buf;
}

static const char *find_data(char *buf, size_t size, const char *in_bin, const char *name,
                             int (*ok)(const char *)) {
    char bin[PATH_MAX - 64];
    if (exe_dir(bin, sizeof bin) == 0) {
        snprintf(buf, size, "%s/%s", bin, in_bin);
        if (ok(buf)) return clean_path(buf, size);
        snprintf(buf, size, "%s/../share/newsgraph/%s", bin, name);
        if (ok(buf)) return clean_path(buf, size);
    }
    snprintf(buf, size, "%s/%s", NG_DATADIR, name);
    return ok(buf) ? clean_path(buf, size) : NULL;
}

/* Search order: $NEWSGRAPH_DICTIONARIES; next to the binary in a build tree
 * (BIN/../dictionaries); an installed tree (BIN/../share/newsgraph);
 * the compiled-in NG_DATADIR. */
const char *cli_shipped_dir(void) {
    static char dir[PATH_MAX];
    const char *env = getenv("NEWSGRAPH_DICTIONARIES");
    if (env && *env) { snprintf(dir, sizeof dir, "%s", env); return dir; }
    if (!find_data(dir, sizeof dir, "../dictionaries", "dictionaries", is_dir)) dir[0] = 0;
    return dir;
}

/* The compiled shipped dictionaries: BIN/shipped.ngd in a build tree, else
 * installed; none when $NEWSGRAPH_DICTIONARIES names a directory of TSV. */
const char *cli_shipped_image(void) {
    static char path[PATH_MAX];
    const char *env = getenv("NEWSGRAPH_DICTIONARIES");
    if (env && *env) return NULL;
    return find_data(path, sizeof path, "shipped.ngd", "shipped.ngd", is_file);
}

/* The compiled shipped given-name lists (BIN/names.ngn in a build tree, or
 * installed), or NULL; none when $NEWSGRAPH_DICTIONARIES is set. */
const char *cli_shipped_names(void) {
    static char path[PATH_MAX];
    const char *env = getenv("NEWSGRAPH_DICTIONARIES");
    if (env && *env) return NULL;
    return find_data(path, sizeof path, "names.ngn", "names.ngn", is_file);
}

#ifndef NG_LIBEXECDIR
#define NG_LIBEXECDIR "/usr/local/libexec/newsgraph"
#endif

int cli_run_program(const char *program, const char *cmd, char **argv) {
    char bin[PATH_MAX - 64], path[3][PATH_MAX];
    size_t n = 0;
    if (exe_dir(bin, sizeof bin) == 0) {
        snprintf(path[n++], sizeof path[0], "%s/%s", bin, program);
        /* (for a program run from PREFIX/libexec/newsgraph, its siblings
         * are found in BIN already, and this path names no directory) */
        snprintf(path[n++], sizeof path[0], "%s/../libexec/newsgraph/%s", bin, program);
    }
    snprintf(path[n++], sizeof path[0], "%s/%s", NG_LIBEXECDIR, program);
    for (size_t i = 0; i < n; i++)
        if (is_file(path[i])) {
            execv(path[i], argv);
            cli_msg("cannot run %s: %s", path[i], strerror(errno));
            return EXIT_USAGE;
        }
    char tried[3 * PATH_MAX + 8] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(tried + strlen(tried), sizeof tried - strlen(tried), "%s%s", i ? ", " : "", path[i]);
    cli_msg("'%s' is a command of %s, which was not found (looked for %s)", cmd, program, tried);
    return EXIT_USAGE;
}

int cli_dicts_option(cli_dicts *d, int id, const char *value) {
    if (id == CLI_OPT_NO_SHIPPED) { d->no_shipped = 1; return 1; }
    if (id == CLI_OPT_NO_USER) { d->no_user = 1; return 1; }
    if (id == CLI_OPT_NAMES) { d->names_path = value; return 1; }
    if (id != CLI_OPT_DICT) return 0;
    if (d->npaths >= sizeof d->paths / sizeof d->paths[0]) { cli_msg("too many --dict options"); return -1; }
    d->paths[d->npaths++] = value;
    return 1;
}

/* Adds every *.tsv of 'dir' (sorted, no limit on the count) to the builder;
 * a directory without any is an error (it would tag nothing). */
static int add_dir_tsv(ng_dict_builder *b, const char *dir, ng_error *err) {
    char **paths = NULL;
    size_t n = 0;
    int rc = ng_dir_list(dir, ".tsv", &paths, &n, err);
    if (rc == NG_OK && n == 0)
        rc = ng_error_set(err, NG_E_ARG, dir, 0, 0, "no dictionary files (*.tsv) in this directory");
    for (size_t i = 0; i < n && rc == NG_OK; i++) rc = ng_dict_builder_add_file(b, paths[i], err);
    ng_strv_free(paths, n);
    return rc;
}

const char *cli_user_dict_path(void) {
    static char path[PATH_MAX];
    const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
    /* the XDG spec: a relative XDG_DATA_HOME is ignored */
    if (x && x[0] == '/') snprintf(path, sizeof path, "%.4000s/newsgraph/user.tsv", x);
    else if (h && h[0]) snprintf(path, sizeof path, "%.4000s/.local/share/newsgraph/user.tsv", h);
    else path[0] = 0;
    return path;
}

int cli_make_parent(const char *path) {
    char d[4096];
    snprintf(d, sizeof d, "%s", path);
    char *slash = strrchr(d, '/');
    if (!slash || slash == d) return 0;
    *slash = 0;
    for (char *p = d + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(d, 0777) < 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(d, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

const char *cli_verified_record(void) {
    static char path[PATH_MAX];
    static int done;
    if (done) return path[0] ? path : NULL;
    done = 1;
    const char *v = getenv("NEWSGRAPH_VERIFY"), *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
    if (v && !strcmp(v, "full")) return NULL;
    /* (as the XDG spec: a relative XDG_CACHE_HOME is ignored) */
    if (x && x[0] == '/') snprintf(path, sizeof path, "%.4000s/newsgraph/verified-images", x);
    else if (h && h[0] == '/') snprintf(path, sizeof path, "%.4000s/.cache/newsgraph/verified-images", h);
    if (path[0] && cli_make_parent(path)) path[0] = 0;
    return path[0] ? path : NULL;
}

/* An id is one entity: its type must be the same in every dictionary in
 * use (a user or --dict entry that reused a shipped id with another type
 * was tagged under both types and stored under one). */
static int check_types(cli_dicts *d, const char *const *label) {
    ng_error err = {0};
    for (size_t j = 1; j < d->ndicts; j++)
        for (size_t i = 0; i < j; i++) {
            int rc = ng_dict_check_types(d->dicts[i], label[i], d->dicts[j], label[j], &err);
            if (rc != NG_OK) {
                cli_err(&err);
                if (d->user_loaded && !strcmp(label[j], cli_user_dict_path()))
                    cli_msg("(the user dictionary: fix it with 'newsgraph dict remove', or use --no-user)");
                cli_dicts_free(d);
                return cli_exit_code(rc);
            }
        }
    return 0;
}

int cli_dicts_load(cli_dicts *d) {
    ng_error err = {0};
    int rc = NG_OK;
    d->ndicts = 0;
    const char *label[sizeof d->dicts / sizeof *d->dicts];
    if (!d->no_shipped) {
        const char *img = cli_shipped_image();
        if (img) {
            rc = ng_dict_open_recorded(img, cli_verified_record(), &d->dicts[d->ndicts], &err);
            if (rc == NG_OK) label[d->ndicts++] = "the shipped dictionaries";
        } else {
            const char *dir = cli_shipped_dir();
            if (!dir[0]) {
                cli_msg("shipped dictionaries not found (set NEWSGRAPH_DICTIONARIES or use --no-shipped)");
                return EXIT_USAGE;
            }
            ng_dict_builder *b = ng_dict_builder_new();
            rc = add_dir_tsv(b, dir, &err);
            if (rc == NG_OK) rc = ng_dict_builder_finish(b, &d->dicts[d->ndicts], &err);
            if (rc == NG_OK) label[d->ndicts++] = "the shipped dictionaries";
            ng_dict_builder_free(b);
        }
        if (rc != NG_OK) { cli_err(&err); return cli_exit_code(rc); }
    }
    /* the given-name lists of the person-name rules: --names, or the
     * shipped ones with the shipped dictionaries (optional): compiled
     * (BIN/names.ngn, as shipped.ngd), else the lists themselves */
    const char *dir = d->no_shipped ? "" : cli_shipped_dir();
    char names[PATH_MAX];
    snprintf(names, sizeof names, "%.4000s/names", dir);
    const char *np = d->names_path ? d->names_path : d->no_shipped ? NULL : cli_shipped_names();
    if (!np && dir[0] && is_dir(names)) np = names;
    if (np) {
        d->names = ng_namelist_new();
        if (!d->names || (rc = ng_namelist_add_file_recorded(d->names, np, cli_verified_record(), &err)) != NG_OK) {
            if (!d->names) ng_error_set(&err, rc = NG_E_NOMEM, NULL, 0, 0, "out of memory");
            cli_err(&err);
            cli_dicts_free(d);
            return cli_exit_code(rc);
        }
    }
    /* the user dictionary ('dict add'), after the shipped ones */
    const char *user = d->use_user && !d->no_user ? cli_user_dict_path() : "";
    if (user[0] && access(user, F_OK) == 0) {
        rc = ng_dict_open_recorded(user, cli_verified_record(), &d->dicts[d->ndicts], &err);
        if (rc != NG_OK) {
            cli_err(&err);
            cli_msg("(the user dictionary: correct or delete that line in an editor, or use --no-user)");
            cli_dicts_free(d);
            return cli_exit_code(rc);
        }
        label[d->ndicts++] = user;
        d->user_loaded = 1;
    }
    /* TSV files given with --dict are compiled together (so a later file can
     * extend an earlier id); compiled images are opened as they are. */
    ng_dict_builder *b = NULL;
    const char *tsv = NULL;
    for (size_t i = 0; i < d->npaths && rc == NG_OK; i++) {
        int img = ng_dict_is_image(d->paths[i]);
        if (img < 0) {
            rc = ng_error_set(&err, NG_E_IO, d->paths[i], 0, 0, "cannot read dictionary");
        } else if (img) {
            rc = ng_dict_open_recorded(d->paths[i], cli_verified_record(), &d->dicts[d->ndicts], &err);
            if (rc == NG_OK) label[d->ndicts++] = d->paths[i];
        } else {
            if (!b) b = ng_dict_builder_new();
            if (!tsv) tsv = d->paths[i];
            else tsv = "the --dict TSV files";
            rc = ng_dict_builder_add_file(b, d->paths[i], &err);
        }
    }
    if (rc == NG_OK && b) {
        rc = ng_dict_builder_finish(b, &d->dicts[d->ndicts], &err);
        if (rc == NG_OK) label[d->ndicts++] = tsv;
    }
    ng_dict_builder_free(b);
    if (rc != NG_OK) { cli_err(&err); cli_dicts_free(d); return cli_exit_code(rc); }
    return check_types(d, label);
}

void cli_dicts_free(cli_dicts *d) {
    for (size_t i = 0; i < d->ndicts; i++) ng_dict_free(d->dicts[i]);
    d->ndicts = 0;
    ng_namelist_free(d->names);
    d->names = NULL;
}

ng_tagger *cli_tagger_new(const cli_dicts *d, unsigned flags) {
    ng_tagger *t = ng_tagger_new(d->dicts, d->ndicts, flags);
    if (t && d->names && ng_tagger_set_names(t, d->names) != NG_OK) {
        ng_tagger_free(t);
        t = NULL;
    }
    return t;
}

void cli_reader_warn(const char *path, const char *msg, void *ud) {
    (void)ud;
    cli_msg("warning: %s: %s", path, msg);
}
