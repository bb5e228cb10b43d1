/* Curation: corrections a user makes to the stored graph (merge two
 * entities, rename, retype, add or remove an alias), kept in the table
 * 'correction' and applied in order. They are applied to the stored rows
 * when made, to every later ingest (a match of a merged entity is stored
 * under the entity it was merged into; a new entity takes its corrected
 * name and type), and again after a shard merge (graph/README.md,
 * "Curation").
 *
 * The effective state is computed from the log: a map from entity key to
 * its record (the key it was merged into, its name and type overrides) and
 * the alias operations, all resolved through the merges. Applying that
 * state to the tables is idempotent (ngc_apply). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"

typedef struct crec {
    char *key;
    long canon;                /* index of the record it was merged into, -1 */
    char *name, *type;         /* overrides (rename / retype) */
    char *fb_name, *fb_type;   /* name and type when it absorbed another entity */
} crec;

typedef struct aop {
    long ent;                  /* record index (resolved through merges) */
    char *norm, *alias;
    int add;
} aop;

struct ngc_state {
    crec *r; size_t n, cap;
    strmap idx;
    aop *a; size_t na, capa;
    long long sig[2];          /* count and last number of the log read */
    int fold;                  /* the store's folding version (ngg_fold) */
};

static const char *const op_names[] = {"merge", "rename", "retype", "alias-add", "alias-remove"};

static int op_parse(const char *s) {
    for (int i = 0; i < 5; i++) if (!strcmp(s, op_names[i])) return i;
    return -1;
}

static void state_free(struct ngc_state *st) {
    if (!st) return;
    for (size_t i = 0; i < st->n; i++) {
        free(st->r[i].key); free(st->r[i].name); free(st->r[i].type);
        free(st->r[i].fb_name); free(st->r[i].fb_type);
    }
    for (size_t i = 0; i < st->na; i++) { free(st->a[i].norm); free(st->a[i].alias); }
    free(st->r); free(st->a);
    strmap_free(&st->idx);
    free(st);
}

void ngc_free(ng_store *s) {
    state_free(s->cur);
    s->cur = NULL;
}

static int set_str(char **dst, const char *v) {
    char *c = v ? strdup(v) : NULL;
    if (v && !c) return -1;
    free(*dst);
    *dst = c;
    return 0;
}

/* Index of the record of 'key' (created when 'create'), -1 if absent or
 * out of memory (-2). */
static long rec_get(struct ngc_state *st, const char *key, int create) {
    int64_t v;
    if (strmap_get(&st->idx, key, &v)) return (long)v;
    if (!create) return -1;
    if (st->n == st->cap) {
        size_t nc = st->cap ? st->cap * 2 : 16;
        crec *p = realloc(st->r, nc * sizeof *p);
        if (!p) return -2;
        st->r = p; st->cap = nc;
    }
    crec *r = &st->r[st->n];
    memset(r, 0, sizeof *r);
    r->canon = -1;
    if (!(r->key = strdup(key)) || strmap_put(&st->idx, key, (int64_t)st->n)) { free(r->key); return -2; }
    return (long)st->n++;
}

/* The record an entity now lives in (itself if not merged): the end of
 * its chain of merges (a merge links the absorbed record to the keeper
 * only, so that a log of n merges is read in O(n), not O(n^2)). */
static long resolve(const struct ngc_state *st, long i) {
    while (st->r[i].canon >= 0) i = st->r[i].canon;
    return i;
}

