/* Dictionaries (tagger/dict.c): TSV parsing and its error messages,
 * several files, all-or-nothing loading, compiled images (save, open,
 * refusal of truncated, corrupt, foreign and newer images). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <xxhash.h>
#include "harness.h"
#include "tagger.h"
#include "dict.h"

static char tmpdir[] = "/tmp/ng_test_dict.XXXXXX";
static char path_buf[4][600];
static const char *tpath(int slot, const char *name) {
    snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", tmpdir, name);
    return path_buf[slot];
}

static void write_file(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    fwrite(data, 1, len, f);
    fclose(f);
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    *len = fread(p, 1, (size_t)n, f);
    fclose(f);
    return p;
}

/* Error message of loading 'tsv' (named 'name') alone, formatted. */
static char msg[1400];
static const char *load_error(const char *name, const char *tsv, size_t len) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    int rc = ng_dict_builder_add_tsv(b, name, tsv, len, &err);
    ng_dict_builder_free(b);
    if (rc == NG_OK) return "(no error)";
    return ng_error_format(&err, msg, sizeof msg);
}
#define LOAD_ERROR(lit) load_error("d.tsv", lit, sizeof(lit) - 1)

static ng_dict *compile(const char *tsv) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    ng_dict *d = NULL;
    if (ng_dict_builder_add_tsv(b, "t.tsv", tsv, strlen(tsv), &err) || ng_dict_builder_finish(b, &d, &err))
        fprintf(stderr, "compile: %s\n", ng_error_format(&err, msg, sizeof msg));
    ng_dict_builder_free(b);
    return d;
}

/* Aliases of entity id joined with '|'. */
static char aliases[1024];
static void alias_cb(const char *a, void *ud) {
    size_t *n = ud;
    *n += (size_t)snprintf(aliases + *n, sizeof aliases - *n, "%s%s", *n ? "|" : "", a);
}
static const char *aliases_of(const ng_dict *d, const char *id) {
    long i = ng_dict_find_id(d, id);
    aliases[0] = 0;
    if (i < 0) return "(none)";
    size_t n = 0;
    ng_dict_entity_aliases(d, (size_t)i, alias_cb, &n);
    return aliases;
}

/* Matches of text as "start end id;" */
static char tagged[4096];
/* The dictionary's spans in 'text' (the organisation rules off: "Kharkov
 * Odesa" next to Cyrillic would be one of their Latin-script names). */
static const char *tag_with(ng_dict *d, const char *text) {
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT | NG_TAG_NO_ORG_RULES);
    const ng_match *m;
    size_t n, k = 0;
    tagged[0] = 0;
    if (ng_tagger_tag(t, text, strlen(text), &m, &n) == NG_OK)
        for (size_t i = 0; i < n; i++)
            k += (size_t)snprintf(tagged + k, sizeof tagged - k, "%zu %zu %s;", m[i].start, m[i].end, m[i].id);
    ng_tagger_free(t);
    return tagged;
}

static void test_parse(void) {
    ng_dict *d = compile("# comment\n\n"
                         "loc_kyiv\tLOC\tKyiv\tКиїв|Киев| Kiev \tpriority=3\tlang=uk\twikidata=Q1899\n"
                         "org_nato\tORG\tNATO\n"
                         "  \t \n"
                         "per_x\tPER\t  Spaced Name  \t\n");
    OK(d != NULL, "compiled");
    if (!d) return;
    INT_EQ(ng_dict_entity_count(d), 3, "entities");
    INT_EQ(ng_dict_alias_count(d), 6, "aliases, names included");
    long i = ng_dict_find_id(d, "loc_kyiv");
    OK(i >= 0, "find_id");
    ng_entity e = {0};
    INT_EQ(ng_dict_entity(d, (size_t)i, &e), NG_OK, "entity");
    STR_EQ(e.id, "loc_kyiv", "id");
    STR_EQ(e.type, "LOC", "type");
    STR_EQ(e.name, "Kyiv", "name");
    STR_EQ(e.attrs, "priority=3\tlang=uk\twikidata=Q1899", "attributes as written");
    INT_EQ(e.priority, 3, "priority");
    STR_EQ(aliases_of(d, "loc_kyiv"), "Kyiv|Київ|Киев|Kiev", "aliases, name first, trimmed");
    STR_EQ(aliases_of(d, "org_nato"), "NATO", "three columns");
    STR_EQ(aliases_of(d, "per_x"), "Spaced Name", "name trimmed");
    INT_EQ(ng_dict_find_id(d, "nope"), -1, "unknown id");
    INT_EQ(ng_dict_entity(d, 99, &e), NG_E_ARG, "entity out of range");
    STR_EQ(tag_with(d, "Kiev, КИЇВ, nato, NATO."), "0 4 loc_kyiv;6 14 loc_kyiv;22 26 org_nato;", "tagging");
    ng_dict_free(d);
    /* an empty dictionary is valid and matches nothing */
    d = compile("# nothing\n");
    OK(d != NULL, "empty dictionary");
    if (d) {
        INT_EQ(ng_dict_entity_count(d), 0, "no entities");
        STR_EQ(tag_with(d, "Kyiv"), "", "no matches");
    }
    ng_dict_free(d);
    /* CRLF, BOM, no final newline */
    d = compile("\xef\xbb\xbfloc_a\tLOC\tAlpha\r\nloc_b\tLOC\tBeta\tБета");
    OK(d != NULL, "BOM + CRLF");
    if (d) {
        INT_EQ(ng_dict_find_id(d, "loc_a") >= 0, 1, "BOM not part of the first id");
        STR_EQ(aliases_of(d, "loc_a"), "Alpha", "CR not part of the name");
        STR_EQ(aliases_of(d, "loc_b"), "Beta|Бета", "last line without newline");
    }
    ng_dict_free(d);
}

