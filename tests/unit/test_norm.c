/* Normalisation, tokens and offset mapping (tagger/norm.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "tagger.h"
#include "norm.h"

/* ng_fold of s, as a string (static buffer). */
/* A NUL-terminated copy of s[0..n) that the test need not free (strndup in
 * STR_EQ leaked under LeakSanitizer). */
static const char *sub(const char *s, size_t n) {
    static char buf[4][256];
    static int k;
    char *b = buf[k++ & 3];
    snprintf(b, sizeof buf[0], "%.*s", (int)n, s);
    return b;
}

static const char *fold(const char *s) {
    static char out[1024];
    size_t n = 0;
    char *f = ng_fold(s, strlen(s), &n);
    if (!f) return "(null)";
    snprintf(out, sizeof out, "%.*s", (int)n, f);
    free(f);
    return out;
}

/* Tokens of text as "start-end:W|P ..." */
typedef struct tokstr { char s[2048]; size_t n; } tokstr;
static void tok_cb(size_t start, size_t end, int is_word, void *ud) {
    tokstr *t = ud;
    t->n += (size_t)snprintf(t->s + t->n, sizeof t->s - t->n, "%s%zu-%zu:%c", t->n ? " " : "", start, end,
                             is_word ? 'W' : 'P');
}
static const char *tokens(const char *s, size_t len) {
    static tokstr t;
    memset(&t, 0, sizeof t);
    ng_tokens(s, len, tok_cb, &t);
    return t.s;
}
#define TOKENS(lit) tokens(lit, sizeof(lit) - 1)

static void test_fold(void) {
    STR_EQ(fold("Ukraine"), "ukraine", "ascii");
    STR_EQ(fold("УКРАЇНА"), "україна", "cyrillic upper");
    STR_EQ(fold("Потёмкин"), "потемкин", "ё -> е");
    STR_EQ(fold("ЁЛКА"), "елка", "Ё -> е");
    STR_EQ(fold("Straße"), "strasse", "ß -> ss");
    STR_EQ(fold("STRASSE"), "strasse", "SS");
    STR_EQ(fold("ﬁnance"), "finance", "ﬁ ligature");
    STR_EQ(fold("İstanbul"), "i\xcc\x87stanbul", "İ -> i + combining dot");
    STR_EQ(fold("ＮＡＴＯ"), "nato", "fullwidth");
    STR_EQ(fold("Me\xcc\x81lenchon"), "m\xc3\xa9lenchon", "decomposed é composed");
    STR_EQ(fold("M\xc3\x89LENCHON"), "m\xc3\xa9lenchon", "É");
    STR_EQ(fold("a'b\xe2\x80\x99""c\xca\xbc""d\xe2\x80\x98""e`f\xc2\xb4g"), "a'b'c'd'e'f'g", "apostrophes");
    STR_EQ(fold("a\xe2\x80\x90""b\xe2\x80\x91""c\xe2\x80\x92""d\xe2\x80\x93""e\xe2\x80\x94""f\xe2\x80\x95""g\xe2\x88\x92h"),
           "a-b-c-d-e-f-g-h", "dashes");
    STR_EQ(fold("Мар’їнка"), "мар'їнка", "uk apostrophe");
    STR_EQ(fold("\xe2\x91\xa0"), "1", "circled one (NFKC)");
    STR_EQ(fold("Ukr\xc2\xad""aine"), "ukraine", "soft hyphen dropped");
    /* a stress mark (U+0301) after a Cyrillic letter is dropped; after a
     * Latin letter it is é's accent; и + U+0306 is й */
    STR_EQ(fold("Пу\xcc\x81тін"), "путін", "Cyrillic stress mark dropped");
    STR_EQ(fold("КИ\xcc\x81ЄВІ\xcc\x81"), "києві", "stress marks dropped, upper case");
    STR_EQ(fold("Андрі\xcc\x81и\xcc\x86"), "андрій", "stress mark beside a decomposed й");
    STR_EQ(fold("Caf\x65\xcc\x81"), "caf\xc3\xa9", "Latin e + U+0301 still é");
    STR_EQ(fold("\xcc\x81Київ"), "\xcc\x81київ", "a mark after no letter stays");
    STR_EQ(fold(""), "", "empty");
    size_t n = 99;
    char *f = ng_fold("\xff", 1, &n);
    OK(f == NULL, "invalid UTF-8 cannot be folded");
    free(f);
}

