import Foundation

struct Point: Equatable {
    var x: Double
    var y: Double

    static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
    static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
    static func * (a: Point, k: Double) -> Point { Point(x: a.x * k, y: a.y * k) }
    var length: Double { (x * x + y * y).squareRoot() }
}

/// An affine map, `x' = a x + c y + e`, `y' = b x + d y + f`, as SVG's `matrix(a b c d e f)`.
struct Affine {
    var a: Double, b: Double, c: Double, d: Double, e: Double, f: Double

    static let identity = Affine(a: 1, b: 0, c: 0, d: 1, e: 0, f: 0)

    init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }

    init(scale: Double) { self.init(a: scale, b: 0, c: 0, d: scale, e: 0, f: 0) }

    /// `outer * inner` applies `inner` first.
    static func * (m: Affine, n: Affine) -> Affine {
        Affine(a: m.a * n.a + m.c * n.b, b: m.b * n.a + m.d * n.b,
               c: m.a * n.c + m.c * n.d, d: m.b * n.c + m.d * n.d,
               e: m.a * n.e + m.c * n.f + m.e, f: m.b * n.e + m.d * n.f + m.f)
    }

    func apply(_ p: Point) -> Point { Point(x: a * p.x + c * p.y + e, y: b * p.x + d * p.y + f) }

    /// How many pixels one user unit spans, on average over directions.
    var scaleFactor: Double { abs(a * d - b * c).squareRoot() }

    /// Whether it keeps horizontal and vertical lines so (no rotation other than quarter turns, no skew).
    var keepsAxes: Bool {
        let tiny = 1e-9
        return (abs(b) < tiny && abs(c) < tiny) || (abs(a) < tiny && abs(d) < tiny)
    }
}

/// A run of straight lines; a closed one returns to its first point.
struct Subpath {
    var points: [Point]
    var closed: Bool
}

// MARK: - Outlines

/// Shapes as polygons.
enum Geometry {
    /// Sides of a polygon standing in for a circle of `radius` pixels: chords of about 1.5
    /// pixels, which stray from the circle by well under a tenth of a pixel.
    static func segments(radius: Double) -> Int {
        min(512, max(12, Int((2 * .pi * radius / 1.5).rounded(.up))))
    }

    /// Clockwise on screen from the rightmost point, where SVG starts a circle's dashes.
    static func ellipse(centre: Point, rx: Double, ry: Double, segments: Int) -> Subpath {
        let points = (0..<segments).map { i in
            let angle = 2 * .pi * Double(i) / Double(segments)
            return Point(x: centre.x + rx * cos(angle), y: centre.y + ry * sin(angle))
        }
        return Subpath(points: points, closed: true)
    }

    /// A rectangle from its top-left corner, clockwise on screen, with elliptical corners when
    /// `rx` and `ry` are above zero (dashes start where SVG starts them, after the first corner).
    static func rectangle(x: Double, y: Double, width: Double, height: Double, rx: Double, ry: Double) -> Subpath {
        guard rx > 0, ry > 0 else {
            return Subpath(points: [Point(x: x, y: y), Point(x: x + width, y: y), Point(x: x + width, y: y + height), Point(x: x, y: y + height)], closed: true)
        }
        // Corners as quarter ellipses; eight chords a corner is smooth at chart sizes.
        let steps = 8
        let corners = [
            (Point(x: x + width - rx, y: y + ry), -Double.pi / 2),
            (Point(x: x + width - rx, y: y + height - ry), 0),
            (Point(x: x + rx, y: y + height - ry), Double.pi / 2),
            (Point(x: x + rx, y: y + ry), Double.pi),
        ]
        var points = [Point(x: x + rx, y: y)]
        for (centre, start) in corners {
            for step in 0...steps {
                let angle = start + Double.pi / 2 * Double(step) / Double(steps)
                points.append(Point(x: centre.x + rx * cos(angle), y: centre.y + ry * sin(angle)))
            }
        }
        points.removeLast()
        return Subpath(points: points, closed: true)
    }

    /// An undashed ellipse's stroke: the outer edge and the inner one running the other way, so
    /// the middle stays empty.
    static func ring(centre: Point, rx: Double, ry: Double, width: Double, pixelScale: Double) -> [[Point]] {
        let count = segments(radius: (max(rx, ry) + width / 2) * pixelScale)
        let outer = ellipse(centre: centre, rx: rx + width / 2, ry: ry + width / 2, segments: count).points
        guard rx - width / 2 > 0, ry - width / 2 > 0 else { return [outer] }
        let inner = ellipse(centre: centre, rx: rx - width / 2, ry: ry - width / 2, segments: count).points
        return [outer, inner.reversed()]
    }

