import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// An organisation in the register, as the pages and the API show it.
public struct OrganisationRecord: Sendable {
    public let id: UUID
    public let name: String
    public let kind: OrganisationKind
    public let sector: Sector
    public let typeDescription: String?
    public let leadPartnerRole: String?
    public let delegatedPartnerRole: String?
    public let contactEmail: String?
    /// When it joined the arrangements, and when it left them (nil: it is still in them).
    public let joinedOn: CalendarDate
    public let leftOn: CalendarDate?

    init(_ organisation: Organisation) throws {
        id = try organisation.requireID()
        name = organisation.name
        kind = organisation.kind
        sector = organisation.sector
        typeDescription = organisation.typeDescription
        leadPartnerRole = organisation.leadPartnerRole
        delegatedPartnerRole = organisation.delegatedPartnerRole
        contactEmail = organisation.contactEmail
        joinedOn = organisation.joined
        leftOn = organisation.left
    }

    /// The organisation as the fields of its form (dates as ISO text, which the draft reads as the API's).
    public var fields: [String: String] {
        ["name": name, "kind": kind.rawValue, "sector": sector.rawValue,
         "type_description": typeDescription ?? "", "lead_partner_role": leadPartnerRole ?? "",
         "delegated_partner_role": delegatedPartnerRole ?? "", "contact_email": contactEmail ?? "",
         "joined_on": joinedOn.description, "left_on": leftOn?.description ?? ""]
    }

    var ref: OrganisationRef { OrganisationRef(id.uuidString) }
}

/// The register of organisations, statutory partners first.
public struct OrganisationListPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let mayAdd: Bool
    public let organisations: [Line]

    public struct Line: Sendable {
        public let organisation: OrganisationRecord
        /// The business unit edits every organisation; a contributor only their own.
        public let mayEdit: Bool
    }
}

/// One organisation: its details and, for those who read the learning tracker, the actions it owns.
public struct OrganisationDetailPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let organisation: OrganisationRecord
    public let mayEdit: Bool
    public let mayReadLearning: Bool
    /// May record evidence of impact or change the status of the organisation's actions.
    public let mayUpdateActions: Bool
    /// The actions it owns, split as the page shows them; empty unless `mayReadLearning`.
    public let overdueActions: [ActionRow]
    public let openActions: [ActionRow]
    public let closedActions: [ActionRow]
}

/// The form to add an organisation, or to edit one.
public struct OrganisationFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    /// The organisation being edited; nil when adding one.
    public let editing: OrganisationRecord?
    /// Name, kind, sector and partner roles are shown but not changed: the viewer edits only
    /// their own organisation's details, and where it stands in the arrangements is for the business unit.
    public let locked: Bool
    /// Today, the joining date a new organisation's form starts with.
    public let today: CalendarDate

    /// The submitted fields, with the ones the viewer may not change kept as they are (a date's
    /// three boxes are dropped too, so only the kept ISO date is read).
    public func keepingLocked(_ submitted: [String: String]) -> [String: String] {
        guard locked, let editing else { return submitted }
        var values = submitted
        for key in OrganisationFormPage.lockedFields {
            values[key] = editing.fields[key]
            for part in ["day", "month", "year"] { values["\(key)-\(part)"] = nil }
        }
        return values
    }

    static let lockedFields = ["name", "kind", "sector", "lead_partner_role", "delegated_partner_role", "joined_on", "left_on"]
}
