import Foundation

/// Walks the element tree, working out each element's style and position, and draws it.
struct SVGRenderer {
    var canvas: Canvas

    /// What an element inherits from its parent, plus the group opacity it is drawn under.
    struct Style {
        var fill: Colour? = .black
        var stroke: Colour?
        var colour: Colour = .black
        var strokeWidth = 1.0
        var dashes: [Double] = []
        var dashOffset = 0.0
        var cap = Stroke.Cap.butt
        var join = Stroke.Join.miter
        var miterLimit = 4.0
        var fillOpacity = 1.0
        var strokeOpacity = 1.0
        var evenOdd = false
        var fontSize = 16.0
        var bold = false
        var anchor = TextAnchor.start
        var visible = true
        /// `display: none`, which hides the element and everything in it (not inherited: the
        /// children of a hidden element are never reached).
        var displayNone = false
        /// Opacity is not inherited in SVG, but a group's opacity applies to everything in it.
        /// Here it multiplies into each shape's alpha, which is exact unless shapes in a
        /// translucent group overlap (the charts use no opacity at all).
        var opacity = 1.0
    }

    enum TextAnchor { case start, middle, end }

    /// Elements drawn; `title`, `desc` and `metadata` are skipped wherever they are.
    static let skipped: Set<String> = ["title", "desc", "metadata"]

    /// Attributes each element may have besides the style ones below.
    static let geometry: [String: Set<String>] = [
        "svg": ["width", "height", "viewBox", "preserveAspectRatio", "x", "y"],
        "g": [],
        "line": ["x1", "y1", "x2", "y2"],
        "rect": ["x", "y", "width", "height", "rx", "ry"],
        "circle": ["cx", "cy", "r"],
        "ellipse": ["cx", "cy", "rx", "ry"],
        "polyline": ["points"],
        "polygon": ["points"],
        "path": ["d"],
        "text": ["x", "y"],
    ]

    /// Style properties, as attributes or inside `style="…"`.
    static let properties: Set<String> = [
        "fill", "stroke", "color", "stroke-width", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "opacity", "fill-opacity", "stroke-opacity", "fill-rule",
        "font-size", "font-weight", "text-anchor", "display", "visibility",
        // Read but not drawn differently: every text uses the one built-in font, upright.
        "font-family", "font-style",
        // Rendering hints a renderer may ignore.
        "shape-rendering", "text-rendering", "color-rendering", "image-rendering", "pointer-events", "cursor",
    ]

    /// Attributes that only label or identify an element.
    static func isLabel(_ attribute: String) -> Bool {
        ["id", "class", "role", "xmlns", "version", "baseProfile", "focusable", "tabindex", "lang", "xml:lang", "xml:space"].contains(attribute)
            || attribute.hasPrefix("aria-") || attribute.hasPrefix("data-") || attribute.hasPrefix("xmlns:")
    }

    static func stretches(_ root: SVGNode) throws(SVGRasterError) -> Bool {
        switch root.attributes["preserveAspectRatio"]?.trimmingCharacters(in: .whitespaces) {
        case nil, "xMidYMid", "xMidYMid meet": false
        case "none": true
        case let value?: throw .unsupportedValue(element: "svg", attribute: "preserveAspectRatio", value: value)
        }
    }

    mutating func drawRoot(_ root: SVGNode, transform: Affine) throws(SVGRasterError) {
        let (style, own) = try Self.style(of: root, inheriting: Style())
        try drawChildren(of: root, style: style, transform: transform * own)
    }

    mutating func drawChildren(of node: SVGNode, style: Style, transform: Affine) throws(SVGRasterError) {
        for child in node.children {
            try draw(child, inheriting: style, transform: transform)
        }
    }

