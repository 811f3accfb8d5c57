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

    /// Whether the viewer may open serious incidents and unpublished reviews.
    public static func requireReadIncidents(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.readUnpublishedReviews)
    }

    /// The overview: what the viewer may see of incidents, local reviews, reflective sessions and
    /// national reviews, and the timescales. Reading the incidents is audited.
    public static func overview(_ viewer: Viewer, _ context: AppContext) async throws -> ReviewsOverviewPage {
        try requireRead(viewer)
        let clock = try await clock(viewer, context)
        let incidents = viewer.allows(.readUnpublishedReviews) ? try await incidents(viewer, clock: clock, context) : []
        let reviews = try await localReviews(viewer, clock: clock, context)
        let others = try await LearningStore.sources(viewer.partnership, kind: nil, kinds: [.reflectiveSession, .nationalReview], year: nil,
                                                     hiding: viewer.hiddenSources, today: context.today, on: context.database)
        let groups = try await RegisterStore.groups(viewer.partnership, on: context.database).map { GroupChoice(id: try $0.requireID(), name: $0.name) }
        let settings = clock.settings
        return ReviewsOverviewPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug, mayReadAll: viewer.allows(.readUnpublishedReviews),
            mayRecord: viewer.allows(.recordReviews), mayConfigure: viewer.allows(.configureReviews),
            openIncidents: incidents.filter(\.isOpen), submittedIncidents: incidents.filter { !$0.isOpen }, localReviews: reviews,
            reflectiveSessionsAndNationalReviews: try others.map(ReviewSourceLine.init),
            timescales: settings.timescales, reviewGroupID: settings.reviewGroupID,
            reviewGroupName: settings.reviewGroupID.flatMap { id in groups.first { $0.id == id }?.name },
            groups: groups, bankHolidaysKnown: clock.calendar.coverage)
    }

    /// Serious incidents with their deadlines, latest first; the list view is audited.
    public static func incidents(_ viewer: Viewer, _ context: AppContext) async throws -> [IncidentRecord] {
        try await incidents(viewer, clock: clock(viewer, context), context)
    }

    /// One serious incident with its deadlines; the view is audited.
    public static func incident(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> IncidentRecord {
        let clock = try await clock(viewer, context)
        let detail = try await incidentDetail(viewer, id: id, clock: clock, context)
        return try IncidentRecord(detail, today: context.today, calendar: clock.calendar)
    }

    /// One serious incident's page; the view is audited.
    public static func incidentPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> IncidentPage {
        let clock = try await clock(viewer, context)
        let detail = try await incidentDetail(viewer, id: id, clock: clock, context)
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        return IncidentPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug,
            incident: try IncidentRecord(detail, today: context.today, calendar: clock.calendar),
            agencySummaries: detail.agencies.map { item in
                AgencySummaryLine(organisation: item.organisation.name, requested: item.agency.requestedOn.flatMap(CalendarDate.init(iso:)),
                                  received: item.agency.receivedOn.flatMap(CalendarDate.init(iso:)))
            },
            signOffs: detail.signOffs.map { item in
                SignOffLine(organisation: item.organisation.name, signedByRole: item.signOff.signedByRole, signed: CalendarDate(iso: item.signOff.signedOn))
            },
            organisations: try organisations.map(OrganisationChoice.init), mayRecord: viewer.allows(.recordReviews))
    }

    /// The form to record a serious incident.
    public static func incidentForm(_ viewer: Viewer, _ context: AppContext) async throws -> IncidentFormPage {
        try viewer.require(.recordReviews)
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        return IncidentFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, organisations: try organisations.map(OrganisationChoice.init))
    }

    /// The tracker's form for a new source of a kind the reviews pages record (reflective
    /// sessions and national reviews), for those who record reviews.
    public static func sourceForm(_ viewer: Viewer, kind: SourceKind, _ context: AppContext) async throws -> SourceFormPage {
        try viewer.require(.recordReviews)
        return try await SourceFormPage.read(viewer, kind: kind, context)
    }

    /// Local reviews with their deadlines, newest decision first: all of them for those who read
    /// unpublished reviews, published ones for everyone else.
    public static func localReviews(_ viewer: Viewer, _ context: AppContext) async throws -> [LocalReviewRecord] {
        try await localReviews(viewer, clock: clock(viewer, context), context)
    }

    /// One local review with its deadlines; viewing an unpublished one is audited.
    public static func localReview(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LocalReviewRecord {
        let clock = try await clock(viewer, context)
        let detail = try await localReviewDetail(viewer, id: id, clock: clock, context)
        return try LocalReviewRecord(detail.summary, today: context.today, calendar: clock.calendar)
    }

    /// One local review's page; viewing an unpublished one is audited. Readers who may not open
    /// serious incidents see the rapid review's child reference, never its incident.
    public static func localReviewPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LocalReviewPage {
        let clock = try await clock(viewer, context)
        let detail = try await localReviewDetail(viewer, id: id, clock: clock, context)
        let today = context.today
        return LocalReviewPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug,
            review: try LocalReviewRecord(detail.summary, today: today, calendar: clock.calendar),
            fromRapidReview: detail.fromRapidReview, incidentID: try detail.incident?.requireID(),
            milestones: try detail.milestones.map { milestone in
                let due = CalendarDate(iso: milestone.dueOn)!
                let done = milestone.doneOn.flatMap(CalendarDate.init(iso:))
                return MilestoneLine(id: try milestone.requireID(), title: milestone.title, due: due, done: done, isOverdue: done == nil && due < today)
            },
            mayRecord: viewer.allows(.recordReviews))
    }

    /// The form to commission a local review, opened from a rapid review (`from`) or not. Lists
    /// the rapid reviews that decided on a local review and have none yet; reading them is audited.
    public static func localReviewForm(_ viewer: Viewer, from incidentID: UUID?, _ context: AppContext) async throws -> LocalReviewFormPage {
        try viewer.require(.recordReviews)
        var from: RapidReviewChoice?
        if let incidentID { from = try RapidReviewChoice(try await incidentToChange(viewer, id: incidentID, context)) }
        let waiting = try await incidents(viewer, context).filter { $0.decision == .localReview && $0.localReviewID == nil }
        return LocalReviewFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug,
                                   rapidReviews: waiting.map { RapidReviewChoice(incidentID: $0.id, childReference: $0.childReference, decided: $0.decided) },
                                   from: from)
    }

    /// The working-day calendar on the bank holidays known, shared by every partnership.
    public static func workingDayCalendar(_ context: AppContext) async throws -> WorkingDayCalendar {
        try await ReviewStore.calendar(on: context.database)
    }

    /// Themes across the four years ending with `year` (default, by `DefaultYear`: the latest year
    /// with a review the viewer may see that holds learning, else the year of today).
    public static func themes(_ viewer: Viewer, endingWith year: ReportingYear?, _ context: AppContext) async throws -> ReviewThemesPage {
        try requireRead(viewer)
        let last: ReportingYear
        if let year {
            last = year
        } else {
            // Years with a review holding learning: not one that only has an incident still on the clock.
            last = context.openingYear(try await LearningStore.yearsWithLearning(viewer.partnership, kinds: SourceKind.localReviews,
                                                                                 hiding: viewer.hiddenSources, on: context.database))
        }
        let themes = try await ReviewStore.themes(viewer.partnership, endingWith: last, hiding: viewer.hiddenSources, on: context.database)
        return ReviewThemesPage(partnershipName: viewer.partnership.name, slug: viewer.slug, years: themes.years, rows: themes.rows,
                                reviewsCounted: themes.reviewsCounted)
    }
}

