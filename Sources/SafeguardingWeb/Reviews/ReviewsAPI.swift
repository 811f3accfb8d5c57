import Foundation
import SafeguardingApplication
import SafeguardingDomain
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
        let calendar = try await ReviewReads.workingDayCalendar(req.context)
        var v = Validator()
        let from = v.date(["from": req.query[String.self, at: "from"] ?? ""], field: "from", required: true,
                          missing: "Give the starting date as from=YYYY-MM-DD")
        let addText = req.query[String.self, at: "add"]
        let toText = req.query[String.self, at: "to"]
        var add: Int?
        var to: CalendarDate?
        switch (addText, toText) {
        case let (addText?, nil):
            let span = WorkingDayCalendar.maximumSpan
            add = Int(addText).flatMap { (-span...span).contains($0) ? $0 : nil }
            if add == nil {
                v.add("add", "Give the working days to add as a whole number from -\(span) to \(span), like add=5 (negative counts back)")
            }
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
            let field = if case .tooFar = error { add == nil ? "to" : "add" } else { "from" }
            throw ValidationErrors([FieldError(field: field, message: error.description)])
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

        init(_ standing: DeadlineStanding) {
            let deadline = standing.deadline
            kind = deadline.kind.rawValue
            label = deadline.kind.label
            due_date = deadline.dueOn.description
            done_on = deadline.doneOn?.description
            let state = try? standing.state.get()
            self.state = state?.label ?? "unknown"
            if case let .pending(left) = state { working_days_left = left } else { working_days_left = nil }
            missed = state?.isMissed ?? false
        }

        /// The deadlines the clock could give; none when it could not (`clock_error` says why).
        static func list(_ deadlines: Result<[DeadlineStanding], ClockError>) -> [DeadlineJSON] {
            ((try? deadlines.get()) ?? []).map(DeadlineJSON.init)
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

        init(_ incident: IncidentRecord) {
            var error: String?
            if case let .failure(problem) = incident.deadlines { error = problem.description }
            id = incident.id
            child_reference = incident.childReference
            age_band = incident.ageBand.rawValue
            harm = incident.harm.rawValue
            care_leaver = incident.careLeaver
            aware_on = incident.aware.description
            notified_on = incident.notified?.description
            decision = incident.decision?.rawValue
            submitted_on = incident.submitted?.description
            is_open = incident.isOpen
            deadlines = DeadlineJSON.list(incident.deadlines)
            clock_error = error
            learning_source_id = incident.learningSourceID
        }
    }

    static func incidents(_ req: Request) async throws -> [IncidentJSON] {
        let access = try await req.partnershipAccess()
        return try await ReviewReads.incidents(access, req.context).map(IncidentJSON.init)
    }

    static func incident(_ req: Request) async throws -> IncidentJSON {
        let access = try await req.partnershipAccess()
        return IncidentJSON(try await ReviewReads.incident(access, id: req.uuidParameter("id"), req.context))
    }

    /// `{"child_reference": "Baby S", "age_band": "under_1", "harm": "serious_harm", "aware_on": "2023-12-22",
    /// "summary": "…", "care_leaver": false, "agencies": [organisation ids]}`
    static func createIncident(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        // Refused before the body is read, so a reader without the right learns nothing from its errors.
        try ReviewWrites.requireRecord(access)
        let incident = try await ReviewWrites.createIncident(access, req.jsonFields(), req.context)
        return try await IncidentJSON(incident).encodeResponse(status: .created, for: req)
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

        init(_ review: LocalReviewRecord) {
            id = review.id
            title = review.title
            child_reference = review.childReference
            reviewer = review.reviewer
            decided_on = review.decided.description
            published_on = review.published?.description
            publication_link = review.publicationLink
            copy_sent_on = review.copySent?.description
            deadlines = DeadlineJSON.list(review.deadlines)
            recommendations = review.recommendations
            open_actions = review.openActions
            done_actions = review.doneActions
            learning_source_id = review.learningSourceID
        }
    }

    static func localReviews(_ req: Request) async throws -> [LocalReviewJSON] {
        let access = try await req.partnershipAccess()
        return try await ReviewReads.localReviews(access, req.context).map(LocalReviewJSON.init)
    }

    static func localReview(_ req: Request) async throws -> LocalReviewJSON {
        let access = try await req.partnershipAccess()
        try ReviewReads.requireRead(access)
        return LocalReviewJSON(try await ReviewReads.localReview(access, id: req.uuidParameter("id"), req.context))
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
        try ReviewReads.requireRead(access)
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
