import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// Learning and improvement: sources, findings, recommendations, actions, audits and surveys.
enum LearningModule: Module {
    static var migrations: [any Migration] { Migrations.learning }
    static var reportSections: [any ReportSectionSource.Type] { [LearningReportSections.self] }
    static var reads: [ReadUseCase] { LearningReads.registry + AuditReads.registry + SurveyReads.registry + LearningCorrectionReads.registry }
    static func loadDemo(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        try await DemoLearning.load(for: partnership, today: today, on: db)
    }
}
