/* newsgraph graph: a co-occurrence knowledge graph of tagged articles kept in
 * one SQLite file, with queries (igraph for paths, centralities and
 * communities) and exports (GraphML, GEXF, GML, DOT, Neo4j CSV).
 *
 * Conventions are those of tagger.h: functions return NG_OK or a negative
 * NG_E_* code and fill 'err' when it is not NULL; the library never prints
 * and never exits; x_new()/x_free() pairs, x_free(NULL) is a no-op.
 * Query results are jansson objects owned by the caller (json_decref); the
 * shape of each is documented next to the function and in graph/README.md.
 *
 * Usage:
 *     ng_store *s;
 *     if (ng_store_open("news.db", NG_STORE_CREATE, &s, &err)) ...;
 *     ng_store_set_window(s, NG_WINDOW_SENTENCE, &err);
 *     ng_store_begin(s, &err);
 *     for (each article) ng_store_add_doc(s, &doc, &outcome, &err);
 *     ng_store_commit(s, &err);
 *     json_t *r; ng_query_neighbors(s, "Jens Stoltenberg", NULL, &r, &err);
 *     ng_store_close(s);
 */
#ifndef NG_GRAPH_H
#define NG_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include "base.h"
#include "tagger.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ## Store */
typedef struct ng_store ng_store;

enum {
    NG_STORE_READONLY = 1 << 0, /* open an existing database for reading */
    NG_STORE_CREATE = 1 << 1,   /* create the file and the schema if absent */
    /* with NG_STORE_READONLY: read the file through a memory map (PRAGMA
     * mmap_size), so pages are not copied into each connection's cache;
     * for long-running readers with several connections (serve) */
    NG_STORE_MMAP = 1 << 2,
    /* the store is used by one thread at a time: SQLite takes no mutex
     * in each call (SQLITE_OPEN_NOMUTEX; serve's per-thread connections) */
    NG_STORE_NOMUTEX = 1 << 3
};

/* Schema version kept in PRAGMA user_version. */
#define NG_SCHEMA_VERSION 2 /* 2 adds the corrections table; version 1 databases are upgraded by a writable open */

/* Co-occurrence windows: two entities co-occur when they are mentioned in
 * the same sentence, paragraph or article. The title is its own sentence
 * and paragraph. */
enum { NG_WINDOW_SENTENCE = 0, NG_WINDOW_PARAGRAPH = 1, NG_WINDOW_ARTICLE = 2 };
/* "sentence", "paragraph", "article". */
const char *ng_window_name(int window);
/* Parses a window name; returns NG_WINDOW_* or -1. */
int ng_window_parse(const char *name);

/* Opens (and with NG_STORE_CREATE creates) the database at 'path'. Sets
 * WAL, synchronous=NORMAL, foreign keys and a busy timeout (default 5000 ms).
 * A database with another schema version is refused (NG_E_FORMAT). */
int ng_store_open(const char *path, unsigned flags, ng_store **out, ng_error *err);
/* Same, waiting up to 'busy_ms' for another writer (ng_store_open: 5000 ms),
 * also while a new database's schema is being created. */
int ng_store_open_wait(const char *path, unsigned flags, int busy_ms, ng_store **out, ng_error *err);
/* Rolls back an open batch and closes. */
void ng_store_close(ng_store *s);
/* How long a writer waits for another writer before NG_E_BUSY. */
void ng_store_set_busy_timeout(ng_store *s, int ms);
/* The window recorded in the database, or -1 for an empty new database. */
int ng_store_window(ng_store *s);
/* Records the window of a new database; on one that already has a window,
 * returns NG_E_ARG unless it is the same. */
int ng_store_set_window(ng_store *s, int window, ng_error *err);

/* ## Ingest
 *
 * One article with its entity matches. Field 0 is the title, field 1 the
 * text (ng_match.field); offsets are bytes into that field. Strings need
 * not be NUL-terminated where a length is given. 'published' is an ISO date
 * (only the first 10 characters, YYYY-MM-DD, are kept). */
typedef struct ng_doc {
    const char *id;                     /* required, unique per article */
    const char *title; size_t title_len; /* may be NULL */
    const char *text; size_t text_len;
    const char *url, *published, *lang; /* may be NULL */
    const ng_match *matches; size_t nmatches;
} ng_doc;

