import FluentKit
import SQLKit

/// The foundation's tables: the partnership register, accounts, sign-in and the audit log.
/// Enumerations are stored as text so a new case needs no schema change on either database.
struct CreatePartnerships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Partnership.schema)
            .id()
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("slug", .string, .required)
            .field("local_authority_code", .string, .required)
            .field("local_authority_name", .string, .required)
            .field("year_start_month", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
        try await database.schema(AreaFact.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("key", .string, .required)
            .field("label", .string, .required)
            .field("value", .double, .required)
            .field("unit", .string, .required)
            .field("source", .string, .required)
            .field("position", .int, .required)
            .unique(on: "partnership_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AreaFact.schema).delete()
        try await database.schema(Partnership.schema).delete()
    }
}

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("sector", .string, .required)
            .field("type_description", .string)
            .field("lead_partner_role", .string)
            .field("delegated_partner_role", .string)
            .field("contact_email", .string)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "partnership_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).delete()
    }
}

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_active", .bool, .required)
            .field("last_signed_in_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(Membership.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("role", .string, .required)
            .field("organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .restrict))
            .unique(on: "user_id", "partnership_id")
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest")
            .create()
        try await database.schema(SignInAttempt.schema)
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "sign_in_attempts_email_time").on(SignInAttempt.schema).column("email").column("attempted_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInAttempt.schema).delete()
        try await database.schema(APIToken.schema).delete()
        try await database.schema(Membership.schema).delete()
        try await database.schema(User.schema).delete()
    }
}

struct CreateGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PartnershipGroup.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("purpose", .string, .required)
            .field("chair", .string)
            .field("chair_organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .setNull))
            .field("reports_to_id", .uuid, .references(PartnershipGroup.schema, .id, onDelete: .setNull))
            .field("joint_with", .string)
            .field("position", .int, .required)
            .unique(on: "partnership_id", "name")
            .create()
        try await database.schema(GroupMember.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("group_id", .uuid, .required, .references(PartnershipGroup.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .restrict))
            .field("member_role", .string, .required)
            .field("seat", .string, .required)
            .create()
        try await database.schema(Meeting.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("group_id", .uuid, .required, .references(PartnershipGroup.schema, .id, onDelete: .cascade))
            .field("held_on", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Meeting.schema).delete()
        try await database.schema(GroupMember.schema).delete()
        try await database.schema(PartnershipGroup.schema).delete()
    }
}

struct CreateContributions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contribution.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("reporting_year", .string, .required)
            .field("organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .restrict))
            .field("label", .string, .required)
            .field("category", .string, .required)
            .field("amount_pence", .int64, .required)
            .field("note", .string)
            .field("position", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "partnership_id", "reporting_year", "label")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contribution.schema).delete()
    }
}

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("partnership_id", .uuid, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .string)
            .field("summary", .string, .required)
            .field("changes", .string)
            .field("address", .string)
            .field("occurred_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_events_partnership_time").on(AuditEvent.schema).column("partnership_id").column("occurred_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
    }
}

/// Each module's tables, as the migrations that make them, in the order they were added. The
/// application's list of modules puts them together; a migration runs once, known by its name.
public enum Migrations {
    /// The partnership, its organisations, people and their access, groups, money, the audit log and sessions.
    public static var register: [any Migration] {
        [CreatePartnerships(), CreateOrganisations(), CreateUsers(), CreateGroups(), CreateContributions(), CreateAuditEvents(), CreateSessions(),
         UpdateOrganisationsAddMembershipDates(), UpdateGroupsAddSetUpAndClosed(), CreatePartnershipLocalAuthorities(),
         CreateSetupTokens(), CreateAccountLinks(), UpdateSessionsAddUser(), UpdateRegisterAddWithdrawal(),
         UpdateMembershipsAddActive(), UpdateSessionsAddDetails(), UpdateSignInAttemptsAddDevice(), CreateTwoFactor()]
    }
    public static var performance: [any Migration] { [CreatePerformance(), UpdatePerformanceAddWithdrawal()] }
    public static var learning: [any Migration] { [CreateLearning(), UpdateActionsAddRaisedAndClosed(), CreateActionStatusChanges(), UpdateLearningAddWithdrawal(),
                                                        UpdateSurveysAddMaximumResponses()] }
    public static var reviews: [any Migration] { [CreateReviews(), UpdateReviewsAddWithdrawal()] }
    public static var report: [any Migration] { [CreateReports(), UpdateReportSignOffsAddContentDigest(), UpdateReportSectionsAddLeftOut()] }
}
