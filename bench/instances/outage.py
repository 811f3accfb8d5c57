#!/usr/bin/env python3
"""The database outage of bench/instances/run: PostgreSQL stopped under load, started again.

While it runs:
  - writers create actions through the balancer (POST …/actions, admin token), each with a unique
    text `instances-bench RUN wW-N`; each request's start, end, status, returned id and the
    instance that served it (haproxy's X-Served-By header) are recorded;
  - readers load a signed-in page through the balancer (session cookie);
  - one probe per instance asks it directly, in turn, for /healthz and the page, every 0.1 s.
The timeline: BEFORE seconds of that, `pg_ctl stop -m fast`, DOWN seconds with PostgreSQL
stopped, `pg_ctl start -w`, then until every instance and the balancer have answered again (at
most RECOVER_WITHIN seconds), then AFTER seconds more. Then, with the load stopped: every
acknowledged write (2xx with an id) is looked up in PostgreSQL with psql, each instance must
answer /healthz, the page and a write of its own directly, and the instances' processes must be
the ones started before the outage (same PID and start time).

Writes the figures as JSON and a Markdown fragment; exits 1 if an instance did not recover, an
acknowledged write is missing, or a process was replaced.
"""
import argparse
import datetime
import json
import subprocess
import threading
import time
import urllib.error
import urllib.request

T0 = time.monotonic()


def now():
    return time.monotonic() - T0


# Longer than the app's wait for a pooled connection (10 s), so a request held by the pool is seen to end.
TIMEOUT = 15


