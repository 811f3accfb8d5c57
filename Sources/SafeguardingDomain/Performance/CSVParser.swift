import Foundation

/// A problem that stops a CSV file being read at all (as opposed to a bad value in a good row).
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quoted field was still open at the end of the input: the record started on `line`.
    case unterminatedQuote(line: Int)
    /// A value longer than `CSVParser.maximumFieldBytes`, on `line`.
    case valueTooLong(line: Int)
    /// A record longer than `CSVParser.maximumRecordBytes`, starting on `line`.
    case lineTooLong(line: Int)
    /// A record of more than `CSVParser.maximumFields` columns, starting on `line`.
    case tooManyColumns(line: Int)

    /// What a user reads.
    public var message: String {
        switch self {
        case .unterminatedQuote(let line):
            return "A quoted value starting on line \(line) is never closed: check for a stray double quote (\")"
        case .valueTooLong(let line):
            return "Line \(line) has a value longer than \(CSVParser.maximumFieldBytes / 1000) kB: no value in a file we read is that long; check it is the right file"
        case .lineTooLong(let line):
            return "Line \(line) is longer than \(CSVParser.maximumRecordBytes / 1_000_000) MB: check the file is CSV with one record per line (or a quote is not left open)"
        case .tooManyColumns(let line):
            return "Line \(line) has more than \(CSVParser.maximumFields) columns: check the file is CSV separated by commas"
        }
    }

    public var description: String { message }

    /// The line the problem is on.
    public var line: Int {
        switch self {
        case let .unterminatedQuote(line), let .valueTooLong(line), let .lineTooLong(line), let .tooManyColumns(line): line
        }
    }
}

/// Reads RFC 4180 CSV as it arrives, a chunk of bytes at a time, so an upload of a million rows
/// is never held in memory as text.
///
/// Why bytes and not `Character`s: grapheme breaking costs far more than the parsing itself, and
/// every byte that matters to CSV (`,` `"` CR LF) is ASCII, which never occurs inside a multi-byte
/// UTF-8 sequence. `feedRecords` hands each record over as byte ranges (`CSVRecord`), so a reader
/// that needs a few columns decodes nothing it does not use; `feed` decodes every field to a
/// `String`, where invalid UTF-8 (a file saved as Windows-1252, say) becomes U+FFFD rather than
/// failing the whole file.
///
/// What it accepts: a UTF-8 byte order mark at the very start (Excel writes one); quoted fields
/// holding commas, doubled quotes and line breaks; CRLF, LF or a lone CR between records; no
/// final line break. Completely empty lines are skipped (a line of commas is a record of empty
/// fields, and is passed on). It is lenient where RFC 4180 is strict and real files are not: a
/// quote in the middle of an unquoted field is kept as text, as is text after a closing quote.
///
/// `line` is the physical line on which a record starts, counting the header as line 1, so a
/// record whose quoted field spans lines 4 to 6 is reported as line 4 and the next as line 7.
/// If the `row` closure throws, the parser stops there and should be thrown away.
///
/// Limits (issue 15): a value over `maximumFieldBytes`, a record over `maximumRecordBytes` or with
/// more than `maximumFields` columns stops the parser at once with its line (`failure`); the rest
/// of the input is skipped, so a hostile file costs neither memory nor minutes.
///
/// Two ways through a record, with the same result (issue 16): most records lie whole inside the
/// chunk, on one line, with no doubled quote and well inside the limits, and are scanned a field
/// at a time with their fields left where they are in the chunk. Any other record (one cut by the
/// chunk's end, a quoted line break or doubled quote, text after a closing quote, a record near a
/// limit) is read again from its first byte by the byte-at-a-time state machine, which copies its
/// fields into the parser's own buffer and is the reference for every rule above.
public struct CSVParser: Sendable {
    /// 10 kB: no value of a data return, an extract or an official file comes near it.
    public static let maximumFieldBytes = 10_000
    /// 1 MB for one record.
    public static let maximumRecordBytes = 1_000_000
    /// Official statistics files have a few dozen columns; none of ours needs more than this.
    public static let maximumFields = 2_000

    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var state = State.fieldStart
    /// The record being read byte by byte: its fields' bytes so far, unquoted, one after another.
    private var text: [UInt8] = []
    /// Start and end in `text` of each field of that record already ended.
    private var bounds: [Int] = []
    /// Where the field being read starts in `text`.
    private var fieldStart = 0
    /// The physical line of the next byte.
    private var line = 1
    /// The physical line on which the current record started.
    private var recordLine = 1
    private var previousWasCR = false
    /// How many bytes of a byte order mark have been seen at the start; nil once past the start.
    private var byteOrderMarkSeen: Int? = 0
    /// Bytes of the current record so far.
    private var recordBytes = 0
    /// The limit the input broke, if it broke one: reading stopped there.
    public private(set) var failure: CSVError?

