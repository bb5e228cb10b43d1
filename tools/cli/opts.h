/* The one option parser of the subcommands (tools/cli/opts.c).
 *
 * A command lists its options in a table ending with {0} and walks argv:
 *
 *     static const cli_opt opts[] = {{"--format", "-f", 1, O_FORMAT}, ..., {0}};
 *     cli_args p = cli_args_init(argc, argv);
 *     const char *v;
 *     int id;
 *     while ((id = cli_next(&p, opts, &v)) != CLI_END) switch (id) { ... }
 *
 * Accepted forms: "--name VALUE", "--name=VALUE", "-n VALUE" (the short
 * form), "--flag", "-f". "--help" and "-h" are CLI_HELP; "-" and words not
 * starting with '-' are CLI_ARG (in *v); after "--" everything is CLI_ARG.
 * An option missing its value prints "newsgraph: OPT needs a value" and is
 * CLI_BAD; an option not in the table is CLI_UNKNOWN (in *v: the command
 * says so in its own words). Option values are turned into numbers by
 * cli_int and cli_real, which print the one style of message. */
#ifndef NG_CLI_OPTS_H
#define NG_CLI_OPTS_H

typedef struct cli_opt {
    const char *name;    /* "--name" */
    const char *shrt;    /* "-n" or NULL */
    int has_value;
    int id;              /* > 0: returned by cli_next */
} cli_opt;

enum { CLI_END = 0, CLI_ARG = -1, CLI_HELP = -2, CLI_UNKNOWN = -3, CLI_BAD = -4 };

typedef struct cli_args {
    int argc;
    char **argv;
    int i;               /* the next argument to read */
    int rest;            /* after "--": only arguments */
    const char *opt;     /* the option as written (for messages): "-j", "--threads" */
    const char *raw;     /* the last argument read, as written ("--top=5") */
} cli_args;

/* argv[0] is the command's name; parsing starts at argv[1]. */
cli_args cli_args_init(int argc, char **argv);
int cli_next(cli_args *p, const cli_opt *opts, const char **val);

/* The integer 'v' of option 'opt' into *out if it lies in [min, max]
 * (max LLONG_MAX: no upper bound); else prints one of
 *   "newsgraph: OPT: expected an integer from MIN to MAX, got 'V'"
 *   "newsgraph: OPT: at least MIN"
 *   "newsgraph: OPT: 'V' is too large (at most MAX)"
 * and returns -1. */
int cli_int(const char *opt, const char *v, long long min, long long max, long long *out);
/* A finite real number in [min, max] into *out, else
 * "newsgraph: OPT: expected a number from MIN to MAX, got 'V'" and -1.
 * With above_zero (min is then 0 and excluded):
 * "OPT: 'V' is not a positive finite number" or "OPT: 'V' is too large (at most MAX)". */
int cli_real(const char *opt, const char *v, double min, double max, int above_zero, double *out);
/* The default of --threads (tag, ingest, serve): one thread per CPU this
 * process may run on (its affinity mask: taskset, a container's cpuset),
 * from 1 to CLI_THREADS_MAX, the options' upper bound. */
enum { CLI_THREADS_MAX = 64 };
unsigned cli_threads_default(void);
/* One of 'names' (NULL-terminated): its index, else -1. */
int cli_choice(const char *v, const char *const *names);
/* Is args[i] one of args[0..i) (an argument given twice is acted on once)? */
int cli_given_before(const char *const *args, size_t i);

/* The dictionary options of tag, ingest and eval, for their tables; their
 * ids go to cli_dicts_option (cli.h). */
enum { CLI_OPT_DICT = 1000, CLI_OPT_NO_SHIPPED, CLI_OPT_NO_USER, CLI_OPT_NAMES };
#define CLI_DICT_OPTS {"--dict", "-d", 1, CLI_OPT_DICT}, {"--no-shipped", NULL, 0, CLI_OPT_NO_SHIPPED}, \
                      {"--no-user", NULL, 0, CLI_OPT_NO_USER}, {"--names", NULL, 1, CLI_OPT_NAMES}

/* The tagging switches of tag, ingest and eval; cli_tag_flag gives the
 * NG_TAG_* flag of one of their ids (0 for any other id). */
enum { CLI_OPT_NO_INFLECT = 1010, CLI_OPT_NO_CONTEXT, CLI_OPT_NO_RULES, CLI_OPT_NO_PARTIAL, CLI_OPT_NO_ORG_RULES,
       CLI_OPT_NO_ACRONYMS, CLI_OPT_NO_PLACE_RULES, CLI_OPT_NO_SURNAMES };
#define CLI_TAG_FLAG_OPTS {"--no-inflect", NULL, 0, CLI_OPT_NO_INFLECT}, {"--no-context", NULL, 0, CLI_OPT_NO_CONTEXT}, \
                          {"--no-rules", NULL, 0, CLI_OPT_NO_RULES}, {"--no-partial", NULL, 0, CLI_OPT_NO_PARTIAL}, \
                          {"--no-org-rules", NULL, 0, CLI_OPT_NO_ORG_RULES}, {"--no-acronyms", NULL, 0, CLI_OPT_NO_ACRONYMS}, \
                          {"--no-place-rules", NULL, 0, CLI_OPT_NO_PLACE_RULES}, {"--no-surnames", NULL, 0, CLI_OPT_NO_SURNAMES}
unsigned cli_tag_flag(int id);
#endif
