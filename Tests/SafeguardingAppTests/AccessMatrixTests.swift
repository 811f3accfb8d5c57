import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// Drives every row of `AccessMatrix.table` through the real app for every column, and checks
/// that every registered route has a row. Pages are read with GET; writes are POSTed with the
/// session's form token and an empty form (or `{}` to the API), so a refusal (sign-in redirect,
/// 401, 403, 404) is told apart from an allowed request that fails validation.
extension AppTests {
    @Suite("The access matrix: every route, every role")
    struct AccessMatrixTests {
        @Test("Every route answers every role as the access matrix says, with the security headers",
              .disabled("AccessMatrix.table has no rows yet: fill it from /tmp/access-matrix-observed.txt, reviewed, then enable"))
        func everyRouteEveryRole() async throws {
            let started = Date()
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 31)) { app in
                let records = try await MatrixRecords.find(on: app.db)
                var visitors = try await MatrixVisitors.make(app)
                let rows = try AccessMatrix.rows()

                // Coverage: every registered route has a row, and every row a registered route.
                let registered = Set(app.routes.all.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" })
                let listed = Set(rows.map(\.route))
                for route in registered.subtracting(listed).sorted() { Issue.record("route without a row in the access matrix: \(route)") }
                for route in listed.subtracting(registered).sorted() { Issue.record("access matrix row for a route that is not registered: \(route)") }

                var observed: [AccessMatrix.Row] = []
                var mismatches = 0
                // Signing out is driven last, since it ends the visitor's session.
                // Routes without a row are driven too, so the observed table covers them.
                let unlisted = registered.subtracting(listed).sorted().map { route -> AccessMatrix.Row in
                    let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                    return AccessMatrix.Row(method: HTTPMethod(rawValue: parts[0]), path: parts[1], outcomes: [])
                }
                let all = rows + unlisted
                let ordered = all.filter { $0.path != "/logout" } + all.filter { $0.path == "/logout" }
                for row in ordered {
                    let path = try records.resolve(row.path)
                    var answers: [AccessMatrix.Outcome] = []
                    for column in AccessMatrix.Column.allCases {
                        let response = try await visitors.send(row.method, path, as: column)
                        let outcome = AccessMatrix.Outcome(response)
                        answers.append(outcome)
                        expectSecurityHeaders(response.headers, "\(row.route) as \(column.rawValue) (\(response.status.code))")
                        guard row.outcomes.count == AccessMatrix.Column.allCases.count else { continue }
                        let expected = row.outcomes[column.index]
                        if outcome != expected {
                            mismatches += 1
                            Issue.record("\(row.route) (\(row.method.rawValue) \(path)) as \(column.rawValue): expected \(expected.rawValue), got \(outcome.rawValue) (\(response.status.code))")
                        }
                    }
                    observed.append(AccessMatrix.Row(method: row.method, path: row.path, outcomes: answers))
                }
                let requests = ordered.count * AccessMatrix.Column.allCases.count
                print("access matrix: \(ordered.count) routes x \(AccessMatrix.Column.allCases.count) roles = \(requests) requests, "
                      + "\(mismatches) unexpected, \(Int(Date().timeIntervalSince(started))) s on \(testDatabase.kindName)")
                if mismatches > 0 || registered != listed {
                    let file = FileManager.default.temporaryDirectory.appendingPathComponent("access-matrix-observed.txt")
                    try AccessMatrix.render(observed).write(to: file, atomically: true, encoding: .utf8)
                    print("access matrix: the answers observed are in \(file.path)")
                }
            }
        }
    }
}

/// The people the matrix drives: anonymous, each demo role, and an administrator of another partnership.
struct MatrixVisitors {
    let app: Application
    var pages: [AccessMatrix.Column: (cookie: String?, csrf: String)] = [:]
    var tokens: [AccessMatrix.Column: String] = [:]

    static func make(_ app: Application) async throws -> MatrixVisitors {
        var visitors = MatrixVisitors(app: app)
        try await otherPartnershipAdministrator(on: app.db)
        for column in AccessMatrix.Column.allCases {
            var visitor = Visitor(app)
            if let email = column.email {
                try await visitor.signIn(email)
                visitors.tokens[column] = try await apiToken(for: email, on: app)
            }
            let page = try await visitor.get(column == .anonymous ? "/login" : "/partnerships")
            let body = page.body.string
            let marker = try #require(body.range(of: "name=\"_csrf\" value=\""), "no form token for \(column.rawValue)")
            visitors.pages[column] = (visitor.cookie, String(body[marker.upperBound...].prefix { $0 != "\"" }))
        }
        return visitors
    }

    /// Kirklees, with its own administrator: the cross-partnership column.
    static func otherPartnershipAdministrator(on db: any Database) async throws {
        let draft = try PartnershipDraft.validate(name: "Kirklees Safeguarding Children Partnership", shortName: "KSCP", slug: "kirklees",
                                                  localAuthorityCodes: ["E08000034"])
        _ = try await PartnershipSetup.create(draft, by: .commandLine(), on: db)
        let kirklees = try #require(try await RegisterStore.partnership(slug: "kirklees", on: db))
        let user = User(email: AccessMatrix.Column.otherPartnership.email!, name: "Kirklees administrator",
                        passwordHash: try Credentials.hash(DemoPartnership.password, cost: 4))
        try await user.create(on: db)
        try await Membership(userID: user.requireID(), partnershipID: kirklees.requireID(), role: .administrator, organisationID: nil).create(on: db)
    }

