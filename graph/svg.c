/* The ego-network picture as SVG (ng_ego_svg_write), shared by the web
 * explorer (tools/serve) and 'newsgraph export --format svg --ego'. Every
 * name and id goes through ng_xml_write, so any text is shown as text.
 * Styling is done with presentation attributes only (no <style> element,
 * no script): the page's content security policy allows neither inline. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const char *type_colour(const char *t) {
    if (!strcmp(t, "PER")) return "#e15759";
    if (!strcmp(t, "ORG")) return "#4e79a7";
    if (!strcmp(t, "LOC")) return "#59a14f";
    if (!strcmp(t, "EVENT") || !strcmp(t, "EVT")) return "#f28e2b";
    return "#9c755f";
}

static const char *str(json_t *o, const char *k) {
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}
static void xw(FILE *f, const char *s, int attr) { ng_xml_write(f, s, strlen(s), attr); }

int ng_ego_svg_write(const json_t *ego, FILE *f, ng_error *err) {
    json_t *nodes = json_object_get(ego, "nodes"), *edges = json_object_get(ego, "edges");
    if (!json_is_array(nodes) || !json_is_array(edges))
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "not an ego network");
    double W = json_number_value(json_object_get(ego, "width")), H = json_number_value(json_object_get(ego, "height"));
    if (W <= 0) W = 800;
    if (H <= 0) H = 560;
    size_t nn = json_array_size(nodes), i;
    json_t *v;
    double maxm = 1, maxw = 1;
    json_array_foreach(nodes, i, v) {
        double m = (double)json_integer_value(json_object_get(v, "mentions"));
        if (m > maxm) maxm = m;
    }
    json_array_foreach(edges, i, v) {
        double w = (double)json_integer_value(json_object_get(v, "count"));
        if (w > maxw) maxw = w;
    }
    json_t *c = json_object_get(ego, "entity");
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ego\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
               " font-family=\"sans-serif\" data-center=\"", W, H, W, H);
    xw(f, str(c, "id"), 1);
    fputs("\">\n<title>", f);
    fputs("Ego network of ", f);
    xw(f, str(c, "name"), 0);
    fprintf(f, " (%zu entities, %zu links)</title>\n", nn, json_array_size(edges));
    fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n<g class=\"edges\" stroke=\"#8a8f98\" stroke-linecap=\"round\">\n", W, H);
    json_array_foreach(edges, i, v) {
        json_t *a = json_array_get(nodes, (size_t)json_integer_value(json_object_get(v, "source")));
        json_t *b = json_array_get(nodes, (size_t)json_integer_value(json_object_get(v, "target")));
        if (!a || !b) continue;
        double w = (double)json_integer_value(json_object_get(v, "count"));
        double sw = 0.8 + 5.0 * log1p(w) / log1p(maxw);
        fprintf(f, "<line class=\"edge\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.2f\" stroke-opacity=\"%.2f\" data-a=\"",
                json_number_value(json_object_get(a, "x")), json_number_value(json_object_get(a, "y")),
                json_number_value(json_object_get(b, "x")), json_number_value(json_object_get(b, "y")),
                sw, 0.35 + 0.45 * log1p(w) / log1p(maxw));
        xw(f, str(a, "id"), 1);
        fputs("\" data-b=\"", f);
        xw(f, str(b, "id"), 1);
        fputs("\"><title>", f);
        xw(f, str(a, "name"), 0);
        fputs(" \xe2\x80\x94 ", f);
        xw(f, str(b, "name"), 0);
        fprintf(f, ": %lld windows, %lld articles</title></line>\n",
                (long long)json_integer_value(json_object_get(v, "count")),
                (long long)json_integer_value(json_object_get(v, "articles")));
    }
    fputs("</g>\n<g class=\"nodes\">\n", f);
    /* drawn from the outside in, so the centre ends on top */
    for (size_t k = nn; k-- > 0;) {
        v = json_array_get(nodes, k);
        double m = (double)json_integer_value(json_object_get(v, "mentions"));
        double r = 4.0 + 14.0 * sqrt(m / maxm);
        int depth = (int)json_integer_value(json_object_get(v, "depth"));
        fprintf(f, "<g class=\"node\" transform=\"translate(%.1f,%.1f)\" data-depth=\"%d\" data-id=\"",
                json_number_value(json_object_get(v, "x")), json_number_value(json_object_get(v, "y")), depth);
        xw(f, str(v, "id"), 1);
        fputs("\" data-type=\"", f);
        xw(f, str(v, "type"), 1);
        fprintf(f, "\"><circle r=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>", r, type_colour(str(v, "type")),
                depth == 0 ? "#111" : "#fff", depth == 0 ? "2.5" : "1");
        fprintf(f, "<text y=\"%.1f\" text-anchor=\"middle\" font-size=\"%s\" fill=\"#222\">", r + 11, depth == 0 ? "13" : depth == 1 ? "11" : "9");
        xw(f, str(v, "name"), 0);
        fputs("</text><title>", f);
        xw(f, str(v, "name"), 0);
        fputs(" (", f);
        xw(f, str(v, "type"), 0);
        long long nm = (long long)json_integer_value(json_object_get(v, "mentions"));
        fprintf(f, ", %lld mention%s)</title></g>\n", nm, nm == 1 ? "" : "s");
    }
    fputs("</g>\n</svg>\n", f);
    return ferror(f) ? ng_error_set(err, NG_E_IO, NULL, 0, 0, "write error") : NG_OK;
}

int ng_ego_svg(const json_t *ego, char **out, size_t *len, ng_error *err) {
    *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(out, &n);
    if (!f) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    int rc = ng_ego_svg_write(ego, f, err);
    if (fclose(f) != 0 && !rc) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    if (rc) { free(*out); *out = NULL; return rc; }
    if (len) *len = n;
    return NG_OK;
}

static int svg_fill(FILE *f, void *ego, ng_error *err) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    return ng_ego_svg_write(ego, f, err);
}

int ng_store_export_svg(ng_store *s, const char *entity, const ng_ego_opts *o, const char *path,
                        long *nodes, long *edges, ng_error *err) {
    json_t *ego;
    int rc = ngg_not_the_db(s, path, err);
    if (rc) return rc;
    if ((rc = ng_query_ego(s, entity, o, &ego, err))) return rc;
    rc = ngg_write_file(path, svg_fill, ego, err);
    if (!rc && nodes) *nodes = (long)json_array_size(json_object_get(ego, "nodes"));
    if (!rc && edges) *edges = (long)json_array_size(json_object_get(ego, "edges"));
    json_decref(ego);
    return rc;
}
