/* Ukrainian and Russian declension of dictionary aliases (see inflect.h and
 * tagger/INFLECTION.md). Rule tables keyed on word endings; no lexicon.
 *
 * Every alias word gets a small paradigm: for each case slot (singular
 * nom..voc, plural nom..loc) a few candidate forms. An alias is then split
 * into words that stay as written (indeclinable, acronyms, Latin, short,
 * genitive complements after the head noun) and words that decline; for
 * each slot the declining words' forms are combined, so adjectives and
 * nouns agree ("Верховної Ради", never "Верховна Ради"). Uncertain
 * classifications generate the forms of every reading: a form that is no
 * word of the language costs only memory, never precision. Forms that are
 * frequent common words (a built-in list) are not emitted for one-word
 * aliases. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "inflect.h"

/* ## Slots */
enum {
    S_NOM, S_GEN, S_DAT, S_ACC, S_INS, S_LOC, S_VOC,
    P_NOM, P_GEN, P_DAT, P_ACC, P_INS, P_LOC, NSLOT
};

#define MAXCP 96      /* longest word handled, in code points */
#define MAXALT 8      /* forms per slot and word */
#define MAXDW 12      /* declining words per alias */
#define MAXCOMB 24    /* variants per slot */

typedef struct w32 { int32_t c[MAXCP + 8]; int n; } w32;

typedef struct form { uint16_t off, len; } form;
typedef struct para {
    form f[NSLOT][MAXALT];
    unsigned char n[NSLOT];
} para;

typedef struct arena { char buf[24576]; size_t len; int full; } arena;

/* ## UTF-8 (Cyrillic letters are all 2 bytes; decoding is general) */
static int dec(const unsigned char *s, size_t len, int32_t *cp) {
    unsigned char c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    if ((c & 0xE0) == 0xC0 && len >= 2) { *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F); return 2; }
    if ((c & 0xF0) == 0xE0 && len >= 3) {
        *cp = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); return 3;
    }
    if ((c & 0xF8) == 0xF0 && len >= 4) {
        *cp = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return -1;
}

static int enc(int32_t c, char *o) {
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F)); return 4;
}

/* Decodes s into w; returns 0, or -1 if invalid or too long. */
static int to32(const char *s, size_t len, w32 *w) {
    w->n = 0;
    size_t i = 0;
    while (i < len) {
        if (w->n >= MAXCP) return -1;
        int k = dec((const unsigned char *)s + i, len - i, &w->c[w->n]);
        if (k < 0) return -1;
        i += (size_t)k;
        w->n++;
    }
    return 0;
}

static void lit(const char *s, w32 *w) { to32(s, strlen(s), w); }

/* The tests of a word against the UTF-8 literals of this file (endings,
 * letter sets; valid UTF-8, as lit() reads them) decode each literal as
 * they go and stop at the first difference: decoding every literal whole
 * into a w32 first was the largest single cost of declining names on
 * Cyrillic news. */

/* Does w end with the UTF-8 literal s? */
static int ends(const w32 *w, const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = 0;
    int n = 0;   /* code points: the bytes that start one */
    for (; p[len]; len++) n += (p[len] & 0xC0) != 0x80;
    if (n > w->n) return 0;
    const int32_t *c = w->c + w->n - n;
    for (size_t i = 0; i < len; c++) {
        int32_t cp;
        int b = dec(p + i, len - i, &cp);
        if (b < 0) {   /* (not valid UTF-8: as lit() reads it) */
            w32 e;
            lit(s, &e);
            return e.n <= w->n && !memcmp(w->c + w->n - e.n, e.c, (size_t)e.n * sizeof(int32_t));
        }
        if (cp != *c) return 0;
        i += (size_t)b;
    }
    return 1;
}

static int endsany(const w32 *w, const char *const *list) {
    for (; *list; list++)
        if (ends(w, *list)) return 1;
    return 0;
}

static int eqlit(const w32 *w, const char *s) {
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) n += (*p & 0xC0) != 0x80;
    return n == w->n && ends(w, s);
}

static int inlist(const w32 *w, const char *const *list) {
    for (; *list; list++)
        if (eqlit(w, *list)) return 1;
    return 0;
}

/* Code point k from the end (1 = last), 0 if none. */
static int32_t back(const w32 *w, int k) { return k <= w->n ? w->c[w->n - k] : 0; }

static int isin(int32_t c, const char *set) {
    const unsigned char *p = (const unsigned char *)set;
    size_t len = strlen(set);
    for (size_t i = 0; i < len;) {
        int32_t x;
        int b = dec(p + i, len - i, &x);
        if (b < 0) return 0;
        if (x == c) return 1;
        i += (size_t)b;
    }
    return 0;
}

#define VOWELS_UK "аеєиіїоуюя'"
#define VOWELS_RU "аеиоуыэюя"
#define VELAR "кгх"
#define SIBIL "жчшщ"

static int is_cyr_letter(int32_t c) { return (c >= 0x400 && c <= 0x52F) || c == '\''; }
static int is_vowel(int32_t c) { return isin(c, VOWELS_UK) || isin(c, VOWELS_RU); }

/* ## Paradigm building */
typedef struct gen {
    arena *a;
    para *p;
} gen;

/* Adds form: w without its last 'cut' code points, then 'end'. */
static void addx(gen *g, int slot, const w32 *w, int cut, const char *end) {
    if (cut > w->n) return;
    char tmp[4 * (MAXCP + 8)];
    size_t len = 0;
    for (int i = 0; i < w->n - cut; i++) len += (size_t)enc(w->c[i], tmp + len);
    size_t el = strlen(end);
    memcpy(tmp + len, end, el);
    len += el;
    para *p = g->p;
    arena *a = g->a;
    for (int i = 0; i < p->n[slot]; i++)
        if (p->f[slot][i].len == len && !memcmp(a->buf + p->f[slot][i].off, tmp, len)) return;
    if (p->n[slot] >= MAXALT) return;
    if (a->len + len > sizeof a->buf) { a->full = 1; return; }
    memcpy(a->buf + a->len, tmp, len);
    p->f[slot][p->n[slot]].off = (uint16_t)a->len;
    p->f[slot][p->n[slot]].len = (uint16_t)len;
    p->n[slot]++;
    a->len += len;
}

/* Replaces the code point 'k' from the end. */
static w32 subst(const w32 *w, int k, const char *with) {
    w32 r = *w, x;
    lit(with, &x);
    if (k <= r.n && x.n == 1) r.c[r.n - k] = x.c[0];
    return r;
}

/* Velar alternation before -і (uk): к→ц, г→з, х→с on the last stem letter. */
static w32 velar_alt(const w32 *stem) {
    int32_t c = back(stem, 1);
    if (isin(c, "к")) return subst(stem, 1, "ц");
    if (isin(c, "г")) return subst(stem, 1, "з");
    if (isin(c, "х")) return subst(stem, 1, "с");
    return *stem;
}

/* Stem of w without its last 'cut' code points. */
static w32 cut(const w32 *w, int k) {
    w32 r = *w;
    r.n = k <= r.n ? r.n - k : 0;
    return r;
}

/* ## Ukrainian nouns
 * anim: animate (accusative = genitive for masculine); per: a person. */
