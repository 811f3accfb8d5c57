import ArgumentParser
import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingPersistence

/// `safeguarding backup` and `safeguarding restore`: a consistent copy of the whole database, taken
/// while the server runs, and putting one back into an empty database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Writes a consistent copy of the whole database to a new file, while the server keeps running.",
        discussion: """
        SQLite: a copy of one moment (VACUUM INTO), checked with SQLite's integrity check. PostgreSQL: pg_dump in its \
        custom format (found in SAFEGUARDING_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else the PATH). The file \
        holds every record the partnership keeps, children's included: it is created readable by you alone; keep it so.
        """)

    @ArgumentParser.Option(help: "The file to write. It must not exist yet.") var out: String
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let location = try BackupCommand.location(options)
        let out = (self.out as NSString).expandingTildeInPath
        if case .sqliteFile(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(description: "There is no database at \(path) to back up.")
        }
        let inventory = try await BackupCommand.withDatabase(location, migrate: false) { runtime in
            let db = runtime.database
            let inventory: DatabaseInventory = switch location {
            case .sqliteFile: try await SQLiteBackup.backUp(db, to: out)
            case .postgres(let url): try await PostgresBackup.backUp(db, url: url, to: out)
            case .sqliteMemory: throw CommandFailure(description: "An in-memory database lives only inside one process and cannot be backed up.")
            }
            await BackupCommand.audit(db, action: "backup", summary: "Backed up the database to \(out) (\(inventory.tables.count) tables, \(inventory.totalRows) rows)")
            return inventory
        }
        print("Backed up \(location.displayName) to \(out):")
        print(inventory.summary)
    }

    static func location(_ options: DatabaseOptions) throws -> DatabaseLocation {
        do {
            return try AppConfiguration.fromEnvironment(database: options.database).database
        } catch {
            throw CommandFailure(description: failureMessage(for: error))
        }
    }

    /// Opens the database without the web layer, runs `body`, closes it; every failure becomes a message.
    static func withDatabase<T: Sendable>(_ location: DatabaseLocation, migrate: Bool,
                                          _ body: @Sendable (DatabaseRuntime) async throws -> T) async throws -> T {
        let runtime: DatabaseRuntime
        do {
            runtime = try await DatabaseRuntime.open(location, migrate: migrate)
        } catch {
            throw CommandFailure(description: failureMessage(for: error))
        }
        do {
            let result = try await body(runtime)
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            throw CommandFailure(description: (error as? BackupFailure)?.description ?? failureMessage(for: error))
        }
    }

    /// Records the backup or restore in the audit log; a database too old to have one is only warned about.
    static func audit(_ db: any Database, action: String, summary: String) async {
        do {
            try await AuditTrail.record(on: db, partnershipID: nil, actor: .commandLine(), action: action,
                                        subjectType: "database", subjectID: nil, summary: summary)
        } catch {
            FileHandle.standardError.write(Data("Warning: could not record the \(action) in the audit log: \(failureMessage(for: error))\n".utf8))
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restores a backup into an empty database; refuses a database that has tables unless told --force.",
        discussion: """
        An SQLite backup goes into an SQLite file (checked, then put in place in one step); a PostgreSQL dump into a \
        PostgreSQL database with pg_restore (psql for a plain SQL dump), in one transaction. Stop the server first. \
        With --force, everything in the target database is replaced by the backup. The restore is recorded in the \
        restored database's audit log, and its tables are brought up to date for this version.
        """)

    @ArgumentParser.Argument(help: "The backup file, as written by `safeguarding backup`.") var file: String
    @ArgumentParser.Flag(help: "Replace everything in a database that is not empty.") var force = false
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let location = try BackupCommand.location(options)
        let file = (self.file as NSString).expandingTildeInPath
        guard FileManager.default.isReadableFile(atPath: file) else { throw CommandFailure(description: "file: cannot read \(file)") }
        let isSQLite = SQLiteBackup.isSQLiteFile(file)
        let (force, target) = (self.force, location.displayName)
        let (inventory, replaced): (DatabaseInventory, DatabaseInventory)
        switch location {
        case .sqliteMemory:
            throw CommandFailure(description: "An in-memory database ends with this command; restore into a file (--database sqlite:PATH).")
        case .sqliteFile(let path):
            guard isSQLite else {
                throw CommandFailure(description: PostgresBackup.isDump(file)
                    ? "\(file) is a PostgreSQL dump: restore it into a PostgreSQL database (--database postgres://USER@HOST:PORT/DATABASE)."
                    : "\(file) is not a backup this app wrote (neither an SQLite file nor a PostgreSQL dump).")
            }
            let existing: DatabaseInventory
            do { existing = try await SQLiteBackup.inventory(ofFile: path) } catch {
                throw CommandFailure(description: "\(path) exists but is not an SQLite database; restore into a new file.")
            }
            if !existing.isEmpty, !force { throw RestoreCommand.refusal(target, existing) }
            do {
                inventory = try await SQLiteBackup.restore(file, into: path)
            } catch {
                throw CommandFailure(description: (error as? BackupFailure)?.description ?? failureMessage(for: error))
            }
            replaced = existing
            try await BackupCommand.withDatabase(location, migrate: true) { runtime in
                await BackupCommand.audit(runtime.database, action: "restore", summary: RestoreCommand.summary(file, inventory, replaced: existing))
            }
        case .postgres(let url):
            guard !isSQLite else {
                throw CommandFailure(description: "\(file) is an SQLite backup: restore it into an SQLite file (--database sqlite:PATH).")
            }
            guard PostgresBackup.isDump(file) else { throw CommandFailure(description: "\(file) is not a backup this app wrote (neither a pg_dump file nor an SQLite file).") }
            (inventory, replaced) = try await BackupCommand.withDatabase(location, migrate: false) { runtime in
                let existing = try await DatabaseInventory.read(runtime.database)
                if !existing.isEmpty, !force { throw RestoreCommand.refusal(target, existing) }
                let restored = try await PostgresBackup.restore(file, into: runtime.database, url: url, replace: !existing.isEmpty)
                try await runtime.migrate()
                await BackupCommand.audit(runtime.database, action: "restore", summary: RestoreCommand.summary(file, restored, replaced: existing))
                return (restored, existing)
            }
        }
        if !replaced.isEmpty { print("Replaced \(replaced.tables.count) tables and \(replaced.totalRows) rows in \(target).") }
        print("Restored \(file) into \(target):")
        print(inventory.summary)
    }

    static func refusal(_ target: String, _ existing: DatabaseInventory) -> CommandFailure {
        CommandFailure(description: """
            \(target) is not empty: it has \(existing.tables.count) tables and \(existing.totalRows) rows. Restoring would \
            replace all of it with the backup. Restore into a new database, or stop the server and run again with --force \
            to replace it.
            """)
    }

    static func summary(_ file: String, _ inventory: DatabaseInventory, replaced: DatabaseInventory) -> String {
        "Restored the database from \(file) (\(inventory.tables.count) tables, \(inventory.totalRows) rows)"
            + (replaced.isEmpty ? "" : ", replacing \(replaced.tables.count) tables and \(replaced.totalRows) rows")
    }
}
