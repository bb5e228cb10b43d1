/* The graph's read-side queries with JSON text in and out, for language
 * bindings (the Python module's Graph) and for printing query results. */
#ifndef NG_GRAPH_JSON_H
#define NG_GRAPH_JSON_H

#include <jansson.h>
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Serialises 'v' as JSON text (malloc'd, release with ng_free; NULL when
 * out of memory): object keys in insertion order, 'indent' spaces per level
 * (0: compact, one line), strings as jansson writes them, and every real
 * number in the shortest form that reads back as the same double ("0.6667",
 * not "0.66666700000000001"; a real keeps a '.' or an exponent, "2.0"). */
char *ng_json_dump(const json_t *v, int indent);

/* Runs the query 'name' on 's' with the arguments of the JSON object text
 * 'args' (NULL or "" for none) and returns its result in '*out' as compact
 * JSON text (ng_json_dump; release with ng_free). Queries and arguments
 * (absent ones take the library's defaults; "since", "until": YYYY,
 * YYYY-MM or YYYY-MM-DD; "types": "PER,LOC"):
 *   "neighbors"  entity, top, by, min_count, since, until, types
 *   "evidence"   a, b, limit
 *   "path"       a, b, evidence, since, until, types
 *   "top"        by, n, sources, since, until, types
 *   "entity"     entity, top
 *   "stats"      (none)
 *   "communities" resolution, seed, iterations, min_count, max_communities,
 *                max_members, since, until, types
 *   "lookup"     name  -> {"rowid": N, "match": {...} or null, "also": [...]
 *                only when the name names other entities too:
 *                ng_store_lookup_also}
 *   "export"     path, format ("graphml", "gexf", "gml", "dot", "csv"),
 *                min_weight, top_edges, ego, depth, since, until, types
 *                -> {"nodes": N, "edges": M} (ng_store_export)
 *   "duplicates" names -> ng_query_duplicates's answer, for a tagger of
 *                the person rules with the given-name lists ingest used at
 *                path 'names' (a file, a compiled .ngn or a directory of
 *                given*.txt; absent: the rules without lists)
 * A malformed argument (wrong type, impossible date) is NG_E_ARG, and so is
 * a "since" after "until" in any query (ng_date_range_check's message), a
 * key given twice, and a key the query does not take: "unknown argument
 * 'limt': query 'evidence' takes a, b, limit" (the keys above, from the
 * one table of graph_json.c; a typo would otherwise give the answer
 * without the argument as if it were the one asked for). */
int ng_query_json(ng_store *s, const char *name, const char *args, char **out, ng_error *err);

#ifdef __cplusplus
}
#endif
#endif