static void uk_noun_cons(gen *g, const w32 *nom, const w32 *st, int anim, int per) {
    int32_t last = back(st, 1);
    int mixed = isin(last, SIBIL);
    int velar = isin(last, VELAR);
    addx(g, S_GEN, st, 0, "а");
    if (!per) addx(g, S_GEN, st, 0, "у");
    addx(g, S_DAT, st, 0, "у");
    addx(g, S_DAT, st, 0, mixed ? "еві" : "ові");
    if (anim) addx(g, S_ACC, st, 0, "а");
    else addx(g, S_ACC, nom, 0, "");
    addx(g, S_INS, st, 0, mixed ? "ем" : "ом");
    if (per && (ends(nom, "ов") || ends(nom, "ев") || ends(nom, "єв") || ends(nom, "ін") ||
                ends(nom, "ин") || ends(nom, "їн")))
        addx(g, S_INS, st, 0, "им");
    if (velar) {
        addx(g, S_LOC, st, 0, "у");
        w32 v = velar_alt(st);
        addx(g, S_LOC, &v, 0, "і");
    } else {
        addx(g, S_LOC, st, 0, "і");
    }
    if (per) addx(g, S_LOC, st, 0, mixed ? "еві" : "ові");
    if (per) addx(g, S_VOC, st, 0, velar ? "у" : "е");
    /* soft -р (Ігор → Ігоря, Кобзар → Кобзаря) */
    if (ends(nom, "ор") || ends(nom, "ар")) {
        addx(g, S_GEN, st, 0, "я");
        if (anim) addx(g, S_ACC, st, 0, "я");
        addx(g, S_DAT, st, 0, "ю");
        addx(g, S_INS, st, 0, "ем");
        if (per) addx(g, S_VOC, st, 0, "ю");
    }
}

static void uk_noun_soft(gen *g, const w32 *nom, const w32 *st, int anim, int per) {
    /* st: stem without ь */
    addx(g, S_GEN, st, 0, "я");
    addx(g, S_DAT, st, 0, "ю");
    addx(g, S_DAT, st, 0, "еві");
    if (anim) addx(g, S_ACC, st, 0, "я");
    else addx(g, S_ACC, nom, 0, "");
    addx(g, S_INS, st, 0, "ем");
    addx(g, S_LOC, st, 0, "і");
    if (per) { addx(g, S_LOC, st, 0, "еві"); addx(g, S_VOC, st, 0, "ю"); }
    if (!per) {   /* feminine -ь (Русь → Русі, Руссю) */
        addx(g, S_GEN, st, 0, "і");
        addx(g, S_DAT, st, 0, "і");
        w32 d = *st;
        if (d.n > 0 && d.n < MAXCP) { d.c[d.n] = d.c[d.n - 1]; d.n++; }
        addx(g, S_INS, &d, 0, "ю");
    }
}

/* Alternation in the last closed syllable: і → о, е (Львів → Львова,
 * Тернопіль → Тернополя, Ірпінь → Ірпеня), ї → є (Київ → Києва). */
static int uk_alt_stems(const w32 *st, w32 *out) {
    int n = 0;
    if (st->n >= 3 && !is_vowel(back(st, 1)) && !is_vowel(back(st, 3))) {
        if (isin(back(st, 2), "і")) {
            out[n] = subst(st, 2, "о"); n++;
            out[n] = subst(st, 2, "е"); n++;
        }
    }
    if (st->n >= 2 && isin(back(st, 2), "ї") && !is_vowel(back(st, 1))) {
        out[n] = subst(st, 2, "є"); n++;
    }
    /* і before -ст, -ск (Кримський міст → Кримського мосту; not Сірт →
     * "Сортові", a common word) */
    if (st->n >= 4 && isin(back(st, 1), "тк") && isin(back(st, 2), "с") && isin(back(st, 3), "і") &&
        !is_vowel(back(st, 4))) {
        out[n] = subst(st, 3, "о"); n++;
    }
    return n;
}

/* Places whose е (ё) before the last consonant drops in the other cases
 * (Єгипет → Єгипту, Египет → Египта, Орёл → Орла): the stem without it,
 * or 0. The vowel is fleeting in these words only, not in their endings
 * (Тибет → Тибету, Кувейт; -ець and -ок are handled by ending). */
static const char *const fleeting_e[] = {"єгипет", "египет", "орел", NULL};
static int fleeting_stem(const w32 *w, w32 *out) {
    if (!inlist(w, fleeting_e)) return 0;
    *out = cut(w, 2);
    out->c[out->n++] = back(w, 1);
    return 1;
}

static void uk_noun(gen *g, const w32 *w, int anim, int per, int plural) {
    int32_t l = back(w, 1);
    w32 st = cut(w, 1);
    int32_t p = back(&st, 1);
    if (plural || (isin(l, "и") && !per)) {
        if (!isin(l, "иіа")) return;
        int soft = isin(l, "і") && !isin(p, SIBIL);   /* (Кожичі → Кожичах) */
        addx(g, P_NOM, w, 0, "");
        /* (a neuter plural in -а after a plural adjective: війська → військ) */
        if (!isin(l, "а")) addx(g, P_GEN, &st, 0, "ів");
        addx(g, P_GEN, &st, 0, soft ? "ей" : "");
        addx(g, P_DAT, &st, 0, soft ? "ям" : "ам");
        addx(g, P_ACC, w, 0, "");
        if (anim) addx(g, P_ACC, &st, 0, "ів");
        addx(g, P_INS, &st, 0, soft ? "ями" : "ами");
        addx(g, P_LOC, &st, 0, soft ? "ях" : "ах");
        return;
    }
    if (isin(l, "а")) {
        if (isin(p, SIBIL)) {
            addx(g, S_GEN, &st, 0, "і"); addx(g, S_DAT, &st, 0, "і");
            addx(g, S_ACC, &st, 0, "у"); addx(g, S_INS, &st, 0, "ею");
            addx(g, S_LOC, &st, 0, "і"); if (per) addx(g, S_VOC, &st, 0, "е");
        } else {
            w32 v = velar_alt(&st);
            addx(g, S_GEN, &st, 0, "и"); addx(g, S_DAT, &v, 0, "і");
            addx(g, S_ACC, &st, 0, "у"); addx(g, S_INS, &st, 0, "ою");
            addx(g, S_LOC, &v, 0, "і"); if (per) addx(g, S_VOC, &st, 0, "о");
        }
        return;
    }
    if (isin(l, "я")) {
        if (is_vowel(p)) {
            addx(g, S_GEN, &st, 0, "ї"); addx(g, S_DAT, &st, 0, "ї");
            addx(g, S_ACC, &st, 0, "ю"); addx(g, S_INS, &st, 0, "єю");
            addx(g, S_LOC, &st, 0, "ї"); if (per) addx(g, S_VOC, &st, 0, "є");
        } else if (!per && p == back(&st, 2)) {   /* neuter -ння, -ття, -жжя */
            addx(g, S_GEN, w, 0, ""); addx(g, S_DAT, &st, 0, "ю");
            addx(g, S_ACC, w, 0, ""); addx(g, S_INS, w, 0, "м");
            addx(g, S_LOC, &st, 0, "і");
        } else {
            addx(g, S_GEN, &st, 0, "і"); addx(g, S_DAT, &st, 0, "і");
            addx(g, S_ACC, &st, 0, "ю"); addx(g, S_INS, &st, 0, "ею");
            addx(g, S_LOC, &st, 0, "і");
            if (per) { addx(g, S_VOC, &st, 0, "е"); addx(g, S_VOC, &st, 0, "ю"); }
        }
        return;
    }
    if (isin(l, "о")) {   /* only reached for declinable -о (see classify) */
        addx(g, S_GEN, &st, 0, "а"); addx(g, S_DAT, &st, 0, "у"); addx(g, S_DAT, &st, 0, "ові");
        if (anim) addx(g, S_ACC, &st, 0, "а"); else addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "ом");
        addx(g, S_LOC, &st, 0, "і"); addx(g, S_LOC, &st, 0, "у");
        if (per) { addx(g, S_LOC, &st, 0, "ові"); addx(g, S_VOC, &st, 0, isin(p, VELAR) ? "у" : "е"); }
        return;
    }
    if (isin(l, "е")) {   /* море, поле */
        addx(g, S_GEN, &st, 0, "я"); addx(g, S_DAT, &st, 0, "ю"); addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "ем"); addx(g, S_LOC, &st, 0, "і");
        return;
    }
    if (isin(l, "ь")) {
        uk_noun_soft(g, w, &st, anim, per);
        /* a fleeting е in -ець (Трускавець → Трускавця, Кравець → Кравця),
         * л before it soft (Подолець → Подольця, Стрілець → Стрільця) */
        if (ends(w, "ець") && w->n >= 6 && !is_vowel(back(w, 4))) {
            w32 f = cut(w, 3);
            if (back(w, 4) == 0x43B) f.c[f.n++] = 0x44C;   /* л: ль */
            f.c[f.n++] = 0x446;   /* ц */
            uk_noun_soft(g, w, &f, anim, per);
        }
        /* -єць: й in the other forms (Заєць → Зайця, Корнієць → Корнійця) */
        if (ends(w, "єць") && w->n >= 5) {
            w32 f = cut(w, 3);
            f.c[f.n++] = 0x439;   /* й */
            f.c[f.n++] = 0x446;   /* ц */
            uk_noun_soft(g, w, &f, anim, per);
        }
        w32 alt[3];
        int na = per ? 0 : uk_alt_stems(&st, alt);
        for (int i = 0; i < na; i++) uk_noun_soft(g, w, &alt[i], anim, per);
        return;
    }
    if (isin(l, "й")) {
        addx(g, S_GEN, &st, 0, "я"); addx(g, S_DAT, &st, 0, "ю"); addx(g, S_DAT, &st, 0, "єві");
        if (anim) addx(g, S_ACC, &st, 0, "я"); else addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "єм"); addx(g, S_LOC, &st, 0, "ї"); addx(g, S_LOC, &st, 0, "ю");
        if (per) { addx(g, S_LOC, &st, 0, "єві"); addx(g, S_VOC, &st, 0, "ю"); }
        return;
    }
    if (is_vowel(l)) return;
    uk_noun_cons(g, w, w, anim, per);
    /* a fleeting о in -ок of a place (Городок → Городка) */
    if (!per && ends(w, "ок") && w->n >= 6 && !is_vowel(back(w, 3))) {
        w32 f = cut(w, 2);
        f.c[f.n++] = back(w, 1);
        uk_noun_cons(g, w, &f, anim, per);
    }
    w32 fe;
    if (!per && fleeting_stem(w, &fe)) uk_noun_cons(g, w, &fe, anim, per);
    w32 alt[3];
    int na = per ? 0 : uk_alt_stems(w, alt);
    for (int i = 0; i < na; i++) uk_noun_cons(g, w, &alt[i], anim, per);
}

