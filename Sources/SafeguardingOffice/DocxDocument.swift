import Foundation

// A neutral model of a Word document: headings, paragraphs, lists, tables, pictures and a table of
// contents. A report maps itself onto it and `DocxWriter` turns it into a .docx file; nothing here
// knows about reviews, audits or any other part of the partnership's work.

/// A Word document: its blocks in reading order, with the title and subject that Word shows under
/// File › Info and a screen reader announces.
public struct WordDocument: Sendable {
    /// The document's title in its properties (not shown on the page: add a `.title` paragraph for that).
    public var title: String
    public var subject: String?
    public var blocks: [WordBlock]
    /// Text on the left of every page's footer, beside "Page N of M"; with none the page number is centred.
    public var footerText: String?
    /// When the document was made, as its properties say. Passed in so the same document gives the same bytes.
    public var created: Date

    public init(title: String, subject: String? = nil, blocks: [WordBlock], footerText: String? = nil, created: Date = Date()) {
        self.title = title
        self.subject = subject
        self.blocks = blocks
        self.footerText = footerText
        self.created = created
    }
}

/// One block of a Word document, laid out one after another down the page.
public enum WordBlock: Sendable {
    /// A heading in Word's own Heading 1 to Heading 4 styles, so the navigation pane and a table of
    /// contents find it. Levels outside 1...4 are clamped. `anchor` names a bookmark that a
    /// `WordRun` link `"#anchor"` leads to.
    case heading(level: Int, text: String, anchor: String? = nil)
    case paragraph([WordRun], style: WordParagraphStyle = .body)
    /// A bulleted list, one item of runs per entry.
    case bulletList([[WordRun]])
    /// A numbered list; each list starts again at 1.
    case numberedList([[WordRun]])
    case table(WordTable)
    case image(WordImage)
    /// A table of contents of headings 1 to 3. Word fills it in when the document is opened (it asks
    /// first); until then it shows `title` and a line saying how to update it.
    case tableOfContents(title: String)
    case pageBreak
}

/// How a paragraph looks, as a named Word style a reader can change for the whole document.
public enum WordParagraphStyle: Sendable, Equatable {
    /// Ordinary text (Word's Normal style).
    case body
    /// An opening summary in larger text.
    case lead
    /// The text above a table or below a figure.
    case caption
    /// Small grey text for sources, footnotes and the like.
    case note
    /// The document's title on its first page.
    case title
}

/// A stretch of text with one formatting, optionally a link.
public struct WordRun: Sendable, Equatable {
    /// Line breaks (`\n`) become line breaks within the paragraph, tabs (`\t`) tabs.
    public var text: String
    public var bold: Bool
    public var italic: Bool
    /// A web address (`https://…`, `mailto:…`), or `#anchor` for a heading's anchor in this document.
    public var link: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, link: String? = nil) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.link = link
    }
}

extension WordRun: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        self.init(text)
    }
}

/// A table as wide as the text, with a header row that is repeated on every page it runs onto.
public struct WordTable: Sendable {
    /// Shown above the table in the Caption style, and given to the table as its accessible title.
    public var caption: String?
    /// The column headings; empty for a table without a header row.
    public var header: [String]
    /// The body rows. A short row is filled out with empty cells.
    public var rows: [[WordCell]]
    /// How each column's text is aligned, header included; columns past the end are left-aligned.
    public var columnAlignments: [WordAlignment]?
    /// Whether the first column labels its row, and so is bold.
    public var rowHeaders: Bool

    public init(caption: String? = nil, header: [String], rows: [[WordCell]], columnAlignments: [WordAlignment]? = nil, rowHeaders: Bool = false) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.columnAlignments = columnAlignments
        self.rowHeaders = rowHeaders
    }
}

/// One body cell of a table.
public struct WordCell: Sendable, Equatable {
    public var text: String
    /// As `WordRun.link`: a web address or `#anchor`.
    public var link: String?
    public var bold: Bool

    public init(_ text: String, link: String? = nil, bold: Bool = false) {
        self.text = text
        self.link = link
        self.bold = bold
    }
}

extension WordCell: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        self.init(text)
    }
}

public enum WordAlignment: Sendable, Equatable {
    case left, center, right
}

/// A picture, such as a chart, set in its own centred paragraph.
///
/// Word 2016 and later (Microsoft 365) show the SVG, sharp at any zoom; older Word, LibreOffice
/// (7.4 at least) and other readers show the PNG. So the PNG should be the same picture, drawn at
/// twice `widthPixels` × `heightPixels` or more so that it prints cleanly.
public struct WordImage: Sendable {
    public var svg: Data?
    public var png: Data
    /// The picture's size on screen in CSS pixels (1/96 inch). A picture wider than the text, or
    /// taller than the page, is scaled down to fit, keeping its shape; a smaller one is not enlarged.
    public var widthPixels: Int
    public var heightPixels: Int
    /// What the picture shows, for a reader who cannot see it (Word's "Alt Text").
    public var altText: String
    public var title: String

    public init(svg: Data? = nil, png: Data, widthPixels: Int, heightPixels: Int, altText: String, title: String) {
        self.svg = svg
        self.png = png
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.altText = altText
        self.title = title
    }
}
