/* newsgraph tagger: dictionary-driven named-entity tagging with exact offsets.
 *
 * Conventions (the whole project follows them):
 *  - Every function that can fail returns an int status: NG_OK (0) or a
 *    negative NG_E_* code. When an 'ng_error *err' argument is not NULL it is
 *    filled with the code, a location (file, line, column; 0 when unknown)
 *    and a message. The library never prints and never exits.
 *  - x_new()/x_free() pairs; every x_free(NULL) is a no-op.
 *  - Strings are UTF-8. Offsets are byte offsets into the caller's original
 *    input, end exclusive.
 *
 * Usage:
 *     ng_dict_builder *b = ng_dict_builder_new();
 *     ng_dict_builder_add_file(b, "people.tsv", &err);
 *     ng_dict *d; ng_dict_builder_finish(b, &d, &err); ng_dict_builder_free(b);
 *     ng_tagger *t = ng_tagger_new(&d, 1, NG_TAG_DEFAULT);
 *     const ng_match *m; size_t n;
 *     ng_tagger_tag(t, text, len, &m, &n);   // m[i].start, m[i].id ...
 *     ng_tagger_free(t); ng_dict_free(d);
 */
#ifndef NG_TAGGER_H
#define NG_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"

/* ## Dictionaries
 *
 * TSV format (dictionaries/README.md): id TAB type TAB name [TAB aliases
 * [TAB key=value ...]]; aliases separated by '|'. A builder collects any
 * number of files, then compiles them into an immutable ng_dict that can be
 * saved as a binary image and memory-mapped later.
 */
typedef struct ng_dict ng_dict;
typedef struct ng_dict_builder ng_dict_builder;

ng_dict_builder *ng_dict_builder_new(void);
void ng_dict_builder_free(ng_dict_builder *b);

/* Parses TSV text 'data' (length 'len'; 'name' is used in messages).
 * All or nothing: on error nothing of this text stays in the builder. */
int ng_dict_builder_add_tsv(ng_dict_builder *b, const char *name,
                            const char *data, size_t len, ng_error *err);
/* Reads and parses a TSV file (see ng_dict_builder_add_tsv). */
int ng_dict_builder_add_file(ng_dict_builder *b, const char *path, ng_error *err);

/* For tools that write dictionaries: would the TSV loader take s[0..len),
 * written in the aliases column, as one plain alias? 0 when it is not
 * valid UTF-8, holds a control character (tab, CR, LF, NUL, DEL, C1: the
 * loader refuses them in a line) or a '|', has no letter or digit, starts
 * (after spaces, which the loader trims) with a marker ('=' exact, '~'
 * case-insensitive, '^' capitalised) or with an attribute ("lang=...",
 * "case=...", which the loader refuses there); else 1. */
int ng_dict_alias_plain(const char *s, size_t len);
/* The same for the name column: 0 when s[0..len) is not valid UTF-8,
 * holds a control character or has no letter or digit; else 1. */
int ng_dict_name_plain(const char *s, size_t len);

/* Compiles what was added into a new dictionary stored in '*out' (free with
 * ng_dict_free). The builder stays valid and unchanged. */
int ng_dict_builder_finish(ng_dict_builder *b, ng_dict **out, ng_error *err);

/* Writes the compiled image of 'd' to 'path' (atomically: temp file + rename). */
int ng_dict_save(const ng_dict *d, const char *path, ng_error *err);

/* Opens 'path': a compiled image (memory-mapped, verified) or, if the file
 * does not start with the image magic, a TSV file compiled in memory. */
int ng_dict_open(const char *path, ng_dict **out, ng_error *err);

/* As ng_dict_open, with a record of the images verified before: 'record'
 * names a file (NULL: none) that this function reads and, after verifying
 * an image whole, rewrites (atomically, best effort: errors only cost the
 * next open a verification; its directory must exist). An image listed
 * there with the same device, inode, size, modification and change times
 * and header checksum is opened without reading it whole: its header and
 * section table are checked, its checksum and indexes are not (they were,
 * and any write to the file since would have changed its change time). An
 * image changed less than two seconds before it was opened is verified but
 * not listed. */
