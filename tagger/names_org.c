/* Organisation rules of the chunk pass (NAMES.md, "Organisations"; issue 12
 * item 1). Off with NG_TAG_NO_ORG_RULES. At a capitalised token:
 *
 *  Q. quoted names after a designator: a legal form (ТОВ, ПАТ, ДП, ООО ...)
 *     then « " „ and a name up to the closing quote is an organisation with
 *     the legal form and the quotes (ТОВ «Ромашка»); an organisation word
 *     (компанія, партії, фирма ...) then a quoted name: the name inside the
 *     quotes (компанія «Нова пошта» → Нова пошта);
 *  E. English names ending in a legal form or an organisation word (Acme
 *     Corp, Globex Mining Ltd, Federal Reserve Bank), and such a word + of +
 *     capitalised words (Bank of England, University of Kyiv);
 *  A. Cyrillic: a capitalised adjective, up to three lower-case words, and an
 *     organisation noun in any case form (Київська міська рада, Київської
 *     міської ради, Национальный банк), with a place after it that a
 *     dictionary knows (Національний банк України);
 *  H. Cyrillic: a capitalised organisation noun, one to three lower-case
 *     words and a place a dictionary knows (Служба безпеки України,
 *     Министерство иностранных дел России).
 * The longest well-formed organisation wins over the places and people
 * inside it (their dictionary spans are replaced); a dictionary
 * organisation over the same words keeps its id. A span never cuts a
 * dictionary span in two. Ids: "org:" + the cross-script keys of the words. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "dict.h"
#include "inflect.h"
#include "names_internal.h"

/* Legal forms written before a quoted name (folded). */
static const char *const legal_forms[] = {
    "тов", "пат", "прат", "ат", "дп", "пп", "тд", "нак", "кп", "ват", "зат", "дак", "нвп", "нвф",
    "мп", "вп", "дтго", "скп", "комп", "ооо", "оао", "зао", "пао", "ао", "гуп", "фгуп", "муп",
    "нпо", "нпп", "чп", "тзов", "ltd", "llc", NULL
};

/* A legal form of the list written in mixed case with a capital after the
 * first letter, as two are (ПрАТ, ТзОВ). */
static int mixed_legal(const chunkctx *c, size_t d);

/* The legal forms of them that only Russian uses. */
static const char *const ru_legal_forms[] = {"ооо", "оао", "зао", "пао", "ао", "гуп", "фгуп", "муп", "нпо", "чп", NULL};
static wset ru_legal_set;

/* Legal forms after a name (folded, whole words): no word of its id, so
 * that "Flughafen München GmbH", «Flughafen München GmbH» and "Flughafen
 * München" are one organisation, as ТОВ «Ромашка» and «Ромашка» are; nor
 * an organisation alone (ЛТД of «Вінгтон трейдінг ЛТД»). */
static const char *const trail_legal[] = {
    "inc", "corp", "ltd", "co", "plc", "llc", "ag", "nv", "gmbh", "sa", "limited",
    "лтд", "лімітед", "лимитед", "гмбх", "ллс", "са", "інк", "инк", "корп", "аг", NULL
};
static wset trail_legal_set;

/* Compound abbreviations of organisation words, and the words they stand
 * for, as id words (by stem; capitals whole): "Вищий госпсуд" and "Вищий
 * господарський суд", "Волинська ОДА" and "Волинська обласна державна
 * адміністрація", "Київська міськрада" and "Київська міська рада" are one
 * id each pair. "Територіальне" and "обласне" before відділення are no id
 * words, and тервідділення and ОТВ (обласне територіальне відділення) are
 * відділення, so that a committee's regional branch named five ways
 * (Харківське відділення, територіальне відділення, обласне тервідділення,
 * обласне територіальне відділення, ОТВ) is one. */
static const struct { const char *abbr; unsigned char capitals; const char *full; } id_abbr_list[] = {
    {"міськрада", 0, "міська рада"}, {"облрада", 0, "обласна рада"}, {"райрада", 0, "районна рада"},
    {"сільрада", 0, "сільська рада"}, {"селищрада", 0, "селищна рада"}, {"госпсуд", 0, "господарський суд"},
    {"райсуд", 0, "районний суд"}, {"міськрайсуд", 0, "міськрайонний суд"}, {"адмінсуд", 0, "адміністративний суд"},
    {"облдержадміністрація", 0, "обласна державна адміністрація"},
    {"райдержадміністрація", 0, "районна державна адміністрація"},
    {"держадміністрація", 0, "державна адміністрація"}, {"міськвиконком", 0, "міський виконавчий комітет"},
    {"райвиконком", 0, "районний виконавчий комітет"}, {"виконком", 0, "виконавчий комітет"},
    {"тервідділення", 0, "відділення"}, {"держпідприємство", 0, "державне підприємство"},
    {"нацполіція", 0, "національна поліція"}, {"ода", 1, "обласна державна адміністрація"},
    {"рда", 1, "районна державна адміністрація"}, {"ова", 1, "обласна військова адміністрація"},
    {"рва", 1, "районна військова адміністрація"}, {"отв", 1, "відділення"},
    {"горсовет", 0, "городской совет"}, {"облсовет", 0, "областной совет"}, {"райсовет", 0, "районный совет"},
    {"горсуд", 0, "городской суд"}, {"облсуд", 0, "областной суд"},
    {"горадминистрация", 0, "городская администрация"}, {"обладминистрация", 0, "областная администрация"},
    {"райадминистрация", 0, "районная администрация"}, {"горисполком", 0, "городской исполнительный комитет"},
    {"райисполком", 0, "районный исполнительный комитет"}, {"исполком", 0, "исполнительный комитет"},
    {"горизбирком", 0, "городская избирательная комиссия"},
    {"облизбирком", 0, "областная избирательная комиссия"},
};
enum { N_ID_ABBR = sizeof id_abbr_list / sizeof *id_abbr_list };
static uint64_t id_abbr_hash[N_ID_ABBR];
static char id_abbr_keys[N_ID_ABBR][128];
static uint64_t branch_adj[2], branch_stem[2];

static void id_abbr_init(void) {
    for (size_t k = 0; k < N_ID_ABBR; k++) {
        const char *a = id_abbr_list[k].abbr, *w = id_abbr_list[k].full;
        size_t al = strlen(a), n = 0;
        id_abbr_hash[k] = id_abbr_list[k].capitals ? ng_hash(a, al) : ng_hash(a, ngn_stem_len(a, al));
        while (*w) {
            size_t wl = strcspn(w, " ");
            char sk[SK_MAX + 1];
            size_t sl = ngn_skel(w, ngn_stem_len(w, wl), sk, 0);
            if (n + sl + 2 < sizeof id_abbr_keys[k]) {
                if (n) id_abbr_keys[k][n++] = '-';
                memcpy(id_abbr_keys[k] + n, sk, sl);
                n += sl;
            }
            w += wl;
            while (*w == ' ') w++;
        }
        id_abbr_keys[k][n] = 0;
    }
    static const char ter[] = "територіальне", obl[] = "обласне", br[] = "відділення", tbr[] = "тервідділення";
    branch_adj[0] = ng_hash(ter, ngn_stem_len(ter, sizeof ter - 1));
    branch_adj[1] = ng_hash(obl, ngn_stem_len(obl, sizeof obl - 1));
    branch_stem[0] = ng_hash(br, ngn_stem_len(br, sizeof br - 1));
    branch_stem[1] = ng_hash(tbr, ngn_stem_len(tbr, sizeof tbr - 1));
}

/* Company words first inside the quotes before the company's own name (by
 * stem): «Фірма Крас», «Будівельна група Укрдорхім» are Крас, Укрдорхім. */
static const char *const company_words[] = {
    "компанія", "фірма", "група", "корпорація", "холдинг", "концерн",
    "компания", "фирма", "группа", "корпорация", NULL
};
static wset company_set;

/* Organisation words before a quoted name (by stem: every case form). */
static const char *const org_words_q[] = {
    "компанія", "фірма", "партія", "газета", "група", "підприємство", "завод", "фабрика", "банк",
    "корпорація", "холдинг", "концерн", "агентство", "видавництво", "телеканал", "радіостанція",
    "журнал", "об'єднання", "фонд", "рух", "організація", "спілка", "асоціація", "товариство",
    "клуб", "фк", "гурт", "ансамбль", "телекомпанія", "кооператив", "торговельна", "мережа",
    "компания", "фирма", "партия", "газета", "группа", "предприятие", "завод", "фабрика",
    "корпорация", "холдинг", "концерн", "агентство", "издательство", "телеканал", "радиостанция",
    "журнал", "объединение", "фонд", "движение", "организация", "союз", "ассоциация",
    "общество", "клуб", "фк", "ансамбль", "телекомпания", "кооператив", "сеть",
    "інститут", "институт", "театр", "фракція", "фракция",
    /* military: угруповання військ «Хортиця», полк «Азов» (not бригада: an
     * ambulance crew is one, бригада «Скорой помощи») */
    "угруповання", "группировка", "командування", "командование", "військо", "войско", "полк",
    "батальйон", "батальон", "загін", "отряд", NULL
};

/* English legal forms and organisation words that end a name. */
static const char *const en_tails[] = {
    "inc", "corp", "corporation", "ltd", "llc", "plc", "co", "ag", "nv", "gmbh", "group", "bank",
    "party", "commission", "ministry", "association", "council", "department", "exchange",
    "court", "university", "college", "institute", "foundation", "agency", "committee",
    "airlines", "airways", "company", "fund", "authority", "board",
    "organisation", "organization", "society", "holdings", "newsroom", "desk", "assembly",
    "service", "services", "systems", "partners", "brothers", "radio", "television", "tv",
    "brigade", "regiment", "battalion", "corps",
    /* (thirty-ninth session: Central Narcotics Bureau, Federal Aviation
     * Administration, International Amateur Athletic Federation) */
    "bureau", "administration", "federation", "directorate", "secretariat", "alliance", "coalition",
    "confederation", "movement", NULL
};

/* Words that neither start nor continue an English name (function words,
 * days and months, titles are checked apart). */
static const char *const en_function[] = {
    "the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "to", "of", "for", "from", "by",
    "with", "as", "is", "was", "are", "this", "that", "these", "those", "his", "her", "its",
    "their", "our", "he", "she", "they", "we", "you", "i", "it", "there", "here", "when", "where",
    "what", "who", "which", "while", "after", "before", "since", "until", "about", "over",
    "under", "into", "than", "then", "so", "not", "no", "yes", "all", "any", "some", "each",
    "every", "said", "says", "told", "also", "however", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june",
    "july", "august", "september", "october", "november", "december", "none", "name",
    /* quantifiers and numbers: "Other Systems", "Most Systems", "Two
     * Systems" are a heading's words, no name */
    "such", "other", "others", "most", "many", "several", "various", "few", "both", "either", "neither",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", NULL
};

/* English organisation words that take "of": Bank of England. */
static const char *const en_heads_of[] = {
    "bank", "university", "ministry", "department", "institute", "college", "council",
    "commission", "federation", "association", "academy", "museum", "court", "board",
    "organisation", "organization", "league", NULL
};

/* Cyrillic organisation nouns (by stem: every case form): institutions,
 * which name an organisation after any adjective (Київська міська рада) ... */
static const char *const cyr_heads[] = {
    "рада", "міськрада", "облрада", "райрада", "сільрада", "селищрада", "адмінсуд", "адміністрація", "держадміністрація",
    "облдержадміністрація", "райдержадміністрація", "університет", "академія", "інститут",
    "суд", "райсуд", "госпсуд", "міськрайсуд", "служба", "міністерство", "комітет", "комісія", "залізниця", "прокуратура", "поліція",
    "управління", "департамент", "інспекція", "агентство", "асоціація", "федерація", "спілка",
    "лікарня", "ліцей", "гімназія", "коледж", "церква", "палата", "асамблея", "митниця",
    "казначейство", "консерваторія", "бібліотека", "музей", "відділ", "відділення", "тервідділення",
    "совет", "администрация", "университет", "академия", "институт", "служба", "министерство",
    "комитет", "комиссия", "прокуратура", "полиция", "управление", "инспекция", "федерация",
    "союз", "больница", "гимназия", "колледж", "церковь", "дума", "собрание", "таможня",
    "казначейство", "консерватория", "библиотека", "музей", "отдел", "отделение",
    "ассоциация", "ассамблея", "архив", "архів", "штаб",
    /* Russian compound abbreviations (their words in the id: id_abbr_list) */
    "горсовет", "облсовет", "райсовет", "горсуд", "облсуд", "горадминистрация", "обладминистрация",
    "райадминистрация", "горисполком", "райисполком", "исполком", "горизбирком", "облизбирком",
    "міськвиконком", "райвиконком", "виконком", NULL
};
/* Heads of rule G only (a capitalised word, not first in its sentence,
 * before genitive words: Центру тестування якості знань, Фонду державного
 * майна), which as common nouns do not make rule A or H names (Київський
 * центр, фонд України). */
static const char *const genitive_heads[] = {"центр", "фонд", "бюро", NULL};
static wset gen_head_set;
/* Abbreviated heads after a place's adjective (Сокирянської РДА,
 * Дніпропетровська ОДА): folded, whole words. */
static const char *const acr_heads[] = {"рда", "ода", "рва", "ова", NULL};
static wset acr_head_set;
/* K: abbreviations of common nouns, not of a body (folded): ЗМІ, ПДВ,
 * ФОП, ДТП ...; rule K leaves them untagged (legal forms too). */
static const char *const common_abbr[] = {
    "змі", "сми", "пдв", "ндс", "фоп", "отг", "тг", "мтг", "стг", "піб", "фио", "кк", "ук", "цпк", "гпк", "кпк",
    "апк", "кас", "дсту", "гост", "жкг", "жкх", "ту", "ксв", "еом", "эвм", "ввп", "внп", "пк", "тб",
    "тв", "смс", "дтп", "азс", "зно", "егэ", "єдрпоу", "егрпоу", "іпн", "инн", "пмм", "гсм", "гмо",
    "віл", "вич", "снід", "спид", "днк", "рнк", "ато", "оос", "ппо", "пво", "бтр", "бмп", "зрк", "рсзв",
    "мсфз", "мсфо", "гк", "кпп", "гес", "гэс", "аес", "аэс", "тес", "тэс", "тец", "тэц", "нпз", "леп",
    "лэп", "атс", "ип", "вуз", "внз", "пту", "чс", "нс", "лгбт", "лгбтк", "впо", "впл", "опг", "дрг",
    "кпвв", "тот", "ооп", "сзр", "ес", "ек", "ок", "ну", "ой", "ага", "ого", "не", "ні", "да", "нет",
    "так", "все", "ура", "фаб", "обл", "вул", "ул", "смт", "пгт", "ккд", "кпд", "ккал", "ме",
    "днр", "лнр", "рф", "сша", "ссср", "срср", "гу", "пку", "нку", "купап", "коап", "кзпп", "упк",
    "бфп", "овт", "трц", "тц", "жк", "грс", "укх", "єдр", "єрпн", "гб", "гм", "пв",
    /* words news write in capitals: labels of a story or a picture */
    "фото", "відео", "видео", "увага", "внимание", "важливо", "важно", "терміново", "срочно",
    "оновлено", "обновлено", "доповнено", "дополнено", "новини", "новости", "реклама", "ексклюзив",
    "эксклюзив", "інфографіка", "инфографика", "тема", "ефір", "эфир", "онлайн", "партнер", NULL
};
static wset common_abbr_set;
/* Q3: heads of a quoted name with lower-case words besides the
 * organisation words of rules Q, A, H, G (by stem: «Краматорська
 * тепломережа», «Червоноармійський лісгосп»). */
static const char *const quoted_heads[] = {
    "тепломережа", "лісгосп", "держлісгосп", "господарство", "лісництво", "водоканал", "трест",
    "дирекція", "фронт", "облавтодор", "автодор", NULL
};
static wset qhead_set;
/* Q4: designators of an institution before a quoted name besides the
 * organisation words (by stem: Комунального закладу «…», Державної
 * установи «…»). */
static const char *const designators[] = {"заклад", "установа", "філія", "осередок", NULL};
static wset desig_set;
/* ... and the adjectives of a legal status that may start a sentence with
 * the designator (Комунальне підприємство «…»; not Відома компанія «…»). */
static const char *const status_adjs[] = {
    "комунальний", "державний", "приватний", "акціонерний", "благодійний", "громадський", "міжнародний",
    "національний", "всеукраїнський", "обласний", "міський", "районний", "релігійний", "спільний",
    "дочірній", "казенний", "науковий", "публічний", "селищний", "сільський", "фермерський", NULL
};
static wset status_set;
/* Lower-case words that end as genitives do but never continue an
 * organisation's name: prepositions, adverbs, pronouns, dates (folded). */
static const char *const gen_stops[] = {
    "після", "щодо", "проти", "серед", "через", "біля", "коло", "поза", "замість", "крім", "окрім",
    "протягом", "впродовж", "навколо", "довкола", "поблизу", "згідно", "шляхом", "року", "років",
    "минулого", "цього", "того", "свого", "своєї", "його", "її", "їх", "кожного", "всього",
    "усього", "всіх", "усіх", "цієї", "тієї", "іншого", "нашого", "вашого", "нині", "тоді",
    "разом", "лише", "тільки", "близько", "понад", "майже", "зокрема", "тобто", "сьогодні",
    "вчора", "завтра", "після", "после", "против", "среди", "около", "вокруг", "кроме", "вместо",
    "согласно", "путем", "года", "лет", "прошлого", "этого", "того", "своего", "своей", "его",
    "ее", "её", "их", "каждого", "всего", "всех", "этой", "другого", "нашего", "вашего",
    "сегодня", "вчера", "завтра", "тогда", "вместе", "лишь", "только", "почти", "более",
    "менее", "например", "также", "тоже", "ещё", "еще", "вже", "уже", "ще", "теж", "також",
    "якої", "якого", "яких", "которого", "которой", "которых",
    /* (a name after the words: Інституту зоології імені Шмальгаузена, rule N) */
    "імені", "имени", NULL
};
static wset gen_stop_set;
/* The genitive of a field a state body works in, though its ending is
 * shared by other cases or an infinitive's (Головного управління розвідки,
 * Державної служби статистики, обласного управління освіти): a genitive
 * word, and after rule A's head its tail starts with one (folded). */
static const char *const field_words[] = {
    "розвідки", "оборони", "безпеки", "охорони", "освіти", "науки", "культури", "статистики", "економіки",
    "енергетики", "медицини", "торгівлі", "політики", "інфраструктури", "розвитку", "транспорту", "захисту",
    "контролю", "нагляду", "зв'язку", "праці",
    /* genitive plurals with no ending or in -ій, which no ending test
     * reads as one (Національної академії наук, Управління культури і
     * мистецтв, Міністерства інформаційних технологій) */
    "наук", "справ", "мистецтв", "військ", "робіт", "послуг", "технологій", "організацій", "інвестицій",
    "комунікацій", "искусств", "войск", "работ", "услуг", "технологий", "организаций", "инвестиций",
    "коммуникаций", NULL
};
static wset field_set;
/* Russian heads (by stem), and the states that adjective + noun name
 * (Российская Федерация, Радянський Союз: places, not organisations). */
static const char *const ru_heads[] = {
    "совет", "администрация", "университет", "академия", "институт", "министерство", "комитет",
    "комиссия", "прокуратура", "полиция", "управление", "инспекция", "федерация", "больница",
    "гимназия", "колледж", "церковь", "дума", "собрание", "таможня", "консерватория",
    "библиотека", "компания", "партия", "корпорация", "организация", "объединение", "ассоциация",
    "ассамблея", "архив", NULL
};
static const char *const state_heads[] = {"федерація", "федерация", "союз", NULL};
static wset state_set;

/* ... and companies and parties, which do only with a place after them
 * (Національний банк України; not Фармацевтична компанія). */
static const char *const cyr_heads_place[] = {
    "банк", "компанія", "партія", "корпорація", "концерн", "холдинг", "завод", "фабрика",
    "комбінат", "фонд", "організація", "об'єднання", "театр", "телеканал",
    "компания", "партия", "корпорация", "организация", "объединение", "театр", NULL
};

/* Administrative areas named by an adjective made of a place's name
 * (Бучанського району, Ізюмська міська територіальна громада, Партизанского
 * района): places, rule D. */
static const char *const area_heads[] = {"район", "громада", "округ", "повіт", "губернія", "волость", "воєводство",
                                         "уезд", "губерния", "воеводство", NULL};
/* The key in an id of an area's noun (rule D) or a compass adjective (rule
 * C): its skeleton sk[0, n), rewritten in place; returns the new length.
 * The words Russian and Ukrainian spell apart take the Ukrainian one's key,
 * so that the places they name meet (Тульский уезд, Тульський повіт; the
 * uk/ru names of a voivodeship; Западная Украина, Західна Україна). */
static size_t area_key(char *sk, size_t n) {
    static const char *const same[][2] = {{"uezd", "povit"}, {"voevodstv", "voievodstv"}, {"zapadn", "zahidn"},
                                          {"vostochn", "shidn"}, {"severn", "pivnichn"}, {"iuzhn", "pivdenn"}};
    for (size_t x = 0; x < sizeof same / sizeof same[0]; x++)
        if (n == strlen(same[x][0]) && !memcmp(sk, same[x][0], n)) {
            n = strlen(same[x][1]);
            memcpy(sk, same[x][1], n);
            break;
        }
    return n;
}
/* Parts of a place named by a compass adjective before it (Західна
 * Україна, Східної Європи, Восточной Сибири): rule C, by stem. */
static const char *const compass_words[] = {
    "західна", "східна", "північна", "південна", "центральна", "західний", "східний", "північний",
    "південний", "центральний", "західне", "східне", "північне", "південне", "центральне",
    "западная", "восточная", "северная", "южная", "центральная", "западный", "восточный", "северный",
    "южный", "центральный", NULL
};
static wset compass_set;
static wset area_set;
/* Rivers and streets named after their noun (річки Рось, реку Славянку;
 * вулиці Івасюка, улица Ленина, вул. Франка): rules R and S. (Not ріка,
 * whose stem is рік, a year.) */
static const char *const river_nouns[] = {"річка", "река", NULL};
static const char *const street_nouns[] = {
    "вулиця", "проспект", "площа", "бульвар", "провулок", "провулку", "узвіз", "узвозу", "набережна",
    "улица", "площадь", "переулок", "переулка", "набережная", NULL
};
static const char *const street_abbr[] = {"вул", "просп", "пров", "бульв", "ул", "пер", NULL};
/* S2: nouns of streets and parks after a capitalised adjective (Андріївський
 * узвіз, Стрийський парк; Тверская улица): Ukrainian ones, and Russian ones
 * (Russian news annotate the adjective alone); not міст / мост (місто). */
static const char *const street_nouns_uk[] = {
    "вулиця", "узвіз", "узвозу", "алея", "проспект", "бульвар", "площа", "парк", "сквер", "провулок",
    "провулку", "набережна", "шосе", "майдан", NULL
};
static const char *const street_nouns_ru[] = {
    "улица", "переулок", "переулка", "проезд", "площадь", "набережная", "шоссе", NULL
};
static wset street_uk_set, street_ru_set;
/* A street's kind by its noun (rules S, S2), the first word of its id: two
 * streets of one name and different nouns are two places (вулиця and
 * проспект Гагаріна; Київський майдан and вул. Київська), and a noun's
 * Ukrainian and Russian words, its abbreviation and its case forms are one
 * kind. An abbreviation (abbr) by the word as written, the others by their
 * stem too. */
static const struct street_kind_row { const char *noun, *kind; int abbr; } street_kinds[] = {
    {"вулиця", "street", 0}, {"улица", "street", 0}, {"вул", "street", 1}, {"ул", "street", 1},
    {"проспект", "avenue", 0}, {"просп", "avenue", 1},
    {"площа", "square", 0}, {"площадь", "square", 0}, {"майдан", "square", 0},
    {"бульвар", "boulevard", 0}, {"бульв", "boulevard", 1},
    {"провулок", "lane", 0}, {"провулку", "lane", 0}, {"переулок", "lane", 0}, {"переулка", "lane", 0},
    {"пров", "lane", 1}, {"пер", "lane", 1},
    {"узвіз", "descent", 0}, {"узвозу", "descent", 0},
    {"набережна", "embankment", 0}, {"набережная", "embankment", 0},
    {"алея", "alley", 0}, {"парк", "park", 0}, {"сквер", "garden", 0},
    {"шосе", "highway", 0}, {"шоссе", "highway", 0}, {"проезд", "passage", 0},
};
enum { N_STREET_KINDS = sizeof street_kinds / sizeof *street_kinds };
static uint64_t street_kind_hash[N_STREET_KINDS][2];   /* the word's hash, its stem's (0: an abbreviation) */
/* Settlements named after their noun (V): у селі Кожичі, смт Кіровське, с.
 * Іллінка, в селе Отрадное; by stem, and the abbreviations with a dot. */
