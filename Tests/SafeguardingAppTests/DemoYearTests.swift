import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    /// The demo is a snapshot of 2023-24: its report does not depend on the day it is loaded or
    /// composed, and its pages open on the years it has records for, not on the calendar's.
    @Suite("The demo is consistent with itself and with the day it is opened")
    struct DemoYearTests {
        typealias Period = ReportPeriodTests
        static let year = ReportingYear(startYear: 2023)
        static let yearEnd = CalendarDate(year: 2024, month: 3, day: 31)!
        static let later = CalendarDate(year: 2026, month: 12, day: 2)!

        /// The 2023-24 report of the demo loaded on `loadedOn`, composed on `composedOn`, with its
        /// record identifiers (which differ from load to load) replaced by one placeholder.
        static func report(loadedOn: CalendarDate, composedOn: CalendarDate) async throws -> String {
            var text = ""
            try await withDemoApp(today: loadedOn) { app async throws in
                let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: app.db))
                text = try await Period.report(partnership, today: composedOn, on: app.db)
            }
            return text.replacingOccurrences(of: #"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"#, with: "<id>",
                                             options: .regularExpression)
        }

        @Test("The demo's 2023-24 report composed on 31 March 2024 and on 2 December 2026 is the same, and its reviews figures match its narrative")
        func sameReportWhicheverDayItIsComposed() async throws {
            try await withDemoApp(today: Self.later) { app async throws in
                let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: app.db))
                let atYearEnd = try await Period.report(partnership, today: Self.yearEnd, on: app.db)
                let now = try await Period.report(partnership, today: Self.later, on: app.db)
                #expect(atYearEnd == now, "the 2023-24 report differs: \(Period.firstDifference(atYearEnd, now))")
                let digestAtYearEnd = try await Period.document(partnership, today: Self.yearEnd, on: app.db).contentDigest()
                let digestNow = try await Period.document(partnership, today: Self.later, on: app.db).contentDigest()
                #expect(digestAtYearEnd == digestNow)

                // The narrative says the subgroup considered every notification within the statutory timescales.
                let document = try await Period.document(partnership, on: app.db)
                func value(_ label: String) -> String? { Period.figure(label, in: document)?.value }
                #expect(value("Serious incidents notified to the national panel") == "2")
                #expect(value("Rapid reviews completed") == "2")
                #expect(value("Rapid reviews submitted within 15 working days") == "2 of 2")
                #expect(value("Local reviews published") == "1")
            }
        }

        @Test("The demo loaded on 31 March 2024 and on 2 December 2026 gives the same 2023-24 report")
        func sameReportWhicheverDayTheDemoIsLoaded() async throws {
            let loadedAtYearEnd = try await Self.report(loadedOn: Self.yearEnd, composedOn: Self.later)
            let loadedLater = try await Self.report(loadedOn: Self.later, composedOn: Self.later)
            #expect(loadedAtYearEnd == loadedLater, "the 2023-24 report differs: \(Period.firstDifference(loadedAtYearEnd, loadedLater))")
        }

        @Test("Opened in December 2026, the demo's year pages open on 2023-24, and every page says it is demo data dated then")
        func pagesOpenOnTheLatestYearWithRecords() async throws {
            try await withDemoApp(today: Self.later) { app async throws in
                let db = app.db
                let user = try #require(try await AccountStore.user(email: "admin@calderdale.example", on: db))
                let viewer = try await Viewer.resolve(user: Account(user), slug: DemoPartnership.slug, address: nil, today: Self.later, on: db)
                let context = AppContext(database: db, today: Self.later)
                // The open incidents the demo dates from today are in 2026-27, but hold no learning yet.
                #expect(try await LearningStore.years(viewer.partnership, on: db).first == ReportingYear(containing: Self.later))

                let audits = try await AuditReads.programmePage(viewer, year: nil, context)
                #expect(audits.year == Self.year && audits.years.contains(Self.year) && !audits.audits.isEmpty)
                let sources = try await LearningReads.sourcesPage(viewer, kind: nil, year: nil, context)
                #expect(sources.year == Self.year && sources.years.contains(Self.year) && !sources.sources.isEmpty)
                #expect(try await ReviewReads.themes(viewer, endingWith: nil, context).years.last == Self.year)
                #expect(try await RegisterReads.latestFinanceYear(viewer, context) == Self.year)
                #expect(try await ReportReads.reportList(viewer, context).opening == Self.year)
                // Still changeable: the year asked for is the year shown.
                let asked = ReportingYear(startYear: 2022)
                #expect(try await AuditReads.programmePage(viewer, year: asked, context).year == asked)

                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let page = try await admin.get(SiteRoute.audits(slug: DemoPartnership.slug).path).body.string
                #expect(page.contains("Reporting year 2023-24"))
                #expect(page.contains("Its records are dated in 2023-24 and early 2024-25"))
            }
        }

        @Test("The demo's open actions fall due in 2024-25, after the year it reports on")
        func openActionsFallDueAfterTheReportedYear() async throws {
            try await withDemoApp(today: Self.later) { app async throws in
                let open = try await LearningAction.query(on: app.db).filter(\.$status ~~ [.notStarted, .inProgress]).all()
                #expect(!open.isEmpty)
                let next = Self.year.next
                let outside = open.filter { !next.contains(CalendarDate(iso: $0.dueOn) ?? Self.yearEnd) }
                #expect(outside.isEmpty, "open actions not due in \(next): \(outside.map { "\($0.text) (\($0.dueOn))" })")
            }
        }
    }
}
