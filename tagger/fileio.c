/* Small file helpers shared by the library and the CLI: special paths,
 * atomic output files (a new file in the target's directory, renamed into
 * place), the list of temporary files to remove on a signal, and the
 * record of files verified before. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base_internal.h"

int ng_path_is_special(const char *path) {
    struct stat st;
    return path && stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* ## Temporary files removed on a signal
 * A fixed table of malloc'd paths; ng_tmp_cleanup only reads it and calls
 * unlink, so it may run in a signal handler. */
#define NG_TMP_SLOTS 16
static char *volatile tmp_slots[NG_TMP_SLOTS];

int ng_tmp_track(const char *path) {
    char *p = strdup(path);
    if (!p) return -1;
    for (int i = 0; i < NG_TMP_SLOTS; i++)
        if (!tmp_slots[i]) { tmp_slots[i] = p; return 0; }
    free(p);
    return -1;
}

void ng_tmp_untrack(const char *path) {
    for (int i = 0; i < NG_TMP_SLOTS; i++) {
        char *p = tmp_slots[i];
        if (p && !strcmp(p, path)) { tmp_slots[i] = NULL; free(p); }
    }
}

void ng_tmp_cleanup(void) {
    for (int i = 0; i < NG_TMP_SLOTS; i++) {
        char *p = tmp_slots[i];
        if (p) unlink(p);
    }
}

int ng_tmp_create(char *tmpl) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX")) { errno = EINVAL; return -1; }
    for (int tries = 0; tries < 100; tries++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
            /* (no entropy yet: the clock, the process and the try) */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            uint64_t x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid() << 20 ^ (uint64_t)tries;
            for (size_t k = 0; k < sizeof r; k++, x >>= 8) r[k] = (unsigned char)x;
        }
        for (size_t k = 0; k < sizeof r; k++) tmpl[n - 6 + k] = abc[r[k] % (sizeof abc - 1)];
        /* the name on the list before the file exists: a signal at any
         * moment leaves nothing behind (a full list: as before, untracked) */
        int tracked = ng_tmp_track(tmpl) == 0;
        int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) return fd;
        int e = errno;
        if (tracked) ng_tmp_untrack(tmpl);
        if (e != EEXIST) { errno = e; return -1; }
    }
    errno = EEXIST;
    return -1;
}

/* ## Atomic output files */

/* The file a write to 'path' lands in: 'path' itself, or the end of its
 * chain of symbolic links (relative targets resolved against the link's
 * directory). Returns a malloc'd path or NULL (errno set). */
static char *resolve_links(const char *path) {
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
        if (hops >= 40) { free(cur); errno = ELOOP; return NULL; }
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0) { free(cur); return NULL; }
        target[n] = 0;
        char *next;
        const char *slash = strrchr(cur, '/');
        if (target[0] == '/' || !slash) next = strdup(target);
        else {
            size_t dl = (size_t)(slash - cur) + 1;
            next = malloc(dl + (size_t)n + 1);
            if (next) { memcpy(next, cur, dl); memcpy(next + dl, target, (size_t)n + 1); }
        }
        free(cur);
        cur = next;
    }
    return NULL;
}

