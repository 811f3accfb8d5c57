import Foundation
import SafeguardingDomain
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    /// A page's database queries must not grow with the partnership's data: a page that asks once per
    /// record (the "N + 1" pattern) gets slower with every year of use. Each page and API list is
    /// read on the demo, on the demo grown by one synthetic copy of everything that piles up
    /// (`SyntheticGrowth`), and again after two more copies; the counts on the two grown
    /// partnerships must be equal, and no page may send more than `ceiling` queries.
    @Suite("Queries per request")
    struct QueryCountTests {
        static let ceiling = 60

        @Test("No page's or API list's number of queries grows with the data")
        func bounded() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 28)) { app async throws in
                var visitor = Visitor(app)
                try await visitor.signIn("admin@calderdale.example")
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let paths = try await Self.paths(&visitor, app: app)
                #expect(paths.pages.count > 40, "the crawl found only \(paths.pages.count) pages")
                #expect(paths.api.count >= 10, "only \(paths.api.count) API lists")

                var counts: [String: [Int]] = [:]
                var registerSizes: [Int] = []
                for round in 0..<3 {
                    if round > 0 { try await SyntheticGrowth.grow("calderdale", copies: round, round: round, on: app.db) }
                    registerSizes.append(try await visitor.get("/partnerships/calderdale/organisations").body.readableBytes)
                    for path in paths.pages {
                        counts[path, default: []].append(try await Self.queries(app) { try await visitor.get(path).status })
                    }
                    for path in paths.api {
                        // Unmeasured first: a token's use is recorded at most once a minute, by whichever request comes first.
                        _ = try await app.api(.GET, path, token: token)
                        counts["API " + path, default: []].append(try await Self.queries(app) { try await app.api(.GET, path, token: token).status })
                    }
                }
                #expect(registerSizes[0] < registerSizes[1] && registerSizes[1] < registerSizes[2], "the data did not grow: \(registerSizes)")
                let growing = counts.filter { $0.value[2] != $0.value[1] }.keys.sorted()
                let heavy = counts.filter { $0.value.max()! > Self.ceiling }.keys.sorted()
                let most = counts.sorted { ($0.value[2], $0.key) > ($1.value[2], $1.key) }.prefix(8)
                print("Queries per request on \(testDatabase.kindName), \(counts.count) pages and API lists (demo, x2, x4): "
                      + most.map { "\($0.key) \($0.value.map(String.init).joined(separator: "/"))" }.joined(separator: "; "))
                #expect(growing.isEmpty, "queries grow with the data: \(growing.map { "\($0) \(counts[$0]!)" })")
                #expect(heavy.isEmpty, "more than \(Self.ceiling) queries: \(heavy.map { "\($0) \(counts[$0]!)" })")
            }
        }

        /// The queries one request sent, from the metrics' running total; the request must succeed.
        static func queries(_ app: Application, _ request: () async throws -> HTTPResponseStatus) async throws -> Int {
            let before = app.requestMetrics.queriesSoFar
            let status = try await request()
            #expect(status == .ok, "answered \(status.code)")
            return app.requestMetrics.queriesSoFar - before
        }

        /// One path of every page the administrator reaches by links (downloads left out: they are
        /// documents, timed by bench/report), and every API list of the partnership.
        static func paths(_ visitor: inout Visitor, app: Application) async throws -> (pages: [String], api: [String]) {
            let routes = app.routes.all.map { ($0.method.rawValue, $0.path) }
            var targets: [String: ExtremeParameterTests.Target] = [:]
            for (method, path) in routes { targets[ExtremeParameterTests.key(method, path)] = ExtremeParameterTests.Target() }
            try await ExtremeParameterTests.crawl(&visitor, routes: routes, into: &targets)
            let documents = [".pdf", ".docx", ".xlsx", ".csv", ".md", "/download", "/export", "/logout"]
            var pages: [String] = []
            for (key, target) in targets where key.hasPrefix("GET ") {
                guard let path = target.path, !documents.contains(where: { path.hasSuffix($0) || path.contains($0 + "/") }) else { continue }
                let status = try await visitor.get(path)
                if status.status == .ok, status.headers.contentType?.subType == "html" { pages.append(path) }
            }
            var api: [String] = []
            for (method, components) in routes where method == "GET" {
                let key = ExtremeParameterTests.key(method, components)
                guard key.hasPrefix("GET /api/v1/partnerships/:slug/") else { continue }
                let parameters = components.filter { if case .parameter = $0 { true } else { false } }
                guard parameters.count <= 2 else { continue }
                let path = key.dropFirst(4).replacingOccurrences(of: ":slug", with: "calderdale").replacingOccurrences(of: ":year", with: "2023-24")
                if !path.contains(":") && !documents.contains(where: { path.hasSuffix($0) }) { api.append(path) }
            }
            return (pages.sorted(), api.sorted())
        }
    }
}
