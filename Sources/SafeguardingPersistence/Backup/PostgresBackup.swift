import FluentKit
import Foundation
import SQLKit

/// Backups of a PostgreSQL database with PostgreSQL's own tools: `pg_dump` in its custom format,
/// taken from a snapshot this app exports so the row counts it prints are those of the dump; and
/// `pg_restore` (or `psql` for a plain SQL dump) into an empty database in one transaction.
public enum PostgresBackup {
    /// A custom-format dump starts with these bytes.
    static let customHeader = Array("PGDMP".utf8)

    /// Dumps the database at `url` (open as `db`) into `out`, which must not exist yet.
    public static func backUp(_ db: any Database, url: String, to out: String,
                              environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> DatabaseInventory {
        let pgDump = try PostgresTools.find("pg_dump", environment: environment)
        let connection = try PostgresConnection(url: url)
        try BackupFile.createPrivate(out)
        do {
            return try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { throw BackupFailure("The database does not speak SQL") }
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS snapshot").first()?.decode(column: "snapshot", as: String.self) ?? ""
                try await PostgresTools.run(pgDump, ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)", "--file=\(out)"]
                                            + connection.arguments, environment: connection.environment(environment))
                return try await DatabaseInventory.read(sql)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }

    /// Whether `path` is a dump `restore` can read (custom format, or plain SQL text).
    public static func isDump(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = Array(handle.readData(ofLength: 64))
        if start.starts(with: customHeader) { return true }
        return String(decoding: start, as: UTF8.self).hasPrefix("--") && !SQLiteBackup.isSQLiteFile(path)
    }

    /// Restores `file` into the database at `url` (open as `db`). With `replace`, every table of
    /// the current schema is dropped first. Answers what the restored database holds.
    public static func restore(_ file: String, into db: any Database, url: String, replace: Bool,
                               environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> DatabaseInventory {
        guard let sql = db as? any SQLDatabase else { throw BackupFailure("The database does not speak SQL") }
        let isCustom = FileHandle(forReadingAtPath: file).map { handle in
            defer { try? handle.close() }
            return Array(handle.readData(ofLength: customHeader.count)) == customHeader
        } ?? false
        let tool = try PostgresTools.find(isCustom ? "pg_restore" : "psql", environment: environment)
        let connection = try PostgresConnection(url: url)
        if replace {
            let existing = try await DatabaseInventory.read(sql)
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                for table in existing.tables { try await sql.raw("DROP TABLE IF EXISTS \(ident: table.name) CASCADE").run() }
            }
        }
        let arguments = isCustom
            ? ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"] + connection.arguments + [file]
            : ["--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--single-transaction", "--file=\(file)"] + connection.arguments
        try await PostgresTools.run(tool, arguments, environment: connection.environment(environment))
        return try await DatabaseInventory.read(sql)
    }
}

/// A `postgres://` URL as libpq's command-line tools take it: the password goes in `PGPASSWORD`,
/// never on a command line another user could read with `ps`.
struct PostgresConnection {
    let host: String
    let port: Int
    let user: String?
    let password: String?
    let database: String
    let sslMode: String?

    init(url: String) throws {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            throw BackupFailure("The database URL is not a PostgreSQL URL: expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        self.host = host
        port = parts.port ?? 5432
        user = parts.user.flatMap { $0.removingPercentEncoding ?? $0 }
        password = parts.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let name = String(parts.path.drop { $0 == "/" })
        database = name.isEmpty ? (user ?? "postgres") : (name.removingPercentEncoding ?? name)
        let query = parts.queryItems ?? []
        sslMode = query.first { $0.name == "sslmode" || $0.name == "tlsmode" }?.value
    }

    var arguments: [String] {
        ["--host=\(host)", "--port=\(port)", "--dbname=\(database)"] + (user.map { ["--username=\($0)"] } ?? []) + ["--no-password"]
    }

    func environment(_ base: [String: String]) -> [String: String] {
        var environment = base
        environment["PGPASSWORD"] = password
        if let sslMode { environment["PGSSLMODE"] = sslMode }
        return environment
    }
}

/// Finding and running PostgreSQL's client programs.
public enum PostgresTools {
    /// `SAFEGUARDING_PG_BIN` if set; else the newest `/usr/lib/postgresql/N/bin` (Debian's layout,
    /// the one `scripts/test` uses); else the PATH.
    public static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let manager = FileManager.default
        if let folder = environment["SAFEGUARDING_PG_BIN"], !folder.isEmpty {
            let path = (folder as NSString).appendingPathComponent(name)
            guard manager.isExecutableFile(atPath: path) else { throw BackupFailure("SAFEGUARDING_PG_BIN is \(folder), which has no \(name)") }
            return path
        }
        let versions = ((try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap { version in Double(version).map { (version, $0) } }
            .sorted { $0.1 > $1.1 }
        for (version, _) in versions {
            let path = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if manager.isExecutableFile(atPath: path) { return path }
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = (String(folder) as NSString).appendingPathComponent(name)
            if manager.isExecutableFile(atPath: path) { return path }
        }
        throw BackupFailure("\(name) was not found. Install PostgreSQL's client programs (on Debian: apt-get install postgresql-client, of the server's major version or newer), or set SAFEGUARDING_PG_BIN to the folder that holds \(name).")
    }

    /// Runs `program` to the end; throws with the last lines it wrote if it fails.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment
        // Into a file, not a pipe: a pipe that fills up would stop the program half way.
        let errorPath = NSTemporaryDirectory() + "safeguarding-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        guard let errors = FileHandle(forWritingAtPath: errorPath) else { throw BackupFailure("Cannot write to \(NSTemporaryDirectory())") }
        defer { try? errors.close() }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let name = (program as NSString).lastPathComponent
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: BackupFailure("Could not start \(program): \(error.localizedDescription)"))
            }
        }
        let said = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let tail = said.split(separator: "\n").suffix(8).joined(separator: "\n")
            throw BackupFailure("\(name) failed (exit status \(status)):\n\(tail)")
        }
    }
}
