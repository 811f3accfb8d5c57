import Foundation

/// A date with no time of day and no time zone: what a due date or a meeting date means.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO date, `2024-03-31`.
    public init?(iso text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2024-03-31`
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `31 March 2024`, the GOV.UK style.
    public var long: String { "\(day) \(CalendarDate.monthNames[month - 1]) \(year)" }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected an ISO date such as 2024-03-31"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// The years a date computed by `addingMonths` or `addingDays` stays within: results beyond them are
    /// clamped to the first or last day of the range, so no count, however large, can trap. Callers that
    /// take a count from outside range-check it first and say so.
    public static let computableYears = 1...9999

    /// The same day `months` calendar months later (or earlier), clamped to the month's last day:
    /// 31 August plus 6 months is 28 or 29 February.
    public func addingMonths(_ months: Int) -> CalendarDate {
        let limit = (Self.computableYears.count + 1) * 12
        let index = year * 12 + (month - 1) + min(max(months, -limit), limit)
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        if newYear < Self.computableYears.lowerBound { return Self.first }
        if newYear > Self.computableYears.upperBound { return Self.last }
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(year: newYear, month: newMonth, day: newDay) ?? self
    }

    /// The day `days` calendar days later (earlier when negative).
    public func addingDays(_ days: Int) -> CalendarDate {
        let limit = Self.last.dayNumber - Self.first.dayNumber + 1
        return CalendarDate(dayNumber: dayNumber + min(max(days, -limit), limit))
    }

    /// 1 January of the first computable year, and 31 December of the last.
    static let first = CalendarDate(year: computableYears.lowerBound, month: 1, day: 1) ?? CalendarDate(uncheckedYear: 1, month: 1, day: 1)
    static let last = CalendarDate(year: computableYears.upperBound, month: 12, day: 31) ?? CalendarDate(uncheckedYear: 9999, month: 12, day: 31)

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a day number (the inverse of `dayNumber`, civil-from-days), clamped to `computableYears`.
    init(dayNumber: Int) {
        let number = min(max(dayNumber, Self.first.dayNumber), Self.last.dayNumber)
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(uncheckedYear: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Days since 1 January 1970 (negative before it), by the days-from-civil algorithm, so
    /// weekdays and day differences need no Foundation calendar.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday (1 January 1970 was a Thursday).
    public var weekday: Int { ((dayNumber % 7 + 7) % 7 + 3) % 7 + 1 }

    public var isWeekend: Bool { weekday >= 6 }

    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    var nextDay: CalendarDate {
        if day < CalendarDate.daysIn(month: month, year: year) { return CalendarDate(year: year, month: month, day: day + 1)! }
        return month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1)! : CalendarDate(year: year, month: month + 1, day: 1)!
    }

    var previousDay: CalendarDate {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1)! }
        let (y, m) = month == 1 ? (year - 1, 12) : (year, month - 1)
        return CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))!
    }

    /// Today's date in the partnership's time zone (England).
    public static func today(in timeZone: TimeZone = TimeZone(identifier: "Europe/London")!, now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
