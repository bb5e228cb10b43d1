/* Times ng_store_lookup (tools/bench/lookup_bench.sh): for each NAME, the
 * median over R runs in the open store, the status and the entity found.
 * usage: lookup_time DB R NAME... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "graph.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: lookup_time DB R NAME...\n"); return 2; }
    ng_store *s;
    ng_error err = {0};
    if (ng_store_open(argv[1], NG_STORE_READONLY, &s, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
    int r = atoi(argv[2]);
    if (r < 1 || r > 1000) r = 5;
    double t[1000];
    for (int i = 3; i < argc; i++) {
        int rc = 0;
        int64_t id = -1;
        for (int k = 0; k < r; k++) {
            double t0 = now_ms();
            rc = ng_store_lookup(s, argv[i], &id, NULL, &err);
            t[k] = now_ms() - t0;
        }
        qsort(t, (size_t)r, sizeof t[0], cmpd);
        printf("%-28s %8.2f ms  %s\n", argv[i], t[r / 2], rc ? err.msg : "ok");
    }
    ng_store_close(s);
    return 0;
}
