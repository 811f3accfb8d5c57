import FluentKit
import Foundation
import SafeguardingDomain

/// Queries and changes for practice reviews: the clock's bank holidays, each partnership's
/// timescales, serious incidents with their rapid reviews, and local reviews. Every change is
/// written with its audit record in one transaction.
public enum ReviewStore {
    // MARK: The clock

    /// The working-day calendar on the bank holidays in the database (shipped, plus any imported).
    public static func calendar(on db: any Database) async throws -> WorkingDayCalendar {
        let rows = try await StoredBankHoliday.query(on: db).filter(\.$division == BankHolidayFile.division).all()
        return WorkingDayCalendar(holidays: rows.compactMap { row in CalendarDate(iso: row.date).map { BankHoliday(date: $0, title: row.title) } })
    }

    /// Replaces the holidays of every year the file covers with the file's, so a corrected year
    /// loses its stale days; years the file does not mention are kept.
    public static func importHolidays(_ holidays: [BankHoliday], by actor: Actor, on db: any Database) async throws -> (years: [Int], holidays: Int) {
        let years = Set(holidays.map(\.date.year)).sorted()
        try await db.transaction { tx in
            for year in years {
                try await StoredBankHoliday.query(on: tx).filter(\.$division == BankHolidayFile.division)
                    .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31").delete()
            }
            try await holidays.map { StoredBankHoliday(division: BankHolidayFile.division, holiday: $0) }.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: nil, actor: actor, action: "import", subjectType: "bank_holidays", subjectID: nil,
                                        summary: "Imported \(holidays.count) bank holidays for \(years.map(String.init).joined(separator: ", "))")
        }
        return (years, holidays.count)
    }

    // MARK: Settings and access

    public struct Settings: Sendable {
        public let timescales: ReviewTimescales
        public let reviewGroupID: UUID?
    }

    public static func settings(_ partnership: Partnership, on db: any Database) async throws -> Settings {
        let row = try await ReviewSettings.query(on: db).filter(\.$partnership.$id == partnership.requireID()).first()
        return Settings(timescales: row?.timescales ?? .statutory, reviewGroupID: row?.$reviewGroup.id)
    }

    /// Saves the timescales and the review subgroup. The group must be one of the partnership's.
    public static func saveSettings(_ timescales: ReviewTimescales, reviewGroup: String?, in partnership: Partnership, by actor: Actor,
                                    on db: any Database) async throws {
        let pid = try partnership.requireID()
        var groupID: UUID?
        if let reviewGroup, !reviewGroup.isEmpty {
            guard let id = UUID(uuidString: reviewGroup),
                  try await PartnershipGroup.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == pid).count() == 1 else {
                throw ValidationErrors([FieldError(field: "review_group", message: "Select one of the partnership's groups, or none")])
            }
            groupID = id
        }
        let chosenGroup = groupID
        try await db.transaction { tx in
            let row = try await ReviewSettings.query(on: tx).filter(\.$partnership.$id == pid).first() ?? ReviewSettings()
            let before = describe(row.id == nil ? .statutory : row.timescales, group: row.$reviewGroup.id)
            row.$partnership.id = pid
            row.notificationWorkingDays = timescales.notificationWorkingDays
            row.rapidReviewWorkingDays = timescales.rapidReviewWorkingDays
            row.publicationMonths = timescales.publicationMonths
            row.copyWorkingDays = timescales.copyWorkingDays
            row.$reviewGroup.id = chosenGroup
            try await row.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: "review_settings",
                                        subjectID: row.id?.uuidString, summary: "Changed the practice review timescales",
                                        changes: AuditTrail.diff(before, describe(timescales, group: chosenGroup)))
        }
    }

    static func describe(_ t: ReviewTimescales, group: UUID?) -> [String: String?] {
        ["notification_working_days": String(t.notificationWorkingDays), "rapid_review_working_days": String(t.rapidReviewWorkingDays),
         "publication_months": String(t.publicationMonths), "copy_working_days": String(t.copyWorkingDays), "review_group": group?.uuidString]
    }

    /// What the deadlines need, read once per request: the working-day calendar and the
    /// partnership's settings (its timescales and review subgroup).
    public struct Clock: Sendable {
        public let calendar: WorkingDayCalendar
        public let settings: Settings
        public var timescales: ReviewTimescales { settings.timescales }
    }

    public static func clock(for partnership: Partnership, on db: any Database) async throws -> Clock {
        Clock(calendar: try await calendar(on: db), settings: try await settings(partnership, on: db))
    }

    /// Whether the user holds a seat on the partnership's review subgroup on `day`: taken by then,
    /// not ended by then, on a group not closed by then (ISO dates compare as text).
    /// One query, since it runs on every request of a contributor, viewer or child death panel member.
    public static func sitsOnReviewGroup(userID: UUID, in partnership: Partnership, on day: CalendarDate, on db: any Database) async throws -> Bool {
        let today = day.description
        return try await GroupMember.query(on: db)
            .join(ReviewSettings.self, on: \ReviewSettings.$reviewGroup.$id == \GroupMember.$group.$id)
            .join(PartnershipGroup.self, on: \PartnershipGroup.$id == \GroupMember.$group.$id)
            .filter(ReviewSettings.self, \.$partnership.$id == partnership.requireID())
            .filter(\.$user.$id == userID)
            .filter(\.$startedOn <= today)
            .group(.or) { $0.filter(\.$endedOn == nil).filter(\.$endedOn > today) }
            .group(.or) { $0.filter(PartnershipGroup.self, \.$closedOn == nil).filter(PartnershipGroup.self, \.$closedOn > today) }
            .count() > 0
    }

    /// The learning sources of reviews not yet published (rapid reviews, reflective sessions and
    /// unpublished local reviews): hidden from everyone who may not read unpublished reviews.
    public static func restrictedSourceIDs(_ partnership: Partnership, on db: any Database) async throws -> Set<UUID> {
        let rows = try await LearningSource.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$kind ~~ SourceKind.localReviews).filter(\.$isPublished == false).field(\.$id).all()
        return Set(rows.compactMap(\.id))
    }

    /// The same as the public could see it on `day`: a local review published after that day was
    /// still unpublished then. The yearly report hides these as at its year's end, so publishing a
    /// review later does not change an earlier year's report.
    public static func restrictedSourceIDs(_ partnership: Partnership, asAt day: CalendarDate, on db: any Database) async throws -> Set<UUID> {
        let pid = try partnership.requireID()
        let laterPublished = try await LocalReview.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$publishedOn > day.description).field(\.$source.$id).all().map(\.$source.id)
        return try await restrictedSourceIDs(partnership, on: db).union(laterPublished)
    }

    // MARK: Serious incidents and rapid reviews

    public struct IncidentSummary: Sendable {
        public let incident: SeriousIncident
        /// The statutory deadlines, or why the clock cannot give them.
        public let deadlines: Result<[Deadline], ClockError>
        public let localReviewID: UUID?
    }

    public struct IncidentDetail: Sendable {
        public let incident: SeriousIncident
        public let deadlines: Result<[Deadline], ClockError>
        public let agencies: [(agency: IncidentAgency, organisation: Organisation)]
        public let signOffs: [(signOff: RapidReviewSignOff, organisation: Organisation)]
        public let localReview: LocalReview?
    }

    public static func incidents(_ partnership: Partnership, clock: Clock, on db: any Database) async throws -> [IncidentSummary] {
        let pid = try partnership.requireID()
        let incidents = try await SeriousIncident.query(on: db).filter(\.$partnership.$id == pid).sort(\.$awareOn, .descending).all()
        let reviews = try await LocalReview.query(on: db).filter(\.$partnership.$id == pid).all()
        let reviewByIncident = Dictionary(reviews.compactMap { r in r.$incident.id.map { ($0, r.id!) } }, uniquingKeysWith: { a, _ in a })
        return incidents.map { incident in
            IncidentSummary(incident: incident, deadlines: deadlines(of: incident, clock: clock),
                            localReviewID: reviewByIncident[incident.id!])
        }
    }

    static func deadlines(of incident: SeriousIncident, clock: Clock) -> Result<[Deadline], ClockError> {
        Result { () throws(ClockError) in
            try ReviewClock.incidentDeadlines(awareOn: incident.aware, notifiedOn: incident.notified, submittedOn: incident.submitted,
                                              timescales: clock.timescales, calendar: clock.calendar)
        }
    }

    public static func incident(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> SeriousIncident {
        guard let incident = try await SeriousIncident.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnership.requireID()).first() else { throw NotFound("serious incident") }
        return incident
    }

    public static func incidentDetail(_ id: UUID, in partnership: Partnership, clock: Clock, on db: any Database) async throws -> IncidentDetail {
        let incident = try await incident(id, in: partnership, on: db)
        let agencies = try await IncidentAgency.query(on: db).filter(\.$incident.$id == id).with(\.$organisation).all()
            .sorted { $0.organisation.name < $1.organisation.name }
        let signOffs = try await RapidReviewSignOff.query(on: db).filter(\.$incident.$id == id).with(\.$organisation).all()
            .sorted { ($0.signedOn, $0.organisation.name) < ($1.signedOn, $1.organisation.name) }  // same-day sign-offs by partner name
        let review = try await LocalReview.query(on: db).filter(\.$incident.$id == id).first()
        return IncidentDetail(incident: incident, deadlines: deadlines(of: incident, clock: clock),
                              agencies: agencies.map { ($0, $0.organisation) }, signOffs: signOffs.map { ($0, $0.organisation) },
                              localReview: review)
    }

    static func organisation(_ text: String, field: String, in partnership: Partnership, statutory: Bool = false,
                             on db: any Database) async throws -> Organisation {
        guard let id = UUID(uuidString: text),
              let organisation = try await Organisation.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID()).first(),
              !statutory || organisation.kind.isStatutoryPartner else {
            throw ValidationErrors([FieldError(field: field, message: statutory ? "Select one of the three statutory partners"
                                                                                : "Select an organisation from the partnership's register")])
        }
        return organisation
    }

    /// Records an incident with the agencies involved, and opens its rapid review's place in the
    /// learning tracker (restricted until the partnership decides otherwise).
    public static func createIncident(_ draft: IncidentDraft, in partnership: Partnership, isIllustrative: Bool = false, by actor: Actor,
                                      on db: any Database) async throws -> SeriousIncident {
        var found: [Organisation] = []
        for text in draft.agencies { found.append(try await organisation(text, field: "agencies", in: partnership, on: db)) }
        let organisations = found
        let settings = try await settings(partnership, on: db)
        return try await db.transaction { tx in
            let pid = try partnership.requireID()
            let source = LearningSource()
            source.$partnership.id = pid
            source.kind = .rapidReview
            source.title = "Rapid review: \(draft.childReference)"
            source.reportingYear = ReportingYear(containing: draft.awareOn).description
            source.$group.id = settings.reviewGroupID
            source.startedOn = draft.awareOn.description
            source.isPublished = false
            source.isIllustrative = isIllustrative
            source.createdAt = Date()
            try await source.create(on: tx)
            let incident = SeriousIncident()
            incident.$partnership.id = pid
            incident.$source.id = try source.requireID()
            incident.childReference = draft.childReference
            incident.ageBand = draft.ageBand
            incident.harm = draft.harm
            incident.careLeaver = draft.careLeaver
            incident.awareOn = draft.awareOn.description
            incident.summary = draft.summary
            incident.isIllustrative = isIllustrative
            incident.createdAt = Date()
            try await incident.create(on: tx)
            for organisation in organisations {
                let agency = IncidentAgency()
                agency.$partnership.id = pid
                agency.$incident.id = try incident.requireID()
                agency.$organisation.id = try organisation.requireID()
                try await agency.create(on: tx)
            }
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "serious_incident",
                                        subjectID: incident.id?.uuidString,
                                        summary: "Recorded a serious incident (\(draft.childReference)), aware on \(draft.awareOn)")
            return incident
        }
    }

    /// The incident, if its rapid review has not yet gone to the national panel: once submitted,
    /// its record is final, whichever step is tried (`field` names the form field the refusal belongs to).
    static func openIncident(_ id: UUID, in partnership: Partnership, field: String, on db: any Database) async throws -> SeriousIncident {
        let incident = try await incident(id, in: partnership, on: db)
        guard incident.isOpen else {
            throw ValidationErrors([FieldError(field: field, message: "The rapid review was submitted on \(incident.submitted?.long ?? "") and its record is final")])
        }
        return incident
    }

    /// Applies a change to an open incident and records it, in one transaction.
    static func change(_ id: UUID, in partnership: Partnership, field: String, by actor: Actor, summary: String, on db: any Database,
                       _ apply: @Sendable @escaping (SeriousIncident, any Database) async throws -> Void) async throws {
        try await db.transaction { tx in
            let incident = try await openIncident(id, in: partnership, field: field, on: tx)
            let before = fields(of: incident)
            try await apply(incident, tx)
            try await incident.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: incident.$partnership.id, actor: actor, action: "update",
                                        subjectType: "serious_incident", subjectID: id.uuidString, summary: "\(summary) (\(incident.childReference))",
                                        changes: AuditTrail.diff(before, fields(of: incident)))
        }
    }

    static func fields(of incident: SeriousIncident) -> [String: String?] {
        ["notified_on": incident.notifiedOn, "panel_reference": incident.panelReference, "panel_met_on": incident.panelMetOn,
         "immediate_actions": incident.immediateActions, "decision": incident.decision?.rawValue, "decision_reasons": incident.decisionReasons,
         "decided_on": incident.decidedOn, "submitted_on": incident.submittedOn]
    }

    public static func recordNotification(_ draft: NotificationDraft, for id: UUID, in partnership: Partnership, by actor: Actor,
                                          on db: any Database) async throws {
        try await change(id, in: partnership, field: "notified_on", by: actor, summary: "Recorded the notification to the national panel", on: db) { incident, _ in
            incident.notifiedOn = draft.notifiedOn.description
            incident.panelReference = draft.panelReference
        }
    }

    public static func recordRapidReview(_ draft: RapidReviewDraft, for id: UUID, in partnership: Partnership, by actor: Actor,
                                         on db: any Database) async throws {
        try await change(id, in: partnership, field: "decision", by: actor, summary: "Recorded the rapid review", on: db) { incident, _ in
            incident.panelMetOn = draft.panelMetOn?.description
            incident.immediateActions = draft.immediateActions
            incident.decision = draft.decision
            incident.decisionReasons = draft.decisionReasons
            incident.decidedOn = draft.decidedOn?.description
        }
    }

    /// Adds an agency to ask for a summary, or updates its dates if it is already involved.
    public static func recordAgencySummary(_ draft: AgencySummaryDraft, for id: UUID, in partnership: Partnership, by actor: Actor,
                                           on db: any Database) async throws {
        let organisation = try await organisation(draft.organisation, field: "organisation", in: partnership, on: db)
        try await db.transaction { tx in
            let incident = try await openIncident(id, in: partnership, field: "organisation", on: tx)
            let agency = try await IncidentAgency.query(on: tx).filter(\.$incident.$id == id)
                .filter(\.$organisation.$id == organisation.requireID()).first() ?? IncidentAgency()
            agency.$partnership.id = incident.$partnership.id
            agency.$incident.id = id
            agency.$organisation.id = try organisation.requireID()
            agency.requestedOn = draft.requestedOn.description
            agency.receivedOn = draft.receivedOn?.description
            try await agency.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: incident.$partnership.id, actor: actor, action: "update",
                                        subjectType: "serious_incident", subjectID: id.uuidString,
                                        summary: "Recorded \(organisation.name)'s summary for the rapid review (\(incident.childReference))")
        }
    }

    public static func recordSignOff(_ draft: SignOffDraft, for id: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws {
        let organisation = try await organisation(draft.organisation, field: "signoff_organisation", in: partnership, statutory: true, on: db)
        try await db.transaction { tx in
            let incident = try await openIncident(id, in: partnership, field: "signoff_organisation", on: tx)
            guard incident.decision != nil else {
                throw ValidationErrors([FieldError(field: "signoff_organisation", message: "Record the rapid review's decision before partners sign it off")])
            }
            let row = try await RapidReviewSignOff.query(on: tx).filter(\.$incident.$id == id)
                .filter(\.$organisation.$id == organisation.requireID()).first() ?? RapidReviewSignOff()
            row.$partnership.id = incident.$partnership.id
            row.$incident.id = id
            row.$organisation.id = try organisation.requireID()
            row.signedByRole = draft.signedByRole
            row.signedOn = draft.signedOn.description
            try await row.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: incident.$partnership.id, actor: actor, action: "update",
                                        subjectType: "serious_incident", subjectID: id.uuidString,
                                        summary: "\(organisation.name) signed off the rapid review (\(incident.childReference))")
        }
    }

    public static func submitRapidReview(_ fields: [String: String], for id: UUID, in partnership: Partnership, today: CalendarDate,
                                         by actor: Actor, on db: any Database) async throws {
        let incident = try await openIncident(id, in: partnership, field: "submitted_on", on: db)
        let signed = try await RapidReviewSignOff.query(on: db).filter(\.$incident.$id == id).with(\.$organisation).all()
        let partners = Set(signed.filter { $0.organisation.kind.isStatutoryPartner }.map(\.organisation.kind)).count
        let submitted = try RapidReviewSubmission.validate(fields, decidedOn: incident.decided, partnersSigned: partners, today: today)
        try await change(id, in: partnership, field: "submitted_on", by: actor, summary: "Submitted the rapid review to the national panel", on: db) { row, _ in
            row.submittedOn = submitted.description
        }
    }

    // MARK: Local reviews

    public struct LocalReviewSummary: Sendable {
        public let review: LocalReview
        public let source: LearningSource
        public let deadlines: Result<[Deadline], ClockError>
        public let recommendations: Int
        public let openActions: Int
        public let doneActions: Int

        /// The same review for readers who may not open serious incidents.
        public func withoutIncident() -> LocalReviewSummary {
            LocalReviewSummary(review: review.withoutIncident(), source: source, deadlines: deadlines, recommendations: recommendations,
                               openActions: openActions, doneActions: doneActions)
        }
    }

    public struct LocalReviewDetail: Sendable {
        public let summary: LocalReviewSummary
        /// The serious incident it came from, for readers who may open incidents.
        public let incident: SeriousIncident?
        /// The child reference of the rapid review it came from, if it came from one.
        public let fromRapidReview: String?
        public let milestones: [ReviewMilestone]

        public init(summary: LocalReviewSummary, incident: SeriousIncident?, fromRapidReview: String?, milestones: [ReviewMilestone]) {
            self.summary = summary
            self.incident = incident
            self.fromRapidReview = fromRapidReview
            self.milestones = milestones
        }
    }

    /// Local reviews, newest decision first; `includeUnpublished` false gives published ones only.
    public static func localReviews(_ partnership: Partnership, includeUnpublished: Bool, clock: Clock,
                                    on db: any Database) async throws -> [LocalReviewSummary] {
        let pid = try partnership.requireID()
        var query = LocalReview.query(on: db).filter(\.$partnership.$id == pid).with(\.$source)
        if !includeUnpublished { query = query.filter(\.$publishedOn != nil) }
        let reviews = try await query.sort(\.$decidedOn, .descending).all()
        guard !reviews.isEmpty else { return [] }
        let sourceIDs = reviews.map { $0.$source.id }
        let recommendations = Dictionary(grouping: try await Recommendation.query(on: db).filter(\.$source.$id ~~ sourceIDs)
            .field(\.$id).field(\.$source.$id).all(), by: \.$source.id)
        let actions = Dictionary(grouping: try await LearningAction.query(on: db).filter(\.$source.$id ~~ sourceIDs)
            .field(\.$id).field(\.$source.$id).field(\.$status).all(), by: \.$source.id)
        return reviews.map { review in
            summary(review, clock: clock, recommendations: recommendations[review.$source.id]?.count ?? 0, actions: actions[review.$source.id] ?? [])
        }
    }

    static func summary(_ review: LocalReview, clock: Clock, recommendations: Int, actions: [LearningAction]) -> LocalReviewSummary {
        let deadlines = Result { () throws(ClockError) in
            try ReviewClock.localReviewDeadlines(decidedOn: review.decided, plannedPublicationOn: review.plannedPublication,
                                                 publishedOn: review.published, copySentOn: review.copySent,
                                                 timescales: clock.timescales, calendar: clock.calendar)
        }
        return LocalReviewSummary(review: review, source: review.source, deadlines: deadlines, recommendations: recommendations,
                                  openActions: actions.filter { $0.status.isOpen }.count, doneActions: actions.filter { $0.status == .done }.count)
    }

    public static func localReview(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> LocalReview {
        guard let review = try await LocalReview.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$source).first() else { throw NotFound("local review") }
        return review
    }

    public static func localReviewDetail(_ id: UUID, in partnership: Partnership, clock: Clock,
                                         on db: any Database) async throws -> LocalReviewDetail {
        let review = try await localReview(id, in: partnership, on: db)
        let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id == review.$source.id).count()
        let actions = try await LearningAction.query(on: db).filter(\.$source.$id == review.$source.id).all()
        let incident = try await review.$incident.get(on: db)
        let milestones = try await ReviewMilestone.query(on: db).filter(\.$localReview.$id == id).sort(\.$dueOn).all()
        return LocalReviewDetail(summary: summary(review, clock: clock, recommendations: recommendations, actions: actions),
                                 incident: incident, fromRapidReview: incident?.childReference, milestones: milestones)
    }

    /// Commissions a local review, with its place in the learning tracker (kind `lcspr`, held by the
    /// review subgroup). From an incident, the rapid review must have decided on a local review.
    public static func createLocalReview(_ draft: LocalReviewDraft, incidentID: UUID?, in partnership: Partnership, isIllustrative: Bool = false,
                                         by actor: Actor, on db: any Database) async throws -> LocalReview {
        let pid = try partnership.requireID()
        if let incidentID {
            let incident = try await incident(incidentID, in: partnership, on: db)
            guard incident.decision == .localReview else {
                throw ValidationErrors([FieldError(field: "incident", message: "The rapid review for \(incident.childReference) did not decide on a local review")])
            }
            guard try await LocalReview.query(on: db).filter(\.$incident.$id == incidentID).count() == 0 else {
                throw ValidationErrors([FieldError(field: "incident", message: "\(incident.childReference) already has a local review")])
            }
        }
        let groupID = try await settings(partnership, on: db).reviewGroupID
        return try await db.transaction { tx in
            let source = LearningSource()
            source.$partnership.id = pid
            source.kind = .localReview
            source.title = "\(draft.childReference) local child safeguarding practice review"
            source.reportingYear = draft.reportingYear.description
            source.summary = draft.summary
            source.reviewer = draft.reviewer
            source.termsOfReference = draft.termsOfReference.joined(separator: "\n")
            source.$group.id = groupID
            source.startedOn = draft.decidedOn.description
            source.isPublished = false
            source.isIllustrative = isIllustrative
            source.createdAt = Date()
            try await source.create(on: tx)
            let review = LocalReview()
            review.$partnership.id = pid
            review.$source.id = try source.requireID()
            review.$incident.id = incidentID
            review.childReference = draft.childReference
            review.decidedOn = draft.decidedOn.description
            review.plannedPublicationOn = draft.plannedPublicationOn?.description
            review.createdAt = Date()
            try await review.create(on: tx)
            review.$source.value = source
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "local_review",
                                        subjectID: review.id?.uuidString, summary: "Commissioned the \(source.title)")
            return review
        }
    }

    public static func addMilestone(_ draft: MilestoneDraft, to id: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            let review = try await localReview(id, in: partnership, on: tx)
            let milestone = ReviewMilestone()
            milestone.$partnership.id = review.$partnership.id
            milestone.$localReview.id = id
            milestone.title = draft.title
            milestone.dueOn = draft.dueOn.description
            milestone.doneOn = draft.doneOn?.description
            try await milestone.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: review.$partnership.id, actor: actor, action: "create", subjectType: "review_milestone",
                                        subjectID: milestone.id?.uuidString, summary: "Added the milestone \(draft.title) to \(review.childReference)'s review")
        }
    }

    public static func completeMilestone(_ milestoneID: UUID, of id: UUID, on date: CalendarDate, in partnership: Partnership, by actor: Actor,
                                         on db: any Database) async throws {
        try await db.transaction { tx in
            let review = try await localReview(id, in: partnership, on: tx)
            guard let milestone = try await ReviewMilestone.query(on: tx).filter(\.$id == milestoneID).filter(\.$localReview.$id == id).first()
            else { throw NotFound("milestone") }
            milestone.doneOn = date.description
            try await milestone.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: review.$partnership.id, actor: actor, action: "update", subjectType: "review_milestone",
                                        subjectID: milestoneID.uuidString, summary: "Marked \(milestone.title) done for \(review.childReference)'s review")
        }
    }

    /// Records the copy to the national panel and publication. Publishing opens the review (and
    /// its place in the tracker) to every reader.
    public static func recordPublication(_ draft: PublicationDraft, for id: UUID, in partnership: Partnership, by actor: Actor,
                                         on db: any Database) async throws {
        try await db.transaction { tx in
            let review = try await localReview(id, in: partnership, on: tx)
            let before: [String: String?] = ["copy_sent_on": review.copySentOn, "published_on": review.publishedOn, "publication_link": review.publicationLink]
            review.copySentOn = draft.copySentOn?.description
            review.publishedOn = draft.publishedOn?.description
            review.publicationLink = draft.link
            try await review.update(on: tx)
            let source = review.source
            source.isPublished = draft.publishedOn != nil
            source.completedOn = draft.publishedOn?.description
            if let published = draft.publishedOn, source.challengeDueOn == nil {
                source.challengeDueOn = published.addingMonths(TrackerRules.defaultChallengeInterval).description
            }
            try await source.update(on: tx)
            let after: [String: String?] = ["copy_sent_on": review.copySentOn, "published_on": review.publishedOn, "publication_link": review.publicationLink]
            try await AuditTrail.record(on: tx, partnershipID: review.$partnership.id, actor: actor, action: "update", subjectType: "local_review",
                                        subjectID: id.uuidString,
                                        summary: draft.publishedOn == nil ? "Recorded the copy of \(source.title)" : "Published the \(source.title)",
                                        changes: AuditTrail.diff(before, after))
        }
    }

    /// Records that someone looked at a review before it was published: the audit log keeps every view.
    public static func recordView(of subjectType: String, id: UUID, title: String, in partnership: Partnership, by actor: Actor,
                                  on db: any Database) async throws {
        try await AuditTrail.record(on: db, partnershipID: partnership.requireID(), actor: actor, action: "view", subjectType: subjectType,
                                    subjectID: id.uuidString, summary: "Viewed \(title), not yet published")
    }

    /// Records that someone read the list of serious incidents (references, ages, deadlines).
    public static func recordListView(of count: Int, in partnership: Partnership, by actor: Actor, on db: any Database) async throws {
        guard count > 0 else { return }
        try await AuditTrail.record(on: db, partnershipID: partnership.requireID(), actor: actor, action: "view", subjectType: "serious_incident",
                                    subjectID: nil, summary: "Viewed the list of \(count) serious incident\(count == 1 ? "" : "s")")
    }

    // MARK: Themes across reviews

    public struct Themes: Sendable {
        public let years: [ReportingYear]
        public let rows: [ThemesAcrossReviews.Row]
        public let reviewsCounted: Int
    }

    /// The latest reporting year with one of the partnership's own reviews: where the themes
    /// window ends unless the reader picks another year.
    public static func latestReviewYear(_ partnership: Partnership, hiding hidden: Set<UUID>, on db: any Database) async throws -> ReportingYear? {
        try await LearningSource.query(on: db).filter(\.$partnership.$id == partnership.requireID()).filter(\.$kind ~~ SourceKind.localReviews)
            .field(\.$id).field(\.$reportingYear).all()
            .filter { !hidden.contains($0.id!) }.compactMap(\.year).max()
    }

    /// Themes of the partnership's own reviews in the window, beside the national panel's
    /// recommendations (those answering a finding tagged with the theme).
    public static func themes(_ partnership: Partnership, endingWith year: ReportingYear, hiding hidden: Set<UUID>,
                              on db: any Database) async throws -> Themes {
        let pid = try partnership.requireID()
        let years = ThemesAcrossReviews.window(endingWith: year)
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$kind ~~ SourceKind.reviews).all()
            .filter { !hidden.contains($0.id!) }
        let local = sources.filter { SourceKind.localReviews.contains($0.kind) && ($0.year.map(years.contains) ?? false) }
        // The national panel's reviews of the window's years or before: one filed later is not yet in an earlier year's themes.
        let national = sources.filter { $0.kind == .nationalReview && ($0.year.map { $0 <= year } ?? false) }
        let ids = (local + national).map { $0.id! }
        guard !ids.isEmpty else { return Themes(years: years, rows: [], reviewsCounted: 0) }
        let findings = try await Finding.query(on: db).filter(\.$source.$id ~~ ids).sort(\.$position).all()
        let titles = Dictionary((local + national).map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
        let localIDs = Set(local.map { $0.id! })
        let localItems = findings.filter { localIDs.contains($0.$source.id) && !$0.themeList.isEmpty }.map { finding in
            ThemesAcrossReviews.Item(reviewID: finding.$source.id.uuidString, reviewTitle: titles[finding.$source.id] ?? "",
                                     text: finding.text, themes: finding.themeList)
        }
        let themesByFinding = Dictionary(findings.map { ($0.id!, $0.themeList) }, uniquingKeysWith: { a, _ in a })
        let nationalIDs = national.map { $0.id! }
        let nationalItems: [ThemesAcrossReviews.Item] = nationalIDs.isEmpty ? [] :
            try await Recommendation.query(on: db).filter(\.$source.$id ~~ nationalIDs).sort(\.$number).all().compactMap { recommendation in
                guard let themes = recommendation.$finding.id.flatMap({ themesByFinding[$0] }), !themes.isEmpty else { return nil }
                return ThemesAcrossReviews.Item(reviewID: recommendation.$source.id.uuidString, reviewTitle: titles[recommendation.$source.id] ?? "",
                                                text: recommendation.text, themes: themes)
            }
        return Themes(years: years, rows: ThemesAcrossReviews.rows(local: localItems, national: nationalItems), reviewsCounted: local.count)
    }
}
