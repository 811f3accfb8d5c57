import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every change to the partnership register. Each checks the viewer's permission, validates the
/// fields through the domain's draft (the same for the pages and the API), and leaves the store
/// to write the change and its audit event together.
public enum RegisterWrites {
    /// Whether the viewer changes the finance pages (checked before the year is read from the address).
    public static func requireEditFinance(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.editFinance)
    }

    /// Saves every amount of the year's lines found in `fields` (`amount_<line id>`) together;
    /// one bad amount and none are saved, each problem named by its line.
    public static func saveAmounts(_ viewer: Viewer, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws {
        try requireEditFinance(viewer)
        let lines = try await RegisterStore.finance(viewer.partnership, year: year, on: context.database).contributions.map(ContributionLine.init)
        var validator = Validator()
        var amounts: [UUID: Pence] = [:]
        for line in lines {
            let field = line.amountField
            guard let raw = fields[field] else { continue }
            var lineValidator = Validator()
            if let pence = ContributionDraft.amount(raw, field: field, validator: &lineValidator) {
                amounts[line.id] = pence
            }
            for error in lineValidator.errors { validator.add(error.field, "\(line.label): \(error.message.prefix(1).lowercased() + error.message.dropFirst())") }
        }
        try validator.finish()
        try await RegisterStore.updateAmounts(amounts, year: year, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Adds a contribution to the year; answers with its label.
    public static func addContribution(_ viewer: Viewer, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws -> String {
        try requireEditFinance(viewer)
        let draft = try ContributionDraft.validate(fields)
        _ = try await RegisterStore.addContribution(draft, year: year, to: viewer.partnership, by: viewer.actor, on: context.database)
        return draft.label
    }

    // MARK: Organisations

    /// Whether the viewer adds organisations to the register (the business unit).
    public static func requireAddOrganisation(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.addOrganisation)
    }

    /// Adds an organisation to the register; it joins the arrangements on the day given, or today.
    public static func createOrganisation(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws -> OrganisationRecord {
        try requireAddOrganisation(viewer)
        let draft = try OrganisationDraft.validate(fields, today: context.today)
        return try OrganisationRecord(try await RegisterStore.addOrganisation(draft, to: viewer.partnership, today: context.today, by: viewer.actor,
                                                                              on: context.database))
    }

    /// Replaces an organisation's fields. A contributor may update only their own organisation,
    /// and only its details: name, kind, sector, partner roles and its dates in the arrangements stay as they are.
    public static func updateOrganisation(_ viewer: Viewer, id: UUID, _ fields: [String: String], _ context: AppContext) async throws -> OrganisationRecord {
        let form = try await RegisterReads.editOrganisationForm(viewer, id: id, context)
        let draft = try OrganisationDraft.validate(form.keepingLocked(fields), today: context.today)
        return try OrganisationRecord(try await RegisterStore.updateOrganisation(id, with: draft, in: viewer.partnership, by: viewer.actor,
                                                                                 on: context.database))
    }

    /// A rejected organisation form's problems, with the name's clash added if the draft did not
    /// already fault the name, so the user fixes everything at once.
    public static func withNameClash(_ errors: ValidationErrors, name: String?, excluding id: UUID?, _ viewer: Viewer,
                                     _ context: AppContext) async throws -> [FieldError] {
        guard !errors.errors.contains(where: { $0.field == "name" }),
              let clash = try await RegisterStore.nameClash((name ?? "").trimmingCharacters(in: .whitespaces), excluding: id,
                                                            in: viewer.partnership, on: context.database)
        else { return errors.errors }
        return [clash] + errors.errors
    }

    // MARK: Groups

    /// Whether the viewer changes the structure of the arrangements (checked before the group is read).
    public static func requireEditStructure(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.editStructure)
    }

    /// Adds a group to the arrangements; answers with its id and name.
    public static func createGroup(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws -> (id: UUID, name: String) {
        try requireEditStructure(viewer)
        let group = try await RegisterStore.addGroup(GroupDraft.validate(fields, today: context.today), to: viewer.partnership, today: context.today,
                                                     by: viewer.actor, on: context.database)
        return (try group.requireID(), group.name)
    }

    /// Changes a group's details, or closes it; answers with its name.
    public static func updateGroup(_ viewer: Viewer, id: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try requireEditStructure(viewer)
        let draft = try GroupDraft.validate(fields, today: context.today)
        return try await RegisterStore.updateGroup(id, with: draft, in: viewer.partnership, by: viewer.actor, on: context.database).name
    }

    /// Ends a seat on a group; answers with the seat's role.
    public static func endSeat(_ viewer: Viewer, seatID: UUID, groupID: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try requireEditStructure(viewer)
        let seat = try await RegisterStore.seat(seatID, of: groupID, in: viewer.partnership, on: context.database)
        let end = try SeatEnd.validate(fields, startedOn: seat.started, today: context.today)
        return try await RegisterStore.endSeat(seatID, of: groupID, end, in: viewer.partnership, by: viewer.actor, on: context.database).memberRole
    }

    /// Adds a seat to a group; answers with the seat's role.
    public static func addMember(_ viewer: Viewer, _ fields: [String: String], groupID: UUID, _ context: AppContext) async throws -> String {
        try requireEditStructure(viewer)
        let draft = try MemberDraft.validate(fields, today: context.today)
        _ = try await RegisterStore.addMember(draft, to: groupID, in: viewer.partnership, today: context.today, by: viewer.actor, on: context.database)
        return draft.memberRole
    }

    /// Records a meeting of a group; answers with the day it was held.
    public static func addMeeting(_ viewer: Viewer, _ fields: [String: String], groupID: UUID, _ context: AppContext) async throws -> CalendarDate {
        try requireEditStructure(viewer)
        let draft = try MeetingDraft.validate(fields)
        _ = try await RegisterStore.addMeeting(draft, to: groupID, in: viewer.partnership, by: viewer.actor, on: context.database)
        return draft.heldOn
    }
}