enum { NG_DOC_ADDED = 1, NG_DOC_UNCHANGED = 2, NG_DOC_REPLACED = 3 };

/* Supplies the aliases of an entity the first time the store sees it:
 * the function calls 'emit(alias, emit_ud)' for each. */
typedef void (*ng_alias_source_fn)(const char *entity_id, ng_alias_fn emit,
                                   void *emit_ud, void *userdata);
void ng_store_set_alias_source(ng_store *s, ng_alias_source_fn fn, void *userdata);
/* An alias source over dictionaries: 'userdata' is an ng_dict_list. */
typedef struct ng_dict_list { ng_dict *const *dicts; size_t n; } ng_dict_list;
void ng_dict_alias_source(const char *entity_id, ng_alias_fn emit, void *emit_ud,
                          void *userdata);

/* Read snapshots: the queries between ng_store_read_begin and
 * ng_store_read_end see one state of the database and share one read
 * transaction (a query runs many statements: without it each one takes and
 * drops SQLite's read locks, a few system calls each time). Inside a write
 * batch, or a snapshot already open, both do nothing. NG_E_DB if SQLite
 * refuses. Do not hold one open while waiting for something else: a writer's
 * checkpoint cannot pass an open snapshot. */
int ng_store_read_begin(ng_store *s, ng_error *err);
void ng_store_read_end(ng_store *s);

/* Starts a write batch (BEGIN IMMEDIATE). Waits up to the busy timeout for
 * another writer, then returns NG_E_BUSY. The window must be set. */
int ng_store_begin(ng_store *s, ng_error *err);
/* Adds one article inside a batch. An article id already stored with the
 * same content hash is left alone (NG_DOC_UNCHANGED); with another hash its
 * old contribution is removed exactly and the new one added
 * (NG_DOC_REPLACED). Invalid matches (offsets outside the field) give
 * NG_E_PARSE and leave the batch as it was before the call. */
int ng_store_add_doc(ng_store *s, const ng_doc *doc, int *outcome, ng_error *err);
/* The part of ng_store_add_doc that needs no database (the content hash,
 * each match's sentence and paragraph), done ahead, e.g. in the thread that
 * tags, so that the writer does less. NULL when out of memory or when the
 * matches are invalid (ng_store_add_doc_prepared then does it all, and
 * reports the error). The result belongs to the caller (ng_doc_prep_free)
 * and is valid for that document as it is. */
typedef struct ng_doc_prep ng_doc_prep;
ng_doc_prep *ng_doc_prepare(const ng_doc *doc);
void ng_doc_prep_free(ng_doc_prep *p);
/* ng_store_add_doc with the work of ng_doc_prepare(doc) done ('p' may be NULL). */
int ng_store_add_doc_prepared(ng_store *s, const ng_doc *doc, const ng_doc_prep *p, int *outcome, ng_error *err);
/* Mentions stored by the ng_store_add_doc calls on this handle so far
 * (articles added or replaced): a span given twice for one entity is
 * stored once, and so are two entities one curation merged. */
long long ng_store_mentions_added(const ng_store *s);
/* Writes the batch's aggregated counts and commits. */
int ng_store_commit(ng_store *s, ng_error *err);
/* Abandons the batch. */
void ng_store_rollback(ng_store *s);
/* Bulk loading: on != 0 drops the secondary indexes (mentions by entity,
 * edges by second end, aliases by entity and by surname, articles by date)
 * so that a first large load into an empty database runs faster; on == 0
 * rebuilds them (sorting, much faster than updating them row by row). Queries work meanwhile but slowly. A database left
 * without them (kill -9) gets them back at the next writable open. */
int ng_store_bulk(ng_store *s, int on, ng_error *err);
/* Removes an article and its whole contribution (own transaction unless a
 * batch is open). NG_E_NOTFOUND if it is not stored. */
int ng_store_forget(ng_store *s, const char *article_id, ng_error *err);

/* Adds the articles of the shard database 'path' (same window, articles
 * disjoint from those already stored, else NG_E_ARG). Counts end up exactly
 * as if all articles had been ingested into one database. */
