import Foundation
import SafeguardingDomain
import SafeguardingOffice
import SafeguardingRendering

/// Turns a composed report into each output format. The pages and the command line both call this,
/// so `safeguarding report` and the report page give the same files.
public enum ReportOutputs {
    /// Where a figure's source is, as a link: absolute when `base` is given (files read away from the app).
    public static func link(slug: String, base: String) -> @Sendable (FigureSource) -> String? {
        { source in base + path(for: source, slug: slug) }
    }

    static func path(for source: FigureSource, slug: String) -> String {
        func uuid() -> UUID? { source.reference.flatMap(UUID.init(uuidString:)) }
        switch source.kind {
        case .areaFacts: return SiteRoute.dashboard(slug: slug).path
        case .finance:
            if let year = source.reference.flatMap(ReportingYear.init) { return SiteRoute.financeYear(slug: slug, year: year).path }
            return SiteRoute.finance(slug: slug).path
        case .organisations:
            if let id = uuid() { return SiteRoute.organisation(slug: slug, id: id).path }
            return SiteRoute.organisations(slug: slug).path
        case .subgroups:
            if let id = uuid() { return SiteRoute.subgroup(slug: slug, id: id).path }
            return SiteRoute.subgroups(slug: slug).path
        case .indicator:
            let base = SiteRoute.indicator(slug: slug, key: source.reference ?? "").path
            guard let period = source.detail else { return base }
            return base + "?period=" + (period.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? period) + "#values"
        case .learningSource:
            if let id = uuid() { return SiteRoute.learningSource(slug: slug, id: id).path }
            return SiteRoute.learningSources(slug: slug).path
        case .actions:
            return SiteRoute.actions(slug: slug).path + (source.detail.map { "?status=\($0)" } ?? "")
        case .reviews, .incidents:
            return SiteRoute.reviews(slug: slug).path
        case .localReview:
            if let id = uuid() { return SiteRoute.localReview(slug: slug, id: id).path }
            return SiteRoute.reviews(slug: slug).path
        case .reviewThemes:
            return SiteRoute.reviewThemes(slug: slug).path + (source.reference.map { "?year=\($0)" } ?? "")
        case .dataImport:
            return SiteRoute.dataReturns(slug: slug).path
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case pdf(String)

        public var description: String {
            switch self {
            case let .pdf(message): message
            }
        }
    }

    /// The bytes of one output. PDF runs headless Chromium, so it is the only one that can fail for
    /// want of a program; the message says what to install.
    public static func render(_ document: ReportDocument, format: ReportOutputFormat, base: String, draftFlags: Bool,
                              chromium: String?) async throws -> Data {
        let link = link(slug: document.partnershipSlug, base: base)
        switch format {
        case .html:
            return Data(ReportHTML(document: document, showsDraftFlags: draftFlags, link: link).render().utf8)
        case .md:
            return Data(ReportMarkdown.render(document, link: link).utf8)
        case .docx:
            return try DocxWriter.data(for: ReportWord.document(document, link: link, draftFlags: draftFlags))
        case .pdf:
            let html = ReportHTML(document: document, showsDraftFlags: draftFlags, link: link).render()
            return try await ReportPDF.render(html: html, chromium: chromium)
        }
    }

    /// The file name a download or the command line suggests: `calderdale-yearly-report-2023-24-v1.pdf`.
    public static func fileName(_ document: ReportDocument, format: ReportOutputFormat) -> String {
        let kind = document.audience == .full ? "yearly-report" : "yearly-report-for-children"
        return "\(document.partnershipSlug)-\(kind)-\(document.year)-v\(document.version)\(document.status == .draft ? "-draft" : "").\(format.rawValue)"
    }
}

/// Prints the report's HTML to PDF with headless Chromium: A4, page numbers from the print
/// stylesheet, and a document outline from the headings.
public enum ReportPDF {
    /// The Chromium to run: `SAFEGUARDING_CHROMIUM`, else the first of the usual names on the PATH.
    /// Read once, into the configuration.
    public static func chromium(environment: [String: String]) -> String? {
        if let path = environment["SAFEGUARDING_CHROMIUM"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }

    public static let missingMessage = "PDF needs Chromium, which is not installed here: install the Debian package chromium (apt-get install chromium) or set SAFEGUARDING_CHROMIUM to its path. HTML, Word and Markdown do not need it."

    public static func render(html: String, chromium: String?) async throws -> Data {
        guard let chromium else { throw ReportOutputs.Failure.pdf(missingMessage) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safeguarding-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.html")
        let output = folder.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: input)
        let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                         "--no-pdf-header-footer", "--generate-pdf-document-outline",
                         "--print-to-pdf=\(output.path)", input.absoluteString]
        let status = try await run(chromium, arguments, timeout: 120)
        guard status == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw ReportOutputs.Failure.pdf("Chromium (\(chromium)) could not print the report to PDF (exit status \(status)).")
        }
        return data
    }

    /// Runs a program off the caller's thread and waits for it, killing it after `timeout` seconds.
    static func run(_ program: String, _ arguments: [String], timeout: Double) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: ReportOutputs.Failure.pdf("Could not start Chromium at \(program): \(error)"))
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
    }
}
