/// A small typed HTML builder. Text is escaped when rendered; only `HTMLNode.raw` is not,
/// and it is used for markup this project generated itself (SVG charts).
public struct HTMLNode: Sendable {
    indirect enum Kind: Sendable {
        case element(name: String, attributes: [HTMLAttribute], children: [HTMLNode])
        case text(String)
        case raw(String)
        case fragment([HTMLNode])
    }

    let kind: Kind

    public static func text(_ text: String) -> HTMLNode { HTMLNode(kind: .text(text)) }
    public static func raw(_ markup: String) -> HTMLNode { HTMLNode(kind: .raw(markup)) }
    public static func fragment(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(kind: .fragment(nodes)) }
    public static let empty = HTMLNode(kind: .fragment([]))

    public static func element(_ name: String, _ attributes: [HTMLAttribute], _ children: [HTMLNode]) -> HTMLNode {
        HTMLNode(kind: .element(name: name, attributes: attributes, children: children))
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    public func render(into out: inout String) {
        switch kind {
        case .text(let text):
            out += Escape.html(text)
        case .raw(let markup):
            out += markup
        case .fragment(let nodes):
            for node in nodes { node.render(into: &out) }
        case let .element(name, attributes, children):
            out += "<" + name
            for attribute in attributes {
                out += " " + attribute.name
                if let value = attribute.value { out += "=\"" + Escape.attribute(value) + "\"" }
            }
            out += ">"
            if HTMLNode.voidElements.contains(name) { return }
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        }
    }
}

public struct HTMLAttribute: Sendable, Equatable {
    public let name: String
    public let value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    public static func `class`(_ value: String) -> HTMLAttribute { .init("class", value) }
    public static func id(_ value: String) -> HTMLAttribute { .init("id", value) }
    public static func href(_ value: String) -> HTMLAttribute { .init("href", value) }
    public static func name(_ value: String) -> HTMLAttribute { .init("name", value) }
    public static func type(_ value: String) -> HTMLAttribute { .init("type", value) }
    public static func value(_ value: String) -> HTMLAttribute { .init("value", value) }
    public static func `for`(_ value: String) -> HTMLAttribute { .init("for", value) }
    public static func action(_ value: String) -> HTMLAttribute { .init("action", value) }
    public static func method(_ value: String) -> HTMLAttribute { .init("method", value) }
    public static func role(_ value: String) -> HTMLAttribute { .init("role", value) }
    public static func scope(_ value: String) -> HTMLAttribute { .init("scope", value) }
    public static func aria(_ name: String, _ value: String) -> HTMLAttribute { .init("aria-" + name, value) }
    public static func data(_ name: String, _ value: String) -> HTMLAttribute { .init("data-" + name, value) }
    public static func autocomplete(_ value: String) -> HTMLAttribute { .init("autocomplete", value) }
    public static func flag(_ name: String) -> HTMLAttribute { .init(name, nil) }
    /// Adds a boolean attribute only when `on` is true.
    public static func flag(_ name: String, _ on: Bool) -> HTMLAttribute? { on ? .init(name, nil) : nil }
}

@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ node: HTMLNode) -> [HTMLNode] { [node] }
    public static func buildExpression(_ nodes: [HTMLNode]) -> [HTMLNode] { nodes }
    public static func buildExpression(_ text: String) -> [HTMLNode] { [.text(text)] }
    public static func buildBlock(_ parts: [HTMLNode]...) -> [HTMLNode] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [HTMLNode]?) -> [HTMLNode] { part ?? [] }
    public static func buildEither(first: [HTMLNode]) -> [HTMLNode] { first }
    public static func buildEither(second: [HTMLNode]) -> [HTMLNode] { second }
    public static func buildArray(_ parts: [[HTMLNode]]) -> [HTMLNode] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [HTMLNode]) -> [HTMLNode] { part }
}

/// Builds an element: `el("p", .class("govuk-body")) { "Hello" }`. Nil attributes are skipped.
public func el(_ name: String, _ attributes: HTMLAttribute?..., @HTMLBuilder children: () -> [HTMLNode] = { [] }) -> HTMLNode {
    .element(name, attributes.compactMap { $0 }, children())
}

/// Groups nodes without a wrapping element.
public func group(@HTMLBuilder _ children: () -> [HTMLNode]) -> HTMLNode {
    .fragment(children())
}

public enum Escape {
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func attribute(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
