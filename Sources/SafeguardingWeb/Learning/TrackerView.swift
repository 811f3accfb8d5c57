import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    /// The tracker's front page.
    static func tracker(_ page: TrackerPage, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.heading("Learning and improvement", caption: page.partnershipName)
            subNavigation(.tracker, slug: slug)
            LearningCorrectionViews.withdrawnLink(.learningWithdrawn(slug: slug), frame: frame)
            el("p", .class("app-body-text")) {
                "Every audit, survey, scrutiny and review feeds one tracker: findings lead to recommendations, recommendations to actions, and an action closes only with evidence of what changed. A challenge event later asks \"so what?\"."
            }
            el("div", .class("app-card-grid")) {
                card(page.openActions, "open actions", .actions(slug: slug), query: "?status=open")
                card(page.overdueActions, "overdue actions", .actions(slug: slug), query: "?status=overdue")
                card(page.recommendationsWithoutActions, "recommendations without an action", .recommendationsWithoutActions(slug: slug))
                card(page.challengeEventsDue, "challenge events due", .learning(slug: slug), query: "#challenge-due")
            }
            Components.table(caption: "Open actions by organisation", headers: ["Organisation", "Open", "Overdue"], numeric: [1, 2],
                             rows: page.byOrganisation.map { row in
                                 [el("a", .href(SiteRoute.actions(slug: slug).path + "?organisation=\(row.organisationID.uuidString.lowercased())"),
                                     .class("app-link")) { row.name },
                                  .text(String(row.open)), .text(String(row.overdue))]
                             })
            Components.table(caption: "Open actions by subgroup", headers: ["Subgroup", "Open", "Overdue"], numeric: [1, 2],
                             rows: page.bySubgroup.map { row in [.text(row.name), .text(String(row.open)), .text(String(row.overdue))] })
            el("h2", .class("app-heading-m"), .id("challenge-due")) { "Challenge events due" }
            if page.due.isEmpty {
                el("p", .class("app-body-text")) { "No challenge event is due." }
            } else {
                Components.table(caption: "Sources whose challenge event is due", hiddenCaption: true, headers: ["Source", "Kind", "Due since", "Open actions"],
                                 numeric: [3], rows: page.due.map { source in
                                     [el("a", .href(SiteRoute.learningSource(slug: slug, id: source.id).path), .class("app-link")) { source.title },
                                      .text(kindLabel(source.kind, auditType: source.auditType)), .text(date(source.challengeDueOn)),
                                      .text(String(source.openActions))]
                                 })
            }
        }
    }

    /// The sources list with its year and kind filter.
    static func sources(_ page: SourcesPage, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.heading("Sources of learning", caption: page.year.map { "Reporting year \($0.description)" } ?? page.partnershipName)
            subNavigation(.sources, slug: slug)
            if page.mayRecord {
                el("a", .href(SiteRoute.newLearningSource(slug: slug).path), .class("govuk-button")) { "Record a source of learning" }
            }
            el("form", .method("get"), .action(SiteRoute.learningSources(slug: slug).path), .class("app-inline-list")) {
                Components.select(name: "year", label: "Reporting year", options: page.years.map { ($0.description, $0.description) },
                                  selected: page.year?.description, errors: [])
                Components.select(name: "kind", label: "Kind", options: SourceKind.allCases.map { ($0.rawValue, $0.label) },
                                  selected: page.kind?.rawValue, errors: [], includeBlank: "All kinds")
                Components.button("Show", secondary: true)
            }
            if page.sources.isEmpty {
                el("p", .class("app-body-text")) { "Nothing is recorded for this year yet." }
            } else {
                Components.table(caption: "Sources", hiddenCaption: true,
                                 headers: ["Source", "Kind", "Subgroup", "Findings", "Recommendations", "Actions open / done", "Stage"],
                                 numeric: [3, 4], rows: page.sources.map { s in
                                     [el("a", .href(SiteRoute.learningSource(slug: slug, id: s.id).path), .class("app-link")) { s.title },
                                      .text(kindLabel(s.kind, auditType: s.auditType)), .text(s.groupName ?? "–"), .text(String(s.findings)),
                                      .text(String(s.recommendations)),
                                      .text("\(s.openActions) / \(s.doneActions)" + (s.overdueActions > 0 ? " (\(s.overdueActions) overdue)" : "")),
                                      stageTag(s.stage, challengeDue: s.isChallengeDue)]
                                 }, compact: true)
            }
        }
    }

    static func card(_ figure: Int, _ label: String, _ route: SiteRoute, query: String = "") -> HTMLNode {
        el("div", .class("app-card")) {
            el("p", .class("app-card__figure")) { el("a", .href(route.path + query), .class("app-link")) { String(figure) } }
            el("p", .class("app-card__label")) { label }
        }
    }
}
