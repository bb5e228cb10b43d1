/* newsgraph dict add | remove: the user dictionary (cli_user_dict_path),
 * a TSV file that tag and ingest use after the shipped dictionaries. Every
 * change is checked by compiling the whole new file first and written
 * atomically (a temporary file renamed over the old one): the file is
 * never left half-written or invalid by these commands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "opts.h"
#include "strbuf.h"

/* The current file ("" if there is none); exits on other read errors. */
/* Parses 'text' as a dictionary named 'name'; NG_OK or the builder's error. */
static int parse_tsv(const char *name, const char *text, size_t len, ng_dict **out, ng_error *err) {
    ng_dict_builder *b = ng_dict_builder_new();
    if (!b) cli_fatal_oom();
    int rc = ng_dict_builder_add_tsv(b, name, text, len, err);
    ng_dict *d = NULL;
    if (rc == NG_OK) rc = ng_dict_builder_finish(b, &d, err);
    ng_dict_builder_free(b);
    if (out) *out = d; else ng_dict_free(d);
    return rc;
}

/* The user dictionary as it is must parse before add/remove edit it: an
 * error found after the edit would name a line of the edited text, which
 * is not the file's. */
static int user_valid(const char *path, const strbuf *cur) {
    ng_error err = {0};
    int rc = parse_tsv(path, cur->s, cur->len, NULL, &err);
    if (rc == NG_OK) return 0;
    cli_err(&err);
    cli_msg("%s: not changed: correct or delete that line in an editor first", path);
    return cli_exit_code(rc);
}

static int read_user(const char *path, strbuf *b) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) { sb_put(b, "", 0); return 0; }
        cli_msg("%s: cannot read: %s", path, strerror(errno));
        return EXIT_USAGE;
    }
    char buf[65536];
    size_t n;
    int first = 1;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        /* a byte-order mark (an editor's) is not part of the first id: the
         * file is written back without it (the loader takes either) */
        size_t skip = first && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
        sb_put(b, buf + skip, n - skip);
        first = 0;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { cli_msg("%s: cannot read", path); return EXIT_USAGE; }
    if (!b->s) sb_put(b, "", 0);
    return 0;
}

/* Copies the lines of 'old' to 'out' except those defining 'id'; returns
 * how many were left out. */
static size_t drop_id(const strbuf *old, const char *id, strbuf *out) {
    size_t l = strlen(id), dropped = 0;
    for (const char *p = old->s, *end = old->s + old->len; p < end;) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        size_t len = e ? (size_t)(e - p) + 1 : (size_t)(end - p);
        if (len > l && !memcmp(p, id, l) && p[l] == '\t') dropped++;
        else {
            sb_put(out, p, len);
            if (!e) sb_put(out, "\n", 1);
        }
        p += len;
    }
    return dropped;
}

/* Checks that 'text' compiles, then writes it over 'path' atomically. */
static int write_user(const char *path, const strbuf *text) {
    ng_error err = {0};
    ng_dict *d = NULL;
    int rc = parse_tsv(path, text->s, text->len, &d, &err);
    /* an id the shipped dictionaries have keeps its type (one id is one
     * entity; tag and ingest refuse the file otherwise) */
    const char *img = cli_shipped_image();
    ng_dict *shipped = NULL;
    ng_error serr = {0};
    if (rc == NG_OK && img && ng_dict_open(img, &shipped, &serr) == NG_OK)
        rc = ng_dict_check_types(shipped, "the shipped dictionaries", d, path, &err);
    ng_dict_free(shipped);
    ng_dict_free(d);
    if (rc) { cli_err(&err); cli_msg("%s: not changed", path); return cli_exit_code(rc); }
    if (cli_make_parent(path) < 0) { cli_msg("%s: cannot create its directory: %s", path, strerror(errno)); return EXIT_USAGE; }
    ng_outfile of;
    if ((rc = ng_outfile_open(&of, path, &err)) != NG_OK) { cli_err(&err); return cli_exit_code(rc); }
    size_t off = 0;
    while (off < text->len) {
        ssize_t w = write(of.fd, text->s + off, text->len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            cli_msg("%s: cannot write: %s", path, strerror(errno));
            ng_outfile_abort(&of);
            return EXIT_USAGE;
        }
        off += (size_t)w;
    }
    if ((rc = ng_outfile_commit(&of, &err)) != NG_OK) { cli_err(&err); return cli_exit_code(rc); }
    return 0;
}

static const char *user_path_or_fail(void) {
    const char *p = cli_user_dict_path();
    if (!p[0]) cli_msg("no place for the user dictionary: set XDG_DATA_HOME or HOME");
    return p[0] ? p : NULL;
}

/* a field of the new line: no tab, line break or other control character;
 * 'bar' also refuses '|' (the alias separator) */
static int field_ok(const char *what, const char *v, int bar) {
    if (!v[0]) { cli_msg("dict add: empty %s", what); return 0; }
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (bar && *p == '|')) {
            cli_msg("dict add: %s '%s': %s", what, v, *p == '|' ? "'|' separates aliases; give each as its own argument"
                                                              : "control characters (tab, line break) are not allowed");
            return 0;
        }
    return 1;
}

