import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The serious incident pages: the form to record one, and its page with a form for each step.
enum IncidentViews {
    static func form(_ page: IncidentFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        let title = "Record a serious incident"
        var frame = frame
        frame.title = errors.isEmpty ? title : "Error: \(title)"
        return Layout.page(frame) {
            Components.backLink(.reviews(slug: page.slug))
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: page.partnershipName)
                el("p", .class("app-body-text")) {
                    "A child has died or been seriously harmed and abuse or neglect is known or suspected. Record no names: the child is an anonymised reference and an age band."
                }
                el("form", .method("post"), .action(SiteRoute.incidents(slug: page.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "child_reference", label: "Anonymised reference", value: values["child_reference"], errors: errors,
                                         hint: "For example: Baby S, Child Q, Siblings T and U", width: "app-input--width-20")
                    Components.radios(name: "harm", legend: "What happened to the child", options: IncidentHarm.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["harm"], errors: errors)
                    Components.radios(name: "age_band", legend: "Age band", options: AgeBand.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["age_band"], errors: errors, inline: true)
                    Components.checkboxes(id: "care_leaver", legend: "Care leaver", boxes: [("care_leaver", "A care leaver aged up to 24 died")],
                                          values: values, errors: errors, hint: "Their death is notified too, up to and including age 24.")
                    Components.dateInput(name: "aware_on", legend: "Date the local authority became aware", values: values, errors: errors,
                                         hint: "The notification clock starts here. For example, 22 12 2023")
                    Components.textarea(name: "summary", label: "What happened, briefly and without names", value: values["summary"], errors: errors)
                    Components.checkboxes(id: "agencies", legend: "Agencies involved",
                                          boxes: page.organisations.map { ("agency-\($0.id.uuidString.lowercased())", $0.name) },
                                          values: values, errors: errors, hint: "They will be asked for summaries for the rapid review.")
                    Components.button("Record the incident")
                }
            }
        }
    }

    /// The incident's page; `values` and `errors` are those of a step's form that was refused.
    static func page(_ page: IncidentPage, frame: PageFrame, flash: String?, values: [String: String], errors: [FieldError]) -> String {
        let incident = page.incident
        let title = "Serious incident: \(incident.childReference)"
        var frame = frame
        frame.title = errors.isEmpty ? title : "Error: \(title)"
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.reviews(slug: page.slug), "Back to practice reviews")
            Components.heading(title, caption: page.partnershipName)
            if incident.isIllustrative {
                el("p", .class("app-body-text")) { Components.tag("Illustrative", colour: "grey"); " The dates and details of this demo record are made up." }
            }
            ReviewViews.deadlinesTable(incident.deadlines)
            summary(incident, slug: page.slug)
            if page.mayRecord {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.reviewRecordEdit(slug: page.slug, kind: .incident, id: incident.id).path), .class("app-link")) {
                        "Change or withdraw the incident"
                    }
                }
            }
            if let reviewID = incident.localReviewID {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.localReview(slug: page.slug, id: reviewID).path), .class("app-link")) { "The local review that followed" }
                }
            } else if incident.decision == .localReview, page.mayRecord {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.newLocalReview(slug: page.slug).path + "?incident=\(incident.id.uuidString.lowercased())"), .class("govuk-button")) {
                        "Commission the local review"
                    }
                }
            }
            Components.table(caption: "Agency summaries", headers: ["Agency", "Requested", "Received"], rows: page.agencySummaries.map { line in
                [.text(line.organisation), .text(line.requested?.long ?? "Not set"), .text(line.received?.long ?? "Not yet")]
            })
            Components.table(caption: "Sign-off by the statutory partners", headers: ["Partner", "Signed by (role)", "Date"], rows: page.signOffs.map { line in
                [.text(line.organisation), .text(line.signedByRole), .text(line.signed?.long ?? "Not set")]
            })
            if page.mayRecord { stepForms(page, csrf: frame.csrf ?? "", values: values, errors: errors) }
        }
    }

    static func summary(_ incident: IncidentRecord, slug: String) -> HTMLNode {
        let long = ReviewViews.long
        return Components.summaryList([
            ("What happened", .text(incident.harm.label)),
            ("Age band", .text(incident.ageBand.label)),
            ("Care leaver", .text(incident.careLeaver ? "Yes: a care leaver aged up to 24 died" : "No")),
            ("Local authority aware", .text(long(incident.aware))),
            ("Summary", .text(incident.summary)),
            ("Notified", .text(incident.notified.map { long($0) + (incident.panelReference.map { ", reference \($0)" } ?? "") } ?? "Not yet")),
            ("Rapid review panel", .text(incident.panelMet.map(long) ?? "Not yet met")),
            ("Immediate safety actions", .text(incident.immediateActions ?? "None recorded")),
            ("Decision", .text(ReviewViews.decisionLabel(incident.decision) + (incident.decided.map { ", \($0.long)" } ?? ""))),
            ("Reasons", .text(incident.decisionReasons ?? "–")),
            ("Submitted to the national panel", .text(incident.submitted.map(long) ?? "Not yet")),
            ("Learning", el("a", .href(SiteRoute.learningSource(slug: slug, id: incident.learningSourceID).path), .class("app-link")) {
                "Findings and recommendations of the rapid review"
            }),
        ])
    }

    /// A form for each step still to take: the notification until it is recorded, the rest until submission.
    static func stepForms(_ page: IncidentPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        let incident = page.incident
        func form(_ step: IncidentStep, @HTMLBuilder _ fields: () -> [HTMLNode]) -> HTMLNode {
            el("form", .method("post"), .action(SiteRoute.incidentStep(slug: page.slug, id: incident.id, step: step).path), .init("novalidate", nil),
               .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                fields()
            }
        }
        return group {
            if incident.notified == nil {
                el("h2", .class("app-heading-m")) { "Record the notification" }
                form(.notification) { notificationFields(values: values, errors: errors) }
            }
            if incident.isOpen {
                el("h2", .class("app-heading-m")) { "Agency summary" }
                form(.agencies) { agencySummaryFields(page.organisations, values: values, errors: errors) }
                el("h2", .class("app-heading-m")) { "Rapid review" }
                form(.rapidReview) { rapidReviewFields(incident, values: values, errors: errors) }
                el("h2", .class("app-heading-m")) { "Partner sign-off" }
                form(.signOffs) { signOffFields(page.organisations, values: values, errors: errors) }
                el("h2", .class("app-heading-m")) { "Submit to the national panel" }
                form(.submission) {
                    Components.dateInput(name: "submitted_on", legend: "Date submitted", values: values, errors: errors,
                                         hint: "Needs the decision and all three partners' sign-off. For example, 19 1 2024")
                    Components.button("Record the submission")
                }
            }
        }
    }

    static func notificationFields(values: [String: String], errors: [FieldError]) -> [HTMLNode] {
        [Components.dateInput(name: "notified_on", legend: "Date the national panel was notified", values: values, errors: errors),
         Components.textInput(name: "panel_reference", label: "National panel reference (optional)", value: values["panel_reference"], errors: errors,
                              width: "app-input--width-20"),
         Components.button("Record the notification")]
    }

    static func agencySummaryFields(_ organisations: [OrganisationChoice], values: [String: String], errors: [FieldError]) -> [HTMLNode] {
        [Components.select(name: "organisation", label: "Agency", options: organisations.map { ($0.id.uuidString.lowercased(), $0.name) },
                           selected: values["organisation"], errors: errors, includeBlank: "Select"),
         Components.dateInput(name: "requested_on", legend: "Summary requested", values: values, errors: errors),
         Components.dateInput(name: "received_on", legend: "Summary received (optional)", values: values, errors: errors),
         Components.button("Save the agency's summary dates", secondary: true)]
    }

    /// The panel's meeting and decision, filled in from the record until a refused form brings its own values back.
    static func rapidReviewFields(_ incident: IncidentRecord, values: [String: String], errors: [FieldError]) -> [HTMLNode] {
        func dateValues(_ field: String, _ date: CalendarDate?) -> [String: String] { values.isEmpty ? Components.dateBoxes(field, date) : values }
        return [
            Components.dateInput(name: "panel_met_on", legend: "Date the panel met", values: dateValues("panel_met_on", incident.panelMet), errors: errors),
            Components.textarea(name: "immediate_actions", label: "Immediate safety actions", value: values["immediate_actions"] ?? incident.immediateActions, errors: errors),
            Components.radios(name: "decision", legend: "Decision", options: ReviewDecision.allCases.map { ($0.rawValue, $0.label) },
                              selected: values["decision"] ?? incident.decision?.rawValue, errors: errors),
            Components.textarea(name: "decision_reasons", label: "Reasons for the decision", value: values["decision_reasons"] ?? incident.decisionReasons, errors: errors),
            Components.dateInput(name: "decided_on", legend: "Date of the decision", values: dateValues("decided_on", incident.decided), errors: errors),
            Components.button("Save the rapid review", secondary: true),
        ]
    }

    static func signOffFields(_ organisations: [OrganisationChoice], values: [String: String], errors: [FieldError]) -> [HTMLNode] {
        [Components.select(name: "signoff_organisation", label: "Statutory partner",
                           options: organisations.filter(\.isStatutoryPartner).map { ($0.id.uuidString.lowercased(), $0.name) },
                           selected: values["signoff_organisation"], errors: errors, includeBlank: "Select"),
         Components.textInput(name: "signed_by_role", label: "Signed off by (a role, not a name)", value: values["signed_by_role"], errors: errors,
                              hint: "For example: Director of Children's Services"),
         Components.dateInput(name: "signed_on", legend: "Date of sign-off", values: values, errors: errors),
         Components.button("Record the sign-off", secondary: true)]
    }
}
