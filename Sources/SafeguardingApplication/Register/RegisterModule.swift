import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// The partnership register: partners, people and their access, groups, meetings and money.
enum RegisterModule: Module {
    static var migrations: [any Migration] { Migrations.register }
    static var reportSections: [any ReportSectionSource.Type] { [RegisterReportSections.self] }
    static var reads: [ReadUseCase] { AccountReads.registry + RegisterReads.registry + RegisterCorrectionReads.registry }
    /// The demo partnership itself is the register's demo, made by `DemoData.load` before any module's.
    static func loadDemo(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {}
}
