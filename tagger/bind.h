/* Helpers for language bindings (the Python module newsgraph uses them
 * through ctypes): results as flat integer arrays with character offsets. */
#ifndef NG_BIND_H
#define NG_BIND_H

#include <stddef.h>
#include <stdint.h>
#include "tagger.h"

#ifdef __cplusplus
extern "C" {
#endif

/* For each of the 'n' matches 'm' of 'text' (the field they were tagged in,
 * 'len' bytes; matches in start order as ng_tagger_tag returns them),
 * writes NG_SPAN_FIELDS integers, one column of n after another: field f of
 * match i at out[f * n + i] (a binding reads each column as one contiguous
 * array):
 *   0 start, 1 end  offsets in characters (Unicode code points), as Python's
 *                   str indexes them (an invalid byte counts as one
 *                   character, as Python's errors="surrogateescape" decodes it);
 *   2 bstart, 3 bend  the byte offsets (ng_match start, end);
 *   4 flags         NG_MATCH_*;
 *   5 entity        the ordinal of the match's (id, type, name) among those of
 *                   the n matches, in order of first appearance (0, 1, 2 ...),
 *                   so that a binding converts each entity's strings once;
 *   6 id, 7 type, 8 name  the addresses of the match's strings (owned as for
 *                   ng_match: valid until the tagger's next call).
 * Cost: one pass over the text (8 bytes at a time where it is ASCII) plus
 * the spans' own bytes. NG_E_ARG if an offset lies outside the text or
 * starts go backwards, NG_E_NOMEM. */
#define NG_SPAN_FIELDS 9
int ng_spans(const char *text, size_t len, const ng_match *m, size_t n, int64_t *out);
/* The same for a text that is valid UTF-8 (ng_tagger_tag_doc counted no
 * invalid byte in it), counted 8 bytes at a time whatever the script; on
 * invalid UTF-8 its character offsets are wrong. */
int ng_spans_valid(const char *text, size_t len, const ng_match *m, size_t n, int64_t *out);

/* Releases memory the library allocated for the caller (ng_query_json). */
void ng_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
