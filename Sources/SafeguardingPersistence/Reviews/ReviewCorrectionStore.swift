import FluentKit
import Foundation
import SafeguardingDomain

/// Withdrawal's columns on the practice reviews' tables (see `Withdrawal`).
struct UpdateReviewsAddWithdrawal: AsyncMigration {
    static let tables = [SeriousIncident.schema, LocalReview.schema, ReviewMilestone.schema]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await Withdrawal.addColumns(to: table, on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables { try await Withdrawal.removeColumns(from: table, on: database) }
    }
}

/// Correcting practice reviews: a serious incident's facts, a local review's details and its
/// milestones changed after they were recorded (the audit log keeps the old and new values),
/// withdrawn with a reason, or restored. What is final stays final: a rapid review submitted to
/// the national panel, and a published local review with its milestones. An incident or a local
/// review takes its place in the learning tracker (its source) with it when withdrawn or restored,
/// and is not withdrawn while that place holds learning.
public enum ReviewCorrectionStore {
    /// A withdrawn record, for the administrators' list.
    public struct WithdrawnRecord: Sendable {
        public let kind: ReviewRecordKind
        public let id: UUID
        /// The incident's or review's child reference; the milestone's title and its review's child.
        public let title: String
        public let reason: String
        public let withdrawnBy: String
        public let withdrawnAt: Date
    }

    static func refused(_ field: String, _ message: String) -> ValidationErrors {
        ValidationErrors([FieldError(field: field, message: message)])
    }

