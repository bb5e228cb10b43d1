#!/usr/bin/env python3
"""Load test of 'newsgraph serve' (called by tools/bench/serve_bench.sh):
C concurrent clients (default 200), each on its own keep-alive connection,
send N requests in all (default 10,000) of mixed endpoints against a running
server, then one client sends the same mix one request at a time (the
service time without queueing). Prints p50/p99 latency per endpoint, from
each request's start on its open connection (its connection's setup, for
the first request of a client, is printed apart), and the p99 of the same
run less its first 1,000 answers (the start's burst).
Standard library only (asyncio); bounded in time (--timeout seconds).

usage: serve_bench.py URL N_ENTITIES [--clients C] [--requests N] [--timeout S] [--warmup N] [--client PROG] [--ready]
(--warmup N: N requests of the mix from 20 clients before, not counted;
--ready: the test starts once the server's ego index is built (an ego
network of another seed than the mix's answered with X-Ego-Index: used),
not while the server builds it (~2 s of a processor on the bench database);
--client PROG: the requests are sent by PROG, tools/bench/serve_load.c,
libcurl in C, instead of asyncio here: the same plan, made here, the same
connections, the table printed here. Measured on the bench database, the
two spend about the same CPU during the 10,000 requests, 0.8-1.1 s, against
the server's 8-11 s: the client is not what limits the test.)
"""
import asyncio, json, os, random, resource, statistics, subprocess, sys, tempfile, time
from urllib.parse import quote, urlparse

args = [a for a in sys.argv[1:] if not a.startswith('--')]
opts = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--') and '=' in a)
url = urlparse(args[0])
n_ent = int(args[1])
CLIENTS = int(opts.get('clients', 200))
REQUESTS = int(opts.get('requests', 10000))
TIMEOUT = float(opts.get('timeout', 600))
WARMUP = int(opts.get('warmup', 0))
CLIENT = opts.get('client')
READY = "--ready" in sys.argv
rng = random.Random(11)
hits = [0]   # answers the server took from its cache (X-Cache: hit)


def pick():   # the generator's skew (tools/bench/gen_graph.py): a few hubs, a long tail
    return 'e%d' % min(n_ent - 1, int(n_ent * (rng.random() ** 2.2)))


async def request(reader, writer, path):
    writer.write(('GET %s HTTP/1.1\r\nHost: %s\r\n\r\n' % (path, url.netloc)).encode())
    await writer.drain()
    head = await reader.readuntil(b'\r\n\r\n')
    status = int(head.split(b' ', 2)[1])
    length = 0
    for line in head.split(b'\r\n'):
        if line.lower().startswith(b'content-length:'):
            length = int(line.split(b':', 1)[1])
    body = await reader.readexactly(length)
    close = b'connection: close' in head.lower()
    if b'\r\nx-cache: hit' in head.lower():
        hits[0] += 1
    return status, body, close


async def connect():
    return await asyncio.open_connection(url.hostname, url.port)


async def prepare():
    """Pairs of neighbours for the evidence requests, names for search."""
    r, w = await connect()
    pairs, names = [], []
    for _ in range(60):
        e = pick()
        st, body, close = await request(r, w, '/api/neighbors/%s?top=5' % e)
        if close: w.close(); r, w = await connect()
        if st == 200:
            d = json.loads(body)
            names.append(d['entity']['name'])
            for nb in d['neighbors'][:3]:
                pairs.append((e, nb['id']))
    w.close()
    return pairs, names


def mix(pairs, names, n):
    kinds = [('entity', 30), ('neighbors', 25), ('search', 15), ('evidence', 10), ('ego-1', 12), ('ego-2-100', 8)]
    pool = [k for k, w in kinds for _ in range(w)]
    out = []
    for _ in range(n):
        k = rng.choice(pool)
        if k == 'entity': p = '/api/entity/' + pick()
        elif k == 'neighbors': p = '/api/neighbors/%s?top=20' % pick()
        elif k == 'search':
            nm = rng.choice(names)
            p = '/api/search?q=' + quote(nm[:rng.randint(3, max(3, len(nm)))]) + '&limit=8'
        elif k == 'evidence':
            a, b = rng.choice(pairs)
            p = '/api/evidence/%s/%s?limit=10' % (a, b)
        elif k == 'ego-1': p = '/api/ego/%s?depth=1&top=30' % pick()
        else: p = '/api/ego/%s?depth=2&top=100' % pick()
        out.append((k, p))
    return out


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_external(work, clients):
    """The same as run(), the requests sent by the C client (--client)."""
    lat, errors, ego2_nodes = {}, {}, []
    with tempfile.TemporaryDirectory() as d:
        plan, out = os.path.join(d, 'plan'), os.path.join(d, 'out')
        with open(plan, 'w') as f:
            for k, p in work:
                f.write('%s\t%s\n' % (k, p))
        base = '%s://%s' % (url.scheme, url.netloc)
        rc = subprocess.call([CLIENT, base, plan, out, '--clients', str(clients), '--timeout', str(TIMEOUT),
                              '--nodes', 'ego-2-100'])
        secs = cpu = None
        for line in open(out):
            f = line.rstrip('\n').split('\t')
            if f[0] == '#':
                secs, cpu = float(f[1]), float(f[2])
                continue
            k, st, us, hit, nodes = f[0], int(f[1]), int(f[2]), int(f[3]), int(f[4])
            lat.setdefault(k, []).append(us / 1e6)
            order.append((k, us / 1e6))
            with_setup.setdefault(k, []).append(int(f[5]) / 1e6)
            hits[0] += hit
            if st != 200 and not (st == 404 and k in ('entity', 'neighbors', 'ego-1', 'ego-2-100')):
                errors[k] = errors.get(k, 0) + 1
            if k == 'ego-2-100' and st == 200:
                ego2_nodes.append(nodes)
    if rc or sum(len(v) for v in lat.values()) != len(work):
        sys.exit('serve bench: the load client failed (exit %d)' % rc)
    client_cpu[0] = cpu
    return lat, errors, secs, ego2_nodes


