import FluentKit
import Foundation
import SafeguardingDomain
import SQLKit

/// The performance dataset's content for the report (shown in the scrutiny section) and the charts
/// every section draws.
extension ReportComposer {
    static func seriesName(_ series: String) -> String {
        switch series {
        case "local": "Local"
        case "england": "England"
        case "statistical_neighbours": "Statistical neighbours"
        case "region": "Region"
        default: series
        }
    }

    /// A chart with its table: one row per label, one column per series, each value linked.
    static func chart(id: String, title: String, labels: [String], series: [ReportChart.Series], unit: String, kind: ReportChart.Kind,
                      source: (String) -> FigureSource?) -> ReportChart {
        let rows = labels.enumerated().map { index, label in
            ReportTable.Row(header: ReportTable.Cell(label), cells: series.map { line in
                guard let value = line.values[index] else { return ReportTable.Cell(":", isNumber: true) }
                return ReportTable.Cell(ReportFormat.value(value, unit: unit), source: source(label), isNumber: true)
            })
        }
        let described = series.compactMap { line -> String? in
            let known = zip(labels, line.values).compactMap { label, value in value.map { (label, $0) } }
            guard let first = known.first, let last = known.last else { return nil }
            return "\(line.name) \(first.0 == last.0 ? "was" : "went from") \(first.0 == last.0 ? "" : ReportFormat.value(first.1, unit: unit) + " in \(first.0) to ")\(ReportFormat.value(last.1, unit: unit)) in \(last.0)"
        }
        return ReportChart(id: id, kind: kind, title: title, description: described.joined(separator: "; ") + ".", labels: labels, series: series,
                           unit: ReportFormat.unitLabel(unit), table: ReportTable(id: id + "-table", caption: "The figures behind the chart: \(title)",
                                                                                  columns: series.map(\.name), rows: rows))
    }

    /// The multi-agency dataset: each published indicator's latest quarter in the year against the
    /// same quarter a year before, judged by `IndicatorJudgement` as at the year's end (so exactly
    /// as the indicator's page judges it on that day), a chart of the quarters, and its breakdowns
    /// through the disclosure check. Indicators keep the catalogue's order (position, then name,
    /// then key); the worsening ones are returned by name, then key.
    static func performanceBlocks(_ builder: Builder, on db: any Database) async throws -> (blocks: [ReportBlock], worsening: [ReportListItem], hasValues: Bool) {
        let partnership = builder.setup.partnership
        let year = builder.year
        let indicators = try await PerformanceStore.indicators(partnership, on: db).filter(\.isPublished)
            .sorted { ($0.position, $0.name, $0.key) < ($1.position, $1.name, $1.key) }
        guard !indicators.isEmpty else { return ([], [], false) }
        let headlines = try await PerformanceStore.headlineValues(partnership, on: db)
        let quarters = year.quarters.map(\.description)
        let breakdownValues = try await IndicatorValue.query(on: db).readable().filter(\.$indicator.$id ~~ indicators.map { $0.id! })
            .filter(\.$series == Series.local.rawValue).filter(\.$breakdown != Breakdown.all.rawValue).filter(\.$period ~~ quarters).all()
        let breakdownsByIndicator = Dictionary(grouping: breakdownValues, by: { $0.$indicator.id })
        var rows: [ReportTable.Row] = []
        var worsening: [(name: String, key: String, item: ReportListItem)] = []
        var charts: [ReportBlock] = []
        for indicator in indicators {
            let polarity = Polarity(rawValue: indicator.polarity) ?? .neither
            let analysis = IndicatorAnalysis(polarity: polarity, values: headlines[indicator.id!] ?? [])
            let judgement = analysis.judgement(unit: indicator.unit, asAt: builder.asAt)
            // The table is of quarterly figures; yearly ones are in the area's context.
            guard let latest = judgement.latest, latest.period.kind == .quarter, latest.period.reportingYear == year,
                  let previousPeriod = judgement.comparisonPeriod?.description else { continue }
            let quarter = latest.period.description
            let source = FigureSource(.indicator, reference: indicator.key, detail: quarter, label: "Indicator \(indicator.name), \(quarter)")
            rows.append(ReportTable.Row(header: ReportTable.Cell(indicator.name, source: FigureSource(.indicator, reference: indicator.key, label: "Indicator \(indicator.name)")),
                                        cells: [ReportTable.Cell(quarter),
                                                ReportTable.Cell(ReportFormat.value(latest.value, unit: indicator.unit), source: source, isNumber: true),
                                                ReportTable.Cell(judgement.comparison.map { ReportFormat.value($0.value, unit: indicator.unit) } ?? ":",
                                                                 source: judgement.comparison.map { _ in FigureSource(.indicator, reference: indicator.key, detail: previousPeriod, label: "Indicator \(indicator.name), \(previousPeriod)") },
                                                                 isNumber: true),
                                                ReportTable.Cell(judgement.direction.label)]))
            if judgement.direction == .worsening {
                worsening.append((indicator.name, indicator.key, ReportListItem(text: "\(indicator.name): worsening", detail: judgement.directionSentence, source: source)))
            }
            // The quarters of the year as a chart, for the first indicators with a full year.
            let headline = analysis.headline
            let value = { (q: ReportingQuarter) in headline.first { $0.period == Period(q) }?.value }
            let yearValues = year.quarters.map(value)
            if charts.count < 3, yearValues.allSatisfy({ $0 != nil }) {
                let last = year.previous.quarters.map(value)
                let labels = year.quarters.map { "Q\($0.number.rawValue)" }
                charts.append(.chart(chart(id: "indicator-\(indicator.key)", title: "\(indicator.name) by quarter, \(year) and \(year.previous)",
                                           labels: labels,
                                           series: [ReportChart.Series(name: year.description, values: yearValues),
                                                    ReportChart.Series(name: year.previous.description, values: last)],
                                           unit: indicator.unit, kind: .line,
                                           source: { FigureSource(.indicator, reference: indicator.key, detail: "\(year) \($0)", label: "Indicator \(indicator.name), \(year) \($0)") })))
            }
            if indicator.unit == "count" { addBreakdowns(indicator, values: breakdownsByIndicator[indicator.id!] ?? [], builder: builder) }
        }
        guard !rows.isEmpty else { return ([], [], false) }
        builder.evidence.insert(.indicators)
        var blocks: [ReportBlock] = [.heading("The multi-agency dataset")]
        blocks.append(.table(ReportTable(id: "indicators", caption: "Indicators: the latest quarter of \(year) against the same quarter a year before",
                                         columns: ["Latest quarter", "Value", "A year before", "Direction"], rows: rows,
                                         note: "Values for the \(builder.note(LearningReportSections.Period.indicators)), each against the same quarter of \(year.previous). "
                                             + "A change that chance alone could give is shown as no signal: for counts, a change within 1.96 times the square root of the two counts together; "
                                             + "for other values, a change of \(Int(IndicatorJudgement.relativeTolerance * 100))% or less.")))
        blocks += charts
        let ordered = worsening.sorted { ($0.name, $0.key) < ($1.name, $1.key) }.map(\.item)
        return (blocks, ordered, true)
    }

