import Crypto
import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Two-factor sign-in by authenticator app, for every account: enrolling (a new secret, shown
/// once as base32 and as an `otpauth://` address, confirmed with a code), the code asked for after
/// the password, ten single-use recovery codes (stored as SHA-256 digests), and turning it off
/// with the password. A code is accepted one time step either side of now, and never twice: a
/// code of the step already used, or an earlier one, is refused.
public enum TwoFactor {
    public static let issuer = "Safeguarding"
    static let recoveryCodeCount = 10

    /// Whether the account signs in with a code after its password.
    public static func isOn(for userID: UUID, _ context: AppContext) async throws -> Bool {
        try await TwoFactorSecret.query(on: context.database).filter(\.$user.$id == userID).filter(\.$confirmedAt != nil).count() > 0
    }

    /// What the two-factor page shows.
    public struct Status: Sendable {
        public let isOn: Bool
        /// While enrolling: the secret as base32 and the address for the app.
        public let pendingSecret: String?
        public let pendingURI: String?
        public let recoveryCodesLeft: Int
        /// Whether a partnership of theirs requires it of their role.
        public let isRequired: Bool
    }

    public static func status(_ account: Account, box: SecretBox, _ context: AppContext) async throws -> Status {
        let row = try await TwoFactorSecret.query(on: context.database).filter(\.$user.$id == account.id).first()
        let required = try await isRequired(of: account, context)
        guard let row else { return Status(isOn: false, pendingSecret: nil, pendingURI: nil, recoveryCodesLeft: 0, isRequired: required) }
        if row.confirmedAt != nil {
            return Status(isOn: true, pendingSecret: nil, pendingURI: nil, recoveryCodesLeft: digests(row).count, isRequired: required)
        }
        let secret = try box.open(row.sealedSecret)
        return Status(isOn: false, pendingSecret: Base32.encode(secret), pendingURI: TOTP.uri(secret: secret, account: account.email, issuer: issuer),
                      recoveryCodesLeft: 0, isRequired: required)
    }

    /// Starts (or restarts) enrolling: a new 160-bit secret, not yet in force.
    public static func begin(_ account: Account, box: SecretBox, _ context: AppContext) async throws {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try await context.database.transaction { tx in
            if let existing = try await TwoFactorSecret.query(on: tx).filter(\.$user.$id == account.id).first() {
                guard existing.confirmedAt == nil else {
                    throw ValidationErrors([FieldError(field: "code", message: "Two-factor sign-in is already on; turn it off first to use a new app")])
                }
                try await existing.delete(on: tx)
            }
            try await TwoFactorSecret(userID: account.id, sealedSecret: box.seal(secret), recoveryDigests: []).create(on: tx)
        }
    }

    /// Confirms the app shows the right code; turns two-factor sign-in on and answers the recovery
    /// codes, which are shown this once.
    public static func confirm(_ account: Account, code: String, address: String?, box: SecretBox, now: Date = Date(),
                               _ context: AppContext) async throws -> [String] {
        try await context.database.transaction { tx in
            guard let row = try await TwoFactorSecret.query(on: tx).filter(\.$user.$id == account.id).first(), row.confirmedAt == nil else {
                throw ValidationErrors([FieldError(field: "code", message: "Start again: set up your authenticator app first")])
            }
            guard let counter = TOTP.matchingCounter(code, secret: try box.open(row.sealedSecret), at: now) else {
                throw ValidationErrors([FieldError(field: "code", message: "Enter the 6-digit code your authenticator app shows now")])
            }
            let codes = (0..<recoveryCodeCount).map { _ in newRecoveryCode() }
            row.confirmedAt = now
            row.lastUsedStep = counter
            row.recoveryDigests = codes.map(recoveryDigest).joined(separator: "\n")
            try await row.update(on: tx)
            let actor = Actor(userID: account.id, email: account.email, address: address)
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: actor, action: "two_factor_on",
                                                          summary: "Turned on two-factor sign-in with an authenticator app", on: tx)
            return codes
        }
    }

    /// Turns two-factor sign-in off once the password is confirmed. `verify` runs bcrypt off the event loop.
    public static func disable(_ account: Account, password: String, address: String?,
                               verify: @Sendable (_ password: String, _ hash: String) async throws -> Bool, _ context: AppContext) async throws {
        guard let user = try await User.find(account.id, on: context.database) else { throw NotFound("account") }
        guard !password.isEmpty, !user.passwordHash.isEmpty, try await verify(password, user.passwordHash) else {
            throw ValidationErrors([FieldError(field: "password", message: "Your password is not right; type it again")])
        }
        try await context.database.transaction { tx in
            try await TwoFactorSecret.query(on: tx).filter(\.$user.$id == account.id).delete()
            let actor = Actor(userID: account.id, email: account.email, address: address)
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: actor, action: "two_factor_off",
                                                          summary: "Turned off two-factor sign-in", on: tx)
        }
    }

    public enum Check: Sendable, Equatable {
        case accepted(usedRecoveryCode: Bool)
        case refused
    }

    /// Checks the code asked for after the password: an app's code (once only) or a recovery code
    /// (then struck off). On success the sign-in is recorded as `SignIn` records a password-only one.
    public static func verifySignIn(_ account: Account, code typed: String, address: String?, box: SecretBox, now: Date = Date(),
                                    _ context: AppContext) async throws -> Check {
        let check: Check = try await context.database.transaction { tx in
            guard let row = try await TwoFactorSecret.query(on: tx).filter(\.$user.$id == account.id).filter(\.$confirmedAt != nil).first()
            else { return .refused }
            if let counter = TOTP.matchingCounter(typed, secret: try box.open(row.sealedSecret), at: now) {
                guard counter > (row.lastUsedStep ?? .min) else { return .refused }
                // Only the first of two concurrent uses of one code changes the row.
                let previous = row.lastUsedStep
                let rowID = try row.requireID()
                var claim = TwoFactorSecret.query(on: tx).filter(\.$id == rowID)
                claim = previous.map { claim.filter(\.$lastUsedStep == $0) } ?? claim.filter(\.$lastUsedStep == nil)
                try await claim.set(\.$lastUsedStep, to: counter).update()
                guard let after = try await TwoFactorSecret.find(rowID, on: tx), after.lastUsedStep == counter else { return .refused }
                return .accepted(usedRecoveryCode: false)
            }
            let digest = recoveryDigest(typed)
            var remaining = digests(row)
            guard let index = remaining.firstIndex(where: { TOTP.constantTimeEqual($0, digest) }) else { return .refused }
            remaining.remove(at: index)
            row.recoveryDigests = remaining.joined(separator: "\n")
            try await row.update(on: tx)
            return .accepted(usedRecoveryCode: true)
        }
        let actor = Actor(userID: account.id, email: account.email, address: address)
        switch check {
        case .accepted(let recovery):
            try await SignIn.completed(account, actor: actor, how: recovery ? "Signed in with a recovery code" : "Signed in with an authenticator code", context)
        case .refused:
            try await AuditTrail.recordForEachPartnership(of: account.id, actor: actor, action: "sign_in_failed",
                                                          summary: "Gave a wrong two-factor code", on: context.database)
        }
        return check
    }

    /// Whether a partnership of theirs requires two-factor sign-in of their role there: the
    /// partnership's setting is on and the role reads restricted records (`Access.readsRestrictedRecords`).
    public static func isRequired(of account: Account, _ context: AppContext) async throws -> Bool {
        let requiring = Set(try await TwoFactorRequirement.query(on: context.database).all(\.$partnership.$id))
        guard !requiring.isEmpty else { return false }
        for membership in try await AccountStore.memberships(of: account.id, on: context.database)
        where membership.isActive && requiring.contains(membership.$partnership.id) {
            var grant = membership.grant
            if !Access.readsRestrictedRecords(grant), [.contributor, .viewer, .childDeathPanelMember].contains(grant.role) {
                let sits = try await ReviewStore.sitsOnReviewGroup(userID: account.id, in: membership.partnership, on: context.today, on: context.database)
                grant = Grant(role: grant.role, organisation: grant.organisation, sitsOnReviewGroup: sits)
            }
            if Access.readsRestrictedRecords(grant) { return true }
        }
        return false
    }

    /// Whether the person must enrol before anything else: required of them and not yet on.
    public static func mustEnrol(_ account: Account, _ context: AppContext) async throws -> Bool {
        guard try await !isOn(for: account.id, context) else { return false }
        return try await isRequired(of: account, context)
    }

    /// Ten characters from an alphabet without look-alikes, grouped for reading: `k7q2m-x9trp`.
    static func newRecoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(characters[0..<5]) + "-" + String(characters[5...])
    }

    /// Recovery codes are compared as typed without spaces, dashes or case.
    static func recoveryDigest(_ code: String) -> String {
        let normalised = code.lowercased().filter { $0.isLetter || $0.isNumber }
        return Hex.encode(SHA256.hash(data: Data(normalised.utf8)))
    }

    static func digests(_ row: TwoFactorSecret) -> [String] {
        row.recoveryDigests.split(separator: "\n").map(String.init)
    }
}
