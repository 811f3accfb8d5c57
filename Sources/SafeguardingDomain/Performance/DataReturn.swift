import Foundation

/// Whose figure a data-return row gives: the partnership's own area or one of its comparators.
public enum Series: String, CaseIterable, Sendable, Codable {
    case local, england, region
    case statisticalNeighbours = "statistical_neighbours"
}

/// How a figure is broken down. `all` is the headline figure, whose only group is `all`.
public enum Breakdown: String, CaseIterable, Sendable, Codable {
    case all
    case imdDecile = "imd_decile"
    case ethnicity, gender
    case ageBand = "age_band"
}

/// What makes a data-return row unique within a file and within the dataset.
public struct DataReturnKey: Hashable, Sendable {
    public let indicator: String
    public let period: Period
    public let series: Series
    public let breakdown: Breakdown
    public let group: String

    public init(indicator: String, period: Period, series: Series, breakdown: Breakdown, group: String) {
        self.indicator = indicator
        self.period = period
        self.series = series
        self.breakdown = breakdown
        self.group = group
    }
}

/// One figure of a data return, in the long format agencies upload:
/// `indicator,period,series,breakdown,group,value,numerator,denominator`.
public struct DataReturnRow: Sendable, Equatable {
    public var indicator: String
    public var period: Period
    public var series: Series
    public var breakdown: Breakdown
    public var group: String
    public var value: Double
    public var numerator: Double?
    public var denominator: Double?

    public init(indicator: String, period: Period, series: Series = .local, breakdown: Breakdown = .all,
                group: String = "all", value: Double, numerator: Double? = nil, denominator: Double? = nil) {
        self.indicator = indicator
        self.period = period
        self.series = series
        self.breakdown = breakdown
        self.group = group
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }

    public var key: DataReturnKey {
        DataReturnKey(indicator: indicator, period: period, series: series, breakdown: breakdown, group: group)
    }

    /// Reads a data return's header row (line 1). Column names are matched trimmed and without
    /// regard to case, in any order. `indicator`, `period` and `value` are required; without a
    /// `series` column every row is `local`, without `breakdown` every row is `all`, and without
    /// `group` every group is `all`. A column with no heading is allowed (spreadsheets add them)
    /// as long as nothing is written in it.
    public static func parse(header: [String]) throws(ValidationErrors) -> DataReturnHeader {
        var positions: [DataReturnHeader.Column: Int] = [:]
        var unknown: [String] = []
        var duplicated: [String] = []
        var unnamed: [Int] = []
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if name.isEmpty {
                unnamed.append(index)
            } else if let column = DataReturnHeader.Column(rawValue: name) {
                if positions[column] != nil { duplicated.append(name) } else { positions[column] = index }
            } else {
                unknown.append(raw.trimmingCharacters(in: .whitespaces))
            }
        }
        let allowed = DataReturnHeader.Column.allCases.map(\.rawValue).joined(separator: ", ")
        var errors: [FieldError] = []
        if !unknown.isEmpty {
            errors.append(FieldError(field: "header", message: "Unknown \(unknown.count == 1 ? "column" : "columns") \(unknown.joined(separator: ", ")): expected only the columns \(allowed)", line: 1))
        }
        if !duplicated.isEmpty {
            errors.append(FieldError(field: "header", message: "The \(duplicated.count == 1 ? "column" : "columns") \(duplicated.joined(separator: ", ")) \(duplicated.count == 1 ? "appears" : "appear") more than once: expected each column once", line: 1))
        }
        let missing = DataReturnHeader.Column.required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            errors.append(FieldError(field: "header", message: "Missing \(missing.count == 1 ? "column" : "columns") \(missing.map(\.rawValue).joined(separator: ", ")): a data return needs at least indicator, period and value", line: 1))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return DataReturnHeader(positions: positions, fieldCount: header.count, unnamed: unnamed)
    }

    /// Reads a whole parsed file (header first, as `CSVParser.rows(of:)` gives it): every row, or
    /// every problem. Nothing is half-imported, so a user fixes the file and uploads it again.
    /// Rows that are entirely blank (a spreadsheet's trailing `,,,,`) are ignored.
    public static func validateAll(_ records: [(fields: [String], line: Int)], knownIndicators: Set<String>,
                                   maximumErrors: Int = DataReturnReader.defaultMaximumErrors) -> Result<[DataReturnRow], ValidationErrors> {
        var reader = DataReturnReader(knownIndicators: knownIndicators, maximumErrors: maximumErrors)
        for record in records { reader.read(record.fields, line: record.line) }
        return reader.result()
    }
}

