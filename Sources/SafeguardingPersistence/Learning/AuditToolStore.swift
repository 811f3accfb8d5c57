import FluentKit
import Foundation
import SafeguardingDomain

/// The audit tool of a multi-agency audit: its questions, cases and participating organisations,
/// each organisation's graded answers, and their collation.
public enum AuditToolStore {
    public struct Tool: Sendable {
        public let source: LearningSource
        public let questions: [AuditQuestion]
        public let cases: [AuditCase]
        public let participants: [Organisation]
        public let answers: [AuditAnswer]

        /// Answers per question, per organisation and overall, keyed by question and organisation identifier.
        public var collation: AuditCollation {
            AuditCollation(answers.map {
                AuditCollation.Row(question: $0.$question.id.uuidString, organisation: $0.$organisation.id.uuidString, grade: $0.grade)
            })
        }

        /// Whether an organisation has answered every question for a case.
        public func isComplete(case caseID: UUID, organisation organisationID: UUID) -> Bool {
            let answered = answers.filter { $0.$auditCase.id == caseID && $0.$organisation.id == organisationID }.count
            return !questions.isEmpty && answered >= questions.count
        }

        public func answers(case caseID: UUID, organisation organisationID: UUID) -> [UUID: AuditAnswer] {
            Dictionary(answers.filter { $0.$auditCase.id == caseID && $0.$organisation.id == organisationID }.map { ($0.$question.id, $0) },
                       uniquingKeysWith: { a, _ in a })
        }
    }

    static func audit(_ sourceID: UUID, in partnership: Partnership, on db: any Database) async throws -> LearningSource {
        let source = try await LearningStore.source(sourceID, in: partnership, on: db)
        guard source.kind == .audit else { throw NotFound("audit") }
        return source
    }

    public static func tool(_ sourceID: UUID, in partnership: Partnership, on db: any Database) async throws -> Tool {
        let source = try await audit(sourceID, in: partnership, on: db)
        let questions = try await AuditQuestion.query(on: db).filter(\.$source.$id == sourceID).sort(\.$number).all()
        let cases = try await AuditCase.query(on: db).filter(\.$source.$id == sourceID).sort(\.$reference).all()
        let participants = try await AuditParticipant.query(on: db).filter(\.$source.$id == sourceID).with(\.$organisation).all()
            .map(\.organisation).sorted { $0.name < $1.name }
        let answers = try await AuditAnswer.query(on: db).filter(\.$source.$id == sourceID).all()
        return Tool(source: source, questions: questions, cases: cases, participants: participants, answers: answers)
    }

    public static func addQuestion(_ draft: AuditQuestionDraft, to sourceID: UUID, in partnership: Partnership, by actor: Actor,
                                   on db: any Database) async throws {
        try await db.transaction { tx in
            let source = try await audit(sourceID, in: partnership, on: tx)
            let number = (try await AuditQuestion.query(on: tx).filter(\.$source.$id == sourceID).max(\.$number) ?? 0) + 1
            let question = AuditQuestion()
            question.$partnership.id = source.$partnership.id
            question.$source.id = sourceID
            question.number = number
            question.text = draft.text
            question.guidance = draft.guidance
            try await question.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "audit_question", subjectID: question.id?.uuidString,
                                        summary: "Added question \(number) to the audit tool of \(source.title)")
        }
    }

    /// Adds a case by its local reference; the reference is checked so no child's name is recorded.
    public static func addCase(_ fields: [String: String], to sourceID: UUID, in partnership: Partnership, by actor: Actor,
                               on db: any Database) async throws {
        var v = Validator()
        let reference = CaseReference.validate(fields["reference"], validator: &v)
        try v.finish()
        try await db.transaction { tx in
            let source = try await audit(sourceID, in: partnership, on: tx)
            if try await AuditCase.query(on: tx).filter(\.$source.$id == sourceID).filter(\.$reference == reference!).count() > 0 {
                throw ValidationErrors([FieldError(field: "reference", message: "Case \(reference!) is already in this audit")])
            }
            let auditCase = AuditCase()
            auditCase.$partnership.id = source.$partnership.id
            auditCase.$source.id = sourceID
            auditCase.reference = reference!
            try await auditCase.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "audit_case", subjectID: auditCase.id?.uuidString,
                                        summary: "Added case \(reference!) to \(source.title)")
        }
    }

    public static func addParticipant(_ fields: [String: String], to sourceID: UUID, in partnership: Partnership, by actor: Actor,
                                      on db: any Database) async throws {
        let text = (fields["organisation"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ValidationErrors([FieldError(field: "organisation", message: "Select the organisation taking part")]) }
        try await db.transaction { tx in
            let source = try await audit(sourceID, in: partnership, on: tx)
            let organisation = try await LearningStore.owner(text, field: "organisation", in: partnership, on: tx)
            let organisationID = try organisation.requireID()
            if try await AuditParticipant.query(on: tx).filter(\.$source.$id == sourceID).filter(\.$organisation.$id == organisationID).count() > 0 {
                throw ValidationErrors([FieldError(field: "organisation", message: "\(organisation.name) already takes part in this audit")])
            }
            let participant = AuditParticipant()
            participant.$partnership.id = source.$partnership.id
            participant.$source.id = sourceID
            participant.$organisation.id = organisationID
            try await participant.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "audit_participant", subjectID: participant.id?.uuidString,
                                        summary: "\(organisation.name) takes part in \(source.title)")
        }
    }

    /// Saves one organisation's answers for one case, replacing earlier answers to the same questions.
    public static func saveAnswers(_ fields: [String: String], to sourceID: UUID, case caseID: UUID, organisation organisationID: UUID,
                                   in partnership: Partnership, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            let tool = try await tool(sourceID, in: partnership, on: tx)
            guard let auditCase = tool.cases.first(where: { $0.id == caseID }) else { throw NotFound("audit case") }
            guard let organisation = tool.participants.first(where: { $0.id == organisationID }) else { throw NotFound("audit participant") }
            guard !tool.questions.isEmpty else {
                throw ValidationErrors([FieldError(field: "questions", message: "The audit tool has no questions yet")])
            }
            let sheet = try AuditAnswerSheet.validate(fields, questions: tool.questions.map { ($0.id!.uuidString.lowercased(), $0.number) })
            let existing = tool.answers(case: caseID, organisation: organisationID)
            for question in tool.questions {
                guard let answer = sheet.answers[question.id!.uuidString.lowercased()] else { continue }
                let row = existing[question.id!] ?? AuditAnswer()
                row.$partnership.id = tool.source.$partnership.id
                row.$source.id = sourceID
                row.$auditCase.id = caseID
                row.$question.id = question.id!
                row.$organisation.id = organisationID
                row.grade = answer.grade
                row.comment = answer.comment
                row.answeredBy = actor.email
                row.answeredAt = Date()
                try await row.save(on: tx)
            }
            try await AuditTrail.record(on: tx, partnershipID: tool.source.$partnership.id, actor: actor, action: existing.isEmpty ? "create" : "update",
                                        subjectType: "audit_answers", subjectID: caseID.uuidString,
                                        summary: "\(organisation.name) answered the audit tool of \(tool.source.title) for case \(auditCase.reference)")
        }
    }
}
