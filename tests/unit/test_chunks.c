/* Long fields are matched in chunks (tagger/pool.c); the result must not
 * depend on where the cuts fall (issue 11: a cut at "k | B. Burlington"
 * turned the rule person "B. Burlington" into the place Burlington).
 *
 * With the shipped dictionaries and given names (read from dictionaries/,
 * the tests run from the top of the tree):
 *  - crafted texts of names in en/uk/ru (initials, titles, quotes, "named
 *    after", acronyms, scorer lists, sentence starts, a place after an
 *    initial ...) tagged with every
 *    chunk size from 24 bytes to the text's length, so that a cut falls at
 *    every place, must give the one-chunk result;
 *  - a generated names-rich text several MB long gives the same result with
 *    chunks of 1 MiB, 128 KiB, 64 KiB and 4 KiB, one thread and two, as in
 *    one chunk, and with two threads and enough chunks the later ranges
 *    are sized as they are taken; the share a thread takes then
 *    (ng_range_share) is checked on its own; and with the match pass's
 *    prefetches forced on and off;
 *  - texts of names all along (no cut is safe) are matched once, and only
 *    the chunks at a cut that falls in a name are matched again;
 *  - with every overlapping span (NG_TAG_ALL) of names that overlap all
 *    along, a cut is moved until MAX_MOVES and its chunks are joined, with
 *    the one-chunk result;
 *  - a long text in which nothing is found, on two threads. */
#include <stdint.h>
#include <stdlib.h>
#include "harness.h"
#include "tagger.h"
#include "tagger_internal.h"

static ng_dict *dict;
static ng_namelist *names;

/* The matches, one line each: all that the output shows. */
static char *render(const ng_match *m, size_t n) {
    size_t cap = 256 + n * 160, len = 0;
    char *s = malloc(cap);
    if (!s) return NULL;
    s[0] = 0;
    for (size_t i = 0; i < n; i++) {
        char line[1024];
        int l = snprintf(line, sizeof line, "%zu-%zu %u %s %s %s f%x r%u c%zu", m[i].start, m[i].end, m[i].field,
                         m[i].type, m[i].id, m[i].name ? m[i].name : "-", m[i].flags, m[i].rule, m[i].ncands);
        for (size_t c = 1; c < m[i].ncands && c < 4 && l > 0 && (size_t)l < sizeof line - 200; c++)
            l += snprintf(line + l, sizeof line - (size_t)l, " %s", m[i].cands[c].id);
        if (l < 0) l = 0;
        if ((size_t)l >= sizeof line) l = (int)sizeof line - 1;
        while (len + (size_t)l + 2 > cap) {
            cap *= 2;
            char *ns = realloc(s, cap);
            if (!ns) { free(s); return NULL; }
            s = ns;
        }
        memcpy(s + len, line, (size_t)l);
        len += (size_t)l;
        s[len++] = '\n';
        s[len] = 0;
    }
    return s;
}

/* The matches and the count of invalid bytes, with chunks of 'chunk' bytes. */
static char *tag_with(ng_tagger *t, size_t chunk, const char *text, size_t len) {
    ng_tagger_set_chunk(t, chunk);
    const ng_match *m;
    size_t n, inv;
    int rc = ng_tagger_tag_doc(t, &text, &len, 1, &m, &n, &inv);
    OK(rc == NG_OK, "tag with chunks of %zu: %d", chunk, rc);
    char *s = rc == NG_OK ? render(m, n) : NULL;
    char line[64];
    snprintf(line, sizeof line, "invalid %zu\n", inv);
    char *r = s ? malloc(strlen(s) + strlen(line) + 1) : NULL;
    if (r) { strcpy(r, s); strcat(r, line); }
    free(s);
    return r;
}

