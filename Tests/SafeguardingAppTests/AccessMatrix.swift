import Foundation
import Vapor
import VaporTesting

/// Who may do what, as data: one line per route (method and pattern as the router registers it),
/// one column per kind of visitor. `AccessMatrixTests` drives every cell through the real app.
///
/// Columns: `anon` nobody signed in; `admin`, `exec`, `contr` (West Yorkshire Police),
/// `cdop`, `young`, `viewer`: the demo partnership's accounts (README, "Demo accounts");
/// `other` an administrator of another partnership (Kirklees).
/// Answers: `ok` allowed (the page, a redirect elsewhere, or a validation error for the empty
/// form the test posts), `login` redirected to sign in, `401` no or wrong token, `403` refused,
/// `404` hidden or not found.
/// Records: `:id` is a real record of the demo partnership, chosen by what it is (the contributor's
/// own organisation, an action another organisation holds, ...: see `MatrixRecords`); `:token` is
/// the demo survey's public link under `/s/` and a token that does not exist elsewhere. An
/// administrator's `404` means the record is not in the state the route needs (restoring a record
/// that is not withdrawn) or the route needs a query parameter the matrix does not send.
///
/// To change who may do what: change the rule (`Access.allows` in SafeguardingDomain, or the use
/// case), run `AccessMatrixTests`, review the answers it writes to
/// `$TMPDIR/access-matrix-observed.txt` and paste the changed lines here. A new route fails the
/// test until it has a line.
enum AccessMatrix {
    static let table = """
    METHOD PATH                                                                    anon  admin exec  contr cdop  young viewer other

    # Public: sign-in, set-password and survey links (`:token` is the demo survey's), health, stylesheet, API contract
    GET    /account/links/:token                                                    ok    ok    ok    ok    ok    ok    ok     ok
    POST   /account/links/:token                                                    ok    ok    ok    ok    ok    ok    ok     ok
    GET    /api/v1/openapi.json                                                     ok    ok    ok    ok    ok    ok    ok     ok
    GET    /api/v1/openapi.yaml                                                     ok    ok    ok    ok    ok    ok    ok     ok
    GET    /assets/app.css                                                          ok    ok    ok    ok    ok    ok    ok     ok
    GET    /healthz                                                                 ok    ok    ok    ok    ok    ok    ok     ok
    GET    /login                                                                   ok    ok    ok    ok    ok    ok    ok     ok
    POST   /login                                                                   ok    ok    ok    ok    ok    ok    ok     ok
    GET    /login/code                                                              login login login login login login login  login
    POST   /login/code                                                              login login login login login login login  login
    GET    /login/forgotten                                                         ok    ok    ok    ok    ok    ok    ok     ok
    POST   /login/forgotten                                                         ok    ok    ok    ok    ok    ok    ok     ok
    POST   /logout                                                                  login login login login login login login  login
    GET    /metrics                                                                 404   404   404   404   404   404   404    404
    GET    /s/:token                                                                ok    ok    ok    ok    ok    ok    ok     ok
    POST   /s/:token                                                                ok    ok    ok    ok    ok    ok    ok     ok
    GET    /s/:token/thanks                                                         ok    ok    ok    ok    ok    ok    ok     ok
    GET    /setup/:token                                                            404   404   404   404   404   404   404    404
    POST   /setup/:token                                                            404   404   404   404   404   404   404    404

    # Any signed-in person: their own account, sessions, two-factor and partnerships
    GET    /                                                                        login ok    ok    ok    ok    ok    ok     ok
    GET    /account/password                                                        login ok    ok    ok    ok    ok    ok     ok
    POST   /account/password                                                        login ok    ok    ok    ok    ok    ok     ok
    GET    /account/sessions                                                        login ok    ok    ok    ok    ok    ok     ok
    POST   /account/sessions/:id/end                                                login 404   404   404   404   404   404    404
    POST   /account/sessions/end-others                                             login ok    ok    ok    ok    ok    ok     ok
    GET    /account/two-factor                                                      login ok    ok    ok    ok    ok    ok     ok
    POST   /account/two-factor/confirm                                              login ok    ok    ok    ok    ok    ok     ok
    POST   /account/two-factor/disable                                              login ok    ok    ok    ok    ok    ok     ok
    POST   /account/two-factor/start                                                login ok    ok    ok    ok    ok    ok     ok
    GET    /partnerships                                                            login ok    ok    ok    ok    ok    ok     ok

    # The partnership: its dashboard; people, sessions and the audit log (administrators only)
    GET    /partnerships/:slug                                                      login ok    ok    ok    ok    ok    ok     404
    GET    /partnerships/:slug/audit                                                login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/users                                                login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users                                                login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/users/:id                                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/:id                                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/:id/lock                                       login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/:id/reset-link                                 login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/:id/sessions/:sessionID/end                    login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/:id/sessions/end                               login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/:id/unlock                                     login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/users/new                                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/users/two-factor                                     login ok    403   403   403   403   403    404

    # Register: organisations (`:id` is the contributor's own), subgroups, seats, meetings, finance; withdrawals
    GET    /partnerships/:slug/contributions/:id                                    login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/contributions/:id                                    login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/finance                                              login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/finance/:year                                        login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/finance/:year                                        login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/finance/:year/lines                                  login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/meetings/:id                                         login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/meetings/:id                                         login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/organisations                                        login ok    ok    ok    ok    ok    ok     404
    POST   /partnerships/:slug/organisations                                        login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/organisations/:id                                    login ok    ok    ok    ok    ok    ok     404
    POST   /partnerships/:slug/organisations/:id                                    login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/organisations/:id/edit                               login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/organisations/new                                    login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/register/:kind/:id/withdraw                          login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/register/:kind/:id/withdraw                          login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/register/withdrawn                                   login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/register/withdrawn                                   login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/seats/:id                                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/seats/:id                                            login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/subgroups                                            login ok    ok    ok    ok    ok    ok     404
    POST   /partnerships/:slug/subgroups                                            login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/subgroups/:id                                        login ok    ok    ok    ok    ok    ok     404
    GET    /partnerships/:slug/subgroups/:id/edit                                   login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/subgroups/:id/edit                                   login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/subgroups/:id/meetings                               login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/subgroups/:id/members                                login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/subgroups/:id/seats/end                              login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/subgroups/new                                        login ok    403   403   403   403   403    404

    # Performance: indicators (`:key` is supplied by another organisation than the contributor's), data returns; withdrawals
    GET    /partnerships/:slug/data-returns                                         login ok    ok    ok    ok    ok    ok     404
    POST   /partnerships/:slug/data-returns/extract                                 login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/data-returns/upload                                  login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/data-returns/value                                   login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/indicators                                           login ok    ok    ok    ok    ok    ok     404
    POST   /partnerships/:slug/indicators                                           login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/indicators/:key                                      login ok    ok    ok    ok    ok    ok     404
    GET    /partnerships/:slug/indicators/:key/edit                                 login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/indicators/:key/edit                                 login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/indicators/:key/escalations/:id                      login ok    ok    403   403   403   403    404
    POST   /partnerships/:slug/indicators/:key/story                                login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/indicators/:key/values                               login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/indicators/new                                       login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/performance/:kind/:id/withdraw                       login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/performance/:kind/:id/withdraw                       login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/performance/values/:id                               login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/performance/values/:id                               login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/performance/withdrawn                                login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/performance/withdrawn                                login ok    403   403   403   403   403    404

    # Learning: sources, findings, recommendations, actions (held by another organisation), audits (the police answer), surveys
    GET    /partnerships/:slug/audits                                               login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/audits/:id                                           login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/audits/:id/cases                                     login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/audits/:id/cases/:case/organisations/:organisation   login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/audits/:id/cases/:case/organisations/:organisation   login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/audits/:id/organisations                             login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/audits/:id/questions                                 login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning                                             login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/learning/actions                                     login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/learning/actions/:id                                 login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/learning/actions/:id/edit                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/actions/:id/edit                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/actions/:id/evidence                        login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/actions/:id/status                          login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/actions/:id/withdraw                        login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/findings/:id/edit                           login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/findings/:id/edit                           login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/findings/:id/withdraw                       login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/recommendations                             login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/learning/recommendations/:id                         login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/learning/recommendations/:id/actions                 login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/recommendations/:id/edit                    login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/recommendations/:id/edit                    login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/recommendations/:id/withdraw                login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/sources                                     login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/learning/sources                                     login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/sources/:id                                 login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/learning/sources/:id                                 login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/sources/:id/challenge-event                 login ok    ok    403   403   403   403    404
    POST   /partnerships/:slug/learning/sources/:id/challenge-event                 login ok    ok    403   403   403   403    404
    GET    /partnerships/:slug/learning/sources/:id/edit                            login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/sources/:id/findings                        login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/sources/:id/recommendations                 login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/sources/new                                 login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/learning/withdrawn                                   login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/learning/withdrawn/actions/:id/restore               login 404   403   403   403   403   403    404
    POST   /partnerships/:slug/learning/withdrawn/findings/:id/restore              login 404   403   403   403   403   403    404
    POST   /partnerships/:slug/learning/withdrawn/recommendations/:id/restore       login 404   403   403   403   403   403    404
    GET    /partnerships/:slug/surveys                                              login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/surveys                                              login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/surveys/:id                                          login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/surveys/:id/questions                                login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/surveys/:id/results.csv                              login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/surveys/:id/status                                   login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/surveys/new                                          login ok    403   403   403   403   403    404

    # Practice reviews: the contributor sits on the review subgroup, so records them; the Executive reads them
    GET    /partnerships/:slug/reviews                                              login ok    ok    ok    403   403   ok     404
    POST   /partnerships/:slug/reviews/incidents                                    login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/incidents/:id                                login ok    ok    ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/agencies                       login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/incidents/:id/edit                           login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/edit                           login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/notification                   login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/rapid-review                   login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/sign-offs                      login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/submission                     login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/incidents/:id/withdraw                       login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/incidents/new                                login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/local                                        login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/local/:id                                    login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/reviews/local/:id/edit                               login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/local/:id/edit                               login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/local/:id/milestones                         login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/local/:id/milestones/:milestone/done         login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/local/:id/publication                        login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/local/:id/withdraw                           login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/local/new                                    login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/milestones/:id/edit                          login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/milestones/:id/edit                          login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/milestones/:id/withdraw                      login ok    403   ok    403   403   403    404
    POST   /partnerships/:slug/reviews/settings                                     login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/reviews/sources                                      login ok    403   ok    403   403   403    404
    GET    /partnerships/:slug/reviews/sources/new                                  login 404   403   404   403   403   403    404
    GET    /partnerships/:slug/reviews/themes                                       login ok    ok    ok    403   403   ok     404
    GET    /partnerships/:slug/reviews/withdrawn                                    login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/reviews/withdrawn/incidents/:id/restore              login 404   403   403   403   403   403    404
    POST   /partnerships/:slug/reviews/withdrawn/local/:id/restore                  login 404   403   403   403   403   403    404
    POST   /partnerships/:slug/reviews/withdrawn/milestones/:id/restore             login 404   403   403   403   403   403    404

    # Yearly report: the demo's 2023-24 report is a draft (401 for nobody signed in; the child death panel reads no drafts)
    GET    /partnerships/:slug/reports                                              login ok    ok    ok    403   ok    ok     404
    GET    /partnerships/:slug/reports/:year                                        401   ok    ok    ok    403   ok    ok     404
    GET    /partnerships/:slug/reports/:year/:file                                  401   ok    ok    ok    404   ok    ok     404
    POST   /partnerships/:slug/reports/:year/copy                                   login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/reports/:year/publication                            login ok    403   403   403   403   403    404
    GET    /partnerships/:slug/reports/:year/sections/:key                          login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/reports/:year/sections/:key                          login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/reports/:year/settings                               login ok    403   403   403   403   403    404
    POST   /partnerships/:slug/reports/:year/sign-offs                              login ok    ok    403   403   403   403    404
    POST   /partnerships/:slug/reports/:year/versions                               login ok    403   403   403   403   403    404

    # API: bearer tokens, 401 without one; the same rules as the pages
    GET    /api/v1/me                                                               401   ok    ok    ok    ok    ok    ok     ok
    GET    /api/v1/partnerships/:slug/actions                                       401   ok    ok    ok    403   403   ok     404
    POST   /api/v1/partnerships/:slug/actions                                       401   ok    403   403   403   403   403    404
    GET    /api/v1/partnerships/:slug/actions/:id                                   401   ok    ok    ok    403   403   ok     404
    PATCH  /api/v1/partnerships/:slug/actions/:id                                   401   ok    403   403   403   403   403    404
    POST   /api/v1/partnerships/:slug/actions/:id/evidence                          401   ok    403   403   403   403   403    404
    GET    /api/v1/partnerships/:slug/finance/:year                                 401   ok    ok    ok    403   403   ok     404
    POST   /api/v1/partnerships/:slug/imports/indicator-values                      401   ok    403   ok    403   403   403    404
    GET    /api/v1/partnerships/:slug/incidents                                     401   ok    ok    ok    403   403   403    404
    POST   /api/v1/partnerships/:slug/incidents                                     401   ok    403   ok    403   403   403    404
    GET    /api/v1/partnerships/:slug/incidents/:id                                 401   ok    ok    ok    403   403   403    404
    GET    /api/v1/partnerships/:slug/indicators                                    401   ok    ok    ok    ok    ok    ok     404
    GET    /api/v1/partnerships/:slug/indicators/:key/values                        401   ok    ok    ok    ok    ok    ok     404
    GET    /api/v1/partnerships/:slug/organisations                                 401   ok    ok    ok    ok    ok    ok     404
    POST   /api/v1/partnerships/:slug/organisations                                 401   ok    403   403   403   403   403    404
    GET    /api/v1/partnerships/:slug/organisations/:id                             401   ok    ok    ok    ok    ok    ok     404
    PUT    /api/v1/partnerships/:slug/organisations/:id                             401   ok    403   ok    403   403   403    404
    GET    /api/v1/partnerships/:slug/recommendations                               401   ok    ok    ok    403   403   ok     404
    POST   /api/v1/partnerships/:slug/recommendations                               401   ok    403   403   403   403   403    404
    GET    /api/v1/partnerships/:slug/reviews                                       401   ok    ok    ok    403   403   ok     404
    GET    /api/v1/partnerships/:slug/reviews/:id                                   401   ok    ok    ok    403   403   ok     404
    GET    /api/v1/partnerships/:slug/sources                                       401   ok    ok    ok    403   403   ok     404
    POST   /api/v1/partnerships/:slug/sources                                       401   ok    403   403   403   403   403    404
    GET    /api/v1/partnerships/:slug/sources/:id                                   401   ok    ok    ok    403   403   ok     404
    POST   /api/v1/partnerships/:slug/sources/:id/findings                          401   ok    403   403   403   403   403    404
    GET    /api/v1/partnerships/:slug/subgroups                                     401   ok    ok    ok    ok    ok    ok     404
    GET    /api/v1/partnerships/:slug/themes                                        401   ok    ok    ok    403   403   ok     404
    GET    /api/v1/working-days                                                     401   ok    ok    ok    ok    ok    ok     ok
    """

