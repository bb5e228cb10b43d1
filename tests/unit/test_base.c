/* Tests of the base layer (tagger/base.c, base_internal.h): ng_grow,
 * ng_spare_put / ng_grow_spare, ng_strndup, ng_dir_list, ng_col_of. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harness.h"
#include "base_internal.h"

static void test_grow(void) {
    int *v = NULL;
    size_t cap = 0;
    INT_EQ(ng_grow((void **)&v, &cap, 1, sizeof *v), 0);
    INT_EQ(cap, 64);
    for (int i = 0; i < 64; i++) v[i] = i;
    INT_EQ(ng_grow((void **)&v, &cap, 64, sizeof *v), 0);   /* enough already */
    INT_EQ(cap, 64);
    INT_EQ(ng_grow((void **)&v, &cap, 65, sizeof *v), 0);
    INT_EQ(cap, 128);
    INT_EQ(ng_grow((void **)&v, &cap, 1000, sizeof *v), 0);
    INT_EQ(cap, 1024);
    OK(v[0] == 0 && v[63] == 63, "contents kept");
    /* overflow of the element count or of the byte size: -1, nothing changed */
    int *old = v;
    INT_EQ(ng_grow((void **)&v, &cap, SIZE_MAX, sizeof *v), -1);
    OK(v == old && cap == 1024, "unchanged after a failed growth");
    INT_EQ(ng_grow((void **)&v, &cap, SIZE_MAX / 2 + 2, 1), -1);
    INT_EQ(ng_grow((void **)&v, &cap, SIZE_MAX / 4, 8), -1);
    OK(v == old && cap == 1024 && v[63] == 63, "unchanged after a failed growth");
    free(v);
    /* past NG_HUGE_MIN the array moves to a block of more than NG_MAP_MIN
     * (mapped on its own, hinted for huge pages) and grows by realloc from
     * there: every element is kept, across both steps and the doublings
     * after them */
    uint32_t *w = NULL;
    size_t wcap = 0, n = 0, want = 3 * NG_MAP_MIN / 2 / sizeof *w;
    int kept = 1;
    for (; n < want; n++) {
        if (ng_grow((void **)&w, &wcap, n + 1, sizeof *w)) { kept = 0; break; }
        w[n] = (uint32_t)(n * 2654435761u);
    }
    for (size_t i = 0; kept && i < n; i++) kept = w[i] == (uint32_t)(i * 2654435761u);
    OK(kept && wcap * sizeof *w >= 3 * NG_MAP_MIN / 2, "contents kept across growth past NG_HUGE_MIN and NG_MAP_MIN");
    free(w);
    /* the hint is harmless on any block, small, unaligned or NULL-sized */
    char *small = malloc(100);
    ng_huge_hint(small, 100);
    ng_huge_hint(small + 1, 99);
    free(small);
}


/* Spare blocks: an array that must grow takes the smallest spare block big
 * enough (not fresh memory), else grows as ng_grow; the list keeps the
 * biggest blocks when it is full. */
