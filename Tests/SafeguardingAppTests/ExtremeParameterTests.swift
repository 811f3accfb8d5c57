import Foundation
import SafeguardingDomain
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// Issue 15, item 1: the extremes of every numeric and date parameter of every route. Each route's
/// parameters come from the contract (`openapi.yaml`) for the API and from the pages themselves for
/// the site: the test signs in as the administrator, follows every link of the demo partnership and
/// reads every form (its fields, their types and default values). A route registered in the app that
/// is neither in the contract, nor reached by a link or a form, nor listed in `withoutParameters`
/// fails the test, so a new route cannot escape it.
extension AppTests {
    @Suite("Extreme parameters on every route")
    struct ExtremeParameterTests {
        /// A value sent in place of a number or a date, and whether it is invalid everywhere.
        struct Payload: Sendable {
            let name: String
            let text: String
        }

        static let payloads: [Payload] = [
            Payload(name: "Int.min", text: "-9223372036854775808"),
            Payload(name: "Int.max", text: "9223372036854775807"),
            Payload(name: "-0", text: "-0"),
            Payload(name: "1e309", text: "1e309"),
            Payload(name: "10,000 digits", text: String(repeating: "9", count: 10_000)),
            Payload(name: "year 0", text: "0000-01-01"),
            Payload(name: "year 9999", text: "9999-12-31"),
            Payload(name: "29 February 2023", text: "2023-02-29"),
            Payload(name: "empty", text: ""),
            Payload(name: "garbage", text: "x'\"<>%00\u{202E}"),
        ]

        /// Routes with no numeric or date parameter of their own and no page linking to them, with why.
        static let withoutParameters: [String: String] = [
            "GET /metrics": "no parameters; its access is item 7's",
            "GET /healthz": "no parameters",
            "POST /logout": "no parameters; ends the session, sent last",
            "GET /logout": "no parameters",
            "GET /login": "anonymous page, no number or date; a signed-in visitor is sent on",
            "POST /login": "email and password only (the sign-in tests)",
            "GET /login/forgotten": "anonymous page, no number or date",
            "POST /login/forgotten": "email only",
            "GET /partnerships": "the list of partnerships: no parameters",
            "GET /login/code": "reached only between the password and the code of a two-factor sign-in (AccountSecurityTests)",
            "POST /login/code": "a six-digit code, refused when malformed or reused (AccountSecurityTests)",
            "POST /account/two-factor/confirm": "a six-digit code while enrolling, refused when wrong (AccountSecurityTests)",
            "POST /account/two-factor/disable": "the password only",
            "POST /account/sessions/end-others": "no parameters",
        ]

        /// One field of a form or a query string: its name, whether it holds a number or a date, its default.
        struct Field: Hashable {
            let name: String
            let numericOrDate: Bool
            let value: String
        }

        /// What the test knows of one route: a concrete path that reaches it and its fields.
        struct Target {
            var path: String?
            var fields: [String: Field] = [:]
            var json: [(name: String, numericOrDate: Bool, example: String)] = []
            var csv: String?
            var isAPI = false
        }

