/* newsgraph dict suggest: the frequent capitalised names of a corpus that no
 * dictionary or rule tags, with a type suggested by their contexts, as a
 * dictionary TSV for review (issue 12, item 4).
 *
 * Each article is tagged as `tag` would (shipped dictionaries, --dict files,
 * rules); in the text (not the title: headlines capitalise every word) runs of
 * capitalised words that no match covers are candidates: up to 6 words
 * joined by single spaces or hyphens, with lower-case particles inside (of,
 * de, van, von ...); common words (dictionaries/common-words) are trimmed
 * off both ends; a run of designators only (ТОВ, Компанія, Mr) is none. A
 * candidate seen mostly at the start of a sentence is not suggested (any
 * capitalised word is there); words in capitals of more than 5 letters are
 * taken for headlines, not acronyms. The context votes for a type:
 *   PER: a title before (Mr, President, міністр, господин ...) or a speech
 *        verb after (said, заявив, сообщил ...);
 *   ORG: a legal form or organisation word before or after (Inc, Ltd, ТОВ,
 *        компанія, ООО, партия ...), also inside the name as its last word;
 *   LOC: a preposition of place before (in, near, у, в, біля, под ...).
 * Output: one dictionary line per candidate, most frequent first:
 *   id TAB type TAB name TAB (no aliases) TAB count=N TAB evidence=PER:a,ORG:b,LOC:c
 *   TAB case=capitalised TAB example=SENTENCE
 * Candidates without any evidence are written commented out ("#? ..."), so
 * the file can be passed to --dict as it is after review. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include "cli.h"
#include "import.h"
#include "opts.h"
#include "strtab.h"

#define MAX_RUN 6
#define EXAMPLE_MAX 240

enum { V_PER, V_ORG, V_LOC, NV };
static const char *vname[NV] = {"PER", "ORG", "LOC"};

/* Folded context words (the matcher's folding: lower case, ё = е, ’ = '). */
static const char *per_before[] = {
    "mr", "mrs", "ms", "dr", "sir", "lord", "president", "minister", "senator", "governor",
    "general", "judge", "prof", "professor", "chancellor", "premier", "mayor", "spokesman",
    "spokeswoman", "coach", "captain", "pope", "king", "queen", "prince", "princess",
    "пан", "пані", "президент", "президента", "міністр", "міністра", "депутат", "депутата",
    "генерал", "генерала", "голова", "голови", "речник", "речниця", "прем'єр", "мер", "мера",
    "посол", "посла", "суддя", "професор", "директор", "директора", "очільник", "очільника",
    "командувач", "командувача", "лікар", "тренер", "журналіст", "журналістка",
    "господин", "госпожа", "министр", "министра", "глава", "главы", "председатель",
    "председателя", "губернатор", "губернатора", "мэр", "мэра", "премьер", "судья",
    "профессор", "пресс-секретарь", "командующий", "врач", "журналист", NULL};
static const char *per_after[] = {
    "said", "says", "told", "added", "wrote", "сказав", "сказала", "заявив", "заявила",
    "повідомив", "повідомила", "зазначив", "зазначила", "наголосив", "наголосила",
    "сказал", "сказала", "заявил", "заявила", "сообщил", "сообщила", "отметил",
    "отметила", "подчеркнул", "подчеркнула", NULL};
static const char *org_words[] = {
    "inc", "corp", "corporation", "ltd", "llc", "plc", "gmbh", "ag", "sa", "co", "company",
    "group", "bank", "party", "university", "ministry", "agency", "council", "committee",
    "fc", "club", "foundation", "institute", "association", "union",
    "тов", "пат", "прат", "ат", "дп", "пп", "кп", "компанія", "компанії", "корпорація",
    "корпорації", "банк", "банку", "партія", "партії", "фонд", "фонду", "концерн",
    "холдинг", "агентство", "агентства", "університет", "університету", "міністерство",
    "міністерства", "служба", "служби", "організація", "організації", "видання", "телеканал",
    "ооо", "оао", "зао", "пао", "ао", "компания", "компании", "корпорация", "корпорации",
    "партия", "партии", "концерна", "агентство", "университет", "университета",
    "министерство", "министерства", "организация", "организации", "издание", "телеканала",
    NULL};
static const char *loc_before[] = {
    "in", "near", "at", "from", "to", "outside", "across",
    "у", "в", "біля", "поблизу", "під", "до", "із", "з", "через", "поблизу",
    "во", "около", "под", "из", "близ", "возле", NULL};