int ng_dict_open_recorded(const char *path, const char *record, ng_dict **out, ng_error *err);
/* 1 if d was opened on the strength of the record (not verified whole), else 0. */
int ng_dict_trusted(const ng_dict *d);

/* Opens a compiled image held in memory (copied). */
int ng_dict_open_image(const void *data, size_t len, const char *name,
                       ng_dict **out, ng_error *err);

/* Returns 1 if the file starts with the compiled-image magic, 0 if not, <0 on I/O error. */
int ng_dict_is_image(const char *path);

void ng_dict_free(ng_dict *d);

/* Counts. */
size_t ng_dict_entity_count(const ng_dict *d);
size_t ng_dict_alias_count(const ng_dict *d);

/* Entity i (0 <= i < ng_dict_entity_count). Strings are owned by the dictionary. */
typedef struct ng_entity {
    const char *id;
    const char *type;
    const char *name;
    const char *attrs;    /* "key=value\tkey=value" as written, "" if none */
    int priority;         /* attribute priority=N, default 0 */
} ng_entity;
int ng_dict_entity(const ng_dict *d, size_t i, ng_entity *out);
/* Looks up an entity by id; returns its index or -1. */
long ng_dict_find_id(const ng_dict *d, const char *id);
/* Checks the ids that two dictionaries share: an id is one entity, so its
 * type must be the same in both. NG_OK, or NG_E_FORMAT for the first id
 * whose types differ (err names 'later_name' and the id, both types and
 * 'earlier_name'). The smaller dictionary's ids are looked up in the other. */
int ng_dict_check_types(const ng_dict *earlier, const char *earlier_name, const ng_dict *later,
                        const char *later_name, ng_error *err);
/* Visits the aliases of entity i as written in the source (name first). */
typedef void (*ng_alias_fn)(const char *alias, void *userdata);
void ng_dict_entity_aliases(const ng_dict *d, size_t i, ng_alias_fn fn, void *userdata);

/* ## Tagging */
typedef struct ng_tagger ng_tagger;

enum {
    NG_TAG_DEFAULT = 0,
    NG_TAG_ALL = 1 << 0,        /* report every overlapping candidate span */
    NG_TAG_NO_INFLECT = 1 << 1, /* match dictionary forms only */
    NG_TAG_NO_RULES = 1 << 2,   /* no person-name rules */
    NG_TAG_NO_PARTIAL = 1 << 3, /* no surname-only / short-form resolution */
    NG_TAG_NO_CONTEXT = 1 << 4, /* no article-context disambiguation */
    NG_TAG_NO_ACRONYMS = 1 << 6, /* no acronyms defined in the article ("Full Name (ACR)"),
                                    no Cyrillic capitals as organisations (rule K: ВАСУ) */
    NG_TAG_NO_PLACE_RULES = 1 << 7, /* no place rules (areas, rivers, streets: Бучанського району) */
    NG_TAG_NO_SURNAMES = 1 << 8, /* no Cyrillic surname alone by its ending (rule U: "заявив Ляшко",
                                    "Левченко вперто опирався"), no name the article repeats (rule P:
                                    "обірвав Анісімов"), no surname first with a declined given name
                                    and a patronymic ("Слєпченку Андрію Валерійовичу") */
    NG_TAG_NO_ORG_RULES = 1 << 5 /* no organisation rules (quoted names, legal forms,
                                    organisation words; tagger/NAMES.md) */
};

/* One candidate entity for a span. Strings owned by a dictionary or the tagger. */
typedef struct ng_candidate {
    const char *id;
    const char *type;
    const char *name;
} ng_candidate;

