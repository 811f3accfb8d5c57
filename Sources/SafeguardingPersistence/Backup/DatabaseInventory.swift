import FluentKit
import Foundation
import SQLKit

/// The tables of a database and how many rows each holds: what a backup or a restore reports,
/// and how a restore tells an empty database from one it would overwrite.
public struct DatabaseInventory: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public let name: String
        public let rows: Int
    }

    public let tables: [Table]

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
    public var isEmpty: Bool { tables.isEmpty }

    /// The inventory of a Fluent database (one that speaks SQL, as both drivers do).
    public static func read(_ db: any Database) async throws -> DatabaseInventory {
        guard let sql = db as? any SQLDatabase else { throw BackupFailure("The database does not speak SQL") }
        return try await read(sql)
    }

    /// Every table (SQLite's own excepted) with its row count, in name order.
    public static func read(_ sql: any SQLDatabase) async throws -> DatabaseInventory {
        let listing: SQLQueryString = switch sql.dialect.name {
        case "sqlite": "SELECT name AS table_name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        default: "SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
        var tables: [Table] = []
        for row in try await sql.raw(listing).all() {
            let name = try row.decode(column: "table_name", as: String.self)
            let count = try await sql.raw("SELECT COUNT(*) AS row_count FROM \(ident: name)").first()?.decode(column: "row_count", as: Int.self) ?? 0
            tables.append(Table(name: name, rows: count))
        }
        return DatabaseInventory(tables: tables)
    }

    /// One line per table and a total, for the command line.
    public var summary: String {
        let width = tables.map(\.name.count).max() ?? 0
        let lines = tables.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.rows) row\($0.rows == 1 ? "" : "s")" }
        return (lines + ["\(tables.count) table\(tables.count == 1 ? "" : "s"), \(totalRows) row\(totalRows == 1 ? "" : "s")."]).joined(separator: "\n")
    }
}
