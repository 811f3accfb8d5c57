import Foundation
import SafeguardingOffice
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// Each test writes a document, unzips it with ZIPFoundation and reads its parts with Foundation's
// XMLParser, an XML reader independent of the writer, to check the structure Word relies on.
// The last test has LibreOffice render the document to PDF and reads the text back.

/// An unzipped .docx: its parts by path.
private struct Package {
    let parts: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        self.parts = parts
    }

    init(_ document: WordDocument) throws {
        try self.init(DocxWriter.data(for: document))
    }

    func xml(_ path: String) throws -> Node {
        let data = try #require(parts[path], "no part \(path)")
        return try Node.parse(data, part: path)
    }

    /// The relationships of `part` (`word/document.xml` → `word/_rels/document.xml.rels`) by id.
    func relationships(of part: String) throws -> [String: (type: String, target: String, external: Bool)] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? ""
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/\(name).rels"
        var relationships: [String: (type: String, target: String, external: Bool)] = [:]
        for relationship in try xml(path).all("Relationship") {
            relationships[relationship["Id"] ?? ""] = (relationship["Type"] ?? "", relationship["Target"] ?? "", relationship["TargetMode"] == "External")
        }
        return relationships
    }
}

/// An XML element, read with Foundation's XMLParser; names are qualified as written (`w:p`).
private final class Node {
    let name: String
    let attributes: [String: String]
    private(set) var children: [Node] = []
    private(set) var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// Every element below this one named `name`, in document order.
    func all(_ name: String) -> [Node] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    func first(_ name: String) -> Node? { all(name).first }

    /// The text of this element and all below it.
    var text: String { ownText + children.map(\.text).joined() }

    /// The text a reader sees in a Word element: its `w:t` runs joined.
    var wordText: String { all("w:t").map(\.text).joined() }

    static func parse(_ data: Data, part: String) throws -> Node {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseFailure(description: "\(part) is not well-formed: \(parser.parserError.map { "\($0)" } ?? "no root")")
        }
        return root
    }

    struct ParseFailure: Error, CustomStringConvertible { let description: String }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Node?
        var open: [Node] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            let node = Node(name: name, attributes: attributes)
            if let parent = open.last { parent.children.append(node) } else { root = node }
            open.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            open.last?.ownText += string
        }
    }
}

/// A PNG of one colour, encoded here (stored deflate blocks, no compression) so the tests need no image files.
private func solidPNG(width: Int, height: Int, red: UInt8 = 0x1D, green: UInt8 = 0x70, blue: UInt8 = 0xB8) -> Data {
    func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }
    let row: [UInt8] = [0] + (0..<width).flatMap { _ in [red, green, blue] }
    let scanlines: [UInt8] = (0..<height).flatMap { _ in row }
    var zlib: [UInt8] = [0x78, 0x01]
    var blocks = stride(from: 0, to: scanlines.count, by: 65_535).map { scanlines[$0..<min($0 + 65_535, scanlines.count)] }
    if blocks.isEmpty { blocks = [[]] }
    for (index, block) in blocks.enumerated() {
        let length = UInt16(block.count)
        zlib += [index == blocks.count - 1 ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + block
    }
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in scanlines { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
    zlib += bigEndian(b << 16 | a)
    let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0]
    return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", []))
}

