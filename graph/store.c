/* The SQLite store: schema, batches, ingest of tagged articles, exact
 * removal (forget / replace), merge of shards and verification. */
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>
#include <string.h>
#include <time.h>
#include "internal.h"

#define NG_STR_(x) #x
#define NG_STR(x) NG_STR_(x)

static const char *const window_names[] = {"sentence", "paragraph", "article"};

const char *ng_window_name(int w) {
    return (w >= 0 && w <= 2) ? window_names[w] : "unknown";
}
int ng_window_parse(const char *name) {
    for (int i = 0; i < 3; i++) if (name && !strcmp(name, window_names[i])) return i;
    return -1;
}

/* The secondary indexes: a first load into an empty database builds them
 * at its end (ng_store_bulk), from these same statements. */
#define IDX_ARTICLE_PUBLISHED "CREATE INDEX IF NOT EXISTS article_published ON article(published)"
#define IDX_ALIAS_ENTITY "CREATE INDEX IF NOT EXISTS alias_entity ON alias(entity)"
#define IDX_ALIAS_REST "CREATE INDEX IF NOT EXISTS alias_rest ON alias(substr(norm, instr(norm, ' ') + 1)) WHERE instr(norm, ' ') > 0"
#define IDX_MENTION_ENTITY "CREATE INDEX IF NOT EXISTS mention_entity ON mention(entity, article, win)"
#define IDX_EDGE_B "CREATE INDEX IF NOT EXISTS edge_b ON edge(b, a, windows, articles, first_date, last_date)"

/* The schema (documented in graph/README.md). Entity and article rows carry
 * an integer rowid used by the other tables and their external text id as
 * 'key'. Counts in entity and edge are maintained incrementally and can be
 * recomputed from mention (ng_store_verify). */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value ANY) STRICT;\n"
    "CREATE TABLE IF NOT EXISTS article(\n"
    "  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT, url TEXT,\n"
    "  published TEXT, lang TEXT, hash TEXT NOT NULL,\n"
    "  windows INTEGER NOT NULL,      -- windows of this article that mention an entity\n"
    "  text TEXT, ingested TEXT NOT NULL) STRICT;\n"
    IDX_ARTICLE_PUBLISHED ";\n"
    "CREATE TABLE IF NOT EXISTS entity(\n"
    "  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL,\n"
    "  mentions INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0,\n"
    "  windows INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT) STRICT;\n"
    "CREATE TABLE IF NOT EXISTS alias(\n"
    "  norm TEXT NOT NULL, entity TEXT NOT NULL, alias TEXT NOT NULL,\n"
    "  PRIMARY KEY(norm, entity)) STRICT, WITHOUT ROWID;\n"
    IDX_ALIAS_ENTITY ";\n"
    "-- the words after the first of multi-word aliases (surnames, graph/lookup.c)\n"
    IDX_ALIAS_REST ";\n"
    "CREATE TABLE IF NOT EXISTS mention(\n"
    "  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
    "  field INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  entity INTEGER NOT NULL REFERENCES entity(id),\n"
    "  sentence INTEGER NOT NULL, paragraph INTEGER NOT NULL, win INTEGER NOT NULL,\n"
    "  surface TEXT NOT NULL,\n"
    "  PRIMARY KEY(article, field, start, end, entity)) STRICT, WITHOUT ROWID;\n"
    IDX_MENTION_ENTITY ";\n"
    "CREATE TABLE IF NOT EXISTS edge(\n"
    "  a INTEGER NOT NULL, b INTEGER NOT NULL,\n"
    "  windows INTEGER NOT NULL, articles INTEGER NOT NULL,\n"
    "  first_date TEXT, last_date TEXT,\n"
    "  PRIMARY KEY(a, b), CHECK(a < b)) STRICT, WITHOUT ROWID;\n"
    IDX_EDGE_B ";\n"
    "CREATE TABLE IF NOT EXISTS correction(       -- curation log, applied in order (curate.c)\n"
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, -- merge, rename, retype, alias-add, alias-remove\n"
    "  entity TEXT NOT NULL,                       -- entity key (merge: the one kept)\n"
    "  value TEXT NOT NULL,                        -- merged key, new name, new type or alias\n"
    "  old TEXT,                                   -- what it replaced (for undo and listing)\n"
    "  name TEXT, type TEXT,                       -- merge: name and type of the kept entity then\n"
    "  data TEXT,                                  -- merge: the merged entity's own aliases (JSON)\n"
    "  created TEXT NOT NULL) STRICT;\n"
    "CREATE VIEW IF NOT EXISTS entities AS\n"
    "  SELECT key AS id, type, name, mentions, articles, windows, first_seen, last_seen\n"
    "  FROM entity ORDER BY mentions DESC;\n"
    "CREATE VIEW IF NOT EXISTS articles AS\n"
    "  SELECT a.key AS id, a.published, a.lang, a.title, a.url,\n"
    "    (SELECT count(*) FROM mention m WHERE m.article = a.id) AS mentions\n"
    "  FROM article a ORDER BY a.published, a.key;\n"
    "CREATE VIEW IF NOT EXISTS mentions AS\n"
    "  SELECT ar.key AS article, e.key AS entity, e.name, CASE m.field WHEN 0 THEN 'title' ELSE 'text' END AS field,\n"
    "    m.start, m.end, m.sentence, m.paragraph, m.surface\n"
    "  FROM mention m JOIN article ar ON ar.id = m.article JOIN entity e ON e.id = m.entity;\n"
    "CREATE VIEW IF NOT EXISTS edges AS\n"
    "  SELECT x.key AS a, x.name AS a_name, y.key AS b, y.name AS b_name,\n"
    "    g.windows AS count, g.articles, g.first_date, g.last_date,\n"
    "    round(CASE WHEN g.windows >= n.value THEN 1.0 ELSE\n"
    "      ln(1.0 * g.windows * n.value / (1.0 * x.windows * y.windows)) / -ln(1.0 * g.windows / n.value) END, 4) AS npmi\n"
    "  FROM edge g JOIN entity x ON x.id = g.a JOIN entity y ON y.id = g.b\n"
    "  JOIN meta n ON n.key = 'windows';\n";

/* Memory this process may use: the smaller of the physical memory and the
 * address-space and data limits (ulimit -v, -d). */
static unsigned long long memory_budget(void) {
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    unsigned long long m = pages > 0 && psize > 0 ? (unsigned long long)pages * (unsigned long long)psize : 1ULL << 32;
    struct rlimit rl;
    if (!getrlimit(RLIMIT_AS, &rl) && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < m) m = rl.rlim_cur;
    if (!getrlimit(RLIMIT_DATA, &rl) && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < m) m = rl.rlim_cur;
    return m;
}

/* A writer's page cache: an eighth of the memory budget, between 16 MiB and
 * 1 GiB; sorts and index builds keep their temporary data in memory only
 * when the budget is large (else in temporary files, which cannot run out). */
static int size_cache(ng_store *s, ng_error *err) {
    unsigned long long budget = memory_budget(), kib = budget / 8 / 1024;
    if (kib < 16384) kib = 16384;
    if (kib > 1048576) kib = 1048576;
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%llu; PRAGMA temp_store=%s", kib,
             budget >= (4ULL << 30) ? "MEMORY" : "DEFAULT");
    return ngg_exec(s, sql, err);
}

int ngg_db_err(ng_store *s, ng_error *err, const char *what) {
    int ec = sqlite3_errcode(s->db);
    int code = (ec == SQLITE_BUSY || ec == SQLITE_LOCKED) ? NG_E_BUSY : NG_E_DB;
    if (code == NG_E_BUSY)
        return ng_error_set(err, code, s->path, 0, 0,
                            "%s: the database is locked by another writer (waited %d ms)", what, s->busy_ms);
    if (ec == SQLITE_NOMEM)
        return ng_error_set(err, code, s->path, 0, 0,
                            "%s: out of memory (the database cache is sized to %llu MiB of memory the process may use); "
                            "raise the memory limit (ulimit -v) or write smaller batches (--batch N)",
                            what, memory_budget() >> 20);
    return ng_error_set(err, code, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

int ngg_exec(ng_store *s, const char *sql, ng_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int ec = sqlite3_errcode(s->db);
        int rc;
        if (ec == SQLITE_BUSY || ec == SQLITE_LOCKED)
            rc = ng_error_set(err, NG_E_BUSY, s->path, 0, 0,
                              "the database is locked by another writer (waited %d ms)", s->busy_ms);
        else
            rc = ng_error_set(err, NG_E_DB, s->path, 0, 0, "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc;
    }
    return NG_OK;
}

int ngg_prepare(ng_store *s, const char *sql, sqlite3_stmt **st, ng_error *err) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return ngg_db_err(s, err, "prepare");
    }
    return NG_OK;
}

int ngg_stmt(ng_store *s, const char *sql, sqlite3_stmt **st, ng_error *err) {
    size_t n = sizeof s->stc / sizeof s->stc[0], i;
    for (i = 0; i < n && s->stc[i].sql; i++)
        if (s->stc[i].sql == sql) { *st = s->stc[i].st; return NG_OK; }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return ngg_db_err(s, err, "prepare");
    }
    if (i < n) { s->stc[i].sql = sql; s->stc[i].st = *st; }
    return NG_OK;
}

