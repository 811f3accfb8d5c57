import Foundation

/// The one judgement of an indicator's latest figure: its direction of travel and its position
/// against England, each with the sentence that says it. The indicator's page, the dataset list
/// and the yearly report all show this value, so they can never disagree.
///
/// The rules, stated once:
/// - **Which figures.** The latest period of the local headline series whose last day is on or
///   before `asAt` (today for the pages, the reporting year's end for the report, so a value
///   dated after the year is never used), against **the same period a year before**: the same
///   quarter of the year before for a quarterly series, the year before for a yearly one. Seasons
///   repeat from year to year, so comparing like with like keeps a summer peak from passing
///   for a trend.
/// - **Is the change a signal?** A change that chance alone could give is "no signal", never a
///   trend. For counts (the `count` unit, or any unit whose numerators are known) the two counts
///   are compared as two Poisson counts: a change is a signal when it is more than 1.96 standard
///   errors (a two-sided 95% test): |a − b| > 1.96 · √(a + b), or for rates with known
///   denominators |a/m − b/n| > 1.96 · √(a/m² + b/n²). For values without counts, see
///   `relativeTolerance`.
/// - **Direction.** A signal is improving or worsening by the indicator's polarity; an
///   indicator with no better direction is not judged, nor is one missing either value.
/// - **Against England.** England's value for the same period as the local one, never for
///   another period, and never for a count: a local count against the national count says
///   nothing. Values equal to the shown precision are "the same".
public struct IndicatorJudgement: Sendable, Equatable {
    /// One value of a series: its period, the value, and the counts behind it if known.
    public struct Point: Sendable, Equatable {
        public let period: Period
        public let value: Double
        public let numerator: Double?
        public let denominator: Double?

