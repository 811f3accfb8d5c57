import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Browser sessions kept in the database, so every app instance shares them, with an expiry:
/// an anonymous session (a visitor who only opened the sign-in page) lasts an hour, a signed-in
/// one eight hours from its last use. The values are strings; the web layer decides what they mean,
/// apart from `user`, whose presence makes a session a signed-in one.
public enum Sessions {
    public static let anonymousLifetime: TimeInterval = 60 * 60
    public static let signedInLifetime: TimeInterval = 8 * 60 * 60
    /// An unchanged session is written again only once its expiry is this far behind a fresh one.
    static let slideAfter: TimeInterval = 15 * 60

    public static func lifetime(of values: [String: String]) -> TimeInterval {
        values["user"] == nil ? anonymousLifetime : signedInLifetime
    }

    /// Sorted keys, so the same values always encode to the same text and an unchanged session is seen as unchanged.
    static func encode(_ values: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(values), as: UTF8.self)
    }

    /// Stores a new session under a random key and answers the key.
    public static func create(_ values: [String: String], userAgent: String? = nil, _ context: AppContext) async throws -> String {
        let key = Hex.random()
        let now = Date()
        try await SessionStore.create(key: key, data: encode(values), expiresAt: now.addingTimeInterval(lifetime(of: values)),
                                     userID: values["user"].flatMap(UUID.init(uuidString:)), userAgent: userAgent, now: now, on: context.database)
        return key
    }

    /// A session as read at the start of a request: its values, and what `save` needs to tell
    /// whether they changed without reading the row again.
    public struct Read: Sendable {
        public let values: [String: String]
        let stored: String
        let expiresAt: Date
    }

    /// The values of an unexpired session; nothing for an unknown, expired or unreadable one.
    public static func read(key: String, _ context: AppContext) async throws -> Read? {
        guard let row = try await SessionStore.session(key: key, on: context.database), row.expiresAt > Date(),
              let values = try? JSONDecoder().decode([String: String].self, from: Data(row.data.utf8)) else { return nil }
        return Read(values: values, stored: row.data, expiresAt: row.expiresAt)
    }

    /// Called after every request. Writes only when the values changed or the expiry needs
    /// sliding forward, so reading pages does not mean writing to the database each time; with
    /// the session as this request read it (`known`), an unchanged one costs no query at all.
    public static func save(key: String, _ values: [String: String], known: Read? = nil, _ context: AppContext) async throws {
        let encoded = try encode(values)
        let lifetime = lifetime(of: values)
        if let known, known.stored == encoded, known.expiresAt.timeIntervalSinceNow >= lifetime - slideAfter { return }
        let existing = try await SessionStore.session(key: key, on: context.database)
        if let existing, existing.data == encoded, existing.expiresAt.timeIntervalSinceNow >= lifetime - slideAfter { return }
        try await SessionStore.save(key: key, data: encoded, expiresAt: Date().addingTimeInterval(lifetime),
                                   userID: values["user"].flatMap(UUID.init(uuidString:)), existing: existing, on: context.database)
    }

    public static func delete(key: String, _ context: AppContext) async throws {
        try await SessionStore.delete(key: key, on: context.database)
    }
}
