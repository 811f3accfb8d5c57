import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    /// The audit programme of one year, an audit type to a table.
    static func auditProgramme(_ page: AuditProgrammePage, frame: PageFrame, slug: String) -> String {
        let year = page.year
        let byType = Dictionary(grouping: page.audits, by: \.auditType)
        return Layout.page(frame) {
            Components.heading("Audit programme", caption: "Reporting year \(year)")
            subNavigation(.audits, slug: slug)
            el("ul", .class("app-inline-list"), .aria("label", "Years")) {
                for other in page.years {
                    el("li") {
                        if other == year { el("span", .class("app-year-nav__current")) { other.description } }
                        else { el("a", .href(SiteRoute.audits(slug: slug).path + "?year=\(other)"), .class("app-link")) { other.description } }
                    }
                }
            }
            el("p", .class("app-body-text")) {
                "\(byType[.multiAgency]?.count ?? 0) multi-agency audits and \(byType[.frontDoor]?.count ?? 0) front door audits in \(year)."
            }
            if page.mayPlan {
                el("a", .href(SiteRoute.newLearningSource(slug: slug).path + "?kind=audit"), .class("govuk-button")) { "Plan an audit" }
            }
            for type in AuditType.allCases {
                if let rows = byType[type], !rows.isEmpty {
                    Components.table(caption: type.label + "s", headers: ["Theme", "When", "Commissioned by", "Findings", "Actions open / done", "Stage"],
                                     numeric: [3], rows: rows.map { audit in
                                         [el("a", .href(SiteRoute.auditTool(slug: slug, id: audit.id).path), .class("app-link")) { audit.title },
                                          .text(date(audit.when)),
                                          .text(audit.isCommissionedByEscalation ? "Performance escalation" : (audit.commissionedReason.map { String($0.prefix(60)) } ?? "–")),
                                          .text(String(audit.findings)), .text("\(audit.openActions) / \(audit.doneActions)"),
                                          stageTag(audit.stage, challengeDue: audit.isChallengeDue)]
                                     }, compact: true)
                }
            }
        }
    }

    /// What one post to an audit's tool sent back: the form's values (with `form` naming the form,
    /// which stays open) and what was wrong.
    struct AuditToolForms {
        var values: [String: String] = [:]
        var errors: [FieldError] = []
    }

    /// One audit's tool: the answers collated, the cases by agency, the questions, and the forms
    /// that build it for the learning's editors.
    static func auditTool(_ page: AuditToolPage, frame: PageFrame, slug: String, flash: String?, forms: AuditToolForms = AuditToolForms()) -> String {
        let (values, errors, id, csrf) = (forms.values, forms.errors, page.id, frame.csrf ?? "")
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.audits(slug: slug), "Back to the audit programme")
            Components.heading(page.title, caption: page.auditType?.label ?? "Audit")
            illustrative(page.isIllustrative)
            el("p", .class("app-body-text")) {
                el("a", .href(SiteRoute.learningSource(slug: slug, id: id).path), .class("app-link")) { "Findings, recommendations, actions and challenge event" }
            }
            if let scope = page.scope { el("p", .class("app-inset")) { "Scope: " + scope } }

            el("h2", .class("app-heading-m")) { "Answers collated" }
            if page.answerCount == 0 {
                el("p", .class("app-body-text")) { "No answers yet." }
            } else {
                el("p", .class("app-body-text")) {
                    "\(page.overall.total) graded answers across \(page.cases.count) cases; \(page.overall.percentGoodOrBetter ?? 0)% good or better."
                }
                Components.table(caption: "Grades by question", headers: ["Question", "Answers", "Good or better", "Spread"], numeric: [1, 2],
                                 rows: page.questions.map { q in
                                     [.text("\(q.number). \(q.text)"), .text(String(q.spread.total)),
                                      .text(q.spread.percentGoodOrBetter.map { "\($0)%" } ?? "–"), spread(q.spread)]
                                 }, compact: true)
                Components.table(caption: "Grades by agency", headers: ["Agency", "Answers", "Good or better", "Spread"], numeric: [1, 2],
                                 rows: page.participants.map { o in
                                     [.text(o.name), .text(String(o.spread.total)), .text(o.spread.percentGoodOrBetter.map { "\($0)%" } ?? "–"), spread(o.spread)]
                                 }, compact: true)
            }

            el("h2", .class("app-heading-m")) { "Cases and agencies" }
            if page.cases.isEmpty || page.participants.isEmpty {
                el("p", .class("app-body-text")) { "Add the cases and the agencies taking part; each agency then answers the questions for each case." }
            } else {
                Components.table(caption: "Answers by case and agency", hiddenCaption: true, headers: ["Case"] + page.participants.map(\.name),
                                 rows: page.cases.map { auditCase in
                                     [.text(auditCase.reference)] + page.participants.map { organisation in
                                         let done = auditCase.completedBy.contains(organisation.id)
                                         let link = SiteRoute.auditAnswers(slug: slug, id: id, caseID: auditCase.id, organisationID: organisation.id).path
                                         return organisation.mayAnswer || done
                                             ? el("a", .href(link), .class("app-link")) { done ? "Answered" : "Answer" ; el("span", .class("app-visually-hidden")) { " for \(organisation.name), case \(auditCase.reference)" } }
                                             : .text("Not yet")
                                     }
                                 }, compact: true)
            }

            el("h2", .class("app-heading-m")) { "Questions" }
            if page.questions.isEmpty { el("p", .class("app-body-text")) { "No questions yet." } }
            el("ol", .class("govuk-list govuk-list--number")) {
                for q in page.questions {
                    el("li") { q.text; if let guidance = q.guidance { el("br"); el("span", .class("app-secondary-text")) { guidance } } }
                }
            }
            if page.mayEdit {
                el("details", .class("app-details"), values["form"] == "question" ? .flag("open") : nil) {
                    el("summary") { "Add a question" }
                    el("form", .method("post"), .action(SiteRoute.auditQuestions(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(csrf)
                        Components.textarea(name: "question_text", label: "Question", value: values["question_text"], errors: errors)
                        Components.textInput(name: "question_guidance", label: "Guidance for auditors (optional)", value: values["question_guidance"], errors: errors)
                        Components.button("Add question", secondary: true)
                    }
                }
                el("details", .class("app-details"), values["form"] == "case" ? .flag("open") : nil) {
                    el("summary") { "Add a case" }
                    el("form", .method("post"), .action(SiteRoute.auditCases(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(csrf)
                        Components.textInput(name: "reference", label: "Local case reference", value: values["reference"], errors: errors,
                                             hint: CaseReference.rule, width: "app-input--half")
                        Components.button("Add case", secondary: true)
                    }
                }
                el("details", .class("app-details"), values["form"] == "organisation" ? .flag("open") : nil) {
                    el("summary") { "Add an agency taking part" }
                    el("form", .method("post"), .action(SiteRoute.auditParticipants(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(csrf)
                        Components.select(name: "organisation", label: "Agency", options: organisationOptions(page.organisations),
                                          selected: values["organisation"], errors: errors, includeBlank: "Select")
                        Components.button("Add agency", secondary: true)
                    }
                }
            }
        }
    }

    static func auditAnswersTitle(_ page: AuditAnswersPage) -> String { "Case \(page.caseReference): \(page.organisationName)" }

    /// One agency's answers for one case: the form for whoever answers for the agency, starting
    /// from the answers given so far (or from what was sent), else the answers as a list.
    static func auditAnswers(_ page: AuditAnswersPage, frame: PageFrame, slug: String, values submitted: [String: String]? = nil,
                             errors: [FieldError] = []) -> String {
        func field(_ name: String, _ question: AuditAnswersPage.Question) -> String { "\(name)-\(question.id.uuidString.lowercased())" }
        var values = submitted ?? [:]
        if submitted == nil {
            for q in page.questions {
                if let answer = q.answer {
                    values[field("grade", q)] = answer.grade.rawValue
                    values[field("comment", q)] = answer.comment ?? ""
                }
            }
        }
        return Layout.page(frame) {
            Components.backLink(.auditTool(slug: slug, id: page.auditID), "Back to \(page.auditTitle)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(auditAnswersTitle(page), caption: page.auditTitle)
                if page.mayAnswer {
                    el("form", .method("post"), .action(SiteRoute.auditAnswers(slug: slug, id: page.auditID, caseID: page.caseID, organisationID: page.organisationID).path),
                       .init("novalidate", nil)) {
                        Components.csrfField(frame.csrf ?? "")
                        for q in page.questions {
                            el("div", .class("app-question")) {
                                Components.radios(name: field("grade", q), legend: "\(q.number). \(q.text)",
                                                  options: AuditGrade.allCases.map { ($0.rawValue, $0.label) },
                                                  selected: values[field("grade", q)], errors: errors, hint: q.guidance, inline: true)
                                Components.textarea(name: field("comment", q), label: "Comment on question \(q.number) (optional)",
                                                    value: values[field("comment", q)], errors: errors)
                            }
                        }
                        Components.button("Save answers")
                    }
                } else {
                    Components.summaryList(page.questions.map { q in
                        ("\(q.number). \(q.text)", .text(q.answer.map { $0.grade.label + ($0.comment.map { ": \($0)" } ?? "") } ?? "Not answered"))
                    })
                }
            }
        }
    }
}
