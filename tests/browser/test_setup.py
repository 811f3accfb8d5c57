"""A new installation set up in a real browser: the server prints a one-time link, the link's
page creates Kirklees and its first administrator, and the performance pages then show
Kirklees's official figures with England, region and neighbours. The link works once."""

import os
import re
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test_smoke import check_page

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("SAFEGUARDING_BIN", str(ROOT / ".build" / "debug" / "safeguarding"))
PASSWORD = "kirklees first admin 2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def empty_server():
    """A server on an empty SQLite database; yields (base URL, set-up path)."""
    folder = tempfile.mkdtemp()
    port = free_port()
    env = dict(os.environ, SAFEGUARDING_PASSWORD_COST="4")
    log = open(Path(folder) / "server.log", "w+")
    process = subprocess.Popen([BIN, "serve", "--port", str(port), "--database", f"sqlite:{folder}/new.sqlite"],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    link = None
    try:
        for _ in range(120):
            log.seek(0)
            text = log.read()
            match = re.search(r"http://127\.0\.0\.1:\d+(/setup/\S+)", text)
            if match and "Server started" in text:
                link = match.group(1)
                break
            if process.poll() is not None:
                break
            time.sleep(0.5)
        assert link, f"the server printed no set-up link:\n{text}"
        yield f"http://127.0.0.1:{port}", link
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_set_up_a_new_partnership_through_the_link(browser, empty_server):
    base, link = empty_server
    context = browser.new_context(base_url=base)
    context.set_default_timeout(60_000)
    page = context.new_page()

    # Before set-up, every page says so.
    response = page.goto("/login")
    assert response.status == 503
    expect(page.locator("h1")).to_contain_text("not set up")

    page.goto(link)
    check_page(page, "setup", "Set up Safeguarding")
    # Wrong input first: nothing chosen, a short password.
    page.fill("input[name=password]", "short")
    page.get_by_role("button", name="Set up the partnership").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("local authority")
    expect(page.locator(".govuk-error-summary")).to_contain_text("12")

    page.fill("input[name=name]", "Kirklees Safeguarding Children Partnership")
    page.fill("input[name=short_name]", "KSCP")
    page.fill("input[name=slug]", "kirklees")
    page.select_option("select[name=local_authority]", "E08000034")
    page.fill("input[name=admin_name]", "Business unit manager")
    page.fill("input[name=admin_email]", "admin@kirklees.example")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Set up the partnership").click()
    expect(page.locator("h1")).to_contain_text("Sign in")

    page.fill("input[name=email]", "admin@kirklees.example")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form", has=page.locator("input[name=password]")).locator("button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Kirklees Safeguarding Children Partnership")

    # Kirklees's published rate of children looked after at 31 March 2025 is 64 per 10,000 (DfE).
    page.goto("/partnerships/kirklees/indicators/cla_rate")
    check_page(page, "setup-kirklees-cla", "Children looked after")
    body = page.locator("main").inner_text()
    assert re.search(r"\b64(\.\d)?\b", body), body[:2000]
    for text in ("England", "Statistical neighbours"):
        assert text in body

    # The link worked once.
    assert page.goto(link).status == 404
    context.close()