void ngg_done(sqlite3_stmt *st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

const char *ngg_col_text(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

long long ngg_meta_int(ng_store *s, const char *key, long long dflt) {
    static const char q[] = "SELECT value FROM meta WHERE key=?";
    sqlite3_stmt *st;
    long long v = dflt;
    if (ngg_stmt(s, q, &st, NULL)) return dflt;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    ngg_done(st);
    return v;
}

static int meta_set(ng_store *s, const char *key, const char *text, long long num, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, "INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (text) sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_int64(st, 2, num);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "meta");
    sqlite3_finalize(st);
    return rc;
}

static int meta_add(ng_store *s, const char *key, long long delta, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, "INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=value+excluded.value", &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, delta);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "meta");
    sqlite3_finalize(st);
    return rc;
}

void ngg_now_iso(char buf[32]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int ng_store_open(const char *path, unsigned flags, ng_store **out, ng_error *err) {
    return ng_store_open_wait(path, flags, 5000, out, err);
}

static int store_open_once(const char *path, unsigned flags, int busy_ms, ng_store **out, ng_error *err);

/* SQLite answers some lock conflicts at once, without its busy handler
 * (two processes creating the same database, a journal-mode change, a
 * stale snapshot): such an attempt is repeated until 'busy_ms' is over. */
int ng_store_open_wait(const char *path, unsigned flags, int busy_ms, ng_store **out, ng_error *err) {
    double t0 = ng_seconds() * 1e3;
    for (;;) {
        int rc = store_open_once(path, flags, busy_ms, out, err);
        if (rc != NG_E_BUSY || ng_seconds() * 1e3 - t0 >= (busy_ms >= 0 ? busy_ms : 5000)) return rc;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* ## Folding of alias.norm
 * Databases record the folding version of alias.norm in meta 'fold' (see
 * ngg_fold). One without it was written with NG_FOLD_V1: a read-only open
 * looks up in that folding, a writable open re-folds it (once). */

typedef struct refold { char *norm, *entity, *alias, *now; } refold;

int ngg_refold_aliases(ng_store *s, ng_error *err) {
    sqlite3_stmt *q;
    int rc = ngg_prepare(s, "SELECT norm, entity, alias FROM alias", &q, err);
    if (rc) return rc;
    refold *v = NULL;
    size_t n = 0, cap = 0;
    int src;
    while (!rc && (src = sqlite3_step(q)) == SQLITE_ROW) {
        const char *norm = ngg_col_text(q, 0), *alias = ngg_col_text(q, 2);
        /* a norm that is the old folding of its alias: the alias folded now;
         * another (none is written so, but a hand-made row may be): its norm */
        char *old = ngg_fold(NG_FOLD_V1, alias);
        char *now = old && !strcmp(old, norm) ? ngg_fold(NG_FOLD, alias) : old ? ngg_fold(NG_FOLD, norm) : NULL;
        free(old);
        if (!now) { rc = ng_error_set(err, NG_E_NOMEM, s->path, 0, 0, NULL); break; }
        if (!strcmp(now, norm)) { free(now); continue; }
        refold r = {strdup(norm), strdup(ngg_col_text(q, 1)), strdup(alias), now};
        if (!r.norm || !r.entity || !r.alias || ng_grow((void **)&v, &cap, n + 1, sizeof *v)) {
            free(r.norm); free(r.entity); free(r.alias); free(r.now);
            rc = ng_error_set(err, NG_E_NOMEM, s->path, 0, 0, NULL);
            break;
        }
        v[n++] = r;
    }
    if (!rc && src != SQLITE_DONE) rc = ngg_db_err(s, err, "re-fold aliases");
    sqlite3_finalize(q);
    sqlite3_stmt *del = NULL, *ins = NULL;
    if (!rc && n) rc = ngg_prepare(s, "DELETE FROM alias WHERE norm=? AND entity=?", &del, err);
    if (!rc && n) rc = ngg_prepare(s, "INSERT OR IGNORE INTO alias(norm,entity,alias) VALUES(?,?,?)", &ins, err);
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_bind_text(del, 1, v[i].norm, -1, SQLITE_STATIC);
        sqlite3_bind_text(del, 2, v[i].entity, -1, SQLITE_STATIC);
        if (sqlite3_step(del) != SQLITE_DONE) rc = ngg_db_err(s, err, "re-fold aliases");
        sqlite3_reset(del);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_bind_text(ins, 1, v[i].now, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, v[i].entity, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, v[i].alias, -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) rc = ngg_db_err(s, err, "re-fold aliases");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    for (size_t i = 0; i < n; i++) { free(v[i].norm); free(v[i].entity); free(v[i].alias); free(v[i].now); }
    free(v);
    return rc;
}

/* Sets s->fold; a writable open of an NG_FOLD_V1 database re-folds it. */
static int fold_version(ng_store *s, ng_error *err) {
    s->fold = (int)ngg_meta_int(s, "fold", NG_FOLD_V1);
    if (s->readonly || s->fold >= NG_FOLD) return NG_OK;
    int rc = ngg_exec(s, "BEGIN IMMEDIATE", err);
    /* another process may have done it since we looked */
    if (!rc && ngg_meta_int(s, "fold", NG_FOLD_V1) < NG_FOLD) {
        rc = ngg_refold_aliases(s, err);
        if (!rc) rc = meta_set(s, "fold", NULL, NG_FOLD, err);
    }
    if (!rc) rc = ngg_exec(s, "COMMIT", err);
    if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else s->fold = NG_FOLD;
    return rc;
}

static int store_open_once(const char *path, unsigned flags, int busy_ms, ng_store **out, ng_error *err) {
    *out = NULL;
    ng_store *s = calloc(1, sizeof *s);
    if (!s) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    s->path = strdup(path);
    s->readonly = (flags & NG_STORE_READONLY) != 0;
    s->busy_ms = busy_ms >= 0 ? busy_ms : 5000;
    s->window = -1;
    int oflags = s->readonly ? SQLITE_OPEN_READONLY
                             : (SQLITE_OPEN_READWRITE | ((flags & NG_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0));
    if (flags & NG_STORE_NOMUTEX) oflags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        int rc = ng_error_set(err, (flags & NG_STORE_CREATE) ? NG_E_IO : NG_E_NOTFOUND, path, 0, 0,
                              "cannot open database: %s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
        ng_store_close(s);
        return rc;
    }
    sqlite3_busy_timeout(s->db, s->busy_ms);
    sqlite3_extended_result_codes(s->db, 0);
    int rc = NG_OK;
    sqlite3_stmt *st;
    int uv = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_ROW) uv = sqlite3_column_int(st, 0);
        else   /* not a database, or cannot be read (e.g. WAL files in a read-only directory) */
            rc = ng_error_set(err, src == SQLITE_NOTADB ? NG_E_FORMAT : NG_E_IO, path, 0, 0,
                              src == SQLITE_NOTADB ? "not a newsgraph database: %s" : "cannot open database: %s",
                              sqlite3_errmsg(s->db));
        sqlite3_finalize(st);
        if (rc) { ng_store_close(s); return rc; }
    } else {
        rc = ng_error_set(err, NG_E_FORMAT, path, 0, 0, "not a newsgraph database: %s", sqlite3_errmsg(s->db));
        ng_store_close(s);
        return rc;
    }
    /* the version and the tables from one snapshot: another process may be
     * creating the database right now */
    int ntables = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                  " (SELECT count(*) FROM sqlite_master)", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            uv = sqlite3_column_int(st, 0);
            ntables = sqlite3_column_int(st, 1);
        }
        sqlite3_finalize(st);
    }
    if (uv > NG_SCHEMA_VERSION) {
        rc = ng_error_set(err, NG_E_FORMAT, path, 0, 0,
                          "database schema version %d is newer than this newsgraph's (%d); use a newer newsgraph",
                          uv, NG_SCHEMA_VERSION);
        ng_store_close(s);
        return rc;
    }
    if (uv != NG_SCHEMA_VERSION && uv != 1 && (uv != 0 || ntables != 0)) {
        rc = ng_error_set(err, NG_E_FORMAT, path, 0, 0,
                          "not a newsgraph database (schema version %d, expected %d)", uv, NG_SCHEMA_VERSION);
        ng_store_close(s);
        return rc;
    }
    if (!s->readonly) {
        /* a new database: 16 KiB pages (set before the first write). An
         * article of a few KB then shares its page with others (in 4 KiB
         * pages a 2 KB article took a page of its own): a third less to
         * write and keep in memory, fewer b-tree pages to walk. */
        if (uv == 0 && ntables == 0 && (flags & NG_STORE_CREATE)) rc = ngg_exec(s, "PRAGMA page_size=16384", err);
        if (!rc) rc = ngg_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                         " PRAGMA wal_autocheckpoint=16384;", err);
        if (!rc) rc = size_cache(s, err);
        if (!rc && uv == 0 && ntables == 0) {
            if (!(flags & NG_STORE_CREATE)) {
                rc = ng_error_set(err, NG_E_NOTFOUND, path, 0, 0, "no newsgraph database here");
            } else {
                char now[32];
                ngg_now_iso(now);
                rc = ngg_exec(s, "BEGIN IMMEDIATE", err);
                /* another process may have created it (and ingested) since we
                 * looked: creating again would reset its counts */
                int created = 0;
                if (!rc && sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
                    if (sqlite3_step(st) == SQLITE_ROW) created = sqlite3_column_int(st, 0) != 0;
                    sqlite3_finalize(st);
                }
                if (!rc && created) rc = ngg_exec(s, "COMMIT", err);
                else {
                    if (!rc) rc = ngg_exec(s, schema_sql, err);
                    if (!rc) rc = meta_set(s, "created", now, 0, err);
                    if (!rc) rc = meta_set(s, "windows", NULL, 0, err);
                    if (!rc) rc = meta_set(s, "generator", "newsgraph " NG_VERSION, 0, err);
                    if (!rc) rc = meta_set(s, "fold", NULL, NG_FOLD, err);
                    if (!rc) rc = ngg_exec(s, "PRAGMA user_version=" NG_STR(NG_SCHEMA_VERSION) "; COMMIT", err);
                }
                if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            }
        }
        else if (!rc && uv == NG_SCHEMA_VERSION) rc = ngg_exec(s, schema_sql, err); /* restores indexes dropped by a bulk load */
        else if (!rc && uv == 1) { /* version 1: adds the corrections table */
            rc = ngg_exec(s, "BEGIN IMMEDIATE", err);
            if (!rc) rc = ngg_exec(s, schema_sql, err);
            if (!rc) rc = ngg_exec(s, "PRAGMA user_version=" NG_STR(NG_SCHEMA_VERSION) "; COMMIT", err);
            if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        }
    } else if (ntables == 0) {
        rc = ng_error_set(err, NG_E_NOTFOUND, path, 0, 0, "no newsgraph database here (run 'newsgraph ingest' first)");
    } else {
        sqlite3_exec(s->db, "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
        if (flags & NG_STORE_MMAP) sqlite3_exec(s->db, "PRAGMA mmap_size=68719476736", NULL, NULL, NULL);
    }
    if (!rc) rc = fold_version(s, err);
    if (rc) { ng_store_close(s); return rc; }
    /* window */
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key='window'", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) s->window = ng_window_parse(ngg_col_text(st, 0));
        sqlite3_finalize(st);
    }
    *out = s;
    return NG_OK;
}

