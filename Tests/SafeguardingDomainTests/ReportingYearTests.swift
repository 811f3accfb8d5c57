import Testing
@testable import SafeguardingDomain

@Suite("Reporting years and quarters")
struct ReportingYearTests {
    @Test("2023-24 runs from 1 April 2023 to 31 March 2024")
    func firstAndLastDay() throws {
        let year = try #require(ReportingYear("2023-24"))
        #expect(year.firstDay == CalendarDate(year: 2023, month: 4, day: 1))
        #expect(year.lastDay == CalendarDate(year: 2024, month: 3, day: 31))
        #expect(year.description == "2023-24")
        #expect(year.slashed == "2023/24")
    }

    @Test("Accepts the ways people write a year and refuses the rest", arguments: [
        ("2023-24", 2023), ("2023/24", 2023), ("2023-2024", 2023), (" 1999-00 ", 1999), ("2009-10", 2009),
    ])
    func parses(text: String, start: Int) {
        #expect(ReportingYear(text)?.startYear == start)
    }

    @Test("Refuses years that do not follow on", arguments: ["2023-25", "2023", "23-24", "2023-2025", "abcd-ef", "", "2023-2x"])
    func refuses(text: String) {
        #expect(ReportingYear(text) == nil)
    }

    @Test("Q1 is April to June and Q4 is January to March")
    func quarters() {
        let quarters = ReportingYear(startYear: 2023).quarters
        #expect(quarters.map(\.description) == ["2023-24 Q1", "2023-24 Q2", "2023-24 Q3", "2023-24 Q4"])
        #expect(quarters[0].firstDay == CalendarDate(year: 2023, month: 4, day: 1))
        #expect(quarters[0].lastDay == CalendarDate(year: 2023, month: 6, day: 30))
        #expect(quarters[2].lastDay == CalendarDate(year: 2023, month: 12, day: 31))
        #expect(quarters[3].firstDay == CalendarDate(year: 2024, month: 1, day: 1))
        #expect(quarters[3].lastDay == CalendarDate(year: 2024, month: 3, day: 31))
    }

    @Test("A date belongs to the year and quarter that contain it")
    func containing() {
        let march = CalendarDate(year: 2024, month: 3, day: 31)!
        let april = CalendarDate(year: 2024, month: 4, day: 1)!
        #expect(ReportingYear(containing: march).description == "2023-24")
        #expect(ReportingYear(containing: april).description == "2024-25")
        #expect(ReportingQuarter(containing: march).description == "2023-24 Q4")
        #expect(ReportingQuarter(containing: CalendarDate(year: 2023, month: 9, day: 30)!).description == "2023-24 Q2")
        #expect(ReportingQuarter(containing: CalendarDate(year: 2023, month: 10, day: 1)!).description == "2023-24 Q3")
        #expect(ReportingQuarter("2023-24 Q3") == ReportingQuarter(year: ReportingYear(startYear: 2023), number: .q3))
        #expect(ReportingQuarter("2023-24 Q5") == nil)
    }

    @Test("Calendar dates know leap years and refuse impossible days")
    func calendarDates() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(iso: "2024-04-31") == nil)
        #expect(CalendarDate(iso: "2024-03-05")?.long == "5 March 2024")
        #expect(CalendarDate(iso: "2024-3-5") == nil)
    }
}

@Suite("Money in pence")
struct PenceTests {
    @Test("Reads amounts as people type them", arguments: [
        ("£80,360", 8_036_000), ("80360", 8_036_000), ("80,360.50", 8_036_050), ("80360.5", 8_036_050), ("0", 0), ("1,234,567", 123_456_700),
    ])
    func parses(text: String, pence: Int) {
        #expect(Pence(pounds: text)?.value == pence)
    }

    @Test("Refuses what is not an amount", arguments: ["", "abc", "80.360.1", "8,0360", "80360.555", "£", "1,23", "12e3"])
    func refuses(text: String) {
        #expect(Pence(pounds: text) == nil)
    }

    @Test("Formats like the yearly report")
    func formats() {
        #expect(Pence(25_831_000).formatted == "£258,310")
        #expect(Pence(8_036_050).formatted == "£80,360.50")
        #expect(Pence(5).formatted == "£0.05")
        #expect(Pence(-150_000).formatted == "-£1,500")
        #expect(Pence(8_036_050).editable == "80360.50")
    }

    @Test("Negative amounts parse as negative so validation can refuse them")
    func negative() {
        #expect(Pence(pounds: "-5")?.value == -500)
        #expect(Pence(pounds: "£-5")?.value == -500)
    }
}
