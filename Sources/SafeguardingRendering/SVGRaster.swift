import Foundation

/// Turns the SVG this module draws (line, bar and structure charts) into a PNG, for documents
/// that cannot show SVG: Word gets the PNG as the fallback picture of each chart.
///
/// It draws the subset the charts use, and refuses anything else by name, so a chart that starts
/// using something new fails its tests instead of quietly losing part of the picture in a report:
/// `svg` (width, height, viewBox), `g`, `line`, `rect` (rounded too), `circle`, `ellipse`,
/// `polyline`, `polygon`, `path` (straight lines only: M, L, H, V, Z), `text` (one line, no
/// `tspan`); fills and strokes in hex, `rgb()` or named colours, stroke widths, dashes, caps and
/// joins, opacity, `transform`, and the font size, weight and anchor of text. `title` and `desc`
/// are skipped. Text is filled (never stroked) in a built-in bitmap font spaced like Arial, so
/// labels take the room they take in a browser; see `BitmapFont`.
public enum SVGRaster {
    /// Draws `svg` at `scale` pixels per SVG unit (2 suits print and high-density screens).
    /// - Returns: the PNG file (8-bit RGB on a white background) and its size in pixels.
    /// - Throws: `SVGRasterError` when `svg` is not well-formed, is not an SVG, or uses
    ///   something outside the subset above.
    public static func png(svg: String, scale: Double = 2) throws(SVGRasterError) -> (png: Data, width: Int, height: Int) {
        let image = try image(svg: svg, scale: scale)
        return (PNGEncoder.png(image, pixelsPerUnit: scale), image.width, image.height)
    }

    /// Largest picture drawn, per side and in all: a chart is far smaller, and a mistaken scale
    /// should fail rather than ask for gigabytes.
    static let largestSide = 16_384
    static let largestArea = 50_000_000

    /// The drawn picture, before it is encoded.
    static func image(svg: String, scale: Double) throws(SVGRasterError) -> RGBImage {
        guard scale.isFinite, scale > 0 else { throw .invalidSize("the scale must be a positive number, not \(scale)") }
        let root = try SVGNode.parse(svg)
        guard root.name == "svg" else { throw .notAnSVG("the root element is <\(root.name)>, not <svg>") }

        let viewBox = try root.attributes["viewBox"].map { value throws(SVGRasterError) in
            let numbers = try SVGValue.numbers(value, element: "svg", attribute: "viewBox")
            guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0 else {
                throw .unsupportedValue(element: "svg", attribute: "viewBox", value: value)
            }
            return (x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        }
        let width = try root.attributes["width"].map { v throws(SVGRasterError) in try SVGValue.length(v, element: "svg", attribute: "width") } ?? viewBox?.width
        let height = try root.attributes["height"].map { v throws(SVGRasterError) in try SVGValue.length(v, element: "svg", attribute: "height") } ?? viewBox?.height
        guard let width, let height, width > 0, height > 0 else {
            throw .notAnSVG("the <svg> element needs a width and height, or a viewBox")
        }
        let (wide, high) = ((width * scale).rounded(), (height * scale).rounded())
        guard wide >= 1, high >= 1 else { throw .invalidSize("\(wide) × \(high) pixels is too small to draw") }
        guard wide <= Double(largestSide), high <= Double(largestSide), wide * high <= Double(largestArea) else {
            throw .invalidSize("\(Int(min(wide, 1e9))) × \(Int(min(high, 1e9))) pixels is more than \(largestSide) a side or \(largestArea / 1_000_000) million in all")
        }
        let (pixelWidth, pixelHeight) = (Int(wide), Int(high))

        // User units to pixels: the scale, then the viewBox fitted as preserveAspectRatio's
        // default (xMidYMid meet) or stretched when it is "none".
        var base = Affine(scale: scale)
        if let viewBox {
            let stretch = try SVGRenderer.stretches(root)
            let sx = width / viewBox.width, sy = height / viewBox.height
            let fit = stretch ? (sx, sy) : (min(sx, sy), min(sx, sy))
            let dx = stretch ? 0 : (width - viewBox.width * fit.0) / 2
            let dy = stretch ? 0 : (height - viewBox.height * fit.1) / 2
            base = base * Affine(a: fit.0, b: 0, c: 0, d: fit.1, e: dx - viewBox.x * fit.0, f: dy - viewBox.y * fit.1)
        }
        var renderer = SVGRenderer(canvas: Canvas(width: pixelWidth, height: pixelHeight))
        try renderer.drawRoot(root, transform: base)
        return renderer.canvas.image
    }
}

/// Why an SVG could not be drawn.
public enum SVGRasterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not well-formed XML: the line and what is wrong there.
    case malformed(line: Int, reason: String)
    /// The root element is not `svg`, or it has no size.
    case notAnSVG(String)
    /// An element outside the subset drawn (`image`, `use`, `tspan`, a gradient, …).
    case unsupportedElement(String)
    /// An attribute outside the subset, on the element named.
    case unsupportedAttribute(element: String, attribute: String)
    /// A value that cannot be drawn: a curve in a path, a length in `em`, a gradient fill.
    case unsupportedValue(element: String, attribute: String, value: String)
    /// The scale is not a positive number, or the picture would be unreasonably large.
    case invalidSize(String)

