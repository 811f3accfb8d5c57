import Crypto
import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingOffice
import SafeguardingPersistence

/// The imports of the dataset, shared by the pages, the API and the command line. Each reads the
/// whole input into domain values first; if any line is bad nothing is written and every bad line
/// is reported with its number (the header is line 1), field and what was expected.
public enum Importers {
    public static func digest(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return Hex.encode(hasher.finalize())
    }

    /// The rows of a CSV file, or of the first sheet of an Excel workbook (recognised by its zip signature).
    static func records(of bytes: [UInt8], fileName: String) throws -> [(fields: [String], line: Int)] {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || fileName.lowercased().hasSuffix(".xlsx") {
            let rows: [(fields: [String], line: Int)]
            do {
                rows = try XLSXReader.rows(of: Data(bytes))
            } catch {
                throw ValidationErrors([FieldError(field: "file", message: error.description)])
            }
            // A sheet's cells meet the same limits as a CSV file's values and lines.
            for row in rows {
                let problem: CSVError? = if row.fields.count > CSVParser.maximumFields { .tooManyColumns(line: row.line) }
                    else if row.fields.contains(where: { $0.utf8.count > CSVParser.maximumFieldBytes }) { .valueTooLong(line: row.line) }
                    else { nil }
                if let problem { throw ValidationErrors([FieldError(field: "file", message: problem.message, line: problem.line)]) }
            }
            return rows
        }
        var parser = CSVParser()
        var out: [(fields: [String], line: Int)] = []
        do {
            parser.feed(bytes) { out.append(($0, $1)) }
            try parser.finish { out.append(($0, $1)) }
        } catch let error as CSVError {
            throw ValidationErrors([FieldError(field: "file", message: error.message, line: error.line)])
        }
        return out
    }

    /// A data return in the long format `indicator,period,series,breakdown,group,value,numerator,denominator`.
    /// Contributors may submit only the indicators their organisation supplies.
    public static func dataReturn(_ bytes: [UInt8], fileName: String, partnership: Partnership, grant: Grant,
                                  actor: Actor, on db: any Database) async throws -> Int {
        var importer = try await DataReturnImport(partnership: partnership, grant: grant, on: db)
        for (fields, line) in try records(of: bytes, fileName: fileName) {
            importer.reader.read(fields, line: line)
        }
        return try await importer.write(fileName: fileName, digest: digest(bytes), partnership: partnership, actor: actor, on: db)
    }

    /// A CSV data return read a chunk at a time (the command line's `import values`): neither the
    /// file nor its text is ever held whole, only the rows read from it, and a line or value over
    /// `CSVParser`'s limits stops the reading there with its line number.
    public static func dataReturn(chunks: some Sequence<[UInt8]>, fileName: String, partnership: Partnership, grant: Grant,
                                  actor: Actor, on db: any Database) async throws -> Int {
        var importer = try await DataReturnImport(partnership: partnership, grant: grant, on: db)
        var parser = CSVParser()
        var hasher = SHA256()
        do {
            for chunk in chunks {
                hasher.update(data: chunk)
                parser.feed(chunk) { importer.reader.read($0, line: $1) }
                if let failure = parser.failure { throw failure }
            }
            try parser.finish { importer.reader.read($0, line: $1) }
        } catch let error as CSVError {
            throw ValidationErrors([FieldError(field: "file", message: error.message, line: error.line)])
        }
        return try await importer.write(fileName: fileName, digest: Hex.encode(hasher.finalize()), partnership: partnership, actor: actor, on: db)
    }

    /// One data return being read: the partnership's indicators, who may submit which, and the rows so far.
    struct DataReturnImport {
        let byKey: [String: Indicator]
        var reader: DataReturnReader

        init(partnership: Partnership, grant: Grant, on db: any Database) async throws {
            let indicators = try await PerformanceStore.indicators(partnership, on: db)
            let byKey = Dictionary(indicators.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            let refusals = Dictionary(indicators.compactMap { indicator -> (String, String)? in
                Access.allows(grant, .submitValues(owner: indicator.sourceOrganisation?.ref)) ? nil
                    : (indicator.key, "\(indicator.key) is supplied by \(indicator.sourceOrganisation?.name ?? "the business unit"); you may submit only your own organisation's indicators")
            }, uniquingKeysWith: { a, _ in a })
            self.byKey = byKey
            reader = DataReturnReader(knownIndicators: Set(byKey.keys), refusal: { refusals[$0] })
        }

        /// Writes every row, or throws every problem and writes nothing.
        func write(fileName: String, digest: String, partnership: Partnership, actor: Actor, on db: any Database) async throws -> Int {
            let rows: [DataReturnRow]
            switch reader.result() {
            case .success(let read): rows = read
            case .failure(let errors): throw errors
            }
            let writes = try rows.map { row in
                guard let id = byKey[row.indicator]?.id else { throw NotFound("indicator \(row.indicator)") }
                return PerformanceStore.ValueWrite(indicatorID: id, period: row.period, series: row.series, breakdown: row.breakdown,
                                                   group: row.group, value: row.value, numerator: row.numerator, denominator: row.denominator)
            }
            try await PerformanceStore.write(writes, record: .init(kind: "data_return", fileName: fileName, digest: digest, rowsRead: reader.rowsRead,
                                                                    notes: nil, indicatorID: nil),
                                             in: partnership, by: actor, on: db)
            for key in Set(rows.map(\.indicator)) {
                if let indicator = byKey[key] { try await PerformanceStore.refreshEscalations(for: indicator, on: db) }
            }
            return writes.count
        }
    }