    mutating func draw(_ node: SVGNode, inheriting parent: Style, transform parentTransform: Affine) throws(SVGRasterError) {
        if Self.skipped.contains(node.name) { return }
        guard Self.geometry[node.name] != nil, node.name != "svg" else { throw .unsupportedElement(node.name) }
        let (style, own) = try Self.style(of: node, inheriting: parent)
        if style.displayNone { return }
        let transform = parentTransform * own
        if node.name == "g" {
            try drawChildren(of: node, style: style, transform: transform)
            return
        }
        // Shapes and text have no child elements to draw; a description inside one is fine.
        if let child = node.children.first(where: { !Self.skipped.contains($0.name) }) {
            throw .unsupportedElement(child.name)
        }
        guard style.visible else { return }
        if node.name == "text" {
            try drawText(node, style: style, transform: transform)
            return
        }
        let shape = try Self.shape(of: node)
        draw(shape, style: style, transform: transform)
    }

    /// An element's outline in user units, and whether it is an ellipse (its stroke is a ring).
    struct Shape {
        var subpaths: [Subpath]
        var ellipse: (centre: Point, rx: Double, ry: Double)?
        /// A line has no inside to fill.
        var fillable = true
    }

    static func shape(of node: SVGNode) throws(SVGRasterError) -> Shape {
        func number(_ attribute: String, _ fallback: Double = 0) throws(SVGRasterError) -> Double {
            try node.attributes[attribute].map { v throws(SVGRasterError) in try SVGValue.length(v, element: node.name, attribute: attribute) } ?? fallback
        }
        switch node.name {
        case "line":
            let from = Point(x: try number("x1"), y: try number("y1")), to = Point(x: try number("x2"), y: try number("y2"))
            return Shape(subpaths: [Subpath(points: [from, to], closed: false)], fillable: false)
        case "rect":
            let x = try number("x"), y = try number("y"), width = try number("width"), height = try number("height")
            guard width > 0, height > 0 else { return Shape(subpaths: []) }
            // A missing rx or ry takes the other's value; both are at most half the side.
            let rxGiven = node.attributes["rx"] != nil, ryGiven = node.attributes["ry"] != nil
            var rx = try number("rx"), ry = try number("ry")
            if !rxGiven { rx = ry }
            if !ryGiven { ry = rx }
            rx = min(max(rx, 0), width / 2)
            ry = min(max(ry, 0), height / 2)
            return Shape(subpaths: [Geometry.rectangle(x: x, y: y, width: width, height: height, rx: rx, ry: ry)])
        case "circle", "ellipse":
            let centre = Point(x: try number("cx"), y: try number("cy"))
            let rx = node.name == "circle" ? try number("r") : try number("rx")
            let ry = node.name == "circle" ? rx : try number("ry")
            guard rx > 0, ry > 0 else { return Shape(subpaths: []) }
            return Shape(subpaths: [], ellipse: (centre, rx, ry))
        case "polyline", "polygon":
            let numbers = try SVGValue.numbers(node.attributes["points"] ?? "", element: node.name, attribute: "points")
            let points = stride(from: 0, to: numbers.count - 1, by: 2).map { Point(x: numbers[$0], y: numbers[$0 + 1]) }
            return Shape(subpaths: points.isEmpty ? [] : [Subpath(points: points, closed: node.name == "polygon")])
        default:
            return Shape(subpaths: try SVGValue.path(node.attributes["d"] ?? ""))
        }
    }

