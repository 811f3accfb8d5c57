import FluentKit
import Foundation
import SQLKit
import SafeguardingDomain

/// What the data says about one indicator: its headline series and control chart, comparators,
/// breakdowns with disproportionality, direction of travel. Built from stored values; no I/O of its own.
public struct IndicatorAnalysis: Sendable {
    public struct SeriesPoint: Sendable {
        public let period: Period
        public let value: Double
        public let numerator: Double?
        public let denominator: Double?
    }

    public struct BreakdownGroup: Sendable {
        public let group: String
        public let value: Double
        public let numerator: Double?
        public let denominator: Double?
        public let interval: RateInterval?
    }

    public struct BreakdownView: Sendable {
        public let breakdown: Breakdown
        public let period: Period
        public let groups: [BreakdownGroup]
        /// Values are rates per 10,000 (every group has a denominator) rather than counts.
        public var isRate: Bool { groups.allSatisfy { $0.interval != nil } }
        /// For IMD deciles: the most deprived decile against the other nine together.
        public let mostDeprivedComparison: RateComparison?
    }

    public let polarity: Polarity
    /// The local, all-children series at its most frequent period kind (quarters when there are any).
    public let headline: [SeriesPoint]
    public let chart: XmRChart
    /// Each comparator series (local first) over the periods that have comparator values.
    public let comparatorPeriods: [Period]
    public let comparators: [(series: Series, values: [Double?])]
    public let breakdowns: [BreakdownView]
    /// England's all-children values, every period kind, for the judgement against England.
    let england: [IndicatorJudgement.Point]

    public init(polarity: Polarity, values: [IndicatorValue]) {
        self.polarity = polarity
        let parsed: [(Period, IndicatorValue)] = values.compactMap { value in Period(value.period).map { ($0, value) } }
        let local = parsed.filter { $0.1.series == Series.local.rawValue && $0.1.breakdown == Breakdown.all.rawValue }
        let kinds = Dictionary(grouping: local, by: { $0.0.kind })
        let headlineKind: PeriodKind? = kinds[.quarter].map { _ in .quarter } ?? IndicatorAnalysis.mostFrequent(kinds)
        headline = local.filter { $0.0.kind == headlineKind }.sorted { $0.0 < $1.0 }
            .map { SeriesPoint(period: $0.0, value: $0.1.value, numerator: $0.1.numerator, denominator: $0.1.denominator) }
        chart = XmRChart(points: headline.map { XmRChart.Point(label: $0.period.label, value: $0.value) })

        england = parsed.filter { $0.1.series == Series.england.rawValue && $0.1.breakdown == Breakdown.all.rawValue }
            .map { IndicatorJudgement.Point(period: $0.0, value: $0.1.value, numerator: $0.1.numerator, denominator: $0.1.denominator) }

        let comparatorRows = parsed.filter { $0.1.series != Series.local.rawValue && $0.1.breakdown == Breakdown.all.rawValue }
        let comparatorKind = IndicatorAnalysis.mostFrequent(Dictionary(grouping: comparatorRows, by: { $0.0.kind }))
        let periods = Set(parsed.filter { $0.0.kind == comparatorKind && $0.1.breakdown == Breakdown.all.rawValue }.map(\.0)).sorted()
        comparatorPeriods = comparatorKind == nil ? [] : periods
        comparators = comparatorKind == nil ? [] : Series.allCases.compactMap { series in
            let rows = parsed.filter { $0.0.kind == comparatorKind && $0.1.series == series.rawValue && $0.1.breakdown == Breakdown.all.rawValue }
            guard !rows.isEmpty else { return nil }
            let byPeriod = Dictionary(rows.map { ($0.0, $0.1.value) }, uniquingKeysWith: { a, _ in a })
            return (series, periods.map { byPeriod[$0] })
        }

        breakdowns = Breakdown.allCases.filter { $0 != .all }.compactMap { breakdown in
            let rows = parsed.filter { $0.1.series == Series.local.rawValue && $0.1.breakdown == breakdown.rawValue }
            guard let latest = rows.map(\.0).max() else { return nil }
            let atLatest = rows.filter { $0.0 == latest }.map(\.1)
            // With a denominator for every group, compare rates per 10,000, not counts.
            let asRates = atLatest.allSatisfy { $0.numerator != nil && ($0.denominator ?? 0) > 0 }
            let groups = atLatest.map { row in
                BreakdownGroup(group: row.group, value: asRates ? Rate.perTenThousand(count: row.numerator!, population: row.denominator!) ?? row.value : row.value,
                               numerator: row.numerator, denominator: row.denominator,
                               interval: row.numerator.flatMap { n in row.denominator.flatMap { d in Rate.poissonInterval(count: Int(n), population: d) } })
            }.sorted { IndicatorAnalysis.order($0.group) < IndicatorAnalysis.order($1.group) }
            var comparison: RateComparison?
            if breakdown == .imdDecile, let first = groups.first(where: { $0.group == "1" }), let n1 = first.numerator, let d1 = first.denominator {
                let rest = groups.filter { $0.group != "1" }
                let restCount = rest.compactMap(\.numerator).reduce(0, +)
                let restPopulation = rest.compactMap(\.denominator).reduce(0, +)
                if rest.allSatisfy({ $0.numerator != nil && $0.denominator != nil }) {
                    comparison = RateComparison.compare(groupCount: Int(n1), groupPopulation: d1, restCount: Int(restCount), restPopulation: restPopulation)
                }
            }
            return BreakdownView(breakdown: breakdown, period: latest, groups: groups, mostDeprivedComparison: comparison)
        }
    }

