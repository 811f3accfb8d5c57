import FluentKit
import Foundation
import SafeguardingDomain

/// Surveys: their questions, the link that works without an account, anonymous responses and results.
public enum SurveyStore {
    public struct Detail: Sendable {
        public let survey: Survey
        public let source: LearningSource
        public let questions: [SurveyQuestion]
        public let responseCount: Int
    }

    public static func create(_ draft: SourceDraft, introduction: String?, maximumResponses: Int = SurveyLimits.defaultMaximumResponses,
                              in partnership: Partnership, isIllustrative: Bool = false, by actor: Actor, on db: any Database) async throws -> Survey {
        guard draft.kind == .survey else {
            throw ValidationErrors([FieldError(field: "kind", message: "A survey's kind is survey")])
        }
        return try await db.transaction { tx in
            let source = try await LearningStore.createSource(draft, in: partnership, isIllustrative: isIllustrative, by: actor, on: tx)
            let survey = Survey()
            survey.$partnership.id = source.$partnership.id
            survey.$source.id = try source.requireID()
            survey.introduction = introduction
            survey.publicToken = Hex.random(bytes: 16)  // 128 bits: the link cannot be guessed
            survey.isOpen = false
            survey.maximumResponses = maximumResponses
            try await survey.create(on: tx)
            return survey
        }
    }

    public static func survey(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> Survey {
        guard let survey = try await Survey.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnership.requireID()).first() else { throw NotFound("survey") }
        return survey
    }

