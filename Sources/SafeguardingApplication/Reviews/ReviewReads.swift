import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every read of practice reviews, for one viewer. Serious incidents and unpublished reviews are
/// for the Executive and the review subgroup only, and every view of them is audited; others see
/// published reviews, and "not found" for the rest.
public enum ReviewReads {
    /// Whether the viewer reads the reviews pages at all.
    public static func requireRead(_ viewer: Viewer) throws(AccessDenied) {
        guard viewer.allows(.readLearning) || viewer.allows(.readUnpublishedReviews) else { throw AccessDenied() }
    }

    /// The bank-holiday calendar and the partnership's timescales, read once per request.
    public static func clock(_ viewer: Viewer, _ context: AppContext) async throws -> ReviewStore.Clock {
        try await ReviewStore.clock(for: viewer.partnership, on: context.database)
    }

    /// Serious incidents with their deadlines; the list view is audited. Empty for a viewer who may
    /// not read them when `orEmpty`, otherwise a 403.
    public static func incidents(_ viewer: Viewer, clock: ReviewStore.Clock, orEmpty: Bool = false,
                                 _ context: AppContext) async throws -> [ReviewStore.IncidentSummary] {
        guard viewer.allows(.readUnpublishedReviews) else {
            if orEmpty { return [] }
            throw AccessDenied()
        }
        let incidents = try await ReviewStore.incidents(viewer.partnership, clock: clock, on: context.database)
        try await ReviewStore.recordListView(of: incidents.count, in: viewer.partnership, by: viewer.actor, on: context.database)
        return incidents
    }

    /// One serious incident, as a record to change (no view recorded).
    public static func incident(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SeriousIncident {
        try viewer.require(.readUnpublishedReviews)
        return try await ReviewStore.incident(id, in: viewer.partnership, on: context.database)
    }

    /// One serious incident with its deadlines; the view is audited.
    public static func incidentDetail(_ viewer: Viewer, id: UUID, clock: ReviewStore.Clock,
                                      _ context: AppContext) async throws -> ReviewStore.IncidentDetail {
        try viewer.require(.readUnpublishedReviews)
        let detail = try await ReviewStore.incidentDetail(id, in: viewer.partnership, clock: clock, on: context.database)
        try await ReviewStore.recordView(of: "serious_incident", id: detail.incident.requireID(), title: "the serious incident \(detail.incident.childReference)",
                                         in: viewer.partnership, by: viewer.actor, on: context.database)
        return detail
    }

    /// Local reviews, newest decision first: all of them for those who read unpublished reviews,
    /// published ones for everyone else.
    public static func localReviews(_ viewer: Viewer, clock: ReviewStore.Clock, _ context: AppContext) async throws -> [ReviewStore.LocalReviewSummary] {
        try requireRead(viewer)
        let mayReadAll = viewer.allows(.readUnpublishedReviews)
        let reviews = try await ReviewStore.localReviews(viewer.partnership, includeUnpublished: mayReadAll, clock: clock, on: context.database)
        return mayReadAll ? reviews : reviews.map { $0.withoutIncident() }
    }

    /// One local review, as a record to change.
    public static func localReview(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LocalReview {
        try requireRead(viewer)
        let review = try await ReviewStore.localReview(id, in: viewer.partnership, on: context.database)
        if viewer.allows(.readUnpublishedReviews) { return review }
        guard review.publishedOn != nil else { throw NotFound("local review") }
        return review.withoutIncident()
    }

    /// One local review with its deadlines; viewing an unpublished one is audited.
    public static func localReviewDetail(_ viewer: Viewer, id: UUID, clock: ReviewStore.Clock,
                                         _ context: AppContext) async throws -> ReviewStore.LocalReviewDetail {
        try requireRead(viewer)
        let detail = try await ReviewStore.localReviewDetail(id, in: viewer.partnership, clock: clock, on: context.database)
        guard viewer.allows(.readUnpublishedReviews) else {
            guard detail.summary.review.publishedOn != nil else { throw NotFound("local review") }
            // The rapid review it came from is named by its child reference; the incident is not handed over.
            return ReviewStore.LocalReviewDetail(summary: detail.summary.withoutIncident(), incident: nil, fromRapidReview: detail.fromRapidReview,
                                                 milestones: detail.milestones)
        }
        if detail.summary.review.publishedOn == nil {
            try await ReviewStore.recordView(of: "local_review", id: detail.summary.review.requireID(), title: detail.summary.source.title,
                                             in: viewer.partnership, by: viewer.actor, on: context.database)
        }
        return detail
    }

    /// Themes across the four years ending with `year` (default: the latest year with a review
    /// the viewer may see, else the year of today).
    public static func themes(_ viewer: Viewer, endingWith year: ReportingYear?, _ context: AppContext) async throws -> ReviewStore.Themes {
        try requireRead(viewer)
        let last: ReportingYear
        if let year {
            last = year
        } else {
            last = try await ReviewStore.latestReviewYear(viewer.partnership, hiding: viewer.hiddenSources, on: context.database)
                ?? ReportingYear(containing: context.today)
        }
        return try await ReviewStore.themes(viewer.partnership, endingWith: last, hiding: viewer.hiddenSources, on: context.database)
    }
}

extension ReviewReads {
    static let registry: [ReadUseCase] = [
        .list("ReviewReads.clock") { try await clock($0, $1) },
        .list("ReviewReads.incidents") { viewer, context in
            try await incidents(viewer, clock: clock(viewer, context), context)
        },
        .record("ReviewReads.incident", ids: incidentIDs) { try await incident($0, id: $1, $2) },
        .record("ReviewReads.incidentDetail", ids: incidentIDs) { viewer, id, context in
            try await incidentDetail(viewer, id: id, clock: clock(viewer, context), context)
        },
        .list("ReviewReads.localReviews") { viewer, context in
            try await localReviews(viewer, clock: clock(viewer, context), context)
        },
        .record("ReviewReads.localReview", ids: localReviewIDs) { try await localReview($0, id: $1, $2) },
        .record("ReviewReads.localReviewDetail", ids: localReviewIDs) { viewer, id, context in
            try await localReviewDetail(viewer, id: id, clock: clock(viewer, context), context)
        },
        .list("ReviewReads.themes") { try await themes($0, endingWith: nil, $1) },
    ]

    @Sendable static func incidentIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await SeriousIncident.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }

    @Sendable static func localReviewIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await LocalReview.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }
}
