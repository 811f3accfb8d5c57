import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The practice reviews overview: every open case's next statutory deadline, local reviews with
/// their publication deadlines, reflective sessions and national reviews, the partnership's
/// timescales; and themes across reviews. Readers without review access see published reviews only.
enum ReviewPages {
    static func overview(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        return try await renderOverview(req, access, settings: [:], errors: [], status: .ok)
    }

    static func requireRead(_ access: PartnershipAccess) throws {
        try ReviewReads.requireRead(access)
    }

    static func renderOverview(_ req: Request, _ access: PartnershipAccess, settings values: [String: String], errors: [FieldError],
                               status: HTTPResponseStatus) async throws -> Response {
        try requireRead(access)
        let mayReadAll = access.allows(.readUnpublishedReviews)
        let canRecord = access.allows(.recordReviews)
        let today = req.today
        let clock = try await ReviewStore.clock(for: access.partnership, on: req.db)
        let (calendar, settings) = (clock.calendar, clock.settings)
        let incidents = try await ReviewReads.incidents(access, clock: clock, orEmpty: true, req.context)
        let reviews = try await ReviewReads.localReviews(access, clock: clock, req.context)
        let others = try await LearningReads.sources(access, kinds: [.reflectiveSession, .nationalReview], req.context)
        let groups = try await RegisterStore.groups(access.partnership, on: req.db)
        let slug = access.slug
        let flash = req.takeFlash()
        let open = incidents.filter(\.incident.isOpen)
        let title = "Practice reviews"
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .reviews)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.heading(title, caption: access.partnership.name)
            ReviewViews.subNavigation(.overview, slug: slug)
            if !mayReadAll {
                el("p", .class("app-body-text")) {
                    "You see published reviews only. Serious incidents, rapid reviews and reviews not yet published are open to the Executive and the practice review subgroup."
                }
            }
            if canRecord {
                el("ul", .class("app-inline-list")) {
                    el("li") { el("a", .href(SiteRoute.newIncident(slug: slug).path), .class("govuk-button")) { "Record a serious incident" } }
                    el("li") { el("a", .href(SiteRoute.newLocalReview(slug: slug).path), .class("govuk-button govuk-button--secondary")) { "Commission a local review" } }
                    el("li") { el("a", .href(SiteRoute.newReviewSource(slug: slug).path + "?kind=marps"), .class("govuk-button govuk-button--secondary")) { "Record a reflective session" } }
                    el("li") { el("a", .href(SiteRoute.newReviewSource(slug: slug).path + "?kind=national_review"), .class("govuk-button govuk-button--secondary")) { "Record a national panel review" } }
                }
            }
            if mayReadAll {
                el("h2", .class("app-heading-m")) { "Open cases: the next statutory deadline" }
                if open.isEmpty {
                    el("p", .class("app-body-text")) { "No serious incident is waiting for its notification or rapid review." }
                } else {
                    Components.table(caption: "Open serious incidents", hiddenCaption: true,
                                     headers: ["Child", "Local authority aware", "Next deadline", "Due", "Where it stands", "Missed"], rows: open.map { summary in
                        let (next, missed) = ReviewViews.next(summary.deadlines, today: today, calendar: calendar)
                        return [el("a", .href(SiteRoute.incident(slug: slug, id: summary.incident.id!).path), .class("app-link")) { summary.incident.childReference },
                                .text(summary.incident.aware.long),
                                .text(next?.0.kind.label ?? clockProblem(summary.deadlines)),
                                .text(next.map { ReviewViews.long($0.0.dueOn) } ?? "–"),
                                next.map { ReviewViews.deadlineTag($0.1) } ?? .text("–"),
                                missed.isEmpty ? .text("None") : Components.tag(missed.map(\.kind.label).joined(separator: "; "), colour: "red")]
                    })
                }
                let closed = incidents.filter { !$0.incident.isOpen }
                if !closed.isEmpty {
                    Components.table(caption: "Rapid reviews submitted", headers: ["Child", "Submitted", "Decision", "Deadlines"], rows: closed.map { summary in
                        let missed = ReviewViews.next(summary.deadlines, today: today, calendar: calendar).missed
                        return [el("a", .href(SiteRoute.incident(slug: slug, id: summary.incident.id!).path), .class("app-link")) { summary.incident.childReference },
                                .text(summary.incident.submitted?.long ?? "–"), .text(ReviewViews.decisionLabel(summary.incident.decision)),
                                missed.isEmpty ? Components.tag("All met", colour: "green") : Components.tag("Missed: " + missed.map(\.kind.label).joined(separator: "; "), colour: "red")]
                    })
                }
            }
            el("h2", .class("app-heading-m")) { "Local child safeguarding practice reviews" }
            if reviews.isEmpty {
                el("p", .class("app-body-text")) { mayReadAll ? "No local review has been commissioned." : "No local review has been published." }
            } else {
                Components.table(caption: "Local reviews", hiddenCaption: true,
                                 headers: ["Review", "Decided", "Copy to the national panel", "Publication", "Recommendations", "Actions open / done"],
                                 numeric: [4], rows: reviews.map { review in
                    let deadlines = (try? review.deadlines.get()) ?? []
                    func cell(_ kind: Deadline.Kind) -> HTMLNode {
                        guard let deadline = deadlines.first(where: { $0.kind == kind }) else { return .text(clockProblem(review.deadlines)) }
                        return el("span") {
                            HTMLNode.text(ReviewViews.long(deadline.doneOn ?? deadline.dueOn) + " ")
                            ReviewViews.stateCell(deadline, today: today, calendar: calendar)
                        }
                    }
                    return [el("a", .href(SiteRoute.localReview(slug: slug, id: review.review.id!).path), .class("app-link")) { review.source.title },
                            .text(review.review.decided.long), cell(.copyToPanel), cell(.publication), .text(String(review.recommendations)),
                            .text("\(review.openActions) / \(review.doneActions)")]
                })
            }
            el("h2", .class("app-heading-m")) { "Reflective sessions and national reviews" }
            if others.isEmpty {
                el("p", .class("app-body-text")) { "None recorded." }
            } else {
                Components.table(caption: "Reflective sessions and national reviews", hiddenCaption: true,
                                 headers: ["Title", "Kind", "Year", "Recommendations", "Actions open / done"], numeric: [3], rows: others.map { s in
                    [el("a", .href(SiteRoute.learningSource(slug: slug, id: s.source.id!).path), .class("app-link")) { s.source.title },
                     .text(s.source.kind.label), .text(s.source.reportingYear), .text(String(s.recommendations)), .text("\(s.openActions) / \(s.doneActions)")]
                })
            }
            el("h2", .class("app-heading-m")) { "Timescales" }
            let timescales = settings.timescales
            Components.summaryList([
                ("Notify the national panel", .text("\(timescales.notificationWorkingDays) working days after the local authority becomes aware")),
                ("Rapid review", .text("\(timescales.rapidReviewWorkingDays) working days after the notification")),
                ("Publish a local review", .text("\(timescales.publicationMonths) months after the decision to hold it")),
                ("Copy to the national panel and the Secretary of State", .text("\(timescales.copyWorkingDays) working days before publication")),
                ("Review subgroup", .text(settings.reviewGroupID.flatMap { id in groups.first { $0.id == id }?.name } ?? "Not set")),
                ("Bank holidays known", .text(calendar.coverage)),
            ])
            if access.allows(.configureReviews) {
                el("details", .class("govuk-details"), .flag("open", !errors.isEmpty)) {
                    el("summary", .class("govuk-details__summary")) { el("span", .class("govuk-details__summary-text")) { "Change the timescales or the review subgroup" } }
                    el("form", .method("post"), .action(SiteRoute.reviewSettings(slug: slug).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.textInput(name: "notification_working_days", label: "Working days to notify the national panel",
                                             value: values["notification_working_days"] ?? String(timescales.notificationWorkingDays), errors: errors, width: "app-input--width-4")
                        Components.textInput(name: "rapid_review_working_days", label: "Working days to complete a rapid review",
                                             value: values["rapid_review_working_days"] ?? String(timescales.rapidReviewWorkingDays), errors: errors, width: "app-input--width-4")
                        Components.textInput(name: "publication_months", label: "Months to publish a local review",
                                             value: values["publication_months"] ?? String(timescales.publicationMonths), errors: errors, width: "app-input--width-4")
                        Components.textInput(name: "copy_working_days", label: "Working days before publication to send the copy",
                                             value: values["copy_working_days"] ?? String(timescales.copyWorkingDays), errors: errors, width: "app-input--width-4")
                        Components.select(name: "review_group", label: "Subgroup that holds practice reviews",
                                          options: groups.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                          selected: values["review_group"] ?? settings.reviewGroupID?.uuidString.lowercased(), errors: errors, includeBlank: "None")
                        Components.button("Save timescales", secondary: true)
                    }
                }
            }
        }, status: status)
    }

    static func clockProblem(_ deadlines: Result<[Deadline], ClockError>) -> String {
        if case let .failure(error) = deadlines { return error.description }
        return "All met or done"
    }

    static func saveSettings(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.configureReviews)
        let values = req.formFields()
        do {
            let timescales = try ReviewTimescales.validate(values)
            try await ReviewStore.saveSettings(timescales, reviewGroup: values["review_group"], in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Saved the timescales")
            return req.redirect(to: SiteRoute.reviews(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            return try await renderOverview(req, access, settings: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    // MARK: Reflective sessions and national reviews

    static let kindsRecordedHere: [SourceKind] = [.reflectiveSession, .nationalReview]

    static func newSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        guard let kind = req.query[String.self, at: "kind"].flatMap(SourceKind.init(rawValue:)), kindsRecordedHere.contains(kind) else {
            throw Abort(.notFound, reason: "Reviews record reflective sessions (kind=marps) and national reviews (kind=national_review) here.")
        }
        let values = ["reporting_year": ReportingYear(containing: req.today).description]
        return .html(try await LearningPages.sourceForm(req, access, kind: kind, values: values, errors: [], editing: nil,
                                                        postTo: .reviewSources(slug: access.slug)))
    }

    static func createSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let values = req.formFields()
        let kind = values["kind"].flatMap(SourceKind.init(rawValue:)).flatMap { kindsRecordedHere.contains($0) ? $0 : nil }
        do {
            var draft = try SourceDraft.validate(values, allowing: kindsRecordedHere)
            if draft.group == nil, draft.kind == .reflectiveSession {
                draft.group = try await ReviewStore.settings(access.partnership, on: req.db).reviewGroupID?.uuidString
            }
            let source = try await LearningStore.createSource(draft, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Recorded \(source.title). Add its findings, with themes, and its recommendations.")
            return req.redirect(to: SiteRoute.learningSource(slug: access.slug, id: source.id!).path)
        } catch let errors as ValidationErrors {
            return .html(try await LearningPages.sourceForm(req, access, kind: kind ?? .reflectiveSession, values: values, errors: errors.errors,
                                                            editing: nil, postTo: .reviewSources(slug: access.slug)), status: .unprocessableEntity)
        }
    }

    // MARK: Themes across reviews

    static func themes(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try requireRead(access)
        let requested = req.query[String.self, at: "year"]
        var errors: [FieldError] = []
        var chosen: ReportingYear?
        if let requested, !requested.isEmpty {
            if let parsed = ReportingYear(requested) { chosen = parsed } else {
                errors.append(FieldError(field: "year", message: "Enter the last reporting year of the window, like 2023-24"))
            }
        }
        let themes = try await ReviewReads.themes(access, endingWith: chosen, req.context)
        let year = themes.years.last!
        let slug = access.slug
        let title = "Themes across reviews"
        let window = "\(themes.years.first!) to \(themes.years.last!)"
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .reviews)) {
            Components.errorSummary(errors)
            Components.heading(title, caption: access.partnership.name)
            ReviewViews.subNavigation(.themes, slug: slug)
            el("form", .method("get"), .action(SiteRoute.reviewThemes(slug: slug).path), .class("app-inline-list")) {
                Components.textInput(name: "year", label: "Four years ending with", value: requested ?? year.description, errors: errors,
                                     hint: "A reporting year, like 2023-24", width: "app-input--width-4")
                Components.button("Show", secondary: true)
            }
            el("p", .class("app-body-text")) {
                "\(themes.reviewsCounted) review\(themes.reviewsCounted == 1 ? "" : "s") of the partnership's own (local reviews, rapid reviews and reflective sessions) from \(window). "
                    + "Each theme counts the reviews whose findings carry it; the national panel's recommendations on the same theme sit beside them."
            }
            if themes.rows.isEmpty {
                el("p", .class("app-body-text")) { "No review findings in these years carry a theme yet. Themes are added with each finding." }
            } else {
                Components.table(caption: "Themes, most frequent first", headers: ["Theme", "Reviews", "Findings", "Which reviews", "National panel recommendations"],
                                 numeric: [1, 2], rows: themes.rows.map { row in
                    [.text(row.theme), .text(String(row.reviews.count)), .text(String(row.localFindings.count)),
                     .text(row.reviews.isEmpty ? "None of ours" : row.reviews.map(\.title).joined(separator: "; ")),
                     .text(row.national.isEmpty ? "–" : String(row.national.count))]
                })
                el("h2", .class("app-heading-m")) { "Each theme: our findings beside the national panel's" }
                for row in themes.rows {
                    el("h3", .class("app-heading-s")) { row.theme.prefix(1).uppercased() + row.theme.dropFirst() }
                    el("div", .class("app-grid-row")) {
                        itemList("Our findings", row.localFindings, empty: "None in these years.", slug: slug)
                        itemList("The national panel", row.national, empty: "No national recommendation recorded on this theme.", slug: slug)
                    }
                }
            }
        }, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// One side of a theme: the items with a link to the review each came from.
    static func itemList(_ heading: String, _ items: [ThemesAcrossReviews.Item], empty: String, slug: String) -> HTMLNode {
        el("div", .class("app-grid-half")) {
            el("h4", .class("app-body-text")) { el("strong") { heading } }
            if items.isEmpty { el("p", .class("app-body-text")) { empty } }
            el("ul", .class("app-list")) {
                for item in items {
                    el("li") {
                        HTMLNode.text(item.text + " ")
                        if let id = UUID(uuidString: item.reviewID) {
                            el("a", .href(SiteRoute.learningSource(slug: slug, id: id).path), .class("app-link")) { "(\(item.reviewTitle))" }
                        }
                    }
                }
            }
        }
    }
}
