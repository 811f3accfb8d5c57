import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The learning tracker under `/api/v1/partnerships/{slug}`, with the same role rules as the pages.
enum LearningAPI {
    struct OrganisationRefJSON: Content {
        let id: UUID
        let name: String
    }

    struct EvidenceJSON: Content {
        let id: UUID
        let what_changed: String
        let how_we_know: String
        let reference: String?
        let recorded_on: String
        let recorded_by: String

        init(_ e: ActionRecord.Evidence) {
            id = e.id
            what_changed = e.whatChanged
            how_we_know = e.howWeKnow
            reference = e.reference
            recorded_on = e.recordedOn
            recorded_by = e.recordedBy
        }
    }

    struct StatusChangeJSON: Content {
        let status: String
        let changed_on: String
        let changed_by: String?
        let dropped_reason: String?

        init(_ c: ActionRecord.Change) {
            status = c.status.rawValue
            changed_on = c.changedOn
            changed_by = c.changedBy
            dropped_reason = c.droppedReason
        }
    }

    struct ActionJSON: Content {
        let id: UUID
        let text: String
        let status: String
        let is_overdue: Bool
        let due_date: String
        let raised_on: String
        let closed_on: String?
        let owner: String
        let organisation: OrganisationRefJSON
        let recommendation_id: UUID
        let source_id: UUID
        let dropped_reason: String?
        let evidence: [EvidenceJSON]
        let history: [StatusChangeJSON]

        init(_ a: ActionRecord) {
            id = a.id
            text = a.text
            status = a.status.rawValue
            is_overdue = a.isOverdue
            due_date = a.dueOn
            raised_on = a.raisedOn
            closed_on = a.closedOn
            owner = a.owner
            organisation = OrganisationRefJSON(id: a.organisationID, name: a.organisationName)
            recommendation_id = a.recommendationID
            source_id = a.sourceID
            dropped_reason = a.droppedReason
            evidence = a.evidence.map(EvidenceJSON.init)
            history = a.history.map(StatusChangeJSON.init)
        }
    }

    struct FindingJSON: Content {
        let id: UUID
        let kind: String
        let text: String
        let themes: [String]
    }

    struct RecommendationJSON: Content {
        let id: UUID
        let number: Int
        let text: String
        let source_id: UUID
        let finding_id: UUID?
        let judgement: String?
        let actions: [ActionJSON]?
    }

    struct SourceJSON: Content {
        let id: UUID
        let kind: String
        let title: String
        let reporting_year: String
        let stage: String
        let summary: String?
        let audit_type: String?
        let started_on: String?
        let completed_on: String?
        let challenge_due_on: String?
        let challenge_event_due: Bool
        let terms_of_reference: [String]
        let is_illustrative: Bool
        let findings: [FindingJSON]?
        let recommendations: [RecommendationJSON]?
        let challenge_events: [ChallengeEventJSON]?
    }

    struct ChallengeEventJSON: Content {
        let id: UUID
        let held_on: String
        let who_was_challenged: String
        let assurance_given: String
        let judgements: [String: String]
    }

    /// A source's own fields; one source's answer adds its findings, recommendations (with actions) and challenge events.
    static func sourceJSON(_ source: SourceRecord) -> SourceJSON {
        let detail = source.detail
        return SourceJSON(id: source.id, kind: source.kind.rawValue, title: source.title, reporting_year: source.reportingYear,
                          stage: source.isChallengeDue ? "challenge_event_due" : "\(source.stage)", summary: source.summary, audit_type: source.auditType,
                          started_on: source.startedOn, completed_on: source.completedOn, challenge_due_on: source.challengeDueOn,
                          challenge_event_due: source.isChallengeDue, terms_of_reference: source.terms, is_illustrative: source.isIllustrative,
                          findings: detail?.findings.map { FindingJSON(id: $0.id, kind: $0.kind.rawValue, text: $0.text, themes: $0.themes) },
                          recommendations: detail?.recommendations.map { r in
                              RecommendationJSON(id: r.id, number: r.number, text: r.text, source_id: source.id, finding_id: r.findingID,
                                                 judgement: r.judgement?.rawValue, actions: r.actions.map(ActionJSON.init))
                          },
                          challenge_events: detail?.challengeEvents.map { e in
                              ChallengeEventJSON(id: e.id, held_on: e.heldOn, who_was_challenged: e.whoWasChallenged, assurance_given: e.assuranceGiven,
                                                 judgements: Dictionary(e.judgements.map { (String($0.recommendationNumber), $0.judgement.rawValue) },
                                                                        uniquingKeysWith: { a, _ in a }))
                          })
    }

    // MARK: Sources

