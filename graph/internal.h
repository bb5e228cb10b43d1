/* Internal to graph/: the store structure, hash maps, helpers. */
#ifndef NG_GRAPH_INTERNAL_H
#define NG_GRAPH_INTERNAL_H
#include <stdio.h>
#include <sqlite3.h>
#include "graph.h"
#include "base_internal.h"
#include "norm.h"

/* ## Maps (open addressing) */
/* u64 key -> size_t value; key 0 is reserved (never stored). */
typedef struct u64map {
    uint64_t *keys;
    size_t *vals;
    size_t cap, n;
} u64map;
void u64map_free(u64map *m);
void u64map_clear(u64map *m);
/* Returns a pointer to the value slot for 'key', inserting 'dflt' if absent;
 * '*found' tells which. NULL on allocation failure. */
size_t *u64map_put(u64map *m, uint64_t key, size_t dflt, int *found);
size_t *u64map_get(const u64map *m, uint64_t key);

/* string key -> int64 value (keys copied). */
typedef struct strmap {
    char **keys;
    uint64_t *hashes;
    int64_t *vals;
    size_t cap, n;
} strmap;
void strmap_free(strmap *m);
void strmap_clear(strmap *m);
int strmap_put(strmap *m, const char *key, int64_t val);   /* 0 ok, -1 nomem */
int strmap_get(const strmap *m, const char *key, int64_t *val); /* 1 found */

uint64_t ng_hash64(const void *data, size_t len, uint64_t h);
/* ng_split_sentences up to the sentence that starts after byte 'last' (the
 * sentences before it are those of the whole text). */
long ngg_split_sentences_to(const char *t, size_t len, size_t last, ng_sentence_fn fn, void *ud);
#define NG_HASH_SEED 1469598103934665603ULL

/* The folded form of 's' that alias.norm stores and lookups compare with:
 * the tagger's folding (ng_fold_version) in the database's folding version
 * (ng_store.fold; NG_FOLD in every database once opened for writing);
 * text that is not valid UTF-8 is lower-cased in ASCII only. malloc'd;
 * NULL when out of memory. */
char *ngg_fold(int version, const char *s);
/* Re-folds every alias.norm in NG_FOLD (store.c): the migration of
 * databases written with NG_FOLD_V1. Run inside a transaction. */
int ngg_refold_aliases(ng_store *s, ng_error *err);
/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void ngg_now_iso(char buf[32]);
/* "YYYY-MM-DD..." -> YYYYMMDD, 0 if not a date. */
int ngg_date(const char *s);
/* YYYYMMDD -> "YYYY-MM-DD" in buf[11]; "" for 0. */
const char *ngg_date_str(int d, char buf[11]);

/* Pending per-batch aggregates. */
typedef struct ent_delta {
    int64_t id;
    long mentions, articles, windows;
    int first, last;
} ent_delta;
typedef struct edge_delta {
    int64_t a, b;
    long windows, articles;
    int first, last;
} edge_delta;

struct ng_store {
    sqlite3 *db;
    char *path;
    long long mentions_added;   /* ng_store_mentions_added */
    int readonly;
    int window;
    int in_batch;
    int in_read;        /* ng_store_read_begin opened a read transaction */
    int busy_ms;
    int fold;           /* folding version of alias.norm (NG_FOLD, NG_FOLD_V1: meta 'fold') */
    strmap ents;        /* entity key -> rowid (cache) */
    u64map ent_idx;     /* rowid -> index in ed */
    ent_delta *ed; size_t ned, ced;
    u64map edge_idx;    /* (a<<32|b) -> index in xd */
    edge_delta *xd; size_t nxd, cxd;
    long d_articles, d_windows;
    struct { const char *sql; sqlite3_stmt *st; } stc[64]; /* cached statements */
    u64map surf_seen;   /* hashes of (entity, surface) already stored as aliases */
    ng_alias_source_fn alias_fn;
    void *alias_ud;
    json_t *lookup_fail;  /* why the last ENTITY lookup failed (lookup.c) */
    json_t *lookup_also;  /* the other entities the last one's name names (lookup.c) */
    struct ngc_state *cur; /* corrections in effect (curate.c), loaded per batch */
};

/* sqlite helpers */
int ngg_db_err(ng_store *s, ng_error *err, const char *what);
int ngg_exec(ng_store *s, const char *sql, ng_error *err);
int ngg_prepare(ng_store *s, const char *sql, sqlite3_stmt **st, ng_error *err);
/* A cached statement for a static SQL string (compared by address): do
 * not finalize it; ngg_done() resets it. */
int ngg_stmt(ng_store *s, const char *sql, sqlite3_stmt **st, ng_error *err);
void ngg_done(sqlite3_stmt *st);
/* Text column as const char* ("" for NULL). */
const char *ngg_col_text(sqlite3_stmt *st, int i);
long long ngg_meta_int(ng_store *s, const char *key, long long dflt);
/* Looks up ENTITY (ng_store_lookup without the candidates; lookup.c). */
int ngg_lookup(ng_store *s, const char *name, int64_t *rowid, ng_error *err);
/* ng_store_lookup, rules 4 and 5 (a surname alone, suggestions: scans of
 * every alias with the typed word's first letter, up to tens of
 * milliseconds on a large graph) only when 'scan' is non-zero. */
