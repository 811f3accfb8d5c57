import Foundation

/// One cell of an aggregated extract: how many events fell in a quarter for one group of a breakdown.
public struct AggregateKey: Hashable, Sendable {
    public let quarter: ReportingQuarter
    public let breakdown: Breakdown
    public let group: String

    public init(quarter: ReportingQuarter, breakdown: Breakdown, group: String) {
        self.quarter = quarter
        self.breakdown = breakdown
        self.group = group
    }
}

/// Turns a record-level extract from an agency's case system (one row per event: a referral, an
/// exclusion, a missing episode) into quarterly counts by deprivation, gender, ethnicity and age,
/// as the rows stream past. The rows themselves, and any child's reference, are never kept: the
/// partnership needs the counts, and holding children's records it does not need would breach
/// data minimisation. Counts are of events (rows), not of distinct children. Small counts are
/// kept exactly here; disclosure control is applied when figures are published.
///
/// Columns: `event_date`, `lsoa`, `age`, `gender`, `ethnicity`, and optionally `child_ref`
/// (accepted so a system's standard extract can be used, then ignored), in any order.
///
/// A row whose date cannot be read, or whose LSOA is not in the deprivation lookup (a typo, an
/// area outside England, or a 2021 LSOA missing from the 2011-based IMD 2019), is counted and
/// not aggregated, with the first few line numbers kept so the agency can find them. An
/// unreadable age is not a reason to drop a row: it counts under age band `Unknown`.
public struct ExtractAggregator: Sendable {
    public enum Column: String, CaseIterable, Sendable {
        case eventDate = "event_date", lsoa, age, gender, ethnicity
        case childRef = "child_ref"
        static let required: [Column] = [.eventDate, .lsoa, .age, .gender, .ethnicity]
    }

    /// How many line numbers are kept as examples of each kind of problem.
    public static let exampleLines = 10
    /// Distinct spellings of gender and ethnicity remembered, so each is worked out once.
    private static let rememberedSpellings = 500

    public let indicator: String
    private let lsoaDeciles: [String: Int]
    /// The header's number of columns and where the columns used are, once it has been read.
    private var columns: (count: Int, date: Int, lsoa: Int, age: Int, gender: Int, ethnicity: Int)?

    /// The counts by quarter, breakdown and group, assembled from the compact tallies below.
    public var counts: [AggregateKey: Int] {
        var out: [AggregateKey: Int] = [:]
        for (row, quarterKey) in quarterKeys.enumerated() {
            // Floor division: a date in January to March of year 0 is in reporting year -1.
            let quarter = ReportingQuarter(year: ReportingYear(startYear: quarterKey >> 2), number: .init(rawValue: (quarterKey & 3) + 1)!)
            for slot in slots.indices {
                let count = tallies[row * width + slot]
                if count > 0 { out[AggregateKey(quarter: quarter, breakdown: slots[slot].breakdown, group: slots[slot].group)] = count }
            }
        }
        return out
    }

    // Counting is the hot loop of a million-row import (issue 16). Each (breakdown, group) gets a
    // small integer slot once, each quarter a row of one flat array of tallies, and the keys are
    // built only at the end, so a row costs five array increments. No `String` is made per row:
    // the fields arrive as bytes, LSOA codes are looked up by their number, and gender and
    // ethnicity spellings by their bytes.
    /// `width` tallies per quarter seen, in the order of `quarterKeys`, indexed by slot.
    private var tallies: [Int] = []
    /// Tallies per quarter: a power of two at least `slots.count`.
    private var width = 64
    /// The key (`startYear * 4 + quarter - 1`) of each quarter that has a row in `tallies`.
    private var quarterKeys: [Int] = []
    /// The row in `tallies` of each quarter key from `firstQuarterKey` on, -1 where none yet.
    private var rowOfQuarter: [Int32]
    /// Dates have four-digit years, so quarter keys run from -4 (January to March of year 0) to 39,999.
    private static let firstQuarterKey = -4
    private static let quarterKeyCount = 40_004
    private var slots: [(breakdown: Breakdown, group: String)] = []
    private var slotByName: [String: Int] = [:]
    private var decileSlots: [Int] = []
    private var ageSlots: [Int] = []
    private var unknownAgeSlot = 0
    private var allSlot = 0
    /// Deciles of English LSOA codes (`E01` and six digits) by their number, with 0 for none:
    /// an array index instead of hashing the code.
    private let decileByNumber: [UInt8]
    /// Rows offered after the header, not counting entirely blank ones.
    public private(set) var rowsRead = 0
    public private(set) var rowsAggregated = 0
    public private(set) var unreadableDates = 0
    public private(set) var unreadableDateLines: [Int] = []
    public private(set) var unknownLSOAs = 0
    public private(set) var unknownLSOALines: [Int] = []
    /// Rows with a different number of values from the header.
    public private(set) var malformedRows = 0
    public private(set) var malformedRowLines: [Int] = []

