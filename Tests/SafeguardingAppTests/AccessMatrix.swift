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
/// Records: `:id` is a real record of the demo partnership (the contributor's own organisation,
/// an action, the first source, ...: see `MatrixRecords`); `:token` is a token that does not exist.
enum AccessMatrix {
    static let table = """
    METHOD PATH                                                                    anon  admin exec  contr cdop  young viewer other
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

    /// The table in the form above, for pasting after a deliberate change of access.
    static func render(_ rows: [Row]) -> String {
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
        var lines = [table.split(separator: "\n").first.map(String.init) ?? ""]
        for row in rows.sorted(by: { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }) {
            let answers = zip(row.outcomes, Column.allCases).map { pad($0.rawValue, max(6, $1.rawValue.count + 1)) }.joined()
            lines.append(pad(row.method.rawValue, 7) + pad(row.path, 73) + answers)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
