import FluentKit
import Foundation
import SafeguardingDomain

/// Queries and changes for the learning tracker: sources, findings, recommendations, actions with
/// their evidence, and challenge events. Every function takes the partnership, so one partnership's
/// learning can never be read or changed through another's pages.
public enum LearningStore {
    // MARK: Read models

    public struct SourceSummary: Sendable {
        public let source: LearningSource
        public let groupName: String?
        public let findings: Int
        public let recommendations: Int
        public let openActions: Int
        public let overdueActions: Int
        public let doneActions: Int
        public let challengeEvents: Int
        public let stage: SourceStage
        public let isChallengeDue: Bool
    }

    public struct ActionDetail: Sendable {
        public let action: LearningAction
        public let organisation: Organisation
        public let recommendation: Recommendation
        public let source: LearningSource
        public let evidence: [ImpactEvidence]
        /// Its status changes, newest first.
        public let history: [ActionStatusEntry]

        public func isOverdue(today: CalendarDate) -> Bool { action.isOverdue(today: today) }
    }

    public struct RecommendationDetail: Sendable {
        public let recommendation: Recommendation
        public let finding: Finding?
        public let actions: [ActionDetail]
        /// The judgement of the latest challenge event, if one has been held.
        public let judgement: Judgement?
    }

    public struct ChallengeEventDetail: Sendable {
        public let event: ChallengeEvent
        /// Recommendation number and judgement, in number order.
        public let judgements: [(number: Int, judgement: Judgement)]
        public let addedActions: Int
    }

    public struct SourceDetail: Sendable {
        public let source: LearningSource
        public let leadOrganisation: Organisation?
        public let group: PartnershipGroup?
        public let escalation: Escalation?
        public let escalationIndicator: Indicator?
        public let findings: [Finding]
        public let recommendations: [RecommendationDetail]
        public let challengeEvents: [ChallengeEventDetail]
        public let stage: SourceStage
        public let isChallengeDue: Bool
        public let survey: Survey?
    }

    // MARK: Sources

    public static func source(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> LearningSource {
        guard let source = try await LearningSource.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnership.requireID()).first() else { throw NotFound("source of learning") }
        return source
    }

    /// Sources with their counts, newest year first, then by date. `hidden` sources (unpublished
    /// reviews the reader may not see) are left out here and in every list below.
    public static func sources(_ partnership: Partnership, kind: SourceKind? = nil, kinds: [SourceKind]? = nil, year: ReportingYear? = nil,
                               hiding hidden: Set<UUID> = [], today: CalendarDate, on db: any Database) async throws -> [SourceSummary] {
        guard let rows = try await sourceRows(partnership, kind: kind, kinds: kinds, year: year, hiding: hidden, on: db) else { return [] }
        return summaries(rows, today: today)
    }

    /// The rows a list of sources is counted from, read once. Child rows are read by partnership
    /// (no IN list of source ids, however many sources there are), only the columns the counts and
    /// the tracker need. Nil when no source matches, so nothing else is read.
    struct SourceRows {
        let sources: [LearningSource]
        let findings: [UUID: [Finding]]
        let recommendations: [Recommendation]
        let actions: [LearningAction]
        let events: [UUID: [ChallengeEvent]]
        let groupNames: [UUID: String]
    }

