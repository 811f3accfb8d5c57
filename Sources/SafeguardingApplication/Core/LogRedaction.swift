import Foundation
import Logging

/// Keeps secrets out of the logs. Every log line the app, Vapor, the HTTP server and the database
/// drivers write passes through `RedactingLogHandler`, which withholds what a log reader must never
/// see: passwords and CSRF tokens in form bodies, API tokens, the tokens in set-password, setup
/// and survey links, session cookies, and the values bound to SQL queries or handed to Fluent's
/// queries (where session ids, children's references, names and password hashes travel). The SQL
/// text, the table, the fields and the operators are kept, for diagnosis.
public enum LogRedaction {
    static let withheld = "<withheld>"

    /// Pattern and the part of it kept (`$1`), in the order they are applied.
    private static let rules: [(NSRegularExpression, String)] = [
        // Byte buffers print a hex dump of their start (a form body's password, at trace level).
        (#"\[[0-9A-Fa-f .]{2,}\]\((\d+) bytes\)"#, "[\(withheld)]($1 bytes)"),
        // API tokens carry a prefix so they are recognisable anywhere.
        (#"sgd_[A-Za-z0-9_\-]{8,}"#, "sgd_\(withheld)"),
        // Links whose last segment is the only key: set-password, installation setup, public surveys.
        (#"(/account/links/|/setup/|/s/)[^/\s?#"'&<>]+"#, "$1\(withheld)"),
        (#"(safeguarding_session=)[^;\s"',]+"#, "$1\(withheld)"),
        (#"(?i)(bearer\s+)[^\s"',]+"#, "$1\(withheld)"),
        // Form and query fields: any *password*, the CSRF field, anything called token.
        (#"(?i)((?:^|[?&\s"';,(\[])[a-z_]*(?:password|csrf|token)[a-z_]*=)[^&\s"';,)\]]*"#, "$1\(withheld)"),
        (#"(?i)("[a-z_]*(?:password|csrf|token)[a-z_]*"\s*:\s*)"[^"]*""#, "$1\"\(withheld)\""),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// `text` with every secret it recognises withheld.
    public static func redact(_ text: String) -> String {
        var result = text
        for (pattern, template) in rules {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }

    /// Metadata with secrets withheld; the values bound to a query are never written at all.
    public static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result = metadata
        for (key, value) in metadata {
            if ["binds", "psql_binds", "input"].contains(key) {
                // The SQL drivers' bound values and Fluent's rows to write: never written at all.
                if case .array(let values) = value { result[key] = .string("\(values.count) value\(values.count == 1 ? "" : "s") withheld") } else { result[key] = .string(withheld) }
            } else if key == "value" || key == "values" {
                // Fluent's filters name the field and the operator (kept) and the value compared (withheld).
                result[key] = .string(withheld)
            } else {
                result[key] = redact(value)
            }
        }
        return result
    }

    static func redact(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(redact(text))
        case .stringConvertible(let item): .string(redact(item.description))
        case .array(let items): .array(items.map(redact))
        case .dictionary(let items): .dictionary(redact(items))
        }
    }
}

/// A log handler that redacts (`LogRedaction`) and then hands the line to the one it wraps.
public struct RedactingLogHandler: LogHandler {
    public var wrapped: any LogHandler

    public init(wrapping handler: any LogHandler) { wrapped = handler }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        var message = LogRedaction.redact(event.message.description)
        if let error = event.error {
            // An attached error is described here, redacted, rather than handed on whole.
            message += " (\(LogRedaction.redact(String(describing: error))))"
            event.error = nil
        }
        event.message = "\(message)"
        event.metadata = event.metadata.map(LogRedaction.redact)
        wrapped.log(event: event)
    }
}

extension Logger {
    /// This logger, with every line it writes redacted. Wrapping twice is harmless but pointless, so it is not done.
    public func redacting() -> Logger {
        guard !(handler is RedactingLogHandler) else { return self }
        let handler = RedactingLogHandler(wrapping: self.handler)
        var logger = Logger(label: label) { _ in handler }
        logger.logLevel = logLevel
        return logger
    }
}
