import FluentKit
import Foundation
import SafeguardingDomain

/// A record people add in the app and may withdraw when it was a mistake. A withdrawn record is
/// kept, with why and by whom, and is hidden from every list, count and report by Fluent's soft
/// delete: the model declares `@Timestamp(key: "withdrawn_at", on: .delete)`, so every query on it
/// leaves withdrawn rows out unless it asks for them with `.withDeleted()`. That is the one place
/// the filter lives; callers never filter withdrawn rows themselves. An administrator can restore.
public protocol Withdrawable: Model {
    /// Why it was withdrawn; `nil` while current.
    var withdrawnReason: String? { get set }
    /// Who withdrew it (an email, as the audit log names actors).
    var withdrawnBy: String? { get set }
    /// When it was withdrawn: the soft-delete timestamp.
    var withdrawnAt: Date? { get }
}

public enum Withdrawal {
    /// The reason as the forms take it: required, at most 500 characters.
    public static func validatedReason(_ raw: String?) throws -> String {
        let reason = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ValidationErrors([FieldError(field: "reason", message: "Enter why this record is being withdrawn")])
        }
        guard reason.count <= 500 else {
            throw ValidationErrors([FieldError(field: "reason", message: "The reason must be 500 characters or fewer")])
        }
        return reason
    }

    /// Withdraws `model` and records it in the audit log, together or not at all.
    public static func withdraw<M: Withdrawable>(_ model: M, reason: String, partnershipID: UUID, actor: Actor,
                                                 subjectType: String, subjectID: String, summary: String,
                                                 on db: any Database) async throws {
        try await db.transaction { db in
            model.withdrawnReason = reason
            model.withdrawnBy = actor.email
            try await model.save(on: db)
            try await model.delete(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnershipID, actor: actor, action: "withdraw",
                                        subjectType: subjectType, subjectID: subjectID, summary: summary,
                                        changes: ["withdrawn": (nil, reason)])
        }
    }

    /// Restores a withdrawn `model` (found with `.withDeleted()`) and records it in the audit log.
    public static func restore<M: Withdrawable>(_ model: M, partnershipID: UUID, actor: Actor,
                                                subjectType: String, subjectID: String, summary: String,
                                                on db: any Database) async throws {
        try await db.transaction { db in
            let reason = model.withdrawnReason
            try await model.restore(on: db)
            model.withdrawnReason = nil
            model.withdrawnBy = nil
            try await model.save(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnershipID, actor: actor, action: "restore",
                                        subjectType: subjectType, subjectID: subjectID, summary: summary,
                                        changes: ["withdrawn": (reason, nil)])
        }
    }

    /// Adds the three withdrawal columns to an existing table, one statement each (SQLite adds one
    /// column per ALTER TABLE).
    public static func addColumns(to schema: String, on database: any Database) async throws {
        try await database.schema(schema).field("withdrawn_at", .datetime).update()
        try await database.schema(schema).field("withdrawn_reason", .string).update()
        try await database.schema(schema).field("withdrawn_by", .string).update()
    }

    /// Removes them again, for a migration's revert.
    public static func removeColumns(from schema: String, on database: any Database) async throws {
        try await database.schema(schema).deleteField("withdrawn_by").update()
        try await database.schema(schema).deleteField("withdrawn_reason").update()
        try await database.schema(schema).deleteField("withdrawn_at").update()
    }
}