static void test_tokens(void) {
    STR_EQ(TOKENS("Ukraine's"), "0-7:W 7-8:P 8-9:W", "possessive");
    STR_EQ(TOKENS("(NATO)"), "0-1:P 1-5:W 5-6:P", "brackets");
    STR_EQ(TOKENS("«Путін»"), "0-2:P 2-12:W 12-14:P", "guillemets");
    STR_EQ(TOKENS("Ukraine-NATO"), "0-7:W 7-8:P 8-12:W", "hyphen");
    STR_EQ(TOKENS("Україна–НАТО"), "0-14:W 14-17:P 17-25:W", "en dash");
    STR_EQ(TOKENS("Ukrainelike"), "0-11:W", "one word");
    STR_EQ(TOKENS("EU28 2023"), "0-4:W 5-9:W", "digits are word characters");
    STR_EQ(TOKENS("Мар'їнка"), "0-15:W", "Cyrillic apostrophe joins");
    STR_EQ(TOKENS("Мар’їнка"), "0-17:W", "typographic apostrophe joins Cyrillic");
    STR_EQ(TOKENS("O'Brien"), "0-1:W 1-2:P 2-7:W", "Latin apostrophe separates");
    STR_EQ(TOKENS("'Київ'"), "0-1:P 1-9:W 9-10:P", "quotes around a Cyrillic word");
    STR_EQ(TOKENS("Ukr\xc2\xad""aine"), "0-9:W", "soft hyphen inside a word");
    STR_EQ(TOKENS("\xef\xbb\xbfNATO"), "3-7:W", "BOM skipped, offsets kept");
    STR_EQ(TOKENS("a\0b\xff""c\r\nd"), "0-1:W 2-3:W 4-5:W 7-8:W", "NUL, invalid byte, CRLF separate");
    STR_EQ(TOKENS("İstanbul ß ﬁ"), "0-9:W 10-12:W 13-16:W", "offsets are those of the original bytes");
    STR_EQ(TOKENS("Me\xcc\x81lenchon"), "0-11:W", "combining mark stays in the word");
    STR_EQ(TOKENS("Пу\xcc\x81тін, Ки\xcc\x81єві\xcc\x81."), "0-12:W 12-13:P 14-28:W 28-29:P",
           "stress marks inside the words' spans");
    STR_EQ(TOKENS("北京"), "0-6:W", "CJK letters");
    STR_EQ(TOKENS("a\xc2\xa0""b\xe2\x80\x83""c"), "0-1:W 3-4:W 7-8:W", "no-break and em spaces");
    STR_EQ(TOKENS("$5"), "0-1:P 1-2:W", "symbol");
    STR_EQ(TOKENS(""), "", "empty");
    STR_EQ(TOKENS("   \n\n "), "", "only spaces");
}

