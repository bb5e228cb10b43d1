/* Exports written by our own code (no igraph writers): GraphML, GEXF
 * 1.2draft, GML, DOT and Neo4j bulk-import CSV. All text goes through a
 * sanitizer, so the files are valid UTF-8 and valid XML whatever the names
 * contain. Files are written under a temporary name and renamed. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include "internal.h"

static const char *const formats[] = {"graphml", "gexf", "gml", "dot", "csv"};

int ng_export_format_parse(const char *name) {
    for (int i = 0; i < 5; i++) if (name && !strcmp(name, formats[i])) return i;
    return -1;
}

#define XS(f, s) ng_xml_write((f), (s), strlen(s), 0)
#define XA(f, s) ng_xml_write((f), (s), strlen(s), 1)

/* Writes 's' as valid UTF-8 with control characters replaced; quote
 * characters escaped per 'mode': 'd' DOT ("\"" and "\\"), 'g' GML (&quot; &amp;),
 * 'c' CSV (doubled quotes). */
static void write_clean(FILE *f, const char *s, int mode) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f) fputc(' ', f);
            else if (mode == 'd' && (c == '"' || c == '\\')) { fputc('\\', f); fputc(c, f); }
            else if (mode == 'g' && c == '"') fputs("&quot;", f);
            else if (mode == 'g' && c == '&') fputs("&amp;", f);
            else if (mode == 'c' && c == '"') fputs("\"\"", f);
            else fputc(c, f);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) { fputs(mode == 'g' ? "&#65533;" : "\xEF\xBF\xBD", f); i++; continue; }
        /* GML is 7-bit ASCII, other characters as entities (the spec;
         * networkx's read_gml decodes them and refuses raw UTF-8; igraph's
         * and Gephi's GML readers do not: README.md sends them to GraphML) */
        if (mode == 'g') fprintf(f, "&#%d;", (int)cp);
        else fwrite(p + i, 1, (size_t)n, f);
        i += (size_t)n;
    }
}

static const char *dstr(int d, char buf[11]) { return ngg_date_str(d, buf); }

/* Node colour by entity type (GEXF viz:color, DOT fillcolor): the same
 * colours in both, from a palette readable on white (issue 14). */
static const unsigned char *type_rgb(const char *type) {
    static const struct { const char *type; unsigned char rgb[3]; } pal[] = {
        {"PER", {0x1f, 0x77, 0xb4}}, {"ORG", {0xff, 0x7f, 0x0e}}, {"LOC", {0x2c, 0xa0, 0x2c}},
        {"EVENT", {0xd6, 0x27, 0x28}}, {"MISC", {0x94, 0x67, 0xbd}}};
    static const unsigned char other[3] = {0x7f, 0x7f, 0x7f};
    for (size_t i = 0; i < sizeof pal / sizeof pal[0]; i++)
        if (type && !strcmp(type, pal[i].type)) return pal[i].rgb;
    return other;
}

