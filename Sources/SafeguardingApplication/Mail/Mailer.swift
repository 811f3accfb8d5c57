import Foundation

/// One plain-text email.
public struct MailMessage: Sendable, Equatable {
    public let to: String
    public let subject: String
    public let body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sending email, as a value handed to the use cases that send it: live SMTP (`smtp`), nothing
/// configured (`none`, the default), or a recorder for tests. A use case never opens a connection itself.
public struct Mailer: Sendable {
    /// Whether mail goes anywhere; without it, links are only shown to the administrator.
    public let isConfigured: Bool
    private let deliver: @Sendable (MailMessage) async throws -> Void

    public init(isConfigured: Bool, deliver: @escaping @Sendable (MailMessage) async throws -> Void) {
        self.isConfigured = isConfigured
        self.deliver = deliver
    }

    public func send(_ message: MailMessage) async throws { try await deliver(message) }

    /// No outgoing mail.
    public static let none = Mailer(isConfigured: false) { _ in throw SMTPError("Outgoing mail is not configured (SAFEGUARDING_SMTP_URL)") }

    /// Mail through the SMTP server the configuration names.
    public static func smtp(_ configuration: SMTPConfiguration) -> Mailer {
        Mailer(isConfigured: true) { message in try await SMTPClient(configuration: configuration).send(message) }
    }

    /// Keeps every message in `recorder` instead of sending it.
    public static func recording(_ recorder: MailRecorder) -> Mailer {
        Mailer(isConfigured: true) { message in await recorder.record(message) }
    }
}

/// The messages a test's `Mailer.recording` was asked to send.
public actor MailRecorder {
    public private(set) var messages: [MailMessage] = []

    public init() {}

    func record(_ message: MailMessage) { messages.append(message) }

    /// Waits (up to `seconds`) until at least `count` messages have arrived; answers what has.
    public func waitFor(count: Int, seconds: Double = 5) async -> [MailMessage] {
        let deadline = Date().addingTimeInterval(seconds)
        while messages.count < count, Date() < deadline {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return messages
    }
}
