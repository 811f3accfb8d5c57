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
/// UTF-8 sequence. A field's bytes are decoded to a `String` once, when the field ends; invalid
/// UTF-8 (a file saved as Windows-1252, say) becomes U+FFFD rather than failing the whole file.
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
    private var field: [UInt8] = []
    private var fields: [String] = []
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

    /// Reads the next chunk, calling `row` for every record it completes. A record cut by the end
    /// of the chunk is finished by a later `feed` or by `finish`.
    public mutating func feed(_ bytes: some Collection<UInt8>, row: (_ fields: [String], _ line: Int) throws -> Void) rethrows {
        // One non-generic loop over contiguous memory: a generic per-byte loop called from another
        // module would not be specialised, and would be several times slower.
        if let done = try bytes.withContiguousStorageIfAvailable({ buffer in try consume(buffer, row: row) }) {
            return done
        }
        let copy = Array(bytes)
        try copy.withUnsafeBufferPointer { buffer in try consume(buffer, row: row) }
    }

    /// Ends the input: passes on a last record that had no final line break.
    /// - Throws: `CSVError.unterminatedQuote` if a quoted field is still open, or whatever `row` throws.
    public mutating func finish(row: (_ fields: [String], _ line: Int) throws -> Void) throws {
        if let failure { throw failure }
        if state == .quoted { throw CSVError.unterminatedQuote(line: recordLine) }
        try finishLeniently(row: row)
    }

    /// Every record of a small input, with its line. An unterminated quote is closed at the end of
    /// the input rather than reported; use `feed` and `finish` where that must be an error. A
    /// broken limit is an error here too.
    public static func rows(of data: some Collection<UInt8>) throws(CSVError) -> [(fields: [String], line: Int)] {
        var parser = CSVParser()
        var result: [(fields: [String], line: Int)] = []
        parser.feed(data) { fields, line in result.append((fields, line)) }
        if let failure = parser.failure { throw failure }
        parser.finishLeniently { fields, line in result.append((fields, line)) }
        return result
    }

    private mutating func finishLeniently(row: (_ fields: [String], _ line: Int) throws -> Void) rethrows {
        if let seen = byteOrderMarkSeen, seen > 0 {
            // The whole input was the first byte or two of a byte order mark: they were text after all.
            byteOrderMarkSeen = nil
            try CSVParser.byteOrderMark[0..<seen].withUnsafeBufferPointer { try consume($0, row: row) }
        }
        if !isAtEmptyRecord { try endRecord(row: row) }
        self = CSVParser()
    }

    private var isAtEmptyRecord: Bool { state == .fieldStart && fields.isEmpty && field.isEmpty }

    private mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, row: (_ fields: [String], _ line: Int) throws -> Void) rethrows {
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
            }
        }
        var index = start
        while index < buffer.count {
            let byte = buffer[index]
            index += 1
            recordBytes += 1
            if recordBytes > CSVParser.maximumRecordBytes { return fail(.lineTooLong(line: recordLine)) }
            if field.count >= CSVParser.maximumFieldBytes { return fail(.valueTooLong(line: recordLine)) }
            if fields.count >= CSVParser.maximumFields { return fail(.tooManyColumns(line: recordLine)) }

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
                if byte == CSVParser.quote { state = .quoteInQuoted } else { field.append(byte) }
            case .quoteInQuoted:
                if byte == CSVParser.quote {
                    field.append(byte)
                    state = .quoted
                } else if byte == CSVParser.comma {
                    endField()
                } else if byte == CSVParser.cr || byte == CSVParser.lf {
                    try endRecord(row: row)
                } else {
                    field.append(byte)
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
                } else if byte == CSVParser.quote && state == .fieldStart {
                    state = .quoted
                } else {
                    field.append(byte)
                    state = .unquoted
                }
            }
        }
    }

    private mutating func fail(_ error: CSVError) {
        failure = error
        field = []
        fields = []
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRecord(row: (_ fields: [String], _ line: Int) throws -> Void) rethrows {
        endField()
        let startedOn = recordLine
        recordLine = line
        recordBytes = 0
        // Hand over the buffer itself: if the caller does not keep it, clearing it afterwards
        // reuses its storage instead of allocating a new array for every row.
        defer { fields.removeAll(keepingCapacity: true) }
        try row(fields, startedOn)
    }
}
