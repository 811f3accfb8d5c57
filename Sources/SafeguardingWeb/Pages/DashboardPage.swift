import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The partnership's home page: the area in figures and the register at a glance.
enum DashboardPage {
    struct Model {
        let partnership: Partnership
        let facts: [AreaFact]
        let organisationCounts: [(OrganisationKind, Int)]
        let statutoryPartners: [Organisation]
        let groupCount: Int
        let financeYear: ReportingYear?
        let financeTotal: Pence?
    }

    /// The query the page needs, as a plain function of the database.
    static func model(_ partnership: Partnership, on db: any Database) async throws -> Model {
        let organisations = try await RegisterStore.organisations(partnership, on: db)
        let counts = OrganisationKind.allCases.map { kind in (kind, organisations.filter { $0.kind == kind }.count) }.filter { $0.1 > 0 }
        let year = try await RegisterStore.financeYears(partnership, on: db).first
        var total: Pence?
        if let year { total = try await RegisterStore.finance(partnership, year: year, on: db).total }
        return Model(partnership: partnership, facts: try await RegisterStore.areaFacts(partnership, on: db),
                     organisationCounts: counts, statutoryPartners: organisations.filter { $0.kind.isStatutoryPartner },
                     groupCount: try await RegisterStore.groups(partnership, on: db).count, financeYear: year, financeTotal: total)
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let model = try await model(access.partnership, on: req.db)
        var learning: Learning?
        if access.allows(.readLearning) {
            let today = req.today
            var own: (Organisation, open: Int, overdue: Int)?
            if let organisationID = access.membership.$organisation.id,
               let organisation = try? await RegisterStore.organisation(organisationID, in: access.partnership, on: req.db) {
                let actions = try await LearningReads.actions(access, filter: .open, organisationID: organisationID, req.context)
                own = (organisation, actions.count, actions.filter { $0.isOverdue(today: today) }.count)
            }
            learning = Learning(counts: try await LearningReads.counts(access, req.context), own: own)
        }
        var reports: [ReportDeadline] = []
        if access.allows(.readReportDraft) {
            reports = try await ReportStore.copyDeadlines(access.partnership, today: req.today, on: req.db)
                .map { ReportDeadline(year: $0.report.year, version: $0.report.version, state: $0.state) }
        }
        return .html(render(model, frame: req.frame(access, title: access.partnership.name, section: .dashboard), canReadFinance: access.allows(.readFinance),
                            learning: learning, reports: reports))
    }

    /// A published yearly report whose copy to the national panel and the Department is due or late.
    struct ReportDeadline {
        let year: ReportingYear
        let version: Int
        let state: ReportWorkflow.CopyState
    }

    /// The tracker at a glance, and the signed-in contributor's own organisation's actions.
    struct Learning {
        let counts: LearningStore.TrackerCounts
        let own: (Organisation, open: Int, overdue: Int)?
    }

    static func render(_ model: Model, frame: PageFrame, canReadFinance: Bool, learning: Learning? = nil, reports: [ReportDeadline] = []) -> String {
        let slug = model.partnership.slug
        return Layout.page(frame) {
            Components.heading(model.partnership.name, caption: "\(model.partnership.localAuthorityName) · \(model.partnership.localAuthorityCode)")
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
            if let learning {
                el("div", .class("app-inset")) {
                    el("h2", .class("app-heading-s")) { "Learning and improvement" }
                    el("ul", .class("govuk-list")) {
                        if let own = learning.own {
                            el("li") {
                                el("a", .href(SiteRoute.organisation(slug: slug, id: own.0.id!).path), .class("app-link")) {
                                    "\(own.0.name): \(own.open) open action\(own.open == 1 ? "" : "s"), \(own.overdue) overdue"
                                }
                            }
                        }
                        el("li") { el("a", .href(SiteRoute.actions(slug: slug).path + "?status=overdue"), .class("app-link")) { "\(learning.counts.overdue) overdue actions across the partnership" } }
                        el("li") { el("a", .href(SiteRoute.learning(slug: slug).path + "#challenge-due"), .class("app-link")) { "\(learning.counts.challengeEventsDue) challenge events due" } }
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
                        for (kind, count) in model.organisationCounts {
                            el("li") { "\(kind.label): \(count)" }
                        }
                        el("li") { el("a", .href(SiteRoute.organisations(slug: slug).path), .class("app-link")) { "All organisations" } }
                        el("li") { el("a", .href(SiteRoute.subgroups(slug: slug).path), .class("app-link")) { "\(model.groupCount) groups in the structure" } }
                        if canReadFinance, let year = model.financeYear, let total = model.financeTotal {
                            el("li") { el("a", .href(SiteRoute.financeYear(slug: slug, year: year).path), .class("app-link")) { "Total income \(year.slashed): \(total.formatted)" } }
                        }
                    }
                }
            }
        }
    }
}
