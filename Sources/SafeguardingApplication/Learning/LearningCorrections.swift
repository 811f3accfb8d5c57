import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Corrections to the learning tracker, for one viewer: change a finding, recommendation or action
/// through the same draft as adding it, withdraw it with a reason, and (an administrator) restore it.
/// Whoever may add a record to a source may change or withdraw it.
public enum LearningCorrections {
    /// Saves the form; `.done`'s id is the page to go back to (the source for a finding, else the record).
    public static func save(_ viewer: Viewer, kind: LearningRecordKind, id: UUID, fields: [String: String],
                            _ context: AppContext) async throws -> FormOutcome<LearningRecordFormPage> {
        let page = try await LearningCorrectionReads.formPage(viewer, kind: kind, id: id, context)
        let (partnership, actor, db) = (viewer.partnership, viewer.actor, context.database)
        do {
            switch kind {
            case .finding:
                try await LearningCorrectionStore.updateFinding(id, with: FindingDraft.validate(fields), in: partnership, by: actor, on: db)
                guard case .learningSource(_, let sourceID) = page.back else { return .done(message: "Saved the finding", id: id) }
                return .done(message: "Saved the finding", id: sourceID)
            case .recommendation:
                try await LearningCorrectionStore.updateRecommendation(id, with: RecommendationDraft.validate(fields), in: partnership, by: actor, on: db)
                return .done(message: "Saved the recommendation", id: id)
            case .action:
                // The day it was raised is its history's, not the form's.
                var fields = fields
                fields["raised_on"] = nil
                try await LearningCorrectionStore.updateAction(id, with: ActionDraft.validate(fields), in: partnership, by: actor, on: db)
                return .done(message: "Saved the action", id: id)
            }
        } catch let errors as ValidationErrors {
            return .rejected(page, errors.errors)
        }
    }

    /// Withdraws the record with the reason given; `.done`'s id is where it hung from (the source
    /// of a finding or recommendation, the recommendation of an action).
    public static func withdraw(_ viewer: Viewer, kind: LearningRecordKind, id: UUID, fields: [String: String],
                                _ context: AppContext) async throws -> FormOutcome<LearningRecordFormPage> {
        let page = try await LearningCorrectionReads.formPage(viewer, kind: kind, id: id, context)
        let (partnership, actor, db) = (viewer.partnership, viewer.actor, context.database)
        do {
            let reason = try Withdrawal.validatedReason(fields["reason"])
            switch kind {
            case .finding:
                let finding = try await LearningCorrectionStore.finding(id, in: partnership, on: db)
                try await LearningCorrectionStore.withdrawFinding(id, reason: reason, in: partnership, by: actor, on: db)
                return .done(message: "Withdrew the finding. An administrator can restore it.", id: finding.$source.id)
            case .recommendation:
                let recommendation = try await LearningStore.recommendation(id, in: partnership, on: db)
                try await LearningCorrectionStore.withdrawRecommendation(id, reason: reason, in: partnership, by: actor, on: db)
                return .done(message: "Withdrew recommendation \(recommendation.number). An administrator can restore it.", id: recommendation.$source.id)
            case .action:
                let action = try await LearningStore.action(id, in: partnership, on: db).action
                try await LearningCorrectionStore.withdrawAction(id, reason: reason, in: partnership, by: actor, on: db)
                return .done(message: "Withdrew the action. An administrator can restore it.", id: action.$recommendation.id)
            }
        } catch let errors as ValidationErrors {
            return .rejected(page, errors.errors)
        }
    }

    /// Restores a withdrawn record: administrators only.
    public static func restore(_ viewer: Viewer, kind: LearningRecordKind, id: UUID,
                               _ context: AppContext) async throws -> FormOutcome<WithdrawnLearningPage> {
        try LearningCorrectionReads.requireRestore(viewer)
        do {
            try await LearningCorrectionStore.restore(kind, id: id, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Restored the \(kind.label.lowercased())", id: id)
        } catch let errors as ValidationErrors {
            return .rejected(try await LearningCorrectionReads.withdrawnPage(viewer, context), errors.errors)
        }
    }
}
