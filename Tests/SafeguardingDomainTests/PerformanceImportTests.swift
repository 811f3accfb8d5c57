import Foundation
import Testing
@testable import SafeguardingDomain

/// The public reference data (see /work/shared/data/public/README.md). Tests that read it are
/// skipped, saying so, when the folder is not there.
private enum PublicData {
    static let folder: URL? = {
        var candidates: [URL] = []
        if let configured = ProcessInfo.processInfo.environment["SAFEGUARDING_PUBLIC_DATA"] {
            candidates.append(URL(fileURLWithPath: configured))
        }
        // Tests/SafeguardingDomainTests/ → the repository → its sibling shared/data/public.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.deletingLastPathComponent().appendingPathComponent("shared/data/public"))
        candidates.append(URL(fileURLWithPath: "/work/shared/data/public"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path) }
    }()

    static let available = folder != nil
    static let absent = "the public reference data folder (shared/data/public, or SAFEGUARDING_PUBLIC_DATA) is not there"

    static func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: try #require(folder).appendingPathComponent(path))
    }

    /// An EES file's header and data rows.
    static func ees(_ path: String) throws -> (header: EESHeader, rows: [[String]]) {
        let records = try CSVParser.rows(of: try bytes(path)).map(\.fields)
        return (try EESHeader(try #require(records.first)), Array(records.dropFirst()))
    }
}

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Records as comparable values (tuples are not Equatable).
private struct Record: Equatable, CustomStringConvertible {
    let fields: [String]
    let line: Int
    var description: String { "\(line): \(fields)" }
}

private func records(_ rows: [(fields: [String], line: Int)]) -> [Record] { rows.map { Record(fields: $0.fields, line: $0.line) } }

private func parse(_ bytes: [UInt8], chunkSize: Int) throws -> [Record] {
    var parser = CSVParser()
    var result: [Record] = []
    var start = 0
    while start < bytes.count {
        let end = min(start + chunkSize, bytes.count)
        parser.feed(bytes[start..<end]) { fields, line in result.append(Record(fields: fields, line: line)) }
        start = end
    }
    try parser.finish { fields, line in result.append(Record(fields: fields, line: line)) }
    return result
}

@Suite("Reading CSV")
struct CSVParserTests {
    @Test("Quoted commas, doubled quotes and line breaks inside quotes stay in their field")
    func quoting() {
        let text = "a,b\n\"x, y\",\"he said \"\"no\"\"\"\n\"multi\nline\",z\nlast,1"
        #expect(records((try? CSVParser.rows(of: utf8(text))) ?? []) == [
            Record(fields: ["a", "b"], line: 1),
            Record(fields: ["x, y", "he said \"no\""], line: 2),
            Record(fields: ["multi\nline", "z"], line: 3),
            Record(fields: ["last", "1"], line: 5),
        ])
    }

    @Test("A byte order mark and empty lines are skipped; CRLF counts as one line; a line of commas is a record")
    func byteOrderMarkAndEmptyLines() {
        let text = "\u{FEFF}h1,h2\r\n\r\n1,2\r\n\n,\r\n3,4\r\n"
        #expect(records((try? CSVParser.rows(of: utf8(text))) ?? []) == [
            Record(fields: ["h1", "h2"], line: 1),
            Record(fields: ["1", "2"], line: 3),
            Record(fields: ["", ""], line: 5),
            Record(fields: ["3", "4"], line: 6),
        ])
    }

    @Test("A lone CR ends a line too, and a quoted empty field is a record")
    func loneCarriageReturns() {
        #expect(records((try? CSVParser.rows(of: utf8("a\rb\r\r\"\"\rc"))) ?? []) == [
            Record(fields: ["a"], line: 1),
            Record(fields: ["b"], line: 2),
            Record(fields: [""], line: 4),
            Record(fields: ["c"], line: 5),
        ])
    }

    @Test("The same records come out however the input is cut into chunks", arguments: [1, 2, 3, 7])
    func chunkBoundaries(chunkSize: Int) throws {
        let text = "\u{FEFF}name,note,place\r\n\"Brontë, A\",\"line one\r\nline \"\"two\"\"\",Haworth 🏠\r\n\r\nplain,,\"\"\nend,\"x\",y"
        let expected = [
            Record(fields: ["name", "note", "place"], line: 1),
            Record(fields: ["Brontë, A", "line one\r\nline \"two\"", "Haworth 🏠"], line: 2),
            Record(fields: ["plain", "", ""], line: 5),
            Record(fields: ["end", "x", "y"], line: 6),
        ]
        #expect(try parse(utf8(text), chunkSize: chunkSize) == expected)
        #expect(try parse(utf8(text), chunkSize: 10_000) == expected)
    }

    @Test("Text that only starts like a byte order mark is kept, whatever the chunks", arguments: [1, 2, 5])
    func partialByteOrderMark(chunkSize: Int) throws {
        // 0xEF 0xBB then "a": the first two bytes of a mark, then not.
        let bytes: [UInt8] = [0xEF, 0xBB] + utf8("a,b\nc")
        let result = try parse(bytes, chunkSize: chunkSize)
        #expect(result == [Record(fields: ["\u{FFFD}a", "b"], line: 1), Record(fields: ["c"], line: 2)])
        #expect(try parse(utf8("\u{FEFF}"), chunkSize: chunkSize).isEmpty)
        #expect(try parse(utf8("ab"), chunkSize: chunkSize) == [Record(fields: ["ab"], line: 1)])
    }

    @Test("A quote still open at the end is an error naming the line its record started on")
    func unterminatedQuote() {
        var parser = CSVParser()
        var seen: [Record] = []
        parser.feed(utf8("a,b\n1,\"open\nmore")) { fields, line in seen.append(Record(fields: fields, line: line)) }
        #expect(throws: CSVError.unterminatedQuote(line: 2)) {
            try parser.finish { fields, line in seen.append(Record(fields: fields, line: line)) }
        }
        #expect(seen == [Record(fields: ["a", "b"], line: 1)])
        // The convenience for small inputs closes the quote at the end instead.
        #expect(records((try? CSVParser.rows(of: utf8("a,b\n1,\"open\nmore"))) ?? []).last == Record(fields: ["1", "open\nmore"], line: 2))
    }

    @Test("An error thrown for a row stops the feed and reaches the caller")
    func rowErrorsPropagate() {
        struct Stop: Error, Equatable {}
        var parser = CSVParser()
        #expect(throws: Stop()) {
            try parser.feed(utf8("a\nb\n")) { _, line in if line == 2 { throw Stop() } }
        }
    }

    /// Every record and the error, if any, from `feedRecords` in chunks of `chunkSize` bytes.
    private static func readRecords(_ bytes: [UInt8], chunkSize: Int) -> (records: [Record], error: CSVError?) {
        var parser = CSVParser()
        var result: [Record] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            parser.feedRecords(bytes[start..<end]) { record, line in result.append(Record(fields: record.strings, line: line)) }
            if let failure = parser.failure { return (result, failure) }
            start = end
        }
        do {
            try parser.finishRecords { record, line in result.append(Record(fields: record.strings, line: line)) }
        } catch let error as CSVError {
            return (result, error)
        } catch {
            Issue.record("unexpected \(error)")
        }
        return (result, nil)
    }

    @Test("Records read in place from a whole chunk equal records read a byte at a time, on random input")
    func inPlaceMatchesByteAtATime() {
        // In 1-byte chunks no record lies whole inside a chunk, so every byte goes through the
        // byte-at-a-time reading, the reference for every rule; in one chunk most records are
        // read in place.
        var random = ExtractAggregatorTests.Generator(state: 16)
        let pieces: [[UInt8]] = ["a", "bc", ",", "\"", "\r", "\n", "\r\n", "\"\"", " ", "é", ",\"x\",", "\u{FEFF}"].map { Array($0.utf8) }
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &random) { bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            let reference = Self.readRecords(bytes, chunkSize: 1)
            for chunkSize in [bytes.count + 1, 5] {
                let read = Self.readRecords(bytes, chunkSize: chunkSize)
                #expect(read.records == reference.records && read.error == reference.error, "\(bytes) in chunks of \(chunkSize)")
            }
            #expect(reference.records == ((try? parse(bytes, chunkSize: 1)) ?? []) || reference.error != nil)
        }
    }

    @Test("The limits fall on the same byte whether a record is read in place or a byte at a time")
    func limitsAtTheirEdges() {
        let limit = CSVParser.maximumFieldBytes
        let value = { (count: Int) in String(repeating: "v", count: count) }
        let columns = { (count: Int) in Array(repeating: "c", count: count).joined(separator: ",") }
        // A record of exactly `bytes` bytes, its line break included.
        let record = { (bytes: Int) in String(repeating: value(8_999) + ",", count: 111) + value(bytes - 999_001) + "\n" }
        let cases: [(text: String, error: CSVError?)] = [
            ("h\n" + value(limit - 1) + ",x\nend\n", nil),
            ("h\n" + value(limit) + ",x\nend\n", .valueTooLong(line: 2)),
            ("h\n\"" + value(limit - 1) + "\"\nend\n", nil),
            ("h\n\"" + value(limit) + "\"\nend\n", .valueTooLong(line: 2)),
            ("h\n" + columns(CSVParser.maximumFields) + "\nend\n", nil),
            ("h\n" + columns(CSVParser.maximumFields + 1) + "\nend\n", .tooManyColumns(line: 2)),
            ("h\n" + columns(CSVParser.maximumFields) + ",\nend\n", .tooManyColumns(line: 2)),
            ("h\n" + record(CSVParser.maximumRecordBytes) + "end\n", nil),
            ("h\n" + record(CSVParser.maximumRecordBytes + 1) + "end\n", .lineTooLong(line: 2)),
        ]
        for (text, error) in cases {
            let bytes = utf8(text)
            for chunkSize in [bytes.count, 1 << 20, 4_096, bytes.count < 100_000 ? 1 : 997] {
                let read = Self.readRecords(bytes, chunkSize: chunkSize)
                #expect(read.error == error, "\(text.prefix(20))… (\(bytes.count) bytes) in chunks of \(chunkSize)")
                if error == nil { #expect(read.records.map(\.line) == [1, 2, 3] && read.records.last?.fields == ["end"]) }
            }
        }
    }

    @Test("Reads the whole IMD 2019 file in 64 KB chunks: 32,844 LSOAs, Calderdale's 128 among them",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func imdFile() throws {
        let data = try PublicData.bytes("imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv")
        let all = try parse(Array(data), chunkSize: 65_536)
        #expect(all.count == 32_845)
        #expect(all[0].fields[0] == "LSOA code (2011)")
        #expect(all[0].fields.count == 6)
        #expect(all.allSatisfy { $0.fields.count == 6 })
        #expect(all[1] == Record(fields: ["E01000001", "City of London 001A", "E09000001", "City of London", "29,199", "9"], line: 2))
        #expect(all.last?.line == 32_845)
        let calderdale = all.filter { $0.fields[2] == "E08000033" }
        #expect(calderdale.count == 128)
        #expect(calderdale.filter { $0.fields[5] == "1" }.count == 20)
        #expect(calderdale.filter { $0.fields[5] == "10" }.count == 4)
        #expect(NumberText.parse(all[1].fields[4]) == 29_199)
    }
}

@Suite("Periods")
struct PeriodTests {
    @Test("Each written form reads as its kind and writes back the same", arguments: [
        ("2023-24 Q3", PeriodKind.quarter), ("2023-24", .financialYear), ("2022/23", .academicYear),
        ("2022/23 Autumn", .academicTerm), ("2022/23 Summer", .academicTerm), ("1999-00 Q4", .quarter),
    ])
    func canonicalForms(text: String, kind: PeriodKind) throws {
        let period = try #require(Period(text))
        #expect(period.kind == kind)
        #expect(period.description == text)
    }

    @Test("Looser spellings read as the same period", arguments: [
        (" 2023-24  q3 ", "2023-24 Q3"), ("2023-24\u{00A0}Q3", "2023-24 Q3"), ("2023-2024", "2023-24"), ("2022/2023", "2022/23"),
        ("2022/23 spring term", "2022/23 Spring"), ("2022/23 SUMMER", "2022/23 Summer"),
    ])
    func looserSpellings(text: String, canonical: String) {
        #expect(Period(text)?.description == canonical)
    }

    @Test("A slash means academic and a hyphen financial, so mixtures are refused", arguments: [
        "2023/24 Q3", "2023-24 Autumn", "2023-25", "2023", "Q3", "", "2023-24 Q5", "2022/23 Winter", "2023-24 Q3 extra", "2022-23/24",
    ])
    func refuses(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("Periods sort by first day, the shorter first when two start together")
    func ordering() {
        let shuffled = ["2023-24 Q3", "2023-24", "2022/23 Summer", "2022-23 Q3", "2022/23", "2023-24 Q1", "2022/23 Autumn"].compactMap(Period.init)
        #expect(shuffled.sorted().map(\.description) == [
            "2022/23 Autumn", "2022/23", "2022-23 Q3", "2023-24 Q1", "2022/23 Summer", "2023-24", "2023-24 Q3",
        ])
    }

    @Test("Labels say what a screen shows")
    func labels() {
        #expect(Period("2023-24 Q3")?.label == "Q3 2023-24")
        #expect(Period("2023-24")?.label == "2023-24")
        #expect(Period("2022/23")?.label == "academic year 2022/23")
        #expect(Period("2022/23 Autumn")?.label == "Autumn term 2022/23")
    }

    @Test("A period knows its first and last day and, for financial periods, its quarter and year")
    func days() throws {
        let q3 = try #require(Period("2023-24 Q3"))
        #expect(q3.firstDay == CalendarDate(year: 2023, month: 10, day: 1))
        #expect(q3.lastDay == CalendarDate(year: 2023, month: 12, day: 31))
        #expect(q3.quarter == ReportingQuarter("2023-24 Q3"))
        #expect(q3.reportingYear == ReportingYear("2023-24"))
        let academic = try #require(Period("2022/23"))
        #expect(academic.firstDay == CalendarDate(year: 2022, month: 9, day: 1))
        #expect(academic.lastDay == CalendarDate(year: 2023, month: 8, day: 31))
        #expect(academic.reportingYear == nil)
        #expect(Period("2022/23 Spring")?.term == .spring)
    }

    @Test("DfE's time periods read as the real files write them", arguments: [
        ("2024", "Reporting year", "2023-24"), ("2025", "Reporting year", "2024-25"),
        ("202223", "Academic year", "2022/23"), ("200607", "Academic year", "2006/07"),
        ("202223", "Autumn term", "2022/23 Autumn"), ("202223", "Spring term", "2022/23 Spring"),
        ("202324", "Financial year", "2023-24"), ("2024", "Financial year", "2023-24"),
        ("202324", "Financial year Q3", "2023-24 Q3"), (" 2025 ", "reporting YEAR", "2024-25"),
    ])
    func dfePeriods(timePeriod: String, identifier: String, expected: String) {
        #expect(Period.fromDfE(timePeriod: timePeriod, timeIdentifier: identifier)?.description == expected)
    }

    @Test("DfE periods that are not one of our kinds are refused", arguments: [
        ("2024", "Calendar year"), ("202224", "Academic year"), ("202223", "Autumn and spring term"),
        ("2022", "Academic year"), ("20a223", "Academic year"), ("", "Reporting year"),
    ])
    func dfeRefused(timePeriod: String, identifier: String) {
        #expect(Period.fromDfE(timePeriod: timePeriod, timeIdentifier: identifier) == nil)
    }

    @Test("A period is stored as its written form")
    func codable() throws {
        let periods = ["2023-24 Q3", "2023-24", "2022/23", "2022/23 Autumn"].compactMap(Period.init)
        let json = try JSONEncoder().encode(periods)
        #expect(String(decoding: json, as: UTF8.self) == #"["2023-24 Q3","2023-24","2022\/23","2022\/23 Autumn"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: json) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Period].self, from: Data(#"["2023"]"#.utf8)) }
    }

    @Test("The population denominator of 2024-25 is the mid-2024 estimate")
    func populationMidYear() {
        #expect(Period("2024-25")?.populationMidYear == 2024)
        #expect(Period("2024-25 Q4")?.populationMidYear == 2024)
    }
}

