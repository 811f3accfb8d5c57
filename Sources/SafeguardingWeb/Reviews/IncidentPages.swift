import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// A serious incident from the local authority becoming aware to the rapid review's submission:
/// notification, agency summaries, the panel, the decision, partners' sign-off. Each step is a
/// form on the incident's page; the statutory deadlines sit at the top.
enum IncidentPages {
    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        return .html(try await form(req, access, values: [:], errors: []))
    }

    static func form(_ req: Request, _ access: PartnershipAccess, values: [String: String], errors: [FieldError]) async throws -> String {
        let page = try await ReviewReads.incidentForm(access, req.context)
        return IncidentViews.form(page, frame: req.frame(access, title: "", section: .reviews), values: values, errors: errors)
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        var values = req.formFields()
        // Each agency is its own checkbox, `agency-<organisation id>`; the draft takes them as one list.
        values["agencies"] = values.filter { $0.key.hasPrefix("agency-") && $0.value == "yes" }.map { String($0.key.dropFirst("agency-".count)) }
            .sorted().joined(separator: ",")
        do {
            let incident = try await ReviewWrites.createIncident(access, values, req.context)
            req.flash("Recorded the serious incident (\(incident.childReference)). The notification is due by the date below.")
            return req.redirect(to: SiteRoute.incident(slug: access.slug, id: incident.id).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewReads.requireReadIncidents(access)
        return try await render(req, access, id: req.uuidParameter("id"), values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        let page = try await ReviewReads.incidentPage(access, id: id, req.context)
        let frame = req.frame(access, title: "", section: .reviews)
        return .html(IncidentViews.page(page, frame: frame, flash: req.takeFlash(), values: values, errors: errors), status: status)
    }

    static func record(_ step: IncidentStep, _ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewWrites.requireRecord(access)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            try await ReviewWrites.recordIncidentStep(access, step, values, incidentID: id, req.context)
            req.flash(done(step))
            return req.redirect(to: SiteRoute.incident(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    /// What the flash says after each step.
    static func done(_ step: IncidentStep) -> String {
        switch step {
        case .notification: "Recorded the notification. The rapid review is now on the clock."
        case .agencies: "Saved the agency's summary dates"
        case .rapidReview: "Saved the rapid review"
        case .signOffs: "Recorded the sign-off"
        case .submission: "Recorded the submission to the national panel"
        }
    }
}