    public var description: String {
        switch self {
        case let .malformed(line, reason): "The SVG is not well-formed XML (line \(line): \(reason))"
        case .notAnSVG(let reason): "The document is not an SVG picture (\(reason))"
        case .unsupportedElement(let name): "The SVG uses <\(name)>, which the PNG rasteriser does not draw"
        case let .unsupportedAttribute(element, attribute): "The SVG gives <\(element)> the attribute \(attribute), which the PNG rasteriser does not draw"
        case let .unsupportedValue(element, attribute, value):
            "The SVG gives <\(element)> \(attribute)=\"\(value.count > 60 ? value.prefix(60) + "…" : value)\", which the PNG rasteriser cannot draw"
        case .invalidSize(let reason): "The PNG cannot be drawn at that size (\(reason))"
        }
    }
}

/// A picture as 8-bit RGB rows, top to bottom.
struct RGBImage: Sendable {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    subscript(x: Int, y: Int) -> Colour {
        let i = (y * width + x) * 3
        return Colour(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
    }
}

struct Colour: Equatable, Sendable, CustomStringConvertible {
    var red: UInt8
    var green: UInt8
    var blue: UInt8

    static let black = Colour(red: 0, green: 0, blue: 0)
    static let white = Colour(red: 255, green: 255, blue: 255)

    var description: String { String(format: "#%02x%02x%02x", red, green, blue) }
}

// MARK: - Reading the XML

/// An element with its attributes, child elements and the text directly inside it.
struct SVGNode {
    let name: String
    var attributes: [String: String]
    var children: [SVGNode] = []
    var text = ""

    /// Reads a document into its root element: a small XML reader for the markup this project
    /// writes. Attribute values are quoted; references are the five predefined entities or
    /// character references; comments, processing instructions and CDATA are understood; a
    /// document type declaration is skipped unless it declares entities, which are refused.
    static func parse(_ document: String) throws(SVGRasterError) -> SVGNode {
        var reader = XMLReader(bytes: Array(document.utf8))
        return try reader.document()
    }
}

private struct XMLReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func fail(_ reason: String, at offset: Int? = nil) -> SVGRasterError {
        let end = min(offset ?? index, bytes.count)
        return .malformed(line: bytes[..<end].count { $0 == UInt8(ascii: "\n") } + 1, reason: reason)
    }

    func starts(with literal: String) -> Bool {
        var i = index
        for byte in literal.utf8 {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
        }
        return true
    }

    /// Moves past the next `terminator`, or fails naming what was left open.
    mutating func skip(past terminator: String, opened what: String) throws(SVGRasterError) {
        let start = index
        while index < bytes.count {
            if starts(with: terminator) {
                index += terminator.utf8.count
                return
            }
            index += 1
        }
        throw fail("\(what) is never closed", at: start)
    }

