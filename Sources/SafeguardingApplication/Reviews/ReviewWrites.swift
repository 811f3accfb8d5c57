import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every change to practice reviews, for one viewer. Each checks the viewer's permission,
/// validates the fields through the same draft for the pages and the API, and has the store write
/// the change with its audit event.
public enum ReviewWrites {
    /// The learning sources recorded from the reviews pages rather than the tracker's.
    public static let sourceKinds: [SourceKind] = [.reflectiveSession, .nationalReview]

    /// Whether the viewer records incidents and reviews (the review subgroup and the Executive).
    public static func requireRecord(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.recordReviews)
    }

    /// Saves the partnership's timescales and the subgroup that holds practice reviews.
    public static func saveSettings(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws {
        try viewer.require(.configureReviews)
        let timescales = try ReviewTimescales.validate(fields)
        try await ReviewStore.saveSettings(timescales, reviewGroup: fields["review_group"], in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Records a serious incident (`agencies`: organisation ids, comma-separated) and answers with
    /// it and its deadlines. Answering is not a view of it, so no view is recorded.
    public static func createIncident(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws -> IncidentRecord {
        try viewer.require(.recordReviews)
        let draft = try IncidentDraft.validate(fields, today: context.today)
        let (partnership, db) = (viewer.partnership, context.database)
        let incident = try await ReviewStore.createIncident(draft, in: partnership, by: viewer.actor, on: db)
        let clock = try await ReviewStore.clock(for: partnership, on: db)
        let detail = try await ReviewStore.incidentDetail(incident.requireID(), in: partnership, clock: clock, on: db)
        return try IncidentRecord(detail, today: context.today, calendar: clock.calendar)
    }

    /// Records one step of a serious incident's rapid review: the notification, an agency's
    /// summary, the panel's decision, a partner's sign-off, or the submission to the national panel.
    public static func recordIncidentStep(_ viewer: Viewer, _ step: IncidentStep, _ fields: [String: String], incidentID id: UUID,
                                          _ context: AppContext) async throws {
        try viewer.require(.recordReviews)
        let incident = try await ReviewReads.incidentToChange(viewer, id: id, context)
        let (partnership, actor, db, today) = (viewer.partnership, viewer.actor, context.database, context.today)
        switch step {
        case .notification:
            let draft = try NotificationDraft.validate(fields, awareOn: incident.aware, today: today)
            try await ReviewStore.recordNotification(draft, for: id, in: partnership, by: actor, on: db)
        case .agencies:
            try await ReviewStore.recordAgencySummary(AgencySummaryDraft.validate(fields), for: id, in: partnership, by: actor, on: db)
        case .rapidReview:
            try await ReviewStore.recordRapidReview(RapidReviewDraft.validate(fields, notifiedOn: incident.notified), for: id, in: partnership, by: actor, on: db)
        case .signOffs:
            try await ReviewStore.recordSignOff(SignOffDraft.validate(fields), for: id, in: partnership, by: actor, on: db)
        case .submission:
            try await ReviewStore.submitRapidReview(fields, for: id, in: partnership, today: today, by: actor, on: db)
        }
    }

    /// Commissions a local review, from a rapid review (`incident`: its id) or not; answers with its id.
    public static func createLocalReview(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws -> UUID {
        try viewer.require(.recordReviews)
        let notOneOfThem = ValidationErrors([FieldError(field: "incident", message: "Select one of the rapid reviews, or none")])
        let draft = try LocalReviewDraft.validate(fields)
        var incidentID: UUID?
        if let text = fields["incident"], !text.isEmpty {
            guard let id = UUID(uuidString: text) else { throw notOneOfThem }
            incidentID = id
        }
        do {
            let review = try await ReviewStore.createLocalReview(draft, incidentID: incidentID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return try review.requireID()
        } catch is NotFound {
            throw notOneOfThem
        }
    }

    /// Adds a milestone to a local review.
    public static func addMilestone(_ viewer: Viewer, _ fields: [String: String], localReviewID id: UUID, _ context: AppContext) async throws {
        try viewer.require(.recordReviews)
        try await ReviewStore.addMilestone(MilestoneDraft.validate(fields), to: id, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Marks a local review's milestone done today.
    public static func completeMilestone(_ viewer: Viewer, _ milestoneID: UUID, localReviewID id: UUID, _ context: AppContext) async throws {
        try viewer.require(.recordReviews)
        try await ReviewStore.completeMilestone(milestoneID, of: id, on: context.today, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Records the copy to the national panel and the publication; answers whether the review is
    /// now published (and so open to every reader).
    public static func recordPublication(_ viewer: Viewer, _ fields: [String: String], localReviewID id: UUID,
                                         _ context: AppContext) async throws -> Bool {
        try viewer.require(.recordReviews)
        let review = try await ReviewReads.localReviewToChange(viewer, id: id, context)
        let draft = try PublicationDraft.validate(fields, decidedOn: review.decided,
                                                  publishedBefore: review.publishedOn.flatMap(CalendarDate.init(iso:)), today: context.today)
        try await ReviewStore.recordPublication(draft, for: id, in: viewer.partnership, by: viewer.actor, on: context.database)
        return draft.publishedOn != nil
    }

    /// Records a reflective session or a national panel review in the learning tracker; a
    /// reflective session with no group is held by the review subgroup. Answers with its id and title.
    public static func createReviewSource(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws -> (id: UUID, title: String) {
        try viewer.require(.recordReviews)
        var draft = try SourceDraft.validate(fields, allowing: sourceKinds)
        if draft.group == nil, draft.kind == .reflectiveSession {
            draft.group = try await ReviewStore.settings(viewer.partnership, on: context.database).reviewGroupID?.uuidString
        }
        let source = try await LearningStore.createSource(draft, in: viewer.partnership, by: viewer.actor, on: context.database)
        return (try source.requireID(), source.title)
    }
}
