import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Local child safeguarding practice reviews: commissioning, milestones, the copy to the national
/// panel and the Secretary of State, publication. Findings, recommendations, actions and challenge
/// events are the tracker's, on the review's source page.
enum LocalReviewPages {
    /// The form to commission a review; opened from a rapid review (`?incident=`), it starts with what that one knows.
    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewWrites.requireRecord(access)
        let from = req.query[String.self, at: "incident"].flatMap(UUID.init(uuidString:))
        let page = try await ReviewReads.localReviewForm(access, from: from, req.context)
        var values = ["reporting_year": ReportingYear(containing: req.today).description]
        if let incident = page.from {
            values["incident"] = incident.incidentID.uuidString.lowercased()
            values["child_reference"] = incident.childReference
            if let decided = incident.decided {
                values.merge(Components.dateBoxes("decided_on", decided)) { _, new in new }
                values["reporting_year"] = ReportingYear(containing: decided).description
            }
        }
        return .html(LocalReviewViews.form(page, frame: req.frame(access, title: "", section: .reviews), values: values, errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let values = req.formFields()
        do {
            let id = try await ReviewWrites.createLocalReview(access, values, req.context)
            req.flash("Commissioned the review. Add its milestones; record its findings and recommendations in the tracker.")
            return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            let page = try await ReviewReads.localReviewForm(access, from: nil, req.context)
            return .html(LocalReviewViews.form(page, frame: req.frame(access, title: "", section: .reviews), values: values, errors: errors.errors),
                         status: .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewReads.requireRead(access)
        return try await render(req, access, id: req.uuidParameter("id"), values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        let page = try await ReviewReads.localReviewPage(access, id: id, req.context)
        let frame = req.frame(access, title: "", section: .reviews)
        return .html(LocalReviewViews.page(page, frame: frame, flash: req.takeFlash(), values: values, errors: errors), status: status)
    }

    static func addMilestone(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewWrites.requireRecord(access)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            try await ReviewWrites.addMilestone(access, values, localReviewID: id, req.context)
            req.flash("Added the milestone")
            return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func completeMilestone(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewWrites.requireRecord(access)
        let id = try req.uuidParameter("id")
        try await ReviewWrites.completeMilestone(access, req.uuidParameter("milestone"), localReviewID: id, req.context)
        req.flash("Marked the milestone done")
        return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
    }

    static func recordPublication(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewWrites.requireRecord(access)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            let published = try await ReviewWrites.recordPublication(access, values, localReviewID: id, req.context)
            req.flash(published ? "Recorded the publication: the review is now open to every reader" : "Saved the copy date")
            return req.redirect(to: SiteRoute.localReview(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }
}
