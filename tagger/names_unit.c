/* Rule U (NG_RULE_ORG_UNIT): military units by their number.
 *
 *   47-ї окремої механізованої бригади «Магура», 47-ма ОМБр, 47 ОМБр
 *   155-й отдельной бригады морской пехоты, 1-го армейского корпуса
 *   the 47th Separate Mechanized Brigade, the 82nd Airborne Division
 *
 * A unit is a number (with an ordinal ending: 47-ма, 47-ї, 155-й, 47th;
 * a bare number only before an abbreviation, 47 ОМБр, since "3 бригади"
 * counts brigades), the unit's adjectives, its noun (бригада, полк,
 * батальйон, дивізія, корпус, армія and their Russian and English words,
 * singular), the noun's genitive complement (морської піхоти, ТрО) and,
 * when they follow, a quoted name («Магура») or "імені" and a name. Numbers
 * in a list share the words, the noun then in the plural too (47-ї та 93-ї
 * бригад: two units).
 *
 * Every form in every language is one entity: the id is made of the
 * number, the English keys of the unit's kind and speciality (in the
 * tables' order) and nothing of the words as written, so "47-ї окремої
 * механізованої бригади", "47 ОМБр" and "the 47th Mechanized Brigade" are
 * all org:unit-47-mechanized-brigade. "Окрема" / "separate" and
 * "гвардійська" / "guards" are in the name, not in the id (English writes
 * them or not). The name is the nominative in the mention's language,
 * built from the tables (47-ма окрема механізована бригада «Магура»).
 *
 * The walk of the chunk pass visits words that start with a digit (the
 * tokeniser lists them with the capitalised words) only for this rule. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "names_internal.h"

enum { U_BRIGADE, U_REGIMENT, U_BATTALION, U_DIVISION, U_CORPS, U_ARMY };

static const struct ukind {
    const char *key, *uk, *ru, *en;
    unsigned char fem;
} kinds[] = {
    [U_BRIGADE] = {"brigade", "бригада", "бригада", "Brigade", 1},
    [U_REGIMENT] = {"regiment", "полк", "полк", "Regiment", 0},
    [U_BATTALION] = {"battalion", "батальйон", "батальон", "Battalion", 0},
    [U_DIVISION] = {"division", "дивізія", "дивизия", "Division", 1},
    [U_CORPS] = {"corps", "корпус", "корпус", "Corps", 0},
    [U_ARMY] = {"army", "армія", "армия", "Army", 1},
};

/* The nouns' forms (folded); lang 0: both Cyrillic languages; pl: a plural
 * form no singular shares, a unit noun only after a list of numbers (47-ї
 * та 93-ї бригад). */
static const struct unoun { const char *f; unsigned char kind, lang, pl; } nouns[] = {
    {"бригада", U_BRIGADE, 0, 0}, {"бригади", U_BRIGADE, L_UK, 0}, {"бригаді", U_BRIGADE, L_UK, 0},
    {"бригаду", U_BRIGADE, 0, 0}, {"бригадою", U_BRIGADE, 0, 0}, {"бригады", U_BRIGADE, L_RU, 0},
    {"бригаде", U_BRIGADE, L_RU, 0}, {"бригадой", U_BRIGADE, L_RU, 0},
    {"полк", U_REGIMENT, 0, 0}, {"полку", U_REGIMENT, 0, 0}, {"полком", U_REGIMENT, 0, 0}, {"полці", U_REGIMENT, L_UK, 0},
    {"полка", U_REGIMENT, L_RU, 0}, {"полке", U_REGIMENT, L_RU, 0},
    {"батальйон", U_BATTALION, L_UK, 0}, {"батальйону", U_BATTALION, L_UK, 0}, {"батальйоном", U_BATTALION, L_UK, 0},
    {"батальйоні", U_BATTALION, L_UK, 0}, {"батальон", U_BATTALION, L_RU, 0}, {"батальона", U_BATTALION, L_RU, 0},
    {"батальону", U_BATTALION, L_RU, 0}, {"батальоном", U_BATTALION, L_RU, 0}, {"батальоне", U_BATTALION, L_RU, 0},
    {"дивізія", U_DIVISION, L_UK, 0}, {"дивізії", U_DIVISION, L_UK, 0}, {"дивізію", U_DIVISION, L_UK, 0},
    {"дивізією", U_DIVISION, L_UK, 0}, {"дивизия", U_DIVISION, L_RU, 0}, {"дивизии", U_DIVISION, L_RU, 0},
    {"дивизию", U_DIVISION, L_RU, 0}, {"дивизией", U_DIVISION, L_RU, 0},
    {"корпус", U_CORPS, 0, 0}, {"корпусу", U_CORPS, 0, 0}, {"корпусом", U_CORPS, 0, 0}, {"корпусі", U_CORPS, L_UK, 0},
    {"корпуса", U_CORPS, L_RU, 0}, {"корпусе", U_CORPS, L_RU, 0},
    {"армія", U_ARMY, L_UK, 0}, {"армії", U_ARMY, L_UK, 0}, {"армію", U_ARMY, L_UK, 0}, {"армією", U_ARMY, L_UK, 0},
    {"армия", U_ARMY, L_RU, 0}, {"армии", U_ARMY, L_RU, 0}, {"армию", U_ARMY, L_RU, 0}, {"армией", U_ARMY, L_RU, 0},
    {"brigade", U_BRIGADE, L_EN, 0}, {"regiment", U_REGIMENT, L_EN, 0}, {"battalion", U_BATTALION, L_EN, 0},
    {"division", U_DIVISION, L_EN, 0}, {"corps", U_CORPS, L_EN, 0}, {"army", U_ARMY, L_EN, 0},
    {"бригад", U_BRIGADE, 0, 1}, {"бригадам", U_BRIGADE, 0, 1}, {"бригадами", U_BRIGADE, 0, 1},
    {"бригадах", U_BRIGADE, 0, 1}, {"полки", U_REGIMENT, 0, 1}, {"полків", U_REGIMENT, L_UK, 1},
    {"полков", U_REGIMENT, L_RU, 1}, {"полкам", U_REGIMENT, 0, 1}, {"полками", U_REGIMENT, 0, 1},
    {"полках", U_REGIMENT, 0, 1}, {"батальйони", U_BATTALION, L_UK, 1}, {"батальйонів", U_BATTALION, L_UK, 1},
    {"батальйонам", U_BATTALION, L_UK, 1}, {"батальйонами", U_BATTALION, L_UK, 1},
    {"батальйонах", U_BATTALION, L_UK, 1}, {"батальоны", U_BATTALION, L_RU, 1}, {"батальонов", U_BATTALION, L_RU, 1},
    {"батальонам", U_BATTALION, L_RU, 1}, {"батальонами", U_BATTALION, L_RU, 1},
    {"батальонах", U_BATTALION, L_RU, 1}, {"дивізій", U_DIVISION, L_UK, 1}, {"дивізіям", U_DIVISION, L_UK, 1},
    {"дивізіями", U_DIVISION, L_UK, 1}, {"дивізіях", U_DIVISION, L_UK, 1}, {"дивизий", U_DIVISION, L_RU, 1},
    {"дивизиям", U_DIVISION, L_RU, 1}, {"дивизиями", U_DIVISION, L_RU, 1}, {"дивизиях", U_DIVISION, L_RU, 1},
    {"корпуси", U_CORPS, L_UK, 1}, {"корпусів", U_CORPS, L_UK, 1}, {"корпусов", U_CORPS, L_RU, 1},
    {"корпусам", U_CORPS, 0, 1}, {"корпусами", U_CORPS, 0, 1}, {"корпусах", U_CORPS, 0, 1},
    {"армій", U_ARMY, L_UK, 1}, {"арміям", U_ARMY, L_UK, 1}, {"арміями", U_ARMY, L_UK, 1}, {"арміях", U_ARMY, L_UK, 1},
    {"армий", U_ARMY, L_RU, 1}, {"армиям", U_ARMY, L_RU, 1}, {"армиями", U_ARMY, L_RU, 1}, {"армиях", U_ARMY, L_RU, 1},
    {"brigades", U_BRIGADE, L_EN, 1}, {"regiments", U_REGIMENT, L_EN, 1}, {"battalions", U_BATTALION, L_EN, 1},
    {"divisions", U_DIVISION, L_EN, 1}, {"armies", U_ARMY, L_EN, 1},
};