static void test_errors(void) {
    STR_EQ(LOAD_ERROR("a\tLOC\n"), "d.tsv:1:6: expected at least 3 tab-separated columns (id, type, name), found 2", "missing column");
    STR_EQ(LOAD_ERROR("a\n"), "d.tsv:1:2: expected at least 3 tab-separated columns (id, type, name), found 1", "one column");
    STR_EQ(LOAD_ERROR("a\tLOC\tName\tx||y\n"), "d.tsv:1:14: empty alias", "empty alias");
    STR_EQ(LOAD_ERROR("a\tLOC\tName\tx|\n"), "d.tsv:1:14: empty alias", "trailing bar");
    STR_EQ(LOAD_ERROR("a\tLOC\tName\t|x\n"), "d.tsv:1:12: empty alias", "leading bar");
    STR_EQ(LOAD_ERROR("a\tLOC\tName\tx|=|y\n"), "d.tsv:1:14: empty alias", "only a case prefix");
    STR_EQ(LOAD_ERROR("a\tLOC\tКиїв\tКи\xff\n"), "d.tsv:1:14: invalid UTF-8", "invalid UTF-8, column in characters");
    STR_EQ(LOAD_ERROR("a\tLOC\t\xc0\xaf\n"), "d.tsv:1:7: invalid UTF-8", "overlong");
    STR_EQ(LOAD_ERROR("a\tLOC\tKy\x01iv\n"), "d.tsv:1:9: control character in line", "control char");
    STR_EQ(LOAD_ERROR("a\tLOC\tKy\x1biv\n"), "d.tsv:1:9: control character in line", "escape char");
    STR_EQ(LOAD_ERROR("a\tLOC\tKy\x7fiv\n"), "d.tsv:1:9: control character in line", "DEL");
    STR_EQ(LOAD_ERROR("a\tLOC\tKy\xc2\x9biv\n"), "d.tsv:1:9: control character in line", "C1 control");
    STR_EQ(LOAD_ERROR("a\tLOC\tKy\0iv\n"), "d.tsv:1:9: NUL byte in line", "NUL");
    STR_EQ(LOAD_ERROR("a\tLOC\tKy\riv\n"), "d.tsv:1:9: control character in line", "CR inside a line");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\nb\tORG\tY\na\tORG\tX2\n"),
           "d.tsv:3:3: conflicting duplicate id 'a': type ORG here, LOC at line 1", "conflicting duplicate id");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\tpriority=high\n"), "d.tsv:1:20: invalid value for attribute 'priority'", "priority");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\tpriority=\n"), "d.tsv:1:20: invalid value for attribute 'priority'", "empty priority");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\tpriority=99999999\n"), "d.tsv:1:20: invalid value for attribute 'priority'", "priority range");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\tcase=upper\n"), "d.tsv:1:16: invalid value for attribute 'case'", "case");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\tinflect=maybe\n"), "d.tsv:1:19: invalid value for attribute 'inflect'", "inflect");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\tnoequals\n"), "d.tsv:1:11: attribute must be key=value", "no '='");
    STR_EQ(LOAD_ERROR("a\tLOC\tX\ta\t=v\n"), "d.tsv:1:11: attribute must be key=value", "empty key");
    STR_EQ(LOAD_ERROR("\tLOC\tX\n"), "d.tsv:1:1: empty id", "empty id");
    STR_EQ(LOAD_ERROR("a b\tLOC\tX\n"), "d.tsv:1:2: id contains a space or '|'", "id with space");
    STR_EQ(LOAD_ERROR("a|b\tLOC\tX\n"), "d.tsv:1:2: id contains a space or '|'", "id with bar");
    STR_EQ(LOAD_ERROR("a\t\tX\n"), "d.tsv:1:3: empty type", "empty type");
    STR_EQ(LOAD_ERROR("a\tLOC!\tX\n"), "d.tsv:1:6: type must be letters, digits, '_' or '-' (e.g. PER, ORG, LOC, EVENT)", "bad type");
    STR_EQ(LOAD_ERROR("a\tLOC\t   \n"), "d.tsv:1:7: empty name", "empty name");
    STR_EQ(LOAD_ERROR("a\tLOC\t«—»\n"), "d.tsv:1:7: name has no letter or digit", "name without letters");
    STR_EQ(LOAD_ERROR("ok\tLOC\tFine\n\n# c\nbad\tLOC\n"),
           "d.tsv:4:8: expected at least 3 tab-separated columns (id, type, name), found 2", "line numbers count comments and blanks");
    STR_EQ(LOAD_ERROR("ok\tLOC\tFine\r\nbad\tLOC\r\n"),
           "d.tsv:2:8: expected at least 3 tab-separated columns (id, type, name), found 2", "CRLF");
    ng_error err = {0};
    INT_EQ(ng_dict_builder_add_tsv(NULL, "x", "", 0, &err), NG_E_ARG, "NULL builder");
    /* the error code */
    ng_dict_builder *b = ng_dict_builder_new();
    memset(&err, 0, sizeof err);
    INT_EQ(ng_dict_builder_add_tsv(b, "d.tsv", "a\tLOC\n", 6, &err), NG_E_PARSE, "parse error code");
    INT_EQ(err.line, 1, "err.line");
    INT_EQ(err.col, 6, "err.col");
    STR_EQ(err.file, "d.tsv", "err.file");
    ng_dict_builder_free(b);
}

static void test_long_line(void) {
    /* a 10 MB line is refused with its length */
    size_t big = 10u << 20;
    const char *head = "ok\tLOC\tOk\nbig\tLOC\tBig\t";
    size_t hl = strlen(head);
    char *data = malloc(hl + big + 2);
    memcpy(data, head, hl);
    memset(data + hl, 'x', big);
    memcpy(data + hl + big, "\n", 2);
    STR_EQ(load_error("big.tsv", data, hl + big + 1), "big.tsv:2:1: line too long (10485772 bytes; the limit is 1048576)", "10 MB line");
    /* a line of exactly 1 MiB is accepted; its huge alias never matches */
    size_t l1 = 1u << 20, hl2 = strlen("big\tLOC\tBig\t");
    memcpy(data, "big\tLOC\tBig\t", hl2);
    memset(data + hl2, 'y', l1 - hl2);
    data[l1] = '\n';
    STR_EQ(load_error("big.tsv", data, l1 + 1), "(no error)", "a 1 MiB line");
    data[l1] = 'y';
    data[l1 + 1] = '\n';
    STR_EQ(load_error("big.tsv", data, l1 + 2), "big.tsv:1:1: line too long (1048577 bytes; the limit is 1048576)", "1 MiB + 1");
    free(data);
}

