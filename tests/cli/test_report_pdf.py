"""The published yearly report as a PDF: the demo is signed off and published through the pages, as the
Partnerships Manager does it, on a demo server of its own; then every page of the PDF must hold text
besides headings and the running footer (issue 13: no page holding only a heading).

SAFEGUARDING_BIN names the binary. Needs Chromium and poppler-utils (pdftotext, pdfinfo), which scripts/test installs.
"""
import html
import http.cookiejar
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request

from test_cli import BIN, free_port

P = "/partnerships/calderdale"
LOOK = os.environ.get("SAFEGUARDING_LOOK_OUT")  # a folder: each page is also drawn there as a PNG, to look at


def normalise(text):
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


class Browser:
    """A visitor with cookies: reads a form's token and posts forms, following redirects."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=180) as response:
            return response.read()

    def post(self, path, fields, token_from):
        token = re.search(r'name="_csrf" value="([^"]+)"', self.get(token_from).decode()).group(1)
        data = urllib.parse.urlencode({**fields, "_csrf": token}).encode()
        with self.opener.open(self.base + path, data=data, timeout=180) as response:
            return response.status, response.read().decode()


def headings(report_html):
    """The text of every heading, and of each section's Working Together subtitle, as printed."""
    found = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", report_html, re.S)
    found += re.findall(r'<p class="report-section__subtitle">(.*?)</p>', report_html, re.S)
    return sorted({normalise(html.unescape(re.sub(r"<[^>]+>", "", h))) for h in found} - {""}, key=len, reverse=True)


def pages_holding_only_headings(pdf, report_html, footer):
    """Each page's number and text when, without its headings and footer, it holds almost nothing."""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    heads = headings(report_html)
    bare = []
    for number in range(1, count + 1):
        text = normalise(subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), pdf, "-"],
                                        capture_output=True, text=True, check=True).stdout)
        if text.startswith("Contents "):
            continue  # the contents list is made of the headings by design
        rest = re.sub(r"Page \d+ of \d+", " ", text.replace(footer, " "))
        for heading in heads:
            rest = rest.replace(heading, " ")
        if sum(ch.isalpha() for ch in rest) < 20:
            bare.append((number, text))
    return count, bare


def test_no_page_of_the_published_report_holds_only_a_heading(tmp_path):
    port = free_port()
    server = subprocess.Popen([BIN, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port),
                               "--database", f"sqlite:{tmp_path}/pdf.sqlite"],
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
        visitor = Browser(base)
        visitor.post("/login", {"email": "admin@calderdale.example", "password": "demo-password"}, token_from="/login")
        year = f"{P}/reports/2023-24"
        status, page = visitor.post(f"{year}/sign-offs", {"partner": "police", "signed_by_role": "Chief Superintendent",
                                                          "signed_on": "2024-09-20"}, token_from=year)
        assert status == 200 and "Recorded the sign-off" in page
        status, page = visitor.post(f"{year}/publication", {"published_on": "2024-10-01", "confirm_gaps": "yes"}, token_from=year)
        assert status == 200 and "Published the report" in page, page[-3000:]

        report_html = visitor.get(f"{year}.html").decode()
        assert "Published 1 October 2024" in report_html
        (tmp_path / "report.pdf").write_bytes(visitor.get(f"{year}.pdf"))
    finally:
        server.terminate()
        server.wait(timeout=20)

    pdf = str(tmp_path / "report.pdf")
    count, bare = pages_holding_only_headings(pdf, report_html, "Calderdale Safeguarding Children Partnership yearly report 2023-24")
    if LOOK:
        os.makedirs(LOOK, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, os.path.join(LOOK, "report-page")], check=True)
    assert count > 10
    assert not bare, "pages holding only a heading: " + "; ".join(f"page {n}: {text[:120]!r}" for n, text in bare)