/* Specialities, in the order the id names them. A pre-noun adjective in
 * Ukrainian and Russian (stems, folded; a hyphenated word whole) or a
 * genitive complement after the noun (post: the folded words); English
 * writes both before the noun (en: folded words, space-separated; en2 a
 * second spelling). key NULL: a word of the name only (separate, guards).
 * ru_m: the Russian masculine nominative ending. */
enum { SP_SEPARATE, SP_GUARDS };
static const struct uspec {
    const char *key, *uk, *uk2, *ru, *ru_m, *en, *en2, *en_name;
    unsigned char post;
} specs[] = {
    [SP_SEPARATE] = {NULL, "окрем", NULL, "отдельн", "ый", "separate", "independent", "Separate", 0},
    [SP_GUARDS] = {NULL, "гвардійськ", NULL, "гвардейск", "ий", "guards", NULL, "Guards", 0},
    {"heavy", "важк", NULL, "тяжел", "ый", "heavy", NULL, "Heavy", 0},
    {"presidential", "президентськ", NULL, "президентск", "ий", "presidential", NULL, "Presidential", 0},
    {"combined-arms", "загальновійськов", NULL, "общевойсков", "ой", "combined arms", NULL, "Combined Arms", 0},
    {"army", "армійськ", NULL, "армейск", "ий", NULL, NULL, "Army", 0},
    {"mechanized", "механізован", NULL, "механизированн", "ый", "mechanized", "mechanised", "Mechanized", 0},
    {"motorized-infantry", "мотопіхотн", NULL, "мотопехотн", "ый", "motorized infantry", "motorised infantry",
     "Motorized Infantry", 0},
    {"motor-rifle", "мотострілецьк", NULL, "мотострелков", "ый", "motor rifle", NULL, "Motor Rifle", 0},
    {"mountain-assault", "гірсько-штурмов", NULL, "горно-штурмов", "ой", "mountain assault", NULL,
     "Mountain Assault", 0},
    {"air-assault", "десантно-штурмов", NULL, "десантно-штурмов", "ой", "air assault", "air-assault", "Air Assault", 0},
    {"airborne", "повітрянодесантн", "повітряно-десантн", "воздушно-десантн", "ый", "airborne", NULL, "Airborne", 0},
    {"airmobile", "аеромобільн", NULL, "аэромобильн", "ый", "airmobile", NULL, "Airmobile", 0},
    {"parachute", "парашутно-десантн", NULL, "парашютно-десантн", "ый", "parachute", NULL, "Parachute", 0},
    {"assault", "штурмов", NULL, "штурмов", "ой", "assault", NULL, "Assault", 0},
    {"jaeger", "єгерськ", NULL, "егерск", "ий", "jaeger", "jager", "Jaeger", 0},
    {"mountain", "гірськ", NULL, "горн", "ый", "mountain", NULL, "Mountain", 0},
    {"rifle", "стрілецьк", NULL, "стрелков", "ый", "rifle", NULL, "Rifle", 0},
    {"infantry", "піхотн", NULL, "пехотн", "ый", "infantry", NULL, "Infantry", 0},
    {"tank", "танков", NULL, "танков", "ый", "tank", NULL, "Tank", 0},
    {"armored", "бронетанков", NULL, "бронетанков", "ый", "armored", "armoured", "Armored", 0},
    {"artillery", "артилерійськ", NULL, "артиллерийск", "ий", "artillery", NULL, "Artillery", 0},
    {"anti-aircraft", "зенітн", NULL, "зенитн", "ый", "anti-aircraft", NULL, "Anti-Aircraft", 0},
    {"missile", "ракетн", NULL, "ракетн", "ый", "missile", NULL, "Missile", 0},
    {"engineer", "інженерн", NULL, "инженерн", "ый", "engineer", "engineering", "Engineer", 0},
    {"border", "прикордонн", NULL, "пограничн", "ый", "border", NULL, "Border", 0},
    {"cavalry", "кавалерійськ", NULL, "кавалерийск", "ий", "cavalry", NULL, "Cavalry", 0},
    {"marine", "морської піхоти", NULL, "морской пехоты", NULL, "marine", "naval infantry", "Marine", 1},
    {"territorial-defense", "територіальної оборони", "тро", "территориальной обороны", NULL, "territorial defense",
     "territorial defence", "Territorial Defense", 1},
    {"special-purpose", "спеціального призначення", NULL, "специального назначения", NULL, "special purpose", NULL,
     "Special Purpose", 1},
    {"operational", "оперативного призначення", NULL, "оперативного назначения", NULL, "operational", NULL,
     "Operational", 1},
    {"rapid-reaction", "швидкого реагування", NULL, "быстрого реагирования", NULL, "rapid reaction", NULL,
     "Rapid Reaction", 1},
};
enum { NSPEC = sizeof specs / sizeof specs[0] };
_Static_assert(NSPEC <= 32, "specialities fit a 32-bit set");

