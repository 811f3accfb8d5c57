import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The yearly report's pages: the list of years, the report page (sections, checklist, disclosure,
/// sign-off, publication, downloads) and the section editor. Outputs are in `ReportDownloads`.
enum ReportPages {
    /// The years a report can be written for.
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await ReportReads.reportList(access, req.context)
        return .html(ReportViews.list(page, frame: req.frame(access, title: "Yearly reports", section: .report)))
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
        let page = try await ReportReads.reportPage(access, year: year, req.context)
        let flash = req.takeFlash()
        let frame = req.frame(access, title: "", section: .report)
        return .html(ReportViews.report(page, frame: frame, flash: flash, values: values, errors: errors), status: status)
    }

    // MARK: Section editor

    static func sectionKey(_ req: Request) throws -> String {
        let key = req.parameters.get("key") ?? ""
        guard ReportSectionKey(rawValue: key) != nil || key == ReportSectionEditorPage.childrenKey else {
            throw Abort(.notFound, reason: "There is no report section called \(key).")
        }
        return key
    }

    static func editSection(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let year = try year(req)
        let key = try sectionKey(req)
        let page = try await ReportReads.sectionEditor(access, year: year, key: key, req.context)
        return sectionForm(req, access, page, values: ["narrative": page.narrative, "headline_totals": page.headlineTotals ? "yes" : "",
                                                       "left_out": page.leftOut ? "yes" : ""],
                           errors: [], status: .ok)
    }

    static func sectionForm(_ req: Request, _ access: PartnershipAccess, _ page: ReportSectionEditorPage, values: [String: String],
                            errors: [FieldError], status: HTTPResponseStatus) -> Response {
        .html(ReportViews.sectionEditor(page, frame: req.frame(access, title: "", section: .report), values: values, errors: errors), status: status)
    }

    static func saveSection(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let year = try year(req)
        let key = try sectionKey(req)
        try ReportWrites.requireWriteSection(access, key: key)
        let values = req.formFields()
        do {
            try await ReportWrites.saveSection(access, key: key, values, year: year, req.context)
            req.flash("Saved \(ReportSectionKey(rawValue: key)?.title ?? "the children's version")")
            return req.redirect(to: SiteRoute.report(slug: access.slug, year: year).path)
        } catch let errors as ValidationErrors {
            let page = ReportSectionEditorPage(slug: access.slug, year: year, key: key, isPublished: false)
            return sectionForm(req, access, page, values: values, errors: errors.errors, status: .unprocessableEntity)
        } catch ReportWrites.WorkflowError.published {
            let page = ReportSectionEditorPage(slug: access.slug, year: year, key: key, isPublished: true)
            return sectionForm(req, access, page, values: values,
                               errors: [FieldError(field: "narrative", message: ReportWrites.WorkflowError.published.description)], status: .conflict)
        }
    }

    // MARK: Workflow

    /// Runs a workflow step; validation and workflow errors come back on the report page, a workflow
    /// error against the step's own `field`.
    static func step(_ req: Request, _ require: (PartnershipAccess) throws -> Void, field: String, done: String,
                     _ action: @Sendable (PartnershipAccess, ReportingYear, [String: String]) async throws -> Void) async throws -> Response {
        let access = try await req.partnershipAccess()
        try require(access)
        let year = try year(req)
        let values = req.formFields()
        do {
            try await action(access, year, values)
            req.flash(done)
            return req.redirect(to: SiteRoute.report(slug: access.slug, year: year).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, year: year, values: values, errors: errors.errors, status: .unprocessableEntity)
        } catch let error as ReportWrites.WorkflowError {
            return try await render(req, access, year: year, values: values, errors: [FieldError(field: field, message: error.description)], status: .conflict)
        }
    }

    static func saveSettings(_ req: Request) async throws -> Response {
        let context = req.context
        return try await step(req, ReportWrites.requireEdit, field: "threshold", done: "Saved the report's settings") { access, year, values in
            try await ReportWrites.saveSettings(access, values, year: year, context)
        }
    }

    static func signOff(_ req: Request) async throws -> Response {
        let context = req.context
        return try await step(req, ReportWrites.requireSignOff, field: "partner", done: "Recorded the sign-off") { access, year, values in
            try await ReportWrites.signOff(access, values, year: year, context)
        }
    }

    static func publish(_ req: Request) async throws -> Response {
        let context = req.context
        return try await step(req, ReportWrites.requireEdit, field: "published_on",
                              done: "Published the report. Send the copy to the national panel and the Department within the deadline.") { access, year, values in
            try await ReportWrites.publish(access, values, year: year, context)
        }
    }

    static func recordCopy(_ req: Request) async throws -> Response {
        let context = req.context
        return try await step(req, ReportWrites.requireEdit, field: "copy_sent_on", done: "Recorded the copy sent") { access, year, values in
            try await ReportWrites.recordCopySent(access, values, year: year, context)
        }
    }

    static func newVersion(_ req: Request) async throws -> Response {
        let context = req.context
        return try await step(req, ReportWrites.requireEdit, field: "publish", done: "Started a new draft version from the published one") { access, year, _ in
            try await ReportWrites.startNewVersion(access, year: year, context)
        }
    }
}
