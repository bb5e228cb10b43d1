#!/usr/bin/env python3
"""Tagger benchmark: compile time, image load time, throughput (1 and 2
threads), peak RSS, and GNU grep -F -o -w -f on the same data.
Usage: bench_tagger.py NEWSGRAPH DATADIR [RUNS]"""
import os, statistics, subprocess, sys, time

ng, data = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
corpus = os.path.join(data, "corpus.txt")
mb = os.path.getsize(corpus) / 1e6

def run(cmd, stdout=subprocess.DEVNULL):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, rusage = os.wait4(p.pid, 0)[1:]
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    dt = time.perf_counter() - t0
    return dt, rusage.ru_maxrss / 1024.0, err

def median_of(cmd, n=runs):
    ts, rss = [], []
    for _ in range(n):
        dt, r, err = run(cmd)
        ts.append(dt); rss.append(r)
    return statistics.median(ts), max(rss)

empty = os.path.join(data, "empty.txt")
open(empty, "w").close()
subprocess.run(["cat", corpus], stdout=subprocess.DEVNULL)
print(f"corpus: {mb:.1f} MB; {runs} runs per figure, medians; load average {os.getloadavg()[0]:.2f}")
print()
print("| dict | compile s | image MB | load ms | 1 thread MB/s | 2 threads MB/s | speed-up | peak RSS MB | matches | grep -F -o -w -f s | grep matches | ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label in ("10k", "100k", "1m"):
    tsv = os.path.join(data, f"dict_{label}.tsv")
    img = os.path.join(data, f"dict_{label}.ngd")
    tc, _ = median_of([ng, "dict", "compile", "-q", tsv, "-o", img], 1 if label == "1m" else runs)
    size = os.path.getsize(img) / 1e6
    tl, _ = median_of([ng, "tag", "--threads", "1", "--no-shipped", "--dict", img, empty], 5)
    base = [ng, "tag", "--threads", "1", "--no-shipped", "--dict", img, "--format", "jsonl"]
    t1, rss1 = median_of(base + [corpus])
    t2, rss2 = median_of(base + ["--threads", "2", corpus])
    out = subprocess.run(base + [corpus], capture_output=True).stdout
    nm = out.count(b'"start"')
    pats = os.path.join(data, f"dict_{label}.txt")
    # grep's output goes through a pipe: with stdout on /dev/null GNU grep
    # stops at the first match (as -q does) and would time nothing
    tg, _ = median_of(["sh", "-c", f"LC_ALL=C.UTF-8 grep -F -o -w -f {pats} {corpus} | wc -l >/dev/null"],
                      1 if label == "1m" else runs)
    gm = subprocess.run(["sh", "-c", f"LC_ALL=C.UTF-8 grep -F -o -w -f {pats} {corpus} | wc -l"],
                        capture_output=True).stdout.decode().strip()
    print(f"| {label} | {tc:.2f} | {size:.1f} | {tl*1000:.0f} | {mb/t1:.0f} | {mb/t2:.0f} | {t1/t2:.2f}x | {max(rss1, rss2):.0f} | {nm} | {tg:.2f} | {gm} | {tg/t1:.1f}x |")
    sys.stdout.flush()

# inflection: the same uk/ru text, the 1m dictionary compiled with and without case forms
ukru = os.path.join(data, "corpus_ukru.txt")
mb2 = os.path.getsize(ukru) / 1e6
noinf = os.path.join(data, "dict_1m_noinflect.ngd")
subprocess.run([ng, "dict", "compile", "-q", os.path.join(data, "dict_1m_noinflect.tsv"), "-o", noinf], check=True)
ti, _ = median_of([ng, "tag", "--threads", "1", "--no-shipped", "--dict", os.path.join(data, "dict_1m.ngd"), ukru])
tn, _ = median_of([ng, "tag", "--threads", "1", "--no-shipped", "--dict", noinf, ukru])
print()
print(f"Inflection (uk/ru paragraphs only, {mb2:.1f} MB, 1m dictionary): with case forms {mb2/ti:.0f} MB/s, "
      f"without {mb2/tn:.0f} MB/s: {ti/tn:.2f}x the time")
print()
print("load ms: whole process tagging an empty file with the compiled image (mmap + verification).")
print("MB/s: whole process, compiled image, case-insensitive Unicode matching with word boundaries, JSON Lines output.")
print("ratio: grep time / newsgraph 1-thread time on the same dictionary and text.")
