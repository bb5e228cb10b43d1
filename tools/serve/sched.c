/* newsgraph serve: which request the worker threads take next. Requests
 * wait in one queue per class of view; the next is the oldest of the class
 * whose wait divided by the class's weight is the longest. An entity card,
 * a neighbour list, evidence or an article (a fraction of a millisecond of
 * work) weighs 1, a search (a prefix scan, a few ms) 3, an ego network, a
 * path, top or communities (a layout, the whole graph) 10. Under a closed
 * loop of clients (the load test's 200) the total wait is what the
 * throughput makes it (Little's law: clients / requests a second); taking
 * quick views first, as before, put all of it on the heavy ones (a depth-2
 * ego network waited ~300 ms while an entity card waited 1 ms), and the
 * first burst of requests, searches among them, held the quick ones' 99th
 * percentile at 80-110 ms; these weights share the wait in proportion, so
 * a heavy view that has waited ten times longer than the oldest quick one
 * goes first. The targets are 50 ms and 300 ms at the 99th
 * percentile; 6, their ratio, left the quick views at the edge (p99 48.0-
 * 50.8 ms, depth-2 ego networks 190-253 ms in three load tests) once the
 * ego networks cost less, 10 gave both a margin (37.5-43.4 ms and 217-255
 * ms in the three alternated with them; 8: 38.4-52.3 and 219-261). */
#include <string.h>
#include "serve.h"

static const double weight[SERVE_NCLASS] = {1, 3, 10};

int serve_view_class(const char *endpoint) {
    static const char *const heavy[] = {"ego", "path", "top", "communities", "duplicates", NULL};
    for (int i = 0; heavy[i]; i++) if (!strcmp(endpoint, heavy[i])) return SERVE_HEAVY;
    return !strcmp(endpoint, "search") ? SERVE_SEARCH : SERVE_QUICK;
}

int serve_pick_class(const double waited[SERVE_NCLASS]) {
    int best = -1;
    double most = 0;
    for (int c = 0; c < SERVE_NCLASS; c++) {
        if (waited[c] < 0) continue;
        double w = waited[c] / weight[c];
        if (best < 0 || w > most) { best = c; most = w; }
    }
    return best;
}