int ng_outfile_open(ng_outfile *of, const char *path, ng_error *err) {
    memset(of, 0, sizeof *of);
    of->fd = -1;
    of->path = resolve_links(path);
    if (!of->path)
        return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot resolve the symbolic link: %s", strerror(errno));
    struct stat st;
    int exists = stat(of->path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        int rc = ng_error_set(err, NG_E_IO, path, 0, 0, "is a directory");
        ng_outfile_abort(of);
        return rc;
    }
    if (exists && !S_ISREG(st.st_mode)) {   /* /dev/null, a FIFO, a terminal: written in place */
        of->special = 1;
        of->fd = open(of->path, O_WRONLY | O_CLOEXEC);
        if (of->fd < 0) {
            int rc = ng_error_set(err, NG_E_IO, path, 0, 0, "cannot write: %s", strerror(errno));
            ng_outfile_abort(of);
            return rc;
        }
        return NG_OK;
    }
    const char *slash = strrchr(of->path, '/');
    size_t dl = slash ? (size_t)(slash - of->path) + 1 : 0;
    const char *base = slash ? slash + 1 : of->path;
    size_t bl = strlen(base);
    if (bl > 200) bl = 200;   /* room for the prefix and suffix in NAME_MAX */
    of->tmp = malloc(dl + bl + 16);
    if (!of->tmp) { ng_outfile_abort(of); return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL); }
    memcpy(of->tmp, of->path, dl);
    snprintf(of->tmp + dl, bl + 16, ".%.*s.XXXXXX", (int)bl, base);
    of->fd = ng_tmp_create(of->tmp);
    if (of->fd < 0) {
        int rc = ng_error_set(err, NG_E_IO, path, 0, 0, "cannot create: %s", strerror(errno));
        free(of->tmp);
        of->tmp = NULL;
        ng_outfile_abort(of);
        return rc;
    }
    mode_t mode;
    if (exists) mode = st.st_mode & 07777;
    else { mode_t um = umask(0); umask(um); mode = 0666 & ~um; }
    if (fchmod(of->fd, mode) != 0) { /* keeps 0600 */ }
    return NG_OK;
}

int ng_outfile_commit(ng_outfile *of, ng_error *err) {
    int rc = NG_OK;
    if (of->fd >= 0) {
        if (!of->special && fsync(of->fd) != 0 && errno != EINVAL)
            rc = ng_error_set(err, NG_E_IO, of->path, 0, 0, "write failed: %s", strerror(errno));
        if (close(of->fd) != 0 && !rc)
            rc = ng_error_set(err, NG_E_IO, of->path, 0, 0, "write failed: %s", strerror(errno));
        of->fd = -1;
    }
    if (!rc && of->tmp && rename(of->tmp, of->path) != 0)
        rc = ng_error_set(err, NG_E_IO, of->path, 0, 0, "cannot rename into place: %s", strerror(errno));
    if (!rc && of->tmp) { ng_tmp_untrack(of->tmp); free(of->tmp); of->tmp = NULL; }
    ng_outfile_abort(of);
    return rc;
}

void ng_outfile_abort(ng_outfile *of) {
    if (of->fd >= 0) close(of->fd);
    of->fd = -1;
    if (of->tmp) {
        unlink(of->tmp);
        ng_tmp_untrack(of->tmp);
        free(of->tmp);
        of->tmp = NULL;
    }
    free(of->path);
    of->path = NULL;
}

/* ## The record of files verified before
 *
 * Compiled dictionary images (ng_dict_open_recorded) and compiled name
 * lists (ng_namelist_add_file_recorded) are verified whole when opened
 * (checksum, index checks), which reads all of them. The record lists the
 * files verified so, each by the file's device, inode, size, modification
 * and change times, the checksum in its header and the verification rules
 * of its kind; a file listed so is trusted without being read again. Any
 * write to the file changes its change time (which no user can set back),
 * a new file has a new inode: either makes it verified again. A file is
 * listed only when its change time was at least RECORD_SETTLE seconds old
 * before it was read (ng_record_settled), so that a write in the same tick
 * of the file system's clock cannot go unseen, and only when the file's
 * status did not change while it was read. Entries of other rules are not
 * trusted. (The file is still called verified-images: the name lists came
 * later, with rules numbers of their own.) */
#define RECORD_MAGIC "newsgraph verified images 1\n"
enum { RECORD_MAX = 256, RECORD_SETTLE = 2, RECORD_BYTES = 1 << 20 };

