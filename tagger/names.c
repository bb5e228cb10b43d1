/* Name rules (see tagger/NAMES.md and the contract in tagger_internal.h):
 *
 *  1. person-name rules, per chunk, on capitalised tokens only: a known
 *     given name (any case form) + capitalised word(s); initials + surname;
 *     a title + surname. Rule entities get the id "per:" + the Latin keys
 *     of the given name and surname, so every case form and every script
 *     (uk, ru, en) of a name is one entity;
 *  2. partial names, per article: a surname (or given name, or acronym of an
 *     organisation) alone resolves to the full name seen in the article;
 *  3. context, per article: a title or a place preposition before an
 *     ambiguous name, a person with that surname in the article, and the
 *     countries of the other places named choose among the candidates.
 *
 * The chunk pass keeps notes (capitalised words no dictionary matched,
 * single-word and ambiguous dictionary spans, full person names) in the
 * thread's state; the article pass reads the notes of every thread. Neither
 * pass tokenises again, and neither allocates per token (growing arrays and
 * a block arena are reused from article to article). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "tagger_internal.h"
#include <utf8proc.h>

/* ## Small helpers */

static size_t ncp(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Has s[0..len) at least k code points? (Stops counting at k.) */
static int ncp_ge(const char *s, size_t len, size_t k) {
    if (!k) return 1;
    if (len < k) return 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++n >= k) return 1;
    return 0;
}

static int ends_with(const char *s, size_t len, const char *e, size_t el) {
    return el <= len && memcmp(s + len - el, e, el) == 0;
}

/* Case endings (uk and ru, nouns and adjectives), longest first within the
 * table's order, then possessive surname suffixes. Stripping both gives the
 * stem shared by every case form of a name: Петренком, Петренко → петренк;
 * Петрова, Петровим, Петров → петр; Зеленського, Зеленська → зеленськ. */
static const char *const case_end[] = {
    "ового", "овому", "ими", "ыми", "ією", "ией", "ові", "еві", "єві", "ого", "ому", "ого",
    "ої", "ою", "ею", "єю", "ий", "ій", "ый", "ой", "ая", "яя", "ую", "юю", "им", "ым", "ім",
    "ом", "ем", "єм", "ия", "ии", "ию", "ія", "ії", "ію", "ей", "а", "я", "у", "ю", "і", "и",
    "ы", "е", "є", "о", "ь", "й", NULL
};
static const char *const poss_end[] = { "ов", "ев", "єв", "ёв", "ин", "ін", "ын", "їн", NULL };

/* The ending tables with their lengths and last two bytes, for a quick
 * reject (every ending is Cyrillic, two bytes a letter). */
typedef struct ending { const char *s; uint8_t len; uint16_t last; } ending;
static ending case_tab[64], poss_tab[16];
/* By the low 6 bits of the last byte, the entries (bits, in table order)
 * that may end so: only those need comparing. */
static uint64_t case_by_last[64], poss_by_last[64];
static pthread_once_t end_once = PTHREAD_ONCE_INIT;

static void end_fill(ending *t, uint64_t *by_last, const char *const *list) {
    for (size_t k = 0; list[k]; k++) {
        size_t l = strlen(list[k]);
        t[k] = (ending){list[k], (uint8_t)l, (uint16_t)((unsigned char)list[k][l - 2] << 8 | (unsigned char)list[k][l - 1])};
        by_last[t[k].last & 63] |= 1ull << k;
    }
}
static void end_init(void) {
    end_fill(case_tab, case_by_last, case_end);
    end_fill(poss_tab, poss_by_last, poss_end);
}

/* The first entry of t (in order) that f[0..n) ends with, leaving a stem of
 * at least 6 bytes and 3 letters, is stripped. */
static size_t strip(const ending *t, const uint64_t *by_last, const char *f, size_t n) {
    if (n < 8) return n;
    uint16_t last = (uint16_t)((unsigned char)f[n - 2] << 8 | (unsigned char)f[n - 1]);
    for (uint64_t m = by_last[last & 63]; m; m &= m - 1) {
        const ending *e = &t[__builtin_ctzll(m)];
        if (e->last != last || (size_t)e->len + 6 > n) continue;
        /* the last two bytes are equal: compare the rest (endings are short) */
        const char *a = f + n - e->len;
        size_t k = 0;
        while (k + 2 < e->len && a[k] == e->s[k]) k++;
        if (k + 2 >= e->len && ncp_ge(f, n - e->len, 3)) return n - e->len;
    }
    return n;
}

/* Byte length of the stem of a folded word (Cyrillic; other words are their
 * own stem). At least 3 letters stay. */
static size_t stem_len(const char *f, size_t len) {
    if (!len || (unsigned char)f[0] < 0x80) return len;
    pthread_once(&end_once, end_init);
    return strip(poss_tab, poss_by_last, f, strip(case_tab, case_by_last, f, len));
}

static uint64_t stem_hash(const char *f, size_t len) { return ng_hash(f, stem_len(f, len)); }

/* ## Cross-script keys (NAMES.md, "Ids")
 *
 * A key is a Latin skeleton of a folded word: Cyrillic letters are
 * romanised (the Ukrainian national system, KMU 2010, with the Russian
 * letters added: г ґ → h, и і ї й ы → i, є → ie, ю → iu, я → ia, ь ъ ' →
 * nothing), then the spelling variants of romanised names collapse: g kh → h,
 * y j → i (j only before a consonant or at the end), c → k (ch, cz stay ч),
 * ck → k, x → ks, ph → f, tz → ts, sch → sh, doubled letters → one, a
 * leading ie (Є, Ye) → e. Given names (mode SK_GIVEN) also turn a final ei
 * into i (Сергей, Sergei, Sergey, Serhiy, Сергій → serhi). Latin letters
 * with diacritics lose them (ø → o). At most SK_MAX bytes. */
enum { SK_MAX = 96, SK_GIVEN = 1 };

static const char *const cyr_lat[32] = {
    "a", "b", "v", "h", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "", "i", "", "e", "iu", "ia"
};

/* Romanises code point cp into out (ASCII, at most 4 bytes); returns the length. */
static size_t romanise(int32_t cp, char *out) {
    const char *r = NULL;
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) { out[0] = (char)(cp | 0x20); return 1; }
        return 0;
    }
    if (cp >= 0x430 && cp <= 0x44F) r = cyr_lat[cp - 0x430];
    else if (cp >= 0x410 && cp <= 0x42F) r = cyr_lat[cp - 0x410];
    else switch (cp) {
    case 0x451: case 0x401: r = "e"; break;          /* ё */
    case 0x454: case 0x404: r = "ie"; break;         /* є */
    case 0x456: case 0x457: case 0x406: case 0x407: r = "i"; break;
    case 0x491: case 0x490: r = "h"; break;          /* ґ */
    case 0x45E: r = "u"; break;                      /* ў */
    case 0xF8: case 0xD8: r = "o"; break;            /* ø */
    case 0xE6: case 0xC6: r = "ae"; break;
    case 0xDF: r = "ss"; break;
    case 0x153: r = "oe"; break;
    case 0x142: case 0x141: r = "l"; break;
    case 0x111: case 0x110: r = "d"; break;
    case 0x131: r = "i"; break;
    case 0x161: case 0x160: r = "sh"; break;         /* š */
    case 0x17E: case 0x17D: r = "zh"; break;         /* ž */
    case 0x10D: case 0x10C: r = "ch"; break;         /* č */
    default: {
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
        if (n > 0 && d[0] < 0x80) return romanise(d[0], out);
        return 0;
    }
    }
    size_t l = strlen(r);
    memcpy(out, r, l);
    return l;
}

static int is_vowel(char ch) { return ch && strchr("aeiouy", ch) != NULL; }

/* The skeleton of folded word f[0..fl) into out (SK_MAX bytes); its length. */
static size_t skel(const char *f, size_t fl, char *out, int mode) {
    char a[SK_MAX + 8];
    size_t n = 0;
    for (size_t i = 0; i < fl && n + 4 < SK_MAX;) {
        int32_t cp = 0;
        int k = ng_utf8_decode((const unsigned char *)f + i, fl - i, &cp);
        if (k <= 0) { i++; continue; }
        i += (size_t)k;
        n += romanise(cp, a + n);
    }
    a[n] = 0;
    char b[SK_MAX + 8];
    size_t m = 0;
    for (size_t i = 0; i < n && m + 4 < SK_MAX; i++) {
        char ch = a[i], nx = a[i + 1];
        if (ch == 's' && nx == 'c' && a[i + 2] == 'h') { b[m++] = 's'; b[m++] = 'h'; i += 2; continue; }
        if ((ch == 'z' || ch == 's' || ch == 'c') && nx == 'h') { b[m++] = ch; b[m++] = 'h'; i++; continue; }
        if ((ch == 'k' || ch == 'g') && nx == 'h') { b[m++] = 'h'; i++; continue; }
        if (ch == 'p' && nx == 'h') { b[m++] = 'f'; i++; continue; }
        if (ch == 't' && nx == 'z') { b[m++] = 't'; b[m++] = 's'; i++; continue; }
        if (ch == 'c' && nx == 'z') { b[m++] = 'c'; b[m++] = 'h'; i++; continue; }
        if (ch == 'c' && nx == 'k') { b[m++] = 'k'; i++; continue; }
        switch (ch) {
        case 'c': case 'q': b[m++] = 'k'; break;
        case 'g': b[m++] = 'h'; break;
        case 'x': b[m++] = 'k'; b[m++] = 's'; break;
        case 'y': b[m++] = 'i'; break;
        case 'j': b[m++] = is_vowel(nx) ? 'j' : 'i'; break;
        default: b[m++] = ch;
        }
    }
    /* doubled letters, then a leading ie */
    size_t o = 0;
    for (size_t i = 0; i < m; i++)
        if (!o || out[o - 1] != b[i]) out[o++] = b[i];
    if (o > 3 && out[0] == 'i' && out[1] == 'e') { memmove(out, out + 1, o - 1); o--; }
    if ((mode & SK_GIVEN) && o > 3 && out[o - 2] == 'e' && out[o - 1] == 'i') { out[o - 2] = 'i'; o--; }
    out[o] = 0;
    return o;
}

/* Letters of a skeleton as Cyrillic counts them (zh ch sh ts shch ia iu ie
 * are one letter each): the stem rules of Latin names mirror stem_len. */
static size_t sk_units(const char *s, size_t n) {
    size_t u = 0;
    for (size_t i = 0; i < n; i++, u++) {
        if (i + 3 < n && !memcmp(s + i, "shch", 4)) i += 3;
        else if (i + 1 < n && ((strchr("zcs", s[i]) && s[i + 1] == 'h') || (s[i] == 't' && s[i + 1] == 's') ||
                               (s[i] == 'i' && strchr("aue", s[i + 1]))))
            i++;
    }
    return u;
}

/* Strips the first ending of 'list' that leaves 3 letters of a word of 4. */
static size_t sk_strip(const char *s, size_t n, const char *const *list) {
    if (sk_units(s, n) < 4) return n;
    for (; *list; list++) {
        size_t el = strlen(*list);
        if (el < n && !memcmp(s + n - el, *list, el) && sk_units(s, n - el) >= 3) return n - el;
    }
    return n;
}

/* The stem of the skeleton of a Latin surname: the nominative endings that
 * stem_len takes off a Cyrillic surname (-ий/-ій/-ый, -ой, -ая, -а, -я,
 * -о, -е, -і, -у; then -ов/-ев/-ьов/-єв/-ін/-ин) come off its romanised
 * spellings (Zelenskyy, Zelensky, Zelenskiy → zelensk; Rebrov → rebr). */
static size_t sk_latin_stem(const char *s, size_t n) {
    static const char *const cases[] = { "aia", "oi", "ei", "ia", "iu", "ie", "a", "e", "i", "o", "u", NULL };
    static const char *const poss[] = { "iov", "iev", "ov", "ev", "in", NULL };
    return sk_strip(s, sk_strip(s, n, cases), poss);
}

/* ## Word sets (folded; Cyrillic titles by stem) */

typedef struct wset { uint64_t *h; size_t cap; } wset;

static void wset_add(wset *s, uint64_t h) {
    size_t i = h & (s->cap - 1);
    while (s->h[i] && s->h[i] != h) i = (i + 1) & (s->cap - 1);
    s->h[i] = h ? h : 1;
}
static int wset_has(const wset *s, uint64_t h) {
    if (!h) h = 1;
    for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->h[i]) return 0;
        if (s->h[i] == h) return 1;
    }
}

/* Words that are never a name part when capitalised (sentence starts,
 * pronouns, days, and the heads of place and organisation names). */
