/* Regression tests for what the fuzzers (tests/fuzz/) and sanitizers found
 * in the library; each runs under 'make asan' and 'make valgrind' too.
 * CLI-level regressions are in tests/cli/bad_inputs.sh. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <xxhash.h>
#include "harness.h"
#include "graph.h"
#include "dict.h"

static ng_dict *build(const char *tsv) {
    ng_dict_builder *b = ng_dict_builder_new();
    ng_dict *d = NULL;
    ng_error err = {0};
    if (ng_dict_builder_add_tsv(b, "t.tsv", tsv, strlen(tsv), &err) == NG_OK)
        ng_dict_builder_finish(b, &d, &err);
    ng_dict_builder_free(b);
    return d;
}

/* fuzz_dict_tsv: finishing an empty builder passed NULL to qsort/memcpy (UBSan). */
static void test_empty_dictionary(void) {
    ng_dict *d = build("");
    OK(d != NULL, "empty dictionary compiles");
    INT_EQ(ng_dict_entity_count(d), 0);
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
    const ng_match *m; size_t n = 9;
    INT_EQ(ng_tagger_tag(t, "Kyiv", 4, &m, &n), NG_OK);
    INT_EQ(n, 0);
    ng_tagger_free(t);
    ng_dict_free(d);
    d = build("# only a comment\n\n");
    OK(d != NULL, "comment-only dictionary compiles");
    ng_dict_free(d);
}

/* fuzz_tagger: a punctuation token longer than 3 bytes before a capitalised
 * word was compared with memcmp against 3-byte literals (global overflow). */
static void test_long_punct_token(void) {
    ng_dict *d = build("olaf\tPER\tOlaf Scholz\n");
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
    static const char *const texts[] = {
        "x \xF0\x90\x84\x80 Olaf Scholz said", "x \xF0\x9F\x98\x80 Angela Merkel", "\xE2\x80\xB7 Boris Johnson",
        "\xC2\xAB Olaf Scholz \xC2\xBB", "a \x00 Tip O'Neill", "x \xe2\x80\xa6 Jens Stoltenberg"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const ng_match *m; size_t n;
        size_t len = i == 4 ? 15 : strlen(texts[i]);   /* 4: a NUL byte inside */
        char *copy = malloc(len);   /* unterminated: reads past the end are caught */
        memcpy(copy, texts[i], len);
        INT_EQ(ng_tagger_tag(t, copy, len, &m, &n), NG_OK);
        free(copy);
    }
    ng_tagger_free(t);
    ng_dict_free(d);
}

/* fuzz_tagger: a text without tokens (a control character) with partial
 * names on: next_cap() computed NULL + 0 (UBSan, clang). */
static void test_no_tokens(void) {
    ng_dict *d = build("olaf\tPER\tOlaf Scholz\n");
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_ALL | NG_TAG_NO_INFLECT | NG_TAG_NO_RULES);
    static const char *const texts[] = {"\x02", "", " \n ", "\x01\x02."};
    for (size_t i = 0; i < 4; i++) {
        const ng_match *m; size_t n = 9;
        INT_EQ(ng_tagger_tag(t, texts[i], strlen(texts[i]), &m, &n), NG_OK);
        INT_EQ(n, 0);
    }
    ng_tagger_free(t);
    ng_dict_free(d);
}

/* fuzz_dict_image: an output flagged case-sensitive whose string offset was
 * NG_NO_STRING passed verification; the matcher then read d->str + 4 GiB. */
static void test_image_cased_without_string(void) {
    ng_dict *d = build("nato\tORG\tNATO\t\tcase=sensitive\n");
    OK(d != NULL, "dictionary");
    char path[64];
    snprintf(path, sizeof path, "/tmp/ng-hard-%ld.ngd", (long)getpid());
    ng_error err = {0};
    INT_EQ(ng_dict_save(d, path, &err), NG_OK);
    ng_dict_free(d);
    FILE *f = fopen(path, "rb");
    static unsigned char img[1 << 16];
    size_t len = fread(img, 1, sizeof img, f);
    fclose(f);
    unlink(path);
    img_header h;
    memcpy(&h, img, sizeof h);
    int patched = 0;
    for (uint32_t i = 0; i < h.n_outputs; i++) {
        img_output o;
        memcpy(&o, img + h.off_outputs + i * sizeof o, sizeof o);
        if (o.flags & OUT_CASED) { o.cased = NG_NO_STRING; patched++; }
        memcpy(img + h.off_outputs + i * sizeof o, &o, sizeof o);
    }
    OK(patched > 0, "a case-sensitive output");
    h.checksum = XXH3_64bits(img + sizeof h, len - sizeof h);
    memcpy(img, &h, sizeof h);
    memset(&err, 0, sizeof err);
    INT_EQ(ng_dict_open_image(img, len, "patched.ngd", &d, &err), NG_E_FORMAT);
    STR_EQ(err.msg, "compiled dictionary is corrupt (outputs)");
}

/* fuzz_export: GML is 7-bit ASCII, but invalid UTF-8 in a name was written
 * as a raw U+FFFD; names with markup round-trip through every export. */
static void test_gml_ascii(void) {
    char dir[64], db[96], out[128];
    snprintf(dir, sizeof dir, "/tmp/ng-hard-%ld", (long)getpid());
    mkdir(dir, 0700);
    snprintf(db, sizeof db, "%s/g.db", dir);
    ng_store *s = NULL;
    ng_error err = {0};
    INT_EQ(ng_store_open(db, NG_STORE_CREATE, &s, &err), NG_OK);
    INT_EQ(ng_store_set_window(s, NG_WINDOW_SENTENCE, &err), NG_OK);
    ng_match m[2];
    memset(m, 0, sizeof m);
    m[0] = (ng_match){.start = 0, .end = 1, .field = 1, .id = "bad", .type = "PER", .name = "Bad \xff\xfe name", .ncands = 1};
    m[1] = (ng_match){.start = 2, .end = 3, .field = 1, .id = "x", .type = "ORG", .name = "<script>&\"'", .ncands = 1};
    ng_doc doc = {.id = "d1", .text = "a b.", .text_len = 4, .matches = m, .nmatches = 2};
    int outcome;
    INT_EQ(ng_store_begin(s, &err), NG_OK);
    INT_EQ(ng_store_add_doc(s, &doc, &outcome, &err), NG_OK);
    INT_EQ(ng_store_commit(s, &err), NG_OK);
    ng_export_opts o = {.format = NG_EXPORT_GML, .min_weight = 1, .depth = 1};
    snprintf(out, sizeof out, "%s/g.gml", dir);
    INT_EQ(ng_store_export(s, &o, out, NULL, NULL, &err), NG_OK);
    FILE *f = fopen(out, "rb");
    int c, high = 0;
    static char buf[1 << 16];
    size_t n = 0;
    while ((c = fgetc(f)) != EOF) { if (c >= 0x80) high++; if (n < sizeof buf - 1) buf[n++] = (char)c; }
    buf[n] = 0;
    fclose(f);
    INT_EQ(high, 0);
    OK(strstr(buf, "Bad &#65533;&#65533; name") != NULL, "replacement characters as references: %s", buf);
    ng_store_close(s);
    unlink(out);
    unlink(db);
    snprintf(out, sizeof out, "%s/g.db-wal", dir); unlink(out);
    snprintf(out, sizeof out, "%s/g.db-shm", dir); unlink(out);
    rmdir(dir);
}

int main(void) {
    test_empty_dictionary();
    test_long_punct_token();
    test_no_tokens();
    test_image_cased_without_string();
    test_gml_ascii();
    return harness_done("test_hardening");
}
