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

    /// The period rule of each figure and list learning writes, declared once.
    enum Period {
        /// Audits, scrutiny, assurance requests, surveys and self-assessments filed under the year.
        static let sources = PeriodRule.yearOfRecord("of")
        static let challengeEvents = PeriodRule.flow("held in")
        /// Actions whose last status change inside the year left them done (`ActionHistory.isCompleted`).
        static let actionsCompleted = PeriodRule.flow("completed in")
        /// Not started or in progress at the year's end, by the status history (`ActionHistory.isOpen`).
        static let actionsOpen = PeriodRule.stock("open at")
        /// Open at the year's end and due before it (`ActionHistory.isOverdue`).
        static let actionsOverdue = PeriodRule.stock("open and past their due date at")
        static let evidence = PeriodRule.flow("recorded in")
        /// Judgements of challenge events held on or before the year's end.
        static let judgements = PeriodRule.stock("judged at challenge events held by")
        static let surveyResponses = PeriodRule.flow("received in")
        static let indicators = PeriodRule.yearOfRecord("quarters of")
    }
}

extension ReportComposer {
    /// Audits, scrutiny, challenge events, the learning tracker and the multi-agency dataset.
    static func scrutinySection(_ builder: Builder, hidden: Set<UUID>, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        let pid = try partnership.requireID()
        let year = builder.year
        let period = LearningReportSections.Period.self
        var blocks: [ReportBlock] = []
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$reportingYear == year.description)
            .filter(\.$kind ~~ [.audit, .scrutiny, .assuranceRequest]).all()
            // Each list by completion date (not yet completed last), then title, then id.
            .sorted { ($0.completedOn ?? "~", $0.title, $0.id!.uuidString) < ($1.completedOn ?? "~", $1.title, $1.id!.uuidString) }
        let ofYear = builder.note(period.sources)
        func item(_ source: LearningSource) -> ReportListItem {
            ReportListItem(text: source.title, detail: [source.completedOn.flatMap(CalendarDate.init(iso:)).map { "Completed \($0.long)" },
                                                        source.isIllustrative ? "Illustrative" : nil].compactMap { $0 }.joined(separator: ". "),
                           source: FigureSource(.learningSource, reference: source.id!.uuidString, label: "Learning: \(source.title)"))
        }
        let audits = sources.filter { $0.kind == .audit }
        if !audits.isEmpty {
            if audits.contains(where: { $0.completedOn != nil }) { builder.evidence.insert(.audits) }
            blocks.append(.heading("Multi-agency audits \(ofYear)"))
            blocks.append(.list(audits.map(item)))
        }
        let scrutiny = sources.filter { $0.kind == .scrutiny }
        if !scrutiny.isEmpty {
            builder.evidence.insert(.independentScrutiny)
            blocks.append(.heading("Independent scrutiny \(ofYear)"))
            blocks.append(.list(scrutiny.map(item)))
        }
        let requests = sources.filter { $0.kind == .assuranceRequest }
        if !requests.isEmpty {
            blocks.append(.heading("Assurance requests \(ofYear)"))
            blocks.append(.list(requests.map(item)))
        }
        // Challenge events held in the year, whatever year their source belongs to.
        let window = PeriodRule.window(year)
        let events = try await ChallengeEvent.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$heldOn >= window.lowerBound.description).filter(\.$heldOn <= window.upperBound.description).with(\.$source).all()
            .filter { !hidden.contains($0.$source.id) }
            .sorted { ($0.heldOn, $0.source.title, $0.id!.uuidString) < ($1.heldOn, $1.source.title, $1.id!.uuidString) }
        if !events.isEmpty {
            let judgements = try await ChallengeJudgement.query(on: db).filter(\.$event.$id ~~ events.map { $0.id! }).all()
            let byEvent = Dictionary(grouping: judgements, by: { $0.$event.id })
            blocks.append(.heading("Challenge events \(builder.note(period.challengeEvents)): so what?"))
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
        // The tracker in the year: every action of the partnership's learning, counted from its status
        // history, so a later change never moves this year's figures.
        let tally = try await actionTally(pid, year: year, asAt: builder.asAt, hidden: hidden, on: db)
        if tally.total > 0 {
            let source = FigureSource(.actions, label: "Learning tracker: all actions")
            blocks.append(.heading("Acting on learning"))
            blocks.append(.figures([
                ReportFigure(label: "Actions completed with evidence of impact", value: ReportFormat.count(tally.done),
                             note: builder.note(period.actionsCompleted), source: source),
                ReportFigure(label: "Evidence of impact recorded", value: ReportFormat.count(tally.evidence),
                             note: builder.note(period.evidence), source: source),
                ReportFigure(label: "Actions open", value: ReportFormat.count(tally.open), note: builder.note(period.actionsOpen),
                             source: FigureSource(.actions, detail: "open", label: "Learning tracker: open actions")),
                ReportFigure(label: "Actions overdue", value: ReportFormat.count(tally.overdueBySource.values.reduce(0, +)),
                             note: builder.note(period.actionsOverdue),
                             source: FigureSource(.actions, detail: "overdue", label: "Learning tracker: overdue actions")),
            ]))
        }
        let performance = try await performanceBlocks(builder, on: db)
        blocks += performance.blocks
        // Where progress was slow: the sources with overdue actions or recommendations not assured at
        // challenge (most overdue actions first, then by title, then id), then the worsening indicators
        // (by name). A long tracker is summarised, not listed.
        var slow: [ReportListItem] = []
        let overdueBySource = tally.overdueBySource
        let notAssured = try await ChallengeJudgement.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$judgement ~~ [.notAssured, .partlyAssured]).join(Recommendation.self, on: \ChallengeJudgement.$recommendation.$id == \Recommendation.$id)
            .join(ChallengeEvent.self, on: \ChallengeJudgement.$event.$id == \ChallengeEvent.$id)
            .filter(ChallengeEvent.self, \.$heldOn <= builder.asAt.description)
            .all().compactMap { try? $0.joined(Recommendation.self).$source.id }.filter { !hidden.contains($0) }
        let notAssuredBySource = Dictionary(grouping: notAssured, by: { $0 }).mapValues(\.count)
        let concerned = Array(Set(overdueBySource.keys).union(notAssuredBySource.keys))
        let titles = concerned.isEmpty ? [:] : Dictionary(try await LearningSource.query(on: db).filter(\.$id ~~ concerned).field(\.$id).field(\.$title).all()
            .map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
        let ranked = concerned.sorted {
            (-(overdueBySource[$0] ?? 0), titles[$0] ?? "", $0.uuidString) < (-(overdueBySource[$1] ?? 0), titles[$1] ?? "", $1.uuidString)
        }
        let shown = Array(ranked.prefix(12))
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
            blocks.append(.paragraph("Sources of learning with actions overdue or recommendations not fully assured, most overdue actions first; "
                + "then the indicators worsening against the same quarter a year before, by name."))
            blocks.append(.list(slow))
        }
        let hasData = !sources.isEmpty || !events.isEmpty || tally.total > 0 || performance.hasValues
        return (blocks, hasData, hasData ? nil : "No audits, scrutiny, challenge events or indicator values are recorded for \(year).")
    }

    struct ActionTally {
        /// Actions raised by the year's end; done in the year; open at its end; evidence recorded in it.
        var total = 0, done = 0, open = 0, evidence = 0
        var overdueBySource: [UUID: Int] = [:]
    }

    /// The year's actions by their period rules (`LearningReportSections.Period`), each read from
    /// the action's status history by the Domain's one rule (`ActionHistory`): raised by the as-at
    /// day, completed in the year (the last change inside it leaves it done), open and overdue as at
    /// that day. Only the lean rows are read (no models), and nothing about today's status, so a
    /// later change (an action reopened next year) never moves the year's figures.
    static func actionTally(_ pid: UUID, year: ReportingYear, asAt day: CalendarDate, hidden: Set<UUID>, on db: any Database) async throws -> ActionTally {
        guard let sql = db as? any SQLDatabase else { throw FluentError.invalidField(name: "actions", valueType: Int.self, error: ReportStore.ReportError.notReady(["The report needs an SQL database."])) }
        let (first, last) = (PeriodRule.window(year).lowerBound.description, PeriodRule.window(year).upperBound.description)
        let histories = try await LearningStore.histories(partnershipID: pid, upTo: year.lastDay, on: db)
        // Raw SQL skips Fluent's soft delete, so withdrawn actions (and evidence of them) are left out here.
        let actions = try await sql.raw("SELECT id, source_id, due_on FROM actions WHERE partnership_id = \(bind: pid) AND withdrawn_at IS NULL").all()
        var tally = ActionTally()
        for row in actions {
            let source = try row.decode(column: "source_id", as: UUID.self)
            guard !hidden.contains(source), let history = histories[try row.decode(column: "id", as: UUID.self)] else { continue }
            if history.isRaised(asAt: day) { tally.total += 1 }
            if history.isCompleted(in: year) { tally.done += 1 }
            if history.isOpen(asAt: day) {
                tally.open += 1
                if let due = CalendarDate(iso: try row.decode(column: "due_on", as: String.self)), history.isOverdue(asAt: day, dueOn: due) {
                    tally.overdueBySource[source, default: 0] += 1
                }
            }
        }
        let evidence = try await sql.raw("""
            SELECT actions.source_id AS source_id, COUNT(*) AS n FROM impact_evidence JOIN actions ON actions.id = impact_evidence.action_id
            WHERE impact_evidence.partnership_id = \(bind: pid) AND actions.withdrawn_at IS NULL AND impact_evidence.recorded_on >= \(bind: first) AND impact_evidence.recorded_on <= \(bind: last)
            GROUP BY actions.source_id
            """).all()
        for row in evidence where !hidden.contains(try row.decode(column: "source_id", as: UUID.self)) {
            tally.evidence += try row.decode(column: "n", as: Int.self)
        }
        return tally
    }

    /// Surveys and Young Advisors' work in the year.
    static func voiceSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let pid = try builder.setup.partnership.requireID()
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$reportingYear == builder.year.description).filter(\.$kind ~~ [.survey, .youngAdvisors]).all()
            .sorted { ($0.title, $0.id!.uuidString) < ($1.title, $1.id!.uuidString) }
        guard !sources.isEmpty else {
            return ([], false, "No surveys or Young Advisors' work are recorded for \(builder.year).")
        }
        builder.evidence.insert(.childFeedback)
        let surveys = try await Survey.query(on: db).filter(\.$source.$id ~~ sources.map { $0.id! }).all()
        let window = PeriodRule.window(builder.year)
        let responses = try await SurveyResponse.query(on: db).filter(\.$survey.$id ~~ surveys.map { $0.id! })
            .filter(\.$submittedOn >= window.lowerBound.description).filter(\.$submittedOn <= window.upperBound.description)
            .field(\.$id).field(\.$survey.$id).all()
        let received = builder.note(LearningReportSections.Period.surveyResponses)
        let counts = Dictionary(grouping: responses, by: { $0.$survey.id }).mapValues(\.count)
        let surveyBySource = Dictionary(surveys.map { ($0.$source.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ([.list(sources.map { source in
            let answered = surveyBySource[source.id!].map { counts[$0.id!] ?? 0 }
            return ReportListItem(text: source.title,
                                  detail: [source.kind.label, answered.map { "\(builder.childCount($0, label: "Responses to \(source.title)", section: .voice)) responses \(received)" },
                                           source.isIllustrative ? "Illustrative" : nil].compactMap { $0 }.joined(separator: ". "),
                                  source: FigureSource(.learningSource, reference: source.id!.uuidString, label: "Learning: \(source.title)"))
        })], true, nil)
    }

    /// Self-assessments recorded in the learning tracker until the assessment module arrives.
    static func assessmentSection(_ builder: Builder, on db: any Database) async throws -> SectionContent {
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == builder.setup.partnership.requireID())
            .filter(\.$reportingYear == builder.year.description).filter(\.$kind ~~ [.organisationalAssessment, .selfAssessment]).all()
            .sorted { ($0.title, $0.id!.uuidString) < ($1.title, $1.id!.uuidString) }
        guard !sources.isEmpty else {
            return ([], false, "No organisational safeguarding assessment is recorded for \(builder.year).")
        }
        return ([.list(sources.map { ReportListItem(text: $0.title, detail: $0.summary, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) })], true, nil)
    }
}