static const char *const stop_words[] = {
    "the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "to", "of", "for", "from", "by",
    "with", "as", "is", "was", "are", "were", "be", "it", "its", "he", "she", "they", "we", "you",
    "i", "his", "her", "their", "our", "this", "that", "these", "those", "there", "here", "when",
    "where", "what", "who", "which", "while", "after", "before", "since", "until", "about",
    "over", "under", "into", "than", "then", "so", "not", "no", "yes", "all", "any", "some",
    "each", "every", "one", "two", "new", "said", "says", "told", "also", "however", "but",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "july", "september", "october", "november", "december",
    "road", "street", "avenue", "square", "park", "house", "party", "club", "university",
    "college", "bank", "group", "court", "city", "county", "river", "lake", "island", "hotel",
    "church", "hospital", "school", "airport", "station", "stadium", "united", "rovers", "town",
    "cup", "league", "open", "inc", "corp", "co", "ltd", "plc", "ag", "sa", "fc", "association",
    "council", "committee", "ministry", "department", "agency", "institute", "foundation",
    "company", "corporation", "airlines", "times", "post", "news", "press", "television",
    "radio", "democrats", "republicans", "government", "army", "police", "state", "states",
    "republic", "kingdom", "union", "federation", "center", "centre", "hall", "bridge",
    "valley", "mountains", "beach", "bay", "gulf", "sea", "ocean", "north", "south", "east",
    "west", "day", "prize", "award", "games", "championship", "series", "grand", "prix", "mr",
    "prime", "vice", "foreign", "defence", "defense", "interior", "finance", "acting", "former",
    "attorney", "deputy", "first", "senior", "chief", "executive",
    "mrs", "ms", "dr", "morning", "herald", "tribune", "journal", "daily", "telegraph",
    "і", "й", "та", "а", "але", "що", "як", "це", "у", "в", "на", "з", "із", "зі", "до", "від",
    "за", "по", "про", "для", "не", "він", "вона", "вони", "ми", "ви", "я", "його", "її", "їх",
    "цей", "ця", "ці", "той", "там", "тут", "так", "коли", "де", "хто", "який", "яка", "які",
    "и", "но", "что", "это", "он", "она", "они", "мы", "вы", "из", "от", "во", "со", "о", "об",
    "при", "этот", "эта", "эти", "тот", "там", "тут", "когда", "где", "кто", "который",
    "которая", "которые", "так", "как", "уже", "ще", "ещё", "еще", "вже", "також", "тоже",
    "также", "проте", "однако", "адже", "ведь", "пане", "пані",
    NULL
};

/* Given names that are also common words: never sentence-initial. */
static const char *const weak_given[] = {
    "may", "will", "mark", "bill", "grant", "rose", "june", "april", "august", "hope", "faith",
    "grace", "joy", "art", "guy", "jack", "frank", "ray", "dean", "chase", "miles", "lane",
    "summer", "sunny", "don", "bob", "pat", "sue", "rob", "chuck", "victoria", "georgia",
    "jordan", "paris", "florence", "austin", "dallas", "lincoln", "christian", "israel",
    "carol", "holly", "ivy", "lily", "iris", "daisy", "dawn", "eve", "gay", "lance", "sterling",
    "young", "long", "king", "major", "earl", "duke", "baker", "page", "price", "love", "rich",
    "надія", "віра", "любов", "мир", "слава", "роман", "лев", "лука", "злата", "мілана",
    "надежда", "вера", "любовь", "роза", "ангелина", "майя", "ян",
    NULL
};

/* Titles (Latin folded; Cyrillic by stem, so every case form counts). */
static const char *const titles[] = {
    "president", "minister", "premier", "chancellor", "secretary", "general", "senator", "sen",
    "governor", "gov", "mayor", "ambassador", "envoy", "spokesman", "spokeswoman", "chairman",
    "chairwoman", "chief", "leader", "king", "queen", "prince", "princess", "pope", "judge",
    "justice", "colonel", "col", "lieutenant", "lt", "captain", "capt", "commander", "sergeant",
    "sgt", "mr", "mrs", "ms", "miss", "sir", "lord", "lady", "rev", "sheikh", "coach", "striker",
    "midfielder", "defender", "goalkeeper", "deputy", "rep", "congressman", "congresswoman",
    "cardinal", "archbishop", "bishop", "dr", "professor", "prof", "gen", "adm", "admiral",
    "president-elect", "dictator", "premier",
    "президент", "прем'єр", "премьер", "міністр", "министр", "генсек", "голова", "глава", "мер",
    "мэр", "посол", "посла", "речник", "депутат", "нардеп", "спікер", "спикер", "губернатор",
    "генерал", "полковник", "канцлер", "король", "лідер", "лидер", "очільник", "керівник",
    "руководитель", "директор", "суддя", "судья", "прокурор", "секретар", "секретарь",
    "патріарх", "патриарх", "митрополит", "віцепрем'єр", "вицепремьер", "пан", "пані",
    "господин", "госпожа", "командувач", "командующий", "тренер", "наставник", "форвард",
    "захисник", "нападающий", "журналіст", "журналист", "письменник", "писатель", "актор",
    "актер", "співак", "певец", "художник", "професор", "профессор", "академік", "академик",
    "сенатор", "конгресмен", "омбудсман", "віцепрезидент", "вицепрезидент", "ексміністр",
    "экс-министр", "експрезидент", "экспрезидент", "міністра", "бізнесмен", "бизнесмен",
    "олігарх", "олигарх", "мільярдер", "миллиардер", "політик", "политик", "голови", "главы",
    NULL
};

/* Particles inside names (van der Pas, de Palacio, фон Браун, ібн Сауд). */
static const char *const particles[] = {
    "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "al", "bin",
    "ibn", "ben", "el", "dos", "das", "ter", "ван", "фон", "де", "ді", "ди", "дер", "аль", "ель",
    "бін", "бен", "ібн", "ибн", "ла", "ле", "дю", "да", NULL
};

/* Place prepositions: before an ambiguous name they prefer a place. */
static const char *const place_preps[] = {
    "in", "at", "near", "across", "outside", "inside", "throughout", "у", "в", "на", "біля",
    "поблизу", "під", "во", "под", "около", "возле", "вблизи", NULL
};

static wset stop_set, weak_set, title_set, particle_set, prep_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;
static uint64_t sets_mem[5][1024];

static void fill(wset *s, uint64_t *mem, const char *const *list, int stemmed) {
    s->h = mem;
    s->cap = 1024;
    for (; *list; list++) {
        size_t l = strlen(*list);
        wset_add(s, stemmed ? stem_hash(*list, l) : ng_hash(*list, l));
        if (stemmed) wset_add(s, ng_hash(*list, l));
    }
}

static void sets_init(void) {
    fill(&stop_set, sets_mem[0], stop_words, 0);
    fill(&weak_set, sets_mem[1], weak_given, 0);
    fill(&title_set, sets_mem[2], titles, 1);
    fill(&particle_set, sets_mem[3], particles, 0);
    fill(&prep_set, sets_mem[4], place_preps, 0);
}

/* ## Given-name lists */

typedef struct gname {
    uint32_t nom, nom_len;      /* nominative as written (strs offset) */
    uint32_t fold, fold_len;    /* folded nominative */
    uint64_t stem;              /* stem hash of the folded nominative */
    uint32_t stem_off, stem_len;
    uint32_t sk_off, sk_len;    /* skeleton (SK_GIVEN) of the folded nominative */
    unsigned char fem, weak, lang;
} gname;

/* A variant group member: the skeleton hash of a spelling and the group key
 * (the skeleton of the group's first spelling, in strs). */
typedef struct gvar { uint64_t hash; uint32_t key, key_len; } gvar;

typedef struct gform {
    uint64_t hash;              /* ng_hash of the folded form */
    uint32_t off, len;          /* folded form in strs */
    uint32_t name;              /* index in names */
    uint32_t is_nom;
} gform;

struct ng_namelist {
    char *strs; size_t nstrs, strs_cap;
    gname *names; size_t nnames, names_cap;
    gform *forms; size_t nforms, forms_cap;
    uint32_t *table; size_t table_cap;   /* form index + 1, by hash */
    gvar *vars; size_t nvars, vars_cap;  /* open addressing by hash (hash 0: empty) */
};

ng_namelist *ng_namelist_new(void) {
    ng_norm_init();
    pthread_once(&sets_once, sets_init);
    return calloc(1, sizeof(ng_namelist));
}

void ng_namelist_free(ng_namelist *nl) {
    if (!nl) return;
    free(nl->strs);
    free(nl->names);
    free(nl->forms);
    free(nl->table);
    free(nl->vars);
    free(nl);
}

size_t ng_namelist_count(const ng_namelist *nl) { return nl ? nl->nnames : 0; }

static long nl_str(ng_namelist *nl, const char *s, size_t len) {
    if (ng_grow((void **)&nl->strs, &nl->strs_cap, nl->nstrs + len + 1, 1)) return -1;
    memcpy(nl->strs + nl->nstrs, s, len);
    nl->strs[nl->nstrs + len] = 0;
    long off = (long)nl->nstrs;
    nl->nstrs += len + 1;
    return off;
}

static void table_put(uint32_t *tab, size_t cap, const gform *f, uint32_t idx) {
    size_t i = f->hash & (cap - 1);
    while (tab[i]) i = (i + 1) & (cap - 1);
    tab[i] = idx + 1;
}

static int nl_form(ng_namelist *nl, const char *f, size_t len, uint32_t name, int is_nom) {
    uint64_t h = ng_hash(f, len);
    /* the same form of the same name once */
    if (nl->table_cap)
        for (size_t i = h & (nl->table_cap - 1); nl->table[i]; i = (i + 1) & (nl->table_cap - 1)) {
            const gform *g = &nl->forms[nl->table[i] - 1];
            if (g->hash == h && g->name == name && g->len == len && !memcmp(nl->strs + g->off, f, len))
                return NG_OK;
        }
    long off = nl_str(nl, f, len);
    if (off < 0 || ng_grow((void **)&nl->forms, &nl->forms_cap, nl->nforms + 1, sizeof *nl->forms))
        return NG_E_NOMEM;
    gform *g = &nl->forms[nl->nforms];
    *g = (gform){h, (uint32_t)off, (uint32_t)len, name, (uint32_t)is_nom};
    if ((nl->nforms + 1) * 2 > nl->table_cap) {
        size_t cap = nl->table_cap ? nl->table_cap * 2 : 1024;
        uint32_t *tab = calloc(cap, sizeof *tab);
        if (!tab) return NG_E_NOMEM;
        for (size_t k = 0; k < nl->nforms; k++) table_put(tab, cap, &nl->forms[k], (uint32_t)k);
        free(nl->table);
        nl->table = tab;
        nl->table_cap = cap;
    }
    table_put(nl->table, nl->table_cap, g, (uint32_t)nl->nforms);
    nl->nforms++;
    return NG_OK;
}

typedef struct emit_ctx { ng_namelist *nl; uint32_t name; int rc; } emit_ctx;

static int on_form(const char *const *words, const size_t *lens, size_t n, void *ud) {
    emit_ctx *e = ud;
    if (n < 1) return 0;
    e->rc = nl_form(e->nl, words[0], lens[0], e->name, 0);
    return e->rc;
}

static const char *const male_a[] = {
    "микола", "никита", "илья", "ілля", "кузьма", "лука", "фома", "савва", "иона", "михайло",
    "данила", "саша", "женя", "валя", "слава", NULL
};

/* Does s[0..len) contain ё or Ё? */
static int has_yo(const char *s, size_t len) {
    for (size_t i = 0; i + 1 < len; i++)
        if ((unsigned char)s[i] == 0xD1 && (unsigned char)s[i + 1] == 0x91) return 1;
        else if ((unsigned char)s[i] == 0xD0 && (unsigned char)s[i + 1] == 0x81) return 1;
    return 0;
}

/* The language the letters of folded Cyrillic text mark: і ї є ґ → uk,
 * ы э ъ → ru; otherwise NG_LANG_UNKNOWN. */
static int script_lang(const char *f, size_t fl) {
    for (size_t i = 0; i + 1 < fl; i++) {
        unsigned char a = (unsigned char)f[i], b = (unsigned char)f[i + 1];
        if (a == 0xD1 && (b == 0x96 || b == 0x97 || b == 0x94)) return NG_LANG_UK;
        if (a == 0xD2 && b == 0x91) return NG_LANG_UK;
        if (a == 0xD1 && (b == 0x8B || b == 0x8D || b == 0x8A)) return NG_LANG_RU;
    }
    return NG_LANG_UNKNOWN;
}

