import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// The yearly report: narratives, sign-off, publication and its outputs.
enum ReportModule: Module {
    static var migrations: [any Migration] { Migrations.report }
    static var reportSections: [any ReportSectionSource.Type] { [] }
    static var reads: [ReadUseCase] { ReportReads.registry }
    static func loadDemo(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        // After every other module (`Modules.all` lists the report last), so the sign-offs approve the demo as loaded.
        try await DemoReport.load(for: partnership, sources: Modules.reportSections, on: db)
    }
}
