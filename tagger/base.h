/* newsgraph base layer (public, installed): the status codes and the error
 * record every library of the project (tagger, graph) returns.
 *
 * Every function that can fail returns an int status: NG_OK (0) or a
 * negative NG_E_* code. When an 'ng_error *err' argument is not NULL it is
 * filled with the code, a location (file, line, column; 0 when unknown) and
 * a message. The libraries never print and never exit.
 *
 * tagger.h and graph.h include this header; code that only needs the status
 * codes and ng_error can include it alone. */
#ifndef NG_BASE_H
#define NG_BASE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ## Status codes */
enum {
    NG_OK = 0,
    NG_E_NOMEM = -1,     /* out of memory */
    NG_E_IO = -2,        /* a file could not be read or written */
    NG_E_PARSE = -3,     /* malformed input (dictionary line, JSON line ...) */
    NG_E_FORMAT = -4,    /* not a compiled dictionary, corrupt, truncated, wrong version */
    NG_E_UNICODE = -5,   /* invalid UTF-8 where it is not tolerated */
    NG_E_ARG = -6,       /* invalid argument */
    NG_E_DB = -7,        /* database error */
    NG_E_GRAPH = -8,     /* graph computation error */
    NG_E_NOTFOUND = -9,  /* no such entity / article */
    NG_E_BUSY = -10,     /* resource held by another process */
    NG_E_INTERRUPTED = -11, /* stopped by a signal / request */
    NG_E_AMBIGUOUS = -12, /* a name that designates several entities */
    NG_E_LIMIT = -13     /* an input exceeds a hard limit */
};

typedef struct ng_error {
    int code;
    char file[512];
    long line;          /* 1-based; 0 if unknown */
    long col;           /* 1-based, in characters; 0 if unknown */
    char msg[512];
} ng_error;

/* Fixed English text for a status code. Never NULL. */
const char *ng_strerror(int code);

/* Fills 'err' (when not NULL) and returns 'code'. 'file' may be NULL. */
int ng_error_set(ng_error *err, int code, const char *file, long line, long col,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Formats an error as "file:line:col: msg" (parts that are unknown are
 * left out) into buf. Returns buf. */
char *ng_error_format(const ng_error *err, char *buf, size_t size);

/* Optional callback for non-fatal events (skipped records, invalid UTF-8
 * matched around). 'err' describes the event; it is only valid during the call. */
typedef void (*ng_warn_fn)(const ng_error *warning, void *userdata);

#ifdef __cplusplus
}
#endif
#endif
