/* Article reader (tagger/reader.c): text, JSON Lines, directories, stdin,
 * BOM, CRLF, NUL bytes, empty articles, invalid UTF-8, bad JSON lines,
 * directory loops and unreadable files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harness.h"
#include "tagger.h"

static char tmpdir[] = "/tmp/ng_test_reader.XXXXXX";
static char pbuf[8][700];
static const char *P(int slot, const char *name) {
    snprintf(pbuf[slot], sizeof pbuf[slot], "%s/%s", tmpdir, name);
    return pbuf[slot];
}
static void write_file(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    fwrite(data, 1, len, f);
    fclose(f);
}
#define WRITE(path, lit) write_file(path, lit, sizeof(lit) - 1)

/* Reads everything; renders each article or error as one line. */
static char out[1 << 14];
static const char *read_all(const char *const *paths, size_t n, int kind) {
    ng_reader *r;
    ng_error err = {0};
    size_t k = 0;
    out[0] = 0;
    if (ng_reader_open(paths, n, kind, &r, &err)) return "(open failed)";
    for (int guard = 0; guard < 100; guard++) {
        ng_article a;
        memset(&err, 0, sizeof err);
        int rc = ng_reader_next(r, &a, &err);
        if (rc == 0) break;
        if (rc < 0) {
            char m[1400];
            const char *f = ng_error_format(&err, m, sizeof m);
            size_t tl = strlen(tmpdir);
            if (!strncmp(f, tmpdir, tl)) f += tl + 1;   /* paths relative to tmpdir */
            k += (size_t)snprintf(out + k, sizeof out - k, "ERR %d %s\n", rc, f);
            continue;
        }
        const char *id = a.id;
        if (!strncmp(id, tmpdir, strlen(tmpdir))) id += strlen(tmpdir) + 1;
        k += (size_t)snprintf(out + k, sizeof out - k, "%s line=%ld len=%zu", id, a.line, a.text_len);
        if (a.title) k += (size_t)snprintf(out + k, sizeof out - k, " title=%.*s", (int)a.title_len, a.title);
        if (a.url) k += (size_t)snprintf(out + k, sizeof out - k, " url=%s", a.url);
        if (a.published) k += (size_t)snprintf(out + k, sizeof out - k, " published=%s", a.published);
        if (a.lang) k += (size_t)snprintf(out + k, sizeof out - k, " lang=%s", a.lang);
        k += (size_t)snprintf(out + k, sizeof out - k, " text=");
        for (size_t i = 0; i < a.text_len && k < sizeof out - 8; i++) {
            unsigned char c = (unsigned char)a.text[i];
            if (c < 0x20 || c >= 0x7f) k += (size_t)snprintf(out + k, sizeof out - k, "\\x%02x", c);
            else out[k++] = (char)c;
        }
        out[k++] = '\n';
        out[k] = 0;
    }
    ng_reader_free(r);
    return out;
}
static const char *read1(const char *path, int kind) { return read_all(&path, 1, kind); }

static void test_text(void) {
    WRITE(P(0, "a.txt"), "\xef\xbb\xbfKyiv\r\nNATO\0EU\xff");
    STR_EQ(read1(P(0, "a.txt"), NG_INPUT_AUTO), "a.txt line=0 len=17 text=\\xef\\xbb\\xbfKyiv\\x0d\\x0aNATO\\x00EU\\xff\n",
           "text file: bytes as they are (BOM, CRLF, NUL, invalid UTF-8)");
    WRITE(P(0, "empty.txt"), "");
    STR_EQ(read1(P(0, "empty.txt"), NG_INPUT_AUTO), "empty.txt line=0 len=0 text=\n", "empty text file is one article");
    WRITE(P(0, "b.jsonl"), "{\"id\":\"x\",\"text\":\"t\"}\n");
    STR_EQ(read1(P(0, "b.jsonl"), NG_INPUT_TEXT), "b.jsonl line=0 len=22 text={\"id\":\"x\",\"text\":\"t\"}\\x0a\n", "--input text");
    STR_EQ(read1(P(0, "b.jsonl"), NG_INPUT_AUTO), "x line=1 len=1 text=t\n", ".jsonl extension");
    WRITE(P(0, "c.ndjson"), "{\"id\":\"n\",\"text\":\"t\"}");
    STR_EQ(read1(P(0, "c.ndjson"), NG_INPUT_AUTO), "n line=1 len=1 text=t\n", ".ndjson, no final newline");
    WRITE(P(0, "d.txt"), "{\"id\":\"j\",\"text\":\"t\"}\n");
    STR_EQ(read1(P(0, "d.txt"), NG_INPUT_JSONL), "j line=1 len=1 text=t\n", "--input jsonl");
    /* a big text file (mapped) */
    size_t big = (5u << 20) + 3;
    char *s = malloc(big);
    memset(s, 'a', big);
    write_file(P(0, "big.txt"), s, big);
    free(s);
    ng_reader *r;
    ng_error err;
    const char *p = P(0, "big.txt");
    ng_article a;
    INT_EQ(ng_reader_open(&p, 1, NG_INPUT_AUTO, &r, &err), NG_OK, "open");
    INT_EQ(ng_reader_next(r, &a, &err), 1, "big article");
    INT_EQ(a.text_len, big, "big length");
    OK(a.text[0] == 'a' && a.text[big - 1] == 'a', "big content");
    INT_EQ(ng_reader_next(r, &a, &err), 0, "end");
    ng_reader_free(r);
    ng_reader_free(NULL);
}