ng_vrec ng_vrec_of(const struct stat *st, uint64_t sum, unsigned rules) {
    return (ng_vrec){(unsigned long long)st->st_dev, (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
                     (unsigned long long)st->st_mtim.tv_sec, (unsigned long long)st->st_mtim.tv_nsec,
                     (unsigned long long)st->st_ctim.tv_sec, (unsigned long long)st->st_ctim.tv_nsec,
                     (unsigned long long)sum, rules};
}

int ng_record_settled(const struct stat *st) {
    struct timespec now;
    return clock_gettime(CLOCK_REALTIME, &now) == 0 && st->st_ctim.tv_sec + RECORD_SETTLE <= now.tv_sec;
}

/* An entry: the whole line, as record_add writes it. */
static int vrec_line(const char *line, ng_vrec *r) {
    int end = -1;
    return sscanf(line, "%llu %llu %llu %llu.%llu %llu.%llu %llx %u%n", &r->dev, &r->ino, &r->size, &r->msec,
                  &r->mnsec, &r->csec, &r->cnsec, &r->sum, &r->rules, &end) == 9 && end > 0 && line[end] == 0;
}

int ng_vrec_eq(const ng_vrec *a, const ng_vrec *b) {
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->msec == b->msec &&
           a->mnsec == b->mnsec && a->csec == b->csec && a->cnsec == b->cnsec && a->sum == b->sum &&
           a->rules == b->rules;
}

/* The record's text (NUL-terminated, malloc'd), or NULL: none, unreadable,
 * too big, or not a record. */
static char *record_read(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *buf = malloc(RECORD_BYTES + 1);
    size_t n = buf ? fread(buf, 1, RECORD_BYTES + 1, f) : 0;
    fclose(f);
    if (!buf || n > RECORD_BYTES || n < sizeof RECORD_MAGIC - 1 || memcmp(buf, RECORD_MAGIC, sizeof RECORD_MAGIC - 1)) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    return buf;
}

/* The record's entries, in order: the complete lines that parse (cut in
 * place into 'buf', from record_read), malloc'd; *n set. NULL with *n 0
 * when there are none or no memory. */
typedef struct ventry { const char *line; ng_vrec r; } ventry;
static ventry *record_entries(char *buf, size_t *n) {
    *n = 0;
    if (!buf) return NULL;
    size_t cap = 0;
    for (const char *c = buf; *c; c++) cap += *c == '\n';
    ventry *v = cap ? malloc(cap * sizeof *v) : NULL;
    if (!v) return NULL;
    for (char *l = buf + sizeof RECORD_MAGIC - 1, *nl; (nl = strchr(l, '\n')); l = nl + 1) {
        *nl = 0;   /* (a line cut short at the end is no entry) */
        if (vrec_line(l, &v[*n].r)) v[(*n)++].line = l;
    }
    return v;
}

int ng_record_has(const char *path, const ng_vrec *want) {
    char *buf = record_read(path);
    size_t n;
    ventry *v = record_entries(buf, &n);
    int found = 0;
    for (size_t k = 0; k < n && !found; k++) found = ng_vrec_eq(&v[k].r, want);
    free(v);
    free(buf);
    return found;
}

/* Adds r to the record, in place of an entry of the same file, keeping
 * the newest RECORD_MAX entries; written atomically (ng_outfile). Best
 * effort: a record that cannot be written only costs the next open a
 * verification. */
void ng_record_add(const char *path, const ng_vrec *r) {
    char *buf = record_read(path);
    size_t n;
    ventry *v = record_entries(buf, &n);
    ng_outfile of;
    ng_error err = {0};
    if (ng_outfile_open(&of, path, &err) == NG_OK) {
        int bad = dprintf(of.fd, "%s", RECORD_MAGIC) < 0;
        /* the others but the newest RECORD_MAX - 1 go */
        size_t others = 0;
        for (size_t k = 0; k < n; k++) others += !(v[k].r.dev == r->dev && v[k].r.ino == r->ino);
        size_t skip = others >= RECORD_MAX ? others - (RECORD_MAX - 1) : 0;
        for (size_t k = 0; k < n && !bad; k++) {
            if (v[k].r.dev == r->dev && v[k].r.ino == r->ino) continue;
            if (skip) { skip--; continue; }
            bad = dprintf(of.fd, "%s\n", v[k].line) < 0;
        }
        if (!bad)
            bad = dprintf(of.fd, "%llu %llu %llu %llu.%09llu %llu.%09llu %016llx %u\n", r->dev, r->ino, r->size, r->msec,
                          r->mnsec, r->csec, r->cnsec, r->sum, r->rules) < 0;
        if (bad) ng_outfile_abort(&of);
        else (void)ng_outfile_commit(&of, &err);
    }
    free(v);
    free(buf);
}