/* Applies one logged correction to the state. */
static int state_add(struct ngc_state *st, int op, const char *ent, const char *val,
                     const char *name, const char *type) {
    long e = rec_get(st, ent, 1);
    if (e < 0) return NG_E_NOMEM;
    long a = resolve(st, e);
    if (op == 0) { /* merge: 'val' goes into 'ent' */
        long b = rec_get(st, val, 1);
        if (b < 0) return NG_E_NOMEM;
        b = resolve(st, b);
        if (a == b) return NG_OK;
        st->r[b].canon = a;   /* (the records merged into b follow: resolve) */
        for (size_t i = 0; i < st->na; i++) if (st->a[i].ent == b) st->a[i].ent = a;
        if (a == e && name && set_str(&st->r[a].fb_name, name)) return NG_E_NOMEM;
        if (a == e && type && set_str(&st->r[a].fb_type, type)) return NG_E_NOMEM;
        return NG_OK;
    }
    if (op == 1) return set_str(&st->r[a].name, val) ? NG_E_NOMEM : NG_OK;
    if (op == 2) return set_str(&st->r[a].type, val) ? NG_E_NOMEM : NG_OK;
    char *norm = ngg_fold(st->fold, val);
    if (!norm) return NG_E_NOMEM;
    for (size_t i = 0; i < st->na; i++)
        if (st->a[i].ent == a && !strcmp(st->a[i].norm, norm)) {
            free(norm);
            st->a[i].add = op == 3;
            return set_str(&st->a[i].alias, val) ? NG_E_NOMEM : NG_OK;
        }
    if (st->na == st->capa) {
        size_t nc = st->capa ? st->capa * 2 : 16;
        aop *p = realloc(st->a, nc * sizeof *p);
        if (!p) { free(norm); return NG_E_NOMEM; }
        st->a = p; st->capa = nc;
    }
    aop *x = &st->a[st->na];
    x->ent = a; x->norm = norm; x->add = op == 3;
    if (!(x->alias = strdup(val))) { free(norm); return NG_E_NOMEM; }
    st->na++;
    return NG_OK;
}

/* Is there a table 'correction' in schema 'schema' ("main", "shard")? */
static int has_table(ng_store *s, const char *schema) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s.sqlite_master WHERE type='table' AND name='correction'", schema);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return 0;
    int r = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return r;
}

/* Computes the state from the log, optionally leaving out row 'skip'. */
static int state_build(ng_store *s, long long skip, struct ngc_state **out, ng_error *err) {
    *out = NULL;
    struct ngc_state *st = calloc(1, sizeof *st);
    if (!st) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    st->fold = s->fold;
    if (!has_table(s, "main")) { *out = st; return NG_OK; }
    sqlite3_stmt *q;
    int rc = ngg_prepare(s, "SELECT op, entity, value, name, type, seq FROM correction ORDER BY seq", &q, err);
    while (!rc && sqlite3_step(q) == SQLITE_ROW) {
        st->sig[0]++;
        st->sig[1] = sqlite3_column_int64(q, 5);
        if (sqlite3_column_int64(q, 5) == skip) continue;
        int op = op_parse(ngg_col_text(q, 0));
        if (op < 0) continue;
        const char *name = (const char *)sqlite3_column_text(q, 3), *type = (const char *)sqlite3_column_text(q, 4);
        if ((rc = state_add(st, op, ngg_col_text(q, 1), ngg_col_text(q, 2), name, type)))
            rc = ng_error_set(err, rc, NULL, 0, 0, NULL);
    }
    sqlite3_finalize(q);
    if (rc) { state_free(st); return rc; }
    *out = st;
    return NG_OK;
}

int ngc_load(ng_store *s, ng_error *err) {
    struct ngc_state *st;
    int rc = state_build(s, -1, &st, err);
    if (rc) return rc;
    /* corrections made meanwhile (by another process too) may have moved
     * or renumbered entities: forget the cached rowids */
    if (!s->cur || s->cur->sig[0] != st->sig[0] || s->cur->sig[1] != st->sig[1]) {
        strmap_clear(&s->ents);
        u64map_clear(&s->surf_seen);
    }
    ngc_free(s);
    s->cur = st;
    return NG_OK;
}

void ngc_map(ng_store *s, const char **key, const char **type, const char **name) {
    struct ngc_state *st = s->cur;
    if (!st || !st->n) return;
    long i = rec_get(st, *key, 0);
    if (i < 0) return;
    long c = resolve(st, i);
    const crec *r = &st->r[c];
    if (c != i) {
        *key = r->key;
        if (r->fb_type) *type = r->fb_type;
        if (r->fb_name) *name = r->fb_name;
    }
    if (r->type) *type = r->type;
    if (r->name) *name = r->name;
}

/* ## Applying the state to the tables */

static int step1(ng_store *s, const char *sql, int64_t a, int64_t b, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, sql, &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "correction");
    sqlite3_finalize(st);
    return rc;
}

