"""Tests of the Python module newsgraph (run by tests/cli/python.sh with the
staged package on PYTHONPATH; NG is the newsgraph binary, NG_TEST_DB a
database ingested from tests/data/graph/articles.jsonl, ROOT the source tree)."""
import ctypes
import gc
import inspect
import json
import os
import subprocess
import tempfile
import threading
import unittest

import newsgraph

ROOT = os.environ.get("ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NG = os.environ.get("NG")
DB = os.environ.get("NG_TEST_DB")


def cli_json(*args):
    return json.loads(subprocess.run([NG, *args], check=True, capture_output=True).stdout)


class TestVersion(unittest.TestCase):
    def test_versions_agree(self):
        with open(os.path.join(ROOT, "tagger", "version.h")) as f:
            nums = {w[1]: w[2] for w in (l.split() for l in f) if len(w) == 3 and w[1].startswith("NG_VERSION_")}
        want = "%s.%s.%s" % (nums["NG_VERSION_MAJOR"], nums["NG_VERSION_MINOR"], nums["NG_VERSION_PATCH"])
        self.assertEqual(newsgraph.library_version(), want)
        self.assertEqual(newsgraph.version, want)


class TestTagger(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.t = newsgraph.Tagger()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dict = os.path.join(cls.tmp.name, "mine.tsv")
        with open(cls.dict, "w", encoding="utf-8") as f:
            f.write("zorblat\tORG\tZorblat Industries\tZorblat|Зорблат\n")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_character_offsets(self):
        # astral characters (4 bytes, 1 character), Cyrillic (2 bytes), a case form
        text = "🙂🙂 Йенс Столтенберг приїхав до Києва. Jens Stoltenberg visited Kyiv."
        spans = self.t.tag(text)
        got = [(s.start, s.end, s.text, s.label, s.id) for s in spans]
        self.assertEqual(got, [(3, 19, "Йенс Столтенберг", "PER", "jens-stoltenberg"),
                               (31, 36, "Києва", "LOC", "ua-kyiv"),
                               (38, 54, "Jens Stoltenberg", "PER", "jens-stoltenberg"),
                               (63, 67, "Kyiv", "LOC", "ua-kyiv")])
        for s in spans:
            self.assertEqual(text[s.start:s.end], s.text)
        self.assertEqual(spans[1].name, "Kyiv")
        self.assertTrue(spans[1].flags & newsgraph.INFLECTED)
        self.assertFalse(spans[3].flags & newsgraph.INFLECTED)

    def test_same_matches_as_cli(self):
        # the Python spans are the CLI's matches with byte offsets turned into characters
        text = "Президент Володимир Зеленський зустрівся з Emmanuel Macron у Парижі.\n\nNATO і ЄС 🙂 Kyiv."
        p = os.path.join(self.tmp.name, "a.txt")
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        out = subprocess.run([NG, "tag", "--format", "jsonl", p], check=True, capture_output=True).stdout
        ents = json.loads(out)["entities"]
        b = text.encode()
        want = [(len(b[:e["start"]].decode()), len(b[:e["end"]].decode()), e["type"], e["id"], e["name"])
                for e in ents]
        got = [(s.start, s.end, s.label, s.id, s.name) for s in self.t.tag(text)]
        self.assertTrue(want)
        self.assertEqual(got, want)

    def test_own_dictionary_without_shipped(self):
        t = newsgraph.Tagger(dicts=[self.dict], shipped=False)
        spans = t.tag("Зорблат and Kyiv; Zorblat Industries.")
        self.assertEqual([(s.text, s.id, s.label) for s in spans],
                         [("Зорблат", "zorblat", "ORG"), ("Zorblat Industries", "zorblat", "ORG")])
        both = newsgraph.Tagger(dicts=self.dict)
        self.assertEqual([s.id for s in both.tag("Zorblat in Kyiv")], ["zorblat", "ua-kyiv"])

    def test_compiled_images_are_reused(self):
        a, b = newsgraph.Tagger(), newsgraph.Tagger(dicts=[self.dict])
        self.assertIs(a._dicts[0], b._dicts[0])   # the shipped image, mapped once
        image = newsgraph.shipped_data()[0]
        self.assertTrue(image.endswith("shipped.ngd"))
        c = newsgraph.Tagger(dicts=[image], shipped=False)
        self.assertIs(c._dicts[0], a._dicts[0])
        d1, d2 = newsgraph.Tagger(dicts=[self.dict], shipped=False), newsgraph.Tagger(dicts=[self.dict], shipped=False)
        self.assertIs(d1._dicts[0], d2._dicts[0])

    def test_tag_file_equals_tag(self):
        text = "Kyiv\r\nЙенс Столтенберг у Києві 🙂\nEmmanuel Macron\n"
        p = os.path.join(self.tmp.name, "f.txt")
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self.assertEqual(self.t.tag_file(p), self.t.tag(text))
        self.assertEqual(len(self.t.tag_file(p)), 4)
        empty = os.path.join(self.tmp.name, "empty.txt")
        open(empty, "w").close()
        self.assertEqual(self.t.tag_file(empty), [])
        # invalid bytes (one character each, as surrogateescape decodes them)
        raw = b"\xff\xfe Kyiv \xd0 Kyiv"
        with open(p, "wb") as f:
            f.write(raw)
        self.assertEqual(self.t.tag_file(p), self.t.tag(raw.decode("utf-8", "surrogateescape")))
        # a file that is not mapped (a pipe, whose size is 0) is read to its
        # end: the same spans (it gave none before)
        if hasattr(os, "mkfifo"):
            fifo = os.path.join(self.tmp.name, "fifo")
            os.mkfifo(fifo)
            def writer():
                with open(fifo, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
            w = threading.Thread(target=writer)
            w.start()
            got = self.t.tag_file(fifo)
            w.join()
            self.assertEqual(got, self.t.tag(text))

    def test_c_helper_builds_the_same_spans(self):
        # newsgraph._spans (tools/python/spans.c, built when Python's headers
        # are there) and the Python path give the same lists: str and file,
        # en/uk/ru, emoji, invalid bytes, spans sharing an entity
        self.assertIsNotNone(newsgraph._spans, "the C helper was not built (Debian: python3-dev)")
        text = "Kyiv\r\nЙенс Столтенберг у Києві 🙂 Kyiv\nEmmanuel Macron, Путин и Киев. Kyiv"
        raw = b"\xff\xfe Kyiv \xd0 \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 Kyiv"
        p = os.path.join(self.tmp.name, "c.txt")
        q = os.path.join(self.tmp.name, "c2.txt")
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        with open(q, "wb") as f:
            f.write(raw)
        with_c = [self.t.tag(text), self.t.tag_file(p), self.t.tag_file(q), list(self.t.tag_many([text, text], threads=2))]
        saved = newsgraph._spans
        newsgraph._spans = None
        try:
            without = [self.t.tag(text), self.t.tag_file(p), self.t.tag_file(q), list(self.t.tag_many([text, text], threads=2))]
        finally:
            newsgraph._spans = saved
        self.assertEqual(with_c, without)
        self.assertEqual(len(with_c[0]), 8)   # Kyiv, Йенс Столтенберг, Києві, Kyiv, Emmanuel Macron, Путин, Киев, Kyiv
        self.assertEqual(type(with_c[0][0]), newsgraph.Span)
        # the helper's spans are not the collector's (they hold only ints
        # and strs; tracked, every full collection walked them all)
        self.assertFalse(any(gc.is_tracked(s) for s in with_c[0] + with_c[1]))

    def test_c_helper_encodes_as_python(self):
        # newsgraph._spans.encode gives text.encode("utf-8", "surrogateescape")
        # for strs of every width (Latin-1, 2-byte, 4-byte), with ASCII runs
        # cut at every alignment, escaped bytes, and a surrogate it cannot
        # map (CPython's own error)
        self.assertIsNotNone(newsgraph._spans, "the C helper was not built (Debian: python3-dev)")
        enc = newsgraph._spans.encode
        parts = ["", "a", "Kyiv", "café", "Київ", "Києві ", "\u2019", "🙂", "\udcff", "\udc80", "\x7f\x80",
                 "é" * 9, "abcdefghijklmnop", "Ünïcödé", "€", "\U0010ffff", "\u07ff\u0800\uffff"]
        for pad in range(10):
            for a in parts:
                for b in parts:
                    text = "x" * pad + a + "abcdefgh" * (pad % 3) + b
                    self.assertEqual(enc(text), text.encode("utf-8", "surrogateescape"), repr(text))
        for bad in ["\ud800", "abc\udbff xyz", "Київ\ud83d", "🙂\udc7f"]:
            with self.assertRaises(UnicodeEncodeError) as want:
                bad.encode("utf-8", "surrogateescape")
            with self.assertRaises(UnicodeEncodeError) as got:
                enc(bad)
            self.assertEqual(str(got.exception), str(want.exception))
        with self.assertRaises(TypeError):
            enc(b"bytes")
        # tag() on each width gives the spans of tag_file on its encoding
        for text in ["Kyiv café Kyiv", "Kyiv \u2019Київ\u2019 Kyiv", "🙂 Kyiv \udcff Kyiv"]:
            p = os.path.join(self.tmp.name, "w.txt")
            with open(p, "wb") as f:
                f.write(text.encode("utf-8", "surrogateescape"))
            self.assertEqual(self.t.tag(text), self.t.tag_file(p))
            self.assertEqual([s.text for s in self.t.tag(text)], [text[s.start:s.end] for s in self.t.tag(text)])

    def test_tag_many_keeps_order(self):
        texts = ["Kyiv and Warsaw.", "Emmanuel Macron in Paris.", "nothing here", "Олаф Шольц у Берліні."] * 50
        want = [self.t.tag(x) for x in texts]
        self.assertEqual(list(self.t.tag_many(texts, threads=3)), want)
        self.assertEqual(list(self.t.tag_many(iter(texts), threads=1)), want)

    def test_tag_many_threads_share_tagger(self):
        # one Tagger used from several Python threads at once
        text = "Jens Stoltenberg visited Kyiv. " * 2000
        want = self.t.tag(text)
        res = []

        def work():
            res.append(self.t.tag(text) == want)

        th = [threading.Thread(target=work) for _ in range(4)]
        for x in th:
            x.start()
        for x in th:
            x.join()
        self.assertEqual(res, [True] * 4)

    def test_gil_released_while_tagging(self):
        # ctypes releases the GIL around calls through a CDLL (not a PyDLL)
        import ctypes
        self.assertFalse(newsgraph._lib._func_flags_ & ctypes._FUNCFLAG_PYTHONAPI)
        # and another thread runs while a large text is tagged
        text = "Jens Stoltenberg visited Kyiv. " * 40000
        done, ticks = threading.Event(), []

        def other():
            while not done.is_set():
                ticks.append(1)

        th = threading.Thread(target=other)
        th.start()
        try:
            spans = self.t.tag(text)
        finally:
            done.set()
            th.join()
        self.assertEqual(len(spans), 2 * 40000)
        self.assertGreater(len(ticks), 0)

    def test_options(self):
        text = "Столтенбергом"
        self.assertEqual([s.id for s in newsgraph.Tagger().tag(text)], ["jens-stoltenberg"])
        self.assertEqual(newsgraph.Tagger(inflect=False).tag(text), [])
        # the organisation rules and acronym definitions, each with its switch
        org = "Акції Brindlewick Holdings зросли. The Quillmoor Mining Ltd (QML) said QML would."
        by = lambda t: [(s.text, s.label) for s in t.tag(org)]
        self.assertEqual(by(newsgraph.Tagger()), [("Brindlewick Holdings", "ORG"), ("Quillmoor Mining Ltd", "ORG"),
                                                  ("QML", "ORG"), ("QML", "ORG")])
        self.assertEqual(by(newsgraph.Tagger(acronyms=False)), [("Brindlewick Holdings", "ORG"),
                                                                 ("Quillmoor Mining Ltd", "ORG")])
        self.assertEqual(by(newsgraph.Tagger(org_rules=False)), [])
        # the area rule, with its own switch
        area = "Жителі Бориспільського району."
        self.assertEqual([(s.text, s.label) for s in newsgraph.Tagger(org_rules=False).tag(area)],
                         [("Бориспільського району", "LOC")])
        self.assertEqual(newsgraph.Tagger(place_rules=False).tag(area), [])
        # rule U, a surname alone by its ending, with its own switch
        sur = "Тоді Левченко вперто опирався."
        self.assertEqual([(s.text, s.label) for s in newsgraph.Tagger().tag(sur)], [("Левченко", "PER")])
        self.assertEqual(newsgraph.Tagger(surnames=False).tag(sur), [])
        # names=: the person rules' given-name lists without the shipped dictionaries
        per = "Вчора Олександр Петренко прийшов."
        lists = newsgraph.shipped_data()[2]
        self.assertEqual(newsgraph.Tagger(shipped=False).tag(per), [])
        self.assertEqual([(s.text, s.id) for s in newsgraph.Tagger(shipped=False, names=lists).tag(per)],
                         [("Олександр Петренко", "per:oleksandr-petrenk")])
        # regression: names= was ignored with the shipped dictionaries (the
        # shipped lists took its place), and a missing path was not an error
        mine = os.path.join(self.tmp.name, "mynames.txt")
        with open(mine, "w", encoding="utf-8") as f:
            f.write("Zorblax\n")
        self.assertEqual([(s.text, s.label) for s in newsgraph.Tagger(names=mine).tag("Zorblax Petrenko said.")],
                         [("Zorblax Petrenko", "PER")])
        self.assertEqual(newsgraph.Tagger(names=mine).tag(per), [])   # instead of the shipped lists
        with self.assertRaises(newsgraph.NewsgraphError):
            newsgraph.Tagger(names=os.path.join(self.tmp.name, "no-such-file"))

    def test_one_id_one_type(self):
        # regression: the CLI refuses an id of the shipped dictionaries reused
        # with another type; the module tagged it under both types
        bad = os.path.join(self.tmp.name, "retyped.tsv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("ua-kyiv\tORG\tKyiv Org\tKyivco\n")
        with self.assertRaises(newsgraph.NewsgraphError) as cm:
            newsgraph.Tagger(dicts=[bad])
        self.assertIn("ua-kyiv", str(cm.exception))
        self.assertIn("one id is one entity", str(cm.exception))
        self.assertTrue(newsgraph.Tagger(dicts=[bad], shipped=False).tag("Kyivco"))

    def test_type_error(self):
        with self.assertRaises(TypeError):
            self.t.tag(b"Kyiv")

    def test_parse_error_has_location(self):
        bad = os.path.join(ROOT, "tests", "data", "dicts", "bad-columns.tsv")
        with self.assertRaises(newsgraph.ParseError) as cm:
            newsgraph.Tagger(dicts=[bad], shipped=False)
        e = cm.exception
        self.assertEqual((e.line, e.col), (2, 11))
        self.assertTrue(str(e).startswith(bad + ":2:11: expected at least 3"), str(e))
        self.assertEqual(e.file, bad)
        self.assertIsInstance(e, ValueError)

    def test_missing_dictionary(self):
        with self.assertRaises(newsgraph.NotFoundError) as cm:
            newsgraph.Tagger(dicts=[os.path.join(self.tmp.name, "absent.tsv")])
        self.assertIn("absent.tsv", str(cm.exception))


class TestSpan(unittest.TestCase):
    """newsgraph.Span: with the C helper its own type (tools/python/spans.c),
    without it the namedtuple newsgraph._TupleSpan; the same behaviour."""

    @classmethod
    def setUpClass(cls):
        cls.tagger = newsgraph.Tagger()

    def setUp(self):
        self.assertIsNotNone(newsgraph._spans, "the C helper was not built (Debian: python3-dev)")
        self.fields = (28, 33, "Києва", "LOC", "ua-kyiv", "Kyiv", 1)
        self.c, self.t = newsgraph.Span(*self.fields), newsgraph._TupleSpan(*self.fields)

    def test_is_the_helpers_type(self):
        self.assertIs(newsgraph.Span, newsgraph._spans.Span)
        self.assertIsNot(newsgraph.Span, newsgraph._TupleSpan)
        self.assertEqual(newsgraph.Span.__module__, "newsgraph")
        self.assertEqual(newsgraph.Span.__name__, "Span")

    def test_fields_indexing_unpacking(self):
        c, t = self.c, self.t
        for f in ("start", "end", "text", "label", "id", "name", "flags"):
            self.assertEqual(getattr(c, f), getattr(t, f), f)
            self.assertIs(type(getattr(c, f)), type(getattr(t, f)), f)
        self.assertEqual(newsgraph.Span._fields, newsgraph._TupleSpan._fields)
        self.assertEqual(newsgraph.Span.__match_args__, newsgraph._TupleSpan.__match_args__)
        self.assertEqual(len(c), 7)
        self.assertEqual(tuple(c), tuple(t))
        self.assertEqual(list(c), list(t))
        self.assertEqual(list(reversed(c)), list(reversed(t)))
        for i in range(-7, 7):
            self.assertEqual(c[i], t[i], i)
        for sl in (slice(None), slice(1, 3), slice(None, None, -2), slice(5, 100)):
            self.assertEqual(c[sl], t[sl])
            self.assertIs(type(c[sl]), tuple)
        for bad in (7, -8, 10 ** 30):
            with self.assertRaises(IndexError):
                c[bad]
        with self.assertRaises(TypeError):
            c["start"]
        start, end, text, *rest = c
        self.assertEqual((start, end, text, rest), (28, 33, "Києва", ["LOC", "ua-kyiv", "Kyiv", 1]))
        self.assertIn("Kyiv", c)
        self.assertNotIn("Kyi", c)
        self.assertEqual((c.count(1), c.index("Kyiv"), c.index(33, 1, 3)), (t.count(1), t.index("Kyiv"), t.index(33, 1, 3)))
        with self.assertRaises(ValueError):
            c.index("Київ")
        self.assertEqual(c + (1,), t + (1,))
        self.assertEqual(c + c, t + t)
        self.assertEqual(c * 2, t * 2)
        with self.assertRaises(TypeError):
            c + [1]

    def test_compare_hash_repr(self):
        c, t = self.c, self.t
        self.assertEqual(c, t)
        self.assertEqual(t, c)
        self.assertEqual(c, self.fields)
        self.assertEqual(self.fields, c)
        self.assertEqual(c, newsgraph.Span(*self.fields))
        self.assertFalse(c != t)
        self.assertNotEqual(c, list(self.fields))
        self.assertNotEqual(c, None)
        self.assertEqual(hash(c), hash(t))
        self.assertEqual(len({c, t, self.fields}), 1)
        self.assertEqual(repr(c), repr(t))
        self.assertEqual(str(c), str(t))
        # order as tuples: every pair of a few spans, each way
        spans = [self.fields, (28, 33, "Києва", "LOC", "ua-kyiv", "Kyiv", 0), (0, 4, "Kyiv", "LOC", "ua-kyiv", "Kyiv", 0),
                 (28, 33, "Києві", "LOC", "ua-kyiv", "Kyiv", 1), (28, 34, "Києва", "LOC", "ua-kyiv", "Kyiv", 1)]
        for a in spans:
            for b in spans:
                ca, ta, cb, tb = newsgraph.Span(*a), newsgraph._TupleSpan(*a), newsgraph.Span(*b), newsgraph._TupleSpan(*b)
                for x, y in ((ca, cb), (ca, tb), (ta, cb), (ca, b)):
                    self.assertEqual((x < y, x <= y, x == y, x != y, x > y, x >= y),
                                     (ta < tb, ta <= tb, ta == tb, ta != tb, ta > tb, ta >= tb), (a, b))
        self.assertEqual(sorted(newsgraph.Span(*a) for a in spans), sorted(newsgraph._TupleSpan(*a) for a in spans))
        with self.assertRaises(TypeError):
            c < 1

    def test_namedtuple_methods(self):
        c, t = self.c, self.t
        self.assertEqual(c._asdict(), t._asdict())
        r = c._replace(text="Київ", flags=0)
        self.assertIs(type(r), newsgraph.Span)
        self.assertEqual(r, t._replace(text="Київ", flags=0))
        self.assertEqual(c._replace(), c)
        with self.assertRaises(ValueError):
            c._replace(colour="red")
        m = newsgraph.Span._make(iter(self.fields))
        self.assertIs(type(m), newsgraph.Span)
        self.assertEqual(m, c)
        with self.assertRaises(TypeError):
            newsgraph.Span._make(self.fields[:6])
        self.assertEqual(newsgraph.Span(start=28, end=33, text="Києва", label="LOC", id="ua-kyiv", name="Kyiv", flags=1), c)
        self.assertEqual(newsgraph.Span._field_defaults, {})
        self.assertEqual(newsgraph.Span.__doc__.split("\n\n", 1)[1], newsgraph._TupleSpan.__doc__)

    def test_pickle_and_copy(self):
        import copy
        import pickle
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(self.c, proto))
            self.assertIs(type(back), newsgraph.Span, proto)
            self.assertEqual(back, self.c, proto)
        for back in (copy.copy(self.c), copy.deepcopy(self.c)):
            self.assertIs(type(back), newsgraph.Span)
            self.assertEqual(back, self.c)
        spans = self.tagger.tag("Kyiv, Київ, Киев. " * 5000)
        self.assertEqual(pickle.loads(pickle.dumps(spans)), spans)

    def test_immutable_not_collected_sequence(self):
        import collections.abc
        import sys
        with self.assertRaises(AttributeError):
            self.c.text = "x"
        with self.assertRaises(AttributeError):
            self.c.colour = "red"
        self.assertFalse(gc.is_tracked(self.c))
        self.assertIsInstance(self.c, collections.abc.Sequence)
        self.assertIsInstance(self.t, collections.abc.Sequence)
        self.assertLessEqual(sys.getsizeof(self.c), 80)

    def test_field_types(self):
        # start, end and flags are C integers (int64), the rest strs: the
        # namedtuple took anything, this type says what is wrong
        with self.assertRaises(TypeError):
            newsgraph.Span(0, 1, b"K", "LOC", "k", "K", 0)
        with self.assertRaises(TypeError):
            newsgraph.Span(0.5, 1, "K", "LOC", "k", "K", 0)
        with self.assertRaises(OverflowError):
            newsgraph.Span(2 ** 63, 1, "K", "LOC", "k", "K", 0)
        with self.assertRaises(TypeError):
            newsgraph.Span(0, 1, "K", "LOC", "k", "K")

        class Tagged(str):
            pass

        s = newsgraph.Span(True, 2 ** 40, Tagged("K"), "LOC", "k", "K", -1)
        self.assertIs(type(s.text), str)   # stored as a str: no reference back to anything
        self.assertEqual((s.start, s.end, s.flags), (1, 2 ** 40, -1))

    def test_subclass(self):
        class Mine(newsgraph.Span):
            def length(self):
                return self.end - self.start

        m = Mine(*self.fields)
        self.assertEqual(m.length(), 5)
        self.assertEqual(m, self.c)
        self.assertEqual(repr(m), repr(self.c).replace("Span(", "Mine(", 1))
        self.assertIs(type(m._replace(flags=0)), Mine)

    def test_large_lists_in_chunks(self):
        # more spans than one chunk holds (about 26,000 a 2 MB chunk):
        # the same list as the Python path's; a span kept outlives its list
        text = "Kyiv, Київ, Киев. Jens Stoltenberg in Warsaw. " * 13000
        spans = self.tagger.tag(text)
        self.assertGreater(len(spans), 60000)
        saved = newsgraph._spans
        newsgraph._spans = None
        try:
            self.assertEqual(self.tagger.tag(text), spans)
        finally:
            newsgraph._spans = saved
        kept = [spans[0], spans[30000], spans[-1]]
        want = [tuple(s) for s in kept]
        del spans
        gc.collect()
        filler = [self.tagger.tag(text) for _ in range(2)]
        self.assertEqual([tuple(s) for s in kept], want)
        del filler
        for s in kept:
            self.assertEqual(text[s.start:s.end], s.text)

    def test_without_the_helper(self):
        # the module as it is where the helper was not built: Span the
        # namedtuple, the same spans
        code = ("import sys; sys.modules['newsgraph._spans'] = None\n"
                "import newsgraph, pickle\n"
                "assert newsgraph._spans is None and newsgraph.Span is newsgraph._TupleSpan\n"
                "assert issubclass(newsgraph.Span, tuple)\n"
                "text = 'Kyiv, Київ, Киев. Jens Stoltenberg in Warsaw. ' * 2000\n"
                "sys.stdout.buffer.write(pickle.dumps([tuple(s) for s in newsgraph.Tagger().tag(text)]))\n")
        out = subprocess.run(["python3", "-c", code], check=True, capture_output=True).stdout
        import pickle
        text = "Kyiv, Київ, Киев. Jens Stoltenberg in Warsaw. " * 2000
        self.assertEqual(pickle.loads(out), [tuple(s) for s in self.tagger.tag(text)])


@unittest.skipUnless(DB, "NG_TEST_DB not set")
class TestGraph(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.g = newsgraph.Graph(DB)

    @classmethod
    def tearDownClass(cls):
        cls.g.close()

    def test_queries_equal_cli_json(self):
        self.assertEqual(self.g.neighbors("Joe Biden"), cli_json("neighbors", "--db", DB, "--json", "Joe Biden"))
        self.assertEqual(self.g.neighbors("Joe Biden", top=1, by="npmi"),
                         cli_json("neighbors", "--db", DB, "--json", "--top", "1", "--by", "npmi", "Joe Biden"))
        self.assertEqual(self.g.evidence("Biden", "Stoltenberg"),
                         cli_json("evidence", "--db", DB, "--json", "Biden", "Stoltenberg"))
        self.assertEqual(self.g.path("Joe Biden", "Zelensky"),
                         cli_json("path", "--db", DB, "--json", "Joe Biden", "Zelensky"))
        self.assertEqual(self.g.top(by="pagerank", n=3), cli_json("top", "--db", DB, "--json", "--by", "pagerank", "-n", "3"))
        self.assertEqual(self.g.entity("Столтенберг"), cli_json("entity", "--db", DB, "--json", "Столтенберг"))
        self.assertEqual(self.g.stats(), cli_json("stats", "--db", DB, "--json"))
        self.assertEqual(self.g.neighbors("Joe Biden", since="2023-07-12"),
                         cli_json("neighbors", "--db", DB, "--json", "--since", "2023-07-12", "Joe Biden"))

    def test_duplicates_equal_cli_json(self):
        # a person named by an initial in one article and in full in another
        # (two nodes): Graph.duplicates() is 'entity duplicates --json', with
        # the shipped given-name lists by default as the CLI
        with tempfile.TemporaryDirectory() as d:
            src, db = os.path.join(d, "a.jsonl"), os.path.join(d, "d.db")
            with open(src, "w", encoding="utf-8") as f:
                f.write('{"id":"c1","text":"Robert Croft bowled for Glamorgan at Cardiff against Kent."}\n'
                        '{"id":"c2","text":"R. Croft took three wickets for Glamorgan at Cardiff against Kent."}\n')
            subprocess.run([NG, "ingest", "-q", "--db", db, src], check=True)
            with newsgraph.Graph(db) as g:
                got = g.duplicates()
                self.assertEqual(got, cli_json("entity", "duplicates", "--db", db, "--json"))
                self.assertEqual(got["count"], 1)
                grp = got["groups"][0]
                self.assertEqual((grp["entity"]["id"], grp["form"], grp["candidates"][0]["id"]),
                                 ("per:r-kroft", "initial", "per:robert-kroft"))
                self.assertEqual(g.duplicates(names=newsgraph.shipped_data()[2]), got)

    def test_plain_types(self):
        n = self.g.neighbors("Joe Biden")
        self.assertIsInstance(n, dict)
        self.assertIsInstance(n["neighbors"], list)
        self.assertEqual([x["id"] for x in n["neighbors"]], ["jens-stoltenberg", "vilnius", "volodymyr-zelensky"])

    def test_errors(self):
        with self.assertRaises(newsgraph.NotFoundError) as cm:
            self.g.neighbors("Stoltenburg")
        self.assertIn("did you mean: Jens Stoltenberg", str(cm.exception))
        with self.assertRaises(newsgraph.NewsgraphError) as cm:
            self.g.neighbors("Joe Biden", since="2023-13-45")
        self.assertIn("since", str(cm.exception))
        with self.assertRaises(newsgraph.NotFoundError):
            newsgraph.Graph(os.path.join(tempfile.gettempdir(), "no-such-newsgraph.db"))

    def test_unknown_argument(self):
        # regression: ng_query_json ignored keys it does not take, so a typo
        # ("limt") gave the unlimited answer as if it were the one asked
        # for; now refused with the key and the keys the query takes (as
        # serve refuses an unknown parameter), and so is a key given twice
        with self.assertRaises(newsgraph.NewsgraphError) as cm:
            self.g._q("evidence", a="Joe Biden", b="Zelensky", limt=1)
        self.assertIn("unknown argument 'limt': query 'evidence' takes a, b, limit", str(cm.exception))
        with self.assertRaises(newsgraph.NewsgraphError) as cm:
            self.g._q("neighbors", entity="Joe Biden", sinse="2023-09")
        self.assertIn("unknown argument 'sinse': query 'neighbors' takes entity, top, by, min_count, since, until, "
                      "types", str(cm.exception))
        with self.assertRaises(newsgraph.NewsgraphError) as cm:
            self.g._q("stats", verbose=1)
        self.assertIn("unknown argument 'verbose': query 'stats' takes none", str(cm.exception))
        out, err = newsgraph._P(), newsgraph._Error()
        rc = newsgraph._lib.ng_query_json(self.g._s, b"evidence", b'{"a": "Joe Biden", "b": "Zelensky", "limit": 1, '
                                          b'"limit": 2}', ctypes.byref(out), ctypes.byref(err))
        self.assertEqual(rc, newsgraph._E_ARG)
        self.assertIn("duplicate object key", err.msg.decode())
        self.assertEqual(len(self.g._q("evidence", a="Joe Biden", b="Zelensky", limit=1)["evidence"]), 1)

    def test_binding_passes_accepted_keys(self):
        # every keyword of every Graph method is a key its query takes: each
        # method called with all of them given (the library refuses a key
        # its query does not list)
        def takes(query):
            with self.assertRaises(newsgraph.NewsgraphError) as cm:
                self.g._q(query, no_such_key=1)
            msg = str(cm.exception)
            keys = msg[msg.index(" takes ") + 7:].strip()
            return set() if keys == "none" else set(keys.split(", "))
        # the header's list of each query's arguments is the table's
        import re
        with open(os.path.join(ROOT, "graph", "graph_json.h"), encoding="utf-8") as f:
            doc = f.read()
        doc = doc[doc.index("Queries and arguments"):doc.index(" * A malformed argument")]
        entries = re.findall(r'^ \*   "(\w+)"(.*?)(?=^ \*   "|\Z)', doc, re.M | re.S)
        self.assertEqual(len(entries), 10)
        for query, text in entries:
            text = re.sub(r"\([^)]*\)", "", text.split("->")[0].replace("\n *", " "))
            self.assertEqual(set(re.findall(r"\w+", text)), takes(query), query)
        methods = {"neighbors": "neighbors", "evidence": "evidence", "path": "path", "top": "top",
                   "entity": "entity", "stats": "stats", "communities": "communities", "to_networkx": "export",
                   "duplicates": "duplicates"}
        for meth, query in methods.items():
            params = set(inspect.signature(getattr(newsgraph.Graph, meth)).parameters) - {"self"}
            if meth == "to_networkx":
                params.add("path")   # (the temporary file it exports to)
            self.assertLessEqual(params, takes(query), meth)
        full = dict(since="2023-01", until="2023-12", types="PER,LOC")
        self.g.neighbors("Joe Biden", top=5, by="count", min_count=1, **full)
        self.g.evidence("Joe Biden", "Zelensky", limit=2)
        self.g.path("Joe Biden", "Zelensky", evidence=1, **full)
        self.g.top(by="degree", n=5, sources=2, **full)
        self.g.entity("Joe Biden", top=3)
        self.g.stats()
        self.g.communities(resolution=1.0, seed=2, iterations=1, min_count=1, max_communities=5, max_members=5, **full)
        try:
            import networkx  # noqa: F401
        except ImportError:
            return
        self.g.to_networkx(min_weight=1, top_edges=10, **full)

    def test_since_after_until(self):
        # regression: only "export" (to_networkx) refused a since after until;
        # neighbors, path, top and communities answered an empty result as if
        # the graph had nothing in the range. Every query refuses it now with
        # the CLI's message (ng_date_range_check), without the CLI's "--".
        r = subprocess.run([NG, "neighbors", "--db", DB, "--since", "2023-09-01", "--until", "2023-07", "Joe Biden"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--since 2023-09-01 is after --until 2023-07-31: the range holds no day", r.stderr)
        want = "since 2023-09-01 is after until 2023-07-31: the range holds no day"
        calls = [lambda: self.g.neighbors("Joe Biden", since="2023-09-01", until="2023-07"),
                 lambda: self.g.path("Joe Biden", "Zelensky", since="2023-09-01", until="2023-07"),
                 lambda: self.g.top(since="2023-09-01", until="2023-07"),
                 lambda: self.g.communities(since="2023-09-01", until="2023-07")]
        for i, call in enumerate(calls):
            with self.assertRaises(newsgraph.NewsgraphError, msg=str(i)) as cm:
                call()
            self.assertIn(want, str(cm.exception))
        # a range of one day, and a month given as since and until, are fine
        self.g.neighbors("Joe Biden", since="2023-07-12", until="2023-07-12")
        self.g.top(since="2023-07", until="2023-07")

    def test_to_networkx(self):
        try:
            import networkx  # noqa: F401
        except ImportError:
            self.skipTest("networkx is not installed")
        g = self.g.to_networkx()
        st = self.g.stats()
        self.assertEqual(g.number_of_nodes(), st["entities"])
        self.assertEqual(g.number_of_edges(), st["edges"])
        self.assertEqual(g.nodes["joe-biden"]["type"], "PER")
        self.assertEqual(g.edges["joe-biden", "jens-stoltenberg"]["count"], 2)

    def test_to_networkx_filters(self):
        # regression: to_networkx() passed since/until/types unchecked to the
        # export: "2023-07" as until left July out, a bad date or "PER ORG"
        # gave an empty graph, a datetime.date a TypeError
        import datetime
        try:
            import networkx  # noqa: F401
        except ImportError:
            self.skipTest("networkx is not installed")
        def cli_counts(*args):
            with tempfile.TemporaryDirectory() as d:
                out = os.path.join(d, "x.graphml")
                r = subprocess.run([NG, "export", "--db", DB, "-o", out, *args], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr)
                import networkx
                x = networkx.read_graphml(out)
                return x.number_of_nodes(), x.number_of_edges()
        g = self.g.to_networkx(until="2023-07")
        self.assertEqual((g.number_of_nodes(), g.number_of_edges()), cli_counts("--until", "2023-07"))
        self.assertGreater(g.number_of_edges(), 0)
        g = self.g.to_networkx(since=datetime.date(2023, 9, 1))
        self.assertEqual((g.number_of_nodes(), g.number_of_edges()), cli_counts("--since", "2023-09-01"))
        g = self.g.to_networkx(types="PER,LOC")
        self.assertEqual((g.number_of_nodes(), g.number_of_edges()), cli_counts("-t", "PER,LOC"))
        g2 = self.g.to_networkx(types=["PER", "LOC"])   # a list as well
        self.assertEqual((g2.number_of_nodes(), g2.number_of_edges()), (g.number_of_nodes(), g.number_of_edges()))
        self.assertEqual(self.g.neighbors("Joe Biden", types=("LOC",)), self.g.neighbors("Joe Biden", types="LOC"))
        for bad in (dict(since="garbage"), dict(until="2023-02-30"), dict(since="2023-09-01T00:00:00Z"),
                    dict(types="PER ORG"), dict(since="2023-09-01", until="2023-07-01")):
            with self.assertRaises(newsgraph.NewsgraphError, msg=repr(bad)):
                self.g.to_networkx(**bad)

    def test_escaped_ids(self):
        # the export's reversible escape of ids, undone for networkx keys
        self.assertEqual(newsgraph._unescape_id("o'neil\\\\back"), "o'neil\\back")
        self.assertEqual(newsgraph._unescape_id("a\\x0Ab"), "a\nb")
        self.assertEqual(newsgraph._unescape_id("київ"), "київ")

    def test_closed(self):
        # regression: to_networkx() after close() crashed Python (a NULL
        # store passed to the library); every method says it is closed
        g = newsgraph.Graph(DB)
        g.close()
        for call in (g.to_networkx, g.stats, lambda: g.neighbors("Joe Biden")):
            with self.assertRaises(newsgraph.NewsgraphError) as cm:
                call()
            self.assertIn("closed", str(cm.exception))


class TestReadme(unittest.TestCase):
    def test_from_python_example(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        sec = readme[readme.index("## From Python"):]
        start = sec.index("```python\n") + len("```python\n")
        code = sec[start:sec.index("```\n", start)]
        want = "".join(l[2:] + "\n" for l in code.splitlines() if l.startswith("# "))
        p = subprocess.run(["python3", "-c", code], capture_output=True, text=True, cwd=ROOT)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, want)


if __name__ == "__main__":
    unittest.main()
