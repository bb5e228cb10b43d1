/* newsgraph export / merge. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <errno.h>
#include "graph_cli.h"
#include "opts.h"

static void export_usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph export [--format FMT] [OPTIONS] -o FILE\n\n"
        "Writes the co-occurrence graph for other tools:\n"
        "  graphml  Gephi, Cytoscape, networkx, yEd (node label, name, type, mentions,\n"
        "           degree, strength, pagerank; edge weight, articles, npmi, dates)\n"
        "  gexf     Gephi, GEXF 1.2draft with first/last-seen intervals (timeline)\n"
        "  gml      GML (non-ASCII as &#N; entities)\n"
        "  dot      Graphviz\n"
        "  svg      the ego-network picture of 'newsgraph serve' (needs --ego; depth 1-2,\n"
        "           --top-edges N: at most N entities besides ENTITY, default 30)\n"
        "  csv      Neo4j bulk import: FILE is a directory that receives nodes.csv\n"
        "           (id:ID, :LABEL) and relationships.csv (:START_ID, :END_ID, :TYPE);\n"
        "           neo4j-admin database import full --nodes=nodes.csv\n"
        "           --relationships=relationships.csv\n\n"
        "      --db FILE          database (default $NEWSGRAPH_DB or newsgraph.db)\n"
        "  -f, --format FMT       graphml, gexf, gml, dot, csv, svg (default: from the\n"
        "                         extension of FILE, .graphml .gexf .gml .dot .gv .svg,\n"
        "                         else graphml)\n"
        "  -o, --output FILE      output file ('-' for standard output, not for csv)\n"
        "      --min-weight K     only edges seen in at least K windows\n"
        "      --top-edges N      only the N strongest edges (0: all; equal weights\n"
        "                         by their ends' entity ids)\n"
        "      --ego ENTITY       only ENTITY's neighbourhood ...\n"
        "      --depth D          ... up to D hops (default 1, at most 1000)\n"
        "  -t, --type T[,T]       only entities of these types\n"
        "      --since/--until D  only articles published in this range\n"
        "Nodes without a kept edge are left out when an edge filter is given.\n"
        "Entity ids are escaped reversibly: a backslash is doubled, a control\n"
        "character or a byte that is not UTF-8 becomes \\xHH.\n");
}

int cmd_export(int argc, char **argv) {
    const char *db = NULL, *fmt = NULL, *out = NULL, *v;
    ng_export_opts o = {0};
    char since[16], until[16];
    int rc;
    enum { O_DB = 1, O_FORMAT, O_OUTPUT, O_EGO, O_TYPE, O_SINCE, O_UNTIL, O_MIN_WEIGHT, O_TOP_EDGES, O_DEPTH };
    static const cli_opt options[] = {
        {"--db", NULL, 1, O_DB}, {"--format", "-f", 1, O_FORMAT}, {"--output", "-o", 1, O_OUTPUT},
        {"--ego", NULL, 1, O_EGO}, {"--type", "-t", 1, O_TYPE}, {"--since", NULL, 1, O_SINCE},
        {"--until", NULL, 1, O_UNTIL}, {"--min-weight", NULL, 1, O_MIN_WEIGHT},
        {"--top-edges", NULL, 1, O_TOP_EDGES}, {"--depth", NULL, 1, O_DEPTH}, {0},
    };
    cli_args p = cli_args_init(argc, argv);
    long long x;
    while ((rc = cli_next(&p, options, &v)) != CLI_END) {
        switch (rc) {
        case CLI_HELP: export_usage(stdout); return 0;
        case CLI_BAD: goto usage;
        case CLI_UNKNOWN: case CLI_ARG: cli_msg("export: unexpected argument '%s'", v); goto usage;
        case O_DB: db = v; break;
        case O_FORMAT: fmt = v; break;
        case O_OUTPUT: out = v; break;
        case O_EGO: o.ego = v; break;
        case O_TYPE: {
            char why[200];
            if (gcli_types(v, why, sizeof why)) { cli_msg("%s: %s", p.opt, why); goto usage; }
            o.filter.types = v;
            break;
        }
        case O_SINCE: if (gcli_date(p.opt, v, 0, since)) goto usage; o.filter.since = since; break;
        case O_UNTIL: if (gcli_date(p.opt, v, 1, until)) goto usage; o.filter.until = until; break;
        case O_MIN_WEIGHT: if (cli_int(p.opt, v, 0, LONG_MAX, &x)) goto usage; o.min_weight = (long)x; break;
        case O_TOP_EDGES: if (cli_int(p.opt, v, 0, 1000000000, &x)) goto usage; o.top_edges = (long)x; break;
        case O_DEPTH: if (cli_int(p.opt, v, 1, 1000, &x)) goto usage; o.depth = (int)x; break;
        }
    }
    if (gcli_range(o.filter.since, o.filter.until)) goto usage;
    if (!fmt) {
        /* the format of the output's extension (x.dot, x.gexf ...), else GraphML */
        static const char *const ext[][2] = {{".graphml", "graphml"}, {".gexf", "gexf"}, {".gml", "gml"},
                                              {".dot", "dot"}, {".gv", "dot"}, {".svg", "svg"}};
        size_t ol = out ? strlen(out) : 0;
        fmt = "graphml";
        for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
            size_t el = strlen(ext[i][0]);
            if (ol > el && !strcasecmp(out + ol - el, ext[i][0])) fmt = ext[i][1];
        }
    }
    if (o.depth && !o.ego) { cli_msg("export: --depth needs --ego ENTITY (the hops are counted from it)"); goto usage; }
    int svg = !strcmp(fmt, "svg");
    if (svg && (!o.ego || o.depth > 2)) { cli_msg("export: %s", o.ego ? "svg draws depth 1 or 2" : "svg needs --ego ENTITY"); goto usage; }
    if (svg) o.format = NG_EXPORT_GRAPHML;
    else if ((o.format = ng_export_format_parse(fmt)) < 0) { cli_msg("--format: '%s' is not graphml, gexf, gml, dot, csv or svg", fmt); goto usage; }
    if (!out) { cli_msg("export: where to? (-o FILE)"); goto usage; }
    if (!strcmp(out, "-") && o.format == NG_EXPORT_CSV) { cli_msg("export: csv needs a directory (-o DIR)"); goto usage; }
    db = gcli_db(db);
    int ec = 0;
    ng_store *s = gcli_open_ro(db, &ec);
    if (!s) return ec;
    if (o.ego) gcli_also(s, o.ego);
    ng_error err = {0};
    long nn = 0, ne = 0;
    char tmpl[4200];
    const char *path = out;
    if (!strcmp(out, "-")) {
        const char *td = getenv("TMPDIR");
        snprintf(tmpl, sizeof tmpl, "%.4096s/newsgraph-export.XXXXXX", td && *td ? td : "/tmp");
        int fd = ng_tmp_create(tmpl);   /* removed on SIGINT/SIGTERM */
        if (fd < 0) { cli_msg("cannot create a temporary file: %s", strerror(errno)); ng_store_close(s); return EXIT_USAGE; }
        close(fd);
        path = tmpl;
    }
    if (svg) {
        ng_ego_opts eo = {.depth = o.depth, .top = o.top_edges > 0 && o.top_edges < NG_EGO_MAX_NODES ? (int)o.top_edges : o.top_edges ? NG_EGO_MAX_NODES : 0,
                          .min_count = o.min_weight, .filter = o.filter};
        rc = ng_store_export_svg(s, o.ego, &eo, path, &nn, &ne, &err);
    } else
    rc = ng_store_export(s, &o, path, &nn, &ne, &err);
    ng_store_close(s);
    if (rc) { if (path == tmpl) { unlink(tmpl); ng_tmp_untrack(tmpl); } return gcli_fail(rc, &err); }
    if (path == tmpl) {
        FILE *f = fopen(tmpl, "rb");
        char buf[65536];
        size_t n;
        int code = 0;
        if (!f) { cli_msg("%s: %s", tmpl, strerror(errno)); code = EXIT_USAGE; }
        while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
            if (fwrite(buf, 1, n, stdout) != n) { cli_msg("error writing to standard output: %s", strerror(errno)); code = EXIT_USAGE; break; }
        if (f && ferror(f)) { cli_msg("%s: read error", tmpl); code = EXIT_USAGE; }
        if (f) fclose(f);
        unlink(tmpl);
        ng_tmp_untrack(tmpl);
        if (!code && fflush(stdout) != 0) { cli_msg("error writing to standard output: %s", strerror(errno)); code = EXIT_USAGE; }
        return code;
    } else {
        fprintf(stderr, "newsgraph: wrote %s: %ld nodes, %ld edges (%s)\n", out, nn, ne, fmt);
    }
    return 0;
usage:
    export_usage(stderr);
    return EXIT_USAGE;
}
