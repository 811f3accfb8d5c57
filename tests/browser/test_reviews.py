"""Practice reviews in a real browser: a serious incident on the statutory clock, wrong input at
each step, and a viewer who cannot see an unpublished review."""

import uuid

from playwright.sync_api import expect

from test_learning import fill_date, submit
from test_smoke import P, check_page, sign_in


def test_incident_on_the_clock_and_unpublished_review_hidden(page, browser, base_url):
    reference = f"Child {uuid.uuid4().hex[:2].upper()}"
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/reviews")
    check_page(page, "reviews", "Practice reviews")
    page.get_by_role("link", name="Record a serious incident").click()
    submit(page, "Record the incident")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the child's anonymised reference")
    expect(summary).to_contain_text("Select the child's age band")
    page.fill("input[name=child_reference]", "Jane Smith")
    submit(page, "Record the incident")
    expect(summary).to_contain_text("never a name")
    page.fill("input[name=child_reference]", reference)
    page.get_by_label("The child was seriously harmed").check()
    page.get_by_label("5 to 9").check()
    fill_date(page, "aware_on", 22, 12, 2023)
    page.fill("textarea[name=summary]", "Injuries no one could explain.")
    page.get_by_label("West Yorkshire Police").check()
    submit(page, "Record the incident")
    expect(page.locator("h1")).to_contain_text(reference)
    expect(page.locator("table").first).to_contain_text("Wednesday 3 January 2024")
    expect(page.locator("table").first).to_contain_text("Missed")
    check_page(page, "incident", reference)
    # The rapid review cannot start before the notification.
    fill_date(page, "panel_met_on", 10, 1, 2024)
    submit(page, "Save the rapid review")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Record the notification to the national panel first")
    fill_date(page, "notified_on", 3, 1, 2024)
    submit(page, "Record the notification")
    expect(page.locator("table").first).to_contain_text("Met")

    page.goto(f"{P}/reviews/themes?year=2023-24")
    check_page(page, "review-themes", "Themes across reviews")
    expect(page.locator("table").first).to_contain_text("hidden men")

    # A viewer off the review subgroup sees published reviews only.
    viewer = browser.new_context(base_url=base_url).new_page()
    sign_in(viewer, "viewer@calderdale.example")
    viewer.goto(f"{P}/reviews")
    expect(viewer.locator("main")).to_contain_text("You see published reviews only")
    expect(viewer.locator("main")).not_to_contain_text(reference)
    expect(viewer.locator("main")).to_contain_text("Baby S local child safeguarding practice review")
    viewer.context.close()
