import Foundation
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
}
