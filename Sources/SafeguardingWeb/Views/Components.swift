import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// GOV.UK Design System patterns, drawn in our own markup and CSS.
enum Components {
    static func heading(_ text: String, caption: String? = nil) -> HTMLNode {
        group {
            if let caption { el("span", .class("app-caption-l")) { caption } }
            el("h1", .class("app-heading-l")) { text }
        }
    }

    /// The error summary at the top of a form: each error links to its field.
    static func errorSummary(_ errors: [FieldError]) -> HTMLNode {
        guard !errors.isEmpty else { return .empty }
        return el("div", .class("govuk-error-summary"), .data("module", "error-summary"), .role("alert"), .init("tabindex", "-1")) {
            el("h2", .class("govuk-error-summary__title")) { "There is a problem" }
            el("ul", .class("govuk-error-summary__list")) {
                for error in errors {
                    el("li") { el("a", .href("#\(error.field)")) { error.message } }
                }
            }
        }
    }

    /// The message above a field with a problem; the field points at it with `aria-describedby`.
    static func errorMessage(_ message: String, for name: String) -> HTMLNode {
        el("p", .class("govuk-error-message"), .id("\(name)-error")) { el("span", .class("app-visually-hidden")) { "Error: " }; message }
    }

    static func formGroupClass(_ error: String?) -> String {
        error == nil ? "govuk-form-group" : "govuk-form-group govuk-form-group--error"
    }

    static func csrfField(_ token: String) -> HTMLNode {
        el("input", .type("hidden"), .name(CSRF.field), .value(token))
    }

    static func textInput(name: String, label: String, value: String?, errors: [FieldError], hint: String? = nil,
                          type: String = "text", autocomplete: String? = nil, width: String = "app-input--full") -> HTMLNode {
        let error = errors.first { $0.field == name }?.message
        let described = [hint != nil ? "\(name)-hint" : nil, error != nil ? "\(name)-error" : nil].compactMap { $0 }.joined(separator: " ")
        return el("div", .class(formGroupClass(error))) {
            el("label", .class("govuk-label"), .for(name)) { label }
            if let hint { el("div", .class("govuk-hint"), .id("\(name)-hint")) { hint } }
            if let error { errorMessage(error, for: name) }
            el("input", .class("govuk-input \(width)\(error == nil ? "" : " govuk-input--error")"), .id(name), .name(name), .type(type),
               .value(value ?? ""), autocomplete.map { .autocomplete($0) },
               described.isEmpty ? nil : .aria("describedby", described))
        }
    }

    static func textarea(name: String, label: String, value: String?, errors: [FieldError], hint: String? = nil) -> HTMLNode {
        let error = errors.first { $0.field == name }?.message
        return el("div", .class(formGroupClass(error))) {
            el("label", .class("govuk-label"), .for(name)) { label }
            if let hint { el("div", .class("govuk-hint"), .id("\(name)-hint")) { hint } }
            if let error { errorMessage(error, for: name) }
            el("textarea", .class("govuk-textarea"), .id(name), .name(name), .init("rows", "3"),
               hint != nil ? .aria("describedby", "\(name)-hint") : nil) { value ?? "" }
        }
    }

    static func select(name: String, label: String, options: [(value: String, label: String)], selected: String?,
                       errors: [FieldError], includeBlank: String? = nil) -> HTMLNode {
        let error = errors.first { $0.field == name }?.message
        return el("div", .class(formGroupClass(error))) {
            el("label", .class("govuk-label"), .for(name)) { label }
            if let error { errorMessage(error, for: name) }
            el("select", .class("govuk-select"), .id(name), .name(name), error != nil ? .aria("describedby", "\(name)-error") : nil) {
                if let includeBlank { el("option", .value("")) { includeBlank } }
                for option in options {
                    el("option", .value(option.value), .flag("selected", option.value == selected)) { option.label }
                }
            }
        }
    }

    /// A stored date as the three boxes of `dateInput` fill it in.
    static func dateBoxes(_ field: String, _ date: CalendarDate?) -> [String: String] {
        guard let date else { return [:] }
        return ["\(field)-day": String(date.day), "\(field)-month": String(date.month), "\(field)-year": String(date.year)]
    }

    /// A GOV.UK date input: three boxes named `NAME-day`, `NAME-month`, `NAME-year`.
    static func dateInput(name: String, legend: String, values: [String: String], errors: [FieldError], hint: String = "For example, 14 3 2024") -> HTMLNode {
        let error = errors.first { $0.field == name }?.message
        return el("div", .class(formGroupClass(error)), .id(name)) {
            el("fieldset", .class("govuk-fieldset"), .role("group"), .aria("describedby", error == nil ? "\(name)-hint" : "\(name)-hint \(name)-error")) {
                el("legend", .class("govuk-fieldset__legend")) { legend }
                el("div", .class("govuk-hint"), .id("\(name)-hint")) { hint }
                if let error { errorMessage(error, for: name) }
                el("div", .class("govuk-date-input")) {
                    for (part, label, width) in [("day", "Day", "2"), ("month", "Month", "2"), ("year", "Year", "4")] {
                        el("div", .class("govuk-date-input__item")) {
                            el("label", .class("govuk-label"), .for("\(name)-\(part)")) { label }
                            el("input", .class("govuk-input govuk-date-input__input app-input--width-\(width)\(error == nil ? "" : " govuk-input--error")"),
                               .id("\(name)-\(part)"), .name("\(name)-\(part)"), .type("text"), .init("inputmode", "numeric"),
                               .value(values["\(name)-\(part)"] ?? ""))
                        }
                    }
                }
            }
        }
    }

