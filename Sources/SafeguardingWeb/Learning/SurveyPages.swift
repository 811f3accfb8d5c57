import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Surveys: build one, share its link, see the results and export them. The public form
/// (`/s/TOKEN`) works without an account and keeps nothing about the person answering.
enum SurveyPages {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        let surveys = try await SurveyStore.surveys(access.partnership, on: req.db)
        let slug = access.slug
        return .html(Layout.page(req.frame(access, title: "Surveys", section: .learning)) {
            Components.heading("Surveys", caption: access.partnership.name)
            LearningViews.subNavigation(.surveys, slug: slug)
            if access.allows(.editLearning) {
                el("a", .href(SiteRoute.newSurvey(slug: slug).path), .class("govuk-button")) { "Build a survey" }
            }
            if surveys.isEmpty {
                el("p", .class("app-body-text")) { "No surveys yet." }
            } else {
                Components.table(caption: "Surveys", hiddenCaption: true, headers: ["Survey", "Year", "Questions", "Responses", "Status"], numeric: [2, 3],
                                 rows: surveys.map { d in
                                     [el("a", .href(SiteRoute.survey(slug: slug, id: d.survey.id!).path), .class("app-link")) { d.source.title },
                                      .text(d.source.reportingYear), .text(String(d.questions.count)), .text(String(d.responseCount)),
                                      d.survey.isOpen ? Components.tag("Open", colour: "green") : Components.tag("Closed", colour: "grey")]
                                 })
            }
        })
    }

    static func form(_ req: Request, _ access: PartnershipAccess, values: [String: String], errors: [FieldError]) async throws -> String {
        let groups = try await RegisterStore.groups(access.partnership, on: req.db)
        let title = "Build a survey"
        return Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)) {
            Components.backLink(.surveys(slug: access.slug), "Back to surveys")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: access.partnership.name)
                el("form", .method("post"), .action(SiteRoute.surveys(slug: access.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "title", label: "Title", value: values["title"], errors: errors)
                    Components.textInput(name: "reporting_year", label: "Reporting year", value: values["reporting_year"], errors: errors,
                                         hint: "Like 2023-24", width: "app-input--width-4")
                    Components.select(name: "group", label: "Subgroup that owns it", options: groups.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                      selected: values["group"], errors: errors, includeBlank: "None")
                    Components.textarea(name: "introduction", label: "Introduction shown to people answering", value: values["introduction"], errors: errors,
                                        hint: "Who it is for, what it is about, how long it takes, and that answers are anonymous")
                    Components.textarea(name: "summary", label: "Purpose (for the partnership)", value: values["summary"], errors: errors)
                    Components.button("Create survey")
                }
            }
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        return .html(try await form(req, access, values: ["reporting_year": ReportingYear(containing: req.today).description], errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        var values = req.formFields()
        values["kind"] = SourceKind.survey.rawValue
        do {
            var v = Validator()
            let introduction = v.optionalText(values["introduction"], field: "introduction", maxLength: 4000)
            var errors = v.errors
            var draft: SourceDraft?
            do { draft = try SourceDraft.validate(values) } catch { errors += error.errors }
            if !errors.isEmpty { throw ValidationErrors(errors) }
            let survey = try await SurveyStore.create(draft!, introduction: introduction, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Created the survey. Add its questions, then open it for responses.")
            return req.redirect(to: SiteRoute.survey(slug: access.slug, id: survey.id!).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        return try await render(req, access, id: req.uuidParameter("id"), values: [:], errors: [], status: .ok)
    }

    /// The address people are sent: absolute when the request says which host it came to.
    static func publicLink(_ req: Request, token: String) -> String {
        let path = SiteRoute.publicSurvey(token: token).path
        guard let host = req.headers.first(name: .host) else { return path }
        let scheme = req.application.appConfiguration.secureCookies ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        let survey = try await SurveyStore.survey(id, in: access.partnership, on: req.db)
        let (detail, results) = try await SurveyStore.results(survey, on: req.db)
        let slug = access.slug
        let flash = req.takeFlash()
        let canEdit = access.allows(.editLearning)
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? detail.source.title : "Error: \(detail.source.title)", section: .learning)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.surveys(slug: slug), "Back to surveys")
            Components.heading(detail.source.title, caption: "Survey, \(detail.source.reportingYear)")
            LearningViews.illustrative(detail.source.isIllustrative)
            Components.summaryList([
                ("Status", survey.isOpen ? Components.tag("Open for responses", colour: "green") : Components.tag("Closed", colour: "grey")),
                ("Link to share", survey.isOpen ? el("a", .href(SiteRoute.publicSurvey(token: survey.publicToken).path), .class("app-link app-break")) {
                    publicLink(req, token: survey.publicToken)
                } : .text("Open the survey to share its link")),
                ("Responses", .text(String(detail.responseCount))),
                ("Findings and actions", el("a", .href(SiteRoute.learningSource(slug: slug, id: detail.source.id!).path), .class("app-link")) { "Findings, recommendations and actions" }),
            ])
            if canEdit {
                el("form", .method("post"), .action(SiteRoute.surveyStatus(slug: slug, id: id).path)) {
                    Components.csrfField(CSRF.token(for: req))
                    el("input", .type("hidden"), .name("open"), .value(survey.isOpen ? "no" : "yes"))
                    Components.button(survey.isOpen ? "Close the survey" : "Open the survey for responses", secondary: true)
                }
            }
            el("h2", .class("app-heading-m")) { "Results" }
            if results.responses == 0 {
                el("p", .class("app-body-text")) { "No responses yet." }
            } else {
                el("p", .class("app-body-text")) {
                    "\(results.responses) responses. Percentages are of the people who answered each question. "
                    el("a", .href(SiteRoute.surveyResultsCSV(slug: slug, id: id).path), .class("app-link")) { "Download every response (CSV)" }
                }
            }
            for result in results.questions {
                el("div", .class("app-question")) {
                    el("h3", .class("app-heading-s")) { "\(result.question.number). \(result.question.text)" }
                    el("p", .class("app-secondary-text")) {
                        result.question.kind.label + (result.question.isRequired ? ", required" : ", optional") + (result.question.isDemographic ? ", about the person answering" : "")
                            + ". Answered by \(result.answered)."
                            + (result.mean.map { String(format: " Mean %.1f on a scale of 1 to %d.", $0, result.question.options.count) } ?? "")
                    }
                    if result.question.kind == .freeText {
                        if result.texts.isEmpty { el("p", .class("app-body-text")) { "No answers yet." } }
                        el("ul", .class("govuk-list app-bullets")) { for text in result.texts.prefix(50) { el("li") { text } } }
                        if result.texts.count > 50 { el("p", .class("app-secondary-text")) { "And \(result.texts.count - 50) more in the CSV." } }
                    } else if results.responses > 0 {
                        Components.table(caption: "Answers to question \(result.question.number)", hiddenCaption: true, headers: ["Answer", "Count", "Per cent"],
                                         numeric: [1, 2], rows: result.options.map { option in
                                             [.text(option.option), .text(String(option.count)), .text(String(format: "%.0f%%", option.percent))]
                                         }, compact: true)
                    } else {
                        el("ul", .class("govuk-list app-bullets")) { for option in result.question.options { el("li") { option } } }
                    }
                }
            }
            if canEdit {
                el("h2", .class("app-heading-m")) { "Add a question" }
                if detail.responseCount > 0 {
                    el("p", .class("app-body-text")) { "Questions cannot be added once responses have come in, so every response answers the same survey." }
                } else {
                    el("form", .method("post"), .action(SiteRoute.surveyQuestions(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.textarea(name: "text", label: "Question", value: values["text"], errors: errors)
                        Components.radios(name: "kind", legend: "Type of answer", options: SurveyQuestionKind.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["kind"], errors: errors)
                        Components.textarea(name: "options", label: "Options, one per line", value: values["options"], errors: errors,
                                            hint: "For a scale, its points from low to high; leave empty for 1 to 5. Free text has no options.")
                        Components.checkboxes(id: "settings", legend: "Settings", boxes: [("required", "An answer is required"),
                                                                                        ("demographic", "This is about the person answering (demographics)")],
                                              values: values, errors: errors)
                        Components.button("Add question", secondary: true)
                    }
                }
            }
        }, status: status)
    }

    static func addQuestion(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let id = try req.uuidParameter("id")
        let values = req.formFields()
        do {
            let draft = try SurveyQuestionDraft.validate(values)
            try await SurveyStore.addQuestion(draft, to: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added the question")
            return req.redirect(to: SiteRoute.survey(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func setStatus(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let id = try req.uuidParameter("id")
        let open = req.formFields()["open"] == "yes"
        do {
            try await SurveyStore.setOpen(open, surveyID: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash(open ? "The survey is open: share its link" : "The survey is closed")
            return req.redirect(to: SiteRoute.survey(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: [:], errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func csv(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        let survey = try await SurveyStore.survey(req.uuidParameter("id"), in: access.partnership, on: req.db)
        let text = try await SurveyStore.csv(survey, on: req.db)
        try await AuditTrail.record(on: req.db, partnershipID: access.partnership.id, actor: access.actor(req), action: "export",
                                    subjectType: "survey", subjectID: survey.id?.uuidString, summary: "Downloaded a survey's responses")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "survey-responses.csv")
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + text))
    }

    // MARK: The public form

    static func publicForm(_ req: Request, survey: Survey, values: [String: String], errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        let detail = try await SurveyStore.detail(survey, on: req.db)
        let frame = PageFrame(title: errors.isEmpty ? detail.source.title : "Error: \(detail.source.title)", signedIn: nil, csrf: CSRF.token(for: req))
        return .html(Layout.page(frame) {
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(detail.source.title, caption: survey.partnership.name)
                if !survey.isOpen {
                    el("p", .class("app-body-text")) { "This survey is closed. Thank you for your interest." }
                } else {
                    if let introduction = survey.introduction { el("p", .class("app-body-text")) { introduction } }
                    el("p", .class("app-inset")) { "Your answers are anonymous: we do not ask your name and do not keep anything that identifies you." }
                    el("form", .method("post"), .action(SiteRoute.publicSurvey(token: survey.publicToken).path), .init("novalidate", nil)) {
                        Components.csrfField(CSRF.token(for: req))
                        for question in detail.questions {
                            let legend = "\(question.number). \(question.text)" + (question.isRequired ? "" : " (optional)")
                            switch question.kind {
                            case .singleChoice, .scale:
                                Components.radios(name: question.field, legend: legend,
                                                  options: question.options.enumerated().map { (String($0.offset), $0.element) },
                                                  selected: values[question.field], errors: errors, inline: question.kind == .scale)
                            case .multipleChoice:
                                Components.checkboxes(id: question.field, legend: legend,
                                                      boxes: question.options.indices.map { (question.optionField($0), question.options[$0]) },
                                                      values: values, errors: errors, hint: "Tick all that apply")
                            case .freeText:
                                Components.textarea(name: question.field, label: legend, value: values[question.field], errors: errors)
                            }
                        }
                        Components.button("Send answers")
                    }
                }
            }
        }, status: status)
    }

    static func publicSurvey(_ req: Request) async throws -> Survey {
        guard let survey = try await SurveyStore.survey(token: req.parameters.get("token") ?? "", on: req.db) else {
            throw Abort(.notFound, reason: "There is no survey at this address. Check the link you were sent.")
        }
        return survey
    }

    static func showPublic(_ req: Request) async throws -> Response {
        let survey = try await publicSurvey(req)
        return try await publicForm(req, survey: survey, values: [:], errors: [], status: .ok)
    }

    static func submitPublic(_ req: Request) async throws -> Response {
        let survey = try await publicSurvey(req)
        let values = req.formFields()
        do {
            try await SurveyStore.respond(values, to: survey, on: req.db, today: req.today)
            return req.redirect(to: SiteRoute.publicSurveyThanks(token: survey.publicToken).path)
        } catch let errors as ValidationErrors {
            return try await publicForm(req, survey: survey, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func thanks(_ req: Request) async throws -> Response {
        let survey = try await publicSurvey(req)
        let frame = PageFrame(title: "Thank you", signedIn: nil, csrf: CSRF.token(for: req))
        return .html(Layout.page(frame) {
            el("div", .class("govuk-panel")) {
                el("h1", .class("app-heading-l")) { "Thank you" }
                el("p", .class("app-body-text")) { "Your answers to \(survey.partnership.name)'s survey have been received." }
            }
        })
    }
}
