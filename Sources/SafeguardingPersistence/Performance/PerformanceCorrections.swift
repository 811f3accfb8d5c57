import FluentKit
import Foundation
import SafeguardingDomain

/// Correcting the performance dataset: changing one value, withdrawing a value or a version of the
/// story behind the data added by mistake (kept, hidden by `Withdrawal`), and restoring one.
extension PerformanceStore {
    /// The kinds of performance record that can be withdrawn, as the audit log and the addresses name them.
    public enum RecordKind: String, CaseIterable, Sendable {
        case value = "indicator_value"
        case story

        public var label: String {
            switch self {
            case .value: "Indicator value"
            case .story: "Story behind the data"
            }
        }
    }

    /// A withdrawn value or story, as the administrators' list shows it.
    public struct WithdrawnRecord: Sendable {
        public let kind: RecordKind
        public let id: UUID
        public let description: String
        public let reason: String
        public let withdrawnBy: String
        public let withdrawnAt: Date?
    }

    /// One current value of the partnership, with its indicator, or "not found".
    public static func value(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> IndicatorValue {
        guard let value = try await IndicatorValue.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$indicator).first() else { throw NotFound("indicator value") }
        return value
    }

    /// One current version of a story of the partnership, with its indicator, or "not found".
    public static func story(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> Story {
        guard let story = try await Story.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$indicator).first() else { throw NotFound("story") }
        return story
    }

    /// The value in words: "Referrals, 2023-24 Q4, local".
    static func describe(_ value: IndicatorValue, indicatorName: String) -> String {
        var parts = [indicatorName, value.period, value.series]
        if value.breakdown != Breakdown.all.rawValue { parts.append("\(value.breakdown) \(value.group)") }
        return parts.joined(separator: ", ")
    }

    /// Changes one value (and its numerator and denominator), with the old and new in the audit log.
    public static func updateValue(_ id: UUID, with row: DataReturnRow, in partnership: Partnership, by actor: Actor,
                                   on db: any Database) async throws -> IndicatorValue {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let value = try await value(id, in: partnership, on: tx)
            let fields: (IndicatorValue) -> [String: String?] = {
                ["value": String($0.value), "numerator": $0.numerator.map { String($0) }, "denominator": $0.denominator.map { String($0) }]
            }
            let before = fields(value)
            value.value = row.value
            value.numerator = row.numerator
            value.denominator = row.denominator
            let changes = AuditTrail.diff(before, fields(value))
            guard !changes.isEmpty else { return value }
            try await value.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: RecordKind.value.rawValue,
                                        subjectID: id.uuidString, summary: "Changed the value \(describe(value, indicatorName: value.indicator.name))",
                                        changes: changes)
            return value
        }
    }

    /// Withdraws a value or a version of a story; answers with what it was, in words.
    public static func withdraw(_ kind: RecordKind, id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                on db: any Database) async throws -> String {
        let pid = try partnership.requireID()
        switch kind {
        case .value:
            let value = try await value(id, in: partnership, on: db)
            let description = describe(value, indicatorName: value.indicator.name)
            try await Withdrawal.withdraw(value, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue,
                                          subjectID: id.uuidString, summary: "Withdrew the value \(description)", on: db)
            return description
        case .story:
            let story = try await story(id, in: partnership, on: db)
            let description = "the story for \(story.indicator.name), \(story.period)"
            try await Withdrawal.withdraw(story, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue,
                                          subjectID: id.uuidString, summary: "Withdrew \(description)", on: db)
            return description
        }
    }

    /// The partnership's withdrawn values and stories, the latest withdrawn first.
    public static func withdrawn(_ partnership: Partnership, on db: any Database) async throws -> [WithdrawnRecord] {
        let pid = try partnership.requireID()
        let indicators = Dictionary(try await Indicator.query(on: db).filter(\.$partnership.$id == pid).all().compactMap { i in i.id.map { ($0, i) } },
                                    uniquingKeysWith: { a, _ in a })
        let names = indicators.mapValues(\.name)
        var out: [WithdrawnRecord] = []
        for value in try await IndicatorValue.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all() {
            out.append(WithdrawnRecord(kind: .value, id: try value.requireID(),
                                       description: describe(value, indicatorName: names[value.$indicator.id] ?? "An indicator") + ": \(ReportFormat.value(value.value, unit: indicators[value.$indicator.id]?.unit ?? "count"))",
                                       reason: value.withdrawnReason ?? "", withdrawnBy: value.withdrawnBy ?? "", withdrawnAt: value.withdrawnAt))
        }
        for story in try await Story.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all() {
            out.append(WithdrawnRecord(kind: .story, id: try story.requireID(),
                                       description: "Story for \(names[story.$indicator.id] ?? "an indicator"), \(story.period), by \(story.author)",
                                       reason: story.withdrawnReason ?? "", withdrawnBy: story.withdrawnBy ?? "", withdrawnAt: story.withdrawnAt))
        }
        return out.sorted { ($0.withdrawnAt ?? .distantPast, $0.id.uuidString) > ($1.withdrawnAt ?? .distantPast, $1.id.uuidString) }
    }

    /// Restores a withdrawn value or story; answers with what it was, in words.
    public static func restore(_ kind: RecordKind, id: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws -> String {
        let pid = try partnership.requireID()
        switch kind {
        case .value:
            guard let value = try await IndicatorValue.query(on: db).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                .with(\.$indicator).first(), value.withdrawnAt != nil else { throw NotFound("withdrawn record") }
            let description = describe(value, indicatorName: value.indicator.name)
            try await Withdrawal.restore(value, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored the value \(description)", on: db)
            return description
        case .story:
            guard let story = try await Story.query(on: db).withDeleted().filter(\.$id == id).filter(\.$partnership.$id == pid)
                .with(\.$indicator).first(), story.withdrawnAt != nil else { throw NotFound("withdrawn record") }
            let description = "the story for \(story.indicator.name), \(story.period)"
            try await Withdrawal.restore(story, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored \(description)", on: db)
            return description
        }
    }
}
