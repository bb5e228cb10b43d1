/* The helpers for bindings and printing (issue 14): ng_json_dump (reals
 * shortest round-trip, jansson's layout otherwise), ng_spans (character
 * offsets, entity ordinals), ng_query_json argument checks, ng_version. */
#include <stdlib.h>
#include <math.h>
#include "harness.h"
#include "tagger.h"
#include "graph.h"
#include "version.h"
#include "bind.h"
#include "graph_json.h"

static void real_is(double x, const char *want) {
    json_t *v = json_real(x);
    char *s = ng_json_dump(v, 0);
    STR_EQ(s, want);
    if (s) OK(strtod(s, NULL) == x, "%s reads back as %.17g", s, x);
    ng_free(s);
    json_decref(v);
}

static void test_reals(void) {
    real_is(0.6667, "0.6667");
    real_is(0.666667, "0.666667");
    real_is(2.0 / 3.0, "0.6666666666666666");
    real_is(0.1, "0.1");
    real_is(1.0, "1.0");
    real_is(10.0, "10.0");
    real_is(-0.5, "-0.5");
    real_is(1234.5, "1234.5");
    real_is(1e-5, "1e-5");
    real_is(0.0001, "0.0001");
    real_is(1e16, "1e16");
    real_is(1.5e300, "1.5e300");
    real_is(123456789012345680.0, "1.2345678901234568e17");
    real_is(0.0, "0.0");
}

static void test_layout(void) {
    /* without reals, the text is jansson's JSON_INDENT(2) / compact text */
    json_t *v = json_pack("{s:i, s:[i, s, {}], s:{s:b, s:n}, s:[], s:s}", "a", 1, "b", 2, "x\"y", "c",
                          "d", 1, "e", "f", "g", "\xc3\xa9\n");
    char *mine = ng_json_dump(v, 2), *theirs = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    STR_EQ(mine, theirs);
    ng_free(mine);
    free(theirs);
    mine = ng_json_dump(v, 0);
    theirs = json_dumps(v, JSON_PRESERVE_ORDER);
    STR_EQ(mine, theirs);
    ng_free(mine);
    free(theirs);
    json_decref(v);
    v = json_pack("{s:f, s:[f]}", "npmi", 0.4961, "l", 0.25);
    mine = ng_json_dump(v, 2);
    STR_EQ(mine, "{\n  \"npmi\": 0.4961,\n  \"l\": [\n    0.25\n  ]\n}");
    ng_free(mine);
    json_decref(v);
}

static void test_spans(void) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    const char *tsv = "kyiv\tLOC\tKyiv\tКиїв\nzel\tPER\tVolodymyr Zelensky\n";
    INT_EQ(ng_dict_builder_add_tsv(b, "t.tsv", tsv, strlen(tsv), &err), NG_OK);
    ng_dict *d = NULL;
    INT_EQ(ng_dict_builder_finish(b, &d, &err), NG_OK);
    ng_dict_builder_free(b);
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
    /* "é" 2 bytes, "🙂" 4 bytes, "Київ" 8 bytes: 1, 1 and 4 characters */
    const char *text = "\xc3\xa9 \xf0\x9f\x99\x82 \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2, Volodymyr Zelensky, Kyiv";
    const ng_match *m;
    size_t n;
    INT_EQ(ng_tagger_tag(t, text, strlen(text), &m, &n), NG_OK);
    INT_EQ(n, 3);
    int64_t out[3 * NG_SPAN_FIELDS];
    INT_EQ(ng_spans(text, strlen(text), m, n, out), NG_OK);
    /* column f of match i at out[f * n + i] */
#define F(f, i) out[(f) * 3 + (i)]
    INT_EQ(F(0, 0), 4); INT_EQ(F(1, 0), 8); INT_EQ(F(2, 0), 8); INT_EQ(F(3, 0), 16); INT_EQ(F(5, 0), 0);
    STR_EQ((const char *)(intptr_t)F(6, 0), "kyiv");
    STR_EQ((const char *)(intptr_t)F(7, 0), "LOC");
    INT_EQ(F(0, 1), 10); INT_EQ(F(1, 1), 28); INT_EQ(F(5, 1), 1);
    STR_EQ((const char *)(intptr_t)F(8, 1), "Volodymyr Zelensky");
    INT_EQ(F(0, 2), 30); INT_EQ(F(1, 2), 34); INT_EQ(F(5, 2), 0);   /* Kyiv again: the first entity */
