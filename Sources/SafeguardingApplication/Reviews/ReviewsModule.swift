import FluentKit
import SafeguardingPersistence

/// Practice reviews on their statutory clock.
enum ReviewsModule: Module {
    static var migrations: [any Migration] { Migrations.reviews }
    static var reportSections: [any ReportSectionSource.Type] { [ReviewReportSections.self] }
    static var reads: [ReadUseCase] { ReviewReads.registry }
    static func loadDemo(for partnership: Partnership, on db: any Database) async throws { try await DemoReviews.load(for: partnership, on: db) }
}