/// Where a data return's columns are, from its header row; reads each data row.
public struct DataReturnHeader: Sendable, Equatable {
    public enum Column: String, CaseIterable, Sendable {
        case indicator, period, series, breakdown, group, value, numerator, denominator
        static let required: [Column] = [.indicator, .period, .value]
    }

    let positions: [Column: Int]
    /// How many fields every row must have: the header's count.
    public let fieldCount: Int
    /// Columns with no heading, which must be left blank.
    let unnamed: [Int]

    /// How many indicator codes an "unknown indicator" message lists before it stops.
    static let indicatorsListed = 8

    /// Reads one data row into a figure, or says everything wrong with it. Every error names the
    /// line, the column and what was expected.
    public func row(_ fields: [String], line: Int, knownIndicators: Set<String>) -> Result<DataReturnRow, ValidationErrors> {
        guard fields.count == fieldCount else {
            return .failure(ValidationErrors([FieldError(field: "row", message: "Expected \(fieldCount) values, one for each column of the header, but found \(fields.count)", line: line)]))
        }
        var errors: [FieldError] = []
        func fail(_ column: Column, _ message: String) { errors.append(FieldError(field: column.rawValue, message: message, line: line)) }
        func text(_ column: Column) -> String {
            guard let index = positions[column] else { return "" }
            return fields[index].trimmingCharacters(in: .whitespaces)
        }

        for index in unnamed where !fields[index].trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "row", message: "Column \(index + 1) has no heading but holds \(fields[index].trimmingCharacters(in: .whitespaces)): expected it to be empty, or give it one of the column names", line: line))
        }

        var indicator = text(.indicator)
        if indicator.isEmpty {
            fail(.indicator, "Enter the indicator's code: expected one of \(Self.listed(knownIndicators))")
        } else if !knownIndicators.contains(indicator) {
            // `CIN_Rate` for `cin_rate` is a slip, not a different indicator: take the known spelling.
            if let known = knownIndicators.first(where: { $0.lowercased() == indicator.lowercased() }) {
                indicator = known
            } else {
                fail(.indicator, "Unknown indicator \(indicator): expected one of \(Self.listed(knownIndicators))")
            }
        }

        let periodText = text(.period)
        let period = Period(periodText)
        if period == nil {
            fail(.period, periodText.isEmpty ? "Enter the period: \(Period.expectation)" : "\(periodText) is not a period: \(Period.expectation)")
        }

        var series = Series.local
        let seriesText = text(.series)
        if !seriesText.isEmpty {
            if let parsed = Series(rawValue: Self.code(seriesText)) { series = parsed } else {
                fail(.series, "Unknown series \(seriesText): expected one of \(Series.allCases.map(\.rawValue).joined(separator: ", ")), or leave it empty for local")
            }
        }

        var breakdown = Breakdown.all
        let breakdownText = text(.breakdown)
        var breakdownReadable = true
        if !breakdownText.isEmpty {
            if let parsed = Breakdown(rawValue: Self.code(breakdownText)) { breakdown = parsed } else {
                breakdownReadable = false
                fail(.breakdown, "Unknown breakdown \(breakdownText): expected one of \(Breakdown.allCases.map(\.rawValue).joined(separator: ", ")), or leave it empty for all")
            }
        }

        var group = "all"
        if breakdownReadable {
            switch BreakdownGroups.dataReturnGroup(text(.group), breakdown: breakdown) {
            case .group(let normalised): group = normalised
            case .problem(let message): fail(.group, message)
            }
        }

        let value = Self.number(text(.value), column: .value, required: true, fail: fail)
        let numerator = Self.number(text(.numerator), column: .numerator, required: false, fail: fail)
        let denominator = Self.number(text(.denominator), column: .denominator, required: false, fail: fail)
        if let numerator, numerator < 0 { fail(.numerator, "The numerator is \(text(.numerator)): expected a count of 0 or more") }
        if let denominator, denominator < 0 { fail(.denominator, "The denominator is \(text(.denominator)): expected a count of 0 or more") }
        if let numerator, let denominator, denominator > 0, numerator > denominator {
            fail(.numerator, "The numerator (\(text(.numerator))) is larger than the denominator (\(text(.denominator))): expected the numerator to be a part of the denominator")
        }

        guard errors.isEmpty, let period, let value else { return .failure(ValidationErrors(errors)) }
        return .success(DataReturnRow(indicator: indicator, period: period, series: series, breakdown: breakdown,
                                      group: group, value: value, numerator: numerator, denominator: denominator))
    }

    /// `Statistical neighbours` → `statistical_neighbours`: what people type for a code.
    static func code(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    static func listed(_ indicators: Set<String>) -> String {
        let sorted = indicators.sorted()
        if sorted.isEmpty { return "the indicators set up for the partnership (none are set up yet)" }
        if sorted.count <= indicatorsListed { return sorted.joined(separator: ", ") }
        return sorted.prefix(indicatorsListed).joined(separator: ", ") + " … (\(sorted.count) in all)"
    }

    private static func number(_ text: String, column: Column, required: Bool, fail: (Column, String) -> Void) -> Double? {
        if text.isEmpty {
            if required { fail(column, "Enter the \(column.rawValue): expected a number such as 1234 or 12.5") }
            return nil
        }
        if NumberText.isOutOfRange(text) {
            fail(column, "The \(column.rawValue) \(text.prefix(40))\(text.count > 40 ? "…" : "") is too large: expected a number between -\(NumberText.limitText) and \(NumberText.limitText)")
            return nil
        }
        guard let number = NumberText.parse(text) else {
            fail(column, "The \(column.rawValue) \(text) is not a number: expected a number such as 1234, 1,234 or 12.5, with no % sign or suppression code")
            return nil
        }
        return number
    }
}

