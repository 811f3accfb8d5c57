import Crypto
import Foundation
import SafeguardingDomain

/// API tokens: random, shown once, stored only as a SHA-256 digest. Passwords are hashed with
/// bcrypt by the layers that have it (the web layer and the command line).
public enum Credentials {
    /// A new token: 32 random bytes as URL-safe base64, prefixed so it is recognisable in a leak scan.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "sgd_" + encoded
    }

    /// The token of a one-time set-password link: 32 random bytes, URL-safe, with no prefix.
    public static func newLinkToken() -> String {
        String(newToken().dropFirst("sgd_".count))
    }

    public static func digest(ofToken token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}
