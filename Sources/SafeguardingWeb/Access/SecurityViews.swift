import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The markup of the sessions, two-factor and sign-in code pages.
enum SecurityViews {
    /// A list of sessions with a button to end each; `endRoute` names where each button posts.
    static func sessionTable(_ sessions: [SessionsPage.Item], csrf: String, caption: String, endRoute: (UUID) -> SiteRoute) -> HTMLNode {
        el("table", .class("govuk-table")) {
            el("caption", .class("govuk-table__caption govuk-table__caption--m")) { caption }
            el("thead", .class("govuk-table__head")) {
                el("tr", .class("govuk-table__row")) {
                    for header in ["Browser", "Started", "Last used", "Action"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                }
            }
            el("tbody", .class("govuk-table__body")) {
                for session in sessions {
                    el("tr", .class("govuk-table__row")) {
                        el("td", .class("govuk-table__cell")) {
                            session.browser
                            if session.isCurrent { " "; Components.tag("This session", colour: "green") }
                        }
                        el("td", .class("govuk-table__cell")) { session.startedAt.map(AuditPage.timestamp) ?? "Not recorded" }
                        el("td", .class("govuk-table__cell")) { session.lastSeenAt.map(AuditPage.timestamp) ?? "Not recorded" }
                        el("td", .class("govuk-table__cell")) {
                            el("form", .method("post"), .action(endRoute(session.id).path)) {
                                Components.csrfField(csrf)
                                el("button", .type("submit"), .class("app-link-button")) {
                                    session.isCurrent ? "Sign out of this session" : "End this session"
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func sessions(_ page: SessionsPage, frame: PageFrame, flash: String?) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.heading("Your sessions", caption: page.email)
            el("p", .class("app-body-text")) {
                "Each browser you are signed in on. If you do not recognise one, end it and "
                el("a", .href(SiteRoute.changePassword.path), .class("app-link")) { "change your password" }
                ". Last used is accurate to about 15 minutes."
            }
            sessionTable(page.sessions, csrf: frame.csrf ?? "", caption: "\(page.sessions.count) signed-in session\(page.sessions.count == 1 ? "" : "s")") {
                .sessionEnd(id: $0)
            }
            if page.sessions.count > 1 {
                el("form", .method("post"), .action(SiteRoute.otherSessionsEnd.path)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.button("End all other sessions", secondary: true)
                }
            }
            el("p", .class("app-body-text")) { el("a", .href(SiteRoute.twoFactor.path), .class("app-link")) { "Two-factor sign-in" } }
        }
    }

    static func twoFactor(_ state: TwoFactor.Status, frame: PageFrame, errors: [FieldError], recoveryCodes: [String]?, flash: String?) -> String {
        Layout.page(frame) {
            el("div", .class("app-grid-two-thirds")) {
                if let flash { Components.notice(flash) }
                Components.errorSummary(errors)
                Components.heading("Two-factor sign-in")
                if state.isRequired && !state.isOn {
                    el("p", .class("app-body-text"), .role("alert")) {
                        Components.tag("Required", colour: "red")
                        " Your partnership requires two-factor sign-in for your role. Set it up to carry on."
                    }
                }
                if let recoveryCodes {
                    el("h2", .class("app-heading-m")) { "Your recovery codes" }
                    el("p", .class("app-body-text")) {
                        "Keep these somewhere safe, away from your phone. Each works once, in place of a code, if you lose your authenticator app. They are shown only now."
                    }
                    el("ul", .class("govuk-list app-list"), .id("recovery-codes")) {
                        for code in recoveryCodes { el("li") { el("code") { code } } }
                    }
                }
                if state.isOn {
                    el("p", .class("app-body-text")) {
                        "Two-factor sign-in is on: after your password you enter the code your authenticator app shows. \(state.recoveryCodesLeft) recovery code\(state.recoveryCodesLeft == 1 ? "" : "s") left."
                    }
                    el("form", .method("post"), .action(SiteRoute.twoFactorDisable.path), .init("novalidate", nil)) {
                        Components.csrfField(frame.csrf ?? "")
                        Components.textInput(name: "password", label: "Your password, to turn it off", value: nil, errors: errors.filter { $0.field == "password" },
                                             type: "password", autocomplete: "current-password")
                        Components.button("Turn off two-factor sign-in", secondary: true)
                    }
                } else if let secret = state.pendingSecret, let uri = state.pendingURI {
                    el("ol", .class("govuk-list govuk-list--number")) {
                        el("li") { "Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator) and add an account." }
                        el("li") {
                            "Type in this key (spaces do not matter): "
                            el("code", .id("two-factor-secret")) { grouped(secret) }
                        }
                        el("li") { "Enter the 6-digit code the app then shows." }
                    }
                    el("details", .class("govuk-details")) {
                        el("summary", .class("govuk-details__summary")) { "The set-up address, for apps that take one" }
                        el("div", .class("govuk-details__text")) { el("p", .class("app-body-text app-break"), .id("two-factor-uri")) { uri } }
                    }
                    el("form", .method("post"), .action(SiteRoute.twoFactorConfirm.path), .init("novalidate", nil)) {
                        Components.csrfField(frame.csrf ?? "")
                        Components.textInput(name: "code", label: "Code from the app", value: nil, errors: errors.filter { $0.field == "code" },
                                             type: "text", autocomplete: "one-time-code", width: "app-input--half")
                        Components.button("Turn on two-factor sign-in")
                    }
                } else {
                    el("p", .class("app-body-text")) {
                        "Two-factor sign-in is off. With it on, signing in needs your password and a code from an authenticator app on your phone, so a stolen password alone is not enough."
                    }
                    el("form", .method("post"), .action(SiteRoute.twoFactorStart.path)) {
                        Components.csrfField(frame.csrf ?? "")
                        Components.button("Set up two-factor sign-in")
                    }
                }
                el("p", .class("app-body-text")) { el("a", .href(SiteRoute.yourSessions.path), .class("app-link")) { "Your sessions" } }
            }
        }
    }

    static func code(csrf: String, errors: [FieldError]) -> String {
        Layout.page(PageFrame(title: errors.isEmpty ? "Enter your code" : "Error: Enter your code", signedIn: nil)) {
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Enter your code")
                el("p", .class("app-body-text")) { "Open your authenticator app and enter the 6-digit code it shows for Safeguarding. If you have lost the app, enter one of your recovery codes." }
                el("form", .method("post"), .action(SiteRoute.signInCode.path), .init("novalidate", nil)) {
                    Components.csrfField(csrf)
                    Components.textInput(name: "code", label: "Code", value: nil, errors: errors, type: "text", autocomplete: "one-time-code", width: "app-input--half")
                    Components.button("Sign in")
                }
            }
        }
    }

    /// The secret in groups of four, as apps print it.
    static func grouped(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { start in
            let from = secret.index(secret.startIndex, offsetBy: start)
            return String(secret[from..<(secret.index(from, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
    }
}
