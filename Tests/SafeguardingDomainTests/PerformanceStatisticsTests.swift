import Testing
@testable import SafeguardingDomain

// Expected values were worked out independently of this code: the XmR limits and signals with
// a brute-force Python script of the rules (and the first chart's limits again by hand), the
// rates and intervals with Python's math module, checked against scipy's exact chi-square
// interval where noted.

/// True when `value` is within `tolerance` of `expected`.
private func isClose(_ value: Double?, _ expected: Double, within tolerance: Double = 1e-6) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
}

/// Points labelled by quarter from Q1 2021-22 onwards, as a chart's axis would show them.
private func quarterly(_ values: [Double]) -> [XmRChart.Point] {
    values.enumerated().map { index, value in
        let year = ReportingYear(startYear: 2021 + index / 4)
        return XmRChart.Point(label: "Q\(index % 4 + 1) \(year)", value: value)
    }
}

private func xmrChart(_ values: [Double]) -> XmRChart {
    XmRChart(points: quarterly(values))
}

private func runSignals(_ chart: XmRChart) -> [XmRChart.Signal] {
    chart.signals.filter { if case .runOnOneSide = $0 { true } else { false } }
}

@Suite("Polarity and direction of travel")
struct PolarityTests {
    @Test("Polarity is stored as text and labelled for screens")
    func polarity() {
        #expect(Polarity.allCases.map(\.rawValue) == ["higher_is_better", "lower_is_better", "neither"])
        #expect(Polarity.higherIsBetter.label == "Higher is better")
        #expect(Polarity.lowerIsBetter.label == "Lower is better")
        #expect(Polarity(rawValue: "lower_is_better") == .lowerIsBetter)
    }

    @Test("Directions are labelled for screens and stored as text")
    func directionLabels() {
        #expect([Direction.improving, .worsening, .noSignal, .notJudged].map(\.label) == ["Improving", "Worsening", "No signal", "Not judged"])
        #expect(Direction.noSignal.rawValue == "no_signal")
        #expect(Direction.notJudged.rawValue == "not_judged")
    }
}

@Suite("XmR control charts")
struct XmRChartTests {
    @Test("Limits are the mean plus or minus 2.66 average moving ranges")
    func limits() {
        // By hand: the values sum to 4298.7, so the mean is 358.225; the 11 moving ranges sum
        // to 158.4, so their average is 14.4; 2.66 × 14.4 = 38.304.
        let chart = xmrChart([352.4, 361.0, 348.7, 370.2, 359.9, 344.1, 366.8, 357.3, 362.5, 349.0, 371.6, 355.2])

        #expect(chart.hasEnoughPoints)
        #expect(isClose(chart.mean, 358.225))
        #expect(isClose(chart.averageMovingRange, 14.4))
        #expect(isClose(chart.upperLimit, 396.529))
        #expect(isClose(chart.lowerLimit, 319.921))
        #expect(isClose(chart.lowerLimit(flooredAt: 0), 319.921))
        #expect(chart.signals.isEmpty)
    }

    @Test("With fewer than 12 points there are no limits and no signals")
    func tooFewPoints() {
        let chart = xmrChart([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50])

        #expect(XmRChart.minimumPoints == 12)
        #expect(!chart.hasEnoughPoints)
        #expect(chart.points.count == 11)
        #expect(chart.mean == nil)
        #expect(chart.averageMovingRange == nil)
        #expect(chart.upperLimit == nil)
        #expect(chart.lowerLimit == nil)
        #expect(chart.lowerLimit(flooredAt: 0) == nil)
        #expect(chart.signals.isEmpty)
    }

    @Test("A lower limit below zero is kept as computed and can be floored at zero")
    func negativeLowerLimit() {
        // Mean 28 / 12 = 2.3333; moving ranges sum to 32, average 2.9091; 2.3333 − 7.7382 = −5.4048.
        let chart = xmrChart([1, 4, 0, 3, 2, 5, 1, 0, 2, 6, 1, 3])

        #expect(isClose(chart.lowerLimit, -5.404848))
        #expect(chart.lowerLimit(flooredAt: 0) == 0)
        #expect(isClose(chart.upperLimit, 10.071515))
    }