    static func sourceRows(_ partnership: Partnership, kind: SourceKind? = nil, kinds: [SourceKind]? = nil, year: ReportingYear? = nil,
                           hiding hidden: Set<UUID>, on db: any Database) async throws -> SourceRows? {
        let pid = try partnership.requireID()
        var query = LearningSource.query(on: db).filter(\.$partnership.$id == pid)
        if let kind { query = query.filter(\.$kind == kind) }
        if let kinds { query = query.filter(\.$kind ~~ kinds) }
        if let year { query = query.filter(\.$reportingYear == year.description) }
        let sources = try await query.all().filter { !hidden.contains($0.id!) }
        guard !sources.isEmpty else { return nil }
        // Every child row of the partnership is read to be counted, so only the columns that counts
        // need, straight from SQL (`ColumnRows`): the models below hold nothing else.
        let findings = try await ColumnRows.read(Finding.schema, ["id", "source_id"], partnership: pid, withdrawable: true, on: db).map { row in
            let finding = Finding()
            finding.id = try row.decode(column: "id", as: UUID.self)
            finding.$source.id = try row.decode(column: "source_id", as: UUID.self)
            return finding
        }
        let recommendations = try await ColumnRows.read(Recommendation.schema, ["id", "source_id"], partnership: pid, withdrawable: true, on: db)
            .map { row in
                let recommendation = Recommendation()
                recommendation.id = try row.decode(column: "id", as: UUID.self)
                recommendation.$source.id = try row.decode(column: "source_id", as: UUID.self)
                return recommendation
            }
        let actions = try await ColumnRows.read(LearningAction.schema, ["id", "source_id", "recommendation_id", "owner_organisation_id", "status", "due_on"],
                                                partnership: pid, withdrawable: true, orderBy: "due_on", on: db).map { row in
            let action = LearningAction()
            action.id = try row.decode(column: "id", as: UUID.self)
            action.$source.id = try row.decode(column: "source_id", as: UUID.self)
            action.$recommendation.id = try row.decode(column: "recommendation_id", as: UUID.self)
            action.$ownerOrganisation.id = try row.decode(column: "owner_organisation_id", as: UUID.self)
            let status = try row.decode(column: "status", as: String.self)
            guard let known = ActionStatus(rawValue: status) else { throw ColumnRows.ColumnRowsError(table: "actions: status \(status)") }
            action.status = known
            action.dueOn = try row.decode(column: "due_on", as: String.self)
            return action
        }
        let events = try await ColumnRows.read(ChallengeEvent.schema, ["id", "source_id"], partnership: pid, withdrawable: false, on: db).map { row in
            let event = ChallengeEvent()
            event.id = try row.decode(column: "id", as: UUID.self)
            event.$source.id = try row.decode(column: "source_id", as: UUID.self)
            return event
        }
        let groups = try await PartnershipGroup.query(on: db).filter(\.$partnership.$id == pid).all()
        return SourceRows(sources: sources, findings: Dictionary(grouping: findings) { $0.$source.id },
                          recommendations: recommendations.filter { !hidden.contains($0.$source.id) },
                          actions: actions.filter { !hidden.contains($0.$source.id) },
                          events: Dictionary(grouping: events) { $0.$source.id },
                          groupNames: Dictionary(groups.compactMap { g in g.id.map { ($0, g.name) } }, uniquingKeysWith: { a, _ in a }))
    }

    static func summaries(_ rows: SourceRows, today: CalendarDate) -> [SourceSummary] {
        let recommendations = Dictionary(grouping: rows.recommendations) { $0.$source.id }
        let actions = Dictionary(grouping: rows.actions) { $0.$source.id }
        return rows.sources.map { source in
            let id = source.id!
            let mine = actions[id] ?? []
            let (findingCount, recommendationCount, eventCount) = (rows.findings[id]?.count ?? 0, recommendations[id]?.count ?? 0, rows.events[id]?.count ?? 0)
            let progress = progress(of: source, findings: findingCount, recommendations: recommendationCount, actions: mine.count,
                                    challengeEvents: eventCount, today: today)
            return SourceSummary(
                source: source, groupName: source.$group.id.flatMap { rows.groupNames[$0] },
                findings: findingCount, recommendations: recommendationCount,
                openActions: mine.filter { $0.status.isOpen }.count,
                overdueActions: mine.filter { $0.isOverdue(today: today) }.count,
                doneActions: mine.filter { $0.status == .done }.count, challengeEvents: eventCount,
                stage: progress.stage, isChallengeDue: progress.isChallengeDue)
        }.sorted { lhs, rhs in
            let l = (lhs.source.reportingYear, lhs.source.completedOn ?? lhs.source.startedOn ?? lhs.source.plannedOn ?? "", lhs.source.title)
            let r = (rhs.source.reportingYear, rhs.source.completedOn ?? rhs.source.startedOn ?? rhs.source.plannedOn ?? "", rhs.source.title)
            return l.0 != r.0 ? l.0 > r.0 : (l.1, l.2) < (r.1, r.2)
        }
    }

