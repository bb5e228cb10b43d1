#!/usr/bin/env python3
"""Runs data-driven tagger cases through the newsgraph binary.

usage: run_cases.py NEWSGRAPH FILE.txt...

The same files are checked through the library by tests/unit/test_cases.c;
keep the two parsers in step. Format (lines before the first '###' are a
free-form preamble):

    ### title                       starts a case
    %%FAIL                          (optional) the dictionary must be refused
    %%dict dicts/a.tsv dicts/b.tsv  dictionary files, relative to tests/cases,
                                    loaded together in this order
    %%dict                          or: an inline dictionary (tab-separated
    ...                             lines up to %%text or ---), saved as dict.tsv
    %%opts --all --no-context       tag options (--all --no-context --no-inflect
                                    --no-rules --no-partial)
    %%pad N                         N bytes of "x " filler before the text
    %%text                          (optional) the text starts here
    text lines ...                  joined with \\n, no final newline
    ---
    start end TYPE id surface       expected spans, byte offsets; or for a
                                    %%FAIL case the exact error message

Escapes in the text, an inline dictionary and the expected surfaces:
\\n \\r \\t \\\\ and \\xHH (one byte). Surfaces are printed the same way; control
bytes, invalid UTF-8 and invisible characters (see invisible()) as \\xHH.
The binary runs with --no-shipped in a scratch directory (inline dictionary)
or in tests/cases (dictionary files); "newsgraph: " is cut from messages.
"""
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

CASES_DIR = os.path.dirname(os.path.abspath(__file__))
OPTS = {"--all", "--no-context", "--no-inflect", "--no-rules", "--no-partial", "--no-org-rules", "--no-acronyms", "--no-place-rules", "--no-surnames"}


def unescape(s):
    out = bytearray()
    b = s.encode("utf-8")
    i = 0
    while i < len(b):
        c = b[i]
        if c == 0x5C and i + 1 < len(b):
            n = chr(b[i + 1])
            if n == "n":
                out.append(10); i += 2; continue
            if n == "r":
                out.append(13); i += 2; continue
            if n == "t":
                out.append(9); i += 2; continue
            if n == "\\":
                out.append(0x5C); i += 2; continue
            if n == "x" and i + 3 < len(b) and all(chr(x) in "0123456789abcdefABCDEF" for x in b[i + 2:i + 4]):
                out.append(int(b[i + 2:i + 4].decode(), 16)); i += 4; continue
        out.append(c)
        i += 1
    return bytes(out)


def invisible(cp):
    """Code points that surfaces show as \\xHH bytes: soft hyphen, combining
    diacritics, zero-width and direction marks, BOM."""
    return (cp == 0xAD or 0x300 <= cp <= 0x36F or 0x200B <= cp <= 0x200F or
            0x2028 <= cp <= 0x202E or 0x2060 <= cp <= 0x2064 or cp == 0xFEFF)


def escape(bs):
    out = []
    i = 0
    while i < len(bs):
        c = bs[i]
        if c == 10:
            out.append("\\n"); i += 1; continue
        if c == 13:
            out.append("\\r"); i += 1; continue
        if c == 9:
            out.append("\\t"); i += 1; continue
        if c == 0x5C:
            out.append("\\\\"); i += 1; continue
        if c < 0x20 or c == 0x7F:
            out.append("\\x%02X" % c); i += 1; continue
        if c < 0x80:
            out.append(chr(c)); i += 1; continue
        # one UTF-8 sequence, or \xHH for an invalid byte
        n = 2 if 0xC2 <= c < 0xE0 else 3 if 0xE0 <= c < 0xF0 else 4 if 0xF0 <= c < 0xF5 else 0
        if n:
            try:
                ch = bs[i:i + n].decode("utf-8")
                if not invisible(ord(ch)):
                    out.append(ch)
                else:
                    out.append("".join("\\x%02X" % x for x in bs[i:i + n]))
                i += n
                continue
            except UnicodeDecodeError:
                pass
        out.append("\\x%02X" % c)
        i += 1
    return "".join(out)


