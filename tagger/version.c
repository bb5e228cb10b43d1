/* Run-time version of the library (tagger/version.h). */
#include "version.h"
#include "tagger.h"

#define NG_STR_(x) #x
#define NG_STR(x) NG_STR_(x)
#define NG_VERSION_STRING NG_STR(NG_VERSION_MAJOR) "." NG_STR(NG_VERSION_MINOR) "." NG_STR(NG_VERSION_PATCH)

/* NG_VERSION (tagger.h) and the numbers of version.h must agree: the
 * arrays below get a negative size otherwise. */
typedef char ng_version_agrees[sizeof NG_VERSION == sizeof NG_VERSION_STRING ? 1 : -1];

const char *ng_version(void) { return NG_VERSION_STRING; }
int ng_version_major(void) { return NG_VERSION_MAJOR; }
int ng_version_minor(void) { return NG_VERSION_MINOR; }
int ng_version_patch(void) { return NG_VERSION_PATCH; }