        public init(period: Period, value: Double, numerator: Double? = nil, denominator: Double? = nil) {
            self.period = period
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// Where the local value stands against England's for the same period.
    public enum Position: String, Sendable {
        case better, worse, same
        /// For an indicator with no better direction.
        case above, below
        /// England's figure is a national count, or England has no value for the period.
        case noComparator = "no_comparator"

        public var label: String {
            switch self {
            case .better: "Better than England"
            case .worse: "Worse than England"
            case .same: "Same as England"
            case .above: "Above England"
            case .below: "Below England"
            case .noComparator: "No comparator"
            }
        }
    }

    /// The largest relative change (2%) that is "no signal" for a value whose counts are not known,
    /// such as a published rate or percentage. Such values come rounded to one decimal place and
    /// rest on population estimates that ONS revises by about 1% from one release to the next,
    /// so a change of 2% or less is within what rounding and revision alone can move; and a rate
    /// of a few hundred per 10,000 moving by less than 2% is within the chance variation of the
    /// counts behind it (√300 / 300 ≈ 6% at one standard error).
    public static let relativeTolerance = 0.02

    /// The two-sided 95% normal quantile.
    public static let z95 = 1.959963984540054

    public let polarity: Polarity
    public let unit: String
    /// The latest local value up to the day judged as at; nil when there is none.
    public let latest: Point?
    /// The period compared with: the same period a year before the latest.
    public let comparisonPeriod: Period?
    /// The local value of the comparison period; nil when there is none.
    public let comparison: Point?
    public let direction: Direction
    /// "Worsening: 14.2% in Q3 2023-24 against 12.1% in Q3 2022-23", as page and report show it.
    public let directionSentence: String
    /// England's value for the latest period, when one is compared.
    public let england: Point?
    public let position: Position
    /// "Better than England: 12.1% against 14.0% in 2023-24" or "No comparator: …".
    public let positionSentence: String

    /// Judges the local series as at `asAt`. `local` is the headline series (all children) and
    /// `england` England's series; neither needs to be in order.
    public init(polarity: Polarity, unit: String, local: [Point], england: [Point], asAt: CalendarDate) {
        self.polarity = polarity
        self.unit = unit
        let latest = local.filter { $0.period.lastDay <= asAt }.max { $0.period < $1.period }
        self.latest = latest
        comparisonPeriod = latest?.period.yearBefore
        let comparison = latest.flatMap { latest in local.first { $0.period == latest.period.yearBefore } }
        self.comparison = comparison
        let format = { (value: Double) in Self.format(value, unit: unit) }

        if let latest, let comparison {
            let figures = "\(format(latest.value)) in \(latest.period.label) against \(format(comparison.value)) in \(comparison.period.label)"
            if !Self.isSignal(latest, against: comparison, unit: unit) {
                direction = .noSignal
                directionSentence = "No signal: \(figures), a difference chance alone could give"
            } else if polarity == .neither {
                direction = .notJudged
                directionSentence = "Not judged: \(figures); neither higher nor lower is better"
            } else {
                let better = (latest.value > comparison.value) == (polarity == .higherIsBetter)
                direction = better ? .improving : .worsening
                directionSentence = "\(direction.label): \(figures)"
            }
        } else if let latest {
            direction = .notJudged
            directionSentence = "Not judged: no value for \(latest.period.yearBefore.label) to compare with \(format(latest.value)) in \(latest.period.label)"
        } else {
            direction = .notJudged
            directionSentence = "Not judged: no value up to \(asAt.long)"
        }

        let englandValue = latest.flatMap { latest in england.first { $0.period == latest.period } }
        if unit == "count" {
            self.england = nil
            position = .noComparator
            positionSentence = "No comparator: England's figure is a national count, not comparable with a local one"
        } else if let latest, let englandValue {
            self.england = englandValue
            let (local, national) = (format(latest.value), format(englandValue.value))
            if local == national {
                position = .same
                positionSentence = "Same as England: \(local) in \(latest.period.label)"
            } else {
                let higher = latest.value > englandValue.value
                position = switch polarity {
                case .higherIsBetter: higher ? .better : .worse
                case .lowerIsBetter: higher ? .worse : .better
                case .neither: higher ? .above : .below
                }
                positionSentence = "\(position.label): \(local) against \(national) in \(latest.period.label)"
            }
        } else {
            self.england = nil
            position = .noComparator
            positionSentence = latest.map { "No comparator: England has no value for \($0.period.label)" } ?? "No comparator: no local value yet"
        }
    }

    /// "Q4 2023-24 against Q4 2022-23": the two periods compared, once there is a latest value.
    public var comparedPeriods: String? {
        guard let latest else { return nil }
        return "\(latest.period.label) against \(latest.period.yearBefore.label)"
    }

    /// Whether the change from `comparison` to `latest` is more than chance alone could give (see
    /// the type's rules).
    public static func isSignal(_ latest: Point, against comparison: Point, unit: String) -> Bool {
        if unit == "count" { return poissonSignal(latest.value, comparison.value) }
        if let a = latest.numerator, let b = comparison.numerator {
            guard let m = latest.denominator, let n = comparison.denominator, m > 0, n > 0 else { return poissonSignal(a, b) }
            let standardError = (max(0, a) / (m * m) + max(0, b) / (n * n)).squareRoot()
            return abs(a / m - b / n) > z95 * standardError
        }
        guard comparison.value != 0 else { return latest.value != 0 }
        return abs(latest.value - comparison.value) / abs(comparison.value) > relativeTolerance
    }

    /// Two counts differ by more than chance: |a − b| > 1.96 · √(a + b).
    static func poissonSignal(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) > z95 * (max(0, a) + max(0, b)).squareRoot()
    }

    /// A value as page and report print it: a count grouped by thousands, a percentage and a rate
    /// per 10,000 to one decimal place, a rate per 100 pupils to two (as DfE publishes them).
    public static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "percentage": String(format: "%.1f%%", value)
        case "rate_per_10000": String(format: "%.1f", value)
        case "rate_per_100_pupils": String(format: "%.2f", value)
        default: value == value.rounded() && abs(value) < 1e15 ? Pence.grouped(Int(value)) : String(format: "%.1f", value)
        }
    }
}