static const char *const settle_nouns[] = {
    "село", "селище", "смт", "хутір", "хутора", "містечко", "станиця", "деревня", "поселок", "посёлок",
    "станица", "пгт", NULL
};
static const char *const settle_abbr[] = {"с", "м", "сел", "смт", "пос", "д", NULL};
static wset settle_set, settle_abbr_set;
static wset river_set, street_set, street_abbr_set;

/* L: a law's title (uk). Ukrainian news name laws "Закон України «Про
 * місцеве самоврядування в Україні»", "Кодексу України", "Конституції
 * України": a title, whose place is no place of the article (the
 * annotations leave it out). Forms of закон, кодекс, конституція (folded;
 * not законодавство). */
static const char *const law_words[] = {
    "закон", "закону", "законом", "законі", "закони", "законів", "законам", "законами", "законах",
    "кодекс", "кодексу", "кодексом", "кодексі", "кодекси", "кодексів", "конституція", "конституції",
    "конституцію", "конституцією", NULL
};
static wset law_set;

/* Latin words in Cyrillic text that name products, systems and
 * technologies, not organisations (rule L): software, devices, standards;
 * the weapon systems war news name in Latin letters (ППО Patriot, IRIS-T,
 * NASAMS, дрони Shahed, ракети ATACMS, Storm Shadow, танки Leopard: the
 * first word of the run). Not Lancet (a journal) nor Caesar or Archer. */
static const char *const latin_products[] = {
    "windows", "linux", "android", "ios", "macos", "unix", "chrome", "firefox", "iphone", "ipad",
    "ipod", "excel", "powerpoint", "photoshop", "bluetooth", "gps", "usb", "vip", "html", "pdf",
    "sms", "dvd", "lcd", "led", "wi", "wifi", "lte", "gsm", "starlink",
    "patriot", "iris", "nasams", "himars", "atacms", "javelin", "stinger", "storm", "scalp", "taurus",
    "tomahawk", "harpoon", "switchblade", "shahed", "bayraktar", "gepard", "leopard", "abrams",
    "bradley", "marder", "stryker", NULL
};
static wset product_set;

static wset legal_set, orgq_set, en_tail_set, en_of_set, head_set, head_place_set, en_fn_set, ru_head_set;
static pthread_once_t org_once = PTHREAD_ONCE_INIT;

/* Is token i a word of the organisation noun set s, by stem? Not a
 * Russian short participle (-ан / -ен / -ян, -а -о -ы: собрана,
 * объединены, учреждено), whose stem is a -ние noun's (собрание,
 * собрания → собран): "Национальная сборная собрана" is no organisation. */
static int head_stem(const chunkctx *c, const wset *s, size_t i) {
    if (!tok_has_stem(c, s, i)) return 0;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i);
    if (l >= 4 && (f[l - 2] == '\xd0' && (f[l - 1] == '\xb0' || f[l - 1] == '\xbe')))   /* а о */
        l -= 2;
    else if (l >= 4 && f[l - 2] == '\xd1' && f[l - 1] == '\x8b')   /* ы */
        l -= 2;
    return !(l >= 8 && !memcmp(f + l - 2, "н", 2) &&
             (!memcmp(f + l - 4, "а", 2) || !memcmp(f + l - 4, "е", 2) || !memcmp(f + l - 4, "я", 2)));
}

/* Is token k a designator's noun (фонду, підприємства, закладу)? */
static int desig_noun(const chunkctx *c, size_t k) {
    return head_stem(c, &orgq_set, k) || head_stem(c, &head_set, k) || head_stem(c, &gen_head_set, k) ||
           head_stem(c, &desig_set, k);
}


/* The organisation and area nouns of the lists above by the hash of their
 * stem: the nominative a rule name's head is written back to. */
typedef struct lemma { uint64_t stem; const char *w; } lemma;
static lemma lemmas[512];
static size_t nlemmas;
/* lemma index + 1 of each stem hash (its first lemma), open addressing */
static uint16_t lemma_slot[1024];
static long lemma_find(uint64_t h) {
    for (size_t i = h & 1023;; i = (i + 1) & 1023) {
        if (!lemma_slot[i]) return -1;
        if (lemmas[lemma_slot[i] - 1].stem == h) return lemma_slot[i] - 1;
    }
}
/* Nouns of those lists whose stem changes in the other cases (узвіз:
 * узвозі, провулок: провулку): a case form (whose stem the others share)
 * and the nominative. Found first, so the lists' case forms (узвозу) are
 * not taken for a nominative (Володимирський узвозу). */
static const char *const lemma_alt[][2] = {
    {"узвозу", "узвіз"}, {"провулку", "провулок"}, {"загону", "загін"}, {"осередку", "осередок"},
    {"переулка", "переулок"},
};
static void lemmas_fill(void) {
    for (size_t k = 0; k < sizeof lemma_alt / sizeof *lemma_alt; k++) {
        const char *w = lemma_alt[k][0];
        lemmas[nlemmas++] = (lemma){ng_hash(w, ngn_stem_len(w, strlen(w))), lemma_alt[k][1]};
    }
    const char *const *lists[] = {cyr_heads, cyr_heads_place, genitive_heads, area_heads, ru_heads,
                                  org_words_q, designators, quoted_heads, street_nouns_uk, street_nouns};
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (const char *const *w = lists[l]; *w && nlemmas < sizeof lemmas / sizeof *lemmas; w++) {
            size_t n = strlen(*w);
            lemmas[nlemmas++] = (lemma){ng_hash(*w, ngn_stem_len(*w, n)), *w};
        }
    for (size_t q = 0; q < nlemmas; q++)
        if (lemma_find(lemmas[q].stem) < 0) {
            size_t i = lemmas[q].stem & 1023;
            while (lemma_slot[i]) i = (i + 1) & 1023;
            lemma_slot[i] = (uint16_t)(q + 1);
        }
}

static void adj_end_index(void);

static void org_init(void) {
    ngn_wset_fill(&state_set, state_heads, 1);
    ngn_wset_fill(&area_set, area_heads, 1);
    ngn_wset_fill(&river_set, river_nouns, 1);
    ngn_wset_fill(&street_set, street_nouns, 1);
    ngn_wset_fill(&street_uk_set, street_nouns_uk, 1);
    ngn_wset_fill(&street_ru_set, street_nouns_ru, 1);
    ngn_wset_fill(&street_abbr_set, street_abbr, 0);
    for (size_t k = 0; k < N_STREET_KINDS; k++) {
        const char *w = street_kinds[k].noun;
        size_t l = strlen(w);
        street_kind_hash[k][0] = ng_hash(w, l);
        street_kind_hash[k][1] = street_kinds[k].abbr ? 0 : ng_hash(w, ngn_stem_len(w, l));
    }
    ngn_wset_fill(&legal_set, legal_forms, 0);
    ngn_wset_fill(&orgq_set, org_words_q, 1);
    ngn_wset_fill(&en_tail_set, en_tails, 0);
    ngn_wset_fill(&en_of_set, en_heads_of, 0);
    ngn_wset_fill(&head_set, cyr_heads, 1);
    ngn_wset_fill(&head_place_set, cyr_heads_place, 1);
    ngn_wset_fill(&en_fn_set, en_function, 0);
    ngn_wset_fill(&ru_head_set, ru_heads, 1);
    ngn_wset_fill(&gen_head_set, genitive_heads, 1);
    ngn_wset_fill(&acr_head_set, acr_heads, 0);
    ngn_wset_fill(&common_abbr_set, common_abbr, 0);
    ngn_wset_fill(&qhead_set, quoted_heads, 1);
    ngn_wset_fill(&desig_set, designators, 1);
    ngn_wset_fill(&status_set, status_adjs, 1);
    ngn_wset_fill(&gen_stop_set, gen_stops, 0);
    ngn_wset_fill(&field_set, field_words, 0);
    ngn_wset_fill(&compass_set, compass_words, 1);
    ngn_wset_fill(&ru_legal_set, ru_legal_forms, 0);
    ngn_wset_fill(&trail_legal_set, trail_legal, 0);
    ngn_wset_fill(&company_set, company_words, 1);
    ngn_wset_fill(&law_set, law_words, 0);
    ngn_wset_fill(&product_set, latin_products, 0);
    ngn_wset_fill(&settle_set, settle_nouns, 1);
    ngn_wset_fill(&settle_abbr_set, settle_abbr, 0);
    lemmas_fill();
    id_abbr_init();
    adj_end_index();
}

static int is_word(const chunkctx *c, size_t i) {
    return i < c->nt && (c->tok[i].flags & TK_WORD) && !(c->tok[i].flags & TK_LONG);
}


/* Does a dictionary span cross the edges of tokens [i, j] (start inside and
 * end outside, or the reverse)? */
static int cuts_span(const chunkctx *c, size_t i, size_t j) {
    size_t s = tok_start(c, i), e = tok_end(c, j);
    for (size_t k = ngn_first_ending_after(c, c->first, s); k < c->ndict; k++) {
        const span *d = &c->m->spans[k];
        if (d->flags & NG_MATCH_OVERLAP) continue;
        if (d->start >= e) break;
        if (d->end <= s) continue;
        if (d->start < s || d->end > e) return 1;
    }
    return 0;
}

/* The dictionary organisation that covers exactly tokens [i, j], or -1. */
static long dict_org(const chunkctx *c, size_t i, size_t j) {
    long k = ngn_covering_at(c, c->first, tok_start(c, i));
    if (k < 0) return -1;
    const span *d = &c->m->spans[k];
    if (d->start != tok_start(c, i) || d->end != tok_end(c, j)) return -1;
    return (ngn_span_types(c->m, (size_t)k) & 4) ? k : -1;
}

/* ## A rule name in the nominative (NAMES.md, "Organisations": names)
 *
 * A name found in a case form (Антимонопольного комітету, Одеської
 * міськради, Міністерства оборони, Бучанського району) is named in the
 * nominative, as a dictionary names it: the head noun becomes the list's
 * word, the adjectives before it agree with it, the words after it stay.
 * Each guess is kept only when inflecting it (inflect.c, as the dictionary
 * compiler does) gives back the words as written; else the name stays as
 * written. */

static int lang_near(const chunkctx *c, size_t i, size_t j);
static int lang_of(const chunkctx *c, size_t a, size_t b);

/* Oblique (and nominative) adjective endings, folded, longest first. */
static const char *const adj_endings[] = {
    "ього", "ьому", "ьої", "ьою", "ого", "его", "ому", "ему", "ими", "ыми", "іми", "ої", "ою", "ей", "ею", "ой",
    "ую", "юю", "им", "ым", "ім", "ом", "ем", "их", "ых", "іх", "ий", "ый", "ій", "ая", "яя", "ое", "ее", "ые",
    "ие", "і", "а", "я", "е", "є", "у", "ю", NULL
};
/* Nominative endings by gender (masculine, feminine, neuter), Ukrainian
 * then Russian, in the order they are tried. */
static const char *const adj_nom_uk[3][3] = {{"ий", "ій", NULL}, {"а", "я", NULL}, {"е", "є", NULL}};
static const char *const adj_nom_ru[3][4] = {{"ый", "ий", "ой", NULL}, {"ая", "яя", NULL}, {"ое", "ее", NULL}};

/* 0 masculine, 1 feminine, 2 neuter: of a noun of the lists by its ending */
static int lemma_gender(const char *w) {
    size_t n = strlen(w);
#define END(e) ends_with(w, n, e, sizeof e - 1)
    int g = END("о") || END("е") ? 2
          /* (uk nouns in a doubled consonant and -я: управління, об'єднання) */
          : n >= 6 && END("я") && !memcmp(w + n - 6, w + n - 4, 2) ? 2
          : END("а") || END("я") || END("ь") ? 1 : 0;
#undef END
    return g;
}

typedef struct nomword {
    ng_inflect_word w;
    char fold[96], orig[96];
} nomword;
typedef struct infl_want { const char *const *f; const size_t *l; size_t n; } infl_want;
static int infl_found(const char *const *w, const size_t *lens, size_t n, void *ud) {
    const infl_want *q = ud;
    if (n != q->n) return 0;
    for (size_t k = 0; k < n; k++)
        if (lens[k] != q->l[k] || memcmp(w[k], q->f[k], lens[k])) return 0;
    return 1;
}

int ngn_declines_to(const ng_inflect_word *w, size_t n, const char *const *want, const size_t *wl,
                    const char *type, int lang, int all) {
    infl_want q = {want, wl, n};
    return (all ? ng_inflect_alias_all : ng_inflect_alias)(w, n, type, lang, infl_found, &q) == 1;
}
/* Does candidate words cand[0, n) inflect to (or equal) the folded words
 * want[0, n)? */
static int inflects_to(const nomword *cand, size_t n, const char *const *want, const size_t *wl,
                       const char *type, int lang) {
    ng_inflect_word w[16];
    int same = 1;
    for (size_t k = 0; k < n; k++) {
        w[k] = cand[k].w;
        same &= cand[k].w.fold_len == wl[k] && !memcmp(cand[k].w.fold, want[k], wl[k]);
    }
    if (same) return 1;
    return ngn_declines_to(w, n, want, wl, type, lang, 0);
}
/* Word k of a candidate: token q as written, or with its last 'cut' code
 * points replaced by 'end' (folded, lower case). 0 when it does not fit or
 * the token as written has other letters than its folded form. */
static int nom_set(nomword *nw, const chunkctx *c, size_t q, size_t cut, const char *end) {
    const char *f = tfold(c, q), *o = c->text + tok_start(c, q);
    size_t fl = tlen(c, q), ol = tok_end(c, q) - tok_start(c, q), el = strlen(end);
    if (fl + el > sizeof nw->fold || ol + el > sizeof nw->orig) return 0;
    size_t fb = ngn_tail_bytes(f, fl, cut), ob = ngn_tail_bytes(o, ol, cut);
    if (cut && ncp(f, fl) != ncp(o, ol)) return 0;
    memcpy(nw->fold, f, fl - fb);
    memcpy(nw->fold + fl - fb, end, el);
    memcpy(nw->orig, o, ol - ob);
    memcpy(nw->orig + ol - ob, end, el);
    nw->w = (ng_inflect_word){nw->fold, fl - fb + el, nw->orig, ol - ob + el, is_word(c, q)};
    return 1;
}

/* Word k of a candidate: token q as the folded word lem, its first letters
 * those lem shares with it as written, the rest lem's (Хрещатицькому
 * провулку, lem провулок: провулок). */
static int nom_set_lemma(nomword *nw, const chunkctx *c, size_t q, const char *lem) {
    const char *f = tfold(c, q);
    size_t fl = tlen(c, q), ll = strlen(lem), p = 0;
    while (p < ll && p < fl && lem[p] == f[p]) p++;
    while (p > 0 && ((unsigned char)lem[p] & 0xC0) == 0x80) p--;   /* (a whole letter) */
    return nom_set(nw, c, q, ncp(f + p, fl - p), lem + p);
}

/* The nominative of the noun token k is a case form of: the list word of
 * its stem (lemmas), or NULL. */
static const char *lemma_of(const chunkctx *c, size_t k) {
    const char *f = tfold(c, k);
    /* (the first of the lemmas of its stem or of the word as written) */
    long a = lemma_find(ng_hash(f, ngn_stem_len(f, tlen(c, k)))), b = lemma_find(c->tok[k].hash);
    if (a < 0 || (b >= 0 && b < a)) a = b;
    return a < 0 ? NULL : lemmas[a].w;
}

/* Rule S's street after its noun in a case form, into out: the noun's
 * nominative, the name as written ("вулиці Городецького": вулиця
 * Городецького; "проспекту Перемоги": проспект Перемоги), and a one-word
 * adjective after a feminine noun in -ій or -ою too ("вулиці Липовій":
 * вулиця Липова), up to byte ne of the text. 0 (as written) when the noun
 * is in the nominative, or the name is one word whose ending an adjective
 * that agrees and a genitive share (вулиці Липової, вулиці Ковалевської:
 * Липова or Ковалевської; провулку Тихого). After the abbreviation вул.
 * (the noun's case unwritten) only such an adjective: "вул. Інститутській"
 * is вул. Інститутська. */
static int street_nominative(const chunkctx *c, size_t n, size_t wi, size_t wj, size_t ne, char *out, size_t cap) {
    if (wi == n + 2 && wj == wi && tok_is(c, n, "вул") && is_punct(c, n + 1, '.')) {
        const char *lf = tfold(c, wj);
        size_t lfl = tlen(c, wj);
        if (!(c->tok[wj].flags & TK_CYR) || (c->tok[wj].flags & (TK_ALLUPPER | TK_LATIN | TK_DIGIT)) ||
            ncp(lf, lfl) < 5 || !(ends_with(lf, lfl, "ій", 4) || ends_with(lf, lfl, "ою", 4)))
            return 0;
        size_t a = tok_start(c, n), b = tok_end(c, wj);
        size_t cb = ngn_tail_bytes(c->text + tok_start(c, wj), b - tok_start(c, wj), 2);
        if ((b - cb - a) + 2 + (ne - b) >= cap) return 0;
        size_t o = b - cb - a;
        memcpy(out, c->text + a, o);
        memcpy(out + o, "а", 2);
        o += 2;
        memcpy(out + o, c->text + b, ne - b);
        o += ne - b;
        out[o] = 0;
        return 1;
    }
    if (!is_word(c, n) || !(c->tok[n].flags & TK_CYR) || (c->tok[n].flags & (TK_ALLUPPER | TK_LATIN | TK_DIGIT)) ||
        wi != n + 1 || wj < wi)
        return 0;
    const char *lem = lemma_of(c, n), *hf = tfold(c, n);
    size_t hl = tlen(c, n), ll = lem ? strlen(lem) : 0;
    if (!lem || (ll == hl && !memcmp(lem, hf, hl))) return 0;
    int fem = lemma_gender(lem) == 1;
    const char *lf = tfold(c, wj), *add = "";
    size_t lfl = tlen(c, wj), cut = 0;
    if (wi == wj) {
        static const char *const amb_f[] = {"ої", "у", "ю", "ой", "ую", "ей", NULL};
        static const char *const adj_m[] = {"ому", "ім", "им", "ого", "ом", "ым", "ем", NULL};
        if (fem && ncp(lf, lfl) >= 5 && (ends_with(lf, lfl, "ій", 4) || ends_with(lf, lfl, "ою", 4)) &&
            !(c->tok[wj].flags & TK_ALLUPPER)) {
            cut = 2;
            add = "а";
        } else
            for (const char *const *e = fem ? amb_f : adj_m; *e; e++)
                if (ends_with(lf, lfl, *e, strlen(*e))) return 0;
    }
    nomword nw;
    if (!nom_set_lemma(&nw, c, n, lem)) return 0;
    size_t a = tok_end(c, n), b = tok_end(c, wj), cb = ngn_tail_bytes(c->text + tok_start(c, wj), b - tok_start(c, wj), cut);
    size_t al = strlen(add), o = nw.w.orig_len;
    if (o + (b - cb - a) + al + (ne - b) >= cap) return 0;
    memcpy(out, nw.orig, o);
    memcpy(out + o, c->text + a, b - cb - a);
    o += b - cb - a;
    memcpy(out + o, add, al);
    o += al;
    memcpy(out + o, c->text + b, ne - b);
    o += ne - b;
    out[o] = 0;
    return 1;
}

/* The nominative of the name over tokens [i, j] whose head noun is token
 * 'head' (its nominative, folded: 'lem', or NULL for the lists' word of
 * its stem, lemma_of), into out (NUL-terminated, line breaks as spaces): 1
 * when a guess was made, 0 when the name stays as written (already
 * nominative, or no guess that inflects back to it). */
static int nominative_of(const chunkctx *c, size_t i, size_t j, size_t head, const char *lem, const char *type,
                         char *out, size_t cap) {
    nomword cand[16];
    const char *want[16];
    size_t wl[16], n = j - i + 1;
    if (n > 16 || head < i || head > j || !(c->tok[head].flags & TK_CYR) ||
        (c->tok[head].flags & (TK_ALLUPPER | TK_LATIN | TK_DIGIT)))
        return 0;
    for (size_t q = i; q <= j; q++) {
        want[q - i] = tfold(c, q);
        wl[q - i] = tlen(c, q);
        if (!nom_set(&cand[q - i], c, q, 0, "")) return 0;
    }
    int lang = lang_near(c, i, j);
    if (!lang)   /* (the sentence does not tell: the text around it) */
        lang = lang_of(c, i > 400 ? i - 400 : 0, j + 400 < c->nt ? j + 400 : c->nt - 1);
    if (!lang) return 0;
    int il = lang == 1 ? NG_LANG_UK : lang == 2 ? NG_LANG_RU : NG_LANG_UNKNOWN;
    /* the head: a list word of its stem (its nominative) */
    const char *hf = tfold(c, head);
    size_t hl = tlen(c, head);
    if (!lem) lem = lemma_of(c, head);
    if (!lem) return 0;
    size_t ll = strlen(lem);
    if (!nom_set_lemma(&cand[head - i], c, head, lem)) return 0;
    int g = lemma_gender(lem), changed = ll != hl || memcmp(lem, hf, hl);
    /* the adjectives before the head, left to right, each checked with
     * those before it and the head (the first of them is capitalised) */
    for (size_t q = i; q < head; q++) {
        if (!is_word(c, q) || (q + 2 <= head && is_punct(c, q + 1, '-')))
            continue;   /* (punctuation, the first part of Івано-Франківського) */
        const char *f = tfold(c, q);
        size_t fl = tlen(c, q), el = 0;
        for (const char *const *e = adj_endings; *e && !el; e++)
            if (ends_with(f, fl, *e, strlen(*e)) && fl > strlen(*e) + 2) el = strlen(*e);
        if (!el) return 0;
        /* (Russian writes no ы after г к х ж ш ч щ: Российский) */
        static const char *const ru_m_velar[] = {"ий", "ой", NULL};
        size_t sb = fl - el;
        int velar = sb >= 2 && (!memcmp(f + sb - 2, "г", 2) || !memcmp(f + sb - 2, "к", 2) ||
                                !memcmp(f + sb - 2, "х", 2) || !memcmp(f + sb - 2, "ж", 2) ||
                                !memcmp(f + sb - 2, "ш", 2) || !memcmp(f + sb - 2, "ч", 2) ||
                                !memcmp(f + sb - 2, "щ", 2));
        const char *const *opts[1] = {il == NG_LANG_RU ? (g == 0 && velar ? ru_m_velar : adj_nom_ru[g]) : adj_nom_uk[g]};
        int ok = 0;
        for (int a = 0; a < 1 && !ok; a++)
            for (const char *const *e = opts[a]; *e && !ok; e++) {
                if (!nom_set(&cand[q - i], c, q, ncp(f + fl - el, el), *e)) return 0;
                /* (the words up to this one and the head) */
                nomword pre[16];
                const char *pw[16];
                size_t pl[16], m = 0;
                for (size_t r = i; r <= q; r++, m++) pre[m] = cand[r - i], pw[m] = want[r - i], pl[m] = wl[r - i];
                pre[m] = cand[head - i], pw[m] = want[head - i], pl[m] = wl[head - i];
                for (size_t r = 0; r <= m; r++) pre[r].w.fold = pre[r].fold, pre[r].w.orig = pre[r].orig;
                ok = inflects_to(pre, m + 1, pw, pl, type, il);
            }
        if (!ok) return 0;
        changed |= cand[q - i].w.fold_len != wl[q - i] || memcmp(cand[q - i].w.fold, want[q - i], wl[q - i]);
    }
    if (!changed) return 0;
    for (size_t k = 0; k < n; k++) cand[k].w.fold = cand[k].fold, cand[k].w.orig = cand[k].orig;
    if (!inflects_to(cand, n, want, wl, type, il)) return 0;
    /* the name: the words as guessed, the text between them as written */
    size_t o = 0;
    for (size_t q = i; q <= j; q++) {
        if (q > i) {
            size_t a = tok_end(c, q - 1), b = tok_start(c, q);
            if (o + (b - a) >= cap) return 0;
            for (size_t x = a; x < b; x++) out[o++] = c->text[x] == '\n' || c->text[x] == '\t' || c->text[x] == '\r' ? ' ' : c->text[x];
        }
        const nomword *w = &cand[q - i];
        if (o + w->w.orig_len >= cap) return 0;
        memcpy(out + o, w->orig, w->w.orig_len);
        o += w->w.orig_len;
    }
    out[o] = 0;
    return 1;
}

static int nominative(const chunkctx *c, size_t i, size_t j, size_t head, const char *type, char *out, size_t cap) {
    return nominative_of(c, i, j, head, NULL, type, out, cap);
}