static void test_all_or_nothing(void) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    const char *a = "loc_kharkiv\tLOC\tKharkiv\tХарків\n";
    INT_EQ(ng_dict_builder_add_tsv(b, "a.tsv", a, strlen(a), &err), NG_OK, "a.tsv");
    /* lines 1-2 are fine, line 3 is not: nothing of b.tsv stays */
    const char *bad = "loc_odesa\tLOC\tOdesa\nloc_kharkiv\tLOC\tKharkiv\tKharkov\nbroken\n";
    INT_EQ(ng_dict_builder_add_tsv(b, "b.tsv", bad, strlen(bad), &err), NG_E_PARSE, "b.tsv refused");
    STR_EQ(ng_error_format(&err, msg, sizeof msg), "b.tsv:3:7: expected at least 3 tab-separated columns (id, type, name), found 1", "message");
    /* a conflict with an earlier file names both places */
    const char *conf = "loc_lviv\tLOC\tLviv\nloc_kharkiv\tORG\tKharkiv Tractor Plant\n";
    memset(&err, 0, sizeof err);
    INT_EQ(ng_dict_builder_add_tsv(b, "c.tsv", conf, strlen(conf), &err), NG_E_PARSE, "c.tsv refused");
    STR_EQ(ng_error_format(&err, msg, sizeof msg),
           "c.tsv:2:13: conflicting duplicate id 'loc_kharkiv': type ORG here, LOC at a.tsv:1", "cross-file conflict");
    ng_dict *d = NULL;
    INT_EQ(ng_dict_builder_finish(b, &d, &err), NG_OK, "finish after errors");
    if (d) {
        INT_EQ(ng_dict_entity_count(d), 1, "only a.tsv's entity");
        INT_EQ(ng_dict_find_id(d, "loc_odesa"), -1, "nothing of b.tsv");
        INT_EQ(ng_dict_find_id(d, "loc_lviv"), -1, "nothing of c.tsv");
        STR_EQ(aliases_of(d, "loc_kharkiv"), "Kharkiv|Харків", "no alias from b.tsv");
        STR_EQ(tag_with(d, "Kharkov Odesa Харків"), "14 26 loc_kharkiv;", "tags only a.tsv");
    }
    ng_dict_free(d);
    /* then a good file extends the id: aliases, priority, attributes */
    const char *ext = "loc_kharkiv\tLOC\tKharkiv City\tKharkov|Харьков\tpriority=2\tlang=uk\n"
                      "loc_kharkiv\tLOC\tKharkiv\t\tpriority=4\n";
    INT_EQ(ng_dict_builder_add_tsv(b, "e.tsv", ext, strlen(ext), &err), NG_OK, "extension");
    d = NULL;
    INT_EQ(ng_dict_builder_finish(b, &d, &err), NG_OK, "finish");
    if (d) {
        INT_EQ(ng_dict_entity_count(d), 1, "still one entity");
        STR_EQ(aliases_of(d, "loc_kharkiv"), "Kharkiv|Харків|Kharkiv City|Kharkov|Харьков", "aliases appended; new name is an alias");
        ng_entity e;
        ng_dict_entity(d, (size_t)ng_dict_find_id(d, "loc_kharkiv"), &e);
        STR_EQ(e.name, "Kharkiv", "canonical name kept");
        INT_EQ(e.priority, 4, "last priority wins");
        STR_EQ(e.attrs, "lang=uk\tpriority=4", "attributes merged, later keys override");
        STR_EQ(tag_with(d, "Kharkiv City, Харьков"), "0 12 loc_kharkiv;14 28 loc_kharkiv;", "extension tags");
    }
    ng_dict_free(d);
    /* finish leaves the builder usable */
    d = NULL;
    INT_EQ(ng_dict_builder_finish(b, &d, &err), NG_OK, "finish twice");
    OK(d && ng_dict_entity_count(d) == 1, "same content");
    ng_dict_free(d);
    ng_dict_builder_free(b);
    ng_dict_builder_free(NULL);
    ng_dict_free(NULL);
}

static void test_files(void) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    INT_EQ(ng_dict_builder_add_file(b, tpath(0, "missing.tsv"), &err), NG_E_IO, "missing file");
    STR_EQ(err.msg, "cannot open: No such file or directory", "missing file message");
    STR_EQ(err.file, tpath(0, "missing.tsv"), "missing file name");
    INT_EQ(ng_dict_builder_add_file(b, tmpdir, &err), NG_E_IO, "a directory");
    STR_EQ(err.msg, "is a directory", "directory message");
    ng_dict *d = NULL;
    INT_EQ(ng_dict_open(tpath(0, "missing.ngd"), &d, &err), NG_E_IO, "open missing");
    OK(d == NULL, "no dict");
    OK(ng_dict_is_image(tpath(0, "missing.ngd")) < 0, "is_image on a missing file");
    /* a TSV file given to ng_dict_open is compiled in memory */
    const char *tsv = "org_eu\tORG\tEuropean Union\tEU|ЄС|Евросоюз\n";
    write_file(tpath(0, "eu.tsv"), tsv, strlen(tsv));
    INT_EQ(ng_dict_is_image(tpath(0, "eu.tsv")), 0, "TSV is not an image");
    INT_EQ(ng_dict_open(tpath(0, "eu.tsv"), &d, &err), NG_OK, "open TSV");
    if (d) STR_EQ(tag_with(d, "EU eu ЄС"), "0 2 org_eu;6 10 org_eu;", "TSV opened directly");
    ng_dict_free(d);
    /* a TSV file with an error, through ng_dict_open */
    write_file(tpath(0, "bad.tsv"), "x\tLOC\n", 6);
    d = NULL;
    INT_EQ(ng_dict_open(tpath(0, "bad.tsv"), &d, &err), NG_E_PARSE, "open bad TSV");
    INT_EQ(err.line, 1, "line");
    ng_dict_builder_free(b);
}

