import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The audit programme and each audit's tool: questions, cases (by local reference only),
/// participating organisations, their graded answers, and the answers collated.
enum AuditPages {
    static func programme(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        let years = try await LearningStore.years(access.partnership, on: req.db)
        let year = req.query[String.self, at: "year"].flatMap(ReportingYear.init) ?? years.first ?? ReportingYear(containing: req.today)
        let audits = try await LearningReads.sources(access, kind: .audit, year: year, req.context)
            .sorted { ($0.source.plannedOn ?? $0.source.startedOn ?? $0.source.completedOn ?? "") < ($1.source.plannedOn ?? $1.source.startedOn ?? $1.source.completedOn ?? "") }
        let slug = access.slug
        let byType = Dictionary(grouping: audits) { $0.source.auditType.flatMap(AuditType.init(rawValue:)) ?? .multiAgency }
        return .html(Layout.page(req.frame(access, title: "Audit programme \(year)", section: .learning)) {
            Components.heading("Audit programme", caption: "Reporting year \(year)")
            LearningViews.subNavigation(.audits, slug: slug)
            el("ul", .class("app-inline-list"), .aria("label", "Years")) {
                for other in years {
                    el("li") {
                        if other == year { el("span", .class("app-year-nav__current")) { other.description } }
                        else { el("a", .href(SiteRoute.audits(slug: slug).path + "?year=\(other)"), .class("app-link")) { other.description } }
                    }
                }
            }
            el("p", .class("app-body-text")) {
                "\(byType[.multiAgency]?.count ?? 0) multi-agency audits and \(byType[.frontDoor]?.count ?? 0) front door audits in \(year)."
            }
            if access.allows(.editLearning) {
                el("a", .href(SiteRoute.newLearningSource(slug: slug).path + "?kind=audit"), .class("govuk-button")) { "Plan an audit" }
            }
            for type in AuditType.allCases {
                if let rows = byType[type], !rows.isEmpty {
                    Components.table(caption: type.label + "s", headers: ["Theme", "When", "Commissioned by", "Findings", "Actions open / done", "Stage"],
                                     numeric: [3], rows: rows.map { s in
                                         [el("a", .href(SiteRoute.auditTool(slug: slug, id: s.source.id!).path), .class("app-link")) { s.source.title },
                                          .text(LearningViews.date(s.source.completedOn ?? s.source.startedOn ?? s.source.plannedOn)),
                                          .text(s.source.$escalation.id != nil ? "Performance escalation" : (s.source.commissionedReason.map { String($0.prefix(60)) } ?? "–")),
                                          .text(String(s.findings)), .text("\(s.openActions) / \(s.doneActions)"),
                                          LearningViews.stageTag(s.stage, challengeDue: s.isChallengeDue)]
                                     }, compact: true)
                }
            }
        })
    }

    static func tool(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        return try await render(req, access, id: req.uuidParameter("id"), values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) async throws -> Response {
        let tool = try await AuditToolStore.tool(id, in: access.partnership, on: req.db)
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let collation = tool.collation
        let slug = access.slug
        let source = tool.source
        let flash = req.takeFlash()
        let canEdit = access.allows(.editLearning)
        let answerable = tool.participants.filter { access.allows(.answerAudit(owner: $0.ref)) }
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? source.title : "Error: \(source.title)", section: .learning)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.audits(slug: slug), "Back to the audit programme")
            Components.heading(source.title, caption: source.auditType.flatMap(AuditType.init(rawValue:))?.label ?? "Audit")
            LearningViews.illustrative(source.isIllustrative)
            el("p", .class("app-body-text")) {
                el("a", .href(SiteRoute.learningSource(slug: slug, id: id).path), .class("app-link")) { "Findings, recommendations, actions and challenge event" }
            }
            if let scope = source.scope { el("p", .class("app-inset")) { "Scope: " + scope } }

