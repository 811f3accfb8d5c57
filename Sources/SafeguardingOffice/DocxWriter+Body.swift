import Foundation

/// `word/document.xml`'s body, and what it refers to: the relationships of its links and pictures,
/// the pictures themselves, and how many numbered lists numbering.xml must define.
struct DocxBody {
    struct Relationship {
        let id: String
        /// The last part of the relationship type's URI: `image`, `hyperlink`.
        let type: String
        let target: String
        let isExternal: Bool
    }

    // Sizes are in twentieths of a point (twips) unless named otherwise; 567 twips are 1 cm.
    static let pageWidth = 11_906
    static let pageHeight = 16_838
    static let margin = 1_134
    static let textWidth = pageWidth - 2 * margin
    /// English Metric Units, DrawingML's length: 914,400 to the inch, so 635 to the twip and 9,525 to the CSS pixel.
    static let emuPerTwip = 635
    static let emuPerPixel = 9_525
    /// A picture may be as tall as the text area less room for its caption and the line before it.
    static let largestImageHeight = (pageHeight - 2 * margin - 2 * 567) * emuPerTwip
    static let footerRelationshipID = "rIdFooter"

    private(set) var relationships: [Relationship] = []
    private(set) var media: [(path: String, data: Data)] = []
    /// Each numbered list has its own numbering instance, so that each starts at 1.
    private(set) var numberedListCount = 0

    /// Ids of bookmarks and drawings, which Word wants unique within the document.
    private var nextID = 1
    private var imageCount = 0
    /// Each heading's anchor, as the bookmark name Word accepts, so links and bookmarks agree.
    private var anchors: [String: String] = [:]
    /// Each heading's bookmark, in order.
    private var headingBookmarks: [String?] = []
    /// Set by a page break: the next paragraph starts a new page.
    private var pageBreakPending = false
    /// The headings a table of contents lists (levels 1 to 3), in order, with their bookmarks.
    private var contents: [(level: Int, text: String, bookmark: String)] = []
    /// How many headings have been written so far.
    private var headingCount = 0

    mutating func render(_ blocks: [WordBlock]) throws(DocxError) -> String {
        nameBookmarks(in: blocks)
        var xml = ""
        for block in blocks {
            switch block {
            case .heading(let level, let text, _):
                xml += heading(level: level, text: text)
            case .paragraph(let runs, let style):
                xml += paragraph(style: Self.styleID(style), content: self.runs(runs))
            case .bulletList(let items):
                xml += items.map { paragraph(style: "ListParagraph", numberID: 1, content: runs($0)) }.joined()
            case .numberedList(let items):
                numberedListCount += 1
                let numberID = 1 + numberedListCount
                xml += items.map { paragraph(style: "ListParagraph", numberID: numberID, content: runs($0)) }.joined()
            case .table(let table):
                xml += self.table(table)
            case .image(let image):
                xml += try self.image(image)
            case .tableOfContents(let title):
                xml += tableOfContents(title: title)
            case .pageBreak:
                pageBreakPending = true
            }
        }
        // Word needs a paragraph in the body, and one whose page break found nothing to start is dropped.
        return xml.isEmpty ? "<w:p/>" : xml
    }

    static func styleID(_ style: WordParagraphStyle) -> String? {
        switch style {
        case .body: return nil
        case .lead: return "Lead"
        case .caption: return "Caption"
        case .note: return "Note"
        case .title: return "Title"
        }
    }

    // MARK: Paragraphs and runs

