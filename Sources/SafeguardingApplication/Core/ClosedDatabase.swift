import FluentKit
import NIOCore

/// What `DatabaseRuntime` hands out once it is shut down: every query fails with `DatabaseClosed`.
/// A request still in flight while the server stops gets an error answer instead of a trap (the
/// runtime used to force-unwrap the `nil` FluentKit returns after shutdown).
struct ClosedDatabase: Database {
    let context: DatabaseContext

    var inTransaction: Bool { false }

    private func failed<T>() -> EventLoopFuture<T> { context.eventLoop.makeFailedFuture(DatabaseClosed()) }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> { failed() }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { failed() }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { failed() }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { failed() }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { failed() }
}

/// The database was asked for after the server began to stop.
public struct DatabaseClosed: Error, CustomStringConvertible {
    public var description: String { "The database is closed: the server is stopping." }
}