        @Test("Every route answers the extremes of its numbers and dates with less than 500, and the app still answers")
        func extremes() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 28)) { app async throws in
                var visitor = Visitor(app)
                try await visitor.signIn("admin@calderdale.example")
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let routes = app.routes.all.map { ($0.method.rawValue, $0.path) }
                var targets: [String: Target] = [:]
                for (method, path) in routes { targets[Self.key(method, path)] = Target() }

                try await Self.crawl(&visitor, routes: routes, into: &targets)
                try Self.readContract(routes: routes, into: &targets)

                let unknown = targets.filter { key, target in
                    target.path == nil && target.fields.isEmpty && target.json.isEmpty && target.csv == nil && !target.isAPI
                        && Self.withoutParameters[key] == nil && !key.contains(":")
                }.keys.sorted()
                // A route with path parameters is reached by substituting them, so it needs no link;
                // a route without any must be linked, in the contract, or listed with its reason.
                #expect(unknown.isEmpty, "routes with no entry (add a link, a form, the contract, or a row in withoutParameters): \(unknown)")

                var sent = 0
                var failures: [String] = []
                var tolerated: [String] = []
                let ordered = targets.keys.sorted { ($0.hasSuffix("/logout") ? 1 : 0, $0) < ($1.hasSuffix("/logout") ? 1 : 0, $1) }
                for key in ordered {
                    guard let target = targets[key] else { continue }
                    let method = String(key.prefix { $0 != " " })
                    let pattern = String(key.dropFirst(method.count + 1))
                    for payload in Self.payloads {
                        let requests = Self.requests(method: method, pattern: pattern, target: target, payload: payload)
                        for request in requests {
                            if visitor.cookie == nil { try await visitor.signIn("admin@calderdale.example") }
                            let status: HTTPResponseStatus
                            if target.isAPI {
                                status = try await app.api(HTTPMethod(rawValue: method), request.path, token: token, json: request.json,
                                                           body: request.csv).status
                            } else if method == "GET" {
                                status = try await visitor.get(request.path).status
                            } else {
                                status = try await visitor.post(request.path, request.form).status
                            }
                            sent += 1
                            if status.code >= 500 { failures.append("\(method) \(request.path.prefix(120)) [\(payload.name)] → \(status.code)") }
                            else if target.isAPI && request.touchesParameter && status.code < 400 && Self.isInvalidEverywhere(payload) {
                                tolerated.append("\(method) \(pattern) [\(payload.name)] → \(status.code)")
                            }
                        }
                    }
                }
                print("Extreme parameters: \(targets.count) routes x \(Self.payloads.count) payloads = \(sent) requests; "
                      + "\(failures.count) answered 500 or more; \(tolerated.count) API answers accepted an invalid value")
                #expect(failures.isEmpty, "\(failures.prefix(40).joined(separator: "\n"))")
                #expect(tolerated.isEmpty, "\(tolerated.prefix(40).joined(separator: "\n"))")
                #expect(try await app.api(.GET, "/healthz", token: nil).status == .ok)
                #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .ok)
            }
        }

        /// Int.min, Int.max, 1e309, 10,000 digits and garbage are not a valid number or date anywhere.
        static func isInvalidEverywhere(_ payload: Payload) -> Bool {
            ["Int.min", "Int.max", "1e309", "10,000 digits", "garbage", "29 February 2023", "year 0"].contains(payload.name)
        }

        static func key(_ method: String, _ path: [PathComponent]) -> String {
            "\(method) /" + path.map { component in
                switch component {
                case let .constant(text): text
                case let .parameter(name): ":\(name)"
                case .anything: "*"
                case .catchall: "**"
                }
            }.joined(separator: "/")
        }

        /// The route a concrete path reaches, if any.
        static func match(_ method: String, _ path: String, routes: [(String, [PathComponent])]) -> String? {
            let parts = path.split(separator: "?").first.map { $0.split(separator: "/").map(String.init) } ?? []
            for (routeMethod, components) in routes where routeMethod == method {
                var matched = components.count == parts.count
                if matched {
                    for (component, part) in zip(components, parts) {
                        if case let .constant(text) = component, text != part { matched = false; break }
                    }
                }
                if matched { return key(method, components) }
            }
            return nil
        }

        // MARK: - Reading the site

        /// Follows every link from the dashboard (up to a bound) and reads every form.
        static func crawl(_ visitor: inout Visitor, routes: [(String, [PathComponent])], into targets: inout [String: Target]) async throws {
            var queue = ["/", "/partnerships/calderdale", "/account", "/admin"]
            var seen = Set(queue)
            var pages = 0
            while !queue.isEmpty, pages < 260 {
                let path = queue.removeFirst()
                guard path.hasPrefix("/"), !path.hasPrefix("/api/"), !path.hasPrefix("/logout") else { continue }
                let answer = try await visitor.get(path)
                pages += 1
                if let key = match("GET", path, routes: routes) {
                    if targets[key]?.path == nil { targets[key]?.path = path.split(separator: "?").first.map(String.init) }
                    for field in queryFields(path) { targets[key]?.fields[field.name] = field }
                }
                guard answer.status == .ok, answer.headers.contentType?.subType == "html" else { continue }
                let html = answer.body.string
                for link in links(in: html) {
                    let route = match("GET", link, routes: routes)
                    let unseenRoute = route.map { targets[$0]?.path == nil } ?? false
                    // Every route once, and links that add a query string once more.
                    if !seen.contains(link), unseenRoute || (link.contains("?") && !seen.contains(link.split(separator: "?")[0] + "?")) {
                        seen.insert(link)
                        if link.contains("?") { seen.insert(link.split(separator: "?")[0] + "?") }
                        queue.append(link)
                    }
                }
                for form in forms(in: html) {
                    guard let key = match(form.method, form.action, routes: routes) else { continue }
                    if targets[key]?.path == nil { targets[key]?.path = form.action.split(separator: "?").first.map(String.init) }
                    for field in form.fields where field.name != CSRF.field { targets[key]?.fields[field.name] = field }
                }
            }
        }

        static func links(in html: String) -> [String] {
            matches(##"href="(/[^"#]*)""##, in: html).map { $0[0].replacingOccurrences(of: "&amp;", with: "&") }
        }

        static func queryFields(_ path: String) -> [Field] {
            guard let query = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return [] }
            return query.split(separator: "&").compactMap { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard let name = parts.first?.removingPercentEncoding else { return nil }
                let value = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
                return Field(name: name, numericOrDate: looksNumericOrDate(name: name, type: "text", value: value), value: value)
            }
        }

        struct Form {
            let action: String
            let method: String
            let fields: [Field]
        }

        static func forms(in html: String) -> [Form] {
            matches(#"(?s)<form([^>]*)>(.*?)</form>"#, in: html).compactMap { groups in
                let attributes = groups[0], body = groups[1]
                let action = attribute("action", in: attributes) ?? ""
                let method = (attribute("method", in: attributes) ?? "get").uppercased()
                guard action.hasPrefix("/") else { return nil }
                var fields: [Field] = []
                for input in matches(#"<input([^>]*)>"#, in: body) {
                    guard let name = attribute("name", in: input[0]) else { continue }
                    let type = attribute("type", in: input[0]) ?? "text"
                    if type == "submit" || type == "file" { continue }
                    let value = attribute("value", in: input[0]) ?? ""
                    if (type == "radio" || type == "checkbox"), fields.contains(where: { $0.name == name }) { continue }
                    fields.append(Field(name: name, numericOrDate: type == "number" || type == "date" || input[0].contains("inputmode=\"numeric\"")
                                            || looksNumericOrDate(name: name, type: type, value: value), value: value))
                }
                for select in matches(#"(?s)<select([^>]*)>(.*?)</select>"#, in: body) {
                    guard let name = attribute("name", in: select[0]) else { continue }
                    let first = matches(#"<option[^>]*value="([^"]*)""#, in: select[1]).first?[0] ?? ""
                    let selected = matches(#"<option[^>]*value="([^"]*)"[^>]*selected"#, in: select[1]).first?[0] ?? first
                    fields.append(Field(name: name, numericOrDate: looksNumericOrDate(name: name, type: "select", value: selected), value: selected))
                }
                for area in matches(#"(?s)<textarea([^>]*)>(.*?)</textarea>"#, in: body) {
                    guard let name = attribute("name", in: area[0]) else { continue }
                    fields.append(Field(name: name, numericOrDate: false, value: area[1].isEmpty ? "Some text" : area[1]))
                }
                return Form(action: action.replacingOccurrences(of: "&amp;", with: "&"), method: method, fields: fields)
            }
        }

        /// Names and values that hold numbers or dates in this app's forms.
        static func looksNumericOrDate(name: String, type: String, value: String) -> Bool {
            let lower = name.lowercased()
            let words = ["year", "month", "day", "date", "_on", "period", "value", "numerator", "denominator", "count", "number",
                         "amount", "pence", "total", "position", "days", "months", "score", "rating", "quarter", "age", "pounds"]
            if words.contains(where: { lower.contains($0) }) { return true }
            return !value.isEmpty && value.allSatisfy { $0.isNumber || $0 == "-" || $0 == "." || $0 == "," }
        }

        static func attribute(_ name: String, in text: String) -> String? {
            matches(#"(?:^|\s)"# + name + #"="([^"]*)""#, in: text).first?[0].replacingOccurrences(of: "&amp;", with: "&")
        }

        static func matches(_ pattern: String, in text: String) -> [[String]] {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
            let ns = text as NSString
            return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
                (1..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0)) }
            }
        }

        // MARK: - Reading the contract

        static func readContract(routes: [(String, [PathComponent])], into targets: inout [String: Target]) throws {
            let json = try #require(OpenAPIDocument.texts?.json)
            let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let components = document["components"] as? [String: Any] ?? [:]
            for (path, item) in paths {
                guard let item = item as? [String: Any] else { continue }
                let shared = (item["parameters"] as? [Any]) ?? []
                for method in ["get", "post", "put", "patch", "delete"] {
                    guard let operation = item[method] as? [String: Any] else { continue }
                    let pattern = path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
                    let key = "\(method.uppercased()) \(pattern)"
                    guard targets[key] != nil else { continue }
                    targets[key]?.isAPI = true
                    for parameter in shared + ((operation["parameters"] as? [Any]) ?? []) {
                        guard let parameter = resolve(parameter, components), parameter["in"] as? String == "query",
                              let name = parameter["name"] as? String else { continue }
                        let schema = parameter["schema"] as? [String: Any] ?? [:]
                        let example = (parameter["example"]).map { "\($0)" } ?? ""
                        targets[key]?.fields[name] = Field(name: name, numericOrDate: isNumericOrDate(schema), value: example)
                    }
                    guard let body = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any] else { continue }
                    if let csv = body["text/csv"] as? [String: Any] {
                        targets[key]?.csv = csv["example"] as? String ?? "indicator,period,value\nmissing_episodes,2024-25 Q1,1\n"
                    }
                    if let media = body["application/json"] as? [String: Any], let schema = resolve(media["schema"] as Any, components),
                       let properties = schema["properties"] as? [String: Any] {
                        let example = media["example"] as? [String: Any] ?? [:]
                        for (name, property) in properties {
                            let property = resolve(property, components) ?? [:]
                            let sample = example[name].flatMap(jsonText) ?? (property["example"]).flatMap(jsonText) ?? "\"text\""
                            targets[key]?.json.append((name, isNumericOrDate(property), sample))
                        }
                    }
                }
            }
        }

        static func resolve(_ value: Any, _ components: [String: Any]) -> [String: Any]? {
            guard let object = value as? [String: Any] else { return nil }
            guard let reference = object["$ref"] as? String else { return object }
            let parts = reference.replacingOccurrences(of: "#/components/", with: "").split(separator: "/").map(String.init)
            guard parts.count == 2 else { return nil }
            return (components[parts[0]] as? [String: Any])?[parts[1]] as? [String: Any]
        }

        static func isNumericOrDate(_ schema: [String: Any]) -> Bool {
            let type = "\(schema["type"] ?? "")"
            let format = schema["format"] as? String
            return type.contains("integer") || type.contains("number") || format == "date" || format == "date-time"
        }

        static func jsonText(_ value: Any) -> String? {
            guard JSONSerialization.isValidJSONObject([value]), let data = try? JSONSerialization.data(withJSONObject: [value]) else { return nil }
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }

        // MARK: - Building the requests

        struct Request {
            let path: String
            var form: [String: String] = [:]
            var json: String?
            var csv: String?
            var touchesParameter = false
        }

        /// The requests for one route and payload: its numbers and dates set to the payload on a
        /// path that reaches it, and, when it has path parameters, the payload in place of them.
        static func requests(method: String, pattern: String, target: Target, payload: Payload) -> [Request] {
            let parameters = pattern.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
            let valid = target.path ?? substitute(pattern, with: [:])
            var out: [Request] = []
            let numeric = target.fields.values.filter(\.numericOrDate)
            if !numeric.isEmpty || !target.json.isEmpty || target.csv != nil || parameters.isEmpty {
                var request = Request(path: valid)
                var fields = Dictionary(uniqueKeysWithValues: target.fields.values.map { ($0.name, $0.value) })
                for field in numeric { fields[field.name] = value(of: payload, for: field.name) }
                request.touchesParameter = !numeric.isEmpty || !target.json.isEmpty || target.csv != nil
                if method == "GET" || method == "DELETE" || target.isAPI {
                    let numericNames = Set(numeric.map(\.name))
                    let query = fields.filter { !$0.value.isEmpty || numericNames.contains($0.key) }
                        .map { "\(escape($0.key))=\(escape($0.value))" }.sorted().joined(separator: "&")
                    request = Request(path: query.isEmpty ? valid : "\(valid)?\(query)", touchesParameter: request.touchesParameter)
                    if target.isAPI && target.fields.values.contains(where: { !$0.numericOrDate }) && numeric.isEmpty { request.touchesParameter = false }
                } else {
                    request.form = fields
                }
                if !target.json.isEmpty {
                    let members = target.json.map { "\"\($0.name)\":\($0.numericOrDate ? jsonValue(payload, for: $0.name) : $0.example)" }
                    request.json = "{" + members.joined(separator: ",") + "}"
                }
                if let csv = target.csv {
                    var lines = csv.split(separator: "\n").map(String.init)
                    if lines.count > 1 {
                        var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                        cells[cells.count - 1] = payload.text.replacingOccurrences(of: ",", with: "")
                        lines[1] = cells.joined(separator: ",")
                    }
                    request.csv = lines.joined(separator: "\n") + "\n"
                }
                out.append(request)
            }
            let replaceable = parameters.filter { $0 != "slug" }
            // Record ids are UUIDs read in one place (`uuidParameter`): three payloads are enough for
            // them; year-like parameters get every payload.
            let everyPayload = replaceable.contains { $0.contains("year") || $0 == "key" || $0 == "period" }
            if !replaceable.isEmpty, everyPayload || ["Int.min", "10,000 digits", "garbage"].contains(payload.name) {
                let extreme = escape(payload.text.isEmpty ? "%20" : payload.text)
                out.append(Request(path: substitute(pattern, with: Dictionary(uniqueKeysWithValues: replaceable.map { ($0, extreme) })),
                                   touchesParameter: false))
            }
            return out
        }

        /// The pattern with `:slug` the demo partnership and other parameters given, or a plausible value.
        static func substitute(_ pattern: String, with values: [String: String]) -> String {
            "/" + pattern.split(separator: "/").map { part -> String in
                guard part.hasPrefix(":") else { return String(part) }
                let name = String(part.dropFirst())
                if let value = values[name] { return value }
                switch name {
                case "slug": return "calderdale"
                case "year": return "2023-24"
                default: return UUID().uuidString
                }
            }.joined(separator: "/")
        }

        /// The payload as a field of this name takes it: three-box dates get their own part.
        static func value(of payload: Payload, for name: String) -> String {
            let date = payload.text.split(separator: "-").map(String.init)
            let isDate = date.count == 3 && date[0].count == 4
            if name.hasSuffix("-year") { return isDate ? date[0] : payload.text }
            if name.hasSuffix("-month") { return isDate ? date[1] : payload.text }
            if name.hasSuffix("-day") { return isDate ? date[2] : payload.text }
            return payload.text
        }

        static func jsonValue(_ payload: Payload, for name: String) -> String {
            switch payload.name {
            case "empty": "\"\""
            case "garbage": "\"x<>\\u0000\""
            case "year 0", "year 9999", "29 February 2023": "\"\(payload.text)\""
            default: payload.text
            }
        }

        static func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
        }
    }
}
