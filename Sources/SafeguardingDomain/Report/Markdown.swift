// The Markdown that staff write for the yearly report's narrative (foreword, introductions,
// summaries), read into a small typed tree that the HTML, Word and Markdown outputs all render.
//
// Only a subset is read, and nothing in it can reach the page as markup: raw HTML stays text,
// and a link is a link only when its address is a web address, an email address or a page on
// this site. The parser never fails: anything it does not understand, including unbalanced
// markers, is kept as the literal text the writer typed.

/// A block of narrative: a heading, a paragraph, a list or a quote.
public enum MarkdownBlock: Sendable, Equatable, Codable {
    /// A heading of level 1 to 4 (`#` to `####`), relative to the section it sits in.
    case heading(level: Int, [MarkdownInline])
    /// Consecutive lines of text, joined with a space.
    case paragraph([MarkdownInline])
    /// A `-` or `*` list; each item is one line of inline content.
    case bulletList([[MarkdownInline]])
    /// A `1.` list; the numbers the writer typed are not kept, items are numbered from 1.
    case numberedList([[MarkdownInline]])
    /// Consecutive `>` lines, joined with a space.
    case quote([MarkdownInline])
}

/// Inline content of a block.
public indirect enum MarkdownInline: Sendable, Equatable, Codable {
    case text(String)
    case strong([MarkdownInline])
    case emphasis([MarkdownInline])
    /// A link whose address passed `Markdown.isAllowedAddress(_:)`.
    case link(text: [MarkdownInline], url: String)
}

/// Reads, checks and writes back the Markdown subset of report narratives.
public enum Markdown {
    /// Reads `source` into blocks. Never fails: what is not understood stays as text.
    public static func parse(_ source: String) -> [MarkdownBlock] {
        var parser = BlockParser()
        return parser.parse(source)
    }

    /// The words of `inlines` without any formatting; a link gives its text.
    public static func plainText(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        appendPlainText(inlines, to: &out)
        return out
    }

    /// Problems worth telling the writer about (a link whose address is not http(s), mailto or a
    /// path starting with "/", "#" heading deeper than 4, raw HTML which is shown as text), each
    /// naming the line number.
    public static func problems(in source: String) -> [String] {
        var parser = BlockParser()
        _ = parser.parse(source)
        // Sorted by line only: problems on one line keep the order they appear in.
        return parser.problems.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map { "Line \($0.element.line): \($0.element.message)" }
    }

    /// Back to Markdown text (normalised), for the Markdown output.
    ///
    /// Blocks are separated by a blank line, every paragraph, item and quote is on one line,
    /// headings keep their level from 1 to 6 (so a caller may move them down), bullets are
    /// `-`, numbered items count from 1, and text that would otherwise read as
    /// Markdown (or as HTML in another renderer) is backslash-escaped, so reading the result
    /// back gives the same blocks. The one exception is emphasis that could only be written by
    /// splitting a run of three `*` three ways, like `***a*b*c`: it comes back partly as text.
    public static func render(_ blocks: [MarkdownBlock]) -> String {
        let parts = blocks.map(MarkdownWriter.block)
        return parts.isEmpty ? "" : parts.joined(separator: "\n\n") + "\n"
    }

    /// Whether a link may point at `address`: a web address (http:// or https://), an email
    /// address (mailto:), or a page or anchor on this site ("/…" or "#…"). Everything else,
    /// `javascript:` and `data:` above all, is refused. "//host" and "/\host" are refused too:
    /// browsers read both as another site, not as a path here.
    public static func isAllowedAddress(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") {
            return true
        }
        guard lower.hasPrefix("/") else { return false }
        let second = lower.dropFirst().first
        return second != "/" && second != "\\"
    }

    private static func appendPlainText(_ inlines: [MarkdownInline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let text): out += text
            case .strong(let content), .emphasis(let content): appendPlainText(content, to: &out)
            case .link(let text, _): appendPlainText(text, to: &out)
            }
        }
    }
}

// MARK: - Lines and blocks

/// Something the writer should hear about, found while parsing.
private struct MarkdownProblem {
    let line: Int
    let message: String
}

/// A line of the source with its indentation measured and its surrounding white space removed.
private struct SourceLine {
    let number: Int
    let indent: Int
    let text: Substring
}

private enum ListKind: Equatable {
    case bullet, numbered
}

private struct BlockParser {
    private enum Open: Equatable {
        case nothing, paragraph, quote, list(ListKind)
    }

