import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The form that corrects a serious incident, a local review or a milestone, or withdraws it.
/// A final record (a submitted rapid review, a published review) has no form: `finalBecause` says why.
public struct ReviewRecordFormPage: Sendable {
    public let kind: ReviewRecordKind
    public let id: UUID
    public let slug: String
    public let partnershipName: String
    public let heading: String
    /// Where "Back" goes: the incident, or the local review.
    public let back: SiteRoute
    /// The form's fields as recorded, by the names the drafts read.
    public let values: [String: String]
    public let finalBecause: String?
}

/// The withdrawn incidents, local reviews and milestones, for an administrator to restore.
public struct WithdrawnReviewsPage: Sendable {
    public struct Row: Sendable {
        public let kind: ReviewRecordKind
        public let id: UUID
        public let title: String
        public let reason: String
        public let withdrawnBy: String
        public let withdrawnOn: CalendarDate
    }

    public let partnershipName: String
    public let rows: [Row]
}

/// The reads of the practice reviews' corrections: the form for one record, and the withdrawn records.
public enum ReviewCorrectionReads {
    /// The form to change or withdraw a record, for whoever records incidents and reviews.
    public static func formPage(_ viewer: Viewer, kind: ReviewRecordKind, id: UUID, _ context: AppContext) async throws -> ReviewRecordFormPage {
        try viewer.require(.recordReviews)
        let slug = viewer.slug
        func dates(_ name: String, _ iso: String?) -> [String: String] {
            iso.flatMap(CalendarDate.init(iso:)).map { DateFields.boxes(name, $0) } ?? [:]
        }
        switch kind {
        case .incident:
            let incident = try await ReviewReads.incidentToChange(viewer, id: id, context)
            var values = ["child_reference": incident.childReference, "age_band": incident.ageBand.rawValue, "harm": incident.harm.rawValue,
                          "summary": incident.summary]
            if incident.careLeaver { values["care_leaver"] = "yes" }
            values.merge(dates("aware_on", incident.awareOn)) { _, new in new }
            return ReviewRecordFormPage(kind: kind, id: id, slug: slug, partnershipName: viewer.partnership.name,
                                        heading: "Change the serious incident \(incident.childReference)", back: .incident(slug: slug, id: id),
                                        values: values,
                                        finalBecause: incident.submitted.map { "The rapid review was submitted on \($0.long) and its record is final." })
        case .localReview:
            try viewer.require(.readUnpublishedReviews)
            let review = try await ReviewReads.localReviewToChange(viewer, id: id, context)
            let source = review.source
            var values = ["child_reference": review.childReference, "reporting_year": source.reportingYear, "reviewer": source.reviewer ?? "",
                          "terms_of_reference": source.termsOfReference ?? "", "summary": source.summary ?? ""]
            values.merge(dates("decided_on", review.decidedOn)) { _, new in new }
            values.merge(dates("planned_publication_on", review.plannedPublicationOn)) { _, new in new }
            return ReviewRecordFormPage(kind: kind, id: id, slug: slug, partnershipName: viewer.partnership.name,
                                        heading: "Change the local review of \(review.childReference)", back: .localReview(slug: slug, id: id),
                                        values: values,
                                        finalBecause: review.published.map { "The review was published on \($0.long) and its record is final." })
        case .milestone:
            try viewer.require(.readUnpublishedReviews)
            let milestone = try await ReviewCorrectionStore.milestone(id, in: viewer.partnership, on: context.database)
            let review = try await ReviewStore.localReview(milestone.$localReview.id, in: viewer.partnership, on: context.database)
            var values = ["milestone_title": milestone.title]
            values.merge(dates("milestone_due_on", milestone.dueOn)) { _, new in new }
            values.merge(dates("milestone_done_on", milestone.doneOn)) { _, new in new }
            return ReviewRecordFormPage(kind: kind, id: id, slug: slug, partnershipName: viewer.partnership.name,
                                        heading: "Change the milestone \(milestone.title) of \(review.childReference)'s review",
                                        back: .localReview(slug: slug, id: review.id!), values: values,
                                        finalBecause: review.published.map { "The review was published on \($0.long) and its milestones are final." })
        }
    }

    /// What has been withdrawn, newest first: administrators only.
    public static func withdrawnPage(_ viewer: Viewer, _ context: AppContext) async throws -> WithdrawnReviewsPage {
        try LearningCorrectionReads.requireRestore(viewer)
        let records = try await ReviewCorrectionStore.withdrawn(viewer.partnership, on: context.database)
        return WithdrawnReviewsPage(partnershipName: viewer.partnership.name, rows: records.map {
            .init(kind: $0.kind, id: $0.id, title: $0.title, reason: $0.reason, withdrawnBy: $0.withdrawnBy,
                  withdrawnOn: CalendarDate.today(now: $0.withdrawnAt))
        })
    }
}

extension ReviewCorrectionReads {
    static let registry: [ReadUseCase] = [
        .record("ReviewCorrectionReads.formPage", ids: ReviewReads.incidentIDs) { try await formPage($0, kind: .incident, id: $1, $2) },
        .list("ReviewCorrectionReads.withdrawnPage") { try await withdrawnPage($0, $1) },
    ]
}
