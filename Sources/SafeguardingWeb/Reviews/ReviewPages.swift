import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The practice reviews overview (every open case's next statutory deadline, local reviews with
/// their publication deadlines, reflective sessions and national reviews, the partnership's
/// timescales), the timescales form, and themes across reviews. Readers without review access see
/// published reviews only: `ReviewReads` decides.
enum ReviewPages {
    static func overview(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        return try await renderOverview(req, access, settings: [:], errors: [], status: .ok)
    }

    static func renderOverview(_ req: Request, _ access: PartnershipAccess, settings values: [String: String], errors: [FieldError],
                               status: HTTPResponseStatus) async throws -> Response {
        let page = try await ReviewReads.overview(access, req.context)
        let frame = req.frame(access, title: "", section: .reviews)
        return .html(ReviewViews.overview(page, frame: frame, flash: req.takeFlash(), settings: values, errors: errors), status: status)
    }

    static func saveSettings(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let values = req.formFields()
        do {
            try await ReviewWrites.saveSettings(access, values, req.context)
            req.flash("Saved the timescales")
            return req.redirect(to: SiteRoute.reviews(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            return try await renderOverview(req, access, settings: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    // MARK: Reflective sessions and national reviews

    /// The tracker's form for a new source, for the kinds the reviews pages record.
    static func newSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try ReviewWrites.requireRecord(access)
        guard let kind = req.query[String.self, at: "kind"].flatMap(SourceKind.init(rawValue:)), ReviewWrites.sourceKinds.contains(kind) else {
            throw Abort(.notFound, reason: "Reviews record reflective sessions (kind=marps) and national reviews (kind=national_review) here.")
        }
        let page = try await ReviewReads.sourceForm(access, kind: kind, req.context)
        return .html(LearningPages.sourceFormView(req, access, page, values: ["reporting_year": page.currentYear.description], errors: [],
                                                  postTo: .reviewSources(slug: access.slug)))
    }

    static func createSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let values = req.formFields()
        do {
            let source = try await ReviewWrites.createReviewSource(access, values, req.context)
            req.flash("Recorded \(source.title). Add its findings, with themes, and its recommendations.")
            return req.redirect(to: SiteRoute.learningSource(slug: access.slug, id: source.id).path)
        } catch let errors as ValidationErrors {
            let kind = values["kind"].flatMap(SourceKind.init(rawValue:)).flatMap { ReviewWrites.sourceKinds.contains($0) ? $0 : nil }
            let page = try await ReviewReads.sourceForm(access, kind: kind ?? .reflectiveSession, req.context)
            return .html(LearningPages.sourceFormView(req, access, page, values: values, errors: errors.errors, postTo: .reviewSources(slug: access.slug)),
                         status: .unprocessableEntity)
        }
    }

    // MARK: Themes across reviews

    static func themes(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let requested = req.query[String.self, at: "year"]
        var errors: [FieldError] = []
        var chosen: ReportingYear?
        if let requested, !requested.isEmpty {
            if let parsed = ReportingYear(requested) { chosen = parsed } else {
                errors.append(FieldError(field: "year", message: "Enter the last reporting year of the window, like 2023-24"))
            }
        }
        let page = try await ReviewReads.themes(access, endingWith: chosen, req.context)
        let frame = req.frame(access, title: "", section: .reviews)
        return .html(ReviewViews.themes(page, frame: frame, requested: requested, errors: errors), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
