import Foundation

/// A start tag's attributes, found by local name: `r:id` is `attributes["id"]`.
struct XMLAttributes {
    fileprivate var pairs: [(name: String, value: String)] = []

    subscript(_ localName: String) -> String? {
        pairs.first { $0.name == localName }?.value
    }
}

/// Reads the XML of an Office part as a stream of start tags, end tags and text, byte by byte.
///
/// Why not Foundation's `XMLParser`: on Linux it hands a whole document to libxml2 at once, which
/// refuses one over 10 MB ("Huge input lookup"), and Excel writes a sheet as a single line of
/// that size; it carries on after a mismatched end tag and says nothing when a document stops
/// with elements still open; and building a dictionary of `NSString`s for every cell made a
/// 100,000-row sheet take 13 seconds. Office parts are a small, regular subset of XML, and as in
/// `CSVParser` every byte that matters is ASCII, so the scanner never decodes text it does not
/// hand on.
///
/// It checks what a reader of spreadsheets needs: tags nest and close, attributes are quoted, and
/// references are the five predefined entities or character references. A document type
/// declaration is refused (no Office part has one, and entity expansion is how XML bombs work).
/// Names arrive without their namespace prefix (`x:c` is `c`), because writers choose
/// different prefixes; namespace declarations are not passed on as attributes. Text is decoded as
/// UTF-8 (invalid bytes become U+FFFD), or from UTF-16 when the part starts with its byte order mark.
enum XMLScanner {
    typealias Start = (_ name: String, _ attributes: XMLAttributes) throws(XLSXError) -> Void
    typealias End = (_ name: String) throws(XLSXError) -> Void
    typealias Text = (_ text: String) -> Void

