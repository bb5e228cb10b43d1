/* Compiled given-name lists (ng_namelist_add_file on a file written by
 * ng_namelist_save): a list that loads then serves the person rules over a
 * fixed text and the input. The header carries an XXH3 checksum of the
 * body, which random mutations would almost never pass; so when the first
 * byte is odd the target repairs the header (magic, byte order) and
 * recomputes the checksum over the mutated body, and the structural checks
 * (sizes, offsets, indexes, table fill) get fuzzed. An even first byte
 * feeds the rest as is (magic, truncation and checksum paths). */
#include <stddef.h>
#include <xxhash.h>
#include "fuzz_common.h"

/* A current compiled list of a few names is written into the corpus
 * directory given on the command line (seeds go stale when the layout
 * changes). */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    const char *dir = fz_corpus_dir(*argc, *argv);
    if (!dir) return 0;
    char txt[1024], tmp[1024];
    snprintf(txt, sizeof txt, "%s/given-uk.txt", fz_dir());
    snprintf(tmp, sizeof tmp, "%s/.current.ngn", fz_dir());
    FILE *f = fopen(txt, "w");
    if (!f) return 0;
    fputs("Олександр\nОлена\nAndrew|Андрій|Андрей\nMichael\n", f);
    fclose(f);
    ng_namelist *nl = ng_namelist_new();
    ng_error err = {0};
    if (nl && !ng_namelist_add_file(nl, txt, &err) && !ng_namelist_save(nl, tmp, &err)) fz_write_seed(dir, tmp);
    unlink(txt);
    ng_namelist_free(nl);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int repair = data[0] & 1;
    data++; size--;
    unsigned char *b = malloc(size ? size : 1);
    FZ_CHECK(b, "malloc");
    memcpy(b, data, size);
    enum { HEAD = 8 + 8 * 8 };
    if (repair && size >= HEAD) {
        uint64_t endian = 0x0102030405060708u, sum = XXH3_64bits(b + HEAD, size - HEAD);
        memcpy(b, "NGNAMES2", 8);
        memcpy(b + 8, &endian, 8);
        memcpy(b + HEAD - 8, &sum, 8);
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/in.ngn", fz_dir());
    FILE *f = fopen(path, "wb");
    FZ_CHECK(f, "open %s", path);
    FZ_CHECK(fwrite(b, 1, size, f) == size || size == 0, "write");
    fclose(f);
    free(b);
    ng_namelist *nl = ng_namelist_new();
    FZ_CHECK(nl, "namelist");
    ng_error err = {0};
    int rc = ng_namelist_add_file(nl, path, &err);
    if (rc) {
        FZ_CHECK(rc == NG_E_FORMAT || rc == NG_E_UNICODE || rc == NG_E_PARSE || rc == NG_E_NOMEM || rc == NG_E_IO,
                 "status %d", rc);   /* (NG_E_PARSE: a control character in a text list) */
        FZ_CHECK(err.code == rc && err.msg[0], "error record");
        FZ_CHECK(ng_namelist_count(nl) == 0 || rc == NG_E_UNICODE || rc == NG_E_PARSE,
                 "a refused list is left empty (a text list: its lines before the bad one)");
        ng_namelist_free(nl);
        return 0;
    }
    static const char tsv[] = "kyiv\tLOC\tKyiv\tКиїв|Киев\n";
    ng_dict_builder *db = ng_dict_builder_new();
    ng_dict *d = NULL;
    FZ_CHECK(db && !ng_dict_builder_add_tsv(db, "fz.tsv", tsv, sizeof tsv - 1, &err) &&
             !ng_dict_builder_finish(db, &d, &err), "dictionary");
    ng_dict_builder_free(db);
    ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
    FZ_CHECK(t && ng_tagger_set_names(t, nl) == NG_OK, "tagger");
    static const char text[] = "Вчора Олександр Петренко прийшов до Києва. Андрій засміявся. Michael Smithson said. "
                               "Заяву підписала Мельник Олена Петрівна. Олександрові Петренку дали слово.";
    const ng_match *m; size_t n;
    FZ_CHECK(ng_tagger_tag(t, text, sizeof text - 1, &m, &n) == NG_OK, "tag");
    FZ_CHECK(ng_tagger_tag(t, (const char *)data, size, &m, &n) == NG_OK, "tag input");
    ng_tagger_free(t);
    ng_dict_free(d);
    ng_namelist_free(nl);
    return 0;
}
