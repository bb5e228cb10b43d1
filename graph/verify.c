/* stats --check beyond the counts: what the stored rows say agrees with the
 * articles' text and with the dictionaries. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct checker {
    ng_check_fn fn;
    void *ud;
    long problems;
} checker;

static void problem(checker *c, const char *what, const char *id, const char *detail) {
    c->problems++;
    if (c->fn) c->fn(what, id, detail, c->ud);
}

/* Every mention's surface is the article's title or text at its offsets. */
static int check_surfaces(ng_store *s, checker *c, ng_error *err) {
    sqlite3_stmt *st;
    int rc = ngg_prepare(s,
        "SELECT a.key, m.field, m.start, m.end, m.surface FROM mention m JOIN article a ON a.id = m.article"
        " WHERE m.end < m.start OR m.end > length(CAST(CASE m.field WHEN 0 THEN a.title ELSE a.text END AS BLOB))"
        "    OR substr(CAST(CASE m.field WHEN 0 THEN a.title ELSE a.text END AS BLOB), m.start + 1, m.end - m.start)"
        "       IS NOT CAST(m.surface AS BLOB)", &st, err);
    if (rc) return rc;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        char detail[160];
        snprintf(detail, sizeof detail, "%s bytes %lld-%lld are not the stored surface",
                 sqlite3_column_int(st, 1) ? "text" : "title", (long long)sqlite3_column_int64(st, 2),
                 (long long)sqlite3_column_int64(st, 3));
        problem(c, "mention", ngg_col_text(st, 0), detail);
    }
    sqlite3_finalize(st);
    return r == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "check mentions");
}

/* The entity 'key' of the first dictionary of 'dl' that lists it (the one
 * whose entity the tagger reports), or 0 if none does. */
static int dict_entity(const ng_dict_list *dl, const char *key, ng_entity *out) {
    for (size_t i = 0; dl && i < dl->n; i++) {
        long k = ng_dict_find_id(dl->dicts[i], key);
        if (k >= 0 && !ng_dict_entity(dl->dicts[i], (size_t)k, out)) return 1;
    }
    return 0;
}

/* The dictionary's type and name of an entity, as the curation log's
 * renames and retypes of it (applied in order) changed them: 'type' and
 * 'name' point into 'buf' then (1 if any). cs: the log's renames and
 * retypes ordered by entity (as the entities' walk, by key) and sequence,
 * stepped along with that walk (*crow: a row is waiting), or NULL. */
static int corrected(sqlite3_stmt *cs, int *crow, const char *key, const char **type, const char **name, char *buf,
                     size_t cap) {
    if (!cs) return 0;
    size_t used = 0;
    for (; *crow; *crow = sqlite3_step(cs) == SQLITE_ROW) {
        const char *e = (const char *)sqlite3_column_text(cs, 0);
        int c = e ? strcmp(e, key) : -1;
        if (c > 0) break;   /* a later entity's */
        if (c < 0) continue;   /* an entity with no dictionary entry */
        const char *op = (const char *)sqlite3_column_text(cs, 1), *v = (const char *)sqlite3_column_text(cs, 2);
        size_t l = v ? strlen(v) : 0;
        if (!op || !v || used + l + 1 > cap) continue;
        memcpy(buf + used, v, l + 1);
        if (!strcmp(op, "rename")) *name = buf + used;
        else *type = buf + used;
        used += l + 1;
    }
    return used > 0;
}

