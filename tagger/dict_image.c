/* Compiled dictionary images: verification, loading (mmap), saving, and
 * the lookups of a loaded dictionary's entities. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>
#include <utf8proc.h>
#include "base_internal.h"
#include "dict.h"
#include "inflect.h"
#include "norm.h"


/* Drops pages of a mapped image from the resident set once checked. */
static void drop_pages(const void *p, size_t n) {
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
    if (e > a) madvise((void *)a, e - a, MADV_DONTNEED);
}

/* The checksum of the image body, computed by a second thread while the
 * first checks the structure. A mapped file is read through the mapping in
 * 8 MiB blocks, each dropped from the resident set once hashed (twice as
 * fast as reading it again with pread, and the resident set stays small). */
typedef struct sum_job {
    const unsigned char *p;
    size_t n;
    int drop;
    size_t keep_from, keep_to;  /* offsets in p of pages not to drop */
    uint64_t sum;
    const ng_dict *d;           /* not NULL: then check part 2 of the structure */
    const char *name;
    int rc;
    ng_error err;
} sum_job;
static int image_part(const ng_dict *d, int part, const char *name, int drop, ng_error *err);
static void sum_only(sum_job *j);
static void *sum_main(void *arg) {
    sum_job *j = arg;
    sum_only(j);
    if (j->d) j->rc = image_part(j->d, 2, j->name, j->drop, &j->err);
    return NULL;
}
static void sum_only(sum_job *j) {
    if (!j->drop) { j->sum = XXH3_64bits(j->p, j->n); return; }
    XXH3_state_t *st = XXH3_createState();
    if (!st || XXH3_64bits_reset(st) != XXH_OK) {   /* no memory for the state: in one go */
        XXH3_freeState(st);
        j->sum = XXH3_64bits(j->p, j->n);
        return;
    }
    for (size_t done = 0; done < j->n;) {
        size_t k = j->n - done < (8u << 20) ? j->n - done : (8u << 20);
        XXH3_64bits_update(st, j->p + done, k);
        /* (not what matching reads at random: see image_part) */
        if (done + k <= j->keep_from || done >= j->keep_to) drop_pages(j->p + done, k);
        done += k;
    }
    j->sum = XXH3_64bits_digest(st);
    XXH3_freeState(st);
}

static int image_sections(const unsigned char *base, size_t size, const char *name, ng_dict *d, ng_error *err);

static int sect_ok(const img_header *h, uint64_t off, uint64_t count, size_t elt, size_t size) {
    if (off % 8 || off < sizeof *h || off > size) return 0;
    if (count > (size - off) / (elt ? elt : 1)) return 0;
    return 1;
}

/* The header: magic, byte order, format and Unicode versions, size. */
static int image_header(const unsigned char *base, size_t size, const char *name, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    if (size < sizeof(img_header) || memcmp(base, NG_IMAGE_MAGIC, 8)) {
        if (size >= 8 && !memcmp(base, NG_IMAGE_MAGIC, 8)) BAD("truncated compiled dictionary (%zu bytes)", size);
        BAD("not a newsgraph compiled dictionary");
    }
    const img_header *h = (const img_header *)base;
    if (h->endian != 0x01020304) BAD("compiled dictionary has the wrong byte order");
    if (h->version != NG_IMAGE_VERSION)
        BAD("compiled dictionary format version %u; this newsgraph reads version %u (recompile with 'newsgraph dict compile')",
            h->version, NG_IMAGE_VERSION);
    if (h->file_size != size) {
        if (h->file_size > size) BAD("truncated compiled dictionary (%zu of %llu bytes)", size, (unsigned long long)h->file_size);
        BAD("compiled dictionary has %zu trailing bytes", size - (size_t)h->file_size);
    }
    if (strncmp(h->unicode, utf8proc_unicode_version(), sizeof h->unicode))
        BAD("compiled dictionary was built with Unicode %.15s; this newsgraph uses Unicode %s (recompile with 'newsgraph dict compile')",
            h->unicode, utf8proc_unicode_version());
    return NG_OK;
#undef BAD
}