    private var genderSpellings = SpellingSlots()
    private var ethnicitySpellings = SpellingSlots()

    /// - Parameters:
    ///   - lsoaDeciles: IMD decile (1 = most deprived) by LSOA code, e.g. from IMD 2019 File 1.
    ///   - indicator: the indicator the counts are for, carried into `dataReturnRows()`.
    public init(lsoaDeciles: [String: Int], indicator: String) {
        self.lsoaDeciles = lsoaDeciles
        self.indicator = indicator
        var table = [UInt8](repeating: 0, count: 100_000)
        for (code, decile) in lsoaDeciles where (1...10).contains(decile) {
            if let number = Self.englishLSOANumber(code) { table[number] = UInt8(decile) }
        }
        decileByNumber = table
        rowOfQuarter = [Int32](repeating: -1, count: Self.quarterKeyCount)
        allSlot = slot(.all, "all")
        decileSlots = (0...10).map { slot(.imdDecile, Self.decileNames[$0]) }
        ageSlots = (0...24).map { slot(.ageBand, BreakdownGroups.ageBand($0)) }
        unknownAgeSlot = slot(.ageBand, BreakdownGroups.ageBand(nil))
    }

    private mutating func slot(_ breakdown: Breakdown, _ group: String) -> Int {
        let name = "\(breakdown.rawValue)|\(group)"
        if let known = slotByName[name] { return known }
        slots.append((breakdown, group))
        slotByName[name] = slots.count - 1
        return slots.count - 1
    }

    /// `E01012345` → 12345; nil for anything else.
    static func englishLSOANumber(_ code: String) -> Int? {
        var code = code
        return code.withUTF8 { englishLSOANumber(bytes: $0) }
    }

