/* newsgraph serve: the cache of API answers. serve only reads the
 * database, so an answer stays true until another process (an ingest, a
 * curation) commits: every answer is kept under its request (path and
 * parameters) and the generation it was computed in, and the generation
 * moves on when any worker's connection sees a commit (PRAGMA
 * data_version), which empties the cache. Bounded in bytes; the oldest
 * answers go first. One mutex: a lookup is a hash probe and a copy. */
#include <stdatomic.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "serve.h"

#define NBUCKET 8192

typedef struct entry {
    struct entry *next;          /* bucket chain */
    struct entry *older, *newer; /* age list */
    uint64_t hash;
    unsigned status;
    const char *mime;            /* a static string */
    char *key, *body;
    size_t len, bytes;
} entry;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static entry *bucket[NBUCKET];
static entry *oldest, *newest;
static size_t used, limit;
static atomic_ulong generation = 1;

static uint64_t hash_of(const char *s) {   /* FNV-1a */
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void unlink_entry(entry *e) {
    entry **p = &bucket[e->hash % NBUCKET];
    while (*p != e) p = &(*p)->next;
    *p = e->next;
    if (e->older) e->older->newer = e->newer; else oldest = e->newer;
    if (e->newer) e->newer->older = e->older; else newest = e->older;
    used -= e->bytes;
    free(e->key); free(e->body); free(e);
}

static void clear_locked(void) {
    while (oldest) unlink_entry(oldest);
}

void serve_cache_init(size_t max_bytes) {
    pthread_mutex_lock(&mu);
    limit = max_bytes;
    clear_locked();
    pthread_mutex_unlock(&mu);
}

void serve_cache_free(void) { serve_cache_init(0); }

unsigned long serve_cache_generation(ng_store *s, long long *seen) {
    long long v = ng_store_data_version(s);
    if (v != *seen) {
        /* a commit this connection had not seen: answers computed before
         * it may be stale (the first look at a connection counts too: it
         * may have opened after the commit another connection missed) */
        *seen = v;
        pthread_mutex_lock(&mu);
        atomic_fetch_add(&generation, 1);
        clear_locked();
        pthread_mutex_unlock(&mu);
    }
    return atomic_load(&generation);
}

unsigned long serve_cache_current(void) { return atomic_load(&generation); }

int serve_cache_get(const char *key, unsigned long gen, serve_reply *r) {
    if (!limit) return 0;
    uint64_t h = hash_of(key);
    int found = 0;
    pthread_mutex_lock(&mu);
    if (gen == atomic_load(&generation)) {
        for (entry *e = bucket[h % NBUCKET]; e; e = e->next) {
            if (e->hash != h || strcmp(e->key, key)) continue;
            char *b = malloc(e->len + 1);
            if (b) {
                memcpy(b, e->body, e->len + 1);
                r->status = e->status; r->mime = e->mime; r->body = b; r->len = e->len;
                found = 1;
            }
            break;
        }
    }
    pthread_mutex_unlock(&mu);
    return found;
}

void serve_cache_put(const char *key, unsigned long gen, const serve_reply *r) {
    size_t kl = strlen(key), bytes = sizeof(entry) + kl + r->len + 2;
    if (!limit || !r->body || bytes > limit / 8) return;
    entry *e = calloc(1, sizeof *e);
    char *k = malloc(kl + 1), *b = malloc(r->len + 1);
    if (!e || !k || !b) { free(e); free(k); free(b); return; }
    memcpy(k, key, kl + 1);
    memcpy(b, r->body, r->len);
    b[r->len] = 0;
    *e = (entry){.hash = hash_of(key), .status = r->status, .mime = r->mime, .key = k, .body = b,
                 .len = r->len, .bytes = bytes};
    pthread_mutex_lock(&mu);
    int keep = gen == atomic_load(&generation);
    for (entry *x = keep ? bucket[e->hash % NBUCKET] : NULL; x; x = x->next)
        if (x->hash == e->hash && !strcmp(x->key, key)) { keep = 0; break; }   /* another thread was first */
    if (keep) {
        while (used + bytes > limit && oldest) unlink_entry(oldest);
        e->next = bucket[e->hash % NBUCKET];
        bucket[e->hash % NBUCKET] = e;
        e->older = newest;
        if (newest) newest->newer = e; else oldest = e;
        newest = e;
        used += bytes;
    }
    pthread_mutex_unlock(&mu);
    if (!keep) { free(k); free(b); free(e); }
}
