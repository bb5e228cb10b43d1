/* Tests of tagger/inflect.c: data-driven recall and precision lists, uk and
 * ru side by side.
 *
 *   test_inflect                 runs the lists
 *   test_inflect TYPE ALIAS...   prints the variants of each alias (debugging)
 *
 * Variants are written folded (lower case), words joined as in the alias. */
#include <stdlib.h>
#include "harness.h"
#include "tagger.h"
#include "norm.h"
#include "inflect.h"

int ng_inflect_is_common(const char *folded, size_t len);

typedef struct vars {
    char **v;
    size_t n, cap;
    const ng_tokbuf *tb;
} vars;

static int collect(const char *const *w, const size_t *l, size_t n, void *ud) {
    vars *vs = ud;
    size_t tot = 1;
    for (size_t i = 0; i < n; i++) tot += l[i] + 1;
    char *s = malloc(tot), *p = s;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && vs->tb->tok[i].start > vs->tb->tok[i - 1].end) *p++ = ' ';
        memcpy(p, w[i], l[i]);
        p += l[i];
    }
    *p = 0;
    if (vs->n == vs->cap) {
        vs->cap = vs->cap ? vs->cap * 2 : 32;
        vs->v = realloc(vs->v, vs->cap * sizeof *vs->v);
    }
    vs->v[vs->n++] = s;
    return 0;
}

static void vars_free(vars *vs) {
    for (size_t i = 0; i < vs->n; i++) free(vs->v[i]);
    free(vs->v);
    memset(vs, 0, sizeof *vs);
}

static ng_tokbuf tb;

static void inflect(const char *type, int lang, const char *alias, vars *vs) {
    memset(vs, 0, sizeof *vs);
    ng_tokbuf_reset(&tb);
    ng_tokenize(&tb, alias, strlen(alias));
    ng_inflect_word w[64];
    size_t n = tb.n < 64 ? tb.n : 64;
    for (size_t i = 0; i < n; i++) {
        w[i].fold = tb.fold + tb.tok[i].fold;
        w[i].fold_len = tb.tok[i].fold_len;
        w[i].orig = alias + tb.tok[i].start;
        w[i].orig_len = tb.tok[i].end - tb.tok[i].start;
        w[i].is_word = (tb.tok[i].flags & TK_WORD) != 0;
    }
    vs->tb = &tb;
    ng_inflect_alias(w, n, type, lang, collect, vs);
}

static int has(const vars *vs, const char *s) {
    for (size_t i = 0; i < vs->n; i++)
        if (!strcmp(vs->v[i], s)) return 1;
    return 0;
}

enum { UK = NG_LANG_UK, RU = NG_LANG_RU, ANY = NG_LANG_UNKNOWN };

