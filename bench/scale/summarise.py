#!/usr/bin/env python3
"""Writes bench/scale/run's table (Markdown) and chart (SVG) from its measurements.

    summarise.py WORK --binary BIN --commit SHA --markdown OUT.md --svg OUT.svg

WORK holds sizes.tsv (one line per size: size, the grown tables' counts, seconds to generate,
database bytes, the report's median seconds, its peak KiB, its bytes, CPUs busy before measuring)
and measured-SIZE.json (bench/scale/measure.py's output). The chart is plain SVG: data size on a
log x axis (1, 10, 100), time as a ratio to 1x on a log y axis, one line per request, with the line
a cost proportional to the data stored would follow.
"""
import argparse
import datetime
import html
import json
import math
import os

parser = argparse.ArgumentParser()
parser.add_argument("work")
parser.add_argument("--binary", required=True)
parser.add_argument("--commit", required=True)
parser.add_argument("--markdown", required=True)
parser.add_argument("--svg", required=True)
parser.add_argument("--requests", type=int, default=30)
args = parser.parse_args()

sizes = []
for line in open(os.path.join(args.work, "sizes.tsv")):
    size, counts, generated, db_bytes, report_s, report_kib, report_bytes, busy, report_cpu = line.rstrip("\n").split("\t")
    sizes.append({"size": int(size), "counts": dict(kv.split("=") for kv in counts.split()), "generated": float(generated),
                  "db_bytes": int(db_bytes), "report_ms": float(report_s) * 1000, "report_kib": int(report_kib),
                  "report_bytes": int(report_bytes), "busy": int(busy), "report_cpu_ms": float(report_cpu) * 1000,
                  "measured": {r["label"]: r for r in json.load(open(os.path.join(args.work, f"measured-{size}.json")))}})
first = sizes[0]
labels = [r for r in first["measured"]]
REPORT = "`safeguarding report` HTML, 2023-24 (whole command)"

rows = []  # label, path, [{median, p90, bytes, requests, cpu}] per size
for label in labels:
    per = [{"median": m["median_ms"], "p90": m["p90_ms"], "bytes": m["bytes"], "requests": m["requests"], "cpu": m.get("server_cpu_ms")}
           for m in (s["measured"][label] for s in sizes)]
    rows.append((label, first["measured"][label]["path"], per))
rows.append((REPORT, None, [{"median": s["report_ms"], "p90": None, "bytes": s["report_bytes"], "requests": None, "cpu": s["report_cpu_ms"]}
                            for s in sizes]))


def ms(value):
    if value is None:
        return "n/a"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def ratio(value, base):
    if value is None or not base:
        return "n/a"
    r = value / base
    return f"{r:.1f}" if r < 10 else f"{r:.0f}"


def name(label, path):
    return f"{label}<br>`{path}`" if path else label


now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
cpus = os.cpu_count()
memory = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal:")) / 1048576
later = sizes[1:]
out = [f"## bench/scale/run, {now}", "",
       f"Release binary `{args.binary}` (Sources as at commit `{args.commit}`); {cpus} CPUs, {memory:.0f} GiB; SQLite; "
       f"SAFEGUARDING_TODAY=2024-03-31. Each request timed on one keep-alive connection, one at a time, after up to 5 unreported ones; "
       f"the report is the whole `safeguarding report` process (median of its runs). CPUs busy before measuring: "
       + ", ".join(f"{s['busy']} % at {s['size']}x" for s in sizes) + ".", "",
       "### Stored data", "",
       "| table | " + " | ".join(f"{s['size']}x" for s in sizes) + " |",
       "|---|" + "---:|" * len(sizes)]
for table in first["counts"]:
    out.append(f"| `{table}` | " + " | ".join(f"{int(s['counts'][table]):,}" for s in sizes) + " |")
