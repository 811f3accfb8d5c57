import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// The partnership's home page: the area in figures and the register at a glance.
enum DashboardPage {
    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.dashboard(access, req.context)
        return .html(render(page, frame: req.frame(access, title: page.partnershipName, section: .dashboard)))
    }

    static func render(_ model: PartnershipDashboard, frame: PageFrame) -> String {
        let slug = model.slug
        let reports = model.reports
        return Layout.page(frame) {
            Components.heading(model.partnershipName, caption: "\(model.localAuthorityName) · \(model.localAuthorityCode)")
            el("div", .class("app-card-grid")) {
                for fact in model.facts.prefix(4) {
                    el("div", .class("app-card")) {
                        el("p", .class("app-card__figure")) { fact.formattedValue }
                        el("p", .class("app-card__label")) { fact.label }
                    }
                }
            }
            if !reports.isEmpty {
                el("div", .class("app-inset")) {
                    el("h2", .class("app-heading-s")) { "Yearly report: copy to the national panel and the Department" }
                    el("ul", .class("govuk-list")) {
                        for report in reports {
                            el("li") {
                                el("a", .href(SiteRoute.report(slug: slug, year: report.year).path), .class("app-link")) { "Yearly report \(report.year), version \(report.version)" }
                                ": "
                                Components.tag(report.state.summary, colour: report.state.isMissed ? "red" : "yellow")
                            }
                        }
                    }
                }
            }
            if let learning = model.learning {
                el("div", .class("app-inset")) {
                    el("h2", .class("app-heading-s")) { "Learning and improvement" }
                    el("ul", .class("govuk-list")) {
                        if let own = learning.own {
                            el("li") {
                                el("a", .href(SiteRoute.organisation(slug: slug, id: own.organisationID).path), .class("app-link")) {
                                    "\(own.organisationName): \(own.open) open action\(own.open == 1 ? "" : "s"), \(own.overdue) overdue"
                                }
                            }
                        }
                        el("li") { el("a", .href(SiteRoute.actions(slug: slug).path + "?status=overdue"), .class("app-link")) { "\(learning.overdueActions) overdue actions across the partnership" } }
                        el("li") { el("a", .href(SiteRoute.learning(slug: slug).path + "#challenge-due"), .class("app-link")) { "\(learning.challengeEventsDue) challenge events due" } }
                    }
                }
            }
            el("h2", .class("app-heading-m")) { "The area" }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption app-visually-hidden")) { "Facts about the area" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        el("th", .scope("col"), .class("govuk-table__header")) { "Measure" }
                        el("th", .scope("col"), .class("govuk-table__header govuk-table__header--numeric")) { "Value" }
                        el("th", .scope("col"), .class("govuk-table__header")) { "Source" }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for fact in model.facts {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) { fact.label }
                            el("td", .class("govuk-table__cell govuk-table__cell--numeric")) { fact.formattedValue }
                            el("td", .class("govuk-table__cell app-secondary-text")) { fact.source }
                        }
                    }
                }
            }
            el("div", .class("app-grid-row")) {
                el("div", .class("app-grid-half")) {
                    el("h2", .class("app-heading-m")) { "Safeguarding partners" }
                    el("ul", .class("govuk-list")) {
                        for partner in model.statutoryPartners {
                            el("li") {
                                el("strong") { partner.name }
                                if let delegated = partner.delegatedPartnerRole { el("br"); el("span", .class("app-secondary-text")) { "Delegated partner: " + delegated } }
                            }
                        }
                    }
                }
                el("div", .class("app-grid-half")) {
                    el("h2", .class("app-heading-m")) { "The register" }
                    el("ul", .class("govuk-list")) {
                        for line in model.organisationCounts {
                            el("li") { "\(line.kind.label): \(line.count)" }
                        }
                        el("li") { el("a", .href(SiteRoute.organisations(slug: slug).path), .class("app-link")) { "All organisations" } }
                        el("li") { el("a", .href(SiteRoute.subgroups(slug: slug).path), .class("app-link")) { "\(model.groupCount) groups in the structure" } }
                        if let finance = model.finance {
                            el("li") { el("a", .href(SiteRoute.financeYear(slug: slug, year: finance.year).path), .class("app-link")) { "Total income \(finance.year.slashed): \(finance.total.formatted)" } }
                        }
                    }
                }
            }
        }
    }
}
