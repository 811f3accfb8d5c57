import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests.PerformanceTests {
    /// The items under "Where progress was slow", or nil when the report has no such list.
    static func slowProgress(_ document: ReportDocument) -> [ReportListItem]? {
        let blocks = AppTests.ReportPeriodTests.blocks(document)
        guard let index = blocks.firstIndex(of: .heading("Where progress was slow")),
              let list = blocks[index...].first(where: { if case .list = $0 { true } else { false } }),
              case let .list(items) = list else { return nil }
        return items
    }

    @Test("Opened on 31 March 2024, each indicator's page gives the direction the 2023-24 report gives, in the same words")
    func pageAndReportJudgeAlike() async throws {
        let yearEnd = CalendarDate(year: 2024, month: 3, day: 31)!
        try await withDemoApp(today: yearEnd) { app async throws in
            let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: app.db))
            let document = try await AppTests.ReportPeriodTests.document(partnership, today: yearEnd, on: app.db)
            let table = try #require(AppTests.ReportPeriodTests.table("indicators", in: document))
            #expect(table.rows.count == 12)
            // The tester's case: 316 missing episodes against 314 a year before is no signal, in both places.
            let missing = try #require(table.rows.first { $0.header.source?.reference == "missing_episodes" })
            #expect(missing.cells.map(\.text) == ["2023-24 Q4", "316", "314", "No signal"])

            var viewer = Visitor(app)
            try await viewer.signIn("viewer@calderdale.example")
            for row in table.rows {
                let key = try #require(row.header.source?.reference)
                let latest = try #require(Period(row.cells[0].text))
                let page = try await viewer.get("/partnerships/\(DemoPartnership.slug)/indicators/\(key)").body.string
                let sentence = row.cells[2].text == ":" ? "Not judged: no value for \(latest.yearBefore.label)"
                    : "\(row.cells[3].text): \(row.cells[1].text) in \(latest.label) against \(row.cells[2].text) in \(latest.yearBefore.label)"
                #expect(page.contains(sentence), "the page of \(key) does not say \(sentence)")
                #expect(page.contains("\(latest.label) against \(latest.yearBefore.label)"), "the page of \(key) does not name the periods compared")
            }
            // Each worsening indicator the report lists is worded as its page words it.
            let worsening = (Self.slowProgress(document) ?? []).filter { $0.source?.kind == .indicator }
            #expect(!worsening.isEmpty)
            for item in worsening {
                let key = try #require(item.source?.reference)
                let detail = try #require(item.detail)
                #expect(detail.hasPrefix("Worsening: "))
                let page = try await viewer.get("/partnerships/\(DemoPartnership.slug)/indicators/\(key)").body.string
                #expect(page.contains(detail), "the page of \(key) does not say \(detail)")
            }
            // The dataset list shows the same direction and the periods compared.
            let list = try await viewer.get("/partnerships/\(DemoPartnership.slug)/indicators").body.string
            #expect(list.contains("Q4 2023-24 against Q4 2022-23"))
        }
    }

    @Test("Composing the same report twice gives the same lists in the same order")
    func reportListsAreStable() async throws {
        let today = CalendarDate(year: 2024, month: 6, day: 1)!
        try await withDemoApp(today: today) { app async throws in
            let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: app.db))
            let first = try await AppTests.ReportPeriodTests.document(partnership, today: today, on: app.db)
            let second = try await AppTests.ReportPeriodTests.document(partnership, today: today, on: app.db)
            let slow = try #require(Self.slowProgress(first))
            #expect(slow == Self.slowProgress(second))
            // Sources first, then the worsening indicators by name.
            let kinds = slow.compactMap { $0.source?.kind }
            let firstIndicator = kinds.firstIndex(of: .indicator) ?? kinds.count
            #expect(kinds[firstIndicator...].allSatisfy { $0 == .indicator })
            let overdue = slow.filter { $0.source?.kind == .learningSource }.map { item in
                item.detail.flatMap { $0.contains("overdue") ? Int($0.prefix { $0.isNumber }) : nil } ?? 0
            }
            #expect(overdue == overdue.sorted(by: >), "most overdue actions first")
            let names = slow.filter { $0.source?.kind == .indicator }.map(\.text)
            #expect(names == names.sorted())
            #expect(first.sections == second.sections)
        }
    }
}