int ng_store_merge(ng_store *s, const char *path, ng_error *err);
/* Writes a compact copy of the database to 'path' (absent or an empty
 * file), e.g. to merge into a copy and rename it into place. */
int ng_store_copy_to(ng_store *s, const char *path, ng_error *err);
/* Replaces the whole content of the database with that of the database at
 * 'path' (SQLite's online backup, one transaction: other connections, such
 * as a running 'serve', see the old or the new content, and nothing is
 * renamed under them). Waits for another writer up to the busy timeout
 * (NG_E_BUSY). The window and settings come from 'path': close 's' after. */
int ng_store_replace_from(ng_store *s, const char *path, ng_error *err);

/* Recomputes entity and edge counts from the stored mentions and compares
 * them with the tables. '*mismatches' receives the number of differing
 * rows (0 for a consistent database). */
int ng_store_verify(ng_store *s, long *mismatches, ng_error *err);

/* Everything ng_store_verify checks, and what the stored rows say: every
 * mention's surface is the stored article's title or text at its offsets;
 * every entity's name is valid UTF-8; an entity that a dictionary of 'dl'
 * (NULL: none) lists has that dictionary's type and name; a rule-found
 * person ("per:" id) has type PER and, when 'persons' is not NULL, a name
 * from which the tagger 'persons' derives its id (ng_tagger_person_id;
 * a tagger with the given-name lists of the ingest and no dictionaries).
 * Calls 'fn' (when not NULL) once per
 * problem: 'what' is "counts", "mention" or "entity", 'id' the article or
 * entity id, 'detail' a sentence; strings are valid during the call only.
 * '*problems' receives the number of problems (0: consistent). */
typedef void (*ng_check_fn)(const char *what, const char *id, const char *detail, void *userdata);
int ng_store_check(ng_store *s, const ng_dict_list *dl, ng_tagger *persons, ng_check_fn fn,
                   void *userdata, long *problems, ng_error *err);

/* ## Curation
 *
 * Corrections a user makes to the graph, kept in the database (table
 * 'correction', applied in order) and applied to the stored rows, to every
 * later ingest and to shard merges (graph/README.md, "Curation").
 *
 *     long seq;
 *     ng_store_correct(s, NG_CORR_MERGE, "joe-biden", "biden-duplicate", &seq, &err);
 *     ng_store_correct(s, NG_CORR_RENAME, "joe-biden", "Joseph R. Biden", &seq, &err);
 *     ng_store_undo(s, seq, &err);
 */
enum {
    NG_CORR_MERGE,        /* 'value' (an ENTITY) becomes an alias of 'entity' */
    NG_CORR_RENAME,       /* 'value' is the new name */
    NG_CORR_RETYPE,       /* 'value' is the new type */
    NG_CORR_ALIAS_ADD,    /* 'value' becomes an alias of 'entity' */
    NG_CORR_ALIAS_REMOVE  /* 'value' stops being one (NG_E_NOTFOUND if it is not) */
};
/* Records a correction and applies it in its own transaction. 'entity'
 * (and 'value' for a merge) are ENTITY arguments as for the queries. A
 * merge moves the second entity's mentions to the first and recomputes
 * counts and edges exactly as if the dictionary had always listed its names
 * as aliases of the first. '*seq' (may be NULL) receives the correction's
 * number. Not inside a batch. */
int ng_store_correct(ng_store *s, int op, const char *entity, const char *value, long *seq,
                     ng_error *err);
/* Corrections in one transaction, all or none: the state is built and
 * applied once, so n corrections cost about one ('entity duplicates
 * --merge': thousands). Each one's ENTITY arguments are looked up in the
 * graph as it was before the batch, so a correction may not name an
 * entity a merge earlier in the batch removed (NG_E_ARG). 'seqs' (may be
 * NULL) receives the numbers, in order. Not inside a batch of ingest. */
typedef struct ng_correction {
    int op;                       /* NG_CORR_* */
    const char *entity, *value;   /* as for ng_store_correct */
} ng_correction;
int ng_store_correct_batch(ng_store *s, const ng_correction *c, size_t n, long *seqs, ng_error *err);
/* {"corrections":[{"seq","op","entity","value","old","created"}]} in order
 * ("op": merge, rename, retype, alias-add, alias-remove; "old": the name or
 * type replaced, the merged entity's name, the alias removed). Owned by the
 * caller. An old database without the table gives an empty list. */