    /// The period kind with the most values; a tie goes to the kind named first alphabetically, so
    /// the choice never depends on a dictionary's order.
    static func mostFrequent<T>(_ kinds: [PeriodKind: [T]]) -> PeriodKind? {
        kinds.max { ($0.value.count, $1.key.rawValue) < ($1.value.count, $0.key.rawValue) }?.key
    }

    /// Deciles sort as numbers; other groups alphabetically after them.
    static func order(_ group: String) -> (Int, String) {
        if let n = Int(group) { return (n, "") }
        return (1000, group)
    }

    public var latest: SeriesPoint? { headline.last }

    /// The direction of travel and the position against England as at `asAt` (today for a page,
    /// the year's end for the report): the one judgement both show (`IndicatorJudgement`).
    public func judgement(unit: String, asAt: CalendarDate) -> IndicatorJudgement {
        IndicatorJudgement(polarity: polarity, unit: unit,
                           local: headline.map { IndicatorJudgement.Point(period: $0.period, value: $0.value, numerator: $0.numerator, denominator: $0.denominator) },
                           england: england, asAt: asAt)
    }

    /// Unfavourable special-cause signals, each with a stable key so it raises one escalation only.
    public var unfavourableSignals: [(key: String, description: String)] {
        chart.unfavourableSignals(for: polarity).map { signal in
            let labels = signal.indices.map { chart.points[$0].label }
            return (key: "\(chart.description(of: signal))|\(labels.first ?? "")|\(labels.last ?? "")", description: chart.description(of: signal))
        }
    }
}

extension PerformanceStore {
    /// Recomputes an indicator's control chart and raises escalations for new unfavourable signals.
    /// One refresh of an indicator at a time: two imports finishing together would otherwise both
    /// find a signal new and both raise it (the second then breaking the one-per-signal key). On
    /// SQLite every transaction already queues for the one writer; on PostgreSQL the indicator's
    /// row is locked until the transaction ends.
    @discardableResult
    public static func refreshEscalations(for indicator: Indicator, on db: any Database) async throws -> Int {
        let id = try indicator.requireID()
        return try await db.transaction { tx in
            if let sql = tx as? any SQLDatabase {
                try await sql.select().column("id").from(Indicator.schema).where("id", .equal, id).for(.update).run()
            }
            let analysis = IndicatorAnalysis(polarity: Polarity(rawValue: indicator.polarity) ?? .neither, values: try await values(of: indicator, on: tx))
            return try await raiseEscalations(for: indicator, signals: analysis.unfavourableSignals, on: tx)
        }
    }
}