void ng_store_close(ng_store *s) {
    if (!s) return;
    if (s->in_batch) ng_store_rollback(s);
    for (size_t i = 0; i < sizeof s->stc / sizeof s->stc[0] && s->stc[i].sql; i++) sqlite3_finalize(s->stc[i].st);
    if (s->db) sqlite3_close_v2(s->db);
    strmap_free(&s->ents);
    u64map_free(&s->ent_idx);
    u64map_free(&s->edge_idx);
    u64map_free(&s->surf_seen);
    json_decref(s->lookup_fail);
    json_decref(s->lookup_also);
    ngc_free(s);
    free(s->ed);
    free(s->xd);
    free(s->path);
    free(s);
}

void ng_store_set_busy_timeout(ng_store *s, int ms) {
    s->busy_ms = ms < 0 ? 0 : ms;
    sqlite3_busy_timeout(s->db, s->busy_ms);
}

int ng_store_window(ng_store *s) { return s->window; }

int ng_store_set_window(ng_store *s, int window, ng_error *err) {
    if (window < 0 || window > 2) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown window");
    if (s->window >= 0) {
        if (s->window == window) return NG_OK;
        return ng_error_set(err, NG_E_ARG, s->path, 0, 0,
                            "the database was built with --window %s; refusing to add articles with --window %s "
                            "(use the same window or another database)",
                            ng_window_name(s->window), ng_window_name(window));
    }
    if (s->readonly) return ng_error_set(err, NG_E_ARG, s->path, 0, 0, "database opened read-only");
    int rc = meta_set(s, "window", ng_window_name(window), 0, err);
    if (!rc) s->window = window;
    return rc;
}

int ng_store_bulk(ng_store *s, int on, ng_error *err) {
    if (s->in_batch) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "bulk mode inside a batch");
    if (on) return ngg_exec(s, "DROP INDEX IF EXISTS mention_entity; DROP INDEX IF EXISTS edge_b; DROP INDEX IF EXISTS alias_entity;"
                               " DROP INDEX IF EXISTS alias_rest; DROP INDEX IF EXISTS article_published;", err);
    return ngg_exec(s, "BEGIN IMMEDIATE; " IDX_MENTION_ENTITY "; " IDX_EDGE_B "; " IDX_ALIAS_ENTITY "; " IDX_ALIAS_REST "; "
                       IDX_ARTICLE_PUBLISHED "; COMMIT;", err);
}

void ng_store_set_alias_source(ng_store *s, ng_alias_source_fn fn, void *ud) {
    s->alias_fn = fn;
    s->alias_ud = ud;
}

/* ## Batches */

static void reset_deltas(ng_store *s) {
    u64map_clear(&s->ent_idx);
    u64map_clear(&s->edge_idx);
    s->ned = s->nxd = 0;
    s->d_articles = s->d_windows = 0;
}

int ng_store_read_begin(ng_store *s, ng_error *err) {
    if (s->in_batch || s->in_read || !sqlite3_get_autocommit(s->db)) return NG_OK;
    int rc = ngg_exec(s, "BEGIN", err);
    if (!rc) s->in_read = 1;
    return rc;
}

void ng_store_read_end(ng_store *s) {
    if (!s->in_read) return;
    s->in_read = 0;
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

int ng_store_begin(ng_store *s, ng_error *err) {
    if (s->readonly) return ng_error_set(err, NG_E_ARG, s->path, 0, 0, "database opened read-only");
    if (s->in_batch) return NG_OK;
    if (s->window < 0) return ng_error_set(err, NG_E_ARG, s->path, 0, 0, "no co-occurrence window set");
    /* Foreign keys are not checked inside write batches: the store inserts
     * every article and entity before the mentions that refer to them and
     * deletes mentions explicitly before their article, so the checks (two
     * parent lookups per mention) cannot fail. They are on again after the
     * batch (the pragma is a no-op inside a transaction). */
    double t0 = ng_seconds() * 1e3;
    int rc;
    for (;;) {
        rc = ngg_exec(s, "PRAGMA foreign_keys=OFF; BEGIN IMMEDIATE", err);
        if (rc != NG_E_BUSY || ng_seconds() * 1e3 - t0 >= s->busy_ms) break;
        struct timespec ts = {0, 50 * 1000000L};   /* a conflict SQLite did not wait for */
        nanosleep(&ts, NULL);
    }
    if (!rc && (rc = ngc_load(s, err))) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (rc) { sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL); return rc; }
    s->in_batch = 1;
    reset_deltas(s);
    return NG_OK;
}

