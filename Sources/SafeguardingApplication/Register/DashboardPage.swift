import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The partnership's home page, as one viewer may see it: the area in figures, the register at a
/// glance, and (by permission) finance, the yearly report's copy deadlines and the learning tracker.
public struct PartnershipDashboard: Sendable {
    public let partnershipName: String
    public let slug: String
    public let localAuthorityName: String
    public let localAuthorityCode: String
    public let facts: [AreaFactLine]
    /// Kinds with at least one organisation, in the register's order.
    public let organisationCounts: [OrganisationKindCount]
    public let statutoryPartners: [StatutoryPartnerLine]
    public let groupCount: Int
    /// The newest year with contributions and its total; nil without finance access or contributions.
    public let finance: FinanceTotal?
    /// Published reports whose copies are due or late; empty without access to the report draft.
    public let reports: [ReportCopyDeadline]
    /// Nil without access to the learning tracker.
    public let learning: LearningGlance?
}

public struct AreaFactLine: Sendable {
    public let label: String
    public let formattedValue: String
    public let source: String
}

public struct OrganisationKindCount: Sendable {
    public let kind: OrganisationKind
    public let count: Int
}

public struct StatutoryPartnerLine: Sendable {
    public let name: String
    public let delegatedPartnerRole: String?
}

public struct FinanceTotal: Sendable {
    public let year: ReportingYear
    public let total: Pence
}

/// A published yearly report whose copy to the national panel and the Department is due or late.
public struct ReportCopyDeadline: Sendable {
    public let year: ReportingYear
    public let version: Int
    public let state: ReportWorkflow.CopyState
}

/// The tracker at a glance, and the viewer's own organisation's open actions.
public struct LearningGlance: Sendable {
    public let overdueActions: Int
    public let challengeEventsDue: Int
    public let own: OwnActions?

    public struct OwnActions: Sendable {
        public let organisationID: UUID
        public let organisationName: String
        public let open: Int
        public let overdue: Int
    }
}

/// The signed-in person and the partnerships they belong to.
public struct SignedInPerson: Sendable {
    public let email: String
    public let name: String
    public let partnerships: [PartnershipRole]

    public struct PartnershipRole: Sendable {
        public let slug: String
        public let name: String
        public let role: Role
        public let organisationID: UUID?
    }
}
