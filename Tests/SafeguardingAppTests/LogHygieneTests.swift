import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// Every line a logger was asked to write, with its metadata, as one string each.
final class LogCapture: Sendable {
    private let stored = NIOLockedValueBox<[String]>([])
    func append(_ line: String) { stored.withLockedValue { $0.append(line) } }
    var lines: [String] { stored.withLockedValue { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        capture.append("\(event.level) \(event.message) \(all) \(event.error.map { String(reflecting: $0) } ?? "")")
    }
}

extension AppTests {
    @Suite("Logs, error pages and links keep secrets")
    struct LogHygieneTests {
        /// The demo app, logging everything (trace level) into `capture`, served over a real socket so the
        /// HTTP server's own lines (request heads, with their cookies and authorisation) are logged too.
        func withLoggedDemoApp(_ capture: LogCapture, _ test: (Application) async throws -> Void) async throws {
            let app = try await Application.make(.testing)
            var logger = Logger(label: "test") { _ in CapturingLogHandler(capture: capture) }
            logger.logLevel = .trace
            app.logger = logger
            let database = try await DemoDatabases.shared.fresh(today: AppClock.live.today())
            defer { DemoDatabases.shared.discard(database) }
            do {
                try await configure(app, AppConfiguration(database: database, secureCookies: false, passwordCost: 4), migrate: false)
                try await test(app)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }

        @Test("Sign-in, a failed sign-in, an API call and token links leave no password, token or session id in any log line")
        func noSecretsInLogs() async throws {
            let capture = LogCapture()
            try await withLoggedDemoApp(capture) { app in
                let live = try app.testing(method: .running(hostname: "127.0.0.1", port: Int.random(in: 41000...48000)))
                var cookies: [String] = []
                // Other cookies the site sets (the form-token cookie of a visitor not yet signed in), sent back like a browser.
                var otherCookies: [String: String] = [:]
                // Over the socket, except answers that redirect: the live client follows redirects without the cookie.
                func request(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil, bearer: String? = nil,
                             inMemory: Bool = false) async throws -> TestingHTTPResponse {
                    var answer: TestingHTTPResponse?
                    try await (inMemory ? try app.testing() : live).test(method, path, beforeRequest: { req in
                        let sent = cookies.suffix(1).map { "safeguarding_session=\($0)" } + otherCookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        if !sent.isEmpty { req.headers.replaceOrAdd(name: .cookie, value: sent.joined(separator: "; ")) }
                        if let bearer { req.headers.bearerAuthorization = BearerAuthorization(token: bearer) }
                        if let form { try req.content.encode(form, as: .urlEncodedForm) }
                    }, afterResponse: { answer = $0 })
                    let response = try #require(answer)
                    for header in response.headers[.setCookie] {
                        let pair = header.prefix { $0 != ";" }
                        guard let equals = pair.firstIndex(of: "=") else { continue }
                        let (name, value) = (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
                        if name == "safeguarding_session" {
                            if !value.isEmpty { cookies.append(value) }
                        } else {
                            otherCookies[name] = value
                        }
                    }
                    return response
                }
                let signInPage = try await request(.GET, "/login").body.string
                let csrf = try #require(signInPage.components(separatedBy: "name=\"_csrf\" value=\"").dropFirst().first?.prefix { $0 != "\"" }).description
                let wrongPassword = "not-the-password-\(UUID().uuidString.prefix(8))"
                let failed = try await request(.POST, "/login", form: ["email": "admin@calderdale.example", "password": wrongPassword, "_csrf": csrf])
                #expect(failed.status == .unprocessableEntity || failed.status == .ok)
                #expect(!failed.body.string.contains(wrongPassword), "the failed sign-in page echoes the password")
                let signedIn = try await request(.POST, "/login", form: ["email": "admin@calderdale.example", "password": DemoPartnership.password, "_csrf": csrf],
                                             inMemory: true)
                #expect(signedIn.status == .seeOther)
                #expect(try await request(.GET, "/partnerships/calderdale").status == .ok)

                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                #expect(try await request(.GET, "/api/v1/me", bearer: token).status == .ok)
                #expect(try await request(.GET, "/api/v1/me", bearer: token + "x").status == .unauthorized)
                let linkToken = Credentials.newLinkToken()
                _ = try await request(.GET, "/account/links/\(linkToken)")
                let surveyToken = String(repeating: "ab", count: 16)
                #expect(try await request(.GET, "/s/\(surveyToken)").status == .notFound)

                let lines = capture.lines
                // The capture saw the requests and the queries, so finding nothing below means something.
                #expect(lines.count > 20)
                #expect(lines.contains { $0.contains("Executing query") })
                let secrets = ["the demo password": DemoPartnership.password, "the wrong password": wrongPassword, "the CSRF token": csrf,
                               "the API token": token, "the API token's random part": String(token.dropFirst(4)),
                               "the set-password link's token": linkToken, "the survey link's token": surveyToken]
                    .merging(Dictionary(uniqueKeysWithValues: cookies.enumerated().map { ("session id \($0.offset + 1)", $0.element) })) { $1 }
                for (what, secret) in secrets {
                    let leaks = lines.filter { $0.contains(secret) }
                    #expect(leaks.isEmpty, "\(what) appears in \(leaks.count) log lines, e.g. \(leaks.first ?? "")")
                }
                // A visitor who is not signed in has no stored session (the form token is a cookie of its own).
                #expect(cookies.count >= 1, "expected a session after signing in")
                #expect(otherCookies[CSRF.cookieName] == csrf, "expected the sign-in page to set the form-token cookie")
            }
        }

        @Test("Redaction withholds cookies, bearer tokens, link tokens, form secrets and query binds, and keeps the rest")
        func redaction() {
            let line = #"GET /account/links/AbC-123_x?x=1 Cookie: safeguarding_session=SeSsIoN; other=1 Authorization: Bearer sgd_SECRETSECRETSECRET body email=a%40b.example&password=hunter2hunter2&_csrf=CSRFVALUE {"new_password": "p4ss", "name": "Ann"} /setup/SETUPTOKEN /s/0123456789abcdef0123456789abcdef/thanks Decoded HTTP part: body([70617373776f72643d68756e746572](15 bytes))"#
            let redacted = LogRedaction.redact(line)
            for secret in ["AbC-123_x", "SeSsIoN", "SECRETSECRETSECRET", "hunter2hunter2", "CSRFVALUE", "p4ss", "SETUPTOKEN", "0123456789abcdef0123456789abcdef", "70617373776f72643d"] {
                #expect(!redacted.contains(secret), "\(secret) survives: \(redacted)")
            }
            for kept in ["GET /account/links/", "other=1", "email=a%40b.example", "\"name\": \"Ann\"", "/thanks", "(15 bytes)"] {
                #expect(redacted.contains(kept), "\(kept) was lost: \(redacted)")
            }
            let query: Logger.Metadata = ["sql": "SELECT * FROM incidents WHERE child_reference = $1", "binds": .array([.string("CHILD-REF-42")])]
            let metadata = LogRedaction.redact(query)
            #expect(metadata["binds"] == .string("1 value withheld"))
            #expect(metadata["sql"] == .string("SELECT * FROM incidents WHERE child_reference = $1"))
            let fluent: Logger.Metadata = ["schema": "sessions", "input": .array([.dictionary(["key": "SESSIONID"])]),
                                           "filters": .array([.dictionary(["field": "incidents.child_reference", "method": "=", "value": "CHILD-REF-42"])])]
            let described = "\(LogRedaction.redact(fluent))"
            #expect(!described.contains("SESSIONID") && !described.contains("CHILD-REF-42"), "\(described)")
            #expect(described.contains("incidents.child_reference") && described.contains("sessions"))
        }

        @Test("Report files and the survey link never take their address from the request's Host header")
        func forgedHost() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let survey = try #require(try await Survey.query(on: app.db).first())
                survey.isOpen = true
                try await survey.update(on: app.db)
                let surveyPage = SiteRoute.survey(slug: "calderdale", id: try survey.requireID()).path
                func read(_ path: String) async throws -> String {
                    var body = ""
                    let cookie = try #require(admin.cookie)
                    try await app.testing().test(.GET, path, beforeRequest: { req in
                        req.headers.replaceOrAdd(name: .cookie, value: cookie)
                        req.headers.replaceOrAdd(name: .host, value: "evil.example")
                        req.headers.replaceOrAdd(name: "X-Forwarded-Proto", value: "https")
                    }, afterResponse: { res in
                        #expect(res.status == .ok, "\(path) answered \(res.status)")
                        body = res.body.string
                    })
                    return body
                }
                let report = try await read("/partnerships/calderdale/reports/2023-24.html")
                #expect(!report.contains("evil.example"))
                #expect(report.contains("href=\"/partnerships/calderdale/"), "figure sources link relative to the site")
                let page = try await read(surveyPage)
                #expect(!page.contains("evil.example"))
                #expect(page.contains(">/s/\(survey.publicToken)<"))

                app.appConfiguration.publicURL = "https://safeguarding.calderdale.example"
                let configured = try await read("/partnerships/calderdale/reports/2023-24.html")
                #expect(!configured.contains("evil.example"))
                #expect(configured.contains("https://safeguarding.calderdale.example/partnerships/calderdale/"))
                #expect(try await read(surveyPage).contains("https://safeguarding.calderdale.example/s/\(survey.publicToken)"))
            }
        }
    }
}
