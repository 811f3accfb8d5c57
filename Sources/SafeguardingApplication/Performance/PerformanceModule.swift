import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// Performance management: indicators, comparators, breakdowns, stories and escalation.
enum PerformanceModule: Module {
    static var migrations: [any Migration] { Migrations.performance }
    static var reportSections: [any ReportSectionSource.Type] { [] }
    static var reads: [ReadUseCase] { PerformanceReads.registry + PerformanceCorrectionReads.registry }
    /// Its demo is dated by its files (official statistics and illustrative values), not by `today`.
    static func loadDemo(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws { try await PerformanceDemo.load(for: partnership, on: db) }
}