// MARK: The reads the public ones share, and the records the changes start from

extension ReviewReads {
    /// The bank-holiday calendar and the partnership's timescales, read once per request.
    static func clock(_ viewer: Viewer, _ context: AppContext) async throws -> ReviewStore.Clock {
        try await ReviewStore.clock(for: viewer.partnership, on: context.database)
    }

    static func incidents(_ viewer: Viewer, clock: ReviewStore.Clock, _ context: AppContext) async throws -> [IncidentRecord] {
        try viewer.require(.readUnpublishedReviews)
        let incidents = try await ReviewStore.incidents(viewer.partnership, clock: clock, on: context.database)
        try await ReviewStore.recordListView(of: incidents.count, in: viewer.partnership, by: viewer.actor, on: context.database)
        return try incidents.map { summary in
            try IncidentRecord(summary.incident, deadlines: summary.deadlines, localReviewID: summary.localReviewID,
                               today: context.today, calendar: clock.calendar)
        }
    }

    static func incidentDetail(_ viewer: Viewer, id: UUID, clock: ReviewStore.Clock,
                               _ context: AppContext) async throws -> ReviewStore.IncidentDetail {
        try viewer.require(.readUnpublishedReviews)
        let detail = try await ReviewStore.incidentDetail(id, in: viewer.partnership, clock: clock, on: context.database)
        try await ReviewStore.recordView(of: "serious_incident", id: detail.incident.requireID(), title: "the serious incident \(detail.incident.childReference)",
                                         in: viewer.partnership, by: viewer.actor, on: context.database)
        return detail
    }