/* The first line where a and b differ (for the message). */
static void first_diff(const char *a, const char *b, char *out, size_t size) {
    size_t i = 0, ls = 0;
    while (a[i] && a[i] == b[i]) { if (a[i] == '\n') ls = i + 1; i++; }
    const char *ea = strchr(a + ls, '\n'), *eb = strchr(b + ls, '\n');
    int la = ea ? (int)(ea - a - ls) : (int)strlen(a + ls), lb = eb ? (int)(eb - b - ls) : (int)strlen(b + ls);
    snprintf(out, size, "one chunk: [%.*s], cut: [%.*s]", la, a + ls, lb, b + ls);
}

static const char *const crafted[] = {
    "The minimum doubled value is k B. Burlington's If larger send buffer sizes are desired, this value "
    "should be regular files.\nThe application should either set socket option was supplied to is bounded.",

    "President Barack Obama met Jens Stoltenberg in Kyiv on Monday. Later, Stoltenberg said that the\n"
    "talks with captain Will Carling went well; J. R. Smith and Dr. Michael Harrow agreed. Harrow left.\n\n"
    "The bridge was named after George Washington, and the prize after Christian Dior. Dior (France) won.",

    "The European Commission (EC) and the United Nations (UN) met in Georgia. The EC said the talks with\n"
    "O'Brien and D'Alema were \"useful\", and Mary-Jane Smith-Jones agreed with Smith-Jones and O'Brien.",

    "Олександр Петренко прибув до Києва. Петренка бачили у Києві разом із Надією Коваленко та\n"
    "президентом Зеленським. Як повідомив В. Ярмолюк, компанія «Рога і копита» з вулиці Хрещатик\n"
    "відкрила офіс. За словами А. Є. Зокрема, угоду підписано.",

    "Романо Проди и Иван Петров встретились в Москве. ООО «Газпром» сообщило, что Петров и Проди\n"
    "обсудили поставки; Александра Петрова (Россия) и Елена Сидорова (Украина) тоже были там.\n"
    "Концерт Римского-Корсакова прошёл в театре имени Шевченко.",

    /* (a rule read the text at a token's offset in its chunk as if in the
     * field: capitals N S E W there took a compass point for the initial) */
    "NEWS SEWN WENS NEWS SEWN WENS SEWN. He said D. Cork and I. Salisbury met in Kyiv; later D. Cork\n"
    "left. NEWS: the dog, E. Salisbury and W. Cork went to Salisbury, then D. Cork and I. Salisbury.",

    /* (invalid bytes count once, in their chunk, not again in a neighbour's context) */
    "Bad \xff bytes \xc3 here: Jens Stoltenberg met \xfe\xfe O'Brien in Kyiv.\xff\n"
    "Then \xe2\x80 John Smith and \xff Mary Smith-Jones said \xff so. NATO \xff agreed \xff.",

    /* (a grid cell with no character boundary in it, 200 continuation
     * bytes: cut at the cell's bound, between two invalid bytes) */
    "Jens Stoltenberg met O'Brien in Kyiv. \x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80 Олександр Петренко прибув до Києва. NATO agreed with Stoltenberg.",

    /* (names longer than two small chunks: a cut with no place left
     * outside them goes, its chunks joined) */
    "Національна комісія, що здійснює державне регулювання у сферах енергетики та комунальних послуг і "
    "Міжнародна федерація товариств Червоного Хреста і Червоного Півмісяця, Олександр Петренко та Міністерство "
    "з питань реінтеграції тимчасово окупованих територій.",

    "Goals: Kovalenko (12), Petrenko (45, 78), Smith (90). The game in Tbilisi ended 3:1; Jordan and\n"
    "Atlanta fans saw Jens Stoltenberg. NATO welcomed the result and НАТО тоже.",

    /* (military units: the number first, a word starting with a digit the
     * walk visits; the quoted name alone before and after the unit, linked
     * after the article pass) */
    "«Магура» відбила атаку. Бійці 47-ї окремої механізованої бригади «Магура» і 3 ОШБр, Третьої окремої\n"
    "штурмової бригади, тримають позиції; командир бригади «Магура» розповів. The 47th Mechanized Brigade and\n"
    "the 82nd Airborne Division; 155-й отдельной бригады морской пехоты. Сформували 3 бригади, 2-3 бригади.",

    /* (a list of units that share their words: every number is read from
     * the first, whatever the cuts) */
    "Бійці 47-ї, 93-ї та 110-ї окремих механізованих бригад відбили атаку під Авдіївкою, а воїни 155-й и 40-й\n"
    "бригад морской пехоты отошли. The 47th and 93rd Mechanized Brigades held the line near Avdiivka. Командир\n"
    "47-ї бригади і 93-ї бригади розповів.",
    NULL
};