int ng_store_corrections(ng_store *s, json_t **out, ng_error *err);
/* Removes correction 'seq' from the log and undoes its effect (the name or
 * type goes back to what the correction replaced unless a later correction
 * set it, an alias added is removed, an alias removed comes back). For a
 * merge: the merged entity's own aliases go back to it and, as the stored
 * mentions do not tell which of the two they were tagged as, every article
 * mentioning the kept entity is marked for re-tagging: its next ingest
 * replaces it (as a changed article) and the counts are then exactly those
 * of an ingest without the merge. '*stale' (may be NULL) receives the
 * number of articles marked. */
int ng_store_undo(ng_store *s, long seq, long *stale, ng_error *err);
/* Likely duplicates among the rule-found people, for a merge: a person
 * named by an initial and a surname ("R. Croft", "О. Петренко") or by a
 * surname alone ("Croft") in some articles and by a full name in others
 * ("Robert Croft") is a node for each, since the tagger links the forms of
 * a name within an article only. A short form's candidates are the people
 * (found by the rules or in a dictionary) whose full name shortened the
 * same way gives its id by the rules of 'persons' (a tagger with the
 * given-name lists, as ingest used: ng_tagger_person_id), so case forms,
 * scripts and transliterations meet as in the tagger's ids; a surname's
 * candidates are the full names, and the people known by an initial that
 * no full name takes ("Waugh": Steve Waugh and M. Waugh). Never a person
 * the short form shares an article with (the tagger would have linked the
 * two there: they are two people), nor a given name alone (its id is its
 * article's). Also a rule-found full name in another spelling of the
 * given name ("variant": Jürgen and Юрген Klinsmann, whose keys differ):
 * full names of one surname whose given names' keys agree but for the
 * vowels (and j, y) and a final vowel, the most mentioned the candidate of
 * the others (these may share an article). Also a rule-found full name
 * in Latin letters and a Cyrillic transcription of it ("transcription":
 * Joel Simon and Джоэл Саймон, per:joel-simon and per:joel-saimon): one
 * given name's key, and the surnames' consonants as the transcriptions
 * write them and their syllables agree (graph/README.md); the most
 * mentioned the candidate of the others, two Latin spellings never each
 * other's. {"count",
 * "groups":[{"entity":{"id","name","type", "mentions","articles"},
 * "form":"initial"|"surname"|"variant"|"transcription", "unique": one
 * candidate, "candidates":[{..as entity.., "shared_neighbors"}] (most
 * shared neighbours first)}]}, the most mentioned short forms first. Caller
 * owns it. Nothing is merged: ng_store_correct(NG_CORR_MERGE, candidate,
 * short form) does that. */
int ng_query_duplicates(ng_store *s, ng_tagger *persons, json_t **out, ng_error *err);

/* ng_query_duplicates with a tagger of the person rules and the given-name
 * lists at path 'names' (a file, a compiled .ngn or a directory of
 * given*.txt, as ingest used them; NULL: the rules without lists), made
 * and freed here (the CLI's entity duplicates and ng_query_json's). */
int ng_query_duplicates_names(ng_store *s, const char *names, json_t **out, ng_error *err);

