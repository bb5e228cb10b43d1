#!/usr/bin/env python3
"""Tagger benchmark on the realistic workload (real names, real prose; about
40 % of the text's words are words of some name, so the lookup path works).

Usage: bench_real.py NEWSGRAPH HSBENCH DATADIR CORPUS RUNS [quick]

DATADIR holds dict_{10k,100k,1m}.txt (one name per line) and CORPUS. For
each dictionary it prints: the share of the text's words that are words of
some name, compile time, image load time, newsgraph throughput with 1 and
2 threads (whole process, compiled image, the shipped given-name lists,
JSON Lines output, medians of RUNS; the two alternated, the speed-up the
median of the rounds' ratios; one thread pinned to CPU 0 and to CPU 1 in
the same rounds, and the two-thread throughput's share of their sum),
peak RSS, matches; Hyperscan's scan throughput on the same names and
text (tools/bench/hsbench.c: case-sensitive literals, whole words,
leftmost-longest; build apart); GNU grep -F -o -w -f (whole process).
'quick': images and Hyperscan databases are reused when still valid,
Hyperscan scans once, grep's figures are measured once per dictionary and
text and then reused (they do not depend on newsgraph)."""
import os, shutil, statistics, subprocess, sys, tempfile, time

ng, hsb, data, corpus, runs = sys.argv[1:6]
runs = int(runs)
# the shipped given-name lists (the person rules' data) as the binary uses
# them by default: compiled next to it by the build (BUILD/names.ngn)
NAMES = os.path.join(os.path.dirname(os.path.abspath(ng)), "names.ngn")
if not os.path.exists(NAMES):
    sys.exit(f"bench: {NAMES} missing (make builds it)")
quick = len(sys.argv) > 6 and sys.argv[6] == "quick"
mb = os.path.getsize(corpus) / 1e6
# the record of verified images (README, "Compiled dictionaries"): the
# bench's own, so that "load" is measured both ways whoever runs it
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ng-bench-cache.")
os.environ.pop("NEWSGRAPH_VERIFY", None)


def run(cmd, stdout=subprocess.DEVNULL):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, rusage = os.wait4(p.pid, 0)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if status:
        sys.exit(f"bench: {' '.join(cmd)} failed: {err.strip()}")
    return time.perf_counter() - t0, rusage.ru_maxrss / 1024.0


def median_of(cmd, n):
    ts, rss = [], []
    for _ in range(n):
        dt, r = run(cmd)
        ts.append(dt)
        rss.append(r)
    return statistics.median(ts), max(rss)


def alternated(cmds, n):
    """Runs the commands in turn, n rounds (so that a slower stretch of a
    shared machine hits each alike): per command the median time and the
    peak RSS, and the median of each round's time ratio of the first to
    every command (the speed-up, robust to drift between rounds)."""
    ts = [[] for _ in cmds]
    rss = [0.0 for _ in cmds]
    for _ in range(n):
        for k, c in enumerate(cmds):
            dt, r = run(c)
            ts[k].append(dt)
            rss[k] = max(rss[k], r)
    ratios = [statistics.median(a / b for a, b in zip(ts[0], t)) for t in ts]
    return [statistics.median(t) for t in ts], rss, ratios, ts


def rate(x):
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def fresh(path, *deps):
    return os.path.exists(path) and all(os.path.getmtime(path) > os.path.getmtime(d) for d in deps)


empty = os.path.join(data, "empty.txt")
open(empty, "a").close()
subprocess.run(["cat", corpus], stdout=subprocess.DEVNULL)
print(f"realistic workload: {os.path.basename(corpus)}, {mb:.1f} MB; {runs} runs per figure, medians; "
      f"load average {os.getloadavg()[0]:.2f}")
