"""newsgraph from Python: dictionary-driven named-entity tagging and the
co-occurrence graph, through ctypes over the C library libnewsgraph.so.

    import newsgraph
    tagger = newsgraph.Tagger()                  # shipped dictionaries
    for span in tagger.tag("Jens Stoltenberg visited Kyiv."):
        print(span.start, span.end, span.text, span.label, span.id)
    g = newsgraph.Graph("news.db")
    g.neighbors("Kyiv", top=5)                   # plain dicts and lists

Offsets are character offsets into the Python str (text[span.start:span.end]
== span.text). The library is called with the GIL released (ctypes), so
tag_many(texts, threads=N) tags on N cores. Errors raise NewsgraphError (or
a subclass) whose message is the library's "file:line:col: message".
"""
import collections
import collections.abc
import ctypes
import functools
import gc
import itertools
import os
import mmap
import threading

__all__ = ["Tagger", "Graph", "Span", "NewsgraphError", "ParseError", "NotFoundError",
           "AmbiguousError", "version", "library_version", "INFLECTED", "AMBIGUOUS", "RULE",
           "PARTIAL", "OVERLAP", "NOMINATIVE"]

_HERE = os.path.dirname(os.path.abspath(__file__))

# ng_match flags (tagger/tagger.h NG_MATCH_*)
INFLECTED, AMBIGUOUS, RULE, PARTIAL, OVERLAP, NOMINATIVE = 1, 2, 4, 8, 16, 32
_TAG_ALL, _TAG_NO_INFLECT, _TAG_NO_RULES, _TAG_NO_PARTIAL, _TAG_NO_CONTEXT = 1, 2, 4, 8, 16
_TAG_NO_ORG_RULES, _TAG_NO_ACRONYMS, _TAG_NO_PLACE_RULES, _TAG_NO_SURNAMES = 32, 64, 128, 256
_SPAN_FIELDS = 9  # bind.h NG_SPAN_FIELDS

_E_NOMEM, _E_IO, _E_PARSE, _E_FORMAT = -1, -2, -3, -4
_E_ARG, _E_NOTFOUND, _E_AMBIGUOUS = -6, -9, -12


class NewsgraphError(Exception):
    """A library error: .code (NG_E_*), .file, .line, .col, .message; str()
    is "file:line:col: message" as the CLI prints it."""

    def __init__(self, text, code=0, file="", line=0, col=0, message=""):
        super().__init__(text)
        self.code, self.file, self.line, self.col, self.message = code, file, line, col, message


class ParseError(NewsgraphError, ValueError):
    """Malformed input (a dictionary line, a JSON argument)."""


class NotFoundError(NewsgraphError, LookupError):
    """No such entity, article or file."""


class AmbiguousError(NewsgraphError, LookupError):
    """A name that designates several entities (the candidates are in the message)."""


class _Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("file", ctypes.c_char * 512), ("line", ctypes.c_long),
                ("col", ctypes.c_long), ("msg", ctypes.c_char * 512)]


def _library_candidates():
    """In order; a generator, so that find_library (which runs ldconfig or a
    compiler: tens of milliseconds) runs only when the bundled copy is not
    there."""
    env = os.environ.get("NEWSGRAPH_LIBRARY")
    if env:
        yield env
        return
    yield os.path.join(_HERE, "_lib", "libnewsgraph.so.0")
    import ctypes.util   # (it imports subprocess: only when needed)
    found = ctypes.util.find_library("newsgraph")
    if found:
        yield found
    yield "libnewsgraph.so.0"
    yield "/usr/local/lib/libnewsgraph.so.0"


def _load():
    errors = []
    for path in _library_candidates():
        if os.sep in path and not os.path.exists(path):
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            errors.append(str(e))
    raise ImportError("newsgraph: libnewsgraph.so not found (install it with 'make install', "
                      "or set NEWSGRAPH_LIBRARY): " + "; ".join(errors))


_lib, _lib_path = _load()
try:   # the optional C helper that builds the spans (tools/python/spans.c)
    from . import _spans
except ImportError:
    _spans = None
_P = ctypes.c_void_p
_S = ctypes.c_char_p
_E = ctypes.POINTER(_Error)


