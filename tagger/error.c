/* Status codes and error records shared by the whole project. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base.h"

const char *ng_strerror(int code) {
    switch (code) {
    case NG_OK: return "success";
    case NG_E_NOMEM: return "out of memory";
    case NG_E_IO: return "input/output error";
    case NG_E_PARSE: return "malformed input";
    case NG_E_FORMAT: return "not a valid compiled dictionary";
    case NG_E_UNICODE: return "invalid UTF-8";
    case NG_E_ARG: return "invalid argument";
    case NG_E_DB: return "database error";
    case NG_E_GRAPH: return "graph computation error";
    case NG_E_NOTFOUND: return "not found";
    case NG_E_BUSY: return "resource busy";
    case NG_E_INTERRUPTED: return "interrupted";
    case NG_E_AMBIGUOUS: return "ambiguous name";
    case NG_E_LIMIT: return "input exceeds a limit";
    default: return "unknown error";
    }
}

int ng_error_set(ng_error *err, int code, const char *file, long line, long col,
                 const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->msg, sizeof err->msg, "%s", ng_strerror(code));
    }
    return code;
}

char *ng_error_format(const ng_error *err, char *buf, size_t size) {
    if (!size) return buf;
    buf[0] = 0;
    if (!err) return buf;
    size_t n = 0;
    if (err->file[0]) {
        if (err->line > 0 && err->col > 0)
            n = snprintf(buf, size, "%s:%ld:%ld: ", err->file, err->line, err->col);
        else if (err->line > 0)
            n = snprintf(buf, size, "%s:%ld: ", err->file, err->line);
        else
            n = snprintf(buf, size, "%s: ", err->file);
    }
    if (n < size) snprintf(buf + n, size - n, "%s", err->msg[0] ? err->msg : ng_strerror(err->code));
    return buf;
}
