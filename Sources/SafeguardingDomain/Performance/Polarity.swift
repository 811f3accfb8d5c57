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

/// The direction of travel between two periods, judged against the indicator's polarity.
public enum Direction: String, Sendable {
    case improving
    case worsening
    case noChange = "no_change"
    /// A value is missing, or the indicator has no better direction.
    case notJudged = "not_judged"

    public var label: String {
        switch self {
        case .improving: "Improving"
        case .worsening: "Worsening"
        case .noChange: "No change"
        case .notJudged: "Not judged"
        }
    }
}

extension Polarity {
    /// Compares the latest value with the previous one. A change no bigger than `tolerance`
    /// counts as no change, so rounding noise is not reported as a trend. An indicator with
    /// no better direction can still be unchanged, but any change is not judged.
    public static func direction(previous: Double?, latest: Double?, polarity: Polarity, tolerance: Double = 0) -> Direction {
        guard let previous, let latest else { return .notJudged }
        let change = latest - previous
        if abs(change) <= tolerance { return .noChange }
        switch polarity {
        case .higherIsBetter: return change > 0 ? .improving : .worsening
        case .lowerIsBetter: return change < 0 ? .improving : .worsening
        case .neither: return .notJudged
        }
    }
}