def _fn(name, res, *args):
    f = getattr(_lib, name)
    f.restype, f.argtypes = res, list(args)
    return f


_fn("ng_version", _S)
_fn("ng_strerror", _S, ctypes.c_int)
_fn("ng_error_format", _S, _E, ctypes.c_char_p, ctypes.c_size_t)
_fn("ng_dict_open", ctypes.c_int, _S, ctypes.POINTER(_P), _E)
_fn("ng_dict_is_image", ctypes.c_int, _S)
_fn("ng_dict_free", None, _P)
_fn("ng_dict_check_types", ctypes.c_int, _P, _S, _P, _S, _E)
_fn("ng_dict_entity_count", ctypes.c_size_t, _P)
_fn("ng_dict_builder_new", _P)
_fn("ng_dict_builder_free", None, _P)
_fn("ng_dict_builder_add_file", ctypes.c_int, _P, _S, _E)
_fn("ng_dict_builder_finish", ctypes.c_int, _P, ctypes.POINTER(_P), _E)
_fn("ng_namelist_new", _P)
_fn("ng_namelist_free", None, _P)
_fn("ng_namelist_add_file", ctypes.c_int, _P, _S, _E)
_fn("ng_tagger_new", _P, ctypes.POINTER(_P), ctypes.c_size_t, ctypes.c_uint)
_fn("ng_tagger_free", None, _P)
_fn("ng_tagger_set_names", ctypes.c_int, _P, _P)
_fn("ng_tagger_set_threads", ctypes.c_int, _P, ctypes.c_uint)
_fn("ng_tagger_tag", ctypes.c_int, _P, _P, ctypes.c_size_t, ctypes.POINTER(_P),
    ctypes.POINTER(ctypes.c_size_t))
_fn("ng_tagger_tag_doc", ctypes.c_int, _P, ctypes.POINTER(_P), ctypes.POINTER(ctypes.c_size_t), ctypes.c_size_t,
    ctypes.POINTER(_P), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_size_t))
_fn("ng_spans", ctypes.c_int, _P, ctypes.c_size_t, _P, ctypes.c_size_t, _P)
_fn("ng_spans_valid", ctypes.c_int, _P, ctypes.c_size_t, _P, ctypes.c_size_t, _P)
_fn("ng_store_open", ctypes.c_int, _S, ctypes.c_uint, ctypes.POINTER(_P), _E)
_fn("ng_store_close", None, _P)
_fn("ng_query_json", ctypes.c_int, _P, _S, _S, ctypes.POINTER(_P), _E)
_fn("ng_free", None, _P)

#: version of the Python module (that of the library it was built with)
version = "0.1.0"


def library_version():
    """The version of the loaded libnewsgraph (ng_version())."""
    return _lib.ng_version().decode()


def _raise(rc, err=None):
    if err is not None and err.code:
        buf = ctypes.create_string_buffer(1400)
        text = _lib.ng_error_format(ctypes.byref(err), buf, len(buf)).decode("utf-8", "replace")
        args = (rc, err.file.decode("utf-8", "replace"), err.line, err.col, err.msg.decode("utf-8", "replace"))
    else:
        text = _lib.ng_strerror(rc).decode()
        args = (rc, "", 0, 0, text)
    cls = {_E_PARSE: ParseError, _E_FORMAT: ParseError, _E_NOTFOUND: NotFoundError,
           _E_AMBIGUOUS: AmbiguousError}.get(rc, NewsgraphError)
    if rc == _E_NOMEM:
        raise MemoryError(text)
    raise cls(text, *args)


def _check(rc, err=None):
    if rc != 0:
        _raise(rc, err)


def _enc(s):
    return os.fsencode(s) if isinstance(s, (str, bytes, os.PathLike)) else s


def _unescape_id(k):
    """An entity id as the export escaped it, back as it is stored."""
    out, i = bytearray(), 0
    while i < len(k):
        if k[i] == "\\" and k[i + 1:i + 2] == "\\":
            out += b"\\"
            i += 2
        elif k[i] == "\\" and k[i + 1:i + 2] == "x" and len(k) >= i + 4:
            out.append(int(k[i + 2:i + 4], 16))
            i += 4
        else:
            out += k[i].encode("utf-8", "surrogatepass")
            i += 1
    return out.decode("utf-8", "surrogateescape")