/* ## Recall: alias → forms that must be generated ("|"-separated). */
static const struct { int lang; const char *type, *alias, *forms; } recall[] = {
    /* Ukrainian                                                      */
    {UK, "LOC", "Брюссель", "брюсселі|брюсселя|брюсселем|брюсселю"},
    /* a name beside республіка / королівство stays as written (apposition) */
    {UK, "LOC", "Автономна Республіка Крим", "автономної республіки крим|автономній республіці крим"},
    {RU, "LOC", "Автономная Республика Крым", "автономной республики крым|автономной республике крым"},
    {UK, "LOC", "Королівство Нідерланди", "королівства нідерланди"},
    {UK, "LOC", "Львів", "львова|львові|львовом|львову"},
    {UK, "LOC", "Київ", "києва|києві|києвом"},
    {UK, "LOC", "Харків", "харкова|харкові|харковом"},
    {UK, "LOC", "Тернопіль", "тернополя|тернополі|тернополем"},
    /* і before -ст / -ск alternates too */
    {UK, "LOC", "Кримський міст", "кримського мосту|кримському мосту|кримському мості"},
    /* a neuter plural in -а after a plural adjective, before a word that stays */
    {UK, "ORG", "Сухопутні війська ЗСУ", "сухопутних військ зсу|сухопутним військам зсу|сухопутних військах зсу"},
    {RU, "ORG", "Сухопутные войска ВСУ", "сухопутных войск всу|сухопутным войскам всу"},
    {UK, "LOC", "Вільнюс", "вільнюсі|вільнюса|вільнюсом"},
    {UK, "LOC", "Україна", "україни|україні|україну|україною"},
    {UK, "LOC", "Росія", "росії|росію|росією"},
    {UK, "LOC", "Америка", "америки|америці|америку|америкою"},
    {UK, "LOC", "Китай", "китаю|китаєм|китаї"},
    {UK, "LOC", "Нью-Йорк", "нью-йорка|нью-йорку|нью-йорком"},
    /* a hyphenated name declines its last part only, unless the last part
     * is an adjective (both agree) or a lower-case preposition follows the
     * first; a first part in -ія declines, the last part declines or stays */
    {RU, "LOC", "Санкт-Петербург", "санкт-петербурга|санкт-петербурге|санкт-петербургом"},
    {UK, "LOC", "Санкт-Петербург", "санкт-петербурга|санкт-петербурзі"},
    {UK, "LOC", "Тель-Авів", "тель-авіва|тель-авіві"},
    {RU, "LOC", "Улан-Батор", "улан-батора|улан-баторе"},
    {RU, "LOC", "Йошкар-Ола", "йошкар-олы|йошкар-оле|йошкар-олой"},
    {RU, "LOC", "Ханты-Мансийск", "ханты-мансийска|ханты-мансийске"},
    {RU, "LOC", "Каменск-Уральский", "каменска-уральского|каменске-уральском"},
    {UK, "LOC", "Рава-Руська", "рави-руської|раві-руській"},
    {RU, "LOC", "Ростов-на-Дону", "ростова-на-дону|ростове-на-дону"},
    {UK, "LOC", "Франкфурт-на-Майні", "франкфурта-на-майні|франкфурті-на-майні"},
    {UK, "LOC", "Саксонія-Ангальт", "саксонії-ангальт|саксонії-ангальту"},
    {RU, "ORG", "Днепр-1", "днепра-1|днепре-1"},
    {RU, "ORG", "Санкт-Петербургская биржа", "санкт-петербургской биржи|санкт-петербургской бирже"},
    {RU, "LOC", "Северный Рейн-Вестфалия", "северного рейна-вестфалии|северном рейне-вестфалии"},
    {UK, "LOC", "Північний Рейн-Вестфалія", "північного рейну-вестфалії|північному рейні-вестфалії"},
    {UK, "LOC", "Запоріжжя", "запоріжжю|запоріжжям|запоріжжі"},
    {UK, "LOC", "Дніпро", "дніпра|дніпрі|дніпром"},
    {UK, "LOC", "Сполучені Штати", "сполучених штатів|сполученим штатам|сполученими штатами|сполучених штатах"},
    {UK, "LOC", "Карпати", "карпат|карпатах|карпатами"},
    /* a plural place in -ці, -чі; a fleeting vowel in -ець, -ок */
    {UK, "LOC", "Чернівці", "чернівців|чернівцям|чернівцях|чернівцями"},
    {UK, "LOC", "Кожичі", "кожичів|кожичах"},
    {UK, "LOC", "Трускавець", "трускавця|трускавці|трускавцем|трускавцю"},
    {UK, "PER", "Ігор Кравець", "ігоря кравця|ігорем кравцем"},
    /* (л before it soft; -єць with й: Подольця, Козельця, Зайця, Корнійця) */
    {UK, "PER", "Дмитро Подолець", "дмитра подольця|дмитру подольцю|дмитром подольцем"},
    {UK, "LOC", "Козелець", "козельця|козельці"},
    {UK, "PER", "Іван Заєць", "івана зайця|іваном зайцем"},
    {UK, "PER", "Олександр Корнієць", "олександра корнійця|олександру корнійцю"},
    {UK, "PER", "Юля Ковальчук", "юлі ковальчук|юлю ковальчук|юлею ковальчук"},   /* three letters */
    {UK, "LOC", "Городок", "городка|городку|городком"},
    /* a place in -ово / -ево / -єво declines in Ukrainian as a neuter noun */
    {UK, "LOC", "Косово", "косова|косові|косовом"},
    {UK, "LOC", "Сараєво", "сараєва|сараєві"},
    {UK, "LOC", "Мукачево", "мукачева|мукачеві|мукачеву"},
    /* a fleeting е of a few places (Єгипет → Єгипту, Орёл → Орла) */
    {UK, "LOC", "Єгипет", "єгипту|єгипті|єгиптом"},
    {RU, "LOC", "Египет", "египта|египте|египтом"},
    {RU, "LOC", "Орёл", "орла|орле|орлом"},
    /* a neuter adjective alone names a place or a body and declines as one */
    {UK, "LOC", "Рівне", "рівного|рівному|рівним|рівнім"},
    {UK, "LOC", "Кам'янське", "кам'янського|кам'янському|кам'янським"},
    {UK, "LOC", "Барвінкове", "барвінкового|барвінковому"},
    {UK, "LOC", "Єнакієве", "єнакієвого|єнакієвому"},
    {UK, "LOC", "Ватутіне", "ватутіного|ватутіному"},
    {UK, "ORG", "Суспільне", "суспільного|суспільному|суспільним"},
    {UK, "LOC", "Чорне море", "чорного моря|чорному морі|чорним морем"},
    {UK, "LOC", "Біла Церква", "білої церкви|білій церкві|білу церкву|білою церквою"},
    {UK, "ORG", "Верховна Рада", "верховної ради|верховній раді|верховну раду|верховною радою"},
    /* regressions: an adjective before an acronym; a head before a hyphenated apposition */
    {UK, "LOC", "Каховська ГЕС", "каховської гес|каховській гес|каховську гес"},
    /* (regression: a Russian acronym declines, МИДа, but stays as written
     * too: ГЭС is feminine) */
    {RU, "LOC", "Каховская ГЭС", "каховской гэс|каховскую гэс|каховской гэсе"},
    {RU, "ORG", "японский МИД", "японского мида|японском миде|японского мид"},
    {UK, "ORG", "Запорізька АЕС", "запорізької аес|запорізькій аес"},
    {UK, "ORG", "Рада Україна-НАТО", "ради україна-нато|раді україна-нато"},
    {UK, "ORG", "Рада Європи", "ради європи|раді європи|раду європи|радою європи"},
    {UK, "ORG", "Міністерство закордонних справ", "міністерства закордонних справ|міністерству закордонних справ|міністерством закордонних справ|міністерстві закордонних справ"},
    {UK, "ORG", "Кабінет Міністрів України", "кабінету міністрів україни|кабінетом міністрів україни"},
    {UK, "ORG", "Європейський союз", "європейського союзу|європейському союзі|європейським союзом"},
    {UK, "ORG", "Служба безпеки України", "служби безпеки україни|службою безпеки україни"},
    {UK, "ORG", "Збройні сили України", "збройних сил україни|збройними силами україни"},
    {UK, "ORG", "Національна гвардія", "національної гвардії|національною гвардією"},
    {UK, "PER", "Путін", "путіна|путіну|путіним|путінові"},
    {UK, "PER", "Зеленський", "зеленського|зеленському|зеленським"},
    {UK, "PER", "Володимир Зеленський", "володимира зеленського|володимиру зеленському|володимиром зеленським|володимирові зеленському"},
    {UK, "PER", "Володимир Путін", "володимира путіна|володимиром путіним"},
    {UK, "PER", "Олександр Петренко", "олександра петренка|олександру петренку|олександром петренком"},
    {UK, "PER", "Олена Зеленська", "олени зеленської|олені зеленській|олену зеленську|оленою зеленською"},
    {UK, "PER", "Ірина Іванова", "ірини іванової|ірину іванову|іриною івановою"},
    {UK, "PER", "Андрій Єрмак", "андрія єрмака|андрію єрмаку|андрієм єрмаком"},
    {UK, "PER", "Ігор Коломойський", "ігоря коломойського|ігорем коломойським"},
    {UK, "PER", "Микола Азаров", "миколи азарова|миколою азаровим"},
    /* the genitive complement міста after a feminine head: the head declines, not міста */
    {UK, "ORG", "Ленінська райрада міста Кіровограда", "ленінської райради міста кіровограда|ленінською райрадою міста кіровограда"},
    /* men's names in -а / -я (ng_inflect_male_a): the surname declines as a man's */
    {UK, "PER", "Олекса Довбуш", "олекси довбуша|олексу довбуша|олексою довбушем"},
    {RU, "PER", "Лёша Петров", "леши петрова|лешей петровым"},
    {UK, "PER", "Петро Порошенко", "петра порошенка|петром порошенком|петрові порошенкові"},
    {UK, "PER", "Джо Байден", "джо байдена|джо байденом"},
    {UK, "PER", "Олександр Сирський", "олександра сирського|олександром сирським"},
    {UK, "PER", "Володимир Олександрович Зеленський", "володимира олександровича зеленського"},
    {UK, "PER", "Юлія Тимошенко", "юлії тимошенко|юлією тимошенко"},
    /* an East Asian name of three short words: its last part declines */
    {UK, "PER", "Кім Чен Ин", "кім чен ина|кім чен ину|кім чен ином"},
    {RU, "PER", "Ким Чен Ын", "ким чен ына|ким чен ыну|ким чен ыном"},
    /* (Russian text declines the family name too: "Кима Чен Ира") */
    {RU, "PER", "Ким Чен Ир", "кима чен ира|киму чен иру|кимом чен иром"},
    /* Russian                                                        */
    {RU, "LOC", "Брюссель", "брюсселе|брюсселя|брюсселем"},
    {RU, "LOC", "Вильнюс", "вильнюсе|вильнюса|вильнюсом"},
    {RU, "LOC", "Москва", "москвы|москве|москву|москвой"},
    {RU, "LOC", "Россия", "россии|россию|россией"},
    {RU, "LOC", "Америка", "америки|америке|америку|америкой"},
    {RU, "LOC", "Тверь", "твери|тверью"},
    {RU, "LOC", "Китай", "китая|китае|китаем"},
    {RU, "LOC", "Соединенные Штаты", "соединенных штатов|соединенным штатам|соединенными штатами"},
    {RU, "LOC", "Черное море", "черного моря|черном море|черным морем"},
    {RU, "LOC", "Нижний Новгород", "нижнего новгорода|нижнем новгороде"},
    {RU, "ORG", "Европейский союз", "европейского союза|европейском союзе|европейским союзом"},
    {RU, "ORG", "Министерство иностранных дел", "министерства иностранных дел|министерству иностранных дел|министерством иностранных дел|министерстве иностранных дел"},
    {RU, "ORG", "Государственная дума", "государственной думы|государственной думе|государственную думу"},
    {RU, "ORG", "Управление делами", "управления делами|управлением делами"},
    {RU, "ORG", "Совет Федерации", "совета федерации|совете федерации"},
    {RU, "PER", "Путин", "путина|путину|путиным|путине"},
    {RU, "PER", "Владимир Путин", "владимира путина|владимиру путину|владимиром путиным|владимире путине"},
    {RU, "PER", "Сергей Лавров", "сергея лаврова|сергеем лавровым|сергею лаврову"},
    {RU, "PER", "Дмитрий Песков", "дмитрия пескова|дмитрием песковым|дмитрии пескове"},
    {RU, "PER", "Алексей Навальный", "алексея навального|алексеем навальным"},
    {RU, "PER", "Мария Захарова", "марии захаровой|марию захарову"},
    {RU, "PER", "Анна Политковская", "анны политковской|анну политковскую"},
    {RU, "PER", "Лев Толстой", "лев толстого|лев толстым"},
    {RU, "PER", "Игорь Шойгу", "игоря шойгу|игорем шойгу"},
    {RU, "PER", "Никита Михалков", "никиты михалкова|никитой михалковым"},
    {RU, "PER", "Олег Черных", "олега черных|олегом черных"},
    {RU, "PER", "Владимир Владимирович Путин", "владимира владимировича путина"},
    /* language detected from the letters                             */
    {ANY, "LOC", "Україна", "україни|україною"},
    {ANY, "LOC", "Москва", "москвы|москве"},
};