    /// Breakdown tables of a count indicator, by group and quarter, queued for the disclosure check.
    static func addBreakdowns(_ indicator: Indicator, values: [IndicatorValue], builder: Builder) {
        let year = builder.year
        let quarters = year.quarters.map(\.description)
        for breakdown in ["gender", "age_band", "ethnicity", "imd_decile"] {
            let rows = values.filter { $0.breakdown == breakdown && quarters.contains($0.period) }
            guard !rows.isEmpty else { continue }
            let groups = Array(Set(rows.map(\.group))).sorted { a, b in
                if let x = Int(a), let y = Int(b) { return x < y }
                return a < b
            }
            let lookup = Dictionary(rows.map { ("\($0.group)|\($0.period)", $0) }, uniquingKeysWith: { a, _ in a })
            let cells: [[Int?]] = groups.map { group in quarters.map { q in lookup["\(group)|\(q)"].map { Int($0.value.rounded()) } } }
            let keys: [[String]] = groups.map { group in quarters.map { "\(indicator.key)|\(breakdown)|\(group)|\($0)" } }
            let sources: [[FigureSource?]] = groups.map { _ in quarters.map { q in FigureSource(.indicator, reference: indicator.key, detail: q, label: "Indicator \(indicator.name), \(q)") } }
            let title = "\(indicator.name) in \(year), by \(breakdownLabel(breakdown)) and quarter"
            let table = CountTable(id: "breakdown-\(indicator.key)-\(breakdown)", title: title,
                                   rowLabels: groups.map { groupLabel($0, breakdown: breakdown) },
                                   columnLabels: year.quarters.map { "Q\($0.number.rawValue)" },
                                   cells: cells, showsRowTotals: true, showsColumnTotals: true, figureKeys: keys,
                                   // The quarter's total is the same figure in every breakdown, so a total hidden in one is hidden in all.
                                   columnTotalKeys: quarters.map { "\(indicator.key)|all|\($0)" }, grandTotalKey: "\(indicator.key)|all|\(year)")
            builder.countTables.append((.scrutiny, table, sources, FigureSource(.indicator, reference: indicator.key, label: "Indicator \(indicator.name)")))
        }
    }

    static func breakdownLabel(_ breakdown: String) -> String {
        switch breakdown {
        case "imd_decile": "deprivation decile (1 is most deprived)"
        case "age_band": "age"
        default: breakdown
        }
    }

    static func groupLabel(_ group: String, breakdown: String) -> String {
        switch breakdown {
        case "imd_decile": "Decile \(group)"
        case "gender": group.prefix(1).uppercased() + group.dropFirst()
        default: group
        }
    }
}
