import FluentKit
import Foundation
import SafeguardingDomain

/// Composes the yearly report from the data the partnership keeps: each section's generated content,
/// the narrative people wrote, the Working Together checklist and the disclosure check. The report is
/// public, so it is always composed as the public sees it: unpublished practice reviews are counted
/// but never named.
public enum ReportComposer {
    /// What the composer needs beyond the database: the report row, its narratives and sign-offs.
    public struct Setup: Sendable {
        public let partnership: Partnership
        public let report: YearlyReport
        public let texts: [String: ReportSectionText]
        public let signOffs: [ReportSignOff]
        public let today: CalendarDate
        /// The modules that write sections, each from its own tables.
        public let sources: [any ReportSectionSource.Type]

        public init(partnership: Partnership, report: YearlyReport, texts: [String: ReportSectionText], signOffs: [ReportSignOff], today: CalendarDate,
                    sources: [any ReportSectionSource.Type]) {
            self.partnership = partnership
            self.report = report
            self.texts = texts
            self.signOffs = signOffs
            self.today = today
            self.sources = sources
        }
    }

    /// Collects the content of one report while its sections are built.
    public final class Builder {
        let setup: Setup
        let year: ReportingYear
        /// The day the report's stocks are taken: the year's last day (today while the year runs).
        let asAt: CalendarDate
        let threshold: Int
        var evidence: Set<ReportEvidence> = []
        /// Breakdown tables waiting for the disclosure check, with the section they go into.
        var countTables: [(section: ReportSectionKey, table: CountTable, sources: [[FigureSource?]], columnSource: FigureSource?)] = []
        var headlineSuppressions: [Suppression] = []
        /// Unpublished reviews: counted in the report's figures, never named.
        var hiddenSources: Set<UUID> = []
        /// The register, read once for the sections that both need it (governance and the appendices).
        private var organisationsRead: [Organisation]?
        private var groupsRead: [PartnershipGroup]?

        init(setup: Setup) {
            self.setup = setup
            year = setup.report.year
            asAt = PeriodRule.asAt(setup.report.year, today: setup.today)
            threshold = setup.report.disclosureThreshold
        }

        /// A figure's period as the report states it: "completed in 2023-24", "open at 31 March 2024".
        func note(_ rule: PeriodRule) -> String { rule.note(for: year, today: setup.today) }
        func sentence(_ rule: PeriodRule) -> String { rule.sentence(for: year, today: setup.today) }
        /// Whether a record dated `date` (and, for a stock, ended `end`) counts in this report by `rule`.
        func counts(_ rule: PeriodRule, _ date: CalendarDate?, until end: CalendarDate? = nil) -> Bool {
            rule.includes(date, until: end, in: year, today: setup.today)
        }

        /// The organisations in the arrangements at the year's end (joined by then, not left by then).
        func organisationsInArrangements(on db: any Database) async throws -> [Organisation] {
            try await organisations(on: db).filter { counts(RegisterReportSections.Period.inArrangements, $0.joined, until: $0.left) }
        }

        func organisations(on db: any Database) async throws -> [Organisation] {
            if let organisationsRead { return organisationsRead }
            // Statutory partners first, then by name, made total by id.
            let read = try await RegisterStore.organisations(setup.partnership, on: db)
                .sorted { (RegisterStore.statutoryOrder($0.kind), $0.name.lowercased(), $0.name, $0.id!.uuidString)
                    < (RegisterStore.statutoryOrder($1.kind), $1.name.lowercased(), $1.name, $1.id!.uuidString) }
            organisationsRead = read
            return read
        }

        func groups(on db: any Database) async throws -> [PartnershipGroup] {
            if let groupsRead { return groupsRead }
            // The register's order (position, then name), made total by id.
            let read = try await RegisterStore.groups(setup.partnership, on: db)
                .sorted { ($0.position, $0.name, $0.id!.uuidString) < ($1.position, $1.name, $1.id!.uuidString) }
            groupsRead = read
            return read
        }

        func narrative(_ key: ReportSectionKey) -> String { setup.texts[key.rawValue]?.narrative ?? "" }
        func headlineTotals(_ key: ReportSectionKey) -> Bool { setup.texts[key.rawValue]?.headlineTotals ?? false }
        func leftOut(_ key: ReportSectionKey) -> Bool { setup.texts[key.rawValue]?.leftOut ?? false }

