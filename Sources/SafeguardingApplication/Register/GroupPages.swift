import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// A group of the arrangements (the Executive, a subgroup, a panel), as the pages and the API show it.
public struct GroupRecord: Sendable {
    public let id: UUID
    public let name: String
    public let kind: GroupKind
    public let purpose: String
    public let chair: String?
    public let reportsToID: UUID?
    /// The name of the group it reports to, if any.
    public let reportsToName: String?
    public let jointWith: String?

    init(_ group: PartnershipGroup, reportsToName: String?) throws {
        id = try group.requireID()
        name = group.name
        kind = group.kind
        purpose = group.purpose
        chair = group.chair
        reportsToID = group.$reportsTo.id
        self.reportsToName = reportsToName
        jointWith = group.jointWith
    }
}

/// The structure of the arrangements: every group, in the order the chart draws them.
public struct GroupListPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let mayEdit: Bool
    public let groups: [GroupRecord]
}

/// One group: its details, members and meetings, and (for those who edit the structure) the
/// choices of its forms.
public struct GroupPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let group: GroupRecord
    /// The chair first.
    public let members: [GroupMemberLine]
    /// Newest first.
    public let meetings: [MeetingLine]
    public let mayEdit: Bool
    /// Empty unless `mayEdit`.
    public let organisations: [OrganisationChoice]
    /// The partnership's accounts, by email; empty unless `mayEdit`.
    public let accounts: [AccountChoice]
}

/// A seat on a group.
public struct GroupMemberLine: Sendable {
    /// A role, never a person's name.
    public let role: String
    /// Nil for the partnership's business unit.
    public let organisation: String?
    /// As stored: `chair`, `vice_chair`, `member`.
    public let seat: String
    /// The name on the linked account, if any.
    public let account: String?
}

/// A meeting of a group.
public struct MeetingLine: Sendable {
    /// As stored; `held` is nil only if that is not a date.
    public let heldOn: String
    public let held: CalendarDate?
    public let title: String
    public let summary: String?
}

/// An account of the partnership, as a choice on a form.
public struct AccountChoice: Sendable {
    public let id: UUID
    public let name: String
    public let email: String
}

/// The form to add a group, with the groups it may report to.
public struct GroupFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let groups: [GroupChoice]
}
