import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// A person's signed-in sessions: listed and ended by their owner, and by an administrator of a
/// partnership they belong to. Every ending is in the audit log.
public enum AccountSessions {
    /// The sessions of the signed-in person; `currentKey` marks the one they are using.
    public static func own(_ account: Account, currentKey: String?, _ context: AppContext) async throws -> SessionsPage {
        try await SessionsPage(email: account.email, sessions: list(account.id, currentKey: currentKey, context))
    }

    /// Ends one of the person's own sessions; answers false if it was not theirs or had gone.
    public static func endOwn(_ account: Account, sessionID: UUID, address: String?, _ context: AppContext) async throws -> Bool {
        try await context.database.transaction { tx in
            guard try await SessionStore.endSession(id: sessionID, of: account.id, on: tx) else { return false }
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: Actor(userID: account.id, email: account.email, address: address),
                                                          action: "session_ended", summary: "Ended one of their own sessions", on: tx)
            return true
        }
    }

    /// Ends every session of the person but the one they are using; answers how many ended.
    public static func endOthers(_ account: Account, currentKey: String?, address: String?, _ context: AppContext) async throws -> Int {
        try await context.database.transaction { tx in
            let ended = try await SessionStore.endSessions(of: account.id, except: currentKey, on: tx)
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: Actor(userID: account.id, email: account.email, address: address),
                                                          action: "session_ended",
                                                          summary: "Ended their other sessions (\(ended))", on: tx)
            return ended
        }
    }

    /// A member's sessions, for an administrator of the partnership.
    public static func member(_ viewer: Viewer, userID: UUID, _ context: AppContext) async throws -> [SessionsPage.Item] {
        try viewer.require(.manageUsers)
        _ = try await AccountStore.member(userID, of: viewer.partnership, on: context.database)
        return try await list(userID, currentKey: nil, context)
    }

    /// An administrator ends one session of a member (or, with no session named, all of them);
    /// answers the member's email address and how many ended.
    public static func endMember(_ viewer: Viewer, userID: UUID, sessionID: UUID?, _ context: AppContext) async throws -> (email: String, ended: Int) {
        try viewer.require(.manageUsers)
        return try await context.database.transaction { tx in
            let member = try await AccountStore.member(userID, of: viewer.partnership, on: tx)
            let ended: Int
            if let sessionID {
                ended = try await SessionStore.endSession(id: sessionID, of: userID, on: tx) ? 1 : 0
            } else {
                ended = try await SessionStore.endSessions(of: userID, on: tx)
            }
            try await AuditTrail.record(on: tx, partnershipID: viewer.partnership.requireID(), actor: viewer.actor, action: "session_ended",
                                        subjectType: "user", subjectID: userID.uuidString,
                                        summary: "Ended \(ended) session\(ended == 1 ? "" : "s") of \(member.user.email)")
            return (member.user.email, ended)
        }
    }

    static func list(_ userID: UUID, currentKey: String?, _ context: AppContext) async throws -> [SessionsPage.Item] {
        try await SessionStore.sessions(of: userID, now: Date(), on: context.database).map { row in
            SessionsPage.Item(id: try row.requireID(), startedAt: row.createdAt, lastSeenAt: row.lastSeenAt,
                              browser: BrowserSummary.describe(row.userAgent), isCurrent: row.key == currentKey)
        }
    }
}

/// A person's sessions, the most recently used first.
public struct SessionsPage: Sendable {
    public struct Item: Sendable {
        public let id: UUID
        /// Unknown for sessions begun before the app recorded it.
        public let startedAt: Date?
        public let lastSeenAt: Date?
        public let browser: String
        public let isCurrent: Bool
    }

    public let email: String
    public let sessions: [Item]
}
