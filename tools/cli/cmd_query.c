/* newsgraph neighbors / evidence / path / top / communities / entity / stats:
 * questions to the graph database, as a table or --json. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <math.h>
#include <unistd.h>
#include "graph_cli.h"
#include "opts.h"

/* Options common to the query commands. */
typedef struct qopts {
    const char *db;
    int json;
    long top;
    const char *by;
    ng_filter f;
    char since[16], until[16];
    long min_count, limit, seed, members, iterations, sources;
    int limit_set;
    double resolution;
    const char *pos[3];
    int npos;
    int check;            /* stats --check */
    cli_dicts *dicts;     /* stats --check: --dict, --no-shipped */
} qopts;

enum { Q_TOP = 1, Q_TYPE = 2, Q_DATES = 4, Q_BY = 8, Q_LIMIT = 16, Q_MINCOUNT = 32, Q_COMM = 64, Q_SOURCES = 128,
       Q_CHECK = 256 /* stats: --check and the dictionary options */, Q_COLOR = 512 };

enum { O_DB = 1, O_JSON, O_TOP, O_SOURCES, O_TYPE, O_BY, O_LIMIT, O_MINCOUNT, O_SINCE, O_UNTIL,
       O_RESOLUTION, O_SEED, O_ITERATIONS, O_MEMBERS, O_CHECK, O_COLOR };

/* Every option of the query commands, and which Q_* bit allows it. */
static const cli_opt query_options[] = {
    {"--db", NULL, 1, O_DB}, {"--json", NULL, 0, O_JSON}, {"--top", "-n", 1, O_TOP},
    {"--sources", NULL, 1, O_SOURCES}, {"--type", "-t", 1, O_TYPE}, {"--by", NULL, 1, O_BY},
    {"--limit", NULL, 1, O_LIMIT}, {"--min-count", NULL, 1, O_MINCOUNT}, {"--since", NULL, 1, O_SINCE},
    {"--until", NULL, 1, O_UNTIL}, {"--resolution", NULL, 1, O_RESOLUTION}, {"--seed", NULL, 1, O_SEED},
    {"--iterations", NULL, 1, O_ITERATIONS}, {"--members", NULL, 1, O_MEMBERS},
    {"--check", NULL, 0, O_CHECK}, {"--color", NULL, 1, O_COLOR}, {"--colour", NULL, 1, O_COLOR},
    CLI_DICT_OPTS, {0},
};

static unsigned query_option_bit(int id) {
    switch (id) {
    case O_DB: case O_JSON: return 0;
    case O_TOP: return Q_TOP;
    case O_SOURCES: return Q_SOURCES;
    case O_TYPE: return Q_TYPE;
    case O_BY: return Q_BY;
    case O_LIMIT: return Q_LIMIT;
    case O_MINCOUNT: return Q_MINCOUNT;
    case O_SINCE: case O_UNTIL: return Q_DATES;
    case O_CHECK: case CLI_OPT_DICT: case CLI_OPT_NO_SHIPPED: case CLI_OPT_NO_USER: case CLI_OPT_NAMES: return Q_CHECK;
    case O_COLOR: return Q_COLOR;
    default: return Q_COMM;
    }
}

/* evidence, path: the two entities highlighted in the snippets (--color:
 * 0 never, 1 always, 2 auto: when stdout is a terminal and NO_COLOR is
 * not set, https://no-color.org) */
static int q_color = 2;
static int use_color(void) {
    const char *nc = getenv("NO_COLOR");
    return q_color == 1 || (q_color == 2 && isatty(1) && !(nc && nc[0]));
}

/* A snippet on one line; with colour, every occurrence of the surface of
 * A (cyan) and of B (yellow) in bold colour. */
static void put_snippet(const char *sn, const char *sa, const char *sb, int color) {
    sn = gcli_text(sn); sa = gcli_text(sa); sb = gcli_text(sb);   /* one line, no control characters */
    size_t la = color ? strlen(sa) : 0, lb = color ? strlen(sb) : 0;
    for (const char *p = sn; *p;) {
        int a = la && !strncmp(p, sa, la), b = lb && !strncmp(p, sb, lb);
        if (a && b) { if (la >= lb) b = 0; else a = 0; }
        if (a || b) {
            size_t l = a ? la : lb;
            fputs(a ? "\033[1;36m" : "\033[1;33m", stdout);
            fwrite(p, 1, l, stdout);
            fputs("\033[0m", stdout);
            p += l;
            continue;
        }
        putchar(*p);
        p++;
    }
}

