import Foundation

/// Line charts for time series (the control chart and the comparator chart) and bar charts for
/// breakdowns, drawn as SVG in Swift so pages, PDF and Word show the same picture. Every chart
/// carries a title and a text description; pages also print the table behind each chart.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public let name: String
        public let values: [Double?]
        /// A colour from the palette below, so each series keeps its colour on every chart.
        public let colour: String
        public let dashed: Bool
        /// Points drawn larger and ringed: the special-cause signals.
        public let highlighted: Set<Int>

        public init(name: String, values: [Double?], colour: String, dashed: Bool = false, highlighted: Set<Int> = []) {
            self.name = name
            self.values = values
            self.colour = colour
            self.dashed = dashed
            self.highlighted = highlighted
        }
    }

    /// A horizontal line across the chart: a mean or a process limit.
    public struct Rule: Sendable {
        public let label: String
        public let value: Double
        public let dashed: Bool

        public init(label: String, value: Double, dashed: Bool) {
            self.label = label
            self.value = value
            self.dashed = dashed
        }
    }

    public let title: String
    public let description: String
    public let labels: [String]
    public let series: [Series]
    public let rules: [Rule]
    public let unit: String

    public init(title: String, description: String, labels: [String], series: [Series], rules: [Rule] = [], unit: String = "") {
        self.title = title
        self.description = description
        self.labels = labels
        self.series = series
        self.rules = rules
        self.unit = unit
    }

    public static let palette = ["#1d70b8", "#d4351c", "#00703c", "#6f72af", "#f47738", "#505a5f"]

    static let width = 720.0
    static let height = 300.0
    static let left = 64.0
    static let right = 190.0
    static let top = 20.0
    static let bottom = 56.0

    public func svg(id: String) -> String {
        let values = series.flatMap { $0.values.compactMap { $0 } } + rules.map(\.value)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let (low, high, step) = Axis.niceRange(values.min() ?? 0, values.max() ?? 1)
        func x(_ index: Int) -> Double {
            labels.count <= 1 ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(labels.count - 1)
        }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / (high - low)) }

        var out = SVG.open(id: id, title: title, description: description, width: Self.width, height: Self.height)
        // Grid and the value axis.
        var tick = low
        while tick <= high + step / 2 {
            out += "<line x1=\"\(SVG.n(Self.left))\" y1=\"\(SVG.n(y(tick)))\" x2=\"\(SVG.n(Self.left + plotWidth))\" y2=\"\(SVG.n(y(tick)))\" stroke=\"#dddddd\"/>"
            out += "<text x=\"\(SVG.n(Self.left - 8))\" y=\"\(SVG.n(y(tick) + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">\(Escape.html(Axis.format(tick)))</text>"
            tick += step
        }
        // Period labels: all of them when few, otherwise every nth so they do not collide.
        let every = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        for (index, label) in labels.enumerated() where index % every == 0 || (index == labels.count - 1 && index % every >= every / 2 + 1) {
            out += "<text x=\"\(SVG.n(x(index)))\" y=\"\(SVG.n(Self.top + plotHeight + 18))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#0b0c0c\">\(Escape.html(label))</text>"
        }
        out += "<line x1=\"\(SVG.n(Self.left))\" y1=\"\(SVG.n(Self.top + plotHeight))\" x2=\"\(SVG.n(Self.left + plotWidth))\" y2=\"\(SVG.n(Self.top + plotHeight))\" stroke=\"#0b0c0c\"/>"
        var legendY = Self.top + 6
        for rule in rules {
            out += "<line x1=\"\(SVG.n(Self.left))\" y1=\"\(SVG.n(y(rule.value)))\" x2=\"\(SVG.n(Self.left + plotWidth))\" y2=\"\(SVG.n(y(rule.value)))\" stroke=\"#505a5f\" stroke-width=\"1.5\"\(rule.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            out += "<text x=\"\(SVG.n(Self.left + plotWidth + 6))\" y=\"\(SVG.n(y(rule.value) + 4))\" font-size=\"11\" fill=\"#505a5f\">\(Escape.html(rule.label))</text>"
        }
        for item in series {
            var path = ""
            var penDown = false
            for (index, value) in item.values.enumerated() {
                guard let value else { penDown = false; continue }
                path += (penDown ? " L" : " M") + "\(SVG.n(x(index))) \(SVG.n(y(value)))"
                penDown = true
            }
            out += "<path d=\"\(path.trimmingCharacters(in: .whitespaces))\" fill=\"none\" stroke=\"\(item.colour)\" stroke-width=\"2.5\"\(item.dashed ? " stroke-dasharray=\"8 5\"" : "")/>"
            for (index, value) in item.values.enumerated() {
                guard let value else { continue }
                let ringed = item.highlighted.contains(index)
                out += "<circle cx=\"\(SVG.n(x(index)))\" cy=\"\(SVG.n(y(value)))\" r=\"\(ringed ? 6 : 3.5)\" fill=\"\(ringed ? "#ffffff" : item.colour)\" stroke=\"\(ringed ? "#d4351c" : item.colour)\" stroke-width=\"\(ringed ? 3 : 1)\"/>"
            }
            if series.count > 1 {
                out += "<line x1=\"\(SVG.n(Self.left + plotWidth + 62))\" y1=\"\(SVG.n(legendY + Self.height / 2 - 10))\" x2=\"\(SVG.n(Self.left + plotWidth + 82))\" y2=\"\(SVG.n(legendY + Self.height / 2 - 10))\" stroke=\"\(item.colour)\" stroke-width=\"3\"\(item.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
                out += "<text x=\"\(SVG.n(Self.left + plotWidth + 86))\" y=\"\(SVG.n(legendY + Self.height / 2 - 6))\" font-size=\"11\" fill=\"#0b0c0c\">\(Escape.html(String(item.name.prefix(24))))</text>"
                legendY += 16
            }
        }
        if !unit.isEmpty {
            out += "<text x=\"14\" y=\"\(SVG.n(Self.top + plotHeight / 2))\" font-size=\"11\" fill=\"#505a5f\" transform=\"rotate(-90 14 \(SVG.n(Self.top + plotHeight / 2)))\" text-anchor=\"middle\">\(Escape.html(unit))</text>"
        }
        return out + "</svg>"
    }
}

