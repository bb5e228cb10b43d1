/* The API answers' JSON writer of newsgraph serve (tools/serve/json_write.c)
 * against jansson's json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(8)),
 * whose bytes it must give: random trees of objects (members in insertion
 * order), arrays, strings with quotes, backslashes, every control
 * character, Cyrillic, CJK, emoji, integers to the extremes, reals of every
 * magnitude (tenths as the ego layout rounds them, exponents, -0.0); and
 * invalid UTF-8, where both give up. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../../tools/serve/json_write.c"

static unsigned long long rs = 88172645463325252ULL;
static unsigned long long rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }

static const char *const pieces[] = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\x01", "\x1f",
                                     "\x7f", "<script>", "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", "\xe4\xb8\xad",
                                     "\xf0\x9f\x98\x80", "\xc2\xa0", "\xe2\x80\xa8", "'", "&amp;", "0"};

static char *rand_text(size_t *len) {
    size_t n = rnd() % 12, cap = 2, l = 0;   /* the NUL inside and the end */
    for (size_t i = 0; i < n; i++) cap += 16;
    char *s = malloc(cap);
    for (size_t i = 0; i < n; i++) {
        const char *p = pieces[rnd() % (sizeof pieces / sizeof *pieces)];
        size_t pl = strlen(p);
        memcpy(s + l, p, pl);
        l += pl;
    }
    if (rnd() % 16 == 0) s[l++] = 0;   /* a NUL inside */
    s[l] = 0;
    *len = l;
    return s;
}

static double rand_real(void) {
    switch (rnd() % 8) {
    case 0: return (double)(long long)(rnd() % 10000000) / 10;              /* tenths, as the layout rounds */
    case 1: return -(double)(long long)(rnd() % 100000) / 10;
    case 2: return (double)(rnd() % 1000);                                   /* whole */
    case 3: return ldexp((double)(rnd() % 1000000) - 500000, (int)(rnd() % 400) - 200);
    case 4: return (double)(rnd() % 1000000000) / 1e9;                       /* npmi-like */
    case 5: { static const double v[] = {0.0, -0.0, 0.1, 0.05, 0.15, 1e-5, 1e-4, 99999999.0, 1e8, 123456789.0,
                                          1e21, 1e-300, 999999.9, 1e6, 0.09999999, 800, 560, 48};
              return v[rnd() % (sizeof v / sizeof *v)]; }
    default: { double d; unsigned long long u = rnd(); memcpy(&d, &u, sizeof d); return isfinite(d) ? d : 1.5; }
    }
}

static json_t *rand_value(int depth) {
    int k = (int)(rnd() % (depth > 4 ? 6 : 8));
    size_t len;
    switch (k) {
    case 0: return json_null();
    case 1: return json_boolean(rnd() % 2);
    case 2: { static const json_int_t v[] = {0, -1, 1, 9223372036854775807LL, -9223372036854775807LL - 1, 42};
              return json_integer(rnd() % 3 ? (json_int_t)(rnd() % 2000000) - 1000000 : v[rnd() % 6]); }
    case 3: return json_real(rand_real());
    case 4: case 5: { char *s = rand_text(&len); json_t *v = json_stringn(s, len); free(s); return v ? v : json_string("x"); }
    case 6: { json_t *a = json_array(); for (int i = (int)(rnd() % 6); i > 0; i--) json_array_append_new(a, rand_value(depth + 1)); return a; }
    default: {
        json_t *o = json_object();
        for (int i = (int)(rnd() % 6); i > 0; i--) {
            char *s = rand_text(&len);
            json_object_setn_new(o, s, len, rand_value(depth + 1));   /* a key with a NUL is refused by jansson: fine */
            free(s);
        }
        return o;
    }
    }
}

static void same(json_t *v) {
    size_t len = 0;
    char *a = serve_json_write(v, &len), *b = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(8));
    OK(a && b, "%s", "a && b");
    if (a && b) {
        OK(len == strlen(b), "%s", "len == strlen(b)");
        if (strcmp(a, b)) fprintf(stderr, "differ:\n  ours:    %s\n  jansson: %s\n", a, b);
        STR_EQ(a, b);
    }
    free(a); free(b);
}

int main(void) {
    /* exact ones */
    json_t *v = json_pack("{s:s,s:f,s:f,s:f,s:I,s:[f,f,f]}", "name", "<b>\"x\"</b>\n\x01", "x", 123.4, "y", 560.0,
                          "tiny", 1e-7, "n", (json_int_t)-5, "r", 1e21, -0.0, 0.5);
    size_t len;
    char *s = serve_json_write(v, &len);
    STR_EQ(s, "{\"name\":\"<b>\\\"x\\\"</b>\\n\\u0001\",\"x\":123.4,\"y\":560.0,\"tiny\":1e-7,\"n\":-5,\"r\":[1e21,-0.0,0.5]}");
    free(s);
    same(v);
    json_decref(v);
    /* random trees */
    for (int i = 0; i < 20000; i++) {
        json_t *t = rnd() % 2 ? json_object() : json_array();
        for (int k = (int)(rnd() % 8); k > 0; k--) {
            if (json_is_object(t)) { char key[16]; snprintf(key, sizeof key, "k%d", k); json_object_set_new(t, key, rand_value(1)); }
            else json_array_append_new(t, rand_value(1));
        }
        same(t);
        json_decref(t);
    }
    /* invalid UTF-8 (a string made without jansson's check): both give up */
    static const char *const bad[] = {"\xff", "a\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8", "\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *o = json_pack("{s:o}", "k", json_string_nocheck(bad[i]));
        char *a = serve_json_write(o, &len), *b = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(8));
        OK(a == NULL, "%s", "a == NULL");
        OK(b == NULL, "%s", "b == NULL");
        free(a); free(b);
        json_decref(o);
    }
    /* not an object or an array */
    json_t *n = json_integer(1);
    OK(serve_json_write(n, &len) == NULL, "%s", "serve_json_write(n, &len) == NULL");
    json_decref(n);
    return harness_done("test_serve_json");
}