/* Returns -1 on success, else an exit code (usage printed by the caller). */
static int parse(int argc, char **argv, unsigned allowed, int npos_min, int npos_max, qopts *o,
                 void (*usage)(FILE *)) {
    const char *v;
    long long x;
    int id;
    cli_args p = cli_args_init(argc, argv);
    while ((id = cli_next(&p, query_options, &v)) != CLI_END) {
        if (id > 0 && (query_option_bit(id) & ~allowed)) { v = p.raw; id = CLI_UNKNOWN; }
        switch (id) {
        case CLI_HELP: usage(stdout); return 0;
        case CLI_BAD: goto bad;
        case CLI_UNKNOWN: cli_msg("%s: unknown option '%s'", argv[0], v); goto bad;
        case CLI_ARG:
            if (o->npos >= npos_max) goto toomany;
            o->pos[o->npos++] = v;
            break;
        case O_DB: o->db = v; break;
        case O_JSON: o->json = 1; break;
        case O_TOP: if (cli_int(p.opt, v, 0, 10000000, &x)) goto bad; o->top = (long)x; break;
        case O_SOURCES:
            if (!strcmp(v, "all")) o->sources = -1;
            else if (cli_int(p.opt, v, 1, 10000000, &x)) goto bad;
            else o->sources = (long)x;
            break;
        case O_TYPE: {
            char why[200];
            if (gcli_types(v, why, sizeof why)) { cli_msg("%s: %s", p.opt, why); goto bad; }
            o->f.types = v;
            break;
        }
        case O_BY: o->by = v; break;
        case O_LIMIT: if (cli_int(p.opt, v, 0, 10000000, &x)) goto bad; o->limit = (long)x; o->limit_set = 1; break;
        case O_MINCOUNT: if (cli_int(p.opt, v, 0, LONG_MAX, &x)) goto bad; o->min_count = (long)x; break;
        case O_SINCE: if (gcli_date(p.opt, v, 0, o->since)) goto bad; o->f.since = o->since; break;
        case O_UNTIL: if (gcli_date(p.opt, v, 1, o->until)) goto bad; o->f.until = o->until; break;
        case O_RESOLUTION: if (cli_real(p.opt, v, 0, 1e6, 1, &o->resolution)) goto bad; break;
        case O_SEED: if (cli_int(p.opt, v, 0, 4294967295LL, &x)) goto bad; o->seed = (long)x; break;
        case O_ITERATIONS: if (cli_int(p.opt, v, 1, 1000, &x)) goto bad; o->iterations = (long)x; break;
        case O_MEMBERS: if (cli_int(p.opt, v, 0, 10000000, &x)) goto bad; o->members = (long)x; break;
        case O_CHECK: o->check = 1; break;
        case O_COLOR:
            if ((q_color = cli_choice(v, (const char *const[]){"never", "always", "auto", NULL})) < 0) {
                cli_msg("%s: expected auto, always or never, got '%s'", p.opt, v);
                goto bad;
            }
            break;
        case CLI_OPT_DICT: case CLI_OPT_NO_SHIPPED: case CLI_OPT_NO_USER: case CLI_OPT_NAMES:
            if (cli_dicts_option(o->dicts, id, v) < 0) return EXIT_USAGE;
            break;
        }
    }
    if (o->npos < npos_min) { cli_msg("%s: missing %s", argv[0], npos_min == 1 ? "ENTITY" : "ENTITY arguments"); goto bad; }
    if (gcli_range(o->f.since, o->f.until)) goto bad;
    o->db = gcli_db(o->db);
    return -1;
toomany:
    cli_msg("%s: too many arguments", argv[0]);
bad:
    usage(stderr);
    return EXIT_USAGE;
}

static int finish(ng_store *s, int rc, ng_error *err, json_t *res, int json, void (*table)(json_t *)) {
    int code = 0;
    if (rc) {
        if (json) gcli_error_json(s, rc, err);
        code = gcli_fail(rc, err);
    } else if (json) gcli_json(res);
    else table(res);
    json_decref(res);
    ng_store_close(s);
    return code;
}

#define OPEN_OR_RETURN(s, o) \
    int ec_ = 0; ng_store *s = gcli_open_ro((o).db, &ec_); if (!s) return ec_;

static void entity_head(json_t *e) {
    printf("%s (%s, %s)\n", gcli_text(js(e, "name")), gcli_text(js(e, "type")), gcli_text(js(e, "id")));
}

/* ## neighbors */
static void neighbors_usage(FILE *f) {
    fprintf(f, "usage: newsgraph neighbors [OPTIONS] ENTITY\n\n"
               "The entities that co-occur most with ENTITY (an id, a name or an alias).\n"
               "count = windows (sentences, paragraphs or articles, as recorded in the\n"
               "database) with both; articles = articles with both in one window;\n"
               "npmi = normalised pointwise mutual information over windows, in [-1, 1]:\n"
               "ln(p(xy)/(p(x)p(y))) / -ln p(xy); it does not favour frequent entities.\n\n"
               "      --db FILE        database (default $NEWSGRAPH_DB or newsgraph.db)\n"
               "  -n, --top N          rows (default 20)\n"
               "      --by KEY         count (default), articles, npmi, pmi\n"
               "      --min-count K    only pairs seen in at least K windows\n"
               "  -t, --type T[,T]     only these entity types\n"
               "      --since DATE     only articles published on or after DATE\n"
               "      --until DATE     only articles published on or before DATE\n"
               "      --json           JSON output\n");
}
static void neighbors_table(json_t *r) {
    entity_head(json_object_get(r, "entity"));
    json_t *a = json_object_get(r, "neighbors");
    if (!json_array_size(a)) { printf("no co-occurring entities\n"); return; }
    printf("%-32s %-6s %7s %8s %7s  %-10s %-10s\n", "NEIGHBOR", "TYPE", "COUNT", "ARTICLES", "NPMI", "FIRST", "LAST");
    size_t i; json_t *x;
    json_array_foreach(a, i, x) {
        gcli_cell(js(x, "name"), 32); putchar(' ');
        gcli_cell(js(x, "type"), 6);
        printf(" %7lld %8lld %7.3f  %-10s %-10s\n", ji(x, "count"), ji(x, "articles"), jr(x, "npmi"), js(x, "first"), js(x, "last"));
    }
    if (ji(r, "total") > (long long)json_array_size(a)) printf("(%lld of %lld shown)\n", (long long)json_array_size(a), ji(r, "total"));
}
int cmd_neighbors(int argc, char **argv) {
    qopts o = {0};
    int pr = parse(argc, argv, Q_TOP | Q_TYPE | Q_DATES | Q_BY | Q_MINCOUNT, 1, 1, &o, neighbors_usage);
    if (pr >= 0) return pr;
    OPEN_OR_RETURN(s, o);
    ng_neighbors_opts no = {.top = (int)o.top, .by = o.by, .min_count = o.min_count, .filter = o.f};
    json_t *r = NULL; ng_error err = {0};
    gcli_also(s, o.pos[0]);
    int rc = ng_query_neighbors(s, o.pos[0], &no, &r, &err);
    return finish(s, rc, &err, r, o.json, neighbors_table);
}