void ng_store_rollback(ng_store *s) {
    if (!s->in_batch) return;
    sqlite3_exec(s->db, "ROLLBACK; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    s->in_batch = 0;
    reset_deltas(s);
    strmap_clear(&s->ents); /* rowids created in the batch are gone */
    u64map_clear(&s->surf_seen);
}

static int date_min(int a, int b) { return !a ? b : !b ? a : (a < b ? a : b); }
static int date_max(int a, int b) { return a > b ? a : b; }

static int cmp_edge_delta(const void *x, const void *y) {
    const edge_delta *a = x, *b = y;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static void bind_date(sqlite3_stmt *st, int i, int d) {
    char buf[11];
    if (d) sqlite3_bind_text(st, i, ngg_date_str(d, buf), 10, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

/* Writes the pending aggregates (positive contributions). */
static int flush(ng_store *s, ng_error *err) {
    int rc = NG_OK;
    sqlite3_stmt *ue = NULL, *ux = NULL;
    if (s->ned) {
        static const char sql_ue[] =
            "UPDATE entity SET mentions=mentions+?2, articles=articles+?3, windows=windows+?4,"
            " first_seen=CASE WHEN ?5 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?5<first_seen THEN ?5 ELSE first_seen END,"
            " last_seen=CASE WHEN ?6 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?6>last_seen THEN ?6 ELSE last_seen END"
            " WHERE id=?1";
        rc = ngg_stmt(s, sql_ue, &ue, err);
        for (size_t i = 0; !rc && i < s->ned; i++) {
            const ent_delta *d = &s->ed[i];
            sqlite3_bind_int64(ue, 1, d->id);
            sqlite3_bind_int64(ue, 2, d->mentions);
            sqlite3_bind_int64(ue, 3, d->articles);
            sqlite3_bind_int64(ue, 4, d->windows);
            bind_date(ue, 5, d->first);
            bind_date(ue, 6, d->last);
            if (sqlite3_step(ue) != SQLITE_DONE) rc = ngg_db_err(s, err, "update entity");
            sqlite3_reset(ue);
        }
        if (ue) ngg_done(ue);
    }
    if (!rc && s->nxd) {
        qsort(s->xd, s->nxd, sizeof *s->xd, cmp_edge_delta);
        static const char sql_ux[] =
            "INSERT INTO edge(a,b,windows,articles,first_date,last_date) VALUES(?1,?2,?3,?4,?5,?6)"
            " ON CONFLICT(a,b) DO UPDATE SET windows=windows+excluded.windows, articles=articles+excluded.articles,"
            " first_date=CASE WHEN excluded.first_date IS NULL THEN first_date WHEN first_date IS NULL OR excluded.first_date<first_date THEN excluded.first_date ELSE first_date END,"
            " last_date=CASE WHEN excluded.last_date IS NULL THEN last_date WHEN last_date IS NULL OR excluded.last_date>last_date THEN excluded.last_date ELSE last_date END";
        rc = ngg_stmt(s, sql_ux, &ux, err);
        for (size_t i = 0; !rc && i < s->nxd; i++) {
            const edge_delta *d = &s->xd[i];
            sqlite3_bind_int64(ux, 1, d->a);
            sqlite3_bind_int64(ux, 2, d->b);
            sqlite3_bind_int64(ux, 3, d->windows);
            sqlite3_bind_int64(ux, 4, d->articles);
            bind_date(ux, 5, d->first);
            bind_date(ux, 6, d->last);
            if (sqlite3_step(ux) != SQLITE_DONE) rc = ngg_db_err(s, err, "upsert edge");
            sqlite3_reset(ux);
        }
        if (ux) ngg_done(ux);
    }
    if (!rc && s->d_windows) rc = meta_add(s, "windows", s->d_windows, err);
    if (!rc) {
        u64map_clear(&s->ent_idx);
        u64map_clear(&s->edge_idx);
        s->ned = s->nxd = 0;
        s->d_articles = s->d_windows = 0;
    }
    return rc;
}

int ng_store_commit(ng_store *s, ng_error *err) {
    if (!s->in_batch) return NG_OK;
    int rc = flush(s, err);
    if (!rc) rc = ngc_apply_aliases(s, err); /* aliases removed stay removed */
    if (!rc) rc = ngg_exec(s, "COMMIT", err);
    if (rc) { ng_store_rollback(s); return rc; }
    s->in_batch = 0;
    sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    return NG_OK;
}

/* ## Per-article contribution */

typedef struct mrow {
    int64_t ent;
    long win, sentence, paragraph;
    unsigned field;
    size_t start, end;
} mrow;

static int cmp_mrow_ent(const void *x, const void *y) {
    const mrow *a = x, *b = y;
    if (a->ent != b->ent) return a->ent < b->ent ? -1 : 1;
    return a->win < b->win ? -1 : a->win > b->win;
}
static int cmp_mrow_win(const void *x, const void *y) {
    const mrow *a = x, *b = y;
    if (a->win != b->win) return a->win < b->win ? -1 : 1;
    return a->ent < b->ent ? -1 : a->ent > b->ent;
}
static int cmp_pair(const void *x, const void *y) {
    const uint64_t *a = x, *b = y;
    return *a < *b ? -1 : *a > *b;
}

/* Aggregates of one article's mentions: per entity (mentions, windows) and
 * per pair (windows). 'm' is reordered. */
typedef struct contrib {
    ent_delta *ents; size_t nents;
    uint64_t *pairs; size_t npairs;  /* sorted, with repeats (one per window) */
    long windows;                    /* distinct windows with an entity */
} contrib;

static void contrib_free(contrib *c) { free(c->ents); free(c->pairs); memset(c, 0, sizeof *c); }

static int contrib_make(mrow *m, size_t n, contrib *c) {
    memset(c, 0, sizeof *c);
    if (!n) return NG_OK;
    qsort(m, n, sizeof *m, cmp_mrow_ent);
    c->ents = calloc(n, sizeof *c->ents);
    if (!c->ents) return NG_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!c->nents || c->ents[c->nents - 1].id != m[i].ent) {
            ent_delta *e = &c->ents[c->nents++];
            e->id = m[i].ent; e->articles = 1;
            e->windows = 1;
        } else if (m[i].win != m[i - 1].win) {
            c->ents[c->nents - 1].windows++;
        }
        c->ents[c->nents - 1].mentions++;
    }
    qsort(m, n, sizeof *m, cmp_mrow_win);
    /* distinct (win, ent) runs */
    size_t cap = 64, np = 0;
    uint64_t *pairs = malloc(cap * sizeof *pairs);
    if (!pairs) return NG_E_NOMEM;
    size_t i = 0;
    int64_t *group = malloc(n * sizeof *group);
    if (!group) { free(pairs); return NG_E_NOMEM; }
    while (i < n) {
        size_t j = i, g = 0;
        while (j < n && m[j].win == m[i].win) {
            if (!g || group[g - 1] != m[j].ent) group[g++] = m[j].ent;
            j++;
        }
        c->windows++;
        for (size_t x = 0; x < g; x++)
            for (size_t y = x + 1; y < g; y++) {
                if (np == cap) {
                    cap *= 2;
                    uint64_t *np2 = realloc(pairs, cap * sizeof *pairs);
                    if (!np2) { free(pairs); free(group); return NG_E_NOMEM; }
                    pairs = np2;
                }
                pairs[np++] = ((uint64_t)group[x] << 32) | (uint64_t)group[y];
            }
        i = j;
    }
    free(group);
    qsort(pairs, np, sizeof *pairs, cmp_pair);
    c->pairs = pairs;
    c->npairs = np;
    return NG_OK;
}

static int add_contrib(ng_store *s, const contrib *c, int date) {
    for (size_t i = 0; i < c->nents; i++) {
        int found;
        size_t *slot = u64map_put(&s->ent_idx, (uint64_t)c->ents[i].id, s->ned, &found);
        if (!slot) return NG_E_NOMEM;
        if (!found) {
            if (s->ned == s->ced) {
                size_t nc = s->ced ? s->ced * 2 : 4096;
                ent_delta *p = realloc(s->ed, nc * sizeof *p);
                if (!p) return NG_E_NOMEM;
                s->ed = p; s->ced = nc;
            }
            ent_delta *d = &s->ed[s->ned++];
            memset(d, 0, sizeof *d);
            d->id = c->ents[i].id;
        }
        ent_delta *d = &s->ed[*slot];
        d->mentions += c->ents[i].mentions;
        d->articles += 1;
        d->windows += c->ents[i].windows;
        d->first = date_min(d->first, date);
        d->last = date_max(d->last, date);
    }
    for (size_t i = 0; i < c->npairs;) {
        size_t j = i;
        while (j < c->npairs && c->pairs[j] == c->pairs[i]) j++;
        int found;
        size_t *slot = u64map_put(&s->edge_idx, c->pairs[i], s->nxd, &found);
        if (!slot) return NG_E_NOMEM;
        if (!found) {
            if (s->nxd == s->cxd) {
                size_t nc = s->cxd ? s->cxd * 2 : 16384;
                edge_delta *p = realloc(s->xd, nc * sizeof *p);
                if (!p) return NG_E_NOMEM;
                s->xd = p; s->cxd = nc;
            }
            edge_delta *d = &s->xd[s->nxd++];
            memset(d, 0, sizeof *d);
            d->a = (int64_t)(c->pairs[i] >> 32);
            d->b = (int64_t)(c->pairs[i] & 0xffffffffu);
        }
        edge_delta *d = &s->xd[*slot];
        d->windows += (long)(j - i);
        d->articles += 1;
        d->first = date_min(d->first, date);
        d->last = date_max(d->last, date);
        i = j;
    }
    s->d_articles++;
    s->d_windows += c->windows;
    return NG_OK;
}

/* ## Entities */

typedef struct alias_ctx { ng_store *s; sqlite3_stmt *st; const char *key; int rc; } alias_ctx;

/* Does a[0..len) hold string w at byte i? */
/* Binds and runs alias statement st (norm, key or entity, alias): the
 * alias as given, and the quoted name it ends with when it has one, so that
 * a user finds an organisation by what its quotes hold: "ТОВ «Ромашка»" →
 * Ромашка, "47-ї окремої механізованої бригади «Магура»" → Магура, "ТОВ
 * «Шахта «Моспінська»»" → Шахта «Моспінська» (ng_quoted). */
static int insert_alias_forms(ng_store *s, sqlite3_stmt *st, const char *alias, size_t len) {
    size_t qa = 0, qb = 0, off = 0, ql = 0;
    if (ng_quoted(alias, len, &qa, &qb) == len) off = qa, ql = qb - qa;
    for (int k = 0; k < 2; k++) {
        const char *t = k ? alias + off : alias;
        size_t n = k ? ql : len;
        if (!n) continue;
        char *sf = ng_strndup(t, n), *norm = sf ? ngg_fold(s->fold, sf) : NULL;
        int rc = NG_OK;
        if (!sf) rc = NG_E_NOMEM;
        else if (norm) {   /* (no fold: not stored, as before) */
            sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 3, sf, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(st) != SQLITE_DONE) rc = NG_E_DB;
            sqlite3_reset(st);
        }
        free(norm);
        free(sf);
        if (rc) return rc;
    }
    return NG_OK;
}

static void add_alias_cb(const char *alias, void *ud) {
    alias_ctx *a = ud;
    if (!alias || !*alias || a->rc) return;
    sqlite3_bind_text(a->st, 2, a->key, -1, SQLITE_STATIC);
    a->rc = insert_alias_forms(a->s, a->st, alias, strlen(alias));
}

/* The error of an alias_ctx's inserts: SQLite's message, or no memory. */
static int alias_err(ng_store *s, const alias_ctx *a, ng_error *err) {
    if (a->rc == NG_E_DB) return ngg_db_err(s, err, "insert alias");
    return a->rc ? ng_error_set(err, a->rc, NULL, 0, 0, NULL) : NG_OK;
}

/* The entity's stored type and name follow the dictionaries in use: a
 * dictionary entity found stored with another type or name gets the
 * dictionary's, and its dictionary aliases (new ones included) are stored. */
static int follow_dict(ng_store *s, int64_t id, const char *key, const char *type, const char *name,
                       const char *old_type, const char *old_name, ng_error *err) {
    sqlite3_stmt *st;
    int rc;
    if ((type && *type && strcmp(type, old_type)) || (name && *name && strcmp(name, old_name))) {
        rc = ngg_stmt(s, "UPDATE entity SET type=coalesce(?2, type), name=coalesce(?3, name) WHERE id=?1", &st, err);
        if (rc) return rc;
        sqlite3_bind_int64(st, 1, id);
        if (type && *type) sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC); else sqlite3_bind_null(st, 2);
        if (name && *name) sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC); else sqlite3_bind_null(st, 3);
        rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "update entity");
        ngg_done(st);
        if (rc) return rc;
    }
    if (!s->alias_fn) return NG_OK;
    rc = ngg_stmt(s, "INSERT OR IGNORE INTO alias(norm,entity,alias) VALUES(?,?,?)", &st, err);
    if (rc) return rc;
    alias_ctx a = {s, st, key, 0};
    if (name && *name) add_alias_cb(name, &a);
    s->alias_fn(key, add_alias_cb, &a, s->alias_ud);
    ngg_done(st);
    return alias_err(s, &a, err);
}

