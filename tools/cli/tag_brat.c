/* `newsgraph tag --format brat --output-dir DIR`: one .txt and one .ann
 * file per article. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tag.h"

/* brat file names: the article id with the characters that are not safe in
 * a file name replaced by '_' (also a leading '.', and control characters
 * and invalid UTF-8), cut at 200 bytes on a character boundary; a name that
 * had to change gets "~" and 8 hex digits of a hash of the whole id, so
 * that "x/y" and "x_y" differ; a name already written in this run (the same
 * id twice, or a clash) gets "~2", "~3"... Files are never overwritten
 * silently: replacing those of an earlier run is said once. */
static struct { char **v; size_t n, cap; int warned; } brat_names;   /* open addressing */

static uint32_t brat_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* 1 if 'name' was already used (else records it); -1 when out of memory. */
static int brat_name_used(const char *name) {
    if (brat_names.n * 2 >= brat_names.cap) {
        size_t nc = brat_names.cap ? brat_names.cap * 2 : 256;
        char **nv = calloc(nc, sizeof *nv);
        if (!nv) return -1;
        for (size_t i = 0; i < brat_names.cap; i++)
            if (brat_names.v[i]) {
                size_t j = brat_hash(brat_names.v[i]) & (nc - 1);
                while (nv[j]) j = (j + 1) & (nc - 1);
                nv[j] = brat_names.v[i];
            }
        free(brat_names.v);
        brat_names.v = nv;
        brat_names.cap = nc;
    }
    size_t j = brat_hash(name) & (brat_names.cap - 1);
    for (; brat_names.v[j]; j = (j + 1) & (brat_names.cap - 1))
        if (!strcmp(brat_names.v[j], name)) return 1;
    if (!(brat_names.v[j] = strdup(name))) return -1;
    brat_names.n++;
    return 0;
}

static int brat_write_file(const tag_opts *o, const char *path, const char *data, size_t len) {
    struct stat st;
    if (!brat_names.warned && lstat(path, &st) == 0) {
        brat_names.warned = 1;
        cli_msg("warning: %s: replacing files written before this run (%s, ...)", o->outdir, path);
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "wb");
    if (!f) { close(fd); return -1; }
    int ok = fwrite(data, 1, len, f) == len;
    if (fclose(f)) ok = 0;
    return ok ? 0 : -1;
}

int tag_write_brat(const tag_opts *o, item *it) {
    char name[1024];
    const unsigned char *id = (const unsigned char *)it->id;
    size_t k = 0, len = strlen(it->id);
    int changed = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = id[i];
        int n = c >= 0x80 ? ng_utf8_valid_len(id + i, len - i) : 1;
        if (c >= 0x80 && n > 0 && !(c == 0xC2 && id[i + 1] < 0xA0)) {   /* a character (not C1) */
            if (k + (size_t)n > 200) { changed = 1; break; }
            memcpy(name + k, id + i, (size_t)n);
            k += (size_t)n;
            i += (size_t)n;
            continue;
        }
        if (k + 1 > 200) { changed = 1; break; }
        int safe = c < 0x80 && (isalnum((int)c) || strchr("-_.+=@,~", (int)c)) && !(c == '.' && k == 0);
        name[k++] = safe ? (char)c : '_';
        if (!safe) changed = 1;
        i += n > 0 ? (size_t)n : 1;
    }
    if (k == 0) { name[k++] = '_'; changed = 1; }
    name[k] = 0;
    if (changed) snprintf(name + k, sizeof name - k, "~%08x", (unsigned)brat_hash(it->id));
    size_t base = strlen(name);
    int used;
    for (unsigned dup = 2; (used = brat_name_used(name)) == 1; dup++)
        snprintf(name + base, sizeof name - base, "~%u", dup);
    if (used < 0) { cli_msg("out of memory"); return EXIT_DATA; }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", o->outdir, name);
    int bad;
    if (it->title) {   /* the title, a blank line, the text (fmt_brat's offsets) */
        size_t l = it->title_len + 2 + it->text_len;
        char *all = cli_xmalloc(l + 1);
        memcpy(all, it->title, it->title_len);
        memcpy(all + it->title_len, "\n\n", 2);
        memcpy(all + it->title_len + 2, it->text, it->text_len);
        bad = brat_write_file(o, path, all, l);
        free(all);
    } else bad = brat_write_file(o, path, it->text, it->text_len);
    if (!bad) {
        snprintf(path, sizeof path, "%s/%s.ann", o->outdir, name);
        bad = brat_write_file(o, path, it->out.s ? it->out.s : "", it->out.len);
    }
    if (bad) { cli_msg("%s: cannot write: %s", path, strerror(errno)); return EXIT_USAGE; }
    return 0;
}