    private(set) var problems: [MarkdownProblem] = []
    private var blocks: [MarkdownBlock] = []
    /// The block being read, and its lines (a paragraph or quote) or items (a list). They are
    /// kept outside the enum so that appending a line does not copy the lines before it.
    private var open = Open.nothing
    private var lines: [SourceLine] = []
    private var items: [[SourceLine]] = []
    /// A blank line was seen in the open list, so only a new item (not a continuation) keeps it open.
    private var afterBlank = false

    mutating func parse(_ source: String) -> [MarkdownBlock] {
        for line in Self.lines(of: source) { take(line) }
        close()
        return blocks
    }

    /// Splits on LF, CRLF and CR. Control characters other than tab are dropped first: they are
    /// invisible to the writer, and XML (so the Word output) cannot hold them at all.
    static func lines(of source: String) -> [SourceLine] {
        var kept = String.UnicodeScalarView()
        for scalar in source.unicodeScalars {
            switch scalar.value {
            case 0x0...0x8, 0xB, 0xC, 0xE...0x1F, 0x7F, 0xFFFE, 0xFFFF: continue
            default: kept.append(scalar)
            }
        }
        let text = String(kept)
        var lines: [SourceLine] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).enumerated() {
            let indent = raw.prefix(while: \.isWhitespace).count
            let trimmed = raw.dropFirst(indent).reversed().drop(while: \.isWhitespace).count
            lines.append(SourceLine(number: index + 1, indent: indent, text: raw.dropFirst(indent).prefix(trimmed)))
        }
        return lines
    }

    private mutating func take(_ line: SourceLine) {
        if line.text.isEmpty {
            if case .list = open { afterBlank = true } else { close() }
            return
        }

        if case .list(let kind) = open {
            if let item = Self.listItem(line) {
                // Lists are one level deep: an indented item is kept as an item of this list
                // rather than lost or glued to the item above.
                if line.indent > 0 || item.kind == kind {
                    items.append([item.content])
                    afterBlank = false
                    return
                }
            } else if line.indent > 0 && !afterBlank {
                items[items.count - 1].append(line)
                return
            }
            close()
        }

        if let (level, content) = heading(line) {
            close()
            // An empty heading would be an empty landmark for screen readers: it is dropped.
            if !content.isEmpty {
                blocks.append(.heading(level: level, inlines([SourceLine(number: line.number, indent: 0, text: content)])))
            }
            return
        }

        if let content = Self.quoted(line) {
            if open != .quote { close() }
            // The quote holds one paragraph, so an empty `>` line ends it.
            if content.text.isEmpty {
                close()
            } else {
                open = .quote
                lines.append(content)
            }
            return
        }

        if let item = Self.listItem(line) {
            // As in CommonMark, only "1." starts a numbered list inside a paragraph, so a line
            // that happens to begin "12. " carries on the sentence.
            if !(open == .paragraph && item.kind == .numbered && item.number != 1) {
                close()
                open = .list(item.kind)
                items = [[item.content]]
                return
            }
        }

        if open != .paragraph { close() }
        open = .paragraph
        lines.append(line)
    }

    private mutating func close() {
        switch open {
        case .nothing: break
        case .paragraph: blocks.append(.paragraph(inlines(lines)))
        case .quote: blocks.append(.quote(inlines(lines)))
        case .list(let kind):
            let parsed = items.map { inlines($0) }
            blocks.append(kind == .bullet ? .bulletList(parsed) : .numberedList(parsed))
        }
        open = .nothing
        lines = []
        items = []
        afterBlank = false
    }

    /// `#` to `####` followed by a space; `#####` and `######` become level 4 and seven or more
    /// are text (as in CommonMark), both with a problem. A closing run of `#` is dropped.
    private mutating func heading(_ line: SourceLine) -> (Int, Substring)? {
        let hashes = line.text.prefix(while: { $0 == "#" }).count
        guard hashes > 0 else { return nil }
        var content = line.text.dropFirst(hashes)
        guard content.isEmpty || content.first!.isWhitespace else { return nil }
        guard hashes <= 6 else {
            problems.append(MarkdownProblem(line: line.number, message:
                "headings go down to 4 levels (####): “\(String(repeating: "#", count: min(hashes, 12)))” would show as text"))
            return nil
        }
        if hashes > 4 {
            problems.append(MarkdownProblem(line: line.number, message:
                "headings go down to 4 levels (####): “\(String(repeating: "#", count: hashes))” would show as a level 4 heading"))
        }
        content = content.drop(while: \.isWhitespace)
        let closing = content.reversed().prefix(while: { $0 == "#" }).count
        if closing == content.count {
            content = content.prefix(0)
        } else if closing > 0, content.dropLast(closing).last!.isWhitespace {
            content = content.dropLast(closing)
            content = content.prefix(content.count - content.reversed().prefix(while: \.isWhitespace).count)
        }
        return (min(hashes, 4), content)
    }

    /// The text after `>` (and any further `>`: nested quotes are read as one), or nil.
    private static func quoted(_ line: SourceLine) -> SourceLine? {
        guard line.text.first == ">" else { return nil }
        let content = line.text.drop(while: { $0 == ">" || $0.isWhitespace })
        return SourceLine(number: line.number, indent: 0, text: content)
    }

    /// `- `, `* `, `1. ` or `1) ` followed by some text.
    private static func listItem(_ line: SourceLine) -> (kind: ListKind, number: Int, content: SourceLine)? {
        let text = line.text
        let kind: ListKind
        let number: Int
        var rest: Substring
        if text.first == "-" || text.first == "*" {
            kind = .bullet
            number = 0
            rest = text.dropFirst()
        } else {
            // Up to three digits, so a year starting a line ("2023. A year of change") stays text.
            let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
            guard (1...3).contains(digits.count), let after = text.dropFirst(digits.count).first, after == "." || after == ")" else { return nil }
            kind = .numbered
            number = Int(digits) ?? 0
            rest = text.dropFirst(digits.count + 1)
        }
        guard let space = rest.first, space.isWhitespace else { return nil }
        rest = rest.drop(while: \.isWhitespace)
        guard !rest.isEmpty else { return nil }
        return (kind, number, SourceLine(number: line.number, indent: 0, text: rest))
    }

    /// Joins `lines` with spaces and reads their inline content.
    private mutating func inlines(_ lines: [SourceLine]) -> [MarkdownInline] {
        var characters: [Character] = []
        var lineStarts: [(offset: Int, line: Int)] = []
        for line in lines {
            if !characters.isEmpty { characters.append(" ") }
            lineStarts.append((characters.count, line.number))
            characters.append(contentsOf: line.text)
        }
        var parser = InlineParser(characters: characters, lineStarts: lineStarts)
        let content = parser.parse()
        problems += parser.problems
        return content
    }
}

// MARK: - Inline content

/// Reads inline content in one pass with a stack of open markers, in the manner of CommonMark's
/// delimiter stack. Each marker is opened once and closed or given back as text once, so the time
/// taken grows with the length of the text, whatever it holds; and at most `maximumOpen` markers
/// are open at once, which bounds how deep the tree (and every recursion over it) can go.
private struct InlineParser {
    private struct Frame {
        enum Kind {
            case root
            /// `count` markers still open out of `original`; `bothWays`: the run could also have closed.
            case emphasis(marker: Character, count: Int, original: Int, bothWays: Bool)
            case link
        }

        var kind: Kind
        /// Where the opening marker is, for line numbers and for telling links within links.
        let start: Int
        var children: [MarkdownInline] = []
    }

    /// Markers open at once (the root frame is not one); writers nest two or three at most.
    static let maximumOpen = 12
    /// Longer addresses are not taken as links (nor `<…>` scanned further), which bounds the work a `<` can cause.
    static let maximumAddress = 2_048
    private static let special: Set<Character> = ["\\", "*", "_", "[", "]", "<"]

    let characters: [Character]
    let lineStarts: [(offset: Int, line: Int)]
    private(set) var problems: [MarkdownProblem] = []

    private var frames = [Frame(kind: .root, start: 0)]
    private var starOpeners: [Int] = []
    private var underscoreOpeners: [Int] = []
    private var linkOpeners: [Int] = []
    /// Where the latest link ended: a `[` opened before it would make a link around a link.
    private var lastLinkEnd = -1
    private var linesWithHTML: Set<Int> = []
    /// Built at the first `](`, as most text has no links.
    private var addresses: AddressFinder?

    init(characters: [Character], lineStarts: [(offset: Int, line: Int)]) {
        self.characters = characters
        self.lineStarts = lineStarts
    }

    mutating func parse() -> [MarkdownInline] {
        var i = 0
        while i < characters.count {
            switch characters[i] {
            case "\\":
                if i + 1 < characters.count, Self.isEscapable(characters[i + 1]) {
                    appendText(String(characters[i + 1]))
                    i += 2
                } else {
                    appendText("\\")
                    i += 1
                }
            case "*", "_":
                i = delimiterRun(at: i)
            case "[":
                if frames.count <= Self.maximumOpen { push(Frame(kind: .link, start: i)) } else { appendText("[") }
                i += 1
            case "]":
                i = closeBracket(at: i)
            case "<":
                i = angleBracket(at: i)
            default:
                var end = i + 1
                while end < characters.count, !Self.special.contains(characters[end]) { end += 1 }
                appendText(String(characters[i..<end]))
                i = end
            }
        }
        collapse(downTo: 0)
        return frames[0].children
    }

    // MARK: Emphasis

    private mutating func delimiterRun(at start: Int) -> Int {
        let marker = characters[start]
        var end = start
        while end < characters.count, characters[end] == marker { end += 1 }
        let length = end - start
        // Runs of four or more are never emphasis a writer meant (and would nest without bound).
        guard length <= 3 else {
            appendText(String(characters[start..<end]))
            return end
        }
        let before = start > 0 ? characters[start - 1] : nil
        let after = end < characters.count ? characters[end] : nil
        let leftFlanking = Self.flanking(toward: after, awayFrom: before)
        let rightFlanking = Self.flanking(toward: before, awayFrom: after)
        let canOpen, canClose: Bool
        if marker == "*" {
            canOpen = leftFlanking
            canClose = rightFlanking
        } else {
            // `_` never opens or closes inside a word, so snake_case_names stay as typed.
            canOpen = leftFlanking && (!rightFlanking || Self.isPunctuation(before))
            canClose = rightFlanking && (!leftFlanking || Self.isPunctuation(after))
        }
        var remaining = length
        if canClose { remaining = close(marker, length: length, closerBothWays: canOpen) }
        if remaining > 0 {
            if canOpen, frames.count <= Self.maximumOpen {
                push(Frame(kind: .emphasis(marker: marker, count: remaining, original: length, bothWays: canClose), start: start))
            } else {
                appendText(String(repeating: marker, count: remaining))
            }
        }
        return end
    }

    /// Closes the nearest open run of `marker` (not beyond an open `[`); returns the markers left over.
    private mutating func close(_ marker: Character, length: Int, closerBothWays: Bool) -> Int {
        var remaining = length
        while remaining > 0, let index = (marker == "*" ? starOpeners : underscoreOpeners).last, index > (linkOpeners.last ?? 0),
              case let .emphasis(_, count, original, openerBothWays) = frames[index].kind {
            // CommonMark's rule of three, so `*a**b**c*` nests rather than pairing the wrong markers.
            if openerBothWays || closerBothWays, (original + length) % 3 == 0, !(original % 3 == 0 && length % 3 == 0) { break }
            collapse(downTo: index)
            let used = count >= 2 && remaining >= 2 ? 2 : 1
            let content = frames[index].children
            let node: MarkdownInline = used == 2 ? .strong(content) : .emphasis(content)
            if count > used {
                frames[index].kind = .emphasis(marker: marker, count: count - used, original: original, bothWays: openerBothWays)
                frames[index].children = [node]
            } else {
                _ = pop()
                append(node)
            }
            remaining -= used
        }
        return remaining
    }

    // MARK: Links

    private mutating func closeBracket(at i: Int) -> Int {
        guard let index = linkOpeners.last else {
            appendText("]")
            return i + 1
        }
        collapse(downTo: index)
        let opener = frames[index]
        guard opener.start > lastLinkEnd, i + 1 < characters.count, characters[i + 1] == "(",
              let end = addressEnd(from: i + 2) else {
            _ = pop()
            appendText("[")
            append(contentsOf: opener.children)
            appendText("]")
            return i + 1
        }
        _ = pop()
        let address = String(characters[(i + 2)..<end])
        if Markdown.isAllowedAddress(address) {
            // A link needs words to be read out; an empty one shows its address.
            let hasWords = Markdown.plainText(opener.children).contains { !$0.isWhitespace }
            append(.link(text: hasWords ? opener.children : [.text(address)], url: address))
            lastLinkEnd = end
        } else {
            let label = Self.quoted(Markdown.plainText(opener.children))
            if address.isEmpty {
                report(at: opener.start, "the link \(label) has no address: add one in brackets, like [\(Self.shortened(Markdown.plainText(opener.children), to: 40))](https://…)")
            } else {
                report(at: opener.start, "the link \(label) goes to \(Self.quoted(address)), which is not a web address (https://…), "
                    + "an email address (mailto:…) or a page on this site (/…): it would show as text without a link")
            }
            append(contentsOf: opener.children)
        }
        return end + 1
    }

    /// The index of the `)` ending an address that starts at `start`: no white space, and
    /// parentheses inside only when balanced, as in `https://en.wikipedia.org/wiki/A_(B)`.
    private mutating func addressEnd(from start: Int) -> Int? {
        if addresses == nil { addresses = AddressFinder(characters) }
        guard let end = addresses!.end(from: start), end - start <= Self.maximumAddress else { return nil }
        return end
    }

    /// `<https://…>` and `<name@example.org>` are links; any other `<` is text, and is reported
    /// when it starts an HTML tag the writer may expect to work.
    private mutating func angleBracket(at i: Int) -> Int {
        var end = i + 1
        while end < characters.count, end - i <= Self.maximumAddress,
              characters[end] != ">", characters[end] != "<", !characters[end].isWhitespace {
            end += 1
        }
        if end < characters.count, characters[end] == ">", end > i + 1 {
            let inside = String(characters[(i + 1)..<end])
            if Self.hasScheme(inside) {
                if Markdown.isAllowedAddress(inside) {
                    append(.link(text: [.text(inside)], url: inside))
                    lastLinkEnd = end
                    return end + 1
                }
                report(at: i, "the link \(Self.quoted(inside)) is not a web address (https://…) or an email address (mailto:…): it would show as text without a link")
            } else if Self.isEmailAddress(inside) {
                append(.link(text: [.text(inside)], url: "mailto:" + inside))
                lastLinkEnd = end
                return end + 1
            }
        }
        reportHTML(at: i)
        appendText("<")
        return i + 1
    }

    private mutating func reportHTML(at i: Int) {
        var j = i + 1
        let tag: String
        if characters[j...].starts(with: ["!", "-", "-"]) {
            tag = "<!--"
        } else {
            if j < characters.count, characters[j] == "/" { j += 1 }
            let nameStart = j
            while j < characters.count, characters[j].isASCII, characters[j].isLetter || characters[j].isNumber { j += 1 }
            guard Self.htmlElements.contains(String(characters[nameStart..<j]).lowercased()),
                  j < characters.count, characters[j] == ">" || characters[j] == "/" || characters[j].isWhitespace else { return }
            while j < characters.count, j - i < 200, characters[j] != ">", characters[j] != "<" { j += 1 }
            guard j < characters.count, characters[j] == ">" else { return }
            tag = String(characters[i...j])
        }
        let line = line(at: i)
        // One mention a line is enough: `<b>bold</b>` is one mistake, not two.
        guard linesWithHTML.insert(line).inserted else { return }
        problems.append(MarkdownProblem(line: line, message:
            "\(Self.quoted(tag)) is HTML, which would show as text: use Markdown instead, like **bold** or [link text](https://…)"))
    }

    // MARK: The stack

    private mutating func push(_ frame: Frame) {
        let index = frames.count
        switch frame.kind {
        case .root: break
        case .emphasis(let marker, _, _, _): if marker == "*" { starOpeners.append(index) } else { underscoreOpeners.append(index) }
        case .link: linkOpeners.append(index)
        }
        frames.append(frame)
    }

    private mutating func pop() -> Frame {
        let frame = frames.removeLast()
        switch frame.kind {
        case .root: break
        case .emphasis(let marker, _, _, _): if marker == "*" { starOpeners.removeLast() } else { underscoreOpeners.removeLast() }
        case .link: linkOpeners.removeLast()
        }
        return frame
    }

    /// Gives back every marker opened above `index` as the text it was.
    private mutating func collapse(downTo index: Int) {
        while frames.count - 1 > index {
            let frame = pop()
            switch frame.kind {
            case .root: break
            case let .emphasis(marker, count, _, _): appendText(String(repeating: marker, count: count))
            case .link: appendText("[")
            }
            append(contentsOf: frame.children)
        }
    }

    private mutating func append(_ inline: MarkdownInline) {
        if case .text(let text) = inline { appendText(text) } else { frames[frames.count - 1].children.append(inline) }
    }

    private mutating func append(contentsOf inlines: [MarkdownInline]) {
        for inline in inlines { append(inline) }
    }

    private mutating func appendText(_ text: String) {
        guard !text.isEmpty else { return }
        let top = frames.count - 1
        if let last = frames[top].children.indices.last, case .text(var existing) = frames[top].children[last] {
            // Emptying the slot first leaves `existing` as the only reference, so it grows in
            // place instead of being copied on every append.
            frames[top].children[last] = .text("")
            existing += text
            frames[top].children[last] = .text(existing)
        } else {
            frames[top].children.append(.text(text))
        }
    }

    // MARK: Helpers

    private mutating func report(at offset: Int, _ message: String) {
        problems.append(MarkdownProblem(line: line(at: offset), message: message))
    }

    private func line(at offset: Int) -> Int {
        lineStarts.last { $0.offset <= offset }?.line ?? lineStarts.first?.line ?? 1
    }

    /// CommonMark's flanking test: a marker opens when the character it faces is not a space,
    /// and, if that is punctuation, the one behind it is a space or punctuation too.
    private static func flanking(toward: Character?, awayFrom: Character?) -> Bool {
        guard let toward, !toward.isWhitespace else { return false }
        return !isPunctuation(toward) || awayFrom == nil || awayFrom!.isWhitespace || isPunctuation(awayFrom)
    }

    private static func isPunctuation(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isPunctuation || character.isSymbol
    }

    private static func isEscapable(_ character: Character) -> Bool {
        character.isASCII && (character.isPunctuation || character.isSymbol)
    }

    /// `scheme:` as in an address (`https:`, `javascript:`), which makes `<…>` an attempted link.
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard (2...32).contains(scheme.count), let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-") }
    }

    private static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let localAllowed = Set(".!#$%&'*+/=?^_`{|}~-")
        guard parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || localAllowed.contains($0)) }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    private static func quoted(_ text: String) -> String {
        "“" + shortened(text, to: 60) + "”"
    }

    private static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// Elements a writer might type expecting them to work; other `<words>` (like `<name>` in a
    /// template) are not mentioned, since they show as typed anyway.
    private static let htmlElements: Set<String> = [
        "a", "abbr", "address", "article", "aside", "audio", "b", "big", "blockquote", "body", "br", "button", "caption",
        "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "div", "dl", "dt", "em", "embed", "fieldset",
        "figcaption", "figure", "font", "footer", "form", "frame", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "li", "link", "main", "mark", "marquee", "meta",
        "nav", "noscript", "object", "ol", "p", "picture", "pre", "q", "s", "script", "section", "select", "small", "source",
        "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "textarea", "tfoot",
        "th", "thead", "tr", "u", "ul", "video",
    ]
}