/* Rule C's compass adjective and the one-word place the dictionary found
 * after it, in a case form ("Західної України", "Западной Украины"): the
 * place's nominative is the dictionary's one-word alias that declines to
 * the word as written, the adjective agrees with it (Західна Україна,
 * Западная Украина). 0 if none does. */
static int compass_nominative(const chunkctx *c, size_t i, size_t j, char *out, size_t cap) {
    if (j != i + 1) return 0;
    long k = ngn_covering_at(c, c->first, tok_start(c, j));
    if (k < 0 || c->m->spans[k].start != tok_start(c, j) || c->m->spans[k].end != tok_end(c, j)) return 0;
    const cand *cd = &c->m->cands[c->m->spans[k].cand];
    const ng_dict *d = NULL;
    const img_entity *e = ng_cand_entity(c->t, cd, &d);
    for (uint32_t a = 0; e && a <= e->alias_count; a++) {
        const char *al = ng_entity_alias(d, e, a);
        size_t n = strlen(al), fl = 0;
        if (!n || (unsigned char)al[0] < 0x80 || memchr(al, ' ', n) || memchr(al, '-', n)) continue;
        char *f = ng_fold(al, n, &fl);
        if (!f) return 0;
        int ok = fl > 0 && nominative_of(c, i, j, j, f, "LOC", out, cap);
        free(f);
        if (ok) return 1;
    }
    return 0;
}

/* ## A dictionary name in a form the dictionary does not list (NAMES.md,
 * "Dictionary names in other forms"; NG_RULE_DICT_FORM)
 *
 * A one-word alias does not decline when it is to match only as written
 * (=Батьківщина, =Медуза) or when its case forms are frequent words
 * (батьківщини: inflect.c leaves them out). In quotes, or after a title, a
 * capitalised word that is such a form is the name: its nominative is
 * guessed (a case ending of one to three letters replaced by a nominative ending),
 * looked up as a one-word alias (not an inflected form) of an entity of
 * the type wanted, and kept when declining it gives back the word. */
static const char *const lemma_noms[] = {"", "а", "я", "о", "е", "ь", "й", "и", "і", "ия", NULL};
/* The case endings the guesses replace, by their length in letters
 * (folded; a word ending otherwise is no case form of another). */
static const char *const lemma_tails[4][16] = {
    {NULL},
    {"а", "я", "у", "ю", "и", "і", "ї", "е", "ы", "є", NULL},
    {"ою", "ею", "єю", "ом", "ем", "ой", "ей", "ів", "ям", "ам", "ах", "ях", "ий", "ов", "ии", NULL},
    {"ові", "еві", "ами", "ями", NULL},
};

typedef struct want1 { const char *f; size_t l; } want1;
static int found1(const char *const *w, const size_t *lens, size_t n, void *ud) {
    const want1 *q = ud;
    return n == 1 && lens[0] == q->l && !memcmp(w[0], q->f, q->l);
}

/* The candidate of output o of dictionary di (its order too, as the matcher gives it). */
static void out_cand_t(const ng_tagger *t, size_t di, const img_output *o, cand *out) {
    const ng_dict *d = t->dicts[di];
    const img_entity *e = &d->ent[o->entity];
    out->c = (ng_candidate){d->str + e->id, d->str + e->type, ng_entity_name(t, (unsigned)di, o->entity)};
    out->priority = e->priority;
    out->order = (uint64_t)di << 32 | o->entity;
    out->inflected = (o->flags & OUT_INFLECTED) != 0;
}

static void out_cand(const chunkctx *c, size_t di, const img_output *o, cand *out) {
    out_cand_t(c->t, di, o, out);
}

int ngn_dict_form(const chunkctx *c, size_t i, const char *type, cand *out) {
    const ng_token *t = &c->tok[i];
    if (!c->t->nd || (c->t->flags & NG_TAG_NO_INFLECT) || !is_word(c, i) || !(t->flags & TK_CYR) ||
        !(t->flags & TK_UPPER1) || (t->flags & (TK_ALLUPPER | TK_LATIN | TK_DIGIT | TK_LONG)))
        return 0;
    const char *f = tfold(c, i);
    size_t fl = tlen(c, i), letters = ncp(f, fl);
    if (letters < 4 || fl + 8 > sizeof ((nomword *)0)->fold) return 0;
    char gf[sizeof ((nomword *)0)->fold];
    for (size_t cut = 1; cut <= 3 && letters - cut >= 3; cut++) {
        /* (the guesses' folded forms built here; the whole word only for a
         * guess some dictionary has) */
        size_t sl = fl - ngn_tail_bytes(f, fl, cut);
        int tail = 0;
        for (const char *const *x = lemma_tails[cut]; *x && !tail; x++)
            tail = strlen(*x) == fl - sl && !memcmp(f + sl, *x, fl - sl);
        if (!tail) continue;
        memcpy(gf, f, sl);
        for (const char *const *e = lemma_noms; *e; e++) {
            size_t el = strlen(*e);
            memcpy(gf + sl, *e, el);
            uint64_t h = ng_hash(gf, sl + el);
            for (size_t di = 0; di < c->t->nd; di++) {
                const ng_dict *d = c->t->dicts[di];
                const img_vslot *v = dict_one_word(d, gf, sl + el, h);
                if (!v) continue;
                nomword g;
                if (!nom_set(&g, c, i, cut, *e)) return 0;
                uint32_t node = v->root & ~NODE_TERMINAL;
                for (uint32_t o = d->nodes[node]; o < d->nodes[node + 1]; o++) {
                    const img_output *op = &d->out[o];
                    if ((op->flags & OUT_INFLECTED) || strcmp(d->str + d->ent[op->entity].type, type)) continue;
                    if (op->flags & OUT_CASED) {
                        const char *cs = d->str + op->cased;
                        if (strlen(cs) != g.w.orig_len || memcmp(cs, g.orig, g.w.orig_len)) continue;
                    }
                    int lang = lang_near(c, i, i);
                    int il = lang == 1 ? NG_LANG_UK : lang == 2 ? NG_LANG_RU : NG_LANG_UNKNOWN;
                    want1 q = {f, fl};
                    if (ng_inflect_alias_all(&g.w, 1, type, il, found1, &q) != 1) continue;
                    out_cand(c, di, op, out);
                    return 1;
                }
            }
        }
    }
    return 0;
}

int ngn_dict_words(const chunkctx *c, const size_t *w, size_t n, const char *type, cand *out) {
    for (size_t di = 0; di < c->t->nd && n; di++) {
        const ng_dict *d = c->t->dicts[di];
        uint32_t node = 0;
        size_t q = 0;
        for (; q < n; q++) {
            const ng_token *t = &c->tok[w[q]];
            const img_vslot *v = dict_vslot(d, t->hash);
            if (!v || !dict_verify(d, v->tok1 - 1, tfold(c, w[q]), tlen(c, w[q]))) break;
            node = q ? dict_trans(d, node & ~NODE_TERMINAL, v->tok1 - 1) : v->root;
            if (!node) break;
        }
        if (q < n || !(node & NODE_TERMINAL)) continue;
        node &= ~NODE_TERMINAL;
        for (uint32_t o = d->nodes[node]; o < d->nodes[node + 1]; o++) {
            const img_output *op = &d->out[o];
            if ((op->flags & (OUT_CASED | OUT_INFLECTED)) || strcmp(d->str + d->ent[op->entity].type, type)) continue;
            out_cand(c, di, op, out);
            return 1;
        }
    }
    return 0;
}

/* Adds a span over tokens [i, j] naming the dictionary's candidate cd,
 * found by 'rule'. */
int ngn_dict_form_span(chunkctx *c, size_t i, size_t j, const cand *cd, unsigned rule) {
    const cand keep = *cd;   /* (cd may point into the candidates, which adding the span may move) */
    int rc = ngn_add_rule_span(c, i, j, keep.c.type, keep.c.id, keep.c.name, rule, 0);
    if (rc) return rc;
    cand *nc = &c->m->cands[c->m->spans[c->m->nspans - 1].cand];
    nc->priority = keep.priority;
    nc->order = keep.order;
    return NG_OK;
}

static int cyr_word(const chunkctx *c, size_t i);

/* A hyphenated name of the dictionary written with a space: "Коста Рика"
 * (Коста-Рика), "Коста Рики" (its case form): tokens i and i + 1, two
 * capitalised Cyrillic words on one line, are the alias word - word (a
 * form of it) of a dictionary: its entity (NG_RULE_DICT_FORM). Not over a
 * dictionary span reaching beyond the two words. */
static size_t spaced_compound(chunkctx *c, size_t i, int *rc) {
    size_t j = i + 1;
    if (j >= c->nt || !cyr_word(c, j) || (c->tok[j].flags & (TK_ALLUPPER | TK_LONG)) || !(c->tok[j].flags & TK_UPPER1) ||
        !(c->tok[i].flags & TK_UPPER1) || (c->tok[i].flags & TK_LONG))
        return (size_t)-1;
    for (size_t di = 0; di < c->t->nd; di++) {
        const ng_dict *d = c->t->dicts[di];
        const img_vslot *v = dict_vslot(d, c->tok[i].hash);
        if (!v || !(v->root & ~NODE_TERMINAL)) continue;
        long hy = dict_vocab(d, "-", 1, ng_hash("-", 1));
        if (hy < 0 || !dict_verify(d, v->tok1 - 1, tfold(c, i), tlen(c, i))) continue;
        uint32_t n2 = dict_trans(d, v->root & ~NODE_TERMINAL, (uint32_t)hy);
        const img_vslot *v2 = n2 ? dict_vslot(d, c->tok[j].hash) : NULL;
        if (!v2 || !dict_verify(d, v2->tok1 - 1, tfold(c, j), tlen(c, j))) continue;
        uint32_t n3 = dict_trans(d, n2 & ~NODE_TERMINAL, v2->tok1 - 1);
        if (!(n3 & NODE_TERMINAL)) continue;
        n3 &= ~NODE_TERMINAL;
        for (uint32_t o = d->nodes[n3]; o < d->nodes[n3 + 1]; o++) {
            const img_output *op = &d->out[o];
            if ((op->flags & OUT_CASED) || ((op->flags & OUT_INFLECTED) && (c->t->flags & NG_TAG_NO_INFLECT))) continue;
            if (cuts_span(c, i, j)) return (size_t)-1;
            long k = ngn_covering_at(c, c->first, tok_start(c, i));
            if (k >= 0 && c->m->spans[k].start == tok_start(c, i) && c->m->spans[k].end == tok_end(c, j))
                return (size_t)-1;
            cand cd;
            out_cand(c, di, op, &cd);
            *rc = ngn_dict_form_span(c, i, j, &cd, NG_RULE_DICT_FORM);
            return j;
        }
    }
    return (size_t)-1;
}

/* Does the folded f[0, e) end in the suffix of an adjective made of a
 * place's name: -ськ, -цьк, -зьк (Ukrainian: L_UK) or -ск, -цк, -зк
 * (Russian: L_RU)? 0 if not. */
static int place_stem_lang(const char *f, size_t e) {
    if (e < 4 || memcmp(f + e - 2, "к", 2)) return 0;
    int lang = L_RU;
    size_t s = e - 2;
    if (!memcmp(f + s - 2, "ь", 2)) {
        if (s < 4) return 0;
        s -= 2;
        lang = L_UK;
    }
    const char *p = f + s - 2;
    return !memcmp(p, "с", 2) || !memcmp(p, "ц", 2) || !memcmp(p, "з", 2) ? lang : 0;
}

/* The nominative of a place's adjectives before an acronym whose gender
 * the table knows, the words after the acronym as written: "Диканської
 * РДА" is Диканська РДА, "Кременчуцького НПЗ" Кременчуцький НПЗ,
 * "Черкаського ОТВ АМКУ" Черкаське ОТВ АМКУ, "Кременчугского НПЗ"
 * Кременчугский НПЗ. The adjectives are made of a place's name (-ськ-,
 * -цьк-, -зьк-: Ukrainian; -ск-, -цк-, -зк-: Russian), so their
 * masculine nominative is -ий in both languages. 0 when a word before
 * the acronym is no such adjective in a case form the table knows. */
static int acronym_nominative(const chunkctx *c, size_t i, size_t j, size_t head, char *out, size_t cap) {
    static const struct { const char *a; char g; } acr[] = {
        {"рда", 'f'}, {"ода", 'f'}, {"мда", 'f'}, {"ова", 'f'}, {"рва", 'f'}, {"мва", 'f'}, {"вца", 'f'},
        {"црл", 'f'}, {"сад", 'f'}, {"дюсш", 'f'}, {"зош", 'f'}, {"сзш", 'f'}, {"тес", 'f'}, {"тец", 'f'}, {"аес", 'f'}, {"гес", 'f'},
        {"гаес", 'f'}, {"грес", 'f'}, {"грэс", 'f'}, {"тэс", 'f'}, {"тэц", 'f'}, {"аэс", 'f'}, {"гэс", 'f'},
        {"нпз", 'm'}, {"гзк", 'm'}, {"гок", 'm'}, {"гмк", 'm'}, {"цнап", 'm'}, {"тцк", 'm'}, {"цпмсд", 'm'},
        {"рем", 'm'}, {"отв", 'n'},
    };
    /* case endings after the stem's к, and the nominative's */
    static const char *const m_end[] = {"ого", "ому", "им", "ім", "ом", NULL};
    static const char *const f_end_uk[] = {"ої", "ій", "у", "ою", NULL};
    static const char *const f_end_ru[] = {"ой", "ую", "ою", NULL};
    char g = 0;
    for (size_t k = 0; k < sizeof acr / sizeof acr[0] && !g; k++)
        if (tok_is(c, head, acr[k].a)) g = acr[k].g;
    if (!g || head <= i || head > j) return 0;
    size_t n = 0;
    for (size_t q = i; q <= j; q++) {
        const char *w = c->text + tok_start(c, q);
        size_t wl = c->tok[q].end - c->tok[q].start, keep = wl;
        const char *nom = "";
        if (q < head && is_word(c, q) && !(q + 1 < head && is_punct(c, q + 1, '-'))) {
            const char *f = tfold(c, q);
            size_t fl = tlen(c, q), el = 0;
            const char *const *lists[2] = {g == 'f' ? f_end_uk : m_end, g == 'f' ? f_end_ru : NULL};
            for (int li = 0; li < 2 && !el; li++)
                for (const char *const *e = lists[li]; e && *e && !el; e++)
                    if (fl > strlen(*e) + 4 && ends_with(f, fl, *e, strlen(*e))) el = strlen(*e);
            if (!el) return 0;
            size_t sb = fl - el;   /* the stem: ...ськ / ...ск */
            int lang = place_stem_lang(f, sb), uk = lang == L_UK, ru = lang == L_RU;
            if (!lang) return 0;
            /* (not the ending of the other language; the fold is not
             * NUL-terminated: el is the ending's length) */
            if (g == 'f' && el == 4 && ((uk && !memcmp(f + sb, "ой", 4)) ||
                                        (ru && (!memcmp(f + sb, "ої", 4) || !memcmp(f + sb, "ій", 4)))))
                return 0;
            nom = g == 'm' ? "ий" : g == 'f' ? (uk ? "а" : "ая") : (uk ? "е" : "ое");
            /* the word as written ends so too (not in capitals, no
             * character the fold drops inside the ending) */
            if (el > wl || memcmp(w + wl - el, f + fl - el, el)) return 0;
            keep = wl - el;
        }
        if (q > i && (c->tok[q].flags & TK_SPACE)) {
            if (n + 1 >= cap) return 0;
            out[n++] = ' ';
        }
        size_t nl = strlen(nom);
        if (n + keep + nl >= cap) return 0;
        memcpy(out + n, w, keep);
        memcpy(out + n + keep, nom, nl);
        n += keep + nl;
    }
    out[n] = 0;
    return 1;
}

/* The id keys token q of an organisation's name stands for when it is a
 * compound abbreviation of id_abbr_list, else NULL; "" for a word that
 * is no id word (територіальне, обласне before відділення). */
static const char *id_abbr(const chunkctx *c, size_t q, size_t last) {
    const ng_token *t = &c->tok[q];
    if (!(t->flags & TK_CYR)) return NULL;
    uint64_t st = ctx_stem(c, q);
    if (st == branch_adj[0] || st == branch_adj[1])
        for (size_t n = q + 1; n <= last && n < c->nt; n++) {
            if (!is_word(c, n)) continue;
            uint64_t h = ctx_stem(c, n);
            if (h == branch_adj[0] || h == branch_adj[1]) continue;
            return h == branch_stem[0] || h == branch_stem[1] ? "" : NULL;
        }
    for (size_t k = 0; k < N_ID_ABBR; k++)
        if (id_abbr_list[k].capitals ? (t->flags & TK_ALLUPPER) && t->hash == id_abbr_hash[k] : st == id_abbr_hash[k])
            return id_abbr_keys[k];
    return NULL;
}

static int adj_end(const char *f, size_t l);

/* The words [*a, *b] of [wi, wj], an organisation's name, that make its
 * id: the company's own name among them, so that its forms in an article
 * and across articles meet ("ТОВ «Торговий дім «Еко-Сервіс»»" and
 * "«Еко-Сервіс»" were two nodes of one article):
 *  - of nested quotes the innermost name (ТОВ «ТД «Укрпласт»»: Укрпласт),
 *    unless a dictionary knows it, alone or with words before it, as a
 *    place or person, which names the company with the words before it
 *    (ДП «Міжнародний аеропорт «Бориспіль»»);
 *  - in quotes, after a company word first, alone or after an adjective,
 *    a capitalised name («Фірма Крас», «Будівельна група Укрдорхім»: Крас,
 *    Укрдорхім);
 *  - no legal form after the name (Зевс ЛТД, Arida Global Ltd, as rule E's
 *    Acme Mining Ltd), at least one word left. */
static void id_words(const chunkctx *c, unsigned rule, size_t wi, size_t wj, size_t *a, size_t *b) {
    *a = wi;
    *b = wj;
    if (rule == NG_RULE_ORG_LEGAL_QUOTED || rule == NG_RULE_ORG_QUOTED || rule == NG_RULE_ORG_QUOTED_ALONE) {
        size_t core = wi;
        for (size_t q = wi + 1; q < wj; q++)
            if (ngn_open_quote(c, q) && is_word(c, q + 1)) core = q + 1;
        if (core > wi) {
            long t = ngn_covering_at(c, c->first, tok_start(c, core));
            size_t e = wj;
            while (e > core && !is_word(c, e)) e--;
            /* (the dictionary's span over it may start before it: Міжнародний
             * аеропорт «Бориспіль», a place) */
            if (!(t >= 0 && c->m->spans[t].end >= tok_end(c, e) && (ngn_span_types(c->m, (size_t)t) & 3u)))
                *a = core;
        } else {
            size_t w = wi;
            if (w + 1 < wj && (c->tok[w].flags & TK_UPPER1) && adj_end(tfold(c, w), tlen(c, w)) &&
                tok_has_stem(c, &company_set, w + 1))
                w++;
            if (w < wj && tok_has_stem(c, &company_set, w) && is_word(c, w + 1) && (c->tok[w + 1].flags & TK_UPPER1))
                *a = w + 1;
        }
    }
    size_t e = *b;
    for (;;) {
        while (e > *a && !is_word(c, e)) e--;
        if (e <= *a || !wset_has(&trail_legal_set, c->tok[e].hash)) break;
        e--;
    }
    *b = e;
}

/* s[0, n) (a name in capitals) in title case into out (cap bytes): each
 * word's first letter as it is, the others lower-cased (FARMINGTON HILLS:
 * Farmington Hills, КИЇВ: Київ). 0 if it does not fit or is no valid UTF-8. */
static int title_case(const char *s, size_t n, char *out, size_t cap) {
    size_t o = 0;
    int first = 1;
    for (size_t p = 0; p < n;) {
        int32_t cp;
        int l = ng_utf8_decode((const unsigned char *)s + p, n - p, &cp);
        if (l <= 0) return 0;
        p += (size_t)l;
        int letter = utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
        if (letter && !first) cp = utf8proc_tolower(cp);
        first = !letter && cp != '\'' && cp != 0x2019;
        if (o + 4 >= cap) return 0;
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
    }
    out[o] = 0;
    return 1;
}

/* Adds the organisation span [i, j] whose words are [wi, wj] (the name
 * without legal form and quotes, for the id and the name). 'head': the
 * organisation word, or (size_t)-1 (quoted names). Rule D's areas are places
 * (type LOC, id loc:...). */
static size_t org_span(chunkctx *c, unsigned rule, size_t i, size_t j, size_t wi, size_t wj, size_t head, int *rc) {
    int place = rule == NG_RULE_PLACE_AREA || rule == NG_RULE_PLACE_RIVER || rule == NG_RULE_PLACE_STREET ||
                rule == NG_RULE_PLACE_PART || rule == NG_RULE_PLACE_SETTLEMENT || rule == NG_RULE_PLACE_DATELINE;
    if (cuts_span(c, i, j)) return (size_t)-1;
    if (c->dry) return place ? (size_t)-1 : j;   /* parent_after asks where an organisation would end */
    /* the dictionary knows the words up to the head as a place or person (West Bank) */
    long t = head == (size_t)-1 ? -1 : ngn_covering_at(c, c->first, tok_start(c, head));
    if (t >= 0 && !(ngn_span_types(c->m, (size_t)t) & 4) && c->m->spans[t].end == tok_end(c, head)) return (size_t)-1;
    long k = dict_org(c, wi, wj);
    if (k >= 0 && wi == i && wj == j) return (size_t)-1;   /* the dictionary has it */
    if (!place && (wi != i || wj != j) && dict_org(c, i, j) >= 0)
        return (size_t)-1;   /* ... with its legal form or quotes (Apple Inc.) */
    if (place) k = -1;
    /* a quoted word that is a case form of a one-word dictionary name the
     * dictionary does not decline («Батьківщини»): that organisation */
    cand dc;
    if (k < 0 && wi == wj && (rule == NG_RULE_ORG_QUOTED || rule == NG_RULE_ORG_LEGAL_QUOTED ||
                              rule == NG_RULE_ORG_QUOTED_ALONE || rule == NG_RULE_DICT_FORM) &&
        ngn_dict_form(c, wi, "ORG", &dc)) {
        *rc = ngn_dict_form_span(c, i, j, &dc, rule);
        return j;
    }
    const char *id, *name;
    if (k >= 0) {
        const cand *cd = &c->m->cands[c->m->spans[k].cand];
        id = cd->c.id;
        name = cd->c.name;
    } else {
        char buf[256], sk[SK_MAX + 1];
        size_t bl = 0;
        const char *pre = rule == NG_RULE_PLACE_RIVER ? "loc:river-" : place ? "loc:" : "org:";
        bl = strlen(pre);
        memcpy(buf, pre, bl);
        if (rule == NG_RULE_PLACE_STREET) {
            /* (a street's kind first: вулиця and проспект Гагаріна are two) */
            const char *kind = c->street_kind ? c->street_kind : "street";
            size_t kl = strlen(kind);
            memcpy(buf + bl, kind, kl);
            buf[bl + kl] = '-';
            bl += kl + 1;
        }
        size_t b0 = bl;
        size_t nidw = 0, ia = wi, ib = wj;
        if (!place) id_words(c, rule, wi, wj, &ia, &ib);
        for (size_t q = ia; q <= ib && (!c->id_words || nidw < c->id_words); q++) {
            /* (імені, имени, ім.: one id however "named after" is written) */
            if (!is_word(c, q) || tok_is(c, q, "імені") || tok_is(c, q, "имени") || tok_is(c, q, "ім")) continue;
            /* (nor the initials of a person it is named after: театр імені
             * І. Франка is the theatre імені Франка) */
            if ((c->tok[q].flags & TK_CYR) && tlen(c, q) == 2 && (c->tok[q].flags & TK_UPPER1) && is_punct(c, q + 1, '.')) continue;
            /* (a compound abbreviation: the words it stands for) */
            const char *ab = id_abbr(c, q, ib);
            if (ab) {
                size_t al = strlen(ab);
                if (!al) continue;
                if (bl + al + 2 >= sizeof buf) break;
                if (bl > b0) buf[bl++] = '-';
                memcpy(buf + bl, ab, al);
                bl += al;
                nidw++;
                continue;
            }
            /* (capitals whole, an acronym's letters: ВАСУ is org:vasu, and
             * Харківське ОТВ АМКУ of rule K and Харківське тервідділення
             * АМКУ of rule A end alike) */
            int whole = (c->tok[q].flags & (TK_ALLUPPER | TK_CYR)) == (TK_ALLUPPER | TK_CYR) && tlen(c, q) > 2;
            size_t n;
            if ((c->tok[q].flags & (TK_DIGIT | TK_ASCII)) == (TK_DIGIT | TK_ASCII) && tlen(c, q) <= SK_MAX) {
                /* (a number as written: the 47th and the 110th brigade, school
                 * No 5 and No 7, are two; the skeleton keeps no digit) */
                n = tlen(c, q);
                memcpy(sk, tfold(c, q), n);
            } else
                n = ngn_skel(tfold(c, q), whole ? tlen(c, q) : ngn_stem_len(tfold(c, q), tlen(c, q)), sk, 0);
            if ((rule == NG_RULE_PLACE_AREA && q == head) || (rule == NG_RULE_PLACE_PART && q == wi))
                n = area_key(sk, n);   /* (уезд is повіт, западная західна) */
            if (bl + n + 2 >= sizeof buf) break;
            if (bl > b0) buf[bl++] = '-';
            memcpy(buf + bl, sk, n);
            bl += n;
            nidw++;
        }
        /* (a street's name without the house number) */
        size_t ns = tok_start(c, i), ne = tok_end(c, rule == NG_RULE_PLACE_STREET ? wj : j);
        id = ngn_arena_put(&c->mn->ar, buf, bl);
        /* (an organisation or an area named in a case form: its nominative) */
        char nom[256];
        /* (a quoted name alone whose last word is an organisation's noun
         * is declined as rule A's names are: «Південно-Західній
         * залізниці» is Південно-Західна залізниця; so is rule S2's
         * Ukrainian street or park: Поштовій площі is Поштова площа) */
        size_t nh = head;
        if (head == (size_t)-1 && rule == NG_RULE_ORG_QUOTED_ALONE && wi == i && wj == j && wj > wi &&
            (head_stem(c, &head_set, wj) || head_stem(c, &head_place_set, wj)))
            nh = wj;
        if (head == (size_t)-1 && rule == NG_RULE_PLACE_STREET && wi == i && wj == j && wj == i + 1 &&
            tok_has_stem(c, &street_uk_set, wj))
            nh = wj;
        /* (rule Q4's designator before the quoted name, its noun as
         * cap_designator finds it: "Державного підприємства «Завод Маяк»"
         * is Державне підприємство «Завод Маяк», the quotes as written) */
        size_t dn = (size_t)-1;
        if (head == (size_t)-1 && rule == NG_RULE_ORG_QUOTED && wi >= i + 2 && ngn_open_quote(c, wi - 1))
            for (size_t q = i; q + 1 < wi && dn == (size_t)-1; q++)
                if (desig_noun(c, q)) dn = q;
        size_t nl = 0;
        if ((rule == NG_RULE_PLACE_STREET && (wi == i + 1 || wi == i + 2) &&
             street_nominative(c, i, wi, wj, ne, nom, sizeof nom)) ||
            (rule == NG_RULE_PLACE_PART && wi == i && wj == j && compass_nominative(c, i, j, nom, sizeof nom)))
            name = ngn_arena_put(&c->mn->ar, nom, strlen(nom));
        else if (dn != (size_t)-1 && nominative(c, i, wi - 2, dn, "ORG", nom, sizeof nom) &&
            (nl = strlen(nom)) + (ne - tok_end(c, wi - 2)) < sizeof nom) {
            memcpy(nom + nl, c->text + tok_end(c, wi - 2), ne - tok_end(c, wi - 2));
            nom[nl + ne - tok_end(c, wi - 2)] = 0;
            name = ngn_arena_put(&c->mn->ar, nom, strlen(nom));
        } else if (nh != (size_t)-1 && (!place || rule == NG_RULE_PLACE_AREA || rule == NG_RULE_PLACE_STREET) &&
                   wi == i && wj == j &&
                   (nominative(c, i, j, nh, place ? "LOC" : "ORG", nom, sizeof nom) ||
                    (!place && (c->tok[nh].flags & TK_ALLUPPER) && acronym_nominative(c, i, j, nh, nom, sizeof nom))))
            name = ngn_arena_put(&c->mn->ar, nom, strlen(nom));
        else if (rule == NG_RULE_PLACE_DATELINE && title_case(c->text + ns, ne - ns, nom, sizeof nom))
            name = ngn_arena_put(&c->mn->ar, nom, strlen(nom));   /* (TAVILDARA: Tavildara) */
        else
            name = ngn_arena_put(&c->mn->ar, c->text + ns, ne - ns);
        if (!id || !name) { *rc = NG_E_NOMEM; return j; }
        for (char *p = (char *)name; *p; p++)
            if (*p == '\n' || *p == '\t' || *p == '\r') *p = ' ';
    }
    *rc = ngn_add_rule_span(c, i, j, place ? "LOC" : "ORG", id, name, rule, 0);
    return j;
}

