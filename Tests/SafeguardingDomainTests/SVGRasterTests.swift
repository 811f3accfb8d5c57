import Foundation
import Testing
@testable import SafeguardingDomain
@testable import SafeguardingRendering

@Suite("Charts as PNG pictures")
struct SVGRasterTests {
    // MARK: Charts as the pages draw them

    static let months = ["Apr 23", "May 23", "Jun 23", "Jul 23", "Aug 23", "Sep 23", "Oct 23", "Nov 23", "Dec 23", "Jan 24", "Feb 24", "Mar 24",
                         "Apr 24", "May 24", "Jun 24", "Jul 24", "Aug 24", "Sep 24", "Oct 24", "Nov 24", "Dec 24", "Jan 25", "Feb 25", "Mar 25"]

    /// A control chart: one series with a gap and a signal, the mean and dashed process limits.
    static let controlChart = LineChart(
        title: "Re-referrals within 12 months", description: "Monthly percentage of referrals that were re-referrals.",
        labels: months,
        series: [.init(name: "Re-referrals", values: [21.4, 22.9, 19.8, 23.5, 24.1, 20.2, 22.0, nil, 21.1, 25.3, 23.0, 22.4,
                                                      19.5, 18.7, 20.9, 31.2, 22.8, 21.7, 23.9, 24.6, 22.2, 21.0, 20.4, 19.9],
                       colour: LineChart.palette[0], highlighted: [15])],
        rules: [.init(label: "Mean 22.1%", value: 22.1, dashed: false), .init(label: "Upper limit 29.4%", value: 29.4, dashed: true),
                .init(label: "Lower limit 14.8%", value: 14.8, dashed: true)],
        unit: "% of referrals")

    /// A comparator chart: three series with a legend, one dashed, and typographic punctuation.
    static let comparatorChart = LineChart(
        title: "Children in need per 10,000", description: "Local, statistical neighbours and England.",
        labels: ["2018–19", "2019–20", "2020–21", "2021–22", "2022–23", "2023–24"],
        series: [.init(name: "Our partnership", values: [356.2, 371.0, 342.9, 380.4, 398.1, 405.7], colour: LineChart.palette[0]),
                 .init(name: "Statistical neighbours", values: [340.0, 345.5, 330.1, 351.2, 360.0, 362.3], colour: LineChart.palette[2], dashed: true),
                 .init(name: "England – all authorities’ average", values: [334.2, 324.0, 321.2, 334.3, 342.7, 336.1], colour: LineChart.palette[4])],
        unit: "per 10,000")

    /// Bars by deprivation decile with intervals, one emphasised, against England.
    static let barChart = BarChart(
        title: "Rate by IMD decile", description: "Child protection plans per 10,000 by deprivation decile.",
        bars: [.init(label: "1 (most deprived)", value: 88.4, lower: 80.1, upper: 97.3),
               .init(label: "2", value: 71.2, lower: 64.0, upper: 79.0),
               .init(label: "3", value: 60.5, lower: 53.9, upper: 67.6, emphasised: true),
               .init(label: "4", value: 44.9, lower: 39.2, upper: 51.1),
               .init(label: "5", value: 38.0, lower: 32.8, upper: 43.7),
               .init(label: "10 (least deprived)", value: 7.4, lower: 5.3, upper: 10.0)],
        reference: .init(label: "England", value: 42.0, dashed: true))

    static let structureChart = StructureChart(title: "Structure", bodies: [
        .init(id: "exec", name: "Safeguarding Children Partnership Executive", kind: .executive, chair: "Director of Children’s Services", reportsTo: nil),
        .init(id: "qa", name: "Quality Assurance Subgroup", kind: .subgroup, chair: "Head of Safeguarding, ICB", reportsTo: "exec"),
        .init(id: "pr", name: "Practice Review Subgroup", kind: .subgroup, chair: nil, reportsTo: "exec"),
        .init(id: "cdop", name: "Child Death Overview Panel", kind: .panel, chair: "Dr A. Smith", reportsTo: "exec"),
        .init(id: "ya", name: "Young Advisors & <friends>", kind: .network, chair: nil, reportsTo: "exec"),
        .init(id: "tf", name: "Think Family – Neglect Strategy", kind: .taskAndFinish, chair: "£5,000 budget", reportsTo: "pr"),
    ])

