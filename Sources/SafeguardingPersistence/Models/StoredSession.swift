import FluentKit
import Foundation

/// A browser session, kept in the database so every app instance shares it. Sessions expire:
/// an anonymous one (a visitor who only opened the sign-in page) after an hour, a signed-in one
/// eight hours after its last use; expired rows are deleted, so the table cannot grow without end.
public final class StoredSession: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    /// The session's values as a JSON object of strings.
    @Field(key: "data") public var data: String
    @Field(key: "expires_at") public var expiresAt: Date
    /// The signed-in person, so their sessions can be ended when their password changes or their
    /// account is locked; nil for an anonymous session.
    @OptionalField(key: "user_id") public var userID: UUID?
    @OptionalField(key: "created_at") public var createdAt: Date?
    /// When the session was last used, to within the quarter of an hour its expiry slides by.
    @OptionalField(key: "last_seen_at") public var lastSeenAt: Date?
    /// The browser's own description of itself, cut to 300 characters, for the list of sessions.
    @OptionalField(key: "user_agent") public var userAgent: String?

    public init() {}

    public init(key: String, data: String, expiresAt: Date, userID: UUID? = nil, userAgent: String? = nil, now: Date = Date()) {
        self.key = key
        self.data = data
        self.expiresAt = expiresAt
        self.userID = userID
        self.userAgent = userAgent.map { String($0.prefix(300)) }
        self.createdAt = now
        self.lastSeenAt = now
    }
}

struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredSession.schema)
            .id()
            .field("key", .string, .required)
            .field("data", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredSession.schema).delete()
    }
}

/// Sessions name their signed-in person in a column of their own, so ending someone's sessions is
/// one indexed delete rather than a search through every session's values.
struct UpdateSessionsAddUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredSession.schema).field("user_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredSession.schema).deleteField("user_id").update()
    }
}