/* Every entity's type and name agree with its id (and the corrections). */
static int check_entities(ng_store *s, const ng_dict_list *dl, ng_tagger *persons, checker *c, ng_error *err) {
    sqlite3_stmt *st, *cs = NULL;
    ng_error none = {0};   /* (a version-1 database has no curation log) */
    int ncorr = 0, rc;
    if (!ngg_prepare(s, "SELECT count(*) FROM correction WHERE op IN ('rename','retype')", &st, &none)) {
        ncorr = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
        sqlite3_finalize(st);
    }
    /* (one pass over the log beside the entities': a query per entity
     * would scan the unindexed log once each) */
    if (ncorr && (rc = ngg_prepare(s, "SELECT entity, op, value FROM correction WHERE op IN ('rename','retype')"
                                      " ORDER BY entity, seq", &cs, err)))
        return rc;
    int crow = cs && sqlite3_step(cs) == SQLITE_ROW;
    rc = ngg_prepare(s, "SELECT key, type, name FROM entity ORDER BY key", &st, err);
    if (rc) { sqlite3_finalize(cs); return rc; }
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = ngg_col_text(st, 0), *type = ngg_col_text(st, 1), *name = ngg_col_text(st, 2);
        char detail[1200];
        ng_entity de;
        if (!*name || ng_utf8_valid_len((const unsigned char *)name, strlen(name)) < 0) {
            problem(c, "entity", key, "the name is empty or starts with invalid UTF-8");
            continue;
        }
        if (ng_utf8_valid_prefix(name, strlen(name)) < strlen(name))
            problem(c, "entity", key, "the name is not valid UTF-8");
        if (dict_entity(dl, key, &de)) {
            char cbuf[2048];
            int fixed = corrected(cs, &crow, key, &de.type, &de.name, cbuf, sizeof cbuf);
            if (strcmp(de.type, type) || strcmp(de.name, name)) {
                snprintf(detail, sizeof detail, "stored as %s \"%.400s\", the dictionary%s says %s \"%.400s\"",
                         type, name, fixed ? " with the corrections" : "", de.type, de.name);
                problem(c, "entity", key, detail);
            }
            continue;
        }
        if (strncmp(key, "per:", 4)) continue;
        /* a rule-found person: PER, and a name that gives its id, unless the
         * corrections say otherwise (a retype, a rename: the user's word) */
        const char *ctype = "PER", *cname = NULL;
        char cbuf[2048];
        corrected(cs, &crow, key, &ctype, &cname, cbuf, sizeof cbuf);
        if (strcmp(type, ctype)) {
            snprintf(detail, sizeof detail, "a rule-found person stored with type %s%s%s", type,
                     strcmp(ctype, "PER") ? ", the corrections say " : "", strcmp(ctype, "PER") ? ctype : "");
            problem(c, "entity", key, detail);
        } else if (cname) {
            if (strcmp(name, cname)) {
                snprintf(detail, sizeof detail, "stored as \"%.400s\", the corrections say \"%.400s\"", name, cname);
                problem(c, "entity", key, detail);
            }
        } else if (!strchr(key, '~') && persons) {
            /* the name must give the id (the key of the person's name; a
             * lone given name's id, "~" + the article's hash, is the
             * article's own and no name gives it) */
            char id[512];
            rc = ng_tagger_person_id(persons, name, strlen(name), id, sizeof id);
            if (rc == NG_E_NOMEM) break;
            rc = NG_OK;
            if (strcmp(id, key)) {
                snprintf(detail, sizeof detail, "the name \"%.400s\" gives the id %.400s", name, *id ? id : "(none)");
                problem(c, "entity", key, detail);
            }
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(cs);
    if (rc) return ng_error_set(err, rc, NULL, 0, 0, NULL);
    return r == SQLITE_DONE ? NG_OK : ngg_db_err(s, err, "check entities");
}

int ng_store_check(ng_store *s, const ng_dict_list *dl, ng_tagger *persons, ng_check_fn fn, void *ud,
                   long *problems, ng_error *err) {
    checker c = {fn, ud, 0};
    long counts = 0;
    int rc = ng_store_verify(s, &counts, err);
    if (!rc && counts) {
        char detail[80];
        snprintf(detail, sizeof detail, "%ld rows differ from the counts recomputed from the mentions", counts);
        c.problems += counts - 1;
        problem(&c, "counts", "", detail);
    }
    if (!rc) rc = check_surfaces(s, &c, err);
    if (!rc) rc = check_entities(s, dl, persons, &c, err);
    *problems = c.problems;
    return rc;
}