    /// What the tracker page shows, from one read of each table: every source's summary, the
    /// headline counts, and the open actions (only the columns the tracker counts them by).
    public struct Tracker: Sendable {
        public let summaries: [SourceSummary]
        public let counts: TrackerCounts
        /// Open actions in due-date order; each has its source, recommendation, owner, status and due date.
        public let openActions: [LearningAction]
        public let organisationNames: [UUID: String]
    }

    public static func tracker(_ partnership: Partnership, hiding hidden: Set<UUID> = [], today: CalendarDate,
                               on db: any Database) async throws -> Tracker {
        let organisations = try await Organisation.query(on: db).filter(\.$partnership.$id == partnership.requireID()).field(\.$id).field(\.$name).all()
        let names = Dictionary(organisations.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        guard let rows = try await sourceRows(partnership, hiding: hidden, on: db) else {
            return Tracker(summaries: [], counts: TrackerCounts(open: 0, overdue: 0, done: 0, recommendationsWithoutActions: 0, challengeEventsDue: 0),
                           openActions: [], organisationNames: names)
        }
        let summaries = summaries(rows, today: today)
        return Tracker(summaries: summaries, counts: counts(rows, summaries: summaries, today: today), openActions: rows.actions.filter { $0.status.isOpen }, organisationNames: names)
    }

    /// Where a source has got to and whether its challenge event is due, worked out the same way
    /// for the lists and for one source's page.
    static func progress(of source: LearningSource, findings: Int, recommendations: Int, actions: Int, challengeEvents: Int,
                         today: CalendarDate) -> (stage: SourceStage, isChallengeDue: Bool) {
        (SourceStage.of(startedOn: source.started ?? source.completed, findings: findings, actions: actions,
                        challengeEvents: challengeEvents, today: today),
         TrackerRules.isChallengeDue(challengeDueOn: source.challengeDue, recommendations: recommendations,
                                     challengeEventsHeld: challengeEvents, today: today))
    }

    /// The years that have any learning, newest first.
    public static func years(_ partnership: Partnership, on db: any Database) async throws -> [ReportingYear] {
        let rows = try await LearningSource.query(on: db).filter(\.$partnership.$id == partnership.requireID()).field(\.$reportingYear).all()
        return Set(rows.compactMap { ReportingYear($0.reportingYear) }).sorted(by: >)
    }

    static func fields(of source: LearningSource) -> [String: String?] {
        ["kind": source.kind.rawValue, "title": source.title, "reporting_year": source.reportingYear, "summary": source.summary,
         "lead_role": source.leadRole, "lead_organisation": source.$leadOrganisation.id?.uuidString, "group": source.$group.id?.uuidString,
         "commissioned_reason": source.commissionedReason, "escalation": source.$escalation.id?.uuidString, "audit_type": source.auditType,
         "planned_on": source.plannedOn, "started_on": source.startedOn, "completed_on": source.completedOn,
         "challenge_due_on": source.challengeDueOn, "scope": source.scope, "reviewer": source.reviewer,
         "terms_of_reference": source.termsOfReference, "methods": source.methods, "observed": source.observed,
         "framework": source.framework, "asked_of": source.askedOf]
    }

    /// Resolves the draft's references (lead organisation by name, group and escalation by identifier)
    /// within the partnership, naming the field when one does not belong to it.
    static func apply(_ draft: SourceDraft, to source: LearningSource, in partnership: Partnership, on db: any Database) async throws {
        let pid = try partnership.requireID()
        var problems: [FieldError] = []
        var organisationID: UUID?
        if let name = draft.leadOrganisation {
            if let organisation = try await RegisterStore.organisation(named: name, in: partnership, on: db) {
                organisationID = organisation.id
            } else {
                problems.append(FieldError(field: "lead_organisation", message: "No organisation called \(name) is in the register: select one from the list"))
            }
        }
        var groupID: UUID?
        if let text = draft.group {
            if let id = UUID(uuidString: text),
               try await PartnershipGroup.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == pid).count() == 1 {
                groupID = id
            } else {
                problems.append(FieldError(field: "group", message: "Select a group of this partnership"))
            }
        }
        var escalationID: UUID?
        if let text = draft.escalation {
            if let id = UUID(uuidString: text),
               try await Escalation.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == pid).count() == 1 {
                escalationID = id
            } else {
                problems.append(FieldError(field: "escalation", message: "Select an escalation of this partnership's indicators"))
            }
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        source.$partnership.id = pid
        source.kind = draft.kind
        source.title = draft.title
        source.reportingYear = draft.reportingYear.description
        source.summary = draft.summary
        source.leadRole = draft.leadRole
        source.$leadOrganisation.id = organisationID
        source.$group.id = groupID
        source.commissionedReason = draft.commissionedReason
        source.$escalation.id = escalationID
        source.auditType = draft.auditType?.rawValue
        source.plannedOn = draft.plannedOn?.description
        source.startedOn = draft.startedOn?.description
        source.completedOn = draft.completedOn?.description
        source.challengeDueOn = draft.challengeDueOn?.description
        source.scope = draft.scope
        source.reviewer = draft.reviewer
        source.termsOfReference = draft.termsOfReference.isEmpty ? nil : draft.termsOfReference.joined(separator: "\n")
        source.methods = draft.methods
        source.observed = draft.observed
        source.framework = draft.framework
        source.askedOf = draft.askedOf
    }

