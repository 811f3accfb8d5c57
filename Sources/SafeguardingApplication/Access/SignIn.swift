import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Signing in with an email address and password, and finding who a session or an API token
/// belongs to. Failed attempts are throttled by `SignInPolicy`: per account and browser (or
/// address, for a browser the account never signed in from), per account across unknown
/// browsers, and per address only by slowing down, so nobody's failures lock another person out.
/// Every attempt, failed or not, is recorded, and the audit log of each partnership the person
/// belongs to says so. A person with two-factor sign-in on is asked for a code next (`TwoFactor`).
public enum SignIn {
    public static let window: TimeInterval = 15 * 60
    public static let wrongCredentials = "Enter a correct email address and password"

    public enum Outcome: Sendable {
        /// Signed in; `landing` is where they go: their partnership's dashboard, the list of their
        /// partnerships when they have several, nothing when they have none.
        case signedIn(Account, landing: SiteRoute?)
        /// The password was right and the account has two-factor sign-in: a code comes next.
        case secondFactorNeeded(Account)
        case refused([FieldError])
        /// Too many recent failures: nothing was checked.
        case locked([FieldError])
    }

    /// Checks the email address and password. `verify` compares a password with a stored hash
    /// (bcrypt, run off the event loop by the caller); an unknown address is compared with a
    /// throwaway hash, so the answer takes as long whether or not the account exists.
    /// `deviceToken` is the browser's device token, if it has one (see `SignInPolicy`).
    public static func attempt(email typed: String, password: String, address: String, deviceToken: String?, policy: SignInPolicy,
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
        var knownDevice: String?
        if let deviceToken, !deviceToken.isEmpty {
            let digest = Credentials.digest(ofToken: deviceToken)
            if try await AccountStore.isKnownDevice(digest, email: email, on: db) { knownDevice = digest }
        }
        // Counted before it is checked, so concurrent attempts cannot all slip under the limit.
        let reservation = try await AccountStore.reserveAttempt(email: email, address: address, deviceDigest: knownDevice,
                                                                since: now.addingTimeInterval(-window), now: now, on: db)
        let decision = policy.decide(byClient: reservation.byClient, byEmail: knownDevice == nil ? reservation.byEmail : nil,
                                     byAddress: reservation.byAddress, now: now)
        switch decision {
        case .locked(let until):
            try await AccountStore.withdrawAttempt(reservation.id, on: db)
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return .locked([FieldError(field: "email", message: "Too many failed attempts to sign in. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again.")])
        case .check(let delay):
            if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
        }

        let user = try await AccountStore.user(email: email, on: db)
        var found: [Membership] = []
        if let user { found = try await AccountStore.memberships(of: user.requireID(), on: db) }
        let memberships = found
        let actor = Actor(userID: user?.id, email: email, address: address)
        let verified = try await verify(password, user?.passwordHash)
        guard let user, verified, memberships.contains(where: \.isActive) else {
            // The reserved attempt stays as the failure it was counted as.
            try await db.transaction { tx in
                for membership in memberships {
                    try await AuditTrail.record(on: tx, partnershipID: membership.$partnership.id, actor: actor, action: "sign_in_failed",
                                                subjectType: "user", subjectID: user?.id?.uuidString, summary: "Failed to sign in")
                }
            }
            return .refused([FieldError(field: "email", message: wrongCredentials)])
        }
        try await AccountStore.markSucceeded(reservation.id, on: db)
        let account = try Account(user)
        if try await TwoFactor.isOn(for: account.id, context) {
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: actor, action: "sign_in_password",
                                                          summary: "Gave the right password; asked for a code from their authenticator app", on: db)
            return .secondFactorNeeded(account)
        }
        try await completed(account, actor: actor, how: "Signed in", context)
        return .signedIn(account, landing: try await landing(for: account, context))
    }

    /// Records a finished sign-in (password, and the code when asked for) in each partnership's audit log.
    static func completed(_ account: Account, actor: Actor, how summary: String, _ context: AppContext) async throws {
        try await context.database.transaction { tx in
            guard let user = try await User.find(account.id, on: tx) else { return }
            user.lastSignedInAt = Date()
            try await user.update(on: tx)
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: actor, action: "sign_in", summary: summary, on: tx)
        }
    }

    /// Remembers this browser as one the person signed in from, so other people's failures do not
    /// lock it out; answers the token to keep in its cookie.
    public static func rememberDevice(_ existing: String?, for account: Account, _ context: AppContext) async throws -> String {
        let token = existing.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? Hex.random()
        try await AccountStore.rememberDevice(Credentials.digest(ofToken: token), userID: account.id, now: Date(), on: context.database)
        return token
    }

    /// Where signing in lands the person: their one partnership's dashboard, or the switcher.
    public static func landing(for account: Account, _ context: AppContext) async throws -> SiteRoute? {
        try await landing(AccountStore.memberships(of: account.id, on: context.database).filter(\.isActive).map(\.partnership.slug))
    }

    static func landing(_ slugs: [String]) -> SiteRoute? {
        switch slugs.count {
        case 0: nil
        case 1: .dashboard(slug: slugs[0])
        default: .yourPartnerships
        }
    }

    /// The account a session names, if it still may sign in: it may use at least one partnership.
    public static func activeAccount(id: UUID, _ context: AppContext) async throws -> Account? {
        guard let user = try await AccountStore.activeUser(id, on: context.database) else { return nil }
        return try Account(user)
    }

    /// The account an API token belongs to, if the token is live and the account may sign in.
    public static func account(forToken token: String, _ context: AppContext) async throws -> Account? {
        try await AccountStore.user(forTokenDigest: Credentials.digest(ofToken: token), on: context.database).map(Account.init)
    }
}