    static func sources(_ req: Request) async throws -> [SourceJSON] {
        let viewer = try await req.partnershipAccess()
        try LearningReads.requireTracker(viewer)
        var kind: SourceKind?
        if let text = req.query[String.self, at: "kind"] {
            guard let parsed = SourceKind(rawValue: text) else {
                throw ValidationErrors([FieldError(field: "kind", message: "Expected one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            kind = parsed
        }
        var year: ReportingYear?
        if let text = req.query[String.self, at: "year"] {
            guard let parsed = ReportingYear(text) else { throw ValidationErrors([FieldError(field: "year", message: "Expected a reporting year like 2023-24")]) }
            year = parsed
        }
        return try await LearningReads.sourceRecords(viewer, kind: kind, year: year, req.context).map(sourceJSON)
    }

    static func source(_ req: Request) async throws -> SourceJSON {
        let viewer = try await req.partnershipAccess()
        try LearningReads.requireTracker(viewer)
        return sourceJSON(try await LearningReads.sourceRecord(viewer, id: req.uuidParameter("id"), req.context))
    }

    static func createSource(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try await LearningWrites.createSource(viewer, body: req.jsonFields, req.context)
        return try await sourceJSON(LearningReads.sourceRecord(viewer, id: id, req.context)).encodeResponse(status: .created, for: req)
    }

    static func addFinding(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let finding = try await LearningWrites.createFinding(viewer, on: { try req.uuidParameter("id") }, body: req.jsonFields, req.context)
        return try await FindingJSON(id: finding.id, kind: finding.kind.rawValue, text: finding.text, themes: finding.themes)
            .encodeResponse(status: .created, for: req)
    }

    // MARK: Recommendations

    static func recommendations(_ req: Request) async throws -> [RecommendationJSON] {
        let viewer = try await req.partnershipAccess()
        let without = req.query[String.self, at: "without_actions"] == "true"
        return try await LearningReads.recommendationRecords(viewer, withoutActions: without, req.context).map {
            RecommendationJSON(id: $0.id, number: $0.number, text: $0.text, source_id: $0.sourceID, finding_id: $0.findingID, judgement: nil, actions: nil)
        }
    }

    /// `{"source_id": …, "text": …, "finding": optional finding id}`
    static func createRecommendation(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let recommendation = try await LearningWrites.createRecommendation(viewer, body: req.jsonFields, req.context)
        return try await RecommendationJSON(id: recommendation.id, number: recommendation.number, text: recommendation.text,
                                            source_id: recommendation.sourceID, finding_id: recommendation.findingID, judgement: nil, actions: [])
            .encodeResponse(status: .created, for: req)
    }

    // MARK: Actions

    static func actions(_ req: Request) async throws -> [ActionJSON] {
        let viewer = try await req.partnershipAccess()
        try LearningReads.requireTracker(viewer)
        var filter = ActionFilter.all
        if let text = req.query[String.self, at: "status"] {
            guard let parsed = ActionFilter(rawValue: text) else {
                throw ValidationErrors([FieldError(field: "status", message: "Expected one of \(ActionFilter.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            filter = parsed
        }
        var organisationID: UUID?
        if let text = req.query[String.self, at: "organisation"] {
            guard let id = UUID(uuidString: text) else { throw ValidationErrors([FieldError(field: "organisation", message: "Expected an organisation's id")]) }
            organisationID = id
        }
        return try await LearningReads.actionRecords(viewer, filter: filter, organisationID: organisationID, req.context).map(ActionJSON.init)
    }

    static func action(_ req: Request) async throws -> ActionJSON {
        let viewer = try await req.partnershipAccess()
        try LearningReads.requireTracker(viewer)
        return ActionJSON(try await LearningReads.actionRecord(viewer, id: req.uuidParameter("id"), req.context))
    }

    /// `{"recommendation_id", "text", "owner_organisation" (name or id), "owner", "due_on": "2024-09-30", "raised_on": optional, today}`
    static func createAction(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try await LearningWrites.createAction(viewer, body: req.jsonFields, req.context)
        return try await ActionJSON(LearningReads.actionRecord(viewer, id: id, req.context)).encodeResponse(status: .created, for: req)
    }

    /// `{"status": "done" | "in_progress" | …, "dropped_reason": …}`; done without evidence is a 422.
    static func updateAction(_ req: Request) async throws -> ActionJSON {
        let viewer = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        _ = try await LearningWrites.changeActionStatus(viewer, of: id, body: req.jsonFields, req.context)
        return ActionJSON(try await LearningReads.actionRecord(viewer, id: id, req.context))
    }

    /// `{"what_changed", "how_we_know", "reference", "mark_done": true}`
    static func addEvidence(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        try await LearningWrites.recordEvidence(viewer, to: id, body: {
            let fields = try req.jsonFields()
            return (fields, fields["mark_done"] == "true")
        }, req.context)
        return try await ActionJSON(LearningReads.actionRecord(viewer, id: id, req.context)).encodeResponse(status: .created, for: req)
    }
}
