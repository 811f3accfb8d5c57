import Foundation
import NIOCore
import NIOPosix

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per message, `EHLO`, optional
/// `AUTH PLAIN`, `MAIL FROM`, `RCPT TO`, `DATA`, `QUIT`. No TLS: it is meant for a relay on the same
/// machine or network. Any answer other than the one expected ends the conversation with an
/// `SMTPError` that quotes the server.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) { self.configuration = configuration }

    /// Sends one message, or throws saying which step the server refused.
    public func send(_ message: MailMessage) async throws {
        guard !message.to.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) else {
            throw SMTPError("The address \(message.to.prefix(80)) cannot be written in an SMTP command")
        }
        let configuration = self.configuration
        let seconds = configuration.timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.converse(configuration, message) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                throw SMTPError("The mail server at \(configuration.host):\(configuration.port) did not answer within \(Int(seconds)) seconds")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private static func converse(_ configuration: SMTPConfiguration, _ message: MailMessage) async throws {
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError("Could not connect to the mail server at \(configuration.host):\(configuration.port): \(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var conversation = SMTPConversation(lines: inbound.makeAsyncIterator(), writer: outbound)
            try await conversation.expect(220, after: "connecting")
            let features = try await conversation.command("EHLO \(configuration.heloName)", expect: 250)
            if let username = configuration.username {
                guard features.lines.contains(where: { $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN") }) else {
                    throw SMTPError("The mail server does not offer AUTH PLAIN without TLS; use a relay that accepts this app's address, or remove the user and password from SAFEGUARDING_SMTP_URL")
                }
                let credentials = Data(("\0" + username + "\0" + (configuration.password ?? "")).utf8).base64EncodedString()
                try await conversation.command("AUTH PLAIN \(credentials)", expect: 235, describedAs: "AUTH PLAIN")
            }
            try await conversation.command("MAIL FROM:<\(configuration.from)>", expect: 250)
            try await conversation.command("RCPT TO:<\(message.to)>", expect: 250, or: 251)
            try await conversation.command("DATA", expect: 354)
            let content = MailFormat.render(message, from: configuration.from, heloName: configuration.heloName, date: Date())
            try await conversation.command(MailFormat.dotStuffed(content) + "\r\n.", expect: 250, describedAs: "the message")
            // The message is accepted; a server that hangs up without answering QUIT has still taken it.
            _ = try? await conversation.command("QUIT", expect: 221)
        }
    }
}

/// Something the mail server refused, or could not be reached for, in words for a log or a page.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The server's answer: its three-digit code and every line of its text.
struct SMTPReply {
    let code: Int
    let lines: [String]
}

/// One exchange at a time: write a command, read the (possibly multi-line) reply.
struct SMTPConversation {
    var lines: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>

    mutating func reply() async throws -> SMTPReply {
        var texts: [String] = []
        while true {
            guard let line = try await lines.next() else { throw SMTPError("The mail server closed the connection") }
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError("The mail server answered something that is not SMTP: \(line.prefix(80))") }
            texts.append(String(line.dropFirst(4)))
            // "250-…" continues the reply; "250 …" (or a bare "250") ends it.
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return SMTPReply(code: code, lines: texts) }
        }
    }

    @discardableResult
    mutating func expect(_ code: Int, or other: Int? = nil, after step: String) async throws -> SMTPReply {
        let answer = try await reply()
        guard answer.code == code || answer.code == other else {
            throw SMTPError("The mail server refused \(step): \(answer.code) \(answer.lines.joined(separator: " "))")
        }
        return answer
    }

    @discardableResult
    mutating func command(_ text: String, expect code: Int, or other: Int? = nil, describedAs step: String? = nil) async throws -> SMTPReply {
        try await writer.write(ByteBuffer(string: text + "\r\n"))
        return try await expect(code, or: other, after: step ?? String(text.prefix(while: { $0 != ":" })))
    }
}

/// Splits the server's bytes into lines at LF, dropping the CR before it.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 8192 { throw SMTPError("The mail server sent a line longer than 8 KB") }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - buffer.readerIndex) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}

/// The message as it goes after `DATA`: headers, a blank line, the body, every line ending CRLF.
enum MailFormat {
    static func render(_ message: MailMessage, from: String, heloName: String, date: Date) -> String {
        let ascii = message.body.unicodeScalars.allSatisfy(\.isASCII)
        let body = ascii ? normalised(message.body) : wrapped(Data(message.body.utf8).base64EncodedString())
        let headers = [
            "From: Safeguarding <\(from)>",
            "To: <\(message.to)>",
            "Subject: \(encodedHeader(message.subject))",
            "Date: \(rfc5322(date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(heloName)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: \(ascii ? "7bit" : "base64")",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// A line that starts with a dot gets a second one, so it cannot end the message early (RFC 5321 4.5.2).
    static func dotStuffed(_ content: String) -> String {
        content.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .components(separatedBy: "\n").joined(separator: "\r\n")
    }

    static func wrapped(_ base64: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    /// Non-ASCII subjects as an RFC 2047 encoded word; line breaks never reach a header.
    static func encodedHeader(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !flat.unicodeScalars.allSatisfy(\.isASCII) else { return flat }
        return "=?utf-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
