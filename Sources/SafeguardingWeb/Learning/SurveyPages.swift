import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Surveys: build one, share its link, see the results and export them. The public form
/// (`/s/TOKEN`) works without an account and keeps nothing about the person answering.
enum SurveyPages {
    static func list(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await SurveyReads.surveysPage(viewer, req.context)
        return .html(SurveyViews.list(page, frame: req.frame(viewer, title: "Surveys", section: .learning), slug: viewer.slug))
    }

    static func formView(_ req: Request, _ viewer: Viewer, _ page: SurveyFormPage, values: [String: String], errors: [FieldError]) -> String {
        let title = SurveyViews.formTitle
        let frame = req.frame(viewer, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)
        return SurveyViews.form(page, frame: frame, slug: viewer.slug, values: values, errors: errors)
    }

    static func new(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await SurveyReads.surveyFormPage(viewer, req.context)
        return .html(formView(req, viewer, page, values: ["reporting_year": page.currentYear.description], errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await SurveyWrites.create(viewer, fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.survey(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(formView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await SurveyReads.surveyPage(viewer, id: req.uuidParameter("id"), req.context)
        return .html(surveyView(req, viewer, page))
    }

    /// The address people are sent: absolute when the public address is configured
    /// (`SAFEGUARDING_PUBLIC_URL`), else the path alone. Never built from the request's Host header.
    static func publicLink(_ req: Request, token: String) -> String {
        (req.application.appConfiguration.publicURL ?? "") + SiteRoute.publicSurvey(token: token).path
    }

    static func surveyView(_ req: Request, _ viewer: Viewer, _ page: SurveyPage, values: [String: String] = [:], errors: [FieldError] = []) -> String {
        let frame = req.frame(viewer, title: errors.isEmpty ? page.title : "Error: \(page.title)", section: .learning)
        return SurveyViews.survey(page, frame: frame, slug: viewer.slug, flash: req.takeFlash(), publicLink: publicLink(req, token: page.publicToken),
                                  values: values, errors: errors)
    }

    /// The answer to a post to a survey's page: back to it, or the page again with what was wrong.
    static func surveyOutcome(_ req: Request, _ viewer: Viewer, _ outcome: FormOutcome<SurveyPage>, values: [String: String]) -> Response {
        switch outcome {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.survey(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(surveyView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func addQuestion(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        let outcome = try await SurveyWrites.addQuestion(viewer, to: req.uuidParameter("id"), fields: values, req.context)
        return surveyOutcome(req, viewer, outcome, values: values)
    }

    static func setStatus(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let open = req.formFields()["open"] == "yes"
        let outcome = try await SurveyWrites.setOpen(viewer, open, surveyID: req.uuidParameter("id"), req.context)
        return surveyOutcome(req, viewer, outcome, values: [:])
    }

    static func csv(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let text = try await SurveyReads.responsesCSV(viewer, id: req.uuidParameter("id"), req.context)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "survey-responses.csv")
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + text))
    }

    // MARK: The public form

    /// An unknown token (or none) is "not found", in the words the person who followed a link needs.
    static func found<T>(_ value: T?) throws -> T {
        guard let value else { throw Abort(.notFound, reason: "There is no survey at this address. Check the link you were sent.") }
        return value
    }

    static func token(_ req: Request) -> String { req.parameters.get("token") ?? "" }

    static func publicFormView(_ req: Request, _ page: PublicSurveyPage, values: [String: String] = [:], errors: [FieldError] = []) -> String {
        let frame = PageFrame(title: errors.isEmpty ? page.title : "Error: \(page.title)", signedIn: nil, csrf: CSRF.token(for: req))
        return SurveyViews.publicForm(page, frame: frame, values: values, errors: errors)
    }

    static func showPublic(_ req: Request) async throws -> Response {
        let page = try found(try await PublicSurvey.form(token: token(req), req.context))
        return .html(publicFormView(req, page))
    }

    static func submitPublic(_ req: Request) async throws -> Response {
        try req.throttleSurveyAnswer(token: token(req))
        let values = req.formFields()
        switch try found(try await PublicSurvey.respond(token: token(req), fields: values, req.context)) {
        case let .received(token):
            return req.redirect(to: SiteRoute.publicSurveyThanks(token: token).path)
        case let .rejected(page, errors):
            return .html(publicFormView(req, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func thanks(_ req: Request) async throws -> Response {
        let partnershipName = try found(try await PublicSurvey.partnershipName(token: token(req), req.context))
        let frame = PageFrame(title: "Thank you", signedIn: nil, csrf: CSRF.token(for: req))
        return .html(SurveyViews.thanks(partnershipName: partnershipName, frame: frame))
    }
}
