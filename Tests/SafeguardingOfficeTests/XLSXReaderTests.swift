import Foundation
import SafeguardingOffice
import Testing
import ZIPFoundation

// The workbooks here are built part by part and zipped, laid out as real writers lay them out:
// `excelStyle` follows Excel and XlsxWriter (shared strings, relative relationship targets,
// `spans` and `x14ac` attributes, styled empty cells), `openpyxlStyle` follows openpyxl 3.1
// (inline strings, absolute targets such as `/xl/worksheets/sheet1.xml`, no shared strings part,
// `<v />` for a formula saved without its value).

/// Rows as comparable values (tuples are not Equatable).
private struct Record: Equatable, CustomStringConvertible {
    let fields: [String]
    let line: Int
    var description: String { "\(line): \(fields)" }
}

private func records(_ data: Data) throws -> [Record] {
    try XLSXReader.rows(of: data).map { Record(fields: $0.fields, line: $0.line) }
}

private let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
private let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
private let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
private let worksheetType = "\(relationshipsNamespace)/worksheet"
private let stylesType = "\(relationshipsNamespace)/styles"
private let sharedStringsType = "\(relationshipsNamespace)/sharedStrings"

/// The parts of an .xlsx file, zipped on demand.
private struct Workbook {
    var parts: [(path: String, xml: String)]
    /// Parts to store as UTF-16 with a byte order mark, as some older writers did.
    var utf16Parts: Set<String> = []