class Case:
    def __init__(self, path, line, title):
        self.path, self.line, self.title = path, line, title
        self.fail = False
        self.dict_files = []
        self.inline = None          # list of raw lines
        self.opts = []
        self.pad = 0
        self.text = []
        self.expected = []


def parse(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines) and not lines[i].startswith("### "):
        i += 1
    while i < len(lines):
        c = Case(path, i + 1, lines[i][4:])
        i += 1
        state = "head"
        while i < len(lines) and not lines[i].startswith("### "):
            ln = lines[i]
            if state == "head" and ln == "%%FAIL":
                c.fail = True
            elif state == "head" and ln.startswith("%%dict "):
                c.dict_files += ln.split()[1:]
            elif state == "head" and ln == "%%dict":
                c.inline = []
                state = "inline"
            elif state in ("head", "inline") and ln.startswith("%%opts"):
                c.opts += ln.split()[1:]
                for o in ln.split()[1:]:
                    if o not in OPTS:
                        sys.exit("%s:%d: unknown option %s" % (path, i + 1, o))
            elif state in ("head", "inline") and ln.startswith("%%pad "):
                c.pad = int(ln.split()[1])
            elif state in ("head", "inline") and ln == "%%text":
                state = "text"
            elif state != "expect" and ln == "---":
                state = "expect"
            elif state == "inline":
                c.inline.append(ln)
            elif state in ("head", "text"):
                state = "text"
                c.text.append(ln)
            elif state == "expect":
                if ln.strip():
                    c.expected.append(ln)
            i += 1
        if state != "expect":
            sys.exit("%s:%d: case without '---'" % (path, c.line))
        cases.append(c)
    return cases


def case_text(c):
    pad = b""
    if c.pad:
        pad = (b"x " * (c.pad // 2 + 1))[:c.pad]
    return pad + unescape("\n".join(c.text))


def run_case(ng, c):
    """Returns (got_lines, expected_lines)."""
    tmp = tempfile.mkdtemp(prefix="ngcase.")
    try:
        args = [ng, "tag", "--no-shipped", "--format", "jsonl", "--input", "text"] + c.opts
        cwd = CASES_DIR
        if c.inline is not None:
            with open(os.path.join(tmp, "dict.tsv"), "wb") as f:
                f.write(unescape("\n".join(c.inline) + "\n"))
            args += ["--dict", "dict.tsv"]
            cwd = tmp
        for d in c.dict_files:
            args += ["--dict", d]
        text = case_text(c)
        tpath = os.path.join(tmp, "case.txt")
        with open(tpath, "wb") as f:
            f.write(text)
        args.append(tpath)
        p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if c.fail:
            got = [l[len("newsgraph: "):] if l.startswith("newsgraph: ") else l
                   for l in p.stderr.decode("utf-8", "replace").splitlines()]
            if p.returncode != 1:
                got.append("(exit status %d, expected 1)" % p.returncode)
            return got, c.expected
        if p.returncode != 0:
            return ["(exit status %d) %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip())], c.expected
        got = []
        for line in p.stdout.decode("utf-8").splitlines():
            rec = json.loads(line)
            for e in rec["entities"]:
                s, t = e["start"], e["end"]
                got.append("%d %d %s %s %s" % (s, t, e["type"], e["id"], escape(text[s:t])))
        return got, c.expected
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: run_cases.py NEWSGRAPH FILE.txt...")
    ng = os.path.abspath(sys.argv[1])
    npass = nfail = 0
    for path in sys.argv[2:]:
        for c in parse(path):
            got, exp = run_case(ng, c)
            if got == exp:
                npass += 1
                continue
            nfail += 1
            print("%s:%d: FAIL: %s" % (c.path, c.line, c.title))
            for d in difflib.unified_diff(exp, got, "expected", "got", lineterm="", n=2):
                print("    " + d)
    print("%s: %d passed, %d failed" % (" ".join(os.path.basename(p) for p in sys.argv[2:]), npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