@Suite("Data returns")
struct DataReturnTests {
    static let known: Set<String> = ["cin_rate", "cpp_rate", "cla_rate", "exclusions_rate", "ehe_count",
                                     "referrals", "rereferral_percent", "missing_episodes", "early_help", "lado_referrals"]

    static func header(_ names: String...) throws(ValidationErrors) -> DataReturnHeader { try DataReturnRow.parse(header: names) }

    @Test("A header may come in any order and case; series, breakdown and group default to local, all and all")
    func minimalHeader() throws {
        let header = try Self.header(" Value", "PERIOD", "indicator")
        let row = header.row(["12.5", "2023-24 Q3", "cin_rate"], line: 2, knownIndicators: Self.known)
        #expect(try row.get() == DataReturnRow(indicator: "cin_rate", period: Period("2023-24 Q3")!, series: .local,
                                               breakdown: .all, group: "all", value: 12.5))
    }

    @Test("A header with unknown, repeated or missing columns is refused, naming them, on line 1")
    func badHeader() {
        do throws(ValidationErrors) {
            _ = try Self.header("indicator", "periode", "valu", "series", "Series")
            Issue.record("expected the header to be refused")
        } catch {
            #expect(error.errors.count == 3)
            #expect(error.errors.allSatisfy { $0.line == 1 && $0.field == "header" })
            #expect(error.errors[0].message.hasPrefix("Unknown columns periode, valu: expected only the columns indicator, period, series"))
            #expect(error.errors[1].message.hasPrefix("The column series appears more than once"))
            #expect(error.errors[2].message.hasPrefix("Missing columns period, value"))
        }
    }

    @Test("A full row reads its breakdown, comparator, thousands separators, numerator and denominator, and the indicator in any case")
    func fullRow() throws {
        let header = try Self.header("indicator", "period", "series", "breakdown", "group", "value", "numerator", "denominator")
        let row = header.row(["CIN_Rate", "2024-25", "England", "IMD decile", "01", "1,234.5", "1,625", "45,130"],
                             line: 7, knownIndicators: Self.known)
        #expect(try row.get() == DataReturnRow(indicator: "cin_rate", period: Period("2024-25")!, series: .england,
                                               breakdown: .imdDecile, group: "1", value: 1234.5, numerator: 1625, denominator: 45130))
    }

    @Test("Every problem in a row is named with its line, column and what was expected")
    func rowProblems() throws {
        let header = try Self.header("indicator", "period", "breakdown", "group", "value", "numerator", "denominator")
        let result = header.row(["exclusions_x", "Q3 2023", "imd_decile", "11", "12%", "50", "40"], line: 9, knownIndicators: Self.known)
        guard case .failure(let problems) = result else { Issue.record("expected errors"); return }
        #expect(problems.errors.map(\.field) == ["indicator", "period", "group", "value", "numerator"])
        #expect(problems.errors.allSatisfy { $0.line == 9 })
        #expect(problems.message(for: "indicator") == "Unknown indicator exclusions_x: expected one of cin_rate, cla_rate, cpp_rate, early_help, ehe_count, exclusions_rate, lado_referrals, missing_episodes … (10 in all)")
        #expect(problems.message(for: "period") == "Q3 2023 is not a period: expected a period such as 2023-24 Q3, 2023-24 or 2022/23")
        #expect(problems.message(for: "group")?.contains("from 1 (most deprived) to 10 (least deprived)") == true)
        #expect(problems.message(for: "value")?.hasPrefix("The value 12% is not a number") == true)
        #expect(problems.message(for: "numerator")?.hasPrefix("The numerator (50) is larger than the denominator (40)") == true)
    }

    @Test("A row with the wrong number of values is one problem, not a cascade")
    func wrongFieldCount() throws {
        let header = try Self.header("indicator", "period", "value")
        let result = header.row(["cin_rate", "2023-24"], line: 3, knownIndicators: Self.known)
        #expect(result == .failure(ValidationErrors([FieldError(field: "row", message: "Expected 3 values, one for each column of the header, but found 2", line: 3)])))
    }

    @Test("Numbers are read strictly: grouped thousands yes, European decimals and codes no", arguments: [
        ("1234", 1234.0 as Double?), ("1,234", 1234), ("-3", -3), ("+2.50", 2.5), (".5", 0.5), (" 7 ", 7), ("1,234,567.25", 1_234_567.25),
        ("12,34", nil), ("1,2345", nil), ("c", nil), ("1.", nil), ("", nil), ("-", nil), ("1e5", nil), ("1 234", nil),
    ])
    func numbers(text: String, expected: Double?) {
        #expect(NumberText.parse(text) == expected)
    }

    @Test("Groups are spelled the way an extract spells them")
    func groupSpelling() throws {
        let header = try Self.header("indicator", "period", "breakdown", "group", "value")
        func group(_ breakdown: String, _ group: String) -> String? {
            try? header.row(["referrals", "2023-24 Q1", breakdown, group, "5"], line: 2, knownIndicators: Self.known).get().group
        }
        #expect(group("gender", "F") == "female")
        #expect(group("gender", "Boys") == nil)
        #expect(group("ethnicity", "White and Black Caribbean") == "Mixed")
        #expect(group("ethnicity", "Eastern European") == "Eastern European")
        #expect(group("age_band", "under 1") == "Under 1")
        #expect(group("age_band", "0-4") == "0-4")
        #expect(group("", "") == "all")
        #expect(group("all", "girls") == nil)
        #expect(group("imd_decile", "") == nil)
    }

    private static func file(_ lines: String...) -> [(fields: [String], line: Int)] {
        (try? CSVParser.rows(of: Array(lines.joined(separator: "\n").utf8))) ?? []
    }

    @Test("A whole file imports only when every row is good, and then all of it")
    func allOrNothing() throws {
        let good = Self.file("indicator,period,series,value", "cin_rate,2023-24 Q1,,350.2", "cin_rate,2023-24 Q1,england,340.1",
                             "cpp_rate,2023-24,,51.6")
        let rows = try DataReturnRow.validateAll(good, knownIndicators: Self.known).get()
        #expect(rows.map(\.indicator) == ["cin_rate", "cin_rate", "cpp_rate"])
        #expect(rows.map(\.series) == [.local, .england, .local])
        #expect(rows.map(\.value) == [350.2, 340.1, 51.6])

        let bad = Self.file("indicator,period,series,value", "cin_rate,2023-24 Q1,,350.2", "cin_rate,2023-24 Q9,,1",
                            "cpp_rate,2023-24,,51.6", "cla_rate,2023-24,,seventy")
        guard case .failure(let problems) = DataReturnRow.validateAll(bad, knownIndicators: Self.known) else {
            Issue.record("expected the file to be refused"); return
        }
        #expect(problems.errors.map(\.line) == [3, 5])
        #expect(problems.errors.map(\.field) == ["period", "value"])
    }

    @Test("The same figure twice in one file is an error on the later line")
    func duplicates() {
        let file = Self.file("indicator,period,breakdown,group,value", "cin_rate,2023-24 Q1,gender,female,1",
                             "cin_rate,2023-24 Q1,gender,male,2", "cin_rate,2023-24 Q1,gender,F,3")
        #expect(DataReturnRow.validateAll(file, knownIndicators: Self.known) == .failure(ValidationErrors([
            FieldError(field: "row", message: "Repeats line 2: the same indicator, period, series, breakdown and group appear twice; expected each figure once", line: 4),
        ])))
    }

    @Test("An empty file, or a header with no figures, is refused")
    func emptyFiles() {
        #expect(DataReturnRow.validateAll([], knownIndicators: Self.known) == .failure(ValidationErrors([
            FieldError(field: "file", message: "The file is empty: expected a header row naming the columns indicator, period and value, then one row per figure", line: 1),
        ])))
        let headerOnly = DataReturnRow.validateAll(Self.file("indicator,period,value", ",,"), knownIndicators: Self.known)
        #expect((try? headerOnly.get()) == nil)
    }

    @Test("Blank rows and empty unnamed columns from a spreadsheet are ignored; a value in an unnamed column is not")
    func spreadsheetLeftovers() throws {
        let file = Self.file("indicator,period,value,", "cin_rate,2023-24 Q1,1,", ",,,", "cin_rate,2023-24 Q2,2,", " , , , ")
        #expect(try DataReturnRow.validateAll(file, knownIndicators: Self.known).get().count == 2)
        let stray = Self.file("indicator,period,value,", "cin_rate,2023-24 Q1,1,note")
        guard case .failure(let problems) = DataReturnRow.validateAll(stray, knownIndicators: Self.known) else {
            Issue.record("expected the stray value to be refused"); return
        }
        #expect(problems.errors.map(\.line) == [2])
        #expect(problems.errors[0].message.hasPrefix("Column 4 has no heading but holds note"))
    }

    @Test("After the maximum, problems are counted rather than listed")
    func errorLimit() {
        let file = Self.file("indicator,period,value", "x,2023-24,1", "x,2023-24,1", "x,2023-24,1", "x,2023-24,1", "x,2023-24,1")
        guard case .failure(let problems) = DataReturnRow.validateAll(file, knownIndicators: Self.known, maximumErrors: 2) else {
            Issue.record("expected errors"); return
        }
        #expect(problems.errors.map(\.line) == [2, 3, nil])
        #expect(problems.errors.last?.message == "… and 3 more problems not listed: fix these and upload the file again")
    }
}

