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
        return .html(UsersViews.newUser(page, frame: req.frame(viewer, title: "Add a user", section: .users), slug: viewer.slug, values: [:], errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        do {
            let draft = try UserDraft.validate(values)
            let cost = req.application.appConfiguration.passwordCost
            let hash = try await req.application.threadPool.runIfActive { try Credentials.hash(draft.password, cost: cost) }
            let email = try await AccountWrites.addUser(viewer, draft, passwordHash: hash, req.context)
            req.flash("Added \(email)")
            return req.redirect(to: SiteRoute.users(slug: viewer.slug).path)
        } catch let errors as ValidationErrors {
            let page = try await AccountReads.newUserForm(viewer, req.context)
            return .html(UsersViews.newUser(page, frame: req.frame(viewer, title: "Error: Add a user", section: .users), slug: viewer.slug,
                                            values: values, errors: errors.errors), status: .unprocessableEntity)
        }
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
            el("a", .href(SiteRoute.newUser(slug: slug).path), .class("govuk-button")) { "Add a user" }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(page.members.count) people with access" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Email", "Name", "Role", "Organisation", "Last signed in"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for member in page.members {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.user(slug: slug, id: member.id).path), .class("app-link")) { member.email }
                                if !member.isActive { " "; Components.tag("Cannot sign in", colour: "grey") }
                            }
                            el("td", .class("govuk-table__cell")) { member.name }
                            el("td", .class("govuk-table__cell")) { member.role.label }
                            el("td", .class("govuk-table__cell")) { member.organisationName ?? "–" }
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

    static func newUser(_ page: UserFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.users(slug: slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Add a user", caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.users(slug: slug).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "email", label: "Email address", value: values["email"], errors: errors, type: "email", autocomplete: "off")
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: values["role"], errors: errors, includeBlank: "Select a role")
                    organisationSelect(page.organisations, values: values, errors: errors)
                    Components.textInput(name: "password", label: "First password", value: nil, errors: errors,
                                         hint: "At least \(PasswordPolicy.minimumLength) characters. Give it to the person separately.", type: "password", autocomplete: "new-password")
                    Components.button("Add user")
                }
            }
        }
    }

    static func access(_ page: AccessFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.users(slug: slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(page.member.name, caption: page.member.email)
                el("form", .method("post"), .action(SiteRoute.user(slug: slug, id: page.member.id).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: values["role"], errors: errors)
                    organisationSelect(page.organisations, values: values, errors: errors)
                    Components.select(name: "active", label: "May sign in", options: [("yes", "Yes"), ("no", "No: the account is closed")],
                                      selected: values["active"], errors: errors)
                    Components.button("Save access")
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
