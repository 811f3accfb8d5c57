import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
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

    /// The form for a source's details. Practice reviews use it too, posting to their own module.
    static func sourceForm(_ req: Request, _ access: PartnershipAccess, kind: SourceKind?, values: [String: String],
                           errors: [FieldError], editing: LearningSource?, postTo: SiteRoute? = nil) async throws -> String {
        let groups = try await RegisterStore.groups(access.partnership, on: req.db)
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let escalations = try await LearningStore.escalationChoices(access.partnership, on: req.db)
        let title = editing.map { "Change \($0.title)" } ?? (kind.map { "Record a \($0.label.lowercased())" } ?? "Record a source of learning")
        let slug = access.slug
        let isReview = kind.map(SourceKind.reviews.contains) ?? false
        return Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: isReview ? .reviews : .learning)) {
            Components.backLink(editing.map { .learningSource(slug: slug, id: $0.id!) } ?? (isReview ? .reviews(slug: slug) : .learningSources(slug: slug)), "Back")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: access.partnership.name)
                if let kind {
                    el("form", .method("post"), .action(editing.map { SiteRoute.learningSource(slug: slug, id: $0.id!).path } ?? (postTo ?? SiteRoute.learningSources(slug: slug)).path),
                       .init("novalidate", nil)) {
                        Components.csrfField(CSRF.token(for: req))
                        el("input", .type("hidden"), .name("kind"), .value(kind.rawValue))
                        Components.textInput(name: "title", label: kind == .audit ? "Theme of the audit" : "Title", value: values["title"], errors: errors)
                        Components.textInput(name: "reporting_year", label: "Reporting year", value: values["reporting_year"], errors: errors,
                                             hint: "Like 2023-24", width: "app-input--width-4")
                        if kind == .audit {
                            Components.radios(name: "audit_type", legend: "Type of audit", options: AuditType.allCases.map { ($0.rawValue, $0.label) },
                                              selected: values["audit_type"], errors: errors)
                        }
                        Components.select(name: "group", label: "Subgroup that owns the work",
                                          options: groups.map { ($0.id!.uuidString.lowercased(), $0.name) }, selected: values["group"], errors: errors,
                                          includeBlank: "None")
                        Components.textInput(name: "lead_role", label: "Lead (a role)", value: values["lead_role"], errors: errors,
                                             hint: "For example: Quality Assurance Subgroup chair")
                        Components.select(name: "lead_organisation", label: "Lead organisation", options: LearningViews.organisationOptions(organisations),
                                          selected: values["lead_organisation"], errors: errors, includeBlank: "None")
                        Components.textarea(name: "commissioned_reason", label: "Why it was commissioned", value: values["commissioned_reason"], errors: errors,
                                            hint: "For example: performance management escalated rising suspensions")
                        Components.select(name: "escalation", label: "Escalation from performance management that commissioned it",
                                          options: escalations.map { ($0.id!.uuidString.lowercased(), "\($0.indicator.name): \($0.signal)") },
                                          selected: values["escalation"], errors: errors, includeBlank: "None")
                        switch kind {
                        case .scrutiny:
                            Components.textInput(name: "reviewer", label: "Who carried out the scrutiny", value: values["reviewer"], errors: errors)
                            Components.textarea(name: "terms_of_reference", label: "Terms of reference", value: values["terms_of_reference"], errors: errors,
                                                hint: "One item per line; they are numbered in this order")
                            Components.textarea(name: "methods", label: "Methods: who was met, interviewed and challenged", value: values["methods"], errors: errors)
                            Components.textarea(name: "observed", label: "Meetings observed", value: values["observed"], errors: errors)
                        case .selfAssessment:
                            Components.textInput(name: "framework", label: "Framework assessed against", value: values["framework"], errors: errors,
                                                 hint: "For example: joint targeted area inspection of serious youth violence")
                        case .assuranceRequest:
                            Components.textInput(name: "asked_of", label: "Assurance asked of", value: values["asked_of"], errors: errors)
                            Components.textarea(name: "terms_of_reference", label: "Questions asked", value: values["terms_of_reference"], errors: errors,
                                                hint: "One per line")
                        case .audit:
                            Components.textarea(name: "scope", label: "Scope", value: values["scope"], errors: errors,
                                                hint: "Which children, which period, which agencies")
                            Components.textarea(name: "terms_of_reference", label: "Audit questions in brief (optional)", value: values["terms_of_reference"],
                                                errors: errors, hint: "One per line; the audit tool holds the full questions")
                        case .reflectiveSession, .localReview, .rapidReview:
                            Components.textInput(name: "reviewer", label: kind == .reflectiveSession ? "Facilitator (a role) (optional)" : "Reviewer (optional)",
                                                 value: values["reviewer"], errors: errors)
                            Components.textarea(name: "terms_of_reference", label: "Questions the session or review set out to answer (optional)",
                                                value: values["terms_of_reference"], errors: errors, hint: "One per line")
                        case .nationalReview:
                            Components.textInput(name: "reviewer", label: "Published by", value: values["reviewer"], errors: errors,
                                                 hint: "For example: Child Safeguarding Practice Review Panel")
                        default:
                            HTMLNode.fragment([])
                        }
                        Components.textarea(name: "summary", label: "Summary", value: values["summary"], errors: errors)
                        Components.dateInput(name: "planned_on", legend: "Planned for (optional)", values: values, errors: errors)
                        Components.dateInput(name: "started_on", legend: "Started (optional)", values: values, errors: errors)
                        Components.dateInput(name: "completed_on", legend: "Completed (optional)", values: values, errors: errors)
                        Components.dateInput(name: "challenge_due_on", legend: "Challenge event due (optional)", values: values, errors: errors,
                                             hint: "Left empty, it is set to 6 months after completion")
                        Components.button(editing == nil ? "Record" : "Save changes")
                    }
                } else {
                    el("form", .method("get"), .action(SiteRoute.newLearningSource(slug: slug).path)) {
                        Components.radios(name: "kind", legend: "What kind of learning is it?",
                                          options: SourceKind.recordedHere.filter { $0 != .survey }.map { ($0.rawValue, $0.label) },
                                          selected: nil, errors: errors, hint: "Surveys are built on the Surveys page.")
                        Components.button("Continue")
                    }
                }
            }
        }
    }

    static func newSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let kind = req.query[String.self, at: "kind"].flatMap(SourceKind.init(rawValue:)).flatMap { SourceKind.recordedHere.contains($0) && $0 != .survey ? $0 : nil }
        if kind == .none, req.query[String.self, at: "kind"] != nil {
            return .html(try await sourceForm(req, access, kind: nil, values: [:], errors: [FieldError(field: "kind", message: "Select what kind of learning it is")], editing: nil),
                         status: .unprocessableEntity)
        }
        let year = ReportingYear(containing: req.today)
        var values = ["reporting_year": year.description]
        if let escalation = req.query[String.self, at: "escalation"] { values["escalation"] = escalation.lowercased() }
        return .html(try await sourceForm(req, access, kind: kind, values: values, errors: [], editing: nil))
    }

    static func createSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editLearning)
        let values = req.formFields()
        let kind = values["kind"].flatMap(SourceKind.init(rawValue:))
        do {
            let draft = try SourceDraft.validate(values)
            guard draft.kind != .survey else {
                throw ValidationErrors([FieldError(field: "kind", message: "Build a survey on the Surveys page")])
            }
            let source = try await LearningStore.createSource(draft, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Recorded \(source.title)")
            return req.redirect(to: (source.kind == .audit ? SiteRoute.auditTool(slug: access.slug, id: source.id!) : SiteRoute.learningSource(slug: access.slug, id: source.id!)).path)
        } catch let errors as ValidationErrors {
            return .html(try await sourceForm(req, access, kind: kind.flatMap { SourceKind.recordedHere.contains($0) ? $0 : nil }, values: values,
                                              errors: errors.errors, editing: nil), status: .unprocessableEntity)
        }
    }

    static func values(of source: LearningSource) -> [String: String] {
        var values: [String: String] = ["title": source.title, "reporting_year": source.reportingYear]
        let optional: [(String, String?)] = [
            ("summary", source.summary), ("lead_role", source.leadRole), ("group", source.$group.id?.uuidString.lowercased()),
            ("commissioned_reason", source.commissionedReason), ("escalation", source.$escalation.id?.uuidString.lowercased()),
            ("audit_type", source.auditType), ("scope", source.scope), ("reviewer", source.reviewer), ("terms_of_reference", source.termsOfReference),
            ("methods", source.methods), ("observed", source.observed), ("framework", source.framework), ("asked_of", source.askedOf),
        ]
        for (key, value) in optional { if let value { values[key] = value } }
        for (key, iso) in [("planned_on", source.plannedOn), ("started_on", source.startedOn), ("completed_on", source.completedOn),
                           ("challenge_due_on", source.challengeDueOn)] {
            values.merge(Components.dateBoxes(key, iso.flatMap(CalendarDate.init(iso:)))) { _, new in new }
        }
        return values
    }

    static func editSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let source = try await LearningReads.source(access, id: req.uuidParameter("id"), req.context)
        try access.requireEdit(source)
        var values = values(of: source)
        if let organisation = try await source.$leadOrganisation.get(on: req.db) { values["lead_organisation"] = organisation.name }
        return .html(try await sourceForm(req, access, kind: source.kind, values: values, errors: [], editing: source))
    }

    static func updateSource(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let source = try await LearningReads.source(access, id: req.uuidParameter("id"), req.context)
        try access.requireEdit(source)
        var values = req.formFields()
        values["kind"] = source.kind.rawValue
        do {
            let draft = try SourceDraft.validate(values, allowing: [source.kind])
            try await LearningStore.updateSource(source.id!, with: draft, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Saved \(draft.title)")
            return req.redirect(to: SiteRoute.learningSource(slug: access.slug, id: source.id!).path)
        } catch let errors as ValidationErrors {
            return .html(try await sourceForm(req, access, kind: source.kind, values: values, errors: errors.errors, editing: source),
                         status: .unprocessableEntity)
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