@Suite("Official statistics")
struct OfficialStatisticsTests {
    @Test("A cell is a number or one of DfE's symbols", arguments: [
        ("1625", OfficialValue.number(1625)), ("1,234", .number(1234)), (" 12.5 ", .number(12.5)), ("0", .number(0)),
        ("c", .suppressed), ("x", .notAvailable), ("X", .notAvailable), (":", .notAvailable), ("z", .notApplicable),
        ("low", .low), ("u", .lowReliability), ("", .missing), ("  ", .missing), ("n/a", .unreadable("n/a")), ("12,34", .unreadable("12,34")),
    ])
    func values(text: String, expected: OfficialValue) {
        #expect(OfficialValue(text) == expected)
        if case .number(let value) = expected { #expect(OfficialValue(text).number == value) } else { #expect(OfficialValue(text).number == nil) }
    }

    @Test("An EES header needs its time and level columns")
    func headerNeedsColumns() {
        #expect(throws: ValidationErrors.self) { try EESHeader(["la_name", "value"]) }
    }

    @Test("Columns are found by name whatever order the file puts them in")
    func columnOrder() throws {
        let header = try EESHeader(["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
                                    "region_name", "old_la_code", "la_name", "new_la_code", "children_count"])
        let row = ["2025", "Reporting year", "Local authority", "E92000001", "England", "E12000003", "Yorkshire and The Humber",
                   "381", "Calderdale", "E08000033", "355"]
        #expect(header.geography(of: row) == ("Local authority", "E08000033", "Calderdale"))
        #expect(header.column("Children_Count") == 10)
        #expect(header.value("children_count", in: row) == .number(355))
        #expect(header.value("rate_per_10000", in: row) == nil)
        #expect(header.period(of: row) == Period("2024-25"))
        #expect(header.localAuthorityCodes(of: row)! == ("381", "E08000033"))
        let region = ["2025", "Reporting year", "Regional", "E92000001", "England", "E12000003", "Yorkshire and The Humber", "", "", "", "1"]
        #expect(header.geography(of: region) == ("Regional", "E12000003", "Yorkshire and The Humber"))
        #expect(header.localAuthorityCodes(of: region) == nil)
        let national = ["2025", "Reporting year", "National", "E92000001", "England", "", "", "", "", "", "1"]
        #expect(header.geography(of: national) == ("National", "E92000001", "England"))
    }

    static func calderdale(_ rows: [[String]], _ header: EESHeader, period: String) -> [[String]] {
        rows.filter { header.geography(of: $0).code == "E08000033" && header.period(of: $0)?.description == period }
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    @Test("Calderdale had 1,625 children in need on 31 March 2025: 360.1 per 10,000 of its 45,130 children",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func childrenInNeed() throws {
        let (cin, cinRows) = try PublicData.ees("dfe_csc/b1_children_in_need_2013_to_2025.csv")
        let (population, populationRows) = try PublicData.ees("dfe_csc/ons_mid-year_population_estimates_2012_to_2024.csv")
        let year = try #require(Period("2024-25"))

        let row = try #require(Self.calderdale(cinRows, cin, period: "2024-25").first)
        #expect(cin.text("category", in: row) == "Children in Need")
        let count = try #require(cin.value("At31_episodes", in: row)?.number)
        #expect(count == 1625)

        // The population file's time_period is the mid-year itself, not a census year.
        let children = try #require(populationRows.first {
            population.geography(of: $0).code == "E08000033" && population.text("time_period", in: $0) == String(year.populationMidYear)
        })
        let denominator = try #require(population.value("population_estimate", in: children)?.number)
        #expect(denominator == 45130)
        #expect(Self.rounded(count / denominator * 10_000) == 360.1)

        // 2023-24: 1,609 over the mid-2023 estimate of 45,184.
        let previous = try #require(Self.calderdale(cinRows, cin, period: "2023-24").first)
        let previousChildren = try #require(populationRows.first {
            population.geography(of: $0).code == "E08000033" && population.text("time_period", in: $0) == "2023"
        })
        let previousRate = try #require(cin.value("At31_episodes", in: previous)?.number) / (try #require(population.value("population_estimate", in: previousChildren)?.number)) * 10_000
        #expect(Self.rounded(previousRate) == 356.1)
    }

    @Test("Calderdale had 233 child protection plans and 355 children looked after on 31 March 2025",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func plansAndLookedAfter() throws {
        let (plans, planRows) = try PublicData.ees("dfe_csc/d5_cpps_at31march_by_duration_2013_to_2025.csv")
        let plan = try #require(Self.calderdale(planRows, plans, period: "2024-25").first)
        #expect(plans.value("CPP_At31", in: plan) == .number(233))
        #expect(Self.rounded(233 / 45130 * 10_000) == 51.6)

        let (cla, claRows) = try PublicData.ees("dfe_csc/cla_number_and_rate_per_10k_children.csv")
        #expect(cla.column("la_name")! < cla.column("new_la_code")!)
        let lookedAfter = try #require(Self.calderdale(claRows, cla, period: "2024-25").first {
            cla.text("population_type", in: $0) == "Children looked after on 31 March each year"
        })
        #expect(cla.value("children_count", in: lookedAfter) == .number(355))
        #expect(cla.value("population_estimate", in: lookedAfter) == .number(45130))
        #expect(cla.value("rate_per_10000", in: lookedAfter) == .number(79))
    }

    @Test("Symbols and quoted names in the real files are read as such",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func realSymbols() throws {
        let (cin, rows) = try PublicData.ees("dfe_csc/b1_children_in_need_2013_to_2025.csv")
        let hampshire = try #require(rows.first { cin.geography(of: $0).name == "Hampshire" && cin.text("time_period", in: $0) == "2024" })
        #expect(cin.value("At31_episodes", in: hampshire) == .lowReliability)
        let herefordshire = try #require(rows.first { cin.geography(of: $0).code == "E06000019" && cin.text("time_period", in: $0) == "2024" })
        #expect(cin.geography(of: herefordshire).name == "Herefordshire, County of")
        #expect(cin.value("Started_episodes", in: herefordshire) == .lowReliability)
        #expect(cin.value("At31_episodes", in: herefordshire) == .number(1587))
        let suppressed = rows.filter { cin.value("At31_episodes", in: $0) == .suppressed }.count
            + rows.filter { cin.value("awaiting_assessment", in: $0) == .suppressed }.count
        #expect(suppressed > 0)
    }

    @Test("Every row of every DfE file has a period we understand",
          .enabled(if: PublicData.available, "\(PublicData.absent)"),
          arguments: ["dfe_csc/b1_children_in_need_2013_to_2025.csv", "dfe_csc/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
                      "dfe_csc/c3_factors_identified_at_end_of_assessment_2018_to_2025.csv", "dfe_csc/cla_number_and_rate_per_10k_children.csv",
                      "dfe_csc/d3_cpps_subsequent_plan_2013_to_2025.csv", "dfe_csc/d5_cpps_at31march_by_duration_2013_to_2025.csv",
                      "dfe_ehe/ehe_census.csv", "dfe_exclusions/exc_nat_region_la.csv"])
    func everyPeriod(file: String) throws {
        let (header, rows) = try PublicData.ees(file)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { header.period(of: $0) != nil && $0.count == header.names.count })
    }

    @Test("The children in need file spans thirteen financial years, 2012-13 to 2024-25",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func cinYears() throws {
        let (header, rows) = try PublicData.ees("dfe_csc/b1_children_in_need_2013_to_2025.csv")
        let periods = Set(rows.compactMap { header.period(of: $0) }).sorted()
        #expect(periods.count == 13)
        #expect(periods.first?.description == "2012-13")
        #expect(periods.last?.description == "2024-25")
        #expect(periods.allSatisfy { $0.kind == .financialYear })
    }

    @Test("Calderdale had 360 children in elective home education in autumn 2022 and 400 in spring 2023",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func homeEducation() throws {
        let (header, rows) = try PublicData.ees("dfe_ehe/ehe_census.csv")
        let autumn = try #require(Self.calderdale(rows, header, period: "2022/23 Autumn").first)
        let spring = try #require(Self.calderdale(rows, header, period: "2022/23 Spring").first)
        #expect(header.value("ehe_census_date", in: autumn) == .number(360))
        #expect(header.value("ehe_census_date", in: spring) == .number(400))
        #expect(header.value("ehe_female", in: autumn) == .number(190))
        #expect(header.value("ehe_sex_unknown", in: autumn) == .low)
    }

    @Test("Calderdale's 2022/23 exclusions: 80 permanent and 4,632 suspensions among 36,458 pupils",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func exclusions() throws {
        let (header, rows) = try PublicData.ees("dfe_exclusions/exc_nat_region_la.csv")
        #expect(header.column("time_identifier") == 0)
        let total = try #require(Self.calderdale(rows, header, period: "2022/23").first { header.text("school_type", in: $0) == "Total" })
        #expect(header.value("headcount", in: total) == .number(36458))
        #expect(header.value("perm_excl", in: total) == .number(80))
        #expect(header.value("suspension", in: total) == .number(4632))
        #expect(Self.calderdale(rows, header, period: "2022/23").count == 4)
    }

    @Test("Calderdale's ten statistical neighbours, closest first, joined to their ONS codes through old_la_code",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func statisticalNeighbours() throws {
        let rows = try CSVParser.rows(of: try PublicData.bytes("dfe_csc/New_Statistical_Neighbour_Groupings_April_2021.csv")).map(\.fields)
        let lookup = StatisticalNeighbours.parse(rows: rows)
        let expectedNumbers = ["888", "808", "351", "841", "891", "830", "343", "382", "359", "383"]
        #expect(lookup["381"] == expectedNumbers)
        #expect(lookup["Calderdale"] == expectedNumbers)

        let groupings = StatisticalNeighbours(rows: rows)
        #expect(groupings.neighboursByNumber.count == 156)
        let neighbours = groupings.neighbours(of: "calderdale")
        #expect(neighbours.map(\.name) == ["Lancashire", "Stockton-on-Tees", "Bury", "Darlington", "Nottinghamshire",
                                           "Derbyshire", "Sefton", "Kirklees", "Wigan", "Leeds"])
        #expect(neighbours.map(\.closeness) == ["Extremely Close", "Extremely Close", "Extremely Close"] + Array(repeating: "Very Close", count: 7))

        let (cin, cinRows) = try PublicData.ees("dfe_csc/b1_children_in_need_2013_to_2025.csv")
        var onsCode: [String: String] = [:]
        for row in cinRows { if let codes = cin.localAuthorityCodes(of: row) { onsCode[codes.old] = codes.new } }
        #expect(expectedNumbers.compactMap { onsCode[$0] } == ["E10000017", "E06000004", "E08000002", "E06000005", "E10000024",
                                                               "E10000007", "E08000014", "E08000034", "E08000010", "E08000035"])
    }
}

