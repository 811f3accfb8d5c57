"""The yearly report in a real browser: a narrative with wrong input, a sign-off with wrong input,
the report itself (accessible, every figure a link) and one click from a figure to its source."""

import uuid

from playwright.sync_api import expect

from test_learning import fill_date, submit
from test_smoke import P, check_page, sign_in


def test_report_narrative_sign_off_and_traceable_figures(page):
    words = f"Our own words {uuid.uuid4().hex[:6]}"
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/reports")
    check_page(page, "reports", "Yearly reports")
    page.get_by_role("link", name="Yearly report 2023-24").click()
    check_page(page, "report", "Yearly report 2023-24")
    expect(page.locator("#checklist ~ table").first).to_contain_text("Gap")

    page.get_by_role("link", name="Edit Changes to the arrangements").click()
    page.fill("textarea[name=narrative]", "See [the plan](javascript:alert(1))")
    submit(page, "Save the section")
    expect(page.locator(".govuk-error-summary")).to_contain_text("javascript:alert(1)")
    check_page(page, "report-section-error", "Changes to the arrangements")
    page.fill("textarea[name=narrative]", f"{words}: the **Executive** met monthly.")
    submit(page, "Save the section")
    expect(page.locator(".app-notice, .govuk-notification-banner").first).to_contain_text("Saved")

    page.locator("summary", has_text="Record a partner's sign-off").click()
    page.fill("input[name=signed_by_role]", "chief@police.example")
    fill_date(page, "signed_on", 31, 2, 2024)
    submit(page, "Record the sign-off")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the statutory partner who signed")
    expect(summary).to_contain_text("not an email address")
    expect(summary).to_contain_text("Enter the date the partner signed")

    page.goto(f"{P}/reports/2023-24.html")
    check_page(page, "report-html", "Yearly report 2023-24")
    expect(page.locator("#section-changes")).to_contain_text(words)
    total = page.locator("#finance tr.report-table__total a.report-source")
    expect(total).to_have_count(1)
    with page.expect_navigation():
        total.click()
    expect(page.locator("h1")).to_contain_text("2023")
    expect(page).to_have_url(f"{page.url.split('/partnerships')[0]}{P}/finance/2023-24")
