import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Corrections to practice reviews, for one viewer: change a serious incident, a local review or a
/// milestone through the same draft as recording it, withdraw it with a reason, and (an
/// administrator) restore it. Whoever records incidents and reviews may change or withdraw them;
/// a submitted rapid review and a published review are final and refuse both.
public enum ReviewCorrections {
    /// Saves the form; `.done`'s id is the page to go back to (the incident, or the local review).
    public static func save(_ viewer: Viewer, kind: ReviewRecordKind, id: UUID, fields: [String: String],
                            _ context: AppContext) async throws -> FormOutcome<ReviewRecordFormPage> {
        let page = try await ReviewCorrectionReads.formPage(viewer, kind: kind, id: id, context)
        let (partnership, actor, db) = (viewer.partnership, viewer.actor, context.database)
        do {
            switch kind {
            case .incident:
                var fields = fields
                fields["agencies"] = nil  // the rapid review's agencies step records those
                let draft = try IncidentDraft.validate(fields, today: context.today)
                try await ReviewCorrectionStore.updateIncident(id, with: draft, in: partnership, by: actor, on: db)
                return .done(message: "Saved the serious incident \(draft.childReference)", id: id)
            case .localReview:
                let draft = try LocalReviewDraft.validate(fields)
                try await ReviewCorrectionStore.updateLocalReview(id, with: draft, in: partnership, by: actor, on: db)
                return .done(message: "Saved the local review of \(draft.childReference)", id: id)
            case .milestone:
                let draft = try MilestoneDraft.validate(fields)
                try await ReviewCorrectionStore.updateMilestone(id, with: draft, in: partnership, by: actor, on: db)
                return .done(message: "Saved the milestone \(draft.title)", id: try backID(page))
            }
        } catch let errors as ValidationErrors {
            return .rejected(page, errors.errors)
        }
    }

    /// Withdraws the record with the reason given; `.done`'s id is the local review for a milestone
    /// (an incident or a review has no page left to go back to).
    public static func withdraw(_ viewer: Viewer, kind: ReviewRecordKind, id: UUID, fields: [String: String],
                                _ context: AppContext) async throws -> FormOutcome<ReviewRecordFormPage> {
        let page = try await ReviewCorrectionReads.formPage(viewer, kind: kind, id: id, context)
        let (partnership, actor, db) = (viewer.partnership, viewer.actor, context.database)
        do {
            let reason = try Withdrawal.validatedReason(fields["reason"])
            switch kind {
            case .incident:
                try await ReviewCorrectionStore.withdrawIncident(id, reason: reason, in: partnership, by: actor, on: db)
                return .done(message: "Withdrew the serious incident. An administrator can restore it.", id: id)
            case .localReview:
                try await ReviewCorrectionStore.withdrawLocalReview(id, reason: reason, in: partnership, by: actor, on: db)
                return .done(message: "Withdrew the local review. An administrator can restore it.", id: id)
            case .milestone:
                try await ReviewCorrectionStore.withdrawMilestone(id, reason: reason, in: partnership, by: actor, on: db)
                return .done(message: "Withdrew the milestone. An administrator can restore it.", id: try backID(page))
            }
        } catch let errors as ValidationErrors {
            return .rejected(page, errors.errors)
        }
    }

    /// Restores a withdrawn record: administrators only.
    public static func restore(_ viewer: Viewer, kind: ReviewRecordKind, id: UUID,
                               _ context: AppContext) async throws -> FormOutcome<WithdrawnReviewsPage> {
        try LearningCorrectionReads.requireRestore(viewer)
        do {
            try await ReviewCorrectionStore.restore(kind, id: id, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Restored the \(kind.label.lowercased())", id: id)
        } catch let errors as ValidationErrors {
            return .rejected(try await ReviewCorrectionReads.withdrawnPage(viewer, context), errors.errors)
        }
    }

    static func backID(_ page: ReviewRecordFormPage) throws -> UUID {
        switch page.back {
        case .localReview(_, let id), .incident(_, let id): id
        default: page.id
        }
    }
}
