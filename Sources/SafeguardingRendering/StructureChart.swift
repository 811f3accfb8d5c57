import SafeguardingDomain

/// The partnership's structure as an SVG drawing: the Executive at the top, the bodies that
/// report to it in rows beneath, and any group reporting to one of those stacked under it
/// (the reference report's Appendix 1). Pure Swift, so pages, PDF and Word draw the same.
public struct StructureChart: Sendable {
    public struct Body: Sendable, Equatable {
        public let id: String
        public let name: String
        public let kind: GroupKind
        public let chair: String?
        public let reportsTo: String?

        public init(id: String, name: String, kind: GroupKind, chair: String?, reportsTo: String?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.chair = chair
            self.reportsTo = reportsTo
        }
    }

    public let title: String
    public let bodies: [Body]

    public init(title: String, bodies: [Body]) {
        self.title = title
        self.bodies = bodies
    }

    static let boxWidth = 210.0
    static let boxHeight = 84.0
    /// A group stacked under another is indented by this much and narrower by the same,
    /// so it stays inside its column and clear of the trunk line in the gap.
    static let indent = 14.0
    static let columnGap = 26.0
    static let rowGap = 46.0
    static let stackGap = 18.0
    static let perRow = 4
    static let margin = 12.0

    struct Placed {
        let body: Body
        let x: Double
        let y: Double
        var width: Double = StructureChart.boxWidth
    }

    /// Tops (bodies reporting to nobody, or to a body not in the chart) come first: the Executive.
    func layout() -> (boxes: [Placed], lines: [(Double, Double, Double, Double)], width: Double, height: Double) {
        let ids = Set(bodies.map(\.id))
        let tops = bodies.filter { $0.reportsTo == nil || !ids.contains($0.reportsTo!) }
            .sorted { ($0.kind == .executive ? 0 : 1, $0.name) < ($1.kind == .executive ? 0 : 1, $1.name) }
        guard let root = tops.first else { return ([], [], 2 * Self.margin, 2 * Self.margin) }
        // Other tops sit beside the Executive's reports, drawn without a line to it.
        // Bodies keep the order they were given in (the partnership's own order).
        let level1 = bodies.filter { $0.reportsTo == root.id } + tops.dropFirst()
        func children(of id: String) -> [Body] {
            bodies.filter { $0.reportsTo == id }
        }
        func descendants(of id: String, depth: Int = 0) -> [Body] {
            guard depth < 8 else { return [] }
            return children(of: id).flatMap { [$0] + descendants(of: $0.id, depth: depth + 1) }
        }

        let columns = max(1, min(Self.perRow, level1.count))
        let width = Double(columns) * Self.boxWidth + Double(columns - 1) * Self.columnGap + 2 * Self.margin
        var boxes: [Placed] = []
        var lines: [(Double, Double, Double, Double)] = []
        let rootX = (width - Self.boxWidth) / 2
        boxes.append(Placed(body: root, x: rootX, y: Self.margin))
        let rootBottom = Self.margin + Self.boxHeight
        let rootCentre = rootX + Self.boxWidth / 2

        var y = rootBottom + Self.rowGap
        var index = 0
        var lastBusY: Double?
        while index < level1.count {
            let row = Array(level1[index..<min(index + Self.perRow, level1.count)])
            let rowWidth = Double(row.count) * Self.boxWidth + Double(row.count - 1) * Self.columnGap
            let startX = (width - rowWidth) / 2
            let busY = y - Self.rowGap / 2
            var tallest = 0.0
            var centres: [Double] = []
            for (i, body) in row.enumerated() {
                let x = startX + Double(i) * (Self.boxWidth + Self.columnGap)
                boxes.append(Placed(body: body, x: x, y: y))
                let centre = x + Self.boxWidth / 2
                if body.reportsTo == root.id {
                    centres.append(centre)
                    lines.append((centre, busY, centre, y))
                }
                var stackY = y + Self.boxHeight
                for child in descendants(of: body.id) {
                    let childY = stackY + Self.stackGap
                    boxes.append(Placed(body: child, x: x + Self.indent, y: childY, width: Self.boxWidth - Self.indent))
                    lines.append((x + Self.indent / 2, stackY, x + Self.indent / 2, childY + Self.boxHeight / 2))
                    lines.append((x + Self.indent / 2, childY + Self.boxHeight / 2, x + Self.indent, childY + Self.boxHeight / 2))
                    stackY = childY + Self.boxHeight
                }
                tallest = max(tallest, stackY - y)
            }
            if let first = centres.first, let last = centres.last {
                lines.append((min(first, rootCentre), busY, max(last, rootCentre), busY))
                lastBusY = busY
            }
            y += tallest + Self.rowGap
            index += Self.perRow
        }
        // One trunk from the Executive down to the last row's bus; each row's bus meets it.
        if let lastBusY {
            lines.append((rootCentre, rootBottom, rootCentre, lastBusY))
        }
        return (boxes, lines, width, y - Self.rowGap + Self.margin)
    }

