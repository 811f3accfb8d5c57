import Foundation

/// Repeated failed sign-ins lock further attempts for a while. The attempts are stored in the
/// database so every app instance agrees.
public struct SignInThrottle: Sendable {
    public var maximumFailures: Int
    public var window: TimeInterval

    public init(maximumFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.window = window
    }

    /// When the next attempt may be made, given the times of recent failures, or nil if now.
    public func lockedUntil(failures: [Date], now: Date) -> Date? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= maximumFailures else { return nil }
        // The lock lifts when the oldest failure that still counts leaves the window.
        let oldestCounted = recent[recent.count - maximumFailures]
        return oldestCounted.addingTimeInterval(window)
    }
}

/// Which failures may stop a sign-in attempt, so that guessing is limited but one person's
/// failures cannot lock another person out:
///
/// - **per client of one account**: `perClient` failures for an email address from one known
///   browser (one that signed in to that account before and holds its device token), or, for any
///   other browser, from one network address, lock that client out of that account;
/// - **per account**: `perEmail` failures from browsers that are not known lock the account for
///   every unknown browser, whatever their address (guessing spread over many addresses). A known
///   browser is never stopped by failures that are not its own;
/// - **per address**: failures from one address, whatever the account, never refuse a correct
///   password; beyond `perAddress` each further attempt from it is slowed down by `slowdown`.
///   Behind a shared proxy (every user one address) an attacker slows others down; they cannot lock them out.
public struct SignInPolicy: Sendable {
    public var perClient: Int
    public var perEmail: Int
    public var perAddress: Int
    public var slowdown: TimeInterval
    public var window: TimeInterval

    public init(perClient: Int = 5, perEmail: Int = 20, perAddress: Int = 20, slowdown: TimeInterval = 2, window: TimeInterval = 15 * 60) {
        self.perClient = perClient
        self.perEmail = perEmail
        self.perAddress = perAddress
        self.slowdown = slowdown
        self.window = window
    }

    public enum Decision: Equatable, Sendable {
        /// Check the password, after waiting this long.
        case check(delay: TimeInterval)
        /// Refuse without checking until then.
        case locked(until: Date)
    }

    /// The decision for one attempt, given the failures counted before it (not itself).
    /// `byEmail` is nil for a known browser: other browsers' failures do not count against it.
    public func decide(byClient: [Date], byEmail: [Date]?, byAddress: Int, now: Date) -> Decision {
        let client = SignInThrottle(maximumFailures: perClient, window: window).lockedUntil(failures: byClient, now: now)
        let email = byEmail.flatMap { SignInThrottle(maximumFailures: perEmail, window: window).lockedUntil(failures: $0, now: now) }
        if let until = [client, email].compactMap({ $0 }).max() { return .locked(until: until) }
        return .check(delay: byAddress >= perAddress ? slowdown : 0)
    }
}
