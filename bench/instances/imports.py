#!/usr/bin/env python3
"""Data returns for bench/instances/run: a CSV to import, and imports through the API in a loop.

  imports.py generate --base URL --token T --slug S --rows N FILE
      writes FILE: N rows of the long data-return format for the partnership's own indicators
      (every indicator, reporting years 2000-01 to 2023-24, the year and its quarters, headline
      and IMD deciles), values seeded so every run sends the same bytes.
  imports.py loop --url URL --token T --file FILE --seconds S --out JSON
      posts FILE to URL (POST …/imports/indicator-values, text/csv) one import after another until
      S seconds have passed (an import under way then is finished and counted); writes what
      each answered and how long it took to JSON.
  imports.py probe --url URL --cookie C --seconds S --out JSON
      asks for a signed-in page (session cookie C) one request at a time, every 0.1 s, for S seconds;
      writes each answer's status and time to JSON (how the instance doing the imports answers).
"""
import argparse
import json
import random
import time
import urllib.error
import urllib.request


def get_json(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def generate(args):
    indicators = [i["key"] for i in get_json(f"{args.base}/api/v1/partnerships/{args.slug}/indicators", args.token)]
    if not indicators:
        raise SystemExit("imports.py: the partnership has no indicators to import values for")
    combinations = []
    for first in range(2000, 2024):
        year = f"{first}-{(first + 1) % 100:02d}"
        for period in [year] + [f"{year} Q{q}" for q in range(1, 5)]:
            for breakdown, group in [("all", "all")] + [("imd_decile", str(d)) for d in range(1, 11)]:
                combinations.append((period, breakdown, group))
    rng = random.Random(16)
    lines = ["indicator,period,series,breakdown,group,value,numerator,denominator"]
    for n in range(args.rows):
        key = indicators[n % len(indicators)]
        period, breakdown, group = combinations[(n // len(indicators)) % len(combinations)]
        denominator = rng.randint(1000, 60000)
        numerator = rng.randint(0, denominator // 10)
        value = round(10000 * numerator / denominator, 1)
        lines.append(f"{key},{period},local,{breakdown},{group},{value},{numerator},{denominator}")
    unique = len({tuple(l.split(",")[:5]) for l in lines[1:]})
    if unique != args.rows:
        raise SystemExit(f"imports.py: only {unique} distinct rows for {args.rows} asked (more than "
                         f"{len(indicators) * len(combinations)} would repeat a key)")
    with open(args.file, "w") as out:
        out.write("\n".join(lines) + "\n")
    print(f"{args.rows} rows for {len(indicators)} indicators")


def loop(args):
    body = open(args.file, "rb").read()
    started = time.monotonic()
    imports = []
    while time.monotonic() - started < args.seconds:
        request = urllib.request.Request(args.url, data=body, method="POST", headers={
            "Authorization": f"Bearer {args.token}", "Content-Type": "text/csv"})
        t0 = time.monotonic()
        status, rows, detail = None, None, ""
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status = answer.status
                rows = json.load(answer).get("rows_written")
        except urllib.error.HTTPError as error:
            status = error.code
            detail = error.read()[:300].decode(errors="replace")
        except OSError as error:
            status = f"error: {error}"
        imports.append({"status": status, "seconds": round(time.monotonic() - t0, 3), "rows_written": rows, "detail": detail})
    json.dump({"imports": imports, "bytes": len(body), "seconds": round(time.monotonic() - started, 3)}, open(args.out, "w"))


def probe(args):
    started = time.monotonic()
    answers = []
    while time.monotonic() - started < args.seconds:
        request = urllib.request.Request(args.url, headers={"Cookie": f"safeguarding_session={args.cookie}"})
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = f"error: {type(error).__name__}"
        answers.append({"status": status, "seconds": round(time.monotonic() - t0, 4)})
        time.sleep(0.1)
    json.dump({"answers": answers}, open(args.out, "w"))


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    g = commands.add_parser("generate")
    g.add_argument("--base", required=True)
    g.add_argument("--token", required=True)
    g.add_argument("--slug", required=True)
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("file")
    l = commands.add_parser("loop")
    l.add_argument("--url", required=True)
    l.add_argument("--token", required=True)
    l.add_argument("--file", required=True)
    l.add_argument("--seconds", type=float, required=True)
    l.add_argument("--out", required=True)
    r = commands.add_parser("probe")
    r.add_argument("--url", required=True)
    r.add_argument("--cookie", required=True)
    r.add_argument("--seconds", type=float, required=True)
    r.add_argument("--out", required=True)
    args = parser.parse_args()
    {"generate": generate, "loop": loop, "probe": probe}[args.command](args)


if __name__ == "__main__":
    main()
