import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingOffice
import SafeguardingPersistence
import Testing
import Vapor
import ZIPFoundation
@testable import SafeguardingWeb

/// Issue 15, item 4: every importer against generated hostile files. Each file is either imported
/// or refused with a clear message, within seconds and a memory bound; a line over 1 MB or a value
/// over 10 kB is refused with its line number; a number must be finite. The files are made here,
/// none is committed.
extension AppTests {
    @Suite("Importers against hostile files")
    struct ImporterFuzzTests {
        /// A hostile file: its name, bytes and what must happen.
        struct Sample {
            enum Expect { case imports, refused, refusedOnLine(Int), either }
            let name: String
            let bytes: [UInt8]
            let expect: Expect
        }

        static let header = "indicator,period,series,value\n"
        static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

        /// CSV-shaped hostile inputs, given a first field (`indicator` for a data return).
        static func csvSamples(header: String, good: String) -> [Sample] {
            let mb = 1_000_000
            var samples: [Sample] = [
                Sample(name: "good", bytes: text(header + good), expect: .imports),
                Sample(name: "UTF-8 byte order mark", bytes: [0xEF, 0xBB, 0xBF] + text(header + good), expect: .imports),
                Sample(name: "UTF-16LE with BOM", bytes: [0xFF, 0xFE] + Array((header + good).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), expect: .refused),
                Sample(name: "UTF-16BE with BOM", bytes: [0xFE, 0xFF] + Array((header + good).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }), expect: .refused),
                Sample(name: "Latin-1 bytes", bytes: text(header) + text(good).map { $0 == UInt8(ascii: "_") ? 0xE9 : $0 }, expect: .either),
                Sample(name: "only a byte order mark", bytes: [0xEF, 0xBB, 0xBF], expect: .refused),
                Sample(name: "empty", bytes: [], expect: .refused),
                Sample(name: "NUL bytes", bytes: text(header) + [0, 0, 0, 10] + text(good), expect: .either),
                Sample(name: "line of 2 MB", bytes: text(header) + Array(repeating: UInt8(ascii: "a"), count: 2 * mb) + text("\n" + good), expect: .refusedOnLine(2)),
                Sample(name: "value of 20 kB", bytes: text(header + good + "\"" + String(repeating: "x", count: 20_000) + "\",1\n"), expect: .refusedOnLine(3)),
                Sample(name: "5,000 columns", bytes: text(String(repeating: "c,", count: 5_000) + "\n" + good), expect: .refusedOnLine(1)),
                Sample(name: "unterminated quote then 3 MB", bytes: text(header + "\"open,") + Array(repeating: UInt8(ascii: "b"), count: 3 * mb), expect: .refusedOnLine(2)),
                Sample(name: "unterminated quote at the end", bytes: text(header + good + "\"open"), expect: .refused),
                Sample(name: "formula cells", bytes: text(header + good.replacingOccurrences(of: "local", with: "=cmd|' /C calc'!A0")), expect: .either),
                Sample(name: "lone CRs and CRLFs", bytes: text((header + good).replacingOccurrences(of: "\n", with: "\r")), expect: .either),
                Sample(name: "random bytes", bytes: (0..<50_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }, expect: .either),
            ]
            for number in [String(repeating: "9", count: 400), "1e309", "nan", "inf", "-inf", String(repeating: "1", count: 10_000)] {
                samples.append(Sample(name: "number \(number.prefix(12))", bytes: text(header + good.replacingOccurrences(of: ",7\n", with: ",\(number)\n")), expect: .refused))
            }
            return samples
        }

        /// Runs each sample, checking its answer, its time and the memory it took.
        static func run(_ importer: String, _ samples: [Sample], _ body: ([UInt8]) async throws -> Void) async throws -> Int {
            for sample in samples {
                let baseline = residentBytes()
                let sampler = Task.detached { () -> Int in
                    var peak = 0
                    while !Task.isCancelled {
                        peak = max(peak, residentBytes())
                        try? await Task.sleep(for: .milliseconds(5))
                    }
                    return peak
                }
                let started = ContinuousClock.now
                var refusal: String?
                do {
                    try await body(sample.bytes)
                } catch let errors as ValidationErrors {
                    refusal = errors.errors.map { "\($0.line.map { "line \($0): " } ?? "")\($0.field): \($0.message)" }.joined(separator: "; ")
                } catch {
                    refusal = "\(error)"
                }
                let elapsed = ContinuousClock.now - started
                sampler.cancel()
                let peak = await sampler.value
                let label = "\(importer) / \(sample.name)"
                #expect(elapsed < .seconds(15), "\(label) took \(elapsed)")
                #expect(peak - baseline < 400 << 20, "\(label) took \((peak - baseline) >> 20) MB")
                if let refusal { #expect(!refusal.isEmpty && !refusal.contains("Swift.") && !refusal.contains("Error("), "\(label): unclear refusal \(refusal)") }
                switch sample.expect {
                case .imports: #expect(refusal == nil, "\(label) was refused: \(refusal ?? "")")
                case .refused: #expect(refusal != nil, "\(label) was imported")
                case let .refusedOnLine(line):
                    // Refused for its size, early, with the line: not as a bad value found after reading it all.
                    #expect(refusal?.contains("Line \(line) ") == true && (refusal?.contains("longer than") == true || refusal?.contains("more than") == true),
                            "\(label) should be refused for its size on line \(line): \(refusal ?? "imported")")
                case .either: break
                }
            }
            return samples.count
        }

