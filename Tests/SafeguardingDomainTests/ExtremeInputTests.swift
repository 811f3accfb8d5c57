import Foundation
import Testing
@testable import SafeguardingDomain

/// Issue 15: no input, however extreme, may trap. Each of these trapped before its fix.
struct ExtremeInputTests {
    static let start = CalendarDate(year: 2024, month: 1, day: 2)!

    @Test("Adding the most negative or most positive number of working days is refused, not a trap",
          arguments: [Int.min, Int.min + 1, Int.max, -3001, 3001])
    func workingDaysOutOfRange(count: Int) {
        #expect(throws: ClockError.tooFar(count)) { try WorkingDayCalendar.shipped.adding(workingDays: count, to: Self.start) }
    }

    @Test("The edges of the working-day range are still answered")
    func workingDaysEdges() throws {
        let calendar = WorkingDayCalendar(holidays: (2010...2040).map { BankHoliday(date: CalendarDate(year: $0, month: 12, day: 25)!, title: "Christmas Day") })
        let forward = try calendar.adding(workingDays: 3000, to: Self.start)
        let back = try calendar.adding(workingDays: -3000, to: Self.start)
        #expect(try calendar.workingDays(from: Self.start, to: forward) == 3000)
        #expect(try calendar.workingDays(from: Self.start, to: back) == -3000)
    }

    @Test("Calendar days and months added in extreme amounts are clamped to years 1 to 9999, not a trap")
    func calendarArithmeticClamps() {
        #expect(Self.start.addingDays(Int.min) == CalendarDate(year: 1, month: 1, day: 1))
        #expect(Self.start.addingDays(Int.max) == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(Self.start.addingMonths(Int.min) == CalendarDate(year: 1, month: 1, day: 1))
        #expect(Self.start.addingMonths(Int.max) == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(Self.start.addingDays(-1) == CalendarDate(year: 2024, month: 1, day: 1))
        #expect(Self.start.addingDays(60) == CalendarDate(year: 2024, month: 3, day: 2))
        #expect(CalendarDate(year: 2023, month: 8, day: 31)!.addingMonths(6) == CalendarDate(year: 2024, month: 2, day: 29))
    }

    @Test("Day numbers turn back into the same dates across leap years and centuries")
    func dayNumberRoundTrip() {
        for year in [1, 4, 100, 1600, 1900, 1970, 2000, 2024, 2100, 9999] {
            for (month, day) in [(1, 1), (2, 28), (3, 1), (12, 31)] {
                let date = CalendarDate(year: year, month: month, day: day)!
                #expect(CalendarDate(dayNumber: date.dayNumber) == date)
            }
        }
    }

    @Test("A reporting year whose second part is not ASCII digits is refused, not a trap",
          arguments: ["2023-٢٤", "2023-½½", "2023-²⁴", "2023-٢٠٢٤"])
    func reportingYearNonASCII(text: String) {
        #expect(ReportingYear(text) == nil)
    }

    @Test("A figure of 400 digits, or one at or past the limit, is refused as too large with its line and column")
    func hugeFigureRefused() throws {
        let header = try DataReturnRow.parse(header: ["indicator", "period", "value", "numerator"])
        for (value, numerator) in [(String(repeating: "9", count: 400), "1"), ("1", "1e309"), ("1000000000000000", "1"), ("1", String(repeating: "1", count: 10_000))] {
            let result = header.row(["cin_rate", "2023-24", value, numerator], line: 4, knownIndicators: ["cin_rate"])
            guard case .failure(let problems) = result else { Issue.record("accepted \(value.prefix(20)) / \(numerator.prefix(20))"); continue }
            #expect(problems.errors.allSatisfy { $0.line == 4 })
            if numerator != "1e309" { #expect(problems.errors.contains { $0.message.contains("is too large") }) }
        }
        let fine = header.row(["cin_rate", "2023-24", "999,999,999,999,999", "-0"], line: 5, knownIndicators: ["cin_rate"])
        #expect(try fine.get().value == 999_999_999_999_999)
    }

    @Test("Only finite numbers below the limit are read")
    func numberTextFinite() {
        #expect(NumberText.parse(String(repeating: "9", count: 400)) == nil)
        #expect(NumberText.parse("nan") == nil)
        #expect(NumberText.parse("inf") == nil)
        #expect(NumberText.parse("-0") == 0)
        #expect(NumberText.isAcceptable(.infinity) == false)
        #expect(NumberText.isAcceptable(.nan) == false)
    }
}
