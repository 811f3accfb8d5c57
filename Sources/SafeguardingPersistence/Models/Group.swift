import FluentKit
import Foundation
import SafeguardingDomain

/// A body of the arrangements: the Executive, a subgroup, a panel or a task and finish group.
public final class PartnershipGroup: Model, @unchecked Sendable {
    public static let schema = "groups"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: GroupKind
    @Field(key: "purpose") public var purpose: String
    /// The chair's role ("Delegated safeguarding partner, police"); people are named by role.
    @OptionalField(key: "chair") public var chair: String?
    @OptionalParent(key: "chair_organisation_id") public var chairOrganisation: Organisation?
    @OptionalParent(key: "reports_to_id") public var reportsTo: PartnershipGroup?
    /// Another board this group is shared with ("Safeguarding Adults Board").
    @OptionalField(key: "joint_with") public var jointWith: String?
    @Field(key: "position") public var position: Int

    public init() {}

    public init(partnershipID: UUID, name: String, kind: GroupKind, purpose: String, chair: String?,
                chairOrganisationID: UUID? = nil, reportsToID: UUID?, jointWith: String? = nil, position: Int = 0) {
        self.$partnership.id = partnershipID
        self.name = name
        self.kind = kind
        self.purpose = purpose
        self.chair = chair
        self.$chairOrganisation.id = chairOrganisationID
        self.$reportsTo.id = reportsToID
        self.jointWith = jointWith
        self.position = position
    }
}

/// A seat on a group, held by a role from an organisation.
public final class GroupMember: Model, @unchecked Sendable {
    public static let schema = "group_members"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "group_id") public var group: PartnershipGroup
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    /// The member's role ("Head teacher, secondary network"), not their name.
    @Field(key: "member_role") public var memberRole: String
    /// `chair`, `vice_chair` or `member`.
    @Field(key: "seat") public var seat: String
    /// The account of the person in the seat, when they use the app: what gives a review subgroup
    /// member sight of unpublished reviews.
    @OptionalParent(key: "user_id") public var user: User?

    public init() {}

    public init(partnershipID: UUID, groupID: UUID, organisationID: UUID?, memberRole: String, seat: String = "member") {
        self.$partnership.id = partnershipID
        self.$group.id = groupID
        self.$organisation.id = organisationID
        self.memberRole = memberRole
        self.seat = seat
    }
}

/// A meeting of a group.
public final class Meeting: Model, @unchecked Sendable {
    public static let schema = "meetings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "group_id") public var group: PartnershipGroup
    /// ISO date, `2024-03-14`.
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "title") public var title: String
    @OptionalField(key: "summary") public var summary: String?

    public init() {}

    public init(partnershipID: UUID, groupID: UUID, heldOn: CalendarDate, title: String, summary: String?) {
        self.$partnership.id = partnershipID
        self.$group.id = groupID
        self.heldOn = heldOn.description
        self.title = title
        self.summary = summary
    }
}
