/* The matcher (tagger/tagger.c): boundaries, leftmost-longest and --all,
 * case policy, ambiguity rule and candidates, several dictionaries,
 * several fields, invalid UTF-8, chunks and threads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "tagger.h"
#include "tagger_internal.h"

static ng_dict *compile(const char *tsv) {
    ng_error err = {0};
    char m[1400];
    ng_dict_builder *b = ng_dict_builder_new();
    ng_dict *d = NULL;
    if (ng_dict_builder_add_tsv(b, "t.tsv", tsv, strlen(tsv), &err) || ng_dict_builder_finish(b, &d, &err))
        fprintf(stderr, "compile: %s\n", ng_error_format(&err, m, sizeof m));
    ng_dict_builder_free(b);
    return d;
}

/* Matches as "start-end id|..." with flags: '*' ambiguous, '+' overlap, and
 * the candidates in brackets when there are several. */
static char out[1 << 16];
static const char *render(const ng_match *m, size_t n, int cands) {
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        k += (size_t)snprintf(out + k, sizeof out - k, "%s%zu-%zu %s%s%s", i ? " " : "", m[i].start, m[i].end, m[i].id,
                              (m[i].flags & NG_MATCH_AMBIGUOUS) ? "*" : "", (m[i].flags & NG_MATCH_OVERLAP) ? "+" : "");
        if (cands && m[i].ncands > 1) {
            k += (size_t)snprintf(out + k, sizeof out - k, "[");
            for (size_t c = 0; c < m[i].ncands; c++)
                k += (size_t)snprintf(out + k, sizeof out - k, "%s%s", c ? "," : "", m[i].cands[c].id);
            k += (size_t)snprintf(out + k, sizeof out - k, "]");
        }
    }
    return out;
}

static const char *tag(ng_dict *d, unsigned flags, const char *text) {
    ng_tagger *t = ng_tagger_new(&d, 1, flags);
    const ng_match *m;
    size_t n;
    int rc = ng_tagger_tag(t, text, strlen(text), &m, &n);
    const char *r = rc ? "(error)" : render(m, n, 1);
    ng_tagger_free(t);
    return r;
}

static const char *WORLD =
    "loc_ukraine\tLOC\tUkraine\tУкраїна|Украина|UA\n"
    "loc_russia\tLOC\tRussia\tРосія|Россия|RU\n"
    "loc_us\tLOC\tUnited States\tUS|U.S.|США\n"
    "org_nato\tORG\tNATO\tНАТО\n"
    "org_eu\tORG\tEuropean Union\tEU|ЄС\n"
    "org_nuc\tORG\tNATO-Ukraine Council\tUkraine-NATO Council|Рада Україна-НАТО\n"
    "per_putin\tPER\tVladimir Putin\tPutin|Путін|Путин\n"
    "loc_istanbul\tLOC\tİstanbul\n"
    "loc_giessen\tLOC\tGießen\n"
    "org_ft\tORG\tFinancial Times\n";

static void test_boundaries(ng_dict *d) {
    STR_EQ(tag(d, 0, "Ukraine's"), "0-7 loc_ukraine", "possessive");
    STR_EQ(tag(d, 0, "(NATO)"), "1-5 org_nato", "brackets");
    STR_EQ(tag(d, 0, "«Путін»"), "2-12 per_putin", "guillemets");
    STR_EQ(tag(d, 0, "Ukraine-Russia"), "0-7 loc_ukraine 8-14 loc_russia", "hyphen");
    STR_EQ(tag(d, 0, "Ukrainelike Ukraines UkraineX xUkraine Україні2"), "", "no partial words");
    STR_EQ(tag(d, 0, "Ukraine."), "0-7 loc_ukraine", "final punctuation");
    STR_EQ(tag(d, 0, "Ukraine"), "0-7 loc_ukraine", "the whole text");
    STR_EQ(tag(d, 0, ""), "", "empty text");
}