        /// A count of children or cases shown on its own: suppressed when small unless the section
        /// publishes headline totals.
        func childCount(_ value: Int, label: String, section: ReportSectionKey) -> String {
            guard value >= 1, value <= threshold, !headlineTotals(section) else { return ReportFormat.count(value) }
            headlineSuppressions.append(Suppression(tableID: section.rawValue, tableTitle: section.title, row: label, column: "Headline",
                                                    reason: .smallCount(threshold: threshold)))
            return "c"
        }
    }

    /// The full yearly report.
    public static func compose(_ setup: Setup, on db: any Database) async throws -> ReportDocument {
        let builder = Builder(setup: setup)
        let partnership = setup.partnership
        // As the public could see the reviews at the year's end: one published later is still unnamed here.
        builder.hiddenSources = try await ReviewStore.restrictedSourceIDs(partnership, asAt: builder.asAt, on: db)
        var sections: [ReportSectionContent] = []
        // SAFEGUARDING_REPORT_TIMING=1 prints each section's time to standard error, for bench/report.
        let timing = ProcessInfo.processInfo.environment["SAFEGUARDING_REPORT_TIMING"] == "1"
        for key in ReportSectionKey.allCases {
            let started = Date()
            let (blocks, hasData, missing) = try await content(of: key, builder: builder, on: db)
            if timing { FileHandle.standardError.write(Data("section \(key.rawValue): \(Int(Date().timeIntervalSince(started) * 1000)) ms\n".utf8)) }
            let narrative = builder.narrative(key)
            let sectionHasData = key.isNarrativeOnly ? !narrative.isEmpty : hasData
            sections.append(ReportSectionContent(
                key: key, number: sections.count + 1, title: key.title, subtitle: subtitle(for: key),
                narrative: Markdown.parse(narrative), blocks: blocks, hasData: sectionHasData,
                missing: sectionHasData ? nil : (key.isNarrativeOnly ? "Nobody has written this section yet." : missing),
                leftOut: builder.leftOut(key)))
        }
        if !builder.narrative(.priorities).isEmpty { builder.evidence.insert(.priorities) }
        let disclosureStarted = Date()
        let suppressions = applyDisclosure(builder, to: &sections)
        if timing { FileHandle.standardError.write(Data("disclosure: \(Int(Date().timeIntervalSince(disclosureStarted) * 1000)) ms\n".utf8)) }
        var document = ReportDocument(
            partnershipName: partnership.name, partnershipSlug: partnership.slug, localAuthorityName: partnership.localAuthorityName,
            year: builder.year, version: setup.report.version, status: setup.report.status, audience: .full,
            publishedOn: setup.report.published, composedOn: setup.today, signOffs: [],
            sections: sections,
            checklist: WorkingTogetherChecklist.evaluate(present: builder.evidence, leftOut: Set(sections.filter(\.leftOut).map(\.key))),
            suppressions: builder.headlineSuppressions + suppressions, disclosureThreshold: builder.threshold)
        // The digest leaves the sign-offs out, so they can be judged against the content they sit beside.
        document.signOffs = signatures(setup, now: try document.contentDigest())
        return document
    }

    /// The recorded sign-offs; with `now`, each marked when it approved content other than `now`
    /// (an earlier draft), so no output shows it as a signature of this one.
    static func signatures(_ setup: Setup, now: ReportContentDigest? = nil) -> [ReportSignature] {
        setup.signOffs.sorted { ($0.partner.rawValue, $0.signedOn, $0.signedByRole) < ($1.partner.rawValue, $1.signedOn, $1.signedByRole) }.compactMap { signOff in
            guard let date = CalendarDate(iso: signOff.signedOn) else { return nil }
            let earlier = now.map { !ReportWorkflow.standing(of: signOff.approved, now: $0).isCurrent } ?? false
            return ReportSignature(partner: signOff.partner, organisationName: signOff.partner.label,
                                   signedByRole: signOff.signedByRole, signedOn: date, isOfEarlierDraft: earlier)
        }
    }

    /// The Working Together items a section answers, as the reference report's section subtitles.
    static func subtitle(for key: ReportSectionKey) -> String? {
        let items = WorkingTogetherItem.allCases.filter { $0.sections.first == key }
        guard !items.isEmpty else { return nil }
        return "Working Together: " + items.map { "item \($0.rawValue)" }.joined(separator: ", ")
    }

    public typealias SectionContent = (blocks: [ReportBlock], hasData: Bool, missing: String?)

    static func content(of key: ReportSectionKey, builder: Builder, on db: any Database) async throws -> SectionContent {
        if key.isNarrativeOnly { return ([], true, nil) }
        // The first module that claims the section writes it.
        guard let module = builder.setup.sources.first(where: { $0.sections.contains(key) }) else {
            return ([], false, key.notYetRecorded(year: builder.year))
        }
        return try await module.content(of: key, builder: builder, on: db)
    }

