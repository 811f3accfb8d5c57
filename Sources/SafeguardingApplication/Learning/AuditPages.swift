import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The audit programme of one reporting year: each audit, by type, with its counts and stage.
public struct AuditProgrammePage: Sendable {
    public struct Row: Sendable {
        public let id: UUID
        public let title: String
        /// An audit recorded without a type counts as multi-agency.
        public let auditType: AuditType
        /// Completed, else started, else planned.
        public let when: CalendarDate?
        public let isCommissionedByEscalation: Bool
        public let commissionedReason: String?
        public let findings: Int
        public let openActions: Int
        public let doneActions: Int
        public let stage: SourceStage
        public let isChallengeDue: Bool
    }

    /// Years with learning, and the one shown, newest first.
    public let years: [ReportingYear]
    /// The year asked for, else the newest with an audit, else the current one (`DefaultYear`).
    public let year: ReportingYear
    /// In the order they are planned, started or completed.
    public let audits: [Row]
    /// Plans audits: the learning's editors.
    public let mayPlan: Bool
}

/// One audit's tool: the answers collated, the cases and agencies taking part, the questions,
/// and the forms that build it for whoever may.
public struct AuditToolPage: Sendable {
    public struct Question: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        public let guidance: String?
        public let spread: GradeSpread
    }

    public struct Participant: Sendable {
        public let id: UUID
        public let name: String
        public let spread: GradeSpread
        /// Whether this viewer answers for the organisation (its contributors, and administrators).
        public let mayAnswer: Bool
    }

    /// A case, known by its local reference only.
    public struct Case: Sendable {
        public let id: UUID
        public let reference: String
        /// The participants that have answered every question for the case.
        public let completedBy: Set<UUID>
    }

    public let id: UUID
    public let title: String
    public let auditType: AuditType?
    public let isIllustrative: Bool
    public let scope: String?
    public let answerCount: Int
    public let overall: GradeSpread
    public let questions: [Question]
    public let cases: [Case]
    /// By name.
    public let participants: [Participant]
    /// Adds questions, cases and agencies: the learning's editors.
    public let mayEdit: Bool
    /// The register's organisations, for the agency to add.
    public let organisations: [OrganisationChoice]
}

/// One agency's answers for one case of an audit: the form for whoever answers for the agency,
/// the answers as a list for anyone else.
public struct AuditAnswersPage: Sendable {
    public struct Question: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        public let guidance: String?
        /// The grade and comment given so far, if any.
        public let answer: AuditAnswerSheet.Answer?
    }

    public let auditID: UUID
    public let auditTitle: String
    public let caseID: UUID
    public let caseReference: String
    public let organisationID: UUID
    public let organisationName: String
    public let questions: [Question]
    public let mayAnswer: Bool
}

extension AuditProgrammePage.Row {
    init(_ summary: LearningStore.SourceSummary) throws {
        let source = summary.source
        id = try source.requireID()
        title = source.title
        auditType = source.auditType.flatMap(AuditType.init(rawValue:)) ?? .multiAgency
        when = (source.completedOn ?? source.startedOn ?? source.plannedOn).flatMap(CalendarDate.init(iso:))
        isCommissionedByEscalation = source.$escalation.id != nil
        commissionedReason = source.commissionedReason
        findings = summary.findings
        openActions = summary.openActions
        doneActions = summary.doneActions
        stage = summary.stage
        isChallengeDue = summary.isChallengeDue
    }
}

extension AuditToolPage {
    /// The tool as this viewer sees it; the caller has checked the viewer may see it at all.
    static func read(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> AuditToolPage {
        let tool = try await AuditToolStore.tool(id, in: viewer.partnership, on: context.database)
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        let collation = tool.collation
        let source = tool.source
        let participantIDs = try tool.participants.map { try $0.requireID() }
        return AuditToolPage(
            id: id, title: source.title, auditType: source.auditType.flatMap(AuditType.init(rawValue:)), isIllustrative: source.isIllustrative,
            scope: source.scope, answerCount: tool.answers.count, overall: collation.overall,
            questions: try tool.questions.map { question in
                let id = try question.requireID()
                return Question(id: id, number: question.number, text: question.text, guidance: question.guidance,
                                spread: collation.byQuestion[id.uuidString] ?? GradeSpread())
            },
            cases: try tool.cases.map { auditCase in
                let id = try auditCase.requireID()
                return Case(id: id, reference: auditCase.reference,
                            completedBy: Set(participantIDs.filter { tool.isComplete(case: id, organisation: $0) }))
            },
            participants: try tool.participants.map { organisation in
                let id = try organisation.requireID()
                return Participant(id: id, name: organisation.name, spread: collation.byOrganisation[id.uuidString] ?? GradeSpread(),
                                   mayAnswer: viewer.allows(.answerAudit(owner: organisation.ref)))
            },
            mayEdit: viewer.allows(.editLearning), organisations: try organisations.map(OrganisationChoice.init))
    }
}

extension AuditAnswersPage {
    /// One agency's answers for one case; "not found" unless both take part in the audit. The
    /// caller has checked the viewer may see them.
    static func read(_ viewer: Viewer, auditID: UUID, caseID: UUID, organisationID: UUID, _ context: AppContext) async throws -> AuditAnswersPage {
        let tool = try await AuditToolStore.tool(auditID, in: viewer.partnership, on: context.database)
        guard let auditCase = tool.cases.first(where: { $0.id == caseID }),
              let organisation = tool.participants.first(where: { $0.id == organisationID }) else { throw NotFound("audit case or agency") }
        let existing = tool.answers(case: caseID, organisation: organisationID)
        return AuditAnswersPage(
            auditID: auditID, auditTitle: tool.source.title, caseID: caseID, caseReference: auditCase.reference,
            organisationID: organisationID, organisationName: organisation.name,
            questions: try tool.questions.map { question in
                let id = try question.requireID()
                return Question(id: id, number: question.number, text: question.text, guidance: question.guidance,
                                answer: existing[id].map { AuditAnswerSheet.Answer(grade: $0.grade, comment: $0.comment) })
            },
            mayAnswer: viewer.allows(.answerAudit(owner: organisation.ref)))
    }
}
