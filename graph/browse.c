/* Queries for browsing (the web explorer, tools/serve): search suggestions
 * as a name is typed, one article with its entities, an entity's articles. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "internal.h"

/* A copy of s[0..len) with invalid UTF-8 replaced by U+FFFD (jansson
 * refuses invalid strings). */
static json_t *jstr_fixed(const char *s, size_t len) {
    if (utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, NULL, 0, 0) >= 0 &&
        memchr(s, 0, len) == NULL)
        return json_stringn(s, len);
    size_t o;
    char *b = ng_utf8_repair(s, len, &o);
    json_t *r = b ? json_stringn(b, o) : NULL;
    free(b);
    return r;
}

/* ## Suggestions */

typedef struct sug { char *key, *name, *type, *alias; long long mentions; int exact; } sug;

static int cmp_sug(const void *x, const void *y) {
    const sug *a = x, *b = y;
    if (a->exact != b->exact) return b->exact - a->exact;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void prefix_rows(ng_store *s, const char *sql, const char *fold, sug **v, size_t *n, size_t *cap) {
    sqlite3_stmt *st;
    if (ngg_stmt(s, sql, &st, NULL)) return;
    sqlite3_bind_text(st, 1, fold, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *key = ngg_col_text(st, 0);
        size_t j;
        for (j = 0; j < *n; j++) if (!strcmp((*v)[j].key, key)) break;
        int exact = !strcmp(ngg_col_text(st, 5), fold);
        if (j < *n) { if (exact) (*v)[j].exact = 1; continue; }
        if (ng_grow((void **)v, cap, *n + 1, sizeof **v)) break;
        sug *x = &(*v)[(*n)++];
        x->key = strdup(key); x->name = strdup(ngg_col_text(st, 1)); x->type = strdup(ngg_col_text(st, 2));
        x->mentions = sqlite3_column_int64(st, 3); x->alias = strdup(ngg_col_text(st, 4)); x->exact = exact;
    }
    ngg_done(st);
}

int ng_query_suggest(ng_store *s, const char *text, int limit, json_t **out, ng_error *err) {
    *out = NULL;
    if (limit <= 0) limit = 10;
    char *fold = ngg_fold(s->fold, text ? text : "");
    if (!fold) return ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL);
    /* trim the folded text */
    char *f = fold;
    while (*f == ' ') f++;
    size_t fl = strlen(f);
    while (fl && f[fl - 1] == ' ') f[--fl] = 0;
    json_t *res = json_object(), *list = json_array();
    json_object_set_new(res, "query", jstr_fixed(text ? text : "", text ? strlen(text) : 0));
    json_object_set_new(res, "match", json_null());
    sug *v = NULL;
    size_t n = 0, cap = 0;
    if (fl) {
        /* names and aliases starting with the text, and multi-word names
         * with a later word starting with it (both index range scans) */
        static const char by_start[] =
            "SELECT e.key, e.name, e.type, e.mentions, a.alias, a.norm FROM alias a JOIN entity e ON e.key=a.entity"
            " WHERE a.norm >= ?1 AND a.norm < ?1 || char(1114111) LIMIT 200";
        static const char by_word[] =
            "SELECT e.key, e.name, e.type, e.mentions, a.alias, a.norm FROM alias a JOIN entity e ON e.key=a.entity"
            " WHERE instr(a.norm, ' ') > 0 AND substr(a.norm, instr(a.norm, ' ') + 1) >= ?1"
            " AND substr(a.norm, instr(a.norm, ' ') + 1) < ?1 || char(1114111) LIMIT 200";
        prefix_rows(s, by_start, f, &v, &n, &cap);
        prefix_rows(s, by_word, f, &v, &n, &cap);
        int exact = 0;
        for (size_t i = 0; i < n; i++) exact |= v[i].exact;
        /* everything else the CLI accepts (an id, a case form, a surname
         * alone, a near miss) through the entity lookup; its scans for a
         * surname alone and near misses only when no name starts with the
         * text (a name typed in part is found by its start: those scans
         * found 3 more suggestions for "Bitun" in 40 ms, a stall of a
         * server's worker on every few keystrokes) */
        if (!exact && (int)n < limit) {
            int64_t row;
            json_t *cands = NULL;
            ng_error e2 = {0};
            int rc = ngg_lookup_rules(s, text, n == 0, &row, &cands, &e2);
            if (rc == NG_OK) {
                json_t *m = cands ? json_incref(json_array_get(cands, 0)) : ngg_entity_brief(s, row);
                if (m && !cands) json_object_set_new(m, "alias", json_string(json_string_value(json_object_get(m, "id"))));
                json_object_set_new(res, "match", m ? m : json_null());
            }
            json_t *c;
            size_t i;
            json_array_foreach(cands, i, c) {
                const char *key = json_string_value(json_object_get(c, "id"));
                size_t j;
                if (!key) continue;
                for (j = 0; j < n; j++) if (!strcmp(v[j].key, key)) break;
                if (j < n) { v[j].exact = rc == NG_OK; continue; }
                if (ng_grow((void **)&v, &cap, n + 1, sizeof *v)) break;
                sug *x = &v[n++];
                const char *al = json_string_value(json_object_get(c, "alias"));
                const char *nm = json_string_value(json_object_get(c, "name"));
                const char *ty = json_string_value(json_object_get(c, "type"));
                x->key = strdup(key); x->name = strdup(nm ? nm : key); x->type = strdup(ty ? ty : "");
                x->alias = strdup(al ? al : key); x->mentions = json_integer_value(json_object_get(c, "mentions"));
                x->exact = rc == NG_OK;
            }
            json_decref(cands);
        }
        qsort(v, n, sizeof *v, cmp_sug);
        if (json_is_null(json_object_get(res, "match")) && n && v[0].exact)
            json_object_set_new(res, "match", json_pack("{s:s?,s:s?,s:s?,s:I,s:s?}", "id", v[0].key, "name", v[0].name,
                                                        "type", v[0].type, "mentions", (json_int_t)v[0].mentions,
                                                        "alias", v[0].alias));
    }
    for (size_t i = 0; i < n; i++) {
        if ((int)i < limit) {
            json_t *o = json_pack("{s:s?,s:s?,s:s?,s:I,s:s?}", "id", v[i].key, "name", v[i].name, "type", v[i].type,
                                  "mentions", (json_int_t)v[i].mentions, "alias", v[i].alias);
            if (o) json_array_append_new(list, o);
        }
        free(v[i].key); free(v[i].name); free(v[i].type); free(v[i].alias);
    }
    free(v);
    free(fold);
    json_object_set_new(res, "suggestions", list);
    *out = res;
    return NG_OK;
}

