import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// One source of learning: its details, findings, recommendations with their actions, and
/// challenge events; and whether this viewer may add to it.
public struct SourcePage: Sendable {
    public struct Subgroup: Sendable {
        public let id: UUID
        public let name: String
    }

    /// The escalation from performance management that commissioned the work.
    public struct CommissioningEscalation: Sendable {
        public let indicatorKey: String
        public let indicatorName: String
        public let signal: String
    }

    public struct NumberedFinding: Sendable {
        public let id: UUID
        /// F1, F2, … in the order the findings were recorded.
        public let number: Int
        public let kind: FindingKind
        public let text: String
        public let themes: [String]
    }

    public struct RecommendationItem: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        /// The judgement of the latest challenge event, if one has been held.
        public let judgement: Judgement?
        public let findingNumber: Int?
        public let actions: [ActionRow]
    }

    public struct ChallengeEventItem: Sendable {
        public struct Judged: Sendable {
            public let recommendationNumber: Int
            public let judgement: Judgement
        }

        public let heldOn: CalendarDate?
        public let whoWasChallenged: String
        public let assuranceGiven: String
        /// In recommendation order.
        public let judgements: [Judged]
        public let addedActions: Int
    }

    public let id: UUID
    public let title: String
    public let kind: SourceKind
    public let auditType: AuditType?
    public let reportingYear: String
    public let isIllustrative: Bool
    public let subgroup: Subgroup?
    public let leadRole: String?
    public let leadOrganisationName: String?
    public let commissionedReason: String?
    public let commissionedBy: CommissioningEscalation?
    public let reviewer: String?
    public let framework: String?
    public let askedOf: String?
    public let scope: String?
    public let plannedOn: CalendarDate?
    public let startedOn: CalendarDate?
    public let completedOn: CalendarDate?
    public let challengeDueOn: CalendarDate?
    public let stage: SourceStage
    public let isChallengeDue: Bool
    public let summary: String?
    public let terms: [String]
    public let methods: String?
    public let observed: String?
    public let surveyID: UUID?
    public let findings: [NumberedFinding]
    public let recommendations: [RecommendationItem]
    public let challengeEvents: [ChallengeEventItem]
    /// May add findings and recommendations and change the details.
    public let mayEdit: Bool
    public let mayRecordChallenge: Bool
}

extension SourcePage {
    init(_ detail: LearningStore.SourceDetail, for viewer: Viewer, today: CalendarDate) {
        let source = detail.source
        let numbered = detail.findings.enumerated().map { index, finding in
            NumberedFinding(id: finding.id!, number: index + 1, kind: finding.kind, text: finding.text, themes: finding.themeList)
        }
        let numberOf = Dictionary(numbered.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        var commissionedBy: CommissioningEscalation?
        if let escalation = detail.escalation, let indicator = detail.escalationIndicator {
            commissionedBy = CommissioningEscalation(indicatorKey: indicator.key, indicatorName: indicator.name, signal: escalation.signal)
        }
        self.init(
            id: source.id!, title: source.title, kind: source.kind, auditType: source.auditType.flatMap(AuditType.init(rawValue:)),
            reportingYear: source.reportingYear, isIllustrative: source.isIllustrative,
            subgroup: detail.group.map { Subgroup(id: $0.id!, name: $0.name) },
            leadRole: source.leadRole, leadOrganisationName: detail.leadOrganisation?.name,
            commissionedReason: source.commissionedReason, commissionedBy: commissionedBy,
            reviewer: source.reviewer, framework: source.framework, askedOf: source.askedOf, scope: source.scope,
            plannedOn: source.plannedOn.flatMap(CalendarDate.init(iso:)), startedOn: source.startedOn.flatMap(CalendarDate.init(iso:)),
            completedOn: source.completedOn.flatMap(CalendarDate.init(iso:)), challengeDueOn: source.challengeDueOn.flatMap(CalendarDate.init(iso:)),
            stage: detail.stage, isChallengeDue: detail.isChallengeDue,
            summary: source.summary, terms: source.terms, methods: source.methods, observed: source.observed,
            surveyID: detail.survey?.id,
            findings: numbered,
            recommendations: detail.recommendations.map { item in
                RecommendationItem(id: item.recommendation.id!, number: item.recommendation.number, text: item.recommendation.text,
                                   judgement: item.judgement, findingNumber: item.finding.flatMap { numberOf[$0.id!] },
                                   actions: item.actions.map { ActionRow($0, today: today) })
            },
            challengeEvents: detail.challengeEvents.map { event in
                ChallengeEventItem(heldOn: CalendarDate(iso: event.event.heldOn), whoWasChallenged: event.event.whoWasChallenged,
                                   assuranceGiven: event.event.assuranceGiven,
                                   judgements: event.judgements.map { ChallengeEventItem.Judged(recommendationNumber: $0.number, judgement: $0.judgement) },
                                   addedActions: event.addedActions)
            },
            mayEdit: viewer.mayEdit(source), mayRecordChallenge: viewer.allows(.recordChallenge))
    }
}
