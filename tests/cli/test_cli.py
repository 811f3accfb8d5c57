"""The `safeguarding` command line, run as a person runs it: a real binary on a real database.

SAFEGUARDING_BIN names the binary; TEST_POSTGRES_URL, when set, adds the PostgreSQL runs.
"""
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

BIN = os.environ.get("SAFEGUARDING_BIN", ".build/debug/safeguarding")
POSTGRES = os.environ.get("TEST_POSTGRES_URL")


def run(*args, stdin=None, database=None):
    command = [BIN, *args] + (["--database", database] if database else [])
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture
def db(tmp_path):
    return f"sqlite:{tmp_path}/cli.sqlite"


def test_migrate_and_demo_load_are_repeatable(db):
    assert run("migrate", database=db).returncode == 0
    first = run("demo", "load", database=db)
    assert first.returncode == 0, first.stderr
    assert "admin@calderdale.example" in first.stdout
    second = run("demo", "load", database=db)
    assert second.returncode == 0, second.stderr


def test_user_add_reads_the_password_from_stdin_and_names_every_bad_field(db):
    run("demo", "load", database=db)
    good = run("user", "add", "--email", "dsl@school.example", "--name", "School DSL", "--role", "contributor",
               "--partnership", "calderdale", "--organisation", "Calderdale College", "--password-stdin",
               stdin="a-long-password\n", database=db)
    assert good.returncode == 0, good.stderr
    assert "Added dsl@school.example" in good.stdout

    bad = run("user", "add", "--email", "nope", "--name", "", "--role", "boss", "--partnership", "calderdale",
              "--password-stdin", stdin="short\n", database=db)
    assert bad.returncode != 0
    for expected in ["email: Enter an email address in the right format", "name: Enter the person's name",
                     "role: Select a role", "password: Password must be at least 12 characters"]:
        assert expected in bad.stderr, bad.stderr

    common = run("user", "add", "--email", "z@school.example", "--name", "Z", "--role", "viewer", "--partnership", "calderdale",
                 "--password-stdin", stdin="password123456\n", database=db)
    assert common.returncode != 0 and "list of common passwords" in common.stderr, common.stderr

    duplicate = run("user", "add", "--email", "dsl@school.example", "--name", "Again", "--role", "viewer",
                    "--partnership", "calderdale", "--password-stdin", stdin="a-long-password\n", database=db)
    assert duplicate.returncode != 0 and "already exists" in duplicate.stderr

    unknown = run("user", "add", "--email", "x@school.example", "--name", "X", "--role", "contributor",
                  "--partnership", "calderdale", "--organisation", "Nobody Ltd", "--password-stdin",
                  stdin="a-long-password\n", database=db)
    assert unknown.returncode != 0 and "There is no organisation called Nobody Ltd" in unknown.stderr

    no_stdin = run("user", "add", "--email", "y@school.example", "--name", "Y", "--role", "viewer",
                   "--partnership", "calderdale", database=db)
    assert no_stdin.returncode != 0 and "--password-stdin" in no_stdin.stderr


