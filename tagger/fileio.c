/* Small file helpers shared by the library and the CLI. */
#include <sys/stat.h>
#include "tagger.h"

int ng_path_is_special(const char *path) {
    struct stat st;
    return path && stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}