out.append("| database file, MB | " + " | ".join(f"{s['db_bytes'] / 1048576:.0f}" for s in sizes) + " |")
out.append("| seconds to add this size's years | " + " | ".join(f"{s['generated']:.1f}" for s in sizes) + " |")
out += ["", "### Time per request", "",
        "Median ms (p90 in brackets), and the median as a ratio to 1x: near 1, the cost follows the data shown; "
        "near the size (10, 100), it follows the data stored.", "",
        "| Request | " + " | ".join(f"{s['size']}x ms" for s in sizes) + " | "
        + " | ".join(f"{s['size']}x/{first['size']}x" for s in later) + " |",
        "|---|" + "---:|" * (len(sizes) + len(later))]
for label, path, per in rows:
    cells = [f"{ms(p['median'])} ({ms(p['p90'])})" if p["p90"] is not None else ms(p["median"]) for p in per]
    cells += [ratio(p["median"], per[0]["median"]) for p in per[1:]]
    out.append(f"| {name(label, path)} | " + " | ".join(cells) + " |")
out += ["", "### Server CPU per request, and data shown", "",
        "The server's user + system CPU time per timed request (from /proc; for the report, the whole command's), which other "
        "work on the machine disturbs far less than the time above; and the answer's size in bytes, the data shown.", "",
        "| Request | " + " | ".join(f"{s['size']}x CPU ms" for s in sizes) + " | "
        + " | ".join(f"CPU {s['size']}x/{first['size']}x" for s in later) + " | "
        + " | ".join(f"{s['size']}x bytes" for s in sizes) + " | "
        + " | ".join(f"bytes {s['size']}x/{first['size']}x" for s in later) + " |",
        "|---|" + "---:|" * (len(sizes) * 2 + len(later) * 2)]
for label, path, per in rows:
    cells = [ms(p["cpu"]) for p in per]
    cells += [ratio(p["cpu"], per[0]["cpu"]) for p in per[1:]]
    cells += [f"{p['bytes']:,}" for p in per]
    cells += [ratio(p["bytes"], per[0]["bytes"]) for p in per[1:]]
    out.append(f"| {label} | " + " | ".join(cells) + " |")
few = [(label, s["size"], p["requests"]) for label, _, per in rows for s, p in zip(sizes, per)
       if p["requests"] is not None and p["requests"] < args.requests]
if few:
    out += ["", f"Fewer than {args.requests} timed requests (the per-request time budget was spent): "
            + "; ".join(f"{label} at {size}x: {n}" for label, size, n in few) + "."]
out += ["", f"Report peak memory (max RSS): " + ", ".join(f"{s['report_kib'] / 1024:.0f} MB at {s['size']}x" for s in sizes) + "."]
open(args.markdown, "w").write("\n".join(out) + "\n")
print("\n".join(out))

# ---- the chart -------------------------------------------------------------------------------
W, H = 1080, 620
left, right, top, bottom = 80, 640, 70, 540  # plot area
xs = [s["size"] for s in sizes]
series = [("Report command, HTML" if label == REPORT else label, [per[i]["median"] / per[0]["median"] for i in range(len(sizes))])
          for label, _, per in rows]
series.sort(key=lambda item: -item[1][-1])
top_ratio = max([r for _, values in series for r in values] + [xs[-1] / xs[0]])
low_ratio = min([r for _, values in series for r in values] + [1.0])
y_min = 10 ** math.floor(math.log10(low_ratio * 0.8))
y_max = 10 ** math.ceil(math.log10(top_ratio * 1.2))


def px(x):
    span = math.log10(xs[-1]) - math.log10(xs[0])
    return left + (math.log10(x) - math.log10(xs[0])) / span * (right - left)


def py(y):
    return bottom - (math.log10(y) - math.log10(y_min)) / (math.log10(y_max) - math.log10(y_min)) * (bottom - top)


colours = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#5694ca", "#912b88", "#28a197", "#b58840", "#505a5f"]
dashes = ["", "6 4"]
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
       f'aria-labelledby="scale-title scale-desc" font-family="Arial, Helvetica, sans-serif" font-size="13">']
title = "Time per request as stored data grows, as a ratio to 1x"
desc = (f"Log-log line chart. x: stored data, {', '.join(f'{x}x' for x in xs)} of the synthetic partnership's yearly records "
        f"(learning, indicator breakdowns, audit log); y: median time as a ratio to 1x. A dashed grey line marks a cost "
        f"proportional to the data stored. Ratios at {xs[-1]}x: "
        + "; ".join(f"{label}: {ratio(values[-1], 1)}" for label, values in series)
        + f". Measured {now}, release build of {args.commit}, SQLite, 2 CPUs.")
