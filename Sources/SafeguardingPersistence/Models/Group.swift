import FluentKit
import Foundation
import SafeguardingDomain

/// A body of the arrangements: the Executive, a subgroup, a panel or a task and finish group.
public final class PartnershipGroup: Withdrawable, @unchecked Sendable {
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
    /// ISO date the group was set up: the yearly report counts it from this day.
    @Field(key: "set_up_on") public var setUpOn: String
    /// ISO date it closed; nil while it meets.
    @OptionalField(key: "closed_on") public var closedOn: String?
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public init(partnershipID: UUID, name: String, kind: GroupKind, purpose: String, chair: String?,
                chairOrganisationID: UUID? = nil, reportsToID: UUID?, jointWith: String? = nil, position: Int = 0, setUpOn: CalendarDate) {
        self.setUpOn = setUpOn.description
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

    public var setUp: CalendarDate? { CalendarDate(iso: setUpOn) }
    public var closed: CalendarDate? { closedOn.flatMap(CalendarDate.init(iso:)) }
    /// Whether the group meets on `day`: set up by then and not closed by then.
    public func isOpen(on day: CalendarDate) -> Bool { PeriodRule.holds(from: setUp, until: closed, on: day) }
}

/// A seat on a group, held by a role from an organisation.
public final class GroupMember: Withdrawable, @unchecked Sendable {
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
    /// ISO date the seat was taken, and the date it ended (nil: held now).
    @Field(key: "started_on") public var startedOn: String
    @OptionalField(key: "ended_on") public var endedOn: String?
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public init(partnershipID: UUID, groupID: UUID, organisationID: UUID?, memberRole: String, seat: String = "member", startedOn: CalendarDate) {
        self.startedOn = startedOn.description
        self.$partnership.id = partnershipID
        self.$group.id = groupID
        self.$organisation.id = organisationID
        self.memberRole = memberRole
        self.seat = seat
    }

    public var started: CalendarDate? { CalendarDate(iso: startedOn) }
    public var ended: CalendarDate? { endedOn.flatMap(CalendarDate.init(iso:)) }
    /// Whether the seat is held on `day`: taken by then and not ended by then.
    public func isHeld(on day: CalendarDate) -> Bool { PeriodRule.holds(from: started, until: ended, on: day) }
}

/// A meeting of a group.
public final class Meeting: Withdrawable, @unchecked Sendable {
    public static let schema = "meetings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "group_id") public var group: PartnershipGroup
    /// ISO date, `2024-03-14`.
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "title") public var title: String
    @OptionalField(key: "summary") public var summary: String?
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public init(partnershipID: UUID, groupID: UUID, heldOn: CalendarDate, title: String, summary: String?) {
        self.$partnership.id = partnershipID
        self.$group.id = groupID
        self.heldOn = heldOn.description
        self.title = title
        self.summary = summary
    }
}
