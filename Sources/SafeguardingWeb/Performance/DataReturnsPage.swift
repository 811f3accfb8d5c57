import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Data returns: one value through a form, a CSV file of many, or (for the business unit) a
/// record-level extract that is aggregated on arrival and not kept.
enum DataReturnsPage {
    struct Upload: Content {
        var file: File?
        var indicator: String?
    }

    struct State {
        var value: [String: String] = [:]
        var valueErrors: [FieldError] = []
        var uploadErrors: [FieldError] = []
        var extractErrors: [FieldError] = []
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readPerformance)
        return try await render(req, access, State(), status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, _ state: State, status: HTTPResponseStatus) async throws -> Response {
        let indicators = try await PerformanceStore.indicators(access.partnership, on: req.db)
        let mine = indicators.filter { access.allows(.submitValues(owner: $0.sourceOrganisation?.ref)) }
        let imports = try await PerformanceStore.imports(access.partnership, on: req.db)
        let flash = req.takeFlash()
        let errors = state.valueErrors + state.uploadErrors + state.extractErrors
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? "Data returns" : "Error: Data returns", section: .performance)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors.map { error in
                FieldError(field: error.field, message: error.line.map { "Line \($0): \(error.message)" } ?? error.message)
            })
            Components.backLink(.indicators(slug: access.slug), "Back to the dataset")
            Components.heading("Data returns", caption: access.partnership.name)
            if mine.isEmpty {
                el("p", .class("app-body-text")) { "Your organisation supplies none of the dataset's indicators, so there is nothing for you to submit." }
            } else {
                el("h2", .class("app-heading-m")) { "Submit one value" }
                el("form", .method("post"), .action(SiteRoute.dataReturnValue(slug: access.slug).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.select(name: "indicator", label: "Indicator", options: mine.map { ($0.key, $0.name) }, selected: state.value["indicator"],
                                      errors: state.valueErrors, includeBlank: "Select an indicator")
                    Components.textInput(name: "period", label: "Period", value: state.value["period"], errors: state.valueErrors,
                                         hint: "A quarter like 2024-25 Q1, a financial year like 2023-24, or an academic year like 2022/23", width: "app-input--half")
                    Components.textInput(name: "value", label: "Value", value: state.value["value"], errors: state.valueErrors, width: "app-input--half")
                    Components.textInput(name: "numerator", label: "Numerator (optional)", value: state.value["numerator"], errors: state.valueErrors, width: "app-input--half")
                    Components.textInput(name: "denominator", label: "Denominator (optional)", value: state.value["denominator"], errors: state.valueErrors, width: "app-input--half")
                    Components.button("Submit value")
                }
                el("h2", .class("app-heading-m")) { "Upload a file of values" }
                el("p", .class("app-body-text")) {
                    "A CSV file with the header "
                    el("code") { "indicator,period,series,breakdown,group,value,numerator,denominator" }
                    ". Only indicator, period and value are required; series is local unless you say england, region or statistical_neighbours; breakdown is all unless imd_decile, ethnicity, gender or age_band. If any line is wrong, nothing is saved and every wrong line is listed."
                }
                el("form", .method("post"), .action(SiteRoute.dataReturnUpload(slug: access.slug).path), .init("enctype", "multipart/form-data"), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    fileInput(name: "file", label: "CSV or Excel (.xlsx) file", errors: state.uploadErrors)
                    Components.button("Upload values", secondary: true)
                }
            }
            if access.allows(.importOfficialData) {
                el("h2", .class("app-heading-m")) { "Aggregate a record-level extract" }
                el("p", .class("app-body-text")) {
                    "A CSV of events with the header "
                    el("code") { "event_date,lsoa,age,gender,ethnicity" }
                    " (and optionally child_ref). Each row is counted into its quarter and its area's deprivation decile, gender, ethnic group and age band as the file is read; the rows themselves are not kept."
                }
                el("form", .method("post"), .action(SiteRoute.extractUpload(slug: access.slug).path), .init("enctype", "multipart/form-data"), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.select(name: "indicator", label: "Indicator", options: indicators.map { ($0.key, $0.name) }, selected: nil,
                                      errors: state.extractErrors, includeBlank: "Select an indicator")
                    fileInput(name: "extract_file", label: "Extract file", errors: state.extractErrors)
                    Components.button("Aggregate extract", secondary: true)
                }
            }
            el("h2", .class("app-heading-m")) { "Recent imports" }
            if imports.isEmpty {
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
                        for entry in imports {
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
        }, status: status)
    }

    static func fileInput(name: String, label: String, errors: [FieldError]) -> HTMLNode {
        let error = errors.first { $0.field == name || $0.field == "file" }?.message
        return el("div", .class(Components.formGroupClass(error))) {
            el("label", .class("govuk-label"), .for(name)) { label }
            if let error { Components.errorMessage(error, for: name) }
            el("input", .class("govuk-file-upload"), .id(name), .name(name), .type("file"), .init("accept", ".csv,text/csv,.xlsx"))
        }
    }

    static func submitValue(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.submitValues(owner: access.grant.organisation))
        let fields = req.formFields()
        let columns = ["indicator", "period", "value", "numerator", "denominator"]
        // One value goes through exactly the checks a file does: a one-line file.
        let line = columns.map { csvField(fields[$0] ?? "") }.joined(separator: ",")
        let csv = Array((columns.joined(separator: ",") + "\n" + line + "\n").utf8)
        do {
            _ = try await Importers.dataReturn(csv, fileName: "form", partnership: access.partnership, grant: access.grant, actor: access.actor(req), on: req.db)
            req.flash("Saved the value for \(fields["period"] ?? "")")
            return req.redirect(to: SiteRoute.dataReturns(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let fieldErrors = errors.errors.map { FieldError(field: $0.field, message: $0.message.prefix(1).uppercased() + $0.message.dropFirst()) }
            return try await render(req, access, State(value: fields, valueErrors: fieldErrors), status: .unprocessableEntity)
        }
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func upload(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.submitValues(owner: access.grant.organisation))
        let upload = try? req.content.decode(Upload.self)
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return try await render(req, access, State(uploadErrors: [FieldError(field: "file", message: "Choose a CSV file to upload")]), status: .unprocessableEntity)
        }
        do {
            let count = try await Importers.dataReturn(Array(file.data.readableBytesView), fileName: file.filename, partnership: access.partnership,
                                                       grant: access.grant, actor: access.actor(req), on: req.db)
            req.flash("Saved \(count) values from \(file.filename)")
            return req.redirect(to: SiteRoute.dataReturns(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, State(uploadErrors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func uploadExtract(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.importOfficialData)
        let upload = try? req.content.decode(ExtractUpload.self)
        var problems: [FieldError] = []
        var indicator: Indicator?
        if let key = upload?.indicator, !key.isEmpty { indicator = try? await PerformanceStore.indicator(key: key, in: access.partnership, on: req.db) }
        if indicator == nil { problems.append(FieldError(field: "indicator", message: "Select the indicator the extract counts")) }
        let file = upload?.extract_file
        if file == nil || file!.data.readableBytes == 0 { problems.append(FieldError(field: "extract_file", message: "Choose the extract file to upload")) }
        guard problems.isEmpty, let indicator, let file else {
            return try await render(req, access, State(extractErrors: problems), status: .unprocessableEntity)
        }
        do {
            let bytes = Array(file.data.readableBytesView)
            let chunkSize = 1 << 20
            let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { Array(bytes[$0..<min($0 + chunkSize, bytes.count)]) }
            let outcome = try await Importers.extract(chunks: chunks, fileName: file.filename, indicator: indicator, partnership: access.partnership,
                                                      actor: access.actor(req), on: req.db)
            req.flash(outcome.summary)
            return req.redirect(to: SiteRoute.dataReturns(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, State(extractErrors: errors.errors.map { FieldError(field: $0.field == "file" ? "extract_file" : $0.field, message: $0.message, line: $0.line) }),
                                    status: .unprocessableEntity)
        }
    }

    struct ExtractUpload: Content {
        var extract_file: File?
        var indicator: String?
    }
}

/// `/api/v1/partnerships/{slug}/indicators…` and the CSV import.
enum PerformanceAPI {
    struct IndicatorJSON: Content {
        let key: String
        let name: String
        let definition: String
        let unit: String
        let polarity: String
        let source_organisation: String?
        let priority: String?
        let is_published: Bool
        let is_illustrative: Bool
    }

    struct PointJSON: Content {
        let period: String
        let series: String
        let breakdown: String
        let group: String
        let value: Double
        let numerator: Double?
        let denominator: Double?
    }

    struct ValuesJSON: Content {
        let indicator: IndicatorJSON
        let points: [PointJSON]
    }

    static func json(_ i: Indicator) -> IndicatorJSON {
        IndicatorJSON(key: i.key, name: i.name, definition: i.definition, unit: i.unit, polarity: i.polarity,
                      source_organisation: i.sourceOrganisation?.name, priority: i.priority, is_published: i.isPublished, is_illustrative: i.isIllustrative)
    }

    static func indicators(_ req: Request) async throws -> [IndicatorJSON] {
        let access = try await req.partnershipAccess()
        try access.require(.readPerformance)
        return try await PerformanceStore.indicators(access.partnership, on: req.db).map(json)
    }

    static func values(_ req: Request) async throws -> ValuesJSON {
        let access = try await req.partnershipAccess()
        try access.require(.readPerformance)
        guard let key = req.parameters.get("key") else { throw Abort(.notFound) }
        let indicator = try await PerformanceStore.indicator(key: key, in: access.partnership, on: req.db)
        let points = try await PerformanceStore.values(of: indicator, on: req.db).map {
            PointJSON(period: $0.period, series: $0.series, breakdown: $0.breakdown, group: $0.group, value: $0.value, numerator: $0.numerator, denominator: $0.denominator)
        }
        return ValuesJSON(indicator: json(indicator), points: points)
    }

    struct ImportedJSON: Content {
        let rows_written: Int
    }

    static func importValues(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.submitValues(owner: access.grant.organisation))
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw ValidationErrors([FieldError(field: "file", message: "Send the CSV as the request body")])
        }
        let count = try await Importers.dataReturn(Array(body.readableBytesView), fileName: "API upload", partnership: access.partnership,
                                                   grant: access.grant, actor: access.actor(req), on: req.db)
        return try await ImportedJSON(rows_written: count).encodeResponse(status: .ok, for: req)
    }
}