/* A tagger with the given-name lists, and another with two threads. */
static int two_taggers(ng_tagger **t, ng_tagger **t2) {
    *t = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    *t2 = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    OK(*t && *t2, "taggers");
    if (!*t || !*t2) { ng_tagger_free(*t); ng_tagger_free(*t2); return 0; }
    ng_tagger_set_names(*t, names);
    ng_tagger_set_names(*t2, names);
    ng_tagger_set_threads(*t2, 2);
    return 1;
}

static void test_crafted(void) {
    ng_tagger *t, *t2;
    if (!two_taggers(&t, &t2)) return;
    for (size_t x = 0; crafted[x]; x++) {
        const char *text = crafted[x];
        size_t len = strlen(text);
        char *one = tag_with(t, SIZE_MAX, text, len);
        if (!one) continue;
        OK(strchr(one, '\n') != NULL, "text %zu: something tagged", x);
        int bad = 0;
        for (size_t c = 24; c < len && bad < 3; c++) {
            char *got = tag_with(c % 5 ? t : t2, c, text, len);
            if (got && strcmp(got, one)) {
                char d[600];
                first_diff(one, got, d, sizeof d);
                OK(0, "text %zu with chunks of %zu bytes: %s", x, c, d);
                bad++;
            }
            free(got);
        }
        free(one);
    }
    ng_tagger_free(t);
    ng_tagger_free(t2);
}

/* ## A generated names-rich text */

static uint64_t rnd_state = 88172645463325252ull;
static uint32_t rnd(uint32_t n) {
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (uint32_t)((rnd_state >> 11) % n);
}

typedef struct buf { char *s; size_t n, cap; } buf;
static void put(buf *b, const char *s) {
    size_t l = strlen(s);
    if (b->n + l + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1 << 16;
        while (cap < b->n + l + 1) cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) abort();
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, l);
    b->n += l;
    b->s[b->n] = 0;
}

/* aliases of the dictionary's entities, collected once */
typedef struct aliases { char **v; size_t n, cap; } aliases;
static void take_alias(const char *a, void *ud) {
    aliases *al = ud;
    if (al->n == al->cap) {
        al->cap = al->cap ? al->cap * 2 : 4096;
        al->v = realloc(al->v, al->cap * sizeof *al->v);
        if (!al->v) abort();
    }
    al->v[al->n++] = strdup(a);
}

static const char *const given_en[] = {"John", "Mary", "Michael", "George", "Will", "Julia", "Christian", "Anna", "Peter", "Jens"};
static const char *const given_uk[] = {"Олександр", "Надія", "Сергій", "Марія", "Володимир", "Олена", "Анатолій", "Віра"};
static const char *const given_ru[] = {"Иван", "Елена", "Александр", "Александра", "Дмитрий", "Наталья", "Сергей"};
static const char *const sur_en[] = {"Smith", "Carling", "Harrow", "Brantley", "Okonjo", "Burlington", "Dior", "O'Brien", "Smith-Jones", "Washington"};
static const char *const sur_uk[] = {"Петренко", "Коваленко", "Ярмолюк", "Кравчук", "Шевченко", "Ребрик", "Римський-Корсаков"};
static const char *const sur_ru[] = {"Петров", "Сидорова", "Ярцев", "Соколовский", "Бережная", "Проди", "Иванов"};
static const char *const titles[] = {"President", "captain", "Dr.", "minister", "президент", "міністр", "генерал", "министр", "депутат"};
static const char *const lower_en[] = {"NEWS", "SEWN", "the", "value", "said", "is", "buffer", "and", "met", "on", "with", "k", "of", "in", "after", "named", "file"};
static const char *const lower_cy[] = {"сказав", "і", "у", "та", "що", "повідомив", "и", "в", "сообщил", "после", "имени", "вулиця"};
#define PICK(a) (a)[rnd((uint32_t)(sizeof(a) / sizeof *(a)))]