#undef F
    /* an invalid byte counts as one character */
    const char *bad = "\xff\xfe Kyiv";
    INT_EQ(ng_tagger_tag(t, bad, strlen(bad), &m, &n), NG_OK);
    INT_EQ(n, 1);
    INT_EQ(ng_spans(bad, strlen(bad), m, n, out), NG_OK);
    INT_EQ(out[0], 3);
    INT_EQ(out[2], 3);
    /* the ASCII fast path (8 bytes at a time) meets multi-byte and invalid
     * bytes at every alignment: the same counts as one byte at a time */
    for (size_t pad = 0; pad < 9; pad++) {
        char buf[64];
        memset(buf, 'a', pad);
        snprintf(buf + pad, sizeof buf - pad, "abcdefgh\xd0\x9a\xff abcdefghijk Kyiv");
        INT_EQ(ng_tagger_tag(t, buf, strlen(buf), &m, &n), NG_OK);
        INT_EQ(n, 1);
        INT_EQ(ng_spans(buf, strlen(buf), m, n, out), NG_OK);
        INT_EQ(out[0], (int64_t)pad + 23);   /* 8 + 1 (К) + 1 (invalid) + 13 characters before Kyiv */
        INT_EQ(out[1], (int64_t)pad + 27);
    }
    /* ng_spans_valid on valid UTF-8 (1-, 2-, 3- and 4-byte characters at
     * every alignment): what ng_spans gives */
    for (size_t pad = 0; pad < 9; pad++) {
        char buf[96];
        memset(buf, 'a', pad);
        snprintf(buf + pad, sizeof buf - pad, "\xd0\x9a\xe2\x82\xac\xf0\x9f\x99\x82 abcdefghijk \xd0\x9a\xd0\xb8 Kyiv x");
        INT_EQ(ng_tagger_tag(t, buf, strlen(buf), &m, &n), NG_OK);
        INT_EQ(n, 1);
        int64_t a[NG_SPAN_FIELDS], v[NG_SPAN_FIELDS];
        INT_EQ(ng_spans(buf, strlen(buf), m, n, a), NG_OK);
        INT_EQ(ng_spans_valid(buf, strlen(buf), m, n, v), NG_OK);
        INT_EQ(v[0], a[0]); INT_EQ(v[1], a[1]); INT_EQ(v[2], a[2]);
        INT_EQ(a[0], (int64_t)pad + 19);   /* К € 🙂, space, 11 letters, space, Ки, space */
    }
    /* entity ordinals over thousands of distinct entities (the table
     * grows as they come) and a match without an id: by first appearance */
    enum { MANY = 3000 };
    ng_match *many = calloc(2 * MANY, sizeof *many);
    int64_t *cols = calloc(2 * MANY * NG_SPAN_FIELDS, sizeof *cols);
    char (*ids)[16] = calloc(MANY, sizeof *ids);
    OK(many && cols && ids, "allocated");
    if (many && cols && ids) {
        for (size_t i = 0; i < 2 * MANY; i++) {
            size_t e = i < MANY ? i : 2 * MANY - 1 - i;   /* 0 .. MANY-1, then back down */
            snprintf(ids[e], sizeof ids[e], "e%zu", e);
            many[i] = (ng_match){.start = i, .end = i + 1, .id = e == 7 ? NULL : ids[e], .type = "T", .name = ids[e]};
        }
        char *longtext = malloc(2 * MANY);
        memset(longtext, 'a', 2 * MANY);
        INT_EQ(ng_spans(longtext, 2 * MANY, many, 2 * MANY, cols), NG_OK);
        size_t bad = 0;
        for (size_t i = 0; i < 2 * MANY; i++) {
            int64_t want = (int64_t)(i < MANY ? i : 2 * MANY - 1 - i);
            bad += cols[5 * 2 * MANY + i] != want;
        }
        INT_EQ(bad, 0);
        free(longtext);
    }
    free(many);
    free(cols);
    free(ids);
    /* offsets outside the text */
    ng_match fake = {.start = 2, .end = 9, .id = "x", .type = "T", .name = "X"};
    INT_EQ(ng_spans("abc", 3, &fake, 1, out), NG_E_ARG);
    ng_tagger_free(t);
    ng_dict_free(d);
}

static void test_query_args(void) {
    char *out = NULL;
    ng_error err = {0};
    INT_EQ(ng_query_json(NULL, "stats", NULL, &out, &err), NG_E_ARG);
    OK(out == NULL, "no result on error");
}

static void test_version(void) {
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", NG_VERSION_MAJOR, NG_VERSION_MINOR, NG_VERSION_PATCH);
    STR_EQ(ng_version(), want);
    STR_EQ(ng_version(), NG_VERSION);
    INT_EQ(ng_version_major(), NG_VERSION_MAJOR);
    INT_EQ(ng_version_minor(), NG_VERSION_MINOR);
    INT_EQ(ng_version_patch(), NG_VERSION_PATCH);
}

int main(void) {
    test_reals();
    test_layout();
    test_spans();
    test_query_args();
    test_version();
    return harness_done("test_bind");
}
