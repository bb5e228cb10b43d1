/* Shared helpers of the newsgraph CLI (tools/). Only the CLI prints and exits.
 * Exit codes: 0 success, 1 data/runtime error, 2 usage or system error. */
#ifndef NG_CLI_H
#define NG_CLI_H
#include <stdio.h>
#include "tagger.h"
#include "base_internal.h"

#define EXIT_DATA 1
#define EXIT_USAGE 2

/* Prints "newsgraph: fmt" to stderr. */
void cli_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "newsgraph: file:line:col: msg" for an ng_error. */
void cli_err(const ng_error *err);
/* Exit code for a library status: 2 for I/O and argument errors, 1 otherwise. */
int cli_exit_code(int status);
/* Are 'a' and 'b' one file (the same name, or both existing with one
 * device and inode: a link, "./x")? An output that is one of the inputs. */
int cli_same_file(const char *a, const char *b);

/* The CLI's one out-of-memory policy: "newsgraph: out of memory" and exit
 * status 1 (as cli_exit_code(NG_E_NOMEM)). The allocators below never
 * return NULL. */
_Noreturn void cli_fatal_oom(void);
void *cli_xmalloc(size_t n);
void *cli_xcalloc(size_t n, size_t size);
void *cli_xrealloc(void *p, size_t n);
char *cli_xstrndup(const char *s, size_t n);   /* NULL stays NULL */
void cli_xgrow(void **v, size_t *cap, size_t need, size_t elt);   /* ng_grow */

/* Dictionary options shared by tag, ingest and eval:
 *   --dict FILE (repeatable), --no-shipped. */
typedef struct cli_dicts {
    const char *paths[256];
    size_t npaths;
    int no_shipped;
    int use_user;         /* tag, ingest: the user dictionary after the shipped ones */
    int no_user;          /* --no-user */
    int user_loaded;      /* it was there and is one of dicts */
    ng_dict *dicts[259];
    size_t ndicts;
    const char *names_path; /* --names: given-name lists instead of the shipped ones */
    ng_namelist *names;   /* given-name lists (--names, else the shipped DIR/names), or NULL */
} cli_dicts;
/* Takes option 'id' (CLI_OPT_DICT with its value, CLI_OPT_NO_SHIPPED:
 * opts.h) and returns 1; returns 0 for another id; -1 on a usage error
 * (message printed). */
int cli_dicts_option(cli_dicts *d, int id, const char *value);
/* Loads the shipped dictionaries and given-name lists (unless no_shipped;
 * --names gives the lists even then) and the --dict files. Prints errors; returns 0 or an exit code. */
int cli_dicts_load(cli_dicts *d);
void cli_dicts_free(cli_dicts *d);
/* Creates a tagger over d's dictionaries with d's given-name lists. */
ng_tagger *cli_tagger_new(const cli_dicts *d, unsigned flags);
/* Reader warning callback (ng_reader_set_warn): "newsgraph: warning: PATH: MSG". */
void cli_reader_warn(const char *path, const char *msg, void *ud);
/* The user dictionary that 'dict add' writes and tag and ingest read:
 * $XDG_DATA_HOME/newsgraph/user.tsv, else ~/.local/share/newsgraph/user.tsv
 * ("" when neither variable is set). */
const char *cli_user_dict_path(void);
/* mkdir -p of the directory of 'path' (0777 less the umask); 0, or -1 with errno. */
int cli_make_parent(const char *path);
/* The record of the compiled dictionaries verified before
 * (ng_dict_open_recorded): $XDG_CACHE_HOME/newsgraph/verified-images, else
 * ~/.cache/newsgraph/verified-images, its directories made if missing;
 * NULL when neither variable is set, when NEWSGRAPH_VERIFY=full (every
 * image verified whole at every start), or when the directory cannot be
 * made. */
const char *cli_verified_record(void);
/* The compiled shipped given-name lists if found, else NULL. */
const char *cli_shipped_names(void);
/* Directory that holds the shipped dictionaries ("" if none found). */
const char *cli_shipped_dir(void);
/* The compiled shipped image if found, else NULL. */
const char *cli_shipped_image(void);
/* Runs 'program' (newsgraph-graph or newsgraph-serve: the programs with
 * the commands that need igraph or libmicrohttpd, see newsgraph.c) in place
 * of this process with argv, for the command 'cmd': BIN/program in a build
 * tree, BIN/../libexec/newsgraph/program or NG_LIBEXECDIR/program
 * installed. Returns only when it cannot, having said why: an exit code. */
int cli_run_program(const char *program, const char *cmd, char **argv);

/* Subcommands: each takes the argv after the command name (argv[0] is the name). */
int cmd_tag(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_dict_compile(int argc, char **argv);
int cmd_dict_compile_names(int argc, char **argv);
int cmd_dict_import(int argc, char **argv);
int cmd_dict_lint(int argc, char **argv);
int cmd_dict_stats(int argc, char **argv);
int cmd_dict_suggest(int argc, char **argv);
int cmd_dict_add(int argc, char **argv);
int cmd_dict_remove(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_forget(int argc, char **argv);
int cmd_neighbors(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_communities(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_serve(int argc, char **argv);   /* tools/serve/serve.c */

/* Program path as given in argv[0] of main (for locating shipped data). */
extern const char *cli_argv0;
#endif
