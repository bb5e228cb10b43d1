/* newsgraph._spans: the Span type and the list of Spans of one tagged text,
 * in C.
 *
 * The module is ctypes over libnewsgraph (README "From Python"); this small
 * optional extension only turns the flat columns ng_spans writes into
 * Python objects, about 7,800 interpreter instructions a span in Python
 * (slices, bytes, decoding, map and zip, the namedtuple), a fraction of that
 * here. Without it (no Python headers at build time) the module builds the
 * same list in Python, of the namedtuple Span.
 *
 *   Span(start, end, text, label, id, name, flags)
 *     what newsgraph.Span is with the helper: the namedtuple's fields and
 *     behaviour (indexing and slices, unpacking, len, ==, < and hash as the
 *     tuple of its fields, repr, pickling, _fields, _asdict, _replace,
 *     _make) in one object of 80 bytes, no tuple subclass: start, end and
 *     flags are C integers (an int made when read), text, label, id and name
 *     strs. A namedtuple costs a tuple and two ints a span (160 bytes in
 *     three allocations, and three frees), the most of building a 100 MB
 *     text's list. Holding no container, a Span can be in no cycle: the
 *     type is not the collector's.
 *
 *   build(columns, n, nents, raw, size) -> list of Span
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

/* ---- Span ---- */

/* The Spans of a large list are carved out of 2 MB chunks (in huge pages
 * where the kernel has them) instead of one allocation each: a 100 MB text
 * makes 24 MB of Spans, which pymalloc's arenas fault in 4 KB at a time
 * (6,000 page faults, the most of building the list here). A chunk starts
 * with its count of live Spans (and one for the builder while it fills it)
 * and is unmapped when its last Span goes, as pymalloc frees an arena. */
enum { CHUNK = 2 << 20 };
typedef struct chunk { Py_ssize_t live; } chunk;

typedef struct {
    PyObject_HEAD
    long long start, end;
    PyObject *text, *label, *id, *name;   /* exact strs */
    long long flags;
    chunk *chunk;   /* the chunk it is in, or NULL: allocated alone */
} Span;

/* the fewest spans of a list carved out of chunks (a chunk holds 26,000;
 * a few spans are not worth a huge page) */
enum { CHUNK_SLOTS = CHUNK / sizeof(Span) - 1, CHUNK_MIN = 8192 };

static chunk *chunk_new(void) {
    char *p = mmap(NULL, 2 * (size_t)CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    uintptr_t a = ((uintptr_t)p + CHUNK - 1) & ~(uintptr_t)(CHUNK - 1), e = (uintptr_t)p + 2 * (size_t)CHUNK;
    if (a > (uintptr_t)p) munmap(p, a - (uintptr_t)p);
    if (e > a + CHUNK) munmap((void *)(a + CHUNK), e - (a + CHUNK));
#ifdef MADV_HUGEPAGE
    (void)madvise((void *)a, CHUNK, MADV_HUGEPAGE);
#endif
    chunk *c = (chunk *)a;
    c->live = 1;
    return c;
}

static void chunk_release(chunk *c) {
    if (--c->live == 0) munmap(c, CHUNK);
}

enum { NFIELDS = 7 };
static const char *const FIELDS[NFIELDS] = {"start", "end", "text", "label", "id", "name", "flags"};
static PyTypeObject SpanType;
#define Span_Check(o) PyObject_TypeCheck(o, &SpanType)

/* field i (0 <= i < NFIELDS), a new reference */
static PyObject *field(Span *s, Py_ssize_t i) {
    PyObject *o;
    switch (i) {
    case 0: return PyLong_FromLongLong(s->start);
    case 1: return PyLong_FromLongLong(s->end);
    case 2: o = s->text; break;
    case 3: o = s->label; break;
    case 4: o = s->id; break;
    case 5: o = s->name; break;
    default: return PyLong_FromLongLong(s->flags);
    }
    Py_INCREF(o);
    return o;
}

/* the tuple of its fields (what a namedtuple is) */
static PyObject *astuple(Span *s) {
    PyObject *t = PyTuple_New(NFIELDS);
    if (!t) return NULL;
    for (Py_ssize_t i = 0; i < NFIELDS; i++) {
        PyObject *o = field(s, i);
        if (!o) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, o);
    }
    return t;
}

/* A Span of 'type' (SpanType or a subclass); str arguments are stored as
 * exact strs (a str subclass could hold a reference back: a cycle). */
