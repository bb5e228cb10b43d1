/* The order in which newsgraph serve's workers take queued requests
 * (tools/serve/sched.c): the classes of the endpoints, and the class whose
 * oldest request has waited longest for its weight (quick 1, search 3,
 * heavy 10) goes next. Taking quick views first whatever the heavy ones had
 * waited (the order before) fails the checks marked "late". */
#include "harness.h"
#include "../../tools/serve/sched.c"

static int pick(double quick, double search, double heavy) {
    double w[SERVE_NCLASS] = {quick, search, heavy};
    return serve_pick_class(w);
}

int main(void) {
    INT_EQ(serve_view_class("ego"), SERVE_HEAVY);
    INT_EQ(serve_view_class("path"), SERVE_HEAVY);
    INT_EQ(serve_view_class("top"), SERVE_HEAVY);
    INT_EQ(serve_view_class("communities"), SERVE_HEAVY);
    INT_EQ(serve_view_class("search"), SERVE_SEARCH);
    INT_EQ(serve_view_class("entity"), SERVE_QUICK);
    INT_EQ(serve_view_class("neighbors"), SERVE_QUICK);
    INT_EQ(serve_view_class("evidence"), SERVE_QUICK);
    INT_EQ(serve_view_class("article"), SERVE_QUICK);
    INT_EQ(serve_view_class("egonetwork"), SERVE_QUICK);
    /* nothing waits */
    INT_EQ(pick(-1, -1, -1), -1);
    /* one class waits: it goes */
    INT_EQ(pick(-1, -1, 0.5), SERVE_HEAVY);
    INT_EQ(pick(-1, 0.0, -1), SERVE_SEARCH);
    INT_EQ(pick(0.0, -1, -1), SERVE_QUICK);
    /* all arrived together: the quick one first */
    INT_EQ(pick(0.0, 0.0, 0.0), SERVE_QUICK);
    INT_EQ(pick(0.010, 0.010, 0.010), SERVE_QUICK);
    /* a heavy one that has waited less than ten times the quick one's wait */
    INT_EQ(pick(0.010, -1, 0.099), SERVE_QUICK);
    /* late: a heavy one that has waited more than ten times as long */
    INT_EQ(pick(0.010, -1, 0.101), SERVE_HEAVY);
    INT_EQ(pick(0.020, 0.050, 0.300), SERVE_HEAVY);
    /* search between: three times the quick one's wait, 3/10 of the heavy one's */
    INT_EQ(pick(0.010, 0.029, -1), SERVE_QUICK);
    INT_EQ(pick(0.010, 0.031, -1), SERVE_SEARCH);
    INT_EQ(pick(-1, 0.100, 0.330), SERVE_SEARCH);
    INT_EQ(pick(-1, 0.100, 0.340), SERVE_HEAVY);
    return harness_done("test_serve_sched");
}
