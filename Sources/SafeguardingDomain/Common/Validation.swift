import Foundation

/// One problem with one field of a form, an API body or an import row.
public struct FieldError: Error, Equatable, Sendable, Codable {
    /// The field's name as the form or the API names it (`name`, `amount`).
    public let field: String
    /// What was wrong and what was expected, in words a user reads.
    public let message: String
    /// The line of an import file, counting the header as line 1; nil for forms and API bodies.
    public let line: Int?

    public init(field: String, message: String, line: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
    }
}

/// Every problem found with one submission, so a user can fix them all at once.
public struct ValidationErrors: Error, Equatable, Sendable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }

    public func message(for field: String) -> String? { errors.first { $0.field == field }?.message }
}

/// Collects field errors while a submission is read into a domain value.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// A required piece of text, trimmed, at most `maxLength` characters.
    public mutating func requiredText(_ value: String?, field: String, missing: String, maxLength: Int = 200) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(field, missing)
        } else if let problem = TextInput.controlCharacterProblem(trimmed, field: field) {
            add(field, problem)
        } else if trimmed.count > maxLength {
            add(field, "\(field.capitalized) must be \(maxLength) characters or fewer")
        }
        return trimmed
    }

    public mutating func optionalText(_ value: String?, field: String, maxLength: Int = 2000) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = TextInput.controlCharacterProblem(trimmed, field: field) {
            add(field, problem)
        } else if trimmed.count > maxLength { add(field, "\(field.capitalized) must be \(maxLength) characters or fewer") }
        return trimmed.isEmpty ? nil : trimmed
    }

    public mutating func choice<T: RawRepresentable>(_ value: String?, field: String, missing: String) -> T? where T.RawValue == String, T: CaseIterable {
        guard let value, !value.isEmpty else { add(field, missing); return nil }
        guard let choice = T(rawValue: value) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            add(field, "\(missing): expected one of \(allowed)")
            return nil
        }
        return choice
    }

    public func finish() throws(ValidationErrors) {
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

extension Validator {
    /// A date given either as ISO text in `field` (the API: `2024-05-31`) or in three boxes
    /// `field-day`, `field-month`, `field-year` (the pages, as GOV.UK asks for dates). `invalid`
    /// replaces the message for a date that is not real.
    public mutating func date(_ fields: [String: String], field: String, required: Bool, missing: String,
                              invalid: String? = nil) -> CalendarDate? {
        if let iso = fields[field]?.trimmingCharacters(in: .whitespaces), !iso.isEmpty {
            guard let date = CalendarDate(iso: iso) else {
                add(field, invalid ?? "\(missing): expected a real date written as YYYY-MM-DD, like 2024-05-31")
                return nil
            }
            return date
        }
        let parts = ["day", "month", "year"].map { (fields["\(field)-\($0)"] ?? "").trimmingCharacters(in: .whitespaces) }
        if parts.allSatisfy(\.isEmpty) {
            if required { add(field, missing) }
            return nil
        }
        guard let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4,
              let date = CalendarDate(year: year, month: month, day: day) else {
            add(field, invalid ?? "\(missing): the date must be a real date, like 31 5 2024")
            return nil
        }
        return date
    }

    /// Text with one item per line, blank lines dropped: terms of reference, answer options.
    public mutating func lines(_ value: String?, field: String, maxItems: Int = 40, maxLength: Int = 500) -> [String] {
        let items = (value ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if let problem = TextInput.controlCharacterProblem(value ?? "", field: field) { add(field, problem) }
        if items.count > maxItems { add(field, "Give at most \(maxItems) lines") }
        if items.contains(where: { $0.count > maxLength }) { add(field, "Each line must be \(maxLength) characters or fewer") }
        return items
    }
}

/// What text a person can type: no control characters (a NUL byte ends a string in the database and
/// in C libraries, so "Name\u{0}x" and "Name" would be stored alike), tabs and line breaks aside.
public enum TextInput {
    /// The problem with `text` in words, naming the first control character by its code; nil when none.
    public static func controlCharacterProblem(_ text: String, field: String) -> String? {
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !allowed.contains($0) })
        else { return nil }
        let code = String(bad.value, radix: 16, uppercase: true)
        return "\(field.capitalized) contains a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)): type it again without it"
    }
}

public enum EmailAddress {
    /// A pragmatic check: one `@`, a non-empty local part, a domain with a dot, no spaces.
    public static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, trimmed.count <= 254,
              !trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) else { return nil }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        return trimmed
    }
}

public enum Slug {
    /// Lowercase letters, digits and single hyphens: what a partnership's address uses.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 60, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

public enum LocalAuthorityCode {
    /// ONS codes for English local authorities: E06, E07, E08, E09 or E10 followed by six digits.
    public static func isValid(_ text: String) -> Bool {
        guard text.count == 9, text.hasPrefix("E") else { return false }
        let prefix = text.prefix(3)
        return ["E06", "E07", "E08", "E09", "E10"].contains(String(prefix)) && text.dropFirst(3).allSatisfy(\.isASCIIDigit)
    }
}
