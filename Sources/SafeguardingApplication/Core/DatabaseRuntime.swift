import FluentKit
import Logging
import NIOCore
import NIOPosix
import SafeguardingPersistence

/// The database, for the server, the command line and the tests alike: opened, checked, migrated,
/// and closed by `shutdown()`. The web layer asks it for a database on the request's event loop.
public final class DatabaseRuntime: Sendable {
    public let databases: Databases
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup

    private init(databases: Databases, logger: Logger, eventLoopGroup: any EventLoopGroup) {
        self.databases = databases
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
    }

    /// The default database, on any of the event loops.
    public var database: any Database {
        database(logger: logger, on: eventLoopGroup.any())
    }

    /// The default database on one event loop (a request's), logging to that request's logger.
    public func database(logger: Logger, on eventLoop: any EventLoop) -> any Database {
        databases.database(logger: logger.redacting(), on: eventLoop) ?? closed(logger: logger.redacting(), on: eventLoop)
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
        let runtime = DatabaseRuntime(databases: databases, logger: logger.redacting(), eventLoopGroup: eventLoopGroup)
        do {
            try databases.use(location)
            try await DatabaseSetup.prepare(runtime.database, location: location)
            if migrate { try await runtime.migrate() }
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        return runtime
    }

    private func migrator() -> Migrator {
        let migrations = FluentKit.Migrations()
        migrations.add(Modules.migrations)
        return Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoopGroup.any(), migrationLogLevel: .debug)
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
    }
}