static void test_tokenize_flags(void) {
    ng_norm_init();
    ng_tokbuf b = {0};
    const char *s = "US Kyiv\nЗСУ\n\nmixedCase 12 \xff x";
    INT_EQ(ng_tokenize(&b, s, strlen(s)), 0, "tokenize");
    INT_EQ(b.n, 6, "tokens");
    INT_EQ(b.invalid, 1, "invalid bytes counted");
    if (b.n == 6) {
        OK((b.tok[0].flags & (TK_ALLUPPER | TK_UPPER1 | TK_LATIN | TK_ASCII)) == (TK_ALLUPPER | TK_UPPER1 | TK_LATIN | TK_ASCII), "US flags");
        OK((b.tok[1].flags & TK_UPPER1) && !(b.tok[1].flags & TK_ALLUPPER) && (b.tok[1].flags & TK_SPACE), "Kyiv flags");
        OK((b.tok[2].flags & (TK_CYR | TK_ALLUPPER | TK_NL)) == (TK_CYR | TK_ALLUPPER | TK_NL) && !(b.tok[2].flags & (TK_PARA | TK_ASCII)), "ЗСУ flags");
        OK(b.tok[3].flags & TK_PARA, "blank line: paragraph");
        OK(!(b.tok[3].flags & TK_UPPER1), "mixedCase not capitalised");
        OK((b.tok[4].flags & TK_DIGIT) && !(b.tok[4].flags & TK_ALLUPPER), "digits");
        STR_EQ(sub(b.fold + b.tok[2].fold, b.tok[2].fold_len), "зсу", "fold of ЗСУ");
        INT_EQ(b.tok[2].start, 8, "start");
        INT_EQ(b.tok[2].end, 14, "end");
        INT_EQ(b.tok[2].hash, ng_hash("зсу", strlen("зсу")), "hash of the fold");
    }
    /* folds that change the length keep the original offsets */
    ng_tokbuf_reset(&b);
    s = "İSTANBUL Straße ﬁnance";
    ng_tokenize(&b, s, strlen(s));
    INT_EQ(b.n, 3, "three words");
    if (b.n == 3) {
        INT_EQ(b.tok[0].end, 9, "İSTANBUL end");
        INT_EQ(b.tok[1].start, 10, "Straße start");
        INT_EQ(b.tok[1].end, 17, "Straße end");
        INT_EQ(b.tok[2].start, 18, "ﬁnance start");
        INT_EQ(b.tok[2].end, 26, "ﬁnance end");
        char *f = strndup(b.fold + b.tok[0].fold, b.tok[0].fold_len);
        STR_EQ(f, "i\xcc\x87stanbul", "fold of İSTANBUL");
        free(f);
        f = strndup(b.fold + b.tok[1].fold, b.tok[1].fold_len);
        STR_EQ(f, "strasse", "fold of Straße");
        free(f);
    }
    /* a 1 MB token is one long token, not looked up */
    ng_tokbuf_reset(&b);
    size_t big = 1u << 20;
    char *w = malloc(big + 4);
    memset(w, 'a', big);
    memcpy(w + big, " EU", 3);
    INT_EQ(ng_tokenize(&b, w, big + 3), 0, "1 MB token");
    INT_EQ(b.n, 2, "two tokens");
    if (b.n == 2) {
        OK(b.tok[0].flags & TK_LONG, "long token flagged");
        INT_EQ(b.tok[0].end, big, "long token end");
        INT_EQ(b.tok[1].start, big + 1, "next token start");
    }
    /* a long Cyrillic token too */
    ng_tokbuf_reset(&b);
    for (size_t i = 0; i + 1 < big; i += 2) { w[i] = (char)0xD0; w[i + 1] = (char)0xB0; }
    INT_EQ(ng_tokenize(&b, w, big), 0, "1 MB Cyrillic token");
    INT_EQ(b.n, 1, "one token");
    if (b.n) OK(b.tok[0].flags & TK_LONG, "long");
    free(w);
    ng_tokbuf_free(&b);
}

static void test_cased(void) {
    char *o = NULL;
    size_t n = 0;
    INT_EQ(ng_norm_cased("ＮＡＴＯ", strlen("ＮＡＴＯ"), &o, &n), 0, "cased");
    STR_EQ(o ? sub(o, n) : NULL, "NATO", "fullwidth to NATO, case kept");
    free(o);
    INT_EQ(ng_norm_cased("NA\xc2\xadTO", 6, &o, &n), 0, "cased");
    STR_EQ(o ? sub(o, n) : NULL, "NATO", "soft hyphen dropped");
    free(o);
    INT_EQ(ng_norm_cased("Straße", strlen("Straße"), &o, &n), 0, "cased");
    STR_EQ(o ? sub(o, n) : NULL, "Straße", "no case folding");
    free(o);
    INT_EQ(ng_norm_cased("Майда\xcc\x81н", strlen("Майда\xcc\x81н"), &o, &n), 0, "cased");
    STR_EQ(o ? sub(o, n) : NULL, "Майдан", "stress mark dropped, case kept");
    free(o);
    INT_EQ(ng_norm_cased("O’Brien", strlen("O’Brien"), &o, &n), 0, "cased");
    STR_EQ(o ? sub(o, n) : NULL, "O'Brien", "apostrophe unified");
    free(o);
}

/* ng_drop_ignorable of s, as a string */
static const char *dropped(const char *s) {
    static char buf[256];
    size_t n = strlen(s);
    memcpy(buf, s, n);
    buf[ng_drop_ignorable(buf, n)] = 0;
    return buf;
}

