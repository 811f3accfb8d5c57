import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The pages that correct a record: the form to change it with, below it, the form to withdraw it
/// (a reason is required), and each module's list of withdrawn records with a Restore button each.
enum LearningCorrectionViews {
    /// The withdraw form, shared by every record: a reason, and a warning-coloured button.
    static func withdrawForm(action: SiteRoute, what: String, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        el("form", .method("post"), .action(action.path), .init("novalidate", nil)) {
            el("h2", .class("app-heading-m")) { "Withdraw \(what)" }
            el("p", .class("app-body-text")) {
                "Withdraw it if it was added by mistake. It is kept, with your reason, but leaves every list, count and the yearly report. An administrator can restore it."
            }
            Components.csrfField(csrf)
            Components.textarea(name: "reason", label: "Why it is being withdrawn", value: values["reason"], errors: errors)
            Components.button("Withdraw", secondary: true)
        }
    }

    /// The link to a module's withdrawn records, for administrators (whom the frame knows as the
    /// ones who manage users: no other role restores).
    static func withdrawnLink(_ route: SiteRoute, frame: PageFrame) -> HTMLNode {
        guard frame.signedIn?.canManageUsers == true else { return .fragment([]) }
        return el("p", .class("app-body-text")) {
            el("a", .href(route.path), .class("app-link")) { "Withdrawn records" }
        }
    }

    // MARK: Learning

    static func learningForm(_ page: LearningRecordFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        var frame = frame
        frame.title = errors.isEmpty ? page.heading : "Error: \(page.heading)"
        return Layout.page(frame) {
            Components.backLink(page.back)
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(page.heading, caption: page.sourceTitle)
                el("form", .method("post"), .action(SiteRoute.learningRecordEdit(slug: slug, kind: page.kind, id: page.id).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    switch page.kind {
                    case .finding:
                        Components.radios(name: "kind", legend: "Kind of finding", options: FindingKind.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["kind"], errors: errors)
                        Components.textarea(name: "text", label: "Finding", value: values["text"], errors: errors)
                        Components.textInput(name: "themes", label: "Themes (optional)", value: values["themes"], errors: errors,
                                             hint: "Separated by commas, like domestic abuse, information sharing")
                    case .recommendation:
                        Components.textarea(name: "text", label: "Recommendation", value: values["text"], errors: errors)
                        Components.select(name: "finding", label: "The finding it answers (optional)", options: page.findings.map { ($0.value, $0.label) },
                                          selected: values["finding"], errors: errors, includeBlank: "None")
                    case .action:
                        Components.textarea(name: "text", label: "What will be done", value: values["text"], errors: errors)
                        Components.select(name: "owner_organisation", label: "Organisation that owns it", options: page.organisations.map { ($0.value, $0.label) },
                                          selected: values["owner_organisation"], errors: errors, includeBlank: "Select")
                        Components.textInput(name: "owner", label: "Owner, by role or name", value: values["owner"], errors: errors)
                        Components.dateInput(name: "due_on", legend: "Due date", values: values, errors: errors)
                    }
                    Components.button("Save changes")
                }
                withdrawForm(action: .learningRecordWithdraw(slug: slug, kind: page.kind, id: page.id), what: "this \(page.kind.label.lowercased())",
                             csrf: frame.csrf ?? "", values: values, errors: errors)
            }
        }
    }