static void gen_text(buf *b, size_t size, const aliases *al) {
    static const char *const seps[] = {" ", " ", " ", " ", ", ", ". ", ".\n", "\n", "\n\n", " (", ") ", " «", "» ", " \"", "\" ", " - ", "; "};
    while (b->n < size) {
        switch (rnd(14)) {
        case 0: case 1: put(b, al->v[rnd((uint32_t)al->n)]); break;
        case 2: put(b, PICK(given_en)); put(b, " "); put(b, PICK(sur_en)); break;
        case 3: put(b, PICK(given_uk)); put(b, " "); put(b, PICK(sur_uk)); break;
        case 4: put(b, PICK(given_ru)); put(b, " "); put(b, PICK(sur_ru)); break;
        case 5: {   /* initials before a surname, or a dictionary's name (D. Cork) */
            char in[8] = {(char)('A' + rnd(26)), '.', ' ', 0};
            put(b, in);
            put(b, rnd(2) ? PICK(sur_en) : al->v[rnd((uint32_t)al->n)]);
            break;
        }
        case 6: put(b, PICK(titles)); put(b, " "); put(b, rnd(2) ? PICK(sur_en) : PICK(sur_uk)); break;
        case 7: put(b, PICK(sur_en)); break;
        case 8: put(b, rnd(2) ? PICK(sur_uk) : PICK(sur_ru)); break;
        case 9: { char ac[8] = {(char)('A' + rnd(26)), (char)('A' + rnd(26)), (char)('A' + rnd(26)), 0}; put(b, ac); break; }
        case 10: case 11: put(b, PICK(lower_en)); break;
        default: put(b, PICK(lower_cy)); break;
        }
        put(b, PICK(seps));
    }
}

