import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The register of organisations: list, add, edit.
enum OrganisationsPage {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let frame = req.frame(access, title: "Organisations", section: .organisations)
        let flash = req.takeFlash()
        return .html(Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.heading("Organisations", caption: access.partnership.name)
            el("p", .class("app-body-text")) {
                "The statutory safeguarding partners, the relevant agencies named in the arrangements, and the schools, colleges and voluntary organisations that take part."
            }
            if access.allows(.addOrganisation) {
                el("a", .href(SiteRoute.newOrganisation(slug: access.slug).path), .class("govuk-button")) { "Add an organisation" }
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(organisations.count) organisations" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Name", "Kind", "Sector", "Type"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                        el("th", .scope("col"), .class("govuk-table__header")) { el("span", .class("app-visually-hidden")) { "Actions" } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for organisation in organisations {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.organisation(slug: access.slug, id: organisation.id!).path), .class("app-link")) { organisation.name }
                            }
                            el("td", .class("govuk-table__cell")) { organisation.kind.label }
                            el("td", .class("govuk-table__cell")) { organisation.sector.label }
                            el("td", .class("govuk-table__cell")) { organisation.typeDescription ?? "" }
                            el("td", .class("govuk-table__cell")) {
                                if access.allows(.editOrganisation(owner: organisation.ref)) {
                                    el("a", .href(SiteRoute.editOrganisation(slug: access.slug, id: organisation.id!).path), .class("app-link")) {
                                        "Edit"; el("span", .class("app-visually-hidden")) { " " + organisation.name }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        })
    }

    /// One organisation: its details and the actions it owns in the learning tracker, overdue first.
    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let organisation = try await RegisterStore.organisation(req.uuidParameter("id"), in: access.partnership, on: req.db)
        let today = req.today
        let actions = access.allows(.readLearning)
            ? try await LearningReads.actions(access, filter: .all, organisationID: organisation.id, req.context) : []
        let overdue = actions.filter { $0.isOverdue(today: today) }
        let open = actions.filter { $0.action.status.isOpen && !$0.isOverdue(today: today) }
        let closed = actions.filter { !$0.action.status.isOpen }
        let flash = req.takeFlash()
        return .html(Layout.page(req.frame(access, title: organisation.name, section: .organisations)) {
            if let flash { Components.notice(flash) }
            Components.backLink(.organisations(slug: access.slug), "Back to organisations")
            Components.heading(organisation.name, caption: organisation.kind.label)
            Components.summaryList([
                ("Sector", .text(organisation.sector.label)),
                ("Type", .text(organisation.typeDescription ?? "–")),
                ("Lead safeguarding partner", .text(organisation.leadPartnerRole ?? "–")),
                ("Delegated safeguarding partner", .text(organisation.delegatedPartnerRole ?? "–")),
                ("Contact", .text(organisation.contactEmail ?? "–")),
            ])
            if access.allows(.editOrganisation(owner: organisation.ref)) {
                el("a", .href(SiteRoute.editOrganisation(slug: access.slug, id: organisation.id!).path), .class("govuk-button govuk-button--secondary")) { "Edit details" }
            }
            if access.allows(.readLearning) {
                el("h2", .class("app-heading-l")) { "Actions it owns" }
                el("p", .class("app-body-text")) {
                    "\(overdue.count) overdue, \(open.count) open and on time, \(closed.count) done or dropped."
                    if access.allows(.updateAction(owner: organisation.ref)) { " Open an action to record evidence of impact or change its status." }
                }
                if !overdue.isEmpty {
                    LearningViews.actionsTable(overdue, caption: "Overdue", slug: access.slug, today: today, showOrganisation: false)
                }
                if !open.isEmpty {
                    LearningViews.actionsTable(open, caption: "Open and on time", slug: access.slug, today: today, showOrganisation: false)
                }
                if !closed.isEmpty {
                    LearningViews.actionsTable(closed, caption: "Done or dropped", slug: access.slug, today: today, showOrganisation: false)
                }
            }
        })
    }

    static func fields(of organisation: Organisation) -> [String: String] {
        ["name": organisation.name, "kind": organisation.kind.rawValue, "sector": organisation.sector.rawValue,
         "type_description": organisation.typeDescription ?? "", "lead_partner_role": organisation.leadPartnerRole ?? "",
         "delegated_partner_role": organisation.delegatedPartnerRole ?? "", "contact_email": organisation.contactEmail ?? ""]
    }