/* fd >= 0: 'base' maps that file; what was hashed and checked is dropped
 * from the resident set. */
int ng_dict_image_verify(const unsigned char *base, size_t size, const char *name, int check_sum,
                         int fd, ng_dict *d, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    int hr = image_header(base, size, name, err);
    if (hr) return hr;
    const img_header *h = (const img_header *)base;
    /* the checksum of a large image and part 2 of the structure are
     * checked by a second thread while this one checks parts 0 and 1; a
     * checksum mismatch is reported first, then the first part that fails */
    int drop = fd >= 0;
    int rc = image_sections(base, size, name, d, err);
    sum_job sj = {base + sizeof *h, size - sizeof *h, drop, 0, 0, 0, rc ? NULL : d, name, NG_OK, {0}};
    if (!rc) {   /* the vocabulary and the transitions, adjacent */
        sj.keep_from = h->off_vocab - sizeof *h;
        sj.keep_to = h->off_trans + (size_t)h->trans_size * sizeof(img_tslot) - sizeof *h;
    }
    pthread_t tid;
    int threaded = check_sum && size >= (8u << 20) && pthread_create(&tid, NULL, sum_main, &sj) == 0;
    if (!threaded && check_sum) sum_only(&sj);
    ng_error err1 = {0};
    int rc0 = rc ? rc : image_part(d, 0, name, drop, err);
    int rc1 = rc || rc0 ? NG_OK : image_part(d, 1, name, drop, &err1);
    if (threaded) pthread_join(tid, NULL);
    else if (!rc) sj.rc = image_part(d, 2, name, drop, &sj.err);
    if (check_sum && sj.sum != h->checksum) {
        memset(d, 0, sizeof *d);
        BAD("compiled dictionary is corrupt (checksum mismatch)");
    }
    /* the first failure in the order of the parts */
    if (!rc) rc = rc0;
    if (!rc && rc1) { if (err) *err = err1; rc = rc1; }
    if (!rc && sj.rc) { if (err) *err = sj.err; rc = sj.rc; }
    if (rc) memset(d, 0, sizeof *d);
    return rc;
#undef BAD
}

/* The structure of an image whose header was checked: every section inside
 * the file (image_sections, which also sets d's pointers), then every index
 * the matcher follows in range (image_part 0, 1 and 2, independent of one
 * another: image_verify runs part 2 on the checksum thread). */
static int image_sections(const unsigned char *base, size_t size, const char *name, ng_dict *d, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    const img_header *h = (const img_header *)base;
    if (!sect_ok(h, h->off_entities, h->n_entities, sizeof(img_entity), size) ||
        !sect_ok(h, h->off_aliases, h->n_aliases, 4, size) ||
        !sect_ok(h, h->off_tokens, h->n_tokens, sizeof(img_token), size) ||
        h->vocab_size < 2 || h->trans_size < 2 ||
        !sect_ok(h, h->off_vocab, h->vocab_size, sizeof(img_vslot), size) ||
        !sect_ok(h, h->off_vtags, h->vocab_size, 1, size) ||
        !sect_ok(h, h->off_trans, h->trans_size, sizeof(img_tslot), size) ||
        h->n_nodes > 0xFFFFFFF0u ||
        !sect_ok(h, h->off_nodes, (uint64_t)h->n_nodes + 2, 4, size) ||
        !sect_ok(h, h->off_outputs, h->n_outputs, sizeof(img_output), size) ||
        !sect_ok(h, h->off_ids, h->n_entities, 4, size) ||
        !sect_ok(h, h->off_strings, h->strings_size, 1, size) || h->strings_size == 0 ||
        h->n_tokens >= h->vocab_size)
        BAD("compiled dictionary is corrupt (bad section table)");
    d->base = base;
    d->size = size;
    d->h = h;
    d->ent = (const img_entity *)(base + h->off_entities);
    d->aliases = (const uint32_t *)(base + h->off_aliases);
    d->tok = (const img_token *)(base + h->off_tokens);
    d->vocab = (const img_vslot *)(base + h->off_vocab);
    d->vtags = base + h->off_vtags;
    d->trans = (const img_tslot *)(base + h->off_trans);
    d->nodes = (const uint32_t *)(base + h->off_nodes);
    d->out = (const img_output *)(base + h->off_outputs);
    d->ids = (const uint32_t *)(base + h->off_ids);
    d->str = (const char *)(base + h->off_strings);
    uint64_t ss = h->strings_size;
    if (d->str[ss - 1] != 0) BAD("compiled dictionary is corrupt (strings)");
    return NG_OK;
#undef BAD
}