/* Ukrainian and Russian abbreviations (folded): separate (the first О) +
 * specialities + kind. */
static const struct uabbr { const char *f; unsigned char kind, lang; const char *spec; } abbrs[] = {
    {"омбр", U_BRIGADE, L_UK, "mechanized"}, {"ошбр", U_BRIGADE, L_UK, "assault"},
    {"одшбр", U_BRIGADE, 0, "air-assault"}, {"оаембр", U_BRIGADE, L_UK, "airmobile"},
    {"обрмп", U_BRIGADE, 0, "marine"}, {"обмп", U_BRIGADE, L_UK, "marine"}, {"отбр", U_BRIGADE, L_UK, "tank"},
    {"оабр", U_BRIGADE, L_UK, "artillery"}, {"омпбр", U_BRIGADE, L_UK, "motorized-infantry"},
    {"огшбр", U_BRIGADE, L_UK, "mountain-assault"}, {"обртро", U_BRIGADE, L_UK, "territorial-defense"},
    {"обтро", U_BRIGADE, L_UK, "territorial-defense"}, {"оєбр", U_BRIGADE, L_UK, "jaeger"},
    {"омсбр", U_BRIGADE, L_RU, "motor-rifle"}, {"омсп", U_REGIMENT, L_RU, "motor-rifle"},
};

/* Adjective endings after a speciality's stem (folded). */
static int adj_rest(const char *s, size_t n) {
    static const char *const e[] = {"а", "ий", "ій", "ої", "ою", "у", "ого", "ому", "им", "ім", "і", "ая", "ый",
                                    "ой", "ую", "ым", "ом", "ые", "ых", "их", "ей", "е", "ие", "ими", NULL};
    for (const char *const *p = e; *p; p++)
        if (strlen(*p) == n && !memcmp(s, *p, n)) return 1;
    return 0;
}

/* A word of the unit: tokens [i, *j] joined by glued hyphens (десантно-
 * штурмова, anti-aircraft), folded into buf; its length, 0 when none. */
static size_t glued_word(const chunkctx *c, size_t i, size_t *j, char *buf, size_t cap) {
    if (i >= c->nt || !(c->tok[i].flags & TK_WORD) || (c->tok[i].flags & (TK_LONG | TK_DIGIT))) return 0;
    size_t n = 0, k = i;
    for (;;) {
        size_t l = tlen(c, k);
        if (n + l + 1 >= cap) return 0;
        memcpy(buf + n, tfold(c, k), l);
        n += l;
        if (k + 2 < c->nt && is_punct(c, k + 1, '-') && !(c->tok[k + 1].flags & TK_SPACE) &&
            !(c->tok[k + 2].flags & TK_SPACE) && (c->tok[k + 2].flags & TK_WORD) &&
            !(c->tok[k + 2].flags & (TK_LONG | TK_DIGIT))) {
            buf[n++] = '-';
            k += 2;
            continue;
        }
        break;
    }
    buf[n] = 0;
    *j = k;
    return n;
}

/* A Cyrillic adjective of the specialities (its index), or -1; *lang its language when it tells. */
static int cyr_adjective(const char *w, size_t n, int *lang) {
    for (int s = 0; s < NSPEC; s++) {
        if (specs[s].post) continue;
        const char *st[3] = {specs[s].uk, specs[s].uk2, specs[s].ru};
        for (int k = 0; k < 3; k++) {
            size_t sl = st[k] ? strlen(st[k]) : 0;
            if (!sl || n <= sl || memcmp(w, st[k], sl) || !adj_rest(w + sl, n - sl)) continue;
            if (strcmp(specs[s].uk, specs[s].ru)) *lang = k < 2 ? L_UK : L_RU;
            return s;
        }
    }
    return -1;
}

/* Do tokens from i on spell the words of phrase p (folded, space-
 * separated), each after white space and on one line? The last token
 * (*end), or 0 when not. */
static int phrase_at(const chunkctx *c, size_t i, const char *p, size_t *end) {
    size_t q = i;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t l = sp ? (size_t)(sp - p) : strlen(p);
        if (q >= c->nt || !(c->tok[q].flags & TK_WORD) || !(c->tok[q].flags & TK_SPACE) ||
            (c->tok[q].flags & (TK_NL | TK_PARA)) || tlen(c, q) != l || memcmp(tfold(c, q), p, l))
            return 0;
        p += l + (sp != NULL);
        q++;
    }
    *end = q - 1;
    return 1;
}

/* A Cyrillic genitive complement at token i (its index; *end its last token), or -1. */
static int cyr_complement(const chunkctx *c, size_t i, size_t *end, int *lang) {
    for (int s = 0; s < NSPEC; s++) {
        if (!specs[s].post) continue;
        const char *ph[3] = {specs[s].uk, specs[s].uk2, specs[s].ru};
        for (int k = 0; k < 3; k++)
            if (ph[k] && phrase_at(c, i, ph[k], end)) {
                *lang = k < 2 ? L_UK : L_RU;
                return s;
            }
    }
    return -1;
}