/* A sentence's end: . ! ? */
static int sent_stop(const chunkctx *c, size_t k) {
    return is_punct(c, k, '.') || is_punct(c, k, '!') || is_punct(c, k, '?');
}

/* Ukrainian text: a letter і ї є ґ (no ы э ъ ё) in the words of tokens
 * [i, j] and the 8 tokens either side in their sentence, on their line. */
static int lang_near(const chunkctx *c, size_t i, size_t j);
static int lang_of(const chunkctx *c, size_t a, size_t b);

int ngn_lang_near(const chunkctx *c, size_t i, size_t j) { return lang_near(c, i, j); }

static int ukrainian_near(const chunkctx *c, size_t i, size_t j) {
    return lang_near(c, i, j) == 1;
}

/* The language the letters of tokens [i, j] and the 8 tokens either side
 * in their sentence mark: 1 Ukrainian (і ї є ґ and none of ы э ъ ё), 2
 * Russian (one of ы э ъ ё), 0 neither. */
static int lang_near(const chunkctx *c, size_t i, size_t j) {
    size_t a = i, b = j;
    for (size_t n = 0; a > 0 && n < 8 && !(c->tok[a].flags & TK_NL) && !sent_stop(c, a - 1); n++) a--;
    for (size_t n = 0; b + 1 < c->nt && n < 8 && !(c->tok[b + 1].flags & TK_NL) && !sent_stop(c, b + 1); n++) b++;
    return lang_of(c, a, b);
}
/* The language of tokens [a, b] by their letters, as lang_near. */
static int lang_of(const chunkctx *c, size_t a, size_t b) {
    int uk = 0;
    for (size_t k = a; k <= b; k++) {
        if (!(c->tok[k].flags & TK_CYR)) continue;
        const unsigned char *w = (const unsigned char *)c->text + tok_start(c, k);
        size_t n = c->tok[k].end - c->tok[k].start;
        for (size_t q = 0; q + 1 < n; q++) {
            if (ngn_ru_letter(w[q], w[q + 1])) return 2;   /* ы э ъ ё: Russian */
            uk |= ngn_uk_letter(w[q], w[q + 1]);
        }
    }
    return uk;
}

/* A document's title in quotes: «Про ...» (Закону «Про публічні закупівлі»). */
static int title_of_act(const chunkctx *c, size_t i) {
    return tok_is(c, i, "про") || tok_is(c, i, "о") || tok_is(c, i, "об");
}

/* Q2: capitals of 2 to 5 Cyrillic letters that no list or dictionary knows,
 * right before a quoted name in Ukrainian text, are a legal form too (ГО
 * «Центр», ПВКП «Нирт», ДГ «Відродження»: Ukrainian news write dozens of
 * them); not ЖК (a housing estate: a place), nor before «Про ...». d: the
 * capitals, [i, last] the name. */
static int mixed_legal(const chunkctx *c, size_t d) {
    const ng_token *t = &c->tok[d];
    if ((t->flags & (TK_ALLUPPER | TK_CYR | TK_UPPER1)) != (TK_CYR | TK_UPPER1) || !wset_has(&legal_set, t->hash))
        return 0;
    const unsigned char *w = (const unsigned char *)c->text + tok_start(c, d);
    size_t n = t->end - t->start, q = 0;
    for (int k = 0; q < n; k++) {
        int32_t cp;
        int l = ng_utf8_decode(w + q, n - q, &cp);
        if (l <= 0) return 0;
        if (k > 0 && utf8proc_isupper(cp)) return 1;
        q += (size_t)l;
    }
    return 0;
}

static int free_legal_form(const chunkctx *c, size_t d, size_t i, size_t last) {
    if (!(c->tok[d].flags & TK_CYR) || (c->tok[d].flags & (TK_LATIN | TK_DIGIT)) ||
        !ncp_ge(tfold(c, d), tlen(c, d), 2) || ncp_ge(tfold(c, d), tlen(c, d), 6) || tok_is(c, d, "жк"))
        return 0;
    if (!(c->tok[i].flags & TK_UPPER1) || title_of_act(c, i)) return 0;
    if (ngn_covering_at(c, c->first, tok_start(c, d)) >= 0) return 0;
    return ukrainian_near(c, d, last);
}

/* Q3: a quoted name with no designator before it, in Ukrainian text: one
 * to four words, each capitalised (or a number: «Пересувна механізована
 * колона № 15» is not one, «Шахта № 5» is), not all in capitals unless one
 * word, not after в / у / на (titles of works: у «Кобзарі»), not «Про ...»,
 * not a name a dictionary knows exactly (it decides). Most such names in
 * Ukrainian news are companies, bands and clubs ("тендер «Харківобленерго»",
 * "басист «Океанів»"); in Russian news most are ships, actions and works,
 * and Russian text is left alone. [i, last]: the words inside the quotes. */
static int adj_end(const char *f, size_t l);

/* Q3 with lower-case words: an organisation word is the head, the first
 * word or after adjectives only («Товариство мисливців Диканщини»,
 * «Краматорська тепломережа», «Будівельна група Укрдорхім»; not «Ветеран
 * служби», an award). */
static int quoted_head(const chunkctx *c, size_t i, size_t last) {
    for (size_t k = i; k <= last; k++) {
        if (!is_word(c, k)) continue;
        if (head_stem(c, &head_set, k) || head_stem(c, &head_place_set, k) ||
            head_stem(c, &orgq_set, k) || head_stem(c, &gen_head_set, k) ||
            head_stem(c, &qhead_set, k))
            return 1;
        /* (the first part of a hyphenated adjective: гірничо-збагачувальний) */
        if (k + 1 <= last && tok_is(c, k + 1, "-") && !(c->tok[k + 1].flags & TK_SPACE)) continue;
        if (!adj_end(tfold(c, k), tlen(c, k))) return 0;
    }
    return 0;
}

static size_t bare_quoted(chunkctx *c, size_t i, size_t last, int *rc) {
    size_t nw = 0, caps = 0, lower = 0;
    for (size_t k = i; k <= last; k++) {
        const ng_token *t = &c->tok[k];
        if (ngn_open_quote(c, k)) return (size_t)-1;   /* «ТД «Укрпласт»»: the inner name's rule */
        if (!(t->flags & TK_WORD)) continue;
        if (t->flags & TK_LATIN) return (size_t)-1;
        if (!(t->flags & TK_DIGIT) && !(t->flags & TK_UPPER1)) lower++;
        nw++;
        caps += (t->flags & TK_ALLUPPER) != 0;
    }
    if (nw == 0 || nw > (lower ? 6 : 4) || (nw > 1 && caps == nw) || !(c->tok[i].flags & TK_CYR) || title_of_act(c, i))
        return (size_t)-1;
    if (lower && (!(c->tok[i].flags & TK_UPPER1) || wset_has(&ngn_stop_set, c->tok[i].hash) ||
                  (!quoted_head(c, i, last) && !(last > i && wset_has(&trail_legal_set, c->tok[last].hash)))))
        return (size_t)-1;
    long k = ngn_covering_at(c, c->first, tok_start(c, i));
    if (k >= 0 && c->m->spans[k].end == tok_end(c, last)) return (size_t)-1;
    /* one word, a case form of a one-word dictionary organisation that the
     * dictionary does not decline («Батьківщини», «Медузы»): that one,
     * in Russian text too and after в / у / на (у «Батьківщині» заявили) */
    cand dc;
    if (i == last && !c->dry && ngn_dict_form(c, i, "ORG", &dc))
        return org_span(c, NG_RULE_DICT_FORM, i, last, i, last, (size_t)-1, rc);
    if (i >= 2 && (tok_is(c, i - 2, "в") || tok_is(c, i - 2, "у") || tok_is(c, i - 2, "на"))) return (size_t)-1;
    if (!ukrainian_near(c, i, last)) return (size_t)-1;
    return org_span(c, NG_RULE_ORG_QUOTED_ALONE, i, last, i, last, (size_t)-1, rc);
}

/* Drops the dictionary spans inside bytes [s, e) (kept in --all). */
static int drop_spans(chunkctx *c, size_t s, size_t e) {
    if (c->all) return NG_OK;
    for (size_t k = ngn_first_ending_after(c, c->first, s); k < c->ndict; k++) {
        const span *d = &c->m->spans[k];
        if (d->start >= e) break;
        if (d->start < s || d->end > e || (d->flags & NG_MATCH_OVERLAP)) continue;
        if (ng_grow((void **)&c->mn->dead, &c->mn->dead_cap, c->mn->ndead + 1, sizeof *c->mn->dead))
            return NG_E_NOMEM;
        c->mn->dead[c->mn->ndead++] = k;
    }
    return NG_OK;
}

/* The closing quote of a title «Про ...» whose opening quote is token q,
 * on the same line within 40 tokens, or (size_t)-1. */
static size_t act_title_end(const chunkctx *c, size_t q) {
    if (!ngn_open_quote(c, q) || !title_of_act(c, q + 1)) return (size_t)-1;
    for (size_t k = q + 2; k < c->nt && k < q + 40; k++) {
        if (c->tok[k].flags & TK_NL) return (size_t)-1;
        if (ngn_close_quote(c, k)) return k;
    }
    return (size_t)-1;
}

/* L at token i: a place right after a law word (Закону України), and the
 * title in quotes after it (Закону України «Про ... в Україні»), or a title
 * right after a law word (Законом «Про ...»): their dictionary spans are
 * dropped; the last token taken, or (size_t)-1. */
static size_t law_title(chunkctx *c, size_t i, int *rc) {
    if (i < 2) return (size_t)-1;
    size_t w = i - 1, last;
    if (ngn_open_quote(c, i - 1) && title_of_act(c, i)) {   /* Законом «Про ...» */
        w = i - 2;
        if (!is_word(c, w) || !wset_has(&law_set, c->tok[w].hash)) return (size_t)-1;
        if ((last = act_title_end(c, i - 1)) == (size_t)-1) return (size_t)-1;
    } else {   /* Закону України [«Про ...»] */
        if (!is_word(c, w) || !wset_has(&law_set, c->tok[w].hash)) return (size_t)-1;
        long k = ngn_covering_at(c, c->first, tok_start(c, i));
        if (k < 0 || c->m->spans[k].start != tok_start(c, i) || ngn_span_types(c->m, (size_t)k) != 2u) return (size_t)-1;
        last = i;
        while (last + 1 < c->nt && tok_end(c, last + 1) <= c->m->spans[k].end) last++;
        size_t t = act_title_end(c, last + 1);
        if (t != (size_t)-1) last = t;
    }
    if (!ukrainian_near(c, w, last)) return (size_t)-1;
    *rc = drop_spans(c, tok_start(c, w), tok_end(c, last));
    return last;
}

/* Q: a quoted name; i is its first word, right after the opening quote. */
/* Q4: a capitalised organisation word before a quoted name, inside a
 * sentence, in Ukrainian text: "Благодійного фонду «Платар»", "Державного
 * підприємства «…»", "Комунального закладу охорони здоров'я «…»". The
 * designator is part of the name, as Ukrainian news annotate it (the
 * lower-case "компанія «Нова пошта»" is not: rule Q). From token d (the
 * word before the opening quote) back: up to three lower-case words after
 * the organisation word, the word, then lower-case adjectives, to a
 * capitalised word (an adjective, or the organisation word) that does not
 * start its sentence (an adjective of a legal status may: Комунальне
 * підприємство «…»; not Відома компанія «…»). The first token of the
 * designator, or (size_t)-1. */
static int cyr_word(const chunkctx *c, size_t i);
static int genitive_word(const chunkctx *c, size_t k, int after_plural);

static size_t cap_designator(const chunkctx *c, size_t d) {
    size_t k = d, after = 0;
    int noun = 0;
    for (int n = 0; n < 8; n++) {
        size_t w = k;   /* (a hyphenated adjective, історико-культурним: from its first part) */
        if (w >= 2 && tok_is(c, w - 1, "-") && !(c->tok[w].flags & TK_SPACE) && !(c->tok[w - 1].flags & TK_SPACE))
            w -= 2;
        /* (a word first on its line may only be the capitalised first one) */
        if (!is_word(c, w) || !(c->tok[w].flags & TK_CYR) || (c->tok[w].flags & (TK_LATIN | TK_DIGIT | TK_ALLUPPER)) ||
            ((c->tok[w].flags & TK_NL) && !(c->tok[w].flags & TK_UPPER1)) || wset_has(&ngn_stop_set, c->tok[k].hash))
            return (size_t)-1;
        int is_noun = !noun && desig_noun(c, k);
        int adj = adj_end(tfold(c, k), tlen(c, k));
        if (noun && !adj) return (size_t)-1;
        if (is_noun) noun = 1;
        /* (the words after it are its genitives, no verb: not "У
         * Міністерстві сказали «Фонд»") */
        else if (!noun && (++after > 3 || !genitive_word(c, k, 0))) return (size_t)-1;
        if (c->tok[w].flags & TK_UPPER1) {
            if (!noun || (ngn_sentence_initial(c, w) && (is_noun || !tok_has_stem(c, &status_set, w)))) return (size_t)-1;
            return w;
        }
        if (w == 0) return (size_t)-1;
        k = w - 1;
    }
    return (size_t)-1;
}

static size_t quoted(chunkctx *c, size_t i, int *rc) {
    if (i < 1 || !ngn_open_quote(c, i - 1)) return (size_t)-1;
    /* the closing quote: at most 10 tokens on the line, no comma or stop */
    size_t j = i, nested = 0;
    for (; j < c->nt && j < i + 12; j++) {
        if (j > i && (c->tok[j].flags & TK_NL)) return (size_t)-1;
        /* (a quote after a space and right before a word opens a nested
         * name, also one that may close: ТОВ “Шахта “Моспінська”) */
        if (j > i && ngn_open_quote(c, j) && (c->tok[j].flags & TK_SPACE) && j + 1 < c->nt && is_word(c, j + 1) &&
            !(c->tok[j + 1].flags & TK_SPACE)) {
            nested++;
            continue;
        }
        if (ngn_close_quote(c, j) && j > i) {
            if (nested && j + 1 < c->nt && ngn_close_quote(c, j + 1) && !(c->tok[j + 1].flags & TK_NL)) {
                nested = 0;
                continue;
            }
            break;
        }
        if (ngn_open_quote(c, j)) { nested++; continue; }
        if (c->tok[j].flags & TK_PUNCT) {
            const char *f = tfold(c, j);
            if (tlen(c, j) == 1 && strchr(",;:!?()[]", f[0])) return (size_t)-1;
            if (tlen(c, j) == 1 && f[0] == '.' && j + 1 < c->nt && (c->tok[j + 1].flags & TK_SPACE)) return (size_t)-1;
        }
    }
    if (j >= c->nt || j >= i + 12 || !ngn_close_quote(c, j)) return (size_t)-1;
    size_t last = j - 1;      /* the last token inside */
    if (nested && ngn_close_quote(c, last)) last--;
    if (last < i) return (size_t)-1;
    if (i < 2 || !is_word(c, i - 2)) return bare_quoted(c, i, last, rc);
    size_t d = i - 2;
    const ng_token *td = &c->tok[d];
    if ((td->flags & TK_UPPER1) &&
        (((td->flags & TK_ALLUPPER) && (wset_has(&legal_set, td->hash) || free_legal_form(c, d, i, last))) ||
         mixed_legal(c, d))) {
        /* ТОВ «Ромашка»: the legal form and the quotes; two legal forms
         * (ТОВ «ТД «Укрпласт»»): from the first */
        if (d >= 2 && ngn_open_quote(c, d - 1) && is_word(c, d - 2) && (c->tok[d - 2].flags & TK_ALLUPPER) &&
            wset_has(&legal_set, c->tok[d - 2].hash))
            d -= 2;
        if (ngn_covering_at(c, c->first, tok_start(c, d)) >= 0) return (size_t)-1;
        /* a Russian legal form (ООО, ОАО, ЗАО, ПАО, АО ...): the name only,
         * as Russian news annotate it (ОАО «Газпром»: Газпром), as for the
         * places after a name (place_after) */
        if (wset_has(&ru_legal_set, c->tok[d].hash)) {
            /* (a nested name whose two closing quotes are one, ООО «Торговый
             * дом «Ромашка»: with it, Торговый дом «Ромашка», not "... «Ромашка") */
            size_t e = nested ? j : last;
            return org_span(c, NG_RULE_ORG_LEGAL_QUOTED, i, e, i, last, (size_t)-1, rc);
        }
        return org_span(c, NG_RULE_ORG_LEGAL_QUOTED, d, j, i, last, (size_t)-1, rc);
    }
    if (!(td->flags & TK_ALLUPPER) && (td->flags & TK_CYR)) {
        size_t w = cap_designator(c, d);
        /* (not over a span a rule added before: a person's, a place's) */
        for (size_t k = c->m->nspans; w != (size_t)-1 && k-- > c->ndict;)
            if (c->m->spans[k].end > tok_start(c, w) && c->m->spans[k].start < tok_end(c, d)) w = (size_t)-1;
        if (w != (size_t)-1 && ukrainian_near(c, w, last) &&
            ngn_covering_at(c, c->first, tok_start(c, w)) < 0)
            return org_span(c, NG_RULE_ORG_QUOTED, w, j, i, last, (size_t)-1, rc);
    }
    /* (a nested name whose two closing quotes are one, партії «Блок Петра
     * Порошенка «Солідарність»: with it, as the Russian legal form's) */
    size_t e = nested ? j : last;
    if (!(td->flags & TK_ALLUPPER) && head_stem(c, &orgq_set, d))
        return org_span(c, NG_RULE_ORG_QUOTED, i, e, i, last, (size_t)-1, rc);
    /* a military command's abbreviation: ОК «Південь», ОСУВ «Хортиця», ОТУ «Донецьк» */
    if ((td->flags & (TK_ALLUPPER | TK_CYR)) == (TK_ALLUPPER | TK_CYR) &&
        (tok_is(c, d, "ок") || tok_is(c, d, "осув") || tok_is(c, d, "оту")))
        return org_span(c, NG_RULE_ORG_QUOTED, i, e, i, last, (size_t)-1, rc);
    if (td->flags & TK_ALLUPPER) {   /* ЖК «Печерські Липки»: not a bare name */
        /* (a preposition first in its sentence is one as inside it: З
         * «Океанами» the bare name, В / У «Кобзарі» not, a dictionary's
         * name in a form it does not list, У «Батьківщині», yes) */
        if (tok_is(c, d, "з") || tok_is(c, d, "в") || tok_is(c, d, "у")) return bare_quoted(c, i, last, rc);
        /* (a conjunction, І «...», А «...»: that form only) */
        cand dc;
        if (!ncp_ge(tfold(c, d), tlen(c, d), 2) && i == last && !c->dry && ngn_dict_form(c, i, "ORG", &dc))
            return org_span(c, NG_RULE_DICT_FORM, i, last, i, last, (size_t)-1, rc);
        return (size_t)-1;
    }
    return bare_quoted(c, i, last, rc);
}

/* A Latin capitalised word that may be part of an English organisation's name. */
static int en_word(const chunkctx *c, size_t i) {
    if (i >= c->nt) return 0;
    const ng_token *t = &c->tok[i];
    if (!(t->flags & TK_WORD) || !(t->flags & TK_UPPER1) || !(t->flags & TK_LATIN) || (t->flags & TK_CYR) ||
        (t->flags & TK_NL))
        return 0;
    /* capitals: an acronym of at most 4 letters (First Chicago NBD Corp), not a headline */
    if ((t->flags & TK_ALLUPPER) && ncp_ge(tfold(c, i), tlen(c, i), 5)) return 0;
    return !wset_has(&en_fn_set, t->hash) && !wset_has(&ngn_title_set, t->hash);
}

/* A word + of + capitalised words from token i (Bank of England): the last
 * token, or (size_t)-1. */
static size_t of_tail(const chunkctx *c, size_t i) {
    if (!wset_has(&en_of_set, c->tok[i].hash) || i + 2 >= c->nt || !tok_is(c, i + 1, "of")) return (size_t)-1;
    size_t j = i + 2;
    if (tok_is(c, j, "the") && j + 1 < c->nt) j++;
    if (!en_word(c, j) || !(c->tok[j].flags & TK_SPACE)) return (size_t)-1;
    size_t last = j;
    while (last + 1 < c->nt && last < j + 3 && en_word(c, last + 1) && (c->tok[last + 1].flags & TK_SPACE))
        last++;
    return last;
}