/* ## evidence */
static void evidence_usage(FILE *f) {
    fprintf(f, "usage: newsgraph evidence [--db FILE] [--limit N] [--json] [--color WHEN] A B\n\n"
               "The articles and sentences where A and B appear together (newest first;\n"
               "--limit N of them, default 10; 0: only their number).\n"
               "On a terminal A and B are highlighted in each sentence (--color auto,\n"
               "always, never; auto respects NO_COLOR).\n");
}
static void evidence_table(json_t *r) {
    json_t *a = json_object_get(r, "a"), *b = json_object_get(r, "b");
    printf("%s and %s: %lld %s window%s\n", gcli_text(js(a, "name")), gcli_text(js(b, "name")), ji(r, "total"), js(r, "window"),
           ji(r, "total") == 1 ? "" : "s");
    size_t i; json_t *x;
    json_array_foreach(json_object_get(r, "evidence"), i, x) {
        printf("\n%s  %s", js(x, "published")[0] ? js(x, "published") : "----------", gcli_text(js(x, "article")));
        if (js(x, "title")[0]) { printf("  "); gcli_cell(js(x, "title"), 60); }
        printf("\n  ");
        put_snippet(js(x, "snippet"), js(x, "a_surface"), js(x, "b_surface"), use_color());
        putchar('\n');
    }
}
int cmd_evidence(int argc, char **argv) {
    qopts o = {0};
    int pr = parse(argc, argv, Q_LIMIT | Q_COLOR, 2, 2, &o, evidence_usage);
    if (pr >= 0) return pr;
    OPEN_OR_RETURN(s, o);
    json_t *r = NULL; ng_error err = {0};
    gcli_also(s, o.pos[0]);
    gcli_also(s, o.pos[1]);
    int rc = ng_query_evidence(s, o.pos[0], o.pos[1], o.limit_set ? (int)o.limit : 10, &r, &err);
    return finish(s, rc, &err, r, o.json, evidence_table);
}

/* ## path */
static void path_usage(FILE *f) {
    fprintf(f, "usage: newsgraph path [--db FILE] [--since D] [--until D] [--limit N] [--json]\n"
               "                      [--color WHEN] A B\n\n"
               "The strongest connection between A and B: the shortest path when an edge\n"
               "seen in c windows has length 1/c (igraph, Dijkstra), with evidence for\n"
               "each hop (--limit per hop, default 1; 0: the path alone).\n");
}
static void path_table(json_t *r) {
    json_t *f = json_object_get(r, "from"), *t = json_object_get(r, "to");
    printf("%s -> %s: %lld hop%s, length %.4f\n", gcli_text(js(f, "name")), gcli_text(js(t, "name")), ji(r, "hops_count"),
           ji(r, "hops_count") == 1 ? "" : "s", jr(r, "length"));
    size_t i; json_t *h;
    json_array_foreach(json_object_get(r, "hops"), i, h) {
        printf("\n%zu. %s -- %s  (count %lld, articles %lld, npmi %.3f)\n", i + 1, gcli_text(js(json_object_get(h, "a"), "name")),
               gcli_text(js(json_object_get(h, "b"), "name")), ji(h, "count"), ji(h, "articles"), jr(h, "npmi"));
        size_t k; json_t *x;
        json_array_foreach(json_object_get(h, "evidence"), k, x) {
            printf("   %s %s: ", js(x, "published"), gcli_text(js(x, "article")));
            put_snippet(js(x, "snippet"), js(x, "a_surface"), js(x, "b_surface"), use_color());
            putchar('\n');
        }
    }
}
int cmd_path(int argc, char **argv) {
    qopts o = {0};
    int pr = parse(argc, argv, Q_DATES | Q_LIMIT | Q_COLOR, 2, 2, &o, path_usage);
    if (pr >= 0) return pr;
    OPEN_OR_RETURN(s, o);
    json_t *r = NULL; ng_error err = {0};
    gcli_also(s, o.pos[0]);
    gcli_also(s, o.pos[1]);
    int rc = ng_query_path(s, o.pos[0], o.pos[1], &o.f, o.limit_set ? (int)o.limit : 1, &r, &err);
    return finish(s, rc, &err, r, o.json, path_table);
}