/* ## Queries
 *
 * ENTITY arguments are resolved by ng_store_lookup(), which takes a name
 * the way a user types it. Rules, in order (graph/README.md, "Finding an
 * entity"); the first rule that matches decides:
 *  1. the entity id, exactly;
 *  2. its canonical name or any alias (dictionary aliases and the surface
 *     forms seen in the ingested news), in any letter case (NFKC case
 *     folding, ё = е);
 *  3. an alias as the tagger folds it (dashes and apostrophes unified), or a
 *     Ukrainian/Russian case form of an alias with as many words, generated
 *     by the tagger's inflector (tagger/inflect.c) from the aliases that
 *     share the typed word's first letters: "Столтенберга", "Києві";
 *  4. one typed word that is the last word of a multi-word alias of a
 *     person (PER), or a case form of it in that alias's declension:
 *     "Stoltenberg", "Путіна" -> "Володимир Путін";
 *  5. nothing: NG_E_NOTFOUND, with up to 5 suggestions (names within edit
 *     distance 1, 2 or 3 for typed names of up to 4, 8 or more letters,
 *     counting a swap of neighbours as one; the last words of aliases whose
 *     first letter is the typed word's are compared too) in err->msg:
 *     "no entity 'Stoltenburg'; did you mean: Jens Stoltenberg
 *     (jens-stoltenberg, PER)?".
 * A rule that matches several entities gives NG_E_AMBIGUOUS with the
 * candidates in err->msg (never a guess). On NG_OK '*rowid' is the entity.
 * When 'candidates' is not NULL it receives (caller frees) a JSON array:
 * on NG_OK the match unless it was by id (NULL then), on NG_E_AMBIGUOUS the
 * candidates, on NG_E_NOTFOUND the suggestions (possibly empty); elements
 * are {"id","name","type","mentions","alias"} ("alias": the stored name
 * that matched; suggestions add "distance"). Cost: rules 1-3 are index
 * lookups and a small range scan; rules 4-5 run only when 1-3 fail and
 * read the alias table once, filtered inside SQLite. */
int ng_store_lookup(ng_store *s, const char *name, int64_t *rowid,
                    json_t **candidates, ng_error *err);
/* Why the last lookup on 's' failed (every query taking ENTITY arguments
 * looks them up): {"query": typed name, "error": "not_found"|"ambiguous",
 * "rule": (ambiguous) "alias"|"form"|"surname", "suggestions"|"candidates":
 * [..as above..]}, or NULL after a lookup that succeeded. Owned by the
 * store: valid until the next lookup or ng_store_close(). */
json_t *ng_store_lookup_failure(ng_store *s);
/* After a lookup that found one entity by a name (rules 2-3 of graph/
 * README.md "Finding an entity"): the other entities a later rule names
 * with it -- [{"id","name","type","mentions","alias","rule": "alias"|
 * "form"|"surname"}], most likely first -- or NULL when the name names no
 * other (and after a lookup by id, or one that failed). The first rule
 * still decides; this says the name is ambiguous. Owned by the store:
 * valid until the next lookup or ng_store_close(). The entity card
 * (ng_query_entity) and the "lookup" JSON query carry it as "also". */
json_t *ng_store_lookup_also(ng_store *s);

/* Restricts queries: dates are inclusive YYYY-MM-DD bounds (NULL = open);
 * 'types' is a comma-separated list of entity types (NULL = all). With a
 * date bound, counts are recomputed from the mentions of the articles
 * published in the range. */
typedef struct ng_filter {
    const char *since, *until;
    const char *types;
} ng_filter;
/* Is 'types' a list as ng_filter takes it: types (NG_TYPE_CHARS) separated
 * by commas, no spaces ("PER,ORG")? Another spelling ("PER ORG") would match
 * nothing, silently. */
int ng_types_valid(const char *types);
/* The one check of a date range, for every interface (the CLI's
 * --since/--until, serve's and the JSON queries' since/until): NG_OK, or
 * NG_E_ARG when 'since' is after 'until' (as YYYY-MM-DD bounds, the first
 * ten bytes compared; either may be NULL), with the message "<opt>since D
 * is after <opt>until D: the range holds no day" ('opt': "--" for the
 * CLI's options, "" for parameters). Such a range would select nothing and
 * answer with an empty result as if the graph had nothing to say. */
int ng_date_range_check(const char *since, const char *until, const char *opt, ng_error *err);

typedef struct ng_neighbors_opts {
    int top;            /* rows, default 20 (0 = default) */
    const char *by;     /* "count" (windows, default), "articles", "npmi", "pmi" */
    long min_count;     /* minimum windows, default 1 */
    ng_filter filter;
    /* NULL, or an ego index (ng_ego_index_build) of the same database
     * state: the neighbours by count without dates are then ranked from it
     * (their links' dates still read from SQL), the same answer */
    const struct ng_ego_index *index;
} ng_neighbors_opts;