@Suite("Aggregating record-level extracts")
struct ExtractAggregatorTests {
    static let deciles = ["E01010954": 1, "E01010955": 10, "E01010956": 5]

    static func aggregate(_ lines: [String], deciles: [String: Int] = deciles) throws -> ExtractAggregator {
        var aggregator = ExtractAggregator(lsoaDeciles: deciles, indicator: "referrals")
        let rows = try CSVParser.rows(of: Array(lines.joined(separator: "\n").utf8))
        try aggregator.header(rows[0].fields)
        for row in rows.dropFirst() { aggregator.add(row.fields, line: row.line) }
        return aggregator
    }

    static func key(_ quarter: String, _ breakdown: Breakdown, _ group: String) -> AggregateKey {
        AggregateKey(quarter: ReportingQuarter(quarter)!, breakdown: breakdown, group: group)
    }

    @Test("A small extract is counted by quarter, deprivation, gender, ethnicity and age; bad dates and unknown areas are set aside")
    func handMadeExtract() throws {
        let aggregator = try Self.aggregate([
            "child_ref,Event_Date,LSOA,Age,Gender,Ethnicity",
            "C1,2024-03-31,E01010954,0,F,White British",
            "C2,01/04/2024,E01010955,4,Male,WBRI",
            "C3,2024-06-30T10:15:00,E01010954,17,female,Pakistani",
            "C4,2024-07-01,E01010956,25,x,Mixed White and Asian",
            "C5,31/13/2024,E01010954,5,F,White",
            "C6,2024-05-05,E09999999,5,F,White",
            "C7,2024-05-06, e01010955 ,ten,Non-binary,Gypsy/Roma",
        ])
        let expected: [AggregateKey: Int] = [
            Self.key("2023-24 Q4", .all, "all"): 1,
            Self.key("2023-24 Q4", .imdDecile, "1"): 1,
            Self.key("2023-24 Q4", .gender, "female"): 1,
            Self.key("2023-24 Q4", .ethnicity, "White"): 1,
            Self.key("2023-24 Q4", .ageBand, "Under 1"): 1,
            Self.key("2024-25 Q1", .all, "all"): 3,
            Self.key("2024-25 Q1", .imdDecile, "10"): 2,
            Self.key("2024-25 Q1", .imdDecile, "1"): 1,
            Self.key("2024-25 Q1", .gender, "male"): 1,
            Self.key("2024-25 Q1", .gender, "female"): 1,
            Self.key("2024-25 Q1", .gender, "other"): 1,
            Self.key("2024-25 Q1", .ethnicity, "White"): 2,
            Self.key("2024-25 Q1", .ethnicity, "Asian"): 1,
            Self.key("2024-25 Q1", .ageBand, "1-4"): 1,
            Self.key("2024-25 Q1", .ageBand, "16-17"): 1,
            Self.key("2024-25 Q1", .ageBand, "Unknown"): 1,
            Self.key("2024-25 Q2", .all, "all"): 1,
            Self.key("2024-25 Q2", .imdDecile, "5"): 1,
            Self.key("2024-25 Q2", .gender, "unknown"): 1,
            Self.key("2024-25 Q2", .ethnicity, "Mixed"): 1,
            Self.key("2024-25 Q2", .ageBand, "Unknown"): 1,
        ]
        #expect(aggregator.counts == expected)
        #expect(aggregator.rowsRead == 7)
        #expect(aggregator.rowsAggregated == 5)
        #expect(aggregator.unreadableDates == 1)
        #expect(aggregator.unreadableDateLines == [6])
        #expect(aggregator.unknownLSOAs == 1)
        #expect(aggregator.unknownLSOALines == [7])
        #expect(aggregator.malformedRows == 0)
    }

