/* newsgraph._spans: builds the list of Span tuples of one tagged text in C.
 *
 * The module is ctypes over libnewsgraph (README "From Python"); this small
 * optional extension only turns the flat columns ng_spans writes into
 * Python objects, about 7,800 interpreter instructions a span in Python
 * (slices, bytes, decoding, map and zip, the namedtuple), a fraction of that
 * here. Without it (no Python headers at build time) the module builds the
 * same list in Python.
 *
 *   build(Span, columns, n, nents, text, raw, size) -> list of Span
 *     Span     the namedtuple type (a tuple subclass of seven fields)
 *     columns  address of the int64 columns of ng_spans: n character starts,
 *              n ends, n byte starts, n byte ends, n flags, n entity
 *              ordinals, then n addresses of ids, types and names
 *     nents    one more than the largest ordinal
 *     text     the str tagged (span texts are its slices), or None
 *     raw      address of the UTF-8 bytes tagged (when text is None; span
 *              texts decoded with surrogateescape), size their length */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

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
    PyObject *text;
    if (!PyArg_ParseTuple(args, "O!KnnOKn", &PyType_Type, &type, &caddr, &n, &nents, &text, &raddr, &size))
        return NULL;
    if (!PyType_IsSubtype(type, &PyTuple_Type) || n < 0 || nents < 0 || (text != Py_None && !PyUnicode_Check(text))) {
        PyErr_SetString(PyExc_TypeError, "newsgraph._spans.build: bad arguments");
        return NULL;
    }
    const int64_t *col = (const int64_t *)(uintptr_t)caddr;
    const char *raw = (const char *)(uintptr_t)raddr;
    tslot *cache = text == Py_None ? PyMem_Calloc(TEXT_SLOTS, sizeof *cache) : NULL;
    if (text == Py_None && !cache) return PyErr_NoMemory();
    PyObject *out = PyList_New(n);
    /* each entity's three strings once: ordinals appear in increasing order */
    PyObject *ents = PyList_New(nents * 3);
    if (!out || !ents) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t cs = col[i], ce = col[n + i], bs = col[2 * n + i], be = col[3 * n + i], ord = col[5 * n + i];
        if (ord < 0 || ord >= nents || cs < 0 || ce < cs || bs < 0 || be < bs || (text == Py_None && be > size)) {
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
        if (text != Py_None) t = PyUnicode_Substring(text, (Py_ssize_t)cs, (Py_ssize_t)ce);
        else {
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

static PyMethodDef methods[] = {
    {"build", build, METH_VARARGS, "build(Span, columns, n, nents, text, raw, size) -> list of Span"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_spans", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__spans(void) { return PyModule_Create(&module); }
