import FluentKit
import Foundation
import SafeguardingDomain

/// A one-time link to set a password: an invitation or a reset. Only the SHA-256 digest of the
/// link's token is stored, so a copy of the database cannot be used to take over an account.
public final class AccountLink: Model, @unchecked Sendable {
    public static let schema = "account_links"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    /// The partnership whose administrator issued it (nil for a reset asked for on the sign-in page).
    @OptionalParent(key: "partnership_id") public var partnership: Partnership?
    @Field(key: "purpose") public var purpose: AccountLinkPurpose
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, partnershipID: UUID?, purpose: AccountLinkPurpose, tokenDigest: String, expiresAt: Date) {
        self.$user.id = userID
        self.$partnership.id = partnershipID
        self.purpose = purpose
        self.tokenDigest = tokenDigest
        self.expiresAt = expiresAt
    }

    public func state(now: Date) -> AccountLinkState { AccountLinkState.of(expiresAt: expiresAt, usedAt: usedAt, now: now) }
}

struct CreateAccountLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AccountLink.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("partnership_id", .uuid, .references(Partnership.schema, .id, onDelete: .setNull))
            .field("purpose", .string, .required)
            .field("token_digest", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccountLink.schema).delete()
    }
}
