import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The multi-agency dataset: the list of indicators, and each indicator's charts, story and escalations.
enum IndicatorsPage {
    static func unitLabel(_ unit: String) -> String {
        switch unit {
        case "rate_per_10000": "Rate per 10,000 children"
        case "percentage": "Percentage"
        case "rate_per_100_pupils": "Rate per 100 pupils"
        default: "Number"
        }
    }

    static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "percentage": return String(format: "%.1f%%", value)
        case "rate_per_10000": return String(format: "%.1f", value)
        case "rate_per_100_pupils": return String(format: "%.2f", value)
        default: return value == value.rounded() ? Axis.format(value) : String(format: "%.1f", value)
        }
    }

    static func directionTag(_ direction: Direction) -> HTMLNode {
        switch direction {
        case .improving: Components.tag("Improving", colour: "green")
        case .worsening: Components.tag("Worsening", colour: "red")
        case .noChange: Components.tag("No change", colour: "grey")
        case .notJudged: Components.tag("Not judged", colour: "grey")
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readPerformance)
        let indicators = try await PerformanceStore.indicators(access.partnership, on: req.db)
        let values = try await PerformanceStore.headlineValues(access.partnership, on: req.db)
        let open = Dictionary(grouping: try await PerformanceStore.openEscalations(access.partnership, on: req.db), by: { $0.$indicator.id })
        let flash = req.takeFlash()
        return .html(Layout.page(req.frame(access, title: "Performance", section: .performance)) {
            if let flash { Components.notice(flash) }
            Components.heading("Multi-agency dataset", caption: access.partnership.name)
            el("p", .class("app-body-text")) {
                "Each indicator's latest local value, its direction of travel against the way that is better, how it compares with England, and any worsening trend the control chart has raised."
            }
            if access.allows(.editIndicators) {
                el("a", .href(SiteRoute.newIndicator(slug: access.slug).path), .class("govuk-button")) { "Add an indicator" }
                " "
            }
            if access.allows(.submitValues(owner: access.grant.organisation)) || access.allows(.importOfficialData) {
                el("a", .href(SiteRoute.dataReturns(slug: access.slug).path), .class("govuk-button govuk-button--secondary")) { "Submit a data return" }
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "\(indicators.count) indicators" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Indicator", "Latest", "Direction", "Against England", "Escalation"] {
                            el("th", .scope("col"), .class("govuk-table__header")) { header }
                        }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for indicator in indicators {
                        let analysis = IndicatorAnalysis(polarity: Polarity(rawValue: indicator.polarity) ?? .neither, values: values[indicator.id!] ?? [])
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.indicator(slug: access.slug, key: indicator.key).path), .class("app-link")) { indicator.name }
                                if indicator.isIllustrative { el("br"); el("span", .class("app-secondary-text")) { "Illustrative figures" } }
                            }
                            el("td", .class("govuk-table__cell")) {
                                if let latest = analysis.latest {
                                    el("strong") { format(latest.value, unit: indicator.unit) }
                                    el("br"); el("span", .class("app-secondary-text")) { latest.period.label }
                                } else {
                                    "No data yet"
                                }
                            }
                            el("td", .class("govuk-table__cell")) { directionTag(analysis.direction) }
                            el("td", .class("govuk-table__cell")) { analysis.comparatorPosition ?? "–" }
                            el("td", .class("govuk-table__cell")) {
                                if let count = open[indicator.id!]?.count, count > 0 {
                                    Components.tag("\(count) open", colour: "red")
                                } else {
                                    "–"
                                }
                            }
                        }
                    }
                }
            }
        })
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readPerformance)
        guard let key = req.parameters.get("key") else { throw Abort(.notFound) }
        let indicator = try await PerformanceStore.indicator(key: key, in: access.partnership, on: req.db)
        return try await render(req, access, indicator, story: [:], storyErrors: [], decisionErrors: [:], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, _ indicator: Indicator, story values: [String: String],
                       storyErrors: [FieldError], decisionErrors: [UUID: [FieldError]], status: HTTPResponseStatus) async throws -> Response {
        let polarity = Polarity(rawValue: indicator.polarity) ?? .neither
        let analysis = IndicatorAnalysis(polarity: polarity, values: try await PerformanceStore.values(of: indicator, on: req.db))
        let stories = try await PerformanceStore.stories(of: indicator, on: req.db)
        let escalations = try await PerformanceStore.escalations(of: indicator, on: req.db)
        let commissioned = access.allows(.readLearning)
            ? try await LearningReads.commissioned(access, by: escalations.compactMap(\.id), req.context) : []
        let canWrite = access.allows(.submitValues(owner: indicator.sourceOrganisation?.ref))
        let canDecide = access.allows(.decideEscalation)
        let flash = req.takeFlash()
        let allErrors = storyErrors + decisionErrors.values.flatMap { $0 }
        let unit = unitLabel(indicator.unit)
        return .html(Layout.page(req.frame(access, title: allErrors.isEmpty ? indicator.name : "Error: \(indicator.name)", section: .performance)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(allErrors)
            Components.backLink(.indicators(slug: access.slug), "Back to the dataset")
            Components.heading(indicator.name, caption: "Indicator")
            if access.allows(.editIndicators) {
                el("p", .class("app-body-text")) { el("a", .href(SiteRoute.editIndicator(slug: access.slug, key: indicator.key).path), .class("app-link")) { "Edit this indicator" } }
            }
            if indicator.isIllustrative {
                el("div", .class("app-inset")) { "Some figures for this indicator are illustrative: made up to show how the software works, not the partnership's data." }
            }
            Components.summaryList([
                ("Definition", .text(indicator.definition)),
                ("Supplied by", .text(indicator.sourceOrganisation?.name ?? "Not recorded")),
                ("Unit", .text(unit)),
                ("Better when", .text(polarity.label)),
                ("Priority", .text(indicator.priority ?? "–")),
                ("Direction of travel", directionTag(analysis.direction)),
                ("Against England", .text(analysis.comparatorPosition ?? "No comparator yet")),
            ])

            el("h2", .class("app-heading-m"), .id("control-chart")) { "Control chart" }
            controlChart(indicator, analysis, unit: unit)

            el("h2", .class("app-heading-m")) { "Escalations" }
            if escalations.isEmpty {
                el("p", .class("app-body-text")) { "No worsening trend has been found." }
            }
            for escalation in escalations {
                el("div", .class("app-escalation"), .id("escalation-\(escalation.id!.uuidString.lowercased())")) {
                    el("p", .class("app-body-text")) {
                        el("strong") { escalation.signal }
                        el("br")
                        el("span", .class("app-secondary-text")) { "Raised \(AuditPage.timestamp(escalation.raisedAt))" }
                    }
                    if let decision = escalation.decision.flatMap(PerformanceStore.Decision.init(rawValue:)) {
                        el("p", .class("app-body-text")) {
                            Components.tag(decision.label)
                            " " + (escalation.reason ?? "")
                            el("br")
                            el("span", .class("app-secondary-text")) { "Decided by \(escalation.decidedBy ?? "") on \(escalation.decidedAt.map(AuditPage.timestamp) ?? "")" }
                        }
                        if decision == .commissionAudit, !commissioned.contains(where: { $0.$escalation.id == escalation.id }), access.allows(.editLearning) {
                            el("p", .class("app-body-text")) {
                                el("a", .href(SiteRoute.newLearningSource(slug: access.slug).path + "?kind=audit&escalation=\(escalation.id!.uuidString.lowercased())"),
                                   .class("app-link")) { "Plan the audit this escalation commissioned" }
                            }
                        }
                        for source in commissioned where source.$escalation.id == escalation.id {
                            el("p", .class("app-body-text")) {
                                "Commissioned: "
                                el("a", .href(SiteRoute.learningSource(slug: access.slug, id: source.id!).path), .class("app-link")) { source.title }
                            }
                        }
                    } else if canDecide {
                        let errors = decisionErrors[escalation.id!] ?? []
                        el("form", .method("post"), .action(SiteRoute.escalation(slug: access.slug, key: indicator.key, id: escalation.id!).path), .init("novalidate", nil)) {
                            Components.csrfField(CSRF.token(for: req))
                            Components.select(name: "decision", label: "Decision", options: PerformanceStore.Decision.allCases.map { ($0.rawValue, $0.label) },
                                              selected: nil, errors: errors, includeBlank: "Select a decision")
                            Components.textInput(name: "reason", label: "Reason", value: nil, errors: errors)
                            Components.button("Record decision", secondary: true)
                        }
                    } else {
                        el("p", .class("app-body-text")) { Components.tag("Awaiting a decision", colour: "red") }
                    }
                }
            }

            el("h2", .class("app-heading-m")) { "Comparators" }
            comparatorChart(indicator, analysis, unit: unit)

            for view in analysis.breakdowns {
                breakdown(indicator, view)
            }

            el("h2", .class("app-heading-m")) { "The story behind the data" }
            if let story = stories.first {
                storyView(story)
                if stories.count > 1 {
                    el("details", .class("app-details")) {
                        el("summary") { "Earlier versions (\(stories.count - 1))" }
                        for older in stories.dropFirst() { storyView(older) }
                    }
                }
            } else {
                el("p", .class("app-body-text")) { "No story has been written yet." }
            }
            if canWrite {
                el("h3", .class("app-heading-s")) { "Write the story" }
                el("form", .method("post"), .action(SiteRoute.indicatorStory(slug: access.slug, key: indicator.key).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "period", label: "Period", value: values["period"] ?? analysis.latest?.period.description, errors: storyErrors,
                                         hint: "For example 2023-24 Q3", width: "app-input--half")
                    Components.textarea(name: "what_the_data_shows", label: "What is the story behind the curve?", value: values["what_the_data_shows"], errors: storyErrors)
                    Components.textarea(name: "how_much", label: "How much did we do?", value: values["how_much"], errors: storyErrors)
                    Components.textarea(name: "how_well", label: "How well did we do it?", value: values["how_well"], errors: storyErrors)
                    Components.textarea(name: "better_off", label: "Is anyone better off?", value: values["better_off"], errors: storyErrors)
                    Components.textarea(name: "next_steps", label: "What are we doing next?", value: values["next_steps"], errors: storyErrors)
                    Components.button("Save story")
                }
            }
        }, status: status)
    }

    static func storyView(_ story: Story) -> HTMLNode {
        el("div", .class("app-story")) {
            el("p", .class("app-secondary-text")) { "\(Period(story.period)?.label ?? story.period), written by \(story.author), \(AuditPage.timestamp(story.writtenAt))" }
            Components.summaryList([
                ("What the data shows", .text(story.whatTheDataShows)),
                ("How much did we do?", .text(story.howMuch ?? "–")),
                ("How well did we do it?", .text(story.howWell ?? "–")),
                ("Is anyone better off?", .text(story.betterOff ?? "–")),
                ("What next?", .text(story.nextSteps ?? "–")),
            ])
        }
    }

    static func controlChart(_ indicator: Indicator, _ analysis: IndicatorAnalysis, unit: String) -> HTMLNode {
        let chart = analysis.chart
        guard !chart.points.isEmpty else { return el("p", .class("app-body-text")) { "No local values yet." } }
        let highlighted = Set(chart.signals.flatMap(\.indices))
        var rules: [LineChart.Rule] = []
        if let mean = chart.mean { rules.append(.init(label: "Average", value: mean, dashed: false)) }
        if let upper = chart.upperLimit { rules.append(.init(label: "Upper limit", value: upper, dashed: true)) }
        if let lower = chart.lowerLimit(flooredAt: 0) { rules.append(.init(label: "Lower limit", value: lower, dashed: true)) }
        let description = chart.hasEnoughPoints
            ? "Local values from \(chart.points.first!.label) to \(chart.points.last!.label), average \(format(chart.mean ?? 0, unit: indicator.unit)). " + (chart.signals.isEmpty ? "No special-cause signals." : chart.signals.map(chart.description(of:)).joined(separator: " "))
            : "Local values from \(chart.points.first!.label) to \(chart.points.last!.label)."
        let line = LineChart(title: "\(indicator.name): local values", description: description, labels: chart.points.map(\.label),
                             series: [.init(name: "Local", values: chart.points.map(\.value), colour: LineChart.palette[0], highlighted: highlighted)],
                             rules: rules, unit: unit)
        return group {
            if !chart.hasEnoughPoints {
                el("p", .class("app-body-text")) {
                    "There are \(chart.points.count) points; process limits need at least \(XmRChart.minimumPoints), so none are drawn and no trend is judged yet."
                }
            } else {
                el("p", .class("app-body-text")) {
                    "Average \(format(chart.mean!, unit: indicator.unit)); process limits \(format(chart.lowerLimit!, unit: indicator.unit)) to \(format(chart.upperLimit!, unit: indicator.unit)). Ringed points are special-cause signals."
                }
                if !chart.signals.isEmpty {
                    el("ul", .class("govuk-list app-bullets")) { for signal in chart.signals { el("li") { chart.description(of: signal) } } }
                }
            }
            el("figure", .class("app-figure")) {
                el("div", .class("app-chart-scroll")) { HTMLNode.raw(line.svg(id: "spc-\(indicator.key)")) }
            }
            dataTable(caption: "Values behind the control chart", headers: ["Period", "Value", "Numerator", "Denominator"],
                      rows: analysis.headline.map { [$0.period.label, format($0.value, unit: indicator.unit), $0.numerator.map { Axis.format($0) } ?? "–", $0.denominator.map { Axis.format($0) } ?? "–"] })
        }
    }

    static func comparatorChart(_ indicator: Indicator, _ analysis: IndicatorAnalysis, unit: String) -> HTMLNode {
        guard analysis.comparators.count > 1 else { return el("p", .class("app-body-text")) { "No comparator values yet." } }
        let labels = analysis.comparatorPeriods.map(\.label)
        let chart = LineChart(title: "\(indicator.name): local against comparators", description: "Local, England, region and statistical neighbours by \(labels.first ?? "") to \(labels.last ?? "").",
                              labels: labels,
                              series: analysis.comparators.enumerated().map { index, item in
                                  .init(name: item.series.label, values: item.values, colour: LineChart.palette[index % LineChart.palette.count], dashed: item.series != .local)
                              }, unit: unit)
        return group {
            el("figure", .class("app-figure")) { el("div", .class("app-chart-scroll")) { HTMLNode.raw(chart.svg(id: "cmp-\(indicator.key)")) } }
            dataTable(caption: "Values behind the comparator chart", headers: ["Period"] + analysis.comparators.map(\.series.label),
                      rows: analysis.comparatorPeriods.indices.map { i in
                          [analysis.comparatorPeriods[i].label] + analysis.comparators.map { $0.values[i].map { format($0, unit: indicator.unit) } ?? "–" }
                      })
        }
    }

    static func breakdown(_ indicator: Indicator, _ view: IndicatorAnalysis.BreakdownView) -> HTMLNode {
        let title = "By \(view.breakdown.label.lowercased()), \(view.period.label)"
        let bars = view.groups.map { group in
            BarChart.Bar(label: view.breakdown == .imdDecile ? "Decile \(group.group)" : group.group, value: group.value,
                         lower: group.interval?.lower, upper: group.interval?.upper, emphasised: view.breakdown == .imdDecile && group.group == "1")
        }
        let show: (Double) -> String = { view.isRate ? String(format: "%.1f", $0) : format($0, unit: indicator.unit) }
        let chart = BarChart(title: "\(indicator.name): \(title.lowercased())", description: view.groups.map { "\($0.group): \(show($0.value))" }.joined(separator: "; "), bars: bars)
        return group {
            el("h2", .class("app-heading-m")) { title }
            if view.breakdown == .imdDecile {
                el("p", .class("app-body-text")) { "Decile 1 is the most deprived tenth of areas in England. Whiskers show 95% confidence intervals where the counts are known." }
            }
            if view.isRate {
                el("p", .class("app-body-text")) { "Rates per 10,000 children aged 0 to 15 living in those areas (IoD 2019 population denominators)." }
            }
            if let comparison = view.mostDeprivedComparison {
                el("p", .class("app-body-text")) { el("strong") { "Most deprived decile: " }; comparison.description }
            }
            el("figure", .class("app-figure")) { el("div", .class("app-chart-scroll")) { HTMLNode.raw(chart.svg(id: "bd-\(indicator.key)-\(view.breakdown.rawValue)")) } }
            dataTable(caption: "Values behind the chart: \(title.lowercased())", headers: ["Group", view.isRate ? "Rate per 10,000" : "Value", "Numerator", "Denominator", "95% interval"],
                      rows: view.groups.map { g in
                          [g.group, show(g.value), g.numerator.map { Axis.format($0) } ?? "–", g.denominator.map { Axis.format($0) } ?? "–",
                           g.interval.map { "\(String(format: "%.1f", $0.lower)) to \(String(format: "%.1f", $0.upper))" } ?? "–"]
                      })
        }
    }

    /// The table behind a chart, for screen readers and anyone who wants the numbers.
    static func dataTable(caption: String, headers: [String], rows: [[String]]) -> HTMLNode {
        el("details", .class("app-details")) {
            el("summary") { caption }
            el("table", .class("govuk-table app-table--compact")) {
                el("caption", .class("govuk-table__caption app-visually-hidden")) { caption }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for (i, header) in headers.enumerated() {
                            el("th", .scope("col"), .class(i == 0 ? "govuk-table__header" : "govuk-table__header govuk-table__header--numeric")) { header }
                        }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for row in rows {
                        el("tr", .class("govuk-table__row")) {
                            for (i, cell) in row.enumerated() {
                                if i == 0 {
                                    el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) { cell }
                                } else {
                                    el("td", .class("govuk-table__cell govuk-table__cell--numeric")) { cell }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func saveStory(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        guard let key = req.parameters.get("key") else { throw Abort(.notFound) }
        let indicator = try await PerformanceStore.indicator(key: key, in: access.partnership, on: req.db)
        try access.require(.submitValues(owner: indicator.sourceOrganisation?.ref))
        let values = req.formFields()
        do {
            let draft = try StoryDraft.validate(values)
            try await PerformanceStore.addStory(draft, to: indicator, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Saved the story for \(draft.period.label)")
            return req.redirect(to: SiteRoute.indicator(slug: access.slug, key: key).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, indicator, story: values, storyErrors: errors.errors, decisionErrors: [:], status: .unprocessableEntity)
        }
    }

    static func decide(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.decideEscalation)
        guard let key = req.parameters.get("key") else { throw Abort(.notFound) }
        let indicator = try await PerformanceStore.indicator(key: key, in: access.partnership, on: req.db)
        let id = try req.uuidParameter("id")
        let fields = req.formFields()
        var v = Validator()
        let decision: PerformanceStore.Decision? = v.choice(fields["decision"], field: "decision", missing: "Select a decision")
        let reason = v.requiredText(fields["reason"], field: "reason", missing: "Give the reason for the decision", maxLength: 2000)
        guard v.errors.isEmpty, let decision else {
            return try await render(req, access, indicator, story: [:], storyErrors: [], decisionErrors: [id: v.errors], status: .unprocessableEntity)
        }
        try await PerformanceStore.decide(id, decision: decision, reason: reason, in: access.partnership, by: access.actor(req), on: req.db)
        req.flash("Recorded the decision: \(decision.label)")
        return req.redirect(to: SiteRoute.indicator(slug: access.slug, key: key).path)
    }
}

extension Series {
    var label: String {
        switch self {
        case .local: "Local"
        case .england: "England"
        case .region: "Region"
        case .statisticalNeighbours: "Statistical neighbours"
        }
    }
}

extension Breakdown {
    var label: String {
        switch self {
        case .all: "All children"
        case .imdDecile: "Deprivation decile"
        case .ethnicity: "Ethnic group"
        case .gender: "Gender"
        case .ageBand: "Age band"
        }
    }
}