/* Legal forms written after a name (trimmed off, evidence for ORG). */
static const char *legal_after[] = {"inc", "corp", "ltd", "llc", "plc", "gmbh", "ag", "sa",
                                    "co", "nv", "bv", "ab", "oy", "spa", NULL};
/* Lower-case particles allowed inside a name. */
static const char *particles[] = {"of", "de", "da", "del", "della", "di", "du", "la", "le",
                                  "van", "von", "der", "den", "al", "bin", "ibn", "y", NULL};
/* Capitalised words that are never names (days and months of English). */
static const char *never[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", NULL};

static int in_list(const char *const *l, const char *s) {
    for (; *l; l++)
        if (!strcmp(*l, s)) return 1;
    return 0;
}

/* ## Candidates: folded name -> counts, evidence, surface and example */
typedef struct cand {
    const char *key;  /* folded name (owned by the table's keys) */
    char *surface;    /* first surface seen away from a sentence start */
    char *example;    /* its sentence */
    long count, inner;
    long votes[NV];
} cand;

typedef struct table {
    cand *v;
    size_t n, cap;
    cli_strtab keys;  /* folded name -> index in v */
} table;

static cand *table_get(table *t, const char *key) {
    int added;
    size_t i = cli_strtab_get(&t->keys, key, &added);
    if (added) {
        cli_xgrow((void **)&t->v, &t->cap, i + 1, sizeof *t->v);
        memset(&t->v[i], 0, sizeof t->v[i]);
        t->v[i].key = t->keys.keys[i];
        t->n = i + 1;
    }
    return &t->v[i];
}

/* ## Tokens of one text */
typedef struct tok { size_t s, e; int word; } tok;
typedef struct toks { tok *v; size_t n, cap; } toks;

static void on_token(size_t s, size_t e, int is_word, void *ud) {
    toks *t = ud;
    cli_xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n++] = (tok){s, e, is_word};
}

static utf8proc_int32_t first_cp(const char *s, size_t len) {
    utf8proc_int32_t c = -1;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c) < 0) return -1;
    return c;
}

static int is_upper_cp(utf8proc_int32_t c) {
    if (c < 0) return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

/* Letters of a word, and how many are capitals. */
static void letters(const char *s, size_t len, size_t *nl, size_t *nu) {
    *nl = *nu = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) { i++; continue; }
        i += (size_t)k;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) { (*nl)++; (*nu)++; }
        else if (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_LM) (*nl)++;
    }
}

static char *fold_n(const char *s, size_t len) {
    size_t n;
    char *f = ng_fold(s, len, &n);
    if (!f) cli_fatal_oom();
    return f;
}

typedef struct ctx {
    imp_words *common[3];
    table t;
} ctx;

static int is_common(const ctx *c, const char *folded) {
    for (int i = 0; i < 3; i++)
        if (c->common[i] && imp_words_has(c->common[i], folded)) return 1;
    return in_list(never, folded);
}

/* Only blanks (no line break) between two byte offsets. */
static int blank_gap(const char *text, size_t a, size_t b) {
    if (a >= b) return 0;
    for (size_t i = a; i < b; i++)
        if (text[i] != ' ' && text[i] != '\t') return 0;
    return 1;
}

/* Does token i start a sentence? */
static int sentence_start(const char *text, const toks *T, size_t i) {
    size_t j = i;
    while (j > 0) {
        const tok *p = &T->v[j - 1];
        for (size_t k = p->e; k < T->v[j].s; k++)
            if (text[k] == '\n') return 1;
        if (p->word) return 0;
        char ch = text[p->s];
        if (ch == '.' || ch == '!' || ch == '?' || ch == ':' || ch == ';') return 1;
        if (p->e - p->s == 3 && !memcmp(text + p->s, "\xe2\x80\xa6", 3)) return 1; /* … */
        j--; /* quotes, dashes, brackets: look further back */
    }
    return 1;
}

