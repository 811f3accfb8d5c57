import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The report's outputs. Who may read which version is `ReportReads.reportFile`'s rule; here are
/// the HTTP answers: the status for each refusal, the headers and the file name.
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
        let file: ReportFile
        do {
            file = try await ReportReads.reportFile(req.currentUser, slug: req.parameters.get("slug") ?? "", year: year,
                                                    version: req.query[Int.self, at: "version"], audience: audience, req.context)
        } catch let refusal as ReportFileRefusal {
            switch refusal {
            case .noPartnership: throw Abort(.notFound, reason: "There is no partnership at this address.")
            case let .noSuchVersion(wanted): throw Abort(.notFound, reason: "There is no version \(wanted) of the \(year) report.")
            case .signInFirst: throw Abort(.unauthorized)
            case .notPublishedYet: throw Abort(.notFound, reason: "The \(year) report is not published yet.")
            }
        }
        let data: Data
        do {
            data = try await ReportOutputs.render(file.document, format: format, base: baseURL(req), draftFlags: file.isDraft,
                                                  chromium: req.application.appConfiguration.chromium)
        } catch let failure as ReportOutputs.Failure {
            return .html(ReportViews.unavailable(failure.description, slug: file.slug, year: year), status: .serviceUnavailable)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let disposition = format == .html || format == .pdf ? "inline" : "attachment"
        headers.replaceOrAdd(name: .contentDisposition, value: "\(disposition); filename=\"\(ReportOutputs.fileName(file.document, format: format))\"")
        if format == .html {
            // The report is one self-contained file, so its stylesheet is inline; it has no scripts.
            headers.replaceOrAdd(name: "Content-Security-Policy",
                                 value: "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'")
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// The address links in a downloaded file start with: the configured public address
    /// (`SAFEGUARDING_PUBLIC_URL`), else nothing, so links stay relative to the site. Never the
    /// request's Host header: a visitor chooses it, and a published report is public.
    static func baseURL(_ req: Request) -> String {
        req.application.appConfiguration.publicURL ?? ""
    }
}
