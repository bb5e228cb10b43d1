#!/usr/bin/env python3
"""Load test of 'newsgraph serve' (called by tools/bench/serve_bench.sh):
C concurrent clients (default 200), each on its own keep-alive connection,
send N requests in all (default 10,000) of mixed endpoints against a running
server, then one client sends the same mix one request at a time (the
service time without queueing). Prints p50/p99 latency per endpoint.
Standard library only (asyncio); bounded in time (--timeout seconds).

usage: serve_bench.py URL N_ENTITIES [--clients C] [--requests N] [--timeout S]
"""
import asyncio, json, random, statistics, sys, time
from urllib.parse import quote, urlparse

args = [a for a in sys.argv[1:] if not a.startswith('--')]
opts = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--'))
url = urlparse(args[0])
n_ent = int(args[1])
CLIENTS = int(opts.get('clients', 200))
REQUESTS = int(opts.get('requests', 10000))
TIMEOUT = float(opts.get('timeout', 600))
rng = random.Random(11)


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


async def run(work, clients):
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
            if st != 200 and not (st == 404 and k in ('entity', 'neighbors', 'ego-1', 'ego-2-100')):
                errors[k] = errors.get(k, 0) + 1
            if k == 'ego-2-100' and st == 200:
                ego2_nodes.append(len(json.loads(body)['nodes']))
        w.close()

    t0 = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*[client() for _ in range(clients)]), TIMEOUT)
    return lat, errors, time.perf_counter() - t0, ego2_nodes


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))] * 1000


async def main():
    pairs, names = await prepare()
    work = mix(pairs, names, REQUESTS)
    lat, errors, secs, ego2 = await run(work, CLIENTS)
    seq_work = mix(pairs, names, min(1200, REQUESTS))
    slat, serr, ssecs, _ = await run(seq_work, 1)
    print('%d requests from %d concurrent clients in %.1f s (%.0f requests/s); errors: %s'
          % (len(work), CLIENTS, secs, len(work) / secs, errors or 'none'))
    if ego2:
        print('depth-2 ego networks: median %d nodes (top=100: the centre and up to 100 others)' % statistics.median(ego2))
    print()
    print('| endpoint | requests | p50 (200 clients) | p99 (200 clients) | p50 (1 client) | p99 (1 client) | target p99 |')
    print('|---|---:|---:|---:|---:|---:|---|')
    targets = {'entity': '<= 50 ms', 'neighbors': '<= 50 ms', 'ego-2-100': '<= 300 ms'}
    for k in ['entity', 'neighbors', 'search', 'evidence', 'ego-1', 'ego-2-100']:
        if k not in lat: continue
        s = slat.get(k, [0])
        print('| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |' % (
            k, len(lat[k]), pct(lat[k], .5), pct(lat[k], .99), pct(s, .5), pct(s, .99), targets.get(k, '')))

asyncio.run(main())