/// Horizontal bars, one per group (IMD decile, ethnic group, …), with optional interval whiskers.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public let label: String
        public let value: Double
        public let lower: Double?
        public let upper: Double?
        public let emphasised: Bool

        public init(label: String, value: Double, lower: Double? = nil, upper: Double? = nil, emphasised: Bool = false) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
            self.emphasised = emphasised
        }
    }

    public let title: String
    public let description: String
    public let bars: [Bar]
    public let reference: LineChart.Rule?

    public init(title: String, description: String, bars: [Bar], reference: LineChart.Rule? = nil) {
        self.title = title
        self.description = description
        self.bars = bars
        self.reference = reference
    }

    public func svg(id: String) -> String {
        let width = 720.0, labelWidth = 150.0, right = 90.0, barHeight = 22.0, gap = 8.0, top = 10.0
        let height = top * 2 + Double(bars.count) * (barHeight + gap) + 24
        let maxValue = (bars.map { max($0.value, $0.upper ?? 0) } + [reference?.value ?? 0]).max() ?? 1
        let (_, high, step) = Axis.niceRange(0, max(maxValue, 0.0001))
        let plotWidth = width - labelWidth - right
        func x(_ v: Double) -> Double { labelWidth + plotWidth * v / high }
        var out = SVG.open(id: id, title: title, description: description, width: width, height: height)
        let axisY = top + Double(bars.count) * (barHeight + gap)
        var tick = 0.0
        while tick <= high + step / 2 {
            out += "<line x1=\"\(SVG.n(x(tick)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(x(tick)))\" y2=\"\(SVG.n(axisY))\" stroke=\"#dddddd\"/>"
            out += "<text x=\"\(SVG.n(x(tick)))\" y=\"\(SVG.n(axisY + 16))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#0b0c0c\">\(Escape.html(Axis.format(tick)))</text>"
            tick += step
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * (barHeight + gap)
            out += "<text x=\"\(SVG.n(labelWidth - 8))\" y=\"\(SVG.n(y + barHeight / 2 + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">\(Escape.html(bar.label))</text>"
            out += "<rect x=\"\(SVG.n(labelWidth))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(max(0, x(bar.value) - labelWidth)))\" height=\"\(SVG.n(barHeight))\" fill=\"\(bar.emphasised ? "#d4351c" : "#1d70b8")\"/>"
            if let lower = bar.lower, let upper = bar.upper {
                let mid = y + barHeight / 2
                out += "<line x1=\"\(SVG.n(x(lower)))\" y1=\"\(SVG.n(mid))\" x2=\"\(SVG.n(x(upper)))\" y2=\"\(SVG.n(mid))\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>"
                for end in [lower, upper] {
                    out += "<line x1=\"\(SVG.n(x(end)))\" y1=\"\(SVG.n(mid - 5))\" x2=\"\(SVG.n(x(end)))\" y2=\"\(SVG.n(mid + 5))\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>"
                }
            }
            out += "<text x=\"\(SVG.n(max(x(bar.value), x(bar.upper ?? 0)) + 6))\" y=\"\(SVG.n(y + barHeight / 2 + 4))\" font-size=\"12\" fill=\"#0b0c0c\">\(Escape.html(Axis.format(bar.value)))</text>"
        }
        if let reference {
            out += "<line x1=\"\(SVG.n(x(reference.value)))\" y1=\"\(SVG.n(top - 4))\" x2=\"\(SVG.n(x(reference.value)))\" y2=\"\(SVG.n(axisY))\" stroke=\"#0b0c0c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        }
        return out + "</svg>"
    }
}

enum SVG {
    static func open(id: String, title: String, description: String, width: Double, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"Arial, Helvetica, sans-serif\">"
            + "<title id=\"\(id)-title\">\(Escape.html(title))</title><desc id=\"\(id)-desc\">\(Escape.html(description))</desc>"
    }

    /// Coordinates to one decimal place: small files, no visible loss.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Axis ranges on round numbers (1, 2, 2.5 or 5 times a power of ten).
public enum Axis {
    public static func niceRange(_ minimum: Double, _ maximum: Double) -> (low: Double, high: Double, step: Double) {
        var low = min(minimum, maximum), high = max(minimum, maximum)
        if low > 0 && low < high * 0.5 { low = 0 }
        if high == low { high = low + 1 }
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step, step)
    }

    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "unreadable" }
        if abs(value) < 1e15, abs(value - value.rounded()) < 1e-9 { return groupedInteger(Int(value.rounded())) }
        return String(format: "%.1f", value)
    }

    static func groupedInteger(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
