/* Span order (tagger_internal.h): field, start, then longer first. */
#include <stdlib.h>
#include <string.h>
#include "tagger_internal.h"

int ng_cmp_span(const void *x, const void *y) {
    const span *a = x, *b = y;
    if (a->field != b->field) return a->field < b->field ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    return 0;
}

/* Sorts spans by ng_cmp_span. They are mostly in order already (chunks
 * sort their own, later passes append a few): the sorted prefix is kept,
 * the rest sorted and merged in (without memory for the merge, all of it
 * is sorted in place). */
void ng_sort_spans(span *v, size_t n) {
    size_t p = 1;
    while (p < n && ng_cmp_span(&v[p - 1], &v[p]) <= 0) p++;
    if (p >= n) return;
    qsort(v + p, n - p, sizeof *v, ng_cmp_span);
    if (ng_cmp_span(&v[p - 1], &v[p]) <= 0) return;
    span *tmp = malloc(p * sizeof *tmp);
    if (!tmp) { qsort(v, n, sizeof *v, ng_cmp_span); return; }
    memcpy(tmp, v, p * sizeof *tmp);
    size_t i = 0, j = p, k = 0;
    while (i < p && j < n) v[k++] = ng_cmp_span(&v[j], &tmp[i]) < 0 ? v[j++] : tmp[i++];
    while (i < p) v[k++] = tmp[i++];
    free(tmp);
}