static int add_name(ng_namelist *nl, const char *name, size_t len, int lang) {
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r')) len--;
    while (len && (*name == ' ' || *name == '\t')) { name++; len--; }
    if (!len || *name == '#') return NG_OK;
    size_t fl = 0;
    char *f = ng_fold(name, len, &fl);
    if (!f) return NG_E_NOMEM;
    /* one word only (no spaces, hyphens or dots) */
    for (size_t i = 0; i < fl; i++)
        if (f[i] == ' ' || f[i] == '-' || f[i] == '.') { free(f); return NG_OK; }
    if (!fl || fl > NG_MAX_TOKEN) { free(f); return NG_OK; }
    uint64_t h = ng_hash(f, fl);
    /* already listed: keep the first entry */
    if (nl->table_cap)
        for (size_t i = h & (nl->table_cap - 1); nl->table[i]; i = (i + 1) & (nl->table_cap - 1)) {
            const gform *g = &nl->forms[nl->table[i] - 1];
            if (g->is_nom && g->hash == h && g->len == fl && !memcmp(nl->strs + g->off, f, fl)) {
                /* Артём and Артем: the nominative shown is the one without ё,
                 * which is also the Ukrainian spelling */
                gname *e = &nl->names[g->name];
                int rc = NG_OK;
                if (has_yo(nl->strs + e->nom, e->nom_len) && !has_yo(name, len)) {
                    long nom = nl_str(nl, name, len);
                    if (nom < 0) rc = NG_E_NOMEM;
                    else { e = &nl->names[g->name]; e->nom = (uint32_t)nom; }
                }
                free(f);
                return rc;
            }
        }
    if (ng_grow((void **)&nl->names, &nl->names_cap, nl->nnames + 1, sizeof *nl->names)) {
        free(f);
        return NG_E_NOMEM;
    }
    long nom = nl_str(nl, name, len), fo = nl_str(nl, f, fl);
    size_t sl = stem_len(f, fl);
    long so = nl_str(nl, f, sl);
    char sk[SK_MAX + 1];
    size_t skl = skel(f, fl, sk, SK_GIVEN);
    long ko = nl_str(nl, sk, skl);
    if (nom < 0 || fo < 0 || so < 0 || ko < 0) { free(f); return NG_E_NOMEM; }
    gname *g = &nl->names[nl->nnames];
    int cyr = (unsigned char)f[0] >= 0x80;
    int fem = 0, weak = 0;
    if (cyr && (ends_with(f, fl, "а", 2) || ends_with(f, fl, "я", 2))) {
        fem = 1;
        for (const char *const *m = male_a; *m; m++)
            if (strlen(*m) == fl && !memcmp(*m, f, fl)) fem = 0;
    }
    pthread_once(&sets_once, sets_init);
    weak = wset_has(&weak_set, h);
    int glang = lang != NG_LANG_UNKNOWN ? lang : script_lang(f, fl);
    if (glang == NG_LANG_UNKNOWN && has_yo(name, len)) glang = NG_LANG_RU;
    *g = (gname){(uint32_t)nom, (uint32_t)len, (uint32_t)fo, (uint32_t)fl, ng_hash(f, sl),
                 (uint32_t)so, (uint32_t)sl, (uint32_t)ko, (uint32_t)skl, (unsigned char)fem,
                 (unsigned char)weak, (unsigned char)(cyr ? glang : NG_LANG_UNKNOWN)};
    uint32_t idx = (uint32_t)nl->nnames++;
    int rc = nl_form(nl, f, fl, idx, 1);
    if (rc == NG_OK && cyr) {
        /* case forms: the given name before an indeclinable short dummy surname */
        ng_inflect_word w[2] = {
            {f, fl, name, len, 1},
            {"ню", strlen("ню"), "Ню", strlen("Ню"), 1},
        };
        emit_ctx e = {nl, idx, 0};
        ng_inflect_alias(w, 2, "PER", lang, on_form, &e);
        rc = e.rc;
    }
    free(f);
    return rc;
}

/* The group key of a given-name skeleton (NULL: in no group). */
static const char *var_key(const ng_namelist *nl, const char *sk, size_t skl, size_t *kl) {
    if (!nl->vars_cap) return NULL;
    uint64_t h = ng_hash(sk, skl);
    if (!h) h = 1;
    for (size_t i = h & (nl->vars_cap - 1); nl->vars[i].hash; i = (i + 1) & (nl->vars_cap - 1))
        if (nl->vars[i].hash == h) { *kl = nl->vars[i].key_len; return nl->strs + nl->vars[i].key; }
    return NULL;
}

static void var_put(gvar *tab, size_t cap, gvar v) {
    size_t i = v.hash & (cap - 1);
    while (tab[i].hash) i = (i + 1) & (cap - 1);
    tab[i] = v;
}

/* A variant line: spellings of one given name separated by '|' (each is
 * added as a given name; all get the key of the first). */
static int add_variants(ng_namelist *nl, const char *line, size_t len, int lang) {
    size_t lead = 0;
    while (lead < len && (line[lead] == ' ' || line[lead] == '\t')) lead++;
    if (lead < len && line[lead] == '#') return NG_OK;
    long key = -1;
    size_t key_len = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && line[j] != '|') j++;
        const char *w = line + i;
        size_t wl = j - i;
        while (wl && (w[wl - 1] == ' ' || w[wl - 1] == '\t' || w[wl - 1] == '\r')) wl--;
        while (wl && (*w == ' ' || *w == '\t')) { w++; wl--; }
        i = j + 1;
        if (!wl) continue;
        int rc = add_name(nl, w, wl, lang);
        if (rc) return rc;
        size_t fl = 0;
        char *f = ng_fold(w, wl, &fl);
        if (!f) return NG_E_NOMEM;
        char sk[SK_MAX + 1];
        size_t skl = skel(f, fl, sk, SK_GIVEN);
        free(f);
        if (!skl) continue;
        if (key < 0) {
            key = nl_str(nl, sk, skl);
            if (key < 0) return NG_E_NOMEM;
            key_len = skl;
        }
        size_t kl;
        if (var_key(nl, sk, skl, &kl)) continue;   /* the first group wins */
        if ((nl->nvars + 1) * 2 > nl->vars_cap) {
            size_t cap = nl->vars_cap ? nl->vars_cap * 2 : 256;
            gvar *tab = calloc(cap, sizeof *tab);
            if (!tab) return NG_E_NOMEM;
            for (size_t k = 0; k < nl->vars_cap; k++) if (nl->vars[k].hash) var_put(tab, cap, nl->vars[k]);
            free(nl->vars);
            nl->vars = tab;
            nl->vars_cap = cap;
        }
        uint64_t h = ng_hash(sk, skl);
        var_put(nl->vars, nl->vars_cap, (gvar){h ? h : 1, (uint32_t)key, (uint32_t)key_len});
        nl->nvars++;
    }
    return NG_OK;
}

/* The key of a given name: its group's, or its own skeleton. */
static const char *given_key(const ng_namelist *nl, const gname *g, size_t *kl) {
    const char *k = var_key(nl, nl->strs + g->sk_off, g->sk_len, kl);
    if (k) return k;
    *kl = g->sk_len;
    return nl->strs + g->sk_off;
}

int ng_namelist_add(ng_namelist *nl, const char *name, size_t len, int lang) {
    if (!nl || !name) return NG_E_ARG;
    int l = lang == 1 ? NG_LANG_UK : lang == 2 ? NG_LANG_RU : NG_LANG_UNKNOWN;
    return memchr(name, '|', len) ? add_variants(nl, name, len, l) : add_name(nl, name, len, l);
}

static int add_one_file(ng_namelist *nl, const char *path, ng_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open given-name list");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int lang = strstr(base, "-uk") ? NG_LANG_UK : strstr(base, "-ru") ? NG_LANG_RU : NG_LANG_UNKNOWN;
    char line[1024];
    long ln = 0;
    int rc = NG_OK;
    while (rc == NG_OK && fgets(line, sizeof line, f)) {
        ln++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) l--;
        for (size_t i = 0; i < l;) {
            int k = ng_utf8_valid_len((const unsigned char *)line + i, l - i);
            if (k < 0) { rc = ng_error_set(err, NG_E_UNICODE, path, ln, 0, "invalid UTF-8"); break; }
            i += (size_t)k;
        }
        if (rc == NG_OK) rc = memchr(line, '|', l) ? add_variants(nl, line, l, lang) : add_name(nl, line, l, lang);
    }
    if (rc == NG_E_NOMEM) ng_error_set(err, rc, path, ln, 0, "out of memory");
    fclose(f);
    return rc;
}

int ng_namelist_add_file(ng_namelist *nl, const char *path, ng_error *err) {
    if (!nl || !path) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "no name list");
    struct stat st;
    if (stat(path, &st) < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open given-name list");
    if (!S_ISDIR(st.st_mode)) return add_one_file(nl, path, err);
    char **files;
    size_t n;
    int rc = ng_dir_list(path, ".txt", &files, &n, err);
    for (size_t i = 0; rc == NG_OK && i < n; i++) {
        const char *base = strrchr(files[i], '/') + 1;
        if (!strncmp(base, "given", 5)) rc = add_one_file(nl, files[i], err);
    }
    ng_strv_free(files, n);
    return rc;
}

/* Visits the given names whose form is fold[0..len); returns the count. */
static size_t nl_lookup(const ng_namelist *nl, uint64_t h, const char *f, size_t len, const gform **out,
                        size_t max) {
    size_t n = 0;
    if (!nl || !nl->table_cap) return 0;
    for (size_t i = h & (nl->table_cap - 1); nl->table[i]; i = (i + 1) & (nl->table_cap - 1)) {
        const gform *g = &nl->forms[nl->table[i] - 1];
        if (g->hash == h && g->len == len && !memcmp(nl->strs + g->off, f, len) && n < max) out[n++] = g;
    }
    return n;
}

/* ## Per-thread and per-article state */

typedef struct block { struct block *next; size_t len, cap; char data[]; } block;
typedef struct arena { block *head, *cur; } arena;

static void arena_reset(arena *a) {
    for (block *b = a->head; b; b = b->next) b->len = 0;
    a->cur = a->head;
}
static void arena_free(arena *a) {
    for (block *b = a->head, *n; b; b = n) { n = b->next; free(b); }
    a->head = a->cur = NULL;
}
/* Copies s[0..len) plus a NUL; the pointer stays valid until the next reset. */
static char *arena_put(arena *a, const char *s, size_t len) {
    for (;;) {
        block *b = a->cur;
        if (b && b->cap - b->len >= len + 1) {
            char *p = b->data + b->len;
            memcpy(p, s, len);
            p[len] = 0;
            b->len += len + 1;
            return p;
        }
        if (b && b->next) { a->cur = b->next; continue; }
        size_t cap = len + 1 > 16384 ? len + 1 : 16384;
        block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->next = NULL;
        nb->len = 0;
        nb->cap = cap;
        if (b) b->next = nb;
        else a->head = nb;
        a->cur = nb;
    }
}

enum {
    N_FREE = 1,     /* a capitalised word no span covers */
    N_SPAN = 2,     /* a dictionary span: one word, or several candidates */
    N_PER = 3,      /* a full person name (dictionary or rule) */
    N_ORG = 4,      /* an organisation name of several capitalised words (acronym) */
    N_REF = 5       /* a rule span naming a person by initials or title + surname */
};
enum { CUE_TITLE = 1, CUE_PLACE = 2, NF_GIVEN = 4, NF_UPPER = 8, NF_LATIN = 16 };

/* A note of kind N_SPAN, N_PER, N_ORG or N_REF (32 bytes). The rare kinds
 * N_PER, N_ORG and N_REF keep the rest in a side record (nxt). */
typedef struct note {
    size_t start;
    uint64_t key;        /* stem hash of the (last) word; N_ORG: hash of the acronym */
    uint32_t len;        /* end - start */
    unsigned field;
    uint32_t ext;        /* N_PER, N_ORG, N_REF: index in mnames.ext */
    uint8_t kind, cues;
} note;

typedef struct nxt {
    const char *id, *type, *name;
    size_t cand;         /* N_REF: the span's candidate index in its state */
    uint64_t key2;       /* N_PER: stem hash of the given name */
    uint32_t initial;    /* N_PER/N_REF: first letter of the given name (code point) */
    int reg;             /* N_REF: a surname alone may resolve to it (see ng_names_doc) */
} nxt;

/* The notes of kind N_FREE (one for most capitalised words no dictionary
 * matched, so the bulk of all notes) are a stream of 16-byte records:
 *   a header {start << 24 | len << 8 | flags, key (stem hash)}, then
 *   {start, len} if R_WIDE (start >= 2^40 or len > 0xFFFF), then
 *   {key2, 0} if R_KEY2 (NF_UPPER: ng_hash of the fold; NF_GIVEN: the stem
 *   hash of the given name);
 *   {R_FIELD, field} before the first note of a field.
 * The flags are the NF_* cues and R_*. */
enum { R_KEY2 = 32, R_WIDE = 64, R_FIELD = 128 };
typedef struct frec { uint64_t a, b; } frec;

typedef struct mnames {
    note *notes; size_t nnotes, notes_cap;
    nxt *ext; size_t next, ext_cap;
    frec *free; size_t nfree, free_cap;
    unsigned ffield; int fset;              /* field of the last N_FREE record */
    arena ar;
    size_t *dead; size_t ndead, dead_cap;   /* dictionary spans a rule replaced */
} mnames;