enum {
    NG_MATCH_INFLECTED = 1 << 0, /* the span is an inflected form of an alias */
    NG_MATCH_AMBIGUOUS = 1 << 1, /* several candidates; 'id' is the chosen one */
    NG_MATCH_RULE = 1 << 2,      /* found by a name rule, not a dictionary
                                  * (which rule: ng_match.rule) */
    NG_MATCH_PARTIAL = 1 << 3,   /* partial name resolved within the article */
    NG_MATCH_OVERLAP = 1 << 4,   /* (NG_TAG_ALL) overlaps a chosen match */
    NG_MATCH_NOMINATIVE = 1 << 5 /* (rule persons) every word is in the nominative
                                  * as written: 'name' is the text of the span
                                  * (without a title); otherwise 'name' is a
                                  * nominative guess (tagger/NAMES.md) */
};

/* The rule that found a match flagged NG_MATCH_RULE (tagger/NAMES.md;
 * ng_rule_name gives each a short description). */
typedef enum ng_rule {
    NG_RULE_NONE = 0,           /* not a rule match */
    NG_RULE_GIVEN_SURNAME,      /* given name (+ middle parts) + surname: Jens Stoltenberg */
    NG_RULE_GIVEN_PATRONYMIC,   /* given name + patronymic: Володимир Олександрович */
    NG_RULE_INITIALS,           /* initials + surname: J. R. R. Tolkien, В. Зеленський */
    NG_RULE_TITLE,              /* surname after a title: President Clinton, президент Зеленський */
    NG_RULE_SURNAME_FIRST,      /* surname + given name (uk, ru): Шевчук Олександр */
    NG_RULE_ORG_LEGAL_QUOTED,   /* legal form + quoted name: ТОВ «Ромашка» */
    NG_RULE_ORG_QUOTED,         /* quoted name after an organisation word: компанія «Нова пошта» */
    NG_RULE_ORG_OF,             /* word + of + capitalised words: Bank of England */
    NG_RULE_ORG_ENGLISH,        /* capitalised words + organisation word or legal form: Acme Corp. */
    NG_RULE_ORG_HEAD,           /* organisation head + words + place: Служба безпеки України */
    NG_RULE_ORG_ADJECTIVE,      /* adjectives + organisation head: Київська міська рада */
    NG_RULE_GIVEN_ALONE,        /* a given name alone that names no one else in the article (uk, ru): Андрій */
    NG_RULE_ORG_LATIN,          /* Latin capitalised words in Cyrillic text: компанія Samsung */
    NG_RULE_ORG_NAMED,          /* organisation word + імені + name: Театр імені Лесі Українки */
    NG_RULE_PLACE_AREA,         /* place adjective + район / громада / округ / повіт / губернія ...: Бучанського району */
    NG_RULE_PLACE_RIVER,        /* річка / река + name: річки Рось (the name) */
    NG_RULE_PLACE_STREET,       /* street noun + name: вулиці Івасюка, вул. Франка */
    NG_RULE_ORG_GENITIVE,       /* capitalised organisation word + genitive words: Міністерства внутрішніх справ */
    NG_RULE_PLACE_PART,         /* compass adjective + place: Західної України, Восточной Сибири */
    NG_RULE_ORG_QUOTED_ALONE,   /* a quoted name alone in Ukrainian text: тендер «Харківобленерго» */
    NG_RULE_PLACE_SETTLEMENT,   /* settlement noun + name: у селі Кожичі, смт Кіровське (the name) */
    NG_RULE_ORG_ACRONYM,        /* Cyrillic capitals no list knows, in a sentence: рішення ВАСУ, Диканське ГМРП */
    NG_RULE_SURNAME_ALONE,      /* a Cyrillic surname alone by its ending (-енко, -чук, -юк; -ко): заявив Ляшко */
    NG_RULE_TEAM,               /* a team no list knows on a results line: Wigan 78 Workington 4 */
    NG_RULE_COUNTRY,            /* a name before its country in parentheses: Lance Armstrong ( U.S. ) */
    NG_RULE_SCORER,             /* a scorer before the minute: ( Faber 32nd , Nilis 63rd ) */
    NG_RULE_PLAYERS,            /* players of a scorecard, squad or leaderboard: M. Atherton c Saeed Anwar b Waqar Younis 12 */
    NG_RULE_DICT_FORM,          /* a dictionary name in a form it does not list: «Батьківщини», Коста Рика */
    NG_RULE_PLACE_REGION,       /* a region in -щина / -ччина no list knows: на Калущині, Смоленщине */
    NG_RULE_ORG_UNIT,           /* a military unit by its number: 47-ма окрема механізована бригада, 47 ОМБр */
    NG_RULE_PLACE_DATELINE,     /* the place of a dateline: TAVILDARA , Tajikistan 1996-08-30; KYIV, Dec 7 (Reuters) */
    NG_RULE_ORG_INSTITUTION,    /* an institution by its word alone, the article's: the Senate, the Treasury, Міністерство */
    NG_RULE_NAME_REPEATED,      /* a capitalised Cyrillic word the article repeats inside sentences: сказав Анісімов */
    NG_RULE_COUNT
} ng_rule;

