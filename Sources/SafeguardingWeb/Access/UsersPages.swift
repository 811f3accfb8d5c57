import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// Administrators see who has access to the partnership, add people and change their access.
enum UsersPages {
    static func list(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await AccountReads.usersPage(viewer, req.context)
        return .html(UsersViews.list(page, frame: req.frame(viewer, title: "Users", section: .users), slug: viewer.slug, flash: req.takeFlash()))
    }

    static func new(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await AccountReads.newUserForm(viewer, req.context)
        return .html(UsersViews.newUser(page, frame: req.frame(viewer, title: "Invite a person", section: .users), slug: viewer.slug, values: [:], errors: []))
    }

    /// Invites the person: the page that follows shows the set-password link (and says whether it was emailed).
    static func create(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        do {
            let draft = try InvitationDraft.validate(values)
            let issued = try await AccountLinks.invite(viewer, draft, linkBase: req.application.appConfiguration.linkBase,
                                                       mailer: req.application.mailer, now: Date(), req.context)
            let heading = issued.existingAccount && issued.url == nil ? "Access given" : "Invitation made"
            return .html(AccountViews.issued(issued, heading: heading, frame: req.frame(viewer, title: heading, section: .users), slug: viewer.slug),
                         status: .created)
        } catch let errors as ValidationErrors {
            let page = try await AccountReads.newUserForm(viewer, req.context)
            return .html(UsersViews.newUser(page, frame: req.frame(viewer, title: "Error: Invite a person", section: .users), slug: viewer.slug,
                                            values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    /// A one-time reset link for a member, shown to the administrator and emailed when mail is configured.
    static func issueResetLink(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        do {
            let issued = try await AccountLinks.issueReset(viewer, userID: id, linkBase: req.application.appConfiguration.linkBase,
                                                           mailer: req.application.mailer, now: Date(), req.context)
            return .html(AccountViews.issued(issued, heading: "Password link issued", frame: req.frame(viewer, title: "Password link issued", section: .users),
                                             slug: viewer.slug))
        } catch let errors as ValidationErrors {
            return try await accessPage(req, viewer, id: id, errors: errors.errors)
        }
    }

    static func setLocked(_ locked: Bool, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        do {
            let email = try await AccountWrites.setLocked(viewer, userID: id, locked: locked, req.context)
            req.flash(locked ? "Locked the account of \(email): they cannot sign in or use API tokens, and their sessions have ended" : "Unlocked the account of \(email)")
            return req.redirect(to: SiteRoute.users(slug: viewer.slug).path)
        } catch let errors as ValidationErrors {
            return try await accessPage(req, viewer, id: id, errors: errors.errors)
        }
    }

    /// Ends one session of a member, or all of them.
    static func endSessions(_ req: Request, one: Bool) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        let sessionID = one ? try req.uuidParameter("sessionID") : nil
        let (email, ended) = try await AccountSessions.endMember(viewer, userID: id, sessionID: sessionID, req.context)
        req.flash("Ended \(ended) session\(ended == 1 ? "" : "s") of \(email)")
        return req.redirect(to: SiteRoute.user(slug: viewer.slug, id: id).path)
    }

    /// The partnership's two-factor requirement: `required=yes` or `no`.
    static func setTwoFactorRequirement(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        guard let answer = req.formFields()["required"], ["yes", "no"].contains(answer) else {
            throw Abort(.unprocessableEntity, reason: "Say whether two-factor sign-in is required: required=yes or required=no.")
        }
        try await AccountWrites.setTwoFactorRequired(viewer, answer == "yes", req.context)
        req.flash(answer == "yes" ? "Two-factor sign-in is now required for roles that read restricted records" : "Two-factor sign-in is no longer required")
        return req.redirect(to: SiteRoute.users(slug: viewer.slug).path)
    }

    static func accessPage(_ req: Request, _ viewer: Viewer, id: UUID, errors: [FieldError]) async throws -> Response {
        let page = try await AccountReads.accessForm(viewer, userID: id, req.context)
        return .html(UsersViews.access(page, frame: req.frame(viewer, title: "Error: \(page.member.email)", section: .users), slug: viewer.slug,
                                       values: page.values, errors: errors), status: .unprocessableEntity)
    }

    static func edit(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await AccountReads.accessForm(viewer, userID: req.uuidParameter("id"), req.context)
        return .html(UsersViews.access(page, frame: req.frame(viewer, title: page.member.email, section: .users), slug: viewer.slug,
                                       values: page.values, errors: []))
    }

    static func update(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            let change = try AccessChange.validate(values)
            let email = try await AccountWrites.changeAccess(viewer, change, userID: id, req.context)
            req.flash("Saved access for \(email)")
            return req.redirect(to: SiteRoute.users(slug: viewer.slug).path)
        } catch let errors as ValidationErrors {
            let page = try await AccountReads.accessForm(viewer, userID: id, req.context)
            return .html(UsersViews.access(page, frame: req.frame(viewer, title: "Error: \(page.member.email)", section: .users), slug: viewer.slug,
                                           values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }
}

/// The users pages' markup, from their page models.
enum UsersViews {
    static func list(_ page: UsersPage, frame: PageFrame, slug: String, flash: String?) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.heading("Users", caption: page.partnershipName)
            el("a", .href(SiteRoute.newUser(slug: slug).path), .class("govuk-button")) { "Invite a person" }
            el("form", .method("post"), .action(SiteRoute.twoFactorRequirement(slug: slug).path)) {
                Components.csrfField(frame.csrf ?? "")
                el("input", .type("hidden"), .name("required"), .value(page.requiresTwoFactor ? "no" : "yes"))
                el("p", .class("app-body-text")) {
                    page.requiresTwoFactor
                        ? "Two-factor sign-in is required for administrators, executive members, child death panel members and members of the review subgroup."
                        : "Two-factor sign-in is optional for everyone."
                }
                Components.button(page.requiresTwoFactor ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in for roles that read restricted records",
                                  secondary: true)
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(page.members.count) people with access" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Email", "Name", "Role", "Organisation", "Status", "Last signed in"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for member in page.members {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.user(slug: slug, id: member.id).path), .class("app-link")) { member.email }
                            }
                            el("td", .class("govuk-table__cell")) { member.name }
                            el("td", .class("govuk-table__cell")) { member.role.label }
                            el("td", .class("govuk-table__cell")) { member.organisationName ?? "–" }
                            el("td", .class("govuk-table__cell")) { statusTag(member.status) }
                            el("td", .class("govuk-table__cell")) { member.lastSignedInAt.map(AuditPage.timestamp) ?? "Never" }
                        }
                    }
                }
            }
        }
    }

    static func organisationSelect(_ organisations: [OrganisationChoice], values: [String: String], errors: [FieldError]) -> HTMLNode {
        Components.select(name: "organisation", label: "Organisation (required for a contributor)", options: organisations.map { ($0.name, $0.name) },
                          selected: values["organisation"], errors: errors, includeBlank: "No organisation")
    }

    static func statusTag(_ status: AccountStatus) -> HTMLNode {
        switch status {
        case .active: Components.tag(status.label, colour: "green")
        case .invited: Components.tag(status.label, colour: "blue")
        case .locked: Components.tag(status.label, colour: "grey")
        }
    }

    static func newUser(_ page: UserFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.users(slug: slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Invite a person", caption: page.partnershipName)
                el("p", .class("app-body-text")) {
                    "They get a link to choose their own password, shown on the next page (and emailed to them when this site sends email). It works once, within 72 hours. Someone who already has an account, in another partnership, gets a role here too."
                }
                el("form", .method("post"), .action(SiteRoute.users(slug: slug).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "email", label: "Email address", value: values["email"], errors: errors, type: "email", autocomplete: "off")
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: values["role"], errors: errors, includeBlank: "Select a role")
                    organisationSelect(page.organisations, values: values, errors: errors)
                    Components.button("Invite")
                }
            }
        }
    }

    static func access(_ page: AccessFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        let member = page.member
        return Layout.page(frame) {
            Components.backLink(.users(slug: slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(member.name, caption: member.email)
                Components.summaryList([
                    ("Status", UsersViews.statusTag(member.status)),
                    ("Last signed in", .text(member.lastSignedInAt.map(AuditPage.timestamp) ?? "Never")),
                ])
                el("form", .method("post"), .action(SiteRoute.user(slug: slug, id: member.id).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: values["role"], errors: errors)
                    organisationSelect(page.organisations, values: values, errors: errors)
                    Components.button("Save access")
                }
                el("h2", .class("app-heading-m"), .id("account")) { "Password and sign-in" }
                if member.status != .locked {
                    el("form", .method("post"), .action(SiteRoute.userResetLink(slug: slug, id: member.id).path)) {
                        Components.csrfField(frame.csrf ?? "")
                        el("p", .class("app-body-text")) {
                            member.status == .invited
                                ? "They have not chosen a password yet. A new invitation link replaces the one they were sent."
                                : "A reset link lets them choose a new password; it works once, within 72 hours, and ends their sessions when used."
                        }
                        Components.button(member.status == .invited ? "Issue a new invitation link" : "Issue a password reset link", secondary: true)
                    }
                    el("form", .method("post"), .action(SiteRoute.userLock(slug: slug, id: member.id).path)) {
                        Components.csrfField(frame.csrf ?? "")
                        el("p", .class("app-body-text")) {
                            "Locking stops them opening this partnership, by page or API token. Their other partnerships are not affected; if this was the last one open to them, their sessions end now."
                        }
                        Components.button("Lock account", secondary: true)
                    }
                } else {
                    el("form", .method("post"), .action(SiteRoute.userUnlock(slug: slug, id: member.id).path)) {
                        Components.csrfField(frame.csrf ?? "")
                        el("p", .class("app-body-text")) { "Their access to this partnership is locked: they cannot open it, by page or API token." }
                        Components.button("Unlock account", secondary: true)
                    }
                }
                el("h2", .class("app-heading-m"), .id("sessions")) { "Sessions" }
                el("p", .class("app-body-text")) {
                    page.twoFactorOn ? "Two-factor sign-in is on." : "Two-factor sign-in is off."
                    if page.partnershipRequiresTwoFactor { " This partnership requires it of roles that read restricted records." }
                }
                if page.sessions.isEmpty {
                    el("p", .class("app-body-text")) { "They are not signed in anywhere." }
                } else {
                    SecurityViews.sessionTable(page.sessions, csrf: frame.csrf ?? "", caption: "Signed in on \(page.sessions.count) browser\(page.sessions.count == 1 ? "" : "s")") {
                        .userSessionEnd(slug: slug, id: member.id, sessionID: $0)
                    }
                    el("form", .method("post"), .action(SiteRoute.userSessionsEnd(slug: slug, id: member.id).path)) {
                        Components.csrfField(frame.csrf ?? "")
                        Components.button("End all their sessions", secondary: true)
                    }
                }
            }
        }
    }
}