static int step_text(ng_store *s, const char *sql, const char *t1, const char *t2, const char *t3, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, sql, &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, t1, -1, SQLITE_STATIC);
    if (t2) sqlite3_bind_text(st, 2, t2, -1, SQLITE_STATIC);
    if (t3) sqlite3_bind_text(st, 3, t3, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "correction");
    sqlite3_finalize(st);
    return rc;
}

/* rowid, name and type of the entity 'key'; 0 if absent. */
static int64_t entity_row(ng_store *s, const char *key, char **name, char **type) {
    sqlite3_stmt *st;
    int64_t id = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT id, name, type FROM entity WHERE key=?", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        if (name) *name = strdup(ngg_col_text(st, 1));
        if (type) *type = strdup(ngg_col_text(st, 2));
    }
    sqlite3_finalize(st);
    return id;
}

/* Moves the mentions of entity row 'd' to row 'k' (a span both had is kept
 * once) and recomputes exactly what changes: k's counts and dates, and
 * every edge of k or d (windows and articles where both ends co-occur,
 * counted once however many of the two were there). Other entities' counts,
 * the windows of the articles and the total are unchanged: a window keeps
 * the same set of entities but for the two becoming one. Row 'd' is
 * deleted. */
static int merge_rows(ng_store *s, int64_t k, int64_t d, ng_error *err) {
    static const char *const sql[] = {
        "DELETE FROM mention AS m WHERE entity=?2 AND EXISTS (SELECT 1 FROM mention x WHERE x.article=m.article"
        " AND x.field=m.field AND x.start=m.start AND x.end=m.end AND x.entity=?1)",
        "UPDATE mention SET entity=?1 WHERE entity=?2",
        "DELETE FROM edge WHERE a IN (?1, ?2)",
        "DELETE FROM edge WHERE b IN (?1, ?2)",
        "INSERT INTO edge(a,b,windows,articles,first_date,last_date)"
        " SELECT min(?1, p.x), max(?1, p.x), count(*), count(DISTINCT p.article), min(ar.published), max(ar.published)"
        " FROM (SELECT DISTINCT m.article, m.win, o.entity AS x FROM mention m"
        "   JOIN mention o ON o.article=m.article AND o.win=m.win AND o.entity!=?1 WHERE m.entity=?1) p"
        " JOIN article ar ON ar.id=p.article GROUP BY p.x",
        "UPDATE entity SET (mentions, articles, windows, first_seen, last_seen) ="
        " (SELECT count(*), count(DISTINCT m.article), count(DISTINCT m.article * 4294967296 + m.win),"
        "  min(ar.published), max(ar.published) FROM mention m JOIN article ar ON ar.id=m.article WHERE m.entity=?1)"
        " WHERE id=?1",
        "DELETE FROM entity WHERE id=?2",
        NULL};
    int rc = NG_OK;
    for (int i = 0; !rc && sql[i]; i++) rc = step1(s, sql[i], k, d, err);
    return rc;
}

/* Brings the tables in line with the state: merged entities still present
 * are merged, names and types set, aliases added and removed. */