/* A note of the article pass: the note and its side record (or NULL). */
typedef struct nref { const note *n; const nxt *x; } nref;

/* The registry: entries in article order, chained by key (next: index + 1
 * of the next entry with that key, 0 at the end); rhead maps a key to the
 * first entry of its chain (index + 1; open addressing by the key, the key
 * kept in the slot: most lookups are misses and touch only the table). */
typedef struct reg { uint64_t key; size_t note, next; } reg;
typedef struct rslot { uint64_t key; size_t first; } rslot;

typedef struct tnames {
    const ng_namelist *nl;
    reg *regs; size_t nregs, regs_cap;
    nref *all; size_t nall, all_cap;
    rslot *rhead; size_t rhead_cap;
    arena ar;
} tnames;

static tnames *tstate(ng_tagger *t) {
    if (!t->names) t->names = calloc(1, sizeof(tnames));
    return t->names;
}

int ng_tagger_set_names(ng_tagger *t, const ng_namelist *nl) {
    tnames *tn = tstate(t);
    if (!tn) return NG_E_NOMEM;
    pthread_once(&sets_once, sets_init);
    tn->nl = nl;
    return NG_OK;
}

void ng_names_reset_state(mstate *m) {
    mnames *mn = m->names;
    if (!mn) return;
    mn->nnotes = 0;
    mn->next = 0;
    mn->nfree = 0;
    mn->fset = 0;
    mn->ndead = 0;
    arena_reset(&mn->ar);
}

void ng_names_reset(ng_tagger *t) {
    ng_names_reset_state(&t->m);
    for (unsigned k = 0; t->workers && k + 1 < t->nstates; k++) ng_names_reset_state(&t->workers[k]);
    tnames *tn = t->names;
    if (tn) { tn->nregs = 0; tn->nall = 0; arena_reset(&tn->ar); }
}

void ng_names_free_state(mstate *m) {
    mnames *mn = m->names;
    if (!mn) return;
    free(mn->notes);
    free(mn->ext);
    free(mn->free);
    free(mn->dead);
    arena_free(&mn->ar);
    free(mn);
    m->names = NULL;
}

void ng_names_free(ng_tagger *t) {
    tnames *tn = t->names;
    if (!tn) return;
    free(tn->regs);
    free(tn->all);
    free(tn->rhead);
    arena_free(&tn->ar);
    free(tn);
    t->names = NULL;
}

/* A new note of 'kind' over [start, end); *x gets its side record (zeroed)
 * when x is not NULL. */
/* After the article pass the notes are dead. A buffer that a very large
 * article grew beyond NOTES_KEEP bytes is shrunk back to that (realloc
 * returns the pages; a free would make glibc serve the matcher's next large
 * buffers from the heap) rather than kept at its size for the next article. */
enum { NOTES_KEEP = 1 << 20 };
static void shrink(void **v, size_t *cap, size_t elt) {
    if (*cap * elt <= NOTES_KEEP) return;
    void *p = realloc(*v, NOTES_KEEP);
    if (!p) return;
    *v = p;
    *cap = NOTES_KEEP / elt;
}

static void names_release(mnames *mn) {
    mn->nnotes = mn->next = mn->nfree = 0;
    mn->fset = 0;
    shrink((void **)&mn->free, &mn->free_cap, sizeof *mn->free);
    shrink((void **)&mn->notes, &mn->notes_cap, sizeof *mn->notes);
    shrink((void **)&mn->ext, &mn->ext_cap, sizeof *mn->ext);
}

static note *add_note(mnames *mn, unsigned kind, unsigned field, size_t start, size_t end, nxt **x) {
    if (ng_grow((void **)&mn->notes, &mn->notes_cap, mn->nnotes + 1, sizeof *mn->notes)) return NULL;
    if (x && ng_grow((void **)&mn->ext, &mn->ext_cap, mn->next + 1, sizeof *mn->ext)) return NULL;
    note *n = &mn->notes[mn->nnotes++];
    *n = (note){.start = start, .len = (uint32_t)(end - start), .field = field, .kind = (uint8_t)kind};
    if (x) {
        n->ext = (uint32_t)mn->next;
        *x = &mn->ext[mn->next++];
        memset(*x, 0, sizeof **x);
    }
    return n;
}

/* Appends an N_FREE note to the record stream. */
static int add_free(mnames *mn, unsigned field, size_t start, size_t end, uint64_t key, uint64_t key2,
                    unsigned cues) {
    if (mn->nfree + 4 > mn->free_cap && ng_grow((void **)&mn->free, &mn->free_cap, mn->nfree + 4, sizeof *mn->free))
        return NG_E_NOMEM;
    frec *r = mn->free + mn->nfree;
    if (!mn->fset || mn->ffield != field) {
        *r++ = (frec){R_FIELD, field};
        mn->ffield = field;
        mn->fset = 1;
    }
    size_t len = end - start;
    int wide = (uint64_t)start >= (1ull << 40) || len > 0xFFFF;
    int k2 = (cues & (NF_UPPER | NF_GIVEN)) != 0;
    uint64_t hdr = wide ? 0 : (uint64_t)start << 24 | (uint64_t)len << 8;
    *r++ = (frec){hdr | cues | (wide ? R_WIDE : 0) | (k2 ? R_KEY2 : 0), key};
    if (wide) *r++ = (frec){start, len};
    if (k2) *r++ = (frec){key2, 0};
    mn->nfree = (size_t)(r - mn->free);
    return NG_OK;
}

/* ## The chunk pass */

typedef struct chunkctx {
    const ng_tagger *t;
    const ng_namelist *nl;
    mstate *m;
    mnames *mn;
    const ng_token *tok;
    size_t nt;
    const char *fold;
    const char *text;    /* the field */
    size_t base;
    unsigned field;
    size_t first, ndict; /* the chunk's dictionary spans: m->spans[first .. ndict) */
    size_t sp;           /* walk position in the spans */
    int rules, partial, context, all;
} chunkctx;

static const char *tfold(const chunkctx *c, size_t i) { return c->fold + c->tok[i].fold; }
static size_t tlen(const chunkctx *c, size_t i) { return c->tok[i].fold_len; }

/* Stem hash of token i (the token's own hash when nothing is stripped). */
static uint64_t tok_stem(const chunkctx *c, size_t i) {
    size_t l = stem_len(tfold(c, i), tlen(c, i));
    return l == tlen(c, i) ? c->tok[i].hash : ng_hash(tfold(c, i), l);
}

static int is_name_word(const ng_token *t) {
    return (t->flags & (TK_WORD | TK_DIGIT | TK_LONG)) == TK_WORD && (t->flags & (TK_CYR | TK_LATIN)) &&
           !((t->flags & TK_CYR) && (t->flags & TK_LATIN));
}

/* A capitalised word that may be part of a name (not a stop word, not in
 * capitals unless one letter). */
static int is_cap_word(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (!is_name_word(t) || !(t->flags & TK_UPPER1)) return 0;
    if ((t->flags & TK_ALLUPPER) && ncp_ge(tfold(c, i), tlen(c, i), 2)) return 0;
    return !wset_has(&stop_set, t->hash) && !wset_has(&title_set, t->hash);
}

static int is_punct(const chunkctx *c, size_t i, char ch) {
    return i < c->nt && (c->tok[i].flags & TK_PUNCT) && tlen(c, i) == 1 && tfold(c, i)[0] == ch;
}

/* An initial: one capital letter and a dot right after it. */
static int is_initial(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (i + 1 >= c->nt || !is_name_word(t) || !(t->flags & TK_UPPER1)) return 0;
    /* one code point: at most 4 bytes */
    if (tlen(c, i) > 4 || ncp(tfold(c, i), tlen(c, i)) != 1) return 0;
    return is_punct(c, i + 1, '.') && !(c->tok[i + 1].flags & TK_SPACE);
}

/* Sentence start: first token, after a line break or after . ! ? : or a quote/dash. */
static int sentence_initial(const chunkctx *c, size_t i) {
    if (i == 0 || (c->tok[i].flags & TK_NL)) return 1;
    const ng_token *p = &c->tok[i - 1];
    if (!(p->flags & TK_PUNCT)) return 0;
    const char *f = tfold(c, i - 1);
    size_t l = tlen(c, i - 1);
    if (l == 1 && f[0] && strchr(".!?:;\"-", f[0])) return 1;
    /* compare whole tokens: a longer token must not read past the literals */
    if (l == 2 || l == 3) {
        static const char *const open[] = {"«", "…", "“", "„"};
        for (size_t k = 0; k < 4; k++)
            if (strlen(open[k]) == l && !memcmp(f, open[k], l)) return 1;
    }
    return 0;
}

static int is_patronymic(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (!(t->flags & TK_CYR) || !(t->flags & TK_UPPER1)) return 0;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i);
    static const char *const pat[] = { "ович", "евич", "євич", "ьович", "івн", "ївн", "овн", "евн", "ичн", NULL };
    for (const char *const *p = pat; *p; p++) {
        size_t pl = strlen(*p);
        for (size_t k = l >= pl + 8 ? l - pl - 8 : 0; k + pl <= l; k++)
            if (!memcmp(f + k, *p, pl) && ncp(f, k) >= 2) return 1;
    }
    return 0;
}

/* The dictionary span that covers byte 'b' of the field (walking forward),
 * or -1. Only chosen spans count (overlaps in --all mode are skipped). */
static long covering(chunkctx *c, size_t b) {
    const span *s = c->m->spans;
    while (c->sp < c->ndict && ((s[c->sp].flags & NG_MATCH_OVERLAP) || s[c->sp].end <= b)) c->sp++;
    if (c->sp < c->ndict && s[c->sp].start <= b) return (long)c->sp;
    return -1;
}

static long covering_at(const chunkctx *c, size_t from, size_t b) {
    const span *s = c->m->spans;
    for (size_t k = from; k < c->ndict; k++) {
        if (s[k].flags & NG_MATCH_OVERLAP) continue;
        if (s[k].start > b) return -1;
        if (s[k].end > b) return (long)k;
    }
    return -1;
}

static size_t tok_start(const chunkctx *c, size_t i) { return c->base + c->tok[i].start; }
static size_t tok_end(const chunkctx *c, size_t i) { return c->base + c->tok[i].end; }

/* Candidate types of span k: bit 1 PER, 2 LOC, 4 ORG, 8 other. */
static unsigned span_types(const mstate *m, size_t k) {
    unsigned r = 0;
    const span *s = &m->spans[k];
    for (size_t i = 0; i < s->ncand; i++) {
        const char *ty = m->cands[s->cand + i].c.type;
        r |= !strcmp(ty, "PER") ? 1u : !strcmp(ty, "LOC") ? 2u : !strcmp(ty, "ORG") ? 4u : 8u;
    }
    return r;
}

/* Can token i be part of a rule span? Not if a dictionary span that is not
 * a person covers it, or one that reaches outside [lo, hi) of the tokens. */
static int free_for_rule(const chunkctx *c, size_t i, size_t lo_tok, int allow_other) {
    long k = covering_at(c, c->sp, tok_start(c, i));
    if (k < 0) return 1;
    const span *s = &c->m->spans[k];
    if (s->start < tok_start(c, lo_tok)) return 0;
    if (!(span_types(c->m, (size_t)k) & 1) && !allow_other) return 0;
    return 1;
}

/* Appends a rule span over tokens [i, j] naming entity (id, name). */
static int add_rule_span(chunkctx *c, size_t i, size_t j, const char *id, const char *name, unsigned flags) {
    mstate *m = c->m;
    if (ng_grow((void **)&m->cands, &m->cands_cap, m->ncands + 1, sizeof *m->cands) ||
        ng_grow((void **)&m->spans, &m->spans_cap, m->nspans + 1, sizeof *m->spans))
        return NG_E_NOMEM;
    cand *cd = &m->cands[m->ncands];
    cd->c.id = id;
    cd->c.type = "PER";
    cd->c.name = name;
    cd->priority = 0;
    cd->order = UINT64_MAX;
    cd->inflected = 0;
    span *s = &m->spans[m->nspans++];
    s->start = tok_start(c, i);
    s->end = tok_end(c, j);
    s->field = c->field;
    s->cand = m->ncands++;
    s->ncand = 1;
    s->flags = NG_MATCH_RULE | SPAN_FIXED | flags;
    /* dictionary spans inside it are replaced (kept as overlaps in --all) */
    for (size_t k = c->sp; k < c->ndict; k++) {
        span *d = &m->spans[k];
        if (d->start >= s->end) break;
        if (d->start >= s->start && d->end <= s->end && !c->all) {
            if (ng_grow((void **)&c->mn->dead, &c->mn->dead_cap, c->mn->ndead + 1, sizeof *c->mn->dead))
                return NG_E_NOMEM;
            c->mn->dead[c->mn->ndead++] = k;
        }
    }
    return NG_OK;
}

