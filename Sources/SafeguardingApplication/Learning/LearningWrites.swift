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
}
