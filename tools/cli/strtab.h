/* A table of distinct strings (tools/cli/strtab.c): each key gets the index
 * of its first insertion, 0, 1, 2 ..., so the caller keeps what belongs to a
 * key in an array of its own. Out of memory is the CLI's (cli_fatal_oom). */
#ifndef NG_CLI_STRTAB_H
#define NG_CLI_STRTAB_H
#include <stddef.h>

typedef struct cli_strtab {
    char **keys;      /* by index; owned */
    size_t n, cap;
    size_t *slots;    /* open addressing: index + 1, 0 = empty */
    size_t nslots;
} cli_strtab;

/* The index of 'key' (copied when new; *added then 1, else 0). */
size_t cli_strtab_get(cli_strtab *t, const char *key, int *added);
/* The index of 'key', or (size_t)-1. */
size_t cli_strtab_find(const cli_strtab *t, const char *key);
void cli_strtab_free(cli_strtab *t);
#endif
