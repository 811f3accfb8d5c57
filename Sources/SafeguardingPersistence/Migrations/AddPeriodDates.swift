import FluentKit
import Foundation
import SafeguardingDomain

/// The dates the yearly report's period rules need (issue 13): when an organisation joined and left
/// the arrangements. Existing rows are backfilled once, here, in Swift so the same code runs on
/// SQLite and PostgreSQL; the columns are nullable in the schema only because SQLite cannot add a
/// required column to a table with rows, and every row has a `joined_on` after this migration.
struct UpdateOrganisationsAddMembershipDates: AsyncMigration {
    /// Statutory multi-agency safeguarding arrangements began on 29 September 2019.
    static let arrangementsBegan = CalendarDate(year: 2019, month: 9, day: 29)!
    /// Organisations entered within this many days of the partnership's own row are its register as
    /// first typed in, describing arrangements that already existed.
    static let setupDays = 30

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema(Organisation.schema).field("joined_on", .string).update()
        try await database.schema(Organisation.schema).field("left_on", .string).update()
        try await database.transaction { db in
            let partnerships = try await Partnership.query(on: db).all()
            let created = Dictionary(partnerships.compactMap { p in p.id.map { ($0, p.createdAt) } }, uniquingKeysWith: { a, _ in a })
            // `withDeleted()`: the model now knows the withdrawal columns, which a later migration adds.
            let rows = try await Organisation.query(on: db).withDeleted()
                .field(\.$id).field(\.$partnership.$id).field(\.$isActive).field(\.$createdAt).field(\.$updatedAt).all()
            for row in rows {
                let (joined, left) = Self.backfill(createdAt: row.createdAt, updatedAt: row.updatedAt, isActive: row.isActive,
                                                   partnershipCreatedAt: created[row.$partnership.id] ?? nil)
                try await Organisation.query(on: db).withDeleted().filter(\.$id == row.requireID())
                    .set(\.$joinedOn, to: joined.description).set(\.$leftOn, to: left?.description).update()
            }
        }
    }

    /// The register as first entered gets the day the arrangements began: `created_at` is when a row
    /// was typed in, and using it would drop every agency from the reports of years before the app.
    /// A later row joined the day it was added. An inactive row left the day it was last changed.
    static func backfill(createdAt: Date?, updatedAt: Date?, isActive: Bool, partnershipCreatedAt: Date?) -> (joined: CalendarDate, left: CalendarDate?) {
        var joined = arrangementsBegan
        if let createdAt, let partnershipCreatedAt, createdAt.timeIntervalSince(partnershipCreatedAt) > Double(setupDays) * 86_400 {
            joined = max(arrangementsBegan, CalendarDate.today(now: createdAt))
        }
        guard !isActive else { return (joined, nil) }
        let changed = (updatedAt ?? createdAt).map { CalendarDate.today(now: $0) } ?? joined
        return (joined, max(joined, changed))
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).deleteField("left_on").update()
        try await database.schema(Organisation.schema).deleteField("joined_on").update()
    }
}