    mutating func send(_ method: HTTPMethod, _ path: String, as column: AccessMatrix.Column) async throws -> TestingHTTPResponse {
        if path.hasPrefix("/api/") {
            let token = tokens[column]
            return try await app.api(method, path, token: token, json: method == .GET ? nil : "{}")
        }
        let (cookie, csrf) = pages[column]!
        var result: TestingHTTPResponse?
        try await app.testing().test(method, path, beforeRequest: { req in
            if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
            if method != .GET { try req.content.encode([CSRF.field: csrf], as: .urlEncodedForm) }
        }, afterResponse: { res in result = res })
        let response = result!
        if path == "/logout" { pages[column] = (nil, csrf) }
        return response
    }
}

/// Real records of the demo partnership to put into route patterns, so an allowed request
/// finds its record and a refusal is the app's answer, not a missing record.
struct MatrixRecords {
    var ids: [String: UUID] = [:]
    var indicatorKey = "cin_rate"
    var sectionKey = "introduction"

    static let spareEmail = "spare.member@calderdale.example"

    static func find(on db: any Database) async throws -> MatrixRecords {
        var records = MatrixRecords()
        let sql = try #require(db as? any SQLDatabase)
        let calderdale = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: db))
        // A member the administrators may lock and unlock without locking anyone the matrix signs in as.
        let spare = User(email: spareEmail, name: "Spare member", passwordHash: "")
        try await spare.create(on: db)
        try await Membership(userID: spare.requireID(), partnershipID: calderdale.requireID(), role: .viewer, organisationID: nil).create(on: db)

        func first(_ table: String, _ condition: String = "") async throws -> UUID? {
            try await sql.raw("SELECT id FROM \(unsafeRaw: table) \(unsafeRaw: condition.isEmpty ? "" : "WHERE " + condition) ORDER BY id LIMIT 1")
                .first()?.decode(column: "id", as: UUID.self)
        }
        let police = try await first("organisations", "name = 'West Yorkshire Police'")
        records.ids["organisations"] = police
        records.ids["organisation"] = police
        records.ids["users"] = spare.id
        records.ids["actions"] = try await first("actions", "owner_organisation_id IS NOT NULL")
        for (segment, table) in [("subgroups", "groups"), ("group", "groups"), ("seats", "group_members"), ("group_member", "group_members"),
                                 ("meetings", "meetings"), ("meeting", "meetings"), ("contributions", "contributions"),
                                 ("escalations", "escalations"), ("sources", "learning_sources"), ("findings", "findings"),
                                 ("recommendations", "recommendations"), ("cases", "audit_cases"), ("surveys", "surveys"),
                                 ("incidents", "serious_incidents"), ("local", "local_reviews"), ("reviews", "local_reviews"),
                                 ("milestones", "review_milestones"), ("values", "indicator_values"), ("indicator_value", "indicator_values"),
                                 ("story", "stories")] {
            records.ids[segment] = try await first(table)
        }
        records.ids["audits"] = try await first("learning_sources", "kind = 'audit'") ?? records.ids["sources"]
        if let key = try await sql.raw("SELECT key FROM indicators ORDER BY key LIMIT 1").first()?.decode(column: "key", as: String.self) {
            records.indicatorKey = key
        }
        if let key = try await sql.raw("SELECT key FROM report_sections ORDER BY key LIMIT 1").first()?.decode(column: "key", as: String.self) {
            records.sectionKey = key
        }
        return records
    }

    /// `/partnerships/:slug/organisations/:id` with real values in place of the parameters.
    func resolve(_ pattern: String) throws -> String {
        let parts = pattern.split(separator: "/").map(String.init)
        var out: [String] = []
        for (i, part) in parts.enumerated() {
            guard part.hasPrefix(":") else { out.append(part); continue }
            let before = i > 0 ? parts[i - 1] : ""
            let value: String
            switch part {
            case ":slug": value = DemoPartnership.slug
            case ":year": value = "2023-24"
            case ":file": value = "children.html"
            case ":token": value = "no-such-token"
            case ":key": value = before == "sections" ? sectionKey : indicatorKey
            case ":kind": value = before == "register" ? "organisation" : "indicator_value"
            default:
                // The record named by the segment before it: `organisations/:id`, or the kind in `register/:kind/:id`.
                let kind = before.hasPrefix(":") ? out[i - 1] : before
                value = (ids[kind] ?? ids[part.dropFirst() + "s"] ?? UUID(uuidString: "00000000-0000-0000-0000-000000000000")!).uuidString.lowercased()
            }
            out.append(value)
        }
        return "/" + out.joined(separator: "/")
    }
}