/* ## top */
static void top_usage(FILE *f) {
    fprintf(f, "usage: newsgraph top [OPTIONS]\n\n"
               "The most central entities of the co-occurrence graph.\n\n"
               "      --by KEY         degree (default), strength (sum of counts), pagerank\n"
               "                       (weighted by counts), betweenness (lengths 1/count),\n"
               "                       mentions\n"
               "      --sources N|all  betweenness from N sampled sources, scaled (default:\n"
               "                       exact while nodes x (edges + nodes) <= 5e7, else a\n"
               "                       sample of 2e7 / (edges + nodes) sources, at least\n"
               "                       50; noted in the output; progress on a terminal)\n"
               "  -n, --top N          rows (default 20)\n"
               "  -t, --type T[,T]     list only these types (computed on the whole graph)\n"
               "      --since/--until  only articles published in this range\n"
               "      --db FILE, --json\n");
}
static void top_table(json_t *r) {
    json_t *a = json_object_get(r, "entities");
    json_t *bt = json_object_get(r, "betweenness");
    if (bt && !strcmp(js(bt, "method"), "sampled"))
        printf("(betweenness estimated from a sample of %lld of %lld sources; --sources all for the exact value)\n",
               ji(bt, "sources"), ji(bt, "nodes"));
    /* the ranking key's own column, unless it is one of the two always shown */
    const char *by = js(r, "by");
    int own = strcmp(by, "degree") && strcmp(by, "mentions");
    char head[16];
    size_t k;
    for (k = 0; by[k] && k + 1 < sizeof head; k++) head[k] = (char)toupper((unsigned char)by[k]);
    head[k] = 0;
    printf("%-4s %-32s %-6s", "RANK", "ENTITY", "TYPE");
    if (own) printf(" %12s", head);
    printf(" %7s %9s\n", "DEGREE", "MENTIONS");
    size_t i; json_t *x;
    json_array_foreach(a, i, x) {
        printf("%-4zu ", i + 1);
        gcli_cell(js(x, "name"), 32); putchar(' ');
        gcli_cell(js(x, "type"), 6);
        double sc = jr(x, "score");
        if (own && sc == (double)(long long)sc) printf(" %12lld", (long long)sc);
        else if (own) printf(" %12.6f", sc);
        printf(" %7lld %9lld\n", ji(x, "degree"), ji(x, "mentions"));
    }
}
static void top_progress(long done, long total, void *ud) {
    (void)ud;
    fprintf(stderr, "\rbetweenness: %ld of %ld sources%s", done, total, done >= total ? "\r\033[K" : "");
}
int cmd_top(int argc, char **argv) {
    qopts o = {0};
    int pr = parse(argc, argv, Q_TOP | Q_TYPE | Q_DATES | Q_BY | Q_SOURCES, 0, 0, &o, top_usage);
    if (pr >= 0) return pr;
    OPEN_OR_RETURN(s, o);
    json_t *r = NULL; ng_error err = {0};
    ng_top_opts to = {.by = o.by, .filter = &o.f, .n = o.top ? (int)o.top : 20, .sources = o.sources,
                      .progress = isatty(2) ? top_progress : NULL};
    int rc = ng_query_top_ex(s, &to, &r, &err);
    return finish(s, rc, &err, r, o.json, top_table);
}

/* ## communities */
static void communities_usage(FILE *f) {
    fprintf(f, "usage: newsgraph communities [OPTIONS]\n\n"
               "Clusters of entities (Leiden, optimising modularity on co-occurrence counts).\n"
               "The same seed on the same database gives the same clusters.\n\n"
               "      --resolution R   larger gives more, smaller clusters (default 1,\n"
               "                       a positive number, at most 1000000)\n"
               "      --seed S         random seed (default 1, at most 4294967295)\n"
               "      --iterations N   Leiden passes (default 1, at most 1000)\n"
               "      --min-count K    only links seen in at least K windows (default 1)\n"
               "  -n, --top N          communities to list (default 20, 0 = all)\n"
               "      --members M      members listed per community, strongest first (default 10)\n"
               "  -t, --type T[,T]     cluster only entities of these types\n"
               "      --since/--until  only articles published in this range\n"
               "      --db FILE, --json\n"
               "Counts (--top, --members) are at most 10000000.\n");
}
static void communities_table(json_t *r) {
    printf("%lld communities (leiden, seed %lld, resolution %g, modularity %.4f) over %lld entities, %lld links\n",
           ji(r, "count"), ji(r, "seed"), jr(r, "resolution"), jr(r, "modularity"), ji(r, "nodes"), ji(r, "edges"));
    size_t i; json_t *c;
    json_array_foreach(json_object_get(r, "communities"), i, c) {
        printf("\n#%lld  %lld members, strength %.0f\n  ", ji(c, "id"), ji(c, "size"), jr(c, "strength"));
        size_t k; json_t *m;
        json_array_foreach(json_object_get(c, "members"), k, m) printf("%s%s (%s)", k ? ", " : "", gcli_text(js(m, "name")), gcli_text(js(m, "type")));
        if ((long long)json_array_size(json_object_get(c, "members")) < ji(c, "size")) printf(", …");
        putchar('\n');
    }
}
int cmd_communities(int argc, char **argv) {
    qopts o = {.top = -1, .members = -1, .seed = 1};
    int pr = parse(argc, argv, Q_TOP | Q_TYPE | Q_DATES | Q_COMM | Q_MINCOUNT, 0, 0, &o, communities_usage);
    if (pr >= 0) return pr;
    OPEN_OR_RETURN(s, o);
    json_t *r = NULL; ng_error err = {0};
    ng_communities_opts co = {.resolution = o.resolution, .seed = (unsigned long)o.seed, .iterations = (int)o.iterations,
                              .min_count = o.min_count, .max_communities = o.top < 0 ? 20 : (int)o.top,
                              .max_members = o.members < 0 ? 10 : (int)o.members, .filter = o.f};
    int rc = ng_query_communities(s, &co, &r, &err);
    return finish(s, rc, &err, r, o.json, communities_table);
}