static void test_spares(void) {
    ng_spares sp = {0};
    char *a = malloc(1000), *b = malloc(5000), *c = malloc(3000);
    ng_spare_put(&sp, a, 1000);
    ng_spare_put(&sp, b, 5000);
    ng_spare_put(&sp, c, 3000);
    ng_spare_put(&sp, NULL, 10);
    INT_EQ(sp.n, 3);
    int *v = NULL;
    size_t cap = 0;
    INT_EQ(ng_grow_spare(&sp, (void **)&v, &cap, 500, sizeof *v), 0);   /* 2000 bytes: c, not b */
    OK((char *)v == c && cap == 750, "the smallest spare block that fits");
    INT_EQ(sp.n, 2);
    INT_EQ(ng_grow_spare(&sp, (void **)&v, &cap, 700, sizeof *v), 0);   /* enough already */
    OK((char *)v == c && cap == 750, "no growth when the array is big enough");
    for (int i = 0; i < 750; i++) v[i] = i;
    INT_EQ(ng_grow_spare(&sp, (void **)&v, &cap, 1200, sizeof *v), 0);  /* 4800 bytes: b */
    OK((char *)v == b && cap == 1250, "a bigger spare block taken, the old array freed");
    INT_EQ(ng_grow_spare(&sp, (void **)&v, &cap, 2000, sizeof *v), 0);  /* none fits: ng_grow */
    OK(cap == 2500 && sp.n == 1, "no spare fits: grown as ng_grow");
    free(v);
    ng_spares_free(&sp);
    INT_EQ(sp.n, 0);
    /* full: the smallest goes (or the new one, when it is the smallest) */
    for (int i = 0; i < NG_NSPARE + 2; i++) ng_spare_put(&sp, malloc(100 + (size_t)i), 100 + (size_t)i);
    INT_EQ(sp.n, NG_NSPARE);
    size_t least = SIZE_MAX;
    for (size_t i = 0; i < sp.n; i++)
        if (sp.bytes[i] < least) least = sp.bytes[i];
    OK(least == 102, "the biggest blocks kept");
    ng_spare_put(&sp, malloc(50), 50);
    INT_EQ(sp.n, NG_NSPARE);
    ng_spares_free(&sp);
    INT_EQ(sp.n, 0);
}

/* ng_grow leaves no big block resident behind it: glibc keeps a freed
 * block in the middle of its heap resident until reused, and the arrays of
 * one 100 MB article left 50-80 MB so (peak RSS at 1M names). An array
 * grown to 16 MB (glibc's mmap threshold raised first, as a big article
 * raises it) has moved to a block of its own and grown there. (Not under a
 * sanitizer or valgrind: their allocators are others, ASan's keeps freed
 * blocks in quarantine.) */
static void test_grow_gives_back(void) {
    if (getenv("NG_SANITIZER") || getenv("VALGRIND") || harness_status_kb("RssAnon") < 0) return;
    char *big = malloc(32u << 20);   /* freed: glibc's threshold goes to 32 MB */
    if (big) big[0] = 1;
    free(big);
    char *v = NULL;
    size_t cap = 0;
    long before = harness_status_kb("RssAnon");
    for (size_t n = 4u << 20; n <= (16u << 20); n *= 2) {
        if (ng_grow((void **)&v, &cap, n, 1)) { OK(0, "ng_grow to %zu", n); free(v); return; }
        memset(v, 'x', n);   /* every page of the array is used */
    }
    long grew = harness_status_kb("RssAnon") - before;
    OK(grew < 22 * 1024, "the blocks an array left behind are given back (resident %ld kB more for a 16 MB array)", grew);
    free(v);
}

static void test_strndup(void) {
    char *s = ng_strndup("abcdef", 3);
    STR_EQ(s, "abc");
    free(s);
    s = ng_strndup("a\0b", 3);
    OK(s && s[0] == 'a' && s[1] == 0 && s[2] == 'b' && s[3] == 0, "copies n bytes, NULs included");
    free(s);
    s = ng_strndup("", 0);
    STR_EQ(s, "");
    free(s);
}

static void test_col_of(void) {
    INT_EQ(ng_col_of("abc", 0), 1);
    INT_EQ(ng_col_of("abc", 2), 3);
    /* "Київ x": К и ї в are two bytes each */
    INT_EQ(ng_col_of("\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 x", 9), 6);
    INT_EQ(ng_col_of("\xe2\x80\x94z", 3), 2);   /* em dash, three bytes */
    INT_EQ(ng_col_of("\xff\xfe" "a", 2), 3);    /* invalid lead bytes count as one each */
    INT_EQ(ng_col_of("a\x80\x80" "b", 3), 2);   /* lone continuation bytes do not */
}

static void touch(const char *dir, const char *name) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f) fclose(f);
    else OK(0, "cannot create %s", p);
}

