import Foundation

/// Repeated failed sign-ins for one email address, or from one network address, lock further
/// attempts for a while. The attempts are stored in the database so every app instance agrees.
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