    public init() {}

    /// Reads the next chunk, calling `row` for every record it completes, its fields decoded. A
    /// record cut by the end of the chunk is finished by a later `feed` or by `finish`.
    public mutating func feed(_ bytes: some Collection<UInt8>, row: (_ fields: [String], _ line: Int) throws -> Void) rethrows {
        try feedRecords(bytes) { record, line in try row(record.strings, line) }
    }

    /// Reads the next chunk, calling `record` for every record it completes, its fields as bytes
    /// valid only during the call. A record cut by the end of the chunk is finished by a later
    /// `feedRecords` or by `finishRecords`.
    public mutating func feedRecords(_ bytes: some Collection<UInt8>, record: (_ record: CSVRecord, _ line: Int) throws -> Void) rethrows {
        // One non-generic loop over contiguous memory: a generic per-byte loop called from another
        // module would not be specialised, and would be several times slower.
        if let done = try bytes.withContiguousStorageIfAvailable({ buffer in try consume(buffer, row: record) }) {
            return done
        }
        let copy = Array(bytes)
        try copy.withUnsafeBufferPointer { buffer in try consume(buffer, row: record) }
    }

    /// Ends the input: passes on a last record that had no final line break.
    /// - Throws: `CSVError.unterminatedQuote` if a quoted field is still open, or whatever `row` throws.
    public mutating func finish(row: (_ fields: [String], _ line: Int) throws -> Void) throws {
        try finishRecords { record, line in try row(record.strings, line) }
    }

    /// `finish` with the last record as bytes.
    public mutating func finishRecords(record: (_ record: CSVRecord, _ line: Int) throws -> Void) throws {
        if let failure { throw failure }
        if state == .quoted { throw CSVError.unterminatedQuote(line: recordLine) }
        try finishLeniently(row: record)
    }

    /// Every record of a small input, with its line. An unterminated quote is closed at the end of
    /// the input rather than reported; use `feed` and `finish` where that must be an error. A
    /// broken limit is an error here too.
    public static func rows(of data: some Collection<UInt8>) throws(CSVError) -> [(fields: [String], line: Int)] {
        var parser = CSVParser()
        var result: [(fields: [String], line: Int)] = []
        parser.feed(data) { fields, line in result.append((fields, line)) }
        if let failure = parser.failure { throw failure }
        parser.finishLeniently { record, line in result.append((record.strings, line)) }
        return result
    }

    private mutating func finishLeniently(row: (_ record: CSVRecord, _ line: Int) throws -> Void) rethrows {
        if let seen = byteOrderMarkSeen, seen > 0 {
            // The whole input was the first byte or two of a byte order mark: they were text after all.
            byteOrderMarkSeen = nil
            try CSVParser.byteOrderMark[0..<seen].withUnsafeBufferPointer { try consume($0, row: row) }
        }
        if !isAtEmptyRecord { try endRecord(row: row) }
        self = CSVParser()
    }

    private var isAtEmptyRecord: Bool { state == .fieldStart && bounds.isEmpty && text.count == fieldStart }