static void test_generated(void) {
    aliases al = {0};
    size_t ne = ng_dict_entity_count(dict);
    for (size_t i = 0; i < ne; i += 7) ng_dict_entity_aliases(dict, i, take_alias, &al);
    OK(al.n > 1000, "aliases: %zu", al.n);
    if (al.n < 2) return;
    buf b = {0};
    gen_text(&b, 3u << 20, &al);
    ng_tagger *t, *t2;
    if (!two_taggers(&t, &t2)) return;
    char *one = tag_with(t, SIZE_MAX, b.s, b.n);
    OK(one && strlen(one) > 100000, "many matches");
    /* the match pass with and without its prefetches (by default by the
     * tables' size: tagger.c small_tables) */
    for (int pf = -1; one && pf <= 1; pf += 2) {
        ng_tagger_set_prefetch(t, pf);
        t->m.prefetched = 0;
        char *got = tag_with(t, 128u << 10, b.s, b.n);
        OK(got && !strcmp(got, one), "chunks of 128 KiB, prefetch %d: the one-chunk result", pf);
        OK(pf > 0 ? t->m.prefetched > 10 : t->m.prefetched == 0, "prefetch %d: %u chunks prefetched", pf,
           t->m.prefetched);
        free(got);
    }
    ng_tagger_set_prefetch(t, 0);
    /* and with two dictionaries (the scan of several: the same dictionary
     * twice), prefetching or not */
    ng_dict *pair[2] = {dict, dict};
    ng_tagger *t3 = ng_tagger_new(pair, 2, NG_TAG_DEFAULT);
    OK(t3 != NULL, "tagger of two dictionaries");
    if (t3) {
        ng_tagger_set_names(t3, names);
        ng_tagger_set_prefetch(t3, -1);
        char *plain = tag_with(t3, 128u << 10, b.s, b.n);
        OK(t3->m.prefetched == 0, "two dictionaries, prefetch -1: %u chunks prefetched", t3->m.prefetched);
        ng_tagger_set_prefetch(t3, 1);
        char *pf = tag_with(t3, 128u << 10, b.s, b.n);
        OK(t3->m.prefetched > 10, "two dictionaries, prefetch 1: %u chunks prefetched", t3->m.prefetched);
        OK(plain && pf && strlen(plain) > 100000 && !strcmp(plain, pf), "two dictionaries: the same with and without prefetches");
        free(plain);
        free(pf);
        ng_tagger_free(t3);
    }
    static const size_t sizes[] = {1u << 20, 128u << 10, 64u << 10, 4u << 10};
    for (size_t k = 0; one && k < sizeof sizes / sizeof *sizes; k++)
        for (int th = 0; th < 2; th++) {
            char *got = tag_with(th ? t2 : t, sizes[k], b.s, b.n);
            if (got && strcmp(got, one)) {
                char d[600];
                first_diff(one, got, d, sizeof d);
                OK(0, "%zu MB text with chunks of %zu bytes, %d thread(s): %s", b.n >> 20, sizes[k], th + 1, d);
            }
            /* two threads: four ranges; with 32 chunks or more, the last
             * two are sized when taken (pool.c: size_range) */
            size_t nch = (b.n + sizes[k] - 1) / sizes[k];
            unsigned want = th && nch >= 32 ? 2 : 0;
            OK((th ? t2 : t)->chunk_sized == want, "chunks of %zu bytes, %d thread(s): %u ranges sized when taken, want %u",
               sizes[k], th + 1, (th ? t2 : t)->chunk_sized, want);
            free(got);
        }
    free(one);
    free(b.s);
    for (size_t i = 0; i < al.n; i++) free(al.v[i]);
    free(al.v);
    ng_tagger_free(t);
    ng_tagger_free(t2);
}

/* The share of the chunks left that a thread free now takes (pool.c):
 * all threads end together, each later range keeps a chunk. */
