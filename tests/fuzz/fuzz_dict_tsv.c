/* Dictionary TSV parser: ng_dict_builder_add_tsv + ng_dict_builder_finish,
 * then the compiled dictionary is walked and used to tag a fixed text and
 * the input itself. */
#include "fuzz_common.h"

static void on_alias(const char *a, void *ud) { (*(size_t *)ud) += strlen(a); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ng_dict_builder *b = ng_dict_builder_new();
    FZ_CHECK(b, "builder");
    ng_error err = {0};
    int rc = ng_dict_builder_add_tsv(b, "fuzz.tsv", (const char *)data, size, &err);
    if (rc) {
        FZ_CHECK(rc < 0 && err.code == rc, "status %d, err.code %d", rc, err.code);
        FZ_CHECK(memchr(err.msg, 0, sizeof err.msg), "message not terminated");
    }
    ng_dict *d = NULL;
    memset(&err, 0, sizeof err);
    rc = ng_dict_builder_finish(b, &d, &err);
    ng_dict_builder_free(b);
    if (rc) { FZ_CHECK(!d, "dictionary on failure"); return 0; }
    size_t ne = ng_dict_entity_count(d), total = 0;
    for (size_t i = 0; i < ne; i++) {
        ng_entity e;
        FZ_CHECK(ng_dict_entity(d, i, &e) == NG_OK, "entity %zu", i);
        FZ_CHECK(ng_dict_find_id(d, e.id) >= 0, "id '%s' not found", e.id);
        ng_dict_entity_aliases(d, i, on_alias, &total);
    }
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
    FZ_CHECK(t, "tagger");
    static const char text[] = "Angela Merkel met Emmanuel Macron in Paris. Kyiv, Київ, Киев; NATO.";
    const ng_match *m; size_t n;
    FZ_CHECK(ng_tagger_tag(t, text, sizeof text - 1, &m, &n) == NG_OK, "tag");
    ng_tagger_set_flags(t, NG_TAG_ALL);
    FZ_CHECK(ng_tagger_tag(t, (const char *)data, size, &m, &n) == NG_OK, "tag input");
    for (size_t i = 0; i < n; i++)
        FZ_CHECK(m[i].start < m[i].end && m[i].end <= size, "span %zu-%zu of %zu", m[i].start, m[i].end, size);
    ng_tagger_free(t);
    ng_dict_free(d);
    return 0;
}
