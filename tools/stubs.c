/* Weak placeholders for subcommands under construction; each real
 * implementation (a strong symbol in its own cmd_*.c) replaces one. */
#include "cli.h"
#define STUB(fn) __attribute__((weak)) int fn(int argc, char **argv) { \
    (void)argc; cli_msg("'%s' is not available in this build", argv[0]); return EXIT_USAGE; }
STUB(cmd_tag) STUB(cmd_dict) STUB(cmd_dict_compile) STUB(cmd_dict_import)
STUB(cmd_dict_lint) STUB(cmd_dict_stats) STUB(cmd_eval) STUB(cmd_ingest)
STUB(cmd_forget) STUB(cmd_neighbors) STUB(cmd_evidence) STUB(cmd_path)
STUB(cmd_top) STUB(cmd_communities) STUB(cmd_entity) STUB(cmd_stats)
STUB(cmd_export) STUB(cmd_merge)