    /// Refuses while the source holds findings, recommendations or actions: they would be left in
    /// the tracker without their source.
    static func requireNoLearning(on sourceID: UUID, what: String, on db: any Database) async throws {
        let findings = try await Finding.query(on: db).filter(\.$source.$id == sourceID).count()
        let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id == sourceID).count()
        let actions = try await LearningAction.query(on: db).filter(\.$source.$id == sourceID).count()
        guard findings + recommendations + actions == 0 else {
            let parts = [(findings, "finding"), (recommendations, "recommendation"), (actions, "action")].filter { $0.0 > 0 }
                .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
            throw refused("reason", "The \(what) holds learning in the tracker (\(parts.joined(separator: ", "))): withdraw those first")
        }
    }

    // MARK: Serious incidents

    static func fields(of incident: SeriousIncident) -> [String: String?] {
        ["child_reference": incident.childReference, "age_band": incident.ageBand.rawValue, "harm": incident.harm.rawValue,
         "care_leaver": incident.careLeaver ? "yes" : "no", "aware_on": incident.awareOn, "summary": incident.summary]
    }

    /// Changes the incident's facts as first recorded (not its agencies: the rapid review's steps
    /// record those). Refused once the rapid review has gone to the national panel.
    public static func updateIncident(_ id: UUID, with draft: IncidentDraft, in partnership: Partnership, by actor: Actor,
                                      on db: any Database) async throws {
        try await db.transaction { tx in
            let incident = try await ReviewStore.openIncident(id, in: partnership, field: "child_reference", on: tx)
            if let notified = incident.notified, draft.awareOn > notified {
                throw refused("aware_on", "The local authority must have become aware on or before the notification (\(notified.long))")
            }
            let before = fields(of: incident)
            incident.childReference = draft.childReference
            incident.ageBand = draft.ageBand
            incident.harm = draft.harm
            incident.careLeaver = draft.careLeaver
            incident.awareOn = draft.awareOn.description
            incident.summary = draft.summary
            try await incident.update(on: tx)
            // Its place in the tracker is named after the child and filed under the year of awareness.
            if let source = try await LearningSource.find(incident.$source.id, on: tx) {
                source.title = "Rapid review: \(draft.childReference)"
                source.reportingYear = ReportingYear(containing: draft.awareOn).description
                source.startedOn = draft.awareOn.description
                try await source.update(on: tx)
            }
            try await AuditTrail.record(on: tx, partnershipID: incident.$partnership.id, actor: actor, action: "update",
                                        subjectType: "serious_incident", subjectID: id.uuidString,
                                        summary: "Changed the serious incident (\(draft.childReference))",
                                        changes: AuditTrail.diff(before, fields(of: incident)))
        }
    }

    /// Withdraws an incident recorded by mistake, with its rapid review's place in the tracker.
    public static func withdrawIncident(_ id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                        on db: any Database) async throws {
        try await db.transaction { tx in
            let incident = try await ReviewStore.openIncident(id, in: partnership, field: "reason", on: tx)
            if let review = try await LocalReview.query(on: tx).filter(\.$incident.$id == id).first() {
                throw refused("reason", "The local review \(review.childReference) came from this incident: withdraw it first")
            }
            try await requireNoLearning(on: incident.$source.id, what: "rapid review", on: tx)
            try await Withdrawal.withdraw(incident, reason: reason, partnershipID: incident.$partnership.id, actor: actor,
                                          subjectType: "serious_incident", subjectID: id.uuidString,
                                          summary: "Withdrew the serious incident (\(incident.childReference)): \(reason)", on: tx)
            if let source = try await LearningSource.find(incident.$source.id, on: tx) {
                try await Withdrawal.withdraw(source, reason: reason, partnershipID: incident.$partnership.id, actor: actor,
                                              subjectType: "learning_source", subjectID: incident.$source.id.uuidString,
                                              summary: "Withdrew \(source.title) with its serious incident", on: tx)
            }
        }
    }

    // MARK: Local reviews

    static func fields(of review: LocalReview, source: LearningSource) -> [String: String?] {
        ["child_reference": review.childReference, "decided_on": review.decidedOn, "planned_publication_on": review.plannedPublicationOn,
         "reporting_year": source.reportingYear, "reviewer": source.reviewer, "terms_of_reference": source.termsOfReference, "summary": source.summary]
    }

    /// The review, if it is not yet published: a published review is final.
    static func unpublishedReview(_ id: UUID, in partnership: Partnership, field: String, on db: any Database) async throws -> LocalReview {
        let review = try await ReviewStore.localReview(id, in: partnership, on: db)
        if let published = review.published {
            throw refused(field, "The review was published on \(published.long) and its record is final")
        }
        return review
    }

    /// Changes the details the review was commissioned with. Refused once it is published.
    public static func updateLocalReview(_ id: UUID, with draft: LocalReviewDraft, in partnership: Partnership, by actor: Actor,
                                         on db: any Database) async throws {
        try await db.transaction { tx in
            let review = try await unpublishedReview(id, in: partnership, field: "child_reference", on: tx)
            let source = review.source
            if let copy = review.copySent, draft.decidedOn > copy {
                throw refused("decided_on", "The decision must be on or before the copy was sent (\(copy.long))")
            }
            let before = fields(of: review, source: source)
            review.childReference = draft.childReference
            review.decidedOn = draft.decidedOn.description
            review.plannedPublicationOn = draft.plannedPublicationOn?.description
            try await review.update(on: tx)
            source.title = "\(draft.childReference) local child safeguarding practice review"
            source.reportingYear = draft.reportingYear.description
            source.summary = draft.summary
            source.reviewer = draft.reviewer
            source.termsOfReference = draft.termsOfReference.joined(separator: "\n")
            source.startedOn = draft.decidedOn.description
            try await source.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: review.$partnership.id, actor: actor, action: "update",
                                        subjectType: "local_review", subjectID: id.uuidString, summary: "Changed the \(source.title)",
                                        changes: AuditTrail.diff(before, fields(of: review, source: source)))
        }
    }

    /// Withdraws a review commissioned by mistake, with its place in the tracker. Refused once published.
    public static func withdrawLocalReview(_ id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                           on db: any Database) async throws {
        try await db.transaction { tx in
            let review = try await unpublishedReview(id, in: partnership, field: "reason", on: tx)
            try await requireNoLearning(on: review.$source.id, what: "review", on: tx)
            try await Withdrawal.withdraw(review, reason: reason, partnershipID: review.$partnership.id, actor: actor,
                                          subjectType: "local_review", subjectID: id.uuidString,
                                          summary: "Withdrew the \(review.source.title): \(reason)", on: tx)
            try await Withdrawal.withdraw(review.source, reason: reason, partnershipID: review.$partnership.id, actor: actor,
                                          subjectType: "learning_source", subjectID: review.$source.id.uuidString,
                                          summary: "Withdrew \(review.source.title) with its local review", on: tx)
        }
    }

    // MARK: Milestones

    public static func milestone(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> ReviewMilestone {
        guard let milestone = try await ReviewMilestone.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID())
            .first() else { throw NotFound("milestone") }
        return milestone
    }

    static func fields(of milestone: ReviewMilestone) -> [String: String?] {
        ["title": milestone.title, "due_on": milestone.dueOn, "done_on": milestone.doneOn]
    }

    /// Changes a milestone of a review not yet published.
    public static func updateMilestone(_ id: UUID, with draft: MilestoneDraft, in partnership: Partnership, by actor: Actor,
                                       on db: any Database) async throws {
        try await db.transaction { tx in
            let milestone = try await milestone(id, in: partnership, on: tx)
            let review = try await unpublishedReview(milestone.$localReview.id, in: partnership, field: "milestone_title", on: tx)
            let before = fields(of: milestone)
            milestone.title = draft.title
            milestone.dueOn = draft.dueOn.description
            milestone.doneOn = draft.doneOn?.description
            try await milestone.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: milestone.$partnership.id, actor: actor, action: "update",
                                        subjectType: "review_milestone", subjectID: id.uuidString,
                                        summary: "Changed the milestone \(draft.title) of \(review.childReference)'s review",
                                        changes: AuditTrail.diff(before, fields(of: milestone)))
        }
    }

    public static func withdrawMilestone(_ id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                         on db: any Database) async throws {
        try await db.transaction { tx in
            let milestone = try await milestone(id, in: partnership, on: tx)
            let review = try await unpublishedReview(milestone.$localReview.id, in: partnership, field: "reason", on: tx)
            try await Withdrawal.withdraw(milestone, reason: reason, partnershipID: milestone.$partnership.id, actor: actor,
                                          subjectType: "review_milestone", subjectID: id.uuidString,
                                          summary: "Withdrew the milestone \(milestone.title) of \(review.childReference)'s review: \(reason)", on: tx)
        }
    }

    // MARK: Withdrawn records

    /// Every withdrawn incident, local review and milestone of the partnership, latest withdrawal first.
    public static func withdrawn(_ partnership: Partnership, on db: any Database) async throws -> [WithdrawnRecord] {
        let pid = try partnership.requireID()
        let incidents = try await SeriousIncident.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all()
        let reviews = try await LocalReview.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all()
        let milestones = try await ReviewMilestone.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all()
        let reviewIDs = Array(Set(milestones.map(\.$localReview.id)))
        let children = reviewIDs.isEmpty ? [:] : Dictionary(
            try await LocalReview.query(on: db).withDeleted().filter(\.$id ~~ reviewIDs).field(\.$id).field(\.$childReference).all()
                .compactMap { r in r.id.map { ($0, r.childReference) } }, uniquingKeysWith: { a, _ in a })
        func record<M: Withdrawable>(_ kind: ReviewRecordKind, _ model: M, id: UUID?, title: String) -> WithdrawnRecord? {
            id.map { WithdrawnRecord(kind: kind, id: $0, title: title, reason: model.withdrawnReason ?? "", withdrawnBy: model.withdrawnBy ?? "",
                                     withdrawnAt: model.withdrawnAt ?? Date()) }
        }
        let all = incidents.compactMap { record(.incident, $0, id: $0.id, title: $0.childReference) }
            + reviews.compactMap { record(.localReview, $0, id: $0.id, title: $0.childReference) }
            + milestones.compactMap { record(.milestone, $0, id: $0.id, title: "\($0.title) (\(children[$0.$localReview.id] ?? "local review"))") }
        return all.sorted { ($0.withdrawnAt, $0.id.uuidString) > ($1.withdrawnAt, $1.id.uuidString) }
    }

    /// Brings a withdrawn record back (an incident or review with its place in the tracker).
    /// Refused while the review a milestone belongs to is withdrawn.
    public static func restore(_ kind: ReviewRecordKind, id: UUID, in partnership: Partnership, by actor: Actor,
                               on db: any Database) async throws {
        let pid = try partnership.requireID()
        let notWithdrawn = NotFound("withdrawn record")
        try await db.transaction { tx in
            switch kind {
            case .incident:
                guard let incident = try await SeriousIncident.query(on: tx).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                    .filter(\.$withdrawnAt != nil).first() else { throw notWithdrawn }
                try await restoreSource(incident.$source.id, partnershipID: pid, actor: actor, on: tx)
                try await Withdrawal.restore(incident, partnershipID: pid, actor: actor, subjectType: "serious_incident", subjectID: id.uuidString,
                                             summary: "Restored the serious incident (\(incident.childReference))", on: tx)
            case .localReview:
                guard let review = try await LocalReview.query(on: tx).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                    .filter(\.$withdrawnAt != nil).first() else { throw notWithdrawn }
                if let incidentID = review.$incident.id, try await SeriousIncident.find(incidentID, on: tx) == nil {
                    throw refused("restore", "The serious incident this review came from is withdrawn: restore it first")
                }
                try await restoreSource(review.$source.id, partnershipID: pid, actor: actor, on: tx)
                try await Withdrawal.restore(review, partnershipID: pid, actor: actor, subjectType: "local_review", subjectID: id.uuidString,
                                             summary: "Restored the local review of \(review.childReference)", on: tx)
            case .milestone:
                guard let milestone = try await ReviewMilestone.query(on: tx).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                    .filter(\.$withdrawnAt != nil).first() else { throw notWithdrawn }
                guard try await LocalReview.find(milestone.$localReview.id, on: tx) != nil else {
                    throw refused("restore", "Its local review is withdrawn: restore that first")
                }
                try await Withdrawal.restore(milestone, partnershipID: pid, actor: actor, subjectType: "review_milestone", subjectID: id.uuidString,
                                             summary: "Restored the milestone \(milestone.title)", on: tx)
            }
        }
    }

    static func restoreSource(_ id: UUID, partnershipID pid: UUID, actor: Actor, on db: any Database) async throws {
        guard let source = try await LearningSource.query(on: db).withDeleted().filter(\.$id == id).filter(\.$withdrawnAt != nil).first() else { return }
        try await Withdrawal.restore(source, partnershipID: pid, actor: actor, subjectType: "learning_source", subjectID: id.uuidString,
                                     summary: "Restored \(source.title)", on: db)
    }
}
