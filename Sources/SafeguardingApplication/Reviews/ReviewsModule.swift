import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// Practice reviews on their statutory clock.
enum ReviewsModule: Module {
    static var migrations: [any Migration] { Migrations.reviews }
    static var reportSections: [any ReportSectionSource.Type] { [ReviewReportSections.self] }
    static var reads: [ReadUseCase] { ReviewReads.registry + ReviewCorrectionReads.registry }
    static func loadDemo(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        try await DemoReviews.load(for: partnership, today: today, on: db)
    }
}
