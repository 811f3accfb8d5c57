import FluentKit
import Foundation
import SafeguardingDomain

/// A person who signs in. What they may do is set per partnership by a `Membership`.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    @Field(key: "password_hash") public var passwordHash: String
    /// No longer read: whether someone may sign in to a partnership is `Membership.isActive`.
    /// Kept so the migration that moved it can copy it.
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "last_signed_in_at") public var lastSignedInAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Children(for: \.$user) public var memberships: [Membership]

    public init() {}

    public init(email: String, name: String, passwordHash: String) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.isActive = true
    }

    public var typedID: UserID { UserID(id!) }
}

/// A user's role in one partnership, and for a contributor the organisation they work for.
public final class Membership: Model, @unchecked Sendable {
    public static let schema = "memberships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "role") public var role: Role
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    /// Whether the person may use this partnership; an administrator locks and unlocks it here,
    /// without touching the person's other partnerships.
    @Field(key: "is_active") public var isActive: Bool

    public init() {}

    public init(userID: UUID, partnershipID: UUID, role: Role, organisationID: UUID?, isActive: Bool = true) {
        self.$user.id = userID
        self.$partnership.id = partnershipID
        self.role = role
        self.$organisation.id = organisationID
        self.isActive = isActive
    }

    public var grant: Grant {
        Grant(role: role, organisation: $organisation.id.map { OrganisationRef($0.uuidString) })
    }
}

/// A bearer token for the API. Only its SHA-256 digest is stored.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "name") public var name: String
    @Field(key: "token_digest") public var tokenDigest: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(userID: UUID, name: String, tokenDigest: String) {
        self.$user.id = userID
        self.name = name
        self.tokenDigest = tokenDigest
    }
}

/// One sign-in attempt, kept so repeated failures can be throttled across app instances.
public final class SignInAttempt: Model, @unchecked Sendable {
    public static let schema = "sign_in_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "address") public var address: String
    @Field(key: "succeeded") public var succeeded: Bool
    @Field(key: "attempted_at") public var attemptedAt: Date
    /// The digest of the browser's device token when it is a known browser of this email's account.
    @OptionalField(key: "device_digest") public var deviceDigest: String?

    public init() {}

    public init(email: String, address: String, succeeded: Bool, attemptedAt: Date, deviceDigest: String? = nil) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.attemptedAt = attemptedAt
        self.deviceDigest = deviceDigest
    }
}

/// A browser someone signed in from: its device token's SHA-256 digest. Failed sign-ins from
/// other browsers do not lock a known browser out.
public final class SignInDevice: Model, @unchecked Sendable {
    public static let schema = "sign_in_devices"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(userID: UUID, tokenDigest: String, createdAt: Date) {
        self.$user.id = userID
        self.tokenDigest = tokenDigest
        self.createdAt = createdAt
    }
}

/// A person's authenticator-app secret, sealed with the app's encryption key, and their recovery
/// codes' digests (one per line; a used code's line is removed). Two-factor sign-in is on once
/// `confirmedAt` is set.
public final class TwoFactorSecret: Model, @unchecked Sendable {
    public static let schema = "two_factor_secrets"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "sealed_secret") public var sealedSecret: String
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    /// The time step of the last code accepted: a code for that step or an earlier one is refused.
    @OptionalField(key: "last_used_step") public var lastUsedStep: Int64?
    @Field(key: "recovery_digests") public var recoveryDigests: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, sealedSecret: String, recoveryDigests: [String]) {
        self.$user.id = userID
        self.sealedSecret = sealedSecret
        self.recoveryDigests = recoveryDigests.joined(separator: "\n")
    }
}

/// A partnership that requires two-factor sign-in of the roles that read restricted records.
public final class TwoFactorRequirement: Model, @unchecked Sendable {
    public static let schema = "two_factor_requirements"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "required_since") public var requiredSince: Date

    public init() {}

    public init(partnershipID: UUID, requiredSince: Date) {
        self.$partnership.id = partnershipID
        self.requiredSince = requiredSince
    }
}