/* A short English description of 'rule' ("initials + surname"); "" for
 * NG_RULE_NONE or an unknown value. Static storage. */
const char *ng_rule_name(unsigned rule);

typedef struct ng_match {
    size_t start, end;          /* byte offsets into the field's text */
    unsigned field;             /* index of the field (ng_tagger_tag_doc) */
    const char *id, *type, *name; /* the chosen entity */
    unsigned flags;             /* NG_MATCH_* */
    const ng_candidate *cands;  /* all candidates, chosen one first */
    size_t ncands;
    unsigned rule;              /* ng_rule: which rule found it (NG_MATCH_RULE) */
} ng_match;

/* Creates a tagger over 'ndicts' dictionaries, which it borrows: they must
 * outlive it. A tagger is not thread-safe; use one per thread (dictionaries
 * are read-only and can be shared). Returns NULL on allocation failure. */
ng_tagger *ng_tagger_new(ng_dict *const *dicts, size_t ndicts, unsigned flags);
void ng_tagger_free(ng_tagger *t);
void ng_tagger_set_flags(ng_tagger *t, unsigned flags);
/* Lets one article be matched by up to 'n' threads (large texts are cut into
 * 1 MiB chunks at paragraph, line or word breaks). Default 1. */
int ng_tagger_set_threads(ng_tagger *t, unsigned n);

/* Tags one article made of 'nfields' texts (e.g. title and body), sharing
 * article context between them. On success '*out' points to '*n' matches in
 * (field, start) order, owned by the tagger and valid until its next call.
 * Invalid UTF-8 is matched around; '*n_invalid' (if not NULL) receives the
 * number of invalid bytes seen. */
int ng_tagger_tag_doc(ng_tagger *t, const char *const *texts, const size_t *lens,
                      size_t nfields, const ng_match **out, size_t *n,
                      size_t *n_invalid);
/* One field. */
int ng_tagger_tag(ng_tagger *t, const char *text, size_t len,
                  const ng_match **out, size_t *n);

/* Copies 'n' matches and every string they point to (id, type, name) into
 * one new block: the copy no longer depends on the tagger or its
 * dictionaries (matches from ng_tagger_tag_doc point into the tagger's
 * per-article storage, which its next call overwrites). Candidates are not
 * copied ('cands' NULL, 'ncands' 0). Release with free(). Returns NULL on
 * allocation failure (and for n == 0 a block that holds nothing). */
ng_match *ng_matches_copy(const ng_match *m, size_t n);

/* ## Given names (person-name rules, tagger/NAMES.md)
 *
 *     ng_namelist *nl = ng_namelist_new();
 *     ng_namelist_add_file(nl, "dictionaries/names", &err);  // given-*.txt
 *     ng_tagger_set_names(t, nl);       // borrowed: nl must outlive t
 *     ...                               // tag: "Олександром Петренком" is PER
 *     ng_tagger_free(t); ng_namelist_free(nl);
 *
 * A name list is read-only once taggers use it and can be shared by any
 * number of them. Without one, the rules still use initials and titles. */
typedef struct ng_namelist ng_namelist;

enum { NG_NAMES_ANY = 0, NG_NAMES_UK = 1, NG_NAMES_RU = 2 };

