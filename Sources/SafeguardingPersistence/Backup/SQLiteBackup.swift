import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Backups of an SQLite database: `VACUUM INTO` copies one consistent snapshot (a read
/// transaction, which in WAL mode never blocks the server's writers) into a new file; a restore
/// checks the file and puts it in place of the database file in one rename.
public enum SQLiteBackup {
    /// An SQLite database file starts with these 16 bytes.
    static let header = Array("SQLite format 3\u{0}".utf8)

    /// Copies the live database `db` into `out`, which must not exist yet; answers what the copy holds.
    public static func backUp(_ db: any Database, to out: String) async throws -> DatabaseInventory {
        guard let sql = db as? any SQLDatabase else { throw BackupFailure("The database does not speak SQL") }
        try BackupFile.createPrivate(out)
        do {
            try await sql.raw("VACUUM INTO \(bind: out)").run()
            let inventory = try await withFile(out) { copy in
                try await checkIntegrity(copy, of: out)
                return try await DatabaseInventory.read(copy)
            }
            return inventory
        } catch {
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }

    /// Whether `path` is an SQLite database file (by its first bytes).
    public static func isSQLiteFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return Array(handle.readData(ofLength: header.count)) == header
    }

    /// What the database file at `path` holds; an empty inventory if there is no file.
    public static func inventory(ofFile path: String) async throws -> DatabaseInventory {
        guard FileManager.default.fileExists(atPath: path) else { return DatabaseInventory(tables: []) }
        return try await withFile(path) { try await DatabaseInventory.read($0) }
    }

    /// Replaces the database file `target` with a checked copy of the backup `file`; the server must
    /// not be running on `target`. Answers what the restored database holds.
    public static func restore(_ file: String, into target: String) async throws -> DatabaseInventory {
        let inventory = try await withFile(file) { backup in
            try await checkIntegrity(backup, of: file)
            return try await DatabaseInventory.read(backup)
        }
        let folder = (target as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let staging = target + ".restoring-\(UUID().uuidString.prefix(8))"
        try BackupFile.createPrivate(staging)
        do {
            // Copied through SQLite, not byte for byte, so a backup taken in WAL mode comes out whole.
            try await withFile(file) { backup in try await backup.raw("VACUUM INTO \(bind: staging)").run() }
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            guard rename(staging, target) == 0 else { throw BackupFailure("Could not put the restored file in place at \(target): \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return inventory
    }

    static func checkIntegrity(_ sql: any SQLDatabase, of path: String) async throws {
        let answer = try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
        guard answer == "ok" else { throw BackupFailure("\(path) is damaged: SQLite's integrity check says \(answer ?? "nothing")") }
    }

    /// Opens the file on its own, without the app's settings (no WAL), for one piece of work.
    static func withFile<T: Sendable>(_ path: String, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path)), as: .sqlite)
        guard let sql = databases.database(logger: Logger(label: "safeguarding.backup"), on: MultiThreadedEventLoopGroup.singleton.any()) as? any SQLDatabase else {
            await databases.shutdownAsync()
            throw BackupFailure("Cannot open \(path) as SQLite")
        }
        do {
            let result = try await body(sql)
            await databases.shutdownAsync()
            return result
        } catch {
            await databases.shutdownAsync()
            throw error
        }
    }
}

/// A backup or restore that cannot go ahead, in words a person can act on.
public struct BackupFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Backup files hold every child's record the partnership keeps: only their owner may read them.
enum BackupFile {
    /// Creates `path` empty, readable and writable by this user alone; refuses if it exists.
    static func createPrivate(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw BackupFailure("\(path) already exists; choose a new file name (a backup never overwrites a file)") }
            throw BackupFailure("Cannot create \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
    }
}