/* The rowid of entity 'key', created (with its aliases) if new. 'dict'
 * says that type and name are the dictionary's (not a rule's guess, not a
 * correction): a stored entity then follows them (follow_dict), once per
 * batch. */
static int entity_id(ng_store *s, const char *key, const char *type, const char *name, int dict,
                     int64_t *out, ng_error *err) {
    if (strmap_get(&s->ents, key, out)) return NG_OK;
    sqlite3_stmt *st;
    static const char q1[] = "SELECT id, type, name FROM entity WHERE key=?";
    static const char q2[] = "INSERT INTO entity(key,type,name) VALUES(?,?,?)";
    static const char q3[] = "INSERT OR IGNORE INTO alias(norm,entity,alias) VALUES(?,?,?)";
    int rc = ngg_stmt(s, q1, &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    char *old_type = NULL, *old_name = NULL;
    if (found && dict) {
        /* once per entity and process (the mark shares the surface set) */
        static const char tag[] = "follows the dictionaries";
        int seen;
        uint64_t h = ng_hash64(key, strlen(key), ng_hash64(tag, sizeof tag, NG_HASH_SEED)) | 1;
        if (!u64map_put(&s->surf_seen, h, 0, &seen)) { ngg_done(st); return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); }
        if (seen) dict = 0;
    }
    if (found) {
        *out = sqlite3_column_int64(st, 0);
        if (dict) {
            old_type = strdup(ngg_col_text(st, 1));
            old_name = strdup(ngg_col_text(st, 2));
        }
    }
    ngg_done(st);
    if (found && dict) {
        rc = old_type && old_name ? follow_dict(s, *out, key, type, name, old_type, old_name, err)
                                  : ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        free(old_type);
        free(old_name);
        if (rc) return rc;
    }
    if (!found) {
        rc = ngg_stmt(s, q2, &st, err);
        if (rc) return rc;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, type && *type ? type : "UNK", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, name && *name ? name : key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "insert entity");
        ngg_done(st);
        if (rc) return rc;
        *out = sqlite3_last_insert_rowid(s->db);
        if (*out > 0xffffffffLL) return ng_error_set(err, NG_E_LIMIT, s->path, 0, 0, "too many entities");
        rc = ngg_stmt(s, q3, &st, err);
        if (rc) return rc;
        alias_ctx a = {s, st, key, 0};
        add_alias_cb(name && *name ? name : key, &a);
        add_alias_cb(key, &a);
        if (s->alias_fn) s->alias_fn(key, add_alias_cb, &a, s->alias_ud);
        ngg_done(st);
        if (a.rc) return alias_err(s, &a, err);
    }
    if (strmap_put(&s->ents, key, *out)) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    return NG_OK;
}

/* A rule-found person seen in the nominative as written: if its stored
 * name is none of the forms its mentions were written in (a nominative
 * guess made from a declined first sighting), it takes this name. Checked
 * once per entity and process (the mark shares the surface set). */
static int nominative_name(ng_store *s, int64_t ent, const char *name, ng_error *err) {
    static const char tag[] = "nominative";
    uint64_t h = ng_hash64(&ent, sizeof ent, ng_hash64(tag, sizeof tag, NG_HASH_SEED)) | 1;
    int found;
    if (!u64map_put(&s->surf_seen, h, 0, &found)) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    if (found) return NG_OK;
    sqlite3_stmt *st;
    static const char q[] =
        "SELECT name FROM entity WHERE id=?1 AND name IS NOT ?2"
        " AND NOT EXISTS (SELECT 1 FROM mention WHERE entity=?1 AND surface=entity.name)";
    int rc = ngg_stmt(s, q, &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, ent);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int guess = sqlite3_step(st) == SQLITE_ROW;
    ngg_done(st);
    if (!guess) return NG_OK;
    rc = ngg_stmt(s, "UPDATE entity SET name=?2 WHERE id=?1", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, ent);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "entity name");
    ngg_done(st);
    return rc;
}

/* The entity of match x as stored: corrections applied (merged, renamed,
 * retyped), dictionary data followed, a rule-found person's nominative name. */
static int match_entity(ng_store *s, const ng_match *x, int64_t *ent, ng_error *err) {
    const char *key = x->id, *type = x->type, *name = x->name;
    ngc_map(s, &key, &type, &name); /* corrections: merged, renamed, retyped */
    int plain = key == x->id && type == x->type && name == x->name;
    int rule = (x->flags & NG_MATCH_RULE) || !strncmp(x->id, "per:", 4);
    int rc = entity_id(s, key, type, name, plain && !rule, ent, err);
    /* the canonical name of a rule-found person: the first nominative
     * sighting as written, never a declined form (unless corrected) */
    if (!rc && rule && (x->flags & NG_MATCH_NOMINATIVE) && plain && name && *name)
        rc = nominative_name(s, *ent, name, err);
    return rc;
}

/* ## Removal */

static int recompute_entity_dates(ng_store *s, int64_t id, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s,
        "UPDATE entity SET (first_seen, last_seen) = (SELECT min(ar.published), max(ar.published)"
        " FROM mention m JOIN article ar ON ar.id=m.article WHERE m.entity=?1) WHERE id=?1", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "entity dates");
    sqlite3_finalize(st);
    return rc;
}

static int recompute_edge_dates(ng_store *s, int64_t a, int64_t b, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s,
        "UPDATE edge SET (first_date, last_date) = (SELECT min(ar.published), max(ar.published)"
        " FROM mention ma JOIN mention mb ON mb.entity=?2 AND mb.article=ma.article AND mb.win=ma.win"
        " JOIN article ar ON ar.id=ma.article WHERE ma.entity=?1) WHERE a=?1 AND b=?2", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "edge dates");
    sqlite3_finalize(st);
    return rc;
}

/* Removes article 'aid' and its contribution. Pending aggregates are
 * flushed first so that the tables are exact. */
