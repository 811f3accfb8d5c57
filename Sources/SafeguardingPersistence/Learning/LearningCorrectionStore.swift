import FluentKit
import Foundation
import SafeguardingDomain

/// Withdrawal's columns on the learning tracker's tables (see `Withdrawal`).
struct UpdateLearningAddWithdrawal: AsyncMigration {
    static let tables = [LearningSource.schema, Finding.schema, Recommendation.schema, LearningAction.schema]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await Withdrawal.addColumns(to: table, on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables { try await Withdrawal.removeColumns(from: table, on: database) }
    }
}

/// Correcting the learning tracker: a finding, recommendation or action changed after it was
/// added (the audit log keeps the old and new values), withdrawn with a reason, or restored. A
/// withdrawn record leaves every list, count and report by Fluent's soft delete; a record may not
/// be withdrawn while records hang from it (they would be left pointing at nothing).
public enum LearningCorrectionStore {
    /// A withdrawn record, for the administrators' list.
    public struct WithdrawnRecord: Sendable {
        public let kind: LearningRecordKind
        public let id: UUID
        /// What it said: the finding's or recommendation's text, the action's description.
        public let text: String
        /// The source it belongs to.
        public let sourceTitle: String
        public let reason: String
        public let withdrawnBy: String
        public let withdrawnAt: Date
    }

    // MARK: Findings

    public static func finding(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> Finding {
        guard let finding = try await Finding.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID()).first()
        else { throw NotFound("finding") }
        return finding
    }

    static func fields(of finding: Finding) -> [String: String?] {
        ["kind": finding.kind.rawValue, "text": finding.text, "themes": finding.themes]
    }