/* Appends the UTF-8 slug part of a folded word to buf. */
static size_t put(char *buf, size_t len, size_t cap, const char *s, size_t n) {
    if (len + n + 1 >= cap) return len;
    memcpy(buf + len, s, n);
    return len + n;
}

/* Appends the key of a name word (folded) to buf: a Cyrillic word gives
 * the skeleton of its stem, a Latin word the stem of its skeleton, so that
 * Ребров, Реброва, Rebrov → rebr and Зеленський, Зеленского, Zelenskyy →
 * zelensk. */
static size_t put_key(char *buf, size_t len, size_t cap, const char *f, size_t fl, int latin) {
    char sk[SK_MAX + 1];
    size_t n = latin ? sk_latin_stem(sk, skel(f, fl, sk, 0)) : skel(f, stem_len(f, fl), sk, 0);
    return put(buf, len, cap, sk, n);
}

/* Nominative guess of a surname (display only; the id uses stems). */
typedef struct nomrule { const char *from, *to; int fem; } nomrule;
static const nomrule nom_rules[] = {
    {"ського", "ський", 0}, {"ському", "ський", 0}, {"ським", "ський", 0}, {"ськім", "ський", 0},
    {"цького", "цький", 0}, {"цькому", "цький", 0}, {"цьким", "цький", 0},
    {"ского", "ский", 0}, {"скому", "ский", 0}, {"ским", "ский", 0}, {"ском", "ский", 0},
    {"цкого", "цкий", 0}, {"цкому", "цкий", 0}, {"цким", "цкий", 0},
    {"енкові", "енко", 0}, {"енком", "енко", 0}, {"енка", "енко", 0}, {"енку", "енко", 0},
    {"овим", "ов", 0}, {"овым", "ов", 0}, {"овом", "ов", 0}, {"ові", "ов", 0}, {"ова", "ов", 0},
    {"ову", "ов", 0}, {"ове", "ов", 0}, {"евим", "ев", 0}, {"евым", "ев", 0}, {"ева", "ев", 0},
    {"еву", "ев", 0}, {"іним", "ін", 0}, {"іна", "ін", 0}, {"іну", "ін", 0}, {"иным", "ин", 0},
    {"ина", "ин", 0}, {"ину", "ин", 0}, {"ином", "ин", 0},
    {"ого", "ий", 0}, {"ому", "ий", 0},
    {"ової", "ова", 1}, {"овій", "ова", 1}, {"ову", "ова", 1}, {"овою", "ова", 1}, {"овой", "ова", 1},
    {"евой", "ева", 1}, {"еву", "ева", 1}, {"іної", "іна", 1}, {"іній", "іна", 1}, {"іну", "іна", 1},
    {"иной", "ина", 1}, {"ину", "ина", 1}, {"ської", "ська", 1}, {"ській", "ська", 1},
    {"ську", "ська", 1}, {"ською", "ська", 1}, {"ской", "ская", 1}, {"скую", "ская", 1},
    {"цької", "цька", 1}, {"цькій", "цька", 1}, {"цьку", "цька", 1}, {"цькою", "цька", 1},
    {NULL, NULL, 0}
};
static const char *const cons_end[] = { "ові", "еві", "ом", "ем", "а", "у", "і", "е", NULL };

static size_t nom_guess(char *buf, size_t len, size_t cap, const char *orig, size_t olen, const char *f,
                        size_t fl, int fem) {
    for (const nomrule *r = nom_rules; r->from; r++) {
        size_t el = strlen(r->from);
        if (r->fem != fem || !ends_with(f, fl, r->from, el) || ncp(f, fl - el) < 3) continue;
        size_t keep = olen, drop = ncp(r->from, el);
        while (drop && keep) { keep--; if (((unsigned char)orig[keep] & 0xC0) != 0x80) drop--; }
        len = put(buf, len, cap, orig, keep);
        return put(buf, len, cap, r->to, strlen(r->to));
    }
    if (!fem && fl >= 2 && (unsigned char)f[0] >= 0x80)
        for (const char *const *e = cons_end; *e; e++) {
            size_t el = strlen(*e);
            if (!ends_with(f, fl, *e, el) || ncp(f, fl - el) < 3) continue;
            /* the stem must end in a consonant */
            const char *last = f + fl - el - 2;
            static const char *const vow = "аеєиіїоуюяыэь";
            int vowel = 0;
            for (const char *v = vow; *v; v += 2) if (!memcmp(last, v, 2)) vowel = 1;
            if (vowel) break;
            size_t keep = olen, drop = ncp(*e, el);
            while (drop && keep) { keep--; if (((unsigned char)orig[keep] & 0xC0) != 0x80) drop--; }
            return put(buf, len, cap, orig, keep);
        }
    return put(buf, len, cap, orig, olen);
}

/* Nominative of a declined patronymic (display only): Володимировича →
 * Володимирович, Іванівни, Іванівною → Іванівна, Сергеевне → Сергеевна. */
static size_t patr_nom(char *buf, size_t len, size_t cap, const char *orig, size_t olen, const char *f,
                       size_t fl) {
    static const struct { const char *end; int drop; const char *add; } r[] = {
        {"ичеві", 3, ""}, {"ичем", 2, ""}, {"ича", 1, ""}, {"ичу", 1, ""}, {"ичі", 1, ""}, {"ичи", 1, ""},
        {"ичеви", 3, ""}, {"вною", 2, "а"}, {"вной", 2, "а"}, {"вній", 2, "а"}, {"вни", 1, "а"},
        {"вні", 1, "а"}, {"вну", 1, "а"}, {"вне", 1, "а"}, {"вны", 1, "а"}, {"чною", 2, "а"},
        {"чной", 2, "а"}, {"чній", 2, "а"}, {"чни", 1, "а"}, {"чні", 1, "а"}, {"чну", 1, "а"},
        {"чне", 1, "а"}, {"чны", 1, "а"},
    };
    for (size_t k = 0; k < sizeof r / sizeof *r; k++) {
        size_t el = strlen(r[k].end);
        if (!ends_with(f, fl, r[k].end, el) || ncp(f, fl) < 6) continue;
        size_t keep = olen;
        for (int d = r[k].drop; d && keep;) { keep--; if (((unsigned char)orig[keep] & 0xC0) != 0x80) d--; }
        len = put(buf, len, cap, orig, keep);
        return put(buf, len, cap, r[k].add, strlen(r[k].add));
    }
    return put(buf, len, cap, orig, olen);
}

static uint32_t first_cp(const char *s, size_t len) {
    int32_t cp = 0;
    if (len && ng_utf8_decode((const unsigned char *)s, len, &cp) > 0) return (uint32_t)cp;
    return 0;
}

/* Records a full person name for the article pass. */
static int note_person(chunkctx *c, int kind, size_t i, size_t j, size_t surname, long given, const char *id,
                       const char *name, size_t candidx) {
    if (!c->partial) return NG_OK;
    nxt *x;
    note *n = add_note(c->mn, (unsigned)kind, c->field, tok_start(c, i), tok_end(c, j), &x);
    if (!n) return NG_E_NOMEM;
    n->key = tok_stem(c, surname);
    if (given >= 0) {
        x->key2 = tok_stem(c, (size_t)given);
        x->initial = first_cp(tfold(c, (size_t)given), tlen(c, (size_t)given));
    }
    x->id = id;
    x->type = "PER";
    x->name = name;
    x->cand = candidx;
    /* initials, or a title before two words or a Latin word; a title
     * before one Cyrillic word is too often an organisation or a place
     * (голова Держінвестпроекту, директора Українського центру) */
    size_t title = i && is_punct(c, i - 1, '.') && i > 1 ? i - 2 : i ? i - 1 : 0;
    x->reg = kind == N_REF && (given >= 0 || surname > i ||
                               ((c->tok[surname].flags & TK_LATIN) && (c->tok[title].flags & TK_LATIN)));
    return NG_OK;
}

/* The one person a dictionary span over exactly tokens [j, last] names, or NULL. */
static const cand *dict_person(const chunkctx *c, size_t j, size_t last) {
    long k = covering_at(c, c->sp, tok_start(c, j));
    if (k < 0) return NULL;
    const span *s = &c->m->spans[k];
    if (s->start != tok_start(c, j) || s->end != tok_end(c, last) || s->ncand != 1) return NULL;
    const cand *cd = &c->m->cands[s->cand];
    return strcmp(cd->c.type, "PER") ? NULL : cd;
}

/* Builds id and name of a rule person and adds the span. */
static int person_span(chunkctx *c, size_t i, size_t j, const gform *g, size_t gtok, long initial_tok,
                       size_t sur_first, size_t sur_last, long patr) {
    char id[512], nm[512];
    size_t il = 0, nl = 0;
    il = put(id, il, sizeof id, "per:", 4);
    const ng_namelist *L = c->nl;
    int fem = 0;
    if (g) {
        const gname *gn = &L->names[g->name];
        fem = gn->fem;
        size_t kl;
        const char *key = given_key(L, gn, &kl);
        il = put(id, il, sizeof id, key, kl);
        /* the nominative as written, else the list's nominative */
        if (g->is_nom) nl = put(nm, nl, sizeof nm, c->text + tok_start(c, gtok), c->tok[gtok].end - c->tok[gtok].start);
        else nl = put(nm, nl, sizeof nm, L->strs + gn->nom, gn->nom_len);
    } else if (initial_tok >= 0) {
        /* the first romanised letter (В., V. → v; Г., G., H. → h) */
        char r[8] = {0};
        int32_t cp = 0;
        if (ng_utf8_decode((const unsigned char *)tfold(c, (size_t)initial_tok), tlen(c, (size_t)initial_tok), &cp) > 0 &&
            romanise(cp, r)) {
            if (r[0] == 'g') r[0] = 'h';
            else if (r[0] == 'y') r[0] = 'i';
            else if (r[0] == 'c' || r[0] == 'q') r[0] = 'k';
            else if (r[0] == 'x') r[0] = 'k';
            il = put(id, il, sizeof id, r, 1);
        }
        for (size_t k = (size_t)initial_tok; k < sur_first; k++) {
            if (k > (size_t)initial_tok && (c->tok[k].flags & TK_SPACE)) nl = put(nm, nl, sizeof nm, " ", 1);
            nl = put(nm, nl, sizeof nm, c->text + tok_start(c, k), c->tok[k].end - c->tok[k].start);
        }
    }
    if (patr >= 0 && sur_last < sur_first) {
        /* given name + patronymic */
        size_t p = (size_t)patr;
        il = put(id, il, sizeof id, "-", 1);
        il = put_key(id, il, sizeof id, tfold(c, p), tlen(c, p), 0);
        nl = put(nm, nl, sizeof nm, " ", 1);
        const char *po = c->text + tok_start(c, p);
        size_t pol = c->tok[p].end - c->tok[p].start;
        if (g && g->is_nom) nl = put(nm, nl, sizeof nm, po, pol);
        else nl = patr_nom(nm, nl, sizeof nm, po, pol, tfold(c, p), tlen(c, p));
    }
    int nominative = g && g->is_nom;
    int seen_nom = !g || g->is_nom;   /* every word in the nominative as written */
    for (size_t k = sur_first; k <= sur_last && sur_last >= sur_first; k++) {
        const ng_token *t = &c->tok[k];
        if (t->flags & TK_PUNCT) { il = put(id, il, sizeof id, "-", 1); nl = put(nm, nl, sizeof nm, "-", 1); continue; }
        int joined = k > sur_first && (c->tok[k - 1].flags & TK_PUNCT);
        if (!joined && il > 4) il = put(id, il, sizeof id, "-", 1);
        if (!joined && nl) nl = put(nm, nl, sizeof nm, " ", 1);
        il = put_key(id, il, sizeof id, tfold(c, k), tlen(c, k), (t->flags & TK_LATIN) != 0);
        const char *orig = c->text + tok_start(c, k);
        size_t ol = t->end - t->start;
        if (nominative || (t->flags & TK_LATIN) || k < sur_last) nl = put(nm, nl, sizeof nm, orig, ol);
        else {
            size_t before = nl;
            nl = nom_guess(nm, nl, sizeof nm, orig, ol, tfold(c, k), tlen(c, k), fem);
            if (nl - before != ol || memcmp(nm + before, orig, ol)) {
                seen_nom = 0;
                /* the guess must give the same key as the form found (else
                 * the name would name another id: keep the form found) */
                char k1[SK_MAX + 8], k2[SK_MAX + 8];
                size_t gl = 0;
                char *gf = ng_fold(nm + before, nl - before, &gl);
                size_t l1 = put_key(k1, 0, sizeof k1, tfold(c, k), tlen(c, k), 0);
                size_t l2 = gf ? put_key(k2, 0, sizeof k2, gf, gl, 0) : 0;
                free(gf);
                if (l1 != l2 || memcmp(k1, k2, l1)) { nl = before; nl = put(nm, nl, sizeof nm, orig, ol); }
            }
        }
    }
    mnames *mn = c->mn;
    const cand *dp = !g && sur_last >= sur_first ? dict_person(c, sur_first, sur_last) : NULL;
    if (dp) {
        /* initials or a title before a surname the dictionary knows */
        int rc = add_rule_span(c, i, j, dp->c.id, dp->c.name, 0);
        if (rc) return rc;
        c->m->cands[c->m->ncands - 1].c.type = dp->c.type;
        return note_person(c, N_PER, i, j, sur_last, -1, dp->c.id, dp->c.name, 0);
    }
    const char *sid = arena_put(&mn->ar, id, il), *snm = arena_put(&mn->ar, nm, nl);
    if (!sid || !snm) return NG_E_NOMEM;
    size_t candidx = c->m->ncands;
    int rc = add_rule_span(c, i, j, sid, snm, seen_nom ? NG_MATCH_NOMINATIVE : 0);
    if (rc) return rc;
    size_t sur = sur_last >= sur_first ? sur_last : (size_t)patr;
    return note_person(c, g ? N_PER : N_REF, i, j, sur, g ? (long)gtok : initial_tok, sid, snm, candidx);
}

