import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The learning tracker: where every source's findings go to recommendations, actions, evidence
/// of impact and a challenge event.
enum LearningPages {
    // MARK: Tracker

    static func tracker(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.trackerPage(viewer, req.context)
        return .html(LearningViews.tracker(page, frame: req.frame(viewer, title: "Learning and improvement", section: .learning), slug: viewer.slug))
    }

    // MARK: Sources

    static func sources(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.sourcesPage(viewer, kind: req.query[String.self, at: "kind"].flatMap(SourceKind.init(rawValue:)),
                                                       year: req.query[String.self, at: "year"].flatMap(ReportingYear.init), req.context)
        return .html(LearningViews.sources(page, frame: req.frame(viewer, title: "Sources of learning", section: .learning), slug: viewer.slug))
    }

    /// The form for a source's details, as the tracker and the practice reviews pages show it.
    static func sourceFormView(_ req: Request, _ viewer: Viewer, _ page: SourceFormPage, values: [String: String], errors: [FieldError],
                               postTo: SiteRoute? = nil) -> String {
        let title = LearningViews.sourceFormTitle(page)
        let frame = req.frame(viewer, title: errors.isEmpty ? title : "Error: \(title)", section: LearningViews.isReviewForm(page) ? .reviews : .learning)
        return LearningViews.sourceForm(page, frame: frame, slug: viewer.slug, values: values, errors: errors, postTo: postTo)
    }

    /// The form for a new source: of the kind asked for, else the choice of kind.
    static func newSource(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let asked = req.query[String.self, at: "kind"]
        let kind = asked.flatMap(SourceKind.init(rawValue:)).flatMap { SourceKind.recordedHere.contains($0) && $0 != .survey ? $0 : nil }
        let page = try await LearningReads.newSourceFormPage(viewer, kind: kind, req.context)
        if kind == .none, asked != nil {
            return .html(sourceFormView(req, viewer, page, values: [:], errors: [FieldError(field: "kind", message: "Select what kind of learning it is")]),
                         status: .unprocessableEntity)
        }
        var values = ["reporting_year": page.currentYear.description]
        if let escalation = req.query[String.self, at: "escalation"] { values["escalation"] = escalation.lowercased() }
        return .html(sourceFormView(req, viewer, page, values: values, errors: []))
    }

    static func createSource(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.recordSource(viewer, fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            // The source was recorded, so the kind sent is the source's: an audit goes on to its tool.
            let isAudit = values["kind"] == SourceKind.audit.rawValue
            return req.redirect(to: (isAudit ? SiteRoute.auditTool(slug: viewer.slug, id: id) : SiteRoute.learningSource(slug: viewer.slug, id: id)).path)
        case let .rejected(page, errors):
            return .html(sourceFormView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func editSource(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.changeSourceFormPage(viewer, id: req.uuidParameter("id"), req.context)
        return .html(sourceFormView(req, viewer, page, values: page.existing.map(LearningViews.values(of:)) ?? [:], errors: []))
    }

    static func updateSource(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.updateSource(viewer, id: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.learningSource(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(sourceFormView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    // MARK: One source

    static func source(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.sourcePage(viewer, id: req.uuidParameter("id"), req.context)
        return .html(sourceView(req, viewer, page))
    }

    static func sourceView(_ req: Request, _ viewer: Viewer, _ page: SourcePage,
                           forms: LearningViews.SourceForms = LearningViews.SourceForms()) -> String {
        let title = forms.errors.isEmpty ? page.title : "Error: \(page.title)"
        return LearningViews.source(page, frame: req.frame(viewer, title: title, section: .learning), slug: viewer.slug, flash: req.takeFlash(), forms: forms)
    }

    static func addFinding(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.addFinding(viewer, to: req.uuidParameter("id"), fields: Prefixed.strip("finding_", from: values), req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.learningSource(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            let forms = LearningViews.SourceForms(finding: values, errors: Prefixed.add("finding_", to: errors))
            return .html(sourceView(req, viewer, page, forms: forms), status: .unprocessableEntity)
        }
    }

    static func addRecommendation(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.addRecommendation(viewer, to: req.uuidParameter("id"), fields: Prefixed.strip("recommendation_", from: values),
                                                          req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.recommendation(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            let forms = LearningViews.SourceForms(recommendation: values, errors: Prefixed.add("recommendation_", to: errors))
            return .html(sourceView(req, viewer, page, forms: forms), status: .unprocessableEntity)
        }
    }

    // MARK: Challenge event

    static func challengeForm(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.challengeEventPage(viewer, sourceID: req.uuidParameter("id"), req.context)
        return .html(challengeView(req, viewer, page))
    }

    static func challengeView(_ req: Request, _ viewer: Viewer, _ page: ChallengeEventPage,
                              values: [String: String] = [:], errors: [FieldError] = []) -> String {
        let title = LearningViews.challengeEventTitle
        let frame = req.frame(viewer, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)
        return LearningViews.challengeEvent(page, frame: frame, slug: viewer.slug, values: values, errors: errors)
    }

    static func recordChallenge(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.recordChallengeEvent(viewer, on: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.learningSource(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(challengeView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    // MARK: Recommendations

    static func recommendation(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.recommendationPage(viewer, id: req.uuidParameter("id"), req.context)
        return .html(recommendationView(req, viewer, page))
    }

    static func recommendationView(_ req: Request, _ viewer: Viewer, _ page: RecommendationPage,
                                   values: [String: String] = [:], errors: [FieldError] = []) -> String {
        let title = LearningViews.recommendationTitle(page)
        let frame = req.frame(viewer, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)
        return LearningViews.recommendation(page, frame: frame, slug: viewer.slug, flash: req.takeFlash(), values: values, errors: errors)
    }

    static func addAction(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await LearningWrites.addAction(viewer, to: req.uuidParameter("id"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.recommendation(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(recommendationView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func withoutActions(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await LearningReads.recommendationsWithoutActionsPage(viewer, req.context)
        let frame = req.frame(viewer, title: "Recommendations without an action", section: .learning)
        return .html(LearningViews.recommendationsWithoutActions(page, frame: frame, slug: viewer.slug))
    }
}

/// Two forms on one page need different field names (each field's id must be unique); the domain
/// reads the plain names, so the page strips the form's prefix going in and adds it to errors coming out.
enum Prefixed {
    static func strip(_ prefix: String, from values: [String: String]) -> [String: String] {
        Dictionary(values.compactMap { key, value in key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil },
                   uniquingKeysWith: { a, _ in a })
    }

    static func add(_ prefix: String, to errors: [FieldError]) -> [FieldError] {
        errors.map { FieldError(field: prefix + $0.field, message: $0.message, line: $0.line) }
    }
}
