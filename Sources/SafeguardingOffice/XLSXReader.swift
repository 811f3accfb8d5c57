import Foundation
import ZIPFoundation

/// Why an uploaded workbook could not be read at all (as opposed to a bad value in a good row).
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a zip archive, so not an .xlsx workbook: an old .xls, a CSV or a PDF, say.
    case notAnXLSXFile
    /// A part every workbook has is not in the archive; the value is its path, `xl/workbook.xml`.
    case missingPart(String)
    /// A part is there but cannot be read; the value says which and why.
    case malformed(String)

    /// What a user reads.
    public var description: String {
        switch self {
        case .notAnXLSXFile:
            return "The file is not an Excel workbook (.xlsx): save it from Excel as “Excel Workbook (.xlsx)” or as CSV, and upload it again"
        case .missingPart(let part):
            return "The workbook has no \(part), which every Excel workbook has: open it in Excel, save it as .xlsx, and upload it again"
        case .malformed(let detail):
            return "The workbook could not be read (\(detail)): open it in Excel, save it as .xlsx, and upload it again"
        }
    }
}

/// Reads the first worksheet of an Excel workbook (.xlsx, Office Open XML) as rows of text, the
/// same shape `CSVParser` gives, so a data return can be uploaded either way.
///
/// Each field is the cell's text as Excel shows it under a General format: shared and inline
/// strings (rich-text runs joined), `TRUE`/`FALSE`, error codes such as `#N/A`, numbers with at
/// most 15 significant digits (Excel's own precision, so `0.30000000000000004` is `0.3`) and never
/// in exponent form, and cells formatted as dates as ISO dates (`2024-03-31`; any time of day is
/// dropped). A formula gives the value Excel saved with it, or "" if none was saved.
///
/// Which sheet: the first visible worksheet in tab order, found through the workbook's
/// relationships rather than by assuming `sheet1.xml`, which is whichever sheet was created first.
public enum XLSXReader {
    /// The first worksheet's rows as text fields, with their 1-based row numbers (row 1 is the header), skipping wholly empty rows.
    ///
    /// Gaps between cells become "", and every row is padded with "" to the width of the first
    /// row returned (the header); a row wider than the header keeps its extra fields.
    /// - Throws: `XLSXError.notAnXLSXFile` if `data` is not a zip archive; `.missingPart` or
    ///   `.malformed` if it is one but not a readable workbook.
    public static func rows(of data: Data) throws(XLSXError) -> [(fields: [String], line: Int)] {
        let package = try OfficePackage(data)

        let workbookPath = try package.relationships(of: "", required: false)
            .first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        let workbook = try WorkbookPart(try package.data(of: workbookPath), part: workbookPath)
        let relationships = try package.relationships(of: workbookPath, required: true)

        guard !workbook.sheets.isEmpty else { throw .malformed("\(workbookPath) lists no sheets") }
        // The first tab the user sees: a hidden sheet (a template's lookup lists, say) comes
        // first only when every sheet is hidden.
        let visibleFirst = workbook.sheets.filter { !$0.isHidden } + workbook.sheets.filter(\.isHidden)
        var sheetPath: String?
        for sheet in visibleFirst {
            guard let relationship = relationships.first(where: { $0.id == sheet.relationshipID }) else {
                throw .malformed("\(workbookPath) lists a sheet with relationship \(sheet.relationshipID), which \(OfficePackage.relationshipsPath(of: workbookPath)) does not have")
            }
            // Chart sheets and dialog sheets have no cells: the first worksheet is the data.
            if relationship.type.hasSuffix("/worksheet") {
                sheetPath = relationship.target
                break
            }
        }
        guard let sheetPath else { throw .malformed("\(workbookPath) has no worksheets, only chart sheets") }

        let sharedStringsPath = relationships.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? "xl/sharedStrings.xml"
        let sharedStrings = try package.dataIfPresent(of: sharedStringsPath)
            .map { data throws(XLSXError) in try SharedStringsPart.strings(in: data, part: sharedStringsPath) } ?? []
        let stylesPath = relationships.first { $0.type.hasSuffix("/styles") }?.target ?? "xl/styles.xml"
        let dateStyles = try package.dataIfPresent(of: stylesPath)
            .map { data throws(XLSXError) in try StylesPart.dateStyles(in: data, part: stylesPath) } ?? []

        let sheet = WorksheetPart(part: sheetPath, sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904Dates: workbook.uses1904Dates)
        return try padded(sheet.rows(in: try package.data(of: sheetPath)), part: sheetPath)
    }

