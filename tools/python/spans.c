/* newsgraph._spans: builds the list of Span tuples of one tagged text in C.
 *
 * The module is ctypes over libnewsgraph (README "From Python"); this small
 * optional extension only turns the flat columns ng_spans writes into
 * Python objects, about 7,800 interpreter instructions a span in Python
 * (slices, bytes, decoding, map and zip, the namedtuple), a fraction of that
 * here. Without it (no Python headers at build time) the module builds the
 * same list in Python.
 *
 *   build(Span, columns, n, nents, raw, size) -> list of Span
 *     Span     the namedtuple type (a tuple subclass of seven fields)
 *     columns  address of the int64 columns of ng_spans: n character starts,
 *              n ends, n byte starts, n byte ends, n flags, n entity
 *              ordinals, then n addresses of ids, types and names
 *     nents    one more than the largest ordinal
 *     raw      address of the UTF-8 bytes tagged (span texts are decoded
 *              from them with surrogateescape: for a str tagged, its
 *              encoding, the same characters as its slices), size their
 *              length
 *
 *   encode(text) -> bytes
 *     text.encode("utf-8", "surrogateescape"), the same bytes, faster on
 *     the str a news text makes: mostly ASCII in a 2-byte str (one curly
 *     quote or Cyrillic letter makes every character 2 bytes wide), where
 *     CPython encodes one character at a time (0.37 s for a 100 MB text
 *     here, a fifth of tagging it); runs of ASCII go 4 or 8 characters at
 *     a time. A surrogate that surrogateescape does not map is left to
 *     CPython's encoder, which raises its own error. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

/* Span texts repeat (one place is named hundreds of times in a large text):
 * a small table of recent texts by their bytes gives the same str object
 * again instead of decoding and allocating it anew. */
enum { TEXT_SLOTS = 4096 };
typedef struct tslot { const char *p; Py_ssize_t n; PyObject *s; } tslot;

static uint64_t fnv(const char *p, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h;
}

static void release(tslot *cache) {
    if (!cache) return;
    for (int i = 0; i < TEXT_SLOTS; i++) Py_XDECREF(cache[i].s);
    PyMem_Free(cache);
}

static PyObject *build(PyObject *self, PyObject *args) {
    (void)self;
    PyTypeObject *type;
    unsigned long long caddr, raddr;
    Py_ssize_t n, nents, size;
    if (!PyArg_ParseTuple(args, "O!KnnKn", &PyType_Type, &type, &caddr, &n, &nents, &raddr, &size))
        return NULL;
    if (!PyType_IsSubtype(type, &PyTuple_Type) || n < 0 || nents < 0 || size < 0) {
        PyErr_SetString(PyExc_TypeError, "newsgraph._spans.build: bad arguments");
        return NULL;
    }
    const int64_t *col = (const int64_t *)(uintptr_t)caddr;
    const char *raw = (const char *)(uintptr_t)raddr;
    tslot *cache = PyMem_Calloc(TEXT_SLOTS, sizeof *cache);
    if (!cache) return PyErr_NoMemory();
    PyObject *out = PyList_New(n);
    /* each entity's three strings once: ordinals appear in increasing order */
    PyObject *ents = PyList_New(nents * 3);
    if (!out || !ents) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t cs = col[i], ce = col[n + i], bs = col[2 * n + i], be = col[3 * n + i], ord = col[5 * n + i];
        if (ord < 0 || ord >= nents || cs < 0 || ce < cs || bs < 0 || be < bs || be > size) {
            PyErr_SetString(PyExc_ValueError, "newsgraph._spans.build: span out of range");
            goto fail;
        }
        if (!PyList_GET_ITEM(ents, 3 * ord)) {
            for (int f = 0; f < 3; f++) {
                const char *s = (const char *)(uintptr_t)col[(6 + (f == 0 ? 1 : f == 1 ? 0 : 2)) * n + i];
                PyObject *o = PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
                if (!o) goto fail;
                PyList_SET_ITEM(ents, 3 * ord + f, o);   /* label (type), id, name */
            }
        }
        PyObject *t;
        const char *p = raw + bs;
        Py_ssize_t len = (Py_ssize_t)(be - bs);
        tslot *c = &cache[fnv(p, len) & (TEXT_SLOTS - 1)];
        if (c->s && c->n == len && !memcmp(c->p, p, (size_t)len)) {
            t = c->s;
            Py_INCREF(t);
        } else if ((t = PyUnicode_DecodeUTF8(p, len, "surrogateescape"))) {
            Py_XDECREF(c->s);
            Py_INCREF(t);
            *c = (tslot){p, len, t};
        }
        PyObject *sp = type->tp_alloc(type, 7);
        PyObject *a = PyLong_FromLongLong(cs), *b = PyLong_FromLongLong(ce), *fl = PyLong_FromLongLong(col[4 * n + i]);
        if (!t || !sp || !a || !b || !fl) {
            Py_XDECREF(t); Py_XDECREF(sp); Py_XDECREF(a); Py_XDECREF(b); Py_XDECREF(fl);
            goto fail;
        }
        PyTuple_SET_ITEM(sp, 0, a);
        PyTuple_SET_ITEM(sp, 1, b);
        PyTuple_SET_ITEM(sp, 2, t);
        for (int f = 0; f < 3; f++) {
            PyObject *o = PyList_GET_ITEM(ents, 3 * ord + f);
            Py_INCREF(o);
            PyTuple_SET_ITEM(sp, 3 + f, o);
        }
        PyTuple_SET_ITEM(sp, 6, fl);
        /* a Span holds ints and strs only, so it can be in no cycle: left
         * to the collector, hundreds of thousands of them would be walked
         * by every full collection (and the one at exit), as CPython itself
         * untracks such tuples when it first meets them */
        PyObject_GC_UnTrack(sp);
        PyList_SET_ITEM(out, i, sp);
    }
    Py_DECREF(ents);
    release(cache);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(ents);
    release(cache);
    return NULL;
}

