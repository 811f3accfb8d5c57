"""Correcting mistakes in the register and the performance dataset, in a real browser: change a
contribution and an indicator's value, withdraw each with a reason (wrong input first), see the
dashboard, the dataset and the yearly report change, and restore them as an administrator.
Everything is put back as it was, since the other browser tests share the demo server."""

import re

from playwright.sync_api import expect

from test_learning import submit
from test_smoke import P, check_page, sign_in

REPORT = f"{P}/reports/2023-24.html"


def report_finance_total(page):
    page.goto(REPORT)
    return page.locator("#finance tr.report-table__total").inner_text()


def test_withdraw_and_restore_a_contribution(page):
    sign_in(page, "admin@calderdale.example")
    page.goto(P)
    expect(page.locator("main")).to_contain_text("£258,310")
    assert "£258,310" in report_finance_total(page)

    # Change the police contribution: the dashboard and the report follow.
    page.goto(f"{P}/finance/2023-24")
    with page.expect_navigation():
        page.get_by_role("link", name="Change Police contribution").click()
    check_page(page, "contribution-edit", "Change a contribution for 2023/24")
    page.fill("input[name=amount]", "lots")
    submit(page, "Save changes")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the amount in pounds, like 80360 or 80,360.50")
    page.fill("input[name=amount]", "15630")
    submit(page, "Save changes")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved the changes to Police contribution")
    page.goto(P)
    expect(page.locator("main")).to_contain_text("£259,310")
    assert "£259,310" in report_finance_total(page)

    # Withdraw it: a reason is required; then it leaves the finance page, the dashboard and the report.
    page.goto(f"{P}/finance/2023-24")
    with page.expect_navigation():
        page.get_by_role("link", name="Change Police contribution").click()
    submit(page, "Withdraw")
    check_page(page, "withdraw-error", "Withdraw contribution")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why this record is being withdrawn")
    page.fill("textarea[name=reason]", "Entered twice by mistake")
    submit(page, "Withdraw")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Withdrew Police contribution")
    expect(page.get_by_role("link", name="Change Police contribution")).to_have_count(0)
    page.goto(P)
    expect(page.locator("main")).to_contain_text("£243,680")
    assert "£243,680" in report_finance_total(page)

    # An administrator restores it from the withdrawn records.
    page.goto(f"{P}/organisations")
    with page.expect_navigation():
        page.get_by_role("link", name="Withdrawn register records").click()
    check_page(page, "register-withdrawn", "Withdrawn register records")
    row = page.locator("tr", has_text="Entered twice by mistake")
    expect(row).to_contain_text("Police contribution")
    with page.expect_navigation():
        row.get_by_role("button", name=re.compile("Restore")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Restored Police contribution")
    assert "£259,310" in report_finance_total(page)

    # Put the amount back as the demo has it.
    page.goto(f"{P}/finance/2023-24")
    with page.expect_navigation():
        page.get_by_role("link", name="Change Police contribution").click()
    page.fill("input[name=amount]", "14630")
    submit(page, "Save changes")
    page.goto(P)
    expect(page.locator("main")).to_contain_text("£258,310")


def test_withdraw_and_restore_an_indicator_value(page):
    indicator = "Missing episodes of children"
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/indicators/missing_episodes")
    with page.expect_navigation():
        page.get_by_role("link", name="Correct or withdraw its values and stories").click()
    check_page(page, "indicator-values", "Correct the values and stories")
    with page.expect_navigation():
        page.get_by_role("link", name="Change the value for Q4 2023-24").click()
    check_page(page, "value-edit", "Change a value of")
    original = page.input_value("input[name=value]")
    page.fill("input[name=value]", "many")
    submit(page, "Save changes")
    expect(page.locator(".govuk-error-summary")).to_contain_text("value")
    page.fill("input[name=value]", "98765")
    submit(page, "Save changes")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved the value")

    # The dataset's list and the report show the new value.
    page.goto(f"{P}/indicators")
    expect(page.locator("tr", has_text=indicator)).to_contain_text("98,765")
    page.goto(REPORT)
    expect(page.locator("#indicators tr", has_text=indicator)).to_contain_text("98,765")

    # Withdraw it: it leaves the list and the report.
    page.goto(f"{P}/indicators/missing_episodes/values")
    with page.expect_navigation():
        page.get_by_role("link", name="Withdraw the value for Q4 2023-24").click()
    check_page(page, "value-withdraw", "Withdraw indicator value")
    page.fill("textarea[name=reason]", "Typed into the wrong quarter")
    submit(page, "Withdraw")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Withdrew")
    page.goto(f"{P}/indicators")
    expect(page.locator("tr", has_text=indicator)).not_to_contain_text("98,765")
    page.goto(REPORT)
    expect(page.locator("#indicators tr", has_text=indicator)).not_to_contain_text("98,765")

    # Restore it, then put the demo's value back.
    page.goto(f"{P}/indicators")
    with page.expect_navigation():
        page.get_by_role("link", name="Withdrawn values and stories").click()
    check_page(page, "performance-withdrawn", "Withdrawn performance records")
    row = page.locator("tr", has_text="Typed into the wrong quarter")
    with page.expect_navigation():
        row.get_by_role("button", name=re.compile("Restore")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Restored")
    page.goto(REPORT)
    expect(page.locator("#indicators tr", has_text=indicator)).to_contain_text("98,765")
    page.goto(f"{P}/indicators/missing_episodes/values")
    with page.expect_navigation():
        page.get_by_role("link", name="Change the value for Q4 2023-24").click()
    page.fill("input[name=value]", original)
    submit(page, "Save changes")
    page.goto(f"{P}/indicators")
    expect(page.locator("tr", has_text=indicator)).not_to_contain_text("98,765")
