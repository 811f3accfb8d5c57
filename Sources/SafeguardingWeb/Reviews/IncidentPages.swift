import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// A serious incident from the local authority becoming aware to the rapid review's submission:
/// notification, agency summaries, the panel, the decision, partners' sign-off. Each step is a
/// form on the incident's page; the statutory deadlines sit at the top.
enum IncidentPages {
    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        return .html(try await form(req, access, values: [:], errors: []))
    }

    static func form(_ req: Request, _ access: PartnershipAccess, values: [String: String], errors: [FieldError]) async throws -> String {
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let title = "Record a serious incident"
        return Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .reviews)) {
            Components.backLink(.reviews(slug: access.slug))
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: access.partnership.name)
                el("p", .class("app-body-text")) {
                    "A child has died or been seriously harmed and abuse or neglect is known or suspected. Record no names: the child is an anonymised reference and an age band."
                }
                el("form", .method("post"), .action(SiteRoute.incidents(slug: access.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
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
                    Components.checkboxes(id: "agencies", legend: "Agencies involved", boxes: organisations.map { ("agency-\($0.id!.uuidString.lowercased())", $0.name) },
                                          values: values, errors: errors, hint: "They will be asked for summaries for the rapid review.")
                    Components.button("Record the incident")
                }
            }
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        var values = req.formFields()
        values["agencies"] = values.filter { $0.key.hasPrefix("agency-") && $0.value == "yes" }.map { String($0.key.dropFirst("agency-".count)) }
            .sorted().joined(separator: ",")
        do {
            let draft = try IncidentDraft.validate(values, today: req.today)
            let incident = try await ReviewStore.createIncident(draft, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Recorded the serious incident (\(draft.childReference)). The notification is due by the date below.")
            return req.redirect(to: SiteRoute.incident(slug: access.slug, id: incident.id!).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readUnpublishedReviews)
        return try await render(req, access, id: req.uuidParameter("id"), values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        let clock = try await ReviewStore.clock(for: access.partnership, on: req.db)
        let calendar = clock.calendar
        let detail = try await ReviewReads.incidentDetail(access, id: id, clock: clock, req.context)
        let incident = detail.incident
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let canRecord = access.allows(.recordReviews)
        let today = req.today
        let slug = access.slug
        let flash = req.takeFlash()
        let title = "Serious incident: \(incident.childReference)"
        func post(_ step: IncidentStep) -> HTMLAttribute { .action(SiteRoute.incidentStep(slug: slug, id: id, step: step).path) }
        func dateValues(_ field: String, _ date: CalendarDate?) -> [String: String] { values.isEmpty ? Components.dateBoxes(field, date) : values }
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .reviews)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.reviews(slug: slug), "Back to practice reviews")
            Components.heading(title, caption: access.partnership.name)
            if incident.isIllustrative {
                el("p", .class("app-body-text")) { Components.tag("Illustrative", colour: "grey"); " The dates and details of this demo record are made up." }
            }
            ReviewViews.deadlinesTable(detail.deadlines, today: today, calendar: calendar)
            Components.summaryList([
                ("What happened", .text(incident.harm.label)),
                ("Age band", .text(incident.ageBand.label)),
                ("Care leaver", .text(incident.careLeaver ? "Yes: a care leaver aged up to 24 died" : "No")),
                ("Local authority aware", .text(ReviewViews.long(incident.aware))),
                ("Summary", .text(incident.summary)),
                ("Notified", .text(incident.notified.map { ReviewViews.long($0) + (incident.panelReference.map { ", reference \($0)" } ?? "") } ?? "Not yet")),
                ("Rapid review panel", .text(incident.panelMet.map(ReviewViews.long) ?? "Not yet met")),
                ("Immediate safety actions", .text(incident.immediateActions ?? "None recorded")),
                ("Decision", .text(ReviewViews.decisionLabel(incident.decision) + (incident.decided.map { ", \($0.long)" } ?? ""))),
                ("Reasons", .text(incident.decisionReasons ?? "–")),
                ("Submitted to the national panel", .text(incident.submitted.map(ReviewViews.long) ?? "Not yet")),
                ("Learning", el("a", .href(SiteRoute.learningSource(slug: slug, id: incident.$source.id).path), .class("app-link")) {
                    "Findings and recommendations of the rapid review"
                }),
            ])
            if let review = detail.localReview {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.localReview(slug: slug, id: review.id!).path), .class("app-link")) { "The local review that followed" }
                }
            } else if incident.decision == .localReview, canRecord {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.newLocalReview(slug: slug).path + "?incident=\(id.uuidString.lowercased())"), .class("govuk-button")) {
                        "Commission the local review"
                    }
                }
            }
            Components.table(caption: "Agency summaries", headers: ["Agency", "Requested", "Received"], rows: detail.agencies.map { item in
                [.text(item.organisation.name), .text(LearningViews.date(item.agency.requestedOn)),
                 .text(item.agency.receivedOn.flatMap(CalendarDate.init(iso:))?.long ?? "Not yet")]
            })
            Components.table(caption: "Sign-off by the statutory partners", headers: ["Partner", "Signed by (role)", "Date"],
                             rows: detail.signOffs.map { item in
                [.text(item.organisation.name), .text(item.signOff.signedByRole), .text(LearningViews.date(item.signOff.signedOn))]
            })
            if canRecord {
                if incident.notifiedOn == nil {
                    el("h2", .class("app-heading-m")) { "Record the notification" }
                    el("form", .method("post"), post(.notification), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.dateInput(name: "notified_on", legend: "Date the national panel was notified", values: values, errors: errors)
                        Components.textInput(name: "panel_reference", label: "National panel reference (optional)", value: values["panel_reference"], errors: errors,
                                             width: "app-input--width-20")
                        Components.button("Record the notification")
                    }
                }
                if incident.isOpen {
                    el("h2", .class("app-heading-m")) { "Agency summary" }
                    el("form", .method("post"), post(.agencies), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.select(name: "organisation", label: "Agency", options: organisations.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                          selected: values["organisation"], errors: errors, includeBlank: "Select")
                        Components.dateInput(name: "requested_on", legend: "Summary requested", values: values, errors: errors)
                        Components.dateInput(name: "received_on", legend: "Summary received (optional)", values: values, errors: errors)
                        Components.button("Save the agency's summary dates", secondary: true)
                    }
                    el("h2", .class("app-heading-m")) { "Rapid review" }
                    el("form", .method("post"), post(.rapidReview), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.dateInput(name: "panel_met_on", legend: "Date the panel met", values: dateValues("panel_met_on", incident.panelMet), errors: errors)
                        Components.textarea(name: "immediate_actions", label: "Immediate safety actions", value: values["immediate_actions"] ?? incident.immediateActions, errors: errors)
                        Components.radios(name: "decision", legend: "Decision", options: ReviewDecision.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["decision"] ?? incident.decision?.rawValue, errors: errors)
                        Components.textarea(name: "decision_reasons", label: "Reasons for the decision", value: values["decision_reasons"] ?? incident.decisionReasons, errors: errors)
                        Components.dateInput(name: "decided_on", legend: "Date of the decision", values: dateValues("decided_on", incident.decided), errors: errors)
                        Components.button("Save the rapid review", secondary: true)
                    }
                    el("h2", .class("app-heading-m")) { "Partner sign-off" }
                    el("form", .method("post"), post(.signOffs), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.select(name: "signoff_organisation", label: "Statutory partner",
                                          options: organisations.filter(\.kind.isStatutoryPartner).map { ($0.id!.uuidString.lowercased(), $0.name) },
                                          selected: values["signoff_organisation"], errors: errors, includeBlank: "Select")
                        Components.textInput(name: "signed_by_role", label: "Signed off by (a role, not a name)", value: values["signed_by_role"], errors: errors,
                                             hint: "For example: Director of Children's Services")
                        Components.dateInput(name: "signed_on", legend: "Date of sign-off", values: values, errors: errors)
                        Components.button("Record the sign-off", secondary: true)
                    }
                    el("h2", .class("app-heading-m")) { "Submit to the national panel" }
                    el("form", .method("post"), post(.submission), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.dateInput(name: "submitted_on", legend: "Date submitted", values: values, errors: errors,
                                             hint: "Needs the decision and all three partners' sign-off. For example, 19 1 2024")
                        Components.button("Record the submission")
                    }
                }
            }
        }, status: status)
    }

    static func record(_ step: IncidentStep, _ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.recordReviews)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        let today = req.today
        let (partnership, actor, db) = (access.partnership, access.actor(req), req.db)
        do {
            let incident = try await ReviewReads.incident(access, id: id, req.context)
            let message: String
            switch step {
            case .notification:
                let draft = try NotificationDraft.validate(values, awareOn: incident.aware, today: today)
                try await ReviewStore.recordNotification(draft, for: id, in: partnership, by: actor, on: db)
                message = "Recorded the notification. The rapid review is now on the clock."
            case .agencies:
                try await ReviewStore.recordAgencySummary(AgencySummaryDraft.validate(values), for: id, in: partnership, by: actor, on: db)
                message = "Saved the agency's summary dates"
            case .rapidReview:
                try await ReviewStore.recordRapidReview(RapidReviewDraft.validate(values, notifiedOn: incident.notified), for: id, in: partnership, by: actor, on: db)
                message = "Saved the rapid review"
            case .signOffs:
                try await ReviewStore.recordSignOff(SignOffDraft.validate(values), for: id, in: partnership, by: actor, on: db)
                message = "Recorded the sign-off"
            case .submission:
                try await ReviewStore.submitRapidReview(values, for: id, in: partnership, today: today, by: actor, on: db)
                message = "Recorded the submission to the national panel"
            }
            req.flash(message)
            return req.redirect(to: SiteRoute.incident(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }
}