    @Test("Rows given as a parser's bytes are counted as the same rows given as strings")
    func bytesAndStrings() throws {
        let lines = [
            "child_ref,Event_Date,LSOA,Age,Gender,Ethnicity",
            "C1,2024-03-31,E01010954,0,F,\"White, British\"",
            "C2,01/04/2024,E01010955,4,Male,WBRI",
            "C3,2024-05-06, e01010955 ,ten,Non-binary,Gypsy/Roma",
            "C4,2024-05-06,E01010956,12,femme,Cornish",
            "C5,2024-05-07,E01010956,12,femme,Cornish",
            ",,,,,",
            "C6,2024-05-07,E01010956,12",
            "C7,2024-02-30,E01010956,12,F,WBRI",
        ]
        let fromStrings = try Self.aggregate(lines)
        var fromBytes = ExtractAggregator(lsoaDeciles: Self.deciles, indicator: "referrals")
        var parser = CSVParser()
        func take(_ record: CSVRecord, _ line: Int) throws {
            if fromBytes.hasHeader { fromBytes.add(record, line: line) } else { try fromBytes.header(record.strings) }
        }
        try parser.feedRecords(Array(lines.joined(separator: "\n").utf8), record: take)
        try parser.finishRecords(record: take)
        #expect(fromBytes.hasHeader)
        #expect(fromBytes.counts == fromStrings.counts)
        #expect(fromBytes.counts[Self.key("2024-25 Q1", .gender, "other")] == 3)
        #expect(fromBytes.counts[Self.key("2024-25 Q1", .ethnicity, "Cornish")] == 2)
        #expect(fromBytes.rowsRead == fromStrings.rowsRead, "bytes \(fromBytes.rowsRead), strings \(fromStrings.rowsRead)")
        // Eight rows after the header; the one with every field empty is not counted as read, either way.
        #expect(fromStrings.rowsRead == 7, "strings \(fromStrings.rowsRead)")
        #expect(fromBytes.malformedRowLines == [8] && fromStrings.malformedRowLines == [8])
        #expect(fromBytes.unreadableDateLines == [9] && fromStrings.unreadableDateLines == [9])
    }

