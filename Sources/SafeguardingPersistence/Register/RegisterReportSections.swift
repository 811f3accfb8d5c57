import FluentKit
import Foundation
import SafeguardingDomain
import SQLKit

/// The register's part of the yearly report: our area, governance and money, and the appendices.
public enum RegisterReportSections: ReportSectionSource {
    public static let sections: [ReportSectionKey] = [.area, .governance, .appendices]

    public static func content(of key: ReportSectionKey, builder: ReportComposer.Builder, on db: any Database) async throws -> ReportComposer.SectionContent {
        switch key {
        case .area: try await ReportComposer.areaSection(builder, on: db)
        case .governance: try await ReportComposer.governanceSection(builder, on: db)
        case .appendices: try await ReportComposer.appendicesSection(builder, on: db)
        default: ([], false, "This section is not written by RegisterReportSections.")
        }
    }

    /// The period rule of each figure the register writes, declared once.
    enum Period {
        /// Organisations, statutory partners and education settings: joined by the year's end and not left by it.
        static let inArrangements = PeriodRule.stock("in the arrangements at")
        static let meetings = PeriodRule.flow("held in")
        /// The groups listed with their meetings: in place at any time in the year, so a group that
        /// closed during it still shows the meetings it held.
        static let groupsDuring = PeriodRule.span("in place during")
        /// The structure chart and the seats on groups: set up (taken) by the year's end and not closed (ended) by it.
        static let groupsAtEnd = PeriodRule.stock("in place at")
        static let finance = PeriodRule.yearOfRecord("contributions for")
        static let indicators = PeriodRule.yearOfRecord("values for")
    }
}