static PyObject *make(PyTypeObject *type, long long start, long long end, PyObject *const str[4], long long flags) {
    Span *s = (Span *)type->tp_alloc(type, 0);
    if (!s) return NULL;
    s->start = start;
    s->end = end;
    s->flags = flags;
    PyObject **dst[4] = {&s->text, &s->label, &s->id, &s->name};
    for (int k = 0; k < 4; k++)
        if (!(*dst[k] = PyUnicode_FromObject(str[k]))) {
            Py_DECREF(s);
            return NULL;
        }
    return (PyObject *)s;
}

static PyObject *span_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
    static char *kwlist[] = {"start", "end", "text", "label", "id", "name", "flags", NULL};
    long long start, end, flags;
    PyObject *str[4];
    if (!PyArg_ParseTupleAndKeywords(args, kw, "LLUUUUL:Span", kwlist, &start, &end, &str[0], &str[1], &str[2],
                                     &str[3], &flags))
        return NULL;
    return make(type, start, end, str, flags);
}

static void span_dealloc(Span *s) {
    Py_XDECREF(s->text);
    Py_XDECREF(s->label);
    Py_XDECREF(s->id);
    Py_XDECREF(s->name);
    if (s->chunk) chunk_release(s->chunk);
    else Py_TYPE(s)->tp_free((PyObject *)s);
}

static Py_ssize_t span_length(PyObject *self) {
    (void)self;
    return NFIELDS;
}

static PyObject *span_item(PyObject *self, Py_ssize_t i) {
    if (i < 0 || i >= NFIELDS) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return field((Span *)self, i);
}

static PyObject *span_subscript(PyObject *self, PyObject *key) {
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) return NULL;
        return span_item(self, i < 0 ? i + NFIELDS : i);
    }
    if (PySlice_Check(key)) {   /* a tuple, as a namedtuple's slice */
        PyObject *t = astuple((Span *)self), *r;
        if (!t) return NULL;
        r = PyObject_GetItem(t, key);
        Py_DECREF(t);
        return r;
    }
    PyErr_Format(PyExc_TypeError, "tuple indices must be integers or slices, not %.200s", Py_TYPE(key)->tp_name);
    return NULL;
}

/* The rest as the tuple of its fields does it. */
static PyObject *via_tuple(PyObject *self, PyObject *(*op)(PyObject *, PyObject *), PyObject *arg) {
    PyObject *t = astuple((Span *)self), *r;
    if (!t) return NULL;
    r = op(t, arg);
    Py_DECREF(t);
    return r;
}

static int span_contains(PyObject *self, PyObject *x) {
    PyObject *t = astuple((Span *)self);
    if (!t) return -1;
    int r = PySequence_Contains(t, x);
    Py_DECREF(t);
    return r;
}

