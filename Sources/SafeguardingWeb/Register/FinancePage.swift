import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// The partners' financial contributions for a reporting year, and the outturn total.
enum FinancePage {
    static func latest(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let year = try await RegisterReads.latestFinanceYear(access, req.context)
        return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: year).path)
    }

    /// What was typed into the page's two forms, and what was wrong with it, after a rejected change.
    struct FormState {
        var amounts: [String: String] = [:]
        var newLine: [String: String] = [:]
        var errors: [FieldError] = []
        var newLineErrors: [FieldError] = []
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterReads.requireReadFinance(access)
        return try await render(req, access, year: req.yearParameter(), state: FormState(), status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, year: ReportingYear, state: FormState, status: HTTPResponseStatus) async throws -> Response {
        let page = try await RegisterReads.finance(access, year: year, req.context)
        let frame = req.frame(access, title: "", section: .finance)
        return .html(FinanceViews.year(page, frame: frame, flash: req.takeFlash(), state: state), status: status)
    }

    /// Saves every amount on the page together; one bad amount and none are saved.
    static func saveAmounts(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditFinance(access)
        let year = try req.yearParameter()
        let fields = req.formFields()
        do {
            try await RegisterWrites.saveAmounts(access, fields, year: year, req.context)
        } catch let errors as ValidationErrors {
            return try await render(req, access, year: year, state: FormState(amounts: fields, errors: errors.errors), status: .unprocessableEntity)
        }
        req.flash("Saved the contributions for \(year.slashed)")
        return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: year).path)
    }

    static func addLine(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditFinance(access)
        let year = try req.yearParameter()
        let fields = req.formFields()
        do {
            let label = try await RegisterWrites.addContribution(access, fields, year: year, req.context)
            req.flash("Added \(label) for \(year.slashed)")
            return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: year).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, year: year, state: FormState(newLine: fields, newLineErrors: errors.errors), status: .unprocessableEntity)
        }
    }
}

/// The finance page: the year navigation, the contributions table (with an amount field per
/// line for those who edit finance) and the form to add a line.
enum FinanceViews {
    static func year(_ page: FinanceYearPage, frame: PageFrame, flash: String?, state: FinancePage.FormState) -> String {
        let year = page.year
        let title = "Finance \(year.slashed)"
        var frame = frame
        frame.title = state.errors.isEmpty && state.newLineErrors.isEmpty ? title : "Error: " + title
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(state.errors + state.newLineErrors)
            Components.heading(title, caption: page.partnershipName)
            yearNavigation(page)
            if page.contributions.isEmpty {
                el("p", .class("app-body-text")) { "No contributions have been recorded for \(year.slashed)." }
            } else {
                el("form", .method("post"), .action(SiteRoute.financeYear(slug: page.slug, year: year).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    contributionsTable(page, state: state)
                    if page.mayEdit { Components.button("Save amounts") }
                }
            }
            if page.mayEdit { newLineForm(page, csrf: frame.csrf ?? "", state: state) }
        }
    }

    static func yearNavigation(_ page: FinanceYearPage) -> HTMLNode {
        el("nav", .class("app-year-nav"), .aria("label", "Reporting years")) {
            el("ul", .class("app-inline-list")) {
                for other in page.years {
                    el("li") {
                        if other == page.year {
                            el("span", .aria("current", "page"), .class("app-year-nav__current")) { other.slashed }
                        } else {
                            el("a", .href(SiteRoute.financeYear(slug: page.slug, year: other).path), .class("app-link")) { other.slashed }
                        }
                    }
                }
            }
        }
    }

    static func contributionsTable(_ page: FinanceYearPage, state: FinancePage.FormState) -> HTMLNode {
        el("table", .class("govuk-table app-finance-table")) {
            el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "Contributions, \(page.year.slashed) final outturn position" }
            el("thead", .class("govuk-table__head")) {
                el("tr", .class("govuk-table__row")) {
                    el("th", .scope("col"), .class("govuk-table__header")) { "Contribution" }
                    el("th", .scope("col"), .class("govuk-table__header")) { "From" }
                    el("th", .scope("col"), .class("govuk-table__header govuk-table__header--numeric")) { "\(page.year.slashed) outturn" }
                }
            }
            el("tbody", .class("govuk-table__body")) {
                for line in page.contributions {
                    el("tr", .class("govuk-table__row")) {
                        el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                            line.label
                            if page.mayEdit {
                                " "
                                el("a", .href(SiteRoute.editContribution(slug: page.slug, id: line.id).path), .class("app-link")) {
                                    "Change"; el("span", .class("app-visually-hidden")) { " \(line.label)" }
                                }
                            }
                            if let note = line.note { el("br"); el("span", .class("app-secondary-text")) { note } }
                        }
                        el("td", .class("govuk-table__cell")) { line.organisation ?? line.category.label }
                        el("td", .class("govuk-table__cell govuk-table__cell--numeric")) {
                            if page.mayEdit { amountInput(line, state: state) } else { line.amount.formatted }
                        }
                    }
                }
            }
            el("tfoot") {
                el("tr", .class("govuk-table__row app-table__total")) {
                    el("th", .scope("row"), .class("govuk-table__header"), .init("colspan", "2")) { "Total income" }
                    el("td", .class("govuk-table__cell govuk-table__cell--numeric app-table__total-value")) { page.total.formatted }
                }
            }
        }
    }

    /// A line's amount as a field (the typed value after a rejected save), with the saved amount beside it.
    static func amountInput(_ line: ContributionLine, state: FinancePage.FormState) -> HTMLNode {
        let field = line.amountField
        let error = state.errors.first { $0.field == field }?.message
        return group {
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
        }
    }

    static func newLineForm(_ page: FinanceYearPage, csrf: String, state: FinancePage.FormState) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Add a contribution for \(page.year.slashed)" }
            el("form", .method("post"), .action(SiteRoute.financeLines(slug: page.slug, year: page.year).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.textInput(name: "label", label: "Contribution", value: state.newLine["label"], errors: state.newLineErrors,
                                     hint: "As it will appear in the yearly report, for example Police contribution")
                Components.select(name: "category", label: "Kind", options: ContributionCategory.allCases.map { ($0.rawValue, $0.label) },
                                  selected: state.newLine["category"] ?? "partner", errors: state.newLineErrors)
                Components.select(name: "organisation", label: "From (optional)", options: page.organisationNames.map { ($0, $0) },
                                  selected: state.newLine["organisation"], errors: state.newLineErrors, includeBlank: "Not from one organisation")
                Components.textInput(name: "amount", label: "Amount in pounds", value: state.newLine["amount"], errors: state.newLineErrors,
                                     hint: "For example 14630 or 14,630.50", width: "app-input--half")
                Components.textInput(name: "note", label: "Note (optional)", value: state.newLine["note"], errors: state.newLineErrors)
                Components.button("Add contribution", secondary: true)
            }
        }
    }
}
