import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// One serious incident's page: the record and its deadlines, the agencies' summaries, the
/// partners' sign-off, and what the forms for each step offer.
public struct IncidentPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let incident: IncidentRecord
    public let agencySummaries: [AgencySummaryLine]
    public let signOffs: [SignOffLine]
    /// The register's organisations, for the agency and sign-off forms.
    public let organisations: [OrganisationChoice]
    public let mayRecord: Bool
}

/// An agency asked for its summary for the rapid review.
public struct AgencySummaryLine: Sendable {
    public let organisation: String
    public let requested: CalendarDate?
    public let received: CalendarDate?
}

/// A statutory partner's sign-off of the rapid review.
public struct SignOffLine: Sendable {
    public let organisation: String
    /// A role, never a name.
    public let signedByRole: String
    public let signed: CalendarDate?
}

/// The form to record a serious incident: the agencies that may be involved.
public struct IncidentFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let organisations: [OrganisationChoice]
}