/* An English ordinal in digits: 1st, 2nd, 3rd, 47th, 110th. */
static int ordinal_word(const chunkctx *c, size_t k) {
    const char *f = tfold(c, k);
    size_t l = tlen(c, k), d = 0;
    if ((c->tok[k].flags & (TK_WORD | TK_DIGIT)) != (TK_WORD | TK_DIGIT)) return 0;
    while (d < l && f[d] >= '0' && f[d] <= '9') d++;
    return d >= 1 && d <= 3 && l == d + 2 &&
           (!memcmp(f + d, "st", 2) || !memcmp(f + d, "nd", 2) || !memcmp(f + d, "rd", 2) || !memcmp(f + d, "th", 2));
}

/* A legal form written as letters and dots, with or without spaces
 * ("S.A.", "S. A.", "B. V.", "N.V.", "S.p.A.", "L.L.C.") from token k: the
 * token of its last dot, or (size_t)-1. One Latin letter a token, each
 * with its dot right after it, on one line. */
static size_t dotted_legal(const chunkctx *c, size_t k) {
    static const char *const forms[] = {"sa", "bv", "nv", "ag", "llc", "lp", "plc", "spa", "srl", "sl", "sas",
                                        "ab", "oy", "sarl", "pte", "pty", NULL};
    char f[8];
    size_t n = 0, q = k;
    while (n < 5 && q + 1 < c->nt && is_word(c, q) && (c->tok[q].flags & TK_LATIN) && tlen(c, q) == 1 &&
           (q == k || !(c->tok[q].flags & TK_NL)) && is_punct(c, q + 1, '.') && !(c->tok[q + 1].flags & TK_SPACE)) {
        f[n++] = tfold(c, q)[0];
        q += 2;
        if (q >= c->nt || (c->tok[q].flags & TK_NL)) break;
    }
    if (n < 2 || n > 4) return (size_t)-1;
    /* (initials before a surname are no legal form: James S. A. Corey) */
    size_t e = k + 2 * n - 1;
    if (e + 1 < c->nt && is_word(c, e + 1) && (c->tok[e + 1].flags & TK_UPPER1) && (c->tok[e + 1].flags & TK_SPACE) &&
        !(c->tok[e + 1].flags & TK_NL) && !wset_has(&ngn_stop_set, c->tok[e + 1].hash))
        return (size_t)-1;
    f[n] = 0;
    for (const char *const *w = forms; *w; w++)
        if (!strcmp(*w, f)) return e;
    return (size_t)-1;
}

/* E: English names. */
static size_t english(chunkctx *c, size_t i, int *rc) {
    if (!en_word(c, i) && !((c->tok[i].flags & TK_NL) && (c->tok[i].flags & TK_UPPER1))) return (size_t)-1;
    if (!(c->tok[i].flags & TK_LATIN) || wset_has(&en_fn_set, c->tok[i].hash)) return (size_t)-1;
    /* a word + of + capitalised words: Bank of England */
    size_t last = of_tail(c, i);
    if (last != (size_t)-1) return org_span(c, NG_RULE_ORG_OF, i, last, i, last, i, rc);
    /* a run of capitalised words ending in a legal form or organisation word */
    if (i > 0 && en_word(c, i - 1) && (c->tok[i].flags & TK_SPACE) && !(c->tok[i].flags & TK_NL))
        return (size_t)-1;    /* not the start of the run */
    size_t j = i, found = (size_t)-1, dotted = (size_t)-1;
    while (j + 1 < c->nt && j < i + 6) {
        size_t k = j + 1;
        if (tok_is(c, k, "&") && k + 1 < c->nt && en_word(c, k + 1)) k++;
        if (!en_word(c, k) || !(c->tok[k].flags & TK_SPACE)) break;
        /* a legal form in letters and dots ends the name (MAKO Holding B. V.) */
        if ((dotted = dotted_legal(c, k)) != (size_t)-1) {
            found = k;
            break;
        }
        j = k;
        if (wset_has(&en_tail_set, c->tok[j].hash)) found = j;
    }
    if (found == (size_t)-1) return (size_t)-1;
    /* a title before a contest's name is part of it (Miss Universe Inc.,
     * Miss Venezuela Organisation) */
    size_t s0 = i > 0 && !(c->tok[i].flags & TK_NL) && !is_punct(c, i - 1, '.') &&
                (ngn_title_common_noun(c, i) || ngn_contest_place(c, i)) ? i - 1 : i;
    int lower = 0;   /* a headline in capitals (NEW YORK BANK) is no name */
    for (size_t q = i; q <= found; q++) lower |= (c->tok[q].flags & (TK_WORD | TK_ALLUPPER)) == TK_WORD;
    if (!lower) return (size_t)-1;
    /* National Bank of Poland */
    last = dotted != (size_t)-1 ? (size_t)-1 : of_tail(c, found);
    size_t wj = last;
    if (dotted != (size_t)-1) {
        wj = found - 1;   /* (found > i: the run has a word before the form) */
        last = dotted;
    } else if (last == (size_t)-1) {
        wj = found;
        last = found;
        /* (a legal form of trail_legal: of the organisation words, Inc,
         * Corp, Ltd, Co, Plc, LLC, AG, NV, GmbH) */
        if (wset_has(&trail_legal_set, c->tok[found].hash)) {
            /* the name is the words before the legal form: a dictionary
             * organisation there keeps its id (Brindlewick Holdings Ltd) */
            if (found > i) wj = found - 1;
            /* Inc. Corp. Co.: the abbreviation's dot, unless it ends the sentence */
            if (is_punct(c, found + 1, '.') && !(c->tok[found + 1].flags & TK_SPACE) && found + 2 < c->nt &&
                !(c->tok[found + 2].flags & (TK_NL | TK_UPPER1)))
                last = found + 1;
        }
    }
    /* a military unit's ordinal before it: the 47th Mechanized Brigade */
    if (s0 == i && i > 0 && (c->tok[i].flags & TK_SPACE) && !(c->tok[i].flags & TK_NL) && ordinal_word(c, i - 1) &&
        (tok_is(c, found, "brigade") || tok_is(c, found, "regiment") || tok_is(c, found, "battalion") ||
         tok_is(c, found, "corps")))
        s0 = i - 1;
    return org_span(c, NG_RULE_ORG_ENGLISH, s0, last, s0, wj, found, rc);
}

/* Folded Cyrillic word ending as an adjective does. Asked of most
 * capitalised Cyrillic words: the endings' lengths are kept with them and
 * the last two bytes (the last letter) compared first, rather than a
 * strlen and a memcmp call for each of the 37 endings. */
#define E(s) {s, sizeof s - 1, (sizeof s - 1) / 2}   /* Cyrillic letters: two bytes each */
static const struct { const char *s; unsigned char len, letters; } adj_end_tab[] = {
    E("ий"), E("ій"), E("ого"), E("ому"), E("им"), E("ім"), E("ої"), E("ою"), E("ая"), E("яя"), E("ое"),
    E("ее"), E("ой"), E("ый"), E("ую"), E("ых"), E("их"), E("ые"), E("ие"), E("ими"), E("ыми"), E("іх"),
    E("ні"), E("на"), E("ня"), E("ська"), E("цька"), E("зька"), E("ова"), E("ева"), E("ча"), E("жа"),
    E("ша"), E("ща"), E("ське"), E("не"), E("цьке"), E("ском"), E("цком"),
    /* (the Ukrainian feminine accusative: Хмельницьку міську раду,
     * обласну, Державну, Національну, податкову; not Україну, війну) */
    E("ську"), E("цьку"), E("зьку"), E("льну"), E("вну"), E("сну"), E("нну"), E("дну"), E("тну"), E("ову"),
};
#undef E
_Static_assert(sizeof adj_end_tab / sizeof *adj_end_tab <= 64, "adj_end_last: a bit an ending");
/* adj_end_tab's endings by their last letter, as bits: every ending ends
 * in a Cyrillic letter (D0 or D1, then 80-BF), numbered (first & 1) << 6 |
 * (second & 0x3F). Filled by org_init. */
static uint64_t adj_end_last[128];
static void adj_end_index(void) {
    for (size_t k = 0; k < sizeof adj_end_tab / sizeof *adj_end_tab; k++) {
        const unsigned char *p = (const unsigned char *)adj_end_tab[k].s;
        size_t el = adj_end_tab[k].len;
        adj_end_last[(p[el - 2] & 1u) << 6 | (p[el - 1] & 0x3Fu)] |= 1ull << k;
    }
}

static int adj_end(const char *f, size_t l) {
    if (l < 2) return 0;
    /* a doubled consonant before -я makes a noun, not an adjective
     * (Рішення, Засідання, Життя: not the first word of a rule A name) */
    if (l >= 6 && !memcmp(f + l - 2, "я", 2) && !memcmp(f + l - 6, f + l - 4, 2) && memcmp(f + l - 4, "я", 2)) return 0;
    /* nor are Russian nouns in -ение, -ание, -яние, -тие (Решение, Заявление,
     * Постановление, Открытие: not the first word of a rule A name; the
     * adjectives' -ие follows a consonant, Последние, Внутренние, or и, Синие) */
    if (l >= 8 && !memcmp(f + l - 4, "ие", 4) &&
        (!memcmp(f + l - 6, "т", 2) ||
         (!memcmp(f + l - 6, "н", 2) && (!memcmp(f + l - 8, "е", 2) || !memcmp(f + l - 8, "а", 2) || !memcmp(f + l - 8, "я", 2)))))
        return 0;
    /* (asked of most capitalised Cyrillic words and their neighbours: only
     * the endings of the word's last letter are compared) */
    const unsigned char *u = (const unsigned char *)f;
    if ((u[l - 2] & 0xFEu) != 0xD0 || (u[l - 1] & 0xC0u) != 0x80) return 0;
    ngn_org_init();
    for (uint64_t m = adj_end_last[(u[l - 2] & 1u) << 6 | (u[l - 1] & 0x3Fu)]; m; m &= m - 1) {
        size_t k = (size_t)__builtin_ctzll(m);
        if (ends_with(f, l, adj_end_tab[k].s, adj_end_tab[k].len) && ncp(f, l) > (size_t)adj_end_tab[k].letters + 1)
            return 1;
    }
    return 0;
}

/* The cases, genders and numbers an ending adj_end accepts can stand for,
 * as bits (A_*), for the agreement of rule A's words: adjectives before
 * one noun agree with each other ("Синие Киевского университета", a
 * nominative plural and a genitive, are no one name), and a feminine
 * nominative (Постанова, a noun in -ова) goes with no noun's oblique form
 * ("Постанова Ради"). ~0u: any (an ending the table lacks). */
enum {
    A_NM = 1u << 0, A_NF = 1u << 1, A_NN = 1u << 2, A_NPL = 1u << 3, A_GM = 1u << 4, A_GF = 1u << 5,
    A_DM = 1u << 6, A_DF = 1u << 7, A_AF = 1u << 8, A_IM = 1u << 9, A_IF = 1u << 10, A_LM = 1u << 11,
    A_LF = 1u << 12, A_GPL = 1u << 13, A_DPL = 1u << 14, A_IPL = 1u << 15
};
static unsigned adj_cases(const char *f, size_t l) {
#define E(s, m) {s, sizeof s - 1, m}
    static const struct { const char *s; unsigned char len; unsigned m; } e[] = {
        E("ого", A_GM), E("ому", A_DM | A_LM), E("ими", A_IPL), E("ыми", A_IPL),
        E("ий", A_NM), E("ый", A_NM), E("ій", A_NM | A_DF | A_LF), E("ой", A_NM | A_GF | A_DF | A_IF | A_LF),
        E("им", A_IM | A_DPL), E("ым", A_IM | A_DPL), E("ім", A_IM | A_LM | A_DPL), E("ом", A_LM),
        E("ої", A_GF), E("ою", A_IF), E("ую", A_AF), E("ое", A_NN), E("ее", A_NN), E("ые", A_NPL),
        E("ие", A_NPL), E("ні", A_NPL), E("их", A_GPL), E("ых", A_GPL), E("іх", A_GPL), E("е", A_NN),
        E("а", A_NF), E("я", A_NF), E("у", A_AF),
    };
#undef E
    for (size_t k = 0; k < sizeof e / sizeof e[0]; k++)
        if (ends_with(f, l, e[k].s, e[k].len)) return e[k].m;   /* (the last byte first) */
    return ~0u;
}

/* Does a comma or a conjunction come before token i (a list's last
 * adjective, which may be singular before a plural noun)? */
static int list_before(const chunkctx *c, size_t i) {
    return i > 0 && (is_punct(c, i - 1, ',') || tok_is(c, i - 1, "і") || tok_is(c, i - 1, "та") ||
                     tok_is(c, i - 1, "й") || tok_is(c, i - 1, "и"));
}
/* Can rule A's head noun, token k, go with the adjective i right before
 * it, of the cases m? A feminine nominative does not go with a noun in -и
 * -і -ї -ы -у -ю -е -є (an oblique case: "Постанова Ради"), unless it ends
 * a list ("Бортниківська і Червоненська сільради"); capitals (РДА)
 * decline not. */
static int head_agrees(const chunkctx *c, size_t i, size_t k, unsigned m) {
    if (m != A_NF || (c->tok[k].flags & TK_ALLUPPER) || list_before(c, i)) return 1;
    static const char *const obl[] = {"и", "і", "ї", "ы", "у", "ю", "е", "є"};
    for (size_t q = 0; q < sizeof obl / sizeof *obl; q++)
        if (ends_with(tfold(c, k), tlen(c, k), obl[q], strlen(obl[q]))) return 0;
    return 1;
}

/* An adjective made of a place's name: -ськ-, -цьк-, -зьк- (uk), -ск-,
 * -цк-, -зк- (ru) before the ending (Бучанського, Приморському,
 * Партизанского), not Нового, Кожного, Сусіднього: the suffix ends within
 * the last four bytes of the stem (ngn_stem_len). */
static int place_adjective(const char *f, size_t l) {
    size_t sl = ngn_stem_len(f, l);
    for (size_t e = sl >= 4 ? sl - 4 : 0; e <= sl; e++)
        if (place_stem_lang(f, e)) return 1;
    return 0;
}

static int cyr_word(const chunkctx *c, size_t i) {
    return is_word(c, i) && (c->tok[i].flags & TK_CYR) && !(c->tok[i].flags & (TK_LATIN | TK_DIGIT)) &&
           (c->tok[i].flags & TK_SPACE) && !(c->tok[i].flags & TK_NL);
}

/* An area's noun (rule D): a word of area_heads by its stem, not an
 * adjective made of it ("Черкаського духовного повітового училища",
 * "уездной", "громадський"). */
static int area_noun(const chunkctx *c, size_t k) {
    static const char *const adj[] = {"ого", "ому", "ий", "ій", "им", "их", "ої", "ая", "ое", "ый", "ой", NULL};
    if (!tok_has_stem(c, &area_set, k)) return 0;
    const char *f = tfold(c, k);
    size_t l = tlen(c, k);
    for (const char *const *e = adj; *e; e++)
        if (ends_with(f, l, *e, strlen(*e))) return 0;
    return 1;
}

/* Russian: letters ы э ъ ё in tokens [i, j], or a Russian head word
 * written without і ї є ґ (the stems of академия, партия, компания,
 * федерация are the Ukrainian words' too: "Національної академії" is no
 * Russian name). */
static int russian(const chunkctx *c, size_t i, size_t j) {
    for (size_t k = i; k <= j; k++) {
        const unsigned char *w = (const unsigned char *)c->text + tok_start(c, k);
        size_t n = c->tok[k].end - c->tok[k].start;
        int uk = 0;
        for (size_t q = 0; q + 1 < n; q++) {
            if (ngn_ru_letter(w[q], w[q + 1])) return 1;
            uk |= ngn_uk_letter(w[q], w[q + 1]);
        }
        if (!uk && tok_has_stem(c, &ru_head_set, k)) return 1;
    }
    return 0;
}

/* A place a dictionary knows right after token j (Національний банк України),
 * also after "м." / "міста" / "г." / "города" (Господарського суду м. Києва,
 * суду міста Києва); with 'parent', also an organisation's acronym there and a
 * place after it (Головного слідчого управління МВС, Інституту української
 * мови НАН України: a part of an organisation is named with its parent).
 * Ukrainian names include them; Russian ones, as Russian news annotate them,
 * end before them (Верховный суд | Бангладеша): the place stays a place. */
static size_t place_after(const chunkctx *c, size_t j, int parent) {
    size_t k = j + 1;
    /* a branch in an oblast or a city: у / в + області or м. (Служби
     * автомобільних доріг у Херсонській області, ради в м. Києві) */
    int in = (tok_is(c, k, "у") || tok_is(c, k, "в")) && !(c->tok[k].flags & TK_NL), city = 0;
    if (in) k++;
    if ((tok_is(c, k, "м") || tok_is(c, k, "г")) && is_punct(c, k + 1, '.') && !(c->tok[k + 1].flags & TK_SPACE))
        k += 2, city = 1;
    else if (!in && (tok_is(c, k, "міста") || tok_is(c, k, "города")))
        k++;
    if (!cyr_word(c, k) || !(c->tok[k].flags & TK_UPPER1)) return j;
    long s = ngn_covering_at(c, c->first, tok_start(c, k));
    if (s < 0 || c->m->spans[s].start != tok_start(c, k)) return j;
    unsigned ty = ngn_span_types(c->m, (size_t)s);
    int acronym = !in && parent && k == j + 1 && ty == 4 && (c->tok[k].flags & TK_ALLUPPER);
    if (ty != 2 && !acronym) return j;
    size_t e = k;
    while (e + 1 < c->nt && tok_end(c, e + 1) <= c->m->spans[s].end) e++;
    if (in && !city && !tok_is(c, e, "області")) return j;
    return acronym ? place_after(c, e, 0) : e;
}

/* N: "імені" / "имени" / "ім." and one to three capitalised Cyrillic words
 * after the organisation word at token j (Театр імені Лесі Українки,
 * університету імені Тараса Шевченка, театра имени Пушкина): the last
 * token of the name, or j. A person the dictionary knows there becomes part
 * of the organisation. */
static size_t named_after(const chunkctx *c, size_t j) {
    size_t k = j + 1;
    if (k >= c->nt || (c->tok[k].flags & TK_NL)) return j;
    if (tok_is(c, k, "імені") || tok_is(c, k, "имени")) k++;
    else if (tok_is(c, k, "ім") && is_punct(c, k + 1, '.')) k += 2;
    else return j;
    size_t e = j, words = 0;
    for (size_t q = k; q < c->nt && words < 3; q++) {
        if (!cyr_word(c, q) || !(c->tok[q].flags & TK_UPPER1) || (c->tok[q].flags & TK_NL)) break;
        if (tlen(c, q) == 2 && is_punct(c, q + 1, '.') && q + 2 < c->nt && !(c->tok[q + 2].flags & TK_NL)) {
            q++;   /* an initial and its dot (театра имени А. П. Чехова): the name goes on */
            continue;
        }
        /* (the name ends before an acronym or a place or body the
         * dictionary knows: Інституту ботаніки ім. М. Холодного НАН України) */
        if (words && (c->tok[q].flags & TK_ALLUPPER)) break;
        long d = words ? ngn_covering_at(c, c->first, tok_start(c, q)) : -1;
        if (d >= 0 && c->m->spans[d].start == tok_start(c, q) && (ngn_span_types(c->m, (size_t)d) & 6)) break;
        /* (nor before a parent's adjective and head: імені Патона Національної академії) */
        if (words && adj_end(tfold(c, q), tlen(c, q)) && cyr_word(c, q + 1) && !(c->tok[q + 1].flags & TK_UPPER1) &&
            head_stem(c, &head_set, q + 1))
            break;
        e = q;
        words++;
    }
    return e;
}

/* R, S: the name of a river or a street after its noun (and
 * the noun's abbreviation's dot) right before token i: one to three
 * capitalised Cyrillic words no dictionary span touches. A river is its
 * name (річки Рось: Рось, as news annotate it), a street its noun and name
 * (вулиці Івасюка). */
/* A word whose stem a street's noun has but which is none: площин, the
 * genitive plural of площина (a plane: "двох площин Зображення",
 * "Евклідових площин"), whose stem ngn_stem_len reads as площа's. */
static int false_street_noun(const chunkctx *c, size_t k) { return tok_is(c, k, "площин"); }

/* The kind of the street noun token k names (street_kinds; "street" when
 * none: the words of street_set the table lacks). */
static const char *street_kind(const chunkctx *c, size_t k) {
    uint64_t h = c->tok[k].hash, st = ctx_stem(c, k);
    for (size_t q = 0; q < N_STREET_KINDS; q++)
        if (street_kind_hash[q][0] == h) return street_kinds[q].kind;
    for (size_t q = 0; q < N_STREET_KINDS; q++)
        if (street_kind_hash[q][1] == st) return street_kinds[q].kind;
    return "street";
}

static size_t river_or_street(chunkctx *c, size_t i, int *rc) {
    if (i == 0 || !(c->tok[i].flags & TK_SPACE) || (c->tok[i].flags & TK_NL)) return (size_t)-1;
    size_t p = i - 1;
    int abbr = is_punct(c, p, '.') && p > 0;
    if (abbr) p--;
    if (!is_word(c, p) || (c->tok[p].flags & (TK_ALLUPPER | TK_LATIN | TK_DIGIT))) return (size_t)-1;
    unsigned rule = abbr ? (wset_has(&street_abbr_set, c->tok[p].hash) ? NG_RULE_PLACE_STREET : 0)
                    : tok_has_stem(c, &river_set, p)  ? NG_RULE_PLACE_RIVER
                    : tok_has_stem(c, &street_set, p) && !false_street_noun(c, p) ? NG_RULE_PLACE_STREET
                                                                        : 0;
    if (!rule) return (size_t)-1;
    if (rule == NG_RULE_PLACE_STREET) c->street_kind = street_kind(c, p);   /* (the list's further names too) */
    size_t j = i;
    while (j + 1 < c->nt && j < i + 2 && cyr_word(c, j + 1) && (c->tok[j + 1].flags & TK_UPPER1) &&
           !(c->tok[j + 1].flags & TK_ALLUPPER))
        j++;
    /* a place the dictionary knows stays itself (вулицях Києва, річки
     * Десна); a person a street is named after is part of it (вулиця
     * Шевченка, улица Ленина) */
    for (size_t q = i; q <= j; q++) {
        long k = ngn_covering_at(c, c->first, tok_start(c, q));
        if (k >= 0 && (rule == NG_RULE_PLACE_RIVER || (ngn_span_types(c->m, (size_t)k) & 2))) return (size_t)-1;
    }
    /* an address's house number after a comma (вул. Межигірська, 14;
     * вулиці Грушевського, 58-А): part of the span, not of the id */
    size_t last = j;
    if (rule == NG_RULE_PLACE_STREET && is_punct(c, j + 1, ',') && j + 2 < c->nt && (c->tok[j + 2].flags & TK_DIGIT) &&
        !(c->tok[j + 2].flags & (TK_NL | TK_LATIN)) && (c->tok[j + 2].flags & TK_SPACE) && tlen(c, j + 2) <= 3 &&
        !tok_is(c, j + 3, "року") && !tok_is(c, j + 3, "р") && !tok_is(c, j + 3, "года") && !tok_is(c, j + 3, "г")) {
        last = j + 2;
        if (is_punct(c, last + 1, '-') && !(c->tok[last + 1].flags & TK_SPACE) && last + 2 < c->nt &&
            is_word(c, last + 2) && !(c->tok[last + 2].flags & TK_SPACE) && tlen(c, last + 2) <= 2)
            last += 2;
    }
    size_t r = org_span(c, rule, rule == NG_RULE_PLACE_STREET ? p : i, last, i, j, (size_t)-1, rc);
    if (r == (size_t)-1 || *rc || rule != NG_RULE_PLACE_STREET || c->dry) return r;
    /* a list of streets after the noun (вулиці Городоцьку, Коперника та
     * Вернигори): each further name a street of its own, the name alone */
    for (int n = 0; n < 30; n++) {
        size_t k = r + 1;
        if (!is_punct(c, k, ',') && !tok_is(c, k, "і") && !tok_is(c, k, "та") && !tok_is(c, k, "й") &&
            !tok_is(c, k, "и"))
            break;
        if (is_punct(c, k, ',') && (tok_is(c, k + 1, "і") || tok_is(c, k + 1, "та") || tok_is(c, k + 1, "и"))) k++;
        size_t m = k + 1, e = m;
        if (!cyr_word(c, m) || !(c->tok[m].flags & TK_UPPER1) || (c->tok[m].flags & TK_ALLUPPER)) break;
        while (e + 1 < c->nt && e < m + 2 && cyr_word(c, e + 1) && (c->tok[e + 1].flags & TK_UPPER1) &&
               !(c->tok[e + 1].flags & TK_ALLUPPER))
            e++;
        int place = 0;
        for (size_t q = m; q <= e && !place; q++) {
            long d = ngn_covering_at(c, c->first, tok_start(c, q));
            place = d >= 0 && (ngn_span_types(c->m, (size_t)d) & 6);
        }
        if (place) break;
        size_t r2 = org_span(c, rule, m, e, m, e, (size_t)-1, rc);
        if (r2 == (size_t)-1 || *rc) break;
        r = r2;
    }
    return r;
}