int ngc_apply(ng_store *s, ng_error *err) {
    struct ngc_state *st = s->cur;
    int rc = NG_OK;
    if (!st) return NG_OK;
    for (size_t i = 0; !rc && i < st->n; i++) {
        const crec *r = &st->r[i];
        if (r->canon < 0) continue;
        const crec *c = &st->r[resolve(st, (long)i)];
        int64_t b = entity_row(s, r->key, NULL, NULL);
        if (b < 0) return ngg_db_err(s, err, "correction");
        if (b > 0) {
            char *aname = NULL, *atype = NULL;
            int64_t a = entity_row(s, c->key, &aname, &atype);
            if (a < 0) { free(aname); free(atype); return ngg_db_err(s, err, "correction"); }
            if (a == 0) {
                /* only the absorbed one is here: it takes the other's key */
                sqlite3_stmt *q;
                rc = ngg_prepare(s, "UPDATE entity SET key=?2, name=coalesce(?3, name), type=coalesce(?4, type) WHERE id=?1", &q, err);
                if (!rc) {
                    sqlite3_bind_int64(q, 1, b);
                    sqlite3_bind_text(q, 2, c->key, -1, SQLITE_STATIC);
                    const char *nm = c->name ? c->name : c->fb_name, *tp = c->type ? c->type : c->fb_type;
                    if (nm) sqlite3_bind_text(q, 3, nm, -1, SQLITE_STATIC);
                    if (tp) sqlite3_bind_text(q, 4, tp, -1, SQLITE_STATIC);
                    rc = sqlite3_step(q) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "correction");
                    sqlite3_finalize(q);
                }
            } else {
                /* the merged entity keeps the smaller rowid, as if it had
                 * been created at the first mention of either */
                int64_t k = a < b ? a : b, d = a < b ? b : a;
                rc = merge_rows(s, k, d, err);
                if (!rc && k == b) {
                    sqlite3_stmt *q;
                    rc = ngg_prepare(s, "UPDATE entity SET key=?2, name=?3, type=?4 WHERE id=?1", &q, err);
                    if (!rc) {
                        sqlite3_bind_int64(q, 1, k);
                        sqlite3_bind_text(q, 2, c->key, -1, SQLITE_STATIC);
                        sqlite3_bind_text(q, 3, aname ? aname : c->key, -1, SQLITE_STATIC);
                        sqlite3_bind_text(q, 4, atype ? atype : "UNK", -1, SQLITE_STATIC);
                        rc = sqlite3_step(q) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "correction");
                        sqlite3_finalize(q);
                    }
                }
            }
            free(aname); free(atype);
        }
        /* the absorbed entity's aliases (also those left by 'forget') */
        if (!rc) rc = step_text(s, "UPDATE OR IGNORE alias SET entity=?2 WHERE entity=?1", r->key, c->key, NULL, err);
        if (!rc) rc = step_text(s, "DELETE FROM alias WHERE entity=?1", r->key, NULL, NULL, err);
    }
    for (size_t i = 0; !rc && i < st->n; i++) {
        const crec *r = &st->r[i];
        if (r->canon >= 0) continue;
        if (r->name) rc = step_text(s, "UPDATE entity SET name=?2 WHERE key=?1 AND name IS NOT ?2", r->key, r->name, NULL, err);
        if (!rc && r->type) rc = step_text(s, "UPDATE entity SET type=?2 WHERE key=?1 AND type IS NOT ?2", r->key, r->type, NULL, err);
        if (!rc && r->name) { /* the new name finds it */
            char *norm = ngg_fold(s->fold, r->name);
            if (!norm) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
            rc = step_text(s, "INSERT OR IGNORE INTO alias(norm,entity,alias) SELECT ?3, key, ?2 FROM entity WHERE key=?1",
                           r->key, r->name, norm, err);
            free(norm);
        }
    }
    if (!rc) rc = ngc_apply_aliases(s, err);
    strmap_clear(&s->ents);
    u64map_clear(&s->surf_seen);
    return rc;
}

int ngc_apply_aliases(ng_store *s, ng_error *err) {
    struct ngc_state *st = s->cur;
    int rc = NG_OK;
    if (!st) return NG_OK;
    for (size_t i = 0; !rc && i < st->na; i++) {
        const aop *x = &st->a[i];
        const char *key = st->r[x->ent].key;
        if (x->add) rc = step_text(s, "INSERT OR IGNORE INTO alias(norm,entity,alias) VALUES(?2,?1,?3)", key, x->norm, x->alias, err);
        else rc = step_text(s, "DELETE FROM alias WHERE entity=?1 AND norm=?2", key, x->norm, NULL, err);
    }
    return rc;
}

/* ## Shards */

int ngc_import(ng_store *s, ng_error *err) {
    int rc = NG_OK;
    if (has_table(s, "shard"))
        rc = ngg_exec(s, "INSERT INTO main.correction(op,entity,value,old,name,type,data,created)"
                         " SELECT op,entity,value,old,name,type,data,created FROM shard.correction x"
                         " WHERE NOT EXISTS (SELECT 1 FROM main.correction y WHERE y.op=x.op AND y.entity=x.entity"
                         "   AND y.value=x.value) ORDER BY seq", err);
    if (!rc) rc = ngc_load(s, err);
    if (!rc) rc = ngc_apply(s, err);
    return rc;
}

/* ## Public API */