/// Reads a data return a record at a time as it streams from `CSVParser`: the header first, then
/// the rows. Keeps every row until the end because an import is all-or-nothing, and stops
/// listing problems after `maximumErrors` so a wholly wrong file cannot exhaust memory.
public struct DataReturnReader: Sendable {
    public static let defaultMaximumErrors = 1000

    public let knownIndicators: Set<String>
    public let maximumErrors: Int
    public private(set) var header: DataReturnHeader?
    public private(set) var rows: [DataReturnRow] = []
    public private(set) var errors: [FieldError] = []
    /// Problems found beyond `maximumErrors`, counted but not listed.
    public private(set) var unlistedErrors = 0
    private var sawHeader = false
    private var firstLineOfKey: [DataReturnKey: Int] = [:]

    /// Says why this submitter may not give figures for an indicator, or nil if they may
    /// (a contributor submits only their own organisation's indicators).
    public let refusal: @Sendable (_ indicator: String) -> String?

    public init(knownIndicators: Set<String>, maximumErrors: Int = DataReturnReader.defaultMaximumErrors,
                refusal: @escaping @Sendable (_ indicator: String) -> String? = { _ in nil }) {
        self.knownIndicators = knownIndicators
        self.maximumErrors = max(1, maximumErrors)
        self.refusal = refusal
    }

    /// Data rows offered after the header, not counting blank ones.
    public private(set) var rowsRead = 0