/* ## One article */

typedef struct ment { int field; long start, end; char *key, *name, *type, *surface; } ment;

static json_t *segments(const char *t, size_t len, const ment *m, size_t n, int field) {
    json_t *a = json_array();
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].field != field) continue;
        size_t s0 = (size_t)m[i].start, s1 = (size_t)m[i].end;
        if (s0 < at || s1 > len || s1 <= s0) continue;   /* overlapping or out of range: the first wins */
        if (s0 > at) json_array_append_new(a, json_pack("{s:o}", "text", jstr_fixed(t + at, s0 - at)));
        json_array_append_new(a, json_pack("{s:o,s:s,s:s,s:s}", "text", jstr_fixed(t + s0, s1 - s0),
                                           "entity", m[i].key, "name", m[i].name, "type", m[i].type));
        at = s1;
    }
    if (at < len) json_array_append_new(a, json_pack("{s:o}", "text", jstr_fixed(t + at, len - at)));
    return a;
}

int ng_query_article(ng_store *s, const char *article_id, json_t **out, ng_error *err) {
    *out = NULL;
    sqlite3_stmt *st;
    int rc = ngg_prepare(s, "SELECT id, key, title, url, published, lang, text FROM article WHERE key=?", &st, err);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, article_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return ng_error_set(err, NG_E_NOTFOUND, NULL, 0, 0, "no article '%s'", article_id);
    }
    int64_t row = sqlite3_column_int64(st, 0);
    json_t *res = json_object();
    json_object_set_new(res, "id", jstr_fixed(ngg_col_text(st, 1), (size_t)sqlite3_column_bytes(st, 1)));
    static const char *const cols[] = {NULL, NULL, "title", "url", "published", "lang", "text"};
    for (int c = 2; c <= 6; c++)
        json_object_set_new(res, cols[c], sqlite3_column_type(st, c) == SQLITE_NULL ? json_null()
                                          : jstr_fixed((const char *)sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c)));
    const char *title = (const char *)sqlite3_column_text(st, 2), *text = (const char *)sqlite3_column_text(st, 6);
    size_t tl = (size_t)sqlite3_column_bytes(st, 2), xl = (size_t)sqlite3_column_bytes(st, 6);
    char *tcopy = title ? ng_strndup(title, tl) : NULL, *xcopy = text ? ng_strndup(text, xl) : NULL;
    sqlite3_finalize(st);
    ment *m = NULL;
    size_t n = 0, cap = 0;
    rc = ngg_prepare(s, "SELECT m.field, m.start, m.end, e.key, e.name, e.type, m.surface FROM mention m"
                        " JOIN entity e ON e.id=m.entity WHERE m.article=? ORDER BY m.field, m.start, m.end DESC", &st, err);
    if (!rc) {
        sqlite3_bind_int64(st, 1, row);
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (ng_grow((void **)&m, &cap, n + 1, sizeof *m)) { rc = ng_error_set(err, NG_E_NOMEM, NULL, 0, 0, NULL); break; }
            ment *x = &m[n++];
            x->field = sqlite3_column_int(st, 0);
            x->start = (long)sqlite3_column_int64(st, 1);
            x->end = (long)sqlite3_column_int64(st, 2);
            x->key = strdup(ngg_col_text(st, 3)); x->name = strdup(ngg_col_text(st, 4));
            x->type = strdup(ngg_col_text(st, 5)); x->surface = strdup(ngg_col_text(st, 6));
        }
        sqlite3_finalize(st);
    }
    json_t *ms = json_array(), *seg = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s,s:I,s:I,s:s?,s:s?,s:s?}", "field", m[i].field == 0 ? "title" : "text",
                              "start", (json_int_t)m[i].start, "end", (json_int_t)m[i].end,
                              "entity", m[i].key, "name", m[i].name, "type", m[i].type);
        if (o) {
            json_object_set_new(o, "surface", jstr_fixed(m[i].surface ? m[i].surface : "", m[i].surface ? strlen(m[i].surface) : 0));
            json_array_append_new(ms, o);
        }
    }
    if (tcopy) json_object_set_new(seg, "title", segments(tcopy, tl, m, n, 0));
    if (xcopy) json_object_set_new(seg, "text", segments(xcopy, xl, m, n, 1));
    json_object_set_new(res, "mentions", ms);
    json_object_set_new(res, "segments", seg);
    for (size_t i = 0; i < n; i++) { free(m[i].key); free(m[i].name); free(m[i].type); free(m[i].surface); }
    free(m); free(tcopy); free(xcopy);
    if (rc) { json_decref(res); return rc; }
    *out = res;
    return NG_OK;
}

