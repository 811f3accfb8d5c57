import FluentKit
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLKit

/// SQLite allows one writer at a time. Left to itself, a second writer gets "database is locked"
/// (a transaction that read first cannot wait for the lock: SQLite answers busy at once), so
/// every write of this process goes through one connection, the writer, and queues for it.
/// Reads outside a transaction use the readers (one connection per event loop), which the
/// write-ahead log lets carry on while a write is in progress.
///
/// `SQLiteSplitDatabase` is the `Database` the app hands out: it sends each query to the
/// readers or the writer by what it does; a transaction runs on the writer.
public struct SQLiteSplitDatabase: Database, ForwardingSQLDatabase {
    let reader: any Database
    let writer: any Database

    public init(reader: any Database, writer: any Database) {
        self.reader = reader
        self.writer = writer
    }

    /// Set while a task holds the writer in a transaction: a write sent meanwhile through the
    /// outer database would wait for the connection its own task holds, so it is refused at once.
    @TaskLocal static var holdsWriter = false

    public var context: DatabaseContext { reader.context }
    public var inTransaction: Bool { false }

    public func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate: reader.execute(query: query, onOutput: onOutput)
        case .create, .update, .delete, .custom: onWriter { $0.execute(query: query, onOutput: onOutput) }
        }
    }

    public func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        onWriter { $0.execute(schema: schema) }
    }

    public func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        onWriter { $0.execute(enum: `enum`) }
    }

    public func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        // The value is bound around the caller's closure itself, once the driver has the connection:
        // the driver may run it from a future's callback, outside any task the caller started.
        // FluentKit's async `transaction` starts the caller's task inside it, and that task inherits it.
        onWriter { writer in writer.transaction { tx in Self.$holdsWriter.withValue(true) { closure(tx) } } }
    }

    public func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        onWriter { writer in writer.withConnection { conn in Self.$holdsWriter.withValue(true) { closure(conn) } } }
    }

    private func onWriter<T>(_ work: (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !Self.holdsWriter else {
            return writer.eventLoop.makeFailedFuture(SQLiteWriterError())
        }
        return work(writer)
    }

    // SQLDatabase: raw SQL that only reads goes to the readers, anything else to the writer.

    private var readerSQL: any SQLDatabase { reader as! any SQLDatabase }
    private var writerSQL: any SQLDatabase { writer as! any SQLDatabase }

    public var sqlBase: any SQLDatabase { readerSQL }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        if Self.onlyReads(readerSQL.serialize(query).sql) { return readerSQL.execute(sql: query, onRow) }
        return onWriter { ($0 as! any SQLDatabase).execute(sql: query, onRow) }
    }

    static func onlyReads(_ sql: String) -> Bool {
        let head = sql.drop { $0.isWhitespace || $0 == "(" }.prefix(7).uppercased()
        return head.hasPrefix("SELECT ") || head.hasPrefix("SELECT\n")
    }
}

/// A write sent outside the transaction its own task has open: it could only wait for itself.
public struct SQLiteWriterError: Error, CustomStringConvertible {
    public var description: String {
        "A write was sent outside the open transaction of the same task; use the transaction's database"
    }
}
