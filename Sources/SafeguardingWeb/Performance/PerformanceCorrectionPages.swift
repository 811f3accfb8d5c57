import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// Correcting the performance dataset: an indicator's local values and stories, the form that
/// changes a value, withdrawing a value or a story, and the administrators' list of withdrawn ones.
enum PerformanceCorrectionPages {
    static func kind(_ req: Request) throws -> PerformanceCorrections.Kind {
        guard let text = req.parameters.get("kind"), let kind = PerformanceCorrections.Kind(rawValue: text) else { throw NotFound("kind of record") }
        return kind
    }

    static func values(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await PerformanceCorrectionReads.localValues(access, key: req.parameters.get("key") ?? "", req.context)
        return .html(PerformanceCorrectionViews.values(page, frame: req.frame(access, title: "Correct \(page.name)", section: .performance),
                                                       flash: req.takeFlash()))
    }

    static func valueForm(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await PerformanceCorrectionReads.valueForm(access, id: req.uuidParameter("id"), req.context)
        return .html(PerformanceCorrectionViews.valueForm(page, frame: req.frame(access, title: "Change a value of \(page.indicatorName)", section: .performance),
                                                          values: PerformanceCorrectionViews.values(of: page), errors: []))
    }

    static func updateValue(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await PerformanceCorrectionReads.valueForm(access, id: req.uuidParameter("id"), req.context)
        let fields = req.formFields()
        do {
            let key = try await PerformanceCorrections.updateValue(access, id: page.id, fields, req.context)
            req.flash("Saved the value of \(page.indicatorName) for \(page.period)")
            return req.redirect(to: SiteRoute.indicatorValues(slug: access.slug, key: key).path)
        } catch let errors as ValidationErrors {
            // A data return's messages name the line; a form has one, so leave it out.
            let problems = errors.errors.map { FieldError(field: $0.field, message: $0.message) }
            return .html(PerformanceCorrectionViews.valueForm(page, frame: req.frame(access, title: "Error: Change a value of \(page.indicatorName)", section: .performance),
                                                              values: fields, errors: problems), status: .unprocessableEntity)
        }
    }

    static func withdrawForm(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await PerformanceCorrectionReads.withdrawForm(access, kind: kind(req), id: req.uuidParameter("id"), req.context)
        return .html(CorrectionViews.withdraw(page, frame: req.frame(access, title: "Withdraw \(page.description)", section: .performance),
                                              values: [:], errors: []))
    }

