/* The tagger over a small fixed dictionary (names, places, inflected and
 * case-sensitive aliases in en/uk/ru). Byte 0 chooses the NG_TAG_* flags,
 * byte 1 the number of fields; the rest is split at "\n\n" into a title and
 * a text when two fields are chosen. Every match is checked: spans inside
 * their field, in (field, start) order, candidates non-empty; and the same
 * matches come out when the fields are cut into chunks of 24 to 1,040 bytes
 * (byte 1's other bits; pool.c: where a long article is cut changes
 * nothing), on two threads (bit 5 of byte 0), through the scan's caches
 * (the whole run scans plainly), prefetching as for big tables (bit 6). */
#include "fuzz_common.h"
#include "tagger_internal.h"

static const char DICT[] =
    "angela-merkel\tPER\tAngela Merkel\tMerkel|Ангела Меркель|Меркель\n"
    "emmanuel-macron\tPER\tEmmanuel Macron\tMacron|Макрон\n"
    "volodymyr-zelensky\tPER\tVolodymyr Zelensky\tZelensky|Зеленський|Зеленский|Володимир Зеленський\n"
    "paris-fr\tLOC\tParis\tParis|Париж\n"
    "paris-tx\tLOC\tParis\tParis, Texas\tpriority=-1\n"
    "kyiv\tLOC\tKyiv\tKiev|Київ|Киев\n"
    "nato\tORG\tNATO\tNorth Atlantic Treaty Organization|НАТО\tcase=sensitive\n"
    "un\tORG\tUN\tUnited Nations|ООН\n"
    "new-york\tLOC\tNew York\tNew York City|NYC|Нью-Йорк\n"
    "st-petersburg\tLOC\tSaint Petersburg\tSt. Petersburg|Санкт-Петербург|Петербург\n"
    "o-neill\tPER\tTip O'Neill\tO'Neill\n"
    "a-a-a\tORG\tA A A\tA A|A\n";

static ng_dict *dict;
static ng_tagger *tagger;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    ng_dict_builder *b = ng_dict_builder_new();
    ng_error err = {0};
    FZ_CHECK(ng_dict_builder_add_tsv(b, "fixed.tsv", DICT, sizeof DICT - 1, &err) == NG_OK, "%s", err.msg);
    FZ_CHECK(ng_dict_builder_finish(b, &dict, &err) == NG_OK, "%s", err.msg);
    ng_dict_builder_free(b);
    tagger = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    FZ_CHECK(tagger, "tagger");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    unsigned flags = data[0] & 0x1f;
    size_t nf = (data[1] & 1) + 1;
    data += 2; size -= 2;
    fz_part p[2];
    const char *texts[2]; size_t lens[2];
    if (nf == 2) {
        size_t k = fz_split(data, size, "\n\n", p, 2);
        if (k < 2) { p[1] = p[0]; p[0].n = 0; }
    } else { p[0].p = data; p[0].n = size; }
    /* copies without a terminator, so reads past the end are caught */
    for (size_t i = 0; i < nf; i++) {
        char *c = malloc(p[i].n ? p[i].n : 1);
        FZ_CHECK(c, "malloc");
        memcpy(c, p[i].p, p[i].n);
        texts[i] = c; lens[i] = p[i].n;
    }
    ng_tagger_set_flags(tagger, flags);
    /* (the whole run: the plain scan, no cache, the reference) */
    ng_tagger_set_prefetch(tagger, -1);
    const ng_match *m; size_t n, inval = 0;
    int rc = ng_tagger_tag_doc(tagger, texts, lens, nf, &m, &n, &inval);
    FZ_CHECK(rc == NG_OK, "status %d", rc);
    for (size_t i = 0; i < n; i++) {
        FZ_CHECK(m[i].field < nf, "field %u", m[i].field);
        FZ_CHECK(m[i].start < m[i].end && m[i].end <= lens[m[i].field], "span %zu-%zu of %zu",
                 m[i].start, m[i].end, lens[m[i].field]);
        FZ_CHECK(m[i].id && m[i].type && m[i].name && m[i].ncands >= 1, "match %zu", i);
        if (i) FZ_CHECK(m[i - 1].field < m[i].field ||
                        (m[i - 1].field == m[i].field && m[i - 1].start <= m[i].start), "order at %zu", i);
    }
    FZ_CHECK(inval <= size, "invalid count %zu > %zu", inval, size);
    {   /* small chunks: the same matches (kept: m is the tagger's until its next call) */
        size_t *keep = malloc((n ? n : 1) * 3 * sizeof *keep);
        char **ids = malloc((n ? n : 1) * sizeof *ids);
        FZ_CHECK(keep && ids, "malloc");
        for (size_t i = 0; i < n; i++) {
            keep[3 * i] = m[i].field, keep[3 * i + 1] = m[i].start, keep[3 * i + 2] = m[i].end;
            ids[i] = strdup(m[i].id);
            FZ_CHECK(ids[i], "strdup");
        }
        ng_tagger_set_chunk(tagger, 24 + (size_t)(data[-1] >> 1) * 8);
        /* (bit 5 of the first byte: on two threads, whose later ranges are
         * sized as they are taken) */
        int two = (data[-2] & 0x20) != 0;
        if (two) FZ_CHECK(ng_tagger_set_threads(tagger, 2) == NG_OK, "threads");
        /* (the chunks through the thread's word and transition caches,
         * against the whole run's plain scan; bit 6: with the prefetches of
         * big tables) */
        ng_tagger_set_prefetch(tagger, (data[-2] & 0x40) ? 1 : 0);
        const ng_match *mc; size_t nc, invc = 0;
        FZ_CHECK(ng_tagger_tag_doc(tagger, texts, lens, nf, &mc, &nc, &invc) == NG_OK, "tag in chunks");
        ng_tagger_set_chunk(tagger, 0);
        ng_tagger_set_prefetch(tagger, 0);
        FZ_CHECK(nc == n && invc == inval, "in chunks of %zu: %zu matches (%zu invalid), whole %zu (%zu)",
                 24 + (size_t)(data[-1] >> 1) * 8, nc, invc, n, inval);
        for (size_t i = 0; i < n; i++) {
            FZ_CHECK(mc[i].field == keep[3 * i] && mc[i].start == keep[3 * i + 1] && mc[i].end == keep[3 * i + 2] &&
                     !strcmp(mc[i].id, ids[i]), "in chunks: match %zu %zu-%zu %s, whole %zu-%zu %s", i,
                     mc[i].start, mc[i].end, mc[i].id, keep[3 * i + 1], keep[3 * i + 2], ids[i]);
            free(ids[i]);
        }
        free(keep);
        free(ids);
        m = NULL;
        /* (after the comparison: the matches are the tagger's states') */
        if (two) FZ_CHECK(ng_tagger_set_threads(tagger, 1) == NG_OK, "one thread");
    }
    if (nf == 1) {   /* the one-field call agrees */
        const ng_match *m2; size_t n2;
        FZ_CHECK(ng_tagger_tag(tagger, texts[0], lens[0], &m2, &n2) == NG_OK, "tag");
        FZ_CHECK(n2 == n, "tag %zu vs tag_doc %zu matches", n2, n);
    }
    /* ng_tokens, ng_fold on the same bytes */
    size_t ol = 0;
    char *f = ng_fold(texts[nf - 1], lens[nf - 1], &ol);
    free(f);
    for (size_t i = 0; i < nf; i++) free((void *)texts[i]);
    return 0;
}