/* {"entity":{id,name,type}, "window":..., "neighbors":[{"id","name","type",
 *  "count","articles","npmi","pmi","first","last"}]}.
 * count = windows in which both occur; NPMI = ln(p(xy)/(p(x)p(y))) / -ln p(xy)
 * with probabilities over tagged windows (graph/README.md). */
int ng_query_neighbors(ng_store *s, const char *entity, const ng_neighbors_opts *o,
                       json_t **out, ng_error *err);
/* {"a":{..},"b":{..},"evidence":[{"article","title","url","published",
 *  "window","snippet","a_surface","b_surface"}], "total": N}: the newest
 * 'limit' windows (0: none, only the total; negative: 10). */
int ng_query_evidence(ng_store *s, const char *a, const char *b, int limit,
                      json_t **out, ng_error *err);
/* Dijkstra over lengths 1/count: {"from","to","length","hops":[{"a","b",
 *  "count","articles","evidence":[..]}]}: evidence_per_hop windows a hop
 * (0: none; negative: 1). NG_E_NOTFOUND if unconnected. */
int ng_query_path(ng_store *s, const char *a, const char *b, const ng_filter *f,
                  int evidence_per_hop, json_t **out, ng_error *err);
/* by: "degree", "strength", "pagerank", "betweenness".
 * {"by":..,"entities":[{"id","name","type","score","degree","strength"}]} */
int ng_query_top(ng_store *s, const char *by, const ng_filter *f, int n,
                 json_t **out, ng_error *err);
/* ng_query_top with options. Betweenness is exact (every node a source)
 * while nodes * (edges + nodes) <= NG_BETWEENNESS_EXACT_WORK, else estimated from a
 * sample of sources (a fixed pseudo-random choice, so the same database
 * gives the same estimate) scaled by nodes/sources; 'sources' forces the
 * sample size (0 = automatic, -1 = exact, else at most the node count).
 * The result has "betweenness":{"method":"exact"|"sampled","sources","nodes"}.
 * 'progress' (may be NULL) is called with (done, total) sources. */
#define NG_BETWEENNESS_EXACT_WORK 50000000.0
#define NG_BETWEENNESS_SAMPLE_WORK 20000000.0   /* automatic sample: sources * (edges + nodes) about this, at least 50 sources */
typedef struct ng_top_opts {
    const char *by;
    const ng_filter *filter;
    int n;
    long sources;
    void (*progress)(long done, long total, void *ud);
    void *progress_ud;
} ng_top_opts;
int ng_query_top_ex(ng_store *s, const ng_top_opts *o, json_t **out, ng_error *err);
/* Leiden optimising modularity (node weights = strength, resolution
 * scaled by 'resolution'); deterministic for a seed on the same database. */
typedef struct ng_communities_opts {
    double resolution;     /* default 1 */
    unsigned long seed;
    int iterations;        /* Leiden passes, default 2 */
    long min_count;        /* only edges seen in at least this many windows (default 1) */
    int max_communities;   /* listed (0 = all) */
    int max_members;       /* listed per community (0 = all) */
    ng_filter filter;
} ng_communities_opts;
/* {"algorithm","seed","resolution","iterations","min_count","modularity","count",
 *  "nodes","edges","communities":[{"id","size","strength","members":[{"id","name",
 *  "type","strength"}]}]}; communities by strength, members by strength. */
int ng_query_communities(ng_store *s, const ng_communities_opts *o, json_t **out, ng_error *err);
/* {"id","type","name","aliases":[..],"mentions","articles","windows",
 *  "first_seen","last_seen","per_month":[{"month","mentions","articles"}],
 *  "neighbors":[..]} */
int ng_query_entity(ng_store *s, const char *entity, int top, json_t **out,
                    ng_error *err);
/* The same, its neighbours ranked from 'ix' when not NULL (an ego index of
 * the same database state, as ng_neighbors_opts.index). */
int ng_query_entity_index(ng_store *s, const struct ng_ego_index *ix, const char *entity, int top,
                          json_t **out, ng_error *err);
/* {"articles","mentions","entities","entities_by_type":{T:n},"edges",
 *  "windows","window","schema_version","first","last"} */
int ng_query_stats(ng_store *s, json_t **out, ng_error *err);