static void test_offsets(ng_dict *d) {
    STR_EQ(tag(d, 0, "İSTANBUL, İstanbul"), "0-9 loc_istanbul 11-20 loc_istanbul", "İ: fold is longer than the text");
    STR_EQ(tag(d, 0, "GIESSEN Gießen"), "0-7 loc_giessen 8-15 loc_giessen", "ß");
    STR_EQ(tag(d, 0, "ﬁnancial times"), "0-16 org_ft", "ﬁ ligature: fold longer");
    STR_EQ(tag(d, 0, "\xef\xbb\xbfNATO"), "3-7 org_nato", "BOM counted");
    STR_EQ(tag(d, 0, "ＵＫＲＡＩＮＥ"), "0-21 loc_ukraine", "fullwidth");
}

static void test_longest(ng_dict *d) {
    STR_EQ(tag(d, 0, "the Ukraine-NATO Council"), "4-24 org_nuc", "longest");
    STR_EQ(tag(d, NG_TAG_ALL, "the Ukraine-NATO Council"), "4-24 org_nuc 4-11 loc_ukraine+ 12-16 org_nato+", "--all");
    STR_EQ(tag(d, 0, "Рада Україна-НАТО"), "0-32 org_nuc", "longest uk");
    STR_EQ(tag(d, NG_TAG_ALL, "Рада Україна-НАТО"), "0-32 org_nuc 9-23 loc_ukraine+ 24-32 org_nato+", "--all uk");
    STR_EQ(tag(d, 0, "Ukraine-NATO Councils"), "0-7 loc_ukraine 8-12 org_nato", "longest must end on a word boundary");
    STR_EQ(tag(d, NG_TAG_ALL, "Ukraine NATO"), "0-7 loc_ukraine 8-12 org_nato", "--all without overlaps");
}

static void test_case_policy(ng_dict *d) {
    STR_EQ(tag(d, 0, "us eu ua ru Us Eu Ua Ru"), "", "acronyms never match lower or title case");
    STR_EQ(tag(d, 0, "US EU UA RU"), "0-2 loc_us 3-5 org_eu 6-8 loc_ukraine 9-11 loc_russia", "acronyms");
    STR_EQ(tag(d, 0, "u.s. U.S. сша США Nato NATO нато НАТО єс ЄС"),
           "5-9 loc_us 17-23 loc_us 29-33 org_nato 43-51 org_nato 57-61 org_eu", "dotted and Cyrillic acronyms");
    STR_EQ(tag(d, 0, "UKRAINE ukraine УКРАЇНА україна"), "0-7 loc_ukraine 8-15 loc_ukraine 16-30 loc_ukraine",
           "other aliases ignore case, but a one-word Cyrillic one written capitalised needs a capital");
    ng_dict *o = compile("org_apple\tORG\tApple Inc.\t=Apple\n"
                         "org_osce\tORG\tOSCE\t~OSCE\n"
                         "org_shell\tORG\tShell\t~Shell Oil\tcase=sensitive\n"
                         "loc_us\tLOC\tUnited States\tUS\tcase=insensitive\n"
                         "org_g7\tORG\tGroup of Seven\tG7\n"
                         "org_unesco\tORG\tUNESCO\n"
                         "org_unicefx\tORG\tUNICEFX\n");
    OK(o != NULL, "override dictionary");
    if (!o) return;
    STR_EQ(tag(o, 0, "apple Apple APPLE"), "6-11 org_apple", "= prefix");
    STR_EQ(tag(o, 0, "osce Osce"), "0-4 org_osce 5-9 org_osce", "~ prefix beats the acronym rule");
    /* the name OSCE itself is still an acronym: both aliases end at the same node */
    STR_EQ(tag(o, 0, "shell Shell SHELL shell oil"), "6-11 org_shell 18-27 org_shell", "case=sensitive, ~ overrides");
    STR_EQ(tag(o, 0, "us Us US"), "0-2 loc_us 3-5 loc_us 6-8 loc_us", "case=insensitive");
    STR_EQ(tag(o, 0, "g7 G7"), "3-5 org_g7", "digits do not stop the acronym rule");
    STR_EQ(tag(o, 0, "unesco UNESCO"), "7-13 org_unesco", "six letters: acronym");
    STR_EQ(tag(o, 0, "unicefx UNICEFX"), "0-7 org_unicefx 8-15 org_unicefx", "seven letters: not an acronym");
    ng_dict_free(o);
}

