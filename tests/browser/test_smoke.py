"""Smoke test of the demo server's pages in a real browser: status, heading,
key text, a full-page screenshot and an axe accessibility check on each."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SHOTS = Path(__file__).resolve().parents[2] / "look-out" / "browser"
PASSWORD = "demo-password"
P = "/partnerships/calderdale"


def sign_in(page, email, password=PASSWORD):
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("form", has=page.locator("input[name=password]")).locator("button[type=submit]").click()


def check_page(page, name, heading):
    """One h1 containing `heading`, then a screenshot and an axe check."""
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text(heading)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    violations = Axe().run(page).response["violations"]
    lines = [
        f"  {v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(n["target"]) for n in v["nodes"])
        for v in violations
    ]
    if lines:
        print(f"axe on {name}:", *lines, sep="\n")
    bad = [line for v, line in zip(violations, lines) if v["impact"] in ("serious", "critical")]
    assert not bad, f"serious accessibility violations on {name}:\n" + "\n".join(bad)


def expect_signed_in(page):
    expect(page.locator('form[action="/logout"] button')).to_contain_text("Sign out")


ADMIN_PAGES = [
    # (screenshot name, path, h1 text, texts the page must show)
    ("dashboard", P, "Calderdale Safeguarding Children Partnership", ["207,700", "49,400"]),
    ("organisations", f"{P}/organisations", "Organisations", []),
    ("organisation-new", f"{P}/organisations/new", "", []),
    ("subgroups", f"{P}/subgroups", "Subgroups and structure", []),
    ("finance", f"{P}/finance/2023-24", "Finance", []),
    ("users", f"{P}/users", "Users", ["admin@calderdale.example"]),
    ("audit", f"{P}/audit", "Audit log", ["Signed in"]),
    ("indicators", f"{P}/indicators", "Multi-agency dataset", ["Children in need", "360.1", "Illustrative figures"]),
    ("indicator-cin", f"{P}/indicators/cin_rate", "Children in need", ["Control chart", "Statistical neighbours", "360.1"]),
    ("indicator-extract", f"{P}/indicators/violent_crime_child_victim", "Violent crime", ["By deprivation decile", "Most deprived decile"]),
    ("data-returns", f"{P}/data-returns", "Data returns", ["Aggregate a record-level extract"]),
]


def test_login_page(page):
    response = page.goto("/login")
    assert response.status == 200
    for selector in ["input[name=email]", "input[name=password]", "button[type=submit]"]:
        expect(page.locator(selector)).to_be_visible()
    expect(page.locator("input[name=_csrf]")).to_have_attribute("type", "hidden")
    check_page(page, "login", "")


def test_admin_signs_in(page):
    sign_in(page, "admin@calderdale.example")
    expect(page).to_have_url(re.compile(rf"{P}/?$"))
    expect_signed_in(page)


@pytest.mark.parametrize("name,path,heading,texts", ADMIN_PAGES, ids=[p[0] for p in ADMIN_PAGES])
def test_admin_page(page, name, path, heading, texts):
    sign_in(page, "admin@calderdale.example")
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    expect_signed_in(page)
    for text in texts:
        expect(page.locator("body")).to_contain_text(text)
    if name == "organisations":
        for org in ["West Yorkshire Police", "Calderdale Council", "CAFCASS"]:
            expect(page.locator("table").first).to_contain_text(org)
        expect(page.get_by_role("link", name="Add an organisation")).to_be_visible()
    if name == "subgroups":
        chart = page.locator('svg[role="img"]').first
        text = chart.text_content()
        assert "Executive" in text and "Quality Assurance" in text, text
    if name == "finance":
        table = " ".join(page.locator("table").all_inner_texts())
        for amount in ["£80,360", "£14,630", "£114,010", "£47,300", "£2,010", "£258,310"]:
            assert amount in table, f"{amount} missing from the finance table"
    if name == "audit":
        expect(page.locator("tr", has_text="Signed in").first).to_be_visible()
    check_page(page, name, heading)


def test_wrong_password(page):
    sign_in(page, "admin@calderdale.example", "not-the-password")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    expect(page.locator("input[name=email]")).to_be_visible()
    check_page(page, "login-error", "")


def test_organisation_form_errors(page):
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/organisations/new")
    form = page.locator("form", has=page.locator("input[name=name]"))
    form.locator("button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the organisation's name")
    check_page(page, "organisation-new-error", "")

    page.fill("input[name=name]", "CAFCASS")
    page.locator("form", has=page.locator("input[name=name]")).locator("button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("already exists")


def test_contributor_is_refused_users_page(page):
    sign_in(page, "contributor@calderdale.example")
    response = page.goto(f"{P}/users")
    assert response.status == 403
    check_page(page, "forbidden", "You do not have permission to see this page")

    response = page.goto(f"{P}/organisations")
    assert response.status == 200
    other = page.locator("table tr", has_text="Calderdale Council")
    expect(other.first).to_be_visible()
    expect(other.get_by_role("link", name=re.compile("edit", re.I))).to_have_count(0)
    expect(other.locator('a[href$="/edit"]')).to_have_count(0)


def test_sign_out(page):
    sign_in(page, "admin@calderdale.example")
    with page.expect_navigation():
        page.locator('form[action="/logout"] button').click()
    page.goto(P)
    expect(page).to_have_url(re.compile(r"/login"))


def test_control_chart_and_escalation_decision(page):
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/indicators/ehe_ehcp")
    charts = page.locator('svg.app-chart[role="img"]')
    expect(charts.first).to_be_visible()
    assert "Upper limit" in charts.first.text_content()
    form = page.locator("form", has=page.locator("select[name=decision]")).first
    form.locator("button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a decision")
    form = page.locator("form", has=page.locator("select[name=decision]")).first
    form.locator("select[name=decision]").select_option("monitor")
    form.locator("input[name=reason]").fill("Watch for two more quarters.")
    form.locator("button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Recorded the decision: Monitor")
    check_page(page, "indicator-escalation-decided", "Home educated children")


def test_bad_data_return_upload_lists_every_bad_line(page, tmp_path):
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/data-returns")
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,period,value\nmissing_episodes,2024-25 Q1,12\nnope,2024-25 Q1,1\nmissing_episodes,2024-25 Q2,many\n")
    form = page.locator("form", has=page.locator("input[name=file]"))
    form.locator("input[name=file]").set_input_files(str(bad))
    form.locator("button[type=submit]").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 3")
    expect(summary).to_contain_text("Line 4")
    check_page(page, "data-return-errors", "Data returns")


def test_excel_data_return_is_read(page, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "period", "series", "value"])
    sheet.append(["missing_episodes", "2024-25 Q1", "local", 301])
    sheet.append(["missing_episodes", "2024-25 Q2", "local", 288])
    path = tmp_path / "return.xlsx"
    book.save(path)
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/data-returns")
    form = page.locator("form", has=page.locator("input[name=file]"))
    form.locator("input[name=file]").set_input_files(str(path))
    form.locator("button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved 2 values from return.xlsx")
    page.goto(f"{P}/indicators/missing_episodes")
    expect(page.locator("body")).to_contain_text("Q2 2024-25")
