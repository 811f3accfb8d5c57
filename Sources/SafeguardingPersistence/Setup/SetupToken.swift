import FluentKit
import Foundation
import SafeguardingDomain

/// A one-time set-up link for an installation with no partnership yet. Only the digest of the
/// token is kept; the token itself is printed once on the server's console. Every start of an
/// empty installation adds one, so each app instance's printed link works; setting up uses one
/// and retires them all.
public final class SetupToken: Model, @unchecked Sendable {
    public static let schema = "setup_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_digest") public var tokenDigest: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    public init(tokenDigest: String) {
        self.tokenDigest = tokenDigest
    }
}

struct CreateSetupTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SetupToken.schema)
            .id()
            .field("token_digest", .string, .required)
            .field("created_at", .datetime)
            .field("used_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SetupToken.schema).delete()
    }
}

/// Whether the installation has a partnership yet, and its set-up tokens.
public enum InstallationStore {
    public static func hasPartnership(on db: any Database) async throws -> Bool {
        try await Partnership.query(on: db).first() != nil
    }

    public static func addToken(digest: String, on db: any Database) async throws {
        try await SetupToken(tokenDigest: digest).create(on: db)
    }

    /// Whether an unused token has this digest.
    public static func isUsable(digest: String, on db: any Database) async throws -> Bool {
        try await SetupToken.query(on: db).filter(\.$tokenDigest == digest).filter(\.$usedAt == nil).first() != nil
    }

    /// Uses the token and retires every other one, inside the caller's transaction. Refuses a
    /// token that is unknown or already used.
    public static func consume(digest: String, on tx: any Database) async throws {
        guard try await isUsable(digest: digest, on: tx) else {
            throw ValidationErrors([FieldError(field: "token", message: "This set-up link has been used or is not valid")])
        }
        try await SetupToken.query(on: tx).filter(\.$usedAt == nil).set(\.$usedAt, to: Date()).update()
    }
}