/* ## entity */
static void entity_usage(FILE *f) {
    fprintf(f, "usage: newsgraph entity [--db FILE] [--top N] [--json] ENTITY\n"
               "       newsgraph entity merge [--db FILE] ENTITY OTHER\n"
               "       newsgraph entity rename [--db FILE] ENTITY NAME\n"
               "       newsgraph entity retype [--db FILE] ENTITY TYPE\n"
               "       newsgraph entity alias add|remove [--db FILE] ENTITY ALIAS\n"
               "       newsgraph entity corrections [--db FILE] [--json]\n"
               "       newsgraph entity undo [--db FILE] N\n"
               "       newsgraph entity duplicates [--db FILE] [--json] [--merge [--min-shared N]]\n\n"
               "An entity's card: type, aliases, counts, first and last seen, mentions per\n"
               "month and top neighbours. ENTITY is an id, a name or an alias (an entity\n"
               "named like a subcommand: newsgraph entity -- merge). A name that other\n"
               "entities have too by a later lookup rule (a case form, a surname) picks\n"
               "by the documented order and lists the others as \"also:\" (JSON: \"also\").\n"
               "The corrections pick the same way and print the others in a note on stderr,\n"
               "with the number of the correction that 'entity undo N' undoes.\n\n"
               "Corrections are stored in the database and last: they apply to the stored\n"
               "graph at once, to every later ingest, re-ingest and forget, to 'newsgraph\n"
               "merge' (the shards' corrections are combined) and to every export.\n"
               "  merge        OTHER becomes an alias of ENTITY: its mentions move to ENTITY\n"
               "               and counts and edges are recomputed exactly as if the\n"
               "               dictionary had always listed OTHER's names under ENTITY;\n"
               "               OTHER's id no longer appears, looking it up finds ENTITY\n"
               "  rename       sets the name (also of the entity re-created later)\n"
               "  retype       sets the type (PER, ORG, LOC, ...)\n"
               "  alias add    makes ALIAS find ENTITY; alias remove stops it\n"
               "  corrections  lists the corrections in the order they apply\n"
               "  undo N       removes correction N and undoes it; for a merge, the\n"
               "               articles of the kept entity are marked for re-tagging:\n"
               "               ingest them again and the two are apart, exactly\n"
               "  duplicates   people the rules found by a short form of a name in some\n"
               "               articles and by the full name in others, each a node:\n"
               "               \"R. Croft\" or \"Croft\" and \"Robert Croft\" (the full name\n"
               "               shortened gives the short form's id); never two that\n"
               "               one article names (there they are two people). Lists\n"
               "               each short form with its candidates and the neighbours\n"
               "               they share; also full names in two spellings of the\n"
               "               given name (Muhammad and Мухаммед Rostam), and in Latin\n"
               "               letters and a Cyrillic transcription (Joel Simon and\n"
               "               Джоэл Саймон). --merge merges\n"
               "               each one of one candidate sharing at least N neighbours\n"
               "               with it (--min-shared, default 2) into that candidate,\n"
               "               each an 'entity merge' that 'entity undo' undoes\n\n"
               "      --db FILE    database (default $NEWSGRAPH_DB or newsgraph.db)\n"
               "      --wait MS    wait up to MS ms for another writer (default 5000)\n"
               "      --names PATH given-name lists (duplicates; default the shipped ones)\n");
}
static void entity_table(json_t *r) {
    printf("%s\n  id:         %s\n  type:       %s\n", gcli_text(js(r, "name")), gcli_text(js(r, "id")), gcli_text(js(r, "type")));
    printf("  aliases:    ");
    size_t i; json_t *x;
    json_array_foreach(json_object_get(r, "aliases"), i, x) printf("%s%s", i ? ", " : "", gcli_text(json_string_value(x)));
    putchar('\n');
    /* the other entities the name typed names: the lookup's first rule chose */
    json_array_foreach(json_object_get(r, "also"), i, x) {
        char how[700];
        printf("  %s %s (%s, %s): %s\n", i ? "           " : "also:      ", gcli_text(js(x, "name")),
               gcli_text(js(x, "id")), gcli_text(js(x, "type")), gcli_also_how(x, how, sizeof how));
    }
    printf("  mentions:   %lld\n  articles:   %lld\n  neighbours: %lld\n", ji(r, "mentions"), ji(r, "articles"), ji(r, "degree"));
    /* null when none of its articles has a publication date */
    const char *first = js(r, "first_seen"), *last = js(r, "last_seen");
    printf("  first seen: %s\n  last seen:  %s\n", *first ? first : "- (no dated article)", *last ? last : "-");
    json_t *pm = json_object_get(r, "per_month");
    if (json_array_size(pm)) {
        long long mx = 1;
        json_array_foreach(pm, i, x) if (ji(x, "mentions") > mx) mx = ji(x, "mentions");
        printf("\n  %-8s %8s %8s\n", "MONTH", "MENTIONS", "ARTICLES");
        json_array_foreach(pm, i, x) {
            printf("  %-8s %8lld %8lld  ", js(x, "month"), ji(x, "mentions"), ji(x, "articles"));
            int bar = (int)(ji(x, "mentions") * 30 / mx);
            for (int k = 0; k < bar; k++) fputs("\xE2\x96\x88", stdout);
            putchar('\n');
        }
    }
    json_t *nb = json_object_get(r, "neighbors");
    if (json_array_size(nb)) {
        printf("\n  %-32s %-6s %7s %8s %7s\n", "TOP NEIGHBOURS", "TYPE", "COUNT", "ARTICLES", "NPMI");
        json_array_foreach(nb, i, x) {
            printf("  "); gcli_cell(js(x, "name"), 32); putchar(' '); gcli_cell(js(x, "type"), 6);
            printf(" %7lld %8lld %7.3f\n", ji(x, "count"), ji(x, "articles"), jr(x, "npmi"));
        }
    }
}
/* One line for a correction ({"seq","op","entity","value","old"}). */
static void correction_line(json_t *c) {
    const char *op = js(c, "op"), *old = gcli_text(js(c, "old"));
    if (!strcmp(op, "merge")) printf("merge: %s%s%s%s into %s", gcli_text(js(c, "value")), *old ? " (" : "", old, *old ? ")" : "", gcli_text(js(c, "entity")));
    else if (!strcmp(op, "rename") || !strcmp(op, "retype"))
        printf("%s: %s '%s' -> '%s'", op, gcli_text(js(c, "entity")), old, gcli_text(js(c, "value")));
    else printf("alias %s: %s '%s'", op + 6, gcli_text(js(c, "entity")), gcli_text(js(c, "value")));
}

static const char *const corr_cmds[] = {"merge", "rename", "retype", "alias", "corrections", "undo", "duplicates", NULL};

