import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Correcting the register: changing a seat, a meeting or a contribution, withdrawing a record
/// added by mistake, and (administrators only) restoring one. Whoever may add a kind of record
/// may change and withdraw it.
public enum RegisterCorrections {
    public typealias Kind = RegisterStore.RecordKind

    /// The permission that adds (and so changes and withdraws) records of `kind`.
    static func permission(for kind: Kind) -> Permission {
        switch kind {
        case .organisation: .addOrganisation
        case .group, .seat, .meeting: .editStructure
        case .contribution: .editFinance
        }
    }

    public static func requireWithdraw(_ viewer: Viewer, _ kind: Kind) throws(AccessDenied) {
        try viewer.require(permission(for: kind))
    }

    /// Restoring a withdrawn record is for administrators only.
    public static func requireRestore(_ viewer: Viewer) throws(AccessDenied) {
        guard viewer.role == .administrator else { throw AccessDenied("Only an administrator can restore a withdrawn record.") }
    }

    /// Changes a seat on a group; answers with the seat's role.
    public static func updateSeat(_ viewer: Viewer, seatID: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try viewer.require(.editStructure)
        let seat = try await RegisterCorrectionReads.seatRecord(viewer, seatID, context)
        let edit = try SeatEdit.validate(fields, today: context.today)
        return try await RegisterStore.updateSeat(seatID, of: seat.$group.id, with: edit.seat, endedOn: edit.endedOn, in: viewer.partnership,
                                                  by: viewer.actor, on: context.database).memberRole
    }

    /// Changes a meeting; answers with its title.
    public static func updateMeeting(_ viewer: Viewer, meetingID: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try viewer.require(.editStructure)
        let meeting = try await RegisterCorrectionReads.meetingRecord(viewer, meetingID, context)
        let draft = try MeetingDraft.validate(fields)
        return try await RegisterStore.updateMeeting(meetingID, of: meeting.$group.id, with: draft, in: viewer.partnership, by: viewer.actor,
                                                     on: context.database).title
    }

    /// Changes a contribution; answers with its label and year.
    public static func updateContribution(_ viewer: Viewer, id: UUID, _ fields: [String: String], _ context: AppContext) async throws -> (label: String, year: String) {
        try viewer.require(.editFinance)
        let draft = try ContributionDraft.validate(fields)
        let line = try await RegisterStore.updateContribution(id, with: draft, in: viewer.partnership, by: viewer.actor, on: context.database)
        return (line.label, line.reportingYear)
    }

    /// Withdraws a record added by mistake, with the reason (`reason`, required); answers with its name.
    public static func withdraw(_ viewer: Viewer, kind: Kind, id: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try requireWithdraw(viewer, kind)
        let reason = try Withdrawal.validatedReason(fields["reason"])
        return try await RegisterStore.withdraw(kind, id: id, reason: reason, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Restores a withdrawn record; answers with its name.
    public static func restore(_ viewer: Viewer, kind: Kind, id: UUID, _ context: AppContext) async throws -> String {
        try requireRestore(viewer)
        return try await RegisterStore.restore(kind, id: id, in: viewer.partnership, by: viewer.actor, on: context.database)
    }
}
