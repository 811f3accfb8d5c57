import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// The register of organisations: list, add, edit.
enum OrganisationsPage {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.organisations(access, req.context)
        let frame = req.frame(access, title: "Organisations", section: .organisations)
        return .html(OrganisationViews.list(page, frame: frame, flash: req.takeFlash()))
    }

    /// One organisation: its details and the actions it owns in the learning tracker, overdue first.
    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.organisationPage(access, id: req.uuidParameter("id"), req.context)
        let frame = req.frame(access, title: page.organisation.name, section: .organisations)
        return .html(OrganisationViews.detail(page, frame: frame, flash: req.takeFlash()))
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.newOrganisationForm(access, req.context)
        return .html(OrganisationViews.form(page, frame: req.frame(access, title: "Add an organisation", section: .organisations),
                                            values: Components.dateBoxes("joined_on", page.today), errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.newOrganisationForm(access, req.context)
        let values = req.formFields()
        do {
            let organisation = try await RegisterWrites.createOrganisation(access, values, req.context)
            req.flash("Added \(organisation.name)")
            return req.redirect(to: SiteRoute.organisations(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let all = try await RegisterWrites.withNameClash(errors, name: values["name"], excluding: nil, access, req.context)
            return .html(OrganisationViews.form(page, frame: req.frame(access, title: "Error: Add an organisation", section: .organisations),
                                                values: values, errors: all), status: .unprocessableEntity)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.editOrganisationForm(access, id: req.uuidParameter("id"), req.context)
        let name = page.editing?.name ?? ""
        return .html(OrganisationViews.form(page, frame: req.frame(access, title: "Edit \(name)", section: .organisations),
                                            values: page.editing?.fields ?? [:], errors: []))
    }

    static func update(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        let page = try await RegisterReads.editOrganisationForm(access, id: id, req.context)
        let submitted = req.formFields()
        do {
            let updated = try await RegisterWrites.updateOrganisation(access, id: id, submitted, req.context)
            req.flash("Saved \(updated.name)")
            return req.redirect(to: SiteRoute.organisations(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let values = page.keepingLocked(submitted)
            let all = try await RegisterWrites.withNameClash(errors, name: values["name"], excluding: id, access, req.context)
            return .html(OrganisationViews.form(page, frame: req.frame(access, title: "Error: Edit \(page.editing?.name ?? "")", section: .organisations),
                                                values: values, errors: all), status: .unprocessableEntity)
        }
    }
}

/// The organisations list, one organisation's page, and the form to add or edit one.
enum OrganisationViews {
    static func list(_ page: OrganisationListPage, frame: PageFrame, flash: String?) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.heading("Organisations", caption: page.partnershipName)
            el("p", .class("app-body-text")) {
                "The statutory safeguarding partners, the relevant agencies named in the arrangements, and the schools, colleges and voluntary organisations that take part."
            }
            if page.mayAdd {
                el("a", .href(SiteRoute.newOrganisation(slug: page.slug).path), .class("govuk-button")) { "Add an organisation" }
            }
            if frame.signedIn?.canManageUsers == true {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.registerWithdrawn(slug: page.slug).path), .class("app-link")) { "Withdrawn register records" }
                }
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(page.organisations.count) organisations" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Name", "Kind", "Sector", "Type"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                        el("th", .scope("col"), .class("govuk-table__header")) { el("span", .class("app-visually-hidden")) { "Actions" } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for line in page.organisations {
                        let organisation = line.organisation
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.organisation(slug: page.slug, id: organisation.id).path), .class("app-link")) { organisation.name }
                                if let left = organisation.leftOn { " "; Components.tag("Left \(left.long)", colour: "grey") }
                            }
                            el("td", .class("govuk-table__cell")) { organisation.kind.label }
                            el("td", .class("govuk-table__cell")) { organisation.sector.label }
                            el("td", .class("govuk-table__cell")) { organisation.typeDescription ?? "" }
                            el("td", .class("govuk-table__cell")) {
                                if line.mayEdit {
                                    el("a", .href(SiteRoute.editOrganisation(slug: page.slug, id: organisation.id).path), .class("app-link")) {
                                        "Edit"; el("span", .class("app-visually-hidden")) { " " + organisation.name }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func detail(_ page: OrganisationDetailPage, frame: PageFrame, flash: String?) -> String {
        let organisation = page.organisation
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.backLink(.organisations(slug: page.slug), "Back to organisations")
            Components.heading(organisation.name, caption: organisation.kind.label)
            Components.summaryList([
                ("Sector", .text(organisation.sector.label)),
                ("Type", .text(organisation.typeDescription ?? "–")),
                ("Lead safeguarding partner", .text(organisation.leadPartnerRole ?? "–")),
                ("Delegated safeguarding partner", .text(organisation.delegatedPartnerRole ?? "–")),
                ("Contact", .text(organisation.contactEmail ?? "–")),
                ("In the arrangements", .text(membership(organisation))),
            ])
            if page.mayEdit {
                el("a", .href(SiteRoute.editOrganisation(slug: page.slug, id: organisation.id).path), .class("govuk-button govuk-button--secondary")) { "Edit details" }
            }
            if page.mayReadLearning { actions(page) }
        }
    }

    /// "Since 29 September 2019", or "From 29 September 2019 to 30 June 2026 (it has left)".
    static func membership(_ organisation: OrganisationRecord) -> String {
        let joined = organisation.joinedOn.long
        guard let left = organisation.leftOn else { return "Since \(joined)" }
        return "From \(joined) to \(left.long) (it has left)"
    }

    static func actions(_ page: OrganisationDetailPage) -> HTMLNode {
        group {
            el("h2", .class("app-heading-l")) { "Actions it owns" }
            el("p", .class("app-body-text")) {
                "\(page.overdueActions.count) overdue, \(page.openActions.count) open and on time, \(page.closedActions.count) done or dropped."
                if page.mayUpdateActions { " Open an action to record evidence of impact or change its status." }
            }
            for (actions, caption) in [(page.overdueActions, "Overdue"), (page.openActions, "Open and on time"), (page.closedActions, "Done or dropped")]
                where !actions.isEmpty {
                LearningViews.actionsTable(actions, caption: caption, slug: page.slug, showOrganisation: false)
            }
        }
    }

    static func form(_ page: OrganisationFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        let editing = page.editing
        let title = editing.map { "Edit \($0.name)" } ?? "Add an organisation"
        let action = editing.map { SiteRoute.organisation(slug: page.slug, id: $0.id) } ?? .organisations(slug: page.slug)
        // A stored date arrives as ISO text; the form shows it in three boxes.
        func dateValues(_ field: String) -> [String: String] {
            if values.keys.contains(where: { $0.hasPrefix("\(field)-") }) { return values }
            return Components.dateBoxes(field, values[field].flatMap(CalendarDate.init(iso:)))
        }
        return Layout.page(frame) {
            Components.backLink(.organisations(slug: page.slug), "Back to organisations")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: page.partnershipName)
                el("form", .method("post"), .action(action.path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    if page.locked, let editing {
                        Components.summaryList([("Name", .text(editing.name)), ("Kind", .text(editing.kind.label)), ("Sector", .text(editing.sector.label)),
                                                ("In the arrangements", .text(membership(editing)))])
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
                    if !page.locked {
                        Components.textInput(name: "lead_partner_role", label: "Lead safeguarding partner's role (statutory partners only)", value: values["lead_partner_role"], errors: errors,
                                             hint: "A role, not a name: for example Chief Constable")
                        Components.textInput(name: "delegated_partner_role", label: "Delegated safeguarding partner's role (statutory partners only)", value: values["delegated_partner_role"], errors: errors)
                        Components.dateInput(name: "joined_on", legend: "Joined the arrangements on", values: dateValues("joined_on"), errors: errors,
                                             hint: "The yearly report counts it from this day. For example, 1 4 2024")
                        if editing != nil {
                            Components.dateInput(name: "left_on", legend: "Left the arrangements on (optional)", values: dateValues("left_on"), errors: errors,
                                                 hint: "Only if it has left: it then becomes inactive. Leave blank while it is in the arrangements. For example, 30 6 2026")
                        }
                    }
                    Components.textInput(name: "contact_email", label: "Contact email (optional)", value: values["contact_email"], errors: errors, type: "email")
                    Components.button(editing == nil ? "Add organisation" : "Save changes")
                }
            }
            if !page.locked, let editing {
                CorrectionViews.withdrawSection(.registerWithdraw(slug: page.slug, kind: RegisterCorrections.Kind.organisation.rawValue, id: editing.id),
                                                what: "this organisation", csrf: frame.csrf ?? "")
            }
        }
    }
}