    mutating func draw(_ shape: Shape, style: Style, transform: Affine) {
        let pixelScale = transform.scaleFactor
        var subpaths = shape.subpaths
        if let (centre, rx, ry) = shape.ellipse {
            subpaths = [Geometry.ellipse(centre: centre, rx: rx, ry: ry, segments: Geometry.segments(radius: max(rx, ry) * pixelScale))]
        }
        if let fill = style.fill, shape.fillable, !subpaths.isEmpty {
            canvas.fill(subpaths.map { $0.points.map(transform.apply) }, colour: fill, alpha: style.fillOpacity * style.opacity, evenOdd: style.evenOdd)
        }
        guard let stroke = style.stroke, style.strokeWidth > 0, !subpaths.isEmpty else { return }
        let pen = Stroke(width: style.strokeWidth, cap: style.cap, join: style.join, miterLimit: style.miterLimit,
                         dashes: style.dashes, dashOffset: style.dashOffset, pixelScale: pixelScale)
        var outline: [[Point]]
        if let (centre, rx, ry) = shape.ellipse, style.dashes.isEmpty {
            outline = Geometry.ring(centre: centre, rx: rx, ry: ry, width: style.strokeWidth, pixelScale: pixelScale)
        } else {
            outline = subpaths.flatMap { pen.outline(of: $0) }
        }
        outline = outline.map { $0.map(transform.apply) }
        canvas.fill(outline, colour: stroke, alpha: style.strokeOpacity * style.opacity, evenOdd: false)
    }

    mutating func drawText(_ node: SVGNode, style: Style, transform: Affine) throws(SVGRasterError) {
        guard let fill = style.fill else { return }
        // One position for the whole line: a list placing each character is refused.
        func position(_ attribute: String) throws(SVGRasterError) -> Double {
            try node.attributes[attribute].map { v throws(SVGRasterError) in try SVGValue.length(v, element: "text", attribute: attribute) } ?? 0
        }
        let text = Self.collapsedWhitespace(node.text)
        guard !text.isEmpty else { return }
        let contours = BitmapFont.outline(of: text, at: Point(x: try position("x"), y: try position("y")), size: style.fontSize,
                                          bold: style.bold, anchor: style.anchor, transform: transform)
        canvas.fill(contours, colour: fill, alpha: style.fillOpacity * style.opacity, evenOdd: false)
    }

    /// SVG's default white space handling: line breaks go, tabs become spaces, runs of spaces
    /// become one, and spaces at either end go.
    static func collapsedWhitespace(_ text: String) -> String {
        var out = ""
        for character in text where !character.isNewline {
            let c: Character = character == "\t" ? " " : character
            if c == " " && (out.isEmpty || out.last == " ") { continue }
            out.append(c)
        }
        if out.last == " " { out.removeLast() }
        return out
    }

    // MARK: - Style

    /// The element's style and its own transform.
    static func style(of node: SVGNode, inheriting parent: Style) throws(SVGRasterError) -> (Style, Affine) {
        var style = parent
        var transform = Affine.identity
        var declarations: [(String, String)] = []
        let allowed = geometry[node.name] ?? []
        for (name, value) in node.attributes.sorted(by: { $0.key < $1.key }) {
            if name == "transform" {
                transform = try SVGValue.transform(value, element: node.name)
            } else if name == "style" {
                for declaration in value.split(separator: ";") where !declaration.allSatisfy(\.isWhitespace) {
                    let parts = declaration.split(separator: ":", maxSplits: 1)
                    let property = parts[0].trimmingCharacters(in: .whitespaces)
                    guard parts.count == 2, properties.contains(property) else {
                        throw .unsupportedAttribute(element: node.name, attribute: "style: \(property)")
                    }
                    declarations.append((property, parts[1].trimmingCharacters(in: .whitespaces)))
                }
            } else if properties.contains(name) {
                try apply(name, value, to: &style, element: node.name)
            } else if !allowed.contains(name) && !isLabel(name) {
                throw .unsupportedAttribute(element: node.name, attribute: name)
            }
        }
        // A style attribute wins over the presentation attributes beside it.
        for (property, value) in declarations {
            try apply(property, value, to: &style, element: node.name)
        }
        return (style, transform)
    }

