"""Faults: `kill -9` part way through a demo load and an import leaves no partial rows; an anonymous
oversized post to the sign-in page is refused before it is read, while /healthz keeps answering.

SAFEGUARDING_BIN names the binary. Each test prints its counts.
"""
import os
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.request

BIN = os.environ.get("SAFEGUARDING_BIN", ".build/debug/safeguarding")


def counts(path):
    """Rows in every table of the SQLite file, apart from the migration log."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables if t != "_fluent_migrations"}


def kill_after(command, seconds):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return killed


def test_kill_9_during_demo_load_leaves_nothing_half_loaded(tmp_path):
    path = f"{tmp_path}/demo.sqlite"
    assert subprocess.run([BIN, "migrate", "--database", f"sqlite:{path}"], capture_output=True, timeout=120).returncode == 0
    empty = counts(path)
    # A full load, timed, on a copy: then kill a fresh one at several points inside that time.
    full_path = f"{tmp_path}/full.sqlite"
    started = time.monotonic()
    assert subprocess.run([BIN, "demo", "load", "--database", f"sqlite:{full_path}"], capture_output=True, timeout=300).returncode == 0
    duration = time.monotonic() - started
    full = counts(full_path)
    outcomes = []
    for fraction in (0.5, 0.7, 0.85, 0.95):
        trial = f"{tmp_path}/trial-{fraction}.sqlite"
        subprocess.run(["cp", path, trial], check=True)
        killed = kill_after([BIN, "demo", "load", "--database", f"sqlite:{trial}"], duration * fraction)
        found = counts(trial)
        outcomes.append((fraction, killed, sum(found.values())))
        assert found in (empty, full), f"kill -9 at {fraction:.0%} of the load left partial rows: " + \
            str({t: n for t, n in found.items() if n not in (empty.get(t), full.get(t))})
    print(f"demo load killed at {len(outcomes)} points (load takes {duration:.1f}s; {sum(full.values())} rows when whole): {outcomes}")


def test_kill_9_during_an_import_leaves_no_partial_rows(tmp_path):
    path = f"{tmp_path}/import.sqlite"
    assert subprocess.run([BIN, "demo", "load", "--database", f"sqlite:{path}"], capture_output=True, timeout=300).returncode == 0
    before = counts(path)
    csv = tmp_path / "values.csv"
    rows = 200_000
    with open(csv, "w") as f:
        f.write("indicator,period,value\n")
        periods = [f"{y}-{(y + 1) % 100:02d} Q{q}" for y in range(2010, 2024) for q in range(1, 5)]
        for n in range(rows):
            f.write(f"missing_episodes,{periods[n % len(periods)]},{n % 500}\n")
    outcomes = []
    for delay in (1.0, 2.5, 4.0):
        killed = kill_after([BIN, "import", "values", str(csv), "--partnership", "calderdale", "--database", f"sqlite:{path}"], delay)
        after = counts(path)
        added = after["indicator_values"] - before["indicator_values"] if "indicator_values" in after else None
        outcomes.append((delay, killed, added))
        if killed:
            assert after == before, f"kill -9 after {delay}s of an import left partial rows: {added} values"
    print(f"import of {rows} rows killed at {outcomes}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_anonymous_oversized_post_to_sign_in_is_refused_before_it_is_read(tmp_path):
    port = free_port()
    server = subprocess.Popen([BIN, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port),
                               "--database", f"sqlite:{tmp_path}/serve.sqlite"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except Exception:
                time.sleep(0.5)
        size = 40 * 1024 * 1024
        sent = {"bytes": 0}

        def post():
            # Declares 40 MB, then sends slowly: a server that reads before refusing would wait for all of it.
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall((f"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                           f"Content-Length: {size}\r\n\r\n").encode())
                chunk = b"x" * 65536
                try:
                    s.settimeout(0.05)
                    while sent["bytes"] < size:
                        try:
                            answer = s.recv(4096)
                            if answer:
                                sent["answer"] = answer.split(b"\r\n", 1)[0].decode()
                                return
                        except socket.timeout:
                            pass
                        s.settimeout(5)
                        s.sendall(chunk)
                        sent["bytes"] += len(chunk)
                        s.settimeout(0.05)
                except OSError:
                    pass
                s.settimeout(10)
                try:
                    sent["answer"] = s.recv(4096).split(b"\r\n", 1)[0].decode()
                except OSError:
                    pass

        threads = [threading.Thread(target=post) for _ in range(4)]
        for t in threads:
            t.start()
        health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10).status
        for t in threads:
            t.join(timeout=120)
        print(f"4 posts declaring 40 MB to /login: answer {sent.get('answer')}, bytes sent before it {sent['bytes']}, /healthz {health}")
        assert "413" in sent.get("answer", ""), sent
        assert sent["bytes"] < size // 10
        assert health == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
