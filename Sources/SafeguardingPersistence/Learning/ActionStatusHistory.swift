import FluentKit
import Foundation
import SafeguardingDomain
import SQLKit

/// One change of an action's status: what it became, on which day, and who recorded it. Written in
/// the same transaction as every change of `actions.status` (raising included), never changed or
/// deleted afterwards; `ActionHistory` in the Domain reads them.
public final class ActionStatusEntry: Model, @unchecked Sendable {
    public static let schema = "action_status_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "action_id") public var action: LearningAction
    @Field(key: "status") public var status: ActionStatus
    /// ISO date the change took effect.
    @Field(key: "changed_on") public var changedOn: String
    /// Order of recording within the action (1 for raising it), for changes on the same day.
    @Field(key: "sequence") public var sequence: Int
    @OptionalField(key: "dropped_reason") public var droppedReason: String?
    /// Who recorded it (the account's email, as the audit log keeps it); nil when not known.
    @OptionalField(key: "changed_by") public var changedBy: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var changed: CalendarDate? { CalendarDate(iso: changedOn) }

    /// The entry as the Domain's history rule reads it; nil for a row whose date does not parse.
    public var entry: ActionHistory.Entry? {
        changed.map { ActionHistory.Entry(status: status, on: $0, sequence: sequence) }
    }
}

extension LearningStore {
    /// Records a change of `action`'s status to `status` on `day`, with the change itself, in the
    /// caller's transaction. A change dated before the day the action was raised takes effect on
    /// that day, so the history never has an action changed before it existed. Returns the day used.
    @discardableResult
    static func recordStatus(_ status: ActionStatus, of action: LearningAction, on day: CalendarDate, droppedReason: String? = nil,
                             by actor: Actor, on db: any Database) async throws -> CalendarDate {
        let actionID = try action.requireID()
        let effective = action.raised.map { max($0, day) } ?? day
        let last = try await ActionStatusEntry.query(on: db).filter(\.$action.$id == actionID).max(\.$sequence) ?? 0
        let entry = ActionStatusEntry()
        entry.$partnership.id = action.$partnership.id
        entry.$action.id = actionID
        entry.status = status
        entry.changedOn = effective.description
        entry.sequence = last + 1
        entry.droppedReason = droppedReason
        entry.changedBy = actor.email
        entry.createdAt = Date()
        try await entry.create(on: db)
        return effective
    }

    /// Each action's changes, newest first (the action's page and the API).
    public static func statusHistory(of actionIDs: [UUID], on db: any Database) async throws -> [UUID: [ActionStatusEntry]] {
        guard !actionIDs.isEmpty else { return [:] }
        let rows = try await ActionStatusEntry.query(on: db).filter(\.$action.$id ~~ actionIDs).all()
        return Dictionary(grouping: rows, by: { $0.$action.id }).mapValues { entries in
            entries.sorted { ($0.changedOn, $0.sequence) > ($1.changedOn, $1.sequence) }
        }
    }

    /// Every action's history of a partnership, from changes dated up to `last`, read as lean rows
    /// (a tracker of 50,000 actions is not 50,000 decoded models): what the yearly report counts from.
    /// A withdrawn action has no history here, so it leaves every year's counts.
    public static func histories(partnershipID pid: UUID, upTo last: CalendarDate, on db: any Database) async throws -> [UUID: ActionHistory] {
        guard let sql = db as? any SQLDatabase else { throw HistoryError.needsSQL }
        let rows = try await sql.raw("""
            SELECT c.action_id AS action_id, c.status AS status, c.changed_on AS changed_on, c.sequence AS sequence
            FROM action_status_changes c JOIN actions a ON a.id = c.action_id
            WHERE c.partnership_id = \(bind: pid) AND c.changed_on <= \(bind: last.description) AND a.withdrawn_at IS NULL
            """).all()
        var entries: [UUID: [ActionHistory.Entry]] = [:]
        for row in rows {
            guard let status = ActionStatus(rawValue: try row.decode(column: "status", as: String.self)),
                  let day = CalendarDate(iso: try row.decode(column: "changed_on", as: String.self)) else { continue }
            entries[try row.decode(column: "action_id", as: UUID.self), default: []]
                .append(ActionHistory.Entry(status: status, on: day, sequence: try row.decode(column: "sequence", as: Int.self)))
        }
        return entries.mapValues(ActionHistory.init)
    }

