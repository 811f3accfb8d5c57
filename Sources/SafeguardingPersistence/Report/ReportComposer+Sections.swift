import Fluent
import Foundation
import SafeguardingDomain
import SQLKit

/// The generated content of each section, one function per section in report order.
extension ReportComposer {
    typealias SectionContent = (blocks: [ReportBlock], hasData: Bool, missing: String?)

    /// The context figures: the area, then children's social care against England and similar areas.
    static func areaSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        var blocks: [ReportBlock] = []
        let facts = try await RegisterStore.areaFacts(partnership, on: db)
        if !facts.isEmpty {
            blocks.append(.figures(facts.map { fact in
                ReportFigure(label: fact.label, value: fact.formattedValue,
                             note: fact.source, source: FigureSource(.areaFacts, reference: fact.key, label: "Area facts: \(fact.label)"))
            }))
        }
        let keys = ["referrals_rate", "rereferrals_percent", "cin_rate", "cpp_rate", "cpp_second_time_percent", "cla_rate"]
        let indicators = try await PerformanceStore.indicators(partnership, on: db).filter { keys.contains($0.key) }
            .sorted { keys.firstIndex(of: $0.key)! < keys.firstIndex(of: $1.key)! }
        let values = try await IndicatorValue.query(on: db).filter(\.$indicator.$id ~~ indicators.map { $0.id! })
            .filter(\.$breakdown == "all").filter(\.$periodKind == "financial_year").all()
        let byIndicator = Dictionary(grouping: values, by: { $0.$indicator.id })
        let series = ["local", "statistical_neighbours", "england"]
        var rows: [ReportTable.Row] = []
        for indicator in indicators {
            let current = (byIndicator[indicator.id!] ?? []).filter { $0.period == builder.year.description }
            guard !current.isEmpty else { continue }
            let source = FigureSource(.indicator, reference: indicator.key, detail: builder.year.description,
                                      label: "Indicator \(indicator.name), \(builder.year)")
            rows.append(ReportTable.Row(
                header: ReportTable.Cell("\(indicator.name) (\(ReportFormat.unitLabel(indicator.unit)))", source: source),
                cells: series.map { name in
                    guard let value = current.first(where: { $0.series == name }) else { return ReportTable.Cell(":", isNumber: true) }
                    return ReportTable.Cell(ReportFormat.value(value.value, unit: indicator.unit), source: source, isNumber: true)
                }))
        }
        if !rows.isEmpty {
            builder.evidence.insert(.indicators)
            blocks.append(.table(ReportTable(id: "childrens-social-care", caption: "Children's social care in \(builder.year), against statistical neighbours and England",
                                             columns: ["\(partnership.localAuthorityName)", "Statistical neighbours", "England"], rows: rows,
                                             note: ": means the figure is not available.")))
        }
        // Five years of the child protection rate, the chart the reference report leads with.
        if let cpp = indicators.first(where: { $0.key == "cpp_rate" }) {
            let years = (0..<5).reversed().map { ReportingYear(startYear: builder.year.startYear - $0) }
            let all = byIndicator[cpp.id!] ?? []
            let chartSeries = series.map { name in
                ReportChart.Series(name: seriesName(name), values: years.map { year in all.first { $0.period == year.description && $0.series == name }?.value })
            }
            if chartSeries.contains(where: { $0.values.contains { $0 != nil } }) {
                blocks.append(.chart(chart(id: "cpp-rate-trend", title: "\(cpp.name): rate per 10,000 children, \(years.first!) to \(years.last!)",
                                           labels: years.map(\.description), series: chartSeries, unit: cpp.unit, kind: .line,
                                           source: { FigureSource(.indicator, reference: cpp.key, detail: $0, label: "Indicator \(cpp.name), \($0)") })))
            }
        }
        let hasData = !facts.isEmpty || !rows.isEmpty
        return (blocks, hasData, hasData ? nil : "No area facts or official statistics are loaded for \(builder.year).")
    }

    static func seriesName(_ series: String) -> String {
        switch series {
        case "local": "Local"
        case "england": "England"
        case "statistical_neighbours": "Statistical neighbours"
        case "region": "Region"
        default: series
        }
    }

    /// A chart with its table: one row per label, one column per series, each value linked.
    static func chart(id: String, title: String, labels: [String], series: [ReportChart.Series], unit: String, kind: ReportChart.Kind,
                      source: (String) -> FigureSource?) -> ReportChart {
        let rows = labels.enumerated().map { index, label in
            ReportTable.Row(header: ReportTable.Cell(label), cells: series.map { line in
                guard let value = line.values[index] else { return ReportTable.Cell(":", isNumber: true) }
                return ReportTable.Cell(ReportFormat.value(value, unit: unit), source: source(label), isNumber: true)
            })
        }
        let described = series.compactMap { line -> String? in
            let known = zip(labels, line.values).compactMap { label, value in value.map { (label, $0) } }
            guard let first = known.first, let last = known.last else { return nil }
            return "\(line.name) \(first.0 == last.0 ? "was" : "went from") \(first.0 == last.0 ? "" : ReportFormat.value(first.1, unit: unit) + " in \(first.0) to ")\(ReportFormat.value(last.1, unit: unit)) in \(last.0)"
        }
        return ReportChart(id: id, kind: kind, title: title, description: described.joined(separator: "; ") + ".", labels: labels, series: series,
                           unit: ReportFormat.unitLabel(unit), table: ReportTable(id: id + "-table", caption: "The figures behind the chart: \(title)",
                                                                                  columns: series.map(\.name), rows: rows))
    }

    /// The partners, the groups, meetings held and the money.
    static func governanceSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        var blocks: [ReportBlock] = []
        let organisations = try await builder.organisations(on: db).filter(\.isActive)
        let partners = organisations.filter { $0.kind.isStatutoryPartner }
        if Set(partners.map(\.kind)).count == 3 { builder.evidence.insert(.statutoryPartners) }
        if !partners.isEmpty {
            blocks.append(.heading("The statutory partners"))
            blocks.append(.list(partners.map { organisation in
                ReportListItem(text: organisation.name,
                               detail: [organisation.leadPartnerRole.map { "Lead partner: \($0)" }, organisation.delegatedPartnerRole.map { "Delegated partner: \($0)" }]
                                   .compactMap { $0 }.joined(separator: ". "),
                               source: FigureSource(.organisations, reference: organisation.id!.uuidString, label: "Register: \(organisation.name)"))
            }))
        }
        let others = organisations.filter { !$0.kind.isStatutoryPartner }
        if !others.isEmpty {
            let bySector = Dictionary(grouping: others, by: \.sector).sorted { $0.key.label < $1.key.label }
            let source = FigureSource(.organisations, label: "Register of organisations")
            blocks.append(.table(ReportTable(
                id: "agencies-by-sector", caption: "Relevant agencies and other organisations in the arrangements, by sector",
                columns: ["Organisations"],
                rows: bySector.map { ReportTable.Row(header: ReportTable.Cell($0.key.label), cells: [ReportTable.Cell(ReportFormat.count($0.value.count), source: source, isNumber: true)]) }
                    + [ReportTable.Row(header: ReportTable.Cell("Total"), cells: [ReportTable.Cell(ReportFormat.count(others.count), source: source, isNumber: true)], isTotal: true)])))
        }
        let groups = try await builder.groups(on: db)
        let education: Set<Sector> = [.education, .earlyYears]
        let educationIDs = Set(organisations.filter { education.contains($0.sector) || $0.kind == .schoolOrCollege }.map { $0.id! })
        let seats = try await GroupMember.query(on: db).filter(\.$partnership.$id == partnership.requireID()).all()
        let educationSeats = seats.filter { $0.$organisation.id.map(educationIDs.contains) ?? false }
        if !educationIDs.isEmpty {
            builder.evidence.insert(.educationInvolvement)
            blocks.append(.figures([
                ReportFigure(label: "Schools, colleges and early years settings in the arrangements", value: ReportFormat.count(educationIDs.count),
                             source: FigureSource(.organisations, label: "Register of organisations")),
                ReportFigure(label: "Seats held by education on the Executive and subgroups", value: ReportFormat.count(educationSeats.count),
                             source: FigureSource(.subgroups, label: "Subgroups and their members")),
            ]))
        }
        let meetings = try await Meeting.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$heldOn >= builder.year.firstDay.description).filter(\.$heldOn <= builder.year.lastDay.description).all()
        let meetingsByGroup = Dictionary(grouping: meetings, by: { $0.$group.id })
        if !groups.isEmpty {
            blocks.append(.heading("The Executive and subgroups"))
            blocks.append(.table(ReportTable(
                id: "groups", caption: "The Executive and its subgroups in \(builder.year)", columns: ["Chair", "Meetings recorded"],
                rows: groups.map { group in
                    let source = FigureSource(.subgroups, reference: group.id!.uuidString, label: "Group: \(group.name)")
                    return ReportTable.Row(header: ReportTable.Cell(group.name, source: source),
                                           cells: [ReportTable.Cell(group.chair ?? "Not recorded"),
                                                   ReportTable.Cell(ReportFormat.count(meetingsByGroup[group.id!]?.count ?? 0), source: source, isNumber: true)])
                })))
        }
        let finance = try await RegisterStore.finance(partnership, year: builder.year, on: db)
        if !finance.contributions.isEmpty {
            builder.evidence.insert(.financeTable)
            let source = FigureSource(.finance, reference: builder.year.description, label: "Finance \(builder.year)")
            blocks.append(.heading("Money"))
            blocks.append(.table(ReportTable(
                id: "finance", caption: "Contributions and outturn, \(builder.year)", columns: ["Category", "Amount"],
                rows: finance.contributions.map { line in
                    ReportTable.Row(header: ReportTable.Cell(line.label), cells: [ReportTable.Cell(line.category.label),
                                                                                  ReportTable.Cell(ReportFormat.money(line.amount), source: source, isNumber: true)])
                } + [ReportTable.Row(header: ReportTable.Cell("Total"), cells: [ReportTable.Cell(""), ReportTable.Cell(ReportFormat.money(finance.total), source: source, isNumber: true)], isTotal: true)])))
        }
        let hasData = !partners.isEmpty || !finance.contributions.isEmpty
        return (blocks, hasData, hasData ? nil : "No partners or contributions are recorded for \(builder.year).")
    }

    /// Audits, scrutiny, challenge events, the learning tracker and the multi-agency dataset.
    static func scrutinySection(_ builder: Builder, hidden: Set<UUID>, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        let pid = try partnership.requireID()
        let year = builder.year
        var blocks: [ReportBlock] = []
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$reportingYear == year.description)
            .filter(\.$kind ~~ [.audit, .scrutiny, .assuranceRequest]).sort(\.$completedOn).all()
        func item(_ source: LearningSource) -> ReportListItem {
            ReportListItem(text: source.title, detail: [source.completedOn.flatMap(CalendarDate.init(iso:)).map { "Completed \($0.long)" },
                                                        source.isIllustrative ? "Illustrative" : nil].compactMap { $0 }.joined(separator: ". "),
                           source: FigureSource(.learningSource, reference: source.id!.uuidString, label: "Learning: \(source.title)"))
        }
        let audits = sources.filter { $0.kind == .audit }
        if !audits.isEmpty {
            if audits.contains(where: { $0.completedOn != nil }) { builder.evidence.insert(.audits) }
            blocks.append(.heading("Multi-agency audits"))
            blocks.append(.list(audits.map(item)))
        }
        let scrutiny = sources.filter { $0.kind == .scrutiny }
        if !scrutiny.isEmpty {
            builder.evidence.insert(.independentScrutiny)
            blocks.append(.heading("Independent scrutiny"))
            blocks.append(.list(scrutiny.map(item)))
        }
        let requests = sources.filter { $0.kind == .assuranceRequest }
        if !requests.isEmpty {
            blocks.append(.heading("Assurance requests"))
            blocks.append(.list(requests.map(item)))
        }
        // Challenge events held in the year, whatever year their source belongs to.
        let events = try await ChallengeEvent.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$heldOn >= year.firstDay.description).filter(\.$heldOn <= year.lastDay.description).with(\.$source).all()
            .filter { !hidden.contains($0.$source.id) }
        if !events.isEmpty {
            let judgements = try await ChallengeJudgement.query(on: db).filter(\.$event.$id ~~ events.map { $0.id! }).all()
            let byEvent = Dictionary(grouping: judgements, by: { $0.$event.id })
            blocks.append(.heading("Challenge events: so what?"))
            blocks.append(.list(events.map { event in
                let counts = Judgement.allCases.compactMap { judgement -> String? in
                    let n = byEvent[event.id!]?.filter { $0.judgement == judgement }.count ?? 0
                    return n == 0 ? nil : "\(n) \(judgement.label.lowercased())"
                }
                return ReportListItem(text: "\(event.source.title): \(CalendarDate(iso: event.heldOn)?.long ?? event.heldOn)",
                                      detail: counts.isEmpty ? nil : "Recommendations judged: " + counts.joined(separator: ", "),
                                      source: FigureSource(.learningSource, reference: event.$source.id.uuidString, label: "Challenge event on \(event.source.title)"))
            }))
        }
        // The tracker as the year closed: every action of the partnership's learning, counted in the database.
        let yearEnd = min(builder.setup.today, year.lastDay)
        let tally = try await actionTally(pid, overdueBefore: yearEnd, hidden: hidden, on: db)
        if tally.total > 0 {
            let source = FigureSource(.actions, label: "Learning tracker: all actions")
            blocks.append(.heading("Acting on learning"))
            blocks.append(.figures([
                ReportFigure(label: "Actions completed with evidence of impact", value: ReportFormat.count(tally.done), source: source),
                ReportFigure(label: "Actions still open", value: ReportFormat.count(tally.open), source: FigureSource(.actions, detail: "open", label: "Learning tracker: open actions")),
                ReportFigure(label: "Actions overdue at \(yearEnd.long)", value: ReportFormat.count(tally.overdueBySource.values.reduce(0, +)),
                             source: FigureSource(.actions, detail: "overdue", label: "Learning tracker: overdue actions")),
            ]))
        }
        let performance = try await performanceBlocks(builder, on: db)
        blocks += performance.blocks
        // Where progress was slow: the sources with the most overdue actions or recommendations not
        // assured at challenge, then worsening indicators. A long tracker is summarised, not listed.
        var slow: [ReportListItem] = []
        let overdueBySource = tally.overdueBySource
        let notAssured = try await ChallengeJudgement.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$judgement ~~ [.notAssured, .partlyAssured]).join(Recommendation.self, on: \ChallengeJudgement.$recommendation.$id == \Recommendation.$id)
            .all().compactMap { try? $0.joined(Recommendation.self).$source.id }.filter { !hidden.contains($0) }
        let notAssuredBySource = Dictionary(grouping: notAssured, by: { $0 }).mapValues(\.count)
        let concerned = Set(overdueBySource.keys).union(notAssuredBySource.keys)
        let ranked = concerned.sorted {
            let a = (overdueBySource[$0] ?? 0) + (notAssuredBySource[$0] ?? 0), b = (overdueBySource[$1] ?? 0) + (notAssuredBySource[$1] ?? 0)
            return a != b ? a > b : $0.uuidString < $1.uuidString
        }
        let shown = Array(ranked.prefix(12))
        let titles = shown.isEmpty ? [:] : Dictionary(try await LearningSource.query(on: db).filter(\.$id ~~ shown).all().map { ($0.id!, $0.title) },
                                                      uniquingKeysWith: { a, _ in a })
        for id in shown {
            let parts = [overdueBySource[id].map { "\($0) action\($0 == 1 ? "" : "s") overdue" },
                         notAssuredBySource[id].map { "\($0) recommendation\($0 == 1 ? "" : "s") not fully assured at challenge" }].compactMap { $0 }
            slow.append(ReportListItem(text: titles[id] ?? "Learning", detail: parts.joined(separator: "; "),
                                       source: FigureSource(.learningSource, reference: id.uuidString, label: "Learning: \(titles[id] ?? "source")")))
        }
        if ranked.count > shown.count {
            let rest = ranked.count - shown.count
            slow.append(ReportListItem(text: "\(rest) more source\(rest == 1 ? "" : "s") of learning with overdue actions or recommendations not fully assured",
                                       source: FigureSource(.actions, detail: "overdue", label: "Learning tracker: overdue actions")))
        }
        slow += performance.worsening
        if tally.total > 0 || performance.hasValues { builder.evidence.insert(.progressAnalysis) }
        if !slow.isEmpty {
            blocks.append(.heading("Where progress was slow"))
            blocks.append(.list(slow))
        }
        let hasData = !sources.isEmpty || !events.isEmpty || tally.total > 0 || performance.hasValues
        return (blocks, hasData, hasData ? nil : "No audits, scrutiny, challenge events or indicator values are recorded for \(year).")
    }

    struct ActionTally {
        var total = 0, done = 0, open = 0
        var overdueBySource: [UUID: Int] = [:]
    }

    /// Actions by status, and open actions due before a day by source, counted by the database: a
    /// tracker of 50,000 actions is a few hundred rows here, not 50,000 decoded models.
    static func actionTally(_ pid: UUID, overdueBefore day: CalendarDate, hidden: Set<UUID>, on db: any Database) async throws -> ActionTally {
        guard let sql = db as? any SQLDatabase else { throw FluentError.invalidField(name: "actions", valueType: Int.self, error: ReportStore.ReportError.notReady(["The report needs an SQL database."])) }
        let open = ActionStatus.allCases.filter(\.isOpen).map(\.rawValue)
        let rows = try await sql.raw("""
            SELECT source_id, status, CASE WHEN due_on < \(bind: day.description) THEN 1 ELSE 0 END AS late, COUNT(*) AS n
            FROM actions WHERE partnership_id = \(bind: pid) GROUP BY source_id, status, late
            """).all()
        var tally = ActionTally()
        for row in rows {
            let source = try row.decode(column: "source_id", as: UUID.self)
            guard !hidden.contains(source) else { continue }
            let status = try row.decode(column: "status", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            tally.total += n
            if status == ActionStatus.done.rawValue { tally.done += n }
            if open.contains(status) {
                tally.open += n
                if try row.decode(column: "late", as: Int.self) == 1 { tally.overdueBySource[source, default: 0] += n }
            }
        }
        return tally
    }

    /// The multi-agency dataset: each published indicator's latest value in the year against the
    /// year before, a chart of the quarters, and its breakdowns through the disclosure check.
    static func performanceBlocks(_ builder: Builder, on db: any Database) async throws -> (blocks: [ReportBlock], worsening: [ReportListItem], hasValues: Bool) {
        let partnership = builder.setup.partnership
        let year = builder.year
        let indicators = try await PerformanceStore.indicators(partnership, on: db).filter(\.isPublished)
        guard !indicators.isEmpty else { return ([], [], false) }
        let quarters = year.quarters.map(\.description) + year.previous.quarters.map(\.description)
        let values = try await IndicatorValue.query(on: db).filter(\.$indicator.$id ~~ indicators.map { $0.id! })
            .filter(\.$series == "local").filter(\.$period ~~ quarters).all()
        let byIndicator = Dictionary(grouping: values, by: { $0.$indicator.id })
        var rows: [ReportTable.Row] = []
        var worsening: [ReportListItem] = []
        var charts: [ReportBlock] = []
        for indicator in indicators {
            let all = byIndicator[indicator.id!] ?? []
            let headline = all.filter { $0.breakdown == "all" }
            guard let latest = year.quarters.reversed().lazy.compactMap({ q in headline.first { $0.period == q.description } }).first else { continue }
            let quarter = latest.period
            let previousPeriod = ReportingQuarter(year: year.previous, number: Period(quarter)!.quarter!.number).description
            let previous = headline.first { $0.period == previousPeriod }
            let polarity = Polarity(rawValue: indicator.polarity) ?? .neither
            let direction = Polarity.direction(previous: previous?.value, latest: latest.value, polarity: polarity)
            let source = FigureSource(.indicator, reference: indicator.key, detail: quarter, label: "Indicator \(indicator.name), \(quarter)")
            rows.append(ReportTable.Row(header: ReportTable.Cell(indicator.name, source: FigureSource(.indicator, reference: indicator.key, label: "Indicator \(indicator.name)")),
                                        cells: [ReportTable.Cell(quarter),
                                                ReportTable.Cell(ReportFormat.value(latest.value, unit: indicator.unit), source: source, isNumber: true),
                                                ReportTable.Cell(previous.map { ReportFormat.value($0.value, unit: indicator.unit) } ?? ":",
                                                                 source: previous.map { _ in FigureSource(.indicator, reference: indicator.key, detail: previousPeriod, label: "Indicator \(indicator.name), \(previousPeriod)") },
                                                                 isNumber: true),
                                                ReportTable.Cell(direction.label)]))
            if direction == .worsening {
                worsening.append(ReportListItem(text: "\(indicator.name): worsening", detail: "\(previous.map { ReportFormat.value($0.value, unit: indicator.unit) } ?? ":") in \(previousPeriod), \(ReportFormat.value(latest.value, unit: indicator.unit)) in \(quarter)",
                                                source: source))
            }
            // The quarters of the year as a chart, for the first indicators with a full year.
            let yearValues = year.quarters.map { q in headline.first { $0.period == q.description }?.value }
            if charts.count < 3, yearValues.allSatisfy({ $0 != nil }) {
                let last = year.previous.quarters.map { q in headline.first { $0.period == q.description }?.value }
                let labels = year.quarters.map { "Q\($0.number.rawValue)" }
                charts.append(.chart(chart(id: "indicator-\(indicator.key)", title: "\(indicator.name) by quarter, \(year) and \(year.previous)",
                                           labels: labels,
                                           series: [ReportChart.Series(name: year.description, values: yearValues),
                                                    ReportChart.Series(name: year.previous.description, values: last)],
                                           unit: indicator.unit, kind: .line,
                                           source: { FigureSource(.indicator, reference: indicator.key, detail: "\(year) \($0)", label: "Indicator \(indicator.name), \(year) \($0)") })))
            }
            if indicator.unit == "count" { addBreakdowns(indicator, values: all.filter { $0.breakdown != "all" }, builder: builder) }
        }
        guard !rows.isEmpty else { return ([], [], false) }
        builder.evidence.insert(.indicators)
        var blocks: [ReportBlock] = [.heading("The multi-agency dataset")]
        blocks.append(.table(ReportTable(id: "indicators", caption: "Indicators: the latest quarter of \(year) against the same quarter a year before",
                                         columns: ["Latest quarter", "Value", "A year before", "Direction"], rows: rows)))
        blocks += charts
        return (blocks, worsening, true)
    }

    /// Breakdown tables of a count indicator, by group and quarter, queued for the disclosure check.
    static func addBreakdowns(_ indicator: Indicator, values: [IndicatorValue], builder: Builder) {
        let year = builder.year
        let quarters = year.quarters.map(\.description)
        for breakdown in ["gender", "age_band", "ethnicity", "imd_decile"] {
            let rows = values.filter { $0.breakdown == breakdown && quarters.contains($0.period) }
            guard !rows.isEmpty else { continue }
            let groups = Array(Set(rows.map(\.group))).sorted { a, b in
                if let x = Int(a), let y = Int(b) { return x < y }
                return a < b
            }
            let lookup = Dictionary(rows.map { ("\($0.group)|\($0.period)", $0) }, uniquingKeysWith: { a, _ in a })
            let cells: [[Int?]] = groups.map { group in quarters.map { q in lookup["\(group)|\(q)"].map { Int($0.value.rounded()) } } }
            let keys: [[String]] = groups.map { group in quarters.map { "\(indicator.key)|\(breakdown)|\(group)|\($0)" } }
            let sources: [[FigureSource?]] = groups.map { _ in quarters.map { q in FigureSource(.indicator, reference: indicator.key, detail: q, label: "Indicator \(indicator.name), \(q)") } }
            let title = "\(indicator.name) in \(year), by \(breakdownLabel(breakdown)) and quarter"
            let table = CountTable(id: "breakdown-\(indicator.key)-\(breakdown)", title: title,
                                   rowLabels: groups.map { groupLabel($0, breakdown: breakdown) },
                                   columnLabels: year.quarters.map { "Q\($0.number.rawValue)" },
                                   cells: cells, showsRowTotals: true, showsColumnTotals: true, figureKeys: keys,
                                   // The quarter's total is the same figure in every breakdown, so a total hidden in one is hidden in all.
                                   columnTotalKeys: quarters.map { "\(indicator.key)|all|\($0)" }, grandTotalKey: "\(indicator.key)|all|\(year)")
            builder.countTables.append((.scrutiny, table, sources, FigureSource(.indicator, reference: indicator.key, label: "Indicator \(indicator.name)")))
        }
    }

    static func breakdownLabel(_ breakdown: String) -> String {
        switch breakdown {
        case "imd_decile": "deprivation decile (1 is most deprived)"
        case "age_band": "age"
        default: breakdown
        }
    }

    static func groupLabel(_ group: String, breakdown: String) -> String {
        switch breakdown {
        case "imd_decile": "Decile \(group)"
        case "gender": group.prefix(1).uppercased() + group.dropFirst()
        default: group
        }
    }

    /// Surveys and Young Advisors' work in the year.
    static func voiceSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let pid = try builder.setup.partnership.requireID()
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$reportingYear == builder.year.description).filter(\.$kind ~~ [.survey, .youngAdvisors]).sort(\.$title).all()
        guard !sources.isEmpty else {
            return ([], false, "No surveys or Young Advisors' work are recorded for \(builder.year).")
        }
        builder.evidence.insert(.childFeedback)
        let surveys = try await Survey.query(on: db).filter(\.$source.$id ~~ sources.map { $0.id! }).all()
        let responses = try await SurveyResponse.query(on: db).filter(\.$survey.$id ~~ surveys.map { $0.id! }).field(\.$id).field(\.$survey.$id).all()
        let counts = Dictionary(grouping: responses, by: { $0.$survey.id }).mapValues(\.count)
        let surveyBySource = Dictionary(surveys.map { ($0.$source.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ([.list(sources.map { source in
            let answered = surveyBySource[source.id!].map { counts[$0.id!] ?? 0 }
            return ReportListItem(text: source.title,
                                  detail: [source.kind.label, answered.map { "\(builder.childCount($0, label: "Responses to \(source.title)", section: .voice)) responses" },
                                           source.isIllustrative ? "Illustrative" : nil].compactMap { $0 }.joined(separator: ". "),
                                  source: FigureSource(.learningSource, reference: source.id!.uuidString, label: "Learning: \(source.title)"))
        })], true, nil)
    }

    /// Serious incidents, rapid reviews, local reviews and national reviews in the year.
    static func reviewsSection(_ builder: Builder, hidden: Set<UUID>, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        let pid = try partnership.requireID()
        let year = builder.year
        let first = year.firstDay.description, last = year.lastDay.description
        let incidents = try await SeriousIncident.query(on: db).filter(\.$partnership.$id == pid).all()
        let notified = incidents.filter { ($0.notifiedOn ?? $0.awareOn) >= first && ($0.notifiedOn ?? $0.awareOn) <= last }
        let decided = incidents.filter { ($0.decidedOn ?? "") >= first && ($0.decidedOn ?? "") <= last }
        let clock = try await ReviewStore.clock(for: partnership, on: db)
        let submittedOnTime = decided.filter { incident in
            guard let notifiedOn = incident.notified, let submitted = incident.submitted,
                  let due = try? clock.calendar.adding(workingDays: clock.settings.timescales.rapidReviewWorkingDays, to: notifiedOn) else { return false }
            return submitted <= due
        }
        let reviews = try await LocalReview.query(on: db).filter(\.$partnership.$id == pid).with(\.$source).all()
        let publishedInYear = reviews.filter { ($0.publishedOn ?? "") >= first && ($0.publishedOn ?? "") <= last }
        let inProgress = reviews.filter { $0.publishedOn == nil }
        var blocks: [ReportBlock] = []
        let source = FigureSource(.reviews, label: "Practice reviews")
        if !incidents.isEmpty || !reviews.isEmpty {
            blocks.append(.figures([
                ReportFigure(label: "Serious incidents notified to the national panel", value: builder.childCount(notified.count, label: "Serious incidents notified", section: .reviews), source: source),
                ReportFigure(label: "Rapid reviews completed", value: builder.childCount(decided.count, label: "Rapid reviews completed", section: .reviews), source: source),
                ReportFigure(label: "Rapid reviews submitted within \(clock.settings.timescales.rapidReviewWorkingDays) working days",
                             value: decided.isEmpty ? ":" : "\(submittedOnTime.count) of \(decided.count)", source: source),
                ReportFigure(label: "Local reviews published", value: ReportFormat.count(publishedInYear.count), source: FigureSource(.reviews, detail: "local", label: "Local reviews")),
                ReportFigure(label: "Local reviews in progress", value: ReportFormat.count(inProgress.count), source: FigureSource(.reviews, detail: "local", label: "Local reviews")),
            ]))
        }
        if !decided.isEmpty || !publishedInYear.isEmpty { builder.evidence.insert(.reviewDecisions) }
        if !notified.isEmpty {
            // Incidents by age and harm: a breakdown of children, so it passes the disclosure check.
            let bands = AgeBand.allCases, harms = IncidentHarm.allCases
            let table = CountTable(id: "incidents-by-age", title: "Serious incidents notified in \(year), by age and harm",
                                   rowLabels: bands.map(\.label), columnLabels: harms.map { $0 == .death ? "Death" : "Serious harm" },
                                   cells: bands.map { band in harms.map { harm in notified.filter { $0.ageBand == band && $0.harm == harm }.count } },
                                   showsRowTotals: true, showsColumnTotals: true, figureKeys: nil)
            builder.countTables.append((.reviews, table, bands.map { _ in harms.map { _ in source } }, source))
        }
        let published = reviews.filter { $0.publishedOn != nil && !hidden.contains($0.$source.id) }
        if !published.isEmpty {
            let ids = published.map { $0.$source.id }
            let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id ~~ ids).field(\.$id).field(\.$source.$id).all()
            let actions = try await LearningAction.query(on: db).filter(\.$source.$id ~~ ids).field(\.$id).field(\.$source.$id).field(\.$status).all()
            if !actions.isEmpty { builder.evidence.insert(.reviewActions) }
            blocks.append(.heading("Local child safeguarding practice reviews"))
            blocks.append(.table(ReportTable(
                id: "local-reviews", caption: "Published local reviews: recommendations and the actions taken",
                columns: ["Published", "Recommendations", "Actions done", "Actions open"],
                rows: published.sorted { ($0.publishedOn ?? "") > ($1.publishedOn ?? "") }.map { review in
                    let link = FigureSource(.localReview, reference: review.id!.uuidString, label: "Local review \(review.source.title)")
                    let own = actions.filter { $0.$source.id == review.$source.id }
                    return ReportTable.Row(header: ReportTable.Cell(review.source.title, source: link), cells: [
                        ReportTable.Cell(review.published?.long ?? ""),
                        ReportTable.Cell(ReportFormat.count(recommendations.filter { $0.$source.id == review.$source.id }.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(own.filter { $0.status == .done }.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(own.filter { $0.status.isOpen }.count), source: link, isNumber: true),
                    ])
                })))
        }
        let national = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$kind == .nationalReview).sort(\.$title).all()
        if !national.isEmpty {
            builder.evidence.insert(.nationalReviews)
            blocks.append(.heading("National reviews the partnership acted on"))
            blocks.append(.list(national.map { ReportListItem(text: $0.title, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) }))
        }
        let reflective = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$kind == .reflectiveSession)
            .filter(\.$reportingYear == year.description).all().filter { !hidden.contains($0.id!) }
        if !reflective.isEmpty {
            blocks.append(.heading("Reflective practice sessions"))
            blocks.append(.list(reflective.map { ReportListItem(text: $0.title, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) }))
        }
        let themes = try await ReviewStore.themes(partnership, endingWith: year, hiding: hidden, on: db)
        if !themes.rows.isEmpty {
            let window = "\(themes.years.first!) to \(themes.years.last!)"
            let link = FigureSource(.reviewThemes, reference: year.description, label: "Themes across reviews, \(window)")
            blocks.append(.heading("Themes across four years of reviews"))
            blocks.append(.table(ReportTable(
                id: "review-themes", caption: "Themes in the partnership's reviews, \(window)", columns: ["Reviews", "Local findings", "National recommendations"],
                rows: themes.rows.filter { !$0.reviews.isEmpty }.prefix(10).map { row in
                    ReportTable.Row(header: ReportTable.Cell(row.theme, source: link), cells: [
                        ReportTable.Cell(ReportFormat.count(row.reviews.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(row.localFindings.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(row.national.count), source: link, isNumber: true),
                    ])
                })))
        }
        let hasData = !notified.isEmpty || !decided.isEmpty || !publishedInYear.isEmpty || !reflective.isEmpty
        return (blocks, hasData, hasData ? nil : "No serious incidents, rapid reviews or local reviews are recorded for \(year).")
    }

    /// Self-assessments recorded in the learning tracker until the assessment module arrives.
    static func assessmentSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == builder.setup.partnership.requireID())
            .filter(\.$reportingYear == builder.year.description).filter(\.$kind ~~ [.organisationalAssessment, .selfAssessment]).all()
        guard !sources.isEmpty else {
            return ([], false, "No organisational safeguarding assessment is recorded for \(builder.year).")
        }
        return ([.list(sources.map { ReportListItem(text: $0.title, detail: $0.summary, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) })], true, nil)
    }

    /// The structure chart and the relevant agencies.
    static func appendicesSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let groups = try await builder.groups(on: db)
        var blocks: [ReportBlock] = []
        if !groups.isEmpty {
            blocks.append(.heading("Appendix A: the structure of the arrangements"))
            blocks.append(.structure(groups.map { group in
                StructureBox(id: group.id!.uuidString, name: group.name, kind: group.kind, chair: group.chair, reportsTo: group.$reportsTo.id?.uuidString)
            }))
        }
        let agencies = try await builder.organisations(on: db).filter { $0.isActive && !$0.kind.isStatutoryPartner }
        if !agencies.isEmpty {
            blocks.append(.heading("Appendix B: relevant agencies and other organisations"))
            blocks.append(.list(agencies.sorted { $0.name < $1.name }.map {
                ReportListItem(text: $0.name, detail: $0.sector.label, source: FigureSource(.organisations, reference: $0.id!.uuidString, label: "Register: \($0.name)"))
            }))
        }
        blocks.append(.heading("Appendix C: changes to procedures"))
        blocks.append(.paragraph("The procedures change log is not yet kept in the app; no changes are listed."))
        return (blocks, !groups.isEmpty, groups.isEmpty ? "No groups are recorded in the register." : nil)
    }
}
