import FluentKit
import Foundation
import SafeguardingDomain

/// A statutory partner, relevant agency, school or voluntary organisation in one partnership.
public final class Organisation: Withdrawable, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: OrganisationKind
    @Field(key: "sector") public var sector: Sector
    /// What sort of body it is, in the partnership's words ("NHS foundation trust", "academy").
    @OptionalField(key: "type_description") public var typeDescription: String?
    /// For a statutory partner: the lead safeguarding partner's role ("Chief Executive").
    @OptionalField(key: "lead_partner_role") public var leadPartnerRole: String?
    /// For a statutory partner: the delegated safeguarding partner's role.
    @OptionalField(key: "delegated_partner_role") public var delegatedPartnerRole: String?
    @OptionalField(key: "contact_email") public var contactEmail: String?
    /// False once it has left the arrangements (`left_on`).
    @Field(key: "is_active") public var isActive: Bool
    /// ISO dates: the day it joined the arrangements, and the day it left them. The yearly report
    /// counts it in a year it was in the arrangements at the year's end.
    @Field(key: "joined_on") public var joinedOn: String
    @OptionalField(key: "left_on") public var leftOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public init(partnershipID: UUID, name: String, kind: OrganisationKind, sector: Sector, typeDescription: String? = nil,
                leadPartnerRole: String? = nil, delegatedPartnerRole: String? = nil, contactEmail: String? = nil, joinedOn: CalendarDate) {
        self.$partnership.id = partnershipID
        self.name = name
        self.kind = kind
        self.sector = sector
        self.typeDescription = typeDescription
        self.leadPartnerRole = leadPartnerRole
        self.delegatedPartnerRole = delegatedPartnerRole
        self.contactEmail = contactEmail
        self.isActive = true
        self.joinedOn = joinedOn.description
    }

    public var joined: CalendarDate { CalendarDate(iso: joinedOn)! }
    public var left: CalendarDate? { leftOn.flatMap(CalendarDate.init(iso:)) }

    public var typedID: OrganisationID { OrganisationID(id!) }
    public var ref: OrganisationRef { OrganisationRef(id!.uuidString) }
}