def request(url, *, method="GET", headers=None, body=None, timeout=TIMEOUT):
    """(status or 'error: …', headers, body bytes) without raising."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        try:
            content = error.read()
        except OSError:
            content = b""
        return error.code, error.headers, content
    except OSError as error:
        return f"error: {type(error).__name__}", {}, b""


def ok(status):
    return isinstance(status, int) and 200 <= status < 300


def process_start(pid):
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


class Load:
    def __init__(self, args):
        self.args = args
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.writes, self.reads = [], []
        self.probes = {name: [] for name in args.instance_names}
        self.recommendation, self.organisation = self.write_target()

    def write_target(self):
        a = self.args
        status, _, body = request(f"{a.balancer}/api/v1/partnerships/{a.slug}/recommendations",
                                  headers={"Authorization": f"Bearer {a.token}"})
        if status != 200:
            raise SystemExit(f"outage.py: GET recommendations answered {status}")
        recommendations = json.loads(body)
        status, _, body = request(f"{a.balancer}/api/v1/partnerships/{a.slug}/organisations",
                                  headers={"Authorization": f"Bearer {a.token}"})
        if status != 200 or not recommendations:
            raise SystemExit(f"outage.py: GET organisations answered {status}, or there is no recommendation")
        return recommendations[0]["id"], json.loads(body)[0]["id"]

    def action_body(self, text):
        due = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
        return json.dumps({"recommendation_id": self.recommendation, "text": text, "owner_organisation": self.organisation,
                           "owner": "bench/instances writer", "due_on": due}).encode()

    def write_once(self, base, text):
        a = self.args
        status, headers, body = request(f"{base}/api/v1/partnerships/{a.slug}/actions", method="POST", body=self.action_body(text),
                                        headers={"Authorization": f"Bearer {a.token}", "Content-Type": "application/json"})
        written = None
        if ok(status):
            try:
                written = json.loads(body)["id"].lower()  # Swift writes UUIDs in capitals, PostgreSQL in small letters
            except (ValueError, KeyError):
                written = None
        return status, headers.get("X-Served-By", ""), written

    def writer(self, number):
        n = 0
        while not self.stop.is_set():
            n += 1
            text = f"instances-bench {self.args.run_id} w{number}-{n}"
            start = now()
            status, served_by, written = self.write_once(self.args.balancer, text)
            with self.lock:
                self.writes.append({"text": text, "start": start, "end": now(), "status": status, "id": written, "served_by": served_by})
            self.stop.wait(self.args.write_pause)

    def reader(self):
        a = self.args
        while not self.stop.is_set():
            start = now()
            status, headers, _ = request(a.balancer + a.page, headers={"Cookie": f"safeguarding_session={a.cookie}"})
            with self.lock:
                self.reads.append({"start": start, "end": now(), "status": status, "served_by": headers.get("X-Served-By", "")})
            if not ok(status):
                self.stop.wait(0.05)  # a refusal comes back at once: do not spin

    def probe(self, name, base):
        a = self.args
        while not self.stop.is_set():
            for kind, path, headers in (("healthz", "/healthz", {}), ("page", a.page, {"Cookie": f"safeguarding_session={a.cookie}"})):
                start = now()
                status, _, _ = request(base + path, headers=headers)
                with self.lock:
                    self.probes[name].append({"kind": kind, "start": start, "end": now(), "status": status})
            self.stop.wait(0.1)

    def threads(self):
        a = self.args
        made = [threading.Thread(target=self.writer, args=(w,), daemon=True) for w in range(1, a.writers + 1)]
        made += [threading.Thread(target=self.reader, daemon=True) for _ in range(a.readers)]
        made += [threading.Thread(target=self.probe, args=(n, b), daemon=True) for n, b in zip(a.instance_names, a.instances)]
        return made


def pg_ctl(args, *command):
    run = ["runuser", "-u", "postgres", "--", args.pg_ctl, "-D", args.pg_data, "-l", args.pg_log, "-o", args.pg_options, "-w", "-s", *command]
    answer = subprocess.run(run, capture_output=True, text=True, timeout=120)
    if answer.returncode != 0:
        raise SystemExit(f"outage.py: pg_ctl {' '.join(command)} failed: {answer.stderr}")


def psql(args, sql):
    run = ["runuser", "-u", "postgres", "--", args.psql, "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres",
           "-d", args.db, "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql]
    answer = subprocess.run(run, capture_output=True, text=True, timeout=60)
    if answer.returncode != 0:
        raise SystemExit(f"outage.py: psql failed: {answer.stderr}")
    return [line.split("\t") for line in answer.stdout.splitlines() if line]


def phase(record, timeline):
    if record["end"] < timeline["stop_begin"]:
        return "before"
    if record["start"] >= timeline["start_done"]:
        return "after"
    return "outage"


def recovered_after(records, moment, **match):
    """Seconds from `moment` to the first 2xx answer after this client's last failure (its request
    may have been sent earlier and held by the app until PostgreSQL was back); None while the
    last answer is a failure or nothing has succeeded since `moment`."""
    matching = [r for r in records if all(r.get(k) == v for k, v in match.items())]
    since = max([r["end"] for r in matching if not ok(r["status"]) and r["end"] >= moment] + [moment])
    ends = [r["end"] for r in matching if ok(r["status"]) and r["end"] >= since]
    return min(ends) - moment if ends else None


def status_counts(records):
    counts = {}
    for r in records:
        key = "2xx" if ok(r["status"]) else str(r["status"])
        counts[key] = counts.get(key, 0) + 1
    return counts


def describe(counts):
    if not counts:
        return "none"
    return ", ".join(f"{n} × {key}" for key, n in sorted(counts.items(), key=lambda kv: (kv[0] != "2xx", kv[0])))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--balancer", required=True)
    p.add_argument("--instance", action="append", required=True, help="NAME=URL=PID, once per instance")
    p.add_argument("--token", required=True)
    p.add_argument("--cookie", required=True)
    p.add_argument("--slug", required=True)
    p.add_argument("--page", required=True)
    p.add_argument("--run-id", required=True)
    p.add_argument("--pg-ctl", required=True)
    p.add_argument("--pg-data", required=True)
    p.add_argument("--pg-options", required=True)
    p.add_argument("--pg-log", required=True)
    p.add_argument("--psql", required=True)
    p.add_argument("--pg-port", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--before", type=float, default=3)
    p.add_argument("--down", type=float, default=5)
    p.add_argument("--recover-within", type=float, default=30)
    p.add_argument("--after", type=float, default=3)
    p.add_argument("--writers", type=int, default=2)
    p.add_argument("--readers", type=int, default=4)
    p.add_argument("--write-pause", type=float, default=0.05)
    p.add_argument("--out-json", required=True)
    p.add_argument("--out-md", required=True)
    args = p.parse_args()
    parsed = [i.split("=", 2) for i in args.instance]
    args.instance_names = [n for n, _, _ in parsed]
    args.instances = [u for _, u, _ in parsed]
    pids = {n: int(pid) for n, _, pid in parsed}
    started_at = {n: process_start(pid) for n, pid in pids.items()}

    load = Load(args)
    for t in load.threads():
        t.start()
    timeline = {}
    time.sleep(args.before)
    timeline["stop_begin"] = now()
    pg_ctl(args, "-m", "fast", "stop")
    timeline["stop_done"] = now()
    time.sleep(args.down)
    timeline["start_begin"] = now()
    pg_ctl(args, "start")
    timeline["start_done"] = now()

    # Until every instance answers /healthz and the page directly, and the balancer takes writes
    # and serves the page, with no failure since; then AFTER seconds more (a later failure counts).
    deadline = timeline["start_done"] + args.recover_within
    while now() < deadline:
        with load.lock:
            done = all(recovered_after(load.probes[n], timeline["start_done"], kind=k) is not None
                       for n in args.instance_names for k in ("healthz", "page"))
            done = done and recovered_after(load.writes, timeline["start_done"]) is not None
            done = done and recovered_after(load.reads, timeline["start_done"]) is not None
        if done:
            break
        time.sleep(0.1)
    timeline["recovered_or_gave_up"] = now()
    time.sleep(args.after)
    load.stop.set()
    for t in threading.enumerate():
        if t is not threading.current_thread():
            t.join(timeout=30)
    timeline["end"] = now()

    # ---- what recovered, and when (seconds after `pg_ctl start -w` returned) -------------------
    s = timeline["start_done"]
    recovery = {}
    for name in args.instance_names:
        recovery[name] = {
            "healthz": recovered_after(load.probes[name], s, kind="healthz"),
            "page": recovered_after(load.probes[name], s, kind="page"),
            "write_via_balancer": recovered_after(load.writes, s, served_by=name),
            "read_via_balancer": recovered_after(load.reads, s, served_by=name),
        }
    balancer_recovery = {"write": recovered_after(load.writes, s), "read": recovered_after(load.reads, s)}
    recovered = all(t is not None for name in args.instance_names for t in recovery[name].values()) \
        and all(t is not None for t in balancer_recovery.values())

    # ---- acknowledged writes against the database -----------------------------------------------
    rows = psql(args, f"SELECT id::text, text FROM actions WHERE text LIKE 'instances-bench {args.run_id} %'")
    found = {text: ident for ident, text in rows}
    acknowledged = [w for w in load.writes if ok(w["status"])]
    lost = [w for w in acknowledged if found.get(w["text"]) != w["id"]]
    acknowledged_texts = {w["text"] for w in acknowledged}
    committed_unacknowledged = [w for w in load.writes if not ok(w["status"]) and w["text"] in found]
    extra = [text for text in found if text not in {w["text"] for w in load.writes}]

    # ---- each instance directly, with the load stopped -------------------------------------------
    final = {}
    for name, base in zip(args.instance_names, args.instances):
        healthz, _, _ = request(base + "/healthz")
        page, _, _ = request(base + args.page, headers={"Cookie": f"safeguarding_session={args.cookie}"})
        text = f"instances-bench {args.run_id} final-{name}"
        write, _, written = load.write_once(base, text)
        stored = psql(args, f"SELECT id::text FROM actions WHERE text = '{text}'")
        same_process = process_start(pids[name]) == started_at[name] and started_at[name] is not None
        final[name] = {"healthz": healthz, "page": page, "write": write, "write_stored": bool(stored) and stored[0][0] == written,
                       "same_process": same_process, "pid": pids[name]}
    final_ok = all(f["healthz"] == 200 and f["page"] == 200 and f["write"] == 201 and f["write_stored"] and f["same_process"]
                   for f in final.values())

    # ---- failures by phase ------------------------------------------------------------------------
    clients = {"writes (balancer)": load.writes, "page reads (balancer)": load.reads}
    for name in args.instance_names:
        clients[f"instance {name} direct: /healthz"] = [r for r in load.probes[name] if r["kind"] == "healthz"]
        clients[f"instance {name} direct: page"] = [r for r in load.probes[name] if r["kind"] == "page"]
    by_phase = {}
    expected_outage = {"500", "502", "503", "504"}
    unexpected = []
    for label, records in clients.items():
        phases = {k: status_counts([r for r in records if phase(r, timeline) == k]) for k in ("before", "outage", "after")}
        met = [r["end"] - r["start"] for r in records if phase(r, timeline) == "outage"]
        by_phase[label] = {**phases, "answering_again": recovered_after(records, timeline["start_done"]),
                           "longest_meeting_outage": max(met, default=0), "over_1s_meeting_outage": sum(1 for m in met if m > 1)}
        unexpected += [f"{label}: {key} before the outage" for key in phases["before"] if key != "2xx"]
        unexpected += [f"{label}: {key} during the outage" for key in phases["outage"] if key != "2xx" and key not in expected_outage]

    # Who answered the outage's 503s: the app (a server named) or haproxy (no server left up).
    outage_refusals = [w for w in load.writes + load.reads if phase(w, timeline) == "outage" and not ok(w["status"])]
    from_haproxy = sum(1 for r in outage_refusals if not r["served_by"])

    summary = {
        "timeline": {k: round(v, 3) for k, v in timeline.items()},
        "recovery_seconds_after_start": recovery, "balancer_recovery_seconds_after_start": balancer_recovery,
        "recovered": recovered, "by_phase": by_phase, "unexpected": unexpected,
        "writes": {"attempted": len(load.writes), "acknowledged": len(acknowledged), "acknowledged_found": len(acknowledged) - len(lost),
                   "lost_acknowledged": len(lost), "lost": lost[:20], "committed_but_not_acknowledged": len(committed_unacknowledged),
                   "rows_found": len(found), "rows_not_sent_by_us": len(extra)},
        "outage_refusals": len(outage_refusals), "outage_refusals_from_haproxy": from_haproxy,
        "final": final, "final_ok": final_ok,
        "records": {"writes": load.writes, "reads": load.reads, "probes": load.probes},
    }
    json.dump(summary, open(args.out_json, "w"), indent=1, default=str)

    def secs(value):
        return "**never**" if value is None else f"{value:.2f} s"

    t = timeline
    md = []
    md.append(f"PostgreSQL stopped (`pg_ctl stop -m fast`, {t['stop_done'] - t['stop_begin']:.2f} s) {t['stop_begin']:.1f} s into the run, "
              f"started again {t['start_begin'] - t['stop_done']:.1f} s later (`pg_ctl start -w` took {t['start_done'] - t['start_begin']:.2f} s); "
              f"the run went on {t['end'] - t['start_done']:.1f} s after that. {args.writers} writers (one write every {args.write_pause * 1000:.0f} ms each "
              f"at most) and {args.readers} page readers through the balancer; a probe per instance, directly, every 0.1 s.")
    md.append("")
    md.append("| Instance | PID (same process after) | /healthz 200 again | page 200 again | first write through it (balancer) | first page through it (balancer) | After the load: /healthz, page, write (stored) |")
    md.append("|---|---|---:|---:|---:|---:|---|")
    for name in args.instance_names:
        r, f = recovery[name], final[name]
        md.append(f"| {name} | {f['pid']} ({'yes' if f['same_process'] else '**no**'}) | {secs(r['healthz'])} | {secs(r['page'])} | "
                  f"{secs(r['write_via_balancer'])} | {secs(r['read_via_balancer'])} | {f['healthz']}, {f['page']}, {f['write']} ({'yes' if f['write_stored'] else '**no**'}) |")
    md.append(f"| balancer | | | | {secs(balancer_recovery['write'])} | {secs(balancer_recovery['read'])} | |")
    md.append("")
    md.append("Times are from `pg_ctl start -w` returning (PostgreSQL accepting connections) to the first answer 200/201 after that "
              "client's last failure (its request may have been sent earlier and held by the app until PostgreSQL was back); through the "
              "balancer, per instance, failures haproxy answered itself are not counted against the instance. \"Met the outage\": requests "
              "that ended after the stop began and started before the start returned.")
    md.append("")
    md.append("| Requests | Before the stop | Met the outage | Longest that met it (how many over 1 s) | Sent after the start | Answering again, s after the start |")
    md.append("|---|---|---|---:|---|---:|")
    for label, phases in by_phase.items():
        md.append(f"| {label} | {describe(phases['before'])} | {describe(phases['outage'])} | "
                  f"{phases['longest_meeting_outage']:.2f} s ({phases['over_1s_meeting_outage']}) | {describe(phases['after'])} | "
                  f"{secs(phases['answering_again'])} |")
    md.append("")
    w = summary["writes"]
    md.append("| Writes attempted | Acknowledged (201) | Acknowledged and found in PostgreSQL | **Lost acknowledged writes** | Committed but not acknowledged | Refusals during the outage answered by haproxy itself |")
    md.append("|---:|---:|---:|---:|---:|---:|")
    md.append(f"| {w['attempted']} | {w['acknowledged']} | {w['acknowledged_found']} | **{w['lost_acknowledged']}** | {w['committed_but_not_acknowledged']} | "
              f"{from_haproxy} of {len(outage_refusals)} |")
    if unexpected:
        md.append("")
        md.append("Unexpected answers: " + "; ".join(unexpected[:20]))
    open(args.out_md, "w").write("\n".join(md) + "\n")

    problems = []
    if not recovered:
        problems.append("an instance or the balancer did not answer again within the recovery window")
    if lost:
        problems.append(f"{len(lost)} acknowledged writes are not in the database (first: {lost[0]})")
    if not final_ok:
        problems.append(f"final checks failed: {final}")
    if unexpected:
        problems.append("unexpected answers: " + "; ".join(unexpected[:5]))
    if problems:
        raise SystemExit("outage.py: " + "; ".join(problems))


if __name__ == "__main__":
    main()
