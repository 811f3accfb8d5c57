import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every change to an audit's tool, for one viewer. The learning's editors add its questions,
/// cases and agencies; an agency's contributors (and administrators) save its answers. The store
/// writes each change with its audit event in one transaction.
public enum AuditWrites {
    /// Adds a question (`text`, optional `guidance`) to the end of the tool.
    public static func addQuestion(_ viewer: Viewer, to auditID: UUID, fields: [String: String],
                                   _ context: AppContext) async throws -> FormOutcome<AuditToolPage> {
        try viewer.require(.editLearning)
        do {
            let draft = try AuditQuestionDraft.validate(fields)
            try await AuditToolStore.addQuestion(draft, to: auditID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Added the question", id: auditID)
        } catch let errors as ValidationErrors {
            return .rejected(try await AuditToolPage.read(viewer, id: auditID, context), errors.errors)
        }
    }

    /// Adds a case by its local `reference`, which is checked so no child's name is recorded.
    public static func addCase(_ viewer: Viewer, to auditID: UUID, fields: [String: String],
                               _ context: AppContext) async throws -> FormOutcome<AuditToolPage> {
        try viewer.require(.editLearning)
        do {
            try await AuditToolStore.addCase(fields, to: auditID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Added the case", id: auditID)
        } catch let errors as ValidationErrors {
            return .rejected(try await AuditToolPage.read(viewer, id: auditID, context), errors.errors)
        }
    }

    /// Adds an `organisation` of the register (by name) to the agencies taking part.
    public static func addParticipant(_ viewer: Viewer, to auditID: UUID, fields: [String: String],
                                      _ context: AppContext) async throws -> FormOutcome<AuditToolPage> {
        try viewer.require(.editLearning)
        do {
            try await AuditToolStore.addParticipant(fields, to: auditID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Added \(fields["organisation"] ?? "the agency")", id: auditID)
        } catch let errors as ValidationErrors {
            return .rejected(try await AuditToolPage.read(viewer, id: auditID, context), errors.errors)
        }
    }

    /// Saves one agency's grades and comments for one case, replacing its earlier answers; only
    /// whoever answers for the agency may. `id` is the audit's.
    public static func saveAnswers(_ viewer: Viewer, to auditID: UUID, caseID: UUID, organisationID: UUID, fields: [String: String],
                                   _ context: AppContext) async throws -> FormOutcome<AuditAnswersPage> {
        try viewer.require(.answerAudit(owner: OrganisationRef(organisationID.uuidString)))
        do {
            try await AuditToolStore.saveAnswers(fields, to: auditID, case: caseID, organisation: organisationID, in: viewer.partnership,
                                                 by: viewer.actor, on: context.database)
            return .done(message: "Saved the answers", id: auditID)
        } catch let errors as ValidationErrors {
            let page = try await AuditAnswersPage.read(viewer, auditID: auditID, caseID: caseID, organisationID: organisationID, context)
            return .rejected(page, errors.errors)
        }
    }
}
