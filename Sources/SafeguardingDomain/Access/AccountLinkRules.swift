import Foundation

/// What a one-time account link is for.
public enum AccountLinkPurpose: String, CaseIterable, Codable, Sendable {
    /// Sent to a person invited by an administrator: they choose their first password.
    case invitation
    /// A new password for a forgotten one, asked for on the sign-in page.
    case reset
    /// A new password, issued by an administrator and handed over by them.
    case adminReset = "admin_reset"

    /// How long a link stays usable. An invitation or a link an administrator hands over may wait a
    /// weekend (72 hours); a reset asked for by email is used at once or asked for again, so it
    /// lasts two hours, which limits what a copy left in a mailbox is worth.
    public var lifetime: TimeInterval {
        switch self {
        case .invitation, .adminReset: 72 * 60 * 60
        case .reset: 2 * 60 * 60
        }
    }

    public var lifetimeDescription: String {
        switch self {
        case .invitation, .adminReset: "72 hours"
        case .reset: "2 hours"
        }
    }
}

/// Whether a link can still be used: once only, and only before it expires.
public enum AccountLinkState: Equatable, Sendable {
    case usable
    case used
    case expired

    public static func of(expiresAt: Date, usedAt: Date?, now: Date) -> AccountLinkState {
        if usedAt != nil { return .used }
        return now < expiresAt ? .usable : .expired
    }

    /// What the person following the link is told when it cannot be used.
    public var explanation: String? {
        switch self {
        case .usable: nil
        case .used: "This link has already been used. Each link works once. Sign in, or ask for a new link."
        case .expired: "This link has expired. Ask for a new one on the sign-in page, or ask your partnership's business unit."
        }
    }
}

/// Whether someone's account is in use, waiting for its first password, or locked.
public enum AccountStatus: String, Sendable, Equatable {
    case active
    case invited
    case locked

    public static func of(isActive: Bool, hasPassword: Bool) -> AccountStatus {
        if !isActive { return .locked }
        return hasPassword ? .active : .invited
    }

    public var label: String {
        switch self {
        case .active: "Active"
        case .invited: "Invited – password not yet set"
        case .locked: "Locked"
        }
    }
}
