import Foundation

/// `xl/workbook.xml`: the sheets in tab order and the date system.
struct WorkbookPart {
    struct Sheet {
        /// The relationship id (`r:id`) that leads to the sheet's part.
        let relationshipID: String
        /// Hidden and "very hidden" sheets are not shown as tabs at all.
        let isHidden: Bool
    }

    /// The sheets in tab order.
    private(set) var sheets: [Sheet] = []
    /// Workbooks from old Mac Excel count days from 1904-01-01 instead of 1900-01-00.
    private(set) var uses1904Dates = false

    init(_ data: Data, part: String) throws(XLSXError) {
        var sheets: [Sheet] = []
        var uses1904 = false
        try XMLScanner.scan(data, part: part, start: { name, attributes throws(XLSXError) in
            switch name {
            case "sheet":
                guard let id = attributes["id"] else { throw .malformed("\(part) lists a sheet with no relationship id") }
                sheets.append(Sheet(relationshipID: id, isHidden: ["hidden", "veryhidden"].contains(attributes["state"]?.lowercased())))
            case "workbookPr":
                uses1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased())
            default:
                break
            }
        })
        self.sheets = sheets
        uses1904Dates = uses1904
    }
}

/// `xl/sharedStrings.xml`: the text of string cells, which refer to it by index.
enum SharedStringsPart {
    /// Each `<si>` item's text: a plain `<t>`, or the `<t>` of every rich-text run `<r>` joined.
    /// Phonetic guides (`<rPh>`, Japanese furigana) are not part of the text.
    static func strings(in data: Data, part: String) throws(XLSXError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        try XMLScanner.scan(data, part: part, start: { name, _ in
            switch name {
            case "si":
                inItem = true
                current = ""
            case "t" where inItem && phoneticDepth == 0:
                inText = true
            case "rPh":
                phoneticDepth += 1
            default:
                break
            }
        }, end: { name in
            switch name {
            case "t":
                inText = false
            case "rPh":
                phoneticDepth -= 1
            case "si":
                strings.append(CellText.unescaped(current))
                inItem = false
            default:
                break
            }
        }, text: { text in
            if inText { current += text }
        })
        return strings
    }
}

/// `xl/styles.xml`: which cell styles show a number as a date.
enum StylesPart {
    /// One flag per cell format (`<cellXfs>` item), indexed by a cell's `s` attribute.
    static func dateStyles(in data: Data, part: String) throws(XLSXError) -> [Bool] {
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellFormats = false
        try XMLScanner.scan(data, part: part, start: { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }) { customFormats[id] = attributes["formatCode"] ?? "" }
            case "cellXfs":
                inCellFormats = true
            case "xf" where inCellFormats:
                formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default:
                break
            }
        }, end: { name in
            if name == "cellXfs" { inCellFormats = false }
        })
        return formatIDs.map { id in
            customFormats[id].map(CellText.isDateFormat) ?? CellText.isBuiltInDateFormat(id)
        }
    }
}

/// A worksheet part: its `<sheetData>` rows of `<c>` cells, turned into text fields.
struct WorksheetPart {
    let part: String
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let uses1904Dates: Bool

    private enum Capture { case nothing, value, inlineText }

    /// The rows that have any text, unpadded: a row ends at its last non-empty cell.
    func rows(in data: Data) throws(XLSXError) -> [(fields: [String], line: Int)] {
        var rows: [(fields: [String], line: Int)] = []
        var inSheetData = false
        var inRow = false
        var rowNumber = 0
        var fields: [String] = []

        var inCell = false
        var column = -1
        var reference: String?
        var type = "n"
        var style = 0
        var value = ""
        var inlineText = ""
        var inInlineString = false
        var phoneticDepth = 0
        var capture = Capture.nothing

        try XMLScanner.scan(data, part: part, start: { name, attributes throws(XLSXError) in
            switch name {
            case "sheetData":
                inSheetData = true
            case "row" where inSheetData:
                // `r` is optional in the format: a row without it follows the one before.
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                fields = []
                column = -1
                inRow = true
            case "c" where inRow:
                reference = attributes["r"]
                column = try reference.flatMap { reference throws(XLSXError) in try columnIndex(of: reference) } ?? column + 1
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap { Int($0) } ?? 0
                value = ""
                inlineText = ""
                inCell = true
            case "v" where inCell:
                capture = .value
            case "is" where inCell:
                inInlineString = true
            case "t" where inInlineString && phoneticDepth == 0:
                capture = .inlineText
            case "rPh":
                phoneticDepth += 1
            default:
                break
            }
        }, end: { name throws(XLSXError) in
            switch name {
            case "v", "t":
                capture = .nothing
            case "rPh":
                phoneticDepth -= 1
            case "is":
                inInlineString = false
            case "c" where inCell:
                inCell = false
                let text = try cellText(type: type, style: style, value: value, inlineText: inlineText, reference: reference ?? "in row \(rowNumber)")
                guard !text.isEmpty else { return }
                if column >= fields.count { fields.append(contentsOf: repeatElement("", count: column - fields.count + 1)) }
                fields[column] = text
            case "row" where inRow:
                inRow = false
                if !fields.isEmpty { rows.append((fields, rowNumber)) }
            case "sheetData":
                inSheetData = false
            default:
                break
            }
        }, text: { text in
            switch capture {
            case .nothing: break
            case .value: value += text
            case .inlineText: inlineText += text
            }
        })
        return rows
    }

    /// The 0-based column of a cell reference such as `B3` (1); nil when it has no column letters.
    private func columnIndex(of reference: String) throws(XLSXError) -> Int? {
        var column = 0
        for byte in reference.utf8 {
            let letter: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letter = byte - UInt8(ascii: "a")
            case UInt8(ascii: "$"): continue
            default: return column == 0 ? nil : column - 1
            }
            column = column * 26 + Int(letter) + 1
            // Excel's last column is XFD, the 16,384th.
            guard column <= 16_384 else { throw .malformed("cell \(reference) in \(part) is beyond Excel's last column, XFD") }
        }
        return column == 0 ? nil : column - 1
    }

    private func cellText(type: String, style: Int, value: String, inlineText: String, reference: String) throws(XLSXError) -> String {
        switch type {
        case "s":
            let trimmed = CellText.trimmed(value)
            guard !trimmed.isEmpty else { return "" }
            guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                throw .malformed("cell \(reference) in \(part) refers to shared string \(trimmed), but the workbook has \(sharedStrings.count)")
            }
            return sharedStrings[index]
        case "inlineStr":
            return CellText.unescaped(inlineText.isEmpty ? value : inlineText)
        case "str":
            return CellText.unescaped(value)
        case "b":
            switch CellText.trimmed(value).lowercased() {
            case "1", "true": return "TRUE"
            case "0", "false": return "FALSE"
            default: return value
            }
        case "e":
            return value
        case "d":
            // An ISO 8601 date and time (strict OOXML); the date part is what a data return means.
            return String(CellText.trimmed(value).prefix { $0 != "T" })
        default:
            if dateStyles.indices.contains(style), dateStyles[style],
               let date = CellText.isoDate(fromSerial: value, uses1904Dates: uses1904Dates) {
                return date
            }
            return CellText.number(value)
        }
    }
}
