import ArgumentParser
import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingApplication

/// `safeguarding report`: writes a partnership's yearly report as HTML, PDF, Word or Markdown, the
/// same files the report page gives.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Writes the yearly report as html, pdf, docx or md.",
        discussion: """
        The draft is composed from the data now; a published version is read as it was frozen.
        Example: safeguarding report --partnership calderdale --year 2023-24 --format pdf --out report.pdf
        """)

    @ArgumentParser.Option(help: "The partnership's slug, for example calderdale.") var partnership: String
    @ArgumentParser.Option(help: "The reporting year, like 2023-24.") var year: String
    @ArgumentParser.Option(help: "html, pdf, docx or md.") var format: String = "html"
    @ArgumentParser.Option(help: "The file to write; - writes to standard output (not for pdf or docx).") var out: String
    @ArgumentParser.Option(help: "A version number; default: the draft, else the latest published version.") var version: Int?
    @ArgumentParser.Flag(help: "The children's version instead of the full report.") var children = false
    @ArgumentParser.Option(help: "The address figures link to. Default: SAFEGUARDING_PUBLIC_URL, else http://localhost:8080") var baseURL: String?
    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard ReportingYear(year) != nil else { throw ValidationError("--year: expected a reporting year like 2023-24, got \(year)") }
        guard let format = ReportOutputFormat(rawValue: format) else {
            throw ValidationError("--format: expected one of html, pdf, docx, md; got \(format)")
        }
        if out == "-", format == .pdf || format == .docx { throw ValidationError("--out: \(format) is binary; give a file name") }
    }

    func run() async throws {
        let (year, format) = (ReportingYear(year)!, ReportOutputFormat(rawValue: format)!)
        let (slug, wanted, audience) = (partnership, version, children ? ReportDocument.Audience.children : .full)
        let chosenBase = baseURL
        let started = Date()
        let (data, document) = try await withApplication(options) { app -> (Data, ReportDocument) in
            let base = chosenBase ?? app.appConfiguration.publicURL ?? "http://localhost:8080"
            let partnership = try await ImportCommand.partnership(slug, app)
            let versions = try await ReportStore.versions(partnership, year: year, on: app.db)
            let report: YearlyReport
            if let wanted {
                guard let chosen = versions.all.first(where: { $0.version == wanted }) else {
                    throw CommandFailure(description: "--version: the \(year) report has no version \(wanted); it has \(versions.all.isEmpty ? "none" : versions.all.map { String($0.version) }.joined(separator: ", "))")
                }
                report = chosen
            } else {
                report = try ReportStore.workingVersion(partnership, year: year, versions: versions)
            }
            let document = try await ReportStore.document(partnership, report: report, audience: audience, today: app.appConfiguration.clock.today(),
                                                          sources: Modules.reportSections, on: app.db)
            do {
                return (try await ReportOutputs.render(document, format: format, base: base, draftFlags: report.status == .draft,
                                                            chromium: app.appConfiguration.chromium), document)
            } catch let failure as ReportOutputs.Failure {
                throw CommandFailure(description: failure.description)
            }
        }
        if out == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do { try data.write(to: URL(fileURLWithPath: out)) } catch { throw CommandFailure(description: "--out: cannot write \(out): \(error.localizedDescription)") }
        let gaps = WorkingTogetherChecklist.gaps(document.checklist)
        let flagged = document.sections.filter { !$0.hasData }.map(\.title)
        print("Wrote \(out) (\(format.rawValue), \(data.count) bytes) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(document.title), \(document.status.label.lowercased()) version \(document.version).")
        if document.audience == .full {
            if !flagged.isEmpty { print("Sections without data for \(year): \(flagged.joined(separator: "; ")).") }
            print(gaps.isEmpty ? "Working Together checklist: every item covered." : "Working Together checklist gaps:\n  " + gaps.joined(separator: "\n  "))
            print("Disclosure check: \(document.suppressions.count) figure\(document.suppressions.count == 1 ? "" : "s") suppressed (counts 1 to \(document.disclosureThreshold)).")
        }
    }
}
