import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The sources of one reporting year, optionally of one kind, with their counts and stage.
public struct SourcesPage: Sendable {
    public struct Row: Sendable {
        public let id: UUID
        public let title: String
        public let kind: SourceKind
        public let auditType: AuditType?
        public let groupName: String?
        public let findings: Int
        public let recommendations: Int
        public let openActions: Int
        public let doneActions: Int
        public let overdueActions: Int
        public let stage: SourceStage
        public let isChallengeDue: Bool

        init(_ s: LearningStore.SourceSummary) {
            id = s.source.id!
            title = s.source.title
            kind = s.source.kind
            auditType = s.source.auditType.flatMap(AuditType.init(rawValue:))
            groupName = s.groupName
            findings = s.findings
            recommendations = s.recommendations
            openActions = s.openActions
            doneActions = s.doneActions
            overdueActions = s.overdueActions
            stage = s.stage
            isChallengeDue = s.isChallengeDue
        }
    }

    public let partnershipName: String
    /// Years with any source, and the one shown, newest first; the year shown is the one asked for,
    /// else the newest with learning (`DefaultYear`, `LearningStore.yearsWithLearning`).
    public let years: [ReportingYear]
    public let year: ReportingYear?
    public let kind: SourceKind?
    public let mayRecord: Bool
    public let sources: [Row]
}
