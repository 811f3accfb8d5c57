import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// Every whole-app test runs in one serialised suite, because the PostgreSQL run
/// (`TEST_POSTGRES_URL`) shares one database between them.
@Suite("The app, end to end", .serialized)
struct AppTests {}

/// The database the app tests use: in-memory SQLite, or PostgreSQL when `TEST_POSTGRES_URL` is set.
var testDatabase: DatabaseLocation {
    if let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], !url.isEmpty { return .postgres(url: url) }
    return .sqliteMemory
}

/// A fresh app on its own database with the demo partnership loaded (a copy of a template loaded
/// once per day: `DemoDatabases`). `today` pins the app's date (as `SAFEGUARDING_TODAY` does), for
/// pages that depend on it.
func withDemoApp(today: CalendarDate? = nil, _ test: (Application) async throws -> Void) async throws {
    let clock = AppClock(pinned: today)
    let database = try await DemoDatabases.shared.fresh(today: clock.today())
    defer { DemoDatabases.shared.discard(database) }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        var config = AppConfiguration(database: database, secureCookies: true, passwordCost: 4, loadDemo: false)
        config.chromium = ReportPDF.chromium(environment: ProcessInfo.processInfo.environment)
        config.clock = clock
        try await configure(app, config, migrate: false)
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

extension Application {
    /// The app's database, for a test to read or arrange records directly.
    var db: any Database { database.database }
}

/// A person using the site: keeps the session cookie and the form token between requests.
struct Visitor {
    let app: Application
    var cookie: String?
    /// Other cookies the site set (the sign-in throttle's device token), sent back like a browser.
    var otherCookies: [String: String] = [:]
    /// In memory by default; `.running` sends real HTTP over a socket, so the peer has an address.
    var method: Application.Method = .inMemory
    /// Headers sent with every request, such as a proxy's `X-Forwarded-For`.
    var headers = HTTPHeaders()

    init(_ app: Application) { self.app = app }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        let cookie = cookieHeader
        let headers = self.headers
        try await app.testing(method: method).test(.GET, path, beforeRequest: { req in
            for (name, value) in headers { req.headers.replaceOrAdd(name: name, value: value) }
            if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
        }, afterResponse: { res in result = res })
        remember(result!)
        return result!
    }

    /// Posts a form. The page's token is added unless `csrf` is false.
    @discardableResult
    mutating func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = fields
        if csrf, fields[CSRF.field] == nil { fields[CSRF.field] = try await token() }
        var result: TestingHTTPResponse?
        let cookie = cookieHeader
        let headers = self.headers
        try await app.testing(method: method).test(.POST, path, beforeRequest: { req in
            for (name, value) in headers { req.headers.replaceOrAdd(name: name, value: value) }
            if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
            try req.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: { res in result = res })
        remember(result!)
        return result!
    }

    /// The form token from the sign-in page (or any page) of this session.
    mutating func token() async throws -> String {
        let page = try await get("/login")
        let body = page.body.string
        if let range = body.range(of: "name=\"_csrf\" value=\"") {
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
        // Signed-in visitors are redirected away from /login; read the token from the dashboard.
        var text = try await get("/partnerships/calderdale").body.string
        // Someone who must first turn on two-factor sign-in is kept to that page.
        if !text.contains("name=\"_csrf\"") { text = try await get("/account/two-factor").body.string }
        guard let found = text.range(of: "name=\"_csrf\" value=\"") else { throw Abort(.internalServerError, reason: "no form token on the page") }
        return String(text[found.upperBound...].prefix { $0 != "\"" })
    }

    mutating func signIn(_ email: String, password: String = DemoPartnership.password) async throws {
        let response = try await post("/login", ["email": email, "password": password])
        #expect(response.status == .seeOther, "signing in as \(email) answered \(response.status)")
    }

    /// The Cookie header this visitor sends: the session and every other cookie the site set
    /// (the form-token cookie of a visitor not signed in, the sign-in throttle's device token).
    var cookieHeader: String? {
        let all = [cookie].compactMap { $0 } + otherCookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return all.isEmpty ? nil : all.joined(separator: "; ")
    }

    private mutating func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            if pair.hasPrefix("safeguarding_session=") {
                cookie = header.contains("Max-Age=0") || pair == "safeguarding_session=" ? nil : pair
            } else if let equals = pair.firstIndex(of: "=") {
                otherCookies[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
        }
    }
}

/// An API client with a bearer token made the way `safeguarding token create` makes one.
func apiToken(for email: String, on app: Application) async throws -> String {
    let user = try #require(try await AccountStore.user(email: email, on: app.db))
    let token = Credentials.newToken()
    try await AccountStore.createToken(for: user, name: "test", digest: Credentials.digest(ofToken: token), on: app.db)
    return token
}

extension Application {
    func api(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil, body csv: String? = nil) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: json)
            }
            if let csv {
                req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
                req.body = ByteBuffer(string: csv)
            }
        }, afterResponse: { res in result = res })
        return result!
    }
}
