import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SnapshotTesting
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    /// One page of every module as the administrator sees it on the demo, with the date pinned to
    /// the end of the demo's reporting year, so a change of markup shows up in review as a diff of
    /// `__Snapshots__/PageSnapshotTests/`. Record anew after an intended change by deleting the file
    /// (or running with `SNAPSHOT_TESTING_RECORD=all`) and reading the diff before committing it.
    @Suite("Page snapshots")
    struct PageSnapshotTests {
        static let pages: [(name: String, path: String)] = [
            ("register-dashboard", "/partnerships/calderdale"),
            ("register-finance", "/partnerships/calderdale/finance/2023-24"),
            ("performance-indicators", "/partnerships/calderdale/indicators"),
            ("learning-tracker", "/partnerships/calderdale/learning"),
            ("reviews-overview", "/partnerships/calderdale/reviews"),
            ("reviews-themes", "/partnerships/calderdale/reviews/themes?year=2023-24"),
            ("report-page", "/partnerships/calderdale/reports/2023-24"),
        ]

        @Test func everyModulesPageMatchesItsSnapshot() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 31)!) { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                for page in Self.pages {
                    let response = try await admin.get(page.path)
                    #expect(response.status == .ok, "\(page.path) answered \(response.status)")
                    assertSnapshot(of: Self.stable(response.body.string), as: .lines, named: page.name)
                }
            }
        }

        /// The page without what changes from one run to the next: record ids and the form token.
        static func stable(_ html: String) -> String {
            html.replacingOccurrences(of: #"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, with: "<id>",
                                      options: .regularExpression)
                .replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: #"name="_csrf" value="<token>""#, options: .regularExpression)
                .replacingOccurrences(of: "><", with: ">\n<")
        }
    }
}