static int image_part(const ng_dict *d, int part, const char *name, int drop, ng_error *err) {
#define BAD(...) return ng_error_set(err, NG_E_FORMAT, name, 0, 0, __VA_ARGS__)
    const img_header *h = d->h;
    uint64_t ss = h->strings_size;
    if (part == 0) {
        /* every index the matcher follows is checked once here */
        for (uint32_t i = 0; i < h->n_entities; i++) {
            const img_entity *e = &d->ent[i];
            if (e->id >= ss || e->type >= ss || e->name >= ss || e->attrs >= ss ||
                (uint64_t)e->alias_first + e->alias_count > h->n_aliases || d->ids[i] >= h->n_entities)
                BAD("compiled dictionary is corrupt (entity %u)", i);
        }
        if (drop) drop_pages(d->ent, (size_t)h->n_entities * sizeof *d->ent);
        for (uint32_t i = 0; i < h->n_aliases; i++)
            if (d->aliases[i] >= ss) BAD("compiled dictionary is corrupt (alias %u)", i);
        if (drop) drop_pages(d->aliases, (size_t)h->n_aliases * 4);
        for (uint32_t i = 0; i < h->n_tokens; i++) {
            const img_token *t = &d->tok[i];
            if ((uint64_t)t->str + t->len >= ss || t->root > h->n_nodes) BAD("compiled dictionary is corrupt (token %u)", i);
        }
        if (drop) drop_pages(d->tok, (size_t)h->n_tokens * sizeof *d->tok);
    } else if (part == 1) {
        int empty = 0;
        for (uint64_t i = 0; i < h->vocab_size; i++) {
            if (!d->vocab[i].tok1 != !d->vtags[i] || (d->vtags[i] && d->vtags[i] != tag_of(d->vocab[i].hash)))
                BAD("compiled dictionary is corrupt (vocabulary tags)");
            if (!d->vocab[i].tok1) { empty = 1; continue; }
            if (d->vocab[i].tok1 > h->n_tokens || (d->vocab[i].root & ~NODE_TERMINAL) > h->n_nodes)
                BAD("compiled dictionary is corrupt (vocabulary)");
        }
        if (!empty) BAD("compiled dictionary is corrupt (vocabulary full)");
        /* the vocabulary and the transitions stay mapped: matching reads
         * most of their pages anyway (dropped, they would be faulted in a
         * second time); they are clean file pages the kernel can reclaim */
        empty = 0;
        for (uint64_t i = 0; i < h->trans_size; i++) {
            const img_tslot *s = &d->trans[i];
            if (!s->node) { empty = 1; continue; }
            uint32_t ch = s->child & ~NODE_TERMINAL;
            if (s->node > h->n_nodes || ch > h->n_nodes || ch == 0 || s->tok >= h->n_tokens)
                BAD("compiled dictionary is corrupt (transitions)");
        }
        if (!empty) BAD("compiled dictionary is corrupt (transitions full)");
    } else {
        for (uint64_t i = 0; i <= (uint64_t)h->n_nodes + 1; i++)
            if (d->nodes[i] > h->n_outputs || (i && d->nodes[i] < d->nodes[i - 1]))
                BAD("compiled dictionary is corrupt (nodes)");
        for (uint32_t i = 0; i < h->n_outputs; i++) {
            const img_output *o = &d->out[i];
            if (o->entity >= h->n_entities ||
                ((o->cased != NG_NO_STRING || (o->flags & OUT_CASED)) && o->cased >= ss))   /* the matcher reads it */
                BAD("compiled dictionary is corrupt (outputs)");
        }
    }
    return NG_OK;
#undef BAD
}

