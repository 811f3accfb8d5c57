import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The yearly report's pages: the list of years, the report page (sections, checklist, disclosure,
/// sign-off, publication, downloads) and the section editor. Outputs are in `ReportDownloads`.
enum ReportPages {
    static func requireRead(_ access: PartnershipAccess) throws {
        try access.require(.readReportDraft)
    }

    /// The years a report can be written for: the last five reporting years and any with a report.
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try requireRead(access)
        let reports = try await ReportStore.reports(access.partnership, on: req.db)
        let current = ReportingYear(containing: req.today)
        var years = (1...5).map { ReportingYear(startYear: current.startYear - $0) }
        years += reports.map(\.year).filter { !years.contains($0) }
        years.sort(by: >)
        let slug = access.slug
        return .html(Layout.page(req.frame(access, title: "Yearly reports", section: .report)) {
            Components.heading("Yearly reports", caption: access.partnership.name)
            el("p", .class("app-body-text")) {
                "Each year's report is composed from the data the partnership keeps, with the narrative people write. It is signed off by the three statutory partners, then published and frozen."
            }
            Components.table(caption: "Reports by year", hiddenCaption: true, headers: ["Year", "Status", "Versions"], rows: years.map { year in
                let own = reports.filter { $0.year == year }
                let status: HTMLNode = if let published = own.first(where: { $0.status == .published }) {
                    Components.tag("Published \(published.published?.long ?? "")", colour: "green")
                } else if own.contains(where: { $0.status == .draft }) {
                    Components.tag("Draft", colour: "yellow")
                } else {
                    .text("Not started")
                }
                return [el("a", .href(SiteRoute.report(slug: slug, year: year).path), .class("app-link")) { "Yearly report \(year)" },
                        status, .text(own.isEmpty ? "None" : String(own.count))]
            })
        })
    }

    /// `reports/2023-24` is the report page; `reports/2023-24.pdf` (and .html, .docx, .md) an output.
    static func dispatch(_ req: Request) async throws -> Response {
        // The route's one parameter is named `year` for the router; here it may carry an extension.
        let file = req.parameters.get("year") ?? ""
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard let year = parts.first.flatMap(ReportingYear.init) else {
            throw Abort(.notFound, reason: "There is no report at this address: expected a reporting year like 2023-24.")
        }
        if parts.count == 2 {
            guard let format = ReportOutputFormat(rawValue: parts[1]) else {
                throw Abort(.notFound, reason: "Reports come as .html, .pdf, .docx or .md.")
            }
            return try await ReportDownloads.download(req, year: year, format: format, audience: .full)
        }
        guard req.currentUser != nil else { throw Abort(.unauthorized) }
        let access = try await req.partnershipAccess()
        return try await render(req, access, year: year, values: [:], errors: [], status: .ok)
    }

    static func year(_ req: Request) throws -> ReportingYear {
        guard let year = req.parameters.get("year").flatMap(ReportingYear.init) else {
            throw Abort(.notFound, reason: "Expected a reporting year like 2023-24.")
        }
        return year
    }

    static func render(_ req: Request, _ access: PartnershipAccess, year: ReportingYear, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        try requireRead(access)
        let today = req.today
        let versions = try await ReportStore.versions(access.partnership, year: year, on: req.db)
        let report = try ReportStore.workingVersion(access.partnership, year: year, versions: versions)
        let setup = try await ReportStore.setup(access.partnership, report: report, today: today, on: req.db)
        let document = try await ReportStore.document(setup, audience: .full, on: req.db)
        let (signOffs, texts) = (setup.signOffs, setup.texts)
        let slug = access.slug
        let isDraft = report.status == .draft
        let canEdit = access.allows(.editReport)
        let gaps = WorkingTogetherChecklist.gaps(document.checklist)
        let title = "Yearly report \(year)"
        let flash = req.takeFlash()
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .report)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.heading(title, caption: access.partnership.name)
            el("p", .class("app-body-text")) {
                if isDraft {
                    Components.tag("Draft, version \(report.version)", colour: "yellow")
                    " The draft is composed from the data each time it is opened."
                } else {
                    Components.tag("Published \(report.published?.long ?? ""), version \(report.version)", colour: "green")
                    " This version is frozen: it no longer changes when the data does."
                }
            }
            downloads(slug: slug, year: year)
            if !isDraft, let published = report.published {
                let state = ReportWorkflow.copyState(publishedOn: published, days: report.copyDays, sentOn: report.copySent, today: today)
                el("h2", .class("app-heading-m")) { "Copy to the national panel and the Department for Education" }
                el("p", .class("app-body-text")) { Components.tag(state.summary, colour: state.isMissed ? "red" : (report.copySent == nil ? "yellow" : "green")) }
                if canEdit, report.copySent == nil {
                    el("form", .method("post"), .action(SiteRoute.reportCopy(slug: slug, year: year).path), .init("novalidate", nil)) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.dateInput(name: "copy_sent_on", legend: "Date the copy was sent", values: values, errors: errors)
                        Components.button("Record the copy sent", secondary: true)
                    }
                }
                if canEdit, versions.draft == nil {
                    el("form", .method("post"), .action(SiteRoute.reportVersions(slug: slug, year: year).path)) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.button("Start a new version", secondary: true)
                    }
                }
            }
            sections(document, texts: texts, slug: slug, year: year, canEdit: canEdit && isDraft, showFlags: isDraft)
            checklist(document)
            disclosure(document, report: report, req: req, values: values, errors: errors, canEdit: canEdit && isDraft, slug: slug, year: year)
            el("h2", .class("app-heading-m"), .id("sign-off")) { "Sign-off by the statutory partners" }
            Components.table(caption: "Sign-off", hiddenCaption: true, headers: ["Partner", "Signed by", "Date"], rows: StatutoryPartner.allCases.map { partner in
                let signOff = signOffs.first { $0.partner == partner }
                return [.text(partner.label), .text(signOff.map { "The \($0.signedByRole)" } ?? "Not signed"),
                        signOff.flatMap { CalendarDate(iso: $0.signedOn) }.map { .text($0.long) } ?? Components.tag("Waiting", colour: "yellow")]
            })
            if isDraft, access.allows(.signOffReport) {
                el("details", .class("govuk-details"), .flag("open", errors.contains { ["partner", "signed_by_role", "signed_on"].contains($0.field) })) {
                    el("summary", .class("govuk-details__summary")) { el("span", .class("govuk-details__summary-text")) { "Record a partner's sign-off" } }
                    el("form", .method("post"), .action(SiteRoute.reportSignOffs(slug: slug, year: year).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.radios(name: "partner", legend: "Statutory partner", options: StatutoryPartner.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["partner"], errors: errors)
                        Components.textInput(name: "signed_by_role", label: "Role of the person who signed", value: values["signed_by_role"], errors: errors,
                                             hint: "The role, not the name: for example Director of Children's Services")
                        Components.dateInput(name: "signed_on", legend: "Date signed", values: values, errors: errors)
                        Components.button("Record the sign-off", secondary: true)
                    }
                }
            }
            if isDraft, canEdit {
                el("h2", .class("app-heading-m"), .id("publish")) { "Publish" }
                let problems = ReportWorkflow.publicationProblems(status: report.status, signedBy: Set(signOffs.map(\.partner)))
                if !problems.isEmpty {
                    el("ul", .class("govuk-list govuk-list--bullet")) { for problem in problems { el("li") { problem } } }
                }
                el("form", .method("post"), .action(SiteRoute.reportPublication(slug: slug, year: year).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    if !gaps.isEmpty {
                        Components.checkboxes(id: "confirm_gaps", legend: "The checklist still has gaps", boxes: [
                            ("confirm_gaps", "Publish with \(gaps.count) Working Together item\(gaps.count == 1 ? "" : "s") not covered"),
                        ], values: values, errors: errors, hint: "The report says which items are not covered, in its Working Together table.")
                    }
                    Components.dateInput(name: "published_on", legend: "Publication date", values: values, errors: errors)
                    Components.button("Publish the report")
                }
            }
            if versions.all.count > 1 {
                el("h2", .class("app-heading-m")) { "Versions" }
                el("ul", .class("govuk-list")) {
                    for version in versions.all {
                        el("li") {
                            el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .html).path + "?version=\(version.version)"), .class("app-link")) {
                                "Version \(version.version): \(version.status == .published ? "published \(version.published?.long ?? "")" : "draft")"
                            }
                        }
                    }
                }
            }
        }, status: status)
    }

    static func downloads(slug: String, year: ReportingYear) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Read and download" }
            el("ul", .class("app-inline-list")) {
                for format in ReportOutputFormat.allCases {
                    el("li") { el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: format).path), .class("app-link")) { format.label } }
                }
            }
            el("p", .class("app-body-text")) {
                "For children and young people: "
                el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .html).path), .class("app-link")) { "the children's version" }
                " ("
                el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .pdf).path), .class("app-link")) { "PDF" }
                ", "
                el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .docx).path), .class("app-link")) { "Word" }
                ")."
            }
        }
    }

    static func sections(_ document: ReportDocument, texts: [String: ReportSectionText], slug: String, year: ReportingYear,
                         canEdit: Bool, showFlags: Bool) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Sections" }
            Components.table(caption: "Sections of the report", hiddenCaption: true, headers: ["Section", "Data for the year", "Narrative", "Change"], rows:
                document.sections.map { section in
                    let written = !(texts[section.key.rawValue]?.narrative ?? "").isEmpty
                    return [el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .html).path + "#\(section.anchor)"), .class("app-link")) {
                                "\(section.number). \(section.title)"
                            },
                            section.hasData ? Components.tag("Present", colour: "green")
                                : el("span") {
                                    Components.tag("Flagged", colour: "red")
                                    HTMLNode.text(" " + (section.missing ?? ""))
                                },
                            written ? .text("Written") : .text("Not written"),
                            canEdit ? el("a", .href(SiteRoute.reportSection(slug: slug, year: year, key: section.key.rawValue).path), .class("app-link")) {
                                "Edit"
                                el("span", .class("app-visually-hidden")) { " \(section.title)" }
                            } : .text("")]
                } + [[el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .html).path), .class("app-link")) { "The children's version" },
                      .text("From the same data"),
                      (texts[ReportSectionText.childrenKey]?.narrative ?? "").isEmpty ? .text("Not written") : .text("Written"),
                      canEdit ? el("a", .href(SiteRoute.reportSection(slug: slug, year: year, key: ReportSectionText.childrenKey).path), .class("app-link")) {
                          "Edit"
                          el("span", .class("app-visually-hidden")) { " the children's version" }
                      } : .text("")]])
        }
    }

    static func checklist(_ document: ReportDocument) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m"), .id("checklist")) { "Working Together checklist" }
            Components.table(caption: "What Working Together asks the report to include", hiddenCaption: true,
                             headers: ["Item", "Sections", "Data behind it"], rows: document.checklist.map { result in
                [.text("\(result.item.rawValue). \(result.item.text)"),
                 .text(result.sections.compactMap { key in document.sections.first { $0.key == key }.map { "\($0.number). \($0.title)" } }.joined(separator: "; ")),
                 result.isCovered ? Components.tag("Covered", colour: "green")
                    : el("span") {
                        Components.tag("Gap", colour: "red")
                        HTMLNode.text(" " + result.missingText.prefix(1).uppercased() + result.missingText.dropFirst())
                    }]
            })
        }
    }

    static func disclosure(_ document: ReportDocument, report: YearlyReport, req: Request, values: [String: String], errors: [FieldError],
                           canEdit: Bool, slug: String, year: ReportingYear) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m"), .id("disclosure")) { "Disclosure check" }
            el("p", .class("app-body-text")) {
                "Counts from 1 to \(report.disclosureThreshold) in breakdowns of children are shown as c, with further cells hidden where a total would reveal them. Sections set to publish headline totals show their small totals."
            }
            if document.suppressions.isEmpty {
                el("p", .class("app-body-text")) { "Nothing needed to be suppressed." }
            } else {
                Components.table(caption: "What was suppressed, and why", headers: ["Table", "Row", "Column", "Why"], rows: document.suppressions.map { s in
                    [.text(s.tableTitle), .text(s.row), .text(s.column), .text(s.reason.explanation)]
                }, compact: true)
            }
            if canEdit {
                el("details", .class("govuk-details"), .flag("open", errors.contains { ["threshold", "copy_days"].contains($0.field) })) {
                    el("summary", .class("govuk-details__summary")) { el("span", .class("govuk-details__summary-text")) { "Change the threshold or the copy deadline" } }
                    el("form", .method("post"), .action(SiteRoute.reportSettings(slug: slug, year: year).path), .init("novalidate", nil)) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.textInput(name: "threshold", label: "Suppress counts from 1 up to", value: values["threshold"] ?? String(report.disclosureThreshold),
                                             errors: errors, hint: "The Department for Education suppresses 1 to 5", width: "app-input--width-4")
                        Components.textInput(name: "copy_days", label: "Days after publication to send the copy", value: values["copy_days"] ?? String(report.copyDays),
                                             errors: errors, hint: "Working Together says 7", width: "app-input--width-4")
                        Components.button("Save settings", secondary: true)
                    }
                }
            }
        }
    }

    // MARK: Section editor

    static func sectionKey(_ req: Request) throws -> String {
        let key = req.parameters.get("key") ?? ""
        guard ReportSectionKey(rawValue: key) != nil || key == ReportSectionText.childrenKey else {
            throw Abort(.notFound, reason: "There is no report section called \(key).")
        }
        return key
    }

    static func requireWrite(_ access: PartnershipAccess, key: String) throws {
        if key == ReportSectionText.childrenKey, access.allows(.writeChildrenReport) { return }
        try access.require(.editReport)
    }

    static func editSection(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let year = try year(req)
        let key = try sectionKey(req)
        try requireWrite(access, key: key)
        let versions = try await ReportStore.versions(access.partnership, year: year, on: req.db)
        let report = try ReportStore.workingVersion(access.partnership, year: year, versions: versions)
        let text = try await ReportStore.texts(of: report, on: req.db)[key]
        return try sectionForm(req, access, year: year, key: key, published: report.status == .published,
                               values: ["narrative": text?.narrative ?? "", "headline_totals": text?.headlineTotals == true ? "yes" : ""], errors: [], status: .ok)
    }

    static func sectionForm(_ req: Request, _ access: PartnershipAccess, year: ReportingYear, key: String, published: Bool,
                            values: [String: String], errors: [FieldError], status: HTTPResponseStatus) throws -> Response {
        let section = ReportSectionKey(rawValue: key)
        let name = section?.title ?? "The children's version: the Young Advisors' words"
        let prompt = section?.prompt ?? "The Young Advisors' view of the year, in their own words, for children and young people."
        let slug = access.slug
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? name : "Error: \(name)", section: .report)) {
            Components.backLink(.report(slug: slug, year: year), "Back to the yearly report \(year)")
            Components.errorSummary(errors)
            Components.heading(name, caption: "Yearly report \(year)")
            if published {
                el("p", .class("app-body-text")) { "This year's report is published. Start a new version on the report page to change it." }
            } else {
                if let section { el("p", .class("app-body-text")) { "This section draws on \(section.module)." } }
                el("form", .method("post"), .action(SiteRoute.reportSection(slug: slug, year: year, key: key).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textarea(name: "narrative", label: "Narrative", value: values["narrative"], errors: errors,
                                        hint: "\(prompt) Write in plain English, naming roles rather than people. Use a blank line between paragraphs, # for a heading, - for a list item, **bold**, *italic* and [link text](https://…).")
                    if let section, [.scrutiny, .voice, .reviews].contains(section) {
                        Components.checkboxes(id: "headline_totals_group", legend: "Small headline totals", boxes: [
                            ("headline_totals", "Publish this section's headline totals even when they are 5 or fewer"),
                        ], values: values, errors: errors, hint: "Breakdown tables are always checked. Only tick this where the partnership has decided a small total can be published, as for the number of rapid reviews.")
                    }
                    Components.button("Save the section")
                }
            }
        }, status: status)
    }

    static func saveSection(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let year = try year(req)
        let key = try sectionKey(req)
        try requireWrite(access, key: key)
        let values = req.formFields()
        do {
            let draft = try SectionNarrativeDraft.validate(values)
            try await ReportStore.saveSection(key, draft, year: year, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Saved \(ReportSectionKey(rawValue: key)?.title ?? "the children's version")")
            return req.redirect(to: SiteRoute.report(slug: access.slug, year: year).path)
        } catch let errors as ValidationErrors {
            return try sectionForm(req, access, year: year, key: key, published: false, values: values, errors: errors.errors, status: .unprocessableEntity)
        } catch ReportStore.ReportError.published {
            return try sectionForm(req, access, year: year, key: key, published: true, values: values,
                                   errors: [FieldError(field: "narrative", message: ReportStore.ReportError.published.description)], status: .conflict)
        }
    }

    // MARK: Workflow

    /// Runs a workflow step; validation and workflow errors come back on the report page, a workflow
    /// error against the step's own `field`.
    static func step(_ req: Request, _ permission: Permission, field: String, done: String,
                     _ action: @Sendable (PartnershipAccess, ReportingYear, [String: String]) async throws -> Void) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(permission)
        let year = try year(req)
        let values = req.formFields()
        do {
            try await action(access, year, values)
            req.flash(done)
            return req.redirect(to: SiteRoute.report(slug: access.slug, year: year).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, year: year, values: values, errors: errors.errors, status: .unprocessableEntity)
        } catch let error as ReportStore.ReportError {
            return try await render(req, access, year: year, values: values, errors: [FieldError(field: field, message: error.description)], status: .conflict)
        }
    }

    static func saveSettings(_ req: Request) async throws -> Response {
        try await step(req, .editReport, field: "threshold", done: "Saved the report's settings") { access, year, values in
            try await ReportStore.saveSettings(try ReportSettingsDraft.validate(values), year: year, in: access.partnership, by: access.actor(req), on: req.db)
        }
    }

    static func signOff(_ req: Request) async throws -> Response {
        try await step(req, .signOffReport, field: "partner", done: "Recorded the sign-off") { access, year, values in
            let draft = try ReportSignOffDraft.validate(values, today: req.today)
            try await ReportStore.signOff(draft, year: year, in: access.partnership, by: access.actor(req), on: req.db)
        }
    }

    static func publish(_ req: Request) async throws -> Response {
        try await step(req, .editReport, field: "published_on",
                       done: "Published the report. Send the copy to the national panel and the Department within the deadline.") { access, year, values in
            var v = Validator()
            let date = v.date(values, field: "published_on", required: true, missing: "Enter the publication date")
            if let date, date > req.today { v.add("published_on", "The publication date cannot be in the future") }
            try v.finish()
            try await ReportStore.publish(year: year, on: date!, acceptingGaps: values["confirm_gaps"] == "yes", in: access.partnership,
                                          by: access.actor(req), on: req.db)
        }
    }

    static func recordCopy(_ req: Request) async throws -> Response {
        try await step(req, .editReport, field: "copy_sent_on", done: "Recorded the copy sent") { access, year, values in
            var v = Validator()
            let date = v.date(values, field: "copy_sent_on", required: true, missing: "Enter the date the copy was sent")
            if let date, date > req.today { v.add("copy_sent_on", "The date cannot be in the future") }
            try v.finish()
            try await ReportStore.recordCopySent(year: year, on: date!, in: access.partnership, by: access.actor(req), on: req.db)
        }
    }

    static func newVersion(_ req: Request) async throws -> Response {
        try await step(req, .editReport, field: "publish", done: "Started a new draft version from the published one") { access, year, _ in
            try await ReportStore.newVersion(year: year, in: access.partnership, by: access.actor(req), on: req.db)
        }
    }
}
