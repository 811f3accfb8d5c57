"""Correcting mistakes in learning and practice reviews, in a real browser: an action and a local
review are changed and then withdrawn, and the tracker's count and the yearly report's figures
move with them; an administrator sees them on the withdrawn list and restores the action."""

import re
import uuid

from playwright.sync_api import expect

from test_learning import fill_date, submit
from test_smoke import P, check_page, sign_in

REPORT = f"{P}/reports/2023-24.html"


def figure(page, label):
    """The number the report prints for the figure whose label starts with `label`."""
    page.goto(REPORT)
    value = page.locator(".report-figure", has=page.locator("dt", has_text=label)).locator(".report-figure__value").first
    return int(re.sub(r"\D", "", value.inner_text().split("(")[0]) or "0")


def open_actions(page):
    page.goto(f"{P}/learning")
    card = page.locator(".app-card", has=page.locator(".app-card__label", has_text=re.compile(r"^open actions$")))
    return int(card.locator(".app-card__figure").inner_text())


def test_action_and_local_review_corrected_and_withdrawn(page):
    text = f"Check strategy discussions {uuid.uuid4().hex[:6]}"
    sign_in(page, "admin@calderdale.example")
    report_open, tracker_open = figure(page, "Actions open"), open_actions(page)

    # An action raised in 2023-24, still open at its end.
    page.goto(f"{P}/learning/actions")
    page.locator("main table a").first.click()
    page.locator("main").get_by_role("link", name=re.compile(r"^\d+\. ")).first.click()
    page.fill("textarea[name=text]", text)
    page.select_option("select[name=owner_organisation]", "West Yorkshire Police")
    page.fill("input[name=owner]", "Detective inspector")
    fill_date(page, "due_on", 30, 6, 2024)
    fill_date(page, "raised_on", 1, 6, 2023)
    submit(page, "Add action")
    assert open_actions(page) == tracker_open + 1
    assert figure(page, "Actions open") == report_open + 1

    # Change it: wrong input first, then a new owner and due date.
    page.goto(f"{P}/learning/actions")
    page.get_by_role("link", name=text).click()
    page.get_by_role("link", name="Change or withdraw this action").click()
    check_page(page, "correct-action", "Change an action")
    page.fill("textarea[name=text]", "")
    submit(page, "Save changes")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what will be done")
    page.fill("textarea[name=text]", text + " (corrected)")
    page.fill("input[name=owner]", "Head of service")
    submit(page, "Save changes")
    expect(page.locator("h1")).to_contain_text(text + " (corrected)")
    expect(page.locator("main")).to_contain_text("Head of service")

    # Withdraw it: a reason is required; then it leaves the count and the report.
    page.get_by_role("link", name="Change or withdraw this action").click()
    submit(page, "Withdraw")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why this record is being withdrawn")
    page.fill("textarea[name=reason]", "Added to the wrong recommendation")
    submit(page, "Withdraw")
    expect(page.locator("main")).to_contain_text("Withdrew the action")
    assert open_actions(page) == tracker_open
    assert figure(page, "Actions open") == report_open

    # A local review in progress in 2023-24, changed and then withdrawn.
    in_progress = figure(page, "Local reviews in progress")
    reference = f"Child {uuid.uuid4().hex[:2].upper()}"
    page.goto(f"{P}/reviews/local/new")
    page.fill("input[name=child_reference]", reference)
    page.fill("input[name=reporting_year]", "2023-24")
    page.fill("input[name=reviewer]", "Independent reviewer")
    fill_date(page, "decided_on", 1, 9, 2023)
    page.fill("textarea[name=terms_of_reference]", "How well were the child's views heard?")
    submit(page, "Commission the review")
    assert figure(page, "Local reviews in progress") == in_progress + 1
    page.goto(f"{P}/reviews")
    page.get_by_role("link", name=re.compile(reference)).first.click()
    page.get_by_role("link", name="Change or withdraw the review").click()
    check_page(page, "correct-local-review", "Change the local review")
    page.fill("input[name=reviewer]", "Independent lead reviewer")
    submit(page, "Save changes")
    expect(page.locator("main")).to_contain_text("Independent lead reviewer")
    page.get_by_role("link", name="Change or withdraw the review").click()
    page.fill("textarea[name=reason]", "Commissioned in error")
    submit(page, "Withdraw")
    assert figure(page, "Local reviews in progress") == in_progress

    # The administrator's list of withdrawn records; restoring brings the action back.
    page.goto(f"{P}/learning/withdrawn")
    check_page(page, "withdrawn-learning", "Withdrawn learning records")
    row = page.locator("tr", has_text="Added to the wrong recommendation")
    with page.expect_navigation():
        row.get_by_role("button", name=re.compile("Restore")).click()
    expect(page.locator("main")).to_contain_text("Restored the action")
    assert open_actions(page) == tracker_open + 1
    page.goto(f"{P}/reviews/withdrawn")
    check_page(page, "withdrawn-reviews", "Withdrawn practice review records")
    expect(page.locator("main")).to_contain_text("Commissioned in error")
