import Foundation
import SafeguardingApplication
import SafeguardingDomain
// For `IndicatorAnalysis`, the plain analysis of an indicator's values (series, chart, breakdowns) the view draws.
import SafeguardingPersistence
import SafeguardingRendering

extension PerformanceViews {
    /// What a post to an indicator's page sent back: the story form's fields, and what was wrong
    /// with the story or with the decision on an escalation.
    struct IndicatorForms {
        var story: [String: String] = [:]
        var storyErrors: [FieldError] = []
        var decisionErrors: [UUID: [FieldError]] = [:]

        var errors: [FieldError] { storyErrors + decisionErrors.values.flatMap { $0 } }
    }

    /// One indicator: its definition, control chart, escalations, comparators, breakdowns and story.
    static func indicator(_ page: IndicatorPage, frame: PageFrame, slug: String, flash: String?, forms: IndicatorForms = IndicatorForms()) -> String {
        let indicator = page.indicator
        let analysis = page.analysis
        let unit = unitLabel(indicator.unit)
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(forms.errors)
            Components.backLink(.indicators(slug: slug), "Back to the dataset")
            Components.heading(indicator.name, caption: "Indicator")
            if page.mayEditCatalogue {
                el("p", .class("app-body-text")) { el("a", .href(SiteRoute.editIndicator(slug: slug, key: indicator.key).path), .class("app-link")) { "Edit this indicator" } }
            }
            if page.mayWriteStory {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.indicatorValues(slug: slug, key: indicator.key).path), .class("app-link")) { "Correct or withdraw its values and stories" }
                }
            }
            if indicator.isIllustrative {
                el("div", .class("app-inset")) { "Some figures for this indicator are illustrative: made up to show how the software works, not the partnership's data." }
            }
            Components.summaryList([
                ("Definition", .text(indicator.definition)),
                ("Supplied by", .text(indicator.sourceOrganisationName ?? "Not recorded")),
                ("Unit", .text(unit)),
                ("Better when", .text(indicator.polarity.label)),
                ("Priority", .text(indicator.priority ?? "–")),
                ("Direction of travel", group { directionTag(page.judgement.direction); el("br"); page.judgement.directionSentence }),
                ("Periods compared", .text(page.judgement.comparedPeriods ?? "None yet")),
                ("Against England", .text(page.judgement.positionSentence)),
            ])

            el("h2", .class("app-heading-m"), .id("control-chart")) { "Control chart" }
            controlChart(indicator, analysis, unit: unit)

            el("h2", .class("app-heading-m")) { "Escalations" }
            if page.escalations.isEmpty {
                el("p", .class("app-body-text")) { "No worsening trend has been found." }
            }
            for escalation in page.escalations {
                el("div", .class("app-escalation"), .id("escalation-\(escalation.id.uuidString.lowercased())")) {
                    el("p", .class("app-body-text")) {
                        el("strong") { escalation.signal }
                        el("br")
                        el("span", .class("app-secondary-text")) { "Raised \(AuditPage.timestamp(escalation.raisedAt))" }
                    }
                    if let decision = escalation.decision {
                        el("p", .class("app-body-text")) {
                            Components.tag(decision.label)
                            " " + (escalation.reason ?? "")
                            el("br")
                            el("span", .class("app-secondary-text")) { "Decided by \(escalation.decidedBy ?? "") on \(escalation.decidedAt.map(AuditPage.timestamp) ?? "")" }
                        }
                        if escalation.mayPlanAudit {
                            el("p", .class("app-body-text")) {
                                el("a", .href(SiteRoute.newLearningSource(slug: slug).path + "?kind=audit&escalation=\(escalation.id.uuidString.lowercased())"),
                                   .class("app-link")) { "Plan the audit this escalation commissioned" }
                            }
                        }
                        for source in escalation.commissioned {
                            el("p", .class("app-body-text")) {
                                "Commissioned: "
                                el("a", .href(SiteRoute.learningSource(slug: slug, id: source.id).path), .class("app-link")) { source.title }
                            }
                        }
                    } else if page.mayDecide {
                        let errors = forms.decisionErrors[escalation.id] ?? []
                        el("form", .method("post"), .action(SiteRoute.escalation(slug: slug, key: indicator.key, id: escalation.id).path), .init("novalidate", nil)) {
                            Components.csrfField(frame.csrf ?? "")
                            Components.select(name: "decision", label: "Decision", options: EscalationDecision.allCases.map { ($0.rawValue, $0.label) },
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
            if let story = page.stories.first {
                storyView(story)
                if page.stories.count > 1 {
                    el("details", .class("app-details")) {
                        el("summary") { "Earlier versions (\(page.stories.count - 1))" }
                        for older in page.stories.dropFirst() { storyView(older) }
                    }
                }
            } else {
                el("p", .class("app-body-text")) { "No story has been written yet." }
            }
            if page.mayWriteStory {
                el("h3", .class("app-heading-s")) { "Write the story" }
                el("form", .method("post"), .action(SiteRoute.indicatorStory(slug: slug, key: indicator.key).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "period", label: "Period", value: forms.story["period"] ?? analysis.latest?.period.description, errors: forms.storyErrors,
                                         hint: "For example 2023-24 Q3", width: "app-input--half")
                    Components.textarea(name: "what_the_data_shows", label: "What is the story behind the curve?", value: forms.story["what_the_data_shows"], errors: forms.storyErrors)
                    Components.textarea(name: "how_much", label: "How much did we do?", value: forms.story["how_much"], errors: forms.storyErrors)
                    Components.textarea(name: "how_well", label: "How well did we do it?", value: forms.story["how_well"], errors: forms.storyErrors)
                    Components.textarea(name: "better_off", label: "Is anyone better off?", value: forms.story["better_off"], errors: forms.storyErrors)
                    Components.textarea(name: "next_steps", label: "What are we doing next?", value: forms.story["next_steps"], errors: forms.storyErrors)
                    Components.button("Save story")
                }
            }
        }
    }

    static func storyView(_ story: IndicatorPage.StoryVersion) -> HTMLNode {
        el("div", .class("app-story")) {
            el("p", .class("app-secondary-text")) { "\(story.periodLabel), written by \(story.author), \(AuditPage.timestamp(story.writtenAt))" }
            Components.summaryList([
                ("What the data shows", .text(story.whatTheDataShows)),
                ("How much did we do?", .text(story.howMuch ?? "–")),
                ("How well did we do it?", .text(story.howWell ?? "–")),
                ("Is anyone better off?", .text(story.betterOff ?? "–")),
                ("What next?", .text(story.nextSteps ?? "–")),
            ])
        }
    }

    static func controlChart(_ indicator: IndicatorRecord, _ analysis: IndicatorAnalysis, unit: String) -> HTMLNode {
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

    static func comparatorChart(_ indicator: IndicatorRecord, _ analysis: IndicatorAnalysis, unit: String) -> HTMLNode {
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

    static func breakdown(_ indicator: IndicatorRecord, _ view: IndicatorAnalysis.BreakdownView) -> HTMLNode {
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
}
