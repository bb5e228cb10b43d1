/* Word knowledge of the name rules: code point counts, case endings and
 * stems, cross-script keys (NAMES.md, "Ids"), and the fixed word sets. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "dict.h"
#include "inflect.h"
#include "norm.h"
#include "names_internal.h"

/* ## Case endings and stems */

/* Case endings (uk and ru, nouns and adjectives), longest first within the
 * table's order, then possessive surname suffixes. Stripping both gives the
 * stem shared by every case form of a name: Петренком, Петренко → петренк;
 * Петрова, Петровим, Петров → петр; Зеленського, Зеленська → зеленськ. */
static const char *const case_end[] = {
    "ового", "овому", "ими", "ыми", "ією", "ией", "ові", "еві", "єві", "ого", "ому", "ого",
    "ої", "ою", "ею", "єю", "ий", "ій", "ый", "ой", "ая", "яя", "ую", "юю", "им", "ым", "ім",
    "ом", "ием", "ем", "єм", "ия", "ии", "ию", "ие", "ое", "ее", "ія", "ії", "ію", "ей", "а", "я", "у", "ю", "і", "и",
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
size_t ngn_stem_len(const char *f, size_t len) {
    if (!len || (unsigned char)f[0] < 0x80) return len;
    pthread_once(&end_once, end_init);
    return strip(poss_tab, poss_by_last, f, strip(case_tab, case_by_last, f, len));
}

static uint64_t stem_hash(const char *f, size_t len) { return ng_hash(f, ngn_stem_len(f, len)); }


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

static const char *const cyr_lat[32] = {
    "a", "b", "v", "h", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "", "i", "", "e", "iu", "ia"
};

/* Romanises code point cp into out (ASCII, at most 4 bytes); returns the length. */
size_t ngn_romanise(int32_t cp, char *out) {
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
        if (n > 0 && d[0] < 0x80) return ngn_romanise(d[0], out);
        return 0;
    }
    }
    size_t l = strlen(r);
    memcpy(out, r, l);
    return l;
}

static int is_vowel(char ch) { return ch && strchr("aeiouy", ch) != NULL; }