int ngg_lookup_rules(ng_store *s, const char *name, int scan, int64_t *rowid, json_t **candidates, ng_error *err);
/* {"id","name","type"} of a rowid. */
json_t *ngg_entity_brief(ng_store *s, int64_t rowid);
/* {"neighbors":[...]}: the 'top' strongest neighbours of rowid x by count,
 * ranked and filtered as ng_query_neighbors does, without the entity's own
 * card and counts (query.c; for ego networks). */
int ngg_neighbors_top(ng_store *s, int64_t x, const ng_filter *f, long min_count, int top, json_t **out,
                      ng_error *err);
/* ## The ego networks' index (ego_index.c) */
/* other entity (index), windows, articles, first and last dates (into
 * 'date'; 0: none) */
typedef struct ngx_link { int32_t o, w, a; uint16_t f, l; } ngx_link;
typedef struct ngx_month { int32_t m, mentions, articles; } ngx_month;  /* month (into 'month'), counts */
struct ng_ego_index {
    size_t n;            /* entities, by rowid */
    int64_t *rowid;      /* ascending */
    size_t *key, *name;  /* offsets into 'text' */
    char *text;
    unsigned char *type; /* into 'types' */
    char *types[256];
    int ntypes;
    int64_t *mentions;
    int64_t *windows;    /* the entity's windows (NPMI of its links) */
    int32_t *rank;       /* place of the key in strcmp order */
    size_t *off;         /* links of entity i: link[off[i] .. off[i+1]) */
    ngx_link *link;      /* by windows, articles (descending), rank */
    /* the entity card's mentions per month: entity i's months are
     * pm[pm_off[i] .. pm_off[i+1]), ascending; NULL pm_off: not built */
    char **month;        /* substr(published,1,7) of the articles, sorted */
    size_t nmonth;
    size_t *pm_off;
    ngx_month *pm;
    char (*date)[11];    /* the links' dates, [0] "" (NULL); NULL: not indexed */
    int unjoined;        /* an edge of an entity not in the entity table */
    size_t bytes;
};
/* The index of rowid, or -1. */
long ngx_find(const ng_ego_index *x, int64_t rowid);
/* The 'top' strongest neighbours of entity i with at least 'min' windows,
 * ranked as ngg_neighbors_top without dates ranks them ('types' as
 * ng_filter.types); malloc'd into *out, their number returned (-1: no
 * memory). */
long ngx_top(const ng_ego_index *x, size_t i, const char *types, long min, int top, ngx_link **out);

/* NG_E_ARG: "'a' and 'b' are the same entity (its id)" (a pair query
 * given one entity twice). */
int ngg_same_entity(ng_store *s, const char *a, const char *b, int64_t id, ng_error *err);
/* Evidence rows for a pair of rowids. */
int ngg_evidence(ng_store *s, int64_t a, int64_t b, const ng_filter *f, int limit, json_t *arr, long *total,
                 ng_error *err);
/* Is 'type' in the comma-separated list (NULL list = all)? */
int ngg_type_ok(const char *types, const char *type);
double ngg_npmi(long nxy, long nx, long ny, long n, double *pmi);
/* Writes the file 'path' atomically (ng_outfile: a temporary file renamed
 * over it; a device or FIFO in place) through a stdio stream that 'fill'
 * writes; a failing 'fill' (its status returned) or write leaves the
 * target untouched (export.c). */
int ngg_write_file(const char *path, int (*fill)(FILE *f, void *ud, ng_error *err), void *ud, ng_error *err);
/* NG_E_ARG when 'path' is the store's own database file (or its -wal,
 * -shm or -journal): an export there would replace the database. */
int ngg_not_the_db(const ng_store *s, const char *path, ng_error *err);

/* ## Curation (curate.c) */
/* Reads the corrections log into s->cur. */
int ngc_load(ng_store *s, ng_error *err);
void ngc_free(ng_store *s);
/* Maps a matched entity through the corrections: a merged key becomes the
 * key it was merged into, and the type and name those of the corrected
 * entity (used when the entity row is created). Pointers stay valid until
 * the next ngc_load. */
void ngc_map(ng_store *s, const char **key, const char **type, const char **name);
/* Applies the corrections in effect to the tables (idempotent). */
int ngc_apply(ng_store *s, ng_error *err);
/* Only the alias additions and removals (after a batch of ingests). */
int ngc_apply_aliases(ng_store *s, ng_error *err);
/* Appends the attached shard's corrections and applies all (in a transaction). */
int ngc_import(ng_store *s, ng_error *err);

/* ## In-memory subgraph used by analytics and exports */
typedef struct sg_node {
    int64_t id;
    char *key, *type, *name;
    long mentions, articles, windows;
    int first, last;
    double strength, pagerank;
    long degree;
} sg_node;
typedef struct sg_edge {
    int a, b;          /* node indexes */
    long windows, articles;
    int first, last;
    double npmi;
} sg_edge;
typedef struct subgraph {
    sg_node *n; size_t nn;
    sg_edge *e; size_t ne;
    long total_windows;
} subgraph;

typedef struct sg_opts {
    const ng_filter *filter;
    int types_on_graph;   /* apply filter->types to the graph (else caller filters) */
    long min_weight;
    long top_edges;
    int64_t ego; int depth; /* ego < 0: none */
    int drop_isolated;
    int counts_only;      /* edges without dates and NPMI (analytics that only need counts) */
} sg_opts;
int ngg_subgraph_load(ng_store *s, const sg_opts *o, subgraph *g, ng_error *err);
void ngg_subgraph_free(subgraph *g);
/* Fills degree, strength, and pagerank (if want_pr). */
int ngg_subgraph_centrality(subgraph *g, int want_pr, ng_error *err);

#endif
