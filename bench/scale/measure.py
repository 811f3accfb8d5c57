#!/usr/bin/env python3
"""Times GET requests one after another on one keep-alive connection (bench/scale/run).

    measure.py BASE_URL ENDPOINTS.tsv OUT.json [--warmup 5] [--requests 30] [--budget 8]

ENDPOINTS.tsv: one line per request, `label<TAB>path<TAB>auth`, auth being `cookie` or `token`;
the cookie and the token come from the environment (SCALE_COOKIE, SCALE_TOKEN). Each request is
first checked to answer 200 (else the script fails, printing the start of the answer). Then
`--warmup` unreported requests (the check is the first; no more once they have taken a third of
`--budget`), and up to `--requests` timed ones, stopping once they have taken `--budget` seconds;
at least `--minimum` (3) are timed unless that would take over twice the budget, so a request that
takes many seconds at 100x is timed once or twice instead of taking the whole run. Time is from sending the request to having read the whole body.
Writes, per request: median and p90 (ms), the body's size in bytes, how many answers were not 200
(counted, and the script fails if any), and with `--pid` the server's CPU time (user + system, from
/proc/PID/stat, 10 ms ticks) per timed request, which other work on the machine disturbs far less
than the wall time.
"""
import argparse
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("endpoints")
parser.add_argument("out")
parser.add_argument("--warmup", type=int, default=5)
parser.add_argument("--requests", type=int, default=30)
parser.add_argument("--budget", type=float, default=8.0)
parser.add_argument("--minimum", type=int, default=3)
parser.add_argument("--pid", type=int, help="the server's process id: its CPU time per timed request is recorded too")
args = parser.parse_args()

base = urllib.parse.urlsplit(args.base)
headers_for = {
    "cookie": {"Cookie": os.environ.get("SCALE_COOKIE", "")},
    "token": {"Authorization": "Bearer " + os.environ.get("SCALE_TOKEN", "")},
}
connection = http.client.HTTPConnection(base.hostname, base.port, timeout=120)


def get(path, auth):
    """One GET on the shared connection: (status, body, seconds)."""
    global connection
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={**headers_for[auth], "Accept-Encoding": "identity"})
        response = connection.getresponse()
        body = response.read()
    except (http.client.HTTPException, OSError):
        # The server closed the connection (it may after an error): one new connection, once.
        connection.close()
        connection = http.client.HTTPConnection(base.hostname, base.port, timeout=120)
        started = time.perf_counter()
        connection.request("GET", path, headers={**headers_for[auth], "Accept-Encoding": "identity"})
        response = connection.getresponse()
        body = response.read()
    return response.status, body, time.perf_counter() - started


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds():
    """User + system CPU time the server has used so far (None without --pid)."""
    if not args.pid:
        return None
    with open(f"/proc/{args.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def percentile(values, share):
    ordered = sorted(values)
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


results = []
for line in open(args.endpoints):
    if not line.strip() or line.startswith("#"):
        continue
    label, path, auth = line.rstrip("\n").split("\t")
    status, body, _ = get(path, auth)
    if status != 200:
        sys.stderr.write(f"measure.py: {path} answered {status}, expected 200:\n{body[:1500].decode('utf-8', 'replace')}\n")
        sys.exit(1)
    # The check was the first warm-up; more only while they stay cheap.
    warm_started = time.perf_counter()
    for _ in range(args.warmup - 1):
        if time.perf_counter() - warm_started > args.budget / 3:
            break
        get(path, auth)
    times, sizes, errors = [], set(), 0
    spent = 0.0
    cpu_before = server_cpu_seconds()
    # Up to --requests, until --budget seconds are spent; at least --minimum unless that would take
    # more than twice the budget (a request of many seconds is timed once or twice).
    while len(times) < args.requests and (spent < args.budget or (len(times) < args.minimum and spent < 2 * args.budget)):
        status, body, seconds = get(path, auth)
        if status != 200:
            errors += 1
        times.append(seconds * 1000)
        sizes.add(len(body))
        spent += seconds
    cpu_after = server_cpu_seconds()
    result = {"label": label, "path": path, "auth": auth, "requests": len(times), "errors": errors,
              "median_ms": statistics.median(times), "p90_ms": percentile(times, 0.9),
              "min_ms": min(times), "max_ms": max(times), "bytes": max(sizes), "bytes_min": min(sizes),
              "server_cpu_ms": None if cpu_before is None else (cpu_after - cpu_before) * 1000 / len(times)}
    results.append(result)
    sys.stderr.write(f"    {label}: median {result['median_ms']:.1f} ms, p90 {result['p90_ms']:.1f} ms, "
                     f"{result['bytes']} bytes, {len(times)} requests, {errors} errors"
                     + ("" if result["server_cpu_ms"] is None else f", server CPU {result['server_cpu_ms']:.1f} ms a request") + "\n")

json.dump(results, open(args.out, "w"), indent=1)
if any(r["errors"] for r in results):
    sys.exit("measure.py: some answers were not 200 (see the errors column)")
