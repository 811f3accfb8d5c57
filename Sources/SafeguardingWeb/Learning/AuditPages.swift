import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The audit programme and each audit's tool: questions, cases (by local reference only),
/// participating organisations, their graded answers, and the answers collated.
enum AuditPages {
    static func programme(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await AuditReads.programmePage(viewer, year: req.query[String.self, at: "year"].flatMap(ReportingYear.init), req.context)
        let frame = req.frame(viewer, title: "Audit programme \(page.year)", section: .learning)
        return .html(LearningViews.auditProgramme(page, frame: frame, slug: viewer.slug))
    }

    static func tool(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await AuditReads.toolPage(viewer, id: req.uuidParameter("id"), req.context)
        return .html(toolView(req, viewer, page))
    }

    static func toolView(_ req: Request, _ viewer: Viewer, _ page: AuditToolPage,
                         forms: LearningViews.AuditToolForms = LearningViews.AuditToolForms()) -> String {
        let frame = req.frame(viewer, title: forms.errors.isEmpty ? page.title : "Error: \(page.title)", section: .learning)
        return LearningViews.auditTool(page, frame: frame, slug: viewer.slug, flash: req.takeFlash(), forms: forms)
    }

    /// The answer to a post to the tool: back to the tool, or the tool again with the form open.
    /// `fieldNames` gives the errors the form's own field names.
    static func toolOutcome(_ req: Request, _ viewer: Viewer, _ outcome: FormOutcome<AuditToolPage>, values: [String: String],
                            fieldNames: ([FieldError]) -> [FieldError] = { $0 }) -> Response {
        switch outcome {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.auditTool(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            let forms = LearningViews.AuditToolForms(values: values, errors: fieldNames(errors))
            return .html(toolView(req, viewer, page, forms: forms), status: .unprocessableEntity)
        }
    }

    static func addQuestion(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        var values = req.formFields()
        values["form"] = "question"
        let outcome = try await AuditWrites.addQuestion(viewer, to: req.uuidParameter("id"), fields: Prefixed.strip("question_", from: values), req.context)
        return toolOutcome(req, viewer, outcome, values: values) { Prefixed.add("question_", to: $0) }
    }

    static func addCase(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        var values = req.formFields()
        values["form"] = "case"
        let outcome = try await AuditWrites.addCase(viewer, to: req.uuidParameter("id"), fields: values, req.context)
        return toolOutcome(req, viewer, outcome, values: values)
    }

    static func addParticipant(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        var values = req.formFields()
        values["form"] = "organisation"
        let outcome = try await AuditWrites.addParticipant(viewer, to: req.uuidParameter("id"), fields: values, req.context)
        return toolOutcome(req, viewer, outcome, values: values)
    }

    // MARK: Answering

    static func answers(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await AuditReads.answersPage(viewer, auditID: req.uuidParameter("id"), caseID: req.uuidParameter("case"),
                                                    organisationID: req.uuidParameter("organisation"), req.context)
        return .html(answersView(req, viewer, page))
    }

    static func answersView(_ req: Request, _ viewer: Viewer, _ page: AuditAnswersPage, values: [String: String]? = nil,
                            errors: [FieldError] = []) -> String {
        let title = LearningViews.auditAnswersTitle(page)
        let frame = req.frame(viewer, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)
        return LearningViews.auditAnswers(page, frame: frame, slug: viewer.slug, values: values, errors: errors)
    }

    static func saveAnswers(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        switch try await AuditWrites.saveAnswers(viewer, to: req.uuidParameter("id"), caseID: req.uuidParameter("case"),
                                                 organisationID: req.uuidParameter("organisation"), fields: values, req.context) {
        case let .done(message, id):
            req.flash(message)
            return req.redirect(to: SiteRoute.auditTool(slug: viewer.slug, id: id).path)
        case let .rejected(page, errors):
            return .html(answersView(req, viewer, page, values: values, errors: errors), status: .unprocessableEntity)
        }
    }
}