/// Administrators read who changed what and when.
enum AuditPage {
    /// UK time, the way the partnership reads it ("4 Mar 2024 09:05"). One calendar for every row:
    /// a formatter per call cost a few milliseconds on a long audit log.
    static func timestamp(_ date: Date) -> String {
        let parts = londonCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
              (1...12).contains(month) else { return "" }
        let clock = String(format: "%02d:%02d", hour, minute)
        return "\(day) \(monthAbbreviations[month - 1]) \(year) \(clock)"
    }

    private static let londonCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        return calendar
    }()

    private static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func show(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let pageNumber = (try? req.query.get(Int.self, at: "page")).map { max(1, min($0, 100_000)) } ?? 1
        let page = try await AccountReads.auditLog(viewer, page: pageNumber, req.context)
        return .html(view(page, frame: req.frame(viewer, title: "Audit log", section: .audit), slug: viewer.slug))
    }

    static func view(_ page: AuditLogPage, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.heading("Audit log", caption: page.partnershipName)
            el("p", .class("app-body-text")) { "Every change, every sign-in and every view of a restricted record, newest first." }
            el("table", .class("govuk-table app-table--compact")) {
                el("caption", .class("govuk-table__caption app-visually-hidden")) { "Audit events, page \(page.page)" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["When", "Who", "What", "Details"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for event in page.events {
                        el("tr", .class("govuk-table__row")) {
                            el("td", .class("govuk-table__cell app-nowrap")) { timestamp(event.occurredAt) }
                            el("td", .class("govuk-table__cell")) { event.actor }
                            el("td", .class("govuk-table__cell")) { event.summary }
                            el("td", .class("govuk-table__cell app-secondary-text app-break")) { event.changes ?? "" }
                        }
                    }
                }
            }
            el("nav", .class("app-pagination"), .aria("label", "Pages of the audit log")) {
                if page.page > 1 {
                    el("a", .href(SiteRoute.audit(slug: slug).path + "?page=\(page.page - 1)"), .class("app-link"), .init("rel", "prev")) { "Newer events" }
                }
                if page.hasMore {
                    el("a", .href(SiteRoute.audit(slug: slug).path + "?page=\(page.page + 1)"), .class("app-link"), .init("rel", "next")) { "Older events" }
                }
            }
        }
    }
}