def _types(v):
    """types= as a list or tuple of types, or the CLI's "PER,ORG"."""
    return ",".join(v) if isinstance(v, (list, tuple, set, frozenset)) and all(isinstance(t, str) for t in v) else v


def _day(v):
    """A datetime.date or datetime.datetime as its day (YYYY-MM-DD); other
    values as they are (strings are checked by the library)."""
    import datetime
    if isinstance(v, datetime.datetime):
        v = v.date()
    return v.isoformat() if isinstance(v, datetime.date) else v


class _Dict:
    """One loaded ng_dict (freed when no tagger uses it any more)."""

    def __init__(self, ptr):
        self.ptr = ptr

    def __del__(self):
        if self.ptr and _lib is not None:
            _lib.ng_dict_free(self.ptr)
            self.ptr = None


class _Names:
    def __init__(self, ptr):
        self.ptr = ptr

    def __del__(self):
        if self.ptr and _lib is not None:
            _lib.ng_namelist_free(self.ptr)
            self.ptr = None


# Loaded dictionaries and name lists, shared by every Tagger of the process:
# a compiled image is opened (memory-mapped) once per (path, mtime, size).
_cache = {}
_cache_lock = threading.Lock()


def _key(paths):
    k = []
    for p in paths:
        st = os.stat(p)
        k.append((os.path.realpath(p), st.st_mtime_ns, st.st_size))
    return tuple(k)


def _open_image(path):
    key = ("image",) + _key([path])
    with _cache_lock:
        d = _cache.get(key)
        if d is None:
            out, err = _P(), _Error()
            _check(_lib.ng_dict_open(_enc(path), ctypes.byref(out), ctypes.byref(err)), err)
            d = _cache[key] = _Dict(out.value)
        return d


def _compile_tsv(paths):
    key = ("tsv",) + _key(paths)
    with _cache_lock:
        d = _cache.get(key)
        if d is None:
            b, err, out = _lib.ng_dict_builder_new(), _Error(), _P()
            if not b:
                raise MemoryError("newsgraph: out of memory")
            try:
                for p in paths:
                    _check(_lib.ng_dict_builder_add_file(b, _enc(p), ctypes.byref(err)), err)
                _check(_lib.ng_dict_builder_finish(b, ctypes.byref(out), ctypes.byref(err)), err)
            finally:
                _lib.ng_dict_builder_free(b)
            d = _cache[key] = _Dict(out.value)
        return d


def _open_names(path):
    key = ("names", os.path.realpath(path))
    with _cache_lock:
        n = _cache.get(key)
        if n is None:
            ptr, err = _lib.ng_namelist_new(), _Error()
            if not ptr:
                raise MemoryError("newsgraph: out of memory")
            n = _Names(ptr)
            _check(_lib.ng_namelist_add_file(ptr, _enc(path), ctypes.byref(err)), err)
            _cache[key] = n
        return n


def shipped_data():
    """Where the shipped dictionaries are: (compiled image or None, TSV
    directory or None, given-name lists or None: compiled names.ngn, else a
    directory). Search order:
    $NEWSGRAPH_DICTIONARIES (a directory of TSV, as for the CLI); the data
    installed with this package; share/newsgraph next to the library's
    lib/ directory; a build tree (the library's directory)."""
    env = os.environ.get("NEWSGRAPH_DICTIONARIES")
    if env:
        names = os.path.join(env, "names")
        return None, env, names if os.path.isdir(names) else None
    libdir = os.path.dirname(os.path.realpath(_lib_path)) if os.sep in _lib_path else ""
    places = [os.path.join(_HERE, "_data")]
    if libdir:
        places += [os.path.join(libdir, "..", "share", "newsgraph"), libdir]
    places += ["/usr/local/share/newsgraph", "/usr/share/newsgraph"]
    for p in places:
        img = os.path.join(p, "shipped.ngd")
        if os.path.isfile(img):
            for n in (os.path.join(p, "names.ngn"), os.path.join(p, "names"), os.path.join(p, "dictionaries", "names"),
                      os.path.join(p, "..", "dictionaries", "names")):
                if os.path.isdir(n) or n.endswith(".ngn") and os.path.isfile(n):
                    return img, None, n
            return img, None, None
    return None, None, None