    public static func createSource(_ draft: SourceDraft, in partnership: Partnership, isIllustrative: Bool = false,
                                    by actor: Actor, on db: any Database) async throws -> LearningSource {
        try await db.transaction { tx in
            let source = LearningSource()
            try await apply(draft, to: source, in: partnership, on: tx)
            source.isPublished = false
            source.isIllustrative = isIllustrative
            source.createdAt = Date()
            try await source.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "learning_source", subjectID: source.id?.uuidString,
                                        summary: "Recorded \(draft.kind.label.lowercased()) \(draft.title)",
                                        changes: AuditTrail.diff([:], fields(of: source)))
            return source
        }
    }

    public static func updateSource(_ id: UUID, with draft: SourceDraft, in partnership: Partnership, by actor: Actor,
                                    on db: any Database) async throws {
        try await db.transaction { tx in
            let source = try await source(id, in: partnership, on: tx)
            guard source.kind == draft.kind else {
                throw ValidationErrors([FieldError(field: "kind", message: "A source's kind cannot change: it is a \(source.kind.label.lowercased())")])
            }
            let before = fields(of: source)
            try await apply(draft, to: source, in: partnership, on: tx)
            try await source.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "update",
                                        subjectType: "learning_source", subjectID: id.uuidString, summary: "Changed \(draft.title)",
                                        changes: AuditTrail.diff(before, fields(of: source)))
        }
    }

    public static func detail(_ id: UUID, in partnership: Partnership, today: CalendarDate, on db: any Database) async throws -> SourceDetail {
        let source = try await source(id, in: partnership, on: db)
        let leadOrganisation = try await source.$leadOrganisation.get(on: db)
        let group = try await source.$group.get(on: db)
        let escalation = try await source.$escalation.get(on: db)
        let indicator = try await escalation?.$indicator.get(on: db)
        let findings = try await Finding.query(on: db).filter(\.$source.$id == id).sort(\.$position).all()
        let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id == id).sort(\.$number).all()
        let actions = try await actionDetails(LearningAction.query(on: db).filter(\.$source.$id == id).sort(\.$dueOn), on: db)
        let events = try await ChallengeEvent.query(on: db).filter(\.$source.$id == id).sort(\.$heldOn).with(\.$judgements).all()
        let numbers = Dictionary(recommendations.map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        var latest: [UUID: Judgement] = [:]
        for event in events { for judgement in event.judgements { latest[judgement.$recommendation.id] = judgement.judgement } }
        let findingsByID = Dictionary(findings.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let recommendationDetails = recommendations.map { recommendation in
            RecommendationDetail(recommendation: recommendation, finding: recommendation.$finding.id.flatMap { findingsByID[$0] },
                                 actions: actions.filter { $0.recommendation.id == recommendation.id },
                                 judgement: latest[recommendation.id!])
        }
        let eventDetails = events.map { event in
            ChallengeEventDetail(event: event,
                                 judgements: event.judgements.compactMap { j in numbers[j.$recommendation.id].map { ($0, j.judgement) } }
                                     .sorted { $0.number < $1.number },
                                 addedActions: actions.filter { $0.action.$challengeEvent.id == event.id }.count)
        }
        let survey = try await Survey.query(on: db).filter(\.$source.$id == id).first()
        let progress = progress(of: source, findings: findings.count, recommendations: recommendations.count, actions: actions.count,
                                challengeEvents: events.count, today: today)
        return SourceDetail(source: source, leadOrganisation: leadOrganisation, group: group, escalation: escalation,
                            escalationIndicator: indicator, findings: findings, recommendations: recommendationDetails,
                            challengeEvents: eventDetails, stage: progress.stage, isChallengeDue: progress.isChallengeDue,
                            survey: survey)
    }

    // MARK: Findings and recommendations

    public static func addFinding(_ draft: FindingDraft, to sourceID: UUID, in partnership: Partnership, by actor: Actor,
                                  on db: any Database) async throws -> Finding {
        try await db.transaction { tx in
            let source = try await source(sourceID, in: partnership, on: tx)
            let position = (try await Finding.query(on: tx).withDeleted().filter(\.$source.$id == sourceID).max(\.$position) ?? 0) + 1
            let finding = Finding()
            finding.$partnership.id = source.$partnership.id
            finding.$source.id = sourceID
            finding.kind = draft.kind
            finding.text = draft.text
            finding.themes = draft.themes.joined(separator: ", ")
            finding.position = position
            try await finding.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "finding", subjectID: finding.id?.uuidString,
                                        summary: "Added a finding (\(draft.kind.label.lowercased())) to \(source.title)")
            return finding
        }
    }

    public static func addRecommendation(_ draft: RecommendationDraft, to sourceID: UUID, in partnership: Partnership, by actor: Actor,
                                         on db: any Database) async throws -> Recommendation {
        try await db.transaction { tx in
            let source = try await source(sourceID, in: partnership, on: tx)
            var findingID: UUID?
            if let text = draft.finding {
                guard let id = UUID(uuidString: text),
                      try await Finding.query(on: tx).filter(\.$id == id).filter(\.$source.$id == sourceID).count() == 1 else {
                    throw ValidationErrors([FieldError(field: "finding", message: "Select one of this source's findings, or none")])
                }
                findingID = id
            }
            // Withdrawn recommendations keep their numbers (a restored one comes back as it was).
            let number = (try await Recommendation.query(on: tx).withDeleted().filter(\.$source.$id == sourceID).max(\.$number) ?? 0) + 1
            let recommendation = Recommendation()
            recommendation.$partnership.id = source.$partnership.id
            recommendation.$source.id = sourceID
            recommendation.$finding.id = findingID
            recommendation.text = draft.text
            recommendation.number = number
            try await recommendation.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "recommendation", subjectID: recommendation.id?.uuidString,
                                        summary: "Added recommendation \(number) to \(source.title)")
            return recommendation
        }
    }

    public static func recommendation(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> Recommendation {
        guard let recommendation = try await Recommendation.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnership.requireID()).with(\.$source).first() else { throw NotFound("recommendation") }
        return recommendation
    }

    /// Recommendations, each with its source, that no action answers yet.
    public static func recommendationsWithoutActions(_ partnership: Partnership, hiding hidden: Set<UUID> = [],
                                                     on db: any Database) async throws -> [Recommendation] {
        let pid = try partnership.requireID()
        let answered = Set(try await LearningAction.query(on: db).filter(\.$partnership.$id == pid).field(\.$recommendation.$id).all()
            .map(\.$recommendation.id))
        return try await Recommendation.query(on: db).filter(\.$partnership.$id == pid).with(\.$source).all()
            .filter { !answered.contains($0.id!) && !hidden.contains($0.$source.id) }
            .sorted { lhs, rhs in
                // Newest year first; within a year by source, then in the recommendations' own order.
                if lhs.source.reportingYear != rhs.source.reportingYear { return lhs.source.reportingYear > rhs.source.reportingYear }
                return (lhs.source.title, lhs.number) < (rhs.source.title, rhs.number)
            }
    }

    // MARK: Actions

    /// The organisation an action draft names, by identifier or by name.
    static func owner(_ text: String, field: String, in partnership: Partnership, on db: any Database) async throws -> Organisation {
        if let id = UUID(uuidString: text), let organisation = try? await RegisterStore.organisation(id, in: partnership, on: db) {
            return organisation
        }
        if let organisation = try await RegisterStore.organisation(named: text, in: partnership, on: db) { return organisation }
        throw ValidationErrors([FieldError(field: field, message: "No organisation called \(text) is in the register: select one from the list")])
    }

    /// Adds an action raised on `raisedOn` (the draft's day, or today for the pages and the API), and
    /// the first entry of its status history: not started on that day.
    public static func addAction(_ draft: ActionDraft, to recommendationID: UUID, in partnership: Partnership, raisedOn: CalendarDate,
                                 addedBy challengeEventID: UUID? = nil, fieldPrefix: String = "", by actor: Actor,
                                 on db: any Database) async throws -> LearningAction {
        try await db.transaction { tx in
            let recommendation = try await recommendation(recommendationID, in: partnership, on: tx)
            let organisation = try await owner(draft.ownerOrganisation, field: fieldPrefix + "owner_organisation", in: partnership, on: tx)
            let action = LearningAction()
            action.$partnership.id = recommendation.$partnership.id
            action.$recommendation.id = recommendationID
            action.$source.id = recommendation.$source.id
            action.text = draft.text
            action.$ownerOrganisation.id = try organisation.requireID()
            action.owner = draft.owner
            action.dueOn = draft.dueOn.description
            action.status = .notStarted
            action.raisedOn = raisedOn.description
            action.$challengeEvent.id = challengeEventID
            action.createdAt = Date()
            action.updatedAt = action.createdAt
            try await action.create(on: tx)
            try await recordStatus(.notStarted, of: action, on: raisedOn, by: actor, on: tx)
            try await AuditTrail.record(on: tx, partnershipID: action.$partnership.id, actor: actor, action: "create",
                                        subjectType: "action", subjectID: action.id?.uuidString,
                                        summary: "Added an action for \(organisation.name) to recommendation \(recommendation.number) of \(recommendation.source.title), due \(draft.dueOn.long)")
            return action
        }
    }

    static func actionDetails(_ query: QueryBuilder<LearningAction>, on db: any Database) async throws -> [ActionDetail] {
        let actions = try await query.with(\.$ownerOrganisation).with(\.$recommendation).with(\.$source).all()
        let ids = actions.compactMap(\.id)
        let evidence = ids.isEmpty ? [] : try await ImpactEvidence.query(on: db).filter(\.$action.$id ~~ ids).sort(\.$recordedOn).all()
        let byAction = Dictionary(grouping: evidence, by: { $0.$action.id })
        let history = try await statusHistory(of: ids, on: db)
        return actions.map { action in
            ActionDetail(action: action, organisation: action.ownerOrganisation, recommendation: action.recommendation,
                         source: action.source, evidence: byAction[action.id!] ?? [], history: history[action.id!] ?? [])
        }
    }

    public static func action(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> ActionDetail {
        let pid = try partnership.requireID()
        guard let detail = try await actionDetails(LearningAction.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == pid), on: db).first
        else { throw NotFound("action") }
        return detail
    }

    public typealias ActionFilter = SafeguardingDomain.ActionFilter

    /// Actions by filter, optionally for one organisation, in due-date order.
    public static func actions(_ partnership: Partnership, filter: ActionFilter, organisationID: UUID? = nil, hiding hidden: Set<UUID> = [],
                               today: CalendarDate, on db: any Database) async throws -> [ActionDetail] {
        var query = LearningAction.query(on: db).filter(\.$partnership.$id == (try partnership.requireID()))
        if !hidden.isEmpty { query = query.filter(\.$source.$id !~ Array(hidden)) }
        if let organisationID { query = query.filter(\.$ownerOrganisation.$id == organisationID) }
        switch filter {
        case .open: query = query.filter(\.$status ~~ [.notStarted, .inProgress])
        case .overdue: query = query.filter(\.$status ~~ [.notStarted, .inProgress]).filter(\.$dueOn < today.description)
        case .done: query = query.filter(\.$status == .done)
        case .dropped: query = query.filter(\.$status == .dropped)
        case .all: break
        }
        return try await actionDetails(query.sort(\.$dueOn), on: db)
    }

    public static func addEvidence(_ draft: EvidenceDraft, to actionID: UUID, in partnership: Partnership, recordedOn: CalendarDate,
                                   markDone: Bool = false, by actor: Actor, on db: any Database) async throws -> ImpactEvidence {
        try await db.transaction { tx in
            let detail = try await action(actionID, in: partnership, on: tx)
            let evidence = ImpactEvidence()
            evidence.$partnership.id = detail.action.$partnership.id
            evidence.$action.id = actionID
            evidence.whatChanged = draft.whatChanged
            evidence.howWeKnow = draft.howWeKnow
            evidence.reference = draft.reference
            evidence.recordedBy = actor.email
            evidence.recordedOn = recordedOn.description
            try await evidence.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: evidence.$partnership.id, actor: actor, action: "create",
                                        subjectType: "impact_evidence", subjectID: evidence.id?.uuidString,
                                        summary: "Recorded evidence of impact for an action of \(detail.organisation.name)")
            if markDone, detail.action.status != .done {
                let before = detail.action.status
                let closedBefore = detail.action.closedOn
                let closed = try await recordStatus(.done, of: detail.action, on: recordedOn, by: actor, on: tx)
                detail.action.status = .done
                detail.action.droppedReason = nil
                detail.action.closedOn = closed.description
                detail.action.updatedAt = Date()
                try await detail.action.update(on: tx)
                try await AuditTrail.record(on: tx, partnershipID: evidence.$partnership.id, actor: actor, action: "update",
                                            subjectType: "action", subjectID: actionID.uuidString, summary: "Marked an action done with evidence",
                                            changes: AuditTrail.diff(["status": before.rawValue, "closed_on": closedBefore],
                                                                     ["status": ActionStatus.done.rawValue, "closed_on": detail.action.closedOn]))
            }
            return evidence
        }
    }

    /// Changes an action's status by the tracker's rules: done only with evidence, dropped only with a reason.
    /// A change of status adds an entry to the action's history (`ActionStatusEntry`) on `changedOn`,
    /// which is what the yearly report reads. `closed_on` stays on the action as its present state for
    /// the pages: the day it closed (done or dropped), cleared when it is reopened.
    public static func changeStatus(of actionID: UUID, fields: [String: String], in partnership: Partnership, changedOn day: CalendarDate,
                                    by actor: Actor, on db: any Database) async throws -> ActionStatusChange {
        try await db.transaction { tx in
            let detail = try await action(actionID, in: partnership, on: tx)
            let change = try ActionStatusChange.validate(fields, evidenceCount: detail.evidence.count)
            let action = detail.action
            let before: [String: String?] = ["status": action.status.rawValue, "dropped_reason": action.droppedReason, "closed_on": action.closedOn]
            if change.status != action.status {
                let effective = try await recordStatus(change.status, of: action, on: day, droppedReason: change.droppedReason, by: actor, on: tx)
                action.closedOn = change.status.isOpen ? nil : effective.description
            }
            action.status = change.status
            action.droppedReason = change.droppedReason
            action.updatedAt = Date()
            try await action.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: action.$partnership.id, actor: actor, action: "update",
                                        subjectType: "action", subjectID: actionID.uuidString,
                                        summary: "Set an action of \(detail.organisation.name) to \(change.status.label.lowercased())",
                                        changes: AuditTrail.diff(before, ["status": change.status.rawValue, "dropped_reason": change.droppedReason,
                                                                          "closed_on": action.closedOn]))
            return change
        }
    }

    // MARK: Challenge events

    /// Records a challenge event with a judgement on every recommendation of the source, and, when
    /// `action_text` is filled in, an action it adds to the recommendation `action_recommendation`.
    public static func recordChallengeEvent(for sourceID: UUID, fields: [String: String], in partnership: Partnership, by actor: Actor,
                                            on db: any Database) async throws -> ChallengeEvent {
        try await db.transaction { tx in
            let source = try await source(sourceID, in: partnership, on: tx)
            let recommendations = try await Recommendation.query(on: tx).filter(\.$source.$id == sourceID).sort(\.$number).all()
            var problems: [FieldError] = []
            if recommendations.isEmpty {
                problems.append(FieldError(field: "recommendations", message: "Record the source's recommendations before its challenge event"))
            }
            var draft: ChallengeEventDraft?
            let numbered = recommendations.map { ($0.id!.uuidString.lowercased(), $0.number) }
            do throws(ValidationErrors) {
                draft = try ChallengeEventDraft.validate(fields, recommendations: numbered)
            } catch { problems += error.errors }
            var newAction: (ActionDraft, UUID)?
            if !(fields["action_text"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                do throws(ValidationErrors) {
                    let actionDraft = try ActionDraft.validate(fields, prefix: "action_")
                    if let id = UUID(uuidString: fields["action_recommendation"] ?? ""), recommendations.contains(where: { $0.id == id }) {
                        newAction = (actionDraft, id)
                    } else {
                        problems.append(FieldError(field: "action_recommendation", message: "Select the recommendation the new action answers"))
                    }
                } catch { problems += error.errors }
            }
            if !problems.isEmpty { throw ValidationErrors(problems) }
            let event = ChallengeEvent()
            event.$partnership.id = source.$partnership.id
            event.$source.id = sourceID
            event.heldOn = draft!.heldOn.description
            event.whoWasChallenged = draft!.whoWasChallenged
            event.assuranceGiven = draft!.assuranceGiven
            event.recordedBy = actor.email
            try await event.create(on: tx)
            for recommendation in recommendations {
                let judgement = ChallengeJudgement()
                judgement.$partnership.id = source.$partnership.id
                judgement.$event.id = try event.requireID()
                judgement.$recommendation.id = recommendation.id!
                judgement.judgement = draft!.judgements[recommendation.id!.uuidString.lowercased()]!
                try await judgement.create(on: tx)
            }
            try await AuditTrail.record(on: tx, partnershipID: source.$partnership.id, actor: actor, action: "create",
                                        subjectType: "challenge_event", subjectID: event.id?.uuidString,
                                        summary: "Recorded the challenge event of \(draft!.heldOn.long) for \(source.title)")
            if let (actionDraft, recommendationID) = newAction {
                _ = try await addAction(actionDraft, to: recommendationID, in: partnership, raisedOn: actionDraft.raisedOn ?? draft!.heldOn, addedBy: event.id,
                                        fieldPrefix: "action_", by: actor, on: tx)
            }
            return event
        }
    }
}