/* ## Ukrainian adjectives (and adjectival surnames) */
static void uk_adj(gen *g, const w32 *w, int anim) {
    if (ends(w, "ий") || ends(w, "ій")) {
        int soft = ends(w, "ій");
        w32 st = cut(w, 2);
        addx(g, S_GEN, &st, 0, soft ? "ього" : "ого");
        addx(g, S_DAT, &st, 0, soft ? "ьому" : "ому");
        if (anim) addx(g, S_ACC, &st, 0, soft ? "ього" : "ого"); else addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, soft ? "ім" : "им");
        addx(g, S_LOC, &st, 0, soft ? "ьому" : "ому"); addx(g, S_LOC, &st, 0, "ім");
        addx(g, S_VOC, w, 0, "");
    } else if (ends(w, "а") || ends(w, "я")) {
        int soft = ends(w, "я");
        w32 st = cut(w, 1);
        addx(g, S_GEN, &st, 0, soft ? "ьої" : "ої"); addx(g, S_DAT, &st, 0, "ій");
        addx(g, S_ACC, &st, 0, soft ? "ю" : "у"); addx(g, S_INS, &st, 0, soft ? "ьою" : "ою");
        addx(g, S_LOC, &st, 0, "ій"); addx(g, S_VOC, w, 0, "");
    } else if (ends(w, "е") || ends(w, "є")) {
        w32 st = cut(w, 1);
        addx(g, S_GEN, &st, 0, "ого"); addx(g, S_DAT, &st, 0, "ому"); addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "им"); addx(g, S_LOC, &st, 0, "ому"); addx(g, S_LOC, &st, 0, "ім");
    } else if (ends(w, "і")) {
        w32 st = cut(w, 1);
        addx(g, P_NOM, w, 0, ""); addx(g, P_GEN, &st, 0, "их"); addx(g, P_DAT, &st, 0, "им");
        addx(g, P_ACC, w, 0, ""); if (anim) addx(g, P_ACC, &st, 0, "их");
        addx(g, P_INS, &st, 0, "ими"); addx(g, P_LOC, &st, 0, "их");
    }
}