svg += [f'<title id="scale-title">{html.escape(title)}</title>', f'<desc id="scale-desc">{html.escape(desc)}</desc>',
        f'<rect width="{W}" height="{H}" fill="#ffffff"/>',
        f'<text x="{left}" y="30" font-size="18" font-weight="bold">{html.escape(title)}</text>',
        f'<text x="{left}" y="50" fill="#505a5f">Median of sequential requests on one connection; SQLite, release build {html.escape(args.commit)}, {now[:10]}</text>']
# grid and axes
decade = y_min
while decade <= y_max * 1.0001:
    for step in ([1, 2, 5] if y_max / y_min <= 1000 else [1]):
        y = decade * step
        if y_min <= y <= y_max * 1.0001:
            svg.append(f'<line x1="{left}" x2="{right}" y1="{py(y):.1f}" y2="{py(y):.1f}" stroke="#dddddd"/>')
            svg.append(f'<text x="{left - 8}" y="{py(y) + 4:.1f}" text-anchor="end">{y:g}</text>')
    decade *= 10
for x in xs:
    svg.append(f'<line x1="{px(x):.1f}" x2="{px(x):.1f}" y1="{top}" y2="{bottom}" stroke="#dddddd"/>')
    svg.append(f'<text x="{px(x):.1f}" y="{bottom + 20}" text-anchor="middle">{x}x</text>')
svg += [f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#0b0c0c"/>',
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#0b0c0c"/>',
        f'<text x="{(left + right) / 2}" y="{bottom + 45}" text-anchor="middle">Stored data, log scale (1x: the demo and one reporting year of records)</text>',
        f'<text transform="translate(24 {(top + bottom) / 2}) rotate(-90)" text-anchor="middle">Time, ratio to 1x (log scale)</text>']
# the reference: a cost proportional to the data stored
svg.append(f'<line x1="{px(xs[0]):.1f}" y1="{py(1):.1f}" x2="{px(xs[-1]):.1f}" y2="{py(xs[-1] / xs[0]):.1f}" '
           f'stroke="#505a5f" stroke-width="2" stroke-dasharray="2 4"/>')
svg.append(f'<text x="{px(xs[-1]) - 6:.1f}" y="{py(xs[-1] / xs[0]) - 10:.1f}" text-anchor="end" fill="#505a5f" '
           f'transform="rotate({-math.degrees(math.atan2(py(1) - py(xs[-1] / xs[0]), px(xs[-1]) - px(xs[0]))):.1f} {px(xs[-1]) - 6:.1f} {py(xs[-1] / xs[0]) - 10:.1f})">'
           'time proportional to data stored</text>')
for n, (label, values) in enumerate(series):
    colour, dash = colours[n % len(colours)], dashes[(n // len(colours)) % len(dashes)]
    points = " ".join(f"{px(x):.1f},{py(max(v, y_min)):.1f}" for x, v in zip(xs, values))
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    svg.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}><title>{html.escape(label)}: '
               + ", ".join(f"{ratio(v, 1)} at {x}x" for x, v in zip(xs, values)) + "</title></polyline>")
    for x, v in zip(xs, values):
        svg.append(f'<circle cx="{px(x):.1f}" cy="{py(max(v, y_min)):.1f}" r="3" fill="{colour}"/>')
    ly = top + 4 + n * 22
    svg.append(f'<line x1="{right + 20}" x2="{right + 48}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash_attr}/>')
    short = label if len(label) <= 46 else label[:45] + "…"
    svg.append(f'<text x="{right + 54}" y="{ly + 4}" font-size="12">{html.escape(short)}: {ratio(values[-1], 1)}</text>')
svg.append(f'<text x="{right + 20}" y="{top - 12}" font-size="12" font-weight="bold">Request: ratio at {xs[-1]}x</text>')
svg.append("</svg>")
open(args.svg, "w").write("\n".join(svg) + "\n")