/* S2: a capitalised adjective, not first in its sentence and no dictionary
 * span, then a noun of a street or a park (Андріївський узвіз, Поштовій
 * площі, Стрийському парку): a place, the two words in Ukrainian text, the
 * adjective alone in Russian text (Тверской | площади), as each language's
 * news annotate it. id loc: + the noun's kind (street_kind) + the
 * adjective's key: Тверская улица and Тверской бульвар are two. */
static size_t adj_street(chunkctx *c, size_t i, int *rc) {
    size_t k = i + 1;   /* (the caller has checked that token i ends as an adjective) */
    if (!cyr_word(c, k) || (c->tok[k].flags & TK_UPPER1) || false_street_noun(c, k)) return (size_t)-1;
    int uk = tok_has_stem(c, &street_uk_set, k), ru = !uk && tok_has_stem(c, &street_ru_set, k);
    if (!uk && !ru) return (size_t)-1;
    if (ngn_sentence_initial(c, i) || ngn_covering_at(c, c->first, tok_start(c, i)) >= 0 ||
        tok_has_stem(c, &compass_set, i))
        return (size_t)-1;
    if (uk && (russian(c, i, k) || lang_near(c, i, k) == 2)) ru = 1;   /* (парк, сквер, проспект: both languages) */
    /* (the id of the adjective alone: every case form of the noun, узвіз
     * and узвозі, meets on it) */
    c->id_words = 1;
    c->street_kind = street_kind(c, k);
    size_t r = org_span(c, NG_RULE_PLACE_STREET, i, ru ? i : k, i, ru ? i : k, (size_t)-1, rc);
    c->id_words = 0;
    return r;
}

/* V: a settlement's name after its noun (у селі Кожичі, смт Кіровське, с.
 * Іллінка, в селе Отрадное): one capitalised Cyrillic word, or two joined
 * by a hyphen (Муровані-Курилівці), that no dictionary span touches, is a
 * place, the name alone, as news annotate it; "м." and "с." not after a
 * number (5 м. Далі: metres). */
static int clean_edges(const chunkctx *c, size_t i, size_t j);

static size_t settlement(chunkctx *c, size_t i, int *rc) {
    if (i == 0 || !(c->tok[i].flags & TK_SPACE) || (c->tok[i].flags & (TK_NL | TK_ALLUPPER))) return (size_t)-1;
    size_t p = i - 1;
    int abbr = is_punct(c, p, '.') && p > 0;
    if (abbr) p--;
    if (!is_word(c, p) || (c->tok[p].flags & (TK_UPPER1 | TK_LATIN | TK_DIGIT))) return (size_t)-1;
    if (abbr ? !wset_has(&settle_abbr_set, c->tok[p].hash) || (p > 0 && (c->tok[p - 1].flags & TK_DIGIT))
             : !tok_has_stem(c, &settle_set, p))
        return (size_t)-1;
    /* not a unit (169 кв м., 5 кв. м.: square metres), nor a function
     * word as the name ("кв м. Про це свідчить") */
    if (abbr && p > 0) {
        size_t q = is_punct(c, p - 1, '.') && p > 1 ? p - 2 : p - 1;
        if (tok_is(c, q, "кв") || tok_is(c, q, "куб")) return (size_t)-1;
    }
    if (wset_has(&ngn_stop_set, c->tok[i].hash)) return (size_t)-1;
    size_t j = i;
    if (j + 2 < c->nt && is_punct(c, j + 1, '-') && !(c->tok[j + 1].flags & TK_SPACE) &&
        is_word(c, j + 2) && !(c->tok[j + 2].flags & TK_SPACE) && (c->tok[j + 2].flags & TK_UPPER1) &&
        (c->tok[j + 2].flags & TK_CYR))
        j += 2;
    for (size_t q = i; q <= j; q++)
        if (ngn_covering_at(c, c->first, tok_start(c, q)) >= 0) return (size_t)-1;
    if (!clean_edges(c, i, j)) return (size_t)-1;
    return org_span(c, NG_RULE_PLACE_SETTLEMENT, i, j, i, j, (size_t)-1, rc);
}

/* W: a region named by a place with -щина / -ччина (uk, ru: Калущина,
 * Старобільщина, Брацлавщина, Троєщина; Смоленщина), in any case form
 * (на Калущині, Старобільщини, Смоленщине), that no dictionary span
 * touches (the oblasts' are the dictionary's: Київщина, Житомирщина; the
 * party Батьківщина too), not first in its sentence (дідівщина,
 * батьківщина are common nouns) and no function word: a place, id loc: +
 * its key, named in the nominative (Калущина). */
#define E(s) {s, sizeof s - 1}
static const struct { const char *s; unsigned char len; } region_end[] = {
    E("щина"), E("щини"), E("щині"), E("щину"), E("щиною"), E("щины"), E("щине"), E("щиной"),
    E("ччина"), E("ччини"), E("ччині"), E("ччину"), E("ччиною"),
};
#undef E

static const char *const region_not[] = {"батьківщина", "дідівщина", "панщина", "отчина", NULL};

static size_t region(chunkctx *c, size_t i, int *rc) {
    const char *f = tfold(c, i);
    size_t l = tlen(c, i), el = 0, stem = 0;
    /* (every Cyrillic capitalised word asks: a strlen and a memcmp an
     * ending were 2 % of the instructions of tagging Ukrainian and Russian
     * news. Every ending starts with щи, 8 or 10 bytes from the end, or
     * with чч, 10 or 12: a word with neither has none of them; the others
     * compare the last byte first, the lengths from the table) */
    int may = 0;
    for (size_t n = 8; n <= 12 && n <= l && !may; n += 2)
        may = !memcmp(f + l - n, "щи", 4) || !memcmp(f + l - n, "чч", 4);
    for (size_t k = 0; may && k < sizeof region_end / sizeof *region_end && !el; k++) {
        size_t n = region_end[k].len;
        if (l > n && f[l - 1] == region_end[k].s[n - 1] && !memcmp(f + l - n, region_end[k].s, n)) {
            el = n;
            stem = l - n + (memcmp(region_end[k].s, "щ", 2) ? 8 : 6);   /* up to -щин / -ччин */
        }
    }
    /* (at least four letters before -щина: not Пущина, Лещина, surnames) */
    if (!el || l - el < 8 || (c->tok[i].flags & (TK_LONG | TK_LATIN | TK_DIGIT)) || ngn_sentence_initial(c, i) ||
        wset_has(&ngn_stop_set, c->tok[i].hash) || ngn_covering_at(c, c->first, tok_start(c, i)) >= 0)
        return (size_t)-1;
    /* the nominative: the stem and -а; the written word's ending is its
     * folded one (lower case: not all capitals) */
    char nom[256], id[4 + SK_MAX + 1], sk[SK_MAX + 1];
    size_t raw = tok_end(c, i) - tok_start(c, i), wstem = raw - (l - stem);
    char fnom[256];
    if (raw < l - stem || wstem + 3 > sizeof nom || stem + 3 > sizeof fnom) return (size_t)-1;
    memcpy(nom, c->text + tok_start(c, i), wstem);
    memcpy(nom + wstem, "а", 3);
    memcpy(fnom, f, stem);
    memcpy(fnom + stem, "а", 2);
    /* (common nouns that writers capitalise: Батьківщина, the motherland) */
    for (size_t k = 0; region_not[k]; k++)
        if (strlen(region_not[k]) == stem + 2 && !memcmp(region_not[k], fnom, stem + 2)) return (size_t)-1;
    size_t n = ngn_skel(fnom, ngn_stem_len(fnom, stem + 2), sk, 0);
    memcpy(id, "loc:", 4);
    memcpy(id + 4, sk, n);
    const char *idp = ngn_arena_put(&c->mn->ar, id, 4 + n), *name = ngn_arena_put(&c->mn->ar, nom, wstem + 2);
    if (!idp || !name) { *rc = NG_E_NOMEM; return i; }
    *rc = ngn_add_rule_span(c, i, i, "LOC", idp, name, NG_RULE_PLACE_REGION, 0);
    return i;
}

/* Does the folded word f (l bytes) end with one of the endings of the
 * NULL-terminated list e? */
static int ends_any(const char *f, size_t l, const char *const *e) {
    for (; *e; e++)
        if (ends_with(f, l, *e, strlen(*e))) return 1;
    return 0;
}

static int field_genitive(const chunkctx *c, size_t k) {
    return cyr_word(c, k) && !(c->tok[k].flags & TK_UPPER1) && wset_has(&field_set, c->tok[k].hash);
}

/* Is lower-case Cyrillic token k a word in the genitive, as the words after
 * an organisation's head are (Міністерства внутрішніх справ, Центру
 * тестування якості знань, Министерства иностранных дел)? 2: a genitive
 * plural adjective (-их, -іх, -ых), after which any noun is (справ, дел);
 * 1: another adjective's or a noun's genitive ending; 0: not (a verb's past
 * or infinitive, a reflexive verb, a stop word, another ending). */
static int genitive_word(const chunkctx *c, size_t k, int after_plural) {
    if (!cyr_word(c, k) || (c->tok[k].flags & (TK_UPPER1 | TK_ALLUPPER)) || wset_has(&ngn_stop_set, c->tok[k].hash) ||
        wset_has(&gen_stop_set, c->tok[k].hash))
        return 0;
    const char *f = tfold(c, k);
    size_t l = tlen(c, k);
    if (ncp(f, l) < 3) return 0;
    if (wset_has(&field_set, c->tok[k].hash)) return 1;
#define END(e) ends_with(f, l, e, sizeof e - 1)
    if (END("их") || END("іх") || END("ых")) return 2;
    if (END("ся") || END("сь") || END("ити") || END("ати") || END("яти") || END("іти")) return 0;
    /* (a verb's past after a consonant: прийшли, змогли, виникли, привезли, прийшов) */
    if (END("шли") || END("гли") || END("кли") || END("зли") || END("йшов") || END("ішов")) return 0;
    if (after_plural) return 1;
    /* a verb's past: a vowel before -ла, -ли (заявила, сообщили) */
    if (l >= 6 && (END("ла") || END("ли"))) {
        static const char *const vowels[] = {"а", "е", "и", "і", "о", "у", "я", "ю", "ї", "є", "ы", "э", NULL};
        for (const char *const *v = vowels; *v; v++)
            if (!memcmp(f + l - 6, *v, 2)) return 0;
    }
    static const char *const ends[] = {"ого", "ього", "ої", "ой", "ей", "ів", "їв", "ов", "ев", "ань", "ень", "у",
                                       "а", "я", "и", "і", "ї", "ы", NULL};   /* (знань, рішень) */
    return ends_any(f, l, ends);
#undef END
}

/* G: a capitalised organisation word inside a sentence and the genitive
 * words after it, joined by і / та / й / и (a word or an acronym after
 * it) or, in a list ending so, by commas: Міністерства регіонального
 * розвитку, будівництва і ЖКГ. The last token of the words, or i. */
static size_t genitive_tail(const chunkctx *c, size_t i) {
    size_t e = i;
    int plural = 0;
    for (size_t k = i + 1; k < c->nt && k <= i + 10;) {
        int g = genitive_word(c, k, plural);
        if (g) {
            e = k;
            plural = g == 2;
            k++;
            continue;
        }
        /* a hyphenated adjective, its last part a genitive (житлово-комунальної) */
        if (cyr_word(c, k) && !(c->tok[k].flags & (TK_UPPER1 | TK_ALLUPPER)) && is_punct(c, k + 1, '-') &&
            !(c->tok[k + 1].flags & TK_SPACE) && k + 2 < c->nt && is_word(c, k + 2) &&
            (c->tok[k + 2].flags & (TK_CYR | TK_LATIN | TK_DIGIT | TK_UPPER1 | TK_SPACE)) == TK_CYR) {
            static const char *const adj[] = {"ого", "ього", "ої", "ьої", NULL};
            const char *f = tfold(c, k + 2);
            size_t l = tlen(c, k + 2);
            int pl = ends_with(f, l, "их", 4) || ends_with(f, l, "іх", 4);
            if (pl || ends_any(f, l, adj)) {
                e = k + 2;
                plural = pl;
                k += 3;
                continue;
            }
        }
        if (e == i) break;
        int conj = tok_is(c, k, "і") || tok_is(c, k, "та") || tok_is(c, k, "й") || tok_is(c, k, "и");
        if (conj && cyr_word(c, k + 1) && (c->tok[k + 1].flags & TK_ALLUPPER) && !wset_has(&legal_set, c->tok[k + 1].hash)) {
            e = k + 1;
            plural = 0;
            k += 2;
            continue;
        }
        if (conj && genitive_word(c, k + 1, 0)) {
            k++;
            continue;
        }
        /* a comma inside a list: word, word і word */
        if (is_punct(c, k, ',') && genitive_word(c, k + 1, 0) &&
            (tok_is(c, k + 2, "і") || tok_is(c, k + 2, "та") || tok_is(c, k + 2, "й") || tok_is(c, k + 2, "и"))) {
            k++;
            continue;
        }
        break;
    }
    return e;
}

static size_t cyrillic(chunkctx *c, size_t i, int *rc);

/* A lower-case Cyrillic word with an ending only a genitive has (Ukrainian
 * adjectives -ого, -ої, -их; nouns -ів, -ції, -ості, -ства): юстиції,
 * лісового, інформаційної; not -у, -і, -и, which other cases share. */
static int genitive_ending(const chunkctx *c, size_t k, const char *const *ends) {
    return cyr_word(c, k) && !(c->tok[k].flags & TK_UPPER1) && ends_any(tfold(c, k), tlen(c, k), ends) &&
           !wset_has(&gen_stop_set, c->tok[k].hash);
}
static int strong_genitive(const chunkctx *c, size_t k) {
    static const char *const ends[] = {"ого", "ього", "ої", "ьої", "их", "іх", "ів", "їв", "ції", "сії", "зії",
                                       "ості", "ства", "цтва", NULL};
    return genitive_ending(c, k, ends);
}

/* The same for a Russian name: -ого -его -ой -ых -их (adjectives), -ов
 * -ев -ства -ции -сии -ости (nouns). */
static int ru_strong_genitive(const chunkctx *c, size_t k) {
    static const char *const ends[] = {"ого", "его", "ой", "ых", "их", "ов", "ев", "ства", "ции", "сии", "ости", NULL};
    return genitive_ending(c, k, ends) && !wset_has(&ngn_stop_set, c->tok[k].hash);
}

/* P: the organisation a part of one is named with, right after token e
 * (Управління капітального будівництва Львівської міськради, відділення
 * Антимонопольного комітету України, Департаменту економіки Одеської ОДА):
 * one the dictionary knows or rule A, G or H finds there, whose first word
 * is a genitive. Its last token, or e. */
static size_t parent_after(chunkctx *c, size_t e) {
    size_t k = e + 1;
    if (c->dry || !cyr_word(c, k) || !(c->tok[k].flags & TK_UPPER1)) return e;
    const char *f = tfold(c, k);
    size_t l = tlen(c, k);
    static const char *const ends[] = {"ого", "ього", "ої", "ьої", "у", "а", "я", "и", "і", "ї", NULL};
    int gen = ends_any(f, l, ends);
    if (!gen && !(c->tok[k].flags & TK_ALLUPPER)) return e;
    long s = ngn_covering_at(c, c->first, tok_start(c, k));
    if (s >= 0) {
        if (c->m->spans[s].start != tok_start(c, k) || ngn_span_types(c->m, (size_t)s) != 4) return e;
        size_t q = k;
        while (q + 1 < c->nt && tok_end(c, q + 1) <= c->m->spans[s].end) q++;
        return place_after(c, q, 0);
    }
    if (!gen || (c->tok[k].flags & TK_ALLUPPER)) return e;
    c->dry = 1;
    int rc = 0;
    size_t r = cyrillic(c, k, &rc);
    c->dry = 0;
    return r == (size_t)-1 || rc ? e : r;
}

/* The token a name that starts at token i starts at when i ends a word
 * joined by a hyphen to a capitalised Cyrillic word before it
 * (Івано-Франківського, Південно-Західної): that word, else i. */
static size_t hyphen_start(const chunkctx *c, size_t i) {
    if (i < 2 || (c->tok[i].flags & TK_SPACE) || !is_punct(c, i - 1, '-') || (c->tok[i - 1].flags & TK_SPACE))
        return i;
    const ng_token *p = &c->tok[i - 2];
    if (!is_word(c, i - 2) || !(p->flags & TK_CYR) || !(p->flags & TK_UPPER1) || (p->flags & (TK_LATIN | TK_DIGIT | TK_ALLUPPER)))
        return i;
    return i - 2;
}

/* A: Київська міська рада; H: Служба безпеки України. */
/* Works and plants of rule A's companies: named by a place's adjective
 * alone (Харківський тракторний завод). */
static int works_head(const chunkctx *c, size_t k) {
    static const char *const w[] = {"завод", "заводу", "заводі", "заводом", "комбінат", "комбінату", "комбінаті",
                                    "комбінатом", "фабрика", "фабрики", "фабриці", "фабрику", "фабрикою", "завода",
                                    "заводе", "комбината", "комбинате", "фабрике", NULL};
    for (const char *const *p = w; *p; p++)
        if (tok_is(c, k, *p)) return 1;
    return 0;
}

/* K: token i is Cyrillic capitals of 2 to 6 letters that no dictionary
 * span touches, no legal form, not joined by a hyphen (ТЕЦ-5, ВІЛ-інфіковані),
 * not letters that are Roman numerals too (ХІХ). */
static int free_capitals(const chunkctx *c, size_t i) {
    const ng_token *t = &c->tok[i];
    if (!(t->flags & TK_WORD) || !(t->flags & TK_ALLUPPER) || !(t->flags & TK_CYR) || (t->flags & (TK_LATIN | TK_DIGIT | TK_LONG)))
        return 0;
    const char *f = tfold(c, i);
    size_t l = tlen(c, i);
    if (!ncp_ge(f, l, 2) || ncp_ge(f, l, 7) || wset_has(&legal_set, t->hash) || wset_has(&trail_legal_set, t->hash))
        return 0;
    if ((i + 1 < c->nt && tok_is(c, i + 1, "-") && !(c->tok[i + 1].flags & TK_SPACE)) ||
        (i > 0 && tok_is(c, i - 1, "-") && !(t->flags & TK_SPACE)))
        return 0;
    size_t q = 0;
    while (q + 1 < l && f[q] == '\xd1' && (f[q + 1] == '\x96' || f[q + 1] == '\x85')) q += 2;   /* і х */
    if (q == l) return 0;
    return ngn_covering_at(c, c->first, tok_start(c, i)) < 0;
}

/* K: Cyrillic capitals alone in a sentence (рішення ВАСУ, «СЄПЕК», ФИДЕ):
 * an organisation's acronym, unless a common noun's (ЗМІ, ПДВ, ДТП) or
 * beside other capitals (a headline, ГУ ДФС), or before a quote (a legal
 * form: rule Q2 decides, ФК «Трансфербутик»). With partial names on, the
 * article pass decides: a defined acronym or a person's surname in capitals
 * takes it first (names_doc.c, NF_ORG_LATIN without NF_LATIN). */
static size_t cyr_acronym(chunkctx *c, size_t i, int *rc) {
    if (!c->acronyms || !free_capitals(c, i) || wset_has(&common_abbr_set, c->tok[i].hash) || ngn_open_quote(c, i + 1)) return (size_t)-1;
    /* a make or a system before its model (ЗАЗ Sens, ВАЗ 2170, ОС Android);
     * a placeholder of a command's syntax after a Latin word or = [ <
     * (--lines=ЧИСЛО, [ФАЙЛ]) */
    if (i + 1 < c->nt && (c->tok[i + 1].flags & (TK_LATIN | TK_DIGIT)) && !(c->tok[i + 1].flags & TK_NL)) return (size_t)-1;
    if (i > 0 && !(c->tok[i].flags & TK_NL) &&
        ((c->tok[i - 1].flags & TK_LATIN) || is_punct(c, i - 1, '=') || is_punct(c, i - 1, '[') || is_punct(c, i - 1, '<')))
        return (size_t)-1;
    /* a common noun's abbreviation defined (асфальтобетонний завод (АБЗ)) */
    if (i >= 2 && is_punct(c, i - 1, '(') && is_punct(c, i + 1, ')') && is_word(c, i - 2) &&
        !(c->tok[i - 2].flags & TK_UPPER1))
        return (size_t)-1;
    for (size_t k = i > 0 ? i - 1 : 0; k <= i + 1 && k < c->nt; k++) {
        if (k == i) continue;
        const ng_token *t = &c->tok[k];
        if ((t->flags & TK_WORD) && (t->flags & TK_ALLUPPER) && !((k > i ? t : &c->tok[i])->flags & TK_NL)) return (size_t)-1;
    }
    if (c->partial) {
        c->latin_word = 1;
        return (size_t)-1;
    }
    return org_span(c, NG_RULE_ORG_ACRONYM, i, i, i, i, (size_t)-1, rc);
}

/* A list of areas that share their noun, in the plural: "в Донецькій та
 * Луганській областях", "Харківська й Сумська області", "Херсонской и
 * Запорожской областей", "Одеській, Миколаївській та Херсонській
 * областях", "Волинська, Івано-Франківська та Львівська області",
 * "(Львівська, Тернопільська, Івано-Франківська обл.)" (uk, ru; область,
 * обл., район, край), "the Donetsk and Luhansk regions", "the Kharkiv, Sumy
 * and Chernihiv oblasts", "Orange and Los Angeles counties" (en; region,
 * oblast, province, county): each item with the noun in the singular is a
 * name a dictionary knows as a place, a case form included ("Донецькій
 * області", "Donetsk region"). Every item is a span of its own, the last
 * one with the noun (Донецькій | Луганській областях), of that place
 * (NG_RULE_DICT_FORM). Two to eight items on one line, joined by commas
 * and a last та, і, й, и or and, or by commas only; an item is a capitalised word, or words
 * joined by hyphens (Івано-Франківська), and in English up to three
 * capitalised words (Los Angeles). A dictionary span among them may only
 * lie within one item, or within the last one and the noun: the rule's
 * span replaces it (Івано-Франківська, there no city; Donetsk, no city
 * before "and Luhansk regions"). Token i is the first; returns the noun's
 * token. */
enum { AREA_MAX = 8 };

/* A word of the list's script (Latin or Cyrillic, no digits). */
static int area_word(const chunkctx *c, size_t k, int latin) {
    if (!is_word(c, k)) return 0;
    unsigned f = c->tok[k].flags;
    return latin ? (f & TK_LATIN) && !(f & (TK_CYR | TK_DIGIT)) : (f & TK_CYR) && !(f & (TK_LATIN | TK_DIGIT));
}

/* The last token of the list item that starts at token k (a capitalised
 * word of the script, not in capitals; then hyphens and capitalised words
 * with no space; in English up to two more capitalised words after a
 * space), or (size_t)-1. */
static size_t area_item(const chunkctx *c, size_t k, int latin) {
    if (!area_word(c, k, latin) || (c->tok[k].flags & (TK_ALLUPPER | TK_LONG)) || !(c->tok[k].flags & TK_UPPER1))
        return (size_t)-1;
    size_t e = k, words = 1;
    for (;;) {
        if (e + 2 < c->nt && is_punct(c, e + 1, '-') && !(c->tok[e + 1].flags & (TK_SPACE | TK_NL)) &&
            area_word(c, e + 2, latin) && (c->tok[e + 2].flags & TK_UPPER1) && !(c->tok[e + 2].flags & (TK_SPACE | TK_NL)))
            e += 2;
        else if (latin && words < 3 && area_word(c, e + 1, latin) && (c->tok[e + 1].flags & TK_UPPER1) &&
                 !(c->tok[e + 1].flags & (TK_ALLUPPER | TK_NL)) && !wset_has(&en_fn_set, c->tok[e + 1].hash)) {
            e++;
            words++;
        } else
            return e;
    }
}

/* The place a dictionary names tokens [a0, a1] followed by the folded
 * word w (the noun in the singular): its candidate to *out; 0 if none. */
