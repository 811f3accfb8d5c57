"""The learning tracker in a real browser: an audit from the programme to its challenge event,
the rule that an action closes only with evidence, and a survey answered by someone with no account."""

import re
import uuid

from playwright.sync_api import expect

from test_smoke import P, check_page, sign_in


def fill_date(page, name, day, month, year):
    page.fill(f"input[name='{name}-day']", str(day))
    page.fill(f"input[name='{name}-month']", str(month))
    page.fill(f"input[name='{name}-year']", str(year))


def submit(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_audit_from_programme_to_challenge_event(page):
    theme = f"Bruising in non-mobile babies {uuid.uuid4().hex[:6]}"
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/learning")
    page.get_by_role("link", name="Audit programme").click()
    check_page(page, "audit-programme", "Audit programme")
    page.get_by_role("link", name="Plan an audit").click()
    # Wrong input first: nothing filled in.
    submit(page, "Record")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the type of audit")
    page.fill("input[name=title]", theme)
    page.get_by_label("Multi-agency audit").check()
    fill_date(page, "completed_on", 14, 6, 2024)
    submit(page, "Record")
    expect(page.locator("h1")).to_contain_text(theme)

    page.locator("summary", has_text="Add a question").click()
    page.fill("textarea[name=question_text]", "Was the bruise seen by a paediatrician the same day?")
    submit(page, "Add question")
    page.locator("summary", has_text="Add a case").click()
    page.fill("input[name=reference]", "Baby Amy")
    submit(page, "Add case")
    expect(page.locator(".govuk-error-summary")).to_contain_text("never a child's name")
    page.fill("input[name=reference]", "BR-01")
    submit(page, "Add case")
    page.locator("summary", has_text="Add an agency taking part").click()
    page.select_option("select[name=organisation]", "West Yorkshire Police")
    submit(page, "Add agency")
    page.get_by_role("link", name=re.compile("Answer for West Yorkshire Police")).click()
    page.get_by_label("Good").check()
    submit(page, "Save answers")
    expect(page.locator("body")).to_contain_text("1 graded answers across 1 cases; 100% good or better")
    check_page(page, "audit-tool", theme)

    page.get_by_role("link", name="Findings, recommendations, actions and challenge event").click()
    page.locator("summary", has_text="Add a finding").click()
    page.get_by_label("Area for improvement").check()
    page.fill("textarea[name=finding_text]", "Same-day medical examination happened in only some cases.")
    submit(page, "Add finding")
    page.locator("summary", has_text="Add a recommendation").click()
    page.fill("textarea[name=recommendation_text]", "Relaunch the bruising protocol across agencies.")
    submit(page, "Add recommendation")
    expect(page.locator("h1")).to_contain_text("Recommendation 1")
    page.fill("textarea[name=text]", "Brief every response officer on the protocol")
    page.select_option("select[name=owner_organisation]", "West Yorkshire Police")
    page.fill("input[name=owner]", "Safeguarding lead")
    fill_date(page, "due_on", 31, 1, 2025)
    # Typed in after the fact: raised before it fell due (the form offers today).
    fill_date(page, "raised_on", 2, 12, 2024)
    submit(page, "Add action")
    page.get_by_role("link", name="Brief every response officer on the protocol").click()
    expect(page.locator("body")).to_contain_text("Overdue")

    # Done without evidence is refused; with evidence the action closes.
    page.get_by_role("radio", name="Done").check()
    submit(page, "Save status")
    expect(page.locator(".govuk-error-summary")).to_contain_text("only with evidence of impact")
    page.fill("textarea[name=what_changed]", "Officers refer every bruised non-mobile baby the same day")
    page.fill("textarea[name=how_we_know]", "Dip sample of referrals, January")
    page.get_by_label("Mark the action done").check()
    submit(page, "Record evidence")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("marked the action done")
    check_page(page, "action", "Brief every response officer")

    page.get_by_role("link", name=re.compile("Back to")).click()
    page.get_by_role("link", name="Record a challenge event").click()
    fill_date(page, "held_on", 12, 3, 2025)
    page.fill("textarea[name=who_was_challenged]", "Response sergeants and the paediatric liaison nurse")
    page.fill("textarea[name=assurance_given]", "Every case since the briefing was examined the same day.")
    page.get_by_label("Assured", exact=True).check()
    submit(page, "Record challenge event")
    expect(page.locator("body")).to_contain_text("Challenge event, 12 March 2025")
    expect(page.locator("body")).to_contain_text("Challenge event held")
    check_page(page, "audit-source", theme)


def test_survey_link_works_without_an_account(page, browser, base_url):
    title = f"Training feedback {uuid.uuid4().hex[:6]}"
    sign_in(page, "admin@calderdale.example")
    page.goto(f"{P}/surveys/new")
    page.fill("input[name=title]", title)
    submit(page, "Create survey")
    page.fill("textarea[name=text]", "How useful was the session?")
    page.get_by_label("Scale").check()
    submit(page, "Add question")
    page.fill("textarea[name=text]", "Which topics should come next?")
    page.get_by_label("Choose any").check()
    page.fill("textarea[name=options]", "Neglect\nExploitation\nOnline harm")
    submit(page, "Add question")
    submit(page, "Open the survey for responses")
    link = page.locator("a", has_text="/s/").first.get_attribute("href")

    stranger = browser.new_context(base_url=base_url)
    public = stranger.new_page()
    public.goto(link)
    expect(public.locator("h1")).to_contain_text(title)
    check_page(public, "survey-public", title)
    public.get_by_label("4", exact=True).check()
    public.get_by_label("Neglect").check()
    public.get_by_label("Online harm").check()
    with public.expect_navigation():
        public.get_by_role("button", name="Send answers").click()
    expect(public.locator("h1")).to_contain_text("Thank you")
    stranger.close()

    page.reload()
    expect(page.locator("body")).to_contain_text("1 responses")
    expect(page.locator("body")).to_contain_text("Mean 4.0 on a scale of 1 to 5")
    check_page(page, "survey-results", title)


def test_learning_pages_and_demo_survey(page):
    sign_in(page, "admin@calderdale.example")
    for name, path, heading, text in [
        ("learning", f"{P}/learning", "Learning and improvement", "overdue actions"),
        ("learning-sources", f"{P}/learning/sources", "Sources of learning", "Independent scrutiny"),
        ("learning-overdue", f"{P}/learning/actions?status=overdue", "Overdue actions", "Overdue"),
        ("surveys", f"{P}/surveys", "Surveys", "Safeguarding supervision survey 2023"),
    ]:
        page.goto(path)
        expect(page.locator("body")).to_contain_text(text)
        check_page(page, name, heading)
    page.get_by_role("link", name="Safeguarding supervision survey 2023").click()
    expect(page.locator("body")).to_contain_text("149 responses")
    expect(page.locator("body")).to_contain_text("64%")
