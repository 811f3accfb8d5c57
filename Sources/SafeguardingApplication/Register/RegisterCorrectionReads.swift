import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The reads behind correcting the register: the forms that change a seat, a meeting or a
/// contribution, the form that withdraws a record, and the administrators' list of withdrawn records.
public enum RegisterCorrectionReads {
    /// The seat `id` of the partnership (current, not withdrawn), or "not found".
    static func seatRecord(_ viewer: Viewer, _ id: UUID, _ context: AppContext) async throws -> GroupMember {
        guard let seat = try await GroupMember.query(on: context.database).filter(\.$id == id)
            .filter(\.$partnership.$id == viewer.partnership.requireID()).first() else { throw NotFound("seat") }
        return seat
    }

    /// The meeting `id` of the partnership, or "not found".
    static func meetingRecord(_ viewer: Viewer, _ id: UUID, _ context: AppContext) async throws -> Meeting {
        guard let meeting = try await Meeting.query(on: context.database).filter(\.$id == id)
            .filter(\.$partnership.$id == viewer.partnership.requireID()).first() else { throw NotFound("meeting") }
        return meeting
    }

    /// The form that changes a seat.
    public static func seatForm(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SeatFormPage {
        try viewer.require(.editStructure)
        let db = context.database
        let seat = try await seatRecord(viewer, id, context)
        let group = try await RegisterStore.group(seat.$group.id, in: viewer.partnership, on: db).group
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: db)
        let accounts = try await AccountStore.members(of: viewer.partnership, on: db).map(\.user)
        return SeatFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, seatID: id, groupID: try group.requireID(),
                            groupName: group.name, role: seat.memberRole, seat: seat.seat, organisationID: seat.$organisation.id,
                            accountID: seat.$user.id, startedOn: seat.started, endedOn: seat.ended,
                            organisations: try organisations.map(OrganisationChoice.init),
                            accounts: try accounts.map { AccountChoice(id: try $0.requireID(), name: $0.name, email: $0.email) })
    }

    /// The form that changes a meeting.
    public static func meetingForm(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> MeetingFormPage {
        try viewer.require(.editStructure)
        let meeting = try await meetingRecord(viewer, id, context)
        let group = try await RegisterStore.group(meeting.$group.id, in: viewer.partnership, on: context.database).group
        return MeetingFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, meetingID: id, groupID: try group.requireID(),
                               groupName: group.name, heldOn: CalendarDate(iso: meeting.heldOn), title: meeting.title, summary: meeting.summary)
    }

    /// The form that changes a contribution.
    public static func contributionForm(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> ContributionFormPage {
        try viewer.require(.editFinance)
        let line = try await RegisterStore.contribution(id, in: viewer.partnership, on: context.database)
        guard let year = ReportingYear(line.reportingYear) else { throw NotFound("contribution") }
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        return ContributionFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, year: year, line: try ContributionLine(line),
                                    organisationNames: organisations.map(\.name))
    }

    /// The form that withdraws one register record.
    public static func withdrawForm(_ viewer: Viewer, kind: RegisterCorrections.Kind, id: UUID, _ context: AppContext) async throws -> WithdrawFormPage {
        try RegisterCorrections.requireWithdraw(viewer, kind)
        let (partnership, db, slug) = (viewer.partnership, context.database, viewer.slug)
        let description: String
        let back: SiteRoute
        switch kind {
        case .organisation:
            description = try await RegisterStore.organisation(id, in: partnership, on: db).name
            back = .organisation(slug: slug, id: id)
        case .group:
            description = try await RegisterStore.group(id, in: partnership, on: db).group.name
            back = .subgroup(slug: slug, id: id)
        case .seat:
            let seat = try await seatRecord(viewer, id, context)
            let group = try await RegisterStore.group(seat.$group.id, in: partnership, on: db).group
            description = "\(seat.memberRole) on \(group.name)"
            back = .subgroup(slug: slug, id: seat.$group.id)
        case .meeting:
            let meeting = try await meetingRecord(viewer, id, context)
            let group = try await RegisterStore.group(meeting.$group.id, in: partnership, on: db).group
            description = "\(meeting.title), \(CalendarDate(iso: meeting.heldOn)?.long ?? meeting.heldOn), \(group.name)"
            back = .subgroup(slug: slug, id: meeting.$group.id)
        case .contribution:
            let line = try await RegisterStore.contribution(id, in: partnership, on: db)
            description = "\(line.label), \(line.amount.formatted), \(line.reportingYear)"
            back = ReportingYear(line.reportingYear).map { .financeYear(slug: slug, year: $0) } ?? .finance(slug: slug)
        }
        return WithdrawFormPage(partnershipName: partnership.name, slug: slug, kind: kind.rawValue, kindLabel: kind.label, id: id,
                                description: description, back: back, action: .registerWithdraw(slug: slug, kind: kind.rawValue, id: id))
    }

    /// The register's withdrawn records, for administrators.
    public static func withdrawn(_ viewer: Viewer, _ context: AppContext) async throws -> WithdrawnRecordsPage {
        try RegisterCorrections.requireRestore(viewer)
        let records = try await RegisterStore.withdrawn(viewer.partnership, on: context.database)
        return WithdrawnRecordsPage(partnershipName: viewer.partnership.name, slug: viewer.slug, moduleName: "Register",
                                    records: records.map { WithdrawnLine(kind: $0.kind.rawValue, kindLabel: $0.kind.label, id: $0.id, description: $0.description,
                                                                         reason: $0.reason, withdrawnBy: $0.withdrawnBy, withdrawnAt: $0.withdrawnAt) },
                                    action: .registerWithdrawn(slug: viewer.slug))
    }
}

extension RegisterCorrectionReads {
    static let registry: [ReadUseCase] = [
        .record("RegisterCorrectionReads.seatForm", ids: seatIDs) { try await seatForm($0, id: $1, $2) },
        .record("RegisterCorrectionReads.meetingForm", ids: meetingIDs) { try await meetingForm($0, id: $1, $2) },
        .record("RegisterCorrectionReads.contributionForm", ids: contributionIDs) { try await contributionForm($0, id: $1, $2) },
        .record("RegisterCorrectionReads.withdrawForm", ids: RegisterReads.organisationIDs) { try await withdrawForm($0, kind: .organisation, id: $1, $2) },
        .record("RegisterCorrectionReads.withdrawForm", ids: RegisterReads.groupIDs) { try await withdrawForm($0, kind: .group, id: $1, $2) },
        .record("RegisterCorrectionReads.withdrawForm", ids: seatIDs) { try await withdrawForm($0, kind: .seat, id: $1, $2) },
        .record("RegisterCorrectionReads.withdrawForm", ids: meetingIDs) { try await withdrawForm($0, kind: .meeting, id: $1, $2) },
        .record("RegisterCorrectionReads.withdrawForm", ids: contributionIDs) { try await withdrawForm($0, kind: .contribution, id: $1, $2) },
        .list("RegisterCorrectionReads.withdrawn") { try await withdrawn($0, $1) },
    ]

    @Sendable static func seatIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await GroupMember.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().map { try $0.requireID() }
    }

    @Sendable static func meetingIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await Meeting.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().map { try $0.requireID() }
    }

    @Sendable static func contributionIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await Contribution.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().map { try $0.requireID() }
    }
}
