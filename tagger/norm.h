/* Internal: character classes, folding and tokenisation. The dictionary
 * compiler and the matcher both tokenise through ng_tokenize(), so an alias
 * and the text that names it always produce the same tokens. */
#ifndef NG_NORM_H
#define NG_NORM_H
#include <stddef.h>
#include <stdint.h>

/* Longest folded token that can be looked up; longer ones never match. */
#define NG_MAX_TOKEN 255

enum {
    TK_WORD = 1 << 0,     /* letters, digits, marks */
    TK_PUNCT = 1 << 1,    /* one punctuation or symbol character */
    TK_UPPER1 = 1 << 2,   /* first letter is upper or title case */
    TK_ALLUPPER = 1 << 3, /* has letters, none lower case */
    TK_CYR = 1 << 4,      /* contains Cyrillic letters */
    TK_LATIN = 1 << 5,    /* contains Latin letters */
    TK_DIGIT = 1 << 6,    /* contains digits */
    TK_NL = 1 << 7,       /* a line break precedes it */
    TK_PARA = 1 << 8,     /* a blank line precedes it (new paragraph) */
    TK_LONG = 1 << 9,     /* too long to look up (no fold stored) */
    TK_ASCII = 1 << 10,   /* all bytes ASCII */
    TK_SPACE = 1 << 11    /* white space (or a separator) precedes it */
};

typedef struct ng_token {
    uint32_t start, end;   /* byte offsets into the tokenised text */
    uint32_t fold;         /* offset of the folded form in the fold buffer */
    uint16_t fold_len;
    uint16_t flags;        /* TK_* */
    uint64_t hash;         /* hash of the folded form (ng_hash) */
} ng_token;

typedef struct ng_tokbuf {
    ng_token *tok;
    size_t n, cap;
    char *fold;            /* folded forms, not NUL-terminated */
    size_t fold_len, fold_cap;
    size_t invalid;        /* invalid UTF-8 bytes seen (skipped as separators) */
    size_t count_from, count_to;   /* when count_to: only those at offsets [count_from, count_to)
                                    * count (a chunk's own, not its context's; ng_tokbuf_reset: all) */
    uint32_t *caps;        /* indexes of the words that may start a name, in order (cap
                            * entries): TK_UPPER1, or an ASCII digit first (a unit's
                            * number: 47-ма бригада, the 47th Brigade) */
    size_t ncaps;
} ng_tokbuf;

void ng_norm_init(void);   /* idempotent, thread-safe */
uint64_t ng_hash(const char *s, size_t len);
/* ng_hash(s, len) of a long text in steps, while the text is read (it
 * stays readable whole): ng_hash_upto hashes what lies before 'upto' (calls
 * with growing 'upto'), ng_hash_done the rest and gives ng_hash's value.
 * Start from a zeroed state. */
typedef struct ng_hstate { uint64_t h; size_t pos; } ng_hstate;
void ng_hash_upto(ng_hstate *st, const char *s, size_t len, size_t upto);
uint64_t ng_hash_done(ng_hstate *st, const char *s, size_t len);

/* Tokenises text[0..len) into b (appending; call ng_tokbuf_reset first).
 * Returns 0 or NG_E_NOMEM. */
int ng_tokenize(ng_tokbuf *b, const char *text, size_t len);
void ng_tokbuf_reset(ng_tokbuf *b);
void ng_tokbuf_free(ng_tokbuf *b);

/* NFKC (no case folding) of one token's bytes, with apostrophes and dashes
 * unified, written to out (malloc'd, *outlen set). Used to check
 * case-sensitive aliases. Returns 0 or a negative code. */
int ng_norm_cased(const char *s, size_t len, char **out, size_t *outlen);

/* Drops, in place, the characters that matching ignores from s[0..len):
 * format characters (soft hyphen, zero-width space, bidi marks, BOM) and
 * stress marks after Cyrillic letters, so that a name taken from the text
 * reads as written without them. Returns the new length (no NUL added). */
size_t ng_drop_ignorable(char *s, size_t len);

/* Folding versions. NG_FOLD: ng_fold's, the matcher's (NFKC, case fold,
 * default-ignorable characters and stress marks (U+0301 after a Cyrillic
 * letter) removed, ё → е, apostrophes and dashes
 * unified). NG_FOLD_V1: the graph store's folding of alias.norm before it
 * used the tagger's (databases without meta 'fold', graph/README.md): NFKC
 * and case fold, ё → е and U+2019 → ' only. */
enum { NG_FOLD_V1 = 1, NG_FOLD = 2 };
/* ng_fold in the given version: malloc'd, NULL on invalid UTF-8 or no memory. */
char *ng_fold_version(const char *s, size_t len, int version, size_t *outlen);

/* Quotation marks: « and „ open, » and ” close, “ and " do either (which,
 * the spaces around them tell). ng_quote_mark: the length of the mark that
 * s[0, n) starts with, its direction in *dir (NG_QUOTE_OPENS, _CLOSES, or
 * both); 0 when s starts with none. */
enum { NG_QUOTE_OPENS = 1, NG_QUOTE_CLOSES = 2 };
static inline size_t ng_quote_mark(const char *s, size_t n, int *dir) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && u[0] == '"') { *dir = NG_QUOTE_OPENS | NG_QUOTE_CLOSES; return 1; }
    if (n >= 2 && u[0] == 0xc2 && (u[1] == 0xab || u[1] == 0xbb)) {
        *dir = u[1] == 0xab ? NG_QUOTE_OPENS : NG_QUOTE_CLOSES;
        return 2;
    }
    if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x9c && u[2] <= 0x9e) {
        *dir = u[2] == 0x9e ? NG_QUOTE_OPENS : u[2] == 0x9d ? NG_QUOTE_CLOSES : NG_QUOTE_OPENS | NG_QUOTE_CLOSES;
        return 3;
    }
    return 0;
}
/* The first quotation of s[0, len): what stands between its first opening
 * mark and the mark that closes it, quotations opened inside kept whole
 * ("ТОВ «Шахта «Моспінська»»": Шахта «Моспінська»; a “ or " opens one
 * after a space and before a non-space, and closes otherwise), trimmed of
 * white space: its bounds in *qa, *qb. A quotation still open at the end of
 * s, s ending in a closing mark, runs to the end (ТОВ “Шахта “Моспінська”:
 * Шахта “Моспінська”). Returns the offset just past its closing mark (len
 * when it runs to the end), 0 when s has none or it holds only spaces. */
size_t ng_quoted(const char *s, size_t len, size_t *qa, size_t *qb);

/* Decodes one UTF-8 code point; returns its length (1-4) or -1 if invalid. */
int ng_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);
#endif