/* An English speciality's words at token i (folded, space-separated in
 * the table; "anti-aircraft" one glued word): its index, *end its last token. */
static int en_spec(const chunkctx *c, size_t i, size_t *end) {
    char w[64];
    size_t gj = i, gl = glued_word(c, i, &gj, w, sizeof w);
    for (int s = 0; s < NSPEC; s++) {
        const char *ph[2] = {specs[s].en, specs[s].en2};
        for (int k = 0; k < 2; k++) {
            if (!ph[k]) continue;
            if (!strchr(ph[k], ' ')) {
                if (gl && strlen(ph[k]) == gl && !memcmp(w, ph[k], gl)) { *end = gj; return s; }
            } else if (phrase_at(c, i, ph[k], end))
                return s;
        }
    }
    return -1;
}

/* The bit of the speciality with this key (0 if none). */
static uint32_t spec_bit(const char *key) {
    for (int s = 0; s < NSPEC; s++)
        if (specs[s].key && !strcmp(specs[s].key, key)) return 1u << s;
    return 0;
}

/* A noun of the table (its index), or -1; plural forms only with pl_ok. */
static int find_noun(const char *w, size_t n, int lang_en, int pl_ok) {
    for (size_t k = 0; k < sizeof nouns / sizeof nouns[0]; k++)
        if ((nouns[k].lang == L_EN) == lang_en && strlen(nouns[k].f) == n && !memcmp(nouns[k].f, w, n))
            return !nouns[k].pl || pl_ok ? (int)k : -1;
    return -1;
}

/* The Ukrainian ordinal ending of number v in the feminine nominative
 * (47-ма, 53-тя, 40-ва). */
static const char *uk_fem_ending(unsigned long v) {
    unsigned d = (unsigned)(v % 10), t = (unsigned)(v % 100);
    if (t >= 10 && t < 20) return "та";
    static const char *const e[10] = {"та", "ша", "га", "тя", "та", "та", "та", "ма", "ма", "та"};
    if (d == 0 && t == 40) return "ва";
    return e[d];
}

static const char *en_ordinal(unsigned long v) {
    unsigned t = (unsigned)(v % 100);
    if (t >= 11 && t <= 13) return "th";
    return v % 10 == 1 ? "st" : v % 10 == 2 ? "nd" : v % 10 == 3 ? "rd" : "th";
}

static size_t cat(char *buf, size_t n, size_t cap, const char *s) {
    size_t l = strlen(s);
    if (n + l + 1 >= cap) return n;
    memcpy(buf + n, s, l);
    buf[n + l] = 0;
    return n + l;
}

/* The text of tokens [a, b] as written (line breaks as spaces) appended to buf. */
static size_t cat_text(const chunkctx *c, char *buf, size_t n, size_t cap, size_t a, size_t b) {
    size_t s = tok_start(c, a), e = tok_end(c, b);
    if (n + (e - s) + 1 >= cap) return n;
    for (size_t x = s; x < e; x++) {
        char ch = c->text[x];
        buf[n++] = ch == '\n' || ch == '\t' || ch == '\r' ? ' ' : ch;
    }
    buf[n] = 0;
    return n;
}

/* The quoted name («Магура») or "імені" + name after token j: its last token, or j. */
static size_t unit_tail(const chunkctx *c, size_t j) {
    size_t q = j + 1;
    if (q >= c->nt || (c->tok[q].flags & (TK_NL | TK_PARA))) return j;
    if (ngn_open_quote(c, q)) {
        /* (as rule Q reads a quoted name: up to the closing quote, on the line) */
        if (q + 1 >= c->nt || !(c->tok[q + 1].flags & TK_UPPER1)) return j;
        for (size_t k = q + 1; k < c->nt && k <= q + 6; k++) {
            if (c->tok[k].flags & (TK_NL | TK_PARA)) return j;
            if (ngn_close_quote(c, k)) return k > q + 1 ? k : j;
            if ((c->tok[k].flags & TK_PUNCT) && !is_punct(c, k, '-') && !is_punct(c, k, '\'')) return j;
        }
        return j;
    }
    /* імені / имени / ім. + (a title) + capitalised words */
    size_t k = q;
    if (tok_is(c, q, "імені") || tok_is(c, q, "имени")) k = q + 1;
    else if (tok_is(c, q, "ім") && is_punct(c, q + 1, '.')) k = q + 2;
    else return j;
    if (k < c->nt && (c->tok[k].flags & TK_WORD) && !(c->tok[k].flags & TK_UPPER1) && (c->tok[k].flags & TK_CYR))
        k++;   /* (імені князя Ярослава Мудрого, імені гетьмана Івана Виговського) */
    size_t last = j;
    for (size_t n = 0; k < c->nt && n < 4; n++) {
        if (!(c->tok[k].flags & TK_UPPER1) || !(c->tok[k].flags & TK_WORD) || (c->tok[k].flags & (TK_NL | TK_PARA)))
            break;
        last = k;
        if (k + 2 < c->nt && is_punct(c, k + 1, '-') && !(c->tok[k + 1].flags & TK_SPACE) &&
            (c->tok[k + 2].flags & TK_UPPER1))
            k += 2, last = k;
        else if (k + 1 < c->nt && is_punct(c, k + 1, '.') && tlen(c, k) == 2 && (c->tok[k].flags & TK_CYR))
            k += 1;   /* (an initial: імені Т. Шевченка) */
        k++;
    }
    return last;
}

/* Ordinals in words, capitalised as a unit's proper name writes them
 * (Третя окрема штурмова бригада, Третьої ...; Первая, the First Cavalry
 * Division): one to ten, every case form (stem + ending), by hash. */
enum { ORD_CAP = 2048 };
static struct { uint64_t h; unsigned char num; } ord_map[ORD_CAP];
static pthread_once_t ord_once = PTHREAD_ONCE_INIT;