/* Surname run starting at token j: a capitalised word, optionally hyphenated
 * (Римський-Корсаков, Smith-Jones). Returns its last token or (size_t)-1. */
static size_t surname_at(const chunkctx *c, size_t j, size_t lo, int script, int allow_other) {
    if (j >= c->nt || !is_cap_word(c, j)) return (size_t)-1;
    const ng_token *t = &c->tok[j];
    if (!(t->flags & TK_SPACE) || (t->flags & TK_NL)) return (size_t)-1;
    if ((t->flags & (TK_CYR | TK_LATIN)) != (unsigned)script) return (size_t)-1;
    if (!ncp_ge(tfold(c, j), tlen(c, j), 2)) return (size_t)-1;
    if (!free_for_rule(c, j, lo, allow_other)) return (size_t)-1;
    size_t last = j;
    if (j + 2 < c->nt && is_punct(c, j + 1, '-') && !(c->tok[j + 1].flags & TK_SPACE) &&
        !(c->tok[j + 2].flags & TK_SPACE) && is_cap_word(c, j + 2) && free_for_rule(c, j + 2, lo, allow_other))
        last = j + 2;
    /* the surname must not start a longer dictionary name */
    long k = covering_at(c, c->sp, tok_start(c, j));
    if (k >= 0 && c->m->spans[k].end > tok_end(c, last)) return (size_t)-1;
    return last;
}

/* Is the word before token i (skipping a dot) a title? Returns 1 if so. */
static int title_before(const chunkctx *c, size_t i) {
    if (i == 0) return 0;
    size_t p = i - 1;
    if (is_punct(c, p, '.') && p > 0) p--;
    const ng_token *t = &c->tok[p];
    if (!(t->flags & TK_WORD) || (t->flags & TK_DIGIT)) return 0;
    return wset_has(&title_set, t->hash) || wset_has(&title_set, tok_stem(c, p));
}

/* The language the Cyrillic words near token i mark, or 0: і ї є ґ → uk,
 * ы э ъ ё → ru (read as written: folding makes ё е). */
static int ctx_lang(const chunkctx *c, size_t i) {
    int back = 1, fwd = 1;   /* the nearest words first, on the same line */
    for (size_t d = 0; d < 24 && (back || fwd); d++) {
        size_t k;
        if (d & 1) {
            if (!back || d / 2 + 1 > i) { back = 0; continue; }
            k = i - d / 2 - 1;
            if (c->tok[k + 1].flags & TK_NL) { back = 0; continue; }
        } else {
            k = i + d / 2;
            if (!fwd || k >= c->nt || (d && (c->tok[k].flags & TK_NL))) { fwd = 0; continue; }
        }
        if (!(c->tok[k].flags & TK_CYR)) continue;
        const unsigned char *w = (const unsigned char *)c->text + tok_start(c, k);
        size_t n = c->tok[k].end - c->tok[k].start;
        for (size_t q = 0; q + 1 < n; q++) {
            unsigned a = w[q], b = w[q + 1];
            if ((a == 0xD1 && (b == 0x96 || b == 0x97 || b == 0x94)) || (a == 0xD0 && (b == 0x86 || b == 0x87 || b == 0x84)) ||
                (a == 0xD2 && (b == 0x91 || b == 0x90)))
                return NG_LANG_UK;
            if ((a == 0xD1 && (b == 0x8B || b == 0x8D || b == 0x8A || b == 0x91)) ||
                (a == 0xD0 && (b == 0xAB || b == 0xAD || b == 0xAA || b == 0x81)))
                return NG_LANG_RU;
        }
    }
    return 0;
}

/* Does a folded surname end as a man's surname does in an oblique case
 * (Перцовського, Петренка, Бойком, Петрові)? Also -ова/-ева/-ина, a
 * woman's nominative or a man's genitive: news name men more often
 * (Романа Коноплева → Роман Коноплев; a limit, NAMES.md). */
static int masc_oblique(const char *f, size_t fl) {
    static const char *const e[] = { "ого", "ому", "ьким", "ким", "енка", "енку", "енком", "ові", "еві", "ом",
                                     "ова", "ева", "ина", "іна", "ына", NULL };
    for (const char *const *p = e; *p; p++)
        if (ends_with(f, fl, *p, strlen(*p))) return 1;
    return 0;
}

/* Tries the person-name rules at token i; returns the last token used, or
 * (size_t)-1 if none fired. */
static size_t try_rules(chunkctx *c, size_t i, int *rc) {
    const ng_token *ti = &c->tok[i];
    int script = ti->flags & (TK_CYR | TK_LATIN);
    /* given name */
    const gform *gf[8];
    size_t ng = c->nl ? nl_lookup(c->nl, ti->hash, tfold(c, i), tlen(c, i), gf, 8) : 0;
    if (ng && !(ti->flags & TK_ALLUPPER)) {
        const gform *g = gf[0];
        for (size_t k = 1; k < ng; k++) if (gf[k]->is_nom && !g->is_nom) g = gf[k];
        if (!g->is_nom && ng > 1) {
            /* a case form of names of both languages (Федора: Федір, Фёдор):
             * the one whose language the letters around it mark */
            int lang = ctx_lang(c, i);
            for (size_t k = 0; k < ng && lang; k++)
                if (c->nl->names[gf[k]->name].lang == lang) { g = gf[k]; break; }
        }
        const gname *gn = &c->nl->names[g->name];
        int ok = 1;
        if (gn->weak && sentence_initial(c, i) && !title_before(c, i)) ok = 0;
        /* the given name itself: free, or a one-word person span */
        long k = covering_at(c, c->sp, tok_start(c, i));
        int other = 0;   /* a one-word place or organisation (Анатолія, Jordan) */
        if (k >= 0) {
            const span *s = &c->m->spans[k];
            if (s->end > tok_end(c, i)) ok = 0;
            else if (!(span_types(c->m, (size_t)k) & 1)) other = 1;
            if (other && gn->weak) ok = 0;
        }
        if (ok) {
            size_t j = i + 1;
            long patr = -1;
            /* a middle part: initial, second given name or patronymic */
            if (j < c->nt && is_initial(c, j) && (c->tok[j].flags & TK_SPACE)) j += 2;
            else if (j < c->nt && is_patronymic(c, j) && (c->tok[j].flags & TK_SPACE) && free_for_rule(c, j, i, 0)) {
                patr = (long)j;
                j++;
            } else if (j + 1 < c->nt && is_cap_word(c, j) && is_cap_word(c, j + 1) && !(c->tok[j + 1].flags & TK_NL) &&
                       nl_lookup(c->nl, c->tok[j].hash, tfold(c, j), tlen(c, j), gf, 1) &&
                       surname_at(c, j + 1, i, script, !gn->weak) != (size_t)-1)
                j++;
            size_t sfirst = j;
            /* particles */
            for (int np = 0; np < 3 && j < c->nt && (c->tok[j].flags & TK_WORD) && !(c->tok[j].flags & TK_UPPER1) &&
                             wset_has(&particle_set, c->tok[j].hash); np++)
                j++;
            if (j > sfirst && (j >= c->nt || !is_cap_word(c, j))) j = sfirst;
            size_t last = surname_at(c, j, i, script, !gn->weak && !other);
            if (last != (size_t)-1 && other && (j != i + 1 || covering_at(c, c->sp, tok_start(c, j)) >= 0))
                last = (size_t)-1;   /* then only given name + a surname no dictionary knows */
            if (last != (size_t)-1) {
                if (patr < 0 && sfirst == j && is_patronymic(c, j) && j + 1 < c->nt) {
                    /* given + patronymic + surname */
                    size_t l2 = surname_at(c, j + 1, i, script, !gn->weak);
                    if (l2 != (size_t)-1) { patr = (long)j; sfirst = j + 1; last = l2; }
                }
                if (patr >= 0 && sfirst == (size_t)patr) sfirst = (size_t)patr + 1;
                if (g->is_nom && gn->fem && ng > 1 && masc_oblique(tfold(c, last), tlen(c, last)))
                    /* Олександра Перцовського: the genitive of Олександр */
                    for (size_t k = 0; k < ng; k++)
                        if (!gf[k]->is_nom && !c->nl->names[gf[k]->name].fem) { g = gf[k]; break; }
                *rc = person_span(c, i, last, g, i, -1, sfirst, last, patr);
                return last;
            }
            if (patr >= 0) {
                *rc = person_span(c, i, (size_t)patr, g, i, -1, 1, 0, patr);
                return (size_t)patr;
            }
        }
    }
    /* initials: J. Biden, В. О. Зеленський */
    if (tlen(c, i) <= 4 && is_initial(c, i) && (i == 0 || (ti->flags & TK_SPACE) || (c->tok[i - 1].flags & TK_PUNCT)) &&
        !(i > 0 && is_punct(c, i - 1, '.') && !(ti->flags & TK_SPACE)) && free_for_rule(c, i, i, 0)) {
        size_t j = i + 2;
        if (j < c->nt && is_initial(c, j)) j += 2;
        size_t last = surname_at(c, j, i, script, 0);
        if (last != (size_t)-1) {
            *rc = person_span(c, i, last, NULL, 0, (long)i, j, last, -1);
            return last;
        }
    }
    /* title + surname (+ surname): President Clinton, президент Зеленський */
    if (!(ti->flags & TK_ALLUPPER) && !sentence_initial(c, i) && covering_at(c, c->sp, tok_start(c, i)) < 0 &&
        is_cap_word(c, i) && ncp_ge(tfold(c, i), tlen(c, i), 2) && title_before(c, i)) {
        size_t last = i;
        size_t l2 = surname_at(c, i + 1, i, script, 0);
        if (l2 != (size_t)-1 && covering_at(c, c->sp, tok_start(c, i + 1)) < 0) last = l2;
        if (i + 1 < c->nt && (c->tok[i + 1].flags & TK_PUNCT) && tlen(c, i + 1) == 1 && tfold(c, i + 1)[0] == '-' &&
            !(c->tok[i + 1].flags & TK_SPACE))
            return (size_t)-1;
        *rc = person_span(c, i, last, NULL, 0, -1, i, last, -1);
        return last;
    }
    return (size_t)-1;
}

/* Notes about a dictionary span: full person names, organisation acronyms,
 * one-word and ambiguous spans (for the article pass). */
static int note_dict_span(chunkctx *c, size_t k, size_t i) {
    const span *s = &c->m->spans[k];
    size_t j = i;
    while (j + 1 < c->nt && tok_end(c, j) < s->end) j++;
    unsigned ty = span_types(c->m, k);
    size_t nwords = 0;
    for (size_t q = i; q <= j; q++) nwords += (c->tok[q].flags & TK_WORD) != 0;
    const cand *cd = &c->m->cands[s->cand];
    if (c->partial && ty == 1 && s->ncand == 1 && nwords >= 2 && is_name_word(&c->tok[j])) {
        nxt *x;
        note *n = add_note(c->mn, N_PER, c->field, s->start, s->end, &x);
        if (!n) return NG_E_NOMEM;
        n->key = tok_stem(c, j);
        x->key2 = tok_stem(c, i);
        x->initial = first_cp(tfold(c, i), tlen(c, i));
        x->id = cd->c.id;
        x->type = cd->c.type;
        x->name = cd->c.name;
    }
    if (c->partial && ty == 4 && s->ncand == 1 && nwords >= 2) {
        /* the acronym of the capitalised words (folded first letters) */
        char acr[64];
        size_t al = 0, caps = 0;
        for (size_t q = i; q <= j; q++) {
            const ng_token *t = &c->tok[q];
            if (!(t->flags & TK_WORD) || !(t->flags & TK_UPPER1)) continue;
            const char *f = tfold(c, q);
            size_t l = 1;
            while (l < t->fold_len && ((unsigned char)f[l] & 0xC0) == 0x80) l++;
            if (al + l < sizeof acr) { memcpy(acr + al, f, l); al += l; caps++; }
        }
        if (caps >= 2) {
            nxt *x;
            note *n = add_note(c->mn, N_ORG, c->field, s->start, s->end, &x);
            if (!n) return NG_E_NOMEM;
            n->key = ng_hash(acr, al);
            x->id = cd->c.id;
            x->type = cd->c.type;
            x->name = cd->c.name;
        }
    }
    if ((nwords == 1 && is_name_word(&c->tok[i]) && (c->partial || c->context)) || (s->ncand > 1 && c->context)) {
        note *n = add_note(c->mn, N_SPAN, c->field, s->start, s->end, NULL);
        if (!n) return NG_E_NOMEM;
        n->key = nwords == 1 ? tok_stem(c, i) : 0;
        if (i > 0 && title_before(c, i)) n->cues |= CUE_TITLE;
        if (i > 0 && (c->tok[i - 1].flags & TK_WORD) && wset_has(&prep_set, c->tok[i - 1].hash)) n->cues |= CUE_PLACE;
    }
    return NG_OK;
}

