/// A statistical process control chart of individual values and their moving ranges (XmR),
/// the kind NHS "Making Data Count" uses. It separates the ordinary ups and downs of an
/// indicator from a change worth asking about, so the Executive is not sent chasing noise.
public struct XmRChart: Sendable {
    public struct Point: Sendable, Equatable {
        /// What the point is, as the chart's axis shows it ("Q1 2023-24").
        public let label: String
        public let value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// Fewer points give limits too unsteady to trust, so we show none rather than invent them.
    public static let minimumPoints = 12

    /// 3 ÷ 1.128: three standard deviations, estimated from the average moving range of two points.
    static let limitFactor = 2.66

    public let points: [Point]
    /// Nil, with everything else below, when there are fewer than `minimumPoints` points.
    public let mean: Double?
    public let averageMovingRange: Double?
    /// Mean + 2.66 × average moving range.
    public let upperLimit: Double?
    /// Mean − 2.66 × average moving range, kept as computed even below zero so the chart
    /// stays symmetric; use `lowerLimit(flooredAt:)` for a count or rate that cannot go negative.
    public let lowerLimit: Double?
    /// Grouped by rule (outside the limits, runs, trends, near a limit), each rule's in time order.
    public let signals: [Signal]

    public init(points: [Point]) {
        self.points = points
        guard points.count >= Self.minimumPoints else {
            (mean, averageMovingRange, upperLimit, lowerLimit) = (nil, nil, nil, nil)
            signals = []
            return
        }
        let values = points.map(\.value)
        let mean = values.reduce(0, +) / Double(values.count)
        let movingRanges = zip(values.dropFirst(), values).map { abs($0 - $1) }
        let averageMovingRange = movingRanges.reduce(0, +) / Double(movingRanges.count)
        let upperLimit = mean + Self.limitFactor * averageMovingRange
        let lowerLimit = mean - Self.limitFactor * averageMovingRange
        self.mean = mean
        self.averageMovingRange = averageMovingRange
        self.upperLimit = upperLimit
        self.lowerLimit = lowerLimit
        signals = Self.signals(in: values, mean: mean, upperLimit: upperLimit, lowerLimit: lowerLimit)
    }

    public var hasEnoughPoints: Bool { points.count >= Self.minimumPoints }

    /// The lower limit raised to `floor` (usually 0) where it falls below it.
    public func lowerLimit(flooredAt floor: Double) -> Double? {
        lowerLimit.map { max($0, floor) }
    }

    /// The signals that are bad news for an indicator of this polarity. An indicator with no
    /// better direction has none, though its signals are still worth showing.
    public func unfavourableSignals(for polarity: Polarity) -> [Signal] {
        switch polarity {
        case .higherIsBetter: signals.filter { !$0.isUpward }
        case .lowerIsBetter: signals.filter(\.isUpward)
        case .neither: []
        }
    }
}

extension XmRChart {
    /// A pattern unlikely to arise by chance if nothing had changed. Indices are positions in `points`.
    public enum Signal: Sendable, Equatable {
        /// A point beyond the upper or lower limit.
        case outsideLimits(index: Int, above: Bool)
        /// Seven or more points in a row strictly on one side of the mean.
        case runOnOneSide(indices: ClosedRange<Int>, above: Bool)
        /// Seven or more points in a row, each strictly higher (or lower) than the one before.
        case trend(indices: ClosedRange<Int>, rising: Bool)
        /// Two out of three points in a row beyond two standard deviations on the same side,
        /// with overlapping windows merged; the range runs from the first such point to the last.
        case nearLimit(indices: ClosedRange<Int>, above: Bool)

        /// The points the signal covers, for highlighting on the chart.
        public var indices: [Int] {
            switch self {
            case .outsideLimits(let index, _): [index]
            case .runOnOneSide(let range, _), .trend(let range, _), .nearLimit(let range, _): Array(range)
            }
        }