int ng_dict_open_image(const void *data, size_t len, const char *name, ng_dict **out, ng_error *err) {
    *out = NULL;
    ng_norm_init();
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy) return ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL);
    memcpy(copy, data, len);
    ng_dict *d = calloc(1, sizeof *d);
    if (!d) { free(copy); return ng_error_set(err, NG_E_NOMEM, name, 0, 0, NULL); }
    int rc = ng_dict_image_verify(copy, len, name ? name : "<image>", 1, -1, d, err);
    if (rc) { free(copy); free(d); return rc; }
    *out = d;
    return NG_OK;
}

int ng_dict_is_image(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NG_E_IO;
    char m[8];
    ssize_t n = read(fd, m, 8);
    close(fd);
    if (n < 0) return NG_E_IO;
    return n == 8 && !memcmp(m, NG_IMAGE_MAGIC, 8);
}

/* ## Images verified before
 *
 * Verifying an image reads all of it (checksum, index checks): at 1M names
 * (134 MB) 26-33 ms right after it was written, 80-119 ms once its pages
 * had gone cold on this project's VM, at every start of the CLI. The record
 * of files verified before (fileio.c, ng_record_has) lists the images this
 * function verified; an image listed so is trusted without being read
 * again. The header and the section table are checked at every open.
 * Entries of other verification rules (RECORD_RULES, raised when
 * image_part checks more) are not trusted. */
enum { RECORD_RULES = 1 };

int ng_dict_open(const char *path, ng_dict **out, ng_error *err) { return ng_dict_open_recorded(path, NULL, out, err); }