/* ## Precision: forms that must NOT be generated. */
static const struct { int lang; const char *type, *alias, *forms; } precision[] = {
    /* (і alternates before -ст / -ск only: Сірт is no "сортові") */
    {UK, "LOC", "Сірт", "сортові|сорта"},
    /* (Russian leaves a place in -ово as written; no generated form is the
     * word queen: Королево) */
    {RU, "LOC", "Кемерово", "кемерова|кемерове"},
    {UK, "LOC", "Королево", "королева"},
    /* (the middle part of Ким Чен Ын never declines; the first only in
     * Russian, and only with the last; a woman's name stays) */
    {RU, "PER", "Ким Чен Ын", "ким чена ына|кима чена ына|кима чен ын"},
    {UK, "PER", "Кім Чен Ин", "кіма чен ина|кім чена ина"},
    {RU, "PER", "Пак Кын Хе", "пака кын хе|пака кына хе"},
    /* (no fleeting е but in the listed places: Тибет → Тибету) */
    {UK, "LOC", "Тибет", "тибту|тибті"},
    /* (a foreign name in -е stays: Катовице, Зімбабве, Молізе) */
    {UK, "LOC", "Катовице", "катовицого|катовицому"},
    {UK, "LOC", "Зімбабве", "зімбабвого|зімбабвому"},
    {UK, "LOC", "Молізе", "молізого|молізому"},
    {UK, "LOC", "Маріямполе", "маріямполого|маріямполя"},
    {UK, "ORG", "Рада", "раді|ради|раду|радою"},        /* раді = glad */
    {UK, "LOC", "Автономна Республіка Крим", "автономної республіки криму"},
    {UK, "PER", "Віра", "віри|віру|вірі|вірою"},
    {UK, "PER", "Надія", "надії|надію|надією"},
    {UK, "ORG", "Свобода", "свободи|свободу|свободі"},
    {UK, "LOC", "Чернівецька область", "чернівецька областях"},   /* -ці only a plural noun alone */
    {UK, "LOC", "Біла Церква", "білої церквях"},
    {UK, "ORG", "Батьківщина", "батьківщини|батьківщину"},
    {UK, "ORG", "Народний фронт", "народна фронту"},
    {UK, "ORG", "Верховна Рада", "верховна ради|верховної рада"},  /* agreement */
    {UK, "ORG", "Рада Україна-НАТО", "ради україни-нато|радої україна-нато"},
    {RU, "LOC", "Санкт-Петербург", "санкта-петербурга|санкте-петербурге"},
    {UK, "LOC", "Тель-Авів", "теля-авіва|телі-авіві"},
    {RU, "LOC", "Улан-Батор", "улана-батора|улане-баторе"},
    {UK, "LOC", "Рава-Руська", "раві-руські"},                 /* the adjective as a noun */
    {RU, "LOC", "Андорра-ла-Велья", "андорре-ла-велье"},        /* after the preposition */
    {RU, "ORG", "Санкт-Петербургская биржа", "санкта-петербургской биржи|санкте-петербургской бирже"},
    {UK, "PER", "Олена Зеленська", "олени зеленського"},
    {UK, "PER", "Юлія Тимошенко", "юлії тимошенка"},          /* feminine -енко stays */
    {UK, "PER", "Ольга Шуляк", "ольги шуляка"},               /* feminine consonant stays */
    {UK, "LOC", "Кабінет Міністрів України", "кабінету міністра україни|кабінету міністрів україною"},
    {RU, "PER", "Вера", "веры|вере|веру|верой"},
    {RU, "PER", "Надежда", "надежды|надежде|надежду"},
    {RU, "ORG", "Свобода", "свободы|свободе|свободу"},
    {RU, "ORG", "Дума", "думы|думе|думу"},
    {RU, "PER", "Мария Захарова", "марии захарова|марии захарового"},
    {RU, "PER", "Петр Порошенко", "петра порошенка"},        /* ru -енко stays */
    {RU, "PER", "Ирина Шейк", "ирины шейка"},
    {RU, "ORG", "Министерство иностранных дел", "министерства иностранного дел|министерства иностранных дела"},
};