static void test_drop_ignorable(void) {
    STR_EQ(dropped("Kyiv"), "Kyiv", "ASCII unchanged");
    STR_EQ(dropped("Реб\xc2\xadров"), "Ребров", "soft hyphen");
    STR_EQ(dropped("\xef\xbb\xbfМель\xe2\x80\x8bник\xe2\x80\x8e"), "Мельник", "BOM, ZWSP, LRM");
    STR_EQ(dropped("Ка\xcc\x81рпенко"), "Карпенко", "Cyrillic stress mark");
    STR_EQ(dropped("Me\xcc\x81lenchon"), "Me\xcc\x81lenchon", "Latin accent kept");
    STR_EQ(dropped("Сергі\xcc\x86"), "Сергі\xcc\x86", "breve (й) kept");
    /* the scan for the first character to drop, then the copy after it */
    STR_EQ(dropped("\xffКа\xcc\x81р"), "\xffКар", "invalid byte before a stress mark");
    STR_EQ(dropped("\xcc\x81Київ"), "\xcc\x81Київ", "a mark first is no stress mark");
    STR_EQ(dropped("Ки\xc2\xad\xc2\xadї\xe2\x80\x8bв"), "Київ", "three to drop");
    STR_EQ(dropped("Ки\xc2\xad\xd0"), "Ки\xd0", "a truncated character after one dropped is kept");
    STR_EQ(dropped("Ки\xc2\xad\xff\xcc\x81в"), "Ки\xff\xcc\x81в", "no stress mark after an invalid byte");
}


/* The valid prefix as ng_utf8_decode reads it, character by character:
 * the reference of ng_utf8_valid_prefix's inline and SSE2 paths. */
static size_t decode_prefix(const unsigned char *buf, size_t n) {
    size_t want = 0;
    while (want < n) {
        int32_t cp;
        int l = ng_utf8_decode(buf + want, n - want, &cp);
        if (l < 0) break;
        want += (size_t)l;
    }
    return want;
}

static void xorshift(unsigned long long *x) {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
}
static void test_utf8(void) {
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"a", 1), 1, "ascii");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xd0\x9a", 2), 2, "К");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xe2\x80\x99", 3), 3, "’");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xf0\x9f\x87\xba", 4), 4, "regional indicator");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xc0\xaf", 2), -1, "overlong");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xe0\x80\xaf", 3), -1, "overlong 3");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xed\xa0\x80", 3), -1, "surrogate");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xf4\x90\x80\x80", 4), -1, "above U+10FFFF");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xe2\x80", 2), -1, "truncated");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xd0\x9a", 1), -1, "truncated by len");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\x80", 1), -1, "lone continuation");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"\xff", 1), -1, "0xFF");
    INT_EQ(ng_utf8_valid_len((const unsigned char *)"", 0), -1, "empty");
    /* the valid prefix: the whole when valid, up to the first bad sequence */
    INT_EQ((int)ng_utf8_valid_prefix("", 0), 0, "prefix of nothing");
    INT_EQ((int)ng_utf8_valid_prefix("Kyiv \xd0\x9a\xd0\xb8", 9), 9, "valid whole");
    INT_EQ((int)ng_utf8_valid_prefix("Kyiv\xff", 5), 4, "bad byte at the end");
    INT_EQ((int)ng_utf8_valid_prefix("\xd0\x9a\xd0", 3), 2, "truncated at the end");
    INT_EQ((int)ng_utf8_valid_prefix("a\xed\xa0\x80" "b", 5), 1, "surrogate");
    INT_EQ((int)ng_utf8_valid_prefix("a\0b", 3), 3, "NUL is valid UTF-8");
    /* the 16-byte ASCII steps: a bad byte or a character at every place
     * of a 48-byte text, and texts cut at every length */
    {
        char buf[64];
        int bad = 0;
        for (size_t at = 0; at < 48; at++) {
            memset(buf, 'a', 48);
            buf[at] = (char)0xff;
            if (ng_utf8_valid_prefix(buf, 48) != at) bad++;
            if (at + 1 < 48) {
                buf[at] = (char)0xd0;
                buf[at + 1] = (char)0x9a;
                if (ng_utf8_valid_prefix(buf, 48) != 48 || ng_utf8_valid_prefix(buf, at + 1) != at) bad++;
            }
            memset(buf, 'a', 48);
            if (ng_utf8_valid_prefix(buf, at) != at) bad++;
        }
        INT_EQ(bad, 0, "a bad byte found at each place of ASCII runs");
    }
    /* the inline two- and three-byte paths: the prefix ng_utf8_decode
     * gives, character by character, on random byte strings drawn from
     * lead bytes, continuation bytes, the edges of the valid ranges
     * (C1/C2, E0 9F/A0, ED 9F/A0, F4 8F/90) and ASCII */
    {
        static const unsigned char pool[] = {'a', ' ', 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
                                             0xd0, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
        unsigned long long x = 88172645463325252ull;
        int bad = 0;
        for (int round = 0; round < 200000; round++) {
            unsigned char buf[12];
            xorshift(&x);
            size_t n = (size_t)(x % 12);
            for (size_t k = 0; k < n; k++) {
                xorshift(&x);
                buf[k] = pool[x % sizeof pool];
            }
            if (ng_utf8_valid_prefix((const char *)buf, n) != decode_prefix(buf, n)) bad++;
        }
        INT_EQ(bad, 0, "the valid prefix is ng_utf8_decode's on 200,000 random strings");
        /* and the sixteen-byte blocks: texts of up to 80 bytes made of
         * ASCII, two-, three- and four-byte characters, one byte of each
         * in eight replaced by an edge byte (a block cut at any place, a
         * lead byte last in a block) */
        static const char *const chars[] = {"a", " ", "\xd0\x9a", "\xd1\x97", "\xc2\xab", "\xdf\xbf",
                                            "\xe2\x80\x9c", "\xf0\x9f\x87\xba"};
        bad = 0;
        for (int round = 0; round < 200000; round++) {
            unsigned char buf[96];
            size_t n = 0;
            xorshift(&x);
            size_t want_len = (size_t)(x % 81);
            while (n < want_len) {
                xorshift(&x);
                const char *ch = chars[x % 8];
                size_t cl = strlen(ch);
                if (n + cl > want_len) break;
                memcpy(buf + n, ch, cl);
                n += cl;
            }
            xorshift(&x);
            if (n && x % 8 == 0) buf[(x >> 8) % n] = pool[(x >> 20) % sizeof pool];
            if (ng_utf8_valid_prefix((const char *)buf, n) != decode_prefix(buf, n)) bad++;
        }
        INT_EQ(bad, 0, "the valid prefix is ng_utf8_decode's on 200,000 random texts of whole characters");
    }
}

