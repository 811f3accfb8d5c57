import Foundation
import SafeguardingDomain

/// Where outgoing mail goes: `SAFEGUARDING_SMTP_URL=smtp://[user:password@]host[:port]` (port 25
/// unless given) and the sender, `SAFEGUARDING_MAIL_FROM`. Plain SMTP only: for a relay on the same
/// machine or network (a local Postfix, a mail sink); a server that demands TLS refuses clearly.
public struct SMTPConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// The envelope sender and the From header's address.
    public var from: String
    /// The name our greeting gives (`EHLO`): the host of the public address, else `localhost`.
    public var heloName: String = "localhost"
    /// How long one message may take from connecting to the server's last answer.
    public var timeout: TimeInterval = 30

    public init(host: String, port: Int = 25, username: String? = nil, password: String? = nil, from: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
    }

    /// Reads the URL and sender, or says which setting is wrong and what was expected.
    public init(url text: String, from: String?) throws(ConfigurationError) {
        guard let url = URLComponents(string: text), url.scheme?.lowercased() == "smtp", let host = url.host, !host.isEmpty else {
            throw ConfigurationError("SAFEGUARDING_SMTP_URL must look like smtp://host:port or smtp://user:password@host:port, not \(Self.withoutPassword(text))")
        }
        if let port = url.port, !(1...65535).contains(port) {
            throw ConfigurationError("SAFEGUARDING_SMTP_URL's port must be between 1 and 65535")
        }
        let sender = from ?? "no-reply@localhost"
        guard EmailAddress.normalised(sender) != nil || sender.hasSuffix("@localhost") else {
            throw ConfigurationError("SAFEGUARDING_MAIL_FROM must be an email address, like safeguarding@partnership.example, not \(sender)")
        }
        self.init(host: host, port: url.port ?? 25, username: url.percentEncodedUser.flatMap { $0.removingPercentEncoding },
                  password: url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }, from: sender)
    }

    /// The URL as a message may quote it: whatever sits between `//` and `@` is withheld.
    static func withoutPassword(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let start = text.range(of: "//")?.upperBound, start < at else { return text }
        return text[..<start] + "<withheld>" + text[at...]
    }

    /// For logs: the server, never the password.
    public var displayName: String { "smtp://\(username.map { "\($0)@" } ?? "")\(host):\(port)" }
}

/// A setting in the environment that cannot be used, with what was expected.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