/// Finds where a link address ends without walking the text from every `](`: scanning forward
/// each time would make text like `[](` repeated thousands of times take quadratic time.
private struct AddressFinder {
    /// The number of `(` less the number of `)` before each position (one more entry than characters).
    private let depthBefore: [Int]
    /// The positions of `)`, grouped by the depth before them, in order.
    private let closers: [Int: [Int]]
    /// The first white space at or after each position (the end of the text when there is none).
    private let nextSpace: [Int]

    init(_ characters: [Character]) {
        var depthBefore = [0]
        var closers: [Int: [Int]] = [:]
        depthBefore.reserveCapacity(characters.count + 1)
        for (index, character) in characters.enumerated() {
            let depth = depthBefore[index]
            if character == ")" { closers[depth, default: []].append(index) }
            depthBefore.append(depth + (character == "(" ? 1 : character == ")" ? -1 : 0))
        }
        var nextSpace = [Int](repeating: characters.count, count: characters.count + 1)
        for index in characters.indices.reversed() {
            nextSpace[index] = characters[index].isWhitespace ? index : nextSpace[index + 1]
        }
        self.depthBefore = depthBefore
        self.closers = closers
        self.nextSpace = nextSpace
    }

    /// The first `)` at or after `start` that closes at the depth of `start`, before any white
    /// space. Depth falls by one at each `)`, so none before it can have gone below.
    func end(from start: Int) -> Int? {
        guard start < depthBefore.count, let candidates = closers[depthBefore[start]] else { return nil }
        var low = 0
        var high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            if candidates[middle] < start { low = middle + 1 } else { high = middle }
        }
        guard low < candidates.count, candidates[low] < nextSpace[start] else { return nil }
        return candidates[low]
    }
}