static int remove_article(ng_store *s, int64_t aid, ng_error *err) {
    int rc = flush(s, err);
    if (rc) return rc;
    sqlite3_stmt *st;
    rc = ngg_prepare(s, "SELECT published, windows FROM article WHERE id=?", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, aid);
    if (sqlite3_step(st) != SQLITE_ROW) { sqlite3_finalize(st); return ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no such article"); }
    int date = ngg_date((const char *)sqlite3_column_text(st, 0));
    long awin = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    /* the article's mentions */
    size_t n = 0, cap = 64;
    mrow *m = malloc(cap * sizeof *m);
    if (!m) return NG_E_NOMEM;
    rc = ngg_prepare(s, "SELECT entity, win FROM mention WHERE article=?", &st, err);
    if (rc) { free(m); return rc; }
    sqlite3_bind_int64(st, 1, aid);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) { cap *= 2; mrow *p = realloc(m, cap * sizeof *m); if (!p) { free(m); sqlite3_finalize(st); return NG_E_NOMEM; } m = p; }
        memset(&m[n], 0, sizeof *m);
        m[n].ent = sqlite3_column_int64(st, 0);
        m[n].win = sqlite3_column_int64(st, 1);
        n++;
    }
    sqlite3_finalize(st);
    contrib c;
    rc = contrib_make(m, n, &c);
    free(m);
    if (rc) return ng_error_set(err, rc, NULL, 0, 0, NULL);
    char buf[64];
    snprintf(buf, sizeof buf, "%lld", (long long)aid);
    (void)buf;
    rc = ngg_prepare(s, "DELETE FROM mention WHERE article=?", &st, err);
    if (!rc) {
        sqlite3_bind_int64(st, 1, aid);
        if (sqlite3_step(st) != SQLITE_DONE) rc = ngg_db_err(s, err, "delete mentions");
        sqlite3_finalize(st);
    }
    if (!rc) rc = ngg_prepare(s, "DELETE FROM article WHERE id=?", &st, err);
    if (!rc) {
        sqlite3_bind_int64(st, 1, aid);
        if (sqlite3_step(st) != SQLITE_DONE) rc = ngg_db_err(s, err, "delete article");
        sqlite3_finalize(st);
    }
    char dstr[11];
    ngg_date_str(date, dstr);
    /* entities */
    sqlite3_stmt *ue = NULL, *qe = NULL;
    if (!rc) rc = ngg_prepare(s, "UPDATE entity SET mentions=mentions-?2, articles=articles-1, windows=windows-?3 WHERE id=?1", &ue, err);
    if (!rc) rc = ngg_prepare(s, "SELECT mentions, first_seen, last_seen FROM entity WHERE id=?", &qe, err);
    for (size_t i = 0; !rc && i < c.nents; i++) {
        sqlite3_bind_int64(ue, 1, c.ents[i].id);
        sqlite3_bind_int64(ue, 2, c.ents[i].mentions);
        sqlite3_bind_int64(ue, 3, c.ents[i].windows);
        if (sqlite3_step(ue) != SQLITE_DONE) rc = ngg_db_err(s, err, "update entity");
        sqlite3_reset(ue);
        if (rc) break;
        sqlite3_bind_int64(qe, 1, c.ents[i].id);
        if (sqlite3_step(qe) == SQLITE_ROW) {
            long left = sqlite3_column_int64(qe, 0);
            int fix = date && (!strcmp(ngg_col_text(qe, 1), dstr) || !strcmp(ngg_col_text(qe, 2), dstr));
            sqlite3_reset(qe);
            if (left <= 0) {
                sqlite3_stmt *d;
                rc = ngg_prepare(s, "DELETE FROM entity WHERE id=?", &d, err);
                if (!rc) {
                    sqlite3_bind_int64(d, 1, c.ents[i].id);
                    if (sqlite3_step(d) != SQLITE_DONE) rc = ngg_db_err(s, err, "delete entity");
                    sqlite3_finalize(d);
                }
            } else if (fix) {
                rc = recompute_entity_dates(s, c.ents[i].id, err);
            }
        } else sqlite3_reset(qe);
    }
    sqlite3_finalize(ue);
    sqlite3_finalize(qe);
    /* edges */
    sqlite3_stmt *ux = NULL, *qx = NULL, *dx = NULL;
    if (!rc) rc = ngg_prepare(s, "UPDATE edge SET windows=windows-?3, articles=articles-1 WHERE a=?1 AND b=?2", &ux, err);
    if (!rc) rc = ngg_prepare(s, "SELECT windows, first_date, last_date FROM edge WHERE a=?1 AND b=?2", &qx, err);
    if (!rc) rc = ngg_prepare(s, "DELETE FROM edge WHERE a=?1 AND b=?2", &dx, err);
    for (size_t i = 0; !rc && i < c.npairs;) {
        size_t j = i;
        while (j < c.npairs && c.pairs[j] == c.pairs[i]) j++;
        int64_t a = (int64_t)(c.pairs[i] >> 32), b = (int64_t)(c.pairs[i] & 0xffffffffu);
        sqlite3_bind_int64(ux, 1, a); sqlite3_bind_int64(ux, 2, b); sqlite3_bind_int64(ux, 3, (long)(j - i));
        if (sqlite3_step(ux) != SQLITE_DONE) rc = ngg_db_err(s, err, "update edge");
        sqlite3_reset(ux);
        if (rc) break;
        sqlite3_bind_int64(qx, 1, a); sqlite3_bind_int64(qx, 2, b);
        if (sqlite3_step(qx) == SQLITE_ROW) {
            long left = sqlite3_column_int64(qx, 0);
            int fix = date && (!strcmp(ngg_col_text(qx, 1), dstr) || !strcmp(ngg_col_text(qx, 2), dstr));
            sqlite3_reset(qx);
            if (left <= 0) {
                sqlite3_bind_int64(dx, 1, a); sqlite3_bind_int64(dx, 2, b);
                if (sqlite3_step(dx) != SQLITE_DONE) rc = ngg_db_err(s, err, "delete edge");
                sqlite3_reset(dx);
            } else if (fix) {
                rc = recompute_edge_dates(s, a, b, err);
            }
        } else sqlite3_reset(qx);
        i = j;
    }
    sqlite3_finalize(ux); sqlite3_finalize(qx); sqlite3_finalize(dx);
    if (!rc) rc = meta_add(s, "windows", -awin, err);
    contrib_free(&c);
    strmap_clear(&s->ents); /* deleted entities */
    return rc;
}

/* ## Adding articles */

typedef struct sent_ctx { size_t *starts; long *paras; size_t n, cap; int oom; } sent_ctx;
static void sent_cb(size_t start, size_t end, long para, void *ud) {
    (void)end;
    sent_ctx *c = ud;
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        size_t *a = realloc(c->starts, nc * sizeof *a);
        if (!a) { c->oom = 1; return; }
        c->starts = a;
        long *b = realloc(c->paras, nc * sizeof *b);
        if (!b) { c->oom = 1; return; }
        c->paras = b;
        c->cap = nc;
    }
    c->starts[c->n] = start;
    c->paras[c->n] = para;
    c->n++;
}

static uint64_t hash_str(uint64_t h, const char *s, size_t len) {
    if (!s) { unsigned char z = 0xff; return ng_hash64(&z, 1, h); }
    h = ng_hash64(&len, sizeof len, h);
    return ng_hash64(s, len, h);
}

static int cmp_match_key(const void *x, const void *y) {
    const mrow *a = x, *b = y;
    if (a->field != b->field) return a->field < b->field ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->ent < b->ent ? -1 : a->ent > b->ent;
}

/* ## Adding an article, phase by phase */

/* The article's fields ("" when absent). */
typedef struct docf { const char *title, *text; size_t tlen, xlen; } docf;

/* Phase 1: every match in a field, inside it, with an id. */
static int doc_validate(const ng_doc *doc, const docf *f, ng_error *err) {
    for (size_t i = 0; i < doc->nmatches; i++) {
        const ng_match *m = &doc->matches[i];
        size_t flen = m->field == 0 ? f->tlen : m->field == 1 ? f->xlen : 0;
        if (m->field > 1)
            return ng_error_set(err, NG_E_PARSE, NULL, 0, 0, "article %s: entity %zu: unknown field %u", doc->id, i, m->field);
        if (m->start > m->end || m->end > flen)
            return ng_error_set(err, NG_E_PARSE, NULL, 0, 0,
                                "article %s: entity %zu: span %zu-%zu outside the %s (%zu bytes)",
                                doc->id, i, m->start, m->end, m->field ? "text" : "title", flen);
        if (!m->id || !*m->id)
            return ng_error_set(err, NG_E_PARSE, NULL, 0, 0, "article %s: entity %zu without an id", doc->id, i);
    }
    return NG_OK;
}

/* Phase 2: the content hash (fields, date, matches) in hex. */
static void doc_hash(const ng_doc *doc, const docf *f, const char *pub, char hex[17]) {
    uint64_t h = NG_HASH_SEED;
    h = hash_str(h, doc->title, f->tlen);
    h = hash_str(h, doc->text, f->xlen);
    h = hash_str(h, doc->url, doc->url ? strlen(doc->url) : 0);
    h = hash_str(h, pub, strlen(pub));
    h = hash_str(h, doc->lang, doc->lang ? strlen(doc->lang) : 0);
    for (size_t i = 0; i < doc->nmatches; i++) {
        const ng_match *m = &doc->matches[i];
        size_t v[3] = {m->start, m->end, m->field};
        h = ng_hash64(v, sizeof v, h);
        h = hash_str(h, m->id, strlen(m->id));
        h = hash_str(h, m->type, m->type ? strlen(m->type) : 0);
    }
    snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

/* Phase 3: the stored article of that id: its rowid (-1: none) and whether
 * its hash is 'hex'. An unchanged article's entities are still matched
 * (they follow the dictionaries in use). */
static int doc_existing(ng_store *s, const ng_doc *doc, const char *hex, int64_t *old, int *same, ng_error *err) {
    static const char q_old[] = "SELECT id, hash FROM article WHERE key=?";
    sqlite3_stmt *st;
    *old = -1;
    *same = 0;
    int rc = ngg_stmt(s, q_old, &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, doc->id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *old = sqlite3_column_int64(st, 0);
        *same = !strcmp(ngg_col_text(st, 1), hex);
    }
    ngg_done(st);
    for (size_t i = 0; *same && i < doc->nmatches && !rc; i++) {
        int64_t ent;
        rc = match_entity(s, &doc->matches[i], &ent, err);
    }
    return rc;
}

/* Phase 4: one row per distinct mention (sentence, paragraph, window,
 * entity), in *rows (malloc'd) and *nrows. Sentence 0 is the title. */
/* Each match's sentence and paragraph (0 in the title) into sent[] and
 * para[]: the sentences that start up to the last match in the text are
 * split (the numbers of the matches' sentences and paragraphs are all that
 * is kept). NG_E_NOMEM or NG_OK. */
static int match_sentences(const ng_doc *doc, const docf *f, long *sent, long *para) {
    sent_ctx sc = {0};
    size_t last = 0;
    int in_text = 0;
    for (size_t i = 0; i < doc->nmatches; i++)
        if (doc->matches[i].field == 1) { in_text = 1; if (doc->matches[i].start > last) last = doc->matches[i].start; }
    if (in_text) ngg_split_sentences_to(f->text, f->xlen, last, sent_cb, &sc);
    if (sc.oom) { free(sc.starts); free(sc.paras); return NG_E_NOMEM; }
    for (size_t i = 0; i < doc->nmatches; i++) {
        const ng_match *x = &doc->matches[i];
        if (x->field == 0) { sent[i] = 0; para[i] = 0; continue; }
        size_t lo = 0, hi = sc.n; /* last sentence starting at or before x->start */
        while (lo < hi) { size_t mid = (lo + hi) / 2; if (sc.starts[mid] <= x->start) lo = mid + 1; else hi = mid; }
        sent[i] = lo ? (long)lo : 1;
        para[i] = lo ? sc.paras[lo - 1] + 1 : 1;
    }
    free(sc.starts); free(sc.paras);
    return NG_OK;
}

struct ng_doc_prep {
    char hex[17];
    long *sent, *para;   /* per match */
};

static int doc_rows(ng_store *s, const ng_doc *doc, const docf *f, const ng_doc_prep *p, mrow **rows, size_t *nrows,
                    ng_error *err) {
    size_t n = doc->nmatches;
    mrow *m = malloc((n ? n : 1) * sizeof *m);
    long *sent = p ? p->sent : malloc((n ? n : 1) * sizeof *sent), *para = p ? p->para : malloc((n ? n : 1) * sizeof *para);
    int rc = m && sent && para ? NG_OK : NG_E_NOMEM;
    if (!rc && !p) rc = match_sentences(doc, f, sent, para);
    for (size_t i = 0; i < n && !rc; i++) {
        const ng_match *x = &doc->matches[i];
        mrow *r = &m[i];
        r->field = x->field; r->start = x->start; r->end = x->end;
        r->sentence = sent[i];
        r->paragraph = para[i];
        r->win = s->window == NG_WINDOW_SENTENCE ? r->sentence : s->window == NG_WINDOW_PARAGRAPH ? r->paragraph : 0;
        rc = match_entity(s, x, &r->ent, err);
    }
    if (!p) { free(sent); free(para); }
    if (rc == NG_E_NOMEM) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    if (rc) { free(m); return rc; }
    /* drop duplicate spans */
    qsort(m, n, sizeof *m, cmp_match_key);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || cmp_match_key(&m[k - 1], &m[i])) m[k++] = m[i];
    *rows = m;
    *nrows = k;
    return NG_OK;
}

