import FluentKit
import SafeguardingPersistence

/// Performance management: indicators, comparators, breakdowns, stories and escalation.
enum PerformanceModule: Module {
    static var migrations: [any Migration] { Migrations.performance }
    static var reportSections: [any ReportSectionSource.Type] { [] }
    static var reads: [ReadUseCase] { PerformanceReads.registry }
    static func loadDemo(for partnership: Partnership, on db: any Database) async throws { try await PerformanceDemo.load(for: partnership, on: db) }
}
