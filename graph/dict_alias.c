/* An alias source over dictionaries (kept apart so that programs that do not
 * use dictionaries do not link the tagger). */
#include "graph.h"

void ng_dict_alias_source(const char *entity_id, ng_alias_fn emit, void *emit_ud, void *userdata) {
    const ng_dict_list *l = userdata;
    for (size_t i = 0; l && i < l->n; i++) {
        long k = ng_dict_find_id(l->dicts[i], entity_id);
        if (k >= 0) ng_dict_entity_aliases(l->dicts[i], (size_t)k, emit, emit_ud);
    }
}