client_cpu = [None]   # CPU seconds of the client during the last run
order = []   # (kind, seconds) of the last run's requests in the order they were answered
with_setup = {}   # kind -> seconds counted from the C client's hand-over, connection setup included


async def run(work, clients):
    if CLIENT:
        return run_external(work, clients)
    c0 = cpu_self()
    lat, errors, sizes = {}, {}, {}
    queue = list(reversed(work))
    ego2_nodes = []

    async def client():
        r, w = await connect()
        while queue:
            k, p = queue.pop()
            t = time.perf_counter()
            st, body, close = await request(r, w, p)
            dt = time.perf_counter() - t
            if close:
                w.close()
                r, w = await connect()
            lat.setdefault(k, []).append(dt)
            order.append((k, dt))
            if st != 200 and not (st == 404 and k in ('entity', 'neighbors', 'ego-1', 'ego-2-100')):
                errors[k] = errors.get(k, 0) + 1
            if k == 'ego-2-100' and st == 200:
                ego2_nodes.append(len(json.loads(body)['nodes']))
        w.close()

    t0 = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*[client() for _ in range(clients)]), TIMEOUT)
    secs = time.perf_counter() - t0
    client_cpu[0] = cpu_self() - c0
    return lat, errors, secs, ego2_nodes


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))] * 1000


async def wait_ready():
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < TIMEOUT:
        r, w = await connect()
        writer_path = '/api/ego/e0?depth=1&top=1&seed=%d' % (int((time.perf_counter() - t0) * 100) + 1000)
        w.write(('GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' % (writer_path, url.netloc)).encode())
        await w.drain()
        head = await r.readuntil(b'\r\n\r\n')
        w.close()
        if b'\r\nx-ego-index: used' in head.lower():
            return time.perf_counter() - t0
        await asyncio.sleep(0.05)
    sys.exit('serve bench: the ego index was not ready after %.0f s' % TIMEOUT)


async def main():
    if READY:
        print('the ego index was ready %.1f s after the server printed its URL; the test starts then' % await wait_ready())
    pairs, names = await prepare()
    if WARMUP:   # a server that has been up a while: its threads' connections and caches warm
        await run(mix(pairs, names, WARMUP), 20)
        print('warm-up: %d requests of the same mix from 20 clients first (not counted)' % WARMUP)
    work = mix(pairs, names, REQUESTS)
    hits[0] = 0
    del order[:]
    with_setup.clear()
    lat, errors, secs, ego2 = await run(work, CLIENTS)
    setup = {k: list(v) for k, v in with_setup.items()}
    conc_hits, conc_cpu = hits[0], client_cpu[0]
    # the same requests less the first SKIP answered: the 200 clients start
    # in the same millisecond on a just-started server, a burst no later
    # moment of the run sees (printed beside, not instead)
    skip = min(1000, len(order) // 10)
    steady = {}
    for k, t in order[skip:]:
        steady.setdefault(k, []).append(t)
    seq_work = mix(pairs, names, min(1200, REQUESTS))
    slat, serr, ssecs, _ = await run(seq_work, 1)
    print('%d requests from %d concurrent clients in %.1f s (%.0f requests/s); errors: %s; answered from the cache: %d'
          % (len(work), CLIENTS, secs, len(work) / secs, errors or 'none', conc_hits))
    print('client: %s, %.1f s of CPU during the run' % (
        'C, libcurl (%s)' % os.path.basename(CLIENT) if CLIENT else 'Python asyncio', conc_cpu))
    if ego2:
        print('depth-2 ego networks: median %d nodes (top=100: the centre and up to 100 others)' % statistics.median(ego2))
    print()
    print('| endpoint | requests | p50 (200 clients) | p99 (200 clients) | p99 less the first %d answered | p50 (1 client) | p99 (1 client) | target p99 |' % skip)
    print('|---|---:|---:|---:|---:|---:|---:|---|')
    targets = {'entity': '<= 50 ms', 'neighbors': '<= 50 ms', 'ego-2-100': '<= 300 ms'}
    for k in ['entity', 'neighbors', 'search', 'evidence', 'ego-1', 'ego-2-100']:
        if k not in lat: continue
        s = slat.get(k, [0])
        print('| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |' % (
            k, len(lat[k]), pct(lat[k], .5), pct(lat[k], .99), pct(steady.get(k, [0]), .99), pct(s, .5), pct(s, .99),
            targets.get(k, '')))
    if setup:
        print()
        print('Latency counts from the request\'s start on its open keep-alive connection (as the asyncio client')
        print('and wrk count). Counted from the moment the C client handed each request to libcurl, a client\'s')
        print('first request also waits for its connection, set up for the 200 clients at once: p99 ' +
              ', '.join('%s %.1f ms' % (k, pct(setup[k], .99)) for k in ['entity', 'neighbors', 'ego-2-100'] if k in setup) + '.')

asyncio.run(main())