# A tagged span. Without the C helper, this namedtuple; with it, the
# helper's Span type (tools/python/spans.c): the same fields and behaviour
# (indexing, unpacking, ==, < and hash as the tuple of its fields, repr,
# pickling, _asdict, _replace, _make) in one object of 80 bytes instead of a
# tuple and two ints, not a tuple subclass (tuple(span) is one).
_TupleSpan = collections.namedtuple("Span", "start end text label id name flags")
_TupleSpan.__doc__ = """A tagged span: text[start:end] == text (character offsets),
label the entity type (PER, ORG, LOC, EVENT ...), id and name the entity's,
flags the NG_MATCH_* bits (newsgraph.INFLECTED, AMBIGUOUS, RULE, PARTIAL,
OVERLAP, NOMINATIVE)."""
if _spans is not None:
    Span = _spans.Span
    collections.abc.Sequence.register(Span)   # as a namedtuple is
else:
    Span = _TupleSpan
_new_span = functools.partial(tuple.__new__, _TupleSpan)   # namedtuple Span from a 7-tuple, in C


class Tagger:
    """Tags text with the shipped dictionaries (shipped=True) and the files
    in 'dicts' (compiled images, .ngd, are memory-mapped; TSV files are
    compiled together in memory), each loaded once per process and shared.

    names: given-name lists of the person rules (a file, or a directory of
    given*.txt) instead of the shipped ones (with shipped=False, the only
    ones). Options: inflect, rules, partial, context, org_rules, acronyms, place_rules, surnames (the
    tagger's features, all on by default, as for 'newsgraph tag'); all=True reports overlapping
    candidates too; threads=N lets one large text be tagged by N threads.
    A Tagger may be used from several threads at once."""

    def __init__(self, dicts=(), shipped=True, *, names=None, inflect=True, rules=True, partial=True,
                 context=True, org_rules=True, acronyms=True, place_rules=True, surnames=True, all=False,
                 threads=1):
        if isinstance(dicts, (str, bytes, os.PathLike)):
            dicts = [dicts]
        self._dicts, self._names, labels = [], None, []
        if shipped:
            img, tsvdir, shipped_names = shipped_data()
            labels.append("the shipped dictionaries")
            if img:
                self._dicts.append(_open_image(img))
            elif tsvdir:
                files = sorted(os.path.join(tsvdir, f) for f in os.listdir(tsvdir) if f.endswith(".tsv"))
                if not files:
                    raise NewsgraphError("newsgraph: %s: no dictionary files (*.tsv)" % tsvdir, _E_ARG)
                self._dicts.append(_compile_tsv(files))
            else:
                raise NewsgraphError("newsgraph: shipped dictionaries not found (set NEWSGRAPH_DICTIONARIES "
                                     "or use shipped=False)", _E_IO)
            if shipped_names and names is None:   # names=: instead of the shipped lists
                self._names = _open_names(shipped_names)
        if names is not None:
            self._names = _open_names(os.fsdecode(names))
        tsv = []
        for p in dicts:
            img = _lib.ng_dict_is_image(_enc(p))
            if img < 0:
                raise NotFoundError("%s: cannot read dictionary" % os.fsdecode(p), _E_IO, os.fsdecode(p), 0, 0,
                                    "cannot read dictionary")
            if img:
                self._dicts.append(_open_image(p))
                labels.append(os.fsdecode(p))
            else:
                tsv.append(p)
        if tsv:
            self._dicts.append(_compile_tsv(tsv))
            labels.append(", ".join(os.fsdecode(p) for p in tsv))
        # one id is one entity: the same type in every dictionary (as the CLI)
        for i in range(len(self._dicts)):
            for j in range(i + 1, len(self._dicts)):
                err = _Error()
                _check(_lib.ng_dict_check_types(self._dicts[i].ptr, labels[i].encode(), self._dicts[j].ptr,
                                                labels[j].encode(), ctypes.byref(err)), err)
        self._flags = ((_TAG_ALL if all else 0) | (0 if inflect else _TAG_NO_INFLECT) |
                       (0 if rules else _TAG_NO_RULES) | (0 if partial else _TAG_NO_PARTIAL) |
                       (0 if context else _TAG_NO_CONTEXT) | (0 if org_rules else _TAG_NO_ORG_RULES) |
                       (0 if acronyms else _TAG_NO_ACRONYMS) | (0 if place_rules else _TAG_NO_PLACE_RULES) |
                       (0 if surnames else _TAG_NO_SURNAMES))
        self._threads = max(1, int(threads))
        self._array = (_P * max(1, len(self._dicts)))(*[d.ptr for d in self._dicts])
        self._free, self._all, self._lock = [], [], threading.Lock()

    # ng_tagger handles: one per concurrent caller (a handle is not thread-safe)
    def _take(self):
        with self._lock:
            if self._free:
                return self._free.pop()
        t = _lib.ng_tagger_new(self._array, len(self._dicts), self._flags)
        if not t:
            raise MemoryError("newsgraph: out of memory")
        if self._names is not None:
            _check(_lib.ng_tagger_set_names(t, self._names.ptr))
        if self._threads > 1:
            _check(_lib.ng_tagger_set_threads(t, self._threads))
        with self._lock:
            self._all.append(t)
        return t

    def _give(self, t):
        with self._lock:
            self._free.append(t)

    def close(self):
        """Frees the tagging state (also done when the Tagger is collected)."""
        with self._lock:
            for t in self._all:
                _lib.ng_tagger_free(t)
            self._all, self._free = [], []

    def __del__(self):
        if _lib is not None and getattr(self, "_all", None):
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _tag(self, buf, size, text=None, raw=None):
        """Tags 'size' bytes at 'buf' (bytes or an address); span texts are
        slices of the str 'text', or else decoded from the bytes 'raw'."""
        t = self._take()
        try:
            out, n, bad = _P(), ctypes.c_size_t(), ctypes.c_size_t()
            texts, lens = (_P * 1)(buf if isinstance(buf, int) else ctypes.cast(buf, _P)), (ctypes.c_size_t * 1)(size)
            _check(_lib.ng_tagger_tag_doc(t, texts, lens, 1, ctypes.byref(out), ctypes.byref(n), ctypes.byref(bad)))
            n = n.value
            if not n:
                return []
            arr = (ctypes.c_int64 * (_SPAN_FIELDS * n))()
            # (no invalid byte: characters counted 8 bytes at a time)
            _check((_lib.ng_spans if bad.value else _lib.ng_spans_valid)(buf, size, out, n, arr))
            if _spans is not None:
                # in C, while the tagger's strings are valid (the same list;
                # its Spans are not the collector's: no pause needed); span
                # texts decoded from the bytes tagged, for a str too (the
                # same characters: its surrogateescape encoding): repeated
                # texts then share one str, where slices of the str would
                # each be a new one
                return _spans.build(ctypes.addressof(arr), n, n,
                                    buf if isinstance(buf, int) else ctypes.cast(buf, _P).value, size)
            # the strings belong to the tagger until its next call: read them now
            # (ng_spans writes one column of n after another)
            mv = memoryview(arr).cast("B").cast("q")
            col = lambda f: mv[f * n:(f + 1) * n].tolist()
            starts, ends, flags, ords = col(0), col(1), col(4), col(5)
            # each entity's strings once, in order of first appearance
            # (ordinals appear in increasing order: each index() scan, in C,
            # starts where the previous one stopped)
            labels, ids, names = [], [], []
            i = 0
            for k in range(max(ords) + 1):
                i = ords.index(k, i)
                ids.append(_str(mv[6 * n + i]))
                labels.append(_str(mv[7 * n + i]))
                names.append(_str(mv[8 * n + i]))
            if text is None:
                bss, bes = col(2), col(3)
            del col
            mv.release()
        finally:
            self._give(t)
        # spans built by C-level iteration only (map, zip, slice, partial)
        if text is not None:
            texts = map(text.__getitem__, map(slice, starts, ends))
        else:
            # (slices of a mapped file are bytes, of a bytearray bytearrays)
            texts = map(bytes.decode if isinstance(raw, mmap.mmap) else bytearray.decode,
                        map(raw.__getitem__, map(slice, bss, bes)),
                        itertools.repeat("utf-8"), itertools.repeat("surrogateescape"))
        # (the collector off while the spans are made: they hold no cycles, and
        # hundreds of thousands of new tuples would run it again and again)
        collect = gc.isenabled()
        gc.disable()
        try:
            fields = (starts, ends, texts, map(labels.__getitem__, ords), map(ids.__getitem__, ords),
                      map(names.__getitem__, ords), flags)
            if Span is _TupleSpan:
                return list(map(_new_span, zip(*fields)))
            return list(map(Span, *fields))   # (the helper's type, _spans set aside)
        finally:
            if collect:
                gc.enable()

    def tag(self, text):
        """The spans of 'text' (a str) in order, as a list of Span."""
        if not isinstance(text, str):
            raise TypeError("tag() takes a str, not %s" % type(text).__name__)
        b = _spans.encode(text) if _spans is not None else text.encode("utf-8", "surrogateescape")
        return self._tag(b, len(b), text=text)

    def tag_file(self, path):
        """The spans of a UTF-8 text file tagged as one text, with character
        offsets into open(path, encoding="utf-8", newline="",
        errors="surrogateescape").read(), without decoding the file into a
        str (its bytes are tagged as read): the fast way to tag a large file."""
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            # a regular file is mapped, privately (its pages are read as
            # tagged, never copied); anything else is read
            mm = None
            if size:
                try:
                    mm = mmap.mmap(f.fileno(), 0, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ | mmap.PROT_WRITE)
                except (OSError, ValueError):
                    mm = None
            if mm is not None:
                view = (ctypes.c_char * len(mm)).from_buffer(mm)
                try:
                    return self._tag(ctypes.addressof(view), len(mm), raw=mm)
                finally:
                    del view
                    mm.close()
            raw = bytearray(f.read())   # to the end: a pipe's size says nothing
        if not raw:
            return []
        view = (ctypes.c_char * len(raw)).from_buffer(raw)
        try:
            return self._tag(ctypes.addressof(view), len(raw), raw=raw)
        finally:
            del view

    def tag_many(self, texts, threads=1):
        """Tags every str of the iterable 'texts' on 'threads' threads (the GIL
        is released while the library tags) and yields their span lists in
        the order of the input. At most 4 x threads texts are read ahead."""
        threads = max(1, int(threads))
        if threads == 1:
            for x in texts:
                yield self.tag(x)
            return
        from concurrent.futures import ThreadPoolExecutor
        ahead = collections.deque()
        with ThreadPoolExecutor(max_workers=threads) as ex:
            for x in texts:
                ahead.append(ex.submit(self.tag, x))
                if len(ahead) >= 4 * threads:
                    yield ahead.popleft().result()
            while ahead:
                yield ahead.popleft().result()