static const char *AMBIG =
    "per_gw\tPER\tGeorge Washington\tWashington\n"
    "loc_dc\tLOC\tWashington, D.C.\tWashington\n"
    "loc_wa\tLOC\tWashington State\tWashington|State of Washington\n"
    "org_wp\tORG\tThe Washington Post\tWashington\n"
    "evt_w\tEVENT\tWashington Summit\tWashington\n"
    "per_mj\tPER\tMichael Jordan\tJordan\n"
    "loc_jo\tLOC\tJordan\t\tpriority=1\n"
    "evt_x\tEVENT\tJordan Games\tJordan\tpriority=1\n";

/* The dictionary ambiguity rule alone: the name rules of names_*.c (a
 * surname alone resolves to the full name seen, titles ...) are off. */
#define CORE (NG_TAG_NO_RULES | NG_TAG_NO_PARTIAL)

static void test_ambiguity(void) {
    ng_dict *d = compile(AMBIG);
    OK(d != NULL, "ambiguity dictionary");
    if (!d) return;
    STR_EQ(tag(d, CORE, "Washington"), "0-10 loc_dc*[loc_dc,per_gw,loc_wa,org_wp,evt_w]", "type, then dictionary order; chosen first");
    STR_EQ(tag(d, CORE, "George Washington. Washington."), "0-17 per_gw 19-29 per_gw*[per_gw,loc_dc,loc_wa,org_wp,evt_w]", "context");
    STR_EQ(tag(d, CORE, "Washington. State of Washington."), "0-10 loc_wa*[loc_wa,loc_dc,per_gw,org_wp,evt_w] 12-31 loc_wa",
           "context from a later mention");
    STR_EQ(tag(d, CORE | NG_TAG_NO_CONTEXT, "George Washington. Washington."),
           "0-17 per_gw 19-29 loc_dc*[loc_dc,per_gw,loc_wa,org_wp,evt_w]", "no context");
    STR_EQ(tag(d, CORE, "George Washington, the State of Washington: Washington."),
           "0-17 per_gw 23-42 loc_wa 44-54 loc_wa*[loc_wa,loc_dc,per_gw,org_wp,evt_w]", "two in context: type decides");
    /* priority first: LOC and EVENT share the top priority, LOC wins on type */
    STR_EQ(tag(d, CORE, "Jordan"), "0-6 loc_jo*[loc_jo,per_mj,evt_x]", "priority, then type");
    STR_EQ(tag(d, CORE, "Michael Jordan. Jordan."), "0-14 per_mj 16-22 loc_jo*[loc_jo,per_mj,evt_x]", "priority beats context");
    ng_dict_free(d);
    /* context only counts unambiguous mentions; --all overlaps do not count */
    d = compile("loc_a\tLOC\tAlpha\tAl\nper_a\tPER\tAl Bundy\tAl\nper_b\tPER\tAl Beta\n");
    if (d) {
        STR_EQ(tag(d, CORE, "Al. Al Beta."), "0-2 loc_a*[loc_a,per_a] 4-11 per_b", "other entity in context does not matter");
        STR_EQ(tag(d, CORE | NG_TAG_ALL, "Al Bundy"), "0-8 per_a 0-2 per_a*+[per_a,loc_a]", "--all: overlap resolved by context");
    }
    ng_dict_free(d);
    /* the same id from two aliases at one span is one candidate */
    d = compile("loc_a\tLOC\tAlpha\talpha|ALPHA\n");
    if (d) STR_EQ(tag(d, CORE, "alpha"), "0-5 loc_a", "one candidate per id");
    ng_dict_free(d);
}