/* The skeleton of folded word f[0..fl) into out (SK_MAX bytes); its length. */
size_t ngn_skel(const char *f, size_t fl, char *out, int mode) {
    char a[SK_MAX + 8];
    size_t n = 0;
    for (size_t i = 0; i < fl && n + 4 < SK_MAX;) {
        int32_t cp = 0;
        int k = ng_utf8_decode((const unsigned char *)f + i, fl - i, &cp);
        if (k <= 0) { i++; continue; }
        i += (size_t)k;
        n += ngn_romanise(cp, a + n);
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
size_t ngn_sk_latin_stem(const char *s, size_t n) {
    static const char *const cases[] = { "aia", "oi", "ei", "ia", "iu", "ie", "a", "e", "i", "o", "u", NULL };
    static const char *const poss[] = { "iov", "iev", "ov", "ev", "in", NULL };
    return sk_strip(s, sk_strip(s, n, cases), poss);
}

/* ## Word sets (folded; Cyrillic titles by stem) */


static void wset_add(wset *s, uint64_t h) {
    if (!h) h = 1;   /* (as wset_has asks) */
    size_t i = h & (s->cap - 1);
    while (s->h[i] && s->h[i] != h) i = (i + 1) & (s->cap - 1);
    s->h[i] = h;
    size_t b = (size_t)(h >> 40) & s->bmask;
    s->bits[b >> 6] |= 1ull << (b & 63);
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
    "цей", "ця", "ці", "той", "того", "там", "тут", "так", "коли", "де", "хто", "який", "яка", "які",
    "и", "но", "что", "это", "он", "она", "они", "мы", "вы", "из", "от", "во", "со", "о", "об",
    "при", "этот", "эта", "эти", "тот", "там", "тут", "когда", "где", "кто", "который",
    "которая", "которые", "так", "как", "уже", "ще", "ещё", "еще", "вже", "також", "тоже", "тим", "тому",
    "также", "проте", "однако", "адже", "ведь", "пане", "пані",
    "якщо", "если", "ні", "нет", "немає", "чи", "або", "или", "бо", "тож",
    "дані",   /* (data; a case form of Дана: "Дані Укрстату свідчать") */
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
    "ken", "josh", "glen", "dick", "rod", "sandy", "rusty", "woody", "troy", "peg",
    "buddy", "tiger", "angel",
    "надія", "віра", "любов", "мир", "слава", "роман", "лев", "лука", "злата", "мілана",
    "надежда", "вера", "любовь", "роза", "ангелина", "майя", "ян",
    /* names of the lists that are frequent uk / ru words (checked against
     * the lower-case lemmas of Debian's hunspell-uk and hunspell-ru): влада
     * (power), нова (new), тим, ким, яким (pronouns), ясна, юна, милий ... */
    "влада", "нова", "тим", "ким", "яким", "ясна", "юна", "милий", "мая", "рима", "лета",
    "нос", "лиса", "осина", "флора", "вікторина", "олімпіада", "недра", "пайки", "чара", "свят",
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
    "president-elect", "dictator", "premier", "director",
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
    "принц", "принцеса", "принцесса",
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

/* The nouns an event's name starts with that running text writes in lower
 * case (битва за Бахмут, теракт в Оленівці, саміт G7), nominative. */
static const char *const event_heads[] = {
    "саміт", "саммит", "теракт", "битва", "війна", "война", "бій", "бой", "бої", "бои", "удар", "падіння",
    "падение", "катастрофа", "конференція", "конференция", "договір", "договор", "операція", "операция",
    "штурм", "отруєння", "отравление", "облога", "осада", "вибух", "взрыв", NULL
};
static wset event_head_set;

/* English adjectives of countries and regions, which a capitalised word
 * after a given name or an initial makes no surname: "Costa Rican", "S.
 * Korean", "S. African" (the adjectives that are also surnames are left
 * out: English, French, Welsh, Irish, Dutch, German; Cuban, Moldovan). */
static const char *const demonyms[] = {
    "afghan", "african", "albanian", "algerian", "american", "angolan", "arab", "argentine", "argentinian",
    "armenian", "asian", "australian", "austrian", "azerbaijani", "bahraini", "bangladeshi", "belarusian",
    "belgian", "bolivian", "bosnian", "brazilian", "british", "bulgarian", "burmese", "cambodian",
    "cameroonian", "canadian", "caribbean", "chilean", "chinese", "colombian", "congolese", "croatian",
    "cypriot", "czech", "danish", "ecuadorean", "ecuadorian", "egyptian", "emirati", "eritrean",
    "estonian", "ethiopian", "european", "filipino", "finnish", "georgian", "ghanaian", "greek",
    "guatemalan", "haitian", "honduran", "hungarian", "icelandic", "indian", "indonesian", "iranian",
    "iraqi", "israeli", "italian", "ivorian", "jamaican", "japanese", "jordanian", "kazakh", "kenyan",
    "korean", "kosovan", "kuwaiti", "lankan", "latvian", "lebanese", "leonean", "liberian", "libyan",
    "lithuanian", "macedonian", "malaysian", "malian", "maltese", "mexican", "mongolian",
    "montenegrin", "moroccan", "mozambican", "namibian", "nepalese", "nicaraguan", "nigerian", "norwegian",
    "pakistani", "palestinian", "panamanian", "paraguayan", "peruvian", "polish", "portuguese", "qatari",
    "rican", "romanian", "russian", "rwandan", "salvadoran", "saudi", "scottish", "senegalese", "serbian",
    "singaporean", "slovak", "slovenian", "somali", "spanish", "sudanese", "swedish", "swiss", "syrian",
    "taiwanese", "tajik", "tanzanian", "thai", "tunisian", "turkish", "turkmen", "ugandan", "ukrainian",
    "uruguayan", "uzbek", "venezuelan", "vietnamese", "yemeni", "yugoslav", "zambian", "zealander",
    "zimbabwean", NULL
};

/* Lower-case words that go on a name after a capitalised word ("University
 * of", "Doctors without Borders", "Bank for International Settlements",
 * "Marco da Silva", "Joaquim dos Santos") beside the particles and the
 * place prepositions: a rule may start before them (names_rules.c
 * no_rule_starts). */
static const char *const link_words[] = {
    "of", "for", "on", "to", "and", "the", "without", "against", "sans", "des", "do", "dos", "das",
    "dei", "degli", "y", "e", "et", "und", "zu", "zum", "zur", "am", "an", "op", "te", "upon",
    "over", "under", "by", "with", "from", "du", "les", "los", "las", "del", NULL
};

/* Nouns Ukrainian and Russian texts capitalise that name no person (the
 * Internet, the Sun, the Earth, the Gospel, the Bible, the Word, the Law,
 * the Constitution): a word an article
 * repeats capitalised is no person of it when it is one of these
 * (names_doc.c lone_repeated; by stem: every case form). */
static const char *const cap_nouns[] = {
    "інтернет", "интернет", "сонце", "солнце", "земля", "місяць", "луна", "всесвіт", "вселенная",
    "євангеліє", "евангелие", "біблія", "библия", "писання", "писание", "слово", "закон", "конституція",
    "конституция", "кодекс", "статут", "устав", "батьківщина", "родина", NULL
};

/* Institutions a Ukrainian or Russian article names by their word alone,
 * capitalised inside a sentence: the Church, the Ministry, the Committee
 * (names_doc.c lone_institution_cyr; nominative, by stem: every case
 * form). */
static const char *const institutions[] = {
    "церква", "церковь", "міністерство", "министерство", "комітет", "комитет", "колегія", "коллегия",
    "академія", "академия", "відділення", "отделение", "комісія", "комиссия", "фонд", "сенат", NULL
};

wset ngn_stop_set, ngn_weak_set, ngn_title_set, ngn_particle_set, ngn_prep_set, ngn_demonym_set, ngn_link_set,
    ngn_cap_noun_set, ngn_institution_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

/* The slots of every word set, packed end to end. Each set had 1024 slots
 * of its own (8 KB, 8 KB aligned): forty sets took 320 KB, the slots a
 * capitalised word's questions touch were out of L1, and wset_has was 6 %
 * of the time of tagging realistic text. Sized to a set, they take a few
 * KB each (the sets are filled once, by pthread_once initialisers that may
 * run at once in two threads: the pool is shared through an atomic). */
enum { WSET_POOL = 1 << 15 };
static uint64_t wset_pool[WSET_POOL];
static _Atomic size_t wset_used;

size_t ngn_wset_spare(void) { return WSET_POOL - atomic_load(&wset_used); }

void ngn_wset_fill(wset *s, const char *const *list, int stemmed) {
    size_t n = 0;
    for (const char *const *p = list; *p; p++) n++;
    if (stemmed) n *= 2;
    /* at most a quarter full: a miss, the usual answer, ends within a
     * probe or two */
    size_t cap = 16;
    while (cap < 4 * n) cap *= 2;
    /* the filter: at least eight bits a word (an eighth of the words not
     * in the set pass it) */
    size_t nbits = 64;
    while (nbits < 8 * n) nbits *= 2;
    size_t at = atomic_fetch_add(&wset_used, nbits / 64 + cap);
    /* (the pool holds the sets with room to spare: test_names checks) */
    if (at + nbits / 64 + cap > WSET_POOL) {
        static uint64_t none[1];   /* (never: an empty set rather than a crash) */
        *s = (wset){none, 1, none, 0};
        return;
    }
    s->bits = wset_pool + at;
    s->bmask = nbits - 1;
    s->h = wset_pool + at + nbits / 64;
    s->cap = cap;
    for (; *list; list++) {
        size_t l = strlen(*list);
        wset_add(s, stemmed ? stem_hash(*list, l) : ng_hash(*list, l));
        if (stemmed) wset_add(s, ng_hash(*list, l));
    }
}

static void sets_init(void) {
    ngn_wset_fill(&ngn_stop_set, stop_words, 0);
    ngn_wset_fill(&ngn_weak_set, weak_given, 0);
    ngn_wset_fill(&ngn_title_set, titles, 1);
    ngn_wset_fill(&ngn_particle_set, particles, 0);
    ngn_wset_fill(&ngn_prep_set, place_preps, 0);
    ngn_wset_fill(&event_head_set, event_heads, 0);
    ngn_wset_fill(&ngn_demonym_set, demonyms, 0);
    ngn_wset_fill(&ngn_link_set, link_words, 0);
    ngn_wset_fill(&ngn_cap_noun_set, cap_nouns, 1);
    ngn_wset_fill(&ngn_institution_set, institutions, 1);
}

const char *ngn_institution(uint64_t stem) {
    ngn_words_init();
    if (!wset_has(&ngn_institution_set, stem)) return NULL;
    for (size_t k = 0; institutions[k]; k++)
        if (stem_hash(institutions[k], strlen(institutions[k])) == stem) return institutions[k];
    return NULL;
}

void ngn_words_init(void) { pthread_once(&sets_once, sets_init); }

int ngn_lower_head(const char *fold, size_t len, uint64_t hash) {
    ngn_words_init();
    return wset_has(&ngn_title_set, hash) || wset_has(&ngn_title_set, stem_hash(fold, len)) ||
           wset_has(&event_head_set, hash);
}

size_t ng_name_skeleton(const char *folded, size_t len, char *out, size_t cap) {
    char sk[SK_MAX + 8];
    size_t n = ngn_skel(folded, len, sk, 0);
    if (n >= cap) n = cap - 1;
    memcpy(out, sk, n);
    out[n] = 0;
    return n;
}
