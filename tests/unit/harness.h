/* Minimal unit-test harness (after cmark's api_test/harness). Include once
 * per test program; main() calls test groups and returns harness_done(). */
#ifndef NG_HARNESS_H
#define NG_HARNESS_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
static int h_pass, h_fail;
static void h_report(int ok, const char *file, int line, const char *fmt, ...) {
    if (ok) { h_pass++; return; }
    h_fail++;
    va_list ap; va_start(ap, fmt);
    fprintf(stderr, "%s:%d: FAIL: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
#define OK(cond, ...) h_report(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define INT_EQ(got, exp, ...) do { long long g_ = (long long)(got), e_ = (long long)(exp); \
    h_report(g_ == e_, __FILE__, __LINE__, "%s: got %lld, expected %lld", #got, g_, e_); } while (0)
#define STR_EQ(got, exp, ...) do { const char *g_ = (got), *e_ = (exp); \
    h_report(g_ && e_ && strcmp(g_, e_) == 0, __FILE__, __LINE__, "%s: got \"%s\", expected \"%s\"", \
             #got, g_ ? g_ : "(null)", e_ ? e_ : "(null)"); } while (0)
/* A "Key:" field of /proc/self/status in kB (RssFile, RssAnon ...), or -1. */
static inline long harness_status_kb(const char *key) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') kb = atol(line + n + 1);
    if (f) fclose(f);
    return kb;
}
static int harness_done(const char *name) {
    printf("%s: %d passed, %d failed\n", name, h_pass, h_fail);
    return h_fail ? 1 : 0;
}
#endif
