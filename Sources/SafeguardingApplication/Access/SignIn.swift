import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Signing in with an email address and password, and finding who a session or an API token
/// belongs to. Failed attempts are counted per email address and per client address; too many in
/// fifteen minutes lock both out for a while. Every attempt, failed or not, is recorded, and the
/// audit log of each partnership the person belongs to says so.
public enum SignIn {
    public static let window: TimeInterval = 15 * 60
    public static let wrongCredentials = "Enter a correct email address and password"

    /// How many failures lock an email address, and how many lock a client address.
    public struct Limits: Sendable {
        public let perEmail: Int
        public let perAddress: Int
        public init(perEmail: Int, perAddress: Int) {
            self.perEmail = perEmail
            self.perAddress = perAddress
        }
    }

    public enum Outcome: Sendable {
        /// Signed in; `landing` is where they go: their partnership's dashboard, the list of their
        /// partnerships when they have several, nothing when they have none.
        case signedIn(Account, landing: SiteRoute?)
        case refused([FieldError])
        /// Too many recent failures: nothing was checked.
        case locked([FieldError])
    }

    /// Checks the email address and password. `verify` compares a password with a stored hash
    /// (bcrypt, run off the event loop by the caller); an unknown address is compared with a
    /// throwaway hash, so the answer takes as long whether or not the account exists.
    public static func attempt(email typed: String, password: String, address: String, limits: Limits,
                               verify: @Sendable (_ password: String, _ hash: String?) async throws -> Bool,
                               _ context: AppContext) async throws -> Outcome {
        var missing: [FieldError] = []
        if typed.isEmpty { missing.append(FieldError(field: "email", message: "Enter your email address")) }
        if password.isEmpty { missing.append(FieldError(field: "password", message: "Enter your password")) }
        guard missing.isEmpty else { return .refused(missing) }
        guard let email = EmailAddress.normalised(typed) else {
            return .refused([FieldError(field: "email", message: "Enter an email address in the right format, like name@example.org")])
        }

        let db = context.database
        let now = Date()
        let failures = try await AccountStore.recentFailures(email: email, address: address, since: now.addingTimeInterval(-window), on: db)
        let byEmail = SignInThrottle(maximumFailures: limits.perEmail, window: window).lockedUntil(failures: failures.byEmail, now: now)
        let byAddress = SignInThrottle(maximumFailures: limits.perAddress, window: window).lockedUntil(failures: failures.byAddress, now: now)
        if let until = [byEmail, byAddress].compactMap({ $0 }).max() {
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return .locked([FieldError(field: "email", message: "Too many failed attempts to sign in. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again.")])
        }

        let user = try await AccountStore.user(email: email, on: db)
        var found: [Membership] = []
        if let user { found = try await AccountStore.memberships(of: user.requireID(), on: db) }
        let memberships = found
        let actor = Actor(userID: user?.id, email: email, address: address)
        let verified = try await verify(password, user?.passwordHash)
        guard let user, user.isActive, verified else {
            try await db.transaction { tx in
                try await AccountStore.recordAttempt(email: email, address: address, succeeded: false, on: tx)
                for membership in memberships {
                    try await AuditTrail.record(on: tx, partnershipID: membership.$partnership.id, actor: actor, action: "sign_in_failed",
                                                subjectType: "user", subjectID: user?.id?.uuidString, summary: "Failed to sign in")
                }
            }
            return .refused([FieldError(field: "email", message: wrongCredentials)])
        }
        try await db.transaction { tx in
            try await AccountStore.recordAttempt(email: email, address: address, succeeded: true, on: tx)
            user.lastSignedInAt = now
            try await user.update(on: tx)
            for membership in memberships {
                try await AuditTrail.record(on: tx, partnershipID: membership.$partnership.id, actor: actor, action: "sign_in",
                                            subjectType: "user", subjectID: user.id?.uuidString, summary: "Signed in")
            }
        }
        return .signedIn(try Account(user), landing: landing(memberships.map(\.partnership.slug)))
    }

    /// Where signing in lands the person: their one partnership's dashboard, or the switcher.
    public static func landing(for account: Account, _ context: AppContext) async throws -> SiteRoute? {
        try await landing(AccountStore.memberships(of: account.id, on: context.database).map(\.partnership.slug))
    }

    static func landing(_ slugs: [String]) -> SiteRoute? {
        switch slugs.count {
        case 0: nil
        case 1: .dashboard(slug: slugs[0])
        default: .yourPartnerships
        }
    }

    /// The account a session names, if it still may sign in.
    public static func activeAccount(id: UUID, _ context: AppContext) async throws -> Account? {
        guard let user = try await User.find(id, on: context.database), user.isActive else { return nil }
        return try Account(user)
    }

    /// The account an API token belongs to, if the token is live and the account may sign in.
    public static func account(forToken token: String, _ context: AppContext) async throws -> Account? {
        try await AccountStore.user(forTokenDigest: Credentials.digest(ofToken: token), on: context.database).map(Account.init)
    }
}
