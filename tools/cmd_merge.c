/* newsgraph merge: the reduce step of a sharded ingest. */
#include <stdlib.h>
#include <string.h>
#include "graph_cli.h"

static void merge_usage(FILE *f) {
    fprintf(f, "usage: newsgraph merge [--wait MS] [--json] SHARD.db... -o ALL.db\n\n"
               "Adds the articles of databases built from disjoint sets of articles (same\n"
               "window) to ALL.db (created if absent). The counts are exactly those of a\n"
               "single ingest of all the articles. An article present in two databases\n"
               "stops the merge (nothing of that shard is added).\n");
}

int cmd_merge(int argc, char **argv) {
    const char *out = NULL, *v;
    long wait_ms = -1;
    int json = 0, rc;
    const char **shards = calloc((size_t)argc + 1, sizeof *shards);
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { merge_usage(stdout); free(shards); return 0; }
        if ((rc = gcli_opt(argc, argv, &i, "--output", "-o", &out))) { if (rc < 0) goto usage; continue; }
        if ((rc = gcli_opt(argc, argv, &i, "--db", NULL, &out))) { if (rc < 0) goto usage; continue; }
        if ((rc = gcli_opt(argc, argv, &i, "--wait", NULL, &v))) { if (rc < 0 || (wait_ms = gcli_long(a, v)) < 0) goto usage; continue; }
        if (!strcmp(a, "--json")) { json = 1; continue; }
        if (a[0] == '-' && a[1]) { cli_msg("merge: unknown option '%s'", a); goto usage; }
        shards[n++] = a;
    }
    if (!out) { cli_msg("merge: where to? (-o ALL.db)"); goto usage; }
    if (!n) { cli_msg("merge: no shard databases given"); goto usage; }
    ng_store *s;
    ng_error err = {0};
    rc = ng_store_open(out, NG_STORE_CREATE, &s, &err);
    if (rc) { free(shards); return gcli_fail(rc, &err); }
    if (wait_ms >= 0) ng_store_set_busy_timeout(s, (int)wait_ms);
    int code = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(shards[i], out)) { cli_msg("merge: %s is the output", shards[i]); code = EXIT_USAGE; break; }
        rc = ng_store_merge(s, shards[i], &err);
        if (rc) {
            if (!err.file[0]) snprintf(err.file, sizeof err.file, "%s", shards[i]);
            code = gcli_fail(rc, &err);
            break;
        }
    }
    if (!code) {
        json_t *st = NULL;
        ng_query_stats(s, &st, &err);
        if (json) gcli_json(st);
        else printf("merged %zu database%s into %s: %lld articles, %lld entities, %lld edges\n", n, n == 1 ? "" : "s", out,
                    ji(st, "articles"), ji(st, "entities"), ji(st, "edges"));
        json_decref(st);
    }
    ng_store_close(s);
    free(shards);
    return code;
usage:
    free(shards);
    merge_usage(stderr);
    return EXIT_USAGE;
}