    static func withdrawnLearning(_ page: WithdrawnLearningPage, frame: PageFrame, slug: String, flash: String?, errors: [FieldError]) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.learning(slug: slug), "Back to the learning tracker")
            Components.heading("Withdrawn learning records", caption: page.partnershipName)
            withdrawnTable(page.rows.map { row in
                (kind: row.kind.label, text: "\(row.text) (\(row.sourceTitle))", reason: row.reason, by: row.withdrawnBy, on: row.withdrawnOn,
                 restore: SiteRoute.learningRecordRestore(slug: slug, kind: row.kind, id: row.id))
            }, csrf: frame.csrf ?? "")
        }
    }

    static func withdrawnTable(_ rows: [(kind: String, text: String, reason: String, by: String, on: CalendarDate, restore: SiteRoute)], csrf: String) -> HTMLNode {
        HTMLNode.fragment([
            el("div", .id("restore")) {
                if rows.isEmpty {
                    el("p", .class("app-body-text")) { "Nothing has been withdrawn." }
                } else {
                    Components.table(caption: "Withdrawn records", hiddenCaption: true, headers: ["Record", "What it said", "Why it was withdrawn", "By", "On", "Restore"],
                                     rows: rows.map { row in
                                         [.text(row.kind), .text(row.text), .text(row.reason), .text(row.by), .text(row.on.long),
                                          el("form", .method("post"), .action(row.restore.path)) {
                                              Components.csrfField(csrf)
                                              el("button", .type("submit"), .class("govuk-button govuk-button--secondary")) {
                                                  "Restore"; el("span", .class("app-visually-hidden")) { " \(row.kind.lowercased()): \(row.text)" }
                                              }
                                          }]
                                     })
                }
            },
        ])
    }

    // MARK: Practice reviews

    static func reviewForm(_ page: ReviewRecordFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        var frame = frame
        frame.title = errors.isEmpty ? page.heading : "Error: \(page.heading)"
        let slug = page.slug
        return Layout.page(frame) {
            Components.backLink(page.back)
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(page.heading, caption: page.partnershipName)
                if let reason = page.finalBecause {
                    el("p", .class("app-body-text")) { reason + " It cannot be changed or withdrawn." }
                } else {
                    el("form", .method("post"), .action(SiteRoute.reviewRecordEdit(slug: slug, kind: page.kind, id: page.id).path), .init("novalidate", nil)) {
                        Components.csrfField(frame.csrf ?? "")
                        switch page.kind {
                        case .incident:
                            Components.textInput(name: "child_reference", label: "Anonymised reference", value: values["child_reference"], errors: errors,
                                                 hint: "For example: Baby S, Child Q", width: "app-input--width-20")
                            Components.radios(name: "harm", legend: "What happened to the child", options: IncidentHarm.allCases.map { ($0.rawValue, $0.label) },
                                              selected: values["harm"], errors: errors)
                            Components.radios(name: "age_band", legend: "Age band", options: AgeBand.allCases.map { ($0.rawValue, $0.label) },
                                              selected: values["age_band"], errors: errors, inline: true)
                            Components.checkboxes(id: "care_leaver", legend: "Care leaver", boxes: [("care_leaver", "A care leaver aged up to 24 died")],
                                                  values: values, errors: errors)
                            Components.dateInput(name: "aware_on", legend: "Date the local authority became aware", values: values, errors: errors)
                            Components.textarea(name: "summary", label: "What happened, briefly and without names", value: values["summary"], errors: errors)
                        case .localReview:
                            Components.textInput(name: "child_reference", label: "Anonymised reference", value: values["child_reference"], errors: errors,
                                                 width: "app-input--width-20")
                            Components.textInput(name: "reporting_year", label: "Reporting year", value: values["reporting_year"], errors: errors,
                                                 hint: "Like 2023-24", width: "app-input--width-4")
                            Components.textInput(name: "reviewer", label: "Independent reviewer", value: values["reviewer"], errors: errors)
                            Components.dateInput(name: "decided_on", legend: "Date of the decision to hold the review", values: values, errors: errors)
                            Components.textarea(name: "terms_of_reference", label: "Terms of reference", value: values["terms_of_reference"], errors: errors,
                                                hint: "One per line")
                            Components.dateInput(name: "planned_publication_on", legend: "Planned publication (optional)", values: values, errors: errors)
                            Components.textarea(name: "summary", label: "Summary (optional)", value: values["summary"], errors: errors)
                        case .milestone:
                            Components.textInput(name: "milestone_title", label: "Milestone", value: values["milestone_title"], errors: errors)
                            Components.dateInput(name: "milestone_due_on", legend: "Due", values: values, errors: errors)
                            Components.dateInput(name: "milestone_done_on", legend: "Done (optional)", values: values, errors: errors)
                        }
                        Components.button("Save changes")
                    }
                    withdrawForm(action: .reviewRecordWithdraw(slug: slug, kind: page.kind, id: page.id), what: "this \(page.kind.label.lowercased())",
                                 csrf: frame.csrf ?? "", values: values, errors: errors)
                }
            }
        }
    }

    static func withdrawnReviews(_ page: WithdrawnReviewsPage, frame: PageFrame, slug: String, flash: String?, errors: [FieldError]) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.reviews(slug: slug), "Back to practice reviews")
            Components.heading("Withdrawn practice review records", caption: page.partnershipName)
            withdrawnTable(page.rows.map { row in
                (kind: row.kind.label, text: row.title, reason: row.reason, by: row.withdrawnBy, on: row.withdrawnOn,
                 restore: SiteRoute.reviewRecordRestore(slug: slug, kind: row.kind, id: row.id))
            }, csrf: frame.csrf ?? "")
        }
    }
}
