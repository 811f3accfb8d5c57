import FluentKit
import Logging
import NIOCore
import NIOPosix
import SafeguardingPersistence

/// The database without a web server, for the command line: opened, checked, migrated, and
/// closed by `shutdown()`. The server gets the same database through Vapor instead.
public final class DatabaseRuntime: Sendable {
    public let databases: Databases
    private let logger: Logger

    private init(databases: Databases, logger: Logger) {
        self.databases = databases
        self.logger = logger
    }

    /// The default database, on any of the shared event loops.
    public var database: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// Opens the database at `location`; runs every pending migration unless told not to.
    public static func open(_ location: DatabaseLocation, migrate: Bool = true,
                            logger: Logger = Logger(label: "safeguarding")) async throws -> DatabaseRuntime {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        let runtime = DatabaseRuntime(databases: databases, logger: logger)
        do {
            try databases.use(location)
            try await DatabaseSetup.prepare(runtime.database, location: location)
            if migrate {
                let migrations = FluentKit.Migrations()
                migrations.add(SafeguardingPersistence.Migrations.all)
                let migrator = Migrator(databases: databases, migrations: migrations, logger: logger,
                                        on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
                try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
            }
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        return runtime
    }

    public func shutdown() async {
        await databases.shutdownAsync()
    }
}
