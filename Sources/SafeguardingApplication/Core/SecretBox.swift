import Crypto
import Foundation
import SafeguardingPersistence

/// Seals secrets kept in the database (authenticator-app secrets) with the app's encryption key,
/// ChaCha20-Poly1305, so a copy of the database alone does not give them away.
///
/// The key: `SAFEGUARDING_ENCRYPTION_KEY` (32 bytes as 64 hex digits or base64), else the file
/// next to a SQLite database (`safeguarding.sqlite.key`), created with mode 0600 on first start;
/// for PostgreSQL without the variable, `safeguarding.key` in the working directory; an in-memory
/// database gets a key that lives as long as the process. Back the key up with the database:
/// without it, two-factor secrets cannot be read and people must enrol again.
public struct SecretBox: Sendable {
    let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// A key for this process only (in-memory databases and tests).
    public static func ephemeral() -> SecretBox { SecretBox(key: SymmetricKey(size: .bits256)) }

    public func seal(_ plain: [UInt8]) throws -> String {
        try ChaChaPoly.seal(plain, using: key).combined.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: sealed) else { throw SecretBoxError(message: "The sealed secret is not base64") }
        return Array(try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: data), using: key))
    }

    /// Reads a key written as 64 hex digits or as base64 of 32 bytes.
    public static func parseKey(_ text: String) -> SymmetricKey? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, trimmed.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = trimmed.startIndex
            while index < trimmed.endIndex {
                let next = trimmed.index(index, offsetBy: 2)
                bytes.append(UInt8(trimmed[index..<next], radix: 16)!)
                index = next
            }
            return SymmetricKey(data: bytes)
        }
        if let data = Data(base64Encoded: trimmed), data.count == 32 { return SymmetricKey(data: data) }
        return nil
    }

    /// The key the configuration names (see the type's notes).
    public static func load(environment: [String: String], database: DatabaseLocation) throws -> SecretBox {
        if let text = environment["SAFEGUARDING_ENCRYPTION_KEY"], !text.isEmpty {
            guard let key = parseKey(text) else {
                throw SecretBoxError(message: "SAFEGUARDING_ENCRYPTION_KEY must be 32 bytes written as 64 hex digits or base64")
            }
            return SecretBox(key: key)
        }
        let path: String
        switch database {
        case .sqliteMemory: return ephemeral()
        case .sqliteFile(let file): path = file + ".key"
        case .postgres: path = "safeguarding.key"
        }
        if let existing = FileManager.default.contents(atPath: path) {
            guard let key = parseKey(String(decoding: existing, as: UTF8.self)) else {
                throw SecretBoxError(message: "The key file \(path) must hold 32 bytes as 64 hex digits")
            }
            return SecretBox(key: key)
        }
        let key = SymmetricKey(size: .bits256)
        let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        guard FileManager.default.createFile(atPath: path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SecretBoxError(message: "Could not write the encryption key file \(path); set SAFEGUARDING_ENCRYPTION_KEY instead")
        }
        return SecretBox(key: key)
    }
}

public struct SecretBoxError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