    enum Column: String, CaseIterable {
        case anonymous = "anon", administrator = "admin", executive = "exec", contributor = "contr"
        case childDeathPanel = "cdop", youngAdvisor = "young", viewer, otherPartnership = "other"

        var index: Int { Self.allCases.firstIndex(of: self)! }

        var email: String? {
            switch self {
            case .anonymous: nil
            case .administrator: "admin@calderdale.example"
            case .executive: "executive@calderdale.example"
            case .contributor: "contributor@calderdale.example"
            case .childDeathPanel: "cdop@calderdale.example"
            case .youngAdvisor: "young.advisor@calderdale.example"
            case .viewer: "viewer@calderdale.example"
            case .otherPartnership: "admin@kirklees.example"
            }
        }
    }

    enum Outcome: String {
        case ok, login, unauthorized = "401", forbidden = "403", notFound = "404"

        init(_ response: TestingHTTPResponse) {
            switch response.status {
            case .unauthorized: self = .unauthorized
            case .forbidden: self = .forbidden
            case .notFound: self = .notFound
            case .seeOther, .found, .temporaryRedirect:
                let location = response.headers.first(name: .location) ?? ""
                self = location == "/login" || location.hasPrefix("/login?") ? .login : .ok
            default: self = .ok
            }
        }
    }