    static func englishLSOANumber(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 9, bytes[0] == UInt8(ascii: "E"), bytes[1] == UInt8(ascii: "0"), bytes[2] == UInt8(ascii: "1") else { return nil }
        var value = 0
        for i in 3..<9 {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value < 100_000 ? value : nil
    }

    /// Reads the header row: names trimmed and matched without regard to case, in any order.
    /// Columns other than those above are refused, so an extract carrying names or addresses is
    /// sent back rather than quietly read.
    public mutating func header(_ fields: [String]) throws(ValidationErrors) {
        var found: [Column: Int] = [:]
        var unknown: [String] = []
        var duplicated: [String] = []
        for (index, raw) in fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if let column = Column(rawValue: name.lowercased()) {
                if found[column] != nil { duplicated.append(name) } else { found[column] = index }
            } else {
                unknown.append(name.isEmpty ? "(column \(index + 1), no heading)" : name)
            }
        }
        let allowed = Column.allCases.map(\.rawValue).joined(separator: ", ")
        var errors: [FieldError] = []
        if !unknown.isEmpty {
            errors.append(FieldError(field: "header", message: "Unknown \(unknown.count == 1 ? "column" : "columns") \(unknown.joined(separator: ", ")): expected only \(allowed) (child_ref is optional); remove any other columns, especially names or addresses", line: 1))
        }
        if !duplicated.isEmpty {
            errors.append(FieldError(field: "header", message: "The \(duplicated.count == 1 ? "column" : "columns") \(duplicated.joined(separator: ", ")) \(duplicated.count == 1 ? "appears" : "appear") more than once: expected each column once", line: 1))
        }
        let missing = Column.required.filter { found[$0] == nil }
        if !missing.isEmpty {
            errors.append(FieldError(field: "header", message: "Missing \(missing.count == 1 ? "column" : "columns") \(missing.map(\.rawValue).joined(separator: ", ")): expected event_date, lsoa, age, gender and ethnicity", line: 1))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        guard let date = found[.eventDate], let lsoa = found[.lsoa], let age = found[.age], let gender = found[.gender],
              let ethnicity = found[.ethnicity] else { return }
        columns = (fields.count, date, lsoa, age, gender, ethnicity)
    }

    /// True once a header has been read without a problem.
    public var hasHeader: Bool { columns != nil }

    /// Counts one row. Rows offered before a header has been read count as malformed.
    public mutating func add(_ fields: [String], line: Int) {
        CSVRecord.withFields(fields) { record in add(record, line: line) }
    }

    /// Counts one row as `CSVParser.feedRecords` hands it over, reading only the five columns used.
    public mutating func add(_ record: CSVRecord, line: Int) {
        if record.isBlank { return }
        rowsRead += 1
        guard let columns, record.count == columns.count else {
            malformedRows += 1
            Self.note(line, in: &malformedRowLines)
            return
        }

        let date = ExtractAggregator.date(bytes: record[columns.date])
        let decile = decile(of: record[columns.lsoa])
        if date == nil {
            unreadableDates += 1
            Self.note(line, in: &unreadableDateLines)
        }
        if decile == nil {
            unknownLSOAs += 1
            Self.note(line, in: &unknownLSOALines)
        }
        guard let date, let decile else { return }

        // As `ReportingQuarter(containing:)`: the year starts in April.
        let startYear = date.month >= 4 ? date.year : date.year - 1
        let quarterKey = startYear * 4 + (date.month + 8) % 12 / 3
        let genderSlot = gender(of: record[columns.gender])
        let ethnicitySlot = ethnicity(of: record[columns.ethnicity])
        let ageSlot = ExtractAggregator.wholeYears(bytes: record[columns.age]).flatMap { $0 >= 0 && $0 < ageSlots.count ? ageSlots[$0] : nil } ?? unknownAgeSlot
        if slots.count > width { widen() }
        let base = row(ofQuarter: quarterKey) * width
        tallies.withUnsafeMutableBufferPointer { tallies in
            tallies[base + allSlot] += 1
            tallies[base + decileSlots[decile]] += 1
            tallies[base + genderSlot] += 1
            tallies[base + ethnicitySlot] += 1
            tallies[base + ageSlot] += 1
        }
        rowsAggregated += 1
    }

    /// The counts as local data-return figures (value = count), in order of quarter, breakdown
    /// and group, ready for the same checks and storage as an uploaded data return.
    public func dataReturnRows() -> [DataReturnRow] {
        counts.map { key, count in
            DataReturnRow(indicator: indicator, period: Period(key.quarter), series: .local,
                          breakdown: key.breakdown, group: key.group, value: Double(count))
        }.sorted { a, b in
            if a.period != b.period { return a.period < b.period }
            let ai = Breakdown.allCases.firstIndex(of: a.breakdown)!, bi = Breakdown.allCases.firstIndex(of: b.breakdown)!
            if ai != bi { return ai < bi }
            return BreakdownGroups.sortsBefore(a.group, b.group)
        }
    }

    private static let decileNames = (0...10).map(String.init)

    private static func note(_ line: Int, in lines: inout [Int]) {
        if lines.count < exampleLines { lines.append(line) }
    }

    /// The row of a quarter in `tallies`, added (all zeros) the first time the quarter is seen.
    private mutating func row(ofQuarter key: Int) -> Int {
        let index = key - Self.firstQuarterKey
        let known = index >= 0 && index < rowOfQuarter.count ? Int(rowOfQuarter[index]) : quarterKeys.firstIndex(of: key) ?? -1
        if known >= 0 { return known }
        quarterKeys.append(key)
        tallies.append(contentsOf: repeatElement(0, count: width))
        if index >= 0 && index < rowOfQuarter.count { rowOfQuarter[index] = Int32(quarterKeys.count - 1) }
        return quarterKeys.count - 1
    }

    /// Doubles the tallies per quarter until every slot has one (new groups appeared).
    private mutating func widen() {
        var newWidth = width
        while newWidth < slots.count { newWidth *= 2 }
        var widened = [Int](repeating: 0, count: quarterKeys.count * newWidth)
        for row in quarterKeys.indices {
            for slot in 0..<width { widened[row * newWidth + slot] = tallies[row * width + slot] }
        }
        tallies = widened
        width = newWidth
    }

    private func decile(of lsoa: UnsafeBufferPointer<UInt8>) -> Int? {
        if let number = Self.englishLSOANumber(bytes: lsoa) {
            let decile = decileByNumber[number]
            if decile > 0 { return Int(decile) }
        }
        // Rare: a code with spaces or in lower case, or one not in the table.
        return decile(of: String(decoding: lsoa, as: UTF8.self))
    }

    private func decile(of lsoa: String) -> Int? {
        if let number = Self.englishLSOANumber(lsoa) {
            let decile = decileByNumber[number]
            if decile > 0 { return Int(decile) }
        }
        if let decile = lsoaDeciles[lsoa] { return (1...10).contains(decile) ? decile : nil }
        let cleaned = lsoa.trimmingCharacters(in: .whitespaces).uppercased()
        guard cleaned != lsoa, let decile = lsoaDeciles[cleaned], (1...10).contains(decile) else { return nil }
        return decile
    }

    private mutating func gender(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let known = genderSpellings.slot(of: bytes) { return known }
        let found = slot(.gender, BreakdownGroups.gender(String(decoding: bytes, as: UTF8.self)) ?? "other")
        if genderSpellings.count < Self.rememberedSpellings { genderSpellings.remember(bytes, slot: found) }
        return found
    }

    private mutating func ethnicity(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let known = ethnicitySpellings.slot(of: bytes) { return known }
        let found = slot(.ethnicity, BreakdownGroups.ethnicity(String(decoding: bytes, as: UTF8.self)))
        if ethnicitySpellings.count < Self.rememberedSpellings { ethnicitySpellings.remember(bytes, slot: found) }
        return found
    }

    /// A date as extracts write it: ISO `2024-03-31`, or the UK's `31/03/2024` (also `1/4/2024`),
    /// either optionally followed by a time (`2024-03-31T09:30:00`, `31/03/2024 09:30`), which is
    /// ignored. Read digit by digit because a date formatter per row would dominate the import.
    /// Slashed dates are always day first: these are English case systems.
    static func date(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { date(bytes: $0) }
    }

    static func date(bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }

        /// Reads between `min` and `max` digits from `index`, moving it on.
        func number(_ index: inout Int, min: Int, max: Int) -> Int? {
            var value = 0, count = 0
            while index < end, count < max, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return count >= min ? value : nil
        }
        func expect(_ byte: UInt8, _ index: inout Int) -> Bool {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        /// The date may end there, or go on with a time after `T` or a space.
        func endsOrTime(_ index: Int) -> Bool {
            index == end || bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ")
        }

        var i = start
        let dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/")
        guard let first = number(&i, min: 1, max: 4) else { return nil }
        if i - start == 4 {
            guard expect(dash, &i), let month = number(&i, min: 2, max: 2), expect(dash, &i),
                  let day = number(&i, min: 2, max: 2), endsOrTime(i) else { return nil }
            return CalendarDate(year: first, month: month, day: day)
        }
        guard i - start <= 2, expect(slash, &i), let month = number(&i, min: 1, max: 2), expect(slash, &i) else { return nil }
        let yearStart = i
        guard let year = number(&i, min: 4, max: 4), i - yearStart == 4, endsOrTime(i) else { return nil }
        return CalendarDate(year: year, month: month, day: first)
    }

    /// Whole years of age: `15`, ` 15 `, `15.9` (a computed age) → 15; nil for anything else.
    static func wholeYears(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { wholeYears(bytes: $0) }
    }

    static func wholeYears(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, end = bytes.count
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        while end > i, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var value = 0, digits = 0
        while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), digits < 4 {
            value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
        }
        return i == end ? value : nil
    }
}