static void test_dir_list(void) {
    char dir[] = "/tmp/ng-base.XXXXXX";
    if (!mkdtemp(dir)) { OK(0, "mkdtemp"); return; }
    char **v;
    size_t n;
    ng_error err = {0};
    /* empty */
    INT_EQ(ng_dir_list(dir, NULL, &v, &n, &err), NG_OK);
    OK(v == NULL && n == 0, "empty directory: %zu", n);
    /* sorted bytewise, suffix filter, directories and dot files listed */
    touch(dir, "b.tsv");
    touch(dir, "a.tsv");
    touch(dir, "B.tsv");
    touch(dir, "\xd0\x90.tsv");   /* А: after every ASCII name */
    touch(dir, ".hidden.tsv");
    touch(dir, ".tsv");           /* only the suffix: not listed */
    touch(dir, "c.tsv.bak");
    touch(dir, "notes.txt");
    char sub[300];
    snprintf(sub, sizeof sub, "%s/d.tsv", dir);
    OK(mkdir(sub, 0700) == 0, "mkdir");
    INT_EQ(ng_dir_list(dir, ".tsv", &v, &n, &err), NG_OK);
    INT_EQ(n, 6);
    const char *want[] = {".hidden.tsv", "B.tsv", "a.tsv", "b.tsv", "d.tsv", "\xd0\x90.tsv"};
    char p[512];
    for (size_t i = 0; i < n && i < 6; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, want[i]);
        STR_EQ(v[i], p);
    }
    ng_strv_free(v, n);
    /* no suffix: every entry but . and .. */
    INT_EQ(ng_dir_list(dir, NULL, &v, &n, &err), NG_OK);
    INT_EQ(n, 9);
    ng_strv_free(v, n);
    INT_EQ(ng_dir_list(dir, "", &v, &n, &err), NG_OK);
    INT_EQ(n, 9);
    ng_strv_free(v, n);
    /* a directory given with a trailing slash: no double slash */
    char slash[300];
    snprintf(slash, sizeof slash, "%s/", dir);
    INT_EQ(ng_dir_list(slash, ".txt", &v, &n, &err), NG_OK);
    INT_EQ(n, 1);
    snprintf(p, sizeof p, "%s/notes.txt", dir);
    if (n == 1) STR_EQ(v[0], p);
    ng_strv_free(v, n);
    /* no limit on the count (the old listers stopped at 256 and 1024) */
    for (int i = 0; i < 1500; i++) {
        char nm[32];
        snprintf(nm, sizeof nm, "f%04d.dat", 1499 - i);
        touch(sub, nm);
    }
    INT_EQ(ng_dir_list(sub, ".dat", &v, &n, &err), NG_OK);
    INT_EQ(n, 1500);
    if (n == 1500) {
        snprintf(p, sizeof p, "%s/f0000.dat", sub);
        STR_EQ(v[0], p);
        snprintf(p, sizeof p, "%s/f1499.dat", sub);
        STR_EQ(v[1499], p);
        int sorted = 1;
        for (size_t i = 1; i < n; i++) sorted &= strcmp(v[i - 1], v[i]) < 0;
        OK(sorted, "sorted");
    }
    ng_strv_free(v, n);
    /* a missing directory, a file: NG_E_IO with the path and the reason */
    snprintf(p, sizeof p, "%s/missing", dir);
    v = (char **)&n;
    INT_EQ(ng_dir_list(p, NULL, &v, &n, &err), NG_E_IO);
    OK(v == NULL && n == 0, "nothing returned on failure");
    STR_EQ(err.file, p);
    OK(strstr(err.msg, "No such file") != NULL, "strerror in the message: %s", err.msg);
    snprintf(p, sizeof p, "%s/a.tsv", dir);
    INT_EQ(ng_dir_list(p, NULL, &v, &n, &err), NG_E_IO);
    OK(strstr(err.msg, "Not a directory") != NULL, "strerror in the message: %s", err.msg);
    ng_strv_free(NULL, 0);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) OK(0, "rm %s", dir);
}

int main(void) {
    test_spares();
    test_grow();
    test_grow_gives_back();
    test_strndup();
    test_col_of();
    test_dir_list();
    return harness_done("test_base");
}