static void ord_add(const char *w) {
    static unsigned char cur;
    if (!w) { cur++; return; }
    uint64_t h = ng_hash(w, strlen(w));
    size_t k = h & (ORD_CAP - 1);
    while (ord_map[k].num && ord_map[k].h != h) k = (k + 1) & (ORD_CAP - 1);
    ord_map[k].h = h;
    ord_map[k].num = cur;
}

static void ord_init(void) {
    static const char *const stems[10][3] = {
        {"перш", "перв", NULL}, {"друг", "втор", NULL}, {"трет", NULL, NULL}, {"четверт", NULL, NULL},
        {"п'ят", "пят", NULL}, {"шост", "шест", NULL}, {"сьом", "седьм", NULL}, {"восьм", NULL, NULL},
        {"дев'ят", "девят", NULL}, {"десят", NULL, NULL},
    };
    static const char *const en[10] = {"first", "second", "third", "fourth", "fifth",
                                       "sixth", "seventh", "eighth", "ninth", "tenth"};
    static const char *const ends[] = {"а", "ий", "ій", "ої", "ою", "у", "ого", "ому", "им", "ім", "ая", "ый", "ой",
                                       "ую", "ым", "ом", "ей", "я", "ю", "ього", "ьому", "ьої", "ьою", "ья", "ьей",
                                       "ьего", "ьему", "ью", "ьим", "ьем", NULL};
    for (int n = 0; n < 10; n++) {
        ord_add(NULL);   /* (the next number) */
        for (int k = 0; k < 3 && stems[n][k]; k++)
            for (const char *const *e = ends; *e; e++) {
                char w[48];
                snprintf(w, sizeof w, "%s%s", stems[n][k], *e);
                ord_add(w);
            }
        ord_add(en[n]);
    }
}

void ngn_unit_init(void) { pthread_once(&ord_once, ord_init); }

int ngn_unit_ordinal(uint64_t h) {
    for (size_t k = h & (ORD_CAP - 1); ord_map[k].num; k = (k + 1) & (ORD_CAP - 1))
        if (ord_map[k].h == h) return ord_map[k].num;
    return 0;
}

/* A unit's number at token i: its value (num, nb), whether it is an
 * ordinal (47-ма, 47th, Третьої; ord) and how (word, en). The token after
 * it, or (size_t)-1. */
typedef struct unum {
    unsigned long num;
    char nb[8];
    size_t d;   /* digits */
    int en, ord, word;
} unum;

static size_t unit_number(const chunkctx *c, size_t i, unum *u) {
    const ng_token *t = &c->tok[i];
    if (i + 1 >= c->nt) return (size_t)-1;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i), d = 0;
    memset(u, 0, sizeof *u);
    int word = (t->flags & TK_DIGIT) ? 0 : ngn_unit_ordinal(t->hash);
    size_t q = i + 1;
    if (word) {
        /* Третьої окремої штурмової бригади, the First Cavalry Division */
        if (!(t->flags & TK_UPPER1) || (t->flags & TK_ALLUPPER)) return (size_t)-1;
        u->num = (unsigned long)word;
        d = (size_t)snprintf(u->nb, sizeof u->nb, "%lu", u->num);
        u->en = (t->flags & TK_LATIN) != 0;
        u->ord = u->word = 1;
    } else {
        if (!(t->flags & TK_DIGIT) || !(t->flags & TK_ASCII)) return (size_t)-1;
        while (d < l && f[d] >= '0' && f[d] <= '9') d++;
        if (d == 0 || d > 4 || f[0] == '0') return (size_t)-1;
        /* not the second number of a range or a decimal (2-3 бригади, 1,5) */
        if (i >= 2 && !(t->flags & TK_SPACE) && (c->tok[i - 1].flags & TK_PUNCT) && (c->tok[i - 2].flags & TK_DIGIT))
            return (size_t)-1;
        memcpy(u->nb, f, d);
        u->nb[d] = 0;
        u->num = strtoul(u->nb, NULL, 10);
    }
    u->d = d;
    if (word) {
        /* (the ordinal is the word: the unit's words follow it) */
    } else if (d < l) {
        /* 47th */
        if (l != d + 2 || !(t->flags & TK_LATIN) || memcmp(f + d, en_ordinal(u->num), 2)) return (size_t)-1;
        u->en = u->ord = 1;
    } else if (is_punct(c, i + 1, '-') && !(c->tok[i + 1].flags & TK_SPACE) && i + 2 < c->nt &&
               !(c->tok[i + 2].flags & TK_SPACE) && (c->tok[i + 2].flags & (TK_WORD | TK_CYR)) == (TK_WORD | TK_CYR) &&
               !(c->tok[i + 2].flags & TK_UPPER1) && ncp(tfold(c, i + 2), tlen(c, i + 2)) <= 3) {
        /* 47-ма, 47-ї, 155-й; not a count's ending (2-х, 5-ти, 7-ми) */
        const char *s = tfold(c, i + 2);
        size_t sl = tlen(c, i + 2);
        if ((sl == 2 && !memcmp(s, "х", 2)) || (sl == 4 && (!memcmp(s, "ох", 4) || !memcmp(s, "ти", 4) ||
                                                            !memcmp(s, "ми", 4) || !memcmp(s, "ех", 4))))
            return (size_t)-1;
        u->ord = 1;
        q = i + 3;
    } else if (!(c->tok[i + 1].flags & TK_SPACE)) {
        return (size_t)-1;
    }
    return q;
}

/* Adds the unit span [i, last] of number u (its token i), with the unit's
 * specialities, kind and language as read; words after 'core' (up to
 * 'last') are its quoted name or "імені ...". */