/* ## Russian nouns */
static void ru_noun(gen *g, const w32 *w, int anim, int per, int plural, int fem) {
    int32_t l = back(w, 1);
    w32 st = cut(w, 1);
    int32_t p = back(&st, 1);
    if (plural) {
        if (!isin(l, "ыиа")) return;
        /* (a neuter plural in -а after a plural adjective: войска → войск) */
        addx(g, P_NOM, w, 0, "");
        if (!isin(l, "а")) addx(g, P_GEN, &st, 0, "ов");
        addx(g, P_GEN, &st, 0, "");
        if (isin(l, "и")) addx(g, P_GEN, &st, 0, "ей");
        addx(g, P_DAT, &st, 0, "ам"); addx(g, P_ACC, w, 0, "");
        if (anim) addx(g, P_ACC, &st, 0, "ов");
        addx(g, P_INS, &st, 0, "ами"); addx(g, P_LOC, &st, 0, "ах");
        return;
    }
    if (isin(l, "а")) {
        addx(g, S_GEN, &st, 0, isin(p, VELAR SIBIL) ? "и" : "ы");
        addx(g, S_DAT, &st, 0, "е"); addx(g, S_ACC, &st, 0, "у");
        addx(g, S_INS, &st, 0, "ой"); addx(g, S_INS, &st, 0, "ою");
        if (isin(p, "жшцчщ")) { addx(g, S_INS, &st, 0, "ей"); addx(g, S_INS, &st, 0, "ею"); }
        addx(g, S_LOC, &st, 0, "е");
        return;
    }
    if (isin(l, "я")) {
        int ia = isin(p, "и");
        addx(g, S_GEN, &st, 0, "и"); addx(g, S_DAT, &st, 0, ia ? "и" : "е");
        addx(g, S_ACC, &st, 0, "ю"); addx(g, S_INS, &st, 0, "ей"); addx(g, S_INS, &st, 0, "ею");
        addx(g, S_LOC, &st, 0, ia ? "и" : "е");
        return;
    }
    if (isin(l, "о")) {
        addx(g, S_GEN, &st, 0, "а"); addx(g, S_DAT, &st, 0, "у");
        addx(g, S_ACC, anim ? &st : w, 0, anim ? "а" : "");
        addx(g, S_INS, &st, 0, "ом"); addx(g, S_LOC, &st, 0, "е");
        return;
    }
    if (isin(l, "е")) {
        addx(g, S_GEN, &st, 0, "я"); addx(g, S_DAT, &st, 0, "ю"); addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "ем"); addx(g, S_LOC, &st, 0, isin(p, "и") ? "и" : "е");
        return;
    }
    if (isin(l, "ь")) {
        if (!fem) {
            addx(g, S_GEN, &st, 0, "я"); addx(g, S_DAT, &st, 0, "ю");
            if (anim) addx(g, S_ACC, &st, 0, "я"); else addx(g, S_ACC, w, 0, "");
            addx(g, S_INS, &st, 0, "ем"); addx(g, S_LOC, &st, 0, "е");
        }
        if (!per || fem) {   /* feminine -ь: Тверь, Казань, Любовь */
            addx(g, S_GEN, &st, 0, "и"); addx(g, S_DAT, &st, 0, "и"); addx(g, S_ACC, w, 0, "");
            addx(g, S_INS, &st, 0, "ью"); addx(g, S_LOC, &st, 0, "и");
        }
        return;
    }
    if (isin(l, "й")) {
        int ij = isin(p, "и");
        addx(g, S_GEN, &st, 0, "я"); addx(g, S_DAT, &st, 0, "ю");
        if (anim) addx(g, S_ACC, &st, 0, "я"); else addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "ем"); addx(g, S_LOC, &st, 0, ij ? "и" : "е");
        return;
    }
    if (is_vowel(l)) return;
    w32 fe;
    if (!per && fleeting_stem(w, &fe)) {
        addx(g, S_GEN, &fe, 0, "а"); addx(g, S_DAT, &fe, 0, "у");
        addx(g, S_INS, &fe, 0, "ом"); addx(g, S_LOC, &fe, 0, "е");
    }
    if (ends(w, "ец") && w->n >= 5 && !is_vowel(back(w, 3))) {
        /* a fleeting е in -ец after a consonant, л soft before it
         * (Кравец → Кравца, Трускавец → Трускавца, Стрелец → Стрельца);
         * the forms that keep it too (Кузнец → Кузнеца) */
        w32 f = cut(w, 2);
        if (back(w, 3) == 0x43B) f.c[f.n++] = 0x44C;   /* л: ль */
        f.c[f.n++] = 0x446;   /* ц */
        addx(g, S_GEN, &f, 0, "а"); addx(g, S_DAT, &f, 0, "у");
        if (anim) addx(g, S_ACC, &f, 0, "а");
        addx(g, S_INS, &f, 0, "ом"); addx(g, S_INS, &f, 0, "ем"); addx(g, S_LOC, &f, 0, "е");
    }
    addx(g, S_GEN, w, 0, "а"); addx(g, S_DAT, w, 0, "у");
    if (anim) addx(g, S_ACC, w, 0, "а"); else addx(g, S_ACC, w, 0, "");
    addx(g, S_INS, w, 0, "ом");
    if (isin(l, "жшчщц")) addx(g, S_INS, w, 0, "ем");
    if (per && (ends(w, "ов") || ends(w, "ев") || ends(w, "ин") || ends(w, "ын")))
        addx(g, S_INS, w, 0, "ым");
    addx(g, S_LOC, w, 0, "е");
}

/* ## Russian adjectives (and adjectival surnames) */
static void ru_adj(gen *g, const w32 *w, int anim) {
    w32 st = cut(w, 2);
    if (ends(w, "ый") || ends(w, "ой")) {
        addx(g, S_GEN, &st, 0, "ого"); addx(g, S_DAT, &st, 0, "ому");
        if (anim) addx(g, S_ACC, &st, 0, "ого"); else addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "ым"); addx(g, S_LOC, &st, 0, "ом");
    } else if (ends(w, "ий")) {
        addx(g, S_GEN, &st, 0, "ого"); addx(g, S_GEN, &st, 0, "его");
        addx(g, S_DAT, &st, 0, "ому"); addx(g, S_DAT, &st, 0, "ему");
        if (anim) { addx(g, S_ACC, &st, 0, "ого"); addx(g, S_ACC, &st, 0, "его"); }
        else addx(g, S_ACC, w, 0, "");
        addx(g, S_INS, &st, 0, "им"); addx(g, S_LOC, &st, 0, "ом"); addx(g, S_LOC, &st, 0, "ем");
    } else if (ends(w, "ая")) {
        addx(g, S_GEN, &st, 0, "ой"); addx(g, S_DAT, &st, 0, "ой"); addx(g, S_ACC, &st, 0, "ую");
        addx(g, S_INS, &st, 0, "ой"); addx(g, S_INS, &st, 0, "ою"); addx(g, S_LOC, &st, 0, "ой");
        if (isin(back(&st, 1), SIBIL)) {
            addx(g, S_GEN, &st, 0, "ей"); addx(g, S_DAT, &st, 0, "ей");
            addx(g, S_INS, &st, 0, "ей"); addx(g, S_LOC, &st, 0, "ей");
        }
    } else if (ends(w, "яя")) {
        addx(g, S_GEN, &st, 0, "ей"); addx(g, S_DAT, &st, 0, "ей"); addx(g, S_ACC, &st, 0, "юю");
        addx(g, S_INS, &st, 0, "ей"); addx(g, S_INS, &st, 0, "ею"); addx(g, S_LOC, &st, 0, "ей");
    } else if (ends(w, "ое") || ends(w, "ее")) {
        int soft = ends(w, "ее");
        addx(g, S_GEN, &st, 0, soft ? "его" : "ого"); addx(g, S_DAT, &st, 0, soft ? "ему" : "ому");
        addx(g, S_ACC, w, 0, ""); addx(g, S_INS, &st, 0, soft ? "им" : "ым");
        addx(g, S_LOC, &st, 0, soft ? "ем" : "ом");
    } else if (ends(w, "ые") || ends(w, "ие")) {
        const char *y = ends(w, "ые") ? "ы" : "и";
        char b[4][16];
        const char *sfx[4] = {"х", "м", "ми", "х"};
        for (int i = 0; i < 4; i++) { strcpy(b[i], y); strcat(b[i], sfx[i]); }
        addx(g, P_NOM, w, 0, ""); addx(g, P_GEN, &st, 0, b[0]); addx(g, P_DAT, &st, 0, b[1]);
        addx(g, P_ACC, w, 0, ""); if (anim) addx(g, P_ACC, &st, 0, b[0]);
        addx(g, P_INS, &st, 0, b[2]); addx(g, P_LOC, &st, 0, b[3]);
    }
}

/* Feminine surname in -ова/-ева/-ина (ru): Иванова → Ивановой, Иванову. */
static void ru_fem_surname(gen *g, const w32 *w) {
    w32 st = cut(w, 1);
    addx(g, S_GEN, &st, 0, "ой"); addx(g, S_DAT, &st, 0, "ой"); addx(g, S_ACC, &st, 0, "у");
    addx(g, S_INS, &st, 0, "ой"); addx(g, S_LOC, &st, 0, "ой");
}

/* ## Classification */
enum { K_STAY, K_NOUN, K_ADJ, K_BOTH /* adjective and noun readings */, K_PLURAL /* uk -ці, -чі */ };

static const char *const uk_noun_o[] = {"дніпро", "петро", "дмитро", "павло", "михайло",
                                        "данило", "марко", "гаврило", NULL};
static const char *const neut_o_sfx[] = {"ство", "цтво", "тво", NULL};
/* Nouns a name stands beside as an apposition, which does not decline
 * (Республіки Крим, Королівства Нідерланди, города Москва): the noun is the
 * head, the name stays as written. */
static const char *const appos_heads[] = {"республіка", "республика", "королівство", "королевство",
                                          "князівство", "княжество", "держава", "государство", NULL};