static void image_refused(const void *img, size_t len, const char *expect, const char *what) {
    ng_dict *d = (ng_dict *)1;
    ng_error err = {0};
    int rc = ng_dict_open_image(img, len, "x.ngd", &d, &err);
    INT_EQ(rc, NG_E_FORMAT, "%s: code", what);
    OK(d == NULL, "%s: no dictionary", what);
    if (rc) STR_EQ(ng_error_format(&err, msg, sizeof msg), expect, "%s", what);
    /* the same bytes in a file */
    write_file(tpath(1, "x.ngd"), img, len);
    d = (ng_dict *)1;
    memset(&err, 0, sizeof err);
    rc = ng_dict_open(tpath(1, "x.ngd"), &d, &err);
    if (len >= 8 && !memcmp(img, NG_IMAGE_MAGIC, 8)) {
        INT_EQ(rc, NG_E_FORMAT, "%s: code (file)", what);
        char want[1400];
        snprintf(want, sizeof want, "%s/%s", tmpdir, expect);
        if (rc) STR_EQ(ng_error_format(&err, msg, sizeof msg), want, "%s (file)", what);
        OK(d == NULL, "%s: no dictionary (file)", what);
    } else {
        ng_dict_free(rc == NG_OK ? d : NULL);   /* not an image: read as TSV (below) */
    }
}

/* A foreign file given to ng_dict_open is read as TSV and refused there. */
static void foreign_file(const char *name, const void *data, size_t len, const char *expect) {
    write_file(tpath(1, name), data, len);
    ng_dict *d = NULL;
    ng_error err = {0};
    INT_EQ(ng_dict_open(tpath(1, name), &d, &err), NG_E_PARSE, "%s refused", name);
    char want[1400];
    snprintf(want, sizeof want, "%s/%s", tmpdir, expect);
    STR_EQ(ng_error_format(&err, msg, sizeof msg), want, "%s", name);
    ng_dict_free(d);
}

