import Foundation

/// What sort of time a figure covers. Stored as text, so the raw values are part of the file format.
public enum PeriodKind: String, Sendable, Codable {
    case quarter
    case financialYear = "financial_year"
    case academicYear = "academic_year"
    case academicTerm = "academic_term"
}

/// A school term, in the order they fall in an academic year.
public enum AcademicTerm: Int, CaseIterable, Sendable, Codable {
    case autumn = 1, spring, summer

    public var name: String {
        switch self {
        case .autumn: return "Autumn"
        case .spring: return "Spring"
        case .summer: return "Summer"
        }
    }

    /// `Autumn`, `autumn`, `Autumn term`.
    public init?(name text: String) {
        var word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word.hasSuffix(" term") { word = String(word.dropLast(5)).trimmingCharacters(in: .whitespaces) }
        guard let term = AcademicTerm.allCases.first(where: { $0.name.lowercased() == word }) else { return nil }
        self = term
    }
}

/// The time a figure in the performance dataset covers: a quarter or the whole of a partnership's
/// financial year, or (for school figures such as exclusions and home education) an academic
/// year or one of its terms.
///
/// Written forms, one per kind, and the only ones accepted:
/// - `2023-24 Q3`: the third quarter (October to December 2023) of the financial year 2023-24;
/// - `2023-24`: the financial year 1 April 2023 to 31 March 2024;
/// - `2022/23`: the academic year 1 September 2022 to 31 August 2023;
/// - `2022/23 Autumn` (also `Spring`, `Summer`): a term of that academic year.
///
/// **A hyphen means a financial year and a slash means an academic year.** Both kinds are written
/// with two years, and a partnership's dataset mixes them, so the separator is what tells them
/// apart; it is how DfE writes academic years and how the partnership writes its own years.
/// (`ReportingYear` on its own still accepts `2023/24`, because there the kind is not in doubt.)
///
/// Periods sort by their first day, so a quarter sorts among the years by when it starts; two
/// periods starting the same day sort shorter first (Q1 2023-24 before 2023-24).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let kind: PeriodKind
    /// The calendar year in which the financial or academic year starts: 2023 for `2023-24`,
    /// `2023-24 Q4` and `2023/24 Summer` alike.
    public let startYear: Int
    /// The quarter or term number within the year; 0 for a whole year.
    private let part: Int

    private init(kind: PeriodKind, startYear: Int, part: Int) {
        self.kind = kind
        self.startYear = startYear
        self.part = part
    }

    public init(_ quarter: ReportingQuarter) {
        self.init(kind: .quarter, startYear: quarter.year.startYear, part: quarter.number.rawValue)
    }

    public init(financialYear year: ReportingYear) {
        self.init(kind: .financialYear, startYear: year.startYear, part: 0)
    }

    /// The academic year starting in September of `startYear`.
    public init(academicYearStarting startYear: Int) {
        self.init(kind: .academicYear, startYear: startYear, part: 0)
    }

    public init(term: AcademicTerm, academicYearStarting startYear: Int) {
        self.init(kind: .academicTerm, startYear: startYear, part: term.rawValue)
    }

    /// Parses the written forms above. Spaces around and between the parts do not matter, nor
    /// does the case of `Q` or of a term's name; a term may be followed by the word `term`.
    public init?(_ text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { return nil }
        if first.contains("/") {
            guard !first.contains("-"), let year = ReportingYear(first) else { return nil }
            switch words.count {
            case 1:
                self.init(academicYearStarting: year.startYear)
            case 2, 3:
                guard let term = AcademicTerm(name: words.dropFirst().joined(separator: " ")) else { return nil }
                self.init(term: term, academicYearStarting: year.startYear)
            default:
                return nil
            }
        } else {
            guard first.contains("-"), let year = ReportingYear(first) else { return nil }
            switch words.count {
            case 1:
                self.init(financialYear: year)
            case 2:
                guard let quarter = ReportingQuarter("\(year) \(words[1].uppercased())") else { return nil }
                self.init(quarter)
            default:
                return nil
            }
        }
    }

    /// The same period a year earlier: the same quarter or term of the year before, or the year
    /// before itself. It is what a period is compared with, so that seasons do not pass for trends.
    public var yearBefore: Period { Period(kind: kind, startYear: startYear - 1, part: part) }

    /// The financial year itself, or the one a quarter belongs to; nil for academic periods.
    public var reportingYear: ReportingYear? {
        kind == .quarter || kind == .financialYear ? ReportingYear(startYear: startYear) : nil
    }

    public var quarter: ReportingQuarter? {
        guard kind == .quarter, let number = ReportingQuarter.Number(rawValue: part) else { return nil }
        return ReportingQuarter(year: ReportingYear(startYear: startYear), number: number)
    }

    public var term: AcademicTerm? { kind == .academicTerm ? AcademicTerm(rawValue: part) : nil }

    /// `2023-24` or `2022/23`: the year part of the written form.
    private var yearText: String {
        let financial = ReportingYear(startYear: startYear).description
        return kind == .quarter || kind == .financialYear ? financial : financial.replacingOccurrences(of: "-", with: "/")
    }

    /// The canonical written form, which `init?(_:)` reads back: `2023-24 Q3`, `2023-24`, `2022/23`,
    /// `2022/23 Autumn`.
    public var description: String {
        switch kind {
        case .quarter: return "\(yearText) Q\(part)"
        case .financialYear, .academicYear: return yearText
        case .academicTerm: return "\(yearText) \(term?.name ?? "")"
        }
    }

    /// How a screen or a report names it: `Q3 2023-24`, `2023-24`, `academic year 2022/23`,
    /// `Autumn term 2022/23`.
    public var label: String {
        switch kind {
        case .quarter: return "Q\(part) \(yearText)"
        case .financialYear: return yearText
        case .academicYear: return "academic year \(yearText)"
        case .academicTerm: return "\(term?.name ?? "") term \(yearText)"
        }
    }

    /// The first day. Terms are nominal (1 September, 1 January and 1 April) because real term
    /// dates differ between schools and move with Easter; they serve for ordering only.
    public var firstDay: CalendarDate {
        switch kind {
        case .quarter: return quarter!.firstDay
        case .financialYear: return ReportingYear(startYear: startYear).firstDay
        case .academicYear: return CalendarDate(year: startYear, month: 9, day: 1)!
        case .academicTerm:
            switch term! {
            case .autumn: return CalendarDate(year: startYear, month: 9, day: 1)!
            case .spring: return CalendarDate(year: startYear + 1, month: 1, day: 1)!
            case .summer: return CalendarDate(year: startYear + 1, month: 4, day: 1)!
            }
        }
    }

    /// The last day (nominal for terms: 31 December, 31 March and 31 August).
    public var lastDay: CalendarDate {
        switch kind {
        case .quarter: return quarter!.lastDay
        case .financialYear: return ReportingYear(startYear: startYear).lastDay
        case .academicYear: return CalendarDate(year: startYear + 1, month: 8, day: 31)!
        case .academicTerm:
            switch term! {
            case .autumn: return CalendarDate(year: startYear, month: 12, day: 31)!
            case .spring: return CalendarDate(year: startYear + 1, month: 3, day: 31)!
            case .summer: return CalendarDate(year: startYear + 1, month: 8, day: 31)!
            }
        }
    }

    /// The ONS mid-year (30 June) whose population of children aged 0-17 is the DfE denominator
    /// for a rate in this period: the mid-year in the calendar year the period's year starts.
    /// DfE files the children-in-need year ending 31 March 2025 under `2025` and divides by the
    /// mid-2024 estimate, which it calls "the previous year"; here that is 2024-25 → 2024.
    public var populationMidYear: Int { startYear }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.firstDay != rhs.firstDay { return lhs.firstDay < rhs.firstDay }
        if lhs.lastDay != rhs.lastDay { return lhs.lastDay < rhs.lastDay }
        return lhs.kind.rawValue < rhs.kind.rawValue
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: Period.expectation))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The words an error message uses for what a period looks like.
    public static let expectation = "expected a period such as 2023-24 Q3, 2023-24 or 2022/23"
}

