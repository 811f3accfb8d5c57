import Foundation

/// One bank holiday of England and Wales.
public struct BankHoliday: Hashable, Sendable, Codable {
    public let date: CalendarDate
    public let title: String

    public init(date: CalendarDate, title: String) {
        self.date = date
        self.title = title
    }
}

/// Why the clock could not answer. It never guesses: a date in a year the bank-holiday data does
/// not cover is an error that says which years it does cover.
public enum ClockError: Error, Equatable, Sendable, CustomStringConvertible {
    case outsideHolidayData(CalendarDate, covered: String)
    case tooFar(Int)

    public var description: String {
        switch self {
        case let .outsideHolidayData(date, covered):
            "Bank holidays are known for \(covered) only, and \(date) is outside them. "
                + "Import the GOV.UK bank holidays file with `safeguarding holidays import FILE` first."
        case let .tooFar(days):
            "The clock counts at most \(WorkingDayCalendar.maximumSpan) working days at a time (from -\(WorkingDayCalendar.maximumSpan) to \(WorkingDayCalendar.maximumSpan)); \(days) is too many."
        }
    }
}

/// Working days in England and Wales: Monday to Friday, except bank holidays. The statutory clock
/// of serious incidents, rapid reviews and local reviews runs on it.
public struct WorkingDayCalendar: Sendable {
    public static let maximumSpan = 3_000

    public let holidays: [CalendarDate: String]
    /// The years the holiday data covers; a calculation that touches any other year is refused.
    public let coveredYears: Set<Int>

    public init(holidays: [BankHoliday]) {
        self.holidays = Dictionary(holidays.map { ($0.date, $0.title) }, uniquingKeysWith: { first, _ in first })
        coveredYears = Set(holidays.map(\.date.year))
    }

    /// The calendar on the shipped data alone (2018 to 2030).
    public static let shipped = WorkingDayCalendar(holidays: ShippedBankHolidays.englandAndWales)

    /// The covered years in words: "2018 to 2030", or a list when there are gaps.
    public var coverage: String {
        let years = coveredYears.sorted()
        guard let first = years.first, let last = years.last else { return "no years" }
        if years.count == last - first + 1 { return first == last ? "\(first)" : "\(first) to \(last)" }
        return years.map(String.init).joined(separator: ", ")
    }

    func check(_ date: CalendarDate) throws(ClockError) {
        guard coveredYears.contains(date.year) else { throw .outsideHolidayData(date, covered: coverage) }
    }

    public func isWorkingDay(_ date: CalendarDate) throws(ClockError) -> Bool {
        try check(date)
        return !date.isWeekend && holidays[date] == nil
    }

    /// The bank holiday on this date, if there is one.
    public func holiday(on date: CalendarDate) -> String? { holidays[date] }

    /// The date `count` working days after `date` (before it when negative). The starting day never
    /// counts, so 5 working days after Friday 22 December 2023 is Wednesday 3 January 2024.
    public func adding(workingDays count: Int, to date: CalendarDate) throws(ClockError) -> CalendarDate {
        // A range test, not `abs`: `abs(Int.min)` traps and stopped the server.
        guard (-Self.maximumSpan...Self.maximumSpan).contains(count) else { throw .tooFar(count) }
        try check(date)
        var current = date
        var remaining = count < 0 ? -count : count
        while remaining > 0 {
            current = count > 0 ? current.nextDay : current.previousDay
            if try isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// The working days after `start` up to and including `end`: the inverse of `adding`, so
    /// `workingDays(from: d, to: adding(n, to: d)) == n` for any n. Going backwards the count is of
    /// the working days from `end` up to but not including `start`, negated.
    public func workingDays(from start: CalendarDate, to end: CalendarDate) throws(ClockError) -> Int {
        try check(start)
        try check(end)
        let (span, overflow) = end.dayNumber.subtractingReportingOverflow(start.dayNumber)
        guard !overflow, (-Self.maximumSpan * 2...Self.maximumSpan * 2).contains(span) else { throw .tooFar(overflow ? Int.max : span) }
        var count = 0
        if start < end {
            var day = start
            while day < end {
                day = day.nextDay
                if try isWorkingDay(day) { count += 1 }
            }
        } else {
            var day = end
            while day < start {
                if try isWorkingDay(day) { count -= 1 }
                day = day.nextDay
            }
        }
        return count
    }
}
