import Foundation
import ZIPFoundation

/// Why a Word document could not be written.
public enum DocxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A picture's PNG is not a PNG, or its size is not positive; the value is the picture's title.
    case invalidImage(String)
    /// The parts could not be zipped; the value says why.
    case packaging(String)

    public var description: String {
        switch self {
        case .invalidImage(let title):
            return "The picture “\(title)” could not be put in the Word document: it needs PNG data and a width and height above zero"
        case .packaging(let detail):
            return "The Word document could not be written (\(detail))"
        }
    }
}

/// Writes a `WordDocument` as a Word document (.docx, Office Open XML) that Word, LibreOffice and
/// Google Docs open without repair.
///
/// Everything a reader's tools rely on is real Word structure rather than look-alike formatting:
/// headings are Heading 1–4 (navigation pane, table of contents, PDF bookmarks), lists are
/// numbering definitions, table header rows are marked to repeat on each page, pictures carry alt
/// text, and the footer counts pages with PAGE and NUMPAGES fields. Pages are A4 portrait with
/// 2 cm margins; text is Arial (Liberation Sans where Arial is missing, which has the same widths).
public enum DocxWriter {
    /// The document as the bytes of a .docx file.
    ///
    /// The same document (with the same `created` date) always gives the same bytes.
    /// - Throws: `DocxError.invalidImage` for a picture whose PNG is not a PNG or whose size is not positive.
    public static func data(for document: WordDocument) throws(DocxError) -> Data {
        var body = DocxBody()
        let bodyXML = try body.render(document.blocks)

        var parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Data(contentTypes(media: body.media.map(\.path)).utf8)),
            ("_rels/.rels", Data(packageRelationships.utf8)),
            ("docProps/core.xml", Data(coreProperties(document).utf8)),
            ("docProps/app.xml", Data(appProperties.utf8)),
            ("word/document.xml", Data(documentPart(body: bodyXML).utf8)),
            ("word/_rels/document.xml.rels", Data(relationshipsPart(body.relationships).utf8)),
            ("word/styles.xml", Data(DocxStyles.part.utf8)),
            ("word/numbering.xml", Data(DocxStyles.numbering(numberedLists: body.numberedListCount).utf8)),
            ("word/settings.xml", Data(settingsPart.utf8)),
            ("word/footer1.xml", Data(DocxStyles.footer(text: document.footerText).utf8)),
        ]
        parts += body.media.map { ("word/\($0.path)", $0.data) }
        return try zipped(parts, modified: document.created)
    }

    private static func zipped(_ parts: [(path: String, data: Data)], modified: Date) throws(DocxError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let bytes = part.data
                // PNGs are compressed already; deflating them again only costs time.
                let compression: CompressionMethod = part.path.hasSuffix(".png") ? .none : .deflate
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: modified, compressionMethod: compression) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw DocxError.packaging("the archive has no data") }
            return data
        } catch let error as DocxError {
            throw error
        } catch {
            throw .packaging("\(error)")
        }
    }
}

// MARK: - Package parts

