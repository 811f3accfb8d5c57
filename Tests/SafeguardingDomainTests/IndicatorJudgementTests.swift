import Testing
@testable import SafeguardingDomain

// The thresholds were worked out by hand: 1.96 × √(300 + 349) = 49.93 and 1.96 × √(300 + 351)
// = 50.01, so 300 → 349 is within chance and 300 → 351 is not.

private func quarter(_ text: String) -> Period { Period(text)! }
private func point(_ period: String, _ value: Double, numerator: Double? = nil, denominator: Double? = nil) -> IndicatorJudgement.Point {
    IndicatorJudgement.Point(period: Period(period)!, value: value, numerator: numerator, denominator: denominator)
}
private let yearEnd = CalendarDate(year: 2024, month: 3, day: 31)!

private func judge(_ local: [IndicatorJudgement.Point], england: [IndicatorJudgement.Point] = [], unit: String = "count",
                   polarity: Polarity = .lowerIsBetter, asAt: CalendarDate = yearEnd) -> IndicatorJudgement {
    IndicatorJudgement(polarity: polarity, unit: unit, local: local, england: england, asAt: asAt)
}

@Suite("One judgement per indicator figure")
struct IndicatorJudgementTests {
    @Test("314 missing episodes after 316 a year before is no signal, whatever the quarter in between")
    func smallChangeIsNoSignal() {
        let judgement = judge([point("2022-23 Q4", 314), point("2023-24 Q3", 250), point("2023-24 Q4", 316)])
        #expect(judgement.direction == .noSignal)
        #expect(judgement.latest?.period == quarter("2023-24 Q4"))
        #expect(judgement.comparisonPeriod == quarter("2022-23 Q4"))
        #expect(judgement.comparison?.value == 314)
        #expect(judgement.directionSentence == "No signal: 316 in Q4 2023-24 against 314 in Q4 2022-23, a difference chance alone could give")
        #expect(judgement.comparedPeriods == "Q4 2023-24 against Q4 2022-23")
    }

    @Test("A change beyond chance is a signal, judged by the polarity", arguments: [
        (300.0, 351.0, Polarity.lowerIsBetter, Direction.worsening),
        (300, 351, .higherIsBetter, .improving),
        (351, 300, .lowerIsBetter, .improving),
        (351, 300, .higherIsBetter, .worsening),
        (300, 351, .neither, .notJudged),
        (300, 349, .lowerIsBetter, .noSignal),
        (300, 349, .neither, .noSignal),
        (0, 0, .lowerIsBetter, .noSignal),
    ] as [(Double, Double, Polarity, Direction)])
    func countSignals(before: Double, after: Double, polarity: Polarity, expected: Direction) {
        #expect(judge([point("2022-23 Q2", before), point("2023-24 Q2", after)], polarity: polarity).direction == expected)
    }

    @Test("The sentence names both figures and periods, and says why an indicator with no better direction is not judged")
    func sentences() {
        let worse = judge([point("2022-23 Q3", 12.1), point("2023-24 Q3", 14.2)], unit: "percentage")
        #expect(worse.directionSentence == "Worsening: 14.2% in Q3 2023-24 against 12.1% in Q3 2022-23")
        let neither = judge([point("2022-23 Q3", 1200), point("2023-24 Q3", 1500)], polarity: .neither)
        #expect(neither.directionSentence == "Not judged: 1,500 in Q3 2023-24 against 1,200 in Q3 2022-23; neither higher nor lower is better")
    }

    @Test("Without counts, a change of 2% or less is no signal")
    func relativeTolerance() {
        #expect(judge([point("2022-23", 300), point("2023-24", 306)], unit: "rate_per_10000").direction == .noSignal)
        #expect(judge([point("2022-23", 300), point("2023-24", 306.1)], unit: "rate_per_10000").direction == .worsening)
        #expect(judge([point("2022-23 Q1", 12.1), point("2023-24 Q1", 12.3)], unit: "percentage").direction == .noSignal)
    }