def test_bad_databases_get_a_clear_message(tmp_path):
    os.mkdir(tmp_path / "folder.sqlite")
    cases = {
        f"{tmp_path}/folder.sqlite": "Cannot open the database",
        "mysql://host/db": "Unknown database mysql://host/db",
        "/proc/forbidden/x.sqlite": "Cannot create the folder /proc/forbidden",
    }
    for database, message in cases.items():
        result = run("migrate", database=database)
        assert result.returncode != 0, database
        assert message in result.stderr, result.stderr
        assert "Fatal error" not in result.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_token_create_gives_a_working_api_token(tmp_path, backend):
    if backend == "postgres" and not POSTGRES:
        pytest.skip("TEST_POSTGRES_URL is not set")
    database = POSTGRES if backend == "postgres" else f"sqlite:{tmp_path}/api.sqlite"
    assert run("demo", "load", database=database).returncode == 0
    made = run("token", "create", "--email", "viewer@calderdale.example", database=database)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("sgd_")
    assert run("token", "create", "--email", "nobody@calderdale.example", database=database).returncode != 0

    port = free_port()
    server = subprocess.Popen([BIN, "serve", "--port", str(port), "--database", database],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, health = get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert health == {"status": "ok", "database": backend}
        status, body = get(base + "/api/v1/partnerships/calderdale/finance/2023-24", token)
        assert status == 200 and body["total_pence"] == 25_831_000
        status, orgs = get(base + "/api/v1/partnerships/calderdale/organisations", token)
        assert status == 200 and {"name": "West Yorkshire Police", "kind": "police"}.items() <= next(
            o for o in orgs if o["name"] == "West Yorkshire Police").items()
        assert get(base + "/api/v1/partnerships/calderdale/organisations")[0] == 401
        assert get(base + "/api/v1/partnerships/calderdale/organisations", "sgd_wrong")[0] == 401
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_actions_lists_overdue_work_and_refuses_a_bad_filter(db):
    run("demo", "load", database=db)
    overdue = run("actions", "--partnership", "calderdale", "--status", "overdue", "--today", "2024-10-01", "--csv", database=db)
    assert overdue.returncode == 0, overdue.stderr
    lines = overdue.stdout.strip().splitlines()
    assert lines[0] == "due_date,status,organisation,owner,action,from,evidence"
    assert len(lines) > 1 and all(",overdue," in line for line in lines[1:])
    assert all(line[:10] < "2024-10-01" for line in lines[1:])
    # On an earlier day fewer of the same actions are late.
    earlier = run("actions", "--partnership", "calderdale", "--status", "overdue", "--today", "2024-01-01", "--csv", database=db)
    assert len(earlier.stdout.strip().splitlines()) < len(lines)

    police = run("actions", "--partnership", "calderdale", "--status", "all", "--organisation", "West Yorkshire Police", database=db)
    assert police.returncode == 0 and "West Yorkshire Police:" in police.stdout
    assert "Calderdale Council:" not in police.stdout

    bad = run("actions", "--partnership", "calderdale", "--status", "late", database=db)
    assert bad.returncode != 0 and "status: expected one of open, overdue, done, dropped, all" in bad.stderr
    nobody = run("actions", "--partnership", "calderdale", "--organisation", "Nobody Ltd", database=db)
    assert nobody.returncode != 0 and "no organisation called Nobody Ltd" in nobody.stderr


def test_survey_export_writes_every_response(db, tmp_path):
    run("demo", "load", database=db)
    out = tmp_path / "supervision.csv"
    done = run("survey", "export", "--partnership", "calderdale", "--title", "Safeguarding supervision survey 2023", "--out", str(out), database=db)
    assert done.returncode == 0, done.stderr
    assert "Wrote 149 responses" in done.stdout
    rows = out.read_text(encoding="utf-8").strip().splitlines()
    assert len(rows) == 150
    assert sum(1 for row in rows[1:] if ",Yes," in row) > 0
    missing = run("survey", "export", "--partnership", "calderdale", "--title", "No such survey", database=db)
    assert missing.returncode != 0 and "no survey is called No such survey" in missing.stderr


def test_clock_adds_working_days_over_christmas_and_refuses_unknown_years(db):
    run("migrate", database=db)
    added = run("clock", "add", "2023-12-22", "5", database=db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "2024-01-03"
    # A negative count goes back; after `--` it is not read as an option.
    back = run("clock", "add", "--database", db, "--", "2024-01-03", "-5")
    assert back.stdout.strip() == "2023-12-22"
    between = run("clock", "between", "2024-03-28", "2024-04-02", database=db)
    assert between.stdout.strip() == "1"  # Good Friday and Easter Monday 2024 do not count
    outside = run("clock", "add", "2031-01-02", "5", database=db)
    assert outside.returncode != 0
    assert "2018 to 2030" in outside.stderr + outside.stdout
    bad = run("clock", "add", "2023-02-30", "5", database=db)
    assert bad.returncode != 0
    assert "YYYY-MM-DD" in bad.stderr + bad.stdout


def test_clock_refuses_extreme_counts_without_crashing(db):
    """Issue 15: `clock add` with the most negative integer trapped in abs() and killed the process."""
    run("migrate", database=db)
    for count in ["-9223372036854775808", "9223372036854775807", "3001"]:
        extreme = run("clock", "add", "--database", db, "--", "2024-01-02", count)
        assert extreme.returncode == 1, (count, extreme.returncode, extreme.stderr)
        assert "from -3000 to 3000" in extreme.stderr + extreme.stdout


def test_import_values_streams_and_refuses_long_lines_with_their_number(db, tmp_path):
    """Issue 15: `import values` read the whole file into memory; it now streams, and a line over
    1 MB is refused with its line number."""
    run("migrate", database=db)
    run("demo", "load", database=db)
    good = tmp_path / "return.csv"
    good.write_text("indicator,period,value\n" + "".join(f"missing_episodes,2024-25 Q{q},{q}\n" for q in range(1, 5)))
    imported = run("import", "values", str(good), "--partnership", "calderdale", database=db)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 4 values." in imported.stdout
    long = tmp_path / "long.csv"
    long.write_text("indicator,period,value\nmissing_episodes,2024-25 Q1,1\n" + ",".join(["x" * 5_000] * 300) + "\n")
    refused = run("import", "values", str(long), "--partnership", "calderdale", database=db)
    assert refused.returncode != 0
    assert "Line 3 is longer than 1 MB" in refused.stderr + refused.stdout


def test_holidays_import_extends_the_clock_and_names_bad_events(db, tmp_path):
    run("migrate", database=db)
    good = tmp_path / "bank-holidays.json"
    good.write_text(json.dumps({
        "england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": True},
            {"title": "Good Friday", "date": "2031-04-11", "notes": "", "bunting": False}]},
        "scotland": {"division": "scotland", "events": [{"title": "2nd January", "date": "2031-01-02"}]}}))
    imported = run("holidays", "import", str(good), database=db)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 2 bank holidays for 2031" in imported.stdout
    # 2 January 2031 is a working day in England (the Scottish holiday is ignored).
    assert run("clock", "add", "2030-12-31", "1", database=db).stdout.strip() == "2031-01-02"
    listed = run("holidays", "list", "--year", "2031", database=db)
    assert "2031-04-11  Friday" in listed.stdout
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"england-and-wales": {"events": [{"title": "", "date": "2031-02-30"}]}}))
    refused = run("holidays", "import", str(bad), database=db)
    assert refused.returncode != 0
    assert "england-and-wales.events[1].date" in refused.stderr + refused.stdout