/* ## Aliases that must produce no variant at all. */
static const struct { int lang; const char *type, *alias; } none[] = {
    {UK, "ORG", "НАТО"}, {UK, "ORG", "ОБСЄ"}, {RU, "ORG", "ОБСЕ"}, {UK, "ORG", "ЗСУ"},
    {UK, "LOC", "Токіо"}, {RU, "LOC", "Токио"}, {UK, "LOC", "Осло"}, {RU, "LOC", "Осло"},
    {UK, "LOC", "Сочі"}, {RU, "LOC", "Сочи"}, {RU, "LOC", "Тбилиси"}, {UK, "LOC", "Тбілісі"},
    {UK, "LOC", "Монако"}, {RU, "LOC", "Чикаго"}, {UK, "LOC", "Баку"}, {RU, "LOC", "Перу"},
    {UK, "LOC", "Рим"}, {RU, "LOC", "Ош"}, {UK, "PER", "Лев"},
    {UK, "LOC", "Paris"}, {RU, "ORG", "Google"}, {UK, "ORG", "G20"}, {RU, "LOC", "2024"},
    {UK, "ORG", "Бюро"}, {RU, "PER", "Шойгу"}, {RU, "PER", "Тимошенко"},
    {UK, "PER", "Берлусконі"}, {UK, "LOC", "Сан-Франциско"},
};

