import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The form that withdraws one record added by mistake: what it is, and where to go back to.
public struct WithdrawFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    /// The module's name for the kind of record, as the address names it (`organisation`, `group_member`).
    public let kind: String
    public let kindLabel: String
    public let id: UUID
    /// The record in a few words: "Calderdale Council", "Designated Nurse on the Executive".
    public let description: String
    /// The page the record is on, to go back to.
    public let back: SiteRoute
    /// Where the form posts.
    public let action: SiteRoute
}

/// The withdrawn records of one module, for administrators, each with its reason and who withdrew it.
public struct WithdrawnRecordsPage: Sendable {
    public let partnershipName: String
    public let slug: String
    /// "Register" or "Performance".
    public let moduleName: String
    public let records: [WithdrawnLine]
    /// Where each Restore button posts.
    public let action: SiteRoute
}

/// One withdrawn record.
public struct WithdrawnLine: Sendable {
    public let kind: String
    public let kindLabel: String
    public let id: UUID
    public let description: String
    public let reason: String
    public let withdrawnBy: String
    public let withdrawnAt: Date?
}

/// The form that changes a seat on a group, with the choices it offers.
public struct SeatFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let seatID: UUID
    public let groupID: UUID
    public let groupName: String
    public let role: String
    public let seat: String
    public let organisationID: UUID?
    public let accountID: UUID?
    public let startedOn: CalendarDate?
    public let endedOn: CalendarDate?
    public let organisations: [OrganisationChoice]
    public let accounts: [AccountChoice]
}

/// The form that changes a meeting of a group.
public struct MeetingFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let meetingID: UUID
    public let groupID: UUID
    public let groupName: String
    public let heldOn: CalendarDate?
    public let title: String
    public let summary: String?
}

/// The form that changes one contribution of a year.
public struct ContributionFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let year: ReportingYear
    public let line: ContributionLine
    /// The register's organisations the line may come from.
    public let organisationNames: [String]
}
