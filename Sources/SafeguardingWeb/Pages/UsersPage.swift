import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Administrators see who has access to the partnership, and add people.
enum UsersPage {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.manageUsers)
        let members = try await AccountStore.members(of: access.partnership, on: req.db)
        try await AuditTrail.record(on: req.db, partnershipID: access.partnership.id, actor: access.actor(req), action: "view",
                                    subjectType: "user_list", subjectID: nil, summary: "Viewed the list of users")
        let flash = req.takeFlash()
        return .html(Layout.page(req.frame(access, title: "Users", section: .users)) {
            if let flash { Components.notice(flash) }
            Components.heading("Users", caption: access.partnership.name)
            el("a", .href(SiteRoute.newUser(slug: access.slug).path), .class("govuk-button")) { "Add a user" }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(members.count) people with access" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Email", "Name", "Role", "Organisation", "Last signed in"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for member in members {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.user(slug: access.slug, id: member.user.id!).path), .class("app-link")) { member.user.email }
                                if !member.user.isActive { " "; Components.tag("Cannot sign in", colour: "grey") }
                            }
                            el("td", .class("govuk-table__cell")) { member.user.name }
                            el("td", .class("govuk-table__cell")) { member.membership.role.label }
                            el("td", .class("govuk-table__cell")) { member.membership.organisation?.name ?? "–" }
                            el("td", .class("govuk-table__cell")) { member.user.lastSignedInAt.map(AuditPage.timestamp) ?? "Never" }
                        }
                    }
                }
            }
        })
    }

    static func form(_ req: Request, _ access: PartnershipAccess, values: [String: String], errors: [FieldError]) async throws -> String {
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        return Layout.page(req.frame(access, title: errors.isEmpty ? "Add a user" : "Error: Add a user", section: .users)) {
            Components.backLink(.users(slug: access.slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Add a user", caption: access.partnership.name)
                el("form", .method("post"), .action(SiteRoute.users(slug: access.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "email", label: "Email address", value: values["email"], errors: errors, type: "email", autocomplete: "off")
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: values["role"], errors: errors, includeBlank: "Select a role")
                    Components.select(name: "organisation", label: "Organisation (required for a contributor)", options: organisations.map { ($0.name, $0.name) },
                                      selected: values["organisation"], errors: errors, includeBlank: "No organisation")
                    Components.textInput(name: "password", label: "First password", value: nil, errors: errors,
                                         hint: "At least \(PasswordPolicy.minimumLength) characters. Give it to the person separately.", type: "password", autocomplete: "new-password")
                    Components.button("Add user")
                }
            }
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.manageUsers)
        return .html(try await form(req, access, values: [:], errors: []))
    }

    static func accessForm(_ req: Request, _ access: PartnershipAccess, _ member: AccountStore.Member, values: [String: String], errors: [FieldError]) async throws -> String {
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        return Layout.page(req.frame(access, title: errors.isEmpty ? member.user.email : "Error: \(member.user.email)", section: .users)) {
            Components.backLink(.users(slug: access.slug), "Back to users")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(member.user.name, caption: member.user.email)
                el("form", .method("post"), .action(SiteRoute.user(slug: access.slug, id: member.user.id!).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: values["role"], errors: errors)
                    Components.select(name: "organisation", label: "Organisation (required for a contributor)", options: organisations.map { ($0.name, $0.name) },
                                      selected: values["organisation"], errors: errors, includeBlank: "No organisation")
                    Components.select(name: "active", label: "May sign in", options: [("yes", "Yes"), ("no", "No: the account is closed")],
                                      selected: values["active"], errors: errors)
                    Components.button("Save access")
                }
            }
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.manageUsers)
        let member = try await AccountStore.member(req.uuidParameter("id"), of: access.partnership, on: req.db)
        let values = ["role": member.membership.role.rawValue, "organisation": member.membership.organisation?.name ?? "",
                      "active": member.user.isActive ? "yes" : "no"]
        return .html(try await accessForm(req, access, member, values: values, errors: []))
    }

    static func update(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.manageUsers)
        let member = try await AccountStore.member(req.uuidParameter("id"), of: access.partnership, on: req.db)
        let values = req.formFields()
        do {
            let change = try AccessChange.validate(values)
            try await AccountStore.changeAccess(change, of: member.user.id!, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Saved access for \(member.user.email)")
            return req.redirect(to: SiteRoute.users(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            return .html(try await accessForm(req, access, member, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.manageUsers)
        let values = req.formFields()
        do {
            let draft = try UserDraft.validate(values)
            let hash = try await req.application.threadPool.runIfActive {
                try Credentials.hash(draft.password, cost: req.application.appConfiguration.passwordCost)
            }
            _ = try await AccountStore.addUser(draft, to: access.partnership, passwordHash: hash, by: access.actor(req), on: req.db)
            req.flash("Added \(draft.email)")
            return req.redirect(to: SiteRoute.users(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }
}

/// Administrators read who changed what and when.
enum AuditPage {
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "d MMM yyyy HH:mm"
        return formatter.string(from: date)
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readAuditLog)
        let pageNumber = (try? req.query.get(Int.self, at: "page")).map { max(1, min($0, 100_000)) } ?? 1
        let page = try await AuditTrail.events(on: req.db, partnershipID: access.partnership.requireID(), page: pageNumber)
        return .html(Layout.page(req.frame(access, title: "Audit log", section: .audit)) {
            Components.heading("Audit log", caption: access.partnership.name)
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
                    el("a", .href(SiteRoute.audit(slug: access.slug).path + "?page=\(page.page - 1)"), .class("app-link"), .init("rel", "prev")) { "Newer events" }
                }
                if page.hasMore {
                    el("a", .href(SiteRoute.audit(slug: access.slug).path + "?page=\(page.page + 1)"), .class("app-link"), .init("rel", "next")) { "Older events" }
                }
            }
        })
    }
}
