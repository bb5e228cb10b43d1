/* newsgraph base layer, project-internal (used by tagger/, graph/ and
 * tools/; never installed): the one allocation policy, strings, directory
 * listing, columns and output files.
 *
 * Allocation policy: library code never prints or aborts when memory runs
 * out; these helpers report it (-1, NULL or NG_E_NOMEM) and leave what the
 * caller had untouched, and the caller returns NG_E_NOMEM. */
#ifndef NG_BASE_INTERNAL_H
#define NG_BASE_INTERNAL_H

#include <stddef.h>
#include "base.h"

/* ## Memory */

/* Grows the array *v of *cap elements of 'elt' bytes so that it holds at
 * least 'need' elements (capacity 64, doubled until it is enough). Returns 0,
 * or -1 when out of memory or when the size overflows size_t; on failure *v
 * and *cap are unchanged (the old array stays valid and owned by the caller). */
int ng_grow(void **v, size_t *cap, size_t need, size_t elt);

/* Asks the kernel to back the 2 MB aligned part of the malloc'd block or
 * mapped file [p, p + n) with huge pages, when n >= NG_HUGE_MIN (a hint: no
 * effect when the system has none). ng_grow calls it; so should other
 * growing buffers that reach tens of MB, and the loaders of mapped images
 * (a file's page cache is then read in 2 MB folios where its file system
 * has them). From 1 MB ng_grow moves an array to a block of
 * its own (at 4 MB, its doublings copied through 1, 2 and 4 MB of fresh
 * heap: ~2,000 more page faults for a 100 MB article, ~10,100 -> ~8,200). */
#define NG_HUGE_MIN ((size_t)1 << 20)
/* ng_grow's large blocks: above glibc's largest mmap threshold */
#define NG_MAP_MIN ((size_t)32 << 20)
void ng_huge_hint(void *p, size_t n);

/* Seconds on the monotonic clock (for timing and time limits; not a date). */
double ng_seconds(void);

/* Spare blocks: large arrays that are dead for the rest of an article,
 * kept so that an array filled after them can take one instead of fresh
 * memory. A fresh page costs a fault and a zero fill, and on a virtual
 * machine whose freed memory goes back to its host (virtio-balloon free
 * page reporting) also the host's fault: ~2 ms a MB measured here, against
 * ~0.06 ms for pages the process already has. */
enum { NG_NSPARE = 8 };
typedef struct ng_spares {
    void *p[NG_NSPARE];
    size_t bytes[NG_NSPARE];
    size_t n;
} ng_spares;

/* Takes the malloc'd block p of 'bytes' bytes (freed at once when the list
 * is full and it is the smallest). */
void ng_spare_put(ng_spares *s, void *p, size_t bytes);

/* As ng_grow, but when *v must grow, it first takes the smallest spare
 * block of at least need * elt bytes (its contents are garbage; the old
 * array is freed, not copied: for arrays that are filled afresh). */
int ng_grow_spare(ng_spares *s, void **v, size_t *cap, size_t need, size_t elt);

/* Frees the spare blocks. */
void ng_spares_free(ng_spares *s);

/* A malloc'd copy of s[0, n) with a NUL after it (s may hold NULs; n bytes
 * are copied); NULL when out of memory. */
char *ng_strndup(const char *s, size_t n);

/* Frees the n strings of v and v itself (v may be NULL). */
void ng_strv_free(char **v, size_t n);

/* ## Directories */

/* Lists the directory 'dir': every entry but "." and ".." (files,
 * directories, links, FIFOs: the caller looks at what it wants; names that
 * start with '.' are included) whose name ends in 'suffix' and is longer than
 * it (suffix NULL or "": every entry), sorted bytewise by name (strcmp), as
 * malloc'd "dir/name" strings ("dirname" when 'dir' already ends in '/').
 * There is no limit on the count. On success *paths (NULL when empty) and
 * *npaths receive the list, to be released with ng_strv_free; on failure
 * they are NULL and 0 and the result is NG_E_IO (err: the path and
 * strerror) or NG_E_NOMEM. */