/* ## GraphML */
static void graphml(FILE *f, const subgraph *g, const char *window) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n", f);
    static const char *const nkeys[][2] = {
        {"label", "string"}, {"name", "string"}, {"type", "string"}, {"entity_id", "string"},
        {"mentions", "long"}, {"articles", "long"}, {"first_seen", "string"}, {"last_seen", "string"},
        {"degree", "long"}, {"strength", "double"}, {"pagerank", "double"}};
    static const char *const ekeys[][2] = {
        {"weight", "double"}, {"count", "long"}, {"articles", "long"}, {"npmi", "double"},
        {"first_date", "string"}, {"last_date", "string"}, {"interaction", "string"}};
    for (size_t i = 0; i < sizeof nkeys / sizeof nkeys[0]; i++)
        fprintf(f, "  <key id=\"v_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", nkeys[i][0], nkeys[i][0], nkeys[i][1]);
    for (size_t i = 0; i < sizeof ekeys / sizeof ekeys[0]; i++)
        fprintf(f, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", ekeys[i][0], ekeys[i][0], ekeys[i][1]);
    fprintf(f, "  <graph id=\"newsgraph\" edgedefault=\"undirected\">\n");
    fprintf(f, "    <desc>newsgraph co-occurrence graph, window=%s</desc>\n", window);
    char b1[11], b2[11];
    for (size_t i = 0; i < g->nn; i++) {
        const sg_node *v = &g->n[i];
        fputs("    <node id=\"", f); XA(f, v->key); fputs("\">\n", f);
        fputs("      <data key=\"v_label\">", f); XS(f, v->name); fputs("</data>\n", f);
        fputs("      <data key=\"v_name\">", f); XS(f, v->name); fputs("</data>\n", f);
        fputs("      <data key=\"v_type\">", f); XS(f, v->type); fputs("</data>\n", f);
        fputs("      <data key=\"v_entity_id\">", f); XS(f, v->key); fputs("</data>\n", f);
        fprintf(f, "      <data key=\"v_mentions\">%ld</data>\n      <data key=\"v_articles\">%ld</data>\n", v->mentions, v->articles);
        if (v->first) fprintf(f, "      <data key=\"v_first_seen\">%s</data>\n", dstr(v->first, b1));
        if (v->last) fprintf(f, "      <data key=\"v_last_seen\">%s</data>\n", dstr(v->last, b2));
        fprintf(f, "      <data key=\"v_degree\">%ld</data>\n      <data key=\"v_strength\">%.17g</data>\n"
                   "      <data key=\"v_pagerank\">%.9g</data>\n    </node>\n", v->degree, v->strength, v->pagerank);
    }
    for (size_t i = 0; i < g->ne; i++) {
        const sg_edge *e = &g->e[i];
        fprintf(f, "    <edge id=\"e%zu\" source=\"", i); XA(f, g->n[e->a].key);
        fputs("\" target=\"", f); XA(f, g->n[e->b].key); fputs("\">\n", f);
        fprintf(f, "      <data key=\"e_weight\">%ld</data>\n      <data key=\"e_count\">%ld</data>\n"
                   "      <data key=\"e_articles\">%ld</data>\n      <data key=\"e_npmi\">%.6f</data>\n",
                e->windows, e->windows, e->articles, e->npmi);
        if (e->first) fprintf(f, "      <data key=\"e_first_date\">%s</data>\n", dstr(e->first, b1));
        if (e->last) fprintf(f, "      <data key=\"e_last_date\">%s</data>\n", dstr(e->last, b2));
        fputs("      <data key=\"e_interaction\">co_occurs</data>\n    </edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
}

/* ## GEXF 1.2draft (dynamic: node and edge intervals for Gephi's timeline) */
static void gexf(FILE *f, const subgraph *g, const char *window) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n", f);
    fprintf(f, "  <meta><creator>newsgraph %s</creator><description>co-occurrence graph, window=%s</description></meta>\n",
            NG_VERSION, window);
    fputs("  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n"
          "    <attributes class=\"node\">\n"
          "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
          "      <attribute id=\"entity_id\" title=\"entity_id\" type=\"string\"/>\n"
          "      <attribute id=\"mentions\" title=\"mentions\" type=\"long\"/>\n"
          "      <attribute id=\"articles\" title=\"articles\" type=\"long\"/>\n"
          "      <attribute id=\"degree\" title=\"degree\" type=\"long\"/>\n"
          "      <attribute id=\"strength\" title=\"strength\" type=\"double\"/>\n"
          "      <attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>\n"
          "    </attributes>\n"
          "    <attributes class=\"edge\">\n"
          "      <attribute id=\"count\" title=\"count\" type=\"long\"/>\n"
          "      <attribute id=\"articles\" title=\"articles\" type=\"long\"/>\n"
          "      <attribute id=\"npmi\" title=\"npmi\" type=\"double\"/>\n"
          "    </attributes>\n    <nodes>\n", f);
    char b1[11], b2[11];
    for (size_t i = 0; i < g->nn; i++) {
        const sg_node *v = &g->n[i];
        fputs("      <node id=\"", f); XA(f, v->key); fputs("\" label=\"", f); XA(f, v->name); fputc('"', f);
        if (v->first) fprintf(f, " start=\"%s\"", dstr(v->first, b1));
        if (v->last) fprintf(f, " end=\"%s\"", dstr(v->last, b2));
        fputs(">\n        <attvalues>\n          <attvalue for=\"type\" value=\"", f); XA(f, v->type);
        fputs("\"/>\n          <attvalue for=\"entity_id\" value=\"", f); XA(f, v->key);
        fprintf(f, "\"/>\n          <attvalue for=\"mentions\" value=\"%ld\"/>\n"
                   "          <attvalue for=\"articles\" value=\"%ld\"/>\n"
                   "          <attvalue for=\"degree\" value=\"%ld\"/>\n"
                   "          <attvalue for=\"strength\" value=\"%.17g\"/>\n"
                   "          <attvalue for=\"pagerank\" value=\"%.9g\"/>\n        </attvalues>\n"
                   "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n      </node>\n",
                v->mentions, v->articles, v->degree, v->strength, v->pagerank,
                type_rgb(v->type)[0], type_rgb(v->type)[1], type_rgb(v->type)[2]);
    }
    fputs("    </nodes>\n    <edges>\n", f);
    for (size_t i = 0; i < g->ne; i++) {
        const sg_edge *e = &g->e[i];
        fprintf(f, "      <edge id=\"%zu\" source=\"", i); XA(f, g->n[e->a].key);
        fputs("\" target=\"", f); XA(f, g->n[e->b].key); fprintf(f, "\" weight=\"%ld\"", e->windows);
        if (e->first) fprintf(f, " start=\"%s\"", dstr(e->first, b1));
        if (e->last) fprintf(f, " end=\"%s\"", dstr(e->last, b2));
        fprintf(f, ">\n        <attvalues>\n          <attvalue for=\"count\" value=\"%ld\"/>\n"
                   "          <attvalue for=\"articles\" value=\"%ld\"/>\n"
                   "          <attvalue for=\"npmi\" value=\"%.6f\"/>\n        </attvalues>\n      </edge>\n",
                e->windows, e->articles, e->npmi);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

/* ## GML */
static int cmp_node_name(const void *x, const void *y, void *g_) {
    const subgraph *g = g_;
    int a = *(const int *)x, b = *(const int *)y;
    int c = strcmp(g->n[a].name, g->n[b].name);
    return c ? c : (a > b) - (a < b);
}
/* Which nodes share their name with another (dup[i] = 1): GML readers
 * (networkx's read_gml by default) key nodes by their label, so such a
 * label carries the entity id too. NULL when out of memory (then every
 * label does). */
static char *shared_names(const subgraph *g) {
    int *ix = malloc((g->nn ? g->nn : 1) * sizeof *ix);
    char *dup = calloc(g->nn ? g->nn : 1, 1);
    if (!ix || !dup) { free(ix); free(dup); return NULL; }
    for (size_t i = 0; i < g->nn; i++) ix[i] = (int)i;
    qsort_r(ix, g->nn, sizeof *ix, cmp_node_name, (void *)g);
    for (size_t i = 1; i < g->nn; i++)
        if (!strcmp(g->n[ix[i - 1]].name, g->n[ix[i]].name)) dup[ix[i - 1]] = dup[ix[i]] = 1;
    free(ix);
    return dup;
}

static void gml(FILE *f, const subgraph *g, const char *window) {
    fprintf(f, "Creator \"newsgraph %s\"\ngraph [\n  directed 0\n  comment \"co-occurrence graph, window=%s\"\n", NG_VERSION, window);
    char b1[11], b2[11];
    char *dup = shared_names(g);
    for (size_t i = 0; i < g->nn; i++) {
        const sg_node *v = &g->n[i];
        fprintf(f, "  node [\n    id %zu\n    label \"", i); write_clean(f, v->name, 'g');
        if (!dup || dup[i]) { fputs(" (", f); write_clean(f, v->key, 'g'); fputc(')', f); }
        fputs("\"\n    name \"", f); write_clean(f, v->name, 'g');
        fputs("\"\n    type \"", f); write_clean(f, v->type, 'g');
        fputs("\"\n    entityid \"", f); write_clean(f, v->key, 'g');
        fprintf(f, "\"\n    mentions %ld\n    articles %ld\n    degree %ld\n    strength %.17g\n    pagerank %.9g\n",
                v->mentions, v->articles, v->degree, v->strength, v->pagerank);
        if (v->first) fprintf(f, "    firstseen \"%s\"\n", dstr(v->first, b1));
        if (v->last) fprintf(f, "    lastseen \"%s\"\n", dstr(v->last, b2));
        fputs("  ]\n", f);
    }
    free(dup);
    for (size_t i = 0; i < g->ne; i++) {
        const sg_edge *e = &g->e[i];
        fprintf(f, "  edge [\n    source %d\n    target %d\n    weight %ld\n    articles %ld\n    npmi %.6f\n",
                e->a, e->b, e->windows, e->articles, e->npmi);
        if (e->first) fprintf(f, "    firstdate \"%s\"\n", dstr(e->first, b1));
        if (e->last) fprintf(f, "    lastdate \"%s\"\n", dstr(e->last, b2));
        fputs("  ]\n", f);
    }
    fputs("]\n", f);
}

/* ## DOT */
static void dot(FILE *f, const subgraph *g, const char *window) {
    fprintf(f, "// newsgraph co-occurrence graph, window=%s\ngraph newsgraph {\n  node [shape=ellipse];\n", window);
    for (size_t i = 0; i < g->nn; i++) {
        const sg_node *v = &g->n[i];
        fprintf(f, "  n%zu [label=\"", i); write_clean(f, v->name, 'd');
        fputs("\", type=\"", f); write_clean(f, v->type, 'd');
        fputs("\", entity_id=\"", f); write_clean(f, v->key, 'd');
        const unsigned char *c = type_rgb(v->type);
        /* (quoted: a DOT number has no exponent, and a small PageRank is
         * printed with one) */
        fprintf(f, "\", mentions=%ld, pagerank=\"%.9g\", style=filled, fillcolor=\"#%02x%02x%02x\", color=\"#%02x%02x%02x\"];\n",
                v->mentions, v->pagerank, c[0], c[1], c[2], c[0], c[1], c[2]);
    }
    for (size_t i = 0; i < g->ne; i++) {
        const sg_edge *e = &g->e[i];
        fprintf(f, "  n%d -- n%d [weight=%ld, articles=%ld, npmi=%.6f];\n", e->a, e->b, e->windows, e->articles, e->npmi);
    }
    fputs("}\n", f);
}

/* ## Neo4j CSV */
static void csv_field(FILE *f, const char *s) {
    fputc('"', f); write_clean(f, s, 'c'); fputc('"', f);
}
static void label_clean(FILE *f, const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        fputc((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ? c : '_', f);
    }
}
static void csv_nodes(FILE *f, const subgraph *g) {
    fputs("id:ID,name,type,mentions:long,articles:long,first_seen:date,last_seen:date,degree:long,strength:double,pagerank:double,:LABEL\n", f);
    char b1[11], b2[11];
    for (size_t i = 0; i < g->nn; i++) {
        const sg_node *v = &g->n[i];
        csv_field(f, v->key); fputc(',', f); csv_field(f, v->name); fputc(',', f); csv_field(f, v->type);
        fprintf(f, ",%ld,%ld,%s,%s,%ld,%.17g,%.9g,Entity;", v->mentions, v->articles, dstr(v->first, b1), dstr(v->last, b2),
                v->degree, v->strength, v->pagerank);
        label_clean(f, v->type);
        fputc('\n', f);
    }
}
static void csv_rels(FILE *f, const subgraph *g) {
    fputs(":START_ID,:END_ID,count:long,articles:long,npmi:double,first_date:date,last_date:date,:TYPE\n", f);
    char b1[11], b2[11];
    for (size_t i = 0; i < g->ne; i++) {
        const sg_edge *e = &g->e[i];
        csv_field(f, g->n[e->a].key); fputc(',', f); csv_field(f, g->n[e->b].key);
        fprintf(f, ",%ld,%ld,%.6f,%s,%s,CO_OCCURS_WITH\n", e->windows, e->articles, e->npmi, dstr(e->first, b1), dstr(e->last, b2));
    }
}


/* Entity ids are written escaped reversibly, so that distinct ids stay
 * distinct in every format (node ids, :ID columns): a backslash is doubled;
 * a control character, U+FFFE, U+FFFF or a byte that is not valid UTF-8
 * becomes \xHH (one per byte). Other ids are written as they are. Returns
 * a malloc'd string (NULL when out of memory). */
static char *key_escape(const char *key) {
    const unsigned char *p = (const unsigned char *)key;
    size_t len = strlen(key);
    char *out = malloc(len * 4 + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        if (c == '\\') { *o++ = '\\'; *o++ = '\\'; i++; continue; }
        if (c >= 0x20 && c < 0x7f) { *o++ = (char)c; i++; continue; }
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n = c >= 0x80 ? utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp) : 0;
        if (n > 0 && cp != 0xFFFE && cp != 0xFFFF) { memcpy(o, p + i, (size_t)n); o += n; i += (size_t)n; continue; }
        size_t k = n > 0 ? (size_t)n : 1;
        for (size_t j = 0; j < k; j++) o += sprintf(o, "\\x%02X", p[i + j]);
        i += k;
    }
    *o = 0;
    return out;
}

/* Writes 'path' through a temporary file left uncommitted in *of (the
 * caller commits or aborts it); on an error nothing is left. */
static int write_uncommitted(ng_outfile *of, const char *path, int (*fill)(FILE *f, void *ud, ng_error *err), void *ud,
                             ng_error *err) {
    int rc = ng_outfile_open(of, path, err);   /* a FIFO or device is written in place */
    if (rc) return rc;
    int fd2 = dup(of->fd);
    FILE *f = fd2 >= 0 ? fdopen(fd2, "wb") : NULL;
    if (!f) {
        rc = ng_error_set(err, NG_E_IO, path, 0, 0, "cannot write: %s", strerror(errno));
        if (fd2 >= 0) close(fd2);
        ng_outfile_abort(of);
        return rc;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    rc = fill(f, ud, err);
    int bad = ferror(f) || fflush(f) != 0;
    int e = errno;
    if (fclose(f) != 0 && !bad) { bad = 1; e = errno; }
    if (rc || bad) {
        ng_outfile_abort(of);
        return rc ? rc : ng_error_set(err, NG_E_IO, path, 0, 0, "cannot write: %s", strerror(e));
    }
    return NG_OK;
}

int ngg_not_the_db(const ng_store *s, const char *path, ng_error *err) {
    struct stat o;
    if (!s->path || stat(path, &o) != 0) return NG_OK;
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    size_t l = strlen(s->path) + 16;
    char *p = malloc(l);
    if (!p) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    int rc = NG_OK;
    for (size_t i = 0; !rc && i < sizeof sfx / sizeof *sfx; i++) {
        struct stat d;
        snprintf(p, l, "%s%s", s->path, sfx[i]);
        if (stat(p, &d) == 0 && d.st_dev == o.st_dev && d.st_ino == o.st_ino)
            rc = ng_error_set(err, NG_E_ARG, path, 0, 0, "this is %s being exported: write the export elsewhere",
                              i ? "a file of the database" : "the database");
    }
    free(p);
    return rc;
}

int ngg_write_file(const char *path, int (*fill)(FILE *f, void *ud, ng_error *err), void *ud, ng_error *err) {
    ng_outfile of;
    int rc = write_uncommitted(&of, path, fill, ud, err);
    return rc ? rc : ng_outfile_commit(&of, err);
}

typedef struct export_job { int fmt, part; const subgraph *g; const char *window; } export_job;
static int export_fill(FILE *f, void *ud, ng_error *err) {
    (void)err;
    const export_job *j = ud;
    switch (j->fmt) {
    case NG_EXPORT_GRAPHML: graphml(f, j->g, j->window); break;
    case NG_EXPORT_GEXF: gexf(f, j->g, j->window); break;
    case NG_EXPORT_GML: gml(f, j->g, j->window); break;
    case NG_EXPORT_DOT: dot(f, j->g, j->window); break;
    default: if (j->part == 0) csv_nodes(f, j->g); else csv_rels(f, j->g); break;
    }
    return NG_OK;
}
static int write_atomic(const char *path, int fmt, const subgraph *g, const char *window, int part, ng_error *err) {
    export_job j = {fmt, part, g, window};
    return ngg_write_file(path, export_fill, &j, err);
}

/* The Neo4j pair: both files are written before either replaces an old
 * one, so that a failure leaves no new nodes.csv beside an old
 * relationships.csv (nor a directory this call created). */
static int write_csv_pair(const char *dir, const subgraph *g, const char *window, ng_error *err) {
    int made = mkdir(dir, 0777) == 0;
    if (!made && errno != EEXIST) return ng_error_set(err, NG_E_IO, dir, 0, 0, "cannot create directory: %s", strerror(errno));
    size_t l = strlen(dir) + 32;
    char *pn = malloc(l), *pr = malloc(l);
    int rc = pn && pr ? NG_OK : ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    ng_outfile on, orl;
    int have_n = 0;
    if (!rc) {
        snprintf(pn, l, "%s/nodes.csv", dir);
        snprintf(pr, l, "%s/relationships.csv", dir);
        export_job jn = {NG_EXPORT_CSV, 0, g, window}, jr = {NG_EXPORT_CSV, 1, g, window};
        rc = write_uncommitted(&on, pn, export_fill, &jn, err);
        have_n = !rc;
        if (!rc) rc = write_uncommitted(&orl, pr, export_fill, &jr, err);
    }
    if (rc) {
        if (have_n) ng_outfile_abort(&on);
    } else {
        rc = ng_outfile_commit(&on, err);
        if (rc) ng_outfile_abort(&orl);
        else rc = ng_outfile_commit(&orl, err);
    }
    if (rc && made) rmdir(dir);   /* (fails, as it should, when it is not empty) */
    free(pn); free(pr);
    return rc;
}

int ng_store_export(ng_store *s, const ng_export_opts *o, const char *path, long *nodes, long *edges, ng_error *err) {
    if (o->format < 0 || o->format > NG_EXPORT_CSV) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown export format");
    int rc0 = ngg_not_the_db(s, path, err);
    if (rc0) return rc0;
    sg_opts so = {.filter = &o->filter, .types_on_graph = 1, .min_weight = o->min_weight,
                  .top_edges = o->top_edges, .ego = -1, .depth = o->depth};
    int rc;
    if (o->ego) {
        int64_t id;
        if ((rc = ngg_lookup(s, o->ego, &id, err))) return rc;
        so.ego = id;
    }
    subgraph g;
    if ((rc = ngg_subgraph_load(s, &so, &g, err))) return rc;
    rc = ngg_subgraph_centrality(&g, 1, err);
    for (size_t i = 0; !rc && i < g.nn; i++) {
        char *k = key_escape(g.n[i].key);
        if (!k) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        else { free(g.n[i].key); g.n[i].key = k; }
    }
    const char *window = ng_window_name(s->window);
    if (!rc) {
        if (o->format == NG_EXPORT_CSV) {
            rc = write_csv_pair(path, &g, window, err);
        } else {
            rc = write_atomic(path, o->format, &g, window, 0, err);
        }
    }
    if (nodes) *nodes = (long)g.nn;
    if (edges) *edges = (long)g.ne;
    ngg_subgraph_free(&g);
    return rc;
}