static void test_images(void) {
    const char *tsv = "loc_ukraine\tLOC\tUkraine\tУкраїна|Украина|UA\n"
                      "org_nato\tORG\tNATO\tНАТО\n"
                      "org_nuc\tORG\tNATO-Ukraine Council\tUkraine-NATO Council\n"
                      "per_putin\tPER\tVladimir Putin\tPutin|Путін|Путин\tpriority=1\n";
    ng_dict *d = compile(tsv);
    OK(d != NULL, "compiled");
    if (!d) return;
    const char *text = "Україна, UA, ua, the Ukraine-NATO Council and Путін; НАТО.";
    char want[4096];
    snprintf(want, sizeof want, "%s", tag_with(d, text));
    STR_EQ(want, "0 14 loc_ukraine;16 18 loc_ukraine;28 48 org_nuc;53 63 per_putin;65 73 org_nato;", "in memory");
    ng_error err = {0};
    const char *img = tpath(2, "d.ngd");
    INT_EQ(ng_dict_save(d, img, &err), NG_OK, "save");
    INT_EQ(ng_dict_is_image(img), 1, "is an image");
    ng_dict *m = NULL;
    INT_EQ(ng_dict_open(img, &m, &err), NG_OK, "open image");
    if (m) {
        INT_EQ(ng_dict_entity_count(m), 4, "entities");
        INT_EQ(ng_dict_alias_count(m), ng_dict_alias_count(d), "aliases");
        STR_EQ(tag_with(m, text), want, "mapped image tags the same");
        STR_EQ(aliases_of(m, "per_putin"), "Vladimir Putin|Putin|Путін|Путин", "aliases kept");
        ng_entity e;
        ng_dict_entity(m, (size_t)ng_dict_find_id(m, "per_putin"), &e);
        STR_EQ(e.attrs, "priority=1", "attributes kept");
        INT_EQ(e.priority, 1, "priority kept");
    }
    ng_dict_free(m);
    INT_EQ(ng_dict_save(d, tpath(0, "no/such/dir.ngd"), &err), NG_E_IO, "save into a missing directory");
    STR_EQ(err.msg, "cannot create: No such file or directory", "save error");

    size_t len;
    unsigned char *bytes = (unsigned char *)read_all(img, &len);
    OK(bytes && len > sizeof(img_header), "read image");
    if (!bytes) { ng_dict_free(d); return; }
    /* the same bytes from memory */
    m = NULL;
    INT_EQ(ng_dict_open_image(bytes, len, "mem", &m, &err), NG_OK, "open_image");
    if (m) STR_EQ(tag_with(m, text), want, "image from memory tags the same");
    ng_dict_free(m);

    char expect[600];
    unsigned long long full = (unsigned long long)len;
    image_refused(bytes, 100, "x.ngd: truncated compiled dictionary (100 bytes)", "truncated to 100 bytes");
    image_refused(bytes, 8, "x.ngd: truncated compiled dictionary (8 bytes)", "magic only");
    snprintf(expect, sizeof expect, "x.ngd: truncated compiled dictionary (%llu of %llu bytes)", full - 8, full);
    image_refused(bytes, len - 8, expect, "truncated by 8 bytes");
    snprintf(expect, sizeof expect, "x.ngd: truncated compiled dictionary (%llu of %llu bytes)", full / 2, full);
    image_refused(bytes, len / 2, expect, "truncated by half");
    image_refused("", 0, "x.ngd: not a newsgraph compiled dictionary", "empty");
    image_refused("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "x.ngd: not a newsgraph compiled dictionary", "foreign (PNG)");
    image_refused("\x7f" "ELF\2\1\1\0\0\0\0\0\0\0\0\0", 16, "x.ngd: not a newsgraph compiled dictionary", "foreign (ELF)");

    foreign_file("x.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "x.png:1:1: invalid UTF-8");
    foreign_file("x.elf", "\x7f" "ELF\2\1\1\0\0\0\0\0\0\0\0\0", 16, "x.elf:1:1: control character in line");
    foreign_file("x.gz", "\x1f\x8b\x08\0\0\0\0\0", 8, "x.gz:1:1: control character in line");
    foreign_file("x.part", NG_IMAGE_MAGIC, 5, "x.part:1:1: control character in line");

    unsigned char *c = malloc(len + 16);
    img_header *h = (img_header *)c;
    /* a flipped byte in the body: checksum */
    memcpy(c, bytes, len);
    c[len - 3] ^= 0x55;
    image_refused(c, len, "x.ngd: compiled dictionary is corrupt (checksum mismatch)", "corrupt body");
    memcpy(c, bytes, len);
    c[sizeof(img_header) + 5] ^= 1;
    image_refused(c, len, "x.ngd: compiled dictionary is corrupt (checksum mismatch)", "corrupt first entity");
    /* a newer format version */
    memcpy(c, bytes, len);
    h->version = NG_IMAGE_VERSION + 1;
    snprintf(expect, sizeof expect,
             "x.ngd: compiled dictionary format version %u; this newsgraph reads version %u (recompile with 'newsgraph dict compile')",
             NG_IMAGE_VERSION + 1, NG_IMAGE_VERSION);
    image_refused(c, len, expect, "newer version");
    /* the other byte order */
    memcpy(c, bytes, len);
    h->endian = 0x04030201;
    image_refused(c, len, "x.ngd: compiled dictionary has the wrong byte order", "byte order");
    /* trailing bytes */
    memcpy(c, bytes, len);
    memset(c + len, 0, 16);
    image_refused(c, len + 16, "x.ngd: compiled dictionary has 16 trailing bytes", "trailing bytes");
    /* a header that lies (the checksum does not cover it) */
    memcpy(c, bytes, len);
    h->n_entities = 0x7fffffff;
    image_refused(c, len, "x.ngd: compiled dictionary is corrupt (bad section table)", "entity count");
    memcpy(c, bytes, len);
    h->off_vocab += 4;
    image_refused(c, len, "x.ngd: compiled dictionary is corrupt (bad section table)", "misaligned section");
    memcpy(c, bytes, len);
    h->off_strings = len + 8;
    image_refused(c, len, "x.ngd: compiled dictionary is corrupt (bad section table)", "section past the end");
    /* every single header byte changed: refused or harmless, never a crash */
    int refused = 0, harmless = 0;
    for (size_t i = 0; i < sizeof(img_header); i++) {
        memcpy(c, bytes, len);
        c[i] ^= 0xA5;
        ng_dict *x = NULL;
        int rc = ng_dict_open_image(c, len, "x", &x, &err);
        if (rc == NG_E_FORMAT) refused++;
        else if (rc == NG_OK) { tag_with(x, text); harmless++; }
        ng_dict_free(x);
    }
    INT_EQ(refused + harmless, sizeof(img_header), "header bytes: refused or harmless");
    OK(refused >= 100, "most header bytes are checked (%d)", refused);
    /* body bytes changed with a recomputed checksum (a crafted file):
     * verification refuses it or tagging stays safe */
    int crafted_ok = 0;
    for (size_t i = sizeof(img_header); i < len; i += 3) {
        memcpy(c, bytes, len);
        c[i] ^= (unsigned char)(0x80 | i);
        h->checksum = XXH3_64bits(c + sizeof(img_header), len - sizeof(img_header));
        ng_dict *x = NULL;
        int rc = ng_dict_open_image(c, len, "x", &x, &err);
        if (rc == NG_OK) { tag_with(x, text); crafted_ok++; }
        else INT_EQ(rc, NG_E_FORMAT, "crafted byte %zu", i);
        ng_dict_free(x);
    }
    OK(1, "crafted images: %d opened", crafted_ok);
    free(c);
    free(bytes);
    ng_dict_free(d);
}

/* dict_vslot (SSE2: sixteen tags per compare) against a plain linear
 * probe, on hand-made tables: clusters longer than sixteen slots, runs that
 * wrap around the end, a home slot near the end, absent words whose tag
 * matches inside a cluster, tables of every size from 2 to 70 slots. */
static const img_vslot *ref_vslot(const ng_dict *d, uint64_t h) {
    uint32_t n = d->h->vocab_size;
    for (uint32_t i = home(h, n);; i = i + 1 == n ? 0 : i + 1) {
        if (!d->vtags[i]) return NULL;
        if (d->vtags[i] == tag_of(h) && d->vocab[i].hash == h) return &d->vocab[i];
    }
}

static uint64_t hash_at(uint32_t n, uint32_t want_home, uint64_t salt) {
    /* a hash whose home slot in a table of n is want_home */
    for (uint64_t x = salt * 0x9E3779B97F4A7C15ull;; x += 0x1000000000ull) {
        uint64_t h = x ^ (uint64_t)want_home * 0x10001ull;
        h = (h & ~0xFFFFFFFFull) | (uint32_t)((((uint64_t)want_home << 32) + n - 1) / n);
        if (home(h, n) == want_home) return h;
    }
}

static void test_vslot_probe(void) {
    int bad = 0, checked = 0;
    for (uint32_t n = 2; n <= 70; n++) {
        for (int layout = 0; layout < 4; layout++) {
            img_header h = {0};
            h.vocab_size = n;
            img_vslot *vs = calloc(n, sizeof *vs);
            uint8_t *tags = calloc(n, 1);
            uint64_t *keys = calloc(n, sizeof *keys);
            size_t nk = 0;
            /* fill n-1 slots at most (one stays empty) by inserting keys
             * whose home slots crowd into one region */
            uint32_t fill = layout == 0 ? n / 2 : layout == 1 ? n - 1 : layout == 2 ? (n * 2) / 3 : n - 1;
            for (uint32_t k = 0; k < fill; k++) {
                uint32_t hm = layout == 3 ? n - 1 - (k % 3) : layout == 1 ? (k * 7) % n : (n / 3 + k % 5) % n;
                uint64_t key = hash_at(n, hm, k + 1 + layout * 1000);
                uint32_t i = home(key, n);
                while (tags[i]) i = i + 1 == n ? 0 : i + 1;
                vs[i].hash = key;
                vs[i].tok1 = k + 1;
                tags[i] = tag_of(key);
                keys[nk++] = key;
            }
            ng_dict d = {0};
            d.h = &h;
            d.vocab = vs;
            d.vtags = tags;
            for (size_t k = 0; k < nk; k++) {
                checked++;
                if (dict_vslot(&d, keys[k]) != ref_vslot(&d, keys[k]) || !dict_vslot(&d, keys[k])) bad++;
                /* same home and tag, another hash: absent */
                uint64_t other = keys[k] ^ 0x0000FF0000000000ull;
                checked++;
                if (dict_vslot(&d, other) != ref_vslot(&d, other)) bad++;
            }
            for (uint32_t hm = 0; hm < n; hm++) {
                uint64_t absent = hash_at(n, hm, 77777 + hm);
                checked++;
                if (dict_vslot(&d, absent) != ref_vslot(&d, absent)) bad++;
            }
            free(vs); free(tags); free(keys);
        }
    }
    INT_EQ(bad, 0, "vocabulary probes that differ from a linear probe");
    /* regression: a full run from slot n-16 to the end, the key wrapped to
     * slot 0 (the probe once read tags[n] instead of wrapping; the zero
     * padding after the tags makes that a miss here) */
    for (uint32_t n = 32; n <= 64; n += 16) {
        img_header h = {0};
        h.vocab_size = n;
        img_vslot *vs = calloc(n, sizeof *vs);
        uint8_t *tags = calloc(n + 16, 1);
        uint64_t key = 0;
        for (uint32_t k = 0; k <= 16; k++) {
            uint64_t x = hash_at(n, n - 16, 500 + k);
            uint32_t i = home(x, n);
            while (tags[i]) i = i + 1 == n ? 0 : i + 1;
            vs[i].hash = x;
            vs[i].tok1 = k + 1;
            tags[i] = tag_of(x);
            key = x;   /* the last one lands in slot 0 */
        }
        ng_dict d = {0};
        d.h = &h;
        d.vocab = vs;
        d.vtags = tags;
        OK(tags[0] && vs[0].hash == key, "n=%u: the last key wrapped to slot 0", n);
        OK(dict_vslot(&d, key) == &vs[0], "n=%u: a key past the end of the table is found at slot 0", n);
        free(vs);
        free(tags);
    }
    OK(checked > 5000, "probes checked: %d", checked);
}

/* The record of images verified before (ng_dict_open_recorded): an image
 * changed less than two seconds before it is opened is verified and not
 * listed; a settled one is verified once and listed, then trusted; any
 * write to it (same size, bytes changed in place) makes it verified again,
 * and refused when corrupt; a new file in its place likewise; a record
 * with junk, a cut line or an entry of other rules trusts nothing. */
static void test_record(void) {
    ng_dict *d = compile("org_nato\tORG\tNATO\tНАТО|North Atlantic Treaty Organization\n"
                         "loc_kyiv\tLOC\tKyiv\tКиїв|Київ|Kiev\n");
    OK(d != NULL, "compiled");
    if (!d) return;
    ng_error err = {0};
    const char *img = tpath(2, "r.ngd"), *rec = tpath(3, "verified");
    INT_EQ(ng_dict_save(d, img, &err), NG_OK, "save");
    ng_dict_free(d);
    ng_dict *m = NULL;
    /* just written: verified, not listed */
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "open fresh");
    INT_EQ(ng_dict_trusted(m), 0, "fresh: verified");
    ng_dict_free(m);
    OK(access(rec, F_OK) != 0, "fresh: not listed");
    sleep(3);
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "open settled");
    INT_EQ(ng_dict_trusted(m), 0, "settled: verified first");
    ng_dict_free(m);
    OK(access(rec, F_OK) == 0, "settled: listed");
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "open listed");
    INT_EQ(ng_dict_trusted(m), 1, "listed: trusted");
    if (m) {
        STR_EQ(tag_with(m, "НАТО у Києві"), "0 8 org_nato;12 22 loc_kyiv;", "trusted image tags");
        OK(ng_dict_find_id(m, "loc_kyiv") >= 0, "trusted image: ids");
    }
    ng_dict_free(m);
    OK(!ng_dict_trusted(NULL), "no dictionary: not trusted");
    /* a byte of the strings changed in place: the change time moves */
    size_t len;
    unsigned char *bytes = (unsigned char *)read_all(img, &len);
    OK(bytes && len > sizeof(img_header), "read image");
    if (!bytes) return;
    const img_header *h = (const img_header *)bytes;
    FILE *f = fopen(img, "r+b");
    OK(f != NULL, "open for writing");
    if (f) {
        fseek(f, (long)(h->off_strings + 1), SEEK_SET);
        fputc(bytes[h->off_strings + 1] ^ 0x20, f);
        fclose(f);
    }
    m = (ng_dict *)1;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_E_FORMAT, "changed in place: verified, refused");
    OK(m == NULL, "changed in place: no dictionary");
    STR_EQ(err.msg, "compiled dictionary is corrupt (checksum mismatch)", "changed in place: message");
    /* the good bytes again, in a new file renamed over it (a new inode) */
    write_file(tpath(1, "r.tmp"), bytes, len);
    OK(rename(tpath(1, "r.tmp"), img) == 0, "renamed");
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "new file");
    INT_EQ(ng_dict_trusted(m), 0, "new file: verified");
    ng_dict_free(m);
    /* records that list nothing usable */
    struct stat st;
    OK(stat(img, &st) == 0, "stat");
    char line[400];
    snprintf(line, sizeof line, "%llu %llu %llu %llu.%09llu %llu.%09llu %016llx",
             (unsigned long long)st.st_dev, (unsigned long long)st.st_ino, (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec, (unsigned long long)st.st_mtim.tv_nsec,
             (unsigned long long)st.st_ctim.tv_sec, (unsigned long long)st.st_ctim.tv_nsec,
             (unsigned long long)h->checksum);
    const char *bad[] = {"", "newsgraph verified images 1\n", "not a record\n%s 1\n", "newsgraph verified images 1\n%s 99\n",
                         "newsgraph verified images 1\n%s 1", "newsgraph verified images 1\njunk\n\n%s 1 2\n"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char body[1000];
        snprintf(body, sizeof body, bad[k], line);
        write_file(rec, body, strlen(body));
        m = NULL;
        INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "record %zu: opened", k);
        INT_EQ(ng_dict_trusted(m), 0, "record %zu: verified, not trusted", k);
        ng_dict_free(m);
    }
    /* the same line as the record writes it: trusted (the format is the one read) */
    char body[1000];
    snprintf(body, sizeof body, "newsgraph verified images 1\n%s 1\n", line);
    write_file(rec, body, strlen(body));
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "record written by hand: opened");
    INT_EQ(ng_dict_trusted(m), 1, "record written by hand: trusted");
    ng_dict_free(m);
    /* a full record: the newest entries kept, the file's old entry
     * replaced, its new one last */
    sleep(3);
    OK(stat(img, &st) == 0, "stat");
    FILE *full = fopen(rec, "w");
    OK(full != NULL, "record for writing");
    if (full) {
        fputs("newsgraph verified images 1\n", full);
        fprintf(full, "%llu %llu 1 1.000000000 1.000000000 0000000000000001 1\n", (unsigned long long)st.st_dev,
                (unsigned long long)st.st_ino);
        for (int k = 0; k < 300; k++) fprintf(full, "1 %d 1 1.000000000 1.000000000 0000000000000001 1\n", k + 1);
        fclose(full);
    }
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "full record: opened");
    INT_EQ(ng_dict_trusted(m), 0, "full record: verified");
    ng_dict_free(m);
    size_t rlen;
    char *r = read_all(rec, &rlen);
    OK(r != NULL, "full record: read");
    if (r) {
        r[rlen] = 0;
        size_t lines = 0;
        for (size_t i = 0; i < rlen; i++) lines += r[i] == '\n';
        INT_EQ(lines, 1 + 256, "full record: the header and 256 entries");
        OK(strstr(r, "\n1 46 1 1.0") != NULL && strstr(r, "\n1 45 1 1.0") == NULL, "full record: the oldest dropped");
        char mine[64];
        snprintf(mine, sizeof mine, "\n%llu %llu ", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
        char *at = strstr(r, mine);
        OK(at && !strstr(at + 1, mine) && !strchr(at + 1, '\n')[1], "full record: one entry of the image, the last");
        free(r);
    }
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, rec, &m, &err), NG_OK, "full record: opened again");
    INT_EQ(ng_dict_trusted(m), 1, "full record: trusted");
    ng_dict_free(m);
    /* a record in a missing directory: verified every time, nothing written */
    m = NULL;
    INT_EQ(ng_dict_open_recorded(img, tpath(3, "no/such/verified"), &m, &err), NG_OK, "record not writable");
    INT_EQ(ng_dict_trusted(m), 0, "record not writable: verified");
    ng_dict_free(m);
    free(bytes);
}