    @Test("A date in the first months of year 0 falls in reporting year -1 instead of stopping the import")
    func yearZero() throws {
        let aggregator = try Self.aggregate(["event_date,lsoa,age,gender,ethnicity", "0000-02-01,E01010954,3,F,WBRI"])
        #expect(aggregator.counts[AggregateKey(quarter: ReportingQuarter(year: ReportingYear(startYear: -1), number: .q4), breakdown: .all, group: "all")] == 1)
    }

    @Test("The counts become local data-return figures in order")
    func asDataReturn() throws {
        let aggregator = try Self.aggregate([
            "event_date,lsoa,age,gender,ethnicity",
            "2024-04-02,E01010955,3,M,AIND",
            "2024-01-02,E01010954,12,F,BCRB",
            "2024-04-03,E01010954,3,M,AIND",
        ])
        let rows = aggregator.dataReturnRows()
        #expect(rows.count == 11)
        #expect(rows.first == DataReturnRow(indicator: "referrals", period: Period("2023-24 Q4")!, breakdown: .all, group: "all", value: 1))
        #expect(rows.filter { $0.period == Period("2024-25 Q1") }.map { "\($0.breakdown.rawValue) \($0.group) \(Int($0.value))" } == [
            "all all 2", "imd_decile 1 1", "imd_decile 10 1", "ethnicity Asian 2", "gender male 2", "age_band 1-4 2",
        ])
    }

    @Test("A header with other columns, or without a required one, is refused")
    func badHeader() {
        var aggregator = ExtractAggregator(lsoaDeciles: [:], indicator: "referrals")
        do throws(ValidationErrors) {
            try aggregator.header(["event_date", "LSOA", "age", "gender", "child_name"])
            Issue.record("expected the header to be refused")
        } catch {
            #expect(error.errors.map(\.field) == ["header", "header"])
            #expect(error.errors[0].message.hasPrefix("Unknown column child_name"))
            #expect(error.errors[1].message.hasPrefix("Missing column ethnicity"))
        }
    }

    @Test("Rows with the wrong number of values, or before the header, are counted as malformed")
    func malformed() throws {
        var aggregator = ExtractAggregator(lsoaDeciles: Self.deciles, indicator: "referrals")
        aggregator.add(["2024-04-01", "E01010954", "3", "F", "White"], line: 1)
        try aggregator.header(["event_date", "lsoa", "age", "gender", "ethnicity"])
        aggregator.add(["2024-04-01", "E01010954", "3", "F"], line: 3)
        aggregator.add(["", "", "", "", ""], line: 4)
        #expect(aggregator.malformedRows == 2)
        #expect(aggregator.malformedRowLines == [1, 3])
        #expect(aggregator.rowsRead == 2)
        #expect(aggregator.counts.isEmpty)
    }

    @Test("Dates are read as ISO or day-first UK dates, with any time ignored", arguments: [
        ("2024-02-29", "2024-02-29"), ("1/4/2024", "2024-04-01"), ("31/03/2024 09:30", "2024-03-31"), (" 2024-03-31 ", "2024-03-31"),
        ("2024-03-31 00:00:00", "2024-03-31"),
    ])
    func dates(text: String, iso: String) {
        #expect(ExtractAggregator.date(text)?.description == iso)
    }

    @Test("Impossible or unfamiliar dates are unreadable", arguments: ["2023-02-29", "2024-3-31", "20240331", "", "31/03/24", "03/31/2024", "2024-03-31x", "123/1/2024", "31-03-2024"])
    func badDates(text: String) {
        #expect(ExtractAggregator.date(text) == nil)
    }

    @Test("Ages fall into bands; anything else is Unknown", arguments: [
        ("0", "Under 1"), ("1", "1-4"), ("4", "1-4"), ("5", "5-9"), ("9", "5-9"), ("10", "10-15"), ("15.9", "10-15"),
        ("16", "16-17"), ("17", "16-17"), ("18", "18-24"), ("24", "18-24"), ("25", "Unknown"), ("-1", "Unknown"), ("", "Unknown"), ("4y", "Unknown"),
    ])
    func ageBands(text: String, band: String) {
        #expect(BreakdownGroups.ageBand(ExtractAggregator.wholeYears(text)) == band)
    }

    /// SplitMix64: a small, seedable generator, so the generated extract is the same every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("A generated extract of 20,000 rows gives the counts tallied as it was made")
    func generatedExtract() throws {
        var random = Generator(state: 2024)
        // Quarters by their starting month, tallied from how each row is made, not from its date.
        let quarters: [(name: String, year: Int, month: Int)] = [
            ("2022-23 Q1", 2022, 4), ("2022-23 Q2", 2022, 7), ("2022-23 Q3", 2022, 10), ("2022-23 Q4", 2023, 1),
            ("2023-24 Q1", 2023, 4), ("2023-24 Q2", 2023, 7), ("2023-24 Q3", 2023, 10), ("2023-24 Q4", 2024, 1),
        ]
        let areas = (0..<30).map { (code: "E0102\(String(format: "%04d", $0))", decile: $0 % 10 + 1) }
        let genders = [("F", "female"), ("Male", "male"), ("u", "unknown"), ("Non-binary", "other"), ("2", "female"), ("Boy", "male")]
        let ethnicities = [("White British", "White"), ("WBRI", "White"), ("Any other Asian background", "Asian"), ("Black Caribbean", "Black"),
                           ("White and Black African", "Mixed"), ("Arab", "Other"), ("Refused", "Unknown"), ("Cornish", "Cornish"), ("", "Unknown")]
        let bandByAge = ["Under 1", "1-4", "1-4", "1-4", "1-4", "5-9", "5-9", "5-9", "5-9", "5-9",
                         "10-15", "10-15", "10-15", "10-15", "10-15", "10-15", "16-17", "16-17",
                         "18-24", "18-24", "18-24", "18-24", "18-24", "18-24", "18-24"]

        var lines = ["ethnicity,gender,age,lsoa,event_date,child_ref"]
        var expected: [AggregateKey: Int] = [:]
        var badDates = 0, unknownAreas = 0
        for index in 0..<20_000 {
            let quarter = quarters[Int.random(in: 0..<quarters.count, using: &random)]
            let month = quarter.month + Int.random(in: 0..<3, using: &random)
            let day = Int.random(in: 1...28, using: &random)
            let twoDigits = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
            var date = Bool.random(using: &random) ? "\(quarter.year)-\(twoDigits(month))-\(twoDigits(day))" : "\(day)/\(month)/\(quarter.year)"
            let dateIsBad = Int.random(in: 0..<20, using: &random) == 0
            if dateIsBad { date = "\(quarter.year)-02-30" }
            let areaIsUnknown = Int.random(in: 0..<20, using: &random) == 0
            let area = areaIsUnknown ? (code: "W01000001", decile: 0) : areas[Int.random(in: 0..<areas.count, using: &random)]
            let gender = genders[Int.random(in: 0..<genders.count, using: &random)]
            let ethnicity = ethnicities[Int.random(in: 0..<ethnicities.count, using: &random)]
            let age = Int.random(in: -1...30, using: &random)
            let ageText = age < 0 ? "" : String(age)
            lines.append("\"\(ethnicity.0)\",\(gender.0),\(ageText),\(area.code),\(date),CHILD\(index)")

            if dateIsBad { badDates += 1 }
            if areaIsUnknown { unknownAreas += 1 }
            guard !dateIsBad, !areaIsUnknown else { continue }
            let band = (0..<bandByAge.count).contains(age) ? bandByAge[age] : "Unknown"
            for (breakdown, group) in [(Breakdown.all, "all"), (.imdDecile, "\(area.decile)"), (.gender, gender.1), (.ethnicity, ethnicity.1), (.ageBand, band)] {
                expected[Self.key(quarter.name, breakdown, group), default: 0] += 1
            }
        }

        let aggregator = try Self.aggregate(lines, deciles: Dictionary(uniqueKeysWithValues: areas.map { ($0.code, $0.decile) }))
        #expect(aggregator.rowsRead == 20_000)
        #expect(aggregator.unreadableDates == badDates)
        #expect(aggregator.unknownLSOAs == unknownAreas)
        #expect(aggregator.unreadableDateLines.count == ExtractAggregator.exampleLines)
        #expect(aggregator.rowsAggregated == expected.filter { $0.key.breakdown == .all }.values.reduce(0, +))
        #expect(aggregator.counts == expected)
    }

    @Test("Calderdale's 128 LSOAs from the real IMD file fall into its published deciles",
          .enabled(if: PublicData.available, "\(PublicData.absent)"))
    func realDeciles() throws {
        let imd = try CSVParser.rows(of: try PublicData.bytes("imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv")).dropFirst()
        var deciles: [String: Int] = [:]
        for row in imd { deciles[row.fields[0]] = Int(row.fields[5]) }
        #expect(deciles.count == 32_844)
        let calderdale = imd.filter { $0.fields[2] == "E08000033" }.map { $0.fields[0] }
        var aggregator = ExtractAggregator(lsoaDeciles: deciles, indicator: "referrals")
        try aggregator.header(["event_date", "lsoa", "age", "gender", "ethnicity"])
        for (index, lsoa) in calderdale.enumerated() { aggregator.add(["2024-10-01", lsoa, "7", "F", "WBRI"], line: index + 2) }
        let q3 = "2024-25 Q3"
        #expect(aggregator.counts[Self.key(q3, .all, "all")] == 128)
        #expect(aggregator.counts[Self.key(q3, .imdDecile, "1")] == 20)
        #expect(aggregator.counts[Self.key(q3, .imdDecile, "10")] == 4)
        #expect((1...10).reduce(0) { $0 + (aggregator.counts[Self.key(q3, .imdDecile, "\($1)")] ?? 0) } == 128)
    }
}