/* The first capitalised word at or after token i, or nt. */
static size_t next_cap(const uint32_t *caps, size_t ncaps, size_t *ci, size_t i, size_t nt) {
    while (*ci < ncaps && caps[*ci] < i) (*ci)++;
    return *ci < ncaps ? caps[*ci] : nt;
}

int ng_names_chunk(const ng_tagger *t, mstate *m, unsigned field, const char *text, size_t base, size_t first) {
    unsigned fl = t->flags;
    int rules = !(fl & NG_TAG_NO_RULES), partial = !(fl & NG_TAG_NO_PARTIAL), context = !(fl & NG_TAG_NO_CONTEXT);
    if (!rules && !partial && !context) return NG_OK;
    pthread_once(&sets_once, sets_init);
    mnames *mn = m->names;
    if (!mn) {
        mn = m->names = calloc(1, sizeof *mn);
        if (!mn) return NG_E_NOMEM;
    }
    const tnames *tn = t->names;
    chunkctx c = {
        .t = t, .nl = tn ? tn->nl : NULL, .m = m, .mn = mn, .tok = m->tb.tok, .nt = m->tb.n,
        .fold = m->tb.fold, .text = text, .base = base, .field = field, .first = first,
        .ndict = m->nspans, .sp = first, .rules = rules, .partial = partial, .context = context,
        .all = (fl & NG_TAG_ALL) != 0,
    };
    size_t ndead0 = mn->ndead;
    int rc = NG_OK;
    const ng_token *tok = c.tok;
    const size_t nt = c.nt;
    /* the capitalised words, from the tokeniser's list */
    const uint32_t *caps = m->tb.caps;
    size_t ncaps = m->tb.ncaps, ci = 0;
    for (size_t i = next_cap(caps, ncaps, &ci, 0, nt); i < nt; i = next_cap(caps, ncaps, &ci, i + 1, nt)) {
        const ng_token *ti = &tok[i];
        long k = covering(&c, tok_start(&c, i));
        if (k >= 0 && c.m->spans[k].start == tok_start(&c, i)) {
            /* a dictionary span starts here: rules may still extend a
             * one-word given name; otherwise note it and skip it */
            if (rules) {
                size_t last = try_rules(&c, i, &rc);
                if (rc) break;
                if (last != (size_t)-1) { i = last; continue; }
            }
            if ((rc = note_dict_span(&c, (size_t)k, i))) break;
            while (i + 1 < nt && tok_end(&c, i + 1) <= c.m->spans[k].end) i++;
            continue;
        }
        if (k >= 0) continue;
        if (rules) {
            size_t last = try_rules(&c, i, &rc);
            if (rc) break;
            if (last != (size_t)-1) { i = last; continue; }
        }
        if (!partial || !is_name_word(ti)) continue;
        if (!(ti->flags & TK_ALLUPPER) && !ncp_ge(tfold(&c, i), tlen(&c, i), 2)) continue;
        if (wset_has(&stop_set, ti->hash)) continue;
        /* (the article pass reads no title cue of a free word) */
        unsigned cues = 0;
        uint64_t key2 = ti->hash;
        const gform *g[1];
        if (c.nl && nl_lookup(c.nl, ti->hash, tfold(&c, i), tlen(&c, i), g, 1)) {
            cues |= NF_GIVEN;
            key2 = c.nl->names[g[0]->name].stem;
        }
        if (ti->flags & TK_ALLUPPER) cues |= NF_UPPER;
        if (ti->flags & TK_LATIN) cues |= NF_LATIN;
        if ((rc = add_free(mn, field, tok_start(&c, i), tok_end(&c, i), tok_stem(&c, i), key2, cues))) break;
    }
    if (rc) return rc;
    /* drop the dictionary spans rules replaced (their candidates stay unused) */
    if (mn->ndead > ndead0) {
        size_t w = first, d = ndead0;
        for (size_t k = first; k < c.m->nspans; k++) {
            if (d < mn->ndead && mn->dead[d] == k) { while (d < mn->ndead && mn->dead[d] == k) d++; continue; }
            c.m->spans[w++] = c.m->spans[k];
        }
        c.m->nspans = w;
        mn->ndead = ndead0;
    }
    return NG_OK;
}

/* ## The article pass */

