import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// What a form's post came to: the change (the message to show next, and the record to go to), or
/// the page again with what was wrong. The page comes from the write because only the write knows
/// the viewer passed its own check: someone who may change a record may see it again to correct it.
public enum FormOutcome<Page: Sendable>: Sendable {
    case done(message: String, id: UUID)
    case rejected(Page, [FieldError])
}

/// Every change to the learning tracker, for one viewer. Each checks the viewer may make it,
/// validates the fields through the same domain draft as the API, and hands the store the change,
/// which writes it and its audit event in one transaction.
public enum LearningWrites {
    /// Adds a finding to a source the viewer may edit. `fields` use the finding's own names (kind, text, themes).
    public static func addFinding(_ viewer: Viewer, to sourceID: UUID, fields: [String: String],
                                  _ context: AppContext) async throws -> FormOutcome<SourcePage> {
        try viewer.requireEdit(try await LearningReads.source(viewer, id: sourceID, context))
        do {
            let draft = try FindingDraft.validate(fields)
            _ = try await LearningStore.addFinding(draft, to: sourceID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Added the finding", id: sourceID)
        } catch let errors as ValidationErrors {
            return .rejected(try await sourcePageAgain(viewer, id: sourceID, context), errors.errors)
        }
    }

    /// Adds a recommendation (optionally answering one of the source's findings); `id` is the new recommendation's.
    public static func addRecommendation(_ viewer: Viewer, to sourceID: UUID, fields: [String: String],
                                         _ context: AppContext) async throws -> FormOutcome<SourcePage> {
        try viewer.requireEdit(try await LearningReads.source(viewer, id: sourceID, context))
        do {
            let draft = try RecommendationDraft.validate(fields)
            let recommendation = try await LearningStore.addRecommendation(draft, to: sourceID, in: viewer.partnership, by: viewer.actor,
                                                                           on: context.database)
            return .done(message: "Added recommendation \(recommendation.number). Now add the actions that answer it.", id: recommendation.id!)
        } catch let errors as ValidationErrors {
            return .rejected(try await sourcePageAgain(viewer, id: sourceID, context), errors.errors)
        }
    }

    /// The source's page for an editor to correct what they sent (the review subgroup edits reviews
    /// without reading the rest of the tracker, so this does not ask for the tracker's readers).
    static func sourcePageAgain(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SourcePage {
        try await SourcePage(LearningReads.detail(viewer, id: id, context), for: viewer, today: context.today)
    }

    /// Moves an owned action's status on (done needs evidence; dropped needs a reason).
    public static func changeStatus(_ viewer: Viewer, of actionID: UUID, fields: [String: String],
                                    _ context: AppContext) async throws -> FormOutcome<ActionPage> {
        _ = try await LearningReads.ownedAction(viewer, id: actionID, context)
        do {
            let change = try await LearningStore.changeStatus(of: actionID, fields: fields, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "The action is now \(change.status.label.lowercased())", id: actionID)
        } catch let errors as ValidationErrors {
            return .rejected(try await actionPageAgain(viewer, id: actionID, context), errors.errors)
        }
    }

    /// Records evidence of impact on an owned action, recorded today, and marks it done if asked.
    public static func addEvidence(_ viewer: Viewer, to actionID: UUID, fields: [String: String], markDone: Bool,
                                   _ context: AppContext) async throws -> FormOutcome<ActionPage> {
        _ = try await LearningReads.ownedAction(viewer, id: actionID, context)
        do {
            let draft = try EvidenceDraft.validate(fields)
            _ = try await LearningStore.addEvidence(draft, to: actionID, in: viewer.partnership, recordedOn: context.today, markDone: markDone,
                                                    by: viewer.actor, on: context.database)
            return .done(message: markDone ? "Recorded the evidence and marked the action done" : "Recorded the evidence", id: actionID)
        } catch let errors as ValidationErrors {
            return .rejected(try await actionPageAgain(viewer, id: actionID, context), errors.errors)
        }
    }

    static func actionPageAgain(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> ActionPage {
        try await ActionPage(LearningReads.action(viewer, id: id, context), for: viewer, today: context.today)
    }
}