        /// The process's resident memory now, from /proc (0 where there is none).
        static func residentBytes() -> Int {
            guard let status = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
                  let pages = status.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
            return pages * 4096
        }

        @Test("Data returns (CSV whole and streamed, XLSX), extracts, official statistics and bank holidays survive hostile files")
        func hostileFiles() async throws {
            try await withDemoApp { app async throws in
                let db = app.db
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: db))
                let grant = Grant(role: .administrator, organisation: nil)
                let good = "missing_episodes,2024-25 Q1,local,7\n"
                var tried = 0

                let csv = Self.csvSamples(header: Self.header, good: good)
                tried += try await Self.run("data return CSV", csv) { bytes in
                    _ = try await Importers.dataReturn(bytes, fileName: "return.csv", partnership: partnership, grant: grant, actor: .commandLine(), on: db)
                }
                tried += try await Self.run("data return CSV streamed", csv) { bytes in
                    let chunks = stride(from: 0, to: max(bytes.count, 1), by: 65_536).map { Array(bytes[$0..<min($0 + 65_536, bytes.count)]) }
                    _ = try await Importers.dataReturn(chunks: chunks, fileName: "return.csv", partnership: partnership, grant: grant, actor: .commandLine(), on: db)
                }
                tried += try await Self.run("data return XLSX", try Self.workbookSamples()) { bytes in
                    _ = try await Importers.dataReturn(bytes, fileName: "return.xlsx", partnership: partnership, grant: grant, actor: .commandLine(), on: db)
                }

                let indicator = try await PerformanceStore.indicator(key: "violent_crime_child_victim", in: partnership, on: db)
                let extractHeader = "event_date,lsoa,age,gender,ethnicity\n"
                let extractGood = "2024-05-01,E01010954,12,female,white_british\n"
                let extracts = Self.csvSamples(header: extractHeader, good: extractGood).filter { !$0.name.hasPrefix("number") && $0.name != "good" && $0.name != "UTF-8 byte order mark" }
                tried += try await Self.run("record-level extract", extracts) { bytes in
                    _ = try await Importers.extract(chunks: [bytes], fileName: "extract.csv", indicator: indicator, partnership: partnership, actor: .commandLine(), on: db)
                }

                let official = Self.csvSamples(header: "time_period,time_identifier,geographic_level,new_la_code,value\n",
                                               good: "202324,Reporting year,Local authority,E08000033,7\n")
                    .map { Sample(name: $0.name, bytes: $0.bytes, expect: $0.name.hasPrefix("number") || $0.name == "good" || $0.name.contains("UTF-8") || $0.name.contains("at the end") ? .either : $0.expect) }
                tried += try await Self.run("official statistics", official) { bytes in
                    let rows: [[String]]
                    do { rows = try CSVParser.rows(of: bytes).map(\.fields) } catch let error as CSVError {
                        throw ValidationErrors([FieldError(field: "file", message: error.message, line: error.line)])
                    }
                    _ = try OfficialStatisticsImport(measure: .asPublished("value")).values(rows: rows, indicatorID: UUID(), laCode: "E08000033",
                                                                                          neighbours: [], populations: [:])
                }