ng_namelist *ng_namelist_new(void);   /* NULL on allocation failure */
void ng_namelist_free(ng_namelist *nl);
/* Adds one given name in the nominative (Cyrillic names get their case
 * forms; 'lang' NG_NAMES_* picks the rule set, ANY: decided from letters).
 * A '|'-separated group ("Oleksandr|Олександр|Александр|Alexander") adds
 * each spelling, and all of them give the key of the first in rule ids. */
int ng_namelist_add(ng_namelist *nl, const char *name, size_t len, int lang);
/* Adds a list: one name (or '|' group) a line, '#' comments. A directory
 * adds its given*.txt files (sorted); a file name containing "-uk"/"-ru"
 * sets the language. A compiled list (ng_namelist_save) is read as such. */
int ng_namelist_add_file(ng_namelist *nl, const char *path, ng_error *err);
/* As ng_namelist_add_file, with the record of files verified before (as
 * ng_dict_open_recorded's, and the same file may serve both): a compiled
 * list listed there with the same device, inode, size, modification and
 * change times and header checksum is used without being read whole (its
 * header and sizes are checked, its checksum and indexes are not); one
 * verified whole is listed once its last change is two seconds old.
 * 'record' NULL: none. */
int ng_namelist_add_file_recorded(ng_namelist *nl, const char *path, const char *record, ng_error *err);
/* Was nl's compiled list used on the strength of a record? (0 for NULL) */
int ng_namelist_trusted(const ng_namelist *nl);
/* Writes nl compiled (atomically): ng_namelist_add_file reads such a file
 * back in a few milliseconds instead of inflecting every name again; a
 * compiled list must be the first one added to a namelist. */
int ng_namelist_save(const ng_namelist *nl, const char *path, ng_error *err);
size_t ng_namelist_count(const ng_namelist *nl);
/* The tagger borrows 'nl' (NULL: none). Returns NG_OK or NG_E_NOMEM. */
int ng_tagger_set_names(ng_tagger *t, const ng_namelist *nl);
/* The id the person-name rules give the person whose name (as a rule-found
 * person's "name": "Олександр Петренко", "J. Smithers", "Mugabe") is
 * name[0, len), into out[0, cap): the rules of 't' (best without
 * dictionaries, with given-name lists) applied to the name; a name they do
 * not take whole gives "per:" + the keys of its words, as the title rule
 * does. NG_E_ARG for an empty or over-long name, NG_E_LIMIT if 'cap' is
 * too small. Used by stats --check. */
int ng_tagger_person_id(ng_tagger *t, const char *name, size_t len, char *out, size_t cap);
/* The cross-script skeleton of a name word folded by ng_fold: its Latin
 * romanisation with the spellings transliterations differ by made one
 * (kh / h / g, y / i, ph / f, cz / ch ...), on which the rule ids' keys are
 * built (before their stemming): Шевченко and Shevchenko have one,
 * "shevchenko". Writes at most cap - 1 bytes and a NUL into out (cap > 0);
 * returns the length written. */
size_t ng_name_skeleton(const char *folded, size_t len, char *out, size_t cap);

/* ## Articles
 *
 * A reader streams articles from files, directories (recursive, sorted) and
 * standard input ("-"): plain text (one article per file, its id is the
 * path, made canonical: symbolic links, "." and ".." resolved, relative
 * to the working directory when under it) or JSON Lines ({"id","text"}
 * plus optional "title","url","published","lang"; a record without "id"
 * gets "<path>:<line>"; on standard input, whose records have no stable
 * place, "stdin:" + a hash of the record; an id with a NUL is an error). */
typedef struct ng_reader ng_reader;

enum { NG_INPUT_AUTO = 0, NG_INPUT_TEXT = 1, NG_INPUT_JSONL = 2 };

typedef struct ng_article {
    const char *id;
    const char *title; size_t title_len;   /* NULL if none */
    const char *text;  size_t text_len;
    const char *url, *published, *lang;     /* NULL if absent */
    const char *source;                     /* file it came from */
    long line;                              /* JSON line number, 0 for text */
    const char *raw; size_t raw_len;        /* the JSON line as read (jsonl only) */
} ng_article;

