import FluentKit
import Foundation
import SafeguardingDomain

/// Invitations, one-time set-password links, password changes and locking. Each change and its
/// audit events are written in one transaction; no token, digest or password reaches the log.
public enum AccountLinkStore {
    /// A link to store: the digest of its token and when it expires. The token itself stays with the caller.
    public struct NewLink: Sendable {
        public let digest: String
        public let expiresAt: Date
        public init(digest: String, expiresAt: Date) {
            self.digest = digest
            self.expiresAt = expiresAt
        }
    }

    public enum InvitationOutcome: Sendable {
        /// A new account, waiting for its first password through the link.
        case invited(email: String)
        /// The address already had an account: it now has a role here too. `linkIssued` when the
        /// account had never set a password, so a fresh invitation link replaced the old one.
        case addedExisting(email: String, linkIssued: Bool)
    }

    /// Invites a person to the partnership, or gives an existing account a role in it.
    public static func invite(_ draft: InvitationDraft, to partnership: Partnership, link: NewLink,
                              by actor: Actor, on db: any Database) async throws -> InvitationOutcome {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            var organisationID: UUID?
            if let name = draft.organisationName {
                guard let organisation = try await RegisterStore.organisation(named: name, in: partnership, on: tx) else {
                    throw ValidationErrors([FieldError(field: "organisation", message: "There is no organisation called \(name) in \(partnership.name)")])
                }
                organisationID = organisation.id
            }
            if let existing = try await User.query(on: tx).filter(\.$email == draft.email).first() {
                let uid = try existing.requireID()
                if try await AccountStore.membership(of: uid, in: pid, on: tx) != nil {
                    throw ValidationErrors([FieldError(field: "email", message: "\(draft.email) already has access to \(partnership.name); change their role on their page in the list of users")])
                }
                try await Membership(userID: uid, partnershipID: pid, role: draft.role, organisationID: organisationID).create(on: tx)
                try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "membership", subjectID: uid.uuidString,
                                            summary: "Gave the existing account \(draft.email) access as \(draft.role.label.lowercased())")
                guard existing.passwordHash.isEmpty else { return .addedExisting(email: draft.email, linkIssued: false) }
                try await store(link, purpose: .invitation, for: existing, partnershipID: pid, by: actor, on: tx)
                return .addedExisting(email: draft.email, linkIssued: true)
            }
            let user = User(email: draft.email, name: draft.name, passwordHash: "")
            try await user.create(on: tx)
            try await Membership(userID: user.requireID(), partnershipID: pid, role: draft.role, organisationID: organisationID).create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "invite", subjectType: "user", subjectID: user.id?.uuidString,
                                        summary: "Invited \(draft.email) as \(draft.role.label.lowercased())",
                                        changes: ["name": (nil, draft.name), "role": (nil, draft.role.rawValue), "organisation": (nil, draft.organisationName)])
            try await store(link, purpose: .invitation, for: user, partnershipID: pid, by: actor, on: tx)
            return .invited(email: draft.email)
        }
    }

    /// An administrator's reset link for a member of their partnership. A locked account gets none.
    public static func issueReset(for userID: UUID, in partnership: Partnership, link: NewLink,
                                  by actor: Actor, on db: any Database) async throws -> String {
        try await db.transaction { tx in
            let member = try await AccountStore.member(userID, of: partnership, on: tx)
            guard member.membership.isActive else {
                throw ValidationErrors([FieldError(field: "account", message: "\(member.user.email) is locked; unlock the account before issuing a link")])
            }
            try await store(link, purpose: member.user.passwordHash.isEmpty ? .invitation : .adminReset, for: member.user,
                            partnershipID: partnership.requireID(), by: actor, on: tx)
            return member.user.email
        }
    }

    /// A reset asked for on the sign-in page. Answers the account's name when a link was stored,
    /// nothing for an unknown or locked address (the caller says the same thing either way).
    public static func requestReset(email: String, link: NewLink, address: String?, on db: any Database) async throws -> String? {
        try await db.transaction { tx in
            guard let user = try await AccountStore.user(email: email, on: tx),
                  try await AccountStore.hasActiveMembership(user.requireID(), on: tx) else { return nil }
            let actor = Actor(userID: user.id, email: user.email, address: address)
            try await store(link, purpose: .reset, for: user, partnershipID: nil, by: actor, on: tx)
            return user.name
        }
    }

    /// What a link's page needs before the new password is typed.
    public struct LinkDetails: Sendable {
        public let purpose: AccountLinkPurpose
        public let state: AccountLinkState
        public let email: String
        public let name: String
    }

    /// The link a token's digest names, and whether it can still be used; nothing for an unknown digest.
    public static func link(digest: String, now: Date, on db: any Database) async throws -> LinkDetails? {
        guard let link = try await AccountLink.query(on: db).filter(\.$tokenDigest == digest).with(\.$user).first() else { return nil }
        let state = try await AccountStore.hasActiveMembership(link.$user.id, on: db) ? link.state(now: now) : .expired
        return LinkDetails(purpose: link.purpose, state: state, email: link.user.email, name: link.user.name)
    }

    public enum Redemption: Sendable {
        case passwordSet(email: String, purpose: AccountLinkPurpose)
        case refused(AccountLinkState)
    }

    /// Uses the link: stores the new password's hash, marks the link used and ends every session
    /// the person had, all at once. A second use, an expired link or a locked account is refused.
    public static func redeem(digest: String, passwordHash: String, now: Date, address: String?, on db: any Database) async throws -> Redemption {
        try await db.transaction { tx in
            guard let link = try await AccountLink.query(on: tx).filter(\.$tokenDigest == digest).with(\.$user).first() else {
                return .refused(.expired)
            }
            let state = link.state(now: now)
            guard state == .usable else { return .refused(state) }
            let user = link.user
            guard try await AccountStore.hasActiveMembership(user.requireID(), on: tx) else { return .refused(.expired) }
            link.usedAt = now
            try await link.update(on: tx)
            user.passwordHash = passwordHash
            try await user.update(on: tx)
            let ended = try await SessionStore.endSessions(of: user.requireID(), on: tx)
            let actor = Actor(userID: user.id, email: user.email, address: address)
            let summary = link.purpose == .invitation ? "Set their first password through an invitation link" : "Reset their password through a one-time link"
            try await recordForEachPartnership(of: user, also: link.$partnership.id, actor: actor, action: "password_set",
                                               summary: summary + endedSuffix(ended), on: tx)
            return .passwordSet(email: user.email, purpose: link.purpose)
        }
    }

    /// Stores a new password the person chose themselves and ends their other sessions, keeping
    /// the one named by `keepSession`.
    public static func changePassword(of userID: UUID, passwordHash: String, keepSession: String?, actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            guard let user = try await User.find(userID, on: tx) else { throw NotFound("user") }
            user.passwordHash = passwordHash
            try await user.update(on: tx)
            let ended = try await SessionStore.endSessions(of: userID, except: keepSession, on: tx)
            try await recordForEachPartnership(of: user, also: nil, actor: actor, action: "password_changed",
                                               summary: "Changed their own password" + endedSuffix(ended, other: true), on: tx)
        }
    }

    /// Locks a person's membership of this partnership (they cannot open it, by page or API) or
    /// unlocks it. Their other partnerships are untouched; when none is left open to them, they
    /// cannot sign in or use API tokens at all, and their sessions end.
    public static func setLocked(_ locked: Bool, userID: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws -> String {
        if locked, actor.userID == userID {
            throw ValidationErrors([FieldError(field: "account", message: "You cannot lock your own account; ask another administrator")])
        }
        return try await db.transaction { tx in
            let member = try await AccountStore.member(userID, of: partnership, on: tx)
            let user = member.user
            guard member.membership.isActive == locked else { return user.email }
            member.membership.isActive = !locked
            try await member.membership.update(on: tx)
            let lockedEverywhere = try await !AccountStore.hasActiveMembership(userID, on: tx)
            let ended = locked && lockedEverywhere ? try await SessionStore.endSessions(of: userID, on: tx) : 0
            try await AuditTrail.record(on: tx, partnershipID: partnership.requireID(), actor: actor, action: locked ? "lock" : "unlock",
                                        subjectType: "user", subjectID: userID.uuidString,
                                        summary: (locked ? "Locked the account of \(user.email)" : "Unlocked the account of \(user.email)") + endedSuffix(ended),
                                        changes: ["active": (String(locked), String(!locked))])
            return user.email
        }
    }

    /// Replaces any unused link of the person with this one (only the newest link works) and audits it.
    static func store(_ link: NewLink, purpose: AccountLinkPurpose, for user: User, partnershipID: UUID?, by actor: Actor, on tx: any Database) async throws {
        let uid = try user.requireID()
        try await AccountLink.query(on: tx).filter(\.$user.$id == uid).filter(\.$usedAt == nil).delete()
        try await AccountLink(userID: uid, partnershipID: partnershipID, purpose: purpose, tokenDigest: link.digest, expiresAt: link.expiresAt).create(on: tx)
        let what = switch purpose {
        case .invitation: "a set-password link"
        case .reset: "a password reset link, asked for on the sign-in page,"
        case .adminReset: "a password reset link"
        }
        try await recordForEachPartnership(of: user, also: partnershipID, actor: actor, action: "link_issued",
                                           summary: "Issued \(what) for \(user.email), valid for \(purpose.lifetimeDescription)", on: tx)
    }

    /// Records the event in every partnership the person belongs to (and the one named), as sign-in does.
    static func recordForEachPartnership(of user: User, also partnershipID: UUID?, actor: Actor, action: String, summary: String,
                                         on tx: any Database) async throws {
        let uid = try user.requireID()
        var partnerships = try await Membership.query(on: tx).filter(\.$user.$id == uid).all().map(\.$partnership.id)
        if let partnershipID, !partnerships.contains(partnershipID) { partnerships.append(partnershipID) }
        for pid in Set(partnerships).sorted(by: { $0.uuidString < $1.uuidString }) {
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: action, subjectType: "user",
                                        subjectID: uid.uuidString, summary: summary)
        }
    }

    static func endedSuffix(_ count: Int, other: Bool = false) -> String {
        guard count > 0 else { return "" }
        return "; ended \(count) \(other ? "other " : "")session\(count == 1 ? "" : "s")"
    }
}