// MARK: - Writing Markdown back

/// Writes inline content as Markdown that reads back to the same content.
private struct MarkdownWriter {
    /// The markers tried first for strong text and emphasis.
    struct Style {
        let strong: Character
        let emphasis: Character

        /// `**strong**` and `_emphasis_` are the most usual spellings, so they are tried first.
        static let all = [Style(strong: "*", emphasis: "_"), Style(strong: "*", emphasis: "*"),
                          Style(strong: "_", emphasis: "_"), Style(strong: "_", emphasis: "*")]
    }

    private let style: Style
    private var out = ""
    /// Whether the last character written is backslash-escaped: then it cannot join a marker run.
    private var endsEscaped = false

    private init(style: Style) {
        self.style = style
    }

    /// The block as Markdown, in the first style that reads back to the same block. Markers that
    /// touch (`*a*_b_**c**`) can defeat every local rule for choosing between `*` and `_`, so
    /// the result is checked by reading it back rather than trusted.
    static func block(_ block: MarkdownBlock) -> String {
        // Reading back caps headings at level 4, so a deeper one is compared at level 4.
        var expected = block
        if case let .heading(level, content) = block { expected = .heading(level: min(max(level, 1), 4), content) }
        var first: String?
        for style in Style.all {
            let text = write(block, style: style)
            if Markdown.parse(text) == [expected] { return text }
            if first == nil { first = text }
        }
        return first ?? ""
    }

