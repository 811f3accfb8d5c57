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
    /// Nil only if the stored text is not a date.
    public let setUpOn: CalendarDate?
    /// Nil while the group meets.
    public let closedOn: CalendarDate?

    /// Whether the group had closed by `day`.
    public func isClosed(on day: CalendarDate) -> Bool { closedOn.map { $0 <= day } ?? false }

    init(_ group: PartnershipGroup, reportsToName: String?) throws {
        id = try group.requireID()
        name = group.name
        kind = group.kind
        purpose = group.purpose
        chair = group.chair
        reportsToID = group.$reportsTo.id
        self.reportsToName = reportsToName
        jointWith = group.jointWith
        setUpOn = group.setUp
        closedOn = group.closed
    }
}

/// The structure of the arrangements: every group, in the order the chart draws them.
public struct GroupListPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let mayEdit: Bool
    public let groups: [GroupRecord]
    /// The day the page was read: groups closed by then are listed apart.
    public let today: CalendarDate
}

/// One group: its details, members and meetings, and (for those who edit the structure) the
/// choices of its forms.
public struct GroupPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let group: GroupRecord
    /// The seats held today, the chair first.
    public let members: [GroupMemberLine]
    /// The seats that have ended, the latest to end first.
    public let pastMembers: [GroupMemberLine]
    /// The groups it may report to, for the form that changes it; empty unless `mayEdit`.
    public let groupChoices: [GroupChoice]
    public let today: CalendarDate
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
    public let id: UUID
    /// A role, never a person's name.
    public let role: String
    /// Nil for the partnership's business unit.
    public let organisation: String?
    /// As stored: `chair`, `vice_chair`, `member`.
    public let seat: String
    /// The name on the linked account, if any.
    public let account: String?
    public let startedOn: CalendarDate?
    /// Nil while the seat is held.
    public let endedOn: CalendarDate?
}

/// A meeting of a group.
public struct MeetingLine: Sendable {
    public let id: UUID
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