    /// The history is read with SQL; every database the app opens (SQLite, PostgreSQL) is one.
    enum HistoryError: Error { case needsSQL }
}

/// The table of status changes, backfilled once in Swift (the same code on SQLite and PostgreSQL)
/// from each existing action as it stands, since nothing older was kept:
/// - raised: not started on `raised_on`, by whoever the audit log says created the action;
/// - done or dropped: that status on `closed_on` (or the day it was last changed), with the reason;
/// - in progress: in progress on the day it was last changed (`updated_at`), not before it was raised.
/// An action changed more than once before this migration keeps only its raising and its present
/// status; who made the later change is the actor of its latest audit event.
struct CreateActionStatusChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ActionStatusEntry.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("action_id", .uuid, .required, .references(LearningAction.schema, .id, onDelete: .cascade))
            .field("status", .string, .required)
            .field("changed_on", .string, .required)
            .field("sequence", .int, .required)
            .field("dropped_reason", .string)
            .field("changed_by", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "action_id", "sequence")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "action_status_changes_partnership_day").on(ActionStatusEntry.schema).column("partnership_id").column("changed_on").run()
        }
        try await database.transaction { db in
            // Withdrawal's columns come in a later migration: read only the columns that exist by now.
            let actions = try await LearningAction.query(on: db).withDeleted()
                .field(\.$id).field(\.$partnership.$id).field(\.$status).field(\.$droppedReason).field(\.$raisedOn).field(\.$closedOn)
                .field(\.$createdAt).field(\.$updatedAt).all()
            guard !actions.isEmpty else { return }
            let events = try await AuditEvent.query(on: db).filter(\.$subjectType == "action")
                .field(\.$subjectID).field(\.$action).field(\.$actor).field(\.$occurredAt).sort(\.$occurredAt).all()
            var created: [String: String] = [:], updated: [String: String] = [:]
            for event in events {
                guard let subject = event.subjectID?.lowercased() else { continue }
                if event.action == "create" { created[subject] = created[subject] ?? event.actor } else { updated[subject] = event.actor }
            }
            var rows: [ActionStatusEntry] = []
            for action in actions {
                let key = try action.requireID().uuidString.lowercased()
                for (sequence, item) in Self.backfill(action).enumerated() {
                    let row = ActionStatusEntry()
                    row.$partnership.id = action.$partnership.id
                    row.$action.id = try action.requireID()
                    row.status = item.status
                    row.changedOn = item.on.description
                    row.sequence = sequence + 1
                    row.droppedReason = item.status == .dropped ? action.droppedReason : nil
                    row.changedBy = sequence == 0 ? created[key] : updated[key] ?? created[key]
                    row.createdAt = Date()
                    rows.append(row)
                }
            }
            for start in stride(from: 0, to: rows.count, by: 200) {
                try await Array(rows[start..<min(start + 200, rows.count)]).create(on: db)
            }
        }
    }

    /// The entries an existing action starts its history with (see the type's rule).
    static func backfill(_ action: LearningAction) -> [(status: ActionStatus, on: CalendarDate)] {
        let changed = CalendarDate.today(now: action.updatedAt)
        let raised = action.raised ?? min(CalendarDate.today(now: action.createdAt), changed)
        switch action.status {
        case .notStarted: return [(.notStarted, raised)]
        case .inProgress: return [(.notStarted, raised), (.inProgress, max(raised, changed))]
        case .done, .dropped: return [(.notStarted, raised), (action.status, max(raised, action.closed ?? changed))]
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ActionStatusEntry.schema).delete()
    }
}