    private static func write(_ block: MarkdownBlock, style: Style) -> String {
        switch block {
        case let .heading(level, content):
            // Levels 5 and 6 are kept: the report moves narrative headings down under its own.
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + heading(content, style: style)
        case .paragraph(let content):
            return line(content, style: style)
        case .bulletList(let items):
            return items.map { "- " + line($0, style: style) }.joined(separator: "\n")
        case .numberedList(let items):
            return items.enumerated().map { "\($0.offset + 1). " + line($0.element, style: style) }.joined(separator: "\n")
        case .quote(let content):
            return "> " + line(content, style: style)
        }
    }

    /// A paragraph, item or quote: one line, escaped where it would otherwise start a block.
    private static func line(_ inlines: [MarkdownInline], style: Style) -> String {
        var writer = MarkdownWriter(style: style)
        writer.write(inlines, Surroundings())
        return escapingBlockStart(writer.out)
    }

    /// A heading's text: as a line, and a final run of `#` escaped so it is not taken as closing.
    private static func heading(_ inlines: [MarkdownInline], style: Style) -> String {
        var writer = MarkdownWriter(style: style)
        writer.write(inlines, Surroundings())
        var text = writer.out
        let closing = text.reversed().prefix(while: { $0 == "#" }).count
        if closing > 0 {
            let runStart = text.index(text.endIndex, offsetBy: -closing)
            if runStart == text.startIndex || text[text.index(before: runStart)].isWhitespace {
                text.insert("\\", at: runStart)
            }
        }
        return escapingBlockStart(text)
    }