    /// Scans `data`, the part at `part`; stops at the first error a closure throws.
    /// - Throws: `XLSXError.malformed` naming the part when it is not well-formed XML.
    static func scan(_ data: Data, part: String, start: Start, end: End = { _ in }, text: Text = { _ in }) throws(XLSXError) {
        var data = data
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let decoded = String(data: data, encoding: .utf16) else { throw .malformed("\(part) is not valid UTF-16") }
            data = Data(decoded.utf8)
        }
        // `withUnsafeBytes` rethrows untyped errors, so the typed one is carried out by hand.
        let failure: XLSXError? = data.withUnsafeBytes { raw in
            do throws(XLSXError) {
                try scan(raw.bindMemory(to: UInt8.self), part: part, start: start, end: end, text: text)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let slash = UInt8(ascii: "/")
    private static let ampersand = UInt8(ascii: "&")
    private static let colon = UInt8(ascii: ":")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, part: String, start: Start, end: End, text: Text) throws(XLSXError) {
        let count = bytes.count
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        /// The byte ranges of the qualified names of the open elements.
        var open: [Range<Int>] = []
        var sawRoot = false
        var attributes = XMLAttributes()

        func malformed(_ why: String, at offset: Int) -> XLSXError {
            let line = 1 + bytes[..<min(offset, count)].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            return .malformed("\(part) is not well-formed XML (line \(line): \(why))")
        }
        /// The index of the first byte of `pattern` at or after `from`, or nil.
        func find(_ pattern: StaticString, from: Int) -> Int? {
            let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
            var at = from
            while at + needle.count <= count {
                if bytes[at] == needle[0], (1..<needle.count).allSatisfy({ bytes[at + $0] == needle[$0] }) { return at }
                at += 1
            }
            return nil
        }
        func hasPrefix(_ pattern: StaticString, at offset: Int) -> Bool {
            let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
            return offset + needle.count <= count && (0..<needle.count).allSatisfy { bytes[offset + $0] == needle[$0] }
        }
        /// The end of the name starting at `from`.
        func nameEnd(from: Int) -> Int {
            var at = from
            while at < count, !isSpace(bytes[at]), bytes[at] != greaterThan, bytes[at] != slash, bytes[at] != UInt8(ascii: "=") { at += 1 }
            return at
        }
        func localName(_ range: Range<Int>) -> String {
            var first = range.lowerBound
            for at in range where bytes[at] == colon { first = at + 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<range.upperBound]), as: UTF8.self)
        }
        /// Character data with references replaced; in an attribute value, white space becomes a space.
        func decoded(_ range: Range<Int>, inAttribute: Bool) throws(XLSXError) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            let plain = !slice.contains(ampersand) && !slice.contains(carriageReturn)
                && (!inAttribute || !slice.contains { $0 == 0x09 || $0 == 0x0A })
            if plain { return String(decoding: slice, as: UTF8.self) }
            var result: [UInt8] = []
            result.reserveCapacity(slice.count)
            var at = range.lowerBound
            while at < range.upperBound {
                let byte = bytes[at]
                if byte == ampersand {
                    guard let semicolon = (at..<range.upperBound).first(where: { bytes[$0] == UInt8(ascii: ";") }) else {
                        throw malformed("an & that starts no reference", at: at)
                    }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(at + 1)..<semicolon]), as: UTF8.self)
                    let replacement: Unicode.Scalar?
                    switch name {
                    case "lt": replacement = "<"
                    case "gt": replacement = ">"
                    case "amp": replacement = "&"
                    case "quot": replacement = "\""
                    case "apos": replacement = "'"
                    default:
                        if name.hasPrefix("#x") {
                            replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                        } else if name.hasPrefix("#") {
                            replacement = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                        } else {
                            replacement = nil
                        }
                    }
                    guard let replacement, replacement.value != 0 else { throw malformed("unknown reference &\(name);", at: at) }
                    result.append(contentsOf: String(Character(replacement)).utf8)
                    at = semicolon + 1
                } else if byte == carriageReturn {
                    // XML reads CR LF and a lone CR as one LF (Excel writes a real CR as _x000D_).
                    result.append(inAttribute ? 0x20 : 0x0A)
                    at += at + 1 < range.upperBound && bytes[at + 1] == 0x0A ? 2 : 1
                } else {
                    result.append(inAttribute && (byte == 0x09 || byte == 0x0A) ? 0x20 : byte)
                    at += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }

        while index < count {
            if bytes[index] != lessThan {
                var next = index
                while next < count, bytes[next] != lessThan { next += 1 }
                if open.isEmpty {
                    if let stray = (index..<next).first(where: { !isSpace(bytes[$0]) }) {
                        throw malformed("text outside the root element", at: stray)
                    }
                } else {
                    text(try decoded(index..<next, inAttribute: false))
                }
                index = next
                continue
            }

            let next = index + 1 < count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "?") {
                guard let close = find("?>", from: index + 2) else { throw malformed("an unclosed processing instruction", at: index) }
                index = close + 2
            } else if next == UInt8(ascii: "!"), hasPrefix("<!--", at: index) {
                guard let close = find("-->", from: index + 4) else { throw malformed("an unclosed comment", at: index) }
                index = close + 3
            } else if next == UInt8(ascii: "!"), hasPrefix("<![CDATA[", at: index) {
                guard !open.isEmpty else { throw malformed("CDATA outside the root element", at: index) }
                guard let close = find("]]>", from: index + 9) else { throw malformed("an unclosed CDATA section", at: index) }
                text(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 9)..<close]), as: UTF8.self))
                index = close + 3
            } else if next == UInt8(ascii: "!") {
                throw malformed("a document type declaration, which no workbook part has", at: index)
            } else if next == slash {
                let name = (index + 2)..<nameEnd(from: index + 2)
                var at = name.upperBound
                while at < count, isSpace(bytes[at]) { at += 1 }
                guard at < count, bytes[at] == greaterThan else { throw malformed("an unclosed end tag", at: index) }
                guard let top = open.last, top.count == name.count,
                      zip(top, name).allSatisfy({ bytes[$0] == bytes[$1] }) else {
                    throw malformed("an end tag that closes no open element", at: index)
                }
                open.removeLast()
                try end(localName(name))
                index = at + 1
            } else {
                // A start tag: the name, then attributes until `>` or `/>`.
                let name = (index + 1)..<nameEnd(from: index + 1)
                guard !name.isEmpty else { throw malformed("a < that starts no tag", at: index) }
                guard !sawRoot || !open.isEmpty else { throw malformed("a second root element", at: index) }
                sawRoot = true
                attributes.pairs.removeAll(keepingCapacity: true)
                var at = name.upperBound
                var selfClosing = false
                while true {
                    while at < count, isSpace(bytes[at]) { at += 1 }
                    guard at < count else { throw malformed("an unclosed start tag", at: index) }
                    if bytes[at] == greaterThan {
                        at += 1
                        break
                    }
                    if bytes[at] == slash {
                        guard at + 1 < count, bytes[at + 1] == greaterThan else { throw malformed("a / inside a start tag", at: at) }
                        selfClosing = true
                        at += 2
                        break
                    }
                    let attributeName = at..<nameEnd(from: at)
                    at = attributeName.upperBound
                    while at < count, isSpace(bytes[at]) { at += 1 }
                    guard !attributeName.isEmpty, at < count, bytes[at] == UInt8(ascii: "=") else {
                        throw malformed("an attribute without a value", at: attributeName.lowerBound)
                    }
                    at += 1
                    while at < count, isSpace(bytes[at]) { at += 1 }
                    guard at < count, bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") else {
                        throw malformed("an attribute value without quotes", at: at)
                    }
                    let quote = bytes[at]
                    let valueStart = at + 1
                    var valueEnd = valueStart
                    while valueEnd < count, bytes[valueEnd] != quote {
                        guard bytes[valueEnd] != lessThan else { throw malformed("a < inside an attribute value", at: valueEnd) }
                        valueEnd += 1
                    }
                    guard valueEnd < count else { throw malformed("an unclosed attribute value", at: at) }
                    at = valueEnd + 1
                    let qualified = UnsafeBufferPointer(rebasing: bytes[attributeName])
                    let isNamespaceDeclaration = qualified.starts(with: "xmlns".utf8)
                        && (qualified.count == 5 || qualified[5] == colon)
                    if !isNamespaceDeclaration {
                        attributes.pairs.append((localName(attributeName), try decoded(valueStart..<valueEnd, inAttribute: true)))
                    }
                }
                let local = localName(name)
                try start(local, attributes)
                if selfClosing {
                    try end(local)
                } else {
                    open.append(name)
                }
                index = at
            }
        }
        guard sawRoot else { throw malformed("no root element", at: count) }
        guard open.isEmpty else { throw malformed("the document ends with elements still open", at: count) }
    }
}