    @Test("A point beyond a limit is a signal on that side")
    func outsideLimits() {
        // Limits 4.85 to 40.15 with the high point, 4.17 to 33.67 with the low one.
        let high = xmrChart([20, 22, 19, 21, 20, 23, 18, 21, 45, 20, 22, 19])
        let low = xmrChart([20, 22, 19, 21, 20, 23, 18, 21, 2, 20, 22, 19])

        #expect(high.signals == [.outsideLimits(index: 8, above: true)])
        #expect(low.signals == [.outsideLimits(index: 8, above: false)])
        #expect(high.signals.first?.indices == [8])
        #expect(high.signals.first?.isUpward == true)
    }

    @Test("Seven points in a row on one side of the average is a run")
    func runs() {
        // Mean 10; two sigma is 7.82 to 12.18, so nothing is near a limit.
        let chart = xmrChart([12, 11, 12, 11, 12, 11, 12, 8, 9, 8, 9, 8, 9, 8])

        #expect(chart.signals == [
            .runOnOneSide(indices: 0...6, above: true),
            .runOnOneSide(indices: 7...13, above: false),
        ])
    }

    @Test("A longer run is reported once, from its first point to its last")
    func maximalRun() {
        let chart = xmrChart([12, 11, 12, 11, 12, 11, 12, 11, 12, 8, 9, 8, 9])

        #expect(runSignals(chart) == [.runOnOneSide(indices: 0...8, above: true)])
    }

    @Test("A point exactly on the average breaks a run")
    func pointOnAverage() {
        // Both means are exactly 10 (140 / 14). The 10 at index 3 splits eight low points into 3 and 4.
        let broken = xmrChart([8, 9, 8, 10, 9, 8, 9, 8, 12, 11, 12, 12, 12, 12])
        let unbroken = xmrChart([8, 9, 8, 9, 9, 8, 9, 8, 12, 11, 12, 12, 12, 13])

        #expect(broken.mean == 10)
        #expect(unbroken.mean == 10)
        #expect(runSignals(broken).isEmpty)
        #expect(runSignals(unbroken) == [.runOnOneSide(indices: 0...7, above: false)])
    }

    @Test("Seven points each higher than the one before is a rising trend")
    func risingTrend() {
        let chart = xmrChart([12, 8, 13, 7, 12, 8, 9, 10, 11, 12, 13, 14, 9, 12])

        #expect(chart.signals == [.trend(indices: 5...11, rising: true)])
        #expect(chart.signals.first?.indices == [5, 6, 7, 8, 9, 10, 11])
    }

    @Test("A tie, or only six points rising, is not a trend")
    func notATrend() {
        let tie = xmrChart([12, 8, 13, 7, 12, 8, 9, 10, 10, 12, 13, 14, 9, 12])
        let sixPoints = xmrChart([12, 8, 13, 7, 12, 8, 9, 10, 11, 12, 13, 9, 12, 8])

        #expect(tie.signals.isEmpty)
        #expect(sixPoints.signals.isEmpty)
    }

    @Test("Seven points each lower than the one before is a falling trend")
    func fallingTrend() {
        let chart = xmrChart([12, 8, 13, 7, 12, 14, 13, 12, 11, 10, 9, 8, 12, 8])

        #expect(chart.signals == [.trend(indices: 5...11, rising: false)])
        #expect(chart.signals.first?.isUpward == false)
    }

    @Test("Two out of three points beyond two sigma on the same side are near the limit")
    func nearLimit() {
        // Mean 10, average moving range 1.6875: two sigma is 7.008 to 12.992, limits 5.51 to 14.49.
        let chart = xmrChart([10, 10, 11, 10, 9, 10, 11, 10, 13, 10, 13, 10, 10, 9, 7, 10, 7])

        #expect(chart.signals == [
            .nearLimit(indices: 8...10, above: true),
            .nearLimit(indices: 14...16, above: false),
        ])
        #expect(chart.signals.first?.indices == [8, 9, 10])
    }

    @Test("Overlapping windows near a limit are merged into one signal")
    func nearLimitMerged() {
        // Two sigma above is 13.42; the 14s at 8, 9 and 11 fall in three overlapping windows.
        let chart = xmrChart([10, 10, 11, 10, 9, 10, 11, 10, 14, 14, 10, 14, 10, 9, 10, 10, 9])

        #expect(chart.signals == [.nearLimit(indices: 8...11, above: true)])
    }

    @Test("Signals are described in plain English with the points' labels")
    func descriptions() {
        let run = xmrChart([12, 11, 12, 11, 12, 11, 12, 8, 9, 8, 9, 8, 9, 8])
        let spike = xmrChart([20, 22, 19, 21, 20, 23, 18, 21, 45, 20, 22, 19])
        let trend = xmrChart([12, 8, 13, 7, 12, 8, 9, 10, 11, 12, 13, 14, 9, 12])
        let near = xmrChart([10, 10, 11, 10, 9, 10, 11, 10, 14, 14, 10, 14, 10, 9, 10, 10, 9])

        #expect(run.signals.map(run.description(of:)) == [
            "7 points in a row above the average (Q1 2021-22 to Q3 2022-23)",
            "7 points in a row below the average (Q4 2022-23 to Q2 2024-25)",
        ])
        #expect(spike.signals.map(spike.description(of:)) == ["A point above the upper limit (Q1 2023-24)"])
        #expect(trend.signals.map(trend.description(of:)) == ["7 points in a row, each higher than the one before (Q2 2022-23 to Q4 2023-24)"])
        #expect(near.signals.map(near.description(of:)) == ["2 out of 3 points in a row near or beyond the upper limit (Q1 2023-24 to Q4 2023-24)"])
    }

    @Test("A signal on its own says which rule fired, without when")
    func signalDescriptions() {
        #expect(XmRChart.Signal.outsideLimits(index: 3, above: false).description == "A point below the lower limit")
        #expect(XmRChart.Signal.runOnOneSide(indices: 2...10, above: false).description == "9 points in a row below the average")
        #expect(XmRChart.Signal.trend(indices: 0...7, rising: false).description == "8 points in a row, each lower than the one before")
        #expect(XmRChart.Signal.nearLimit(indices: 4...6, above: false).description == "2 out of 3 points in a row near or beyond the lower limit")
    }

    @Test("Which signals are bad news depends on the indicator's polarity")
    func unfavourable() {
        let chart = xmrChart([10, 10, 11, 10, 9, 10, 11, 10, 13, 10, 13, 10, 10, 9, 7, 10, 7])
        let upward = XmRChart.Signal.nearLimit(indices: 8...10, above: true)
        let downward = XmRChart.Signal.nearLimit(indices: 14...16, above: false)

        #expect(chart.unfavourableSignals(for: .higherIsBetter) == [downward])
        #expect(chart.unfavourableSignals(for: .lowerIsBetter) == [upward])
        #expect(chart.unfavourableSignals(for: .neither).isEmpty)
        #expect(chart.signals == [upward, downward])
    }
}