static void test_jsonl(void) {
    WRITE(P(0, "a.jsonl"),
          "\xef\xbb\xbf{\"id\":\"a1\",\"title\":\"Заголовок\",\"text\":\"Текст\",\"url\":\"http://x/1\",\"published\":\"2023-07-11\",\"lang\":\"uk\",\"extra\":[1,2]}\r\n"
          "\n"
          "   \n"
          "{\"id\":42,\"text\":\"NUL\\u0000inside\"}\n"
          "{\"text\":\"no id\"}\n"
          "{\"id\":\"e\",\"text\":\"\"}\n"
          "{\"id\":\"d\",\"text\":\"x\",\"date\":\"2024-01-01\"}\n");
    STR_EQ(read1(P(0, "a.jsonl"), NG_INPUT_AUTO),
           "a1 line=1 len=10 title=Заголовок url=http://x/1 published=2023-07-11 lang=uk text=\\xd0\\xa2\\xd0\\xb5\\xd0\\xba\\xd1\\x81\\xd1\\x82\n"
           "42 line=4 len=10 text=NUL\\x00inside\n"
           "a.jsonl:5 line=5 len=5 text=no id\n"
           "e line=6 len=0 text=\n"
           "d line=7 len=1 published=2024-01-01 text=x\n",
           "fields, BOM, CRLF, blank lines, integer id, missing id, empty text, date");
    WRITE(P(0, "bad.jsonl"),
          "{\"id\":\"ok1\",\"text\":\"a\"}\n"
          "{bad json\n"
          "[1,2]\n"
          "{\"id\":\"c\"}\n"
          "{\"id\":\"d\",\"text\":5}\n"
          "{\"id\":[1],\"text\":\"x\"}\n"
          "{\"id\":\"u\",\"text\":\"Ki\xffv\"}\n"
          "{\"id\":\"dup\",\"text\":\"a\",\"text\":\"b\"}\n"
          "{\"id\":\"ok2\",\"text\":\"b\"}\n");
    STR_EQ(read1(P(0, "bad.jsonl"), NG_INPUT_AUTO),
           "ok1 line=1 len=1 text=a\n"
           "ERR -3 bad.jsonl:2:2: invalid JSON: invalid char in json text near 'bad json'\n"
           "ERR -3 bad.jsonl:3:1: expected a JSON object\n"
           "ERR -3 bad.jsonl:4:1: missing \"text\"\n"
           "ERR -3 bad.jsonl:5:1: \"text\" must be a string\n"
           "ERR -3 bad.jsonl:6:1: \"id\" must be a string or an integer (not an array)\n"
           "ERR -3 bad.jsonl:7:21: invalid JSON: invalid UTF-8 byte 0xff\n"
           "ERR -3 bad.jsonl:8:24: invalid JSON: the key \"text\" is given twice\n"
           "ok2 line=9 len=1 text=b\n",
           "bad lines: line numbers and columns, and the reader continues");
    WRITE(P(0, "title.jsonl"), "{\"id\":\"t\",\"title\":\"Only a title\"}\n");
    STR_EQ(read1(P(0, "title.jsonl"), NG_INPUT_AUTO), "t line=1 len=0 title=Only a title text=\n", "title without text");
    WRITE(P(0, "empty.jsonl"), "");
    STR_EQ(read1(P(0, "empty.jsonl"), NG_INPUT_AUTO), "", "empty JSONL file: no article");
}

