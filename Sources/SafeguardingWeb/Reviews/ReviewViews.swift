import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The practice reviews overview and the themes page, and the pieces every review page shares:
/// deadline tags and tables, the clock's answer, the sub-navigation.
enum ReviewViews {
    // MARK: The overview

    /// The overview, with the timescales form (its values and errors after a rejected change).
    static func overview(_ page: ReviewsOverviewPage, frame: PageFrame, flash: String?, settings values: [String: String],
                         errors: [FieldError]) -> String {
        let title = "Practice reviews"
        var frame = frame
        frame.title = errors.isEmpty ? title : "Error: \(title)"
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.heading(title, caption: page.partnershipName)
            subNavigation(.overview, slug: page.slug)
            LearningCorrectionViews.withdrawnLink(.reviewsWithdrawn(slug: page.slug), frame: frame)
            if !page.mayReadAll {
                el("p", .class("app-body-text")) {
                    "You see published reviews only. Serious incidents, rapid reviews and reviews not yet published are open to the Executive and the practice review subgroup."
                }
            }
            if page.mayRecord { recordButtons(slug: page.slug) }
            if page.mayReadAll {
                openIncidents(page.openIncidents, slug: page.slug)
                submittedIncidents(page.submittedIncidents, slug: page.slug)
            }
            localReviews(page.localReviews, mayReadAll: page.mayReadAll, slug: page.slug)
            otherReviews(page.reflectiveSessionsAndNationalReviews, slug: page.slug)
            el("h2", .class("app-heading-m")) { "Timescales" }
            timescales(page)
            if page.mayConfigure { settingsForm(page, csrf: frame.csrf ?? "", values: values, errors: errors) }
        }
    }

    static func recordButtons(slug: String) -> HTMLNode {
        el("ul", .class("app-inline-list")) {
            el("li") { el("a", .href(SiteRoute.newIncident(slug: slug).path), .class("govuk-button")) { "Record a serious incident" } }
            el("li") { el("a", .href(SiteRoute.newLocalReview(slug: slug).path), .class("govuk-button govuk-button--secondary")) { "Commission a local review" } }
            el("li") { el("a", .href(SiteRoute.newReviewSource(slug: slug).path + "?kind=marps"), .class("govuk-button govuk-button--secondary")) { "Record a reflective session" } }
            el("li") { el("a", .href(SiteRoute.newReviewSource(slug: slug).path + "?kind=national_review"), .class("govuk-button govuk-button--secondary")) { "Record a national panel review" } }
        }
    }

    static func openIncidents(_ open: [IncidentRecord], slug: String) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Open cases: the next statutory deadline" }
            if open.isEmpty {
                el("p", .class("app-body-text")) { "No serious incident is waiting for its notification or rapid review." }
            } else {
                Components.table(caption: "Open serious incidents", hiddenCaption: true,
                                 headers: ["Child", "Local authority aware", "Next deadline", "Due", "Where it stands", "Missed"], rows: open.map { incident in
                    let outlook = incident.outlook
                    return [incidentLink(incident, slug: slug),
                            .text(incident.aware.long),
                            .text(outlook.next?.deadline.kind.label ?? clockProblem(incident.deadlines)),
                            .text(outlook.next.map { long($0.deadline.dueOn) } ?? "–"),
                            outlook.next.map { deadlineTag($0.state) } ?? .text("–"),
                            outlook.missed.isEmpty ? .text("None") : Components.tag(outlook.missed.map(\.kind.label).joined(separator: "; "), colour: "red")]
                })
            }
        }
    }

    static func submittedIncidents(_ submitted: [IncidentRecord], slug: String) -> HTMLNode {
        guard !submitted.isEmpty else { return .empty }
        return Components.table(caption: "Rapid reviews submitted", headers: ["Child", "Submitted", "Decision", "Deadlines"], rows: submitted.map { incident in
            let missed = incident.outlook.missed
            return [incidentLink(incident, slug: slug),
                    .text(incident.submitted?.long ?? "–"), .text(decisionLabel(incident.decision)),
                    missed.isEmpty ? Components.tag("All met", colour: "green") : Components.tag("Missed: " + missed.map(\.kind.label).joined(separator: "; "), colour: "red")]
        })
    }

    static func incidentLink(_ incident: IncidentRecord, slug: String) -> HTMLNode {
        el("a", .href(SiteRoute.incident(slug: slug, id: incident.id).path), .class("app-link")) { incident.childReference }
    }

    static func localReviews(_ reviews: [LocalReviewRecord], mayReadAll: Bool, slug: String) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Local child safeguarding practice reviews" }
            if reviews.isEmpty {
                el("p", .class("app-body-text")) { mayReadAll ? "No local review has been commissioned." : "No local review has been published." }
            } else {
                Components.table(caption: "Local reviews", hiddenCaption: true,
                                 headers: ["Review", "Decided", "Copy to the national panel", "Publication", "Recommendations", "Actions open / done"],
                                 numeric: [4], rows: reviews.map { review in
                    [el("a", .href(SiteRoute.localReview(slug: slug, id: review.id).path), .class("app-link")) { review.title },
                     .text(review.decided.long), deadlineCell(review, .copyToPanel), deadlineCell(review, .publication),
                     .text(String(review.recommendations)), .text("\(review.openActions) / \(review.doneActions)")]
                })
            }
        }
    }

    /// The date a local review's deadline was met (or is due) and where it stands.
    static func deadlineCell(_ review: LocalReviewRecord, _ kind: Deadline.Kind) -> HTMLNode {
        guard let standing = review.deadline(kind) else { return .text(clockProblem(review.deadlines)) }
        return el("span") {
            HTMLNode.text(long(standing.deadline.doneOn ?? standing.deadline.dueOn) + " ")
            stateCell(standing)
        }
    }

    static func otherReviews(_ others: [ReviewSourceLine], slug: String) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Reflective sessions and national reviews" }
            if others.isEmpty {
                el("p", .class("app-body-text")) { "None recorded." }
            } else {
                Components.table(caption: "Reflective sessions and national reviews", hiddenCaption: true,
                                 headers: ["Title", "Kind", "Year", "Recommendations", "Actions open / done"], numeric: [3], rows: others.map { s in
                    [el("a", .href(SiteRoute.learningSource(slug: slug, id: s.id).path), .class("app-link")) { s.title },
                     .text(s.kind.label), .text(s.reportingYear), .text(String(s.recommendations)), .text("\(s.openActions) / \(s.doneActions)")]
                })
            }
        }
    }

    static func timescales(_ page: ReviewsOverviewPage) -> HTMLNode {
        let timescales = page.timescales
        return Components.summaryList([
            ("Notify the national panel", .text("\(timescales.notificationWorkingDays) working days after the local authority becomes aware")),
            ("Rapid review", .text("\(timescales.rapidReviewWorkingDays) working days after the notification")),
            ("Publish a local review", .text("\(timescales.publicationMonths) months after the decision to hold it")),
            ("Copy to the national panel and the Secretary of State", .text("\(timescales.copyWorkingDays) working days before publication")),
            ("Review subgroup", .text(page.reviewGroupName ?? "Not set")),
            ("Bank holidays known", .text(page.bankHolidaysKnown)),
        ])
    }

    static func settingsForm(_ page: ReviewsOverviewPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        let timescales = page.timescales
        return el("details", .class("govuk-details"), .flag("open", !errors.isEmpty)) {
            el("summary", .class("govuk-details__summary")) { el("span", .class("govuk-details__summary-text")) { "Change the timescales or the review subgroup" } }
            el("form", .method("post"), .action(SiteRoute.reviewSettings(slug: page.slug).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.textInput(name: "notification_working_days", label: "Working days to notify the national panel",
                                     value: values["notification_working_days"] ?? String(timescales.notificationWorkingDays), errors: errors, width: "app-input--width-4")
                Components.textInput(name: "rapid_review_working_days", label: "Working days to complete a rapid review",
                                     value: values["rapid_review_working_days"] ?? String(timescales.rapidReviewWorkingDays), errors: errors, width: "app-input--width-4")
                Components.textInput(name: "publication_months", label: "Months to publish a local review",
                                     value: values["publication_months"] ?? String(timescales.publicationMonths), errors: errors, width: "app-input--width-4")
                Components.textInput(name: "copy_working_days", label: "Working days before publication to send the copy",
                                     value: values["copy_working_days"] ?? String(timescales.copyWorkingDays), errors: errors, width: "app-input--width-4")
                Components.select(name: "review_group", label: "Subgroup that holds practice reviews",
                                  options: page.groups.map { ($0.id.uuidString.lowercased(), $0.name) },
                                  selected: values["review_group"] ?? page.reviewGroupID?.uuidString.lowercased(), errors: errors, includeBlank: "None")
                Components.button("Save timescales", secondary: true)
            }
        }
    }

    // MARK: Themes across reviews

    /// The themes page; `requested` is the year as typed, shown back when it was not a year.
    static func themes(_ page: ReviewThemesPage, frame: PageFrame, requested: String?, errors: [FieldError]) -> String {
        let title = "Themes across reviews"
        var frame = frame
        frame.title = errors.isEmpty ? title : "Error: \(title)"
        let slug = page.slug
        let window = "\(page.years.first!) to \(page.years.last!)"
        return Layout.page(frame) {
            Components.errorSummary(errors)
            Components.heading(title, caption: page.partnershipName)
            subNavigation(.themes, slug: slug)
            el("form", .method("get"), .action(SiteRoute.reviewThemes(slug: slug).path), .class("app-inline-list")) {
                Components.textInput(name: "year", label: "Four years ending with", value: requested ?? page.years.last!.description, errors: errors,
                                     hint: "A reporting year, like 2023-24", width: "app-input--width-4")
                Components.button("Show", secondary: true)
            }
            el("p", .class("app-body-text")) {
                "\(page.reviewsCounted) review\(page.reviewsCounted == 1 ? "" : "s") of the partnership's own (local reviews, rapid reviews and reflective sessions) from \(window). "
                    + "Each theme counts the reviews whose findings carry it; the national panel's recommendations on the same theme sit beside them."
            }
            if page.rows.isEmpty {
                el("p", .class("app-body-text")) { "No review findings in these years carry a theme yet. Themes are added with each finding." }
            } else {
                Components.table(caption: "Themes, most frequent first", headers: ["Theme", "Reviews", "Findings", "Which reviews", "National panel recommendations"],
                                 numeric: [1, 2], rows: page.rows.map { row in
                    [.text(row.theme), .text(String(row.reviews.count)), .text(String(row.localFindings.count)),
                     .text(row.reviews.isEmpty ? "None of ours" : row.reviews.map(\.title).joined(separator: "; ")),
                     .text(row.national.isEmpty ? "–" : String(row.national.count))]
                })
                el("h2", .class("app-heading-m")) { "Each theme: our findings beside the national panel's" }
                for row in page.rows {
                    el("h3", .class("app-heading-s")) { row.theme.prefix(1).uppercased() + row.theme.dropFirst() }
                    el("div", .class("app-grid-row")) {
                        themeItems("Our findings", row.localFindings, empty: "None in these years.", slug: slug)
                        themeItems("The national panel", row.national, empty: "No national recommendation recorded on this theme.", slug: slug)
                    }
                }
            }
        }
    }

    /// One side of a theme: the items with a link to the review each came from.
    static func themeItems(_ heading: String, _ items: [ThemesAcrossReviews.Item], empty: String, slug: String) -> HTMLNode {
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

    // MARK: Shared pieces

    static func deadlineTag(_ state: DeadlineState) -> HTMLNode {
        switch state {
        case .met: Components.tag(state.label, colour: "green")
        case .metLate, .missed: Components.tag(state.label, colour: "red")
        case let .pending(days): Components.tag(state.label, colour: days <= 2 ? "yellow" : "blue")
        }
    }

    /// Each deadline with its due date (weekday included, since the clock counts working days),
    /// when it was done and where it stands; or why the clock cannot say.
    static func deadlinesTable(_ deadlines: Result<[DeadlineStanding], ClockError>, caption: String = "Statutory deadlines") -> HTMLNode {
        switch deadlines {
        case let .failure(error):
            return el("div", .class("app-record app-record--overdue")) {
                el("p", .class("app-body-text")) { "The clock cannot give these deadlines. \(error.description)" }
            }
        case let .success(list):
            return Components.table(caption: caption, headers: ["Deadline", "Due", "Done", "Where it stands"], rows: list.map { standing in
                let deadline = standing.deadline
                return [.text(deadline.kind.label), .text(long(deadline.dueOn)), .text(deadline.doneOn.map(long) ?? "Not yet"), stateCell(standing)]
            })
        }
    }

    static func stateCell(_ standing: DeadlineStanding) -> HTMLNode {
        switch standing.state {
        case let .success(state): deadlineTag(state)
        case let .failure(error): .text(error.description)
        }
    }

    /// Why a case shows no next deadline: the clock's problem, or that there is none left.
    static func clockProblem(_ deadlines: Result<[DeadlineStanding], ClockError>) -> String {
        if case let .failure(error) = deadlines { return error.description }
        return "All met or done"
    }

    /// "Wednesday 3 January 2024"
    static func long(_ date: CalendarDate) -> String { "\(CalendarDate.weekdayNames[date.weekday - 1]) \(date.long)" }

    static func decisionLabel(_ decision: ReviewDecision?) -> String { decision?.label ?? "Not decided yet" }

    static func subNavigation(_ current: Tab, slug: String) -> HTMLNode {
        let tabs: [(String, SiteRoute, Tab)] = [
            ("Reviews and deadlines", .reviews(slug: slug), .overview),
            ("Themes across reviews", .reviewThemes(slug: slug), .themes),
        ]
        return el("nav", .aria("label", "Practice reviews")) {
            el("ul", .class("app-sub-navigation")) {
                for (label, route, tab) in tabs {
                    el("li") { el("a", .href(route.path), .class("app-link"), tab == current ? .aria("current", "page") : nil) { label } }
                }
            }
        }
    }

    enum Tab { case overview, themes }
}
