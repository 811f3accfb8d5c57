import FluentKit
import Foundation
import SafeguardingDomain

/// User accounts, memberships, API tokens and sign-in attempts.
public enum AccountStore {
    public static func user(email: String, on db: any Database) async throws -> User? {
        guard let normalised = EmailAddress.normalised(email) else { return nil }
        return try await User.query(on: db).filter(\.$email == normalised).first()
    }

    public static func memberships(of userID: UUID, on db: any Database) async throws -> [Membership] {
        try await Membership.query(on: db).filter(\.$user.$id == userID).with(\.$partnership).all()
    }

    public static func membership(of userID: UUID, in partnershipID: UUID, on db: any Database) async throws -> Membership? {
        try await Membership.query(on: db).filter(\.$user.$id == userID).filter(\.$partnership.$id == partnershipID).first()
    }

    public struct Member: Sendable {
        public let user: User
        public let membership: Membership
    }

    public static func members(of partnership: Partnership, on db: any Database) async throws -> [Member] {
        let memberships = try await Membership.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$user).with(\.$organisation).all()
        return memberships.map { Member(user: $0.user, membership: $0) }.sorted { $0.user.email < $1.user.email }
    }

    /// Creates an account (or adds an existing account to the partnership) with its role.
    public static func addUser(_ draft: UserDraft, to partnership: Partnership, passwordHash: String,
                               by actor: Actor, on db: any Database) async throws -> User {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            var organisationID: UUID?
            if let name = draft.organisationName {
                guard let organisation = try await RegisterStore.organisation(named: name, in: partnership, on: tx) else {
                    throw ValidationErrors([FieldError(field: "organisation", message: "There is no organisation called \(name) in \(partnership.name)")])
                }
                organisationID = organisation.id
            }
            if try await User.query(on: tx).filter(\.$email == draft.email).first() != nil {
                throw ValidationErrors([FieldError(field: "email", message: "A user with the email \(draft.email) already exists")])
            }
            let user = User(email: draft.email, name: draft.name, passwordHash: passwordHash)
            try await user.create(on: tx)
            try await Membership(userID: user.requireID(), partnershipID: pid, role: draft.role, organisationID: organisationID).create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "user",
                                        subjectID: user.id?.uuidString,
                                        summary: "Added user \(draft.email) as \(draft.role.label.lowercased())")
            return user
        }
    }

    public static func member(_ userID: UUID, of partnership: Partnership, on db: any Database) async throws -> Member {
        guard let membership = try await Membership.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$partnership.$id == partnership.requireID()).with(\.$user).with(\.$organisation).first()
        else { throw NotFound("user") }
        return Member(user: membership.user, membership: membership)
    }

    /// Changes a member's role, organisation and whether the account may sign in. An administrator
    /// cannot remove their own administrator role or lock themselves out.
    public static func changeAccess(_ change: AccessChange, of userID: UUID, in partnership: Partnership,
                                    by actor: Actor, on db: any Database) async throws {
        let pid = try partnership.requireID()
        try await db.transaction { tx in
            let member = try await member(userID, of: partnership, on: tx)
            let isActive = change.isActive ?? member.user.isActive
            if actor.userID == userID, change.role != .administrator || !isActive {
                throw ValidationErrors([FieldError(field: "role", message: "You cannot remove your own administrator access; ask another administrator")])
            }
            var organisationID: UUID?
            if let name = change.organisationName {
                guard let organisation = try await RegisterStore.organisation(named: name, in: partnership, on: tx) else {
                    throw ValidationErrors([FieldError(field: "organisation", message: "There is no organisation called \(name) in \(partnership.name)")])
                }
                organisationID = organisation.id
            }
            let before: [String: String?] = ["role": member.membership.role.rawValue, "organisation": member.membership.organisation?.name,
                                             "active": String(member.user.isActive)]
            member.membership.role = change.role
            member.membership.$organisation.id = organisationID
            let locking = member.user.isActive && !isActive
            member.user.isActive = isActive
            try await member.membership.update(on: tx)
            try await member.user.update(on: tx)
            // A locked account's sessions end with it.
            if locking { try await SessionStore.endSessions(of: userID, on: tx) }
            let changes = AuditTrail.diff(before, ["role": change.role.rawValue, "organisation": change.organisationName, "active": String(isActive)])
            guard !changes.isEmpty else { return }
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: "user",
                                        subjectID: userID.uuidString, summary: "Changed access for \(member.user.email)", changes: changes)
        }
    }

    public static func recordAttempt(email: String, address: String, succeeded: Bool, on db: any Database) async throws {
        try await SignInAttempt(email: email, address: address, succeeded: succeeded, attemptedAt: Date()).create(on: db)
    }

    /// Recent failed attempts for an email or from an address.
    public static func recentFailures(email: String, address: String, since: Date, on db: any Database) async throws -> (byEmail: [Date], byAddress: [Date]) {
        let byEmail = try await SignInAttempt.query(on: db).filter(\.$email == email).filter(\.$succeeded == false)
            .filter(\.$attemptedAt >= since).all(\.$attemptedAt)
        let byAddress = try await SignInAttempt.query(on: db).filter(\.$address == address).filter(\.$succeeded == false)
            .filter(\.$attemptedAt >= since).all(\.$attemptedAt)
        return (byEmail, byAddress)
    }

    public static func createToken(for user: User, name: String, digest: String, on db: any Database) async throws {
        try await APIToken(userID: user.requireID(), name: name, tokenDigest: digest).create(on: db)
    }

    public static func user(forTokenDigest digest: String, on db: any Database) async throws -> User? {
        guard let token = try await APIToken.query(on: db).filter(\.$tokenDigest == digest).filter(\.$revokedAt == nil)
            .with(\.$user).first() else { return nil }
        // Record use at most once a minute: a write on every API call would halve throughput on SQLite.
        if (token.lastUsedAt.map { Date().timeIntervalSince($0) > 60 }) ?? true {
            token.lastUsedAt = Date()
            try await token.update(on: db)
        }
        return token.user.isActive ? token.user : nil
    }
}