/* The sentence around [s, e), at most EXAMPLE_MAX bytes, on one line. */
static char *sentence(const char *text, size_t len, size_t s, size_t e) {
    size_t a = s, b = e;
    while (a > 0 && s - a < EXAMPLE_MAX / 2 && text[a - 1] != '\n' &&
           !(a >= 2 && strchr(".!?", text[a - 2]) && text[a - 1] == ' '))
        a--;
    while (b < len && b - a < EXAMPLE_MAX && text[b] != '\n' && !strchr(".!?", text[b])) b++;
    if (b < len && strchr(".!?", text[b])) b++;
    while (a < s && (text[a] & 0xC0) == 0x80) a++;       /* character boundaries */
    while (b > e && b < len && (text[b] & 0xC0) == 0x80) b--;
    /* as the loader takes a field: valid UTF-8 (U+FFFD for a bad byte)
     * without control characters (C0, DEL, C1: a space each) */
    char *out = ng_utf8_repair(text + a, b - a, NULL);
    if (!out) cli_fatal_oom();
    char *w = out;
    for (const unsigned char *p = (const unsigned char *)out; *p;) {
        if (*p < 0x20 || *p == 0x7F) { *w++ = ' '; p++; }
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { *w++ = ' '; p += 2; }
        else *w++ = (char)*p++;
    }
    *w = 0;
    return out;
}

static char *word_at(const char *text, const toks *T, size_t i) {
    if (i >= T->n || !T->v[i].word) return NULL;
    return fold_n(text + T->v[i].s, T->v[i].e - T->v[i].s);
}

static int capitalised(const char *text, const tok *k) {
    if (!k->word || !is_upper_cp(first_cp(text + k->s, k->e - k->s))) return 0;
    size_t nl, nu;
    letters(text + k->s, k->e - k->s, &nl, &nu);
    if (nl < 1) return 0;
    if (nl == 1) return 0;                 /* initials and one-letter words */
    if (nu == nl && nl > 5) return 0;      /* shouting, not an acronym */
    return 1;
}

static void scan(ctx *c, const char *text, size_t len, const unsigned char *covered) {
    toks T = {0};
    ng_tokens(text, len, on_token, &T);
    for (size_t i = 0; i < T.n;) {
        if (!capitalised(text, &T.v[i]) || covered[T.v[i].s]) { i++; continue; }
        /* extend the run: words joined by blanks or hyphens, particles inside */
        size_t w[MAX_RUN * 2 + 2], nw = 0, j = i;
        w[nw++] = i;
        while (nw < MAX_RUN) {
            size_t k = j + 1;
            if (k < T.n && !T.v[k].word && T.v[k].e - T.v[k].s == 1 && text[T.v[k].s] == '-' &&
                T.v[k].s == T.v[j].e && k + 1 < T.n && T.v[k + 1].s == T.v[k].e &&
                capitalised(text, &T.v[k + 1]) && !covered[T.v[k + 1].s]) {
                j = k + 1; w[nw++] = j; continue;
            }
            if (k < T.n && blank_gap(text, T.v[j].e, T.v[k].s)) {
                if (capitalised(text, &T.v[k]) && !covered[T.v[k].s]) { j = k; w[nw++] = j; continue; }
                char *f = word_at(text, &T, k);
                int part = f && in_list(particles, f) && k + 1 < T.n &&
                           !(nw == 1 && sentence_start(text, &T, i)) &&
                           blank_gap(text, T.v[k].e, T.v[k + 1].s) &&
                           capitalised(text, &T.v[k + 1]) && !covered[T.v[k + 1].s];
                free(f);
                if (part) { j = k + 1; w[nw++] = j; continue; }
            }
            break;
        }
        size_t next = j + 1;
        /* trim common words at both ends */
        size_t lo = 0, hi = nw;
        int title = 0, legal = 0;
        while (lo < hi) {
            char *f = word_at(text, &T, w[lo]);
            int t = f && in_list(per_before, f);
            int cw = f && (t || is_common(c, f) || (lo > 0 && in_list(particles, f)));
            title |= t;
            free(f);
            if (!cw) break;
            lo++;
        }
        while (hi > lo) {
            char *f = word_at(text, &T, w[hi - 1]);
            int l = f && in_list(legal_after, f);
            int cw = f && (l || is_common(c, f) || in_list(particles, f));
            legal |= l;
            free(f);
            if (!cw) break;
            hi--;
        }
        int designators = 1;              /* a run of only ТОВ, Компанія, Mr ... is no name */
        for (size_t q = lo; q < hi && designators; q++) {
            char *f = word_at(text, &T, w[q]);
            designators = f && (in_list(org_words, f) || in_list(legal_after, f) || in_list(per_before, f));
            free(f);
        }
        if (lo < hi && !designators) {
            size_t first = w[lo], last = w[hi - 1];
            size_t s = T.v[first].s, e = T.v[last].e;
            int initial = sentence_start(text, &T, first);
            char *key = fold_n(text + s, e - s);
            cand *cd = table_get(&c->t, key);
            free(key);
            cd->count++;
            if (!initial) {
                cd->inner++;
                if (!cd->surface) {
                    cd->surface = cli_xstrndup(text + s, e - s);
                    for (char *p = cd->surface; *p; p++)
                        if (*p == '\t' || *p == '\n' || *p == '\r' || *p == '|') *p = ' ';
                    cd->example = sentence(text, len, s, e);
                }
            }
            /* evidence from the neighbours */
            char *prev = first > 0 ? word_at(text, &T, first - 1) : NULL;
            size_t pk = first;                 /* skip an opening quote: ТОВ «Ромашка» */
            if (pk > 0 && !T.v[pk - 1].word) pk--;
            char *prevq = pk > 0 && pk != first ? word_at(text, &T, pk - 1) : NULL;
            size_t nk = last + 1;
            if (nk < T.n && !T.v[nk].word && strchr("\"'", text[T.v[nk].s])) nk++;
            if (nk < T.n && !T.v[nk].word && T.v[nk].e - T.v[nk].s > 1) nk++; /* » ” */
            char *after = word_at(text, &T, last + 1 < T.n && T.v[last + 1].word ? last + 1 : nk);
            char *lastw = word_at(text, &T, last);
            if (title || (prev && in_list(per_before, prev))) cd->votes[V_PER]++;
            if (after && in_list(per_after, after)) cd->votes[V_PER]++;
            if (legal || (prev && in_list(org_words, prev)) || (prevq && in_list(org_words, prevq)) ||
                (after && in_list(org_words, after)) || (hi - lo > 1 && lastw && in_list(org_words, lastw)))
                cd->votes[V_ORG]++;
            if (prev && in_list(loc_before, prev)) cd->votes[V_LOC]++;
            free(prev); free(prevq); free(after); free(lastw);
        }
        i = next;
    }
    free(T.v);
}