    static func apply(_ property: String, _ raw: String, to style: inout Style, element: String) throws(SVGRasterError) {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value == "inherit" { return }
        func bad() -> SVGRasterError { .unsupportedValue(element: element, attribute: property, value: raw) }
        func fraction() throws(SVGRasterError) -> Double {
            let number = try SVGValue.number(value, element: element, attribute: property)
            return min(max(number, 0), 1)
        }
        switch property {
        case "fill": style.fill = try SVGValue.paint(value, current: style.colour, element: element, attribute: property)
        case "stroke": style.stroke = try SVGValue.paint(value, current: style.colour, element: element, attribute: property)
        case "color":
            guard let colour = try SVGValue.paint(value, current: style.colour, element: element, attribute: property) else { throw bad() }
            style.colour = colour
        case "stroke-width":
            style.strokeWidth = try SVGValue.length(value, element: element, attribute: property)
            guard style.strokeWidth >= 0 else { throw bad() }
        case "stroke-dasharray":
            if value == "none" {
                style.dashes = []
            } else {
                let dashes = try SVGValue.numbers(value, element: element, attribute: property)
                guard dashes.allSatisfy({ $0 >= 0 }) else { throw bad() }
                // All zero draws a solid line, as browsers do.
                style.dashes = dashes.contains { $0 > 0 } ? dashes : []
            }
        case "stroke-dashoffset": style.dashOffset = try SVGValue.length(value, element: element, attribute: property)
        case "stroke-linecap":
            guard let cap = Stroke.Cap(rawValue: value) else { throw bad() }
            style.cap = cap
        case "stroke-linejoin":
            guard let join = Stroke.Join(rawValue: value) else { throw bad() }
            style.join = join
        case "stroke-miterlimit":
            style.miterLimit = try SVGValue.number(value, element: element, attribute: property)
            guard style.miterLimit >= 1 else { throw bad() }
        case "opacity": style.opacity *= try fraction()
        case "fill-opacity": style.fillOpacity = try fraction()
        case "stroke-opacity": style.strokeOpacity = try fraction()
        case "fill-rule":
            guard value == "nonzero" || value == "evenodd" else { throw bad() }
            style.evenOdd = value == "evenodd"
        case "font-size":
            style.fontSize = try SVGValue.length(value, element: element, attribute: property)
            guard style.fontSize >= 0 else { throw bad() }
        case "font-weight":
            switch value {
            case "normal", "lighter": style.bold = false
            case "bold", "bolder": style.bold = true
            default:
                guard let weight = Int(value), (1...1000).contains(weight) else { throw bad() }
                style.bold = weight >= 600
            }
        case "text-anchor":
            switch value {
            case "start": style.anchor = .start
            case "middle": style.anchor = .middle
            case "end": style.anchor = .end
            default: throw bad()
            }
        case "visibility":
            switch value {
            case "visible": style.visible = true
            case "hidden", "collapse": style.visible = false
            default: throw bad()
            }
        case "display": style.displayNone = value == "none"
        default:
            // Font family and style, and rendering hints: one font, drawn upright, the same way.
            break
        }
    }
}

// MARK: - Values

/// Readers for attribute values: numbers, lengths, colours, transforms and path data.
enum SVGValue {
    /// One number, with `px` allowed after it (the only unit: a user unit is a CSS pixel).
    static func length(_ value: String, element: String, attribute: String) throws(SVGRasterError) -> Double {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("px") { text.removeLast(2) }
        return try number(text, element: element, attribute: attribute, original: value)
    }

    static func number(_ value: String, element: String, attribute: String, original: String? = nil) throws(SVGRasterError) -> Double {
        let numbers = try numbers(value, element: element, attribute: attribute, original: original)
        guard numbers.count == 1 else { throw .unsupportedValue(element: element, attribute: attribute, value: original ?? value) }
        return numbers[0]
    }

    /// Numbers separated by spaces and/or commas; as in path data, `1-2` and `.5.5` are two numbers.
    static func numbers(_ value: String, element: String, attribute: String, original: String? = nil) throws(SVGRasterError) -> [Double] {
        var scanner = NumberScanner(Array(value.utf8))
        var out: [Double] = []
        while scanner.skipSeparators() {
            guard let number = scanner.number() else {
                throw .unsupportedValue(element: element, attribute: attribute, value: original ?? value)
            }
            out.append(number)
        }
        return out
    }