            el("h2", .class("app-heading-m")) { "Answers collated" }
            if tool.answers.isEmpty {
                el("p", .class("app-body-text")) { "No answers yet." }
            } else {
                el("p", .class("app-body-text")) {
                    "\(collation.overall.total) graded answers across \(tool.cases.count) cases; \(collation.overall.percentGoodOrBetter ?? 0)% good or better."
                }
                Components.table(caption: "Grades by question", headers: ["Question", "Answers", "Good or better", "Spread"], numeric: [1, 2],
                                 rows: tool.questions.map { q in
                                     let spread = collation.byQuestion[q.id!.uuidString] ?? GradeSpread()
                                     return [.text("\(q.number). \(q.text)"), .text(String(spread.total)),
                                             .text(spread.percentGoodOrBetter.map { "\($0)%" } ?? "–"), LearningViews.spread(spread)]
                                 }, compact: true)
                Components.table(caption: "Grades by agency", headers: ["Agency", "Answers", "Good or better", "Spread"], numeric: [1, 2],
                                 rows: tool.participants.map { o in
                                     let spread = collation.byOrganisation[o.id!.uuidString] ?? GradeSpread()
                                     return [.text(o.name), .text(String(spread.total)), .text(spread.percentGoodOrBetter.map { "\($0)%" } ?? "–"),
                                             LearningViews.spread(spread)]
                                 }, compact: true)
            }

            el("h2", .class("app-heading-m")) { "Cases and agencies" }
            if tool.cases.isEmpty || tool.participants.isEmpty {
                el("p", .class("app-body-text")) { "Add the cases and the agencies taking part; each agency then answers the questions for each case." }
            } else {
                Components.table(caption: "Answers by case and agency", hiddenCaption: true, headers: ["Case"] + tool.participants.map(\.name),
                                 rows: tool.cases.map { auditCase in
                                     [.text(auditCase.reference)] + tool.participants.map { organisation in
                                         let done = tool.isComplete(case: auditCase.id!, organisation: organisation.id!)
                                         let link = SiteRoute.auditAnswers(slug: slug, id: id, caseID: auditCase.id!, organisationID: organisation.id!).path
                                         let mayAnswer = answerable.contains { $0.id == organisation.id }
                                         return mayAnswer || done
                                             ? el("a", .href(link), .class("app-link")) { done ? "Answered" : "Answer" ; el("span", .class("app-visually-hidden")) { " for \(organisation.name), case \(auditCase.reference)" } }
                                             : .text("Not yet")
                                     }
                                 }, compact: true)
            }