    public static func updateFinding(_ id: UUID, with draft: FindingDraft, in partnership: Partnership, by actor: Actor,
                                     on db: any Database) async throws {
        try await db.transaction { tx in
            let finding = try await finding(id, in: partnership, on: tx)
            let before = fields(of: finding)
            finding.kind = draft.kind
            finding.text = draft.text
            finding.themes = draft.themes.joined(separator: ", ")
            try await finding.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: finding.$partnership.id, actor: actor, action: "update",
                                        subjectType: "finding", subjectID: id.uuidString, summary: "Changed a finding",
                                        changes: AuditTrail.diff(before, fields(of: finding)))
        }
    }

    /// A finding can always be withdrawn: a recommendation that answered it stands on its own.
    public static func withdrawFinding(_ id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                       on db: any Database) async throws {
        let finding = try await finding(id, in: partnership, on: db)
        try await Withdrawal.withdraw(finding, reason: reason, partnershipID: finding.$partnership.id, actor: actor,
                                      subjectType: "finding", subjectID: id.uuidString, summary: "Withdrew a finding: \(reason)", on: db)
    }

    // MARK: Recommendations

    static func fields(of recommendation: Recommendation) -> [String: String?] {
        ["text": recommendation.text, "finding": recommendation.$finding.id?.uuidString]
    }

    public static func updateRecommendation(_ id: UUID, with draft: RecommendationDraft, in partnership: Partnership, by actor: Actor,
                                            on db: any Database) async throws {
        try await db.transaction { tx in
            let recommendation = try await LearningStore.recommendation(id, in: partnership, on: tx)
            var findingID: UUID?
            if let text = draft.finding {
                guard let found = UUID(uuidString: text),
                      try await Finding.query(on: tx).filter(\.$id == found).filter(\.$source.$id == recommendation.$source.id).count() == 1 else {
                    throw ValidationErrors([FieldError(field: "finding", message: "Select one of this source's findings, or none")])
                }
                findingID = found
            }
            let before = fields(of: recommendation)
            recommendation.text = draft.text
            recommendation.$finding.id = findingID
            try await recommendation.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: recommendation.$partnership.id, actor: actor, action: "update",
                                        subjectType: "recommendation", subjectID: id.uuidString,
                                        summary: "Changed recommendation \(recommendation.number) of \(recommendation.source.title)",
                                        changes: AuditTrail.diff(before, fields(of: recommendation)))
        }
    }

    /// Refused while actions answer it: each is withdrawn first, so none is left without its recommendation.
    public static func withdrawRecommendation(_ id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                              on db: any Database) async throws {
        let recommendation = try await LearningStore.recommendation(id, in: partnership, on: db)
        let actions = try await LearningAction.query(on: db).filter(\.$recommendation.$id == id).count()
        guard actions == 0 else {
            throw ValidationErrors([FieldError(field: "reason", message: "Withdraw the recommendation's \(actions == 1 ? "action" : "\(actions) actions") first: "
                                               + "an action cannot be left without its recommendation")])
        }
        try await Withdrawal.withdraw(recommendation, reason: reason, partnershipID: recommendation.$partnership.id, actor: actor,
                                      subjectType: "recommendation", subjectID: id.uuidString,
                                      summary: "Withdrew recommendation \(recommendation.number) of \(recommendation.source.title): \(reason)", on: db)
    }

    // MARK: Actions

    static func fields(of action: LearningAction) -> [String: String?] {
        ["text": action.text, "owner_organisation": action.$ownerOrganisation.id.uuidString, "owner": action.owner, "due_on": action.dueOn]
    }

    /// Changes what an action is, who owns it and when it is due; its status and history are changed
    /// by the status form, and the day it was raised stays what its history says.
    public static func updateAction(_ id: UUID, with draft: ActionDraft, in partnership: Partnership, by actor: Actor,
                                    on db: any Database) async throws {
        try await db.transaction { tx in
            let action = try await LearningStore.action(id, in: partnership, on: tx).action
            let organisation = try await LearningStore.owner(draft.ownerOrganisation, field: "owner_organisation", in: partnership, on: tx)
            if let raised = action.raised, draft.dueOn < raised {
                throw ValidationErrors([FieldError(field: "due_on", message: "The due date must be on or after the day the action was raised (\(raised.long))")])
            }
            let before = fields(of: action)
            action.text = draft.text
            action.$ownerOrganisation.id = try organisation.requireID()
            action.owner = draft.owner
            action.dueOn = draft.dueOn.description
            action.updatedAt = Date()
            try await action.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: action.$partnership.id, actor: actor, action: "update",
                                        subjectType: "action", subjectID: id.uuidString, summary: "Changed an action of \(organisation.name)",
                                        changes: AuditTrail.diff(before, fields(of: action)))
        }
    }

    /// A withdrawn action leaves every year's counts: the report reads histories of current actions only.
    public static func withdrawAction(_ id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                      on db: any Database) async throws {
        let detail = try await LearningStore.action(id, in: partnership, on: db)
        try await Withdrawal.withdraw(detail.action, reason: reason, partnershipID: detail.action.$partnership.id, actor: actor,
                                      subjectType: "action", subjectID: id.uuidString,
                                      summary: "Withdrew an action of \(detail.organisation.name): \(reason)", on: db)
    }

    // MARK: Withdrawn records

    /// Every withdrawn finding, recommendation and action of the partnership, latest withdrawal first.
    public static func withdrawn(_ partnership: Partnership, on db: any Database) async throws -> [WithdrawnRecord] {
        let pid = try partnership.requireID()
        let findings = try await Finding.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all()
        let recommendations = try await Recommendation.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all()
        let actions = try await LearningAction.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all()
        let sourceIDs = Set(findings.map(\.$source.id) + recommendations.map(\.$source.id) + actions.map(\.$source.id))
        let titles = sourceIDs.isEmpty ? [:] : Dictionary(
            try await LearningSource.query(on: db).withDeleted().filter(\.$id ~~ Array(sourceIDs)).field(\.$id).field(\.$title).all()
                .compactMap { s in s.id.map { ($0, s.title) } }, uniquingKeysWith: { a, _ in a })
        func record<M: Withdrawable>(_ kind: LearningRecordKind, _ model: M, id: UUID?, text: String, source: UUID) -> WithdrawnRecord? {
            id.map { WithdrawnRecord(kind: kind, id: $0, text: text, sourceTitle: titles[source] ?? "", reason: model.withdrawnReason ?? "",
                                     withdrawnBy: model.withdrawnBy ?? "", withdrawnAt: model.withdrawnAt ?? Date()) }
        }
        let all = findings.compactMap { record(.finding, $0, id: $0.id, text: $0.text, source: $0.$source.id) }
            + recommendations.compactMap { record(.recommendation, $0, id: $0.id, text: "\($0.number). \($0.text)", source: $0.$source.id) }
            + actions.compactMap { record(.action, $0, id: $0.id, text: $0.text, source: $0.$source.id) }
        return all.sorted { ($0.withdrawnAt, $0.id.uuidString) > ($1.withdrawnAt, $1.id.uuidString) }
    }

    /// Brings a withdrawn record back. Refused while what it hangs from is itself withdrawn.
    public static func restore(_ kind: LearningRecordKind, id: UUID, in partnership: Partnership, by actor: Actor,
                               on db: any Database) async throws {
        let pid = try partnership.requireID()
        let notWithdrawn = NotFound("withdrawn record")
        func parentGone(_ message: String) -> ValidationErrors { ValidationErrors([FieldError(field: "restore", message: message)]) }
        switch kind {
        case .finding:
            guard let finding = try await Finding.query(on: db).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                .filter(\.$withdrawnAt != nil).first() else { throw notWithdrawn }
            guard try await LearningSource.find(finding.$source.id, on: db) != nil else { throw parentGone("Its source of learning is withdrawn: restore that first") }
            try await Withdrawal.restore(finding, partnershipID: pid, actor: actor, subjectType: "finding", subjectID: id.uuidString,
                                         summary: "Restored a finding", on: db)
        case .recommendation:
            guard let recommendation = try await Recommendation.query(on: db).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                .filter(\.$withdrawnAt != nil).first() else { throw notWithdrawn }
            guard try await LearningSource.find(recommendation.$source.id, on: db) != nil else {
                throw parentGone("Its source of learning is withdrawn: restore that first")
            }
            try await Withdrawal.restore(recommendation, partnershipID: pid, actor: actor, subjectType: "recommendation", subjectID: id.uuidString,
                                         summary: "Restored recommendation \(recommendation.number)", on: db)
        case .action:
            guard let action = try await LearningAction.query(on: db).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                .filter(\.$withdrawnAt != nil).first() else { throw notWithdrawn }
            guard try await Recommendation.find(action.$recommendation.id, on: db) != nil else {
                throw parentGone("Its recommendation is withdrawn: restore that first")
            }
            try await Withdrawal.restore(action, partnershipID: pid, actor: actor, subjectType: "action", subjectID: id.uuidString,
                                         summary: "Restored an action", on: db)
        }
    }
}