/// The slot of each spelling of a column seen so far, found by the spelling's bytes: a small
/// open-addressing table with a cheap hash, so a row's gender or ethnicity costs neither a
/// `String` nor SipHash. Spellings that differ in any byte are different keys here; they still
/// end in the same slot when they mean the same group, because the slot is worked out from the
/// decoded text the first time each spelling is seen.
struct SpellingSlots: Sendable {
    private struct Entry: Sendable {
        var offset: Int32 = 0
        var length: Int32 = -1
        var slot: Int32 = 0
    }

    /// Twice the spellings remembered at most, a power of two.
    private static let capacity = 1024
    private var entries = [Entry](repeating: Entry(), count: capacity)
    /// The remembered spellings' bytes, one after another.
    private var spellings: [UInt8] = []
    private(set) var count = 0

    func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = Self.hash(bytes) & (Self.capacity - 1)
        return spellings.withUnsafeBufferPointer { spellings in
            while true {
                let entry = entries[index]
                if entry.length < 0 { return nil }
                if Int(entry.length) == bytes.count, Self.equal(spellings, at: Int(entry.offset), bytes) { return Int(entry.slot) }
                index = (index + 1) & (Self.capacity - 1)
            }
        }
    }

    /// Remembers a spelling not yet remembered; at most half the table fills, so a look-up always finds an empty entry.
    mutating func remember(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int) {
        guard count < Self.capacity / 2 else { return }
        var index = Self.hash(bytes) & (Self.capacity - 1)
        while entries[index].length >= 0 { index = (index + 1) & (Self.capacity - 1) }
        entries[index] = Entry(offset: Int32(spellings.count), length: Int32(bytes.count), slot: Int32(slot))
        spellings.append(contentsOf: bytes)
        count += 1
    }

    private static func equal(_ spellings: UnsafeBufferPointer<UInt8>, at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<bytes.count where spellings[offset + i] != bytes[i] { return false }
        return true
    }

    /// Eight bytes at a time, multiplied and folded: enough to spread a few hundred short spellings.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        if let raw = UnsafeRawPointer(bytes.baseAddress) {
            while i + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash)
    }
}

