import FluentKit
import Foundation
import SafeguardingDomain

extension DemoLearning {
    static let actor = Actor(userID: nil, email: "demo loader", address: nil)

    /// Loads the demo's learning work through the same store functions the pages use, so the demo
    /// obeys the tracker's rules (a done action has evidence). Skipped when the partnership already has learning.
    /// Every date comes from the demo's own content (2023-24, open actions due in 2024-25); `today`
    /// only dates an escalation whose source gives no date.
    public static func load(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        // One transaction: all of it or none, and one commit instead of hundreds.
        try await db.transaction { tx in try await loadAll(for: partnership, today: today, on: tx) }
    }

    static func loadAll(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        let pid = try partnership.requireID()
        guard try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).count() == 0 else { return }
        let groups = try await RegisterStore.groups(partnership, on: db)
        for demo in sources {
            let draft = SourceDraft(
                kind: demo.kind, title: demo.title, reportingYear: ReportingYear(demo.year)!, summary: demo.summary, leadRole: demo.leadRole,
                leadOrganisation: demo.leadOrganisation, group: groups.first { $0.name == demo.group }?.id?.uuidString,
                commissionedReason: demo.commissionedReason,
                escalation: try await escalation(for: demo, in: partnership, today: today, on: db)?.uuidString,
                plannedOn: demo.plannedOn.flatMap(CalendarDate.init(iso:)), startedOn: demo.startedOn.flatMap(CalendarDate.init(iso:)),
                completedOn: demo.completedOn.flatMap(CalendarDate.init(iso:)),
                challengeDueOn: demo.challengeDueOn.flatMap(CalendarDate.init(iso:)) ?? demo.completedOn.flatMap(CalendarDate.init(iso:))?.addingMonths(TrackerRules.defaultChallengeInterval),
                scope: demo.scope, auditType: demo.auditType, reviewer: demo.reviewer, termsOfReference: demo.termsOfReference,
                methods: demo.methods, observed: demo.observed, framework: demo.framework, askedOf: demo.askedOf)
            let illustrative = (demo.summary ?? "").lowercased().contains("illustrative")
            let sourceID: UUID
            if demo.kind == .survey {
                let survey = try await SurveyStore.create(draft, introduction: supervisionIntroduction, in: partnership, isIllustrative: illustrative, by: actor, on: db)
                sourceID = survey.$source.id
                try await loadSupervisionSurvey(survey, in: partnership, on: db)
            } else {
                sourceID = try await LearningStore.createSource(draft, in: partnership, isIllustrative: illustrative, by: actor, on: db).requireID()
            }
            try await addContent(of: demo, to: sourceID, in: partnership, on: db)
        }
    }

    /// A source's findings, recommendations, actions (with evidence) and challenge events.
    static func addContent(of demo: DemoSource, to sourceID: UUID, in partnership: Partnership, on db: any Database) async throws {
        let source = try await LearningStore.source(sourceID, in: partnership, on: db)
        var recommendationIDs: [UUID] = []
        for finding in demo.findings {
            let findingRow = try await LearningStore.addFinding(FindingDraft(kind: finding.kind, text: finding.text, themes: finding.themes),
                                                                to: sourceID, in: partnership, by: actor, on: db)
            for recommendation in finding.recommendations {
                let row = try await LearningStore.addRecommendation(
                    RecommendationDraft(text: recommendation.text, finding: findingRow.id?.uuidString), to: sourceID, in: partnership, by: actor, on: db)
                recommendationIDs.append(try row.requireID())
                for action in recommendation.actions {
                    try await add(action, to: try row.requireID(), raisedOn: raisedOn(action, from: source), event: nil, in: partnership, on: db)
                }
            }
        }
        for event in demo.challengeEvents {
            var fields = ["held_on": event.heldOn, "who_was_challenged": event.whoWasChallenged, "assurance_given": event.assuranceGiven]
            for (id, judgement) in zip(recommendationIDs, event.judgements) { fields["judgement-\(id.uuidString.lowercased())"] = judgement.rawValue }
            let row = try await LearningStore.recordChallengeEvent(for: sourceID, fields: fields, in: partnership, by: actor, on: db)
            for added in event.addedActions where recommendationIDs.indices.contains(added.recommendationIndex) {
                try await add(added.action, to: recommendationIDs[added.recommendationIndex],
                              raisedOn: added.action.raisedOn.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(iso: event.heldOn)!,
                              event: row.id, in: partnership, on: db)
            }
        }
        if let tool = demo.auditTool {
            try await loadAuditTool(tool, sourceID: sourceID, in: partnership, on: db)
        }
    }

    /// The day a demo action was raised, fixed by the demo's own dates (never today's), so the demo's
    /// reports are the same whenever it is loaded: the day its source completed (a review's
    /// publication), or the day it started when the action's evidence came before that.
    static func raisedOn(_ demo: DemoAction, from source: LearningSource) -> CalendarDate {
        if let given = demo.raisedOn.flatMap(CalendarDate.init(iso:)) { return given }
        let started = source.started ?? source.year?.firstDay ?? CalendarDate(iso: demo.dueOn)!
        let completed = source.completed ?? started
        guard let evidence = demo.evidence.flatMap({ CalendarDate(iso: $0.recordedOn) }), evidence < completed else { return completed }
        return min(started, evidence)
    }

    static func add(_ demo: DemoAction, to recommendationID: UUID, raisedOn: CalendarDate, event: UUID?, in partnership: Partnership,
                    on db: any Database) async throws {
        let action = try await LearningStore.addAction(
            ActionDraft(text: demo.text, ownerOrganisation: demo.organisation, owner: demo.owner, dueOn: CalendarDate(iso: demo.dueOn)!),
            to: recommendationID, in: partnership, raisedOn: raisedOn, addedBy: event, by: actor, on: db)
        let id = try action.requireID()
        if let evidence = demo.evidence {
            _ = try await LearningStore.addEvidence(EvidenceDraft(whatChanged: evidence.whatChanged, howWeKnow: evidence.howWeKnow, reference: evidence.reference),
                                                    to: id, in: partnership, recordedOn: CalendarDate(iso: evidence.recordedOn)!,
                                                    markDone: demo.status == .done, by: actor, on: db)
        }
        if demo.status == .inProgress || demo.status == .dropped {
            _ = try await LearningStore.changeStatus(of: id, fields: ["status": demo.status.rawValue, "dropped_reason": demo.droppedReason ?? ""],
                                                     in: partnership, changedOn: demo.closedOn.flatMap(CalendarDate.init(iso:)) ?? raisedOn,
                                                     by: actor, on: db)
        }
    }

    /// The escalation that commissioned the work: the indicator's own if one was raised, otherwise
    /// one recorded as the subgroup decided it that year.
    static func escalation(for demo: DemoSource, in partnership: Partnership, today: CalendarDate, on db: any Database) async throws -> UUID? {
        guard let key = demo.escalatedIndicator,
              let indicator = try? await PerformanceStore.indicator(key: key, in: partnership, on: db) else { return nil }
        let existing = try await PerformanceStore.escalations(of: indicator, on: db)
        if let decided = existing.first(where: { $0.decision == "commission_audit" }) { return decided.id }
        // The control chart's own signal when it raised one, otherwise the trend as the subgroup recorded it.
        let escalation = existing.first { $0.decision == nil } ?? Escalation()
        if escalation.id == nil {
            escalation.$partnership.id = try partnership.requireID()
            escalation.$indicator.id = try indicator.requireID()
            escalation.signalKey = "demo-\(key)"
            escalation.signal = "Rising for three years in a row (recorded by the Performance Management Subgroup)"
        }
        let started = demo.plannedOn.flatMap(CalendarDate.init(iso:)) ?? demo.startedOn.flatMap(CalendarDate.init(iso:)) ?? today
        let date = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: .gmt, year: started.year, month: started.month, day: started.day))!
        if escalation.id == nil { escalation.raisedAt = date.addingTimeInterval(-30 * 86_400) }
        escalation.decision = "commission_audit"
        escalation.reason = "The trend needs explaining from children's records, not only from the numbers: commission a multi-agency audit."
        escalation.decidedBy = "Performance Management Subgroup"
        // Never decided before it was raised (a signal the control chart raised today is decided today).
        escalation.decidedAt = max(date.addingTimeInterval(-14 * 86_400), escalation.raisedAt)
        try await escalation.save(on: db)
        return escalation.id
    }

    static func loadAuditTool(_ tool: DemoAuditTool, sourceID: UUID, in partnership: Partnership, on db: any Database) async throws {
        for question in tool.questions {
            try await AuditToolStore.addQuestion(AuditQuestionDraft(text: question.text), to: sourceID, in: partnership, by: actor, on: db)
        }
        for reference in tool.cases {
            try await AuditToolStore.addCase(["reference": reference], to: sourceID, in: partnership, by: actor, on: db)
        }
        for organisation in tool.organisations {
            try await AuditToolStore.addParticipant(["organisation": organisation], to: sourceID, in: partnership, by: actor, on: db)
        }
        let loaded = try await AuditToolStore.tool(sourceID, in: partnership, on: db)
        let organisationOrder = tool.organisations.compactMap { name in loaded.participants.first { $0.name == name } }
        for (c, auditCase) in loaded.cases.enumerated() {
            for (o, organisation) in organisationOrder.enumerated() {
                var fields: [String: String] = [:]
                for (q, question) in loaded.questions.enumerated() {
                    let grades = tool.questions[q].grades
                    fields["grade-\(question.id!.uuidString.lowercased())"] = grades[(c * organisationOrder.count + o) % grades.count].rawValue
                    if let comment = tool.questions[q].comment, c == 0, o == 0 { fields["comment-\(question.id!.uuidString.lowercased())"] = comment }
                }
                try await AuditToolStore.saveAnswers(fields, to: sourceID, case: auditCase.id!, organisation: organisation.id!, in: partnership, by: actor, on: db)
            }
        }
    }
}