static void test_fields(void) {
    ng_dict *d = compile(AMBIG);
    if (!d) return;
    ng_tagger *t = ng_tagger_new(&d, 1, 0);
    const char *texts[2] = {"Washington visit", "George Washington arrived."};
    size_t lens[2] = {strlen(texts[0]), strlen(texts[1])}, n, inv = 99;
    const ng_match *m;
    INT_EQ(ng_tagger_tag_doc(t, texts, lens, 2, &m, &n, &inv), NG_OK, "tag_doc");
    INT_EQ(n, 2, "two matches");
    INT_EQ(inv, 0, "no invalid bytes");
    if (n == 2) {
        INT_EQ(m[0].field, 0, "title first");
        STR_EQ(m[0].id, "per_gw", "title resolved by the body");
        STR_EQ(m[0].type, "PER", "type");
        STR_EQ(m[0].name, "George Washington", "name");
        INT_EQ(m[1].field, 1, "body");
        INT_EQ(m[1].start, 0, "offsets per field");
        INT_EQ(m[1].end, 17, "end");
    }
    /* the next article starts with a clean context */
    INT_EQ(ng_tagger_tag(t, "Washington", 10, &m, &n), NG_OK, "next article");
    if (n == 1) STR_EQ(m[0].id, "loc_dc", "context reset between articles");
    /* a NULL field is skipped */
    const char *t2[2] = {NULL, "Jordan"};
    size_t l2[2] = {0, 6};
    INT_EQ(ng_tagger_tag_doc(t, t2, l2, 2, &m, &n, NULL), NG_OK, "NULL title");
    INT_EQ(n, 1, "one match");
    if (n == 1) INT_EQ(m[0].field, 1, "field index kept");
    ng_tagger_free(t);
    ng_tagger_free(NULL);
    ng_dict_free(d);
}

static void test_several_dicts(void) {
    ng_dict *ds[2];
    ds[0] = compile("loc_ge\tLOC\tGeorgia\tГрузія\norg_nato\tORG\tNATO\n");
    ds[1] = compile("loc_gus\tLOC\tGeorgia (U.S. state)\tGeorgia\norg_nato\tORG\tNorth Atlantic Treaty Organization\tNATO\n"
                    "org_nuc\tORG\tNATO Council\n");
    if (!ds[0] || !ds[1]) { OK(0, "dictionaries"); return; }
    ng_tagger *t = ng_tagger_new(ds, 2, 0);
    const ng_match *m;
    size_t n;
    const char *s = "Georgia and the NATO Council; NATO";
    ng_tagger_tag(t, s, strlen(s), &m, &n);
    STR_EQ(render(m, n, 1), "0-7 loc_ge*[loc_ge,loc_gus] 16-28 org_nuc 30-34 org_nato",
           "earlier dictionary wins a tie; longest across dictionaries; one candidate per id");
    if (n == 3) STR_EQ(m[2].name, "NATO", "the first dictionary's entity");
    ng_tagger_free(t);
    /* the other order */
    ng_dict *rev[2] = {ds[1], ds[0]};
    t = ng_tagger_new(rev, 2, 0);
    ng_tagger_tag(t, s, strlen(s), &m, &n);
    STR_EQ(render(m, n, 1), "0-7 loc_gus*[loc_gus,loc_ge] 16-28 org_nuc 30-34 org_nato", "order of dictionaries");
    ng_tagger_free(t);
    ng_dict_free(ds[0]);
    ng_dict_free(ds[1]);
}

/* One dictionary's scan (pass1_cached: word slots found ahead in a ring)
 * must find what the scan of several dictionaries, merged, finds: names longer than the ring's reach, names at
 * the very start and end (1, 2, 3 words of text), prefixes, a paragraph
 * break inside a name, --all. */