@Suite("Rates per 10,000 children")
struct RateTests {
    @Test("Calderdale's children in need rate for 2025 is 360.1 per 10,000")
    func calderdale() {
        // 1625 children in need at 31 March 2025; 45,130 children aged 0-17 in mid-2024.
        let rate = Rate.perTenThousand(count: 1625, population: 45130)

        #expect(isClose(rate, 360.070906))
        #expect(rate.map(Rate.dfeRounded) == 360.1)
    }

    @Test("There is no rate without a population")
    func noPopulation() {
        #expect(Rate.perTenThousand(count: 12, population: 0) == nil)
        #expect(Rate.perTenThousand(count: 12, population: -5) == nil)
    }

    @Test("DfE rounding is half up to one decimal place", arguments: [
        (12.25, 12.3), (360.05, 360.1), (0.15, 0.2), (99.95, 100.0), (12.249, 12.2), (0.04, 0.0), (360.0709, 360.1),
    ])
    func dfeRounding(value: Double, rounded: Double) {
        #expect(Rate.dfeRounded(value) == rounded)
    }

    @Test("A rate's 95% interval comes from Byar's approximation to the Poisson")
    func poissonInterval() throws {
        // 25 in 45,130: Byar's gives 3.5839 to 8.1778 per 10,000; the exact chi-square
        // interval is 3.5849 to 8.1775, so the approximation is good to the published decimal.
        let interval = try #require(Rate.poissonInterval(count: 25, population: 45130))

        #expect(isClose(interval.rate, 5.539552))
        #expect(isClose(interval.lower, 3.583928))
        #expect(isClose(interval.upper, 8.177809))
    }