print()
pinned = shutil.which("taskset") is not None and {0, 1} <= set(os.sched_getaffinity(0))
print("| dict | dict words | compile s | image MB | load ms, verified / listed | 1 thread MB/s | 2 threads MB/s | speed-up "
      "| 1 thread on CPU 0 / 1 MB/s | 2 threads ÷ (CPU 0 + CPU 1) "
      "| peak RSS MB, 1 / 2 threads | matches | Hyperscan MB/s | Hyperscan build s | Hyperscan matches | grep MB/s | grep matches "
      "| ours ÷ Hyperscan |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label in ("10k", "100k", "1m"):
    txt = os.path.join(data, f"dict_{label}.txt")
    tsv = os.path.join(data, f"dict_{label}.tsv")
    img = os.path.join(data, f"dict_{label}.ngd")
    ctime = os.path.join(data, f"dict_{label}.compile-s")
    if not fresh(tsv, txt):
        with open(txt, encoding="utf-8") as f, open(tsv + ".tmp", "w", encoding="utf-8") as o:
            for k, line in enumerate(f, 1):
                o.write(f"n{k}\tLOC\t{line.rstrip(chr(10))}\t\n")
        os.replace(tsv + ".tmp", tsv)
    if quick and fresh(img, tsv, ng) and os.path.exists(ctime):
        tc = float(open(ctime).read())
        tcs = f"{tc:.2f} (cached)"
    else:
        tc, _ = median_of([ng, "dict", "compile", "-q", "--no-shipped", tsv, "-o", img], 1)
        open(ctime, "w").write(f"{tc}\n")
        tcs = f"{tc:.2f}"
    size = os.path.getsize(img) / 1e6
    # (the shipped given-name lists, so that the person rules run as they
    # do by default; the workload's dictionary instead of the shipped ones)
    # (load: the image alone; the given-name lists' start-up is the same for every dictionary)
    # (verified: every page read, checksum and indexes; listed: an image
    # the record lists, its header and section table only; the throughput
    # runs below open it listed, as every run after the first does)
    load = [ng, "tag", "--threads", "1", "--no-shipped", "--dict", img, empty]
    os.environ["NEWSGRAPH_VERIFY"] = "full"
    tl, _ = median_of(load, 3 if quick else 5)
    del os.environ["NEWSGRAPH_VERIFY"]
    time.sleep(max(0.0, os.stat(img).st_ctime + 2.2 - time.time()))
    run(load)
    tll, _ = median_of(load, 3 if quick else 5)
    base = [ng, "tag", "--no-shipped", "--names", NAMES, "--dict", img, "--format", "jsonl"]
    # (one and two threads alternated: the speed-up is the median of the
    # rounds' ratios)
    # (and one thread pinned to each of the first two CPUs, when there are
    # two: the vCPUs of a virtual machine need not go at one speed, and the
    # two-thread run can at best go at their sum; its share of that sum is
    # the parallel efficiency, the median of the rounds')
    cmds = [base + ["--threads", "1", corpus], base + ["--threads", "2", corpus]]
    if pinned:
        cmds += [["taskset", "-c", str(c)] + base + ["--threads", "1", corpus] for c in (0, 1)]
    times, rsss, ratios, rounds = alternated(cmds, runs)
    t1, t2 = times[0], times[1]
    rss1, rss2 = rsss[0], rsss[1]
    up = ratios[1]
    if pinned:
        eff = statistics.median((1 / b) / (1 / c0 + 1 / c1) for b, c0, c1 in zip(rounds[1], rounds[2], rounds[3]))
        pins = f"{rate(mb / times[2])} / {rate(mb / times[3])} | {100 * eff:.0f} %"
    else:
        pins = "- | -"

    out = subprocess.run(base + [corpus], capture_output=True, check=True).stdout
    nm = out.count(b'"start"')
    # Hyperscan: the database is cached next to the dictionary (its build
    # time is measured when it is built, and kept)
    hdb = os.path.join(data, f"hs_{label}.db")
    htime = os.path.join(data, f"hs_{label}.build-s")
    if not fresh(hdb, txt, hsb) or not os.path.exists(htime):
        for p in (hdb, htime):
            if os.path.exists(p):
                os.remove(p)
    hs = subprocess.run([hsb, txt, corpus, str(1 if quick else runs), hdb], capture_output=True, check=True, text=True).stdout
    kv = dict(x.split("=") for x in hs.split())
    if float(kv["hs_build_s"]) >= 0:
        open(htime, "w").write(kv["hs_build_s"] + "\n")
    hbuild = float(open(htime).read())
    # grep's output goes through a pipe: with stdout on /dev/null GNU grep
    # stops at the first match (as -q does) and would time nothing
    gcmd = f"LC_ALL=C.UTF-8 grep -F -o -w -f {txt} {corpus} | wc -l"
    gsaved = os.path.join(data, f"grep_{label}_{os.path.basename(corpus)}.txt")
    if quick and fresh(gsaved, txt, corpus):
        tg, gm = open(gsaved).read().split()
        tg = float(tg)
    else:
        tg, _ = median_of(["sh", "-c", gcmd + " >/dev/null"], 1 if quick or label == "1m" else runs)
        gm = subprocess.run(["sh", "-c", gcmd], capture_output=True, text=True).stdout.strip()
        open(gsaved, "w").write(f"{tg} {gm}\n")
    print(f"| {label} | {100 * float(kv['share']):.1f} % | {tcs} | {size:.1f} | {tl * 1000:.0f} / {tll * 1000:.1f} | {rate(mb / t1)} "
          f"| {rate(mb / t2)} | {up:.2f}x | {pins} | {rss1:.0f} / {rss2:.0f} | {nm} | {rate(float(kv['hs_mbs']))} "
          f"| {hbuild:.1f} ({float(kv['hs_db_mb']):.0f} MB) | {kv['hs_matches']} | {rate(mb / tg)} | {gm} "
          f"| {(mb / t1) / float(kv['hs_mbs']):.2f}x |")
    sys.stdout.flush()
print()
print("dict words: share of the text's words (letters and digits, case folded) that are words of some name.")
print("newsgraph MB/s: whole process, compiled image, case-insensitive Unicode matching with word boundaries,")
print("case forms, name rules with the shipped given-name lists (--names), context, JSON Lines output.")
print("load ms: tagging an empty file with the image alone (the given-name lists add their own start-up, the")
print("same for every dictionary); verified: NEWSGRAPH_VERIFY=full, every page read (checksum, index checks);")
print("listed: the image in the record of verified images, header and section table checked. The throughput")
print("runs open the image listed, as every run after the first one does.")
print("1 thread on CPU 0 / 1: pinned (taskset), alternated with the others; a virtual machine's vCPUs may differ")
print("in speed. 2 threads ÷ (CPU 0 + CPU 1): the two-thread run's throughput over the sum of the pinned ones,")
print("median of the rounds' (100 %: two threads as fast as the two CPUs allow).")
print("Hyperscan 5.4: scan only (text in memory), case-sensitive literals, whole words, leftmost-longest;")
print("build apart (cached in the data directory once built). grep: whole process, byte-exact, whole words.")
