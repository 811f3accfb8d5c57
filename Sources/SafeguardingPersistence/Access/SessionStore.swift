import FluentKit
import Foundation

/// The rows behind browser sessions. Expired rows are swept when a session is created, so the
/// table cannot grow without end.
public enum SessionStore {
    /// A session's stored values and when it expires, if the key names one.
    public static func session(key: String, on db: any Database) async throws -> StoredSession? {
        try await StoredSession.query(on: db).filter(\.$key == key).first()
    }

    /// Stores a new session after deleting every expired one.
    public static func create(key: String, data: String, expiresAt: Date, userID: UUID?, userAgent: String? = nil, now: Date,
                              on db: any Database) async throws {
        try await StoredSession.query(on: db).filter(\.$expiresAt < now).delete()
        try await StoredSession(key: key, data: data, expiresAt: expiresAt, userID: userID, userAgent: userAgent, now: now).create(on: db)
    }

    /// A person's unexpired sessions, the most recently used first.
    public static func sessions(of userID: UUID, now: Date, on db: any Database) async throws -> [StoredSession] {
        try await StoredSession.query(on: db).filter(\.$userID == userID).filter(\.$expiresAt > now).all()
            .sorted { ($0.lastSeenAt ?? .distantPast) > ($1.lastSeenAt ?? .distantPast) }
    }

    /// Ends one session of a person, named by its row id; answers whether there was one.
    public static func endSession(id: UUID, of userID: UUID, on db: any Database) async throws -> Bool {
        let query = StoredSession.query(on: db).filter(\.$id == id).filter(\.$userID == userID)
        guard try await query.count() > 0 else { return false }
        try await StoredSession.query(on: db).filter(\.$id == id).filter(\.$userID == userID).delete()
        return true
    }

    /// Writes the values and expiry of an existing row, or a new row if it has gone.
    public static func save(key: String, data: String, expiresAt: Date, userID: UUID?, existing: StoredSession?, on db: any Database) async throws {
        guard let existing else {
            try await StoredSession(key: key, data: data, expiresAt: expiresAt, userID: userID).create(on: db)
            return
        }
        existing.data = data
        existing.expiresAt = expiresAt
        existing.userID = userID
        existing.lastSeenAt = Date()
        try await existing.update(on: db)
    }

    public static func delete(key: String, on db: any Database) async throws {
        try await StoredSession.query(on: db).filter(\.$key == key).delete()
    }

    /// Ends every session of a person but the one named (the session they are using, when they
    /// change their own password); answers how many ended.
    @discardableResult
    public static func endSessions(of userID: UUID, except key: String? = nil, on db: any Database) async throws -> Int {
        var query = StoredSession.query(on: db).filter(\.$userID == userID)
        if let key { query = query.filter(\.$key != key) }
        let count = try await query.count()
        var delete = StoredSession.query(on: db).filter(\.$userID == userID)
        if let key { delete = delete.filter(\.$key != key) }
        try await delete.delete()
        return count
    }
}
