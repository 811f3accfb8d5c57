import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// A source of learning as the API answers it: its own fields, and for one source its findings,
/// recommendations (with their actions) and challenge events. Dates are ISO text, as recorded.
public struct SourceRecord: Sendable {
    public struct Finding: Sendable {
        public let id: UUID
        public let kind: FindingKind
        public let text: String
        public let themes: [String]
    }

    public struct RecommendationItem: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        public let findingID: UUID?
        /// The judgement of the latest challenge event, if one has been held.
        public let judgement: Judgement?
        public let actions: [ActionRecord]
    }

    public struct ChallengeEventItem: Sendable {
        public struct Judged: Sendable {
            public let recommendationNumber: Int
            public let judgement: Judgement
        }

        public let id: UUID
        public let heldOn: String
        public let whoWasChallenged: String
        public let assuranceGiven: String
        /// In recommendation order.
        public let judgements: [Judged]
    }

    /// What only one source's answer holds.
    public struct Detail: Sendable {
        public let findings: [Finding]
        public let recommendations: [RecommendationItem]
        public let challengeEvents: [ChallengeEventItem]
    }

    public let id: UUID
    public let kind: SourceKind
    public let title: String
    public let reportingYear: String
    public let stage: SourceStage
    public let isChallengeDue: Bool
    public let summary: String?
    public let auditType: String?
    public let startedOn: String?
    public let completedOn: String?
    public let challengeDueOn: String?
    public let terms: [String]
    public let isIllustrative: Bool
    public let detail: Detail?
}

/// An action as the API answers it, with its evidence of impact.
public struct ActionRecord: Sendable {
    public struct Evidence: Sendable {
        public let id: UUID
        public let whatChanged: String
        public let howWeKnow: String
        public let reference: String?
        public let recordedOn: String
        public let recordedBy: String
    }

    /// One change of its status.
    public struct Change: Sendable {
        public let status: ActionStatus
        public let changedOn: String
        public let changedBy: String?
        public let droppedReason: String?
    }

    public let id: UUID
    public let text: String
    public let status: ActionStatus
    public let isOverdue: Bool
    public let dueOn: String
    public let raisedOn: String
    /// The day it closed (done or dropped), as it stands now; nil while open.
    public let closedOn: String?
    public let owner: String
    public let organisationID: UUID
    public let organisationName: String
    public let recommendationID: UUID
    public let sourceID: UUID
    public let droppedReason: String?
    public let evidence: [Evidence]
    /// Newest first.
    public let history: [Change]
}

/// A recommendation as the API lists it.
public struct RecommendationRecord: Sendable {
    public let id: UUID
    public let number: Int
    public let text: String
    public let sourceID: UUID
    public let findingID: UUID?
}

extension SourceRecord {
    init(_ summary: LearningStore.SourceSummary) throws {
        try self.init(summary.source, stage: summary.stage, isChallengeDue: summary.isChallengeDue, detail: nil)
    }

    init(_ detail: LearningStore.SourceDetail, today: CalendarDate) throws {
        let sourceDetail = Detail(
            findings: try detail.findings.map { Finding(id: try $0.requireID(), kind: $0.kind, text: $0.text, themes: $0.themeList) },
            recommendations: try detail.recommendations.map { item in
                RecommendationItem(id: try item.recommendation.requireID(), number: item.recommendation.number, text: item.recommendation.text,
                                   findingID: item.recommendation.$finding.id, judgement: item.judgement,
                                   actions: try item.actions.map { try ActionRecord($0, today: today) })
            },
            challengeEvents: try detail.challengeEvents.map { event in
                ChallengeEventItem(id: try event.event.requireID(), heldOn: event.event.heldOn, whoWasChallenged: event.event.whoWasChallenged,
                                   assuranceGiven: event.event.assuranceGiven,
                                   judgements: event.judgements.map { ChallengeEventItem.Judged(recommendationNumber: $0.number, judgement: $0.judgement) })
            })
        try self.init(detail.source, stage: detail.stage, isChallengeDue: detail.isChallengeDue, detail: sourceDetail)
    }

    private init(_ source: LearningSource, stage: SourceStage, isChallengeDue: Bool, detail: Detail?) throws {
        self.init(id: try source.requireID(), kind: source.kind, title: source.title, reportingYear: source.reportingYear, stage: stage,
                  isChallengeDue: isChallengeDue, summary: source.summary, auditType: source.auditType, startedOn: source.startedOn,
                  completedOn: source.completedOn, challengeDueOn: source.challengeDueOn, terms: source.terms,
                  isIllustrative: source.isIllustrative, detail: detail)
    }
}

extension ActionRecord {
    init(_ detail: LearningStore.ActionDetail, today: CalendarDate) throws {
        let action = detail.action
        self.init(
            id: try action.requireID(), text: action.text, status: action.status, isOverdue: detail.isOverdue(today: today), dueOn: action.dueOn,
            raisedOn: action.raisedOn, closedOn: action.closedOn,
            owner: action.owner, organisationID: try detail.organisation.requireID(), organisationName: detail.organisation.name,
            recommendationID: try detail.recommendation.requireID(), sourceID: try detail.source.requireID(), droppedReason: action.droppedReason,
            evidence: try detail.evidence.map { item in
                Evidence(id: try item.requireID(), whatChanged: item.whatChanged, howWeKnow: item.howWeKnow, reference: item.reference,
                         recordedOn: item.recordedOn, recordedBy: item.recordedBy)
            },
            history: detail.history.map { Change(status: $0.status, changedOn: $0.changedOn, changedBy: $0.changedBy, droppedReason: $0.droppedReason) })
    }
}

extension RecommendationRecord {
    init(_ recommendation: Recommendation) throws {
        self.init(id: try recommendation.requireID(), number: recommendation.number, text: recommendation.text,
                  sourceID: recommendation.$source.id, findingID: recommendation.$finding.id)
    }
}