/* The JSON Lines records as yajl's events give them (the reader keeps the
 * top-level values it reads): numbers as written, every top-level key
 * (duplicates), strict UTF-8, escapes of half a surrogate pair. */
static void test_jsonl_records(void) {
    /* a record with 40 keys (the key table grows) */
    char many[2000] = "{";
    for (int i = 0; i < 40; i++) snprintf(many + strlen(many), sizeof many - strlen(many), "\"k%d\":%d,", i, i);
    WRITE(P(0, "rec.jsonl"),
          "{\"id\":12345678901234567890123,\"text\":\"big id\",\"views\":1e999,\"n\":-0.5e-400}\n"
          "{\"id\":-7,\"text\":\"negative id\",\"nested\":{\"a\":1,\"a\":2},\"list\":[{\"id\":\"inner\"}],\"text2\":\"t\"}\n"
          "{\"id\":\"esc\",\"text\":\"\\\\ud800 \\ud83d\\ude00 \\\"q\\\" \\u0416\"}\n"
          "{\"extra\":{\"text\":\"not this\"},\"text\":\"this\",\"id\":\"nest\"}\n"
          "{\"id\":\"ws\" , \"text\" : \"spaces\" }  \n");
    STR_EQ(read1(P(0, "rec.jsonl"), NG_INPUT_AUTO),
           "12345678901234567890123 line=1 len=6 text=big id\n"
           "-7 line=2 len=11 text=negative id\n"
           "esc line=3 len=18 text=\\ud800 \\xf0\\x9f\\x98\\x80 \"q\" \\xd0\\x96\n"
           "nest line=4 len=4 text=this\n"
           "ws line=5 len=6 text=spaces\n",
           "numbers as written, nested values skipped (duplicates there too), escapes decoded, spaces");
    FILE *f = fopen(P(0, "bad2.jsonl"), "w");
    fprintf(f, "%s\"k3\":1,\"text\":\"x\"}\n", many);
    fputs("{\"id\":\"o\",\"text\":\"\xc0\x80\"}\n"            /* overlong NUL */
          "{\"id\":\"s\",\"text\":\"\xed\xa0\x80\"}\n"         /* a surrogate in UTF-8 */
          "{\"id\":\"l\",\"text\":\"\\ud800x\"}\n"             /* half a pair */
          "{\"id\":\"m\",\"text\":\"\\\\\\udc00\"}\n"          /* after an escaped backslash */
          "{\"id\":\"g\",\"text\":\"x\"} tail\n"
          "{\"id\":\"t\",\"text\":\"x\"\n"
          "{\"id\":\"p\",\"text\":\"x\",\"published\":1700000000}\n"
          "{\"id\":1.5,\"text\":\"x\"}\n"
          "\"just a string\"\n"
          "{\"\":1,\"\":2,\"text\":\"x\"}\n"                 /* empty keys (the key table was NULL) */
          "{\"id\":\"ok\",\"text\":\"Ж\"}\n", f);
    fclose(f);
    STR_EQ(read1(P(0, "bad2.jsonl"), NG_INPUT_AUTO),
           "ERR -3 bad2.jsonl:1:342: invalid JSON: the key \"k3\" is given twice\n"
           "ERR -3 bad2.jsonl:2:19: invalid JSON: invalid UTF-8 byte 0xc0\n"
           "ERR -3 bad2.jsonl:3:19: invalid JSON: invalid UTF-8 byte 0xed\n"
           "ERR -3 bad2.jsonl:4:19: invalid JSON: \\ud800 is half of a surrogate pair\n"
           "ERR -3 bad2.jsonl:5:21: invalid JSON: \\udc00 is half of a surrogate pair\n"
           "ERR -3 bad2.jsonl:6:23: invalid JSON: trailing garbage near 'tail'\n"
           "ERR -3 bad2.jsonl:7:21: invalid JSON: the line ends inside the record\n"
           "ERR -3 bad2.jsonl:8:1: \"published\" must be a date string such as \"2023-07-11\" (not a number)\n"
           "ERR -3 bad2.jsonl:9:1: \"id\" must be a string or an integer (not a number with a fraction or exponent)\n"
           "ERR -3 bad2.jsonl:10:1: expected a JSON object\n"
           "ERR -3 bad2.jsonl:11:7: invalid JSON: the key \"\" is given twice\n"
           "ok line=12 len=2 text=\\xd0\\x96\n",
           "bad records: where and why");
}

