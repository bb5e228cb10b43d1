/* newsgraph merge: the reduce step of a sharded ingest. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "graph_cli.h"
#include "opts.h"

static void merge_usage(FILE *f) {
    fprintf(f, "usage: newsgraph merge [--wait MS] [--json] SHARD.db... -o ALL.db\n\n"
               "Adds the articles of databases built from disjoint sets of articles (same\n"
               "window) to ALL.db (created if absent). The counts are exactly those of a\n"
               "single ingest of all the articles. An article present in two databases\n"
               "stops the merge. The shards go into a copy of ALL.db in its directory; a new\n"
               "ALL.db is then renamed into place, an existing one receives the result in\n"
               "one transaction (it may be open elsewhere meanwhile: serve sees the old or\n"
               "the new content; a commit to it by another process during the merge stops\n"
               "the merge). An interrupted or failed merge leaves ALL.db as it was, and\n"
               "running it again does the whole job.\n\n"
               "  -o, --output ALL.db  the merged database (also --db, as the other commands\n"
               "                       name the database they write)\n"
               "      --wait MS        wait up to MS ms for another writer of ALL.db (default 5000)\n"
               "      --json           the summary as JSON\n");
}

int cmd_merge(int argc, char **argv) {
    const char *out = NULL, *v;
    long wait_ms = -1;
    int json = 0, rc;
    const char **shards = cli_xcalloc((size_t)argc + 1, sizeof *shards);
    size_t n = 0;
    enum { O_OUTPUT = 1, O_WAIT, O_JSON };
    static const cli_opt options[] = {
        {"--output", "-o", 1, O_OUTPUT}, {"--db", NULL, 1, O_OUTPUT}, {"--wait", NULL, 1, O_WAIT},
        {"--json", NULL, 0, O_JSON}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    long long x;
    while ((rc = cli_next(&p, options, &v)) != CLI_END) {
        switch (rc) {
        case CLI_HELP: merge_usage(stdout); free(shards); return 0;
        case CLI_BAD: goto usage;
        case CLI_UNKNOWN: cli_msg("merge: unknown option '%s'", v); goto usage;
        case CLI_ARG: shards[n++] = v; break;
        case O_OUTPUT:
            if (out && strcmp(out, v)) { cli_msg("merge: two outputs given (%s and %s)", out, v); goto usage; }
            out = v;
            break;
        case O_WAIT: if (cli_int(p.opt, v, 0, INT_MAX, &x)) goto usage; wait_ms = (long)x; break;
        case O_JSON: json = 1; break;
        }
    }
    if (!out) { cli_msg("merge: where to? (-o ALL.db)"); goto usage; }
    if (!n) { cli_msg("merge: no shard databases given"); goto usage; }
    struct stat ost;
    int out_exists = stat(out, &ost) == 0;
    for (size_t i = 0; i < n; i++) {
        if (cli_same_file(shards[i], out)) {
            cli_msg("merge: %s and %s are the same file (a shard cannot be the output)", shards[i], out);
            free(shards);
            return EXIT_USAGE;
        }
    }
    /* The merge is written to a temporary copy in the output's directory,
     * then renamed into place (a new output) or written back into it (an
     * existing one, below): an interrupted merge leaves the output as it
     * was, and running it again does the whole job. */
    ng_store *s = NULL;
    ng_error err = {0};
    ng_outfile of;
    int code = 0;
    char *side[2] = {NULL, NULL};   /* the copy's -wal and -shm files */
    rc = ng_outfile_open(&of, out, &err);
    if (rc) { free(shards); return gcli_fail(rc, &err); }
    if (of.special) {
        cli_msg("merge: %s is not a regular file", out);
        ng_outfile_abort(&of);
        free(shards);
        return EXIT_USAGE;
    }
    close(of.fd);
    of.fd = -1;
    for (int k = 0; k < 2; k++) {
        size_t l = strlen(of.tmp) + 8;
        side[k] = malloc(l);
        if (side[k]) { snprintf(side[k], l, "%s%s", of.tmp, k ? "-shm" : "-wal"); ng_tmp_track(side[k]); }
    }
    /* An existing output is copied, the copy merged into, and the result
     * written back into the output through SQLite (one transaction): it may
     * be open elsewhere (serve, an ingest), and renaming a file over an
     * open database corrupts it (its -wal would be replayed onto the new
     * file). A commit to the output by another process meanwhile stops
     * the merge (it would be lost). */
    ng_store *old = NULL;
    long long version = 0;
    if (out_exists) {
        rc = ng_store_open_wait(out, 0, wait_ms >= 0 ? (int)wait_ms : 5000, &old, &err);
        if (!rc) {
            if (wait_ms >= 0) ng_store_set_busy_timeout(old, (int)wait_ms);
            version = ng_store_data_version(old);
            unlink(of.tmp);   /* VACUUM INTO creates it */
            rc = ng_store_copy_to(old, of.tmp, &err);
        }
        if (rc) code = gcli_fail(rc, &err);
    }
    if (!code) {
        rc = ng_store_open(of.tmp, NG_STORE_CREATE, &s, &err);
        if (rc) { snprintf(err.file, sizeof err.file, "%s", out); code = gcli_fail(rc, &err); }
    }
    if (s && wait_ms >= 0) ng_store_set_busy_timeout(s, (int)wait_ms);
    for (size_t i = 0; !code && i < n; i++) {
        rc = ng_store_merge(s, shards[i], &err);
        if (rc) {
            if (!err.file[0] || !strcmp(err.file, of.tmp)) snprintf(err.file, sizeof err.file, "%s", shards[i]);
            code = gcli_fail(rc, &err);
            if (rc == NG_E_ARG) code = EXIT_DATA;   /* another window, a shared article: the data's, as in ingest */
        }
    }
    json_t *st = NULL;
    if (!code) ng_query_stats(s, &st, &err);
    ng_store_close(s);
    if (!code && old) {
        if (ng_store_data_version(old) != version) {
            cli_msg("merge: %s changed during the merge (another ingest or curation): nothing merged; run it again", out);
            code = EXIT_DATA;
        } else if ((rc = ng_store_replace_from(old, of.tmp, &err)) != NG_OK) {
            snprintf(err.file, sizeof err.file, "%s", out);
            code = gcli_fail(rc, &err);
        }
        ng_outfile_abort(&of);   /* the copy */
    } else if (!code) {
        rc = ng_outfile_commit(&of, &err);
        if (rc) code = gcli_fail(rc, &err);
    } else {
        ng_outfile_abort(&of);
    }
    ng_store_close(old);
    for (int k = 0; k < 2; k++)
        if (side[k]) { unlink(side[k]); ng_tmp_untrack(side[k]); free(side[k]); }
    if (!code) {
        if (json) gcli_json(st);
        else printf("merged %zu database%s into %s: %lld articles, %lld entities, %lld edges\n", n, n == 1 ? "" : "s", out,
                    ji(st, "articles"), ji(st, "entities"), ji(st, "edges"));
    }
    json_decref(st);
    free(shards);
    return code;
usage:
    free(shards);
    merge_usage(stderr);
    return EXIT_USAGE;
}