static void unit_add(chunkctx *c, size_t i, const unum *u, uint32_t set, int kind, int lang, size_t core, size_t last,
                     int *rc) {
    const char *nb = u->nb;
    unsigned long num = u->num;
    if (!lang && u->ord && !u->word && !u->en && kinds[kind].fem && i + 2 < c->nt) {
        /* a feminine ordinal's ending tells: 810-й, 58-я (ru); 47-ї, 47-ма (uk) */
        const char *sf = tfold(c, i + 2);
        size_t sl = tlen(c, i + 2);
        if ((sl == 2 && (!memcmp(sf, "й", 2) || !memcmp(sf, "я", 2) || !memcmp(sf, "ю", 2))) ||
            (sl == 4 && !memcmp(sf, "ая", 4)))
            lang = L_RU;
        else if ((sl == 2 && (!memcmp(sf, "ї", 2) || !memcmp(sf, "а", 2))) || (sl == 4 && (!memcmp(sf + 2, "а", 2) || !memcmp(sf, "ої", 4))))
            lang = L_UK;
    }
    if (!lang) {
        int ln = ngn_lang_near(c, i, last);
        lang = ln == L_RU ? L_RU : L_UK;
    }
    /* the id */
    char id[160], name[320];
    size_t il = 0;
    il = cat(id, il, sizeof id, "org:unit-");
    il = cat(id, il, sizeof id, nb);
    for (int s = 0; s < NSPEC; s++)
        if (specs[s].key && (set & (1u << s))) {
            il = cat(id, il, sizeof id, "-");
            il = cat(id, il, sizeof id, specs[s].key);
        }
    il = cat(id, il, sizeof id, "-");
    il = cat(id, il, sizeof id, kinds[kind].key);
    /* the name */
    const struct ukind *kd = &kinds[kind];
    size_t nl = 0;
    name[0] = 0;
    if (lang == L_EN) {
        nl = cat(name, nl, sizeof name, nb);
        nl = cat(name, nl, sizeof name, en_ordinal(num));
        for (int s = 0; s < NSPEC; s++)
            if (set & (1u << s)) {
                nl = cat(name, nl, sizeof name, " ");
                nl = cat(name, nl, sizeof name, specs[s].en_name);
            }
        nl = cat(name, nl, sizeof name, " ");
        nl = cat(name, nl, sizeof name, kd->en);
    } else {
        nl = cat(name, nl, sizeof name, nb);
        nl = cat(name, nl, sizeof name, "-");
        nl = cat(name, nl, sizeof name, !kd->fem ? "й" : lang == L_RU ? "я" : uk_fem_ending(num));
        for (int s = 0; s < NSPEC; s++)
            if ((set & (1u << s)) && !specs[s].post) {
                const char *st = lang == L_RU ? specs[s].ru : specs[s].uk;
                nl = cat(name, nl, sizeof name, " ");
                nl = cat(name, nl, sizeof name, st);
                nl = cat(name, nl, sizeof name, lang == L_RU ? (kd->fem ? "ая" : specs[s].ru_m) : kd->fem ? "а" : "ий");
            }
        nl = cat(name, nl, sizeof name, " ");
        nl = cat(name, nl, sizeof name, lang == L_RU ? kd->ru : kd->uk);
        for (int s = 0; s < NSPEC; s++)
            if ((set & (1u << s)) && specs[s].post) {
                nl = cat(name, nl, sizeof name, " ");
                nl = cat(name, nl, sizeof name, lang == L_RU ? specs[s].ru : specs[s].uk);
            }
        /* the quoted name or "імені ..." as written */
        if (core < last) {
            nl = cat(name, nl, sizeof name, " ");
            nl = cat_text(c, name, nl, sizeof name, core + 1, last);
        }
    }
    /* a unit the dictionaries know by its English name (3rd Assault
     * Brigade: third-assault-brigade) is theirs, named as they name it */
    char key[160];
    size_t kl = (size_t)snprintf(key, sizeof key, "%s%s", nb, en_ordinal(num));
    for (int s = 0; s < NSPEC; s++)
        if (specs[s].key && (set & (1u << s)) && kl < sizeof key)
            kl += (size_t)snprintf(key + kl, sizeof key - kl, " %s", specs[s].en_name);
    if (kl < sizeof key) snprintf(key + kl, sizeof key - kl, " %s", kd->en);
    cand known;
    if (ngn_org_named(c->t, key, &known)) {
        *rc = ngn_add_rule_span(c, i, last, known.c.type, known.c.id, known.c.name, NG_RULE_ORG_UNIT, 0);
        return;
    }
    const char *idp = ngn_arena_put(&c->mn->ar, id, il), *np = ngn_arena_put(&c->mn->ar, name, nl);
    if (!idp || !np) { *rc = NG_E_NOMEM; return; }
    *rc = ngn_add_rule_span(c, i, last, "ORG", idp, np, NG_RULE_ORG_UNIT, 0);
}

/* A list of units that share their words (47-ї та 93-ї окремих
 * механізованих бригад, 47-й и 93-й бригад, the 47th and 93rd Mechanized
 * Brigades): up to UNIT_LIST ordinal numbers joined by commas and a last
 * та, і, й, и or and. */
enum { UNIT_LIST = 8 };