/* The arguments of 'dict add' / 'dict remove' (they take no options),
 * gathered at the front of argv (*npos of them). On --help prints usage and
 * help (whose one %s is the user dictionary's path). -1 to go on, else the
 * exit status. */
static int user_cmd_args(int argc, char **argv, const char *cmd, const char *usage, const char *help,
                         size_t *npos) {
    static const cli_opt options[] = {{0}};
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    int id;
    *npos = 0;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP:
            printf("usage: %s\n\n", usage);
            printf(help, cli_user_dict_path()[0] ? cli_user_dict_path() : "$XDG_DATA_HOME/newsgraph/user.tsv");
            return 0;
        case CLI_BAD: return EXIT_USAGE;
        case CLI_UNKNOWN: cli_msg("unknown option '%s' for '%s'", v, cmd); return EXIT_USAGE;
        case CLI_ARG: argv[(*npos)++] = (char *)v; break;
        }
    }
    return -1;
}

int cmd_dict_add(int argc, char **argv) {
    size_t npos;
    int rc = user_cmd_args(argc, argv, "dict add", "newsgraph dict add ID TYPE NAME [ALIAS...]",
                           "Adds an entity to the user dictionary (replacing an entry with the same ID),\n"
                           "which tag and ingest use after the shipped dictionaries unless --no-user:\n"
                           "  %s\n"
                           "TYPE is PER, ORG, LOC, EVENT (or another word); NAME and each ALIAS are\n"
                           "matched as dictionary aliases are (dictionaries/README.md).\n",
                           &npos);
    if (rc >= 0) return rc;
    const char *const *pos = (const char *const *)argv;
    if (npos < 3) { cli_msg("usage: newsgraph dict add ID TYPE NAME [ALIAS...]"); return EXIT_USAGE; }
    if (!field_ok("id", pos[0], 1) || !field_ok("type", pos[1], 1)) return EXIT_USAGE;
    for (size_t i = 2; i < npos; i++)
        if (!field_ok(i == 2 ? "name" : "alias", pos[i], 1)) return EXIT_USAGE;
    if (pos[0][0] == '#') { cli_msg("dict add: id '%s': an id cannot start with '#' (a comment line)", pos[0]); return EXIT_USAGE; }
    strbuf out = {0};
    sb_printf(&out, "%s\t%s\t%s", pos[0], pos[1], pos[2]);
    for (size_t i = 3; i < npos; i++) sb_printf(&out, "%s%s", i == 3 ? "\t" : "|", pos[i]);
    sb_put(&out, "\n", 1);
    {   /* the new line alone: its errors are the arguments' (exit 2) */
        ng_error err = {0};
        if (parse_tsv("dict add", out.s, out.len, NULL, &err) != NG_OK) {
            cli_msg("dict add: %s", err.msg);
            sb_free(&out);
            return EXIT_USAGE;
        }
        sb_free(&out);
    }
    const char *path = user_path_or_fail();
    if (!path) return EXIT_USAGE;
    strbuf old = {0};
    rc = read_user(path, &old);
    if (!rc) rc = user_valid(path, &old);
    if (!rc) {
        size_t replaced = drop_id(&old, pos[0], &out);
        sb_printf(&out, "%s\t%s\t%s", pos[0], pos[1], pos[2]);
        for (size_t i = 3; i < npos; i++) sb_printf(&out, "%s%s", i == 3 ? "\t" : "|", pos[i]);
        sb_put(&out, "\n", 1);
        rc = write_user(path, &out);
        if (!rc) fprintf(stderr, "newsgraph: %s %s %s %s\n", replaced ? "replaced" : "added", pos[0], replaced ? "in" : "to", path);
    }
    sb_free(&old);
    sb_free(&out);
    return rc;
}

int cmd_dict_remove(int argc, char **argv) {
    size_t nids;
    int rc = user_cmd_args(argc, argv, "dict remove", "newsgraph dict remove ID...",
                           "Removes entities from the user dictionary (%s).\n", &nids);
    if (rc >= 0) return rc;
    const char *const *ids = (const char *const *)argv;
    if (!nids) { cli_msg("usage: newsgraph dict remove ID..."); return EXIT_USAGE; }
    const char *path = user_path_or_fail();
    if (!path) return EXIT_USAGE;
    strbuf cur = {0};
    rc = read_user(path, &cur);
    if (!rc) rc = user_valid(path, &cur);
    size_t removed = 0;
    for (size_t i = 0; i < nids && !rc; i++) {
        if (cli_given_before(ids, i)) continue;   /* removed once */
        removed++;
        strbuf out = {0};
        if (!drop_id(&cur, ids[i], &out)) {
            cli_msg("no entity '%s' in the user dictionary %s", ids[i], path);
            rc = EXIT_DATA;
        }
        sb_free(&cur);
        cur = out;
        if (!cur.s) sb_put(&cur, "", 0);
    }
    if (!rc) rc = write_user(path, &cur);
    if (!rc) fprintf(stderr, "newsgraph: removed %zu entit%s from %s\n", removed, removed == 1 ? "y" : "ies", path);
    sb_free(&cur);
    return rc;
}
