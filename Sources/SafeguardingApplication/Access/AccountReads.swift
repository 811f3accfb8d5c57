import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The people with access to a partnership, and its audit log: administrators only. Opening the
/// list of users is itself recorded in the audit log.
public enum AccountReads {
    public static func usersPage(_ viewer: Viewer, _ context: AppContext) async throws -> UsersPage {
        try viewer.require(.manageUsers)
        let members = try await AccountStore.members(of: viewer.partnership, on: context.database)
        try await AuditTrail.record(on: context.database, partnershipID: viewer.partnership.id, actor: viewer.actor, action: "view",
                                    subjectType: "user_list", subjectID: nil, summary: "Viewed the list of users")
        return try await UsersPage(partnershipName: viewer.partnership.name, members: members.map(UsersPage.Member.init),
                             requiresTwoFactor: AccountStore.requiresTwoFactor(viewer.partnership.requireID(), on: context.database))
    }

    /// The form to add a person: the organisations a contributor may belong to.
    public static func newUserForm(_ viewer: Viewer, _ context: AppContext) async throws -> UserFormPage {
        try viewer.require(.manageUsers)
        return try await UserFormPage(partnershipName: viewer.partnership.name, organisations: organisations(viewer, context))
    }

    /// One person's access to the partnership, to change.
    public static func accessForm(_ viewer: Viewer, userID: UUID, _ context: AppContext) async throws -> AccessFormPage {
        try viewer.require(.manageUsers)
        let member = try await AccountStore.member(userID, of: viewer.partnership, on: context.database)
        return try await AccessFormPage(member: UsersPage.Member(member), organisations: organisations(viewer, context),
                                        sessions: AccountSessions.list(userID, currentKey: nil, context),
                                        twoFactorOn: TwoFactor.isOn(for: userID, context),
                                        partnershipRequiresTwoFactor: AccountStore.requiresTwoFactor(viewer.partnership.requireID(), on: context.database))
    }

    /// One page of the audit log, newest first; pages beyond the last are empty.
    public static func auditLog(_ viewer: Viewer, page: Int, _ context: AppContext) async throws -> AuditLogPage {
        try viewer.require(.readAuditLog)
        let found = try await AuditTrail.events(on: context.database, partnershipID: viewer.partnership.requireID(), page: page)
        return AuditLogPage(partnershipName: viewer.partnership.name, page: found.page, hasMore: found.hasMore,
                            events: found.events.map { AuditLogPage.Event(occurredAt: $0.occurredAt, actor: $0.actor, summary: $0.summary, changes: $0.changes) })
    }

    /// Every partnership the person belongs to, with their role in each, for the switcher.
    public static func partnerships(_ account: Account, _ context: AppContext) async throws -> PartnershipsPage {
        let memberships = try await AccountStore.memberships(of: account.id, on: context.database).filter(\.isActive)
        let items = memberships.map { PartnershipsPage.Item(slug: $0.partnership.slug, name: $0.partnership.name, role: $0.role) }
            .sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        return PartnershipsPage(name: account.name, partnerships: items)
    }

    static func organisations(_ viewer: Viewer, _ context: AppContext) async throws -> [OrganisationChoice] {
        try await RegisterStore.organisations(viewer.partnership, on: context.database).map(OrganisationChoice.init)
    }

    static let registry: [ReadUseCase] = [
        .list("AccountReads.usersPage") { try await usersPage($0, $1) },
        .list("AccountReads.newUserForm") { try await newUserForm($0, $1) },
        .record("AccountReads.accessForm", ids: { partnership, context in
            try await AccountStore.members(of: partnership, on: context.database).map { try $0.user.requireID() }
        }) { try await accessForm($0, userID: $1, $2) },
        .list("AccountReads.auditLog") { try await auditLog($0, page: 1, $1) },
        // Not scoped to one partnership: any signed-in person reads their own memberships.
        .list("AccountReads.partnerships") { try await partnerships($0.user, $1) },
    ]
}

/// The people with access to a partnership, by email address.
public struct UsersPage: Sendable {
    public struct Member: Sendable {
        public let id: UUID
        public let email: String
        public let name: String
        public let isActive: Bool
        public let status: AccountStatus
        public let role: Role
        public let organisationName: String?
        public let lastSignedInAt: Date?

        init(_ member: AccountStore.Member) throws {
            id = try member.user.requireID()
            email = member.user.email
            name = member.user.name
            isActive = member.membership.isActive
            status = AccountStatus.of(isActive: member.membership.isActive, hasPassword: !member.user.passwordHash.isEmpty)
            role = member.membership.role
            organisationName = member.membership.organisation?.name
            lastSignedInAt = member.user.lastSignedInAt
        }
    }

    public let partnershipName: String
    public let members: [Member]
    /// The partnership requires two-factor sign-in of roles that read restricted records.
    public let requiresTwoFactor: Bool
}

/// The form to add a person to the partnership.
public struct UserFormPage: Sendable {
    public let partnershipName: String
    public let organisations: [OrganisationChoice]
}

/// The form to change one person's role, organisation and whether they may sign in.
public struct AccessFormPage: Sendable {
    public let member: UsersPage.Member
    public let organisations: [OrganisationChoice]
    /// The person's signed-in sessions, which the administrator may end.
    public let sessions: [SessionsPage.Item]
    public let twoFactorOn: Bool
    public let partnershipRequiresTwoFactor: Bool

    /// The form's fields as they stand.
    public var values: [String: String] {
        ["role": member.role.rawValue, "organisation": member.organisationName ?? ""]
    }
}

/// One page of the audit log.
public struct AuditLogPage: Sendable {
    public struct Event: Sendable {
        public let occurredAt: Date
        public let actor: String
        public let summary: String
        public let changes: String?
    }

    public let partnershipName: String
    public let page: Int
    public let hasMore: Bool
    public let events: [Event]
}

/// The partnerships a person belongs to and their role in each.
public struct PartnershipsPage: Sendable {
    public struct Item: Sendable, Equatable {
        public let slug: String
        public let name: String
        public let role: Role
    }

    public let name: String
    public let partnerships: [Item]
}