int ng_dict_open_recorded(const char *path, const char *record, ng_dict **out, ng_error *err) {
    *out = NULL;
    ng_norm_init();
    int img = ng_dict_is_image(path);
    if (img < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    if (!img) {
        ng_dict_builder *b = ng_dict_builder_new();
        if (!b) return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL);
        int rc = ng_dict_builder_add_file(b, path, err);
        if (!rc) rc = ng_dict_builder_finish(b, out, err);
        ng_dict_builder_free(b);
        return rc;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0) { close(fd); return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot stat"); }
    size_t size = (size_t)st.st_size;
    /* (read before the image, for the record: how old its last change is) */
    int settled = record && ng_record_settled(&st);
    /* no MAP_POPULATE: verification reads the checksum from the file and
     * drops the sections it checked, so that the resident set holds only
     * what matching touches (faulted in from the page cache) */
    void *base = mmap(NULL, size ? size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) {
        close(fd);
        return ng_error_set(err, NG_E_IO, path, 0, 0, "cannot map: %s", strerror(errno));
    }
    /* (marked for huge pages: read cold, the image's page cache is then
     * filled in 2 MB folios, on kernels whose file system has large
     * folios, and mapped in 2 MB pages: the matcher's random reads of a
     * 1M-name image missed the TLB on every table; one thread, 100 MB:
     * 1.83 -> 1.55 s here) */
    ng_huge_hint(base, size);
    ng_dict *d = calloc(1, sizeof *d);
    if (!d) { close(fd); munmap(base, size); return ng_error_set(err, NG_E_NOMEM, path, 0, 0, NULL); }
    int rc = image_header(base, size, path, err);
    ng_vrec want = {0};
    if (!rc && record) {
        want = ng_vrec_of(&st, ((const img_header *)base)->checksum, RECORD_RULES);
        d->trusted = ng_record_has(record, &want);
    }
    if (!rc && d->trusted) rc = image_sections(base, size, path, d, err);
    else if (!rc) {
        rc = ng_dict_image_verify(base, size, path, 1, fd, d, err);
        struct stat st2;
        if (!rc && settled && fstat(fd, &st2) == 0) {
            ng_vrec after = ng_vrec_of(&st2, want.sum, RECORD_RULES);
            if (ng_vrec_eq(&after, &want)) ng_record_add(record, &want);
        }
    }
    close(fd);
    if (rc) { munmap(base, size ? size : 1); free(d); return rc; }
    d->mapped = 1;
    *out = d;
    return NG_OK;
}

int ng_dict_trusted(const ng_dict *d) { return d && d->trusted; }

int ng_dict_save(const ng_dict *d, const char *path, ng_error *err) {
    ng_outfile of;
    int rc = ng_outfile_open(&of, path, err);
    if (rc) return rc;
    const unsigned char *p = d->base;
    size_t left = d->size;
    while (left) {
        ssize_t w = write(of.fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ng_outfile_abort(&of);
            return ng_error_set(err, NG_E_IO, path, 0, 0, "write failed: %s", strerror(e));
        }
        p += w; left -= (size_t)w;
    }
    return ng_outfile_commit(&of, err);
}

void ng_dict_free(ng_dict *d) {
    if (!d) return;
    if (d->mapped) munmap((void *)d->base, d->size ? d->size : 1);
    else free((void *)d->base);
    free(d);
}

size_t ng_dict_entity_count(const ng_dict *d) { return d ? d->h->n_entities : 0; }
size_t ng_dict_alias_count(const ng_dict *d) { return d ? d->h->n_aliases : 0; }

int ng_dict_entity(const ng_dict *d, size_t i, ng_entity *out) {
    if (!d || i >= d->h->n_entities) return NG_E_ARG;
    const img_entity *e = &d->ent[i];
    out->id = d->str + e->id;
    out->type = d->str + e->type;
    out->name = d->str + e->name;
    out->attrs = d->str + e->attrs;
    out->priority = e->priority;
    return NG_OK;
}

long ng_dict_find_id(const ng_dict *d, const char *id) {
    if (!d) return -1;
    size_t lo = 0, hi = d->h->n_entities;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->str + d->ent[d->ids[mid]].id, id);
        if (!c) return d->ids[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

int ng_dict_check_types(const ng_dict *earlier, const char *earlier_name, const ng_dict *later,
                        const char *later_name, ng_error *err) {
    if (!earlier || !later) return NG_OK;
    int small_later = later->h->n_entities <= earlier->h->n_entities;
    const ng_dict *a = small_later ? later : earlier, *b = small_later ? earlier : later;
    for (size_t i = 0; i < a->h->n_entities; i++) {
        const img_entity *e = &a->ent[i];
        long j = ng_dict_find_id(b, a->str + e->id);
        if (j < 0) continue;
        const char *ta = a->str + e->type, *tb = b->str + b->ent[j].type;
        if (strcmp(ta, tb))
            return ng_error_set(err, NG_E_FORMAT, later_name, 0, 0,
                                "id '%s' is %s here and %s in %s: one id is one entity (give this one another id)",
                                a->str + e->id, small_later ? ta : tb, small_later ? tb : ta, earlier_name);
    }
    return NG_OK;
}

void ng_dict_entity_aliases(const ng_dict *d, size_t i, ng_alias_fn fn, void *userdata) {
    if (!d || i >= d->h->n_entities) return;
    const img_entity *e = &d->ent[i];
    for (uint32_t k = 0; k < e->alias_count; k++) fn(d->str + d->aliases[e->alias_first + k], userdata);
}