/* One person of a duplicates group: "Name (id): N mentions in N articles". */
static void dup_person(json_t *e) {
    printf("%s (%s): %lld mention%s in %lld article%s", gcli_text(js(e, "name")), gcli_text(js(e, "id")),
           ji(e, "mentions"), ji(e, "mentions") == 1 ? "" : "s", ji(e, "articles"), ji(e, "articles") == 1 ? "" : "s");
}
static void duplicates_table(json_t *r) {
    size_t i, k; json_t *g, *c;
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        int unique = json_is_true(json_object_get(g, "unique"));
        dup_person(json_object_get(g, "entity"));
        printf("%s\n", unique ? "" : "; which of these?");
        json_array_foreach(json_object_get(g, "candidates"), k, c) {
            printf("    %s ", unique ? "->" : "? ");
            dup_person(c);
            printf(", %lld shared neighbour%s\n", ji(c, "shared_neighbors"), ji(c, "shared_neighbors") == 1 ? "" : "s");
        }
    }
    long long n = ji(r, "count");
    printf("%lld short form%s with candidates\n", n, n == 1 ? "" : "s");
}

/* newsgraph entity duplicates [--merge]: the people of a short form of a
 * name and of the full name (ng_query_duplicates), merged on request. */
static int entity_duplicates(int argc, char **argv, int subi) {
    const char *db = NULL, *names = NULL, *v;
    int json = 0, merge = 0;
    long wait_ms = -1, min_shared = 2, min_set = 0;
    enum { O_DB = 1, O_WAIT, O_JSON, O_MERGE, O_MIN, O_NAMES };
    static const cli_opt options[] = {{"--db", NULL, 1, O_DB}, {"--wait", NULL, 1, O_WAIT}, {"--json", NULL, 0, O_JSON},
                                      {"--merge", NULL, 0, O_MERGE}, {"--min-shared", NULL, 1, O_MIN},
                                      {"--names", NULL, 1, O_NAMES}, {0}};
    cli_args p = cli_args_init(argc, argv);
    long long x;
    int id;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        if (id == CLI_ARG && p.i - 1 == subi) continue;
        switch (id) {
        case CLI_HELP: entity_usage(stdout); return 0;
        case CLI_BAD: goto bad;
        case CLI_UNKNOWN: cli_msg("entity duplicates: unknown option '%s'", v); goto bad;
        case CLI_ARG: cli_msg("entity duplicates: too many arguments"); goto bad;
        case O_DB: db = v; break;
        case O_WAIT: if (cli_int(p.opt, v, 0, INT_MAX, &x)) goto bad; wait_ms = (long)x; break;
        case O_JSON: json = 1; break;
        case O_MERGE: merge = 1; break;
        case O_MIN: if (cli_int(p.opt, v, 0, LONG_MAX, &x)) goto bad; min_shared = (long)x; min_set = 1; break;
        case O_NAMES: names = v; break;
        }
    }
    if (min_set && !merge) { cli_msg("entity duplicates: --min-shared goes with --merge"); goto bad; }
    /* the person rules as ingest ran them: the given-name lists */
    if (!names) names = cli_shipped_names();
    ng_error err = {0};
    int rc = NG_OK;
    db = gcli_db(db);
    ng_store *s = NULL;
    if (merge) {
        rc = ng_store_open_wait(db, 0, (int)wait_ms, &s, &err);
        if (rc == NG_E_NOTFOUND) {
            cli_msg("%s: no newsgraph database here (run 'newsgraph ingest' first, or use --db FILE)", db);
            return EXIT_DATA;
        }
        if (!rc && wait_ms >= 0) ng_store_set_busy_timeout(s, (int)wait_ms);
    } else {
        int ec = 0;
        if (!(s = gcli_open_ro(db, &ec))) return ec;
    }
    json_t *r = NULL;
    if (!rc) rc = ng_query_duplicates_names(s, names, &r, &err);
    if (rc || !merge) {
        int code = finish(s, rc, &err, r, json, duplicates_table);
        return code;
    }
    /* --merge: the short forms of one candidate with enough shared
     * neighbours, in one batch (thousands cost about one) */
    size_t i, n = 0; json_t *g;
    json_t *groups = json_object_get(r, "groups"), **pick = calloc(json_array_size(groups) + 1, sizeof *pick);
    ng_correction *cs = calloc(json_array_size(groups) + 1, sizeof *cs);
    long *seqs = calloc(json_array_size(groups) + 1, sizeof *seqs);
    if (!pick || !cs || !seqs) cli_fatal_oom();
    json_array_foreach(groups, i, g) {
        json_t *e = json_object_get(g, "entity"), *c = json_array_get(json_object_get(g, "candidates"), 0);
        if (!json_is_true(json_object_get(g, "unique")) || ji(c, "shared_neighbors") < min_shared) continue;
        cs[n] = (ng_correction){NG_CORR_MERGE, js(c, "id"), js(e, "id")};
        pick[n++] = g;
    }
    rc = ng_store_correct_batch(s, cs, n, seqs, &err);
    ng_store_close(s);
    long merged = rc ? 0 : (long)n;
    json_t *done = json_array();
    for (size_t k = 0; !rc && k < n; k++) {
        json_t *e = json_object_get(pick[k], "entity"), *c = json_array_get(json_object_get(pick[k], "candidates"), 0);
        if (json) json_array_append_new(done, json_pack("{s:I,s:s,s:s}", "correction", (json_int_t)seqs[k], "entity",
                                                        js(c, "id"), "merged", js(e, "id")));
        else printf("correction %ld: merge: %s (%s) into %s (%s)\n", seqs[k], gcli_text(js(e, "name")),
                    gcli_text(js(e, "id")), gcli_text(js(c, "name")), gcli_text(js(c, "id")));
    }
    free(pick);
    free(cs);
    free(seqs);
    json_decref(r);
    if (!rc && json) {
        json_t *o = json_pack("{s:I,s:o}", "merged", (json_int_t)merged, "corrections", done);
        if (!o) cli_fatal_oom();
        gcli_json(o);
        json_decref(o);
    } else json_decref(done);
    if (rc) return gcli_fail(rc, &err);
    if (!json) printf("%ld merge%s ('newsgraph entity corrections' lists them, 'entity undo N' undoes one)\n", merged,
                      merged == 1 ? "" : "s");
    return 0;