static void test_dirs(void) {
    mkdir(P(0, "corpus"), 0755);
    mkdir(P(0, "corpus/sub"), 0755);
    mkdir(P(0, "corpus/sub/deeper"), 0755);
    WRITE(P(0, "corpus/b.txt"), "B");
    WRITE(P(0, "corpus/a.txt"), "A");
    WRITE(P(0, "corpus/.hidden.txt"), "H");
    WRITE(P(0, "corpus/sub/c.jsonl"), "{\"id\":\"c1\",\"text\":\"C\"}\n{\"id\":\"c2\",\"text\":\"CC\"}\n");
    WRITE(P(0, "corpus/sub/deeper/d.txt"), "D");
    WRITE(P(0, "corpus/z.txt"), "Z");
    /* a loop back to the top directory */
    if (symlink("../..", P(1, "corpus/sub/deeper/loop")) != 0) perror("symlink");
    /* a dangling symlink: unreadable */
    if (symlink("nowhere.txt", P(1, "corpus/sub/gone.txt")) != 0) perror("symlink");
    STR_EQ(read1(P(0, "corpus"), NG_INPUT_AUTO),
           "corpus/a.txt line=0 len=1 text=A\n"
           "corpus/b.txt line=0 len=1 text=B\n"
           "c1 line=1 len=1 text=C\n"
           "c2 line=2 len=2 text=CC\n"
           "corpus/sub/deeper/d.txt line=0 len=1 text=D\n"
           "ERR -2 corpus/sub/deeper/loop: directory loop (already visited), skipped\n"
           "ERR -2 corpus/sub/gone.txt: cannot open: No such file or directory\n"
           "corpus/z.txt line=0 len=1 text=Z\n",
           "recursive, sorted, hidden skipped, loop and dangling link reported, the rest read");
    /* several inputs in the given order; a missing one in the middle */
    const char *paths[3] = {P(0, "corpus/z.txt"), P(1, "missing.txt"), P(2, "corpus/a.txt")};
    STR_EQ(read_all(paths, 3, NG_INPUT_AUTO),
           "corpus/z.txt line=0 len=1 text=Z\n"
           "ERR -2 missing.txt: cannot open: No such file or directory\n"
           "corpus/a.txt line=0 len=1 text=A\n",
           "inputs in order");
    /* an unreadable file (only when not root: root reads anything) */
    if (geteuid() != 0) {
        WRITE(P(0, "secret.txt"), "S");
        chmod(P(0, "secret.txt"), 0);
        STR_EQ(read1(P(0, "secret.txt"), NG_INPUT_AUTO), "ERR -2 secret.txt: cannot open: Permission denied\n", "unreadable file");
    }
}

static void test_stdin(void) {
    WRITE(P(0, "in.jsonl"), "  \n{\"id\":\"s1\",\"text\":\"from stdin\"}\n");
    if (!freopen(P(0, "in.jsonl"), "rb", stdin)) { perror("freopen"); return; }
    STR_EQ(read_all(NULL, 0, NG_INPUT_AUTO), "s1 line=2 len=10 text=from stdin\n", "stdin (no paths), JSON detected");
    WRITE(P(0, "in.txt"), "Plain Київ\n");
    if (!freopen(P(0, "in.txt"), "rb", stdin)) { perror("freopen"); return; }
    const char *dash = "-";
    /* standard input has no stable name: the id is a hash of the content
     * (FNV-1a 64 of the bytes) */
    STR_EQ(read_all(&dash, 1, NG_INPUT_AUTO), "stdin:1d9a073a5cfcfd2b line=0 len=15 text=Plain \\xd0\\x9a\\xd0\\xb8\\xd1\\x97\\xd0\\xb2\\x0a\n",
           "'-' as text");
    WRITE(P(0, "in2.txt"), "{\"id\":\"x\"}");
    if (!freopen(P(0, "in2.txt"), "rb", stdin)) { perror("freopen"); return; }
    STR_EQ(read_all(&dash, 1, NG_INPUT_TEXT), "stdin:0ca47fa94f2650e4 line=0 len=10 text={\"id\":\"x\"}\n", "--input text on stdin");
}