/* The span of t->m at (field, start, end), by binary search, or NULL. */
static span *find_span(mstate *m, size_t nsorted, unsigned field, size_t start, size_t end) {
    size_t lo = 0, hi = nsorted;
    span key = {.field = field, .start = start, .end = end};
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = ng_cmp_span(&m->spans[mid], &key);
        if (c == 0) return &m->spans[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Is note a before note b in the article? */
static int before(const note *a, const note *b) {
    return a->field < b->field || (a->field == b->field && a->start < b->start);
}

/* The first registry entry with 'key' (index + 1), or 0. */
static size_t reg_first(const tnames *tn, uint64_t key) {
    size_t mask = tn->rhead_cap - 1;
    for (size_t i = key & mask; tn->rhead[i].first; i = (i + 1) & mask)
        if (tn->rhead[i].key == key) return tn->rhead[i].first;
    return 0;
}

/* The person a mention refers to: the nearest full name before it, else
 * the first after it. NULL if none. A registered title or initials person
 * (N_REF) counts only when 'refs' is set. */
static const nref *pick_person(const tnames *tn, size_t first, const note *at, int refs) {
    const nref *best = NULL, *after = NULL;
    for (size_t r = first; r; r = tn->regs[r - 1].next) {
        const nref *p = &tn->all[tn->regs[r - 1].note];
        if (p->n->kind == N_REF && !refs) continue;
        if (before(p->n, at)) { if (!best || before(best->n, p->n)) best = p; }
        else if (!after || before(p->n, after->n)) after = p;
    }
    return best ? best : after;
}

/* Appends a new candidate range to span s: 'first' (an entity) followed by
 * the span's own candidates (without a duplicate of it). */
static int prepend_cand(mstate *m, span *s, const char *id, const char *type, const char *name) {
    const cand *old = &m->cands[s->cand];
    for (size_t i = 0; i < s->ncand; i++)
        if (!strcmp(old[i].c.id, id)) {
            cand tmp = m->cands[s->cand + i];
            memmove(&m->cands[s->cand + 1], &m->cands[s->cand], i * sizeof tmp);
            m->cands[s->cand] = tmp;
            return NG_OK;
        }
    if (ng_grow((void **)&m->cands, &m->cands_cap, m->ncands + s->ncand + 1, sizeof *m->cands)) return NG_E_NOMEM;
    cand *nc = &m->cands[m->ncands];
    nc->c = (ng_candidate){id, type, name};
    nc->priority = 0;
    nc->order = UINT64_MAX;
    nc->inflected = 0;
    memcpy(nc + 1, &m->cands[s->cand], s->ncand * sizeof *nc);
    s->cand = m->ncands;
    s->ncand++;
    m->ncands += s->ncand;
    return NG_OK;
}

/* Moves the first candidate of type 'type' to the front; 1 if found. */
static int prefer_type(mstate *m, span *s, const char *type) {
    for (size_t i = 0; i < s->ncand; i++)
        if (!strcmp(m->cands[s->cand + i].c.type, type)) {
            cand tmp = m->cands[s->cand + i];
            memmove(&m->cands[s->cand + 1], &m->cands[s->cand], i * sizeof tmp);
            m->cands[s->cand] = tmp;
            return 1;
        }
    return 0;
}

/* Country code of a candidate from its iso= attribute ("US" of US-GA), or "". */
static void cand_country(const ng_tagger *t, const cand *c, char out[4]) {
    out[0] = 0;
    if (c->order == UINT64_MAX) return;
    size_t di = (size_t)(c->order >> 32), ei = (size_t)(c->order & 0xFFFFFFFFu);
    if (di >= t->nd) return;
    ng_entity e;
    if (ng_dict_entity(t->dicts[di], ei, &e) != NG_OK || !e.attrs) return;
    const char *p = strstr(e.attrs, "iso=");
    if (!p || (p != e.attrs && p[-1] != '\t')) return;
    p += 4;
    if (p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' && p[1] <= 'Z') { out[0] = p[0]; out[1] = p[1]; out[2] = 0; }
}

/* Is the candidate a first-level subdivision (iso=US-GA)? */
static int cand_subdivision(const ng_tagger *t, const cand *c) {
    if (c->order == UINT64_MAX || strcmp(c->c.type, "LOC")) return 0;
    size_t di = (size_t)(c->order >> 32), ei = (size_t)(c->order & 0xFFFFFFFFu);
    if (di >= t->nd) return 0;
    ng_entity e;
    if (ng_dict_entity(t->dicts[di], ei, &e) != NG_OK || !e.attrs) return 0;
    const char *p = strstr(e.attrs, "iso=");
    return p && (p == e.attrs || p[-1] == '\t') && p[4] && p[5] && p[6] == '-';
}

/* "Atlanta, Georgia": span k follows a place span and ", " in its field. */
static int after_place_comma(const mstate *m, size_t k, const char *const *texts, const size_t *lens,
                             size_t nfields) {
    const span *s = &m->spans[k];
    if (s->field >= nfields || !texts) return 0;
    for (size_t j = k; j-- > 0;) {
        const span *p = &m->spans[j];
        if (p->field != s->field) return 0;
        if ((p->flags & NG_MATCH_OVERLAP) || p->end > s->start) continue;
        if (strcmp(m->cands[p->cand].c.type, "LOC") || p->end + 2 != s->start || s->start > lens[s->field])
            return 0;
        return texts[s->field][p->end] == ',' && texts[s->field][p->end + 1] == ' ';
    }
    return 0;
}

/* Context: among several places, the one whose country the article's other
 * (unambiguous) places share; failing that, after "Place, " a subdivision
 * (a US state) rather than a country. */
static void country_context(ng_tagger *t, size_t nsorted, const char *const *texts, const size_t *lens,
                            size_t nfields) {
    mstate *m = &t->m;
    /* nothing to choose unless an ambiguous span has a place with a
     * country (then the counts below read every span's entity) */
    int wanted = 0;
    for (size_t k = 0; k < nsorted && !wanted; k++) {
        const span *s = &m->spans[k];
        if (s->ncand < 2 || (s->flags & SPAN_FIXED)) continue;
        for (size_t i = 0; i < s->ncand && !wanted; i++) {
            const cand *cd = &m->cands[s->cand + i];
            char c[4];
            if (strcmp(cd->c.type, "LOC")) continue;
            cand_country(t, cd, c);
            wanted = c[0] != 0;
        }
    }
    if (!wanted) return;
    enum { MAXC = 64 };
    char cc[MAXC][4];
    int cnt[MAXC];
    size_t ncc = 0;
    for (size_t k = 0; k < nsorted; k++) {
        span *s = &m->spans[k];
        if (s->ncand != 1 || (s->flags & NG_MATCH_OVERLAP)) continue;
        char c[4];
        cand_country(t, &m->cands[s->cand], c);
        if (!c[0]) continue;
        size_t q = 0;
        while (q < ncc && strcmp(cc[q], c)) q++;
        if (q == ncc) { if (ncc == MAXC) continue; memcpy(cc[ncc], c, 4); cnt[ncc++] = 0; }
        cnt[q]++;
    }
    for (size_t k = 0; k < nsorted; k++) {
        span *s = &m->spans[k];
        if (s->ncand < 2 || (s->flags & SPAN_FIXED)) continue;
        int best = 0, second = 0;
        size_t who = 0;
        for (size_t i = 0; i < s->ncand; i++) {
            const cand *cd = &m->cands[s->cand + i];
            if (strcmp(cd->c.type, "LOC")) continue;
            char c[4];
            cand_country(t, cd, c);
            int n = 0;
            for (size_t q = 0; q < ncc && c[0]; q++) if (!strcmp(cc[q], c)) n = cnt[q];
            if (n > best) { second = best; best = n; who = i; }
            else if (n > second) second = n;
        }
        if (best <= second && after_place_comma(m, k, texts, lens, nfields)) {
            for (size_t i = 0; i < s->ncand; i++)
                if (cand_subdivision(t, &m->cands[s->cand + i])) { who = i; best = second + 1; break; }
        }
        if (best > second) {
            cand tmp = m->cands[s->cand + who];
            memmove(&m->cands[s->cand + 1], &m->cands[s->cand], who * sizeof tmp);
            m->cands[s->cand] = tmp;
            s->flags |= SPAN_FIXED;
        }
    }
}

/* Partial names: a capitalised word no dictionary matched (n: its field,
 * start and length) becomes the person (or organisation) it names. */
static int resolve_free(ng_tagger *t, const tnames *tn, const note *n, uint64_t key, uint64_t key2,
                        unsigned cues) {
    mstate *m = &t->m;
    const nref *p = NULL;
    if (cues & NF_UPPER) {
        /* an acronym: exact fold */
        for (size_t r = reg_first(tn, key2); r && !p; r = tn->regs[r - 1].next)
            if (tn->all[tn->regs[r - 1].note].n->kind == N_ORG) p = &tn->all[tn->regs[r - 1].note];
        if (!p) {
            p = pick_person(tn, reg_first(tn, key), n, 1);  /* a surname in capitals (headlines) */
            if (p && p->n->kind != N_PER && p->n->kind != N_REF) p = NULL;
        }
    } else if (cues & NF_GIVEN) {
        /* a given name alone: the one person of the article with it */
        const nref *only = NULL;
        int many = 0;
        for (size_t r = reg_first(tn, key2 ^ (1ull << 63)); r; r = tn->regs[r - 1].next) {
            const nref *q = &tn->all[tn->regs[r - 1].note];
            if (only && strcmp(only->x->id, q->x->id)) many = 1;
            only = q;
        }
        if (!many) p = only;
    } else {
        p = pick_person(tn, reg_first(tn, key), n, 1);
        if (p && p->n->kind == N_ORG) p = NULL;
        if (!p && key && (cues & NF_LATIN)) {
            /* the first word of a full name (Wang of Wang Zhizhen,
             * Jansher of Jansher Khan): one person only */
            for (size_t r = reg_first(tn, key ^ (1ull << 63)); r; r = tn->regs[r - 1].next) {
                const nref *q = &tn->all[tn->regs[r - 1].note];
                if (p && strcmp(p->x->id, q->x->id)) { p = NULL; break; }
                p = q;
            }
        }
    }
    if (!p) return NG_OK;
    if (ng_grow((void **)&m->cands, &m->cands_cap, m->ncands + 1, sizeof *m->cands) ||
        ng_grow((void **)&m->spans, &m->spans_cap, m->nspans + 1, sizeof *m->spans))
        return NG_E_NOMEM;
    cand *cd = &m->cands[m->ncands];
    cd->c = (ng_candidate){p->x->id, p->x->type, p->x->name};
    cd->priority = 0;
    cd->order = UINT64_MAX;
    cd->inflected = 0;
    span *s = &m->spans[m->nspans++];
    *s = (span){n->start, n->start + n->len, n->field, m->ncands++, 1, NG_MATCH_PARTIAL | SPAN_FIXED};
    return NG_OK;
}

/* Partial names for the N_FREE notes of one thread (in article order). Most
 * words name no one: one probe of the registry's table rejects them. */
static int resolve_free_notes(ng_tagger *t, const tnames *tn, const mnames *mn) {
    note n = {0};
    for (size_t i = 0; i < mn->nfree;) {
        uint64_t a = mn->free[i].a, key = mn->free[i].b, key2 = 0;
        i++;
        if (a & R_FIELD) { n.field = (unsigned)key; continue; }
        n.start = (size_t)(a >> 24);
        n.len = (uint32_t)((a >> 8) & 0xFFFF);
        if (a & R_WIDE) { n.start = (size_t)mn->free[i].a; n.len = (uint32_t)mn->free[i].b; i++; }
        if (a & R_KEY2) { key2 = mn->free[i].a; i++; }
        unsigned cues = (unsigned)(a & (NF_GIVEN | NF_UPPER | NF_LATIN));
        int hit;
        if (cues & NF_UPPER) hit = reg_first(tn, key2) || reg_first(tn, key);
        else if (cues & NF_GIVEN) hit = reg_first(tn, key2 ^ (1ull << 63)) != 0;
        else hit = reg_first(tn, key) || (key && (cues & NF_LATIN) && reg_first(tn, key ^ (1ull << 63)));
        if (!hit) continue;
        int rc = resolve_free(t, tn, &n, key, key2, cues);
        if (rc) return rc;
    }
    return NG_OK;
}

int ng_names_doc(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    unsigned fl = t->flags;
    int partial = !(fl & NG_TAG_NO_PARTIAL), context = !(fl & NG_TAG_NO_CONTEXT);
    int rules = !(fl & NG_TAG_NO_RULES);
    if (!rules && !partial && !context) return NG_OK;
    tnames *tn = tstate(t);
    if (!tn) return NG_E_NOMEM;
    mstate *m = &t->m;
    /* every state's notes, in article order (state k matched the k-th range
     * of contiguous chunks) */
    tn->nall = 0;
    size_t nfree = 0;
    for (unsigned w = 0; w < t->nstates; w++) {
        mstate *st = w == 0 ? &t->m : &t->workers[w - 1];
        mnames *mn = st->names;
        if (!mn) continue;
        nfree += mn->nfree;
        if (ng_grow((void **)&tn->all, &tn->all_cap, tn->nall + mn->nnotes, sizeof *tn->all)) return NG_E_NOMEM;
        for (size_t k = 0; k < mn->nnotes; k++) {
            const note *n = &mn->notes[k];
            tn->all[tn->nall++] = (nref){n, n->kind == N_SPAN ? NULL : &mn->ext[n->ext]};
        }
    }
    if (!tn->nall && !nfree) return NG_OK;
    /* registry: full person names by surname stem (key) and by given-name
     * stem (key2 | 1 << 63 keeps the two apart); organisations by acronym */
    tn->nregs = 0;
    for (size_t k = 0; k < tn->nall; k++) {
        const nref *r = &tn->all[k];
        if (r->n->kind != N_PER && r->n->kind != N_ORG && !(r->n->kind == N_REF && r->x->reg)) continue;
        if (ng_grow((void **)&tn->regs, &tn->regs_cap, tn->nregs + 2, sizeof *tn->regs)) return NG_E_NOMEM;
        tn->regs[tn->nregs++] = (reg){r->n->key, k, 0};
        if (r->n->kind == N_PER && r->x->key2) tn->regs[tn->nregs++] = (reg){r->x->key2 ^ (1ull << 63), k, 0};
    }
    /* chains by key, in article order (built backwards) */
    size_t cap = 64;
    while (cap < tn->nregs * 4) cap *= 2;
    if (cap > tn->rhead_cap) {
        rslot *h = realloc(tn->rhead, cap * sizeof *h);
        if (!h) return NG_E_NOMEM;
        tn->rhead = h;
    }
    tn->rhead_cap = cap;
    memset(tn->rhead, 0, cap * sizeof *tn->rhead);
    for (size_t r = tn->nregs; r-- > 0;) {
        size_t i = tn->regs[r].key & (cap - 1);
        while (tn->rhead[i].first && tn->rhead[i].key != tn->regs[r].key) i = (i + 1) & (cap - 1);
        tn->regs[r].next = tn->rhead[i].first;
        tn->rhead[i].first = r + 1;
        tn->rhead[i].key = tn->regs[r].key;
    }
    if (m->nspans) ng_sort_spans(m->spans, m->nspans);
    size_t nsorted = m->nspans;
    /* initials or title + surname: the full name in the article (first, so
     * that a surname alone resolved to the title person gets that name) */
    for (size_t k = 0; k < tn->nall && partial; k++) {
        const note *n = tn->all[k].n;
        if (n->kind != N_REF) continue;
        const nref *p = pick_person(tn, reg_first(tn, n->key), n, 0);
        if (!p || p->n->kind != N_PER) continue;
        /* J. Biden is not Jill Biden: the initials must agree */
        nxt *x = (nxt *)tn->all[k].x;
        if (x->initial && p->x->initial && x->initial != p->x->initial) continue;
        span *s = find_span(m, nsorted, n->field, n->start, n->start + n->len);
        if (!s) continue;
        m->cands[s->cand].c = (ng_candidate){p->x->id, p->x->type, p->x->name};
        s->flags |= NG_MATCH_PARTIAL;
        x->id = p->x->id;
        x->type = p->x->type;
        x->name = p->x->name;
    }
    for (size_t k = 0; k < tn->nall; k++) {
        const note *n = tn->all[k].n;
        if (n->kind == N_SPAN) {
            span *s = find_span(m, nsorted, n->field, n->start, n->start + n->len);
            if (!s || (s->flags & SPAN_FIXED)) continue;
            if (context && (n->cues & CUE_PLACE) && prefer_type(m, s, "LOC")) {
                s->flags |= SPAN_FIXED;
                continue;
            }
            if (n->key && partial) {
                /* a dictionary word that is the surname of a person named before */
                const nref *p = pick_person(tn, reg_first(tn, n->key), n, 0);
                if (p && p->n->kind == N_PER && before(p->n, n)) {
                    int same = s->ncand == 1 && !strcmp(m->cands[s->cand].c.id, p->x->id);
                    int rc = prepend_cand(m, s, p->x->id, p->x->type, p->x->name);
                    if (rc) return rc;
                    s->flags |= SPAN_FIXED | (same ? 0 : NG_MATCH_PARTIAL);
                    continue;
                }
            }
            if (context && s->ncand > 1) {
                if ((n->cues & CUE_TITLE) && prefer_type(m, s, "PER")) s->flags |= SPAN_FIXED;
            }
        }
    }
    /* the free words (their spans go after the others, in article order) */
    for (unsigned w = 0; w < t->nstates && partial && nfree; w++) {
        mstate *st = w == 0 ? &t->m : &t->workers[w - 1];
        if (!st->names) continue;
        int rc = resolve_free_notes(t, tn, st->names);
        if (rc) return rc;
    }
    if (context) country_context(t, nsorted, texts, lens, nfields);
    for (unsigned w = 0; w < t->nstates; w++) {
        mstate *st = w == 0 ? &t->m : &t->workers[w - 1];
        if (st->names) names_release(st->names);
    }
    tn->nall = tn->nregs = 0;
    shrink((void **)&tn->all, &tn->all_cap, sizeof *tn->all);
    shrink((void **)&tn->regs, &tn->regs_cap, sizeof *tn->regs);
    shrink((void **)&tn->rhead, &tn->rhead_cap, sizeof *tn->rhead);
    return NG_OK;
}

/* ## The id of a person's name (stats --check) */

/* "per:" + the keys of the words of 'name' (split at spaces and hyphens),
 * joined by '-': the id the title rule gives. */
static int words_id(const char *name, size_t len, char *out, size_t cap) {
    size_t il = put(out, 0, cap, "per:", 4);
    size_t i = 0;
    while (i < len) {
        while (i < len && (name[i] == ' ' || name[i] == '-')) i++;
        size_t j = i;
        while (j < len && name[j] != ' ' && name[j] != '-') j++;
        if (j == i) break;
        size_t fl = 0;
        char *f = ng_fold(name + i, j - i, &fl);
        if (!f) return NG_E_NOMEM;
        if (il > 4) il = put(out, il, cap, "-", 1);
        il = put_key(out, il, cap, f, fl, (unsigned char)name[i] < 0x80);
        free(f);
        i = j;
    }
    out[il] = 0;
    return NG_OK;
}

int ng_tagger_person_id(ng_tagger *t, const char *name, size_t len, char *out, size_t cap) {
    if (!cap) return NG_E_ARG;
    out[0] = 0;
    if (!len || len > 400 || cap < 8) return NG_E_ARG;
    /* the rules see the name inside a sentence, not at its start */
    char text[420];
    static const char pre[] = "and ";
    size_t pl = sizeof pre - 1;
    memcpy(text, pre, pl);
    memcpy(text + pl, name, len);
    const ng_match *m;
    size_t n;
    int rc = ng_tagger_tag(t, text, pl + len, &m, &n);
    if (rc) return rc;
    for (size_t k = 0; k < n; k++)
        if (m[k].start == pl && m[k].end == pl + len && (m[k].flags & NG_MATCH_RULE) && !strncmp(m[k].id, "per:", 4)) {
            size_t il = strlen(m[k].id);
            if (il >= cap) return NG_E_LIMIT;
            memcpy(out, m[k].id, il + 1);
            return NG_OK;
        }
    return words_id(name, len, out, cap);
}
