/* JSON Lines article reader: the input is written to a file and read with
 * ng_reader (JSON Lines when the first byte is even, auto-detection of a
 * .txt file otherwise) until the end, continuing after NG_E_PARSE as the
 * CLI does; every article's fields are checked and its text tokenised.
 * A JSON line is also read by jansson: a record it takes (an object with
 * a string "text", no duplicate key) must give the same fields. */
#include <jansson.h>
#include "fuzz_common.h"

/* jansson's reading of a one-line record: its text and title, or 0. */
static int by_jansson(const uint8_t *d, size_t n, json_t **out) {
    *out = NULL;
    if (memchr(d, '\n', n) || memchr(d, '\r', n) || (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))) return 0;
    json_error_t je;
    json_t *o = json_loadb((const char *)d, n, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
    if (!o) return 0;
    json_t *tx = json_object_get(o, "text"), *id = json_object_get(o, "id"), *ti = json_object_get(o, "title");
    json_t *pu = json_object_get(o, "published"), *da = json_object_get(o, "date");
    if (!json_is_object(o) || !json_is_string(tx) || (id && !json_is_string(id)) || (ti && !json_is_string(ti)) || pu || da) {
        json_decref(o);
        return 0;
    }
    if (id && strlen(json_string_value(id)) != json_string_length(id)) { json_decref(o); return 0; }
    *out = o;
    return 1;
}

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
    json_t *want = NULL;
    int oracle = jsonl && by_jansson(data + 1, size - 1, &want);
    int got_one = 0;
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
        if (jsonl) FZ_CHECK(ng_utf8_valid_prefix(a.text, len) == len, "text is UTF-8");
        if (oracle) {
            json_t *tx = json_object_get(want, "text"), *ti = json_object_get(want, "title"), *id = json_object_get(want, "id");
            FZ_CHECK(a.text_len == json_string_length(tx) && !memcmp(a.text, json_string_value(tx), a.text_len), "text as jansson's");
            FZ_CHECK(!ti == !a.title && (!ti || (a.title_len == json_string_length(ti) &&
                                                  !memcmp(a.title, json_string_value(ti), a.title_len))), "title as jansson's");
            FZ_CHECK(!id || !strcmp(a.id, json_string_value(id)), "id as jansson's");
            got_one++;
        }
        FZ_CHECK(ng_tokens(a.text, len, on_tok, &len) == NG_OK, "tokens");
    }
    FZ_CHECK(!oracle || got_one == 1, "jansson reads a record, the reader %d (%s)", got_one, err.msg);
    json_decref(want);
    ng_reader_free(r);
    return 0;
}
