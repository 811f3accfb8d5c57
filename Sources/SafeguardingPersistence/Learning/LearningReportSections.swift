import FluentKit
import Foundation
import SafeguardingDomain
import SQLKit

/// Learning and improvement's part of the yearly report: scrutiny and assurance (with the dataset), voice, and self-assessments until the organisational assessment module arrives.
public enum LearningReportSections: ReportSectionSource {
    public static let sections: [ReportSectionKey] = [.scrutiny, .voice, .assessment]

    public static func content(of key: ReportSectionKey, builder: ReportComposer.Builder, on db: any Database) async throws -> ReportComposer.SectionContent {
        switch key {
        case .scrutiny: try await ReportComposer.scrutinySection(builder, hidden: builder.hiddenSources, on: db)
        case .voice: try await ReportComposer.voiceSection(builder, on: db)
        case .assessment: try await ReportComposer.assessmentSection(builder, on: db)
        default: ([], false, "This section is not written by LearningReportSections.")
        }
    }
}

extension ReportComposer {
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

    /// Self-assessments recorded in the learning tracker until the assessment module arrives.
    static func assessmentSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == builder.setup.partnership.requireID())
            .filter(\.$reportingYear == builder.year.description).filter(\.$kind ~~ [.organisationalAssessment, .selfAssessment]).all()
        guard !sources.isEmpty else {
            return ([], false, "No organisational safeguarding assessment is recorded for \(builder.year).")
        }
        return ([.list(sources.map { ReportListItem(text: $0.title, detail: $0.summary, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) })], true, nil)
    }
}