/* ## An entity's articles */

int ng_query_entity_articles(ng_store *s, const char *entity, int offset, int limit, json_t **out, ng_error *err) {
    *out = NULL;
    int64_t x;
    int rc = ngg_lookup(s, entity, &x, err);
    if (rc) return rc;
    if (limit <= 0) limit = 20;
    if (offset < 0) offset = 0;
    sqlite3_stmt *st;
    rc = ngg_prepare(s, "SELECT ar.key, ar.title, ar.published, ar.lang, count(*) FROM mention m JOIN article ar ON ar.id=m.article"
                        " WHERE m.entity=?1 GROUP BY m.article ORDER BY ar.published DESC, ar.key LIMIT ?2 OFFSET ?3", &st, err);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, x);
    sqlite3_bind_int(st, 2, limit);
    sqlite3_bind_int(st, 3, offset);
    json_t *arr = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "id", jstr_fixed(ngg_col_text(st, 0), (size_t)sqlite3_column_bytes(st, 0)));
        json_object_set_new(o, "title", sqlite3_column_type(st, 1) == SQLITE_NULL ? json_null()
                                        : jstr_fixed(ngg_col_text(st, 1), (size_t)sqlite3_column_bytes(st, 1)));
        json_object_set_new(o, "published", sqlite3_column_type(st, 2) == SQLITE_NULL ? json_null() : json_string(ngg_col_text(st, 2)));
        json_object_set_new(o, "lang", sqlite3_column_type(st, 3) == SQLITE_NULL ? json_null() : json_string(ngg_col_text(st, 3)));
        json_object_set_new(o, "mentions", json_integer(sqlite3_column_int64(st, 4)));
        json_array_append_new(arr, o);
    }
    sqlite3_finalize(st);
    long long total = 0;
    if (!ngg_prepare(s, "SELECT articles FROM entity WHERE id=?", &st, NULL)) {
        sqlite3_bind_int64(st, 1, x);
        if (sqlite3_step(st) == SQLITE_ROW) total = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    json_t *res = json_object();
    json_object_set_new(res, "entity", ngg_entity_brief(s, x));
    json_object_set_new(res, "total", json_integer(total));
    json_object_set_new(res, "offset", json_integer(offset));
    json_object_set_new(res, "articles", arr);
    *out = res;
    return NG_OK;
}

long long ng_store_data_version(ng_store *s) {
    static const char q[] = "PRAGMA data_version";
    sqlite3_stmt *st;
    if (ngg_stmt(s, q, &st, NULL)) return -1;
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    ngg_done(st);
    return v;
}