    static func form(_ access: PartnershipAccess, frame: PageFrame, values: [String: String], errors: [FieldError], editing: Organisation?) -> String {
        let title = editing.map { "Edit \($0.name)" } ?? "Add an organisation"
        let locked = !access.allows(.addOrganisation)
        let action = editing.map { SiteRoute.organisation(slug: access.slug, id: $0.id!) } ?? .organisations(slug: access.slug)
        return Layout.page(frame) {
            Components.backLink(.organisations(slug: access.slug), "Back to organisations")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: access.partnership.name)
                el("form", .method("post"), .action(action.path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    if locked, let editing {
                        Components.summaryList([("Name", .text(editing.name)), ("Kind", .text(editing.kind.label)), ("Sector", .text(editing.sector.label))])
                        el("p", .class("govuk-hint")) { "The partnership's business unit changes these." }
                    } else {
                        Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                        Components.select(name: "kind", label: "Kind of organisation", options: OrganisationKind.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["kind"], errors: errors, includeBlank: "Select a kind")
                        Components.select(name: "sector", label: "Sector", options: Sector.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["sector"], errors: errors, includeBlank: "Select a sector")
                    }
                    Components.textInput(name: "type_description", label: "Type (optional)", value: values["type_description"], errors: errors,
                                         hint: "For example: NHS foundation trust, academy trust, housing association")
                    if !locked {
                        Components.textInput(name: "lead_partner_role", label: "Lead safeguarding partner's role (statutory partners only)", value: values["lead_partner_role"], errors: errors,
                                             hint: "A role, not a name: for example Chief Constable")
                        Components.textInput(name: "delegated_partner_role", label: "Delegated safeguarding partner's role (statutory partners only)", value: values["delegated_partner_role"], errors: errors)
                    }
                    Components.textInput(name: "contact_email", label: "Contact email (optional)", value: values["contact_email"], errors: errors, type: "email")
                    Components.button(editing == nil ? "Add organisation" : "Save changes")
                }
            }
        }
    }

    /// A form with other problems still says if the name is taken, so the user fixes everything at once.
    static func withNameClash(_ errors: ValidationErrors, name: String?, excluding id: UUID?, _ access: PartnershipAccess, _ req: Request) async throws -> [FieldError] {
        guard !errors.errors.contains(where: { $0.field == "name" }),
              let clash = try await RegisterStore.nameClash((name ?? "").trimmingCharacters(in: .whitespaces), excluding: id, in: access.partnership, on: req.db)
        else { return errors.errors }
        return [clash] + errors.errors
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.addOrganisation)
        return .html(form(access, frame: req.frame(access, title: "Add an organisation", section: .organisations), values: [:], errors: [], editing: nil))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.addOrganisation)
        let values = req.formFields()
        do {
            let draft = try OrganisationDraft.validate(values)
            let organisation = try await RegisterStore.addOrganisation(draft, to: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added \(organisation.name)")
            return req.redirect(to: SiteRoute.organisations(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let all = try await withNameClash(errors, name: values["name"], excluding: nil, access, req)
            return .html(form(access, frame: req.frame(access, title: "Error: Add an organisation", section: .organisations),
                              values: values, errors: all, editing: nil), status: .unprocessableEntity)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let organisation = try await RegisterStore.organisation(req.uuidParameter("id"), in: access.partnership, on: req.db)
        try access.require(.editOrganisation(owner: organisation.ref))
        return .html(form(access, frame: req.frame(access, title: "Edit \(organisation.name)", section: .organisations),
                          values: fields(of: organisation), errors: [], editing: organisation))
    }

    static func update(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let organisation = try await RegisterStore.organisation(req.uuidParameter("id"), in: access.partnership, on: req.db)
        try access.require(.editOrganisation(owner: organisation.ref))
        var values = req.formFields()
        if !access.allows(.addOrganisation) {
            // A contributor keeps their organisation's details current; where it stands in the
            // arrangements (name, kind, partner roles) is for the business unit to change.
            for key in ["name", "kind", "sector", "lead_partner_role", "delegated_partner_role"] { values[key] = fields(of: organisation)[key] }
        }
        do {
            let draft = try OrganisationDraft.validate(values)
            let updated = try await RegisterStore.updateOrganisation(organisation.id!, with: draft, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Saved \(updated.name)")
            return req.redirect(to: SiteRoute.organisations(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let all = try await withNameClash(errors, name: values["name"], excluding: organisation.id, access, req)
            return .html(form(access, frame: req.frame(access, title: "Error: Edit \(organisation.name)", section: .organisations),
                              values: values, errors: all, editing: organisation), status: .unprocessableEntity)
        }
    }
}