extension ReportComposer {
    /// The context figures: the area, then children's social care against England and similar areas.
    static func areaSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        var blocks: [ReportBlock] = []
        let facts = try await RegisterStore.areaFacts(partnership, on: db)
        if !facts.isEmpty {
            blocks.append(.figures(facts.map { fact in
                ReportFigure(label: fact.label, value: fact.formattedValue,
                             note: fact.source, source: FigureSource(.areaFacts, reference: fact.key, label: "Area facts: \(fact.label)"))
            }))
        }
        let keys = ["referrals_rate", "rereferrals_percent", "cin_rate", "cpp_rate", "cpp_second_time_percent", "cla_rate"]
        let indicators = try await PerformanceStore.indicators(partnership, on: db).filter { keys.contains($0.key) }
            .sorted { keys.firstIndex(of: $0.key)! < keys.firstIndex(of: $1.key)! }
        let values = try await IndicatorValue.query(on: db).readable().filter(\.$indicator.$id ~~ indicators.map { $0.id! })
            .filter(\.$breakdown == "all").filter(\.$periodKind == "financial_year").all()
        let byIndicator = Dictionary(grouping: values, by: { $0.$indicator.id })
        let series = ["local", "statistical_neighbours", "england"]
        var rows: [ReportTable.Row] = []
        for indicator in indicators {
            let current = (byIndicator[indicator.id!] ?? []).filter { $0.period == builder.year.description }
            guard !current.isEmpty else { continue }
            let source = FigureSource(.indicator, reference: indicator.key, detail: builder.year.description,
                                      label: "Indicator \(indicator.name), \(builder.year)")
            rows.append(ReportTable.Row(
                header: ReportTable.Cell("\(indicator.name) (\(ReportFormat.unitLabel(indicator.unit)))", source: source),
                cells: series.map { name in
                    guard let value = current.first(where: { $0.series == name }) else { return ReportTable.Cell(":", isNumber: true) }
                    return ReportTable.Cell(ReportFormat.value(value.value, unit: indicator.unit), source: source, isNumber: true)
                }))
        }
        if !rows.isEmpty {
            builder.evidence.insert(.indicators)
            blocks.append(.table(ReportTable(id: "childrens-social-care", caption: "Children's social care in \(builder.year), against statistical neighbours and England",
                                             columns: ["\(partnership.localAuthorityName)", "Statistical neighbours", "England"], rows: rows,
                                             note: builder.sentence(RegisterReportSections.Period.indicators) + " : means the figure is not available.")))
        }
        // Five years of the child protection rate, the chart the reference report leads with.
        if let cpp = indicators.first(where: { $0.key == "cpp_rate" }) {
            let years = (0..<5).reversed().map { ReportingYear(startYear: builder.year.startYear - $0) }
            let all = byIndicator[cpp.id!] ?? []
            let chartSeries = series.map { name in
                ReportChart.Series(name: seriesName(name), values: years.map { year in all.first { $0.period == year.description && $0.series == name }?.value })
            }
            if chartSeries.contains(where: { $0.values.contains { $0 != nil } }) {
                blocks.append(.chart(chart(id: "cpp-rate-trend", title: "\(cpp.name): rate per 10,000 children, \(years.first!) to \(years.last!)",
                                           labels: years.map(\.description), series: chartSeries, unit: cpp.unit, kind: .line,
                                           source: { FigureSource(.indicator, reference: cpp.key, detail: $0, label: "Indicator \(cpp.name), \($0)") })))
            }
        }
        let hasData = !facts.isEmpty || !rows.isEmpty
        return (blocks, hasData, hasData ? nil : "No area facts or official statistics are loaded for \(builder.year).")
    }

    /// The partners, the groups, meetings held and the money.
    static func governanceSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        var blocks: [ReportBlock] = []
        let period = RegisterReportSections.Period.self
        let organisations = try await builder.organisationsInArrangements(on: db)
        let partners = organisations.filter { $0.kind.isStatutoryPartner }
        if Set(partners.map(\.kind)).count == 3 { builder.evidence.insert(.statutoryPartners) }
        if !partners.isEmpty {
            blocks.append(.heading("The statutory partners"))
            blocks.append(.list(partners.map { organisation in
                ReportListItem(text: organisation.name,
                               detail: [organisation.leadPartnerRole.map { "Lead partner: \($0)" }, organisation.delegatedPartnerRole.map { "Delegated partner: \($0)" }]
                                   .compactMap { $0 }.joined(separator: ". "),
                               source: FigureSource(.organisations, reference: organisation.id!.uuidString, label: "Register: \(organisation.name)"))
            }))
        }
        let others = organisations.filter { !$0.kind.isStatutoryPartner }
        if !others.isEmpty {
            let bySector = Dictionary(grouping: others, by: \.sector).sorted { $0.key.label < $1.key.label }
            let source = FigureSource(.organisations, label: "Register of organisations")
            blocks.append(.table(ReportTable(
                id: "agencies-by-sector", caption: "Relevant agencies and other organisations in the arrangements, by sector",
                columns: ["Organisations"],
                rows: bySector.map { ReportTable.Row(header: ReportTable.Cell($0.key.label), cells: [ReportTable.Cell(ReportFormat.count($0.value.count), source: source, isNumber: true)]) }
                    + [ReportTable.Row(header: ReportTable.Cell("Total"), cells: [ReportTable.Cell(ReportFormat.count(others.count), source: source, isNumber: true)], isTotal: true)],
                note: builder.sentence(period.inArrangements) + " An organisation counts from the day it joined until the day it left.")))
        }
        let allGroups = try await builder.groups(on: db)
        let groups = allGroups.filter { builder.counts(period.groupsDuring, $0.setUp, until: $0.closed) }
        let groupsAtEnd = Set(allGroups.filter { builder.counts(period.groupsAtEnd, $0.setUp, until: $0.closed) }.compactMap(\.id))
        let education: Set<Sector> = [.education, .earlyYears]
        let educationIDs = Set(organisations.filter { education.contains($0.sector) || $0.kind == .schoolOrCollege }.map { $0.id! })
        let seats = try await GroupMember.query(on: db).filter(\.$partnership.$id == partnership.requireID()).all()
            .filter { groupsAtEnd.contains($0.$group.id) && builder.counts(period.groupsAtEnd, $0.started, until: $0.ended) }
        let educationSeats = seats.filter { $0.$organisation.id.map(educationIDs.contains) ?? false }
        if !educationIDs.isEmpty {
            builder.evidence.insert(.educationInvolvement)
            blocks.append(.figures([
                ReportFigure(label: "Schools, colleges and early years settings in the arrangements", value: ReportFormat.count(educationIDs.count),
                             note: builder.note(period.inArrangements), source: FigureSource(.organisations, label: "Register of organisations")),
                ReportFigure(label: "Seats held by education on the Executive and subgroups", value: ReportFormat.count(educationSeats.count),
                             note: "held by settings \(builder.note(period.inArrangements)), on groups \(builder.note(period.groupsAtEnd))",
                             source: FigureSource(.subgroups, label: "Subgroups and their members")),
            ]))
        }
        let window = PeriodRule.window(builder.year)
        let meetings = try await Meeting.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$heldOn >= window.lowerBound.description).filter(\.$heldOn <= window.upperBound.description).all()
        let meetingsByGroup = Dictionary(grouping: meetings, by: { $0.$group.id })
        if !groups.isEmpty {
            blocks.append(.heading("The Executive and subgroups"))
            blocks.append(.table(ReportTable(
                id: "groups", caption: "The Executive and its subgroups in \(builder.year)", columns: ["Chair", "Meetings recorded"],
                rows: groups.map { group in
                    let source = FigureSource(.subgroups, reference: group.id!.uuidString, label: "Group: \(group.name)")
                    let closing = group.closed.flatMap { closed in PeriodRule.window(builder.year).contains(closed) ? " (closed \(closed.long))" : nil }
                    return ReportTable.Row(header: ReportTable.Cell(group.name + (closing ?? ""), source: source),
                                           cells: [ReportTable.Cell(group.chair ?? "Not recorded"),
                                                   ReportTable.Cell(ReportFormat.count(meetingsByGroup[group.id!]?.count ?? 0), source: source, isNumber: true)])
                },
                // Chairs carry no dates: a chair is named as the register records it now.
                note: "Groups \(builder.note(period.groupsDuring)), in the order of the structure chart; meetings \(builder.note(period.meetings)). Chairs as the register records them now.")))
        }
        let finance = try await RegisterStore.finance(partnership, year: builder.year, on: db)
        if !finance.contributions.isEmpty {
            builder.evidence.insert(.financeTable)
            let source = FigureSource(.finance, reference: builder.year.description, label: "Finance \(builder.year)")
            blocks.append(.heading("Money"))
            blocks.append(.table(ReportTable(
                id: "finance", caption: "Contributions and outturn, \(builder.year)", columns: ["Category", "Amount"],
                rows: finance.contributions.map { line in
                    ReportTable.Row(header: ReportTable.Cell(line.label), cells: [ReportTable.Cell(line.category.label),
                                                                                  ReportTable.Cell(ReportFormat.money(line.amount), source: source, isNumber: true)])
                } + [ReportTable.Row(header: ReportTable.Cell("Total"), cells: [ReportTable.Cell(""), ReportTable.Cell(ReportFormat.money(finance.total), source: source, isNumber: true)], isTotal: true)],
                note: builder.sentence(period.finance))))
        }
        let hasData = !partners.isEmpty || !finance.contributions.isEmpty
        return (blocks, hasData, hasData ? nil : "No partners or contributions are recorded for \(builder.year).")
    }

    /// The structure chart and the relevant agencies.
    static func appendicesSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let groups = try await builder.groups(on: db).filter { builder.counts(RegisterReportSections.Period.groupsAtEnd, $0.setUp, until: $0.closed) }
        var blocks: [ReportBlock] = []
        if !groups.isEmpty {
            blocks.append(.heading("Appendix A: the structure of the arrangements"))
            blocks.append(.paragraph("The Executive and the groups \(builder.note(RegisterReportSections.Period.groupsAtEnd)), each under the group it reports to."))
            blocks.append(.structure(groups.map { group in
                StructureBox(id: group.id!.uuidString, name: group.name, kind: group.kind, chair: group.chair, reportsTo: group.$reportsTo.id?.uuidString)
            }))
        }
        let agencies = try await builder.organisationsInArrangements(on: db).filter { !$0.kind.isStatutoryPartner }
        if !agencies.isEmpty {
            blocks.append(.heading("Appendix B: relevant agencies and other organisations"))
            blocks.append(.paragraph("The relevant agencies and other organisations \(builder.note(RegisterReportSections.Period.inArrangements))."))
            blocks.append(.list(agencies.sorted { ($0.name, $0.id!.uuidString) < ($1.name, $1.id!.uuidString) }.map {
                ReportListItem(text: $0.name, detail: $0.sector.label, source: FigureSource(.organisations, reference: $0.id!.uuidString, label: "Register: \($0.name)"))
            }))
        }
        blocks.append(.heading("Appendix C: changes to procedures"))
        blocks.append(.paragraph("The procedures change log is not yet kept in the app; no changes are listed."))
        return (blocks, !groups.isEmpty, groups.isEmpty ? "No groups are recorded in the register." : nil)
    }
}
