import Testing
@testable import SafeguardingDomain

@Suite("Period rules: which records a year's figures count")
struct PeriodRuleTests {
    let year = ReportingYear(startYear: 2023)
    func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("A flow counts events from 1 April to 31 March, both days included")
    func flow() {
        let rule = PeriodRule.flow("completed in")
        #expect(rule.includes(day("2023-04-01"), in: year))
        #expect(rule.includes(day("2024-03-31"), in: year))
        #expect(!rule.includes(day("2023-03-31"), in: year))
        #expect(!rule.includes(day("2024-04-01"), in: year))
        #expect(!rule.includes(nil, in: year))
        #expect(rule.note(for: year) == "completed in 2023-24")
        #expect(rule.sentence(for: year) == "Completed in 2023-24.")
    }

    @Test("A stock is the state at the year's last day: started by it, not ended by it")
    func stock() {
        let rule = PeriodRule.stock("open at")
        #expect(rule.includes(day("2020-01-01"), until: nil, in: year))
        #expect(rule.includes(day("2024-03-31"), until: day("2024-04-01"), in: year))
        // Ended on the last day: no longer open at it. Started the day after: not yet.
        #expect(!rule.includes(day("2023-05-01"), until: day("2024-03-31"), in: year))
        #expect(!rule.includes(day("2024-04-01"), until: nil, in: year))
        #expect(!rule.includes(nil, until: nil, in: year))
        #expect(rule.note(for: year) == "open at 31 March 2024")
    }

    @Test("While the year runs a stock is taken today; once it is over, always at its last day")
    func asAt() {
        let rule = PeriodRule.stock("open at")
        #expect(PeriodRule.asAt(year, today: day("2023-12-02")) == day("2023-12-02"))
        #expect(PeriodRule.asAt(year, today: day("2026-12-02")) == day("2024-03-31"))
        #expect(rule.note(for: year, today: day("2023-12-02")) == "open at 2 December 2023")
        #expect(!rule.includes(day("2023-12-03"), until: nil, in: year, today: day("2023-12-02")))
    }

    @Test("A year of record counts what is filed under the year")
    func yearOfRecord() {
        let rule = PeriodRule.yearOfRecord("of")
        #expect(rule.includes(ReportingYear(startYear: 2023).firstDay, in: year))
        #expect(!rule.includes(ReportingYear(startYear: 2022).lastDay, in: year))
        #expect(rule.note(for: year) == "of 2023-24")
    }
}