def _str(p, _sa=ctypes._string_at if hasattr(ctypes, "_string_at") else ctypes.string_at):
    return _sa(p, -1).decode("utf-8", "replace")


_STORE_READONLY = 1
_EXPORT_GRAPHML = 0


class Graph:
    """Read-side queries on a graph database written by 'newsgraph ingest'.
    Results are plain dicts and lists (the JSON of 'newsgraph ... --json').
    Entity arguments are looked up as the CLI does (id, name, alias, case
    form, surname). Errors: NotFoundError, AmbiguousError, NewsgraphError."""

    def __init__(self, path):
        out, err = _P(), _Error()
        _check(_lib.ng_store_open(_enc(path), _STORE_READONLY, ctypes.byref(out), ctypes.byref(err)), err)
        self._s, self._lock, self.db = out.value, threading.Lock(), os.fspath(path)

    def close(self):
        with self._lock:
            if self._s:
                _lib.ng_store_close(self._s)
                self._s = None

    def __del__(self):
        if _lib is not None and getattr(self, "_s", None):
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _q(self, name, **args):
        import json   # (here: tagging alone never pays for importing it)
        a = json.dumps({k: _day(v) if k in ("since", "until") else _types(v) if k == "types" else v
                        for k, v in args.items() if v is not None}).encode()
        out, err = _P(), _Error()
        with self._lock:
            if not self._s:
                raise NewsgraphError("newsgraph: the graph is closed", _E_ARG)
            rc = _lib.ng_query_json(self._s, name.encode(), a, ctypes.byref(out), ctypes.byref(err))
        if rc:
            _raise(rc, err)
        try:
            return json.loads(ctypes.string_at(out.value).decode("utf-8"))
        finally:
            _lib.ng_free(out.value)

    def neighbors(self, entity, top=None, by=None, min_count=None, since=None, until=None, types=None):
        """{"entity", "window", "neighbors": [{"id","name","type","count","articles","npmi",...}]}"""
        return self._q("neighbors", entity=entity, top=top, by=by, min_count=min_count, since=since,
                       until=until, types=types)

    def evidence(self, a, b, limit=10):
        """{"a", "b", "evidence": [{"article","title","snippet",...}], "total"}"""
        return self._q("evidence", a=a, b=b, limit=limit)

    def path(self, a, b, evidence=1, since=None, until=None, types=None):
        """{"from", "to", "length", "hops": [...]}; NotFoundError if unconnected."""
        return self._q("path", a=a, b=b, evidence=evidence, since=since, until=until, types=types)

    def top(self, by="degree", n=20, sources=None, since=None, until=None, types=None):
        """{"by", "entities": [{"id","name","type","score","degree","strength"}]}"""
        return self._q("top", by=by, n=n, sources=sources, since=since, until=until, types=types)

    def entity(self, entity, top=10):
        """{"id","type","name","aliases","mentions","articles",...,"neighbors"}"""
        return self._q("entity", entity=entity, top=top)

    def stats(self):
        return self._q("stats")

    def communities(self, resolution=None, seed=None, iterations=None, min_count=None,
                    max_communities=None, max_members=None, since=None, until=None, types=None):
        return self._q("communities", resolution=resolution, seed=seed, iterations=iterations,
                       min_count=min_count, max_communities=max_communities, max_members=max_members,
                       since=since, until=until, types=types)

    def duplicates(self, names=True):
        """People the graph holds twice: a short form of a name ("R. Croft",
        "Croft") and the full names it may stand for ("Robert Croft"), and
        full names in two spellings of the given name ('newsgraph entity
        duplicates --json'): {"count", "groups": [{"entity", "form", "unique",
        "candidates": [{..., "shared_neighbors"}]}]}. 'names': the given-name
        lists ingest used (True: the shipped ones, as the CLI's default; a
        path; None: none). Nothing is merged."""
        if names is True:
            names = shipped_data()[2]
        return self._q("duplicates", names=os.fspath(names) if names else None)

    def to_networkx(self, min_weight=1, top_edges=0, since=None, until=None, types=None):
        """The graph as a networkx.Graph (needs networkx): node keys are entity
        ids with attributes name, type, mentions, ...; edges carry weight,
        count, articles, npmi. Goes through the GraphML export."""
        if not self._s:
            raise NewsgraphError("newsgraph: the graph is closed", _E_ARG)
        import networkx
        import tempfile
        with tempfile.TemporaryDirectory(prefix="newsgraph-") as d:
            path = os.path.join(d, "g.graphml")
            # (through the JSON queries: dates and types are checked and
            # completed as for neighbors(), and as the CLI does)
            self._q("export", path=path, min_weight=min_weight, top_edges=top_edges,
                    since=since, until=until, types=types)
            g = networkx.read_graphml(path)
        # the export escapes ids reversibly (a backslash doubled, \xHH):
        # node keys and entity_id are the ids neighbors() and entity() give
        esc = {k: _unescape_id(k) for k in g.nodes if "\\" in k}
        for k, v in esc.items():
            g.nodes[k]["entity_id"] = v
        return networkx.relabel_nodes(g, esc, copy=False) if esc else g
