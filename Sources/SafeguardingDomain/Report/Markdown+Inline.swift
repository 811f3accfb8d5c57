// The inline part of the narrative Markdown reader: emphasis, strong text, links and escapes.

/// Reads inline content in one pass with a stack of open markers, in the manner of CommonMark's
/// delimiter stack. Each marker is opened once and closed or given back as text once, so the time
/// taken grows with the length of the text, whatever it holds; and at most `maximumOpen` markers
/// are open at once, which bounds how deep the tree (and every recursion over it) can go.
struct InlineParser {
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
struct AddressFinder {
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