static const char *const ru_noun_ij[] = {"евгений", "арсений", "гений", "вений", NULL};
static const char *const uk_noun_nij[] = {"антоній", "євгеній", "арсеній", "геній", NULL};
/* Men's given names in -а / -я (folded): a name that starts with one is a
 * man's (ng_inflect_male_a). Not those both sexes carry (Саша, Женя). */
static const char *const male_a[] = {
    "микола", "ілля", "илья", "никита", "лука", "фома", "хома", "кузьма", "савва", "сава", "данила",
    "гаврила", "иона", "мина", "ярема", "олекса", "муса", "иса", "іса", "мустафа", "иешуа",
    /* short forms */
    "володя", "вася", "петя", "коля", "толя", "дима", "миша", "гриша", "паша", "федя", "ваня", "костя",
    "витя", "юра", "боря", "гена", "степа", "стьопа", "леха", "леша", "алеша", "жора", NULL};
static const char *const uk_fem_sur[] = {"ська", "цька", "зька", "ова", "ева", "єва", "іна",
                                         "ина", "їна", NULL};
static const char *const ru_fem_sur[] = {"ова", "ева", "ина", "ына", NULL};
static const char *const ru_fem_adj[] = {"ская", "цкая", "ая", "яя", NULL};
static const char *const uk_adj_fem[] = {"ська", "цька", "зька", NULL};
static const char *const patr_f[] = {"івна", "ївна", "овна", "евна", "ична", NULL};

static int uk_is_adj_ending(const w32 *w) {
    if (ends(w, "ий")) return 1;
    if (ends(w, "ній") && !inlist(w, uk_noun_nij)) return 1;
    return 0;
}

/* A place in -ово / -ево / -єво, which Ukrainian declines as a neuter noun
 * (у Косові, з Сараєва, у Мукачеві, до Шереметьєва; Russian leaves it as
 * written). Its genitive and locative are also a surname's in -ов (Іванова,
 * Іванові), as Львова is: the name rules and the article's persons take
 * those where a person is named. */
static int uk_ovo(const w32 *w) {
    return w->n >= 6 && (ends(w, "ово") || ends(w, "ево") || ends(w, "єво"));
}

/* A neuter adjective that names a place (or a body) by itself and declines
 * as one: Рівне → Рівного, у Рівному; Кам'янське, Барвінкове, Єнакієве,
 * Сніжне, Ватутіне, Суспільне. Not a foreign name in -е, which stays
 * (Катовице, Зімбабве, Молізе, Маріямполе): -ське, -цьке, -зьке, -ове,
 * -еве, -єве, or -не after a consonant or after и / і / ї. */
static int uk_neut_adj(const w32 *w) {
    if (w->n < 5) return 0;
    if (ends(w, "ське") || ends(w, "цьке") || ends(w, "зьке") || ends(w, "ове") || ends(w, "еве") || ends(w, "єве"))
        return 1;
    return ends(w, "не") && (!is_vowel(back(w, 3)) || isin(back(w, 3), "иії"));
}

static int ru_is_adj_ending(const w32 *w) {
    if (ends(w, "ый") || ends(w, "ая") || ends(w, "яя") || ends(w, "ое") || ends(w, "ее") ||
        ends(w, "ые"))
        return 1;
    if (ends(w, "ой") && w->n >= 5) return 1;
    if (ends(w, "ий")) {
        int32_t p = back(w, 3);
        if (isin(p, VELAR SIBIL)) return 1;
        if (isin(p, "н") && !inlist(w, ru_noun_ij)) return 1;
        return 0;
    }
    if (ends(w, "ие")) {
        int32_t p = back(w, 3);
        return isin(p, VELAR SIBIL);
    }
    return 0;
}

/* A word that may decline: Cyrillic letters (and apostrophes) only, more
 * than 3 letters (or 3 after a masculine adjective: 'after_adj', Верховний
 * Суд → Верховного Суду), not written all in capitals. */
static int declinable_word(const ng_inflect_word *iw, w32 *w, int per, int short_a, int after_adj) {
    if (!iw->is_word || iw->fold_len == 0) return 0;
    if (to32(iw->fold, iw->fold_len, w)) return 0;
    int letters = 0;
    for (int i = 0; i < w->n; i++) {
        if (!is_cyr_letter(w->c[i])) return 0;
        if (w->c[i] != '\'') letters++;
    }
    /* all capitals as written: an acronym (ЗСУ, ОБСЄ, НАТО) stays, but a
     * Russian one ending in a consonant takes endings in lower case (МИД →
     * МИДа, МИДе: 2, see other()) */
    w32 o;
    if (to32(iw->orig, iw->orig_len, &o) == 0) {
        int up = 0, low = 0;
        for (int i = 0; i < o.n; i++) {
            int32_t c = o.c[i];
            if ((c >= 0x410 && c <= 0x42F) || (c >= 0x400 && c <= 0x40F)) up++;
            else if ((c >= 0x430 && c <= 0x45F)) low++;
        }
        if (up >= 2 && low == 0)
            return !per && letters >= 2 && letters <= 5 && !is_vowel(back(w, 1)) && !isin(back(w, 1), "йь") ? 2 : 0;
    }
    /* (a person's name of three letters in -а, -я declines: Юля → Юлі, Оля → Олю;
     * so does the last part of a hyphenated name: Йошкар-Ола → Йошкар-Олі) */
    if (letters < 3 || (letters == 3 && !after_adj && !((per || short_a) && isin(back(w, 1), "ая")))) return 0;
    return 1;
}

typedef struct wordinfo {
    int decl;      /* 0: stays as written */
    w32 w;
    para p;
} wordinfo;

/* Is the word that follows an ambiguous uk -а/-я word nominative-like, so
 * that the first one reads as an adjective ("Верховна Рада") rather than a
 * head noun with a genitive complement ("Рада Європи")? */
static int uk_nominative_like(const w32 *n) {
    /* (the genitives of місто, село, селище end as a nominative in -а does:
     * "райрада міста Кіровограда", "рада села" have the head before them) */
    static const char *const neuter_gen[] = {"міста", "села", "селища", NULL};
    if (inlist(n, neuter_gen)) return 0;
    int32_t l = back(n, 1);
    if (isin(l, "аяь")) return 1;
    if (ends(n, "ів") || ends(n, "їв")) return 0;
    if (isin(l, "й")) return 0;
    return !is_vowel(l);
}

/* Is token i a hyphen joining the words i - 1 and i + 1 of a compound? */
static int is_hyphen_at(const ng_inflect_word *words, size_t n, size_t i) {
    return i > 0 && i + 1 < n && !words[i].is_word && words[i].fold_len == 1 &&
           words[i].fold[0] == '-' && words[i - 1].is_word && words[i + 1].is_word;
}

/* A lower-case preposition inside a hyphenated place name (Ростов-на-Дону,
 * Франкфурт-на-Майні, Андорра-ла-Велья, Ньюкасл-апон-Тайн): the word before
 * it is the head and declines, the words after it stay. Arabic articles
 * (Шарм-ель-Шейх, Дар-ес-Салам) are no such link: the last part declines. */
static const char *const hyph_links[] = {"на", "об", "при", "прі", "в", "у", "де", "ла", "ле",
                                         "ду", "да", "оф", "апон", "дер", "ан", NULL};
static int is_hyph_link(const ng_inflect_word *iw) {
    w32 w, o;
    if (!iw->is_word || to32(iw->fold, iw->fold_len, &w) || !inlist(&w, hyph_links)) return 0;
    /* as written in lower case: "Ла-Манш" is a name, not a link */
    return iw->orig && to32(iw->orig, iw->orig_len, &o) == 0 && o.n > 0 && o.c[0] >= 0x430 &&
           o.c[0] <= 0x45F;
}

