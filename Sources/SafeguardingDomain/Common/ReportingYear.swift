import Foundation

/// A partnership's reporting year, which runs from 1 April to 31 March (a financial year),
/// written the way partnerships write it: `2023-24`.
public struct ReportingYear: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The calendar year in which the reporting year starts (2023 for `2023-24`).
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses `2023-24`, `2023/24` or `2023-2024`. The second year must follow the first.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 2, parts[0].count == 4, let start = Int(parts[0]), start >= 1900, start <= 9998,
              parts[1].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let second = Int(parts[1]) else { return nil }
        // ASCII digits only: `isNumber` let "٢٤" or "½" through, and `Int(…)!` of them trapped.
        let endYear: Int
        switch parts[1].count {
        case 2: endYear = (start / 100) * 100 + second + ((start % 100) == 99 ? 100 : 0)
        case 4: endYear = second
        default: return nil
        }
        guard endYear == start + 1 else { return nil }
        self.startYear = start
    }

    /// The reporting year that contains a date.
    public init(containing date: CalendarDate) {
        self.startYear = date.month >= 4 ? date.year : date.year - 1
    }

    public var endYear: Int { startYear + 1 }
    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: endYear, month: 3, day: 31)! }

    /// `2023-24`
    public var description: String {
        let end = endYear % 100
        return "\(startYear)-\(end < 10 ? "0" : "")\(end)"
    }

    /// `2023/24`, the way the reference report heads its tables.
    public var slashed: String { description.replacingOccurrences(of: "-", with: "/") }

    public var quarters: [ReportingQuarter] { ReportingQuarter.Number.allCases.map { ReportingQuarter(year: self, number: $0) } }
    public var previous: ReportingYear { ReportingYear(startYear: startYear - 1) }
    public var next: ReportingYear { ReportingYear(startYear: startYear + 1) }

    public func contains(_ date: CalendarDate) -> Bool { date >= firstDay && date <= lastDay }

    public static func < (lhs: ReportingYear, rhs: ReportingYear) -> Bool { lhs.startYear < rhs.startYear }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let year = ReportingYear(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a reporting year such as 2023-24"))
        }
        self = year
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A quarter of a reporting year: Q1 is April to June, Q4 is January to March.
public struct ReportingQuarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Number: Int, CaseIterable, Sendable { case q1 = 1, q2, q3, q4 }

    public let year: ReportingYear
    public let number: Number

    public init(year: ReportingYear, number: Number) {
        self.year = year
        self.number = number
    }

    public init(containing date: CalendarDate) {
        let year = ReportingYear(containing: date)
        let monthsIn = (date.month - 4 + 12) % 12
        self.init(year: year, number: Number(rawValue: monthsIn / 3 + 1)!)
    }

    /// Parses `2023-24 Q3`.
    public init?(_ text: String) {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 2, let year = ReportingYear(parts[0]),
              parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
              let n = Int(parts[1].dropFirst()), let number = Number(rawValue: n) else { return nil }
        self.init(year: year, number: number)
    }

    public var firstDay: CalendarDate {
        let month = 4 + (number.rawValue - 1) * 3
        return month > 12 ? CalendarDate(year: year.endYear, month: month - 12, day: 1)! : CalendarDate(year: year.startYear, month: month, day: 1)!
    }

    public var lastDay: CalendarDate {
        let first = firstDay
        let lastMonth = first.month + 2
        return CalendarDate(year: first.year, month: lastMonth, day: CalendarDate.daysIn(month: lastMonth, year: first.year))!
    }

    public var description: String { "\(year) Q\(number.rawValue)" }

    public static func < (lhs: ReportingQuarter, rhs: ReportingQuarter) -> Bool {
        (lhs.year, lhs.number.rawValue) < (rhs.year, rhs.number.rawValue)
    }
}