/* Opens the compiled list at lst with the record rec (NULL: none): its
 * status, and whether it was trusted and how many names it has. */
static int open_names(const char *lst, const char *rec, int *trusted, size_t *count, ng_error *err) {
    ng_namelist *nl = ng_namelist_new();
    if (!nl) return NG_E_NOMEM;
    int rc = rec ? ng_namelist_add_file_recorded(nl, lst, rec, err) : ng_namelist_add_file(nl, lst, err);
    *trusted = ng_namelist_trusted(nl);
    *count = ng_namelist_count(nl);
    ng_namelist_free(nl);
    return rc;
}

/* A compiled name list in the same record (ng_namelist_add_file_recorded):
 * fresh, verified and not listed; settled, verified once and listed under
 * the lists' rules, then trusted, with the same names; an entry of the
 * images' rules for the same file trusts nothing (and the open lists it
 * again); changed in place, verified again and refused. */
static void test_record_names(void) {
    ng_namelist *nl = ng_namelist_new();
    OK(nl != NULL, "name list");
    if (!nl) return;
    static const char *const names[] = {"Олександр", "Марія", "John", "Mary", "Сергей"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        INT_EQ(ng_namelist_add(nl, names[k], strlen(names[k]), k % 2 ? NG_NAMES_UK : NG_NAMES_ANY), NG_OK, "add %zu", k);
    ng_error err = {0};
    const char *lst = tpath(2, "n.ngn"), *rec = tpath(3, "verified-n");
    INT_EQ(ng_namelist_save(nl, lst, &err), NG_OK, "save");
    size_t count = ng_namelist_count(nl), n = 0;
    ng_namelist_free(nl);
    int trusted = -1;
    INT_EQ(open_names(lst, rec, &trusted, &n, &err), NG_OK, "open fresh");
    INT_EQ(trusted, 0, "fresh: verified");
    OK(access(rec, F_OK) != 0, "fresh: not listed");
    sleep(3);
    INT_EQ(open_names(lst, rec, &trusted, &n, &err), NG_OK, "open settled");
    INT_EQ(trusted, 0, "settled: verified first");
    size_t rlen = 0;
    char *r = read_all(rec, &rlen);
    OK(r && rlen > 6 && !memcmp(r + rlen - 6, " 1001\n", 6), "settled: listed under the lists' rules");
    free(r);
    INT_EQ(open_names(lst, rec, &trusted, &n, &err), NG_OK, "open listed");
    INT_EQ(trusted, 1, "listed: trusted");
    INT_EQ(n, count, "listed: the same names");
    OK(!ng_namelist_trusted(NULL), "no list: not trusted");
    INT_EQ(open_names(lst, NULL, &trusted, &n, &err), NG_OK, "open without a record");
    INT_EQ(trusted, 0, "no record: verified");
    /* the same entry under the images' rules: not trusted */
    r = read_all(rec, &rlen);
    OK(r != NULL, "read record");
    if (r) {
        r[rlen] = 0;
        char *at = strstr(r, " 1001\n");
        if (at) memcpy(at, " 1\n\0", 4);
        write_file(rec, r, strlen(r));
        free(r);
    }
    INT_EQ(open_names(lst, rec, &trusted, &n, &err), NG_OK, "images' rules: opened");
    INT_EQ(trusted, 0, "images' rules: verified");
    /* listed again (the file settled), then a byte of its strings changed
     * in place: verified again and refused */
    INT_EQ(open_names(lst, rec, &trusted, &n, &err), NG_OK, "open listed again");
    INT_EQ(trusted, 1, "listed again: trusted");
    size_t len = 0;
    char *bytes = read_all(lst, &len);
    OK(bytes && len > 100, "read list");
    FILE *f = fopen(lst, "r+b");
    OK(f != NULL, "list for writing");
    if (f && bytes) {
        fseek(f, (long)len - 3, SEEK_SET);
        fputc(bytes[len - 3] ^ 0x01, f);
    }
    if (f) fclose(f);
    free(bytes);
    INT_EQ(open_names(lst, rec, &trusted, &n, &err), NG_E_FORMAT, "changed in place: verified, refused");
    STR_EQ(err.msg, "corrupt compiled name list", "changed in place: message");
    INT_EQ(trusted, 0, "changed in place: not trusted");
}

/* The VmFlags of the mapping that holds address a (/proc/self/smaps), or "". */
static const char *vm_flags(const void *a, char *out, size_t n) {
    out[0] = 0;
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f) return out;
    char line[512];
    int in = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {   /* a mapping's first line */
            in = (uintptr_t)a >= lo && (uintptr_t)a < hi;
            continue;
        }
        if (in && !strncmp(line, "VmFlags:", 8)) {
            snprintf(out, n, "%s", line + 8);
            out[strcspn(out, "\n")] = 0;
            break;
        }
    }
    fclose(f);
    return out;
}

