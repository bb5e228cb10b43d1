/* Compiled-image loader: ng_dict_open_image, then every entity, alias and
 * the matcher over a fixed text and the input are exercised on images that
 * load. The public API always verifies the XXH3 checksum, which random
 * mutations would almost never pass; so when the first byte is odd the
 * target repairs the header (magic, version, byte order, Unicode version,
 * file size) and recomputes the checksum over the mutated body, and the
 * structural checks of image_verify (tagger/dict.c) get fuzzed. An even
 * first byte feeds the rest as is (magic, truncation and checksum paths). */
#include <stddef.h>
#include <xxhash.h>
#include <utf8proc.h>
#include "fuzz_common.h"
#include "dict.h"

static void on_alias(const char *a, void *ud) { (*(size_t *)ud) += strlen(a); }

/* Seeds go stale when NG_IMAGE_VERSION or the layout changes, so a current
 * image of a small dictionary is also written into the corpus directory
 * given on the command line (the scratch copy 'make fuzz' uses). */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static const char tsv[] =
        "kyiv\tLOC\tKyiv\tKiev|Київ|Киев\tpriority=2\n"
        "nato\tORG\tNATO\tНАТО\tcase=sensitive\n"
        "jens\tPER\tJens Stoltenberg\tStoltenberg|Єнс Столтенберг\n";
    const char *dir = fz_corpus_dir(*argc, *argv);
    if (!dir) return 0;
    ng_dict_builder *b = ng_dict_builder_new();
    ng_dict *d = NULL;
    ng_error err = {0};
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s/.current.ngd", fz_dir());
    if (!ng_dict_builder_add_tsv(b, "seed.tsv", tsv, sizeof tsv - 1, &err) &&
        !ng_dict_builder_finish(b, &d, &err) && !ng_dict_save(d, tmp, &err))
        fz_write_seed(dir, tmp);
    ng_dict_free(d);
    ng_dict_builder_free(b);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int repair = data[0] & 1;
    data++; size--;
    unsigned char *img = malloc(size ? size : 1);
    FZ_CHECK(img, "malloc");
    memcpy(img, data, size);
    if (repair && size >= sizeof(img_header)) {
        img_header h;
        memcpy(&h, img, sizeof h);
        memcpy(h.magic, NG_IMAGE_MAGIC, 8);
        h.version = NG_IMAGE_VERSION;
        h.endian = 0x01020304;
        h.file_size = size;
        memset(h.unicode, 0, sizeof h.unicode);
        snprintf(h.unicode, sizeof h.unicode, "%s", utf8proc_unicode_version());
        h.checksum = XXH3_64bits(img + sizeof h, size - sizeof h);
        memcpy(img, &h, sizeof h);
    }
    ng_dict *d = NULL;
    ng_error err = {0};
    int rc = ng_dict_open_image(img, size, "fuzz.ngd", &d, &err);
    free(img);   /* the dictionary holds its own copy */
    if (rc) {
        FZ_CHECK(!d && rc == NG_E_FORMAT || rc == NG_E_NOMEM, "status %d", rc);
        FZ_CHECK(err.code == rc && err.msg[0], "error record");
        return 0;
    }
    size_t ne = ng_dict_entity_count(d), total = 0;
    for (size_t i = 0; i < ne; i++) {
        ng_entity e;
        FZ_CHECK(ng_dict_entity(d, i, &e) == NG_OK, "entity %zu", i);
        total += strlen(e.id) + strlen(e.type) + strlen(e.name) + strlen(e.attrs);
        (void)ng_dict_find_id(d, e.id);
        ng_dict_entity_aliases(d, i, on_alias, &total);
    }
    (void)ng_dict_find_id(d, "zz-not-there");
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
    FZ_CHECK(t, "tagger");
    static const char text[] = "Jens Stoltenberg visited Kyiv and Vilnius. Київ, Києва, Зеленський; NATO's Paris.";
    const ng_match *m; size_t n;
    FZ_CHECK(ng_tagger_tag(t, text, sizeof text - 1, &m, &n) == NG_OK, "tag");
    ng_tagger_set_flags(t, NG_TAG_ALL);
    FZ_CHECK(ng_tagger_tag(t, (const char *)data, size, &m, &n) == NG_OK, "tag input");
    ng_tagger_free(t);
    ng_dict_free(d);
    return 0;
}
