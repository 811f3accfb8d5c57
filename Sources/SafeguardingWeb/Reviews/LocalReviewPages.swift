import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Local child safeguarding practice reviews: commissioning, milestones, the copy to the national
/// panel and the Secretary of State, publication. Findings, recommendations, actions and challenge
/// events are the tracker's, on the review's source page.
enum LocalReviewPages {
    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        var values = ["reporting_year": ReportingYear(containing: req.today).description]
        if let text = req.query[String.self, at: "incident"], let id = UUID(uuidString: text) {
            let incident = try await ReviewReads.incident(access, id: id, req.context)
            values["incident"] = id.uuidString.lowercased()
            values["child_reference"] = incident.childReference
            if let decided = incident.decided {
                values.merge(Components.dateBoxes("decided_on", decided)) { _, new in new }
                values["reporting_year"] = ReportingYear(containing: decided).description
            }
        }
        return .html(try await form(req, access, values: values, errors: []))
    }

    static func form(_ req: Request, _ access: PartnershipAccess, values: [String: String], errors: [FieldError]) async throws -> String {
        let title = "Commission a local child safeguarding practice review"
        let incidents = try await ReviewReads.incidents(access, clock: ReviewReads.clock(access, req.context), req.context)
            .filter { $0.incident.decision == .localReview && $0.localReviewID == nil }
        return Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .reviews)) {
            Components.backLink(.reviews(slug: access.slug))
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: access.partnership.name)
                el("form", .method("post"), .action(SiteRoute.localReviews(slug: access.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.select(name: "incident", label: "From the rapid review of (optional)",
                                      options: incidents.map { ($0.incident.id!.uuidString.lowercased(), $0.incident.childReference) },
                                      selected: values["incident"], errors: errors, includeBlank: "None: commissioned another way")
                    Components.textInput(name: "child_reference", label: "Anonymised reference", value: values["child_reference"], errors: errors,
                                         hint: "For example: Baby S", width: "app-input--width-20")
                    Components.textInput(name: "reporting_year", label: "Reporting year", value: values["reporting_year"], errors: errors,
                                         hint: "Like 2023-24", width: "app-input--width-4")
                    Components.textInput(name: "reviewer", label: "Independent reviewer (a role or organisation)", value: values["reviewer"], errors: errors)
                    Components.dateInput(name: "decided_on", legend: "Date of the decision to hold the review", values: values, errors: errors,
                                         hint: "Publication is due within the partnership's months of this date. For example, 31 8 2023")
                    Components.textarea(name: "terms_of_reference", label: "Terms of reference", value: values["terms_of_reference"], errors: errors,
                                        hint: "One per line")
                    Components.dateInput(name: "planned_publication_on", legend: "Planned publication (optional)", values: values, errors: errors)
                    Components.textarea(name: "summary", label: "Summary (optional)", value: values["summary"], errors: errors)
                    Components.button("Commission the review")
                }
            }
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let values = req.formFields()
        do {
            let draft = try LocalReviewDraft.validate(values)
            var incidentID: UUID?
            if let text = values["incident"], !text.isEmpty {
                guard let id = UUID(uuidString: text) else {
                    throw ValidationErrors([FieldError(field: "incident", message: "Select one of the rapid reviews, or none")])
                }
                incidentID = id
            }
            let review = try await ReviewStore.createLocalReview(draft, incidentID: incidentID, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Commissioned the review. Add its milestones; record its findings and recommendations in the tracker.")
            return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: review.id!).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, values: values, errors: errors.errors), status: .unprocessableEntity)
        } catch is NotFound {
            return .html(try await form(req, access, values: values, errors: [FieldError(field: "incident", message: "Select one of the rapid reviews, or none")]),
                         status: .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewPages.requireRead(access)
        return try await render(req, access, id: req.uuidParameter("id"), values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        let clock = try await ReviewStore.clock(for: access.partnership, on: req.db)
        let calendar = clock.calendar
        let detail = try await ReviewReads.localReviewDetail(access, id: id, clock: clock, req.context)
        let review = detail.summary.review
        let source = detail.summary.source
        let canRecord = access.allows(.recordReviews)
        let today = req.today
        let slug = access.slug
        let flash = req.takeFlash()
        func dates(_ field: String, _ date: CalendarDate?) -> [String: String] { values.isEmpty ? Components.dateBoxes(field, date) : values }
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? source.title : "Error: \(source.title)", section: .reviews)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.reviews(slug: slug), "Back to practice reviews")
            Components.heading(source.title, caption: access.partnership.name)
            if source.isIllustrative {
                el("p", .class("app-body-text")) { Components.tag("Illustrative", colour: "grey"); " Some dates and details of this demo record are made up." }
            }
            ReviewViews.deadlinesTable(detail.summary.deadlines, today: today, calendar: calendar)
            Components.summaryList([
                ("Reviewer", .text(source.reviewer ?? "Not recorded")),
                ("Decision to hold it", .text(ReviewViews.long(review.decided))),
                ("From the rapid review", detail.fromRapidReview.map { reference in
                    detail.incident.map { incident in
                        el("a", .href(SiteRoute.incident(slug: slug, id: incident.id!).path), .class("app-link")) { reference }
                    } ?? .text(reference)
                } ?? .text("No")),
                ("Planned publication", .text(review.plannedPublication.map(ReviewViews.long) ?? "Not set")),
                ("Copy sent to the national panel and the Secretary of State", .text(review.copySent.map(ReviewViews.long) ?? "Not yet")),
                ("Published", review.published.map { date in
                    el("span") {
                        HTMLNode.text(ReviewViews.long(date) + " ")
                        if let link = review.publicationLink { el("a", .href(link), .class("app-link app-break")) { "the published report" } }
                    }
                } ?? .text("Not yet")),
                ("Summary", .text(source.summary ?? "–")),
            ])
            if !source.terms.isEmpty {
                el("h2", .class("app-heading-m")) { "Terms of reference" }
                el("ol", .class("app-list")) { for term in source.terms { el("li") { term } } }
            }
            el("h2", .class("app-heading-m")) { "Findings, recommendations and actions" }
            el("p", .class("app-body-text")) {
                "\(detail.summary.recommendations) recommendation\(detail.summary.recommendations == 1 ? "" : "s"); actions \(detail.summary.openActions) open, \(detail.summary.doneActions) done. "
                el("a", .href(SiteRoute.learningSource(slug: slug, id: source.id!).path), .class("app-link")) { "Open the review in the learning tracker" }
            }
            Components.table(caption: "Milestones", headers: ["Milestone", "Due", "Done"], rows: detail.milestones.map { milestone in
                let done = milestone.doneOn.flatMap(CalendarDate.init(iso:))
                let due = CalendarDate(iso: milestone.dueOn)!
                let doneCell: HTMLNode
                if let done {
                    doneCell = .text(done.long)
                } else if canRecord {
                    doneCell = el("form", .method("post"), .action(SiteRoute.localReviewMilestoneDone(slug: slug, id: id, milestoneID: milestone.id!).path)) {
                        Components.csrfField(CSRF.token(for: req))
                        el("button", .type("submit"), .class("govuk-button govuk-button--secondary app-button--small")) { "Mark done today" }
                        if due < today { Components.tag("Overdue", colour: "red") }
                    }
                } else {
                    doneCell = due < today ? Components.tag("Overdue", colour: "red") : .text("Not yet")
                }
                return [.text(milestone.title), .text(due.long), doneCell]
            })
            if canRecord {
                el("h2", .class("app-heading-m")) { "Add a milestone" }
                el("form", .method("post"), .action(SiteRoute.localReviewMilestones(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "milestone_title", label: "Milestone", value: values["milestone_title"], errors: errors,
                                         hint: "For example: Practitioner learning event")
                    Components.dateInput(name: "milestone_due_on", legend: "Due", values: values, errors: errors)
                    Components.dateInput(name: "milestone_done_on", legend: "Done (optional)", values: values, errors: errors)
                    Components.button("Add the milestone", secondary: true)
                }
                el("h2", .class("app-heading-m")) { "Copy and publication" }
                el("form", .method("post"), .action(SiteRoute.localReviewPublication(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.dateInput(name: "copy_sent_on", legend: "Copy sent to the national panel and the Secretary of State",
                                         values: dates("copy_sent_on", review.copySent), errors: errors)
                    Components.dateInput(name: "published_on", legend: "Published (leave empty until it is)", values: dates("published_on", review.published), errors: errors)
                    Components.textInput(name: "publication_link", label: "Address of the published report", value: values["publication_link"] ?? review.publicationLink,
                                         errors: errors, hint: "Starting https://")
                    Components.button("Save", secondary: true)
                }
            }
        }, status: status)
    }

    static func addMilestone(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            try await ReviewStore.addMilestone(MilestoneDraft.validate(values), to: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added the milestone")
            return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func completeMilestone(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let id = try req.uuidParameter("id")
        try await ReviewStore.completeMilestone(req.uuidParameter("milestone"), of: id, on: req.today, in: access.partnership,
                                                by: access.actor(req), on: req.db)
        req.flash("Marked the milestone done")
        return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
    }

    static func recordPublication(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            let review = try await ReviewReads.localReview(access, id: id, req.context)
            let draft = try PublicationDraft.validate(values, decidedOn: review.decided, today: req.today)
            try await ReviewStore.recordPublication(draft, for: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash(draft.publishedOn == nil ? "Saved the copy date" : "Recorded the publication: the review is now open to every reader")
            return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }
}