/* A mapped image is marked for transparent huge pages (MADV_HUGEPAGE):
 * read cold, its page cache is then filled in 2 MB folios (kernels whose
 * file system has large folios), mapped whole, and the matcher's random
 * reads of a 1M-name image miss the TLB far less (one thread, 100 MB:
 * 1.83 -> 1.55 s, here). */
static void test_huge_hint(void) {
    FILE *thp = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    char mode[128] = "";
    if (thp) {
        if (!fgets(mode, sizeof mode, thp)) mode[0] = 0;
        fclose(thp);
    }
    /* ~50k entities: an image of several MB (a 2 MB aligned interior) */
    size_t cap = 4u << 20, len = 0;
    char *tsv = malloc(cap);
    OK(tsv != NULL, "room");
    if (!tsv) return;
    for (unsigned k = 0; k < 50000; k++)
        len += (size_t)snprintf(tsv + len, cap - len, "loc_%u\tLOC\tPlace %u\tTown%uvale|Town%u\n", k, k, k * 7919u, k);
    ng_dict *d = compile(tsv);
    free(tsv);
    OK(d != NULL, "big dictionary");
    if (!d) return;
    ng_error err = {0};
    const char *img = tpath(2, "big.ngd");
    INT_EQ(ng_dict_save(d, img, &err), NG_OK, "save the big image");
    ng_dict_free(d);
    ng_dict *m = NULL;
    INT_EQ(ng_dict_open(img, &m, &err), NG_OK, "open the big image");
    if (!m) return;
    OK(m->size > (4u << 20), "image of %zu bytes", m->size);
    char flags[512];
    /* a byte in the image's 2 MB aligned interior */
    const unsigned char *mid = (const unsigned char *)(((uintptr_t)m->base + (4u << 20) - 1) & ~(uintptr_t)((2u << 20) - 1));
    vm_flags(mid, flags, sizeof flags);
    OK(flags[0] != 0, "the image's mapping in /proc/self/smaps");
    if (strstr(mode, "[always]") || strstr(mode, "[madvise]"))
        OK(strstr(flags, " hg") != NULL, "image mapped with MADV_HUGEPAGE (VmFlags:%s)", flags);
    else
        OK(1, "no transparent huge pages here (%s): the hint is not looked for", thp ? "never" : "no sysfs");
    ng_dict_free(m);
}

