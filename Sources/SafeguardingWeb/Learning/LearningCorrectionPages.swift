import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Handlers that correct the learning tracker's and practice reviews' records: the form to change
/// one (and withdraw it), its submission, the withdrawal, and each module's withdrawn records with
/// their restore.
enum CorrectionPages {
    /// Registers the corrections' routes on the signed-in pages.
    static func register(on routes: any RoutesBuilder, slug: String, any: UUID) {
        for kind in LearningRecordKind.allCases {
            routes.get(.learningRecordEdit(slug: slug, kind: kind, id: any)) { req in try await learningForm(kind, req) }
            routes.post(.learningRecordEdit(slug: slug, kind: kind, id: any)) { req in try await saveLearning(kind, req) }
            routes.post(.learningRecordWithdraw(slug: slug, kind: kind, id: any)) { req in try await withdrawLearning(kind, req) }
            routes.post(.learningRecordRestore(slug: slug, kind: kind, id: any)) { req in try await restoreLearning(kind, req) }
        }
        routes.get(.learningWithdrawn(slug: slug), use: withdrawnLearning)
        for kind in ReviewRecordKind.allCases {
            routes.get(.reviewRecordEdit(slug: slug, kind: kind, id: any)) { req in try await reviewForm(kind, req) }
            routes.post(.reviewRecordEdit(slug: slug, kind: kind, id: any)) { req in try await saveReview(kind, req) }
            routes.post(.reviewRecordWithdraw(slug: slug, kind: kind, id: any)) { req in try await withdrawReview(kind, req) }
            routes.post(.reviewRecordRestore(slug: slug, kind: kind, id: any)) { req in try await restoreReview(kind, req) }
        }
        routes.get(.reviewsWithdrawn(slug: slug), use: withdrawnReviews)
    }

    // MARK: Learning

    static func learningForm(_ kind: LearningRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningCorrectionReads.formPage(viewer, kind: kind, id: req.uuidParameter("id"), req.context)
        return .html(LearningCorrectionViews.learningForm(page, frame: req.frame(viewer, title: page.heading, section: .learning), slug: viewer.slug,
                                                  values: page.values, errors: []))
    }

    static func saveLearning(_ kind: LearningRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningCorrections.save(viewer, kind: kind, id: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            let route: SiteRoute = switch kind {
            case .finding: .learningSource(slug: viewer.slug, id: id)
            case .recommendation: .recommendation(slug: viewer.slug, id: id)
            case .action: .action(slug: viewer.slug, id: id)
            }
            return req.redirect(to: route.path)
        case let .rejected(page, errors):
            return .html(LearningCorrectionViews.learningForm(page, frame: req.frame(viewer, title: page.heading, section: .learning), slug: viewer.slug,
                                                      values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func withdrawLearning(_ kind: LearningRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningCorrections.withdraw(viewer, kind: kind, id: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            let route: SiteRoute = kind == .action ? .recommendation(slug: viewer.slug, id: id) : .learningSource(slug: viewer.slug, id: id)
            return req.redirect(to: route.path)
        case let .rejected(page, errors):
            // The change form shows the record as it stands; the reason keeps what was typed.
            var shown = page.values
            shown["reason"] = values["reason"]
            return .html(LearningCorrectionViews.learningForm(page, frame: req.frame(viewer, title: page.heading, section: .learning), slug: viewer.slug,
                                                      values: shown, errors: errors), status: .unprocessableEntity)
        }
    }

    static func withdrawnLearning(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningCorrectionReads.withdrawnPage(viewer, req.context)
        return .html(LearningCorrectionViews.withdrawnLearning(page, frame: req.frame(viewer, title: "Withdrawn learning records", section: .learning),
                                                       slug: viewer.slug, flash: req.takeFlash(), errors: []))
    }

    static func restoreLearning(_ kind: LearningRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        switch try await LearningCorrections.restore(viewer, kind: kind, id: req.uuidParameter("id"), req.context) {
        case let .done(message, _):
            req.flash(message)
            return req.redirect(to: SiteRoute.learningWithdrawn(slug: viewer.slug).path)
        case let .rejected(page, errors):
            return .html(LearningCorrectionViews.withdrawnLearning(page, frame: req.frame(viewer, title: "Error: Withdrawn learning records", section: .learning),
                                                           slug: viewer.slug, flash: nil, errors: errors), status: .unprocessableEntity)
        }
    }

    // MARK: Practice reviews

    static func reviewForm(_ kind: ReviewRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await ReviewCorrectionReads.formPage(viewer, kind: kind, id: req.uuidParameter("id"), req.context)
        return .html(LearningCorrectionViews.reviewForm(page, frame: req.frame(viewer, title: page.heading, section: .reviews), values: page.values, errors: []))
    }

    static func saveReview(_ kind: ReviewRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await ReviewCorrections.save(viewer, kind: kind, id: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            let route: SiteRoute = kind == .incident ? .incident(slug: viewer.slug, id: id) : .localReview(slug: viewer.slug, id: id)
            return req.redirect(to: route.path)
        case let .rejected(page, errors):
            return .html(LearningCorrectionViews.reviewForm(page, frame: req.frame(viewer, title: page.heading, section: .reviews), values: values, errors: errors),
                         status: .unprocessableEntity)
        }
    }

    static func withdrawReview(_ kind: ReviewRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await ReviewCorrections.withdraw(viewer, kind: kind, id: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            let route: SiteRoute = switch kind {
            case .incident: .reviews(slug: viewer.slug)
            case .localReview: .localReviews(slug: viewer.slug)
            case .milestone: .localReview(slug: viewer.slug, id: id)
            }
            return req.redirect(to: route.path)
        case let .rejected(page, errors):
            var shown = page.values
            shown["reason"] = values["reason"]
            return .html(LearningCorrectionViews.reviewForm(page, frame: req.frame(viewer, title: page.heading, section: .reviews), values: shown, errors: errors),
                         status: .unprocessableEntity)
        }
    }

    static func withdrawnReviews(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await ReviewCorrectionReads.withdrawnPage(viewer, req.context)
        return .html(LearningCorrectionViews.withdrawnReviews(page, frame: req.frame(viewer, title: "Withdrawn practice review records", section: .reviews),
                                                      slug: viewer.slug, flash: req.takeFlash(), errors: []))
    }

    static func restoreReview(_ kind: ReviewRecordKind, _ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        switch try await ReviewCorrections.restore(viewer, kind: kind, id: req.uuidParameter("id"), req.context) {
        case let .done(message, _):
            req.flash(message)
            return req.redirect(to: SiteRoute.reviewsWithdrawn(slug: viewer.slug).path)
        case let .rejected(page, errors):
            return .html(LearningCorrectionViews.withdrawnReviews(page, frame: req.frame(viewer, title: "Error: Withdrawn practice review records", section: .reviews),
                                                          slug: viewer.slug, flash: nil, errors: errors), status: .unprocessableEntity)
        }
    }
}