/* ASCII is folded without utf8proc: the same bytes as utf8proc gives. The
 * oracle: a string that starts with é goes through utf8proc, and é
 * combines with no ASCII character after it, so its fold is fold(é)
 * followed by the fold of the ASCII rest. Every character alone, then
 * random strings; both foldings, case folded or not (ng_norm_cased). */
static int fold_cmp(const char *s, size_t len, int version, int cased) {
    char with[300], *a = NULL, *b = NULL, *e = NULL;
    size_t na = 0, nb = 0, ne = 0;
    memcpy(with, "\xc3\xa9", 2);
    memcpy(with + 2, s, len);
    int ok;
    if (cased) {
        ok = !ng_norm_cased(s, len, &a, &na) && !ng_norm_cased(with, len + 2, &b, &nb) && !ng_norm_cased("\xc3\xa9", 2, &e, &ne);
    } else {
        a = ng_fold_version(s, len, version, &na);
        b = ng_fold_version(with, len + 2, version, &nb);
        e = ng_fold_version("\xc3\xa9", 2, version, &ne);
        ok = a && b && e;
    }
    ok = ok && nb == ne + na && !memcmp(b, e, ne) && !memcmp(b + ne, a, na) && a[na] == 0;
    free(a); free(b); free(e);
    return ok;
}

static void test_fold_ascii(void) {
    int bad = 0, n = 0;
    for (int v = NG_FOLD_V1; v <= NG_FOLD + 1; v++) {   /* NG_FOLD + 1: ng_norm_cased */
        for (int c = 1; c < 128; c++) {
            char s[3] = {'a', (char)c, 'Z'};
            bad += !fold_cmp(s, 3, v > NG_FOLD ? NG_FOLD : v, v > NG_FOLD);
            n++;
        }
        unsigned long long x = 2463534242ULL;
        for (int k = 0; k < 3000; k++) {
            char s[64];
            xorshift(&x);
            size_t len = x % 40;
            for (size_t i = 0; i < len; i++) {
                xorshift(&x);
                s[i] = (char)(1 + x % 127);
            }
            bad += !fold_cmp(s, len, v > NG_FOLD ? NG_FOLD : v, v > NG_FOLD);
            n++;
        }
    }
    INT_EQ(bad, 0, "ASCII folded as utf8proc folds it (%d strings)", n);
    size_t l = 0;
    char *f = ng_fold_version("O'Brien-Smith `x` NATO", 22, NG_FOLD, &l);
    STR_EQ(f, "o'brien-smith 'x' nato", "ASCII fold (a backquote is an apostrophe)");
    free(f);
}