static void test_one_dict_scan(void) {
    ng_dict *d = compile("a\tORG\tThe Very Long Name Of The Old River Company\n"
                         "b\tORG\tThe Very Long Name\nc\tLOC\tOld River\nd\tLOC\tRiver\ne\tORG\tThe\n");
    ng_dict *other = compile("z\tLOC\tZzyzx\n");
    if (!d || !other) { OK(0, "dictionaries"); ng_dict_free(d); ng_dict_free(other); return; }
    const char *texts[] = {
        "The", "The Very", "Old River", "The Very Long Name Of The Old River Company",
        "x The Very Long Name Of The Old River Company and The Very Long Name Of The Old River",
        "The Very Long\n\nName Of The Old River Company; River. Old River", "River River River River River"};
    ng_dict *ds[2] = {d, other};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        for (unsigned all = 0; all < 2; all++) {
            unsigned fl = all ? NG_TAG_ALL : 0;
            char one[4096];
            snprintf(one, sizeof one, "%s", tag(d, fl, texts[k]));
            ng_tagger *t = ng_tagger_new(ds, 2, fl);
            const ng_match *m;
            size_t n;
            const char *r = ng_tagger_tag(t, texts[k], strlen(texts[k]), &m, &n) ? "(error)" : render(m, n, 1);
            STR_EQ(one, r, texts[k]);
            ng_tagger_free(t);
        }
    STR_EQ(tag(d, 0, texts[4]), "2-45 a 50-68 b 72-75 e 76-85 c", "longest, past the ring's reach");
    ng_dict_free(d);
    ng_dict_free(other);
}

/* Several dictionaries are scanned one by one and their hits merged in
 * the order of a scan of all of them at each word: of one word's hits, the
 * earlier dictionary's first. An id of both goes to the earlier one (its
 * order among the candidates), with the plain scan and with the caches. */
static void test_merged_hits(void) {
    ng_dict *a = compile("ga\tLOC\tGeorgia\nx\tLOC\tAtlanta\n"), *b = compile("gc\tLOC\tGeorgia\nga\tLOC\tGeorgia\n");
    if (!a || !b) { OK(0, "dictionaries"); ng_dict_free(a); ng_dict_free(b); return; }
    ng_dict *ds[2] = {a, b};
    for (int pf = -1; pf <= 1; pf += 2) {
        ng_tagger *t = ng_tagger_new(ds, 2, 0);
        ng_tagger_set_prefetch(t, pf);
        const ng_match *m;
        size_t n;
        const char *text = "Georgia, Atlanta and Georgia";
        const char *r = ng_tagger_tag(t, text, strlen(text), &m, &n) ? "(error)" : render(m, n, 1);
        STR_EQ(r, "0-7 ga*[ga,gc] 9-16 x 21-28 ga*[ga,gc]", pf > 0 ? "merged hits, caches" : "merged hits, plain");
        ng_tagger_free(t);
    }
    ng_dict_free(a);
    ng_dict_free(b);
}

/* Matches as "start-end id,id...;" (every candidate, in order), malloc'd. */
static char *matches_str(const ng_match *m, size_t n) {
    size_t cap = 1;
    for (size_t i = 0; i < n; i++) {
        cap += 48;
        for (size_t c = 0; c < m[i].ncands; c++) cap += strlen(m[i].cands[c].id) + 1;
    }
    char *s = malloc(cap);
    size_t k = 0;
    if (s) s[0] = 0;
    for (size_t i = 0; s && i < n; i++) {
        k += (size_t)sprintf(s + k, "%zu-%zu ", m[i].start, m[i].end);
        for (size_t c = 0; c < m[i].ncands; c++) k += (size_t)sprintf(s + k, "%s%s", c ? "," : "", m[i].cands[c].id);
        s[k++] = ';';
        s[k] = 0;
    }
    return s;
}

/* The scan goes through the thread's word and transition caches (tagger.c
 * pass1_cached; with the prefetches of big tables forced here with
 * ng_tagger_set_prefetch, and without, the default for these tables).
 * Same matches as the plain scan: more words and word pairs than the caches
 * hold (entries replaced, a word found after its entry went to another),
 * words of no name between, names of one to six words, repeated, at the
 * text's start and end, with --all; the same tagger twice (the caches
 * kept from one text to the next). */
