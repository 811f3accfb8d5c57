import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// Pieces every learning page shares: the sub-navigation, tags for statuses and judgements, and the
/// table of actions used by the tracker, the source, the organisation and the dashboard.
enum LearningViews {
    enum Tab { case tracker, sources, actions, audits, surveys }

    static func subNavigation(_ current: Tab, slug: String) -> HTMLNode {
        let tabs: [(String, SiteRoute, Tab)] = [
            ("Tracker", .learning(slug: slug), .tracker),
            ("Sources of learning", .learningSources(slug: slug), .sources),
            ("Actions", .actions(slug: slug), .actions),
            ("Audit programme", .audits(slug: slug), .audits),
            ("Surveys", .surveys(slug: slug), .surveys),
        ]
        return el("nav", .aria("label", "Learning and improvement")) {
            el("ul", .class("app-sub-navigation")) {
                for (label, route, tab) in tabs {
                    el("li") { el("a", .href(route.path), .class("app-link"), tab == current ? .aria("current", "page") : nil) { label } }
                }
            }
        }
    }

    /// The kind in words; an audit says which type of audit it is.
    static func kindLabel(_ kind: SourceKind, auditType: AuditType?) -> String {
        kind == .audit ? (auditType?.label ?? kind.label) : kind.label
    }

    static func date(_ iso: String?) -> String { iso.flatMap { CalendarDate(iso: $0)?.long } ?? "Not set" }

    static func date(_ date: CalendarDate?) -> String { date?.long ?? "Not set" }

    static func statusTag(_ status: ActionStatus, isOverdue: Bool) -> HTMLNode {
        if isOverdue { return Components.tag("Overdue", colour: "red") }
        switch status {
        case .notStarted: return Components.tag(status.label, colour: "grey")
        case .inProgress: return Components.tag(status.label, colour: "blue")
        case .done: return Components.tag(status.label, colour: "green")
        case .dropped: return Components.tag(status.label, colour: "orange")
        }
    }

    static func judgementTag(_ judgement: Judgement) -> HTMLNode {
        switch judgement {
        case .assured: Components.tag(judgement.label, colour: "green")
        case .partlyAssured: Components.tag(judgement.label, colour: "yellow")
        case .notAssured: Components.tag(judgement.label, colour: "red")
        }
    }

    static func stageTag(_ stage: SourceStage, challengeDue: Bool) -> HTMLNode {
        if challengeDue { return Components.tag("Challenge event due", colour: "red") }
        return Components.tag(stage.label, colour: stage == .challenged ? "green" : stage == .planned ? "grey" : "blue")
    }

    static func findingTag(_ kind: FindingKind) -> HTMLNode {
        switch kind {
        case .strength: Components.tag(kind.label, colour: "green")
        case .areaForImprovement: Components.tag(kind.label, colour: "yellow")
        case .nationalIssue: Components.tag(kind.label, colour: "blue")
        }
    }

    static func illustrative(_ isIllustrative: Bool) -> HTMLNode {
        isIllustrative
            ? el("p", .class("app-inset")) { "Illustrative: some details of this record (dates, owners, evidence) were made up for the demonstration." }
            : .fragment([])
    }

    static func actionsTable(_ actions: [ActionRow], caption: String, slug: String, showSource: Bool = true, showOrganisation: Bool = true) -> HTMLNode {
        var headers = ["Action"]
        if showOrganisation { headers.append("Owner") }
        if showSource { headers.append("From") }
        headers += ["Due", "Status", "Evidence"]
        return Components.table(caption: caption, headers: headers, rows: actions.map { action in
            var row: [HTMLNode] = [el("a", .href(SiteRoute.action(slug: slug, id: action.id).path), .class("app-link")) { action.text }]
            if showOrganisation {
                row.append(.fragment([.text(action.organisationName), el("br"), el("span", .class("app-secondary-text")) { action.owner }]))
            }
            if showSource {
                row.append(el("a", .href(SiteRoute.learningSource(slug: slug, id: action.sourceID).path), .class("app-link")) {
                    "\(action.sourceTitle), recommendation \(action.recommendationNumber)"
                })
            }
            row.append(el("span", .class("app-nowrap")) { date(action.dueOn) })
            row.append(statusTag(action.status, isOverdue: action.isOverdue))
            row.append(.text(action.evidenceCount == 0 ? "None yet" : "\(action.evidenceCount) recorded"))
            return row
        }, compact: true)
    }

    /// A bar showing the spread of grades (SVG, since the page's policy allows no inline styles), with
    /// the counts in words beside it for screen readers and print.
    static func spread(_ spread: GradeSpread) -> HTMLNode {
        let colours: [AuditGrade: String] = [.outstanding: "#00703c", .good: "#85994b", .requiresImprovement: "#f47738", .inadequate: "#d4351c"]
        let total = max(spread.total, 1)
        var x = 0.0
        var rects = ""
        for grade in AuditGrade.allCases where spread.count(grade) > 0 {
            let width = Double(spread.count(grade)) * 160 / Double(total)
            rects += "<rect x=\"\(String(format: "%.1f", x))\" y=\"0\" width=\"\(String(format: "%.1f", width))\" height=\"16\" fill=\"\(colours[grade]!)\"/>"
            x += width
        }
        let words = AuditGrade.allCases.map { "\($0.label) \(spread.count($0))" }.joined(separator: ", ")
        return el("div") {
            HTMLNode.raw("<svg class=\"app-spread\" width=\"162\" height=\"18\" viewBox=\"-1 -1 162 18\" aria-hidden=\"true\" focusable=\"false\">\(rects)<rect x=\"0\" y=\"0\" width=\"160\" height=\"16\" fill=\"none\" stroke=\"#0b0c0c\"/></svg>")
            el("span", .class("app-secondary-text")) { " " + words }
        }
    }

    static func organisationOptions(_ organisations: [OrganisationChoice]) -> [(value: String, label: String)] {
        organisations.filter(\.isActive).map { ($0.name, $0.name) }
    }
}