private let chartSVG = Data(##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect x="10" y="10" width="100" height="50" fill="#1d70b8"/><text x="10" y="90" font-size="14">Chart</text></svg>"##.utf8)

private let createdDate = Date(timeIntervalSince1970: 1_711_877_400) // 2024-03-31T09:30:00Z

/// A document with one of everything, as a report might be laid out.
private func sampleDocument(image: WordImage? = WordImage(svg: chartSVG, png: solidPNG(width: 400, height: 200), widthPixels: 200, heightPixels: 100,
                                                           altText: "Bar chart: referrals rose from 120 to 180", title: "Referrals by quarter")) -> WordDocument {
    var blocks: [WordBlock] = [
        .paragraph(["Annual report 2023-24"], style: .title),
        .paragraph(["How the partnership kept children safe."], style: .lead),
        .tableOfContents(title: "Contents"),
        .pageBreak,
        .heading(level: 1, text: "Rapid reviews", anchor: "rapid-reviews"),
        .paragraph(["Reviews are due in ", WordRun("15 working days", bold: true), ". See ",
                    WordRun("the guidance", link: "https://www.gov.uk/government/publications/working-together?a=1&b=2"), " and ",
                    WordRun("the summary", link: "#summary"), "."]),
        .heading(level: 2, text: "Timeliness", anchor: nil),
        .table(WordTable(caption: "Table 1: Reviews by quarter", header: ["Quarter", "Reviews", "On time"],
                         rows: [["Q1", "12", "10"], ["Q2", "9", WordCell("9", bold: true)], [WordCell("Q3", link: "#summary"), "14"]],
                         columnAlignments: [.left, .right, .right], rowHeaders: true)),
        .bulletList([["First learning point"], ["Second ", WordRun("learning", italic: true), " point"]]),
        .numberedList([["Agree the action plan"], ["Review it in six months"]]),
        .numberedList([["A second list, numbered from 1 again"]]),
        .heading(level: 3, text: "Level three", anchor: nil),
        .heading(level: 4, text: "Level four", anchor: nil),
        .heading(level: 1, text: "Summary", anchor: "summary"),
        .paragraph(["Source: partnership data return."], style: .note),
    ]
    if let image {
        blocks.insert(.image(image), at: 8)
        blocks.insert(.paragraph(["Figure 1: Referrals by quarter"], style: .caption), at: 9)
    }
    return WordDocument(title: "Annual report 2023-24", subject: "Safeguarding partnership annual report", blocks: blocks,
                        footerText: "Safeguarding partnership annual report 2023-24", created: createdDate)
}

@Suite("Writing DOCX")
struct DocxWriterTests {
    @Test("Every part is declared in [Content_Types].xml, every relationship leads to a part, and every XML part is well-formed")
    func packageIsComplete() throws {
        let package = try Package(sampleDocument())

        let types = try package.xml("[Content_Types].xml")
        let defaults = Set(types.all("Default").compactMap { $0["Extension"]?.lowercased() })
        let overrides = Set(types.all("Override").compactMap { $0["PartName"] })
        for path in package.parts.keys where !path.hasSuffix(".rels") {
            let fileExtension = String(path.split(separator: ".").last ?? "").lowercased()
            #expect(overrides.contains("/" + path) || defaults.contains(fileExtension), "\(path) has no content type")
        }
        for override in overrides {
            #expect(package.parts[String(override.dropFirst())] != nil, "[Content_Types].xml names \(override), which is missing")
        }
        #expect(defaults.contains("rels"))

        for path in package.parts.keys where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            _ = try package.xml(path)
        }
        for (path, source) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
            for relationship in try package.xml(path).all("Relationship") where relationship["TargetMode"] != "External" {
                let target = source + (relationship["Target"] ?? "")
                #expect(package.parts[target] != nil, "\(path) leads to \(target), which is missing")
            }
        }
        let main = try package.relationships(of: "word/document.xml").values
        for type in ["styles", "numbering", "settings", "footer"] {
            #expect(main.contains { $0.type.hasSuffix("/relationships/\(type)") }, "document.xml has no \(type) relationship")
        }
        let root = try package.relationships(of: "").values
        #expect(root.contains { $0.type.hasSuffix("/officeDocument") && $0.target == "word/document.xml" })
        #expect(root.contains { $0.type.hasSuffix("/core-properties") && $0.target == "docProps/core.xml" })
    }

    @Test("Headings use Word's Heading 1–4 styles with outline levels, and an anchor becomes a bookmark that internal links reach")
    func headings() throws {
        let package = try Package(sampleDocument())
        let document = try package.xml("word/document.xml")

        let headings = document.all("w:p").compactMap { paragraph -> (String, String)? in
            guard let style = paragraph.first("w:pStyle")?["w:val"], style.hasPrefix("Heading") else { return nil }
            return (style, paragraph.wordText)
        }
        #expect(headings.map(\.0) == ["Heading1", "Heading2", "Heading3", "Heading4", "Heading1"])
        #expect(headings.map(\.1) == ["Rapid reviews", "Timeliness", "Level three", "Level four", "Summary"])

        let styles = try package.xml("word/styles.xml").all("w:style")
        for level in 1...4 {
            let style = try #require(styles.first { $0["w:styleId"] == "Heading\(level)" })
            #expect(style.first("w:name")?["w:val"] == "heading \(level)")
            #expect(style.first("w:outlineLvl")?["w:val"] == "\(level - 1)")
        }

        // Headings without an anchor get a hidden bookmark for the table of contents, down to level 3.
        let bookmarks = document.all("w:bookmarkStart")
        #expect(bookmarks.compactMap { $0["w:name"] } == ["rapid_reviews", "_Toc2", "_Toc3", "summary"])
        #expect(Set(bookmarks.compactMap { $0["w:id"] }).count == 4)
        #expect(document.all("w:bookmarkEnd").map { $0["w:id"] } == bookmarks.map { $0["w:id"] })
        let bodyLinks = document.all("w:p").filter { !($0.first("w:pStyle")?["w:val"] ?? "").hasPrefix("TOC") }
            .flatMap { $0.all("w:hyperlink") }.compactMap { $0["w:anchor"] }
        #expect(bodyLinks == ["summary", "summary"])
    }

    @Test("A table is as wide as the text, with borders, a caption, aligned columns and a header row that repeats on each page")
    func tables() throws {
        let document = try Package(sampleDocument()).xml("word/document.xml")
        let table = try #require(document.first("w:tbl"))

        #expect(table.first("w:tblW")?["w:w"] == "5000")
        #expect(table.first("w:tblW")?["w:type"] == "pct")
        #expect(table.first("w:tblStyle")?["w:val"] == "TableGrid")
        #expect(table.first("w:tblBorders")?.first("w:insideH")?["w:val"] == "single")
        #expect(table.first("w:tblCaption")?["w:val"] == "Table 1: Reviews by quarter")
        let widths = table.all("w:gridCol").compactMap { $0["w:w"].flatMap(Int.init) }
        #expect(widths.count == 3)
        #expect(widths.reduce(0, +) == 11_906 - 2 * 1_134)

        let rows = table.all("w:tr")
        #expect(rows.count == 4)
        #expect(rows[0].first("w:tblHeader") != nil)
        #expect(rows.dropFirst().allSatisfy { $0.first("w:tblHeader") == nil })
        #expect(rows[0].all("w:tc").map(\.wordText) == ["Quarter", "Reviews", "On time"])
        #expect(rows[0].all("w:r").allSatisfy { $0.first("w:b") != nil }, "header text is bold")
        // Row headers are bold; a short row is filled out with an empty cell.
        #expect(rows[1].all("w:tc").map { $0.first("w:b") != nil } == [true, false, false])
        #expect(rows[3].all("w:tc").count == 3)
        #expect(rows[3].all("w:tc")[2].wordText == "")
        #expect(rows[2].all("w:tc")[2].first("w:b") != nil, "a bold cell is bold")
        #expect(rows[1].all("w:tc").map { $0.first("w:jc")?["w:val"] } == [nil, "right", "right"])

        // The caption sits just above the table, kept with it.
        let body = try #require(document.first("w:body")).children
        let tableIndex = try #require(body.firstIndex { $0 === table })
        #expect(body[tableIndex - 1].first("w:pStyle")?["w:val"] == "Caption")
        #expect(body[tableIndex - 1].first("w:keepNext") != nil)
        #expect(body[tableIndex + 1].name == "w:p", "a paragraph follows every table")
    }

    @Test("A link to a web address goes through an external hyperlink relationship with the address unchanged")
    func externalLinks() throws {
        let package = try Package(sampleDocument())
        let document = try package.xml("word/document.xml")
        let relationships = try package.relationships(of: "word/document.xml")

        let external = document.all("w:hyperlink").filter { $0["r:id"] != nil }
        #expect(external.map(\.wordText) == ["the guidance"])
        let relationship = try #require(relationships[external[0]["r:id"] ?? ""])
        #expect(relationship.type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink")
        #expect(relationship.target == "https://www.gov.uk/government/publications/working-together?a=1&b=2")
        #expect(relationship.external)
        #expect(external[0].first("w:rStyle")?["w:val"] == "Hyperlink")
        let styles = try package.xml("word/styles.xml").all("w:style")
        #expect(styles.contains { $0["w:styleId"] == "Hyperlink" && $0["w:type"] == "character" })
    }

    @Test("Text with < & > and quotes is escaped, and characters XML cannot hold are dropped")
    func escaping() throws {
        let awkward = "Costs < £5 & > £1 \"quoted\" 'single'\u{0}\u{1}\u{B}\u{FFFE} end"
        let expected = "Costs < £5 & > £1 \"quoted\" 'single' end"
        let document = WordDocument(
            title: awkward, subject: awkward,
            blocks: [
                .heading(level: 1, text: awkward, anchor: "a<b>&\"c"),
                .paragraph([WordRun(awkward, link: "https://example.org/?q=<a>&r=\"b\"")]),
                .table(WordTable(caption: awkward, header: [awkward], rows: [[WordCell(awkward)]])),
                .image(WordImage(png: solidPNG(width: 2, height: 2), widthPixels: 2, heightPixels: 2, altText: awkward, title: awkward)),
            ],
            footerText: awkward, created: createdDate)
        let package = try Package(document)

        let body = try package.xml("word/document.xml")
        #expect(body.all("w:p")[0].wordText == expected)
        #expect(body.all("w:p")[1].wordText == expected)
        #expect(body.first("w:tblCaption")?["w:val"] == expected)
        #expect(body.first("w:tbl")?.wordText == expected + expected)
        #expect(body.first("wp:docPr")?["descr"] == expected)
        #expect(body.first("wp:docPr")?["title"] == expected)
        #expect(try package.xml("word/footer1.xml").wordText.hasPrefix(expected))
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == expected)
        #expect(core.first("dc:subject")?.text == expected)
        let link = try #require(body.first("w:hyperlink")?["r:id"])
        #expect(try package.relationships(of: "word/document.xml")[link]?.target == "https://example.org/?q=<a>&r=\"b\"")
        let raw = String(decoding: try #require(package.parts["word/document.xml"]), as: UTF8.self)
        #expect(raw.contains("Costs &lt; £5 &amp; &gt; £1"))
    }

    @Test("Line breaks and tabs in text become Word's own breaks and tabs")
    func breaksAndTabs() throws {
        let document = try Package(WordDocument(title: "t", blocks: [.paragraph(["one\ntwo\r\nthree\tfour"])], created: createdDate)).xml("word/document.xml")
        let run = try #require(document.first("w:r"))
        #expect(run.children.map(\.name) == ["w:t", "w:br", "w:t", "w:br", "w:t", "w:tab", "w:t"])
        #expect(run.all("w:t").map(\.text) == ["one", "two", "three", "four"])
    }

    @Test("Pages are A4 portrait with 2 cm margins, and the footer numbers them with PAGE and NUMPAGES fields")
    func pageAndFooter() throws {
        let package = try Package(sampleDocument())
        let section = try #require(try package.xml("word/document.xml").first("w:sectPr"))
        #expect(section.first("w:pgSz")?["w:w"] == "11906")
        #expect(section.first("w:pgSz")?["w:h"] == "16838")
        for side in ["w:top", "w:bottom", "w:left", "w:right"] {
            #expect(section.first("w:pgMar")?[side] == "1134")
        }
        let footerID = try #require(section.first("w:footerReference")?["r:id"])
        #expect(try package.relationships(of: "word/document.xml")[footerID]?.target == "footer1.xml")

        let footer = try package.xml("word/footer1.xml")
        let instructions = footer.all("w:instrText").map { $0.text.trimmingCharacters(in: .whitespaces) }
        #expect(instructions == ["PAGE", "NUMPAGES"])
        #expect(footer.all("w:fldChar").compactMap { $0["w:fldCharType"] } == ["begin", "separate", "end", "begin", "separate", "end"])
        #expect(footer.wordText == "Safeguarding partnership annual report 2023-24Page 1 of 1")

        let centred = try Package(WordDocument(title: "t", blocks: [], created: createdDate)).xml("word/footer1.xml")
        #expect(centred.first("w:jc")?["w:val"] == "center")
        #expect(centred.wordText == "Page 1 of 1")
    }

    @Test("Bulleted and numbered lists use numbering definitions, and each numbered list starts again at 1")
    func lists() throws {
        let package = try Package(sampleDocument())
        let listParagraphs = try package.xml("word/document.xml").all("w:p").filter { $0.first("w:numPr") != nil }
        #expect(listParagraphs.map(\.wordText) == ["First learning point", "Second learning point", "Agree the action plan",
                                                   "Review it in six months", "A second list, numbered from 1 again"])
        #expect(listParagraphs.allSatisfy { $0.first("w:pStyle")?["w:val"] == "ListParagraph" })
        let numberIDs = listParagraphs.compactMap { $0.first("w:numId")?["w:val"] }
        #expect(numberIDs[0] == numberIDs[1])
        #expect(numberIDs[2] == numberIDs[3])
        #expect(Set([numberIDs[0], numberIDs[2], numberIDs[4]]).count == 3)

        let numbering = try package.xml("word/numbering.xml")
        let formats = Dictionary(uniqueKeysWithValues: numbering.all("w:abstractNum").map {
            ($0["w:abstractNumId"] ?? "", $0.first("w:numFmt")?["w:val"] ?? "")
        })
        func format(of numberID: String) -> String? {
            let instance = numbering.all("w:num").first { $0["w:numId"] == numberID }
            return instance?.first("w:abstractNumId")?["w:val"].flatMap { formats[$0] }
        }
        #expect(format(of: numberIDs[0]) == "bullet")
        #expect(format(of: numberIDs[2]) == "decimal")
        #expect(format(of: numberIDs[4]) == "decimal")
        let restart = numbering.all("w:num").first { $0["w:numId"] == numberIDs[4] }?.first("w:startOverride")
        #expect(restart?["w:val"] == "1")
    }

    @Test("A picture has its PNG in the main blip, its SVG in Office's SVG extension, alt text, and a size that fits the text width")
    func pictures() throws {
        let wide = WordImage(svg: chartSVG, png: solidPNG(width: 8, height: 4), widthPixels: 1_600, heightPixels: 800, altText: "Wide chart", title: "Wide")
        let package = try Package(sampleDocument(image: wide))
        let document = try package.xml("word/document.xml")
        let relationships = try package.relationships(of: "word/document.xml")

        let blip = try #require(document.first("a:blip"))
        let png = try #require(relationships[blip["r:embed"] ?? ""])
        #expect(png.type.hasSuffix("/relationships/image"))
        #expect(package.parts["word/" + png.target] == solidPNG(width: 8, height: 4))
        #expect(png.target.hasSuffix(".png"))
        let svgBlip = try #require(blip.first("asvg:svgBlip"))
        #expect(blip.first("a:ext")?["uri"] == "{96DAC541-7B7A-43D3-8B79-37D633B846F1}")
        let svg = try #require(relationships[svgBlip["r:embed"] ?? ""])
        #expect(package.parts["word/" + svg.target] == chartSVG)

        #expect(document.first("wp:docPr")?["descr"] == "Wide chart")
        #expect(document.first("wp:docPr")?["title"] == "Wide")
        // 1,600 × 800 px is wider than the text (17 cm = 6,120,130 EMU), so it is halved-and-some, keeping its shape.
        let extent = try #require(document.first("wp:extent"))
        #expect(extent["cx"] == "6120130")
        #expect(extent["cy"] == "3060065")

        // A small picture keeps its own size: 200 px is 200 × 9,525 EMU.
        let small = try Package(sampleDocument()).xml("word/document.xml").first("wp:extent")
        #expect(small?["cx"] == "1905000")
        #expect(small?["cy"] == "952500")
    }

    @Test("A picture without an SVG has only the PNG, and every drawing and bookmark has its own id")
    func pictureWithoutSVG() throws {
        let png = solidPNG(width: 3, height: 3)
        let images = (1...3).map { WordBlock.image(WordImage(png: png, widthPixels: 30, heightPixels: 30, altText: "Picture \($0)", title: "P\($0)")) }
        let package = try Package(WordDocument(title: "t", blocks: [.heading(level: 1, text: "Pictures", anchor: "pictures")] + images, created: createdDate))
        let document = try package.xml("word/document.xml")

        #expect(document.first("asvg:svgBlip") == nil)
        #expect(!package.parts.keys.contains { $0.hasSuffix(".svg") })
        #expect(package.parts.keys.filter { $0.hasPrefix("word/media/") }.sorted() == ["word/media/image1.png", "word/media/image2.png", "word/media/image3.png"])
        let ids = document.all("wp:docPr").compactMap { $0["id"] } + document.all("w:bookmarkStart").compactMap { $0["w:id"] }
        #expect(ids.count == 4)
        #expect(Set(ids).count == 4)
    }

    @Test("A table of contents is a TOC field of headings 1 to 3, listing them as links until Word updates it")
    func tableOfContents() throws {
        let package = try Package(sampleDocument())
        let document = try package.xml("word/document.xml")

        let instruction = try #require(document.first("w:instrText")).text
        #expect(instruction.contains(#"TOC \o "1-3" \h"#))
        let title = document.all("w:p").first { $0.first("w:pStyle")?["w:val"] == "TOCHeading" }
        #expect(title?.wordText == "Contents")
        let entries = document.all("w:p").filter { ($0.first("w:pStyle")?["w:val"] ?? "").hasPrefix("TOC") && $0.first("w:pStyle")?["w:val"] != "TOCHeading" }
        #expect(entries.map { $0.first("w:pStyle")?["w:val"] } == ["TOC1", "TOC2", "TOC3", "TOC1"])
        #expect(entries.map(\.wordText) == ["Rapid reviews", "Timeliness", "Level three", "Summary"])
        #expect(entries.compactMap { $0.first("w:hyperlink")?["w:anchor"] } == ["rapid_reviews", "_Toc2", "_Toc3", "summary"])
        // One field: it begins in the first entry and ends in the last, and Word is to update it on opening.
        #expect(entries.flatMap { $0.all("w:fldChar") }.compactMap { $0["w:fldCharType"] } == ["begin", "separate", "end"])
        #expect(entries.first?.first("w:fldChar")?["w:dirty"] == "true")
        #expect(try package.xml("word/settings.xml").first("w:updateFields")?["w:val"] == "true")
    }

    @Test("A table of contents in a document without headings says how to fill it in")
    func emptyTableOfContents() throws {
        let document = try Package(WordDocument(title: "t", blocks: [.tableOfContents(title: "Contents"), .paragraph(["Text"])], created: createdDate))
            .xml("word/document.xml")
        let field = try #require(document.all("w:p").first { $0.first("w:instrText") != nil })
        #expect(field.all("w:fldChar").compactMap { $0["w:fldCharType"] } == ["begin", "separate", "end"])
        #expect(field.wordText.contains("Update Field"))
    }

    @Test("A page break makes the next paragraph start a new page")
    func pageBreaks() throws {
        let document = try Package(sampleDocument()).xml("word/document.xml")
        let breaking = document.all("w:p").filter { $0.first("w:pageBreakBefore") != nil }
        #expect(breaking.map(\.wordText) == ["Rapid reviews"])

        let beforeTable = try Package(WordDocument(title: "t", blocks: [.paragraph(["a"]), .pageBreak, .table(WordTable(header: ["h"], rows: []))], created: createdDate))
            .xml("word/document.xml")
        #expect(beforeTable.first("w:br")?["w:type"] == "page")
    }

    @Test("The document properties carry the title, subject and created date, and the styles use Arial on A4")
    func properties() throws {
        let package = try Package(sampleDocument())
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == "Annual report 2023-24")
        #expect(core.first("dc:subject")?.text == "Safeguarding partnership annual report")
        let created = try #require(core.first("dcterms:created"))
        #expect(created.text == "2024-03-31T09:30:00Z")
        #expect(created["xsi:type"] == "dcterms:W3CDTF")

        let styles = try package.xml("word/styles.xml")
        #expect(styles.first("w:docDefaults")?.first("w:rFonts")?["w:ascii"] == "Arial")
        let ids = Set(styles.all("w:style").compactMap { $0["w:styleId"] })
        for id in ["Normal", "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Caption", "TableGrid", "Hyperlink", "ListParagraph", "Lead", "Note", "Footer"] {
            #expect(ids.contains(id), "styles.xml has no \(id) style")
        }
        let paragraphStyles = try package.xml("word/document.xml").all("w:pStyle").compactMap { $0["w:val"] }
        #expect(Set(paragraphStyles).isSubset(of: ids), "every paragraph style used is defined")
    }

    @Test("Anchors become bookmark names Word keeps: letters, digits and underscores, starting with a letter, at most 40, distinct")
    func bookmarkNames() throws {
        let long = String(repeating: "x", count: 50)
        let anchors = ["section-2.1", "2024", "section_2_1", long, long + "y"]
        let blocks = anchors.map { WordBlock.heading(level: 2, text: $0, anchor: $0) } + [.paragraph([WordRun("to 2024", link: "#2024")])]
        let document = try Package(WordDocument(title: "t", blocks: blocks, created: createdDate)).xml("word/document.xml")

        let names = document.all("w:bookmarkStart").compactMap { $0["w:name"] }
        #expect(names.count == 5)
        #expect(Set(names).count == 5)
        #expect(names[0] == "section_2_1")
        #expect(names[1] == "a2024")
        #expect(names.allSatisfy { $0.count <= 40 && $0.first!.isLetter && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } })
        #expect(document.first("w:hyperlink")?["w:anchor"] == "a2024")
    }

    @Test("A picture whose PNG is not a PNG, or whose size is zero, is refused")
    func invalidPictures() {
        let notPNG = WordImage(png: Data("GIF89a".utf8), widthPixels: 10, heightPixels: 10, altText: "a", title: "Logo")
        #expect(throws: DocxError.invalidImage("Logo")) { try DocxWriter.data(for: WordDocument(title: "t", blocks: [.image(notPNG)])) }
        let empty = WordImage(png: solidPNG(width: 1, height: 1), widthPixels: 0, heightPixels: 10, altText: "a", title: "Empty")
        #expect(throws: DocxError.invalidImage("Empty")) { try DocxWriter.data(for: WordDocument(title: "t", blocks: [.image(empty)])) }
    }

    @Test("The same document gives the same bytes")
    func deterministic() throws {
        #expect(try DocxWriter.data(for: sampleDocument()) == DocxWriter.data(for: sampleDocument()))
    }

    @Test("LibreOffice renders the document to PDF with its headings, table, list and link text", .enabled(if: LibreOffice.canConvertWordDocuments))
    func libreOfficeRendersIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docx = folder.appendingPathComponent("report.docx")
        try DocxWriter.data(for: sampleDocument()).write(to: docx)

        let pdf = try LibreOffice.convertToPDF(docx, in: folder)
        let text = try LibreOffice.run("/usr/bin/pdftotext", ["-layout", pdf.path, "-"])

        for expected in ["Annual report 2023-24", "Rapid reviews", "Timeliness", "Summary", "Table 1: Reviews by quarter",
                         "Quarter", "On time", "Q2", "First learning point", "Agree the action plan", "the guidance",
                         "Figure 1: Referrals by quarter", "Safeguarding partnership annual report 2023-24"] {
            #expect(text.contains(expected), "the PDF has no “\(expected)”")
        }
        // The contents list the headings, and the footer counts the pages (the page break makes at least two).
        #expect(text.contains(try Regex(#"Contents\s+Rapid reviews\s+Timeliness\s+Level three\s+Summary"#)))
        let pages = text.matches(of: try Regex(#"Page (\d+) of (\d+)"#)).count
        #expect(pages >= 2)
        #expect(text.contains("Page 1 of \(pages)") && text.contains("Page \(pages) of \(pages)"))
        #expect(text.contains("1. Agree the action plan") || text.contains("1.Agree the action plan"))
        #expect(text.contains("1. A second list") || text.contains("1.A second list"))
    }
}

/// LibreOffice run headless, as a reader of the documents other than Word.
private enum LibreOffice {
    static let soffice = "/usr/bin/soffice"

    /// soffice alone opens only what its installed modules read: .docx needs Writer
    /// (Debian's libreoffice-writer or libreoffice-writer-nogui), which a Calc-only install lacks.
    static var canConvertWordDocuments: Bool {
        FileManager.default.isExecutableFile(atPath: soffice)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
            && ["/usr/lib/libreoffice/program/libswlo.so", "/opt/libreoffice/program/libswlo.so"].contains { FileManager.default.fileExists(atPath: $0) }
    }

    static func convertToPDF(_ file: URL, in folder: URL) throws -> URL {
        // A profile of its own, so that a LibreOffice already running (or another test) holds no lock on it.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lo-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        _ = try run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                              "--convert-to", "pdf", "--outdir", folder.path, file.path])
        let pdf = file.deletingPathExtension().appendingPathExtension("pdf")
        try #require(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice wrote no PDF")
        return pdf
    }

    /// Runs a program and returns what it printed, giving up after two minutes.
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        try Data().write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(program) did not finish in two minutes")
        }
        try handle.close()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }
}