static void test_range_share(void) {
    static const struct {
        size_t left;
        unsigned later;
        double rate, hash;
        unsigned nb;
        double fin[3], spd[3];
        size_t want;
    } cases[] = {
        /* another thread as fast, free now: half each */
        {100, 1, 10, 0, 1, {0}, {10}, 50},
        /* twice as fast as the other: two thirds */
        {100, 1, 20, 0, 1, {0}, {10}, 67},
        /* the other busy for 2 s more (20 chunks of its own): it ends its
         * range and 40 more while this one matches 60 */
        {100, 1, 10, 0, 1, {2}, {10}, 60},
        /* and this one hashes the article, worth 10 chunks: 55 and the
         * hash, the other its 20 and 45, 6.5 s each */
        {100, 1, 10, 10, 1, {2}, {10}, 55},
        /* three later ranges, three threads matching: the same speed, all
         * free now: a quarter */
        {100, 3, 10, 0, 3, {0, 0, 0}, {10, 10, 10}, 25},
        /* one later range and three matching: the first free of them only
         * (free in 1 s, 10 chunks): (100 + 10) / 2 */
        {100, 1, 10, 0, 3, {5, 1, 9}, {10, 10, 10}, 55},
        /* speed not known yet: an equal share */
        {100, 3, 0, 0, 3, {1, 1, 1}, {10, 10, 10}, 25},
        /* the last range: all */
        {100, 0, 10, 0, 1, {0}, {10}, 100},
        /* a slow other thread busy long: this one takes all but a chunk a later range */
        {10, 2, 10, 0, 2, {100, 100}, {1, 1}, 8},
        /* far faster others: a chunk at least */
        {100, 1, 1, 0, 1, {0}, {1000}, 1},
        /* as many chunks as later ranges and one: a chunk each */
        {3, 2, 10, 0, 2, {0, 0}, {10, 10}, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        double fin[3], spd[3];
        memcpy(fin, cases[k].fin, sizeof fin);
        memcpy(spd, cases[k].spd, sizeof spd);
        size_t got = ng_range_share(cases[k].left, cases[k].later, cases[k].rate, fin, spd, cases[k].nb, cases[k].hash);
        OK(got == cases[k].want, "range share, case %zu: %zu, want %zu", k, got, cases[k].want);
    }
}

/* A text of names all along whose only lower-case word is a word of an
 * alias (said: Port Said) is cut before that word, not before a capital
 * (a name cut in two: the article was matched again, 6 times for 2 MB) and
 * matched once, with the result of one chunk. */
static void test_dense(void) {
    buf b = {0};
    while (b.n < (600u << 10)) put(&b, "John Smith said Mary Jones ");
    ng_tagger *t = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    OK(t != NULL, "tagger");
    if (!t) return;
    ng_tagger_set_names(t, names);
    char *one = tag_with(t, SIZE_MAX, b.s, b.n);
    char *got = tag_with(t, 0, b.s, b.n);
    OK(t->chunk_rounds == 1, "dense names: matched %u times", t->chunk_rounds);
    OK(one && got && !strcmp(one, got), "dense names: chunks change the result");
    free(one);
    free(got);
    free(b.s);
    ng_tagger_free(t);
}

/* With threads, an article's fields are matched on the calling thread
 * unless one is cut into chunks: a title and a short text started a
 * thread per article (JSON Lines of 2 KB articles, 2 threads: the CLI's
 * first tagger tagged a ninth of them). */
static void test_fields_no_thread(void) {
    ng_tagger *t = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    OK(t != NULL, "tagger");
    if (!t) return;
    ng_tagger_set_threads(t, 2);
    const char *texts[2] = {"Kyiv talks", "NATO met in Kyiv and Brussels."};
    size_t lens[2] = {10, 30};
    const ng_match *m;
    size_t n, inv;
    OK(ng_tagger_tag_doc(t, texts, lens, 2, &m, &n, &inv) == NG_OK, "title and text");
    OK(t->chunk_threads == 0, "title and text: %u threads started", t->chunk_threads);
    buf b = {0};
    while (b.n < (300u << 10)) put(&b, "NATO met in Kyiv and Brussels. ");
    texts[1] = b.s;
    lens[1] = b.n;
    OK(ng_tagger_tag_doc(t, texts, lens, 2, &m, &n, &inv) == NG_OK, "title and a long text");
    OK(t->chunk_threads == 1, "title and a long text: %u threads started", t->chunk_threads);
    free(b.s);
    ng_tagger_free(t);
}

/* A long text in which no dictionary or rule finds anything, on two
 * threads: the states are absorbed with no span anywhere, the main
 * state's span array never allocated (absorb_range offset that NULL
 * array: undefined behaviour, which clang's sanitizer stopped on once `tag`
 * ran two threads by default). */
static void test_nothing_found(void) {
    ng_tagger *t = ng_tagger_new(&dict, 1, NG_TAG_DEFAULT);
    OK(t != NULL, "tagger");
    if (!t) return;
    ng_tagger_set_names(t, names);
    ng_tagger_set_threads(t, 2);
    ng_tagger_set_chunk(t, 64u << 10);
    buf b = {0};
    while (b.n < (2u << 20)) put(&b, "xx yy zz qq ww vv ");
    const char *texts[1] = {b.s};
    size_t lens[1] = {b.n};
    const ng_match *m;
    size_t n = 1, inv;
    OK(ng_tagger_tag_doc(t, texts, lens, 1, &m, &n, &inv) == NG_OK, "nothing found: tagged");
    OK(n == 0, "nothing found: %zu matches", n);
    OK(t->chunk_threads == 1, "nothing found: %u threads started", t->chunk_threads);
    free(b.s);
    ng_tagger_free(t);
}

/* A text with no lower-case word at all ("New York " over and over): no
 * cut is safe, and one in two cuts falls between New and York, a name cut
 * in two. Only the chunks on either side of such a cut are matched again,
 * with the cut moved, not the whole article: that was matched again up to
 * 9 times, each time cut afresh (18 MB: 7.8 s, whole 3.9 s). */
static void test_no_lower(void) {
    buf b = {0};
    while (b.n < (1u << 20)) put(&b, "New York ");
    size_t nchunks = b.n / (128u << 10) + 1;
    ng_tagger *t, *t2;
    if (!two_taggers(&t, &t2)) return;
    char *one = tag_with(t, SIZE_MAX, b.s, b.n);
    size_t lines = 0;
    for (const char *p = one; p && *p; p++) lines += *p == '\n';
    OK(lines == b.n / 9 + 1, "New York x %zu: %zu matches", b.n / 9, lines ? lines - 1 : 0);
    char *got = tag_with(t, 0, b.s, b.n);
    OK(t->chunk_rounds == 1, "no lower-case word: matched %u times", t->chunk_rounds);
    OK(t->chunk_redone <= nchunks, "no lower-case word: %u chunks matched again (%zu chunks)", t->chunk_redone, nchunks);
    OK(one && got && !strcmp(one, got), "no lower-case word: chunks change the result");
    free(got);
    /* two threads: a cut between two threads' ranges moved, those ranges again */
    got = tag_with(t2, 0, b.s, b.n);
    OK(t2->chunk_rounds <= 3, "no lower-case word, 2 threads: %u rounds", t2->chunk_rounds);
    OK(t2->chunk_redone <= 3 * nchunks / 2, "no lower-case word, 2 threads: %u chunks matched again (%zu chunks)",
       t2->chunk_redone, nchunks);
    OK(one && got && !strcmp(one, got), "no lower-case word, 2 threads: chunks change the result");
    free(got);
    /* small chunks, with cuts moved many times and chunks joined */
    static const size_t sizes[] = {4096, 100, 24};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k] < 1000 ? 20000 : 256u << 10;
        char *one_s = tag_with(t, SIZE_MAX, b.s, n);
        for (int th = 0; th < 2; th++) {
            ng_tagger *tt = th ? t2 : t;
            got = tag_with(tt, sizes[k], b.s, n);
            OK(one_s && got && !strcmp(one_s, got), "no lower-case word, chunks of %zu, %d thread(s): chunks change the result",
               sizes[k], th + 1);
            OK(th || tt->chunk_rounds == 1, "no lower-case word, chunks of %zu: %u rounds", sizes[k], tt->chunk_rounds);
            free(got);
        }
        free(one_s);
    }
    /* the counts are the last article's, a short one's too */
    got = tag_with(t, 0, "New York", 8);
    OK(t->chunk_rounds == 1 && t->chunk_redone == 0, "short article: %u rounds, %u again", t->chunk_rounds, t->chunk_redone);
    free(got);
    free(one);
    free(b.s);
    ng_tagger_free(t);
    ng_tagger_free(t2);
}

