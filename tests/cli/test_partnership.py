"""A partnership for any area of England from nothing (issue 14): `partnership create` on an empty database,
`user add`, `serve`, and the person signing in sees their own area's official figures, with England, the region
and the statistical neighbours, all from the national files shipped in the binary (no download).

SAFEGUARDING_BIN names the binary.
"""
import http.cookiejar
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from test_cli import BIN, free_port, run


class Visitor:
    """Signs in through the form with its CSRF token, and keeps the session cookie."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path, fields, token_from):
        token = re.search(r'name="_csrf" value="([^"]+)"', self.get(token_from)[1]).group(1)
        data = urllib.parse.urlencode({**fields, "_csrf": token}).encode()
        with self.opener.open(self.base + path, data=data, timeout=60) as response:
            return response.status, response.read().decode()


def create_kirklees(db, *extra):
    return run("partnership", "create", "--name", "Kirklees Safeguarding Children Partnership", "--short-name", "KSCP",
               "--slug", "kirklees", "--local-authority", "E08000034", *extra, database=db)


def test_partnership_create_refuses_bad_input_naming_the_field_and_the_nearest_authorities(db):
    wrong = run("partnership", "create", "--name", "K", "--short-name", "K", "--slug", "kirklees",
                "--local-authority", "E08000343", database=db)
    assert wrong.returncode != 0
    assert "local_authority: E08000343 is not the code of an English local authority" in wrong.stderr, wrong.stderr
    assert "Nearest by code: E08000034 Kirklees" in wrong.stderr
    assert "Fatal error" not in wrong.stderr

    by_name = run("partnership", "create", "--name", "K", "--short-name", "K", "--slug", "kirklees",
                  "--local-authority", "Kirklees", database=db)
    assert by_name.returncode != 0 and "Nearest by name: E08000034 Kirklees" in by_name.stderr, by_name.stderr

    bad_slug = run("partnership", "create", "--name", "K", "--short-name", "K", "--slug", "Kirk Lees",
                   "--local-authority", "E08000034", database=db)
    assert bad_slug.returncode != 0 and "slug: The slug Kirk Lees may only have lowercase letters" in bad_slug.stderr

    none = run("partnership", "create", "--name", "", "--short-name", "K", "--slug", "k", database=db)
    assert none.returncode != 0
    assert "name: Enter the partnership's name" in none.stderr and "local_authority: Give at least one" in none.stderr

    listed = run("partnership", "list", database=db)
    assert listed.returncode == 0 and "There are no partnerships yet" in listed.stdout

    made = create_kirklees(db)
    assert made.returncode == 0, made.stderr
    assert "covering E08000034 Kirklees" in made.stdout
    assert "IMD 2019 deciles for 259 LSOAs" in made.stdout

    again = create_kirklees(db)
    assert again.returncode != 0 and "slug: The slug kirklees is already taken" in again.stderr
    clash = run("partnership", "create", "--name", "West Yorkshire", "--short-name", "WY", "--slug", "west-yorkshire",
                "--local-authority", "E08000035", "--local-authority", "E08000034", database=db)
    assert clash.returncode != 0 and "E08000034 Kirklees is already covered by the partnership" in clash.stderr

    two = run("partnership", "create", "--name", "Leeds and Bradford", "--short-name", "LB", "--slug", "leeds-bradford",
              "--local-authority", "E08000035", "--local-authority", "E08000032", database=db)
    assert two.returncode == 0, two.stderr
    listed = run("partnership", "list", database=db).stdout
    assert "kirklees\tKirklees Safeguarding Children Partnership (KSCP)\tE08000034 Kirklees" in listed
    assert "leeds-bradford\tLeeds and Bradford (LB)\tE08000035 Leeds; E08000032 Bradford" in listed

    refreshed = run("official", "refresh", "--partnership", "kirklees", database=db)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "cin_rate:" in refreshed.stdout and "time_period 2013 to 2025" in refreshed.stdout
    missing = run("official", "refresh", "--partnership", "kirklees", "--from", "/nonexistent-folder", database=db)
    assert missing.returncode != 0 and "from: /nonexistent-folder is not a folder" in missing.stderr
    unknown = run("official", "refresh", "--partnership", "nowhere", database=db)
    assert unknown.returncode != 0 and "partnership: There is no partnership with the slug nowhere" in unknown.stderr


def test_a_new_partnership_from_an_empty_database_shows_its_own_official_figures(db):
    made = create_kirklees(db)
    assert made.returncode == 0, made.stderr
    added = run("user", "add", "--email", "manager@kirklees.example", "--name", "Partnership manager", "--role", "administrator",
                "--partnership", "kirklees", "--password-stdin", stdin="a-long-kirklees-password\n", database=db)
    assert added.returncode == 0, added.stderr

    port = free_port()
    server = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(port), "--database", db],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              # Over plain http a client other than a browser keeps only cookies not marked secure.
                              env={**os.environ, "SAFEGUARDING_SECURE_COOKIES": "0"})
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        visitor = Visitor(base)
        status, _ = visitor.post("/login", {"email": "manager@kirklees.example", "password": "a-long-kirklees-password"}, token_from="/login")
        assert status == 200

        status, page = visitor.get("/partnerships/kirklees/indicators")
        assert status == 200, page[-2000:]
        for name in ["Children in need", "Children on a child protection plan", "Children looked after", "Re-referrals within 12 months"]:
            assert name in page
        assert "Violent crime with a child victim" not in page  # the demo's illustrative indicators are not copied

        status, page = visitor.get("/partnerships/kirklees/indicators/cin_rate")
        assert status == 200, page[-2000:]
        # DfE's published figures for 31 March 2025 (LAIT): Kirklees 222.1, England 330.3, Yorkshire and the Humber 341.3.
        for figure in ["222.1", "330.3", "341.3"]:
            assert figure in page, figure
        assert "Statistical neighbours" in page or "statistical neighbours" in page
        assert "demo" not in page.lower() or "Demo data" not in page
    finally:
        server.terminate()
        server.wait(timeout=20)
