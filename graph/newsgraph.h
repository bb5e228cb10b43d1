/* newsgraph: the whole public C API in one include.
 *
 *     #include <newsgraph/newsgraph.h>
 *     cc prog.c $(pkg-config --cflags --libs newsgraph)
 *
 * tagger.h: dictionaries, tagging, articles; graph.h: the co-occurrence
 * graph store, queries and exports; version.h: NG_VERSION_* and
 * ng_version(); bind.h and graph_json.h: helpers for language bindings. */
#ifndef NG_NEWSGRAPH_H
#define NG_NEWSGRAPH_H
#include "version.h"
#include "tagger.h"
#include "graph.h"
#include "bind.h"
#include "graph_json.h"
#endif