/* Three names, each the other two's words in turn, over a text that
 * repeats their words: with NG_TAG_ALL a span starts at every word, so a
 * span lies across every place a cut can go, and each move of a cut finds
 * one across the new place too. After MAX_MOVES (8) moves the chunks on
 * either side are joined (tagger/pool.c, move_cut: a path no other test
 * reached; at chunks of 128 KiB this text moves the first cut 8 times and
 * joins on the ninth). The result is the one of one chunk, with one thread
 * and two, and without NG_TAG_ALL too. */
static void test_moves_limit(void) {
    static const char tsv[] = "cyc-abc\tLOC\talpha beta gamma\ncyc-bca\tLOC\tbeta gamma alpha\n"
                              "cyc-cab\tLOC\tgamma alpha beta\n";
    ng_dict_builder *bl = ng_dict_builder_new();
    ng_dict *cyc = NULL;
    ng_error err;
    int rc = bl ? ng_dict_builder_add_tsv(bl, "cyc.tsv", tsv, sizeof tsv - 1, &err) : NG_E_NOMEM;
    if (rc == NG_OK) rc = ng_dict_builder_finish(bl, &cyc, &err);
    ng_dict_builder_free(bl);
    OK(rc == NG_OK, "overlapping names: dictionary %d", rc);
    if (rc != NG_OK) return;
    buf b = {0};
    while (b.n < (200u << 10)) put(&b, "alpha beta gamma ");
    for (int all = 1; all >= 0; all--) {
        ng_tagger *t = ng_tagger_new(&cyc, 1, all ? NG_TAG_ALL : NG_TAG_DEFAULT);
        OK(t != NULL, "tagger");
        if (!t) break;
        /* chunks of 128 KiB (the default) over 200 KiB, of 4 KiB over 40 KiB */
        static const size_t sizes[] = {0, 4096}, lens[] = {200u << 10, 40u << 10};
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            size_t len = lens[k] / 17 * 17;   /* whole repeats */
            char *one = tag_with(t, SIZE_MAX, b.s, len);
            size_t lines = 0;
            for (const char *p = one; p && *p; p++) lines += *p == '\n';
            /* every word starts a span with NG_TAG_ALL (but the last two), every third without */
            size_t words = len / 17 * 3;
            OK(lines - 1 == (all ? words - 2 : words / 3), "overlapping names, all %d: %zu matches", all, lines - 1);
            for (unsigned th = 1; th <= 2; th++) {
                ng_tagger_set_threads(t, th);
                char *got = tag_with(t, sizes[k], b.s, len);
                OK(one && got && !strcmp(one, got), "overlapping names, all %d, chunks of %zu, %u thread(s): chunks change the result",
                   all, sizes[k], th);
                /* (what the test is for: the limit reached, with every span) */
                OK(!all || t->chunk_joins > 0, "overlapping names, chunks of %zu, %u thread(s): no cut joined after %d moves",
                   sizes[k], th, 8);
                free(got);
            }
            ng_tagger_set_threads(t, 1);
            free(one);
        }
        ng_tagger_free(t);
    }
    free(b.s);
    ng_dict_free(cyc);
}

