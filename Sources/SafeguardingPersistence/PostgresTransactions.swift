import FluentKit
import NIOCore
import PostgresNIO
import SQLKit

/// PostgreSQL as the app hands it out: FluentKit's database, with queries and transactions that
/// survive the server going away.
///
/// PostgresNIO never answers a query written to a connection the server has already closed: the
/// request hangs and keeps its pool connection, and once each event loop's pool is held so, every
/// later request times out until the app is restarted (found by `tests/cli/test_postgres_restart.py`:
/// a restart under load left the app answering 503 to everything). FluentKit's transactions make
/// it likely, sending the next query, or `ROLLBACK`, to the connection that just failed. Here every
/// query first checks, on the connection's own event loop (where the close is handled, so nothing
/// can close it between the check and the write), that the connection is open, and fails at once
/// with `PostgresConnectionLost` when it is not, so a `ROLLBACK` after a lost connection fails at once
/// too (the server rolled back when it dropped the connection). The pool then replaces the closed
/// connection.
public struct PostgresTransactionDatabase: Database, ForwardingSQLDatabase {
    let base: any Database

    public init(base: any Database) {
        self.base = base
    }

    public var context: DatabaseContext { base.context }
    public var inTransaction: Bool { base.inTransaction }

    public func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        onOpenConnection { $0.execute(query: query, onOutput: onOutput) }
    }

    public func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        onOpenConnection { $0.execute(schema: schema) }
    }

    public func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        onOpenConnection { $0.execute(enum: `enum`) }
    }

    public func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { connection in
            guard let open = OpenConnection(connection) else { return closure(connection) }
            return closure(open)
        }
    }

    public func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        // The connection's database is already "in a transaction" for FluentKit, so transactions
        // nested inside the closure run on it without a second BEGIN.
        base.withConnection { connection in
            // FluentKit's `T` need not be Sendable; it only passes from one callback to the next on
            // this connection's event loop, boxed.
            let promise = Boxed(connection.eventLoop.makePromise(of: T.self))
            guard let open = OpenConnection(connection) else {
                promise.value.fail(PostgresTransactionError.notPostgres)
                return promise.value.futureResult
            }
            open.sql("BEGIN").flatMap {
                closure(open).map { Boxed($0) }.flatMap { result in
                    open.sql("COMMIT").map { result }
                }.flatMapError { error in
                    // Always ROLLBACK this connection: the error may have come from another one. On a
                    // closed connection it fails at once (`ifOpen`); the caller gets the first error.
                    open.sql("ROLLBACK").flatMapErrorThrowing { _ in throw error }.flatMapThrowing { throw error }
                }
            }.hop(to: connection.eventLoop).whenComplete { outcome in
                switch outcome {
                case .success(let result): promise.value.assumeIsolated().succeed(result.value) // on the connection's event loop
                case .failure(let error): promise.value.fail(error)
                }
            }
            return promise.value.futureResult
        }
    }

    /// One query on a connection of its own, checked open first.
    private func onOpenConnection(_ work: @escaping @Sendable (any Database) -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        base.withConnection { connection in
            guard let open = OpenConnection(connection) else { return work(connection) }
            return work(open)
        }
    }

    /// Whether `error` says the connection is gone: closed by either side, a network error, or the
    /// server's own fatal errors (class 57P: shut down by an administrator, crashed, starting up).
    public static func lostConnection(_ error: any Error) -> Bool {
        if error is PostgresConnectionLost { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .clientClosedConnection, .serverClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let severity = error.serverInfo?[.severity] ?? ""
            return state.hasPrefix("57P") || severity == "FATAL" || severity == "PANIC"
        default:
            return false
        }
    }

    // SQLDatabase: raw SQL, on an open connection.

    public var sqlBase: any SQLDatabase { base as! any SQLDatabase }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        onOpenConnection { ($0 as! any SQLDatabase).execute(sql: query, onRow) }
    }
}

/// One pooled connection's database, whose every query first checks that the connection is open.
struct OpenConnection: Database, ForwardingSQLDatabase {
    let base: any Database
    let postgres: PostgresNIO.PostgresConnection

    /// Nil when `connection` is not one PostgreSQL connection's database (FluentKit marks those as in a
    /// transaction; the pool's database would hand over a connection it releases at once).
    init?(_ connection: any Database) {
        guard connection.inTransaction, let database = connection as? any PostgresDatabase, connection is any SQLDatabase else { return nil }
        var found: PostgresNIO.PostgresConnection?
        // A connection's own database hands over that connection at once.
        _ = database.withConnection { postgres -> EventLoopFuture<Void> in
            found = postgres
            return postgres.eventLoop.makeSucceededVoidFuture()
        }
        guard let found else { return nil }
        self.base = connection
        self.postgres = found
    }

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    /// Runs `work` on the connection's event loop if it is open there; fails at once if not.
    private func ifOpen(_ work: @escaping @Sendable () -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        let postgres = self.postgres
        return postgres.eventLoop.flatSubmit {
            postgres.isClosed ? postgres.eventLoop.makeFailedFuture(PostgresConnectionLost()) : work()
        }
    }

    func sql(_ text: String) -> EventLoopFuture<Void> {
        let base = self.base as! any SQLDatabase
        return ifOpen { base.raw(SQLQueryString(text)).run() }
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        let base = self.base
        return ifOpen { base.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        let base = self.base
        return ifOpen { base.execute(schema: schema) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        let base = self.base
        return ifOpen { base.execute(enum: `enum`) }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    var sqlBase: any SQLDatabase { base as! any SQLDatabase }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let base = sqlBase
        return ifOpen { base.execute(sql: query, onRow) }
    }
}

/// The connection to PostgreSQL was closed (the server restarted or the network dropped) before the
/// query could be sent. The request fails; the next one gets a new connection.
public struct PostgresConnectionLost: Error, CustomStringConvertible {
    public var description: String { "The connection to PostgreSQL was lost; try again" }
}

/// A value carried between callbacks of one event loop.
private struct Boxed<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

enum PostgresTransactionError: Error, CustomStringConvertible {
    case notPostgres
    var description: String { "The connection FluentKit gave is not a PostgreSQL connection" }
}
