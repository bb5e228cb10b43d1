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

/* Merges the sorted runs v[0, a) and v[a, a + b) in place, stably (on equal
 * spans the first run's first), with room for the shorter run; 0, or -1
 * when there is no memory for it (v unchanged). */
static int merge_runs(span *v, size_t a, size_t b, void *scratch, size_t scratch_bytes) {
    if (!a || !b || ng_cmp_span(&v[a - 1], &v[a]) <= 0) return 0;
    size_t need = (a <= b ? a : b) * sizeof(span);
    span *tmp = need <= scratch_bytes ? scratch : malloc(need);
    if (!tmp) return -1;
    if (a <= b) {
        memcpy(tmp, v, a * sizeof *tmp);
        size_t i = 0, j = a, k = 0;
        while (i < a && j < a + b) v[k++] = ng_cmp_span(&v[j], &tmp[i]) < 0 ? v[j++] : tmp[i++];
        while (i < a) v[k++] = tmp[i++];
    } else {
        memcpy(tmp, v + a, b * sizeof *tmp);
        size_t i = a, j = b, k = a + b;
        while (i > 0 && j > 0) v[--k] = ng_cmp_span(&v[i - 1], &tmp[j - 1]) > 0 ? v[--i] : tmp[--j];
        while (j > 0) v[--k] = tmp[--j];
    }
    if ((void *)tmp != scratch) free(tmp);
    return 0;
}

/* Sorts spans by ng_cmp_span, stably. They are mostly in order already:
 * chunks sort their own, the article pass appends the free words' spans in
 * article order and later passes a few more. So: the sorted prefix, the
 * sorted run after it, the rest sorted (qsort: a merge sort in glibc), and
 * the three merged; sorting all that followed the prefix made glibc's
 * qsort take scratch as large as it (~13 MB of fresh pages for a 100 MB
 * article). Without memory for a merge, all of it is sorted by qsort.
 * ng_sort_spans_with: a merge's room (the shorter run) is taken from
 * scratch when it is large enough, else from malloc. */
void ng_sort_spans(span *v, size_t n) { ng_sort_spans_with(v, n, NULL, 0); }

void ng_sort_spans_with(span *v, size_t n, void *scratch, size_t scratch_bytes) {
    size_t p = 1;
    while (p < n && ng_cmp_span(&v[p - 1], &v[p]) <= 0) p++;
    if (p >= n) return;
    size_t q = p + 1;
    while (q < n && ng_cmp_span(&v[q - 1], &v[q]) <= 0) q++;
    if (q < n) qsort(v + q, n - q, sizeof *v, ng_cmp_span);
    if (merge_runs(v + p, q - p, n - q, scratch, scratch_bytes) || merge_runs(v, p, n - p, scratch, scratch_bytes))
        qsort(v, n, sizeof *v, ng_cmp_span);
}