    /// Sheets in tab order: the name, its relationship id and its part, relative to `xl/`.
    static func build(
        sheets: [(name: String, id: String, target: String, rows: String)],
        sharedStrings: [String]? = nil,
        styles: (customFormats: [(id: Int, code: String)], cellFormats: [Int])? = nil,
        absoluteTargets: Bool = false,
        date1904: Bool = false,
        hidden: Set<String> = []
    ) -> Workbook {
        let target = { (path: String) in absoluteTargets ? "/xl/\(path)" : path }
        var relationships = sheets.map { (id: $0.id, type: worksheetType, target: target($0.target)) }
        var overrides = sheets.map { ("/xl/\($0.target)", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml") }
        var parts: [(path: String, xml: String)] = []
        if let styles {
            relationships.append((id: "rId\(sheets.count + 1)", type: stylesType, target: target("styles.xml")))
            overrides.append(("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"))
            let formats = styles.customFormats.map { #"<numFmt numFmtId="\#($0.id)" formatCode="\#(xmlEscaped($0.code))"/>"# }.joined()
            let cellFormats = styles.cellFormats.map { #"<xf numFmtId="\#($0)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"# }.joined()
            parts.append(("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="\(mainNamespace)"><numFmts count="\(styles.customFormats.count)">\(formats)</numFmts>\
                <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
                <fills count="1"><fill><patternFill patternType="none"/></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="\(styles.cellFormats.count)">\(cellFormats)</cellXfs>\
                <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
                """))
        }
        if let sharedStrings {
            relationships.append((id: "rId\(sheets.count + 2)", type: sharedStringsType, target: target("sharedStrings.xml")))
            overrides.append(("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"))
            parts.append(("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="\(mainNamespace)" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\(sharedStrings.joined())</sst>
                """))
        }
        overrides.append(("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))

        parts.append(("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            \(overrides.map { #"<Override PartName="\#($0.0)" ContentType="\#($0.1)"/>"# }.joined())</Types>
            """))
        parts.append(("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelationshipsNamespace)">\
            <Relationship Id="rId1" Type="\(relationshipsNamespace)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """))
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)">\
            <workbookPr\(date1904 ? #" date1904="1""# : "") defaultThemeVersion="124226"/>\
            <bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews>\
            <sheets>\(sheets.enumerated().map { #"<sheet name="\#($1.name)" sheetId="\#($0 + 1)"\#(hidden.contains($1.name) ? #" state="hidden""# : "") r:id="\#($1.id)"/>"# }.joined())</sheets>\
            <calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>
            """))
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelationshipsNamespace)">\
            \(relationships.map { #"<Relationship Id="\#($0.id)" Type="\#($0.type)" Target="\#($0.target)"/>"# }.joined())</Relationships>
            """))
        for sheet in sheets {
            parts.append(("xl/\(sheet.target)", worksheet(sheet.rows)))
        }
        return Workbook(parts: parts)
    }

    static func worksheet(_ rows: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" \
        xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">\
        <dimension ref="A1:E6"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>\
        <sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>\(rows)</sheetData>\
        <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>
        """
    }

    /// The parts as a zip archive, compressed as Excel does.
    func zipped() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let bytes = utf16Parts.contains(part.path)
                ? Data([0xFF, 0xFE]) + Data(part.xml.replacingOccurrences(of: "UTF-8", with: "UTF-16").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
                : Data(part.xml.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// One worksheet, `xl/worksheets/sheet1.xml`, holding `rows`.
    static func oneSheet(_ rows: String, sharedStrings: [String]? = nil,
                         styles: (customFormats: [(id: Int, code: String)], cellFormats: [Int])? = nil, date1904: Bool = false) -> Workbook {
        build(sheets: [(name: "Sheet1", id: "rId1", target: "worksheets/sheet1.xml", rows: rows)],
              sharedStrings: sharedStrings, styles: styles, date1904: date1904)
    }
}

private func xmlEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "<", with: "&lt;")
}

/// The thrown error, or nil (and a recorded issue) if none was thrown.
private func readingError(_ data: Data) -> XLSXError? {
    #expect(throws: XLSXError.self) { try XLSXReader.rows(of: data) }
}

@Suite("Reading XLSX")
struct XLSXReaderTests {
    /// A data return saved by Excel: the sheets were reordered, so the first tab is `sheet2.xml`.
    fileprivate static let excelStyle = Workbook.build(
        sheets: [
            (name: "Data return", id: "rId2", target: "worksheets/sheet2.xml", rows: """
                <row r="1" spans="1:5" x14ac:dyDescent="0.25">\
                <c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
                <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>\
                <row r="2" spans="1:5" x14ac:dyDescent="0.25">\
                <c r="A2" t="s"><v>5</v></c><c r="B2" s="3" t="s"><v>6</v></c><c r="C2"><v>12.71</v></c>\
                <c r="E2" s="1"><v>45382</v></c></row>\
                <row r="3" spans="1:5" x14ac:dyDescent="0.25">\
                <c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>7</v></c><c r="C3"><v>0.30000000000000004</v></c>\
                <c r="D3" t="s"><v>8</v></c><c r="E3" s="2"><v>45383</v></c></row>\
                <row r="4" spans="1:5" s="3" customFormat="1" x14ac:dyDescent="0.25">\
                <c r="A4" s="3"/><c r="B4" s="3"/><c r="C4" s="3"/></row>\
                <row r="5" spans="1:5" x14ac:dyDescent="0.25">\
                <c r="A5" t="s"><v>9</v></c><c r="C5"><f>SUM(C2:C3)</f><v>13.01</v></c><c r="D5" t="s"><v>10</v></c></row>\
                <row r="6" spans="1:5" x14ac:dyDescent="0.25">\
                <c r="A6" t="s"><v>11</v></c><c r="C6" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
                <c r="D6" t="str"><f>A6&amp;"!"</f><v>CSC-03!</v></c><c r="E6" t="b"><v>1</v></c></row>
                """),
            (name: "Notes", id: "rId1", target: "worksheets/sheet1.xml", rows: """
                <row r="1"><c r="A1" t="s"><v>12</v></c></row>
                """),
        ],
        sharedStrings: [
            "<si><t>indicator</t></si>", "<si><t>period</t></si>", "<si><t>value</t></si>",
            "<si><t>note</t></si>", "<si><t>recorded</t></si>", "<si><t>CSC-01</t></si>",
            #"<si><r><t xml:space="preserve">2023-24 </t></r><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>Q1</t></r></si>"#,
            "<si><t>2023-24 Q2</t></si>",
            #"<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>"#,
            "<si><t>CSC-02</t></si>",
            #"<si><t xml:space="preserve"> spaced_x000D_ </t></si>"#,
            "<si><t>CSC-03</t></si>", "<si><t>ignore me</t></si>",
        ],
        styles: (customFormats: [(id: 164, code: "dd/mm/yyyy")], cellFormats: [0, 14, 164, 0])
    )

    /// The same kind of return as openpyxl 3.1 writes it.
    fileprivate static let openpyxlStyle = Workbook.build(
        sheets: [
            (name: "Data return", id: "rId1", target: "worksheets/sheet1.xml", rows: """
                <row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>period</t></is></c>\
                <c r="C1" t="inlineStr"><is><t>value</t></is></c><c r="D1" t="inlineStr"><is><t>flag</t></is></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t>CSC-01</t></is></c><c r="B2" t="inlineStr"><is><t>2023-24 Q1</t></is></c>\
                <c r="C2" t="n"><v>1E-05</v></c><c r="D2" t="b"><v>0</v></c></row>\
                <row r="4"><c r="A4" t="inlineStr"><is><r><t xml:space="preserve">Rich </t></r><r><rPr><b val="1" /></rPr><t>text</t></r></is></c>\
                <c r="B4" s="1" t="n"><v>45382.60416666666</v></c><c r="C4"><f>C2*2</f><v /></c></row>
                """),
            (name: "Notes", id: "rId2", target: "worksheets/sheet2.xml", rows: """
                <row r="1"><c r="A1" t="inlineStr"><is><t>ignore me</t></is></c></row>
                """),
        ],
        styles: (customFormats: [(id: 164, code: "yyyy-mm-dd h:mm:ss")], cellFormats: [0, 164]),
        absoluteTargets: true
    )

    @Test("Excel's layout: shared strings, rich text, gaps, an empty row and dates, from the first tab only")
    func excelLayout() throws {
        #expect(try records(try Self.excelStyle.zipped()) == [
            Record(fields: ["indicator", "period", "value", "note", "recorded"], line: 1),
            Record(fields: ["CSC-01", "2023-24 Q1", "12.71", "", "2024-03-31"], line: 2),
            Record(fields: ["CSC-01", "2023-24 Q2", "0.3", "東京", "2024-04-01"], line: 3),
            Record(fields: ["CSC-02", "", "13.01", " spaced\r ", ""], line: 5),
            Record(fields: ["CSC-03", "", "#DIV/0!", "CSC-03!", "TRUE"], line: 6),
        ])
    }

    @Test("openpyxl's layout: inline strings, absolute part paths, booleans, a date with a time, a formula with no saved value")
    func openpyxlLayout() throws {
        #expect(try records(try Self.openpyxlStyle.zipped()) == [
            Record(fields: ["indicator", "period", "value", "flag"], line: 1),
            Record(fields: ["CSC-01", "2023-24 Q1", "0.00001", "FALSE"], line: 2),
            Record(fields: ["Rich text", "2024-03-31", "", ""], line: 4),
        ])
    }

    @Test("A hidden sheet before the data is passed over, as the user never sees its tab")
    func hiddenFirstSheet() throws {
        let data = try Workbook.build(
            sheets: [
                (name: "Lookups", id: "rId1", target: "worksheets/sheet1.xml", rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#),
                (name: "Data return", id: "rId2", target: "worksheets/sheet2.xml", rows: #"<row r="1"><c r="A1"><v>2</v></c></row>"#),
            ],
            hidden: ["Lookups"]
        ).zipped()

        #expect(try records(data) == [Record(fields: ["2"], line: 1)])
    }

    @Test("Numbers read as Excel shows them: no .0, no float noise, no exponents")
    func numbers() throws {
        let stored = ["42", "42.0", "-3.50", "4.0000000000000001E-3", "1.2345678901234567E+16", "45382.60416666666", "-0", " 7 ", "n/a"]
        let header = stored.indices.map { #"<c t="inlineStr"><is><t>h\#($0)</t></is></c>"# }.joined()
        let values = stored.map { "<c><v>\($0)</v></c>" }.joined()
        let data = try Workbook.oneSheet("<row>\(header)</row><row>\(values)</row>").zipped()

        #expect(try records(data).last == Record(
            fields: ["42", "42", "-3.5", "0.004", "12345678901234600", "45382.6041666667", "0", "7", "n/a"], line: 2))
    }

    @Test("Date formats become ISO dates, counting Excel's 29 February 1900; times of day and durations stay numbers")
    func dates() throws {
        let formats: [(id: Int, code: String)] = [
            (164, "dd/mm/yyyy"), (165, "yyyy-mm-dd h:mm:ss"), (166, "h:mm"), (167, "[h]:mm"),
            (168, #"#,##0" days""#), (169, #"YYYY\-MM\-DD"#), (170, "[$-F800]dddd, mmmm dd, yyyy"), (171, "mmm-yy"),
        ]
        // Style index: 1 built-in 14, 2–9 the custom formats above in order, 10 built-in 20 (h:mm).
        let cells: [(serial: String, style: Int, shows: String)] = [
            ("45382", 1, "2024-03-31"), ("45382", 2, "2024-03-31"), ("45382.99999999", 3, "2024-04-01"),
            ("0.5", 4, "0.5"), ("1.25", 5, "1.25"), ("12", 6, "12"), ("61", 7, "1900-03-01"),
            ("59", 1, "1900-02-28"), ("1", 1, "1900-01-01"), ("45382", 8, "2024-03-31"), ("45383", 9, "2024-04-01"),
            ("0.75", 10, "0.75"), ("3000000", 1, "3000000"),
        ]
        let header = cells.indices.map { #"<c t="inlineStr"><is><t>h\#($0)</t></is></c>"# }.joined()
        let values = cells.map { #"<c s="\#($0.style)"><v>\#($0.serial)</v></c>"# }.joined()
        let data = try Workbook.oneSheet("<row>\(header)</row><row>\(values)</row>",
                                         styles: (customFormats: formats, cellFormats: [0, 14] + formats.map(\.id) + [20])).zipped()

        #expect(try records(data).last?.fields == cells.map(\.shows))
    }

    @Test("A workbook in the 1904 date system counts from 1 January 1904")
    func dates1904() throws {
        let data = try Workbook.oneSheet(#"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43920</v></c></row>"#,
                                         styles: (customFormats: [], cellFormats: [0, 14]), date1904: true).zipped()

        #expect(try records(data) == [Record(fields: ["1904-01-01", "2024-03-31"], line: 1)])
    }

    @Test("Rows and cells without references follow on; short rows are padded to the header, long ones kept")
    func positionsAndPadding() throws {
        let data = try Workbook.oneSheet("""
            <row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>\
            <row><c r="B2"><v>5</v></c></row>\
            <row r="7"><c r="A7"><v>7</v></c><c><v>8</v></c><c r="E7"><v>9</v></c></row>
            """).zipped()

        #expect(try records(data) == [
            Record(fields: ["1", "2", "3"], line: 1),
            Record(fields: ["", "5", ""], line: 2),
            Record(fields: ["7", "8", "", "", "9"], line: 7),
        ])
    }

    @Test("A workbook with only empty rows has no rows")
    func emptySheet() throws {
        let data = try Workbook.oneSheet(#"<row r="1"><c r="A1" s="0"/></row><row r="2"/>"#).zipped()

        #expect(try records(data) == [])
    }

    @Test("XML as other writers write it: references, CDATA, comments, x: prefixes, CRLF, UTF-16")
    func xmlVariants() throws {
        var workbook = Workbook.oneSheet("", sharedStrings: [
            "<si><t>A &amp; B &lt;3 &#8364;&#x1F600; &quot;q&apos;</t></si>",
            "<si><t><![CDATA[x < y]]></t></si>",
            "<si><t>line one\r\nline two</t></si>",
        ])
        workbook.utf16Parts = ["xl/sharedStrings.xml"]
        let sheet = try #require(workbook.parts.firstIndex { $0.path == "xl/worksheets/sheet1.xml" })
        // The .NET Open XML SDK prefixes every element with x:.
        workbook.parts[sheet].xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- written by a generator -->
            <x:worksheet xmlns:x="\(mainNamespace)">
              <x:sheetData>
                <x:row r="1">
                  <x:c r="A1" t="s"><x:v>0</x:v></x:c>
                  <x:c r="B1" t="s"><x:v>1</x:v></x:c>
                  <?custom instruction?>
                  <x:c r = 'C1' t = 's' ><x:v>2</x:v></x:c>
                  <x:c r="D1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c>
                </x:row>
              </x:sheetData>
            </x:worksheet>
            """

        #expect(try records(try workbook.zipped()) == [
            Record(fields: ["A & B <3 €😀 \"q'", "x < y", "line one\nline two", "prefixed"], line: 1),
        ])
    }

    @Test("Bytes that are not a zip archive are not an XLSX file", arguments: [
        Data("indicator,period,value\nCSC-01,2023-24 Q1,12\n".utf8),
        Data(),
        Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)),  // an old .xls
    ])
    func notAZip(data: Data) {
        #expect(readingError(data) == .notAnXLSXFile)
    }

    @Test("A zip archive without a workbook names the part it lacks")
    func zipWithoutWorkbook() throws {
        let document = try Workbook(parts: [("word/document.xml", "<document/>")]).zipped()
        var noRelationships = Self.excelStyle
        noRelationships.parts.removeAll { $0.path == "xl/_rels/workbook.xml.rels" }

        #expect(readingError(document) == .missingPart("xl/workbook.xml"))
        #expect(readingError(try noRelationships.zipped()) == .missingPart("xl/_rels/workbook.xml.rels"))
    }

    @Test("A reference to a shared string that is not there, a column past XFD, and broken, cut-short or entity-declaring XML are malformed")
    func malformed() throws {
        let missingString = try Workbook.oneSheet(#"<row r="1"><c r="B1" t="s"><v>3</v></c></row>"#,
                                                  sharedStrings: ["<si><t>only</t></si>"]).zipped()
        let pastLastColumn = try Workbook.oneSheet(#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#).zipped()
        let brokenXML = try Workbook.oneSheet(#"<row r="1"><c r="A1"><v>1</v></row></c>"#).zipped()
        var cutShort = Workbook.oneSheet(#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#)
        let sheet = try #require(cutShort.parts.firstIndex { $0.path == "xl/worksheets/sheet1.xml" })
        // Cut between two rows, so every tag so far is whole but the document never closes.
        let secondRow = try #require(cutShort.parts[sheet].xml.range(of: #"<row r="2">"#))
        cutShort.parts[sheet].xml = String(cutShort.parts[sheet].xml[..<secondRow.lowerBound])

        #expect(readingError(missingString) == .malformed("cell B1 in xl/worksheets/sheet1.xml refers to shared string 3, but the workbook has 1"))
        #expect(readingError(pastLastColumn) == .malformed("cell XFE1 in xl/worksheets/sheet1.xml is beyond Excel's last column, XFD"))
        var documentType = Workbook.oneSheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        documentType.parts[sheet].xml = documentType.parts[sheet].xml
            .replacingOccurrences(of: "<worksheet ", with: #"<!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet "#)
        let unknownEntity = try Workbook.oneSheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row>"#).zipped()
        for broken in [brokenXML, try cutShort.zipped(), try documentType.zipped(), unknownEntity] {
            guard case .malformed(let detail) = readingError(broken) else { Issue.record("expected malformed"); continue }
            #expect(detail.hasPrefix("xl/worksheets/sheet1.xml is not well-formed XML"))
        }
    }

    @Test("Each error tells the user what to do next")
    func messages() {
        #expect(XLSXError.notAnXLSXFile.description.contains(".xlsx"))
        #expect(XLSXError.missingPart("xl/workbook.xml").description.contains("xl/workbook.xml"))
        #expect(XLSXError.malformed("cell B1 is wrong").description.contains("cell B1 is wrong"))
    }
}
