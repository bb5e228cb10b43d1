#!/usr/bin/env python3
"""Python module vs CLI on the realistic workload (issue 14: tagging from
Python costs at most 1.3x the CLI's time).

Usage: bench_python.py NEWSGRAPH PYDIR DATADIR CORPUS RUNS

PYDIR holds the staged package (make python: BUILD/python). For the 10k and
100k dictionaries (compiled images made by bench_real.py, or here), times
whole processes on one thread, medians of RUNS, wall clock and CPU (user +
sys, less sensitive to other load on the machine):
  CLI       newsgraph tag --threads 1 --no-shipped --names NAMES --dict IMG --format jsonl CORPUS > /dev/null
  tag_file  Tagger(dicts=[IMG], shipped=False, names=NAMES).tag_file(CORPUS): the file
            memory-mapped, every Span built (character offsets, text)
  tag       the same after reading CORPUS into a str, tag(text): reported
            whole, and less the reading and decoding of the file into a str
            (open().read(), timed in the process, wall and CPU: what a
            program that already holds the text in a str pays)
and checks that all three find the same number of spans."""
import os, resource, statistics, subprocess, sys, time

ng, pydir, data, corpus, runs = sys.argv[1:6]
# the shipped given-name lists (the person rules' data) as the binary uses
# them by default: compiled next to it by the build (BUILD/names.ngn)
NAMES = os.path.join(os.path.dirname(os.path.abspath(ng)), "names.ngn")
if not os.path.exists(NAMES):
    sys.exit(f"bench: {NAMES} missing (make builds it)")
runs = int(runs)
mb = os.path.getsize(corpus) / 1e6
SCRIPT = r"""
import sys, time, newsgraph
t = newsgraph.Tagger(dicts=[sys.argv[1]], shipped=False, names=sys.argv[4])
read = (0.0, 0.0)
if sys.argv[3] == "tag_file":
    spans = t.tag_file(sys.argv[2])
else:
    w, c = time.perf_counter(), time.process_time()
    text = open(sys.argv[2], encoding="utf-8", newline="").read()
    read = (time.perf_counter() - w, time.process_time() - c)
    spans = t.tag(text)
print(len(spans), read[0], read[1])
"""


def timed(cmd, env=None, out=subprocess.PIPE):
    """(wall s, CPU s, stdout) of a whole process."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed: {p.stderr.decode(errors='replace').strip()}")
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return dt, cpu, p.stdout


env = dict(os.environ, PYTHONPATH=pydir)
print(f"Python module vs CLI: {os.path.basename(corpus)}, {mb:.1f} MB, 1 thread, whole processes, "
      f"medians of {runs}; load average {os.getloadavg()[0]:.2f}")
print()
print("| dict | CLI wall s | CLI CPU s | tag_file wall s | tag_file CPU s | tag wall s | tag CPU s | of which reading the str "
      "| tag_file ÷ CLI (wall, CPU) | tag ÷ CLI (wall, CPU) | tag less reading ÷ CLI (wall, CPU) | matches |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label in ("10k", "100k"):
    txt = os.path.join(data, f"dict_{label}.txt")
    tsv = os.path.join(data, f"dict_{label}.tsv")
    img = os.path.join(data, f"dict_{label}.ngd")
    if not os.path.exists(img):
        with open(txt, encoding="utf-8") as f, open(tsv, "w", encoding="utf-8") as o:
            for k, line in enumerate(f, 1):
                o.write(f"n{k}\tLOC\t{line.rstrip(chr(10))}\t\n")
        subprocess.run([ng, "dict", "compile", "-q", "--no-shipped", tsv, "-o", img], check=True)
    cmds = {"cli": [ng, "tag", "--threads", "1", "--no-shipped", "--names", NAMES, "--dict", img, "--format", "jsonl", corpus],
            "tag_file": [sys.executable, "-c", SCRIPT, img, corpus, "tag_file", NAMES],
            "tag": [sys.executable, "-c", SCRIPT, img, corpus, "tag", NAMES]}
    res = {k: ([], []) for k in cmds}
    less = ([], [])   # tag's wall and CPU less its reading of the file
    counts = {}
    for _ in range(runs):   # interleaved, so that changes of load hit all three
        for k, c in cmds.items():
            # (the CLI's JSON Lines to /dev/null: its time is not that of a
            # pipe's reader; the spans are counted in a run of their own)
            w, u, out = timed(c, env, subprocess.DEVNULL if k == "cli" else subprocess.PIPE)
            res[k][0].append(w)
            res[k][1].append(u)
            if k != "cli":
                got = out.split()
                counts[k] = int(got[0])
                if k == "tag":
                    less[0].append(w - float(got[1]))
                    less[1].append(u - float(got[2]))
    counts["cli"] = timed(cmds["cli"], env)[2].count(b'"start"')
    if len(set(counts.values())) != 1:
        sys.exit(f"bench: different match counts {counts}")
    m = {k: (statistics.median(v[0]), statistics.median(v[1])) for k, v in res.items()}
    c, f, t = m["cli"], m["tag_file"], m["tag"]
    lw, lc = statistics.median(less[0]), statistics.median(less[1])
    print(f"| {label} | {c[0]:.2f} | {c[1]:.2f} | {f[0]:.2f} | {f[1]:.2f} | {t[0]:.2f} | {t[1]:.2f} | {t[0] - lw:.2f} "
          f"| {f[0] / c[0]:.2f}x, {f[1] / c[1]:.2f}x | {t[0] / c[0]:.2f}x, {t[1] / c[1]:.2f}x "
          f"| {lw / c[0]:.2f}x, {lc / c[1]:.2f}x | {counts['cli']} |")
    sys.stdout.flush()
