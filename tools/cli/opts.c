/* The one option parser of the subcommands (opts.h). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "opts.h"

cli_args cli_args_init(int argc, char **argv) {
    cli_args p = {argc, argv, 1, 0, NULL, NULL};
    return p;
}

int cli_next(cli_args *p, const cli_opt *opts, const char **val) {
    *val = NULL;
    if (p->i >= p->argc) return CLI_END;
    const char *a = p->argv[p->i++];
    p->opt = p->raw = a;
    if (p->rest || a[0] != '-' || !a[1]) { *val = a; return CLI_ARG; }
    if (!strcmp(a, "--")) {
        p->rest = 1;
        return cli_next(p, opts, val);
    }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) return CLI_HELP;
    for (const cli_opt *o = opts; o->name; o++) {
        size_t l = strlen(o->name);
        if (o->has_value && !strncmp(a, o->name, l) && a[l] == '=') {
            static char name[64];   /* the option without "=VALUE", for messages */
            snprintf(name, sizeof name, "%.*s", (int)l, a);
            p->opt = name;
            *val = a + l + 1;
            return o->id;
        }
        if (strcmp(a, o->name) && !(o->shrt && !strcmp(a, o->shrt))) continue;
        if (o->has_value) {
            if (p->i >= p->argc) { cli_msg("%s needs a value", a); return CLI_BAD; }
            *val = p->argv[p->i++];
        }
        return o->id;
    }
    /* a short option with its value attached, as getopt takes it: -j2, -fjsonl */
    if (a[1] != '-' && a[2])
        for (const cli_opt *o = opts; o->name; o++)
            if (o->has_value && o->shrt && strlen(o->shrt) == 2 && o->shrt[1] == a[1]) {
                p->opt = o->shrt;
                *val = a + 2;
                return o->id;
            }
    *val = a;
    return CLI_UNKNOWN;
}

int cli_int(const char *opt, const char *v, long long min, long long max, long long *out) {
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    int syntax = end != v && !*end;
    if (syntax && (x > max || (errno == ERANGE && x == LLONG_MAX))) {
        cli_msg("%s: '%s' is too large (at most %lld)", opt, v, max);
        return -1;
    }
    if (syntax && !errno && x < min) {
        cli_msg("%s: at least %lld", opt, min);
        return -1;
    }
    if (!syntax || errno) {
        if (max == LLONG_MAX) cli_msg("%s: expected an integer of at least %lld, got '%s'", opt, min, v);
        else cli_msg("%s: expected an integer from %lld to %lld, got '%s'", opt, min, max, v);
        return -1;
    }
    *out = x;
    return 0;
}

int cli_real(const char *opt, const char *v, double min, double max, int above_zero, double *out) {
    char *end;
    double x = strtod(v, &end);
    int num = end != v && !*end && isfinite(x);
    if (above_zero) {
        if (!num || !(x > 0)) { cli_msg("%s: '%s' is not a positive finite number", opt, v); return -1; }
        if (x > max) { cli_msg("%s: '%s' is too large (at most %.15g)", opt, v, max); return -1; }
    } else if (!num || !(x >= min && x <= max)) {
        cli_msg("%s: expected a number from %.15g to %.15g, got '%s'", opt, min, max, v);
        return -1;
    }
    *out = x;
    return 0;
}

unsigned cli_tag_flag(int id) {
    switch (id) {
    case CLI_OPT_NO_INFLECT: return NG_TAG_NO_INFLECT;
    case CLI_OPT_NO_CONTEXT: return NG_TAG_NO_CONTEXT;
    case CLI_OPT_NO_RULES: return NG_TAG_NO_RULES;
    case CLI_OPT_NO_PARTIAL: return NG_TAG_NO_PARTIAL;
    case CLI_OPT_NO_ORG_RULES: return NG_TAG_NO_ORG_RULES;
    case CLI_OPT_NO_ACRONYMS: return NG_TAG_NO_ACRONYMS;
    case CLI_OPT_NO_PLACE_RULES: return NG_TAG_NO_PLACE_RULES;
    case CLI_OPT_NO_SURNAMES: return NG_TAG_NO_SURNAMES;
    default: return 0;
    }
}

int cli_choice(const char *v, const char *const *names) {
    for (int i = 0; names[i]; i++)
        if (!strcmp(v, names[i])) return i;
    return -1;
}

int cli_given_before(const char *const *args, size_t i) {
    for (size_t k = 0; k < i; k++)
        if (!strcmp(args[k], args[i])) return 1;
    return 0;
}

unsigned cli_threads_default(void) {
    long n = 0;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
    if (n < 1) n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CLI_THREADS_MAX ? CLI_THREADS_MAX : (unsigned)n;
}