    /// One serious incident, as a record to change (no view recorded).
    static func incidentToChange(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SeriousIncident {
        try viewer.require(.readUnpublishedReviews)
        return try await ReviewStore.incident(id, in: viewer.partnership, on: context.database)
    }

    static func localReviews(_ viewer: Viewer, clock: ReviewStore.Clock, _ context: AppContext) async throws -> [LocalReviewRecord] {
        try requireRead(viewer)
        // Readers who may not open incidents get published reviews only; the records never name an incident.
        let reviews = try await ReviewStore.localReviews(viewer.partnership, includeUnpublished: viewer.allows(.readUnpublishedReviews),
                                                         clock: clock, on: context.database)
        return try reviews.map { try LocalReviewRecord($0, today: context.today, calendar: clock.calendar) }
    }

    /// One local review, as a record to change.
    static func localReviewToChange(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LocalReview {
        try requireRead(viewer)
        let review = try await ReviewStore.localReview(id, in: viewer.partnership, on: context.database)
        if viewer.allows(.readUnpublishedReviews) { return review }
        guard review.publishedOn != nil else { throw NotFound("local review") }
        return review.withoutIncident()
    }

    static func localReviewDetail(_ viewer: Viewer, id: UUID, clock: ReviewStore.Clock,
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
}

extension ReviewReads {
    static let registry: [ReadUseCase] = [
        .list("ReviewReads.overview") { try await overview($0, $1) },
        .list("ReviewReads.incidents") { try await incidents($0, $1) },
        .record("ReviewReads.incident", ids: incidentIDs) { try await incident($0, id: $1, $2) },
        .record("ReviewReads.incidentPage", ids: incidentIDs) { try await incidentPage($0, id: $1, $2) },
        .list("ReviewReads.incidentForm") { try await incidentForm($0, $1) },
        .list("ReviewReads.sourceForm") { try await sourceForm($0, kind: .reflectiveSession, $1) },
        .list("ReviewReads.localReviews") { try await localReviews($0, $1) },
        .record("ReviewReads.localReview", ids: localReviewIDs) { try await localReview($0, id: $1, $2) },
        .record("ReviewReads.localReviewPage", ids: localReviewIDs) { try await localReviewPage($0, id: $1, $2) },
        .list("ReviewReads.localReviewForm") { try await localReviewForm($0, from: nil, $1) },
        .record("ReviewReads.localReviewForm", ids: incidentIDs) { try await localReviewForm($0, from: $1, $2) },
        .list("ReviewReads.workingDayCalendar") { _, context in try await workingDayCalendar(context) },
        .list("ReviewReads.themes") { try await themes($0, endingWith: nil, $1) },
    ]

    @Sendable static func incidentIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await SeriousIncident.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }

    @Sendable static func localReviewIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await LocalReview.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }
}