@Suite("Breakdown groups")
struct BreakdownGroupTests {
    @Test("Ethnicity descriptions and DfE codes fall into DfE's major groups", arguments: [
        ("White - British", "White"), ("Any other White background", "White"), ("WIRT", "White"), ("Traveller of Irish heritage", "White"),
        ("White and Black Caribbean", "Mixed"), ("Any other mixed background", "Mixed"), ("MWAS", "Mixed"),
        ("Bangladeshi", "Asian"), ("Chinese", "Asian"), ("CHNE", "Asian"), ("Asian or Asian British", "Asian"),
        ("Black African", "Black"), ("BOTH", "Black"), ("Any other ethnic group", "Other"), ("OOTH", "Other"),
        ("Information not yet obtained", "Unknown"), ("NOBT", "Unknown"), ("", "Unknown"), ("  Polish  ", "Polish"),
    ])
    func ethnicity(text: String, group: String) {
        #expect(BreakdownGroups.ethnicity(text) == group)
    }

    @Test("Gender spellings become female, male, other or unknown; an unfamiliar one is nil", arguments: [
        ("F", "female" as String?), ("Female", "female"), ("2", "female"), ("m", "male"), ("1", "male"), ("", "unknown"),
        ("Not stated", "unknown"), ("9", "unknown"), ("Indeterminate", "other"), ("Femal", nil),
    ])
    func gender(text: String, group: String?) {
        #expect(BreakdownGroups.gender(text) == group)
    }
}
