import FluentKit
import Logging
import NIOCore
import SQLKit

/// A database that wraps another and answers SQLKit's questions about itself from it. The app's
/// wrappers (`SQLiteSplitDatabase`, `PostgresTransactionDatabase`, `OpenConnection`,
/// `CountingDatabase`) change how queries are sent, never what the database is.
public protocol ForwardingSQLDatabase: SQLDatabase {
    /// The wrapped database, as SQLKit sees it.
    var sqlBase: any SQLDatabase { get }
}

extension ForwardingSQLDatabase where Self: Database {
    public var logger: Logger { sqlBase.logger }
    public var eventLoop: any EventLoop { sqlBase.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { sqlBase.version }
    public var dialect: any SQLDialect { sqlBase.dialect }
    public var queryLogLevel: Logger.Level? { sqlBase.queryLogLevel }
}