    /// A colour, `none`, or `currentColor`; nil means nothing is painted.
    static func paint(_ value: String, current: Colour, element: String, attribute: String) throws(SVGRasterError) -> Colour? {
        let text = value.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "none", "transparent": return nil
        case "currentcolor": return current
        default: break
        }
        if let colour = colour(text) { return colour }
        throw .unsupportedValue(element: element, attribute: attribute, value: value)
    }

    /// `#rgb`, `#rrggbb`, `rgb(r, g, b)` with numbers or percentages, or a CSS colour name.
    static func colour(_ text: String) -> Colour? {
        if text.hasPrefix("#") {
            var hex = Array(text.utf8.dropFirst())
            if hex.count == 3 { hex = hex.flatMap { [$0, $0] } }
            guard hex.count == 6, let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16) else { return nil }
            return Colour(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
        }
        if text.hasPrefix("rgb("), text.hasSuffix(")") {
            let parts = text.dropFirst(4).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let channels = parts.compactMap { part -> UInt8? in
                let percent = part.hasSuffix("%")
                guard let number = Double(percent ? String(part.dropLast()) : part), number.isFinite else { return nil }
                return UInt8(min(max(percent ? number * 2.55 : number, 0), 255).rounded())
            }
            guard parts.count == 3, channels.count == 3 else { return nil }
            return Colour(red: channels[0], green: channels[1], blue: channels[2])
        }
        guard let hex = namedColours[text] else { return nil }
        return colour("#" + hex)
    }

    /// CSS's basic colours and a few common extended ones.
    static let namedColours: [String: String] = [
        "black": "000000", "white": "ffffff", "red": "ff0000", "lime": "00ff00", "green": "008000", "blue": "0000ff",
        "yellow": "ffff00", "cyan": "00ffff", "aqua": "00ffff", "magenta": "ff00ff", "fuchsia": "ff00ff",
        "silver": "c0c0c0", "gray": "808080", "grey": "808080", "maroon": "800000", "olive": "808000",
        "purple": "800080", "teal": "008080", "navy": "000080", "orange": "ffa500",
        "darkgray": "a9a9a9", "darkgrey": "a9a9a9", "lightgray": "d3d3d3", "lightgrey": "d3d3d3",
        "dimgray": "696969", "dimgrey": "696969", "gainsboro": "dcdcdc", "whitesmoke": "f5f5f5",
    ]

    /// A transform list: matrix, translate, scale, rotate, skewX and skewY.
    static func transform(_ value: String, element: String) throws(SVGRasterError) -> Affine {
        func bad() -> SVGRasterError { .unsupportedValue(element: element, attribute: "transform", value: value) }
        var result = Affine.identity
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "," }
            if rest.isEmpty { break }
            guard let open = rest.firstIndex(of: "("), let close = rest.firstIndex(of: ")"), open < close else { throw bad() }
            let name = rest[..<open].trimmingCharacters(in: .whitespaces)
            let arguments = try numbers(String(rest[rest.index(after: open)..<close]), element: element, attribute: "transform", original: value)
            rest = rest[rest.index(after: close)...]
            let a = arguments
            let step: Affine
            switch (name, a.count) {
            case ("matrix", 6): step = Affine(a: a[0], b: a[1], c: a[2], d: a[3], e: a[4], f: a[5])
            case ("translate", 1), ("translate", 2): step = Affine(a: 1, b: 0, c: 0, d: 1, e: a[0], f: a.count == 2 ? a[1] : 0)
            case ("scale", 1), ("scale", 2): step = Affine(a: a[0], b: 0, c: 0, d: a.count == 2 ? a[1] : a[0], e: 0, f: 0)
            case ("rotate", 1), ("rotate", 3):
                let angle = a[0] * .pi / 180
                let rotation = Affine(a: cos(angle), b: sin(angle), c: -sin(angle), d: cos(angle), e: 0, f: 0)
                if a.count == 3 {
                    step = Affine(a: 1, b: 0, c: 0, d: 1, e: a[1], f: a[2]) * rotation * Affine(a: 1, b: 0, c: 0, d: 1, e: -a[1], f: -a[2])
                } else {
                    step = rotation
                }
            case ("skewX", 1): step = Affine(a: 1, b: 0, c: tan(a[0] * .pi / 180), d: 1, e: 0, f: 0)
            case ("skewY", 1): step = Affine(a: 1, b: tan(a[0] * .pi / 180), c: 0, d: 1, e: 0, f: 0)
            default: throw bad()
            }
            result = result * step
        }
        return result
    }

    /// Path data made of straight lines: M, L, H, V and Z, absolute or relative. Curves and arcs
    /// are refused (no chart draws one).
    static func path(_ data: String) throws(SVGRasterError) -> [Subpath] {
        let bad = SVGRasterError.unsupportedValue(element: "path", attribute: "d", value: data)
        var scanner = NumberScanner(Array(data.utf8))
        var subpaths: [Subpath] = []
        var current: Subpath?
        var point = Point(x: 0, y: 0)
        var started = false
        var command: UInt8 = 0
        while scanner.skipSeparators() {
            if let letter = scanner.letter() {
                command = letter
                if letter == UInt8(ascii: "Z") || letter == UInt8(ascii: "z") {
                    guard var open = current else { continue }
                    open.closed = true
                    subpaths.append(open)
                    // A line after Z starts from the subpath's first point.
                    point = open.points[0]
                    current = nil
                    continue
                }
                guard "MmLlHhVv".utf8.contains(letter) else {
                    throw bad
                }
            }
            guard command != 0, command | 0x20 != UInt8(ascii: "z") else { throw bad }
            let relative = command >= UInt8(ascii: "a")
            let origin = relative ? point : Point(x: 0, y: 0)
            func next() throws(SVGRasterError) -> Double {
                guard scanner.skipSeparators(), let value = scanner.number() else { throw bad }
                return value
            }
            let previous = point
            switch command | 0x20 {
            case UInt8(ascii: "m"):
                point = Point(x: origin.x + (try next()), y: origin.y + (try next()))
                if let open = current, open.points.count > 1 { subpaths.append(open) }
                current = Subpath(points: [point], closed: false)
                started = true
                // Further pairs after a moveto are linetos.
                command = relative ? UInt8(ascii: "l") : UInt8(ascii: "L")
                continue
            case UInt8(ascii: "l"):
                point = Point(x: origin.x + (try next()), y: origin.y + (try next()))
            case UInt8(ascii: "h"):
                point = Point(x: origin.x + (try next()), y: point.y)
            default:
                point = Point(x: point.x, y: origin.y + (try next()))
            }
            guard started else { throw bad }
            if current == nil { current = Subpath(points: [previous], closed: false) }
            current?.points.append(point)
        }
        if let open = current, open.points.count > 1 { subpaths.append(open) }
        return subpaths
    }
}

/// Reads SVG numbers from bytes: `-1.5e3`, `.5`, `7.`, with spaces and commas between.
struct NumberScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Skips spaces and commas; false at the end.
    mutating func skipSeparators() -> Bool {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ",")].contains(bytes[index]) { index += 1 }
        return index < bytes.count
    }

    mutating func letter() -> UInt8? {
        let byte = bytes[index]
        guard (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")),
              byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") else { return nil }
        index += 1
        return byte
    }

    mutating func number() -> Double? {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var count = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            count += digits()
        }
        guard count > 0 else {
            index = start
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            let mark = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            if digits() == 0 { index = mark }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            index = start
            return nil
        }
        return value
    }
}