/* Phase 5: the article row; *aid its rowid. */
static int insert_article(ng_store *s, const ng_doc *doc, const docf *f, int date, const char *pub, const char *hex,
                          long windows, int64_t *aid, ng_error *err) {
    static const char q_art[] = "INSERT INTO article(key,title,url,published,lang,hash,windows,text,ingested) VALUES(?,?,?,?,?,?,?,?,?)";
    char now[32];
    ngg_now_iso(now);
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q_art, &st, err);
    if (!rc) {
        sqlite3_bind_text(st, 1, doc->id, -1, SQLITE_STATIC);
        if (doc->title) sqlite3_bind_text(st, 2, f->title, (int)f->tlen, SQLITE_STATIC); else sqlite3_bind_null(st, 2);
        if (doc->url) sqlite3_bind_text(st, 3, doc->url, -1, SQLITE_STATIC); else sqlite3_bind_null(st, 3);
        if (date) sqlite3_bind_text(st, 4, pub, -1, SQLITE_STATIC); else sqlite3_bind_null(st, 4);
        if (doc->lang) sqlite3_bind_text(st, 5, doc->lang, -1, SQLITE_STATIC); else sqlite3_bind_null(st, 5);
        sqlite3_bind_text(st, 6, hex, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 7, windows);
        sqlite3_bind_text(st, 8, f->text, (int)f->xlen, SQLITE_STATIC);
        sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) rc = ngg_db_err(s, err, "insert article");
        ngg_done(st);
    }
    *aid = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* Phase 6: the mention rows. */
static int insert_mentions(ng_store *s, int64_t aid, const mrow *m, size_t n, const docf *f, ng_error *err) {
    static const char q_men[] = "INSERT INTO mention(article,field,start,end,entity,sentence,paragraph,win,surface) VALUES(?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q_men, &st, err);
    if (rc) return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        const mrow *r = &m[i];
        const char *t = r->field ? f->text : f->title;
        sqlite3_bind_int64(st, 1, aid);
        sqlite3_bind_int(st, 2, (int)r->field);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)r->start);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)r->end);
        sqlite3_bind_int64(st, 5, r->ent);
        sqlite3_bind_int64(st, 6, r->sentence);
        sqlite3_bind_int64(st, 7, r->paragraph);
        sqlite3_bind_int64(st, 8, r->win);
        sqlite3_bind_text(st, 9, t + r->start, (int)(r->end - r->start), SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) rc = ngg_db_err(s, err, "insert mention");
        sqlite3_reset(st);
    }
    ngg_done(st);
    return rc;
}

/* Phase 7: surface forms become aliases too (lookup by any form seen in
 * the news); each (entity, form) once per process. */
static int insert_surfaces(ng_store *s, const mrow *m, size_t n, const docf *f, ng_error *err) {
    static const char q_ali[] = "INSERT OR IGNORE INTO alias(norm,entity,alias) SELECT ?1, key, ?3 FROM entity WHERE id=?2";
    sqlite3_stmt *st;
    int rc = ngg_stmt(s, q_ali, &st, err);
    if (rc) return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        const mrow *r = &m[i];
        const char *t = (r->field ? f->text : f->title) + r->start;
        size_t len = r->end - r->start;
        uint64_t hh = ng_hash64(t, len, ng_hash64(&r->ent, sizeof r->ent, NG_HASH_SEED)) | 1;
        int found;
        if (!len || !u64map_put(&s->surf_seen, hh, 0, &found) || found) continue;
        sqlite3_bind_int64(st, 2, r->ent);
        int arc = insert_alias_forms(s, st, t, len);
        if (arc == NG_E_DB) rc = ngg_db_err(s, err, "insert alias");
        else if (arc) rc = ng_error_set(err, arc, NULL, 0, 0, NULL);
    }
    ngg_done(st);
    return rc;
}

ng_doc_prep *ng_doc_prepare(const ng_doc *doc) {
    if (!doc->id || !*doc->id) return NULL;
    docf f = {doc->title ? doc->title : "", doc->text ? doc->text : "", doc->title ? doc->title_len : 0,
              doc->text ? doc->text_len : 0};
    ng_error e = {0};
    if (doc_validate(doc, &f, &e)) return NULL;
    size_t n = doc->nmatches ? doc->nmatches : 1;
    ng_doc_prep *p = calloc(1, sizeof *p);
    if (p) { p->sent = malloc(n * sizeof *p->sent); p->para = malloc(n * sizeof *p->para); }
    if (!p || !p->sent || !p->para || match_sentences(doc, &f, p->sent, p->para)) { ng_doc_prep_free(p); return NULL; }
    char pub[11] = "";
    ngg_date_str(ngg_date(doc->published), pub);
    doc_hash(doc, &f, pub, p->hex);
    return p;
}

void ng_doc_prep_free(ng_doc_prep *p) {
    if (!p) return;
    free(p->sent);
    free(p->para);
    free(p);
}

int ng_store_add_doc(ng_store *s, const ng_doc *doc, int *outcome, ng_error *err) {
    return ng_store_add_doc_prepared(s, doc, NULL, outcome, err);
}

int ng_store_add_doc_prepared(ng_store *s, const ng_doc *doc, const ng_doc_prep *p, int *outcome, ng_error *err) {
    if (outcome) *outcome = 0;
    if (!s->in_batch) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "ng_store_add_doc outside a batch");
    if (!doc->id || !*doc->id) return ng_error_set(err, NG_E_PARSE, NULL, 0, 0, "article without an id");
    docf f = {doc->title ? doc->title : "", doc->text ? doc->text : "", doc->title ? doc->title_len : 0,
              doc->text ? doc->text_len : 0};
    int rc = doc_validate(doc, &f, err);
    if (rc) return rc;
    char pub[11] = "", hex[17];
    int date = ngg_date(doc->published);
    ngg_date_str(date, pub);
    if (p) memcpy(hex, p->hex, sizeof hex);
    else doc_hash(doc, &f, pub, hex);
    int64_t old;
    int same;
    if ((rc = doc_existing(s, doc, hex, &old, &same, err))) return rc;
    if (same) {
        if (outcome) *outcome = NG_DOC_UNCHANGED;
        return NG_OK;
    }
    if (old >= 0 && (rc = remove_article(s, old, err))) return rc;
    mrow *m = NULL;
    size_t n = 0;
    if ((rc = doc_rows(s, doc, &f, p, &m, &n, err))) return rc;
    contrib c;   /* distinct windows */
    rc = contrib_make(m, n, &c);
    if (rc) { free(m); return ng_error_set(err, rc, NULL, 0, 0, NULL); }
    int64_t aid;
    rc = insert_article(s, doc, &f, date, pub, hex, c.windows, &aid, err);
    if (!rc) rc = insert_mentions(s, aid, m, n, &f, err);
    if (!rc) rc = insert_surfaces(s, m, n, &f, err);
    free(m);
    if (!rc) {
        rc = add_contrib(s, &c, date);
        if (rc) rc = ng_error_set(err, rc, NULL, 0, 0, NULL);
    }
    contrib_free(&c);
    if (!rc && outcome) *outcome = old >= 0 ? NG_DOC_REPLACED : NG_DOC_ADDED;
    if (!rc) s->mentions_added += (long long)n;
    return rc;
}

long long ng_store_mentions_added(const ng_store *s) { return s->mentions_added; }

int ng_store_forget(ng_store *s, const char *article_id, ng_error *err) {
    int own = !s->in_batch;
    int rc = NG_OK;
    if (own && (rc = ng_store_begin(s, err))) return rc;
    sqlite3_stmt *st;
    rc = ngg_prepare(s, "SELECT id FROM article WHERE key=?", &st, err);
    if (!rc) {
        sqlite3_bind_text(st, 1, article_id, -1, SQLITE_STATIC);
        int64_t id = -1;
        if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (id < 0) rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no article with id '%s'", article_id);
        else rc = remove_article(s, id, err);
    }
    if (own) {
        if (rc) ng_store_rollback(s);
        else rc = ng_store_commit(s, err);
    }
    return rc;
}

/* ## Merge */