    /// The outcome of aggregating a record-level extract: what was written and what could not be used.
    public struct ExtractOutcome: Sendable {
        public let rowsRead: Int
        public let rowsAggregated: Int
        public let valuesWritten: Int
        public let unreadableDates: Int
        public let unknownLSOAs: Int
        public var summary: String {
            "Read \(rowsRead) rows; aggregated \(rowsAggregated) into \(valuesWritten) values; \(unreadableDates) with an unreadable date and \(unknownLSOAs) with an unknown LSOA were counted but not used."
        }
    }

    /// A record-level extract (`event_date,lsoa,age,gender,ethnicity[,child_ref]`) for one indicator.
    /// Rows are aggregated as they stream past; no row is kept. `chunks` yields the file in pieces.
    public static func extract(chunks: some Sequence<[UInt8]>, fileName: String, indicator: Indicator, partnership: Partnership,
                               actor: Actor, on db: any Database) async throws -> ExtractOutcome {
        // The file is read and hashed on another thread (from now, while the deciles load) as the
        // rows already read are counted here.
        let file = ChunkReadAhead(chunks)
        defer { file.stop() }
        let deciles = try await PerformanceStore.lsoaDeciles(on: db)
        guard !deciles.isEmpty else {
            throw ValidationErrors([FieldError(field: "file", message: "Load the IMD 2019 file first (safeguarding import imd FILE): no LSOAs are known")])
        }
        var aggregator = ExtractAggregator(lsoaDeciles: deciles, indicator: indicator.key)
        var parser = CSVParser()
        // Records arrive as bytes: the aggregator reads the five columns it needs without making a String.
        func take(_ record: CSVRecord, _ line: Int) throws {
            if aggregator.hasHeader {
                aggregator.add(record, line: line)
            } else {
                try aggregator.header(record.strings)
            }
        }
        do {
            while let chunk = file.next() {
                try parser.feedRecords(chunk, record: take)
                if let failure = parser.failure { throw failure }
            }
            try parser.finishRecords(record: take)
        } catch let error as CSVError {
            throw ValidationErrors([FieldError(field: "file", message: error.message, line: error.line)])
        }
        guard aggregator.hasHeader else { throw ValidationErrors([FieldError(field: "file", message: "The file is empty: expected a header line and rows")]) }
        // Children aged 0-15 in each deprivation decile of the partnership's area, where loaded: the denominators for rates.
        let areas = try await DeprivationArea.query(on: db).filter(\.$laCode == partnership.localAuthorityCode).all()
        var childrenByDecile: [String: Double] = [:]
        if !areas.isEmpty, areas.allSatisfy({ $0.children != nil }) {
            for area in areas { childrenByDecile[String(area.imdDecile), default: 0] += area.children! }
        }
        let writes = aggregator.counts.map { key, count in
            PerformanceStore.ValueWrite(indicatorID: indicator.id!, period: Period(key.quarter), series: .local, breakdown: key.breakdown,
                                        group: key.group, value: Double(count), numerator: Double(count),
                                        denominator: key.breakdown == .imdDecile ? childrenByDecile[key.group] : nil)
        }
        let outcome = ExtractOutcome(rowsRead: aggregator.rowsRead, rowsAggregated: aggregator.rowsAggregated, valuesWritten: writes.count,
                                     unreadableDates: aggregator.unreadableDates, unknownLSOAs: aggregator.unknownLSOAs)
        let digest = file.digest()
        try await PerformanceStore.write(writes, record: .init(kind: "extract", fileName: fileName, digest: digest, rowsRead: outcome.rowsRead,
                                                                notes: outcome.summary, indicatorID: indicator.id),
                                         in: partnership, by: actor, replacingLocalPeriodsOf: indicator.id, on: db)
        try await PerformanceStore.refreshEscalations(for: indicator, on: db)
        return outcome
    }
}
