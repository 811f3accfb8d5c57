import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// Issue 15's crash findings, each through the real app: every one of these stopped the server or
/// answered 500 before its fix.
extension AppTests {
    @Suite("Findings: inputs that crashed the server")
    struct CrashFindingTests {
        @Test("An extreme working-day count is a 422 naming add and its range, and the server still answers")
        func extremeWorkingDays() async throws {
            try await withDemoApp { app async throws in
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                for add in ["-9223372036854775808", "9223372036854775807", "3001", "-3001", "99999999999999999999"] {
                    let answer = try await app.api(.GET, "/api/v1/working-days?from=2024-01-02&add=\(add)", token: token)
                    #expect(answer.status == .unprocessableEntity, "\(add)")
                    #expect(answer.body.string.contains("\"field\":\"add\""), "\(add)")
                    #expect(answer.body.string.contains("from -3000 to 3000"), "\(add)")
                }
                #expect(try await app.api(.GET, "/api/v1/working-days?from=2024-01-02&add=3", token: token).status == .ok)
            }
        }

        @Test("A 400-digit figure is refused on import; a non-finite figure already stored is left out of the API, the page and the report")
        func storedInfinity() async throws {
            try await withDemoApp { app async throws in
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let huge = String(repeating: "9", count: 400)
                let refused = try await app.api(.POST, "/api/v1/partnerships/calderdale/imports/indicator-values", token: token,
                                                body: "indicator,period,value\nmissing_episodes,2024-25 Q1,\(huge)\n")
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("is too large"))
                #expect(refused.body.string.contains("\"line\":2"))

                // One stored before the fix: make a demo value infinite, and another one huge but finite.
                let values = try await IndicatorValue.query(on: app.db).filter(\.$series == "local").filter(\.$breakdown == "all").all()
                let broken = try #require(values.first)
                let indicator = try await broken.$indicator.get(on: app.db)
                broken.value = .infinity
                try await broken.save(on: app.db)
                if let other = values.first(where: { $0.$indicator.id != broken.$indicator.id }) {
                    other.value = -1e300
                    try await other.save(on: app.db)
                }
                let api = try await app.api(.GET, "/api/v1/partnerships/calderdale/indicators/\(indicator.key)/values", token: token)
                #expect(api.status == .ok)
                var visitor = Visitor(app)
                try await visitor.signIn("admin@calderdale.example")
                for path in ["/partnerships/calderdale/indicators/\(indicator.key)", "/partnerships/calderdale/indicators",
                             "/partnerships/calderdale"] {
                    let page = try await visitor.get(path)
                    #expect(page.status == .ok, "\(path)")
                    #expect(!page.body.string.contains(">inf<") && !page.body.string.contains("inf%"), "\(path)")
                }
            }
        }

        @Test("A request arriving after the database closed gets an error, not a trap")
        func closedDatabase() async throws {
            let app = try await Application.make(.testing)
            app.logger.logLevel = .critical
            let runtime = try await DatabaseRuntime.open(.sqliteMemory, migrate: true, logger: app.logger)
            await runtime.shutdown()
            let database = runtime.database(logger: app.logger, on: app.eventLoopGroup.any())
            await #expect(throws: (any Error).self) { _ = try await Sessions.read(key: "anything", AppContext(database: database, today: CalendarDate(year: 2024, month: 1, day: 2)!)) }
            try await app.asyncShutdown()
        }
    }
}
