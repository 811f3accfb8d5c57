import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The partners' financial contributions for a reporting year, and the outturn total.
enum FinancePage {
    static func latest(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readFinance)
        let year = try await RegisterStore.financeYears(access.partnership, on: req.db).first
            ?? ReportingYear(containing: req.today)
        return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: year).path)
    }

    struct FormState {
        var amounts: [String: String] = [:]
        var newLine: [String: String] = [:]
        var errors: [FieldError] = []
        var newLineErrors: [FieldError] = []
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readFinance)
        return try await render(req, access, year: req.yearParameter(), state: FormState(), status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, year: ReportingYear, state: FormState, status: HTTPResponseStatus) async throws -> Response {
        let finance = try await RegisterStore.finance(access.partnership, year: year, on: req.db)
        let years = Set(try await RegisterStore.financeYears(access.partnership, on: req.db) + [year, year.previous, year.next]).sorted(by: >)
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let canEdit = access.allows(.editFinance)
        let flash = req.takeFlash()
        let title = "Finance \(year.slashed)"
        return .html(Layout.page(req.frame(access, title: state.errors.isEmpty && state.newLineErrors.isEmpty ? title : "Error: " + title, section: .finance)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(state.errors + state.newLineErrors)
            Components.heading(title, caption: access.partnership.name)
            el("nav", .class("app-year-nav"), .aria("label", "Reporting years")) {
                el("ul", .class("app-inline-list")) {
                    for other in years {
                        el("li") {
                            if other == year {
                                el("span", .aria("current", "page"), .class("app-year-nav__current")) { other.slashed }
                            } else {
                                el("a", .href(SiteRoute.financeYear(slug: access.slug, year: other).path), .class("app-link")) { other.slashed }
                            }
                        }
                    }
                }
            }
            if finance.contributions.isEmpty {
                el("p", .class("app-body-text")) { "No contributions have been recorded for \(year.slashed)." }
            } else {
                el("form", .method("post"), .action(SiteRoute.financeYear(slug: access.slug, year: year).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    el("table", .class("govuk-table app-finance-table")) {
                        el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "Contributions, \(year.slashed) final outturn position" }
                        el("thead", .class("govuk-table__head")) {
                            el("tr", .class("govuk-table__row")) {
                                el("th", .scope("col"), .class("govuk-table__header")) { "Contribution" }
                                el("th", .scope("col"), .class("govuk-table__header")) { "From" }
                                el("th", .scope("col"), .class("govuk-table__header govuk-table__header--numeric")) { "\(year.slashed) outturn" }
                            }
                        }
                        el("tbody", .class("govuk-table__body")) {
                            for line in finance.contributions {
                                let field = "amount_\(line.id!.uuidString.lowercased())"
                                let error = state.errors.first { $0.field == field }?.message
                                el("tr", .class("govuk-table__row")) {
                                    el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                        line.label
                                        if let note = line.note { el("br"); el("span", .class("app-secondary-text")) { note } }
                                    }
                                    el("td", .class("govuk-table__cell")) { line.organisation?.name ?? line.category.label }
                                    el("td", .class("govuk-table__cell govuk-table__cell--numeric")) {
                                        if canEdit {
                                            if let error { el("p", .class("govuk-error-message"), .id("\(field)-error")) { error } }
                                            el("label", .class("app-visually-hidden"), .for(field)) { "\(line.label), pounds" }
                                            el("span", .class("app-currency")) {
                                                el("span", .class("app-currency__symbol"), .aria("hidden", "true")) { "£" }
                                                el("input", .class(error == nil ? "govuk-input app-input--amount" : "govuk-input app-input--amount govuk-input--error"),
                                                   .id(field), .name(field), .type("text"), .init("inputmode", "decimal"),
                                                   .value(state.amounts[field] ?? line.amount.editable),
                                                   error == nil ? nil : .aria("describedby", "\(field)-error"))
                                            }
                                            el("span", .class("app-finance-table__shown")) { " " + line.amount.formatted }
                                        } else {
                                            line.amount.formatted
                                        }
                                    }
                                }
                            }
                        }
                        el("tfoot") {
                            el("tr", .class("govuk-table__row app-table__total")) {
                                el("th", .scope("row"), .class("govuk-table__header"), .init("colspan", "2")) { "Total income" }
                                el("td", .class("govuk-table__cell govuk-table__cell--numeric app-table__total-value")) { finance.total.formatted }
                            }
                        }
                    }
                    if canEdit { Components.button("Save amounts") }
                }
            }
            if canEdit {
                el("h2", .class("app-heading-m")) { "Add a contribution for \(year.slashed)" }
                el("form", .method("post"), .action(SiteRoute.financeLines(slug: access.slug, year: year).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "label", label: "Contribution", value: state.newLine["label"], errors: state.newLineErrors,
                                         hint: "As it will appear in the yearly report, for example Police contribution")
                    Components.select(name: "category", label: "Kind", options: ContributionCategory.allCases.map { ($0.rawValue, $0.label) },
                                      selected: state.newLine["category"] ?? "partner", errors: state.newLineErrors)
                    Components.select(name: "organisation", label: "From (optional)", options: organisations.map { ($0.name, $0.name) },
                                      selected: state.newLine["organisation"], errors: state.newLineErrors, includeBlank: "Not from one organisation")
                    Components.textInput(name: "amount", label: "Amount in pounds", value: state.newLine["amount"], errors: state.newLineErrors,
                                         hint: "For example 14630 or 14,630.50", width: "app-input--half")
                    Components.textInput(name: "note", label: "Note (optional)", value: state.newLine["note"], errors: state.newLineErrors)
                    Components.button("Add contribution", secondary: true)
                }
            }
        }, status: status)
    }

    /// Saves every amount on the page together; one bad amount and none are saved.
    static func saveAmounts(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editFinance)
        let year = try req.yearParameter()
        let fields = req.formFields()
        let lines = try await RegisterStore.finance(access.partnership, year: year, on: req.db).contributions
        var validator = Validator()
        var amounts: [UUID: Pence] = [:]
        for line in lines {
            let field = "amount_\(line.id!.uuidString.lowercased())"
            guard let raw = fields[field] else { continue }
            var lineValidator = Validator()
            if let pence = ContributionDraft.amount(raw, field: field, validator: &lineValidator) {
                amounts[line.id!] = pence
            }
            for error in lineValidator.errors { validator.add(error.field, "\(line.label): \(error.message.prefix(1).lowercased() + error.message.dropFirst())") }
        }
        guard validator.errors.isEmpty else {
            return try await render(req, access, year: year, state: FormState(amounts: fields, errors: validator.errors), status: .unprocessableEntity)
        }
        try await RegisterStore.updateAmounts(amounts, year: year, in: access.partnership, by: access.actor(req), on: req.db)
        req.flash("Saved the contributions for \(year.slashed)")
        return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: year).path)
    }

    static func addLine(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editFinance)
        let year = try req.yearParameter()
        let fields = req.formFields()
        do {
            let draft = try ContributionDraft.validate(fields)
            _ = try await RegisterStore.addContribution(draft, year: year, to: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added \(draft.label) for \(year.slashed)")
            return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: year).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, year: year, state: FormState(newLine: fields, newLineErrors: errors.errors), status: .unprocessableEntity)
        }
    }
}
