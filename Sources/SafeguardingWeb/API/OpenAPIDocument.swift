import Foundation
import Vapor
import Yams

/// The API's contract, `API/openapi.yaml` in this target: served as written at
/// `/api/v1/openapi.yaml` and as JSON at `/api/v1/openapi.json`, both without a token.
/// tests/api checks every route and every real answer against it.
enum OpenAPIDocument {
    /// The YAML as shipped and its JSON form, read once.
    static let texts: (yaml: String, json: Data)? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let yaml = try? String(contentsOf: url, encoding: .utf8),
              let node = try? Yams.compose(yaml: yaml),
              let json = try? JSONSerialization.data(withJSONObject: plain(node), options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return (yaml, json)
    }()

    /// YAML's data model as JSON's: plain scalars keep their resolved type (null, boolean,
    /// number); everything else, dates included, stays text.
    static func plain(_ node: Node) -> Any {
        switch node {
        case let .mapping(mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = plain(value) }
            return object
        case let .sequence(sequence):
            return sequence.map(plain)
        case let .scalar(scalar):
            guard scalar.style == .plain else { return scalar.string }
            switch node.tag.description {
            case "tag:yaml.org,2002:null": return NSNull()
            case "tag:yaml.org,2002:bool": return node.bool ?? scalar.string
            case "tag:yaml.org,2002:int": return node.int ?? scalar.string
            case "tag:yaml.org,2002:float": return node.float ?? scalar.string
            default: return scalar.string
            }
        case let .alias(alias):
            return alias.anchor.rawValue
        }
    }

    static func json(_ req: Request) async throws -> Response {
        try answer(\.json, contentType: "application/json")
    }

    static func yaml(_ req: Request) async throws -> Response {
        try answer({ Data($0.yaml.utf8) }, contentType: "application/yaml")
    }

    private static func answer(_ body: ((yaml: String, json: Data)) -> Data, contentType: String) throws -> Response {
        guard let texts else { throw Abort(.internalServerError, reason: "The API description could not be read.") }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: contentType)
        return Response(status: .ok, headers: headers, body: .init(data: body(texts)))
    }
}
