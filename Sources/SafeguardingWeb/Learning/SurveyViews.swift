import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The surveys pages: the list, the form that builds one, one survey's results, and the public
/// form and thank-you page that work without an account.
enum SurveyViews {
    static func list(_ page: SurveysPage, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.heading("Surveys", caption: page.partnershipName)
            LearningViews.subNavigation(.surveys, slug: slug)
            if page.mayBuild {
                el("a", .href(SiteRoute.newSurvey(slug: slug).path), .class("govuk-button")) { "Build a survey" }
            }
            if page.surveys.isEmpty {
                el("p", .class("app-body-text")) { "No surveys yet." }
            } else {
                Components.table(caption: "Surveys", hiddenCaption: true, headers: ["Survey", "Year", "Questions", "Responses", "Status"], numeric: [2, 3],
                                 rows: page.surveys.map { survey in
                                     [el("a", .href(SiteRoute.survey(slug: slug, id: survey.id).path), .class("app-link")) { survey.title },
                                      .text(survey.reportingYear), .text(String(survey.questions)), .text(String(survey.responses)),
                                      survey.isOpen ? Components.tag("Open", colour: "green") : Components.tag("Closed", colour: "grey")]
                                 })
            }
        }
    }

    static let formTitle = "Build a survey"

    static func form(_ page: SurveyFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.surveys(slug: slug), "Back to surveys")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(formTitle, caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.surveys(slug: slug).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "title", label: "Title", value: values["title"], errors: errors)
                    Components.textInput(name: "reporting_year", label: "Reporting year", value: values["reporting_year"], errors: errors,
                                         hint: "Like 2023-24", width: "app-input--width-4")
                    Components.select(name: "group", label: "Subgroup that owns it", options: page.groups.map { ($0.id.uuidString.lowercased(), $0.name) },
                                      selected: values["group"], errors: errors, includeBlank: "None")
                    Components.textarea(name: "introduction", label: "Introduction shown to people answering", value: values["introduction"], errors: errors,
                                        hint: "Who it is for, what it is about, how long it takes, and that answers are anonymous")
                    Components.textarea(name: "summary", label: "Purpose (for the partnership)", value: values["summary"], errors: errors)
                    Components.textInput(name: "maximum_responses", label: "Most responses to accept", value: values["maximum_responses"], errors: errors,
                                         hint: "Leave blank for \(SurveyLimits.defaultMaximumResponses). When the survey has this many, its link stops taking answers, so nobody can flood it.",
                                         width: "app-input--width-4")
                    Components.button("Create survey")
                }
            }
        }
    }

    /// One survey: its status and link, its results, and the forms for the learning's editors.
    /// `publicLink` is the address people are sent (absolute only with a configured public address).
    static func survey(_ page: SurveyPage, frame: PageFrame, slug: String, flash: String?, publicLink: String,
                       values: [String: String] = [:], errors: [FieldError] = []) -> String {
        let (id, results, csrf) = (page.id, page.results, frame.csrf ?? "")
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.surveys(slug: slug), "Back to surveys")
            Components.heading(page.title, caption: "Survey, \(page.reportingYear)")
            LearningViews.illustrative(page.isIllustrative)
            Components.summaryList([
                ("Status", page.isOpen ? Components.tag("Open for responses", colour: "green") : Components.tag("Closed", colour: "grey")),
                ("Link to share", page.isOpen ? el("a", .href(SiteRoute.publicSurvey(token: page.publicToken).path), .class("app-link app-break")) {
                    publicLink
                } : .text("Open the survey to share its link")),
                ("Responses", .text("\(page.responseCount) (the link takes at most \(page.responseLimit))")),
                ("Findings and actions", el("a", .href(SiteRoute.learningSource(slug: slug, id: page.sourceID).path), .class("app-link")) { "Findings, recommendations and actions" }),
            ])
            if page.mayEdit {
                el("form", .method("post"), .action(SiteRoute.surveyStatus(slug: slug, id: id).path)) {
                    Components.csrfField(csrf)
                    el("input", .type("hidden"), .name("open"), .value(page.isOpen ? "no" : "yes"))
                    Components.button(page.isOpen ? "Close the survey" : "Open the survey for responses", secondary: true)
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
            if page.mayEdit {
                el("h2", .class("app-heading-m")) { "Add a question" }
                if page.responseCount > 0 {
                    el("p", .class("app-body-text")) { "Questions cannot be added once responses have come in, so every response answers the same survey." }
                } else {
                    el("form", .method("post"), .action(SiteRoute.surveyQuestions(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(csrf)
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
        }
    }

    // MARK: The public form

    /// The form someone without an account answers, or that the survey is closed.
    static func publicForm(_ page: PublicSurveyPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(page.title, caption: page.partnershipName)
                if !page.isOpen {
                    el("p", .class("app-body-text")) { "This survey is closed. Thank you for your interest." }
                } else {
                    if let introduction = page.introduction { el("p", .class("app-body-text")) { introduction } }
                    el("p", .class("app-inset")) { "Your answers are anonymous: we do not ask your name and do not keep anything that identifies you." }
                    el("form", .method("post"), .action(SiteRoute.publicSurvey(token: page.token).path), .init("novalidate", nil)) {
                        Components.csrfField(frame.csrf ?? "")
                        for question in page.questions {
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
        }
    }

    static func thanks(partnershipName: String, frame: PageFrame) -> String {
        Layout.page(frame) {
            el("div", .class("govuk-panel")) {
                el("h1", .class("app-heading-l")) { "Thank you" }
                el("p", .class("app-body-text")) { "Your answers to \(partnershipName)'s survey have been received." }
            }
        }
    }
}
