import FluentKit
import SafeguardingDomain
import SafeguardingPersistence

/// One module as the rest of the system meets it: the tables it adds, the sections of the yearly
/// report it writes, the reads the registry test walks, and its demo content. Each module has one
/// conforming enum in its folder (`RegisterModule`, …) and one line in `Modules.all`.
public protocol Module: Sendable {
    /// Its migrations, in the order they were added.
    static var migrations: [any Migration] { get }
    /// The parts of the yearly report it writes, each from its own tables.
    static var reportSections: [any ReportSectionSource.Type] { get }
    /// Every read use case, for the registry test (`ReadUseCases.all`).
    static var reads: [ReadUseCase] { get }
    /// Adds its demo content to the demo partnership; loading twice changes nothing. The demo's
    /// records carry their own dates (2023-24 and early 2024-25); `today` is the day it is loaded,
    /// for what the demo dates from today (incidents still on the clock) and for the validations.
    static func loadDemo(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws
}

/// Every module, in the order their tables depend on each other. Adding a module adds one line.
public enum Modules {
    public static let all: [any Module.Type] = [
        RegisterModule.self, PerformanceModule.self, LearningModule.self, ReviewsModule.self, ReportModule.self,
    ]

    public static var migrations: [any Migration] { all.flatMap { $0.migrations } }
    public static var reportSections: [any ReportSectionSource.Type] { all.flatMap { $0.reportSections } }
}

/// Every module's demo data, loaded in one go and idempotently: `serve --demo` and `demo load`.
public enum DemoData {
    /// The demo partnership and its people first (every module's content belongs to it), then each
    /// module's content, as loaded on `today` (the app's clock: `SAFEGUARDING_TODAY` pins it).
    /// One transaction: a load stopped part way (even by `kill -9`) leaves nothing of itself behind.
    public static func load(on db: any Database, today: CalendarDate, hashPassword: (String) throws -> String) async throws {
        let hash = try hashPassword(DemoPartnership.password)
        try await db.transaction { tx in
            let partnership = try await DemoPartnership.load(on: tx) { _ in hash }
            for module in Modules.all { try await module.loadDemo(for: partnership, today: today, on: tx) }
        }
    }

    /// Whether `slug` is the demo partnership's, whose pages say they show demo data.
    public static func isDemo(slug: String) -> Bool { slug == DemoPartnership.slug }

    /// What the notice on every page of the demo partnership says.
    public static let notice = "Demo data. Its records are dated in 2023-24 and early 2024-25, the year of the reference report, "
        + "so in later years its open actions show as overdue. Pages with a year open on the newest year that has records."
}
