"""A PostgreSQL restart under load is survived without restarting the app (issue 15, item 5).

The test runs its own PostgreSQL cluster (initdb as the `postgres` user, as scripts/test does), so it can stop
and start it without touching anyone else's. `safeguarding serve` runs on it while a thread writes through
the API; the cluster is restarted; the same server process must then answer /healthz and take writes again.
SAFEGUARDING_BIN names the binary. Skipped when PostgreSQL's programs or the `postgres` user are missing.
"""
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest

from test_backup import Server, free_port, postgres_program, run


def as_postgres(*command, timeout=120):
    return subprocess.run(["runuser", "-u", "postgres", "--", *command], capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def cluster():
    initdb, pg_ctl = postgres_program("initdb"), postgres_program("pg_ctl")
    if not initdb or not pg_ctl or not shutil.which("runuser"):
        pytest.skip("PostgreSQL's initdb and pg_ctl, and runuser, are needed")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("there is no postgres user")
    folder = tempfile.mkdtemp(prefix="safeguarding-restart-")
    shutil.chown(folder, "postgres")
    port = free_port()
    made = as_postgres(initdb, "-D", folder, "-A", "trust", "-U", "postgres")
    assert made.returncode == 0, made.stderr
    options = f"-k {folder} -c listen_addresses=127.0.0.1 -p {port}"

    def pg(*args):
        answer = as_postgres(pg_ctl, "-D", folder, "-l", f"{folder}/server.log", "-o", options, "-w", "-s", *args)
        assert answer.returncode == 0, answer.stderr + open(f"{folder}/server.log").read()[-2000:]

    pg("start")
    created = as_postgres(postgres_program("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "restart_test")
    assert created.returncode == 0, created.stderr
    yield f"postgres://postgres@127.0.0.1:{port}/restart_test", pg
    as_postgres(pg_ctl, "-D", folder, "-m", "immediate", "-s", "stop")
    shutil.rmtree(folder, ignore_errors=True)


def healthy(base, within):
    deadline = time.time() + within
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_a_postgresql_restart_under_load_is_survived_without_restarting_the_app(cluster):
    url, pg = cluster
    loaded = run("demo", "load", database=url)
    assert loaded.returncode == 0, loaded.stderr
    server = Server(url)
    try:
        server.writing(at_least=3)
        before = len(server.created)
        pg("-m", "fast", "restart")
        assert server.process.poll() is None, "the app stopped when PostgreSQL restarted"
        assert healthy(server.base, within=60), "the app did not answer /healthz within 60 s of PostgreSQL's restart"
        restarted_at = len(server.created)
        deadline = time.time() + 60
        while len(server.created) < restarted_at + 5 and time.time() < deadline:
            time.sleep(0.1)
        after = len(server.created)
        assert after >= restarted_at + 5, f"after the restart only {after - restarted_at} writes succeeded (refusals: {server.failures[-10:]})"
        assert server.process.poll() is None, "the app stopped after PostgreSQL restarted"
        # Writes that met the restart may fail (503 or 500 while the database is away), but nothing else may.
        unexpected = [code for code in server.failures if code not in (500, 503)]
        assert not unexpected, f"answers other than a database-unavailable error during the restart: {unexpected}"
        print(f"PostgreSQL restarted under load: {before} writes before, {after - restarted_at} after, "
              f"{len(server.failures)} refused while it was away; the same app process answered throughout")
    finally:
        server.stop()