    /// Twice the signed area: which way round a polygon runs.
    static func signedArea(_ polygon: [Point]) -> Double {
        var sum = 0.0
        for i in polygon.indices {
            let p = polygon[i], q = polygon[(i + 1) % polygon.count]
            sum += p.x * q.y - q.x * p.y
        }
        return sum
    }

    /// The polygon running the positive way round, so that overlapping pieces of one stroke
    /// add up under the non-zero rule instead of cancelling.
    static func positive(_ polygon: [Point]) -> [Point] {
        signedArea(polygon) < 0 ? polygon.reversed() : polygon
    }
}

/// How a line is stroked: its width, dashes, ends and corners.
struct Stroke {
    enum Cap: String { case butt, round, square }
    enum Join: String { case miter, round, bevel }

    let width: Double
    let cap: Cap
    let join: Join
    let miterLimit: Double
    let dashes: [Double]
    let dashOffset: Double
    /// Pixels per user unit, to choose how finely round caps and joins are drawn.
    let pixelScale: Double

    /// The stroke as polygons that together cover it (filled as one under the non-zero rule):
    /// a quadrilateral for each segment of each dash, plus its corners and ends.
    func outline(of subpath: Subpath) -> [[Point]] {
        dashed(subpath).flatMap(outlineOfDash)
    }

    private func outlineOfDash(_ subpath: Subpath) -> [[Point]] {
        var points: [Point] = []
        for point in subpath.points where points.last.map({ ($0 - point).length > 1e-9 }) ?? true {
            points.append(point)
        }
        if subpath.closed, points.count > 1, (points[0] - points[points.count - 1]).length <= 1e-9 { points.removeLast() }
        let half = width / 2
        guard points.count > 1 else {
            // A zero-length line shows only through its caps.
            guard let only = points.first, !subpath.closed else { return [] }
            switch cap {
            case .butt: return []
            case .round: return [dot(at: only)]
            case .square:
                return [[only + Point(x: -half, y: -half), only + Point(x: half, y: -half), only + Point(x: half, y: half), only + Point(x: -half, y: half)]]
            }
        }
        let closed = subpath.closed && points.count > 2
        let count = points.count
        let segmentCount = closed ? count : count - 1
        var pieces: [[Point]] = []
        var directions: [Point] = []
        for i in 0..<segmentCount {
            var p = points[i], q = points[(i + 1) % count]
            let direction = (q - p) * (1 / (q - p).length)
            directions.append(direction)
            if !closed && cap == .square {
                if i == 0 { p = p - direction * half }
                if i == segmentCount - 1 { q = q + direction * half }
            }
            let normal = Point(x: -direction.y, y: direction.x) * half
            pieces.append(Geometry.positive([p + normal, q + normal, q - normal, p - normal]))
        }
        let corners = closed ? Array(0..<count) : Array(1..<(count - 1))
        for i in corners {
            let incoming = directions[(i - 1 + segmentCount) % segmentCount], outgoing = directions[i % segmentCount]
            if let piece = corner(at: points[i], incoming: incoming, outgoing: outgoing) { pieces.append(piece) }
        }
        if !closed && cap == .round {
            pieces.append(dot(at: points[0]))
            pieces.append(dot(at: points[count - 1]))
        }
        return pieces
    }

    /// Fills the notch on the outside of a corner between two segments' quadrilaterals.
    private func corner(at vertex: Point, incoming: Point, outgoing: Point) -> [Point]? {
        let cross = incoming.x * outgoing.y - incoming.y * outgoing.x
        let dot = incoming.x * outgoing.x + incoming.y * outgoing.y
        if abs(cross) < 1e-9 && dot > 0 { return nil }
        if join == .round { return self.dot(at: vertex) }
        let half = width / 2
        // The path turns towards the side its normal points to when cross > 0; the notch is opposite.
        let side = cross > 0 ? -half : half
        let a = vertex + Point(x: -incoming.y, y: incoming.x) * side
        let b = vertex + Point(x: -outgoing.y, y: outgoing.x) * side
        if join == .miter {
            // The miter's tip lies along the bisector; its length over the width is 1 / cos(θ/2).
            let cosHalf = ((1 + dot) / 2).squareRoot()
            if cosHalf > 1e-9, 1 / cosHalf <= miterLimit {
                var bisector = (a - vertex) + (b - vertex)
                bisector = bisector * (1 / bisector.length)
                return Geometry.positive([vertex, a, vertex + bisector * (half / cosHalf), b])
            }
        }
        return Geometry.positive([vertex, a, b])
    }