/// When an action was raised and when it was closed (done or dropped). Existing actions: raised on
/// the day the row was created (or earlier, if its evidence or closing came first; and, for the
/// tracker as first entered, no later than its source's start or completion); closed on the day of
/// its latest evidence when done, otherwise the day it was last changed.
struct UpdateActionsAddRaisedAndClosed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LearningAction.schema).field("raised_on", .string).update()
        try await database.schema(LearningAction.schema).field("closed_on", .string).update()
        try await database.transaction { db in
            let actions = try await LearningAction.query(on: db).withDeleted()
                .field(\.$id).field(\.$partnership.$id).field(\.$source.$id).field(\.$status).field(\.$createdAt).field(\.$updatedAt).all()
            guard !actions.isEmpty else { return }
            let partnerships = Dictionary(try await Partnership.query(on: db).all().compactMap { p in p.id.map { ($0, p.createdAt) } },
                                          uniquingKeysWith: { a, _ in a })
            let sources = Dictionary(try await LearningSource.query(on: db).withDeleted().field(\.$id).field(\.$reportingYear).field(\.$startedOn).field(\.$completedOn).all()
                .compactMap { s in s.id.map { ($0, s.completed ?? s.started ?? s.year?.firstDay) } }, uniquingKeysWith: { a, _ in a })
            let evidence = try await ImpactEvidence.query(on: db).field(\.$action.$id).field(\.$recordedOn).all()
            let evidenceDates = Dictionary(grouping: evidence.compactMap { e in CalendarDate(iso: e.recordedOn).map { (e.$action.id, $0) } }, by: \.0)
                .mapValues { $0.map(\.1) }
            // Rows with the same two dates are written together, a few hundred ids at a time.
            var byDates: [String: [UUID]] = [:]
            for action in actions {
                let partnershipCreatedAt = partnerships[action.$partnership.id] ?? nil
                let enteredAtSetup = partnershipCreatedAt.map { action.createdAt.timeIntervalSince($0) <= Double(UpdateOrganisationsAddMembershipDates.setupDays) * 86_400 } ?? false
                let (raised, closed) = Self.backfill(status: action.status, createdAt: action.createdAt, updatedAt: action.updatedAt,
                                                     evidence: evidenceDates[try action.requireID()] ?? [],
                                                     sourceDay: enteredAtSetup ? sources[action.$source.id] ?? nil : nil)
                byDates["\(raised)|\(closed?.description ?? "")", default: []].append(try action.requireID())
            }
            for (key, ids) in byDates {
                let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                for start in stride(from: 0, to: ids.count, by: 500) {
                    try await LearningAction.query(on: db).withDeleted().filter(\.$id ~~ Array(ids[start..<min(start + 500, ids.count)]))
                        .set(\.$raisedOn, to: parts[0]).set(\.$closedOn, to: parts[1].isEmpty ? nil : parts[1]).update()
                }
            }
        }
    }

    /// `sourceDay` is given for an action entered with the partnership's first register: a tracker
    /// typed in after the fact, whose actions were raised no later than their source completed.
    static func backfill(status: ActionStatus, createdAt: Date, updatedAt: Date, evidence: [CalendarDate],
                         sourceDay: CalendarDate? = nil) -> (raised: CalendarDate, closed: CalendarDate?) {
        let changed = CalendarDate.today(now: updatedAt)
        let closed: CalendarDate? = switch status {
        case .done: evidence.max() ?? changed
        case .dropped: changed
        case .notStarted, .inProgress: nil
        }
        let raised = ([CalendarDate.today(now: createdAt)] + evidence + [closed, sourceDay].compactMap { $0 }).min()!
        return (raised, closed)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LearningAction.schema).deleteField("closed_on").update()
        try await database.schema(LearningAction.schema).deleteField("raised_on").update()
    }
}

/// When a group was set up and closed, and when a seat on it was taken and ended. Groups and seats
/// carry no timestamps, so existing rows are backfilled with the day the arrangements began: the
/// register as first typed in describes arrangements that already existed. A partnership whose
/// groups started later corrects the date on the group's page.
struct UpdateGroupsAddSetUpAndClosed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let began = UpdateOrganisationsAddMembershipDates.arrangementsBegan.description
        try await database.schema(PartnershipGroup.schema).field("set_up_on", .string).update()
        try await database.schema(PartnershipGroup.schema).field("closed_on", .string).update()
        try await database.schema(GroupMember.schema).field("started_on", .string).update()
        try await database.schema(GroupMember.schema).field("ended_on", .string).update()
        try await database.transaction { db in
            // `withDeleted()`: the models now know the withdrawal columns, which a later migration adds.
            try await PartnershipGroup.query(on: db).withDeleted().set(\.$setUpOn, to: began).update()
            try await GroupMember.query(on: db).withDeleted().set(\.$startedOn, to: began).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GroupMember.schema).deleteField("ended_on").update()
        try await database.schema(GroupMember.schema).deleteField("started_on").update()
        try await database.schema(PartnershipGroup.schema).deleteField("closed_on").update()
        try await database.schema(PartnershipGroup.schema).deleteField("set_up_on").update()
    }
}
