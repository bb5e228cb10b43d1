/* newsgraph: the command-line interface. Parses only global flags, then
 * hands over to a subcommand (cmd_*.c).
 *
 * Built three times, each program linking only what its commands need:
 *   newsgraph        (NG_CLI_TAGGER) tag, dict, eval, ingest, forget, merge;
 *   newsgraph-graph  (NG_CLI_GRAPH)  those and the graph queries and export
 *                    (igraph);
 *   newsgraph-serve  every command, serve too (igraph, libmicrohttpd).
 * A command a program lacks is run by the one that has it, in its place,
 * with the same arguments (cli_run_program). igraph brings 21 more shared
 * libraries (BLAS, LAPACK, GLPK, ICU ...) and libmicrohttpd 9 (GnuTLS ...):
 * an empty program linked with the tagger's libraries starts in ~4 ms
 * here, with igraph's too in ~11, with all of them in ~16. */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <sqlite3.h>
#include <igraph/igraph_version.h>   /* (the newsgraph program: the macro only) */
#include <utf8proc.h>
#include "cli.h"

const char *cli_argv0 = "newsgraph";

/* SIGINT/SIGTERM/SIGHUP: remove the temporary files being written, then die
 * of the signal as before. */
static void on_stop_signal(int sig) {
    ng_tmp_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* GRAPH_CMD(f): f in newsgraph-graph and newsgraph-serve; SERVE_CMD(f): f
 * in newsgraph-serve; NULL elsewhere (the command's 'program' runs it) */
#if defined(NG_CLI_TAGGER)
#define GRAPH_CMD(f) NULL, "newsgraph-graph"
#define SERVE_CMD(f) NULL, "newsgraph-serve"
#elif defined(NG_CLI_GRAPH)
#define GRAPH_CMD(f) f, NULL
#define SERVE_CMD(f) NULL, "newsgraph-serve"
#else
#define GRAPH_CMD(f) f, NULL
#define SERVE_CMD(f) f, NULL
#endif

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *program;   /* when run is NULL: the program that has the command */
    const char *summary;
    int big_buffers;   /* grows and frees buffers of tens of MB: see main() */
} commands[] = {
    {"tag", cmd_tag, NULL, "tag articles and print entity spans", 1},
    {"dict", cmd_dict, NULL, "build, check and edit dictionaries (compile, import, lint, stats, suggest, add, remove)", 0},
    {"eval", cmd_eval, NULL, "score tagged output against annotated gold data", 0},
    {"ingest", cmd_ingest, NULL, "tag articles and store the co-occurrence graph in SQLite", 0},
    {"forget", cmd_forget, NULL, "remove articles from the database", 0},
    {"neighbors", GRAPH_CMD(cmd_neighbors), "strongest co-occurring entities of an entity", 0},
    {"evidence", GRAPH_CMD(cmd_evidence), "articles and sentences where two entities meet", 0},
    {"path", GRAPH_CMD(cmd_path), "strongest connection between two entities", 1},
    {"top", GRAPH_CMD(cmd_top), "most central entities", 1},
    {"communities", GRAPH_CMD(cmd_communities), "clusters of entities (Leiden)", 1},
    {"entity", GRAPH_CMD(cmd_entity), "an entity's card", 0},
    {"stats", GRAPH_CMD(cmd_stats), "counts of articles, entities and edges", 0},
    {"export", GRAPH_CMD(cmd_export), "export the graph (GraphML, GEXF, GML, DOT, Neo4j CSV, SVG picture)", 1},
    {"merge", cmd_merge, NULL, "merge databases built from disjoint articles", 0},
    {"serve", SERVE_CMD(cmd_serve), "explore the graph in a web browser (local HTTP server)", 1},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f) {
    fprintf(f, "usage: newsgraph [--version] [--help] COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'newsgraph COMMAND --help' describes a command.\n");
}

/* Every command's output ends here: a failed write anywhere on stdout (a
 * full disk, /dev/full, a closed pipe reader) or a failed final flush turns
 * the exit status into 2 with a message. */
static int cli_close_stdout(int rc) {
    int bad = ferror(stdout), e = 0;
    errno = 0;
    if (fflush(stdout) != 0) { bad = 1; e = errno; }
    if (bad && rc == 0) {   /* a command that failed has said why already */
        cli_msg("error writing to standard output%s%s", e ? ": " : "", e ? strerror(e) : "");
        return EXIT_USAGE;
    }
    return bad && rc != EXIT_USAGE ? EXIT_USAGE : rc;
}

int main(int argc, char **argv) {
    if (argc > 0) cli_argv0 = argv[0];
    /* a file size limit (ulimit -f) must give a write error, not kill us */
    signal(SIGXFSZ, SIG_IGN);
    {
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_stop_signal;
            sigemptyset(&sa.sa_mask);
            /* an ignored signal (nohup, a background job) stays ignored */
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(sigs[i], &sa, NULL);
        }
    }
    if (argc < 2) { usage(stderr); return EXIT_USAGE; }
    const char *c = argv[1];
    if (!strcmp(c, "--help") || !strcmp(c, "-h") || !strcmp(c, "help")) {
        if (argc > 2 && strcmp(c, "help") == 0) {
            char *hargv[] = {argv[2], "--help", NULL};
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (!strcmp(commands[i].name, argv[2]))
                    return commands[i].run ? commands[i].run(2, hargv)
                                           : cli_run_program(commands[i].program, argv[2], argv);
        }
        usage(stdout);
        return 0;
    }
    if (!strcmp(c, "--version") || !strcmp(c, "-V")) {
        printf("newsgraph %s\n", NG_VERSION);
        printf("utf8proc %s (Unicode %s)\n", utf8proc_version(), utf8proc_unicode_version());
#ifdef NG_CLI_TAGGER
        printf("igraph %s\n", IGRAPH_VERSION);   /* (the graph programs', as built) */
#else
        const char *iv = NULL;
        igraph_version(&iv, NULL, NULL, NULL);
        printf("igraph %s\n", iv ? iv : IGRAPH_VERSION);
#endif
        printf("SQLite %s\n", sqlite3_libversion());
        return 0;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, c)) {
            if (!commands[i].run) return cli_run_program(commands[i].program, c, argv);
            /* igraph allocates and frees arrays of tens of MB again and
             * again (one per edge attribute, per Leiden level), and the
             * tagger grows its token, span and name buffers by doubling
             * over a large article; by default glibc maps each afresh and
             * the kernel zero-fills every page. Kept on the heap and
             * reused, they cost no page faults. */
            if (commands[i].big_buffers) {
                mallopt(M_MMAP_THRESHOLD, 32 << 20);
                mallopt(M_TRIM_THRESHOLD, 512 << 20);
                mallopt(M_TOP_PAD, 64 << 20);
            }
            int rc = commands[i].run(argc - 1, argv + 1);
            return cli_close_stdout(rc);
        }
    cli_msg("'%s' is not a command; see 'newsgraph --help'", c);
    return EXIT_USAGE;
}