/* ng_dict_name_plain and ng_dict_alias_plain (what the importers write)
 * agree with the loader: a line with the string as the name, or as the
 * only alias, loads exactly when they say it is plain. */
static int loads(const char *line) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    int rc = ng_dict_builder_add_tsv(b, "p.tsv", line, strlen(line), &err);
    ng_dict_builder_free(b);
    return rc == NG_OK;
}

static void test_plain(void) {
    static const struct { const char *s; int name, alias; } cases[] = {
        {"Kyiv", 1, 1}, {"Київ", 1, 1}, {"  Львів ", 1, 1}, {"K", 1, 1}, {"7", 1, 1}, {"O'Neill", 1, 1},
        {"R&D", 1, 1}, {"\xc2\xb2", 1, 1} /* ², a number */, {"Ⅻ", 1, 1}, {"lang=uk Kyiv", 1, 0},
        {"-", 0, 0}, {"...", 0, 0}, {" ", 0, 0}, {"\xe2\x80\x94", 0, 0} /* — */,
        {"=Kyiv", 1, 0}, {"~kyiv", 1, 0}, {"^Kyiv", 1, 0},   /* markers: aliases, not plain ones */
        {"lang=uk", 1, 0}, {"case=exact", 1, 0}, {"lint=er:opil", 1, 0}, {"a|b", 1, 0},
        {"a\tb", 0, 0}, {"a\rb", 0, 0}, {"Ky\x01iv", 0, 0}, {"Ky\x7fiv", 0, 0}, {"Ky\xc2\x85iv", 0, 0},
        {"\xc0\xaf", 0, 0}, {"Ky\xffiv", 0, 0} /* invalid UTF-8 after a letter */, {"Ky\xd0", 0, 0},
    };
    char line[256];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *s = cases[i].s;
        /* how the loader reads the string in each column */
        snprintf(line, sizeof line, "p1\tLOC\t%s\n", s);
        int name_loads = loads(line);
        snprintf(line, sizeof line, "p1\tLOC\tName\t%s\n", s);
        int alias_loads = loads(line);
        int name = ng_dict_name_plain(s, strlen(s)), alias = ng_dict_alias_plain(s, strlen(s));
        OK(name == cases[i].name, "name '%s': plain %d", s, name);
        OK(alias == cases[i].alias, "alias '%s': plain %d", s, alias);
        /* plain ones load; others load only as something else (a tab
         * makes another column, a '|' two aliases, a marker its alias) */
        int structural = strchr(s, '\t') || strchr(s, '|') || strchr("=~^", s[0]) || !strncmp(s, "lang=", 5) ||
                         !strncmp(s, "case=", 5) || !strncmp(s, "lint=", 5);
        OK(name ? name_loads : (!name_loads || strchr(s, '\t')), "name '%s': loads %d", s, name_loads);
        OK(alias ? alias_loads : (!alias_loads || structural), "alias '%s': loads %d", s, alias_loads);
    }
    OK(!ng_dict_name_plain("a\0b", 3) && !ng_dict_alias_plain("a\0b", 3), "NUL inside");
    OK(!ng_dict_name_plain(NULL, 0) && !ng_dict_alias_plain(NULL, 0), "NULL");
}

int main(void) {
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 2; }
    test_huge_hint();
    test_record();
    test_record_names();
    test_vslot_probe();
    test_parse();
    test_errors();
    test_long_line();
    test_all_or_nothing();
    test_files();
    test_images();
    test_plain();
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", tmpdir);
    return harness_done("test_dict");
}
