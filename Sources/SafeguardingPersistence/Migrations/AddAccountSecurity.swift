import FluentKit
import Foundation
import SQLKit

/// Whether a person may use a partnership belongs to their membership of it, not to the person:
/// one partnership locking someone must not lock them out of another. The old `users.is_active`
/// is copied to every membership of the person and no longer read.
struct UpdateMembershipsAddActive: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Membership.schema).field("is_active", .bool).update()
        try await Membership.query(on: database).set(\.$isActive, to: true).update()
        let locked = try await User.query(on: database).filter(\.$isActive == false).all(\.$id)
        guard !locked.isEmpty else { return }
        try await Membership.query(on: database).filter(\.$user.$id ~~ locked).set(\.$isActive, to: false).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Membership.schema).deleteField("is_active").update()
    }
}

/// Sessions say when they started, when they were last used and from what browser, so their owner
/// and administrators can list and end them.
struct UpdateSessionsAddDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredSession.schema).field("created_at", .datetime).update()
        try await database.schema(StoredSession.schema).field("last_seen_at", .datetime).update()
        try await database.schema(StoredSession.schema).field("user_agent", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredSession.schema).deleteField("user_agent").update()
        try await database.schema(StoredSession.schema).deleteField("last_seen_at").update()
        try await database.schema(StoredSession.schema).deleteField("created_at").update()
    }
}

/// Sign-in throttling keyed per known browser: an attempt names the digest of the browser's
/// device token, when it has one for that email address. Browsers a person signed in from before
/// are remembered (`sign_in_devices`), so failures caused by someone else cannot lock them out.
struct UpdateSignInAttemptsAddDevice: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInAttempt.schema).field("device_digest", .string).update()
        try await database.schema(SignInDevice.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "sign_in_attempts_address_time").on(SignInAttempt.schema).column("address").column("attempted_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInDevice.schema).delete()
        try await database.schema(SignInAttempt.schema).deleteField("device_digest").update()
    }
}

/// Two-factor sign-in by authenticator app: each person's secret (encrypted), when it was
/// confirmed, the last time step used (so a code works once), and their hashed recovery codes;
/// and the partnership setting that requires it for roles that read restricted records.
struct CreateTwoFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TwoFactorSecret.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("sealed_secret", .string, .required)
            .field("confirmed_at", .datetime)
            .field("last_used_step", .int64)
            .field("recovery_digests", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id")
            .create()
        // A table of its own rather than a column on partnerships: earlier migrations read
        // `Partnership` rows, and a model field they do not yet have would break them.
        try await database.schema(TwoFactorRequirement.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("required_since", .datetime, .required)
            .unique(on: "partnership_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TwoFactorRequirement.schema).delete()
        try await database.schema(TwoFactorSecret.schema).delete()
    }
}
