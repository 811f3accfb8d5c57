import Fluent
import Foundation
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The structure of the arrangements: a chart, then each group's purpose, chair and line of report.
enum SubgroupsPage {
    static func chart(for groups: [PartnershipGroup], title: String) -> StructureChart {
        StructureChart(title: title, bodies: groups.map { group in
            StructureChart.Body(id: group.id!.uuidString, name: group.name, kind: group.kind, chair: group.chair,
                                reportsTo: group.$reportsTo.id?.uuidString)
        })
    }

    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let groups = try await RegisterStore.groups(access.partnership, on: req.db)
        let names = Dictionary(groups.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let chart = chart(for: groups, title: "Structure chart of the \(access.partnership.name)")
        return .html(Layout.page(req.frame(access, title: "Subgroups and structure", section: .subgroups)) {
            Components.heading("Subgroups and structure", caption: access.partnership.name)
            el("p", .class("app-body-text")) { "The Executive leads the arrangements. Each subgroup, panel and task and finish group reports to the body shown above it." }
            el("figure", .class("app-figure")) {
                el("div", .class("app-chart-scroll")) { HTMLNode.raw(chart.svg()) }
                el("figcaption", .class("app-secondary-text")) {
                    el("ul", .class("app-legend")) {
                        for kind in GroupKind.allCases {
                            el("li") { el("span", .class("app-legend__swatch app-legend__swatch--\(kind.rawValue)"), .aria("hidden", "true")); kind.label }
                        }
                    }
                    "The table below gives the same information as text."
                }
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "Groups" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Group", "Kind", "Chair", "Reports to"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for group in groups {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.subgroup(slug: access.slug, id: group.id!).path), .class("app-link")) { group.name }
                            }
                            el("td", .class("govuk-table__cell")) { group.kind.label }
                            el("td", .class("govuk-table__cell")) { group.chair ?? "Not recorded" }
                            el("td", .class("govuk-table__cell")) { group.$reportsTo.id.flatMap { names[$0] } ?? "–" }
                        }
                    }
                }
            }
        })
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let detail = try await RegisterStore.group(req.uuidParameter("id"), in: access.partnership, on: req.db)
        let group = detail.group
        return .html(Layout.page(req.frame(access, title: group.name, section: .subgroups)) {
            Components.backLink(.subgroups(slug: access.slug), "Back to subgroups and structure")
            Components.heading(group.name, caption: group.kind.label)
            Components.summaryList([
                ("Purpose", .text(group.purpose)),
                ("Chair", .text(group.chair ?? "Not recorded")),
                ("Reports to", .text(group.reportsTo?.name ?? "–")),
                ("Shared with", .text(group.jointWith ?? "–")),
            ])
            el("h2", .class("app-heading-m")) { "Members" }
            if detail.members.isEmpty {
                el("p", .class("app-body-text")) { "No members recorded yet." }
            } else {
                el("table", .class("govuk-table")) {
                    el("caption", .class("govuk-table__caption app-visually-hidden")) { "Members of \(group.name)" }
                    el("thead", .class("govuk-table__head")) {
                        el("tr", .class("govuk-table__row")) {
                            for header in ["Role", "Organisation", "Seat"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                        }
                    }
                    el("tbody", .class("govuk-table__body")) {
                        for member in detail.members {
                            el("tr", .class("govuk-table__row")) {
                                el("td", .class("govuk-table__cell")) { member.memberRole }
                                el("td", .class("govuk-table__cell")) { member.organisation?.name ?? "Partnership business unit" }
                                el("td", .class("govuk-table__cell")) { member.seat.replacingOccurrences(of: "_", with: " ").capitalized }
                            }
                        }
                    }
                }
            }
            el("h2", .class("app-heading-m")) { "Meetings" }
            if detail.meetings.isEmpty {
                el("p", .class("app-body-text")) { "No meetings recorded yet." }
            } else {
                el("ul", .class("govuk-list")) {
                    for meeting in detail.meetings {
                        el("li") {
                            el("strong") { (CalendarDate(iso: meeting.heldOn)?.long ?? meeting.heldOn) + ": " + meeting.title }
                            if let summary = meeting.summary { el("br"); el("span", .class("app-secondary-text")) { summary } }
                        }
                    }
                }
            }
        })
    }
}
