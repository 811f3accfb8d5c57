import FluentKit
import Foundation
import SafeguardingDomain

/// Who is acting: a signed-in user, an API token's user, or the command line.
public struct Actor: Sendable {
    public let userID: UUID?
    public let email: String
    public let address: String?

    public init(userID: UUID?, email: String, address: String?) {
        self.userID = userID
        self.email = email
        self.address = address
    }

    public static func commandLine() -> Actor {
        Actor(userID: nil, email: "command line (\(ProcessInfo.processInfo.environment["USER"] ?? "unknown"))", address: nil)
    }
}

/// Writes the audit log. Callers pass the database (or the transaction) the change itself
/// used, so a change and its audit record are written together or not at all.
public enum AuditTrail {
    public static func record(on db: any Database, partnershipID: UUID?, actor: Actor, action: String,
                              subjectType: String, subjectID: String?, summary: String,
                              changes: [String: (String?, String?)] = [:]) async throws {
        let event = AuditEvent(partnershipID: partnershipID, userID: actor.userID, actor: actor.email, action: action,
                               subjectType: subjectType, subjectID: subjectID, summary: summary,
                               changes: encode(changes), address: actor.address, occurredAt: Date())
        try await event.create(on: db)
    }

    /// Records an event about a person in the log of every partnership they belong to.
    public static func recordForEachPartnership(of userID: UUID, actor: Actor, action: String, summary: String,
                                                changes: [String: (String?, String?)] = [:], on db: any Database) async throws {
        let partnerships = try await Membership.query(on: db).filter(\.$user.$id == userID).all().map(\.$partnership.id)
        for pid in Set(partnerships).sorted(by: { $0.uuidString < $1.uuidString }) {
            try await record(on: db, partnershipID: pid, actor: actor, action: action, subjectType: "user",
                             subjectID: userID.uuidString, summary: summary, changes: changes)
        }
    }

    /// The fields whose values differ, as old and new.
    public static func diff(_ before: [String: String?], _ after: [String: String?]) -> [String: (String?, String?)] {
        var out: [String: (String?, String?)] = [:]
        for key in Set(before.keys).union(after.keys) {
            let old = before[key] ?? nil
            let new = after[key] ?? nil
            if old != new { out[key] = (old, new) }
        }
        return out
    }

    static func encode(_ changes: [String: (String?, String?)]) -> String? {
        guard !changes.isEmpty else { return nil }
        let object = changes.mapValues { [$0.0 ?? NSNull(), $0.1 ?? NSNull()] as [Any] }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public struct Page: Sendable {
        public let events: [AuditEvent]
        public let page: Int
        public let hasMore: Bool
    }

    /// The newest events first, 50 to a page.
    public static func events(on db: any Database, partnershipID: UUID, page: Int, perPage: Int = 50) async throws -> Page {
        let current = max(1, page)
        let rows = try await AuditEvent.query(on: db)
            .filter(\.$partnership.$id == partnershipID)
            .sort(\.$occurredAt, .descending)
            .range(((current - 1) * perPage)..<(current * perPage + 1))
            .all()
        return Page(events: Array(rows.prefix(perPage)), page: current, hasMore: rows.count > perPage)
    }
}