static PyObject *span_concat(PyObject *self, PyObject *other) {
    if (!PyTuple_Check(other) && !Span_Check(other)) {
        PyErr_Format(PyExc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple", Py_TYPE(other)->tp_name);
        return NULL;
    }
    PyObject *a = astuple((Span *)self), *b = Span_Check(other) ? astuple((Span *)other) : (Py_INCREF(other), other);
    PyObject *r = a && b ? PySequence_Concat(a, b) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return r;
}

static PyObject *span_repeat(PyObject *self, Py_ssize_t n) {
    PyObject *t = astuple((Span *)self), *r;
    if (!t) return NULL;
    r = PySequence_Repeat(t, n);
    Py_DECREF(t);
    return r;
}

static PyObject *span_iter(PyObject *self) { return PySeqIter_New(self); }

static PyObject *span_richcompare(PyObject *self, PyObject *other, int op) {
    if (!Span_Check(other) && !PyTuple_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    if (Span_Check(other) && (op == Py_EQ || op == Py_NE)) {
        Span *a = (Span *)self, *b = (Span *)other;
        int eq = a->start == b->start && a->end == b->end && a->flags == b->flags;
        PyObject *fa[4] = {a->text, a->label, a->id, a->name}, *fb[4] = {b->text, b->label, b->id, b->name};
        for (int k = 0; eq && k < 4; k++)
            eq = fa[k] == fb[k] || PyUnicode_Compare(fa[k], fb[k]) == 0;   /* exact strs: no error */
        if (op == Py_NE) eq = !eq;
        return PyBool_FromLong(eq);
    }
    PyObject *a = astuple((Span *)self), *b = Span_Check(other) ? astuple((Span *)other) : (Py_INCREF(other), other);
    PyObject *r = a && b ? PyObject_RichCompare(a, b, op) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return r;
}

static Py_hash_t span_hash(PyObject *self) {   /* the tuple's: Span == tuple, same hash */
    PyObject *t = astuple((Span *)self);
    if (!t) return -1;
    Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyObject *span_repr(PyObject *self) {
    Span *s = (Span *)self;
    const char *name = Py_TYPE(self)->tp_name, *dot = strrchr(name, '.');
    return PyUnicode_FromFormat("%s(start=%lld, end=%lld, text=%R, label=%R, id=%R, name=%R, flags=%lld)",
                                dot ? dot + 1 : name, s->start, s->end, s->text, s->label, s->id, s->name, s->flags);
}

static PyObject *get_field(PyObject *self, void *i) { return field((Span *)self, (Py_ssize_t)(intptr_t)i); }

static PyGetSetDef span_getset[] = {
    {"start", get_field, NULL, "Alias for field number 0", (void *)0},
    {"end", get_field, NULL, "Alias for field number 1", (void *)1},
    {"text", get_field, NULL, "Alias for field number 2", (void *)2},
    {"label", get_field, NULL, "Alias for field number 3", (void *)3},
    {"id", get_field, NULL, "Alias for field number 4", (void *)4},
    {"name", get_field, NULL, "Alias for field number 5", (void *)5},
    {"flags", get_field, NULL, "Alias for field number 6", (void *)6},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *span_getnewargs(PyObject *self, PyObject *unused) {
    (void)unused;
    return astuple((Span *)self);
}

/* pickling and copy: (type, fields[, the instance dict of a subclass]) */
static PyObject *span_reduce(PyObject *self, PyObject *unused) {
    (void)unused;
    PyObject *t = astuple((Span *)self);
    if (!t) return NULL;
    PyObject *d = NULL;
    if (Py_TYPE(self) != &SpanType && !(d = PyObject_GetAttrString(self, "__dict__"))) PyErr_Clear();
    if (d && PyDict_Check(d) && PyDict_GET_SIZE(d)) return Py_BuildValue("(ONN)", (PyObject *)Py_TYPE(self), t, d);
    Py_XDECREF(d);
    return Py_BuildValue("(ON)", (PyObject *)Py_TYPE(self), t);
}

static PyObject *span_asdict(PyObject *self, PyObject *unused) {
    (void)unused;
    PyObject *d = PyDict_New();
    if (!d) return NULL;
    for (Py_ssize_t i = 0; i < NFIELDS; i++) {
        PyObject *o = field((Span *)self, i);
        if (!o || PyDict_SetItemString(d, FIELDS[i], o) < 0) {
            Py_XDECREF(o);
            Py_DECREF(d);
            return NULL;
        }
        Py_DECREF(o);
    }
    return d;
}

/* _replace(**fields): a new Span of the same type with those fields */
static PyObject *span_replace(PyObject *self, PyObject *args, PyObject *kw) {
    if (PyTuple_GET_SIZE(args)) {
        PyErr_SetString(PyExc_TypeError, "_replace() takes keyword arguments only");
        return NULL;
    }
    PyObject *rest = kw ? PyDict_Copy(kw) : PyDict_New(), *vals = PyTuple_New(NFIELDS), *r = NULL;
    if (!rest || !vals) goto done;
    for (Py_ssize_t i = 0; i < NFIELDS; i++) {
        PyObject *key = PyUnicode_FromString(FIELDS[i]), *o = NULL;
        if (!key) goto done;
        o = PyDict_GetItemWithError(rest, key);
        if (o) {
            Py_INCREF(o);
            if (PyDict_DelItem(rest, key) < 0) o = NULL;
        } else if (!PyErr_Occurred()) o = field((Span *)self, i);
        Py_DECREF(key);
        if (!o) goto done;
        PyTuple_SET_ITEM(vals, i, o);
    }
    if (PyDict_GET_SIZE(rest)) {
        PyObject *keys = PyDict_Keys(rest);
        if (keys) PyErr_Format(PyExc_ValueError, "Got unexpected field names: %R", keys);
        Py_XDECREF(keys);
        goto done;
    }
    r = PyObject_Call((PyObject *)Py_TYPE(self), vals, NULL);
done:
    Py_XDECREF(rest);
    Py_XDECREF(vals);
    return r;
}

/* _make(iterable): classmethod, as the namedtuple's */
static PyObject *span_make_cls(PyObject *cls, PyObject *iterable) {
    PyObject *t = PySequence_Tuple(iterable), *r;
    if (!t) return NULL;
    if (PyTuple_GET_SIZE(t) != NFIELDS) {
        PyErr_Format(PyExc_TypeError, "Expected %d arguments, got %zd", NFIELDS, PyTuple_GET_SIZE(t));
        Py_DECREF(t);
        return NULL;
    }
    r = PyObject_Call(cls, t, NULL);
    Py_DECREF(t);
    return r;
}

static PyObject *span_count(PyObject *self, PyObject *x) {
    PyObject *t = astuple((Span *)self);
    if (!t) return NULL;
    Py_ssize_t n = PySequence_Count(t, x);
    Py_DECREF(t);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *call_index(PyObject *t, PyObject *args) {
    PyObject *m = PyObject_GetAttrString(t, "index"), *r;
    if (!m) return NULL;
    r = PyObject_Call(m, args, NULL);
    Py_DECREF(m);
    return r;
}

static PyObject *span_index(PyObject *self, PyObject *args) { return via_tuple(self, call_index, args); }

static PyMethodDef span_methods[] = {
    {"__getnewargs__", span_getnewargs, METH_NOARGS, NULL},
    {"__reduce__", span_reduce, METH_NOARGS, NULL},
    {"_asdict", span_asdict, METH_NOARGS, "A new dict which maps field names to their values."},
    {"_replace", (PyCFunction)(void (*)(void))span_replace, METH_VARARGS | METH_KEYWORDS,
     "Return a new Span object replacing specified fields with new values"},
    {"_make", span_make_cls, METH_O | METH_CLASS, "Make a new Span object from a sequence or iterable"},
    {"count", span_count, METH_O, "Return number of occurrences of value."},
    {"index", span_index, METH_VARARGS, "Return first index of value."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods span_as_sequence = {
    .sq_length = span_length,
    .sq_concat = span_concat,
    .sq_repeat = span_repeat,
    .sq_item = span_item,
    .sq_contains = span_contains,
};

static PyMappingMethods span_as_mapping = {
    .mp_length = span_length,
    .mp_subscript = span_subscript,
};

static PyTypeObject SpanType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "newsgraph.Span",
    .tp_basicsize = sizeof(Span),
    .tp_dealloc = (destructor)span_dealloc,
    .tp_repr = span_repr,
    .tp_as_sequence = &span_as_sequence,
    .tp_as_mapping = &span_as_mapping,
    .tp_hash = span_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Span(start, end, text, label, id, name, flags)\n\n"
              "A tagged span: text[start:end] == text (character offsets),\n"
              "label the entity type (PER, ORG, LOC, EVENT ...), id and name the entity's,\n"
              "flags the NG_MATCH_* bits (newsgraph.INFLECTED, AMBIGUOUS, RULE, PARTIAL,\n"
              "OVERLAP, NOMINATIVE).",
    .tp_richcompare = span_richcompare,
    .tp_iter = span_iter,
    .tp_methods = span_methods,
    .tp_getset = span_getset,
    .tp_new = span_new,
};

/* ---- build ---- */

/* Span texts repeat (one place is named hundreds of times in a large text):
 * a table of recent texts by their bytes gives the same str object again
 * instead of decoding and allocating it anew. Its size follows the number
 * of spans, up to TEXT_SLOTS (a 100 MB news text: 297k spans, 21k distinct
 * texts, decoded 84k times with 4,096 slots, 35k times with 16,384). */
enum { TEXT_SLOTS = 16384, PREFETCH = 16 };
typedef struct tslot { const char *p; Py_ssize_t n; PyObject *s; } tslot;

static uint64_t fnv(const char *p, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h;
}

static void release(tslot *cache, Py_ssize_t slots) {
    if (!cache) return;
    for (Py_ssize_t i = 0; i < slots; i++) Py_XDECREF(cache[i].s);
    PyMem_Free(cache);
}

static PyObject *build(PyObject *self, PyObject *args) {
    (void)self;
    unsigned long long caddr, raddr;
    Py_ssize_t n, nents, size;
    if (!PyArg_ParseTuple(args, "KnnKn", &caddr, &n, &nents, &raddr, &size)) return NULL;
    if (n < 0 || nents < 0 || size < 0) {
        PyErr_SetString(PyExc_ValueError, "newsgraph._spans.build: bad arguments");
        return NULL;
    }
    const int64_t *col = (const int64_t *)(uintptr_t)caddr;
    const char *raw = (const char *)(uintptr_t)raddr;
    Py_ssize_t slots = 64;
    while (slots < n && slots < TEXT_SLOTS) slots *= 2;
    tslot *cache = PyMem_Calloc((size_t)slots, sizeof *cache);
    if (!cache) return PyErr_NoMemory();
    chunk *cur = NULL;   /* the chunk being filled, 'used' of its slots */
    Py_ssize_t used = 0;
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
#if defined(__GNUC__) || defined(__clang__)
        /* the text of a span some spans ahead: a hundred bytes apart or
         * more, each read is a cache miss of its own, which this overlaps */
        if (i + PREFETCH < n) {
            int64_t ahead = col[2 * n + i + PREFETCH];
            if (ahead >= 0 && ahead < size) __builtin_prefetch(raw + ahead);
        }
#endif
        Py_ssize_t len = (Py_ssize_t)(be - bs);
        tslot *c = &cache[fnv(p, len) & (slots - 1)];
        if (c->s && c->n == len && !memcmp(c->p, p, (size_t)len)) {
            t = c->s;
            Py_INCREF(t);
        } else if ((t = PyUnicode_DecodeUTF8(p, len, "surrogateescape"))) {
            Py_XDECREF(c->s);
            Py_INCREF(t);
            *c = (tslot){p, len, t};
        } else
            goto fail;
        /* (every field is set here) */
        Span *sp;
        if (n >= CHUNK_MIN && (cur || (cur = chunk_new()))) {
            sp = (Span *)((char *)cur + (used + 1) * sizeof(Span));
            (void)PyObject_Init((PyObject *)sp, &SpanType);
            sp->chunk = cur;
            cur->live++;
            if (++used == CHUNK_SLOTS) {
                chunk_release(cur);
                cur = NULL;
                used = 0;
            }
        } else if ((sp = PyObject_New(Span, &SpanType)))
            sp->chunk = NULL;
        else {
            Py_DECREF(t);
            goto fail;
        }
        sp->start = cs;
        sp->end = ce;
        sp->flags = col[4 * n + i];
        sp->text = t;
        PyObject **dst[3] = {&sp->label, &sp->id, &sp->name};
        for (int f = 0; f < 3; f++) {
            PyObject *o = PyList_GET_ITEM(ents, 3 * ord + f);
            Py_INCREF(o);
            *dst[f] = o;
        }
        PyList_SET_ITEM(out, i, (PyObject *)sp);
    }
    Py_DECREF(ents);
    release(cache, slots);
    if (cur) chunk_release(cur);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(ents);
    release(cache, slots);
    if (cur) chunk_release(cur);
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
    {"build", build, METH_VARARGS, "build(columns, n, nents, raw, size) -> list of Span"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_spans", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__spans(void) {
    if (PyType_Ready(&SpanType) < 0) return NULL;
    /* the namedtuple's class attributes */
    PyObject *fields = PyTuple_New(NFIELDS), *defaults = PyDict_New();
    if (!fields || !defaults) goto fail;
    for (Py_ssize_t i = 0; i < NFIELDS; i++) {
        PyObject *o = PyUnicode_InternFromString(FIELDS[i]);
        if (!o) goto fail;
        PyTuple_SET_ITEM(fields, i, o);
    }
    if (PyDict_SetItemString(SpanType.tp_dict, "_fields", fields) < 0 ||
        PyDict_SetItemString(SpanType.tp_dict, "__match_args__", fields) < 0 ||
        PyDict_SetItemString(SpanType.tp_dict, "_field_defaults", defaults) < 0)
        goto fail;
    Py_CLEAR(fields);
    Py_CLEAR(defaults);
    PyType_Modified(&SpanType);
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    Py_INCREF(&SpanType);
    if (PyModule_AddObject(m, "Span", (PyObject *)&SpanType) < 0) {
        Py_DECREF(&SpanType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
fail:
    Py_XDECREF(fields);
    Py_XDECREF(defaults);
    return NULL;
}