static void test_scan_caches(void) {
    enum { NW = 40000 };
    size_t cap = (size_t)NW * 80, n = 0;
    char *tsv = malloc(cap), *text = malloc((size_t)NW * 80);
    if (!tsv || !text) { OK(0, "memory"); free(tsv); free(text); return; }
    for (unsigned k = 0; k < NW; k++) {
        if (k % 3 == 0) n += (size_t)snprintf(tsv + n, cap - n, "w%u\tLOC\tw%u\n", k, k);
        else if (k % 3 == 1) n += (size_t)snprintf(tsv + n, cap - n, "p%u\tORG\tw%u w%u\n", k, k, (k * 7u) % NW);
        else n += (size_t)snprintf(tsv + n, cap - n, "q%u\tPER\tw%u w%u the w%u of w%u w%u\n", k, (k * 13u) % NW, k,
                                   (k + 1) % NW, k % 101, (k * 5u) % NW);
        if (k % 4 == 0) n += (size_t)snprintf(tsv + n, cap - n, "h%u\tORG\thub w%u\n", k, k);   /* a node of many children */
    }
    tsv[n] = 0;
    ng_dict *d = compile(tsv);
    free(tsv);
    if (!d) { OK(0, "dictionary"); free(text); return; }
    unsigned r = 2024;
    size_t t = 0;
    for (unsigned k = 0; k < 3 * NW; k++) {
        r = r * 1103515245u + 12345u;
        unsigned w = (r >> 8) % NW;
        switch ((r >> 4) % 8) {
        case 0: t += (size_t)sprintf(text + t, "w%u w%u ", w, (w * 7u) % NW); break;
        case 1: t += (size_t)sprintf(text + t, "w%u w%u the w%u of w%u w%u ", (w * 13u) % NW, w, (w + 1) % NW, w % 101,
                                     (w * 5u) % NW); break;
        case 2: t += (size_t)sprintf(text + t, "the w%u of ", w % 50); break;
        case 5: t += (size_t)sprintf(text + t, "hub w%u ", w); break;
        case 3: t += (size_t)sprintf(text + t, "x%u y%u, ", w, r % 977); break;
        default: t += (size_t)sprintf(text + t, "w%u ", w); break;
        }
    }
    text[t] = 0;
    /* and beside a second dictionary (each scanned on its own, the hits
     * merged): names of the first's words, one the same as the first's */
    ng_dict *small = compile("s1\tLOC\tw7 w49\ns2\tORG\thub\ns3\tPER\tw10\ns4\tLOC\tw3\ns5\tORG\tthe w4 of w4\n"
                             "t9\tLOC\tw9\nw9\tLOC\tw9\n");   /* (w9: an id of both; the first dictionary's entity) */
    ng_dict *ds[2] = {d, small};
    for (unsigned run = 0; small && run < 4; run++) {
        unsigned all = run & 1, nd = 1 + (run >> 1);
        ng_tagger *plain = ng_tagger_new(ds, nd, all ? NG_TAG_ALL : 0), *cached = ng_tagger_new(ds, nd, all ? NG_TAG_ALL : 0);
        if (!plain || !cached) { OK(0, "taggers"); ng_tagger_free(plain); ng_tagger_free(cached); break; }
        ng_tagger_set_prefetch(plain, -1);
        ng_tagger_set_prefetch(cached, 1);
        const ng_match *m;
        size_t nm;
        char *want = ng_tagger_tag(plain, text, t, &m, &nm) ? NULL : matches_str(m, nm);
        OK(want && nm > (size_t)NW, "%u dictionaries, --all %u: %zu matches", nd, all, nm);
        for (int round = 0; want && round < 2; round++) {
            char *got = ng_tagger_tag(cached, text, t, &m, &nm) ? NULL : matches_str(m, nm);
            OK(got && !strcmp(got, want), "%u dictionaries, --all %u, round %d: the cached scan's matches are the plain scan's",
               nd, all, round);
            OK(cached->m.prefetched > 0 && cached->m.wc, "the cached scan ran");
            free(got);
        }
        /* the default: through the caches too, these tables being small
         * without prefetches */
        ng_tagger *dflt = ng_tagger_new(ds, nd, all ? NG_TAG_ALL : 0);
        for (int round = 0; want && dflt && round < 2; round++) {
            char *got = ng_tagger_tag(dflt, text, t, &m, &nm) ? NULL : matches_str(m, nm);
            OK(got && !strcmp(got, want), "%u dictionaries, --all %u, round %d: the default scan's matches are the plain scan's",
               nd, all, round);
            OK(dflt->m.prefetched == 0 && dflt->m.wc, "the default scan went through the caches without prefetches");
            free(got);
        }
        OK(dflt != NULL, "default tagger");
        ng_tagger_free(dflt);
        free(want);
        ng_tagger_free(plain);
        ng_tagger_free(cached);
    }
    OK(small != NULL, "second dictionary");
    ng_dict_free(small);
    free(text);
    ng_dict_free(d);
}