    mutating func document() throws(SVGRasterError) -> SVGNode {
        var stack: [SVGNode] = []
        var root: SVGNode?
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let text = try characterData()
                if var top = stack.popLast() {
                    top.text += text
                    stack.append(top)
                } else if text.contains(where: { !$0.isWhitespace }) {
                    throw fail("text outside the root element")
                }
            } else if starts(with: "<!--") {
                try skip(past: "-->", opened: "a comment")
            } else if starts(with: "<?") {
                try skip(past: "?>", opened: "a processing instruction")
            } else if starts(with: "<![CDATA[") {
                let start = index + 9
                try skip(past: "]]>", opened: "a CDATA section")
                guard var top = stack.popLast() else { throw fail("CDATA outside the root element", at: start) }
                top.text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
                stack.append(top)
            } else if starts(with: "<!") {
                let start = index
                try skip(past: ">", opened: "a document type declaration")
                if bytes[start..<index].contains(UInt8(ascii: "[")) {
                    throw fail("a document type declaration with entity declarations", at: start)
                }
            } else if starts(with: "</") {
                index += 2
                let name = try self.name()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("</\(name) is not closed with >") }
                index += 1
                guard let node = stack.popLast() else { throw fail("</\(name)> closes nothing") }
                guard node.name == name else { throw fail("</\(name)> closes <\(node.name)>") }
                try attach(node, to: &stack, root: &root)
            } else {
                index += 1
                let name = try self.name()
                var node = SVGNode(name: name, attributes: [:])
                var selfClosing = false
                while true {
                    let hadSpace = skipSpace()
                    guard index < bytes.count else { throw fail("<\(name) is never closed") }
                    if bytes[index] == UInt8(ascii: ">") {
                        index += 1
                        break
                    }
                    if starts(with: "/>") {
                        index += 2
                        selfClosing = true
                        break
                    }
                    guard hadSpace else { throw fail("<\(name) needs a space before its next attribute") }
                    let attribute = try self.name()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("attribute \(attribute) of <\(name)> has no value") }
                    index += 1
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                        throw fail("the value of \(attribute) on <\(name)> is not in quotes")
                    }
                    node.attributes[attribute] = try quoted()
                }
                if selfClosing {
                    try attach(node, to: &stack, root: &root)
                } else {
                    stack.append(node)
                }
            }
        }
        if let open = stack.last { throw fail("<\(open.name)> is never closed") }
        guard let root else { throw fail("there is no root element") }
        return root
    }

    func attach(_ node: SVGNode, to stack: inout [SVGNode], root: inout SVGNode?) throws(SVGRasterError) {
        if var parent = stack.popLast() {
            parent.children.append(node)
            stack.append(parent)
        } else if root == nil {
            root = node
        } else {
            throw fail("a second root element <\(node.name)>")
        }
    }

    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = index
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index > start
    }

    mutating func name() throws(SVGRasterError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte = byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
            guard isNameByte else { break }
            index += 1
        }
        guard index > start else { throw fail("a name was expected") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func quoted() throws(SVGRasterError) -> String {
        let quote = bytes[index]
        index += 1
        var out: [UInt8] = []
        while index < bytes.count, bytes[index] != quote {
            switch bytes[index] {
            case UInt8(ascii: "<"): throw fail("< inside an attribute value")
            case UInt8(ascii: "&"): out += try reference()
            // Attribute values normalise whitespace characters to spaces.
            case 0x09, 0x0A, 0x0D: out.append(0x20); index += 1
            default: out.append(bytes[index]); index += 1
            }
        }
        guard index < bytes.count else { throw fail("an attribute value is never closed") }
        index += 1
        return String(decoding: out, as: UTF8.self)
    }

    mutating func characterData() throws(SVGRasterError) -> String {
        var out: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            if bytes[index] == UInt8(ascii: "&") {
                out += try reference()
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads `&name;` or `&#NNN;` / `&#xHH;` and gives its UTF-8 bytes.
    mutating func reference() throws(SVGRasterError) -> [UInt8] {
        let start = index
        guard let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw fail("& is not the start of an entity such as &amp;")
        }
        let body = String(decoding: bytes[(start + 1)..<semicolon], as: UTF8.self)
        index = semicolon + 1
        switch body {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            let hex = body.hasPrefix("#x") || body.hasPrefix("#X")
            if body.hasPrefix("#"), let code = UInt32(body.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
               code != 0, let scalar = Unicode.Scalar(code) {
                return Array(String(Character(scalar)).utf8)
            }
            throw fail("&\(body); is not an entity XML defines", at: start)
        }
    }
}
