import Foundation

/// How much higher (or lower) the rate is in one group — children in the most deprived areas,
/// say — than in the rest, with a 95% confidence interval so small numbers are not over-read.
public struct RateComparison: Sendable, Equatable {
    public let groupRate: Double
    public let comparisonRate: Double
    /// Group rate ÷ comparison rate; nil when the comparison rate is 0.
    public let ratio: Double?
    /// The interval is nil when either count is 0: the log method cannot give one.
    public let lower95: Double?
    public let upper95: Double?

    /// True when the interval leaves out 1, so the difference is unlikely to be chance alone.
    public var isSignificant: Bool {
        guard let lower95, let upper95 else { return false }
        return lower95 > 1 || upper95 < 1
    }

    /// "2.3 times the rate elsewhere (95% CI 1.8 to 2.9)", or "too few to tell".
    public var description: String {
        guard let ratio, let lower95, let upper95 else { return "too few to tell" }
        return "\(Self.oneDecimal(ratio)) times the rate elsewhere (95% CI \(Self.oneDecimal(lower95)) to \(Self.oneDecimal(upper95)))"
    }

    private static func oneDecimal(_ value: Double) -> String {
        String(format: "%.1f", Rate.dfeRounded(value))
    }

    /// Compares the group's rate with the rest's: the ratio of the two rates, and its 95%
    /// interval by the log method (standard error of ln(ratio) = √(1/a + 1/b), where a and b
    /// are the two counts). Nil when a population is not positive or a count is negative.
    public static func compare(groupCount: Int, groupPopulation: Double, restCount: Int, restPopulation: Double, per: Double = 10_000) -> RateComparison? {
        guard groupPopulation > 0, restPopulation > 0, groupCount >= 0, restCount >= 0 else { return nil }
        let groupRate = Double(groupCount) / groupPopulation * per
        let comparisonRate = Double(restCount) / restPopulation * per
        guard restCount > 0 else {
            return RateComparison(groupRate: groupRate, comparisonRate: comparisonRate, ratio: nil, lower95: nil, upper95: nil)
        }
        let ratio = groupRate / comparisonRate
        guard groupCount > 0 else {
            return RateComparison(groupRate: groupRate, comparisonRate: comparisonRate, ratio: ratio, lower95: nil, upper95: nil)
        }
        let margin = RateInterval.z95 * (1 / Double(groupCount) + 1 / Double(restCount)).squareRoot()
        return RateComparison(
            groupRate: groupRate, comparisonRate: comparisonRate, ratio: ratio,
            lower95: exp(log(ratio) - margin), upper95: exp(log(ratio) + margin)
        )
    }
}