size_t ngn_unit(chunkctx *c, size_t i, int *rc) {
    unum us[UNIT_LIST];
    size_t at[UNIT_LIST], ends[UNIT_LIST], nn = 1;
    size_t q = unit_number(c, i, &us[0]);
    if (q == (size_t)-1) return (size_t)-1;
    at[0] = i;
    ends[0] = q - 1;
    if (us[0].ord && !us[0].word) {
        static const char *const conj[] = {"та", "і", "й", "и", "and", NULL};
        size_t p = q;
        int conj_seen = 0;
        while (nn < UNIT_LIST && !conj_seen && p < c->nt && !(c->tok[p].flags & (TK_NL | TK_PARA))) {
            size_t sp = p;
            int comma = is_punct(c, sp, ',');
            if (comma) sp++;
            int cj = 0;
            for (size_t k = 0; conj[k] && sp < c->nt && !cj; k++)
                cj = tok_is(c, sp, conj[k]) && (c->tok[sp].flags & TK_SPACE) && !(c->tok[sp].flags & (TK_NL | TK_PARA));
            if (cj) sp++;
            if ((!comma && !cj) || sp >= c->nt || !(c->tok[sp].flags & TK_SPACE) || (c->tok[sp].flags & (TK_NL | TK_PARA)))
                break;
            unum un;
            size_t nq = unit_number(c, sp, &un);
            if (nq == (size_t)-1 || !un.ord || un.word || un.en != us[0].en) break;
            at[nn] = sp;
            ends[nn] = nq - 1;
            us[nn++] = un;
            p = nq;
            conj_seen = cj;
        }
        if (!conj_seen) nn = 1;   /* (a list ends with its conjunction: not "47-й, 48-й") */
        else q = p;
    }
    const unum *u = &us[nn - 1];
    int en = u->en, ord = u->ord;
    if (q >= c->nt || !(c->tok[q].flags & TK_SPACE) || (c->tok[q].flags & (TK_NL | TK_PARA))) return (size_t)-1;
    uint32_t set = 0;
    int kind = -1, lang = en ? L_EN : 0, nadj = 0;
    size_t j = q, last;
    char w[96];
    if (!en && nn == 1 && (c->tok[q].flags & (TK_CYR | TK_UPPER1)) == (TK_CYR | TK_UPPER1)) {
        /* 47 ОМБр, 47-ма ОМБр */
        for (size_t k = 0; k < sizeof abbrs / sizeof abbrs[0] && kind < 0; k++) {
            if (tok_is(c, q, abbrs[k].f)) {
                kind = abbrs[k].kind;
                if (abbrs[k].lang) lang = abbrs[k].lang;
                set |= 1u << SP_SEPARATE | spec_bit(abbrs[k].spec);
            }
        }
        if (kind < 0) return (size_t)-1;
        last = q;
        nadj = 1;
    } else if (!en) {
        if (!ord || !(c->tok[q].flags & TK_CYR)) return (size_t)-1;
        for (;;) {
            if (j >= c->nt || !(c->tok[j].flags & TK_SPACE) || (c->tok[j].flags & (TK_NL | TK_PARA | TK_UPPER1)))
                return (size_t)-1;
            size_t gj = j, gl = glued_word(c, j, &gj, w, sizeof w);
            if (!gl) return (size_t)-1;
            int nk = gj == j ? find_noun(w, gl, 0, nn > 1) : -1;
            if (nk >= 0) {
                kind = nouns[nk].kind;
                if (nouns[nk].lang) lang = nouns[nk].lang;
                last = j;
                break;
            }
            int s = cyr_adjective(w, gl, &lang);
            if (s < 0 || nadj >= 4) return (size_t)-1;
            set |= 1u << s;
            nadj++;
            j = gj + 1;
        }
        /* the genitive complement (бригада морської піхоти, бригади ТрО) */
        size_t ce;
        int s = cyr_complement(c, last + 1, &ce, &lang);
        if (s >= 0 && (c->tok[last + 1].flags & TK_SPACE)) {
            set |= 1u << s;
            nadj++;
            last = ce;
        }
    } else {
        /* the 47th Separate Mechanized Brigade */
        for (;;) {
            if (j >= c->nt || !(c->tok[j].flags & TK_SPACE) || (c->tok[j].flags & (TK_NL | TK_PARA)) ||
                !(c->tok[j].flags & TK_LATIN))
                return (size_t)-1;
            size_t gj = j, gl = glued_word(c, j, &gj, w, sizeof w);
            if (!gl) return (size_t)-1;
            int nk = gj == j ? find_noun(w, gl, 1, nn > 1) : -1;
            /* (the Army of the 1st Army Corps is a speciality) */
            size_t nj = j + 1, gj2;
            char w2[32];
            size_t gl2 = nj < c->nt && (c->tok[nj].flags & TK_SPACE) ? glued_word(c, nj, &gj2, w2, sizeof w2) : 0;
            if (nk >= 0 && nouns[nk].kind == U_ARMY && gl2 && find_noun(w2, gl2, 1, nn > 1) >= 0) {
                set |= spec_bit("army");
                nadj++;
                j = nj;
                continue;
            }
            if (nk >= 0) {
                kind = nouns[nk].kind;
                last = j;
                break;
            }
            size_t se;
            int s = en_spec(c, j, &se);
            if (s < 0 || nadj >= 4) return (size_t)-1;
            set |= 1u << s;
            nadj++;
            j = se + 1;
        }
        /* an English name is written capitalised, and one in capitals is
         * a heading's (THE 1ST ARMY CORPS) */
        int lower = 0;
        for (size_t k = q; k <= last; k++) {
            if (!(c->tok[k].flags & TK_WORD)) continue;
            if (!(c->tok[k].flags & TK_UPPER1) && !is_punct(c, k - 1, '-')) return (size_t)-1;
            lower |= !(c->tok[k].flags & TK_ALLUPPER);
        }
        if (!lower) return (size_t)-1;
    }
    /* a specialised unit or a number an ordinal ending marks; a corps, an
     * army or a division also needs a word that says what it is (2-й
     * корпус may be a building), and four digits one too (a year) */
    uint32_t spec_set = set & ~((1u << SP_SEPARATE) | (1u << SP_GUARDS));
    for (size_t k = 0; k < nn; k++)
        if ((kind == U_CORPS || kind == U_DIVISION || kind == U_ARMY || us[k].d == 4) && !spec_set) return (size_t)-1;
    size_t core = last;
    if (lang != L_EN && nn == 1) last = unit_tail(c, last);
    /* a dictionary span over a number, or one that the unit would cut */
    for (size_t k = 0; k < nn; k++)
        if (ngn_covering_at(c, c->sp, tok_start(c, at[k])) >= 0) return (size_t)-1;
    long k1 = ngn_covering_at(c, c->sp, tok_end(c, last) - 1);
    if (k1 >= 0 && c->m->spans[k1].end > tok_end(c, last)) return (size_t)-1;
    if (c->dry) return last;
    /* each number of a list is its own unit, the last one with the words */
    for (size_t k = 0; k + 1 < nn && !*rc; k++) unit_add(c, at[k], &us[k], set, kind, lang, ends[k], ends[k], rc);
    if (!*rc) unit_add(c, at[nn - 1], u, set, kind, lang, core, last, rc);
    return last;
}