static int area_lookup(const chunkctx *c, size_t a0, size_t a1, const char *w, cand *out) {
    for (size_t di = 0; di < c->t->nd; di++) {
        const ng_dict *d = c->t->dicts[di];
        uint32_t node = 0;
        size_t q = a0;
        for (; q <= a1; q++) {
            const img_vslot *v = dict_vslot(d, c->tok[q].hash);
            if (!v || !dict_verify(d, v->tok1 - 1, tfold(c, q), tlen(c, q))) break;
            node = q == a0 ? v->root : dict_trans(d, node & ~NODE_TERMINAL, v->tok1 - 1);
            if (!(node & ~NODE_TERMINAL)) break;
        }
        if (q <= a1) continue;
        long tk = dict_vocab(d, w, strlen(w), ng_hash(w, strlen(w)));
        uint32_t n = tk < 0 ? 0 : dict_trans(d, node & ~NODE_TERMINAL, (uint32_t)tk);
        if (!(n & NODE_TERMINAL)) continue;
        n &= ~NODE_TERMINAL;
        for (uint32_t o = d->nodes[n]; o < d->nodes[n + 1]; o++) {
            const img_output *op = &d->out[o];
            if ((op->flags & OUT_CASED) || ((op->flags & OUT_INFLECTED) && (c->t->flags & NG_TAG_NO_INFLECT)) ||
                strcmp(d->str + d->ent[op->entity].type, "LOC"))
                continue;
            out_cand(c, di, op, out);
            return 1;
        }
    }
    return 0;
}

/* Can a list of areas start at token i: a comma or a conjunction after
 * the rest of its word (hyphens) or, in English, its capitalised words?
 * Most capitalised words have neither: a few flag tests, inlined where
 * area_list is called. */
static inline __attribute__((always_inline)) int area_list_may(const chunkctx *c, size_t i) {
    const ng_token *tk = c->tok;
    const size_t nt = c->nt;
    const int latin = (tk[i].flags & TK_LATIN) != 0;
    size_t k = i + 1;
    if (k >= nt) return 0;
    /* (most often a lower-case word that is no conjunction follows) */
    if (latin && !(tk[k].flags & (TK_PUNCT | TK_UPPER1)) && tk[k].fold_len != 3) return 0;
    /* (past the rest of an item: hyphens, and English capitalised words) */
    while ((tk[k].flags & (TK_PUNCT | TK_UPPER1)) && k < i + 6 &&
           ((tk[k].flags & TK_PUNCT) ? tk[k].fold_len == 1 && c->fold[tk[k].fold] == '-' : latin))
        if (++k >= nt) return 0;
    const char *f = c->fold + tk[k].fold;
    unsigned n = tk[k].fold_len;
    if (tk[k].flags & TK_PUNCT) return n == 1 && *f == ',' && c->t->nd;
    if (latin) return n == 3 && f[0] == 'a' && f[1] == 'n' && f[2] == 'd' && c->t->nd;
    /* (та, і, й, и: fixed-size compares, inlined) */
    return ((n == 4 && !memcmp(f, "та", 4)) ||
            (n == 2 && (!memcmp(f, "і", 2) || !memcmp(f, "й", 2) || !memcmp(f, "и", 2)))) &&
           c->t->nd;
}

static size_t area_list(chunkctx *c, size_t i, int *rc) {
    static const char *const conj[] = {"та", "і", "й", "и", NULL}, *const conj_en[] = {"and", NULL};
    static const struct { const char *pl[10]; const char *sg[8]; } nouns[] = {
        {{"області", "областей", "областям", "областях", "областями", "области", "обл", NULL},
         {"область", "області", "областю", "области", "областью", "обл", NULL}},
        {{"райони", "районів", "районам", "районах", "районами", "районы", "районов", NULL},
         {"район", "району", "районі", "районом", "районові", "района", "районе", NULL}},
        {{"краї", "країв", "краям", "краях", "краями", "края", "краев", NULL},
         {"край", "краю", "краї", "краєм", "крае", "краем", NULL}},
    }, nouns_en[] = {
        {{"regions", NULL}, {"region", NULL}},
        {{"oblasts", NULL}, {"oblast", NULL}},
        {{"provinces", NULL}, {"province", NULL}},
        {{"counties", NULL}, {"county", NULL}},
    };
    if (!c->t->nd || !(c->tok[i].flags & TK_UPPER1)) return (size_t)-1;
    int latin = (c->tok[i].flags & TK_LATIN) != 0;
    const char *const *cj = latin ? conj_en : conj;
    size_t a[AREA_MAX][2], na = 1, k = area_item(c, i, latin);
    if (k == (size_t)-1 || k + 1 >= c->nt || !(is_punct(c, k + 1, ',') || ngn_tok_in(c, k + 1, cj))) return (size_t)-1;
    a[0][0] = i;
    a[0][1] = k;
    int last = 0;
    for (;;) {
        size_t s = k + 1;   /* the separator */
        if (s >= c->nt) return (size_t)-1;
        if (ngn_tok_in(c, s, cj)) last = 1;
        else if (!is_punct(c, s, ',')) break;   /* (the noun, or no list) */
        size_t b = s + 1;
        if (b >= c->nt || na == AREA_MAX || (c->tok[s].flags & TK_NL) || !(c->tok[b].flags & TK_SPACE) || (c->tok[b].flags & TK_NL) ||
            (k = area_item(c, b, latin)) == (size_t)-1)
            return (size_t)-1;
        a[na][0] = b;
        a[na][1] = k;
        na++;
        if (last) break;
    }
    size_t nn = k + 1;   /* the noun, in the plural */
    if (na < 2 || !area_word(c, nn, latin) || (c->tok[nn].flags & (TK_UPPER1 | TK_NL))) return (size_t)-1;
    int kind = -1;
    size_t nkinds = latin ? sizeof nouns_en / sizeof nouns_en[0] : sizeof nouns / sizeof nouns[0];
    for (size_t q = 0; q < nkinds && kind < 0; q++) {
        const char *const *pl = latin ? nouns_en[q].pl : nouns[q].pl;
        for (size_t p = 0; pl[p] && kind < 0; p++)
            if (tok_is(c, nn, pl[p])) kind = (int)q;
    }
    if (kind < 0) return (size_t)-1;
    /* a noun that may be singular too (області, области, краї, края):
     * the adjectives in the nominative (Донецька та Луганська області,
     * not Донецькій та Луганській області, one area) */
    if (!latin) {
        static const char *const fem[] = {"а", "я", NULL}, *const masc[] = {"ий", "ій", "ый", "ой", NULL};
        if ((tok_is(c, nn, "області") || tok_is(c, nn, "области")) && !ends_any(tfold(c, k), tlen(c, k), fem))
            return (size_t)-1;
        if ((tok_is(c, nn, "краї") || tok_is(c, nn, "края")) && !ends_any(tfold(c, k), tlen(c, k), masc))
            return (size_t)-1;
    }
    const char *const *sg = latin ? nouns_en[kind].sg : nouns[kind].sg;
    /* a dictionary span among the words lies within one item, or within
     * the last item and the noun */
    size_t s0 = tok_start(c, i), e0 = tok_end(c, nn);
    for (size_t q = ngn_first_ending_after(c, c->first, s0), it = 0; q < c->ndict; q++) {
        const span *d = &c->m->spans[q];
        if (d->flags & NG_MATCH_OVERLAP) continue;
        if (d->start >= e0) break;
        if (d->end <= s0) continue;
        while (it < na && tok_end(c, it + 1 == na ? nn : a[it][1]) <= d->start) it++;
        if (it == na || d->start < tok_start(c, a[it][0]) || d->end > tok_end(c, it + 1 == na ? nn : a[it][1]))
            return (size_t)-1;
    }
    cand cd[AREA_MAX];
    for (size_t q = 0; q < na; q++) {
        int found = 0;
        for (size_t p = 0; sg[p] && !found; p++) found = area_lookup(c, a[q][0], a[q][1], sg[p], &cd[q]);
        if (!found) return (size_t)-1;
    }
    for (size_t q = 0; q < na && !*rc; q++)
        *rc = ngn_dict_form_span(c, a[q][0], q + 1 == na ? nn : a[q][1], &cd[q], NG_RULE_DICT_FORM);
    return nn;
}

