import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SQLKit

/// Databases with the demo partnership already loaded, one per test, copied from a template.
///
/// Migrating an empty database and loading the demo took most of each whole-app test's time (about
/// 4 s of a test that does 0.1 s of work, more on PostgreSQL). The demo is loaded once per day it
/// is loaded for, into a template; each test gets a copy: a file copy on SQLite, `CREATE DATABASE
/// … TEMPLATE` on PostgreSQL. Templates are made afresh by each test process, so a changed migration
/// or demo is always in them.
actor DemoDatabases {
    static let shared = DemoDatabases()

    private var templates: [String: DatabaseLocation] = [:]
    private var maintenance: DatabaseRuntime?
    private let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("safeguarding-tests-\(ProcessInfo.processInfo.processIdentifier)")

    /// A database of the kind `testDatabase` names, holding the demo as loaded on `today`, for one test
    /// to change as it likes. Give it back to `discard(_:)` when done.
    func fresh(today: CalendarDate) async throws -> DatabaseLocation {
        let template = try await template(for: today)
        switch testDatabase {
        case .postgres(let url):
            let name = try Self.databaseName(in: url)
            let sql = try await maintenanceSQL(url)
            try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            try await sql.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: try Self.databaseName(in: Self.url(of: template)))").run()
            return .postgres(url: url)
        case .sqliteFile, .sqliteMemory:
            guard case .sqliteFile(let templatePath) = template else { return template }
            let path = folder.appendingPathComponent("test-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: templatePath, toPath: path)
            return .sqliteFile(path: path)
        }
    }

    /// Removes a test's SQLite copy (with its write-ahead log); PostgreSQL's is dropped by the next test.
    nonisolated func discard(_ location: DatabaseLocation) {
        guard case .sqliteFile(let path) = location else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private func template(for today: CalendarDate) async throws -> DatabaseLocation {
        let key = String(today.description.filter(\.isNumber))
        if let made = templates[key] { return made }
        let location: DatabaseLocation
        switch testDatabase {
        case .postgres(let url):
            let name = try Self.databaseName(in: url) + "_demo_" + key
            let sql = try await maintenanceSQL(url)
            try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            try await sql.raw("CREATE DATABASE \(ident: name)").run()
            location = .postgres(url: try Self.url(url, database: name))
        case .sqliteFile, .sqliteMemory:
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("demo-\(key).sqlite").path
            // A process id used before may have left a template behind: start from nothing.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            location = .sqliteFile(path: path)
        }
        let runtime = try await DatabaseRuntime.open(location)
        do {
            try await DemoData.load(on: runtime.database, today: today) { try Credentials.hash($0, cost: 4) }
            if let sql = runtime.database as? any SQLDatabase, location.kindName == "sqlite" {
                // Everything into the main file, so one file copy is the whole database.
                try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            }
        } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
        templates[key] = location
        return location
    }

    /// The server's own `postgres` database, from which test databases are dropped and created.
    private func maintenanceSQL(_ url: String) async throws -> any SQLDatabase {
        if maintenance == nil { maintenance = try await DatabaseRuntime.open(.postgres(url: try Self.url(url, database: "postgres")), migrate: false) }
        guard let sql = maintenance?.database as? any SQLDatabase else { throw TemplateError(description: "PostgreSQL speaks SQL") }
        return sql
    }

    static func databaseName(in url: String) throws -> String {
        guard let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else {
            throw TemplateError(description: "TEST_POSTGRES_URL names no database: \(url)")
        }
        return String(name)
    }

    static func url(_ url: String, database: String) throws -> String {
        guard var parts = URLComponents(string: url) else { throw TemplateError(description: "not a URL: \(url)") }
        parts.path = "/" + database
        guard let text = parts.string else { throw TemplateError(description: "not a URL: \(url)") }
        return text
    }

    static func url(of location: DatabaseLocation) throws -> String {
        guard case .postgres(let url) = location else { throw TemplateError(description: "not PostgreSQL: \(location.displayName)") }
        return url
    }

    struct TemplateError: Error, CustomStringConvertible { let description: String }
}
