import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Actions: the lists (open, overdue, by organisation) and one action's page, where its owner
/// records evidence of impact and moves its status on. Done needs evidence; dropped needs a reason.
enum ActionPages {
    static func list(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let filter = req.query[String.self, at: "status"].flatMap(ActionFilter.init(rawValue:)) ?? .open
        let organisationID = req.query[String.self, at: "organisation"].flatMap(UUID.init(uuidString:))
        let page = try await LearningReads.actionsPage(viewer, filter: filter, organisationID: organisationID, req.context)
        return .html(LearningViews.actions(page, frame: req.frame(viewer, title: LearningViews.actionsTitle(page), section: .learning), slug: viewer.slug))
    }

    static func show(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.actionPage(viewer, id: req.uuidParameter("id"), req.context)
        return .html(actionView(req, viewer, page))
    }

    static func actionView(_ req: Request, _ viewer: Viewer, _ page: ActionPage,
                           forms: LearningViews.ActionForms = LearningViews.ActionForms()) -> String {
        let title = LearningViews.actionTitle(page)
        let frame = req.frame(viewer, title: forms.errors.isEmpty ? title : "Error: \(title)", section: .learning)
        return LearningViews.action(page, frame: frame, slug: viewer.slug, flash: req.takeFlash(), forms: forms)
    }

    static func changeStatus(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.changeStatus(viewer, of: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.action(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(actionView(req, viewer, page, forms: .init(status: values, errors: errors)), status: .unprocessableEntity)
        }
    }

    static func addEvidence(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.addEvidence(viewer, to: req.uuidParameter("id"), fields: values, markDone: values["mark_done"] == "yes",
                                                    req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.action(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(actionView(req, viewer, page, forms: .init(evidence: values, errors: errors)), status: .unprocessableEntity)
        }
    }
}