    private mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, row: (_ record: CSVRecord, _ line: Int) throws -> Void) rethrows {
        if failure != nil { return }
        var start = 0
        if let seen = byteOrderMarkSeen {
            var matched = seen
            while matched < 3, start < buffer.count, buffer[start] == CSVParser.byteOrderMark[matched] {
                matched += 1
                start += 1
            }
            if matched == 3 {
                byteOrderMarkSeen = nil
            } else if start == buffer.count {
                byteOrderMarkSeen = matched
                return
            } else {
                // Not a byte order mark after all: what matched so far is ordinary text.
                byteOrderMarkSeen = nil
                try CSVParser.byteOrderMark[0..<matched].withUnsafeBufferPointer { try consume($0, row: row) }
                if failure != nil { return }
            }
        }
        guard let base = buffer.baseAddress else { return }
        let end = buffer.count
        // The fields of a record read in place: two offsets into the chunk per field.
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * CSVParser.maximumFields) { fieldBounds in
            let fieldBounds = fieldBounds.baseAddress!
            var index = start
            while index < end {
                let first = base[index]
                if state == .fieldStart, bounds.isEmpty, first != CSVParser.cr, first != CSVParser.lf,
                   let (terminator, count) = CSVParser.wholeRecord(base, from: index, to: end, into: fieldBounds) {
                    // As the byte-at-a-time reading would leave things: no line break inside the
                    // record, so the one that ends it is the only line counted.
                    let startedOn = recordLine
                    line += 1
                    previousWasCR = base[terminator] == CSVParser.cr
                    recordLine = line
                    recordBytes = 0
                    index = terminator + 1
                    try row(CSVRecord(base: base, bounds: fieldBounds, count: count), startedOn)
                    continue
                }
                // Byte by byte until this record, or an empty line, ends.
                while index < end {
                    let ended = try step(base[index], row: row)
                    index += 1
                    if failure != nil { return }
                    if ended { break }
                }
            }
        }
    }

    /// The record starting at `start` when it can be read in place: it ends with a line break
    /// inside the chunk; it has no line break or doubled quote inside quotes and no text after a
    /// closing quote; and it is far enough inside every limit that reading it byte by byte could
    /// not have failed. Returns the index of its line break and its number of fields, with each
    /// field's start and end in `bounds`; nil when the record must be read byte by byte.
    private static func wholeRecord(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int,
                                    into bounds: UnsafeMutablePointer<Int>) -> (terminator: Int, fields: Int)? {
        var index = start
        var fields = 0
        while true {
            // Byte by byte, a further byte after `maximumFields` ended fields would fail.
            guard index < end, fields < maximumFields else { return nil }
            let fieldStart: Int, fieldEnd: Int
            if bytes[index] == quote {
                var j = index + 1
                while j < end {
                    let byte = bytes[j]
                    if byte == quote || byte == cr || byte == lf { break }
                    j += 1
                }
                guard j < end, bytes[j] == quote else { return nil }
                fieldStart = index + 1
                fieldEnd = j
                index = j + 1
                guard index < end else { return nil }
                let next = bytes[index]
                guard next == comma || next == cr || next == lf else { return nil }
            } else {
                var j = index
                while j < end {
                    let byte = bytes[j]
                    if byte == comma || byte == cr || byte == lf { break }
                    j += 1
                }
                guard j < end else { return nil }
                fieldStart = index
                fieldEnd = j
                index = j
            }
            // Byte by byte, the byte after a value of this length would fail.
            guard fieldEnd - fieldStart < maximumFieldBytes else { return nil }
            bounds[2 * fields] = fieldStart
            bounds[2 * fields + 1] = fieldEnd
            fields += 1
            if bytes[index] == comma {
                index += 1
                continue
            }
            // A line break ends the record; its bytes, the line break included, count toward the limit.
            guard index - start + 1 <= maximumRecordBytes else { return nil }
            return (index, fields)
        }
    }

    /// Reads one byte by the rules above; true when it ended a record or an empty line (or broke a limit).
    private mutating func step(_ byte: UInt8, row: (_ record: CSVRecord, _ line: Int) throws -> Void) rethrows -> Bool {
        recordBytes += 1
        if recordBytes > CSVParser.maximumRecordBytes { fail(.lineTooLong(line: recordLine)); return true }
        if text.count - fieldStart >= CSVParser.maximumFieldBytes { fail(.valueTooLong(line: recordLine)); return true }
        if bounds.count / 2 >= CSVParser.maximumFields { fail(.tooManyColumns(line: recordLine)); return true }

        // Physical lines: CR, LF and CRLF each end one line, inside quotes or not.
        if byte == CSVParser.lf {
            if !previousWasCR { line += 1 }
            previousWasCR = false
        } else if byte == CSVParser.cr {
            line += 1
            previousWasCR = true
        } else {
            previousWasCR = false
        }

        switch state {
        case .quoted:
            if byte == CSVParser.quote { state = .quoteInQuoted } else { text.append(byte) }
        case .quoteInQuoted:
            if byte == CSVParser.quote {
                text.append(byte)
                state = .quoted
            } else if byte == CSVParser.comma {
                endField()
            } else if byte == CSVParser.cr || byte == CSVParser.lf {
                try endRecord(row: row)
                return true
            } else {
                text.append(byte)
                state = .unquoted
            }
        case .fieldStart, .unquoted:
            if byte == CSVParser.comma {
                endField()
            } else if byte == CSVParser.cr || byte == CSVParser.lf {
                if isAtEmptyRecord {
                    recordLine = line
                    recordBytes = 0
                } else {
                    try endRecord(row: row)
                }
                return true
            } else if byte == CSVParser.quote && state == .fieldStart {
                state = .quoted
            } else {
                text.append(byte)
                state = .unquoted
            }
        }
        return false
    }

    private mutating func fail(_ error: CSVError) {
        failure = error
        text = []
        bounds = []
        fieldStart = 0
    }

    private mutating func endField() {
        bounds.append(fieldStart)
        bounds.append(text.count)
        fieldStart = text.count
        state = .fieldStart
    }

    private mutating func endRecord(row: (_ record: CSVRecord, _ line: Int) throws -> Void) rethrows {
        endField()
        let startedOn = recordLine
        recordLine = line
        recordBytes = 0
        defer {
            text.removeAll(keepingCapacity: true)
            bounds.removeAll(keepingCapacity: true)
            fieldStart = 0
        }
        try text.withUnsafeBufferPointer { text in
            try bounds.withUnsafeBufferPointer { bounds in
                try row(CSVRecord(base: text.baseAddress, bounds: bounds.baseAddress, count: bounds.count / 2), startedOn)
            }
        }
    }
}