static int cmp_cand(const void *a, const void *b) {
    const cand *x = *(const cand *const *)a, *y = *(const cand *const *)b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

static void suggest_usage(FILE *f) {
    fprintf(f,
        "usage: newsgraph dict suggest [OPTIONS] CORPUS...\n\n"
        "Lists the capitalised names of your articles (files, directories or JSON Lines,\n"
        "as for 'tag') that no dictionary or rule tags, most frequent first, with a\n"
        "type suggested by their contexts (a title before: PER; a legal form or\n"
        "organisation word: ORG; a preposition of place: LOC), the count and an example\n"
        "sentence. The output is a dictionary TSV: review it (fix types, delete lines),\n"
        "then pass it to 'tag --dict'. Names without evidence are written commented\n"
        "out ('#? ').\n\n"
        "  -o FILE            write to FILE (default standard output)\n"
        "  --min-count N      names seen at least N times (default 2)\n"
        "  --top N            at most N names (default all)\n"
        "  --input text|jsonl read inputs as that kind (default: by extension)\n"
        "  --dict FILE        also use this dictionary (repeatable)\n"
        "  --no-shipped       without the shipped dictionaries\n"
        "  --names PATH       given-name lists instead of the shipped ones (as for tag)\n"
        "  --no-user          without the user dictionary ('newsgraph dict add'): by\n"
        "                     default a name added there is no longer suggested\n"
        "  --no-inflect, --no-context, --no-rules, --no-partial, --no-org-rules, --no-acronyms,\n"
        "  --no-place-rules, --no-surnames\n"
        "                     tagging switches, as for 'tag' (what they turn off is\n"
        "                     no longer tagged, so it may be suggested)\n");
}

enum { O_OUT = 1, O_MIN_COUNT, O_TOP, O_INPUT };

/* Reads the options; the inputs go to the front of argv (*ninputs of them).
 * Returns -1 to go on, else the exit code (0: --help). */
static int parse_options(int argc, char **argv, cli_dicts *dicts, unsigned *tflags, const char **out,
                         long long *min_count, long long *top, int *kind, size_t *ninputs) {
    static const cli_opt options[] = {
        CLI_DICT_OPTS, CLI_TAG_FLAG_OPTS,
        {"--output", "-o", 1, O_OUT}, {"--min-count", NULL, 1, O_MIN_COUNT}, {"--top", "-n", 1, O_TOP},
        {"--input", NULL, 1, O_INPUT},
        {0},
    };
    cli_args p = cli_args_init(argc, argv);
    const char *v;
    int id;
    while ((id = cli_next(&p, options, &v)) != CLI_END) {
        switch (id) {
        case CLI_HELP: suggest_usage(stdout); return 0;
        case CLI_BAD: return EXIT_USAGE;
        case CLI_UNKNOWN:
            cli_msg("dict suggest: unknown option '%s'", v);
            suggest_usage(stderr);
            return EXIT_USAGE;
        case CLI_ARG: argv[(*ninputs)++] = (char *)v; break;
        case CLI_OPT_DICT: case CLI_OPT_NO_SHIPPED: case CLI_OPT_NO_USER: case CLI_OPT_NAMES:
            if (cli_dicts_option(dicts, id, v) < 0) return EXIT_USAGE;
            break;
        case CLI_OPT_NO_INFLECT: case CLI_OPT_NO_CONTEXT: case CLI_OPT_NO_RULES: case CLI_OPT_NO_PARTIAL:
        case CLI_OPT_NO_ORG_RULES: case CLI_OPT_NO_ACRONYMS: case CLI_OPT_NO_PLACE_RULES: case CLI_OPT_NO_SURNAMES:
            *tflags |= cli_tag_flag(id);
            break;
        case O_OUT: *out = v; break;
        case O_MIN_COUNT: if (cli_int(p.opt, v, 1, LLONG_MAX, min_count)) return EXIT_USAGE; break;
        case O_TOP: if (cli_int(p.opt, v, 1, LLONG_MAX, top)) return EXIT_USAGE; break;
        case O_INPUT:
            if (!strcmp(v, "text")) *kind = NG_INPUT_TEXT;
            else if (!strcmp(v, "jsonl")) *kind = NG_INPUT_JSONL;
            else { cli_msg("unknown input kind '%s' (text, jsonl)", v); return EXIT_USAGE; }
            break;
        }
    }
    if (!*ninputs) { suggest_usage(stderr); return EXIT_USAGE; }
    return -1;
}

int cmd_dict_suggest(int argc, char **argv) {
    cli_dicts dicts = {.use_user = 1};   /* the user dictionary, unless --no-user */
    const char *out = NULL;
    long long min_count = 2, top = 0;
    int kind = NG_INPUT_AUTO;
    unsigned tflags = NG_TAG_DEFAULT;
    size_t ninputs = 0;
    int rc = parse_options(argc, argv, &dicts, &tflags, &out, &min_count, &top, &kind, &ninputs);
    if (rc >= 0) return rc;
    const char **inputs = (const char **)argv;
    if ((rc = cli_dicts_load(&dicts))) return rc;
    ng_tagger *tg = cli_tagger_new(&dicts, tflags);
    if (!tg) cli_fatal_oom();
    ctx c = {0};
    ng_reader *r = NULL;
    ng_error err = {0};
    const char *dir = cli_shipped_dir();
    if (dir[0]) {
        char cw[4200];
        snprintf(cw, sizeof cw, "%.4000s/common-words", dir);
        static const char *langs[3] = {"en", "uk", "ru"};
        for (int i = 0; i < 3; i++)
            if (imp_words_load_lang(cw, langs[i], &c.common[i], &err) != NG_OK) cli_fatal_oom();
    }
    if (ng_reader_open(inputs, ninputs, kind, &r, &err)) {
        cli_err(&err);
        rc = EXIT_USAGE;
        goto done;
    }
    ng_reader_set_warn(r, cli_reader_warn, NULL);
    long narticles = 0;
    for (;;) {
        ng_article a;
        int k = ng_reader_next(r, &a, &err);
        if (k == 0) break;
        if (k < 0) {
            cli_err(&err);
            if (k == NG_E_PARSE || k == NG_E_IO) { rc = k == NG_E_IO ? EXIT_USAGE : EXIT_DATA; continue; }
            rc = cli_exit_code(k);
            break;
        }
        const char *texts[2] = {a.title ? a.title : "", a.text};
        size_t lens[2] = {a.title ? a.title_len : 0, a.text_len};
        const ng_match *m;
        size_t n;
        if ((k = ng_tagger_tag_doc(tg, texts, lens, 2, &m, &n, NULL)) != NG_OK) {
            cli_msg("%s: tagging failed (%d)", a.id, k);
            rc = cli_exit_code(k);
            break;
        }
        unsigned char *covered = cli_xcalloc(a.text_len + 1, 1);
        for (size_t i = 0; i < n; i++)
            if (m[i].field == 1)
                memset(covered + m[i].start, 1, m[i].end - m[i].start);
        scan(&c, a.text, a.text_len, covered);
        free(covered);
        narticles++;
    }
    if (rc == 0 || rc == EXIT_DATA) {
        cand **list = cli_xmalloc((c.t.n + 1) * sizeof *list);
        size_t nl = 0;
        for (size_t i = 0; i < c.t.n; i++) {
            cand *cd = &c.t.v[i];
            /* seen mostly away from sentence starts (pronouns, headings are not) */
            if (cd->inner > 0 && 3 * cd->inner >= cd->count && cd->count >= min_count)
                list[nl++] = cd;
        }
        qsort(list, nl, sizeof *list, cmp_cand);
        if (top && (size_t)top < nl) nl = (size_t)top;
        FILE *f = stdout;
        ng_outfile of = {.fd = -1};
        if (out) {
            int fd2 = -1;
            if (ng_outfile_open(&of, out, &err) != NG_OK || (fd2 = dup(of.fd)) < 0 || !(f = fdopen(fd2, "w"))) {
                if (of.fd >= 0) { if (fd2 >= 0) close(fd2); ng_outfile_abort(&of); cli_msg("%s: cannot write", out); }
                else cli_err(&err);
                free(list);
                rc = EXIT_USAGE;
                goto done;
            }
        }
        fprintf(f, "# newsgraph dict suggest: %zu names from %ld articles that no dictionary or rule tags.\n"
                   "# Review: fix the type (PER, ORG, LOC ...), delete what is not a name, uncomment\n"
                   "# the '#?' lines you keep (no evidence of a type), then use: tag --dict FILE.\n"
                   "# id\ttype\tname\taliases\tcount\tevidence\tcase\texample\n", nl, narticles);
        cli_strtab ids = {0};
        for (size_t i = 0; i < nl; i++) {
            cand *cd = list[i];
            int best = -1;
            for (int v = 0; v < NV; v++)
                if (cd->votes[v] > 0 && (best < 0 || cd->votes[v] > cd->votes[best])) best = v;
            /* the id: the folded name, blanks as '-'; one that another
             * name already gave ("Jean Pierre", "Jean-Pierre") gets -2, -3
             * ... (the file would be refused: one id, two entities) */
            size_t kl = strlen(cd->key);
            char *id = cli_xmalloc(kl + 32);
            memcpy(id, "sg-", 3);
            for (size_t k = 0; k < kl; k++) id[3 + k] = cd->key[k] == ' ' || cd->key[k] == '|' || cd->key[k] == '\t' ? '-' : cd->key[k];
            id[3 + kl] = 0;
            int added = 0;
            cli_strtab_get(&ids, id, &added);
            for (int n = 2; !added; n++) {
                snprintf(id + 3 + kl, 29, "-%d", n);
                cli_strtab_get(&ids, id, &added);
            }
            fprintf(f, "%s%s", best < 0 ? "#? " : "", id);
            free(id);
            fprintf(f, "\t%s\t%s\t\tcount=%ld\tevidence=PER:%ld,ORG:%ld,LOC:%ld\tcase=capitalised\texample=%s\n",
                    best < 0 ? "PER" : vname[best], cd->surface, cd->count, cd->votes[V_PER],
                    cd->votes[V_ORG], cd->votes[V_LOC], cd->example);
        }
        cli_strtab_free(&ids);
        free(list);
        if (out) {
            int bad = fflush(f) != 0 || ferror(f);
            bad |= fclose(f) != 0;
            if (bad) {
                ng_outfile_abort(&of);
                cli_msg("%s: write error", out);
                rc = EXIT_USAGE;
            } else if (ng_outfile_commit(&of, &err) != NG_OK) {
                cli_err(&err);
                rc = EXIT_USAGE;
            }
        } else if (fflush(stdout) != 0) {
            cli_msg("write error");
            rc = EXIT_USAGE;
        }
    }
done:
    if (r) ng_reader_free(r);
    for (size_t i = 0; i < c.t.n; i++) {
        free(c.t.v[i].surface);
        free(c.t.v[i].example);
    }
    free(c.t.v);
    cli_strtab_free(&c.t.keys);
    for (int i = 0; i < 3; i++) imp_words_free(c.common[i]);
    ng_tagger_free(tg);
    cli_dicts_free(&dicts);
    return rc;
}