    @Test("With numerators and denominators a rate is tested on its counts: 30 against 45 in 1,000 is within chance")
    func ratesWithCounts() {
        // |0.045 − 0.030| = 0.015 < 1.96 × √(30 + 45) / 1000 = 0.0170, though the rate rose by half.
        let small = judge([point("2022-23", 300, numerator: 30, denominator: 1000), point("2023-24", 450, numerator: 45, denominator: 1000)],
                          unit: "rate_per_10000")
        #expect(small.direction == .noSignal)
        let large = judge([point("2022-23", 300, numerator: 300, denominator: 10000), point("2023-24", 450, numerator: 450, denominator: 10000)],
                          unit: "rate_per_10000")
        #expect(large.direction == .worsening)
    }

    @Test("A yearly series is compared with the year before, a term with the same term a year before")
    func yearly() {
        #expect(judge([point("2021-22", 10), point("2022-23", 50), point("2023-24", 60)]).comparisonPeriod == Period("2022-23"))
        #expect(Period("2023/24 Spring")!.yearBefore == Period("2022/23 Spring"))
        #expect(Period("2023/24")!.yearBefore == Period("2022/23"))
    }

    @Test("A missing comparison value is not judged; nor is a series with nothing up to the day")
    func missing() {
        let judgement = judge([point("2023-24 Q3", 300), point("2023-24 Q4", 316)])
        #expect(judgement.direction == .notJudged)
        #expect(judgement.comparison == nil)
        #expect(judgement.directionSentence == "Not judged: no value for Q4 2022-23 to compare with 316 in Q4 2023-24")
        let empty = judge([point("2024-25 Q1", 300)])
        #expect(empty.direction == .notJudged && empty.latest == nil)
        #expect(empty.directionSentence == "Not judged: no value up to 31 March 2024")
    }

    @Test("A value dated after the day judged as at is never used")
    func asAt() {
        let local = [point("2022-23 Q4", 314), point("2023-24 Q4", 316), point("2024-25 Q1", 500)]
        #expect(judge(local).latest?.period == quarter("2023-24 Q4"))
        #expect(judge(local, asAt: CalendarDate(year: 2024, month: 6, day: 30)!).latest?.period == quarter("2024-25 Q1"))
        #expect(judge(local, asAt: CalendarDate(year: 2024, month: 6, day: 29)!).latest?.period == quarter("2023-24 Q4"))
    }

    @Test("A count is never compared with England's national count")
    func countHasNoComparator() {
        let judgement = judge([point("2023-24 Q4", 316)], england: [point("2023-24 Q4", 300)])
        #expect(judgement.position == .noComparator)
        #expect(judgement.england == nil)
        #expect(judgement.positionSentence == "No comparator: England's figure is a national count, not comparable with a local one")
    }

    @Test("England is compared in the same period only, by the polarity", arguments: [
        (Polarity.lowerIsBetter, 80.0, IndicatorJudgement.Position.worse, "Worse than England: 80.0 against 70.0 in 2023-24"),
        (.higherIsBetter, 80, .better, "Better than England: 80.0 against 70.0 in 2023-24"),
        (.neither, 80, .above, "Above England: 80.0 against 70.0 in 2023-24"),
        (.neither, 60, .below, "Below England: 60.0 against 70.0 in 2023-24"),
        (.lowerIsBetter, 70.04, .same, "Same as England: 70.0 in 2023-24"),
    ] as [(Polarity, Double, IndicatorJudgement.Position, String)])
    func england(polarity: Polarity, local: Double, expected: IndicatorJudgement.Position, sentence: String) {
        let judgement = judge([point("2023-24", local)], england: [point("2022-23", 10), point("2023-24", 70)], unit: "rate_per_10000", polarity: polarity)
        #expect(judgement.position == expected)
        #expect(judgement.positionSentence == sentence)
    }

    @Test("Without England's value for the latest period there is no comparator")
    func englandOtherPeriod() {
        let judgement = judge([point("2023-24", 80)], england: [point("2022-23", 70)], unit: "rate_per_10000")
        #expect(judgement.position == .noComparator)
        #expect(judgement.positionSentence == "No comparator: England has no value for 2023-24")
    }
}