int ng_store_merge(ng_store *s, const char *path, ng_error *err) {
    if (s->in_batch) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "merge inside a batch");
    ng_store *shard;
    int rc = ng_store_open(path, NG_STORE_READONLY, &shard, err);
    if (rc) return rc;
    int w = shard->window, shard_fold = shard->fold;
    ng_store_close(shard);
    if (w < 0) return NG_OK; /* empty shard */
    if (s->window >= 0 && s->window != w)
        return ng_error_set(err, NG_E_ARG, path, 0, 0,
                            "built with --window %s, and the database it is merged into with --window %s: "
                            "only databases of one window merge", ng_window_name(w), ng_window_name(s->window));
    if ((rc = ng_store_set_window(s, w, err))) return rc;
    sqlite3_stmt *st;
    rc = ngg_prepare(s, "ATTACH DATABASE ? AS shard", &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "attach");
    sqlite3_finalize(st);
    if (rc) return rc;
    rc = ngg_exec(s, "BEGIN IMMEDIATE", err);
    if (!rc) {
        /* refuse overlapping articles */
        rc = ngg_prepare(s, "SELECT x.key FROM shard.article x JOIN main.article y ON y.key=x.key LIMIT 1", &st, err);
        if (!rc) {
            if (sqlite3_step(st) == SQLITE_ROW)
                rc = ng_error_set(err, NG_E_ARG, path, 0, 0,
                                  "article '%s' is in more than one database; shards must hold disjoint articles",
                                  ngg_col_text(st, 0));
            sqlite3_finalize(st);
        }
    }
    static const char *const steps[] = {
        "INSERT INTO main.entity(key,type,name) SELECT key,type,name FROM shard.entity WHERE true"
        " ON CONFLICT(key) DO NOTHING",
        "INSERT OR IGNORE INTO main.alias SELECT * FROM shard.alias",
        "CREATE TEMP TABLE emap(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
        "INSERT INTO temp.emap SELECT x.id, y.id FROM shard.entity x JOIN main.entity y ON y.key=x.key",
        "CREATE TEMP TABLE amap(old INTEGER PRIMARY KEY, new INTEGER)",
        "INSERT INTO main.article(key,title,url,published,lang,hash,windows,text,ingested)"
        " SELECT key,title,url,published,lang,hash,windows,text,ingested FROM shard.article ORDER BY id",
        "INSERT INTO temp.amap SELECT x.id, y.id FROM shard.article x JOIN main.article y ON y.key=x.key",
        "INSERT INTO main.mention SELECT am.new, m.field, m.start, m.end, em.new, m.sentence, m.paragraph, m.win, m.surface"
        " FROM shard.mention m JOIN temp.amap am ON am.old=m.article JOIN temp.emap em ON em.old=m.entity",
        "UPDATE main.entity AS t SET mentions=t.mentions+x.mentions, articles=t.articles+x.articles, windows=t.windows+x.windows,"
        " first_seen=CASE WHEN x.first_seen IS NULL THEN t.first_seen WHEN t.first_seen IS NULL OR x.first_seen<t.first_seen THEN x.first_seen ELSE t.first_seen END,"
        " last_seen=CASE WHEN x.last_seen IS NULL THEN t.last_seen WHEN t.last_seen IS NULL OR x.last_seen>t.last_seen THEN x.last_seen ELSE t.last_seen END"
        " FROM (SELECT em.new AS nid, e.mentions, e.articles, e.windows, e.first_seen, e.last_seen"
        "   FROM shard.entity e JOIN temp.emap em ON em.old=e.id) AS x WHERE t.id=x.nid",
        "INSERT INTO main.edge(a,b,windows,articles,first_date,last_date)"
        " SELECT min(ea.new,eb.new), max(ea.new,eb.new), g.windows, g.articles, g.first_date, g.last_date"
        " FROM shard.edge g JOIN temp.emap ea ON ea.old=g.a JOIN temp.emap eb ON eb.old=g.b WHERE true"
        " ON CONFLICT(a,b) DO UPDATE SET windows=windows+excluded.windows, articles=articles+excluded.articles,"
        " first_date=CASE WHEN excluded.first_date IS NULL THEN first_date WHEN first_date IS NULL OR excluded.first_date<first_date THEN excluded.first_date ELSE first_date END,"
        " last_date=CASE WHEN excluded.last_date IS NULL THEN last_date WHEN last_date IS NULL OR excluded.last_date>last_date THEN excluded.last_date ELSE last_date END",
        "UPDATE main.meta SET value=value+(SELECT value FROM shard.meta WHERE key='windows') WHERE key='windows'",
        "DROP TABLE temp.emap", "DROP TABLE temp.amap",
        NULL
    };
    for (int i = 0; !rc && steps[i]; i++) rc = ngg_exec(s, steps[i], err);
    if (!rc && shard_fold < s->fold) rc = ngg_refold_aliases(s, err); /* the shard's aliases, folded as ours */
    if (!rc) rc = ngc_import(s, err); /* corrections of both, applied to all */
    if (!rc) rc = ngg_exec(s, "COMMIT", err);
    if (rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_exec(s->db, "DROP TABLE IF EXISTS temp.emap; DROP TABLE IF EXISTS temp.amap", NULL, NULL, NULL);
    }
    sqlite3_exec(s->db, "DETACH DATABASE shard", NULL, NULL, NULL);
    strmap_clear(&s->ents);
    u64map_clear(&s->surf_seen);
    if (rc) ngc_load(s, NULL);
    return rc;
}

int ng_store_replace_from(ng_store *s, const char *path, ng_error *err) {
    if (s->readonly) return ng_error_set(err, NG_E_ARG, s->path, 0, 0, "database opened read-only");
    if (s->in_batch) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "replace inside a batch");
    sqlite3 *src = NULL;
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        int rc = ng_error_set(err, NG_E_DB, path, 0, 0, "cannot open: %s", src ? sqlite3_errmsg(src) : "out of memory");
        sqlite3_close(src);
        return rc;
    }
    sqlite3_backup *b = sqlite3_backup_init(s->db, "main", src, "main");
    if (!b) {
        int rc = ngg_db_err(s, err, "replace");
        sqlite3_close(src);
        return rc;
    }
    /* one step: the whole copy is one transaction of 's' (its readers see
     * the old or the new content); a writer holding the lock is waited for */
    int r, waited = 0;
    while ((r = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || r == SQLITE_LOCKED) {
        if (waited >= s->busy_ms) break;
        sqlite3_sleep(50);
        waited += 50;
    }
    int fr = sqlite3_backup_finish(b);
    sqlite3_close(src);
    if (r == SQLITE_BUSY || r == SQLITE_LOCKED)
        return ng_error_set(err, NG_E_BUSY, s->path, 0, 0, "the database is locked by another writer (waited %d ms)", s->busy_ms);
    if (r != SQLITE_DONE || fr != SQLITE_OK) return ngg_db_err(s, err, "replace");
    strmap_clear(&s->ents);   /* (what the handle remembered of the old content) */
    u64map_clear(&s->surf_seen);
    ngc_load(s, NULL);
    return NG_OK;
}

int ng_store_copy_to(ng_store *s, const char *path, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, "VACUUM INTO ?", &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "copy");
    sqlite3_finalize(st);
    return rc;
}

/* ## Verification */

int ng_store_verify(ng_store *s, long *mismatches, ng_error *err) {
    static const char sql[] =
        "WITH e AS (SELECT m.entity AS id, count(*) AS mentions, count(DISTINCT m.article) AS articles,"
        "   count(DISTINCT m.article * 4294967296 + m.win) AS windows, min(ar.published) AS f, max(ar.published) AS l"
        "   FROM mention m JOIN article ar ON ar.id=m.article GROUP BY m.entity),"
        " p AS (SELECT DISTINCT ma.article AS art, ma.win AS win, ma.entity AS a, mb.entity AS b"
        "   FROM mention ma JOIN mention mb ON mb.article=ma.article AND mb.win=ma.win AND mb.entity>ma.entity),"
        " x AS (SELECT a, b, count(*) AS windows, count(DISTINCT art) AS articles, min(ar.published) AS f, max(ar.published) AS l"
        "   FROM p JOIN article ar ON ar.id=p.art GROUP BY a, b),"
        " d1 AS (SELECT * FROM e EXCEPT SELECT id, mentions, articles, windows, first_seen, last_seen FROM entity),"
        " d2 AS (SELECT id, mentions, articles, windows, first_seen, last_seen FROM entity EXCEPT SELECT * FROM e),"
        " d3 AS (SELECT * FROM x EXCEPT SELECT a, b, windows, articles, first_date, last_date FROM edge),"
        " d4 AS (SELECT a, b, windows, articles, first_date, last_date FROM edge EXCEPT SELECT * FROM x)"
        " SELECT (SELECT count(*) FROM d1) + (SELECT count(*) FROM d2) + (SELECT count(*) FROM d3) + (SELECT count(*) FROM d4)"
        "  + ((SELECT coalesce(sum(windows),0) FROM article) != (SELECT value FROM meta WHERE key='windows'))"
        "  + ((SELECT count(*) FROM article a WHERE windows != (SELECT count(DISTINCT win) FROM mention m WHERE m.article=a.id)))";
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, sql, &st, err);
    if (rc) return rc;
    if (sqlite3_step(st) == SQLITE_ROW) *mismatches = (long)sqlite3_column_int64(st, 0);
    else rc = ngg_db_err(s, err, "verify");
    sqlite3_finalize(st);
    return rc;
}