    private func dot(at centre: Point) -> [Point] {
        Geometry.positive(Geometry.ellipse(centre: centre, rx: width / 2, ry: width / 2, segments: Geometry.segments(radius: width / 2 * pixelScale)).points)
    }

    /// The dashes of a subpath as open subpaths, following `stroke-dasharray` and `-dashoffset`.
    func dashed(_ subpath: Subpath) -> [Subpath] {
        guard !dashes.isEmpty else { return [subpath] }
        let pattern = dashes.count % 2 == 1 ? dashes + dashes : dashes
        let total = pattern.reduce(0, +)
        var points = subpath.points
        if subpath.closed, let first = points.first { points.append(first) }
        guard total > 0, points.count > 1 else { return [subpath] }

        // Where in the pattern the path starts.
        var phase = dashOffset.truncatingRemainder(dividingBy: total)
        if phase < 0 { phase += total }
        var index = 0
        while phase >= pattern[index] {
            phase -= pattern[index]
            index = (index + 1) % pattern.count
        }
        var remaining = pattern[index] - phase
        var on = index % 2 == 0
        var out: [Subpath] = []
        var current: [Point] = on ? [points[0]] : []
        for i in 1..<points.count {
            let p = points[i - 1], q = points[i]
            let length = (q - p).length
            var travelled = 0.0
            while length - travelled > remaining {
                travelled += remaining
                let point = p + (q - p) * (travelled / length)
                if on {
                    current.append(point)
                    out.append(Subpath(points: current, closed: false))
                    current = []
                } else {
                    current = [point]
                }
                on.toggle()
                index = (index + 1) % pattern.count
                remaining = pattern[index]
            }
            remaining -= length - travelled
            if on { current.append(q) }
        }
        if on, current.count > 1 { out.append(Subpath(points: current, closed: false)) }
        return out
    }
}

// MARK: - Pixels

/// An RGB picture that polygons are painted onto, anti-aliased.
///
/// Each pixel row is sampled on four sub-rows (the vertical half of 4× supersampling); along a
/// sub-row the part of each pixel a span covers is measured exactly rather than sampled, which is
/// at least as good as four sub-columns and costs nothing extra. The four sub-rows are averaged
/// (the box filter) into a coverage per pixel, and the colour is blended in by that coverage.
/// Working a row at a time keeps memory to the picture itself, where drawing at 4× and scaling
/// down would need sixteen times as many samples.
struct Canvas {
    static let subRows = 4

    let width: Int
    let height: Int
    private(set) var pixels: [UInt8]
    /// The covered part of pixels a span starts or ends in, for the row being drawn.
    private var partial: [Float]
    /// Where runs of fully covered pixels start (+) and end (−), summed along the row.
    private var runs: [Float]

