/* Name rules: placeholder (no rules yet); see tagger_internal.h. */
#include "tagger_internal.h"

void ng_names_reset(ng_tagger *t) { (void)t; }
void ng_names_reset_state(mstate *m) { (void)m; }
int ng_names_chunk(const ng_tagger *t, mstate *m, unsigned field, const char *text, size_t base,
                   size_t first) {
    (void)t; (void)m; (void)field; (void)text; (void)base; (void)first;
    return NG_OK;
}
int ng_names_doc(ng_tagger *t, const char *const *texts, const size_t *lens, size_t nfields) {
    (void)t; (void)texts; (void)lens; (void)nfields;
    return NG_OK;
}
void ng_names_free_state(mstate *m) { (void)m; }
void ng_names_free(ng_tagger *t) { (void)t; }
