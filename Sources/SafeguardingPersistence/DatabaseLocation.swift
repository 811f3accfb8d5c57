import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where the data lives: an SQLite file (the default), an in-memory SQLite database for tests,
/// or a PostgreSQL server shared by several app instances.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public static let defaultPath = "./data/safeguarding.sqlite"

    /// Reads `--database` or `DATABASE_URL`: `postgres://…`, `sqlite:PATH`, `sqlite::memory:`,
    /// `:memory:`, or a plain file path.
    public init(parsing text: String?) throws(DatabaseLocationError) {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self = .sqliteFile(path: Self.defaultPath)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard URL(string: text)?.host != nil else {
                throw DatabaseLocationError(message: "The database URL \(text) is not a valid PostgreSQL URL: expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            self = .postgres(url: text)
            return
        }
        var path = text
        if path.hasPrefix("sqlite://") { path.removeFirst("sqlite://".count) } else if path.hasPrefix("sqlite:") { path.removeFirst("sqlite:".count) }
        if path == ":memory:" { self = .sqliteMemory; return }
        guard !path.isEmpty, !path.contains("://") else {
            throw DatabaseLocationError(message: "Unknown database \(text): expected a postgres:// URL, sqlite:PATH or a file path")
        }
        self = .sqliteFile(path: path)
    }

    public var kindName: String {
        switch self {
        case .postgres: "postgres"
        case .sqliteFile, .sqliteMemory: "sqlite"
        }
    }

    /// The location with any password hidden, for logs and messages.
    public var displayName: String {
        switch self {
        case .sqliteFile(let path): return "SQLite file \(path)"
        case .sqliteMemory: return "in-memory SQLite"
        case .postgres(let url):
            if var parts = URLComponents(string: url) {
                if parts.password != nil { parts.password = "***" }
                return "PostgreSQL \(parts.string ?? "server")"
            }
            return "PostgreSQL server"
        }
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension DatabaseLocation {
    /// The SQLite storage, made once so that the readers and the writer open the same database
    /// (an in-memory database is known by its identifier). An SQLite file's folder is created if missing.
    public func sqliteStorage() throws(DatabaseLocationError) -> SQLiteConfiguration.Storage? {
        switch self {
        case .sqliteMemory:
            return .memory
        case .sqliteFile(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw DatabaseLocationError(message: "Cannot create the folder \(folder) for the database: \(error.localizedDescription)")
                }
            }
            return .file(path: path)
        case .postgres:
            return nil
        }
    }
}

extension Databases {
    /// PostgreSQL connections each event loop may open (FluentKit's default is one). With one, a
    /// long transaction (a data return of a few thousand rows takes seconds) held the only
    /// connection of its event loop, so every other request there, `/healthz` too, queued behind
    /// it, failed after `poolTimeout` and a load balancer took the instance out
    /// (bench/instances/run). Four per loop is 8 on 2 cores: two instances stay far below
    /// PostgreSQL's default `max_connections` of 100.
    public static let postgresConnectionsPerEventLoop = 4

    /// Registers the database as the default. For SQLite, `storage` is the one from `sqliteStorage()`;
    /// `poolTimeout` is how long a query may wait for a connection.
    public func use(_ location: DatabaseLocation, storage: SQLiteConfiguration.Storage? = nil,
                    poolTimeout: TimeAmount = .seconds(10)) throws(DatabaseLocationError) {
        switch location {
        case .sqliteMemory, .sqliteFile:
            var found = storage
            if found == nil { found = try location.sqliteStorage() }
            guard let found else { return }
            use(.sqlite(SQLiteConfiguration(storage: found), connectionPoolTimeout: poolTimeout, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url):
            do {
                use(try .postgres(url: url, maxConnectionsPerEventLoop: Self.postgresConnectionsPerEventLoop,
                                  connectionPoolTimeout: poolTimeout, sqlLogLevel: .debug), as: .psql)
            } catch {
                throw DatabaseLocationError(message: "The database URL is not usable: \(error)")
            }
        }
    }
}

public enum DatabaseSetup {
    /// How long an SQLite connection waits for another process's write (a command run while the
    /// server runs) before answering "database is locked".
    public static let busyTimeoutMilliseconds = 5000

    /// Checks the database answers, and turns on SQLite's write-ahead log so readers do not
    /// block the writer. Throws a message a person can act on if it cannot be opened.
    public static func prepare(_ db: any Database, location: DatabaseLocation) async throws(DatabaseLocationError) {
        guard let sql = db as? any SQLDatabase else { return }
        do {
            switch location {
            case .sqliteFile, .sqliteMemory:
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await configureConnection(sql)
            case .postgres:
                try await sql.raw("SELECT 1").run()
            }
        } catch {
            throw DatabaseLocationError(message: "Cannot open the database (\(location.displayName)): \(String(reflecting: error))")
        }
    }

    /// Settings SQLite keeps per connection, not in the file: run on every connection of the pool.
    /// `busy_timeout` replaces the driver's busy handler, which retried at once without sleeping.
    public static func configureConnection(_ sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA busy_timeout=\(unsafeRaw: String(busyTimeoutMilliseconds))").run()
    }

    /// `configureConnection` on a database that is one connection (inside `withConnection`).
    public static func configureConnection(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await configureConnection(sql)
    }

    /// The busy timeout of the connection `db` uses, for tests.
    public static func busyTimeout(_ db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await sql.raw("PRAGMA busy_timeout").first().map { try $0.decode(column: "timeout", as: Int.self) }
    }

    /// One round trip to the database, for the health check.
    public static func ping(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("SELECT 1").run()
    }
}