/* The tagger over what the reader returns: invalid UTF-8 is matched around. */
static void test_invalid_tagged(void) {
    ng_error err = {0};
    ng_dict_builder *b = ng_dict_builder_new();
    const char *tsv = "loc_kyiv\tLOC\tKyiv\tКиїв\n";
    ng_dict_builder_add_tsv(b, "t.tsv", tsv, strlen(tsv), &err);
    ng_dict *d = NULL;
    ng_dict_builder_finish(b, &d, &err);
    ng_dict_builder_free(b);
    WRITE(P(0, "inv.txt"), "\xff\xfeKyiv\xc3(\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2\xe2\x82\0Kyiv");
    const char *p = P(0, "inv.txt");
    ng_reader *r;
    ng_reader_open(&p, 1, NG_INPUT_AUTO, &r, &err);
    ng_article a;
    INT_EQ(ng_reader_next(r, &a, &err), 1, "article");
    ng_tagger *t = ng_tagger_new(&d, 1, 0);
    const ng_match *m;
    size_t n, inv = 0;
    INT_EQ(ng_tagger_tag_doc(t, &a.text, &a.text_len, 1, &m, &n, &inv), NG_OK, "tag");
    INT_EQ(n, 3, "three matches");
    if (n == 3) {
        INT_EQ(m[0].start, 2, "m0 start");
        INT_EQ(m[0].end, 6, "m0 end");
        INT_EQ(m[1].start, 8, "m1 start");
        INT_EQ(m[1].end, 16, "m1 end");
        INT_EQ(m[2].start, 19, "m2 start");
        INT_EQ(m[2].end, 23, "m2 end");
    }
    INT_EQ(inv, 5, "invalid bytes: ff fe c3 e2 82");
    ng_tagger_free(t);
    ng_reader_free(r);
    ng_dict_free(d);
}


/* ng_reader_release: a mapped text's pages leave the resident set and the
 * text reads the same after; a text in memory (JSON Lines, standard
 * input) is left alone (giving back its pages would zero them). */
static void test_release(void) {
    enum { N = 16 << 20 };
    char *buf = malloc(N);
    if (!buf) return;
    for (size_t i = 0; i < N; i++) buf[i] = (char)('a' + (i * 7 + i / 4093) % 26);
    write_file(P(0, "big.txt"), buf, N);
    const char *p = P(0, "big.txt");
    ng_reader *r;
    ng_error err = {0};
    ng_article a;
    INT_EQ(ng_reader_open(&p, 1, NG_INPUT_TEXT, &r, &err), NG_OK, "open");
    INT_EQ(ng_reader_next(r, &a, &err), 1, "the text");
    INT_EQ(a.text_len, N, "its length");
    unsigned sum = 0;
    for (size_t i = 0; i < N; i += 4096) sum += (unsigned char)a.text[i];   /* every page read */
    long before = harness_status_kb("RssFile");
    ng_reader_release(r, a.text + 1, N - 2);
    long after = harness_status_kb("RssFile");
    OK(before >= 0 && before - after >= 12 * 1024, "given back: RssFile %ld -> %ld kB", before, after);
    OK(sum && !memcmp(a.text, buf, N), "the text reads the same after");
    ng_reader_release(r, buf, 4096);        /* outside the text: nothing */
    ng_reader_release(r, a.text, N + 4096); /* past its end: nothing */
    OK(!memcmp(a.text, buf, N), "ranges outside the text are ignored");
    ng_reader_free(r);

    /* the same text as a JSON Lines record: read into memory */
    FILE *f = fopen(P(0, "big.jsonl"), "wb");
    if (!f) { free(buf); return; }
    fprintf(f, "{\"id\":\"big\",\"text\":\"%.*s\"}\n", (int)(N - 64), buf);
    fclose(f);
    p = P(0, "big.jsonl");
    INT_EQ(ng_reader_open(&p, 1, NG_INPUT_AUTO, &r, &err), NG_OK, "open jsonl");
    INT_EQ(ng_reader_next(r, &a, &err), 1, "the record");
    ng_reader_release(r, a.text, a.text_len);
    OK(a.text_len == N - 64 && !memcmp(a.text, buf, N - 64), "a text in memory is left alone");
    ng_reader_free(r);
    ng_reader_release(NULL, buf, N);
    free(buf);
}

int main(void) {
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 2; }
    test_release();
    test_text();
    test_jsonl();
    test_jsonl_records();
    test_dirs();
    test_stdin();
    test_invalid_tagged();
    char cmd[800];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", tmpdir);
    return harness_done("test_reader");
}
