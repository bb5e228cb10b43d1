/* Helpers shared by the graph subcommands. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <utf8proc.h>
#include "graph_cli.h"
#include "graph_json.h"
#include "bind.h"
#include "strbuf.h"

int gcli_date(const char *opt, const char *v, int until, char buf[16]) {
    char d[11], why[400];
    if (!ng_date_parse(v, 1, d, why, sizeof why)) { cli_msg("%s: %s", opt, why); return -1; }
    size_t l = strlen(d);   /* at most 10 */
    memcpy(buf, d, l + 1);
    if (until) strcat(buf, l == 4 ? "-12-31" : l == 7 ? "-31" : "");
    return 0;
}

int gcli_range(const char *since, const char *until) {
    ng_error err = {0};
    if (!ng_date_range_check(since, until, "--", &err)) return 0;
    cli_msg("%s", err.msg);
    return -1;
}

int gcli_types(const char *v, char *why, size_t n) {
    if (ng_types_valid(v)) return 0;
    snprintf(why, n, "'%.40s' is not a list of types such as PER,ORG (letters, digits, '_' or '-', "
             "separated by commas without spaces)", v);
    return -1;
}

const char *gcli_db(const char *opt) {
    if (opt && *opt) return opt;
    const char *e = getenv("NEWSGRAPH_DB");
    return e && *e ? e : "newsgraph.db";
}

int gcli_fail(int rc, const ng_error *err) {
    cli_err(err);
    return cli_exit_code(rc);
}

ng_store *gcli_open_ro(const char *db, int *exit_code) {
    ng_store *s = NULL;
    ng_error err = {0};
    int rc = ng_store_open(db, NG_STORE_READONLY, &s, &err);
    if (rc) {
        if (rc == NG_E_NOTFOUND) {
            cli_msg("%s: no newsgraph database here (run 'newsgraph ingest' first, or use --db FILE)", db);
            *exit_code = EXIT_DATA;
        } else *exit_code = gcli_fail(rc, &err);
        return NULL;
    }
    return s;
}

void gcli_error_json(ng_store *s, int rc, const ng_error *err) {
    json_t *f = rc == NG_E_NOTFOUND || rc == NG_E_AMBIGUOUS ? ng_store_lookup_failure(s) : NULL;
    json_t *o = f ? json_deep_copy(f) : json_object();
    if (!o) return;
    if (!f) {   /* the codes of serve's errors */
        const char *code = rc == NG_E_NOTFOUND ? "not_found" : rc == NG_E_AMBIGUOUS ? "ambiguous"
                         : rc == NG_E_ARG ? "bad_parameter" : rc == NG_E_BUSY ? "busy" : "error";
        json_object_set_new(o, "error", json_string(code));
    }
    json_object_set_new(o, "message", json_string(gcli_text(err->msg[0] ? err->msg : ng_strerror(rc))));
    gcli_json(o);
    json_decref(o);
}

const char *gcli_also_how(json_t *e, char *buf, size_t n) {
    const char *rule = js(e, "rule");
    snprintf(buf, n, !strcmp(rule, "form") ? "a case form of its alias '%s'"
                     : !strcmp(rule, "surname") ? "the surname in its alias '%s'" : "its alias '%s'",
             gcli_text(js(e, "alias")));
    return buf;
}

char *gcli_also_note(ng_store *s, const char *name) {
    int64_t row;
    json_t *cand = NULL;
    ng_error err = {0};
    if (ng_store_lookup(s, name, &row, &cand, &err)) {   /* (the command reports it) */
        json_decref(cand);
        return NULL;
    }
    json_t *also = ng_store_lookup_also(s), *m = json_array_get(cand, 0);
    strbuf b = {0};
    if (also && m) {
        char how[700];
        sb_printf(&b, "'%s' is %s (%s); it also names", gcli_text(name), gcli_text(js(m, "name")), gcli_text(js(m, "id")));
        size_t i;
        json_t *e;
        json_array_foreach(also, i, e)
            sb_printf(&b, "%s %s (%s, %s): %s", i ? ";" : "", gcli_text(js(e, "name")), gcli_text(js(e, "id")),
                      gcli_text(js(e, "type")), gcli_also_how(e, how, sizeof how));
    }
    json_decref(cand);
    return b.s;
}

void gcli_also(ng_store *s, const char *name) {
    char *note = gcli_also_note(s, name);
    if (note) fprintf(stderr, "newsgraph: note: %s (give the id to choose)\n", note);
    free(note);
}

void gcli_json(json_t *v) {
    char *t = ng_json_dump(v, 2);   /* reals shortest round-trip (issue 14) */
    if (t) fputs(t, stdout);
    else json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    ng_free(t);
    fputc('\n', stdout);
}

const char *js(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : "";
}
long long ji(json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }
double jr(json_t *o, const char *k) { return json_number_value(json_object_get(o, k)); }

static int cwidth(const unsigned char *p, size_t len, size_t *adv, int32_t *cpo) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
    if (n <= 0) { n = 1; cp = 0xFFFD; }
    *adv = (size_t)n;
    *cpo = cp;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 1;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : w;
}

const char *gcli_text(const char *s) {
    static char *ring[8];
    static unsigned next;
    char **slot = &ring[next++ % 8];
    free(*slot);
    size_t len = strlen(s), k = 0;
    char *o = *slot = ng_utf8_repair(s, len, &len);
    if (!o) return "";
    for (size_t i = 0; i < len;) {   /* now valid UTF-8 */
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)o + i, (utf8proc_ssize_t)(len - i), &cp);
        if (cp < 0x20 || cp == 0x7F) o[k++] = ' ';   /* C0, DEL */
        else if (cp >= 0x80 && cp < 0xA0) { o[k++] = ' '; }   /* C1 (two bytes, one space) */
        else { memmove(o + k, o + i, (size_t)n); k += (size_t)n; }
        i += (size_t)n;
    }
    o[k] = 0;
    return o;
}

void gcli_cell(const char *s, int w) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, adv;
    int32_t cp;
    int total = 0;
    while (i < len) { total += cwidth(p + i, len - i, &adv, &cp); i += adv; }
    int limit = total <= w ? w : w - 1, used = 0;
    i = 0;
    while (i < len) {
        int cw = cwidth(p + i, len - i, &adv, &cp);
        if (used + cw > limit) break;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) fputc(' ', stdout);   /* C0, DEL, C1 */
        else if (cp == 0xFFFD && adv == 1) fputs("\xEF\xBF\xBD", stdout);
        else fwrite(p + i, 1, adv, stdout);
        used += cw;
        i += adv;
    }
    if (total > w) { fputs("\xE2\x80\xA6", stdout); used++; }
    for (; used < w; used++) fputc(' ', stdout);
}
