import FluentKit
import Foundation
import SafeguardingDomain

/// User accounts, memberships, API tokens and sign-in attempts.
public enum AccountStore {
    public static func user(email: String, on db: any Database) async throws -> User? {
        guard let normalised = EmailAddress.normalised(email) else { return nil }
        return try await User.query(on: db).filter(\.$email == normalised).first()
    }

    /// A person's memberships, each with its partnership loaded (one query: a join).
    public static func memberships(of userID: UUID, on db: any Database) async throws -> [Membership] {
        let rows = try await Membership.query(on: db).join(Partnership.self, on: \Membership.$partnership.$id == \Partnership.$id)
            .filter(\.$user.$id == userID).all()
        for membership in rows { membership.$partnership.value = try membership.joined(Partnership.self) }
        return rows
    }

    /// The person with this id, if at least one of their memberships is active: otherwise they
    /// cannot sign in, use API tokens or set a password (one query).
    public static func activeUser(_ id: UUID, on db: any Database) async throws -> User? {
        try await User.query(on: db).join(Membership.self, on: \Membership.$user.$id == \User.$id)
            .filter(\.$id == id).filter(Membership.self, \.$isActive == true).first()
    }

    /// Whether the person may still use at least one partnership: otherwise they cannot sign in,
    /// use API tokens or set a password.
    public static func hasActiveMembership(_ userID: UUID, on db: any Database) async throws -> Bool {
        try await Membership.query(on: db).filter(\.$user.$id == userID).filter(\.$isActive == true).count() > 0
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
            let isActive = change.isActive ?? member.membership.isActive
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
                                             "active": String(member.membership.isActive)]
            member.membership.role = change.role
            member.membership.$organisation.id = organisationID
            let locking = member.membership.isActive && !isActive
            member.membership.isActive = isActive
            try await member.membership.update(on: tx)
            // Someone locked out of their last partnership has no use for their sessions.
            if locking, try await !hasActiveMembership(userID, on: tx) { try await SessionStore.endSessions(of: userID, on: tx) }
            let changes = AuditTrail.diff(before, ["role": change.role.rawValue, "organisation": change.organisationName, "active": String(isActive)])
            guard !changes.isEmpty else { return }
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: "user",
                                        subjectID: userID.uuidString, summary: "Changed access for \(member.user.email)", changes: changes)
        }
    }

    /// An attempt counted before its password is checked, and the failures counted against its
    /// keys before it (other attempts still being checked count as failures until they succeed).
    public struct Reservation: Sendable {
        public let id: UUID
        /// Failures for this email from this browser when it is a known one, else from this address.
        public let byClient: [Date]
        /// Failures for this email from any browser that is not a known one.
        public let byEmail: [Date]
        /// Failures from this address, whatever the email.
        public let byAddress: Int
    }

    /// Counts the attempt as a failure first, then reads what came before it. Because every
    /// attempt is stored before any is checked, the n-th of many concurrent attempts sees at least
    /// n - 1 others, so no more than the limit of them are ever checked, on SQLite and PostgreSQL
    /// alike, across app instances, without a lock.
    public static func reserveAttempt(email: String, address: String, deviceDigest: String?, since: Date, now: Date,
                                      on db: any Database) async throws -> Reservation {
        let attempt = SignInAttempt(email: email, address: address, succeeded: false, attemptedAt: now, deviceDigest: deviceDigest)
        try await attempt.create(on: db)
        let id = try attempt.requireID()
        let failures = try await SignInAttempt.query(on: db).filter(\.$email == email).filter(\.$succeeded == false)
            .filter(\.$attemptedAt >= since).filter(\.$id != id).all()
        let byClient = failures.filter { failure in
            if let deviceDigest { return failure.deviceDigest == deviceDigest }
            return failure.deviceDigest == nil && failure.address == address
        }
        let byEmail = failures.filter { $0.deviceDigest == nil }
        let byAddress = try await SignInAttempt.query(on: db).filter(\.$address == address).filter(\.$succeeded == false)
            .filter(\.$attemptedAt >= since).filter(\.$id != id).count()
        return Reservation(id: id, byClient: byClient.map(\.attemptedAt), byEmail: byEmail.map(\.attemptedAt), byAddress: byAddress)
    }

    /// The attempt was refused unchecked: it is not a failure of its own, so the lock lifts on time.
    public static func withdrawAttempt(_ id: UUID, on db: any Database) async throws {
        try await SignInAttempt.query(on: db).filter(\.$id == id).delete()
    }

    /// The password was right: the attempt stops counting as a failure.
    public static func markSucceeded(_ id: UUID, on db: any Database) async throws {
        try await SignInAttempt.query(on: db).filter(\.$id == id).set(\.$succeeded, to: true).update()
    }

    /// Whether the partnership requires two-factor sign-in of roles that read restricted records.
    public static func requiresTwoFactor(_ partnershipID: UUID, on db: any Database) async throws -> Bool {
        try await TwoFactorRequirement.query(on: db).filter(\.$partnership.$id == partnershipID).count() > 0
    }

    /// Turns the requirement on or off; answers whether anything changed.
    public static func setRequiresTwoFactor(_ required: Bool, _ partnershipID: UUID, on db: any Database) async throws -> Bool {
        guard try await requiresTwoFactor(partnershipID, on: db) != required else { return false }
        if required {
            try await TwoFactorRequirement(partnershipID: partnershipID, requiredSince: Date()).create(on: db)
        } else {
            try await TwoFactorRequirement.query(on: db).filter(\.$partnership.$id == partnershipID).delete()
        }
        return true
    }

    /// Whether the device token's digest names a browser the person signed in from before.
    public static func isKnownDevice(_ digest: String, email: String, on db: any Database) async throws -> Bool {
        guard let device = try await SignInDevice.query(on: db).filter(\.$tokenDigest == digest).with(\.$user).first() else { return false }
        return device.user.email == email
    }

    /// Remembers a browser the person has just signed in from.
    public static func rememberDevice(_ digest: String, userID: UUID, now: Date, on db: any Database) async throws {
        guard try await SignInDevice.query(on: db).filter(\.$tokenDigest == digest).first() == nil else { return }
        try await SignInDevice(userID: userID, tokenDigest: digest, createdAt: now).create(on: db)
    }

    public static func createToken(for user: User, name: String, digest: String, on db: any Database) async throws {
        try await APIToken(userID: user.requireID(), name: name, tokenDigest: digest).create(on: db)
    }

    public static func user(forTokenDigest digest: String, on db: any Database) async throws -> User? {
        // The token, its user and one of the user's active memberships, in one query: a person
        // locked out of every partnership cannot use their tokens.
        guard let token = try await APIToken.query(on: db)
            .join(User.self, on: \APIToken.$user.$id == \User.$id)
            .join(Membership.self, on: \Membership.$user.$id == \APIToken.$user.$id)
            .filter(\.$tokenDigest == digest).filter(\.$revokedAt == nil)
            .filter(Membership.self, \.$isActive == true).first() else { return nil }
        let user = try token.joined(User.self)
        // Record use at most once a minute: a write on every API call would halve throughput on SQLite.
        if (token.lastUsedAt.map { Date().timeIntervalSince($0) > 60 }) ?? true {
            token.lastUsedAt = Date()
            try await token.update(on: db)
        }
        return user
    }
}
