import FluentKit
import Foundation
import SQLKit

/// A few columns of every current row of one table for one partnership, straight from SQL.
/// FluentKit decodes a model row by row, field by field, whatever columns the query asked for; a
/// read of a whole table's worth of rows for counting (every action of the partnership, say) costs
/// far less read this way. The caller turns each row into what it needs.
enum ColumnRows {
    static func read(_ table: String, _ columns: [String], partnership: UUID, withdrawable: Bool, orderBy: String? = nil,
                     on db: any Database) async throws -> [any SQLRow] {
        guard let sql = db as? any SQLDatabase else { throw ColumnRowsError(table: table) }
        var query = sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("partnership_id", .equal, partnership)
        if withdrawable { query = query.where(SQLColumn("withdrawn_at"), .is, SQLLiteral.null) }
        if let orderBy { query = query.orderBy(orderBy) }
        return try await query.all()
    }

    struct ColumnRowsError: Error, CustomStringConvertible {
        let table: String
        var description: String { "The database cannot be read with SQL (\(table))" }
    }
}
