import FluentKit
import NIOCore
import SQLKit
import Synchronization

/// How many queries one request (or any one piece of work) sent to the database. The web layer
/// gives each request one; `/metrics` reports the totals, and a test checks that no page's count
/// grows with the data.
public final class QueryCounter: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    public var queries: Int { count.load(ordering: .relaxed) }

    func add() { count.add(1, ordering: .relaxed) }
}

/// A database that counts each query it sends, in transactions and on held connections too.
public struct CountingDatabase: Database, ForwardingSQLDatabase {
    let base: any Database
    let counter: QueryCounter

    public init(base: any Database, counter: QueryCounter) {
        self.base = base
        self.counter = counter
    }

    public var context: DatabaseContext { base.context }
    public var inTransaction: Bool { base.inTransaction }
    public var sqlBase: any SQLDatabase { base as! any SQLDatabase }

    public func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        counter.add()
        return base.execute(query: query, onOutput: onOutput)
    }

    public func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        counter.add()
        return base.execute(schema: schema)
    }

    public func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        counter.add()
        return base.execute(enum: `enum`)
    }

    public func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let counter = self.counter
        return base.transaction { closure(CountingDatabase(base: $0, counter: counter)) }
    }

    public func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let counter = self.counter
        return base.withConnection { closure(CountingDatabase(base: $0, counter: counter)) }
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        counter.add()
        return sqlBase.execute(sql: query, onRow)
    }
}
