import Foundation

/// How a spreadsheet cell's stored value becomes the text a person sees in Excel.
enum CellText {
    /// Excel's text escape for characters XML cannot hold: `_x000D_` is a carriage return and
    /// `_x005F_` an underscore (so `_x005F_x0041_` is the literal text `_x0041_`).
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
               bytes[index + 6] == UInt8(ascii: "_"),
               let code = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(code) {
                result.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A stored number as Excel shows it under the General format, but never in exponent form
    /// (the data return's number rules do not read `1E-05`): at most 15 significant digits, which
    /// is all Excel keeps, so binary noise such as `0.30000000000000004` goes; no `.0` on whole
    /// numbers. Text that is not a number is passed on trimmed.
    static func number(_ stored: String) -> String {
        let text = trimmed(stored)
        if isPlainDecimal(text) { return text }
        // `Double` would also read `nan`, `inf` and hexadecimal, which a cell never means.
        guard !text.isEmpty, text.utf8.allSatisfy({ numberBytes.contains($0) }),
              let value = Double(text), value.isFinite else { return text }
        if value == 0 { return "0" }
        // Swift's description is the shortest text that reads back as the same Double. With 15 or
        // fewer significant digits it is also what rounding to 15 digits gives, and much cheaper.
        let shortest = "\(value)"
        let mantissa = shortest.utf8.prefix { $0 != UInt8(ascii: "e") }
        let significant = mantissa.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.drop { $0 == UInt8(ascii: "0") }
        return plainDecimal(significant.count <= 15 ? shortest : String(format: "%.15g", value))
    }

    private static let numberBytes = Set("0123456789+-.eE".utf8)

    /// Whether `text` is already as `number` would write it: `-12.5`, `0.25`, `42`, at most 15
    /// digits, no exponent, no leading or trailing zeros. Most stored numbers are.
    private static func isPlainDecimal(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty, bytes.count <= 16 else { return false }
        let whole = bytes.prefix { $0 != UInt8(ascii: ".") }
        let fraction = bytes.dropFirst(whole.count + 1)
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard !whole.isEmpty, whole.allSatisfy(isDigit), whole.count + fraction.count <= 15,
              whole.first != UInt8(ascii: "0") || whole.count == 1 else { return false }
        if whole.count == bytes.count {
            return !(whole.count == 1 && whole.first == UInt8(ascii: "0") && text.utf8.first == UInt8(ascii: "-"))
        }
        guard !fraction.isEmpty, fraction.allSatisfy(isDigit), fraction.last != UInt8(ascii: "0") else { return false }
        return true
    }

    /// `text` without spaces, tabs and line breaks at either end. (Foundation's
    /// `trimmingCharacters` goes through `NSString` on Linux, and was a third of the time spent
    /// reading a large sheet.)
    static func trimmed(_ text: String) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return text }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(text[start..<end])
    }

    /// `1.5e-05` → `0.000015`, `1.2e+16` → `12000000000000000`, `12.50` → `12.5`.
    static func plainDecimal(_ text: String) -> String {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative || rest.first == "+" { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(rest[rest.index(after: e)...]) ?? 0
            rest = rest[..<e]
        }
        let point = rest.firstIndex(of: ".")
        let whole = point.map { rest[..<$0] } ?? rest
        let fraction = point.map { rest[rest.index(after: $0)...] } ?? ""
        let digits = Array(whole + fraction)
        let pointAt = whole.count + exponent

        var integerPart: [Character]
        var fractionPart: [Character]
        if pointAt <= 0 {
            integerPart = []
            fractionPart = Array(repeating: "0", count: -pointAt) + digits
        } else if pointAt >= digits.count {
            integerPart = digits + Array(repeating: "0", count: pointAt - digits.count)
            fractionPart = []
        } else {
            integerPart = Array(digits[..<pointAt])
            fractionPart = Array(digits[pointAt...])
        }
        while integerPart.first == "0" { integerPart.removeFirst() }
        while fractionPart.last == "0" { fractionPart.removeLast() }
        if integerPart.isEmpty { integerPart = ["0"] }
        let isZero = integerPart == ["0"] && fractionPart.isEmpty
        return (negative && !isZero ? "-" : "") + String(integerPart) + (fractionPart.isEmpty ? "" : "." + String(fractionPart))
    }

    /// Built-in number formats 14–17 and 22 are dates (`m/d/yyyy`, `d-mmm-yy`, …, `m/d/yyyy h:mm`).
    /// 18–21 and 45–47 are times of day or durations: a date there would be 1899-12-31, so they
    /// stay numbers.
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        [14, 15, 16, 17, 22].contains(id)
    }

    /// Whether a custom format code shows a date: it has a day or year, or a month with no
    /// hours or seconds (`m` next to `h` or `s` means minutes). Literal text (`"days"`, `\d`),
    /// padding (`_x`, `*x`) and bracketed colours and locales are ignored; `[h]` and friends are
    /// elapsed time, not dates. Only the first section (before `;`) counts.
    static func isDateFormat(_ code: String) -> Bool {
        let characters = Array(code.lowercased())
        var significant: [Character] = []
        var index = 0
        scan: while index < characters.count {
            let character = characters[index]
            switch character {
            case ";":
                break scan
            case "\"":
                index = (characters[(index + 1)...].firstIndex(of: "\"") ?? characters.count) + 1
                continue
            case "\\", "_", "*":
                index += 2
                continue
            case "[":
                let close = characters[(index + 1)...].firstIndex(of: "]") ?? characters.count
                let inside = characters[(index + 1)..<close]
                if !inside.isEmpty, inside.allSatisfy({ "hms".contains($0) }) { significant.append("h") }
                index = close + 1
                continue
            default:
                significant.append(character)
            }
            index += 1
        }
        var text = String(significant)
        let hasClock = text.contains("am/pm") || text.contains("a/p")
        text = text.replacingOccurrences(of: "am/pm", with: "").replacingOccurrences(of: "a/p", with: "")
        if text.contains("d") || text.contains("y") { return true }
        return text.contains("m") && !hasClock && !text.contains("h") && !text.contains("s")
    }

    /// An Excel date serial as an ISO date, `2024-03-31`; nil for a serial no date can have.
    ///
    /// In the 1900 system day 1 is 1900-01-01, and Excel (after Lotus 1-2-3) counts a
    /// 29 February 1900 that never was, so serials after 60 are a day ahead. In the 1904 system
    /// day 0 is 1904-01-01. The time of day is dropped; half a second is added first so that a
    /// time stored as 23:59:59.9999 belongs to the next day, as Excel shows it.
    static func isoDate(fromSerial stored: String, uses1904Dates: Bool) -> String? {
        let text = trimmed(stored)
        // 2,958,465 is 9999-12-31, Excel's last date.
        guard text.utf8.allSatisfy({ numberBytes.contains($0) }), let serial = Double(text),
              serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var day = Int((serial + 0.5 / 86_400).rounded(.down))
        let epoch: Int
        if uses1904Dates {
            epoch = daysSince1970(year: 1904, month: 1, day: 1)
        } else {
            if day > 60 { day -= 1 }
            epoch = daysSince1970(year: 1899, month: 12, day: 31)
        }
        let (year, month, dayOfMonth) = civilDate(daysSince1970: epoch + day)
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(dayOfMonth, 2))"
    }

    // Proleptic Gregorian day arithmetic (Howard Hinnant's algorithms), free of time zones.

    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