/* ## Export */
enum { NG_EXPORT_GRAPHML, NG_EXPORT_GEXF, NG_EXPORT_GML, NG_EXPORT_DOT, NG_EXPORT_CSV };
/* "graphml" ... "csv"; returns -1 for an unknown name. */
int ng_export_format_parse(const char *name);

typedef struct ng_export_opts {
    int format;            /* NG_EXPORT_* */
    long min_weight;       /* keep edges with count >= min_weight (default 1) */
    long top_edges;        /* keep only the N strongest edges (0 = all) */
    const char *ego;       /* only the neighbourhood of this entity ... */
    int depth;             /* ... up to this many hops (default 1) */
    ng_filter filter;
} ng_export_opts;

/* Writes the graph to 'path' (for NG_EXPORT_CSV a directory that receives
 * nodes.csv and relationships.csv). Files are written to a temporary name
 * and renamed, so a failed export leaves nothing behind. Node and edge
 * counts are returned in *nodes / *edges when not NULL. */
int ng_store_export(ng_store *s, const ng_export_opts *o, const char *path,
                    long *nodes, long *edges, ng_error *err);

/* ## Browsing (graph/browse.c, graph/ego.c, graph/svg.c: the web explorer)
 *
 *     json_t *ego; char *svg; size_t n;
 *     ng_ego_opts eo = {.depth = 2, .top = 100};
 *     if (!ng_query_ego(s, "NATO", &eo, &ego, &err)) {
 *         if (!ng_ego_svg(ego, &svg, &n, &err)) { fwrite(svg, 1, n, f); free(svg); }
 *         json_decref(ego);
 *     }
 */
/* Search suggestions for a name being typed: entities with a name or alias
 * (folded as for lookup) that starts with 'text', or with a later word
 * that does; when none is exact and fewer than 'limit' were found, also
 * what ng_store_lookup() makes of 'text' (an id, a case form, a surname, a
 * near miss). {"query", "match": the entity 'text' names ({"id","name",
 * "type","mentions","alias"}) or null, "suggestions": [same shape, at most
 * 'limit' (default 10), exact first, then by mentions]}. Caller owns it. */
int ng_query_suggest(ng_store *s, const char *text, int limit, json_t **out, ng_error *err);
/* One article by its id: {"id","title","url","published","lang","text"
 * (null when not stored),"mentions":[{"field":"title"|"text","start","end"
 * (bytes),"entity","name","type","surface"}], "segments":{"title":[..],
 * "text":[..]}: each stored field cut into pieces {"text"} and entity pieces
 * {"text","entity","name","type"} (of overlapping mentions the first,
 * longest one)}. Invalid UTF-8 comes out as U+FFFD. NG_E_NOTFOUND for an
 * unknown id. Caller owns the result. */
int ng_query_article(ng_store *s, const char *article_id, json_t **out, ng_error *err);
/* The articles mentioning ENTITY, newest first: {"entity":{..},"total",
 * "offset","articles":[{"id","title","published","lang","mentions"}]}. */
int ng_query_entity_articles(ng_store *s, const char *entity, int offset, int limit,
                             json_t **out, ng_error *err);

/* PRAGMA data_version of this connection: it changes when another
 * connection (another process: an ingest, a curation) has committed since
 * the previous call; -1 on an error. For caches of query results. */
long long ng_store_data_version(ng_store *s);

#define NG_EGO_MAX_NODES 200
/* An in-memory index of the links for ego networks, neighbour lists and
 * entity cards: every entity's neighbours ranked as ng_query_neighbors
 * ranks them by count, with their counts, dates, names, types, mentions
 * and windows, and every entity's mentions per month (16 bytes a link each
 * way, about 50 an entity and 12 an entity-month: the bench database's 2.6
 * million links take some 100 MB, built in ~3 s). Built from one read
 * snapshot; it does not follow later commits: the caller rebuilds it when
 * the database changes (ng_store_data_version). Immutable once built, so
 * any number of threads may read it at once. */