bad:
    entity_usage(stderr);
    return EXIT_USAGE;
}

/* newsgraph entity merge|rename|retype|alias|corrections|undo ... */
static int entity_correct(int argc, char **argv, int subi) {
    const char *sub = argv[subi], *db = NULL, *v;
    const char *pos[3];
    int npos = 0, json = 0, rc;
    long wait_ms = -1;
    int op = -1;
    enum { O_DB = 1, O_WAIT, O_JSON };
    static const cli_opt options[] = {{"--db", NULL, 1, O_DB}, {"--wait", NULL, 1, O_WAIT}, {"--json", NULL, 0, O_JSON}, {0}};
    cli_args p = cli_args_init(argc, argv);
    long long x;
    int id;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        if (id == CLI_ARG && p.i - 1 == subi) continue;
        if (id == O_JSON && strcmp(sub, "corrections")) { id = CLI_UNKNOWN; v = p.raw; }
        switch (id) {
        case CLI_HELP: entity_usage(stdout); return 0;
        case CLI_BAD: goto bad;
        case CLI_UNKNOWN: cli_msg("entity %s: unknown option '%s'", sub, v); goto bad;
        case CLI_ARG: if (npos == 3) goto toomany; pos[npos++] = v; break;
        case O_DB: db = v; break;
        case O_WAIT: if (cli_int(p.opt, v, 0, INT_MAX, &x)) goto bad; wait_ms = (long)x; break;
        case O_JSON: json = 1; break;
        }
    }
    int want = !strcmp(sub, "corrections") ? 0 : !strcmp(sub, "undo") ? 1 : !strcmp(sub, "alias") ? 3 : 2;
    if (npos > want) goto toomany;
    if (npos < want) { cli_msg("entity %s: missing arguments", sub); goto bad; }
    const char *ent = NULL, *val = NULL;
    if (!strcmp(sub, "merge")) op = NG_CORR_MERGE;
    else if (!strcmp(sub, "rename")) op = NG_CORR_RENAME;
    else if (!strcmp(sub, "retype")) op = NG_CORR_RETYPE;
    else if (!strcmp(sub, "alias")) {
        if (!strcmp(pos[0], "add")) op = NG_CORR_ALIAS_ADD;
        else if (!strcmp(pos[0], "remove")) op = NG_CORR_ALIAS_REMOVE;
        else { cli_msg("entity alias: '%s' is neither 'add' nor 'remove'", pos[0]); goto bad; }
        ent = pos[1]; val = pos[2];
    }
    if (op >= 0 && op != NG_CORR_ALIAS_ADD && op != NG_CORR_ALIAS_REMOVE) { ent = pos[0]; val = pos[1]; }
    long seq = 0, stale = 0;
    if (!strcmp(sub, "undo")) {
        if (cli_int("entity undo", pos[0], 0, LONG_MAX, &x)) goto bad;
        seq = (long)x;
    }
    db = gcli_db(db);
    ng_store *s = NULL;
    ng_error err = {0};
    if (!strcmp(sub, "corrections")) {
        int ec = 0;
        if (!(s = gcli_open_ro(db, &ec))) return ec;
        json_t *r = NULL;
        rc = ng_store_corrections(s, &r, &err);
        ng_store_close(s);
        if (rc) return gcli_fail(rc, &err);
        if (json) gcli_json(r);
        else {
            size_t i; json_t *c;
            json_array_foreach(json_object_get(r, "corrections"), i, c) {
                printf("%4lld  %s  ", ji(c, "seq"), js(c, "created"));
                correction_line(c);
                putchar('\n');
            }
        }
        json_decref(r);
        return 0;
    }
    rc = ng_store_open_wait(db, 0, (int)wait_ms, &s, &err);
    if (rc) {
        if (rc == NG_E_NOTFOUND) { cli_msg("%s: no newsgraph database here (run 'newsgraph ingest' first, or use --db FILE)", db); return EXIT_DATA; }
        return gcli_fail(rc, &err);
    }
    if (wait_ms >= 0) ng_store_set_busy_timeout(s, (int)wait_ms);
    /* an ENTITY argument that names other entities too by a later lookup
     * rule: the correction picks as 'entity' does (the first rule), and
     * says so as the queries do, with the number that undoes it */
    char *notes[2] = {NULL, NULL};
    if (op >= 0) notes[0] = gcli_also_note(s, ent);
    if (op == NG_CORR_MERGE) notes[1] = gcli_also_note(s, val);
    if (op >= 0) rc = ng_store_correct(s, op, ent, val, &seq, &err);
    else rc = ng_store_undo(s, seq, &stale, &err);
    json_t *r = NULL;
    if (!rc) rc = ng_store_corrections(s, &r, &err);
    ng_store_close(s);
    if (rc) { json_decref(r); free(notes[0]); free(notes[1]); return gcli_fail(rc, &err); }
    if (op >= 0) {
        json_t *arr = json_object_get(r, "corrections");
        json_t *c = json_array_get(arr, json_array_size(arr) - 1);
        printf("correction %ld: ", seq);
        correction_line(c);
        putchar('\n');
        fflush(stdout);
        for (int k = 0; k < 2; k++)
            if (notes[k])
                fprintf(stderr, "newsgraph: note: %s (give the id to choose; 'newsgraph entity undo %ld' undoes "
                        "this correction)\n", notes[k], seq);
        free(notes[0]);
        free(notes[1]);
    } else {
        printf("undid correction %ld\n", seq);
        if (stale)
            printf("%ld article%s marked for re-tagging: ingest %s again to split the merged mentions\n",
                   stale, stale == 1 ? "" : "s", stale == 1 ? "it" : "them");
    }
    json_decref(r);
    return 0;