/// One record as `CSVParser` hands it over: its fields as bytes, without a `String` per field or
/// an array per record. The bytes belong to the parser (or to the chunk being read) and are valid
/// only inside the callback that receives the record: copy what must outlive it (`string(_:)`).
public struct CSVRecord {
    private let base: UnsafePointer<UInt8>?
    /// Start and end offsets from `base`, two per field.
    private let bounds: UnsafePointer<Int>?
    /// How many fields the record has.
    public let count: Int

    init(base: UnsafePointer<UInt8>?, bounds: UnsafePointer<Int>?, count: Int) {
        self.base = base
        self.bounds = bounds
        self.count = count
    }

    /// The bytes of field `index` (0-based), quotes removed and doubled quotes undone.
    public subscript(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "CSVRecord: field \(index) of \(count)")
        let start = bounds.unsafelyUnwrapped[2 * index], end = bounds.unsafelyUnwrapped[2 * index + 1]
        return UnsafeBufferPointer(start: base.map { $0 + start }, count: end - start)
    }

    /// Field `index` decoded as UTF-8; invalid UTF-8 becomes U+FFFD.
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// Every field decoded as UTF-8.
    public var strings: [String] { (0..<count).map(string) }

    /// True when every field is empty (a line of commas).
    public var isBlank: Bool {
        for index in 0..<count where bounds.unsafelyUnwrapped[2 * index + 1] != bounds.unsafelyUnwrapped[2 * index] { return false }
        return true
    }

    /// A record of `fields`, for callers that have strings rather than a parser's bytes.
    public static func withFields<Result>(_ fields: [String], _ body: (CSVRecord) throws -> Result) rethrows -> Result {
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        bounds.reserveCapacity(2 * fields.count)
        for field in fields {
            bounds.append(bytes.count)
            bytes.append(contentsOf: field.utf8)
            bounds.append(bytes.count)
        }
        return try bytes.withUnsafeBufferPointer { text in
            try bounds.withUnsafeBufferPointer { bounds in
                try body(CSVRecord(base: text.baseAddress, bounds: bounds.baseAddress, count: fields.count))
            }
        }
    }
}