    static func button(_ text: String, secondary: Bool = false) -> HTMLNode {
        el("button", .type("submit"), .class(secondary ? "govuk-button govuk-button--secondary" : "govuk-button")) { text }
    }

    static func summaryList(_ rows: [(String, HTMLNode)]) -> HTMLNode {
        el("dl", .class("govuk-summary-list")) {
            for (key, value) in rows {
                el("div", .class("govuk-summary-list__row")) {
                    el("dt", .class("govuk-summary-list__key")) { key }
                    el("dd", .class("govuk-summary-list__value")) { value }
                }
            }
        }
    }

    static func notice(_ text: String) -> HTMLNode {
        el("div", .class("govuk-notification-banner"), .role("region"), .aria("labelledby", "notice-title")) {
            el("div", .class("govuk-notification-banner__header")) {
                el("h2", .class("govuk-notification-banner__title"), .id("notice-title")) { "Success" }
            }
            el("div", .class("govuk-notification-banner__content")) {
                el("p", .class("govuk-notification-banner__heading")) { text }
            }
        }
    }

    static func tag(_ text: String, colour: String? = nil) -> HTMLNode {
        el("strong", .class(colour.map { "govuk-tag govuk-tag--\($0)" } ?? "govuk-tag")) { text }
    }

    static func backLink(_ route: SiteRoute, _ text: String = "Back") -> HTMLNode {
        el("a", .href(route.path), .class("govuk-back-link")) { text }
    }

    /// GOV.UK radios in a fieldset; `name` is the field and the fieldset's id, for the error summary's link.
    static func radios(name: String, legend: String, options: [(value: String, label: String)], selected: String?,
                       errors: [FieldError], hint: String? = nil, inline: Bool = false) -> HTMLNode {
        let error = errors.first { $0.field == name }?.message
        let described = [hint != nil ? "\(name)-hint" : nil, error != nil ? "\(name)-error" : nil].compactMap { $0 }.joined(separator: " ")
        return el("div", .class(formGroupClass(error)), .id(name)) {
            el("fieldset", .class("govuk-fieldset"), described.isEmpty ? nil : .aria("describedby", described)) {
                el("legend", .class("govuk-fieldset__legend")) { legend }
                if let hint { el("div", .class("govuk-hint"), .id("\(name)-hint")) { hint } }
                if let error { errorMessage(error, for: name) }
                el("div", .class(inline ? "govuk-radios govuk-radios--inline" : "govuk-radios")) {
                    for (index, option) in options.enumerated() {
                        el("div", .class("govuk-radios__item")) {
                            el("input", .class("govuk-radios__input"), .id("\(name)-\(index)"), .name(name), .type("radio"), .value(option.value),
                               .flag("checked", option.value == selected))
                            el("label", .class("govuk-label govuk-radios__label"), .for("\(name)-\(index)")) { option.label }
                        }
                    }
                }
            }
        }
    }

    /// GOV.UK checkboxes; each box is its own field (`names[i]` = `yes` when ticked).
    static func checkboxes(id: String, legend: String, boxes: [(name: String, label: String)], values: [String: String],
                           errors: [FieldError], hint: String? = nil) -> HTMLNode {
        let error = errors.first { $0.field == id }?.message
        return el("div", .class(formGroupClass(error)), .id(id)) {
            el("fieldset", .class("govuk-fieldset")) {
                el("legend", .class("govuk-fieldset__legend")) { legend }
                if let hint { el("div", .class("govuk-hint")) { hint } }
                if let error { errorMessage(error, for: id) }
                el("div", .class("govuk-checkboxes")) {
                    for box in boxes {
                        el("div", .class("govuk-checkboxes__item")) {
                            el("input", .class("govuk-checkboxes__input"), .id(box.name), .name(box.name), .type("checkbox"), .value("yes"),
                               .flag("checked", values[box.name] == "yes"))
                            el("label", .class("govuk-label govuk-checkboxes__label"), .for(box.name)) { box.label }
                        }
                    }
                }
            }
        }
    }

    /// A table with a caption, column headers and rows of cells; the first cell of each row is its header.
    static func table(caption: String, hiddenCaption: Bool = false, headers: [String], numeric: Set<Int> = [],
                      rows: [[HTMLNode]], compact: Bool = false) -> HTMLNode {
        el("table", .class(compact ? "govuk-table app-table--compact" : "govuk-table")) {
            el("caption", .class(hiddenCaption ? "govuk-table__caption app-visually-hidden" : "govuk-table__caption govuk-table__caption--m")) { caption }
            el("thead", .class("govuk-table__head")) {
                el("tr", .class("govuk-table__row")) {
                    for (index, header) in headers.enumerated() {
                        el("th", .scope("col"), .class(numeric.contains(index) ? "govuk-table__header govuk-table__header--numeric" : "govuk-table__header")) { header }
                    }
                }
            }
            el("tbody", .class("govuk-table__body")) {
                for row in rows {
                    el("tr", .class("govuk-table__row")) {
                        for (index, cell) in row.enumerated() {
                            if index == 0 {
                                el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) { cell }
                            } else {
                                el("td", .class(numeric.contains(index) ? "govuk-table__cell govuk-table__cell--numeric" : "govuk-table__cell")) { cell }
                            }
                        }
                    }
                }
            }
        }
    }
}