/// The groups of each breakdown, and how the many ways systems write them are brought to one
/// spelling, so an extract and a data return say `female` and `Asian` the same way.
public enum BreakdownGroups {
    public static let genders = ["female", "male", "other", "unknown"]
    /// DfE's major ethnic groups, in DfE's order.
    public static let ethnicGroups = ["White", "Mixed", "Asian", "Black", "Other", "Unknown"]
    public static let ageBands = ["Under 1", "1-4", "5-9", "10-15", "16-17", "18-24", "Unknown"]

    /// `female`, `male`, `other` or `unknown`; nil when the text is none of the spellings below.
    /// Numbers follow ISO 5218 and the NHS data dictionary (1 male, 2 female, 0 or 9 not known).
    public static func gender(_ text: String) -> String? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "f", "female", "girl", "woman", "2": return "female"
        case "m", "male", "boy", "man", "1": return "male"
        case "", "u", "unknown", "not known", "not stated", "not recorded", "not specified", "prefer not to say",
             "refused", "0", "9", "x": return "unknown"
        case "o", "other", "non-binary", "nonbinary", "indeterminate", "intersex", "another", "other gender": return "other"
        default: return nil
        }
    }

    /// One of DfE's major groups when the text is recognisable: a full census description such
    /// as `Any other White background` or `White and Black Caribbean` (Mixed), a major group's
    /// own name, or a DfE four-letter code (`WBRI`, `MWBC`, `APKN`, `CHNE`, `REFU`, …). Otherwise
    /// the text as given, trimmed, so a local category is counted rather than lost.
    public static func ethnicity(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let code = ethnicityCodes[trimmed.uppercased()] { return code }
        let words = trimmed.lowercased()
        func has(_ parts: String...) -> Bool { parts.contains { words.contains($0) } }
        if words.isEmpty || has("unknown", "not known", "refus", "not stated", "not obtained", "not recorded",
                                "not yet obtained", "prefer not", "declined", "not given") { return "Unknown" }
        // Before White: "White and Asian" and "White and Black Caribbean" are Mixed groups.
        if has("mixed", "multiple", "white and ") { return "Mixed" }
        if has("white", "gypsy", "roma", "traveller", "irish") || words == "british" { return "White" }
        if has("asian", "indian", "pakistani", "bangladeshi", "chinese") { return "Asian" }
        if has("black", "caribbean", "african") { return "Black" }
        if words == "other" || has("other ethnic", "arab") { return "Other" }
        return trimmed
    }

    /// The age band of an age in whole years; `Unknown` for no age or one outside 0-24.
    public static func ageBand(_ years: Int?) -> String {
        guard let years else { return "Unknown" }
        switch years {
        case 0: return "Under 1"
        case 1...4: return "1-4"
        case 5...9: return "5-9"
        case 10...15: return "10-15"
        case 16...17: return "16-17"
        case 18...24: return "18-24"
        default: return "Unknown"
        }
    }

    /// Known groups in their listed order (deciles numerically), then anything else alphabetically.
    public static func sortsBefore(_ a: String, _ b: String) -> Bool {
        func rank(_ group: String) -> Int {
            if let decile = Int(group) { return decile }
            for list in [genders, ethnicGroups, ageBands] {
                if let index = list.firstIndex(of: group) { return 100 + index }
            }
            return 1000
        }
        let (ra, rb) = (rank(a), rank(b))
        return ra != rb ? ra < rb : a < b
    }

    private static let ethnicityCodes: [String: String] = {
        var codes: [String: String] = [:]
        for code in ["WBRI", "WIRI", "WIRT", "WOTH", "WROM"] { codes[code] = "White" }
        for code in ["MWBC", "MWBA", "MWAS", "MOTH"] { codes[code] = "Mixed" }
        for code in ["AIND", "APKN", "ABAN", "AOTH", "CHNE"] { codes[code] = "Asian" }
        for code in ["BCRB", "BAFR", "BOTH"] { codes[code] = "Black" }
        codes["OOTH"] = "Other"
        for code in ["REFU", "NOBT"] { codes[code] = "Unknown" }
        return codes
    }()

    enum Reading {
        case group(String)
        case problem(String)
    }

    /// A data return's group for its breakdown, in the same spelling an extract produces.
    static func dataReturnGroup(_ text: String, breakdown: Breakdown) -> Reading {
        switch breakdown {
        case .all:
            return text.isEmpty || text.lowercased() == "all"
                ? .group("all") : .problem("The group is \(text) but the breakdown is all: expected the group all, or leave it empty")
        case .imdDecile:
            guard let decile = Int(text), (1...10).contains(decile) else {
                return .problem(text.isEmpty ? "Enter the IMD decile: expected a whole number from 1 (most deprived) to 10 (least deprived)"
                                             : "The IMD decile \(text) is not a decile: expected a whole number from 1 (most deprived) to 10 (least deprived)")
            }
            return .group(String(decile))
        case .gender:
            guard let gender = gender(text), !text.isEmpty else {
                return .problem(text.isEmpty ? "Enter the gender: expected one of \(genders.joined(separator: ", "))"
                                             : "Unknown gender \(text): expected one of \(genders.joined(separator: ", "))")
            }
            return .group(gender)
        case .ethnicity:
            guard !text.isEmpty else { return .problem("Enter the ethnic group: expected one of \(ethnicGroups.joined(separator: ", ")) or a census category") }
            return .group(ethnicity(text))
        case .ageBand:
            guard !text.isEmpty else { return .problem("Enter the age band: expected one of \(ageBands.joined(separator: ", ")) or the return's own band") }
            let squeezed = text.lowercased().replacingOccurrences(of: " ", with: "")
            return .group(ageBands.first { $0.lowercased().replacingOccurrences(of: " ", with: "") == squeezed } ?? text)
        }
    }
}