extension LearningStore {
    /// Escalations of the partnership's indicators, newest first, for linking the work they commissioned.
    public static func escalationChoices(_ partnership: Partnership, on db: any Database) async throws -> [Escalation] {
        try await Escalation.query(on: db).filter(\.$partnership.$id == partnership.requireID()).with(\.$indicator)
            .sort(\.$raisedAt, .descending).all()
    }

    /// Sources commissioned by an escalation, for the indicator page's link from signal to audit.
    public static func sources(commissionedBy escalationIDs: [UUID], on db: any Database) async throws -> [LearningSource] {
        guard !escalationIDs.isEmpty else { return [] }
        return try await LearningSource.query(on: db).filter(\.$escalation.$id ~~ escalationIDs).all()
    }

    public struct TrackerCounts: Sendable {
        public let open: Int
        public let overdue: Int
        public let done: Int
        public let recommendationsWithoutActions: Int
        public let challengeEventsDue: Int
    }

    /// The tracker's headline counts. Pass `sources` when the caller already has every source's summary.
    /// Read from the same rows as the tracker (`sourceRows`), so the two always agree.
    public static func counts(_ partnership: Partnership, today: CalendarDate, sources known: [SourceSummary]? = nil, hiding hidden: Set<UUID> = [],
                              on db: any Database) async throws -> TrackerCounts {
        guard let rows = try await sourceRows(partnership, hiding: hidden, on: db) else {
            return TrackerCounts(open: 0, overdue: 0, done: 0, recommendationsWithoutActions: 0, challengeEventsDue: 0)
        }
        return counts(rows, summaries: known ?? summaries(rows, today: today), today: today)
    }

    static func counts(_ rows: SourceRows, summaries: [SourceSummary], today: CalendarDate) -> TrackerCounts {
        let answered = Set(rows.actions.map(\.$recommendation.id))
        return TrackerCounts(open: rows.actions.filter { $0.status.isOpen }.count,
                             overdue: rows.actions.filter { $0.isOverdue(today: today) }.count,
                             done: rows.actions.filter { $0.status == .done }.count,
                             recommendationsWithoutActions: rows.recommendations.filter { !answered.contains($0.id!) }.count,
                             challengeEventsDue: summaries.filter(\.isChallengeDue).count)
    }
}
