"""`safeguarding backup` and `safeguarding restore`, run as an operator runs them: a backup taken while the
server is serving writes, restored into a fresh database, compared with the original table by table, row by row.

SAFEGUARDING_BIN names the binary; TEST_POSTGRES_URL, when set, adds the PostgreSQL round trip (which needs psql
to make its two throwaway databases and to read them back; without psql that part is skipped).
"""
import glob
import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

BIN = os.environ.get("SAFEGUARDING_BIN", ".build/debug/safeguarding")
POSTGRES = os.environ.get("TEST_POSTGRES_URL")
# The backup and restore record themselves in the audit log; the comparison leaves those rows out.
OWN_AUDIT_ROWS = "subject_type = 'database'"


def run(*args, database=None, env=None):
    command = [BIN, *args] + (["--database", database] if database else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SAFEGUARDING_PASSWORD_COST": "4", **(env or {})})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`safeguarding serve` on a database, and a thread creating organisations through the API while it runs."""

    def __init__(self, database):
        made = run("token", "create", "--email", "admin@calderdale.example", "--name", "backup test", database=database)
        assert made.returncode == 0, made.stderr
        self.token = made.stdout.strip()
        self.port = free_port()
        self.process = subprocess.Popen([BIN, "serve", "--port", str(self.port), "--database", database],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not start")
        self.created = []
        self.failures = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._write, daemon=True)

    def _write(self):
        while not self.stopping.is_set():
            name = f"Backup test charity {uuid.uuid4().hex[:10]}"
            body = json.dumps({"name": name, "kind": "voluntary_sector", "sector": "voluntary"}).encode()
            request = urllib.request.Request(self.base + "/api/v1/partnerships/calderdale/organisations", data=body, method="POST",
                                             headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    if answer.status == 201:
                        self.created.append(name)
            except urllib.error.HTTPError as error:
                self.failures.append(error.code)

    def writing(self, at_least=3):
        self.thread.start()
        deadline = time.time() + 60
        while len(self.created) < at_least and time.time() < deadline:
            time.sleep(0.05)
        assert len(self.created) >= at_least, f"the writer made {len(self.created)} organisations ({self.failures})"

    def stop(self):
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout=60)
        self.process.terminate()
        self.process.wait(timeout=30)


# ---- SQLite -------------------------------------------------------------------------------------------------------

def sqlite_tables(path):
    """Every table's rows (sorted, so the order rows were stored in does not matter), the audit log without the
    backup's and restore's own records."""
    with sqlite3.connect(path) as connection:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        tables = {}
        for name in names:
            where = f" WHERE NOT ({OWN_AUDIT_ROWS})" if name == "audit_events" else ""
            tables[name] = sorted((tuple(row) for row in connection.execute(f'SELECT * FROM "{name}"{where}')), key=repr)
        return tables


def assert_same_tables(expected, actual):
    assert sorted(expected) == sorted(actual)
    for name in expected:
        assert len(expected[name]) == len(actual[name]), f"{name}: {len(expected[name])} rows, restored {len(actual[name])}"
        assert expected[name] == actual[name], f"{name} differs after the round trip"


def test_sqlite_backup_while_serving_writes_restores_every_table_row_by_row(tmp_path):
    source = tmp_path / "live.sqlite"
    database = f"sqlite:{source}"
    assert run("demo", "load", database=database).returncode == 0
    server = Server(database)
    try:
        server.writing()
        before = len(server.created)
        during = run("backup", "--out", str(tmp_path / "during.sqlite"), database=database)
        after = len(server.created)
        assert during.returncode == 0, during.stderr
    finally:
        server.stop()
    assert during.stdout.startswith(f"Backed up SQLite file {source} to {tmp_path / 'during.sqlite'}:"), during.stdout
    assert "organisations" in during.stdout and " tables, " in during.stdout
    # Only its owner may read a file holding every child's record.
    assert stat.S_IMODE(os.stat(tmp_path / "during.sqlite").st_mode) == 0o600

    # The copy taken mid-write is one moment: whole, and holding the organisations made up to that moment.
    copy = sqlite_tables(tmp_path / "during.sqlite")
    with sqlite3.connect(tmp_path / "during.sqlite") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    made = {row for row in copy["organisations"] if any(str(value).startswith("Backup test charity") for value in row)}
    assert before <= len(made) <= after + 1, (before, len(made), after)
    live = sqlite_tables(source)
    assert made <= set(live["organisations"])

    # Restored into a fresh file, the mid-write copy comes back whole.
    restored = tmp_path / "restored-during.sqlite"
    answer = run("restore", str(tmp_path / "during.sqlite"), database=f"sqlite:{restored}")
    assert answer.returncode == 0, answer.stderr
    assert "Restored" in answer.stdout and "organisations" in answer.stdout
    assert_same_tables(copy, sqlite_tables(restored))

    # With the server stopped, a second backup and restore reproduce the live database exactly.
    quiet = run("backup", "--out", str(tmp_path / "quiet.sqlite"), database=database)
    assert quiet.returncode == 0, quiet.stderr
    fresh = tmp_path / "fresh.sqlite"
    assert run("restore", str(tmp_path / "quiet.sqlite"), database=f"sqlite:{fresh}").returncode == 0
    live, back = sqlite_tables(source), sqlite_tables(fresh)
    assert_same_tables(live, back)
    print(f"SQLite round trip: {len(live)} tables, {sum(map(len, live.values()))} rows compared; "
          f"{len(made)} of {after} organisations written during the backup were in it")

    # Both are in the audit log: the backup in the live database, the restore in the restored one.
    with sqlite3.connect(source) as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_events WHERE subject_type = 'database' AND action = 'backup'").fetchone()[0] == 2
    with sqlite3.connect(fresh) as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_events WHERE subject_type = 'database' AND action = 'restore'").fetchone()[0] == 1


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(tmp_path):
    database = f"sqlite:{tmp_path / 'live.sqlite'}"
    assert run("demo", "load", database=database).returncode == 0
    assert run("backup", "--out", str(tmp_path / "backup.sqlite"), database=database).returncode == 0

    # A database with tables is not overwritten, and says what --force would do.
    other = tmp_path / "other.sqlite"
    assert run("migrate", database=f"sqlite:{other}").returncode == 0
    refused = run("restore", str(tmp_path / "backup.sqlite"), database=f"sqlite:{other}")
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--force" in refused.stderr and "replace all of it" in refused.stderr, refused.stderr
    with sqlite3.connect(other) as connection:
        assert connection.execute("SELECT COUNT(*) FROM partnerships").fetchone()[0] == 0

    forced = run("restore", "--force", str(tmp_path / "backup.sqlite"), database=f"sqlite:{other}")
    assert forced.returncode == 0, forced.stderr
    assert "Replaced" in forced.stdout
    with sqlite3.connect(other) as connection:
        assert connection.execute("SELECT slug FROM partnerships").fetchall() == [("calderdale",)]

    # A backup never overwrites a file; a missing database or a file that is no backup is named.
    again = run("backup", "--out", str(tmp_path / "backup.sqlite"), database=database)
    assert again.returncode != 0 and "already exists" in again.stderr
    missing = run("backup", "--out", str(tmp_path / "x.sqlite"), database=f"sqlite:{tmp_path / 'nothing.sqlite'}")
    assert missing.returncode != 0 and "There is no database" in missing.stderr
    assert not (tmp_path / "nothing.sqlite").exists()
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    wrong = run("restore", str(junk), database=f"sqlite:{tmp_path / 'new.sqlite'}")
    assert wrong.returncode != 0 and "is not a backup this app wrote" in wrong.stderr
    unreadable = run("restore", str(tmp_path / "absent.sqlite"), database=f"sqlite:{tmp_path / 'new.sqlite'}")
    assert unreadable.returncode != 0 and "cannot read" in unreadable.stderr
    if POSTGRES:
        crossed = run("restore", str(tmp_path / "backup.sqlite"), database=POSTGRES)
        assert crossed.returncode != 0 and "is an SQLite backup" in crossed.stderr


# ---- PostgreSQL ---------------------------------------------------------------------------------------------------

def postgres_program(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: float(p.split("/")[4]))
    return found[-1] if found else shutil.which(name)


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def psql(url, sql):
    answer = subprocess.run([postgres_program("psql"), "--no-psqlrc", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                            capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    return answer.stdout


def postgres_tables(url):
    names = psql(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                      "AND table_type = 'BASE TABLE' ORDER BY table_name").split()
    tables = {}
    for name in names:
        where = f" WHERE NOT ({OWN_AUDIT_ROWS})" if name == "audit_events" else ""
        tables[name] = sorted(psql(url, f'SELECT t::text FROM "{name}" t{where}').splitlines())
    return tables


@pytest.fixture
def postgres_databases():
    if not POSTGRES:
        pytest.skip("TEST_POSTGRES_URL is not set")
    if not postgres_program("psql"):
        pytest.skip("psql is not installed")
    suffix = uuid.uuid4().hex[:8]
    names = [f"backup_source_{suffix}", f"backup_target_{suffix}"]
    for name in names:
        psql(POSTGRES, f"CREATE DATABASE {name}")
    yield [with_database(POSTGRES, name) for name in names]
    for name in names:
        psql(POSTGRES, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_postgres_backup_while_serving_writes_restores_every_table_row_by_row(tmp_path, postgres_databases):
    source, target = postgres_databases
    assert run("demo", "load", database=source).returncode == 0
    server = Server(source)
    try:
        server.writing()
        during = run("backup", "--out", str(tmp_path / "during.dump"), database=source)
        assert during.returncode == 0, during.stderr
    finally:
        server.stop()
    assert "Backed up PostgreSQL" in during.stdout and "organisations" in during.stdout, during.stdout
    assert stat.S_IMODE(os.stat(tmp_path / "during.dump").st_mode) == 0o600

    # The restore refuses a database that has tables, then restores the dump into it when forced.
    assert run("migrate", database=target).returncode == 0
    refused = run("restore", str(tmp_path / "during.dump"), database=target)
    assert refused.returncode != 0 and "is not empty" in refused.stderr, refused.stderr
    forced = run("restore", "--force", str(tmp_path / "during.dump"), database=target)
    assert forced.returncode == 0, forced.stderr
    # The organisations in the dump are those its own printed counts name: one snapshot.
    counted = next(line for line in during.stdout.splitlines() if line.strip().startswith("organisations "))
    assert int(counted.split()[1]) == int(psql(target, "SELECT COUNT(*) FROM organisations"))

    # Quiet round trip: every table, row by row.
    quiet = run("backup", "--out", str(tmp_path / "quiet.dump"), database=source)
    assert quiet.returncode == 0, quiet.stderr
    assert run("restore", "--force", str(tmp_path / "quiet.dump"), database=target).returncode == 0
    live, back = postgres_tables(source), postgres_tables(target)
    assert sorted(live) == sorted(back)
    for name in live:
        assert live[name] == back[name], f"{name} differs after the PostgreSQL round trip"
    print(f"PostgreSQL round trip: {len(live)} tables, {sum(map(len, live.values()))} rows compared")

    crossed = run("restore", str(tmp_path / "quiet.dump"), database=f"sqlite:{tmp_path / 'x.sqlite'}")
    assert crossed.returncode != 0 and "is a PostgreSQL dump" in crossed.stderr
    missing = run("backup", "--out", str(tmp_path / "never.dump"), database=source, env={"SAFEGUARDING_PG_BIN": str(tmp_path)})
    assert missing.returncode != 0 and "has no pg_dump" in missing.stderr