    // MARK: The PNG file

    @Test("A chart becomes a PNG twice its SVG size, with the signature, an RGB header and valid chunk CRCs")
    func pngFile() throws {
        let (png, width, height) = try SVGRaster.png(svg: Self.controlChart.svg(id: "c"))

        let file = try DecodedPNG(png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(width == 1440 && height == 600)
        #expect(file.chunkTypes == ["IHDR", "pHYs", "IDAT", "IEND"])
        #expect(file.width == 1440 && file.height == 600)
        #expect(file.bitDepth == 8 && file.colourType == 2 && file.interlaced == false)
        // 192 pixels per inch, so Word shows it at the SVG's size.
        #expect(file.pixelsPerMetre == 7559)
    }

    @Test("A damaged chunk fails its CRC")
    func damagedChunk() throws {
        var (png, _, _) = try SVGRaster.png(svg: Self.barChart.svg(id: "b"))
        png[png.count - 20] ^= 0xFF  // inside the image data

        #expect(throws: DecodedPNG.Failure.self) { try DecodedPNG(png) }
    }

    @Test("The image data inflates to exactly the pixels drawn, compressed or in stored blocks")
    func imageData() throws {
        let image = try SVGRaster.image(svg: Self.barChart.svg(id: "b"), scale: 2)

        let compressed = PNGEncoder.png(image, compression: .fixedHuffman)
        let stored = PNGEncoder.png(image, compression: .stored)

        #expect(try DecodedPNG(compressed).pixels == image.pixels)
        // 1440 × 448 pixels is 1.9 MB: thirty stored blocks, each at most 65,535 bytes.
        #expect(try DecodedPNG(stored).pixels == image.pixels)
        #expect(stored.count > image.pixels.count)
        #expect(compressed.count < stored.count / 10)
    }

    @Test("At scale 1 the picture is the SVG's size, at 96 pixels per inch")
    func scaleOne() throws {
        let (png, width, height) = try SVGRaster.png(svg: Self.controlChart.svg(id: "c"), scale: 1)

        #expect(width == 720 && height == 300)
        #expect(try DecodedPNG(png).pixelsPerMetre == 3780)
    }

    // MARK: What is drawn

    @Test("Bars are filled in their colour, the emphasised one in red, on a white background")
    func bars() throws {
        let svg = Self.barChart.svg(id: "b")
        let image = try SVGRaster.image(svg: svg, scale: 2)
        let rects = try elements("rect", in: svg)

        #expect(rects.count == 6)
        for rect in rects {
            let x = try number(rect, "x"), y = try number(rect, "y")
            // Inside the bar, left of its interval whisker.
            #expect(image[Int(2 * x) + 8, Int(2 * y) + 8] == colour(rect.attributes["fill"]))
        }
        #expect(image[Int(2 * (try number(rects[2], "x"))) + 8, Int(2 * (try number(rects[2], "y"))) + 8] == colour("#d4351c"))
        #expect(image[2, 2] == .white)
        #expect(image[image.width - 3, image.height - 3] == .white)
    }

    @Test("A bar's label is inked where Arial would put it: ending at its anchor, as wide as Arial's text")
    func labelPlacement() throws {
        let image = try SVGRaster.image(svg: Self.barChart.svg(id: "b"), scale: 2)

        // "1 (most deprived)": anchored at its end at x = 142, baseline y = 25, 12 units high.
        // Arial's advance widths for it add up to 7,780 thousandths: 93.4 units.
        let ink = try #require(Ink(in: image, x: 0..<300, y: 26..<58, where: \.isDark))
        #expect(ink.maxX <= 284 && ink.maxX >= 278)
        #expect(abs(Double(ink.minX) - 2 * (142 - 93.36)) <= 8)
        // Capitals stand 0.716 of the font size above the baseline: 8.6 units.
        #expect(abs(Double(ink.minY) - 2 * (25 - 8.6)) <= 2)
        // Nothing between the label and its bar.
        #expect(Ink(in: image, x: 286..<300, y: 20..<64, where: \.isDark) == nil)
    }

    @Test("Text anchors place the start, the middle or the end of the text at x")
    func anchors() throws {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">\
            <text x="100" y="16" font-size="12">Start</text>\
            <text x="100" y="36" font-size="12" text-anchor="middle">Middle</text>\
            <text x="100" y="56" font-size="12" text-anchor="end">End</text></svg>
            """
        let image = try SVGRaster.image(svg: svg, scale: 2)

        let start = try #require(Ink(in: image, x: 0..<400, y: 0..<40, where: \.isDark))
        let middle = try #require(Ink(in: image, x: 0..<400, y: 40..<80, where: \.isDark))
        let end = try #require(Ink(in: image, x: 0..<400, y: 80..<120, where: \.isDark))
        #expect(start.minX >= 200 && start.minX <= 204)
        #expect(abs((middle.minX + middle.maxX) / 2 - 200) <= 3)
        #expect(end.maxX <= 200 && end.maxX >= 196)
    }

    @Test("Bold text is heavier than regular text")
    func bold() throws {
        func inkCount(_ weight: String) throws -> Int {
            let svg = "<svg width=\"240\" height=\"30\"><text x=\"4\" y=\"20\" font-size=\"14\" font-weight=\"\(weight)\">Practice Review Subgroup</text></svg>"
            return try #require(Ink(in: SVGRaster.image(svg: svg, scale: 2), x: 0..<480, y: 0..<60, where: \.isDark)).count
        }

        #expect(try inkCount("bold") > 13 * (try inkCount("normal")) / 10)
    }

    @Test("A control chart's points are in the series colour and its signal is ringed in red with a white centre")
    func markers() throws {
        let svg = Self.controlChart.svg(id: "c")
        let image = try SVGRaster.image(svg: svg, scale: 2)
        let circles = try elements("circle", in: svg)

        let signal = try #require(try circles.first { try number($0, "r") == 6 })
        let (x, y) = (Int(2 * (try number(signal, "cx"))), Int(2 * (try number(signal, "cy"))))
        #expect(image[x, y] == .white)
        #expect(image[x + 12, y] == colour("#d4351c"))
        #expect(image[x - 12, y] == colour("#d4351c"))
        let point = try #require(try circles.first { try number($0, "r") == 3.5 })
        #expect(image[Int(2 * (try number(point, "cx"))), Int(2 * (try number(point, "cy")))] == colour("#1d70b8"))
    }

    @Test("A dashed process limit is drawn 6 units on, 4 units off")
    func dashes() throws {
        let svg = Self.controlChart.svg(id: "c")
        let image = try SVGRaster.image(svg: svg, scale: 2)

        // The lower limit, clear of the series and the grid.
        let limit = try #require(try elements("line", in: svg).filter { $0.attributes["stroke-dasharray"] == "6 4" }.max { try number($0, "y1") < number($1, "y1") })
        let x = try number(limit, "x1"), y = Int(2 * (try number(limit, "y1")))
        for dash in 0..<20 {
            let start = 2 * (x + Double(dash) * 10)
            #expect(image[Int(start) + 6, y] == colour("#505a5f"), "dash \(dash)")
            #expect(image[Int(start) + 16, y] == .white, "gap after dash \(dash)")
        }
    }

    @Test("A one-unit grid line on a whole coordinate is two crisp rows of pixels at scale 2")
    func crispLines() throws {
        let svg = Self.controlChart.svg(id: "c")
        let image = try SVGRaster.image(svg: svg, scale: 2)

        // The top grid line, far above the series.
        let grid = try #require(try elements("line", in: svg).filter { $0.attributes["stroke"] == "#dddddd" }.min { try number($0, "y1") < number($1, "y1") })
        let y = Int(2 * (try number(grid, "y1")))
        for x in stride(from: 200, to: 1000, by: 100) {
            #expect(image[x, y - 1] == colour("#dddddd") && image[x, y] == colour("#dddddd"))
            #expect(image[x, y - 2] == .white && image[x, y + 1] == .white)
        }
    }

    @Test("The unit label is turned a quarter to read upwards")
    func rotatedLabel() throws {
        let image = try SVGRaster.image(svg: Self.controlChart.svg(id: "c"), scale: 2)

        let ink = try #require(Ink(in: image, x: 0..<44, y: 0..<600) { $0 != .white })
        #expect(ink.maxY - ink.minY > 4 * (ink.maxX - ink.minX))
        // Centred on y = 132, the middle of the plot.
        #expect(abs((ink.minY + ink.maxY) / 2 - 264) <= 4)
    }

    @Test("The structure chart draws the Executive's box blue with white text and rounded corners")
    func structure() throws {
        let svg = Self.structureChart.svg()
        let image = try SVGRaster.image(svg: svg, scale: 2)
        let rects = try elements("rect", in: svg)

        let executive = try #require(rects.first { $0.attributes["fill"] == "#1d70b8" })
        let (x, y) = (Int(2 * (try number(executive, "x"))), Int(2 * (try number(executive, "y"))))
        let (width, height) = (Int(2 * (try number(executive, "width"))), Int(2 * (try number(executive, "height"))))
        #expect(image[x + 8, y + 8] == colour("#1d70b8"))
        #expect(Ink(in: image, x: x + 4..<x + width - 4, y: y + 4..<y + height - 4) { $0 == .white } != nil)
        // The stroke's outside edge is rounded: the square corner stays white, the side below it is drawn.
        #expect(image[x - 2, y - 2] == .white)
        #expect(image[x - 2, y + 20] == colour("#0b0c0c"))
    }

    @Test("A task-and-finish group's box is outlined in dashes")
    func dashedBox() throws {
        let svg = Self.structureChart.svg()
        let image = try SVGRaster.image(svg: svg, scale: 2)

        let box = try #require(try elements("rect", in: svg).first { $0.attributes["stroke-dasharray"] != nil })
        let (x, y) = (2 * (try number(box, "x")), Int(2 * (try number(box, "y"))))
        // Dashes start after the rounded corner (rx = 4) and repeat every 10 units; the row
        // just outside the box's edge is stroke or background.
        for dash in 0..<10 {
            let start = x + 2 * (4 + Double(dash) * 10)
            #expect(image[Int(start) + 6, y - 1] == colour("#505a5f"), "dash \(dash)")
            #expect(image[Int(start) + 16, y - 1] == .white, "gap after dash \(dash)")
        }
    }

    @Test("Entities and character references in text draw the character they stand for")
    func entities() throws {
        func draw(_ text: String) throws -> [UInt8] {
            try SVGRaster.image(svg: "<svg width=\"120\" height=\"20\"><text x=\"2\" y=\"15\" font-size=\"12\">\(text)</text></svg>", scale: 2).pixels
        }

        let plain = try draw("Tom &amp; Jerry")
        #expect(try draw("Tom &#38; Jerry") == plain)
        #expect(try draw("Tom &#x26; Jerry") == plain)
        #expect(try draw("Tom and Jerry") != plain)
    }

    @Test("The XML around the drawing, single quotes, a viewBox, groups moved by a transform, style and display are honoured")
    func documentFeatures() throws {
        let svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- A 40 × 20 drawing shown at 20 × 10 -->
            <svg xmlns='http://www.w3.org/2000/svg' width='20' height='10' viewBox='0 0 40 20'>
              <rect x='0' y='0' width='20' height='20' style='fill: #00703c'/>
              <g transform='translate(20 0)'>
                <polygon points='0,0 20,0 20,20 0,20' fill='#1d70b8'/>
                <rect width='20' height='20' fill='rgb(212, 53, 28)' display='none'/>
              </g>
            </svg>
            """
        let image = try SVGRaster.image(svg: svg, scale: 1)

        #expect(image.width == 20 && image.height == 10)
        #expect(image[2, 5] == colour("#00703c") && image[8, 5] == colour("#00703c"))
        #expect(image[12, 5] == colour("#1d70b8") && image[18, 5] == colour("#1d70b8"))
    }

    @Test("Typographic and accented characters are drawn with a stand-in glyph")
    func standInGlyphs() {
        #expect(BitmapFont.glyphIndices("–") == [BitmapFont.enDash])
        #expect(BitmapFont.glyphIndices("—") == [BitmapFont.emDash])
        #expect(BitmapFont.glyphIndices("£5") == [BitmapFont.pound] + BitmapFont.glyphIndices("5"))
        #expect(BitmapFont.glyphIndices("Children’s") == BitmapFont.glyphIndices("Children's"))
        #expect(BitmapFont.glyphIndices("“Café”") == BitmapFont.glyphIndices("\"Cafe\""))
        #expect(BitmapFont.glyphIndices("and…") == BitmapFont.glyphIndices("and..."))
        #expect(BitmapFont.glyphIndices("中") == BitmapFont.glyphIndices("?"))
        // Every printable character but the space has ink.
        #expect((1...94).allSatisfy { !BitmapFont.glyphs[$0].runs.isEmpty })
        #expect(BitmapFont.glyphs.count == BitmapFont.regularWidths.count && BitmapFont.glyphs.count == BitmapFont.boldWidths.count)
    }

    @Test("Every chart this module draws is inside the subset the rasteriser draws")
    func everyChart() throws {
        for svg in [Self.controlChart.svg(id: "c"), Self.comparatorChart.svg(id: "m"), Self.barChart.svg(id: "b"), Self.structureChart.svg()] {
            let (png, width, height) = try SVGRaster.png(svg: svg, scale: 1)
            #expect(width > 0 && height > 0 && png.count > 1000)
        }
    }

    // MARK: What is refused

    @Test("Malformed or unsupported SVG is refused, saying what and where", arguments: [
        ("", SVGRasterError.malformed(line: 1, reason: "there is no root element")),
        ("<svg width=\"10\" height=\"10\">", .malformed(line: 1, reason: "<svg> is never closed")),
        ("<svg width=\"10\" height=\"10\">\n<g>\n</svg>", .malformed(line: 3, reason: "</svg> closes <g>")),
        ("<svg width=10 height=\"10\"/>", .malformed(line: 1, reason: "the value of width on <svg> is not in quotes")),
        ("<svg width=\"10\" height=\"10\"><text>&nbsp;</text></svg>", .malformed(line: 1, reason: "&nbsp; is not an entity XML defines")),
        ("<html/>", .notAnSVG("the root element is <html>, not <svg>")),
        ("<svg/>", .notAnSVG("the <svg> element needs a width and height, or a viewBox")),
        ("<svg width=\"50%\" height=\"10\"/>", .unsupportedValue(element: "svg", attribute: "width", value: "50%")),
        ("<svg width=\"10\" height=\"10\"><image href=\"a.png\" width=\"5\" height=\"5\"/></svg>", .unsupportedElement("image")),
        ("<svg width=\"10\" height=\"10\"><text>a<tspan>b</tspan></text></svg>", .unsupportedElement("tspan")),
        ("<svg width=\"10\" height=\"10\"><path d=\"M0 0 C1 1 2 2 3 3\"/></svg>", .unsupportedValue(element: "path", attribute: "d", value: "M0 0 C1 1 2 2 3 3")),
        ("<svg width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\" fill=\"url(#g)\"/></svg>", .unsupportedValue(element: "rect", attribute: "fill", value: "url(#g)")),
        ("<svg width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\" filter=\"url(#f)\"/></svg>", .unsupportedAttribute(element: "rect", attribute: "filter")),
        ("<svg width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\" style=\"fill: red; mask: url(#m)\"/></svg>", .unsupportedAttribute(element: "rect", attribute: "style: mask")),
    ])
    func refused(svg: String, expected: SVGRasterError) {
        #expect(throws: expected) { try SVGRaster.png(svg: svg) }
    }

    @Test("A scale that is not positive, or that would make a huge picture, is refused")
    func badScale() {
        let svg = Self.controlChart.svg(id: "c")

        #expect(throws: SVGRasterError.self) { try SVGRaster.png(svg: svg, scale: 0) }
        #expect(throws: SVGRasterError.self) { try SVGRaster.png(svg: svg, scale: .nan) }
        #expect(throws: SVGRasterError.self) { try SVGRaster.png(svg: svg, scale: 100) }
    }

    @Test("Errors name the element for the person reading the log")
    func errorText() {
        #expect(SVGRasterError.unsupportedElement("image").description.contains("<image>"))
        #expect(SVGRasterError.malformed(line: 3, reason: "</svg> closes <g>").description.contains("line 3"))
    }

    // MARK: Helpers

    func elements(_ name: String, in svg: String) throws -> [SVGNode] {
        func collect(_ node: SVGNode) -> [SVGNode] { (node.name == name ? [node] : []) + node.children.flatMap(collect) }
        return collect(try SVGNode.parse(svg))
    }

    func number(_ node: SVGNode, _ attribute: String) throws -> Double {
        try #require(node.attributes[attribute].flatMap(Double.init))
    }

    func colour(_ text: String?) -> Colour? { text.flatMap(SVGValue.colour) }
}

private extension Colour {
    /// Text-dark: the charts' near-black #0b0c0c, and anti-aliased edges well towards it.
    var isDark: Bool { red < 110 && green < 110 && blue < 110 }
}

/// The bounding box and count of the pixels in a region that pass a test; nil when none do.
private struct Ink: Equatable {
    var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min, count = 0

