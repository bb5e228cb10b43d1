/* Shared helpers of the libFuzzer targets (tests/fuzz/fuzz_*.c); include
 * once per target. Targets are built by 'make fuzz' with clang
 * -fsanitize=fuzzer,address,undefined and linked with the libraries
 * (libnewsgraph.a and the importer library libngimport.a, tools/import). */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tagger.h"

/* Aborts with a message: libFuzzer reports it as a crash with the input. */
#define FZ_CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "fuzz check failed: %s:%d: %s: ", \
    __FILE__, __LINE__, #cond); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); abort(); } } while (0)

/* A private scratch directory for this process (under $TMPDIR or /tmp),
 * created on first use. */
__attribute__((unused)) static const char *fz_dir(void) {
    static char dir[512];
    if (!dir[0]) {
        const char *t = getenv("TMPDIR");
        if (!t || !*t) t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof dir, "%s/ngfuzz-%ld", t, (long)getpid());
        mkdir(dir, 0700);
    }
    return dir;
}

/* Writes 'len' bytes to fz_dir()/name (directories in 'name' are created)
 * and returns the path (a static buffer per slot 0..7). */
__attribute__((unused)) static const char *fz_write(int slot, const char *name, const void *data, size_t len) {
    static char paths[8][1024];
    char *p = paths[slot & 7];
    snprintf(p, sizeof paths[0], "%s/%s", fz_dir(), name);
    for (char *s = p + strlen(fz_dir()) + 1; (s = strchr(s, '/')); s++) {
        *s = 0; mkdir(p, 0700); *s = '/';
    }
    FILE *f = fopen(p, "wb");
    FZ_CHECK(f, "cannot create %s", p);
    if (len) FZ_CHECK(fwrite(data, 1, len, f) == len, "short write");
    FZ_CHECK(fclose(f) == 0, "close");
    return p;
}

/* Splits data at each occurrence of 'sep' into at most 'max' parts
 * (the last part keeps the rest). Returns the number of parts. */
typedef struct fz_part { const uint8_t *p; size_t n; } fz_part;
__attribute__((unused)) static size_t fz_split(const uint8_t *data, size_t len, const char *sep, fz_part *parts, size_t max) {
    size_t sl = strlen(sep), np = 0, start = 0;
    for (size_t i = 0; np + 1 < max && i + sl <= len;) {
        if (!memcmp(data + i, sep, sl)) {
            parts[np].p = data + start; parts[np].n = i - start; np++;
            i += sl; start = i;
        } else i++;
    }
    parts[np].p = data + start; parts[np].n = len - start;
    return np + 1;
}

/* Drains the warnings of the library/importers (formatting them exercises
 * the message paths). */
__attribute__((unused)) static void fz_warn(const ng_error *w, void *ud) {
    char buf[1200];
    ng_error_format(w, buf, sizeof buf);
    (void)ud;
}
/* The corpus directory given on the command line (the scratch copy 'make
 * fuzz' uses), or NULL: where a target writes a seed made at start. */
__attribute__((unused)) static const char *fz_corpus_dir(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (argv[i][0] != '-' && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) return argv[i];
    }
    return NULL;
}

/* Copies the file 'tmp' (then removed) into DIR/generated-current after a
 * first byte 1 (the targets' "repair the header" mode). */
__attribute__((unused)) static void fz_write_seed(const char *dir, const char *tmp) {
    char path[1024];
    FILE *in = fopen(tmp, "rb");
    snprintf(path, sizeof path, "%s/generated-current", dir);
    FILE *out = in ? fopen(path, "wb") : NULL;
    if (in && out) {
        int c;
        fputc(1, out);
        while ((c = fgetc(in)) != EOF) fputc(c, out);
    }
    if (in) fclose(in);
    if (out) fclose(out);
    unlink(tmp);
}

#endif
