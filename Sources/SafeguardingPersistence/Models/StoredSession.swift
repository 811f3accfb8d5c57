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

    public init() {}

    public init(key: String, data: String, expiresAt: Date) {
        self.key = key
        self.data = data
        self.expiresAt = expiresAt
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
