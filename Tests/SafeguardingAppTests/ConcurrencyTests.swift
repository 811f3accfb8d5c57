import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// The demo app on an SQLite file of its own (the concurrency findings are about SQLite's one writer).
func withFileDemoApp(_ test: (Application, String) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safeguarding-load-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("test.sqlite").path
    defer { try? FileManager.default.removeItem(at: folder) }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        let config = AppConfiguration(database: .sqliteFile(path: path), secureCookies: true, passwordCost: 4, loadDemo: false)
        try await configure(app, config)
        try await DemoData.load(on: app.db, today: config.clock.today()) { try Credentials.hash($0, cost: 4) }
        try await test(app, path)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

extension AppTests {
    @Suite("Concurrent writers and anonymous visits")
    struct ConcurrencyTests {
        static let base = "/partnerships/calderdale"

        @Test("20 concurrent writers of five kinds on an SQLite file finish with no error and every row stored")
        func twentyWriters() async throws {
            try await withFileDemoApp { app, _ async throws in
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let actions = try await LearningAction.query(on: app.db).filter(\.$status != .done).filter(\.$status != .dropped).all()
                    .map { try $0.requireID() }
                try #require(actions.count >= 4)
                var visitors: [Visitor] = []
                for _ in 0..<8 {
                    var visitor = Visitor(app)
                    try await visitor.signIn("admin@calderdale.example")
                    _ = try await visitor.token()
                    visitors.append(visitor)
                }
                let signedIn = visitors
                let evidenceBefore = try await ImpactEvidence.query(on: app.db).count()
                let signInsBefore = try await SignInAttempt.query(on: app.db).filter(\.$succeeded == true).count()

                // Five kinds, four of each, all started at once.
                let statuses = try await withThrowingTaskGroup(of: (String, UInt).self) { group in
                    for n in 0..<4 {
                        group.addTask {
                            let answer = try await app.api(.POST, "/api/v1/partnerships/calderdale/actions/\(actions[n])/evidence", token: token,
                                                           json: #"{"what_changed": "API evidence \#(n)", "how_we_know": "Load test"}"#)
                            return ("API evidence", answer.status.code)
                        }
                        group.addTask {
                            var visitor = signedIn[n]
                            let answer = try await visitor.post("\(Self.base)/learning/actions/\(actions[n])/evidence",
                                                                ["what_changed": "Form evidence \(n)", "how_we_know": "Load test"])
                            return ("form evidence", answer.status.code)
                        }
                        group.addTask {
                            let csv = "indicator,period,value\nmissing_episodes,2022-23 Q\(n + 1),\(101 + n)\n"
                            let answer = try await app.api(.POST, "/api/v1/partnerships/calderdale/imports/indicator-values", token: token, body: csv)
                            return ("import", answer.status.code)
                        }
                        group.addTask {
                            var visitor = signedIn[4 + n]
                            let answer = try await visitor.post("\(Self.base)/learning/actions/\(actions[n])/status", ["status": "in_progress"])
                            return ("status change", answer.status.code)
                        }
                        group.addTask {
                            var visitor = Visitor(app)
                            let answer = try await visitor.post("/login", ["email": "viewer@calderdale.example", "password": DemoPartnership.password])
                            return ("sign-in", answer.status.code)
                        }
                    }
                    var found: [(String, UInt)] = []
                    for try await status in group { found.append(status) }
                    return found
                }
                let failed = statuses.filter { !(200..<400).contains($0.1) }
                print("concurrent writers: \(statuses.count), failed: \(failed.count) \(failed)")
                #expect(statuses.count == 20)
                #expect(failed.isEmpty, "failed: \(failed)")
                #expect(try await ImpactEvidence.query(on: app.db).count() == evidenceBefore + 8)
                for n in 0..<4 {
                    #expect(try await storedValue("missing_episodes", "2022-23 Q\(n + 1)", on: app.db) == Double(101 + n))
                    #expect(try await LearningAction.find(actions[n], on: app.db)?.status == .inProgress)
                }
                #expect(try await SignInAttempt.query(on: app.db).filter(\.$succeeded == true).count() == signInsBefore + 4)
            }
        }

        @Test("Every SQLite connection waits for a busy database: the writer and each event loop's reader")
        func busyTimeoutOnEveryConnection() async throws {
            try await withFileDemoApp { app, _ async throws in
                let timeouts = try await app.database.busyTimeouts()
                #expect(timeouts.count == 1 + app.eventLoopGroup.makeIterator().map { $0 }.count)
                #expect(timeouts.allSatisfy { $0 == DatabaseSetup.busyTimeoutMilliseconds }, "\(timeouts)")
            }
        }

        @Test("A write sent outside its own task's open transaction is refused at once, not left waiting")
        func writeOutsideTransactionRefused() async throws {
            try await withFileDemoApp { app, _ async throws in
                let db = app.db
                await #expect(throws: SQLiteWriterError.self) {
                    try await db.transaction { _ in
                        try await AuditEvent.query(on: db).filter(\.$action == "none").delete()
                    }
                }
            }
        }

        @Test("Anonymous visits write nothing: no session row for the sign-in page, yet its form token still works")
        func anonymousVisitWritesNothing() async throws {
            try await withDemoApp { app async throws in
                let before = try await StoredSession.query(on: app.db).count()
                var visitor = Visitor(app)
                for _ in 0..<5 { #expect(try await visitor.get("/login").status == .ok) }
                #expect(try await visitor.get("/login/forgotten").status == .ok)
                #expect(try await StoredSession.query(on: app.db).count() == before)
                #expect(visitor.cookie == nil)
                #expect(visitor.otherCookies[CSRF.cookieName] != nil)
                // Without the token, or with a token that is not this visitor's, the sign-in is refused.
                #expect(try await visitor.post("/login", ["email": "admin@calderdale.example", "password": DemoPartnership.password], csrf: false).status == .forbidden)
                var stranger = Visitor(app)
                let strangerToken = try await stranger.token()
                var other = visitor
                other.otherCookies[CSRF.cookieName] = nil
                #expect(try await other.post("/login", ["email": "admin@calderdale.example", "password": DemoPartnership.password, CSRF.field: strangerToken]).status == .forbidden)
                #expect(try await visitor.post("/login", ["email": "admin@calderdale.example", "password": DemoPartnership.password, CSRF.field: strangerToken]).status == .forbidden)
                #expect(try await StoredSession.query(on: app.db).count() == before)
                // With it, signing in stores the session.
                try await visitor.signIn("admin@calderdale.example")
                #expect(try await StoredSession.query(on: app.db).count() == before + 1)
            }
        }

        @Test("An upload through the form and the same file through the API import the same rows; the form needs its token")
        func formAndAPIUploadAlike() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let token = try await admin.token()
                // Quarters before the demo's series (2020-21 to 2023-24), so nothing is there until the upload.
                let csv = "indicator,period,value\nmissing_episodes,2019-20 Q1,211\nmissing_episodes,2019-20 Q2,212\n"
                func multipart(_ csrf: String) -> (String, ByteBuffer) {
                    let boundary = "test-boundary-1234"
                    var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n"
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"return.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
                    body += "--\(boundary)--\r\n"
                    return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(string: body))
                }
                func postForm(_ csrf: String) async throws -> TestingHTTPResponse {
                    var result: TestingHTTPResponse?
                    let (type, body) = multipart(csrf)
                    let cookie = admin.cookieHeader
                    try await app.testing().test(.POST, "/partnerships/calderdale/data-returns/upload", beforeRequest: { req in
                        if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
                        req.headers.replaceOrAdd(name: .contentType, value: type)
                        req.body = body
                    }, afterResponse: { result = $0 })
                    return result!
                }
                #expect(try await storedValue("missing_episodes", "2019-20 Q1", on: app.db) == nil)
                #expect(try await postForm("not-the-token").status == .forbidden)
                #expect(try await storedValue("missing_episodes", "2019-20 Q1", on: app.db) == nil)
                #expect(try await postForm(token).status == .seeOther)
                let viaForm = [try await storedValue("missing_episodes", "2019-20 Q1", on: app.db), try await storedValue("missing_episodes", "2019-20 Q2", on: app.db)]
                #expect(viaForm == [211, 212])
                let api = try await apiToken(for: "admin@calderdale.example", on: app)
                let answer = try await app.api(.POST, "/api/v1/partnerships/calderdale/imports/indicator-values", token: api,
                                               body: csv.replacingOccurrences(of: "2019-20", with: "2018-19"))
                #expect(answer.status == .ok)
                #expect(try await storedValue("missing_episodes", "2018-19 Q1", on: app.db) != nil)
                let viaAPI = [try await storedValue("missing_episodes", "2018-19 Q1", on: app.db), try await storedValue("missing_episodes", "2018-19 Q2", on: app.db)]
                #expect(viaAPI == viaForm)
            }
        }

        @Test("A body over its route's limit is answered 413 before it is read: sign-in takes a few kilobytes")
        func bodyLimitPerRoute() async throws {
            try await withDemoApp { app async throws in
                var result: TestingHTTPResponse?
                try await app.testing().test(.POST, "/login", beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(string: "email=a%40b.example&password=" + String(repeating: "x", count: 40_000))
                }, afterResponse: { result = $0 })
                #expect(result?.status == .payloadTooLarge)
                #expect(result?.body.string.contains("at most 16 kB") == true)
            }
        }
    }
}