static int is_quote_punct(const ng_inflect_word *iw) {
    w32 w;
    if (to32(iw->fold, iw->fold_len, &w) || w.n != 1) return 0;
    return isin(w.c[0], "«»\"„“”‹›");
}

/* ## Variant assembly */
typedef struct emitter {
    const ng_inflect_word *words;
    size_t n;
    ng_inflect_emit emit;
    void *ud;
    char **seen;      /* emitted variants joined by 0x1f, for deduplication */
    size_t nseen, capseen;
    char *self;       /* the alias itself */
    int keep_common;  /* emit one-word forms that are frequent words too */
} emitter;

/* Frequent common words of uk and ru (inflected forms of words that are
 * also names: рада, віра, надія, свобода, мир ...) that a generated one-word
 * form must not be. The list is kept sorted in byte order (LC_ALL=C sort). */
static const char *const common_words[] = {
#include "inflect_common.inc"
};

static int cmpkey(const void *k, const void *m) {
    return strcmp((const char *)k, *(const char *const *)m);
}

int ng_inflect_male_a(const char *folded, size_t len) {
    for (const char *const *m = male_a; *m; m++)
        if (strlen(*m) == len && !memcmp(*m, folded, len)) return 1;
    return 0;
}

/* Also used by the unit test (declared there). */
int ng_inflect_is_common(const char *folded, size_t len);
int ng_inflect_is_common(const char *folded, size_t len) {
    char buf[512];
    if (len >= sizeof buf) return 0;
    memcpy(buf, folded, len);
    buf[len] = 0;
    return bsearch(buf, common_words, sizeof common_words / sizeof common_words[0],
                   sizeof common_words[0], cmpkey) != NULL;
}

static int emit_variant(emitter *e, const char *const *w, const size_t *l) {
    size_t tot = 0;
    for (size_t i = 0; i < e->n; i++) tot += l[i] + 1;
    char *key = malloc(tot + 1);
    if (!key) return 0;
    size_t k = 0;
    for (size_t i = 0; i < e->n; i++) {
        memcpy(key + k, w[i], l[i]);
        k += l[i];
        key[k++] = 0x1f;
    }
    key[k] = 0;
    if (e->self && !strcmp(key, e->self)) { free(key); return 0; }
    for (size_t i = 0; i < e->nseen; i++)
        if (!strcmp(e->seen[i], key)) { free(key); return 0; }
    /* one-word aliases: no frequent common words */
    size_t nw = 0, wi = 0;
    for (size_t i = 0; i < e->n; i++)
        if (e->words[i].is_word) { nw++; wi = i; }
    if (nw == 1 && !e->keep_common && ng_inflect_is_common(w[wi], l[wi])) { free(key); return 0; }
    if (e->nseen == e->capseen) {
        size_t nc = e->capseen ? e->capseen * 2 : 32;
        char **ns = realloc(e->seen, nc * sizeof *ns);
        if (!ns) { free(key); return 0; }
        e->seen = ns;
        e->capseen = nc;
    }
    e->seen[e->nseen++] = key;
    return e->emit(w, l, e->n, e->ud);
}

/* Emits, for one slot, every combination of the declining words' forms. */
static int emit_slot(emitter *e, wordinfo *wi, const arena *a, int slot) {
    size_t n = e->n;
    for (size_t i = 0; i < n; i++)
        if (wi[i].decl && wi[i].p.n[slot] == 0) return 0;
    const char *w[256];
    size_t l[256];
    int idx[256];
    for (size_t i = 0; i < n; i++) {
        idx[i] = 0;
        w[i] = e->words[i].fold;
        l[i] = e->words[i].fold_len;
    }
    for (int comb = 0; comb < MAXCOMB; comb++) {
        for (size_t i = 0; i < n; i++)
            if (wi[i].decl) {
                const form *f = &wi[i].p.f[slot][idx[i]];
                w[i] = a->buf + f->off;
                l[i] = f->len;
            }
        int rc = emit_variant(e, w, l);
        if (rc) return rc;
        /* next combination (odometer) */
        size_t i = 0;
        for (; i < n; i++) {
            if (!wi[i].decl) continue;
            if (++idx[i] < wi[i].p.n[slot]) break;
            idx[i] = 0;
        }
        if (i == n) break;
    }
    return 0;
}

static int detect_lang(const ng_inflect_word *words, size_t n) {
    int uk = 0, ru = 0;
    for (size_t i = 0; i < n; i++) {
        w32 w;
        if (to32(words[i].fold, words[i].fold_len, &w)) continue;
        for (int k = 0; k < w.n; k++) {
            if (isin(w.c[k], "іїєґ")) uk = 1;
            if (isin(w.c[k], "ыэъ")) ru = 1;
        }
    }
    if (uk && !ru) return NG_LANG_UK;
    if (ru && !uk) return NG_LANG_RU;
    return NG_LANG_UNKNOWN;
}

/* Classifies and declines the words of a person's name. */
static void person(wordinfo *wi, const ng_inflect_word *words, size_t n, int lang, gen *g) {
    size_t first = n, last = n, nw = 0;
    for (size_t i = 0; i < n; i++)
        if (wi[i].decl || words[i].is_word) {
            if (first == n) first = i;
            last = i;
            nw++;
        }
    /* gender */
    int fem = 0;
    for (size_t i = 0; i < n; i++) {
        if (!wi[i].decl) continue;
        const w32 *w = &wi[i].w;
        if (endsany(w, patr_f)) fem = 1;
        if (i == first && nw > 1 && (ends(w, "а") || ends(w, "я")) && !inlist(w, male_a)) fem = 1;
        if (i == last && (ends(w, "ська") || ends(w, "цька") || ends(w, "зька") ||
                          endsany(w, ru_fem_adj)))
            fem = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!wi[i].decl) continue;
        const w32 *w = &wi[i].w;
        g->p = &wi[i].p;
        int32_t l = back(w, 1);
        int given = (i == first && nw > 1);
        if (ends(w, "их") || ends(w, "ых")) { wi[i].decl = 0; continue; }
        if (lang == NG_LANG_UK) {
            if (ends(w, "ий")) { if (!fem) uk_adj(g, w, 1); }
            else if (ends(w, "ій")) {
                if (!fem) {
                    uk_noun(g, w, 1, 1, 0);
                    if (ends(w, "ній") && !inlist(w, uk_noun_nij)) uk_adj(g, w, 1);
                }
            } else if (isin(l, "ая")) {
                if (fem && !given && endsany(w, uk_fem_sur)) uk_adj(g, w, 1);
                else uk_noun(g, w, 1, 1, 0);
            } else if (isin(l, "о")) { if (!fem) uk_noun(g, w, 1, 1, 0); }
            else if (is_vowel(l)) { /* stays */ }
            else if (!fem) {
                uk_noun(g, w, 1, 1, 0);
                /* і → о in a given name: Федір → Федора, Яків → Якова, Прокіп → Прокопа */
                if (given && w->n >= 3 && isin(back(w, 2), "і") && isin(l, "рвпн")) {
                    w32 alt = subst(w, 2, "о");
                    uk_noun_cons(g, w, &alt, 1, 1);
                }
            }
        } else {
            if (ru_is_adj_ending(w) && !inlist(w, ru_noun_ij)) {
                if (fem == endsany(w, ru_fem_adj)) ru_adj(g, w, 1);
            } else if (ends(w, "ий") || ends(w, "й")) { if (!fem) ru_noun(g, w, 1, 1, 0, 0); }
            else if (isin(l, "ая")) {
                if (fem && !given && endsany(w, ru_fem_sur)) ru_fem_surname(g, w);
                else ru_noun(g, w, 1, 1, 0, 0);
            } else if (isin(l, "ь")) ru_noun(g, w, 1, 1, 0, fem);
            else if (is_vowel(l)) { /* stays: -о, -е, -и, -у, -ю */ }
            else if (!fem) ru_noun(g, w, 1, 1, 0, 0);
        }
        int any = 0;
        for (int s = 0; s < NSLOT; s++) any |= wi[i].p.n[s] != 0;
        if (!any) wi[i].decl = 0;
    }
}