int ng_dir_list(const char *dir, const char *suffix, char ***paths, size_t *npaths, ng_error *err);

/* ## Text positions */

/* The 1-based column, in characters (UTF-8 code points), of byte offset
 * 'off' of 'line': one plus the number of bytes in line[0, off) that are not
 * continuation bytes (10xxxxxx). */
long ng_col_of(const char *line, size_t off);

/* ## Output files (fileio.c) */

/* Output files are written atomically (a temporary file renamed over the
 * target), except when the target exists and is not a regular file
 * (/dev/null, /dev/stdout, a FIFO): renaming over it would replace the
 * device, so it is written in place. Returns 1 for such a path. */
int ng_path_is_special(const char *path);

/* An output file written atomically: ng_outfile_open resolves symbolic
 * links (the link's target is written, the link stays), then creates a
 * temporary file (ng_tmp_create) in the target's directory (".NAME.XXXXXX",
 * the target's mode or 0666 & ~umask), or opens a special file (device,
 * FIFO) in place. Write to 'fd'; ng_outfile_commit syncs, closes and renames
 * it over the target; ng_outfile_abort (or a failed commit) removes it. The
 * temporary file is on the list ng_tmp_cleanup removes. The struct owns
 * 'path' and 'tmp' until commit/abort. */
typedef struct ng_outfile {
    int fd;        /* write here */
    int special;   /* written in place, no rename */
    char *path;    /* the file finally written (a link's target) */
    char *tmp;     /* temporary name, NULL when special */
} ng_outfile;
int ng_outfile_open(ng_outfile *of, const char *path, ng_error *err);
int ng_outfile_commit(ng_outfile *of, ng_error *err);
void ng_outfile_abort(ng_outfile *of);
/* Temporary files to remove if the process is stopped by a signal:
 * ng_tmp_track copies 'path' into a table of 16 (-1 when full);
 * ng_tmp_cleanup unlinks them all and is async-signal-safe (the CLI calls
 * it from its SIGINT/SIGTERM handler). */
int ng_tmp_track(const char *path);
void ng_tmp_untrack(const char *path);
void ng_tmp_cleanup(void);
/* As mkostemp(tmpl, O_CLOEXEC) (tmpl ends in XXXXXX, replaced; mode
 * 0600), the name tracked for ng_tmp_cleanup before the file is created,
 * so that no signal leaves it behind (mkstemp then ng_tmp_track had a
 * window between the two). The caller untracks it when it is renamed or
 * removed. -1 with errno set on failure. */
int ng_tmp_create(char *tmpl);

/* ## The record of files verified before (fileio.c)
 *
 * A file of entries, one a verified file: its device, inode, size,
 * modification and change times, the checksum in its header and the
 * verification rules of its kind (a number per kind of file, raised when
 * its verification checks more). ng_record_has: is 'want' listed in the
 * record at 'path' (0 when it is not, or the record is missing, unreadable
 * or no record). ng_record_add: lists r there in place of an entry of the
 * same file, keeping the newest 256, written atomically; best effort (a
 * record that cannot be written only costs the next open a verification).
 * ng_record_settled: was st's last change at least two seconds ago (then
 * a file verified may be listed)? */
typedef struct ng_vrec {
    unsigned long long dev, ino, size, msec, mnsec, csec, cnsec, sum;
    unsigned rules;
} ng_vrec;
struct stat;
ng_vrec ng_vrec_of(const struct stat *st, uint64_t sum, unsigned rules);
int ng_vrec_eq(const ng_vrec *a, const ng_vrec *b);
int ng_record_has(const char *path, const ng_vrec *want);
void ng_record_add(const char *path, const ng_vrec *r);
int ng_record_settled(const struct stat *st);

#endif