    static func withdraw(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let kind = try kind(req)
        let page = try await PerformanceCorrectionReads.withdrawForm(access, kind: kind, id: req.uuidParameter("id"), req.context)
        let fields = req.formFields()
        do {
            let description = try await PerformanceCorrections.withdraw(access, kind: kind, id: page.id, fields, req.context)
            req.flash("Withdrew \(description). An administrator can restore it from the withdrawn records.")
            return req.redirect(to: page.back.path)
        } catch let errors as ValidationErrors {
            return .html(CorrectionViews.withdraw(page, frame: req.frame(access, title: "Error: Withdraw \(page.description)", section: .performance),
                                                  values: fields, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func withdrawn(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await PerformanceCorrectionReads.withdrawn(access, req.context)
        return .html(CorrectionViews.withdrawn(page, frame: req.frame(access, title: "Withdrawn performance records", section: .performance),
                                               flash: req.takeFlash(), errors: []))
    }

    static func restore(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterCorrections.requireRestore(access)
        let fields = req.formFields()
        do {
            guard let kind = fields["kind"].flatMap(PerformanceCorrections.Kind.init(rawValue:)), let id = fields["id"].flatMap(UUID.init(uuidString:)) else {
                throw ValidationErrors([FieldError(field: "id", message: "Select a withdrawn record to restore")])
            }
            let description = try await PerformanceCorrections.restore(access, kind: kind, id: id, req.context)
            req.flash("Restored \(description)")
            return req.redirect(to: SiteRoute.performanceWithdrawn(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let page = try await PerformanceCorrectionReads.withdrawn(access, req.context)
            return .html(CorrectionViews.withdrawn(page, frame: req.frame(access, title: "Error: Withdrawn performance records", section: .performance),
                                                   flash: nil, errors: errors.errors), status: .unprocessableEntity)
        }
    }
}

/// The page of an indicator's local values and stories, and the form that changes a value.
enum PerformanceCorrectionViews {
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func values(_ page: IndicatorValuesPage, frame: PageFrame, flash: String?) -> String {
        Layout.page(frame) {
            Components.backLink(.indicator(slug: page.slug, key: page.key), "Back to \(page.name)")
            if let flash { Components.notice(flash) }
            Components.heading("Correct the values and stories of \(page.name)", caption: page.partnershipName)
            el("p", .class("app-body-text")) {
                "Change a value entered wrongly, or withdraw one that should not be there: a withdrawn value leaves the charts, the dataset and the yearly report, and is kept so an administrator can restore it."
            }
            if page.values.isEmpty {
                el("p", .class("app-body-text")) { "No local values yet." }
            } else {
                Components.table(caption: "Local values", headers: ["Period", "Breakdown", "Value", "Numerator", "Denominator", ""], numeric: [2, 3, 4],
                                 rows: page.values.map { value in
                    [.text(value.period), .text(value.breakdown == "all" ? "All" : "\(value.breakdown): \(value.group)"),
                     .text(number(value.value)), .text(number(value.numerator)), .text(number(value.denominator)),
                     group {
                         el("a", .class("app-link"), .href(SiteRoute.editIndicatorValue(slug: page.slug, id: value.id).path)) {
                             "Change"; el("span", .class("app-visually-hidden")) { " the value for \(value.period)" }
                         }
                         " "
                         el("a", .class("app-link"), .href(SiteRoute.performanceWithdraw(slug: page.slug, kind: PerformanceCorrections.Kind.value.rawValue, id: value.id).path)) {
                             "Withdraw"; el("span", .class("app-visually-hidden")) { " the value for \(value.period)" }
                         }
                     }]
                }, compact: true)
            }
            el("h2", .class("app-heading-m")) { "Stories behind the data" }
            if page.stories.isEmpty {
                el("p", .class("app-body-text")) { "No story has been written yet." }
            } else {
                Components.table(caption: "Stories behind the data", hiddenCaption: true, headers: ["Period", "Written", ""], rows: page.stories.map { story in
                    [.text(story.period), .text("by \(story.author), \(AuditPage.timestamp(story.writtenAt))"),
                     el("a", .class("app-link"), .href(SiteRoute.performanceWithdraw(slug: page.slug, kind: PerformanceCorrections.Kind.story.rawValue, id: story.id).path)) {
                         "Withdraw"; el("span", .class("app-visually-hidden")) { " the story for \(story.period) written \(AuditPage.timestamp(story.writtenAt))" }
                     }]
                }, compact: true)
                el("p", .class("app-body-text")) { "To change a story, write it again on the indicator's page: the newest version is the one shown." }
            }
        }
    }

    static func values(of page: ValueFormPage) -> [String: String] {
        ["value": number(page.value), "numerator": number(page.numerator), "denominator": number(page.denominator)]
    }

    static func valueForm(_ page: ValueFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.indicatorValues(slug: page.slug, key: page.key), "Back to the values of \(page.indicatorName)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Change a value of \(page.indicatorName)", caption: page.partnershipName)
                Components.summaryList([("Period", .text(page.period)),
                                        ("Breakdown", .text(page.breakdown == "all" ? "All" : "\(page.breakdown): \(page.group)"))])
                el("form", .method("post"), .action(SiteRoute.editIndicatorValue(slug: page.slug, id: page.id).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "value", label: "Value", value: values["value"], errors: errors, width: "app-input--half")
                    Components.textInput(name: "numerator", label: "Numerator (optional)", value: values["numerator"], errors: errors, width: "app-input--half")
                    Components.textInput(name: "denominator", label: "Denominator (optional)", value: values["denominator"], errors: errors, width: "app-input--half")
                    Components.button("Save changes")
                }
            }
            CorrectionViews.withdrawSection(.performanceWithdraw(slug: page.slug, kind: PerformanceCorrections.Kind.value.rawValue, id: page.id),
                                            what: "this value", csrf: frame.csrf ?? "")
        }
    }
}