static int writable(ng_store *s, ng_error *err) {
    if (s->readonly) return ng_error_set(err, NG_E_ARG, s->path, 0, 0, "database opened read-only");
    if (s->in_batch) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "a correction inside a batch");
    return NG_OK;
}

/* Key, name and type of the entity ENTITY designates (malloc'd). */
static int find_entity(ng_store *s, const char *name, char **key, char **ename, char **type, ng_error *err) {
    int64_t id;
    int rc = ngg_lookup(s, name, &id, err);
    if (rc) return rc;
    sqlite3_stmt *st;
    rc = ngg_prepare(s, "SELECT key, name, type FROM entity WHERE id=?", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *key = strdup(ngg_col_text(st, 0));
        *ename = strdup(ngg_col_text(st, 1));
        *type = strdup(ngg_col_text(st, 2));
    } else rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no entity with id, name or alias '%s'", name);
    sqlite3_finalize(st);
    if (!rc && (!*key || !*ename || !*type)) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    return rc;
}

static int finish_tx(ng_store *s, int rc, ng_error *err) {
    if (!rc) rc = ngg_exec(s, "COMMIT", err);
    if (rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        ngc_load(s, NULL);
        strmap_clear(&s->ents);
        u64map_clear(&s->surf_seen);
    }
    return rc;
}

/* The arguments of one correction, checked before any lookup. */
static int check_args(int op, const char *entity, const char *value, ng_error *err) {
    if (op < NG_CORR_MERGE || op > NG_CORR_ALIAS_REMOVE) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "unknown correction");
    if (!entity || !*entity) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "empty entity name");
    if (!value || !*value)
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, op == NG_CORR_MERGE ? "empty entity name" :
                            op == NG_CORR_RENAME ? "empty name" : op == NG_CORR_RETYPE ? "empty type" : "empty alias");
    for (const char *p = value; *p; p++)
        if ((unsigned char)*p < 0x20) return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "control character in '%s'", value);
    if (op == NG_CORR_RETYPE && value[strspn(value, NG_TYPE_CHARS)])   /* (a comma would split --type lists) */
        return ng_error_set(err, NG_E_ARG, NULL, 0, 0, "type '%s': letters, digits, '_' or '-' (e.g. PER, ORG, LOC, EVENT)",
                            value);
    return NG_OK;
}

/* Logs one correction (checked, its entities looked up in the tables as
 * they are) inside the caller's transaction; the state is not applied.
 * '*kept' (may be NULL) receives the key of the entity corrected (kept by
 * a merge) and, for a merge, '*merged' the merged one's (malloc'd). */