    /// A paragraph; the first one after a page break starts the new page.
    private mutating func paragraph(style: String?, numberID: Int? = nil, keepNext: Bool = false, content: String) -> String {
        var properties = ""
        if let style { properties += #"<w:pStyle w:val="\#(style)"/>"# }
        if keepNext { properties += "<w:keepNext/>" }
        if pageBreakPending {
            properties += "<w:pageBreakBefore/>"
            pageBreakPending = false
        }
        if let numberID { properties += #"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="\#(numberID)"/></w:numPr>"# }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + content + "</w:p>"
    }

    private mutating func runs(_ runs: [WordRun]) -> String {
        runs.map { run(text: $0.text, bold: $0.bold, italic: $0.italic, link: $0.link) }.joined()
    }

    /// One run, wrapped in a hyperlink when it has a link.
    private mutating func run(text: String, bold: Bool, italic: Bool, link: String?) -> String {
        guard !text.isEmpty else { return "" }
        let link = link?.isEmpty == false ? link : nil
        var properties = ""
        if link != nil { properties += #"<w:rStyle w:val="Hyperlink"/>"# }
        if bold { properties += "<w:b/><w:bCs/>" }
        if italic { properties += "<w:i/><w:iCs/>" }
        let run = "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + Self.runContent(text) + "</w:r>"
        guard let link else { return run }
        if link.hasPrefix("#") {
            return #"<w:hyperlink w:anchor="\#(DocxXML.attribute(bookmarkName(String(link.dropFirst()))))" w:history="1">\#(run)</w:hyperlink>"#
        }
        let id = "rId\(relationships.count + 1)"
        relationships.append(Relationship(id: id, type: "hyperlink", target: link, isExternal: true))
        return #"<w:hyperlink r:id="\#(id)" w:history="1">\#(run)</w:hyperlink>"#
    }

    /// A run's text, with line breaks and tabs as Word's own elements: in `w:t` they would show as spaces.
    static func runContent(_ text: String) -> String {
        var content = ""
        var pending = ""
        func flush() {
            if !pending.isEmpty { content += #"<w:t xml:space="preserve">\#(DocxXML.text(pending))</w:t>"# }
            pending = ""
        }
        // Characters, not scalars, so that "\r\n" is one line break.
        for character in text {
            switch character {
            case "\n", "\r\n", "\r", "\u{2028}", "\u{2029}":
                flush()
                content += "<w:br/>"
            case "\t":
                flush()
                content += "<w:tab/>"
            default:
                pending.append(character)
            }
        }
        flush()
        return content
    }

    // MARK: Headings and bookmarks

    /// A heading, inside the bookmark `nameBookmarks` gave it.
    private mutating func heading(level: Int, text: String) -> String {
        let level = min(max(level, 1), 4)
        var content = Self.runContent(text).isEmpty ? "" : "<w:r>\(Self.runContent(text))</w:r>"
        if let name = headingBookmarks[headingCount] {
            let id = takeID()
            content = #"<w:bookmarkStart w:id="\#(id)" w:name="\#(DocxXML.attribute(name))"/>"# + content + #"<w:bookmarkEnd w:id="\#(id)"/>"#
        }
        headingCount += 1
        return paragraph(style: "Heading\(level)", content: content)
    }

    /// Names every heading's bookmark before anything is written, as a link or the table of
    /// contents may come before the heading. A heading's anchor becomes its bookmark (the first
    /// heading with an anchor keeps it); a heading of level 1–3 without one gets a hidden bookmark
    /// (a leading `_`, like Word's own `_Toc` ones) for its entry in the contents.
    private mutating func nameBookmarks(in blocks: [WordBlock]) {
        var taken: Set<String> = []
        for case .heading(let level, let text, let anchor) in blocks {
            var name: String?
            if let anchor, anchors[anchor] == nil {
                var candidate = Self.bookmarkName(anchor)
                var suffix = 2
                while taken.contains(candidate) {
                    let tail = "_\(suffix)"
                    candidate = String(Self.bookmarkName(anchor).prefix(40 - tail.count)) + tail
                    suffix += 1
                }
                anchors[anchor] = candidate
                name = candidate
            } else if level <= 3 {
                name = "_Toc\(headingBookmarks.count + 1)"
            }
            if let name {
                taken.insert(name)
                if level <= 3 { contents.append((level: max(level, 1), text: text, bookmark: name)) }
            }
            headingBookmarks.append(name)
        }
    }

    private func bookmarkName(_ anchor: String) -> String {
        anchors[anchor] ?? Self.bookmarkName(anchor)
    }

    /// Word keeps a bookmark only if its name is at most 40 letters, digits and underscores and
    /// starts with a letter (one starting with `_` is hidden), so `section-2.1` becomes `section_2_1`.
    static func bookmarkName(_ anchor: String) -> String {
        var name = String(anchor.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        })
        if !(name.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } ?? false) { name = "a" + name }
        return String(name.prefix(40))
    }

    private mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: Tables

    private mutating func table(_ table: WordTable) -> String {
        let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return "" }
        var xml = ""
        if let caption = table.caption {
            xml += paragraph(style: "Caption", keepNext: true, content: "<w:r>\(Self.runContent(caption))</w:r>")
        } else if pageBreakPending {
            // A table's own rows cannot start a page, so the break is a paragraph of its own.
            xml += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            pageBreakPending = false
        }
        let widths = Self.columnWidths(table, columnCount: columnCount)
        let alignment = { (column: Int) in table.columnAlignments.flatMap { column < $0.count ? $0[column] : nil } ?? .left }
        let border = #"w:val="single" w:sz="4" w:space="0" w:color="\#(DocxStyles.borderColour)""#

        xml += "<w:tbl><w:tblPr>"
            + #"<w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>"#
            // The style has these borders too; they are repeated here because not every reader applies table styles.
            + "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(border)/>" }.joined() + "</w:tblBorders>"
            + #"<w:tblLayout w:type="fixed"/>"#
            + #"<w:tblLook w:val="\#(table.rowHeaders ? "06A0" : "0620")" w:firstRow="1" w:lastRow="0" w:firstColumn="\#(table.rowHeaders ? 1 : 0)" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#
            + (table.caption.map { #"<w:tblCaption w:val="\#(DocxXML.attribute($0))"/>"# } ?? "")
            + "</w:tblPr><w:tblGrid>" + widths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"

        if !table.header.isEmpty {
            xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            for column in 0..<columnCount {
                let text = column < table.header.count ? table.header[column] : ""
                xml += cell(WordCell(text, bold: true), width: widths[column], alignment: alignment(column), shaded: true)
            }
            xml += "</w:tr>"
        }
        for row in table.rows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for column in 0..<columnCount {
                var cell = column < row.count ? row[column] : WordCell("")
                if table.rowHeaders && column == 0 { cell.bold = true }
                xml += self.cell(cell, width: widths[column], alignment: alignment(column), shaded: false)
            }
            xml += "</w:tr>"
        }
        // A paragraph after every table: Word joins two tables that touch into one, a body may not
        // end with a table, and text straight after a table would touch its bottom border.
        return xml + #"</w:tbl><w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:rPr><w:sz w:val="16"/></w:rPr></w:pPr></w:p>"#
    }

    private mutating func cell(_ cell: WordCell, width: Int, alignment: WordAlignment, shaded: Bool) -> String {
        let shading = shaded ? #"<w:shd w:val="clear" w:color="auto" w:fill="\#(DocxStyles.headerFill)"/>"# : ""
        let content = run(text: cell.text, bold: cell.bold, italic: false, link: cell.link)
        let justification = alignment == .left ? "" : #"<w:jc w:val="\#(alignment == .center ? "center" : "right")"/>"#
        return #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>\#(shading)</w:tcPr>"#
            + #"<w:p><w:pPr><w:pStyle w:val="TableText"/>\#(justification)</w:pPr>\#(content)</w:p></w:tc>"#
    }

    /// Columns share the text width by how long their text is, heading included (between 4 and
    /// 30 characters' worth), so a column of names gets more room than a column of counts.
    static func columnWidths(_ table: WordTable, columnCount: Int) -> [Int] {
        let weights = (0..<columnCount).map { column in
            let texts = (column < table.header.count ? [table.header[column]] : []) + table.rows.compactMap { column < $0.count ? $0[column].text : nil }
            return min(max(texts.map(\.count).max() ?? 0, 4), 30)
        }
        let total = weights.reduce(0, +)
        var widths = weights.map { textWidth * $0 / total }
        widths[columnCount - 1] += textWidth - widths.reduce(0, +)
        return widths
    }

    // MARK: Pictures

    private mutating func image(_ image: WordImage) throws(DocxError) -> String {
        guard image.png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              image.widthPixels > 0, image.heightPixels > 0 else { throw .invalidImage(image.title) }
        imageCount += 1
        let name = "image\(imageCount)"
        media.append(("media/\(name).png", image.png))
        let pngID = "rId\(relationships.count + 1)"
        relationships.append(Relationship(id: pngID, type: "image", target: "media/\(name).png", isExternal: false))
        var extensions = ""
        if let svg = image.svg {
            media.append(("media/\(name).svg", svg))
            let svgID = "rId\(relationships.count + 1)"
            relationships.append(Relationship(id: svgID, type: "image", target: "media/\(name).svg", isExternal: false))
            // Office 2016's SVG extension: readers that know it draw the SVG, the rest the PNG.
            extensions = #"<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">"#
                + #"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="\#(svgID)"/>"#
                + "</a:ext></a:extLst>"
        }

        let (width, height) = Self.imageExtent(widthPixels: image.widthPixels, heightPixels: image.heightPixels)
        let id = takeID()
        let description = DocxXML.attribute(image.altText)
        let title = DocxXML.attribute(image.title)
        let drawing = #"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#
            + #"<wp:extent cx="\#(width)" cy="\#(height)"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#
            + #"<wp:docPr id="\#(id)" name="Picture \#(id)" descr="\#(description)" title="\#(title)"/>"#
            + #"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#
            + #"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>"#
            + #"<pic:nvPicPr><pic:cNvPr id="\#(id)" name="\#(name).png" descr="\#(description)" title="\#(title)"/><pic:cNvPicPr/></pic:nvPicPr>"#
            + #"<pic:blipFill><a:blip r:embed="\#(pngID)">\#(extensions)</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#
            + #"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(width)" cy="\#(height)"/></a:xfrm>"#
            + #"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>"#
            + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        return paragraph(style: "Figure", content: drawing)
    }

    /// The picture's size in EMU: its own size, scaled down to fit the text width and page height.
    static func imageExtent(widthPixels: Int, heightPixels: Int) -> (width: Int, height: Int) {
        let width = Double(widthPixels * emuPerPixel)
        let height = Double(heightPixels * emuPerPixel)
        let scale = min(1, Double(textWidth * emuPerTwip) / width, Double(largestImageHeight) / height)
        return (Int((width * scale).rounded()), Int((height * scale).rounded()))
    }

    // MARK: Table of contents

    /// A TOC field whose current result lists the headings, each a link to its heading's bookmark.
    /// Word rebuilds the list with page numbers when it updates fields on opening (`dirty`, and
    /// settings.xml's updateFields). LibreOffice (7.4) never updates it, and shows page numbers in
    /// the result only as they were written, so the entries written here have none: in its PDFs
    /// the contents are a plain list of links rather than dot leaders leading to nothing.
    private mutating func tableOfContents(title: String) -> String {
        var xml = paragraph(style: "TOCHeading", content: "<w:r>\(Self.runContent(title))</w:r>")
        let begin = #"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>"#
            + #"<w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r>"#
            + #"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
        let end = #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        guard !contents.isEmpty else {
            return xml + paragraph(style: "Note", content: begin + "<w:r><w:t>\(Self.tableOfContentsPlaceholder)</w:t></w:r>" + end)
        }
        for (index, entry) in contents.enumerated() {
            let link = #"<w:hyperlink w:anchor="\#(DocxXML.attribute(entry.bookmark))" w:history="1"><w:r>\#(Self.runContent(entry.text))</w:r></w:hyperlink>"#
            xml += paragraph(style: "TOC\(entry.level)", content: (index == 0 ? begin : "") + link + (index == contents.count - 1 ? end : ""))
        }
        return xml
    }

    /// What an empty table of contents says until Word fills it in.
    static let tableOfContentsPlaceholder = "The table of contents appears here when Word updates it: choose Yes when Word asks to update fields, or right-click here and choose Update Field."
}
