import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Correcting the performance dataset: changing one value, withdrawing a value or a version of a
/// story added by mistake, and (administrators only) restoring one. Whoever may submit an
/// indicator's values (its supplier, or an administrator) may change and withdraw them.
public enum PerformanceCorrections {
    public typealias Kind = PerformanceStore.RecordKind

    /// Whether the viewer submits the values of `indicator`, and so corrects them.
    static func requireCorrect(_ viewer: Viewer, _ indicator: Indicator) throws {
        try viewer.require(.submitValues(owner: try IndicatorRecord(indicator).owner))
    }

    /// Changes one value; answers with the indicator's key.
    public static func updateValue(_ viewer: Viewer, id: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        let value = try await PerformanceStore.value(id, in: viewer.partnership, on: context.database)
        try requireCorrect(viewer, value.indicator)
        // The same checks as a data return's row, on the stored indicator and period.
        let columns = ["indicator", "period", "value", "numerator", "denominator"]
        let header = try DataReturnRow.parse(header: columns)
        let row = try header.row([value.indicator.key, value.period, fields["value"] ?? "", fields["numerator"] ?? "", fields["denominator"] ?? ""],
                                 line: 1, knownIndicators: [value.indicator.key]).get()
        _ = try await PerformanceStore.updateValue(id, with: row, in: viewer.partnership, by: viewer.actor, on: context.database)
        return value.indicator.key
    }

    /// Withdraws a value or a story, with the reason (`reason`, required); answers with what it was.
    public static func withdraw(_ viewer: Viewer, kind: Kind, id: UUID, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try requireCorrect(viewer, try await PerformanceCorrectionReads.indicator(of: kind, id: id, viewer, context))
        let reason = try Withdrawal.validatedReason(fields["reason"])
        return try await PerformanceStore.withdraw(kind, id: id, reason: reason, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Restores a withdrawn value or story; answers with what it was.
    public static func restore(_ viewer: Viewer, kind: Kind, id: UUID, _ context: AppContext) async throws -> String {
        try RegisterCorrections.requireRestore(viewer)
        return try await PerformanceStore.restore(kind, id: id, in: viewer.partnership, by: viewer.actor, on: context.database)
    }
}