/* The bytes an entity type is made of (PER, ORG, my_type-2): a type is
 * one or more of them, e.g. strspn(type, NG_TYPE_CHARS) == strlen(type). */
#define NG_TYPE_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

/* The id the reader gives the article of the text file 'path' (and the
 * prefix of its JSON lines' default ids, "ID:LINE"): the path made
 * canonical and relative to the working directory when under it, so that
 * "in/a.txt", "./in/a.txt" and "$PWD/in/a.txt" are one article; as given
 * when it cannot be resolved. Caller frees; NULL when out of memory. */
char *ng_input_id(const char *path);

/* 'paths' may contain "-" for standard input. 'kind' is NG_INPUT_*. */
int ng_reader_open(const char *const *paths, size_t npaths, int kind,
                   ng_reader **out, ng_error *err);
/* Returns 1 and fills '*a' (valid until the next call), 0 at the end, or a
 * negative code with 'err' set to the location (the reader can continue
 * with the next record after NG_E_PARSE). */
int ng_reader_next(ng_reader *r, ng_article *a, ng_error *err);
void ng_reader_free(ng_reader *r);
/* The caller will not read [from, from + len) of the current article's
 * text again soon: when the text is a mapped file, its whole pages in that
 * range leave the process's resident memory (read again from the page
 * cache if touched; the text stays valid and unchanged). Otherwise, or
 * for a range outside the text, nothing happens. Thread-safe for one
 * reader while no other call is made on it. */
void ng_reader_release(ng_reader *r, const char *from, size_t len);
/* Files that are not regular (FIFOs, sockets, devices) found while walking
 * a directory are skipped, and 'fn' (if set) is called with the path and a
 * message; a FIFO or device named explicitly is read as a stream. */
void ng_reader_set_warn(ng_reader *r, void (*fn)(const char *path, const char *msg, void *ud), void *ud);

/* Visits the tokens of 'text' as the matcher sees them, in order: words
 * (letters, digits, marks) and single punctuation characters. */
typedef void (*ng_token_fn)(size_t start, size_t end, int is_word, void *userdata);
int ng_tokens(const char *text, size_t len, ng_token_fn fn, void *userdata);

/* ## Normalisation (exposed for tools and tests)
 * Folds UTF-8 text the way the matcher sees it (NFKC, case fold, ё->е,
 * apostrophes and dashes unified). Returns a malloc'd string; the caller frees. */
char *ng_fold(const char *s, size_t len, size_t *outlen);

/* Parses a publication date into "YYYY-MM-DD" in 'out': ISO 8601
 * (YYYY-MM-DD, also YYYY-M-D, optionally followed by a time HH:MM[:SS[.f]]
 * and a zone after 'T' or a space: the date is taken as written) and RFC
 * 2822 ("Fri, 05 Jan 2024 10:00:00 +0000"; the day name is optional and,
 * as mail readers do, not checked against the date). With 'partial' (for
 * --since/--until, which select days) "YYYY" and "YYYY-MM" are accepted
 * too and written as such, and a time is refused. Impossible dates and
 * times (2024-02-30, year 0, month 13, hour 25) are refused. Returns 1, or
 * 0 with a message in 'why' (may be NULL). */
int ng_date_parse(const char *s, int partial, char out[11], char *why, size_t whylen);

/* Length (1-4) of the valid UTF-8 sequence at s, or -1 if it is invalid. */
int ng_utf8_valid_len(const unsigned char *s, size_t len);

/* Length of the longest prefix of s[0..len) that is valid UTF-8: len when
 * the whole of it is. */
size_t ng_utf8_valid_prefix(const char *s, size_t len);

/* A NUL-terminated copy of s[0..len) in which every byte that is not part
 * of valid UTF-8, and every NUL, is U+FFFD (JSON cannot carry them); its
 * length in *outlen when not NULL. Caller frees (free). NULL when out of
 * memory. */
char *ng_utf8_repair(const char *s, size_t len, size_t *outlen);

#ifdef __cplusplus
}
#endif
#endif
