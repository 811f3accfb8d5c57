import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The report's outputs. A published report is public (the public, Ofsted and the national panel read
/// it); a draft only opens for members whose role reads drafts.
enum ReportDownloads {
    static func children(_ req: Request) async throws -> Response {
        let year = try ReportPages.year(req)
        let file = req.parameters.get("file") ?? ""
        guard file.hasPrefix("children."), let format = ReportOutputFormat(rawValue: String(file.dropFirst("children.".count))) else {
            throw Abort(.notFound, reason: "The children's version comes as children.html, .pdf, .docx or .md.")
        }
        return try await download(req, year: year, format: format, audience: .children)
    }

    static func download(_ req: Request, year: ReportingYear, format: ReportOutputFormat, audience: ReportDocument.Audience) async throws -> Response {
        guard let slug = req.parameters.get("slug"), let partnership = try await RegisterStore.partnership(slug: slug, on: req.db) else {
            throw Abort(.notFound, reason: "There is no partnership at this address.")
        }
        let mayReadDraft = try await readsDrafts(req, partnership: partnership)
        let versions = try await ReportStore.versions(partnership, year: year, on: req.db)
        let wanted = req.query[Int.self, at: "version"]
        let report: YearlyReport
        if let wanted {
            guard let chosen = versions.all.first(where: { $0.version == wanted }), chosen.status == .published || mayReadDraft else {
                throw Abort(.notFound, reason: "There is no version \(wanted) of the \(year) report.")
            }
            report = chosen
        } else if mayReadDraft {
            report = try ReportStore.workingVersion(partnership, year: year, versions: versions)
        } else if let published = versions.latestPublished {
            report = published
        } else if req.currentUser == nil {
            throw Abort(.unauthorized)
        } else {
            throw Abort(.notFound, reason: "The \(year) report is not published yet.")
        }
        let document = try await ReportStore.document(partnership, report: report, audience: audience, today: req.today, on: req.db)
        let data: Data
        do {
            data = try await ReportOutputs.render(document, format: format, base: baseURL(req), draftFlags: report.status == .draft,
                                                  chromium: req.application.appConfiguration.chromium)
        } catch let failure as ReportOutputs.Failure {
            return .html(unavailable(failure.description, slug: slug, year: year), status: .serviceUnavailable)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let disposition = format == .html || format == .pdf ? "inline" : "attachment"
        headers.replaceOrAdd(name: .contentDisposition, value: "\(disposition); filename=\"\(ReportOutputs.fileName(document, format: format))\"")
        if format == .html {
            // The report is one self-contained file, so its stylesheet is inline; it has no scripts.
            headers.replaceOrAdd(name: "Content-Security-Policy",
                                 value: "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'")
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// Members whose role reads drafts see the working version; everyone else the published one.
    static func readsDrafts(_ req: Request, partnership: Partnership) async throws -> Bool {
        guard let user = req.currentUser else { return false }
        let memberships = try await AccountStore.memberships(of: user.requireID(), on: req.db)
        guard let membership = memberships.first(where: { $0.$partnership.id == partnership.id }) else { return false }
        return Access.allows(Grant(role: membership.role, organisation: membership.grant.organisation), .readReportDraft)
    }

    /// The address links in a downloaded file start with: the configured public address, else this request's host.
    static func baseURL(_ req: Request) -> String {
        if let configured = req.application.appConfiguration.publicURL { return configured }
        let scheme = req.headers.first(name: "X-Forwarded-Proto") ?? "http"
        let host = req.headers.first(name: .host) ?? "localhost"
        return "\(scheme)://\(host)"
    }

    static func unavailable(_ message: String, slug: String, year: ReportingYear) -> String {
        Layout.page(PageFrame(title: "PDF not available")) {
            Components.heading("The PDF is not available")
            el("p", .class("app-body-text")) { message }
            el("p", .class("app-body-text")) {
                el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .html).path), .class("app-link")) { "Read the report as a web page" }
                " or "
                el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .docx).path), .class("app-link")) { "download it for Word" }
                "."
            }
        }
    }
}