    public mutating func read(_ fields: [String], line: Int) {
        if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
        guard sawHeader else {
            sawHeader = true
            do {
                header = try DataReturnRow.parse(header: fields)
            } catch {
                record(error.errors)
            }
            return
        }
        // With an unreadable header the rows cannot be read; the header's errors say why.
        guard let header else { return }
        rowsRead += 1
        switch header.row(fields, line: line, knownIndicators: knownIndicators) {
        case .success(let row):
            if let reason = refusal(row.indicator) {
                record([FieldError(field: "indicator", message: reason, line: line)])
            } else if let earlier = firstLineOfKey[row.key] {
                record([FieldError(field: "row", message: "Repeats line \(earlier): the same indicator, period, series, breakdown and group appear twice; expected each figure once", line: line)])
            } else {
                firstLineOfKey[row.key] = line
                if errors.isEmpty { rows.append(row) }
            }
        case .failure(let problems):
            record(problems.errors)
        }
    }

    /// Every row, or every problem (an empty file, or a header with no rows, is a problem too).
    public func result() -> Result<[DataReturnRow], ValidationErrors> {
        var all = errors
        if !sawHeader {
            all.append(FieldError(field: "file", message: "The file is empty: expected a header row naming the columns indicator, period and value, then one row per figure", line: 1))
        } else if header != nil, all.isEmpty, rows.isEmpty {
            all.append(FieldError(field: "file", message: "The file has a header but no figures: expected one row per figure after the header", line: 2))
        }
        if unlistedErrors > 0 {
            all.append(FieldError(field: "file", message: "… and \(unlistedErrors) more \(unlistedErrors == 1 ? "problem" : "problems") not listed: fix these and upload the file again", line: nil))
        }
        return all.isEmpty ? .success(rows) : .failure(ValidationErrors(all))
    }

    private mutating func record(_ problems: [FieldError]) {
        if errors.isEmpty { rows.removeAll() }
        for problem in problems {
            if errors.count < maximumErrors { errors.append(problem) } else { unlistedErrors += 1 }
        }
    }
}

/// Numbers as people and spreadsheets write them: `1234`, `1,234`, `-3`, `12.5`, ` 7 `.
public enum NumberText {
    /// The largest magnitude a figure may have. A 400-digit value used to be stored as infinity and
    /// broke every read of its indicator; below this bound every figure is finite and converts to an
    /// `Int` for display without trapping.
    public static let limit = 1e15
    static let limitText = "999,999,999,999,999"

    /// Nil unless the whole text is one number whose magnitude is below `limit`; commas must group
    /// thousands properly (`1,234` but not `12,34`, which might be a European decimal).
    public static func parse(_ text: String) -> Double? {
        guard let number = parseUnbounded(text), abs(number) < limit else { return nil }
        return number
    }

    /// A well-formed number too large to accept (its own message, not "not a number").
    static func isOutOfRange(_ text: String) -> Bool {
        guard let number = parseUnbounded(text) else { return false }
        return !(abs(number) < limit)
    }

    /// Whether a stored figure can be shown and computed with: finite and within `limit`.
    public static func isAcceptable(_ value: Double) -> Bool { abs(value) < limit }

    private static func parseUnbounded(_ text: String) -> Double? {
        var digits = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard !digits.isEmpty else { return nil }
        var sign = ""
        if digits[0] == UInt8(ascii: "-") || digits[0] == UInt8(ascii: "+") {
            if digits[0] == UInt8(ascii: "-") { sign = "-" }
            digits.removeFirst()
        }
        let point = digits.firstIndex(of: UInt8(ascii: "."))
        let whole = digits[..<(point ?? digits.endIndex)]
        let fraction = point.map { digits[(digits.index(after: $0))...] } ?? []
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard !whole.isEmpty || !fraction.isEmpty, fraction.allSatisfy(isDigit), point == nil || !fraction.isEmpty else { return nil }
        let groups = whole.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        guard groups.allSatisfy({ $0.allSatisfy(isDigit) }) else { return nil }
        let wholeDigits = String(decoding: whole.filter { $0 != UInt8(ascii: ",") }, as: UTF8.self)
        let fractionDigits = String(decoding: fraction, as: UTF8.self)
        return Double(sign + (wholeDigits.isEmpty ? "0" : wholeDigits) + (fractionDigits.isEmpty ? "" : "." + fractionDigits))
    }
}