extension Period {
    /// The period of a row of DfE's Explore Education Statistics (EES) data, from its
    /// `time_period` and `time_identifier` columns; nil for anything that is not one of our kinds
    /// (calendar years, months, "Autumn and spring term", …).
    ///
    /// Understood (identifiers compared without regard to case):
    /// - `Reporting year` with `2024`: the year ending 31 March 2024, so financial year `2023-24`.
    ///   This is what every children's social care file here uses (children in need, child
    ///   protection, looked-after children: census years ending 31 March).
    /// - `Financial year` with `202324` (the EES standard form) → `2023-24`; a four-digit `2024`
    ///   is read like a reporting year, as the year ending 31 March 2024.
    /// - `Financial year Q1`…`Q4` with `202324` → `2023-24 Q1`…`Q4` (EES quarters of a financial
    ///   year run April to June first, as ours do).
    /// - `Academic year` with `202223` → `2022/23` (the exclusions file).
    /// - `Autumn term`, `Spring term`, `Summer term` with `202223` → `2022/23 Autumn` … (the elective
    ///   home education file has Autumn and Spring).
    ///
    /// Not for the ONS population file: it also says `Reporting year`, but there `2024` means the
    /// mid-2024 estimate, a point in a calendar year. Join population by `time_period` as a
    /// calendar year and `Period.populationMidYear`.
    public static func fromDfE(timePeriod: String, timeIdentifier: String) -> Period? {
        let identifier = timeIdentifier.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = timePeriod.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }

        /// `2024` → 2023 (the year ending in March 2024 starts in 2023); `202324` → 2023.
        func startOfYearEndingInMarch() -> Int? {
            if digits.count == 4 { return Int(digits)! - 1 }
            return startOfTwoYearForm()
        }
        /// `202223` → 2022, checking the second year follows the first.
        func startOfTwoYearForm() -> Int? {
            guard digits.count == 6, let start = Int(digits.prefix(4)), let end = Int(digits.suffix(2)),
                  (start + 1) % 100 == end else { return nil }
            return start
        }

        switch identifier {
        case "reporting year", "financial year":
            return startOfYearEndingInMarch().map { Period(financialYear: ReportingYear(startYear: $0)) }
        case "financial year q1", "financial year q2", "financial year q3", "financial year q4":
            guard let start = startOfTwoYearForm(),
                  let number = ReportingQuarter.Number(rawValue: Int(String(identifier.last!))!) else { return nil }
            return Period(ReportingQuarter(year: ReportingYear(startYear: start), number: number))
        case "academic year":
            return startOfTwoYearForm().map { Period(academicYearStarting: $0) }
        case "autumn term", "spring term", "summer term":
            guard let start = startOfTwoYearForm(), let term = AcademicTerm(name: identifier) else { return nil }
            return Period(term: term, academicYearStarting: start)
        default:
            return nil
        }
    }
}
