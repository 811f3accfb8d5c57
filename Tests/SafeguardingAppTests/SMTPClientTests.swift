import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import SafeguardingApplication

/// A mail server inside the test: answers each command as a real one would (or refuses the ones
/// it is told to), and keeps every command and message it receives.
final class SMTPSink: @unchecked Sendable {
    private let lock = NSLock()
    private var receivedCommands: [String] = []
    private var receivedMessages: [String] = []
    /// A reply to give instead of the usual one, by command verb ("RCPT").
    let refusals: [String: String]
    private(set) var port = 0
    private var channel: (any Channel)?

    init(refusals: [String: String] = [:]) { self.refusals = refusals }

    var commands: [String] { lock.withLock { receivedCommands } }
    var messages: [String] { lock.withLock { receivedMessages } }
    func record(command: String) { lock.withLock { receivedCommands.append(command) } }
    func record(message: String) { lock.withLock { receivedMessages.append(message) } }

    func start() async throws {
        let sink = self
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPSinkHandler(sink: sink))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    func stop() async throws { try await channel?.close() }
}

final class SMTPSinkHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer
    let sink: SMTPSink
    var message: [String]?

    init(sink: SMTPSink) { self.sink = sink }

    func channelActive(context: ChannelHandlerContext) { reply("220 sink.test ESMTP ready", context) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        if var lines = message {
            if line == "." {
                sink.record(message: lines.joined(separator: "\r\n"))
                message = nil
                reply("250 2.0.0 queued", context)
            } else {
                lines.append(line)
                message = lines
            }
            return
        }
        sink.record(command: line)
        let verb = String(line.prefix { $0 != " " && $0 != ":" }).uppercased()
        if let refusal = sink.refusals[verb] { return reply(refusal, context) }
        switch verb {
        case "EHLO": reply("250-sink.test greets you\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME", context)
        case "AUTH": reply("235 2.7.0 accepted", context)
        case "MAIL", "RCPT": reply("250 2.1.0 ok", context)
        case "DATA":
            message = []
            reply("354 end with <CRLF>.<CRLF>", context)
        case "QUIT":
            reply("221 bye", context)
            context.close(promise: nil)
        default: reply("502 5.5.2 unknown command", context)
        }
    }

    private func reply(_ text: String, _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }
}

@Suite("The SMTP client against a real SMTP exchange")
struct SMTPClientTests {
    @Test("A message goes through EHLO, AUTH PLAIN, MAIL, RCPT and DATA with its headers, dots doubled")
    func sends() async throws {
        let sink = SMTPSink()
        try await sink.start()
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: sink.port, username: "relay", password: "s3cret", from: "safeguarding@partnership.example")
        configuration.heloName = "app.partnership.example"
        try await SMTPClient(configuration: configuration).send(
            MailMessage(to: "dsl@school.example", subject: "Choose your password", body: "Hello,\n.a line starting with a dot\nBye"))
        try await sink.stop()

        let commands = sink.commands
        #expect(commands.first == "EHLO app.partnership.example")
        #expect(commands.contains("AUTH PLAIN " + Data("\0relay\0s3cret".utf8).base64EncodedString()))
        #expect(commands.contains("MAIL FROM:<safeguarding@partnership.example>"))
        #expect(commands.contains("RCPT TO:<dsl@school.example>"))
        #expect(commands.contains("DATA"))
        let message = try #require(sink.messages.first)
        #expect(message.contains("From: Safeguarding <safeguarding@partnership.example>\r\n"))
        #expect(message.contains("To: <dsl@school.example>\r\n"))
        #expect(message.contains("Subject: Choose your password\r\n"))
        #expect(message.contains("\r\n\r\nHello,\r\n..a line starting with a dot\r\nBye"))
    }

    @Test("A body with accented letters goes as base64 UTF-8")
    func unicode() async throws {
        let sink = SMTPSink()
        try await sink.start()
        try await SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, from: "no-reply@localhost"))
            .send(MailMessage(to: "zoë@school.example", subject: "Café", body: "Bonjour Zoë"))
        try await sink.stop()
        let message = try #require(sink.messages.first)
        #expect(message.contains("Content-Transfer-Encoding: base64"))
        #expect(message.contains(Data("Bonjour Zoë".utf8).base64EncodedString()))
        #expect(message.contains("Subject: =?utf-8?B?\(Data("Café".utf8).base64EncodedString())?="))
        #expect(!sink.commands.contains { $0.hasPrefix("AUTH") }, "no credentials, no AUTH")
    }

    @Test("A refusal names the step and quotes the server")
    func refused() async throws {
        let sink = SMTPSink(refusals: ["RCPT": "550 5.1.1 no such mailbox"])
        try await sink.start()
        let client = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, from: "no-reply@localhost"))
        await #expect(throws: SMTPError("The mail server refused RCPT TO: 550 5.1.1 no such mailbox")) {
            try await client.send(MailMessage(to: "gone@school.example", subject: "S", body: "B"))
        }
        try await sink.stop()
        #expect(sink.messages.isEmpty)
    }

    @Test("A server that is not there is a clear error, not a hang")
    func unreachable() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let port = sink.port
        try await sink.stop()
        let client = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, from: "no-reply@localhost"))
        do {
            try await client.send(MailMessage(to: "a@school.example", subject: "S", body: "B"))
            Issue.record("sending to a closed port succeeded")
        } catch let error as SMTPError {
            #expect(error.message.hasPrefix("Could not connect to the mail server at 127.0.0.1:\(port)"))
        }
    }

    @Test("The SMTP URL and sender are read from the environment; a wrong one is named")
    func configuration() throws {
        let config = try AppConfiguration.fromEnvironment(database: "sqlite::memory:", environment: [
            "SAFEGUARDING_SMTP_URL": "smtp://relay%40x:p%3Ass@mail.partnership.example:2525", "SAFEGUARDING_MAIL_FROM": "scp@partnership.example",
            "SAFEGUARDING_PUBLIC_URL": "https://scp.partnership.example/"])
        let smtp = try #require(config.smtp)
        #expect(smtp.host == "mail.partnership.example" && smtp.port == 2525)
        #expect(smtp.username == "relay@x" && smtp.password == "p:ss")
        #expect(smtp.from == "scp@partnership.example")
        #expect(smtp.heloName == "scp.partnership.example")
        #expect(config.mailer.isConfigured)
        #expect(config.linkBase == "https://scp.partnership.example")
        #expect(try AppConfiguration.fromEnvironment(database: "sqlite::memory:", environment: [:]).mailer.isConfigured == false)
        #expect(throws: (any Error).self) { try AppConfiguration.fromEnvironment(database: nil, environment: ["SAFEGUARDING_SMTP_URL": "http://mail:25"]) }
        do {
            _ = try SMTPConfiguration(url: "mail.example:25", from: nil)
            Issue.record("a URL without smtp:// was accepted")
        } catch {
            #expect(error.message.contains("SAFEGUARDING_SMTP_URL must look like smtp://host:port"))
        }
    }
}
