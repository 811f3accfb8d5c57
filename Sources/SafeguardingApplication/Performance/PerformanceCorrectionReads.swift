import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The reads behind correcting the performance dataset: an indicator's local values and current
/// stories with their corrections, the form that changes a value, the form that withdraws a value
/// or a story, and the administrators' list of withdrawn ones.
public enum PerformanceCorrectionReads {
    /// The indicator a value or story belongs to (current ones only), or "not found".
    static func indicator(of kind: PerformanceCorrections.Kind, id: UUID, _ viewer: Viewer, _ context: AppContext) async throws -> Indicator {
        switch kind {
        case .value: try await PerformanceStore.value(id, in: viewer.partnership, on: context.database).indicator
        case .story: try await PerformanceStore.story(id, in: viewer.partnership, on: context.database).indicator
        }
    }

    /// An indicator's local values, newest period first, and its current stories, for those who submit its values.
    public static func localValues(_ viewer: Viewer, key: String, _ context: AppContext) async throws -> IndicatorValuesPage {
        let db = context.database
        let indicator = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: db)
        try PerformanceCorrections.requireCorrect(viewer, indicator)
        let values = try await PerformanceStore.values(of: indicator, on: db).filter { $0.series == Series.local.rawValue }
            .sorted { ($0.periodStart, $0.breakdown, $0.group) > ($1.periodStart, $1.breakdown, $1.group) }
        let stories = try await PerformanceStore.stories(of: indicator, on: db)
        return IndicatorValuesPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug, key: indicator.key, name: indicator.name, unit: indicator.unit,
            values: try values.map { value in
                IndicatorValuesPage.Value(id: try value.requireID(), period: Period(value.period)?.label ?? value.period, breakdown: value.breakdown,
                                          group: value.group, value: value.value, numerator: value.numerator, denominator: value.denominator)
            },
            stories: try stories.map { story in
                IndicatorValuesPage.StoryLine(id: try story.requireID(), period: Period(story.period)?.label ?? story.period, author: story.author,
                                              writtenAt: story.writtenAt)
            })
    }

    /// The form that changes one value.
    public static func valueForm(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> ValueFormPage {
        let value = try await PerformanceStore.value(id, in: viewer.partnership, on: context.database)
        try PerformanceCorrections.requireCorrect(viewer, value.indicator)
        return ValueFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, id: id, key: value.indicator.key,
                             indicatorName: value.indicator.name, period: Period(value.period)?.label ?? value.period,
                             breakdown: value.breakdown, group: value.group, unit: value.indicator.unit,
                             value: value.value, numerator: value.numerator, denominator: value.denominator)
    }

    /// The form that withdraws a value or a story.
    public static func withdrawForm(_ viewer: Viewer, kind: PerformanceCorrections.Kind, id: UUID, _ context: AppContext) async throws -> WithdrawFormPage {
        let indicator = try await indicator(of: kind, id: id, viewer, context)
        try PerformanceCorrections.requireCorrect(viewer, indicator)
        let description: String
        switch kind {
        case .value:
            let value = try await PerformanceStore.value(id, in: viewer.partnership, on: context.database)
            description = "\(indicator.name), \(Period(value.period)?.label ?? value.period)"
                + (value.breakdown == Breakdown.all.rawValue ? "" : ", \(value.breakdown) \(value.group)") + ": \(value.value)"
        case .story:
            let story = try await PerformanceStore.story(id, in: viewer.partnership, on: context.database)
            description = "The story for \(indicator.name), \(Period(story.period)?.label ?? story.period), by \(story.author)"
        }
        return WithdrawFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, kind: kind.rawValue, kindLabel: kind.label, id: id,
                                description: description, back: .indicatorValues(slug: viewer.slug, key: indicator.key),
                                action: .performanceWithdraw(slug: viewer.slug, kind: kind.rawValue, id: id))
    }

    /// The performance dataset's withdrawn values and stories, for administrators.
    public static func withdrawn(_ viewer: Viewer, _ context: AppContext) async throws -> WithdrawnRecordsPage {
        try RegisterCorrections.requireRestore(viewer)
        let records = try await PerformanceStore.withdrawn(viewer.partnership, on: context.database)
        return WithdrawnRecordsPage(partnershipName: viewer.partnership.name, slug: viewer.slug, moduleName: "Performance",
                                    records: records.map { WithdrawnLine(kind: $0.kind.rawValue, kindLabel: $0.kind.label, id: $0.id, description: $0.description,
                                                                         reason: $0.reason, withdrawnBy: $0.withdrawnBy, withdrawnAt: $0.withdrawnAt) },
                                    action: .performanceWithdrawn(slug: viewer.slug))
    }
}

extension PerformanceCorrectionReads {
    static let registry: [ReadUseCase] = [
        .list("PerformanceCorrectionReads.localValues") { viewer, context in
            var pages: [IndicatorValuesPage] = []
            for indicator in try await PerformanceStore.indicators(viewer.partnership, on: context.database) {
                do { pages.append(try await localValues(viewer, key: indicator.key, context)) } catch is AccessDenied {}
            }
            return pages
        },
        .record("PerformanceCorrectionReads.valueForm", ids: localValueIDs) { try await valueForm($0, id: $1, $2) },
        .record("PerformanceCorrectionReads.withdrawForm", ids: localValueIDs) { try await withdrawForm($0, kind: .value, id: $1, $2) },
        .record("PerformanceCorrectionReads.withdrawForm", ids: storyIDs) { try await withdrawForm($0, kind: .story, id: $1, $2) },
        .list("PerformanceCorrectionReads.withdrawn") { try await withdrawn($0, $1) },
    ]

    @Sendable static func localValueIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await IndicatorValue.query(on: context.database).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$series == Series.local.rawValue).filter(\.$breakdown == Breakdown.all.rawValue).range(0..<200).all().map { try $0.requireID() }
    }

    @Sendable static func storyIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await Story.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().map { try $0.requireID() }
    }
}
