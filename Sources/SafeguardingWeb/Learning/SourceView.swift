import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    /// What one post to the source page sent back: the values of the form it came from and what was wrong.
    struct SourceForms {
        var finding: [String: String] = [:]
        var recommendation: [String: String] = [:]
        var errors: [FieldError] = []
    }

    /// One source's page: details, findings, recommendations with actions, challenge events, and the
    /// forms that add to them for whoever may edit it.
    static func source(_ page: SourcePage, frame: PageFrame, slug: String, flash: String?, forms: SourceForms = SourceForms()) -> String {
        let errors = forms.errors
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.learningSources(slug: slug), "Back to sources of learning")
            Components.heading(page.title, caption: kindLabel(page.kind, auditType: page.auditType))
            illustrative(page.isIllustrative)
            sourceLinks(page, slug: slug)
            Components.summaryList(detailRows(page, slug: slug))
            if let summary = page.summary { el("p", .class("app-body-text")) { summary } }
            if !page.terms.isEmpty {
                el("h2", .class("app-heading-m")) { page.kind == .assuranceRequest ? "Questions asked" : "Terms of reference" }
                el("ol", .class("govuk-list govuk-list--number")) { for term in page.terms { el("li") { term } } }
            }
            if let methods = page.methods { el("h2", .class("app-heading-m")) { "Methods" }; el("p", .class("app-body-text")) { methods } }
            if let observed = page.observed { el("h2", .class("app-heading-m")) { "Meetings observed" }; el("p", .class("app-body-text")) { observed } }
            findings(page, slug: slug, csrf: frame.csrf ?? "", values: forms.finding, errors: errors)
            recommendations(page, slug: slug, csrf: frame.csrf ?? "", values: forms.recommendation, errors: errors)
            challengeEvents(page, slug: slug)
        }
    }

    private static func sourceLinks(_ page: SourcePage, slug: String) -> HTMLNode {
        el("ul", .class("app-inline-list")) {
            if page.mayEdit {
                el("li") { el("a", .href(SiteRoute.editLearningSource(slug: slug, id: page.id).path), .class("app-link")) { "Change details" } }
            }
            if page.kind == .audit {
                el("li") { el("a", .href(SiteRoute.auditTool(slug: slug, id: page.id).path), .class("app-link")) { "Audit tool and answers" } }
            }
            if let survey = page.surveyID {
                el("li") { el("a", .href(SiteRoute.survey(slug: slug, id: survey).path), .class("app-link")) { "Survey questions and results" } }
            }
        }
    }

    private static func detailRows(_ page: SourcePage, slug: String) -> [(String, HTMLNode)] {
        var rows: [(String, HTMLNode)] = [("Kind", .text(kindLabel(page.kind, auditType: page.auditType))), ("Reporting year", .text(page.reportingYear))]
        if let group = page.subgroup { rows.append(("Subgroup", el("a", .href(SiteRoute.subgroup(slug: slug, id: group.id).path), .class("app-link")) { group.name })) }
        if page.leadRole != nil || page.leadOrganisationName != nil {
            rows.append(("Lead", .text([page.leadRole, page.leadOrganisationName].compactMap { $0 }.joined(separator: ", "))))
        }
        if let reason = page.commissionedReason { rows.append(("Why it was commissioned", .text(reason))) }
        if let escalation = page.commissionedBy {
            rows.append(("Commissioned by", el("a", .href(SiteRoute.indicator(slug: slug, key: escalation.indicatorKey).path), .class("app-link")) {
                "Escalation of \(escalation.indicatorName): \(escalation.signal)"
            }))
        }
        if let reviewer = page.reviewer { rows.append(("Carried out by", .text(reviewer))) }
        if let framework = page.framework { rows.append(("Framework", .text(framework))) }
        if let askedOf = page.askedOf { rows.append(("Assurance asked of", .text(askedOf))) }
        if let scope = page.scope { rows.append(("Scope", .text(scope))) }
        for (label, day) in [("Planned for", page.plannedOn), ("Started", page.startedOn), ("Completed", page.completedOn),
                             ("Challenge event due", page.challengeDueOn)] {
            if let day { rows.append((label, .text(day.long))) }
        }
        rows.append(("Stage", stageTag(page.stage, challengeDue: page.isChallengeDue)))
        return rows
    }

    private static func findings(_ page: SourcePage, slug: String, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Findings" }
            if page.findings.isEmpty { el("p", .class("app-body-text")) { "No findings recorded yet." } }
            for kind in FindingKind.allCases {
                let findings = page.findings.filter { $0.kind == kind }
                if !findings.isEmpty {
                    el("h3", .class("app-heading-s")) { kind == .strength ? "Strengths" : kind == .areaForImprovement ? "Areas for improvement" : "National issues to raise" }
                    el("ul", .class("govuk-list app-bullets")) {
                        for finding in findings {
                            el("li", .id("finding-\(finding.number)")) {
                                "F\(finding.number). " + finding.text
                                if !finding.themes.isEmpty { el("span", .class("app-secondary-text")) { " Themes: " + finding.themes.joined(separator: ", ") } }
                                if page.mayEdit {
                                    " "
                                    el("a", .href(SiteRoute.learningRecordEdit(slug: slug, kind: .finding, id: finding.id).path), .class("app-link")) {
                                        "Change or withdraw"; el("span", .class("app-visually-hidden")) { " finding F\(finding.number)" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if page.mayEdit { findingForm(page, slug: slug, csrf: csrf, values: values, errors: errors) }
        }
    }

    private static func findingForm(_ page: SourcePage, slug: String, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        el("details", .class("app-details"), !values.isEmpty ? .flag("open") : nil) {
            el("summary") { "Add a finding" }
            el("form", .method("post"), .action(SiteRoute.sourceFindings(slug: slug, id: page.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.radios(name: "finding_kind", legend: "Kind of finding", options: FindingKind.allCases.map { ($0.rawValue, $0.label) },
                                  selected: values["finding_kind"], errors: errors)
                Components.textarea(name: "finding_text", label: "Finding", value: values["finding_text"], errors: errors)
                Components.textInput(name: "finding_themes", label: "Themes (optional)", value: values["finding_themes"], errors: errors,
                                     hint: "Separated by commas, like: domestic abuse, information sharing")
                Components.button("Add finding", secondary: true)
            }
        }
    }

    private static func recommendations(_ page: SourcePage, slug: String, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Recommendations and actions" }
            if page.recommendations.isEmpty { el("p", .class("app-body-text")) { "No recommendations recorded yet." } }
            for item in page.recommendations {
                el("div", .class("app-record"), .id("recommendation-\(item.number)")) {
                    el("h3", .class("app-heading-s")) {
                        el("a", .href(SiteRoute.recommendation(slug: slug, id: item.id).path), .class("app-link")) { "Recommendation \(item.number)" }
                        if let judgement = item.judgement { " "; judgementTag(judgement) }
                    }
                    el("p", .class("app-body-text")) { item.text }
                    if let number = item.findingNumber { el("p", .class("app-secondary-text")) { "Answers finding F\(number)." } }
                    if item.actions.isEmpty {
                        el("p", .class("app-body-text")) { Components.tag("No action yet", colour: "red") }
                    } else {
                        actionsTable(item.actions, caption: "Actions for recommendation \(item.number)", slug: slug, showSource: false)
                    }
                }
            }
            if page.mayEdit { recommendationForm(page, slug: slug, csrf: csrf, values: values, errors: errors) }
        }
    }

    private static func recommendationForm(_ page: SourcePage, slug: String, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        el("details", .class("app-details"), !values.isEmpty ? .flag("open") : nil) {
            el("summary") { "Add a recommendation" }
            el("form", .method("post"), .action(SiteRoute.sourceRecommendations(slug: slug, id: page.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.textarea(name: "recommendation_text", label: "Recommendation", value: values["recommendation_text"], errors: errors)
                Components.select(name: "recommendation_finding", label: "Finding it answers (optional)",
                                  options: page.findings.map { ($0.id.uuidString.lowercased(), "F\($0.number). " + String($0.text.prefix(80))) },
                                  selected: values["recommendation_finding"], errors: errors, includeBlank: "None")
                Components.button("Add recommendation", secondary: true)
            }
        }
    }

    private static func challengeEvents(_ page: SourcePage, slug: String) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Challenge events" }
            if page.challengeEvents.isEmpty {
                el("p", .class("app-body-text")) {
                    page.isChallengeDue ? "The challenge event is due: none has been held yet." :
                        "None held yet" + (page.challengeDueOn.map { "; due \($0.long)." } ?? ".")
                }
            }
            for event in page.challengeEvents {
                el("div", .class("app-record")) {
                    el("h3", .class("app-heading-s")) { "Challenge event, " + date(event.heldOn) }
                    Components.summaryList([
                        ("Who was challenged", .text(event.whoWasChallenged)),
                        ("Assurance given", .text(event.assuranceGiven)),
                        ("Judgements", el("ul", .class("govuk-list")) {
                            for judged in event.judgements { el("li") { "Recommendation \(judged.recommendationNumber): "; judgementTag(judged.judgement) } }
                        }),
                        ("Actions it added", .text(String(event.addedActions))),
                    ])
                }
            }
            if page.mayRecordChallenge, !page.recommendations.isEmpty {
                el("a", .href(SiteRoute.challengeEvent(slug: slug, sourceID: page.id).path), .class("govuk-button govuk-button--secondary")) {
                    "Record a challenge event"
                }
            }
        }
    }
}