                tried += try await Self.run("bank holidays", Self.holidaySamples()) { bytes in
                    _ = try BankHolidayFile.parse(Data(bytes))
                }
                print("Importer fuzz: \(tried) hostile files tried across 6 importers")
                // Nothing half-written: the good files imported, and the app still answers.
                #expect(try await app.api(.GET, "/healthz", token: nil).status == .ok)
            }
        }

        // MARK: - Bank holidays

        static func holidaySamples() -> [Sample] {
            func events(_ items: String) -> [UInt8] { text(#"{"england-and-wales":{"division":"england-and-wales","events":["# + items + "]}}") }
            let good = #"{"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true}"#
            return [
                Sample(name: "good", bytes: events(good), expect: .imports),
                Sample(name: "year 0", bytes: events(#"{"title":"x","date":"0000-01-01"}"#), expect: .refused),
                Sample(name: "29 February 2031", bytes: events(#"{"title":"x","date":"2031-02-29"}"#), expect: .refused),
                Sample(name: "title of 1 MB", bytes: events(#"{"title":""# + String(repeating: "t", count: 1_000_000) + #"","date":"2031-01-01"}"#), expect: .refused),
                Sample(name: "date as a huge number", bytes: events(#"{"title":"x","date":1e309}"#), expect: .refused),
                Sample(name: "nested 100,000 deep", bytes: text(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)), expect: .refused),
                Sample(name: "UTF-16LE", bytes: [0xFF, 0xFE] + Array(String(decoding: events(good), as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), expect: .either),
                Sample(name: "truncated", bytes: Array(events(good).prefix(40)), expect: .refused),
                Sample(name: "100,000 events", bytes: events((0..<100_000).map { _ in good }.joined(separator: ",")), expect: .refused),
                Sample(name: "empty", bytes: [], expect: .refused),
            ]
        }

        // MARK: - Workbooks

        /// An .xlsx archive of the given sheet XML (and extra parts), zipped here.
        static func workbook(sheet: String, extra: [(String, String)] = [], bigSheetBytes: Int? = nil) throws -> [UInt8] {
            let archive = try Archive(accessMode: .create)
            func add(_ path: String, _ xml: String) throws {
                let data = Data(xml.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>"#)
            try add("_rels/.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
            try add("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
            try add("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#)
            if let big = bigSheetBytes {
                // A zip bomb: a few hundred kB that unpack to more than the reader's limit.
                let head = Data(#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#.utf8)
                try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(big), compressionMethod: .deflate,
                                     bufferSize: 1 << 20) { position, size in
                    if position == 0 { return head + Data(repeating: UInt8(ascii: " "), count: max(0, size - head.count)) }
                    return Data(repeating: UInt8(ascii: " "), count: size)
                }
            } else {
                try add("xl/worksheets/sheet1.xml", #"<?xml version="1.0"?>"# + sheet)
            }
            for (path, xml) in extra { try add(path, xml) }
            return Array(try #require(archive.data))
        }

        static func sheet(_ rows: [[String]], prolog: String = "") -> String {
            prolog + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + rows.enumerated().map { index, cells in
                "<row r=\"\(index + 1)\">" + cells.map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"
            }.joined() + "</sheetData></worksheet>"
        }

        static func workbookSamples() throws -> [Sample] {
            let header = ["indicator", "period", "series", "value"]
            let good = ["missing_episodes", "2024-25 Q1", "local", "7"]
            let valid = try workbook(sheet: sheet([header, good]))
            let laughs = #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>"#
            let external = #"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#
            let formula = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"#
                + header.map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
                + #"</row><row r="2"><c t="inlineStr"><is><t>missing_episodes</t></is></c><c t="inlineStr"><is><t>2024-25 Q1</t></is></c><c t="inlineStr"><is><t>=cmd|' /C calc'!A0</t></is></c><c><f>cmd|' /C calc'!A0</f></c></row></sheetData></worksheet>"#
            return [
                Sample(name: "good", bytes: valid, expect: .imports),
                Sample(name: "truncated archive", bytes: Array(valid.prefix(valid.count / 2)), expect: .refused),
                Sample(name: "billion laughs", bytes: try workbook(sheet: sheet([header, good], prolog: laughs)), expect: .refused),
                Sample(name: "external entity", bytes: try workbook(sheet: sheet([header, ["&xxe;", "2024-25 Q1", "local", "7"]], prolog: external)), expect: .refused),
                Sample(name: "zip bomb", bytes: try workbook(sheet: "", bigSheetBytes: 300 << 20), expect: .refused),
                Sample(name: "formula cells", bytes: try workbook(sheet: formula), expect: .refused),
                Sample(name: "value of 20 kB", bytes: try workbook(sheet: sheet([header, good, ["missing_episodes", String(repeating: "x", count: 20_000), "local", "7"]])), expect: .refusedOnLine(3)),
                Sample(name: "3,000 columns", bytes: try workbook(sheet: sheet([header + (0..<3_000).map { "c\($0)" }, good])), expect: .refusedOnLine(1)),
                Sample(name: "400-digit value", bytes: try workbook(sheet: sheet([header, ["missing_episodes", "2024-25 Q1", "local", String(repeating: "9", count: 400)]])), expect: .refused),
                Sample(name: "not a zip but named .xlsx", bytes: text("PK\u{3}\u{4}garbage"), expect: .refused),
            ]
        }
    }
}
