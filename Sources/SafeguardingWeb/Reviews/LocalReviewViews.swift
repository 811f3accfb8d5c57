import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The local review pages: the form to commission one, and its page with milestones and publication.
enum LocalReviewViews {
    static func form(_ page: LocalReviewFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        let title = "Commission a local child safeguarding practice review"
        var frame = frame
        frame.title = errors.isEmpty ? title : "Error: \(title)"
        return Layout.page(frame) {
            Components.backLink(.reviews(slug: page.slug))
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.localReviews(slug: page.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.select(name: "incident", label: "From the rapid review of (optional)",
                                      options: page.rapidReviews.map { ($0.incidentID.uuidString.lowercased(), $0.childReference) },
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

    /// The review's page; `values` and `errors` are those of a form that was refused.
    static func page(_ page: LocalReviewPage, frame: PageFrame, flash: String?, values: [String: String], errors: [FieldError]) -> String {
        let review = page.review
        var frame = frame
        frame.title = errors.isEmpty ? review.title : "Error: \(review.title)"
        let csrf = frame.csrf ?? ""
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.reviews(slug: page.slug), "Back to practice reviews")
            Components.heading(review.title, caption: page.partnershipName)
            if review.isIllustrative {
                el("p", .class("app-body-text")) { Components.tag("Illustrative", colour: "grey"); " Some dates and details of this demo record are made up." }
            }
            ReviewViews.deadlinesTable(review.deadlines)
            summary(page)
            if page.mayRecord {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.reviewRecordEdit(slug: page.slug, kind: .localReview, id: review.id).path), .class("app-link")) {
                        "Change or withdraw the review"
                    }
                }
            }
            if !review.termsOfReference.isEmpty {
                el("h2", .class("app-heading-m")) { "Terms of reference" }
                el("ol", .class("app-list")) { for term in review.termsOfReference { el("li") { term } } }
            }
            el("h2", .class("app-heading-m")) { "Findings, recommendations and actions" }
            el("p", .class("app-body-text")) {
                "\(review.recommendations) recommendation\(review.recommendations == 1 ? "" : "s"); actions \(review.openActions) open, \(review.doneActions) done. "
                el("a", .href(SiteRoute.learningSource(slug: page.slug, id: review.learningSourceID).path), .class("app-link")) { "Open the review in the learning tracker" }
            }
            milestones(page, csrf: csrf)
            if page.mayRecord { forms(page, csrf: csrf, values: values, errors: errors) }
        }
    }

    static func summary(_ page: LocalReviewPage) -> HTMLNode {
        let review = page.review
        let long = ReviewViews.long
        return Components.summaryList([
            ("Reviewer", .text(review.reviewer ?? "Not recorded")),
            ("Decision to hold it", .text(long(review.decided))),
            ("From the rapid review", page.fromRapidReview.map { reference in
                page.incidentID.map { id in
                    el("a", .href(SiteRoute.incident(slug: page.slug, id: id).path), .class("app-link")) { reference }
                } ?? .text(reference)
            } ?? .text("No")),
            ("Planned publication", .text(review.plannedPublication.map(long) ?? "Not set")),
            ("Copy sent to the national panel and the Secretary of State", .text(review.copySent.map(long) ?? "Not yet")),
            ("Published", review.published.map { date in
                el("span") {
                    HTMLNode.text(long(date) + " ")
                    if let link = review.publicationLink { el("a", .href(link), .class("app-link app-break")) { "the published report" } }
                }
            } ?? .text("Not yet")),
            ("Summary", .text(review.summary ?? "–")),
        ])
    }

    /// The milestones; those not done carry a button to mark them done today, for those who record reviews.
    static func milestones(_ page: LocalReviewPage, csrf: String) -> HTMLNode {
        Components.table(caption: "Milestones", headers: ["Milestone", "Due", "Done"], rows: page.milestones.map { milestone in
            let doneCell: HTMLNode
            if let done = milestone.done {
                doneCell = .text(done.long)
            } else if page.mayRecord {
                doneCell = el("form", .method("post"), .action(SiteRoute.localReviewMilestoneDone(slug: page.slug, id: page.review.id, milestoneID: milestone.id).path)) {
                    Components.csrfField(csrf)
                    el("button", .type("submit"), .class("govuk-button govuk-button--secondary app-button--small")) { "Mark done today" }
                    if milestone.isOverdue { Components.tag("Overdue", colour: "red") }
                }
            } else {
                doneCell = milestone.isOverdue ? Components.tag("Overdue", colour: "red") : .text("Not yet")
            }
            let title: HTMLNode = !page.mayRecord ? .text(milestone.title) : el("span") {
                milestone.title + " "
                el("a", .href(SiteRoute.reviewRecordEdit(slug: page.slug, kind: .milestone, id: milestone.id).path), .class("app-link")) {
                    "Change"; el("span", .class("app-visually-hidden")) { " the milestone \(milestone.title)" }
                }
            }
            return [title, .text(milestone.due.long), doneCell]
        })
    }

    static func forms(_ page: LocalReviewPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        let review = page.review
        func dates(_ field: String, _ date: CalendarDate?) -> [String: String] { values.isEmpty ? Components.dateBoxes(field, date) : values }
        return group {
            el("h2", .class("app-heading-m")) { "Add a milestone" }
            el("form", .method("post"), .action(SiteRoute.localReviewMilestones(slug: page.slug, id: review.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.textInput(name: "milestone_title", label: "Milestone", value: values["milestone_title"], errors: errors,
                                     hint: "For example: Practitioner learning event")
                Components.dateInput(name: "milestone_due_on", legend: "Due", values: values, errors: errors)
                Components.dateInput(name: "milestone_done_on", legend: "Done (optional)", values: values, errors: errors)
                Components.button("Add the milestone", secondary: true)
            }
            el("h2", .class("app-heading-m")) { "Copy and publication" }
            el("form", .method("post"), .action(SiteRoute.localReviewPublication(slug: page.slug, id: review.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.dateInput(name: "copy_sent_on", legend: "Copy sent to the national panel and the Secretary of State",
                                     values: dates("copy_sent_on", review.copySent), errors: errors)
                Components.dateInput(name: "published_on", legend: "Published (leave empty until it is)", values: dates("published_on", review.published), errors: errors)
                Components.textInput(name: "publication_link", label: "Address of the published report", value: values["publication_link"] ?? review.publicationLink,
                                     errors: errors, hint: "Starting https://")
                Components.button("Save", secondary: true)
            }
        }
    }
}