static void split_check(const vars *vs, const char *forms, int want, const char *alias, int line) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", forms);
    for (char *tok = strtok(buf, "|"); tok; tok = strtok(NULL, "|")) {
        int got = has(vs, tok);
        h_report(got == want, __FILE__, __LINE__, "entry %d: %s: \"%s\" %s", line, alias, tok,
                 want ? "not generated" : "generated but must not be");
    }
}

int main(int argc, char **argv) {
    ng_norm_init();
    if (argc > 2) {
        for (int i = 2; i < argc; i++) {
            vars vs;
            inflect(argv[1], NG_LANG_UNKNOWN, argv[i], &vs);
            printf("%s (%zu):", argv[i], vs.n);
            for (size_t k = 0; k < vs.n; k++) printf(" %s", vs.v[k]);
            printf("\n");
            vars_free(&vs);
        }
        ng_tokbuf_free(&tb);
        return 0;
    }
    for (size_t i = 0; i < sizeof recall / sizeof recall[0]; i++) {
        vars vs;
        inflect(recall[i].type, recall[i].lang, recall[i].alias, &vs);
        split_check(&vs, recall[i].forms, 1, recall[i].alias, (int)i);
        /* never the alias itself, always the same word count */
        vars_free(&vs);
    }
    for (size_t i = 0; i < sizeof precision / sizeof precision[0]; i++) {
        vars vs;
        inflect(precision[i].type, precision[i].lang, precision[i].alias, &vs);
        split_check(&vs, precision[i].forms, 0, precision[i].alias, (int)i);
        vars_free(&vs);
    }
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        vars vs;
        inflect(none[i].type, none[i].lang, none[i].alias, &vs);
        h_report(vs.n == 0, __FILE__, __LINE__, "%s: %zu variants (first \"%s\"), expected none",
                 none[i].alias, vs.n, vs.n ? vs.v[0] : "");
        vars_free(&vs);
    }
    /* every variant differs from the alias and has its token count */
    {
        const char *alias = "Володимир Зеленський";
        vars vs;
        inflect("PER", UK, alias, &vs);
        OK(vs.n > 5, "few variants");
        for (size_t i = 0; i < vs.n; i++) {
            OK(strcmp(vs.v[i], "володимир зеленський") != 0, "the alias itself was emitted");
            OK(strchr(vs.v[i], ' ') && !strchr(strchr(vs.v[i], ' ') + 1, ' '), "word count: %s", vs.v[i]);
        }
        vars_free(&vs);
    }
    /* the common-word list is sorted (bsearch) and answers */
    OK(ng_inflect_is_common("раді", strlen("раді")), "раді is common");
    OK(!ng_inflect_is_common("україни", strlen("україни")), "україни is not common");
    /* defensive: empty input, NULL emit */
    OK(ng_inflect_alias(NULL, 0, "LOC", UK, collect, NULL) == 0, "empty");
    ng_tokbuf_free(&tb);
    return harness_done("test_inflect");
}