/* Classifies and declines a place, organisation or other name: the leading
 * adjectives and the head noun agree; what follows the head stays. */
static void other(wordinfo *wi, const ng_inflect_word *words, size_t n, int lang, gen *g) {
    int done = 0, seen_word = 0, plural_adj = 0;
    size_t tail_written = n;   /* the compound's last part, also as written */
    int adj_before = 0;        /* an adjective came before this word */
    for (size_t i = 0; i < n; i++) {
        if (!words[i].is_word) {
            if (seen_word && is_quote_punct(&words[i])) done = 1;
            continue;
        }
        seen_word = 1;
        if (done || !wi[i].decl) { wi[i].decl = 0; continue; }
        const w32 *w = &wi[i].w;
        if (wi[i].decl == 2) {
            /* a Russian acronym as a masculine noun: МИДа, МИДу, МИДом, МИДе;
             * as written too in every case (ГЭС, a feminine, stays:
             * "Каховской ГЭС"); Ukrainian and other acronyms stay */
            g->p = &wi[i].p;
            static const int slots[] = {S_GEN, S_DAT, S_ACC, S_INS, S_LOC};
            for (size_t q = 0; q < sizeof slots / sizeof slots[0]; q++) addx(g, slots[q], w, 0, "");
            addx(g, S_GEN, w, 0, "а"); addx(g, S_DAT, w, 0, "у");
            addx(g, S_INS, w, 0, "ом"); addx(g, S_LOC, w, 0, "е");
            done = 1;
            continue;
        }
        /* next word (for adjective/noun decisions) */
        const w32 *next = NULL;
        size_t j = i + 1;
        while (j < n && !words[j].is_word) j++;
        int hyph = j < n && j == i + 2 && !is_quote_punct(&words[i + 1]);
        /* A part of a hyphenated compound before its last part stays, as
         * Russian and Ukrainian decline these names: Санкт-Петербурге,
         * Тель-Авіві, Буэнос-Айресе, Улан-Баторе, Ханты-Мансийске (declining
         * it made forms no text has, "Санкте-Петербурге", and missed the
         * real ones). It declines with the last part when that is an
         * adjective agreeing with it (Каменске-Уральском, Кам'янці-Подільському,
         * Раві-Руській), and before a lower-case preposition, which ends the
         * declining part of the name (Ростове-на-Дону, Франкфурті-на-Майні). */
        int link_next = 0;
        if (is_hyphen_at(words, n, i + 1)) {
            if (is_hyph_link(&words[i + 2])) {
                link_next = 1;
            } else {
                size_t k = i + 2;
                while (is_hyphen_at(words, n, k + 1) && !is_hyph_link(&words[k + 2])) k += 2;
                w32 tail;
                size_t after = k + 1;
                while (after < n && !words[after].is_word) after++;
                /* (an adjective last: a noun after it makes the compound
                 * itself an adjective whose first part stays:
                 * Санкт-Петербургской биржи, Социал-демократической партии) */
                int tail_adj = after == n && !to32(words[k].fold, words[k].fold_len, &tail) &&
                               (lang == NG_LANG_UK ? uk_is_adj_ending(&tail) || endsany(&tail, uk_adj_fem)
                                                   : ru_is_adj_ending(&tail));
                /* a last part that never declines, digits or capitals
                 * (Днепр-1, Енгельс-2, Іскандер-М): the first is the head */
                int tail_fixed = 0;
                for (size_t b = 0; b < words[k].orig_len && words[k].orig; b++) {
                    unsigned char ch = (unsigned char)words[k].orig[b];
                    if (ch >= '0' && ch <= '9') tail_fixed = 1;
                }
                if (!tail_fixed && words[k].orig) {
                    w32 o;
                    int low = 0;
                    if (!to32(words[k].orig, words[k].orig_len, &o))
                        for (int q = 0; q < o.n; q++)
                            if ((o.c[q] >= 0x430 && o.c[q] <= 0x45F) || (o.c[q] >= 'a' && o.c[q] <= 'z')) low = 1;
                    tail_fixed = !low;
                }
                tail_adj |= tail_fixed;
                /* a first part that is a feminine noun in -ія/-ия declines, and
                 * the last part both declines and stays: Саксонії-Ангальт,
                 * Емілії-Романьї, Північній Осетії-Аланії */
                int fem_ia = ends(w, "ія") || ends(w, "ия") || ends(w, "ея") || ends(w, "єя");
                /* after an adjective the compound is one noun of two
                 * lands, both parts agree with it: Северном Рейне-Вестфалии */
                if (fem_ia) tail_written = k;
                else if (!tail_adj && !adj_before) { wi[i].decl = 0; continue; }
            }
        }
        /* the last part of a compound may be a feminine uk adjective (Кам'янка-Бузька) */
        int tail_part = i > 0 && is_hyphen_at(words, n, i - 1);
        if (j < n && wi[j].decl && !hyph) next = &wi[j].w;
        /* the next word starts a hyphenated compound (Рада Україна-НАТО):
         * an apposition, so this word is the head noun */
        int next_compound = !hyph && j + 2 < n && !words[j + 1].is_word && words[j + 2].is_word &&
                            words[j + 1].fold_len == 1 && words[j + 1].fold[0] == '-';
        if (next_compound) next = NULL;
        /* a word follows that stays as written (an acronym: Каховська ГЕС) */
        int next_fixed = j < n && !wi[j].decl && !hyph && !next_compound;
        int32_t l = back(w, 1);
        int kind;
        g->p = &wi[i].p;
        if (next && inlist(w, appos_heads)) {
            /* the head noun, the name after it stays */
            if (lang == NG_LANG_UK) uk_noun(g, w, 0, 0, 0);
            else ru_noun(g, w, 0, 0, 0, 0);
            kind = K_NOUN;
        } else if (lang == NG_LANG_UK) {
            if (uk_is_adj_ending(w)) kind = K_ADJ;
            else if (tail_part && endsany(w, uk_adj_fem)) kind = K_ADJ;
            else if (next_fixed && !plural_adj && (ends(w, "ська") || ends(w, "цька") || ends(w, "зька") ||
                                    ends(w, "ова") || ends(w, "ева") || ends(w, "на")))
                kind = K_ADJ;
            else if (isin(l, "а") && next && uk_nominative_like(next)) kind = K_BOTH;
            else if (ends(w, "ня") && !ends(w, "ння") && next && uk_nominative_like(next)) kind = K_BOTH;
            else if (isin(l, "еє") && next) kind = K_ADJ;
            else if (isin(l, "і") && next) kind = K_ADJ;
            else if (isin(l, "о")) kind = (endsany(w, neut_o_sfx) || inlist(w, uk_noun_o) || uk_ovo(w)) ? K_NOUN : K_STAY;
            else if (isin(l, "е")) kind = (eqlit(w, "море") || eqlit(w, "поле")) ? K_NOUN : uk_neut_adj(w) ? K_ADJ : K_STAY;
            else if ((ends(w, "ці") || ends(w, "чі")) && w->n >= 5 && !next) kind = K_PLURAL;
            else if (isin(l, "іуюєї")) kind = K_STAY;
            else kind = K_NOUN;
            if (kind == K_ADJ || kind == K_BOTH) uk_adj(g, w, 0);
            if (kind == K_ADJ && isin(l, "і")) plural_adj = 1;
            if (kind == K_NOUN || kind == K_BOTH) uk_noun(g, w, 0, 0, plural_adj && isin(l, "иіа"));
            /* a plural place in -ці, -чі (Чернівці → Чернівцях, Кожичі → Кожичів) */
            if (kind == K_PLURAL) { uk_noun(g, w, 0, 0, 1); kind = K_NOUN; }
        } else {
            if (ru_is_adj_ending(w)) kind = K_ADJ;
            else if (ends(w, "ние") && next && isin(back(next, 1), "ыи") && !ends(next, "ами") &&
                     !ends(next, "ями") && !ends(next, "ии"))
                kind = K_ADJ;
            else if (isin(l, "о")) kind = endsany(w, neut_o_sfx) ? K_NOUN : K_STAY;
            else if (isin(l, "е")) kind = (ends(w, "ие") || ends(w, "ье") || eqlit(w, "море") ||
                                          eqlit(w, "поле")) ? K_NOUN : K_STAY;
            else if (isin(l, "и")) kind = plural_adj ? K_NOUN : K_STAY;
            else if (isin(l, "уюэ")) kind = K_STAY;
            else kind = K_NOUN;
            if (kind == K_ADJ) {
                ru_adj(g, w, 0);
                if (ends(w, "ые") || ends(w, "ие")) plural_adj = 1;
            }
            if (kind == K_NOUN)
                ru_noun(g, w, 0, 0, plural_adj || isin(l, "ы"), 0);
        }
        if (kind == K_ADJ || kind == K_BOTH) adj_before = 1;
        if (kind == K_STAY) { wi[i].decl = 0; continue; }
        if (i == tail_written)
            for (int s = S_GEN; s <= S_LOC; s++)
                if (wi[i].p.n[s]) addx(g, s, w, 0, "");
        int any = 0;
        for (int s = 0; s < NSLOT; s++) any |= wi[i].p.n[s] != 0;
        if (!any) wi[i].decl = 0;
        if (kind == K_NOUN && (!hyph || link_next)) done = 1;   /* head found: the rest stays */
    }
}

