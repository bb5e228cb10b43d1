/* Exporters: entities whose ids, types and names are arbitrary bytes
 * (the input split at NUL bytes into id, type, name triples, up to 6
 * entities) are stored as one article (one sentence, so every pair is an
 * edge), then exported to GraphML, GEXF, GML, DOT and Neo4j CSV.
 * Checks: GraphML and GEXF are well-formed XML (libxml2); names that XML
 * can carry come back unchanged from GraphML, GEXF and CSV and from
 * ng_query_entity, and so do such ids (GraphML, CSV) with their
 * backslashes doubled, as the exporter escapes ids; CSV has the same
 * number of fields on every row; GML is 7-bit ASCII. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <utf8proc.h>
#include "fuzz_common.h"
#include "graph.h"

#define MAXE 6

/* Would XML (and CSV) carry the string unchanged? */
static int plain(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    if (!len) return 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) return 0;
        if (cp < 0x20 || cp == 0x7f || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
        i += (size_t)n;
    }
    return 1;
}

typedef struct seen { const char *want[MAXE]; int found[MAXE]; size_t n; } seen;
static void mark(seen *s, const char *v) {
    for (size_t i = 0; i < s->n; i++) if (s->want[i] && !strcmp(s->want[i], v)) s->found[i] = 1;
}
/* Collects every text content of elements named 'el' with attribute
 * 'attr'=='val' (or any attribute 'attr' when val is NULL: its value). */
static void walk(xmlNode *n, const char *el, const char *attr, const char *val, seen *s) {
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, el)) {
            xmlChar *a = xmlGetProp(n, (const xmlChar *)attr);
            if (a) {
                if (val && !strcmp((const char *)a, val)) {
                    xmlChar *c = xmlNodeGetContent(n);
                    if (c) { mark(s, (const char *)c); xmlFree(c); }
                } else if (!val) mark(s, (const char *)a);
                xmlFree(a);
            }
        }
        walk(n->children, el, attr, val, s);
    }
}
static void check_xml(const char *path, const char *el, const char *attr, const char *val,
                      const char *const *names, size_t n) {
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    FZ_CHECK(doc, "%s is not well-formed XML", path);
    seen s = {.n = n};
    for (size_t i = 0; i < n; i++) s.want[i] = plain(names[i]) ? names[i] : NULL;
    walk(xmlDocGetRootElement(doc), el, attr, val, &s);
    for (size_t i = 0; i < n; i++)
        FZ_CHECK(!s.want[i] || s.found[i], "%s: name '%s' did not round-trip", path, names[i]);
    xmlFreeDoc(doc);
}

