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
    /// The fields sent, read only once the viewer is allowed to send them: someone refused is told
    /// so, whatever the body held.
    public typealias Body = () throws -> [String: String]

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

    /// Adds an action answering a recommendation whose source the viewer may edit, raised on the
    /// day the form gives (a tracker typed in after the fact) or today.
    public static func addAction(_ viewer: Viewer, to recommendationID: UUID, fields: [String: String],
                                 _ context: AppContext) async throws -> FormOutcome<RecommendationPage> {
        try viewer.requireEdit(try await LearningReads.recommendation(viewer, id: recommendationID, context).source.source)
        do {
            let draft = try ActionDraft.validate(fields, today: context.today)
            _ = try await LearningStore.addAction(draft, to: recommendationID, in: viewer.partnership, raisedOn: draft.raisedOn ?? context.today,
                                                  by: viewer.actor, on: context.database)
            return .done(message: "Added the action for \(draft.ownerOrganisation), due \(draft.dueOn.long)", id: recommendationID)
        } catch let errors as ValidationErrors {
            return .rejected(try await RecommendationPage.read(viewer, id: recommendationID, context), errors.errors)
        }
    }

    /// Records a challenge event (judgements, and an action it found still to do) on a source.
    public static func recordChallengeEvent(_ viewer: Viewer, on sourceID: UUID, fields: [String: String],
                                            _ context: AppContext) async throws -> FormOutcome<ChallengeEventPage> {
        try viewer.require(.recordChallenge)
        do {
            let event = try await LearningStore.recordChallengeEvent(for: sourceID, fields: fields, in: viewer.partnership, by: viewer.actor,
                                                                     on: context.database)
            return .done(message: "Recorded the challenge event of \(CalendarDate(iso: event.heldOn)?.long ?? "Not set")", id: sourceID)
        } catch let errors as ValidationErrors {
            return .rejected(try await ChallengeEventPage.read(viewer, sourceID: sourceID, context), errors.errors)
        }
    }

    /// Records a new source of one of the tracker's kinds (surveys are built on their own page);
    /// `id` is the new source's.
    public static func recordSource(_ viewer: Viewer, fields: [String: String], _ context: AppContext) async throws -> FormOutcome<SourceFormPage> {
        try viewer.require(.editLearning)
        do {
            let draft = try SourceDraft.validate(fields)
            guard draft.kind != .survey else {
                throw ValidationErrors([FieldError(field: "kind", message: "Build a survey on the Surveys page")])
            }
            let source = try await LearningStore.createSource(draft, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Recorded \(source.title)", id: try source.requireID())
        } catch let errors as ValidationErrors {
            let kind = fields["kind"].flatMap(SourceKind.init(rawValue:)).flatMap { SourceKind.recordedHere.contains($0) ? $0 : nil }
            return .rejected(try await SourceFormPage.read(viewer, kind: kind, context), errors.errors)
        }
    }

    /// Changes a source's details, for whoever may edit it; its kind stays what it is.
    public static func updateSource(_ viewer: Viewer, id: UUID, fields submitted: [String: String],
                                    _ context: AppContext) async throws -> FormOutcome<SourceFormPage> {
        let source = try await LearningReads.source(viewer, id: id, context)
        try viewer.requireEdit(source)
        var fields = submitted
        fields["kind"] = source.kind.rawValue
        do {
            let draft = try SourceDraft.validate(fields, allowing: [source.kind])
            try await LearningStore.updateSource(id, with: draft, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Saved \(draft.title)", id: id)
        } catch let errors as ValidationErrors {
            return .rejected(try await SourceFormPage.read(viewer, changing: source, context), errors.errors)
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
        do {
            let status = try await changeActionStatus(viewer, of: actionID, body: { fields }, context)
            return .done(message: "The action is now \(status.label.lowercased())", id: actionID)
        } catch let errors as ValidationErrors {
            return .rejected(try await actionPageAgain(viewer, id: actionID, context), errors.errors)
        }
    }

    /// The change of status itself, for the page and the API: only the action's owner (or an
    /// administrator) may make it; a mistake throws `ValidationErrors`.
    public static func changeActionStatus(_ viewer: Viewer, of actionID: UUID, body: Body,
                                          _ context: AppContext) async throws -> ActionStatus {
        _ = try await LearningReads.ownedAction(viewer, id: actionID, context)
        return try await LearningStore.changeStatus(of: actionID, fields: body(), in: viewer.partnership, changedOn: context.today, by: viewer.actor,
                                                    on: context.database).status
    }

    /// Records evidence of impact on an owned action, recorded today, and marks it done if asked.
    public static func addEvidence(_ viewer: Viewer, to actionID: UUID, fields: [String: String], markDone: Bool,
                                   _ context: AppContext) async throws -> FormOutcome<ActionPage> {
        do {
            try await recordEvidence(viewer, to: actionID, body: { (fields, markDone) }, context)
            return .done(message: markDone ? "Recorded the evidence and marked the action done" : "Recorded the evidence", id: actionID)
        } catch let errors as ValidationErrors {
            return .rejected(try await actionPageAgain(viewer, id: actionID, context), errors.errors)
        }
    }

    /// The evidence itself, for the page and the API; a mistake throws `ValidationErrors`.
    public static func recordEvidence(_ viewer: Viewer, to actionID: UUID, body: () throws -> (fields: [String: String], markDone: Bool),
                                      _ context: AppContext) async throws {
        _ = try await LearningReads.ownedAction(viewer, id: actionID, context)
        let (fields, markDone) = try body()
        let draft = try EvidenceDraft.validate(fields)
        _ = try await LearningStore.addEvidence(draft, to: actionID, in: viewer.partnership, recordedOn: context.today, markDone: markDone,
                                                by: viewer.actor, on: context.database)
    }

    static func actionPageAgain(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> ActionPage {
        try await ActionPage(LearningReads.action(viewer, id: id, context), for: viewer, today: context.today)
    }
}

/// The API's changes. The API is for the learning's editors (not the review subgroup), so each
/// asks for `editLearning`; a mistake throws `ValidationErrors`, which the API answers with a 422.
extension LearningWrites {
    /// A new source of any kind, a survey included (with its introduction); returns its id.
    public static func createSource(_ viewer: Viewer, body: Body, _ context: AppContext) async throws -> UUID {
        try viewer.require(.editLearning)
        let fields = try body()
        let draft = try SourceDraft.validate(fields)
        if draft.kind == .survey {
            return try await SurveyStore.create(draft, introduction: fields["introduction"], in: viewer.partnership, by: viewer.actor,
                                                on: context.database).$source.id
        }
        return try await LearningStore.createSource(draft, in: viewer.partnership, by: viewer.actor, on: context.database).id!
    }

    /// A finding as the API returns it.
    public struct NewFinding: Sendable {
        public let id: UUID
        public let kind: FindingKind
        public let text: String
        public let themes: [String]
    }

    /// The source is named last (`sourceID` is read after the fields are checked), as the API has always answered.
    public static func createFinding(_ viewer: Viewer, on sourceID: () throws -> UUID, body: Body, _ context: AppContext) async throws -> NewFinding {
        try viewer.require(.editLearning)
        let draft = try FindingDraft.validate(body())
        let finding = try await LearningStore.addFinding(draft, to: sourceID(), in: viewer.partnership, by: viewer.actor, on: context.database)
        return NewFinding(id: finding.id!, kind: finding.kind, text: finding.text, themes: finding.themeList)
    }

    /// A recommendation as the API returns it.
    public struct NewRecommendation: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        public let sourceID: UUID
        public let findingID: UUID?
    }

    /// `source_id`, `text` and optionally `finding`; every mistake is reported at once.
    public static func createRecommendation(_ viewer: Viewer, body: Body, _ context: AppContext) async throws -> NewRecommendation {
        try viewer.require(.editLearning)
        let fields = try body()
        var v = Validator()
        let sourceText = v.requiredText(fields["source_id"], field: "source_id", missing: "Give the source_id of the source the recommendation belongs to", maxLength: 64)
        let sourceID = UUID(uuidString: sourceText)
        if !sourceText.isEmpty, sourceID == nil { v.add("source_id", "Expected a source's id, like 3f2c…") }
        var errors = v.errors
        var draft: RecommendationDraft?
        do { draft = try RecommendationDraft.validate(fields) } catch { errors += error.errors }
        guard errors.isEmpty, let draft, let sourceID else { throw ValidationErrors(errors) }
        let recommendation = try await LearningStore.addRecommendation(draft, to: sourceID, in: viewer.partnership, by: viewer.actor, on: context.database)
        return NewRecommendation(id: recommendation.id!, number: recommendation.number, text: recommendation.text, sourceID: sourceID,
                                 findingID: recommendation.$finding.id)
    }

    /// `recommendation_id` and the action's fields (`raised_on` optional: today); returns the new action's id.
    public static func createAction(_ viewer: Viewer, body: Body, _ context: AppContext) async throws -> UUID {
        try viewer.require(.editLearning)
        let fields = try body()
        var errors: [FieldError] = []
        let recommendationID = UUID(uuidString: fields["recommendation_id"] ?? "")
        if recommendationID == nil { errors.append(FieldError(field: "recommendation_id", message: "Give the recommendation_id the action answers")) }
        var draft: ActionDraft?
        do { draft = try ActionDraft.validate(fields, today: context.today) } catch { errors += error.errors }
        guard errors.isEmpty, let draft, let recommendationID else { throw ValidationErrors(errors) }
        return try await LearningStore.addAction(draft, to: recommendationID, in: viewer.partnership, raisedOn: draft.raisedOn ?? context.today,
                                                 by: viewer.actor, on: context.database).id!
    }
}
