/* Helpers shared by the graph subcommands (ingest, forget, queries, export,
 * merge): dates, the database path, output. Options: opts.h. */
#ifndef NG_GRAPH_CLI_H
#define NG_GRAPH_CLI_H
#include <stdio.h>
#include "cli.h"
#include "graph.h"

/* A --since/--until value (ng_date_parse, partial dates allowed) into 'buf'
 * as YYYY[-MM[-DD]] (--until: the end of the year or month); -1 with a
 * message if it is not a possible date. */
int gcli_date(const char *opt, const char *v, int until, char buf[16]);
/* -1 (message printed) when --since is after --until (both as gcli_date
 * wrote them; either may be NULL): such a range selects nothing. */
int gcli_range(const char *since, const char *until);
/* --db FILE, else $NEWSGRAPH_DB, else "newsgraph.db". */
const char *gcli_db(const char *opt);
/* Checks a --type / type= list: types as dictionaries spell them (letters,
 * digits, '_', '-'; any letter case) separated by commas. Returns 0, or -1
 * with the reason in why. */
int gcli_types(const char *v, char *why, size_t n);
/* Opens the store for a query; prints errors and returns NULL. */
ng_store *gcli_open_ro(const char *db, int *exit_code);
/* Prints a library error and returns the exit code. */
int gcli_fail(int rc, const ng_error *err);
/* After a query failed, for --json: prints to stdout the failure as JSON,
 * {"error": code as serve's, "message"}; when an ENTITY argument did not
 * resolve, ng_store_lookup_failure() (query, suggestions) plus "message". */
void gcli_error_json(ng_store *s, int rc, const ng_error *err);
/* 's' safe for a terminal: control characters (C0, DEL, C1) as spaces,
 * bytes that are not UTF-8 as U+FFFD. The result lives until the eighth
 * call after this one (a printf may take several). */
const char *gcli_text(const char *s);
/* How an entry of ng_store_lookup_also matched: "a case form of its alias
 * 'Ельцин'" (into buf). */
const char *gcli_also_how(json_t *also_entry, char *buf, size_t n);
/* When the ENTITY argument 'name' is a name that names other entities too
 * (ng_store_lookup_also), says so on stderr: "note: 'Ельцина' is Наина
 * Ельцина (per:naina-elts); it also names Boris Yeltsin (boris-yeltsin,
 * PER): a case form of its alias 'Ельцин'". Nothing for an id, a name of
 * one entity or a failed lookup (the query reports that). */
void gcli_also(ng_store *s, const char *name);
/* The middle of that note ("'Ельцина' is ...: a case form of its alias
 * 'Ельцин'"), malloc'd, or NULL when there is none: for a command that
 * ends it its own way (the corrections: with the number to undo). */
char *gcli_also_note(ng_store *s, const char *name);
/* Prints a JSON value (indented) and a newline to stdout. */
void gcli_json(json_t *v);
/* String field of an object ("" if absent); integer; real. */
const char *js(json_t *o, const char *k);
long long ji(json_t *o, const char *k);
double jr(json_t *o, const char *k);
/* Prints 's' padded/clipped to 'w' display columns (UTF-8 aware). */
void gcli_cell(const char *s, int w);
#endif