/* One loop for the three widths of a str: UNIT the code unit, ASCII8 how
 * many units fit in 8 bytes and MASK their bits above ASCII. Returns the
 * end of the output, or NULL at a surrogate surrogateescape cannot map. */
#define ENCODE_LOOP(NAME, UNIT, MASK)                                            \
    static char *NAME(const UNIT *u, Py_ssize_t n, char *o) {                    \
        enum { PER = 8 / sizeof(UNIT) };                                         \
        Py_ssize_t i = 0;                                                        \
        while (i < n) {                                                          \
            while (i + PER <= n) {                                               \
                uint64_t w;                                                      \
                memcpy(&w, u + i, 8);                                            \
                if (w & (MASK)) break;                                           \
                for (int k = 0; k < PER; k++) o[k] = (char)u[i + k];             \
                o += PER;                                                        \
                i += PER;                                                        \
            }                                                                    \
            if (i >= n) break;                                                   \
            uint32_t c = u[i++];                                                 \
            if (c < 0x80) *o++ = (char)c;                                        \
            else if (c < 0x800) {                                                \
                *o++ = (char)(0xC0 | c >> 6);                                    \
                *o++ = (char)(0x80 | (c & 0x3F));                                \
            } else if (c >= 0xD800 && c <= 0xDFFF) {                             \
                if (c < 0xDC80 || c > 0xDCFF) return NULL;                       \
                *o++ = (char)(c - 0xDC00);   /* surrogateescape: the byte */     \
            } else if (c < 0x10000) {                                            \
                *o++ = (char)(0xE0 | c >> 12);                                   \
                *o++ = (char)(0x80 | ((c >> 6) & 0x3F));                         \
                *o++ = (char)(0x80 | (c & 0x3F));                                \
            } else {                                                             \
                *o++ = (char)(0xF0 | c >> 18);                                   \
                *o++ = (char)(0x80 | ((c >> 12) & 0x3F));                        \
                *o++ = (char)(0x80 | ((c >> 6) & 0x3F));                         \
                *o++ = (char)(0x80 | (c & 0x3F));                                \
            }                                                                    \
        }                                                                        \
        return o;                                                                \
    }
ENCODE_LOOP(encode1, Py_UCS1, 0x8080808080808080ULL)
ENCODE_LOOP(encode2, Py_UCS2, 0xFF80FF80FF80FF80ULL)
ENCODE_LOOP(encode4, Py_UCS4, 0xFFFFFF80FFFFFF80ULL)

static PyObject *encode(PyObject *self, PyObject *text) {
    (void)self;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "newsgraph._spans.encode: a str is needed");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (PyUnicode_IS_ASCII(text)) return PyBytes_FromStringAndSize((const char *)data, n);
    /* at most 2, 3 or 4 bytes a character for 1-, 2- and 4-byte strs (a
     * 4-byte character is never in a 2-byte str); pages never written are
     * never touched, and the bytes are cut to their length */
    Py_ssize_t per = kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4;
    if (n > PY_SSIZE_T_MAX / per) return PyErr_NoMemory();
    PyObject *out = PyBytes_FromStringAndSize(NULL, n * per);
    if (!out) return NULL;
    char *o = PyBytes_AS_STRING(out), *end;
#ifdef MADV_HUGEPAGE
    /* a large buffer in huge pages (THP is commonly "madvise" only): one
     * page fault per 2 MB written instead of one per 4 KB, which cost more
     * than the encoding itself (the library does the same, ng_huge_hint) */
    if (n * per >= (Py_ssize_t)8 << 20) {
        uintptr_t huge = (uintptr_t)2 << 20, a = ((uintptr_t)o + huge - 1) & ~(huge - 1),
                  e = ((uintptr_t)o + (uintptr_t)(n * per)) & ~(huge - 1);
        if (e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
    }
#endif
    if (kind == PyUnicode_1BYTE_KIND) end = encode1(data, n, o);
    else if (kind == PyUnicode_2BYTE_KIND) end = encode2(data, n, o);
    else end = encode4(data, n, o);
    if (!end) {   /* CPython's encoder says what is wrong, as text.encode would */
        Py_DECREF(out);
        return PyUnicode_AsEncodedString(text, "utf-8", "surrogateescape");
    }
    if (_PyBytes_Resize(&out, end - o) < 0) return NULL;
    return out;
}

static PyMethodDef methods[] = {
    {"encode", encode, METH_O, "encode(text) -> text.encode('utf-8', 'surrogateescape')"},
    {"build", build, METH_VARARGS, "build(Span, columns, n, nents, raw, size) -> list of Span"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_spans", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__spans(void) { return PyModule_Create(&module); }
