import Crypto
import Foundation
import SafeguardingDomain

/// Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1 over the
/// count of 30-second steps since 1970, truncated to six digits (RFC 4226).
public enum TOTP {
    public static let step: TimeInterval = 30
    public static let digits = 6

    /// The time step a moment falls in.
    public static func counter(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / step).rounded(.down))
    }

    /// The code for one time step; `digits` may be raised (RFC 6238's test vectors use eight).
    public static func code(secret: [UInt8], counter: Int64, digits: Int = digits) -> String {
        var bigEndian = UInt64(bitPattern: counter).bigEndian
        let message = withUnsafeBytes(of: &bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The time step whose code this is, looking one step either side of now for clocks that
    /// drift; nil if none matches. Codes are compared in constant time.
    public static func matchingCounter(_ typed: String, secret: [UInt8], at date: Date) -> Int64? {
        let code = typed.filter { !$0.isWhitespace }
        guard code.count == digits, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        let now = counter(at: date)
        var found: Int64?
        for candidate in [now - 1, now, now + 1] where constantTimeEqual(Self.code(secret: secret, counter: candidate), code) {
            found = candidate
        }
        return found
    }

    /// The address an authenticator app reads (as text, or from a QR code).
    public static func uri(secret: [UInt8], account: String, issuer: String) -> String {
        func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~@"))) ?? text
        }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))&issuer=\(escape(issuer))&algorithm=SHA1&digits=\(digits)&period=\(Int(step))"
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
