import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    static func sourceFormTitle(_ page: SourceFormPage) -> String {
        page.existing.map { "Change \($0.title)" } ?? (page.kind.map { "Record a \($0.label.lowercased())" } ?? "Record a source of learning")
    }

    /// Practice reviews use the form too, under their own section.
    static func isReviewForm(_ page: SourceFormPage) -> Bool { page.kind.map(SourceKind.reviews.contains) ?? false }

    /// The form's fields for a source as recorded, to start changing it from.
    static func values(of source: SourceFormPage.Existing) -> [String: String] {
        var values: [String: String] = ["title": source.title, "reporting_year": source.reportingYear]
        let optional: [(String, String?)] = [
            ("summary", source.summary), ("lead_role", source.leadRole), ("group", source.groupID?.uuidString.lowercased()),
            ("commissioned_reason", source.commissionedReason), ("escalation", source.escalationID?.uuidString.lowercased()),
            ("audit_type", source.auditType), ("scope", source.scope), ("reviewer", source.reviewer), ("terms_of_reference", source.termsOfReference),
            ("methods", source.methods), ("observed", source.observed), ("framework", source.framework), ("asked_of", source.askedOf),
            ("lead_organisation", source.leadOrganisationName),
        ]
        for (key, value) in optional { if let value { values[key] = value } }
        for (key, date) in [("planned_on", source.plannedOn), ("started_on", source.startedOn), ("completed_on", source.completedOn),
                            ("challenge_due_on", source.challengeDueOn)] {
            values.merge(Components.dateBoxes(key, date)) { _, new in new }
        }
        return values
    }

    /// The form for a source's details; with no kind yet, the choice of kind. A new source posts to
    /// `postTo` (the tracker's sources unless a module says otherwise), a changed one to itself.
    static func sourceForm(_ page: SourceFormPage, frame: PageFrame, slug: String, values: [String: String], errors: [FieldError],
                           postTo: SiteRoute? = nil) -> String {
        let isReview = isReviewForm(page)
        let editing = page.existing
        return Layout.page(frame) {
            Components.backLink(editing.map { .learningSource(slug: slug, id: $0.id) } ?? (isReview ? .reviews(slug: slug) : .learningSources(slug: slug)), "Back")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(sourceFormTitle(page), caption: page.partnershipName)
                if let kind = page.kind {
                    el("form", .method("post"), .action(editing.map { SiteRoute.learningSource(slug: slug, id: $0.id).path } ?? (postTo ?? SiteRoute.learningSources(slug: slug)).path),
                       .init("novalidate", nil)) {
                        Components.csrfField(frame.csrf ?? "")
                        el("input", .type("hidden"), .name("kind"), .value(kind.rawValue))
                        Components.textInput(name: "title", label: kind == .audit ? "Theme of the audit" : "Title", value: values["title"], errors: errors)
                        Components.textInput(name: "reporting_year", label: "Reporting year", value: values["reporting_year"], errors: errors,
                                             hint: "Like 2023-24", width: "app-input--width-4")
                        if kind == .audit {
                            Components.radios(name: "audit_type", legend: "Type of audit", options: AuditType.allCases.map { ($0.rawValue, $0.label) },
                                              selected: values["audit_type"], errors: errors)
                        }
                        Components.select(name: "group", label: "Subgroup that owns the work",
                                          options: page.groups.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: values["group"], errors: errors,
                                          includeBlank: "None")
                        Components.textInput(name: "lead_role", label: "Lead (a role)", value: values["lead_role"], errors: errors,
                                             hint: "For example: Quality Assurance Subgroup chair")
                        Components.select(name: "lead_organisation", label: "Lead organisation", options: organisationOptions(page.organisations),
                                          selected: values["lead_organisation"], errors: errors, includeBlank: "None")
                        Components.textarea(name: "commissioned_reason", label: "Why it was commissioned", value: values["commissioned_reason"], errors: errors,
                                            hint: "For example: performance management escalated rising suspensions")
                        Components.select(name: "escalation", label: "Escalation from performance management that commissioned it",
                                          options: page.escalations.map { ($0.id.uuidString.lowercased(), "\($0.indicatorName): \($0.signal)") },
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
}