def test_incidents_lists_each_deadline_with_where_it_stands(db):
    run("demo", "load", database=db)
    listed = run("incidents", "--partnership", "calderdale", "--today", "2022-10-26", database=db)
    assert listed.returncode == 0, listed.stderr
    assert "Baby S (aware 2022-10-24)" in listed.stdout
    assert "2022-10-31  Notify the national panel: Met" in listed.stdout


def test_report_writes_each_format_and_names_bad_options(db, tmp_path):
    run("demo", "load", database=db)
    bad = run("report", "--partnership", "calderdale", "--year", "2023/24x", "--format", "rtf", "--out", str(tmp_path / "x"), database=db)
    assert bad.returncode != 0 and "--year: expected a reporting year like 2023-24" in bad.stderr, bad.stderr
    wrong_format = run("report", "--partnership", "calderdale", "--year", "2023-24", "--format", "rtf", "--out", "x", database=db)
    assert wrong_format.returncode != 0 and "--format: expected one of html, pdf, docx, md" in wrong_format.stderr
    nobody = run("report", "--partnership", "nowhere", "--year", "2023-24", "--out", str(tmp_path / "x.html"), database=db)
    assert nobody.returncode != 0 and "no partnership with the slug nowhere" in nobody.stderr
    version = run("report", "--partnership", "calderdale", "--year", "2023-24", "--version", "7", "--out", str(tmp_path / "x.html"), database=db)
    assert version.returncode != 0 and "has no version 7" in version.stderr

    html = run("report", "--partnership", "calderdale", "--year", "2023-24", "--format", "html", "--out", str(tmp_path / "r.html"), database=db)
    assert html.returncode == 0, html.stderr
    assert "Working Together checklist gaps:" in html.stdout and "Item 2: no training delivered in the year" in html.stdout
    text = (tmp_path / "r.html").read_text()
    assert "<h2 id=\"contents-title\">Contents</h2>" in text and "Contributions and outturn, 2023-24" in text

    md = run("report", "--partnership", "calderdale", "--year", "2023-24", "--format", "md", "--out", "-", database=db)
    assert md.returncode == 0 and md.stdout.startswith("# Calderdale Safeguarding Children Partnership: yearly report 2023-24")

    children = run("report", "--partnership", "calderdale", "--year", "2023-24", "--children", "--format", "md", "--out", "-", database=db)
    assert children.returncode == 0 and "Learning when things go wrong" in children.stdout


def test_report_pdf_has_page_numbers_and_the_word_file_opens_in_libreoffice(db, tmp_path):
    run("demo", "load", database=db)
    pdf = run("report", "--partnership", "calderdale", "--year", "2023-24", "--format", "pdf", "--out", str(tmp_path / "r.pdf"), database=db)
    assert pdf.returncode == 0, pdf.stderr
    pages = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Page 3 of" in pages and "Yearly report 2023-24" in pages
    assert "How this report meets Working Together" in pages and "Not yet covered: no training" in " ".join(pages.split())
    # Small counts are suppressed in the published breakdowns.
    assert "\nc\n" in pages

    missing = subprocess.run([BIN, "report", "--partnership", "calderdale", "--year", "2023-24", "--format", "pdf",
                              "--out", str(tmp_path / "x.pdf"), "--database", db], capture_output=True, text=True,
                             env={**os.environ, "SAFEGUARDING_CHROMIUM": "/nonexistent"}, timeout=120)
    assert missing.returncode != 0 and "PDF needs Chromium" in missing.stderr

    docx = run("report", "--partnership", "calderdale", "--year", "2023-24", "--format", "docx", "--out", str(tmp_path / "r.docx"), database=db)
    assert docx.returncode == 0, docx.stderr
    converted = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
                                "--outdir", str(tmp_path / "lo"), str(tmp_path / "r.docx")], capture_output=True, text=True, timeout=300)
    assert converted.returncode == 0, converted.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "lo" / "r.pdf"), "-"], capture_output=True, text=True).stdout
    for expected in ["3. Governance and the partners' contributions", "Contributions and outturn, 2023-24", "Decile 10", "Baby S"]:
        assert expected in text, expected