static void test_invalid(ng_dict *d) {
    ng_tagger *t = ng_tagger_new(&d, 1, 0);
    const char *s = "\xffUkraine\xfe\xc0\xafНАТО\xed\xa0\x80Путін\xf4\x90\x80\x80 Ukr\xff" "aine \xe2\x82Putin\0Russia";
    size_t len = 60;
    const char *texts[1] = {s};
    const ng_match *m;
    size_t n, inv = 0;
    INT_EQ(ng_tagger_tag_doc(t, texts, &len, 1, &m, &n, &inv), NG_OK, "tag");
    STR_EQ(render(m, n, 0), "1-8 loc_ukraine 11-19 org_nato 22-32 per_putin 48-53 per_putin 54-60 loc_russia", "matched around");
    INT_EQ(inv, 1 + 1 + 2 + 3 + 4 + 1 + 2, "invalid bytes counted");
    ng_tagger_free(t);
}

/* Two 1 MiB chunk boundaries fall inside aliases; 2 threads = 1 thread. */
static void test_chunks(ng_dict *d) {
    size_t len = 3u << 20, pos = 0;
    char *s = malloc(len + 64);
    const char *words[] = {"Ukraine-NATO Council", "NATO", "ukraine", "us", "US", "Путін", "the", "and", "x"};
    unsigned r = 12345;
    while (pos < len - 32) {
        r = r * 1103515245u + 12345u;
        const char *w = words[(r >> 16) % 9];
        size_t l = strlen(w);
        memcpy(s + pos, w, l);
        pos += l;
        s[pos++] = (r >> 8) % 13 == 0 ? '\n' : ' ';
    }
    s[pos] = 0;
    len = pos;
    ng_tagger *t1 = ng_tagger_new(&d, 1, 0), *t2 = ng_tagger_new(&d, 1, 0);
    INT_EQ(ng_tagger_set_threads(t2, 2), NG_OK, "threads");
    const ng_match *m1, *m2;
    size_t n1, n2;
    INT_EQ(ng_tagger_tag(t1, s, len, &m1, &n1), NG_OK, "1 thread");
    INT_EQ(ng_tagger_tag(t2, s, len, &m2, &n2), NG_OK, "2 threads");
    INT_EQ(n1, n2, "same number of matches");
    int same = n1 == n2;
    for (size_t i = 0; same && i < n1; i++)
        same = m1[i].start == m2[i].start && m1[i].end == m2[i].end && !strcmp(m1[i].id, m2[i].id);
    OK(same, "same matches with 2 threads");
    /* every alias occurrence is found whole: count them independently */
    size_t want = 0;
    for (const char *p = s; (p = strstr(p, "Ukraine-NATO Council")); p++) want++;
    size_t got = 0;
    for (size_t i = 0; i < n1; i++) got += !strcmp(m1[i].id, "org_nuc");
    INT_EQ(got, want, "every Ukraine-NATO Council found");
    /* the same text with 2 threads, many times: deterministic */
    for (int k = 0; k < 3; k++) {
        ng_tagger_tag(t2, s, len, &m2, &n2);
        INT_EQ(n2, n1, "repeat %d", k);
    }
    ng_tagger_free(t1);
    ng_tagger_free(t2);
    free(s);
    /* the alias right across the 1 MiB cut (regression) */
    size_t pad = 1048562;
    s = malloc(pad + 64);
    for (size_t i = 0; i < pad; i++) s[i] = i % 2 ? ' ' : 'x';
    strcpy(s + pad, "Ukraine-NATO Council and more");
    t1 = ng_tagger_new(&d, 1, 0);
    ng_tagger_tag(t1, s, strlen(s), &m1, &n1);
    STR_EQ(render(m1, n1, 0), "1048562-1048582 org_nuc", "alias across the chunk cut");
    ng_tagger_free(t1);
    free(s);
}