    /// A white canvas: Word shows the picture on a page, and PNG here has no transparency.
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 255, count: width * height * 3)
        partial = [Float](repeating: 0, count: width + 2)
        runs = [Float](repeating: 0, count: width + 2)
    }

    var image: RGBImage { RGBImage(width: width, height: height, pixels: pixels) }

    private struct Edge {
        var top: Double
        var bottom: Double
        var xAtTop: Double
        var slope: Double
        var winding: Int
    }

    /// Paints the area inside `polygons` (pixel coordinates) in `colour` at `alpha`, by the
    /// non-zero rule, or by even-odd when `evenOdd`.
    mutating func fill(_ polygons: [[Point]], colour: Colour, alpha: Double, evenOdd: Bool) {
        guard alpha > 0 else { return }
        var edges: [Edge] = []
        var minX = Double.infinity, maxX = -Double.infinity
        for polygon in polygons where polygon.count > 2 {
            for i in polygon.indices {
                let p = polygon[i], q = polygon[(i + 1) % polygon.count]
                guard p.y != q.y, p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { continue }
                let (upper, lower, winding) = p.y < q.y ? (p, q, 1) : (q, p, -1)
                edges.append(Edge(top: upper.y, bottom: lower.y, xAtTop: upper.x, slope: (lower.x - upper.x) / (lower.y - upper.y), winding: winding))
                minX = min(minX, p.x, q.x)
                maxX = max(maxX, p.x, q.x)
            }
        }
        guard !edges.isEmpty else { return }
        edges.sort { $0.top < $1.top }
        let firstRow = max(0, Int(edges[0].top.rounded(.down)))
        let lastRow = min(height - 1, Int((edges.map(\.bottom).max() ?? 0).rounded(.up)))
        guard firstRow <= lastRow, maxX > 0, minX < Double(width) else { return }

        let weight = 1 / Float(Self.subRows)
        let limit = Double(width)
        let width = self.width
        var active: [Int] = []
        // Where the edges cross the current sub-row, kept in order of x by insertion.
        var crossingX: [Double] = []
        var crossingWinding: [Int] = []
        var next = 0
        // Colour and coverage in 1/256ths, so blending is integer arithmetic.
        let red = Int(colour.red), green = Int(colour.green), blue = Int(colour.blue)
        let opacity = Float(min(alpha, 1)) * 256

        partial.withUnsafeMutableBufferPointer { partial in
            runs.withUnsafeMutableBufferPointer { runs in
                pixels.withUnsafeMutableBufferPointer { pixels in
                    for row in firstRow...lastRow {
                        var touchedFrom = Int.max, touchedTo = -1
                        for sub in 0..<Self.subRows {
                            let y = Double(row) + (Double(sub) + 0.5) / Double(Self.subRows)
                            while next < edges.count, edges[next].top <= y {
                                active.append(next)
                                next += 1
                            }
                            var kept = 0
                            for index in active where edges[index].bottom > y {
                                active[kept] = index
                                kept += 1
                            }
                            active.removeLast(active.count - kept)
                            guard kept > 1 else { continue }
                            crossingX.removeAll(keepingCapacity: true)
                            crossingWinding.removeAll(keepingCapacity: true)
                            for index in active {
                                let edge = edges[index]
                                let x = edge.xAtTop + (y - edge.top) * edge.slope
                                var at = crossingX.count
                                crossingX.append(x)
                                crossingWinding.append(edge.winding)
                                while at > 0, crossingX[at - 1] > x {
                                    crossingX[at] = crossingX[at - 1]
                                    crossingWinding[at] = crossingWinding[at - 1]
                                    at -= 1
                                }
                                crossingX[at] = x
                                crossingWinding[at] = edge.winding
                            }
                            var winding = 0
                            var start = 0.0
                            for k in 0..<crossingX.count {
                                let wasInside = evenOdd ? winding & 1 != 0 : winding != 0
                                winding += crossingWinding[k]
                                let isInside = evenOdd ? winding & 1 != 0 : winding != 0
                                if !wasInside && isInside { start = crossingX[k] }
                                guard wasInside && !isInside else { continue }
                                // The span [start, x) on this sub-row, clipped to the picture.
                                let left = max(0, start), right = min(limit, crossingX[k])
                                guard left < right else { continue }
                                let i = Int(left), j = Int(right)
                                touchedFrom = min(touchedFrom, i)
                                touchedTo = max(touchedTo, j)
                                if i == j {
                                    partial[i] += Float(right - left) * weight
                                } else {
                                    partial[i] += Float(Double(i + 1) - left) * weight
                                    runs[i + 1] += weight
                                    runs[j] -= weight
                                    partial[j] += Float(right - Double(j)) * weight
                                }
                            }
                        }
                        guard touchedTo >= 0 else { continue }
                        var run: Float = 0
                        var x = touchedFrom
                        while x <= touchedTo {
                            run += runs[x]
                            let coverage = Int(min(1, max(0, run + partial[x])) * opacity + 0.5)
                            runs[x] = 0
                            partial[x] = 0
                            if coverage > 0 && x < width {
                                let p = (row * width + x) * 3
                                let keep = 256 - coverage
                                pixels[p] = UInt8((Int(pixels[p]) * keep + red * coverage + 128) >> 8)
                                pixels[p + 1] = UInt8((Int(pixels[p + 1]) * keep + green * coverage + 128) >> 8)
                                pixels[p + 2] = UInt8((Int(pixels[p + 2]) * keep + blue * coverage + 128) >> 8)
                            }
                            x += 1
                        }
                    }
                }
            }
        }
    }
}
