import Foundation
import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// Administrators add people and change their access; each change is in the audit log.
public enum AccountWrites {
    /// Adds the person (the password already hashed by the caller, off the event loop) and answers
    /// their normalised email address.
    public static func addUser(_ viewer: Viewer, _ draft: UserDraft, passwordHash: String, _ context: AppContext) async throws -> String {
        try viewer.require(.manageUsers)
        _ = try await AccountStore.addUser(draft, to: viewer.partnership, passwordHash: passwordHash, by: viewer.actor, on: context.database)
        return draft.email
    }

    /// Changes a member's role, organisation and whether they may sign in; answers their email address.
    public static func changeAccess(_ viewer: Viewer, _ change: AccessChange, userID: UUID, _ context: AppContext) async throws -> String {
        try viewer.require(.manageUsers)
        let member = try await AccountStore.member(userID, of: viewer.partnership, on: context.database)
        try await AccountStore.changeAccess(change, of: userID, in: viewer.partnership, by: viewer.actor, on: context.database)
        return member.user.email
    }

    /// Locks an account (no sign-in, no API tokens, its sessions end) or unlocks it; answers the email address.
    public static func setLocked(_ viewer: Viewer, userID: UUID, locked: Bool, _ context: AppContext) async throws -> String {
        try viewer.require(.manageUsers)
        return try await AccountLinkStore.setLocked(locked, userID: userID, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Requires two-factor sign-in of the roles that read restricted records, or stops requiring it.
    public static func setTwoFactorRequired(_ viewer: Viewer, _ required: Bool, _ context: AppContext) async throws {
        try viewer.require(.manageUsers)
        let partnership = viewer.partnership
        try await context.database.transaction { tx in
            guard try await AccountStore.setRequiresTwoFactor(required, partnership.requireID(), on: tx) else { return }
            try await AuditTrail.record(on: tx, partnershipID: partnership.requireID(), actor: viewer.actor, action: "update",
                                        subjectType: "partnership", subjectID: partnership.id?.uuidString,
                                        summary: required ? "Required two-factor sign-in for roles that read restricted records"
                                                          : "Stopped requiring two-factor sign-in",
                                        changes: ["requires_two_factor": (String(!required), String(required))])
        }
    }

    /// Changes the signed-in person's own password once their current one is confirmed, and ends
    /// their other sessions (the one named `keepSession` carries on). `verify` and `hash` run bcrypt
    /// off the event loop.
    public static func changePassword(_ account: Account, _ draft: PasswordChangeDraft, keepSession: String?, address: String?,
                                      verify: @Sendable (_ password: String, _ hash: String) async throws -> Bool,
                                      hash: @Sendable (String) async throws -> String, _ context: AppContext) async throws {
        guard let user = try await User.find(account.id, on: context.database), try await AccountStore.hasActiveMembership(account.id, on: context.database)
        else { throw NotFound("account") }
        guard !user.passwordHash.isEmpty, try await verify(draft.currentPassword, user.passwordHash) else {
            throw ValidationErrors([FieldError(field: "current_password", message: "Your current password is not right; type it again")])
        }
        try await AccountLinkStore.changePassword(of: account.id, passwordHash: hash(draft.newPassword), keepSession: keepSession,
                                                  actor: Actor(userID: account.id, email: account.email, address: address), on: context.database)
    }
}
