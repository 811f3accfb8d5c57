/// Which way an indicator should move. It decides whether a change or a signal on a
/// control chart is good news or bad; some indicators (referrals, say) are neither.
public enum Polarity: String, CaseIterable, Codable, Sendable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    case neither

    public var label: String {
        switch self {
        case .higherIsBetter: "Higher is better"
        case .lowerIsBetter: "Lower is better"
        case .neither: "Neither higher nor lower is better"
        }
    }
}

/// The direction of travel between two periods, judged against the indicator's polarity by
/// `IndicatorJudgement` (the one place it is decided).
public enum Direction: String, Sendable {
    case improving
    case worsening
    /// The two values differ by no more than chance alone could make them differ: not a trend.
    case noSignal = "no_signal"
    /// A value is missing, or the indicator has no better direction.
    case notJudged = "not_judged"

    public var label: String {
        switch self {
        case .improving: "Improving"
        case .worsening: "Worsening"
        case .noSignal: "No signal"
        case .notJudged: "Not judged"
        }
    }
}
