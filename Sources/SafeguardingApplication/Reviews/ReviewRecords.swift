import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// A statutory deadline and where it stands today, or why the clock cannot say.
public struct DeadlineStanding: Sendable {
    public let deadline: Deadline
    public let state: Result<DeadlineState, ClockError>

    /// Each deadline with its state on `today`; or why the clock cannot give the deadlines at all.
    static func schedule(_ deadlines: Result<[Deadline], ClockError>, today: CalendarDate,
                         calendar: WorkingDayCalendar) -> Result<[DeadlineStanding], ClockError> {
        deadlines.map { list in
            list.map { deadline in
                DeadlineStanding(deadline: deadline, state: Result { () throws(ClockError) in try deadline.state(today: today, calendar: calendar) })
            }
        }
    }
}

/// The deadline a case waits on next, and those it has already missed.
public struct DeadlineOutlook: Sendable {
    public let next: (deadline: Deadline, state: DeadlineState)?
    public let missed: [Deadline]

    /// The first deadline still open (earliest due), and every one missed. Deadlines the clock
    /// cannot place are left out of both.
    init(_ schedule: Result<[DeadlineStanding], ClockError>) {
        guard case let .success(list) = schedule else {
            (next, missed) = (nil, [])
            return
        }
        let states = list.compactMap { standing in (try? standing.state.get()).map { (standing.deadline, $0) } }
        next = states.filter { $0.0.doneOn == nil }.sorted { $0.0.dueOn < $1.0.dueOn }.first
        missed = states.filter { $0.1.isMissed }.map(\.0)
    }
}

/// A serious incident and its rapid review, as plain values, with its statutory deadlines.
public struct IncidentRecord: Sendable {
    public let id: UUID
    /// The rapid review's place in the learning tracker.
    public let learningSourceID: UUID
    public let childReference: String
    public let isIllustrative: Bool
    public let harm: IncidentHarm
    public let ageBand: AgeBand
    public let careLeaver: Bool
    public let aware: CalendarDate
    public let summary: String
    public let notified: CalendarDate?
    public let panelReference: String?
    public let panelMet: CalendarDate?
    public let immediateActions: String?
    public let decision: ReviewDecision?
    public let decided: CalendarDate?
    public let decisionReasons: String?
    public let submitted: CalendarDate?
    public let deadlines: Result<[DeadlineStanding], ClockError>
    /// The local review commissioned from this rapid review, if there is one.
    public let localReviewID: UUID?

    /// Open until the rapid review is submitted to the national panel.
    public var isOpen: Bool { submitted == nil }
    public var outlook: DeadlineOutlook { DeadlineOutlook(deadlines) }

    init(_ detail: ReviewStore.IncidentDetail, today: CalendarDate, calendar: WorkingDayCalendar) throws {
        try self.init(detail.incident, deadlines: detail.deadlines, localReviewID: detail.localReview?.requireID(), today: today, calendar: calendar)
    }

    init(_ incident: SeriousIncident, deadlines: Result<[Deadline], ClockError>, localReviewID: UUID?, today: CalendarDate,
         calendar: WorkingDayCalendar) throws {
        id = try incident.requireID()
        learningSourceID = incident.$source.id
        childReference = incident.childReference
        isIllustrative = incident.isIllustrative
        harm = incident.harm
        ageBand = incident.ageBand
        careLeaver = incident.careLeaver
        aware = incident.aware
        summary = incident.summary
        notified = incident.notified
        panelReference = incident.panelReference
        panelMet = incident.panelMet
        immediateActions = incident.immediateActions
        decision = incident.decision
        decided = incident.decided
        decisionReasons = incident.decisionReasons
        submitted = incident.submitted
        self.deadlines = DeadlineStanding.schedule(deadlines, today: today, calendar: calendar)
        self.localReviewID = localReviewID
    }
}

/// A local child safeguarding practice review, as plain values, with its deadlines and the
/// tracker's counts. It never names the serious incident it came from: that is the page's to
/// give, and only to those who may open incidents.
public struct LocalReviewRecord: Sendable {
    public let id: UUID
    /// The review's place in the learning tracker.
    public let learningSourceID: UUID
    public let title: String
    public let childReference: String
    public let reviewer: String?
    public let summary: String?
    public let termsOfReference: [String]
    public let isIllustrative: Bool
    public let decided: CalendarDate
    public let plannedPublication: CalendarDate?
    public let copySent: CalendarDate?
    public let published: CalendarDate?
    public let publicationLink: String?
    public let deadlines: Result<[DeadlineStanding], ClockError>
    public let recommendations: Int
    public let openActions: Int
    public let doneActions: Int

    /// The deadline of this kind, if the clock could give the deadlines.
    public func deadline(_ kind: Deadline.Kind) -> DeadlineStanding? {
        ((try? deadlines.get()) ?? []).first { $0.deadline.kind == kind }
    }

    init(_ summary: ReviewStore.LocalReviewSummary, today: CalendarDate, calendar: WorkingDayCalendar) throws {
        let (review, source) = (summary.review, summary.source)
        id = try review.requireID()
        learningSourceID = try source.requireID()
        title = source.title
        childReference = review.childReference
        reviewer = source.reviewer
        self.summary = source.summary
        termsOfReference = source.terms
        isIllustrative = source.isIllustrative
        decided = review.decided
        plannedPublication = review.plannedPublication
        copySent = review.copySent
        published = review.published
        publicationLink = review.publicationLink
        deadlines = DeadlineStanding.schedule(summary.deadlines, today: today, calendar: calendar)
        recommendations = summary.recommendations
        openActions = summary.openActions
        doneActions = summary.doneActions
    }
}