/* RFC 4180 reader: returns fields of each record via callback. */
static void check_csv(const char *path, size_t col, const char *const *names, size_t n) {
    FILE *f = fopen(path, "rb");
    FZ_CHECK(f, "open %s", path);
    seen s = {.n = n};
    for (size_t i = 0; i < n; i++) s.want[i] = plain(names[i]) ? names[i] : NULL;
    char field[8192]; size_t fl = 0, fi = 0, nfields = 0, rec = 0;
    int q = 0, c, was_q = 0;
    while ((c = fgetc(f)) != EOF) {
        if (q) {
            if (c == '"') { int d = fgetc(f); if (d == '"') { if (fl < sizeof field - 1) field[fl++] = '"'; continue; } q = 0; was_q = 1; if (d == EOF) break; c = d; }
            else { FZ_CHECK(c != '\n' && c != '\r', "%s: newline inside a field", path); if (fl < sizeof field - 1) field[fl++] = (char)c; continue; }
        }
        if (c == '"') { FZ_CHECK(fl == 0 && !was_q, "%s: stray quote", path); q = 1; continue; }
        if (c == ',' || c == '\n') {
            field[fl] = 0;
            if (rec > 0 && fi == col) mark(&s, field);
            fi++; fl = 0; was_q = 0;
            if (c == '\n') {
                if (rec == 0) nfields = fi;
                else FZ_CHECK(fi == nfields, "%s: record %zu has %zu fields, header %zu", path, rec, fi, nfields);
                rec++; fi = 0;
            }
            continue;
        }
        FZ_CHECK(!was_q, "%s: text after a closing quote", path);
        if (fl < sizeof field - 1) field[fl++] = (char)c;
    }
    FZ_CHECK(!q && fi == 0, "%s: unterminated record", path);
    fclose(f);
    for (size_t i = 0; i < n; i++)
        FZ_CHECK(!s.want[i] || s.found[i], "%s: '%s' did not round-trip", path, names[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    xmlInitParser();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* NUL-separated strings */
    char *buf = malloc(size + 1);
    FZ_CHECK(buf, "malloc");
    memcpy(buf, data, size);
    buf[size] = 0;
    const char *str[3 * MAXE];
    size_t ns = 0;
    for (size_t i = 0; ns < 3 * MAXE && i <= size; i += strlen(buf + i) + 1) str[ns++] = buf + i;
    size_t ne = ns / 3;
    if (ne == 0) { free(buf); return 0; }
    static const char text[] = "a b c d e f.";
    ng_match m[MAXE];
    memset(m, 0, sizeof m);
    const char *ids[MAXE], *names[MAXE], *types[MAXE];
    size_t nu = 0;   /* first occurrence of each id, with the name the store keeps */
    for (size_t i = 0; i < ne; i++) {
        m[i].start = 2 * i; m[i].end = 2 * i + 1; m[i].field = 1;
        m[i].id = str[3 * i]; m[i].type = str[3 * i + 1]; m[i].name = str[3 * i + 2];
        m[i].ncands = 1;
        int dup = 0;
        for (size_t k = 0; k < nu; k++) if (!strcmp(ids[k], m[i].id)) dup = 1;
        if (!dup && *m[i].id) {
            ids[nu] = m[i].id; names[nu] = *m[i].name ? m[i].name : m[i].id;
            types[nu] = *m[i].type ? m[i].type : "UNK"; nu++;
        }
    }
    char db[700], out[700];
    snprintf(db, sizeof db, "%s/g.db", fz_dir());
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) { snprintf(out, sizeof out, "%s%s", db, sfx[i]); unlink(out); }
    ng_store *s = NULL;
    ng_error err = {0};
    FZ_CHECK(ng_store_open(db, NG_STORE_CREATE, &s, &err) == NG_OK, "open: %s", err.msg);
    FZ_CHECK(ng_store_set_window(s, NG_WINDOW_SENTENCE, &err) == NG_OK, "window: %s", err.msg);
    FZ_CHECK(ng_store_begin(s, &err) == NG_OK, "begin: %s", err.msg);
    ng_doc d = {.id = "doc1", .title = NULL, .text = text, .text_len = sizeof text - 1,
                .published = "2024-01-02", .matches = m, .nmatches = ne};
    int outcome = 0;
    int rc = ng_store_add_doc(s, &d, &outcome, &err);
    if (rc) {
        FZ_CHECK(rc == NG_E_PARSE, "add_doc: %d %s", rc, err.msg);
        ng_store_close(s);
        free(buf);
        return 0;
    }
    FZ_CHECK(ng_store_commit(s, &err) == NG_OK, "commit: %s", err.msg);
    /* storage and queries */
    for (size_t i = 0; i < nu; i++) {
        json_t *j = NULL;
        rc = ng_query_entity(s, ids[i], 3, &j, &err);
        if (rc == NG_OK) {
            const char *nm = json_string_value(json_object_get(j, "name"));
            const char *id = json_string_value(json_object_get(j, "id"));
            if (plain(names[i]) && id && !strcmp(id, ids[i]))
                FZ_CHECK(nm && !strcmp(nm, names[i]), "entity name '%s' came back as '%s'", names[i], nm ? nm : "(null)");
            json_decref(j);
        } else FZ_CHECK(rc == NG_E_AMBIGUOUS || rc == NG_E_NOTFOUND || rc == NG_E_UNICODE || rc == NG_E_ARG,
                        "query entity: %d %s", rc, err.msg);
    }
    json_t *st = NULL;
    FZ_CHECK(ng_query_stats(s, &st, &err) == NG_OK, "stats: %s", err.msg);
    json_decref(st);
    /* (ids are written escaped reversibly, graph/export.c key_escape: in
     * one that XML carries, a backslash doubled) */
    char *eids[MAXE];
    for (size_t i = 0; i < nu; i++) {
        size_t l = strlen(ids[i]), o = 0;
        eids[i] = malloc(2 * l + 1);
        FZ_CHECK(eids[i], "malloc");
        for (size_t k = 0; k < l; k++) {
            if (ids[i][k] == '\\') eids[i][o++] = '\\';
            eids[i][o++] = ids[i][k];
        }
        eids[i][o] = 0;
    }
    /* exports */
    static const char *const ext[] = {"graphml", "gexf", "gml", "dot", "csv"};
    for (int fmt = NG_EXPORT_GRAPHML; fmt <= NG_EXPORT_CSV; fmt++) {
        ng_export_opts o = {.format = fmt, .min_weight = 1, .depth = 1};
        snprintf(out, sizeof out, "%s/out.%s", fz_dir(), ext[fmt]);
        long nn = 0, nedge = 0;
        rc = ng_store_export(s, &o, out, &nn, &nedge, &err);
        FZ_CHECK(rc == NG_OK, "export %s: %s", ext[fmt], err.msg);
        FZ_CHECK(nn == (long)nu, "%s: %ld nodes, %zu entities", ext[fmt], nn, nu);
        if (fmt == NG_EXPORT_GRAPHML) {
            check_xml(out, "data", "key", "v_name", names, nu);
            check_xml(out, "data", "key", "v_entity_id", (const char *const *)eids, nu);
            check_xml(out, "data", "key", "v_type", types, nu);
        } else if (fmt == NG_EXPORT_GEXF) {
            check_xml(out, "node", "label", NULL, names, nu);
        } else if (fmt == NG_EXPORT_GML) {
            FILE *f = fopen(out, "rb");
            int c;
            while ((c = fgetc(f)) != EOF) FZ_CHECK(c < 0x80, "GML byte 0x%02x", c);
            fclose(f);
        } else if (fmt == NG_EXPORT_CSV) {
            char p[800];
            snprintf(p, sizeof p, "%s/nodes.csv", out);
            check_csv(p, 1, names, nu);
            check_csv(p, 0, (const char *const *)eids, nu);
            snprintf(p, sizeof p, "%s/relationships.csv", out);
            check_csv(p, 0, NULL, 0);
        }
    }
    for (size_t i = 0; i < nu; i++) free(eids[i]);
    ng_store_close(s);
    free(buf);
    return 0;
}
