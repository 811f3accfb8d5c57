import Foundation

/// The survey engine: questions, one response per submission, and results counted per answer.

public enum SurveyQuestionKind: String, CaseIterable, Codable, Sendable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case scale
    case freeText = "free_text"

    public var label: String {
        switch self {
        case .singleChoice: "Choose one"
        case .multipleChoice: "Choose any"
        case .scale: "Scale"
        case .freeText: "Free text"
        }
    }
}

/// A survey question as the engine uses it: its options are the choices, or the scale's points.
public struct SurveyQuestion: Sendable, Equatable {
    public var id: String
    public var number: Int
    public var text: String
    public var kind: SurveyQuestionKind
    public var options: [String]
    public var isRequired: Bool
    public var isDemographic: Bool

    public init(id: String, number: Int, text: String, kind: SurveyQuestionKind, options: [String], isRequired: Bool, isDemographic: Bool = false) {
        self.id = id
        self.number = number
        self.text = text
        self.kind = kind
        self.options = options
        self.isRequired = isRequired
        self.isDemographic = isDemographic
    }

    /// The form field of a single choice, scale or free text answer: `q-<id>`; a multiple choice
    /// question has one checkbox per option, `q-<id>-<option index>`.
    public var field: String { "q-\(id)" }
    public func optionField(_ index: Int) -> String { "q-\(id)-\(index)" }
}

/// A question as a survey's author submits it.
public struct SurveyQuestionDraft: Sendable, Equatable {
    public var text: String
    public var kind: SurveyQuestionKind
    public var options: [String]
    public var isRequired: Bool
    public var isDemographic: Bool

    public init(text: String, kind: SurveyQuestionKind, options: [String], isRequired: Bool, isDemographic: Bool) {
        self.text = text
        self.kind = kind
        self.options = options
        self.isRequired = isRequired
        self.isDemographic = isDemographic
    }

    /// Reads `text`, `kind`, `options` (one per line; for a scale, its points from low to high,
    /// or empty for 1 to 5), `required` and `demographic` (`yes` when ticked).
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> SurveyQuestionDraft {
        var v = Validator()
        let text = v.requiredText(fields["text"], field: "text", missing: "Enter the question", maxLength: 1000)
        let kind: SurveyQuestionKind? = v.choice(fields["kind"], field: "kind", missing: "Select the type of question")
        var options = v.lines(fields["options"], field: "options", maxItems: 20, maxLength: 200)
        if Set(options.map { $0.lowercased() }).count != options.count {
            v.add("options", "Each option must be different")
        }
        switch kind {
        case .singleChoice?, .multipleChoice?:
            if options.count < 2 { v.add("options", "Give at least two options, one per line") }
        case .scale?:
            if options.isEmpty { options = ["1", "2", "3", "4", "5"] }
            if options.count < 3 || options.count > 11 { v.add("options", "A scale has 3 to 11 points, one per line, from low to high") }
        case .freeText?:
            options = []
        case nil:
            break
        }
        try v.finish()
        return SurveyQuestionDraft(text: text, kind: kind!, options: options, isRequired: fields["required"] == "yes",
                                   isDemographic: fields["demographic"] == "yes")
    }
}

/// One person's response: the chosen option indexes or the text, per question identifier.
public struct SurveyResponseDraft: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        case choices([Int])
        case text(String)
    }

    public var answers: [String: Answer]

    public init(answers: [String: Answer]) { self.answers = answers }

    /// Reads a response against its questions. A single choice or scale answer is the option's index
    /// (`q-<id>` = `2`); a multiple choice is ticked boxes `q-<id>-<index>` = `yes`.
    public static func validate(_ fields: [String: String], questions: [SurveyQuestion]) throws(ValidationErrors) -> SurveyResponseDraft {
        var v = Validator()
        var answers: [String: Answer] = [:]
        for question in questions {
            switch question.kind {
            case .singleChoice, .scale:
                let raw = (fields[question.field] ?? "").trimmingCharacters(in: .whitespaces)
                if raw.isEmpty {
                    if question.isRequired { v.add(question.field, "Answer question \(question.number): choose one option") }
                } else if let index = Int(raw), question.options.indices.contains(index) {
                    answers[question.id] = .choices([index])
                } else {
                    v.add(question.field, "Question \(question.number): choose one of the options given")
                }
            case .multipleChoice:
                let chosen = question.options.indices.filter { fields[question.optionField($0)] == "yes" }
                if chosen.isEmpty {
                    if question.isRequired { v.add(question.field, "Answer question \(question.number): tick at least one option") }
                } else {
                    answers[question.id] = .choices(chosen)
                }
            case .freeText:
                if let text = v.optionalText(fields[question.field], field: question.field, maxLength: 4000) {
                    answers[question.id] = .text(text)
                } else if question.isRequired {
                    v.add(question.field, "Answer question \(question.number)")
                }
            }
        }
        try v.finish()
        return SurveyResponseDraft(answers: answers)
    }
}

/// The results of a survey: for each question, how many chose each option and what share that is
/// of the people who answered it, and the free-text answers.
public struct SurveyResults: Sendable, Equatable {
    public struct OptionCount: Sendable, Equatable {
        public var option: String
        public var count: Int
        /// Share of the people who answered the question, 0 to 100.
        public var percent: Double
    }

    public struct QuestionResult: Sendable, Equatable {
        public var question: SurveyQuestion
        public var answered: Int
        public var options: [OptionCount]
        public var texts: [String]
        /// For a scale: the mean point, counting the first point as 1.
        public var mean: Double?
    }

    public var responses: Int
    public var questions: [QuestionResult]

    public init(questions: [SurveyQuestion], responses: [SurveyResponseDraft]) {
        self.responses = responses.count
        self.questions = questions.map { question in
            var counts = Array(repeating: 0, count: question.options.count)
            var answered = 0
            var texts: [String] = []
            var pointTotal = 0
            for response in responses {
                switch response.answers[question.id] {
                case .choices(let indexes)?:
                    answered += 1
                    for index in indexes where counts.indices.contains(index) {
                        counts[index] += 1
                        pointTotal += index + 1
                    }
                case .text(let text)?:
                    answered += 1
                    texts.append(text)
                case nil:
                    break
                }
            }
            let options = zip(question.options, counts).map { option, count in
                OptionCount(option: option, count: count, percent: answered == 0 ? 0 : Double(count) * 100 / Double(answered))
            }
            let mean = question.kind == .scale && answered > 0 ? Double(pointTotal) / Double(answered) : nil
            return QuestionResult(question: question, answered: answered, options: options, texts: texts, mean: mean)
        }
    }

    /// One row per response and one column per question; multiple choices joined with `; `.
    public static func csv(questions: [SurveyQuestion], responses: [(submittedOn: CalendarDate, answers: SurveyResponseDraft)]) -> String {
        var rows: [[String]] = [["response", "submitted_on"] + questions.map { "Q\($0.number) \($0.text)" }]
        for (number, response) in responses.enumerated() {
            var row = [String(number + 1), response.submittedOn.description]
            for question in questions {
                switch response.answers.answers[question.id] {
                case .choices(let indexes)?:
                    row.append(indexes.compactMap { question.options.indices.contains($0) ? question.options[$0] : nil }.joined(separator: "; "))
                case .text(let text)?:
                    row.append(text)
                case nil:
                    row.append("")
                }
            }
            rows.append(row)
        }
        return CSVWriter.write(rows)
    }
}
