#!/usr/bin/env python3
"""A small HTTP load tool for bench-members-1m.sh (standard library only: threads + http.client).

  search: N clients send GET <path>?<query> for the queries of one or more url files (lines "tag TAB
          query"), each client through its own keep-alive connection, for --seconds after a --warmup;
          reports latency p50/p90/p99/max and req/s, overall and per tag.
  walk:   N clients page through GET <path> with the cursor: each starts at a cursor of --cursors (a page
          boundary the API could have issued), follows next_cursor for up to --pages pages, then takes
          the next start; reports req/s and latency.

The bearer token comes from the environment (BENCH_TOKEN). Any answer other than 200, or a failed
connection, stops the run with exit status 1: numbers of error answers are not reported.
Prints one JSON object (and writes it to --out).
"""

import argparse
import http.client
import json
import math
import os
import random
import re
import sys
import threading
import time
from urllib.parse import urlsplit

NEXT_CURSOR = re.compile(rb'"next_cursor":(null|"([^"]*)")')


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    # Nearest rank: the smallest value with at least p% of the samples at or below it.
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100.0 * len(sorted_values)) - 1))
    return sorted_values[k]


def summary(samples, seconds):
    lat = sorted(s[0] for s in samples)
    items = [s[1] for s in samples]
    return {
        "requests": len(samples),
        "rps": round(len(samples) / seconds, 1) if seconds > 0 else None,
        "p50_ms": round(percentile(lat, 50) * 1000, 2) if lat else None,
        "p90_ms": round(percentile(lat, 90) * 1000, 2) if lat else None,
        "p99_ms": round(percentile(lat, 99) * 1000, 2) if lat else None,
        "max_ms": round(lat[-1] * 1000, 2) if lat else None,
        "mean_items": round(sum(items) / len(items), 1) if items else None,
        "empty_pages": sum(1 for i in items if i == 0),
    }


class Run:
    def __init__(self, args):
        u = urlsplit(args.base)
        self.host, self.port = u.hostname, u.port or 80
        if self.host not in ("127.0.0.1", "localhost", "::1"):
            sys.exit("load: loopback only")
        self.headers = {"Authorization": "Bearer " + os.environ["BENCH_TOKEN"], "Accept": "application/json"}
        self.path = args.path
        self.timeout = args.timeout
        self.lock = threading.Lock()
        self.samples = []
        self.failure = None
        self.stop = threading.Event()

    def get(self, conn, url):
        t0 = time.perf_counter()
        conn.request("GET", url, headers=self.headers)
        r = conn.getresponse()
        body = r.read()
        elapsed = time.perf_counter() - t0
        if r.status != 200:
            raise RuntimeError(f"GET {url} answered {r.status}: {body[:300]!r}")
        return elapsed, body

    def fail(self, why):
        with self.lock:
            if self.failure is None:
                self.failure = why
        self.stop.set()

    def run(self, clients, seconds, target, record=True):
        self.stop.clear()
        deadline = time.perf_counter() + seconds
        threads = [threading.Thread(target=self.client, args=(i, clients, deadline, target, record), daemon=True)
                   for i in range(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 120)
        if any(t.is_alive() for t in threads):
            self.fail("a client hung for two minutes past the deadline")
        return time.perf_counter() - t0

    def client(self, i, clients, deadline, target, record):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            target(i, clients, deadline, conn, record)
        except Exception as e:  # any failure stops the whole run
            self.fail(f"client {i}: {type(e).__name__}: {e}")
        finally:
            conn.close()


def search(args):
    queries = []
    for f in args.urls:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    tag, q = line.rstrip("\n").split("\t", 1)
                    queries.append((tag, q))
    if not queries:
        sys.exit("load: no queries")
    random.Random(7).shuffle(queries)
    run = Run(args)
    used = set()

    def target(i, clients, deadline, conn, record):
        j = (i * len(queries)) // clients
        while not run.stop.is_set() and time.perf_counter() < deadline:
            tag, q = queries[j % len(queries)]
            j += 1
            url = f"{run.path}?{q}" + (f"&{args.extra}" if args.extra else "")
            elapsed, body = run.get(conn, url)
            if record:
                with run.lock:
                    run.samples.append((elapsed, body.count(b'"organisation_name"'), tag))
                    used.add(q)

    if args.warmup > 0:
        run.run(args.clients, args.warmup, target, record=False)
    seconds = run.run(args.clients, args.seconds, target) if run.failure is None else 0
    result = {"mode": "search", "clients": args.clients, "seconds": round(seconds, 2),
              "queries": len(queries), "distinct_queries_sent": len(used)}
    result.update(summary(run.samples, seconds))
    result["by_tag"] = {t: summary([s for s in run.samples if s[2] == t], seconds)
                        for t in sorted({s[2] for s in run.samples})}
    return run, result


def walk(args):
    with open(args.cursors, encoding="utf-8") as fh:
        starts = [line.strip() for line in fh if line.strip()]
    if not starts:
        sys.exit("load: no start cursors")
    run = Run(args)
    next_start = [0]
    pages_walked = [0]

    def target(i, clients, deadline, conn, record):
        while not run.stop.is_set() and time.perf_counter() < deadline:
            with run.lock:
                cursor = starts[next_start[0] % len(starts)]
                next_start[0] += 1
            for _ in range(args.pages):
                if run.stop.is_set() or time.perf_counter() >= deadline or cursor is None:
                    break
                url = f"{run.path}?cursor={cursor}" + (f"&{args.extra}" if args.extra else "")
                elapsed, body = run.get(conn, url)
                m = NEXT_CURSOR.search(body, max(0, len(body) - 400))
                if m is None:
                    raise RuntimeError(f"no next_cursor in the answer to {url}")
                cursor = m.group(2).decode() if m.group(2) is not None else None
                if record:
                    with run.lock:
                        run.samples.append((elapsed, body.count(b'"organisation_name"'), "page"))
                        pages_walked[0] += 1

    if args.warmup > 0:
        run.run(args.clients, args.warmup, target, record=False)
    seconds = run.run(args.clients, args.seconds, target) if run.failure is None else 0
    result = {"mode": "walk", "clients": args.clients, "seconds": round(seconds, 2),
              "pages_per_start": args.pages, "starts_used": next_start[0]}
    result.update(summary(run.samples, seconds))
    result["members_per_s"] = round(sum(s[1] for s in run.samples) / seconds, 0) if seconds else None
    return run, result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["search", "walk"])
    ap.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--path", default="/api/v1/members")
    ap.add_argument("--urls", action="append", default=[], help="search: file of 'tag TAB query' lines")
    ap.add_argument("--cursors", help="walk: file of start cursors")
    ap.add_argument("--pages", type=int, default=100, help="walk: pages to follow from each start")
    ap.add_argument("--extra", default="", help="appended to every query string, e.g. organisation_id=...")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--warmup", type=float, default=3)
    ap.add_argument("--timeout", type=float, default=60, help="seconds one request may take")
    ap.add_argument("--label", default="")
    ap.add_argument("--out")
    args = ap.parse_args()
    run, result = (search if args.mode == "search" else walk)(args)
    result["label"] = args.label
    if run.failure:
        print(f"load: {args.label}: FAILED: {run.failure}", file=sys.stderr)
        sys.exit(1)
    if not run.samples:
        print(f"load: {args.label}: no request completed", file=sys.stderr)
        sys.exit(1)
    text = json.dumps(result, ensure_ascii=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