    /// Splits a name into lines of at most `limit` characters, breaking between words.
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// At most `count` lines; a cut ends with an ellipsis so the reader knows there is more.
    static func clipped(_ lines: [String], to count: Int) -> [String] {
        guard lines.count > count else { return lines }
        var kept = Array(lines.prefix(count))
        kept[count - 1] += "…"
        return kept
    }

    public func svg(idPrefix: String = "structure") -> String {
        let (boxes, lines, width, height) = layout()
        let titleID = "\(idPrefix)-title"
        let descID = "\(idPrefix)-desc"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"structure-chart\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" font-family=\"Arial, Helvetica, sans-serif\">"
        out += "<title id=\"\(titleID)\">\(Escape.html(title))</title>"
        out += "<desc id=\"\(descID)\">\(Escape.html(description(boxes: boxes)))</desc>"
        out += "<g stroke=\"#505a5f\" stroke-width=\"2\" fill=\"none\">"
        for (x1, y1, x2, y2) in lines {
            out += "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\"/>"
        }
        out += "</g>"
        for placed in boxes {
            out += box(placed)
        }
        out += "</svg>"
        return out
    }

    private func box(_ placed: Placed) -> String {
        let body = placed.body
        let (fill, stroke, text, dash): (String, String, String, String) = switch body.kind {
        case .executive: ("#1d70b8", "#0b0c0c", "#ffffff", "")
        case .subgroup: ("#ffffff", "#1d70b8", "#0b0c0c", "")
        case .panel: ("#ffffff", "#00703c", "#0b0c0c", "")
        case .taskAndFinish: ("#f3f2f1", "#505a5f", "#0b0c0c", " stroke-dasharray=\"6 4\"")
        case .network: ("#f3f2f1", "#6f72af", "#0b0c0c", "")
        }
        var out = "<g class=\"structure-chart__body\" data-kind=\"\(body.kind.rawValue)\">"
        out += "<rect x=\"\(fmt(placed.x))\" y=\"\(fmt(placed.y))\" width=\"\(fmt(placed.width))\" height=\"\(fmt(Self.boxHeight))\" rx=\"4\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"2\"\(dash)/>"
        let nameLines = Self.clipped(Self.wrap(body.name, limit: 24), to: 2)
        let chairLines = body.chair.map { Self.clipped(Self.wrap("Chair: " + $0, limit: 36), to: 2) } ?? []
        let centreX = placed.x + placed.width / 2
        // Name and chair together, centred in the box.
        let blockHeight = Double(nameLines.count) * 17 + (chairLines.isEmpty ? 0 : 6 + Double(chairLines.count) * 14)
        var lineY = placed.y + (Self.boxHeight - blockHeight) / 2 + 13
        for line in nameLines {
            out += "<text x=\"\(fmt(centreX))\" y=\"\(fmt(lineY))\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"\(text)\">\(Escape.html(line))</text>"
            lineY += 17
        }
        lineY += 6 - 3
        for line in chairLines {
            out += "<text x=\"\(fmt(centreX))\" y=\"\(fmt(lineY))\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"\(text)\">\(Escape.html(line))</text>"
            lineY += 14
        }
        out += "</g>"
        return out
    }

    private func description(boxes: [Placed]) -> String {
        let byID = Dictionary(bodies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return boxes.map { placed in
            if let parent = placed.body.reportsTo.flatMap({ byID[$0] }) {
                return "\(placed.body.name) (\(placed.body.kind.label.lowercased())) reports to \(parent.name)."
            }
            return "\(placed.body.name) (\(placed.body.kind.label.lowercased()))."
        }.joined(separator: " ")
    }

    private func fmt(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format1(value))
    }

    private func format1(_ value: Double) -> String {
        let scaled = (value * 10).rounded() / 10
        return "\(scaled)"
    }
}