    public static func detail(_ survey: Survey, on db: any Database) async throws -> Detail {
        let source = try await survey.$source.get(on: db)
        let questions = try await SurveyQuestionRecord.query(on: db).filter(\.$survey.$id == survey.requireID()).sort(\.$number).all()
        let responses = try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).count()
        return Detail(survey: survey, source: source, questions: questions.map(\.question), responseCount: responses)
    }

    /// The survey a public link names, with its partnership; nil for an unknown token.
    public static func survey(token: String, on db: any Database) async throws -> Survey? {
        guard token.count == 32, token.allSatisfy(\.isHexDigit) else { return nil }
        return try await Survey.query(on: db).filter(\.$publicToken == token.lowercased()).with(\.$partnership).first()
    }

    public static func addQuestion(_ draft: SurveyQuestionDraft, to surveyID: UUID, in partnership: Partnership, by actor: Actor,
                                   on db: any Database) async throws {
        try await db.transaction { tx in
            let survey = try await survey(surveyID, in: partnership, on: tx)
            if try await SurveyResponse.query(on: tx).filter(\.$survey.$id == surveyID).count() > 0 {
                throw ValidationErrors([FieldError(field: "text", message: "The survey already has responses: questions cannot be added now, so every response answers the same survey")])
            }
            let number = (try await SurveyQuestionRecord.query(on: tx).filter(\.$survey.$id == surveyID).max(\.$number) ?? 0) + 1
            let question = SurveyQuestionRecord()
            question.$partnership.id = survey.$partnership.id
            question.$survey.id = surveyID
            question.number = number
            question.text = draft.text
            question.kind = draft.kind
            question.options = draft.options.joined(separator: "\n")
            question.isRequired = draft.isRequired
            question.isDemographic = draft.isDemographic
            try await question.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: survey.$partnership.id, actor: actor, action: "create",
                                        subjectType: "survey_question", subjectID: question.id?.uuidString,
                                        summary: "Added question \(number) to a survey")
        }
    }

    public static func setOpen(_ isOpen: Bool, surveyID: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            let survey = try await survey(surveyID, in: partnership, on: tx)
            if isOpen, try await SurveyQuestionRecord.query(on: tx).filter(\.$survey.$id == surveyID).count() == 0 {
                throw ValidationErrors([FieldError(field: "open", message: "Add at least one question before opening the survey")])
            }
            let before = survey.isOpen
            survey.isOpen = isOpen
            try await survey.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: survey.$partnership.id, actor: actor, action: "update",
                                        subjectType: "survey", subjectID: surveyID.uuidString,
                                        summary: isOpen ? "Opened a survey for responses" : "Closed a survey",
                                        changes: ["is_open": (String(before), String(isOpen))])
        }
    }

    /// Saves an anonymous response: nothing about the person is kept, only the day.
    public static func respond(_ fields: [String: String], to survey: Survey, on db: any Database, today: CalendarDate) async throws {
        guard survey.isOpen else {
            throw ValidationErrors([FieldError(field: "survey", message: "This survey is closed and no longer takes responses")])
        }
        let records = try await SurveyQuestionRecord.query(on: db).filter(\.$survey.$id == survey.requireID()).sort(\.$number).all()
        let draft = try SurveyResponseDraft.validate(fields, questions: records.map(\.question))
        try await store(draft, for: survey, records: records, on: db, submittedOn: today)
    }

    /// The refusal a survey that has all the responses it takes gives.
    static func full(_ survey: Survey) -> ValidationErrors {
        ValidationErrors([FieldError(field: "survey", message: "This survey has all the responses it takes (\(survey.responseLimit)) and no longer accepts answers. Thank you for your time.")])
    }

    static func store(_ draft: SurveyResponseDraft, for survey: Survey, records: [SurveyQuestionRecord], on db: any Database,
                      submittedOn: CalendarDate) async throws {
        try await db.transaction { tx in
            // Counted in the same transaction as the insert, so the limit holds for answers arriving together.
            if try await SurveyResponse.query(on: tx).filter(\.$survey.$id == survey.requireID()).count() >= survey.responseLimit {
                throw full(survey)
            }
            let response = SurveyResponse()
            response.$partnership.id = survey.$partnership.id
            response.$survey.id = try survey.requireID()
            response.submittedOn = submittedOn.description
            try await response.create(on: tx)
            var rows: [SurveyAnswer] = []
            for record in records {
                guard let answer = draft.answers[record.id!.uuidString.lowercased()] else { continue }
                let row = SurveyAnswer()
                row.$partnership.id = survey.$partnership.id
                row.$response.id = try response.requireID()
                row.$question.id = try record.requireID()
                switch answer {
                case .choices(let indexes): row.choices = indexes.map(String.init).joined(separator: ",")
                case .text(let text): row.text = text
                }
                rows.append(row)
            }
            if !rows.isEmpty { try await rows.create(on: tx) }
        }
    }

    /// Every response read back into the domain's form, oldest first.
    public static func responses(_ survey: Survey, on db: any Database) async throws -> [(submittedOn: CalendarDate, answers: SurveyResponseDraft)] {
        let surveyID = try survey.requireID()
        let responses = try await SurveyResponse.query(on: db).filter(\.$survey.$id == surveyID).sort(\.$submittedOn).all()
        let ids = responses.compactMap(\.id)
        var byResponse: [UUID: [String: SurveyResponseDraft.Answer]] = [:]
        // Large surveys: read the answers in slices so the IN list stays within SQLite's variable limit.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(ids.count, start + 500)])
            for row in try await SurveyAnswer.query(on: db).filter(\.$response.$id ~~ slice).all() {
                let key = row.$question.id.uuidString.lowercased()
                if let choices = row.choices {
                    byResponse[row.$response.id, default: [:]][key] = .choices(choices.split(separator: ",").compactMap { Int($0) })
                } else if let text = row.text {
                    byResponse[row.$response.id, default: [:]][key] = .text(text)
                }
            }
        }
        return responses.map { response in
            (CalendarDate(iso: response.submittedOn) ?? CalendarDate(year: 2000, month: 1, day: 1)!,
             SurveyResponseDraft(answers: byResponse[response.id!] ?? [:]))
        }
    }

    public static func results(_ survey: Survey, on db: any Database) async throws -> (Detail, SurveyResults) {
        let detail = try await detail(survey, on: db)
        let responses = try await responses(survey, on: db)
        return (detail, SurveyResults(questions: detail.questions, responses: responses.map(\.answers)))
    }

    public static func csv(_ survey: Survey, on db: any Database) async throws -> String {
        let detail = try await detail(survey, on: db)
        return SurveyResults.csv(questions: detail.questions, responses: try await responses(survey, on: db))
    }

    /// Every survey of the partnership with its questions and response count, in four queries however many there are.
    public static func surveys(_ partnership: Partnership, on db: any Database) async throws -> [Detail] {
        let pid = try partnership.requireID()
        let surveys = try await Survey.query(on: db).filter(\.$partnership.$id == pid).with(\.$source).all()
        let questions = Dictionary(grouping: try await SurveyQuestionRecord.query(on: db).filter(\.$partnership.$id == pid).sort(\.$number).all(),
                                   by: { $0.$survey.id })
        let responses = Dictionary(grouping: try await SurveyResponse.query(on: db).filter(\.$partnership.$id == pid).field(\.$id).field(\.$survey.$id).all(),
                                   by: { $0.$survey.id })
        return surveys.map { survey in
            Detail(survey: survey, source: survey.source, questions: (questions[survey.id!] ?? []).map(\.question),
                   responseCount: responses[survey.id!]?.count ?? 0)
        }.sorted { ($0.source.reportingYear, $0.source.title) > ($1.source.reportingYear, $1.source.title) }
    }
}