/* ng_sort_spans against a stable insertion sort: a sorted prefix, a sorted
 * run after it and a shuffled tail (as an article's spans are), or all
 * shuffled, with equal spans told apart by their 'rule' (stability). Every
 * third round through ng_sort_spans_with, its scratch large enough for the
 * merges or too small for them (then malloc's room), and the scratch's
 * guard bytes after the room it was given untouched. */
static void test_sort_spans(void) {
    enum { N = 3000 };
    static span v[N], want[N];
    static unsigned char scratch[N * sizeof(span) + 64];
    unsigned seed = 7;
    long bad = 0;
    for (int round = 0; round < 60; round++) {
        size_t n = 1 + (size_t)rand_r(&seed) % N, p = (size_t)rand_r(&seed) % (n + 1), q = p + (size_t)rand_r(&seed) % (n - p + 1);
        for (size_t i = 0; i < n; i++) {
            size_t start = (size_t)rand_r(&seed) % 500;
            v[i] = (span){start, start + 1 + (size_t)rand_r(&seed) % 4, (unsigned)rand_r(&seed) % 2, 0, 1, 0, (unsigned)i};
        }
        if (round % 4) {   /* the prefix and the run after it in order */
            qsort(v, p, sizeof *v, ng_cmp_span);
            qsort(v + p, q - p, sizeof *v, ng_cmp_span);
            for (size_t i = 0; i < n; i++) v[i].rule = (unsigned)i;   /* (the order they are in now) */
        }
        memcpy(want, v, n * sizeof *v);
        for (size_t i = 1; i < n; i++)   /* stable insertion sort */
            for (size_t j = i; j > 0 && ng_cmp_span(&want[j - 1], &want[j]) > 0; j--) {
                span t = want[j]; want[j] = want[j - 1]; want[j - 1] = t;
            }
        size_t room = round % 6 == 1 ? n * sizeof(span) : round % 6 == 4 ? sizeof(span) : 0;
        memset(scratch, 0xA5, sizeof scratch);
        if (round % 3 == 1) ng_sort_spans_with(v, n, scratch, room);
        else ng_sort_spans(v, n);
        for (size_t i = room; i < sizeof scratch; i++)
            if (scratch[i] != 0xA5) { bad++; break; }
        for (size_t i = 0; i < n; i++)
            if (v[i].start != want[i].start || v[i].end != want[i].end || v[i].field != want[i].field || v[i].rule != want[i].rule) { bad++; break; }
    }
    INT_EQ(bad, 0, "ng_sort_spans: the order of a stable sort");
}

int main(void) {
    test_sort_spans();
    ng_dict *d = compile(WORLD);
    OK(d != NULL, "world dictionary");
    if (!d) return harness_done("test_tagger");
    test_boundaries(d);
    test_offsets(d);
    test_longest(d);
    test_case_policy(d);
    test_ambiguity();
    test_fields();
    test_several_dicts();
    test_one_dict_scan();
    test_scan_caches();
    test_merged_hits();
    test_invalid(d);
    test_chunks(d);
    ng_dict_free(d);
    return harness_done("test_tagger");
}