            el("h2", .class("app-heading-m")) { "Questions" }
            if tool.questions.isEmpty { el("p", .class("app-body-text")) { "No questions yet." } }
            el("ol", .class("govuk-list govuk-list--number")) {
                for q in tool.questions {
                    el("li") { q.text; if let guidance = q.guidance { el("br"); el("span", .class("app-secondary-text")) { guidance } } }
                }
            }
            if canEdit {
                el("details", .class("app-details"), values["form"] == "question" ? .flag("open") : nil) {
                    el("summary") { "Add a question" }
                    el("form", .method("post"), .action(SiteRoute.auditQuestions(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.textarea(name: "question_text", label: "Question", value: values["question_text"], errors: errors)
                        Components.textInput(name: "question_guidance", label: "Guidance for auditors (optional)", value: values["question_guidance"], errors: errors)
                        Components.button("Add question", secondary: true)
                    }
                }
                el("details", .class("app-details"), values["form"] == "case" ? .flag("open") : nil) {
                    el("summary") { "Add a case" }
                    el("form", .method("post"), .action(SiteRoute.auditCases(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.textInput(name: "reference", label: "Local case reference", value: values["reference"], errors: errors,
                                             hint: CaseReference.rule, width: "app-input--half")
                        Components.button("Add case", secondary: true)
                    }
                }
                el("details", .class("app-details"), values["form"] == "organisation" ? .flag("open") : nil) {
                    el("summary") { "Add an agency taking part" }
                    el("form", .method("post"), .action(SiteRoute.auditParticipants(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                        Components.csrfField(CSRF.token(for: req))
                        Components.select(name: "organisation", label: "Agency", options: LearningViews.organisationOptions(organisations),
                                          selected: values["organisation"], errors: errors, includeBlank: "Select")
                        Components.button("Add agency", secondary: true)
                    }
                }
            }
        }, status: status)
    }

    static func addQuestion(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let id = try req.uuidParameter("id")
        var values = req.formFields()
        values["form"] = "question"
        do {
            let draft = try AuditQuestionDraft.validate(Prefixed.strip("question_", from: values))
            try await AuditToolStore.addQuestion(draft, to: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added the question")
            return req.redirect(to: SiteRoute.auditTool(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: Prefixed.add("question_", to: errors.errors), status: .unprocessableEntity)
        }
    }

    static func addCase(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let id = try req.uuidParameter("id")
        var values = req.formFields()
        values["form"] = "case"
        do {
            try await AuditToolStore.addCase(values, to: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added the case")
            return req.redirect(to: SiteRoute.auditTool(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func addParticipant(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let id = try req.uuidParameter("id")
        var values = req.formFields()
        values["form"] = "organisation"
        do {
            try await AuditToolStore.addParticipant(values, to: id, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added \(values["organisation"] ?? "the agency")")
            return req.redirect(to: SiteRoute.auditTool(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    // MARK: Answering

    static func answers(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        return try await renderAnswers(req, access, values: nil, errors: [], status: .ok)
    }

    static func renderAnswers(_ req: Request, _ access: PartnershipAccess, values submitted: [String: String]?, errors: [FieldError],
                              status: HTTPResponseStatus) async throws -> Response {
        let id = try req.uuidParameter("id")
        let caseID = try req.uuidParameter("case")
        let organisationID = try req.uuidParameter("organisation")
        let tool = try await AuditToolStore.tool(id, in: access.partnership, on: req.db)
        guard let auditCase = tool.cases.first(where: { $0.id == caseID }),
              let organisation = tool.participants.first(where: { $0.id == organisationID }) else { throw NotFound("audit case or agency") }
        let canAnswer = access.allows(.answerAudit(owner: organisation.ref))
        let existing = tool.answers(case: caseID, organisation: organisationID)
        var values = submitted ?? [:]
        if submitted == nil {
            for q in tool.questions {
                if let answer = existing[q.id!] {
                    values["grade-\(q.id!.uuidString.lowercased())"] = answer.grade.rawValue
                    values["comment-\(q.id!.uuidString.lowercased())"] = answer.comment ?? ""
                }
            }
        }
        let title = "Case \(auditCase.reference): \(organisation.name)"
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)) {
            Components.backLink(.auditTool(slug: access.slug, id: id), "Back to \(tool.source.title)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: tool.source.title)
                if canAnswer {
                    el("form", .method("post"), .action(SiteRoute.auditAnswers(slug: access.slug, id: id, caseID: caseID, organisationID: organisationID).path),
                       .init("novalidate", nil)) {
                        Components.csrfField(CSRF.token(for: req))
                        for q in tool.questions {
                            el("div", .class("app-question")) {
                                Components.radios(name: "grade-\(q.id!.uuidString.lowercased())", legend: "\(q.number). \(q.text)",
                                                  options: AuditGrade.allCases.map { ($0.rawValue, $0.label) },
                                                  selected: values["grade-\(q.id!.uuidString.lowercased())"], errors: errors, hint: q.guidance, inline: true)
                                Components.textarea(name: "comment-\(q.id!.uuidString.lowercased())", label: "Comment on question \(q.number) (optional)",
                                                    value: values["comment-\(q.id!.uuidString.lowercased())"], errors: errors)
                            }
                        }
                        Components.button("Save answers")
                    }
                } else {
                    Components.summaryList(tool.questions.map { q in
                        let answer = existing[q.id!]
                        return ("\(q.number). \(q.text)", .text(answer.map { $0.grade.label + ($0.comment.map { ": \($0)" } ?? "") } ?? "Not answered"))
                    })
                }
            }
        }, status: status)
    }

    static func saveAnswers(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        let caseID = try req.uuidParameter("case")
        let organisationID = try req.uuidParameter("organisation")
        try access.require(.answerAudit(owner: OrganisationRef(organisationID.uuidString)))
        let values = req.formFields()
        do {
            try await AuditToolStore.saveAnswers(values, to: id, case: caseID, organisation: organisationID, in: access.partnership,
                                                 by: access.actor(req), on: req.db)
            req.flash("Saved the answers")
            return req.redirect(to: SiteRoute.auditTool(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await renderAnswers(req, access, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }
}
