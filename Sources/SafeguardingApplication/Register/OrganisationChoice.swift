import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// An organisation of the register as a choice in a form or a filter, in the register's order.
public struct OrganisationChoice: Sendable {
    public let id: UUID
    public let name: String
    /// Inactive organisations stay in filters (their old actions) but are not offered as new owners.
    public let isActive: Bool
    /// The local authority, the police or health: the partners who sign off a rapid review.
    public let isStatutoryPartner: Bool

    init(_ organisation: Organisation) throws {
        id = try organisation.requireID()
        name = organisation.name
        isActive = organisation.isActive
        isStatutoryPartner = organisation.kind.isStatutoryPartner
    }
}
