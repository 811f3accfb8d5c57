import Foundation
import SafeguardingApplication
import Vapor

/// Passwords: bcrypt.
extension Credentials {
    public static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    /// A hash no password matches, checked when the email is unknown so that an unknown email
    /// takes as long to refuse as a wrong password (made once, on first use).
    static let unknownUserHash: String = (try? Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: 12)) ?? ""

    public static func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }
}
