import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering

/// The account pages' markup.
enum AccountViews {
    static let passwordHint = "At least \(PasswordPolicy.minimumLength) characters. Three random words together make a strong password that is easy to remember. Common passwords are refused."

    static func forgotten(csrf: String, mailConfigured: Bool, email: String, errors: [FieldError], sent: Bool) -> String {
        Layout.page(PageFrame(title: errors.isEmpty ? "Forgotten your password?" : "Error: Forgotten your password?", signedIn: nil)) {
            Components.backLink(.signIn, "Back to sign in")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(sent ? "Check your email" : "Forgotten your password?")
                if sent {
                    el("p", .class("app-body-text"), .role("status")) { AccountPages.resetSentMessage }
                    el("p", .class("app-body-text")) { el("a", .href(SiteRoute.signIn.path), .class("app-link")) { "Back to sign in" } }
                } else {
                    if mailConfigured {
                        el("p", .class("app-body-text")) { "Enter the email address you sign in with. If it has an account, we will email it a link to choose a new password." }
                    } else {
                        el("p", .class("app-body-text")) {
                            "This site does not send email, so your partnership's business unit issues new password links: ask them, and they can give you one from the list of users. You can still enter your address below."
                        }
                    }
                    el("form", .method("post"), .action(SiteRoute.forgottenPassword.path), .init("novalidate", nil)) {
                        Components.csrfField(csrf)
                        Components.textInput(name: "email", label: "Email address", value: email, errors: errors, type: "email", autocomplete: "username")
                        Components.button("Send me a link")
                    }
                }
            }
        }
    }

    static func link(_ details: AccountLinkStore.LinkDetails?, token: String, csrf: String, errors: [FieldError]) -> String {
        guard let details, details.state == .usable else {
            let state = details?.state ?? .expired
            return Layout.page(PageFrame(title: "This link cannot be used", signedIn: nil)) {
                el("div", .class("app-grid-two-thirds")) {
                    Components.heading("This link cannot be used")
                    el("p", .class("app-body-text")) { state.explanation ?? "" }
                    el("p", .class("app-body-text")) {
                        el("a", .href(SiteRoute.forgottenPassword.path), .class("app-link")) { "Ask for a new link" }
                        " or "
                        el("a", .href(SiteRoute.signIn.path), .class("app-link")) { "sign in" }
                        "."
                    }
                }
            }
        }
        let title = details.purpose == .invitation ? "Choose your password" : "Choose a new password"
        return Layout.page(PageFrame(title: errors.isEmpty ? title : "Error: \(title)", signedIn: nil)) {
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: details.email)
                if details.purpose == .invitation {
                    el("p", .class("app-body-text")) { "Welcome, \(details.name). Choose the password you will sign in with." }
                } else {
                    el("p", .class("app-body-text")) { "Setting a new password signs you out on every other device." }
                }
                el("form", .method("post"), .action(SiteRoute.accountLink(token: token).path), .init("novalidate", nil)) {
                    Components.csrfField(csrf)
                    // Lets password managers store the new password against the right account.
                    el("input", .type("hidden"), .name("username"), .value(details.email), .autocomplete("username"))
                    Components.textInput(name: "password", label: "New password", value: nil, errors: errors, hint: passwordHint,
                                         type: "password", autocomplete: "new-password")
                    Components.textInput(name: "password_confirmation", label: "Type the new password again", value: nil, errors: errors,
                                         type: "password", autocomplete: "new-password")
                    Components.button("Set password")
                }
            }
        }
    }

    static func changePassword(frame: PageFrame, errors: [FieldError], flash: String?) -> String {
        Layout.page(frame) {
            el("div", .class("app-grid-two-thirds")) {
                if let flash { Components.notice(flash) }
                Components.errorSummary(errors)
                Components.heading("Change your password")
                el("p", .class("app-body-text")) { "Changing your password signs you out on every other device; you stay signed in here." }
                el("form", .method("post"), .action(SiteRoute.changePassword.path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "current_password", label: "Current password", value: nil, errors: errors,
                                         type: "password", autocomplete: "current-password")
                    Components.textInput(name: "password", label: "New password", value: nil, errors: errors, hint: passwordHint,
                                         type: "password", autocomplete: "new-password")
                    Components.textInput(name: "password_confirmation", label: "Type the new password again", value: nil, errors: errors,
                                         type: "password", autocomplete: "new-password")
                    Components.button("Change password")
                }
                el("h2", .class("app-heading-m")) { "Signing in" }
                el("ul", .class("govuk-list app-list")) {
                    el("li") { el("a", .href(SiteRoute.yourSessions.path), .class("app-link")) { "Your sessions" } }
                    el("li") { el("a", .href(SiteRoute.twoFactor.path), .class("app-link")) { "Two-factor sign-in" } }
                }
            }
        }
    }

    static func partnerships(_ page: PartnershipsPage, frame: PageFrame) -> String {
        Layout.page(frame) {
            Components.heading("Your partnerships", caption: page.name)
            if page.partnerships.isEmpty {
                el("p", .class("app-body-text")) { "You do not have a role in any partnership yet. Ask your partnership's business unit to give you one." }
            } else {
                el("p", .class("app-body-text")) { "You have a role in each of these partnerships. Choose one to open it; what you can do depends on your role there." }
                el("ul", .class("govuk-list app-list")) {
                    for item in page.partnerships {
                        el("li") {
                            el("a", .href(SiteRoute.dashboard(slug: item.slug).path), .class("app-link")) { item.name }
                            el("span", .class("app-secondary-text")) { " · " + item.role.label }
                        }
                    }
                }
            }
        }
    }

    /// The page after inviting someone or issuing a link: the link itself, and whether it was emailed.
    static func issued(_ issued: AccountLinks.Issued, heading: String, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.backLink(.users(slug: slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.heading(heading, caption: issued.email)
                if let url = issued.url {
                    el("p", .class("app-body-text")) { "Give \(issued.email) this link. It works once, within \(issued.validFor), and lets them choose their own password:" }
                    el("div", .class("app-inset")) { el("p", .class("app-body-text app-break"), .id("account-link")) { url } }
                    switch issued.delivery {
                    case .sent:
                        el("p", .class("app-body-text"), .role("status")) { "We have also emailed the link to \(issued.email)." }
                    case .notConfigured:
                        el("p", .class("app-body-text")) { "This site does not send email, so pass the link on yourself, by a route you trust." }
                    case .failed(let reason):
                        el("p", .class("app-body-text"), .role("alert")) {
                            Components.tag("Not emailed", colour: "red")
                            " The email could not be sent (\(reason)). Pass the link on yourself."
                        }
                    }
                } else {
                    el("p", .class("app-body-text")) {
                        "\(issued.email) already had an account, so they now have this role here too and sign in with the password they already use."
                    }
                }
                el("p", .class("app-body-text")) { el("a", .href(SiteRoute.users(slug: slug).path), .class("app-link")) { "Back to the list of users" } }
            }
        }
    }
}
