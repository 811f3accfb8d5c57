import FluentKit
import SafeguardingPersistence

/// Learning and improvement: sources, findings, recommendations, actions, audits and surveys.
enum LearningModule: Module {
    static var migrations: [any Migration] { Migrations.learning }
    static var reportSections: [any ReportSectionSource.Type] { [LearningReportSections.self] }
    static var reads: [ReadUseCase] { LearningReads.registry + AuditReads.registry + SurveyReads.registry }
    static func loadDemo(for partnership: Partnership, on db: any Database) async throws { try await DemoLearning.load(for: partnership, on: db) }
}