typedef struct ng_ego_index ng_ego_index;
int ng_ego_index_build(ng_store *s, ng_ego_index **out, ng_error *err);
void ng_ego_index_free(ng_ego_index *x);
/* Its memory in bytes, and its numbers of entities and links. */
size_t ng_ego_index_bytes(const ng_ego_index *x, size_t *entities, size_t *links);
typedef struct ng_ego_opts {
    int depth;            /* 1 or 2 (default 1; more is NG_E_ARG) */
    int top;              /* nodes besides the centre (default 30, at most NG_EGO_MAX_NODES) */
    long min_count;       /* only links seen in at least this many windows (default 1) */
    ng_filter filter;     /* types of the neighbours, date range */
    unsigned long seed;   /* layout seed (default 1) */
    double width, height; /* drawing area (default 800 x 560) */
    /* NULL, or an index of the same database state: neighbour lists and
     * links then come from it instead of SQL (the same answer) unless a
     * date range is set */
    const ng_ego_index *index;
} ng_ego_opts;
/* The ego network of ENTITY, laid out: depth 1 is its strongest neighbours
 * (as ng_query_neighbors ranks them, filters applied); depth 2 gives a
 * third of the 'top' places to them and shares the rest among their own
 * strongest neighbours, in turn. Every link between two drawn nodes is
 * included: with a date range, links from the neighbour lists carry the
 * counts of that range and other links between drawn nodes are kept when
 * their first-last interval meets the range, with their all-time counts.
 * Positions come from igraph's Fruchterman-Reingold layout (100
 * iterations up to 31 nodes, fewer beyond: at least 50) started from
 * fixed positions with a random generator seeded: the same query on the
 * same database gives the same picture. The layout runs under
 * ng_igraph_lock(). {"entity":{id,name,type},"depth","top","seed","width",
 * "height","nodes":[{"id","name","type","mentions","depth","x","y"}] (the
 * centre first),"edges":[{"source","target" (node indexes),"a","b" (ids),
 * "count","articles"}]}. Caller owns the result. */
int ng_query_ego(ng_store *s, const char *entity, const ng_ego_opts *o, json_t **out, ng_error *err);
/* igraph keeps global state (random generator, error handler, cleanup
 * stack): a program calling the graph library from several threads takes
 * this lock around every call that uses igraph (ng_query_path, _top,
 * _top_ex, _communities, ng_store_export); ng_query_ego takes it itself. */
void ng_igraph_lock(void);
void ng_igraph_unlock(void);
/* Writes an ng_query_ego result as an SVG element (no XML declaration):
 * nodes are <g class="node" data-id=ID data-type=T> with a circle coloured
 * by type and sized by mentions and a text label, links are <line
 * class="edge" data-a=ID data-b=ID> as wide as their count; every string is
 * XML-escaped (ng_xml_write). Presentation attributes only, no style or
 * script. */
int ng_ego_svg_write(const json_t *ego, FILE *f, ng_error *err);
/* The same into a new NUL-terminated buffer '*out' (caller frees), its
 * length in '*len' (may be NULL). */
int ng_ego_svg(const json_t *ego, char **out, size_t *len, ng_error *err);
/* ng_query_ego + ng_ego_svg_write into the file 'path' (written to a
 * temporary name and renamed), with an XML declaration; node and link
 * counts in *nodes / *edges when not NULL. */
int ng_store_export_svg(ng_store *s, const char *entity, const ng_ego_opts *o, const char *path,
                        long *nodes, long *edges, ng_error *err);

/* ## Helpers (exposed for tools and tests) */
/* Writes 'len' bytes of 's' to 'f' as XML character data: escapes & < > " '
 * and replaces invalid UTF-8 and characters XML 1.0 forbids with U+FFFD.
 * 'attr' != 0 also escapes tab, CR and LF (for attribute values). */
void ng_xml_write(FILE *f, const char *s, size_t len, int attr);
/* Splits text into sentences/paragraphs: calls fn(start, end, para, ud)
 * for every sentence in order; returns the number of sentences. A line
 * break (LF, CR LF, or a CR alone) ends a sentence and a paragraph. */
typedef void (*ng_sentence_fn)(size_t start, size_t end, long para, void *userdata);
long ng_split_sentences(const char *text, size_t len, ng_sentence_fn fn, void *userdata);

#ifdef __cplusplus
}
#endif
#endif
