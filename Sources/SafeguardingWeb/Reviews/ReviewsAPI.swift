import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Vapor

/// The statutory clock and practice reviews in the API, with the same rules as the pages:
/// incidents and unpublished reviews for those who may read them, published reviews for all readers.
enum ReviewsAPI {
    struct WorkingDaysJSON: Content {
        let from: String
        let add: Int?
        let to: String?
        let date: String?
        let working_days: Int?
        let bank_holidays_known: String
    }

    /// `GET /api/v1/working-days?from=2023-12-22&add=5` gives `date`; `?from=…&to=…` gives `working_days`.
    static func workingDays(_ req: Request) async throws -> WorkingDaysJSON {
        let calendar = try await ReviewStore.calendar(on: req.db)
        var v = Validator()
        let from = v.date(["from": req.query[String.self, at: "from"] ?? ""], field: "from", required: true,
                          missing: "Give the starting date as from=YYYY-MM-DD")
        let addText = req.query[String.self, at: "add"]
        let toText = req.query[String.self, at: "to"]
        var add: Int?
        var to: CalendarDate?
        switch (addText, toText) {
        case let (addText?, nil):
            add = Int(addText)
            if add == nil { v.add("add", "Give the working days to add as a whole number, like add=5 (negative counts back)") }
        case let (nil, toText?):
            to = v.date(["to": toText], field: "to", required: true, missing: "Give the end date as to=YYYY-MM-DD")
        default:
            v.add("add", "Give either add=N (working days to add) or to=YYYY-MM-DD (to count working days), not both")
        }
        try v.finish()
        do {
            if let add {
                let date = try calendar.adding(workingDays: add, to: from!)
                return WorkingDaysJSON(from: from!.description, add: add, to: nil, date: date.description, working_days: nil,
                                       bank_holidays_known: calendar.coverage)
            }
            let count = try calendar.workingDays(from: from!, to: to!)
            return WorkingDaysJSON(from: from!.description, add: nil, to: to!.description, date: nil, working_days: count,
                                   bank_holidays_known: calendar.coverage)
        } catch {
            throw ValidationErrors([FieldError(field: "from", message: error.description)])
        }
    }

    struct DeadlineJSON: Content {
        let kind: String
        let label: String
        let due_date: String
        let done_on: String?
        let state: String
        let working_days_left: Int?
        let missed: Bool

        init(_ deadline: Deadline, today: CalendarDate, calendar: WorkingDayCalendar) {
            kind = deadline.kind.rawValue
            label = deadline.kind.label
            due_date = deadline.dueOn.description
            done_on = deadline.doneOn?.description
            let state = try? deadline.state(today: today, calendar: calendar)
            self.state = state?.label ?? "unknown"
            if case let .pending(left) = state { working_days_left = left } else { working_days_left = nil }
            missed = state?.isMissed ?? false
        }
    }

    struct IncidentJSON: Content {
        let id: UUID
        let child_reference: String
        let age_band: String
        let harm: String
        let care_leaver: Bool
        let aware_on: String
        let notified_on: String?
        let decision: String?
        let submitted_on: String?
        let is_open: Bool
        let deadlines: [DeadlineJSON]
        let clock_error: String?
        let learning_source_id: UUID
    }

    static func incidentJSON(_ incident: SeriousIncident, _ deadlines: Result<[Deadline], ClockError>, today: CalendarDate,
                             calendar: WorkingDayCalendar) -> IncidentJSON {
        var error: String?
        if case let .failure(problem) = deadlines { error = problem.description }
        return IncidentJSON(id: incident.id!, child_reference: incident.childReference, age_band: incident.ageBand.rawValue, harm: incident.harm.rawValue,
                            care_leaver: incident.careLeaver, aware_on: incident.awareOn, notified_on: incident.notifiedOn,
                            decision: incident.decision?.rawValue, submitted_on: incident.submittedOn, is_open: incident.isOpen,
                            deadlines: ((try? deadlines.get()) ?? []).map { DeadlineJSON($0, today: today, calendar: calendar) },
                            clock_error: error, learning_source_id: incident.$source.id)
    }

    static func incidents(_ req: Request) async throws -> [IncidentJSON] {
        let access = try await req.partnershipAccess()
        let clock = try await ReviewReads.clock(access, req.context)
        let today = req.today
        let incidents = try await ReviewReads.incidents(access, clock: clock, req.context)
        return incidents.map { incidentJSON($0.incident, $0.deadlines, today: today, calendar: clock.calendar) }
    }