    @Test("A count of zero has the exact interval, from zero")
    func zeroCount() throws {
        // Exact upper bound for a zero count: −ln(0.025) = 3.68888 events, per 45,130 children.
        let interval = try #require(Rate.poissonInterval(count: 0, population: 45130))

        #expect(interval.rate == 0)
        #expect(interval.lower == 0)
        #expect(isClose(interval.upper, 0.817390))
    }

    @Test("There is no interval without a population or with a negative count")
    func noInterval() {
        #expect(Rate.poissonInterval(count: 5, population: 0) == nil)
        #expect(Rate.poissonInterval(count: -1, population: 45130) == nil)
    }
}

@Suite("Disproportionality")
struct RateComparisonTests {
    @Test("60 in 10,000 against 100 in 40,000 is 2.4 times the rate, and significant")
    func higherRate() throws {
        // ln(2.4) ± 1.96 × √(1/60 + 1/100) gives 1.7427 to 3.3053.
        let comparison = try #require(RateComparison.compare(groupCount: 60, groupPopulation: 10_000, restCount: 100, restPopulation: 40_000))

        #expect(comparison.groupRate == 60)
        #expect(comparison.comparisonRate == 25)
        #expect(isClose(comparison.ratio, 2.4))
        #expect(isClose(comparison.lower95, 1.742652))
        #expect(isClose(comparison.upper95, 3.305308))
        #expect(comparison.isSignificant)
        #expect(comparison.description == "2.4 times the rate elsewhere (95% CI 1.7 to 3.3)")
    }

    @Test("An interval that includes 1 is not significant")
    func notSignificant() throws {
        // 6 in 1,000 against 40 in 10,000: 1.5, interval 0.636 to 3.538.
        let comparison = try #require(RateComparison.compare(groupCount: 6, groupPopulation: 1_000, restCount: 40, restPopulation: 10_000))

        #expect(isClose(comparison.ratio, 1.5))
        #expect(isClose(comparison.lower95, 0.635971))
        #expect(!comparison.isSignificant)
        #expect(comparison.description == "1.5 times the rate elsewhere (95% CI 0.6 to 3.5)")
    }

    @Test("A lower rate is significant when the whole interval is below 1")
    func lowerRate() throws {
        // 20 in 10,000 against 300 in 50,000: a third, interval 0.212 to 0.524.
        let comparison = try #require(RateComparison.compare(groupCount: 20, groupPopulation: 10_000, restCount: 300, restPopulation: 50_000))

        #expect(isClose(comparison.upper95, 0.524150))
        #expect(comparison.isSignificant)
        #expect(comparison.description == "0.3 times the rate elsewhere (95% CI 0.2 to 0.5)")
    }

    @Test("With a count of zero on either side it is too few to tell")
    func zeroCounts() throws {
        let noneInGroup = try #require(RateComparison.compare(groupCount: 0, groupPopulation: 1_000, restCount: 40, restPopulation: 10_000))
        let noneElsewhere = try #require(RateComparison.compare(groupCount: 6, groupPopulation: 1_000, restCount: 0, restPopulation: 10_000))

        #expect(noneInGroup.ratio == 0)
        #expect(noneInGroup.lower95 == nil && noneInGroup.upper95 == nil)
        #expect(!noneInGroup.isSignificant)
        #expect(noneInGroup.description == "too few to tell")
        #expect(noneElsewhere.groupRate == 60)
        #expect(noneElsewhere.ratio == nil)
        #expect(noneElsewhere.description == "too few to tell")
    }

    @Test("There is no comparison without both populations")
    func noPopulation() {
        #expect(RateComparison.compare(groupCount: 6, groupPopulation: 0, restCount: 40, restPopulation: 10_000) == nil)
        #expect(RateComparison.compare(groupCount: 6, groupPopulation: 1_000, restCount: 40, restPopulation: -1) == nil)
    }
}