struct uq { uint64_t h; size_t cand; };
static int uq_cmp(const void *a, const void *b) {
    uint64_t x = ((const struct uq *)a)->h, y = ((const struct uq *)b)->h;
    return x < y ? -1 : x > y;
}

/* ng_hash of the folded text [a, b) of t: *h, 1; 0 when the text is no
 * valid UTF-8 (a span may hold invalid bytes: it has no key), *rc set when
 * out of memory. */
static int fold_hash(const char *t, size_t a, size_t b, uint64_t *h, int *rc) {
    if (ng_utf8_valid_prefix(t + a, b - a) != b - a) return 0;
    size_t fl = 0;
    char *f = ng_fold(t + a, b - a, &fl);
    if (!f) { *rc = NG_E_NOMEM; return 0; }
    *h = ng_hash(f, fl);
    free(f);
    return 1;
}

static int quoted_links(mstate *m, const char *const *texts, const size_t *lens, size_t nfields) {
    size_t nu = 0, nq = 0;
    for (size_t k = 0; k < m->nspans; k++) {
        const span *s = &m->spans[k];
        nu += s->rule == NG_RULE_ORG_UNIT;
        nq += s->rule == NG_RULE_ORG_QUOTED_ALONE;
    }
    if (!nu || !nq) return NG_OK;
    /* the units' quoted names by the hash of their folded form (sorted:
     * an article of many units and quoted names stays linear-logarithmic) */
    struct uq *u = malloc(nu * sizeof *u);
    if (!u) return NG_E_NOMEM;
    size_t n = 0;
    int rc = NG_OK;
    for (size_t k = 0; k < m->nspans && !rc; k++) {
        const span *s = &m->spans[k];
        size_t qa, qb;
        if (s->rule != NG_RULE_ORG_UNIT || s->field >= nfields || s->end > lens[s->field] || !s->ncand ||
            !ng_quoted(texts[s->field] + s->start, s->end - s->start, &qa, &qb))
            continue;
        qa += s->start;
        qb += s->start;
        if (fold_hash(texts[s->field], qa, qb, &u[n].h, &rc)) u[n++].cand = s->cand;
    }
    if (n && !rc) qsort(u, n, sizeof *u, uq_cmp);
    for (size_t k = 0; k < m->nspans && n && !rc; k++) {
        const span *s = &m->spans[k];
        if (s->rule != NG_RULE_ORG_QUOTED_ALONE || s->field >= nfields || s->end > lens[s->field] || s->ncand != 1)
            continue;
        struct uq key = {0, 0};
        if (!fold_hash(texts[s->field], s->start, s->end, &key.h, &rc)) continue;
        const struct uq *hit = bsearch(&key, u, n, sizeof *u, uq_cmp);
        if (hit) m->cands[s->cand].c = m->cands[hit->cand].c;
    }
    free(u);
    return rc;
}

/* A unit's id split: org:unit-N[-specialities]-KIND. *key: the hash of
 * "N-KIND"; returns 1 when the id has specialities, 0 when none, -1 when it
 * is no rule U id. */
static int unit_key(const char *id, uint64_t *key) {
    static const char pre[] = "org:unit-";
    if (strncmp(id, pre, sizeof pre - 1)) return -1;
    const char *n = id + sizeof pre - 1, *d = n;
    while (*d >= '0' && *d <= '9') d++;
    if (d == n || *d != '-') return -1;
    const char *kind = strrchr(d, '-') + 1;
    char buf[64];
    size_t nl = (size_t)(d - n), kl = strlen(kind);
    if (nl + 1 + kl >= sizeof buf) return -1;
    memcpy(buf, n, nl);
    buf[nl] = '-';
    memcpy(buf + nl + 1, kind, kl);
    *key = ng_hash(buf, nl + 1 + kl);
    return kind != d + 1;
}

struct un { uint64_t key; int spec; const char *id; size_t cand; };
static int un_cmp(const void *a, const void *b) {
    const struct un *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->spec != y->spec) return x->spec - y->spec;
    return strcmp(x->id, y->id);
}

/* A unit named without its speciality (47-ї бригади: org:unit-47-brigade)
 * in an article that names one unit of that number and kind with it
 * (47-ї окремої механізованої бригади) is that unit. Two such units of
 * the number (a mechanized and an assault 47th): left as it is. The units
 * sorted by number and kind, those without specialities first, then the
 * others by id: each run of one key tells. */
static int number_links(mstate *m) {
    size_t nu = 0;
    for (size_t k = 0; k < m->nspans; k++) nu += m->spans[k].rule == NG_RULE_ORG_UNIT && m->spans[k].ncand == 1;
    if (nu < 2) return NG_OK;
    struct un *u = malloc(nu * sizeof *u);
    if (!u) return NG_E_NOMEM;
    size_t n = 0;
    for (size_t k = 0; k < m->nspans; k++) {
        const span *s = &m->spans[k];
        if (s->rule != NG_RULE_ORG_UNIT || s->ncand != 1) continue;
        const char *id = m->cands[s->cand].c.id;
        uint64_t key;
        int spec = unit_key(id, &key);
        if (spec >= 0) u[n++] = (struct un){key, spec, id, s->cand};
    }
    qsort(u, n, sizeof *u, un_cmp);
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        size_t sp = lo;   /* [lo, sp) without specialities, [sp, hi) with */
        for (hi = lo; hi < n && u[hi].key == u[lo].key; hi++) sp += !u[hi].spec;
        if (sp == lo || sp == hi || strcmp(u[sp].id, u[hi - 1].id)) continue;
        for (size_t k = lo; k < sp; k++) m->cands[u[k].cand].c = m->cands[u[sp].cand].c;
    }
    free(u);
    return NG_OK;
}

int ng_unit_links(mstate *m, const char *const *texts, const size_t *lens, size_t nfields) {
    int rc = quoted_links(m, texts, lens, nfields);
    return rc ? rc : number_links(m);
}
