import Crypto
import Foundation
import SafeguardingDomain
import Vapor

/// Passwords (bcrypt) and API tokens (random, stored only as a SHA-256 digest).
public enum Credentials {
    public static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    /// A hash no password matches, checked when the email is unknown so that an unknown email
    /// takes as long to refuse as a wrong password (made once, on first use).
    static let unknownUserHash: String = (try? Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: 12)) ?? ""

    public static func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// A new token: 32 random bytes as URL-safe base64, prefixed so it is recognisable in a leak scan.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "sgd_" + encoded
    }

    public static func digest(ofToken token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}