int main(void) {
    ng_dict_builder *bl = ng_dict_builder_new();
    ng_error err;
    static const char *const files[] = {
        "dictionaries/entities-news.tsv", "dictionaries/events.tsv", "dictionaries/organizations-world.tsv",
        "dictionaries/organizations.tsv", "dictionaries/people.tsv", "dictionaries/places-aliases.tsv",
        "dictionaries/places-geonames.tsv", "dictionaries/places-iso.tsv", "dictionaries/places-nature.tsv",
        "dictionaries/places.tsv", NULL
    };
    int rc = bl ? NG_OK : NG_E_NOMEM;
    for (size_t i = 0; files[i] && rc == NG_OK; i++) rc = ng_dict_builder_add_file(bl, files[i], &err);
    if (rc == NG_OK) rc = ng_dict_builder_finish(bl, &dict, &err);
    ng_dict_builder_free(bl);
    names = ng_namelist_new();
    if (rc == NG_OK && names) rc = ng_namelist_add_file(names, "dictionaries/names", &err);
    OK(rc == NG_OK && names, "shipped dictionaries and names (run from the top of the tree): %d", rc);
    if (rc != NG_OK || !names) return harness_done("test_chunks");
    test_range_share();
    test_crafted();
    test_generated();
    test_dense();
    test_fields_no_thread();
    test_no_lower();
    test_moves_limit();
    test_nothing_found();
    ng_namelist_free(names);
    ng_dict_free(dict);
    return harness_done("test_chunks");
}
