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
        @Test("Every route answers every role as the access matrix says, with the security headers")
        func everyRouteEveryRole() async throws {
            let started = Date()
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 31)) { app in
                let driving = Date()
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
                // Reads first, on the demo as loaded: an allowed write with the empty form may change a
                // record (an empty publication form unpublishes a review), which must not change a read's
                // answer. Signing out is driven last, since it ends the visitor's session.
                // Routes without a row are driven too, so the observed table covers them.
                let unlisted = registered.subtracting(listed).sorted().map { route -> AccessMatrix.Row in
                    let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                    return AccessMatrix.Row(method: HTTPMethod(rawValue: parts[0]), path: parts[1], outcomes: [])
                }
                let all = rows + unlisted
                let ordered = all.filter { $0.method == .GET } + all.filter { $0.method != .GET && $0.path != "/logout" } + all.filter { $0.path == "/logout" }
                var durations: [(route: String, seconds: Double)] = []
                for row in ordered {
                    let rowStarted = Date()
                    defer { durations.append((row.route, Date().timeIntervalSince(rowStarted))) }
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
                      + "\(mismatches) unexpected, \(Int(Date().timeIntervalSince(started))) s on \(testDatabase.kindName) "
                      + "(\(Int(driving.timeIntervalSince(started))) s loading the demo)")
                let slowest = durations.sorted { $0.seconds > $1.seconds }.prefix(5).map { "\($0.route) \(String(format: "%.1f", $0.seconds)) s" }
                print("access matrix: slowest rows (8 requests each): \(slowest.joined(separator: ", "))")
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
            visitors.pages[column] = (visitor.cookieHeader, String(body[marker.upperBound...].prefix { $0 != "\"" }))
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
/// finds its record and a refusal is the app's answer, not a missing record. Each is chosen by
/// what it is, never by the order of random identifiers, so every run drives the same records:
/// - organisations: West Yorkshire Police, the contributor's own (so `contr` may edit it);
/// - actions, findings, recommendations, sources: of an ordinary (non-review) source, the action
///   held by another organisation than the contributor's (so `contr` may not update it);
/// - an audit the police take part in, with one of its cases (so `contr` answers for the police);
/// - an indicator supplied by another organisation, with an undecided escalation;
/// - the local review with milestones (published), one of its milestones, the latest incident;
/// - the demo survey's real public link (anonymous people answer surveys).
struct MatrixRecords {
    var ids: [String: UUID] = [:]
    var indicatorKey = "cin_rate"
    /// A section only the report's editors write (the Young Advisors write the children's version).
    var sectionKey = ReportSectionKey.allCases[0].rawValue
    var surveyToken: String?

    static let spareEmail = "spare.member@calderdale.example"
    /// Practice reviews: restricted until published, and recorded by the review subgroup.
    static let reviewKinds = SourceKind.reviews.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    static func find(on db: any Database) async throws -> MatrixRecords {
        var records = MatrixRecords()
        let sql = try #require(db as? any SQLDatabase)
        let calderdale = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: db))
        // A member the administrators may lock and unlock without locking anyone the matrix signs in as.
        let spare = User(email: spareEmail, name: "Spare member", passwordHash: "")
        try await spare.create(on: db)
        try await Membership(userID: spare.requireID(), partnershipID: calderdale.requireID(), role: .viewer, organisationID: nil).create(on: db)

        let here = "partnership_id = '\(try calderdale.requireID().uuidString)'"
        func first(_ table: String, _ condition: String, orderBy order: String) async throws -> UUID {
            let query = "SELECT id FROM \(table) WHERE \(here) AND \(condition) ORDER BY \(order) LIMIT 1"
            let row = try await sql.raw("\(unsafeRaw: query)").first()
            return try #require(try row?.decode(column: "id", as: UUID.self), "the demo has no record for: \(query)")
        }
        func quoted(_ id: UUID) -> String { "'\(id.uuidString)'" }
        // SQLite stores identifiers as upper-case text, PostgreSQL as uuid; both compare with this literal.
        let police = try await first("organisations", "name = 'West Yorkshire Police'", orderBy: "name")
        records.ids["organisations"] = police
        records.ids["organisation"] = police
        records.ids["users"] = spare.id

        let ordinary = "withdrawn_at IS NULL AND source_id IN (SELECT id FROM learning_sources WHERE kind NOT IN (\(reviewKinds)))"
        records.ids["actions"] = try await first("actions", "\(ordinary) AND owner_organisation_id <> \(quoted(police))", orderBy: "text")
        records.ids["findings"] = try await first("findings", ordinary, orderBy: "text")
        records.ids["recommendations"] = try await first("recommendations", ordinary, orderBy: "text")
        records.ids["sources"] = try await first("learning_sources", "withdrawn_at IS NULL AND kind NOT IN (\(reviewKinds))", orderBy: "title")
        let audit = try await first("learning_sources", "kind = 'audit' AND id IN (SELECT source_id FROM audit_participants WHERE organisation_id = \(quoted(police)))",
                                    orderBy: "title")
        records.ids["audits"] = audit
        records.ids["cases"] = try await first("audit_cases", "source_id = \(quoted(audit))", orderBy: "reference")
        records.ids["surveys"] = try await first("surveys", "public_token IS NOT NULL", orderBy: "introduction")
        records.surveyToken = try await sql.raw("SELECT public_token FROM surveys WHERE id = \(unsafeRaw: quoted(records.ids["surveys"]!))")
            .first()?.decode(column: "public_token", as: String.self)

        let escalated = "indicator_id IN (SELECT id FROM indicators WHERE source_organisation_id <> \(quoted(police)))"
        let escalation = try await first("escalations", "decision IS NULL AND \(escalated)", orderBy: "signal_key, raised_at")
        let indicator = try #require(try await sql.raw("SELECT i.key, i.id FROM indicators i JOIN escalations e ON e.indicator_id = i.id WHERE e.id = \(unsafeRaw: quoted(escalation))").first())
        records.indicatorKey = try indicator.decode(column: "key", as: String.self)
        let indicatorID = try indicator.decode(column: "id", as: UUID.self)
        records.ids["escalations"] = escalation
        records.ids["values"] = try await first("indicator_values", "withdrawn_at IS NULL AND indicator_id = \(quoted(indicatorID))",
                                                orderBy: "period_start, series, breakdown, group_name")
        records.ids["indicator_value"] = records.ids["values"]
        records.ids["story"] = try await first("stories", "withdrawn_at IS NULL AND indicator_id = \(quoted(indicatorID))", orderBy: "period")

        let group = try await first("groups", "withdrawn_at IS NULL", orderBy: "name")
        records.ids["subgroups"] = group
        records.ids["group"] = group
        let seat = try await first("group_members", "withdrawn_at IS NULL AND user_id IS NULL", orderBy: "member_role, seat, started_on")
        records.ids["seats"] = seat
        records.ids["group_member"] = seat
        records.ids["meetings"] = try await first("meetings", "withdrawn_at IS NULL", orderBy: "held_on, title")
        records.ids["contributions"] = try await first("contributions", "withdrawn_at IS NULL", orderBy: "reporting_year, label")

        records.ids["incidents"] = try await first("serious_incidents", "withdrawn_at IS NULL", orderBy: "aware_on DESC")
        let local = try await first("local_reviews", "withdrawn_at IS NULL AND id IN (SELECT local_review_id FROM review_milestones)", orderBy: "child_reference")
        records.ids["local"] = local
        records.ids["reviews"] = local
        records.ids["milestones"] = try await first("review_milestones", "withdrawn_at IS NULL AND local_review_id = \(quoted(local))", orderBy: "due_on, title")

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
            case ":token": value = before == "s" ? surveyToken ?? "no-such-token" : "no-such-token"
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