static size_t cyrillic(chunkctx *c, size_t i, int *rc) {
    const ng_token *ti = &c->tok[i];
    if (!(ti->flags & TK_CYR) || (ti->flags & (TK_LATIN | TK_ALLUPPER | TK_DIGIT))) return (size_t)-1;
    if (!c->dry) {
        size_t r = spaced_compound(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
    }
    if (c->place && !c->dry) {
        size_t r = area_list_may(c, i) ? area_list(c, i, rc) : (size_t)-1;
        if (r != (size_t)-1 || *rc) return r;
        r = river_or_street(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
        r = settlement(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
        r = region(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
    }
    int head = c->org && head_stem(c, &head_set, i);
    if (head || (c->org && head_stem(c, &head_place_set, i))) {
        /* N: the head and a name after імені */
        size_t e = named_after(c, i);
        if (e != i) return org_span(c, NG_RULE_ORG_NAMED, i, e, i, e, i, rc);
    }
    if (head) {
        /* H: the head, lower-case words, a place */
        size_t j = i;
        while (j + 1 < c->nt && j < i + 3 && cyr_word(c, j + 1) && !(c->tok[j + 1].flags & TK_UPPER1) &&
               !wset_has(&ngn_stop_set, c->tok[j + 1].hash))
            j++;
        /* (the head and the place alone, Прокуратура Києва: not first in
         * its sentence, in a Ukrainian sentence: a Russian name would end
         * before the place, the head alone) */
        size_t e = j == i && (ngn_sentence_initial(c, i) || !ukrainian_near(c, i, i)) ? j : place_after(c, j, 1);
        if (e != j) {
            if (j != i && russian(c, i, j)) e = j;
            return org_span(c, NG_RULE_ORG_HEAD, i, e, i, e, i, rc);
        }
    }
    /* D2: a Держ- compound (uk: Держрезерв, Держпраці, Держекоінспекція,
     * Держкомзему) names a state body, first in its sentence too, with the
     * genitive words and the place after it as rule G takes them; not
     * держава / державний (the state) */
    if (c->org && !c->dry && tlen(c, i) >= 14 && !memcmp(tfold(c, i), "держ", 8) &&
        memcmp(tfold(c, i), "держав", 12) && ngn_covering_at(c, c->first, tok_start(c, i)) < 0 &&
        ukrainian_near(c, i, i)) {
        size_t j = genitive_tail(c, i), e = j;
        if ((e = place_after(c, j, 1)) == j) e = parent_after(c, j);
        return org_span(c, NG_RULE_ORG_GENITIVE, i, e, i, e, i, rc);
    }
    if (c->org && (head || head_stem(c, &gen_head_set, i))) {
        /* G: the capitalised head inside a sentence, genitive words (a place);
         * first in its sentence, where any noun is capitalised, only with
         * a parent or a place after them (Управління житлового
         * господарства Донецької міськради ...) */
        int first = ngn_sentence_initial(c, i);
        size_t j = genitive_tail(c, i);
        int ru = j != i && russian(c, i, j);
        if (j != i && !(first && ru)) {
            /* (a name after the words: Інституту ботаніки ім. М. Холодного) */
            size_t e = named_after(c, j);
            if (e == j && !ru && (e = place_after(c, j, 1)) == j) e = parent_after(c, j);
            if (!first || e != j) return org_span(c, NG_RULE_ORG_GENITIVE, i, e, i, e, i, rc);
        }
    }
    if (head) return (size_t)-1;
    if (!adj_end(tfold(c, i), tlen(c, i)) || tok_has_stem(c, &ngn_title_set, i))
        return (size_t)-1;
    if (c->place && !c->dry) {
        /* S2: the adjective and a street's noun */
        size_t r = adj_street(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
    }
    if (c->place && !c->dry && tok_has_stem(c, &compass_set, i)) {
        /* C: a compass adjective and the place after it, one place */
        size_t e = place_after(c, i, 0);
        if (e != i && !is_punct(c, i + 1, '.') && !tok_is(c, i + 1, "у") && !tok_is(c, i + 1, "в"))
            return org_span(c, NG_RULE_PLACE_PART, i, e, i, e, (size_t)-1, rc);
    }
    /* A: the adjective, lower-case (or capitalised) adjectives, the head
     * (agr: the cases the first adjective can stand for) */
    size_t j = i;
    unsigned agr = adj_cases(tfold(c, i), tlen(c, i));
    for (int n = 0; n < 4 && j + 1 < c->nt && cyr_word(c, j + 1); n++) {
        size_t k = j + 1;
        const char *f = tfold(c, k);
        size_t fl = tlen(c, k);
        if (area_noun(c, k) ||
            ((c->tok[k].flags & TK_ALLUPPER) && k == j + 1 &&
             (tok_is(c, k, "отг") || tok_is(c, k, "тг") || tok_is(c, k, "мтг") || tok_is(c, k, "стг")))) {
            /* D: an area; the first adjective is made of a place's name
             * (also a hromada by its acronym right after it: П'ядицька ОТГ,
             * Бучанської МТГ) */
            if (c->place && place_adjective(tfold(c, i), tlen(c, i))) {
                size_t h = hyphen_start(c, i);   /* (Києво-Святошинському районі) */
                return org_span(c, NG_RULE_PLACE_AREA, h, k, h, k, k, rc);
            }
            return (size_t)-1;
        }
        /* (K: a place's adjective and capitals no list knows: Диканське
         * ГМРП, Кременчуцького НПЗ) */
        int acr = c->org && c->acronyms && (c->tok[k].flags & TK_ALLUPPER) && free_capitals(c, k) &&
                  !wset_has(&acr_head_set, c->tok[k].hash) && !tok_is(c, k, "отг") && !tok_is(c, k, "псг") &&
                  place_adjective(tfold(c, i), tlen(c, i));
        int head = c->org && (acr || head_stem(c, &head_set, k) ||
                              ((c->tok[k].flags & TK_ALLUPPER) && wset_has(&acr_head_set, c->tok[k].hash) &&
                               place_adjective(tfold(c, i), tlen(c, i))));
        int head_place = c->org && !head && head_stem(c, &head_place_set, k);
        if (head || head_place) {
            /* not a state (Російська Федерація), an adverb (радо), a
             * noun before a quoted name (агентство «Укрінформ»: rule Q),
             * or a noun of another case (Постанова Ради) */
            if (tok_has_stem(c, &state_set, k) || (fl == 8 && !memcmp(f, "радо", 8)) ||
                ngn_open_quote(c, k + 1) || (j == i && !head_agrees(c, i, k, agr)))
                return (size_t)-1;
            size_t h = hyphen_start(c, i);   /* Івано-Франківського міського суду */
            size_t n = named_after(c, k);   /* Київський театр імені Франка */
            if (n != k) return org_span(c, NG_RULE_ORG_NAMED, h, n, h, n, k, rc);
            size_t e = place_after(c, k, head);
            /* (a company needs a place of its name, not "у ... області";
             * a works or a plant an adjective made of its place's name,
             * Старокраматорський машинобудівний завод) */
            if (head_place && (e == k || tok_is(c, k + 1, "у") || tok_is(c, k + 1, "в")) &&
                !(e == k && works_head(c, k) && place_adjective(tfold(c, i), tlen(c, i))))
                return (size_t)-1;
            if (russian(c, i, k)) {
                /* the genitive words after the head, not a place after
                 * them (Международного института политической экспертизы) */
                e = k;
                if (head && !acr && ru_strong_genitive(c, k + 1)) e = genitive_tail(c, k);
            } else if ((head || works_head(c, k)) && e == k && !acr &&
                     (strong_genitive(c, k + 1) || field_genitive(c, k + 1) ||
                      (genitive_word(c, k + 1, 0) && strong_genitive(c, k + 2))) &&
                     ukrainian_near(c, i, k)) {
                /* the genitive words after the head, as rule G takes them
                 * (Диканського районного управління юстиції), then a
                 * place or a parent; the first with an ending only a
                 * genitive has (not "раді земельну ділянку") */
                size_t g = genitive_tail(c, k);
                if ((e = named_after(c, g)) == g && (e = place_after(c, g, 1)) == g) e = parent_after(c, g);
            } else if (head && e == k)
                e = parent_after(c, k);
            return org_span(c, acr ? NG_RULE_ORG_ACRONYM : NG_RULE_ORG_ADJECTIVE, h, e, h, e, k, rc);
        }
        if (wset_has(&ngn_stop_set, c->tok[k].hash) || !adj_end(tfold(c, k), tlen(c, k))) break;
        /* (the first two agree: Синие Киевского университета, Постанова
         * Верховної Ради are a noun before a name; after a lower-case noun
         * read as one, its genitive may follow: Воєводською комендатурою
         * Державної пожежної служби; a list's last adjective may be
         * singular: Фасівської та Ягодинської сільських рад) */
        if (n == 0 && !(agr & adj_cases(f, fl)) && !list_before(c, i)) break;
        j = k;
    }
    return (size_t)-1;
}


/* L: a brand or company in Latin letters inside Cyrillic text (Samsung,
 * Netflix, Associated Press, Procter & Gamble): a run of capitalised Latin
 * words with a Cyrillic word beside it on the line; not a Roman numeral,
 * not two capitals (CD, IT, TV), not a run that starts with a given name
 * (the person rules take Joshua Wolf). */
static int latin_cap(const chunkctx *c, size_t i) {
    if (!is_word(c, i)) return 0;
    const ng_token *t = &c->tok[i];
    return (t->flags & TK_LATIN) && (t->flags & TK_UPPER1) && !(t->flags & (TK_CYR | TK_DIGIT));
}

static int roman(const chunkctx *c, size_t i) {
    const char *f = tfold(c, i);
    for (size_t k = 0; k < tlen(c, i); k++)
        if (!strchr("ivxlcdm", f[k])) return 0;
    return 1;
}

/* Is a sentence stop (. ! ? …) token k? */
static int stop_punct(const chunkctx *c, size_t k) {
    return is_punct(c, k, '.') || is_punct(c, k, '!') || is_punct(c, k, '?') || tok_is(c, k, "\xe2\x80\xa6");
}

/* Is there a Cyrillic word among the 3 words before token i or after token
 * j in their sentence, with no Latin word between? */
static int cyrillic_beside(const chunkctx *c, size_t i, size_t j) {
    for (size_t k = i, n = 0; k > 0 && n < 3 && !(c->tok[k].flags & TK_NL);) {
        k--;
        if (stop_punct(c, k)) break;
        if (!(c->tok[k].flags & TK_WORD)) continue;
        if (c->tok[k].flags & TK_CYR) return 1;
        if (c->tok[k].flags & TK_LATIN) return 0;
        n++;
    }
    for (size_t k = j + 1, n = 0; k < c->nt && n < 3 && !(c->tok[k].flags & TK_NL) && !stop_punct(c, k); k++) {
        if (!(c->tok[k].flags & TK_WORD)) continue;
        if (c->tok[k].flags & TK_CYR) return 1;
        if (c->tok[k].flags & TK_LATIN) return 0;
        n++;
    }
    return 0;
}

/* Do tokens [i, j] stand between separators: white space, punctuation or
 * the chunk's edge, not an invalid byte or a letter of another script? */
static int clean_edges(const chunkctx *c, size_t i, size_t j) {
    size_t s = tok_start(c, i);
    if (i > 0 && tok_end(c, i - 1) == s && !(c->tok[i - 1].flags & TK_PUNCT)) return 0;
    if (s > 0 && !(i > 0 && tok_end(c, i - 1) == s)) {
        size_t lo = i > 0 ? tok_end(c, i - 1) : (s >= 4 ? s - 4 : 0), p = s - 1;
        while (p > lo && ((unsigned char)c->text[p] & 0xC0) == 0x80) p--;
        if (ng_utf8_valid_len((const unsigned char *)c->text + p, s - p) != (int)(s - p)) return 0;
    }
    if (j + 1 < c->nt) {
        size_t e = tok_end(c, j), n = tok_start(c, j + 1);
        if (n == e) return (c->tok[j + 1].flags & TK_PUNCT) != 0;
        if (ng_utf8_valid_len((const unsigned char *)c->text + e, n - e) <= 0) return 0;
    }
    return 1;
}

/* Is token i a word of some dictionary's aliases (Nato for NATO, Press)? */
static int dict_word(const chunkctx *c, size_t i) {
    for (size_t d = 0; d < c->t->nd; d++)
        if (dict_vocab(c->t->dicts[d], tfold(c, i), tlen(c, i), c->tok[i].hash) >= 0) return 1;
    return 0;
}

/* Is token k a top-level domain of a short list, in lower case? */
static int tld(const chunkctx *c, size_t k) {
    static const char *const tlds[] = {"com", "ru", "ua", "net", "org", "info", "su", "tv", "fm"};
    if (k >= c->nt || (c->tok[k].flags & (TK_SPACE | TK_UPPER1 | TK_CYR | TK_DIGIT)) || !(c->tok[k].flags & TK_LATIN))
        return 0;
    for (size_t q = 0; q < sizeof tlds / sizeof *tlds; q++)
        if (tlen(c, k) == strlen(tlds[q]) && !memcmp(tfold(c, k), tlds[q], tlen(c, k))) return 1;
    return 0;
}

/* Does a site's domain name follow token j, joined to it: a dot and a
 * top-level domain of a short list in lower case (NEWSru.com, Lenta.ru,
 * Zentrix.com.ua)? Its last token; j when none follows; (size_t)-1 when
 * the name is part of a link or an e-mail address (Lenta.ru/news,
 * user@Site.com, www.Site.com): no organisation. */
static size_t domain_end(const chunkctx *c, size_t j) {
    if (j + 2 >= c->nt || !is_punct(c, j + 1, '.') || (c->tok[j + 1].flags & TK_SPACE) || !tld(c, j + 2)) return j;
    size_t e = j + 2;
    while (e + 2 < c->nt && is_punct(c, e + 1, '.') && !(c->tok[e + 1].flags & TK_SPACE) && tld(c, e + 2)) e += 2;
    size_t s = tok_start(c, j);
    if (s > 0 && (c->text[s - 1] == '@' || c->text[s - 1] == '/' || c->text[s - 1] == '.')) return (size_t)-1;
    /* after it: white space, the end, or punctuation that ends a phrase */
    if (e + 1 < c->nt && tok_start(c, e + 1) == tok_end(c, e)) {
        size_t n = e + 1;
        int ends = (stop_punct(c, n) || is_punct(c, n, ',') || is_punct(c, n, ')') || is_punct(c, n, ':') ||
                    is_punct(c, n, ';') || is_punct(c, n, '"') || tok_is(c, n, "\xc2\xbb") || tok_is(c, n, "\xe2\x80\x9d"));
        /* a dot then a word joined to it: more of a name or a link */
        if (!ends || (is_punct(c, n, '.') && n + 1 < c->nt && tok_start(c, n + 1) == tok_end(c, n))) return (size_t)-1;
    }
    return e;
}

static size_t latin_in_cyrillic(chunkctx *c, size_t i, int *rc) {
    if (c->has_cyr < 0) {   /* English text has no Cyrillic word: the rule costs one scan a chunk */
        c->has_cyr = 0;
        for (size_t k = 0; k < c->nt && !c->has_cyr; k++) c->has_cyr = (c->tok[k].flags & TK_CYR) != 0;
    }
    if (!c->has_cyr || !latin_cap(c, i)) return (size_t)-1;
    /* the start of the run */
    if (i > 0 && (c->tok[i - 1].flags & TK_LATIN) && !(c->tok[i].flags & TK_NL)) return (size_t)-1;
    /* Cyrillic beside the longest run the flags allow, before the lookups */
    size_t jj = i;
    while (jj + 2 < c->nt && jj < i + 10 && !(c->tok[jj + 1].flags & TK_NL) &&
           (latin_cap(c, jj + 1) || ((c->tok[jj + 1].flags & TK_PUNCT) && latin_cap(c, jj + 2))))
        jj += latin_cap(c, jj + 1) ? 1 : 2;
    if (!cyrillic_beside(c, i, jj)) return (size_t)-1;
    if (roman(c, i) || ngn_given_name(c, i) || wset_has(&product_set, c->tok[i].hash)) return (size_t)-1;
    /* a term's Latin gloss in parentheses after a lower-case word
     * (ооміцети (Oomycota), найпростіших (Protozoa)); not an acronym
     * (Ведомство по патентам и товарным знакам (USPTO)) */
    if (i >= 2 && is_punct(c, i - 1, '(') && is_word(c, i - 2) && (c->tok[i - 2].flags & TK_CYR) &&
        !(c->tok[i - 2].flags & TK_UPPER1) && !(c->tok[i].flags & TK_ALLUPPER))
        return (size_t)-1;
    /* a code: capitals, a hyphen and digits (STS-133, MH17 is a word with digits) */
    if ((c->tok[i].flags & TK_ALLUPPER) && tok_is(c, i + 1, "-") && !(c->tok[i + 1].flags & TK_SPACE) &&
        i + 2 < c->nt && (c->tok[i + 2].flags & TK_DIGIT) && !(c->tok[i + 2].flags & TK_SPACE))
        return (size_t)-1;
    if (ngn_covering_at(c, c->first, tok_start(c, i)) >= 0) return (size_t)-1;
    size_t j = i;
    while (j + 1 < c->nt && j < i + 5) {
        size_t k = j + 1;
        if (tok_is(c, k, "&") && (c->tok[k].flags & TK_SPACE) && latin_cap(c, k + 1) && (c->tok[k + 1].flags & TK_SPACE))
            k++;   /* Procter & Gamble */
        else if (tok_is(c, k, "-") && !(c->tok[k].flags & TK_SPACE) && latin_cap(c, k + 1) &&
                 !(c->tok[k + 1].flags & TK_SPACE))
            k++;   /* Rolls-Royce */
        else if (!(c->tok[k].flags & TK_SPACE))
            break;
        if (!latin_cap(c, k) || (c->tok[k].flags & TK_NL) || roman(c, k) || ngn_given_name(c, k) ||
            ngn_covering_at(c, c->first, tok_start(c, k)) >= 0)
            break;
        j = k;
    }
    /* a run that goes on in Latin words is English text */
    if (j + 1 < c->nt && (c->tok[j + 1].flags & TK_LATIN) && !(c->tok[j + 1].flags & TK_NL)) return (size_t)-1;
    if (i == j && (c->tok[i].flags & TK_ALLUPPER) && !ncp_ge(tfold(c, i), tlen(c, i), 3)) return (size_t)-1;
    /* one word a dictionary knows in another case or as part of a name */
    if (i == j && dict_word(c, i)) return (size_t)-1;
    if (!clean_edges(c, i, j) || !cyrillic_beside(c, i, j)) return (size_t)-1;
    /* a site by its domain name is the site (NEWSru.com, Roem.ru) */
    size_t d = domain_end(c, j);
    if (d == (size_t)-1) return (size_t)-1;
    if (d != j) return org_span(c, NG_RULE_ORG_LATIN, i, d, i, j, (size_t)-1, rc);
    /* one word may be the surname of a person of the article (J. Smith ...
     * Smith): the article pass decides (names_doc.c, NF_ORG_LATIN) */
    if (i == j && c->partial) {
        c->latin_word = 1;
        return (size_t)-1;
    }
    return org_span(c, NG_RULE_ORG_LATIN, i, j, i, j, (size_t)-1, rc);
}

/* The candidate of the dictionaries' ORG named exactly 'name' (an alias:
 * every name is one), as the matcher would give it; 0 if none. */
static int org_by_name(const chunkctx *c, const char *name, cand *out) {
    return ngn_org_named(c->t, name, out);
}

int ngn_org_named(const ng_tagger *tg, const char *name, cand *out) {
    ng_tokbuf tb = {0};
    int found = 0;
    if (ng_tokenize(&tb, name, strlen(name)) || !tb.n) { ng_tokbuf_free(&tb); return 0; }
    for (size_t di = 0; di < tg->nd && !found; di++) {
        const ng_dict *d = tg->dicts[di];
        uint32_t n = 0;
        for (size_t q = 0; q < tb.n; q++) {
            const ng_token *t = &tb.tok[q];
            const char *f = tb.fold + t->fold;
            if (q == 0) {
                const img_vslot *v = dict_vslot(d, t->hash);
                n = v && dict_verify(d, v->tok1 - 1, f, t->fold_len) ? v->root : 0;
            } else {
                long tk = dict_vocab(d, f, t->fold_len, t->hash);
                n = tk < 0 || !(n & ~NODE_TERMINAL) ? 0 : dict_trans(d, n & ~NODE_TERMINAL, (uint32_t)tk);
            }
            if (!n) break;
        }
        if (!(n & NODE_TERMINAL)) continue;
        n &= ~NODE_TERMINAL;
        for (uint32_t o = d->nodes[n]; o < d->nodes[n + 1] && !found; o++) {
            const img_output *op = &d->out[o];
            if ((op->flags & (OUT_CASED | OUT_INFLECTED)) || strcmp(d->str + d->ent[op->entity].type, "ORG")) continue;
            out_cand_t(tg, di, op, out);
            found = 1;
        }
    }
    ng_tokbuf_free(&tb);
    return found;
}

/* B: a national body named without its country, as Ukrainian and Russian
 * news name their own (the dictionary's bare aliases Міноборони, МЗС, МИД,
 * Минобороны: Ukraine's or Russia's), right before another country (a
 * place with a two-letter iso= code) is that country's: "Міноборони
 * Росії" is Russia's ministry of defence, "МЗС Угорщини" Hungary's
 * ministry, not Ukraine's (with the country a place of its own). The
 * dictionary's organisation named as the body with the country's name
 * instead (Ministry of Defence of Russia: NG_RULE_DICT_FORM), else one of
 * the rule (org:mzs-uhorshchin, named as written). */
static inline int body_next(const chunkctx *c, size_t i) {
    /* (the cheap test, inline at every capitalised word: Cyrillic, and a
     * capitalised Cyrillic word after a space next) */
    return (c->tok[i].flags & TK_CYR) && i + 1 < c->nt &&
           (c->tok[i + 1].flags & (TK_CYR | TK_UPPER1 | TK_SPACE | TK_NL)) == (TK_CYR | TK_UPPER1 | TK_SPACE);
}

static size_t body_of_country(chunkctx *c, size_t i, int *rc) {
    if (c->dry) return (size_t)-1;
    long k = ngn_covering_at(c, c->first, tok_start(c, i));
    if (k < 0) return (size_t)-1;
    const span *x = &c->m->spans[k];
    if (x->start != tok_start(c, i) || x->end != tok_end(c, i) || x->ncand != 1) return (size_t)-1;
    const cand *xc = &c->m->cands[x->cand];
    if (strcmp(xc->c.type, "ORG") || !xc->c.name) return (size_t)-1;
    static const char *const homes[][2] = {{" of Ukraine", "ukraine"}, {" of Russia", "russia"}};
    const char *nm = xc->c.name;
    size_t nl = strlen(nm), hl = 0;
    const char *home = NULL;
    for (size_t h = 0; h < 2 && !home; h++) {
        size_t l = strlen(homes[h][0]);
        if (nl > l && !memcmp(nm + nl - l, homes[h][0], l)) { home = homes[h][1]; hl = l - 4; }   /* (" of " kept) */
    }
    size_t j = i + 1;
    if (!home || j >= c->nt || !(c->tok[j].flags & TK_SPACE) || (c->tok[j].flags & TK_NL) || !(c->tok[j].flags & TK_UPPER1))
        return (size_t)-1;
    long kc = ngn_covering_at(c, c->first, tok_start(c, j));
    if (kc < 0 || c->m->spans[kc].start != tok_start(c, j)) return (size_t)-1;
    const span *cs = &c->m->spans[kc];
    const cand *cc = NULL;
    for (size_t q = 0; q < cs->ncand && !cc; q++) {
        const cand *cd = &c->m->cands[cs->cand + q];
        size_t n = 0;
        if (!strcmp(cd->c.type, "LOC") && ng_cand_iso(c->t, cd, &n) && n == 2) cc = cd;
    }
    if (!cc || !strcmp(cc->c.id, home) || !cc->c.name) return (size_t)-1;
    size_t e = j;
    while (e + 1 < c->nt && tok_end(c, e + 1) <= cs->end) e++;
    char want[256];
    cand dc;
    /* (the country's name after "of ", or "of the ": Ministry of Defence
     * of the United Kingdom) */
    for (int the = 0; the < 2; the++) {
        size_t pl = nl - hl + (the ? 4 : 0);
        if (pl + strlen(cc->c.name) >= sizeof want) break;
        memcpy(want, nm, nl - hl);
        if (the) memcpy(want + nl - hl, "the ", 4);
        strcpy(want + pl, cc->c.name);
        if (org_by_name(c, want, &dc)) {
            *rc = ngn_dict_form_span(c, i, e, &dc, NG_RULE_DICT_FORM);
            return e;
        }
    }
    return org_span(c, NG_RULE_ORG_HEAD, i, e, i, e, (size_t)-1, rc);
}

/* P: an organisation's acronym the dictionary knows and a place after it
 * (uk): "ДСНС України", "МВС України", "СБУ у Волинській області" are one
 * organisation in Ukrainian news, with the acronym's id (the acronym alone
 * and the place never are, on uk train). Russian names end before the
 * place. */
static size_t acronym_place(chunkctx *c, size_t i, int *rc) {
    if (!(c->tok[i].flags & TK_CYR) || (c->tok[i].flags & TK_DIGIT)) return (size_t)-1;
    /* (ГУ, a main directorate, before its body: ГУ ДФС у м. Києві) */
    size_t s = i;
    if (tok_is(c, i, "гу") && (c->tok[i].flags & TK_ALLUPPER) && i + 1 < c->nt && !(c->tok[i + 1].flags & TK_NL)) i++;
    long k = ngn_covering_at(c, c->first, tok_start(c, i));
    if (k < 0 || c->m->spans[k].start != tok_start(c, i) || ngn_span_types(c->m, (size_t)k) != 4u) return (size_t)-1;
    size_t e = i;
    while (e + 1 < c->nt && tok_end(c, e + 1) <= c->m->spans[k].end) e++;
    int acr = e == i && (c->tok[i].flags & TK_ALLUPPER);   /* (one word: the acronym) */
    size_t p = place_after(c, e, 0);
    /* a branch after the country (ДСНС України у Закарпатській області) */
    if (p != e && (tok_is(c, p + 1, "у") || tok_is(c, p + 1, "в"))) {
        size_t q = place_after(c, p, 0);
        if (q != p) p = q;
    }
    /* an organisation of several words, or not an acronym: its branch only
     * (Держпраці в Івано-Франківській області) */
    if (!acr && !(tok_is(c, e + 1, "у") || tok_is(c, e + 1, "в"))) p = e;
    if ((p == e && s == i) || russian(c, s, p) || !ukrainian_near(c, s, p)) return (size_t)-1;
    return org_span(c, NG_RULE_ORG_HEAD, s, p, i, e, (size_t)-1, rc);
}

/* Is token i a capitalised English word that may be a name's: no
 * function word, weekday or month, title, nor organisation word
 * (names_rules.c: a second surname, Ahmed Sekou Toure)? */
int ngn_en_name_word(const chunkctx *c, size_t i) {
    pthread_once(&org_once, org_init);
    return en_word(c, i) && !ngn_org_noun(c, i);
}

int ngn_org_noun(const chunkctx *c, size_t i) {
    pthread_once(&org_once, org_init);
    return head_stem(c, &head_set, i) || head_stem(c, &head_place_set, i) || head_stem(c, &orgq_set, i) ||
           head_stem(c, &gen_head_set, i) || head_stem(c, &qhead_set, i) || head_stem(c, &desig_set, i) ||
           wset_has(&en_tail_set, c->tok[i].hash);
}

int ngn_legal_form(const chunkctx *c, size_t i) {
    pthread_once(&org_once, org_init);
    return wset_has(&legal_set, c->tok[i].hash);
}

int ngn_org_noun_stem(uint64_t stem) {
    pthread_once(&org_once, org_init);
    return wset_has(&head_set, stem) || wset_has(&head_place_set, stem) || wset_has(&orgq_set, stem) ||
           wset_has(&gen_head_set, stem) || wset_has(&qhead_set, stem) || wset_has(&desig_set, stem) ||
           wset_has(&ru_head_set, stem) || wset_has(&company_set, stem) || wset_has(&state_set, stem) ||
           wset_has(&area_set, stem) || wset_has(&settle_set, stem) || wset_has(&street_set, stem) ||
           wset_has(&river_set, stem) || wset_has(&street_uk_set, stem) || wset_has(&street_ru_set, stem);
}

/* T: the place of a dateline, the line a wire story starts with: one to
 * four words in capitals first on their line (words or parts joined by
 * hyphens), then a comma and a place the dictionary knows or a date, or a
 * date, or an agency in parentheses: "TAVILDARA , Tajikistan 1996-08-30",
 * "FARMINGTON HILLS , Mich . 1996-08-30", "LONDON 1996-08-30", "KYIV, Dec
 * 7 (Reuters) -", "KYIV, Ukraine (AP) —", "КИЇВ, 7 грудня". A place the
 * dictionary knows there is that place (not a team of its name in a sports
 * story), a name it does not know a place of its own, named in title case
 * (Tavildara), which the article pass finds again in the story (names_doc.c
 * dateline_mentions); a name the dictionary knows as something else only
 * (a person, an organisation) is left alone. Returns the last token. */
static int month_word(const chunkctx *c, size_t k) {
    static const char *const months[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
        "листопада", "грудня", "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
        "сентября", "октября", "ноября", "декабря", NULL};
    return is_word(c, k) && !(c->tok[k].flags & TK_DIGIT) && ngn_tok_in(c, k, months);
}

/* A date at token k: 1996-08-30, Dec 7, December 7, 7 грудня, 7 December. */
static int dateline_date(const chunkctx *c, size_t k) {
    if (k + 1 >= c->nt || (c->tok[k].flags & TK_NL)) return 0;
    const ng_token *t = &c->tok[k];
    int num = (t->flags & (TK_WORD | TK_DIGIT | TK_LATIN | TK_CYR)) == (TK_WORD | TK_DIGIT);
    if (num && t->fold_len == 4 && is_punct(c, k + 1, '-') && !(c->tok[k + 1].flags & TK_SPACE)) return 1;
    if (num && t->fold_len <= 2) return month_word(c, k + 1) && !(c->tok[k + 1].flags & TK_NL);
    return month_word(c, k) && (c->tok[k + 1].flags & (TK_WORD | TK_DIGIT | TK_LATIN | TK_CYR)) == (TK_WORD | TK_DIGIT) &&
           !(c->tok[k + 1].flags & TK_NL);
}

static size_t dateline(chunkctx *c, size_t i, int *rc) {
    const ng_token *t = &c->tok[i];
    if (!(t->flags & TK_NL) && !(i == 0 && c->base == 0)) return (size_t)-1;
    size_t j = i, words = 1;
    if (!is_word(c, i) || (t->flags & (TK_ALLUPPER | TK_DIGIT)) != TK_ALLUPPER || !ncp_ge(tfold(c, i), tlen(c, i), 3))
        return (size_t)-1;
    unsigned script = t->flags & (TK_LATIN | TK_CYR);
    if (script != TK_LATIN && script != TK_CYR) return (size_t)-1;
    for (;;) {
        size_t k = j + 1;
        if (k + 1 < c->nt && is_punct(c, k, '-') && !(c->tok[k].flags & TK_SPACE) && !(c->tok[k + 1].flags & TK_SPACE))
            k++;
        else if (words == 4)
            break;
        if (!is_word(c, k) || (c->tok[k].flags & (TK_NL | TK_DIGIT | TK_ALLUPPER | script)) != (TK_ALLUPPER | script)) break;
        j = k;
        words++;
    }
    size_t k = j + 1;
    if (k + 1 >= c->nt || (c->tok[k].flags & TK_NL)) return (size_t)-1;
    int ok = 0;
    if (is_punct(c, k, ',') && !(c->tok[k + 1].flags & TK_NL)) {
        long d = ngn_covering_at(c, c->first, tok_start(c, k + 1));
        ok = (d >= 0 && c->m->spans[d].start == tok_start(c, k + 1) && (ngn_span_types(c->m, (size_t)d) & 2)) ||
             dateline_date(c, k + 1);
    } else if (is_punct(c, k, '(') && !(c->tok[k + 1].flags & TK_NL)) {
        long d = ngn_covering_at(c, c->first, tok_start(c, k + 1));
        ok = d >= 0 && c->m->spans[d].start == tok_start(c, k + 1) && (ngn_span_types(c->m, (size_t)d) & 4);
    } else
        ok = dateline_date(c, k);
    if (!ok) return (size_t)-1;
    /* the dictionary's place of the words, if it knows them */
    long d = ngn_covering_at(c, c->first, tok_start(c, i));
    int known = d >= 0 && c->m->spans[d].start == tok_start(c, i) && c->m->spans[d].end == tok_end(c, j);
    if (d >= 0 && !known) return (size_t)-1;   /* (a span across the words' edges) */
    if (known) {
        if (!(ngn_span_types(c->m, (size_t)d) & 2)) return (size_t)-1;
        const span *s = &c->m->spans[d];
        for (uint32_t q = 0; q < s->ncand; q++) {
            const cand *cd = &c->m->cands[s->cand + q];
            if (strcmp(cd->c.type, "LOC")) continue;
            *rc = ngn_dict_form_span(c, i, j, cd, NG_RULE_PLACE_DATELINE);   /* (it copies cd first) */
            return j;
        }
        return (size_t)-1;
    }
    for (size_t q = i; q <= j; q++)
        if (ngn_covering_at(c, c->first, tok_start(c, q)) >= 0) return (size_t)-1;
    return org_span(c, NG_RULE_PLACE_DATELINE, i, j, i, j, (size_t)-1, rc);
}

void ngn_org_init(void) { pthread_once(&org_once, org_init); }

size_t ngn_try_org(chunkctx *c, size_t i, int *rc) {
    if (!is_word(c, i) || (c->tok[i].flags & TK_DIGIT && !(c->tok[i].flags & (TK_CYR | TK_LATIN)))) return (size_t)-1;
    if (c->place && !c->dry && (c->tok[i].flags & TK_ALLUPPER)) {
        size_t r = dateline(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
    }
    if (!c->org) return cyrillic(c, i, rc);   /* the area rule only */
    size_t r = law_title(c, i, rc);
    if (r != (size_t)-1 || *rc) return r;
    r = body_next(c, i) ? body_of_country(c, i, rc) : (size_t)-1;
    if (r != (size_t)-1 || *rc) return r;
    r = acronym_place(c, i, rc);
    if (r != (size_t)-1 || *rc) return r;
    r = quoted(c, i, rc);
    if (r != (size_t)-1 || *rc) return r;
    if (c->tok[i].flags & TK_LATIN) {
        if (c->place && !c->dry && area_list_may(c, i)) {
            r = area_list(c, i, rc);
            if (r != (size_t)-1 || *rc) return r;
        }
        r = english(c, i, rc);
        if (r != (size_t)-1 || *rc) return r;
        return latin_in_cyrillic(c, i, rc);
    }
    if ((c->tok[i].flags & TK_ALLUPPER) && (c->tok[i].flags & TK_CYR)) return cyr_acronym(c, i, rc);
    return cyrillic(c, i, rc);
}

/* The organisation spans of the chunk (dictionary or rule, first candidate
 * ORG, not replaced by a rule, not an overlap) by end, for org_ending_at:
 * each parenthesis of the chunk asks for the span ending before it, and a
 * linear walk of the chunk's spans for each made acronym definitions
 * quadratic in the length of a chunk. Built on the first question; the
 * spans do not change while ngn_org_acronyms runs (it adds notes only). */
typedef struct orgent { size_t end, k; } orgent;
typedef struct orgidx { orgent *v; size_t n; int built; } orgidx;

static int cmp_orgent(const void *x, const void *y) {
    const orgent *a = x, *b = y;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;   /* span order among equal ends, as the walk found them */
}

static int orgidx_build(const chunkctx *c, orgidx *ix) {
    mnames *mn = c->mn;
    ix->built = 1;
    ix->n = 0;
    for (size_t k = c->first, d = 0; k < c->m->nspans; k++) {
        const span *s = &c->m->spans[k];
        while (d < mn->ndead && mn->dead[d] < k) d++;
        if ((d < mn->ndead && mn->dead[d] == k) || (s->flags & NG_MATCH_OVERLAP)) continue;
        if (s->ncand < 1 || strcmp(c->m->cands[s->cand].c.type, "ORG")) continue;
        if (ng_grow((void **)&mn->orgs, &mn->orgs_cap, ix->n + 1, sizeof(orgent))) return NG_E_NOMEM;
        ((orgent *)mn->orgs)[ix->n++] = (orgent){s->end, k};
    }
    ix->v = mn->orgs;
    if (ix->n > 1) qsort(ix->v, ix->n, sizeof *ix->v, cmp_orgent);
    return NG_OK;
}

/* The chosen span of the chunk that ends at byte e and names one
 * organisation (dictionary or rule), or NULL; when b is not (size_t)-1 the
 * span must also start at byte b. Spans replaced by a rule are skipped.
 * The first such span in span order (*rc: NG_E_NOMEM when the index could
 * not be built). */
static const span *org_ending_at(const chunkctx *c, orgidx *ix, size_t e, size_t b, int *rc) {
    if (!ix->built && (*rc = orgidx_build(c, ix))) return NULL;
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->v[mid].end < e) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < ix->n && ix->v[lo].end == e; lo++) {
        const span *s = &c->m->spans[ix->v[lo].k];
        if (b == (size_t)-1 || s->start == b) return s;
    }
    return NULL;
}

/* Is token k a free acronym: capitals, 2 to 8 letters, no dictionary match? */
static int free_acronym(const chunkctx *c, size_t k) {
    const ng_token *a = &c->tok[k];
    if (!(a->flags & TK_WORD) || !(a->flags & TK_ALLUPPER) || (a->flags & TK_DIGIT) ||
        !ncp_ge(tfold(c, k), tlen(c, k), 2) || ncp_ge(tfold(c, k), tlen(c, k), 9))
        return 0;
    return ngn_covering_at(c, c->first, tok_start(c, k)) < 0;
}

/* The organisation span that fills the parentheses opening at token t
 * exactly, "ACR (Full Name)", or NULL. */
static const span *org_in_parens(const chunkctx *c, orgidx *ix, size_t t, int *rc) {
    for (size_t k = t + 2; k < c->nt && k < t + 16; k++) {
        if (c->tok[k].flags & TK_NL) return NULL;
        if (!is_punct(c, k, ')')) continue;
        return org_ending_at(c, ix, tok_end(c, k - 1), tok_start(c, t + 1), rc);
    }
    return NULL;
}

/* The first token from t on whose folded form holds a '(' (c->nt if none).
 * The folded forms of the chunk's tokens lie end to end in c->fold, so
 * memchr skips the words between parentheses, instead of a test of every
 * token (2 % of the instructions of tagging realistic text). */
static size_t next_paren(const chunkctx *c, size_t t) {
    if (t >= c->nt) return c->nt;
    const ng_token *last = &c->tok[c->nt - 1];
    size_t from = c->tok[t].fold, end = (size_t)last->fold + last->fold_len;
    const char *p = from < end ? memchr(c->fold + from, '(', end - from) : NULL;
    if (!p) return c->nt;
    size_t f = (size_t)(p - c->fold), lo = t, hi = c->nt;
    while (lo < hi) {   /* the first token whose fold starts after f */
        size_t mid = lo + (hi - lo) / 2;
        if (c->tok[mid].fold <= f) lo = mid + 1;
        else hi = mid;
    }
    return lo - 1;      /* (tokens with an empty fold come before the one at f) */
}

int ngn_org_acronyms(chunkctx *c) {
    orgidx ix = {0};
    int rc = NG_OK;
    for (size_t t = next_paren(c, c->t0 > 1 ? c->t0 : 1); t + 2 < c->nt && t < c->t1; t = next_paren(c, t + 1)) {
        if (!is_punct(c, t, '(')) continue;
        const span *s = NULL;
        size_t at;   /* the acronym's token */
        if (is_punct(c, t + 2, ')') && free_acronym(c, t + 1)) {
            /* Full Name (ACR) */
            at = t + 1;
            s = org_ending_at(c, &ix, tok_end(c, t - 1), (size_t)-1, &rc);
        } else if (free_acronym(c, t - 1) && !(c->tok[t + 1].flags & TK_NL)) {
            /* ACR (Full Name) */
            at = t - 1;
            s = org_in_parens(c, &ix, t, &rc);
        } else
            continue;
        if (rc) return rc;
        if (!s) continue;
        const ng_token *a = &c->tok[at];
        /* the acronym starts with the name's first letter (after a legal form) */
        int32_t a0 = 0, n0 = 0;
        if (ng_utf8_decode((const unsigned char *)tfold(c, at), tlen(c, at), &a0) <= 0) continue;
        int ok = 0;
        size_t end_tok = at == t + 1 ? t - 1 : t + 1;
        while (at < t && end_tok + 1 < c->nt && tok_end(c, end_tok) < s->end) end_tok++;
        for (size_t q = end_tok; q + 1 > 0 && tok_start(c, q) >= s->start; q--) {
            if (!(c->tok[q].flags & TK_WORD) || !(c->tok[q].flags & TK_UPPER1)) { if (q == 0) break; continue; }
            if (ng_utf8_decode((const unsigned char *)tfold(c, q), tlen(c, q), &n0) > 0 && n0 == a0) ok = 1;
            if (q == 0) break;
        }
        if (!ok) continue;
        const cand *cd = &c->m->cands[s->cand];
        nxt *x;
        note *n = ngn_add_note(c->mn, N_ORG, c->field, s->start, s->end, &x);
        if (!n) return NG_E_NOMEM;
        n->key = a->hash;
        x->id = cd->c.id;
        x->type = cd->c.type;
        x->name = cd->c.name;
    }
    return NG_OK;
}