toomany:
    cli_msg("entity %s: too many arguments", sub);
bad:
    entity_usage(stderr);
    return EXIT_USAGE;
}

int cmd_entity(int argc, char **argv) {
    /* the first argument that is not an option (or an option's value)
     * names a correction subcommand, unless after "--" */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) break;
        if (!strcmp(a, "--db") || !strcmp(a, "--top") || !strcmp(a, "-n") || !strcmp(a, "--wait") || !strcmp(a, "--names") ||
            !strcmp(a, "--min-shared")) { i++; continue; }
        if (a[0] == '-' && a[1]) continue;
        if (!strcmp(a, "duplicates")) return entity_duplicates(argc, argv, i);
        for (int k = 0; corr_cmds[k]; k++)
            if (!strcmp(a, corr_cmds[k])) return entity_correct(argc, argv, i);
        break;
    }
    qopts o = {0};
    int pr = parse(argc, argv, Q_TOP, 1, 1, &o, entity_usage);
    if (pr >= 0) return pr;
    OPEN_OR_RETURN(s, o);
    json_t *r = NULL; ng_error err = {0};
    int rc = ng_query_entity(s, o.pos[0], o.top ? (int)o.top : 10, &r, &err);
    return finish(s, rc, &err, r, o.json, entity_table);
}

/* ## stats */
static void stats_usage(FILE *f) {
    fprintf(f, "usage: newsgraph stats [--db FILE] [--json] [--check [--dict FILE]... [--no-shipped] [--no-user]]\n\n"
               "Counts of articles, mentions, entities by type and edges.\n"
               "--check recomputes every count from the stored mentions and compares; checks\n"
               "that every mention's surface is the article's text at its offsets, and that\n"
               "every entity's type and name agree with the dictionaries (the shipped ones,\n"
               "the user dictionary unless --no-user, and any --dict, as for 'ingest'). Each\n"
               "problem is printed; exit 1 if any.\n");
}
static void stats_table(json_t *r) {
    printf("articles:  %lld\nmentions:  %lld\nentities:  %lld\n", ji(r, "articles"), ji(r, "mentions"), ji(r, "entities"));
    const char *k; json_t *v;
    json_object_foreach(json_object_get(r, "entities_by_type"), k, v) printf("  %-8s %lld\n", k, (long long)json_integer_value(v));
    printf("edges:     %lld\nwindow:    %s (%lld windows with entities)\n", ji(r, "edges"), js(r, "window"), ji(r, "windows"));
    if (js(r, "first")[0]) printf("published: %s .. %s\n", js(r, "first"), js(r, "last"));
}
typedef struct check_out { const char *db; long shown; } check_out;
static void check_print(const char *what, const char *id, const char *detail, void *ud) {
    check_out *c = ud;
    if (c->shown++ < 50) printf("%s: %s%s%s: %s\n", c->db, what, *id ? " " : "", id, detail);
}
int cmd_stats(int argc, char **argv) {
    qopts o = {0};
    cli_dicts dicts = {0};
    o.dicts = &dicts;
    int pr = parse(argc, argv, Q_CHECK, 0, 0, &o, stats_usage);
    int check = o.check;
    if (pr < 0 && (dicts.npaths || dicts.no_shipped || dicts.no_user || dicts.names_path) && !check) {
        cli_msg("stats: --dict, --no-shipped, --no-user and --names go with --check");
        stats_usage(stderr);
        return EXIT_USAGE;
    }
    if (pr >= 0) return pr;
    if (check) {
        dicts.use_user = 1;   /* as ingest stored them: the user dictionary too, unless --no-user */
        int rc = cli_dicts_load(&dicts);
        if (rc) return rc;
        int ec = 0;
        ng_store *s = gcli_open_ro(o.db, &ec);
        if (!s) { cli_dicts_free(&dicts); return ec; }
        long bad = -1;
        ng_error e = {0};
        ng_dict_list dl = {dicts.dicts, dicts.ndicts};
        check_out co = {o.db, 0};
        /* rule-found people: their names must give their ids */
        ng_tagger *persons = ng_tagger_new(NULL, 0, NG_TAG_DEFAULT);
        if (persons && dicts.names && ng_tagger_set_names(persons, dicts.names)) { ng_tagger_free(persons); persons = NULL; }
        if (!persons) { ng_store_close(s); cli_dicts_free(&dicts); cli_msg("out of memory"); return EXIT_DATA; }
        rc = ng_store_check(s, &dl, persons, check_print, &co, &bad, &e);
        ng_tagger_free(persons);
        ng_store_close(s);
        cli_dicts_free(&dicts);
        if (rc) return gcli_fail(rc, &e);
        if (bad) {
            if (co.shown > 50) printf("%s: ... %ld more\n", o.db, co.shown - 50);
            printf("%s: %ld problem%s found\n", o.db, bad, bad == 1 ? "" : "s");
            return EXIT_DATA;
        }
        printf("%s: consistent\n", o.db);
        return 0;
    }
    OPEN_OR_RETURN(s, o);
    json_t *r = NULL; ng_error err = {0};
    int rc = ng_query_stats(s, &r, &err);
    return finish(s, rc, &err, r, o.json, stats_table);
}
