import FluentKit
import Logging
import NIOCore
import NIOPosix
import SafeguardingPersistence

/// The database, for the server, the command line and the tests alike: opened, checked, migrated,
/// and closed by `shutdown()`. The web layer asks it for a database on the request's event loop.
public final class DatabaseRuntime: Sendable {
    public let databases: Databases
    /// SQLite only: the one connection every write of this process queues for (see `SQLiteSplitDatabase`).
    private let writers: Databases?
    private let writerLoop: any EventLoop
    /// PostgreSQL's transactions are wrapped so a lost connection fails at once (`PostgresTransactionDatabase`).
    private let isPostgres: Bool
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup

    private init(databases: Databases, writers: Databases?, writerLoop: any EventLoop, isPostgres: Bool, logger: Logger,
                 eventLoopGroup: any EventLoopGroup) {
        self.databases = databases
        self.writers = writers
        self.writerLoop = writerLoop
        self.isPostgres = isPostgres
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
    }

    /// How long a write waits for the writer before giving up: writes queue, they do not fail
    /// because another is in progress.
    public static let writeQueueTimeout: TimeAmount = .seconds(120)

    /// The default database, on any of the event loops.
    public var database: any Database {
        database(logger: logger, on: eventLoopGroup.any())
    }

    /// The default database on one event loop (a request's), logging to that request's logger,
    /// and counting its queries when given a counter.
    public func database(logger: Logger, on eventLoop: any EventLoop, counter: QueryCounter? = nil) -> any Database {
        let database = uncountedDatabase(logger: logger, on: eventLoop)
        guard let counter else { return database }
        return CountingDatabase(base: database, counter: counter)
    }

    private func uncountedDatabase(logger: Logger, on eventLoop: any EventLoop) -> any Database {
        let logger = logger.redacting()
        guard let writers else {
            guard let database = databases.database(logger: logger, on: eventLoop) else { return closed(logger: logger, on: eventLoop) }
            return isPostgres ? PostgresTransactionDatabase(base: database) : database
        }
        let reader = databases.database(logger: logger, on: eventLoop) ?? closed(logger: logger, on: eventLoop)
        let writer = writers.database(logger: logger, on: writerLoop) ?? closed(logger: logger, on: writerLoop)
        return SQLiteSplitDatabase(reader: reader, writer: writer)
    }

    /// After `shutdown()` FluentKit has no database to give; requests still in flight get one whose
    /// queries fail, rather than a trap.
    private func closed(logger: Logger, on eventLoop: any EventLoop) -> any Database {
        guard let configuration = databases.configuration() else { fatalError("DatabaseRuntime.open configures a default database") }
        return ClosedDatabase(context: DatabaseContext(configuration: configuration, logger: logger, eventLoop: eventLoop))
    }

    /// Opens the database at `location`; runs every pending migration unless told not to.
    public static func open(_ location: DatabaseLocation, migrate: Bool = true,
                            logger: Logger = Logger(label: "safeguarding"),
                            eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                            threadPool: NIOThreadPool = .singleton) async throws -> DatabaseRuntime {
        let databases = Databases(threadPool: threadPool, on: eventLoopGroup)
        let writerLoop = eventLoopGroup.next()
        let storage = try location.sqliteStorage()
        let writers = storage == nil ? nil : Databases(threadPool: threadPool, on: writerLoop)
        let runtime = DatabaseRuntime(databases: databases, writers: writers, writerLoop: writerLoop, isPostgres: location.kindName == "postgres",
                                      logger: logger.redacting(), eventLoopGroup: eventLoopGroup)
        do {
            try databases.use(location, storage: storage)
            try writers?.use(location, storage: storage, poolTimeout: writeQueueTimeout)
            try await DatabaseSetup.prepare(runtime.database, location: location)
            try await runtime.configureEveryConnection()
            if migrate { try await runtime.migrate() }
        } catch {
            await runtime.shutdown()
            throw error
        }
        return runtime
    }

    /// SQLite keeps `busy_timeout` per connection: set it on the writer and on the reader of every
    /// event loop (each pool holds one connection, opened here and kept).
    private func configureEveryConnection() async throws {
        guard let writers else { return }
        var connections: [any Database] = [writers.database(logger: logger, on: writerLoop)!]
        for loop in eventLoopGroup.makeIterator() { connections.append(databases.database(logger: logger, on: loop)!) }
        for db in connections {
            try await db.withConnection { conn in
                conn.eventLoop.makeFutureWithTask { try await DatabaseSetup.configureConnection(conn) }
            }.get()
        }
    }

    /// Every connection's busy timeout, writer first, for tests.
    public func busyTimeouts() async throws -> [Int?] {
        guard let writers else { return [] }
        var connections: [any Database] = [writers.database(logger: logger, on: writerLoop)!]
        for loop in eventLoopGroup.makeIterator() { connections.append(databases.database(logger: logger, on: loop)!) }
        var found: [Int?] = []
        for db in connections { found.append(try await DatabaseSetup.busyTimeout(db)) }
        return found
    }

    private func migrator() -> Migrator {
        let migrations = FluentKit.Migrations()
        migrations.add(Modules.migrations)
        // On SQLite, migrations write through the writer like everything else.
        return Migrator(databases: writers ?? databases, migrations: migrations, logger: logger,
                        on: writers == nil ? eventLoopGroup.any() : writerLoop, migrationLogLevel: .debug)
    }

    /// Runs every migration not yet run, as one batch.
    public func migrate() async throws {
        let migrator = migrator()
        try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
    }

    /// Reverts every migration ever run, leaving an empty database (the tests start from one).
    public func revertAll() async throws {
        let migrator = migrator()
        try await migrator.setupIfNeeded().flatMap { migrator.revertAllBatches() }.get()
    }

    /// Answers only if the database does (the health check).
    public func ping() async throws {
        try await DatabaseSetup.ping(database)
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        await writers?.shutdownAsync()
    }
}