    private static func escapingBlockStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        let second = text.dropFirst().first
        switch first {
        case ">":
            return "\\" + text
        case "-", "*", "+":
            return second == nil || second!.isWhitespace ? "\\" + text : text
        case "#":
            let after = text.drop(while: { $0 == "#" }).first
            return after == nil || after!.isWhitespace ? "\\" + text : text
        default:
            let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
            let rest = text.dropFirst(digits.count)
            guard !digits.isEmpty, let marker = rest.first, marker == "." || marker == ")" else { return text }
            let after = rest.dropFirst().first
            return after == nil || after!.isWhitespace ? digits + "\\" + rest : text
        }
    }

    /// What surrounds the content being written, which its own markers must not run into.
    private struct Surroundings {
        /// The character written just after the content: the enclosing closing marker, or nil.
        var closing: Character?
        var emphasisMarker: Character?
        var strongMarker: Character?
        /// The enclosing marker is a `*` touching a word, so a marker at this edge must be `*`
        /// too and join its run: `a***b***c` is the only way to write that nesting inside a word.
        var joinAtStart = false
        var joinAtEnd = false
    }

    private mutating func write(_ inlines: [MarkdownInline], _ surroundings: Surroundings) {
        for (index, inline) in inlines.enumerated() {
            let isLast = index == inlines.count - 1
            let next = isLast ? surroundings.closing : Self.leadingCharacter(of: inlines, at: index + 1, closing: surroundings.closing)
            switch inline {
            case .text(let text):
                writeText(text)
            case .strong(let content), .emphasis(let content):
                let isStrong = if case .strong = inline { true } else { false }
                let previous: Character? = endsEscaped ? "\\" : out.last
                let joinsRun = (index == 0 && surroundings.joinAtStart) || (isLast && surroundings.joinAtEnd)
                let marker: Character
                if Self.isWordCharacter(previous) || Self.isWordCharacter(next) || joinsRun {
                    // `_` cannot open or close inside a word.
                    marker = "*"
                } else {
                    // Otherwise the preferred marker, unless it would run into the same marker
                    // beside it or repeat the one it sits inside (and the other would not).
                    let preferred = isStrong ? style.strong : style.emphasis
                    let other: Character = preferred == "*" ? "_" : "*"
                    let enclosing = isStrong ? surroundings.strongMarker : surroundings.emphasisMarker
                    let avoid = previous == preferred || next == preferred || enclosing == preferred
                    marker = avoid && previous != other && next != other ? other : preferred
                }
                var inner = surroundings
                inner.closing = marker
                if isStrong { inner.strongMarker = marker } else { inner.emphasisMarker = marker }
                inner.joinAtStart = marker == "*" && (Self.isWordCharacter(previous) || (index == 0 && surroundings.joinAtStart))
                inner.joinAtEnd = marker == "*" && (Self.isWordCharacter(next) || (isLast && surroundings.joinAtEnd))
                let markers = String(repeating: marker, count: isStrong ? 2 : 1)
                out += markers
                endsEscaped = false
                write(content, inner)
                out += markers
                endsEscaped = false
            case let .link(text, url):
                writeLink(text, url)
                endsEscaped = false
            }
        }
    }

    /// The first character `inlines[index]` will be written with, as far as choosing the marker
    /// before it goes: its first letter, `*` for a marker that must be `*`, and punctuation otherwise.
    private static func leadingCharacter(of inlines: [MarkdownInline], at index: Int, closing: Character?) -> Character? {
        switch inlines[index] {
        case .text(let text):
            // A marker character at the start of text is written escaped, after a backslash.
            return text.first.map { "*_[]\\".contains($0) ? "\\" : $0 }
        case .strong, .emphasis:
            let after: Character?
            if index + 1 < inlines.count {
                if case .text(let text) = inlines[index + 1] { after = text.first } else { after = "[" }
            } else {
                after = closing
            }
            return isWordCharacter(after) ? "*" : "["
        case .link:
            return "["
        }
    }

    private mutating func writeLink(_ text: [MarkdownInline], _ url: String) {
        let safeForAngles = !url.contains { $0.isWhitespace || $0 == "<" || $0 == ">" }
        if text == [.text(url)], safeForAngles, url.contains(":"), Markdown.isAllowedAddress(url) {
            out += "<" + url + ">"
            return
        }
        if case .text(let address) = text.first, text.count == 1, url == "mailto:" + address, safeForAngles, address.contains("@") {
            out += "<" + address + ">"
            return
        }
        out += "["
        write(text, Surroundings(closing: "]"))
        out += "](" + Self.addressForParentheses(url) + ")"
    }

    /// The address as it can stand in `(…)`: spaces and unbalanced parentheses percent-encoded.
    private static func addressForParentheses(_ url: String) -> String {
        var depth = 0
        var balanced = true
        for character in url {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1; if depth < 0 { balanced = false } }
        }
        balanced = balanced && depth == 0
        var out = ""
        for character in url {
            switch character {
            case _ where character.isWhitespace: out += "%20"
            case "(" where !balanced: out += "%28"
            case ")" where !balanced: out += "%29"
            default: out.append(character)
            }
        }
        return out
    }

    private mutating func writeText(_ text: String) {
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            let escaped: Bool
            switch character {
            case _ where character.isNewline:
                out.append(" ")
                endsEscaped = false
                continue
            case "\\":
                // Only a backslash before punctuation (or at the end, before whatever comes next) is read as an escape.
                escaped = after == nil || Self.isASCIIPunctuation(after!)
            case "[", "]":
                escaped = true
            case "*", "_":
                // Left bare where it cannot open or close: between spaces ("5 * 3"), or `_` inside a word.
                let spaced = before?.isWhitespace == true && after?.isWhitespace == true
                let inWord = character == "_" && Self.isWordCharacter(before) && Self.isWordCharacter(after)
                escaped = !spaced && !inWord
            case "<":
                // Escaped where this or another renderer could take it for a tag or an autolink.
                escaped = after == nil || after!.isLetter || after == "/" || after == "!" || after == "?"
            case "&":
                // Escaped where another renderer could take it for an entity like `&amp;`.
                escaped = after != nil && (after!.isLetter || after!.isNumber || after == "#")
            default:
                escaped = false
            }
            if escaped { out.append("\\") }
            out.append(character)
            endsEscaped = escaped
        }
    }

    private static func isASCIIPunctuation(_ character: Character) -> Bool {
        character.isASCII && (character.isPunctuation || character.isSymbol)
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
