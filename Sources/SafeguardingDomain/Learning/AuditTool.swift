/// The multi-agency audit tool: questions answered per case by each participating agency, with a
/// grade and a comment, collated per question and per agency.

public enum AuditGrade: String, CaseIterable, Codable, Sendable {
    case outstanding
    case good
    case requiresImprovement = "requires_improvement"
    case inadequate

    public var label: String {
        switch self {
        case .outstanding: "Outstanding"
        case .good: "Good"
        case .requiresImprovement: "Requires improvement"
        case .inadequate: "Inadequate"
        }
    }

    /// Good or outstanding: what the partnership reports as "good or better".
    public var isGoodOrBetter: Bool { self == .outstanding || self == .good }
}

/// A case in an audit, named by the local case reference only: never a child's name.
public enum CaseReference {
    public static let rule = "Use the local case reference only (letters, digits, - and /, up to 30 characters), never a child's name"

    public static func validate(_ raw: String?, field: String = "reference", validator v: inout Validator) -> String? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { v.add(field, "Enter the case's local reference"); return nil }
        let allowed = text.count <= 30 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") }
        guard allowed, text.contains(where: \.isNumber) else { v.add(field, rule); return nil }
        return text.uppercased()
    }
}

/// A question of the audit tool.
public struct AuditQuestionDraft: Sendable, Equatable {
    public var text: String
    public var guidance: String?

    public init(text: String, guidance: String? = nil) {
        self.text = text
        self.guidance = guidance
    }

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> AuditQuestionDraft {
        var v = Validator()
        let text = v.requiredText(fields["text"], field: "text", missing: "Enter the question", maxLength: 1000)
        let guidance = v.optionalText(fields["guidance"], field: "guidance", maxLength: 2000)
        try v.finish()
        return AuditQuestionDraft(text: text, guidance: guidance)
    }
}

/// One agency's answers for one case: a grade and a comment per question.
public struct AuditAnswerSheet: Sendable, Equatable {
    public struct Answer: Sendable, Equatable {
        public var grade: AuditGrade
        public var comment: String?
        public init(grade: AuditGrade, comment: String? = nil) {
            self.grade = grade
            self.comment = comment
        }
    }

    /// Answer per question identifier.
    public var answers: [String: Answer]

    /// Reads `grade-<question id>` and `comment-<question id>` for each question; every question needs a grade.
    public static func validate(_ fields: [String: String], questions: [(id: String, number: Int)]) throws(ValidationErrors) -> AuditAnswerSheet {
        var v = Validator()
        var answers: [String: Answer] = [:]
        for question in questions {
            let gradeField = "grade-\(question.id)"
            let grade: AuditGrade? = v.choice(fields[gradeField], field: gradeField, missing: "Select a grade for question \(question.number)")
            let comment = v.optionalText(fields["comment-\(question.id)"], field: "comment-\(question.id)", maxLength: 4000)
            if let grade { answers[question.id] = Answer(grade: grade, comment: comment) }
        }
        try v.finish()
        return AuditAnswerSheet(answers: answers)
    }
}

/// How many answers got each grade.
public struct GradeSpread: Sendable, Equatable {
    public private(set) var counts: [AuditGrade: Int] = [:]
    public init() {}

    public mutating func add(_ grade: AuditGrade) { counts[grade, default: 0] += 1 }
    public func count(_ grade: AuditGrade) -> Int { counts[grade] ?? 0 }
    public var total: Int { counts.values.reduce(0, +) }
    public var goodOrBetter: Int { counts.filter { $0.key.isGoodOrBetter }.values.reduce(0, +) }

    /// Whole-number percentage of answers good or better; nil when there are no answers.
    public var percentGoodOrBetter: Int? {
        guard total > 0 else { return nil }
        return Int((Double(goodOrBetter) * 100 / Double(total)).rounded())
    }
}

/// The audit's answers collated per question, per agency and overall.
public struct AuditCollation: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var question: String
        public var organisation: String
        public var grade: AuditGrade
        public init(question: String, organisation: String, grade: AuditGrade) {
            self.question = question
            self.organisation = organisation
            self.grade = grade
        }
    }

    public private(set) var byQuestion: [String: GradeSpread] = [:]
    public private(set) var byOrganisation: [String: GradeSpread] = [:]
    public private(set) var overall = GradeSpread()

    public init(_ rows: [Row]) {
        for row in rows {
            byQuestion[row.question, default: GradeSpread()].add(row.grade)
            byOrganisation[row.organisation, default: GradeSpread()].add(row.grade)
            overall.add(row.grade)
        }
    }
}