    /// Padding multiplies the header's width by the number of rows, so one stray value in column
    /// XFD of the header could otherwise turn a small file into billions of empty fields.
    static let largestPaddedSheet = 50_000_000

    private static func padded(_ rows: [(fields: [String], line: Int)], part: String) throws(XLSXError) -> [(fields: [String], line: Int)] {
        guard let width = rows.first?.fields.count else { return [] }
        guard width * rows.count <= largestPaddedSheet else {
            throw .malformed("\(part) has \(rows.count) rows of \(width) columns, more than \(largestPaddedSheet) cells")
        }
        return rows.map { row in
            row.fields.count >= width ? row : (row.fields + repeatElement("", count: width - row.fields.count), row.line)
        }
    }
}

/// The zip archive an Office file is, with its parts found by path and its relationships resolved.
struct OfficePackage {
    /// The most one part may unpack to. A data return's sheet is a few megabytes; this stops a
    /// small zip that unpacks to gigabytes from exhausting memory.
    static let largestPart = 256 << 20

    struct Relationship {
        let id: String
        let type: String
        /// The target's path inside the package, without a leading slash.
        let target: String
    }

    private let archive: Archive
    /// Part names are case-insensitive (ECMA-376 part 2, 6.2.2.3), so entries are keyed in lower case.
    private let entries: [String: Entry]

    init(_ data: Data) throws(XLSXError) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAnXLSXFile
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let key = OfficePackage.key(entry.path)
            if entries[key] == nil { entries[key] = entry }
        }
        self.entries = entries
    }

    private static func key(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    func data(of path: String) throws(XLSXError) -> Data {
        guard let data = try dataIfPresent(of: path) else { throw .missingPart(path) }
        return data
    }

    func dataIfPresent(of path: String) throws(XLSXError) -> Data? {
        guard let entry = entries[OfficePackage.key(path)] else { return nil }
        struct TooLarge: Error {}
        var data = Data(capacity: Int(min(entry.uncompressedSize, UInt64(OfficePackage.largestPart))))
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= OfficePackage.largestPart else { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw .malformed("\(path) is larger than \(OfficePackage.largestPart >> 20) MB once unpacked")
        } catch {
            throw .malformed("\(path) is damaged")
        }
        guard checksum == entry.checksum else { throw .malformed("\(path) is damaged: its checksum does not match") }
        return data
    }

    /// Where the relationships of `part` are kept: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`;
    /// the package's own (part "") → `_rels/.rels`.
    static func relationshipsPath(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// The internal relationships of `part`, with targets resolved to package paths.
    func relationships(of part: String, required: Bool) throws(XLSXError) -> [Relationship] {
        let path = OfficePackage.relationshipsPath(of: part)
        guard let data = try dataIfPresent(of: path) else {
            if required { throw .missingPart(path) }
            return []
        }
        var relationships: [Relationship] = []
        try XMLScanner.scan(data, part: path, start: { name, attributes in
            guard name == "Relationship", attributes["TargetMode"] != "External",
                  let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"] else { return }
            relationships.append(Relationship(id: id, type: type, target: OfficePackage.resolve(target, from: part)))
        })
        return relationships
    }

    /// A relationship's target is relative to the folder of its source part, or absolute from the
    /// package root when it starts with `/` (openpyxl writes `/xl/worksheets/sheet1.xml`).
    static func resolve(_ target: String, from source: String) -> String {
        let target = target.removingPercentEncoding ?? target
        var path: [Substring] = target.hasPrefix("/") ? [] : Array(source.split(separator: "/").dropLast())
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": _ = path.popLast()
            default: path.append(piece)
            }
        }
        return path.joined(separator: "/")
    }
}
