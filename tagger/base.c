/* The base layer's generic helpers (base_internal.h): growth of arrays,
 * string copies, directory listing, columns. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <utf8proc.h>
#include "base_internal.h"

void ng_huge_hint(void *p, size_t n) {
#if defined(MADV_HUGEPAGE)
    /* Transparent huge pages are commonly enabled "madvise" only; a buffer
     * grown to tens of MB over a large article otherwise costs a page fault
     * (a kernel entry and a zero-filled 4 KB page) per 4 KB touched, which
     * was a tenth of the time of tagging one 100 MB article. Only the 2 MB
     * aligned interior can be a huge page; the hint is advisory (errors are
     * ignored: no THP). On a mapped file (a dictionary image), the page
     * cache is then read in 2 MB folios, where the file system allows. */
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (n < NG_HUGE_MIN) return;
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + n) & ~(huge - 1);
    if (e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p; (void)n;
#endif
}

double ng_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int ng_grow(void **v, size_t *cap, size_t need, size_t elt) {
    if (need <= *cap) return 0;
    if (!elt) elt = 1;
    size_t nc = *cap ? *cap : 64;
    while (nc < need) {
        if (nc > SIZE_MAX / 2) return -1;
        nc *= 2;
    }
    if (nc > SIZE_MAX / elt) return -1;
    void *p;
    if (nc * elt >= NG_HUGE_MIN) {
        /* A large array is given a block that glibc maps on its own (more
         * than its largest mmap threshold, 32 MB): its growth is then a
         * realloc that moves the pages (mremap) instead of copying them
         * into fresh ones, and its free gives them back at once. Pages
         * never touched cost nothing, so the rounding up is free; fresh
         * pages are what costs (a fault and a zero-filled page each, ~10 us
         * on a virtual machine), and a doubling by copy touched twice the
         * final size. */
        if (nc * elt < NG_MAP_MIN) nc = NG_MAP_MIN / elt + 1;
        if (!(p = realloc(*v, nc * elt))) return -1;
        ng_huge_hint(p, nc * elt);
    } else if (!(p = realloc(*v, nc * elt))) return -1;
    *v = p;
    *cap = nc;
    return 0;
}

void ng_spare_put(ng_spares *s, void *p, size_t bytes) {
    if (!p) return;
    if (s->n == NG_NSPARE) {
        size_t k = 0;
        for (size_t i = 1; i < s->n; i++)
            if (s->bytes[i] < s->bytes[k]) k = i;
        if (s->bytes[k] >= bytes) { free(p); return; }
        free(s->p[k]);
        s->p[k] = s->p[--s->n];
        s->bytes[k] = s->bytes[s->n];
    }
    s->p[s->n] = p;
    s->bytes[s->n++] = bytes;
}

int ng_grow_spare(ng_spares *s, void **v, size_t *cap, size_t need, size_t elt) {
    if (need <= *cap) return 0;
    if (!elt) elt = 1;
    size_t best = s->n;
    for (size_t i = 0; i < s->n; i++)
        if (need <= s->bytes[i] / elt && (best == s->n || s->bytes[i] < s->bytes[best])) best = i;
    if (best == s->n) return ng_grow(v, cap, need, elt);
    free(*v);
    *v = s->p[best];
    *cap = s->bytes[best] / elt;
    s->p[best] = s->p[--s->n];
    s->bytes[best] = s->bytes[s->n];
    return 0;
}

void ng_spares_free(ng_spares *s) {
    for (size_t i = 0; i < s->n; i++) free(s->p[i]);
    s->n = 0;
}

char *ng_strndup(const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *p = malloc(n + 1);
    if (p) { memcpy(p, s, n); p[n] = 0; }
    return p;
}

void ng_strv_free(char **v, size_t n) {
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int ng_dir_list(const char *dir, const char *suffix, char ***paths, size_t *npaths, ng_error *err) {
    *paths = NULL;
    *npaths = 0;
    size_t sl = suffix ? strlen(suffix) : 0;
    DIR *dh = opendir(dir);
    if (!dh) return ng_error_set(err, NG_E_IO, dir, 0, 0, "cannot open directory: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = NG_OK;
    struct dirent *de;
    for (;;) {
        errno = 0;
        if (!(de = readdir(dh))) {
            if (errno) rc = ng_error_set(err, NG_E_IO, dir, 0, 0, "cannot read directory: %s", strerror(errno));
            break;
        }
        const char *nm = de->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, "..")) continue;
        size_t l = strlen(nm);
        if (sl && !(l > sl && !memcmp(nm + l - sl, suffix, sl))) continue;
        if (ng_grow((void **)&names, &cap, n + 1, sizeof *names) || !(names[n] = ng_strndup(nm, l))) {
            rc = ng_error_set(err, NG_E_NOMEM, dir, 0, 0, "out of memory");
            break;
        }
        n++;
    }
    closedir(dh);
    if (rc != NG_OK) { ng_strv_free(names, n); return rc; }
    if (n) qsort(names, n, sizeof *names, cmp_str);
    size_t dl = strlen(dir);
    int slash = dl && dir[dl - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        char *p = malloc(dl + !slash + l + 1);
        if (!p) { ng_strv_free(names, n); return ng_error_set(err, NG_E_NOMEM, dir, 0, 0, "out of memory"); }
        memcpy(p, dir, dl);
        if (!slash) p[dl] = '/';
        memcpy(p + dl + !slash, names[i], l + 1);
        free(names[i]);
        names[i] = p;
    }
    *paths = names;
    *npaths = n;
    return NG_OK;
}

long ng_col_of(const char *line, size_t off) {
    long col = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80) col++;
    return col;
}

char *ng_utf8_repair(const char *s, size_t len, size_t *outlen) {
    char *o = malloc(3 * len + 1);
    size_t k = 0;
    if (!o) return NULL;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp == 0) { memcpy(o + k, "\xEF\xBF\xBD", 3); k += 3; i++; }
        else { memcpy(o + k, s + i, (size_t)n); k += (size_t)n; i += (size_t)n; }
    }
    o[k] = 0;
    if (outlen) *outlen = k;
    return o;
}
