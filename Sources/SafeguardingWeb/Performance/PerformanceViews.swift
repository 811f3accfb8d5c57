import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The dataset's pages from their page models: the list of indicators, the catalogue form and the
/// data returns page here; one indicator's page in `IndicatorView.swift`.
enum PerformanceViews {
    static func unitLabel(_ unit: String) -> String {
        IndicatorDraft.units[unit] ?? "Number"
    }

    static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "percentage": return String(format: "%.1f%%", value)
        case "rate_per_10000": return String(format: "%.1f", value)
        case "rate_per_100_pupils": return String(format: "%.2f", value)
        default: return value == value.rounded() ? Axis.format(value) : String(format: "%.1f", value)
        }
    }

    static func directionTag(_ direction: Direction) -> HTMLNode {
        switch direction {
        case .improving: Components.tag("Improving", colour: "green")
        case .worsening: Components.tag("Worsening", colour: "red")
        case .noSignal: Components.tag("No signal", colour: "grey")
        case .notJudged: Components.tag("Not judged", colour: "grey")
        }
    }

    /// The direction's tag with the two periods compared under it, for a table cell.
    static func directionCell(_ judgement: IndicatorJudgement) -> HTMLNode {
        group {
            directionTag(judgement.direction)
            if let compared = judgement.comparedPeriods { el("br"); el("span", .class("app-secondary-text")) { compared } }
        }
    }

    // MARK: The list of indicators

    static func list(_ page: IndicatorListPage, frame: PageFrame, slug: String, flash: String?) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.heading("Multi-agency dataset", caption: page.partnershipName)
            el("p", .class("app-body-text")) {
                "Each indicator's latest local value, its direction of travel against the same period a year before (a change chance alone could give is no signal), how it compares with England in the same period, and any worsening trend the control chart has raised."
            }
            if page.mayEditCatalogue {
                el("a", .href(SiteRoute.newIndicator(slug: slug).path), .class("govuk-button")) { "Add an indicator" }
                " "
            }
            if page.maySubmitReturns {
                el("a", .href(SiteRoute.dataReturns(slug: slug).path), .class("govuk-button govuk-button--secondary")) { "Submit a data return" }
            }
            if frame.signedIn?.canManageUsers == true {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.performanceWithdrawn(slug: slug).path), .class("app-link")) { "Withdrawn values and stories" }
                }
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(page.rows.count) indicators" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Indicator", "Latest", "Direction", "Against England", "Escalation"] {
                            el("th", .scope("col"), .class("govuk-table__header")) { header }
                        }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for row in page.rows {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.indicator(slug: slug, key: row.key).path), .class("app-link")) { row.name }
                                if row.isIllustrative { el("br"); el("span", .class("app-secondary-text")) { "Illustrative figures" } }
                            }
                            el("td", .class("govuk-table__cell")) {
                                if let latest = row.judgement.latest {
                                    el("strong") { format(latest.value, unit: row.unit) }
                                    el("br"); el("span", .class("app-secondary-text")) { latest.period.label }
                                } else {
                                    "No data yet"
                                }
                            }
                            el("td", .class("govuk-table__cell")) { directionCell(row.judgement) }
                            el("td", .class("govuk-table__cell")) { row.judgement.position.label }
                            el("td", .class("govuk-table__cell")) {
                                if row.openEscalations > 0 {
                                    Components.tag("\(row.openEscalations) open", colour: "red")
                                } else {
                                    "–"
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: The catalogue form

    static func indicatorFormTitle(_ page: IndicatorFormPage) -> String {
        page.editing.map { "Edit \($0.name)" } ?? "Add an indicator"
    }

    static func indicatorForm(_ page: IndicatorFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        let title = indicatorFormTitle(page)
        let action = page.editing.map { SiteRoute.editIndicator(slug: slug, key: $0.key) } ?? .indicators(slug: slug)
        return Layout.page(frame) {
            Components.backLink(page.editing.map { .indicator(slug: slug, key: $0.key) } ?? .indicators(slug: slug))
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: page.partnershipName)
                el("form", .method("post"), .action(action.path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    if let editing = page.editing {
                        Components.summaryList([("Key", .text(editing.key))])
                        el("input", .type("hidden"), .name("key"), .value(editing.key))
                    } else {
                        Components.textInput(name: "key", label: "Key", value: values["key"], errors: errors,
                                             hint: "Used in data returns and the API; cannot be changed later. For example: cin_rate", width: "app-input--half")
                    }
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.textarea(name: "definition", label: "Definition", value: values["definition"], errors: errors, hint: "Exactly what is counted, and when")
                    Components.select(name: "source_organisation", label: "Supplied by", options: page.organisations.map { ($0.name, $0.name) },
                                      selected: values["source_organisation"], errors: errors, includeBlank: "The business unit")
                    Components.select(name: "unit", label: "Unit", options: IndicatorDraft.units.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                      selected: values["unit"] ?? "count", errors: errors)
                    Components.select(name: "polarity", label: "Which way is better", options: Polarity.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["polarity"], errors: errors, includeBlank: "Select")
                    Components.textInput(name: "priority", label: "Priority it serves (optional)", value: values["priority"], errors: errors)
                    Components.select(name: "is_published", label: "Published in the yearly report", options: [("yes", "Yes"), ("no", "No")],
                                      selected: values["is_published"] ?? "yes", errors: errors)
                    Components.button(page.editing == nil ? "Add indicator" : "Save changes")
                }
            }
        }
    }

    // MARK: Data returns

    /// What a post to the data returns page sent back: the value form's fields and what was wrong with each form.
    struct DataReturnForms {
        var value: [String: String] = [:]
        var valueErrors: [FieldError] = []
        var uploadErrors: [FieldError] = []
        var extractErrors: [FieldError] = []

        var errors: [FieldError] { valueErrors + uploadErrors + extractErrors }
    }

    static func dataReturns(_ page: DataReturnFormsPage, frame: PageFrame, slug: String, flash: String?, forms: DataReturnForms) -> String {
        let csrf = frame.csrf ?? ""
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(forms.errors.map { error in
                FieldError(field: error.field, message: error.line.map { "Line \($0): \(error.message)" } ?? error.message)
            })
            Components.backLink(.indicators(slug: slug), "Back to the dataset")
            Components.heading("Data returns", caption: page.partnershipName)
            if page.ownIndicators.isEmpty {
                el("p", .class("app-body-text")) { "Your organisation supplies none of the dataset's indicators, so there is nothing for you to submit." }
            } else {
                el("h2", .class("app-heading-m")) { "Submit one value" }
                el("form", .method("post"), .action(SiteRoute.dataReturnValue(slug: slug).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(csrf)
                    Components.select(name: "indicator", label: "Indicator", options: page.ownIndicators.map { ($0.key, $0.name) },
                                      selected: forms.value["indicator"], errors: forms.valueErrors, includeBlank: "Select an indicator")
                    Components.textInput(name: "period", label: "Period", value: forms.value["period"], errors: forms.valueErrors,
                                         hint: "A quarter like 2024-25 Q1, a financial year like 2023-24, or an academic year like 2022/23", width: "app-input--half")
                    Components.textInput(name: "value", label: "Value", value: forms.value["value"], errors: forms.valueErrors, width: "app-input--half")
                    Components.textInput(name: "numerator", label: "Numerator (optional)", value: forms.value["numerator"], errors: forms.valueErrors,
                                         width: "app-input--half")
                    Components.textInput(name: "denominator", label: "Denominator (optional)", value: forms.value["denominator"], errors: forms.valueErrors,
                                         width: "app-input--half")
                    Components.button("Submit value")
                }
                el("h2", .class("app-heading-m")) { "Upload a file of values" }
                el("p", .class("app-body-text")) {
                    "A CSV file with the header "
                    el("code") { "indicator,period,series,breakdown,group,value,numerator,denominator" }
                    ". Only indicator, period and value are required; series is local unless you say england, region or statistical_neighbours; breakdown is all unless imd_decile, ethnicity, gender or age_band. If any line is wrong, nothing is saved and every wrong line is listed."
                }
                el("form", .method("post"), .action(SiteRoute.dataReturnUpload(slug: slug).path), .init("enctype", "multipart/form-data"), .init("novalidate", nil)) {
                    Components.csrfField(csrf)
                    fileInput(name: "file", label: "CSV or Excel (.xlsx) file", errors: forms.uploadErrors)
                    Components.button("Upload values", secondary: true)
                }
            }
            if page.mayAggregateExtracts {
                el("h2", .class("app-heading-m")) { "Aggregate a record-level extract" }
                el("p", .class("app-body-text")) {
                    "A CSV of events with the header "
                    el("code") { "event_date,lsoa,age,gender,ethnicity" }
                    " (and optionally child_ref). Each row is counted into its quarter and its area's deprivation decile, gender, ethnic group and age band as the file is read; the rows themselves are not kept."
                }
                el("form", .method("post"), .action(SiteRoute.extractUpload(slug: slug).path), .init("enctype", "multipart/form-data"), .init("novalidate", nil)) {
                    Components.csrfField(csrf)
                    Components.select(name: "indicator", label: "Indicator", options: page.extractIndicators.map { ($0.key, $0.name) }, selected: nil,
                                      errors: forms.extractErrors, includeBlank: "Select an indicator")
                    fileInput(name: "extract_file", label: "Extract file", errors: forms.extractErrors)
                    Components.button("Aggregate extract", secondary: true)
                }
            }
            el("h2", .class("app-heading-m")) { "Recent imports" }
            if page.imports.isEmpty {
                el("p", .class("app-body-text")) { "Nothing has been imported yet." }
            } else {
                el("table", .class("govuk-table app-table--compact")) {
                    el("caption", .class("govuk-table__caption app-visually-hidden")) { "Recent imports" }
                    el("thead", .class("govuk-table__head")) {
                        el("tr", .class("govuk-table__row")) {
                            for header in ["When", "Who", "File", "Kind", "Rows read", "Values written"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                        }
                    }
                    el("tbody", .class("govuk-table__body")) {
                        for entry in page.imports {
                            el("tr", .class("govuk-table__row")) {
                                el("td", .class("govuk-table__cell app-nowrap")) { AuditPage.timestamp(entry.importedAt) }
                                el("td", .class("govuk-table__cell")) { entry.actor }
                                el("td", .class("govuk-table__cell app-break")) { entry.fileName; el("br"); el("span", .class("app-secondary-text")) { "SHA-256 " + String(entry.fileDigest.prefix(12)) } }
                                el("td", .class("govuk-table__cell")) { entry.kind.replacingOccurrences(of: "_", with: " ") }
                                el("td", .class("govuk-table__cell govuk-table__cell--numeric")) { Axis.format(Double(entry.rowsRead)) }
                                el("td", .class("govuk-table__cell govuk-table__cell--numeric")) { Axis.format(Double(entry.rowsWritten)) }
                            }
                        }
                    }
                }
            }
        }
    }

    static func fileInput(name: String, label: String, errors: [FieldError]) -> HTMLNode {
        let error = errors.first { $0.field == name || $0.field == "file" }?.message
        return el("div", .class(Components.formGroupClass(error))) {
            el("label", .class("govuk-label"), .for(name)) { label }
            if let error { Components.errorMessage(error, for: name) }
            el("input", .class("govuk-file-upload"), .id(name), .name(name), .type("file"), .init("accept", ".csv,text/csv,.xlsx"))
        }
    }
}

extension Series {
    var label: String {
        switch self {
        case .local: "Local"
        case .england: "England"
        case .region: "Region"
        case .statisticalNeighbours: "Statistical neighbours"
        }
    }
}

extension Breakdown {
    var label: String {
        switch self {
        case .all: "All children"
        case .imdDecile: "Deprivation decile"
        case .ethnicity: "Ethnic group"
        case .gender: "Gender"
        case .ageBand: "Age band"
        }
    }
}