        public var isUpward: Bool {
            switch self {
            case .outsideLimits(_, let above), .runOnOneSide(_, let above), .nearLimit(_, let above): above
            case .trend(_, let rising): rising
            }
        }

        /// The rule that fired, in plain English: "7 points in a row above the average". A signal
        /// does not know its points' labels; `XmRChart.description(of:)` adds when it happened.
        public var description: String {
            switch self {
            case .outsideLimits(_, let above):
                "A point \(above ? "above the upper" : "below the lower") limit"
            case .runOnOneSide(let range, let above):
                "\(range.count) points in a row \(above ? "above" : "below") the average"
            case .trend(let range, let rising):
                "\(range.count) points in a row, each \(rising ? "higher" : "lower") than the one before"
            case .nearLimit(_, let above):
                "2 out of 3 points in a row near or beyond the \(above ? "upper" : "lower") limit"
            }
        }
    }

    /// One of this chart's signals in plain English, with when it happened in the points' labels:
    /// "7 points in a row above the average (Q1 2022-23 to Q3 2023-24)".
    public func description(of signal: Signal) -> String {
        guard let first = signal.indices.first, let last = signal.indices.last else { return signal.description }
        let when = first == last ? points[first].label : "\(points[first].label) to \(points[last].label)"
        return "\(signal.description) (\(when))"
    }

    /// Two sigma is two thirds of the way from the mean to the limit.
    private static func isBeyondTwoSigma(_ value: Double, above: Bool, mean: Double, upperLimit: Double, lowerLimit: Double) -> Bool {
        above ? value > mean + (upperLimit - mean) * 2 / 3 : value < mean - (mean - lowerLimit) * 2 / 3
    }

    private static let runLength = 7

    private static func signals(in values: [Double], mean: Double, upperLimit: Double, lowerLimit: Double) -> [Signal] {
        var signals: [Signal] = []
        for (index, value) in values.enumerated() where value > upperLimit || value < lowerLimit {
            signals.append(.outsideLimits(index: index, above: value > upperLimit))
        }

        // A point exactly on the mean belongs to neither side, so it breaks a run.
        let sides: [Bool?] = values.map { $0 == mean ? nil : $0 > mean }
        for (range, above) in stretches(of: sides, minimumLength: runLength) {
            signals.append(.runOnOneSide(indices: range, above: above))
        }

        // One step per pair of neighbours; 7 points make 6 steps. A tie breaks the trend.
        let steps: [Bool?] = zip(values.dropFirst(), values).map { $0 == $1 ? nil : $0 > $1 }
        for (range, rising) in stretches(of: steps, minimumLength: runLength - 1) {
            signals.append(.trend(indices: range.lowerBound...(range.upperBound + 1), rising: rising))
        }

        for above in [true, false] {
            var merged: [ClosedRange<Int>] = []
            for start in 0...(values.count - 3) {
                let hits = (start...start + 2).filter {
                    isBeyondTwoSigma(values[$0], above: above, mean: mean, upperLimit: upperLimit, lowerLimit: lowerLimit)
                }
                guard hits.count >= 2, let first = hits.first, let last = hits.last else { continue }
                if let previous = merged.last, previous.upperBound >= first {
                    merged[merged.count - 1] = previous.lowerBound...last
                } else {
                    merged.append(first...last)
                }
            }
            signals += merged.map { .nearLimit(indices: $0, above: above) }
        }
        return signals
    }

    /// The longest stretches of neighbours sharing the same key, at least `minimumLength` long;
    /// a nil key belongs to no stretch.
    private static func stretches(of keys: [Bool?], minimumLength: Int) -> [(ClosedRange<Int>, Bool)] {
        guard !keys.isEmpty else { return [] }
        var result: [(ClosedRange<Int>, Bool)] = []
        var start = 0
        for index in 1...keys.count where index == keys.count || keys[index] != keys[start] {
            if let key = keys[start], index - start >= minimumLength {
                result.append((start...(index - 1), key))
            }
            start = index
        }
        return result
    }
}
