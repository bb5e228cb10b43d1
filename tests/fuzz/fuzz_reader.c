/* JSON Lines article reader: the input is written to a file and read with
 * ng_reader (JSON Lines when the first byte is even, auto-detection of a
 * .txt file otherwise) until the end, continuing after NG_E_PARSE as the
 * CLI does; every article's fields are checked and its text tokenised. */
#include "fuzz_common.h"

static void on_tok(size_t s, size_t e, int w, void *ud) {
    (void)w;
    size_t len = *(size_t *)ud;
    FZ_CHECK(s < e && e <= len, "token %zu-%zu of %zu", s, e, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int jsonl = !(data[0] & 1);
    const char *path = fz_write(0, jsonl ? "in.jsonl" : "in.txt", data + 1, size - 1);
    ng_reader *r = NULL;
    ng_error err = {0};
    FZ_CHECK(ng_reader_open(&path, 1, NG_INPUT_AUTO, &r, &err) == NG_OK, "open");
    ng_article a;
    int rc;
    long guard = 0;
    while ((rc = ng_reader_next(r, &a, &err)) != 0) {
        FZ_CHECK(++guard <= (long)size + 2, "no progress");
        if (rc < 0) {
            FZ_CHECK(rc == NG_E_PARSE, "status %d (%s)", rc, err.msg);
            FZ_CHECK(err.line >= 1 && err.col >= 1, "location %ld:%ld", err.line, err.col);
            continue;
        }
        FZ_CHECK(a.id && a.text, "article fields");
        FZ_CHECK(!a.title || strlen(a.title) <= a.title_len, "title length");
        if (jsonl) FZ_CHECK(a.raw && a.raw_len <= size && a.line >= 1, "raw line");
        size_t len = a.text_len;
        FZ_CHECK(ng_tokens(a.text, len, on_tok, &len) == NG_OK, "tokens");
    }
    ng_reader_free(r);
    return 0;
}