static int log_one(ng_store *s, int op, const char *entity, const char *value, long *seq, char **kept, char **merged,
                   ng_error *err) {
    int rc = NG_OK;
    char *key = NULL, *name = NULL, *type = NULL, *key2 = NULL, *name2 = NULL, *type2 = NULL, *old = NULL, *norm = NULL;
    const char *val = value;
    int had_alias = 0;
    rc = find_entity(s, entity, &key, &name, &type, err);
    if (!rc && op == NG_CORR_MERGE) {
        rc = find_entity(s, value, &key2, &name2, &type2, err);
        if (!rc && !strcmp(key, key2))
            rc = ng_error_set(err, NG_E_ARG, NULL, 0, 0, "'%s' and '%s' are the same entity (%s)", entity, value, key);
        val = key2;
        old = name2; name2 = NULL;
    } else if (!rc && op == NG_CORR_RENAME) {
        old = name; name = NULL;
        /* whether the new name was an alias already: an undo removes the
         * alias the rename adds, not one that was there */
        if (!(norm = ngg_fold(s->fold, value))) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        sqlite3_stmt *st;
        if (!rc && !(rc = ngg_prepare(s, "SELECT 1 FROM alias WHERE norm=? AND entity=?", &st, err))) {
            sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
            had_alias = sqlite3_step(st) == SQLITE_ROW;
            sqlite3_finalize(st);
        }
    } else if (!rc && op == NG_CORR_RETYPE) {
        old = type; type = NULL;
    } else if (!rc) {
        if (!(norm = ngg_fold(s->fold, value))) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        sqlite3_stmt *st;
        if (!rc) rc = ngg_prepare(s, "SELECT alias FROM alias WHERE norm=? AND entity=?", &st, err);
        if (!rc) {
            sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_ROW) old = strdup(ngg_col_text(st, 0));
            sqlite3_finalize(st);
            if (op == NG_CORR_ALIAS_REMOVE && !old)
                rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "'%s' is not an alias of %s (%s)", value, key, name);
            if (op == NG_CORR_ALIAS_ADD && old) { free(old); old = strdup("1"); } /* was there: undo keeps it */
        }
    }
    if (!rc) {
        sqlite3_stmt *st;
        char now[32];
        ngg_now_iso(now);
        rc = ngg_prepare(s, "INSERT INTO correction(op,entity,value,old,name,type,created) VALUES(?,?,?,?,?,?,?)", &st, err);
        if (!rc) {
            sqlite3_bind_text(st, 1, op_names[op], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, val, -1, SQLITE_STATIC);
            if (old) sqlite3_bind_text(st, 4, old, -1, SQLITE_STATIC);
            if (op == NG_CORR_MERGE) {
                sqlite3_bind_text(st, 5, name, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 6, type, -1, SQLITE_STATIC);
            }
            sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "correction");
            sqlite3_finalize(st);
            if (!rc && seq) *seq = (long)sqlite3_last_insert_rowid(s->db);
        }
    }
    if (!rc && op == NG_CORR_RENAME && had_alias)
        rc = ngg_exec(s, "UPDATE correction SET data='{\"alias_existed\":true}' WHERE seq=last_insert_rowid()", err);
    if (!rc && op == NG_CORR_MERGE) /* the merged entity's own aliases, given back by an undo */
        rc = step_text(s, "UPDATE correction SET data=(SELECT json_group_array(json_array(norm, alias)) FROM alias"
                          " WHERE entity=?2 AND norm NOT IN (SELECT norm FROM alias WHERE entity=?1))"
                          " WHERE seq=last_insert_rowid()", key, key2, NULL, err);
    if (!rc && kept) { *kept = key; key = NULL; }
    if (!rc && op == NG_CORR_MERGE && merged) { *merged = key2; key2 = NULL; }
    free(key); free(name); free(type); free(key2); free(name2); free(type2); free(old); free(norm);
    return rc;
}

int ng_store_correct(ng_store *s, int op, const char *entity, const char *value, long *seq, ng_error *err) {
    if (seq) *seq = 0;
    int rc = writable(s, err);
    if (!rc) rc = check_args(op, entity, value, err);
    if (!rc) rc = ngg_exec(s, "BEGIN IMMEDIATE", err);
    if (rc) return rc;
    rc = log_one(s, op, entity, value, seq, NULL, NULL, err);
    if (!rc) rc = ngc_load(s, err);
    if (!rc) rc = ngc_apply(s, err);
    return finish_tx(s, rc, err);
}

int ng_store_correct_batch(ng_store *s, const ng_correction *c, size_t n, long *seqs, ng_error *err) {
    for (size_t i = 0; seqs && i < n; i++) seqs[i] = 0;
    int rc = writable(s, err);
    for (size_t i = 0; !rc && i < n; i++) rc = check_args(c[i].op, c[i].entity, c[i].value, err);
    if (!rc && n) rc = ngg_exec(s, "BEGIN IMMEDIATE", err);
    if (rc || !n) return rc;
    /* the entities a merge of the batch removed: no later correction of
     * the batch may name them (its lookup reads the tables as they were) */
    strmap gone = {0};
    for (size_t i = 0; !rc && i < n; i++) {
        char *kept = NULL, *merged = NULL;
        rc = log_one(s, c[i].op, c[i].entity, c[i].value, seqs ? &seqs[i] : NULL, &kept, &merged, err);
        int64_t v;
        if (!rc && (strmap_get(&gone, kept, &v) || (merged && strmap_get(&gone, merged, &v))))
            rc = ng_error_set(err, NG_E_ARG, NULL, 0, 0, "correction %zu of the batch names %s, which a merge of the "
                              "batch removed", i + 1, strmap_get(&gone, kept, &v) ? kept : merged);
        if (!rc && merged && strmap_put(&gone, merged, 1)) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        free(kept);
        free(merged);
    }
    strmap_free(&gone);
    if (!rc) rc = ngc_load(s, err);
    if (!rc) rc = ngc_apply(s, err);
    rc = finish_tx(s, rc, err);
    for (size_t i = 0; rc && seqs && i < n; i++) seqs[i] = 0;
    return rc;
}

