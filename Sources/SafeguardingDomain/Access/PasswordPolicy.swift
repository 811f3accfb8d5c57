import Foundation

/// Password rules after the NCSC's guidance: long enough, not a common password, and no
/// composition rules (no demands for digits, capitals or symbols, which only push people to
/// predictable patterns). bcrypt reads at most 72 bytes, so longer passwords are refused rather
/// than silently cut short.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// What is wrong with the password, in words a person can act on; nothing if it is acceptable.
    public static func problem(with password: String, common: CommonPasswords = .shipped) -> String? {
        if password.isEmpty { return "Enter a password" }
        if password.count < minimumLength {
            return "Password must be at least \(minimumLength) characters; a few words together are easier to remember"
        }
        if password.utf8.count > maximumBytes {
            return "Password must be \(maximumBytes) characters or fewer (fewer if it uses accented letters or symbols)"
        }
        if common.covers(password) {
            return "This password is on a list of common passwords that attackers try first; choose another, such as three random words"
        }
        return nil
    }
}

/// The common passwords a new password may not be: Mark Burnett's 10,000 most common passwords
/// (released into the public domain; the copy SecLists ships, MIT licence), as the resource
/// `common-passwords.txt`. Compared without regard to case, and also after taking off digits and
/// symbols added at the end ("password123456!") and a word typed twice ("monkeymonkey"), the usual
/// ways a listed password is stretched past the minimum length.
public struct CommonPasswords: Sendable {
    let entries: Set<String>

    public init(_ entries: some Sequence<String>) {
        self.entries = Set(entries.map { $0.lowercased() }.filter { !$0.isEmpty })
    }

    /// The shipped list, read once.
    public static let shipped: CommonPasswords = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            // The resource is part of the build; without it every password would pass, so refuse loudly.
            fatalError("common-passwords.txt is missing from the SafeguardingDomain bundle")
        }
        return CommonPasswords(text.split(whereSeparator: \.isNewline).map(String.init))
    }()

    public var count: Int { entries.count }

    /// Whether the password is a listed one, or a listed one stretched in the usual ways.
    public func covers(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if entries.contains(lowered) { return true }
        let stem = String(lowered.reversed().drop { $0.isNumber || $0.isPunctuation || $0.isSymbol || $0 == " " }.reversed())
        if stem.count >= 4, entries.contains(stem) { return true }
        if lowered.count.isMultiple(of: 2) {
            let half = lowered.prefix(lowered.count / 2)
            if String(half) + half == lowered, entries.contains(String(half)) { return true }
        }
        return false
    }
}
