/* newsgraph version, at compile time (macros) and at run time
 * (ng_version*): a program can check that the library it runs with is the
 * one it was built against, as with utf8proc's UTF8PROC_VERSION_* and
 * utf8proc_version().
 *
 *     #include <newsgraph/newsgraph.h>
 *     if (ng_version_major() != NG_VERSION_MAJOR) ...   // incompatible library
 *
 * The shared library's SONAME is libnewsgraph.so.NG_VERSION_MAJOR: the major
 * number changes when the API or ABI changes incompatibly. */
#ifndef NG_VERSION_H
#define NG_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION_MAJOR 0
#define NG_VERSION_MINOR 1
#define NG_VERSION_PATCH 0

/* The library's version as "MAJOR.MINOR.PATCH" (static storage, never NULL).
 * Equal to NG_VERSION of the headers the library was built with. */
const char *ng_version(void);
/* The library's numbers (those of NG_VERSION_* when it was built). */
int ng_version_major(void);
int ng_version_minor(void);
int ng_version_patch(void);

#ifdef __cplusplus
}
#endif
#endif
