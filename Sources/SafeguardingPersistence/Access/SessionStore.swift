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
    public static func create(key: String, data: String, expiresAt: Date, now: Date, on db: any Database) async throws {
        try await StoredSession.query(on: db).filter(\.$expiresAt < now).delete()
        try await StoredSession(key: key, data: data, expiresAt: expiresAt).create(on: db)
    }

    /// Writes the values and expiry of an existing row, or a new row if it has gone.
    public static func save(key: String, data: String, expiresAt: Date, existing: StoredSession?, on db: any Database) async throws {
        guard let existing else {
            try await StoredSession(key: key, data: data, expiresAt: expiresAt).create(on: db)
            return
        }
        existing.data = data
        existing.expiresAt = expiresAt
        try await existing.update(on: db)
    }

    public static func delete(key: String, on db: any Database) async throws {
        try await StoredSession.query(on: db).filter(\.$key == key).delete()
    }
}
