"""Browser fixtures: Debian's chromium driven by Playwright, one context per test."""

import os
import pathlib
import shutil
import time

import pytest
from playwright.sync_api import sync_playwright


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("SAFEGUARDING_BASE_URL", "http://127.0.0.1:8080").rstrip("/")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


class MailSink:
    """The messages an aiosmtpd server received, each also written to a folder as an .eml file."""

    def __init__(self, folder):
        self.folder = folder
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        text = envelope.content.decode("utf-8", "replace")
        self.messages.append({"to": list(envelope.rcpt_tos), "text": text})
        (self.folder / f"{len(self.messages):03d}.eml").write_text(text)
        return "250 Message accepted for delivery"

    def wait_for(self, to, after=0, timeout=15):
        """The first message to `to` among those received after the first `after`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages[after:]:
                if to in message["to"]:
                    return message["text"]
            time.sleep(0.1)
        raise AssertionError(f"no email to {to} within {timeout} seconds; received: {[m['to'] for m in self.messages]}")


@pytest.fixture(scope="session")
def mail_sink(tmp_path_factory):
    """An SMTP sink on the port the demo server sends to (scripts/test sets SAFEGUARDING_SMTP_PORT
    and starts the server with SAFEGUARDING_SMTP_URL pointing at it)."""
    port = os.environ.get("SAFEGUARDING_SMTP_PORT")
    if not port:
        pytest.skip("the demo server was started without outgoing mail: set SAFEGUARDING_SMTP_PORT as scripts/test does")
    from aiosmtpd.controller import Controller

    # scripts/test names a folder (SAFEGUARDING_MAIL_DIR) so its log scan can read the links mailed.
    folder = os.environ.get("SAFEGUARDING_MAIL_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
    sink = MailSink(pathlib.Path(folder) if folder else tmp_path_factory.mktemp("mail"))
    controller = Controller(sink, hostname="127.0.0.1", port=int(port))
    controller.start()
    yield sink
    controller.stop()