    static func incident(_ req: Request) async throws -> IncidentJSON {
        let access = try await req.partnershipAccess()
        let clock = try await ReviewReads.clock(access, req.context)
        let calendar = clock.calendar
        let detail = try await ReviewReads.incidentDetail(access, id: req.uuidParameter("id"), clock: clock, req.context)
        return incidentJSON(detail.incident, detail.deadlines, today: req.today, calendar: calendar)
    }

    /// `{"child_reference": "Baby S", "age_band": "under_1", "harm": "serious_harm", "aware_on": "2023-12-22",
    /// "summary": "…", "care_leaver": false, "agencies": [organisation ids]}`
    static func createIncident(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let draft = try IncidentDraft.validate(req.jsonFields(), today: req.today)
        let incident = try await ReviewStore.createIncident(draft, in: access.partnership, by: access.actor(req), on: req.db)
        let clock = try await ReviewStore.clock(for: access.partnership, on: req.db)
        let calendar = clock.calendar
        let detail = try await ReviewStore.incidentDetail(incident.requireID(), in: access.partnership, clock: clock, on: req.db)
        return try await incidentJSON(detail.incident, detail.deadlines, today: req.today, calendar: calendar)
            .encodeResponse(status: .created, for: req)
    }

    struct LocalReviewJSON: Content {
        let id: UUID
        let title: String
        let child_reference: String
        let reviewer: String?
        let decided_on: String
        let published_on: String?
        let publication_link: String?
        let copy_sent_on: String?
        let deadlines: [DeadlineJSON]
        let recommendations: Int
        let open_actions: Int
        let done_actions: Int
        let learning_source_id: UUID
    }

    static func reviewJSON(_ s: ReviewStore.LocalReviewSummary, today: CalendarDate, calendar: WorkingDayCalendar) -> LocalReviewJSON {
        LocalReviewJSON(id: s.review.id!, title: s.source.title, child_reference: s.review.childReference, reviewer: s.source.reviewer,
                        decided_on: s.review.decidedOn, published_on: s.review.publishedOn, publication_link: s.review.publicationLink,
                        copy_sent_on: s.review.copySentOn,
                        deadlines: ((try? s.deadlines.get()) ?? []).map { DeadlineJSON($0, today: today, calendar: calendar) },
                        recommendations: s.recommendations, open_actions: s.openActions, done_actions: s.doneActions,
                        learning_source_id: s.source.id!)
    }

    static func localReviews(_ req: Request) async throws -> [LocalReviewJSON] {
        let access = try await req.partnershipAccess()
        try ReviewPages.requireRead(access)
        let clock = try await ReviewStore.clock(for: access.partnership, on: req.db)
        let today = req.today
        return try await ReviewReads.localReviews(access, clock: clock, req.context)
            .map { reviewJSON($0, today: today, calendar: clock.calendar) }
    }

    static func localReview(_ req: Request) async throws -> LocalReviewJSON {
        let access = try await req.partnershipAccess()
        try ReviewPages.requireRead(access)
        let clock = try await ReviewStore.clock(for: access.partnership, on: req.db)
        let calendar = clock.calendar
        let detail = try await ReviewReads.localReviewDetail(access, id: req.uuidParameter("id"), clock: clock, req.context)
        return reviewJSON(detail.summary, today: req.today, calendar: calendar)
    }

    struct ThemeJSON: Content {
        let theme: String
        let reviews: Int
        let findings: Int
        let review_titles: [String]
        let national_recommendations: [String]
    }

    struct ThemesJSON: Content {
        let years: [String]
        let reviews_counted: Int
        let themes: [ThemeJSON]
    }

    /// `GET …/themes?year=2023-24`: the four years ending with that year (default: the latest year with a review).
    static func themes(_ req: Request) async throws -> ThemesJSON {
        let access = try await req.partnershipAccess()
        try ReviewPages.requireRead(access)
        var year: ReportingYear?
        if let text = req.query[String.self, at: "year"] {
            guard let parsed = ReportingYear(text) else {
                throw ValidationErrors([FieldError(field: "year", message: "Give the last reporting year of the window, like year=2023-24")])
            }
            year = parsed
        }
        let themes = try await ReviewReads.themes(access, endingWith: year, req.context)
        return ThemesJSON(years: themes.years.map(\.description), reviews_counted: themes.reviewsCounted, themes: themes.rows.map { row in
            ThemeJSON(theme: row.theme, reviews: row.reviews.count, findings: row.localFindings.count, review_titles: row.reviews.map(\.title),
                      national_recommendations: row.national.map(\.text))
        })
    }
}