int ng_store_corrections(ng_store *s, json_t **out, ng_error *err) {
    *out = NULL;
    json_t *arr = json_array();
    if (has_table(s, "main")) {
        sqlite3_stmt *st;
        int rc = ngg_prepare(s, "SELECT seq, op, entity, value, old, created FROM correction ORDER BY seq", &st, err);
        if (rc) { json_decref(arr); return rc; }
        while (sqlite3_step(st) == SQLITE_ROW) {
            json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "seq", (json_int_t)sqlite3_column_int64(st, 0),
                                  "op", ngg_col_text(st, 1), "entity", ngg_col_text(st, 2), "value", ngg_col_text(st, 3));
            const char *op = ngg_col_text(st, 1);
            if (sqlite3_column_type(st, 4) != SQLITE_NULL && strcmp(op, "alias-add"))
                json_object_set_new(o, "old", json_string(ngg_col_text(st, 4)));
            json_object_set_new(o, "created", json_string(ngg_col_text(st, 5)));
            json_array_append_new(arr, o);
        }
        sqlite3_finalize(st);
    }
    *out = json_pack("{s:o}", "corrections", arr);
    return NG_OK;
}

int ng_store_undo(ng_store *s, long seq, long *stale, ng_error *err) {
    if (stale) *stale = 0;
    int rc = writable(s, err);
    if (rc) return rc;
    if ((rc = ngg_exec(s, "BEGIN IMMEDIATE", err))) return rc;
    sqlite3_stmt *st;
    int op = -1;
    char *ent = NULL, *val = NULL, *old = NULL, *data = NULL;
    rc = ngg_prepare(s, "SELECT op, entity, value, old, data FROM correction WHERE seq=?", &st, err);
    if (!rc) {
        sqlite3_bind_int64(st, 1, seq);
        if (sqlite3_step(st) == SQLITE_ROW) {
            op = op_parse(ngg_col_text(st, 0));
            ent = strdup(ngg_col_text(st, 1));
            val = strdup(ngg_col_text(st, 2));
            if (sqlite3_column_type(st, 3) != SQLITE_NULL) old = strdup(ngg_col_text(st, 3));
            data = strdup(sqlite3_column_type(st, 4) != SQLITE_NULL ? ngg_col_text(st, 4) : "[]");
        } else rc = ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no correction number %ld", seq);
        sqlite3_finalize(st);
    }
    if (!rc && (!ent || !val || !data)) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    if (!rc && op < 0) rc = ng_error_set(err, NG_E_ARG, NULL, 0, 0, "correction %ld: unknown operation", seq);
    /* the entity it applies to now */
    char *cur = NULL;
    if (!rc && (rc = ngc_load(s, err)) == NG_OK) {
        long i = rec_get(s->cur, ent, 0);
        cur = strdup(i >= 0 ? s->cur->r[resolve(s->cur, i)].key : ent);
        if (!cur) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    }
    /* a later rename (retype) of the same entity now restores to what this one replaced */
    if (!rc && (op == NG_CORR_RENAME || op == NG_CORR_RETYPE) && !strcmp(cur, ent)) {
        rc = ngg_prepare(s, "SELECT seq, entity FROM correction WHERE op=? AND seq>? ORDER BY seq", &st, err);
        if (!rc) {
            long long next = -1;
            sqlite3_bind_text(st, 1, op_names[op], -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, seq);
            while (next < 0 && sqlite3_step(st) == SQLITE_ROW) {
                long i = rec_get(s->cur, ngg_col_text(st, 1), 0);
                if (i >= 0 && !strcmp(s->cur->r[resolve(s->cur, i)].key, cur)) next = sqlite3_column_int64(st, 0);
            }
            sqlite3_finalize(st);
            if (next >= 0) {
                rc = ngg_prepare(s, "UPDATE correction SET old=? WHERE seq=?", &st, err);
                if (!rc) {
                    if (old) sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
                    sqlite3_bind_int64(st, 2, next);
                    rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "undo");
                    sqlite3_finalize(st);
                }
            }
        }
    }
    /* a later merge into the same entity recorded its name (type) as this
     * rename made it: that record says what the entity was called then,
     * used when the merged entity comes back alone (a shard, an ingest after
     * 'forget'), so it takes the name this one replaced */
    if (!rc && (op == NG_CORR_RENAME || op == NG_CORR_RETYPE) && old) {
        rc = ngg_prepare(s, op == NG_CORR_RENAME
                                ? "UPDATE correction SET name=?1 WHERE op='merge' AND entity=?2 AND seq>?3 AND name=?4"
                                : "UPDATE correction SET type=?1 WHERE op='merge' AND entity=?2 AND seq>?3 AND type=?4",
                         &st, err);
        if (!rc) {
            sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, ent, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, seq);
            sqlite3_bind_text(st, 4, val, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "undo");
            sqlite3_finalize(st);
        }
    }
    if (!rc) {
        rc = ngg_prepare(s, "DELETE FROM correction WHERE seq=?", &st, err);
        if (!rc) {
            sqlite3_bind_int64(st, 1, seq);
            rc = sqlite3_step(st) == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "undo");
            sqlite3_finalize(st);
        }
    }
    if (!rc && op == NG_CORR_MERGE) {
        /* the mentions do not say which of the two they were tagged as:
         * the articles of the kept entity are marked for re-tagging (their
         * next ingest replaces them), and the merged one's aliases go back */
        rc = step_text(s, "UPDATE article SET hash='' WHERE id IN (SELECT DISTINCT m.article FROM mention m"
                          " JOIN entity e ON e.id=m.entity WHERE e.key=?1)", cur, NULL, NULL, err);
        if (!rc && stale) *stale = (long)sqlite3_changes(s->db);
        if (!rc) rc = step_text(s, "UPDATE OR IGNORE alias SET entity=?2 WHERE entity=?1 AND norm IN"
                                   " (SELECT json_extract(value, '$[0]') FROM json_each(?3))", cur, val, data, err);
    }
    if (!rc) rc = ngc_load(s, err);
    /* (a rename or retype of an entity merged since into another no longer
     * shows: nothing to restore) */
    if (!rc && (op == NG_CORR_RENAME || op == NG_CORR_RETYPE) && !strcmp(cur, ent)) {
        long i = rec_get(s->cur, cur, 0);
        const crec *r = i >= 0 ? &s->cur->r[i] : NULL;
        const char *v = op == NG_CORR_RENAME ? (r && r->name ? r->name : old) : (r && r->type ? r->type : old);
        if (v) rc = step_text(s, op == NG_CORR_RENAME ? "UPDATE entity SET name=?2 WHERE key=?1"
                                                      : "UPDATE entity SET type=?2 WHERE key=?1", cur, v, NULL, err);
        if (!rc && op == NG_CORR_RENAME && !strstr(data, "alias_existed")) {
            /* the alias the rename added goes too (not the name it restores) */
            char *nv = ngg_fold(s->fold, val), *nr = v ? ngg_fold(s->fold, v) : NULL;
            if (!nv || (v && !nr)) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
            else if (!nr || strcmp(nv, nr))
                rc = step_text(s, "DELETE FROM alias WHERE entity=?1 AND norm=?2", cur, nv, NULL, err);
            free(nv); free(nr);
        }
    } else if (!rc && (op == NG_CORR_ALIAS_ADD || op == NG_CORR_ALIAS_REMOVE)) {
        char *norm = ngg_fold(s->fold, val);
        if (!norm) rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
        else if (op == NG_CORR_ALIAS_ADD && !old)
            rc = step_text(s, "DELETE FROM alias WHERE entity=?1 AND norm=?2", cur, norm, NULL, err);
        else if (op == NG_CORR_ALIAS_REMOVE && old)
            rc = step_text(s, "INSERT OR IGNORE INTO alias(norm,entity,alias) VALUES(?2,?1,?3)", cur, norm, old, err);
        free(norm);
    }
    if (!rc) rc = ngc_apply(s, err);
    rc = finish_tx(s, rc, err);
    free(ent); free(val); free(old); free(cur); free(data);
    return rc;
}
