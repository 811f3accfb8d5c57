"""People and accounts in a real browser: an administrator invites a person, who follows the
set-password link and signs in; then a forgotten password is reset through the link the SMTP sink
caught, and a session opened before the reset is shown to have ended."""

import re
import uuid

from playwright.sync_api import expect

from test_smoke import P, check_page, sign_in

LINK = re.compile(r"https?://[^\s<>\"]+/account/links/[A-Za-z0-9_-]+")


def path_of(url):
    return "/" + url.split("/", 3)[3]


def set_password(page, link_path, password, heading):
    page.goto(link_path)
    check_page(page, f"account-link-{heading.split()[1]}", heading)
    page.fill("input[name=password]", password)
    page.fill("input[name=password_confirmation]", password)
    with page.expect_navigation():
        page.get_by_role("button", name="Set password").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your password is set")


def test_invite_set_password_sign_in_then_reset_a_forgotten_password(browser, base_url, mail_sink):
    email = f"dsl-{uuid.uuid4().hex[:8]}@school.example"
    admin = browser.new_context(base_url=base_url).new_page()
    sign_in(admin, "admin@calderdale.example")
    admin.goto(f"{P}/users/new")
    check_page(admin, "user-invite", "Invite a person")
    # Wrong input first: every problem named, with the error summary.
    admin.get_by_role("button", name="Invite").click()
    expect(admin.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    expect(admin.locator(".govuk-error-summary")).to_contain_text("Select a role")
    admin.fill("input[name=email]", email)
    admin.fill("input[name=name]", "School safeguarding lead")
    admin.select_option("select[name=role]", "viewer")
    admin.get_by_role("button", name="Invite").click()
    check_page(admin, "user-invited", "Invitation made")
    shown = admin.locator("#account-link").inner_text().strip()
    expect(admin.locator("main")).to_contain_text(f"We have also emailed the link to {email}")
    mail = mail_sink.wait_for(email)
    assert LINK.search(mail).group(0) == shown, "the emailed link is the one shown"

    newcomer = browser.new_context(base_url=base_url).new_page()
    newcomer.goto(path_of(shown))
    # A common password is refused with a clear message.
    newcomer.fill("input[name=password]", "password123456")
    newcomer.fill("input[name=password_confirmation]", "password123456")
    newcomer.get_by_role("button", name="Set password").click()
    expect(newcomer.locator(".govuk-error-summary")).to_contain_text("list of common passwords")
    set_password(newcomer, path_of(shown), "bright kettle orchard", "Choose your password")
    sign_in(newcomer, email, "bright kettle orchard")
    expect(newcomer.locator("h1")).to_contain_text("Calderdale")
    # The link works once.
    newcomer.goto(path_of(shown))
    expect(newcomer.locator("h1")).to_contain_text("This link cannot be used")

    admin.goto(f"{P}/users")
    row = admin.locator("tr", has=admin.locator(f"text={email}"))
    expect(row).to_contain_text("Active")

    # A second browser stays signed in as the person, until the reset below ends its session.
    old = browser.new_context(base_url=base_url).new_page()
    sign_in(old, email, "bright kettle orchard")
    old.goto(P)
    expect(old.locator('form[action="/logout"] button')).to_be_visible()

    forgetful = browser.new_context(base_url=base_url).new_page()
    forgetful.goto("/login")
    forgetful.get_by_role("link", name="Forgotten your password?").click()
    check_page(forgetful, "forgotten-password", "Forgotten your password?")
    before = len(mail_sink.messages)
    forgetful.fill("input[name=email]", email)
    forgetful.get_by_role("button", name="Send me a link").click()
    check_page(forgetful, "forgotten-password-sent", "Check your email")
    reset = LINK.search(mail_sink.wait_for(email, after=before)).group(0)
    set_password(forgetful, path_of(reset), "quiet harbour lamps", "Choose a new password")
    sign_in(forgetful, email, "quiet harbour lamps")
    expect(forgetful.locator("h1")).to_contain_text("Calderdale")

    old.goto(P)
    expect(old).to_have_url(re.compile(r"/login$"))
    expect(old.locator("h1")).to_contain_text("Sign in")

    admin.goto(f"{P}/audit")
    expect(admin.locator("main")).to_contain_text(f"Invited {email} as viewer")
    expect(admin.locator("main")).to_contain_text("Reset their password through a one-time link; ended")
    for context in (admin, newcomer, old, forgetful):
        context.context.close()


def test_change_password_page_refuses_a_wrong_current_password(page):
    sign_in(page, "young.advisor@calderdale.example")
    page.get_by_role("link", name="Change password").click()
    check_page(page, "change-password", "Change your password")
    page.fill("input[name=current_password]", "not-my-password")
    page.fill("input[name=password]", "short")
    page.fill("input[name=password_confirmation]", "short")
    page.get_by_role("button", name="Change password").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("at least 12 characters")