    struct Row {
        let method: HTTPMethod
        let path: String
        let outcomes: [Outcome]
        var route: String { "\(method.rawValue) \(path)" }
    }

    struct TableError: Error, CustomStringConvertible { let description: String }

    static func rows() throws -> [Row] {
        try table.split(separator: "\n").dropFirst().compactMap { line -> Row? in
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if cells.isEmpty || cells[0].hasPrefix("#") { return nil }
            guard cells.count == 2 + Column.allCases.count else { throw TableError(description: "access matrix line has \(cells.count) cells: \(line)") }
            let outcomes = try cells.dropFirst(2).map { cell in
                guard let outcome = Outcome(rawValue: cell) else { throw TableError(description: "unknown answer \(cell) in: \(line)") }
                return outcome
            }
            return Row(method: HTTPMethod(rawValue: cells[0]), path: cells[1], outcomes: outcomes)
        }
    }

    /// The table in the form above, for pasting after a deliberate change of access: the table's
    /// own lines, groups and comments with the answers observed, then the routes it has no line for.
    static func render(_ rows: [Row]) -> String {
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
        func line(_ row: Row) -> String {
            let answers = zip(row.outcomes, Column.allCases).map { pad($0.rawValue, max(6, $1.rawValue.count + 1)) }.joined()
            return (pad(row.method.rawValue, 7) + pad(row.path, 73) + answers).trimmingCharacters(in: .whitespaces)
        }
        let observed = Dictionary(rows.map { ($0.route, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        var written = Set<String>()
        for text in table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let cells = text.split(separator: " ")
            guard !lines.isEmpty, cells.count > 1, !cells[0].hasPrefix("#"), let row = observed["\(cells[0]) \(cells[1])"] else {
                lines.append(text)
                continue
            }
            lines.append(line(row))
            written.insert(row.route)
        }
        let unlisted = rows.filter { !written.contains($0.route) }.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
        if !unlisted.isEmpty {
            lines += ["", "# Routes the table has no line for: review each answer, then move the line to its group"] + unlisted.map(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