static int inflect_lang(const ng_inflect_word *words, size_t n, int per, int lang, emitter *e, int asian_first) {
    /* an East Asian name of three short words (Ким Чен Ын, Кім Чен Ин, Хо
     * Ши Мин): only its last part declines, even of two letters (Ким Чен
     * Ына, Кім Чен Ином); asian_first: Russian declines the first part
     * (the family name) as well, "Кима Чен Ира", "с Кимом Чен Иром" (both
     * usages are common: the caller asks for each) */
    int asian = per && n == 3;
    for (size_t i = 0; asian && i < n; i++) asian = words[i].is_word && words[i].fold_len <= 8 && words[i].fold_len >= 4;
    if (asian_first && !asian) return 0;
    wordinfo *wi = calloc(n, sizeof *wi);
    arena *a = malloc(sizeof *a);
    if (!wi || !a) { free(wi); free(a); return 0; }
    a->len = 0;
    a->full = 0;
    size_t ndecl = 0;
    for (size_t i = 0; i < n; i++) {
        int tail_part = !per && i >= 2 && is_hyphen_at(words, n, i - 1);
        /* (a name's noun of three letters after a masculine adjective) */
        int after_adj = !per && i >= 1 && wi[i - 1].decl == 1 &&
                        (lang == NG_LANG_UK ? uk_is_adj_ending(&wi[i - 1].w) : ru_is_adj_ending(&wi[i - 1].w));
        wi[i].decl = declinable_word(&words[i], &wi[i].w, per, tail_part, after_adj);
        if (asian && (i + 1 == n || (asian_first && i == 0)) && !wi[i].decl && !to32(words[i].fold, words[i].fold_len, &wi[i].w) &&
            !is_vowel(back(&wi[i].w, 1)) && !isin(back(&wi[i].w, 1), "йь"))
            wi[i].decl = 1;
        if (wi[i].decl == 2 && lang != NG_LANG_RU) wi[i].decl = 0;   /* (acronyms decline in Russian only) */
        ndecl += (size_t)wi[i].decl;
    }
    if (asian_first && !wi[n - 1].decl) ndecl = 0;   /* (a woman's name: Пак Кын Хе) */
    int rc = 0;
    if (ndecl > 0 && ndecl <= MAXDW) {
        gen g = {a, NULL};
        if (per) person(wi, words, n, lang, &g);
        else other(wi, words, n, lang, &g);
        ndecl = 0;
        for (size_t i = 0; i < n; i++) ndecl += (size_t)wi[i].decl;
        if (ndecl > 0 && !a->full) {
            for (int s = 0; s < NSLOT && rc == 0; s++) {
                if (s == S_VOC && (!per || lang != NG_LANG_UK)) continue;
                rc = emit_slot(e, wi, a, s);
            }
        }
    }
    free(wi);
    free(a);
    return rc;
}

static int inflect_alias(const ng_inflect_word *words, size_t n, const char *type, int lang, ng_inflect_emit emit,
                         void *userdata, int keep_common) {
    if (!words || n == 0 || n > 256 || !emit) return 0;
    int per = type && !strcmp(type, "PER");
    emitter e = {words, n, emit, userdata, NULL, 0, 0, NULL, keep_common};
    size_t tot = 0;
    for (size_t i = 0; i < n; i++) tot += words[i].fold_len + 1;
    e.self = malloc(tot + 1);
    if (!e.self) return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(e.self + k, words[i].fold, words[i].fold_len);
        k += words[i].fold_len;
        e.self[k++] = 0x1f;
    }
    e.self[k] = 0;
    /* proper names are capitalised: an alias written all in lower case is a
     * common word ("церква", "діти") and only matches as written */
    int upper = 0;
    for (size_t i = 0; i < n && !upper; i++) {
        w32 o;
        if (!words[i].is_word || !words[i].orig || to32(words[i].orig, words[i].orig_len, &o) || !o.n)
            continue;
        int32_t c = o.c[0];
        upper = (c >= 0x400 && c <= 0x42F) || (c >= 'A' && c <= 'Z') || c == 0x490 || c == 0x404 ||
                c == 0x406 || c == 0x407;
    }
    if (!upper) { free(e.self); return 0; }
    if (lang != NG_LANG_UK && lang != NG_LANG_RU) lang = detect_lang(words, n);
    int rc = 0;
    if (lang == NG_LANG_UK || lang == NG_LANG_UNKNOWN) rc = inflect_lang(words, n, per, NG_LANG_UK, &e, 0);
    if (rc == 0 && (lang == NG_LANG_RU || lang == NG_LANG_UNKNOWN))
        rc = inflect_lang(words, n, per, NG_LANG_RU, &e, 0);
    if (rc == 0 && (lang == NG_LANG_RU || lang == NG_LANG_UNKNOWN))
        rc = inflect_lang(words, n, per, NG_LANG_RU, &e, 1);
    for (size_t i = 0; i < e.nseen; i++) free(e.seen[i]);
    free(e.seen);
    free(e.self);
    return rc;
}

int ng_inflect_alias(const ng_inflect_word *words, size_t n, const char *type,
                     int lang, ng_inflect_emit emit, void *userdata) {
    return inflect_alias(words, n, type, lang, emit, userdata, 0);
}

int ng_inflect_alias_all(const ng_inflect_word *words, size_t n, const char *type,
                         int lang, ng_inflect_emit emit, void *userdata) {
    return inflect_alias(words, n, type, lang, emit, userdata, 1);
}