/* ng_hash in steps (ng_hash_upto, ng_hash_done): the value of ng_hash,
 * whatever the steps, for texts short and long (the article's hash is so
 * computed while a big article's chunks are matched). */
static void test_hash_steps(void) {
    static char s[5000];
    for (size_t i = 0; i < sizeof s; i++) s[i] = (char)(i * 2654435761u >> 13);
    const size_t lens[] = {0, 1, 8, 15, 16, 17, 31, 32, 33, 47, 48, 49, 100, 1000, 4096, 4999};
    const size_t steps[] = {1, 7, 16, 17, 333, 100000};
    int same = 1;
    for (size_t li = 0; li < sizeof lens / sizeof *lens; li++)
        for (size_t si = 0; si < sizeof steps / sizeof *steps; si++) {
            size_t len = lens[li];
            ng_hstate st = {0, 0};
            for (size_t at = 0; at < len; at += steps[si]) ng_hash_upto(&st, s, len, at);
            ng_hash_upto(&st, s, len, len + 100);   /* past the end: as the end */
            uint64_t h = ng_hash_done(&st, s, len);
            if (h != ng_hash(s, len)) { OK(0, "len %zu, steps of %zu: %llx", len, steps[si], (unsigned long long)h); same = 0; }
        }
    OK(same, "ng_hash in steps is ng_hash");
    ng_hstate none = {0, 0};
    INT_EQ(ng_hash_done(&none, s, 4999) == ng_hash(s, 4999), 1, "done without steps");
}

/* ng_quoted: the first quotation of a text, the quotations inside it kept
 * whole, as "qa-qb:end text" (or "none"). */
static const char *quoted(const char *s) {
    static char out[512];
    size_t qa = 0, qb = 0, end = ng_quoted(s, strlen(s), &qa, &qb);
    if (!end) return "none";
    snprintf(out, sizeof out, "%zu:%s", end, sub(s + qa, qb - qa));
    return out;
}
static void test_quoted(void) {
    STR_EQ(quoted("ТОВ «Ромашка»"), "25:Ромашка", "guillemets");
    STR_EQ(quoted("бригада «Магура» ЗСУ"), "31:Магура", "a quotation inside");
    STR_EQ(quoted("ТОВ «Шахта «Моспінська»»"), "46:Шахта «Моспінська»", "nested guillemets");
    STR_EQ(quoted("ТОВ “Шахта “Моспінська”"), "47:Шахта “Моспінська”", "“ after a space opens; open at the end");
    STR_EQ(quoted("ТОВ «Будівельна компанія “Етерна”»"), "67:Будівельна компанія “Етерна”", "“ ” inside « »");
    STR_EQ(quoted("ТОВ \"Шахта \"Моспінська\"\""), "42:Шахта \"Моспінська\"", "straight quotes nested");
    STR_EQ(quoted("\"Ромашка\" і \"Бета\""), "16:Ромашка", "the first of two");
    STR_EQ(quoted("газета „Дзеркало тижня“"), "46:Дзеркало тижня", "„ closed by “");
    STR_EQ(quoted("газета „День” пише"), "27:День", "„ closed by ”");
    STR_EQ(quoted("the “ Daily ” news"), "17:Daily", "trimmed");
    STR_EQ(quoted("ТОВ «Ромашка"), "none", "never closed");
    STR_EQ(quoted("ТОВ « »"), "none", "only a space");
    STR_EQ(quoted("ТОВ Ромашка»"), "none", "no opening mark");
    STR_EQ(quoted(""), "none", "empty");
    int dir = 0;
    INT_EQ((int)ng_quote_mark("\xe2\x80", 2, &dir), 0, "a cut mark is none");
    INT_EQ((int)ng_quote_mark("\xe2\x80\x9c", 3, &dir), 3, "“ is a mark");
    INT_EQ(dir, NG_QUOTE_OPENS | NG_QUOTE_CLOSES, "“ either way");
}

int main(void) {
    test_hash_steps();
    test_fold();
    test_fold_ascii();
    test_tokens();
    test_tokenize_flags();
    test_cased();
    test_drop_ignorable();
    test_utf8();
    test_quoted();
    return harness_done("test_norm");
}