    /// Runs the disclosure check over every breakdown table together (so the same figure is
    /// suppressed alike everywhere) and puts the protected tables into their sections.
    static func applyDisclosure(_ builder: Builder, to sections: inout [ReportSectionContent]) -> [Suppression] {
        guard !builder.countTables.isEmpty else { return [] }
        var results: [(tables: [ProtectedTable], suppressions: [Suppression])] = []
        // Each section's headline-totals setting decides whether its grand totals may be small.
        for key in ReportSectionKey.allCases {
            let tables = builder.countTables.filter { $0.section == key }.map(\.table)
            guard !tables.isEmpty else { continue }
            results.append(DisclosureControl.protect(tables, policy: DisclosurePolicy(threshold: builder.threshold,
                                                                                      headlineTotals: builder.headlineTotals(key))))
        }
        let protected = Dictionary(results.flatMap(\.tables).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var headed: Set<ReportSectionKey> = []
        for entry in builder.countTables {
            guard let table = protected[entry.table.id], let index = sections.firstIndex(where: { $0.key == entry.section }) else { continue }
            if headed.insert(entry.section).inserted { sections[index].blocks.append(.heading("Breakdowns: who the figures are about")) }
            sections[index].blocks.append(.table(ReportFormat.table(table, sources: entry.sources, columnSource: entry.columnSource,
                                                                    note: "Counts from 1 to \(builder.threshold) are shown as c, and so is any count that would reveal one; 0 is a true zero.")))
        }
        return results.flatMap(\.suppressions)
    }
}

/// Number and table formatting shared by every section.
enum ReportFormat {
    static func count(_ value: Int) -> String { Pence.grouped(value) }

    static func value(_ value: Double, unit: String) -> String {
        switch unit {
        case "count": return abs(value) < NumberText.limit ? count(Int(value.rounded())) : String(format: "%.0f", value)
        case "percentage": return String(format: "%.1f%%", value)
        default: return String(format: "%.1f", value)
        }
    }

    static func unitLabel(_ unit: String) -> String {
        switch unit {
        case "rate_per_10000": "rate per 10,000 children"
        case "rate_per_100_pupils": "rate per 100 pupils"
        case "percentage": "per cent"
        default: "number"
        }
    }

    static func money(_ pence: Pence) -> String { pence.formatted }

    /// A protected breakdown table as the report prints it, each published count linked to its source.
    static func table(_ table: ProtectedTable, sources: [[FigureSource?]], columnSource: FigureSource?, note: String) -> ReportTable {
        let hasRowTotals = table.rowTotals != nil
        var columns = table.columnLabels
        if hasRowTotals { columns.append("Total") }
        var rows: [ReportTable.Row] = table.rowLabels.enumerated().map { index, label in
            var cells = table.cells[index].enumerated().map { column, cell in
                ReportTable.Cell(cell.text, source: cell.isPublishedCount ? (sources[safe: index]?[safe: column] ?? nil) : nil, isNumber: true)
            }
            if let totals = table.rowTotals {
                cells.append(ReportTable.Cell(totals[index].text, source: totals[index].isPublishedCount ? columnSource : nil, isNumber: true))
            }
            return ReportTable.Row(header: ReportTable.Cell(label), cells: cells)
        }
        if let totals = table.columnTotals {
            var cells = totals.map { ReportTable.Cell($0.text, source: $0.isPublishedCount ? columnSource : nil, isNumber: true) }
            if hasRowTotals {
                let grand = table.grandTotal ?? .notAvailable
                cells.append(ReportTable.Cell(grand.text, source: grand.isPublishedCount ? columnSource : nil, isNumber: true))
            }
            rows.append(ReportTable.Row(header: ReportTable.Cell("Total"), cells: cells, isTotal: true))
        }
        return ReportTable(id: table.id, caption: table.title, columns: columns, rows: rows, note: note)
    }
}

extension PublishedCell {
    /// A count or a true zero: a figure the reader sees, so it links to its source.
    var isPublishedCount: Bool {
        switch self {
        case .count, .zero: true
        case .suppressed, .notAvailable: false
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A module's part of the yearly report: the sections of the outline it writes, each from the
/// module's own tables. `ReportComposer` only assembles them (in the outline's order), runs the
/// disclosure check over every table at once, and flags a section no module writes yet.
public protocol ReportSectionSource: Sendable {
    static var sections: [ReportSectionKey] { get }
    static func content(of key: ReportSectionKey, builder: ReportComposer.Builder, on db: any Database) async throws -> ReportComposer.SectionContent
}