    init?(in image: RGBImage, x: Range<Int>, y: Range<Int>, where test: (Colour) -> Bool) {
        for row in y.clamped(to: 0..<image.height) {
            for column in x.clamped(to: 0..<image.width) where test(image[column, row]) {
                (minX, maxX, minY, maxY) = (min(minX, column), max(maxX, column), min(minY, row), max(maxY, row))
                count += 1
            }
        }
        if count == 0 { return nil }
    }
}

/// A PNG file read back independently of the encoder: chunks with their CRCs checked, the
/// header, and the pixels, inflated (stored or fixed-Huffman blocks) and checked with Adler-32.
private struct DecodedPNG {
    struct Failure: Error { let reason: String }

    var chunkTypes: [String] = []
    var width = 0, height = 0, bitDepth = 0, colourType = 0
    var interlaced = true
    var pixelsPerMetre = 0
    var pixels: [UInt8] = []

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure(reason: "no PNG signature") }
        func uint32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var imageData: [UInt8] = []
        while offset < bytes.count {
            let length = uint32(offset)
            let typeAndData = Array(bytes[offset + 4..<offset + 8 + length])
            guard Self.crc(typeAndData) == uint32(offset + 8 + length) else { throw Failure(reason: "bad CRC") }
            let type = String(decoding: typeAndData.prefix(4), as: UTF8.self)
            let body = Array(typeAndData.dropFirst(4))
            chunkTypes.append(type)
            switch type {
            case "IHDR":
                (width, height) = (uint32(offset + 8), uint32(offset + 12))
                (bitDepth, colourType, interlaced) = (Int(body[8]), Int(body[9]), body[12] != 0)
            case "pHYs": pixelsPerMetre = uint32(offset + 8)
            case "IDAT": imageData += body
            default: break
            }
            offset += 12 + length
        }
        var inflater = Inflater(bytes: Array(imageData.dropFirst(2)))
        let stride = 1 + 3 * width
        let rows = try inflater.inflate(size: height * stride)
        let adler = imageData.suffix(4).reduce(0) { $0 << 8 | Int($1) }
        guard Self.adler(rows) == adler else { throw Failure(reason: "bad Adler-32") }
        for row in 0..<height {
            let start = row * stride
            guard rows[start] == 0 else { throw Failure(reason: "row \(row) is filtered") }
            pixels += rows[(start + 1)..<(start + stride)]
        }
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func crc(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var c: UInt32 = 0xFFFF_FFFF
            for i in 0..<bytes.count { c = crcTable[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8) }
            return Int(c ^ 0xFFFF_FFFF)
        }
    }

    static func adler(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var a = 1, b = 0
            for i in 0..<bytes.count {
                a += Int(bytes[i])
                b += a
                if i & 4095 == 4095 { (a, b) = (a % 65_521, b % 65_521) }
            }
            return (b % 65_521) << 16 | (a % 65_521)
        }
    }

    /// Inflates stored and fixed-Huffman blocks (all the encoder writes).
    struct Inflater {
        let bytes: [UInt8]
        var bit = 0

        mutating func bits(_ count: Int) throws -> Int {
            var value = 0
            for i in 0..<count {
                guard bit >> 3 < bytes.count else { throw Failure(reason: "the deflate stream ends early") }
                value |= Int((bytes[bit >> 3] >> UInt8(bit & 7)) & 1) << i
                bit += 1
            }
            return value
        }

        /// Huffman codes are packed most significant bit first.
        mutating func code(_ count: Int, after prefix: Int = 0) throws -> Int {
            var code = prefix
            for _ in 0..<count { code = code << 1 | (try bits(1)) }
            return code
        }

        mutating func symbol() throws -> Int {
            let seven = try code(7)
            if seven <= 0b001_0111 { return 256 + seven }
            let eight = try code(1, after: seven)
            if (0x30...0xBF).contains(eight) { return eight - 0x30 }
            if (0xC0...0xC7).contains(eight) { return 280 + eight - 0xC0 }
            return 144 + (try code(1, after: eight)) - 0x190
        }

        static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]

        /// The stream's bytes, which must come to `size`.
        mutating func inflate(size: Int) throws -> [UInt8] {
            var out = [UInt8](repeating: 0, count: size)
            var at = 0
            var last = 0
            repeat {
                last = try bits(1)
                switch try bits(2) {
                case 0:
                    bit = (bit + 7) & ~7
                    let length = try bits(16), complement = try bits(16)
                    guard length ^ 0xFFFF == complement, bit >> 3 + length <= bytes.count, at + length <= size else { throw Failure(reason: "bad stored block") }
                    out.replaceSubrange(at..<(at + length), with: bytes[(bit >> 3)..<(bit >> 3 + length)])
                    at += length
                    bit += 8 * length
                case 1:
                    while true {
                        let symbol = try symbol()
                        if symbol == 256 { break }
                        if symbol < 256 {
                            guard at < size else { throw Failure(reason: "too much image data") }
                            out[at] = UInt8(symbol)
                            at += 1
                            continue
                        }
                        let lengthCode = symbol - 257
                        let lengthExtra = lengthCode < 8 || lengthCode == 28 ? 0 : lengthCode / 4 - 1
                        let length = Self.lengthBases[lengthCode] + (try bits(lengthExtra))
                        let distanceCode = try code(5)
                        let distanceExtra = distanceCode < 4 ? 0 : distanceCode / 2 - 1
                        let distance = Self.distanceBases[distanceCode] + (try bits(distanceExtra))
                        guard distance <= at, at + length <= size else { throw Failure(reason: "a match reaches outside the image data") }
                        for k in at..<(at + length) { out[k] = out[k - distance] }
                        at += length
                    }
                default:
                    throw Failure(reason: "a block type the encoder does not write")
                }
            } while last == 0
            guard at == size else { throw Failure(reason: "\(at) bytes of image data, not \(size)") }
            return out
        }
    }
}