extension DocxWriter {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(media: [String]) -> String {
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")]
        if media.contains(where: { $0.hasSuffix(".png") }) { defaults.append(("png", "image/png")) }
        if media.contains(where: { $0.hasSuffix(".svg") }) { defaults.append(("svg", "image/svg+xml")) }
        let overrides = [
            ("/word/document.xml", "\(main).document.main+xml"),
            ("/word/styles.xml", "\(main).styles+xml"),
            ("/word/numbering.xml", "\(main).numbering+xml"),
            ("/word/settings.xml", "\(main).settings+xml"),
            ("/word/footer1.xml", "\(main).footer+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        return declaration
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + defaults.map { #"<Default Extension="\#($0.0)" ContentType="\#($0.1)"/>"# }.joined()
            + overrides.map { #"<Override PartName="\#($0.0)" ContentType="\#($0.1)"/>"# }.joined()
            + "</Types>"
    }

    static let packageRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipType)/officeDocument" Target="word/document.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="\#(relationshipType)/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static func coreProperties(_ document: WordDocument) -> String {
        // W3CDTF in UTC: 2024-03-31T09:30:00Z.
        let created = document.created.formatted(.iso8601)
        return declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(DocxXML.text(document.title))</dc:title>"
            + (document.subject.map { "<dc:subject>\(DocxXML.text($0))</dc:subject>" } ?? "")
            + "<dc:language>en-GB</dc:language>"
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(created)</dcterms:created>"#
            + #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(created)</dcterms:modified>"#
            + "</cp:coreProperties>"
    }

    static let appProperties = declaration
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
        + #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
        + "<Application>Safeguarding</Application><DocSecurity>0</DocSecurity></Properties>"

    static func relationshipsPart(_ relationships: [DocxBody.Relationship]) -> String {
        let fixed = [
            DocxBody.Relationship(id: "rIdStyles", type: "styles", target: "styles.xml", isExternal: false),
            DocxBody.Relationship(id: "rIdNumbering", type: "numbering", target: "numbering.xml", isExternal: false),
            DocxBody.Relationship(id: "rIdSettings", type: "settings", target: "settings.xml", isExternal: false),
            DocxBody.Relationship(id: DocxBody.footerRelationshipID, type: "footer", target: "footer1.xml", isExternal: false),
        ]
        return declaration
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (fixed + relationships).map { relationship in
                #"<Relationship Id="\#(relationship.id)" Type="\#(relationshipType)/\#(relationship.type)" "#
                    + #"Target="\#(DocxXML.attribute(relationship.target))"\#(relationship.isExternal ? #" TargetMode="External""# : "")/>"#
            }.joined()
            + "</Relationships>"
    }

    /// `updateFields` makes Word offer to update the fields when the document opens, which fills in
    /// the table of contents; the rest is what Word writes for a new document, in schema order.
    static let settingsPart = declaration
        + #"<w:settings xmlns:w="\#(DocxStyles.mainNamespace)">"#
        + #"<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#
        + #"<w:updateFields w:val="true"/>"#
        + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        + #"<w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>"#
        + "</w:settings>"

    static func documentPart(body: String) -> String {
        declaration
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#
            + #"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#
            + #"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#
            + #"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#
            + "<w:body>\(body)"
            + #"<w:sectPr><w:footerReference w:type="default" r:id="\#(DocxBody.footerRelationshipID)"/>"#
            + #"<w:pgSz w:w="\#(DocxBody.pageWidth)" w:h="\#(DocxBody.pageHeight)"/>"#
            + #"<w:pgMar w:top="\#(DocxBody.margin)" w:right="\#(DocxBody.margin)" w:bottom="\#(DocxBody.margin)" "#
            + #"w:left="\#(DocxBody.margin)" w:header="567" w:footer="567" w:gutter="0"/>"#
            + "</w:sectPr></w:body></w:document>"
    }
}

/// Text made safe for XML 1.0.
enum DocxXML {
    /// `text` escaped for element content, without the characters XML 1.0 cannot hold at all
    /// (control characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF),
    /// which a pasted value can carry and which would make Word refuse the whole file.
    static func text(_ text: String) -> String {
        escaped(text, inAttribute: false)
    }

    /// As `text`, for an attribute value in double quotes; line breaks and tabs are kept as
    /// character references, since a parser would otherwise turn them into spaces.
    static func attribute(_ text: String) -> String {
        escaped(text, inAttribute: true)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func escaped(_ text: String, inAttribute: Bool) -> String {
        if text.unicodeScalars.allSatisfy({ isAllowed($0) && !"&<>\"\t\n\r".unicodeScalars.contains($0) }) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where inAttribute: result.append(contentsOf: "&quot;".unicodeScalars)
            case "\t" where inAttribute: result.append(contentsOf: "&#9;".unicodeScalars)
            case "\n" where inAttribute: result.append(contentsOf: "&#10;".unicodeScalars)
            // A bare carriage return would be read back as a line feed, in content as in attributes.
            case "\r": result.append(contentsOf: "&#13;".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
